"""The cleaner against the reference labels of every line of the five articles."""

import pandas as pd
import pytest

from lib.core import paths
from lib.corpus import clean, load


@pytest.fixture(scope="module")
def decisions():
    articles = load.load()
    labels = pd.read_csv(paths.ROOT / "corpus/annotations/line_labels.csv", dtype=str)
    rows = []
    for art in articles.itertuples():
        decided = {line.line_no: line.kind for line in clean.classify_lines(art.text)}
        for lab in labels[labels["doc_id"] == art.doc_id].itertuples():
            assert art.text[int(lab.start):int(lab.end)].strip(), "a label points at a blank span"
            rows.append((art.doc_id, int(lab.line_no), lab.label, decided.get(int(lab.line_no), "missing")))
        assert set(decided) == set(labels.loc[labels["doc_id"] == art.doc_id, "line_no"].astype(int))
    return pd.DataFrame(rows, columns=["doc_id", "line_no", "reference", "cleaner"])


def test_no_body_line_is_lost(decisions):
    lost = decisions[(decisions["reference"] == "body") & (decisions["cleaner"] != "body")]
    assert lost.empty, lost.to_string()


def test_no_boilerplate_line_is_kept(decisions):
    kept = decisions[(decisions["reference"] == "boilerplate") & (decisions["cleaner"] != "boilerplate")]
    assert kept.empty, kept.to_string()


def test_titles_and_headings_are_not_body(decisions):
    assert (decisions["reference"] == decisions["cleaner"]).all()


@pytest.mark.parametrize("line, rule", [
    ("By [Andrew Korybko](#)", "byline"),
    ("Global Research, June 17, 2021", "dateline"),
    ("| June 04, 2021", "dateline"),
    ("Note to readers: Please click the share buttons above or below.", "note_to_readers"),
    ("Copyright © [Andrew Korybko](#), Global Research, 2021", "copyright"),
    ("[Become a Member of Global Research](#)", "link_only"),
    ("Julian Fisher is a Policy Analyst at the Russian Public Affairs Committee (Ru-PAC).", "author_bio"),
    ("Please enter your comment!", "comment_form"),
    ("Related news", "related_links"),
    ('Saradzhyan, Simon. "Potential Fruits of the Biden-Putin Summit," Russia Matters, June 4, 2021.', "citation"),
])
def test_boilerplate_rules_by_example(line, rule):
    assert clean.boilerplate_rule(line) == rule


@pytest.mark.parametrize("line", [
    "Biden said the meeting in Geneva was good, positive and not hyperbolic.",
    "By the end of the meeting, both sides had agreed to return their ambassadors.",
    "Russia is a great power, Putin said.",
])
def test_prose_is_not_boilerplate(line):
    assert clean.boilerplate_rule(line) == ""


def test_headings_versus_sentences():
    assert clean.is_heading("Low-Hanging Fruit")
    assert clean.is_heading("What Could Go Wrong?")
    assert not clean.is_heading("A moment of hope for the future of US-Russia relations.")


def test_a_sentence_cut_by_a_paragraph_break_is_one_paragraph():
    raw = "Title\n\nIt will take some time to make progress\n\non the Russian front, if at all.\n"
    units = clean.units(raw)
    body = units[units["kind"] == "body"]
    assert len(body) == 1 and body.iloc[0]["rule"] == "joined_across_break"
    assert raw[body.iloc[0]["start"]:body.iloc[0]["end"]].endswith("if at all.")


def test_body_paragraphs_are_the_body_units(articles):
    for raw in articles["text"]:
        table = clean.units(raw)
        body = table[table["kind"] == "body"]
        assert clean.body_paragraphs(raw) == list(zip(body["unit_id"], body["start"], body["end"]))
        assert len(body) > 0


def test_normalise_keeps_length_and_offsets():
    text = "Biden\u2019s \u201cclear\u201d\u00a0view \u2013 yes"
    assert clean.normalise(text) == "Biden's \"clear\" view - yes"
    assert len(clean.normalise(text)) == len(text)
