"""Matching words and phrases in text: the one term matcher every lexicon uses.

A term is a word or phrase from a YAML word list: whole words only, spaces match any
whitespace, `*` matches any word ending, and terms written in capitals (NATO) match
case-sensitively. Raw regular expressions may sit beside the terms. Where matches overlap,
the leftmost wins, and of those starting at the same place the longest term (the order of
`TermMatcher.terms`), then the terms before the raw patterns. A word list may also forbid
a match right after some other characters (`not_after="."`: "Carney" not in "mark.carney").
`is_negated` is the package's one negation rule; its words live in `data/negation.yaml`.

Terms made of plain words (ASCII letters, digits, `_`; "climate change", "NATO") are found
in a text's index of words (`WordRuns`), without a regular expression; the other terms and
the raw patterns are searched with their regexes where the index says they may match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice
from types import MappingProxyType

from ..paths import DATA_DIR, display_path
from ..schemas import check, load_yaml

NEGATION_FILE = DATA_DIR / "negation.yaml"
# Non-ASCII characters that match an ASCII letter when case is ignored (İ, ı, ſ, Kelvin sign).
_ASCII_FOLD_RE = re.compile(r"(?=(?i:[a-z]))[^\x00-\x7f]")
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9_]+")
_WORD_RUN_RE = re.compile(r"\w+")
_PLAIN_WORD_RE = re.compile(r"[A-Za-z0-9_]+")
_RUN_PAIR_RE = re.compile(r"\b(\w+)\s+(?=(\w+))")  # two runs with whitespace between
_NEGATION_WINDOW_RE = re.compile(r"[\w']+")
_MAX_STRINGS = 200  # strings kept for one part of a raw pattern
_MAX_RUNS = 1 << 16  # runs whose matchers a `MatcherSet` keeps
_REPEAT_RE = re.compile(r"\{(\d*)(?:,\d*)?\}")


def term_regex(term: str) -> str:
    """A whole-word regex for a term: spaces match any whitespace, `*` any word ending.

    Terms written in capitals (two letters or more, e.g. NATO) match case-sensitively.
    """
    words = [re.escape(w).replace(r"\*", r"[\w'-]*") for w in term.split()]
    body = r"\s+".join(words)
    if is_acronym(term):
        body = f"(?-i:{body})"
    return body


def is_acronym(term: str) -> bool:
    """True for a term written in capitals (two letters or more), which matches case-sensitively."""
    letters = re.sub(r"[^A-Za-z]", "", term)
    return len(letters) >= 2 and letters.isupper()


def ordered_terms(terms: Sequence[str]) -> tuple[str, ...]:
    """Terms longest first (then alphabetically): the order in which they are tried."""
    return tuple(sorted({str(t) for t in terms}, key=lambda t: (-len(t), t)))


def compile_terms(
    terms: Sequence[str] = (), patterns: Sequence[str] = (), ignore_case: bool = True, not_after: str = ""
) -> re.Pattern | None:
    """One regex for a word list (longest terms first, whole words, none right after a
    character of `not_after`) and raw patterns."""
    alternatives = []
    if terms:
        before = r"(?<![\w" + re.escape(not_after) + "])"
        alternatives.append(before + "(?:" + "|".join(term_regex(t) for t in ordered_terms(terms)) + r")(?![\w])")
    alternatives += [f"(?:{p})" for p in patterns]
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE if ignore_case else 0)


@dataclass(frozen=True)
class WordRuns:
    """The runs of word characters of one text, lower-cased, and the text lower-cased.

    `lowered` has the length of the text, so offsets into one are offsets into the other.
    """

    lowered: str
    run_set: frozenset[str]
    admitted: dict = field(default_factory=dict, compare=False, repr=False)  # _Gate -> admits this text
    opened: dict = field(
        default_factory=dict, compare=False, repr=False
    )  # MatcherSet -> {matcher: ranks its runs open}

    @cached_property
    def beginnings(self) -> frozenset[str]:
        """Every beginning of every run: "c", "cl", ..., "climate" for "climate"."""
        return frozenset().union(*map(_beginnings, self.run_set))

    @cached_property
    def pairs(self) -> frozenset[str]:
        """Every two runs with only whitespace between them, as "climate change"."""
        return frozenset(map(" ".join, _RUN_PAIR_RE.findall(self.lowered)))

    def sequence_spans(
        self, text: str, words: tuple[str, ...], exact: bool, not_after: str = ""
    ) -> list[tuple[int, int]]:
        """Spans of `text` where whole runs separated by whitespace only are `words` (compared
        lower-cased; `exact`: in the text's own case too), not right after a character of
        `not_after`: where the regex of a term of plain words matches."""
        lowered, first = self.lowered, words[0].lower()
        found = []
        start = lowered.find(first)
        while start >= 0:
            opens = start == 0 or not (_is_word(lowered[start - 1]) or text[start - 1] in not_after)
            end = _sequence_end(lowered, start, words) if opens else None
            if end is not None and (not exact or _same_words(text[start:end], words)):
                found.append((start, end))
            start = lowered.find(first, start + 1)
        return found


def _is_word(character: str) -> bool:
    """True for a character that `\\w` matches."""
    return character.isalnum() or character == "_"


def _sequence_end(lowered: str, start: int, words: tuple[str, ...]) -> int | None:
    """Where the whole runs `words`, separated by whitespace, end if they begin at `start`."""
    position = start
    for k, word in enumerate(words):
        if k:
            gap_end = position
            while gap_end < len(lowered) and lowered[gap_end].isspace():
                gap_end += 1
            if gap_end == position:
                return None
            position = gap_end
        if not lowered.startswith(word.lower(), position):
            return None
        position += len(word)
        if position < len(lowered) and _is_word(lowered[position]):
            return None
    return position


def _same_words(matched: str, words: tuple[str, ...]) -> bool:
    return matched.split() == list(words)


def read_word_runs(text: str) -> WordRuns | None:
    """The word runs of `text`; None when `text` holds a character that matches an ASCII letter
    only when case is ignored (İ, ı, ſ, K), as an ASCII term may then match text that is not
    its lower case. (İ is also the one character whose lower case is two characters long.)
    The document model keeps each sentence's (`Sentence.word_runs`) for every matcher."""
    if not text.isascii() and _ASCII_FOLD_RE.search(text):
        return None
    lower = text.lower()
    return WordRuns(lower, frozenset(_WORD_RUN_RE.findall(lower)))


@lru_cache(maxsize=256)
def word_runs(text: str) -> WordRuns | None:
    """`read_word_runs`, remembered for the last texts read (for callers without a sentence's)."""
    return read_word_runs(text)


# A matcher's `words` argument when the caller has not read the text's word runs.
UNREAD = object()


@lru_cache(maxsize=1 << 16)
def _beginnings(run: str) -> tuple[str, ...]:
    """ "c", "cl", ..., "climate" for "climate"."""
    return tuple(run[:k] for k in range(1, len(run) + 1))


def _opening(term: str) -> tuple[str, bool]:
    """The ASCII word characters that every match of `term` starts with, lower-cased ("" if
    none), and whether they are a whole run of word characters of the match."""
    words = term.split()
    opening = _ASCII_WORD_RE.match(words[0]) if words else None
    if not opening:
        return "", False
    after = words[0][opening.end() : opening.end() + 1]
    return opening.group(0).lower(), not after or (after != "*" and not _WORD_RUN_RE.match(after))


class TermMatcher:
    """The matches of a word list and raw patterns in a text (see the module docstring).

    A term matches only where a run of word characters begins, and its match starts with the
    ASCII word characters that open the term: the whole run (`climate` of "climate change",
    `u` of "U.S.") or, before a `*` or another word character, the beginning of the run
    (`tariff` of "tariff*"). A term of plain words is looked up by its word, or by its first
    two words among the text's `WordRuns.pairs` ("climate change"), and found in the text
    without a regex; every other term is searched for, with its own regex, only in texts that have its opening; and
    the raw patterns (as one regex) only in texts holding one of the strings their matches
    must contain (`required_strings`). The matches are merged as the alternation would
    choose them. Texts with characters that fold to ASCII letters, and word lists with a
    term that opens otherwise, are matched with the whole alternation (`pattern`), which
    gives the same matches. `finditer`, `spans` and `term_spans` take the text's word runs
    (`words`, e.g. a sentence's `word_runs`) where the caller has them.
    """

    def __init__(
        self, terms: Sequence[str] = (), patterns: Sequence[str] = (), ignore_case: bool = True, not_after: str = ""
    ):
        self.terms = ordered_terms(terms)
        self.patterns = tuple(patterns)
        self.flags = re.IGNORECASE if ignore_case else 0
        self.not_after = not_after
        self._keys: dict[str, list[int]] = {}  # first two words of a term of plain words -> its ranks
        self._firsts: dict[str, list[int]] = {}  # and its first word
        self._whole: dict[str, list[int]] = {}
        self._starts: dict[str, list[int]] = {}
        self._words: dict[int, tuple[tuple[str, ...], bool]] = {}  # rank -> (words, case-sensitive)
        self._indexed = True
        # Plain terms are found without their regex unless `not_after` has a letter (whose
        # other case the regex would also refuse).
        uncased_not_after = not_after.lower() == not_after.upper()
        for rank, term in enumerate(self.terms):
            words = tuple(term.split())
            if words and all(_PLAIN_WORD_RE.fullmatch(w) for w in words) and uncased_not_after:
                if len(words) > 1:
                    self._keys.setdefault(" ".join(words[:2]).lower(), []).append(rank)
                    self._firsts.setdefault(words[0].lower(), []).append(rank)
                else:
                    self._whole.setdefault(words[0].lower(), []).append(rank)
                self._words[rank] = (words, not ignore_case or is_acronym(term))
                continue
            opening, whole = _opening(term)
            self._indexed &= bool(opening)
            (self._whole if whole else self._starts).setdefault(opening, []).append(rank)
        self._key_set, self._first_set = frozenset(self._keys), frozenset(self._firsts)
        self._whole_set, self._start_set = frozenset(self._whole), frozenset(self._starts)
        # Terms of several plain words are looked up by their first word, or with `by_pairs`
        # by their first two, which costs a pass over the text (`WordRuns.pairs`) but picks
        # fewer terms to try. A `MatcherSet` makes that pass anyway and sets it.
        self.by_pairs = False
        self.matcher_set: MatcherSet | None = None  # the last `MatcherSet` made with this matcher
        required = [required_strings(p) for p in self.patterns]
        self._raw_gate = None if None in required or not required else _Gate(frozenset().union(*required))
        self._term_patterns: dict[int, re.Pattern] = {}

    @cached_property
    def _raw(self) -> re.Pattern | None:
        """The raw patterns' alternation (None without raw patterns)."""
        return compile_terms((), self.patterns, bool(self.flags)) if self.patterns else None

    @cached_property
    def pattern(self) -> re.Pattern | None:
        """The whole alternation of the terms and patterns (None if there are neither)."""
        return compile_terms(self.terms, self.patterns, bool(self.flags), self.not_after)

    def finditer(self, text: str, words: WordRuns | None = UNREAD) -> Iterator[re.Match]:
        """The matches in `text`, in order (match objects of the terms' or patterns' regexes)."""
        words = (word_runs(text) if words is UNREAD else words) if self._indexed else None
        if words is None:
            return self.pattern.finditer(text) if self.pattern is not None else iter(())
        patterns = [self._term_pattern(rank) for rank in self._ranks(words)] if self.terms else []
        if self._raw_admits(words):
            patterns.append(self._raw)
        if len(patterns) <= 1:
            return patterns[0].finditer(text) if patterns else iter(())
        return self._merged(text, patterns)

    def search(self, text: str) -> re.Match | None:
        """The first match in `text`, or None (the whole alternation finds it at once)."""
        return self.pattern.search(text) if self.pattern is not None else None

    def spans(self, text: str, words: WordRuns | None = UNREAD) -> list[tuple[int, int]]:
        """The (start, end) of the matches in `text`, in order: those of `finditer`, with the
        terms of plain words found in the text's word index rather than by regex."""
        words = (word_runs(text) if words is UNREAD else words) if self._indexed else None
        if words is None:
            return [m.span() for m in self.pattern.finditer(text)] if self.pattern is not None else []
        sources, _ = self._sources(text, words)
        if len(sources) <= 1 and not (sources and isinstance(sources[0], list)):
            return [m.span() for m in sources[0].finditer(text)] if sources else []
        return [(start, end) for start, end, _ in self._merged_spans(text, sources)]

    def term_spans(self, text: str, words: WordRuns | None = UNREAD) -> list[tuple[int, int, str | None]]:
        """(start, end, term) of the matches in `text`, in order (as `spans`); the term is the
        one of `terms` that matched, None for a match of the raw patterns."""
        words = (word_runs(text) if words is UNREAD else words) if self._indexed else None
        if words is None:
            if self.pattern is None:
                return []
            return [(m.start(), m.end(), self._term_at(text, m.start())) for m in self.pattern.finditer(text)]
        sources, ranks = self._sources(text, words)
        terms = [None if rank is None else self.terms[rank] for rank in ranks]
        return [(start, end, terms[i]) for start, end, i in self._merged_spans(text, sources)]

    def _sources(self, text: str, words: WordRuns) -> tuple[list[list[tuple[int, int]] | re.Pattern], list[int | None]]:
        """Where the matches of `text` may come from, in the alternation's order: the spans of
        each term of plain words, the regex of each other term (with their ranks) and the raw
        patterns (rank None), for the terms whose key or opening the text has."""
        sources: list[list[tuple[int, int]] | re.Pattern] = []
        ranks: list[int | None] = self._ranks(words) if self.terms else []
        for rank in ranks:
            if rank in self._words:
                term_words, exact = self._words[rank]
                sources.append(words.sequence_spans(text, term_words, exact, self.not_after))
            else:
                sources.append(self._term_pattern(rank))
        if self._raw_admits(words):
            sources.append(self._raw)
            ranks.append(None)
        return sources, ranks

    def _term_at(self, text: str, start: int) -> str | None:
        """The first term that matches at `start` (the one the alternation chooses), None if
        only the raw patterns do."""
        return next((t for rank, t in enumerate(self.terms) if self._term_pattern(rank).match(text, start)), None)

    def _ranks(self, words: WordRuns) -> list[int]:
        """The terms (by rank) whose key or opening `words` has, in order."""
        opened = words.opened.get(self.matcher_set) if self.matcher_set is not None else None
        if opened is not None:  # the ranks the runs open, found by this matcher's `MatcherSet`
            ranks = list(opened.get(self, ()))
        else:
            ranks = [rank for opening in self._whole_set & words.run_set for rank in self._whole[opening]]
            if self._starts:
                ranks += [rank for opening in self._start_set & words.beginnings for rank in self._starts[opening]]
        if self._keys and self.by_pairs:
            ranks += [rank for key in self._key_set & words.pairs for rank in self._keys[key]]
        elif self._firsts:
            ranks += [rank for first in self._first_set & words.run_set for rank in self._firsts[first]]
        return sorted(ranks)

    def _raw_admits(self, words: WordRuns) -> bool:
        """Whether the raw patterns may match the text of `words`."""
        return bool(self.patterns) and (self._raw_gate is None or self._raw_gate.admits(words))

    def _merged(self, text: str, patterns: list[re.Pattern]) -> Iterator[re.Match]:
        """The matches of the alternation of `patterns`: scanning left to right, the leftmost
        match wins, the pattern listed first on a tie, and the scan goes on after it. After an
        empty match the whole alternation takes over (it alone knows where its next match may
        start)."""
        found = [p.search(text) for p in patterns]
        position, count = 0, 0
        while True:
            best = None
            for i, pattern in enumerate(patterns):
                match = found[i]
                if match is not None and match.start() < position:
                    match = found[i] = pattern.search(text, position)
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return
            if best.end() == best.start():
                yield from islice(self.pattern.finditer(text), count, None)
                return
            yield best
            count += 1
            position = best.end()

    def _merged_spans(self, text: str, sources: list[list[tuple[int, int]] | re.Pattern]) -> list[tuple[int, int, int]]:
        """`_merged` for sources that are regexes or lists of every span where a term matches:
        (start, end, index of the source) of each match."""
        if len(sources) == 1 and isinstance(sources[0], re.Pattern):
            return [(*m.span(), 0) for m in sources[0].finditer(text)]
        if not any(isinstance(source, re.Pattern) for source in sources):  # all known: sort them
            merged, position = [], 0
            for start, i, end in sorted((start, i, end) for i, spans in enumerate(sources) for start, end in spans):
                if start >= position:
                    merged.append((start, end, i))
                    position = end
            return merged
        found = [_next_span(source, text, 0) for source in sources]
        merged: list[tuple[int, int, int]] = []
        position = 0
        while True:
            best, chosen = None, -1
            for i, source in enumerate(sources):
                span = found[i]
                if span is not None and span[0] < position:
                    span = found[i] = _next_span(source, text, position)
                if span is not None and (best is None or span[0] < best[0]):
                    best, chosen = span, i
            if best is None:
                return merged
            if best[1] == best[0]:
                rest = islice(self.pattern.finditer(text), len(merged), None)
                return merged + [(m.start(), m.end(), self._source_at(text, m.start(), sources)) for m in rest]
            merged.append((*best, chosen))
            position = best[1]

    def _source_at(self, text: str, start: int, sources: list[list[tuple[int, int]] | re.Pattern]) -> int:
        """The first source that matches at `start`."""
        return next(i for i, source in enumerate(sources) if (_next_span(source, text, start) or (-1,))[0] == start)

    def _term_pattern(self, rank: int) -> re.Pattern:
        if rank not in self._term_patterns:
            self._term_patterns[rank] = compile_terms([self.terms[rank]], (), bool(self.flags), self.not_after)
        return self._term_patterns[rank]


def _next_span(source: list[tuple[int, int]] | re.Pattern, text: str, position: int) -> tuple[int, int] | None:
    """The first match of `source` (a regex, or every span where a term matches) starting at
    `position` or later."""
    if isinstance(source, list):
        return next((span for span in source if span[0] >= position), None)
    match = source.search(text, position)
    return match.span() if match else None


class _Gate:
    """Strings one of which a text must hold: a few are looked for one by one, more with a regex."""

    def __init__(self, strings: frozenset[str]):
        self.strings = frozenset(strings)
        ordered = sorted(strings)
        self._regex = re.compile(_trie_regex(ordered)) if len(ordered) > 3 else None
        self._few = tuple(ordered)

    def admits(self, words: WordRuns) -> bool:
        """Whether the text of `words` holds one of the strings (remembered per text)."""
        if self not in words.admitted:
            lowered = words.lowered
            if self._regex is not None:
                words.admitted[self] = self._regex.search(lowered) is not None
            else:
                words.admitted[self] = any(s in lowered for s in self._few)
        return words.admitted[self]


class _StringFinder:
    """Which of many strings a lower-cased text holds, in one scan: at each position a trie
    regex finds the longest listed string that starts there, and with it every listed string
    that begins it."""

    def __init__(self, strings: frozenset[str]):
        ordered = sorted(strings)
        self._regex = re.compile(f"(?=({_trie_regex(ordered, longest=True)}))")
        self._beginning = {s: frozenset(s[:k] for k in range(1, len(s) + 1)) & strings for s in ordered}

    def found(self, lowered: str) -> frozenset[str]:
        return frozenset().union(*map(self._beginning.__getitem__, set(self._regex.findall(lowered))))


def _trie_regex(strings: Sequence[str], longest: bool = False) -> str:
    """A regex that finds a text holding one of `strings`, written as a trie (common beginnings
    once) so that it tries few alternatives at each character. Where one string begins with
    another, the shorter one is enough, or with `longest` the longest one that matches."""
    trie: dict = {}
    for string in strings:
        node = trie
        for character in string:
            node = node.setdefault(character, {})
        node[""] = {}

    def render(node: dict) -> str:
        children = {character: child for character, child in node.items() if character}
        if "" in node and (not longest or not children):  # a listed string ends here
            return ""
        branches = [re.escape(character) + render(child) for character, child in sorted(children.items())]
        alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # longest: go on if the text does
            return f"(?:{alternation})?"
        return alternation

    return render(trie)


def required_strings(pattern: str) -> frozenset[str] | None:
    """Lower-case strings one of which every match of the regex `pattern` contains, read
    from its text; None if none is found.

    Literal characters, and groups and alternations of few literal strings, match exactly
    those strings; zero-width items (`\\b`, `^`, lookarounds) match "" and so join the strings
    around them. A run of such items, and every group or item made no more than repeated,
    is contained in each match: the most selective of these (longest shortest string) is
    the answer for a branch, and an alternation needs an answer for every branch. A text
    holding none of the strings in lower case, and no character that folds to an ASCII
    letter (see `word_runs`), has no match.
    """
    if re.search(r"\(\?[a-zA-Z]*x", pattern):  # verbose patterns: spaces are not literal
        return None
    return _read(pattern)[1]


def _read(pattern: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(every string `pattern` matches, if few and literal; the strings of `required_strings`)."""
    branches: list[tuple[frozenset[str] | None, frozenset[str] | None]] = []
    candidates: list[frozenset[str]] = []
    run, exact_branch, i = frozenset([""]), True, 0

    def add(exact: frozenset[str] | None, required: frozenset[str] | None = None) -> None:
        nonlocal run, exact_branch
        joined = frozenset(a + b for a in run for b in exact) if exact is not None else None
        if joined is not None and len(joined) <= _MAX_STRINGS:
            run = joined
        else:
            candidates.append(run)
            run, exact_branch = exact if exact is not None else frozenset([""]), False
        if required:
            candidates.append(required)

    def close_branch() -> None:
        candidates.append(run)
        usable = [c for c in candidates if c and all(c)]
        best = max(usable, key=lambda c: (min(map(len, c)), -len(c)), default=None)
        branches.append((run if exact_branch else None, best))

    while i < len(pattern):
        character, end = pattern[i], i + 1
        exact: frozenset[str] | None = None
        if character == "\\":
            escaped, end = pattern[i + 1 : i + 2], i + 2
            if escaped in ("b", "B", "A", "Z"):
                exact = frozenset([""])
            elif escaped.isascii() and escaped and not escaped.isalnum():
                exact = frozenset([escaped.lower()])
        elif character == "[":
            end = i + 1 + (pattern[i + 1 : i + 2] == "^")
            end += pattern[end : end + 1] == "]"
            while end < len(pattern) and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            members = pattern[i + 1 : end]
            if members and not set(members) & set("^-\\[") and all(map(_plain, members)):
                exact = frozenset(members.lower())
            end += 1
        elif character == "(":
            depth, end = 1, i + 1
            while end < len(pattern) and depth:
                if pattern[end] == "\\":
                    end += 1
                elif pattern[end] == "[":
                    end += 1 + (pattern[end + 1 : end + 2] == "^")
                    end += pattern[end : end + 1] == "]"
                    while end < len(pattern) and pattern[end] != "]":
                        end += 2 if pattern[end] == "\\" else 1
                else:
                    depth += {"(": 1, ")": -1}.get(pattern[end], 0)
                end += 1
            if depth:
                return None, None
            inner = _group_content(pattern[i + 1 : end - 1])
            if inner is None:
                exact = frozenset([""]) if pattern[i + 1 : i + 3] in ("?=", "?!", "?<", "?#") else None
            else:
                exact, required = _read(inner)
                repeated = _repetition(pattern, end)
                if repeated == "optional":
                    exact = exact | {""} if exact is not None and pattern[end : end + 1] == "?" else None
                    required = None
                elif repeated:
                    exact = None
                add(exact, required)
                i = end
                continue
        elif character == "|":
            close_branch()
            run, exact_branch, candidates, i = frozenset([""]), True, [], i + 1
            continue
        elif character in "^$":
            exact = frozenset([""])
        elif _plain(character) and character not in ".*+?{}]":
            exact = frozenset([character.lower()])
        elif character in "*+?" or _REPEAT_RE.match(pattern, i):
            repeat = _REPEAT_RE.match(pattern, i)
            i = repeat.end() if repeat else i + 1
            continue
        repeated = _repetition(pattern, end)
        if repeated == "optional":
            exact = exact | {""} if exact is not None and pattern[end : end + 1] == "?" else None
            add(exact)
        elif repeated:
            add(None, exact if exact and all(exact) else None)
        else:
            add(exact)
        i = end
    close_branch()
    exacts = [e for e, _ in branches]
    union = frozenset().union(*exacts) if None not in exacts else None
    requireds = [r for _, r in branches]
    return (
        union if union is not None and len(union) <= _MAX_STRINGS else None,
        None if None in requireds else frozenset().union(*requireds),
    )


def _plain(character: str) -> bool:
    """An ASCII character, or one without case: lower-casing a text keeps what it matches."""
    return character.isascii() or character.lower() == character == character.upper()


def _repetition(pattern: str, i: int) -> str:
    """How often the item ending just before `pattern[i]` may match: "" (once), "optional"
    (perhaps never) or "repeated" (once or more)."""
    following = pattern[i : i + 1]
    if following in ("?", "*"):
        return "optional"
    if following == "+":
        return "repeated"
    repeat = _REPEAT_RE.match(pattern, i) if following == "{" else None
    if following == "{" and not repeat:
        return "optional"  # a literal brace, or a quantifier this reading does not know: assume the worst
    if repeat:
        return "repeated" if repeat.group(1) and int(repeat.group(1)) >= 1 else "optional"
    return ""


def _group_content(group: str) -> str | None:
    """The pattern inside a group's parentheses whose content every match of it matches, or
    None (lookarounds, conditionals, comments, back references)."""
    if not group.startswith("?"):
        return group
    flags = re.match(r"\?[aiLmsux-]*:", group)
    if flags:
        return group[flags.end() :]
    named = re.match(r"\?P<\w+>", group)
    return group[named.end() :] if named else None


@lru_cache(maxsize=1)
def _negation() -> tuple[frozenset[str], tuple[str, ...], int]:
    spec = load_yaml(NEGATION_FILE.read_text(encoding="utf-8"))
    check(spec, "negation", display_path(NEGATION_FILE))
    return (
        frozenset(w.lower() for w in spec["negators"]["terms"]),
        tuple(spec["negating_endings"]["terms"]),
        int(spec["window_words"]),
    )


def is_negated(text: str, start: int) -> bool:
    """True when one of the words just before `start` is a negation (data/negation.yaml)."""
    negators, endings, window = _negation()
    previous = _NEGATION_WINDOW_RE.findall(text[max(0, start - 40) : start])[-window:]
    return any(w.lower() in negators or w.lower().endswith(endings) for w in previous)


class MatcherSet:
    """Named matchers over the same texts, and which of them may match a given text: those with
    a term whose key or opening the text has, and those whose raw patterns may match (a
    superset of the matchers that do match, found with a few set lookups).

    Which terms of which matchers a run of word characters opens is worked out once per run
    and kept (`_RunIndex`), for this set and for its matchers' own lookups: a text's openings
    are then one lookup per distinct run; its pairs of runs are read only when one of its runs
    begins a key.
    """

    def __init__(self, matchers: dict[str, TermMatcher]):
        self.matchers = dict(matchers)
        self._keys: dict[str, set[str]] = {}
        self._always = frozenset(name for name, m in self.matchers.items() if not m._indexed)
        self._gated = [(name, m._raw_gate) for name, m in self.matchers.items() if m.patterns]
        gates = [gate for _, gate in self._gated if gate is not None]
        self._gate_strings = _StringFinder(frozenset().union(*(g.strings for g in gates))) if gates else None
        self._run_index = _RunIndex(self.matchers.values())
        self._names = {matcher: name for name, matcher in self.matchers.items()}
        for name, matcher in self.matchers.items():
            matcher.by_pairs = True
            matcher.matcher_set = self
            for key in matcher._keys:
                self._keys.setdefault(key, set()).add(name)
        self._key_set = frozenset(self._keys)
        self._key_firsts = frozenset(key.split()[0] for key in self._keys)

    def possible(self, text: str, words: WordRuns | None = UNREAD) -> frozenset[str]:
        """The names of the matchers that may match in `text` (`words`: its word runs, if read)."""
        words = word_runs(text) if words is UNREAD else words
        if words is None:
            return frozenset(self.matchers)
        found = set(self._always)
        opened: dict[TermMatcher, tuple[int, ...]] = {}
        for terms in filter(None, map(self._run_index.__getitem__, words.run_set)):
            for matcher, ranks in terms.items():
                opened[matcher] = opened.get(matcher, ()) + ranks
        words.opened[self] = opened
        found.update(map(self._names.__getitem__, opened))
        if self._keys and not self._key_firsts.isdisjoint(words.run_set):
            found.update(*map(self._keys.__getitem__, self._key_set & words.pairs))
        present = self._gate_strings.found(words.lowered) if self._gate_strings is not None else frozenset()
        for name, gate in self._gated:  # every gate at once, remembered for the matchers
            if gate is not None:
                words.admitted[gate] = admitted = not gate.strings.isdisjoint(present)
            if gate is None or admitted:
                found.add(name)
        return frozenset(found)


_NO_TERMS: Mapping = MappingProxyType({})


class _RunIndex(dict):
    """Run of word characters (lower case) -> {matcher: ranks of its terms that the run opens},
    a term being opened by a run equal to its whole-run opening or beginning with its opening
    (see `TermMatcher`). Filled as runs are met; emptied when it holds `_MAX_RUNS` runs, so
    that it stays small on any corpus."""

    def __init__(self, matchers: Iterable[TermMatcher]):
        super().__init__()
        self._whole: dict[str, list[tuple[TermMatcher, int]]] = {}
        self._starts: dict[str, list[tuple[TermMatcher, int]]] = {}
        for matcher in matchers:
            for index, openings in ((self._whole, matcher._whole), (self._starts, matcher._starts)):
                for opening, ranks in openings.items():
                    if opening:
                        index.setdefault(opening, []).extend((matcher, rank) for rank in ranks)
        self._start_lengths = sorted({len(opening) for opening in self._starts})

    def __missing__(self, run: str) -> Mapping:
        opened = list(self._whole.get(run, ()))
        for length in self._start_lengths:
            if length > len(run):
                break
            opened += self._starts.get(run[:length], ())
        terms: dict[TermMatcher, tuple[int, ...]] = {}
        for matcher, rank in opened:
            terms[matcher] = (*terms.get(matcher, ()), rank)
        if len(self) >= _MAX_RUNS:
            self.clear()
        self[run] = found = terms or _NO_TERMS
        return found
