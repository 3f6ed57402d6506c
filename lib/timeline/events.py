"""A cross-outlet timeline of dated events, the articles' publication dates, and their discrepancies.

Three kinds of reference data in ``corpus/annotations/`` meet the tagger's output here:

- ``events.csv`` names each event once (``event_id``, a short label, its date in the public record);
  ``event_mentions.csv`` links every sentence that dates an event to the temporal expression that
  dates it (by offsets). The *date* of a mention is what the tagger made of that expression, so the
  timeline is only as good as the tagger, and the notebook shows where they differ from the gold.
- ``dating_cues.csv`` lists what each undated article says about when it was written ("Earlier
  today", "last week"); :func:`infer_publication` turns the cues into a date interval.
- ``claim_checks.csv`` compares factual claims across articles and with the public record;
  :func:`discrepancies` keeps the conflicts.

Every annotation keyed by ``sent_id`` also stores the sentence's ``start``/``end``; loading checks them
against the segmenter, so a change in segmentation cannot silently misalign the data.

Another corpus need not have these files: without ``event_mentions.csv`` the timeline is built
automatically (every calendar date the tagger finds is a mention; mentions are linked into one event
only by the same date *and* shared words, marked ``linked_by = machine``), without ``dating_cues.csv``
publication dates are proposed by :mod:`lib.timeline.dating`, and without ``claim_checks.csv`` no conflict is
reported: :mod:`lib.timeline.discrepancy_candidates` lists what a person should check instead.
"""

import datetime as dt
from pathlib import Path

import pandas as pd

from ..core import annotations, paths
from ..corpus import load, record
from . import tagger
from ..core.errors import InputError

TIMELINE_COLUMNS = ["event_id", "event", "date_value", "date_start", "date_end", "granularity", "doc_id",
                    "sent_id", "start", "end", "evidence", "n_outlets", "status", "outlet", "timex_text",
                    "timex_start", "timex_end", "record_date", "linked_by", "link_basis"]
DISCREPANCY_COLUMNS = ["topic", "doc_a", "sent_a", "doc_b", "sent_b", "description", "check_id",
                       "evidence_a", "evidence_b", "fact_id"]

#: Verdicts of a claim check. ``circular``: the check uses a date inferred from the very cue it checks, so it
#: cannot fail; it is shown but never counted.
VERDICTS = ("conflict", "consistent", "unverifiable", "circular")


def read(name: str, sentences: pd.DataFrame, pairs=(("doc_id", "sent_id", "sent_start", "sent_end"),),
         folder: Path | None = None) -> pd.DataFrame:
    """Read an annotation table whose rows point at sentences (:func:`lib.core.annotations.check_sentences`).

    ``pairs`` names, for each sentence reference in the table, its doc, sent_id, start and end
    columns. A reference to the public record (doc ``record``) has no sentence and is not checked.
    """
    table = tagger.read_annotation(name, folder)
    for doc_col, *_ in pairs:
        table[doc_col] = table[doc_col].astype(str).str.zfill(3).where(table[doc_col] != "record", "record")
    where = (Path(folder) if folder else annotations.folder()) / name
    annotations.check_sentences(table, where, sentences, tuple(pairs))
    return table


def has_annotation(name: str, folder: Path | None = None) -> bool:
    """Whether the corpus in use has the reference annotation file ``name``."""
    return ((Path(folder) if folder else paths.corpus_dir() / "annotations") / name).is_file()


def granularity(value: str) -> str:
    """day, week, month or year for a calendar value (seasons and quarters count as month)."""
    if len(value) == 10:
        return "day"
    if "-W" in value:
        return "week"
    if len(value) == 7 and value[5:].isdigit():
        return "month"
    if len(value) == 4:
        return "year"
    return "month"


def build(articles: pd.DataFrame, sentences: pd.DataFrame, timex: pd.DataFrame,
          folder: Path | None = None, ignore: set[str] = frozenset()) -> pd.DataFrame:
    """``results/timeline.csv``: one row per dated event mention.

    The date is the tagger's value for the linked expression (a range gives its first and last day).
    ``n_outlets`` counts the distinct outlets (an unknown outlet counts once, by its article) whose
    dated mentions share the ``event_id``. ``status`` is ``reported`` (a past event), ``scheduled``
    (announced for a later date) or ``forecast`` (the article's or a source's expectation).
    Without ``event_mentions.csv`` the timeline is built by :func:`build_automatic` (``ignore``: the
    sides' names, which link nothing).
    """
    if not has_annotation("event_mentions.csv", folder):
        return build_automatic(articles, sentences, timex, ignore)
    mentions = read("event_mentions.csv", sentences, folder=folder)
    events = tagger.read_annotation("events.csv", folder).set_index("event_id")
    labels = load.outlet_labels(articles)
    texts = articles.set_index("doc_id")["text"]
    found = timex.set_index(["doc_id", "start", "end"])
    rows = []
    for m in mentions.itertuples():
        key = (m.doc_id, int(m.timex_start), int(m.timex_end))
        if key not in found.index:
            raise InputError("corpus/annotations/event_mentions.csv",
                             f"{m.event_id}: the tagger found no expression at {m.doc_id}:{key[1]}-{key[2]} "
                             f"({m.timex_text!r})")
        t = found.loc[key]
        value = t["value"]
        if t["range_start"]:
            first, last, gran = t["range_start"], t["range_end"], "day"
        else:
            span = tagger.covers(value)
            if span is None:
                raise InputError("corpus/annotations/event_mentions.csv",
                                 f"{m.event_id}: {m.timex_text!r} has no calendar value ({value})")
            first, last, gran = span[0], span[1], granularity(value)
        raw = texts[m.doc_id]
        rows.append(dict(event_id=m.event_id, event=events.loc[m.event_id, "event"], date_value=value,
                         date_start=first, date_end=last, granularity=gran, doc_id=m.doc_id,
                         sent_id=int(m.sent_id), start=int(m.sent_start), end=int(m.sent_end),
                         evidence=raw[int(m.sent_start):int(m.sent_end)], status=m.status,
                         outlet=labels[m.doc_id], timex_text=m.timex_text, timex_start=key[1],
                         timex_end=key[2], record_date=events.loc[m.event_id, "record_date"],
                         linked_by="reference", link_basis=""))
    return _finish(pd.DataFrame(rows))


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    """Count outlets per event, sort by date, keep the timeline's columns."""
    if table.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    table["n_outlets"] = table.groupby("event_id")["outlet"].transform("nunique")
    table = table.sort_values(["date_start", "event_id", "doc_id", "sent_id"], kind="stable")
    return table[TIMELINE_COLUMNS].reset_index(drop=True)


def build_automatic(articles: pd.DataFrame, sentences: pd.DataFrame, timex: pd.DataFrame,
                    ignore: set[str] = frozenset()) -> pd.DataFrame:
    """A timeline without hand-linked events, for a corpus that has none: machine-linked proposals.

    Every DATE or TIME the tagger resolves to calendar days (or a range) is one mention. Two mentions
    belong to the same event only when they give the same date value **and** their sentences share
    content words (:func:`lib.timeline.content.shared`: two or more, at least one of them not a side's
    name from ``ignore``, since those occur everywhere): one date can hold several events, so a group linked by date alone is split
    and never counts as reported by two outlets. ``linked_by`` is ``machine``; ``link_basis`` names
    the shared words, or says ``date only`` where another article gives the same date with nothing
    in common. ``status`` is ``reported`` when the date ends on or before the article's DCT, else
    ``scheduled``. Articles without a publication date have no resolved expressions and no mention.
    """
    from . import content

    labels = load.outlet_labels(articles)
    published = articles.set_index("doc_id")["published"]
    sents = sentences.set_index(["doc_id", "sent_id"])
    rows = []
    for t in timex.itertuples():
        value = t.value
        span = (t.range_start, t.range_end) if t.range_start else tagger.covers(value)
        if span is None or t.type not in ("DATE", "TIME", "DURATION"):
            continue
        sentence = sents.loc[(t.doc_id, t.sent_id)]
        rows.append(dict(event_id=f"date:{value if not t.range_start else t.range_start + '/' + t.range_end}",
                         event=f"'{t.text}'", date_value=value, date_start=span[0], date_end=span[1],
                         granularity="day" if t.range_start else granularity(value), doc_id=t.doc_id,
                         sent_id=t.sent_id, start=int(sentence["start"]), end=int(sentence["end"]),
                         evidence=sentence["text"],
                         status="reported" if span[1] <= published[t.doc_id] else "scheduled",
                         outlet=labels[t.doc_id], timex_text=t.text, timex_start=t.start, timex_end=t.end,
                         record_date="", linked_by="machine", link_basis=""))
    table = pd.DataFrame(rows)
    if table.empty:
        return _finish(table)
    words = [content.words(e) for e in table["evidence"]]
    for date_id, group in table.groupby("event_id", sort=False):
        index = list(group.index)
        parent = {i: i for i in index}

        def root(i):
            while parent[i] != i:
                i = parent[i]
            return i
        basis = {i: set() for i in index}
        for a_pos, a in enumerate(index):
            for b in index[a_pos + 1:]:
                common = content.shared(words[a], words[b], ignore)
                if common:
                    parent[root(b)] = root(a)
                    basis[a].update(common), basis[b].update(common)
        components = list(dict.fromkeys(root(i) for i in index))
        for i in index:
            k = components.index(root(i))
            table.at[i, "event_id"] = date_id if len(components) == 1 else f"{date_id}#{k + 1}"
            others = group.loc[[j for j in index if root(j) != root(i)], "doc_id"]
            table.at[i, "link_basis"] = ("date and words: " + ", ".join(sorted(basis[i])) if basis[i] else
                                         "date only: not linked" if (others != table.at[i, "doc_id"]).any() else "")
        for k, r in enumerate(components):
            members = [i for i in index if root(i) == r]
            label = "(machine-linked) " + " / ".join(dict.fromkeys(table.loc[members, "event"]))
            table.loc[members, "event"] = label if len(members) > 1 else f"(not linked) {table.at[members[0], 'event']}"
    return _finish(table)


def discrepancies(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """``results/discrepancies.csv``: the claim checks whose verdict is ``conflict``.

    ``doc_b`` is ``record`` (and ``sent_b`` empty) where the conflict is with the public record;
    ``fact_id`` names the rows of ``corpus/record.csv`` a check relies on.
    ``evidence_a``/``evidence_b`` quote the two sides. Empty for a corpus without claim checks.
    """
    if not has_annotation("claim_checks.csv", folder):
        return pd.DataFrame(columns=DISCREPANCY_COLUMNS)
    checks = claim_checks(sentences, folder)
    conflicts = checks[checks["verdict"] == "conflict"]
    return pd.DataFrame(dict(topic=conflicts["topic"], doc_a=conflicts["doc_a"], sent_a=conflicts["sent_a"],
                             doc_b=conflicts["doc_b"], sent_b=conflicts["sent_b"],
                             description=conflicts["description"], check_id=conflicts["check_id"],
                             evidence_a=conflicts["quote_a"], evidence_b=conflicts["quote_b"],
                             fact_id=conflicts.get("fact_id", "")),
                        columns=DISCREPANCY_COLUMNS).reset_index(drop=True)


def claim_checks(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """Every claim check (any of :data:`VERDICTS`), offsets and fact ids verified; empty without any."""
    if not has_annotation("claim_checks.csv", folder):
        return pd.DataFrame(columns=["check_id", "topic", "doc_a", "sent_a", "doc_b", "sent_b", "verdict",
                                     "description", "quote_a", "quote_b", "fact_id"])
    checks = read("claim_checks.csv", sentences, pairs=(("doc_a", "sent_a", "sent_a_start", "sent_a_end"),
                                                        ("doc_b", "sent_b", "sent_b_start", "sent_b_end")),
                  folder=folder)
    where = "corpus/annotations/claim_checks.csv"
    unknown = sorted(set(checks["verdict"]) - set(VERDICTS))
    if unknown:
        raise InputError(where, f"unknown verdict {unknown[0]!r} (expected one of {', '.join(VERDICTS)})")
    if "fact_id" not in checks.columns:    # checks between articles only need no fact
        checks["fact_id"] = ""
    facts = checks["fact_id"].fillna("").astype(str)
    bare = checks[(checks["doc_b"] == "record") & (facts.str.strip() == "")]
    if len(bare):
        raise InputError(where, f"{bare['check_id'].iloc[0]}: a check against the record needs a fact_id")
    record.check_references(facts, where, Path(folder).parent if folder else None)
    return checks


def cue_interval(relation: str, event_day: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The publication dates a dating cue allows, as (earliest, latest); None means open.

    - ``same_day``: 'earlier today' + the event's day: that very day;
    - ``after``: the event is reported as past: on or after its day;
    - ``before``: the event is still to come: before its day;
    - ``weekday_past``: a past event named by its weekday alone: within the next six days;
    - ``last_week``: the event fell 'last week': during the calendar week after the event's week.
    """
    if relation == "same_day":
        return event_day, event_day
    if relation == "after":
        return event_day, None
    if relation == "before":
        return None, event_day - dt.timedelta(days=1)
    if relation == "weekday_past":
        return event_day, event_day + dt.timedelta(days=6)
    if relation == "last_week":
        monday = event_day - dt.timedelta(days=event_day.weekday()) + dt.timedelta(days=7)
        return monday, monday + dt.timedelta(days=6)
    raise InputError("corpus/annotations/dating_cues.csv", f"unknown relation {relation!r}")


def infer_publication(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """Publication-date bounds for each article with dating cues: intersect what every cue allows.

    Event days come from ``events.csv`` (the public record). The best single estimate is the
    earliest possible day when the bounds are one day, else the day after the earliest possible
    day (a convention, stated in notebook 02: news is usually published within a day of what it
    reports, and a writer on the day itself would more likely say 'today').
    Columns: ``doc_id, published_min, published_max, published, cues``; empty without dating cues.
    """
    if not has_annotation("dating_cues.csv", folder):
        return pd.DataFrame(columns=["doc_id", "published_min", "published_max", "published", "cues"])
    cues = read("dating_cues.csv", sentences, folder=folder)
    events = tagger.read_annotation("events.csv", folder).set_index("event_id")
    rows = []
    for doc_id, group in cues.groupby("doc_id", sort=True):
        low, high = dt.date.min, dt.date.max
        for cue in group.itertuples():
            first, last = cue_interval(cue.relation, dt.date.fromisoformat(events.loc[cue.event_id, "record_date"]))
            low, high = max(low, first or low), min(high, last or high)
        if low > high:
            raise InputError("corpus/annotations/dating_cues.csv", f"{doc_id}: the cues contradict each other")
        best = low if low == high else low + dt.timedelta(days=1)
        rows.append(dict(doc_id=doc_id, published_min=low.isoformat(), published_max=high.isoformat(),
                         published=best.isoformat(), cues="; ".join(f"{c.sent_id}: '{c.cue}' ({c.relation})"
                                                                   for c in group.itertuples())))
    return pd.DataFrame(rows, columns=["doc_id", "published_min", "published_max", "published", "cues"])
