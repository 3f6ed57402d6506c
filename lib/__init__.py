"""Helpers for the Geneva 2021 notebooks.

One module per concept:

- foundation: ``paths`` (where things live), ``errors`` (one-line user errors), ``settings``
  (corpus-level case settings), ``corpus`` (load and verify), ``annotations`` (reference coding as
  data), ``clean`` (body versus boilerplate), ``cleaning_report``, ``segment`` (paragraphs,
  sentences, words with raw offsets), ``outputs`` (tidy CSVs), ``plotting`` (figure style and
  byte-stable PNGs), ``offline`` (the no-network guard), ``runner`` (execute the notebooks in order);
- analyses: ``temporal`` (TIMEX3 tagging), ``timeline`` (events and discrepancies), ``sentiment``,
  ``fastscore`` (score-identical fast versions of the lexicon scorers), ``validation`` and
  ``sentiment_figures`` (tone and its validation), ``forecast`` and
  ``forecast_figures`` (forecasts and proper scores), ``writeup`` (the findings, from results/);
- delivery: ``report`` (the offline HTML site and PDF), ``validate`` (corpus checks on the command line);
- performance: ``scaled`` (a scaled test corpus), ``pipeline`` (the batched per-article pipeline),
  ``bench`` (the benchmark behind ``make bench``).

The command line lives in ``lib.cli`` and runs as ``python -m lib``.
"""

__version__ = "0.1.0"

import os as _os

if _os.environ.get("GENEVA_OFFLINE_GUARD") == "1":
    from . import offline as _offline

    _offline.install()
