"""Quotations and tokens of a paragraph, with character offsets into the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

QUOTE_MARK_RE = re.compile(r'["“”]|\'\'')
TOKEN_RE = re.compile(
    r"""
    (?:[A-Z]\.){2,}(?![A-Za-z])            # U.S., U.K.
  | [A-Z][a-z]{0,3}\.(?=\s+[A-Z])          # Mr. Carney, Sen. Kaine, B. Egede
  | \w+(?:[-'’](?![sS]\b)\w+)*             # words, hyphenated words, O'Malley, isn't
  | ['’][sS]\b                             # possessive 's
  | ''                                     # two apostrophes as a quotation mark
  | \S                                     # any other character
""",
    re.X,
)
OPENERS = set("([{—–-/:;")
POSSESSIVE = ("'s", "’s", "'S", "’S")
LAST_WORD_RE = re.compile(r"(\w+)\W*$")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    quoted: bool
    low: str = field(init=False, repr=False, compare=False)  # lower case, straight apostrophe
    is_word: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "low", self.text.lower().replace("’", "'"))
        object.__setattr__(self, "is_word", self.text[0].isalnum())


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` include the marks; `closed` is False for an unclosed mark."""

    start: int
    end: int
    closed: bool
    full: bool = True

    def inner(self, text: str) -> str:
        return text[self.start : self.end].strip().strip("\"“”'").strip()


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """The quotations in text[start:end] (one paragraph), in order.

    A mark opens a quotation when it follows a space or an opening bracket or dash and is
    followed by a non-space; curly marks say their direction. A quotation still open at the
    end of the paragraph is returned with `closed=False` (it may go on in the next one).
    """
    quotes, open_at = [], None
    for match in QUOTE_MARK_RE.finditer(text, start, end):
        pos, mark = match.start(), match.group()
        width = len(mark)
        before = text[pos - 1] if pos > start else " "
        after = text[pos + width] if pos + width < end else " "
        if mark == "“":
            opening = True
        elif mark == "”":
            opening = False
        else:
            looks_open = (before.isspace() or before in OPENERS or pos == start) and not after.isspace()
            looks_close = not before.isspace() or after.isspace() or pos + width == end
            opening = looks_open if looks_open != looks_close else open_at is None
        if open_at is None:
            if opening:
                open_at = pos
        elif opening and (mark == "“" or not text[open_at:pos].strip('"“ ').strip() == ""):
            if mark == "“" or before.isspace():
                quotes.append(Quote(open_at, pos, closed=False))
                open_at = pos
        else:
            quotes.append(Quote(open_at, pos + width, closed=True))
            open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, end, closed=False))
    return [q for q in quotes if q.inner(text)]


def last_word(text: str) -> str | None:
    """The last run of word characters of `text` if only other characters follow it: the
    leftmost match of LAST_WORD_RE, looked for in the last 200 characters first (a match
    there that does not start the excerpt cannot begin earlier in the text)."""
    tail = text[-200:]
    match = LAST_WORD_RE.search(tail)
    if len(tail) < len(text) and (match is None or match.start() == 0):
        match = LAST_WORD_RE.search(text)
    return match.group(1) if match else None


def tokenize(text: str, start: int, end: int, quotes: list[Quote]) -> list[Token]:
    """Tokens of text[start:end], each marked as inside a quotation or not."""
    tokens, qi = [], 0
    for match in TOKEN_RE.finditer(text, start, end):
        while qi < len(quotes) and quotes[qi].end <= match.start():
            qi += 1
        quoted = qi < len(quotes) and quotes[qi].start <= match.start() < quotes[qi].end
        tokens.append(Token(match.group(), match.start(), match.end(), quoted))
    return tokens
