"""Reading the kinds of input a corpus holds: article files (plain text, Markdown, saved web
pages) and table files (CSV, TSV, JSON Lines, JSON, Parquet) with one article per row.

Every reader turns its input into text the cleaner reads (analysis/text/clean.py): a known
headline becomes a first line `# headline`, paragraphs are separated by blank lines. Metadata
found on the way (a table's columns, a page's date, author, site name and URL) is returned
beside the text and becomes the article's metadata, as manifest columns do.

Web pages go through trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and
Command-Line Tool for Text Discovery and Extraction", ACL demos), which keeps the main text
and drops navigation, banners, adverts, share buttons and footers; the page's title is the
headline. What it drops is logged, line by line, as page furniture.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .clean import LogEntry, html_to_text

ARTICLE_KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
TABLE_KINDS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
}
READABLE = ", ".join(sorted({*ARTICLE_KINDS, *TABLE_KINDS}))

# The names common exports give each field (Media Cloud, news-please, NewsAPI, GDELT-based
# scrapers, trafilatura, spreadsheets), compared after `column_key`; the first present wins.
COLUMN_NAMES = {
    "text": ("text", "body", "content", "maintext", "article_text", "full_text"),
    "title": ("title", "headline"),
    "date": ("date", "publish_date", "date_publish", "published_at"),
    "outlet": ("outlet", "media_name", "source", "source_domain", "sitename", "publisher"),
    "url": ("url",),
    "id": ("id", "article_id", "stories_id", "guid"),
    "author": ("author", "authors", "byline"),
}
# The metadata name of a recognised column; text and title are the article itself.
METADATA_NAMES = {"date": "date", "outlet": "outlet", "url": "url", "author": "author", "id": "original_id"}
PAGE_FURNITURE_REASON = "page furniture: not part of the page's main text (trafilatura)"

_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD_RE = re.compile(r"[^0-9a-z]+")
_PAGE_START_RE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_SPACES_RE = re.compile(r"\s+")


class TableError(Exception):
    """A table file that cannot be read at all; the message says why."""


class PageError(Exception):
    """A web page without main text; the message says why."""


@dataclass(frozen=True)
class Row:
    """One article of a table: its number (1 = first data row), id, title, text and metadata."""

    number: int
    original_id: str
    title: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class Page:
    """A web page's article: headline, paragraphs, metadata, and what was dropped."""

    title: str
    paragraphs: list[str]
    metadata: dict[str, str]
    log: list[LogEntry]


def column_key(name: str) -> str:
    """A column name compared with the known names: snake_case (`publishedAt` is `published_at`)."""
    return _NON_WORD_RE.sub("_", _CAMEL_RE.sub("_", str(name).strip()).lower()).strip("_")


def cell_text(value) -> str:
    """A table cell as text: empty for missing, lists joined with '; ', a nested record by its
    `name` (NewsAPI's source), dates in ISO form (a midnight timestamp as a date), whole
    numbers without '.0'."""
    if isinstance(value, dict):
        return cell_text(value["name"]) if "name" in value else json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(t for t in (cell_text(v) for v in value) if t)
    if pd.isna(value):
        return ""
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.tzinfo is None and value.time() == datetime.min.time():
        return value.date().isoformat()  # a date stored as a timestamp
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value).strip()


def read_table(path: Path, columns: dict[str, str | None]) -> tuple[list[Row], list[tuple[int, str]]]:
    """The rows of a table file as articles, and (row number, reason) for rows without text or
    title. `columns` names a column for some fields (text, title, date, ...), overriding the
    recognised names. Raises TableError for a file that cannot be read or has neither a text
    nor a title column."""
    frame = _read_frame(path)
    chosen = _choose_columns(list(frame.columns), columns)
    if "text" not in chosen and "title" not in chosen:
        known = ", ".join(COLUMN_NAMES["text"] + COLUMN_NAMES["title"])
        raise TableError(
            f"no text or title column (columns: {', '.join(map(str, frame.columns))}; recognised: {known}; "
            "name yours with --text-column or --title-column)"
        )
    used = set(chosen.values())
    rows, empty = [], []
    for number, record in enumerate(frame.to_dict("records"), start=1):
        values = {name: cell_text(record[column]) for name, column in chosen.items()}
        title, text = values.get("title", ""), values.get("text", "")
        if not title and not text:
            empty.append((number, "no text and no title"))
            continue
        metadata = {METADATA_NAMES[name]: values[name] for name in METADATA_NAMES if name in values}
        for column in frame.columns:
            if column not in used:
                metadata.setdefault(column_key(column) or str(column), cell_text(record[column]))
        rows.append(Row(number, values.get("id", ""), " ".join(title.split()), text, metadata))
    return rows, empty


def _read_frame(path: Path) -> pd.DataFrame:
    kind = TABLE_KINDS[path.suffix.lower()]
    try:
        if kind in ("csv", "tsv"):
            options = {"sep": "\t" if kind == "tsv" else ",", "dtype": str, "keep_default_na": False}
            try:
                return pd.read_csv(path, encoding="utf-8-sig", **options)
            except UnicodeDecodeError:
                return pd.read_csv(path, encoding="cp1252", **options)
        if kind == "parquet":
            return pd.read_parquet(path)
        text = path.read_bytes().decode("utf-8-sig")
        records = _json_lines(text) if kind == "jsonl" else _json_records(text)
    except (OSError, ValueError, UnicodeDecodeError, ImportError) as error:
        raise TableError(f"cannot read as {kind.upper()}: {' '.join(str(error).split())}") from None
    if not all(isinstance(r, dict) for r in records):
        raise TableError(f"cannot read as {kind.upper()}: expected one object per article")
    return pd.DataFrame.from_records(records)


def _json_lines(text: str) -> list:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"line {number}: {error.msg}") from None
    return records


def _json_records(text: str) -> list:
    """A JSON array of objects, or an object holding one (NewsAPI's `articles`)."""
    data = json.loads(text)
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
        if len(lists) != 1:
            raise ValueError("expected an array of articles, or an object holding one")
        data = lists[0]
    if not isinstance(data, list):
        raise ValueError("expected an array of articles")
    return data


def _choose_columns(names: list, given: dict[str, str | None]) -> dict[str, str]:
    """The column of each field: the one named in `given`, else the first recognised name."""
    by_key = {}
    for name in names:
        by_key.setdefault(column_key(name), name)
    chosen = {}
    for name, candidates in COLUMN_NAMES.items():
        wanted = given.get(name)
        if wanted:
            column = wanted if wanted in names else by_key.get(column_key(wanted))
            if column is None:
                raise TableError(f"no column {wanted!r} for the {name} (columns: {', '.join(map(str, names))})")
            chosen[name] = column
            continue
        column = next((by_key[c] for c in candidates if c in by_key), None)
        if column is not None and column not in chosen.values():
            chosen[name] = column
    return chosen


def looks_like_page(text: str) -> bool:
    """True for a saved web page: the text starts with `<!doctype html` or `<html`."""
    return bool(_PAGE_START_RE.match(text[:4096]))


def read_page(html: str) -> Page:
    """The article of a web page: its title, main-text paragraphs and metadata (date, author,
    site name as `outlet`, URL). Raises PageError when the page has no main text."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    if document is None or document.body is None:
        raise PageError("no article text found in the web page")
    title = _one_line(document.title or "")
    body = document.body
    if title and len(body) and body[0].tag == "head" and body[0].get("rend") == "h1":
        body.remove(body[0])  # the page's own heading: a variant of the title, which is the headline
    paragraphs = _page_paragraphs(body)
    if paragraphs and title:
        first, _, rest = paragraphs[0].partition("\n")
        if first.casefold() == title.casefold():  # the page's heading, repeated
            paragraphs = ([rest.strip()] if rest.strip() else []) + paragraphs[1:]
    if not paragraphs:
        raise PageError("no article text found in the web page")
    found = {"date": document.date, "author": document.author, "outlet": document.sitename, "url": document.url}
    metadata = {name: _one_line(value) for name, value in found.items() if value}
    return Page(title, paragraphs, metadata, _furniture_log(html, title, paragraphs))


def _page_paragraphs(body) -> list[str]:
    """The text blocks of trafilatura's body: paragraphs, headings, list items, quotes."""
    blocks = []
    for element in body:
        if element.tag == "list":
            blocks += [_element_text(item) for item in element.iter("item")]
        elif element.tag == "quote" and len(element) and all(child.tag == "p" for child in element):
            blocks += [_element_text(child) for child in element]
        elif element.tag not in ("graphic", "table"):
            blocks.append(_element_text(element))
    return [b for b in (b.strip() for b in blocks) if b]


def _element_text(element) -> str:
    """An element's text, a line break (`lb`) as a new line."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _element_text(child))
        parts.append(child.tail or "")
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n"))


def _furniture_log(html: str, title: str, paragraphs: list[str]) -> list[LogEntry]:
    """What the page shows besides its article, one entry per line of its text (scripts,
    styles and the head logged as the cleaner logs them)."""
    page_text, log = html_to_text(html)
    log = [LogEntry(0, "replaced", "HTML page: main text extracted with trafilatura", "(whole file)"), *log[1:]]
    kept = _one_line(" ".join([title, *paragraphs]))
    seen = set()
    for line in page_text.split("\n"):
        line = _one_line(line)
        if line and line not in seen and line not in kept:
            seen.add(line)
            log.append(LogEntry(0, "removed", PAGE_FURNITURE_REASON, line))
    return log


def _one_line(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SETEXT_RE = re.compile(r"^(?P<title>[^\n#>*\-=][^\n]*)\n=+[ \t]*$", re.M)
_SETEXT_2_RE = re.compile(r"^(?P<title>[^\n#>*\-=][^\n]*)\n-{2,}[ \t]*$", re.M)
_RULE_RE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M)
_CODE_BLOCK_RE = re.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_LINK_DEFINITION_RE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M)
_REFERENCE_LINK_RE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK_RE = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\3(?![\w*])")
_H1_RE = re.compile(r"^#[ \t]+\S.*$", re.M)
FRONT_MATTER_FIELDS = {"title": "title", "date": "date", "author": "author", "source": "outlet", "url": "url"}
MARKDOWN_REMOVED_REASON = "markdown code block, comment or link definition (not article text)"
PREAMBLE_REASON = "before the markdown's first heading: navigation or labels (no sentence)"
PREAMBLE_MAX_WORDS = 9  # a line this long or shorter is no sentence of an article


def markdown_text(text: str) -> tuple[str, dict[str, str], list[LogEntry]]:
    """Markdown made ready for the cleaner, which strips headings, lists, links and images
    itself: YAML front matter read as metadata (its title as the headline); setext headings
    as `#` headings; emphasis (nested too) and reference links unwrapped; code blocks,
    comments, link definitions and rules removed (logged, but rules). When only short lines
    (navigation, labels) stand before the first level-1 heading, they go (logged) and the
    heading is the headline. Returns the text, the metadata and the log."""
    metadata: dict[str, str] = {}
    log: list[LogEntry] = []
    title = ""
    front = _FRONT_MATTER_RE.match(text)
    if front:
        try:
            fields = yaml.safe_load(front.group(1))
        except yaml.YAMLError:
            fields = None
        if isinstance(fields, dict):
            text = text[front.end() :]
            values = {str(k).lower(): cell_text(v) for k, v in fields.items()}
            title = values.get("title", "")
            metadata = {FRONT_MATTER_FIELDS[k]: v for k, v in values.items() if k in FRONT_MATTER_FIELDS and v}
            metadata.pop("title", None)
    for pattern in (_CODE_BLOCK_RE, _COMMENT_RE, _LINK_DEFINITION_RE):
        log += [LogEntry(0, "removed", MARKDOWN_REMOVED_REASON, _one_line(m.group(0))) for m in pattern.finditer(text)]
        text = pattern.sub("", text)
    text = _SETEXT_RE.sub(lambda m: f"# {m['title'].strip()}", text)
    text = _SETEXT_2_RE.sub(lambda m: f"## {m['title'].strip()}", text)
    text = _RULE_RE.sub("", text)
    text = _REFERENCE_LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    while _EMPHASIS_RE.search(text):
        text = _EMPHASIS_RE.sub(lambda m: m.group(2) or m.group(4), text)
    if title:
        return f"# {_one_line(title)}\n\n{text.strip()}", metadata, log
    heading = _H1_RE.search(text)
    if heading:
        before = [line.strip() for line in text[: heading.start()].splitlines() if line.strip()]
        if before and all(len(line.split()) <= PREAMBLE_MAX_WORDS for line in before):
            log += [LogEntry(0, "removed", PREAMBLE_REASON, line) for line in before]
            text = text[heading.start() :]
    return text.strip(), metadata, log
