"""The analysis options, declared once: name, type, default and help text.

Everything else is derived from the fields of `Options`: the command-line flags of `analyze`
and `run` (the name with dashes, without `_file`: `actors_file` is `--actors FILE`), the keys of
a YAML config file (`--config FILE`), notebook parameters, and the `options` of
results/provenance.json. Values are converted and checked here only (`parse`), and hashed here
only (`Options.digest`). Who reads an option is declared by the readers: the measure registry
(analysis/measures/__init__.py) and the pipeline's own steps (analysis/pipeline/analyze.py).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import get_type_hints

import yaml

from ..measures.attribution.lexicon import DEFAULT_LEXICON_FILE
from ..measures.framing import DEFAULT_GENERIC_FRAMES_FILE, DEFAULT_ISSUE_FRAMES_FILE
from ..measures.sensationalism import DEFAULT_SENSATIONALISM_FILE
from ..paths import PROJECT_ROOT, display_path, resolve
from ..text.actors import DEFAULT_ACTORS_FILE
from ..text.clean import DEFAULT_RULES_FILE


class OptionError(ValueError):
    """A bad option name or value; the message is one line and names the option."""


def option(default, help: str):
    """A field of `Options` with its help text."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Options:
    """Everything besides the texts that shapes the results."""

    manifest_file: Path | None = option(
        None, "manifest CSV of the articles' metadata; without it, the corpus folder's manifest.csv if present"
    )
    cleaning_rules_file: Path = option(DEFAULT_RULES_FILE, "debris-cleaning rules")
    actors_file: Path = option(DEFAULT_ACTORS_FILE, "actors and their aliases")
    sentiment_threshold: float = option(
        0.05, "sentence tone threshold T: positive at compound >= +T, negative at <= -T"
    )
    generic_frames_file: Path = option(DEFAULT_GENERIC_FRAMES_FILE, "generic-frame questions")
    issue_frames_file: Path = option(DEFAULT_ISSUE_FRAMES_FILE, "issue-frame dictionaries")
    sensationalism_features_file: Path = option(DEFAULT_SENSATIONALISM_FILE, "sensationalism features")
    attribution_lexicon_file: Path = option(DEFAULT_LEXICON_FILE, "attribution verbs and source words")
    text_column: str | None = option(
        None,
        "table files: column of the article text (default: text, body, content, maintext, article_text or full_text)",
    )
    title_column: str | None = option(None, "table files: column of the headline (default: title or headline)")
    date_column: str | None = option(
        None, "table files: column of the date (default: date, publish_date, date_publish or published_at)"
    )
    outlet_column: str | None = option(
        None,
        "table files: column of the outlet (default: outlet, media_name, source, source_domain, sitename or publisher)",
    )
    url_column: str | None = option(None, "table files: column of the URL (default: url)")
    id_column: str | None = option(
        None, "table files: column of the article id (default: id, article_id, stories_id or guid; else the row number)"
    )
    author_column: str | None = option(None, "table files: column of the author (default: author, authors or byline)")

    def replace(self, **changes) -> Options:
        """These options with some changed; a change to None keeps the current value."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_mapping(self) -> dict:
        """Plain values for provenance and notebook parameters: paths relative to the project root."""
        return {f.name: display_path(v) if isinstance(v := getattr(self, f.name), Path) else v for f in fields(self)}

    @classmethod
    def from_mapping(cls, values: dict) -> Options:
        """Options recorded by `to_mapping` (provenance): trusted, files not checked."""
        return cls(
            **{
                name: resolve(value) if kind_of(name) is Path and value is not None else value
                for name, value in values.items()
                if name in option_names()
            }
        )

    def digest(self, names) -> str:
        """SHA-256 over the named options: each value, a file by its contents (where it lives
        does not change the results), `-` for no file."""
        digest = hashlib.sha256()
        for name in sorted(names):
            value = getattr(self, name)
            if kind_of(name) is Path:
                data = value.read_bytes() if value is not None and value.is_file() else b"-"
            else:
                data = repr(value).encode()
            digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
        return digest.hexdigest()


@cache
def option_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Options))


@cache
def kind_of(name: str) -> type:
    """The declared type of an option (Path, float, int or str), without `| None`."""
    hint = get_type_hints(Options)[name]
    return next(t for t in getattr(hint, "__args__", (hint,)) if t is not type(None))


def help_of(name: str) -> str:
    return next(f.metadata["help"] for f in fields(Options) if f.name == name)


def flag_of(name: str) -> str:
    """The command-line flag of an option: `actors_file` is `--actors`."""
    return "--" + name.removesuffix("_file").replace("_", "-")


# Each type's command-line placeholder and its name in error messages.
KINDS = {
    Path: ("FILE", "a file path"),
    float: ("NUMBER", "a number"),
    int: ("INTEGER", "an integer"),
    str: ("TEXT", "text"),
}


def metavar_of(name: str) -> str:
    return KINDS[kind_of(name)][0]


def parse(name: str, value, base: Path):
    """An option value from text or YAML: converted to the declared type; a relative path is
    resolved from `base` and must be a file. Raises OptionError (without the option's name)."""
    kind = kind_of(name)
    if kind is Path:
        if not isinstance(value, (str, Path)) or not str(value):
            raise OptionError(f"expected {KINDS[kind][1]}, got {value!r}")
        path = resolve(value, base)
        if not path.is_file():
            raise OptionError(f"file not found: {value}")
        return path
    expected = f"expected {KINDS[kind][1]}, got {value!r}"
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise OptionError(expected)
    try:
        converted = kind(value)
    except ValueError:
        raise OptionError(expected) from None
    if isinstance(converted, float) and not math.isfinite(converted):
        raise OptionError(f"expected a finite number, got {value!r}")
    return converted


def parse_all(values: dict, base: Path, where: str = "", label=lambda name: name) -> dict:
    """Parse a mapping of option names to values (None: not given). Errors read
    `<where>: <label(name)>: <problem>`; an unknown name is an error too."""
    prefix = f"{where}: " if where else ""
    parsed = {}
    for name, value in values.items():
        if name not in option_names():
            raise OptionError(f"{prefix}unknown option {name!r} (known: {', '.join(option_names())})")
        if value is not None:
            try:
                parsed[name] = parse(name, value, base)
            except OptionError as error:
                raise OptionError(f"{prefix}{label(name)}: {error}") from None
    return parsed


def read_config(path: Path) -> dict:
    """The options of a YAML config file (option names as keys); relative paths in it are
    resolved from the file's folder."""
    where = display_path(path)
    try:
        values = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise OptionError(f"{where}: cannot read the config file ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise OptionError(f"{where}: not valid YAML ({' '.join(str(error).split())})") from None
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise OptionError(f"{where}: expected option names and values, e.g. 'sentiment_threshold: 0.1'")
    return parse_all(values, Path(path).resolve().parent, where)


def notebook_options(values: dict) -> dict:
    """The options a notebook's parameters cell sets: those that differ from the declared
    defaults (the literal defaults mean "as the results were computed")."""
    defaults = Options()
    parsed = parse_all(values, PROJECT_ROOT, "notebook parameters")
    return {name: value for name, value in parsed.items() if value != getattr(defaults, name)}
