"""Score the temporal tagger on any folder of TimeML documents, the way TempEval-3 scores taggers.

The five Geneva articles and the two held-out passage sets are small and were annotated by this
project; TimeML corpora such as TimeBank (183 news documents annotated by experts) are the test of
whether the rules are general English. A TimeML file holds the document creation time in ``<DCT>``
and the article in ``<TEXT>``, with ``<TIMEX3 type=… value=…>`` around each temporal expression
(other markup, such as ``<EVENT>``, is ignored).

The scores are TempEval-3's (UzZaman et al. 2013): an expression is *found* when a predicted span
overlaps a gold one (relaxed) or has exactly its offsets (strict); precision, recall and F1 of each;
value accuracy is the share of found expressions whose TIMEX3 value is exactly the gold value, and
value F1 counts as correct only those found with the right value (value precision = right values /
predicted, value recall = right values / gold). The pairing of gold and predicted spans is
:func:`lib.timeline.tagger.score`'s, the same as for the Geneva gold.

Tuning on the documents one reports on would overstate the scores, so every folder is split in a
fixed way, by file name: a document belongs to the held-out *test* part when the SHA-256 of its
file name, read as a number, is divisible by 4 (about a quarter of the documents), and to the
*development* part otherwise. Rules are developed looking at the development part only; the test
part is scored to report.

Command line: ``python -m lib timex-eval DIR [--part dev|test|all] [--worst N] [--errors FILE]``.
"""

import argparse
import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from . import tagger
from ..core.errors import InputError

PARTS = ("dev", "test", "all")
#: Seed of the bootstrap over documents (fixed, so the intervals are the same on every run).
SEED = 20210616
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass
class TimemlDocument:
    """One TimeML file: its name, creation date, the plain text of ``<TEXT>`` and its gold TIMEX3s.

    ``timexes`` holds dicts with ``start, end, text, type, value`` (offsets into ``text``).
    """

    name: str
    dct: dt.date
    text: str
    timexes: list[dict] = field(default_factory=list)


def part_of(name: str) -> str:
    """``test`` or ``dev``: the fixed split by file name (see the module docstring)."""
    return "test" if int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 4 == 0 else "dev"


def _flatten(element: ET.Element, pieces: list[str], timexes: list[dict], length: int) -> int:
    """Append the text under ``element`` to ``pieces`` and record each TIMEX3's offsets; return the
    new length. Walking text, children and tails in order gives the text as a reader sees it."""
    if element.text:
        pieces.append(element.text)
        length += len(element.text)
    for child in element:
        start = length
        length = _flatten(child, pieces, timexes, length)
        if child.tag == "TIMEX3":
            timexes.append(dict(start=start, end=length, text="".join(pieces)[start:length],
                                type=child.get("type", ""), value=child.get("value", "")))
        if child.tail:
            pieces.append(child.tail)
            length += len(child.tail)
    return length


def read_timeml(path: Path) -> TimemlDocument:
    """Read one TimeML file; a file that is not TimeML is a one-line :class:`InputError` naming it."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(path, f"not well-formed XML ({exc})") from None
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None or not dct_timex.get("value"):
        raise InputError(path, "no <DCT><TIMEX3 value=…> (the document creation time is needed to resolve "
                               "relative expressions)")
    try:
        dct = dt.date.fromisoformat(dct_timex.get("value")[:10])
    except ValueError:
        raise InputError(path, f"DCT value {dct_timex.get('value')!r} does not start with a date YYYY-MM-DD") from None
    body = root.find("TEXT")
    if body is None:
        raise InputError(path, "no <TEXT> element")
    pieces: list[str] = []
    timexes: list[dict] = []
    _flatten(body, pieces, timexes, 0)
    timexes.sort(key=lambda t: t["start"])
    return TimemlDocument(path.name, dct, "".join(pieces), timexes)


def read_folder(folder: Path, part: str = "all") -> list[TimemlDocument]:
    """Every ``*.tml`` file of ``folder`` (sorted by name) in the given part of the split."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "no such folder (give a folder of TimeML .tml files)")
    files = sorted(folder.glob("*.tml"))
    if not files:
        raise InputError(folder, "holds no .tml file")
    return [read_timeml(f) for f in files if part == "all" or part_of(f.name) == part]


def tag_documents(documents: list[TimemlDocument]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gold and the tagger's expressions of every document, as tables keyed by ``doc``."""
    gold, predicted = [], []
    for doc in documents:
        gold += [dict(doc=doc.name, **t) for t in doc.timexes]
        predicted += [dict(doc=doc.name, start=t.start, end=t.end, text=t.text, type=t.type, value=t.value,
                           rule=t.rule, range_start=t.range_start, range_end=t.range_end)
                      for t in tagger.tag(doc.text, doc.dct)]
    columns = ["doc", "start", "end", "text", "type", "value"]
    return (pd.DataFrame(gold, columns=columns),
            pd.DataFrame(predicted, columns=columns + ["rule", "range_start", "range_end"]))


def scores(gold: pd.DataFrame, predicted: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """TempEval-3 scores overall and by type, and every error.

    Returns ``(table, errors)``. ``table`` has one row per ``type`` (``all`` first): gold and
    predicted counts, relaxed and strict precision/recall/F1, value accuracy, value precision/recall/F1.
    By type, a gold expression counts for its gold type and a prediction for its predicted type (a
    found expression of the wrong type is right for recall, and for precision under its own type).
    ``errors`` lists each missed gold expression, each prediction that overlaps no gold one
    (``extra``), and each found one with the wrong value or span.
    """
    result = tagger.score(gold.reset_index(drop=True), predicted.reset_index(drop=True), "doc")
    pairs = result["pairs"]
    pairs["gold_type"] = list(gold["type"])
    found = pairs["text"] != ""
    extra = result["false_positives"]
    rows = []
    for type_ in ("all",) + TYPES:
        in_gold = pairs if type_ == "all" else pairs[pairs["gold_type"] == type_]
        # predictions of this type that were paired with a gold expression, and all of this type
        pred_of_type = predicted if type_ == "all" else predicted[predicted["type"] == type_]
        paired = pairs[found] if type_ == "all" else pairs[found & (pairs["type"] == type_)]
        n_gold, n_pred = len(in_gold), len(pred_of_type)
        row = dict(type=type_, n_gold=n_gold, n_predicted=n_pred)
        hits = [("relaxed", int((in_gold["text"] != "").sum()), len(paired)),
                ("strict", int(in_gold["strict"].sum()), int(paired["strict"].sum())),
                ("value", int(in_gold["value_ok"].sum()), int(paired["value_ok"].sum()))]
        for kind, recall_hits, precision_hits in hits:
            precision, recall = (precision_hits / n_pred if n_pred else 0.0), (recall_hits / n_gold if n_gold else 0.0)
            row[f"{kind}_precision"], row[f"{kind}_recall"] = precision, recall
            row[f"{kind}_f1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        matched = in_gold[in_gold["text"] != ""]
        row["value_accuracy"] = float(matched["value_ok"].mean()) if len(matched) else 0.0
        rows.append(row)
    errors = [dict(doc=p.key, error="missed" if p.text == "" else ("wrong value" if not p.value_ok else "wrong span"),
                   gold_text=p.gold_text, gold_type=p.gold_type, gold_value=p.gold_value, found_text=p.text,
                   found_type=p.type, found_value=p.value)
              for p in pairs[(pairs["text"] == "") | ~pairs["strict"] | ~pairs["value_ok"]].itertuples()]
    errors += [dict(doc=fp.doc, error="extra", gold_text="", gold_type="", gold_value="", found_text=fp.text,
                    found_type=fp.type, found_value=fp.value) for fp in extra.itertuples()]
    table = pd.DataFrame(rows)
    for kind, hits in (("relaxed", found), ("value", pairs["value_ok"])):
        low, high = document_interval(pairs["key"][hits], gold["doc"], predicted["doc"])
        table.loc[0, f"{kind}_f1_low"], table.loc[0, f"{kind}_f1_high"] = low, high
    return table, pd.DataFrame(errors, columns=["doc", "error", "gold_text", "gold_type", "gold_value",
                                                "found_text", "found_type", "found_value"])


def document_interval(hit_docs: pd.Series, gold_docs: pd.Series, predicted_docs: pd.Series,
                      seed: int = SEED) -> tuple[float, float]:
    """A seeded percentile-bootstrap 95% interval of an F1 score, resampling documents.

    Expressions in one article are not independent (one misread convention repeats through it), so
    the article is the unit that is resampled. With hits ``h``, gold ``g`` and predictions ``p``
    summed over the resampled documents, F1 = 2h / (g + p). NaN with fewer than two documents.
    """
    docs = sorted(set(gold_docs) | set(predicted_docs))
    if len(docs) < 2:
        return float("nan"), float("nan")
    counts = np.array([[c.get(d, 0) for d in docs] for c in (hit_docs.value_counts(), gold_docs.value_counts(),
                                                               predicted_docs.value_counts())], dtype=float)

    def f1(index: np.ndarray, axis: int = -1) -> np.ndarray:
        h, g, p = (np.take(row, index.astype(int)).sum(axis=axis) for row in counts)
        return np.where(g + p > 0, 2 * h / np.maximum(g + p, 1), 0.0)

    res = stats.bootstrap((np.arange(len(docs)),), f1, confidence_level=0.95, n_resamples=9999, method="percentile",
                          vectorized=True, rng=np.random.default_rng(seed))
    return float(res.confidence_interval.low), float(res.confidence_interval.high)


def worst(errors: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` most frequent errors: kind, gold and found text (lower-cased) and values, with counts.

    The same mistake repeated ("missed 'the past'" in twelve documents) is one rule to fix, so
    errors are grouped before they are ranked.
    """
    keys = [(e.error, e.gold_text.lower(), e.gold_value, e.found_text.lower(), e.found_value)
            for e in errors.itertuples()]
    counted = Counter(keys).most_common(n)
    return pd.DataFrame([dict(count=c, error=k[0], gold_text=k[1], gold_value=k[2], found_text=k[3], found_value=k[4])
                         for k, c in counted], columns=["count", "error", "gold_text", "gold_value", "found_text",
                                                        "found_value"])


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line (an InputError), not usage text plus an exit."""

    def error(self, message: str):
        raise InputError("python -m lib timex-eval", f"{message} (usage: python -m lib timex-eval DIR "
                                                     "[--part dev|test|all] [--worst N] [--errors FILE])")


def main(argv: list[str]) -> int:
    """``python -m lib timex-eval DIR``: print the scores overall and by type, then the worst errors."""
    parser = _Parser(prog="python -m lib timex-eval",
                     description="Score the temporal tagger on a folder of TimeML .tml files, TempEval-3 style.")
    parser.add_argument("folder", type=Path, help="folder of TimeML files (<DCT> and <TIMEX3> markup)")
    parser.add_argument("--part", choices=PARTS, default="all",
                        help="dev, test or all documents (fixed split by the SHA-256 of the file name: "
                             "test when it is divisible by 4)")
    parser.add_argument("--worst", type=int, default=20, help="how many of the most frequent errors to list")
    parser.add_argument("--errors", type=Path, help="also write every error to this CSV file")
    args = parser.parse_args(argv)
    documents = read_folder(args.folder, args.part)
    gold, predicted = tag_documents(documents)
    table, errors = scores(gold, predicted)
    print(f"{len(documents)} documents ({args.part}), {len(gold)} gold expressions, {len(predicted)} predicted")
    shown = table.copy()
    for column in shown.columns[3:]:
        shown[column] = shown[column].map("{:.3f}".format)
    shown = shown[(shown["n_gold"] > 0) | (shown["n_predicted"] > 0)]
    print(shown[["type", "n_gold", "n_predicted", "relaxed_precision", "relaxed_recall", "relaxed_f1", "strict_f1",
                 "value_accuracy", "value_f1"]].to_string(index=False))
    overall = table.iloc[0]
    print(f"95% intervals over documents (seeded bootstrap): relaxed F1 {overall['relaxed_f1_low']:.3f}-"
          f"{overall['relaxed_f1_high']:.3f}, value F1 {overall['value_f1_low']:.3f}-{overall['value_f1_high']:.3f}")
    if args.worst > 0 and len(errors):
        print(f"\nmost frequent errors (of {len(errors)}):")
        print(worst(errors, args.worst).to_string(index=False))
    if args.errors:
        errors.to_csv(args.errors, index=False, lineterminator="\n")
    return 0

