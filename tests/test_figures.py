"""The figures read the way notebook readers need them to: each method keeps one colour, outlet colours stay
apart for colour-blind readers, every interval has its n, sentences are shown whole, labels are words, and the
CSV beside each figure holds exactly what the figure draws.

The figure functions are rebuilt here from the committed figure CSVs (which are the plotted values), and the
drawn artists are read back and compared with those CSVs.
"""

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from lib.core import paths, plotting  # noqa: E402
from lib.forecasts import figures as forecast_figures  # noqa: E402
from lib.timeline import figures as timeline_figures  # noqa: E402
from lib.tone import figures as sentiment_figures  # noqa: E402

FIGURES = paths.ROOT / "figures"


def figure_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(FIGURES / f"{name}.csv", dtype={"doc_id": str})


@pytest.fixture
def close_figures():
    yield
    plt.close("all")


# ---- colours -----------------------------------------------------------------------------------------------

def test_every_method_in_the_results_has_its_own_colour_and_a_readable_name():
    methods = set(pd.read_csv(paths.ROOT / "results" / "sentiment_outlets.csv")["method"])
    methods |= set(pd.read_csv(paths.ROOT / "results" / "timex_scores.csv")["method"])
    for method in methods:
        assert plotting.method_colour(method)
        assert "_" not in plotting.method_label(method), method
    colours = list(plotting.METHOD_COLOURS.values())
    assert len(colours) == len(set(colours)), "two methods share a colour"


def test_a_method_without_a_colour_is_an_error_that_names_it():
    with pytest.raises(KeyError, match="'bert'.*METHOD_COLOURS"):
        plotting.method_colour("bert")


def _deuteranope(hex_colour: str) -> np.ndarray:
    """How a colour looks with deuteranopia (Machado et al. 2009, severity 1), in linear RGB."""
    rgb = np.array(mcolors.to_rgb(hex_colour))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    machado = np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]])
    return np.clip(machado @ linear, 0, 1)


@pytest.mark.parametrize("vision", ["normal", "deuteranopia"])
def test_the_first_five_outlet_colours_stay_apart(vision):
    """Five outlets stack their dots on the summit day: no two of their colours may come close, for normal
    vision or for the most common colour-vision deficiency (the old palette put blue beside sky blue)."""
    see = (lambda c: np.array(mcolors.to_rgb(c))) if vision == "normal" else _deuteranope
    distances = {(a, b): float(np.linalg.norm(see(a) - see(b)))
                 for a, b in itertools.combinations(plotting.PALETTE[:5], 2)}
    closest = min(distances, key=distances.get)
    assert distances[closest] > 0.15, f"{closest} look alike ({distances[closest]:.2f})"


def test_the_same_method_has_the_same_colour_in_the_outlet_and_arc_figures(close_figures):
    table = figure_csv("03-outlets")
    fig, _ = sentiment_figures.outlets(table, {"all": "Overall"})
    outlet_colours = {h.get_label(): mcolors.to_hex(h.lines[0].get_color())
                      for h in fig.axes[0].containers}
    arc = figure_csv("03-arc")
    scores = arc.assign(target="all")
    methods = list(dict.fromkeys(arc["method"]))
    fig, _ = sentiment_figures.arc(scores, {d: d for d in arc["doc_id"].unique()}, methods)
    arc_colours = {line.get_label(): mcolors.to_hex(line.get_color()) for line in fig.axes[0].lines
                   if not line.get_label().startswith("_")}
    shared = set(outlet_colours) & set(arc_colours)
    assert len(shared) == len(methods)
    assert all(outlet_colours[m] == arc_colours[m] for m in shared)


# ---- what is drawn is what the CSV holds --------------------------------------------------------------------

def test_outlet_figure_draws_the_csv_means_and_prints_n_under_every_interval(close_figures):
    table = figure_csv("03-outlets")
    targets = list(dict.fromkeys(table["target"]))
    fig, data = sentiment_figures.outlets(table, {t: t for t in targets})
    pd.testing.assert_frame_equal(data.reset_index(drop=True), table)
    for ax, target in zip(fig.axes, targets):
        for container in ax.containers:
            method = next(m for m in plotting.METHOD_COLOURS if plotting.method_label(m) == container.get_label())
            expected = table[(table["target"] == target) & (table["method"] == method)].sort_values("doc_id")
            np.testing.assert_allclose(np.asarray(container.lines[0].get_ydata(), float), expected["mean"])
        texts = [t.get_text() for t in ax.texts]
        for doc, rows in table[table["target"] == target].groupby("doc_id"):
            n = rows.loc[rows["method"] != "reference", "n"].iloc[0]
            assert any(f"n={n}" in t for t in texts), (target, doc)


def test_drivers_figure_shows_every_sentence_whole_and_draws_the_csv_scores(close_figures):
    csv = figure_csv("03-drivers")
    method = "diplomacy"
    scores = pd.concat([csv.assign(method=method)[["doc_id", "sent_id", "method", "score"]],
                        csv.dropna(subset=["reference"]).assign(method="reference", score=lambda d: d["reference"])
                        [["doc_id", "sent_id", "method", "score"]]]).assign(target="all")
    sentences = csv[["doc_id", "sent_id", "text"]]
    fig, data = sentiment_figures.drivers(scores, sentences, {d: d for d in csv["doc_id"]}, method)
    for ax, (doc, part) in zip(fig.axes, data.groupby("doc_id", sort=True)):
        part = part.sort_values("score", kind="stable")
        np.testing.assert_allclose([bar.get_width() for bar in ax.patches], part["score"])
        labels = [" ".join(t.get_text().split("\n")[1:]) for t in ax.get_yticklabels()]
        assert labels == [" ".join(t.split()) for t in part["text"]]


def test_history_figure_breaks_empty_centuries_and_draws_every_csv_row(articles, close_figures):
    import datetime as dt

    assert timeline_figures._year_segments([1803, 1809, 1917, 1933, 1991, 2014, 2026]) == [(1803, 1809), (1917, 1933), (1991, 2026)]
    events = pd.read_csv(paths.ROOT / "results" / "timeline.csv", dtype=str, keep_default_na=False)
    events["n_outlets"] = events["n_outlets"].astype(int)
    fig, data = timeline_figures.history(events, articles, dt.date(2021, 6, 16))
    csv = figure_csv("02-timeline-history")
    assert len(data) == len(csv) and list(data["event_id"]) == list(csv["event_id"])
    # every axis piece draws the same rows (the x limits show each in one piece): one point per CSV row
    points = [line for line in fig.axes[0].lines if len(line.get_xdata()) == 1]
    assert len(points) == len(csv)
    years = sorted({int(d[:4]) for d in csv["x_start"]})
    shown = sum(ax.get_xlim()[1] - ax.get_xlim()[0] for ax in fig.axes)
    assert shown < (years[-1] - years[0]) / 2, "the panel is still mostly empty years"


def test_coverage_figure_names_topics_in_words_and_colours_the_csv_stances(close_figures):
    csv = figure_csv("04-coverage")
    cov = csv[["topic", "doc_id", "stance", "evidence"]]
    predictions = csv.drop_duplicates("topic").loc[lambda d: d.index.repeat(d["n_forecasts"]), ["topic"]]
    fig, data = forecast_figures.coverage(cov, predictions, {})
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert not any("_" in label for label in labels)
    image = fig.axes[0].images[0].get_array()
    order = [label.rsplit(" (", 1)[0] for label in labels]
    stances = list(forecast_figures.STANCE_COLOURS)
    for row, name in enumerate(order):
        for col, doc in enumerate(sorted(csv["doc_id"].unique())):
            stance = csv[(csv["topic_label"] == name) & (csv["doc_id"] == doc)]["stance"].iloc[0]
            assert image[row, col] == stances.index(stance)


def test_sensitivity_figure_draws_the_csv_scores_with_readable_scale_names(close_figures):
    csv = figure_csv("04-sensitivity")
    fig, data = forecast_figures.sensitivity(csv.drop(columns="label"))
    assert list(data["label"]) == list(csv["label"])
    assert not data["label"].str.contains("kent1964|fagen2015|_").any()
    for ax, (horizon, part) in zip(fig.axes, csv.groupby("horizon", sort=False)):
        drawn = [c.get_offsets()[:, 0] for c in ax.collections]
        np.testing.assert_allclose(drawn[0], part["brier_article"])
        np.testing.assert_allclose(drawn[1], part["brier_baseline_0.5"])
