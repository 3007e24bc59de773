"""Figures of the readability analysis: grades per article, counting, sentence lengths, paragraphs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..measures.readability import (
    CONSENSUS,
    LABELS,
    METRICS,
    load_reference,
    minimum_sizes,
)
from . import style as figure_style
from .style import OKABE_ITO, by_value, plt


def _sorted(table: pd.DataFrame, column: str, ascending: bool = False) -> pd.DataFrame:
    """`table` with its rows in the order of `column` (highest first unless `ascending`, ties by article id)."""
    table = table.reset_index(drop=True)
    order = by_value(pd.Series(table[column].to_numpy(dtype=float), index=table["article_id"]), ascending)
    return table.set_index("article_id").loc[order].reset_index()


def articles_figure(readability: pd.DataFrame):
    """Body readability per article, the easiest first: Flesch Reading Ease beside the outlets'
    means, and the grade-level formulas with the consensus grade; with more than
    MAX_ARTICLES_SHOWN articles, the distribution of each over the articles."""

    body = readability[readability["part"] == "body"].reset_index(drop=True)
    outlets = load_reference()["outlets"]["flesch_reading_ease"]
    if not figure_style.shows_each_article(len(body)):
        return _articles_distribution_figure(body, outlets)
    body = _sorted(body, "flesch_reading_ease")
    positions = np.arange(len(body))
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 0.5 * len(body) + 3.6), sharey=True)
    left.barh(positions, body["flesch_reading_ease"].fillna(0), color=OKABE_ITO[5], alpha=0.8)
    for i, value in enumerate(body["flesch_reading_ease"]):
        left.text(0.5, i, "too short" if np.isnan(value) else f"{value:.1f}", va="center", fontsize=9)
    for (outlet, value), style in zip(sorted(outlets.items(), key=lambda kv: kv[1]), ["-", "--", ":", "-."]):
        left.axvline(value, color="#333333", linestyle=style, linewidth=1, label=f"{outlet} {value:.1f}")
    left.set_xlim(0, 100)
    left.set_title("Flesch Reading Ease (higher is easier)")
    left.set_xlabel("Flesch Reading Ease of the body")
    left.set_ylabel("Article (easiest first)")
    left.legend(
        title="Outlet means (tool versions differ: context only)",
        fontsize=8,
        title_fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        ncol=2,
    )
    grades = [m for m in METRICS if m != "flesch_reading_ease"]
    markers = ["o", "s", "^", "v", "D", "P", "X"]
    colours = [c for c in OKABE_ITO if c != "#F0E442"]  # no yellow markers on white
    for k, (metric, marker) in enumerate(zip(grades, markers)):
        right.scatter(
            body[metric],
            positions + (k - 3) * 0.06,
            marker=marker,
            color=colours[k % len(colours)],
            label=LABELS[metric],
            s=30,
            zorder=3,
        )
    right.scatter(body[CONSENSUS], positions, marker="|", s=400, color="black", label=LABELS[CONSENSUS], zorder=4)
    right.set_title("Grade-level formulas")
    right.set_xlabel("US school grade")
    right.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3)
    left.set_yticks(positions, body["article_id"])
    left.invert_yaxis()
    return fig


def _articles_distribution_figure(body: pd.DataFrame, outlets: dict[str, float]):
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5.2))
    figure_style.histogram(left, body["flesch_reading_ease"], OKABE_ITO[5], bins=40, value_range=(0, 100))
    for (outlet, value), style in zip(sorted(outlets.items(), key=lambda kv: kv[1]), [":", "-.", (0, (1, 3)), "-"]):
        left.axvline(value, color="#333333", linestyle=style, linewidth=1, label=f"{outlet} {value:.1f}")
    left.legend(fontsize=8, title="Median; outlet means (context only)", title_fontsize=8, loc="upper left")
    left.set_xlim(0, 100)
    left.set_title(f"Flesch Reading Ease of {len(body):,} articles (higher is easier)")
    left.set_xlabel("Flesch Reading Ease of the body")
    left.set_ylabel("Articles")
    grades = [m for m in METRICS if m != "flesch_reading_ease"] + [CONSENSUS]
    figure_style.box_strip(right, [(LABELS[m], body[m]) for m in grades], OKABE_ITO[0])
    right.set_title("Grade-level formulas")
    right.set_xlabel("US school grade")
    return fig


def counting_figure(segmentation: pd.DataFrame):
    """Sentences counted and the Flesch-Kincaid grade, textstat's counting vs the package's,
    the highest grade (package counting) first."""

    fk = _sorted(segmentation[segmentation["metric"] == "flesch_kincaid_grade"], "package_counting")
    positions = np.arange(len(fk))
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.5 * len(fk) + 2.4), sharey=True)
    panels = (
        (left, "n_sentences_textstat", "n_sentences_package", "Sentences in the body", "Sentences counted"),
        (right, "textstat_counting", "package_counting", "Flesch-Kincaid grade", "Grade with each count"),
    )
    for ax, ours_not, ours, xlabel, title in panels:
        ax.hlines(positions, fk[ours_not], fk[ours], color="#999999", linewidth=1.5)
        ax.scatter(fk[ours_not], positions, color=OKABE_ITO[3], label="textstat's regex", zorder=3)
        ax.scatter(fk[ours], positions, color=OKABE_ITO[0], label="package segmenter (syntok)", zorder=3)
        ax.set_xlabel(xlabel)
        ax.set_title(title)
    right.legend(fontsize=9, loc="best")
    left.set_yticks(positions, fk["article_id"])
    left.set_ylabel("Article (highest grade first)")
    left.invert_yaxis()
    return fig


def sentence_lengths_figure(sentences: pd.DataFrame, order: list[str]):
    """Distribution of body sentence lengths of the articles of `order`, the longest median
    first: box plots with every sentence as a dot."""

    body = sentences[sentences["part"] == "body"]
    medians = body[body["article_id"].isin(order)].groupby("article_id")["n_words"].median()
    order = by_value(medians.reindex(list(dict.fromkeys(order))))
    groups = [body.loc[body["article_id"] == a, "n_words"].to_numpy() for a in order]
    positions = np.arange(1, len(order) + 1)
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(order) + 2.2))
    if groups:  # none when no article has a body
        ax.boxplot(
            groups,
            positions=positions,
            orientation="horizontal",
            widths=0.6,
            showfliers=False,
            boxprops={"color": "#555555"},
            medianprops={"color": "black"},
        )
    rng = np.random.default_rng(0)
    for position, values in zip(positions, groups):
        ax.scatter(
            values, position + rng.uniform(-0.18, 0.18, len(values)), s=12, alpha=0.6, color=OKABE_ITO[0], zorder=3
        )
    ax.set_yticks(positions, order)
    ax.invert_yaxis()
    ax.set_title("Sentence lengths in the body")
    ax.set_xlabel("Words per sentence (each dot is one sentence)")
    ax.set_ylabel("Article (longest median first)")
    return fig


def paragraph_grades_figure(paragraphs: pd.DataFrame, readability: pd.DataFrame):
    """Flesch-Kincaid grade of each body paragraph (dots) and of the whole body (bar), the
    highest body grade first."""

    body = _sorted(readability[readability["part"] == "body"], "flesch_kincaid_grade")
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(body) + 2.8))
    for i, article_id in enumerate(body["article_id"]):
        graded = paragraphs[(paragraphs["article_id"] == article_id) & ~paragraphs["flag_short_paragraph"]]
        ax.scatter(
            graded["flesch_kincaid_grade"],
            np.full(len(graded), i),
            s=22,
            alpha=0.7,
            color=OKABE_ITO[0],
            zorder=3,
            label="paragraph" if i == 0 else None,
        )
    ax.scatter(
        body["flesch_kincaid_grade"],
        np.arange(len(body)),
        marker="|",
        s=500,
        color=OKABE_ITO[3],
        zorder=4,
        label="whole body",
    )
    ax.set_yticks(np.arange(len(body)), body["article_id"])
    ax.invert_yaxis()
    ax.set_title("Flesch-Kincaid grade per paragraph")
    ax.set_xlabel(f"US school grade (paragraphs of at least {minimum_sizes()['paragraph_words']} words)")
    ax.set_ylabel("Article (highest grade first)")
    ax.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    return fig
