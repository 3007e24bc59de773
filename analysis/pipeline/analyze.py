"""`analyze`: load a corpus, compute every result table and write them to results/.

Tables are tidy (one row per observation, snake_case columns). The measures of the registry
(analysis/measures/__init__.py) compute them in order; the notebooks read the tables back with
`load_results`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from .. import measures
from ..outputs import atomic_path, write_csv, write_text
from ..paths import OutputDirs, display_path
from ..text.files import MANIFEST_NAME, corpus_fingerprint
from ..text.load import (
    CorpusIssue,
    Entry,
    FileResult,
    column_names,
    corpus_entries,
    corpus_files,
    nothing_analysed,
    reconcile,
)
from .cache import read_cache, write_cache
from .engines import execute
from .issues import ISSUE_COLUMNS, ISSUES_FILE, issue_summary
from .options import Options, corpus_options
from .provenance import (
    PROVENANCE_FILE,
    analysis_key,
    fingerprint,
    manifest_of,
    outputs_complete,
    read_provenance,
    results_are_current,
    table_writers,
    tool_versions,
)

CLEAN_TEXT_DIR = "clean_text"


# What the pipeline itself reads: the reading step each file, the metadata step the corpus.


def analyze(
    corpus_dir: str | Path,
    output_dir: str | Path,
    options: Options | None = None,
    log=None,
    force: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    seconds: dict[str, float] | None = None,
) -> dict[str, pd.DataFrame]:
    """Analyse a corpus folder or file and write every result table to `<output_dir>/results/`.

    Articles whose file (or table row), options and analysis code are unchanged since the last run are taken
    from the cache (`<output_dir>/.cache/`); the others are analysed in batches, in parallel
    processes (`engine="local"`, `workers` at a time, default one per core) or on a Dask
    cluster (`engine="dask"`, at `scheduler`, or a local cluster). `force` recomputes all.
    Files skipped or analysed with a caveat are recorded in `issues.csv` and summarised through
    `log` (counts per kind, see `issue_summary`). On a terminal a progress bar shows the articles
    analysed, the rate and the time left. `seconds`, if given, receives the time spent per analysis.
    """
    options = options or corpus_options(corpus_dir)
    folder = Path(corpus_dir)
    files = corpus_files(folder)
    dirs = OutputDirs(Path(output_dir))
    if not force and outputs_complete(output_dir) and results_are_current(folder, output_dir, options):
        tables = load_results(output_dir)
        if log:
            for line in issue_summary(tables["issues"], dirs.results / ISSUES_FILE):
                log(line)
        return tables
    cache = {} if force else read_cache(dirs)
    key_of_run = analysis_key(options)
    if cache.get("analysis_key") != key_of_run:
        cache = {}
    cached_files, dropped_texts = cache.get("files", {}), cache.get("dropped_texts", {})

    entries = corpus_entries(folder, manifest_of(options, folder), column_names(options))
    results: dict[str, FileResult] = {}
    todo, copies = [], {}
    first_with_bytes: dict[tuple[str, str], str] = {}
    for entry in entries:
        previous = cached_files.get(entry.source_file)
        same_bytes = first_with_bytes.setdefault(_bytes_key(entry), entry.source_file) if _bytes_key(entry) else None
        if _reusable(previous, entry, dirs, dropped_texts):
            results[entry.source_file] = previous
        elif same_bytes not in (None, entry.source_file):
            copies[entry.source_file] = (entry, same_bytes)  # the result of the first file with these bytes
        else:
            todo.append(entry)
    reused_ids = {r.article_id for r in results.values() if r.analysed}
    parts = (
        [{name: table[table["article_id"].isin(reused_ids)] for name, table in cache["tables"].items()}]
        if reused_ids
        else []
    )
    del cache  # what it held that is still needed is in `results`, `parts` and `dropped_texts`
    clean_texts: dict[str, str] = {}

    def analyse(batch: list[Entry]) -> None:
        for chunk in execute(batch, options, engine, scheduler, workers):
            results.update({r.source_file: r for r in chunk.files})
            parts.append(chunk.tables)
            clean_texts.update(chunk.clean_texts)
            progress.update(len(chunk.files))
            if seconds is not None:
                for name, value in chunk.seconds.items():
                    seconds[name] = seconds.get(name, 0.0) + value

    progress = tqdm(total=len(todo) + len(copies), desc="analysing", unit=" articles", disable=None, leave=False)
    with progress:  # disable=None: shown on a terminal only
        analyse(todo)
        for source_file, (entry, original) in copies.items():
            if results[original].analysed:
                results[source_file] = _same_bytes_result(results[original], entry)
                progress.update(1)
        analyse([entry for source_file, (entry, _) in copies.items() if source_file not in results])
    ordered = [results[entry.source_file] for entry in entries]
    raw_tables = _combine(parts, [r.article_id for r in ordered])
    parts.clear()  # combined
    del entries, todo, copies  # the files' bytes are no longer needed

    options = options.replace(manifest_file=manifest_of(options, folder))
    kept, metadata, issues = reconcile(ordered, options.manifest_file or folder / MANIFEST_NAME)
    issue_table = pd.DataFrame(
        [{"source_file": i.source_file, "severity": i.severity, "reason": i.reason} for i in issues],
        columns=ISSUE_COLUMNS,
    )
    if log:
        for line in issue_summary(issue_table, dirs.results / ISSUES_FILE if kept else None):
            log(line)
    if not kept:
        raise nothing_analysed(folder, issues)
    kept_ids = [r.article_id for r in kept]
    texts = {**dropped_texts, **clean_texts}
    dropped_ids = {r.article_id for r in ordered if r.analysed} - set(kept_ids)
    write_cache(
        dirs,
        {
            "analysis_key": key_of_run,
            "files": {r.source_file: r for r in ordered},
            "tables": raw_tables,
            "dropped_texts": {a: texts[a] for a in sorted(dropped_ids) if a in texts},
        },
    )
    tables = {
        name: table[table["article_id"].isin(set(kept_ids))].reset_index(drop=True)
        for name, table in raw_tables.items()
    }
    del raw_tables  # cached; the kept articles' rows go on
    tables["articles"] = _with_metadata(tables["articles"], metadata)
    for measure in measures.MEASURES:
        if measure.finish:
            tables.update(measure.finish(tables, options))
    for measure in measures.MEASURES:
        for name in measure.working_tables:
            tables.pop(name, None)
    tables["issues"] = issue_table

    previous_tables = _previous_tables(dirs)
    for name, table in tables.items():
        write_csv(table, dirs.results / f"{name}.csv")
    for name in previous_tables - set(tables):  # a table an earlier version wrote
        (dirs.results / f"{name}.csv").unlink(missing_ok=True)
    _write_clean_texts({a: texts[a] for a in kept_ids if a in texts}, kept_ids, dirs.results / CLEAN_TEXT_DIR)
    provenance = {
        "corpus": display_path(folder),
        "corpus_fingerprint": corpus_fingerprint(folder),
        "options": options.to_mapping(),
        "options_fingerprint": fingerprint(options, corpus_dir),
        "n_files": len(files),
        "n_articles": len(kept),
        "tables": table_writers(),
        "tools": tool_versions(),
    }
    write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n", dirs.results / PROVENANCE_FILE)
    return tables


def _reusable(previous: FileResult | None, entry: Entry, dirs: OutputDirs, dropped_texts: dict[str, str]) -> bool:
    """The cached result of an entry stands: same bytes, same id, and for an analysed article
    its clean text at hand (written by the last run, or kept in the cache for a duplicate)."""
    return (
        previous is not None
        and previous.content_key == entry.content_key
        and previous.article_id == entry.article_id
        and (
            not previous.analysed
            or previous.article_id in dropped_texts
            or (dirs.results / CLEAN_TEXT_DIR / f"{previous.article_id}.txt").is_file()
        )
    )


def _bytes_key(entry: Entry) -> tuple[str, str] | None:
    """What makes two entries the same input (reader and bytes), for entries that are read."""
    return (entry.kind, entry.content_key) if entry.kind != "unreadable" and entry.data is not None else None


def _same_bytes_result(original: FileResult, entry: Entry) -> FileResult:
    """The result of an entry with the same bytes as an analysed earlier one: the same text
    and issues under its own name (`reconcile` then skips it as the same text). Not for a
    skipped one, whose reason may name its file."""

    def relabelled(issues: list[CorpusIssue]) -> list[CorpusIssue]:
        return [replace(issue, source_file=entry.source_file) for issue in issues]

    return FileResult(
        entry.source_file,
        entry.article_id,
        entry.content_key,
        analysed=True,
        text_key=original.text_key,
        read_issues=relabelled(original.read_issues),
        warnings=relabelled(original.warnings),
        metadata=dict(original.metadata),
    )


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
    """The article table with the metadata columns (the manifest's, a table's, a page's), in
    the order first seen; one named like a column of the table gets a `metadata_` prefix."""
    columns = list(dict.fromkeys(k for row in metadata.values() for k in row))
    extra = pd.DataFrame(
        [{c: metadata.get(a, {}).get(c, "") for c in columns} for a in articles["article_id"]], columns=columns
    ).rename(columns={c: f"metadata_{c}" for c in columns if c in articles.columns})
    return pd.concat([articles.reset_index(drop=True), extra], axis=1)


def _previous_tables(dirs: OutputDirs) -> set[str]:
    """The tables the last run wrote, by its provenance (none if unreadable)."""
    try:
        return set(read_provenance(dirs.root).get("tables", []))
    except (OSError, ValueError):
        return set()


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
    tables = {
        p.stem: pd.read_csv(p, keep_default_na=False, na_values=[""], dtype={"article_id": str, "source_file": str})
        for p in sorted(results.glob("*.csv"))
    }
    if "articles" not in tables:
        raise FileNotFoundError(f"no result tables in {results}: run `python -m analysis analyze` first")
    return tables
