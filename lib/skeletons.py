"""``python -m lib skeleton KIND DIR``: draft an annotation file from the tools' proposals.

A corpus of your own has no reference coding. Each skeleton is the file a step of the series needs
(:mod:`lib.core.readiness`), with every row the tools can propose already filled in (sentence ids and
offsets, the cue, the proposed value) and the columns only a person can fill left empty (a verdict,
a phrased claim, an outcome, ``coder`` and ``date``). The loaders refuse a row without ``coder`` and
``date``, so an unreviewed skeleton can never pass for coding. Skeletons are written to
``DIR/review/`` (never over an existing file); move each reviewed file into ``DIR/annotations/``.
"""

import argparse
import sys
from pathlib import Path

import pandas as pd

from .core import outputs, paths, readiness, settings
from .core.errors import InputError
from .corpus import load, segment


def _context(folder: Path) -> dict:
    """What every skeleton starts from: the verified corpus, its sentences and settings."""
    articles = load.load(folder)
    return {"articles": articles, "sentences": segment.sentences(articles), "case": settings.load(folder)}


def forecasts(ctx: dict) -> dict[str, pd.DataFrame]:
    """forecast_review.csv (a decision per sentence, proposed from the rules), forecasts.csv (one row
    per proposed forecast: cue as hedge, proposed level) and outcomes.csv (ids only)."""
    from .forecasts import scoring

    case, sentences = ctx["case"], ctx["sentences"]
    doc = sentences[sentences["doc_id"] == case.forecast_doc]
    if doc.empty:
        raise InputError("settings.toml", f"forecast_doc {case.forecast_doc!r} has no body sentence in this corpus")
    proposals = scoring.propose(doc, scoring.load_scales(paths.ROOT / "corpus"))
    proposed = set(proposals["sent_id"])
    review = pd.DataFrame({"sent_id": doc["sent_id"], "start": doc["start"], "end": doc["end"],
                           "decision": ["forecast" if s in proposed else "not_forecast" for s in doc["sent_id"]],
                           "reason": ["proposed by the rules: " + c if c else "no cue" for c in
                                      doc["sent_id"].map(proposals.set_index("sent_id")["cues"]).fillna("")],
                           "text": doc["text"], "coder": "", "date": ""})
    ids = [f"F{i:02d}" for i in range(1, len(proposals) + 1)]
    claims = pd.DataFrame({"pred_id": ids, "sent_id": proposals["sent_id"], "start": proposals["start"],
                           "end": proposals["end"], "claim": "", "topic": "", "group": "", "hedge": proposals["cue"],
                           "hedge_start": proposals["cue_start"], "hedge_end": proposals["cue_end"],
                           "level": proposals["level"], "bound": "", "note": proposals["text"], "coder": "", "date": ""})
    (event, later) = scoring.horizon_columns(case.later_name)
    outcomes = pd.DataFrame({"pred_id": ids, **{c: "" for c in (*event, *later)}, "note": "", "coder": "", "date": ""})
    return {"forecast_review.csv": review, "forecasts.csv": claims, "outcomes.csv": outcomes}


def _timeline(ctx: dict) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(articles with inferred dates, date cues, machine-linked timeline): notebook 02's proposals."""
    from .timeline import content, dating, events, tagger

    dated, _, cues = dating.for_corpus(ctx["articles"], ctx["sentences"], ctx["case"])
    timex = tagger.tag_articles(dated, ctx["sentences"])
    table = events.build_automatic(dated, ctx["sentences"], timex, content.side_words(ctx["case"].targets))
    return dated, cues, table


def dating_cues(ctx: dict) -> dict[str, pd.DataFrame]:
    """dating_cues.csv: one row per proposed cue (the relation and the event day it uses)."""
    _, cues, _ = _timeline(ctx)
    table = pd.DataFrame({"doc_id": cues["doc_id"], "sent_id": cues["sent_id"], "sent_start": cues["sent_start"],
                          "sent_end": cues["sent_end"], "cue_start": cues["cue_start"], "cue_end": cues["cue_end"],
                          "cue": cues["cue"], "event_id": "", "relation": cues["relation"],
                          "note": "event day " + cues["event_day"] + " from " + cues["event_source"],
                          "coder": "", "date": ""})
    return {"dating_cues.csv": table}


def event_files(ctx: dict) -> dict[str, pd.DataFrame]:
    """events.csv (one row per machine-linked event) and event_mentions.csv (its mentions)."""
    _, _, table = _timeline(ctx)
    ids = {e: f"E{i:02d}" for i, e in enumerate(dict.fromkeys(table["event_id"]), start=1)}
    first = table.drop_duplicates("event_id")
    events = pd.DataFrame({"event_id": first["event_id"].map(ids), "event": first["event"], "record_date": "",
                           "record_note": first["link_basis"], "coder": "", "date": ""})
    mentions = pd.DataFrame({"event_id": table["event_id"].map(ids), "doc_id": table["doc_id"],
                             "sent_id": table["sent_id"], "sent_start": table["start"], "sent_end": table["end"],
                             "timex_start": table["timex_start"], "timex_end": table["timex_end"],
                             "timex_text": table["timex_text"], "status": table["status"], "coder": "", "date": ""})
    return {"events.csv": events, "event_mentions.csv": mentions}


def claim_checks(ctx: dict) -> dict[str, pd.DataFrame]:
    """claim_checks.csv: one row per discrepancy candidate, verdict and description left empty."""
    from .timeline import content, discrepancy_candidates

    _, _, table = _timeline(ctx)
    cands = discrepancy_candidates.find(ctx["sentences"], table, content.side_words(ctx["case"].targets))
    sents = ctx["sentences"].set_index(["doc_id", "sent_id"])
    span = lambda d, s, c: [int(sents.loc[(x, y), c]) for x, y in zip(d, s)]  # noqa: E731
    checks = pd.DataFrame({
        "check_id": [f"C{i:02d}" for i in range(1, len(cands) + 1)], "topic": cands["kind"],
        "doc_a": cands["doc_a"], "sent_a": cands["sent_a"], "sent_a_start": span(cands["doc_a"], cands["sent_a"], "start"),
        "sent_a_end": span(cands["doc_a"], cands["sent_a"], "end"), "quote_a": cands["value_a"],
        "doc_b": cands["doc_b"], "sent_b": cands["sent_b"], "sent_b_start": span(cands["doc_b"], cands["sent_b"], "start"),
        "sent_b_end": span(cands["doc_b"], cands["sent_b"], "end"), "quote_b": cands["value_b"],
        "verdict": "", "description": "", "coder": "", "date": ""})
    return {"claim_checks.csv": checks}


def sentiment(ctx: dict) -> dict[str, pd.DataFrame]:
    """sentiment_coder_a.csv: every body sentence with its offsets, the codes left empty."""
    s = ctx["sentences"]
    table = pd.DataFrame({"doc_id": s["doc_id"], "sent_id": s["sent_id"], "start": s["start"], "end": s["end"],
                          "tone": ""})
    for key in ctx["case"].targets:
        table[f"tone_{key}"] = ""
    return {"sentiment_coder_a.csv": table.assign(note=s["text"], coder="", date="")}


def line_labels(ctx: dict) -> dict[str, pd.DataFrame]:
    """line_labels.csv: every non-blank line with the cleaner's label as the proposal."""
    from .corpus import clean

    rows = [dict(doc_id=a.doc_id, line_no=line.line_no, start=line.start, end=line.end, label=line.kind,
                 note=f"proposed by rule {line.rule}", coder="", date="")
            for a in ctx["articles"].itertuples() for line in clean.classify_lines(a.text)]
    return {"line_labels.csv": pd.DataFrame(rows)}


def timex_gold(ctx: dict) -> dict[str, pd.DataFrame]:
    """timex_gold.csv: the tagger's expressions (dates inferred where none is stated) as the proposal."""
    from .timeline import tagger

    dated, _, _ = _timeline(ctx)
    timex = tagger.tag_articles(dated, ctx["sentences"])
    sents = ctx["sentences"].set_index(["doc_id", "sent_id"])
    return {"timex_gold.csv": pd.DataFrame({
        "doc_id": timex["doc_id"], "sent_id": timex["sent_id"],
        "sent_start": [int(sents.loc[k, "start"]) for k in zip(timex["doc_id"], timex["sent_id"])],
        "sent_end": [int(sents.loc[k, "end"]) for k in zip(timex["doc_id"], timex["sent_id"])],
        "start": timex["start"], "end": timex["end"], "text": timex["text"], "type": timex["type"],
        "value": timex["value"], "range_start": timex["range_start"], "range_end": timex["range_end"],
        "coder": "", "date": "", "note": "proposed by rule " + timex["rule"]})}


KINDS = {"forecasts": forecasts, "claim-checks": claim_checks, "events": event_files, "dating-cues": dating_cues,
         "sentiment": sentiment, "line-labels": line_labels, "timex-gold": timex_gold}


def write(kind: str, folder: Path, out: Path | None = None) -> list[Path]:
    """Write the skeleton files of ``kind`` for the corpus in ``folder``; return their paths."""
    folder = Path(folder).resolve()
    out = Path(out).resolve() if out else folder / "review"
    if folder == (paths.ROOT / "corpus").resolve() and out.is_relative_to(folder):
        raise InputError(folder, "is the project's own corpus, which code never writes into: add --out DIR")
    tables = KINDS[kind](_context(folder))
    out.mkdir(parents=True, exist_ok=True)
    for name in tables:
        if (out / name).exists():
            raise InputError(out / name, "already exists: move or remove it first")
    return [outputs.write_csv(table, name, folder=out) for name, table in tables.items()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib skeleton", description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=sorted(KINDS), help="which annotation file(s) to draft")
    parser.add_argument("folder", type=Path, help="the corpus folder")
    parser.add_argument("--out", type=Path, help="where to write (default FOLDER/review/)")
    args = parser.parse_args(argv)
    written = write(args.kind, args.folder, args.out)
    steps = [s for s in readiness.STEPS if s.skeleton == args.kind]
    for path in written:
        print(f"{path}: written")
    print(f"review every row (fill the empty columns, coder and date), then move the file(s) into "
          f"{args.folder}/annotations/; enables: {'; '.join(s.analysis for s in steps)}", file=sys.stdout)
    return 0
