"""Figures of the framing analysis: generic and issue frames per article."""

from __future__ import annotations

import pandas as pd

from . import style
from .style import ordered_rows

SCHEMES = {  # scheme: (value column, what the value is, cell format, fixed colour limits or None)
    "generic": ("score", "Frame score (0-1)", "{:.2f}", (0.0, 1.0)),
    "issue": ("per_1000_words", "Matches per 1,000 words", "{:.1f}", None),
}


def frame_heatmap_figure(frames: pd.DataFrame, scheme: str, labels: dict[str, str]):
    """Article x frame heatmap of generic frame scores (0-1) or issue-frame salience per 1,000
    words, the articles with the highest totals first; with more than style.MAX_ARTICLES_SHOWN
    articles, the distribution of each frame's per-article values."""

    table = frames[frames["scheme"] == scheme]
    value, label, value_format, limits = SCHEMES[scheme]
    matrix = table.pivot(index="article_id", columns="frame", values=value)
    matrix = matrix[[f for f in labels if f in matrix.columns]].rename(columns=labels)
    title = "Generic frames" if scheme == "generic" else "Issue frames"
    if not style.shows_each_article(len(matrix)):
        return style.distributions_figure(matrix, f"{title}: the distribution over {len(matrix):,} articles", label)
    return style.heatmap_figure(
        ordered_rows(matrix),
        f"{title} per article",
        "Frame",
        "Article (highest total first)",
        label,
        value_format=value_format,
        limits=limits,
    )
