"""External validation on NewsMTSC: which measure is recommended, chosen on ``train``, and its test score.

Two choices, both made on NewsMTSC ``train`` only and never on the five Geneva articles or the project's
reference coding of them:

- tone toward a person: the target-directed method with the best cross-validated macro-F1
  (:func:`lib.tone.targeted.select`), recorded as :data:`lib.tone.targeted.RECOMMENDED`;
- overall sentence tone: among the lexicon methods of :mod:`lib.tone.scorers`, scored on the sentences whose
  coded persons all share one tone (:func:`lib.tone.newsmtsc.sentence_labels`). VADER stays unless
  another method beats it with a paired 95% interval above zero on ``train`` (:func:`choose_overall`),
  recorded as :data:`lib.tone.scorers.RECOMMENDED`.

Only after both choices does :func:`validate` read ``devtest_mt``, and score it once per method.
"""

from typing import NamedTuple

import numpy as np
import pandas as pd

from . import newsmtsc, scorers, targeted

#: The overall baseline: VADER as most courses run it.
OVERALL_BASELINE = "vader"


def overall_predictions(sentences: pd.DataFrame) -> pd.DataFrame:
    """Long ``row, method, score, label`` of every lexicon method of :mod:`lib.tone.scorers` on whole sentences."""
    features = scorers.lexicon_scores(sentences["sentence"].tolist())
    return pd.concat([pd.DataFrame({"row": np.arange(len(sentences)), "method": m, "score": features[m].to_numpy(),
                                    "label": scorers.label(features[m].to_numpy())}) for m in features.columns],
                     ignore_index=True)


def choose_overall(train_sentences: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The overall method to recommend, and the train table it was chosen on.

    The best macro-F1 on ``train`` wins only if its paired interval against VADER lies above zero;
    otherwise VADER stays (a change of tool needs evidence, not a lead within noise)."""
    if train_sentences.attrs.get("split") != "train":
        raise ValueError(f"choose_overall develops on NewsMTSC train only, got {train_sentences.attrs.get('split')!r}")
    table = targeted.validation_table("train", train_sentences, overall_predictions(train_sentences), "",
                                      level="sentence", baseline=OVERALL_BASELINE)
    best = table.sort_values(["macro_f1", "method"], ascending=[False, True], kind="stable").iloc[0]
    choice = best["method"] if best["diff_low"] > 0 else OVERALL_BASELINE
    return choice, table.assign(recommended=(table["method"] == choice).astype(int))


def check(name: str, chosen: str, recorded: str) -> None:
    """Fail loudly when a recorded recommendation no longer matches what the data choose."""
    if chosen != recorded:
        raise RuntimeError(f"{name}: the data now choose {chosen!r} but the code recommends {recorded!r}; "
                           "update the constant and the prose that cites it")


class Validation(NamedTuple):
    """What :func:`validate` found: ``selection`` (cross-validated macro-F1 per target-directed method on
    ``train``, best first), ``table`` (:func:`lib.tone.targeted.validation_table` rows for both levels,
    on ``train`` and on ``devtest_mt``), and the test split with every method's predictions on it."""

    selection: pd.DataFrame
    table: pd.DataFrame
    test: pd.DataFrame
    predictions: pd.DataFrame


def validate() -> Validation:
    """Choose on ``train`` (both levels), check the recorded choices, then read ``devtest_mt`` once and
    score every method on it once."""
    train = newsmtsc.load("train")
    oof = targeted.cross_validate(train)
    selection = targeted.select(train, oof)
    check("target-directed tone", selection["method"].iloc[0], targeted.RECOMMENDED)
    overall, overall_train = choose_overall(newsmtsc.sentence_labels(train))
    check("overall tone", overall, scorers.RECOMMENDED)
    # Development is over: the test split is read now, once, and each method scored once.
    test = newsmtsc.load("devtest_mt")
    test_sentences = newsmtsc.sentence_labels(test)
    predictions = targeted.test_scores(test)
    parts = [targeted.validation_table("train_cv", train, oof, targeted.RECOMMENDED),
             targeted.validation_table("devtest_mt", test, predictions, targeted.RECOMMENDED),
             overall_train,
             targeted.validation_table("devtest_mt", test_sentences, overall_predictions(test_sentences),
                                       overall, level="sentence", baseline=OVERALL_BASELINE)]
    return Validation(selection, pd.concat(parts, ignore_index=True), test, predictions)


#: The issue's target: the recommended target-directed measure beats VADER on the sentence by this much
#: macro-F1 on ``devtest_mt``.
TARGET_GAIN = 0.10


def test_row(table: pd.DataFrame, level: str = "target") -> pd.Series:
    """The recommended method's ``devtest_mt`` row of a validation table at ``level``."""
    rows = table[(table["level"] == level) & (table["split"] == "devtest_mt") & (table["recommended"] == 1)]
    return rows.iloc[0]


def verdict(table: pd.DataFrame) -> str:
    """One sentence on the target-directed test: the recommended method, its macro-F1 on ``devtest_mt``
    beside VADER on the sentence, the paired difference with its interval, and whether the gain of
    :data:`TARGET_GAIN` was reached (and whether the interval rules out less)."""
    row = test_row(table)
    base = table[(table["level"] == "target") & (table["split"] == "devtest_mt")
                 & (table["method"] == row["baseline"])].iloc[0]
    met = row["diff_baseline"] >= TARGET_GAIN
    if met and row["diff_low"] >= TARGET_GAIN:
        judged = f"target of +{TARGET_GAIN:.2f} met, and the interval rules out a smaller gain"
    elif met:
        judged = (f"target of +{TARGET_GAIN:.2f} met by the point estimate, but the interval reaches below "
                  f"+{TARGET_GAIN:.2f}, so a smaller gain is not ruled out")
    elif row["diff_low"] > 0:
        judged = f"target of +{TARGET_GAIN:.2f} missed, though the gain is above zero"
    else:
        judged = f"target of +{TARGET_GAIN:.2f} missed, and the interval does not rule out no gain at all"
    return (f"On NewsMTSC devtest_mt ({int(row['n']):,} targets, read once) `{row['method']}` scores macro-F1 "
            f"{row['macro_f1']:.2f} (95% interval {row['ci_low']:.2f} to {row['ci_high']:.2f}) against "
            f"{base['macro_f1']:.2f} for VADER on the whole sentence: a paired difference of "
            f"{row['diff_baseline']:+.2f} ({row['diff_low']:+.2f} to {row['diff_high']:+.2f}, resampling sentences); "
            f"{judged}.")
