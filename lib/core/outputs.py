"""Tidy CSV output that reproduces byte for byte.

Every table under ``results/`` is written here: UTF-8, comma-separated, a header row, ``\\n`` line
ends, no index column, floats with a fixed number of decimals (so a rerun, or another machine with
the same pins, writes identical bytes).
"""

from pathlib import Path

import pandas as pd

from . import paths

FLOAT_FORMAT = "%.6g"


def write_csv(table: pd.DataFrame, name: str, folder: Path | None = None) -> Path:
    """Write ``table`` as ``results/<name>`` (or into ``folder``) and return the path.

    Refuses to write inside the corpus folder: code never writes into ``corpus/``.
    """
    folder = Path(folder) if folder else paths.results_dir()
    target = (folder / name).resolve()
    if paths.corpus_dir() in target.parents or (paths.ROOT / "corpus") in target.parents:
        raise PermissionError(f"{target}: refusing to write into the corpus folder")
    table.to_csv(target, index=False, lineterminator="\n", encoding="utf-8", float_format=FLOAT_FORMAT)
    return target


def read_csv(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_csv`, keeping ids such as ``doc_id`` as text."""
    folder = Path(folder) if folder else paths.results_dir()
    return pd.read_csv(folder / name, dtype={"doc_id": str, "doc_a": str, "doc_b": str}, keep_default_na=False,
                       na_values=[""])
