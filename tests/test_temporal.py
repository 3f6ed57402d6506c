"""Tests for lib.timeline.tagger: each rule on its own, the traps, the command line, and the scores.

Read as examples: ``values("text", "YYYY-MM-DD")`` shows what the tagger makes of a sentence
published on that day.
"""

import datetime as dt
import subprocess
import sys

import pandas as pd
import pytest

from lib import cli
from lib.core import paths
from lib.core.errors import InputError
from lib.timeline import tagger


def values(text: str, dct: str) -> list[tuple[str, str, str]]:
    """(text, type, value) of every expression found in ``text`` published on ``dct``."""
    return [(t.text, t.type, t.value) for t in tagger.tag(text, dt.date.fromisoformat(dct))]


# --- calendar dates ------------------------------------------------------------------------------

def test_full_date_needs_no_anchor():
    (timex,) = tagger.tag("It began on May 3, 1967.", dt.date(2017, 5, 30))
    assert (timex.text, timex.value, timex.anchor, timex.rule) == ("May 3, 1967", "1967-05-03", "absolute",
                                                                   "date_month_day_year")


def test_year_less_date_resolves_to_the_dct_year_not_the_year_before():
    # The trap: written on 4 June 2021, "June 16" is 12 days ahead, not a year back.
    assert values("when the two leaders meet in Switzerland on June 16.", "2021-06-04") == [
        ("June 16", "DATE", "2021-06-16")]
    assert values("after having been reelected on May 26", "2021-06-04") == [("May 26", "DATE", "2021-05-26")]


def test_year_less_date_follows_tense_across_new_year():
    assert values("Talks resume on January 5.", "2020-12-20")[0][2] == "2021-01-05"
    assert values("The deal was signed on December 28.", "2021-01-04")[0][2] == "2020-12-28"


def test_ordinal_suffix_and_day_month_order():
    assert values("the June 16th meeting", "2021-06-17") == [("June 16th", "DATE", "2021-06-16")]
    assert values("on 14 June 2021", "2021-06-17") == [("14 June 2021", "DATE", "2021-06-14")]


def test_range_is_one_duration_with_its_first_and_last_day():
    (timex,) = tagger.tag("the NATO summit in Brussels on June 11-14, before", dt.date(2021, 6, 4))
    assert (timex.text, timex.type, timex.value) == ("June 11-14", "DURATION", "P4D")
    assert (timex.range_start, timex.range_end) == ("2021-06-11", "2021-06-14")


def test_a_proper_name_ending_in_ed_is_no_past_tense_cue():
    # 'United Kingdom' once pushed "June 11-14" back to 2020.
    (timex,) = tagger.tag("the G7 summit in the United Kingdom on June 11-14", dt.date(2021, 6, 4))
    assert timex.range_start == "2021-06-11"


def test_month_and_year():
    assert values("As recently as April 2021, Biden", "2021-06-16") == [("April 2021", "DATE", "2021-04")]
    assert values("During the March 2011 meeting", "2021-06-04") == [("March 2011", "DATE", "2011-03")]


def test_bare_month_needs_a_preposition_or_modifier():
    assert values("a summit the U.S. leader organized in April", "2021-06-04") == [("April", "DATE", "2021-04")]
    assert values("They already tried this April.", "2021-06-17") == [("this April", "DATE", "2021-04")]
    assert values("Rainfall since January has been low.", "2022-07-19") == [("January", "DATE", "2022-01")]
    assert values("It rises in mid-July.", "2021-08-30") == [("mid-July", "DATE", "2021-07")]


# --- the traps -----------------------------------------------------------------------------------

def test_may_the_modal_is_not_a_month():
    assert values("It may also be time for the United States to act.", "2021-06-04") == []
    assert values("a GRU unit may have been involved", "2021-06-04") == []
    assert values("May said on Sunday that talks would start.", "2017-04-03") == [("Sunday", "DATE", "2017-04-02")]


def test_march_the_verb_is_not_a_month():
    assert values("Marchers will march through the capital.", "2017-05-30") == []
    assert values("March through the streets, they said.", "2017-05-30") == []


def test_we_and_second_are_not_times():
    assert values("Nor should we hope for any major progress.", "2021-06-04") == []
    assert values("The second round of talks and a second team.", "2021-06-04") == []


# --- relative dates ------------------------------------------------------------------------------

def test_weekday_in_a_past_sentence_points_back():
    assert values("On Wednesday Biden and Putin met for the first time.", "2021-06-17") == [
        ("Wednesday", "DATE", "2021-06-16")]


def test_weekday_in_a_forward_looking_sentence_points_ahead():
    assert values("The ministers will meet again on Friday.", "2019-03-12") == [("Friday", "DATE", "2019-03-15")]
    assert values("His successor will be sworn in on Monday.", "2014-02-18") == [("Monday", "DATE", "2014-02-24")]


def test_weekday_with_last_next_and_part_of_day():
    assert values("He resigned last Thursday.", "2014-02-18") == [("last Thursday", "DATE", "2014-02-13")]
    assert values("It opens next Tuesday.", "2020-11-03") == [("next Tuesday", "DATE", "2020-11-10")]
    assert values("Rebels shelled it on Sunday evening.", "2015-01-09") == [("Sunday evening", "TIME", "2015-01-04TEV")]


def test_deictic_days():
    assert values("Earlier today, Biden met Putin.", "2021-06-16") == [("Earlier today", "DATE", "2021-06-16")]
    assert values("The team arrived yesterday.", "2023-10-16") == [("yesterday", "DATE", "2023-10-15")]
    assert values("She will speak tonight.", "2018-08-16") == [("tonight", "TIME", "2018-08-16TNI")]
    assert values("he said this morning", "2022-01-20") == [("this morning", "TIME", "2022-01-20TMO")]


def test_relative_units():
    assert values("He travelled to the United Kingdom last week.", "2021-06-17") == [("last week", "DATE", "2021-W23")]
    assert values("They return next month.", "2021-02-10") == [("next month", "DATE", "2021-03")]
    assert values("This year the festival is off.", "2020-04-22") == [("This year", "DATE", "2020")]
    assert values("she said earlier this week", "2018-08-16") == [("earlier this week", "DATE", "2018-W33")]


def test_ago_and_in_n_units():
    assert values("Two years ago the city promised a bridge.", "2020-09-02") == [("Two years ago", "DATE", "2018")]
    assert values("They left three days ago.", "2011-05-06") == [("three days ago", "DATE", "2011-05-03")]
    assert values("gas supplies could begin in 10 days", "2021-06-04") == [("in 10 days", "DATE", "2021-06-14")]


def test_seasons_quarters_halves_fiscal_years():
    assert values("work starts next spring", "2020-09-02") == [("next spring", "DATE", "2021-SP")]
    assert values("since the autumn of 2017", "2019-03-12") == [("the autumn of 2017", "DATE", "2017-FA")]
    assert values("Officials said last summer", "2020-11-03") == [("last summer", "DATE", "2020-SU")]
    assert values("It was cold last winter", "2020-11-03") == [("last winter", "DATE", "2020-WI")]
    assert values("It will be cold this winter", "2020-12-10") == [("this winter", "DATE", "2021-WI")]
    assert values("in the second half of 2022", "2022-01-20") == [("the second half of 2022", "DATE", "2022-H2")]
    assert values("a budget for fiscal 2014", "2013-10-01") == [("fiscal 2014", "DATE", "FY2014")]


def test_years_decades_centuries():
    assert values("recognised in 1803, and relations in 1809", "2021-06-17") == [
        ("1803", "DATE", "1803"), ("1809", "DATE", "1809")]
    assert values("Sales in the 1990s", "2016-12-01") == [("the 1990s", "DATE", "199")]
    assert values("dates back to the 19th century", "2021-06-17") == [("the 19th century", "DATE", "18")]
    assert values("It cost $2021 and 2021 people came.", "2021-06-17") == []


def test_previous_anchor():
    tagged = tagger.tag("His first meeting was in 2001. He was chairman at the time.", dt.date(2021, 6, 17))
    assert [(t.text, t.value, t.anchor) for t in tagged] == [("2001", "2001", "absolute"),
                                                            ("at the time", "2001", "previous")]
    tagged = tagger.tag("In 1991, the US recognised Russia after the Soviet Union ended in this year.",
                          dt.date(2021, 6, 17))
    assert [(t.text, t.value, t.anchor) for t in tagged][-1] == ("this year", "1991", "previous")


def test_durations():
    assert values("More than a decade has passed", "2021-06-04") == [("More than a decade", "DURATION", "P10Y")]
    assert values("over the last few years", "2021-06-17") == [("the last few years", "DURATION", "PXY")]
    assert values("strained for a number of years now", "2021-06-17") == [
        ("a number of years", "DURATION", "PXY"), ("now", "DATE", "PRESENT_REF")]
    assert values("Over the past week, rescuers", "2023-10-16") == [("the past week", "DURATION", "P1W")]
    assert values("delayed for months", "2017-09-14") == [("months", "DURATION", "PXM")]


def test_vague_references():
    assert values("have recently signaled", "2021-06-04") == [("recently", "DATE", "PAST_REF")]
    assert values("there would soon be consultations", "2021-06-16") == [("soon", "DATE", "FUTURE_REF")]
    assert values("Soon after, the meat supplier", "2021-06-16") == []
    assert values("In recent years, both governments", "2021-06-16") == [("recent years", "DATE", "PAST_REF")]
    assert values("relations in the past, there are", "2021-06-17") == [("the past", "DATE", "PAST_REF")]


def test_times_of_day_and_sets():
    assert values("Polls closed at 8 p.m. and counting went on until midnight", "2018-11-07") == [
        ("8 p.m.", "TIME", "2018-11-07T20:00"), ("midnight", "TIME", "2018-11-07T24:00")]
    assert values("It shut at 12:01 a.m.", "2013-10-01") == [("12:01 a.m.", "TIME", "2013-10-01T00:01")]
    assert values("The board meets every Monday and reports annually.", "2018-03-28") == [
        ("every Monday", "SET", "XXXX-WXX-1"), ("annually", "SET", "P1Y")]


def test_holidays():
    assert values("Shops open on Black Friday.", "2022-11-24") == [("Black Friday", "DATE", "2022-11-25")]
    assert values("The bill passed before Thanksgiving last year, in 2020.", "2021-11-15")[0] == (
        "Thanksgiving", "DATE", "2020-11-26")


def test_covers_gives_first_and_last_day():
    assert tagger.covers("2021-W24") == ("2021-06-14", "2021-06-20")
    assert tagger.covers("2021-02") == ("2021-02-01", "2021-02-28")
    assert tagger.covers("2020-WI") == ("2019-12-01", "2020-02-29")
    assert tagger.covers("2021-Q4") == ("2021-10-01", "2021-12-31")
    assert tagger.covers("PAST_REF") is None


# --- a weekday with its date; future and past around the DCT (issue 14) ----------------------------

def test_a_weekday_followed_by_its_date_is_one_expression():
    # Written on 4 June 2021: "Friday, June 18" is one date, not a past Friday and a date.
    assert values("The leaders will meet on Friday, June 18, in Geneva.", "2021-06-04") == [
        ("Friday, June 18", "DATE", "2021-06-18")]
    assert values("It ended on Wednesday 16 June 2021.", "2021-07-01") == [
        ("Wednesday 16 June 2021", "DATE", "2021-06-16")]
    assert values("Markets fell on Friday, Oct. 13.", "1989-10-27") == [("Friday, Oct. 13", "DATE", "1989-10-13")]


def test_the_weekday_chooses_the_year_of_a_year_less_date():
    # Sunday, January 3 was a Sunday in 2021, not in 2020 or 2022: the weekday settles the year even
    # though the past-tense verb alone would have pointed back to 2020.
    assert values("Talks were held on Sunday, January 3.", "2020-12-20") == [
        ("Sunday, January 3", "DATE", "2021-01-03")]


def test_a_future_marker_resolves_a_year_less_date_forward_and_a_past_report_back():
    dct = "2021-06-04"
    for marker in ("will meet", "is due to meet", "is set to meet", "are scheduled to meet"):
        assert values(f"The presidents {marker} on June 2.", dct)[0][2] == "2022-06-02", marker
    assert values("The presidents met on June 2.", dct)[0][2] == "2021-06-02"
    assert values("The presidents met on June 16.", dct)[0][2] == "2020-06-16"
    assert values("The summit is next Wednesday.", dct) == [("next Wednesday", "DATE", "2021-06-09")]


def test_a_reporting_verb_after_the_date_does_not_set_its_tense():
    # "officials said" is when they spoke; "will meet" governs the date.
    assert values("The two will meet on Wednesday, June 16, officials said.", "2021-06-04")[0] == (
        "Wednesday, June 16", "DATE", "2021-06-16")
    assert values("Putin will travel to Geneva on June 15, the Kremlin said.", "2021-06-04")[0][2] == "2021-06-15"
    # right before the expression it does: "said Thursday" is the day of the saying
    assert values("Saddam will withdraw his troops, his envoy said Thursday.", "1990-08-15")[0] == (
        "Thursday", "DATE", "1990-08-09")


def test_a_hyphenated_quarter_is_a_quarter():
    assert values("Its third-quarter profit fell.", "1989-10-26") == [("third-quarter", "DATE", "1989-Q3")]


def test_with_no_tense_cue_the_earlier_candidate_wins_unless_the_later_is_much_closer():
    # Written in late October: "in March" is the March before; "Dec. 1" (five weeks on) is ahead.
    assert values("Prices peaked in March.", "1989-10-30")[0][2] == "1989-03"
    assert values("The deal closes Dec. 1.", "1989-10-26")[0][2] == "1989-12-01"


def test_business_quarters():
    dct = "1989-10-26"
    assert values("Earnings for the quarter rose 5%.", dct) == [("the quarter", "DATE", "1989-Q3")]
    assert values("Profit fell from the year-ago period.", dct) == [("the year-ago period", "DATE", "1988-Q3")]
    assert values("It expects a loss in the current quarter.", dct)[0][2] == "1989-Q4"
    assert values("Sales rose for several quarters.", dct) == [("several quarters", "DURATION", "PXQ")]
    assert values("Last quarter, sales rose.", dct) == [("Last quarter", "DATE", "1989-Q3")]
    assert values("A quarter of the voters stayed home.", dct) == []   # a share, not a time
    assert values("Profit rose in the third quarter, up from $5 million a year earlier.", dct) == [
        ("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")]


def test_more_relative_expressions():
    assert values("He spoke last night.", "1998-02-13") == [("last night", "TIME", "1998-02-12TNI")]
    assert values("They met years ago.", "1998-02-13") == [("years ago", "DATE", "PAST_REF")]
    assert values("It began in June last year.", "1998-02-13") == [("June last year", "DATE", "1997-06")]
    assert values("Music of the nineties.", "1998-02-13") == [("the nineties", "DATE", "199")]
    assert values("Over the next couple of years it grew.", "1998-02-13") == [
        ("the next couple of years", "DURATION", "P2Y")]
    assert values("It opened in 1990 and closed the following year.", "1998-02-13") == [
        ("1990", "DATE", "1990"), ("the following year", "DATE", "1991")]
    # Sunday 22 March 1998: the weekend just begun; a past report points to it, a future one too
    assert values("Talks resume after the weekend.", "1998-03-19")[0][2] == "1998-W12-WE"
    assert values("Protesters rallied over the weekend.", "1998-03-23")[0][2] == "1998-W12-WE"


def test_no_expression_runs_across_a_blank_line():
    assert tagger.paragraphs("a\n\n b\n  \nc\n") == [(0, 1), (4, 5), (9, 11)]
    assert values("He came in June\n\n16 people left.", "2021-06-20") == [("June", "DATE", "2021-06")]


# --- command line --------------------------------------------------------------------------------

def test_cli_prints_csv(tmp_path, capsys):
    path = tmp_path / "news.txt"
    path.write_text("We may meet on Friday, two weeks after June 11-14.", encoding="utf-8")
    assert tagger.main([str(path), "--dct", "2021-06-16"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "start,end,text,type,value"
    assert lines[1:] == ["15,21,Friday,DATE,2021-06-18", "23,32,two weeks,DURATION,P2W",
                         "39,49,June 11-14,DURATION,P4D"]


@pytest.mark.parametrize("argv, message", [
    (["--dct", "2021-06-16"], "usage"),
    (["missing.txt", "--dct", "2021-06-16"], "no such file"),
    (["FILE", "--dct", "16/06/2021"], "is not a date"),
])
def test_cli_bad_input_gives_one_line(argv, message, tmp_path, capsys):
    good = tmp_path / "a.txt"
    good.write_text("today", encoding="utf-8")
    argv = [str(good) if a == "FILE" else str(tmp_path / a) if a.endswith(".txt") else a for a in argv]
    status = cli.main(["timex"] + argv)
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_cli_imports_no_table_or_plotting_library(tmp_path):
    """``python -m lib timex`` loads only what tagging needs: start-up is most of its time on a file."""
    path = tmp_path / "news.txt"
    path.write_text("The summit is on Wednesday, June 16.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "lib", "timex", str(path), "--dct", "2021-06-04"],
                         cwd=paths.ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "2021-06-16" in run.stdout
    imported = {line.split("|")[-1].strip().split(".")[0] for line in run.stderr.splitlines() if "|" in line}
    assert "lib" in imported and "re" in imported   # the import log was read
    assert not imported & {"pandas", "numpy", "sklearn", "matplotlib", "scipy", "nltk", "dateparser"}
    assert not imported & {"dataclasses", "inspect", "pathlib"}   # a few ms each (benchmarks/README.md)


def test_cli_rejects_non_utf8(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gen\xe8ve, June 16".encode("latin-1"))
    assert cli.main(["timex", str(path), "--dct", "2021-06-16"]) == 2
    err = capsys.readouterr().err.strip()
    assert "not UTF-8" in err and len(err.splitlines()) == 1


# --- gold annotation and scores --------------------------------------------------------------------

def test_gold_spans_match_the_raw_text_and_the_segmenter(articles, sentences):
    gold = tagger.read_annotation("timex_gold.csv")
    raw = articles.set_index("doc_id")["text"]
    assert all(raw[g.doc_id][g.start:g.end] == g.text for g in gold.itertuples())
    known = set(zip(sentences["doc_id"], sentences["sent_id"], sentences["start"], sentences["end"]))
    assert all((g.doc_id, g.sent_id, g.sent_start, g.sent_end) in known for g in gold.itertuples())
    assert set(gold["type"]) <= {"DATE", "TIME", "DURATION", "SET"}
    assert set(gold["coder"]) == {"helper-timeline"}


def test_heldout_gold_spans_match_their_passages():
    passages = tagger.read_annotation("timex_heldout_passages.csv").set_index("passage_id")["text"]
    gold = tagger.read_annotation("timex_heldout_gold.csv")
    assert all(passages[g.passage_id][g.start:g.end] == g.text for g in gold.itertuples())


def test_score_counts_strict_and_relaxed_matches():
    gold = pd.DataFrame(dict(doc_id=["x", "x"], start=[0, 10], end=[5, 20], text=["a", "b"], value=["1", "2"]))
    found = pd.DataFrame(dict(doc_id=["x", "x", "x"], start=[0, 12, 30], end=[5, 20, 31], text=["a", "b'", "c"],
                              value=["1", "9", "3"]))
    s = tagger.score(gold, found, "doc_id")["scores"]
    assert s["strict_precision"] == pytest.approx(1 / 3) and s["strict_recall"] == pytest.approx(1 / 2)
    assert s["relaxed_precision"] == pytest.approx(2 / 3) and s["relaxed_recall"] == 1.0
    assert s["value_accuracy"] == pytest.approx(1 / 2)


@pytest.fixture(scope="module")
def evaluation(articles, sentences):
    scores, errors = tagger.evaluate(articles, sentences)
    return scores.set_index(["dataset", "method", "metric"])["value"], errors


def test_targets_on_the_five_articles(evaluation):
    scores, _ = evaluation
    rules, base = "rules (lib.temporal)", "dateparser search_dates"
    assert scores["five articles", rules, "relaxed_f1"] >= 0.95
    assert scores["five articles", rules, "strict_f1"] >= 0.95
    assert scores["five articles", rules, "value_accuracy"] >= 0.90
    assert scores["five articles", rules, "relaxed_f1"] >= scores["five articles", base, "relaxed_f1"] + 0.2
    assert scores["five articles", rules, "value_correct_of_gold"] >= 2 * scores["five articles", base,
                                                                                  "value_correct_of_gold"]


def test_development_set_a_keeps_its_floors(evaluation):
    """Passage set A ("held-out A" in the results) informed a fix after its first run, and these floors were set
    a little under its measured scores: it is a development set, and a rule change that loses accuracy on it
    fails here."""
    scores, errors = evaluation
    rules = "rules (lib.temporal)"
    assert scores["held-out A", rules, "relaxed_f1"] >= 0.95
    assert scores["held-out A", rules, "value_accuracy"] >= 0.88
    assert scores["held-out A", rules, "relaxed_f1"] > scores["held-out A", "dateparser search_dates", "relaxed_f1"]
    assert set(errors["error"]) <= {"missed", "extra", "wrong span", "wrong value"}


def test_held_out_set_b_is_scored_and_reported_never_asserted_on(evaluation):
    """Passage set B stays held out: it is scored and its scores are reported (timex_scores.csv, notebook 02), but
    no test asserts a floor on them, so no rule is ever tuned until set B passes."""
    scores, _ = evaluation
    b = scores.xs("held-out B", level="dataset")
    rates = b[b.index.get_level_values("metric").str.contains("f1|accuracy|precision|recall")]
    assert len(rates) and rates.between(0, 1).all()


def test_timex_table_follows_the_contract(articles, sentences):
    table = tagger.tag_articles(articles, sentences)
    raw = articles.set_index("doc_id")["text"]
    assert list(table.columns[:8]) == ["doc_id", "sent_id", "start", "end", "text", "type", "value", "anchor"]
    assert all(raw[r.doc_id][r.start:r.end] == r.text for r in table.itertuples())
    assert set(table["anchor"]) == {"DCT", "previous", "absolute"}


def test_a_missing_annotation_file_is_named(tmp_path):
    with pytest.raises(InputError, match="missing annotation file"):
        tagger.read_annotation("timex_gold.csv", tmp_path)


def test_a_broken_annotation_file_is_one_line_naming_it(tmp_path):
    (tmp_path / "timex_gold.csv").write_bytes(b'doc_id,start\n"001,3\n')      # an unclosed quote
    with pytest.raises(InputError, match="timex_gold.csv.*not a readable UTF-8 CSV"):
        tagger.read_annotation("timex_gold.csv", tmp_path)
    (tmp_path / "timex_gold.csv").write_bytes("doc_id,start\n001,3\n".encode("utf-16"))
    with pytest.raises(InputError, match="not a readable UTF-8 CSV"):
        tagger.read_annotation("timex_gold.csv", tmp_path)


def test_annotation_ids_stay_text_and_offsets_become_numbers():
    gold = tagger.read_annotation("timex_gold.csv")
    assert gold["doc_id"].iloc[0] == "000" and gold["start"].dtype.kind == "i"


@pytest.mark.parametrize("text, expected", [
    ("Third-quarter net income rose to $5 million. That compares with $3 million a year ago.",
     [("Third-quarter", "1989-Q3"), ("a year ago", "1988-Q3")]),          # the quarter under report
    ("Sales in September rose 4% from a year ago.", [("September", "1989-09"), ("a year ago", "1988-09")]),
    ("Third-quarter net rose. Sales were flat from a year earlier.",
     [("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]),
    ("In 1990 the plant opened; two years ago it closed.", [("1990", "1990"), ("two years ago", "1987")]),
    ("The wall fell a year ago.", [("a year ago", "1988")]),               # nothing compared: the DCT's
])
def test_a_year_ago_in_a_report_is_the_compared_period_a_year_before(text, expected):
    assert [(t.text, t.value) for t in tagger.tag(text, dt.date(1989, 10, 20))] == expected
