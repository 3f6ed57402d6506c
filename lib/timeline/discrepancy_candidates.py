"""Checkable statements that differ between articles: candidates for a person to review.

A machine cannot tell a factual conflict from two true statements about different things, so this
module never gives a verdict. It pairs sentences of different articles that are about the same thing
(they share content words, :mod:`lib.timeline.content`, the sides' names left out) and lists the pairs that
differ in something checkable:

- ``number``: the same counted thing with a different number ("12 prisoners" / "ten prisoners");
- ``date``: two sentences about the same thing, both reporting (or both announcing) it, with no
  date in common (from the timeline's mentions; the closest pair of dates is shown);
- ``place``: the same word before "in"/"at" with different places ("met in Geneva" / "met in Moscow");
- ``first_time``: "for the first time" in one article, "first … since", "again" or "previously" in
  another sentence with at least one content word in common (the counter-evidence is often short).

Each row keeps both sentences and the offsets of the differing values in the raw articles. A person
turns a candidate into a claim check (``annotations/claim_checks.csv``, drafted by ``python -m lib
skeleton claim-checks DIR``) with a verdict; only checked conflicts reach ``results/discrepancies.csv``.
"""

import itertools
import re

import pandas as pd

from . import content
from . import tagger

COLUMNS = ["kind", "doc_a", "sent_a", "value_a", "start_a", "end_a", "doc_b", "sent_b", "value_b", "start_b",
           "end_b", "shared", "evidence_a", "evidence_b"]

NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred dozen").split()
COUNT = re.compile(rf"\b(\d[\d,]*(?:\.\d+)?|{'|'.join(NUMBER_WORDS)})\s+([A-Za-z][a-z-]+)\b", re.IGNORECASE)
PLACE = re.compile(r"\b([a-z]+)\s+(?:in|at)\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
FIRST_TIME = re.compile(r"\bfor the first time\b|\bfirst[- ]ever\b|\bnever before\b", re.IGNORECASE)
NOT_FIRST = re.compile(r"\bfirst\b[^.]*\bsince\b|\bagain\b|\bpreviously\b|\blast met\b", re.IGNORECASE)
CALENDAR = set(tagger.MONTHS) | set(tagger.WEEKDAYS)


def _value(word: str) -> float | None:
    word = word.lower().replace(",", "")
    if word in NUMBER_WORDS:
        return float(tagger.number(word) or {"hundred": 100, "dozen": 12}.get(word, 0)) or None
    try:
        return float(word)
    except ValueError:
        return None


def counts(text: str) -> dict[str, tuple[float, int, int]]:
    """Counted things in a sentence: noun stem -> (number, start, end of 'number noun')."""
    found = {}
    for m in COUNT.finditer(text):
        noun = m.group(2).lower()
        value = _value(m.group(1))
        if value is None or noun in content.NOT_CONTENT or noun.capitalize() in CALENDAR:
            continue
        found.setdefault(next(iter(content.words(noun)), noun), (value, m.start(), m.end()))
    return found


def places(text: str) -> dict[str, tuple[str, int, int]]:
    """What happened where: the word before 'in'/'at' (stemmed) -> (place, start, end).

    Months and weekdays are not places. Keyed by the word before, so that only "met in Geneva" and
    "met in Moscow" are compared, not any two places in two sentences.
    """
    found = {}
    for m in PLACE.finditer(text):
        if m.group(2).split()[0] not in CALENDAR and m.group(1) not in content.NOT_CONTENT:
            found.setdefault(next(iter(content.words(m.group(1))), m.group(1)), (m.group(2), *m.span(2)))
    return found


#: Share of the two sentences' content words that must be common (Jaccard) for a candidate: long
#: sentences share two words by chance.
MIN_OVERLAP = 0.2


def about_the_same(a: set[str], b: set[str]) -> list[str]:
    """The shared content stems when two sentences are about the same thing, else []."""
    common = content.shared(a, b)
    return common if common and len(common) / len(a | b) >= MIN_OVERLAP else []


def find(sentences: pd.DataFrame, timeline: pd.DataFrame, ignore: set[str] = frozenset()) -> pd.DataFrame:
    """Every candidate discrepancy between two articles (:data:`COLUMNS`), for review.

    ``timeline`` is ``results/timeline.csv`` (its mentions date the events); ``ignore`` are the
    sides' name stems. Offsets ``start_*``/``end_*`` point into the raw articles.
    """
    rows = []
    sents = list(sentences[["doc_id", "sent_id", "start", "text"]].itertuples(index=False))
    words = {(s.doc_id, s.sent_id): content.words(s.text) - set(ignore) for s in sents}

    def add(kind, a, va, sa, b, vb, sb, common):
        rows.append(dict(kind=kind, doc_a=a.doc_id, sent_a=a.sent_id, value_a=va, start_a=a.start + sa[0],
                         end_a=a.start + sa[1], doc_b=b.doc_id, sent_b=b.sent_id, value_b=vb, start_b=b.start + sb[0],
                         end_b=b.start + sb[1], shared=", ".join(common), evidence_a=a.text, evidence_b=b.text))

    for a, b in itertools.combinations(sents, 2):
        if a.doc_id == b.doc_id:
            continue
        common = about_the_same(words[(a.doc_id, a.sent_id)], words[(b.doc_id, b.sent_id)])
        if common:
            ca, cb = counts(a.text), counts(b.text)
            for noun in sorted(set(ca) & set(cb)):
                if ca[noun][0] != cb[noun][0]:
                    add("number", a, a.text[ca[noun][1]:ca[noun][2]], ca[noun][1:], b,
                        b.text[cb[noun][1]:cb[noun][2]], cb[noun][1:], common)
            pa, pb = places(a.text), places(b.text)
            for word in sorted(set(pa) & set(pb)):
                if pa[word][0] != pb[word][0]:
                    add("place", a, pa[word][0], pa[word][1:], b, pb[word][0], pb[word][1:], common)
        for x, y in ((a, b), (b, a)):
            claim, counter = FIRST_TIME.search(x.text), NOT_FIRST.search(y.text)
            if claim and counter and words[(x.doc_id, x.sent_id)] & words[(y.doc_id, y.sent_id)]:
                add("first_time", x, claim.group(0), claim.span(), y, counter.group(0), counter.span(), common)
    if not timeline.empty:
        text = {(s.doc_id, s.sent_id): s for s in sents}
        by_sentence = {key: list(group.itertuples(index=False))
                       for key, group in timeline.groupby(["doc_id", "sent_id"], sort=True)}
        for (ka, ma), (kb, mb) in itertools.combinations(by_sentence.items(), 2):
            if ka[0] == kb[0]:
                continue
            common = about_the_same(words[ka], words[kb])
            pairs = [(m, n) for m in ma for n in mb if m.status == n.status]
            overlap = any(not (m.date_end < n.date_start or n.date_end < m.date_start) for m, n in pairs)
            if common and pairs and not overlap:
                m, n = min(pairs, key=lambda p: abs(pd.Timestamp(p[0].date_start) - pd.Timestamp(p[1].date_start)))
                a, b = text[ka], text[kb]
                add("date", a, f"{m.timex_text} ({m.date_value})", (m.timex_start - a.start, m.timex_end - a.start),
                    b, f"{n.timex_text} ({n.date_value})", (n.timex_start - b.start, n.timex_end - b.start), common)
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["kind", "doc_a", "sent_a", "doc_b", "sent_b"], kind="stable").reset_index(drop=True)
