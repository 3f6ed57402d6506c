"""One figure style for the series, and PNGs that reproduce byte for byte.

Every figure is saved next to a CSV of exactly the values it plots (``figures/<name>.csv``), so a
reader can check or re-plot it. PNGs are written without the volatile ``Software`` and date
metadata matplotlib would otherwise embed, so a rerun writes identical bytes.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from . import outputs, paths  # noqa: E402

#: Colour per outlet, by doc_id, from a colour-blind-safe palette (Okabe–Ito). Ordered so that the
#: first five are as far apart as the palette allows for every kind of colour vision: on the timeline
#: the dots of several outlets stack on one day, and a blue beside a sky blue (the old fifth colour)
#: could not be told apart there. Black is not an outlet colour: it marks the public record.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999"]

#: Colours after the first eight, for corpora with more articles: Tol's muted and light schemes and
#: matplotlib's tab20 (darker halves), without the greys; distinct from the eight and from each other.
MORE_COLOURS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
                "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00", "#1f77b4", "#ff7f0e",
                "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#393b79", "#637939",
                "#8c6d31", "#843c39", "#7b4173"]

#: Colours after the first eight, for corpora with more articles: Tol's muted and light schemes and
#: matplotlib's tab20 (darker halves), without the greys; distinct from the eight and from each other.
MORE_COLOURS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
                "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00", "#1f77b4", "#ff7f0e",
                "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#393b79", "#637939",
                "#8c6d31", "#843c39", "#7b4173"]

#: One colour per method, the same in every figure of the series (a reader who learns "VADER is pink"
#: in one figure can trust it in the next). Colour-blind-safe (Okabe–Ito plus Tol's muted wine,
#: indigo, teal and olive); the reference coding is black because every method is judged against it.
#: Still free for a new method: "#44AA99" teal, "#56B4E9" sky blue.
METHOD_COLOURS = {
    # tone (notebook 03)
    "reference": "#000000",
    "diplomacy": "#0072B2",
    "calibrated": "#009E73",
    "vader": "#CC79A7",
    "vader_reference": "#882255",
    "textblob": "#D55E00",
    # temporal tagging (notebook 02)
    "rules (lib.temporal)": "#332288",
    "dateparser search_dates": "#E69F00",
    # forecasts (notebook 04): the article and the two baselines it is compared with
    "article": "#117733",
    "baseline_0.5": "#777777",
    "baseline_base_rate": "#999933",
}

#: How each method is named on a figure (a reader should not have to decode a column name).
METHOD_LABELS = {
    "reference": "reference coding",
    "diplomacy": "diplomacy lexicon (VADER + diplomatic terms)",
    "calibrated": "calibrated (fitted to the coding)",
    "vader": "VADER (NLTK)",
    "vader_reference": "VADER (authors' package)",
    "textblob": "TextBlob",
    "dateparser search_dates": "dateparser (the library's date search)",
    "article": "the article",
    "baseline_0.5": "baseline: 0.5 for every claim",
    "baseline_base_rate": "baseline: base rate (hindsight)",
}

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "figure.figsize": (8, 4.5),
    "font.family": "DejaVu Sans",   # ships with matplotlib: the same glyphs on every machine
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "svg.hashsalt": "geneva2021",
}


def use_style() -> None:
    """Apply the series' figure style (call once at the top of a notebook)."""
    plt.rcParams.update(STYLE)


def colour(i: int) -> str:
    """The i-th colour: the eight of :data:`PALETTE`, then :data:`MORE_COLOURS`, so a corpus of 30
    articles gets 30 different colours (no repeat after eight); past those, hues spaced by the golden
    angle at two lightnesses."""
    if i < len(PALETTE):
        return PALETTE[i]
    if i - len(PALETTE) < len(MORE_COLOURS):
        return MORE_COLOURS[i - len(PALETTE)]
    import colorsys
    hue = (i * 0.618033988749895) % 1.0
    return "#%02x%02x%02x" % tuple(round(255 * c) for c in colorsys.hls_to_rgb(hue, 0.35 + 0.2 * (i % 2), 0.75))


def method_colour(method: str) -> str:
    """The colour of ``method`` in every figure; a method without one is a mistake worth stopping for."""
    if method not in METHOD_COLOURS:
        raise KeyError(f"method {method!r} has no colour: add it to lib.plotting.METHOD_COLOURS")
    return METHOD_COLOURS[method]


def method_label(method: str) -> str:
    """The name a figure gives ``method`` (its key where no readable name is set)."""
    return METHOD_LABELS.get(method, method)


def readable(key: str) -> str:
    """A data key as words on an axis: 'diplomatic_staff' -> 'Diplomatic staff'."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


class SavedFigure:
    """What :func:`save_figure` returns: the PNG's path, shown in a notebook as that very PNG.

    So a student in JupyterLab, an executed notebook under ``make reproduce`` and the HTML report all
    show the committed file byte for byte, not a second rendering of the figure. The display carries
    ``alt`` text (the figure's titles) for screen readers; the HTML report keeps it on the image.
    """

    def __init__(self, png: Path, alt: str = ""):
        self.png = Path(png)
        self.alt = alt or f"Figure {self.png.stem}"

    def __fspath__(self) -> str:
        return str(self.png)

    def __repr__(self) -> str:
        return f"SavedFigure('figures/{self.png.name}')"

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        return {"image/png": self.png.read_bytes()}, {"image/png": {"alt": self.alt}}


def describe(fig: plt.Figure) -> str:
    """Alternative text for ``fig``: its overall title and the title of each panel that has one."""
    titles = [fig.get_suptitle(), *(ax.get_title(loc) for ax in fig.get_axes() for loc in ("left", "center", "right"))]
    return "; ".join(" ".join(t.split()) for t in titles if t.strip())


def save_figure(fig: plt.Figure, name: str, data: pd.DataFrame, folder: Path | None = None) -> SavedFigure:
    """Save ``fig`` as ``figures/<name>.png`` and ``data`` as ``figures/<name>.csv``; close ``fig``.

    ``data`` must be exactly the values plotted. Metadata that changes from run to run is stripped.
    The returned :class:`SavedFigure` displays the saved PNG when it is a cell's value.
    """
    folder = Path(folder) if folder else paths.figures_dir()
    png = folder / f"{name}.png"
    fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches="tight")
    alt = describe(fig)
    plt.close(fig)
    outputs.write_csv(data, f"{name}.csv", folder=folder)
    return SavedFigure(png, f"Figure {name}: {alt}" if alt else "")
