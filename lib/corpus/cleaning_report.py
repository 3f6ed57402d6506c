"""What cleaning removed, in tables a student can read (notebook 01).

Kept apart from :mod:`lib.corpus.clean` because it is about reporting, not deciding.
"""

import pandas as pd

from . import clean, load


def rules_fired(units: pd.DataFrame) -> pd.DataFrame:
    """Units and characters per (kind, rule) over all articles, with the reason each rule exists."""
    why = {name: reason for name, _pattern, reason in clean.BOILERPLATE_RULES}
    why.update(first_content_line="the first line that is not boilerplate is the title",
               short_title_case="a short title-case line without a full stop is a heading",
               prose="everything else is body text",
               joined_across_break="body lines rejoined: a sentence ran across a paragraph break")
    table = (units.assign(chars=units["end"] - units["start"])
             .groupby(["kind", "rule"], as_index=False)
             .agg(units=("unit_id", "size"), chars=("chars", "sum"), articles=("doc_id", "nunique")))
    table["why"] = table["rule"].map(why)
    return table.sort_values(["kind", "units"], ascending=[True, False], kind="stable").reset_index(drop=True)


def line_agreement(raw_by_doc: dict[str, str], labels: pd.DataFrame) -> pd.DataFrame:
    """Reference labels (corpus/annotations/line_labels.csv) beside the cleaner's decision, one row per line."""
    rows = []
    for doc_id, raw in raw_by_doc.items():
        decided = {line.line_no: line for line in clean.classify_lines(raw)}
        for lab in labels[labels["doc_id"] == doc_id].itertuples():
            line = decided.get(int(lab.line_no))
            rows.append(dict(doc_id=doc_id, line_no=int(lab.line_no), reference=lab.label,
                             cleaner=line.kind if line else "missing", rule=line.rule if line else "",
                             text=raw[int(lab.start):int(lab.end)][:80]))
    table = pd.DataFrame(rows)
    table["agree"] = table["reference"] == table["cleaner"]
    return table


def body_text(raw: str) -> str:
    """The article as cleaning leaves it: headings and body paragraphs, blank line between units."""
    units = clean.units(raw)
    kept = units[units["kind"].isin(["title", "heading", "body"])]
    parts = []
    for unit in kept.itertuples():
        text = raw[unit.start:unit.end]
        parts.append(f"## {text}" if unit.kind in ("title", "heading") else text)
    return "\n\n".join(parts)


def composition(articles: pd.DataFrame, units: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article: body sentences and words, and raw characters by kind (figure 01-corpus-size)."""
    chars = (units.assign(chars=units["end"] - units["start"],
                          part=units["kind"].replace({"title": "title and headings", "heading": "title and headings"}))
             .pivot_table(index="doc_id", columns="part", values="chars", aggfunc="sum", fill_value=0))
    counts = sentences.groupby("doc_id").agg(sentences=("sent_id", "size"), words=("n_words", "sum"))
    short = load.outlet_labels(articles, short=True)
    table = articles[["doc_id"]].assign(label=[f"{d} {short[d]}" for d in articles["doc_id"]])
    table = table.join(counts, on="doc_id").join(chars, on="doc_id").fillna(0)
    columns = ["doc_id", "label", "sentences", "words", "body", "title and headings", "boilerplate"]
    for col in columns[2:]:
        table[col] = table[col].astype(int) if col in table else 0
    return table[columns].reset_index(drop=True)
