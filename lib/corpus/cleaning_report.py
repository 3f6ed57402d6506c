"""What cleaning removed, in tables a student can read (notebook 01).

Kept apart from :mod:`lib.corpus.clean` because it is about reporting, not deciding.
"""

import pandas as pd

from . import clean


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
    """Hand labels (corpus/annotations/line_labels.csv) beside the cleaner's decision, one row per line."""
    rows = []
    for doc_id, raw in raw_by_doc.items():
        decided = {line.line_no: line for line in clean.classify_lines(raw)}
        for lab in labels[labels["doc_id"] == doc_id].itertuples():
            line = decided.get(int(lab.line_no))
            rows.append(dict(doc_id=doc_id, line_no=int(lab.line_no), hand=lab.label,
                             cleaner=line.kind if line else "missing", rule=line.rule if line else "",
                             text=raw[int(lab.start):int(lab.end)][:80]))
    table = pd.DataFrame(rows)
    table["agree"] = table["hand"] == table["cleaner"]
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
    table = articles[["doc_id"]].assign(label=[f"{d} {corpus_label(r)}" for d, r in
                                               zip(articles["doc_id"], articles.itertuples())])
    table = table.join(counts, on="doc_id").join(chars, on="doc_id").fillna(0)
    columns = ["doc_id", "label", "sentences", "words", "body", "title and headings", "boilerplate"]
    for col in columns[2:]:
        table[col] = table[col].astype(int) if col in table else 0
    return table[columns].reset_index(drop=True)


def corpus_label(row) -> str:
    """Short outlet label for axes: the outlet, or 'unknown outlet'."""
    return row.outlet if row.outlet else "unknown outlet"


def plot_composition(size: pd.DataFrame):
    """Two panels: sentences and words per article; raw characters split into body, headings, boilerplate."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    from ..core import plotting

    # two text lines of 8.5 pt per article need about 0.42 inch; five articles fit the minimum height
    height = max(3.8, 0.42 * len(size) + 1.2)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, height), sharey=True)
    y = range(len(size))
    left.barh(y, size["words"], color=plotting.colour(0))
    for i, (w, s) in enumerate(zip(size["words"], size["sentences"])):
        left.text(w, i, f" {w:,} words\n {s} sentences", va="center", fontsize=8.5)
    left.set_yticks(list(y), size["label"])
    left.invert_yaxis()
    left.set_xlim(0, size["words"].max() * 1.45)
    left.set_xlabel("words in body sentences")
    left.set_title("Body text per article")
    start = pd.Series(0, index=size.index)
    for i, part in enumerate(["body", "title and headings", "boilerplate"]):
        right.barh(y, size[part], left=start, color=plotting.colour(i), label=part)
        start = start + size[part]
    right.xaxis.set_major_locator(MaxNLocator(4))
    right.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    right.set_xlabel("characters in the raw file")
    right.set_title("What the raw file holds")
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 * 3.8 / height), ncol=3, frameon=False)
    fig.tight_layout()
    return fig
