"""The schemas of the package's YAML files, and the one check every loader calls.

Each data file the package reads (actors, issue frames, generic frames, sensationalism
features, attribution lexicon, cleaning rules, negation, language check) has a JSON Schema
here, `<name>.yaml`, written as data; a corpus's configuration file has one derived from the
option declarations (`pipeline.options.config_schema`). `check` raises a one-line ValueError
naming the file, the key and the expected form, e.g.
`seeds/config/actors.yaml: groups[0].actors[3].aliases: expected a list of strings, got 'Blair'`.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import yaml

SCHEMAS_DIR = Path(__file__).resolve().parent

# How a JSON type reads in a message, when the schema gives no description.
_TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "object": "a mapping of keys to values",
    "array": "a list",
    "null": "nothing",
}


class SchemaError(ValueError):
    """A data or configuration file that does not fit its schema; the message is one line."""


# libyaml's parser where PyYAML was built with it: the same data, several times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """The data of a YAML document, as `yaml.safe_load` reads it (raises yaml.YAMLError)."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def significant(value: float, digits: int = 6) -> float:
    """A number rounded to `digits` significant digits, as the fitted models' data files hold them."""
    return float(f"{value:.{digits}g}")


def model_file_text(header: str, mapping: dict) -> str:
    """A fitted model's data file: `header` (comment lines), its `source` notes, then the rest
    of `mapping` as YAML (lists of numbers on one line)."""
    mapping = dict(mapping)
    source = yaml.safe_dump({"source": mapping.pop("source")}, sort_keys=False, allow_unicode=True, width=100)
    return header + source + yaml.safe_dump(mapping, sort_keys=False, width=100, default_flow_style=None)


@cache
def schema(name: str) -> dict:
    """The packaged schema `<name>.yaml`."""
    return load_yaml((SCHEMAS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def check(data, name: str, where: str) -> None:
    """Check `data` (a parsed YAML file, `where` its displayed path) against the schema `name`."""
    check_config(data, schema(name), where)


def check_file(path: Path, name: str, where: str) -> None:
    """Read a YAML file and check it against the schema `name`."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SchemaError(f"{where}: not valid YAML ({' '.join(str(error).split())})") from None
    check(data, name, where)


def check_config(data, schema_: dict, where: str) -> None:
    """Check `data` against a schema; raise SchemaError with one line about the first problem
    (the first in document order, so the message is the same on every run)."""
    errors = sorted(_validator()(schema_).iter_errors(data), key=_order)
    if errors:
        raise SchemaError(f"{where}: {_describe(errors[0], schema_)}")


@cache
def _validator():
    """jsonschema's validator class, imported on first use (a second of start-up otherwise).

    jsonschema imports rfc3987_syntax, if installed, for its optional "iri" format check, and
    that module builds a grammar when imported (over a second in every process). These
    schemas use no formats, so jsonschema is imported without it."""
    sys.modules.setdefault("rfc3987_syntax", None)
    from jsonschema import Draft202012Validator

    return Draft202012Validator


def _order(error) -> tuple:
    return (tuple((isinstance(p, str), p) for p in error.absolute_path), error.validator != "additionalProperties")


def _location(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _form(schema_: dict, root: dict) -> str:
    """What a schema expects, in words (a local `$ref` is followed)."""
    if "$ref" in schema_ and "description" not in schema_:
        target = root
        for part in schema_["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return _form(target, root)
    if "description" in schema_:
        return schema_["description"]
    if "enum" in schema_:
        return "one of " + ", ".join(map(str, schema_["enum"]))
    kind = schema_.get("type")
    if kind == "array" and isinstance(schema_.get("items"), dict) and "type" in schema_["items"]:
        item = schema_["items"]
        return "a list of " + ("strings" if item["type"] == "string" else _TYPE_WORDS[item["type"]].split()[-1] + "s")
    if isinstance(kind, list):
        return " or ".join(_TYPE_WORDS[k] for k in kind)
    return _TYPE_WORDS.get(kind, "a value of another form")


def _describe(error, root: dict) -> str:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known), key=str)[0]
        noun = error.schema.get("x-key-noun", "key")
        where = f"{_location(path)}: " if path else ""
        return f"{where}unknown {noun} {extra!r} (known: {', '.join(known)})"
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in error.instance)
        form = _form(error.schema.get("properties", {}).get(missing, {}), root)
        return f"{_location([*path, missing])}: missing (expected {form})"
    if error.validator == "propertyNames":
        return f"{_location(path)}: expected {_form(error.schema, root)}, got the key {error.instance!r}"
    where = _location(path) or "the file"
    return f"{where}: expected {_form(error.schema, root)}, got {error.instance!r}"
