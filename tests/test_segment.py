"""The segmenter against the reference sentence boundaries; offsets always reproduce the text."""

import pandas as pd

from lib.core import paths
from lib.corpus import segment


def test_offsets_point_into_the_raw_text(articles, sentences):
    raw = dict(zip(articles["doc_id"], articles["text"]))
    for row in sentences.itertuples():
        assert raw[row.doc_id][row.start:row.end] == row.text
        assert row.text == row.text.strip()


def test_reference_checked_boundaries(sentences):
    gold = pd.read_csv(paths.ROOT / "corpus/annotations/sentence_boundaries.csv", dtype=str)
    found = sentences.set_index(["doc_id", "sent_id"])["text"]
    for row in gold.itertuples():
        text = found.get((row.doc_id, int(row.n)))
        assert text is not None, f"{row.doc_id} has no sentence {row.n}"
        assert text.startswith(row.begins) and text.endswith(row.ends), (row.doc_id, row.n, text)


def test_fully_checked_articles_have_exactly_the_reference_counted_sentences(sentences):
    gold = pd.read_csv(paths.ROOT / "corpus/annotations/sentence_boundaries.csv", dtype=str)
    for doc in ("002", "004"):  # every sentence of these two was checked by the reference coder
        assert (sentences["doc_id"] == doc).sum() == (gold["doc_id"] == doc).sum()


def test_no_heading_or_boilerplate_becomes_a_sentence(sentences):
    texts = set(sentences["text"])
    for line in ["Low-Hanging Fruit", "Strategic Stability", "Latest news", "The Author",
                 "Please enter your name here"]:
        assert line not in texts


def test_abbreviations_do_not_end_sentences():
    raw = "The U.S. Embassy in Moscow said so. Gen. Milley agreed with Mr. Ryabkov on Jan. 5."
    spans = segment.sentence_spans(raw, 0, len(raw))
    assert [raw[s:e] for s, e in spans] == ["The U.S. Embassy in Moscow said so.",
                                           "Gen. Milley agreed with Mr. Ryabkov on Jan. 5."]


def test_words_keep_inner_apostrophes_hyphens_and_abbreviation_dots():
    assert segment.words("Biden’s U.S.-Russian low-hanging $11 million") == [
        "Biden’s", "U.S.-Russian", "low-hanging", "11", "million"]


def test_punkt_uses_no_downloaded_model():
    tokenizer = segment.sentence_tokenizer()
    assert "u.s" in tokenizer._params.abbrev_types
