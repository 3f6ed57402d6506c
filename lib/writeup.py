"""The findings of the series, composed from ``results/`` for the write-up (notebook 05).

Every number a reader sees in the write-up is computed here from the tables notebooks 01–04 write
(their columns are fixed by the results contract, :data:`lib.core.outputs.CONTRACT`, and read by
:func:`lib.core.outputs.read_results`), when the notebook runs: nothing is typed by
hand, so the prose cannot drift from the data, and the same write-up reruns on another corpus
(``GENEVA_OUT``). Each ``*_section`` function returns Markdown. A table that is not there yet (a
partial checkout, a notebook not yet run) makes its section say so plainly instead of failing; a
table that is there but lacks a contract column is an :class:`~lib.core.errors.InputError` naming it.
"""

import datetime as dt
import itertools
from pathlib import Path

import pandas as pd

from .core import annotations, outputs, paths, readiness
from .forecasts import scoring
from .corpus.load import outlet_labels
from .tone.agreement import IN_SAMPLE, pair_alpha
from .tone import targeted
from .tone.external import test_row, verdict
from .tone.scorers import difference_interval

Tables = outputs.Tables

#: The uninformed forecaster's probability for every claim (the "coin" baseline).
COIN = 0.5

#: Krippendorff's alpha below which agreement does not support even tentative conclusions
#: (Krippendorff, *Content Analysis*, 2004, section 11.4).
ALPHA_TENTATIVE = 0.667


#: results table -> the readiness step whose missing annotation files make its notebook skip it
SKIPPED_WITHOUT = {"predictions.csv": "forecast_scoring", "forecast_scores.csv": "forecast_scoring",
                   "sentiment_validation.csv": "tone_validation", "sentiment_agreement.csv": "tone_agreement"}


def missing(tables: Tables, *names: str) -> str | None:
    """A plain note naming the tables a section needs but does not have, or ``None`` if all are there.

    Where the table is absent because the corpus lacks the annotation files its step needs, the note
    says the step was skipped on purpose and how to enable it, not that a notebook has yet to run.
    """
    absent = [n for n in names if tables.get(n) is None]
    if not absent:
        return None
    skipped = [readiness.step(SKIPPED_WITHOUT[n]) for n in absent if n in SKIPPED_WITHOUT
               and readiness.missing(readiness.step(SKIPPED_WITHOUT[n]))]
    if skipped:
        step = skipped[0]
        return (f"> **Skipped: {step.analysis}.** This corpus has no "
                f"{', '.join(f'`annotations/{f}`' for f in readiness.missing(step))}, so {step.without} "
                f"(notebook {step.notebook}). Draft the files with `{readiness.skeleton_command(step)}`.")
    notebooks = sorted({(outputs.CONTRACT | outputs.EXTRAS)[n][0] for n in absent})
    files = ", ".join(f"`results/{n}`" for n in absent)
    writer = (f"notebook {notebooks[0]} writes" if len(notebooks) == 1 else f"notebooks {', '.join(notebooks)} write")
    return (f"> **Not available yet.** This section needs {files}, which {writer}. Run "
            f"`python -m lib run {' '.join(notebooks)}` (or `make reproduce`), then rerun this notebook.")


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``count(1, "article") == "1 article"``, ``count(5, "article") == "5 articles"``."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def verb(n: int, one: str, many: str) -> str:
    """The verb form agreeing with ``n``: ``verb(1, "is", "are") == "is"``."""
    return one if n == 1 else many


def day(date: dt.date) -> str:
    """``16 June 2021`` (no leading zero, month in words: unambiguous in every country)."""
    return f"{date.day} {date:%B %Y}"


def percent(part: float, whole: float) -> str:
    """``part`` of ``whole`` as a whole-number percentage (``"n/a"`` for an empty whole)."""
    return f"{part / whole:.0%}" if whole else "n/a"


def _dates(series: pd.Series) -> pd.Series:
    """ISO dates as timestamps; an empty (unknown) or partial date becomes NaT, which compares False."""
    return pd.to_datetime(series, errors="coerce", format="%Y-%m-%d")


def pre_event_docs(articles: pd.DataFrame, event_date: dt.date) -> list[str]:
    """doc_ids of the articles published before the event (by their best date; unknown dates excluded)."""
    before = _dates(articles["published"]) < pd.Timestamp(event_date)
    return articles.loc[before.to_numpy(), "doc_id"].tolist()


# --- what was done ---------------------------------------------------------------------------------

STATE_WORDS = {"done": "Done", "proposals": "Proposals only", "skipped": "Skipped"}


def analyses_table(corpus: Path | None = None) -> pd.DataFrame:
    """One row per analysis step: notebook, state (done / proposals only / skipped), what happened
    instead, and the command that drafts the missing files (:mod:`lib.core.readiness`)."""
    rows = [dict(notebook=s.notebook, analysis=s.analysis, state=STATE_WORDS[state],
                 missing=", ".join(absent), instead=s.without if absent else "",
                 command=readiness.skeleton_command(s, corpus) if absent else "")
            for s, state, absent in readiness.status(corpus)]
    return pd.DataFrame(rows, columns=["notebook", "analysis", "state", "missing", "instead", "command"])


def analyses_section(corpus: Path | None = None) -> str:
    """Which analyses were done on reviewed coding, which rest on the tools' proposals only, which
    were skipped: a reader must know this before reading any finding below."""
    table = analyses_table(corpus)
    done, proposals, skipped = (table[table["state"] == w] for w in STATE_WORDS.values())
    if proposals.empty and skipped.empty:
        return (f"All {count(len(done), 'analysis', 'analyses')} of the series ran on annotation files (who coded "
                "each is named in the limitations).")
    parts = [f"**{len(done)} of {count(len(table), 'analysis', 'analyses')} ran on annotation files; "
             f"{len(proposals)} rest on the tools' proposals only; {len(skipped)} were skipped.** "
             "Proposals are what rules suggest for a person to confirm, not findings."]
    for title, part in (("Proposals only", proposals), ("Skipped", skipped)):
        if len(part):
            parts.append(f"{title}: " + "; ".join(f"{r.analysis} (notebook {r.notebook}, no {r.missing}: {r.instead})"
                                               for r in part.itertuples()) + ".")
    return "\n\n".join(parts)


# --- the corpus ------------------------------------------------------------------------------------

def corpus_section(tables: Tables, event_date: dt.date) -> str:
    """What the corpus is: articles, outlets, dates (stated or inferred), size."""
    note = missing(tables, "articles.csv")
    if note:
        return note
    a = tables["articles.csv"]
    labels = outlet_labels(a)
    stated = int((a["published_basis"] == "stated").sum())
    inferred = int((a["published_basis"] == "inferred").sum())
    unknown_date = int(a["published"].isna().sum())
    pre = pre_event_docs(a, event_date)
    dates = _dates(a["published"]).dropna()
    longest = a.loc[a["n_words"].idxmax()]
    proposed = tables.get("publication_dates.csv")
    machine = [] if proposed is None else sorted(proposed.loc[proposed["metadata_basis"].isna()
                                                              & proposed["machine_min"].notna(), "doc_id"])
    lines = [
        f"The corpus holds **{count(len(a), 'article')}** from **{count(a['doc_id'].map(labels).nunique(), 'outlet')}** "
        f"({', '.join(sorted(set(labels.values())))}): {count(int(a['n_sentences'].sum()), 'body sentence')} and "
        f"{int(a['n_words'].sum()):,} words once page furniture is removed.",
        f"{count(len(pre), 'article')} ({', '.join(pre) or 'none'}) appeared before the event of "
        f"{day(event_date)}; {count(int((dates >= pd.Timestamp(event_date)).sum()), 'article')} on the day or after it."
        + (f" Publication dates run from {day(dates.min())} to {day(dates.max())}." if len(dates) else ""),
        f"{count(stated, 'article')} {verb(stated, 'states its', 'state their')} publication date; for {inferred} the date "
        f"is *inferred* from phrases such as \"earlier today\""
        + (f", and {unknown_date} {verb(unknown_date, 'gives', 'give')} no date at all" if unknown_date else "") + "."
        + (f" For {', '.join(machine)} the dates are the rules' proposals from the articles' own words (notebook 02, "
           f"`results/publication_dates.csv`), not checked by a person." if machine else ""),
        f"Article {longest['doc_id']} ({labels[longest['doc_id']]}) is the longest, with {int(longest['n_words']):,} "
        f"words ({percent(longest['n_words'], a['n_words'].sum())} of all words), so totals are dominated by it.",
    ]
    return "\n\n".join(lines)


# --- notebook 02: timeline and discrepancies -------------------------------------------------------

def timex_summary(tables: Tables) -> str:
    """How many temporal expressions, of which types, and how many needed the publication date."""
    note = missing(tables, "timex.csv", "articles.csv")
    if note:
        return note
    tx, a = tables["timex.csv"], tables["articles.csv"]
    types = tx["type"].value_counts()
    by_type = ", ".join(f"{int(v)} {t}" for t, v in types.items())
    dct = tx[tx["anchor"] == "DCT"]
    inferred_docs = set(a.loc[a["published_basis"] == "inferred", "doc_id"])
    dct_inferred = int(dct["doc_id"].isin(inferred_docs).sum())
    return (f"The tagger found **{count(len(tx), 'temporal expression')}** ({by_type}). "
            f"{len(dct)} of them ({percent(len(dct), len(tx))}) are relative (\"on Wednesday\", \"last week\") and "
            f"were resolved against the article's publication date; {dct_inferred} of those "
            f"{verb(dct_inferred, 'sits', 'sit')} in articles whose "
            f"date is itself inferred, so an error in that inference would move them all.")


#: The tagger's method name and the baseline's in ``timex_scores.csv``; the held-out evaluation sets.
RULES, BASELINE = "rules (lib.temporal)", "dateparser search_dates"
CORPUS_SET, HELD_OUT = "five articles", ("held-out A", "held-out B")
#: The tagger's targets on the five articles: relaxed F1 and value accuracy of all gold.
TAGGER_TARGETS = {"relaxed_f1": 0.95, "value_correct_of_gold": 0.90}


def _scores(tables: Tables) -> pd.DataFrame:
    """``timex_scores.csv`` as one row per (dataset, method) and one column per metric."""
    return tables["timex_scores.csv"].pivot_table(index=["dataset", "method"], columns="metric", values="value")


def _span(values: pd.Series, fmt=lambda v: f"{v:.2f}") -> str:
    return f"{fmt(values.min())}–{fmt(values.max())}"


def tagger_caption(tables: Tables) -> str:
    """The tagger-score figure of notebook 02 in words: ranges over the evaluation sets, the targets, held-out values.

    Why a function: the caption states numbers, and a caption typed by hand drifts when the tagger changes.
    """
    note = missing(tables, "timex_scores.csv")
    if note:
        return note
    scores = _scores(tables)
    rules = scores.xs(RULES, level="method")
    held = rules.loc[list(HELD_OUT), "value_correct_of_gold"]
    pct = lambda v: f"{round(100 * v)}"
    if CORPUS_SET not in rules.index:   # a corpus without its own gold: only the held-out passages were scored
        return (f"*Figure: on the held-out passages the rules reach F1 {_span(rules['relaxed_f1'])} with overlapping "
                f"spans and get {_span(rules['value_correct_of_gold'])} of all values right.* This corpus has no "
                "gold annotation of its own, so how well the tagger does on it is not measured.")
    base = scores.xs(BASELINE, level="method")
    met = all(rules.loc[CORPUS_SET, m] >= t for m, t in TAGGER_TARGETS.items())
    return (f"*Figure: on every set the rules find nearly all expressions (F1 {_span(rules['relaxed_f1'])} with "
            f"overlapping spans) and get {_span(rules['value_correct_of_gold'])} of all values right; dateparser "
            f"finds {_span(base['relaxed_recall'], pct)} % of them and gets "
            f"{_span(base['value_correct_of_gold'], pct)} % of the values right.* The targets (F1 ≥ "
            f"{TAGGER_TARGETS['relaxed_f1']:.2f}, value accuracy ≥ {TAGGER_TARGETS['value_correct_of_gold']:.2f} "
            f"on the five articles) are {'met' if met else 'not met'}, but remember the five-article score is "
            f"measured on the text the rules were written for; the held-out scores are the honest estimate for "
            f"other news, and they are {'lower' if held.max() < rules.loc[CORPUS_SET, 'value_correct_of_gold'] else 'not lower'} "
            f"for values ({' and '.join(f'{v:.2f}' for v in held)}).")


def tagger_dating_summary(tables: Tables) -> str:
    """Notebook 02's summary of the tagger's scores and the inferred publication dates, as Markdown bullets."""
    note = missing(tables, "timex_scores.csv", "articles.csv")
    if note:
        return note
    scores = _scores(tables)
    held = scores.xs(RULES, level="method").loc[list(HELD_OUT)]
    f1_floor = int(100 * held["relaxed_f1"].min()) / 100
    if (CORPUS_SET, RULES) in scores.index:
        five = scores.loc[(CORPUS_SET, RULES)]
        n_gold = int(five["n_gold"])
        found = round(five["strict_recall"] * n_gold)
        right = round(five["value_correct_of_gold"] * n_gold)
        resolved = f"resolves all {found} correctly" if right == found else f"resolves {right} of them correctly"
        own = (f"finds {found} of the {n_gold} expressions in the five articles with exact spans and {resolved}; "
               "on held-out passages it")
    else:
        own = "is not measured on this corpus, which has no gold annotation; on held-out passages it"
    a = tables["articles.csv"]
    inferred = a[a["published_basis"] == "inferred"]
    dates = []
    for _, row in inferred.iterrows():
        lo, hi = pd.to_datetime(row["published_min"]), pd.to_datetime(row["published_max"])
        if pd.isna(lo) or pd.isna(hi):
            when = "on an open range of days"
        elif lo == hi:
            when = f"on {lo.day} {lo:%B}"
        else:
            when = f"{lo.day}–{hi.day} {hi:%B}" if lo.month == hi.month else f"{lo.day} {lo:%B}–{hi.day} {hi:%B}"
        dates.append(f"{when} ({row['doc_id']})")
    listed = ", ".join(dates[:-1]) + " and " + dates[-1] if len(dates) > 1 else "".join(dates)
    undated = "No article's date had to be inferred." if not dates else f"The {count(len(dates), 'undated article')} {verb(len(dates), 'was', 'were')} written {listed}."
    return (f"- The rule-based tagger {own} keeps F1 ≥ {f1_floor:.2f} but gets "
            f"{_span(held['value_correct_of_gold'])} of values right. dateparser, the obvious alternative, finds "
            f"far fewer and mistakes *may* and *we* for dates.\n- {undated}")


def timeline_section(tables: Tables, event_date: dt.date) -> str:
    """Events and mentions, which events several outlets report, and the span the coverage covers."""
    note = missing(tables, "timeline.csv")
    if note:
        return note
    tl = tables["timeline.csv"]
    # each event is dated by its most precise mention (the shortest span of days)
    span = (_dates(tl["date_end"]) - _dates(tl["date_start"])).dt.days.fillna(1e9)
    precise = tl.assign(span=span).sort_values(["event_id", "span"], kind="stable").groupby("event_id").first()
    events = tl.groupby("event_id").agg(event=("event", "first"), date_value=("date_value", "first"),
                                        n_outlets=("n_outlets", "max"), mentions=("doc_id", "size"))
    events = events.assign(first=precise["date_start"], last=precise["date_end"])
    shared = events[events["n_outlets"] >= 2].sort_values(["n_outlets", "mentions", "date_value"],
                                                         ascending=[False, False, True], kind="stable")
    start, end = _dates(tl["date_start"]), _dates(tl["date_end"])
    on_day = int(((start <= pd.Timestamp(event_date)) & (end >= pd.Timestamp(event_date))).sum())
    parts = [f"Notebook 02 placed **{count(len(tl), 'dated mention')}** of **{count(len(events), 'event')}** on a "
             f"calendar. {count(len(shared), 'event')} ({percent(len(shared), len(events))}) "
             f"{verb(len(shared), 'is', 'are')} reported by two outlets or more; the others rest on a single "
             f"outlet's word."]
    if len(start.dropna()):
        parts.append(f"The mentions reach from {start.min():%Y-%m-%d} to {end.max():%Y-%m-%d}; "
                     f"{count(on_day, 'mention')} {verb(on_day, 'covers', 'cover')} the day of the event itself.")
    if "linked_by" in tl and (tl["linked_by"] == "machine").any():
        date_only = tl.loc[tl["link_basis"].fillna("").str.startswith("date only"), "date_value"].nunique()
        parts.append(f"No event list was coded for this corpus, so the mentions were **machine-linked**: two "
                     f"mentions count as one event only when they give the same date and their sentences share "
                     f"words. {count(date_only, 'date')} {verb(date_only, 'is', 'are')} given by several outlets with "
                     f"nothing else in common; such date-only groups are not counted as reported by two outlets. "
                     f"These groupings are proposals for a person to check.")
    if len(shared):
        top = "; ".join(f"{row.event} ({row.first if row.first == row.last else f'{row.first} to {row.last}'}, "
                        f"{count(int(row.n_outlets), 'outlet')})" for row in shared.head(5).itertuples())
        parts.append(f"Most widely reported: {top}.")
    return "\n\n".join(parts)


def discrepancy_table(tables: Tables) -> pd.DataFrame | None:
    """The conflicts of ``discrepancies.csv`` with the two sentences quoted (from ``sentences.csv``)."""
    if missing(tables, "discrepancies.csv", "sentences.csv") or tables["discrepancies.csv"].empty:
        return None     # discrepancy_section says so in words; an empty table would print only a header
    d, s = tables["discrepancies.csv"], tables["sentences.csv"]
    if d.empty:   # the section's text says why: nothing checked, or nothing found
        return None
    text = {(doc, int(sid)): t for doc, sid, t in zip(s["doc_id"], s["sent_id"], s["text"])}

    def quote(doc, sid) -> str:
        if pd.isna(sid):
            return ""
        return text.get((doc, int(sid)), f"(sentence {doc}:{int(sid)} not in sentences.csv)")

    return pd.DataFrame({
        "topic": d["topic"].to_numpy(),
        "a": [f"{doc}:{int(sid)}" if pd.notna(sid) else doc for doc, sid in zip(d["doc_a"], d["sent_a"])],
        "says": [quote(doc, sid) for doc, sid in zip(d["doc_a"], d["sent_a"])],
        "b": [f"{doc}:{int(sid)}" if pd.notna(sid) else doc for doc, sid in zip(d["doc_b"], d["sent_b"])],
        "against": [quote(doc, sid) for doc, sid in zip(d["doc_b"], d["sent_b"])],
        "description": d["description"].to_numpy(),
    }).set_index("topic")


def discrepancy_section(tables: Tables) -> str:
    """How many factual conflicts, between or within articles, on which topics."""
    note = missing(tables, "discrepancies.csv")
    if note:
        return note
    d = tables["discrepancies.csv"]
    unchecked = readiness.missing(readiness.step("discrepancies"))
    if unchecked:
        cands = tables.get("discrepancy_candidates.csv")
        listed = (f"{count(len(cands), 'candidate discrepancy', 'candidate discrepancies')} "
                  f"({', '.join(f'{k}: {n}' for k, n in cands['kind'].value_counts().sort_index().items()) or 'none'}) "
                  f"{verb(len(cands), 'is', 'are')} listed in `results/discrepancy_candidates.csv` for a person to "
                  "review" if cands is not None else "no candidate list was written")
        return (f"**No claim was checked** (this corpus has no `annotations/claim_checks.csv`), so this write-up "
                f"reports no conflict and cannot say there is none: {listed}. Draft the checks with "
                f"`{readiness.skeleton_command(readiness.step('discrepancies'))}`.")
    if d.empty:
        return "Notebook 02 checked the claims and found **no factual conflict** between or within the articles."
    a = tables.get("articles.csv")
    # doc_b names an article, or an outside source such as the public record (no sentence then)
    in_corpus = d["doc_b"].isin(set(a["doc_id"])) if a is not None else d["sent_b"].notna()
    within = int((in_corpus & (d["doc_a"] == d["doc_b"])).sum())
    between = int(in_corpus.sum()) - within
    outside = len(d) - between - within
    topics = d["topic"].value_counts()
    return (f"Notebook 02 found **{count(len(d), 'factual conflict')}**: {between} between articles, {within} "
            f"within one article and {outside} between an article and an outside source such as the public "
            f"record, on {count(len(topics), 'topic')} "
            f"({', '.join(f'{t} ({n})' for t, n in topics.items())}). The table quotes both sides.")


# --- notebook 03: sentiment ------------------------------------------------------------------------

def method_agreement(tables: Tables) -> pd.DataFrame | None:
    """Pairwise agreement of the automated methods' sentence labels: share equal and Krippendorff's alpha.

    Alpha (nominal) corrects the raw share for the agreement two methods would reach by chance given
    how often each uses each label, and unlike Cohen's kappa it extends to more coders and missing codes.
    """
    if missing(tables, "sentiment_sentences.csv"):
        return None
    wide = tables["sentiment_sentences.csv"].pivot_table(index=["doc_id", "sent_id"], columns="method",
                                                         values="label", aggfunc="first")
    rows = []
    for a, b in itertools.combinations(sorted(wide.columns), 2):
        both = wide[[a, b]].dropna()
        rows.append({"method_a": a, "method_b": b, "n": len(both),
                     "agree": float((both[a] == both[b]).mean()) if len(both) else float("nan"),
                     "alpha": pair_alpha(both[a], both[b])})
    return pd.DataFrame(rows, columns=["method_a", "method_b", "n", "agree", "alpha"])


def outlet_tone_table(tables: Tables, target: str = "all") -> pd.DataFrame | None:
    """Outlet x method: ``mean [ci_low, ci_high] (n)`` for one target, for display; "degenerate" marks an
    interval of zero width (every sentence coded or scored alike), which says nothing about uncertainty."""
    if missing(tables, "sentiment_outlets.csv"):
        return None
    o = tables["sentiment_outlets.csv"]
    o = o[o["target"] == target]
    cell = [f"{m:+.2f} [{lo:+.2f}, {hi:+.2f}] (n={int(n)})" + (" degenerate" if lo == hi else "")
            for m, lo, hi, n in zip(o["mean"], o["ci_low"], o["ci_high"], o["n"])]
    return (o.assign(cell=cell, outlet=o["doc_id"].map(outlet_labels(o)))
             .pivot_table(index=["doc_id", "outlet"], columns="method", values="cell", aggfunc="first"))


def _overlap(a, b) -> bool:
    return not (a["ci_high"] < b["ci_low"] or b["ci_high"] < a["ci_low"])


def validation_section(tables: Tables) -> str:
    """How far the automated tone measures can be trusted: each against the reference coding, the paired
    intervals of their differences, and how reproducible the reference coding is, before any per-outlet claim."""
    note = missing(tables, "sentiment_validation.csv")
    if note:
        return note
    v = tables["sentiment_validation.csv"]
    v = v[v["target"] == "all"].sort_values(["macro_f1", "method"], ascending=[False, True], kind="stable")
    if v.empty:
        return "Notebook 03 wrote no validation of the overall tone."
    best, worst = v.iloc[0], v.iloc[-1]
    text = (f"Against the reference coding of the same {count(int(best['n']), 'sentence')}, the automated methods "
            f"reach a macro-F1 (0 to 1, higher is better) from {worst['macro_f1']:.2f} (`{worst['method']}`) to "
            f"{best['macro_f1']:.2f} (`{best['method']}`)")
    vader = v[v["method"] == "vader"]
    if len(vader) and best["method"] != "vader":
        text += f"; plain VADER reaches {vader['macro_f1'].iloc[0]:.2f}"
    text += "."
    if best["method"] in IN_SAMPLE:
        text += (f" `{best['method']}`'s score is an in-sample, development score: its lexicon was written by a coder "
                 "who had read these articles, and at least one entry was added after the first scoring (notebook 03, section 5).")
    d = tables.get("sentiment_method_differences.csv")
    if d is not None and len(d):
        d = d[d["target"] == "all"]
        top = d[(d["method_a"] == best["method"]) | (d["method_b"] == best["method"])]
        phrases = []
        for r in top.sort_values(["method_a", "method_b"], kind="stable").to_dict("records"):
            other = r["method_b"] if r["method_a"] == best["method"] else r["method_a"]
            sign = 1 if r["method_a"] == best["method"] else -1
            low, high = sorted((sign * r["ci_low"], sign * r["ci_high"]))
            word = ("higher than" if low > 0 else "lower than" if high < 0 else "not distinguishable from")
            phrases.append(f"{word} `{other}` ({sign * r['difference']:+.2f} [{low:+.2f}, {high:+.2f}], n = {int(r['n'])}"
                           + (", degenerate interval" if r.get("degenerate", 0) else "") + ")")
        text += (f" On the same sentences, with a paired 95% bootstrap interval of the macro-F1 difference, "
                 f"`{best['method']}` is " + "; ".join(phrases) + ". Only a difference whose interval excludes zero "
                 "says one method measures this tone better than another.")
    agreement = tables.get("sentiment_agreement.csv")
    tone = agreement[agreement["variable"] == "tone"] if agreement is not None else pd.DataFrame()
    if len(tone):
        row = tone.iloc[0]
        text += (f" Two codings of {count(int(row['n_units']), 'sentence')} agree with Krippendorff's "
                 f"alpha {row['alpha']:.2f} ({row['level']}) on overall tone: that says how reproducible the reference "
                 "is (a different statistic from macro-F1, so no ceiling for the methods). Both codings were made by "
                 "AI coder sessions following one codebook, so two people would likely agree less.")
    else:
        text += " No second, independent coding is in `results/` yet, so how well two coders agree is unknown."
    return text


# --- notebook 03: the sentences under its tables ----------------------------------------------------

#: Small counts written as words in running prose ("the ten sentences"); larger ones stay digits.
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def in_words(n: int) -> str:
    """``in_words(10) == "ten"``; numbers above twelve as digits."""
    return WORDS[n] if 0 <= n < len(WORDS) else str(n)


def vader_versions(tables: Tables) -> str:
    """The two VADER implementations against the reference coding (notebook 03, section 5), macro-F1 of each."""
    note = missing(tables, "sentiment_validation.csv")
    if note:
        return note
    v = tables["sentiment_validation.csv"].set_index(["target", "method"])
    ref, nltk = v.loc[("all", "vader_reference"), "macro_f1"], v.loc[("all", "vader"), "macro_f1"]
    return (f"The two VADERs of section 3 differ a little here too: the authors' package reaches a macro-F1 about "
            f"{ref:.2f} against {nltk:.2f} for NLTK's port"
            + (" (a handful of sentences; on \"no problem\" and quoted words its rules are the more careful ones)."
               if ref > nltk else "."))


def textblob_note(tables: Tables) -> str:
    """How many sentences TextBlob calls neutral, and how well its scores order the rest (Spearman)."""
    note = missing(tables, "sentiment_sentences.csv", "sentiment_validation.csv")
    if note:
        return note
    s, v = tables["sentiment_sentences.csv"], tables["sentiment_validation.csv"]
    tb = s[s["method"] == "textblob"]
    rho = v.loc[(v["target"] == "all") & (v["method"] == "textblob"), "spearman"].iloc[0]
    return (f"TextBlob, which averages the scores of adjectives (its scores are in the table above), labels "
            f"{int((tb['label'] == 0).sum())} of the {len(tb)} sentences neutral and gets the direction of the rest "
            f"{'barely better than chance' if rho < 0.3 else 'better than chance'} (Spearman {rho:.2f}).")


def leader_lexicon_scores(tables: Tables) -> str:
    """The macro-F1 range of the lexicon methods on the leader rows of sentiment_validation.csv."""
    note = missing(tables, "sentiment_validation.csv")
    if note:
        return note
    v = tables["sentiment_validation.csv"]
    leaders = v[v["target"] != "all"]["macro_f1"]
    return (f"The leader rows above use whole clauses and lexicons that scored a macro-F1 of "
            f"{leaders.min():.2f}–{leaders.max():.2f} against the reference coding.")


def leader_takeaway(tables: Tables) -> str:
    """Notebook 03's reading of tone toward each leader: where `context_lr` and the reference coding agree and
    disagree, what VADER on the sentence does, and how much weight the readings bear (n, outside test)."""
    note = missing(tables, "tone_leaders.csv", "sentiment_outlets.csv", "tone_external.csv")
    if note:
        return note
    leaders, o = tables["tone_leaders.csv"], tables["sentiment_outlets.csv"]
    reference = o[o["method"] == "reference"]
    names = outlet_labels(leaders)

    def means(table, method, target):
        rows = table[(table["method"] == method) & (table["target"] == target)]
        return rows.set_index("doc_id")["mean"].sort_values(kind="stable")

    own, ref = means(leaders, targeted.RECOMMENDED, "putin"), means(reference, "reference", "putin")
    if own.empty or ref.empty:
        return "Tone toward the leaders is not in `results/` for both `context_lr` and the reference coding."
    coldest = (f"agree on the coldest article, {names[own.index[0]]}" if own.index[0] == ref.index[0] else
               f"disagree on the coldest article ({names[own.index[0]]} against {names[ref.index[0]]})")
    warm = own.index[-1]
    rank = list(ref.index[::-1]).index(warm) + 1 if warm in ref.index else None
    ordinal = {1: "warmest", 2: "second", 3: "third"}.get(rank, f"number {rank}")
    text = (f"**Takeaway.** Toward Putin, `context_lr` and the reference coding {coldest}, and "
            + (f"both put {names[warm]} among the warmest (`context_lr`'s warmest, the reference coding's {ordinal})."
               if rank and rank <= 2 else f"`context_lr`'s warmest, {names[warm]}, is the reference coding's {ordinal}."))
    split = [d for d in ref.index if ref[d] > 0 and d in own.index and own[d] < 0]
    if split:
        d = max(split, key=lambda k: ref[k] - own[k])
        r_n = int(reference[(reference["doc_id"] == d) & (reference["target"] == "putin")]["n"].iloc[0])
        o_n = int(leaders[(leaders["doc_id"] == d) & (leaders["target"] == "putin")
                          & (leaders["method"] == targeted.RECOMMENDED)]["n"].iloc[0])
        text += (f" They disagree on {names[d]}, which the reference coding reads as "
                 f"{'uniformly warm' if ref[d] == 1 else 'warm'} toward Putin in the {in_words(r_n)} sentences it "
                 f"judged to evaluate him, while `context_lr` puts its {in_words(o_n)} mentioning sentences "
                 f"{'slightly ' if own[d] > -0.3 else ''}below zero.")
    own_b, ref_b = means(leaders, targeted.RECOMMENDED, "biden"), means(reference, "reference", "biden")
    vader_b = means(leaders, targeted.BASELINE, "biden")
    cool = [d for d in sorted(own_b.index) if own_b[d] < 0 and ref_b.get(d, 0) > 0 and vader_b.get(d, 0) > 0]
    if cool:
        listed = ", ".join(names[d] for d in cool[:-1]) + " and " + names[cool[-1]] if len(cool) > 1 else names[cool[0]]
        text += (f" Toward Biden, `context_lr` finds {listed} cool, where the reference "
                 "coding and VADER find warmth.")
    vader = leaders[leaders["method"] == targeted.BASELINE]
    text += (f" VADER on the sentence puts {int((vader['mean'] > 0).sum())} of its {len(vader)} article-and-leader "
             "means above zero, which is what its outside test predicts: it gives every person in a sentence the "
             "sentence's tone.")
    acc = test_row(tables["tone_external.csv"])["accuracy"]
    text += (f" With {leaders['n'].min()} to {leaders['n'].max()} sentences per article and leader, and a measure "
             f"that is right on about {in_words(round(10 * acc))} persons in ten in the outside test, these are "
             "tentative readings of five articles, not findings about outlets.")
    return text


def reference_tone_section(tables: Tables) -> str:
    """Tone per article by the reference coding (``method == reference`` in sentiment_outlets.csv), if present."""
    if missing(tables, "sentiment_outlets.csv"):
        return ""
    o = tables["sentiment_outlets.csv"]
    reference = o[(o["method"] == "reference") & (o["target"] == "all")]
    if len(reference) < 2:
        return "The per-outlet table holds no reference coding, so only the automated methods speak below."
    reference = (reference.assign(outlet=reference["doc_id"].map(outlet_labels(reference)))
                 .sort_values(["mean", "doc_id"], kind="stable"))
    lo, hi = reference.iloc[0], reference.iloc[-1]
    order = ", ".join(f"{r.outlet} ({r.mean:+.2f} [{r.ci_low:+.2f}, {r.ci_high:+.2f}], n = {int(r.n)})"
                      for r in reference.itertuples())
    return (f"By the **reference coding**, from most negative to most positive: {order}. The extremes "
            + ("have intervals that do not overlap, so they differ beyond sampling noise." if not _overlap(lo, hi) else
               "have overlapping intervals, which alone does not show whether they differ.")
            + " The automated methods below are secondary: read them against this ordering." + _degenerate(o))


def _degenerate(o: pd.DataFrame) -> str:
    """A sentence naming every interval of zero width in sentiment_outlets.csv, with its n."""
    flat = o[o["ci_low"] == o["ci_high"]]
    if flat.empty:
        return ""
    names = outlet_labels(flat)
    items = [f"{names.get(r.doc_id, r.doc_id)}, `{r.method}`, target `{r.target}`: [{r.ci_low:+.2f}, {r.ci_high:+.2f}] "
             f"from {count(int(r.n), 'sentence')}" for r in flat.itertuples()]
    return (" Degenerate intervals (zero width, because every sentence is coded or scored alike, so they show no "
            "uncertainty rather than certainty): " + "; ".join(items) + ".")


def leader_tone_section(tables: Tables) -> str:
    """Tone toward each leader from the externally validated target-directed measure, its outside test
    score first (how far to trust it), then each leader's articles from coldest to warmest."""
    note = missing(tables, "tone_external.csv", "tone_leaders.csv")
    if note:
        return note
    external, leaders = tables["tone_external.csv"], tables["tone_leaders.csv"]
    row = test_row(external)
    method = row["method"]
    parts = [f"**Tone toward each leader** is measured with `{method}`, a target-directed measure developed on "
             "NewsMTSC, sentences from English political news whose persons were coded by five people each "
             "(crowd coders, not this project). Its outside test says how far to trust it. " + verdict(external)
             + f" It gives the coders' label to {row['accuracy']:.0%} of persons in that test, and it was never "
             "trained on diplomatic prose."]
    own = leaders[leaders["method"] == method]
    for target, group in own.groupby("target", sort=True):
        group = group.assign(outlet=group["doc_id"].map(outlet_labels(group))).sort_values(["mean", "doc_id"],
                                                                                           kind="stable")
        order = "; ".join(f"{r.outlet} {r.mean:+.2f} ({r.ci_low:+.2f} to {r.ci_high:+.2f}, {count(int(r.n), 'sentence')})"
                          for r in group.itertuples())
        lo, hi = group.iloc[0], group.iloc[-1]
        parts.append(f"Toward `{target}`, from coldest to warmest: {order}. The two extremes "
                     + ("have intervals that do not overlap." if not _overlap(lo, hi) else
                        "have overlapping intervals, which alone does not show whether they differ.")
                     + " The scores are P(positive) minus P(negative) per mention, so 0 is balanced or neutral.")
    overall = external[(external["level"] == "sentence") & (external["split"] == "devtest_mt")
                       & (external["recommended"] == 1)]
    if len(overall):
        o = overall.iloc[0]
        parts.append(f"For a sentence's overall tone the recommended `{o['method']}` was also chosen on NewsMTSC "
                     f"`train`; on the {count(int(o['n']), 'test sentence')} whose persons the coders judged alike it "
                     f"scores macro-F1 {o['macro_f1']:.2f} against VADER's {o['macro_f1'] - o['diff_baseline']:.2f} "
                     f"(difference {o['diff_baseline']:+.2f}, {o['diff_low']:+.2f} to {o['diff_high']:+.2f}).")
    return "\n\n".join(parts)


def sentiment_section(tables: Tables) -> str:
    """Overall tone per outlet by method, whether the extremes are distinguishable, tone toward each leader."""
    note = missing(tables, "sentiment_sentences.csv", "sentiment_outlets.csv")
    if note:
        return note
    ss, o = tables["sentiment_sentences.csv"], tables["sentiment_outlets.csv"]
    o = o[o["method"] != "reference"]
    o = o.assign(outlet=o["doc_id"].map(outlet_labels(o)))
    methods = sorted(ss["method"].unique())
    n_sent = ss[["doc_id", "sent_id"]].drop_duplicates().shape[0]
    parts = [f"Notebook 03 scored **{count(n_sent, 'sentence')}** with **{count(len(methods), 'automated method')}** "
             f"({', '.join(f'`{m}`' for m in methods)})."]
    for method in methods:
        labels = ss.loc[ss["method"] == method, "label"]
        overall = o[(o["method"] == method) & (o["target"] == "all")].sort_values(["mean", "doc_id"], kind="stable")
        text = (f"With `{method}`, {percent(int((labels < 0).sum()), len(labels))} of sentences are negative and "
                f"{percent(int((labels > 0).sum()), len(labels))} positive.")
        if len(overall) >= 2:
            lo, hi = overall.iloc[0], overall.iloc[-1]
            diff, dlo, dhi = difference_interval(
                ss.loc[(ss["method"] == method) & (ss["doc_id"] == lo["doc_id"]), "score"].to_numpy(),
                ss.loc[(ss["method"] == method) & (ss["doc_id"] == hi["doc_id"]), "score"].to_numpy())
            text += (f" The most negative outlet overall is {lo['outlet']} (mean {lo['mean']:+.2f}, interval "
                     f"{lo['ci_low']:+.2f} to {lo['ci_high']:+.2f}, n = {int(lo['n'])}), the "
                     f"most positive {hi['outlet']} ({hi['mean']:+.2f}, {hi['ci_low']:+.2f} to {hi['ci_high']:+.2f}, "
                     f"n = {int(hi['n'])}). " + (
                         "Too few sentences to test their difference." if pd.isna(dlo) else
                         f"The difference, bootstrapped directly: {diff:+.2f} [{dlo:+.2f}, {dhi:+.2f}], so "
                         + ("even these two extremes cannot be told apart." if dlo <= 0 <= dhi else
                            "these two articles differ beyond sampling noise.")))
        parts.append(text)
    targets = sorted(t for t in o["target"].unique() if t != "all")
    if len(targets) == 2:
        t1, t2 = targets
        wide = o[o["target"].isin(targets)].pivot_table(index=["method", "doc_id"], columns="target", values="mean")
        wide = wide.dropna()
        lower = int((wide[t2] < wide[t1]).sum())
        parts.append(f"Toward the two leaders: in {lower} of {len(wide)} outlet-and-method pairs the tone toward "
                     f"`{t2}` is below the tone toward `{t1}`. The sentences about one leader in one article are few "
                     f"(n from {int(o.loc[o['target'].isin(targets), 'n'].min())} to "
                     f"{int(o.loc[o['target'].isin(targets), 'n'].max())}), so these describe "
                     f"{count(o['doc_id'].nunique(), 'text')}, not outlets.")
    agreement = method_agreement(tables)
    if agreement is not None and len(agreement):
        worst = agreement.sort_values(["agree", "method_a"], kind="stable").iloc[0]
        verdict = ("agree well enough to be read side by side" if worst["alpha"] >= ALPHA_TENTATIVE else
                   "do not measure the same thing")
        parts.append(f"The least concordant methods, `{worst['method_a']}` and `{worst['method_b']}`, give the same label "
                     f"to {worst['agree']:.0%} of {int(worst['n'])} sentences (Krippendorff's alpha "
                     f"{worst['alpha']:.2f}; {ALPHA_TENTATIVE:g} is the usual floor for even tentative conclusions): "
                     f"they {verdict}.")
    return "\n\n".join(parts)


# --- notebook 04: forecasts ------------------------------------------------------------------------

def forecast_scores(tables: Tables) -> dict[str, float] | None:
    """Mean Brier scores recomputed from ``predictions.csv`` over the resolved forecasts.

    ``article``: the author's probabilities; ``coin``: always 0.5; ``base_rate``: always the share of
    forecasts that came true, a baseline that uses the outcomes, i.e. hindsight.
    """
    if missing(tables, "predictions.csv"):
        return None
    p = tables["predictions.csv"].dropna(subset=["outcome", "probability"])
    if p.empty:
        return {"n": 0}
    base_rate = float(p["outcome"].mean())
    return {"n": len(p), "article": float(((p["probability"] - p["outcome"]) ** 2).mean()),
            "coin": float(((COIN - p["outcome"]) ** 2).mean()),
            "base_rate": float(((base_rate - p["outcome"]) ** 2).mean()), "rate": base_rate}


def forecast_section(tables: Tables) -> str:
    """How many forecasts, how they turned out, and how the article scores against two baselines."""
    note = missing(tables, "predictions.csv")
    if note:
        return note
    p = tables["predictions.csv"]
    outcome = p["outcome"]
    scores = forecast_scores(tables)
    parts = [f"The pre-summit article makes **{count(len(p), 'forecast')}** that can be checked. "
             f"{int((outcome == 1).sum())} came true, {int((outcome == 0.5).sum())} partly, "
             f"{int((outcome == 0).sum())} did not, and {int(outcome.isna().sum())} cannot be resolved at the summit. "
             f"{count(int((p['outcome_basis'] == 'corpus').sum()), 'outcome')} judged from what the post-summit articles "
             f"say or leave unsaid, {int((p['outcome_basis'] == 'record').sum())} from the public record"
             + (f"; {int(p['silence'].sum())} of the article-based ones rest only on what an article does not report"
                if "silence" in p.columns else "") + "."]
    if scores["n"]:
        fs = tables.get("forecast_scores.csv")
        if fs is not None and "brier_diff_vs_0.5_ci_low" in set(fs["metric"]):
            parts.append(scoring.headline(fs))
        else:
            parts.append(f"Over the {count(scores['n'], 'resolved forecast')}, the article's mean Brier score is "
                         f"**{scores['article']:.3f}** (0 is perfect; lower is better), against {scores['coin']:.3f} for a "
                         f"forecaster who always says {COIN:g} and {scores['base_rate']:.3f} for one who always says the "
                         f"base rate of {scores['rate']:.0%}. Without intervals (not in `forecast_scores.csv`) no verdict "
                         "is drawn from these differences.")
        sens = tables.get("forecast_sensitivity.csv")
        if sens is not None:
            parts.append(scoring.sensitivity_note(sens))
        worst = p.dropna(subset=["brier"]).sort_values(["brier", "pred_id"], ascending=[False, True], kind="stable")
        if len(worst):
            w = worst.iloc[0]
            parts.append(f"The costliest forecast: \"{w['claim']}\" (hedged as \"{w['hedge']}\", read as "
                         f"{w['probability']:.2f}; outcome {w['outcome']:g}; Brier {w['brier']:.3f}).")
        parts.append(_cross_check(tables, scores["article"]))
    return "\n\n".join(parts)


def _cross_check(tables: Tables, article: float) -> str:
    """Does ``forecast_scores.csv`` report the article's mean Brier score recomputed here?"""
    fs = tables.get("forecast_scores.csv")
    if fs is None:
        return missing(tables, "forecast_scores.csv")
    values = pd.to_numeric(fs["value"], errors="coerce")
    hits = fs.loc[(values - article).abs() <= 5e-6 * max(1.0, abs(article)), "metric"].tolist()
    if hits:
        return f"Recomputed here from `predictions.csv`, this matches `forecast_scores.csv` (`{hits[0]}`)."
    return (f"**Discrepancy:** no row of `forecast_scores.csv` equals the mean Brier score recomputed here from "
            f"`predictions.csv` ({article:.6g}); one of the two is wrong and notebook 04 needs checking.")


# --- limitations and figures -----------------------------------------------------------------------

def limitations_section(tables: Tables, event_date: dt.date) -> str:
    """The limits of what these results can support, each sized by the results where they are there."""
    later = "(its size appears here once notebook {} has run)"
    a = tables.get("articles.csv")
    if a is not None:
        per_outlet = a["doc_id"].map(outlet_labels(a)).value_counts()
        pre = pre_event_docs(a, event_date)
        corpus = (f"- **{count(len(a), 'article')} make a case, not a sample.** The corpus has {count(len(a), 'article')} "
                  f"from {count(len(per_outlet), 'outlet')}, at most {count(int(per_outlet.max()), 'article')} per "
                  f"outlet, so every \"per outlet\" result describes one text ({int(a['n_sentences'].min())} to "
                  f"{int(a['n_sentences'].max())} sentences), not an outlet's editorial line. "
                  f"{count(len(pre), 'article')} {verb(len(pre), 'precedes', 'precede')} the event, so coverage before "
                  f"and after it cannot be compared outlet by outlet.")
    else:
        corpus = f"- **A handful of articles make a case, not a sample** {later.format('01')}."
    agreement = method_agreement(tables)
    if agreement is not None and len(agreement):
        low, high = agreement["agree"].min(), agreement["agree"].max()
        share = f"{low:.0%}" if low == high else f"between {low:.0%} and {high:.0%}"
        lexicon = (f"- **Lexicons are measurements to validate, not facts.** The automated sentiment methods give a "
                   f"sentence the same label {share} of the time")
    else:
        lexicon = f"- **Lexicons are measurements to validate, not facts** {later.format('03')}"
    lexicon += ("; dictionaries built for product reviews and social media miss diplomatic irony and reported "
                "speech. Read notebook 03's comparison with reference coding before any per-outlet claim.")
    p = tables.get("predictions.csv")
    if p is not None:
        hindsight = (f"- **Judging forecasts is done in hindsight.** {int((p['outcome_basis'] == 'record').sum())} of "
                     f"{len(p)} outcomes rest on the public record rather than the articles, "
                     f"{int(p['outcome'].isna().sum())} could not be resolved at the summit, and")
    elif readiness.missing(readiness.step("forecast_scoring")):
        hindsight = ("- **No forecast was scored on this corpus.** Notebook 04 shows only the rules' candidates; once "
                     "they are reviewed, remember that outcomes are judged after the fact, and")
    else:
        hindsight = f"- **Judging forecasts is done in hindsight** {later.format('04')}; outcomes are judged after the fact, and"
    hindsight += (" turning hedges such as \"likely\" into numbers is itself a choice: a different mapping gives a "
                  "different score. The coder who read the hedges and judged the outcomes had read the post-summit "
                  "coverage first, so neither step is blind to what happened.")
    tl = tables.get("timeline.csv")
    if tl is not None:
        single = int((tl.groupby("event_id")["n_outlets"].max() < 2).sum())
        timeline = (f"- **A timeline is only as good as its dates.** {single} of {tl['event_id'].nunique()} events "
                    f"{verb(single, 'rests', 'rest')} on one outlet,")
    else:
        timeline = f"- **A timeline is only as good as its dates** {later.format('02')};"
    timeline += " and relative dates depend on publication dates that are partly inferred."
    return "\n".join([corpus, coding_limit(), lexicon, hindsight, timeline])


def coding_limit() -> str:
    """Who made each annotation file the results are measured against, and what that means for agreement."""
    made = annotations.coders()
    if not made:
        return "- **No annotation files.** Nothing here is measured against a coding of these texts."
    by_coder: dict[str, list[str]] = {}
    for name, ids in made.items():
        for coder in ids:
            by_coder.setdefault(coder, []).append(f"`{name}`")
    who = "; ".join(f"`{coder}`: {', '.join(files)}" for coder, files in sorted(by_coder.items()))
    text = f"- **Who coded the yardstick.** Every annotation file names its coder ({who})."
    if paths.is_default_corpus():
        text += (" Each of these coders is an AI session of this project following a written guide, not a person "
                 "(`corpus/annotations/README.md`): this is a *reference coding*, not human judgement. Two codings by "
                 "the same kind of coder with one codebook agree more than two people would, so every agreement "
                 "figure above is likely higher than it would be against, or between, human coders.")
    return text


def figures(prefix: str, folder: Path | None = None) -> list[Path]:
    """The PNG figures a notebook saved (``figures/<prefix>-*.png``), in name order."""
    folder = Path(folder) if folder else paths.figures_dir()
    return sorted(folder.glob(f"{prefix}-*.png"))


def figure_caption(png: Path) -> str:
    """A caption naming the figure and the CSV of the values it plots (with its row count)."""
    data = png.with_suffix(".csv")
    rows = f", {count(len(pd.read_csv(data)), 'row')}" if data.is_file() else ", no CSV beside it"
    return f"*Figure `figures/{png.name}`; the values it plots: `figures/{data.name}`{rows}.*"


def figures_note(prefix: str, folder: Path | None = None) -> str | None:
    """A plain note when notebook ``prefix`` has saved no figure yet, else ``None``."""
    if figures(prefix, folder):
        return None
    skipped = [s for s in readiness.STEPS if s.notebook == prefix and readiness.missing(s)
               and s.key == "forecast_scoring"]
    if skipped:
        return (f"> **No figure from notebook {prefix}:** it draws the scored forecasts, and "
                f"{skipped[0].analysis} was skipped on this corpus (see above).")
    return f"> **No figure from notebook {prefix} yet.** Run `python -m lib run {prefix}`, then rerun this notebook."


def figure_displays(prefix: str, folder: Path | None = None) -> list:
    """What the write-up shows for notebook ``prefix``'s figures: each PNG (embedded) and its caption.

    The PNG is shown as notebook ``prefix`` saved it, not redrawn, so the write-up and the analysis
    cannot show different pictures; a note replaces them when there is none yet.
    """
    from IPython.display import Image, Markdown

    note = figures_note(prefix, folder)
    if note:
        return [Markdown(note)]
    shown = []
    for png in figures(prefix, folder):
        shown += [Image(filename=str(png), alt=f"Figure {png.stem} from notebook {prefix}"), Markdown(figure_caption(png))]
    return shown


def score_table(tables: Tables) -> pd.DataFrame | None:
    """The Brier rows of ``forecast_scores.csv`` as notebook 04 wrote them, for display (``None`` if absent).

    Notebook 04 may add many more metrics (decompositions, other horizons); the write-up shows the
    Brier scores and names the full table.
    """
    scores = tables.get("forecast_scores.csv")
    if scores is None:
        return None
    brier = scores[scores["metric"].str.contains("brier", case=False)]
    return pd.DataFrame({"value": [f"{v:.3f}" for v in pd.to_numeric(brier["value"])]},
                        index=pd.Index(brier["metric"], name=f"metric (all {len(scores)} rows: results/forecast_scores.csv)"))
