"""Loading verifies the corpus; bad input gets one line naming the file and the problem."""

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import run_cli
from lib.core import paths
from lib.corpus import load
from lib.core.errors import InputError


def rewrite_metadata(folder: Path, change) -> None:
    """Apply ``change(rows)`` to metadata.csv in a corpus copy."""
    path = folder / "metadata.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    rows = change(rows) or rows
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_the_corpus_loads_and_matches_the_shared_checksums():
    articles = load.load()
    assert list(articles["doc_id"]) == ["000", "001", "002", "003", "004"]
    sums = dict(line.split()[::-1] for line in (paths.ROOT / "corpus/raw/SHA256SUMS").read_text().splitlines())
    assert dict(zip(articles["file"], articles["sha256"])) == sums
    for art in articles.itertuples():
        assert art.text == open(art.path, encoding="utf-8").read()


def test_valid_folder_passes_with_one_line_summary():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "5 articles verified" in result.stdout


def _set(field, value, doc="002"):
    def change(rows):
        for row in rows:
            if row["doc_id"] == doc:
                row[field] = value
    return change


BAD_INPUTS = {
    "sha256_differs": (lambda d: (d / "raw/004_64debd52b96e2268.txt").write_text("changed\n", encoding="utf-8"),
                       "004_64debd52b96e2268.txt", "differs from metadata"),
    "raw_file_missing": (lambda d: (d / "raw/003_a6398a6266833cdf.txt").unlink(),
                         "003_a6398a6266833cdf.txt", "missing"),
    "not_utf8": (lambda d: _replace_bytes(d, "002", "Caf\xe9 au lait\n".encode("latin-1")),
                 "002_fb1366c0eb192a21.txt", "not UTF-8"),
    "empty_file": (lambda d: _replace_bytes(d, "002", b""), "002_fb1366c0eb192a21.txt", "empty file"),
    "binary_file": (lambda d: _replace_bytes(d, "002", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
                    "002_fb1366c0eb192a21.txt", "binary file"),
    "duplicated_doc_id": (lambda d: rewrite_metadata(d, _set("doc_id", "001", doc="002")),
                          "metadata.csv", "duplicated doc_id: 001"),
    "malformed_date": (lambda d: rewrite_metadata(d, _set("published", "16/06/2021")),
                       "metadata.csv (doc_id 002)", "not an ISO date"),
    "impossible_date": (lambda d: rewrite_metadata(d, _set("published_max", "2021-06-31")),
                        "metadata.csv (doc_id 002)", "not a real calendar date"),
    "min_after_max": (lambda d: rewrite_metadata(d, _set("published_min", "2021-07-01")),
                      "metadata.csv (doc_id 002)", "after published_max"),
    "metadata_missing": (lambda d: (d / "metadata.csv").unlink(), "metadata.csv", "missing"),
    "column_missing": (lambda d: _drop_column(d, "sha256"), "metadata.csv", "required column(s) missing: sha256"),
    "unlisted_file": (lambda d: (d / "raw/005_extra.txt").write_text("An extra article.\n", encoding="utf-8"),
                      "005_extra.txt", "not listed in metadata.csv"),
}


def _replace_bytes(folder: Path, doc: str, data: bytes) -> None:
    """Replace a raw file's bytes and update its checksum, so the content check itself must catch it."""
    path = next((folder / "raw").glob(f"{doc}_*.txt"))
    path.write_bytes(data)
    rewrite_metadata(folder, _set("sha256", load.sha256(data), doc=doc))


def _drop_column(folder: Path, column: str) -> None:
    path = folder / "metadata.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = [f for f in rows[0] if f != column]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_one_line_naming_file_and_problem(case, corpus_copy):
    breaker, where, problem = BAD_INPUTS[case]
    breaker(corpus_copy)
    result = run_cli("validate", str(corpus_copy))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert where in lines[0] and problem in lines[0], lines[0]
    with pytest.raises(InputError, match=re.escape(problem)):
        load.load(corpus_copy)


def test_validate_never_writes_into_the_corpus(corpus_copy):
    before = {p: p.read_bytes() for p in corpus_copy.rglob("*") if p.is_file()}
    assert run_cli("validate", str(corpus_copy)).returncode == 0
    assert {p: p.read_bytes() for p in corpus_copy.rglob("*") if p.is_file()} == before


def test_init_corpus_writes_a_skeleton_that_validate_then_checks(tmp_path):
    raw = tmp_path / "mine" / "raw"
    raw.mkdir(parents=True)
    (raw / "000_first.txt").write_text("A first article.\n", encoding="utf-8")
    (raw / "001_second.txt").write_text("A second article.\n", encoding="utf-8")
    result = run_cli("init-corpus", str(tmp_path / "mine"))
    assert result.returncode == 0, result.stderr
    table = load.read_metadata(tmp_path / "mine")
    assert list(table["doc_id"]) == ["000", "001"]
    assert table.loc[0, "sha256"] == load.sha256(b"A first article.\n")
    again = run_cli("init-corpus", str(tmp_path / "mine"))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_init_corpus_refuses_the_projects_own_corpus():
    result = run_cli("init-corpus", "corpus")
    assert result.returncode == 2 and "code never writes there" in result.stderr


def test_control_characters_are_the_non_white_space_ones_below_32(tmp_path):
    white = "\t\n\f\r"
    for code in range(128):
        ch = chr(code)
        assert len(load._CONTROLS.findall(ch)) == (code < 32 and ch not in white), code
    many = "text " * 50 + "\x01\x02\x03\x04"
    with pytest.raises(InputError, match="4 control characters"):
        load.decode(tmp_path / "x.txt", many.encode())
    assert load.decode(tmp_path / "x.txt", ("text\t\f\r\n" * 50).encode()).startswith("text\t\f\n")


def test_an_unknown_outlet_is_labelled_the_same_way_everywhere():
    table = pd.DataFrame({"doc_id": ["000", "001", "002"], "outlet": ["Daily A", "", float("nan")]})
    assert load.outlet_labels(table) == {"000": "Daily A", "001": "unknown outlet (001)",
                                           "002": "unknown outlet (002)"}
    assert load.outlet_labels(table, short=True)["001"] == "unknown outlet"
