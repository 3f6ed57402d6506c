"""Publication dates for articles that state none, proposed from their own words.

An undated article still says when it was written, relative to what it reports: "Earlier today …
met" puts it on the day of the meeting, "On Tuesday … met" within six days after that Tuesday, "last
week … met" in the week after, and any past-tense report of an event puts it on or after the event.
Event days come from two places only: the event of ``settings.toml`` (its ``event_date``) and the
dated articles, whose day-precise mentions of an event the undated article also reports (linked by
shared content words, :mod:`lib.timeline.content`); an absolute date the article itself reports in the past
tense ("signed on 12 January 2024") is a lower bound too.

Each cue allows a range of publication days (the first sentence that reports an event as past is
kept for each event day; later ones add nothing); the article's bounds are the intersection
(``published_min``, ``published_max``; either may stay open), with basis ``inferred``. The best single
estimate is the earliest possible day when the bounds are one day, else the day after it (the same
convention as notebook 02 states for the reference-coded cues). Every cue is kept with its sentence and
the offsets of the words that make it, so a person can confirm or reject it: these are proposals.
"""

import datetime as dt
import re

import pandas as pd

from . import content
from . import tagger

#: Same-day words: with a past-tense report of the event, the article was written that day.
SAME_DAY = re.compile(r"\b(?:earlier today|today|tonight|this (?:morning|afternoon|evening))\b", re.IGNORECASE)
#: A modal or future word in the clause before a date: the date is not a reported past event.
MODAL = re.compile(r"\b(?:would|will|could|may|might|should|shall|to be|due to|plans? to|expects?)\b", re.IGNORECASE)
LAST_WEEK = re.compile(r"\blast week\b", re.IGNORECASE)
#: Words that name a meeting of the sides, whoever the sides are.
MEETING_WORDS = content.words("summit summits meeting meetings met meet talks")

CUE_COLUMNS = ["doc_id", "sent_id", "sent_start", "sent_end", "cue", "cue_start", "cue_end", "relation",
               "event_day", "event_source", "allows_min", "allows_max", "evidence"]
#: Relations a cue can give (see :func:`allows`).
RELATIONS = ("same_day", "weekday_past", "last_week", "after")
BOUND_COLUMNS = ["doc_id", "published_min", "published_max", "published", "published_basis", "n_cues", "cues"]


def _past(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` report it as past (:func:`lib.timeline.tagger.tense`)."""
    return tagger.tense(text, start, end, reach=None) == "past"


def main_tense(text: str) -> str | None:
    """'past', 'future' or None: the first tense cue of a sentence, usually its main verb's."""
    cues = []
    for pattern, label in ((tagger.FUTURE_CUES, "future"), (tagger.PAST_CUES, "past")):
        for m in pattern.finditer(text):
            word = m.group(0)
            if label == "past" and (word.lower() in tagger.NOT_PAST or (word[0].isupper() and word.endswith("ed"))):
                continue
            cues.append((m.start(), label))
    return min(cues)[1] if cues else None


def names_event(text: str, event_words: set[str], sides: list[tuple[str, ...]]) -> bool:
    """Whether a sentence names the event: one of its words, or a meeting word and two of the sides."""
    words = content.words(text)
    if words & event_words:
        return True
    named = sum(any(re.search(rf"\b{re.escape(m)}\b", text) for m in mentions) for mentions in sides)
    return named >= 2 and bool(words & MEETING_WORDS)


def allows(relation: str, day: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The publication days a cue allows, (earliest, latest), None = open: the same reading as for the
    reference-coded cues (:func:`lib.timeline.events.cue_interval`), ``same_day`` that day, ``weekday_past``
    the six days after, ``last_week`` the calendar week after the event's, ``after`` on or after it."""
    from .events import cue_interval

    return cue_interval(relation, day)


def _relation(text: str, span: tuple[int, int], timexes: list, day: dt.date) -> tuple[str, int, int]:
    """Which relation a sentence reporting a past event on ``day`` gives, and the words that give it."""
    m = SAME_DAY.search(text)
    if m:
        return "same_day", m.start(), m.end()
    m = LAST_WEEK.search(text)
    if m:
        return "last_week", m.start(), m.end()
    for t in timexes:
        if t.rule == "weekday" and t.text.strip().capitalize() == f"{day:%A}" and _past(text, t.start - span[0],
                                                                                        t.end - span[0]):
            return "weekday_past", t.start - span[0], t.end - span[0]
    return "after", 0, len(text)


def dated_mentions(articles: pd.DataFrame, sentences: pd.DataFrame, timex: pd.DataFrame,
                   ignore: set[str]) -> pd.DataFrame:
    """Day-precise past events the dated articles report: ``doc_id, sent_id, day, words``.

    ``timex`` holds the dated articles' expressions resolved against their stated dates; a mention
    counts when its sentence reports it in the past tense and the day is on or before the article's
    date. ``words`` are the sentence's content stems minus ``ignore`` (the sides' names, which occur
    everywhere and would link anything).
    """
    stated = articles[articles["published_basis"] == "stated"].set_index("doc_id")["published"]
    text = sentences.set_index(["doc_id", "sent_id"])["text"]
    starts = sentences.set_index(["doc_id", "sent_id"])["start"]
    rows = []
    for t in timex[timex["doc_id"].isin(stated.index) & (timex["value"].str.len() == 10)].itertuples():
        sentence = text[(t.doc_id, t.sent_id)]
        clause = re.split(r"[,;:]", sentence[:max(0, t.start - starts[(t.doc_id, t.sent_id)])])[-1]
        if t.value <= stated[t.doc_id] and main_tense(sentence) == "past" and not MODAL.search(clause):
            rows.append(dict(doc_id=t.doc_id, sent_id=t.sent_id, day=t.value, words=content.words(sentence) - ignore))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "day", "words"])


def _cues_of(s, raw: str, tagged: list, event: str, event_date: dt.date, event_words: set[str],
             sides: list[tuple[str, ...]], known: pd.DataFrame, ignore: set[str]) -> list[tuple]:
    """The dating cues of one sentence ``s``: ``(relation, start, end, event day, source)`` each,
    start/end relative to the sentence."""
    in_sentence = [t for t in tagged if s.start <= t.start and t.end <= s.end]
    found = [("after", t.start - s.start, t.end - s.start, dt.date.fromisoformat(t.value), "the article's own date")
             for t in in_sentence if t.anchor == "absolute" and len(t.value) == 10 and _past(raw, t.start, t.end)]
    tense = main_tense(s.text)
    if tense is None:
        return found
    named = names_event(s.text, event_words, sides)
    linked = {}
    words = content.words(s.text) - ignore
    for k in known.itertuples():
        common = content.shared(words, k.words)
        if common:
            linked.setdefault(dt.date.fromisoformat(k.day), f"{k.doc_id}:{k.sent_id} ({', '.join(common)})")
    # the relation words ('earlier today', 'last week', 'On Tuesday') date one event: the settings'
    # event when the sentence names it, else the one dated event it is linked to; others only as 'after'
    main = (event_date, f"settings: {event}") if named else (next(iter(linked.items())) if len(linked) == 1 else None)
    events = ([main] if main else []) + [(d, src) for d, src in linked.items() if not main or d != main[0]]
    if tense != "past":   # a future or scheduled event says little: previews are written at any time before
        return found
    for day, source in events:
        if (day, source) == main:
            relation, a, b = _relation(s.text, (s.start, s.end), in_sentence, day)
            found.append((relation, a, b, day, source))
        else:
            found.append(("after", 0, len(s.text), day, source))
    return found


def infer(articles: pd.DataFrame, sentences: pd.DataFrame, event: str, event_date: dt.date,
          sides: list[tuple[str, ...]], docs: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Propose publication bounds for ``docs`` (default: every article whose metadata gives no date).

    ``event``/``event_date`` come from settings.toml, ``sides`` are the targets' mention words.
    Returns ``(bounds, cues)``: one row per article (:data:`BOUND_COLUMNS`; dates empty where no cue
    was found, ``cues`` says why when the cues contradict each other) and one row per cue
    (:data:`CUE_COLUMNS`, ``cue_start``/``cue_end`` are offsets into the raw article).
    """
    if docs is None:
        docs = list(articles.loc[articles["published"].fillna("") == "", "doc_id"])
    ignore = set().union(*(content.words(" ".join(m)) for m in sides))
    dated = articles[articles["published_basis"] == "stated"]
    dated_timex = tagger.tag_articles(dated, sentences[sentences["doc_id"].isin(dated["doc_id"])])
    known = dated_mentions(articles, sentences, dated_timex, ignore)
    event_words = content.words(event)
    texts = articles.set_index("doc_id")["text"]
    cues, bounds = [], []
    for doc in docs:
        raw = texts[doc]
        sents = sentences[sentences["doc_id"] == doc]
        # provisional DCT = the event day: only DCT-free facts are used (cue words, tense, absolute dates)
        tagged = tagger.tag(raw, event_date, list(zip(sents["start"], sents["end"])))
        found, seen = [], set()
        for s in sents.itertuples():
            for cue in _cues_of(s, raw, tagged, event, event_date, event_words, sides, known, ignore):
                if cue[0] != "after" or (cue[3] not in seen):   # one 'after' cue per event day is enough
                    found.append((s, *cue))
                    seen.add(cue[3]) if cue[0] == "after" else None
        low, high = dt.date.min, dt.date.max
        for s, relation, a, b, day, source in found:
            first, last = allows(relation, day)
            low, high = max(low, first or low), min(high, last or high)
            cues.append(dict(doc_id=doc, sent_id=s.sent_id, sent_start=s.start, sent_end=s.end, cue=s.text[a:b],
                             cue_start=s.start + a, cue_end=s.start + b, relation=relation, event_day=day.isoformat(),
                             event_source=source, allows_min=first.isoformat() if first else "",
                             allows_max=last.isoformat() if last else "", evidence=s.text))
        summary = "; ".join(f"{s.sent_id}: {relation} {day}" for s, relation, _, _, day, _ in found)
        if not found or low > high:
            bounds.append(dict(doc_id=doc, published_min="", published_max="", published="", published_basis="",
                               n_cues=len(found), cues=("the cues contradict each other: " + summary) if found
                               else "no cue found"))
            continue
        best = low if low == high else low + dt.timedelta(days=1)
        bounds.append(dict(doc_id=doc, published_min=low.isoformat() if low != dt.date.min else "",
                           published_max=high.isoformat() if high != dt.date.max else "",
                           published=best.isoformat() if low != dt.date.min else "", published_basis="inferred",
                           n_cues=len(found), cues=summary))
    return pd.DataFrame(bounds, columns=BOUND_COLUMNS), pd.DataFrame(cues, columns=CUE_COLUMNS)


def for_corpus(articles: pd.DataFrame, sentences: pd.DataFrame, case) -> tuple[pd.DataFrame, pd.DataFrame,
                                                                             pd.DataFrame]:
    """Infer the dates of every article whose metadata gives none, from the case's settings.

    Returns ``(articles with the inferred dates filled in, bounds, cues)`` (:func:`infer`, :func:`apply`).
    """
    bounds, cues = infer(articles, sentences, case.event, case.event_date,
                         [t.mentions for t in case.targets.values()])
    return apply(articles, bounds), bounds, cues


def compare(machine: pd.DataFrame, metadata: pd.DataFrame) -> pd.DataFrame:
    """The machine's bounds beside the dates ``metadata.csv`` holds for the same articles.

    ``contains`` is True where the machine's bounds contain the metadata's (an open machine bound
    contains anything), False where a rule claims more than the metadata, and empty where the
    metadata has no date to compare with.
    """
    meta = metadata.set_index("doc_id")
    rows = []
    for b in machine.itertuples():
        m = meta.loc[b.doc_id]
        lo, hi = m["published_min"] or m["published"], m["published_max"] or m["published"]
        if not (lo or hi):
            contains = ""
        else:
            contains = bool(b.published_basis == "inferred" and (not b.published_min or (lo and b.published_min <= lo))
                            and (not b.published_max or (hi and b.published_max >= hi)))
        rows.append(dict(doc_id=b.doc_id, metadata_min=m["published_min"], metadata_max=m["published_max"],
                         metadata_published=m["published"], metadata_basis=m["published_basis"],
                         machine_min=b.published_min, machine_max=b.published_max, machine_published=b.published,
                         contains=contains, cues=b.cues))
    return pd.DataFrame(rows, columns=["doc_id", "metadata_min", "metadata_max", "metadata_published", "metadata_basis",
                                       "machine_min", "machine_max", "machine_published", "contains", "cues"])


def apply(articles: pd.DataFrame, bounds: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with the inferred bounds filled in where the metadata gives no date at all.

    Dates a person entered in ``metadata.csv`` (stated or inferred by hand) are never replaced.
    """
    out = articles.copy()
    for b in bounds[bounds["published_basis"] == "inferred"].itertuples():
        row = out["doc_id"] == b.doc_id
        if (out.loc[row, ["published", "published_min", "published_max"]].fillna("") == "").all(axis=None):
            out.loc[row, ["published", "published_min", "published_max", "published_basis"]] = [
                b.published, b.published_min, b.published_max, "inferred"]
    return out
