"""Find temporal expressions in English news text and normalise them to TIMEX3 values.

A temporal expression is a phrase that names a time: a date ("June 16", "April 2021"), a relative
date ("Wednesday", "last week", "two years ago"), a time of day ("8 p.m."), a duration ("more than
a decade") or a set of repeated times ("every Monday"). TIMEX3 is the standard way to write what it
means: ``2021-06-16``, ``2021-04``, ``2021-W23``, ``P10Y``, ``PAST_REF`` and so on.

Relative expressions are resolved against the *document creation time* (DCT), the day the text was
published, or against the previous expression when the text says so ("at the time", "that year").

The tagger is a list of readable rules in the spirit of HeidelTime (Strötgen and Gertz): each rule
is a regular expression plus a small function that computes the value. Every rule has a name, and
every match keeps the name, so an error can be traced to the rule that made it. Matches that
overlap are resolved by keeping the longest ("last week" beats "week"; "June 11-14" beats "June 11").

Year-less dates ("June 16", "in April", "Wednesday") are placed in the year (or week) that the
tense of the surrounding words points to: a past-tense verb near the expression picks the latest
candidate on or before the DCT, a future marker ("will", "is due to", "set to", "next") the earliest
on or after it, and with no cue the earlier candidate unless the later one is more than twice as
close (news reports the past more often than the future). A verb of saying counts only right
before the expression ("said Friday"): in "they will meet on June 16, officials said" the meeting is
ahead. A weekday followed by its date ("Friday, June 18") is one expression, and the weekday picks
the year in which that date falls on it. This is why "June 16" in an article of 4 June 2021 is
2021-06-16 and not 2020-06-16, and why "will meet on Wednesday" points ahead.

Known limits (see notebook 02 and benchmarks/README.md, which scores the tagger on TimeBank): no
parsing, so tense is read from nearby words, not from the verb that governs the expression; generic
uses ("what they are today") cannot be told from deictic ones.
"""

import argparse
import bisect
import calendar
import csv
import datetime as dt
import functools
import os
import re
import sys
from collections.abc import Callable
from re import _constants as _c
from re import _parser
from collections import namedtuple

from ..core.errors import InputError
from . import rule_literals

# pandas (and lib.core.annotations, which reads tables with it), pathlib and lib.core.paths are imported
# inside the functions that make tables: ``python -m lib timex`` needs only the rules, and loading pandas
# would take most of its start-up time (see benchmarks/README.md). ``TYPE_CHECKING`` is typing's flag without importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

# ----------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({"Sept": 9})
MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name and name != "May"})
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
        r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)"
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}   # Monday = 0
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
VAGUE_NUMBERS = r"(?:a few|few|several|a number of|many|some|a couple of)"
NUMBER = r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
#: unit word -> (TIMEX3 duration letter, how many of that unit, calendar granularity)
UNITS = {
    "day": ("D", 1, "day"), "week": ("W", 1, "week"), "month": ("M", 1, "month"),
    "year": ("Y", 1, "year"), "decade": ("Y", 10, "year"), "century": ("Y", 100, "year"),
    "hour": ("H", 1, "time"), "minute": ("M", 1, "time"), "quarter": ("Q", 1, "quarter"),
}
#: "quarter of"/"quarters of" is a share ("a quarter of the votes"), not a time.
UNIT = r"(?:day|week|month|quarter(?!s?\s+of\b)|year|decade|centur(?:y|ie)|hour|minute)"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
            "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
            "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}   # a month inside each season, to order them
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
DASH = r"\s*[-\u2013\u2014]\s*"

#: Words near an expression that say the text looks back (past) or ahead (future).
FUTURE_CUES = re.compile(
    r"\b(?:will|shall|won't|'ll|\u2019ll|is to|are to|is due|are due|due to|going to|set to|scheduled|"
    r"planned|plans? to|expects?|expected|upcoming|coming|hopes? to|intends? to|next|payable)\b", re.IGNORECASE)
PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|met|began|took|held|made|came|went|told|left|rose|fell|won|lost|"
    r"brought|bought|sold|paid|gave|got|became|grew|saw|knew|thought|found|kept|led|ran|spent|stood|struck|"
    r"wrote|sent|built|spoke|chose|drove|flew|fought|caught|sought|ago|last|since|earlier|already|[a-z]{3,}ed)\b",
    re.IGNORECASE)
#: Verbs that report speech: they give the time of the saying, not of what is said ("Saddam said he
#: will withdraw on Friday"), so they count as a cue only right before the expression ("said Friday").
REPORTING = {"said", "told", "added", "announced", "reported", "stated", "noted", "declared"}
#: How close (in characters, from the end of the verb to the expression) a reporting verb must be to
#: count: "said Friday", "said on Friday", "told reporters Friday".
REPORTING_REACH = 16
NOT_PAST = {"need", "needed", "speed", "seed", "feed", "exceed", "proceed", "indeed", "hundred"}


class Timex(namedtuple("Timex", "start end text type value anchor rule range_start range_end", defaults=("", ""))):
    """One temporal expression: offsets into the tagged text, TIMEX3 type and value, and provenance.

    ``anchor`` is ``DCT`` (resolved against the publication date), ``previous`` (against an earlier
    expression) or ``absolute`` (no anchor needed). ``rule`` names the rule that matched. For a range
    ("June 11-14") ``range_start``/``range_end`` give its first and last day.

    A named tuple rather than a dataclass: importing ``dataclasses`` (and ``inspect`` with it) was a
    tenth of the command line's start-up (benchmarks/README.md). ``timex._asdict()`` gives its fields.
    """

    __slots__ = ()


# ----------------------------------------------------------------------------------------------
# Calendar helpers
# ----------------------------------------------------------------------------------------------

def number(word: str) -> int | None:
    """'3' -> 3, 'three' -> 3, 'a' -> 1, 'a couple of' -> 2; vague quantities ('several') -> None."""
    word = " ".join(_fold(word).split())
    if word.isdigit():
        return int(word)
    if word in ("a couple of", "couple of"):
        return 2
    return NUMBER_WORDS.get(word)


def unit_key(word: str) -> str:
    """The key of :data:`UNITS` for a matched unit word ('centurie' of 'centuries' -> 'century')."""
    word = _fold(word)
    return "century" if word.startswith("centur") else word


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (clipped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def week_value(day: dt.date) -> str:
    """ISO week in TIMEX3 form: 2021-W24."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift(dct: dt.date, amount: int, unit: str) -> str:
    """The TIMEX3 value ``amount`` units after (negative: before) the DCT, at the unit's granularity."""
    _, size, _ = UNITS[unit]
    if unit == "day":
        return (dct + dt.timedelta(days=amount)).isoformat()
    if unit == "week":
        return week_value(dct + dt.timedelta(weeks=amount))
    if unit == "month":
        return add_months(dct, amount).strftime("%Y-%m")
    if unit == "quarter":
        year, quarter = divmod(dct.year * 4 + (dct.month - 1) // 3 + amount, 4)
        return f"{year}-Q{quarter + 1}"
    return str(dct.year + amount * size)


#: Where a sentence ends, as far as tense cues go: a stop, question or exclamation mark or semicolon
#: before a space, or a line break. ``_LAST_BOUNDARY`` finds the last one before a position by
#: backtracking from it, so the cost is the sentence's length, not the text's.
_BOUNDARY = re.compile(r"[.?!;] |\n")
_LAST_BOUNDARY = re.compile(r"(?s:.*)([.?!;] |\n)")


def tense(text: str, start: int, end: int, reach: int | None = 60) -> str | None:
    """'past', 'future' or None: the nearest tense cue to ``text[start:end]`` in its sentence.

    ``reach`` limits how far (in characters) to look on either side; None looks at the whole
    sentence, which suits weekday names (they are almost always governed by the main verb).
    """
    last = _LAST_BOUNDARY.match(text, 0, start)
    left = last.start(1) + 1 if last else 0
    following = _BOUNDARY.search(text, end)
    right = following.start() if following else len(text)
    if reach is not None:
        left, right = max(left, start - reach), min(right, end + reach)
    best: tuple[int, str] | None = None
    for pattern, label in ((FUTURE_CUES, "future"), (PAST_CUES, "past")):
        for span in ((left, start), (end, right)):
            for m in pattern.finditer(text, *span):
                word = m.group(0)
                if label == "past" and (_fold(word) in NOT_PAST or (word[0].isupper() and word.endswith("ed"))):
                    continue   # 'needed' is no past cue, nor is a name such as 'United'
                distance = start - m.end() if m.end() <= start else m.start() - end
                if _fold(word) in REPORTING and not (m.end() <= start and distance <= REPORTING_REACH):
                    continue   # 'officials said' after the expression, or far before it

                if best is None or distance < best[0]:
                    best = (distance, label)
    return best[1] if best else None


#: With no tense cue the earlier candidate wins unless the later one is this many times closer: news
#: reports what happened more often than what will happen ("in March", written in October, is the
#: March before; "June 16", written on 4 June, is twelve days ahead).
PAST_BIAS = 2


def side(back: int, ahead: int, direction: str | None) -> str:
    """``back`` or ``ahead``: which candidate to take, given how many days each lies from the DCT and
    the tense cue: a past cue takes the one before, a future cue the one after, and with no cue see
    :data:`PAST_BIAS`."""
    if direction in ("past", "future"):
        return "back" if direction == "past" else "ahead"
    return "back" if back <= PAST_BIAS * ahead else "ahead"


def pick_year(dct: dt.date, make: Callable[[int], dt.date], direction: str | None) -> dt.date:
    """Choose among the candidates one year either side of the DCT's year (see the module docstring
    and :func:`side`): the latest on or before the DCT, or the earliest after it.

    ``make(year)`` builds a ``datetime.date`` standing for the candidate (its first day).
    """
    candidates = [make(dct.year + k) for k in (-1, 0, 1)]
    back = max(c for c in candidates if c <= dct)
    ahead = min(c for c in candidates if c >= dct)
    return back if side((dct - back).days, (ahead - dct).days, direction) == "back" else ahead


def pick_year_for_span(dct: dt.date, first: Callable[[int], dt.date], last: Callable[[int], dt.date],
                       direction: str | None) -> int:
    """Year for a year-less period that runs from ``first(year)`` to ``last(year)`` (dates).

    A period that contains the DCT is always this year's; otherwise the last one ended before the
    DCT or the first one begun after it, as :func:`side` says.
    """
    years = (dct.year - 1, dct.year, dct.year + 1)
    for year in years:
        if first(year) <= dct <= last(year):
            return year
    back = max(y for y in years if last(y) < dct)
    ahead = min(y for y in years if first(y) > dct)
    return back if side((dct - last(back)).days, (first(ahead) - dct).days, direction) == "back" else ahead


def month_last_day(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = month_last_day(year, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


#: Named days common in English news: name -> function(year) -> date.
HOLIDAYS = {
    "New Year's Day": lambda y: dt.date(y, 1, 1), "New Year's Eve": lambda y: dt.date(y, 12, 31),
    "Valentine's Day": lambda y: dt.date(y, 2, 14), "May Day": lambda y: dt.date(y, 5, 1),
    "Independence Day": lambda y: dt.date(y, 7, 4), "Bastille Day": lambda y: dt.date(y, 7, 14),
    "Halloween": lambda y: dt.date(y, 10, 31), "Christmas Eve": lambda y: dt.date(y, 12, 24),
    "Christmas Day": lambda y: dt.date(y, 12, 25), "Christmas": lambda y: dt.date(y, 12, 25),
    "Boxing Day": lambda y: dt.date(y, 12, 26), "Easter Sunday": easter, "Easter": easter,
    "Good Friday": lambda y: easter(y) - dt.timedelta(days=2),
    "Memorial Day": lambda y: nth_weekday(y, 5, 0, -1), "Labor Day": lambda y: nth_weekday(y, 9, 0, 1),
    "Thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "Black Friday": lambda y: nth_weekday(y, 11, 3, 4) + dt.timedelta(days=1),
    "Election Day": lambda y: nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
}


# ----------------------------------------------------------------------------------------------
# Rules: (name, pattern, normaliser). A normaliser gets the match and the context and returns
# (type, value, anchor[, range_start, range_end]) or None to reject the match.
# ----------------------------------------------------------------------------------------------

#: What a normaliser returns: (type, value, anchor) or (type, value, anchor, range_start, range_end),
#: or None to reject the match.
Normalised = tuple[str, ...] | None


class Context:
    """What a normaliser may look at: the whole text, the DCT and the last resolved date."""

    def __init__(self, text: str, dct: dt.date):
        self.text = text
        self.dct = dct
        self.previous = ""            # value of the last calendar DATE found (for "at the time", "that year")
        self.previous_last_day = ""   # last day it covers, for "the following day"
        self.previous_end = -1        # where it ended in the text


def span_of(m: re.Match) -> tuple[int, int]:
    """The part of a match that is the expression: group ``t`` (or ``t2``) where a rule has one.

    Some rules match a preposition for context ("in May") but tag only what follows it; tense is
    read around the tagged part so the preposition ("since") counts as a cue.
    """
    for group in ("t", "t2"):
        if group in m.re.groupindex and m[group]:
            return m.span(group)
    return m.span()


def _tense(m: re.Match, ctx: Context, reach: int | None = 60) -> str | None:
    return tense(ctx.text, *span_of(m), reach=reach)


def _year_less_day(m: re.Match, ctx: Context, month: int, day: int) -> dt.date:
    direction = _tense(m, ctx)
    chosen = pick_year(ctx.dct, lambda y: _safe_date(y, month, day), direction)
    return chosen


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".")]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))


def n_range(m: re.Match, ctx: Context) -> Normalised:
    """'June 11-14' (optionally with a year): a DURATION whose first and last days are known."""
    month, d1, d2 = _month(m["m"]), _day(m["d1"]), _day(m["d2"])
    if not 1 <= d1 < d2 <= 31:
        return None
    if m["y"]:
        year, anchor = int(m["y"]), "absolute"
    else:
        year, anchor = _year_less_day(m, ctx, month, d1).year, "DCT"
    first, last = _safe_date(year, month, d1), _safe_date(year, month, d2)
    return "DURATION", f"P{(last - first).days + 1}D", anchor, first.isoformat(), last.isoformat()


def n_month_day_year(m: re.Match, ctx: Context) -> Normalised:
    return "DATE", _safe_date(int(m["y"]), _month(m["m"]), _day(m["d"])).isoformat(), "absolute"


def n_month_day(m: re.Match, ctx: Context) -> Normalised:
    """A year-less date: the year comes from the tense around it and the DCT."""
    month, day = _month(m["m"]), _day(m["d"])
    return "DATE", _year_less_day(m, ctx, month, day).isoformat(), "DCT"


def n_day_month(m: re.Match, ctx: Context) -> Normalised:
    month, day = _month(m["m"]), _day(m["d"])
    if m["y"]:
        return "DATE", _safe_date(int(m["y"]), month, day).isoformat(), "absolute"
    return "DATE", _year_less_day(m, ctx, month, day).isoformat(), "DCT"


def n_weekday_date(m: re.Match, ctx: Context) -> Normalised:
    """'Friday, June 18' or 'Wednesday 16 June 2021': one expression, the date. Without a year, the
    year is the one (of the DCT's year and those either side) in which that day is that weekday,
    the closest to the DCT if several are; if none is, the year comes as for 'June 18'."""
    month, day = _month(m["m"] or m["m2"]), _day(m["d"] or m["d2"])
    if m["y"]:
        return "DATE", _safe_date(int(m["y"]), month, day).isoformat(), "absolute"
    weekday = WEEKDAYS[m["w"]]
    fitting = [d for d in (_safe_date(ctx.dct.year + k, month, day) for k in (-1, 0, 1))
               if d.weekday() == weekday and d.day == day]
    if fitting:
        return "DATE", min(fitting, key=lambda d: abs((d - ctx.dct).days)).isoformat(), "DCT"
    return "DATE", _year_less_day(m, ctx, month, day).isoformat(), "DCT"


def n_month_relative_year(m: re.Match, ctx: Context) -> Normalised:
    """'June last year', 'January this year', 'March of next year'."""
    year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[_fold(m["rel"])]
    return "DATE", f"{year}-{_month(m['m']):02d}", "DCT"


def n_month_year(m: re.Match, ctx: Context) -> Normalised:
    return "DATE", f"{int(m['y']):04d}-{_month(m['m']):02d}", "absolute"


def n_month_relative(m: re.Match, ctx: Context) -> Normalised:
    """'this April', 'last March', 'in June', 'early January': a month without a year."""
    month = _month(m["m"])
    cue = _fold(m["rel"] or "")
    if cue == "this":
        year = ctx.dct.year
    elif cue == "last":
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif cue == "next":
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    else:
        direction = _tense(m, ctx)
        year = pick_year_for_span(ctx.dct, lambda y: dt.date(y, month, 1),
                                  lambda y: month_last_day(y, month), direction)
    return "DATE", f"{year}-{month:02d}", "DCT"


def n_season(m: re.Match, ctx: Context) -> Normalised:
    """Seasons: 'this summer', 'last winter', 'the autumn of 2017', 'in spring'."""
    code = SEASONS[_fold(m["s"])]
    if m["y"]:
        return "DATE", f"{m['y']}-{code}", "absolute"
    cue = _fold(m["rel"] or "")
    month = SEASON_MONTH[code]
    current = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(
        ctx.dct.month, "FA")
    first = lambda y: dt.date(y, month, 1)  # noqa: E731 - a point inside the season, to order them
    # winter Y runs from December Y-1 to February Y, so a December DCT is in next year's winter
    current_year = ctx.dct.year + 1 if current == "WI" and ctx.dct.month == 12 else ctx.dct.year
    is_current = lambda y: code == current and y == current_year  # noqa: E731
    if cue.endswith("this") or (not cue and code == current):
        year = current_year if code == current else ctx.dct.year
    elif cue == "last":
        year = max(y for y in (ctx.dct.year - 1, ctx.dct.year) if first(y) < ctx.dct and not is_current(y))
    elif cue == "next":
        year = min(y for y in (ctx.dct.year, ctx.dct.year + 1, ctx.dct.year + 2)
                   if first(y) > ctx.dct and not is_current(y))
    else:
        year = pick_year(ctx.dct, first, _tense(m, ctx)).year
    return "DATE", f"{year}-{code}", "DCT"


def n_quarter(m: re.Match, ctx: Context) -> Normalised:
    """'the fourth quarter', 'Q1 2019', 'the second half of 2022'."""
    if m["q"]:
        q, kind = int(m["q"]), "Q"
    else:
        word = _fold(m["ord"])
        kind = "H" if _fold(m["unit"]) == "half" else "Q"
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4 if kind == "Q" else 2,
             "last": 4 if kind == "Q" else 2}[word]
        if kind == "H" and q > 2:
            return None
    if m["y"]:
        return "DATE", f"{m['y']}-{kind}{q}", "absolute"
    months = 3 if kind == "Q" else 6
    first = lambda y: dt.date(y, (q - 1) * months + 1, 1)  # noqa: E731
    last = lambda y: month_last_day(y, q * months)  # noqa: E731
    year = pick_year_for_span(ctx.dct, first, last, _tense(m, ctx))
    return "DATE", f"{year}-{kind}{q}", "DCT"


def n_fiscal(m: re.Match, ctx: Context) -> Normalised:
    """'fiscal 2014', 'financial year 2022', 'FY2022' -> FY2014 (TIMEX3's fiscal-year form)."""
    return "DATE", f"FY{m['y'] or m['y2']}", "absolute"


def n_year(m: re.Match, ctx: Context) -> Normalised:
    return "DATE", m["y"], "absolute"


def n_decade(m: re.Match, ctx: Context) -> Normalised:
    """'the 1990s' -> 199 (TIMEX3 writes a decade as its first three digits)."""
    return "DATE", m["y"][:3], "absolute"


def n_decade_word(m: re.Match, ctx: Context) -> Normalised:
    """'the nineties' -> 199, 'the nineteen-sixties' -> 196 (a decade in words is of the 1900s unless
    it says 'twenty')."""
    digit = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
             "nineties"].index(_fold(m["dw"])) + 2
    return "DATE", f"{'20' if _fold(m['c'] or '') == 'twenty' else '19'}{digit}", "absolute"


def n_century(m: re.Match, ctx: Context) -> Normalised:
    """'the 19th century' -> 18 (TIMEX3 writes a century as its first two digits)."""
    word = _fold(m["c"])
    n = int(re.match(r"\d+", word).group(0)) if word[0].isdigit() else ORDINALS.get(word)
    return ("DATE", f"{n - 1:02d}", "absolute") if n else None


def n_weekday(m: re.Match, ctx: Context) -> Normalised:
    """Weekday names: 'Wednesday', 'last Thursday', 'next Tuesday', 'Sunday evening'."""
    day = _weekday_day(m, ctx, WEEKDAYS[m["w"]], _fold(m["rel"] or ""))
    if m["part"]:
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[_fold(m['part'])]}", "DCT"
    return "DATE", day.isoformat(), "DCT"


def _weekday_day(m: re.Match, ctx: Context, weekday: int, cue: str) -> dt.date:
    """The day a weekday name points to: after 'last'/'next'/'this', else as the tense says (:func:`side`)."""
    back = (ctx.dct.weekday() - weekday) % 7          # days back to the latest such weekday <= DCT
    ahead = (weekday - ctx.dct.weekday()) % 7         # days ahead to the next such weekday >= DCT
    if cue == "last":
        day = ctx.dct - dt.timedelta(days=back or 7)
    elif cue == "next":
        day = ctx.dct + dt.timedelta(days=ahead or 7)
    elif cue == "this":
        day = ctx.dct + dt.timedelta(days=weekday - ctx.dct.weekday())
    else:
        if side(back, ahead, _tense(m, ctx, reach=None)) == "ahead":
            day = ctx.dct + dt.timedelta(days=ahead)
        else:
            day = ctx.dct - dt.timedelta(days=back)
    return day


def n_deictic_day(m: re.Match, ctx: Context) -> Normalised:
    """today, yesterday, tomorrow, tonight, this morning, earlier today, the day before yesterday."""
    word = " ".join(_fold(m["word"]).split())
    if word == "last night":
        return "TIME", f"{(ctx.dct - dt.timedelta(days=1)).isoformat()}TNI", "DCT"
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
    if word in offset:
        day = ctx.dct + dt.timedelta(days=offset[word])
        if word == "tonight":
            return "TIME", f"{day.isoformat()}TNI", "DCT"
        return "DATE", day.isoformat(), "DCT"
    return "TIME", f"{ctx.dct.isoformat()}T{PARTS_OF_DAY[word.split()[-1]]}", "DCT"


def n_relative_unit(m: re.Match, ctx: Context) -> Normalised:
    """'last week', 'next month', 'this year', 'earlier this week', 'later this year'."""
    cue, unit = _fold(m["rel"]).split()[-1], _fold(m["unit"])
    if _fold(m.group(0)) == "this year" and same_sentence_year(m, ctx):
        return "DATE", ctx.previous[:4], "previous"
    amount = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[cue]
    if unit == "weekend":
        saturday = ctx.dct + dt.timedelta(days=5 - ctx.dct.weekday() + 7 * amount)
        return "DATE", f"{week_value(saturday)}-WE", "DCT"
    return "DATE", shift(ctx.dct, amount, unit), "DCT"


def same_sentence_year(m: re.Match, ctx: Context) -> bool:
    """Whether 'in this year' follows a year stated earlier in the same sentence.

    "... in 1991, ... after the dissolution of the Soviet Union in this year" means 1991, not the
    DCT's year. (Rule written for article 003; in most news "this year" is the DCT's year.)
    """
    before = ctx.text[max(ctx.previous_end, 0):m.start()]
    return (ctx.previous_end >= 0 and bool(re.fullmatch(r"\d{4}", ctx.previous[:4] or "x"))
            and _fold(ctx.text[max(m.start() - 3, 0):m.start()]) == "in "
            and not re.search(r"[.!?]\s|\n", before))


def n_ago(m: re.Match, ctx: Context) -> Normalised:
    """'two years ago', 'three days ago', 'a decade ago'; 'years ago', 'several weeks ago': PAST_REF."""
    n = number(m["n"]) if m["n"] else None
    if n is None:
        return "DATE", "PAST_REF", "DCT"
    unit = unit_key(m["unit"])
    _, size, _ = UNITS[unit]
    if unit in ("decade", "century"):
        return "DATE", str(ctx.dct.year - n * size), "DCT"
    if unit == "year" and re.fullmatch(r"\d{4}-(?:Q[1-4]|\d\d)", ctx.previous) and _compared_period(m, ctx):
        # "third-quarter profit rose ... from a year ago": the same quarter (or month) a year before
        return "DATE", shift_value(ctx.previous, -n, unit), "previous"
    return "DATE", shift(ctx.dct, -n, unit), "DCT"


def _compared_period(m: re.Match, ctx: Context) -> bool:
    """Whether "a year ago", "a year earlier" compares with the previous calendar date expression: it is
    in the same sentence, or it is a quarter of about the DCT's year (a report about a quarter compares
    with the year-ago quarter for several sentences: "Sales rose 5%. Net income was $2 million, against
    $1 million a year earlier.")."""
    quarter = re.fullmatch(r"(\d{4})-Q[1-4]", ctx.previous)
    return (ctx.previous_end >= 0 and not _BOUNDARY.search(ctx.text, ctx.previous_end, m.start())) or bool(
        quarter and abs(int(quarter[1]) - ctx.dct.year) <= 1)


def shift_value(value: str, amount: int, unit: str) -> str | None:
    """A calendar DATE value moved by ``amount`` units, at its own granularity ('1989-Q3' a year
    earlier is '1988-Q3'; '1989-09-30' a month later is '1989-10-30'); None when the unit is finer
    than the value ('1989' a day later) or the value is not a calendar date."""
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|W\d\d|\d\d)(?:-(\d\d))?)?", value)
    if not m:
        return None
    year, part, day = int(m[1]), m[2], m[3]
    if unit in ("year", "decade", "century"):
        year += amount * UNITS[unit][1]
        if day:
            return _safe_date(year, int(part), int(day)).isoformat()
        return f"{year}-{part}" if part else str(year)
    if unit in ("month", "quarter") and part and part[0] not in "HW":
        if part[0] == "Q":
            if unit != "quarter":
                return None
            return shift(dt.date(year, 3 * int(part[1]) - 2, 1), amount, "quarter")
        months = amount * (3 if unit == "quarter" else 1)
        moved = add_months(dt.date(year, int(part), int(day or 1)), months)
        return moved.isoformat() if day else moved.strftime("%Y-%m")
    if unit in ("day", "week") and day:
        return (dt.date(year, int(part), int(day)) + dt.timedelta(days=amount * (7 if unit == "week" else 1))).isoformat()
    return None


def n_units_earlier(m: re.Match, ctx: Context) -> Normalised:
    """'a year earlier', 'two days later': the previous date expression moved by that much, at its
    granularity ('in the third quarter, up from a year earlier' is the third quarter of the year
    before), when it is the compared period (:func:`_compared_period`); else the DCT moved."""
    n, unit = number(m["n"]), unit_key(m["unit"])
    if n is None or unit in ("hour", "minute"):
        return None
    amount = n if _fold(m["dir"]) == "later" else -n
    moved = shift_value(ctx.previous, amount, unit) if ctx.previous and _compared_period(m, ctx) else None
    if moved:
        return "DATE", moved, "previous"
    return "DATE", shift(ctx.dct, amount, unit), "DCT"


def n_in_future(m: re.Match, ctx: Context) -> Normalised:
    """'in 10 days', 'in three weeks': a date that many units after the DCT."""
    n = number(m["n"])
    unit = unit_key(m["unit"])
    if n is None or unit in ("hour", "minute"):
        return None
    _, size, _ = UNITS[unit]
    if unit in ("decade", "century"):
        return "DATE", str(ctx.dct.year + n * size), "DCT"
    return "DATE", shift(ctx.dct, n, unit), "DCT"


def _duration(n: int | None, unit: str) -> str:
    letter, size, granularity = UNITS[unit]
    amount = "X" if n is None else str(n * size)
    return f"PT{amount}{letter}" if granularity == "time" else f"P{amount}{letter}"


def n_duration(m: re.Match, ctx: Context) -> Normalised:
    """'ten days', 'more than a decade', 'the past week', 'the next six weeks', 'a number of years'."""
    plural = _fold(m.group(0)).endswith("s")
    n = number(m["n"]) if m["n"] else (None if plural else 1)    # vague amounts ('a few') give None
    return "DURATION", _duration(n, unit_key(m["unit"])), "absolute"


def n_bare_plural(m: re.Match, ctx: Context) -> Normalised:
    """'for months', 'for years': a duration of unknown length."""
    return "DURATION", _duration(None, unit_key(m["unit"])), "absolute"


def n_vague(value: str):
    """A normaliser that gives every match the vague value ``value`` (PAST_REF, ...)."""
    def normalise(m: re.Match, ctx: Context) -> Normalised:
        return "DATE", value, "DCT"
    normalise.__doc__ = f"A vague reference: {value}."
    return normalise


def n_previous(m: re.Match, ctx: Context) -> Normalised:
    """'at the time', 'that year', 'in this year': the value of the previous date expression."""
    if not ctx.previous:
        return None
    value = ctx.previous[:4] if "year" in _fold(m.group(0)) else ctx.previous
    return "DATE", value, "previous"


def n_previous_day(m: re.Match, ctx: Context) -> Normalised:
    """'the following day', 'the next day', 'the day before': one day from the previous date;
    'the following week/month/year': the one after the previous date's."""
    if not ctx.previous_last_day:
        return None
    if m["unit"]:
        unit = _fold(m["unit"])
        if unit == "year" and re.fullmatch(r"\d{4}", ctx.previous[:4]):
            return "DATE", str(int(ctx.previous[:4]) + 1), "previous"
        if unit == "month" and re.fullmatch(r"\d{4}-\d{2}", ctx.previous[:7]):
            return "DATE", add_months(dt.date.fromisoformat(ctx.previous[:7] + "-01"), 1).strftime("%Y-%m"), "previous"
        if unit == "week":
            return "DATE", week_value(dt.date.fromisoformat(ctx.previous_last_day) + dt.timedelta(weeks=1)), "previous"
        return None
    step = -1 if m["before"] else 1
    if step < 0 and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.previous[:10]):
        return None      # "the day before" a month or a year names no day
    base = dt.date.fromisoformat(ctx.previous_last_day if step > 0 else ctx.previous[:10])
    return "DATE", (base + dt.timedelta(days=step)).isoformat(), "previous"


def n_the_weekend(m: re.Match, ctx: Context) -> Normalised:
    """'the weekend': the one the tense points to (past: the last one begun by the DCT; future: the
    next one; no cue: the closer of the two)."""
    back = ctx.dct - dt.timedelta(days=(ctx.dct.weekday() - 5) % 7)      # latest Saturday on or before
    ahead = back if ctx.dct.weekday() >= 5 else back + dt.timedelta(days=7)
    direction = _tense(m, ctx)
    if direction == "past":
        saturday = back
    elif direction == "future":
        saturday = ahead
    else:
        saturday = min((back, ahead), key=lambda d: (abs((d - ctx.dct).days), d > ctx.dct))
    return "DATE", f"{week_value(saturday)}-WE", "DCT"


def n_reporting_quarter(m: re.Match, ctx: Context) -> Normalised:
    """The quarter a business report is about: 'the quarter', 'the latest quarter', 'the latest
    period' are the last quarter ended before the DCT (the DCT's own with 'current' or a future
    cue); 'the year-earlier quarter', 'the year-ago period', 'year-earlier' are that quarter a year
    before. 'the period' with no modifier names nothing and is not tagged."""
    mod = " ".join(_fold(m["mod"] or m["adj"] or "").replace("-", " ").split())
    if _fold(m["unit"] or "") == "period" and not mod:
        return None
    current = mod == "current" or (not mod and _tense(m, ctx) == "future")
    back = 0 if current else -1
    if "year" in mod or mod == "comparable":
        back -= 4
    return "DATE", shift(ctx.dct, back, "quarter"), "DCT"


def n_end_of(m: re.Match, ctx: Context) -> Normalised:
    """'the end of the month/year/week': the DCT's month, year or week."""
    unit = _fold(m["unit"])
    return "DATE", shift(ctx.dct, 0, unit), "DCT"


def _clock(m: re.Match) -> str | None:
    """'HH:MM' of a matched clock time ('8 p.m.', '12:01 a.m.') or of 'noon'/'midnight'; None if impossible."""
    if m["word"]:
        return "12:00" if _fold(m["word"]) == "noon" else "24:00"
    hour, minute = int(m["h"]), int(m["min"] or 0)
    half = _fold(m["ampm"] or "").replace(".", "")
    if hour > 12 and half or hour > 24 or minute > 59:
        return None
    if half == "pm" and hour != 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def n_clock(m: re.Match, ctx: Context) -> Normalised:
    """'8 p.m.', '12:01 a.m.', 'noon': a time of day on the DCT."""
    clock = _clock(m)
    return ("TIME", f"{ctx.dct.isoformat()}T{clock}", "DCT") if clock else None


def n_set(m: re.Match, ctx: Context) -> Normalised:
    """'every Monday', 'each year', 'annually', 'weekly'."""
    word = _fold(m["w"] or m["unit"] or m["adv"])
    word = word[:-1] if word.endswith("s") and word[:-1].capitalize() in WEEKDAYS else word
    if word.capitalize() in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[word.capitalize()] + 1}", "absolute"
    letter = {"day": "D", "daily": "D", "week": "W", "weekly": "W", "month": "M", "monthly": "M",
              "year": "Y", "annually": "Y", "yearly": "Y"}[word]
    return "SET", f"P1{letter}", "absolute"


def n_holiday(m: re.Match, ctx: Context) -> Normalised:
    """Named days ('Christmas', 'Black Friday'): year from the tense, like a year-less date."""
    make = HOLIDAYS[re.sub(r"[\u2019]", "'", m["h"])]
    if m["y"]:
        return "DATE", make(int(m["y"])).isoformat(), "absolute"
    chosen = pick_year(ctx.dct, make, _tense(m, ctx))
    return "DATE", chosen.isoformat(), "DCT"


#: A clock time: '8 p.m.', '12:01 a.m.', '7pm' (hour, minutes, am/pm in named groups).
CLOCK = r"(?P<h>[01]?\d|2[0-4])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>(?i:[ap]\.m\.|[ap]m\b))"
#: Prepositions after which a capitalised month name is a month and not a verb or a name ("in May").
PREP = r"(?:in|In|since|Since|until|Until|by|By|during|During|from|From|through|of|before|after|" \
       r"Before|After|to|till|between|and|or|for|For)"
HOLIDAY = "|".join(re.escape(h).replace("'", "['\u2019]") for h in sorted(HOLIDAYS, key=len, reverse=True))

#: The rules, most specific first. Each: (name, pattern, normaliser, flags).
RULES: list[tuple[str, re.Pattern, object]] = [
    (name, re.compile(pattern, flags), fn) for name, pattern, fn, flags in [
        # --- calendar dates -------------------------------------------------------------------
        ("weekday_date", rf"\b(?P<w>{WEEKDAY}),?\s+(?:(?P<m>{MONTH})\s+(?P<d>{DAY})|(?P<d2>{DAY})\s+(?:of\s+)?"
                         rf"(?P<m2>{MONTH}))\b(?![-\u2013\u2014]\d)(?:,?\s+(?P<y>{YEAR})\b)?", n_weekday_date, 0),
        ("date_range_month_days", rf"\b(?P<m>{MONTH})\s+(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?",
         n_range, 0),
        ("date_month_day_year", rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b", n_month_day_year, 0),
        ("date_day_month", rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?\b", n_day_month, 0),
        ("date_month_day", rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY})\b(?![,.]?\d|:)", n_month_day, 0),
        ("date_month_year", rf"\b(?:(?:early|mid|late)[- ])?(?P<m>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR})\b",
         n_month_year, 0),
        ("month_relative_year", rf"\b(?P<m>{MONTH})\s+(?:of\s+)?(?P<rel>(?i:this|last|next))\s+(?i:year)\b",
         n_month_relative_year, 0),
        ("month_with_modifier", rf"\b(?:(?P<rel>(?i:this|last|next))\s+|(?:(?:early|mid|late)[- ]))(?P<m>{MONTH})\b",
         n_month_relative, 0),
        ("month_after_preposition", rf"\b{PREP}\s+(?P<t>(?P<rel>)(?P<m>{MONTH}))\b(?!\s+\d)", n_month_relative, 0),
        ("holiday", rf"\b(?P<h>{HOLIDAY})\b(?:\s+(?P<y>{YEAR})\b)?", n_holiday, 0),
        # --- seasons, quarters, fiscal years ----------------------------------------------------
        ("season", rf"\b(?:(?P<rel>this|last|next|later this|earlier this)\s+|the\s+)?(?P<s>spring|summer|"
                   rf"autumn|winter)(?:\s+of\s+(?P<y>{YEAR}))?\b", n_season, re.IGNORECASE),
        ("season_fall", rf"\b(?:(?P<rel>this|last|next)\s+|the\s+)(?P<s>fall)(?:\s+of\s+(?P<y>{YEAR}))?\b",
         n_season, re.IGNORECASE),
        ("quarter", rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|(?<=the\s)last)[\s-]+(?P<unit>quarter|half)"
                    rf"(?:\s+of\s+(?P<y>{YEAR}))?\b(?P<q>)", n_quarter, re.IGNORECASE),
        ("quarter_short", rf"\b(?P<ord>)(?P<unit>)Q(?P<q>[1-4])(?:\s+(?P<y>{YEAR}))?\b", n_quarter, 0),
        ("fiscal_year", rf"\b(?:fiscal|financial)(?:\s+year)?\s+(?P<y>{YEAR})\b|\bFY\s?(?P<y2>{YEAR})\b",
         n_fiscal, re.IGNORECASE),
        # --- years, decades, centuries -----------------------------------------------------------
        ("decade", rf"\b(?:the\s+)?(?:(?:early|mid|late)[- ])?(?P<y>(?:1[0-9]|20)\d0)['\u2019]?s\b", n_decade, 0),
        ("decade_word", r"\bthe\s+(?:(?P<c>nineteen|twenty)[- ]?)?(?P<dw>twenties|thirties|forties|fifties|sixties|"
                        r"seventies|eighties|nineties)\b", n_decade_word, re.IGNORECASE),
        ("century", r"\b(?:the\s+)?(?P<c>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
                    r"seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
                    r"seventeenth|eighteenth|nineteenth|twentieth|twenty-first)\s+century\b",
         n_century, re.IGNORECASE),
        ("year", rf"(?<![$\d.,/-])\b(?:(?:early|mid|late)[- ])?(?P<y>1[6-9]\d\d|20\d\d)\b(?![.,]?\d|%|\s*(?:percent|"
                 r"people|troops|km|miles|metres|meters|tons|tonnes|dollars|euros|votes))", n_year, 0),
        # --- relative dates --------------------------------------------------------------------
        ("weekday", rf"\b(?:(?P<rel>(?i:last|next|this))\s+)?(?P<w>{WEEKDAY})(?:\s+(?P<part>morning|afternoon|"
                    r"evening|night))?\b", n_weekday, 0),
        ("deictic_day", r"\b(?:(?:earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight|last\s+night|"
                        r"this\s+(?:morning|afternoon|evening))\b", n_deictic_day, re.IGNORECASE),
        ("relative_unit", r"\b(?P<rel>this|last|next|past|previous|coming|earlier\s+this|later\s+this)\s+"
                          r"(?P<unit>week|weekend|month|quarter|year|decade)\b(?!s)", n_relative_unit, re.IGNORECASE),
        ("the_weekend", r"\bthe\s+weekend\b", n_the_weekend, re.IGNORECASE),
        ("reporting_quarter", r"\bthe\s+(?:(?P<mod>latest|most\s+recent|recent|current|just[-\s]ended|comparable|"
                              r"year[-\s]earlier|year[-\s]ago|comparable\s+year[-\s](?:earlier|ago))\s+)?(?:fiscal\s+)?"
                              r"(?P<unit>quarter|period)\b(?!s|\s+of\b)|\b(?P<adj>year-(?:earlier|ago))\b",
         n_reporting_quarter, re.IGNORECASE),
        ("end_of_unit", r"\bthe\s+end\s+of\s+the\s+(?P<unit>week|month|year)\b", n_end_of, re.IGNORECASE),
        ("units_earlier", rf"\b(?P<n>{NUMBER}|a\s+couple\s+of)\s+(?P<unit>{UNIT})s?\s+(?P<dir>earlier|later)\b"
                          r"(?!\s+than\b)", n_units_earlier, re.IGNORECASE),
        ("ago", rf"\b(?:(?:(?:more|less)\s+than|about|almost|nearly|over|just|roughly|around)\s+)?"
                rf"(?:(?P<n>{NUMBER}|{VAGUE_NUMBERS})\s+(?P<unit>{UNIT})s?|(?P<units>{UNIT})s)\s+ago\b", n_ago, re.IGNORECASE),
        ("in_n_units", rf"\bin\s+(?P<n>{NUMBER})\s+(?P<unit>day|week|month|year|decade)s?\b(?!\s+(?:ago|of|before|after))",
         n_in_future, re.IGNORECASE),
        ("previous_reference", r"\b(?P<t>(?:at|around|about|by)\s+(?:the|that)\s+time)\b(?P<year>)",
         n_previous, 0),
        ("previous_year", r"\b(?P<t>(?:that|the\s+same)\s+year)\b", n_previous, 0),
        ("previous_day", r"\bthe\s+(?:following|next)\s+day\b|\bthe\s+day\s+(?P<before>before)\b|"
                         r"\bthe\s+following\s+(?P<unit>week|month|year)\b",
         n_previous_day, re.IGNORECASE),
        # --- durations -------------------------------------------------------------------------
        ("duration_the_last_n", rf"\bthe\s+(?:past|last|next|coming|previous|first)\s+(?P<n>{NUMBER}|few|several|couple\s+of)?\s*"
                                rf"(?P<unit>{UNIT})s?\b", n_duration, re.IGNORECASE),
        ("duration", rf"\b(?:(?:more|less|fewer)\s+than|at\s+least|about|nearly|almost|over|some|up\s+to|"
                     rf"around|roughly|just)?\s*(?P<n>{NUMBER}|{VAGUE_NUMBERS})[\s-]+(?P<unit>{UNIT})s?\b"
                     r"(?!\s+ago)", n_duration, re.IGNORECASE),
        ("duration_bare_plural", rf"\bfor\s+(?P<t>(?P<unit>{UNIT})s)\b", n_bare_plural, re.IGNORECASE),
        # --- times of day ----------------------------------------------------------------------
        ("clock", rf"\b{CLOCK}(?P<word>)", n_clock, 0),
        ("noon_midnight", r"\b(?P<word>noon|midnight)\b(?P<h>)(?P<min>)(?P<ampm>)", n_clock, re.IGNORECASE),
        # --- sets ------------------------------------------------------------------------------
        ("set_every", rf"\b(?:every|each)\s+(?:(?P<w>{WEEKDAY})|(?P<unit>day|week|month|year))\b(?P<adv>)", n_set, 0),
        ("set_adverb", r"\b(?P<adv>annually|yearly)\b(?P<w>)(?P<unit>)", n_set, 0),
        # --- vague references ------------------------------------------------------------------
        ("present_ref", r"\b(?:now|currently|nowadays|at\s+present)\b(?!\s+that\b)", n_vague("PRESENT_REF"),
         re.IGNORECASE),
        ("past_ref_recently", r"(?<!\bas\s)\b(?:recently|lately)\b(?!\s+as\b)", n_vague("PAST_REF"), re.IGNORECASE),
        ("past_ref_recent_units", r"\brecent\s+(?:years|months|weeks|decades|days)\b", n_vague("PAST_REF"),
         re.IGNORECASE),
        ("past_ref_the_past", r"\bthe\s+past\b(?=\s*(?:[,.;:)]|$|\s(?:and|or|but|when|that|they|it|there|is|was|"
                              r"were|has|have|had|with|to|as)\b))", n_vague("PAST_REF"), re.IGNORECASE),
        ("future_ref_soon", r"\b(?:anytime\s+|any\s+time\s+|very\s+)?soon\b(?!\s+(?:after|afterwards|as)\b)(?<!as soon)",
         n_vague("FUTURE_REF"), re.IGNORECASE),
        ("future_ref_the_future", r"\bthe\s+(?:near\s+|distant\s+|foreseeable\s+)?future\b(?!\s+(?:of|[a-z]+s)\b)",
         n_vague("FUTURE_REF"), re.IGNORECASE),
        ("future_ref_expiry", r"\bupon\s+(?:its|their|the)\s+expiry\b", n_vague("FUTURE_REF"), re.IGNORECASE),
    ]
]

# ----------------------------------------------------------------------------------------------
# Prefilter: which rules can match a sentence at all
# ----------------------------------------------------------------------------------------------

#: Characters that ``re.IGNORECASE`` equates with an ASCII letter but ``str.lower()`` does not map to
#: it: dotless i and capital I with dot (-> "i"; "\u0130".lower() is even two characters), long s
#: (-> "s") and the Kelvin sign (-> "k"; lower() gives "k" already, kept for clarity). With them
#: replaced first, :func:`_fold` turns every character a rule's letter can match into that letter,
#: one for one (tested against every code point), so a substring test on the folded span never
#: misses a literal the pattern consumed.
_FOLD = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def _fold(span: str) -> str:
    """``span`` lower-cased after replacing :data:`_FOLD`'s characters (rare: tested before replacing,
    which is faster than ``str.translate`` on every span)."""
    for odd, letter in _FOLD.items():
        if odd in span:
            span = span.replace(odd, letter)
    return span.lower()


#: For each rule, what every one of its matches CONSUMES (not in a lookaround), derived from the rule's
#: pattern by :func:`required_literals`: a tuple of clauses, each a set of folded strings of which the
#: match holds at least one. A span whose folded text fails a clause cannot match the rule, and the
#: rule is not run on it (:func:`_candidates`). Most sentences hold no temporal expression at all;
#: this is what makes the tagger fast on them.
#: Past this many strings a set of alternatives is too costly to test as a prefilter need.
_MAX_LITERALS = 64
#: Character classes up to this size ("[ap]", "[1-4]") count as alternatives of one character.
_MAX_CLASS = 10
#: Past this many clauses an alternation's needs are not expanded (see :func:`_clauses`).
_MAX_CLAUSES = 32


#: :func:`_options` of the items of the parse tree being read (by ``id``; emptied after each pattern):
#: groups nest, and each level asks for the options of the items inside it again.
_OPTIONS_SEEN: dict[int, set[str] | None] = {}


def _options(item) -> set[str] | None:
    """The strings one parsed regex item can match, if they are few and literal, else None."""
    key = id(item)
    if key not in _OPTIONS_SEEN:
        _OPTIONS_SEEN[key] = _item_options(item)
    return _OPTIONS_SEEN[key]


def _item_options(item) -> set[str] | None:
    op, arg = item
    if op is _c.LITERAL:
        return {_FOLD.get(chr(arg)) or chr(arg).lower()}
    if op is _c.IN:
        options = set()
        for kind, value in arg:
            if kind is _c.LITERAL:
                options.add(_FOLD.get(chr(value)) or chr(value).lower())
            elif kind is _c.RANGE and value[1] - value[0] < _MAX_CLASS:
                options.update(_FOLD.get(chr(c)) or chr(c).lower() for c in range(value[0], value[1] + 1))
            else:   # a negated class, a category such as \d or \s, a wide range: no literal
                return None
        return options
    if op is _c.SUBPATTERN:
        return _exact(arg[-1])
    if op is _c.BRANCH:
        branches = [_exact(b) for b in arg[1]]
        return None if None in branches else set().union(*branches)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[:2] in ((0, 1), (1, 1)):
        options = _exact(arg[2])
        return options if options is None or arg[0] == 1 else options | {""}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):   # \b, ^, $ and lookarounds consume nothing
        return {""}
    return None              # lookarounds, repeats, \d, .: not a few literal strings


def _extend(strings: set[str] | None, options: set[str] | None) -> set[str] | None:
    """Every string of ``strings`` followed by every one of ``options`` (None past the limit)."""
    if strings is None or options is None:
        return None
    out = {s + o for s in strings for o in options}
    return out if len(out) <= _MAX_LITERALS else None


def _exact(items) -> set[str] | None:
    """The strings a parsed regex sequence can match, if they are few and literal ("Q[1-4]" ->
    q1..q4), else None. Folded (:func:`_fold`) like the text they are compared with."""
    strings: set[str] | None = {""}
    for item in items:
        strings = _extend(strings, _options(item))
    return strings


def _implies(d: frozenset[str], c: frozenset[str]) -> bool:
    """Whether text holding a string of clause ``d`` always holds one of clause ``c``."""
    return all(any(x in y for x in c) for y in d)


def _simplest(clauses: list[frozenset[str]]) -> list[frozenset[str]]:
    """The clauses without those another clause implies ({"day"} is implied by {"today"})."""
    kept: list[frozenset[str]] = []
    for c in dict.fromkeys(c for c in clauses if c):
        if not any(_implies(d, c) for d in kept):
            kept = [d for d in kept if not _implies(c, d)] + [c]
    return kept


def _clauses(items) -> list[frozenset[str]]:
    """What every match of a parsed regex sequence consumes, as clauses: each clause is a set of
    strings of which the match consumes at least one, and every clause holds.

    A clause comes from each longest run of consecutive items whose matches are a few literal
    strings, none empty ("the", "q1|q2|q3|q4"), and from the items that have clauses of their own: a
    group, a repeat that must match once, an alternation (its branches' clauses combined: the
    match takes one branch, so each combined clause joins one clause of every branch).
    Lookarounds consume nothing and give none.
    """
    clauses = []
    options = [_options(item) for item in items]
    for i in range(len(items)):
        longest = None
        if i == 0 or options[i - 1] is None or "" in options[i - 1]:   # "today", not "oday"
            run: set[str] | None = {""}
            for j in range(i, len(items)):
                run = _extend(run, options[j])
                if run is None:
                    break
                if "" not in run:
                    longest = run
        if longest:
            clauses.append(frozenset(longest))
        op, arg = items[i]
        if op is _c.SUBPATTERN:
            clauses += _clauses(arg[-1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
            clauses += _clauses(arg[2])
        elif op is _c.BRANCH:
            combined = [frozenset()]
            for branch in arg[1]:
                alternatives = _simplest(_clauses(branch))
                combined = [c | o for c in combined for o in alternatives]
                if not combined or len(combined) > _MAX_CLAUSES:
                    break
            else:
                clauses += combined
    return _simplest(clauses)


def required_literals(pattern: re.Pattern) -> tuple[frozenset[str], ...]:
    """What every match of ``pattern`` consumes, as clauses (see :func:`_clauses`), read from the
    pattern's parse tree by the standard library's own regex parser (``re._parser``, the parse that
    ``re.compile`` itself makes): a new rule needs no hand-kept list (a rule for "fortnight" would
    run only on spans that contain "fortnight").

    Clauses with a string of one or two characters ("in", "th", "20") are dropped when a clause
    with longer strings remains: nearly every span holds them, so checking them costs more than it
    saves (dropping a clause never drops a match).
    """
    tree = _parser.parse(pattern.pattern, pattern.flags)
    try:
        clauses = _clauses(list(tree))
    finally:
        _OPTIONS_SEEN.clear()   # ids are only meaningful while this tree is alive
    longer = [c for c in clauses if min(map(len, c)) > 2]
    return tuple(longer or sorted(clauses, key=lambda c: (-min(map(len, c)), len(c)))[:1])


#: How many characters of a match's beginning :func:`start_literals` reads.
_START_CHARS = 3


def _starts(items) -> set[str] | None:
    """Strings (folded, at most :data:`_START_CHARS` long) one of which begins every match of a parsed
    regex sequence; "" among them means a match can begin anywhere after what precedes it. None if
    there are too many."""
    strings: set[str] | None = {""}
    for i, item in enumerate(items):
        if all(len(s) >= _START_CHARS for s in strings):
            break
        options = _options(item)
        if options is not None:
            strings = _begin(strings, options)
            if strings is None:
                return None
            continue
        op, arg = item      # not a few literal strings: only its own beginnings (or the rest's), then stop
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] == 0:    # optional: its beginnings or the rest's
            body, rest = _starts(arg[2]), _starts(items[i + 1:])
            tail = None if body is None or rest is None else body | rest
        elif op is _c.SUBPATTERN:
            tail = _starts(arg[-1])
        elif op is _c.BRANCH:
            branches = [_starts(b) for b in arg[1]]
            tail = None if None in branches else set().union(*branches)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            tail = _starts(arg[2])
        else:
            tail = {""}
        return None if tail is None else _begin(strings, tail)
    return strings


def _begin(strings: set[str], options: set[str]) -> set[str] | None:
    """Each of ``strings`` followed by each of ``options``, cut at :data:`_START_CHARS` (None past
    :data:`_MAX_LITERALS`)."""
    out = {s if len(s) >= _START_CHARS else (s + o)[:_START_CHARS] for s in strings for o in options}
    return out if len(out) <= _MAX_LITERALS else None


def start_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` begins with, in the folded text (None when a
    match can begin anywhere): "jan", "feb", ... for a rule that starts with a month name. Read from
    the same parse tree as :func:`required_literals`, so a new rule needs no hand-kept list."""
    tree = _parser.parse(pattern.pattern, pattern.flags)
    try:
        strings = _starts(list(tree))
    finally:
        _OPTIONS_SEEN.clear()
    return None if strings is None or "" in strings else frozenset(strings)


def _literals(name: str, pattern: re.Pattern) -> tuple[tuple[frozenset[str], ...], frozenset[str] | None]:
    """:func:`required_literals` and :func:`start_literals` of a rule, from :mod:`.rule_literals` when
    it holds them for this very pattern and flags (reading the parse tree costs more start-up time
    than the rest of the module), else derived now. So a changed or new rule is never filtered by a
    stale table; ``tests/test_temporal_speed.py`` checks that the table is complete and equal to the
    derivation (regenerate it with :func:`write_literal_table`)."""
    cached = rule_literals.LITERALS.get(name)
    if cached and cached[:2] == (pattern.pattern, pattern.flags):
        needs, starts = cached[2:]
        return tuple(frozenset(clause) for clause in needs), None if starts is None else frozenset(starts)
    return required_literals(pattern), start_literals(pattern)


def literal_table() -> str:
    """The source of :mod:`.rule_literals`: each rule's pattern, flags, needs and start literals as the
    derivation gives them, sorted so the file is the same from run to run."""
    lines = ['"""Generated by ``lib.timeline.tagger.write_literal_table()`` from the rules: do not edit.',
             "",
             "For each rule: (pattern, flags, required_literals clauses, start_literals or None). The tagger",
             "uses an entry only while its pattern and flags are the rule's own, and",
             "tests/test_temporal_speed.py checks the table equals the derivation.",
             '"""', "", "LITERALS = {"]
    for name, pattern, _fn in RULES:
        needs = tuple(tuple(sorted(clause)) for clause in required_literals(pattern))
        starts = start_literals(pattern)
        lines.append(f"    {name!r}: ({pattern.pattern!r}, {int(pattern.flags)}, {needs!r}, "
                     f"{None if starts is None else tuple(sorted(starts))!r}),")
    return "\n".join(lines + ["}", ""])


def write_literal_table() -> None:
    """Regenerate :mod:`.rule_literals` after changing a rule (the tagger stays right without it,
    only slower to start)."""
    with open(os.path.join(os.path.dirname(__file__), "rule_literals.py"), "w", encoding="utf-8") as f:
        f.write(literal_table())


_RULE_LITERALS = [_literals(name, pattern) for name, pattern, _fn in RULES]
RULE_NEEDS: dict[str, tuple[frozenset[str], ...]] = {name: needs for (name, _p, _f), (needs, _s) in
                                                      zip(RULES, _RULE_LITERALS)}

#: The needed strings that contain no other (checked on every span), and for each of them the longer
#: needs that contain it (checked only when it occurs: a span without "day" has no "monday").
_ALL_NEEDS = tuple(dict.fromkeys(need for clauses in RULE_NEEDS.values() for clause in clauses
                                  for need in sorted(clause)))
_INNER_NEEDS = {need: {need[i:j] for i in range(len(need)) for j in range(i + 1, len(need) + 1)}
                .intersection(_ALL_NEEDS) - {need} for need in _ALL_NEEDS}   # each need's substrings, not all pairs
_ROOT_NEEDS = tuple(n for n in _ALL_NEEDS if not _INNER_NEEDS[n])
_LONGER_NEEDS = {root: tuple(n for n in _ALL_NEEDS if root in _INNER_NEEDS[n]) for root in _ROOT_NEEDS}
#: Every clause of every rule numbered, as one bit of an integer: for each need, the clauses that hold it;
#: for each rule (in RULES order), its clauses. A rule can match when the needs present cover its bits.
_CLAUSES = list(dict.fromkeys(clause for name, _pattern, _fn in RULES for clause in RULE_NEEDS[name]))
_NEED_BITS = dict.fromkeys(_ALL_NEEDS, 0)
for _i, _clause in enumerate(_CLAUSES):
    for _need in _clause:
        _NEED_BITS[_need] |= 1 << _i
_RULE_BITS = [sum(1 << _CLAUSES.index(clause) for clause in RULE_NEEDS[name]) for name, _pattern, _fn in RULES]


@functools.lru_cache(maxsize=4096)
def _rules_given(present: frozenset[str]) -> tuple[int, ...]:
    """Positions in :data:`RULES` of the rules each of whose clauses has a string ``present``."""
    bits = 0
    for need in present:
        bits |= _NEED_BITS[need]
    return tuple(order for order, rule in enumerate(_RULE_BITS) if rule & bits == rule)


def _present_needs(folded: str) -> frozenset[str]:
    """The needed strings (of all rules) that occur in the folded span."""
    present = {root for root in _ROOT_NEEDS if root in folded}
    return frozenset(present.union(*[[n for n in _LONGER_NEEDS[root] if n in folded] for root in present]))


def _possible_rules(folded: str) -> tuple[int, ...]:
    """Positions in :data:`RULES` of the rules that can match a span, given its folded text (see
    :data:`RULE_NEEDS`)."""
    return _rules_given(_present_needs(folded))


def _lower_outside_escapes(pattern: str) -> str:
    """``pattern`` lower-cased except escapes (``\\S`` stays ``\\S``) and group names (``(?P<m>``)."""
    return re.sub(r"(\\.|\(\?P<\w+>|\(\?P=\w+\))|([^\\(]+|\()", lambda m: m.group(1) or m.group(2).lower(),
                  pattern, flags=re.DOTALL)


def _folded_matcher(pattern: re.Pattern) -> re.Pattern | None:
    """For a case-insensitive rule, the same pattern lower-cased and case-sensitive, to run on the
    folded text (about three times faster: ``re`` compares case-insensitive letters one by one
    through their lower case). Exact because :func:`_fold` maps every character that IGNORECASE
    equates with a letter to that letter, one for one (tested against every code point), and keeps
    offsets. None for a case-sensitive rule (it runs on the text as it is)."""
    if not pattern.flags & re.IGNORECASE:
        return None
    return re.compile(_lower_outside_escapes(pattern.pattern), pattern.flags & ~re.IGNORECASE)


#: For each rule (in RULES order): the pattern to run and whether it runs on the folded text.
_MATCHERS = [(folded, True) if (folded := _folded_matcher(pattern)) else (pattern, False)
             for _name, pattern, _fn in RULES]

def _locator(pattern: re.Pattern, starts: frozenset[str] | None) -> re.Pattern | None:
    """A pattern that matches one character at every position where ``pattern`` matches (a lookbehind
    steps back over that character and tries ``pattern`` there), and begins with a character class:
    the first characters of ``starts``, in every case :func:`_fold` maps to them. That class lets
    ``re`` skip in C to the positions where a match can begin instead of trying the rule at every
    position, which is where most of the tagging time went."""
    if not starts:
        return None
    first = {s[0] for s in starts}
    chars = first | {c.upper() for c in first} | {odd for odd, letter in _FOLD.items() if letter in first}
    return re.compile(f"[{''.join(map(re.escape, sorted(chars)))}](?<=(?=(?:{pattern.pattern}))(?s:.))",
                      pattern.flags)


#: For each rule (in RULES order): its locator, or None where matches can begin anywhere.
_LOCATORS = [_locator(matcher, starts) for (matcher, _f), (_needs, starts) in zip(_MATCHERS, _RULE_LITERALS)]


def _finditer(pattern: re.Pattern, locator: re.Pattern | None, string: str, start: int, end: int):
    """The matches of ``pattern.finditer(string, start, end)``, found by trying the pattern only where
    ``locator`` found that it matches. Identical: ``finditer`` tries each position in turn from the
    end of the last match, and ``locator`` reports every position where the pattern matches (no match
    is empty: each begins with a start literal)."""
    if locator is None:
        yield from pattern.finditer(string, start, end)
        return
    after = start
    for hit in locator.finditer(string, start, end):
        if hit.start() >= after:
            m = pattern.match(string, hit.start(), end)
            yield m
            after = m.end()


def _candidates(text: str, start: int, end: int, prefilter: bool = True,
                folded: str | None = None) -> list[tuple[int, int, int, re.Match]]:
    """All rule matches inside ``text[start:end]``, longest first at each position, no overlaps.

    By default only the rules that can match the span are run (the prefilter, see
    :data:`RULE_NEEDS`), and case-insensitive rules run on the folded text (:data:`_MATCHERS`);
    ``prefilter=False`` runs every rule as written on the text. The result is the same either way
    (tested), only slower. ``folded`` is ``_fold(text)`` when the caller has it already.
    """
    found = []
    if prefilter:
        folded = _fold(text) if folded is None else folded
        runs = [(order, *_MATCHERS[order]) for order in _possible_rules(folded[start:end])]
    else:
        runs = [(order, pattern, False) for order, (_name, pattern, _fn) in enumerate(RULES)]
    for order, pattern, on_folded in runs:
        matches = (_finditer(pattern, _LOCATORS[order], folded if on_folded else text, start, end)
                   if prefilter else pattern.finditer(text, start, end))
        for m in matches:
            s, e = span_of(m)
            while s < e and text[s].isspace():
                s += 1
            if e > s:
                found.append((s, e, order, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, int, re.Match]] = []
    for cand in found:
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])


def _covers(value: str) -> tuple[str, str] | None:
    """First and last day of a calendar DATE value (2021, 2021-06, 2021-06-16, 2021-W24), else None."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value, value
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = map(int, value.split("-"))
            return f"{value}-01", month_last_day(y, m).isoformat()
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-01-01", f"{value}-12-31"
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    except ValueError:
        return None
    return None


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of ``text``: the parts between blank lines (a line break, only
    spaces, then another line break)."""
    spans, start = [], 0
    for m in _BLANK_LINE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def tag(text: str, dct: dt.date, spans: list[tuple[int, int]] | None = None) -> list[Timex]:
    """Find and normalise the temporal expressions of ``text`` against the DCT ``dct``.

    ``spans`` restricts tagging to those (start, end) regions, e.g. an article's body sentences;
    by default the whole text is tagged paragraph by paragraph (split at blank lines: no expression
    runs across one, and the prefilter then skips the rules a paragraph cannot match). Offsets are
    into ``text``. Expressions are resolved in
    reading order, so "at the time" takes the value of the last calendar date before it.
    """
    ctx = Context(text=text, dct=dct)
    out: list[Timex] = []
    folded = _fold(text)
    for start, end in spans or paragraphs(text):
        for s, e, order, m in _candidates(text, start, end, folded=folded):
            name, _pattern, fn = RULES[order]
            result = fn(m, ctx)
            if result is None:
                continue
            type_, value, anchor, *rng = result
            out.append(Timex(s, e, text[s:e], type_, value, anchor, name, *rng))
            covered = covers(rng[1] if rng else value) if type_ in ("DATE", "DURATION") else None
            if covered and anchor != "previous":
                ctx.previous = (rng[0] if rng else value)
                ctx.previous_last_day = covered[1]
                ctx.previous_end = e
    return out


def covers(value: str) -> tuple[str, str] | None:
    """First and last day (ISO) that a DATE value covers; None for vague values and non-dates.

    Days, ISO weeks, months and years, and also quarters (2021-Q4), halves (2022-H2) and seasons
    (2021-SU; winter 2021 runs from December 2020 to February 2021), because the timeline needs a
    span for every date.
    """
    plain = _covers(value)
    if plain:
        return plain
    m = re.fullmatch(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)", value)
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    if part[0] in "QH":
        n, size = int(part[1]), 3 if part[0] == "Q" else 6
        first, last = (n - 1) * size + 1, n * size
    else:
        first, last = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}[part]
    first_year = year - 1 if part == "WI" else year
    return dt.date(first_year, first, 1).isoformat(), month_last_day(year, last).isoformat()


# ----------------------------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------------------------

COLUMNS = ["start", "end", "text", "type", "value"]
USAGE = "python -m lib timex FILE --dct YYYY-MM-DD"


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line (an InputError), not usage text plus an exit."""

    def error(self, message: str):
        raise InputError("python -m lib timex", f"{message} (usage: {USAGE})")


def main(argv: list[str]) -> int:
    """``python -m lib timex FILE --dct YYYY-MM-DD``: CSV of the expressions found, on stdout."""
    parser = _Parser(
        prog="python -m lib timex",
        description="Tag temporal expressions in a UTF-8 text file and print them as CSV "
                    "(start,end,text,type,value; offsets into the file's text).")
    parser.add_argument("file", help="UTF-8 plain-text file")
    parser.add_argument("--dct", required=True,
                        help="document creation time (publication date), YYYY-MM-DD: relative "
                             "expressions such as 'last week' are resolved against it")
    args = parser.parse_args(argv)
    try:
        dct = dt.date.fromisoformat(args.dct)
    except ValueError:
        raise InputError("--dct", f"{args.dct!r} is not a date in the form YYYY-MM-DD") from None
    if os.path.isdir(args.file):
        raise InputError(args.file, "is a folder; give the path of a UTF-8 text file")
    if not os.path.isfile(args.file):
        raise InputError(args.file, "no such file (give the path of a UTF-8 text file)")
    try:
        with open(args.file, encoding="utf-8") as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        raise InputError(args.file, f"not UTF-8 (byte {exc.object[exc.start]:#04x} at offset {exc.start}); "
                                    "re-save it as UTF-8") from None
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    try:
        writer.writeheader()
        for timex in tag(text, dct):
            writer.writerow(timex._asdict())
        sys.stdout.flush()
    except BrokenPipeError:   # the reader stopped early (``| head``): not an error
        sys.stdout = open(os.devnull, "w")
    return 0


# ----------------------------------------------------------------------------------------------
# Articles, gold annotations and evaluation
# ----------------------------------------------------------------------------------------------

TIMEX_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "type", "value", "anchor", "rule",
                 "range_start", "range_end"]


def tag_articles(articles: "pd.DataFrame", sentences: "pd.DataFrame") -> "pd.DataFrame":
    """``results/timex.csv``: every expression in the body sentences, resolved against ``published``.

    Columns: ``doc_id, sent_id, start, end, text, type, value, anchor`` (the contract) plus the
    ``rule`` that matched and ``range_start``/``range_end`` for ranges. An article without a
    publication date is skipped rather than resolved against a guess, and so is one without body
    sentences.

    The sentences are grouped by article once, and each expression's sentence is found by bisection
    on the sentence starts (linear in the corpus size; filtering the whole table per article and per
    expression grew with its square). The sentence is the first one in table order that contains the
    expression, as it always was; the spans are tagged in table order.
    """
    import pandas as pd

    groups = {doc: (list(g["start"]), list(g["end"]), list(g["sent_id"]))
              for doc, g in sentences.groupby("doc_id", sort=False)}
    rows = []
    for art in articles.itertuples():
        if not isinstance(art.published, str) or not art.published:
            continue
        starts, ends, ids = groups.get(art.doc_id, ([], [], []))
        if not starts:   # no body sentence: nothing to tag (``tag`` given no spans would tag the whole text)
            continue
        # Bisection finds the first containing sentence only when the sentences are in order and disjoint.
        ordered = all(starts[k] <= ends[k] <= starts[k + 1] for k in range(len(starts) - 1))
        for timex in tag(art.text, dt.date.fromisoformat(art.published), list(zip(starts, ends))):
            i = bisect.bisect_right(starts, timex.start) - 1 if ordered else -1
            if not (i >= 0 and ends[i] >= timex.end):
                i = next(k for k in range(len(starts)) if starts[k] <= timex.start and ends[k] >= timex.end)
            rows.append(dict(doc_id=art.doc_id, sent_id=int(ids[i]), **timex._asdict()))
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


def tag_passages(passages: "pd.DataFrame") -> "pd.DataFrame":
    """Tag a table of passages (``passage_id, dct, text``): one row per expression found."""
    import pandas as pd

    rows = []
    for p in passages.itertuples():
        for timex in tag(p.text, dt.date.fromisoformat(p.dct)):
            rows.append(dict(passage_id=p.passage_id, **timex._asdict()))
    return pd.DataFrame(rows, columns=["passage_id"] + TIMEX_COLUMNS[2:])


def read_annotation(name: str, folder: "Path | None" = None) -> "pd.DataFrame":
    """An annotation table from ``folder`` (default ``corpus/annotations/``) with ids and TIMEX
    values kept as text and offsets as integers (:func:`lib.core.annotations.read`)."""
    from pathlib import Path

    from ..core import annotations

    folder = Path(folder) if folder else annotations.folder()
    return annotations.read(folder / name, text_columns=("doc_id", "passage_id", "value"))


def dateparser_baseline(texts: "pd.DataFrame", key: str) -> "pd.DataFrame":
    """What ``dateparser.search.search_dates`` finds in each text, as spans and a date.

    ``texts`` has ``key`` (doc_id or passage_id), ``start`` (offset of the text in its document),
    ``text`` and ``dct``. dateparser returns matched strings without offsets: each is located in the
    text left to right. Settings: English only, ``RELATIVE_BASE`` = the DCT, as a user would call it.
    """
    import pandas as pd
    from dateparser.search import search_dates   # imported here: it takes a second to load

    rows = []
    for t in texts.itertuples():
        if not isinstance(t.dct, str) or not t.dct:
            continue   # no publication date: nothing to resolve against
        base = dt.datetime.combine(dt.date.fromisoformat(t.dct), dt.time())
        found = search_dates(t.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        cursor = 0
        for string, when in found:
            at = t.text.find(string, cursor)
            if at < 0:
                continue
            cursor = at + len(string)
            rows.append({key: getattr(t, key), "start": t.start + at, "end": t.start + cursor,
                         "text": string, "date": when.date().isoformat()})
    return pd.DataFrame(rows, columns=[key, "start", "end", "text", "date"])


def value_matches(gold_value: str, predicted: str, predicted_is_day: bool = False) -> bool:
    """Whether a predicted value is right. A tagger value must equal the gold value; a baseline
    day (dateparser gives a full datetime) counts as right when it falls inside the gold date's
    span, which is generous to the baseline (it is never penalised for false precision)."""
    if not predicted_is_day:
        return predicted == gold_value
    span = covers(gold_value)
    return bool(span) and span[0] <= predicted <= span[1]


def score(gold: "pd.DataFrame", predicted: "pd.DataFrame", key: str, value_column: str = "value",
          predicted_is_day: bool = False) -> dict:
    """Extraction precision, recall and F1 (strict: same span; relaxed: overlapping span) and
    value accuracy (share of relaxed matches whose value is right), plus the matched pairs.

    Each gold expression is paired with at most one prediction (the first overlapping one).
    """
    import pandas as pd

    pairs = []
    used: set[int] = set()
    for g in gold.itertuples():
        same = predicted[(predicted[key] == getattr(g, key)) & (predicted["start"] < g.end) & (predicted["end"] > g.start)]
        same = same[~same.index.isin(used)]
        if len(same):
            p = same.iloc[0]
            used.add(same.index[0])
            ok = value_matches(g.value, str(p[value_column]), predicted_is_day)
            if getattr(g, "range_start", "") and not predicted_is_day:   # a range must get its days right too
                ok = ok and (p["range_start"], p["range_end"]) == (g.range_start, g.range_end)
            pairs.append(dict(key=getattr(g, key), gold_text=g.text, gold_value=g.value, text=p["text"],
                              type=p.get("type", ""), value=p[value_column], strict=(p["start"], p["end"]) == (g.start, g.end),
                              value_ok=ok))
        else:
            pairs.append(dict(key=getattr(g, key), gold_text=g.text, gold_value=g.value, text="", type="",
                              value="", strict=False, value_ok=False))
    pairs = pd.DataFrame(pairs)
    matched = pairs[pairs["text"] != ""]
    out = {"n_gold": len(gold), "n_predicted": len(predicted)}
    for kind, hits in (("strict", int(pairs["strict"].sum())), ("relaxed", len(matched))):
        precision = hits / len(predicted) if len(predicted) else 0.0
        recall = hits / len(gold) if len(gold) else 0.0
        out[f"{kind}_precision"] = precision
        out[f"{kind}_recall"] = recall
        out[f"{kind}_f1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out["value_accuracy"] = float(matched["value_ok"].mean()) if len(matched) else 0.0
    out["value_correct_of_gold"] = float(pairs["value_ok"].sum() / len(gold)) if len(gold) else 0.0
    return {"scores": out, "pairs": pairs,
            "false_positives": predicted[~predicted.index.isin(used)]}


#: Rules (or parts of rules) that exist only because of the five Geneva articles: without them the
#: five-article score would be lower, and nothing says they help on other news.
WRITTEN_FOR_THIS_CORPUS = {
    "future_ref_expiry": "'upon its expiry' (000 s9) tagged as FUTURE_REF; rare in news as a time expression",
    "relative_unit + same_sentence_year": "'in this year' after a year in the same sentence means that year "
                                          "(003 s22: 'in 1991 ... in this year')",
    "past_ref_recently (not after 'as')": "'As recently as April 2021' (002 s7): 'recently' is part of the "
                                          "comparison, so it is not tagged on its own",
    "future_ref_soon ('anytime soon')": "'anytime soon' (000 s15) tagged as one expression",
    "previous_reference ('around that time')": "'around that time' (000 s17) anchored to the previous date; "
                                               "'at the time' (003 s13-14) is common news usage",
}


#: The held-out passages test the tagger, not a corpus: they stay with the project whatever corpus runs.


def evaluate(articles: "pd.DataFrame", sentences: "pd.DataFrame", folder: "Path | None" = None,
             baseline: bool = True) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """Score the tagger (and dateparser) on the corpus's gold and on the two held-out sets.

    The corpus gold (``timex_gold.csv``, dataset "five articles") is used when the corpus has one;
    the held-out passages always come from the project's own ``corpus/``. Returns ``(scores, errors)``:
    ``scores`` in long form (``dataset, method, metric, value``); ``errors`` lists every tagger
    mistake (missed, extra, wrong span, wrong value).
    """
    from pathlib import Path

    import pandas as pd

    from ..core import annotations, paths

    heldout_folder = annotations.folder(paths.ROOT / "corpus")
    passages = read_annotation("timex_heldout_passages.csv", heldout_folder)
    heldout = read_annotation("timex_heldout_gold.csv", heldout_folder)
    tagged_passages = tag_passages(passages)
    sets = {}
    folder = Path(folder) if folder else annotations.folder()
    if (folder / "timex_gold.csv").is_file():
        sets["five articles"] = (read_annotation("timex_gold.csv", folder), tag_articles(articles, sentences),
                                 "doc_id")
    for name, prefix in (("held-out A", "h"), ("held-out B", "b")):
        sets[name] = (heldout[heldout["passage_id"].str.startswith(prefix)],
                      tagged_passages[tagged_passages["passage_id"].str.startswith(prefix)], "passage_id")
    if baseline:
        texts = sentences.merge(articles[["doc_id", "published"]], on="doc_id").rename(columns={"published": "dct"})
        base_articles = dateparser_baseline(texts, "doc_id") if "five articles" in sets else None
        base_passages = dateparser_baseline(passages.assign(start=0), "passage_id")
    rows, errors = [], []
    for name, (g, predicted, key) in sets.items():
        result = score(g.reset_index(drop=True), predicted.reset_index(drop=True), key)
        runs = [("rules (lib.temporal)", result)]
        if baseline:
            base = base_articles if key == "doc_id" else base_passages[base_passages["passage_id"].isin(g[key])]
            runs.append(("dateparser search_dates", score(g.reset_index(drop=True), base.reset_index(drop=True),
                                                          key, "date", predicted_is_day=True)))
        for method, res in runs:
            rows += [dict(dataset=name, method=method, metric=k, value=v) for k, v in res["scores"].items()]
        pairs = result["pairs"]
        bad = pairs[(pairs["text"] == "") | ~pairs["strict"] | ~pairs["value_ok"]]
        for p in bad.itertuples():
            kind = "missed" if p.text == "" else ("wrong value" if not p.value_ok else "wrong span")
            errors.append(dict(dataset=name, id=p.key, error=kind, gold_text=p.gold_text, gold_value=p.gold_value,
                               found_text=p.text, found_value=p.value))
        for fp in result["false_positives"].itertuples():
            errors.append(dict(dataset=name, id=getattr(fp, key), error="extra", gold_text="", gold_value="",
                               found_text=fp.text, found_value=fp.value))
    return pd.DataFrame(rows), pd.DataFrame(errors, columns=["dataset", "id", "error", "gold_text", "gold_value",
                                                             "found_text", "found_value"])
