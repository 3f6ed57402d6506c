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


def save_figure(fig: plt.Figure, name: str, data: pd.DataFrame, folder: Path | None = None) -> Path:
    """Save ``fig`` as ``figures/<name>.png`` and ``data`` as ``figures/<name>.csv``.

    ``data`` must be exactly the values plotted. Metadata that changes from run to run is stripped.
    """
    folder = Path(folder) if folder else paths.figures_dir()
    png = folder / f"{name}.png"
    fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches="tight")
    outputs.write_csv(data, f"{name}.csv", folder=folder)
    return png
