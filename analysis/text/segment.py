"""Sentence segmentation with character offsets.

Uses syntok (rule-based, made for news-style English): it keeps abbreviations such as
"U.S.", "Mr.", "Jan." and numbers such as "1.2" inside sentences, where textstat's
regular expression would split them.
"""
from __future__ import annotations

from syntok import segmenter


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of the sentences of `text`.

    The spans cover the text in order with no gaps other than whitespace, so no
    character of the input is lost between sentences.
    """
    starts = [sentence[0].offset
              for paragraph in segmenter.analyze(text)
              for sentence in paragraph if sentence]
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
