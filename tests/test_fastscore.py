"""The fast scorers give exactly the libraries' scores (``lib/tone/fastscore.py``).

Each fast scorer replaces a library's per-call driver; these tests hold it to the library on the real
sentences and leader clauses, hand-picked edge cases, and seeded random strings built from the words
the rules look for (negations, boosters, idioms, "but", "least", "kind of", capitals, emoticons,
punctuation glued on either side). Scores are compared with ``==``: not close, identical.
"""

import random
import string

import pytest
from nltk.sentiment.vader import SentiText
from textblob import TextBlob
from vaderSentiment import vaderSentiment as reference

from lib.core import settings
from lib.corpus import clean, segment
from lib.tone import fastscore, scorers as sentiment

EDGE_CASES = [
    "GOOD!!! but not BAD :) ...", ",good. 'bad' \"nice\"", "kind of great", "at least ok", "very least bad",
    "!?!? wow!?!?", "a", "", "   ", "U.S.-Russia relations,", "--good--", "the shit", "never so good",
    ":-) :D <3", "good!!", "!!good", "??great??", "'fine'", "\"awful\",", "Not bad; not good: (bad)",
    "He said \u201cgreat\u201d \u2014 but \u2018terrible\u2019.", "LOVE it, HATE it", "no, never, nothing",
    "without doubt good", "never this bad", "it isn't good", "not a good idea (!)", "very very good!",
    "  padded good  ", "good \U0001F600 day", "\u2764 love", "yeah right", "kiss of death", "bad ass",
    "sort of good", "Kind Of GOOD", "without a doubt good", "without a doubt, great", "not so very good", "least good", "the least good", "at least good", "BUT good but bad",
]


@pytest.fixture(scope="module")
def texts(sentences) -> list[str]:
    """The real sentences (raw and normalised), every leader clause, and the edge cases."""
    raw = list(sentences["text"])
    clauses = [sentiment.target_clauses(text, sentiment.mention_pattern(target.mentions))
               for target in settings.load().targets.values() for text in raw]
    return raw + [clean.normalise(t) for t in raw] + [c for c in clauses if c] + EDGE_CASES


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


def vader_words(lexicon: dict, seed: int = 1) -> list[str]:
    """Words VADER's rules react to, plus a seeded sample of its lexicon and some neutral words."""
    constants = sentiment.nltk_analyser().constants
    rng = random.Random(seed)
    idiom_words = {w for key in [*constants.SPECIAL_CASE_IDIOMS, *reference.SPECIAL_CASES, *constants.BOOSTER_DICT]
                   for w in key.split()}
    return sorted({*sorted(constants.NEGATE)[:20], *sorted(constants.BOOSTER_DICT)[:20], *idiom_words,
                   *rng.sample(sorted(lexicon), 80), "but", "kind", "of", "least", "at", "very", "never", "so",
                   "this", "without", "doubt", "a", "no", "nor", "or", "the", "summit", "Putin", "U.S.", "n't",
                   "can't", ":)", ":(", "<3", "x", "I"})


def test_fast_tokens_equal_nltk_tokens(texts):
    constants = sentiment.nltk_analyser().constants
    for text in texts:
        slow = SentiText(text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION).words_and_emoticons
        fast = fastscore.FastSentiText(text, frozenset(constants.PUNC_LIST),
                                       constants.REGEX_REMOVE_PUNCTUATION).words_and_emoticons
        assert fast == slow, text


@pytest.mark.parametrize("diplomacy", [False, True], ids=["vader", "diplomacy lexicon"])
def test_fast_vader_equals_nltk(texts, diplomacy):
    plain = sentiment.nltk_analyser(diplomacy)
    fast = fastscore.FastVader.like(plain)
    for text in texts + soup(vader_words(plain.lexicon), 5000):
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text


def test_fast_reference_vader_equals_vadersentiment(texts):
    plain = reference.SentimentIntensityAnalyzer()
    fast = fastscore.FastReferenceVader.like(plain)
    for text in texts + soup(vader_words(plain.lexicon), 5000):
        assert fast.polarity_scores(text) == plain.polarity_scores(text), text


def test_the_project_scores_with_the_fast_analysers():
    assert isinstance(sentiment._nltk_vader(False), fastscore.FastVader)
    assert isinstance(sentiment._nltk_vader(True), fastscore.FastVader)
    assert isinstance(sentiment._reference_vader(), fastscore.FastReferenceVader)
    assert sentiment._nltk_vader(True).lexicon["deconfliction"] == sentiment.DIPLOMACY_LEXICON["deconfliction"]
    assert "deconfliction" not in sentiment._nltk_vader(False).lexicon


def test_pattern_tokens_equal_patterns_tokeniser(texts):
    from textblob.en import parser
    words = ["good", "U.S.", "Mr.", "e.g.", "etc.", "Dr", "can't", "I'd", "we'll", "they're", "it's", "(!)", ":-)",
             ":-.", "o.O", ">.>", ":'(", "...", "end.", "\u201cquoted\u201d", "\u2018it\u2019s\u2019", "'",
             '"', "A.", "St.", "x", "!", "?", ")", "(", "@home", "#tag", "a-b", "--", "\n", "\n\n", "\r\n",
             "END-OF-SENTENCE", "well..."]
    for text in texts + soup(words, 5000, seed=3) + ["Para one.\n\nPara two", "a\r\n\r\nb", "\n\n\n"]:
        assert fastscore.pattern_tokens(text) == parser.find_tokens(text), text


def test_textblob_polarity_equals_textblob(texts):
    from textblob.en import sentiment as pattern
    rng = random.Random(2)
    words = sorted({*rng.sample(sorted(dict.keys(fastscore._PATTERN)), 80), "not", "never", "no", "n't", "very",
                    "really", "extremely", "!", "(!)", ":)", ":-(", "<3", "is", "a", "the", "summit", "don't",
                    "U.S.", "Mr.", "...", "\n\n", "'"})
    for text in texts + soup(words, 3000):
        assert fastscore.textblob_polarity(text) == TextBlob(text).sentiment.polarity, text
    assert len(pattern) == len(fastscore._PATTERN) > 2000
