"""Tone toward a person: what each measure reads, how the recommended one is chosen on NewsMTSC train
without ever reading the test split, and the intervals reported with it."""

import numpy as np
import pandas as pd
import pytest

from lib.core import settings
from lib.tone import scorers
from lib.tone import external, newsmtsc, targeted

SENTENCE = "Putin deflected every question, while Biden praised the constructive talks."


def _table(sentence: str, mention: str) -> pd.DataFrame:
    start = sentence.index(mention)
    return pd.DataFrame({"sentence": [sentence], "target_start": [start], "target_end": [start + len(mention)]})


def test_clause_and_window_read_only_the_part_that_holds_the_mention():
    assert targeted.clause(SENTENCE, 0, 5) == "Putin deflected every question"
    start = SENTENCE.index("Biden")
    assert targeted.clause(SENTENCE, start, start + 5) == "Biden praised the constructive talks."
    assert targeted.window("a" * 100 + "Putin" + "b" * 100, 100, 105, size=3) == "aaaPutinbbb"


def test_the_baseline_gives_both_leaders_the_sentence_score_the_clause_does_not():
    putin, biden = (targeted.lexicon_features(_table(SENTENCE, m)).iloc[0] for m in ("Putin", "Biden"))
    assert putin["vader_sentence"] == biden["vader_sentence"]
    assert putin["vader_clause"] < biden["vader_clause"]
    assert biden["vader_clause"] > 0.05


def test_every_measure_has_a_docstring_saying_what_it_reads():
    for name, fn in targeted.MEASURES.items():
        assert fn.__doc__ and len(fn.__doc__) > 30, name


@pytest.fixture(scope="module")
def selection_run(monkeypatch_module):
    """The selection exactly as external.validate runs it, with every split the loader is asked for recorded."""
    read = []
    real = newsmtsc.load

    def recording(split, folder=None):
        read.append(split)
        return real(split, folder)

    monkeypatch_module.setattr(newsmtsc, "load", recording)
    train = newsmtsc.load("train")
    oof = targeted.cross_validate(train)
    selection = targeted.select(train, oof)
    overall, overall_table = external.choose_overall(newsmtsc.sentence_labels(train))
    return read, train, oof, selection, overall, overall_table


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_model_selection_reads_the_train_split_only(selection_run):
    read, *_ = selection_run
    assert read == ["train"]


def test_development_functions_refuse_the_test_split():
    test = newsmtsc.load("devtest_mt")
    for develop in (targeted.cross_validate, targeted.select):
        with pytest.raises(ValueError, match="train only"):
            develop(test)
    with pytest.raises(ValueError, match="train only"):
        external.choose_overall(newsmtsc.sentence_labels(test))


def test_recorded_recommendations_are_what_train_chooses(selection_run):
    _, _, _, selection, overall, _ = selection_run
    assert selection["method"].iloc[0] == targeted.RECOMMENDED
    assert overall == scorers.RECOMMENDED
    assert list(selection["method"]) == sorted(targeted.METHODS, key=lambda m: -selection.set_index("method").loc[m, "cv_macro_f1"])


def test_folds_keep_each_sentence_whole(selection_run):
    _, train, oof, *_ = selection_run
    fold = targeted.folds(train)
    assert pd.Series(fold).groupby(train["sentence_id"].to_numpy()).nunique().max() == 1
    assert sorted(set(fold)) == list(range(targeted.FOLDS))
    assert len(oof) == len(train) * len(targeted.METHODS)


def test_overall_choice_needs_an_interval_above_zero(selection_run):
    *_, overall, table = selection_run
    row = table.set_index("method").loc[overall]
    assert overall == external.OVERALL_BASELINE or row["diff_low"] > 0


def test_the_trained_model_is_deterministic_and_scores_a_row_alone_as_in_a_batch():
    train = newsmtsc.load("train").iloc[:1500]
    train.attrs["split"] = "train"
    batch = newsmtsc.load("devtest_mt").iloc[:40]
    first = targeted.Model(train, words=True).predict(batch)
    again = targeted.Model(train, words=True).predict(batch)
    assert first.equals(again)
    alone = targeted.Model(train, words=True).predict(batch.iloc[[7]])
    assert alone["score"].iloc[0] == first["score"].iloc[7]


def test_bootstrap_draws_with_every_sentence_once_give_the_plain_macro_f1():
    truth = np.array([-1, 0, 1, 1, 0, -1, 0])
    labels = np.array([-1, 1, 1, 0, 0, 0, 0])
    groups = np.array([1, 1, 2, 3, 3, 4, 5])
    codes, weights = targeted.resample_weights(groups, n=50)
    assert weights.shape == (50, 5) and (weights.sum(axis=1) == 5).all()
    ones = np.ones((1, 5))
    assert targeted.macro_f1_draws(truth, labels, codes, ones)[0] == pytest.approx(targeted.macro_f1(truth, labels))
    # a resample that draws sentence 1 twice and sentence 2 not at all
    twice = np.array([[2.0, 0, 1, 1, 1]])
    idx = np.array([0, 1, 0, 1, 3, 4, 5, 6])
    assert targeted.macro_f1_draws(truth, labels, codes, twice)[0] == pytest.approx(targeted.macro_f1(truth[idx], labels[idx]))


def test_validation_table_pairs_every_method_with_the_baseline():
    table = pd.DataFrame({"tone": [-1, 0, 1, 1, 0, -1], "sentence_id": [1, 1, 2, 3, 4, 5]})
    predictions = pd.DataFrame({"row": list(range(6)) * 2, "method": ["vader_sentence"] * 6 + ["context_lr"] * 6,
                                "label": [0, 0, 0, 0, 0, 0] + [-1, 0, 1, 1, 0, -1]})
    result = targeted.validation_table("devtest_mt", table, predictions, "context_lr").set_index("method")
    assert result.loc["vader_sentence", ["diff_baseline", "diff_low", "diff_high"]].tolist() == [0, 0, 0]
    assert result.loc["context_lr", "macro_f1"] == 1.0 and result.loc["context_lr", "recommended"] == 1
    assert result.loc["context_lr", "diff_low"] <= result.loc["context_lr", "diff_baseline"] <= result.loc["context_lr", "diff_high"]


def test_mentions_come_from_settings_and_point_into_the_sentence(sentences):
    found = targeted.mentions(sentences, settings.load().targets)
    assert set(found["target"]) == {"biden", "putin"}
    spans = [s[a:b] for s, a, b in zip(found["sentence"], found["target_start"], found["target_end"])]
    assert spans == found["mention"].tolist()
    assert "us" not in set(found["mention"])          # the pronoun is not the country


def test_leader_table_counts_sentences_and_mentions():
    found = pd.DataFrame({"doc_id": ["001", "001", "001"], "sent_id": [1, 1, 2], "target": "putin",
                          "mention": ["Putin", "Kremlin", "Putin"],
                          "sentence": ["Putin and the Kremlin failed badly.", "Putin and the Kremlin failed badly.",
                                       "Putin won a great victory."],
                          "target_start": [0, 14, 0], "target_end": [5, 21, 5]})
    table = targeted.leader_table(found, {"001": "Outlet"}, ["vader_clause"])
    row = table.iloc[0]
    assert (row["n"], row["n_mentions"]) == (2, 3)
    assert row["mean"] == pytest.approx(np.mean([targeted.vader_clause(found["sentence"][0], 0, 5) / 2
                                                 + targeted.vader_clause(found["sentence"][1], 14, 21) / 2,
                                                 targeted.vader_clause(found["sentence"][2], 0, 5)]))
