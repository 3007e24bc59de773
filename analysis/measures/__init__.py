"""The measures, in the order the pipeline runs them (`MEASURES`).

A measure's `compute(corpus, options)` returns per-article tables (every row has an
`article_id`), so batches of articles can be analysed apart and cached. It declares the tables
it writes, the tables of earlier measures it adds columns to (joined on article_id and
sentence_id), and the options it reads (fields of analysis.pipeline.options.Options). Its
`finish(tables, options)`, if any, runs once on the whole corpus's tables and returns tables
of its own with corpus-level rows added, and the tables only the whole corpus gives
(`corpus_tables`).

A measure may also keep per-article `working_tables`: cached with each article for its
`finish`, which reads them, and never written.

To add a measure: write a module with its `tables(corpus, options)` and add its entry here.
The entries name their functions (`Step`), so reading the registry imports no measure: the
pipeline decides whether anything needs computing before it loads pandas or a model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """A function of a measure module (`module.function` below this package), imported when
    first called."""

    path: str

    def __call__(self, *args, **kwargs):
        module, function = self.path.rsplit(".", 1)
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)(*args, **kwargs)


@dataclass(frozen=True)
class Measure:
    name: str
    compute: Callable
    tables: tuple[str, ...]
    extends: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    finish: Callable | None = None
    corpus_tables: tuple[str, ...] = ()
    working_tables: tuple[str, ...] = ()


MEASURES = (
    Measure(
        "corpus",
        Step("corpus.tables"),
        tables=("articles", "cleaning_log", "sentences"),
    ),
    Measure(
        "sentiment",
        Step("sentiment.tables"),
        tables=("sentiment",),
        extends=("sentences",),
        options=("sentiment_threshold",),
    ),
    Measure(
        "readability",
        Step("readability.tables"),
        tables=("readability", "readability_segmentation", "readability_paragraphs"),
    ),
    Measure(
        "framing",
        Step("framing.tables"),
        tables=("frames", "frame_items", "frame_evidence"),
        options=("generic_frames_file", "issue_frames_file"),
    ),
    Measure(
        "sensationalism",
        Step("sensationalism.tables"),
        tables=("sensationalism", "sensationalism_features", "sensationalism_evidence"),
        options=("sensationalism_features_file", "clickbait_model_file"),
    ),
    Measure(
        "attribution",
        Step("attribution.tables"),
        tables=("attributions", "sourcing", "quoted_words", "stances"),
        options=("attribution_lexicon_file", "actors_file"),
    ),
    Measure(
        "entities",
        Step("entities.tables"),
        tables=("entity_mentions",),
        options=("actors_file",),
        finish=Step("entities.finish"),
        corpus_tables=("entities", "entity_tone"),
    ),
    Measure(
        "offices",
        Step("offices.tables"),
        tables=("office_claims", "office_windows"),
        options=("office_holders_file", "actors_file"),
        finish=Step("offices.finish"),
    ),
    Measure(
        "reuse",
        Step("reuse.tables"),
        tables=("repeated_passages",),
        finish=Step("reuse.finish"),
        corpus_tables=("reuse_pairs", "reuse_clusters"),
        working_tables=("reuse_signatures",),
    ),
    Measure(
        "opacity",
        Step("opacity.tables"),
        tables=("opacity", "opacity_evidence"),
        options=("attribution_lexicon_file",),
        finish=Step("opacity.finish"),
    ),
)
