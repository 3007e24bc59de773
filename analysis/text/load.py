"""Loading a corpus: finding its articles, reading and decoding them, the manifest, checks.

A corpus is a folder (searched recursively) or one file. A folder holds article files
(`.txt`, `.md`, `.html`/`.htm`, in any case; one article each) and table files (`.csv`,
`.tsv`, `.jsonl`, `.json`, `.parquet`; one article per row, see analysis/text/readers.py),
with an optional `manifest.csv` at the top. Hidden files, that manifest and `.yaml`/`.yml`
files (corpus configuration) are not articles; any other file is reported as unreadable.

An article file's id is its path relative to the folder without the extension (`politics/001`;
with it, where two files differ only by extension). A row's id is the table's id column (else
its row number), made file-safe and unique, after the table's path without the extension when
the folder holds other files. The input is only ever read.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR, display_path
from ..schemas import check, load_yaml
from .actors import ActorList, load_actors
from .clean import TERMINAL_RE, CleaningRules, count_words, load_rules
from .document import Article, build_article
from .files import MANIFEST_NAME, find_corpus_files
from .readers import (
    ARTICLE_KINDS,
    READABLE,
    TABLE_KINDS,
    PageError,
    Row,
    TableError,
    looks_like_page,
    markdown_text,
    read_page,
    read_table,
)

COLUMN_FIELDS = ("text", "title", "date", "outlet", "url", "id", "author")
NO_BODY_NOTE = "no body text: body measures are empty"
_UNSAFE_ID_RE = re.compile(r"[^\w.-]+")
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


@dataclass(frozen=True)
class Entry:
    """One item to analyse: an article file, a table row, or a file that cannot be read.

    `kind` is the reader: "text", "markdown", "html", "row", or "unreadable" (with `reason`).
    A file's `data` is its bytes (None: too large to read); a row's is the `Row`.
    """

    source_file: str
    article_id: str
    content_key: str
    kind: str
    data: bytes | Row | None = None
    size: int = 0
    reason: str = ""


@dataclass
class FileResult:
    """One entry read, decoded, cleaned and checked: its article (if any) and what to report.

    `read_issues` are about the input itself (decoding, skipped); `warnings` about an analysed
    article's text; `metadata` is what the input says about the article (a table's columns, a
    page's date). Duplicates and manifest rows are settled later by `reconcile`, which sees
    the whole corpus. From a cache, `article` is None while `analysed` stays True.
    """

    source_file: str
    article_id: str
    content_key: str
    analysed: bool
    text_key: str | None = None
    article: Article | None = None
    read_issues: list[CorpusIssue] = field(default_factory=list)
    warnings: list[CorpusIssue] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def max_file_bytes() -> int:
    return int(_checks()["max_file_megabytes"] * 1024 * 1024)


def content_key(path: Path) -> tuple[str, bytes | None]:
    """SHA-256 of a file's bytes (and the bytes), or only its size for a file too large to read."""
    size = path.stat().st_size
    if size > max_file_bytes():
        return f"size={size}", None
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), data


def corpus_entries(
    corpus: str | Path, manifest: str | Path | None = None, columns: dict[str, str | None] | None = None
) -> list[Entry]:
    """The entries of a corpus, in file order (a table's rows in row order). `columns` names
    table columns for some of `COLUMN_FIELDS`; the manifest, if inside the folder, is no entry."""
    corpus = Path(corpus)
    files = corpus_files(corpus)
    root = corpus if corpus.is_dir() else corpus.parent
    skip = Path(manifest).resolve() if manifest else None
    files = [p for p in files if p.resolve() != skip]
    names = [p.relative_to(root).as_posix() for p in files]
    stems = [_without_suffix(name) for name in names]
    shared = {s for s in stems if stems.count(s) > 1}
    several = sum(p.suffix.lower() in TABLE_KINDS or p.suffix.lower() in ARTICLE_KINDS for p in files) > 1
    entries = []
    for path, name, stem in zip(files, names, stems):
        suffix = path.suffix.lower()
        if suffix in TABLE_KINDS:
            entries += _table_entries(path, name, stem if several else "", columns or {})
        elif suffix in ARTICLE_KINDS:
            key, data = content_key(path)
            article_id = name if stem in shared else stem
            entries.append(Entry(name, article_id, key, ARTICLE_KINDS[suffix], data, path.stat().st_size))
        else:
            what = f"'{path.suffix}'" if path.suffix else "without an extension"
            reason = f"unsupported file type {what}: not read (readable: {READABLE})"
            entries.append(Entry(name, name, content_key(path)[0], "unreadable", reason=reason))
    return _unique_ids(entries)


def _without_suffix(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name


def _table_entries(path: Path, name: str, prefix: str, columns: dict[str, str | None]) -> list[Entry]:
    """One entry per row of a table file; an unreadable table or row is an unreadable entry."""
    try:
        rows, empty = read_table(path, columns)
    except TableError as error:
        return [Entry(name, name, content_key(path)[0], "unreadable", reason=str(error))]
    entries = [
        Entry(f"{name} row {number}", f"{name} row {number}", "-", "unreadable", reason=reason)
        for number, reason in empty
    ]
    for row in rows:
        article_id = _safe_id(row.original_id) or str(row.number)
        key = hashlib.sha256(json.dumps([row.title, row.text, row.metadata], sort_keys=True).encode()).hexdigest()
        entries.append(
            Entry(f"{name} row {row.number}", f"{prefix}/{article_id}" if prefix else article_id, key, "row", row)
        )
    return sorted(entries, key=lambda e: int(e.source_file.rsplit(" ", 1)[1]))


def _safe_id(value: str) -> str:
    """An id usable as a file name: runs of other characters than letters, digits, `.`, `-`
    and `_` become `-`, at most 80 characters."""
    return _UNSAFE_ID_RE.sub("-", value).strip("-.")[:80].strip("-.")


def _unique_ids(entries: list[Entry]) -> list[Entry]:
    """Entries whose article ids repeat get `-2`, `-3`, ... after the first."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        article_id, n = entry.article_id, 1
        while article_id in seen:
            n += 1
            article_id = f"{entry.article_id}-{n}"
        seen.add(article_id)
        unique.append(entry if article_id == entry.article_id else replace(entry, article_id=article_id))
    return unique


def analyse_entry(entry: Entry, rules: CleaningRules, actors: ActorList) -> FileResult:
    """Read, clean, segment and check one entry, or say why it is skipped."""
    result = FileResult(entry.source_file, entry.article_id, entry.content_key, analysed=False)
    try:
        article, had_body = _read_entry(entry, result, rules, actors)
    except ArticleError as error:
        result.read_issues.append(CorpusIssue(entry.source_file, "skipped", str(error)))
        return result
    if not article.sentences:
        result.read_issues.append(CorpusIssue(entry.source_file, "skipped", "no text left after cleaning"))
        return result
    if not article.body_sentences:
        article.headline_note = f"{article.headline_note}; {NO_BODY_NOTE}"
        if had_body:
            result.read_issues.append(
                CorpusIssue(
                    entry.source_file, "warning", "no body text left after cleaning: analysed as a headline only"
                )
            )
    result.analysed, result.article = True, article
    identity = article.clean_text + (json.dumps(result.metadata, sort_keys=True) if result.metadata else "")
    result.text_key = hashlib.sha256(identity.encode()).hexdigest()
    result.warnings = [CorpusIssue(entry.source_file, "warning", reason) for reason in plausibility_warnings(article)]
    return result


def _read_entry(entry: Entry, result: FileResult, rules: CleaningRules, actors: ActorList) -> tuple[Article, bool]:
    """The article of an entry and whether its input had a body besides the headline; raises
    ArticleError with the reason it cannot be read. Fills `result`'s metadata and read issues."""
    if entry.kind == "unreadable":
        raise ArticleError(entry.reason)
    if entry.kind == "row":
        row = entry.data
        result.metadata = dict(row.metadata)
        if not row.title:
            return build_article(entry.article_id, entry.source_file, row.text, rules, actors), bool(row.text.strip())
        return _titled_article(entry, row.title, row.text, "the title column", rules, actors), bool(row.text.strip())
    if entry.data is None:
        limit = _checks()["max_file_megabytes"]
        raise ArticleError(f"file is {entry.size / 1024 / 1024:.1f} MB, over the {limit} MB limit for one article")
    raw, warning = decode_article(entry.data, entry.source_file)
    if not raw.strip():
        raise ArticleError("empty file (no text)")
    if warning:
        result.read_issues.append(CorpusIssue(entry.source_file, "warning", warning))
    if entry.kind == "html" or looks_like_page(raw):
        try:
            page = read_page(raw)
        except PageError as error:
            raise ArticleError(str(error)) from None
        result.metadata = page.metadata
        article = _titled_article(entry, page.title, "\n\n".join(page.paragraphs), "the page's title", rules, actors)
        article.raw_text, article.cleaning_log = raw, [*page.log, *article.cleaning_log]
        return article, True
    text, log = raw, []
    if entry.kind == "markdown":
        text, result.metadata, log = markdown_text(raw)
    article = build_article(entry.article_id, entry.source_file, text, rules, actors)
    article.raw_text, article.cleaning_log = raw, [*log, *article.cleaning_log]
    return article, len([line for line in text.splitlines() if line.strip()]) > 1


def _titled_article(
    entry: Entry, title: str, body: str, where: str, rules: CleaningRules, actors: ActorList
) -> Article:
    """An article whose headline is known: the cleaner reads it as a first-line heading."""
    if not title:
        return build_article(entry.article_id, entry.source_file, body, rules, actors)
    heading = f"# {title}"
    article = build_article(entry.article_id, entry.source_file, f"{heading}\n\n{body}", rules, actors)
    article.cleaning_log = [e for e in article.cleaning_log if not (e.line == 1 and e.text == heading)]
    if article.headline is not None and article.headline_note == "headline: first line":
        article.headline_note = f"headline: {where}"
    return article


def reconcile(
    results: list[FileResult], manifest_path: Path
) -> tuple[list[FileResult], dict[str, dict], list[CorpusIssue]]:
    """What needs the whole corpus: drop duplicate texts, match manifest rows, order the issues.

    Returns the kept results (in file order), the metadata per article id (what the input
    says, overridden by the manifest row), and every issue of the corpus.
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
        metadata[result.article_id] = {**result.metadata, **(row or {})}
        kept.append(result)
    for key in sorted(rows):
        issues.append(CorpusIssue(key, "warning", f"listed in {manifest_path.name} but no such file"))
    return kept, metadata, issues


def corpus_files(corpus: str | Path) -> list[Path]:
    """The input files of a corpus folder or file, or CorpusError for a missing or empty one."""
    corpus = Path(corpus)
    if not corpus.exists():
        raise CorpusError(f"corpus not found: {corpus}")
    if corpus.is_file() and corpus.suffix.lower() not in {*ARTICLE_KINDS, *TABLE_KINDS}:
        raise CorpusError(f"{corpus}: not a corpus (a folder, or a file of type {READABLE})")
    files = find_corpus_files(corpus)
    if not files:
        raise CorpusError(f"no article or table files in corpus folder: {corpus} (readable: {READABLE})")
    return files


def column_names(options) -> dict[str, str | None]:
    """The table columns that options name (`text_column`, ...), by field."""
    return {name: getattr(options, f"{name}_column", None) for name in COLUMN_FIELDS}


def nothing_analysed(folder: Path, issues: list[CorpusIssue]) -> CorpusError:
    return CorpusError(
        f"no article in {folder} could be analysed ({len(issues)} file(s) skipped: see the messages above)"
    )


def load_corpus(
    corpus: str | Path,
    manifest: str | Path | None = None,
    rules_file: str | Path | None = None,
    actors_file: str | Path | None = None,
    columns: dict[str, str | None] | None = None,
    extra_rules_file: str | Path | None = None,
) -> Corpus:
    """Read, clean and segment every article of a corpus folder or file.

    What cannot be analysed is skipped and recorded in `Corpus.issues` with the reason; a
    corpus with no readable article raises CorpusError.
    """
    corpus = Path(corpus)
    entries = corpus_entries(corpus, manifest, columns)
    rules, actors = load_rules(rules_file, extra_rules_file), load_actors(actors_file)
    results = [analyse_entry(entry, rules, actors) for entry in entries]
    kept, metadata, issues = reconcile(results, Path(manifest) if manifest else corpus / MANIFEST_NAME)
    if not kept:
        raise nothing_analysed(corpus, issues)
    for result in kept:
        result.article.metadata = metadata[result.article_id]
    return Corpus(corpus, [r.article for r in kept], issues)


@lru_cache(maxsize=1)
def _checks() -> dict:
    checks = load_yaml(CHECKS_FILE.read_text(encoding="utf-8"))
    check(checks, "language_check", display_path(CHECKS_FILE))
    if not all(isinstance(w, str) for w in checks["english"]["function_words"]):
        raise ValueError(f"{CHECKS_FILE}: english.function_words: every word must be a string (quote on, no, yes, off)")
    return checks


def plausibility_warnings(article: Article) -> list[str]:
    """Reasons to read an article's results with care: not English, no sentence punctuation,
    truncated text (see data/language_check.yaml)."""
    if not article.body_sentences:
        return []
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


def _manifest_rows(path: Path) -> dict[str, dict[str, str]]:
    manifest = read_manifest(path)
    key = "article_id" if "article_id" in manifest.columns else "source_file"
    rows = {}
    for record in manifest.to_dict("records"):
        rows[record[key]] = {k: v for k, v in record.items() if k not in ("article_id", "source_file")}
    return rows
