"""Figures of the sensationalism index: cues per article, by feature."""

from __future__ import annotations

import pandas as pd

from . import style
from .style import top_articles


def sensationalism_figure(features: pd.DataFrame, labels: dict[str, str], limit: int = 40):
    """Heatmap of each feature's contribution per article; the row label carries the index."""

    matrix = features.pivot(index="article_id", columns="feature", values="contribution")
    matrix, note = top_articles(matrix[[f for f in labels if f in matrix.columns]], limit)
    totals = matrix.sum(axis=1)
    matrix.index = [f"{a}  (index {totals[a]:.2f})" for a in matrix.index]
    return style.heatmap_figure(
        matrix.rename(columns=labels),
        f"Sensationalism cues per article{note}",
        "Feature",
        "Article",
        "Contribution (0-1)",
        value_format="{:.2f}",
    )
