"""The public record the project checks the articles against (``corpus/record.csv``), read as data.

One row per fact, in the project's own words, each with its source (publisher, title, date, address):
outcomes of forecasts, claim checks and dated events point at these rows by ``fact_id``. No fact may rest
on a corpus article: a fact only the articles give is not in the record, and a check that needs it is
``unverifiable``. A corpus without a record file simply has no record-based checks.

Each row also says how far its source was checked (``source_checked``, one of ``CHECKED``), with a short
``check_note`` on what was seen: a reader can then tell a fact whose source text was read from one whose
address is only the best known.
"""

from pathlib import Path

import pandas as pd

from ..core import annotations, paths
from ..core.errors import InputError

COLUMNS = ("fact_id", "date", "statement", "publisher", "title", "published", "url", "source_checked", "check_note")

#: ``stored copy``: the source's text was read (the page or a faithful copy) and supports the statement;
#: ``not checked``: no copy was found, the address is the best known.
CHECKED = ("stored copy", "not checked")


def path(corpus: Path | None = None) -> Path:
    """``record.csv`` inside ``corpus`` (default: the corpus folder in use)."""
    return (Path(corpus) if corpus else paths.corpus_dir()) / "record.csv"


def load(corpus: Path | None = None) -> pd.DataFrame | None:
    """The record indexed by ``fact_id``, or ``None`` when the corpus has none.

    Every fact needs a date, a statement, a full source and a known ``source_checked``; ids must be unique."""
    file = path(corpus)
    if not file.is_file():
        return None
    table = annotations.read(file, COLUMNS)
    for i, row in table.iterrows():
        empty = [c for c in COLUMNS if not str(row[c]).strip()]
        if empty:
            raise InputError(file, f"row {i + 2}: {', '.join(empty)} empty (every fact needs a full source)")
        if row["source_checked"] not in CHECKED:
            raise InputError(file, f"row {i + 2}: source_checked is {row['source_checked']!r}, expected one of: "
                                   f"{', '.join(CHECKED)}")
    duplicated = table["fact_id"][table["fact_id"].duplicated()].tolist()
    if duplicated:
        raise InputError(file, f"fact_id {duplicated[0]} appears twice")
    return table.set_index("fact_id", drop=False)


def ids(cell: str) -> list[str]:
    """The fact ids in a cell that may cite several, separated by spaces (``"R16 R17"``)."""
    return [part for part in str(cell).split() if part]


def check_references(cells, where: str, corpus: Path | None = None) -> None:
    """Fail in one line when a cited fact id is not in the record."""
    facts = load(corpus)
    known = set() if facts is None else set(facts.index)
    for cell in cells:
        for fact in ids(cell):
            if fact not in known:
                raise InputError(path(corpus), f"{where} cites {fact}, which is not in the record")
