"""News frames with their evidence: generic frames (Semetko & Valkenburg 2000) and issue frames.

Generic frames: the 20 yes/no indicator questions of Semetko & Valkenburg, each answered
per article by the rules in `data/generic_frames.yaml` (word lists plus structural cues:
who reproaches whom, disagreement between named sides, demands for action). An answer
is "yes" when at least one sentence triggers the question's rule; a frame's score is
the mean of its answers. Issue frames: dictionaries of the story's own frames, each
mapped to a Policy Frames Codebook category (`data/issue_frames.yaml`); salience is
matches per 1,000 words. Every answer and every match keeps the sentence and the text
that triggered it (`frame_evidence`), so each score can be traced and checked.

Modules: `parties` (the named parties, group nouns and pronouns of a sentence), `rules`
(lexicon matches and the rule kinds), `generic` (the generic frames and their file),
`issue` (the issue frames and their file), `tables` (the measure's tables and
keyword-in-context views).
"""

from __future__ import annotations

from .generic import DEFAULT_GENERIC_FRAMES_FILE, GenericFrames, Hit, load_generic_frames
from .issue import DEFAULT_ISSUE_FRAMES_FILE, IssueFrames, load_issue_frames
from .rules import PIECE_SEPARATOR
from .tables import (
    EVIDENCE_COLUMNS,
    FRAMES_COLUMNS,
    ITEMS_COLUMNS,
    SCHEMES,
    frame_tables,
    keyword_in_context,
    tables,
)

__all__ = [
    "DEFAULT_GENERIC_FRAMES_FILE",
    "DEFAULT_ISSUE_FRAMES_FILE",
    "EVIDENCE_COLUMNS",
    "FRAMES_COLUMNS",
    "ITEMS_COLUMNS",
    "PIECE_SEPARATOR",
    "SCHEMES",
    "GenericFrames",
    "Hit",
    "IssueFrames",
    "frame_tables",
    "keyword_in_context",
    "load_generic_frames",
    "load_issue_frames",
    "tables",
]
