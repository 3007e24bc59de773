"""A corpus's input files and their fingerprint, found without reading any file as text (so
that a run can tell whether anything changed before it loads what analysing needs)."""

from __future__ import annotations

import hashlib
from pathlib import Path

MANIFEST_NAME = "manifest.csv"
CONFIG_SUFFIXES = (".yaml", ".yml")


def find_corpus_files(corpus: Path) -> list[Path]:
    """Every file of a corpus that is meant as input, sorted by relative path: for a folder,
    all files below it except hidden ones, the top-level manifest and configuration files
    (`.yaml`, `.yml`); for a file, the file."""
    if corpus.is_file():
        return [corpus]
    files = [
        p
        for p in corpus.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
        and p.suffix.lower() not in CONFIG_SUFFIXES
        and p.relative_to(corpus).as_posix() != MANIFEST_NAME
    ]
    return sorted(files, key=lambda p: p.relative_to(corpus).as_posix())


def corpus_fingerprint(corpus: str | Path) -> str:
    """SHA-256 over the names and contents of a corpus's input files (`find_corpus_files`)."""
    corpus, digest = Path(corpus), hashlib.sha256()
    root = corpus if corpus.is_dir() else corpus.parent
    for path in find_corpus_files(corpus) if corpus.exists() else []:
        digest.update(f"{path.relative_to(root).as_posix()}\0{file_digest(path)}\n".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, read a block at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
