"""Sentence scoring, aggregation, intervals, thresholds, and tone toward entities arranged for figures."""

import math
import os
from pathlib import Path

import numpy as np
import pytest
from conftest import SEEDS_ACTORS

from analysis.measures import sentiment
from analysis.pipeline.analyze import analyze
from analysis.pipeline.options import Options
from analysis.text.load import load_corpus


def test_thresholds_are_inclusive_and_configurable():
    assert sentiment.classify(0.05) == "positive"
    assert sentiment.classify(0.0499) == "neutral"
    assert sentiment.classify(-0.05) == "negative"
    assert sentiment.classify(0.3, threshold=0.5) == "neutral"
    assert sentiment.classify(-0.6, threshold=0.5) == "negative"


def test_bootstrap_interval_is_deterministic_and_brackets_the_mean():
    values = [-0.8, -0.2, 0.0, 0.1, 0.4, 0.6, 0.9]
    low, high = sentiment.bootstrap_mean_ci(values, key="a")
    assert (low, high) == sentiment.bootstrap_mean_ci(values, key="a")
    assert low < np.mean(values) < high
    assert -0.8 < low and high < 0.9
    assert sentiment.bootstrap_mean_ci([0.3] * 5, key="c") == (pytest.approx(0.3), pytest.approx(0.3))


def test_bootstrap_interval_narrows_with_more_data():
    rng = np.random.default_rng(1)
    small, large = rng.normal(0, 0.4, 10), rng.normal(0, 0.4, 400)

    def width(values):
        return np.subtract(*sentiment.bootstrap_mean_ci(values, key="w")[::-1])

    assert width(large) < width(small) / 3


def test_no_interval_below_three_sentences():
    assert all(math.isnan(x) for x in sentiment.bootstrap_mean_ci([0.5, -0.5], key="x"))


def _plain_bootstrap_means(values, seed, resamples):
    """The whole index matrix at once, as the interval was first drawn."""
    rng = np.random.default_rng(seed)
    return values[rng.integers(0, len(values), size=(resamples, len(values)))].mean(axis=1)


@pytest.mark.parametrize("block_draws", [6, 40, 1 << 21])
@pytest.mark.parametrize("n", [3, 4, 7, 8, 9, 15, 16, 130, 1001])
def test_blocked_resampling_gives_the_means_of_the_whole_index_matrix(monkeypatch, block_draws, n):
    monkeypatch.setattr(sentiment, "BLOCK_DRAWS", block_draws)
    values = np.sort(np.round(np.random.default_rng(n).uniform(-1, 1, size=n), 4))
    values[::5] = -0.0
    got = sentiment.resampled_means(values, 12345 + n, 2000)
    assert np.array_equal(got, _plain_bootstrap_means(values, 12345 + n, 2000))


@pytest.mark.parametrize("n", [5, 2**31 + 12345, 3 * 2**30 + 7])  # the large ranges reject many draws
@pytest.mark.parametrize("block", [2, 10, 1000])
def test_integer_blocks_continue_numpys_stream(n, block):
    for count in (1, 7, 5001):
        expected = np.random.default_rng(99).integers(0, n, count)
        blocks = list(sentiment.integer_blocks(np.random.PCG64(99), n, count, block))
        assert all(len(b) <= block for b in blocks)
        assert np.array_equal(np.concatenate(blocks), expected)


def test_quantiles_and_row_means_are_numpys_numbers():
    rng = np.random.default_rng(0)
    for size in (1, 2, 3, 50, 2000, 2001):
        values = rng.normal(size=size)
        for levels in ((0.025000000000000022, 0.975), (0.0, 1.0), tuple(rng.random(2))):
            assert sentiment.quantiles(values, levels) == tuple(float(q) for q in np.quantile(values, levels))
    for width in range(1, 40):
        table = rng.normal(size=(300, width)) * 10.0 ** rng.integers(-8, 8, size=(300, width))
        table[::7] = -0.0
        assert np.array_equal(sentiment.row_means(table), table.mean(axis=1))
        assert np.array_equal(np.signbit(sentiment.row_means(table)), np.signbit(table.mean(axis=1)))


def test_summary_shares_follow_the_threshold():
    compounds = [0.6, 0.05, 0.0, -0.04, -0.05, -0.7]
    summary = sentiment.summarise(compounds, key="s")
    assert summary["n_sentences"] == 6
    assert summary["mean_compound"] == pytest.approx(np.mean(compounds))
    assert (summary["share_positive"], summary["share_neutral"], summary["share_negative"]) == (
        pytest.approx(2 / 6),
        pytest.approx(2 / 6),
        pytest.approx(2 / 6),
    )
    strict = sentiment.summarise(compounds, key="s", threshold=0.5)
    assert (strict["share_positive"], strict["share_negative"]) == (pytest.approx(1 / 6), pytest.approx(1 / 6))


def test_sentences_are_scored_one_by_one_not_as_a_whole():
    long_text = " ".join(["This is a wonderful, excellent, happy result."] * 30)
    assert sentiment.score(long_text)["compound"] > 0.99  # saturation, the reason to score sentences
    assert sentiment.score("This is a wonderful, excellent, happy result.")["compound"] < 0.95


@pytest.fixture()
def small_corpus(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Trump Praised Again\n\n"
        "President Trump praised the wonderful deal. "
        "Critics said T.R.U.M.P's plan was a terrible, awful failure. "
        "Canada stayed calm. The weather was mild.\n",
        encoding="utf-8",
    )
    (tmp_path / "corpus.yaml").write_text(f"actors_file: {SEEDS_ACTORS}\n", encoding="utf-8")  # the case study's
    return tmp_path


def test_article_table_and_headline(small_corpus):
    tables = sentiment.tables(load_corpus(small_corpus), Options())
    row = tables["sentiment"].iloc[0]
    assert row["n_sentences"] == 4
    assert row["headline_compound"] == pytest.approx(sentiment.score("Trump Praised Again")["compound"], abs=1e-4)
    assert row["share_positive"] + row["share_neutral"] + row["share_negative"] == pytest.approx(1)
    positions = tables["sentences"]["position"].dropna().tolist()
    assert positions == pytest.approx([0.125, 0.375, 0.625, 0.875])


def test_analyze_extends_the_sentence_table_and_honours_the_threshold(small_corpus, tmp_path):
    default = analyze(small_corpus, tmp_path / "default")
    assert {"compound", "pos", "neu", "neg", "position"} <= set(default["sentences"].columns)
    assert len(default["sentences"]) == 5
    strict = analyze(small_corpus, tmp_path / "strict", Options(sentiment_threshold=0.9))
    assert strict["sentiment"]["share_neutral"].iloc[0] == 1.0
    assert default["sentiment"]["share_neutral"].iloc[0] < 1.0


@pytest.mark.skipif(not os.environ.get("REFERENCE_CORPORA"), reason="REFERENCE_CORPORA not set")
def test_validation_reproduces_the_published_figures():
    from analysis.validation.sentiment import (
        DATASETS,
        article_level,
        read_ground_truth,
        sentence_level,
    )

    folder = Path(os.environ["REFERENCE_CORPORA"]) / "vader_groundtruth"
    nyt = read_ground_truth(folder / DATASETS["nyt_editorials"][0])
    assert len(nyt) == 5190
    sentences = sentence_level(nyt)
    assert sentences["pearson_r"] == pytest.approx(0.503, abs=0.005)
    assert sentences["weighted_f1"] == pytest.approx(0.549, abs=0.005)
    articles = article_level(nyt)
    assert len(articles) == 498
    r = np.corrcoef(articles["package_mean_compound"], articles["human_mean"])[0, 1]
    whole = np.corrcoef(articles["whole_text_compound"], articles["human_mean"])[0, 1]
    assert r >= 0.62 and whole < r


def numbered_tone(seed_results):
    """The seeds' entity tables with a distinct targeted tone for every row and mention."""
    tone, mentions = seed_results["entity_tone"], seed_results["entity_mentions"]
    tone = tone.assign(targeted_tone=np.linspace(-0.9, 0.9, len(tone)).round(4))
    mentions = mentions.assign(tone=np.linspace(-1, 1, len(mentions)).round(4))
    return tone, mentions


def test_entity_tone_matrix_per_article_and_pooled_per_group(seed_results):
    tone, mentions = numbered_tone(seed_results)
    ids = seed_results["articles"]["article_id"]
    names = {e: e.upper() for e in seed_results["entities"]["entity_id"].head(6)}
    per_article = sentiment.entity_tone_matrix(tone, mentions, names, ids.set_axis(ids), "article")
    chosen = tone[(tone["scope"] == "article") & tone["entity_id"].isin(names)]
    kept = chosen[chosen["n_mentions"] >= sentiment.MIN_SENTENCES_FOR_CI]
    first = kept.iloc[-1]
    assert per_article.at[first["article_id"], names[first["entity_id"]]] == first["targeted_tone"]
    assert list(per_article.columns) == [n for n in names.values() if n in per_article.columns]
    assert int(per_article.notna().to_numpy().sum()) == len(kept)
    pooled = sentiment.entity_tone_matrix(tone, mentions, names, ids.set_axis(ids).map(lambda _: "all"), "outlet")
    top = seed_results["entities"]["entity_id"].iloc[0]
    assert list(pooled.index) == ["all"] and pooled.index.name == "outlet"
    expected = mentions.loc[mentions["entity_id"] == top, "tone"].mean()
    assert pooled.at["all", names[top]] == pytest.approx(expected)
    none = sentiment.entity_tone_matrix(tone.head(0), mentions.head(0), names, ids.set_axis(ids), "article")
    assert none.empty


def test_corpus_entity_tone_keeps_the_order_of_the_names(seed_results):
    tone, _ = numbered_tone(seed_results)
    ids = list(seed_results["entities"]["entity_id"].head(4))[::-1]
    rows = sentiment.corpus_entity_tone(tone, {e: f"name of {e}" for e in ids})
    assert list(rows["entity_id"]) == ids and list(rows["entity"]) == [f"name of {e}" for e in ids]
    corpus = tone[tone["scope"] == "corpus"].set_index("entity_id")
    assert list(rows["targeted_tone"]) == list(corpus.loc[ids, "targeted_tone"])
    assert "scope" not in rows and "article_id" not in rows
