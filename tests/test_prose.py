"""Numbers typed in the notebooks' takeaways must match the results they describe.

The write-up (notebook 05) and notebook 04 compute their findings' numbers when they run; notebooks 02
and 03 still state a few findings in prose under their tables and figures. Each phrase below is checked against the committed
results, so a change to the data or a method that moves a number fails here until the prose follows.
"""

import nbformat
import pandas as pd
import pytest

from lib.core import outputs, paths


def markdown(name: str) -> str:
    nb = nbformat.read(paths.ROOT / "notebooks" / name, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").replace("\n", " ")


def metric(table: pd.DataFrame, name: str) -> float:
    return float(table.loc[table["metric"] == name, "value"].iloc[0])


def test_tagger_summary_in_notebook_02():
    scores = outputs.read_csv("timex_scores.csv")
    rules = scores[(scores["dataset"] == "five articles") & scores["method"].str.startswith("rules")]
    n_gold = int(metric(rules, "n_gold"))
    found = round(metric(rules, "strict_recall") * n_gold)
    assert f"finds {found} of the {n_gold} expressions" in markdown("02-timeline.ipynb")
    held_out = [metric(scores[(scores["dataset"] == name) & scores["method"].str.startswith("rules")],
                       "value_correct_of_gold") for name in ("held-out A", "held-out B")]
    assert f"lower for values ({held_out[0]:.2f} and {held_out[1]:.2f})" in markdown("02-timeline.ipynb")
    assert f"gets {min(held_out):.2f}–{max(held_out):.2f} of values right" in markdown("02-timeline.ipynb")


@pytest.mark.parametrize("method, phrase", [
    ("textblob", "than chance (Spearman {spearman:.2f})"),
])
def test_validation_numbers_in_notebook_03(method, phrase):
    v = outputs.read_csv("sentiment_validation.csv")
    row = v[(v["target"] == "all") & (v["method"] == method)].iloc[0]
    assert phrase.format(spearman=row["spearman"]) in markdown("03-sentiment.ipynb")


def test_vader_comparison_in_notebook_03():
    v = outputs.read_csv("sentiment_validation.csv").set_index(["target", "method"])
    ref, nltk = v.loc[("all", "vader_reference"), "macro_f1"], v.loc[("all", "vader"), "macro_f1"]
    assert f"macro-F1 about {ref:.2f} against {nltk:.2f}" in markdown("03-sentiment.ipynb")


def test_textblob_neutral_count_in_notebook_03():
    s = outputs.read_csv("sentiment_sentences.csv")
    tb = s[s["method"] == "textblob"]
    assert f"labels {int((tb['label'] == 0).sum())} of the {len(tb)} sentences neutral" in markdown("03-sentiment.ipynb")


def test_leader_takeaway_in_notebook_03_matches_tone_leaders():
    """Section 6's takeaway on tone toward each leader, claim by claim, against tone_leaders.csv."""
    leaders = outputs.read_csv("tone_leaders.csv")
    reference = outputs.read_csv("sentiment_outlets.csv")
    reference = reference[reference["method"] == "reference"]

    def means(table, method, target):
        rows = table[(table["method"] == method) & (table["target"] == target)]
        return rows.set_index("doc_id")["mean"].sort_values(kind="stable")

    text = markdown("03-sentiment.ipynb")
    assert "agree on the coldest article, FISM News" in text
    assert means(leaders, "context_lr", "putin").index[0] == means(reference, "reference", "putin").index[0] == "004"
    assert "`context_lr`'s warmest, the reference coding's second" in text
    assert means(leaders, "context_lr", "putin").index[-1] == means(reference, "reference", "putin").index[-2] == "002"
    assert "uniformly warm toward Putin in the ten sentences" in text and "its nine mentioning sentences slightly below zero" in text
    gr = reference[(reference["doc_id"] == "000") & (reference["target"] == "putin")].iloc[0]
    own = leaders[(leaders["doc_id"] == "000") & (leaders["target"] == "putin") & (leaders["method"] == "context_lr")].iloc[0]
    assert (gr["mean"], gr["n"], own["n"]) == (1.0, 10, 9) and -0.3 < own["mean"] < 0
    assert "finds the pre-summit Russia Matters analysis and Global Research cool" in text
    for doc in ("000", "001"):
        assert means(leaders, "context_lr", "biden")[doc] < 0
        assert means(reference, "reference", "biden")[doc] > 0 and means(leaders, "vader_sentence", "biden")[doc] > 0
    assert "VADER on the sentence puts almost every article above zero toward both leaders" in text
    assert (leaders.loc[leaders["method"] == "vader_sentence", "mean"] > 0).sum() >= 9
    assert "with 9 to 45 sentences per article and leader" in text
    assert (leaders["n"].min(), leaders["n"].max()) == (9, 45)


def test_outside_test_prose_in_notebook_03():
    """Section 0's statements about the NewsMTSC selection and test."""
    selection = outputs.read_csv("tone_selection.csv")
    external = outputs.read_csv("tone_external.csv")
    text = markdown("03-sentiment.ipynb")
    assert "On `train` the trained `context_lr` is best by a wide margin" in text
    assert selection["method"].iloc[0] == "context_lr" and selection["cv_macro_f1"].iloc[0] - selection["cv_macro_f1"].iloc[1] > 0.05
    assert "TextBlob is worst" in text and selection["method"].iloc[-1].startswith("textblob")
    sentence = external[external["level"] == "sentence"].set_index(["split", "method"])
    assert "`diplomacy` wins on `train` by a small but consistent margin" in text
    assert sentence.loc[("train", "diplomacy"), "diff_low"] > 0 and sentence.loc[("train", "diplomacy"), "recommended"] == 1
    assert "on the test sentences its difference from VADER is within noise, and it does no worse" in text
    row = sentence.loc[("devtest_mt", "diplomacy")]
    assert row["diff_low"] < 0 < row["diff_high"] and row["diff_baseline"] >= 0
    assert "right on about six persons in ten in the outside test" in text
    acc = external[(external["split"] == "devtest_mt") & (external["method"] == "context_lr")]["accuracy"].iloc[0]
    assert 0.55 <= acc < 0.65


def test_tagger_ranges_in_notebook_02():
    """The figure caption and the summary of notebook 02 state ranges over the three evaluation sets."""
    scores = outputs.read_csv("timex_scores.csv").pivot_table(index=["dataset", "method"], columns="metric",
                                                               values="value")
    rules = scores.xs("rules (lib.temporal)", level="method")
    base = scores.xs("dateparser search_dates", level="method")
    held = rules.loc[["held-out A", "held-out B"]]
    span = lambda s, f="{:.2f}": f"{f.format(s.min())}–{f.format(s.max())}"
    pct = lambda s: f"{round(100 * s.min())}–{round(100 * s.max())} %"
    text = markdown("02-timeline.ipynb")
    assert f"(F1 {span(rules['relaxed_f1'])} with overlapping spans)" in text
    assert f"get {span(rules['value_correct_of_gold'])} of all values right" in text
    assert f"dateparser finds {pct(base['relaxed_recall'])} of them and gets {pct(base['value_correct_of_gold'])}" in text
    assert f"lower for values ({held['value_correct_of_gold'].iloc[0]:.2f} and {held['value_correct_of_gold'].iloc[1]:.2f})" in text
    assert f"keeps F1 ≥ {int(100 * held['relaxed_f1'].min()) / 100:.2f} but gets {span(held['value_correct_of_gold'])}" in text
