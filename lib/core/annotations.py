"""The project's own annotations (``corpus/annotations/``), read as data.

For the Geneva corpus they are the *reference coding*: made by AI coder sessions of the project, not by
people (``corpus/annotations/README.md``), which is why every row names its ``coder``.

A corpus of your own may have none: then :func:`load` returns ``None`` and the notebooks skip the
comparisons with reference coding and say so, instead of failing. Where a file exists, it is checked for
the columns it must have and every row must carry a ``coder`` and a ``date``.
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
