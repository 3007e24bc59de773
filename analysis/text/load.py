"""Loading a folder of articles: finding, reading and decoding files, the manifest, checks.

A corpus is any folder of `.txt` files (searched recursively), one article per file,
with an optional `manifest.csv` beside them. The article id is the file's path relative
to the folder, without `.txt` (for files at the top level: the file stem). The input
folder is only ever read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from ..paths import DATA_DIR
from .actors import ActorList, load_actors
from .clean import TERMINAL_RE, CleaningRules, count_words, load_rules
from .document import Article, build_article

MANIFEST_NAME = "manifest.csv"
CHECKS_FILE = DATA_DIR / "language_check.yaml"
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END_RE = re.compile(r"[.!?]+(?=[\s\"')\]]|$)")


class CorpusError(Exception):
    """A corpus folder that cannot be analysed at all (missing, empty, no articles)."""


class ArticleError(Exception):
    """One file that cannot be analysed; the message says why."""


@dataclass
class CorpusIssue:
    """A file skipped or analysed with a caveat."""

    source_file: str
    severity: str
    reason: str


@dataclass
class Corpus:
    folder: Path
    articles: list[Article]
    issues: list[CorpusIssue]


def decode_article(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode the bytes of an article file; return the text and a warning, if any."""
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8; decoded as Latin-1"


def read_manifest(path: Path) -> pd.DataFrame:
    """Read a manifest CSV: one row per article, keyed by `article_id` (or `source_file`)."""
    manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if "article_id" not in manifest.columns and "source_file" not in manifest.columns:
        raise CorpusError(f"{path}: a manifest needs an 'article_id' or 'source_file' column")
    return manifest


def find_article_files(folder: Path) -> list[Path]:
    """The `.txt` files below `folder`, sorted by relative path; hidden files are ignored."""
    files = [
        p
        for p in folder.rglob("*.txt")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


@dataclass
class FileResult:
    """One file read, decoded, cleaned and checked: its article (if any) and what to report.

    `read_issues` are about the file itself (decoding, skipped); `warnings` about an analysed
    article's text. Duplicates and manifest rows are settled later by `reconcile`, which sees
    the whole folder. From a cache, `article` is None while `analysed` stays True.
    """

    source_file: str
    article_id: str
    content_key: str
    analysed: bool
    text_key: str | None = None
    article: Article | None = None
    read_issues: list[CorpusIssue] = field(default_factory=list)
    warnings: list[CorpusIssue] = field(default_factory=list)


def max_file_bytes() -> int:
    return int(_checks()["max_file_megabytes"] * 1024 * 1024)


def content_key(path: Path) -> tuple[str, bytes | None]:
    """SHA-256 of a file's bytes (and the bytes), or only its size for a file too large to read."""
    size = path.stat().st_size
    if size > max_file_bytes():
        return f"size={size}", None
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), data


def read_article_file(folder: Path, path: Path, rules: CleaningRules, actors: ActorList) -> FileResult:
    """Read one article file: decode, clean, segment and check it, or say why it is skipped."""
    key, data = content_key(path)
    return analyse_file(path.relative_to(folder).as_posix(), key, data, path.stat().st_size, rules, actors)


def analyse_file(
    source_file: str, key: str, data: bytes | None, size: int, rules: CleaningRules, actors: ActorList
) -> FileResult:
    """Decode, clean, segment and check the bytes of one file (None: too large to read)."""
    result = FileResult(
        source_file, source_file[:-4] if source_file.endswith(".txt") else source_file, key, analysed=False
    )
    if data is None:
        limit = _checks()["max_file_megabytes"]
        result.read_issues.append(
            CorpusIssue(
                source_file,
                "skipped",
                f"file is {size / 1024 / 1024:.1f} MB, over the {limit} MB limit for one article",
            )
        )
        return result
    try:
        raw, warning = decode_article(data, source_file)
        if not raw.strip():
            raise ArticleError(f"{source_file}: empty file (no text)")
    except ArticleError as error:
        result.read_issues.append(CorpusIssue(source_file, "skipped", str(error).split(": ", 1)[1]))
        return result
    if warning:
        result.read_issues.append(CorpusIssue(source_file, "warning", warning))
    article = build_article(result.article_id, source_file, raw, rules, actors)
    if not article.body_sentences:
        result.read_issues.append(CorpusIssue(source_file, "skipped", "no body text left after cleaning"))
        return result
    result.analysed, result.article = True, article
    result.text_key = hashlib.sha256(article.clean_text.encode()).hexdigest()
    result.warnings = [CorpusIssue(source_file, "warning", reason) for reason in plausibility_warnings(article)]
    return result


def reconcile(
    results: list[FileResult], manifest_path: Path
) -> tuple[list[FileResult], dict[str, dict], list[CorpusIssue]]:
    """What needs the whole folder: drop duplicate texts, match manifest rows, order the issues.

    Returns the kept results (in file order), the manifest metadata per article id, and every
    issue of the folder.
    """
    rows = _manifest_rows(manifest_path) if manifest_path.is_file() else {}
    kept, metadata, issues, first_with_text = [], {}, [], {}
    for result in results:
        issues += result.read_issues
        if not result.analysed:
            continue
        row = rows.pop(result.article_id, None) or rows.pop(result.source_file, None)
        if row is None and manifest_path.is_file():
            issues.append(CorpusIssue(result.source_file, "warning", f"not listed in {manifest_path.name}"))
        if result.text_key in first_with_text:
            issues.append(
                CorpusIssue(result.source_file, "skipped", f"same text as {first_with_text[result.text_key]}")
            )
            continue
        first_with_text[result.text_key] = result.source_file
        issues += result.warnings
        metadata[result.article_id] = row or {}
        kept.append(result)
    for key in sorted(rows):
        issues.append(CorpusIssue(key, "warning", f"listed in {manifest_path.name} but no such file"))
    return kept, metadata, issues


def corpus_files(folder: str | Path) -> list[Path]:
    """The article files of a corpus folder, or CorpusError for a missing or empty folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder}")
    files = find_article_files(folder)
    if not files:
        raise CorpusError(f"no .txt files in corpus folder: {folder}")
    return files


def nothing_analysed(folder: Path, issues: list[CorpusIssue]) -> CorpusError:
    return CorpusError(
        f"no article in {folder} could be analysed ({len(issues)} file(s) skipped: see the messages above)"
    )


def load_corpus(
    folder: str | Path,
    manifest: str | Path | None = None,
    rules_file: str | Path | None = None,
    actors_file: str | Path | None = None,
    extra_rules_file: str | Path | None = None,
) -> Corpus:
    """Read, clean and segment every article of a folder.

    Files that cannot be analysed are skipped and recorded in `Corpus.issues` with the
    reason; a folder with no readable article raises CorpusError.
    """
    folder = Path(folder)
    files = corpus_files(folder)
    rules, actors = load_rules(rules_file, extra_rules_file), load_actors(actors_file)
    results = [read_article_file(folder, path, rules, actors) for path in files]
    kept, metadata, issues = reconcile(results, Path(manifest) if manifest else folder / MANIFEST_NAME)
    if not kept:
        raise nothing_analysed(folder, issues)
    for result in kept:
        result.article.metadata = metadata[result.article_id]
    return Corpus(folder, [r.article for r in kept], issues)


def fingerprint_of(results: list[FileResult]) -> str:
    """SHA-256 over the names and content keys of a folder's article files."""
    digest = hashlib.sha256()
    for result in results:
        digest.update(f"{result.source_file}\0{result.content_key}\n".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _checks() -> dict:
    checks = yaml.safe_load(CHECKS_FILE.read_text(encoding="utf-8"))
    if not all(isinstance(w, str) for w in checks["english"]["function_words"]):
        raise ValueError(f"{CHECKS_FILE}: english.function_words: every word must be a string (quote on, no, yes, off)")
    return checks


def plausibility_warnings(article: Article) -> list[str]:
    """Reasons to read an article's results with care: not English, no sentence punctuation,
    truncated text (see data/language_check.yaml)."""
    checks, warnings = _checks(), []
    body_text = article.body_text
    words = [w.lower() for w in _LETTERS_RE.findall(body_text)]
    english = checks["english"]
    if len(words) >= english["min_words"]:
        function_words = set(english["function_words"])
        share = sum(w in function_words for w in words) / len(words)
        if share < english["min_share"]:
            warnings.append(
                f"probably not English ({share:.0%} English function words): English lexicons are unreliable on it"
            )
    punctuation = checks["punctuation"]
    n_words = count_words(body_text)
    n_ends = len(_SENTENCE_END_RE.findall(body_text))
    if n_words >= punctuation["min_words"] and n_words / max(n_ends, 1) > punctuation["max_words_per_sentence"]:
        warnings.append(
            f"little sentence punctuation ({n_ends} sentence ends in {n_words} words): "
            "sentence-based measures are unreliable"
        )
    last = article.paragraphs[-1]
    if not TERMINAL_RE.search(article.clean_text[last.start : last.end]):
        warnings.append("text may be truncated: the last paragraph ends without punctuation")
    return warnings


def corpus_fingerprint(folder: str | Path) -> str:
    """SHA-256 over the names and contents of a folder's article files (as in `Corpus`)."""
    folder, digest = Path(folder), hashlib.sha256()
    for path in find_article_files(folder):
        digest.update(f"{path.relative_to(folder).as_posix()}\0{content_key(path)[0]}\n".encode())
    return digest.hexdigest()


def _manifest_rows(path: Path) -> dict[str, dict[str, str]]:
    manifest = read_manifest(path)
    key = "article_id" if "article_id" in manifest.columns else "source_file"
    rows = {}
    for record in manifest.to_dict("records"):
        rows[record[key]] = {k: v for k, v in record.items() if k not in ("article_id", "source_file")}
    return rows
