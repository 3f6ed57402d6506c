"""Load and verify a corpus folder.

A corpus folder holds ``metadata.csv`` (one row per article), the raw texts under ``raw/`` and a
``settings.toml``. Loading checks everything, every time, before any analysis sees a character:
checksums, encoding, empty or binary files, duplicated ids, impossible dates, files nobody listed.
A problem stops the run with a one-line :class:`~lib.core.errors.InputError`; nothing is dropped silently
and nothing is ever written into the corpus folder.
"""

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path

import pandas as pd

from ..core import paths
from ..core.errors import InputError

#: Columns ``metadata.csv`` must have (corpus/README.md documents each).
REQUIRED_COLUMNS = (
    "doc_id", "file", "sha256", "outlet", "author", "title", "published", "published_min",
    "published_max", "published_basis", "genre", "timing", "notes",
)
DATE_COLUMNS = ("published", "published_min", "published_max")
BASES = {"stated", "inferred", ""}
GENRES = {"news", "analysis", "opinion", ""}
TIMINGS = {"pre-summit", "post-summit", "pre-event", "post-event", ""}
DOC_ID = re.compile(r"^[0-9A-Za-z]{3}$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of raw bytes, the checksum ``metadata.csv`` records."""
    return hashlib.sha256(data).hexdigest()


#: Control characters other than the white-space ones (tab, newline, form feed, carriage return).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode(path: Path, data: bytes) -> str:
    """Decode one raw file as the contract reads it, or say why it cannot be an article.

    Offsets in every result are indices into ``open(path, encoding="utf-8").read()``, so the text
    is decoded the same way (UTF-8, universal newlines).
    """
    if not data.strip():
        raise InputError(path, "empty file: an article needs text")
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes): expected UTF-8 plain text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8: byte {data[exc.start]:#04x} at offset {exc.start} "
                               "(re-save the file as UTF-8)") from None
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(path, f"binary file ({controls} control characters): expected plain text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_metadata(corpus: Path) -> pd.DataFrame:
    """Read ``metadata.csv`` as text columns and check its shape (not yet the files)."""
    path = corpus / "metadata.csv"
    if not path.is_file():
        raise InputError(path, "missing (write a skeleton with: python -m lib init-corpus "
                               f"{corpus})")
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 (re-save the file as UTF-8)") from None
    except csv.Error as exc:
        raise InputError(path, f"not a readable CSV: {exc}") from None
    if not rows:
        raise InputError(path, "empty: expected a header row and one row per article")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(path, f"required column(s) missing: {', '.join(missing)}")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise InputError(f"{path}:{number}", f"{len(row)} fields where the header has {len(header)}")
    table = pd.DataFrame(rows[1:], columns=header, dtype=str)
    if table.empty:
        raise InputError(path, "no articles listed")
    return table


def _check_dates(path: Path, row: pd.Series) -> None:
    where = f"{path} (doc_id {row['doc_id']})"
    days = {}
    for col in DATE_COLUMNS:
        value = row[col].strip()
        if not value:
            continue
        if not ISO_DAY.match(value):
            raise InputError(where, f"{col} {value!r} is not an ISO date YYYY-MM-DD")
        try:
            days[col] = dt.date.fromisoformat(value)
        except ValueError:
            raise InputError(where, f"{col} {value!r} is not a real calendar date") from None
    lo, best, hi = (days.get(c) for c in ("published_min", "published", "published_max"))
    if lo and hi and lo > hi:
        raise InputError(where, f"published_min {lo} is after published_max {hi}")
    if best and ((lo and best < lo) or (hi and best > hi)):
        raise InputError(where, f"published {best} lies outside published_min..published_max")
    if row["published_basis"] not in BASES:
        raise InputError(where, f"published_basis {row['published_basis']!r} is not stated or inferred")
    if row["published_basis"] == "stated" and not best:
        raise InputError(where, "published_basis is stated but published is empty")


def _check_rows(path: Path, table: pd.DataFrame) -> None:
    for col in ("doc_id", "file"):
        dupes = sorted(table.loc[table[col].duplicated(), col])
        if dupes:
            raise InputError(path, f"duplicated {col}: {', '.join(dupes)}")
    for _, row in table.iterrows():
        where = f"{path} (doc_id {row['doc_id']!r})"
        if not DOC_ID.match(row["doc_id"]):
            raise InputError(where, "doc_id must be three characters (the start of the file name)")
        if not row["file"].startswith(row["doc_id"]):
            raise InputError(where, f"file {row['file']!r} does not start with its doc_id")
        if row["genre"] not in GENRES:
            raise InputError(where, f"genre {row['genre']!r} is not news, analysis or opinion")
        if row["timing"] not in TIMINGS:
            raise InputError(where, f"timing {row['timing']!r} is not pre-summit or post-summit")
        _check_dates(path, row)


def load(corpus: Path | str | None = None) -> pd.DataFrame:
    """Load and verify a corpus: one row per article, metadata columns plus ``path`` and ``text``.

    ``text`` is the raw article exactly as the contract reads it; every offset in the project points
    into it. Raises :class:`InputError` on the first problem found.
    """
    corpus = Path(corpus) if corpus else paths.corpus_dir()
    if not corpus.is_dir():
        raise InputError(corpus, "not a folder")
    meta_path = corpus / "metadata.csv"
    table = read_metadata(corpus)
    _check_rows(meta_path, table)
    raw = raw_dir(corpus)
    listed = set(table["file"])
    unlisted = sorted(p.name for p in raw.glob("*.txt") if p.name not in listed)
    if unlisted:
        raise InputError(raw / unlisted[0], "not listed in metadata.csv (add a row or move the file)")
    texts, files = [], []
    for _, row in table.iterrows():
        path = raw / row["file"]
        if not path.is_file():
            raise InputError(path, f"missing (metadata.csv lists it for doc_id {row['doc_id']})")
        data = path.read_bytes()
        digest = sha256(data)
        if digest != row["sha256"].strip().lower():
            raise InputError(path, f"sha256 {digest[:12]}… differs from metadata.csv "
                                   f"({row['sha256'][:12]}…): the raw file was changed")
        texts.append(decode(path, data))
        files.append(str(path))
    table = table.assign(path=files, text=texts)
    return table.sort_values("doc_id", kind="stable").reset_index(drop=True)


def raw_dir(corpus: Path) -> Path:
    """Where a corpus keeps its texts: ``raw/`` if there is one, else the folder itself."""
    return corpus / "raw" if (corpus / "raw").is_dir() else corpus


def outlet_label(doc_id: str, outlet, short: bool = False) -> str:
    """The outlet as a reader should see it: its name, or ``unknown outlet (003)`` where the metadata
    leaves it empty (or a table read back from CSV holds NaN). ``short`` drops the ``(003)`` for labels
    that print the doc_id beside the outlet already. The one place this label is made, so every table,
    figure and sentence of the write-up names an unknown outlet the same way."""
    if isinstance(outlet, str) and outlet.strip():
        return outlet
    return "unknown outlet" if short else f"unknown outlet ({doc_id})"


def outlet_labels(table: pd.DataFrame, short: bool = False) -> dict[str, str]:
    """doc_id -> :func:`outlet_label`, for any table with ``doc_id`` and ``outlet`` columns."""
    return {d: outlet_label(d, o, short) for d, o in zip(table["doc_id"], table["outlet"])}


def summary(articles: pd.DataFrame) -> str:
    """A one-line summary of a verified corpus."""
    days = sorted(d for d in articles["published"] if d)
    span = f", published {days[0]} to {days[-1]}" if days else ""
    return (f"{len(articles)} articles verified (checksums, UTF-8, dates), "
            f"{sum(len(t) for t in articles['text']):,} characters{span}")


def init_metadata(folder: Path | str, propose=None) -> Path:
    """Write a ``metadata.csv`` skeleton with checksums for a folder of ``.txt`` files.

    The texts are expected in ``FOLDER/raw/`` (or directly in FOLDER, which is then used as is).
    ``propose(text) -> dict`` may fill further columns from the text (what it states), for the user
    to confirm.
    The skeleton is for the user to complete; it refuses to overwrite an existing metadata.csv and
    refuses the project's own corpus folder, which code never writes into.
    """
    folder = Path(folder).resolve()
    if folder == (paths.ROOT / "corpus").resolve():
        raise InputError(folder, "is the project's own corpus: code never writes there")
    raw = raw_dir(folder)
    files = sorted(raw.glob("*.txt"))
    if not files:
        raise InputError(raw, "no .txt files to describe")
    target = folder / "metadata.csv"
    if target.exists():
        raise InputError(target, "already exists: remove it first if you want a fresh skeleton")
    ids = [p.name[:3] for p in files]
    clash = sorted({i for i in ids if ids.count(i) > 1})
    if clash:
        raise InputError(raw, f"file names must start with a unique three-character id (like 000_): "
                              f"{clash[0]!r} starts several")
    rows = []
    for path in files:
        data = path.read_bytes()
        text = decode(path, data)
        rows.append({"doc_id": path.name[:3], "file": path.name, "sha256": sha256(data),
                     **(propose(text) if propose else {})})
    with open(target, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, REQUIRED_COLUMNS, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)
    return target


#: Columns of results/articles.csv (the contract's, then extras).
ARTICLE_COLUMNS = ["doc_id", "file", "sha256", "outlet", "author", "title", "published", "published_min",
                   "published_max", "published_basis", "n_sentences", "n_words", "genre", "timing"]


def article_table(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``results/articles.csv``: metadata plus body sentence and word counts per article."""
    counts = sentences.groupby("doc_id").agg(n_sentences=("sent_id", "size"), n_words=("n_words", "sum"))
    table = articles.join(counts, on="doc_id")
    table[["n_sentences", "n_words"]] = table[["n_sentences", "n_words"]].fillna(0).astype(int)
    return table[ARTICLE_COLUMNS]
