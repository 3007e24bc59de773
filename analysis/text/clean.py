"""Debris removal and normalisation of scraped article text, with an audit log.

`clean_text(raw)` turns the raw text of one file into a headline and body paragraphs.
Every line or fragment it removes, and every name it de-obfuscates, is logged with the
reason of the rule that did it. The rules live in `data/cleaning_rules.yaml`.

An HTML page (several block-level tags) is first converted to text, without its scripts
and styles; plain text that merely contains a tag is left as it is (it is data).

Normalisation that keeps content is not logged entry by entry; it is documented here:
Unicode NFC; CRLF/CR line endings to LF; zero-width characters and the BOM dropped;
non-breaking and other Unicode spaces to a plain space; curly and angled quotes to
straight ones; the ellipsis character to "..."; em dashes and spaced en dashes to " — ",
unspaced en dashes (France–Canada, 2024–2025) to "-"; runs of spaces collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from ..paths import DATA_DIR, display_path
from ..schemas import check
from .segment import split_sentences

DEFAULT_RULES_FILE = DATA_DIR / "cleaning_rules.yaml"

WORD_RE = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_RE = re.compile(r"[^\S\n]+")
_CHAR_MAP = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "…": "...",
        "−": "-",
    }
)
_SPACED_DASH_RE = re.compile(r"\s*[—―]\s*|\s+[–-]{1,2}\s+|\s*(?<!-)--(?!-)\s*")
# Every match of _SPACED_DASH_RE holds a match of _SPACED_DASH_HINT_RE: lines without one are skipped.
_SPACED_DASH_HINT_RE = re.compile(r"[—―]|\s[–-]|--")
_UNSPACED_EN_DASH_RE = re.compile(r"(?<=\S)–(?=\S)")

_MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
_MD_LIST_RE = re.compile(r"^(?:[-*+•▪◦●]|\d{1,3}[.)])\s+")
_MD_QUOTE_RE = re.compile(r"^>\s?")
_MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_OBFUSCATED_RE = re.compile(
    r"""(?<![\w.])[A-Za-z](?:[.\-_*•·][A-Za-z]){3,}(?:\.(?!\s*(?:$|[A-Z"'])))?(?![\w])"""
    r"|(?<!\w)[A-Za-z]+\*+[A-Za-z]*(?!\w)"
)
# Every match of _OBFUSCATED_RE holds a "*" or a letter between two separators: lines without are skipped.
_OBFUSCATION_HINT_RE = re.compile(r"\*|[.\-_•·][A-Za-z][.\-_•·]")
TERMINAL_RE = re.compile(r"[.!?][\"')\]]*$")


@dataclass(frozen=True)
class LogEntry:
    """One removal or replacement made by the cleaner."""

    line: int
    action: str
    reason: str
    text: str
    replacement: str = ""


@dataclass
class CleanedText:
    """A cleaned article: headline (or None), body paragraphs and the audit log."""

    headline: str | None
    paragraphs: list[str]
    log: list[LogEntry] = field(default_factory=list)
    headline_note: str = ""


@dataclass(frozen=True)
class _Rule:
    """A debris rule: its patterns, each with an optional gate (a cheap regex that every match of the
    pattern contains, so that a text the gate misses is not searched with the pattern)."""

    id: str
    reason: str
    patterns: tuple[tuple[re.Pattern, re.Pattern | None], ...]
    applies_to: str = "body"

    def search(self, text: str) -> re.Match | None:
        for pattern, gate in self.patterns:
            if gate and not gate.search(text):
                continue
            match = pattern.search(text)
            if match:
                return match
        return None


@dataclass(frozen=True)
class CleaningRules:
    """The debris rules of a rules file, compiled."""

    block_rules: tuple[_Rule, ...]
    line_rules: tuple[_Rule, ...]
    fragment_rules: tuple[_Rule, ...]
    start_case_reason: str
    start_case_min_words: int
    function_words: frozenset[str]
    headline_max_words: int
    headline_split_words: int
    headline_flags: tuple[re.Pattern, ...]


def _compile_pattern(spec: str | dict, flags: int) -> tuple[re.Pattern, re.Pattern | None]:
    """A pattern given as a string, or as a mapping of `pattern` and its `gate`, compiled with `flags`."""
    if isinstance(spec, str):
        return re.compile(spec, flags), None
    return re.compile(spec["pattern"], flags), re.compile(spec["gate"], flags)


def _compile_rules(entries: list[dict]) -> tuple[_Rule, ...]:
    rules = []
    for entry in entries or []:
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        patterns = tuple(_compile_pattern(p, flags) for p in entry["patterns"])
        rules.append(_Rule(entry["id"], entry["reason"], patterns, entry.get("applies_to", "body")))
    return tuple(rules)


@lru_cache(maxsize=8)
def load_rules(path: str | Path | None = None) -> CleaningRules:
    """Read and compile a cleaning-rules YAML file (the packaged one by default)."""
    path = Path(path) if path else DEFAULT_RULES_FILE
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    check(spec, "cleaning_rules", display_path(path))
    start_case = spec["start_case_headline"]
    headline = spec["headline"]
    return CleaningRules(
        block_rules=_compile_rules(spec.get("block_rules")),
        line_rules=_compile_rules(spec.get("line_rules")),
        fragment_rules=_compile_rules(spec.get("fragment_rules")),
        start_case_reason=start_case["reason"],
        start_case_min_words=int(start_case["min_words"]),
        function_words=frozenset(w.lower() for w in start_case["function_words"]),
        headline_max_words=int(headline["max_words"]),
        headline_split_words=int(headline["split_after_words"]),
        headline_flags=tuple(re.compile(p, re.IGNORECASE) for p in headline["flags"]),
    )


def count_words(text: str) -> int:
    """Number of words (runs of letters and digits, with inner apostrophes, dots, hyphens)."""
    return len(WORD_RE.findall(text))


def normalise_characters(text: str) -> str:
    """Content-preserving normalisation of characters and whitespace (see module doc)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = text.translate(_CHAR_MAP)
    if "–" in text:
        text = _UNSPACED_EN_DASH_RE.sub("-", text)
    text = "\n".join(
        _SPACED_DASH_RE.sub(" — ", line) if _SPACED_DASH_HINT_RE.search(line) else line for line in text.split("\n")
    )
    text = _SPACE_RE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


_HTML_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "table",
    "tr",
    "html",
    "body",
    "figure",
    "figcaption",
)
_HTML_TAG_RE = re.compile(r"<\s*/?\s*(" + "|".join(_HTML_BLOCK_TAGS) + r")\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True for an HTML document or fragment (several block-level tags), not for plain text
    that merely mentions a tag: such text is data and stays as it is."""
    return len(_HTML_TAG_RE.findall(text[:200_000])) >= 3


def html_to_text(text: str) -> tuple[str, list[LogEntry]]:
    """Plain text of an HTML page: block elements become paragraphs; scripts and styles go."""
    soup = BeautifulSoup(text, "html.parser")
    log = [LogEntry(0, "replaced", "HTML markup converted to text", "(whole file)")]
    for tag in soup.find_all(["head", "script", "style", "noscript", "template"]):
        if tag.decomposed:
            continue
        reason = "HTML page head (title and metadata)" if tag.name == "head" else "HTML script or style"
        content = tag.get_text(" ", strip=True)
        log.append(LogEntry(0, "removed", reason, content or f"<{tag.name}>"))
        tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_HTML_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return re.sub(r"\n{3,}", "\n\n", soup.get_text()), log


def _strip_markdown(line: str) -> tuple[str, bool]:
    """Remove markdown markup from one line; return the text and whether it was a heading."""
    heading = bool(_MD_HEADING_RE.match(line))
    line = _MD_HEADING_RE.sub("", line)
    line = _MD_QUOTE_RE.sub("", line)
    line = _MD_LIST_RE.sub("", line)
    line = _MD_IMAGE_RE.sub("", line)
    line = _MD_LINK_RE.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _MD_EMPHASIS_RE.sub(lambda m: m.group(2) or m.group(3), line)
    return line.strip(), heading


def _deobfuscate(line: str, names: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """Replace masked spellings of known names (T.R.U.M.P, Tr*mp) with the name."""
    changes: list[tuple[str, str]] = []
    if not _OBFUSCATION_HINT_RE.search(line):
        return line, changes

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if "*" in token and not re.search(r"[.\-_•·]", token):
            mask = re.compile(token.replace("*", ".").lower())
            hits = [n for n in names if len(n) >= len(token) and mask.fullmatch(n)]
            name = names[hits[0]] if len(hits) == 1 else None
        else:
            letters = re.sub(r"[^A-Za-z]", "", token).lower()
            name = names.get(letters)
        if name is None:
            return token
        changes.append((token, name))
        return name

    return _OBFUSCATED_RE.sub(replace, line), changes


def _is_start_case(line: str, rules: CleaningRules) -> bool:
    """True for a title in which every word, short function words included, is capitalised."""
    if TERMINAL_RE.search(line):
        return False
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    if len(words) < rules.start_case_min_words:
        return False
    if not all(w[0].isupper() for w in words):
        return False
    return any(w.lower() in rules.function_words for w in words[1:])


def _is_teaser(line: str, rules: CleaningRules) -> bool:
    """A line of a related-posts block: a headline (site tag allowed) or a cut-off excerpt."""
    if line.endswith("...") or line.endswith("…"):
        return True
    for rule in rules.fragment_rules:
        if rule.applies_to == "headline":
            match = rule.search(line)
            if match:
                line = line[: match.start()].rstrip()
    return _looks_like_headline(line, False, rules)


def _looks_like_headline(line: str, was_heading: bool, rules: CleaningRules) -> bool:
    if was_heading:
        return True
    n_words = count_words(line)
    if n_words == 0 or n_words > rules.headline_max_words:
        return False
    if any(flag.search(line) for flag in rules.headline_flags):
        return True
    if not line.endswith("."):
        return True
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    return sum(w[0].isupper() for w in words) >= 0.6 * max(len(words), 1)


def clean_text(
    raw: str, rules: CleaningRules | None = None, obfuscated_names: dict[str, str] | None = None
) -> CleanedText:
    """Clean the raw text of one article. See the module docstring for what is done."""
    rules = rules or load_rules()
    names = obfuscated_names or {}
    log: list[LogEntry] = []
    if looks_like_html(raw):
        raw, log = html_to_text(raw)
    # Each kept line: (raw line number, text, was a markdown heading); None marks a blank line.
    kept: list[tuple[int, str, bool] | None] = []
    lines = normalise_characters(raw).split("\n")
    block_open, block_reason = False, ""
    for number, line in enumerate(lines, start=1):
        if not line:
            kept.append(None)
            continue
        if block_open:
            rule = next((r for r in rules.line_rules if r.search(line)), None)
            if rule or _is_teaser(line, rules):
                log.append(LogEntry(number, "removed", rule.reason if rule else block_reason, line))
                continue
            block_open = False
        text, was_heading = _strip_markdown(line)
        if text != line:
            log.append(LogEntry(number, "replaced", "markdown or list markup", line, text))
        if not text:
            continue
        block = next((r for r in rules.block_rules if r.search(text)), None)
        if block:
            block_open, block_reason = True, block.reason
            log.append(LogEntry(number, "removed", block.reason, text))
            continue
        rule = next((r for r in rules.line_rules if r.search(text)), None)
        if rule:
            log.append(LogEntry(number, "removed", rule.reason, text))
            continue
        for rule in rules.fragment_rules:
            if rule.applies_to != "body":
                continue
            match = rule.search(text)
            if match and match.group(0).strip():
                log.append(LogEntry(number, "removed", rule.reason, match.group(0).strip()))
                text = (text[: match.start()] + " " + text[match.end() :]).strip()
        text, changes = _deobfuscate(text, names)
        for before, after in changes:
            log.append(LogEntry(number, "replaced", "obfuscated name normalised", before, after))
        text = _SPACE_RE.sub(" ", text).strip()
        if text:
            kept.append((number, text, was_heading))

    headline, note, kept = _take_headline(kept, rules, log)
    body: list[tuple[int, str, bool] | None] = []
    for item in kept:
        if item is not None and _is_start_case(item[1], rules):
            log.append(LogEntry(item[0], "removed", rules.start_case_reason, item[1]))
            continue
        body.append(item)
    log.sort(key=lambda entry: entry.line)
    return CleanedText(headline, _assemble_paragraphs(body), log, note)


def _take_headline(kept, rules: CleaningRules, log: list[LogEntry]):
    """Detect the headline on the first non-blank line; return it, a note and the rest."""
    first = next((i for i, item in enumerate(kept) if item is not None), None)
    if first is None:
        return None, "no text left after cleaning", []
    number, text, was_heading = kept[first]
    rest = kept[first + 1 :]
    candidate, removed = text, []
    for rule in rules.fragment_rules:
        if rule.applies_to != "headline":
            continue
        match = rule.search(candidate)
        if match:
            removed.append((rule.reason, match.group(0).strip()))
            candidate = candidate[: match.start()].rstrip() + candidate[match.end() :]
    if not _looks_like_headline(candidate, was_heading, rules):
        return None, "no headline: the first line reads as body text", kept[first:]
    for reason, fragment in removed:
        log.append(LogEntry(number, "removed", reason, fragment))
    if count_words(candidate) > rules.headline_split_words:
        sentences = split_sentences(candidate)
        if len(sentences) > 1:
            start, end = sentences[0]
            teaser = candidate[sentences[1][0] :].strip()
            return (
                candidate[start:end],
                "headline: first sentence of a long first line; the rest is kept as the first paragraph",
                [(number, teaser, False), None] + rest,
            )
    return candidate, "headline: first line", rest


def _assemble_paragraphs(items) -> list[str]:
    """Each line is a paragraph, except hard-wrapped lines, which are joined."""
    paragraphs: list[str] = []
    joinable = False
    for item in items:
        if item is None:
            joinable = False
            continue
        text = item[1]
        if joinable and paragraphs and text[:1].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        else:
            paragraphs.append(text)
        joinable = not TERMINAL_RE.search(text) and not text.endswith((":", ";"))
    return paragraphs
