"""The document model: one article, cleaned, segmented and tokenised once, read by every measure.

An `Article` holds the clean text and its parts: the headline and body paragraphs, their
sentences, each sentence's words and quoted stretches, all with character offsets (the
sentence's own offsets index `clean_text`; its words and quotes index the sentence text).
Each is computed once, when first asked for. The word (`clean.WORD_RE`) and "inside quotes"
(`quote_spans`) are defined here once; word counts are named for what they count.

Annotations of other components (a named-entity model, say) attach as span layers: a
`Component` names the layers it assigns, and `annotate` stores its spans on the article, as
spaCy's pipeline components annotate one shared `Doc`. The model is the package's own: its
segmentation (syntok) and cleaning offsets are what every table keys on, and a spaCy `Doc`
would add a large dependency to carry them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from .actors import ActorList, load_actors
from .clean import WORD_RE, CleanedText, CleaningRules, LogEntry, clean_text
from .segment import split_sentences

_QUOTE_MARK_RE = re.compile('"')


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
    def quotes(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each stretch inside double quotation marks, within the sentence text."""
        return tuple(quote_spans(self.text)) if '"' in self.text else ()


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
    layers: dict[str, list[Span]] = field(default_factory=dict)

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

    def __call__(self, article: Article) -> dict[str, list[Span]]: ...


def annotate(article: Article, component: Component) -> Article:
    """Run `component` on `article` and store the layers it declares (and only those)."""
    layers = component(article)
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
