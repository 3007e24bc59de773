"""Comparisons over time and between groups: period choice, bootstrap intervals, group
differences, dates left out, the per-article rule, their sentences and figures."""

import numpy as np
import pandas as pd
import pytest

from analysis.measures import comparisons


def _dates(*days):
    return pd.Series(pd.to_datetime(list(days)))


def _spread(first, last, n):
    return pd.Series(pd.date_range(first, last, periods=n))


@pytest.mark.parametrize(
    ("first", "last", "n", "period"),
    [
        ("2025-01-01", "2025-01-20", 20, "week"),
        ("2025-01-01", "2025-07-02", 200, "week"),  # 182 days
        ("2025-01-01", "2025-07-03", 200, "month"),  # 183 days
        ("2025-01-01", "2025-06-01", 40, "month"),  # weeks would hold fewer than five articles
        ("2025-01-01", "2025-06-01", 10, "month"),  # months too, but one year would be one period
        ("2020-01-01", "2022-12-31", 12, "year"),
        ("2020-01-01", "2024-12-31", 2000, "month"),
        ("2015-01-01", "2024-12-31", 2000, "year"),
    ],
)
def test_the_period_follows_the_span_and_number_of_the_dates(first, last, n, period):
    assert comparisons.choose_period(_spread(first, last, n)) == period


def test_weeks_start_on_monday_and_every_period_is_listed():
    starts = comparisons.period_starts(_dates("2026-01-07", "2026-01-11", "2026-01-12"), "week")
    assert [f"{s:%Y-%m-%d}" for s in starts] == ["2026-01-05", "2026-01-05", "2026-01-12"]
    assert comparisons.period_label(starts.iloc[0], "week") == "week of 2026-01-05"
    assert comparisons.period_label(pd.Timestamp("2026-03-01"), "month") == "2026-03"


def test_bootstrap_interval_is_deterministic_contains_the_mean_and_narrows_with_more_data():
    rng = np.random.default_rng(7)
    few, many = rng.normal(0.1, 0.3, 12), rng.normal(0.1, 0.3, 400)
    low, high = comparisons.bootstrap_mean_interval(few)
    assert (low, high) == comparisons.bootstrap_mean_interval(few)
    assert low < few.mean() < high
    many_low, many_high = comparisons.bootstrap_mean_interval(many)
    assert many_low < many.mean() < many_high
    assert many_high - many_low < (high - low) / 2
    assert np.isnan(comparisons.bootstrap_mean_interval([np.nan])[0])


def test_difference_interval_has_the_sign_of_the_difference():
    rng = np.random.default_rng(3)
    high_values, low_values = rng.normal(0.5, 0.2, 30), rng.normal(0.0, 0.2, 30)
    low, high = comparisons.bootstrap_difference_interval(high_values, low_values)
    assert 0 < low < high_values.mean() - low_values.mean() < high
    low, high = comparisons.bootstrap_difference_interval(low_values, high_values)
    assert low < high < 0
    same_low, same_high = comparisons.bootstrap_difference_interval(low_values, rng.permutation(low_values))
    assert same_low < 0 < same_high


def _card(outlets, tones):
    ids = [f"a{i:02d}" for i in range(len(tones))]
    card = pd.DataFrame({"article_id": ids, "mean_compound": tones, "n_words": 100.0})
    articles = pd.DataFrame({"article_id": ids, "outlet": outlets})
    return card, articles


def test_two_groups_are_compared_pairwise_with_sign_and_interval():
    rng = np.random.default_rng(1)
    tones = np.concatenate([rng.normal(-0.2, 0.1, 20), rng.normal(0.2, 0.1, 20)])
    card, articles = _card(["Alpha"] * 20 + ["Beta"] * 20, tones)
    groups = comparisons.choose_groups(articles, ["outlet"])
    differences = comparisons.group_differences(card, groups).set_index("measure")
    tone = differences.loc["mean_compound"]
    assert (tone["group"], tone["compared_with"], tone["n_group"], tone["n_compared"]) == ("Alpha", "Beta", 20, 20)
    assert tone["difference"] == pytest.approx(tones[:20].mean() - tones[20:].mean())
    assert tone["ci_low"] < tone["difference"] < tone["ci_high"] < 0
    words = differences.loc["n_words"]
    assert words["difference"] == 0 and words["ci_low"] == words["ci_high"] == 0
    means = comparisons.group_means(card, groups)
    assert list(means.loc[means["measure"] == "mean_compound", "n_articles"]) == [20, 20]


def test_more_groups_are_each_compared_with_the_rest_and_small_groups_get_no_interval():
    outlets = ["A"] * 10 + ["B"] * 10 + ["C"] * 2 + ["unknown"] * 3
    tones = [0.5] * 10 + [0.0] * 10 + [0.1] * 2 + [0.9] * 3
    card, articles = _card(outlets, tones)
    groups = comparisons.choose_groups(articles, ["outlet"])
    assert groups.names == ["A", "B", "C"] and groups.n_left_out == 3
    tone = comparisons.group_differences(card, groups).query("measure == 'mean_compound'").set_index("group")
    assert set(tone["compared_with"]) == {comparisons.REST}
    assert tone.loc["A", "n_compared"] == 12  # B and C, not the articles of unknown outlet
    assert tone.loc["A", "difference"] == pytest.approx(0.5 - 0.2 / 12)
    assert tone.loc["A", "ci_low"] > 0
    assert np.isnan(tone.loc["C", "ci_low"]) and tone.loc["C", "n_group"] == 2


def test_groups_come_from_the_first_usable_column_then_the_folder():
    ids = [f"{folder}/{i}" for folder in ("sport", "tech") for i in range(5)]
    articles = pd.DataFrame({"article_id": ids, "outlet": "unknown", "section": ["x"] * 5 + ["y"] * 5})
    assert comparisons.choose_groups(articles, ["outlet"]).column == comparisons.FOLDER
    assert comparisons.choose_groups(articles, ["outlet", "section"]).column == "section"
    numbered = pd.DataFrame({"article_id": list("abc"), "outlet": ["Outlet 10", "Outlet 2", "outlet 1"]})
    assert comparisons.choose_groups(numbered).names == ["outlet 1", "Outlet 2", "Outlet 10"]
    flat = pd.DataFrame({"article_id": [str(i) for i in range(10)], "outlet": ""})
    assert comparisons.choose_groups(flat, ["outlet"]) is None


def test_missing_and_unreadable_dates_are_left_out_and_counted():
    articles = pd.DataFrame(
        {
            "article_id": list("abcdefg"),
            "date": ["2025-01-06", "6 January 2025", "2025-01-07T23:00:00Z", "not a date", "", None, "February 1"],
        }
    )
    dates = comparisons.article_dates(articles)
    assert list(dates.dates.index) == ["a", "b", "c"]
    assert (dates.n_missing, dates.n_unreadable, dates.n_left_out) == (2, 2, 4)
    assert dates.dates["c"] == pd.Timestamp("2025-01-07")
    no_column = comparisons.article_dates(articles.drop(columns="date"))
    assert no_column.column is None and no_column.n_missing == 7
    renamed = articles.rename(columns={"date": "published"})
    assert comparisons.article_dates(renamed, "published").column == "published"


def test_over_time_gives_each_period_its_mean_count_and_interval_when_big_enough():
    days = ["2025-01-06"] * 4 + ["2025-01-21"] * 2  # week of 6 January, none in the next, two in the third
    card, articles = _card(["A"] * 6, [0.1, 0.2, 0.3, 0.4, -0.5, -0.7])
    articles["date"] = days
    timeline = comparisons.over_time(card, articles)
    assert timeline.period == "week"
    tone = timeline.table[timeline.table["measure"] == "mean_compound"].set_index("period_start")
    assert list(tone.index) == ["2025-01-06", "2025-01-13", "2025-01-20"]
    assert list(tone["n_articles"]) == [4, 0, 2]
    assert tone.loc["2025-01-06", "mean"] == pytest.approx(0.25)
    assert tone.loc["2025-01-06", "ci_low"] < 0.25 < tone.loc["2025-01-06", "ci_high"]
    assert np.isnan(tone.loc["2025-01-20", "ci_low"]) and tone.loc["2025-01-20", "mean"] == pytest.approx(-0.6)
    assert timeline.n_periods_with_articles == 2
    assert timeline.table.equals(comparisons.over_time(card, articles).table)


def test_per_article_views_up_to_forty_articles_then_groups_or_the_distribution():
    from analysis.figures.style import MAX_ARTICLES_SHOWN as PER_ARTICLE_LIMIT
    from analysis.report.notebook import article_groups, articles_to_plot

    flat = pd.DataFrame({"article_id": [f"p{i:03d}" for i in range(PER_ARTICLE_LIMIT)]})
    groups, word = article_groups(flat)
    assert word == "article" and groups.nunique() == PER_ARTICLE_LIMIT
    assert len(articles_to_plot(pd.Series(1.0, index=flat["article_id"]))[0]) == PER_ARTICLE_LIMIT
    bigger = pd.DataFrame({"article_id": [f"p{i:03d}" for i in range(PER_ARTICLE_LIMIT + 1)]})
    assert article_groups(bigger)[1] == "corpus"
    with_outlet = bigger.assign(outlet=["Daily", "unknown"] + ["Weekly"] * (len(bigger) - 2))
    groups, word = article_groups(with_outlet)
    assert word == "outlet" and groups["p001"] == "(no outlet)" and groups["p000"] == "Daily"


def test_sentences_say_the_direction_when_the_interval_excludes_zero_and_no_clear_difference_otherwise():
    from analysis.report import findings

    rng = np.random.default_rng(5)
    tones = np.concatenate([rng.normal(-0.3, 0.1, 15), rng.normal(0.1, 0.1, 15)])
    card, articles = _card(["Alpha"] * 15 + ["Beta"] * 15, tones)
    groups = comparisons.choose_groups(articles, ["outlet"])
    differences = comparisons.group_differences(card, groups)
    text = findings.group_differences(differences)
    tone = differences.iloc[0]
    assert (
        f"from **Alpha** were more negative than those from **Beta** by {abs(tone['difference']):.2f} "
        f"(95% CI {abs(tone['ci_high']):.2f}–{abs(tone['ci_low']):.2f}, n = 15 and 15)"
    ) in text
    assert "Length: no clear difference between articles from **Alpha** and those from **Beta**" in text
    assert "one in twenty" in text
    assert "2 groups" in findings.groups_used(groups, ["outlet"], 30)
    assert "no groups are compared" in findings.groups_used(None, ["outlet"], 30)


def test_the_dates_sentence_counts_what_was_left_out():
    from analysis.report import findings

    card, articles = _card(["A"] * 4, [0.1, 0.2, 0.3, 0.4])
    articles["date"] = ["2025-01-06", "2025-03-01", "someday", ""]
    text = findings.dates_used(comparisons.over_time(card, articles), 4)
    assert text.startswith("2 articles of 4 have a usable date")
    assert "1 article without a date and 1 article whose date could not be read" in text
    assert "per week" in text
    articles["date"] = ["2025-01-06", "", "", ""]
    assert "too few dates" in findings.dates_used(comparisons.over_time(card, articles), 4)


def test_figures_draw_tone_on_the_fixed_scale():
    from analysis.figures import comparisons as drawing
    from analysis.figures.style import TONE_LIMITS

    card, articles = _card(["A"] * 4 + ["B"] * 4, [0.1, 0.2, 0.3, 0.4, 0.0, 0.1, 0.0, -0.1])
    articles["date"] = ["2025-01-06", "2025-01-07", "2025-01-08", "2025-02-01"] * 2
    timeline = comparisons.over_time(card, articles)
    fig = drawing.over_time_figure(timeline.table, timeline.period, comparisons.MIN_ARTICLES)
    assert fig.axes[0].get_ylim() == TONE_LIMITS
    groups = comparisons.choose_groups(articles, ["outlet"])
    fig = drawing.group_means_figure(comparisons.group_means(card, groups), "outlet")
    assert fig.axes[0].get_xlim() == TONE_LIMITS
    fig = drawing.group_differences_figure(comparisons.group_differences(card, groups), "outlet")
    assert fig.axes[0].get_xlim() == (-TONE_LIMITS[1], TONE_LIMITS[1])


def test_group_by_and_date_column_reach_the_synthesis_notebook():
    from analysis.paths import NOTEBOOKS_DIR
    from analysis.pipeline.options import Options
    from analysis.report.runner import plan_parameters

    synthesis = NOTEBOOKS_DIR / "08_synthesis.ipynb"
    options = Options(group_by=("category", "outlet"), date_column="published").to_mapping()
    plan = plan_parameters([synthesis], {"corpus_dir": "c", "output_dir": "o"}, {}, options)
    assert plan[synthesis]["group_by"] == ["category", "outlet"]
    assert plan[synthesis]["date_column"] == "published"
