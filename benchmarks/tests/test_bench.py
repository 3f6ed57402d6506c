"""The benchmark's building blocks: the scaled corpus, the parallel pipeline, the pooled VADER loop.

No timing is asserted here (timings depend on the machine; ``python -m lib bench`` reports them).
What is asserted is what makes the timings meaningful: the scaled corpus is a valid corpus shaped
like the real one, the parallel pipeline gives exactly the plain calls' tables, and the pooled VADER
loop gives exactly NLTK's scores.
"""

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from benchmarks import bench, pipeline, scaled
from lib.core import paths, settings
from lib.corpus import clean, load, segment
from lib.tone import scorers


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    """The five real articles, named apart from scaled corpora here."""
    return load.load(paths.ROOT / "corpus")


@pytest.fixture(scope="module")
def small_scaled(tmp_path_factory) -> Path:
    return scaled.generate(12, tmp_path_factory.mktemp("scaled") / "corpus")


# --- Scaled corpus -------------------------------------------------------------------------------

def test_scaled_corpus_validates_and_keeps_the_shape_of_the_real_one(small_scaled, real):
    articles = load.load(small_scaled)          # checksums, encoding, metadata: raises on any problem
    case = settings.load(small_scaled)
    assert list(articles["doc_id"]) == [scaled.doc_id(k) for k in range(12)]
    assert "Harlow" in case.targets["biden"].mentions and "Varnov" in case.targets["putin"].mentions
    counts = segment.sentences(articles).groupby("doc_id").size()
    source_counts = segment.sentences(real).groupby("doc_id").size()
    for k, ident in enumerate(articles["doc_id"]):
        assert counts[ident] == source_counts.iloc[k % len(real)], ident


def test_scaled_copies_move_dates_by_whole_weeks_and_rename_people(small_scaled, real):
    articles = load.load(small_scaled)
    moved = 0
    for k, art in articles.iterrows():
        source = real.iloc[k % len(real)]
        days = (dt.date.fromisoformat(art["published"]) - dt.date.fromisoformat(source["published"])).days
        assert days % 7 == 0                       # "on Wednesday" stays true of the shifted summit day
        moved += days != 0
        if k >= len(real):                         # the first five keep the real names
            assert "Biden" not in art["text"] and "Putin" not in art["text"]
    assert moved >= 10


def test_scaled_corpus_is_deterministic(tmp_path):
    def digest(folder: Path) -> str:
        h = hashlib.sha256()
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
        return h.hexdigest()
    assert digest(scaled.generate(7, tmp_path / "a")) == digest(scaled.generate(7, tmp_path / "b"))


def test_shift_dates_moves_full_dates_partial_dates_and_years_but_not_the_verb_may():
    text = "On June 16, 2021 they met; in May 2021 and on June 4 talks began, in 2011 too. It may rain in May."
    assert scaled.shift_dates(text, 1, 2021) == (
        "On June 23, 2021 they met; in May 2021 and on June 11 talks began, in 2011 too. It may rain in May.")
    assert scaled.shift_dates("| June 04, 2021", -52, 2021) == "| June 05, 2020"
    assert scaled.shift_dates("the March 2011 meeting", 30, 2021) == "the October 2011 meeting"


def test_doc_ids_are_three_characters_and_sort_in_generation_order():
    ids = [scaled.doc_id(k) for k in (0, 9, 10, 35, 36, 5000, scaled.MAX_ARTICLES - 1)]
    assert ids == sorted(ids) and all(len(i) == 3 for i in ids)
    with pytest.raises(ValueError):
        scaled.doc_id(scaled.MAX_ARTICLES)


# --- Pipeline ------------------------------------------------------------------------------------

def test_parallel_pipeline_equals_the_plain_calls(small_scaled):
    articles = load.load(small_scaled)
    plain = pipeline.plain(articles, settings.load(small_scaled).targets)
    result = pipeline.run(small_scaled, workers=2, parallel_from=1, chunk_articles=5)
    assert result.workers == 2 and result.chunks == 3
    assert set(result.tables) == set(plain) == {step.name for step in pipeline.STEPS}
    for name, table in plain.items():
        assert len(table) > 0, name
        pd.testing.assert_frame_equal(result.tables[name], table, check_exact=True, obj=name)


def test_serial_pipeline_on_the_real_corpus_equals_the_plain_calls(real):
    targets = settings.load().targets
    result = pipeline.run(articles=real, targets=targets)
    assert result.workers == 1
    for name, table in pipeline.plain(real, targets).items():
        pd.testing.assert_frame_equal(result.tables[name], table, check_exact=True, obj=name)
    pd.testing.assert_frame_equal(result.tables["sentences"], segment.sentences(real))


# --- Sentence scoring ------------------------------------------------------------------------------

def test_pooled_vader_scores_equal_the_plain_nltk_loop(real):
    analyser = scorers.nltk_analyser()
    raw = list(segment.sentences(real)["text"])
    texts = raw + [clean.normalise(t) for t in raw]
    plain = pipeline.plain_vader_scores(analyser, texts)
    assert pipeline.pooled_vader_scores(analyser, texts) == plain
    # the pooled path (long lists) too
    many = texts * (5001 // len(texts) + 1)
    assert pipeline.pooled_vader_scores(analyser, many, workers=2) == plain * (5001 // len(texts) + 1)


# --- Results -------------------------------------------------------------------------------------

def test_bench_writes_results_with_the_contract_columns(tmp_path):
    assert bench.main(["--quick", "--sizes", "5,12", "--out", str(tmp_path)]) == 0
    results = pd.read_csv(tmp_path / "results.csv", keep_default_na=False)
    assert list(results.columns) == bench.RESULT_COLUMNS
    assert set(results["task"]) <= {"pipeline", "timex", "sentiment", "reproduce"}
    pipe = results[results["task"] == "pipeline"]
    assert list(pipe["n_articles"]) == [5, 12]
    assert pipe["n_sentences"].iloc[0] == 190
    assert (pipe["seconds"].astype(float) > 0).all() and (pipe["peak_mib"].astype(float) > 0).all()
    assert list(results["task"]) == ["pipeline", "pipeline", "timex", "sentiment"]
    timex = results[results["task"] == "timex"].iloc[0]
    assert timex["n_sentences"] == 190 and timex["baseline"] == "dateparser.search.search_dates"
    accuracy = pd.read_csv(tmp_path / "timex_accuracy.csv")
    assert list(accuracy.columns) == bench.ACCURACY_COLUMNS
    assert list(accuracy["system"]) == ["rules (lib.temporal)", "dateparser search_dates"] * 3
    assert list(accuracy["gold"]) == ["five articles"] * 2 + ["held-out A"] * 2 + ["held-out B"] * 2
    assert accuracy.loc[0, "n_gold"] == len(pd.read_csv(paths.ROOT / "corpus" / "annotations" / "timex_gold.csv"))
    machine = pd.read_csv(tmp_path / "machine.csv")
    assert {"nproc", "cpu", "python", "nltk"} <= set(machine["key"])


def test_bad_sizes_are_one_line_input_errors():
    from lib.core.errors import InputError
    with pytest.raises(InputError, match="--sizes"):
        bench.main(["--sizes", "5,ten"])
    with pytest.raises(InputError, match="between 1 and"):
        bench.main(["--sizes", "0"])


def test_chunks_missing_a_target_are_put_back_in_whole_corpus_order(real):
    """A target that only some chunks mention must still come out in the settings' target order."""
    targets = dict(settings.load().targets)
    targets["trump"] = settings.Target("trump", "Trump", ("Trump",))      # mentioned in a few articles only
    targets["nobody"] = settings.Target("nobody", "Nobody", ("Zzyzx",))   # in none
    plain = pipeline.plain(real, targets)["sentiment"]
    assert set(plain["target"]) == {"all", "biden", "putin", "trump"}
    result = pipeline.run(articles=real, targets=targets, workers=2, parallel_from=1, chunk_articles=1)
    pd.testing.assert_frame_equal(result.tables["sentiment"], plain, check_exact=True)
