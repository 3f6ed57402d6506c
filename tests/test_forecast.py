"""Tests for lib.forecasts.scoring: scores against values worked by hand, the coding data against the text."""

import dataclasses
import shutil

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import brier_score_loss, mean_squared_error

from lib.core import paths, settings
from lib.corpus import load, segment
from lib.forecasts import scoring
from lib.core.errors import InputError
from lib.corpus import record


# --- scores, worked by hand ---------------------------------------------------------------------

def test_brier_per_forecast_by_hand():
    # (0.7 - 1)^2 = 0.09; (0.07 - 0)^2 = 0.0049; unresolved stays NaN
    got = scoring.brier([0.7, 0.07, 0.5], [1, 0, np.nan])
    assert got[:2] == pytest.approx([0.09, 0.0049])
    assert np.isnan(got[2])


def test_mean_brier_binary_equals_sklearn_and_hand_value():
    p, o = [0.8, 0.8, 0.2, 0.2], [1, 0, 0, 0]
    # (0.04 + 0.64 + 0.04 + 0.04) / 4 = 0.19
    assert scoring.mean_brier(p, o) == pytest.approx(0.19)
    assert scoring.mean_brier(p, o) == pytest.approx(brier_score_loss(o, p))


def test_mean_brier_with_partial_outcome_follows_contract_definition():
    # (0.9-1)^2 + (0.2-0)^2 + (0.6-0.5)^2 = 0.01 + 0.04 + 0.01 -> mean 0.02; unresolved rows are skipped
    p, o = [0.9, 0.2, 0.6, 0.3], [1, 0, 0.5, np.nan]
    assert scoring.mean_brier(p, o) == pytest.approx(0.02)
    assert scoring.mean_brier(p[:3], o[:3]) == pytest.approx(mean_squared_error(o[:3], p[:3]))


def test_murphy_decomposition_by_hand():
    parts = scoring.murphy([0.8, 0.8, 0.2, 0.2], [1, 0, 0, 0])
    # groups: p=0.8 observed 0.5, p=0.2 observed 0; overall 0.25
    assert parts["reliability"] == pytest.approx((2 * 0.3 ** 2 + 2 * 0.2 ** 2) / 4)    # 0.065
    assert parts["resolution"] == pytest.approx((2 * 0.25 ** 2 + 2 * 0.25 ** 2) / 4)   # 0.0625
    assert parts["uncertainty"] == pytest.approx(0.25 * 0.75)                         # 0.1875
    assert parts["partial"] == 0
    total = parts["reliability"] - parts["resolution"] + parts["uncertainty"] - parts["partial"]
    assert total == pytest.approx(0.19)


def test_murphy_partial_term_keeps_identity_exact():
    # p = 0.5 twice, outcomes 0.5 and 1: Brier (0 + 0.25)/2 = 0.125
    parts = scoring.murphy([0.5, 0.5], [0.5, 1])
    assert parts["reliability"] == pytest.approx(0.0625)
    assert parts["resolution"] == 0
    assert parts["uncertainty"] == pytest.approx(0.1875)
    assert parts["partial"] == pytest.approx(0.125)
    assert parts["reliability"] - parts["resolution"] + parts["uncertainty"] - parts["partial"] == pytest.approx(0.125)


def test_scores_baselines_by_hand():
    table = scoring.scores([0.8, 0.8, 0.2, 0.2], [1, 0, 0, 0]).set_index("metric")["value"]
    assert table["brier_baseline_0.5"] == pytest.approx(0.25)
    # base rate 0.25: (0.75^2 + 3 * 0.25^2) / 4 = 0.1875
    assert table["base_rate"] == pytest.approx(0.25)
    assert table["brier_baseline_base_rate"] == pytest.approx(0.1875)
    assert table["skill_vs_0.5"] == pytest.approx(1 - 0.19 / 0.25)


def test_group_means_merge_restatements():
    table = pd.DataFrame({"group": ["a", "a", "b"], "p": [0.5, 0.7, 0.1], "o": [1.0, np.nan, 0.0]})
    got = scoring.group_means(table, "p", "o").set_index("group")
    assert got.loc["a", "probability"] == pytest.approx(0.6)
    assert got.loc["a", "outcome"] == 1.0


# --- probabilities ------------------------------------------------------------------------------

def test_scales_hold_the_published_values():
    scales = scoring.load_scales()
    kent = scales[scales.scale == "kent1964"].set_index("level")["probability"]
    # Kent (1964): 93, 75, 50, 30, 7 percent
    assert kent[["almost_certain", "probable", "even", "probably_not", "almost_certainly_not"]].tolist() == \
        [0.93, 0.75, 0.50, 0.30, 0.07]
    fagen = scales[scales.scale == "fagen2015"].set_index("level")["probability"]
    assert fagen["believe"] == 0.75 and fagen["almost_certainly_not"] == 0.02


def test_probabilities_shift_and_clip():
    scales = scoring.load_scales()
    levels = pd.Series(["almost_certainly_not", "probable"])
    assert scoring.probabilities(levels, scales, "kent1964").tolist() == [0.07, 0.75]
    assert scoring.probabilities(levels, scales, "kent1964", shift=-0.1).tolist() == pytest.approx([0.0, 0.65])
    assert scoring.probabilities(levels, scales, "kent1964", value="high").tolist() == [0.12, 0.87]
    with pytest.raises(InputError):
        scoring.probabilities(levels, scales, "no-such-scale")


# --- candidates from rules ----------------------------------------------------------------------

def test_find_candidates_gives_cue_offsets():
    raw = "Intro. It is difficult to see what they could achieve."
    sents = pd.DataFrame({"doc_id": ["x"], "sent_id": [1], "start": [7], "end": [len(raw)], "text": [raw[7:]]})
    cues = scoring.find_candidates(sents)
    assert cues["cue"].tolist() == ["difficult", "could"]
    assert cues["kind"].tolist() == ["hedge", "modal"]
    for r in cues.itertuples():
        assert raw[r.cue_start:r.cue_end] == r.cue
    assert scoring.find_candidates(sents, kinds=("hedge",))["cue"].tolist() == ["difficult"]


def test_rule_agreement_by_hand():
    review = pd.DataFrame({"sent_id": [1, 2, 3, 4], "decision": ["forecast", "forecast", "not_forecast", "not_forecast"]})
    candidates = pd.DataFrame({"sent_id": [1, 1, 3]})
    got = scoring.rule_agreement(candidates, review)
    # proposed {1, 3}; true {1, 2}: precision 1/2, recall 1/2
    assert (got["precision"], got["recall"], got["true_positives"]) == (0.5, 0.5, 1)


# --- the coding data, checked against the text --------------------------------------------------

@pytest.fixture(scope="module")
def run():
    """Every table of notebook 04, built step by step as the notebook builds them."""
    cfg = settings.load()
    articles = load.load()
    all_sentences = segment.sentences(articles)
    sentences, raw, post_docs, written = scoring.forecast_article(articles, all_sentences, cfg)
    candidates = scoring.find_candidates(sentences)
    forecasts = scoring.load_forecasts(sentences, raw)
    scales = scoring.load_scales()
    outcomes = scoring.load_outcomes(forecasts, all_sentences, post_docs, written=written)
    predictions, excluded = scoring.prediction_table(forecasts, outcomes, scales, candidates)
    return {"settings": cfg, "post_docs": post_docs, "sentences": sentences, "candidates": candidates,
            "review": scoring.load_review(sentences), "forecasts": forecasts, "scales": scales,
            "outcomes": outcomes, "coverage": scoring.load_coverage(sorted(forecasts["topic"].unique()), post_docs),
            "predictions": predictions, "excluded": excluded}


def test_a_forecast_doc_that_is_not_in_the_corpus_is_a_one_line_error():
    articles = load.load()
    cfg = dataclasses.replace(settings.load(), forecast_doc="999")
    with pytest.raises(InputError, match="forecast_doc '999' is not a doc_id"):
        scoring.forecast_article(articles, segment.sentences(articles), cfg)


def test_coding_matches_text_and_segmenter(run):
    raw = open(next((paths.corpus_dir() / "raw").glob(run["settings"].forecast_doc + "_*.txt")),
               encoding="utf-8").read()
    for r in run["predictions"].itertuples():
        assert raw[r.hedge_start:r.hedge_end] == r.hedge
        sent = run["sentences"].set_index("sent_id").loc[r.sent_id]
        assert (sent.start, sent.end) == (r.start, r.end)


def test_review_and_forecasts_agree(run):
    review = run["review"]
    forecast_sents = set(review.loc[review.decision == "forecast", "sent_id"])
    assert forecast_sents == set(run["forecasts"]["sent_id"])


def test_predictions_follow_contract(run):
    pred = run["predictions"]
    resolved = pred.dropna(subset=["outcome"])
    assert np.allclose(resolved["brier"], (resolved["probability"] - resolved["outcome"]) ** 2)
    assert set(resolved["outcome"]) <= {0.0, 0.5, 1.0}
    assert set(resolved["outcome_basis"]) <= {"corpus", "record"}   # the contract; silence is flagged apart
    assert set(pred["silence"]) <= {0, 1} and (pred.loc[pred["silence"] == 1, "outcome_basis"] == "corpus").all()
    assert pred["probability"].between(0, 1).all()
    assert pred.loc[pred["outcome"].isna(), "outcome_basis"].eq("").all()


def _copy_corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(paths.corpus_dir(), target)
    return target


def test_misaligned_forecast_offsets_are_refused(run, tmp_path):
    corpus = _copy_corpus(tmp_path)
    path = corpus / "annotations" / "forecasts.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[0, "hedge_start"] = str(int(table.loc[0, "hedge_start"]) + 1)
    table.to_csv(path, index=False, lineterminator="\n")
    raw = open(next((corpus / "raw").glob("001_*.txt")), encoding="utf-8").read()
    with pytest.raises(InputError, match="hedge"):
        scoring.load_forecasts(run["sentences"], raw, corpus)


def test_evidence_from_a_pre_summit_article_is_refused(run, tmp_path):
    corpus = _copy_corpus(tmp_path)
    path = corpus / "annotations" / "outcomes.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    first = table.index[table.outcome_basis == "corpus"][0]
    table.loc[first, "evidence"] = "001:8"
    table.to_csv(path, index=False, lineterminator="\n")
    from lib.corpus import load, segment
    all_sents = segment.sentences(load.load(corpus))
    with pytest.raises(InputError, match="001:8"):
        scoring.load_outcomes(run["forecasts"], all_sents, run["post_docs"], corpus)


def test_outcome_values_outside_the_rule_are_refused(run, tmp_path):
    corpus = _copy_corpus(tmp_path)
    path = corpus / "annotations" / "outcomes.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[0, "outcome"] = "0.7"
    table.to_csv(path, index=False, lineterminator="\n")
    from lib.corpus import load, segment
    all_sents = segment.sentences(load.load(corpus))
    with pytest.raises(InputError, match="0.7"):
        scoring.load_outcomes(run["forecasts"], all_sents, run["post_docs"], corpus)


def test_coverage_fills_ignored(run):
    cov = run["coverage"]
    assert len(cov) == cov["topic"].nunique() * len(run["post_docs"])
    assert set(cov["stance"]) <= set(scoring.STANCES)
    amb = cov[cov.topic == "ambassadors"]
    assert (amb["stance"] == "confirmed").all()


def test_sensitivity_covers_every_scale_and_variant(run):
    pred = run["predictions"]
    horizons = run["settings"].horizons
    table = scoring.sensitivity(pred, run["scales"], horizons)
    assert len(table) == 2 * run["scales"]["scale"].nunique() * 5
    point = table[(table.scale == scoring.MAIN_SCALE) & (table.variant == "point") & (table["shift"] == 0)]
    main = scoring.scores(pred["probability"], pred["outcome"]).set_index("metric")["value"]
    assert point.loc[point.horizon == "event", "brier_article"].item() == pytest.approx(main["brier_article"])
    # reading every hedge 0.1 higher must change the score
    up = table[(table.scale == scoring.MAIN_SCALE) & (table["shift"] == 0.1) & (table.horizon == "event")]
    assert up["brier_article"].item() != pytest.approx(main["brier_article"])


def test_score_overview_reshapes_without_losing_values(run):
    horizons = run["settings"].horizons
    summary = scoring.score_summary(run["predictions"], horizons)
    wide = scoring.score_overview(summary, "2021")
    assert wide.size == len(summary)
    values = summary.set_index("metric")["value"]
    assert wide.loc["brier_article", "2021_groups"] == values["brier_article_2021_groups"]
    assert wide.loc["brier_article", "event"] == values["brier_article"]


def test_committed_results_reproduce(run, tmp_path):
    """results/predictions.csv and forecast_scores.csv as committed are what the code writes now."""
    from lib.core import outputs
    horizons = run["settings"].horizons
    outputs.write_csv(run["predictions"], "predictions.csv", folder=tmp_path)
    outputs.write_csv(scoring.score_summary(run["predictions"], horizons), "forecast_scores.csv", folder=tmp_path)
    for name in ("predictions.csv", "forecast_scores.csv"):
        committed = paths.ROOT / "results" / name
        assert (tmp_path / name).read_bytes() == committed.read_bytes(), name


def test_open_claims_have_not_failed_at_the_summit(run):
    """Rule P7: a claim without a deadline is resolved at the summit only if it had come true by then."""
    pred = run["predictions"]
    open_claims = pred[pred["bound"] == "open"]
    assert not (open_claims["outcome"] == 0).any()
    assert open_claims["outcome"].isna().any() and open_claims["outcome_2021"].notna().any()


def test_settled_claims_are_listed_not_scored(run):
    """Rule S1: the Open Skies claim was settled (the US had left in November 2020) before the article."""
    excluded, pred = run["excluded"], run["predictions"]
    assert list(excluded["pred_id"]) == ["P18"] and "P18" not in set(pred["pred_id"])
    facts = record.load()
    assert facts.at[excluded["settled_before"].iloc[0], "date"] < "2021-06-04"


def _edit_outcome(tmp_path, pred_id, **values):
    corpus = _copy_corpus(tmp_path)
    path = corpus / "annotations" / "outcomes.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in values.items():
        table.loc[table.pred_id == pred_id, column] = value
    table.to_csv(path, index=False, lineterminator="\n")
    from lib.corpus import load, segment
    return corpus, segment.sentences(load.load(corpus))


def test_a_settling_fact_dated_after_the_article_is_refused(run, tmp_path):
    corpus, all_sents = _edit_outcome(tmp_path, "P18", settled_before="R27")
    with pytest.raises(InputError, match="not before the article"):
        scoring.load_outcomes(run["forecasts"], all_sents, run["post_docs"], corpus, "2021-06-04")


def test_record_evidence_must_name_facts_of_the_record(run, tmp_path):
    corpus, all_sents = _edit_outcome(tmp_path, "P02", evidence="R99")
    with pytest.raises(InputError, match="R99"):
        scoring.load_outcomes(run["forecasts"], all_sents, run["post_docs"], corpus)


def test_brier_differences_are_paired_and_say_better_only_beyond_zero():
    outcome = np.array([1, 0, 0, 1, 0, 0, 1, 0, 0, 0] * 3, float)
    same = scoring.brier_differences(np.full(30, 0.5), outcome).set_index("baseline")
    # the article IS the 0.5 baseline: every paired resample differs by exactly 0
    assert same.loc["0.5", ["difference", "ci_low", "ci_high"]].tolist() == [0.0, 0.0, 0.0]
    assert scoring.verdict(0.0, 0.0, 10) == "not distinguishable from"
    sharp = scoring.brier_differences(np.where(outcome == 1, 0.9, 0.1), outcome).set_index("baseline")
    assert sharp.loc["0.5", "ci_high"] < 0 and sharp.loc["base_rate", "ci_high"] < 0
    base = scoring.scores(np.where(outcome == 1, 0.9, 0.1), outcome).set_index("metric")["value"]
    assert sharp.loc["base_rate", "difference"] == pytest.approx(base["brier_article"] - base["brier_baseline_base_rate"])
    assert scoring.verdict(-0.2, -0.01, 10) == "better than"
    assert scoring.verdict(-0.2, 0.01, 10) == "not distinguishable from"
    assert scoring.verdict(0.01, 0.2, 10) == "worse than"
    assert scoring.verdict(-0.2, -0.1, 2) == "too few claims to compare with"


def test_claims_of_one_sentence_are_resampled_together():
    outcome = np.array([1, 1, 0, 0], float)
    table = scoring.brier_differences([0.9, 0.9, 0.1, 0.1], outcome, units=[1, 1, 2, 2])
    assert set(table["n_units"]) == {2}


def test_headline_says_better_only_where_the_interval_excludes_zero():
    scores = pd.read_csv(paths.ROOT / "results" / "forecast_scores.csv").set_index("metric")["value"]
    text = scoring.headline(scores.reset_index())
    for horizon in ("", "_2021"):
        for baseline in ("0.5", "base_rate"):
            high = scores[f"brier_diff_vs_{baseline}_ci_high{horizon}"]
            low = scores[f"brier_diff_vs_{baseline}_ci_low{horizon}"]
            words = scoring.BASELINE_NAMES[baseline]
            expected = "better than" if high < 0 else "worse than" if low > 0 else "not distinguishable from"
            assert f"**{expected}** {words}" in text
