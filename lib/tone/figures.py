"""The figures of notebook 03 (tone per outlet, tone through each article, the sentences behind a score).

Each function returns ``(figure, data)`` where ``data`` is exactly what is plotted, ready for
:func:`lib.core.plotting.save_figure`.
"""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..core import plotting

METHOD_ORDER = ["reference", "diplomacy", "calibrated", "vader", "vader_reference", "textblob"]


def short(label: str, width: int = 16) -> str:
    """An outlet name wrapped onto short lines for an axis."""
    return "\n".join(textwrap.wrap(label, width))


def _n_label(rows: pd.DataFrame) -> str:
    """The n under one outlet's group of intervals: sentences behind the methods' means and, where it
    differs, behind the reference coding's (a coder may mark a target where the name-matching did not)."""
    counts = rows.groupby(rows["method"] == "reference")["n"].first()
    text = f"n={int(counts[False])}" if False in counts else ""
    if True in counts and (False not in counts or counts[True] != counts[False]):
        text += ("\n" if text else "") + f"ref. n={int(counts[True])}"
    return text


#: Above this many articles the outlet figure stacks its panels and turns its labels (see :func:`outlets`).
MANY_ARTICLES = 8


def outlets(table: pd.DataFrame, target_labels: dict[str, str]) -> tuple[plt.Figure, pd.DataFrame]:
    """Mean tone per outlet with 95% intervals, one panel per target, one marker per method, and the
    number of sentences behind each interval printed under its outlet."""
    methods = [m for m in METHOD_ORDER if m in set(table["method"])]
    docs = sorted(table["doc_id"].unique())
    names = table.drop_duplicates("doc_id").set_index("doc_id")["outlet"]
    many = len(docs) > MANY_ARTICLES   # then one panel per row, as wide as the articles need, labels turned
    if many:
        fig, axes = plt.subplots(len(target_labels), 1, figsize=(max(14, 0.5 * len(docs) + 2), 4.6 * len(target_labels)),
                                 sharey=True)
    else:
        fig, axes = plt.subplots(1, len(target_labels), figsize=(14, 5.6), sharey=True)
    axes = np.atleast_1d(axes)
    width = 0.8 / len(methods)
    for ax, (target, title) in zip(axes, target_labels.items()):
        for j, method in enumerate(methods):
            rows = table[(table["target"] == target) & (table["method"] == method)].set_index("doc_id")
            x = np.array([docs.index(d) for d in rows.index]) - 0.4 + width * (j + 0.5)
            err = np.array([rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]]).clip(min=0)
            ax.errorbar(x, rows["mean"], yerr=np.nan_to_num(err), fmt="D" if method == "reference" else "o",
                        color=plotting.method_colour(method), ms=6 if method == "reference" else 4,
                        capsize=2, lw=1, label=plotting.method_label(method))
        for i, doc in enumerate(docs):
            rows = table[(table["target"] == target) & (table["doc_id"] == doc)]
            ax.text(i, -1.02, _n_label(rows), ha="center", va="bottom", fontsize=7, color="#333333")
        ax.axhline(0, color="grey", lw=0.8)
        if many:
            ax.set_xticks(range(len(docs)), [f"{d} {short(names[d], 24)}".replace("\n", " ") for d in docs],
                          fontsize=7.5, rotation=90)
        else:
            ax.set_xticks(range(len(docs)), [short(names[d], 11) for d in docs], fontsize=7.5)
        ax.set_title(title, fontsize=11)
    for ax in (axes if many else axes[:1]):
        ax.set_ylabel("mean tone (-1 … +1), 95% bootstrap interval\n(n = sentences behind each interval)")
    axes[0].set_ylim(-1.1, 1.05)
    handles, names_ = axes[0].get_legend_handles_labels()
    fig.legend(handles, names_, loc="lower center", ncol=(len(methods) + 1) // 2, fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.1 if not many else 0.04, 1, 1))
    return fig, table[["outlet", "doc_id", "method", "target", "mean", "ci_low", "ci_high", "n"]]


def arc(scores: pd.DataFrame, outlets_by_doc: dict[str, str], methods: list[str]) -> tuple[plt.Figure, pd.DataFrame]:
    """Tone sentence by sentence through each article (x = position in the article, 0 = first sentence)."""
    data = scores[(scores["target"] == "all") & scores["method"].isin(methods)].copy()
    data["position"] = data.groupby(["doc_id", "method"])["sent_id"].transform(lambda s: (s - 1) / max(s.max() - 1, 1))
    docs = sorted(data["doc_id"].unique())
    fig, axes = plt.subplots(len(docs), 1, figsize=(9, 1.7 * len(docs) + 0.6), sharex=True, sharey=True)
    axes = np.atleast_1d(axes)
    for ax, doc in zip(axes, docs):
        for method in methods:
            rows = data[(data["doc_id"] == doc) & (data["method"] == method)].sort_values("sent_id")
            style = dict(drawstyle="steps-mid", lw=1.2) if method == "reference" else dict(marker=".", lw=0.8, alpha=0.9)
            ax.plot(rows["position"], rows["score"], color=plotting.method_colour(method),
                    label=plotting.method_label(method), **style)
        ax.axhline(0, color="grey", lw=0.6)
        n = int(data[data["doc_id"] == doc]["sent_id"].max())
        label = outlets_by_doc[doc]
        ax.set_title(f"{label}, {n} sentences" if doc in label else f"{label} ({doc}), {n} sentences",
                     fontsize=9, loc="left")
        ax.set_ylim(-1.1, 1.1)
    axes[-1].set_xlabel("position in the article (0 = first body sentence, 1 = last)")
    axes[len(axes) // 2].set_ylabel("tone")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", fontsize=8, ncol=len(methods), frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig, data[["doc_id", "sent_id", "position", "method", "score"]].sort_values(["doc_id", "method", "sent_id"])


def drivers(scores: pd.DataFrame, sentences: pd.DataFrame, outlets_by_doc: dict[str, str], method: str,
            k: int = 3) -> tuple[plt.Figure, pd.DataFrame]:
    """Per outlet, the ``k`` most positive and ``k`` most negative sentences under ``method``: the ones
    that move its mean most (each sentence's pull on the mean is its score divided by n). Where the
    reference coding is in ``scores`` its code is printed beside each sentence."""
    rows = scores[(scores["target"] == "all") & (scores["method"] == method)]
    rows = rows.merge(sentences[["doc_id", "sent_id", "text"]], on=["doc_id", "sent_id"])
    rows["pull"] = rows["score"] / rows.groupby("doc_id")["score"].transform("size")
    picked = []
    for doc, group in rows.groupby("doc_id", sort=True):
        group = group.sort_values(["score", "sent_id"], kind="stable")
        picked.append(pd.concat([group.head(k), group.tail(k)]).drop_duplicates(["doc_id", "sent_id"]))
    data = pd.concat(picked, ignore_index=True)
    reference = scores[(scores["target"] == "all") & (scores["method"] == "reference")][["doc_id", "sent_id", "score"]]
    data = data.merge(reference.rename(columns={"score": "reference"}), on=["doc_id", "sent_id"], how="left")
    data["label"] = [_sentence_label(d, s, h, t) for d, s, h, t in
                     zip(data["doc_id"], data["sent_id"], data["reference"], data["text"])]
    docs = sorted(data["doc_id"].unique())
    # each panel as tall as its wrapped sentences, so every word of every sentence can be read
    lines = [sum(label.count("\n") + 1.6 for label in data.loc[data["doc_id"] == d, "label"]) for d in docs]
    fig, axes = plt.subplots(len(docs), 1, figsize=(12, 0.16 * sum(lines) + 0.5 * len(docs) + 0.6), sharex=True,
                             gridspec_kw={"height_ratios": lines})
    axes = np.atleast_1d(axes)
    for ax, doc in zip(axes, docs):
        part = data[data["doc_id"] == doc].sort_values("score", kind="stable")
        ax.barh(range(len(part)), part["score"], color=[plotting.colour(4) if v < 0 else plotting.colour(0)
                                                       for v in part["score"]])
        ax.set_yticks(range(len(part)), part["label"], fontsize=7.5, linespacing=1.1, multialignment="left")
        ax.set_ylim(-0.6, len(part) - 0.4)
        ax.set_title(outlets_by_doc[doc], fontsize=9, loc="left")
        ax.axvline(0, color="grey", lw=0.6)
    axes[-1].set_xlabel(f"sentence score ({plotting.method_label(method)}); blue: pulls the mean up, red: down")
    axes[-1].set_xlim(-1, 1)
    fig.tight_layout()
    return fig, data[["doc_id", "sent_id", "score", "pull", "reference", "text"]]


def _sentence_label(doc_id: str, sent_id: int, coded, text: str, width: int = 78) -> str:
    """A whole sentence wrapped for an axis, under its id and (where there is one) its reference code:
    cut short, it would hide the very words that moved the score."""
    head = f"{doc_id}:{sent_id}" + ("" if pd.isna(coded) else f"  (reference coding: {int(coded):+d})".replace("+0", "0"))
    return head + "\n" + "\n".join(textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False))
