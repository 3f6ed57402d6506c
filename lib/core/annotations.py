"""The project's own annotations (``corpus/annotations/``), read as data.

For the Geneva corpus they are the *reference coding*: made by AI coder sessions of the project, not by
people (``corpus/annotations/README.md``), which is why every row names its ``coder``.

A corpus of your own may have none: then :func:`load` returns ``None`` and the notebooks skip the
comparisons with reference coding and say so, instead of failing. Where a file exists, it is checked for
the columns it must have and every row must carry a ``coder`` and a ``date``.

Every annotation keyed by a sentence also stores that sentence's ``start``/``end`` offsets;
:func:`check_sentences` (the one place this is checked) refuses a row whose offsets no longer match
the segmenter, so a change in segmentation cannot silently misalign the coding.
"""

from pathlib import Path

import pandas as pd

from . import paths
from .errors import InputError


def folder(corpus: Path | None = None) -> Path:
    """``annotations/`` inside ``corpus`` (default: the corpus folder in use)."""
    return (Path(corpus) if corpus else paths.corpus_dir()) / "annotations"


def load(name: str, columns: tuple[str, ...] = (), corpus: Path | None = None,
         needed_by: str = "") -> pd.DataFrame | None:
    """Read ``annotations/<name>`` as text columns.

    A missing file gives ``None`` (the caller skips what needs it), or, when ``needed_by`` names the
    step that cannot do without it, a one-line :class:`InputError` saying so.
    """
    path = folder(corpus) / name
    if not path.is_file():
        if needed_by:
            raise InputError(path, f"missing: {needed_by} needs this annotation file")
        return None
    return read(path, columns)


def read(path: Path, columns: tuple[str, ...] = (), text_columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Read one annotation CSV, or say in one line why it cannot be read.

    Every column is text unless ``text_columns`` is given: then those are text (ids such as "001"
    keep their zeros, TIMEX values stay strings) and pandas types the rest (offsets become integers).
    ``columns`` must all be present; where ``coder`` or ``date`` is among them, every row needs one.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "missing annotation file")
    dtype = str if text_columns is None else dict.fromkeys(text_columns, str)
    try:
        table = pd.read_csv(path, dtype=dtype, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(path, f"not a readable UTF-8 CSV: {str(exc).splitlines()[0]}") from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(path, f"required column(s) missing: {', '.join(missing)}")
    for col in ("coder", "date"):
        if col in columns and (table[col].astype(str).str.strip() == "").any():
            raise InputError(path, f"every row needs a {col}")
    return table


def path(name: str, corpus: Path | None = None) -> Path:
    """``annotations/<name>`` inside ``corpus`` (default: the corpus folder in use)."""
    return folder(corpus) / name


def exists(name: str, corpus: Path | None = None) -> bool:
    """Whether the corpus has the annotation file ``name`` (another corpus may have none)."""
    return path(name, corpus).is_file()


#: A sentence reference in an annotation table: its doc_id, sent_id, start and end columns.
SENTENCE = ("doc_id", "sent_id", "start", "end")


def whole_number(value) -> int | None:
    """``value`` as an int if it is a whole number (``12``, ``"12"``, ``12.0`` from a column with gaps)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and number >= 0 else None


def check_sentences(table: pd.DataFrame, where: Path | str, sentences: pd.DataFrame,
                    refs: tuple[tuple[str | None, str, str, str], ...] = (SENTENCE,)) -> None:
    """Raise a one-line :class:`InputError` unless every sentence a row points at is still the
    segmenter's sentence at the stored offsets.

    ``refs`` names, for each sentence reference in the table, its doc, sent_id, start and end columns.
    A doc column of ``None`` means the table codes one article and ``sentences`` are that article's. A
    reference to the public record (doc ``record``) has no sentence and is not checked.
    """
    for doc_col, sent_col, start_col, end_col in refs:
        if doc_col is None:
            known = {(None, int(s)): (int(a), int(b))
                     for s, a, b in zip(sentences["sent_id"], sentences["start"], sentences["end"])}
            docs = [None] * len(table)
        else:
            known = {(d, int(s)): (int(a), int(b)) for d, s, a, b in
                     zip(sentences["doc_id"], sentences["sent_id"], sentences["start"], sentences["end"])}
            docs = table[doc_col].tolist()
        for i, (doc, sent, start, end) in enumerate(zip(docs, table[sent_col], table[start_col], table[end_col])):
            if doc == "record":
                continue
            numbers = [whole_number(v) for v in (sent, start, end)]
            if None in numbers:
                col = (sent_col, start_col, end_col)[numbers.index(None)]
                raise InputError(where, f"row {i + 2}: {col} must hold a whole number, found {(sent, start, end)[numbers.index(None)]!r}")
            sent, start, end = numbers
            name = f"{doc}:{sent}" if doc is not None else str(sent)
            if (doc, sent) not in known:
                raise InputError(where, f"row {i + 2}: sentence {name} is not a body sentence of this corpus")
            if known[(doc, sent)] != (start, end):
                seg = "-".join(map(str, known[(doc, sent)]))
                raise InputError(where, f"row {i + 2}: offsets {start}-{end} of sentence {name} no longer match the "
                                        f"segmenter's ({seg}); segmentation changed: re-check the coding")


def coders(corpus: Path | None = None) -> dict[str, list[str]]:
    """Who made each annotation file: ``{file name: sorted coder ids}``, for files with a ``coder`` column.

    The write-up states this beside every agreement figure, because agreement between two codings
    depends on who the coders were."""
    found = {}
    for path in sorted(folder(corpus).glob("*.csv")):
        table = read(path)
        if "coder" in table.columns:
            found[path.name] = sorted({c for c in table["coder"].astype(str) if c.strip()})
    return found
