"""The figures of notebook 02 (the weeks around the event, the longer history, the tagger's scores).

Each function returns ``(figure, data)`` where ``data`` is exactly what is plotted, ready for
:func:`lib.core.plotting.save_figure`. The tables they draw come from :mod:`lib.timeline.events`
and :func:`lib.timeline.tagger.evaluate`.
"""

import datetime as dt

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from ..core import plotting
from ..corpus import load

STATUS_MARKERS = {"reported": "o", "scheduled": "s", "forecast": "D"}


def _plot_rows(ax, table: pd.DataFrame, x_start, x_end, doc_order: list[str],
               label_values: bool = False) -> pd.DataFrame:
    """Draw one row per event: a marker per mention (colour = outlet, shape = status), a bar for
    mentions that cover more than one unit of time. Returns exactly what was drawn."""
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
    records = record_days(table)
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


def record_days(table: pd.DataFrame) -> dict[str, str]:
    """event_id -> the public record's day for events the record dates to the day."""
    days = table.drop_duplicates("event_id").set_index("event_id")["record_date"]
    return {e: d for e, d in days.items() if isinstance(d, str) and len(d) == 10}


def _legend(ax, articles: pd.DataFrame, doc_order: list[str], present: set[str], x: float = 0.35,
            y: float = -0.1) -> None:
    names = load.outlet_labels(articles)
    handles = [Line2D([], [], marker="o", linestyle="none", color=plotting.colour(i), label=f"{d}: {names[d]}")
               for i, d in enumerate(doc_order) if d in present]
    handles += [Line2D([], [], marker=mk, linestyle="none", markerfacecolor="white" if st != "reported" else "grey",
                       markeredgecolor="grey", color="grey", label=st) for st, mk in STATUS_MARKERS.items()]
    handles.append(Line2D([], [], marker="|", linestyle="none", color="black", markersize=10,
                          label="public record (day-precise dates)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(x, y), ncol=3, fontsize=8, frameon=False)


def event_weeks(timeline: pd.DataFrame, articles: pd.DataFrame, event: str, event_date: dt.date,
                     weeks_before: int = 14, weeks_after: int = 3):
    """The weeks around the event, day by day (for Geneva: mid-March to early July 2021).

    Everything dated within the window is drawn; records (``record_date``) are black ticks.
    Returns (figure, plotted data).
    """
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


def history(timeline: pd.DataFrame, articles: pd.DataFrame, event_date: dt.date):
    """The long history by year (for Geneva: 1803 to 2026); the event's year is one grey band,
    drawn in detail by :func:`event_weeks`. The year axis is broken where more than
    :data:`HISTORY_GAP_YEARS` years hold nothing, so the panel is not mostly empty centuries.
    Returns (figure, plotted data)."""
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


def tagger_scores(scores: pd.DataFrame):
    """Relaxed F1, strict F1 and value accuracy of the rules and of dateparser on each dataset.

    ``scores`` is the long table from :func:`lib.timeline.tagger.evaluate`. Returns (figure, plotted data).
    """
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
