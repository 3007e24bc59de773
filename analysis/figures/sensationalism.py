"""Figures of the sensationalism index: cues per article, by feature."""

from __future__ import annotations

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
        shown = matrix.rename(columns=labels)
        shown.insert(0, "Index (sum)", matrix.sum(axis=1))
        return style.distributions_figure(
            shown, f"Sensationalism cues: the distribution over {len(matrix):,} articles", "Contribution (0-1)"
        )
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
