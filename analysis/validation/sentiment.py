"""Sentiment validation on VADER's human-rated ground truth (Hutto & Gilbert 2014).

Sentence level, on each of the four sets (tweets, movie reviews, Amazon reviews, NYT editorial
sentences): Pearson r between the compound score and the mean human rating, and the weighted
F1 of three classes (human class: sign of the mean rating; predicted: compound >= 0.05
positive, <= -0.05 negative). Article level, on the 498 NYT editorials re-assembled from their
sentences: r between this package's article score (its own segmentation, mean of sentence
compounds) and the mean human rating of the article's sentences.

Baselines: the lexicon proportions without VADER's rules (pos - neg) for r, the majority class
for F1, and scoring the whole article at once for the article level.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..measures.sentiment import classify, score
from ..text.segment import split_sentences
from . import SUMMARY_COLUMNS, Outcome, require
from .metrics import pearson_r, weighted_f1

DATASETS = {
    "tweets": ("tweets_GroundTruth.txt", 0.881, 0.96),
    "movie_reviews": ("movieReviewSnippets_GroundTruth.txt", 0.451, 0.61),
    "amazon_reviews": ("amazonReviewSnippets_GroundTruth.txt", 0.565, 0.63),
    "nyt_editorials": ("nytEditorialSnippets_GroundTruth.txt", 0.492, 0.55),
}
PAPER = "Hutto & Gilbert 2014, Table 4"
ARTICLE_ANCHOR = 0.630
ARTICLE_ANCHOR_SOURCE = (
    "mean of sentence compounds with the gold sentence boundaries, vaderSentiment 3.3.2 (methods notes, measured)"
)


def read_ground_truth(path: Path) -> pd.DataFrame:
    """id, human (mean rating, -4..4), text: one row per rated snippet."""
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.rstrip("\r").split("\t", 2)
        if len(parts) == 3 and parts[1].strip():
            rows.append({"id": parts[0].strip(), "human": float(parts[1]), "text": parts[2].strip()})
    return pd.DataFrame(rows)


def _human_class(rating: float) -> str:
    return "positive" if rating > 0 else "negative" if rating < 0 else "neutral"


def sentence_level(data: pd.DataFrame) -> dict[str, float]:
    scores = [score(text) for text in data["text"]]
    compound = [s["compound"] for s in scores]
    lexicon_only = [s["pos"] - s["neg"] for s in scores]
    truth = [_human_class(r) for r in data["human"]]
    majority = pd.Series(truth).mode().iloc[0]
    return {
        "pearson_r": pearson_r(compound, data["human"]),
        "pearson_r_baseline": pearson_r(lexicon_only, data["human"]),
        "weighted_f1": weighted_f1(truth, [classify(c) for c in compound]),
        "weighted_f1_baseline": weighted_f1(truth, [majority] * len(truth)),
    }


def article_level(nyt: pd.DataFrame) -> pd.DataFrame:
    """Re-assemble the editorials and score them three ways, beside the human article mean."""
    nyt = nyt.assign(article=nyt["id"].str.split("_").str[0], order=nyt["id"].str.split("_").str[1].astype(int))
    rows = []
    for article, group in nyt.sort_values(["article", "order"]).groupby("article", sort=False):
        text = " ".join(group["text"])
        sentences = [text[a:b] for a, b in split_sentences(text)]
        rows.append(
            {
                "article_id": article,
                "n_sentences_gold": len(group),
                "n_sentences_package": len(sentences),
                "human_mean": group["human"].mean(),
                "package_mean_compound": np.mean([score(s)["compound"] for s in sentences]),
                "gold_boundaries_mean_compound": np.mean([score(s)["compound"] for s in group["text"]]),
                "whole_text_compound": score(text)["compound"],
            }
        )
    table = pd.DataFrame(rows)
    return table.sort_values("article_id", key=lambda ids: ids.astype(int)).reset_index(drop=True).round(4)


def run(reference_dir: Path) -> Outcome:
    folder = require(reference_dir, "vader_groundtruth")
    summary = []
    for name, (file_name, r_anchor, f1_anchor) in DATASETS.items():
        data = read_ground_truth(require(folder, file_name))
        result = sentence_level(data)
        summary.append(
            [
                f"sentiment.{name}.sentence.pearson_r",
                "sentiment",
                f"vader_groundtruth/{name}",
                "sentence",
                "pearson_r",
                result["pearson_r"],
                r_anchor,
                PAPER,
                result["pearson_r_baseline"],
                "lexicon proportions without rules (pos - neg)",
                len(data),
            ]
        )
        summary.append(
            [
                f"sentiment.{name}.sentence.weighted_f1_3class",
                "sentiment",
                f"vader_groundtruth/{name}",
                "sentence",
                "weighted_f1_3class",
                result["weighted_f1"],
                f1_anchor,
                PAPER,
                result["weighted_f1_baseline"],
                "majority class",
                len(data),
            ]
        )
    articles = article_level(read_ground_truth(require(folder, DATASETS["nyt_editorials"][0])))
    summary.append(
        [
            "sentiment.nyt_editorials.article.pearson_r",
            "sentiment",
            "vader_groundtruth/nyt_editorials",
            "article",
            "pearson_r",
            pearson_r(articles["package_mean_compound"], articles["human_mean"]),
            ARTICLE_ANCHOR,
            ARTICLE_ANCHOR_SOURCE,
            pearson_r(articles["whole_text_compound"], articles["human_mean"]),
            "whole article scored at once",
            len(articles),
        ]
    )
    summary = pd.DataFrame(summary, columns=SUMMARY_COLUMNS).round(3)
    return Outcome(
        {"summary": summary, "articles": articles},
        {"summary": summary, "articles": articles},
        "Source: VADER ground truth (Hutto & Gilbert 2014); this package's scores.",
    )
