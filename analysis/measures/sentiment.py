"""Sentence-level sentiment with VADER, aggregated per article; tone toward entities as tables
for the figures.

VADER (Hutto & Gilbert 2014; vaderSentiment 3.3.2) scores each sentence; articles are never
scored whole, because the compound score saturates near +-1 on long texts. Per article: the
mean compound with a 95% percentile-bootstrap interval, the shares of positive, neutral and
negative sentences (compound >= +threshold, <= -threshold, else neutral; threshold 0.05 as in
VADER's documentation), headline tone and the arc across the body. The tone of the sentences
that mention an entity, and the tone toward it, are the entities measure's
(`measures.entities`); `entity_tone_matrix` and `corpus_entity_tone` arrange them for figures.
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
COLUMNWISE_WIDTH = 16  # rows this long or longer are averaged by numpy (faster there)
BLOCK_DRAWS = 1 << 21  # resampling indexes drawn at once (16 MB)
SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]
SCORED_SENTENCES_KEPT = 8192  # the last sentences scored, read again by the tone toward entities


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def vader_lexicon() -> dict[str, float]:
    """VADER's word valences (-4 to 4), from the one analyzer the package loads."""
    return _analyzer().lexicon


def score(text: str) -> dict[str, float]:
    """VADER scores of one sentence: compound (-1..1, rule-aware) and pos/neu/neg proportions."""
    return dict(_scores(text))


@lru_cache(maxsize=SCORED_SENTENCES_KEPT)
def _scores(text: str) -> dict[str, float]:
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
    alpha = (1 - confidence) / 2
    low, high = quantiles(resampled_means(values, _seed(key), resamples), (alpha, 1 - alpha))
    return low, high


def quantiles(values: np.ndarray, levels: tuple[float, ...]) -> tuple[float, ...]:
    """`np.quantile(values, levels)` (linear interpolation between order statistics), the
    same numbers, from a partial sort of the order statistics it needs."""
    n = len(values)
    positions = [(n - 1) * level for level in levels]
    below = [min(max(int(np.floor(p)), 0), n - 1) for p in positions]
    needed = sorted({k for b in below for k in (b, min(b + 1, n - 1))})
    ordered = np.partition(values, needed)
    result = []
    for p, b in zip(positions, below):
        low, high = float(ordered[b]), float(ordered[min(b + 1, n - 1)])
        gamma = p - np.floor(p)
        step = high - low
        result.append(high - step * (1 - gamma) if gamma >= 0.5 else low + step * gamma)
    return tuple(result)


def resampled_means(values: np.ndarray, seed: int, resamples: int) -> np.ndarray:
    """The means of `resamples` resamples of `values` with replacement: the rows of
    `values[default_rng(seed).integers(0, n, (resamples, n))]`, the same numbers, drawn a block
    of rows at a time so that memory stays bounded (BLOCK_DRAWS indexes at once) whatever n."""
    n = len(values)
    rows = max(2, BLOCK_DRAWS // n // 2 * 2)  # even: a block of whole 64-bit draws
    blocks = integer_blocks(np.random.PCG64(seed), n, resamples * n, rows * n)
    return np.concatenate([row_means(values.take(block).reshape(-1, n)) for block in blocks])


def integer_blocks(bits: np.random.BitGenerator, n: int, count: int, block: int):
    """`Generator(bits).integers(0, n, count)` in blocks of `block` integers (an even number),
    the same numbers. numpy draws each in [0, n) from a 32-bit half of a 64-bit output and
    drops a half left over at the end of a call, so a block is one call of its own unless it
    rejected a draw (checked on the generator's state), and then it and the rest are drawn by
    `BoundedIntegers`, which keeps the stream across calls."""
    generator, exact = np.random.Generator(bits), None
    for first in range(0, count, block):
        size = min(block, count - first)
        if exact is None:
            last = first + size >= count
            before = None if last else bits.state
            drawn = generator.integers(0, n, size)
            if not last:  # a later block follows: check this one drew size / 2 outputs
                expected = type(bits)()
                expected.state = before
                expected.advance(size // 2)
                if expected.state != bits.state:
                    bits.state = before
                    exact = BoundedIntegers(bits, n)
        if exact is not None:
            drawn = exact.take(size)
        yield drawn


def row_means(table: np.ndarray) -> np.ndarray:
    """`table.mean(axis=1)`, the same numbers, a column at a time (faster than numpy's row by
    row for short rows). numpy adds a row of fewer than 8 values one after the other from 0;
    up to 128 values it keeps eight running sums over columns 8 apart, adds them pairwise, then
    the columns left over (rows of COLUMNWISE_WIDTH or more are left to numpy)."""
    rows, width = table.shape
    if width >= COLUMNWISE_WIDTH:
        return table.mean(axis=1)
    sums = np.zeros(rows)
    if width < 8:
        for column in table.T:
            sums += column
        return sums / width
    whole = width - width % 8
    blocks = table[:, :whole].reshape(rows, whole // 8, 8)
    running = blocks[:, 0, :].copy()
    for k in range(1, whole // 8):
        running += blocks[:, k, :]
    r = running.T
    total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    for column in table[:, whole:].T:
        total += column
    sums += total
    return sums / width


class BoundedIntegers:
    """Integers in [0, n) drawn from a bit generator as numpy's `Generator.integers` draws
    them in one call (n below 2**32): Lemire's multiply-and-reject on the 32-bit halves of the
    64-bit outputs, low half first. `take` continues the same stream over any number of calls."""

    def __init__(self, bits: np.random.BitGenerator, n: int):
        self.bits, self.n = bits, n
        self.threshold = (2**32 - n) % n  # a product whose low half is below it is rejected
        self.carry = np.zeros(0, dtype=np.int64)  # drawn, not yet taken

    def take(self, count: int) -> np.ndarray:
        if self.n == 1:  # numpy draws nothing for a range of one
            return np.zeros(count, dtype=np.int64)
        parts, have = [self.carry], len(self.carry)
        while have < count:
            raw = self.bits.random_raw((count - have + 1) // 2)
            halves = np.stack([raw & np.uint64(0xFFFFFFFF), raw >> np.uint64(32)], axis=1).ravel()
            products = halves * np.uint64(self.n)
            accepted = (products >> np.uint64(32))[(products & np.uint64(0xFFFFFFFF)) >= self.threshold]
            parts.append(accepted.astype(np.int64))
            have += len(accepted)
        drawn = np.concatenate(parts) if len(parts) > 1 else parts[0]
        self.carry = drawn[count:]
        return drawn[:count]


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


def entity_tone_matrix(
    entity_tone: pd.DataFrame,
    mentions: pd.DataFrame,
    names: dict[str, str],
    groups: pd.Series,
    group_word: str,
    min_mentions: int = MIN_SENTENCES_FOR_CI,
) -> pd.DataFrame:
    """Mean tone toward each entity of `names` (entity_id -> display name, the columns in that
    order), per article from `entity_tone` (or, for many articles, over the mentions of each
    group of `groups`); cells with fewer than `min_mentions` mentions empty."""
    if group_word == "article":
        rows = entity_tone[(entity_tone["scope"] == "article") & entity_tone["entity_id"].isin(names)]
        cells = rows.rename(columns={"article_id": "row", "targeted_tone": "tone"})[
            ["row", "entity_id", "tone", "n_mentions"]
        ]
    else:
        chosen = mentions[mentions["entity_id"].isin(names)]
        cells = (
            chosen.assign(row=chosen["article_id"].map(groups))
            .groupby(["row", "entity_id"])["tone"]
            .agg(tone="mean", n_mentions="size")
            .reset_index()
        )
    cells = cells[cells["n_mentions"] >= min_mentions]
    matrix = cells.pivot(index="row", columns="entity_id", values="tone") if len(cells) else pd.DataFrame()
    matrix = matrix[[e for e in names if e in matrix.columns]]
    matrix.columns = [names[e] for e in matrix.columns]
    matrix.index.name, matrix.columns.name = group_word, "entity"
    return matrix


def corpus_entity_tone(entity_tone: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The corpus-level rows of `entity_tone` for the entities of `names`, in that order, with
    their display name as `entity` in place of the scope and article columns."""
    rows = entity_tone[(entity_tone["scope"] == "corpus") & entity_tone["entity_id"].isin(names)]
    position = {entity_id: k for k, entity_id in enumerate(names)}
    rows = rows.sort_values("entity_id", key=lambda ids: ids.map(position)).drop(columns=["scope", "article_id"])
    rows.insert(0, "entity", rows["entity_id"].map(names))
    return rows.reset_index(drop=True)
