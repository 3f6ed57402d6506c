"""The three figures of notebook 04, each saved with a CSV of exactly the values it plots.

- ``04-reliability``: stated probability against how often such forecasts came true;
- ``04-sensitivity``: the article's Brier score under each scale, shift and range end, against baselines;
- ``04-coverage``: which predicted topics each post-event article confirmed, ignored or contradicted.
"""

import re
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..core import annotations, plotting, settings
from . import scoring


def horizon_label(label: str) -> str:
    """Readable name of a horizon key, from the corpus' settings ('at the summit', 'by 31 December 2021')."""
    case = settings.load()
    if label == "event":
        return f"at the {case.event.split()[-1]}"   # "the Geneva summit" -> "at the summit"
    return f"by {case.later_horizon.day} {case.later_horizon:%B %Y}"


def scale_label(name: str) -> str:
    """A scale named as it is cited, from its source in ``probability_scales.csv``:
    'kent1964' -> 'Kent (1964)', 'fagen2015' -> 'Fagen-Ulmschneider (2015)'."""
    scales = scoring.load_scales()
    source = scales.loc[scales["scale"] == name, "source"]
    found = re.match(r"\s*([^,(]+?)\s*,.*?\((\d{4})\)", source.iloc[0]) if len(source) else None
    return f"{found.group(1)} ({found.group(2)})" if found else name


def topic_labels(topics) -> dict[str, str]:
    """topic key -> readable name, from ``forecast_topics.csv`` where the corpus has one (else the key in words)."""
    table = annotations.load("forecast_topics.csv", ("topic", "label", "coder", "date"))
    named = {} if table is None else dict(zip(table["topic"], table["label"]))
    return {t: named.get(t) or plotting.readable(t) for t in topics}


STANCE_COLOURS = {"confirmed": "#009E73", "mentioned": "#F0E442", "contradicted": "#D55E00", "ignored": "#E8E8E8"}


def reliability(predictions: pd.DataFrame, scales: pd.DataFrame, horizons: dict[str, str]) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per scale: observed frequency against stated probability, per horizon."""
    names = sorted(scales["scale"].unique())
    rows = []
    for name in names:
        for label, col in horizons.items():
            table = scoring.reliability_table(predictions[f"probability_{name}"], predictions[col])
            rows.append(table.assign(scale=name, horizon=label))
    data = pd.concat(rows, ignore_index=True)[["scale", "horizon", "probability", "n", "observed"]]
    fig, axes = plt.subplots(1, len(names), figsize=(9, 4.2), sharey=True)
    for ax, name in zip(np.atleast_1d(axes), names):
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect calibration")
        for i, label in enumerate(horizons):
            part = data[(data.scale == name) & (data.horizon == label)]
            offset = -0.012 if i == 0 else 0.012   # side by side so the two horizons do not hide each other
            ax.scatter(part["probability"] + offset, part["observed"], s=30 + 18 * part["n"], alpha=0.75,
                       color=plotting.colour(i), edgecolor="black", label=horizon_label(label))
            for r in part.itertuples():
                ax.annotate(f"n={r.n}", (r.probability + offset, r.observed), textcoords="offset points",
                            xytext=(8, -3 if i == 0 else 7), fontsize=8)
        ax.set(xlim=(-0.05, 1.05), ylim=(-0.05, 1.05), xlabel="probability the hedge maps to",
               title=f"scale: {scale_label(name)}")
    np.atleast_1d(axes)[0].set_ylabel("share of these forecasts that came true")
    np.atleast_1d(axes)[0].legend(loc="upper left", fontsize=8, markerscale=0.5)
    fig.suptitle("Reliability: did 'probable' things happen about 75% of the time?", fontweight="bold")
    fig.tight_layout()
    return fig, data


def sensitivity(table: pd.DataFrame) -> tuple[plt.Figure, pd.DataFrame]:
    """The article's Brier score for every scale and variant, with both baselines, per horizon.

    ``table`` is :func:`lib.forecasts.scoring.sensitivity`. Lower is better.
    """
    data = table.copy()
    variants = {"range_low": "low end of its range", "range_high": "high end of its range"}
    data["label"] = [f"{scale_label(scale)}: " + (("as published" if shift == 0 else f"{abs(shift):.1f} "
                                                   + ("higher" if shift > 0 else "lower"))
                                                  if variant == "point" else variants.get(variant, plotting.readable(variant)))
                     for scale, variant, shift in zip(data["scale"], data["variant"], data["shift"])]
    horizons = list(dict.fromkeys(data["horizon"]))
    fig, axes = plt.subplots(1, len(horizons), figsize=(10, 4.5), sharey=True)
    for ax, label in zip(np.atleast_1d(axes), horizons):
        part = data[data.horizon == label].reset_index(drop=True)
        y = np.arange(len(part))[::-1]
        for method, marker, size in (("article", "o", 36), ("baseline_0.5", "|", 120), ("baseline_base_rate", "x", 36)):
            ax.scatter(part[f"brier_{method}"], y, marker=marker, s=size, zorder=3,
                       color=plotting.method_colour(method), label=plotting.method_label(method))
        ax.set_yticks(y, part["label"])
        ax.set(xlim=(0, 0.3), xlabel="mean Brier score (lower is better)",
               title=f"{horizon_label(label)} (n={part['n_resolved'].iloc[0]})")
    handles, labels = np.atleast_1d(axes)[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, bbox_to_anchor=(0.5, -0.02))
    fig.suptitle("Does the verdict depend on how the hedges are read?", fontweight="bold")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    cols = ["horizon", "scale", "variant", "shift", "label", "n_resolved", "brier_article",
            "brier_baseline_0.5", "brier_baseline_base_rate"]
    return fig, data[cols]


def _wrap(text: str, width: int = 16) -> str:
    """Break a long outlet name over lines so column labels do not collide."""
    return "\n".join(textwrap.wrap(text, width))


def coverage(cov: pd.DataFrame, predictions: pd.DataFrame, outlet_labels: dict[str, str]) -> tuple[plt.Figure, pd.DataFrame]:
    """Topic by post-event article, coloured by stance; topics ordered by how many forecasts they hold.

    ``outlet_labels`` is ``lib.corpus.load.outlet_labels(articles, short=True)``: each column prints
    the doc_id above the outlet."""
    counts = predictions.groupby("topic").size()
    cov = cov[cov["topic"].isin(counts.index)]   # a topic whose only claim was excluded (rule S1) is not drawn
    order = sorted(counts.index, key=lambda t: (-counts[t], t))
    docs = sorted(cov["doc_id"].unique())
    stances = list(STANCE_COLOURS)
    grid = cov.pivot(index="topic", columns="doc_id", values="stance").loc[order, docs]
    codes = grid.apply(lambda col: col.map(stances.index)).to_numpy()
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(order) + 2.2))
    cmap = plt.matplotlib.colors.ListedColormap([STANCE_COLOURS[s] for s in stances])
    ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(stances) - 0.5, aspect="auto")
    names = [outlet_labels.get(d, d) for d in docs]
    ax.set_xticks(range(len(docs)), [f"{d}\n{_wrap(name, 14)}" for d, name in zip(docs, names)], fontsize=8)
    ax.xaxis.tick_top()
    names_ = topic_labels(order)
    ax.set_yticks(range(len(order)), [f"{names_[t]} ({counts[t]})" for t in order])
    ax.grid(False)
    ax.set_xticks(np.arange(-0.5, len(docs)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(order)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    handles = [plt.matplotlib.patches.Patch(color=STANCE_COLOURS[s], label=s) for s in stances]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="the article ...")
    ax.set_title("What the post-summit coverage did with the predicted topics\n(rows: topic, number of forecasts)", pad=12)
    fig.tight_layout()
    data = cov.assign(n_forecasts=cov["topic"].map(counts), topic_label=cov["topic"].map(names_))
    data = data[["topic", "topic_label", "n_forecasts", "doc_id", "stance", "evidence"]]
    return fig, data.sort_values(["topic", "doc_id"], kind="stable").reset_index(drop=True)
