"""Saved figures: the committed PNG is what a notebook shows, with alternative text for screen readers."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from lib.core import plotting  # noqa: E402


def test_saved_figure_shows_the_committed_png_with_the_titles_as_alt_text(tmp_path):
    fig, (left, right) = plt.subplots(1, 2)
    fig.suptitle("Tone per outlet")
    left.set_title("Overall", loc="left")
    right.set_title("Toward  Putin\n(clauses)")
    saved = plotting.save_figure(fig, "demo", pd.DataFrame({"value": [1.0]}), folder=tmp_path)
    data, metadata = saved._repr_mimebundle_()
    assert data["image/png"] == (tmp_path / "demo.png").read_bytes()
    assert metadata["image/png"]["alt"] == "Figure demo: Tone per outlet; Overall; Toward Putin (clauses)"
    assert (tmp_path / "demo.csv").read_text() == "value\n1\n"


def test_a_figure_without_titles_still_gets_its_name_as_alt_text(tmp_path):
    saved = plotting.save_figure(plt.figure(), "bare", pd.DataFrame({"x": [0]}), folder=tmp_path)
    assert saved._repr_mimebundle_()[1]["image/png"]["alt"] == "Figure bare"


def test_the_palette_does_not_repeat_for_thirty_articles():
    from lib.core import plotting

    colours = [plotting.colour(i).lower() for i in range(40)]
    assert len(set(colours)) == 40
    assert colours[:8] == [c.lower() for c in plotting.PALETTE]   # the first eight stay the series' own
