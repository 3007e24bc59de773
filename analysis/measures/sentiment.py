"""Sentence-level sentiment with VADER, aggregated per article and per actor.

VADER (Hutto & Gilbert 2014; vaderSentiment 3.3.2) scores each sentence; articles are never
scored whole, because the compound score saturates near +-1 on long texts. Per article: the
mean compound with a 95% percentile-bootstrap interval, the shares of positive, neutral and
negative sentences (compound >= +threshold, <= -threshold, else neutral; threshold 0.05 as in
VADER's documentation), headline tone and the arc across the body. The tone of the sentences that mention an entity,
and the tone toward it, are the entities measure's (`measures.entities`).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ..text.load import Corpus

BOOTSTRAP_RESAMPLES = 2000
MIN_SENTENCES_FOR_CI = 3
CONFIDENCE = 0.95
SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def score(text: str) -> dict[str, float]:
    """VADER scores of one sentence: compound (-1..1, rule-aware) and pos/neu/neg proportions."""
    return _analyzer().polarity_scores(text)


def classify(compound: float, threshold: float = 0.05) -> str:
    """'positive' (>= threshold), 'negative' (<= -threshold) or 'neutral'."""
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


def _seed(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")


def bootstrap_mean_ci(
    values, key: str = "", confidence: float = CONFIDENCE, resamples: int = BOOTSTRAP_RESAMPLES
) -> tuple[float, float]:
    """Percentile-bootstrap confidence interval of the mean; NaN for fewer than
    MIN_SENTENCES_FOR_CI values (the bootstrap is meaningless on one or two).

    The random generator is seeded from `key` and the values are sorted first, so the same
    data, in any order, always give the same interval.
    """
    values = np.sort(np.asarray(values, dtype=float))
    if len(values) < MIN_SENTENCES_FOR_CI:
        return float("nan"), float("nan")
    rng = np.random.default_rng(_seed(key))
    means = values[rng.integers(0, len(values), size=(resamples, len(values)))].mean(axis=1)
    alpha = (1 - confidence) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def summarise(compounds, key: str, threshold: float = 0.05) -> dict[str, float]:
    """n, mean compound, its bootstrap interval and the shares of each class."""
    compounds = np.asarray(compounds, dtype=float)
    low, high = bootstrap_mean_ci(compounds, key)
    classes = [classify(c, threshold) for c in compounds]
    n = len(compounds)
    return {
        "n_sentences": n,
        "mean_compound": float(compounds.mean()) if n else float("nan"),
        "ci_low": low,
        "ci_high": high,
        "share_positive": classes.count("positive") / n if n else float("nan"),
        "share_neutral": classes.count("neutral") / n if n else float("nan"),
        "share_negative": classes.count("negative") / n if n else float("nan"),
    }


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """`sentences` gains VADER scores and body position; `sentiment`."""
    threshold = options.sentiment_threshold
    scored, articles = [], []
    for article in corpus.articles:
        body = article.body_sentences
        body_compounds, headline_compounds = [], []
        for sentence in article.sentences:
            scores = score(sentence.text)
            row = {
                "article_id": article.article_id,
                "sentence_id": sentence.sentence_id,
                **{c: scores[c] for c in SCORE_COLUMNS},
                "position": float("nan"),
            }
            if sentence.part == "body":
                index = len(body_compounds)
                row["position"] = (index + 0.5) / len(body)
                body_compounds.append(scores["compound"])
            else:
                headline_compounds.append(scores["compound"])
            scored.append(row)
        articles.append(
            {
                "article_id": article.article_id,
                **summarise(body_compounds, article.article_id, threshold),
                "headline_compound": (float(np.mean(headline_compounds)) if headline_compounds else float("nan")),
            }
        )
    return {
        "sentences": _rounded(pd.DataFrame(scored)),
        "sentiment": _rounded(pd.DataFrame(articles)),
    }


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    return table.round(4)


def extreme_sentences(sentences: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """The `n` most positive and `n` most negative body sentences of each article."""
    body = sentences[sentences["part"] == "body"]
    rows = []
    for article_id, group in body.groupby("article_id", sort=False):
        ranked = group.sort_values(["compound", "sentence_id"])
        for label, picked in (("most negative", ranked.head(n)), ("most positive", ranked.tail(n)[::-1])):
            for _, sentence in picked.iterrows():
                rows.append(
                    {
                        "article_id": article_id,
                        "which": label,
                        "sentence_id": sentence["sentence_id"],
                        "compound": sentence["compound"],
                        "text": sentence["text"],
                    }
                )
    return pd.DataFrame(rows)


def actor_tone_matrix(
    actor_tone: pd.DataFrame,
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    groups: pd.Series,
    group_word: str,
    labels: dict[str, str],
) -> pd.DataFrame:
    """Mean tone of the body sentences mentioning each actor, per article (or, for many
    articles, pooled per group of `groups`); actors as labelled columns, most mentioned first,
    cells under MIN_SENTENCES_FOR_CI sentences empty."""
    if group_word == "article":
        per_article = actor_tone[
            (actor_tone["scope"] == "article") & (actor_tone["n_sentences"] >= MIN_SENTENCES_FOR_CI)
        ]
        matrix = per_article.assign(actor=per_article["actor"].map(labels)).pivot(
            index="article_id", columns="actor", values="mean_compound"
        )
    else:
        mentioned = (
            mentions[["article_id", "sentence_id", "actor"]]
            .drop_duplicates()
            .merge(sentences[sentences["part"] == "body"][["article_id", "sentence_id", "compound"]])
        )
        pooled = (
            mentioned.assign(group=mentioned["article_id"].map(groups), actor=mentioned["actor"].map(labels))
            .groupby(["group", "actor"])["compound"]
            .agg(["mean", "size"])
        )
        matrix = pooled["mean"].where(pooled["size"] >= MIN_SENTENCES_FOR_CI).unstack("actor")
    order = actor_tone[actor_tone["scope"] == "corpus"].sort_values("n_sentences", ascending=False)["actor"].map(labels)
    return matrix[[a for a in order if a in matrix.columns]]
