"""The command-line tagging benchmark builds its news text as documented (no timing here: speed is
measured by ``python -m benchmarks.timex_cli`` and recorded in benchmarks/README.md)."""

import datetime as dt

import pytest

from benchmarks import timex_cli
from lib.core import paths

FIXTURE = paths.ROOT / "tests" / "fixtures" / "timeml"


def test_news_text_is_cut_to_length_from_paragraphs_with_the_first_dct():
    text, dct = timex_cli.news_text(FIXTURE, characters=150)
    assert len(text) == 150 and dct == dt.date(2021, 6, 4)
    assert text.startswith("The two presidents will meet") and "\n\n" in text   # paragraphs kept apart


def test_too_little_text_stops_with_a_message():
    with pytest.raises(SystemExit, match="characters of text"):
        timex_cli.news_text(FIXTURE, characters=10_000)
