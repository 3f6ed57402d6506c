"""Students as coders: a sheet of sentences to code by hand, and how the class's codes agree with the rest.

The reference coding in ``corpus/annotations/`` was made by AI sessions. Real human judgement enters the
series here: ``python -m lib coding-sheet`` draws N body sentences by a seed (everyone in the class who uses
the same seed gets the same sentences) and writes them with blank code columns and a key of the codebook's
categories; a student fills in ``tone`` (and, if the lecturer asks, the two leader columns) in a spreadsheet
or text editor. Notebook 03 then reads the sheet with :func:`read` and :func:`agreement` sets it beside the
reference coding and beside every automated method.

Where things are (documented in ``class/README.md``): a student's sheet is ``class/my-coding.csv`` (ignored by
git, so a reproduction never depends on it); ``class/example-coding.csv`` is an example sheet, coded by an AI
session to show the workflow, not a person's coding.
"""

import argparse
import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import annotations, paths, settings
from ..core.errors import InputError
from . import agreement

#: A student's own sheet: what notebook 03 looks for first.
MY_SHEET = paths.ROOT / "class" / "my-coding.csv"
#: The shipped example sheet (coded by an AI session, labelled as such in its coder column).
EXAMPLE_SHEET = paths.ROOT / "class" / "example-coding.csv"
#: The reference coding the sheet is compared with.
REFERENCE = "sentiment_coder_a.csv"

ID_COLUMNS = ["doc_id", "sent_id", "start", "end"]
CODE_VALUES = {"-1": -1, "0": 0, "1": 1, "+1": 1}


def draw(sentences: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """``n`` body sentences drawn without replacement by ``seed``, in reading order (codebook: read in order)."""
    if not 1 <= n <= len(sentences):
        raise InputError("coding-sheet", f"--n must be between 1 and {len(sentences)} (the body sentences), not {n}")
    picked = np.random.default_rng(seed).choice(len(sentences), size=n, replace=False)
    return sentences.iloc[np.sort(picked)].reset_index(drop=True)


def blank_sheet(sentences: pd.DataFrame, outlets: dict[str, str], folder: Path | None = None) -> pd.DataFrame:
    """The sheet's rows: ids and offsets (so a misaligned row is caught), outlet, text, blank code columns."""
    sheet = sentences[ID_COLUMNS + ["text"]].copy()
    sheet.insert(4, "outlet", sheet["doc_id"].map(outlets))
    sheet["text"] = [" ".join(t.split()) for t in sheet["text"]]
    for col in agreement.variables(folder) + ["note", "coder", "date"]:
        sheet[col] = ""
    return sheet


def key(folder: Path | None = None) -> str:
    """The categories a coder needs beside the sheet: the codebook's variables and their values, quoted
    from ``sentiment_codebook.md`` (so the key cannot drift from the codebook), with a pointer to its rules."""
    codebook = annotations.folder(folder) / "sentiment_codebook.md"
    lines = ["# How to code this sheet", "",
             "Fill in one code per sentence in the `tone` column: -1 (negative), 0 (neutral) or 1 (positive).",
             "Leave a leader column empty where the sentence does not evaluate that side. Put your initials or a",
             "class id in `coder` (no names are needed) and the date in `date`. Save as CSV.", ""]
    if codebook.is_file():
        text = codebook.read_text(encoding="utf-8")
        found = re.search(r"^## Variables\n(.*?)^## Decision rules", text, flags=re.S | re.M)
        if found:
            lines += ["## The categories (quoted from the codebook)", "", found.group(1).strip(), "",
                      "The decision rules for hard cases (mixed sentences, quotations, irony, diplomatic idiom) are",
                      f"in the codebook, `{codebook.name}` in the corpus's `annotations/` folder."]
            return "\n".join(lines) + "\n"
    targets = settings.load(folder).targets
    lines += ["## The categories", "", "- `tone`: tone about the case as a whole (-1, 0, 1)"]
    lines += [f"- `tone_{k}`: tone toward {t.label} (-1, 0, 1, or empty)" for k, t in targets.items()]
    return "\n".join(lines) + "\n"


def write(out: Path, n: int, seed: int, force: bool = False, folder: Path | None = None) -> tuple[Path, Path]:
    """Write the sheet (CSV) and its key (Markdown beside it, ``<name>-key.md``); never overwrite a
    sheet someone may have coded unless ``force``."""
    from ..corpus import load, segment

    out = Path(out)
    if out.exists() and not force:
        raise InputError(out, "exists (it may hold someone's codes): choose another --out, or add --force")
    articles = load.load(folder)
    outlets = load.outlet_labels(articles)
    sheet = blank_sheet(draw(segment.sentences(articles), n, seed), outlets, folder)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(out, index=False, lineterminator="\n")
    key_path = out.with_name(out.stem + "-key.md")
    key_path.write_text(key(folder), encoding="utf-8")
    return out, key_path


def read(path: Path, sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """A coded sheet, checked row by row; codes as nullable integers (empty = not coded / not applicable).

    Accepts what spreadsheets do to a CSV (semicolons as separators, "+1", ids that lost their leading
    zeros). Any other problem is a one-line :class:`InputError` naming the file, the row and what is wrong.
    Rows whose ``tone`` is still empty stay in the table: :func:`agreement` counts and leaves them out.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such sheet (make one with: python -m lib coding-sheet)")
    try:
        raw = path.read_text(encoding="utf-8-sig")
        dialect = csv.Sniffer().sniff(raw.splitlines()[0] if raw.strip() else ",", delimiters=",;\t")
        sheet = pd.read_csv(io.StringIO(raw), sep=dialect.delimiter, dtype=str, keep_default_na=False)
    except (UnicodeDecodeError, csv.Error, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, f"not a readable UTF-8 CSV sheet: {str(exc).splitlines()[0]}") from None
    missing = [c for c in ID_COLUMNS + ["tone"] if c not in sheet.columns]
    if missing:
        raise InputError(path, f"column(s) missing: {', '.join(missing)} (keep the columns the sheet was written with)")
    numeric_ids = {d.lstrip("0") or "0": d for d in sentences["doc_id"].unique() if d.isdigit()}
    sheet["doc_id"] = [numeric_ids.get(d.strip().lstrip("0") or "0", d.strip()) if d.strip().isdigit() else d.strip()
                       for d in sheet["doc_id"]]
    annotations.check_sentences(sheet, path, sentences)    # each row still the segmenter's sentence
    codes = [c for c in agreement.variables(folder) if c in sheet.columns]
    rows, seen = [], set()
    for i, r in sheet.iterrows():
        line = i + 2   # the header is line 1
        doc, sent = r["doc_id"], annotations.whole_number(r["sent_id"])
        if (doc, sent) in seen:
            raise InputError(path, f"row {line}: {doc}:{sent} appears twice")
        seen.add((doc, sent))
        row = {"doc_id": doc, "sent_id": sent}
        for col in codes:
            value = r[col].strip()
            if value and value not in CODE_VALUES:
                raise InputError(path, f"row {line}: {col} must be -1, 0, 1 or empty, not {value!r}")
            row[col] = CODE_VALUES.get(value, pd.NA)
        row["coder"] = r.get("coder", "").strip()
        rows.append(row)
    if not rows:
        raise InputError(path, "the sheet has no rows")
    table = pd.DataFrame(rows).astype({c: "Int64" for c in codes})
    if table["tone"].isna().all():
        raise InputError(path, "no sentence has a tone yet: fill in the tone column (-1, 0 or 1)")
    return table.merge(sentences[["doc_id", "sent_id", "text"]], on=["doc_id", "sent_id"], how="left")


def agreement_table(sheet: pd.DataFrame, reference: pd.DataFrame, methods: pd.DataFrame) -> pd.DataFrame:
    """How the sheet's ``tone`` agrees with the reference coding and with each automated method.

    ``methods`` is the long table ``doc_id, sent_id, method, label`` (``results/sentiment_sentences.csv``).
    One row per comparison, on the sentences the sheet has a tone for: n, Krippendorff's alpha (ordinal,
    -1 < 0 < 1), macro-F1 and accuracy (the sheet taken as the truth; macro-F1 is the same either way round).
    """
    coded = sheet[sheet["tone"].notna()][["doc_id", "sent_id", "tone"]]
    others = {"reference coding": reference[["doc_id", "sent_id", "tone"]]}
    for method, group in methods.groupby("method", sort=False):
        others[method] = group[["doc_id", "sent_id", "label"]].rename(columns={"label": "tone"})
    rows = []
    for name, other in others.items():
        both = coded.merge(other, on=["doc_id", "sent_id"], suffixes=("", "_other"))
        fit = agreement.scores(both["tone"], both["tone_other"].astype(int))
        alpha = agreement.pair_alpha(both["tone"].astype(float), both["tone_other"].astype(float), "ordinal",
                                     agreement.LABELS)
        rows.append({"compared_with": name, "n": fit["n"], "alpha": alpha,
                     "macro_f1": fit["macro_f1"], "accuracy": fit["accuracy"]})
    return pd.DataFrame(rows)


def confusion(sheet: pd.DataFrame, other: pd.DataFrame, name: str) -> pd.DataFrame:
    """Rows: the sheet's tone; columns: ``other``'s (``doc_id, sent_id, tone``), on the sentences both have."""
    both = sheet[sheet["tone"].notna()].merge(other[["doc_id", "sent_id", "tone"]], on=["doc_id", "sent_id"],
                                              suffixes=("", "_other"))
    table = agreement.confusion(both["tone"], both["tone_other"].astype(int))
    return table.rename_axis(index="sheet", columns=name)


def main(argv: list[str]) -> int:
    """``python -m lib coding-sheet [--n N] [--seed S] [--out FILE] [--force]``, or ``--score FILE``."""
    parser = argparse.ArgumentParser(prog="python -m lib coding-sheet", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="sentences on the sheet (default 20: 10-15 minutes)")
    parser.add_argument("--seed", type=int, default=2021, help="the draw (same seed, same sentences; default 2021)")
    parser.add_argument("--out", default=str(MY_SHEET), help="where to write (default class/my-coding.csv)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing sheet")
    parser.add_argument("--score", metavar="FILE", help="instead: read a coded sheet and print its agreement")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and 2
    if args.score:
        from ..corpus import load, segment
        from ..core import outputs

        sentences = segment.sentences(load.load())
        sheet = read(Path(args.score), sentences)
        reference = agreement.load_coding(REFERENCE, sentences)
        methods = outputs.read_csv("sentiment_sentences.csv")
        table = agreement_table(sheet, reference, methods)
        left = int(sheet["tone"].isna().sum())
        print(f"{len(sheet) - left} of {len(sheet)} sentences have a tone" + (f" ({left} empty, left out)" if left else ""))
        print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
        return 0
    sheet, key_path = write(Path(args.out), args.n, args.seed, args.force)
    print(f"wrote {sheet} ({args.n} sentences, seed {args.seed}) and the key {key_path}")
    return 0
