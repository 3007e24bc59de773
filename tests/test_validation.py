"""The shared validation metrics, the summaries' keys and where `run_validation` writes."""

import math
import sys
import types

import numpy as np
import pandas as pd
import pytest

from analysis import validation
from analysis.figures import names
from analysis.measures import synthesis
from analysis.paths import PROJECT_ROOT, VALIDATION_DIR
from analysis.validation import SUMMARY_COLUMNS, Outcome, metrics


def test_precision_recall_f1_and_its_edge_cases():
    assert metrics.precision_recall_f1([1, 1, 0, 0], [1, 0, 1, 0]) == (0.5, 0.5, 0.5)
    assert metrics.precision_recall_f1([1, 1, 0], [0, 0, 0]) == (0.0, 0.0, 0.0)  # nothing predicted
    assert metrics.precision_recall_f1([0, 0], [0, 0]) == (0.0, 0.0, 0.0)  # nothing to find
    precision, recall, _ = metrics.precision_recall_f1([0, 0], [0, 0], zero_division=np.nan)
    assert math.isnan(precision) and math.isnan(recall)
    assert metrics.precision_recall_f1_counts(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))
    assert metrics.precision_recall_f1_counts(0, 0, 5) == (0.0, 0.0, 0.0)


def test_rowwise_f1_matches_f1_of_each_row():
    rng = np.random.default_rng(3)
    gold, guess = rng.uniform(size=(20, 30)) < 0.4, rng.uniform(size=(20, 30)) < 0.5
    gold[0], guess[0] = False, False  # a row with no positive anywhere scores 0
    expected = [metrics.precision_recall_f1(g, p)[2] for g, p in zip(gold, guess)]
    assert metrics.rowwise_f1(gold, guess).tolist() == pytest.approx(expected)


def test_roc_auc_counts_ties_half_and_needs_both_classes():
    assert metrics.roc_auc([1, 1, 0, 0], [0.9, 0.8, 0.1, 0.2]) == 1.0
    assert metrics.roc_auc([1, 0], [0.5, 0.5]) == 0.5
    assert math.isnan(metrics.roc_auc([1, 1], [0.2, 0.3]))


def test_bootstrap_interval_is_paired_and_reproducible():
    x = np.arange(100.0)
    low, high = metrics.bootstrap_interval(lambda a: a.mean(axis=1), x)
    assert low < x.mean() < high
    assert metrics.bootstrap_interval(lambda a: a.mean(axis=1), x) == (low, high)  # fixed seed
    assert metrics.bootstrap_interval(lambda a, b: (a - b).mean(axis=1), x, x) == (0.0, 0.0)  # same draws


def test_every_committed_summary_has_unique_keys_and_every_key_figure():
    summaries = validation.load_summaries()
    assert list(summaries.columns) == SUMMARY_COLUMNS
    assert summaries["key"].is_unique
    assert (summaries["key"].str.split(".").str[0] == summaries["analysis"]).all()
    assert set(synthesis.KEY_VALIDATION_FIGURES) <= set(summaries["key"])


def test_run_validation_writes_tables_and_figure_apart_from_the_corpus_outputs(tmp_path, monkeypatch):
    summary = pd.DataFrame(
        [
            [
                "sentiment.x.sentence.pearson_r",
                "sentiment",
                "vader_groundtruth/x",
                "sentence",
                "pearson_r",
                0.5,
                0.6,
                "paper",
                0.4,
                "baseline",
                10,
            ]
        ],
        columns=SUMMARY_COLUMNS,
    )
    articles = pd.DataFrame(
        {"human_mean": [0.1, 0.2], "package_mean_compound": [0.2, 0.1], "whole_text_compound": [0.9, -0.9]}
    )
    fake = types.ModuleType("analysis.validation.sentiment")
    fake.run = lambda reference: Outcome(
        {"summary": summary, "articles": articles}, {"summary": summary, "articles": articles}, "note"
    )
    monkeypatch.setitem(sys.modules, "analysis.validation.sentiment", fake)
    tables = validation.run_validation(
        "sentiment", tmp_path, tmp_path / "validation", tmp_path / "validation" / "figures"
    )
    assert set(tables) == {"summary", "articles"}
    assert (tmp_path / "validation" / "sentiment_summary.csv").is_file()
    assert {p.name for p in (tmp_path / "validation" / "figures").iterdir()} == {
        f"{names.VALIDATION_SENTIMENT}.png",
        f"{names.VALIDATION_SENTIMENT}.svg",
    }
    repeated = pd.concat([summary, summary])
    fake.run = lambda reference: Outcome({"summary": repeated}, {}, "note")
    with pytest.raises(ValueError, match="keys repeat"):
        validation.run_validation("sentiment", tmp_path, tmp_path / "again", tmp_path / "again")


def test_committed_validation_figures_live_under_validation():
    for name in (
        names.VALIDATION_SENTIMENT,
        names.VALIDATION_FRAMING,
        names.VALIDATION_READABILITY,
        names.VALIDATION_ATTRIBUTION,
    ):
        assert (VALIDATION_DIR / "figures" / f"{name}.png").is_file()
        assert (VALIDATION_DIR / "figures" / f"{name}.svg").is_file()
    assert not list((PROJECT_ROOT / "figures").glob("validation_*"))
