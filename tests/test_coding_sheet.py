"""Students as coders: the sheet is drawn by seed with the codebook's categories, a coded sheet is read row by
row with one-line errors, and its agreement numbers are the library's (krippendorff, scikit-learn) on exactly
the sentences it codes."""

import krippendorff
import pandas as pd
import pytest
from sklearn import metrics

from lib.core.errors import InputError
from lib.tone import agreement, coding_sheet

from conftest import run_cli


@pytest.fixture(scope="module")
def reference(sentences):
    return agreement.load_coding(coding_sheet.REFERENCE, sentences)


def test_the_same_seed_draws_the_same_sentences_in_reading_order(sentences):
    a, b = coding_sheet.draw(sentences, 20, 2021), coding_sheet.draw(sentences, 20, 2021)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.index) == list(range(20)) and a[["doc_id", "sent_id"]].apply(tuple, axis=1).is_monotonic_increasing
    assert set(zip(a.doc_id, a.sent_id)) != set(zip(*coding_sheet.draw(sentences, 20, 7)[["doc_id", "sent_id"]].T.values))
    with pytest.raises(InputError, match="--n must be between 1 and 190"):
        coding_sheet.draw(sentences, 500, 1)


def test_a_new_sheet_has_blank_code_columns_and_a_key_quoting_the_codebook(tmp_path):
    sheet, key = coding_sheet.write(tmp_path / "s.csv", 5, 3)
    table = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    assert list(table.columns) == ["doc_id", "sent_id", "start", "end", "outlet", "text", "tone", "tone_biden",
                                   "tone_putin", "note", "coder", "date"]
    assert len(table) == 5 and (table[["tone", "tone_biden", "tone_putin", "coder"]] == "").all().all()
    text = key.read_text()
    assert "**+1 positive**" in text and "**-1 negative**" in text and "**0 neutral**" in text
    with pytest.raises(InputError, match="exists .*--force"):
        coding_sheet.write(tmp_path / "s.csv", 5, 3)


def test_the_example_sheet_is_the_seed_2021_draw_and_says_it_is_not_a_person(sentences):
    example = pd.read_csv(coding_sheet.EXAMPLE_SHEET, dtype=str, keep_default_na=False)
    drawn = coding_sheet.draw(sentences, 20, 2021)
    assert list(example["doc_id"]) == list(drawn["doc_id"])
    assert list(example["sent_id"].astype(int)) == list(drawn["sent_id"])
    assert example["coder"].str.startswith("EXAMPLE").all() and example["coder"].str.contains("not a person").all()


def _sheet(tmp_path, sentences, edit=None, sep=","):
    """A coded 6-sentence sheet (tone copied from a simple rule), optionally edited, written with ``sep``."""
    table = coding_sheet.blank_sheet(coding_sheet.draw(sentences, 6, 5), {}).astype(str)
    table["tone"] = ["1", "0", "-1", "1", "0", "-1"]
    if edit:
        edit(table)
    path = tmp_path / "coded.csv"
    table.to_csv(path, index=False, sep=sep)
    return path


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.__setitem__("tone", ["1", "positive", "0", "0", "0", "0"]), r"row 3: tone must be -1, 0, 1 or empty, not 'positive'"),
    (lambda t: t.loc.__setitem__((4, "sent_id"), "999"), r"row 6: .*:999 is not a body sentence"),
    (lambda t: t.loc.__setitem__((2, "start"), "1"), r"row 4: offsets 1-.* no longer match the segmenter"),
    (lambda t: t.pop("tone"), r"column\(s\) missing: tone"),
    (lambda t: t.__setitem__("tone", ""), r"no sentence has a tone yet"),
])
def test_a_bad_sheet_is_one_line_naming_the_row(tmp_path, sentences, edit, message):
    with pytest.raises(InputError, match=message) as caught:
        coding_sheet.read(_sheet(tmp_path, sentences, edit), sentences)
    assert "\n" not in str(caught.value)


def test_a_duplicated_row_is_named(tmp_path, sentences):
    path = _sheet(tmp_path, sentences)
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n")
    with pytest.raises(InputError, match="row 8: .* appears twice"):
        coding_sheet.read(path, sentences)


def test_what_spreadsheets_do_to_a_csv_is_accepted(tmp_path, sentences):
    """Semicolons (a German or French locale), '+1', and ids that lost their leading zeros."""
    def spreadsheet(t):
        t["tone"] = ["+1", "0", "-1", "1", "", "-1"]
        t["doc_id"] = [d.lstrip("0") or "0" for d in t["doc_id"]]
    sheet = coding_sheet.read(_sheet(tmp_path, sentences, spreadsheet, sep=";"), sentences)
    assert list(sheet["tone"].astype("Float64").fillna(9)) == [1, 0, -1, 1, 9, -1]
    assert sheet["doc_id"].isin(sentences["doc_id"]).all() and sheet["text"].notna().all()


def test_agreement_is_krippendorff_and_sklearn_on_the_coded_sentences(tmp_path, sentences, reference):
    sheet = coding_sheet.read(coding_sheet.EXAMPLE_SHEET, sentences)
    methods = pd.read_csv(coding_sheet.paths.results_dir() / "sentiment_sentences.csv", dtype={"doc_id": str})
    table = coding_sheet.agreement_table(sheet, reference, methods).set_index("compared_with")
    assert set(table.index) == {"reference coding", *methods["method"].unique()}
    both = sheet.merge(methods[methods["method"] == "textblob"], on=["doc_id", "sent_id"])
    row = table.loc["textblob"]
    assert row["n"] == 20
    assert row["macro_f1"] == pytest.approx(metrics.f1_score(both["tone"].astype(int), both["label"], average="macro",
                                                             labels=[-1, 0, 1], zero_division=0))
    assert row["alpha"] == pytest.approx(krippendorff.alpha(
        reliability_data=[both["tone"].astype(float), both["label"].astype(float)],
        level_of_measurement="ordinal", value_domain=[-1, 0, 1]))
    # a sheet that copies the reference agrees perfectly with it
    copy = sheet.drop(columns="tone").merge(reference[["doc_id", "sent_id", "tone"]], on=["doc_id", "sent_id"])
    perfect = coding_sheet.agreement_table(copy, reference, methods).set_index("compared_with").loc["reference coding"]
    assert perfect["alpha"] == pytest.approx(1) and perfect["macro_f1"] == pytest.approx(1)
    matrix = coding_sheet.confusion(sheet, reference, "reference")
    assert matrix.to_numpy().sum() == 20 and matrix.index.name == "sheet"


def test_the_command_writes_a_sheet_and_scores_one_or_fails_in_one_line(tmp_path):
    out = tmp_path / "mine.csv"
    done = run_cli("coding-sheet", "--n", "4", "--seed", "9", "--out", str(out))
    assert done.returncode == 0 and out.is_file() and (tmp_path / "mine-key.md").is_file()
    failed = run_cli("coding-sheet", "--score", str(out))
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1 and "no sentence has a tone yet" in failed.stderr
    scored = run_cli("coding-sheet", "--score", str(coding_sheet.EXAMPLE_SHEET))
    assert scored.returncode == 0 and "reference coding" in scored.stdout and "20 of 20" in scored.stdout
