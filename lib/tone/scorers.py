"""Sentence tone with dictionary methods, a diplomacy-aware variant and a calibrated combination.

Why sentences: VADER's compound score saturates toward ±1 on long texts, so we score each body
sentence and aggregate afterwards. Why several methods: a lexicon is a measurement instrument, and
only a comparison with the reference coding (``corpus/annotations/sentiment_coder_a.csv``, see
:mod:`lib.tone.agreement`) says whether it measures the tone of diplomatic prose at all.

Methods (each gives a score in [-1, 1] and a label -1/0/1 with VADER's own ±0.05 thresholds):

- ``vader``: VADER as most courses run it, NLTK's ``SentimentIntensityAnalyzer``, but loading the
  lexicon that ships inside the ``vaderSentiment`` wheel (no ``nltk.download``) and fed the text
  with curly quotes mapped to ASCII (``lib.corpus.clean.normalise``): VADER's negation list spells
  "isn't" with a straight apostrophe, so "isn’t good" would otherwise score as positive.
- ``vader_reference``: the authors' own ``vaderSentiment`` package on the raw text, for comparison
  (it differs from NLTK's port in tokenisation, in a few rules, and it sees curly apostrophes).
- ``textblob``: TextBlob's pattern lexicon (``en-sentiment.xml`` inside the textblob wheel; no
  corpus download needed for ``.sentiment``).
- ``diplomacy``: ``vader`` with :data:`DIPLOMACY_LEXICON`, terms whose meaning in diplomatic
  reporting differs from everyday English (see the note there on how it was written).
- ``calibrated``: a multinomial logistic regression on the three lexicon scores, trained on the
  reference coding; scored on this corpus only leave-one-article-out (:func:`leave_one_article_out`).

The three libraries are called through their public functions only, so a reader can check every score
with the library itself (an earlier version subclassed their internals to score about twice as fast;
``benchmarks/README.md`` says what that cost). TextBlob is called as ``textblob.en.polarity``, the call
``TextBlob(text).sentiment.polarity`` makes underneath, without building a blob for every sentence.

``recommended`` is ``diplomacy``, chosen on NewsMTSC ``train`` (political news coded by people (crowd workers), not the five
articles) by a rule fixed beforehand: the lexicon method with the best macro-F1 there replaces VADER only if
its paired interval against VADER lies above zero (:func:`lib.tone.external.choose_overall`; ``validate`` there fails if
this constant disagrees). Its scores on the five Geneva articles are in-sample, development scores (see
:data:`DIPLOMACY_LEXICON`); on them the paired interval of its macro-F1 difference from ``calibrated``
includes zero (``results/sentiment_method_differences.csv``).
"""

import csv
import functools
import io
import re
import sys
from pathlib import Path

import nltk.data
import numpy as np
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer as NltkVader
from scipy import special, stats
from sklearn.linear_model import LogisticRegression
from textblob.en import polarity as textblob_polarity
from vaderSentiment import vaderSentiment as vader_reference_module

from ..core import paths
from ..corpus import clean
from ..core.errors import InputError

#: VADER's own thresholds on the compound score (Hutto & Gilbert 2014): above +0.05 positive,
#: below -0.05 negative. Used for every method so labels are comparable.
THRESHOLD = 0.05

AUTOMATED = ["vader", "vader_reference", "textblob", "diplomacy", "calibrated"]
RECOMMENDED = "diplomacy"

#: Diplomacy-aware lexicon (VADER scale, -4 … +4). History: written from general knowledge of how diplomatic
#: reporting uses these words before the first scoring against the reference coding, by the AI session that had
#: read and coded the five Geneva articles; most entries occur in them (notebook 03 counts them), and at least
#: one entry ("agreed_to_disagree") was added after the first scoring. Its score on those articles is therefore
#: an in-sample, development score, not evidence of how it does on unseen text.
#: Multi-word idioms (written with "_") are joined into one token before scoring: "low-hanging fruit"
#: -> "lowhangingfruit" (no "_" in the token: VADER strips punctuation, and "_" is punctuation to it).
DIPLOMACY_LEXICON: dict[str, float] = {
    # Words that are names or neutral terms of art here, not feelings.
    "united": 0.0,          # United States / Kingdom / Nations
    "interest": 0.0, "interests": 0.0,   # national interests, not "interesting"
    "security": 0.0,        # security issues, Security Council
    "critical": 0.0,        # critical infrastructure
    "intelligence": 0.0,    # intelligence agencies
    "great_powers": 0.0,
    "free": 0.0,            # free press, free trade: names of things
    "civil": 0.0,           # "short and civil": cool, not warm
    "killer": -1.5,         # the "killer" interview episode: hostility, not a murder story
    # Cooperation, progress.
    "cooperation": 2.0, "cooperate": 2.0, "cooperated": 2.0, "cooperative": 2.0,
    "agreement": 1.5, "agreements": 1.5, "agreed": 1.5, "compromise": 1.0,
    "dialogue": 1.0, "stability": 1.5, "stable": 1.5, "stabilize": 1.5, "stabilization": 1.5,
    "constructive": 2.0, "substantive": 1.5, "productive": 1.5, "pragmatic": 1.0, "pragmatists": 1.0,
    "breakthrough": 2.0, "rapprochement": 2.0, "reset": 1.0, "thaw": 1.5, "warming": 1.5,
    "normalcy": 1.5, "deconfliction": 1.0, "prudent": 1.5, "rational": 1.0,
    "mutual_interest": 1.5, "mutual_interests": 1.5, "shared_interest": 1.5, "shared_interests": 1.5,
    "low_hanging_fruit": 2.0, "see_eye_to_eye": 2.0, "hit_it_off": 2.0,
    # Conflict, deterioration.
    "tension": -1.8, "tensions": -1.8, "strained": -1.8, "adversary": -1.8, "adversaries": -1.8,
    "deteriorate": -2.0, "deteriorating": -2.0, "deterioration": -2.0,
    "dispute": -1.8, "disputes": -1.8, "confrontation": -2.0, "rows": -1.5, "spat": -1.5,
    "expel": -1.8, "expelled": -1.8, "expulsion": -1.8, "expulsions": -1.8,
    "sanction": -1.5, "sanctions": -1.5, "annexation": -2.0, "interference": -1.8,
    "provocation": -2.0, "provoke": -2.0, "sabotage": -2.0, "derail": -1.5,
    "elusive": -1.5, "unrealistic": -1.5, "problematic": -1.5, "non_committal": -1.0,
    "equivocated": -1.5, "deflected": -1.5, "russophobia": -2.0, "anti_russian": -2.0,
    "agree_to_disagree": -1.5, "agreed_to_disagree": -1.5, "tit_for_tat": -2.0, "war_of_attrition": -2.0, "no_love_lost": -2.0,
    "black_swans": -1.5, "deep_state": -1.5, "cold_war": -1.5, "cold_peace": -0.5,
}

#: Multi-word entries of the lexicon, matched on the text (case-insensitive) and joined into one token.
_PHRASES = sorted((k for k in DIPLOMACY_LEXICON if "_" in k), key=len, reverse=True)
_PHRASE_RE = re.compile(r"\b(" + "|".join(r"[\s-]+".join(map(re.escape, p.split("_"))) for p in _PHRASES) + r")\b",
                        re.IGNORECASE)

#: Clause boundaries for target-aware scoring: punctuation and concessive/contrastive conjunctions.
CLAUSE_RE = re.compile(r"[,;:()\u2014]|\s(?:but|although|though|while|whereas|however)\s", re.IGNORECASE)


def vader_lexicon_folder() -> Path:
    """The folder inside the vaderSentiment wheel that holds ``vader_lexicon.txt``."""
    return Path(vader_reference_module.__file__).parent


def nltk_analyser(diplomacy: bool = False) -> NltkVader:
    """A new plain NLTK VADER analyser with the wheel's lexicon (its folder must be on ``nltk.data.path``:
    NLTK 3.10 refuses other paths), optionally updated with :data:`DIPLOMACY_LEXICON`.

    The methods score with one cached analyser of each kind (:func:`_nltk_vader`)."""
    folder = str(vader_lexicon_folder())
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    analyser = NltkVader(lexicon_file="vader_lexicon.txt")
    if diplomacy:
        analyser.lexicon.update({key.replace("_", ""): value for key, value in DIPLOMACY_LEXICON.items()})
    return analyser


@functools.lru_cache(maxsize=None)
def _nltk_vader(diplomacy: bool) -> NltkVader:
    """The analyser :func:`score_vader` (``diplomacy=False``) or :func:`score_diplomacy` scores with,
    built once: reading the lexicon file takes longer than scoring a sentence."""
    return nltk_analyser(diplomacy)


@functools.lru_cache(maxsize=None)
def _reference_vader() -> vader_reference_module.SentimentIntensityAnalyzer:
    return vader_reference_module.SentimentIntensityAnalyzer()


def join_phrases(text: str) -> str:
    """Join the lexicon's multi-word idioms into single tokens ("low-hanging fruit" -> "lowhangingfruit")."""
    return _PHRASE_RE.sub(lambda m: "".join(re.split(r"[\s-]+", m.group(0).lower())), text)


def score_vader(text: str) -> float:
    """NLTK VADER compound score of ``text`` after mapping curly quotes to ASCII."""
    return _nltk_vader(False).polarity_scores(clean.normalise(text))["compound"]


def score_vader_reference(text: str) -> float:
    """The reference ``vaderSentiment`` compound score of the raw ``text``."""
    return _reference_vader().polarity_scores(text)["compound"]


def score_textblob(text: str) -> float:
    """TextBlob (pattern lexicon) polarity of ``text`` after mapping curly quotes to ASCII: the same
    number as ``TextBlob(text).sentiment.polarity`` (tested), without building a blob."""
    return float(textblob_polarity(clean.normalise(text)))


def score_diplomacy(text: str) -> float:
    """VADER compound with the diplomacy-aware lexicon and joined idioms."""
    return _nltk_vader(True).polarity_scores(join_phrases(clean.normalise(text)))["compound"]


LEXICON_METHODS = {
    "vader": score_vader,
    "vader_reference": score_vader_reference,
    "textblob": score_textblob,
    "diplomacy": score_diplomacy,
}
#: Inputs of the calibrated combination, fixed before validation.
FEATURES = ["vader", "textblob", "diplomacy"]


def label(score: float | np.ndarray, threshold: float = THRESHOLD):
    """-1, 0 or 1 from a score with the ±``threshold`` rule (works on arrays too)."""
    return np.where(np.asarray(score) > threshold, 1, np.where(np.asarray(score) < -threshold, -1, 0))


#: Texts longer than this are scored in chunks (see :func:`chunks`).
MAX_CHARS = 2000


def chunks(text: str, size: int = MAX_CHARS) -> list[str]:
    """``text`` cut at white space into pieces of at most ``size`` characters (longer words are cut).

    Why: a line this long is not a sentence. VADER saturates on long text, and the reference
    vaderSentiment's running time grows with the square of the length (80,000 characters: ~35 s).
    """
    pieces, rest = [], text
    while len(rest) > size:
        cut = rest.rfind(" ", 0, size)
        cut = size if cut <= 0 else cut
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip()
    return pieces + ([rest] if rest.strip() else [])


def _chunked(fn, parts: list[str]) -> float:
    """``fn`` of the only part, or the length-weighted mean over several (0 for none)."""
    if len(parts) <= 1:
        return float(fn(parts[0])) if parts else 0.0
    return float(np.average([fn(p) for p in parts], weights=[len(p) for p in parts]))


def lexicon_scores(texts: list[str], groups=None) -> pd.DataFrame:
    """One column per lexicon method, one row per text. Blank texts score 0; a text longer than
    :data:`MAX_CHARS` scores the length-weighted mean of its :func:`chunks`.

    A text that occurs again in the same group is scored once and its scores copied (the scores are
    a function of the text alone). ``groups`` gives one label per text; :func:`all_scores` passes the
    article's ``doc_id``, because a leader's clause is often the whole sentence, or the same clause
    for both leaders. It does not pool articles, so a corpus that repeats text across articles (wire
    copy, or the benchmark's scaled corpus) is not made to look cheaper to score than it is. Without
    ``groups`` the whole list is one group.
    """
    labels = [None] * len(texts) if groups is None else list(groups)
    if len(labels) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(labels)} group labels")
    seen: dict[tuple, dict[str, float]] = {}
    rows = []
    for text, group in zip(texts, labels):
        row = seen.get((group, text))
        if row is None:
            parts = chunks(text) if text.strip() else []
            row = seen[(group, text)] = {name: _chunked(fn, parts) for name, fn in LEXICON_METHODS.items()}
        rows.append(row)
    return pd.DataFrame(rows, columns=list(LEXICON_METHODS))


class Calibrated:
    """A transparent combination: multinomial logistic regression from the lexicon scores to the reference
    tone (-1/0/1). ``class_weight='balanced'`` because we judge by macro-F1, which weighs the three
    classes equally. Its score is P(+1) - P(-1), in [-1, 1]; its label is the most probable class."""

    def __init__(self, features: pd.DataFrame, tone: pd.Series):
        self.model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
        self.model.fit(features[FEATURES].to_numpy(), np.asarray(tone, dtype=int))

    def coefficients(self) -> pd.DataFrame:
        """Weights per class and feature: what the combination learnt, readable in a table."""
        table = pd.DataFrame(self.model.coef_, columns=FEATURES, index=self.model.classes_)
        table["intercept"] = self.model.intercept_
        return table

    def probabilities(self, features: pd.DataFrame) -> np.ndarray:
        """The model's class probabilities per row (columns in ``model.classes_`` order).

        What ``predict_proba`` computes (the softmax of ``X @ coef.T + intercept``), written out one
        feature column at a time so that a row's probabilities never depend on which other rows are
        scored with it: a matrix product may sum in a different order for a different number of rows,
        and then the same sentence would get a different last digit scored alone, with its article,
        or with the whole corpus."""
        x = features[FEATURES].to_numpy(dtype=float)
        coef, intercept = self.model.coef_, self.model.intercept_
        if coef.shape[0] != len(self.model.classes_):
            raise ValueError(f"the calibrated model needs the three tone classes, got {list(self.model.classes_)}")
        decision = np.column_stack([sum(x[:, j] * coef[c, j] for j in range(x.shape[1])) + intercept[c]
                                    for c in range(coef.shape[0])])
        return special.softmax(decision, axis=1)

    def predict(self, features: pd.DataFrame) -> pd.DataFrame:
        """``score`` and ``label`` per row of ``features``."""
        proba = self.probabilities(features)
        classes = list(self.model.classes_)
        score = proba[:, classes.index(1)] - proba[:, classes.index(-1)]
        return pd.DataFrame({"score": score, "label": np.asarray(classes)[proba.argmax(axis=1)]})


def fold_models(features: pd.DataFrame, tone: pd.Series, doc_id: pd.Series) -> dict[str, Calibrated]:
    """One calibrated model per article, each trained on the OTHER articles only (leave-one-article-out).

    So a sentence's calibrated score never depends on its own reference code, nor on any code from its
    own article: the accuracy measured with these models is for an article the model has not seen.
    """
    docs = np.asarray(doc_id)
    return {doc: Calibrated(features[docs != doc], tone[docs != doc]) for doc in sorted(set(docs))}


@functools.lru_cache(maxsize=None)
def reference_model() -> Calibrated:
    """The calibrated model trained on all coded sentences of the project's own corpus (coder A).

    Used for text outside the corpus (``python -m lib sentiment FILE``, another corpus): it was
    validated leave-one-article-out in notebook 03. Always read from the repository's own corpus
    folder, whatever ``GENEVA_CORPUS`` says, because that is where the reference coding lives.
    """
    from ..corpus import load, segment
    from . import agreement

    folder = paths.ROOT / "corpus"
    sentences = segment.sentences(load.load(folder))
    coded = agreement.load_coding("sentiment_coder_a.csv", sentences, folder)
    return Calibrated(lexicon_scores(coded["text"].tolist()), coded["tone"])


def _calibrated(features: pd.DataFrame, docs: np.ndarray, models: dict[str, Calibrated] | None) -> pd.DataFrame:
    """Calibrated ``score``/``label`` per row: each article by its fold model when ``models`` is given
    (rows grouped by article once), otherwise every row by the reference model in one call."""
    if not models:
        return reference_model().predict(features).set_index(features.index)
    score, lab = np.zeros(len(features)), np.zeros(len(features), dtype=int)
    for doc, rows in sorted(pd.Series(np.arange(len(docs))).groupby(np.asarray(docs)).indices.items()):
        pred = models[doc].predict(features.iloc[rows])
        score[rows], lab[rows] = pred["score"].to_numpy(), pred["label"].to_numpy()
    return pd.DataFrame({"score": score, "label": lab}, index=features.index)


def _long(features: pd.DataFrame, calibrated: pd.DataFrame, keys: dict) -> pd.DataFrame:
    """Long rows (``keys`` columns + ``method, score, label``) for every automated method."""
    parts = []
    for method in AUTOMATED:
        score = calibrated["score"] if method == "calibrated" else features[method]
        lab = calibrated["label"] if method == "calibrated" else label(score)
        parts.append(pd.DataFrame({**keys, "method": method, "score": np.asarray(score, dtype=float),
                                   "label": np.asarray(lab, dtype=int)}))
    return pd.concat(parts, ignore_index=True)


def vader_differences(texts: pd.Series, tolerance: float = 1e-4) -> pd.DataFrame:
    """Where NLTK's VADER and the reference vaderSentiment disagree, with or without curly quotes mapped.

    Columns ``nltk_raw, nltk, reference, reference_normalised`` (``nltk`` is our ``vader``: NLTK on
    normalised text) and ``likely_cause``, a checklist of the known causes found in the sentence:
    curly quotes (VADER's negation list and punctuation rules are ASCII), a quoted word ending in
    punctuation (NLTK strips one layer of punctuation, so '"positive."' misses the lexicon), and "no"
    before a word (the reference negates the next word; NLTK's port scores "no" as a negative word);
    failing those, boosters and negation scope ("so", "much", "most", "nor"), which the two ports apply
    slightly differently.
    Only rows where some pair differs by more than ``tolerance`` are returned.
    """
    nltk_vader, ref = _nltk_vader(False), _reference_vader()
    rows = []
    for i, text in texts.items():
        norm = clean.normalise(text)
        row = {"nltk_raw": nltk_vader.polarity_scores(text)["compound"],
               "nltk": nltk_vader.polarity_scores(norm)["compound"],
               "reference": ref.polarity_scores(text)["compound"],
               "reference_normalised": ref.polarity_scores(norm)["compound"]}
        causes = []
        if norm != text and (abs(row["nltk_raw"] - row["nltk"]) > tolerance
                             or abs(row["reference"] - row["reference_normalised"]) > tolerance):
            causes.append("curly quotes")
        if re.search(r"[\"“”‘’'][^\s\"“”]+([,.;:!?][\"“”’']|[\"“”’'][,.;:!?])", text):
            causes.append("quoted word + punctuation")
        if re.search(r"\b[Nn]o\s+\w+", text):
            causes.append("'no' before a word")
        if not causes and re.search(r"\b(so|much|most|very|nor)\b", text, re.IGNORECASE):
            causes.append("booster/negation scope rules ('so', 'much', 'most', 'nor')")
        values = list(row.values())
        if max(values) - min(values) > tolerance:
            rows.append({"index": i, **row, "likely_cause": "; ".join(causes) or "other rule differences",
                         "text": text})
    return pd.DataFrame(rows).set_index("index") if rows else pd.DataFrame()


# --- Tone toward a target (Biden, Putin) ------------------------------------------------------------

def mention_pattern(mentions: tuple[str, ...]) -> re.Pattern:
    """A case-sensitive regex for a target's mention words ("US" must not match the pronoun "us")."""
    alternatives = "|".join(re.escape(m) for m in sorted(mentions, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)")


def target_clauses(text: str, pattern: re.Pattern) -> str:
    """The clauses of ``text`` that mention the target, joined; "" when none does.

    Why clauses: in "Putin deflected …, while Biden pushed …" the words near each name carry the tone
    toward that name; scoring the whole sentence would give both leaders the same score.
    """
    text = clean.normalise(text)
    pieces = CLAUSE_RE.split(text)
    return " ".join(p.strip() for p in pieces if pattern.search(p))


# --- Per outlet -------------------------------------------------------------------------------------

SEED = 20210616


def mean_interval(values: np.ndarray, seed: int = SEED) -> tuple[float, float, float]:
    """Mean and a seeded percentile-bootstrap 95% interval over sentences (``scipy.stats.bootstrap``).

    Percentile rather than BCa because BCa is undefined when every resample is identical (an article
    whose coded sentences all share one code). With fewer than two values the interval is NaN.
    """
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return float("nan"), float("nan"), float("nan")
    if len(values) < 2 or np.all(values == values[0]):
        return float(values.mean()), (float("nan") if len(values) < 2 else float(values[0])), \
            (float("nan") if len(values) < 2 else float(values[0]))
    res = stats.bootstrap((values,), np.mean, confidence_level=0.95, n_resamples=9999, method="percentile",
                          rng=np.random.default_rng(seed))
    return float(values.mean()), float(res.confidence_interval.low), float(res.confidence_interval.high)


def difference_interval(a: np.ndarray, b: np.ndarray, seed: int = SEED) -> tuple[float, float, float]:
    """Mean of ``b`` minus mean of ``a`` with a seeded 95% percentile-bootstrap interval, each sample resampled
    on its own (two articles' sentences are not paired). Tests the difference directly: two overlapping
    intervals of the means do not show that the means are alike. NaN interval with fewer than two values."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    point = float(b.mean() - a.mean()) if len(a) and len(b) else float("nan")
    if len(a) < 2 or len(b) < 2:
        return point, float("nan"), float("nan")
    res = stats.bootstrap((a, b), lambda x, y, axis=-1: y.mean(axis=axis) - x.mean(axis=axis), paired=False,
                          vectorized=True, confidence_level=0.95, n_resamples=9999, method="percentile",
                          rng=np.random.default_rng(seed))
    return point, float(res.confidence_interval.low), float(res.confidence_interval.high)


def outlet_table(scores: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """``outlet, doc_id, method, target, mean, ci_low, ci_high, n, degenerate`` from long ``scores``
    (``doc_id, method, target, score``), one row per article, method and target. ``degenerate`` is 1 where the
    interval has zero width (every sentence scored or coded alike, e.g. [1, 1] from ten sentences): such an
    interval shows no uncertainty because the resamples cannot differ, not because the mean is certain."""
    rows = []
    for (doc, method, target), group in scores.groupby(["doc_id", "method", "target"], sort=True):
        mean, low, high = mean_interval(group["score"].to_numpy())
        rows.append({"outlet": outlets[doc], "doc_id": doc, "method": method, "target": target,
                     "mean": mean, "ci_low": low, "ci_high": high, "n": len(group), "degenerate": int(low == high)})
    return pd.DataFrame(rows)


def reference_scores(coded: pd.DataFrame) -> pd.DataFrame:
    """The reference codes in the long shape of the automated scores: ``doc_id, sent_id, target, method, score``
    (``method`` = ``reference``; not-applicable leader codes are left out)."""
    from .agreement import coded_targets, variable

    parts = []
    for target in coded_targets(coded):
        rows = coded[coded[variable(target)].notna()]
        parts.append(pd.DataFrame({"doc_id": rows["doc_id"].to_numpy(), "sent_id": rows["sent_id"].to_numpy(),
                                   "target": target, "method": "reference",
                                   "score": rows[variable(target)].astype(float).to_numpy()}))
    return pd.concat(parts, ignore_index=True)


def all_scores(sentences: pd.DataFrame, targets: dict, models: dict[str, Calibrated] | None = None,
               coded: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every score the outlet table averages: ``doc_id, sent_id, target, method, score, label``.

    ``all`` scores whole sentences; each leader target scores only the clauses of a sentence that
    mention him (:func:`target_clauses`), in the sentences that mention him at all: so an automated
    leader mean covers every mentioning sentence, the reference mean only the sentences the coder judged
    to evaluate him. ``models`` (from :func:`fold_models`) scores each coded article with a model that
    never saw it; without it ``calibrated`` uses the reference model (right for text outside the coded
    corpus). ``coded`` adds the reference coding as ``method = reference``.
    """
    docs, ids = sentences["doc_id"].to_numpy(), sentences["sent_id"].to_numpy()
    texts = sentences["text"].tolist()
    pieces = [("all", np.ones(len(texts), dtype=bool), texts)]
    for key, target in targets.items():
        pattern = mention_pattern(target.mentions)
        clauses = [target_clauses(text, pattern) for text in texts]
        keep = np.array([bool(clause) for clause in clauses], dtype=bool)
        if keep.any():
            pieces.append((key, keep, [clause for clause in clauses if clause]))
    features = lexicon_scores([text for *_, part in pieces for text in part],
                              groups=np.concatenate([docs[keep] for _, keep, _ in pieces]))
    parts, offset = [], 0
    for key, keep, part in pieces:
        own = features.iloc[offset:offset + len(part)].reset_index(drop=True)
        offset += len(part)
        parts.append(_long(own, _calibrated(own, docs[keep], models),
                           {"doc_id": docs[keep], "sent_id": ids[keep], "target": key}))
    if coded is not None:
        reference = reference_scores(coded)
        parts.append(reference.assign(label=reference["score"].astype(int)))
    columns = ["doc_id", "sent_id", "target", "method", "score", "label"]
    return pd.concat(parts, ignore_index=True)[columns]


# --- Command line -----------------------------------------------------------------------------------

USAGE = """usage: python -m lib sentiment FILE

Score FILE with every automated method. FILE is UTF-8 text with one sentence per line (.txt), or a
.csv file with a header holding a `text` column and, optionally, `target_start` and `target_end`:
0-based Python string offsets into `text`, end exclusive, of a person's mention (empty = no target).
Writes CSV to stdout: line,method,score,label (line = 1-based data row; label -1/0/1; blank text
scores 0). Every row gets the overall methods ({methods}) on its whole text and `recommended`:
for a row with a target, the target-directed `{target}` (also written under its own name), validated
on NewsMTSC; otherwise the overall `{rec}`."""


def _decode(path: str) -> str:
    """The text of a UTF-8 file (a BOM is accepted), or a one-line error naming the file."""
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    if file.is_dir():
        raise InputError(path, "is a folder; give a .txt file (one sentence per line) or a .csv file with a text column")
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8 and retry") from None


def read_lines(path: str) -> list[str]:
    """The lines of a UTF-8 text file (a BOM and Windows line ends are accepted)."""
    lines = _decode(path).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def _offset(value: str, path: str, row: int, column: str) -> int:
    """An offset cell as an int; "12.0" (how pandas and spreadsheets write whole numbers) is accepted."""
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not number.is_integer():
        raise InputError(path, f"row {row}: {column} = {value!r} is not a whole number")
    return int(number)


def read_table(path: str) -> pd.DataFrame:
    """A .csv file as ``text, target_start, target_end`` (offsets -1 where a row has no target).

    Every problem is a one-line error naming the file and the data row (1-based): no ``text`` column,
    only one of the two offset columns or values, an offset that is not a whole number, or a span
    outside the row's text or empty."""
    reader = csv.DictReader(io.StringIO(_decode(path), newline=""))
    columns = reader.fieldnames or []
    if "text" not in columns:
        raise InputError(path, f"no text column in the header (found: {', '.join(columns) or 'nothing'})")
    if ("target_start" in columns) != ("target_end" in columns):
        raise InputError(path, "give both target_start and target_end columns, or neither")
    texts, starts, ends = [], [], []
    for row, record in enumerate(reader, start=1):
        text = record.get("text") or ""
        start, end = (record.get(c) or "" for c in ("target_start", "target_end"))
        if not start.strip() and not end.strip():
            start = end = -1
        elif not start.strip() or not end.strip():
            raise InputError(path, f"row {row}: target_start and target_end must both be given or both be empty")
        else:
            start, end = _offset(start, path, row, "target_start"), _offset(end, path, row, "target_end")
            if not 0 <= start < end <= len(text):
                raise InputError(path, f"row {row}: target {start}:{end} falls outside the text "
                                       f"({len(text)} characters; offsets are 0-based, end exclusive)")
        texts.append(text)
        starts.append(start)
        ends.append(end)
    return pd.DataFrame({"text": texts, "target_start": starts, "target_end": ends})


def score_file(table: pd.DataFrame) -> pd.DataFrame:
    """Long ``line, method, score, label`` for the rows of :func:`read_table` (see :data:`USAGE`)."""
    from . import targeted

    texts = table["text"].tolist()
    features = lexicon_scores(texts)
    calibrated = reference_model().predict(features) if texts else pd.DataFrame(columns=["score", "label"])
    blank = np.array([not text.strip() for text in texts], dtype=bool)
    calibrated.loc[blank, ["score", "label"]] = 0
    line = np.arange(1, len(texts) + 1)
    parts = []
    for method in AUTOMATED:
        score = calibrated["score"] if method == "calibrated" else features[method]
        lab = calibrated["label"] if method == "calibrated" else label(score)
        parts.append(pd.DataFrame({"line": line, "method": method, "score": np.asarray(score, dtype=float),
                                   "label": np.asarray(lab, dtype=int)}))
    recommended = parts[AUTOMATED.index(RECOMMENDED)].assign(method="recommended")
    has_target = (table["target_start"] >= 0).to_numpy()
    if has_target.any():
        rows = table[has_target].rename(columns={"text": "sentence"})
        directed = targeted.score(rows, targeted.RECOMMENDED)
        parts.append(pd.DataFrame({"line": line[has_target], "method": targeted.RECOMMENDED,
                                   "score": directed["score"].to_numpy(), "label": directed["label"].to_numpy()}))
        recommended.loc[has_target, ["score", "label"]] = directed[["score", "label"]].to_numpy()
    parts.append(recommended)
    out = pd.concat(parts, ignore_index=True)
    out["label"] = out["label"].astype(int)
    return out.sort_values("line", kind="stable", ignore_index=True)


def main(argv: list[str]) -> int:
    """``python -m lib sentiment FILE``: CSV ``line,method,score,label`` on stdout."""
    if argv and argv[0] in ("-h", "--help"):
        from . import targeted

        print(USAGE.format(rec=RECOMMENDED, methods=", ".join(AUTOMATED), target=targeted.RECOMMENDED))
        return 0
    if not argv:
        raise InputError("sentiment", "no FILE given: python -m lib sentiment FILE (--help for more)")
    if len(argv) != 1:
        raise InputError("sentiment", f"expected one FILE, got {len(argv)} arguments (see --help)")
    if argv[0].lower().endswith(".csv"):
        table = read_table(argv[0])
    else:
        lines = read_lines(argv[0])
        table = pd.DataFrame({"text": lines, "target_start": -1, "target_end": -1})
    out = score_file(table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["line", "method", "score", "label"])
    writer.writerows(zip(out["line"], out["method"], (f"{v:.4f}" for v in out["score"]), out["label"]))
    sys.stdout.write(buffer.getvalue())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
