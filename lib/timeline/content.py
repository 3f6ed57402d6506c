"""What two sentences share in content: the evidence that lets a machine link them.

Two mentions of the same date in two articles are not, by that alone, the same event: 16 June can hold
a summit and a football match. The tools that link or compare sentences across articles (event
linking, publication dates from dated articles, discrepancy candidates) therefore also ask what the
sentences are *about*: their content words, stemmed (Porter) so that "flights" meets "flight", with
English stop words, reporting verbs and calendar words left out (a shared "said" or "June" is no
evidence). Capitalised names count like any other word.
"""

import re

from nltk.stem import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from . import tagger

#: Words that say nothing about what happened: reporting verbs, calendar and deictic words.
NOT_CONTENT = frozenset(ENGLISH_STOP_WORDS) | {
    "said", "says", "say", "told", "tell", "according", "added", "reported", "reports", "asked",
    "today", "tonight", "yesterday", "tomorrow", "week", "weeks", "month", "months", "year", "years", "day",
    "days", "earlier", "later", "ago", "morning", "evening", "afternoon", "time", "times", "mr", "ms",
} | {m.lower() for m in tagger.MONTHS} | {d.lower() for d in tagger.WEEKDAYS}

#: Two sentences that share at least this many content stems are about the same thing, for the tools.
MIN_SHARED = 2

#: Irregular past forms, so that "met" meets "meeting" (Porter stems only regular endings).
IRREGULAR = {"met": "meet", "held": "hold", "took": "take", "made": "make", "began": "begin", "went": "go",
             "came": "come", "left": "leave", "won": "win", "lost": "lose", "fought": "fight", "brought": "bring",
             "signed": "sign", "spoke": "speak", "gave": "give", "sent": "send", "broke": "break"}

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_STEMMER = PorterStemmer()


def words(text: str) -> set[str]:
    """The content stems of ``text`` (lower case, stop words and calendar words removed)."""
    found = set()
    for m in WORD.finditer(text):
        word = m.group(0).lower().replace("’", "'")
        word = word[:-2] if word.endswith("'s") else word
        if len(word) > 2 and word not in NOT_CONTENT:
            found.add(_STEMMER.stem(IRREGULAR.get(word, word)))
    return found


def shared(a: set[str], b: set[str], sides: set[str] = frozenset()) -> list[str]:
    """The content stems two sentences share, sorted; empty when fewer than :data:`MIN_SHARED`, or
    when all of them are ``sides`` (the names of the sides, which two sentences share by chance)."""
    common = sorted(a & b)
    return common if len(common) >= MIN_SHARED and set(common) - set(sides) else []


def side_words(targets) -> set[str]:
    """The content stems of the sides' mention words (``settings.targets``): they occur in most
    sentences of a corpus about them, so they are left out when linking sentences."""
    return set().union(*(words(" ".join(t.mentions)) for t in targets.values())) if targets else set()
