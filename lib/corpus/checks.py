"""``python -m lib validate [DIR]`` and ``python -m lib init-corpus DIR``.

``validate`` runs the same checks as :func:`lib.corpus.load.load` (and reads ``settings.toml``) and
prints a one-line summary, then one ``warning:`` line for each thing that will limit the analysis
without being an error (exit 0): an article with no stated or inferable date, settings that do not fit
the corpus, annotation files that are missing and what each would enable. ``init-corpus`` writes a
``metadata.csv`` skeleton, with the title, byline and dateline the texts state proposed for the user
to confirm, and a ``settings.toml`` skeleton.
"""

import argparse
import datetime as dt
import re
from pathlib import Path

from ..core import paths, readiness, settings
from . import clean
from . import load

#: How far (days) the event may lie from an article's publication range and still be plausible.
PLAUSIBLE_DAYS = 366

SETTINGS_SKELETON = """# Case settings of this corpus (see the project's corpus/settings.toml for a filled-in example).

[case]
title = "FILL IN: a title for the case"
event = "FILL IN: the event, e.g. the Geneva summit"
# The day of the event (YYYY-MM-DD): splits pre- and post-event coverage; forecasts are judged at it.
event_date = "{event_date}"
# A later horizon for judging forecasts, e.g. the end of the event's year.
later_horizon = "{later_horizon}"
# The doc_id of the article whose forecasts notebook 04 reads (a pre-event article).
forecast_doc = "{forecast_doc}"

# One table per side whose tone notebook 03 measures: a label and the words that mention it.
[targets.side_a]
label = "FILL IN"
mentions = ["FILL IN"]
"""


def warnings(folder: Path, articles, case) -> list[str]:
    """One line per thing that limits the analysis of a valid corpus (see the module docstring)."""
    from ..timeline import dating
    from . import segment

    lines = []
    undated = articles[articles["published"].fillna("") == ""]
    bounds = dating.infer(articles, segment.sentences(articles), case.event, case.event_date,
                          [t.mentions for t in case.targets.values()])[0] if len(undated) else None
    for b in [] if bounds is None else bounds.itertuples():
        if b.published_basis != "inferred" and not (undated.set_index("doc_id").loc[b.doc_id, ["published_min",
                                                                                               "published_max"]] != "").any():
            lines.append(f"{b.doc_id}: no stated or inferable publication date ({b.cues}): its relative dates cannot "
                         f"be resolved; add published (or published_min/max) to metadata.csv")
    ranges = []
    for a in articles.itertuples():
        known = [d for d in (a.published_min, a.published, a.published_max) if d]
        if known:
            ranges.append((dt.date.fromisoformat(min(known)), dt.date.fromisoformat(max(known))))
    margin = dt.timedelta(days=PLAUSIBLE_DAYS)
    if ranges and not any(lo - margin <= case.event_date <= hi + margin for lo, hi in ranges):
        lines.append(f"settings.toml: event_date {case.event_date} is more than {PLAUSIBLE_DAYS} days from every "
                     f"article's publication date: check the date")
    if case.forecast_doc not in set(articles["doc_id"]):
        lines.append(f"settings.toml: forecast_doc {case.forecast_doc!r} is not a doc_id of this corpus: "
                     f"notebook 04 cannot read its forecasts")
    for key, target in case.targets.items():
        if not any(re.search(rf"\b{re.escape(m)}\b", text) for m in target.mentions for text in articles["text"]):
            lines.append(f"settings.toml: [targets.{key}] mentions ({', '.join(target.mentions)}) occur in no "
                         f"article: notebook 03 measures no tone toward it")
    for step, state, absent in readiness.status(folder):
        if absent:
            lines.append(f"annotations/: no {', '.join(absent)}: {step.analysis} ({'notebook ' + step.notebook}) is "
                         f"{'proposals only' if state == 'proposals' else 'skipped'}"
                         + (f"; draft it with: {readiness.skeleton_command(step, folder)}" if step.skeleton else ""))
    return lines


def main(argv: list[str]) -> int:
    """Validate a corpus folder; exit 0 with a one-line summary, or 2 with a one-line error."""
    parser = argparse.ArgumentParser(prog="python -m lib validate", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None,
                        help="corpus folder (default: corpus/ or $GENEVA_CORPUS)")
    args = parser.parse_args(argv)
    folder = args.folder or paths.corpus_dir()
    articles = load.load(folder)
    case = settings.load(folder)
    print(f"{folder}: ok: {load.summary(articles)}; case: {case.title}, event {case.event_date}")
    for line in warnings(Path(folder), articles, case):
        print(f"warning: {line}")
    return 0


def main_init_corpus(argv: list[str]) -> int:
    """Write ``DIR/metadata.csv`` with doc_id, file and sha256 filled in, for the user to complete."""
    parser = argparse.ArgumentParser(prog="python -m lib init-corpus",
                                     description="write a metadata.csv skeleton for a folder of .txt files")
    parser.add_argument("folder", type=Path, help="folder holding raw/*.txt (or *.txt directly)")
    args = parser.parse_args(argv)
    target = load.init_metadata(args.folder, propose=propose_metadata)
    print(f"{target}: written; confirm the proposed title, author, outlet and date (notes names the line each "
          f"came from), fill in the rest")
    toml = Path(args.folder) / "settings.toml"
    if not toml.exists():
        toml.write_text(settings_skeleton(target), encoding="utf-8")
        print(f"{toml}: written; replace every FILL IN")
    print(f"then run: python -m lib validate {args.folder}")
    return 0


def settings_skeleton(metadata: Path) -> str:
    """A ``settings.toml`` with the dates guessed from the stated publication dates (latest one as the
    event, the earliest article as the forecast article): every value is for the user to check."""
    table = load.read_metadata(metadata.parent)
    dated = table[table["published"] != ""].sort_values("published", kind="stable")
    last = dt.date.fromisoformat(dated["published"].iloc[-1]) if len(dated) else dt.date.today()
    first = dated["doc_id"].iloc[0] if len(dated) else table["doc_id"].iloc[0]
    return SETTINGS_SKELETON.format(event_date=last.isoformat(), later_horizon=f"{last.year}-12-31",
                                    forecast_doc=first)


DATELINE = re.compile(rf"^(?:\|\s*)?(?:(?P<outlet>[\w .'’()-]+),\s*)?(?P<date>{clean.MONTH}\s+\d{{1,2}},\s+\d{{4}})$")
BYLINE = re.compile(r"^by\s+(?:\[(?P<linked>[^\]]+)\]\(#\)|(?P<name>[\w .'’-]{2,40}))$", re.IGNORECASE)


def propose_metadata(text: str) -> dict[str, str]:
    """Title, author, outlet and publication date where the text states them, each with its line.

    The title is the line cleaning classifies as the title; the author the 'By Name' line; the date
    (and an outlet before it) the dateline. A proposed date has ``published_basis`` = ``stated``;
    ``notes`` quotes the line each value came from, so the user can confirm it.
    """
    found, notes = {}, []
    for line in clean.classify_lines(text):
        raw = text[line.start:line.end].strip()
        if line.kind == "title" and "title" not in found:
            found["title"] = raw
            notes.append(f"title from line {line.line_no}")
        elif line.rule == "byline" and "author" not in found:
            m = BYLINE.match(raw)
            if m:
                found["author"] = (m["linked"] or m["name"]).strip()
                notes.append(f"author from line {line.line_no} '{raw}'")
        elif line.rule == "dateline" and "published" not in found:
            m = DATELINE.match(raw)
            if m:
                day = dt.datetime.strptime(" ".join(m["date"].replace(",", " ").split()), "%B %d %Y").date()
                found.update(published=day.isoformat(), published_min=day.isoformat(),
                             published_max=day.isoformat(), published_basis="stated")
                if m["outlet"]:
                    found["outlet"] = m["outlet"].strip()
                notes.append(f"date{' and outlet' if m['outlet'] else ''} from line {line.line_no} '{raw}'")
    if notes:
        found["notes"] = "Proposed by init-corpus, to confirm: " + "; ".join(notes) + "."
    return found
