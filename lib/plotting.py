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

#: Colour per outlet, by doc_id, chosen from a colour-blind-safe palette (Okabe–Ito).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

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
    """The i-th colour of the palette (wraps around)."""
    return PALETTE[i % len(PALETTE)]


class SavedFigure:
    """What :func:`save_figure` returns: the PNG's path, shown in a notebook as that very PNG.

    So a student in JupyterLab, an executed notebook under ``make reproduce`` and the HTML report all
    show the committed file byte for byte, not a second rendering of the figure.
    """

    def __init__(self, png: Path):
        self.png = Path(png)

    def __fspath__(self) -> str:
        return str(self.png)

    def __repr__(self) -> str:
        return f"SavedFigure('figures/{self.png.name}')"

    def _repr_png_(self) -> bytes:
        return self.png.read_bytes()


def save_figure(fig: plt.Figure, name: str, data: pd.DataFrame, folder: Path | None = None) -> SavedFigure:
    """Save ``fig`` as ``figures/<name>.png`` and ``data`` as ``figures/<name>.csv``; close ``fig``.

    ``data`` must be exactly the values plotted. Metadata that changes from run to run is stripped.
    The returned :class:`SavedFigure` displays the saved PNG when it is a cell's value.
    """
    folder = Path(folder) if folder else paths.figures_dir()
    png = folder / f"{name}.png"
    fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    outputs.write_csv(data, f"{name}.csv", folder=folder)
    return SavedFigure(png)
