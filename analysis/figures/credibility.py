"""Figures of the credibility signals: the verdicts of the title-and-name pairs, and the sourcing
opacity profile of each article. They show signals, not verdicts on articles."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .style import MAX_ARTICLES_SHOWN, OKABE_ITO, by_value, plt

VERDICT_COLOURS = {"false": OKABE_ITO[3], "unknown": "#BBBBBB", "true": OKABE_ITO[2]}  # drawn in this order
MAX_OFFICES_SHOWN = 15
ABSENT_COLOUR = "#F2F2F2"
PRESENT_COLOUR = OKABE_ITO[1]


def office_claims_figure(claims: pd.DataFrame, n_articles: int):
    """Stacked bars of the title-and-name pairs by verdict: one bar per article up to
    MAX_ARTICLES_SHOWN articles, else per office (the MAX_OFFICES_SHOWN most named); the most
    false pairs first, then the most pairs."""
    per_article = n_articles <= MAX_ARTICLES_SHOWN
    key = "article_id" if per_article else "office"
    rows = claims.assign(office=claims["office"].where(claims["office"].astype(str).ne(""), "(no office of the file)"))
    counts = (
        rows.groupby([key, "verdict"]).size().unstack(fill_value=0).reindex(columns=list(VERDICT_COLOURS), fill_value=0)
    )
    order = by_value(counts["false"] * (len(rows) + 1) + counts.sum(axis=1))
    counts = counts.loc[order[: None if per_article else MAX_OFFICES_SHOWN]]
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(counts), 1) + 2.2))
    left = np.zeros(len(counts))
    for verdict, colour in VERDICT_COLOURS.items():
        values = counts[verdict].to_numpy()
        ax.barh(range(len(counts)), values, left=left, color=colour, label=verdict)
        left += values
    ax.set_yticks(range(len(counts)), [str(i) for i in counts.index])
    ax.invert_yaxis()
    ax.set_xlabel("Title-and-name pairs")
    ax.set_ylabel("Article" if per_article else "Office")
    what = "per article" if per_article else f"per office (the {len(counts)} most named)"
    ax.set_title(f"Titles and offices at the article's date, {what}")
    ax.legend(loc="lower right", title="At the article's date")
    return fig


def opacity_figure(signals: pd.DataFrame, labels: dict[str, str]):
    """Which opacity signals each article shows (`signals`: one boolean column per signal,
    indexed by article, ordered by how many it shows), or beyond MAX_ARTICLES_SHOWN articles
    the share of articles showing each signal."""
    if len(signals) > MAX_ARTICLES_SHOWN:
        shares = signals.mean().reindex(list(labels))
        fig, ax = plt.subplots(figsize=(9, 0.5 * len(shares) + 2.2))
        ax.barh(range(len(shares)), shares.to_numpy(), color=PRESENT_COLOUR)
        ax.set_yticks(range(len(shares)), [labels[c] for c in shares.index])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"Share of the {len(signals):,} articles showing the signal")
        ax.set_title("Sourcing opacity: how often each signal occurs")
        return fig
    order = by_value(signals.sum(axis=1))
    matrix = signals.loc[order, list(labels)].astype(bool)
    fig, ax = plt.subplots(figsize=(0.9 * len(labels) + 4, 0.45 * max(len(matrix), 1) + 2.6))
    colours = np.where(matrix.to_numpy(), 1.0, 0.0)
    ax.imshow(
        colours,
        cmap=plt.matplotlib.colors.ListedColormap([ABSENT_COLOUR, PRESENT_COLOUR]),
        vmin=0,
        vmax=1,
        aspect="auto",
    )
    for (row, col), present in np.ndenumerate(matrix.to_numpy()):
        ax.text(col, row, "yes" if present else "", ha="center", va="center", fontsize=9)
    ax.set_xticks(range(len(labels)), [labels[c] for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(len(matrix)), [str(i) for i in matrix.index])
    ax.grid(False)
    ax.set_xlabel("Signal")
    ax.set_ylabel("Article (most signals first)")
    ax.set_title("Sourcing opacity: the signals each article shows")
    return fig
