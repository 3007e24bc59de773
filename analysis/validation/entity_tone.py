"""Tone toward an entity, validated on NewsMTSC (Hamborg & Donnay, EACL 2021).

NewsMTSC's training split labels the sentiment of a news sentence toward one person in it
(negative, neutral, positive). A quarter of its sentences is held out, chosen by a hash of the
sentence's `primary_gid` before any model was fitted, every target of a sentence on the same
side; the model is fitted and its choices made on the rest (the development part).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

NEWSMTSC_FILE = ("newsmtsc", "train.jsonl")
HELD_OUT_SHARE = 0.25
POLARITY_CLASSES = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


@dataclass(frozen=True)
class Target:
    """One labelled target mention: its sentence, character offsets into it and gold class."""

    gid: str
    sentence: str
    start: int
    end: int
    label: str


def is_held_out(primary_gid: str) -> bool:
    """Whether a sentence is in the held-out part: the first 8 bytes of the SHA-256 of its
    `primary_gid`, read as a fraction of 2**64, fall below HELD_OUT_SHARE."""
    digest = hashlib.sha256(primary_gid.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < HELD_OUT_SHARE


def read_newsmtsc(path: Path) -> list[tuple[str, str, list[Target]]]:
    """(primary_gid, sentence, targets) per line of a NewsMTSC JSON Lines file."""
    sentences = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        gid, text = row["primary_gid"], row["sentence_normalized"]
        targets = []
        for target in row["targets"]:
            if text[target["from"] : target["to"]] != target["mention"]:
                raise ValueError(f"{path.name}: line {number}: target offsets do not hold {target['mention']!r}")
            label = POLARITY_CLASSES[float(target["polarity"])]
            targets.append(Target(gid, text, target["from"], target["to"], label))
        sentences.append((gid, text, targets))
    return sentences


def split(sentences: list[tuple[str, str, list[Target]]]) -> tuple[list[Target], list[Target]]:
    """The development and held-out targets. A held-out sentence whose text is also a
    development sentence (the same sentence under two ids) is left out of both."""
    development = [s for s in sentences if not is_held_out(s[0])]
    seen = {text for _, text, _ in development}
    held_out = [s for s in sentences if is_held_out(s[0]) and s[1] not in seen]
    return [t for s in development for t in s[2]], [t for s in held_out for t in s[2]]
