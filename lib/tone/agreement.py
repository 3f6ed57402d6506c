"""The reference coding as data, and how well automated labels (or a second coder) agree with it.

The reference codes live in ``corpus/annotations/sentiment_coder_<a|b>.csv`` (codebook beside them). Each
row carries the sentence's ``start``/``end``; :func:`load_coding` refuses a file whose offsets no
longer match the segmenter, so a change in segmentation cannot silently misalign the codes.
"""

from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from scipy import stats
from sklearn import metrics

from ..core import annotations, settings
from ..core.errors import InputError

LABELS = [-1, 0, 1]


def variable(target: str) -> str:
    """The code column of a target: ``tone`` for ``all``, ``tone_<key>`` for a side (codebook)."""
    return "tone" if target == "all" else f"tone_{target}"


def variables(folder: Path | None = None) -> list[str]:
    """The code columns of this corpus' coding files: ``tone`` plus one per ``settings.toml`` target."""
    return ["tone"] + [variable(key) for key in settings.load(folder).targets]


def coded_targets(coded: pd.DataFrame) -> list[str]:
    """The targets a loaded coding table holds codes for (``all`` first)."""
    return ["all"] + [c[len("tone_"):] for c in coded.columns if c.startswith("tone_")]


def load_coding(name: str, sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """A coder's file joined to ``sentences`` (adds ``text``); codes as nullable integers (empty = NA).

    Read by :func:`lib.core.annotations.read`, rows checked by :func:`lib.core.annotations.check_sentences`.
    Raises InputError when the file is missing, a code is not -1/0/1, or a row's ``start``/``end``
    no longer match the segmenter's sentence.
    """
    path = annotations.path(name, folder)
    if not path.is_file():
        raise InputError(path, "missing: no reference coding for this corpus")
    coded = annotations.read(path, annotations.SENTENCE + tuple(variables(folder)))
    annotations.check_sentences(coded, path, sentences)
    for col in annotations.SENTENCE[1:]:
        coded[col] = pd.to_numeric(coded[col]).astype(int)
    for var in variables(folder):
        given = coded[var].str.strip() != ""
        codes = pd.to_numeric(coded[var].where(given), errors="coerce")
        bad = given & ~codes.isin(LABELS)
        if bad.any():
            row = int(bad.to_numpy().argmax())
            raise InputError(path, f"{var} must be -1, 0, 1 or empty; row {row + 2} has {coded[var].iloc[row]!r}")
        coded[var] = codes.astype("Int64")
    return coded.merge(sentences[["doc_id", "sent_id", "text"]], on=["doc_id", "sent_id"], how="left")


def scores(reference: pd.Series, label: pd.Series, score: pd.Series | None = None) -> dict[str, float]:
    """Accuracy, macro-F1 over the three classes, and Spearman's rho of score against the reference code.

    Rows where the reference code is empty (not applicable) are dropped first.
    """
    keep = reference.notna().to_numpy()
    h = reference[keep].astype(int).to_numpy()
    y = np.asarray(label)[keep].astype(int)
    s = np.asarray(label if score is None else score, dtype=float)[keep]
    rho = stats.spearmanr(h, s).statistic if len(h) > 2 and np.std(s) > 0 else float("nan")
    return {"n": int(keep.sum()), "accuracy": metrics.accuracy_score(h, y),
            "macro_f1": macro_f1(h, y),
            "spearman": float(rho)}


def confusion(reference: pd.Series, label: pd.Series) -> pd.DataFrame:
    """Confusion matrix: rows the reference code, columns the automated label (-1, 0, 1)."""
    keep = reference.notna().to_numpy()
    table = metrics.confusion_matrix(reference[keep].astype(int), np.asarray(label)[keep].astype(int), labels=LABELS)
    return pd.DataFrame(table, index=pd.Index(LABELS, name="reference"), columns=pd.Index(LABELS, name="method"))


def most_wrong(coded: pd.DataFrame, score: pd.Series, k: int = 5) -> pd.DataFrame:
    """The ``k`` sentences whose score is farthest from the reference tone (distance |score - tone|)."""
    table = coded[["doc_id", "sent_id", "text", "tone", "note"]].copy()
    table["score"] = np.asarray(score, dtype=float)
    table["distance"] = (table["score"] - table["tone"].astype(float)).abs()
    return table.sort_values(["distance", "doc_id", "sent_id"], ascending=[False, True, True], kind="stable").head(k)


def pair_alpha(a, b, level: str = "nominal", value_domain: list | None = None) -> float:
    """Krippendorff's alpha of two codings of the same units (NaN where a unit is not coded).

    The one place alpha is computed: for two coders here, for two methods' labels in the write-up.
    Alpha corrects the raw share of agreement for the agreement two coders would reach by chance given
    how often each uses each value, and unlike Cohen's kappa it allows missing codes. NaN where it is
    undefined: fewer than two units coded by both, or (without a ``value_domain``) one value only.
    """
    data = np.array([np.asarray(a, dtype=float), np.asarray(b, dtype=float)])
    coded = data[~np.isnan(data)]
    if int((~np.isnan(data)).all(axis=0).sum()) < 2 or (value_domain is None and len(np.unique(coded)) < 2):
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level, value_domain=value_domain))


def alpha(coder_a: pd.DataFrame, coder_b: pd.DataFrame) -> pd.DataFrame:
    """Krippendorff's alpha per variable on the sentences both coders coded.

    Level ``ordinal``: -1 < 0 < +1 are ordered categories; we do not claim the step from -1 to 0
    equals the step from 0 to +1 (interval would). Empty (not applicable) codes are missing values,
    so for the leader variables alpha is over the sentences both found applicable; ``applicable``
    (nominal alpha on "coded at all?") reports whether they agree on where a leader is evaluated.
    """
    both = coder_a.merge(coder_b, on=["doc_id", "sent_id"], suffixes=("_a", "_b"))
    rows = []
    for var in [variable(t) for t in coded_targets(coder_a)]:
        data = np.array([both[f"{var}_a"].astype("Float64").to_numpy(dtype=float, na_value=np.nan),
                         both[f"{var}_b"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)])
        paired = int((~np.isnan(data)).all(axis=0).sum())
        rows.append({"variable": var, "level": "ordinal", "n_units": len(both), "n_paired": paired,
                     "alpha": pair_alpha(data[0], data[1], "ordinal", LABELS)})
        if var != "tone":
            applicable = (~np.isnan(data)).astype(float)
            rows.append({"variable": f"{var}_applicable", "level": "nominal", "n_units": len(both),
                         "n_paired": len(both), "alpha": pair_alpha(applicable[0], applicable[1])})
    return pd.DataFrame(rows)


def compare(coded: pd.DataFrame, scored: pd.DataFrame, target: str = "all") -> pd.DataFrame:
    """One row per automated method: n, accuracy, macro-F1 and Spearman's rho against the reference code of
    ``target`` (``scored`` is the long table of :func:`lib.tone.scorers.all_scores`)."""
    var = variable(target)
    rows = []
    for method, group in scored[(scored["target"] == target) & (scored["method"] != "reference")].groupby("method", sort=False):
        both = group.merge(coded[["doc_id", "sent_id", var]], on=["doc_id", "sent_id"])
        rows.append({"target": target, "method": method, **scores(both[var], both["label"], both["score"])})
    return pd.DataFrame(rows)


#: Resamples, seed and level of the paired bootstrap of macro-F1 differences between methods.
BOOT_RESAMPLES, BOOT_SEED, BOOT_LEVEL = 9999, 20210616, 0.95

#: Methods whose score on the Geneva articles is an in-sample, development score: the diplomacy lexicon was
#: written by a coder who had read and coded these articles, and an entry was added after the first scoring.
IN_SAMPLE = ("diplomacy",)


def macro_f1(reference, label) -> float:
    """Macro-F1 over :data:`LABELS` (sklearn; a class never coded nor predicted counts as 0)."""
    return float(metrics.f1_score(np.asarray(reference, dtype=int), np.asarray(label, dtype=int), labels=LABELS,
                                  average="macro", zero_division=0))


def resample_weights(groups, n: int = BOOT_RESAMPLES, seed: int = BOOT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Seeded paired bootstrap over whole groups: each row's group code and an ``n`` x groups matrix of how often
    each group is drawn in each resample.

    The draws are those of ``scipy.stats.bootstrap(..., paired=True, rng=np.random.default_rng(seed))`` (one
    ``integers(0, groups, (n, groups))`` call), so with one row per group the intervals equal scipy's percentile
    intervals (a test checks this). Counting draws instead of copying rows keeps the matrix at ``n`` x groups, which
    matters for NewsMTSC's thousands of sentences; and a group (a sentence whose targets were coded together, so
    are not independent) can hold several rows. The same seed gives every method the same resamples: differences
    between methods are paired.
    """
    codes, uniques = pd.factorize(np.asarray(groups))
    size = len(uniques)
    draws = np.random.default_rng(seed).integers(0, size, size=(n, size))
    weights = np.bincount((draws + np.arange(n)[:, None] * size).ravel(), minlength=n * size)
    return codes, weights.reshape(n, size).astype(float)


def macro_f1_draws(reference, label, codes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Macro-F1 in each resample of :func:`resample_weights`: per-group counts of hits, reference codes and labels
    per class, summed with the resample's weights (sklearn's definition with ``zero_division=0``)."""
    reference, label = np.asarray(reference, dtype=int), np.asarray(label, dtype=int)
    f1 = []
    for c in LABELS:
        hits, true, pred = (np.bincount(codes, weights=w.astype(float), minlength=weights.shape[1])
                            for w in ((reference == c) & (label == c), reference == c, label == c))
        denominator = weights @ true + weights @ pred
        f1.append(np.divide(2 * (weights @ hits), denominator, out=np.zeros(len(weights)), where=denominator > 0))
    return np.mean(f1, axis=0)


def percentile_interval(draws: np.ndarray, level: float = BOOT_LEVEL) -> tuple[float, float]:
    """The percentile bootstrap interval of ``draws``."""
    tail = (1 - level) / 2 * 100
    return float(np.percentile(draws, tail)), float(np.percentile(draws, 100 - tail))


def method_differences(coded: pd.DataFrame, scored: pd.DataFrame, target: str = "all",
                       methods: list[str] | None = None) -> pd.DataFrame:
    """Macro-F1 of each pair of automated methods on the same sentences, and their difference with a paired,
    seeded 95% percentile bootstrap interval (``results/sentiment_method_differences.csv``).

    Paired: every resample draws the same sentences for both methods, so the interval is about the
    difference, not about two separate scores. A difference counts only where its interval excludes 0
    (``verdict``). ``degenerate`` flags an interval of zero width (every resample gives the same
    difference: too few sentences, or labels that never differ), which says nothing about uncertainty.
    ``in_sample`` flags a pair with a method developed on these sentences (:data:`IN_SAMPLE`).
    """
    var = variable(target)
    rows = scored[(scored["target"] == target) & (scored["method"] != "reference")]
    wide = rows.pivot_table(index=["doc_id", "sent_id"], columns="method", values="label", aggfunc="first")
    both = wide.join(coded.set_index(["doc_id", "sent_id"])[[var]], how="inner").dropna(subset=[var])
    names = [m for m in (methods or list(wide.columns)) if m in both.columns]
    out = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            pair = both[[var, a, b]].dropna().astype(int)
            ref, la, lb = (pair[c].to_numpy() for c in (var, a, b))
            row = {"target": target, "method_a": a, "method_b": b, "n": len(pair),
                   "macro_f1_a": macro_f1(ref, la), "macro_f1_b": macro_f1(ref, lb)}
            row["difference"] = row["macro_f1_a"] - row["macro_f1_b"]
            if len(pair) > 1:
                codes, weights = resample_weights(np.arange(len(pair)))
                low, high = percentile_interval(macro_f1_draws(ref, la, codes, weights)
                                                - macro_f1_draws(ref, lb, codes, weights))
            else:
                low = high = float("nan")
            row.update(ci_low=low, ci_high=high, degenerate=int(low == high),
                       verdict=(f"{a} higher" if low > 0 else f"{b} higher" if high < 0 else "not distinguishable"),
                       in_sample=int(a in IN_SAMPLE or b in IN_SAMPLE))
            out.append(row)
    return pd.DataFrame(out)


def load_coding_if_present(name: str, sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame | None:
    """:func:`load_coding`, or None when this corpus has no such file (another corpus, not yet coded)."""
    return load_coding(name, sentences, folder) if annotations.exists(name, folder) else None
