"""Debris removal and normalisation of scraped article text, with an audit log.

`clean_text(raw)` turns the raw text of one file into a headline and body paragraphs.
Every line or fragment it removes, and every name it de-obfuscates, is logged with the
reason and the id of the rule that did it. The generic rules live in
`data/cleaning_rules.yaml`; a corpus may add rules for the debris of its own sites in a file of
the same form (`load_rules(path, extra)`). Both files are checked when read: a wrong key or
type is a `RulesFileError` naming the file, the key and the expected form.

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

from ..paths import DEFAULT_RULES_FILE, display_path
from ..schemas import SchemaError, check, load_yaml
from .segment import split_sentences

WORD_RE = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
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
# Every match of _SPACED_DASH_RE on a line with single spaces holds one of these: lines without are skipped.
_SPACED_DASH_HINTS = ("—", "―", "--", " -", " –")
_UNSPACED_EN_DASH_RE = re.compile(r"(?<=\S)–(?=\S)")

_MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
_MD_LIST_MARKS = "-*+•▪◦●"
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
    """One removal or replacement made by the cleaner, with the id of the rule that made it."""

    line: int
    action: str
    reason: str
    text: str
    replacement: str = ""
    rule: str = ""


# Rule ids of the cleaner's own steps (the debris rules have the ids of their rules file).
HTML_RULE = "html_markup"
MARKDOWN_RULE = "markdown_markup"
OBFUSCATION_RULE = "obfuscated_name"
START_CASE_RULE = "start_case_headline"


@dataclass
class CleanedText:
    """A cleaned article: headline (or None), body paragraphs and the audit log."""

    headline: str | None
    paragraphs: list[str]
    log: list[LogEntry] = field(default_factory=list)
    headline_note: str = ""


@dataclass(frozen=True)
class _Rule:
    """A debris rule: its patterns, each with an optional gate (strings, one of which is inside
    every match of the pattern, so that a text holding none of them is not searched with it)."""

    id: str
    reason: str
    patterns: tuple[tuple[re.Pattern, tuple[str, ...]], ...]
    applies_to: str = "body"
    skip_first_line: bool = False
    case_sensitive: bool = False

    def search(self, text: str, first_line: bool = False, lowered: str | None = None) -> re.Match | None:
        """The first match of a pattern in `text` (none on the first line if the rule skips it).
        `lowered` is `text.lower()`, if the caller has it."""
        if first_line and self.skip_first_line:
            return None
        for pattern, gate in self.patterns:
            if gate:
                if self.case_sensitive:
                    haystack = text
                else:
                    haystack = lowered = text.lower() if lowered is None else lowered
                if not any(part in haystack for part in gate):
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
    start_case_max_words: int
    start_case_exclude: re.Pattern | None
    function_words: frozenset[str]
    headline_max_words: int
    headline_split_words: int
    headline_flags: tuple[re.Pattern, ...]


class RulesFileError(ValueError):
    """A cleaning-rules file of the wrong form; the message is one line naming the file and key."""


RULE_GROUPS = ("block_rules", "line_rules", "fragment_rules")
_HEADLINE_SECTIONS = ("start_case_headline", "headline")


def _read_yaml(path: Path) -> dict:
    where = display_path(path)
    try:
        spec = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RulesFileError(f"{where}: cannot read the cleaning rules ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise RulesFileError(f"{where}: not valid YAML ({' '.join(str(error).split())})") from None
    if not isinstance(spec, dict):
        raise RulesFileError(f"{where}: expected a mapping of rule groups ({', '.join(RULE_GROUPS)}), got {spec!r}")
    return spec


def _checked(path: Path, main: bool) -> dict:
    """A rules file, read and checked against its schema (analysis/schemas/cleaning_rules.yaml):
    the main file must have the headline sections, an extra file holds rule groups only."""
    spec, where = _read_yaml(path), display_path(path)
    known = (*RULE_GROUPS, *_HEADLINE_SECTIONS) if main else RULE_GROUPS
    unknown = sorted(set(spec) - set(known))
    if unknown:
        raise RulesFileError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(known)})")
    missing = [name for name in _HEADLINE_SECTIONS if main and name not in spec]
    if missing:
        raise RulesFileError(f"{where}: {missing[0]}: missing (expected a mapping, as in the packaged file)")
    try:
        check(spec, "cleaning_rules", where)
    except SchemaError as error:
        raise RulesFileError(str(error)) from None
    return spec


def _regex(where: str, key: str, pattern: str, flags: int) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise RulesFileError(f"{where}: {key}: not a valid regular expression ({error})") from None


def _rules(spec: dict, group: str, where: str) -> tuple[_Rule, ...]:
    """The compiled rules of one group of a checked rules file."""
    rules = []
    for i, entry in enumerate(spec.get(group) or []):
        key = f"{group}[{i}]"
        applies_to = entry.get("applies_to", "body")
        if group != "fragment_rules" and applies_to != "body":
            raise RulesFileError(
                f"{where}: {key}.applies_to: expected 'body' (headline: fragment rules only), got {applies_to!r}"
            )
        case_sensitive = entry.get("case_sensitive", False)
        flags = 0 if case_sensitive else re.IGNORECASE
        compiled = []
        for j, pattern in enumerate(entry["patterns"]):
            if isinstance(pattern, dict):
                gate = tuple(pattern["gate"] if case_sensitive else (g.lower() for g in pattern["gate"]))
                compiled.append((_regex(where, f"{key}.patterns[{j}].pattern", pattern["pattern"], flags), gate))
            else:
                compiled.append((_regex(where, f"{key}.patterns[{j}]", pattern, flags), ()))
        skip_first_line = entry.get("skip_first_line", False)
        rules.append(_Rule(entry["id"], entry["reason"], tuple(compiled), applies_to, skip_first_line, case_sensitive))
    return tuple(rules)


@lru_cache(maxsize=8)
def load_rules(path: str | Path | None = None, extra: str | Path | None = None) -> CleaningRules:
    """Read, check and compile a cleaning-rules file (the packaged one by default), and the
    rules of an `extra` file of the same form (rule groups only), applied after them."""
    path = Path(path) if path else DEFAULT_RULES_FILE
    spec, where = _checked(path, main=True), display_path(path)
    groups = {group: _rules(spec, group, where) for group in RULE_GROUPS}
    if extra:
        extra_spec = _checked(Path(extra), main=False)
        for group in RULE_GROUPS:
            groups[group] += _rules(extra_spec, group, display_path(Path(extra)))
    ids = [rule.id for group in RULE_GROUPS for rule in groups[group]]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        files = f"{where}, {display_path(Path(extra))}" if extra else where
        raise RulesFileError(f"{files}: rule id {repeated[0]!r} is given to two rules")
    start_case, headline = spec["start_case_headline"], spec["headline"]
    exclude = start_case.get("exclude")
    return CleaningRules(
        block_rules=groups["block_rules"],
        line_rules=groups["line_rules"],
        fragment_rules=groups["fragment_rules"],
        start_case_reason=start_case["reason"],
        start_case_min_words=start_case["min_words"],
        start_case_max_words=start_case["max_words"],
        start_case_exclude=_regex(where, "start_case_headline.exclude", exclude, 0) if exclude is not None else None,
        function_words=frozenset(w.lower() for w in start_case["function_words"]),
        headline_max_words=headline["max_words"],
        headline_split_words=headline["split_after_words"],
        headline_flags=tuple(
            _regex(where, f"headline.flags[{i}]", flag, re.IGNORECASE) for i, flag in enumerate(headline["flags"])
        ),
    )


def count_words(text: str) -> int:
    """Number of words (runs of letters and digits, with inner apostrophes, dots, hyphens)."""
    return len(WORD_RE.findall(text))


def normalise_characters(text: str) -> str:
    """Content-preserving normalisation of characters and whitespace (see module doc)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():  # every character these steps change is outside ASCII
        text = _ZERO_WIDTH_RE.sub("", text).translate(_CHAR_MAP)
        if "–" in text:
            text = _UNSPACED_EN_DASH_RE.sub("-", text)
    return "\n".join(_normalise_spacing(line) for line in text.split("\n"))


def _normalise_spacing(line: str) -> str:
    """One line with spaced dashes as " — ", whitespace runs as one space, stripped. Runs of
    whitespace are collapsed first: the dash pattern treats any run as it treats one space."""
    collapsed = " ".join(line.split())
    if collapsed and line[0].isspace():
        collapsed = " " + collapsed
    if collapsed and line[-1].isspace():
        collapsed += " "
    if any(hint in collapsed for hint in _SPACED_DASH_HINTS):
        return " ".join(_SPACED_DASH_RE.sub(" — ", collapsed).split())
    return collapsed.strip()


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
    log = [LogEntry(0, "replaced", "HTML markup converted to text", "(whole file)", rule=HTML_RULE)]
    for tag in soup.find_all(["head", "script", "style", "noscript", "template"]):
        if tag.decomposed:
            continue
        reason = "HTML page head (title and metadata)" if tag.name == "head" else "HTML script or style"
        content = tag.get_text(" ", strip=True)
        log.append(LogEntry(0, "removed", reason, content or f"<{tag.name}>", rule=HTML_RULE))
        tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_HTML_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return re.sub(r"\n{3,}", "\n\n", soup.get_text()), log


def _strip_markdown(line: str) -> tuple[str, bool]:
    """Remove markdown markup from one line; return the text and whether it was a heading."""
    heading = line.startswith("#") and bool(_MD_HEADING_RE.match(line))
    if heading:
        line = _MD_HEADING_RE.sub("", line)
    if line.startswith(">"):
        line = _MD_QUOTE_RE.sub("", line)
    if line[:1] in _MD_LIST_MARKS or line[:1].isdigit():
        line = _MD_LIST_RE.sub("", line)
    if "](" in line:
        line = _MD_LINK_RE.sub(r"\1", _MD_IMAGE_RE.sub("", line))
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
    """True for a title in which every word, short function words included, is capitalised
    (unless the rules' `exclude` pattern matches the line)."""
    if TERMINAL_RE.search(line):
        return False
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    if not rules.start_case_min_words <= len(words) <= rules.start_case_max_words:
        return False
    if rules.start_case_exclude and rules.start_case_exclude.search(line):
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
    if not line.endswith(".") or line.endswith("..."):  # an ellipsis leaves a headline open
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
    block, first_line = None, True  # first_line: no line kept yet (the headline's place)
    for number, line in enumerate(lines, start=1):
        if not line:
            kept.append(None)
            continue
        if block:
            rule = next((r for r in rules.line_rules if r.search(line)), None) or (
                block if _is_teaser(line, rules) else None
            )
            if rule:
                log.append(LogEntry(number, "removed", rule.reason, line, rule=rule.id))
                continue
            block = None
        text, was_heading = _strip_markdown(line)
        if text != line:
            log.append(LogEntry(number, "replaced", "markdown or list markup", line, text, MARKDOWN_RULE))
        if not text:
            continue
        lowered = text.lower()
        block = next((r for r in rules.block_rules if r.search(text, first_line, lowered)), None)
        if block:
            log.append(LogEntry(number, "removed", block.reason, text, rule=block.id))
            continue
        rule = next((r for r in rules.line_rules if r.search(text, first_line, lowered)), None)
        if rule:
            log.append(LogEntry(number, "removed", rule.reason, text, rule=rule.id))
            continue
        for rule in rules.fragment_rules:
            if rule.applies_to != "body":
                continue
            match = rule.search(text, first_line, lowered)
            if match and match.group(0).strip():
                log.append(LogEntry(number, "removed", rule.reason, match.group(0).strip(), rule=rule.id))
                text = (text[: match.start()] + " " + text[match.end() :]).strip()
                lowered = text.lower()
        text, changes = _deobfuscate(text, names)
        for before, after in changes:
            log.append(LogEntry(number, "replaced", "obfuscated name normalised", before, after, OBFUSCATION_RULE))
        text = " ".join(text.split())
        if text:
            kept.append((number, text, was_heading))
            first_line = False

    headline, note, kept = _take_headline(kept, rules, log)
    body: list[tuple[int, str, bool] | None] = []
    for item in kept:
        if item is not None and _is_start_case(item[1], rules):
            log.append(LogEntry(item[0], "removed", rules.start_case_reason, item[1], rule=START_CASE_RULE))
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
            removed.append((rule, match.group(0).strip()))
            candidate = candidate[: match.start()].rstrip() + candidate[match.end() :]
    if not _looks_like_headline(candidate, was_heading, rules):
        return None, "no headline: the first line reads as body text", kept[first:]
    for rule, fragment in removed:
        log.append(LogEntry(number, "removed", rule.reason, fragment, rule=rule.id))
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
