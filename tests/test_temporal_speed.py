"""Tests for the speed-ups of lib.timeline.tagger: they must not change a single tag.

The prefilter (``tagger.RULE_NEEDS``, derived from each rule's pattern by ``tagger.required_literals``)
skips the rules that cannot match a sentence. It is exact only if every match of a rule consumes a
string of each of the rule's clauses, in the span as folded by ``tagger._fold`` (the letters that
IGNORECASE equates with ASCII ones replaced, then lower-cased). Checked four ways: the derivation on
small patterns with known answers; the tagger with and without the prefilter on every text we have
(TimeBank's too, where ../shared is present) plus a stress text; every match of every rule on those
texts against that rule's clauses; and the fold against every Unicode code point.
``tag_articles`` (sentence found by bisection) is checked against the plain per-expression look-up it
replaced.
"""

import datetime as dt
import re
import sys

import pandas as pd
import pytest

from lib.core import paths
from lib.corpus import load, segment
from lib.timeline import tagger

SYNTHETIC = paths.ROOT / "tests" / "fixtures" / "synthetic_corpus"
LETTERS = "abcdefghijklmnopqrstuvwxyz"

#: Phrases for every rule, written so that each one is also tried in capitals, title case, lower
#: case and with the letters that IGNORECASE equates with ASCII ones (see :func:`variants`).
STRESS_PHRASES = [
    "on Friday, June 18", "Wednesday 16 June 2021", "Monday, Oct. 5, 1998", "Sunday the 3rd of January",
    "third-quarter", "June last year", "January of this year", "the nineties", "the nineteen-sixties",
    "over the weekend", "the latest quarter", "the year-ago period", "year-earlier", "a year earlier",
    "two days later", "last night", "years ago", "the following year", "the next couple of years",
    "on June 11-14, 2021", "June 11\u201314", "on May 3, 1967", "14 June 2021", "the 3rd of Sept. 2020",
    "on Aug. 5.", "Dec. 24 at 9", "in mid-July", "early March 2011", "March of 2019", "this April",
    "last Oct.", "since January", "In May", "through Feb.", "Christmas Eve", "New Year\u2019s Day 2022",
    "New Year's Eve", "Valentine's Day", "May Day", "Good Friday", "Black Friday 2019", "Easter Sunday",
    "Easter", "Thanksgiving", "Labor Day", "Memorial Day", "Election Day", "Bastille Day", "Halloween",
    "Boxing Day", "Independence Day", "Christmas Day", "this spring", "later this summer",
    "the autumn of 2017", "last winter", "next fall", "the fall of 1989", "the first quarter of 2021",
    "the second half", "last quarter", "Q3 2020", "Q1", "fiscal 2022", "financial year 2021", "FY2020",
    "FY 2019", "the 1990s", "the early 2000's", "the late 1980\u2019s", "mid-1970s", "the 21st century",
    "the twentieth century", "in early 1991", "in 2021.", "1999", "late 1870", "Wednesday", "last Monday",
    "next Friday evening", "Sunday night", "this Tuesday", "Thursdays", "today", "yesterday", "tomorrow",
    "tonight", "later this morning", "earlier this afternoon", "this evening", "this week",
    "last weekend", "next month", "past year", "previous decade", "earlier this year",
    "the end of the month", "the end of the week", "two years ago", "a decade ago",
    "several centuries ago", "three hours ago", "a few weeks ago", "in 10 days", "in two months",
    "in a decade", "at the time", "around that time", "that year", "the same year",
    "the following day", "the next day", "the day before", "the past five years", "the last few months",
    "the coming week", "the first 100 days", "more than a decade", "at least two years", "almost 20 years",
    "up to three weeks", "some 40 minutes", "a 12-hour", "two centuries", "a couple of weeks",
    "for years", "for decades", "for centuries", "8 p.m.", "10:30 am", "7pm", "11 A.M.", "noon",
    "midnight", "every Monday", "each year", "every day", "annually", "yearly", "now", "currently",
    "nowadays", "at present", "recently", "lately", "recent years", "recent decades", "in the past,",
    "the past when", "soon", "anytime soon", "very soon", "the future", "the near future",
    "the foreseeable future", "upon its expiry", "upon their expiry",
]

#: Characters that ``re.IGNORECASE`` equates with an ASCII letter although ``lower()`` keeps them apart.
ODD_CASE = {"i": ["\u0131", "\u0130"], "s": ["\u017f"], "k": ["\u212a"]}


def variants(phrase: str) -> list[str]:
    """The phrase as written, in capitals, lower and title case, and with each odd-case letter swapped
    in (every occurrence, in turn), so that IGNORECASE rules match text that ``lower()`` would miss."""
    out = [phrase, phrase.upper(), phrase.lower(), phrase.title()]
    for ascii_letter, others in ODD_CASE.items():
        for other in others:
            for form in (phrase, phrase.lower()):
                if ascii_letter in form:
                    out.append(form.replace(ascii_letter, other))
    return list(dict.fromkeys(out))


STRESS_TEXT = "\n".join(f"It was said that {v} and it changed." for p in STRESS_PHRASES for v in variants(p))


def all_texts() -> dict[str, list[tuple[str, list[tuple[int, int]]]]]:
    """Every text we have, with the spans to tag in it: the whole text, and for articles also their
    body sentences (what the tagger is given in the pipeline)."""
    out: dict[str, list] = {}
    for name, folder in (("articles", paths.ROOT / "corpus"), ("synthetic", SYNTHETIC)):
        arts = load.load(folder)
        sents = segment.sentences(arts)
        out[name] = [(art.text, [(0, len(art.text))]) for art in arts.itertuples()]
        out[name] += [(art.text, list(zip(g["start"], g["end"])))
                      for art in arts.itertuples() for _doc, g in [(art.doc_id, sents[sents["doc_id"] == art.doc_id])]]
    annotations = paths.ROOT / "corpus" / "annotations"
    passages = tagger.read_annotation("timex_heldout_passages.csv", annotations)
    out["held-out passages"] = [(text, [(0, len(text))]) for text in passages["text"]]
    for gold in ("timex_gold.csv", "timex_heldout_gold.csv"):
        table = tagger.read_annotation(gold, annotations)
        out[gold] = [(text, [(0, len(text))]) for text in table["text"]]
        out[gold] += [(text, [(0, len(text))]) for text in table["note"] if text]
    lines = STRESS_TEXT.split("\n")
    out["stress"] = [(STRESS_TEXT, [(0, len(STRESS_TEXT))])] + [(line, [(0, len(line))]) for line in lines]
    return out


TEXTS = all_texts()


def described(cands: list) -> list[tuple]:
    """What a candidate list says, comparable across runs (match objects themselves are not): spans,
    rule, and where each group matched (a case-insensitive rule matches the folded text, so its
    groups hold the folded words; the normalisers fold what they read)."""
    return [(s, e, order, m.span(), {g: m.span(g) for g in m.re.groupindex}) for s, e, order, m in cands]


def test_the_stress_text_exercises_every_rule():
    # Otherwise the per-rule check below could pass without ever looking at a rule.
    matched = {name for name, pattern, _fn in tagger.RULES if pattern.search(STRESS_TEXT)}
    assert matched == {name for name, _pattern, _fn in tagger.RULES}
    assert "\u017f" in STRESS_TEXT and "\u0131" in STRESS_TEXT and "\u0130" in STRESS_TEXT


@pytest.mark.parametrize("source", list(TEXTS))
def test_candidates_are_the_same_with_and_without_the_prefilter(source):
    n = 0
    for text, spans in TEXTS[source]:
        for start, end in spans:
            fast = tagger._candidates(text, start, end)
            assert described(fast) == described(tagger._candidates(text, start, end, prefilter=False))
            n += len(fast)
    assert n > 0


@pytest.mark.parametrize("source", list(TEXTS))
def test_tags_are_the_same_with_and_without_the_prefilter(source, monkeypatch):
    fast = [tagger.tag(text, dt.date(2021, 6, 16), spans) for text, spans in TEXTS[source]]
    full = tagger._candidates
    monkeypatch.setattr(tagger, "_candidates", lambda *args, **kwargs: full(*args, **{**kwargs, "prefilter": False}))
    assert fast == [tagger.tag(text, dt.date(2021, 6, 16), spans) for text, spans in TEXTS[source]]
    assert sum(len(tags) > 0 for tags in fast) > 0


def test_words_that_ignorecase_matches_are_normalised_like_their_ascii_spelling():
    """The rules match "\u017fpring" or "th\u0131s week" (re.IGNORECASE equates those letters with
    s and i); the normalisers look matched words up folded the same way, so they give the values of
    the plain spelling instead of failing."""
    dct = dt.date(2021, 6, 16)
    for odd, plain in [("\u017fpring", "spring"), ("th\u0131s week", "this week"), ("f\u0130rst quarter", "first quarter"),
                       ("ye\u017fterday", "yesterday"), ("\u017fUMMER of 2020", "summer of 2020")]:
        tags = tagger.tag(f"It happened {odd}.", dct)
        assert [(t.type, t.value) for t in tags] == [(t.type, t.value) for t in tagger.tag(f"It happened {plain}.", dct)]
        assert len(tags) == 1, odd


def test_the_day_before_a_year_is_no_day_and_no_crash():
    dct = dt.date(2021, 6, 16)
    assert [t.value for t in tagger.tag("In 2031 they met, and the day before they spoke.", dct)] == ["2031"]
    assert [t.value for t in tagger.tag("On June 3, 2021 they met; the day before they spoke.", dct)] == [
        "2021-06-03", "2021-06-02"]


def test_every_match_of_every_rule_consumes_a_string_of_each_of_its_clauses():
    seen = {name: 0 for name in tagger.RULE_NEEDS}
    for texts in TEXTS.values():
        for text, spans in texts:
            for start, end in spans:
                for name, pattern, _fn in tagger.RULES:
                    for m in pattern.finditer(text, start, end):
                        folded = tagger._fold(m.group())
                        for clause in tagger.RULE_NEEDS[name]:
                            assert any(need in folded for need in clause), (name, m.group(), sorted(clause))
                        seen[name] += 1
    assert all(seen.values()), [name for name, n in seen.items() if not n]


def test_every_match_of_every_rule_begins_with_one_of_its_start_literals():
    # What makes the locators exact (``tagger._finditer``): a match never begins elsewhere.
    seen = {name: 0 for name, *_ in tagger.RULES}
    for texts in TEXTS.values():
        for text, spans in texts:
            for start, end in spans:
                for (name, pattern, _fn), (_needs, starts) in zip(tagger.RULES, tagger._RULE_LITERALS):
                    for m in pattern.finditer(text, start, end):
                        seen[name] += 1
                        if starts is not None:
                            assert tagger._fold(m.group()).startswith(tuple(starts)), (name, m.group())
    assert all(seen.values()), [name for name, n in seen.items() if not n]


def test_located_matches_are_the_matches_of_finditer():
    for texts in TEXTS.values():
        for text, spans in texts:
            folded = tagger._fold(text)
            for start, end in spans:
                for order, (pattern, on_folded) in enumerate(tagger._MATCHERS):
                    string = folded if on_folded else text
                    located = tagger._finditer(pattern, tagger._LOCATORS[order], string, start, end)
                    assert [m.span() for m in located] == [m.span() for m in pattern.finditer(string, start, end)]


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"\b(?P<m>May|June)\s+\d+", 0, {"may", "jun"}),
    (r"\b(?:(?:early|mid)[- ])?(?P<y>1[89]\d\d)\b", 0, {"ear", "mid", "18", "19"}),
    (r"\b(?:(?P<rel>last|next)\s+)?(?P<w>Monday|Friday)", 0, {"las", "nex", "mon", "fri"}),
    (r"(?<![$\d])\bQ[1-4]\b", 0, {"q1", "q2", "q3", "q4"}),
    (r"\b\s*(?:about\s+)?\d+\s+days", 0, None),     # may begin with a space or any digit: anywhere
    (r"\b(?:now|currently)?", 0, None),                  # may be empty
])
def test_start_literals_are_read_from_the_pattern(pattern, flags, expected):
    assert tagger.start_literals(re.compile(pattern, flags)) == expected


def test_the_literal_table_is_the_derivation_from_the_rules():
    """lib/timeline/rule_literals.py saves the start-up cost of reading the rules' parse trees; it must
    hold every rule, as the derivation gives it now (else regenerate it: tagger.write_literal_table())."""
    from lib.timeline import rule_literals

    assert (paths.ROOT / "lib" / "timeline" / "rule_literals.py").read_text(encoding="utf-8") == tagger.literal_table()
    assert list(rule_literals.LITERALS) == [name for name, *_ in tagger.RULES]
    for name, pattern, _fn in tagger.RULES:
        assert tagger._literals(name, pattern) == (tagger.required_literals(pattern), tagger.start_literals(pattern))


def test_a_changed_rule_is_derived_again_not_read_from_a_stale_table(monkeypatch):
    from lib.timeline import rule_literals

    monkeypatch.setitem(rule_literals.LITERALS, "fortnight", (r"\bfortnight\b", 0, (("x",),), ("x",)))
    assert tagger._literals("fortnight", re.compile(r"\bFortnight\b")) == ((frozenset({"fortnight"}),),
                                                                               frozenset({"for"}))


def test_present_needs_finds_every_need_that_occurs():
    # The prefilter checks longer needs ("monday") only when a need they contain ("day") occurs.
    for texts in TEXTS.values():
        for text, spans in texts:
            for start, end in spans:
                folded = tagger._fold(text[start:end])
                assert tagger._present_needs(folded) == {n for n in tagger._ALL_NEEDS if n in folded}


def test_every_rule_has_needs_derived_from_its_pattern_in_folded_form():
    assert list(tagger.RULE_NEEDS) == [name for name, _pattern, _fn in tagger.RULES]
    for name, clauses in tagger.RULE_NEEDS.items():
        assert clauses, name   # every rule today has a literal the prefilter can look for
        assert all(need and need == tagger._fold(need) for clause in clauses for need in clause), name


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"\bfortnight\b", 0, [{"fortnight"}]),
    (r"\b(?:next|last)\s+Fortnight", 0, [{"next", "last"}, {"fortnight"}]),
    (r"Q[1-4]\b", 0, [{"q1", "q2", "q3", "q4"}]),
    (r"(?:early\s+)?(?P<m>May|June)", re.IGNORECASE, [{"may", "june"}]),
    (r"today|yesterday|this\s+(?:morning|evening)", 0,
     [{"today", "yesterday", "this"}, {"today", "yesterday", "morning", "evening"}]),
    (r"\d+(?=\s+days)", 0, []),                   # a lookahead consumes nothing: no need
    (r"(?<!as\s)soon(?!\s+after)", 0, [{"soon"}]),
    (r"\d{4}|[a-z]+", 0, []),                      # no literal in one branch: the alternation has none
    (r"new\ year['\u2019]s", 0, [{"new year's", "new year\u2019s"}]),
])
def test_needs_are_read_from_the_pattern(pattern, flags, expected):
    assert [set(c) for c in tagger.required_literals(re.compile(pattern, flags))] == expected


def test_the_fold_maps_every_character_ignorecase_equates_with_a_letter_to_that_letter():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    equated = {m.group() for pattern in ["[a-z]", *LETTERS] for m in re.finditer(pattern, everything, re.IGNORECASE)}
    for c in equated:
        folded = tagger._fold(c)
        assert [folded] == [x for x in LETTERS if re.fullmatch(x, c, re.IGNORECASE)], hex(ord(c))
    assert len(equated) > 2 * 26   # both cases of the ASCII letters, and the odd ones


def test_a_missing_fold_would_be_caught():
    # Without the fold, "ſpring" (long s) matches the IGNORECASE season rule but lower() finds no "spring".
    assert tagger.RULES[[n for n, *_ in tagger.RULES].index("season")][1].search("this \u017fpring")
    assert "spring" not in "this \u017fpring".lower()
    assert "spring" in tagger._fold("this \u017fpring")
    assert [t.value for t in tagger.tag("It will end \u017foon.", dt.date(2021, 6, 16))] == ["FUTURE_REF"]


def plain_tag_articles(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``tag_articles`` as it was: the sentence table filtered per article and per expression."""
    rows = []
    for art in articles.itertuples():
        if not isinstance(art.published, str) or not art.published:
            continue
        sents = sentences[sentences["doc_id"] == art.doc_id]
        for timex in tagger.tag(art.text, dt.date.fromisoformat(art.published), list(zip(sents["start"],
                                                                                            sents["end"]))):
            sent_id = int(sents.loc[(sents["start"] <= timex.start) & (sents["end"] >= timex.end), "sent_id"].iloc[0])
            rows.append(dict(doc_id=art.doc_id, sent_id=sent_id, **timex._asdict()))
    return pd.DataFrame(rows, columns=tagger.TIMEX_COLUMNS)


@pytest.mark.parametrize("folder", [paths.ROOT / "corpus", SYNTHETIC], ids=["articles", "synthetic"])
def test_tag_articles_equals_the_plain_look_up(folder):
    arts = load.load(folder)
    sents = segment.sentences(arts)
    table = tagger.tag_articles(arts, sents)
    assert len(table) > 10
    pd.testing.assert_frame_equal(table, plain_tag_articles(arts, sents))
    # Sentences out of order (bisection cannot be used): still the same table.
    shuffled = sents.sample(frac=1, random_state=20210616)
    pd.testing.assert_frame_equal(tagger.tag_articles(arts, shuffled), plain_tag_articles(arts, shuffled))


def test_tag_articles_without_a_date_or_sentences():
    arts = load.load(paths.ROOT / "corpus")
    sents = segment.sentences(arts)
    undated = arts.assign(published="")
    pd.testing.assert_frame_equal(tagger.tag_articles(undated, sents), plain_tag_articles(undated, sents))
    # An article without body sentences has no expressions (the plain look-up raised IndexError here,
    # because ``tag`` given no spans tags the whole text and no sentence contains what it finds).
    assert tagger.tag_articles(arts, sents.iloc[:0]).empty
    no_first = sents[sents["doc_id"] != arts["doc_id"].iloc[0]]
    pd.testing.assert_frame_equal(tagger.tag_articles(arts, no_first),
                                  plain_tag_articles(arts.iloc[1:], no_first))
