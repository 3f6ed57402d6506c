"""The public record lives in the repository (corpus/record.csv), and everything that cites it cites it right."""

import shutil

import pandas as pd
import pytest

from lib.core import annotations, paths
from lib.core.errors import InputError
from lib.corpus import load, record


@pytest.fixture(scope="module")
def facts():
    return record.load()


def cited() -> list[tuple[str, str]]:
    """(where, fact id) for every citation of the record in the annotation files."""
    found = []
    checks = annotations.load("claim_checks.csv")
    for r in checks.to_dict("records"):
        found += [(f"claim check {r['check_id']}", f) for f in record.ids(r["fact_id"])]
    for r in annotations.load("events.csv").to_dict("records"):
        found += [(f"event {r['event_id']}", f) for f in record.ids(r["fact_id"])]
    for r in annotations.load("outcomes.csv").to_dict("records"):
        for basis, evidence in (("outcome_basis", "evidence"), ("basis_2021", "evidence_2021")):
            if r[basis] == "record":
                found += [(f"outcome {r['pred_id']} {evidence}", f) for f in record.ids(r[evidence])]
        found += [(f"outcome {r['pred_id']} settled_before", f) for f in record.ids(r["settled_before"])]
    return found


def test_every_cited_fact_exists_with_a_full_source(facts):
    citations = cited()
    assert len(citations) > 50
    for where, fact in citations:
        assert fact in facts.index, f"{where} cites {fact}, which is not in corpus/record.csv"
        row = facts.loc[fact]
        assert all(str(row[c]).strip() for c in record.COLUMNS), f"{fact} lacks part of its source"
        assert str(row["url"]).startswith(("https://", "http://")), fact


def test_every_record_check_and_record_outcome_cites_a_fact():
    checks = annotations.load("claim_checks.csv")
    assert (checks.loc[checks["doc_b"] == "record", "fact_id"].str.strip() != "").all()
    outcomes = annotations.load("outcomes.csv")
    for basis, evidence in (("outcome_basis", "evidence"), ("basis_2021", "evidence_2021")):
        rows = outcomes[outcomes[basis] == "record"]
        assert rows[evidence].map(lambda cell: bool(record.ids(cell)) and all(
            f.startswith("R") for f in record.ids(cell))).all()


def test_no_fact_rests_on_a_corpus_article(facts):
    """A fact used to check the articles may not come from one of them."""
    meta = load.load()
    outlets = {str(o).split(" (")[0].strip().lower() for o in meta["outlet"] if str(o).strip()}
    titles = {str(t).strip().lower() for t in meta["title"]}
    for fact in facts.itertuples():
        assert fact.publisher.strip().lower() not in outlets, fact.fact_id
        assert fact.title.strip().lower() not in titles, fact.fact_id


def test_quotes_of_the_record_are_its_words(facts):
    checks = annotations.load("claim_checks.csv")
    for r in checks[checks["doc_b"] == "record"].to_dict("records"):
        statements = " ".join(facts.at[f, "statement"] for f in record.ids(r["fact_id"]))
        assert r["quote_b"] in statements, r["check_id"]


def test_shipped_files_cite_no_path_outside_the_repository():
    """The clone stands alone: no shipped file points at ../shared or at a machine path."""
    shipped = [p for folder in ("corpus", "docs", "lib", "notebooks", "benchmarks") for p in (paths.ROOT / folder).rglob("*")
               if p.is_file() and p.suffix in {".md", ".csv", ".py", ".ipynb", ".toml", ".cff"} and "raw" not in p.parts]
    shipped += [paths.ROOT / "README.md", paths.ROOT / "CITATION.cff"]
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        for needle in ("../shared", "/work/", "/tmp/", "summit-record.md"):
            assert needle not in text, f"{path.relative_to(paths.ROOT)} mentions {needle}"


def corpus_with_one_record_cell(tmp_path, row: int, column: str, value: str):
    """A copy of the corpus whose record.csv differs from the shipped one in one cell."""
    target = tmp_path / "corpus"
    shutil.copytree(paths.corpus_dir(), target)
    table = pd.read_csv(target / "record.csv", dtype=str, keep_default_na=False)
    table.loc[row, column] = value
    table.to_csv(target / "record.csv", index=False, lineterminator="\n")
    return target


def test_a_fact_without_its_source_is_refused_in_one_line(tmp_path):
    target = corpus_with_one_record_cell(tmp_path, 3, "url", "")
    with pytest.raises(InputError, match="row 5: url empty"):
        record.load(target)


def test_every_fact_says_how_far_its_source_was_checked(facts):
    assert set(facts["source_checked"]) <= set(record.CHECKED)
    assert (facts["check_note"].str.strip() != "").all()


def test_the_corpus_readme_counts_the_checked_facts_right(facts):
    """The README states how many sources were read; the number must follow the file."""
    readme = (paths.corpus_dir() / "README.md").read_text(encoding="utf-8")
    unchecked = facts.index[facts["source_checked"] == "not checked"].tolist()
    stored = int((facts["source_checked"] == "stored copy").sum())
    assert f"Of the {len(facts)} facts, {stored} are `stored copy`" in readme
    for fact in unchecked:
        assert fact in readme.split("are `not checked`")[0].rsplit("`stored copy`;", 1)[-1], fact


def test_an_unknown_check_status_is_refused_in_one_line(tmp_path):
    target = corpus_with_one_record_cell(tmp_path, 2, "source_checked", "checked")
    with pytest.raises(InputError, match="row 4: source_checked is 'checked', expected one of: stored copy, not checked"):
        record.load(target)
