"""The measures, in the order the pipeline runs them (`MEASURES`).

A measure's `compute(corpus, options)` returns per-article tables (every row has an
`article_id`), so batches of articles can be analysed apart and cached. It declares the tables
it writes, the tables of earlier measures it adds columns to (joined on article_id and
sentence_id), and the options it reads (fields of analysis.pipeline.options.Options). Its
`finish(tables, options)`, if any, runs once on the whole corpus's tables and returns tables
of its own with corpus-level rows added, and the tables only the whole corpus gives
(`corpus_tables`).

To add a measure: write a module with its `tables(corpus, options)` and add its entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import (
    attribution,
    corpus,
    entities,
    framing,
    offices,
    opacity,
    readability,
    reuse,
    sensationalism,
    sentiment,
)


@dataclass(frozen=True)
class Measure:
    name: str
    compute: Callable
    tables: tuple[str, ...]
    extends: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    finish: Callable | None = None
    corpus_tables: tuple[str, ...] = ()


MEASURES = (
    Measure(
        "corpus",
        corpus.tables,
        tables=("articles", "cleaning_log", "sentences"),
    ),
    Measure(
        "sentiment",
        sentiment.tables,
        tables=("sentiment",),
        extends=("sentences",),
        options=("sentiment_threshold",),
    ),
    Measure(
        "readability", readability.tables, tables=("readability", "readability_segmentation", "readability_paragraphs")
    ),
    Measure(
        "framing",
        framing.tables,
        tables=("frames", "frame_items", "frame_evidence"),
        options=("generic_frames_file", "issue_frames_file"),
    ),
    Measure(
        "sensationalism",
        sensationalism.tables,
        tables=("sensationalism", "sensationalism_features", "sensationalism_evidence"),
        options=("sensationalism_features_file",),
    ),
    Measure(
        "attribution",
        attribution.tables,
        tables=("attributions", "sourcing", "quoted_words"),
        options=("attribution_lexicon_file", "actors_file"),
    ),
    Measure(
        "entities",
        entities.tables,
        tables=("entity_mentions",),
        options=("actors_file",),
        finish=entities.finish,
        corpus_tables=("entities", "entity_tone"),
    ),
    Measure(
        "offices",
        offices.tables,
        tables=("office_claims", "office_windows"),
        options=("office_holders_file", "actors_file"),
        finish=offices.finish,
    ),
    Measure(
        "reuse",
        reuse.tables,
        tables=("repeated_passages",),
        finish=reuse.finish,
        corpus_tables=("reuse_pairs", "reuse_clusters"),
    ),
    Measure(
        "opacity",
        opacity.tables,
        tables=("opacity", "opacity_evidence"),
        options=("attribution_lexicon_file",),
        finish=opacity.finish,
    ),
)
