"""Figures of the framing analysis: generic and issue frames per article."""

from __future__ import annotations

import pandas as pd

from . import style
from .style import top_articles


def frame_heatmap_figure(frames: pd.DataFrame, scheme: str, labels: dict[str, str], limit: int = 40):
    """Article x frame heatmap: generic frame scores (0-1) or issue-frame salience per 1,000 words."""

    table = frames[frames["scheme"] == scheme]
    value = "score" if scheme == "generic" else "per_1000_words"
    matrix = table.pivot(index="article_id", columns="frame", values=value)
    matrix, note = top_articles(matrix[[f for f in labels if f in matrix.columns]].rename(columns=labels), limit)
    if scheme == "generic":
        return style.heatmap_figure(
            matrix, f"Generic frames per article{note}", "Frame", "Article", "Frame score (0-1)", value_format="{:.2f}"
        )
    return style.heatmap_figure(
        matrix, f"Issue frames per article{note}", "Frame", "Article", "Matches per 1,000 words", value_format="{:.1f}"
    )
