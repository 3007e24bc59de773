"""Issue frames: dictionaries of the story's own frames, each mapped to a Policy Frames Codebook category."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from ...paths import DEFAULT_ISSUE_FRAMES_FILE, display_path
from ...schemas import check
from ...text.match import UNREAD, MatcherSet, TermMatcher, WordRuns
from .generic import YAML_LOADER, Hit


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


@dataclass(frozen=True)
class IssueFrames:
    frames: tuple[IssueFrame, ...]

    @cached_property
    def _index(self) -> MatcherSet:
        return MatcherSet({frame.id: frame.matcher for frame in self.frames})

    def hits(self, sentences: Sequence[str], words: Sequence[WordRuns | None] | None = None) -> list[Hit]:
        """Every dictionary match, in sentence order (`words`: each sentence's word runs, if read)."""
        hits = []
        words = words if words is not None else [UNREAD] * len(sentences)
        for i, (sentence, sentence_words) in enumerate(zip(sentences, words)):
            possible = self._index.possible(sentence, sentence_words)
            for frame in self.frames:
                if frame.id not in possible:
                    continue
                for start, end, term in frame.matcher.term_spans(sentence, sentence_words):
                    hits.append(Hit(i, "issue", frame.id, term, sentence[start:end], start, end))
        return hits

    @property
    def labels(self) -> dict[str, str]:
        return {f.id: f.label for f in self.frames}


@lru_cache(maxsize=8)
def load_issue_frames(path: str | Path | None = None) -> IssueFrames:
    """Read an issue-frames dictionary (the packaged one by default)."""
    path = Path(path or DEFAULT_ISSUE_FRAMES_FILE)
    spec = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    check(spec, "issue_frames", display_path(path))
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
