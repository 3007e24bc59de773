"""The analysis options, declared once: name, type, default and help text.

Everything else is derived from the fields of `Options`: the command-line flags of `analyze`
and `run` (the name with dashes, without `_file`: `actors_file` is `--actors FILE`), the keys of
a corpus's configuration file, notebook parameters, and the `options` of
results/provenance.json. Values are converted and checked here only (`parse`), and hashed here
only (`Options.digest`). Who reads an option is declared by the readers: the measure registry
(analysis/measures/__init__.py), the pipeline's own steps (analysis/pipeline/analyze.py) and,
for the run-level options, `RUN_OPTIONS` below.

A corpus carries its configuration: `corpus.yaml` in the corpus folder, or the file given by
`--config FILE` instead, sets options by name (`corpus_options`); flags override it.
"""

from __future__ import annotations

import hashlib
import math
import types
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import NewType, Union, get_origin, get_type_hints

import yaml

from ..paths import (
    DEFAULT_ACTORS_FILE,
    DEFAULT_CLICKBAIT_MODEL_FILE,
    DEFAULT_GENERIC_FRAMES_FILE,
    DEFAULT_ISSUE_FRAMES_FILE,
    DEFAULT_LEXICON_FILE,
    DEFAULT_RULES_FILE,
    DEFAULT_SENSATIONALISM_FILE,
    OFFICE_HOLDERS_FILE,
    PROJECT_ROOT,
    display_path,
    resolve,
)
from ..schemas import SchemaError, check_config, check_file, load_yaml

CONFIG_NAME = "corpus.yaml"  # a corpus folder's own configuration file

# Option kinds besides Path (an existing file), float, int and str.
Folder = NewType("Folder", Path)  # a folder, created by the run if missing
Names = tuple[str, ...]  # a list of names, e.g. metadata columns


class OptionError(ValueError):
    """A bad option name or value; the message is one line and names the option."""


def option(default, help: str, schema: str | None = None):
    """A field of `Options` with its help text; a file option names the schema its file must fit."""
    return field(default=default, metadata={"help": help, "schema": schema})


@dataclass(frozen=True)
class Options:
    """Everything besides the texts that shapes the results."""

    manifest_file: Path | None = option(
        None, "manifest CSV of the articles' metadata; without it, the corpus folder's manifest.csv if present"
    )
    cleaning_rules_file: Path = option(DEFAULT_RULES_FILE, "debris-cleaning rules", "cleaning_rules")
    extra_cleaning_rules_file: Path | None = option(
        None,
        "cleaning rules for the debris of a corpus's own sites, applied after the debris-cleaning rules",
        "cleaning_rules",
    )
    actors_file: Path = option(DEFAULT_ACTORS_FILE, "actors and their aliases", "actors")
    sentiment_threshold: float = option(
        0.05, "sentence tone threshold T: positive at compound >= +T, negative at <= -T"
    )
    generic_frames_file: Path = option(DEFAULT_GENERIC_FRAMES_FILE, "generic-frame questions", "generic_frames")
    issue_frames_file: Path = option(DEFAULT_ISSUE_FRAMES_FILE, "issue-frame dictionaries", "issue_frames")
    sensationalism_features_file: Path = option(
        DEFAULT_SENSATIONALISM_FILE, "sensationalism features", "sensationalism"
    )
    clickbait_model_file: Path = option(
        DEFAULT_CLICKBAIT_MODEL_FILE, "clickbait headline model (weights of the headline features)", "clickbait_model"
    )
    attribution_lexicon_file: Path = option(DEFAULT_LEXICON_FILE, "attribution verbs and source words", "attribution")
    office_holders_file: Path = option(
        OFFICE_HOLDERS_FILE, "office holders with the dates of their terms", "office_holders"
    )
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
    config_file: Path | None = option(
        None, "YAML file of options by name; without it, the corpus folder's corpus.yaml if present; flags override it"
    )
    output: Folder | None = option(
        None,
        "where results/, figures/ and reports/ go; without it, the project root for seeds/ and runs/<corpus name>/ for any other corpus",
    )
    group_by: Names = option(("outlet",), "metadata columns to group articles by in figures, tried in order")

    def replace(self, **changes) -> Options:
        """These options with some changed; a change to None keeps the current value."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_mapping(self) -> dict:
        """Plain values for provenance and notebook parameters: paths relative to the project root,
        lists of names as lists; without `output`, where the results are written (so that the
        same results written elsewhere are the same bytes)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name != "output"}

    @classmethod
    def from_mapping(cls, values: dict) -> Options:
        """Options recorded by `to_mapping` (provenance): trusted, files not checked."""
        return cls(**{name: _unplain(name, value) for name, value in values.items() if name in option_names()})

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


# Options read by the command line and the notebooks rather than by an analysis step: they
# do not change any result table, so they are not part of the cache key.
RUN_OPTIONS = ("config_file", "output", "group_by")


def _plain(value):
    if isinstance(value, Path):
        return display_path(value)
    return list(value) if isinstance(value, tuple) else value


def _unplain(name: str, value):
    if value is None:
        return None
    if kind_of(name) in (Path, Folder):
        return resolve(value)
    return tuple(value) if kind_of(name) == Names else value


@cache
def option_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Options))


@cache
def kind_of(name: str):
    """The declared kind of an option (Path, Folder, Names, float, int or str), without `| None`."""
    hint = get_type_hints(Options)[name]
    if get_origin(hint) in (Union, types.UnionType):
        return next(t for t in hint.__args__ if t is not type(None))
    return hint


def help_of(name: str) -> str:
    return next(f.metadata["help"] for f in fields(Options) if f.name == name)


def schema_of(name: str) -> str | None:
    """The schema a file option's file must fit, if any."""
    return next(f.metadata["schema"] for f in fields(Options) if f.name == name)


def flag_of(name: str) -> str:
    """The command-line flag of an option: `actors_file` is `--actors`."""
    return "--" + name.removesuffix("_file").replace("_", "-")


# Each type's command-line placeholder and its name in error messages.
KINDS = {
    Path: ("FILE", "a file path"),
    Folder: ("FOLDER", "a folder path"),
    Names: ("NAMES", "a list of names (on the command line: comma-separated)"),
    float: ("NUMBER", "a number"),
    int: ("INTEGER", "an integer"),
    str: ("TEXT", "text"),
}


def metavar_of(name: str) -> str:
    return KINDS[kind_of(name)][0]


def parse(name: str, value, base: Path):
    """An option value from text or YAML: converted to the declared type; a relative path is
    resolved from `base` (a file option's must be a file, a folder option's must not be a
    file); names come as a list or comma-separated. Raises OptionError (without the option's
    name)."""
    kind = kind_of(name)
    if kind in (Path, Folder):
        if not isinstance(value, (str, Path)) or not str(value):
            raise OptionError(f"expected {KINDS[kind][1]}, got {value!r}")
        path = resolve(value, base)
        if kind is Path and not path.is_file():
            raise OptionError(f"file not found: {value}")
        if schema_of(name):
            check_file(path, schema_of(name), display_path(path))
        if kind is Folder and path.is_file():
            raise OptionError(f"expected a folder, got the file {value}")
        return path.resolve() if kind is Folder else path
    if kind == Names:
        names = value.split(",") if isinstance(value, str) else value
        if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) and n.strip() for n in names):
            raise OptionError(f"expected {KINDS[kind][1]}, got {value!r}")
        return tuple(n.strip() for n in names)
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
            except SchemaError as error:  # the file named by the option: its own one-line message
                raise OptionError(str(error)) from None
    return parsed


def read_config(path: Path) -> dict:
    """The options of a YAML config file (option names as keys, checked against the schema
    derived from the declarations); relative paths in it are resolved from the file's folder."""
    where = display_path(path)
    try:
        values = load_yaml(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise OptionError(f"{where}: cannot read the config file ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise OptionError(f"{where}: not valid YAML ({' '.join(str(error).split())})") from None
    if values is None:
        return {}
    try:
        check_config(values, config_schema(), where)
    except ValueError as error:
        raise OptionError(str(error)) from None
    return parse_all(values, Path(path).resolve().parent, where)


def config_schema() -> dict:
    """The JSON Schema of a config file: every option but `config_file`, by its kind."""
    forms = {
        Path: {"type": "string", "minLength": 1, "description": "a file path"},
        Folder: {"type": "string", "minLength": 1, "description": "a folder path"},
        Names: {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "a list of names"},
        float: {"type": "number", "description": "a number"},
        int: {"type": "integer", "description": "an integer"},
        str: {"type": "string", "minLength": 1, "description": "text"},
    }
    return {
        "type": "object",
        "description": "option names and values, e.g. 'sentiment_threshold: 0.1'",
        "properties": {name: forms[kind_of(name)] for name in option_names() if name != "config_file"},
        "additionalProperties": False,
        "x-key-noun": "option",
    }


def config_of(corpus_dir: str | Path, config_file: str | Path | None = None) -> Path | None:
    """The configuration of a corpus: `config_file` if given, else the corpus folder's
    corpus.yaml if there is one."""
    default = Path(corpus_dir) / CONFIG_NAME
    return Path(config_file) if config_file else (default if default.is_file() else None)


def corpus_options(corpus_dir: str | Path, config_file: str | Path | None = None) -> Options:
    """The declared defaults overridden by the corpus's configuration (`config_of`), which
    is recorded as `config_file`."""
    path = config_of(corpus_dir, config_file)
    if path is None:
        return Options()
    return Options().replace(**read_config(path), config_file=resolve(path))


def notebook_options(values: dict) -> dict:
    """The options a notebook's parameters cell sets: those that differ from the declared
    defaults (the literal defaults mean "as the results were computed")."""
    defaults = Options()
    parsed = parse_all(values, PROJECT_ROOT, "notebook parameters")
    return {name: value for name, value in parsed.items() if value != getattr(defaults, name)}
