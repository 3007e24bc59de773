"""Sentence-level sentiment with VADER, aggregated per article and per actor.

VADER (Hutto & Gilbert 2014; vaderSentiment 3.3.2) scores each sentence; articles are never
scored whole, because the compound score saturates near +-1 on long texts. Per article: the
mean compound with a 95% percentile-bootstrap interval, the shares of positive, neutral and
negative sentences (compound >= +threshold, <= -threshold, else neutral; threshold 0.05 as in
VADER's documentation), headline tone and the arc across the body. Per actor: the tone of the
sentences that mention it. Sentence tone is not stance toward the actor.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .actors import load_actors
from .corpus import Corpus

BOOTSTRAP_RESAMPLES = 2000
MIN_SENTENCES_FOR_CI = 3
CONFIDENCE = 0.95
SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]
ACTOR_COLUMNS = ["scope", "article_id", "actor", "n_sentences", "mean_compound", "ci_low", "ci_high"]


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


def bootstrap_mean_ci(values, key: str = "", confidence: float = CONFIDENCE,
                      resamples: int = BOOTSTRAP_RESAMPLES) -> tuple[float, float]:
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
        "ci_low": low, "ci_high": high,
        "share_positive": classes.count("positive") / n if n else float("nan"),
        "share_neutral": classes.count("neutral") / n if n else float("nan"),
        "share_negative": classes.count("negative") / n if n else float("nan"),
    }


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """`sentences` gains VADER scores and body position; `sentiment`; `sentiment_actors`."""
    threshold = options.sentiment_threshold
    actors = load_actors(options.actors_file)
    scored, articles, actor_rows = [], [], []
    for article in corpus.articles:
        body = article.body_sentences
        by_actor: dict[str, list[float]] = {}
        body_compounds, headline_compounds = [], []
        for sentence in article.sentences:
            scores = score(sentence.text)
            row = {"article_id": article.article_id, "sentence_id": sentence.sentence_id,
                   **{c: scores[c] for c in SCORE_COLUMNS}, "position": float("nan")}
            if sentence.part == "body":
                index = len(body_compounds)
                row["position"] = (index + 0.5) / len(body)
                body_compounds.append(scores["compound"])
                for actor in sorted({m.actor for m in actors.mentions(sentence.text)}):
                    by_actor.setdefault(actor, []).append(scores["compound"])
            else:
                headline_compounds.append(scores["compound"])
            scored.append(row)
        articles.append({"article_id": article.article_id,
                         **summarise(body_compounds, article.article_id, threshold),
                         "headline_compound": (float(np.mean(headline_compounds))
                                               if headline_compounds else float("nan"))})
        for actor, compounds in sorted(by_actor.items()):
            actor_rows.append(_actor_row("article", article.article_id, actor, compounds))
    return {
        "sentences": _rounded(pd.DataFrame(scored)),
        "sentiment": _rounded(pd.DataFrame(articles)),
        "sentiment_actors": _rounded(pd.DataFrame(actor_rows, columns=ACTOR_COLUMNS)),
    }


def finish(tables: dict[str, pd.DataFrame], options) -> dict[str, pd.DataFrame]:
    """Adds the corpus-level rows of `sentiment_actors`: every body sentence mentioning an actor."""
    sentences = tables["sentences"]
    body = sentences[sentences["part"] == "body"][["article_id", "sentence_id", "compound"]]
    mentions = tables["actor_mentions"][["article_id", "sentence_id", "actor"]].drop_duplicates()
    joined = mentions.merge(body, on=["article_id", "sentence_id"]).sort_values(["actor", "article_id", "sentence_id"])
    corpus_rows = [_actor_row("corpus", "", actor, group["compound"].tolist())
                   for actor, group in joined.groupby("actor", sort=True)]
    per_article = tables["sentiment_actors"]
    per_article = per_article[per_article["scope"] == "article"]
    combined = pd.concat([per_article, _rounded(pd.DataFrame(corpus_rows, columns=ACTOR_COLUMNS))], ignore_index=True)
    return {"sentiment_actors": combined}


def _actor_row(scope: str, article_id: str, actor: str, compounds: list[float]) -> dict:
    low, high = bootstrap_mean_ci(compounds, f"{scope}/{article_id}/{actor}")
    return {"scope": scope, "article_id": article_id, "actor": actor, "n_sentences": len(compounds),
            "mean_compound": float(np.mean(compounds)), "ci_low": low, "ci_high": high}


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    return table.round(4)


def distribution_figure(sentences: pd.DataFrame, summary: pd.DataFrame, groups=None, group_word: str = "article"):
    """Compound score of every body sentence per article, with the mean and its 95% interval;
    with many articles, the distribution of article means per group (see notebook.article_groups)."""
    from . import plotting

    if groups is not None and group_word != "article":
        return _group_distribution_figure(summary, groups, group_word)
    body = sentences[sentences["part"] == "body"]
    order = list(summary["article_id"])
    fig, ax = plotting.plt.subplots(figsize=(9, 0.55 * len(order) + 2))
    rng = np.random.default_rng(0)
    for row, article_id in enumerate(order):
        values = body.loc[body["article_id"] == article_id, "compound"].to_numpy()
        ax.scatter(values, row + rng.uniform(-0.18, 0.18, len(values)), s=14, alpha=0.5,
                   color=plotting.OKABE_ITO[0], label="sentence" if row == 0 else None)
    ax.errorbar(summary["mean_compound"], range(len(order)),
                xerr=[summary["mean_compound"] - summary["ci_low"], summary["ci_high"] - summary["mean_compound"]],
                fmt="D", color="black", capsize=4, label="mean, 95% bootstrap interval")
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
    from . import plotting

    body = sentences[sentences["part"] == "body"]
    if groups is not None and group_word != "article":
        return _group_arc_figure(body, groups, group_word)
    order = list(dict.fromkeys(body["article_id"]))
    columns = min(3, len(order))
    rows = -(-len(order) // columns)
    fig, axes = plotting.plt.subplots(rows, columns, figsize=(4 * columns, 2.8 * rows + 0.6),
                                      sharex=True, sharey=True, squeeze=False)
    for ax, article_id in zip(axes.flat, order):
        group = body[body["article_id"] == article_id].sort_values("position")
        ax.axhline(0, color="#777777", linewidth=1)
        ax.scatter(group["position"], group["compound"], s=10, alpha=0.45, color=plotting.OKABE_ITO[0])
        smooth = group["compound"].rolling(window, center=True, min_periods=1).mean()
        ax.plot(group["position"], smooth, color=plotting.OKABE_ITO[3], linewidth=2)
        ax.set_title(article_id, fontsize=10)
        ax.set_ylim(-1.05, 1.05)
    for ax in axes.flat[len(order):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel("Position in the article (0 start, 1 end)")
    for ax in axes[:, 0]:
        ax.set_ylabel("Compound")
    fig.suptitle(f"Sentiment arcs (dots: sentences; line: rolling mean of {window})", fontweight="bold")
    return fig


def _group_distribution_figure(summary: pd.DataFrame, groups: pd.Series, group_word: str):
    from . import plotting

    labelled = summary.assign(group=summary["article_id"].map(groups))
    order = sorted(labelled["group"].unique())
    fig, ax = plotting.plt.subplots(figsize=(9, 0.5 * len(order) + 2))
    ax.boxplot([labelled.loc[labelled["group"] == g, "mean_compound"].to_numpy() for g in order],
               orientation="horizontal", patch_artist=True, tick_labels=order,
               boxprops={"facecolor": plotting.OKABE_ITO[0], "alpha": 0.5}, medianprops={"color": "black"})
    ax.axvline(0, color="#777777", linewidth=1)
    ax.invert_yaxis()
    ax.set_title(f"Article tone by {group_word} ({len(summary):,} articles)")
    ax.set_xlabel("Mean VADER compound of each article's body sentences")
    ax.set_ylabel(group_word.capitalize())
    return fig


def _group_arc_figure(body: pd.DataFrame, groups: pd.Series, group_word: str, bins: int = 10):
    from . import plotting

    labelled = body.assign(group=body["article_id"].map(groups),
                           tenth=np.minimum((body["position"] * bins).astype(int), bins - 1))
    arcs = labelled.groupby(["group", "tenth"])["compound"].mean().unstack("group")
    fig, ax = plotting.plt.subplots(figsize=(9, 4.5))
    for index, group in enumerate(sorted(arcs.columns)):
        ax.plot((arcs.index + 0.5) / bins, arcs[group], marker="o", label=group,
                color=plotting.OKABE_ITO[index % len(plotting.OKABE_ITO)],
                linestyle="-" if index < len(plotting.OKABE_ITO) else "--")
    ax.axhline(0, color="#777777", linewidth=1)
    ax.set_title(f"Sentiment arcs by {group_word}: mean compound per tenth of the article")
    ax.set_xlabel("Position in the article (0 start, 1 end)")
    ax.set_ylabel("Mean compound")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return fig


def extreme_sentences(sentences: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """The `n` most positive and `n` most negative body sentences of each article."""
    body = sentences[sentences["part"] == "body"]
    rows = []
    for article_id, group in body.groupby("article_id", sort=False):
        ranked = group.sort_values(["compound", "sentence_id"])
        for label, picked in (("most negative", ranked.head(n)), ("most positive", ranked.tail(n)[::-1])):
            for _, sentence in picked.iterrows():
                rows.append({"article_id": article_id, "which": label, "sentence_id": sentence["sentence_id"],
                             "compound": sentence["compound"], "text": sentence["text"]})
    return pd.DataFrame(rows)
