"""Matching words and phrases in text: the one term matcher every lexicon uses.

A term is a word or phrase from a YAML word list: whole words only, spaces match any
whitespace, `*` matches any word ending, and terms written in capitals (NATO) match
case-sensitively. Raw regular expressions may sit beside the terms. `TermPattern` finds
the same matches as the compiled alternation, faster, by trying only the terms a text can
match. `is_negated` is the package's one negation rule.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Sequence

try:  # the parser of the `re` module, to read raw patterns (see _required_texts)
    from re import _constants as _regex_constants
    from re import _parser as _regex_parser
except ImportError:  # another Python version: raw patterns are always run
    _regex_constants = _regex_parser = None

_NEGATORS = {"not", "never", "no", "without", "nor", "cannot"}
_NEGATION_WINDOW_RE = re.compile(r"[\w']+")
# Non-ASCII characters that match an ASCII letter when case is ignored (İ, ı, ſ, Kelvin sign).
_ASCII_FOLD_RE = re.compile(r"(?=(?i:[a-z]))[^\x00-\x7f]")
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9_]+")
_WORD_RUN_RE = re.compile(r"\w+")
_MAX_TEXTS = 200  # strings kept per part of a raw pattern (see _texts)


def term_regex(term: str) -> str:
    """A whole-word regex for a term: spaces match any whitespace, `*` any word ending.

    Terms written in capitals (two letters or more, e.g. NATO) match case-sensitively.
    """
    words = [re.escape(w).replace(r"\*", r"[\w'-]*") for w in term.split()]
    body = r"\s+".join(words)
    letters = re.sub(r"[^A-Za-z]", "", term)
    if len(letters) >= 2 and letters.isupper():
        body = f"(?-i:{body})"
    return body


def compile_terms(terms: Sequence[str] = (), patterns: Sequence[str] = (), ignore_case: bool = True) -> re.Pattern | None:
    """One regex for a word list (longest terms first, whole words) and raw patterns."""
    alternatives = []
    if terms:
        ordered = sorted({str(t) for t in terms}, key=lambda t: (-len(t), t))
        alternatives.append(r"(?<![\w])(?:" + "|".join(term_regex(t) for t in ordered) + r")(?![\w])")
    alternatives += [f"(?:{p})" for p in patterns]
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE if ignore_case else 0)


class TermPattern:
    """`compile_terms(terms, patterns, ignore_case)`, with a faster `finditer` that looks only
    for the alternatives a text can match.

    A term matches only where a run of word characters begins (no word character before it),
    and its match starts with the ASCII word characters that open the term, in some case: the
    whole run (`climate` of "climate change", `u` of "U.S.") or, before a `*` or another word
    character, the beginning of the run (`tariff` of "tariff*"). A term whose opening is no
    such run or beginning of a run of the text (`_text_words`) matches nowhere in it; nor do
    the raw patterns when the text holds none of the strings one of their matches must
    contain (`_required_texts`). Alternatives that match nowhere change no match. When no raw
    pattern can match, the matches of the alternation are found from each remaining term's
    own matches: scanning left to right, the leftmost match wins, the term listed first on a
    tie (as in the alternation), and the scan goes on after it. Otherwise the full pattern
    (or the raw patterns alone) is used; so it is, always, when a term does not open with an
    ASCII word character or a raw pattern has no required strings.
    """

    def __init__(self, terms: Sequence[str] = (), patterns: Sequence[str] = (), ignore_case: bool = True):
        self.terms = tuple(sorted({str(t) for t in terms}, key=lambda t: (-len(t), t)))
        self.patterns = tuple(patterns)
        self.ignore_case = ignore_case
        self.pattern = compile_terms(self.terms, self.patterns, ignore_case)
        self._raw_pattern = compile_terms((), self.patterns, ignore_case) if self.patterns else None
        self._whole: dict[str, list[int]] = {}
        self._starts: dict[str, list[int]] = {}
        openings = [_opening(term) for term in self.terms]
        for rank, (opening, whole) in enumerate(openings):
            (self._whole if whole else self._starts).setdefault(opening, []).append(rank)
        self._whole_openings, self._start_openings = frozenset(self._whole), frozenset(self._starts)
        required = [_required_texts(p, re.IGNORECASE if ignore_case else 0) for p in self.patterns]
        self._raw_anywhere = None in required
        self._raw_required = tuple(sorted(set().union(*(r for r in required if r is not None))))
        self._filtered = all(opening for opening, _ in openings) and bool(self.terms or not self._raw_anywhere)
        self._term_patterns: dict[int, re.Pattern] = {}

    def finditer(self, text: str) -> Iterator[re.Match]:
        """The matches of `pattern` in `text`, in order (match objects of sub-patterns)."""
        words = _text_words(text) if self._filtered else None
        if words is None:
            return self.pattern.finditer(text) if self.pattern is not None else iter(())
        runs, beginnings, lowered = words
        whole, starts = self._whole_openings & runs, self._start_openings & beginnings
        raw = self._raw_pattern is not None and (
            self._raw_anywhere or any(required in lowered for required in self._raw_required))
        if not whole and not starts:
            return self._raw_pattern.finditer(text) if raw else iter(())
        if raw:
            return self.pattern.finditer(text)
        ranks = sorted([rank for opening in whole for rank in self._whole[opening]]
                       + [rank for opening in starts for rank in self._starts[opening]])
        if len(ranks) == 1:
            return self._term_pattern(ranks[0]).finditer(text)
        return self._merged(text, [self._term_pattern(rank) for rank in ranks])

    def _term_pattern(self, rank: int) -> re.Pattern:
        if rank not in self._term_patterns:
            self._term_patterns[rank] = compile_terms([self.terms[rank]], (), self.ignore_case)
        return self._term_patterns[rank]

    @staticmethod
    def _merged(text: str, patterns: list[re.Pattern]) -> Iterator[re.Match]:
        """The matches of the alternation of `patterns` (none matches an empty string)."""
        found = [p.search(text) for p in patterns]
        position = 0
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
            yield best
            position = best.end()


@lru_cache(maxsize=256)
def _text_words(text: str) -> tuple[frozenset[str], frozenset[str], str] | None:
    """The runs of word characters of `text`, lower-cased, all their beginnings, and the text
    lower-cased; None when `text` holds a character that matches an ASCII letter only when case
    is ignored (İ, ı, ſ, K), as then an ASCII term may match text that is not its lower case."""
    if _ASCII_FOLD_RE.search(text):
        return None
    runs = frozenset(map(str.lower, _WORD_RUN_RE.findall(text)))
    return runs, frozenset().union(*map(_beginnings, runs)), text.lower()


@lru_cache(maxsize=1 << 16)
def _beginnings(run: str) -> tuple[str, ...]:
    """"c", "cl", ..., "climate" for "climate"."""
    return tuple(run[:k] for k in range(1, len(run) + 1))


def _opening(term: str) -> tuple[str, bool]:
    """The ASCII word characters that every match of `term` starts with, lower-cased ("" if
    none), and whether they are a whole run of word characters of the match."""
    words = term.split()
    opening = _ASCII_WORD_RE.match(words[0]) if words else None
    if not opening:
        return "", False
    after = words[0][opening.end():opening.end() + 1]
    return opening.group(0).lower(), not after or (after != "*" and not _WORD_RUN_RE.match(after))


def _required_texts(pattern: str, flags: int) -> frozenset[str] | None:
    """Lower-case strings one of which every match of `pattern` contains, or None.

    Read from the parsed pattern (see `_texts`). The strings hold only ASCII characters and
    characters without case (`_plain`): with case ignored or not, a text that holds no
    character matching an ASCII letter only when case is ignored then contains, lower-cased,
    the lower case of what such a string matched."""
    if _regex_parser is None:
        return None
    _, required = _texts(list(_regex_parser.parse(pattern, flags)))
    return frozenset(text.lower() for text in required) if required else None


def _texts(items: list) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(every string a pattern sequence can match, if few; strings one of which each of its
    matches contains, or None).

    Literals and small sets of characters are matched exactly; zero-width assertions match
    "" and so join the literals around them. A branch matches what one alternative matches; a
    group what its content matches; a repeat at least once contains what its content
    contains. What each item, and each run of exactly matched items (or its beginning),
    matches is contained in every match of the sequence: the required strings are the most
    selective such set (longest shortest string) of non-empty strings of `_plain`
    characters. Anything else matches unknown text.
    """
    c = _regex_constants
    candidates: list[frozenset[str]] = []
    run, exact_sequence = frozenset([""]), True  # the strings of the current run of exact items
    for op, value in items:
        exact: frozenset[str] | None = None
        required: frozenset[str] | None = None
        if op is c.LITERAL:
            exact = frozenset([chr(value)])
        elif op is c.IN and all(member is c.LITERAL for member, _ in value):
            exact = frozenset(chr(code) for _, code in value)
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            exact = frozenset([""])
        elif op is c.SUBPATTERN:
            exact, required = _texts(list(value[3]))
        elif op is c.BRANCH:
            alternatives = [_texts(list(branch)) for branch in value[1]]
            if all(e is not None for e, _ in alternatives):
                exact = frozenset().union(*(e for e, _ in alternatives))
            if all(r is not None for _, r in alternatives):
                required = frozenset().union(*(r for _, r in alternatives))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and value[0] >= 1:
            inner_exact, required = _texts(list(value[2]))
            exact = inner_exact if value[0] == value[1] == 1 else None
        if exact is not None and len(exact) > _MAX_TEXTS:
            exact = None
        if required is None and exact is not None and "" not in exact:
            required = exact
        candidates.append(run)
        joined = frozenset(a + b for a in run for b in exact) if exact is not None else None
        if joined is not None and len(joined) <= _MAX_TEXTS:
            run = joined
        else:
            run, exact_sequence = (exact if exact is not None else frozenset([""])), False
        if required is not None:
            candidates.append(required)
    candidates.append(run)
    usable = [r for r in candidates if r and all(t and all(map(_plain, t)) for t in r)]
    best = max(usable, key=lambda r: (min(map(len, r)), -len(r)), default=None)
    return (run if exact_sequence else None), best


def _plain(character: str) -> bool:
    """An ASCII character, or one without case: the `re` module then matches it only as itself."""
    return character.isascii() or character.lower() == character == character.upper()


def is_negated(text: str, start: int) -> bool:
    """True when one of the three words before `start` is a negation (not, never, no, n't, without)."""
    previous = _NEGATION_WINDOW_RE.findall(text[max(0, start - 40):start])[-3:]
    return any(w.lower() in _NEGATORS or w.lower().endswith("n't") for w in previous)


