"""Corpus structure tables: one row per article, cleaning action and sentence; and who
appears, from the entities measure's tables (`measures.entities`)."""

from __future__ import annotations

import pandas as pd

from ..text.entities import ENTITY_TYPES
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


TOP_ENTITIES = 15  # entities a figure or table of who appears shows


def entity_names(entities: pd.DataFrame) -> dict[str, str]:
    """A display name for each entity of `entities` (entities.csv), in its order: the label,
    with the type added where two entities share a label, and the id where that is not enough."""
    labels = entities["label"].astype(str)
    typed = labels.where(~labels.duplicated(keep=False), labels + " (" + entities["type"].astype(str) + ")")
    named = typed.where(~typed.duplicated(keep=False), typed + " [" + entities["entity_id"].astype(str) + "]")
    return dict(zip(entities["entity_id"].astype(str), named))


def top_entities(entities: pd.DataFrame, n: int = TOP_ENTITIES) -> pd.DataFrame:
    """The `n` most mentioned entities (entities.csv is most mentioned first), with their
    display `name`."""
    top = entities.head(n)
    return top.assign(name=top["entity_id"].astype(str).map(entity_names(entities))).reset_index(drop=True)


def entity_types(entities: pd.DataFrame) -> pd.DataFrame:
    """Per entity type (in `ENTITY_TYPES` order): how many entities and mentions, and the most
    mentioned entity of that type."""
    rows = [
        {
            "type": kind,
            "n_entities": len(group),
            "n_mentions": int(group["n_mentions"].sum()),
            "most_mentioned": group["label"].iloc[0],
        }
        for kind, group in entities.groupby("type", sort=False)
    ]
    table = pd.DataFrame(rows, columns=["type", "n_entities", "n_mentions", "most_mentioned"])
    rank = {kind: position for position, kind in enumerate(ENTITY_TYPES)}
    order = table["type"].map(lambda kind: rank.get(kind, len(rank))).sort_values(kind="stable").index
    return table.loc[order].reset_index(drop=True)


def entity_mention_counts(mentions: pd.DataFrame, names: dict[str, str], article_ids) -> pd.DataFrame:
    """Mentions per article (rows, in the order of `article_ids`) of the entities of `names`
    (entity_id -> display name; the columns, named and ordered so)."""
    chosen = mentions[mentions["entity_id"].isin(names)]
    counts = pd.crosstab(chosen["article_id"], chosen["entity_id"]) if len(chosen) else pd.DataFrame()
    counts = counts.reindex(index=list(article_ids), columns=[e for e in names if e in counts.columns], fill_value=0)
    counts.columns = [names[e] for e in counts.columns]
    counts.index.name, counts.columns.name = "article_id", "entity"
    return counts
