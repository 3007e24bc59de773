"""One attribution, as the extractor reports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Attribution:
    """One attribution. Offsets index the text given to `extract` (an article's clean text)."""

    sentence_id: int
    start: int
    end: int
    speaker: str
    speaker_start: int
    speaker_end: int
    cue: str
    cue_start: int
    cue_end: int
    quote_type: str
    quote: str
    quoted_words: int = 0
    speaker_canonical: str = ""  # the linked entity's key, else the speaker's name
    speaker_entity: str = ""  # the key of the article's entity the speaker is, empty if none
    source_class: str = ""
    source_type: str = ""
    hedged: bool = False
    hedge: str = ""
    inherited: bool = False
    self_referential: bool = False
    unverifiable: bool = False
    sentence: str = ""
