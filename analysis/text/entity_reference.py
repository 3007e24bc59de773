"""The reference names for entities (`data/entities.yaml`): countries with their aliases and
demonyms, person titles and organisation prefixes, read once and checked against their schema."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR, display_path
from ..schemas import check, load_yaml

ENTITY_REFERENCE_FILE = DATA_DIR / "entities.yaml"


@dataclass(frozen=True)
class EntityReference:
    """Names read from an entities file. `country_of` maps every country name, alias and
    demonym to the country's canonical name; the titles and prefixes are longest first."""

    country_of: dict[str, str]
    person_titles: tuple[str, ...]
    organisation_prefixes: tuple[str, ...]


@lru_cache(maxsize=4)
def load_entity_reference(path: str | Path | None = None) -> EntityReference:
    """Read an entities YAML file (the packaged one by default). A string given to two
    countries is a one-line ValueError naming the file."""
    path = Path(path) if path else ENTITY_REFERENCE_FILE
    where = display_path(path)
    spec = load_yaml(path.read_text(encoding="utf-8"))
    check(spec, "entities", where)
    country_of = {}
    for group in spec["countries"]:
        for entry in group["entries"]:
            country = _spaced(entry["name"])
            for name in (entry["name"], *entry.get("aliases", ()), *entry.get("demonyms", ())):
                name = _spaced(name)
                if country_of.setdefault(name, country) != country:
                    raise ValueError(
                        f"{where}: countries: {name!r} is given to two countries ({country_of[name]}, {country})"
                    )
    return EntityReference(
        country_of,
        _longest_first(spec["person_titles"]),
        _longest_first(spec["organisation_prefixes"]),
    )


def _spaced(name: str) -> str:
    return " ".join(name.split())


def _longest_first(groups: list[dict]) -> tuple[str, ...]:
    terms = {_spaced(term) for group in groups for term in group["terms"]}
    return tuple(sorted(terms, key=lambda term: (-len(term), term)))
