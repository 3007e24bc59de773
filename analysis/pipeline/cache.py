"""The per-article cache under <output>/.cache/: each file's result and its table rows, reused
while the file, the options and the code are unchanged."""

from __future__ import annotations

import pickle
from pathlib import Path

from ..outputs import atomic_path
from ..paths import OutputDirs

CACHE_FILE = Path(".cache") / "analysis.pickle"


CACHE_FORMAT = 2


def read_cache(dirs: OutputDirs) -> dict:
    path = dirs.root / CACHE_FILE
    try:
        with open(path, "rb") as handle:
            cache = pickle.load(handle)
        return cache if cache.get("format") == CACHE_FORMAT else {}
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return {}


def write_cache(dirs: OutputDirs, cache: dict) -> None:
    with atomic_path(dirs.root / CACHE_FILE) as tmp, open(tmp, "wb") as handle:
        pickle.dump({"format": CACHE_FORMAT, **cache}, handle, protocol=pickle.HIGHEST_PROTOCOL)
