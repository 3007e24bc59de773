"""Where the per-article work runs: in this process, in parallel worker processes, or on a
Dask cluster, in batches of files."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import measures
from ..text.actors import load_actors
from ..text.clean import load_rules
from ..text.entities import ensure_entities
from ..text.load import Corpus, Entry, FileResult, analyse_entry
from .options import Options

CHUNK_SIZE = 100
ARTICLES_PER_WORKER = 150  # fewer articles than this per process: starting a process (and its model) costs more


@dataclass
class ChunkResult:
    """What a worker returns for a batch of entries: per-entry results, tables, clean texts."""

    files: list[FileResult]
    tables: dict[str, pd.DataFrame]
    clean_texts: dict[str, str]
    seconds: dict[str, float]


def run_analyses(
    articles: Corpus, options: Options, seconds: dict[str, float] | None = None
) -> dict[str, pd.DataFrame]:
    """Every analysis on a corpus (or a batch of articles): the per-article tables. The entity
    model runs first, once per article; every analysis reads its layers."""
    tables: dict[str, pd.DataFrame] = {}
    started = time.perf_counter()
    ensure_entities(articles.articles, load_actors(options.actors_file))
    if seconds is not None:
        seconds["entity recognition"] = seconds.get("entity recognition", 0.0) + time.perf_counter() - started
    for measure in measures.MEASURES:
        started = time.perf_counter()
        for name, table in measure.compute(articles, options).items():
            tables[name] = _extend(tables[name], table) if name in measure.extends else table
        if seconds is not None:
            seconds[measure.name] = seconds.get(measure.name, 0.0) + time.perf_counter() - started
    return tables


def analyze_chunk(files: list[Entry], options: Options) -> ChunkResult:
    """Worker: analyse a batch of entries (article files and table rows)."""
    rules = load_rules(options.cleaning_rules_file, options.extra_cleaning_rules_file)
    actors = load_actors(options.actors_file)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    results = [analyse_entry(entry, rules, actors) for entry in files]
    seconds["reading and cleaning"] = time.perf_counter() - started
    articles = [r.article for r in results if r.analysed]
    tables = run_analyses(Corpus(Path("."), articles, []), options, seconds) if articles else {}
    clean_texts = {a.article_id: a.clean_text for a in articles}
    for result in results:
        result.article = None
    return ChunkResult(results, tables, clean_texts, seconds)


def execute(todo: list, options: Options, engine: str, scheduler: str | None, workers: int | None):
    """Analyse the files in batches; yield one ChunkResult per batch, in order. Locally, a
    process per `ARTICLES_PER_WORKER` files at most (a small batch runs in this process)."""
    if not todo:
        return
    workers = workers or os.cpu_count() or 1
    if engine != "dask":
        workers = max(1, min(workers, len(todo) // ARTICLES_PER_WORKER))
    size = max(1, min(CHUNK_SIZE, -(-len(todo) // (workers * 4))))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    if engine == "dask":
        yield from _execute_on_dask(chunks, options, scheduler, workers)
    elif workers == 1 or len(chunks) == 1:
        yield from (analyze_chunk(chunk, options) for chunk in chunks)
    else:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from pool.map(analyze_chunk, chunks, [options] * len(chunks))


def _execute_on_dask(chunks: list, options: Options, scheduler: str | None, workers: int):
    """Run the batches on a Dask distributed cluster (a local one on loopback if no address)."""
    from distributed import Client, LocalCluster

    cluster = (
        None
        if scheduler
        else LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
    )
    try:
        with Client(scheduler or cluster) as client:
            futures = client.map(analyze_chunk, chunks, options=options, pure=False)
            for future in futures:
                yield future.result()
    finally:
        if cluster is not None:
            cluster.close()


SENTENCE_KEY = ["article_id", "sentence_id"]


def _extend(table: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    return table.merge(extra, on=SENTENCE_KEY, how="left", validate="one_to_one")
