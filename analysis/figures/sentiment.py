"""Figures of the tone analysis: sentence tone per article, tone arcs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import style


def distribution_figure(sentences: pd.DataFrame, summary: pd.DataFrame, groups=None, group_word: str = "article"):
    """Compound score of every body sentence per article (the most positive mean first), with
    the mean and its 95% interval; with more than style.MAX_ARTICLES_SHOWN ungrouped articles,
    the distribution of the article means; grouped, their distribution per group (see
    notebook.article_groups). The tone axis is always style.TONE_LIMITS."""

    if groups is not None and group_word not in ("article", "corpus"):
        return _group_distribution_figure(summary, groups, group_word)
    if not style.shows_each_article(len(summary), group_word):
        return _corpus_distribution_figure(summary)
    body = sentences[sentences["part"] == "body"]
    summary = summary.set_index("article_id").loc[style.by_value(summary.set_index("article_id")["mean_compound"])]
    order = list(summary.index)
    fig, ax = style.plt.subplots(figsize=(9, 0.55 * len(order) + 2))
    rng = np.random.default_rng(0)
    for row, article_id in enumerate(order):
        values = body.loc[body["article_id"] == article_id, "compound"].to_numpy()
        ax.scatter(
            values,
            row + rng.uniform(-0.18, 0.18, len(values)),
            s=14,
            alpha=0.5,
            color=style.OKABE_ITO[0],
            label="sentence" if row == 0 else None,
        )
    ax.errorbar(
        summary["mean_compound"],
        range(len(order)),
        xerr=[summary["mean_compound"] - summary["ci_low"], summary["ci_high"] - summary["mean_compound"]],
        fmt="D",
        color="black",
        capsize=4,
        label="mean, 95% bootstrap interval",
    )
    ax.axvline(0, color="#777777", linewidth=1)
    ax.set_yticks(range(len(order)), order)
    ax.invert_yaxis()
    _tone_axis(ax.set_xlim)
    ax.set_title("Sentence tone per article")
    ax.set_xlabel("VADER compound score of each body sentence (-1 negative, +1 positive)")
    ax.set_ylabel("Article (most positive mean first)")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=9)
    return fig


def _tone_axis(set_limits) -> None:
    low, high = style.TONE_LIMITS
    set_limits(low - 0.05, high + 0.05)


def _corpus_distribution_figure(summary: pd.DataFrame):
    fig, ax = style.plt.subplots(figsize=(9, 4.2))
    style.histogram(ax, summary["mean_compound"], style.OKABE_ITO[0], bins=40, value_range=style.TONE_LIMITS)
    ax.axvline(0, color="#777777", linewidth=1)
    _tone_axis(ax.set_xlim)
    ax.set_title(f"Article tone: the distribution over {len(summary):,} articles")
    ax.set_xlabel("Mean VADER compound of each article's body sentences (-1 negative, +1 positive)")
    ax.set_ylabel("Articles")
    return fig


def arc_figure(sentences: pd.DataFrame, window: int = 5, groups=None, group_word: str = "article"):
    """Sentiment arc of each article: sentence scores by position, with a centred rolling mean;
    with more than style.MAX_ARTICLES_SHOWN ungrouped articles, the median and middle half of
    the articles' mean compound per tenth of the article; grouped, the mean per tenth for each
    group. The tone axis is always style.TONE_LIMITS."""

    body = sentences[sentences["part"] == "body"]
    order = list(dict.fromkeys(body["article_id"]))
    if groups is not None and group_word not in ("article", "corpus"):
        return _group_arc_figure(body, groups, group_word)
    if not style.shows_each_article(len(order), group_word):
        return _corpus_arc_figure(body)
    columns = min(3 if len(order) <= 12 else 4, len(order))
    rows = -(-len(order) // columns)
    fig, axes = style.plt.subplots(
        rows, columns, figsize=(4 * columns, 2.8 * rows + 0.6), sharex=True, sharey=True, squeeze=False
    )
    for ax, article_id in zip(axes.flat, order):
        group = body[body["article_id"] == article_id].sort_values("position")
        ax.axhline(0, color="#777777", linewidth=1)
        ax.scatter(group["position"], group["compound"], s=10, alpha=0.45, color=style.OKABE_ITO[0])
        smooth = group["compound"].rolling(window, center=True, min_periods=1).mean()
        ax.plot(group["position"], smooth, color=style.OKABE_ITO[3], linewidth=2)
        ax.set_title(article_id, fontsize=10)
        _tone_axis(ax.set_ylim)
    for ax in axes.flat[len(order) :]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel("Position in the article (0 start, 1 end)")
    for ax in axes[:, 0]:
        ax.set_ylabel("Compound")
    fig.suptitle(f"Sentiment arcs (dots: sentences; line: rolling mean of {window})", fontweight="bold")
    return fig


def _group_distribution_figure(summary: pd.DataFrame, groups: pd.Series, group_word: str):

    labelled = summary.assign(group=summary["article_id"].map(groups))
    order = sorted(labelled["group"].unique())
    fig, ax = style.plt.subplots(figsize=(9, 0.5 * len(order) + 2))
    style.box_strip(ax, [(g, labelled.loc[labelled["group"] == g, "mean_compound"]) for g in order], style.OKABE_ITO[0])
    ax.axvline(0, color="#777777", linewidth=1)
    _tone_axis(ax.set_xlim)
    ax.set_title(f"Article tone by {group_word} ({len(summary):,} articles)")
    ax.set_xlabel("Mean VADER compound of each article's body sentences (-1 negative, +1 positive)")
    ax.set_ylabel(group_word.capitalize())
    return fig


def _tenths(body: pd.DataFrame, bins: int) -> pd.Series:
    return np.minimum((body["position"] * bins).astype(int), bins - 1)


def _corpus_arc_figure(body: pd.DataFrame, bins: int = 10):

    per_article = body.assign(tenth=_tenths(body, bins)).groupby(["tenth", "article_id"])["compound"].mean()
    by_tenth = per_article.groupby("tenth")
    middle = (np.arange(bins) + 0.5) / bins
    quartiles = by_tenth.quantile([0.25, 0.5, 0.75]).unstack().reindex(range(bins))
    fig, ax = style.plt.subplots(figsize=(9, 4.5))
    ax.fill_between(
        middle, quartiles[0.25], quartiles[0.75], color=style.OKABE_ITO[0], alpha=0.25, label="middle half of articles"
    )
    ax.plot(middle, quartiles[0.5], marker="o", color=style.OKABE_ITO[0], label="median article")
    ax.axhline(0, color="#777777", linewidth=1)
    _tone_axis(ax.set_ylim)
    n_articles = body["article_id"].nunique()
    ax.set_title(f"Sentiment arcs of {n_articles:,} articles: mean compound per tenth of each article")
    ax.set_xlabel("Position in the article (0 start, 1 end)")
    ax.set_ylabel("Mean compound of the tenth")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return fig


def _group_arc_figure(body: pd.DataFrame, groups: pd.Series, group_word: str, bins: int = 10):

    labelled = body.assign(group=body["article_id"].map(groups), tenth=_tenths(body, bins))
    arcs = labelled.groupby(["group", "tenth"])["compound"].mean().unstack("group")
    fig, ax = style.plt.subplots(figsize=(9, 4.5))
    for index, group in enumerate(sorted(arcs.columns)):
        ax.plot(
            (arcs.index + 0.5) / bins,
            arcs[group],
            marker="o",
            label=group,
            color=style.OKABE_ITO[index % len(style.OKABE_ITO)],
            linestyle="-" if index < len(style.OKABE_ITO) else "--",
        )
    ax.axhline(0, color="#777777", linewidth=1)
    _tone_axis(ax.set_ylim)
    ax.set_title(f"Sentiment arcs by {group_word}: mean compound per tenth of the article")
    ax.set_xlabel("Position in the article (0 start, 1 end)")
    ax.set_ylabel("Mean compound")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return fig
