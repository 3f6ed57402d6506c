"""The lexicon methods are the libraries' own public calls (``lib/tone/scorers.py``).

The one shortcut left, TextBlob's polarity through ``textblob.en.polarity`` instead of a ``TextBlob``
object, is held to ``TextBlob(text).sentiment.polarity`` on the real sentences and leader clauses,
hand-picked edge cases and seeded random strings. Scores are compared with ``==``: not close, identical.
"""

import random
import string

import pytest
from nltk.sentiment.vader import SentimentIntensityAnalyzer as NltkVader
from textblob import TextBlob
from vaderSentiment import vaderSentiment as reference

from lib.core import settings
from lib.corpus import clean
from lib.tone import scorers

EDGE_CASES = [
    "GOOD!!! but not BAD :) ...", ",good. 'bad' \"nice\"", "kind of great", "at least ok", "very least bad",
    "!?!? wow!?!?", "a", "", "   ", "U.S.-Russia relations,", "--good--", "never so good", ":-) :D <3",
    "He said \u201cgreat\u201d \u2014 but \u2018terrible\u2019.", "LOVE it, HATE it", "no, never, nothing",
    "it isn't good", "not a good idea (!)", "very very good!", "good \U0001F600 day", "Para one.\n\nPara two",
    "Mr. Putin's e.g. U.S. etc.", "well...", "(!)", ":'(", "o.O",
]


@pytest.fixture(scope="module")
def texts(sentences) -> list[str]:
    """The real sentences, every leader clause, and the edge cases."""
    raw = list(sentences["text"])
    clauses = [scorers.target_clauses(text, scorers.mention_pattern(target.mentions))
               for target in settings.load().targets.values() for text in raw]
    return raw + [c for c in clauses if c] + EDGE_CASES


def soup(vocabulary: list[str], n: int, seed: int = 20210616) -> list[str]:
    """``n`` seeded random strings of words from ``vocabulary``, some with punctuation glued on."""
    rng = random.Random(seed)
    marks = list(string.punctuation) + ["!!", "??", "...", "\u2019", "\u201c"]
    out = []
    for _ in range(n):
        tokens = []
        for _ in range(rng.randint(0, 14)):
            word = rng.choice(vocabulary)
            if rng.random() < 0.2:
                word = word.upper() if rng.random() < 0.5 else word.capitalize()
            if rng.random() < 0.3:
                word = rng.choice(marks) * rng.randint(1, 3) + word
            if rng.random() < 0.3:
                word += rng.choice(marks) * rng.randint(1, 3)
            tokens.append(word)
        out.append(" ".join(tokens))
    return out


def test_textblob_score_equals_textblobs_own_polarity(texts):
    from textblob.en import sentiment as pattern
    rng = random.Random(2)
    words = sorted({*rng.sample(sorted(pattern.keys()), 80), "not", "never", "no", "n't", "very", "really",
                    "extremely", "!", "(!)", ":)", ":-(", "<3", "is", "a", "the", "summit", "don't", "U.S.", "Mr.",
                    "...", "\n\n", "'"})
    for text in texts + soup(words, 2000):
        assert scorers.score_textblob(text) == TextBlob(clean.normalise(text)).sentiment.polarity, text


def test_the_vader_methods_score_with_the_libraries_own_analysers(texts):
    assert type(scorers._nltk_vader(False)) is NltkVader and type(scorers._nltk_vader(True)) is NltkVader
    assert type(scorers._reference_vader()) is reference.SentimentIntensityAnalyzer
    plain = scorers.nltk_analyser()
    for text in texts[:50]:
        assert scorers.score_vader(text) == plain.polarity_scores(clean.normalise(text))["compound"], text
    assert scorers._nltk_vader(True).lexicon["deconfliction"] == scorers.DIPLOMACY_LEXICON["deconfliction"]
    assert "deconfliction" not in scorers._nltk_vader(False).lexicon
