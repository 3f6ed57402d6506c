"""NewsMTSC in the repository: the loader reads the real files, offsets point at the mentions, and a
broken file is a one-line error naming the file and line."""

import json
import re

import pytest

from lib.core import paths
from lib.core.errors import InputError
from lib.tone import newsmtsc


@pytest.fixture(scope="module", params=list(newsmtsc.SPLITS))
def split(request):
    return request.param, newsmtsc.load(request.param)


def test_every_real_row_points_at_its_mention(split):
    _, table = split
    assert list(table.columns) == newsmtsc.COLUMNS
    spans = [s[a:b] for s, a, b in zip(table["sentence"], table["target_start"], table["target_end"])]
    assert spans == table["mention"].tolist()
    assert set(table["tone"]) == {-1, 0, 1}


def test_counts_and_class_balance_match_the_data_readme(split):
    name, table = split
    readme = (paths.ROOT / "data" / "newsmtsc" / "README.md").read_text(encoding="utf-8")
    row = re.search(rf"^\| `{name}` \|(.+)$", readme, re.MULTILINE).group(1)
    numbers = [int(n.replace(",", "")) for n in re.findall(r"(?<![\d.])([\d,]+)(?: \(|\s*\|)", row)]
    counts = newsmtsc.balance(table).set_index("tone")["n"]
    assert numbers == [table["sentence_id"].nunique(), len(table), counts[-1], counts[0], counts[1]]


def test_a_known_first_row():
    table = newsmtsc.load("train")
    first = table.iloc[0]
    assert (first["sentence_id"], first["mention"], first["target_start"], first["target_end"], first["tone"]) == \
        (1, "Winner", 0, 6, 0)
    assert table.attrs["split"] == "train"


def test_sentence_labels_keep_only_sentences_whose_targets_agree():
    table = newsmtsc.load("devtest_mt")
    labels = newsmtsc.sentence_labels(table)
    assert len(labels) + labels.attrs["n_mixed"] == table["sentence_id"].nunique()
    one = table[table["sentence_id"] == labels["sentence_id"].iloc[0]]
    assert one["tone"].nunique() == 1 and one["tone"].iloc[0] == labels["tone"].iloc[0]


def _write(tmp_path, *objects):
    (tmp_path / "train.jsonl").write_text("\n".join(o if isinstance(o, str) else json.dumps(o) for o in objects) + "\n",
                                          encoding="utf-8")
    return tmp_path


GOOD = {"sentence_normalized": "Putin smiled.", "targets": [{"from": 0, "to": 5, "mention": "Putin", "polarity": 6.0}]}


@pytest.mark.parametrize("bad, problem", [
    ("{not json", "line 2: not a JSON object"),
    ({"sentence_normalized": "Putin smiled.", "targets": [{"from": 0, "to": 5, "mention": "Putin", "polarity": 5.0}]},
     "line 2: target 1 has polarity 5.0"),
    ({"sentence_normalized": "Putin smiled.", "targets": [{"from": 0, "to": 50, "mention": "Putin", "polarity": 2.0}]},
     "line 2: target 1 offsets 0:50 fall outside the sentence"),
    ({"sentence_normalized": "Putin smiled.", "targets": [{"from": 1, "to": 5, "mention": "Putin", "polarity": 2.0}]},
     "line 2: target 1: sentence[1:5] is 'utin', not the mention 'Putin'"),
    ({"sentence_normalized": "Putin smiled.", "targets": []}, "line 2: no targets list"),
    ({"sentence_normalized": "Putin smiled.", "targets": [{"from": 0, "to": 5}]},
     "line 2: target 1 needs from, to, mention and polarity"),
])
def test_a_broken_line_is_a_one_line_error_naming_file_and_line(tmp_path, bad, problem):
    folder = _write(tmp_path, GOOD, bad)
    with pytest.raises(InputError) as error:
        newsmtsc.load("train", folder)
    assert problem in str(error.value) and "train.jsonl" in str(error.value)
    assert "\n" not in str(error.value)


def test_a_missing_file_and_an_unknown_split_are_errors(tmp_path):
    with pytest.raises(InputError, match="missing"):
        newsmtsc.load("train", tmp_path)
    with pytest.raises(InputError, match="unknown split 'test'"):
        newsmtsc.load("test")
    assert len(newsmtsc.load("train", _write(tmp_path, GOOD))) == 1
