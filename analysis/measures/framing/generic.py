"""Generic frames (Semetko & Valkenburg 2000): indicator questions answered by sentence rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ...paths import DEFAULT_GENERIC_FRAMES_FILE, display_path
from ...schemas import check
from ...text.match import UNREAD, MatcherSet, TermMatcher, WordRuns
from .parties import PartyFinder
from .rules import Lexicon, Match, SentenceView, build_rule

# libyaml's parser where PyYAML was built with it: the same documents, read ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_CANDIDATE_SETS = 1 << 14  # sets of possible lexicons whose candidate items are kept


@dataclass(frozen=True)
class Item:
    """One indicator question and the rules that answer it."""

    id: str
    frame: str
    question: str
    rule: str
    rules: tuple

    def may_match(self, possible: frozenset[str]) -> bool:
        """False when no rule can match a sentence in which only the lexicons `possible` may."""
        for rule in self.rules:
            if rule.may_match(possible):
                return True
        return False

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        for rule in self.rules:
            found = rule.find(views, i)
            if found:
                return found
        return None


@dataclass(frozen=True)
class Hit:
    """Evidence: in sentence `sentence` (index), text `matched_text` at `start`-`end` triggered `item`."""

    sentence: int
    scheme: str
    frame: str
    item: str
    matched_text: str
    start: int
    end: int


@dataclass(frozen=True)
class GenericFrames:
    """The generic frames, their indicator items and the lexicons the rules use."""

    frames: tuple[tuple[str, str], ...]  # (id, label)
    items: tuple[Item, ...]
    lexicons: dict
    parties: PartyFinder
    index: MatcherSet  # of the lexicons' matchers
    # lexicons that may match in a sentence -> the items that may then match, as sentences meet them
    _candidates: dict = field(default_factory=dict, compare=False, repr=False)

    def candidates(self, possible: frozenset[str]) -> tuple[Item, ...]:
        """The items whose rules may match a sentence in which only the lexicons `possible` may
        (remembered for up to `MAX_CANDIDATE_SETS` sets at once)."""
        found = self._candidates.get(possible)
        if found is None:
            if len(self._candidates) >= MAX_CANDIDATE_SETS:
                self._candidates.clear()
            found = self._candidates[possible] = tuple(item for item in self.items if item.may_match(possible))
        return found

    def hits(self, sentences: Sequence[str], words: Sequence[WordRuns | None] | None = None) -> list[Hit]:
        """One hit per (sentence, item) whose rule the sentence triggers (`words`: each
        sentence's word runs, if read)."""
        known = PartyFinder.inner_capitalised(sentences)
        words = words if words is not None else [UNREAD] * len(sentences)
        views = [
            SentenceView(s, self.lexicons, self.parties, known, self.index.possible(s, w) | {"party"}, w)
            for s, w in zip(sentences, words)
        ]
        hits = []
        for i, view in enumerate(views):
            for item in self.candidates(view.possible):
                found = item.find(views, i)
                if found:
                    hits.append(Hit(i, "generic", item.frame, item.id, found.text(view.text), found.start, found.end))
        return hits

    def answers(self, hits: Sequence[Hit]) -> dict[tuple[str, str], int]:
        """(frame, item) -> number of sentences that triggered it (0 means the answer is no)."""
        counts = {(item.frame, item.id): 0 for item in self.items}
        for hit in hits:
            counts[(hit.frame, hit.item)] += 1
        return counts

    def scores(self, hits: Sequence[Hit]) -> dict[str, float]:
        """Frame score: the share of its items answered yes."""
        answers = self.answers(hits)
        return {
            frame: sum(n > 0 for (f, _), n in answers.items() if f == frame) / sum(f == frame for f, _ in answers)
            for frame, _ in self.frames
        }

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.frames)


def _lexicon(name: str, spec: dict) -> Lexicon:
    matcher = TermMatcher(spec.get("terms", ()), spec.get("patterns", ()))
    if not matcher.terms and not matcher.patterns:
        raise ValueError(f"lexicon {name!r} has neither terms nor patterns")
    return Lexicon(name, matcher, bool(spec.get("negatable", False)))


@lru_cache(maxsize=4)
def load_generic_frames(path: str | Path | None = None) -> GenericFrames:
    """Read the generic frame rules (the packaged file by default)."""
    spec = yaml.load(Path(path or DEFAULT_GENERIC_FRAMES_FILE).read_text(encoding="utf-8"), Loader=YAML_LOADER)
    check(spec, "generic_frames", display_path(Path(path or DEFAULT_GENERIC_FRAMES_FILE)))
    words = [spec["not_names"]["terms"], *(entry.get("terms", ()) for entry in spec["lexicons"].values())]
    if not all(isinstance(w, str) for group in words for w in group):
        raise ValueError(f"{path or DEFAULT_GENERIC_FRAMES_FILE}: every term must be a string (quote on, no, yes, off)")
    lexicons = {name: _lexicon(name, entry) for name, entry in spec["lexicons"].items()}
    parties = PartyFinder(
        not_names=frozenset(spec["not_names"]["terms"]),
        connectors=frozenset(spec["name_connectors"]["terms"]),
        pronoun_persons=dict(spec["pronoun_persons"]["persons"]),
        groups=lexicons["group_nouns"].matcher,
        pronouns=lexicons["pronouns"].matcher,
    )
    frames, items = [], []
    for frame in spec["frames"]:
        frames.append((frame["id"], frame["label"]))
        for item in frame["items"]:
            items.append(
                Item(
                    item["id"], frame["id"], item["question"], item["rule"], tuple(build_rule(r) for r in item["match"])
                )
            )
    known = set(lexicons) | {"party"}
    for item in items:
        for rule in item.rules:
            names = [getattr(rule, a) for a in ("lexicons", "cue", "opener", "attribution") if hasattr(rule, a)]
            missing = {n for v in names for n in ([v] if isinstance(v, str) else v)} - known
            if missing:
                raise ValueError(f"item {item.id!r} uses unknown lexicons: {sorted(missing)}")
    index = MatcherSet({name: lexicon.matcher for name, lexicon in lexicons.items()})
    return GenericFrames(tuple(frames), tuple(items), lexicons, parties, index)
