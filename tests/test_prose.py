"""Every number a reader sees in the notebooks' findings is computed from results/ when the notebook runs.

Notebooks 02–05 show their findings sentences by calling functions of :mod:`lib.writeup` (and
:mod:`lib.forecasts.scoring`) on the committed results and displaying the Markdown they return. The tests
below check those functions against the results tables, claim by claim, and check that the notebooks call
them; the last test checks that no markdown cell still types a findings number, so prose cannot drift.
"""

import nbformat
import pandas as pd
import pytest

from lib import writeup
from lib.core import outputs, paths

NOTEBOOKS = ["02-timeline.ipynb", "03-sentiment.ipynb", "04-forecasts.ipynb", "05-write-up.ipynb"]


def cells(name: str, kind: str) -> str:
    nb = nbformat.read(paths.ROOT / "notebooks" / name, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == kind).replace("\n", " ")


@pytest.fixture(scope="module")
def tables():
    return outputs.read_results()


def scores() -> pd.DataFrame:
    return outputs.read_csv("timex_scores.csv").pivot_table(index=["dataset", "method"], columns="metric",
                                                             values="value")


def test_tagger_caption_in_notebook_02(tables):
    """The figure caption's ranges over the three evaluation sets, the targets and the held-out values."""
    s = scores()
    rules = s.xs("rules (lib.temporal)", level="method")
    base = s.xs("dateparser search_dates", level="method")
    held = rules.loc[["held-out A", "held-out B"], "value_correct_of_gold"]
    span = lambda v: f"{v.min():.2f}–{v.max():.2f}"
    pct = lambda v: f"{round(100 * v.min())}–{round(100 * v.max())} %"
    text = writeup.tagger_caption(tables)
    assert f"(F1 {span(rules['relaxed_f1'])} with overlapping spans)" in text
    assert f"get {span(rules['value_correct_of_gold'])} of all values right" in text
    assert f"dateparser finds {pct(base['relaxed_recall'])} of them and gets {pct(base['value_correct_of_gold'])}" in text
    assert f"lower for values ({held.iloc[0]:.2f} and {held.iloc[1]:.2f})" in text
    five = rules.loc["five articles"]
    met = five["relaxed_f1"] >= 0.95 and five["value_correct_of_gold"] >= 0.90
    assert ("are met," if met else "are not met,") in text
    assert "writeup.tagger_caption(" in cells("02-timeline.ipynb", "code")


def test_tagger_and_dating_summary_in_notebook_02(tables):
    s = scores()
    five = s.loc[("five articles", "rules (lib.temporal)")]
    n_gold = int(five["n_gold"])
    found = round(five["strict_recall"] * n_gold)
    held = s.xs("rules (lib.temporal)", level="method").loc[["held-out A", "held-out B"]]
    text = writeup.tagger_dating_summary(tables)
    assert f"finds {found} of the {n_gold} expressions" in text
    assert (f"resolves all {found} correctly" in text) == (round(five["value_correct_of_gold"] * n_gold) == found)
    assert f"keeps F1 ≥ {int(100 * held['relaxed_f1'].min()) / 100:.2f}" in text
    v = held["value_correct_of_gold"]
    assert f"gets {v.min():.2f}–{v.max():.2f} of values right" in text
    a = outputs.read_csv("articles.csv").set_index("doc_id")
    assert (a.loc["002", ["published_min", "published_max"]] == "2021-06-16").all()
    assert list(a.loc[["003", "004"], "published_max"]) == ["2021-06-20", "2021-06-22"]
    assert "written on 16 June (002), 16–20 June (003) and 16–22 June (004)" in text
    assert "writeup.tagger_dating_summary(" in cells("02-timeline.ipynb", "code")


def test_validation_sentences_in_notebook_03(tables):
    v = outputs.read_csv("sentiment_validation.csv").set_index(["target", "method"])
    ref, nltk = v.loc[("all", "vader_reference"), "macro_f1"], v.loc[("all", "vader"), "macro_f1"]
    assert f"macro-F1 about {ref:.2f} against {nltk:.2f}" in writeup.vader_versions(tables)
    s = outputs.read_csv("sentiment_sentences.csv")
    tb = s[s["method"] == "textblob"]
    text = writeup.textblob_note(tables)
    assert f"labels {int((tb['label'] == 0).sum())} of the {len(tb)} sentences neutral" in text
    assert f"(Spearman {v.loc[('all', 'textblob'), 'spearman']:.2f})" in text
    leaders = v.drop(index="all", level="target")["macro_f1"]
    assert f"macro-F1 of {leaders.min():.2f}–{leaders.max():.2f}" in writeup.leader_lexicon_scores(tables)
    code = cells("03-sentiment.ipynb", "code")
    for name in ("vader_versions", "textblob_note", "leader_lexicon_scores", "leader_takeaway"):
        assert f"writeup.{name}(" in code


def test_leader_takeaway_in_notebook_03_matches_tone_leaders(tables):
    """Section 6's takeaway on tone toward each leader, claim by claim, against tone_leaders.csv."""
    leaders = outputs.read_csv("tone_leaders.csv")
    reference = outputs.read_csv("sentiment_outlets.csv")
    reference = reference[reference["method"] == "reference"]

    def means(table, method, target):
        rows = table[(table["method"] == method) & (table["target"] == target)]
        return rows.set_index("doc_id")["mean"].sort_values(kind="stable")

    text = writeup.leader_takeaway(tables)
    assert means(leaders, "context_lr", "putin").index[0] == means(reference, "reference", "putin").index[0] == "004"
    assert "agree on the coldest article, FISM News" in text
    assert means(leaders, "context_lr", "putin").index[-1] == means(reference, "reference", "putin").index[-2] == "002"
    assert "(`context_lr`'s warmest, the reference coding's second)" in text
    gr = reference[(reference["doc_id"] == "000") & (reference["target"] == "putin")].iloc[0]
    own = leaders[(leaders["doc_id"] == "000") & (leaders["target"] == "putin") & (leaders["method"] == "context_lr")].iloc[0]
    assert (gr["mean"], gr["n"], own["n"]) == (1.0, 10, 9) and -0.3 < own["mean"] < 0
    assert "uniformly warm toward Putin in the ten sentences" in text and "its nine mentioning sentences slightly below zero" in text
    for doc in ("000", "001"):
        assert means(leaders, "context_lr", "biden")[doc] < 0
        assert means(reference, "reference", "biden")[doc] > 0 and means(leaders, "vader_sentence", "biden")[doc] > 0
    assert "Global Research" in text.split("Toward Biden")[1] and "Russia Matters" in text.split("Toward Biden")[1]
    vader = leaders[leaders["method"] == "vader_sentence"]
    assert f"puts {int((vader['mean'] > 0).sum())} of its {len(vader)} article-and-leader means above zero" in text
    assert f"With {leaders['n'].min()} to {leaders['n'].max()} sentences per article and leader" in text
    external = outputs.read_csv("tone_external.csv")
    acc = external[(external["split"] == "devtest_mt") & (external["method"] == "context_lr")
                   & (external["level"] == "target")]["accuracy"].iloc[0]
    assert 0.55 <= acc < 0.65 and "right on about six persons in ten in the outside test" in text


def test_outside_test_prose_in_notebook_03():
    """Section 0's statements about the NewsMTSC selection and test."""
    selection = outputs.read_csv("tone_selection.csv")
    external = outputs.read_csv("tone_external.csv")
    text = cells("03-sentiment.ipynb", "markdown")
    assert "On `train` the trained `context_lr` is best by a wide margin" in text
    assert selection["method"].iloc[0] == "context_lr" and selection["cv_macro_f1"].iloc[0] - selection["cv_macro_f1"].iloc[1] > 0.05
    assert "TextBlob is worst" in text and selection["method"].iloc[-1].startswith("textblob")
    sentence = external[external["level"] == "sentence"].set_index(["split", "method"])
    assert "`diplomacy` wins on `train` by a small but consistent margin" in text
    assert sentence.loc[("train", "diplomacy"), "diff_low"] > 0 and sentence.loc[("train", "diplomacy"), "recommended"] == 1
    assert "on the test sentences its difference from VADER is within noise, and it does no worse" in text
    row = sentence.loc[("devtest_mt", "diplomacy")]
    assert row["diff_low"] < 0 < row["diff_high"] and row["diff_baseline"] >= 0


#: Findings numbers once typed in the markdown of notebooks 02 and 03, now computed when they run.
FORMER_TYPED = ["68 of the 69", "F1 ≥ 0.98", "0.90–0.96", "0.99–1.00", "0.90–0.99", "54–88 %", "32–52 %",
                "(0.90 and 0.96)", "16–20 June (003)", "16–22 June (004)", "about 0.55", "against 0.52",
                "83 of the 190", "Spearman 0.21", "about 0.5 ", "the ten sentences", "nine mentioning",
                "9 to 45", "six persons in ten"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_markdown_types_no_findings_numbers(name):
    """No markdown cell of notebooks 02–05 types one of the findings numbers that used to be typed there (a
    general pattern for "a number from results/" would also catch worked examples and thresholds)."""
    assert [p for p in FORMER_TYPED if p in cells(name, "markdown")] == []
