"""Corpus structure tables: one row per article, cleaning action and sentence."""

from __future__ import annotations

import pandas as pd

from ..text.load import Corpus

ARTICLE_COLUMNS = [
    "article_id",
    "source_file",
    "headline",
    "headline_note",
    "n_words",
    "n_sentences",
    "n_paragraphs",
    "n_cleaning_actions",
]
SENTENCE_COLUMNS = ["article_id", "part", "paragraph_id", "sentence_id", "start", "end", "n_words", "text"]


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """The foundation tables: articles (without manifest columns), cleaning_log, sentences.
    Manifest columns and `issues` need the whole folder: the pipeline adds them."""
    articles, log, sentences = [], [], []
    for a in corpus.articles:
        body = [s for s in a.sentences if s.part == "body"]
        articles.append(
            {
                "article_id": a.article_id,
                "source_file": a.source_file,
                "headline": a.headline or "",
                "headline_note": a.headline_note,
                "n_words": a.n_words,
                "n_sentences": len(body),
                "n_paragraphs": sum(p.part == "body" for p in a.paragraphs),
                "n_cleaning_actions": len(a.cleaning_log),
            }
        )
        log += [
            {
                "article_id": a.article_id,
                "line": e.line,
                "action": e.action,
                "reason": e.reason,
                "text": e.text,
                "replacement": e.replacement,
            }
            for e in a.cleaning_log
        ]
        for s in a.sentences:
            sentences.append(
                {
                    "article_id": a.article_id,
                    "part": s.part,
                    "paragraph_id": s.paragraph_id,
                    "sentence_id": s.sentence_id,
                    "start": s.start,
                    "end": s.end,
                    "n_words": s.n_words,
                    "text": s.text,
                }
            )
    return {
        "articles": pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
        "cleaning_log": pd.DataFrame(log, columns=["article_id", "line", "action", "reason", "text", "replacement"]),
        "sentences": pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
    }


def actor_mention_counts(mentions: pd.DataFrame, article_ids, labels: dict[str, str]) -> pd.DataFrame:
    """Mentions per article (rows, in the order of `article_ids`) and actor (labelled columns,
    most mentioned first)."""
    counts = (
        mentions.assign(actor=mentions["actor"].map(labels))
        .pivot_table(index="article_id", columns="actor", values="start", aggfunc="count", fill_value=0)
        .reindex(index=article_ids, fill_value=0)
    )
    return counts[counts.sum().sort_values(ascending=False).index]
