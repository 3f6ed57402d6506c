"""Faster versions of the lexicon scorers that give exactly the libraries' scores.

Why: scoring is most of the pipeline's time (every body sentence and every leader-mentioning clause,
by four lexicon methods), and the libraries spend much of it on work that does not change a score.
Each class here subclasses the library's own analyser, keeps its lexicon, constants and rule methods,
and replaces only the per-call driver; ``tests/test_fastscore.py`` checks the scores against the
plain libraries on the real sentences, edge cases and thousands of seeded random strings.

- NLTK's VADER (:class:`FastVader`): about 70% of each ``polarity_scores`` call builds a throw-away
  dictionary of every word glued to every punctuation mark (``SentiText._words_plus_punc``) just to
  strip punctuation from tokens; :class:`FastSentiText` strips the punctuation run directly. The
  per-token rule method is called only for words in the lexicon: for any other word (nine in ten)
  it appends 0 after a dozen attribute look-ups.
- The authors' ``vaderSentiment`` (:class:`FastReferenceVader`): its emoji pass rebuilds the text one
  character at a time by string concatenation; without an emoji character in the text that pass
  returns the text unchanged, so it is skipped. Same rule-method shortcut as above, and its negation
  and idiom checks lower-case only the words they read, not the whole sentence each time.
- Both VADER tokenisers leave a token with no punctuation at either end as it is, without the
  string work that would find nothing to strip.
- TextBlob (:func:`textblob_polarity`): ``TextBlob(text).sentiment`` builds a blob (with a
  lower-cased, stripped copy of the text) and a new namedtuple class on every call; the pattern
  lexicon call underneath (``textblob.en.sentiment``) gives the same polarity, faster still with
  plain dictionary look-ups in the loaded lexicon (:class:`_LoadedSentiment`).
"""

import functools
import re
import string

from nltk.sentiment.vader import SentiText, SentimentIntensityAnalyzer
from textblob import _text
from textblob.en import sentiment as pattern_sentiment
from vaderSentiment import vaderSentiment as reference

_PUNCTUATION = string.punctuation
_PUNCTUATION_SET = frozenset(string.punctuation)


class FastSentiText(SentiText):
    """NLTK's ``SentiText`` with the same tokens found without the punctuation-product dictionary.

    NLTK maps a token such as ``"good,"`` or ``",good"`` to ``"good"`` through a dictionary holding
    every (punctuation mark, word) pair of the text in both orders: 17 × 2 entries per word, rebuilt
    for every sentence. A token is in that dictionary exactly when it is one entry of ``PUNC_LIST``
    followed (or preceded) by a word of the punctuation-free text longer than one character; since
    such words hold no ``string.punctuation`` character, that entry is the token's whole leading (or
    trailing) run of punctuation, so stripping the run and looking the rest up gives the same token.
    """

    def _words_and_emoticons(self) -> list[str]:
        words_only = None
        marks = self.PUNC_LIST
        out = []
        for token in self.text.split():
            if len(token) <= 1:
                continue
            if token[0] not in _PUNCTUATION_SET and token[-1] not in _PUNCTUATION_SET:
                out.append(token)      # nothing to strip at either end: NLTK keeps it as it is
                continue
            if words_only is None:
                words_only = {w for w in self.REGEX_REMOVE_PUNCTUATION.sub("", self.text).split() if len(w) > 1}
            rest = token.rstrip(_PUNCTUATION)
            if rest != token and token[len(rest):] in marks and rest in words_only:
                token = rest
            else:
                rest = token.lstrip(_PUNCTUATION)
                if rest != token and token[:len(token) - len(rest)] in marks and rest in words_only:
                    token = rest
            out.append(token)
        return out


class FastVader(SentimentIntensityAnalyzer):
    """NLTK's VADER with :class:`FastSentiText` and the unknown-word shortcut: the same scores.

    Build it from an existing analyser (:meth:`like`) so it shares that analyser's lexicon, whatever
    file or additions it was made with.
    """

    @classmethod
    def like(cls, analyser: SentimentIntensityAnalyzer) -> "FastVader":
        """A fast analyser sharing ``analyser``'s lexicon and constants (no file is read)."""
        fast = cls.__new__(cls)
        fast.__dict__.update(analyser.__dict__)
        fast._marks = frozenset(analyser.constants.PUNC_LIST)
        fast._negations = frozenset(analyser.constants.NEGATE)
        return fast

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Same as NLTK's :meth:`SentimentIntensityAnalyzer.polarity_scores` (its body, with the fast
        tokens and the shortcut): ``neg``, ``neu``, ``pos`` and ``compound``.

        NLTK looks each token up at the position of its first occurrence (``first_index``); that
        quirk is kept, since the scores must not change.
        """
        sentitext, lowers, first_index = _read_tokens(text, self._marks, self.constants.REGEX_REMOVE_PUNCTUATION)
        tokens = sentitext.words_and_emoticons
        lexicon, boosters, last = self.lexicon, self.constants.BOOSTER_DICT, len(tokens) - 1
        sentiments: list[float] = []
        for item, lower in zip(tokens, lowers):
            i = first_index[item]
            if (i < last and lower == "kind" and lowers[i + 1] == "of") or lower in boosters \
                    or lower not in lexicon:
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        if "but" in lowers:       # without one, the library's ``_but_check`` changes nothing
            sentiments = self._but_check(tokens, sentiments)
        return self.score_valence(sentiments, text)

    def _never_check(self, valence: float, words_and_emoticons: list[str], start_i: int, i: int) -> float:
        """NLTK's ``_never_check`` with its one-word ``negated`` call inlined (a set instead of a list
        scan, and no ``pairwise`` over a single word)."""
        words = words_and_emoticons
        if start_i == 0:
            if _nltk_negated(self._negations, words[i - 1]):
                valence = valence * self.constants.N_SCALAR
        if start_i == 1:
            if words[i - 2] == "never" and (words[i - 1] == "so" or words[i - 1] == "this"):
                valence = valence * 1.5
            elif _nltk_negated(self._negations, words[i - (start_i + 1)]):
                valence = valence * self.constants.N_SCALAR
        if start_i == 2:
            if (words[i - 3] == "never" and (words[i - 2] == "so" or words[i - 2] == "this")
                    or (words[i - 1] == "so" or words[i - 1] == "this")):
                valence = valence * 1.25
            elif _nltk_negated(self._negations, words[i - (start_i + 1)]):
                valence = valence * self.constants.N_SCALAR
        return valence


@functools.lru_cache(maxsize=4)
def _read_tokens(text: str, marks: frozenset[str], remove_punctuation) -> tuple[FastSentiText, list[str], dict[str, int]]:
    """The tokens of ``text`` as NLTK's VADER reads them, their lower-case forms, and each token's first
    position. Kept for the last few texts because ``vader`` and ``diplomacy`` score the same text one
    after the other (scoring reads these and never changes them)."""
    sentitext = FastSentiText(text, marks, remove_punctuation)
    tokens = sentitext.words_and_emoticons
    first_index: dict[str, int] = {}
    for idx, token in enumerate(tokens):
        first_index.setdefault(token, idx)
    return sentitext, [token.lower() for token in tokens], first_index


def _nltk_negated(negations: frozenset[str], word: str) -> bool:
    """NLTK's ``VaderConstants.negated([word])`` for one word: a negation word, or one holding "n't"."""
    lower = word.lower()
    return lower in negations or "n't" in lower


class FastReferenceVader(reference.SentimentIntensityAnalyzer):
    """The authors' ``vaderSentiment`` analyser with the emoji pass skipped when the text has no emoji
    character, and the unknown-word shortcut: the same scores. Build it with :meth:`like`."""

    @classmethod
    def like(cls, analyser: reference.SentimentIntensityAnalyzer) -> "FastReferenceVader":
        """A fast analyser sharing ``analyser``'s lexicon and emoji table (no file is read)."""
        fast = cls.__new__(cls)
        fast.__dict__.update(analyser.__dict__)
        return fast

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Same as ``vaderSentiment``'s ``polarity_scores``: ``neg``, ``neu``, ``pos``, ``compound``."""
        emojis = self.emojis
        if any(map(emojis.__contains__, set(text))):
            return super().polarity_scores(text)
        text = text.strip()
        sentitext = _ReferenceSentiText(text)
        tokens = sentitext.words_and_emoticons
        lowers = [token.lower() for token in tokens]
        lexicon, boosters, last = self.lexicon, reference.BOOSTER_DICT, len(tokens) - 1
        sentiments: list[float] = []
        for i, lower in enumerate(lowers):
            if lower in boosters or (i < last and lower == "kind" and lowers[i + 1] == "of") \
                    or lower not in lexicon:
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, tokens[i], i, sentiments)
        if "but" in lowers:       # without one, the library's ``_but_check`` changes nothing
            sentiments = self._but_check(tokens, sentiments)
        return self.score_valence(sentiments, text)

    # The library's two checks below lower-case every token of the text on every call (three times
    # per lexicon word) to read at most six of them; these read only those.

    @staticmethod
    def _negation_check(valence: float, words_and_emoticons: list[str], start_i: int, i: int) -> float:
        """``vaderSentiment``'s ``_negation_check``, lower-casing only the words it reads."""
        def low(k: int) -> str:
            return str(words_and_emoticons[k]).lower()

        if start_i == 0:
            if _reference_negated(low(i - (start_i + 1))):
                valence = valence * reference.N_SCALAR
        if start_i == 1:
            if low(i - 2) == "never" and (low(i - 1) == "so" or low(i - 1) == "this"):
                valence = valence * 1.25
            elif low(i - 2) == "without" and low(i - 1) == "doubt":
                pass
            elif _reference_negated(low(i - (start_i + 1))):
                valence = valence * reference.N_SCALAR
        if start_i == 2:
            if low(i - 3) == "never" and (low(i - 2) == "so" or low(i - 2) == "this") or \
                    (low(i - 1) == "so" or low(i - 1) == "this"):
                valence = valence * 1.25
            elif low(i - 3) == "without" and (low(i - 2) == "doubt" or low(i - 1) == "doubt"):
                pass
            elif _reference_negated(low(i - (start_i + 1))):
                valence = valence * reference.N_SCALAR
        return valence

    @staticmethod
    def _special_idioms_check(valence: float, words_and_emoticons: list[str], i: int) -> float:
        """``vaderSentiment``'s ``_special_idioms_check``, lower-casing only the words it reads."""
        words = words_and_emoticons
        w3, w2, w1, w0 = (str(words[k]).lower() for k in (i - 3, i - 2, i - 1, i))
        onezero, twoonezero, twoone = f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}"
        threetwoone, threetwo = f"{w3} {w2} {w1}", f"{w3} {w2}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in reference.SPECIAL_CASES:
                valence = reference.SPECIAL_CASES[seq]
                break
        if len(words) - 1 > i:
            zeroone = f"{w0} {str(words[i + 1]).lower()}"
            if zeroone in reference.SPECIAL_CASES:
                valence = reference.SPECIAL_CASES[zeroone]
        if len(words) - 1 > i + 1:
            zeroonetwo = f"{w0} {str(words[i + 1]).lower()} {str(words[i + 2]).lower()}"
            if zeroonetwo in reference.SPECIAL_CASES:
                valence = reference.SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in reference.BOOSTER_DICT:
                valence = valence + reference.BOOSTER_DICT[n_gram]
        return valence


class _ReferenceSentiText(reference.SentiText):
    """``vaderSentiment``'s ``SentiText``; a token with no punctuation at either end (most words) is
    kept without the strip call, which would return it unchanged."""

    def _words_and_emoticons(self) -> list[str]:
        strip = self._strip_punc_if_word
        return [token if token[0] not in _PUNCTUATION_SET and token[-1] not in _PUNCTUATION_SET else strip(token)
                for token in self.text.split()]


_REFERENCE_NEGATIONS = frozenset(reference.NEGATE)


def _reference_negated(lower: str) -> bool:
    """``vaderSentiment.negated([word])`` for one lower-cased word."""
    return lower in _REFERENCE_NEGATIONS or "n't" in lower


def pattern_tokens(string: str) -> list[str]:
    """pattern's ``find_tokens`` (what TextBlob's sentiment tokenises with), with the same output.

    A copy of ``textblob._text.find_tokens`` (pattern, BSD licence) with its default arguments and
    three shortcuts that change no result: the contraction and line-end replacements are literal, so
    they run as ``str.replace`` and only when the text holds them; the paragraph-break pass runs only
    when the text has a newline; and a token with no punctuation at either end (most words) skips
    the loops that peel punctuation off. ``tests/test_fastscore.py`` compares it with pattern's.
    """
    for a, b in _text.replacements.items():
        if a in string:
            string = string.replace(a, b)
    string = (string.replace("\u201c", " \u201c ").replace("\u201d", " \u201d ").replace("\u2018", " \u2018 ")
              .replace("\u2019", " \u2019 ").replace("'", " ' ").replace('"', ' " '))
    if "\r\n" in string:
        string = string.replace("\r\n", "\n")
    if "\n" in string:
        string = _LINEBREAK.sub(" %s " % _text.EOS, string)
    string = _WHITESPACE.sub(" ", string)
    replace, abbreviations = _text.replacements, _text.ABBREVIATIONS
    tokens: list[str] = []
    for t in _text.TOKEN.findall(string + " "):
        if t[0] not in _LEADING and t[-1] not in _TRAILING:
            tokens.append(t)
            continue
        tail = []
        while t.startswith(_PUNCT) and t not in replace:
            tokens.append(t[0])
            t = t[1:]
        while t.endswith(_PUNCT_DOT) and t not in replace:
            if t.endswith(_PUNCT):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (t in abbreviations or _text.RE_ABBR1.match(t) is not None
                        or _text.RE_ABBR2.match(t) is not None or _text.RE_ABBR3.match(t) is not None):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    sentences, i, j = [[]], 0, 0
    while j < len(tokens):
        if tokens[j] in ("...", ".", "!", "?", _text.EOS):
            while j < len(tokens) and tokens[j] in ("'", '"', "\u201d", "\u2019", "...", ".", "!", "?", ")", _text.EOS):
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != _text.EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    joined = (_text.RE_SARCASM.sub("(!)", " ".join(s)) for s in sentences if len(s) > 0)
    return [_text.RE_EMOTICONS.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s) for s in joined]


#: pattern's punctuation marks without the period (its ``find_tokens`` peels the period separately).
_PUNCT = tuple(_text.PUNCTUATION.replace(".", ""))
_PUNCT_DOT = _PUNCT + (".",)
_LEADING, _TRAILING = frozenset(_PUNCT), frozenset(_PUNCT_DOT)
_LINEBREAK = re.compile(r"\n{2,}")
_WHITESPACE = re.compile(r"\s+")


class _LoadedSentiment(type(pattern_sentiment)):
    """pattern's sentiment lexicon with plain ``dict`` look-ups and :func:`pattern_tokens`.

    The lexicon is a ``lazydict``: every ``word in lexicon`` and ``lexicon[word]`` goes through a
    Python method that checks whether the file is loaded yet, for every word of every text (about a
    quarter of TextBlob's scoring time). This copy holds the loaded entries and looks them up as a
    ``dict`` does; everything else (negations, modifiers, the scoring code) is pattern's.
    """

    __contains__ = dict.__contains__
    __getitem__ = dict.__getitem__

    @classmethod
    def like(cls, lexicon) -> "_LoadedSentiment":
        len(lexicon)                           # loads the XML file if nothing has yet
        fast = cls.__new__(cls)
        dict.update(fast, dict.items(lexicon))
        fast.__dict__.update(lexicon.__dict__)
        fast.tokenizer = pattern_tokens
        return fast


_PATTERN = _LoadedSentiment.like(pattern_sentiment)


def textblob_polarity(text: str) -> float:
    """TextBlob's polarity of ``text`` (``TextBlob(text).sentiment.polarity``) without building a blob,
    with plain look-ups in pattern's lexicon and its tokeniser's shortcuts (:class:`_LoadedSentiment`)."""
    return float(_PATTERN(text)[0])
