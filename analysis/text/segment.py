"""Sentence segmentation with character offsets.

Uses syntok (rule-based, made for news-style English): it keeps abbreviations such as
"U.S.", "Mr.", "Jan." and numbers such as "1.2" inside sentences, where textstat's
regular expression would split them.

syntok decides at its terminals (".", "!", "?", ";", ...) from the token before and the
tokens after; between terminals it only moves on. So a one-line text without brackets is
handed to syntok shortened: each run of chunks (whitespace-separated) that holds no
terminal and is not next to one becomes a single placeholder word. syntok then takes the
same decisions on far fewer tokens, and its sentence starts are mapped back. Bracketed
text, which syntok may skip after looking inside it, is kept whole; texts with line breaks
(paragraphs, for syntok) go to syntok whole.
"""

from __future__ import annotations

from bisect import bisect_right

import regex
from syntok import segmenter
from syntok._segmentation_states import State
from syntok.tokenizer import Tokenizer

_TERMINAL_CHARS = frozenset("".join(State.terminals))
_BRACKETS = State.opening_brackets | State.closing_brackets
_CHUNK_RE = regex.compile(r"[^\s\u200b]+")  # syntok's own split at whitespace
_PLACEHOLDER = "x"
_SIGNAL_RE = regex.compile("[" + regex.escape("".join(_TERMINAL_CHARS | _BRACKETS)) + "]")
_TOKENIZER = Tokenizer(replace_not_contraction=False)


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
    short, kept = _shortened(text)
    starts = [sentence[0].offset for sentence in segmenter.segment(_TOKENIZER.tokenize(short)) if sentence]
    short_starts = [s for s, _ in kept]
    original = []
    for start in starts:
        short_start, text_start = kept[bisect_right(short_starts, start) - 1]
        original.append(text_start + start - short_start)
    return original


def _shortened(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with each run of two or more chunks far from a terminal replaced by a placeholder,
    and (offset in the short text, offset in `text`) where each kept stretch begins.

    Kept are the first chunk, each chunk holding a terminal with the chunk before and the one
    after it, each chunk holding a bracket with the one before and the two after it, and every
    chunk inside brackets (to the end if they stay open):
    everything syntok reads to decide at a terminal or to skip bracketed text, and enough to
    keep apart a sentence's first token from its later ones.
    """
    chunks = [m.span() for m in _CHUNK_RE.finditer(text)]
    chunk_starts = [start for start, _ in chunks]
    keep = [False] * len(chunks)

    def mark(first: int, last: int) -> None:
        first, last = max(0, first), min(len(chunks) - 1, last)
        keep[first : last + 1] = [True] * (last + 1 - first)

    mark(0, 0)
    depth, opened_at = 0, 0  # bracket depth, and the chunk where the outermost bracket opened
    for signal in _SIGNAL_RE.finditer(text):
        i, character = bisect_right(chunk_starts, signal.start()) - 1, signal.group(0)
        if character in _TERMINAL_CHARS:
            mark(i - 1, i + 1)
            continue
        mark(i - 1, i + 2)
        if character in State.opening_brackets:
            opened_at = i if depth == 0 else opened_at
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                mark(opened_at, i)
    if depth:
        mark(opened_at, len(chunks) - 1)
    pieces, kept, short_length, position, i = [], [(0, 0)], 0, 0, 0
    while i < len(chunks):
        if keep[i] or i + 1 == len(chunks) or keep[i + 1]:
            i += 1
            continue
        j = i
        while j + 1 < len(chunks) and not keep[j + 1]:
            j += 1
        run_start, run_end = chunks[i][0], chunks[j][1]
        pieces += [text[position:run_start], _PLACEHOLDER]
        short_length += run_start - position + len(_PLACEHOLDER)
        kept.append((short_length, run_end))
        position, i = run_end, j + 1
    pieces.append(text[position:])
    return "".join(pieces), kept
