"""Forecasts in a pre-event article, their probabilities, their outcomes and their scores.

The workflow of notebook 04, one step per function (the notebook calls them in order, section by section):

0. :func:`forecast_article` picks the case out of the corpus (``settings.toml``: which article forecasts,
   which ones report the outcome);
1. :func:`find_candidates` proposes sentences with hedge or modal cues (transparent rules, with the
   offsets of every cue) so the coder does not start from a blank page;
2. the coder's reviewed list is data (``corpus/annotations/forecasts.csv``, ``forecast_review.csv``)
   and is read by :func:`load_forecasts` / :func:`load_review`, which check every offset against the
   segmenter so a changed segmentation cannot silently misalign the coding;
3. :func:`load_scales` reads published verbal-probability scales kept as data and
   :func:`probabilities` turns each coded hedge level into a number under one scale (optionally
   shifted, to test how much the conclusions depend on the reading of the hedges);
4. :func:`load_outcomes` reads the outcomes coded by the written rules, at two horizons, and
   :func:`prediction_table` puts forecasts, probabilities, outcomes and Brier scores in one table;
5. :func:`brier`, :func:`mean_brier`, :func:`murphy` and :func:`scores` score the forecasts with the
   Brier score (a proper scoring rule), against a 0.5 and a base-rate baseline, and decompose it.
"""

import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.metrics import brier_score_loss, precision_score, recall_score

from ..core import annotations, paths, settings as settings_lib
from ..core.settings import Settings
from ..corpus import record
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
    """Share of reference-coded hedges whose span overlaps at least one rule cue."""
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


def silence_column(outcome: str) -> str:
    """The column that flags outcomes read from an article's silence: ``silence``, ``silence_<later>``."""
    return "silence" + outcome.removeprefix("outcome")


#: Where an outcome's evidence comes from (forecast_guide.md, rules P4 and P4a): ``corpus`` (a post-event
#: article says so), ``record`` (facts of ``corpus/record.csv``), ``silence`` (read from what an article does
#: not report: the weakest kind, shown separately in notebook 04).
BASES = ("corpus", "record", "silence")


def load_outcomes(forecasts: pd.DataFrame, sentences_all: pd.DataFrame, post_docs: list[str],
                  corpus: Path | None = None, written: str | None = None, later: str | None = None) -> pd.DataFrame:
    """Outcomes at both horizons, checked: values, bases and every cited ``doc_id:sent_id`` or fact id.

    ``sentences_all`` are the body sentences of the whole corpus; ``post_docs`` the post-event articles
    that may serve as corpus (or silence) evidence. ``written`` is the forecast article's publication
    date: a ``settled_before`` fact (rule S1) must be dated before it, and such a row stays unresolved.
    ``later`` names the later horizon (default: from settings.toml).
    """
    later = later or settings_lib.load(corpus).later_name
    need = ("pred_id", *(c for cols in horizon_columns(later) for c in cols))
    table, path = _read("outcomes.csv", corpus, need)
    if sorted(table["pred_id"]) != sorted(forecasts["pred_id"]):
        raise InputError(path, "needs exactly one row per pred_id of forecasts.csv")
    if "settled_before" not in table.columns:
        table["settled_before"] = ""
    facts = record.load(corpus)
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
            if r["settled_before"]:
                raise InputError(path, f"{r['pred_id']}: a settled claim (rule S1) is not scored: leave {horizon} empty")
            if r[basis] in ("corpus", "silence"):
                for ev in r[evidence].split():
                    if not EVIDENCE.match(ev) or ev not in known or ev[:3] not in post_docs:
                        raise InputError(path, f"{r['pred_id']}: evidence {ev!r} is not a sentence of a post-event article")
            elif r[basis] == "record":
                if not record.ids(r[evidence]):
                    raise InputError(path, f"{r['pred_id']}: record evidence must name fact ids of record.csv")
                record.check_references([r[evidence]], f"outcomes.csv {r['pred_id']}", corpus)
            else:
                raise InputError(path, f"{r['pred_id']}: {basis} must be one of {', '.join(BASES)}")
        table[horizon] = values
    for r in table[table["settled_before"] != ""].to_dict("records"):
        record.check_references([r["settled_before"]], f"outcomes.csv {r['pred_id']}", corpus)
        dates = [facts.at[f, "date"] for f in record.ids(r["settled_before"])]
        if written and max(dates) >= written:
            raise InputError(path, f"{r['pred_id']}: settled_before {r['settled_before']} is dated {max(dates)}, "
                                   f"not before the article ({written})")
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
    if not len(o):
        return dict.fromkeys(("reliability", "resolution", "uncertainty", "partial"), float("nan"))
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
        ("skill_vs_0.5", 1 - article / half if half else float("nan")), ("skill_vs_base_rate", 1 - article / base if base else float("nan")),
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

    ``forecasts`` carries ``level``, ``sent_id`` and one outcome column per horizon (``horizons`` maps a
    horizon label to its column). Returns ``horizon, scale, variant, shift, n_resolved, brier_article,
    brier_baseline_0.5, brier_baseline_base_rate, skill_vs_0.5``, and for each baseline the paired
    difference with its interval (:func:`brier_differences`, units = sentences) and the :func:`verdict`
    it supports (``results/forecast_sensitivity.csv``).
    """
    rows = []
    for label, col in horizons.items():
        o = forecasts[col].to_numpy(float)
        for scale in sorted(scales["scale"].unique()):
            variants = [("point", "probability", s) for s in shifts] + [("range_low", "low", 0.0), ("range_high", "high", 0.0)]
            for variant, value, shift in variants:
                p = probabilities(forecasts["level"], scales, scale, shift, value).to_numpy(float)
                table = scores(p, o).set_index("metric")["value"]
                row = {"horizon": label, "scale": scale, "variant": variant, "shift": shift,
                       "n_resolved": int(table["n_resolved"]), "brier_article": table["brier_article"],
                       "brier_baseline_0.5": table["brier_baseline_0.5"],
                       "brier_baseline_base_rate": table["brier_baseline_base_rate"], "skill_vs_0.5": table["skill_vs_0.5"]}
                for d in brier_differences(p, o, forecasts["sent_id"]).itertuples():
                    row.update({f"diff_vs_{d.baseline}": d.difference, f"diff_vs_{d.baseline}_ci_low": d.ci_low,
                                f"diff_vs_{d.baseline}_ci_high": d.ci_high,
                                f"verdict_vs_{d.baseline}": verdict(d.ci_low, d.ci_high, d.n_units)})
                rows.append(row)
    return pd.DataFrame(rows)


#: Fewer resampled units than this give no verdict: a bootstrap over two or three sentences can only
#: return a degenerate interval (such as [0.062, 0.062]) that says nothing about uncertainty.
MIN_UNITS = 5


def verdict(ci_low: float, ci_high: float, n_units: int | None = None) -> str:
    """What a paired interval of (article minus baseline) Brier scores supports, in words.

    "better than" only when the whole interval is below zero, "worse than" only when it is above;
    otherwise the data cannot tell the article from the baseline. Fewer than :data:`MIN_UNITS` units
    give "too few claims to compare with", whatever the interval (it is degenerate or nearly so)."""
    if n_units is not None and n_units < MIN_UNITS:
        return "too few claims to compare with"
    if ci_high < 0:
        return "better than"
    if ci_low > 0:
        return "worse than"
    return "not distinguishable from"


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


class ForecastArticle(NamedTuple):
    """The case notebook 04 scores (:func:`forecast_article`)."""
    sentences: pd.DataFrame      #: the forecast article's body sentences
    raw: str                     #: its raw text (the coding's hedge offsets point into it)
    post_docs: list[str]         #: doc_ids of the articles published after the event: evidence for outcomes
    written: str | None          #: its publication date (a claim settled before it is no forecast, rule S1)


def forecast_article(articles: pd.DataFrame, sentences: pd.DataFrame, cfg: Settings) -> ForecastArticle:
    """The forecast article of the corpus' ``settings.toml`` (``forecast_doc``) and the post-event articles
    (``timing`` post-summit or post-event in ``metadata.csv``). ``sentences`` are every article's."""
    if cfg.forecast_doc not in set(articles["doc_id"]):
        raise InputError("settings.toml", f"forecast_doc {cfg.forecast_doc!r} is not a doc_id of the corpus")
    post_docs = sorted(articles.loc[articles["timing"].isin(["post-summit", "post-event"]), "doc_id"])
    own = sentences[sentences["doc_id"] == cfg.forecast_doc].reset_index(drop=True)
    article = articles.set_index("doc_id").loc[cfg.forecast_doc]
    return ForecastArticle(own, article["text"], post_docs, str(article["published"] or "") or None)


def prediction_table(forecasts: pd.DataFrame, outcomes: pd.DataFrame, scales: pd.DataFrame,
                     candidates: pd.DataFrame, scale: str = MAIN_SCALE,
                     later_name: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``results/predictions.csv``: each coded forecast with its outcome, probability and Brier score; and,
    apart, the statements already settled when the article was written (rule S1: not forecasts, not scored).

    The contract columns, plus ``hedge_start``/``hedge_end``, ``level``, ``group``, ``bound``,
    ``found_by_rules`` (a rule cue sits in its sentence), one ``probability_<scale>`` per scale, the later
    horizon's ``outcome_<later>``, ``basis_<later>``, ``evidence_<later>``, ``brier_<later>``, and ``silence`` /
    ``silence_<later>`` (``later_name``, default ``settings.later_name``: ``2021`` for Geneva). ``probability``
    reads each hedge on ``scale`` (the main scale, Kent's).
    """
    later_name = later_name or settings_lib.load().later_name
    later = horizon_columns(later_name)[1]
    table = forecasts.merge(outcomes.rename(columns={"note": "reason"}).drop(columns=["coder", "date"]),
                            on="pred_id", how="left", validate="one_to_one")
    table["probability"] = probabilities(table["level"], scales, scale)
    for name in sorted(scales["scale"].unique()):
        table[f"probability_{name}"] = probabilities(table["level"], scales, name)
    table["brier"] = brier(table["probability"], table["outcome"])
    table[f"brier_{later_name}"] = brier(table["probability"], table[later[0]])
    table["found_by_rules"] = table["sent_id"].isin(set(candidates["sent_id"])).astype(int)
    # The contract knows two bases, corpus and record: an outcome read from an article's silence cites that
    # article's sentences, so it is `corpus` there, and the `silence` columns say which outcomes rest on silence.
    for basis, flag in (("outcome_basis", "silence"), (later[1], silence_column(later[0]))):
        table[flag] = (table[basis] == "silence").astype(int)
        table.loc[table[flag] == 1, basis] = "corpus"
    cols = ["pred_id", "sent_id", "start", "end", "claim", "topic", "hedge", "probability", "outcome",
            "outcome_basis", "evidence", "brier", "hedge_start", "hedge_end", "level", "group", "bound",
            "found_by_rules"] + [f"probability_{n}" for n in sorted(scales["scale"].unique())] + [
            *later, f"brier_{later_name}", "silence", silence_column(later[0])]
    settled = table["settled_before"] != ""
    excluded = table.loc[settled, ["pred_id", "sent_id", "claim", "hedge", "settled_before", "reason"]]
    return table.loc[~settled, cols].reset_index(drop=True), excluded.reset_index(drop=True)


#: Resamples and seed of the paired bootstrap intervals of Brier differences (results/forecast_scores.csv).
BOOT_RESAMPLES, BOOT_SEED, BOOT_LEVEL = 9999, 20210616, 0.95

def _difference_statistic(n, article, o, o2, half, axis=-1):
    """Article minus baseline mean Brier from per-unit sums: row 0 against 0.5, row 1 against the base rate.

    The base rate is the mean outcome of the (resampled) claims, so the base-rate Brier score is
    mean(o^2) - mean(o)^2, recomputed in every resample."""
    total = n.sum(axis=axis)
    mean_o = o.sum(axis=axis) / total
    article_mean = article.sum(axis=axis) / total
    return np.stack([article_mean - half.sum(axis=axis) / total,
                     article_mean - (o2.sum(axis=axis) / total - mean_o ** 2)])


def brier_differences(probability, outcome, units=None) -> pd.DataFrame:
    """Article minus baseline mean Brier score with a paired, seeded 95% bootstrap interval.

    Negative means the article scored better. Paired: each resample draws the same claims for the article
    and the baseline. ``units`` groups claims that must be resampled together (claims from one sentence
    share their hedge, so they are not independent); by default each claim is its own unit.
    Returns one row per baseline (``0.5``, ``base_rate``): ``difference, ci_low, ci_high, n_units``.
    """
    p, o = np.asarray(probability, float), np.asarray(outcome, float)
    keep = ~np.isnan(o)
    frame = pd.DataFrame({"unit": np.arange(len(o)) if units is None else np.asarray(units),
                          "n": 1.0, "article": (p - o) ** 2, "o": o, "o2": o ** 2, "half": (0.5 - o) ** 2})[keep]
    sums = frame.groupby("unit", sort=True)[["n", "article", "o", "o2", "half"]].sum()
    if len(sums) < 2:
        return pd.DataFrame({"baseline": ["0.5", "base_rate"], "difference": np.nan, "ci_low": np.nan,
                             "ci_high": np.nan, "n_units": len(sums)})
    data = tuple(sums[c].to_numpy() for c in sums.columns)
    point = _difference_statistic(*data)
    result = stats.bootstrap(data, _difference_statistic, paired=True, vectorized=True, n_resamples=BOOT_RESAMPLES,
                             confidence_level=BOOT_LEVEL, method="percentile",
                             rng=np.random.default_rng(BOOT_SEED))
    return pd.DataFrame({"baseline": ["0.5", "base_rate"], "difference": point,
                         "ci_low": result.confidence_interval.low, "ci_high": result.confidence_interval.high,
                         "n_units": len(sums)})


def _scored(probability, outcome, units, suffix: str) -> pd.DataFrame:
    """:func:`scores` plus the paired intervals of the differences, all metric names ending in ``suffix``."""
    rows = [scores(probability, outcome)]
    for d in brier_differences(probability, outcome, units).itertuples():
        name = f"brier_diff_vs_{d.baseline}"
        rows.append(pd.DataFrame({"metric": [name, name + "_ci_low", name + "_ci_high", "n_units"],
                                  "value": [d.difference, d.ci_low, d.ci_high, float(d.n_units)]}))
    table = pd.concat(rows, ignore_index=True).drop_duplicates("metric")
    return table.assign(metric=table["metric"] + suffix)


def score_summary(predictions: pd.DataFrame, horizons: dict[str, str]) -> pd.DataFrame:
    """``results/forecast_scores.csv``: the scores per horizon and reading, each with its paired interval.

    Metric names without a suffix are the event-date horizon with the main scale, per statement
    (the contract's required rows); ``_<later>`` (``settings.later_name``, e.g. ``_2021``) marks the later
    horizon. Readings after it: ``_groups``
    (restatements merged, one forecast per ``group``), ``_summit_bound`` and ``_open`` (claims about the
    summit itself, claims without a deadline), ``_no_silence`` (outcomes read from an article's silence
    left out). ``brier_diff_vs_*`` is the article's mean Brier score minus the baseline's, with its
    bootstrap interval (``_ci_low``, ``_ci_high``) over ``n_units`` resampled units: sentences (claims that
    share a sentence are resampled together), or groups in the ``_groups`` reading.
    """
    parts = []
    for label, col in horizons.items():
        h = "" if label == "event" else f"_{label}"
        p, o = predictions["probability"], predictions[col]
        parts.append(_scored(p, o, predictions["sent_id"], h))
        grouped = group_means(predictions, "probability", col)
        parts.append(_scored(grouped["probability"], grouped["outcome"], None, h + "_groups"))
        for bound, reading in (("summit", "_summit_bound"), ("open", "_open")):
            subset = predictions[predictions["bound"] == bound]
            parts.append(_scored(subset["probability"], subset[col], subset["sent_id"], h + reading))
        silence = predictions.get(silence_column(col), pd.Series(0, index=predictions.index))
        parts.append(_scored(p, o.where(silence != 1), predictions["sent_id"], h + "_no_silence"))
    return pd.concat(parts, ignore_index=True)


def most_wrong(predictions: pd.DataFrame, outcome: str = "outcome", n: int = 5) -> pd.DataFrame:
    """The ``n`` resolved forecasts with the largest Brier score (ties kept in pred_id order)."""
    table = predictions.dropna(subset=[outcome]).copy()
    table["score"] = brier(table["probability"], table[outcome])
    return table.sort_values(["score", "pred_id"], ascending=[False, True], kind="stable").head(n)[
        ["pred_id", "sent_id", "claim", "hedge", "probability", outcome, "score"]]


#: The readings of :func:`score_summary`, by metric-name suffix (longest first when matching).
READINGS = ("groups", "summit_bound", "open", "no_silence")


def score_overview(summary: pd.DataFrame, later: str | None = None) -> pd.DataFrame:
    """:func:`score_summary` reshaped for reading: one row per metric, one column per horizon and reading.

    Columns ``event``, ``event_groups``, ``event_summit_bound``, …, ``<later>``, ``<later>_groups``, …, where
    ``later`` is the later horizon's name (default: ``settings.later_name`` of the corpus in use, e.g. 2021).
    """
    later = later or settings_lib.load().later_name
    suffixes = sorted((h + r for h in ("", f"_{later}") for r in ("",) + tuple(f"_{x}" for x in READINGS) if h + r),
                      key=len, reverse=True)
    metrics, columns = [], []
    for name in summary["metric"]:
        suffix = next((x for x in suffixes if name.endswith(x)), "")
        metrics.append(name[: len(name) - len(suffix)])
        columns.append((later if suffix.startswith(f"_{later}") else "event") + suffix.removeprefix(f"_{later}"))
    table = summary.assign(metric=metrics, column=columns)
    order = list(dict.fromkeys(table["metric"]))
    wide = table.pivot(index="metric", columns="column", values="value")
    horizons = ["event"] + [c for c in (later,) if c in wide.columns]
    cols = [h + r for h in horizons for r in ("",) + tuple(f"_{x}" for x in READINGS) if h + r in wide.columns]
    return wide.loc[order, cols]


# ---------------------------------------------------------------------------------------------
# 6. The verdicts in words (notebook 04 and the write-up use the same sentences)
# ---------------------------------------------------------------------------------------------

#: Reading suffix -> how the prose names it.
READING_NAMES = {"": "all scored claims", "_groups": "restatements merged (one forecast per group)",
                 "_summit_bound": "claims about the summit itself", "_open": "claims without a deadline",
                 "_no_silence": "outcomes read from an article's silence left out"}
BASELINE_NAMES = {"0.5": "the 0.5 baseline", "base_rate": "the hindsight base rate"}


def _comparison(values: dict[str, float], suffix: str, baseline: str) -> tuple[str, str]:
    """(verdict, "difference [low, high]") for one baseline in one reading."""
    name = f"brier_diff_vs_{baseline}"
    d, lo, hi = (values.get(name + x + suffix, np.nan) for x in ("", "_ci_low", "_ci_high"))
    n_units = values.get("n_units" + suffix, np.nan)
    if np.isnan(lo) or np.isnan(hi):
        return "too few claims to compare with", "no interval"
    return verdict(lo, hi, int(n_units)), f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}], {int(n_units)} sentences"


def _verdict_words(word: str, baseline: str) -> str:
    """A verdict of :func:`verdict` as a clause about the article and ``baseline``."""
    if word.startswith("too few"):
        return f"there are too few claims to compare the article with {baseline}"
    return f"the article is **{word}** {baseline}"


def headline(summary: pd.DataFrame, later: str | None = None) -> str:
    """The article against both baselines at each horizon, with the paired intervals, as Markdown.

    ``summary`` is ``results/forecast_scores.csv``; ``later`` the later horizon's name (default:
    ``settings.later_name``). "Better" appears only where the interval of the difference excludes zero;
    each other reading is named where its verdict differs from the main one."""
    later = later or settings_lib.load().later_name
    values = dict(zip(summary["metric"], pd.to_numeric(summary["value"], errors="coerce")))
    parts = []
    for horizon, label in (("", "At the summit"),
                           (f"_{later}", f"By the end of {later}" if later.isdigit() else f"By the later horizon ({later})")):
        if f"brier_article{horizon}" not in values:
            continue
        main = {b: _comparison(values, horizon, b) for b in BASELINE_NAMES}
        text = (f"**{label}**, over {int(values[f'n_resolved{horizon}'])} resolved claims the article's mean Brier "
                f"score is {values[f'brier_article{horizon}']:.3f}, against {values[f'brier_baseline_0.5{horizon}']:.3f} "
                f"for {BASELINE_NAMES['0.5']} and {values[f'brier_baseline_base_rate{horizon}']:.3f} for "
                f"{BASELINE_NAMES['base_rate']}. Judged by the paired 95% bootstrap interval of article minus baseline "
                f"(claims from one sentence resampled together), "
                + "; ".join(_verdict_words(main[b][0], BASELINE_NAMES[b]) + f" ({main[b][1]})"
                            for b in BASELINE_NAMES) + ".")
        changes = []
        for reading in ("_summit_bound", "_open", "_groups", "_no_silence"):
            suffix = horizon + reading
            if not values.get(f"n_resolved{suffix}", 0):
                continue
            for b in BASELINE_NAMES:
                word, interval = _comparison(values, suffix, b)
                if word != main[b][0]:
                    changes.append(f"with {READING_NAMES[reading]} ({int(values[f'n_resolved{suffix}'])} resolved) "
                                   + _verdict_words(word, BASELINE_NAMES[b]) + f" ({interval})")
        text += (" The verdicts hold for every reading (summit-bound and open claims apart, restatements merged, "
                 "silence left out)." if not changes else " It changes when read otherwise: " + "; ".join(changes) + ".")
        parts.append(text)
    return "\n\n".join(parts)


def sensitivity_note(sens: pd.DataFrame, scale: str = MAIN_SCALE) -> str:
    """Which readings of the hedges flip a verdict of the main reading (``scale``, no shift), in words.

    ``sens`` is :func:`sensitivity` (``results/forecast_sensitivity.csv``)."""
    parts = []
    for horizon, rows in sens.groupby("horizon", sort=False):
        main = rows[(rows["scale"] == scale) & (rows["variant"] == "point") & (rows["shift"] == 0)]
        if main.empty:
            continue
        label = "at the summit" if horizon == "event" else f"by the end of {horizon}"
        for b in BASELINE_NAMES:
            col = f"verdict_vs_{b}"
            flips = rows[rows[col] != main[col].iloc[0]]
            names = [f"{r['scale']} " + (f"shifted {r['shift']:+.1f}" if r["variant"] == "point"
                                         else r["variant"].replace("_", " ")) + f" ({r[col]})"
                     for r in flips.to_dict("records")]
            if names:
                parts.append(f"{label}, the verdict against {BASELINE_NAMES[b]} ({main[col].iloc[0]}) flips under "
                             f"{len(names)} of {len(rows)} readings: {', '.join(names)}")
    if not parts:
        return "No reading of the hedges changes a verdict."
    return "The verdict depends on how the hedges are read: " + "; ".join(parts) + "."


def reliability_note(predictions: pd.DataFrame, outcome: str = "outcome") -> str:
    """How often the forecasts of each hedge level came true, in words (the reliability figure's takeaway)."""
    resolved = predictions.dropna(subset=[outcome])
    low = resolved[resolved["level"].isin(["probably_not", "almost_certainly_not"])]
    high = resolved[resolved["level"].isin(["probable", "believe", "almost_certain"])]
    even = resolved[resolved["level"] == "even"]
    parts = []
    if len(low):
        happened = int((low[outcome] > 0).sum())
        parts.append(f"of the {len(low)} resolved \"probably not\" and \"almost certainly not\" forecasts, "
                     f"{happened} came even partly true")
    for name, rows in (("\"probable\" and \"I believe\"", high), ("\"may/could\" (even)", even)):
        if len(rows):
            parts.append(f"the {len(rows)} {name} forecasts came true {rows[outcome].mean():.0%} of the time")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + " (a partial outcome counts as half)." if parts else "No resolved forecasts."
