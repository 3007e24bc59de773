"""Figures of the tone analysis: sentence tone per article, tone arcs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import style


def distribution_figure(sentences: pd.DataFrame, summary: pd.DataFrame, groups=None, group_word: str = "article"):
    """Compound score of every body sentence per article, with the mean and its 95% interval;
    with many articles, the distribution of article means per group (see notebook.article_groups)."""

    if groups is not None and group_word != "article":
        return _group_distribution_figure(summary, groups, group_word)
    body = sentences[sentences["part"] == "body"]
    order = list(summary["article_id"])
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
    ax.set_xlim(-1.05, 1.05)
    ax.set_title("Sentence tone per article")
    ax.set_xlabel("VADER compound score of each body sentence (-1 negative, +1 positive)")
    ax.set_ylabel("Article")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=9)
    return fig


def arc_figure(sentences: pd.DataFrame, window: int = 5, groups=None, group_word: str = "article"):
    """Sentiment arc of each article: sentence scores by position, with a centred rolling mean;
    with many articles, the mean compound per tenth of the article for each group."""

    body = sentences[sentences["part"] == "body"]
    if groups is not None and group_word != "article":
        return _group_arc_figure(body, groups, group_word)
    order = list(dict.fromkeys(body["article_id"]))
    columns = min(3, len(order))
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
        ax.set_ylim(-1.05, 1.05)
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
    ax.boxplot(
        [labelled.loc[labelled["group"] == g, "mean_compound"].to_numpy() for g in order],
        orientation="horizontal",
        patch_artist=True,
        tick_labels=order,
        boxprops={"facecolor": style.OKABE_ITO[0], "alpha": 0.5},
        medianprops={"color": "black"},
    )
    ax.axvline(0, color="#777777", linewidth=1)
    ax.invert_yaxis()
    ax.set_title(f"Article tone by {group_word} ({len(summary):,} articles)")
    ax.set_xlabel("Mean VADER compound of each article's body sentences")
    ax.set_ylabel(group_word.capitalize())
    return fig


def _group_arc_figure(body: pd.DataFrame, groups: pd.Series, group_word: str, bins: int = 10):

    labelled = body.assign(
        group=body["article_id"].map(groups), tenth=np.minimum((body["position"] * bins).astype(int), bins - 1)
    )
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
    ax.set_title(f"Sentiment arcs by {group_word}: mean compound per tenth of the article")
    ax.set_xlabel("Position in the article (0 start, 1 end)")
    ax.set_ylabel("Mean compound")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return fig
