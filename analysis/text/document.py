"""The document model: one article, cleaned and segmented once, read by every measure.

An `Article` holds the clean text and its parts: the headline and body paragraphs, their
sentences, with character offsets into `clean_text`. Measures never re-derive these.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .actors import ActorList, load_actors
from .clean import CleanedText, CleaningRules, LogEntry, clean_text
from .segment import split_sentences


@dataclass(frozen=True)
class Sentence:
    sentence_id: int
    paragraph_id: int
    part: str
    start: int
    end: int
    text: str


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

    @property
    def body_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.part == "body"]

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.clean_text[p.start:p.end] for p in self.paragraphs if p.part == "body")


def build_article(article_id: str, source_file: str, raw_text: str,
                  rules: CleaningRules | None = None, actors: ActorList | None = None,
                  metadata: dict[str, str] | None = None) -> Article:
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
        for s_start, s_end in split_sentences(text):
            sentences.append(Sentence(len(sentences), paragraph_id, part, start + s_start,
                                      start + s_end, text[s_start:s_end]))
    return Article(article_id, source_file, raw_text, clean, cleaned.headline, cleaned.headline_note,
                   paragraphs, sentences, cleaned.log, dict(metadata or {}))


