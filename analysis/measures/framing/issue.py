"""Issue frames: dictionaries of the story's own frames, each mapped to a Policy Frames Codebook category."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from ...paths import DATA_DIR
from ...text.match import TermMatcher, ordered_terms, term_regex
from .generic import Hit

DEFAULT_ISSUE_FRAMES_FILE = DATA_DIR / "issue_frames.yaml"


@dataclass(frozen=True)
class IssueFrame:
    id: str
    label: str
    pfc_code: int
    pfc_category: str
    definition: str
    source: str
    terms: tuple[str, ...]
    matcher: TermMatcher

    def term_of(self, matched: str) -> str:
        """The dictionary term that produced a match."""
        if matched not in self._term_of_match:
            self._term_of_match[matched] = next(
                (term for term, regex in self._term_regexes if regex.fullmatch(matched)), matched
            )
        return self._term_of_match[matched]

    @cached_property
    def _term_regexes(self) -> tuple[tuple[str, re.Pattern], ...]:
        return tuple((term, re.compile(term_regex(term), re.IGNORECASE)) for term in ordered_terms(self.terms))

    @cached_property
    def _term_of_match(self) -> dict[str, str]:
        return {}


@dataclass(frozen=True)
class IssueFrames:
    frames: tuple[IssueFrame, ...]

    def hits(self, sentences: Sequence[str]) -> list[Hit]:
        """Every dictionary match, in sentence order."""
        hits = []
        for i, sentence in enumerate(sentences):
            for frame in self.frames:
                for start, end in frame.matcher.spans(sentence):
                    matched = sentence[start:end]
                    hits.append(Hit(i, "issue", frame.id, frame.term_of(matched), matched, start, end))
        return hits

    @property
    def labels(self) -> dict[str, str]:
        return {f.id: f.label for f in self.frames}


@lru_cache(maxsize=8)
def load_issue_frames(path: str | Path | None = None) -> IssueFrames:
    """Read an issue-frames dictionary (the packaged one by default)."""
    path = Path(path or DEFAULT_ISSUE_FRAMES_FILE)
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    frames = []
    for entry in spec["frames"]:
        missing = [k for k in ("id", "label", "definition", "source", "terms") if not entry.get(k)]
        if missing:
            raise ValueError(f"{path}: frame {entry.get('id', '?')!r} lacks {', '.join(missing)}")
        terms = tuple(str(t) for t in entry["terms"])
        frames.append(
            IssueFrame(
                entry["id"],
                entry["label"],
                int(entry.get("pfc_code", 15)),
                entry.get("pfc_category", "Other"),
                entry["definition"],
                entry["source"],
                terms,
                TermMatcher(terms),
            )
        )
    return IssueFrames(tuple(frames))
