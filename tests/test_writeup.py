"""The write-up's findings are computed from small results tables made here, with known answers."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from lib.core import annotations, outputs
from lib import writeup
from lib.forecasts import scoring
from lib.core.errors import InputError

EVENT = dt.date(2021, 6, 16)


def fixture_tables(folder: Path) -> Path:
    """Write a tiny but complete set of contract tables (three articles) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "articles.csv": pd.DataFrame({
            "doc_id": ["000", "001", "002"], "file": ["a.txt", "b.txt", "c.txt"], "sha256": ["x", "y", "z"],
            "outlet": ["Daily A", "Weekly B", ""], "author": ["", "", ""], "title": ["A", "B", "C"],
            "published": ["2021-06-17", "2021-06-04", "2021-06-16"], "published_min": ["", "", "2021-06-16"],
            "published_max": ["", "", "2021-06-16"], "published_basis": ["stated", "stated", "inferred"],
            "n_sentences": [2, 6, 2], "n_words": [40, 120, 40]}),
        "sentences.csv": pd.DataFrame({
            "doc_id": ["000", "000", "002", "002"], "sent_id": [1, 2, 1, 2], "start": [0, 10, 0, 12],
            "end": [9, 20, 11, 25], "text": ["They met.", "It was long.", "They talked.", "Three hours."]}),
        "timex.csv": pd.DataFrame({
            "doc_id": ["000", "002", "002", "001"], "sent_id": [1, 1, 2, 1], "start": [0, 0, 0, 0],
            "end": [1, 1, 1, 1], "text": ["Wednesday", "today", "three hours", "2011"],
            "type": ["DATE", "DATE", "DURATION", "DATE"], "value": ["2021-06-16", "2021-06-16", "PT3H", "2011"],
            "anchor": ["DCT", "DCT", "absolute", "absolute"]}),
        "timeline.csv": pd.DataFrame({
            "event_id": ["E1", "E1", "E2"], "event": ["summit", "summit", "earlier meeting"],
            "date_value": ["2021-06-16", "2021-06-16", "2011-03"], "date_start": ["2021-06-16", "2021-06-16", "2011-03-01"],
            "date_end": ["2021-06-16", "2021-06-16", "2011-03-31"], "granularity": ["day", "day", "month"],
            "doc_id": ["000", "002", "001"], "sent_id": [1, 1, 1], "start": [0, 0, 0], "end": [1, 1, 1],
            "evidence": ["x", "y", "z"], "n_outlets": [2, 2, 1]}),
        "discrepancies.csv": pd.DataFrame({
            "topic": ["duration"], "doc_a": ["000"], "sent_a": [2], "doc_b": ["002"], "sent_b": [2],
            "description": ["long versus three hours"]}),
        "sentiment_sentences.csv": pd.DataFrame({
            "doc_id": ["000", "000", "002", "002"] * 2, "sent_id": [1, 2, 1, 2] * 2,
            "method": ["vader"] * 4 + ["textblob"] * 4,
            "score": [-0.5, 0.0, 0.4, 0.6, -0.2, 0.1, 0.0, 0.3], "label": [-1, 0, 1, 1, -1, 1, 0, 1]}),
        "sentiment_outlets.csv": pd.DataFrame({
            "outlet": ["Daily A", "", "Daily A", "", "Daily A", "", "Daily A", ""],
            "doc_id": ["000", "002"] * 4, "method": ["vader"] * 6 + ["textblob"] * 2,
            "target": ["all", "all", "biden", "biden", "putin", "putin", "all", "all"],
            "mean": [-0.25, 0.5, 0.1, 0.2, -0.3, 0.3, -0.05, 0.15],
            "ci_low": [-0.5, 0.4, 0.0, 0.1, -0.4, 0.2, -0.2, 0.0],
            "ci_high": [0.0, 0.6, 0.2, 0.3, -0.2, 0.4, 0.1, 0.3], "n": [2, 2, 1, 1, 1, 1, 2, 2]}),
        "predictions.csv": pd.DataFrame({
            "pred_id": ["P1", "P2", "P3", "P4"], "sent_id": [1, 2, 3, 4], "start": [0, 0, 0, 0], "end": [1, 1, 1, 1],
            "claim": ["ambassadors return", "cyber deal", "talks on arms", "prisoner swap"],
            "topic": ["diplomacy", "cyber", "arms", "prisoners"], "hedge": ["likely", "may", "will", "unlikely"],
            "probability": [0.7, 0.4, 0.9, 0.2], "outcome": [1, 0, 0.5, None],
            "outcome_basis": ["corpus", "record", "record", ""], "evidence": ["000:1", "x", "y", ""],
            "brier": [0.09, 0.16, 0.16, None]}),
        "forecast_scores.csv": pd.DataFrame({"metric": ["brier_article", "brier_half"],
                                             "value": [0.136666667, 0.166666667]}),
    }
    for name, table in tables.items():
        outputs.write_csv(table, name, folder=folder)
    return folder


@pytest.fixture
def tables(tmp_path):
    return outputs.read_results(fixture_tables(tmp_path / "results"))


def test_every_contract_table_is_read(tables):
    assert all(tables[name] is not None for name in outputs.CONTRACT)
    assert tables["articles.csv"]["doc_id"].tolist() == ["000", "001", "002"]


def test_a_missing_table_gives_a_plain_note_not_an_error(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    (folder / "timeline.csv").unlink()
    (folder / "predictions.csv").unlink()
    tables = outputs.read_results(folder)
    assert tables["timeline.csv"] is None
    note = writeup.timeline_section(tables, EVENT)
    assert "Not available yet" in note and "results/timeline.csv" in note and "python -m lib run 02" in note
    assert "which notebook 02 writes" in note
    assert "python -m lib run 04" in writeup.forecast_section(tables)
    assert writeup.forecast_scores(tables) is None
    assert "Not available yet" in writeup.sentiment_section(outputs.read_results(tmp_path / "empty"))


def test_a_table_without_a_contract_column_is_named(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    outputs.write_csv(pd.DataFrame({"metric": ["brier"]}), "forecast_scores.csv", folder=folder)
    with pytest.raises(InputError, match=r"forecast_scores.csv: missing contract column\(s\) value"):
        outputs.read_results(folder)


def test_corpus_section_counts_articles_outlets_and_dates(tables):
    text = writeup.corpus_section(tables, EVENT)
    assert "**3 articles** from **3 outlets**" in text
    assert "unknown outlet (002)" in text
    assert "10 body sentences and 200 words" in text
    assert "1 article (001) appeared before the event of 16 June 2021" in text and "from 4 June 2021 to 17 June 2021" in text
    assert "2 articles state their publication date; for 1 the date is *inferred*" in text
    assert "Article 001 (Weekly B) is the longest, with 120 words (60% of all words)" in text


def test_an_unknown_publication_date_is_said_not_guessed(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    articles = outputs.read_csv("articles.csv", folder=folder)
    articles.loc[articles["doc_id"] == "001", "published"] = None   # the pre-event article loses its date
    outputs.write_csv(articles, "articles.csv", folder=folder)
    text = writeup.corpus_section(outputs.read_results(folder), EVENT)
    assert "0 articles (none) appeared before the event of 16 June 2021; 2 articles on the day or after it." in text
    assert "and 1 gives no date at all" in text
    assert "Publication dates run from 16 June 2021 to 17 June 2021" in text


def test_timex_summary_counts_relative_expressions_in_inferred_articles(tables):
    text = writeup.timex_summary(tables)
    assert "**4 temporal expressions** (3 DATE, 1 DURATION)" in text
    assert "2 of them (50%) are relative" in text
    assert "1 of those sits in articles whose date is itself inferred" in text


def test_timeline_section_counts_events_and_shared_reports(tables):
    text = writeup.timeline_section(tables, EVENT)
    assert "**3 dated mentions** of **2 events**" in text
    assert "1 event (50%) is reported by two outlets or more" in text
    assert "from 2011-03-01 to 2021-06-16" in text and "2 mentions cover the day" in text
    assert "Most widely reported: summit (2021-06-16, 2 outlets)." in text


def test_discrepancies_quote_both_sentences(tables):
    table = writeup.discrepancy_table(tables)
    assert table.index.tolist() == ["duration"]
    row = table.iloc[0]
    assert (row["a"], row["says"], row["b"], row["against"]) == ("000:2", "It was long.", "002:2", "Three hours.")
    assert ("**1 factual conflict**: 1 between articles, 0 within one article and 0 between an article and an "
            "outside source") in writeup.discrepancy_section(tables)


def test_a_conflict_with_the_public_record_is_counted_as_such(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    d = pd.DataFrame({"topic": ["duration", "date", "name"], "doc_a": ["000", "002", "002"], "sent_a": [2, 1, 1],
                      "doc_b": ["002", "record", "002"], "sent_b": [2, None, 2],
                      "description": ["long vs three hours", "wrong day", "two spellings"]})
    outputs.write_csv(d, "discrepancies.csv", folder=folder)
    tables = outputs.read_results(folder)
    text = writeup.discrepancy_section(tables)
    assert "**3 factual conflicts**: 1 between articles, 1 within one article and 1 between an article and an" in text
    table = writeup.discrepancy_table(tables)
    assert table["b"].tolist() == ["002:2", "record", "002:2"] and table["against"].iloc[1] == ""


def test_method_agreement_is_share_of_equal_labels_and_alpha(tables):
    agreement = writeup.method_agreement(tables).iloc[0]
    # labels vader [-1, 0, 1, 1] vs textblob [-1, 1, 0, 1]: two of four equal
    assert (agreement["method_a"], agreement["method_b"], agreement["n"]) == ("textblob", "vader", 4)
    assert agreement["agree"] == pytest.approx(0.5)
    # nominal alpha by hand: 8 pairable values; observed disagreement 4/8, expected 1 - sum n_c(n_c-1)/(8*7)
    # with label counts -1:2, 0:2, 1:4 -> 1 - (2+2+12)/56 = 40/56; alpha = 1 - (4/8) / (40/56) = 0.3
    assert agreement["alpha"] == pytest.approx(0.3)


def test_sentiment_section_names_extremes_and_interval_overlap(tables):
    text = writeup.sentiment_section(tables)
    assert "**4 sentences** with **2 automated methods** (`textblob`, `vader`)" in text
    assert "With `vader`, 25% of sentences are negative and 50% positive." in text
    # vader: Daily A -0.25 [-0.50, +0.00] vs unknown outlet +0.50 [+0.40, +0.60]: disjoint
    assert "most negative outlet overall is Daily A (mean -0.25, interval -0.50 to +0.00, n = 2)" in text
    assert "most positive unknown outlet (002) (+0.50" in text
    # the difference of the extremes is bootstrapped directly, not read off two intervals
    assert "The difference, bootstrapped directly: +0.75 [+0.40, +1.10], so these two articles differ" in text
    assert "The difference, bootstrapped directly: +0.20 [-0.10, +0.50], so even these two extremes cannot be told apart" in text
    assert "in 1 of 2 outlet-and-method pairs the tone toward `putin` is below" in text
    assert "give the same label to 50% of 4 sentences (Krippendorff's alpha 0.30;" in text
    assert "they do not measure the same thing" in text


def test_concordant_methods_are_called_concordant(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    ss = outputs.read_csv("sentiment_sentences.csv", folder=folder)
    ss.loc[ss["method"] == "textblob", "label"] = ss.loc[ss["method"] == "vader", "label"].to_numpy()
    outputs.write_csv(ss, "sentiment_sentences.csv", folder=folder)
    text = writeup.sentiment_section(outputs.read_results(folder))
    assert "100% of 4 sentences (Krippendorff's alpha 1.00;" in text and "agree well enough" in text


def test_forecast_scores_follow_the_brier_definition(tables):
    scores = writeup.forecast_scores(tables)
    # resolved: (0.7, 1), (0.4, 0), (0.9, 0.5); P4 has no outcome and is left out
    assert scores["n"] == 3
    assert scores["article"] == pytest.approx((0.09 + 0.16 + 0.16) / 3)
    assert scores["coin"] == pytest.approx((0.25 + 0.25 + 0) / 3)
    assert scores["rate"] == pytest.approx(0.5)
    assert scores["base_rate"] == pytest.approx((0.25 + 0.25 + 0) / 3)


def test_forecast_section_reports_outcomes_verdict_and_cross_check(tables):
    text = writeup.forecast_section(tables)
    assert "**4 forecasts**" in text and "1 came true, 1 partly, 1 did not, and 1 cannot be resolved" in text
    assert "1 outcome judged from what the post-summit articles say or leave unsaid, 2 from the public record." in text
    assert "mean Brier score is **0.137**" in text and "0.167 for a forecaster who always says 0.5" in text
    # forecast_scores.csv of the fixture has no intervals: no "better" or "worse" without one
    assert "no verdict is drawn" in text and "better than" not in text and "worse than" not in text
    assert "matches `forecast_scores.csv` (`brier_article`)" in text
    assert "\"cyber deal\"" in text  # the first of the two costliest (0.16), by pred_id


def test_a_forecaster_worse_than_the_coin_is_called_worse(tmp_path):
    """With the paired intervals in forecast_scores.csv, a confidently wrong forecaster is called worse."""
    folder = fixture_tables(tmp_path / "results")
    outcome = [1.0, 0.0] * 6
    p = pd.DataFrame({"pred_id": [f"P{i}" for i in range(12)], "sent_id": range(1, 13), "start": 0, "end": 1,
                      "claim": "a claim", "topic": "t", "hedge": "surely",
                      "probability": [abs(o - 0.8 - 0.1 * (i % 3)) for i, o in enumerate(outcome)],
                      "outcome": outcome, "outcome_basis": "corpus", "evidence": "000:1", "brier": 1.0,
                      "bound": "summit", "group": [f"g{i}" for i in range(12)]})
    outputs.write_csv(p, "predictions.csv", folder=folder)
    outputs.write_csv(scoring.score_summary(p, {"event": "outcome"}), "forecast_scores.csv", folder=folder)
    text = writeup.forecast_section(outputs.read_results(folder))
    assert "the article is **worse than** the 0.5 baseline" in text
    assert "the article is **worse than** the hindsight base rate" in text


def test_a_disagreeing_forecast_scores_table_is_flagged(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    outputs.write_csv(pd.DataFrame({"metric": ["brier_article"], "value": [0.2]}), "forecast_scores.csv", folder=folder)
    assert "**Discrepancy:**" in writeup.forecast_section(outputs.read_results(folder))


def test_limitations_take_their_sizes_from_the_results(tables):
    text = writeup.limitations_section(tables, EVENT)
    assert "The corpus has 3 articles from 3 outlets, at most 1 article per outlet" in text
    assert "(2 to 6 sentences)" in text
    assert "give a sentence the same label 50% of the time" in text
    assert "2 of 4 outcomes rest on the public record" in text and "1 could not be resolved" in text
    assert "1 of 2 events rests on one outlet" in text


def test_limitations_are_all_stated_even_before_the_results_exist(tmp_path):
    text = writeup.limitations_section(outputs.read_results(tmp_path / "empty"), EVENT)
    assert text.count("\n- ") == 4
    for limit, notebook in [("case, not a sample", "01"), ("Lexicons", "03"), ("hindsight", "04"), ("A timeline is", "02")]:
        line = next(line for line in text.splitlines() if limit in line)
        assert f"once notebook {notebook} has run" in line


def test_figures_are_found_by_notebook_prefix_with_their_data(tmp_path):
    (tmp_path / "02-timeline.png").write_bytes(b"png")
    outputs.write_csv(pd.DataFrame({"x": [1, 2]}), "02-timeline.csv", folder=tmp_path)
    (tmp_path / "03-tone.png").write_bytes(b"png")
    assert [p.name for p in writeup.figures("02", tmp_path)] == ["02-timeline.png"]
    assert writeup.figure_caption(tmp_path / "02-timeline.png").endswith("`figures/02-timeline.csv`, 2 rows.*")
    assert "no CSV beside it" in writeup.figure_caption(tmp_path / "03-tone.png")
    assert writeup.figures_note("02", tmp_path) is None
    assert "No figure from notebook 04 yet" in writeup.figures_note("04", tmp_path)


def test_figure_displays_embed_each_png_with_its_caption(tmp_path):
    from IPython.display import Image, Markdown
    png = tmp_path / "04-brier.png"
    png.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0c70000000049454e44ae426082"))
    shown = writeup.figure_displays("04", tmp_path)
    assert isinstance(shown[0], Image) and shown[0].data == png.read_bytes()
    assert isinstance(shown[1], Markdown) and "figures/04-brier.png" in shown[1].data
    only_note = writeup.figure_displays("02", tmp_path)
    assert len(only_note) == 1 and "No figure from notebook 02 yet" in only_note[0].data


def test_score_table_is_shown_as_written(tables, tmp_path):
    folder = fixture_tables(tmp_path / "more")
    extra = pd.DataFrame({"metric": ["brier_article", "n_resolved", "brier_half"], "value": [0.136667, 3, 0.166667]})
    outputs.write_csv(extra, "forecast_scores.csv", folder=folder)
    shown = writeup.score_table(outputs.read_results(folder))
    assert shown["value"].to_dict() == {"brier_article": "0.137", "brier_half": "0.167"}
    assert shown.index.name == "metric (all 3 rows: results/forecast_scores.csv)"
    assert writeup.score_table(outputs.read_results(tmp_path / "empty")) is None


def test_tables_with_headers_only_give_sentences_not_errors(tmp_path):
    """Another corpus may yield no event, no conflict or no forecast: every section still reads."""
    folder = fixture_tables(tmp_path / "results")
    for name in ["timex.csv", "timeline.csv", "discrepancies.csv", "predictions.csv", "sentiment_sentences.csv",
                 "sentiment_outlets.csv"]:
        outputs.write_csv(outputs.read_csv(name, folder=folder).iloc[0:0], name, folder=folder)
    tables = outputs.read_results(folder)
    assert "**0 temporal expressions**" in writeup.timex_summary(tables)
    assert "**0 dated mentions** of **0 events**" in writeup.timeline_section(tables, EVENT)
    assert "no factual conflict" in writeup.discrepancy_section(tables)
    assert "**0 sentences** with **0 automated methods**" in writeup.sentiment_section(tables)
    assert "**0 forecasts**" in writeup.forecast_section(tables)
    assert writeup.limitations_section(tables, EVENT).count("\n- ") == 4


def test_validation_comes_before_any_outlet_claim(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    outputs.write_csv(pd.DataFrame({"target": ["all", "all", "biden"], "method": ["vader", "diplomacy", "vader"],
                                    "n": [190, 190, 59], "accuracy": [0.57, 0.7, 0.4],
                                    "macro_f1": [0.52, 0.66, 0.34], "spearman": [0.49, 0.61, 0.2]}),
                      "sentiment_validation.csv", folder=folder)
    tables = outputs.read_results(folder)
    text = writeup.validation_section(tables)
    assert "macro-F1 (0 to 1, higher is better) from 0.52 (`vader`) to 0.66 (`diplomacy`)" in text
    assert "plain VADER reaches" not in text.split("`diplomacy`)")[0]
    assert "how well two coders agree is unknown" in text
    outputs.write_csv(pd.DataFrame({"variable": ["tone"], "level": ["ordinal"], "n_units": [80], "n_paired": [80],
                                    "alpha": [0.9]}), "sentiment_agreement.csv", folder=folder)
    text = writeup.validation_section(outputs.read_results(folder))
    assert "Two codings of 80 sentences agree with Krippendorff's alpha 0.90 (ordinal)" in text
    assert "ceiling" not in text.replace("no ceiling", "")


def test_validation_section_says_when_notebook_03_has_not_run(tables):
    assert "Not available yet" in writeup.validation_section(tables)


def test_reference_coding_orders_the_outlets_when_present(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    o = outputs.read_csv("sentiment_outlets.csv", folder=folder)
    reference = pd.DataFrame({"outlet": ["Daily A", ""], "doc_id": ["000", "002"], "method": ["reference", "reference"],
                          "target": ["all", "all"], "mean": [0.4, -0.2], "ci_low": [0.1, -0.5],
                          "ci_high": [0.7, 0.0], "n": [2, 2]})
    outputs.write_csv(pd.concat([o, reference]), "sentiment_outlets.csv", folder=folder)
    tables = outputs.read_results(folder)
    text = writeup.reference_tone_section(tables)
    assert "from most negative to most positive: unknown outlet (002) (-0.20 [-0.50, +0.00], n = 2), Daily A (+0.40" in text
    assert "do not overlap" in text
    assert "reference" not in writeup.sentiment_section(tables).split("automated method")[1].split(")")[0]


def test_limitations_name_every_coder_of_the_reference_coding():
    """The write-up says who made each annotation file and that, here, no person did."""
    text = writeup.coding_limit()
    for name, ids in annotations.coders().items():
        assert f"`{name}`" in text and all(f"`{coder}`" in text for coder in ids)
    assert "not a person" in text and "human coding" not in text


def _external(diff: float, diff_low: float) -> pd.DataFrame:
    """A tone_external table with a baseline and a recommended test row (and a sentence-level pair)."""
    rows = [("target", "vader_sentence", "devtest_mt", 0.49, 0.0, 0.0, 0), ("target", "context_lr", "devtest_mt", 0.49 + diff,
            diff, diff_low, 1), ("target", "context_lr", "train_cv", 0.63, 0.1, 0.09, 1),
            ("sentence", "vader", "devtest_mt", 0.55, 0.0, 0.0, 0), ("sentence", "diplomacy", "devtest_mt", 0.56, 0.01, -0.01, 1)]
    return pd.DataFrame([{"level": lv, "method": m, "split": sp, "n": 100, "macro_f1": f1, "accuracy": 0.6,
                          "ci_low": f1 - 0.03, "ci_high": f1 + 0.03, "baseline": "vader_sentence" if lv == "target" else "vader",
                          "diff_baseline": d,
                          "diff_low": dl, "diff_high": d + 0.03, "recommended": r} for lv, m, sp, f1, d, dl, r in rows])


def test_leader_tone_states_the_outside_test_before_the_leaders(tmp_path):
    folder = fixture_tables(tmp_path / "results")
    assert "Not available yet" in writeup.leader_tone_section(outputs.read_results(folder))
    outputs.write_csv(_external(0.12, 0.09), "tone_external.csv", folder=folder)
    outputs.write_csv(pd.DataFrame({"outlet": ["Daily A", "", "Daily A", ""], "doc_id": ["000", "002", "000", "002"],
                                    "target": "putin", "method": ["context_lr", "context_lr", "vader_sentence", "vader_sentence"],
                                    "mean": [0.3, -0.4, 0.9, 0.9], "ci_low": [0.1, -0.6, 0.8, 0.8],
                                    "ci_high": [0.5, -0.2, 1.0, 1.0], "n": [4, 5, 4, 5], "n_mentions": [6, 5, 4, 5]}),
                      "tone_leaders.csv", folder=folder)
    text = writeup.leader_tone_section(outputs.read_results(folder))
    assert text.index("devtest_mt") < text.index("Toward `putin`")
    assert "macro-F1 0.61" in text and "paired difference of +0.12 (+0.09 to +0.15" in text
    assert "met by the point estimate, but the interval reaches below +0.10" in text
    assert "unknown outlet (002) -0.40 (-0.60 to -0.20, 5 sentences); Daily A +0.30" in text
    assert "do not overlap" in text and "+0.90" not in text          # only the recommended method's rows


@pytest.mark.parametrize("diff, low, words", [(0.12, 0.11, "met, and the interval rules out a smaller gain"),
                                              (0.05, 0.01, "missed, though the gain is above zero"),
                                              (0.02, -0.01, "missed, and the interval does not rule out no gain")])
def test_the_verdict_follows_the_point_and_the_interval(diff, low, words):
    from lib.tone import external

    assert words in external.verdict(_external(diff, low))
