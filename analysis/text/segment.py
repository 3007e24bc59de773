"""Sentence segmentation with character offsets.

Uses syntok (rule-based, made for news-style English): it keeps abbreviations such as
"U.S.", "Mr.", "Jan." and numbers such as "1.2" inside sentences, where textstat's
regular expression would split them.

syntok decides at its terminals (".", "!", "?", ";", ...) from the token before and the
tokens after; between terminals it only moves on. So a one-line text without brackets is
handed to syntok shortened: each run of chunks (whitespace-separated) that holds no
terminal and is not next to one becomes a single placeholder token. syntok then takes the
same decisions on far fewer tokens. Bracketed text, which syntok may skip after looking
inside it, is kept whole; texts with line breaks (paragraphs, for syntok) go to syntok whole.

The tokens are syntok's own: its tokenizer reads each chunk on its own (only the first
token's spacing, the whitespace before the chunk, depends on the text around it), so each
distinct chunk is tokenised once and its tokens are reused, at their offsets, wherever the
chunk recurs.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import regex
from syntok import segmenter
from syntok._segmentation_states import State
from syntok.tokenizer import Token, Tokenizer

_TERMINAL_CHARS = frozenset("".join(State.terminals))
_BRACKETS = State.opening_brackets | State.closing_brackets
_CHUNK_RE = regex.compile(r"[^\s\u200b]+")  # syntok's own split at whitespace
_PLACEHOLDER = "x"
_SIGNAL_RE = regex.compile("[" + regex.escape("".join(_TERMINAL_CHARS | _BRACKETS)) + "]")
_TOKENIZER = Tokenizer(replace_not_contraction=False)
_CHUNK_CACHE_SIZE = 100_000  # distinct chunks whose tokens are kept (a few tens of MB at most)
_chunk_tokens: dict[str, tuple[tuple[str, str, int], ...]] = {}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of the sentences of `text`.

    The spans cover the text in order with no gaps other than whitespace, so no
    character of the input is lost between sentences.
    """
    starts = _sentence_starts(text)
    if not starts:
        return [(0, len(text))] if text.strip() else []
    starts[0] = len(text) - len(text.lstrip())
    bounds = starts + [len(text)]
    spans = []
    for start, next_start in zip(bounds, bounds[1:]):
        end = start + len(text[start:next_start].rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def _sentence_starts(text: str) -> list[int]:
    """The offset of each sentence's first token, as syntok finds them."""
    if "\n" in text or "\r" in text:
        return [sentence[0].offset for paragraph in segmenter.analyze(text) for sentence in paragraph if sentence]
    return [sentence[0].offset for sentence in segmenter.segment(iter(_shortened_tokens(text))) if sentence]


def tokens_of_chunk(chunk: str) -> tuple[tuple[str, str, int], ...]:
    """syntok's tokens of one chunk as (spacing, value, offset in the chunk); the first token's
    spacing is empty (in a text, it is the whitespace before the chunk)."""
    tokens = _chunk_tokens.get(chunk)
    if tokens is None:
        tokens = tuple((t.spacing, t.value, t.offset) for t in _TOKENIZER.tokenize(chunk))
        if len(_chunk_tokens) < _CHUNK_CACHE_SIZE:
            _chunk_tokens[chunk] = tokens
    return tokens


def _chunks(text: str) -> tuple[list[str], list[int]]:
    """The chunks of `text` as syntok splits it (at whitespace and zero-width spaces) and where
    each starts. A text of words between single spaces, as the cleaner writes them, is split
    with `str.split`; syntok's whitespace is Python's, without U+001C-U+001F, and U+200B."""
    if (
        text
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and "\u200b" not in text
        and "".join(text.split()) == text.replace(" ", "")  # no whitespace but spaces
    ):
        parts = text.split(" ")
        return parts, [0, *accumulate(len(part) + 1 for part in parts[:-1])]
    matches = list(_CHUNK_RE.finditer(text))
    return [m.group() for m in matches], [m.start() for m in matches]


def _kept_chunks(text: str, chunk_starts: list[int]) -> list[tuple[int, int]]:
    """The runs of chunks syntok must see, as (first, last) chunk indices, in order.

    Kept are the first chunk, each chunk holding a terminal with the chunk before and the one
    after it, each chunk holding a bracket with the one before and the two after it, and every
    chunk inside brackets (to the end if they stay open): everything syntok reads to decide at
    a terminal or to skip bracketed text, and enough to keep apart a sentence's first token
    from its later ones. A lone chunk between two kept runs is kept too.
    """
    last_chunk = len(chunk_starts) - 1
    marks = [(0, 0)]
    depth, opened_at = 0, 0  # bracket depth, and the chunk where the outermost bracket opened
    for signal in _SIGNAL_RE.finditer(text):
        i, character = bisect_right(chunk_starts, signal.start()) - 1, signal.group(0)
        if character in _TERMINAL_CHARS:
            marks.append((i - 1, i + 1))
            continue
        marks.append((i - 1, i + 2))
        if character in State.opening_brackets:
            opened_at = i if depth == 0 else opened_at
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                marks.append((opened_at, i))
    if depth:
        marks.append((opened_at, last_chunk))
    runs: list[list[int]] = []
    for first, last in sorted(marks):
        first, last = max(0, first), min(last_chunk, last)
        if runs and first <= runs[-1][1] + 2:  # overlapping, adjacent or one chunk apart
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    if runs[-1][1] == last_chunk - 1:  # a lone last chunk is kept
        runs[-1][1] = last_chunk
    return [(first, last) for first, last in runs]


def _shortened_tokens(text: str) -> list[Token]:
    """syntok's tokens of `text`, with each run of two or more chunks that `_kept_chunks` leaves
    out replaced by one placeholder token at the run's offset."""
    parts, starts = _chunks(text)
    if not parts:
        return [Token(text, "", len(text))] if text else []
    tokens: list[Token] = []
    position, next_chunk = 0, 0  # end of the text handed on so far, and the next chunk's index
    for first, last in _kept_chunks(text, starts):
        if first > next_chunk:
            tokens.append(_placeholder(text, position, starts[next_chunk]))
            position = starts[first - 1] + len(parts[first - 1])
        for i in range(first, last + 1):
            start, chunk_tokens = starts[i], tokens_of_chunk(parts[i])
            _, value, offset = chunk_tokens[0]
            tokens.append(Token(text[position:start], value, start + offset))
            tokens += [Token(spacing, value, start + offset) for spacing, value, offset in chunk_tokens[1:]]
            position = start + len(parts[i])
        next_chunk = last + 1
    if next_chunk < len(parts):
        tokens.append(_placeholder(text, position, starts[next_chunk]))
        position = starts[-1] + len(parts[-1])
    if position < len(text):
        tokens.append(Token(text[position:], "", len(text)))
    return tokens


def _placeholder(text: str, position: int, run_start: int) -> Token:
    return Token(text[position:run_start], _PLACEHOLDER, run_start)
