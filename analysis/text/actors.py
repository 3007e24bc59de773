"""Actors of interest and their mentions in text.

Actors (people, countries, organisations) and their aliases live in a YAML file named by
the corpus's configuration; the packaged default, `data/actors.yaml`, names none. Matching is whole-word and case-sensitive; where aliases
overlap, the longest wins ("Prime Minister Mark Carney" is one mention of Carney).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..paths import DATA_DIR, display_path
from ..schemas import check

DEFAULT_ACTORS_FILE = DATA_DIR / "actors.yaml"


@dataclass(frozen=True)
class Actor:
    id: str
    label: str
    type: str
    aliases: tuple[str, ...]
    obfuscated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    actor: str
    alias: str
    start: int
    end: int


@dataclass(frozen=True)
class ActorList:
    """The actors of one actors file, with a compiled matcher."""

    actors: tuple[Actor, ...]
    pattern: re.Pattern
    actor_by_alias: dict[str, str]

    def mentions(self, text: str) -> list[Mention]:
        """All actor mentions in `text`, in order, longest alias first where they overlap."""
        return [
            Mention(self.actor_by_alias[m.group(0)], m.group(0), m.start(), m.end())
            for m in self.pattern.finditer(text)
        ]

    def obfuscated_names(self) -> dict[str, str]:
        """Lower-case letter sequence -> properly spelled name, for de-obfuscation."""
        names = {}
        for actor in self.actors:
            for letters in actor.obfuscated:
                spelled = next((a for a in actor.aliases if a.lower() == letters.lower()), letters)
                names[letters.lower()] = spelled
        return names

    @property
    def labels(self) -> dict[str, str]:
        return {a.id: a.label for a in self.actors}


@lru_cache(maxsize=8)
def load_actors(path: str | Path | None = None) -> ActorList:
    """Read an actors YAML file (the packaged one by default)."""
    path = Path(path) if path else DEFAULT_ACTORS_FILE
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    check(spec, "actors", display_path(path))
    actors, actor_by_alias = [], {}
    for group in spec["groups"]:
        for entry in group["actors"]:
            actor = Actor(
                entry["id"],
                entry.get("label", entry["id"]),
                entry.get("type", "other"),
                tuple(entry["aliases"]),
                tuple(entry.get("obfuscated", ())),
            )
            actors.append(actor)
            for alias in actor.aliases:
                if actor_by_alias.setdefault(alias, actor.id) != actor.id:
                    raise ValueError(f"{path}: alias {alias!r} is given to two actors")
    aliases = sorted(actor_by_alias, key=lambda a: (-len(a), a))
    alternatives = "|".join(map(re.escape, aliases)) or r"(?!)"  # no actors: a pattern that never matches
    pattern = re.compile(r"(?<![\w.])(?:" + alternatives + r")(?![\w])")
    return ActorList(tuple(actors), pattern, actor_by_alias)
