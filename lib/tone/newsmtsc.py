"""NewsMTSC (Hamborg and Donnay, EACL 2021) as a table: real coding by people (crowd workers) of tone toward a person in news.

Why this data: the project's own coding of the five Geneva articles was made by AI sessions and on the
very articles we measure, so it cannot tell whether a method measures "tone toward Biden" in news in
general. NewsMTSC is crowd-coded (five coders per target, majority) sentences from English political
news, each with named persons marked; its ``train`` split is for development, ``devtest_mt`` (the
sentences with several targets) is kept for the final test. The files and their licence are in
``data/newsmtsc/`` (see the README there).

:func:`load` turns a split into one row per target: ``sentence_id, sentence, target_start, target_end,
mention, tone`` (``sentence[target_start:target_end] == mention``; ``tone`` -1/0/1 from the released
polarity 2.0/4.0/6.0). Every broken line is a one-line :class:`~lib.errors.InputError` naming the file
and line, never a silent drop.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import paths
from ..core.errors import InputError

#: The repository's copy of the data set.
FOLDER = paths.ROOT / "data" / "newsmtsc"
SPLITS = {"train": "train.jsonl", "devtest_mt": "devtest_mt.jsonl"}
#: Released polarity -> tone. The authors collapse their coders' scale to 2 (negative), 4 (neutral), 6 (positive).
POLARITY = {2.0: -1, 4.0: 0, 6.0: 1}
COLUMNS = ["sentence_id", "sentence", "target_start", "target_end", "mention", "tone"]


def path(split: str, folder: Path | None = None) -> Path:
    """The file of ``split`` (``train`` or ``devtest_mt``)."""
    if split not in SPLITS:
        raise InputError("newsmtsc", f"unknown split {split!r} (one of: {', '.join(SPLITS)})")
    return Path(folder or FOLDER) / SPLITS[split]


def _targets(obj, where: str) -> list[dict]:
    """The checked targets of one JSON line: offsets inside the sentence and pointing at the mention."""
    sentence = obj.get("sentence_normalized") if isinstance(obj, dict) else None
    if not isinstance(sentence, str) or not sentence:
        raise InputError(where, "no sentence_normalized text")
    targets = obj.get("targets")
    if not isinstance(targets, list) or not targets:
        raise InputError(where, "no targets list")
    rows = []
    for k, target in enumerate(targets, start=1):
        try:
            start, end, mention, polarity = int(target["from"]), int(target["to"]), target["mention"], target["polarity"]
        except (KeyError, TypeError, ValueError):
            raise InputError(where, f"target {k} needs from, to, mention and polarity") from None
        if polarity not in POLARITY:
            raise InputError(where, f"target {k} has polarity {polarity!r}; expected 2.0, 4.0 or 6.0")
        if not 0 <= start < end <= len(sentence):
            raise InputError(where, f"target {k} offsets {start}:{end} fall outside the sentence ({len(sentence)} characters)")
        if sentence[start:end] != mention:
            raise InputError(where, f"target {k}: sentence[{start}:{end}] is {sentence[start:end]!r}, not the mention {mention!r}")
        rows.append({"sentence": sentence, "target_start": start, "target_end": end, "mention": mention,
                     "tone": POLARITY[polarity]})
    return rows


def load(split: str, folder: Path | None = None) -> pd.DataFrame:
    """One row per coded target of ``split``; ``sentence_id`` is the 1-based line of the sentence in its file.

    The table's ``attrs["split"]`` names the split, so a function meant for development only can refuse
    anything but ``train`` (:func:`lib.tone.targeted.select`).
    """
    file = path(split, folder)
    if not file.is_file():
        raise InputError(file, "missing: the NewsMTSC files belong in data/newsmtsc/ (see its README)")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(file, f"not UTF-8 text (byte {exc.start})") from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{file} line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not a JSON object ({exc.msg})") from None
        rows += [{"sentence_id": number, **row} for row in _targets(obj, where)]
    if not rows:
        raise InputError(file, "no sentences")
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["tone"] = table["tone"].astype(int)
    table.attrs["split"] = split
    return table


def sentence_labels(table: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence whose coded targets all share one tone: ``sentence_id, sentence, tone, n_targets``.

    Why: NewsMTSC codes tone toward persons, not the tone of a sentence. Where every person in a sentence
    is treated alike, that tone is the closest human judgement of the sentence's own tone the data set
    offers; it is what the overall (not target-directed) measure is chosen on. Sentences whose targets
    disagree are left out (counted in ``attrs["n_mixed"]``).
    """
    grouped = table.groupby("sentence_id", sort=True)
    agree = grouped["tone"].nunique() == 1
    first = grouped.first()[agree]
    out = pd.DataFrame({"sentence_id": first.index.to_numpy(), "sentence": first["sentence"].to_numpy(),
                        "tone": first["tone"].to_numpy(dtype=int),
                        "n_targets": grouped.size()[agree].to_numpy()})
    out.attrs["split"] = table.attrs.get("split")
    out.attrs["n_mixed"] = int((~agree).sum())
    return out


def balance(table: pd.DataFrame) -> pd.DataFrame:
    """Targets per tone (-1, 0, 1) with their share: the class balance the README reports."""
    counts = table["tone"].value_counts().reindex([-1, 0, 1], fill_value=0)
    return pd.DataFrame({"tone": counts.index, "n": counts.to_numpy(),
                         "share": np.round(counts.to_numpy() / counts.sum(), 3)})
