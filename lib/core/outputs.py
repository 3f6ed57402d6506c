"""Tidy CSV output that reproduces byte for byte.

Every table under ``results/`` is written here: UTF-8, comma-separated, a header row, ``\\n`` line
ends, no index column, floats with a fixed number of decimals (so a rerun, or another machine with
the same pins, writes identical bytes). The results contract (:data:`CONTRACT`: which notebook
writes which table with which columns) lives here too, beside the writer, and :func:`read_results`
reads the tables back for the write-up, refusing a table that breaks it.
"""

from pathlib import Path

import pandas as pd

from . import paths
from .errors import InputError

FLOAT_FORMAT = "%.6g"


#: results table -> (notebook that writes it, columns the contract requires)
CONTRACT = {
    "articles.csv": ("01", ["doc_id", "file", "sha256", "outlet", "author", "title", "published", "published_min",
                            "published_max", "published_basis", "n_sentences", "n_words"]),
    "sentences.csv": ("01", ["doc_id", "sent_id", "start", "end", "text"]),
    "timex.csv": ("02", ["doc_id", "sent_id", "start", "end", "text", "type", "value", "anchor"]),
    "timeline.csv": ("02", ["event_id", "event", "date_value", "date_start", "date_end", "granularity", "doc_id",
                            "sent_id", "start", "end", "evidence", "n_outlets"]),
    "discrepancies.csv": ("02", ["topic", "doc_a", "sent_a", "doc_b", "sent_b", "description"]),
    "sentiment_sentences.csv": ("03", ["doc_id", "sent_id", "method", "score", "label"]),
    "sentiment_outlets.csv": ("03", ["outlet", "doc_id", "method", "target", "mean", "ci_low", "ci_high", "n"]),
    "predictions.csv": ("04", ["pred_id", "sent_id", "start", "end", "claim", "topic", "hedge", "probability",
                               "outcome", "outcome_basis", "evidence", "brier"]),
    "forecast_scores.csv": ("04", ["metric", "value"]),
}

#: Tables beyond the contract that a section uses when they are there (same rules as CONTRACT).
EXTRAS = {
    "sentiment_validation.csv": ("03", ["target", "method", "n", "accuracy", "macro_f1", "spearman"]),
    "sentiment_agreement.csv": ("03", ["variable", "level", "n_units", "n_paired", "alpha"]),
    "discrepancy_candidates.csv": ("02", ["kind", "doc_a", "sent_a", "doc_b", "sent_b"]),
    "timex_scores.csv": ("02", ["dataset", "method", "metric", "value"]),
    "publication_dates.csv": ("02", ["doc_id", "metadata_basis", "machine_min", "machine_max", "contains"]),
    "tone_selection.csv": ("03", ["method", "cv_macro_f1", "cv_sd"]),
    "tone_external.csv": ("03", ["level", "method", "split", "n", "macro_f1", "accuracy", "ci_low", "ci_high",
                                 "baseline", "diff_baseline", "diff_low", "diff_high", "recommended"]),
    "tone_leaders.csv": ("03", ["outlet", "doc_id", "target", "method", "mean", "ci_low", "ci_high", "n",
                                "n_mentions"]),
    "sentiment_method_differences.csv": ("03", ["target", "method_a", "method_b", "n", "difference", "ci_low",
                                                "ci_high", "degenerate"]),
    "forecast_sensitivity.csv": ("04", ["horizon", "scale", "variant", "shift", "verdict_vs_0.5",
                                        "verdict_vs_base_rate"]),
}

Tables = dict[str, pd.DataFrame | None]


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


def read_results(folder: Path | None = None) -> Tables:
    """Read every contract table present in ``folder`` (default ``results/``); absent ones are ``None``.

    Raises :class:`InputError` for a table that exists but misses a required column, so a broken
    upstream notebook is named instead of producing a silently wrong write-up.
    """
    folder = Path(folder) if folder else paths.results_dir()
    tables: Tables = {}
    for name, (_, columns) in (CONTRACT | EXTRAS).items():
        if not (folder / name).is_file():
            tables[name] = None
            continue
        table = read_csv(name, folder=folder)
        absent = [c for c in columns if c not in table.columns]
        if absent:
            raise InputError(folder / name, f"missing contract column(s) {', '.join(absent)}")
        tables[name] = table
    return tables


def preview(table: pd.DataFrame, where: str, n: int = 5) -> pd.DataFrame:
    """The first ``n`` rows of a long table, after one line saying how many there are and where all of
    them are: a notebook shows the shape of a table, the CSV holds the whole of it."""
    print(f"{len(table)} rows; the first {min(n, len(table))} below; all of them: {where}")
    return table.head(n)
