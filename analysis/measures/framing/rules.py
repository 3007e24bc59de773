"""Sentence rules: lexicon matches, the text that triggered a rule, and the five rule kinds.

A rule looks at one sentence (`SentenceView`, which computes each lexicon's spans and the
parties once) and, for `contrast`, the sentences before it; it returns the `Match` that
triggered it or None. The kinds are described in `data/generic_frames.yaml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...text.match import UNREAD, TermMatcher, WordRuns, is_negated
from .parties import PartyFinder

PIECE_SEPARATOR = " … "


@dataclass(frozen=True)
class Lexicon:
    name: str
    matcher: TermMatcher
    negatable: bool = False

    def spans(self, text: str, words: WordRuns | None = UNREAD) -> list[tuple[int, int]]:
        """Match spans (`words`: the text's word runs, if read); negated ones are left out if
        the lexicon is negatable."""
        return [
            (start, end)
            for start, end in self.matcher.spans(text, words)
            if end > start and not (self.negatable and is_negated(text, start))
        ]


class SentenceView:
    """One sentence with its lexicon spans and parties, computed once when first asked."""

    def __init__(
        self,
        text: str,
        lexicons: dict[str, Lexicon],
        parties: PartyFinder,
        known_names: frozenset[str] | None = None,
        possible: frozenset[str] | None = None,
        words: WordRuns | None = UNREAD,
    ):
        self.text = text
        self.words = words  # the text's word runs, if read
        self.possible = possible  # lexicons that may match here (None: any)
        self._known_names = known_names
        self._lexicons = lexicons
        self._party_finder = parties
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._parties: list[tuple[int, int, str, bool]] | None = None
        self._party_keys: dict[tuple[int, int], str] | None = None  # span -> key of its party

    @property
    def parties(self) -> list[tuple[int, int, str, bool]]:
        if self._parties is None:
            self._parties = self._party_finder.spans(self.text, self._known_names, self.words)
        return self._parties

    def party_key(self, span: tuple[int, int]) -> str | None:
        if self._party_keys is None:
            self._party_keys = {}
            for start, end, key, _ in self.parties:
                self._party_keys.setdefault((start, end), key)
        return self._party_keys.get(span)

    def spans(self, name: str) -> list[tuple[int, int]]:
        if name == "party":
            return [(s, e) for s, e, _, _ in self.parties]
        if name not in self._spans:
            may_match = self.possible is None or name in self.possible
            self._spans[name] = self._lexicons[name].spans(self.text, self.words) if may_match else []
        return self._spans[name]

    def named_parties(self) -> set[str]:
        return {key for _, _, key, named in self.parties if named}


@dataclass(frozen=True)
class Match:
    """Text that triggered a rule: pieces (start, end) within one sentence."""

    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def text(self, sentence: str) -> str:
        return PIECE_SEPARATOR.join(sentence[s:e] for s, e in self.pieces)


def _match(*pieces: tuple[int, int]) -> Match:
    return Match(tuple(sorted(pieces)))


@dataclass(frozen=True)
class AnyRule:
    lexicons: tuple[str, ...]

    def may_match(self, possible: frozenset[str]) -> bool:
        return not possible.isdisjoint(self.lexicons)

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        spans = [s for name in self.lexicons for s in views[i].spans(name)]
        return _match(min(spans)) if spans else None


@dataclass(frozen=True)
class AllRule:
    lexicons: tuple[str, ...]

    def may_match(self, possible: frozenset[str]) -> bool:
        return possible.issuperset(self.lexicons)

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        pieces = []
        for name in self.lexicons:
            spans = views[i].spans(name)
            if not spans:
                return None
            pieces.append(spans[0])
        return _match(*dict.fromkeys(pieces))


@dataclass(frozen=True)
class SequenceRule:
    lexicons: tuple[str, ...]
    max_gap: int

    def may_match(self, possible: frozenset[str]) -> bool:
        return possible.issuperset(self.lexicons)

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        options = []
        for name in self.lexicons:
            spans = views[i].spans(name)
            if not spans:
                return None
            options.append(spans)

        view = views[i]

        def extend(chain: list[tuple[int, int]], k: int) -> list[tuple[int, int]] | None:
            if k == len(options):
                return chain
            used = {view.party_key(s) for s, name in zip(chain, self.lexicons) if name == "party"}
            for span in options[k]:
                if chain and not (span[0] >= chain[-1][1] and span[0] - chain[-1][1] <= self.max_gap):
                    continue
                if self.lexicons[k] == "party" and view.party_key(span) in used:
                    continue
                result = extend(chain + [span], k + 1)
                if result:
                    return result
            return None

        chain = extend([], 0)
        return _match(*chain) if chain else None


@dataclass(frozen=True)
class PartiesRule:
    minimum: int
    cue: str

    def may_match(self, possible: frozenset[str]) -> bool:
        return self.cue in possible

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        cues = views[i].spans(self.cue)
        if not cues:
            return None
        cue = cues[0]
        distinct: dict[str, tuple[int, int]] = {}
        for start, end, key, _ in views[i].parties:
            if not (start < cue[1] and cue[0] < end):
                distinct.setdefault(key, (start, end))
        if len(distinct) < self.minimum:
            return None
        return _match(cue, *list(distinct.values())[: self.minimum])


@dataclass(frozen=True)
class ContrastRule:
    """ "X said ... But Y argued": a contrast-led statement by a new party after another's."""

    opener: str
    attribution: str
    window: int

    def may_match(self, possible: frozenset[str]) -> bool:
        return self.opener in possible and self.attribution in possible

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        view = views[i]
        openers, speech = view.spans(self.opener), view.spans(self.attribution)
        if not openers or not speech:
            return None
        parties = view.named_parties()
        for j in range(max(0, i - self.window), i):
            earlier = views[j]
            earlier_parties = earlier.named_parties()
            if earlier.spans(self.attribution) and earlier_parties and parties - earlier_parties:
                new = next((s, e) for s, e, key, named in view.parties if named and key in parties - earlier_parties)
                return _match(openers[0], *dict.fromkeys([new, speech[0]]))
        return None


def build_rule(spec: dict):
    """The rule of one `match` entry of the generic-frames file."""
    if "any" in spec:
        return AnyRule(tuple(spec["any"]))
    if "all" in spec:
        return AllRule(tuple(spec["all"]))
    if "sequence" in spec:
        return SequenceRule(tuple(spec["sequence"]), int(spec.get("max_gap", 80)))
    if "parties" in spec:
        return PartiesRule(int(spec["parties"]["min"]), spec["parties"]["with"])
    if "contrast" in spec:
        c = spec["contrast"]
        return ContrastRule(c["opener"], c["attribution"], int(c.get("window", 2)))
    raise ValueError(f"unknown rule kind: {sorted(spec)}")
