"""The figure of notebook 01: how much body text each article holds, and what its raw file holds.

Kept apart from :mod:`lib.corpus.cleaning_report` (the tables) as every stage keeps its figures in its
``figures`` module. The figure is saved with its data by :func:`lib.core.plotting.save_figure`.
"""

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from ..core import plotting


def corpus_size(size: pd.DataFrame):
    """Figure 01-corpus-size from ``size`` (:func:`lib.corpus.cleaning_report.composition`): sentences and
    words per article; raw characters split into body, headings, boilerplate."""
    # two text lines of 8.5 pt per article need about 0.42 inch; five articles fit the minimum height
    height = max(3.8, 0.42 * len(size) + 1.2)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, height), sharey=True)
    y = range(len(size))
    left.barh(y, size["words"], color=plotting.colour(0))
    for i, (w, s) in enumerate(zip(size["words"], size["sentences"])):
        left.text(w, i, f" {w:,} words\n {s} sentences", va="center", fontsize=8.5)
    left.set_yticks(list(y), size["label"])
    left.invert_yaxis()
    left.set_xlim(0, size["words"].max() * 1.45)
    left.set_xlabel("words in body sentences")
    left.set_title("Body text per article")
    start = pd.Series(0, index=size.index)
    for i, part in enumerate(["body", "title and headings", "boilerplate"]):
        right.barh(y, size[part], left=start, color=plotting.colour(i), label=part)
        start = start + size[part]
    right.xaxis.set_major_locator(MaxNLocator(4))
    right.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    right.set_xlabel("characters in the raw file")
    right.set_title("What the raw file holds")
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 * 3.8 / height), ncol=3, frameon=False)
    fig.tight_layout()
    return fig
