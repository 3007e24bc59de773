"""The synthesis figure: a scorecard of every article across the analyses."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..measures.synthesis import COMPARED_COLUMNS, FRAME_COLUMNS
from . import style


@dataclass(frozen=True)
class Measure:
    column: str
    label: str
    value_format: str


MEASURE_LABELS = {  # column: (label, value format)
    "n_words": ("Words", "{:,.0f}"),
    "mean_compound": ("Tone\n(mean\ncompound)", "{:+.2f}"),
    "headline_compound": ("Headline\ntone", "{:+.2f}"),
    "sensationalism_index": ("Sensation-\nalism\nindex", "{:.2f}"),
    "flesch_kincaid_grade": ("Flesch-\nKincaid\ngrade", "{:.1f}"),
    "share_named": ("Named\nsources", "{:.0%}"),
    "share_anonymous": ("Anony-\nmous\nsources", "{:.0%}"),
    "share_vague": ("Vague\nsources", "{:.0%}"),
    "hedges_per_1000_words": ("Hedges\nper 1,000\nwords", "{:.1f}"),
    "top_entity_tone": ("Tone\ntoward top\nentity", "{:+.2f}"),
}
FIGURE_MEASURES = [Measure(column, *MEASURE_LABELS[column]) for column in COMPARED_COLUMNS]
FIGURE_TEXT = [
    ("dominant_generic_frame", "Dominant\ngeneric frame"),
    ("dominant_issue_frame", "Dominant\nissue frame"),
    ("top_entity", "Most\nmentioned\nentity"),
]
LABEL_WIDTH = 40


def _short(label: str, width: int = LABEL_WIDTH) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _most_frequent(values: pd.Series):
    counts = values.dropna().value_counts()
    if counts.empty:
        return None
    return sorted(counts[counts == counts.max()].index)[0]


@dataclass(frozen=True)
class ScorecardView:
    """The rows the figure shows (indexed by their label), what they are, and where the
    most sensational rows end and the least sensational begin (None: one block)."""

    rows: pd.DataFrame
    description: str
    split: int | None = None


def scorecard_view(
    card: pd.DataFrame, articles: pd.DataFrame | None = None, group_by: str | list[str] | None = None, limit: int = 30
) -> ScorecardView:
    """Up to `limit` articles: all of them. More: the mean per value of the first metadata
    column of `group_by` that the articles have (and the most frequent dominant frame) when it
    has 2 to `limit` values, else the `limit // 2` most and the rest least sensational articles."""
    n = len(card)
    columns = [group_by] if isinstance(group_by, str) else list(group_by or [])
    group_by = next((c for c in columns if articles is not None and c in articles), None)

    def by_article(rows: pd.DataFrame) -> pd.DataFrame:
        return rows.set_index(rows["article_id"].map(_short))

    if n <= limit:
        return ScorecardView(by_article(card), f"all {n:,} article{'s' if n != 1 else ''}")
    if group_by and articles is not None and group_by in articles:
        lookup = articles.assign(article_id=articles["article_id"].astype(str)).drop_duplicates("article_id")
        groups = card["article_id"].map(lookup.set_index("article_id")[group_by])
        groups = groups.astype(object).where(groups.notna(), f"(no {group_by})").map(str)
        if 2 <= groups.nunique() <= limit:
            grouped = card.groupby(groups, sort=True)
            rows = grouped[[m.column for m in FIGURE_MEASURES]].mean()
            for column, _ in FIGURE_TEXT:
                rows[column] = grouped[column].agg(_most_frequent)
            sizes = grouped.size()
            rows.index = [f"{_short(g)} (n={sizes[g]:,})" for g in rows.index]
            return ScorecardView(
                rows,
                f"mean per {group_by} ({groups.nunique():,} groups, {n:,} articles; frames, entity: the most frequent)",
            )
    ranked = card.sort_values(["sensationalism_index", "article_id"], ascending=[False, True], na_position="last")
    scored = ranked.dropna(subset=["sensationalism_index"])
    if len(scored) < limit:
        return ScorecardView(by_article(ranked.head(limit)), f"the {limit} most sensational of {n:,} articles")
    top, bottom = limit // 2, limit - limit // 2
    return ScorecardView(
        by_article(pd.concat([scored.head(top), scored.tail(bottom)])),
        f"the {top} most and {bottom} least sensational of {n:,} articles",
        split=top,
    )


def _scaled(values: np.ndarray) -> np.ndarray:
    """Each column scaled to 0-1 between its minimum and maximum (0.5 where constant)."""
    scaled = np.full(values.shape, np.nan)
    for j in range(values.shape[1]):
        column = values[:, j]
        if np.isnan(column).all():
            continue
        low, high = np.nanmin(column), np.nanmax(column)
        scaled[:, j] = (column - low) / (high - low) if high > low else np.where(np.isnan(column), np.nan, 0.5)
    return scaled


def scorecard_figure(view: ScorecardView, frame_labels: dict[str, str] | None = None):
    """Heatmap of the scorecard: colour is each measure's position among the rows shown (0-1),
    the cell text its raw value; the dominant frames and the most mentioned entity follow as
    text columns."""

    rows = view.rows
    measures = [m for m in FIGURE_MEASURES if m.column in rows]
    texts = [(c, label) for c, label in FIGURE_TEXT if c in rows]
    values = rows[[m.column for m in measures]].to_numpy(dtype=float).reshape(len(rows), len(measures))
    colours = np.hstack([_scaled(values), np.full((len(rows), len(texts)), np.nan)])
    widths = [1.0] * len(measures) + [2.0] * len(texts)
    x_edges = np.concatenate([[0.0], np.cumsum(widths)])
    centres = (x_edges[:-1] + x_edges[1:]) / 2
    fig, ax = style.plt.subplots(figsize=(0.72 * sum(widths) + 2.8, 0.45 * len(rows) + 2.4))
    cmap = style.plt.get_cmap(style.SEQUENTIAL_CMAP).with_extremes(bad="#f2f2f2")
    mesh = ax.pcolormesh(
        x_edges,
        np.arange(len(rows) + 1),
        np.ma.masked_invalid(colours),
        cmap=cmap,
        vmin=0,
        vmax=1,
        edgecolors="white",
        linewidth=1.5,
    )
    for row in range(len(rows)):
        for col, measure in enumerate(measures):
            value, colour = values[row, col], colours[row, col]
            text = "n/a" if np.isnan(value) else measure.value_format.format(value)
            dark = not np.isnan(colour) and colour < 0.55
            ax.text(
                centres[col],
                row + 0.5,
                text,
                ha="center",
                va="center",
                fontsize=9,
                color="white" if dark else "black" if not np.isnan(value) else "#777777",
            )
        for k, (column, _) in enumerate(texts):
            value = rows[column].iloc[row]
            labels = (frame_labels or {}) if column in FRAME_COLUMNS else {}
            text = "none" if value is None or pd.isna(value) else labels.get(value, value)
            ax.text(
                centres[len(measures) + k],
                row + 0.5,
                textwrap.fill(str(text), 20, break_long_words=False),
                ha="center",
                va="center",
                fontsize=8,
                color="#222222",
            )
    ax.set_xlim(0, x_edges[-1])
    ax.set_ylim(len(rows), 0)
    ax.set_xticks(centres, [m.label for m in measures] + [label for _, label in texts], fontsize=9)
    ax.xaxis.set_ticks_position("top")
    ax.tick_params(axis="x", length=0)
    ax.set_yticks(np.arange(len(rows)) + 0.5, [str(i) for i in rows.index], fontsize=9)
    ax.grid(False)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if view.split:
        ax.axhline(view.split, color="black", linewidth=2.5)
    ax.set_title(f"Scorecard: {view.description}", loc="left")
    bar = fig.colorbar(
        mesh,
        ax=ax,
        orientation="horizontal",
        location="bottom",
        fraction=0.6 / fig.get_figheight(),
        aspect=40,
        shrink=0.5,
        pad=0.03,
        anchor=(0.0, 1.0),
    )
    bar.ax.tick_params(labelsize=9)
    bar.set_label("Colour: the value's position within its column (0 lowest, 1 highest of the rows shown)", fontsize=9)
    return fig
