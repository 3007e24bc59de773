"""The synthesis figure: a scorecard of every article across the analyses."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap

from ..measures.synthesis import (
    COMPARED_COLUMNS,
    FRAME_COLUMNS,
    TONE_COLUMNS,
    load_scorecard_reference,
    percentile_in_reference,
)
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
    "n_office_claims_false": ("Titles\nfalse at\nits date", "{:.0f}"),
    "n_opacity_signals": ("Opacity\nsignals", "{:.0f}"),
    "n_near_duplicates": ("Near\nduplicates\nin corpus", "{:.0f}"),
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


def _one_line(label: str) -> str:
    """A column label on one line ("Sensation-\\nalism" -> "Sensationalism", "Flesch-\\nKincaid" kept)."""
    return re.sub(r"-\n(?=[a-z])", "", label).replace("-\n", "-").replace("\n", " ")


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
    """Up to `limit` articles: all of them, the most sensational first. More: the mean per value
    of the first metadata column of `group_by` that the articles have (and the most frequent
    dominant frame) when it has 2 to `limit` values, in the order of their labels, else the
    `limit // 2` most and the rest least sensational articles."""
    n = len(card)
    columns = [group_by] if isinstance(group_by, str) else list(group_by or [])
    group_by = next((c for c in columns if articles is not None and c in articles), None)

    def by_article(rows: pd.DataFrame) -> pd.DataFrame:
        return rows.set_index(rows["article_id"].map(_short))

    ranked = card.sort_values(["sensationalism_index", "article_id"], ascending=[False, True], na_position="last")
    if n <= limit:
        return ScorecardView(by_article(ranked), f"all {n:,} article{'s' if n != 1 else ''}, most sensational first")
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
    scored = ranked.dropna(subset=["sensationalism_index"])
    if len(scored) < limit:
        return ScorecardView(by_article(ranked.head(limit)), f"the {limit} most sensational of {n:,} articles")
    top, bottom = limit // 2, limit - limit // 2
    return ScorecardView(
        by_article(pd.concat([scored.head(top), scored.tail(bottom)])),
        f"the {top} most and {bottom} least sensational of {n:,} articles",
        split=top,
    )


FIXED_SCALES = {  # column: (low, high) colouring a measure when no reference table has been made
    "n_words": (0, 1500),
    "sensationalism_index": (0, 10),
    "flesch_kincaid_grade": (0, 18),
    "share_named": (0, 1),
    "share_anonymous": (0, 1),
    "share_vague": (0, 1),
    "hedges_per_1000_words": (0, 20),
    "n_office_claims_false": (0, 3),
    "n_opacity_signals": (0, 6),
    "n_near_duplicates": (0, 5),
}
DIRECTIONS = {  # column: what a higher value means
    "n_words": "a longer body",
    "sensationalism_index": "more clickbait-like cues",
    "flesch_kincaid_grade": "harder to read",
    "share_named": "more of the attributions named",
    "share_anonymous": "more anonymous",
    "share_vague": "more vague",
    "hedges_per_1000_words": "more hedging words",
    "n_office_claims_false": "more titles false at the article's date",
    "n_opacity_signals": "more opacity signals",
    "n_near_duplicates": "more articles of the corpus sharing its text",
}


@dataclass(frozen=True)
class ScorecardColours:
    """Where each non-tone value sits on its stated scale (0-100; NaN: no colour) and what the
    scale is; tone values are coloured by themselves, on style.TONE_LIMITS."""

    positions: np.ndarray
    label: str


def scorecard_colours(rows: pd.DataFrame, measures: list[str], reference: pd.DataFrame | None) -> ScorecardColours:
    """Each value's percentile among the reference articles (`measures.synthesis.
    load_scorecard_reference`), or, without a reference, its position on the fixed scale of
    FIXED_SCALES: computed value by value, so a colour never depends on the other rows shown."""
    positions = np.full((len(rows), len(measures)), np.nan)
    for j, column in enumerate(measures):
        values = rows[column].to_numpy(dtype=float)
        if reference is not None:
            positions[:, j] = percentile_in_reference(values, column, reference)
        elif column in FIXED_SCALES:
            low, high = FIXED_SCALES[column]
            positions[:, j] = 100 * np.clip((values - low) / (high - low), 0, 1)
    if reference is not None:
        n = int(reference["n_articles"].max())
        return ScorecardColours(
            positions, f"Colour: percentile among {n:,} {reference['reference'].iloc[0]} (50: their median)"
        )
    scales = ", ".join(
        f"{_one_line(MEASURE_LABELS[c][0])} " + ("0-100%" if c.startswith("share_") else f"{low:,}-{high:,}")
        for c, (low, high) in FIXED_SCALES.items()
        if c in measures
    )
    return ScorecardColours(positions, f"Colour (no reference table): fixed scales, {scales}; beyond them clipped")


def _text_colour(rgba) -> str:
    red, green, blue = rgba[:3]
    return "white" if 0.299 * red + 0.587 * green + 0.114 * blue < 0.5 else "black"


def scorecard_figure(
    view: ScorecardView, frame_labels: dict[str, str] | None = None, reference: pd.DataFrame | None = None
):
    """Heatmap of the scorecard, the cell text its raw value. Tone columns are coloured on the
    fixed tone scale (style.TONE_LIMITS); the other measures by their percentile among the
    articles of the reference table (default: the committed `validation/scorecard_reference.csv`;
    where it is missing, fixed scales said in the figure). The dominant frames and the most
    mentioned entity follow as text columns; a footnote says what a higher value means."""

    if reference is None:
        reference = load_scorecard_reference()
    rows = view.rows
    measures = [m for m in FIGURE_MEASURES if m.column in rows]
    texts = [(c, label) for c, label in FIGURE_TEXT if c in rows]
    columns = [m.column for m in measures]
    values = rows[columns].to_numpy(dtype=float).reshape(len(rows), len(measures))
    is_tone = np.array([c in TONE_COLUMNS for c in columns], dtype=bool)
    colours = scorecard_colours(rows, columns, reference)
    widths = [1.0] * len(measures) + [2.0] * len(texts)
    x_edges = np.concatenate([[0.0], np.cumsum(widths)])
    y_edges = np.arange(len(rows) + 1)
    centres = (x_edges[:-1] + x_edges[1:]) / 2
    table_height = 0.45 * len(rows) + 1.6
    fig = style.plt.figure(figsize=(0.72 * sum(widths) + 2.8, table_height + 2.4))
    grid = fig.add_gridspec(3, 2, height_ratios=[table_height, 0.22, 0.7])
    ax = fig.add_subplot(grid[0, :])
    padding = np.full((len(rows), len(texts)), np.nan)
    ax.pcolormesh(
        x_edges,
        y_edges,
        np.zeros((len(rows), len(widths))),
        cmap=ListedColormap(["#f2f2f2"]),  # text columns and missing values
        edgecolors="white",
        linewidth=1.5,
    )
    tone_cmap = style.plt.get_cmap(style.DIVERGING_CMAP).with_extremes(bad=(0, 0, 0, 0))
    tone_mesh = ax.pcolormesh(
        x_edges,
        y_edges,
        np.ma.masked_invalid(np.hstack([np.where(is_tone, values, np.nan), padding])),
        cmap=tone_cmap,
        vmin=style.TONE_LIMITS[0],
        vmax=style.TONE_LIMITS[1],
        edgecolors="white",
        linewidth=1.5,
    )
    scale_cmap = style.plt.get_cmap(style.PERCENTILE_CMAP).with_extremes(bad=(0, 0, 0, 0))
    scale_mesh = ax.pcolormesh(
        x_edges,
        y_edges,
        np.ma.masked_invalid(np.hstack([np.where(is_tone, np.nan, colours.positions), padding])),
        cmap=scale_cmap,
        vmin=0,
        vmax=100,
        edgecolors="white",
        linewidth=1.5,
    )
    for row in range(len(rows)):
        for col, measure in enumerate(measures):
            value = values[row, col]
            shade = np.clip(value, *style.TONE_LIMITS) if is_tone[col] else colours.positions[row, col]
            mesh = tone_mesh if is_tone[col] else scale_mesh
            text = "n/a" if np.isnan(value) else measure.value_format.format(value)
            colour = (
                "#777777"
                if np.isnan(value)
                else "black"
                if np.isnan(shade)
                else _text_colour(mesh.cmap(mesh.norm(shade)))
            )
            ax.text(centres[col], row + 0.5, text, ha="center", va="center", fontsize=9, color=colour)
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
    ax.set_ylabel("Article" if view.description.startswith(("all", "the")) else "Group")
    ax.grid(False)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if view.split:
        ax.axhline(view.split, color="black", linewidth=2.5)
    ax.set_title(f"Scorecard: {view.description}", loc="left")
    for position, mesh, label in (
        (0, tone_mesh, "Colour of the tone columns: tone, -1 negative to +1 positive"),
        (1, scale_mesh, textwrap.fill(colours.label, 80)),
    ):
        bar = fig.colorbar(mesh, cax=fig.add_subplot(grid[1, position]), orientation="horizontal")
        bar.ax.tick_params(labelsize=8)
        bar.ax.set_title(label, fontsize=8, fontweight="normal", loc="left")
    note = fig.add_subplot(grid[2, :])
    note.axis("off")
    directions = "; ".join(f"{_one_line(m.label)}: {DIRECTIONS[m.column]}" for m in measures if m.column in DIRECTIONS)
    note.text(
        0,
        0.0,
        textwrap.fill(f"Higher means: {directions}. Colours say low or high, not good or bad.", 130),
        fontsize=8,
        color="#333333",
        va="bottom",
        ha="left",
        transform=note.transAxes,
    )
    return fig
