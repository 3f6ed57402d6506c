"""A corpus with no annotation files runs the whole series to the write-up, on the tools' proposals.

The corpus is tests/fixtures/unannotated_corpus (four invented articles about the Korsholm summit of
Tuesday 9 January 2024: a preview of 26 December 2023, a dated report, and two articles that state no
date), with only raw/, metadata.csv and settings.toml, as a new user starts. Each test reads what the
series wrote: inferred publication dates, the resolution of a year-less future date, the event
linking, and what the write-up says it did not do.
"""

import os

import nbformat
import pandas as pd
import pytest

from conftest import run_cli
from lib.core import paths

CORPUS = paths.ROOT / "tests" / "fixtures" / "unannotated_corpus"


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    out = tmp_path_factory.mktemp("unannotated-out")
    env = dict(os.environ, GENEVA_OFFLINE_GUARD="1")
    result = run_cli("run", "--corpus", str(CORPUS), "--out", str(out), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def read(out, name):
    return pd.read_csv(out / "results" / name, dtype={"doc_id": str, "doc_a": str, "doc_b": str},
                       keep_default_na=False)


def outputs_text(out, notebook):
    """Everything the executed notebook displayed, as one string."""
    nb = nbformat.read(out / "build" / "notebooks" / f"{notebook}.ipynb", as_version=4)
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            parts += [o.get("text", ""), *(str(v) for v in o.get("data", {}).values())]
    return "\n".join(parts)


def test_the_corpus_has_nothing_but_raw_metadata_and_settings():
    assert sorted(p.name for p in CORPUS.iterdir()) == ["README.md", "metadata.csv", "raw", "settings.toml"]


def test_undated_articles_get_inferred_publication_dates(series):
    articles = read(series, "articles.csv").set_index("doc_id")
    # 002: "Earlier today, Vilde and Oskarsson met ..." -> the summit day itself
    assert tuple(articles.loc["002", ["published_min", "published_max", "published", "published_basis"]]) == (
        "2024-01-09", "2024-01-09", "2024-01-09", "inferred")
    # 003: "Last week Vilde and Oskarsson met ..." -> the calendar week after the summit's (Mon 15 - Sun 21 Jan)
    assert tuple(articles.loc["003", ["published_min", "published_max", "published", "published_basis"]]) == (
        "2024-01-15", "2024-01-21", "2024-01-16", "inferred")
    cues = read(series, "publication_cues.csv")
    raw = {d: (CORPUS / "raw" / f).read_text(encoding="utf-8") for d, f in
           zip(read(series, "articles.csv")["doc_id"], read(series, "articles.csv")["file"])}
    for c in cues.itertuples():
        assert raw[c.doc_id][c.cue_start:c.cue_end] == c.cue
    assert set(zip(cues["doc_id"], cues["cue"], cues["relation"])) >= {("002", "Earlier today", "same_day"),
                                                                       ("003", "Last week", "last_week")}


def test_undated_articles_are_tagged_and_on_the_timeline(series):
    timex = read(series, "timex.csv")
    assert {"002", "003"} <= set(timex["doc_id"])
    # resolved against the inferred date: 'January 12' in a past-tense sentence of 003 (16 January 2024)
    assert timex[(timex["doc_id"] == "003") & (timex["text"] == "January 12")]["value"].tolist() == ["2024-01-12"]


def test_a_year_less_date_after_a_future_marker_resolves_forward(series):
    """The preview of 26 December 2023: 'will meet in Korsholm on Tuesday, January 9' is 9 January 2024."""
    timex = read(series, "timex.csv")
    preview = timex[(timex["doc_id"] == "000") & (timex["sent_id"] == 1)]
    around = preview[preview["text"].str.contains("January 9") | preview["text"].str.contains("Tuesday")]
    assert len(around) >= 1 and set(around["value"]) == {"2024-01-09"}, around[["text", "value"]]


def test_no_group_linked_by_date_alone_counts_as_corroborated(series):
    timeline = read(series, "timeline.csv")
    assert set(timeline["linked_by"]) == {"machine"}
    # 'May 2023' in 001 (a border incident) and 003 (elections): same date, nothing else in common
    may = timeline[timeline["date_value"] == "2023-05"]
    assert sorted(may["doc_id"]) == ["001", "003"]
    assert may["event_id"].nunique() == 2 and (may["n_outlets"] == 1).all()
    assert may["link_basis"].str.startswith("date only").all()
    # every event counted for two outlets or more is linked by shared words, not by its date
    shared = timeline[timeline["n_outlets"] > 1]
    assert len(shared) and shared["link_basis"].str.startswith("date and words").all()
    # the summit: 001 "met for three hours in Korsholm on Tuesday", 002 "Earlier today, ... met for four hours
    # in Korsholm": the same day and shared words, so one event reported by both
    summit = timeline[(timeline["date_value"] == "2024-01-09") & timeline["doc_id"].isin(["001", "002"])]
    assert summit["event_id"].nunique() == 1 and (summit["n_outlets"] >= 2).all()


def test_discrepancies_are_candidates_not_conflicts(series):
    assert read(series, "discrepancies.csv").empty
    cands = read(series, "discrepancy_candidates.csv")
    numbers = set(zip(cands.loc[cands["kind"] == "number", "value_a"], cands.loc[cands["kind"] == "number", "value_b"]))
    assert numbers == {("three hours", "four hours"), ("12 prisoners", "ten prisoners")}
    assert ("003", "for the first time") in set(zip(cands["doc_a"], cands["value_a"]))


def test_forecasts_are_proposed_and_scoring_skipped_with_a_note(series):
    assert not (series / "results" / "predictions.csv").exists()
    text = outputs_text(series, "04-forecasts")
    assert "Proposals only: forecasts of the forecast article scored against outcomes" in text
    assert "python -m lib skeleton forecasts" in text
    assert "almost_certain" in text   # the proposal for "will meet", with its probabilities
    assert "0.93" in text


def test_the_write_up_says_what_was_skipped_and_never_claims_no_conflict(series):
    text = outputs_text(series, "05-write-up")
    assert "0 of 9 analyses ran on annotation files; 4 rest on the tools' proposals only; 5 were skipped" in text
    assert "**No claim was checked**" in text and "no factual conflict" not in text
    assert "Skipped: forecasts of the forecast article scored against outcomes" in text
    assert "machine-linked" in text


def test_geneva_findings_are_not_shown_for_this_corpus(series):
    text = "\n".join(c.source for c in nbformat.read(series / "build" / "notebooks" / "02-timeline.ipynb", 4).cells)
    assert "Nine conflicts" not in text and "not shown for another corpus" in text


def test_validate_warns_in_one_line_each_and_exits_zero():
    result = run_cli("validate", str(CORPUS))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    assert any("no claim_checks.csv" in w and "skeleton claim-checks" in w for w in warnings)
    assert any("no forecast_review.csv, forecasts.csv, outcomes.csv" in w for w in warnings)
    assert len(result.stdout.splitlines()) == 1 + len(warnings)


def test_validate_warns_about_settings_that_do_not_fit(tmp_path):
    import shutil

    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    text = (folder / "settings.toml").read_text(encoding="utf-8")
    text = (text.replace('event_date = "2024-01-09"', 'event_date = "2019-01-09"')
                .replace('forecast_doc = "000"', 'forecast_doc = "009"')
                .replace('mentions = ["Vilde", "Marenland", "Marenlandic"]', 'mentions = ["Nobody"]'))
    (folder / "settings.toml").write_text(text, encoding="utf-8")
    out = run_cli("validate", str(folder)).stdout
    assert "event_date 2019-01-09 is more than" in out
    assert "forecast_doc '009' is not a doc_id" in out
    assert "[targets.vilde] mentions (Nobody) occur in no article" in out


def test_init_corpus_proposes_what_the_texts_state(tmp_path):
    import shutil

    shutil.copytree(CORPUS / "raw", tmp_path / "mine" / "raw")
    result = run_cli("init-corpus", str(tmp_path / "mine"))
    assert result.returncode == 0, result.stderr
    meta = pd.read_csv(tmp_path / "mine" / "metadata.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    assert tuple(meta.loc["001", ["title", "author", "outlet", "published", "published_basis"]]) == (
        "Vilde and Oskarsson Agree to Restore Flights", "Jonas Ekholm", "Korsholm Courier", "2024-01-09", "stated")
    assert "line 5 'Korsholm Courier, January 9, 2024'" in meta.loc["001", "notes"]
    assert meta.loc["000", "title"] == "Low Expectations for Korsholm"
    assert meta.loc["002", "published"] == "" and meta.loc["002", "published_basis"] == ""
    assert "FILL IN" in (tmp_path / "mine" / "settings.toml").read_text(encoding="utf-8")
    assert run_cli("validate", str(tmp_path / "mine")).returncode == 0


@pytest.mark.parametrize("kind", ["forecasts", "claim-checks", "events", "dating-cues", "sentiment", "line-labels",
                                  "timex-gold"])
def test_skeletons_are_written_for_review_and_refused_until_reviewed(tmp_path, kind):
    result = run_cli("skeleton", kind, str(CORPUS), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = sorted(tmp_path.glob("*.csv"))
    assert written
    for path in written:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert {"coder", "date"} <= set(table.columns) and (table["coder"] == "").all()
    assert run_cli("skeleton", kind, str(CORPUS), "--out", str(tmp_path)).returncode == 2   # never overwrites


def test_an_unreviewed_forecast_skeleton_is_refused_with_one_line(tmp_path):
    import shutil

    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    assert run_cli("skeleton", "forecasts", str(folder)).returncode == 0
    forecasts = pd.read_csv(folder / "review" / "forecasts.csv", dtype=str, keep_default_na=False)
    assert forecasts.loc[0, ["hedge", "level"]].tolist() == ["will", "almost_certain"]
    raw = (folder / "raw" / "000_preview.txt").read_text(encoding="utf-8")
    for f in forecasts.itertuples():
        assert raw[int(f.hedge_start):int(f.hedge_end)] == f.hedge
    (folder / "annotations").mkdir()
    for name in ("forecast_review.csv", "forecasts.csv", "outcomes.csv"):
        shutil.move(folder / "review" / name, folder / "annotations" / name)
    from lib.core.errors import InputError
    from lib.corpus import load, segment
    from lib.forecasts import scoring

    articles = load.load(folder)
    sentences = segment.sentences(articles)
    own = sentences[sentences["doc_id"] == "000"].reset_index(drop=True)
    with pytest.raises(InputError, match="every row needs a coder"):
        scoring.load_forecasts(own, raw, folder)


def test_the_readme_checklist_names_every_annotation_file_and_its_skeleton():
    from lib.core import readiness

    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    checklist = readme[readme.index("## Your own corpus"):readme.index("## Layout")]
    for step in readiness.STEPS:
        for name in step.files:
            assert f"`{name}`" in checklist, name
        if step.skeleton:
            assert f"python -m lib skeleton {step.skeleton} DIR" in checklist, step.key
