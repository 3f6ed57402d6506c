"""Tone toward a person named in a sentence: the measures, how one is chosen, and how it is tested.

Input: a sentence and the character span of a mention of a person in it (``start``, ``end``, Python
offsets, end exclusive). Output: a score in [-1, 1] and a label -1/0/1. Why not the sentence's tone:
in "Putin deflected every question while Biden pressed him" the two men are treated differently, and
a whole-sentence score gives both the same number.

The measures (:data:`MEASURES`; each docstring says what it does to the sentence):
VADER on the whole sentence (the baseline most courses use), VADER on the clause or on a window that
holds the mention, the diplomacy lexicon both ways, TextBlob, and two logistic regressions trained on
NewsMTSC ``train`` (:class:`Model`). The lexicon measures label with VADER's ±0.05 thresholds.

How one is chosen (:func:`select`): macro-F1 under 5-fold cross-validation *inside* ``train``, folds
grouped by sentence (two targets of one sentence never sit on both sides) and stratified by tone, with
a fixed seed. ``devtest_mt`` is read only by :func:`test_scores`, once per method, after the choice.
"""

import functools
import re

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn import metrics
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold
from threadpoolctl import threadpool_limits

from ..core.errors import InputError
from . import agreement, newsmtsc, scorers

SEED = 20210616
FOLDS = 5
#: Characters on each side of the mention in :func:`window` (the reference point the data README quotes).
WINDOW = 60
#: Words on each side of the mention that the context model reads.
CONTEXT_WORDS = 6
#: The whole-sentence VADER every comparison is paired against.
BASELINE = "vader_sentence"
#: The method with the best cross-validated macro-F1 on NewsMTSC train (:func:`select`; a test and
#: :func:`lib.tone.external.validate` recompute the choice and fail if this constant disagrees).
RECOMMENDED = "context_lr"


# --- What each measure reads of the sentence ------------------------------------------------------

def clause(sentence: str, start: int, end: int) -> str:
    """The clause that holds the mention: the text between the nearest clause boundaries
    (:data:`lib.tone.scorers.CLAUSE_RE`: punctuation and "but", "while", "although" …) before and after it."""
    low, high = 0, len(sentence)
    for match in scorers.CLAUSE_RE.finditer(sentence):
        if match.end() <= start:
            low = match.end()
        elif match.start() >= end:
            high = match.start()
            break
    return sentence[low:high]


def window(sentence: str, start: int, end: int, size: int = WINDOW) -> str:
    """The mention with ``size`` characters on each side (cut mid-word where it falls)."""
    return sentence[max(0, start - size):end + size]


def vader_sentence(sentence: str, start: int, end: int) -> float:
    """VADER on the whole sentence; ignores the mention (the baseline: every person gets the sentence's tone)."""
    return scorers.score_vader(sentence)


def vader_clause(sentence: str, start: int, end: int) -> float:
    """VADER on the clause that holds the mention only (:func:`clause`)."""
    return scorers.score_vader(clause(sentence, start, end))


def vader_window(sentence: str, start: int, end: int) -> float:
    """VADER on the mention and 60 characters on each side (:func:`window`)."""
    return scorers.score_vader(window(sentence, start, end))


def diplomacy_sentence(sentence: str, start: int, end: int) -> float:
    """The diplomacy-aware VADER (:func:`lib.tone.scorers.score_diplomacy`) on the whole sentence."""
    return scorers.score_diplomacy(sentence)


def diplomacy_clause(sentence: str, start: int, end: int) -> float:
    """The diplomacy-aware VADER on the clause that holds the mention only."""
    return scorers.score_diplomacy(clause(sentence, start, end))


def textblob_sentence(sentence: str, start: int, end: int) -> float:
    """TextBlob's polarity (mean of its adjective scores) of the whole sentence; ignores the mention."""
    return scorers.score_textblob(sentence)


def textblob_clause(sentence: str, start: int, end: int) -> float:
    """TextBlob's polarity of the clause that holds the mention only."""
    return scorers.score_textblob(clause(sentence, start, end))


#: The lexicon measures, each ``f(sentence, start, end) -> score``.
MEASURES = {f.__name__: f for f in (vader_sentence, vader_clause, vader_window, diplomacy_sentence,
                                    diplomacy_clause, textblob_sentence, textblob_clause)}


def lexicon_features(table: pd.DataFrame) -> pd.DataFrame:
    """One column per lexicon measure, one row per target of ``table`` (``sentence, target_start, target_end``)."""
    rows = zip(table["sentence"], table["target_start"], table["target_end"])
    values = [[fn(s, int(a), int(b)) for fn in MEASURES.values()] for s, a, b in rows]
    return pd.DataFrame(np.array(values, dtype=float).reshape(len(table), len(MEASURES)), columns=list(MEASURES),
                        index=table.index)


def context(table: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Three texts per target: the :data:`CONTEXT_WORDS` words before the mention, the words after it,
    and the sentence with the mention replaced by the word ``target`` (so the model learns how a sentence
    treats *a* person, not which names the coders liked)."""
    left, right, masked = [], [], []
    for s, a, b in zip(table["sentence"], table["target_start"], table["target_end"]):
        left.append(" ".join(re.findall(r"\w+", s[:a].lower())[-CONTEXT_WORDS:]))
        right.append(" ".join(re.findall(r"\w+", s[b:].lower())[:CONTEXT_WORDS]))
        masked.append(f"{s[:a]} target {s[b:]}".lower())
    return left, right, masked


# --- The trained measures -----------------------------------------------------------------------------

class Model:
    """Multinomial logistic regression from a target's features to the coders' tone (-1/0/1).

    ``words=False`` (``lexicon_lr``): the seven lexicon scores only. ``words=True`` (``context_lr``): those
    plus TF-IDF weights of the words just before and just after the mention and of the sentence with the
    mention masked (:func:`context`), each vocabulary fitted on the training rows only (a word must occur
    in three of them). ``class_weight='balanced'`` because we judge by macro-F1, which weighs the three
    classes equally; ``C=0.3`` (0.3 and 1.0 scored alike under cross-validation on ``train``).
    Fitted with one BLAS thread, so the fit is the same on every machine and fast on a busy one.
    Score: P(+1) - P(-1); label: the most probable class.
    """

    def __init__(self, train: pd.DataFrame, words: bool, features: pd.DataFrame | None = None):
        self.words = words
        self.vectorisers = [TfidfVectorizer(min_df=3, sublinear_tf=True) for _ in range(3)] if words else []
        texts = context(train) if words else ()
        for vectoriser, part in zip(self.vectorisers, texts):
            vectoriser.fit(part)
        self.model = LogisticRegression(C=0.3, class_weight="balanced", max_iter=2000)
        with threadpool_limits(1):
            self.model.fit(self._matrix(train, features), train["tone"].to_numpy(dtype=int))

    def _matrix(self, table: pd.DataFrame, features: pd.DataFrame | None):
        lexicon = lexicon_features(table) if features is None else features.loc[table.index, list(MEASURES)]
        parts = [sparse.csr_matrix(lexicon.to_numpy(dtype=float))]
        parts += [v.transform(part) for v, part in zip(self.vectorisers, context(table) if self.words else ())]
        return sparse.hstack(parts, format="csr")

    def predict(self, table: pd.DataFrame, features: pd.DataFrame | None = None) -> pd.DataFrame:
        """``score`` and ``label`` per target of ``table`` (each row computed on its own: a sparse row
        times the weights, so a target scores the same alone or in a batch)."""
        if table.empty:
            return pd.DataFrame({"score": np.zeros(0), "label": np.zeros(0, dtype=int)}, index=table.index)
        with threadpool_limits(1):
            proba = self.model.predict_proba(self._matrix(table, features))
        classes = list(self.model.classes_)
        return pd.DataFrame({"score": proba[:, classes.index(1)] - proba[:, classes.index(-1)],
                             "label": np.asarray(classes)[proba.argmax(axis=1)]}, index=table.index)


#: The trained measures: name -> whether the model reads words.
MODELS = {"lexicon_lr": False, "context_lr": True}
METHODS = list(MEASURES) + list(MODELS)


def _require_train(table: pd.DataFrame, who: str) -> None:
    """Refuse a table that is not NewsMTSC ``train``: development never sees the test split."""
    if table.attrs.get("split") != "train":
        raise ValueError(f"{who} develops on NewsMTSC train only, got split {table.attrs.get('split')!r}")


# --- Choosing on train ------------------------------------------------------------------------------

def folds(train: pd.DataFrame) -> np.ndarray:
    """The cross-validation fold (0 … FOLDS-1) of each target: grouped by sentence, stratified by tone, seeded."""
    fold = np.zeros(len(train), dtype=int)
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for k, (_, held) in enumerate(splitter.split(train, train["tone"], groups=train["sentence_id"])):
        fold[held] = k
    return fold


def cross_validate(train: pd.DataFrame) -> pd.DataFrame:
    """Out-of-fold ``score`` and ``label`` of every method on ``train`` (long: ``row, fold, method, score, label``).

    A trained measure scores each fold with a model fitted on the other folds; a lexicon measure learns
    nothing, so its out-of-fold label is its label.
    """
    _require_train(train, "cross_validate")
    fold = folds(train)
    features = lexicon_features(train)
    parts = [pd.DataFrame({"row": np.arange(len(train)), "fold": fold, "method": name, "score": features[name].to_numpy(),
                           "label": scorers.label(features[name].to_numpy())}) for name in MEASURES]
    for name, words in MODELS.items():
        score, lab = np.zeros(len(train)), np.zeros(len(train), dtype=int)
        for k in range(FOLDS):
            held = fold == k
            pred = Model(train[~held], words, features).predict(train[held], features)
            score[held], lab[held] = pred["score"].to_numpy(), pred["label"].to_numpy()
        parts.append(pd.DataFrame({"row": np.arange(len(train)), "fold": fold, "method": name, "score": score,
                                   "label": lab}))
    return pd.concat(parts, ignore_index=True)


def select(train: pd.DataFrame, oof: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mean and spread of each method's macro-F1 over the folds of ``train``, best first; the first row is
    the recommended method. Only ``train`` is accepted (the test split plays no part in the choice)."""
    _require_train(train, "select")
    oof = cross_validate(train) if oof is None else oof
    truth = train["tone"].to_numpy()
    rows = []
    for method, group in oof.groupby("method", sort=False):
        per_fold = [agreement.macro_f1(truth[g["row"]], g["label"]) for _, g in group.groupby("fold")]
        rows.append({"method": method, "cv_macro_f1": float(np.mean(per_fold)), "cv_sd": float(np.std(per_fold, ddof=1))})
    table = pd.DataFrame(rows).sort_values(["cv_macro_f1", "method"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


# --- Intervals ------------------------------------------------------------------------------------

#: Resamples of the NewsMTSC intervals: fewer than :data:`lib.tone.agreement.BOOT_RESAMPLES` because the
#: resample matrix is resamples x sentences, and NewsMTSC's ``train`` has thousands of sentences.
BOOTSTRAP = 2000


# --- Testing once ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def trained(name: str) -> Model:
    """The trained measure ``name`` fitted on all of NewsMTSC ``train`` (about two seconds; deterministic)."""
    return Model(newsmtsc.load("train"), MODELS[name])


def score(table: pd.DataFrame, method: str) -> pd.DataFrame:
    """``score`` and ``label`` of ``method`` for each target of ``table`` (``sentence, target_start, target_end``).

    Trained measures use the model fitted on all of ``train`` (:func:`trained`)."""
    if method in MODELS:
        return trained(method).predict(table)
    if method not in MEASURES:
        raise InputError("method", f"unknown target-directed method {method!r} (one of: {', '.join(METHODS)})")
    fn = MEASURES[method]
    values = np.array([fn(s, int(a), int(b)) for s, a, b in zip(table["sentence"], table["target_start"],
                                                                  table["target_end"])], dtype=float)
    return pd.DataFrame({"score": values, "label": scorers.label(values)}, index=table.index)


def test_scores(test: pd.DataFrame, methods: list[str] | None = None) -> pd.DataFrame:
    """Long ``row, method, score, label`` of each method on ``test``, each scored once."""
    methods = METHODS if methods is None else methods
    return pd.concat([score(test, m).reset_index(drop=True).assign(row=np.arange(len(test)), method=m)
                      for m in methods], ignore_index=True)[["row", "method", "score", "label"]]


def validation_table(split: str, table: pd.DataFrame, predictions: pd.DataFrame, recommended: str,
                     level: str = "target", baseline: str = BASELINE) -> pd.DataFrame:
    """One row per method: ``level, method, split, n, macro_f1, accuracy, ci_low, ci_high`` and the paired
    difference from ``baseline`` with its interval (``diff_baseline, diff_low, diff_high``), resampling
    sentences; ``recommended`` is 1 on the recommended method's row."""
    truth = table["tone"].to_numpy()
    codes, weights = agreement.resample_weights(table["sentence_id"].to_numpy(), BOOTSTRAP, SEED)
    labels_of = {m: g.sort_values("row")["label"].to_numpy() for m, g in predictions.groupby("method", sort=False)}
    base = agreement.macro_f1_draws(truth, labels_of[baseline], codes, weights)
    rows = []
    for method, labels in labels_of.items():
        draws = agreement.macro_f1_draws(truth, labels, codes, weights)
        f1 = agreement.macro_f1(truth, labels)
        rows.append({"level": level, "method": method, "split": split, "n": len(truth), "macro_f1": f1,
                     "accuracy": float(np.mean(truth == labels)), **dict(zip(("ci_low", "ci_high"), agreement.percentile_interval(draws))),
                     "baseline": baseline, "diff_baseline": f1 - agreement.macro_f1(truth, labels_of[baseline]),
                     **dict(zip(("diff_low", "diff_high"), agreement.percentile_interval(draws - base))),
                     "recommended": int(method == recommended)})
    return pd.DataFrame(rows)


def most_wrong(table: pd.DataFrame, predictions: pd.DataFrame, method: str, k: int = 3) -> pd.DataFrame:
    """The ``k`` targets whose ``method`` score lies farthest from the coders' tone, among those it labels
    wrongly (ties: earlier sentence first): ``sentence_id, mention, sentence, tone, label, score``."""
    own = predictions[predictions["method"] == method].sort_values("row")
    rows = table.reset_index(drop=True).assign(label=own["label"].to_numpy(), score=own["score"].to_numpy())
    wrong = rows[rows["label"] != rows["tone"]].assign(distance=lambda t: (t["score"] - t["tone"]).abs())
    wrong = wrong.sort_values(["distance", "sentence_id", "target_start"], ascending=[False, True, True], kind="stable")
    return wrong.head(k)[["sentence_id", "mention", "sentence", "tone", "label", "score"]]


# --- Applied to a corpus: each mention of a leader ------------------------------------------------

def mentions(sentences: pd.DataFrame, targets: dict) -> pd.DataFrame:
    """One row per mention of a leader (``settings.toml`` mention words) in ``sentences``:
    ``doc_id, sent_id, target, mention, sentence, target_start, target_end`` (offsets into the sentence)."""
    rows = []
    for key, target in targets.items():
        pattern = scorers.mention_pattern(target.mentions)
        for doc, sent, text in zip(sentences["doc_id"], sentences["sent_id"], sentences["text"]):
            rows += [{"doc_id": doc, "sent_id": sent, "target": key, "mention": m.group(0), "sentence": text,
                      "target_start": m.start(), "target_end": m.end()} for m in pattern.finditer(text)]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "target", "mention", "sentence", "target_start", "target_end"])


def leader_table(found: pd.DataFrame, outlets: dict[str, str], methods: list[str]) -> pd.DataFrame:
    """Tone toward each leader per article: ``outlet, doc_id, target, method, mean, ci_low, ci_high, n,
    n_mentions``. A sentence's value is the mean score of its mentions of the leader (mentions in one
    sentence are not independent); ``mean`` averages sentences, with the seeded 95% bootstrap interval
    over sentences of :func:`lib.tone.scorers.mean_interval`; ``n`` counts sentences."""
    rows = []
    for method in methods:
        scored = found.assign(score=score(found, method)["score"].to_numpy())
        per_sentence = scored.groupby(["doc_id", "target", "sent_id"], sort=True)["score"].agg(["mean", "size"])
        for (doc, target), group in per_sentence.groupby(level=["doc_id", "target"], sort=True):
            mean, low, high = scorers.mean_interval(group["mean"].to_numpy())
            rows.append({"outlet": outlets[doc], "doc_id": doc, "target": target, "method": method, "mean": mean,
                         "ci_low": low, "ci_high": high, "n": len(group), "n_mentions": int(group["size"].sum())})
    return pd.DataFrame(rows)
