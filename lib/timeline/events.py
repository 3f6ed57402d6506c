"""A cross-outlet timeline of dated events, the articles' publication dates, and their discrepancies.

Three kinds of hand-made data in ``corpus/annotations/`` meet the tagger's output here:

- ``events.csv`` names each event once (``event_id``, a short label, its date in the public record);
  ``event_mentions.csv`` links every sentence that dates an event to the temporal expression that
  dates it (by offsets). The *date* of a mention is what the tagger made of that expression, so the
  timeline is only as good as the tagger, and the notebook shows where they differ from the gold.
- ``dating_cues.csv`` lists what each undated article says about when it was written ("Earlier
  today", "last week"); :func:`infer_publication` turns the cues into a date interval.
- ``claim_checks.csv`` compares factual claims across articles and with the public record;
  :func:`discrepancies` keeps the conflicts.

Every annotation keyed by ``sent_id`` also stores the sentence's ``start``/``end``; loading checks them
against the segmenter, so a change in segmentation cannot silently misalign the data.

Another corpus need not have these files: without ``event_mentions.csv`` the timeline is built
automatically (every calendar date the tagger finds is a mention; mentions are linked into one event
only by the same date *and* shared words, marked ``linked_by = machine``), without ``dating_cues.csv``
publication dates are proposed by :mod:`lib.timeline.dating`, and without ``claim_checks.csv`` no conflict is
reported: :mod:`lib.timeline.discrepancy_candidates` lists what a person should check instead.
"""

import datetime as dt
from pathlib import Path

import pandas as pd

from ..core import paths
from ..corpus import load as corpus
from . import tagger as temporal
from ..core.errors import InputError

TIMELINE_COLUMNS = ["event_id", "event", "date_value", "date_start", "date_end", "granularity", "doc_id",
                    "sent_id", "start", "end", "evidence", "n_outlets", "status", "outlet", "timex_text",
                    "timex_start", "timex_end", "record_date", "linked_by", "link_basis"]
DISCREPANCY_COLUMNS = ["topic", "doc_a", "sent_a", "doc_b", "sent_b", "description", "check_id",
                       "evidence_a", "evidence_b"]


def read(name: str, sentences: pd.DataFrame, pairs=(("doc_id", "sent_id", "sent_start", "sent_end"),),
         folder: Path | None = None) -> pd.DataFrame:
    """Read an annotation table and check that its sentence offsets still match the segmenter.

    ``pairs`` names, for each sentence reference in the table, its doc, sent_id, start and end
    columns. A reference to the public record (doc ``record``) has no sentence and is not checked.
    """
    table = temporal.read_annotation(name, folder)
    known = {(d, int(s)): (int(a), int(b)) for d, s, a, b in
             zip(sentences["doc_id"], sentences["sent_id"], sentences["start"], sentences["end"])}
    for doc_col, sent_col, start_col, end_col in pairs:
        table[doc_col] = table[doc_col].astype(str).str.zfill(3).where(table[doc_col] != "record", "record")
        for i, row in table.iterrows():
            if row[doc_col] == "record":
                continue
            key = (row[doc_col], int(row[sent_col]))
            if known.get(key) != (int(row[start_col]), int(row[end_col])):
                raise InputError(f"corpus/annotations/{name}", f"row {i + 2}: sentence {key[0]}:{key[1]} is no "
                                 f"longer at {row[start_col]}-{row[end_col]} (segmentation changed: recode)")
    return table


def has_annotation(name: str, folder: Path | None = None) -> bool:
    """Whether the corpus in use has the hand-made annotation file ``name``."""
    return ((Path(folder) if folder else paths.corpus_dir() / "annotations") / name).is_file()


def outlet_labels(articles: pd.DataFrame) -> dict[str, str]:
    """doc_id -> outlet name, or 'unknown outlet (003)' where the outlet is unknown."""
    return {row["doc_id"]: corpus.outlet_label(row) for _, row in articles.iterrows()}


def granularity(value: str) -> str:
    """day, week, month or year for a calendar value (seasons and quarters count as month)."""
    if len(value) == 10:
        return "day"
    if "-W" in value:
        return "week"
    if len(value) == 7 and value[5:].isdigit():
        return "month"
    if len(value) == 4:
        return "year"
    return "month"


def build(articles: pd.DataFrame, sentences: pd.DataFrame, timex: pd.DataFrame,
          folder: Path | None = None, ignore: set[str] = frozenset()) -> pd.DataFrame:
    """``results/timeline.csv``: one row per dated event mention.

    The date is the tagger's value for the linked expression (a range gives its first and last day).
    ``n_outlets`` counts the distinct outlets (an unknown outlet counts once, by its article) whose
    dated mentions share the ``event_id``. ``status`` is ``reported`` (a past event), ``scheduled``
    (announced for a later date) or ``forecast`` (the article's or a source's expectation).
    Without ``event_mentions.csv`` the timeline is built by :func:`build_automatic` (``ignore``: the
    sides' names, which link nothing).
    """
    if not has_annotation("event_mentions.csv", folder):
        return build_automatic(articles, sentences, timex, ignore)
    mentions = read("event_mentions.csv", sentences, folder=folder)
    events = temporal.read_annotation("events.csv", folder).set_index("event_id")
    labels = outlet_labels(articles)
    texts = articles.set_index("doc_id")["text"]
    found = timex.set_index(["doc_id", "start", "end"])
    rows = []
    for m in mentions.itertuples():
        key = (m.doc_id, int(m.timex_start), int(m.timex_end))
        if key not in found.index:
            raise InputError("corpus/annotations/event_mentions.csv",
                             f"{m.event_id}: the tagger found no expression at {m.doc_id}:{key[1]}-{key[2]} "
                             f"({m.timex_text!r})")
        t = found.loc[key]
        value = t["value"]
        if t["range_start"]:
            first, last, gran = t["range_start"], t["range_end"], "day"
        else:
            span = temporal.covers(value)
            if span is None:
                raise InputError("corpus/annotations/event_mentions.csv",
                                 f"{m.event_id}: {m.timex_text!r} has no calendar value ({value})")
            first, last, gran = span[0], span[1], granularity(value)
        raw = texts[m.doc_id]
        rows.append(dict(event_id=m.event_id, event=events.loc[m.event_id, "event"], date_value=value,
                         date_start=first, date_end=last, granularity=gran, doc_id=m.doc_id,
                         sent_id=int(m.sent_id), start=int(m.sent_start), end=int(m.sent_end),
                         evidence=raw[int(m.sent_start):int(m.sent_end)], status=m.status,
                         outlet=labels[m.doc_id], timex_text=m.timex_text, timex_start=key[1],
                         timex_end=key[2], record_date=events.loc[m.event_id, "record_date"],
                         linked_by="reference", link_basis=""))
    return _finish(pd.DataFrame(rows))


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    """Count outlets per event, sort by date, keep the timeline's columns."""
    if table.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    table["n_outlets"] = table.groupby("event_id")["outlet"].transform("nunique")
    table = table.sort_values(["date_start", "event_id", "doc_id", "sent_id"], kind="stable")
    return table[TIMELINE_COLUMNS].reset_index(drop=True)


def build_automatic(articles: pd.DataFrame, sentences: pd.DataFrame, timex: pd.DataFrame,
                    ignore: set[str] = frozenset()) -> pd.DataFrame:
    """A timeline without hand-linked events, for a corpus that has none: machine-linked proposals.

    Every DATE or TIME the tagger resolves to calendar days (or a range) is one mention. Two mentions
    belong to the same event only when they give the same date value **and** their sentences share
    content words (:func:`lib.timeline.content.shared`: two or more, at least one of them not a side's
    name from ``ignore``, since those occur everywhere): one date can hold several events, so a group linked by date alone is split
    and never counts as reported by two outlets. ``linked_by`` is ``machine``; ``link_basis`` names
    the shared words, or says ``date only`` where another article gives the same date with nothing
    in common. ``status`` is ``reported`` when the date ends on or before the article's DCT, else
    ``scheduled``. Articles without a publication date have no resolved expressions and no mention.
    """
    from . import content

    labels = outlet_labels(articles)
    published = articles.set_index("doc_id")["published"]
    sents = sentences.set_index(["doc_id", "sent_id"])
    rows = []
    for t in timex.itertuples():
        value = t.value
        span = (t.range_start, t.range_end) if t.range_start else temporal.covers(value)
        if span is None or t.type not in ("DATE", "TIME", "DURATION"):
            continue
        sentence = sents.loc[(t.doc_id, t.sent_id)]
        rows.append(dict(event_id=f"date:{value if not t.range_start else t.range_start + '/' + t.range_end}",
                         event=f"'{t.text}'", date_value=value, date_start=span[0], date_end=span[1],
                         granularity="day" if t.range_start else granularity(value), doc_id=t.doc_id,
                         sent_id=t.sent_id, start=int(sentence["start"]), end=int(sentence["end"]),
                         evidence=sentence["text"],
                         status="reported" if span[1] <= published[t.doc_id] else "scheduled",
                         outlet=labels[t.doc_id], timex_text=t.text, timex_start=t.start, timex_end=t.end,
                         record_date="", linked_by="machine", link_basis=""))
    table = pd.DataFrame(rows)
    if table.empty:
        return _finish(table)
    words = [content.words(e) for e in table["evidence"]]
    for date_id, group in table.groupby("event_id", sort=False):
        index = list(group.index)
        parent = {i: i for i in index}

        def root(i):
            while parent[i] != i:
                i = parent[i]
            return i
        basis = {i: set() for i in index}
        for a_pos, a in enumerate(index):
            for b in index[a_pos + 1:]:
                common = content.shared(words[a], words[b], ignore)
                if common:
                    parent[root(b)] = root(a)
                    basis[a].update(common), basis[b].update(common)
        components = list(dict.fromkeys(root(i) for i in index))
        for i in index:
            k = components.index(root(i))
            table.at[i, "event_id"] = date_id if len(components) == 1 else f"{date_id}#{k + 1}"
            others = group.loc[[j for j in index if root(j) != root(i)], "doc_id"]
            table.at[i, "link_basis"] = ("date and words: " + ", ".join(sorted(basis[i])) if basis[i] else
                                         "date only: not linked" if (others != table.at[i, "doc_id"]).any() else "")
        for k, r in enumerate(components):
            members = [i for i in index if root(i) == r]
            label = "(machine-linked) " + " / ".join(dict.fromkeys(table.loc[members, "event"]))
            table.loc[members, "event"] = label if len(members) > 1 else f"(not linked) {table.at[members[0], 'event']}"
    return _finish(table)


def discrepancies(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """``results/discrepancies.csv``: the claim checks whose verdict is ``conflict``.

    ``doc_b`` is ``record`` (and ``sent_b`` empty) where the conflict is with the public record.
    ``evidence_a``/``evidence_b`` quote the two sides. Empty for a corpus without claim checks.
    """
    if not has_annotation("claim_checks.csv", folder):
        return pd.DataFrame(columns=DISCREPANCY_COLUMNS)
    checks = claim_checks(sentences, folder)
    conflicts = checks[checks["verdict"] == "conflict"]
    return pd.DataFrame(dict(topic=conflicts["topic"], doc_a=conflicts["doc_a"], sent_a=conflicts["sent_a"],
                             doc_b=conflicts["doc_b"], sent_b=conflicts["sent_b"],
                             description=conflicts["description"], check_id=conflicts["check_id"],
                             evidence_a=conflicts["quote_a"], evidence_b=conflicts["quote_b"]),
                        columns=DISCREPANCY_COLUMNS).reset_index(drop=True)


def claim_checks(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """Every claim check (conflict, consistent or unverifiable), offsets verified; empty without any."""
    if not has_annotation("claim_checks.csv", folder):
        return pd.DataFrame(columns=["check_id", "topic", "doc_a", "sent_a", "doc_b", "sent_b", "verdict",
                                     "description", "quote_a", "quote_b"])
    return read("claim_checks.csv", sentences, pairs=(("doc_a", "sent_a", "sent_a_start", "sent_a_end"),
                                                      ("doc_b", "sent_b", "sent_b_start", "sent_b_end")),
                folder=folder)


def cue_interval(relation: str, event_day: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The publication dates a dating cue allows, as (earliest, latest); None means open.

    - ``same_day``: 'earlier today' + the event's day: that very day;
    - ``after``: the event is reported as past: on or after its day;
    - ``before``: the event is still to come: before its day;
    - ``weekday_past``: a past event named by its weekday alone: within the next six days;
    - ``last_week``: the event fell 'last week': during the calendar week after the event's week.
    """
    if relation == "same_day":
        return event_day, event_day
    if relation == "after":
        return event_day, None
    if relation == "before":
        return None, event_day - dt.timedelta(days=1)
    if relation == "weekday_past":
        return event_day, event_day + dt.timedelta(days=6)
    if relation == "last_week":
        monday = event_day - dt.timedelta(days=event_day.weekday()) + dt.timedelta(days=7)
        return monday, monday + dt.timedelta(days=6)
    raise InputError("corpus/annotations/dating_cues.csv", f"unknown relation {relation!r}")


def infer_publication(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """Publication-date bounds for each article with dating cues: intersect what every cue allows.

    Event days come from ``events.csv`` (the public record). The best single estimate is the
    earliest possible day when the bounds are one day, else the day after the earliest possible
    day (a convention, stated in notebook 02: news is usually published within a day of what it
    reports, and a writer on the day itself would more likely say 'today').
    Columns: ``doc_id, published_min, published_max, published, cues``; empty without dating cues.
    """
    if not has_annotation("dating_cues.csv", folder):
        return pd.DataFrame(columns=["doc_id", "published_min", "published_max", "published", "cues"])
    cues = read("dating_cues.csv", sentences, folder=folder)
    events = temporal.read_annotation("events.csv", folder).set_index("event_id")
    rows = []
    for doc_id, group in cues.groupby("doc_id", sort=True):
        low, high = dt.date.min, dt.date.max
        for cue in group.itertuples():
            first, last = cue_interval(cue.relation, dt.date.fromisoformat(events.loc[cue.event_id, "record_date"]))
            low, high = max(low, first or low), min(high, last or high)
        if low > high:
            raise InputError("corpus/annotations/dating_cues.csv", f"{doc_id}: the cues contradict each other")
        best = low if low == high else low + dt.timedelta(days=1)
        rows.append(dict(doc_id=doc_id, published_min=low.isoformat(), published_max=high.isoformat(),
                         published=best.isoformat(), cues="; ".join(f"{c.sent_id}: '{c.cue}' ({c.relation})"
                                                                   for c in group.itertuples())))
    return pd.DataFrame(rows, columns=["doc_id", "published_min", "published_max", "published", "cues"])


# ----------------------------------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------------------------------

STATUS_MARKERS = {"reported": "o", "scheduled": "s", "forecast": "D"}


def _plot_rows(ax, table: pd.DataFrame, x_start, x_end, doc_order: list[str],
               label_values: bool = False) -> pd.DataFrame:
    """Draw one row per event: a marker per mention (colour = outlet, shape = status), a bar for
    mentions that cover more than one unit of time. Returns exactly what was drawn."""
    from ..core import plotting

    events = (table.groupby("event_id", sort=False)
              .agg(first=("date_start", "min"), event=("event", "first"), n=("n_outlets", "first"))
              .sort_values(["first"], kind="stable", ascending=False))
    drawn = []
    for y, (event_id, ev) in enumerate(events.iterrows()):
        mentions = table[table["event_id"] == event_id]
        outlets = list(dict.fromkeys(mentions["doc_id"]))
        for m in mentions.itertuples():
            # several outlets on one row stand one above the other, a marker's height apart
            offset = (outlets.index(m.doc_id) - (len(outlets) - 1) / 2) * min(0.26, 0.9 / len(outlets))
            colour = plotting.colour(doc_order.index(m.doc_id))
            x0, x1 = x_start(m.date_start), x_end(m.date_end)
            wide = m.date_start != m.date_end and m.granularity != "day" or m.date_value.startswith("P")
            if wide:
                ax.plot([x0, x1], [y + offset] * 2, color=colour, linewidth=5, alpha=0.35, solid_capstyle="butt")
            xm = x0 + (x1 - x0) / 2
            filled = m.status == "reported"
            # a white rim on filled dots keeps outlets apart where several stack on one day
            small = min(1.0, 5 / len(outlets))   # more than five outlets on a row: smaller markers, no overlap
            ax.plot([xm], [y + offset], marker=STATUS_MARKERS[m.status], markersize=(7.5 if filled else 6.5) * small,
                    linestyle="none", markerfacecolor=colour if filled else "white",
                    markeredgecolor="white" if filled else colour, markeredgewidth=1.0 if filled else 1.6, zorder=3)
            if label_values:
                ax.annotate(m.date_value, (xm, y + offset), xytext=(-8, 0), textcoords="offset points",
                            ha="right", va="center", fontsize=7, color="#333333")
            drawn.append(dict(event_id=event_id, row=y, doc_id=m.doc_id, outlet=m.outlet, status=m.status,
                              sent_id=m.sent_id, date_value=m.date_value, x_start=m.date_start,
                              x_end=m.date_end, n_outlets=int(ev["n"])))
    records = timeline_records(table)
    for y, event_id in enumerate(events.index):
        day = records.get(event_id)
        if day:
            xr = x_start(day) + (x_end(day) - x_start(day)) / 2
            ax.plot([xr], [y], marker="|", markersize=16, color="black", linestyle="none", zorder=2)
            drawn.append(dict(event_id=event_id, row=y, doc_id="record", outlet="public record", status="record",
                              sent_id="", date_value=day, x_start=day, x_end=day, n_outlets=int(events.loc[event_id, "n"])))
    labels = [f"{ev['event']}  [{int(ev['n'])} outlet{'s' if ev['n'] > 1 else ''}]" for _, ev in events.iterrows()]
    ax.set_yticks(range(len(events)), labels)
    for tick, (_, ev) in zip(ax.get_yticklabels(), events.iterrows()):
        tick.set_fontweight("bold" if ev["n"] > 1 else "normal")
    ax.set_ylim(-0.7, len(events) - 0.3)
    ax.grid(axis="y", alpha=0.15)
    return pd.DataFrame(drawn)


def timeline_records(table: pd.DataFrame) -> dict[str, str]:
    """event_id -> the public record's day for events the record dates to the day."""
    days = table.drop_duplicates("event_id").set_index("event_id")["record_date"]
    return {e: d for e, d in days.items() if isinstance(d, str) and len(d) == 10}


def _legend(ax, articles: pd.DataFrame, doc_order: list[str], present: set[str], x: float = 0.35,
            y: float = -0.1) -> None:
    from matplotlib.lines import Line2D

    from ..core import plotting

    names = outlet_labels(articles)
    handles = [Line2D([], [], marker="o", linestyle="none", color=plotting.colour(i), label=f"{d}: {names[d]}")
               for i, d in enumerate(doc_order) if d in present]
    handles += [Line2D([], [], marker=mk, linestyle="none", markerfacecolor="white" if st != "reported" else "grey",
                       markeredgecolor="grey", color="grey", label=st) for st, mk in STATUS_MARKERS.items()]
    handles.append(Line2D([], [], marker="|", linestyle="none", color="black", markersize=10,
                          label="public record (day-precise dates)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(x, y), ncol=3, fontsize=8, frameon=False)


def plot_event_weeks(timeline: pd.DataFrame, articles: pd.DataFrame, event: str, event_date: dt.date,
                     weeks_before: int = 14, weeks_after: int = 3):
    """The weeks around the event, day by day (for Geneva: mid-March to early July 2021).

    Everything dated within the window is drawn; records (``record_date``) are black ticks.
    Returns (figure, plotted data).
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    first = (event_date - dt.timedelta(weeks=weeks_before)).isoformat()
    last = (event_date + dt.timedelta(weeks=weeks_after)).isoformat()
    window = timeline[(timeline["date_end"] >= first) & (timeline["date_start"] <= last)]
    doc_order = sorted(articles["doc_id"])
    # tall enough per event row that the dots of four outlets on one day stand apart
    fig, ax = plt.subplots(figsize=(13, 2.5 + 0.5 * window["event_id"].nunique()))
    to_day = lambda s: mdates.date2num(dt.date.fromisoformat(s))  # noqa: E731
    data = _plot_rows(ax, window, to_day, lambda s: to_day(s) + 1, doc_order)
    ax.axvline(to_day(event_date.isoformat()) + 0.5, color="black", linewidth=0.8, linestyle=":")
    ax.text(to_day(event_date.isoformat()), -0.6, f"{event}, {event_date:%d %B} ", fontsize=8, va="center", ha="right")
    ax.set_xlim(to_day(first), to_day(last))
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("1 %b"))
    ax.set_title(f"What the articles date around {event}, day by day\n"
                 f"({dt.date.fromisoformat(first):%d %b} to {dt.date.fromisoformat(last):%d %b %Y})")
    ax.set_xlabel("date the article gives (a bar: the article gives a month, a week or a range; minor ticks: Mondays)")
    _legend(ax, articles, doc_order, set(window["doc_id"]))
    fig.tight_layout()
    return fig, data


#: On the history figure, a stretch of more empty years than this breaks the axis.
HISTORY_GAP_YEARS = 30


def _year_segments(years: list[float], gap: float = HISTORY_GAP_YEARS) -> list[tuple[float, float]]:
    """Runs of years with no stretch longer than ``gap`` empty years inside: the pieces of a broken axis."""
    years = sorted(years)
    segments = [[years[0], years[0]]]
    for y in years[1:]:
        if y - segments[-1][1] > gap:
            segments.append([y, y])
        else:
            segments[-1][1] = y
    return [(a, b) for a, b in segments]


def plot_history(timeline: pd.DataFrame, articles: pd.DataFrame, event_date: dt.date):
    """The long history by year (for Geneva: 1803 to 2026); the event's year is one grey band,
    drawn in detail by :func:`plot_event_weeks`. The year axis is broken where more than
    :data:`HISTORY_GAP_YEARS` years hold nothing, so the panel is not mostly empty centuries.
    Returns (figure, plotted data)."""
    import matplotlib.pyplot as plt

    year = event_date.year
    history = timeline[~timeline["date_start"].str.startswith(str(year))]
    doc_order = sorted(articles["doc_id"])
    to_year = lambda s: dt.date.fromisoformat(s).year + (dt.date.fromisoformat(s).timetuple().tm_yday - 1) / 365.25  # noqa: E731
    years = [to_year(d) for d in history["date_start"]] + [to_year(d) for d in history["date_end"]] + [year + 1.0]
    segments = _year_segments(years)
    pad_left, pad_right = 9, 3
    widths = [b - a + pad_left + pad_right for a, b in segments]
    fig, axes = plt.subplots(1, len(segments), figsize=(13, 6.5), sharey=True, squeeze=False,
                             gridspec_kw={"width_ratios": widths, "wspace": 0.04})
    axes = axes[0]
    for k, (ax, (lo, hi)) in enumerate(zip(axes, segments)):
        drawn = _plot_rows(ax, history, to_year, lambda s: to_year(s) + 1 / 365.25, doc_order, label_values=True)
        data = drawn if k == 0 else data
        ax.set_xlim(lo - pad_left, hi + pad_right)
        ax.xaxis.set_major_locator(plt.MaxNLocator(nbins=max(2, int((hi - lo) // 10) + 1), integer=True))
        if k > 0:   # the break: no left spine, and a pair of slashes where the axis jumps
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0)
        if k < len(segments) - 1:
            ax.plot([1, 1], [0, 0], transform=ax.transAxes, clip_on=False, marker=[(-1, -2), (1, 2)],
                    markersize=10, color="black", linestyle="none")
    n_year = timeline.loc[timeline["date_start"].str.startswith(str(year)), "event_id"].nunique()
    last = axes[-1]
    last.axvspan(year, year + 1, color="grey", alpha=0.25)
    last.text(year - 2, last.get_ylim()[1] - 0.2, f"{year} (grey band): {n_year} events,\nsee the weeks figure",
              fontsize=8, ha="right", va="top")
    first, end = int(min(years)), int(max(years))
    fig.suptitle(f"The longer history the articles recall ({first} to {end}), by year", fontweight="bold")
    fig.supxlabel(f"year the article gives (the axis breaks where more than {HISTORY_GAP_YEARS} years hold nothing)",
                  fontsize=10, y=0.19)
    _legend(axes[-1], articles, doc_order, set(history["doc_id"]), x=0.5 - sum(widths[:-1]) / widths[-1] / 2,
            y=-0.13)
    fig.subplots_adjust(left=0.36, right=0.98, bottom=0.25, top=0.92, wspace=0.04)
    return fig, data


def plot_tagger_scores(scores: pd.DataFrame):
    """Relaxed F1, strict F1 and value accuracy of the rules and of dateparser on each dataset.

    ``scores`` is the long table from :func:`lib.timeline.tagger.evaluate`. Returns (figure, plotted data).
    """
    import matplotlib.pyplot as plt

    from ..core import plotting

    metrics = {"relaxed_f1": "F1\nspan overlaps", "strict_f1": "F1\nspan exact",
               "value_correct_of_gold": "value right\n(of all gold)"}
    data = scores[scores["metric"].isin(metrics)].copy()
    datasets = list(dict.fromkeys(data["dataset"]))
    methods = list(dict.fromkeys(data["method"]))
    fig, axes = plt.subplots(1, len(datasets), figsize=(12, 4), sharey=True)
    width = 0.8 / len(methods)
    for ax, name in zip(axes, datasets):
        for j, method in enumerate(methods):
            part = data[(data["dataset"] == name) & (data["method"] == method)].set_index("metric").loc[list(metrics)]
            xs = [i + (j - (len(methods) - 1) / 2) * width for i in range(len(metrics))]
            bars = ax.bar(xs, part["value"], width, color=plotting.method_colour(method),
                          label=plotting.method_label(method))
            ax.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
        n = int(scores[(scores["dataset"] == name) & (scores["metric"] == "n_gold")]["value"].iloc[0])
        ax.set_title(f"{name} ({n} expressions)", fontsize=10)
        ax.set_xticks(range(len(metrics)), list(metrics.values()), fontsize=8)
        ax.set_ylim(0, 1.1)
    axes[0].set_ylabel("score (1 = perfect)")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, frameon=False)
    fig.suptitle("Temporal tagging: the rules against dateparser", fontweight="bold")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig, data.reset_index(drop=True)
