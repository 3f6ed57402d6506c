"""What each annotation file enables, and what the series does on a corpus that lacks it.

A corpus of your own starts with ``raw/``, ``metadata.csv`` and ``settings.toml`` only. Every step that
would use reference coding then either works from the tools' proposals, for a person to
confirm, or is skipped with a visible note. This module is the one list of those files: ``python -m
lib validate`` warns from it, the notebooks show its notes, the write-up states from it which analyses
were done, which are proposals only and which were skipped, and the README's checklist mirrors it
(a test keeps them in step).
"""

from dataclasses import dataclass
from pathlib import Path

from . import paths


@dataclass(frozen=True)
class Step:
    """One analysis step that needs annotation files."""

    key: str
    analysis: str           # what the step does, for a reader
    notebook: str           # the notebook that runs it
    files: tuple[str, ...]  # annotations/ files it needs (all of them)
    without: str            # what happens without them
    proposals: bool         # True: without the files the tools still propose results for review
    skeleton: str           # the `python -m lib skeleton` kind that drafts the files ('' = none)


STEPS: tuple[Step, ...] = (
    Step("cleaning_check", "the cleaner's line decisions checked against a reference labelling", "01",
         ("line_labels.csv",), "the cleaning is not checked against a reader", False, "line-labels"),
    Step("timex_gold", "the temporal tagger scored on the corpus' own articles", "02",
         ("timex_gold.csv",), "the tagger is scored only on the project's held-out passages", False, "timex-gold"),
    Step("publication_dates", "publication dates of the articles that state none", "02",
         ("dating_cues.csv", "events.csv"),
         "dates are inferred by rules from each article's own temporal expressions (proposals)", True,
         "dating-cues"),
    Step("events", "dated mentions grouped into events across articles", "02",
         ("events.csv", "event_mentions.csv"),
         "mentions are machine-linked by date value and shared words (proposals); a date alone never links",
         True, "events"),
    Step("discrepancies", "factual conflicts between articles checked", "02", ("claim_checks.csv",),
         "candidate discrepancies are listed for review; none is checked, so no conflict is reported", True,
         "claim-checks"),
    Step("tone_validation", "tone measures validated against reference coding", "03",
         ("sentiment_coder_a.csv",), "tone is measured but not validated: no method can be recommended from "
         "this corpus", False, "sentiment"),
    Step("tone_agreement", "agreement between two independent codings of tone", "03",
         ("sentiment_coder_a.csv", "sentiment_coder_b.csv"), "no agreement between coders is reported", False,
         "sentiment"),
    Step("forecast_scoring", "forecasts of the forecast article scored against outcomes", "04",
         ("forecast_review.csv", "forecasts.csv", "outcomes.csv"),
         "rule-found forecast candidates are shown with the probabilities their hedges map to (proposals); "
         "no score", True, "forecasts"),
    Step("forecast_coverage", "how the post-event articles covered each forecast topic", "04",
         ("forecast_coverage.csv",), "coverage of the forecast topics is not shown", False, ""),
)

#: Files that are read from the project's own corpus when a corpus lacks them: published, general data.
DEFAULTS = {"probability_scales.csv": "the project's copy of two published verbal-probability scales"}


def annotations_dir(corpus: Path | None = None) -> Path:
    """``annotations/`` of the corpus in use."""
    return (Path(corpus) if corpus else paths.corpus_dir()) / "annotations"


def missing(step: Step, corpus: Path | None = None) -> list[str]:
    """The files ``step`` needs that the corpus does not have."""
    folder = annotations_dir(corpus)
    return [name for name in step.files if not (folder / name).is_file()]


def step(key: str) -> Step:
    """The step called ``key``."""
    return next(s for s in STEPS if s.key == key)


def status(corpus: Path | None = None) -> list[tuple[Step, str, list[str]]]:
    """For every step: ``(step, state, missing files)``, state ``done``, ``proposals`` or ``skipped``."""
    rows = []
    for s in STEPS:
        absent = missing(s, corpus)
        rows.append((s, "done" if not absent else ("proposals" if s.proposals else "skipped"), absent))
    return rows


def skeleton_command(s: Step, corpus: Path | None = None) -> str:
    """The command that drafts the files of step ``s`` for a person to review."""
    folder = Path(corpus) if corpus else paths.corpus_dir()
    where = folder.relative_to(paths.ROOT) if folder.is_relative_to(paths.ROOT) else folder
    return f"python -m lib skeleton {s.skeleton} {where}" if s.skeleton else ""


def note(key: str, corpus: Path | None = None) -> str | None:
    """A visible Markdown note for a notebook when step ``key`` lacks its files, else ``None``.

    It says what the step would do, which files enable it, what the notebook does instead and the
    command that writes a skeleton of those files.
    """
    s = step(key)
    absent = missing(s, corpus)
    if not absent:
        return None
    files = ", ".join(f"`annotations/{n}`" for n in absent)
    command = skeleton_command(s, corpus)
    return (f"> **{'Proposals only' if s.proposals else 'Skipped'}: {s.analysis}.** This corpus has no {files}, "
            f"so {s.without}."
            + (f" To enable it, write a draft with `{command}`, review every row, and move the reviewed "
               f"file(s) into `annotations/`." if command else ""))


class SkipRest(Exception):
    """Raised by a notebook cell to end the notebook early, on purpose, with a note.

    ``python -m lib run`` treats it as a finished notebook; in JupyterLab it stops *Run All* with a
    one-line message instead of failing in the cells that need the missing files.
    """

    def _render_traceback_(self) -> list[str]:
        return [f"The rest of this notebook is skipped: {self}"]
