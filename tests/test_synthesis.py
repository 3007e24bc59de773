import math

import numpy as np
import pandas as pd
import pytest
from conftest import copy, only_articles

from analysis.figures import style as plotting
from analysis.figures import synthesis as synthesis_figures
from analysis.measures import synthesis
from analysis.validation import SUMMARY_COLUMNS

# ----------------------------------------------------------------------------- scorecard


def test_scorecard_has_one_row_per_article_with_tidy_columns(results):
    card = synthesis.scorecard(results)
    assert list(card.columns) == synthesis.SCORECARD_COLUMNS
    assert all(c == c.lower() and " " not in c for c in card.columns)
    assert list(card["article_id"]) == list(results["articles"]["article_id"])
    assert card["article_id"].is_unique


def test_scorecard_values_come_from_the_result_tables(results):
    card = synthesis.scorecard(results).set_index("article_id")
    sentiment = results["sentiment"].set_index("article_id")
    assert card["mean_compound"].equals(sentiment["mean_compound"].reindex(card.index))
    index = results["sensationalism"].set_index("article_id")["index"]
    assert card["sensationalism_index"].tolist() == index.reindex(card.index).tolist()
    body = results["readability"].query("part == 'body'").set_index("article_id")
    assert card["flesch_kincaid_grade"].tolist() == body["flesch_kincaid_grade"].reindex(card.index).tolist()
    assert card["reading_grade_consensus"].tolist() == body["text_standard"].reindex(card.index).tolist()
    frames = results["frames"]
    dominant = frames[frames["dominant"] & (frames["scheme"] == "issue")].set_index("article_id")["frame"]
    assert card["dominant_issue_frame"].tolist() == dominant.reindex(card.index).tolist()
    sourcing = results["sourcing"].set_index("article_id")
    shares = card[["share_named", "share_anonymous", "share_vague", "share_unresolved"]].sum(axis=1)
    assert np.allclose(shares[sourcing["n_attributions"] > 0], 1, atol=0.001)
    assert card["hedges_per_1000_words"].tolist() == sourcing["hedges_per_1000_words"].reindex(card.index).tolist()


def test_scorecard_names_each_articles_most_mentioned_entity_and_the_tone_toward_it(results):
    tables = copy(results)
    tone = tables["entity_tone"]
    tables["entity_tone"] = tone.assign(targeted_tone=np.linspace(-0.5, 0.5, len(tone)).round(4))
    card = synthesis.scorecard(tables).set_index("article_id")
    labels = results["entities"].set_index("entity_id")["label"]
    rows = tables["entity_tone"][tables["entity_tone"]["scope"] == "article"]
    for article_id, group in rows.groupby("article_id"):
        top = group[group["n_mentions"] == group["n_mentions"].max()]
        first = top.iloc[0] if len(top) == 1 else None
        assert card.at[article_id, "top_entity_mentions"] == group["n_mentions"].max()
        if first is not None:
            assert card.at[article_id, "top_entity"] == labels[first["entity_id"]]
            assert card.at[article_id, "top_entity_tone"] == first["targeted_tone"]
    tied = pd.DataFrame(
        {
            "scope": ["article", "article", "corpus"],
            "article_id": ["a", "a", None],
            "entity_id": ["minor", "major", "major"],
            "n_mentions": [3, 3, 3],
            "targeted_tone": [0.1, -0.2, -0.2],
        }
    )
    entities = pd.DataFrame({"entity_id": ["major", "minor"], "label": ["Major", "Minor"]})
    card = synthesis.scorecard(
        {
            "articles": pd.DataFrame({"article_id": ["a", "b"], "n_words": [10, 20]}),
            "entity_tone": tied,
            "entities": entities,
        }
    )
    assert card["top_entity"].tolist() == ["Major", None] and card.loc[0, "top_entity_tone"] == -0.2


def test_scorecard_of_one_article(results):
    card = synthesis.scorecard(only_articles(results, [results["articles"]["article_id"].iloc[2]]))
    assert len(card) == 1 and list(card.columns) == synthesis.SCORECARD_COLUMNS


def test_scorecard_with_missing_and_empty_tables(results):
    tables = copy(results)
    for name in ("attributions", "sourcing", "quoted_words"):
        tables[name] = tables[name].head(0)
    del tables["frames"], tables["sensationalism"]
    card = synthesis.scorecard(tables)
    assert len(card) == len(results["articles"]) and list(card.columns) == synthesis.SCORECARD_COLUMNS
    assert card[["share_named", "sensationalism_index", "dominant_generic_frame"]].isna().all().all()
    assert card["mean_compound"].notna().all()


def test_scorecard_with_nan_values_and_frames_without_a_dominant_one(results):
    tables = copy(results)
    tables["sentiment"].loc[0, ["mean_compound", "ci_low", "ci_high"]] = np.nan
    tables["frames"]["dominant"] = tables["frames"]["dominant"].astype(str)  # "True"/"False" as text
    second = tables["articles"]["article_id"].iloc[1]
    tables["frames"].loc[tables["frames"]["article_id"] == second, "dominant"] = "False"
    card = synthesis.scorecard(tables)
    assert math.isnan(card.loc[0, "mean_compound"])
    assert card.loc[1, "dominant_generic_frame"] is None
    assert card.loc[0, "dominant_generic_frame"] == synthesis.scorecard(results).loc[0, "dominant_generic_frame"]


# ----------------------------------------------------------------------------- figure


def test_figure_of_thousands_of_articles(results):
    copies = 400
    tables = {}
    for name, table in results.items():
        if "article_id" in table and name != "entity_tone":
            tables[name] = pd.concat(
                [table.assign(article_id=table["article_id"] + f"/{i}") for i in range(copies)], ignore_index=True
            )
    tables["articles"]["outlet"] = [f"outlet {i % 4}" for i in range(len(tables["articles"]))]
    card = synthesis.scorecard(tables)
    assert len(card) == len(results["articles"]) * copies
    grouped = synthesis_figures.scorecard_view(card, tables["articles"], "outlet", limit=30)
    assert len(grouped.rows) == 4 and grouped.description.startswith("mean per outlet")
    extremes = synthesis_figures.scorecard_view(card, tables["articles"], "no_such_column", limit=30)
    assert len(extremes.rows) == 30 and extremes.split == 15 and "most and 15 least sensational" in extremes.description
    index = extremes.rows["sensationalism_index"]
    assert index.iloc[:15].min() >= index.iloc[15:].max()


def test_figure_shows_raw_values_over_reference_colours(results):
    plotting.apply_style()
    card = synthesis.scorecard(results)
    card["share_anonymous"] = np.nan  # a measure missing everywhere
    card["hedges_per_1000_words"] = 2.0  # a constant measure
    view = synthesis_figures.scorecard_view(card)
    assert view.description == f"all {len(card)} articles, most sensational first" and view.split is None
    assert view.rows["sensationalism_index"].dropna().is_monotonic_decreasing
    fig = synthesis_figures.scorecard_figure(view, {"economic": "Money matters"})
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert "9.64" in texts and "n/a" in texts and "Money matters" in texts
    assert fig.axes[0].get_title(loc="left") == f"Scorecard: all {len(card)} articles, most sensational first"
    plotting.plt.close(fig)


def test_measure_statistics_describe_every_numeric_measure(results):
    card = synthesis.scorecard(results)
    stats = synthesis.measure_statistics(card)
    assert list(stats["measure"]) == synthesis.NUMERIC_COLUMNS
    assert list(stats.columns) == ["measure", "count", "mean", "std", "min", "median", "max"]
    stats = stats.set_index("measure")
    assert stats.loc["n_words", "median"] == card["n_words"].median()
    assert stats.loc["mean_compound", "count"] == card["mean_compound"].notna().sum()


# ----------------------------------------------------------------------------- relations


def test_rank_correlations_and_their_chance_level(results):
    pairs = synthesis.rank_correlations(synthesis.scorecard(results))
    assert list(pairs.columns) == ["measure", "other_measure", "spearman_rho", "n_articles"]
    assert pairs["spearman_rho"].abs().is_monotonic_decreasing
    assert synthesis.rank_correlations(synthesis.scorecard(only_articles(results, ["x"]))).empty
    assert synthesis.chance_of_rank_correlation(5, 1.0) == pytest.approx(2 / 120)
    assert synthesis.chance_of_rank_correlation(3, 0.0) == 1.0
    with pytest.raises(ValueError):
        synthesis.chance_of_rank_correlation(9, 0.5)


# ----------------------------------------------------------------------------- validation


def summary_row(key, dataset, task, metric, value, anchor=None, baseline=None):
    return {
        "key": key,
        "analysis": key.split(".")[0],
        "dataset": dataset,
        "task": task,
        "metric": metric,
        "value": value,
        "anchor": anchor,
        "anchor_source": "source",
        "baseline": baseline,
        "baseline_name": "baseline",
        "n": 100,
    }


OSE, NFC, CLICKBAIT = "OneStopEnglish", "Narrative Frames Corpus", "Clickbait headlines (Chakraborty et al. 2016)"
SPEECH = "source mentions (speech cues), >= 30% character overlap"
SUMMARIES = pd.DataFrame(
    [
        summary_row(
            "readability.onestopenglish.pairwise_order.package.flesch_kincaid_grade",
            OSE,
            "pairwise level order, package segmentation",
            "flesch_kincaid_grade",
            0.99,
            0.986,
            0.5,
        ),
        summary_row(
            "readability.onestopenglish.pairwise_order.textstat.flesch_kincaid_grade",
            OSE,
            "pairwise level order, textstat's own counting",
            "flesch_kincaid_grade",
            0.98,
            0.986,
            0.5,
        ),
        summary_row(
            "readability.onestopenglish.full_order.package.int_ascii.gunning_fog",
            OSE,
            "full level order, package segmentation, Int from the ascii copy",
            "gunning_fog",
            0.95,
            0.979,
            0.17,
        ),
        summary_row(
            "readability.onestopenglish.full_order.package.gunning_fog",
            OSE,
            "full level order, package segmentation",
            "gunning_fog",
            0.97,
            0.979,
            0.17,
        ),
        summary_row(
            "readability.onestopenglish.full_order.package.smog_index",
            OSE,
            "full level order, package segmentation",
            "smog_index",
            0.94,
            None,
            0.17,
        ),
        summary_row(
            "readability.onestopenglish.mean_grade.ele.package.flesch_kincaid_grade",
            OSE,
            "mean grade, level Ele, package segmentation",
            "flesch_kincaid_grade",
            8.5,
            8.45,
            10.0,
        ),
        summary_row(
            "sentiment.tweets.sentence.pearson_r",
            "vader_groundtruth/tweets",
            "sentence",
            "pearson_r",
            0.872,
            0.881,
            0.831,
        ),
        summary_row(
            "sentiment.nyt_editorials.article.pearson_r",
            "vader_groundtruth/nyt_editorials",
            "article",
            "pearson_r",
            0.63,
            0.63,
            0.526,
        ),
        summary_row(
            "framing.narrative_frames.full_frame.co.precision",
            NFC,
            "conflict frame vs label CO (threshold 0.25)",
            "precision",
            0.7,
            None,
            0.6,
        ),
        summary_row(
            "framing.narrative_frames.full_frame.co.f1",
            NFC,
            "conflict frame vs label CO (threshold 0.25)",
            "f1",
            0.77,
            0.78,
            0.76,
        ),
        summary_row(
            "framing.narrative_frames.full_frame.co.roc_auc",
            NFC,
            "conflict frame vs label CO (frame score, no threshold)",
            "roc_auc",
            0.70,
            0.71,
            0.5,
        ),
        summary_row(
            "framing.narrative_frames.codebook_aligned.co.f1",
            NFC,
            "codebook-aligned items disagreement vs label CO (threshold 0.33)",
            "f1",
            0.6,
            0.78,
            0.76,
        ),
        summary_row(
            "sensationalism.clickbait.headline_index.accuracy",
            CLICKBAIT,
            "headline index >= 1",
            "accuracy",
            0.84,
            0.877,
            0.5,
        ),
        summary_row(
            "sensationalism.clickbait.headline_index.f1", CLICKBAIT, "headline index >= 1", "f1", 0.83, 0.869, 0.66
        ),
        summary_row(
            "framing.frac.issue_frame_class.accuracy",
            "FrAC sentences",
            "issue frame -> policy frame class",
            "accuracy",
            0.5,
            None,
            0.31,
        ),
        summary_row("attribution.polnear_dev.speech_cues.f1", "PolNeAR dev", SPEECH, "f1", 0.84, 0.837, 0.34),
        summary_row(
            "attribution.polnear_dev.non_belief_cues.f1",
            "PolNeAR dev",
            "source mentions (all cues), >= 30% character overlap",
            "f1",
            0.7,
            0.837,
            0.23,
        ),
        summary_row(
            "attribution.polnear_dev.speech_cues.cue_accuracy",
            "PolNeAR dev",
            "cue of the matched sources (speech cues)",
            "cue accuracy",
            0.99,
            0.865,
            0.996,
        ),
        summary_row(
            "attribution.polnear_train.speech_cues.f1",
            "PolNeAR train (development split)",
            SPEECH,
            "f1",
            0.83,
            0.837,
            0.32,
        ),
    ],
    columns=SUMMARY_COLUMNS,
)


def test_validation_table_picks_the_key_figures_by_key_in_their_order():
    key = synthesis.validation_table(SUMMARIES)
    assert list(key.columns) == [*synthesis.VALIDATION_COLUMNS, "vs_anchor", "vs_baseline"]
    assert list(zip(key["analysis"], key["metric"], key["value"])) == [
        ("sentiment", "pearson_r", 0.872),
        ("sentiment", "pearson_r", 0.63),
        ("framing", "f1", 0.77),
        ("framing", "roc_auc", 0.70),
        ("framing", "accuracy", 0.5),
        ("sensationalism", "accuracy", 0.84),
        ("readability", "flesch_kincaid_grade", 0.99),
        ("readability", "gunning_fog", 0.97),
        ("attribution", "f1", 0.84),
        ("attribution", "f1", 0.7),
    ]
    assert key["vs_baseline"].tolist()[:2] == [0.041, 0.104]
    assert math.isnan(key.loc[key["dataset"] == "FrAC sentences", "vs_anchor"].iloc[0])


def test_validation_table_of_no_summaries():
    key = synthesis.validation_table(pd.DataFrame(columns=SUMMARY_COLUMNS))
    assert key.empty and list(key.columns) == [*synthesis.VALIDATION_COLUMNS, "vs_anchor", "vs_baseline"]
    assert synthesis.trust_by_analysis(key).empty


def test_trust_by_analysis_counts_anchors_reached_and_baselines_cleared():
    trust = synthesis.trust_by_analysis(synthesis.validation_table(SUMMARIES)).set_index("analysis")
    assert trust.loc["sentiment", ["n_figures", "n_reach_anchor", "n_clear_of_baseline"]].tolist() == [2, 2, 1]
    framing = trust.loc["framing", ["n_with_anchor", "n_reach_anchor", "n_with_baseline", "n_clear_of_baseline"]]
    assert framing.tolist() == [2, 2, 3, 2]
    assert trust.loc["sensationalism", "n_reach_anchor"] == 0
    assert trust.loc["sensationalism", "furthest_below_anchor"].endswith("accuracy 0.840 against 0.877")
    assert trust.loc["readability", "furthest_below_anchor"] == ""
