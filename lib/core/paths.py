"""Where the corpus, results and figures live.

Paths are built from the repository root, never from the working directory, so a notebook gives the
same answer whether it runs from ``notebooks/`` in JupyterLab or from the root under ``make``.
Two environment variables let the whole series run on another corpus without touching the committed
outputs (``make reproduce CORPUS=… OUT=…`` sets them):

- ``GENEVA_CORPUS``: the corpus folder (default ``corpus/``);
- ``GENEVA_OUT``: the folder that receives ``results/`` and ``figures/`` (default: the repository root).
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    """The corpus folder in use: ``$GENEVA_CORPUS`` or the project's own ``corpus/``."""
    return Path(os.environ.get("GENEVA_CORPUS") or ROOT / "corpus").resolve()


def out_dir() -> Path:
    """The folder that holds ``results/`` and ``figures/`` for this run."""
    return Path(os.environ.get("GENEVA_OUT") or ROOT).resolve()


def results_dir() -> Path:
    """``results/`` of this run, created on first use."""
    path = out_dir() / "results"
    path.mkdir(parents=True, exist_ok=True)
    return path


def figures_dir() -> Path:
    """``figures/`` of this run, created on first use."""
    path = out_dir() / "figures"
    path.mkdir(parents=True, exist_ok=True)
    return path


def is_default_corpus() -> bool:
    """True when the run uses the project's own corpus (the five Geneva articles)."""
    return corpus_dir() == (ROOT / "corpus").resolve()
