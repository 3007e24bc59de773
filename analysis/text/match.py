"""Matching words and phrases in text: the one term matcher every lexicon uses.

A term is a word or phrase from a YAML word list: whole words only, spaces match any
whitespace, `*` matches any word ending, and terms written in capitals (NATO) match
case-sensitively. Raw regular expressions may sit beside the terms. Where matches overlap,
the leftmost wins, and of those starting at the same place the longest term (the order of
`TermMatcher.terms`), then the terms before the raw patterns. A word list may also forbid
a match right after some other characters (`not_after="."`: "Carney" not in "mark.carney").
`is_negated` is the package's one negation rule; its words live in `data/negation.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice

import yaml

from ..paths import DATA_DIR, display_path
from ..schemas import check

NEGATION_FILE = DATA_DIR / "negation.yaml"
# Non-ASCII characters that match an ASCII letter when case is ignored (İ, ı, ſ, Kelvin sign).
_ASCII_FOLD_RE = re.compile(r"(?=(?i:[a-z]))[^\x00-\x7f]")
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9_]+")
_WORD_RUN_RE = re.compile(r"\w+")
_NEGATION_WINDOW_RE = re.compile(r"[\w']+")
_MAX_STRINGS = 200  # strings kept for one part of a raw pattern
_REPEAT_RE = re.compile(r"\{(\d*)(?:,\d*)?\}")


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
    """The runs of word characters of one text, lower-cased, and the text lower-cased."""

    lowered: str
    run_set: frozenset[str]

    @cached_property
    def beginnings(self) -> frozenset[str]:
        """Every beginning of every run: "c", "cl", ..., "climate" for "climate"."""
        return frozenset().union(*map(_beginnings, self.run_set))


@lru_cache(maxsize=256)
def word_runs(text: str) -> WordRuns | None:
    """The word runs of `text`; None when `text` holds a character that matches an ASCII letter
    only when case is ignored (İ, ı, ſ, K), as an ASCII term may then match text that is not
    its lower case."""
    if _ASCII_FOLD_RE.search(text):
        return None
    lower = text.lower()
    return WordRuns(lower, frozenset(_WORD_RUN_RE.findall(lower)))


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
    (`tariff` of "tariff*"). So only the terms whose opening the text has are searched for,
    each with its own regex, and the raw patterns (as one regex) only in texts holding one of
    the strings their matches must contain (`required_strings`); the matches are merged as
    the alternation would choose them. Texts with characters that fold to ASCII letters, and
    word lists with a term that opens otherwise, are matched with the whole alternation
    (`pattern`), which gives the same matches.
    """

    def __init__(
        self, terms: Sequence[str] = (), patterns: Sequence[str] = (), ignore_case: bool = True, not_after: str = ""
    ):
        self.terms = ordered_terms(terms)
        self.patterns = tuple(patterns)
        self.flags = re.IGNORECASE if ignore_case else 0
        self.not_after = not_after
        self.pattern = compile_terms(self.terms, self.patterns, ignore_case, not_after)
        self._raw = compile_terms((), self.patterns, ignore_case) if self.patterns else None
        self._whole: dict[str, list[int]] = {}
        self._starts: dict[str, list[int]] = {}
        openings = [_opening(term) for term in self.terms]
        for rank, (opening, whole) in enumerate(openings):
            (self._whole if whole else self._starts).setdefault(opening, []).append(rank)
        self._whole_set = frozenset(self._whole)
        self._start_set = frozenset(self._starts)
        self._indexed = all(opening for opening, _ in openings)
        required = [required_strings(p) for p in self.patterns]
        self._raw_gate = None if None in required or not required else _Gate(frozenset().union(*required))
        self._term_patterns: dict[int, re.Pattern] = {}

    def finditer(self, text: str) -> Iterator[re.Match]:
        """The matches in `text`, in order (match objects of the terms' or patterns' regexes)."""
        words = word_runs(text) if self._indexed else None
        if words is None:
            return self.pattern.finditer(text) if self.pattern is not None else iter(())
        raw = self._raw is not None and (self._raw_gate is None or self._raw_gate.admits(words.lowered))
        patterns = [self._term_pattern(rank) for rank in self._ranks(words)] if self.terms else []
        if raw:
            patterns.append(self._raw)
        if len(patterns) <= 1:
            return patterns[0].finditer(text) if patterns else iter(())
        return self._merged(text, patterns)

    def search(self, text: str) -> re.Match | None:
        """The first match in `text`, or None (the whole alternation finds it at once)."""
        return self.pattern.search(text) if self.pattern is not None else None

    def _ranks(self, words: WordRuns) -> list[int]:
        """The terms (by rank) whose opening `words` has, in order."""
        ranks = [rank for opening in self._whole_set & words.run_set for rank in self._whole[opening]]
        if self._starts:
            ranks += [rank for opening in self._start_set & words.beginnings for rank in self._starts[opening]]
        return sorted(ranks)

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

    def _term_pattern(self, rank: int) -> re.Pattern:
        if rank not in self._term_patterns:
            self._term_patterns[rank] = compile_terms([self.terms[rank]], (), bool(self.flags), self.not_after)
        return self._term_patterns[rank]


class _Gate:
    """Strings one of which a text must hold: a few are looked for one by one, more with a regex."""

    def __init__(self, strings: frozenset[str]):
        self.strings = tuple(sorted(strings))
        self.regex = re.compile(_trie_regex(self.strings)) if len(self.strings) > 3 else None

    def admits(self, lowered: str) -> bool:
        if self.regex is not None:
            return self.regex.search(lowered) is not None
        return any(s in lowered for s in self.strings)


def _trie_regex(strings: Sequence[str]) -> str:
    """A regex that finds a text holding one of `strings`, written as a trie (common beginnings
    once) so that it tries few alternatives at each character; where one string begins with
    another, the shorter one is enough."""
    trie: dict = {}
    for string in strings:
        node = trie
        for character in string:
            node = node.setdefault(character, {})
        node[""] = {}

    def render(node: dict) -> str:
        if "" in node:  # a listed string ends here: what follows need not be matched
            return ""
        branches = [re.escape(character) + render(child) for character, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

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
    spec = yaml.safe_load(NEGATION_FILE.read_text(encoding="utf-8"))
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
    a term whose opening the text has, and those whose raw patterns may match (a superset of
    the matchers that do match, found with one lookup per word run)."""

    def __init__(self, matchers: dict[str, TermMatcher]):
        self.matchers = dict(matchers)
        self._whole: dict[str, set[str]] = {}
        self._starts: dict[str, set[str]] = {}
        self._always = frozenset(name for name, m in self.matchers.items() if not m._indexed)
        self._gated = [(name, m._raw_gate) for name, m in self.matchers.items() if m._raw is not None]
        for name, matcher in self.matchers.items():
            for opening in matcher._whole:
                self._whole.setdefault(opening, set()).add(name)
            for opening in matcher._starts:
                self._starts.setdefault(opening, set()).add(name)
        self._whole_set, self._start_set = frozenset(self._whole), frozenset(self._starts)

    def possible(self, text: str) -> frozenset[str]:
        """The names of the matchers that may match in `text`."""
        words = word_runs(text)
        if words is None:
            return frozenset(self.matchers)
        found = set(self._always)
        for opening in self._whole_set & words.run_set:
            found |= self._whole[opening]
        for opening in self._start_set & words.beginnings:
            found |= self._starts[opening]
        for name, gate in self._gated:
            if name not in found and (gate is None or gate.admits(words.lowered)):
                found.add(name)
        return frozenset(found)
