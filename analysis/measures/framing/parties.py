"""The parties of a sentence: runs of capitalised words (names), group nouns and pronouns."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...text.match import UNREAD, TermMatcher, WordRuns

_WORD_RE = re.compile(r"[^\W\d_](?:[\w'&-]|\.(?=[^\W\d_]))*")
_POSSESSIVE_END_RE = re.compile(r"'s?$")
_LEADING_THE_RE = re.compile(r"^the\s+")


@dataclass(frozen=True)
class PartyFinder:
    """Parties in a sentence: runs of capitalised words (names), group nouns and pronouns."""

    not_names: frozenset[str]
    connectors: frozenset[str]  # lower-case words inside a name ("Bank of England")
    pronoun_persons: Mapping[str, str]  # pronoun form -> the party it names ("him" -> "he")
    groups: TermMatcher
    pronouns: TermMatcher

    def spans(
        self, text: str, known_names: frozenset[str] | None = None, words: WordRuns | None = UNREAD
    ) -> list[tuple[int, int, str, bool]]:
        """(start, end, key, named) for each party; `named` is False for pronouns (`words`: the
        text's word runs, if read).

        A lone capitalised first word is a name only if it is in `known_names` (words the
        article capitalises inside sentences); without `known_names` it always is.
        """
        found = [(s, e, self._key(text[s:e]), True) for s, e in self._names(text, known_names)]
        found += [(s, e, self._key(text[s:e]), True) for s, e in self.groups.spans(text, words)]
        found += [
            (s, e, self.pronoun_persons.get(text[s:e].lower(), text[s:e].lower()), False)
            for s, e in self.pronouns.spans(text, words)
        ]
        found.sort(key=lambda p: (p[0], -(p[1] - p[0])))
        kept: list[tuple[int, int, str, bool]] = []
        for party in found:
            if kept and party[0] < kept[-1][1]:
                continue
            kept.append(party)
        return kept

    def _names(self, text: str, known_names: frozenset[str] | None) -> list[tuple[int, int]]:
        """Maximal runs of capitalised words ("Bank of England"), minus sentence openers."""
        tokens = list(_WORD_RE.finditer(text))
        runs, current = [], []
        for i, token in enumerate(tokens):
            word = token.group(0)
            if not current and not word[:1].isupper():
                continue
            adjacent = bool(current) and not text[current[-1].end() : token.start()].strip()
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if word[:1].isupper():
                if current and not adjacent:
                    runs.append(current)
                    current = []
                current.append(token)
            elif (
                adjacent
                and word in self.connectors
                and following is not None
                and following.group(0)[:1].isupper()
                and not text[token.end() : following.start()].strip()
            ):
                current.append(token)
            else:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        spans = []
        for run in runs:
            while run and (run[0].group(0) in self.not_names or run[0].group(0) in self.connectors):
                run = run[1:]
            opener = run and run[0] is tokens[0] and len(run) == 1
            if run and not (opener and known_names is not None and run[0].group(0) not in known_names):
                spans.append((run[0].start(), run[-1].end()))
        return spans

    @staticmethod
    def inner_capitalised(sentences: Sequence[str]) -> frozenset[str]:
        """Capitalised words that appear other than as the first word of a sentence."""
        return frozenset(word for s in sentences for word in _WORD_RE.findall(s)[1:] if word[0].isupper())

    @staticmethod
    def _key(text: str) -> str:
        text = _POSSESSIVE_END_RE.sub("", text.strip())
        return _LEADING_THE_RE.sub("", text.lower())
