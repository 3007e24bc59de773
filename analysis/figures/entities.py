"""Figures of who appears: mentions of the most mentioned entities, the tone of the sentences
that mention each beside the tone toward it, and the tone toward each per article or group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import style

TYPE_COLOURS = {  # one colour per entity type in every figure
    "person": style.OKABE_ITO[2],
    "organisation": style.OKABE_ITO[1],
    "country": style.OKABE_ITO[0],
    "nationality": style.OKABE_ITO[5],
    "place": style.OKABE_ITO[4],
    "group": style.OKABE_ITO[3],
    "other": style.OKABE_ITO[7],
}


def entity_mentions_figure(counts: pd.DataFrame, groups: pd.Series, group_word: str, types: dict[str, str]):
    """Mentions of each entity (`corpus.entity_mention_counts`): a heatmap per article (the
    most mentions first), or of the mean per article of each group of `groups`; with more than
    style.MAX_ARTICLES_SHOWN ungrouped articles, bars of the total mentions (the most first)
    coloured by entity type (`types`: column name -> type)."""
    per_article = group_word in ("article", "corpus")
    if per_article and not style.shows_each_article(len(counts), group_word) or len(counts) == 1:
        return _mention_bars(counts, types)
    shown = style.ordered_rows(counts) if per_article else counts.groupby(counts.index.map(groups)).mean()
    return style.heatmap_figure(
        shown,
        "Mentions of the most mentioned entities" + ("" if per_article else f", mean per article by {group_word}"),
        "Entity",
        "Article (most mentions first)" if per_article else group_word.capitalize(),
        "Mentions" if per_article else "Mean mentions per article",
        value_format="{:.0f}" if per_article else "{:.1f}",
    )


def _mention_bars(counts: pd.DataFrame, types: dict[str, str]):
    totals = counts.sum().loc[lambda t: style.by_value(t)]
    articles = (counts > 0).sum().loc[totals.index]
    order = list(TYPE_COLOURS)
    kinds = sorted(
        {types.get(name, "other") for name in counts.columns},
        key=lambda k: order.index(k) if k in order else len(order),
    )
    colour = {kind: TYPE_COLOURS.get(kind, style.OKABE_ITO[7]) for kind in kinds}
    fig, ax = style.plt.subplots(figsize=(9, 0.4 * len(totals) + 2.2))
    positions = np.arange(len(totals))
    ax.barh(positions, totals.to_numpy(), color=[colour[types.get(name, "other")] for name in totals.index])
    for position, total, n in zip(positions, totals, articles):
        ax.text(total, position, f" {n:,} articles", va="center", fontsize=8, color="#333333")
    ax.set_yticks(positions, list(totals.index))
    ax.invert_yaxis()
    ax.set_title(f"Mentions of the most mentioned entities ({len(counts):,} articles)")
    ax.set_xlabel("Mentions (label: articles that mention the entity)")
    ax.set_ylabel("Entity")
    handles = [style.plt.Rectangle((0, 0), 1, 1, color=colour[kind]) for kind in kinds]
    ax.legend(handles, kinds, loc="lower right", title="Type")
    ax.margins(x=0.15)
    return fig


def entity_tone_figure(corpus_tone: pd.DataFrame):
    """Per entity (`sentiment.corpus_entity_tone`, most mentioned first): the mean tone of the
    body sentences that mention it beside the mean tone toward it, each with its 95% interval."""
    fig, ax = style.plt.subplots(figsize=(9, 0.5 * len(corpus_tone) + 2.2))
    positions = np.arange(len(corpus_tone))
    series = (
        ("sentence_tone", "tone of the sentences (VADER)", "o", style.OKABE_ITO[0], -0.16),
        ("targeted_tone", "tone toward the entity", "D", style.OKABE_ITO[3], 0.16),
    )
    for column, label, marker, colour, offset in series:
        mean = corpus_tone[column].to_numpy(dtype=float)
        low = (mean - corpus_tone[f"{column}_ci_low"].to_numpy(dtype=float)).clip(min=0)
        high = (corpus_tone[f"{column}_ci_high"].to_numpy(dtype=float) - mean).clip(min=0)
        ax.errorbar(
            mean,
            positions + offset,
            xerr=[np.nan_to_num(low), np.nan_to_num(high)],
            fmt=marker,
            color=colour,
            capsize=3,
            label=f"{label}, 95% interval",
        )
    ax.axvline(0, color="#777777", linewidth=1)
    ax.set_xlim(style.TONE_LIMITS[0] - 0.05, style.TONE_LIMITS[1] + 0.05)
    ax.set_yticks(positions, [f"{e} ({n:,})" for e, n in zip(corpus_tone["entity"], corpus_tone["n_mentions"])])
    ax.invert_yaxis()
    ax.set_title("Tone around each entity and tone toward it")
    ax.set_xlabel("Mean tone (-1 negative, +1 positive)")
    ax.set_ylabel("Entity (mentions in body sentences)")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=9)
    return fig


def targeted_tone_figure(matrix: pd.DataFrame, group_word: str, min_mentions: int):
    """Heatmap of the mean tone toward each entity per article (the most positive mean first)
    or group (in label order) (`sentiment.entity_tone_matrix`), on the fixed tone scale
    style.TONE_LIMITS whatever the values."""
    if group_word in ("article", "corpus"):
        matrix = matrix.loc[style.by_value(matrix.mean(axis=1))]
    return style.heatmap_figure(
        matrix,
        f"Tone toward each entity per {group_word} (cells of at least {min_mentions} mentions)",
        "Entity",
        group_word.capitalize(),
        "Tone toward the entity (-1 to +1)",
        cmap=style.DIVERGING_CMAP,
        value_format="{:+.2f}",
        limits=style.TONE_LIMITS,
    )
