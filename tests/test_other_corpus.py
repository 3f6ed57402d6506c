"""The whole series runs on another corpus given by one parameter, writing only under its output folder.

The corpus is the project's own synthetic one (tests/fixtures/synthetic_corpus: a fictional summit,
written for this purpose). Every notebook must run on it and write every contract file.
"""

import hashlib
import os

import pytest

from conftest import run_cli
from lib.core import paths

SYNTHETIC = paths.ROOT / "tests" / "fixtures" / "synthetic_corpus"
CONTRACT_FILES = ["articles.csv", "sentences.csv", "timex.csv", "timeline.csv", "discrepancies.csv",
                  "sentiment_sentences.csv", "sentiment_outlets.csv", "predictions.csv", "forecast_scores.csv"]


def digest(folder):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def other_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic-out")
    committed = digest(paths.ROOT / "results") | digest(paths.ROOT / "figures") | digest(SYNTHETIC)
    env = dict(os.environ, GENEVA_OFFLINE_GUARD="1")
    result = run_cli("run", "--corpus", str(SYNTHETIC), "--out", str(out), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    after = digest(paths.ROOT / "results") | digest(paths.ROOT / "figures") | digest(SYNTHETIC)
    assert after == committed, "a run on another corpus touched the committed outputs or its corpus"
    return out


def test_the_synthetic_corpus_validates():
    result = run_cli("validate", str(SYNTHETIC))
    assert result.returncode == 0, result.stderr


def test_every_notebook_writes_its_outputs_under_the_output_folder(other_run):
    written = {p.name for p in (other_run / "results").glob("*.csv")}
    expected = {name for name in CONTRACT_FILES if _notebook_for(name).exists()}
    assert expected <= written, f"missing: {sorted(expected - written)}"
    assert any((other_run / "figures").glob("*.png"))


def _notebook_for(name):
    """The notebook that writes a contract file (so the test grows with the series)."""
    owner = {"articles.csv": "01-corpus", "sentences.csv": "01-corpus", "timex.csv": "02-timeline",
             "timeline.csv": "02-timeline", "discrepancies.csv": "02-timeline",
             "sentiment_sentences.csv": "03-sentiment", "sentiment_outlets.csv": "03-sentiment",
             "predictions.csv": "04-forecasts", "forecast_scores.csv": "04-forecasts"}[name]
    return paths.ROOT / "notebooks" / f"{owner}.ipynb"


def test_synthetic_sentences_point_into_the_synthetic_texts(other_run):
    import pandas as pd

    from lib.corpus import load

    raw = dict(zip(*load.load(SYNTHETIC)[["doc_id", "text"]].T.values))
    sentences = pd.read_csv(other_run / "results" / "sentences.csv", dtype={"doc_id": str})
    assert len(sentences) > 10
    for row in sentences.itertuples():
        assert raw[row.doc_id][row.start:row.end] == row.text
