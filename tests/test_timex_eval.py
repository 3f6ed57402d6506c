"""Tests for lib.timeline.timex_eval: the TimeML reader, the TempEval-3 style scorer, the fixed document split
and ``python -m lib timex-eval``, on a small TimeML file written for the tests (tests/fixtures/timeml/preview.tml,
written for these tests) and, where ../shared is present, on TimeBank."""

import datetime as dt

import pandas as pd
import pytest

from lib import cli
from lib.core import paths
from lib.timeline import tagger
from lib.timeline import timex_eval

FIXTURE = paths.ROOT / "tests" / "fixtures" / "timeml"
TIMEBANK = paths.ROOT.parent / "shared" / "data" / "timebank"
needs_timebank = pytest.mark.skipif(not TIMEBANK.is_dir(), reason="TimeBank (../shared/data/timebank) is not here")


def test_reader_gives_plain_text_offsets_and_the_dct():
    doc = timex_eval.read_timeml(FIXTURE / "preview.tml")
    assert doc.dct == dt.date(2021, 6, 4)
    assert "Talks & dinner" in doc.text and "<" not in doc.text   # markup gone, entities decoded
    assert [(t["text"], t["type"], t["value"]) for t in doc.timexes] == [
        ("Wednesday, June 16", "DATE", "2021-06-16"), ("Thursday", "DATE", "2021-06-03"),
        ("four hours", "DURATION", "PT4H"), ("years ago", "DATE", "PAST_REF"), ("next week", "DATE", "2021-W23")]
    assert all(doc.text[t["start"]:t["end"]] == t["text"] for t in doc.timexes)
    assert "will meet" in doc.text   # text inside other markup (EVENT) is kept


@pytest.mark.parametrize("content, message", [
    ("<TimeML><TEXT>no end", "not well-formed XML"),
    ("<TimeML><TEXT>June 16</TEXT></TimeML>", "no <DCT>"),
    ('<TimeML><DCT><TIMEX3 value="June 4"/></DCT><TEXT>x</TEXT></TimeML>', "does not start with a date"),
    ('<TimeML><DCT><TIMEX3 value="2021-06-04"/></DCT></TimeML>', "no <TEXT>"),
])
def test_a_broken_file_is_one_line_naming_it(tmp_path, capsys, content, message):
    (tmp_path / "bad.tml").write_text(content, encoding="utf-8")
    assert cli.main(["timex-eval", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "bad.tml" in err and message in err and len(err.splitlines()) == 1


def test_a_folder_without_timeml_is_one_line(tmp_path, capsys):
    assert cli.main(["timex-eval", str(tmp_path)]) == 2
    assert "no .tml file" in capsys.readouterr().err
    assert cli.main(["timex-eval", str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().err


def table(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([dict(doc=d, start=s, end=e, text=t, type=ty, value=v) for d, s, e, t, ty, v in rows])


def test_scores_count_relaxed_strict_and_value_matches_by_type():
    gold = table([("a", 0, 10, "June 16th", "DATE", "2021-06-16"),     # found exactly, right value
                  ("a", 20, 30, "two weeks", "DURATION", "P2W"),         # found with a longer span, wrong value
                  ("a", 40, 45, "today", "DATE", "2021-06-04"),           # missed
                  ("b", 0, 6, "Friday", "DATE", "2021-06-04")])           # found in its own document only
    predicted = table([("a", 0, 10, "June 16th", "DATE", "2021-06-16"),
                       ("a", 18, 30, "in two weeks", "DATE", "2021-06-18"),
                       ("a", 50, 55, "now", "DATE", "PRESENT_REF"),       # extra
                       ("b", 0, 6, "Friday", "DATE", "2021-06-04")])
    scores, errors = timex_eval.scores(gold, predicted)
    overall = scores.set_index("type").loc["all"]
    assert (overall["n_gold"], overall["n_predicted"]) == (4, 4)
    assert overall["relaxed_precision"] == overall["relaxed_recall"] == 3 / 4
    assert overall["strict_precision"] == overall["strict_recall"] == 2 / 4
    assert overall["value_accuracy"] == pytest.approx(2 / 3)
    assert overall["value_f1"] == pytest.approx(2 / 4)
    duration = scores.set_index("type").loc["DURATION"]
    # the gold duration was found (recall 1) by a DATE prediction (no DURATION predicted: precision 0)
    assert (duration["relaxed_recall"], duration["n_predicted"], duration["relaxed_precision"]) == (1.0, 0, 0.0)
    assert sorted(errors["error"]) == ["extra", "missed", "wrong value"]
    # the interval resamples the two documents: F1 0.75 overall, 2/3 without "b", 1.0 with only "b"
    assert overall["relaxed_f1_low"] == pytest.approx(2 / 3) and overall["relaxed_f1_high"] == pytest.approx(1.0)
    assert (overall["relaxed_f1_low"], overall["relaxed_f1_high"]) == tuple(
        timex_eval.scores(gold, predicted)[0].loc[0, ["relaxed_f1_low", "relaxed_f1_high"]])   # seeded
    worst = timex_eval.worst(pd.concat([errors, errors]), 2)
    assert list(worst["count"]) == [2, 2]


def test_split_is_fixed_by_file_name():
    names = [f"doc{i}.tml" for i in range(400)]
    parts = [timex_eval.part_of(n) for n in names]
    assert parts == [timex_eval.part_of(n) for n in names]   # the same every time
    assert 0.15 < parts.count("test") / len(parts) < 0.35    # about a quarter held out


def test_cli_prints_scores_and_errors(tmp_path, capsys):
    out = tmp_path / "errors.csv"
    assert cli.main(["timex-eval", str(FIXTURE), "--errors", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "1 documents (all), 5 gold expressions" in printed and "relaxed_f1" in printed
    written = pd.read_csv(out)
    assert list(written.columns[:3]) == ["doc", "error", "gold_text"]


@needs_timebank
def test_timebank_reads_and_splits_into_dev_and_test():
    docs = timex_eval.read_folder(TIMEBANK)
    dev, test = timex_eval.read_folder(TIMEBANK, "dev"), timex_eval.read_folder(TIMEBANK, "test")
    assert len(docs) == 183 and len(dev) + len(test) == 183
    assert not {d.name for d in dev} & {d.name for d in test}
    assert sum(len(d.timexes) for d in docs) == 1243   # every TIMEX3 in <TEXT> (the DCT is not one)
    assert all(d.text[t["start"]:t["end"]] == t["text"] for d in docs for t in d.timexes)


@needs_timebank
def test_prefilter_gives_identical_tags_on_timebank(monkeypatch):
    docs = timex_eval.read_folder(TIMEBANK)
    fast = [tagger.tag(d.text, d.dct) for d in docs]
    full = tagger._candidates
    monkeypatch.setattr(tagger, "_candidates", lambda *args, **kwargs: full(*args, **{**kwargs, "prefilter": False}))
    assert fast == [tagger.tag(d.text, d.dct) for d in docs]
    assert sum(map(len, fast)) > 1000
