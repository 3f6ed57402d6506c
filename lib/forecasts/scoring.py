"""Forecasts in a pre-event article, their probabilities, their outcomes and their scores.

The workflow of notebook 04, one step per function:

1. :func:`find_candidates` proposes sentences with hedge or modal cues (transparent rules, with the
   offsets of every cue) so the coder does not start from a blank page;
2. the coder's reviewed list is data (``corpus/annotations/forecasts.csv``, ``forecast_review.csv``)
   and is read by :func:`load_forecasts` / :func:`load_review`, which check every offset against the
   segmenter so a changed segmentation cannot silently misalign the coding;
3. :func:`load_scales` reads published verbal-probability scales kept as data and
   :func:`probabilities` turns each coded hedge level into a number under one scale (optionally
   shifted, to test how much the conclusions depend on the reading of the hedges);
4. :func:`load_outcomes` reads the outcomes coded by the written rules, at two horizons;
5. :func:`brier`, :func:`mean_brier`, :func:`murphy` and :func:`scores` score the forecasts with the
   Brier score (a proper scoring rule), against a 0.5 and a base-rate baseline, and decompose it.
"""

import re
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, precision_score, recall_score

from ..core import annotations, paths, settings as settings_lib
from ..corpus import load as corpus_lib, segment
from ..core.errors import InputError

#: Cue patterns the candidate finder looks for: (kind, pattern). ``hedge`` cues carry a judgement of
#: likelihood or feasibility; ``modal`` cues are bare modal verbs that often, but not always, mark a
#: statement about the future.
CUES: tuple[tuple[str, str], ...] = (
    ("hedge", r"(?:un)?likely"),
    ("hedge", r"probabl[ey]"),
    ("hedge", r"(?:im)?possible"),
    ("hedge", r"feasible"),
    ("hedge", r"unrealistic"),
    ("hedge", r"futile"),
    ("hedge", r"elusive"),
    ("hedge", r"unwilling"),
    ("hedge", r"problematic"),
    ("hedge", r"difficult"),
    ("hedge", r"easy|easi(?:er|est|ly)"),
    ("hedge", r"out of the question"),
    ("hedge", r"too late"),
    ("hedge", r"no problem"),
    ("hedge", r"no reason"),
    ("hedge", r"I believe"),
    ("hedge", r"I see"),
    ("hedge", r"hope(?:s|d|fully)?"),
    ("hedge", r"expect(?:s|ed|ing)?"),
    ("hedge", r"low(?:-hanging| enough)? fruit"),
    ("hedge", r"signs"),
    ("modal", r"will|would|could|may|might|should|can|cannot|can't"),
)

#: The ordered levels of the coding ladder (guide, section 3), most to least likely.
LEVELS = ("almost_certain", "believe", "probable", "even", "probably_not", "almost_certainly_not")

OUTCOME_VALUES = {0.0, 0.5, 1.0}
EVIDENCE = re.compile(r"^[0-9A-Za-z]{3}:\d+$")
STANCES = ("confirmed", "mentioned", "contradicted", "ignored")


def _read(name: str, corpus: Path | None, required: tuple[str, ...]) -> tuple[pd.DataFrame, Path]:
    table = annotations.load(name, required, corpus, needed_by="notebook 04 (see forecast_guide.md)")
    return table, annotations.folder(corpus) / name


# ---------------------------------------------------------------------------------------------
# 1. Candidates from transparent rules
# ---------------------------------------------------------------------------------------------

def find_candidates(sentences: pd.DataFrame, kinds: tuple[str, ...] = ("hedge", "modal")) -> pd.DataFrame:
    """Every hedge or modal cue in the given sentences, one row per cue.

    Columns ``doc_id, sent_id, start, end, kind, cue, cue_start, cue_end``; ``cue_start``/``cue_end``
    are offsets into the raw article (the sentence offsets plus the position in the sentence), so a
    reader can see exactly which words made a sentence a candidate. Matching is case-insensitive
    and on whole words. Why rules at all: they are cheap, fully transparent, and their precision and
    recall against the hand-reviewed list say how far such rules can be trusted on another article.
    """
    patterns = [(kind, re.compile(rf"\b(?:{pat})\b", re.IGNORECASE)) for kind, pat in CUES if kind in kinds]
    rows = []
    for s in sentences.itertuples(index=False):
        for kind, rx in patterns:
            for m in rx.finditer(s.text):
                rows.append((s.doc_id, s.sent_id, s.start, s.end, kind, m.group(0),
                             s.start + m.start(), s.start + m.end()))
    cols = ["doc_id", "sent_id", "start", "end", "kind", "cue", "cue_start", "cue_end"]
    return pd.DataFrame(rows, columns=cols).sort_values(["sent_id", "cue_start"], kind="stable").reset_index(drop=True)


#: The ladder level each cue proposes, after the guide's mapping rules M1-M6 (first match wins, so
#: the more specific phrases come first). A proposal for the reviewer, who reads negation and scope
#: ("not likely", "should not be difficult") that a word-level rule cannot.
CUE_LEVELS: tuple[tuple[str, str], ...] = (
    (r"I believe", "believe"),                                                                       # M1
    (r"unrealistic|out of the question|impossible|futile|elusive|too late|unwilling|cannot|can't",
     "almost_certainly_not"),                                                                        # M5
    (r"unlikely|difficult|problematic|I see", "probably_not"),                                       # M4
    (r"likely|probabl[ey]|easy|easi(?:er|est|ly)|no problem|no reason|expect(?:s|ed|ing)?|"
     r"low(?:-hanging| enough)? fruit|should", "probable"),                                          # M2
    (r"may|might|could|possible|feasible|signs|hope(?:s|d|fully)?|can|would", "even"),               # M3
    (r"will", "almost_certain"),                                                                     # M6
)


def cue_level(cue: str) -> str:
    """The level a cue proposes (:data:`CUE_LEVELS`)."""
    return next(level for pattern, level in CUE_LEVELS if re.fullmatch(pattern, cue, re.IGNORECASE))


def propose(sentences: pd.DataFrame, scales: pd.DataFrame) -> pd.DataFrame:
    """One proposed forecast per candidate sentence: the deciding cue, its level and probabilities.

    The deciding cue is the sentence's first hedge cue, else its first modal; its level comes from
    :func:`cue_level` and one ``probability_<scale>`` column per scale. These are proposals for the
    review skeleton (``python -m lib skeleton forecasts DIR``), not coded forecasts: no claim is
    phrased, no negation read, no outcome known.
    """
    cands = find_candidates(sentences)
    rows = []
    for sent_id, group in cands.groupby("sent_id", sort=True):
        hedges = group[group["kind"] == "hedge"]
        cue = (hedges if len(hedges) else group).sort_values("cue_start", kind="stable").iloc[0]
        text = sentences.loc[sentences["sent_id"] == sent_id, "text"].iloc[0]
        rows.append(dict(sent_id=int(sent_id), start=int(cue["start"]), end=int(cue["end"]), text=text,
                         cue=cue["cue"], cue_start=int(cue["cue_start"]), cue_end=int(cue["cue_end"]),
                         cues=", ".join(group["cue"]), level=cue_level(cue["cue"])))
    table = pd.DataFrame(rows, columns=["sent_id", "start", "end", "text", "cue", "cue_start", "cue_end", "cues",
                                        "level"])
    for name in sorted(scales["scale"].unique()):
        table[f"probability_{name}"] = probabilities(table["level"], scales, name)
    return table


def rule_agreement(candidates: pd.DataFrame, review: pd.DataFrame) -> dict[str, float]:
    """Precision and recall of the rule candidates against the hand review, sentence by sentence.

    ``review`` has one row per body sentence with ``decision`` forecast / not_forecast. A sentence
    counts as proposed when it has at least one cue in ``candidates``. Uses sklearn's
    ``precision_score`` / ``recall_score`` on the per-sentence booleans.
    """
    truth = (review["decision"] == "forecast").to_numpy()
    proposed = review["sent_id"].isin(set(candidates["sent_id"])).to_numpy()
    return {
        "sentences": int(len(review)),
        "proposed": int(proposed.sum()),
        "forecast_sentences": int(truth.sum()),
        "true_positives": int((truth & proposed).sum()),
        "precision": float(precision_score(truth, proposed, zero_division=0)),
        "recall": float(recall_score(truth, proposed, zero_division=0)),
    }


def hedge_recall(forecasts: pd.DataFrame, candidates: pd.DataFrame) -> float:
    """Share of hand-coded hedges whose span overlaps at least one rule cue."""
    hits = 0
    for f in forecasts.itertuples(index=False):
        cues = candidates[candidates["sent_id"] == f.sent_id]
        hits += bool(((cues["cue_start"] < f.hedge_end) & (cues["cue_end"] > f.hedge_start)).any())
    return hits / len(forecasts) if len(forecasts) else float("nan")


# ---------------------------------------------------------------------------------------------
# 2. The hand-reviewed coding
# ---------------------------------------------------------------------------------------------

def _check_sentences(table: pd.DataFrame, path: Path, sentences: pd.DataFrame) -> pd.DataFrame:
    """The table with int sent_id/start/end, once each row is checked against the forecast article's
    sentences (:func:`lib.core.annotations.check_sentences`; the table holds no doc_id)."""
    annotations.check_sentences(table, path, sentences, ((None, "sent_id", "start", "end"),))
    for col in ("sent_id", "start", "end"):
        table[col] = pd.to_numeric(table[col]).astype(int)
    return table


def load_review(sentences: pd.DataFrame, corpus: Path | None = None) -> pd.DataFrame:
    """The hand decision (forecast / not_forecast) for every body sentence of the forecast article."""
    table, path = _read("forecast_review.csv", corpus, ("sent_id", "start", "end", "decision", "reason"))
    table = _check_sentences(table, path, sentences)
    bad = set(table["decision"]) - {"forecast", "not_forecast"}
    if bad:
        raise InputError(path, f"decision must be forecast or not_forecast, found {sorted(bad)}")
    if set(table["sent_id"]) != set(sentences["sent_id"]):
        raise InputError(path, "must have exactly one row per body sentence of the forecast article")
    return table


def load_forecasts(sentences: pd.DataFrame, raw: str, corpus: Path | None = None) -> pd.DataFrame:
    """The reviewed forecasts: one row per checkable claim, offsets verified against ``raw``."""
    need = ("pred_id", "sent_id", "start", "end", "claim", "topic", "group", "hedge", "hedge_start",
            "hedge_end", "level", "bound", "coder", "date")
    table, path = _read("forecasts.csv", corpus, need)
    table = _check_sentences(table, path, sentences)
    if table["pred_id"].duplicated().any():
        raise InputError(path, "pred_id values must be unique")
    for col in ("hedge_start", "hedge_end"):
        table[col] = table[col].astype(int)
    for r in table.itertuples(index=False):
        if raw[r.hedge_start:r.hedge_end] != r.hedge or not r.start <= r.hedge_start < r.hedge_end <= r.end:
            raise InputError(path, f"{r.pred_id}: hedge {r.hedge!r} is not the text at {r.hedge_start}-{r.hedge_end} "
                                   "inside its sentence")
        if r.level not in LEVELS:
            raise InputError(path, f"{r.pred_id}: level {r.level!r} is not one of {', '.join(LEVELS)}")
        if r.bound not in ("summit", "open"):
            raise InputError(path, f"{r.pred_id}: bound must be summit or open")
        if not r.claim.strip():
            raise InputError(path, f"{r.pred_id}: empty claim")
    return table


def load_scales(corpus: Path | None = None, fallback: bool = False) -> pd.DataFrame:
    """Verbal-probability scales: one row per scale and level, each with its published source.

    With ``fallback``, a corpus without ``probability_scales.csv`` gets the project's copy (published
    scales, not coding of any corpus), so hedges can be mapped before any review exists.
    """
    if fallback and not (annotations.folder(corpus) / "probability_scales.csv").is_file():
        corpus = paths.ROOT / "corpus"
    table, path = _read("probability_scales.csv", corpus,
                        ("scale", "level", "phrase", "probability", "low", "high", "source"))
    for col in ("probability", "low", "high"):
        try:
            table[col] = table[col].astype(float)
        except ValueError:
            raise InputError(path, f"column {col} must hold numbers") from None
    if not ((table["low"] >= 0) & (table["low"] <= table["probability"]) & (table["probability"] <= table["high"])
            & (table["high"] <= 1)).all():
        raise InputError(path, "every row needs 0 <= low <= probability <= high <= 1")
    if (table["source"].str.strip() == "").any():
        raise InputError(path, "every row needs a source")
    for scale, rows in table.groupby("scale"):
        if sorted(rows["level"]) != sorted(LEVELS):
            raise InputError(path, f"scale {scale} must give each level exactly once: {', '.join(LEVELS)}")
    return table


def _outcome(value: str, path: Path, pred: str, col: str) -> float:
    if value == "":
        return np.nan
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if number not in OUTCOME_VALUES:
        raise InputError(path, f"{pred}: {col} must be 1, 0, 0.5 or empty, found {value!r}")
    return number


def horizon_columns(later: str) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """(outcome, basis, evidence) column names at the event and at the later horizon called ``later``
    (``settings.later_name``: ``outcome_2021, basis_2021, evidence_2021`` for Geneva)."""
    return ("outcome", "outcome_basis", "evidence"), (f"outcome_{later}", f"basis_{later}", f"evidence_{later}")


def load_outcomes(forecasts: pd.DataFrame, sentences_all: pd.DataFrame, post_docs: list[str],
                  corpus: Path | None = None, later: str | None = None) -> pd.DataFrame:
    """Outcomes at both horizons, checked: values, bases and every cited ``doc_id:sent_id``.

    ``sentences_all`` are the body sentences of the whole corpus; ``post_docs`` the post-event articles
    that may serve as corpus evidence; ``later`` names the later horizon (default: from settings.toml).
    """
    later = later or settings_lib.load(corpus).later_name
    need = ("pred_id", *(c for cols in horizon_columns(later) for c in cols))
    table, path = _read("outcomes.csv", corpus, need)
    if sorted(table["pred_id"]) != sorted(forecasts["pred_id"]):
        raise InputError(path, "needs exactly one row per pred_id of forecasts.csv")
    known = set(sentences_all["doc_id"] + ":" + sentences_all["sent_id"].astype(str))
    for horizon, basis, evidence in horizon_columns(later):
        values = []
        for r in table.to_dict("records"):
            value = _outcome(r[horizon], path, r["pred_id"], horizon)
            values.append(value)
            if np.isnan(value):
                if r[basis] or r[evidence]:
                    raise InputError(path, f"{r['pred_id']}: unresolved {horizon} must have empty basis and evidence")
                continue
            if r[basis] == "corpus":
                for ev in r[evidence].split():
                    if not EVIDENCE.match(ev) or ev not in known or ev[:3] not in post_docs:
                        raise InputError(path, f"{r['pred_id']}: evidence {ev!r} is not a sentence of a post-event article")
            elif r[basis] == "record":
                if not r[evidence].strip():
                    raise InputError(path, f"{r['pred_id']}: record evidence must name its source and date")
            else:
                raise InputError(path, f"{r['pred_id']}: {basis} must be corpus or record")
        table[horizon] = values
    return table


def load_coverage(topics: list[str], post_docs: list[str], corpus: Path | None = None) -> pd.DataFrame:
    """Stance of each post-event article towards each predicted topic; pairs not coded are ``ignored``."""
    table, path = _read("forecast_coverage.csv", corpus, ("topic", "doc_id", "stance", "evidence"))
    if not table["stance"].isin(STANCES[:-1]).all():
        raise InputError(path, "stance must be confirmed, mentioned or contradicted (ignored is implied)")
    unknown = set(table["topic"]) - set(topics)
    if unknown:
        raise InputError(path, f"topic(s) not in forecasts.csv: {sorted(unknown)}")
    if table.duplicated(["topic", "doc_id"]).any():
        raise InputError(path, "one row per topic and article")
    grid = pd.MultiIndex.from_product([sorted(topics), post_docs], names=["topic", "doc_id"]).to_frame(index=False)
    out = grid.merge(table[["topic", "doc_id", "stance", "evidence"]], how="left", on=["topic", "doc_id"])
    out["stance"] = out["stance"].fillna("ignored")
    out["evidence"] = out["evidence"].fillna("")
    return out


# ---------------------------------------------------------------------------------------------
# 3. Probabilities
# ---------------------------------------------------------------------------------------------

def probabilities(levels: pd.Series, scales: pd.DataFrame, scale: str, shift: float = 0.0,
                  value: str = "probability") -> pd.Series:
    """The probability each coded level gets under ``scale``, plus ``shift``, clipped to [0, 1].

    ``value`` picks the scale's point value (``probability``) or the ends of its range (``low``,
    ``high``). The shift and the range show how much a conclusion rests on one reading of the hedges.
    """
    table = scales[scales["scale"] == scale]
    if table.empty:
        raise InputError("probability_scales.csv", f"no scale called {scale!r}")
    mapping = dict(zip(table["level"], table[value]))
    return (levels.map(mapping) + shift).clip(0.0, 1.0)


# ---------------------------------------------------------------------------------------------
# 4. Scores
# ---------------------------------------------------------------------------------------------

def brier(probability: np.ndarray | pd.Series, outcome: np.ndarray | pd.Series) -> np.ndarray:
    """Per-forecast Brier score ``(probability - outcome)**2`` (NaN where the outcome is unresolved)."""
    return (np.asarray(probability, float) - np.asarray(outcome, float)) ** 2


def mean_brier(probability, outcome) -> float:
    """Mean Brier score over resolved forecasts.

    Forecasts with outcome 0 or 1 are scored by ``sklearn.metrics.brier_score_loss``; that function
    accepts only 0/1 outcomes, so forecasts with a partial outcome (0.5) add ``(p - 0.5)**2`` each,
    the contract's definition. The result equals the mean of :func:`brier` over resolved rows.
    """
    p, o = np.asarray(probability, float), np.asarray(outcome, float)
    keep = ~np.isnan(o)
    p, o = p[keep], o[keep]
    if len(o) == 0:
        return float("nan")
    binary = np.isin(o, (0.0, 1.0))
    total = 0.0
    if binary.any():
        total += brier_score_loss(o[binary].astype(int), p[binary], pos_label=1) * binary.sum()
    total += float(((p[~binary] - o[~binary]) ** 2).sum())
    return total / len(o)


def murphy(probability, outcome) -> dict[str, float]:
    """Murphy's (1973) decomposition of the mean Brier score, grouping forecasts by distinct value.

    ``brier = reliability - resolution + uncertainty - partial``, exactly, where
    reliability = sum_k n_k (p_k - obar_k)^2 / N (how far stated probabilities are from the observed
    frequencies: lower is better), resolution = sum_k n_k (obar_k - obar)^2 / N (how much the observed
    frequency differs between groups: higher is better), uncertainty = obar (1 - obar) (how hard the set
    of questions was), and partial = mean o (1 - o), which is zero when all outcomes are 0 or 1 and
    corrects for outcomes of 0.5.
    """
    p, o = np.asarray(probability, float), np.asarray(outcome, float)
    keep = ~np.isnan(o)
    p, o = p[keep], o[keep]
    n, obar = len(o), o.mean()
    rel = res = 0.0
    for value in np.unique(p):
        group = o[p == value]
        rel += len(group) * (value - group.mean()) ** 2
        res += len(group) * (group.mean() - obar) ** 2
    return {"reliability": rel / n, "resolution": res / n, "uncertainty": obar * (1 - obar),
            "partial": float((o * (1 - o)).mean())}


def scores(probability, outcome, prefix: str = "") -> pd.DataFrame:
    """The score table: article, baselines, skill and the decomposition, as ``metric, value`` rows.

    The 0.5 baseline says "no idea" on every claim. The base-rate baseline states, for every claim,
    the share of claims that came true; it is computed from the same outcomes, so it is a hindsight
    benchmark no forecaster could have stated in advance (it flatters the baseline, not the author).
    """
    o = np.asarray(outcome, float)
    resolved = ~np.isnan(o)
    base_rate = float(o[resolved].mean()) if resolved.any() else float("nan")
    article = mean_brier(probability, o)
    half = mean_brier(np.full(len(o), 0.5), o)
    base = mean_brier(np.full(len(o), base_rate), o)
    parts = murphy(probability, o)
    rows = [
        ("n_forecasts", float(len(o))), ("n_resolved", float(resolved.sum())), ("base_rate", base_rate),
        ("brier_article", article), ("brier_baseline_0.5", half), ("brier_baseline_base_rate", base),
        ("skill_vs_0.5", 1 - article / half), ("skill_vs_base_rate", 1 - article / base if base else float("nan")),
        ("murphy_reliability", parts["reliability"]), ("murphy_resolution", parts["resolution"]),
        ("murphy_uncertainty", parts["uncertainty"]), ("murphy_partial", parts["partial"]),
    ]
    return pd.DataFrame([(prefix + m, v) for m, v in rows], columns=["metric", "value"])


def group_means(table: pd.DataFrame, probability: str, outcome: str) -> pd.DataFrame:
    """One forecast per ``group`` (restatements of the same forecast): mean probability and outcome.

    Why: an author who repeats a safe forecast three times should not get three times the credit.
    Groups whose rows are all unresolved stay unresolved.
    """
    out = table.groupby("group", sort=True).agg(probability=(probability, "mean"), outcome=(outcome, "mean"))
    return out.reset_index()


def sensitivity(forecasts: pd.DataFrame, scales: pd.DataFrame, horizons: dict[str, str],
                shifts: tuple[float, ...] = (-0.1, 0.0, 0.1)) -> pd.DataFrame:
    """Brier scores under every scale, every shift and each scale's range ends, for each horizon.

    ``forecasts`` carries ``level`` and one outcome column per horizon (``horizons`` maps a horizon
    label to its column). Returns ``horizon, scale, variant, shift, n_resolved, brier_article,
    brier_baseline_0.5, brier_baseline_base_rate, skill_vs_0.5``.
    """
    rows = []
    for label, col in horizons.items():
        o = forecasts[col].to_numpy(float)
        for scale in sorted(scales["scale"].unique()):
            variants = [("point", "probability", s) for s in shifts] + [("range_low", "low", 0.0), ("range_high", "high", 0.0)]
            for variant, value, shift in variants:
                p = probabilities(forecasts["level"], scales, scale, shift, value).to_numpy(float)
                table = scores(p, o).set_index("metric")["value"]
                rows.append((label, scale, variant, shift, int(table["n_resolved"]), table["brier_article"],
                             table["brier_baseline_0.5"], table["brier_baseline_base_rate"], table["skill_vs_0.5"]))
    cols = ["horizon", "scale", "variant", "shift", "n_resolved", "brier_article", "brier_baseline_0.5",
            "brier_baseline_base_rate", "skill_vs_0.5"]
    return pd.DataFrame(rows, columns=cols)


def reliability_table(probability, outcome) -> pd.DataFrame:
    """Per distinct stated probability: how many resolved forecasts, and how often they came true."""
    frame = pd.DataFrame({"probability": np.asarray(probability, float), "outcome": np.asarray(outcome, float)})
    frame = frame.dropna()
    return (frame.groupby("probability").agg(n=("outcome", "size"), observed=("outcome", "mean"))
            .reset_index().sort_values("probability", kind="stable"))


# ---------------------------------------------------------------------------------------------
# 5. The whole analysis for one corpus
# ---------------------------------------------------------------------------------------------

#: The scale whose probabilities fill the contract's ``probability`` column; the others are extra
#: columns and enter the sensitivity table.
MAIN_SCALE = "kent1964"


def analyse(corpus: Path | None = None, scale: str = MAIN_SCALE) -> dict[str, pd.DataFrame]:
    """Load and check everything notebook 04 needs, and assemble the prediction table.

    Returns a dict of tables: ``sentences`` (forecast article), ``candidates``, ``review``,
    ``forecasts``, ``scales`` (the project's published scales when the corpus has none), ``outcomes``,
    ``coverage`` (None without ``forecast_coverage.csv``) and ``predictions`` (the contract table plus
    extra columns: ``level``, ``group``, ``bound``, ``found_by_rules``, one ``probability_<scale>``
    per scale, and ``outcome_<later>``, ``basis_<later>``, ``evidence_<later>``, ``brier_<later>`` for
    the later horizon, ``<later>`` being ``settings.later_name``, e.g. 2021). The forecast article, the
    event date and the later horizon come from the corpus' ``settings.toml``.
    """
    cfg = settings_lib.load(corpus)
    articles = corpus_lib.load(corpus)
    if cfg.forecast_doc not in set(articles["doc_id"]):
        raise InputError("settings.toml", f"forecast_doc {cfg.forecast_doc!r} is not a doc_id of the corpus")
    post_docs = sorted(articles.loc[articles["timing"].isin(["post-summit", "post-event"]), "doc_id"])
    all_sentences = segment.sentences(articles)
    sentences = all_sentences[all_sentences["doc_id"] == cfg.forecast_doc].reset_index(drop=True)
    raw = articles.set_index("doc_id").at[cfg.forecast_doc, "text"]

    candidates = find_candidates(sentences)
    review = load_review(sentences, corpus)
    forecasts = load_forecasts(sentences, raw, corpus)
    scales = load_scales(corpus, fallback=True)
    outcomes = load_outcomes(forecasts, all_sentences, post_docs, corpus, cfg.later_name)
    later = horizon_columns(cfg.later_name)[1]
    coverage = (load_coverage(sorted(forecasts["topic"].unique()), post_docs, corpus)
                if (annotations.folder(corpus) / "forecast_coverage.csv").is_file() else None)

    table = forecasts.merge(outcomes, on="pred_id", how="left", validate="one_to_one")
    table["probability"] = probabilities(table["level"], scales, scale)
    for name in sorted(scales["scale"].unique()):
        table[f"probability_{name}"] = probabilities(table["level"], scales, name)
    table["brier"] = brier(table["probability"], table["outcome"])
    table[f"brier_{cfg.later_name}"] = brier(table["probability"], table[later[0]])
    table["found_by_rules"] = table["sent_id"].isin(set(candidates["sent_id"])).astype(int)
    cols = ["pred_id", "sent_id", "start", "end", "claim", "topic", "hedge", "probability", "outcome",
            "outcome_basis", "evidence", "brier", "hedge_start", "hedge_end", "level", "group", "bound",
            "found_by_rules"] + [f"probability_{n}" for n in sorted(scales["scale"].unique())] + [
            *later, f"brier_{cfg.later_name}"]
    return {
        "settings": cfg, "post_docs": post_docs, "sentences": sentences, "candidates": candidates,
        "review": review, "forecasts": forecasts, "scales": scales, "outcomes": outcomes,
        "coverage": coverage, "predictions": table[cols],
    }


def score_summary(predictions: pd.DataFrame, horizons: dict[str, str]) -> pd.DataFrame:
    """``results/forecast_scores.csv``: the main scores per horizon, per statement and per group.

    Metric names without a suffix are the event-date horizon with the main scale, per statement
    (the contract's required rows); ``_<later>`` (e.g. ``_2021``) marks the later horizon and ``_groups`` the scores
    with restatements merged (one forecast per ``group``).
    """
    parts = []
    for label, col in horizons.items():
        suffix = "" if label == "event" else f"_{label}"
        parts.append(scores(predictions["probability"], predictions[col]).assign(metric=lambda d, s=suffix: d.metric + s))
        grouped = group_means(predictions, "probability", col)
        parts.append(scores(grouped["probability"], grouped["outcome"]).assign(
            metric=lambda d, s=suffix: d.metric + s + "_groups"))
    return pd.concat(parts, ignore_index=True)


def most_wrong(predictions: pd.DataFrame, outcome: str = "outcome", n: int = 5) -> pd.DataFrame:
    """The ``n`` resolved forecasts with the largest Brier score (ties kept in pred_id order)."""
    table = predictions.dropna(subset=[outcome]).copy()
    table["score"] = brier(table["probability"], table[outcome])
    return table.sort_values(["score", "pred_id"], ascending=[False, True], kind="stable").head(n)[
        ["pred_id", "sent_id", "claim", "hedge", "probability", outcome, "score"]]


def score_overview(summary: pd.DataFrame, later: str) -> pd.DataFrame:
    """:func:`score_summary` reshaped for reading: one row per metric, one column per horizon and count.

    Columns ``event``, ``event_groups``, ``<later>``, ``<later>_groups`` (``_groups``: restatements
    merged; ``later`` is the later horizon's name, ``settings.later_name``).
    """
    table = summary.copy()
    table["column"] = "event"
    for suffix, column in ((f"_{later}_groups", f"{later}_groups"), ("_groups", "event_groups"), (f"_{later}", later)):
        hit = table["column"].eq("event") & table["metric"].str.endswith(suffix)
        table.loc[hit, "column"] = column
        table.loc[hit, "metric"] = table.loc[hit, "metric"].str[: -len(suffix)]
    order = list(dict.fromkeys(table["metric"]))
    wide = table.pivot(index="metric", columns="column", values="value")
    return wide.loc[order, ["event", "event_groups", later, f"{later}_groups"]]
