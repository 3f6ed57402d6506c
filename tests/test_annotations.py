"""The one check that an annotation row still points at the segmenter's sentence
(``lib.core.annotations.check_sentences``), used by the tone, timeline and forecast readers."""

import pandas as pd
import pytest

from lib.core import annotations
from lib.core.errors import InputError

SENTENCES = pd.DataFrame({"doc_id": ["000", "000", "001"], "sent_id": [1, 2, 1],
                          "start": [0, 10, 0], "end": [9, 20, 7]})


def test_rows_at_the_segmenters_offsets_pass_and_the_public_record_is_not_checked():
    table = pd.DataFrame({"doc_id": ["000", "record", "001"], "sent_id": ["2", "", "1"],
                          "start": ["10", "", "0"], "end": ["20", "", "7"]})
    annotations.check_sentences(table, "x.csv", SENTENCES)


def test_moved_offsets_name_the_file_row_and_both_spans():
    table = pd.DataFrame({"doc_id": ["000", "000"], "sent_id": [1, 2], "start": [0, 11], "end": [9, 20]})
    with pytest.raises(InputError, match=r"x\.csv: row 3: offsets 11-20 of sentence 000:2 no longer match the "
                                         r"segmenter's \(10-20\); segmentation changed"):
        annotations.check_sentences(table, "x.csv", SENTENCES)


def test_a_sentence_the_segmenter_does_not_have_is_refused():
    table = pd.DataFrame({"doc_id": ["001"], "sent_id": [5], "start": [0], "end": [7]})
    with pytest.raises(InputError, match="row 2: sentence 001:5 is not a body sentence"):
        annotations.check_sentences(table, "x.csv", SENTENCES)


def test_a_table_of_one_article_is_keyed_by_sent_id_alone():
    one = SENTENCES[SENTENCES["doc_id"] == "000"]
    table = pd.DataFrame({"sent_id": ["1", "2"], "start": ["0", "10"], "end": ["9", "21"]})
    with pytest.raises(InputError, match="row 3: offsets 10-21 of sentence 2 no longer match"):
        annotations.check_sentences(table, "x.csv", one, ((None, "sent_id", "start", "end"),))


def test_an_offset_that_is_not_a_whole_number_is_refused():
    table = pd.DataFrame({"doc_id": ["000"], "sent_id": ["1"], "start": ["zero"], "end": ["9"]})
    with pytest.raises(InputError, match="row 2: start must hold a whole number, found 'zero'"):
        annotations.check_sentences(table, "x.csv", SENTENCES)
