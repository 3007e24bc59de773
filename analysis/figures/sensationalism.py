"""Figures of the sensationalism index (cues per article, by feature) and of the clickbait
model's weights."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import style
from .style import ordered_rows


def sensationalism_figure(features: pd.DataFrame, labels: dict[str, str]):
    """Heatmap of each feature's contribution per article, the highest index first (the row
    label carries the index); with more than style.MAX_ARTICLES_SHOWN articles, the
    distribution of the index and of each feature's contribution."""

    matrix = features.pivot(index="article_id", columns="feature", values="contribution")
    matrix = matrix[[f for f in labels if f in matrix.columns]]
    if not style.shows_each_article(len(matrix)):
        return _distribution_figure(matrix.rename(columns=labels))
    matrix = ordered_rows(matrix)
    totals = matrix.sum(axis=1)
    matrix.index = [f"{a}  (index {totals[a]:.2f})" for a in matrix.index]
    return style.heatmap_figure(
        matrix.rename(columns=labels),
        "Sensationalism cues per article",
        "Feature",
        "Article (highest index first)",
        "Contribution (0-1)",
        value_format="{:.2f}",
        limits=(0.0, 1.0),
    )


def _distribution_figure(matrix: pd.DataFrame):
    fig, (left, right) = style.plt.subplots(
        1, 2, figsize=(12, 0.5 * matrix.shape[1] + 2.4), gridspec_kw={"width_ratios": [1, 1.3]}
    )
    style.histogram(left, matrix.sum(axis=1), style.OKABE_ITO[3], bins=np.arange(0, matrix.shape[1] + 1.25, 0.25))
    left.set_title(f"Sensationalism index of {len(matrix):,} articles")
    left.set_xlabel("Index (sum of the contributions)")
    left.set_ylabel("Articles")
    labels = [f"{c} (in {(matrix[c] > 0).mean():.0%} of articles)" for c in matrix.columns]
    style.box_strip(right, list(zip(labels, (matrix[c] for c in matrix.columns))), style.OKABE_ITO[0], counts=False)
    right.set_xlim(-0.05, 1.05)
    right.set_title("Contribution of each cue")
    right.set_xlabel("Contribution (0-1)")
    return fig


def clickbait_weights_figure(weights: pd.DataFrame):
    """Horizontal bars of the clickbait model's weights (change in log-odds per standard
    deviation of a feature), largest first; cues and form measures in two colours. `weights`:
    feature label, kind ("cue" or "form") and weight, one row per feature."""
    rows = weights.sort_values(["weight", "label"], ascending=[True, False], kind="stable")
    fig, ax = style.plt.subplots(figsize=(8, 0.32 * len(rows) + 1.6))
    colours = [style.OKABE_ITO[0] if kind == "cue" else style.OKABE_ITO[1] for kind in rows["kind"]]
    ax.barh(np.arange(len(rows)), rows["weight"], color=colours)
    ax.set_yticks(np.arange(len(rows)), rows["label"], fontsize=9)
    ax.axvline(0, color="#555555", linewidth=1)
    limit = max(1.0, float(rows["weight"].abs().max()) * 1.1)
    ax.set_xlim(-limit, limit)
    ax.set_xlabel("Weight: change in the log-odds of clickbait\nper standard deviation of the feature")
    ax.set_title("What the clickbait model reads in a headline")
    handles = [style.plt.Rectangle((0, 0), 1, 1, color=style.OKABE_ITO[i]) for i in (0, 1)]
    ax.legend(handles, ["cue (present or not)", "form of the headline"], fontsize=8, loc="lower right")
    return fig
