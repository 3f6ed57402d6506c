"""Helpers for the Geneva 2021 notebooks.

One module per concept: ``paths`` (where things live), ``errors`` (one-line user errors),
``settings`` (corpus-level case settings), ``corpus`` (load and verify), ``clean`` (body versus
boilerplate), ``segment`` (paragraphs, sentences, words with raw offsets), ``outputs`` (tidy CSVs),
``plotting`` (figure style and byte-stable PNGs), ``runner`` (execute the notebooks in order).
The command line lives in ``lib.cli`` and runs as ``python -m lib``.
"""

__version__ = "0.1.0"

import os as _os

if _os.environ.get("GENEVA_OFFLINE_GUARD") == "1":
    from . import offline as _offline

    _offline.install()
