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


def test_the_command_line_without_the_projects_bytecode_cache_gives_the_same_output(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text("The summit is on Wednesday, June 16.", encoding="utf-8")
    dct = dt.date(2021, 6, 4)
    assert timex_cli.cli_without_project_cache(news, dct, tmp_path, repeat=1) > 0
    project_cache = tmp_path / "pycache" / paths.ROOT.relative_to(paths.ROOT.anchor)
    assert not project_cache.exists()          # deleted, and the timed runs wrote none
    assert any((tmp_path / "pycache").rglob("*.pyc"))   # the standard library's cache stayed
    assert timex_cli.cli(news, dct, tmp_path / "pycache", write_cache=False) == timex_cli.cli(news, dct)
