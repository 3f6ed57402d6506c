"""Helpers for the Geneva 2021 notebooks: one package per stage, one module per concept.

- ``core``: paths, errors, settings, annotations (reading coding files), readiness (what each annotation file
  enables and what the series does without it), outputs (CSVs and the results contract), plotting;
- ``corpus`` (notebook 01): load and verify, checks (``validate``/``init-corpus``), clean, cleaning_report,
  segment, record (the public record), figures;
- ``timeline`` (02): tagger (TIMEX3 rules), timex_eval (scores on TimeML corpora), events (events, publication
  dates, discrepancies), figures, content (what two sentences share), dating (publication dates proposed from
  an article's own words), discrepancy_candidates;
- ``tone`` (03): scorers (the lexicon methods, public library calls only), agreement (with the reference
  coding), figures, coding_sheet, newsmtsc, targeted and external (tone toward a named person);
- ``forecasts`` (04): scoring (candidates, outcomes, proper scores), figures;
- ``writeup`` (05): the findings, computed from results/;
- ``skeletons``: ``python -m lib skeleton``, annotation files drafted from the tools' proposals for review;
- ``delivery``: runner (the notebooks in order), report (offline site and PDF), markdown_export (the write-up
  as Markdown), offline (network guard).

Each stage draws its figures in its own ``figures`` module. ``cli`` only dispatches ``python -m lib COMMAND``
to the module of each command. Benchmark-only code lives outside the package, in ``benchmarks/``.
"""

__version__ = "0.1.0"

import os as _os

if _os.environ.get("GENEVA_OFFLINE_GUARD") == "1":
    from .delivery import offline as _offline

    _offline.install()
