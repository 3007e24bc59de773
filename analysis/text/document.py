"""The document model: one article, cleaned, segmented and tokenised once, read by every measure.

An `Article` holds the clean text and its parts: the headline and body paragraphs, their
sentences, each sentence's words and quoted stretches, all with character offsets (the
sentence's own offsets index `clean_text`; its words and quotes index the sentence text).
Each is computed once, when first asked for. The word (`clean.WORD_RE`) and "inside quotes"
are defined here once; word counts are named for what they count.

Quotations are read at two scales. `quote_spans` finds a sentence's quoted stretches from
the sentence alone (`Sentence.quotes`, `Sentence.unquoted_text`). `paragraph_quotations`
reads a whole paragraph, for rules that attach quotations to speakers: its quotations may
cross sentence boundaries, have straight or curly marks (texts read raw, not cleaned, keep
curly ones) and stay unclosed at the end of a paragraph when they go on in the next one.
Such rules read the paragraph token by token with `tokenize`, whose tokens carry a kind
(word, abbreviation, possessive, mark, punctuation) and whether they lie inside a quotation.

Annotations of other components attach as layers: a `Component` names the layers it assigns,
and `annotate` stores them on the article, as spaCy's pipeline components annotate one shared
`Doc`. The entity recognizer (`text.entities`) assigns the entity mentions (character offsets
into `clean_text`) and the model's own parse of the clean text, which measures that read
syntax use. The model stays the package's own: its segmentation (syntok) and cleaning offsets
are what every table keys on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Protocol

from .actors import ActorList, load_actors
from .clean import WORD_RE, CleanedText, CleaningRules, LogEntry, clean_text
from .match import WordRuns, read_word_runs
from .segment import split_sentences

_QUOTE_MARK_RE = re.compile('"')
QUOTATION_MARK_RE = re.compile(r'["“”]|\'\'')  # straight, curly, two apostrophes
TOKEN_RE = re.compile(
    r"""
    (?P<abbreviation>(?:[A-Z]\.){2,}(?![A-Za-z])   # U.S., U.K.
  | [A-Z][a-z]{0,3}\.(?=\s+[A-Z]))                 # Mr. Carney, Sen. Kaine, B. Egede
  | (?P<word>\w+(?:[-'’](?![sS]\b)\w+)*)          # words, hyphenated words, O'Malley, isn't
  | (?P<possessive>['’][sS]\b)                     # possessive 's
  | (?P<mark>'')                                   # two apostrophes as a quotation mark
  | (?P<punctuation>\S)                            # any other character
""",
    re.X,
)
_QUOTATION_OPENERS = set("([{—–-/:;")
_LAST_WORD_RE = re.compile(r"(\w+)\W*$")


@dataclass(frozen=True)
class Span:
    """A stretch of `clean_text` with a label, e.g. one named entity."""

    start: int
    end: int
    label: str = ""


@dataclass(frozen=True)
class Sentence:
    sentence_id: int
    paragraph_id: int
    part: str
    start: int
    end: int
    text: str

    @cached_property
    def words(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each word, within the sentence text."""
        return tuple(m.span() for m in WORD_RE.finditer(self.text))

    @cached_property
    def n_words(self) -> int:
        """len(words), counted without building the spans."""
        return len(WORD_RE.findall(self.text))

    @cached_property
    def word_runs(self) -> WordRuns | None:
        """The text's runs of word characters, lower-cased, read once for every term matcher
        (`text.match.read_word_runs`)."""
        return read_word_runs(self.text)

    @cached_property
    def quotes(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each stretch inside double quotation marks, within the sentence text."""
        return tuple(quote_spans(self.text)) if '"' in self.text else ()

    @cached_property
    def unquoted_text(self) -> str:
        """The sentence text with each quoted stretch (`quotes`) replaced by one space."""
        return without_spans(self.text, self.quotes) if self.quotes else self.text


@dataclass(frozen=True)
class Paragraph:
    paragraph_id: int
    part: str
    start: int
    end: int


@dataclass
class Article:
    """One cleaned and segmented article. Offsets index `clean_text`."""

    article_id: str
    source_file: str
    raw_text: str
    clean_text: str
    headline: str | None
    headline_note: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    cleaning_log: list[LogEntry]
    metadata: dict[str, str] = field(default_factory=dict)
    layers: dict[str, object] = field(default_factory=dict)  # set by components (`annotate`)

    @property
    def body_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.part == "body"]

    @property
    def n_words(self) -> int:
        """Words of the body."""
        return sum(s.n_words for s in self.body_sentences)

    @property
    def n_words_with_headline(self) -> int:
        """Words of the headline and the body."""
        return sum(s.n_words for s in self.sentences)

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.clean_text[p.start : p.end] for p in self.paragraphs if p.part == "body")


class Component(Protocol):
    """Something that annotates an article: its name and the span layers it assigns."""

    name: str
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> dict[str, object]: ...


def annotate(article: Article, component: Component, layers: dict[str, object] | None = None) -> Article:
    """Run `component` on `article` (or take the `layers` it made for it in a batch) and store
    the layers it declares (and only those)."""
    layers = component(article) if layers is None else layers
    if set(layers) != set(component.assigns):
        raise ValueError(f"{component.name} assigns {sorted(component.assigns)}, returned {sorted(layers)}")
    article.layers.update(layers)
    return article


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks, marks included; a text that starts inside a quote
    (a sentence of a quotation begun earlier) is handled: its first mark closes a quote."""
    spans, opened = [], None
    for m in _QUOTE_MARK_RE.finditer(text):
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = (before.isspace() or before in "([{—-:") and not after.isspace()
        if opened is None and opening:
            opened = i
        elif opened is None:
            spans.append((0, i))  # a quote that began in an earlier sentence closes here
        else:
            spans.append((opened, i + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


class Token(NamedTuple):
    """A token of `tokenize`: offsets into the text, whether it is quoted, its kind, its text
    in lower case with straight apostrophes, and whether it starts with a letter or digit."""

    text: str
    start: int
    end: int
    quoted: bool
    kind: str  # word, abbreviation, possessive, mark or punctuation
    low: str
    is_word: bool


@dataclass(frozen=True)
class Quotation:
    """A quotation: `start`/`end` include the marks; `closed` is False for an unclosed mark;
    `full` is False for a phrase quoted inside a sentence (a reader of the text decides)."""

    start: int
    end: int
    closed: bool
    full: bool = True

    def inner(self, text: str) -> str:
        return text[self.start : self.end].strip().strip("\"“”'").strip()


def paragraph_quotations(text: str, start: int, end: int) -> list[Quotation]:
    """The quotations in text[start:end] (one paragraph), in order.

    A mark opens a quotation when it follows a space or an opening bracket or dash and is
    followed by a non-space; curly marks say their direction. A quotation still open at the
    end of the paragraph is returned with `closed=False` (it may go on in the next one).
    """
    quotes, open_at = [], None
    for match in QUOTATION_MARK_RE.finditer(text, start, end):
        pos, mark = match.start(), match.group()
        width = len(mark)
        before = text[pos - 1] if pos > start else " "
        after = text[pos + width] if pos + width < end else " "
        if mark == "“":
            opening = True
        elif mark == "”":
            opening = False
        else:
            looks_open = (before.isspace() or before in _QUOTATION_OPENERS or pos == start) and not after.isspace()
            looks_close = not before.isspace() or after.isspace() or pos + width == end
            opening = looks_open if looks_open != looks_close else open_at is None
        if open_at is None:
            if opening:
                open_at = pos
        elif opening and (mark == "“" or not text[open_at:pos].strip('"“ ').strip() == ""):
            if mark == "“" or before.isspace():
                quotes.append(Quotation(open_at, pos, closed=False))
                open_at = pos
        else:
            quotes.append(Quotation(open_at, pos + width, closed=True))
            open_at = None
    if open_at is not None:
        quotes.append(Quotation(open_at, end, closed=False))
    return [q for q in quotes if q.inner(text)]


def tokenize(text: str, start: int, end: int, quotes: Sequence[Quotation] = ()) -> list[Token]:
    """Tokens of text[start:end], each marked as inside one of `quotes` (in order) or not."""
    tokens, qi = [], 0
    for match in TOKEN_RE.finditer(text, start, end):
        while qi < len(quotes) and quotes[qi].end <= match.start():
            qi += 1
        quoted = qi < len(quotes) and quotes[qi].start <= match.start() < quotes[qi].end
        piece = match.group()
        tokens.append(
            Token(
                piece,
                match.start(),
                match.end(),
                quoted,
                match.lastgroup,
                piece.lower().replace("’", "'"),
                piece[0].isalnum(),
            )
        )
    return tokens


def last_word(text: str) -> str | None:
    """The last run of word characters of `text` if only other characters follow it (looked
    for in the last 200 characters first: a match there that does not start the excerpt
    cannot begin earlier in the text)."""
    tail = text[-200:]
    match = _LAST_WORD_RE.search(tail)
    if len(tail) < len(text) and (match is None or match.start() == 0):
        match = _LAST_WORD_RE.search(text)
    return match.group(1) if match else None


def without_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with each of `spans` (in order, not overlapping) replaced by one space."""
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(text[position:start])
        position = end
    return " ".join(pieces + [text[position:]])


def sentence_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the sentences of each paragraph `text[start:end]`, as offsets into `text`."""
    return [(start + s, start + e) for start, end in paragraphs for s, e in split_sentences(text[start:end])]


def build_article(
    article_id: str,
    source_file: str,
    raw_text: str,
    rules: CleaningRules | None = None,
    actors: ActorList | None = None,
    metadata: dict[str, str] | None = None,
) -> Article:
    """Clean and segment one article's raw text."""
    actors = actors or load_actors()
    cleaned: CleanedText = clean_text(raw_text, rules, actors.obfuscated_names())
    pieces: list[tuple[str, str]] = []
    if cleaned.headline:
        pieces.append(("headline", cleaned.headline))
    pieces += [("body", p) for p in cleaned.paragraphs]

    clean, paragraphs, sentences = "", [], []
    body_count = 0
    for part, text in pieces:
        if clean:
            clean += "\n\n"
        start = len(clean)
        clean += text
        body_count += part == "body"
        paragraph_id = body_count if part == "body" else 0
        paragraphs.append(Paragraph(paragraph_id, part, start, len(clean)))
        for s_start, s_end in sentence_spans(clean, [(start, len(clean))]):
            sentences.append(Sentence(len(sentences), paragraph_id, part, s_start, s_end, clean[s_start:s_end]))
    return Article(
        article_id,
        source_file,
        raw_text,
        clean,
        cleaned.headline,
        cleaned.headline_note,
        paragraphs,
        sentences,
        cleaned.log,
        dict(metadata or {}),
    )
