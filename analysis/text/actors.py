"""Actors of interest and their mentions in text.

Actors (people, countries, organisations) and their aliases live in a YAML file named by
the corpus's configuration; the packaged default, `data/actors.yaml`, names none. Aliases are
matched with the package's term matcher (`text.match`), case-sensitively and not right after a
dot (no "Carney" in an address such as "mark.carney"); where aliases overlap, the longest wins
("Prime Minister Mark Carney" is one mention of Carney).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import DEFAULT_ACTORS_FILE, display_path
from ..schemas import check, load_yaml
from .match import TermMatcher


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
    matcher: TermMatcher
    actor_by_alias: dict[str, str]

    def mentions(self, text: str) -> list[Mention]:
        """All actor mentions in `text`, in order, longest alias first where they overlap."""
        mentions = []
        for m in self.matcher.finditer(text):
            alias = " ".join(m.group(0).split())  # an alias's spaces match any whitespace
            mentions.append(Mention(self.actor_by_alias[alias], alias, m.start(), m.end()))
        return mentions

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
    spec = load_yaml(path.read_text(encoding="utf-8"))
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
            for alias in (" ".join(a.split()) for a in actor.aliases):
                if actor_by_alias.setdefault(alias, actor.id) != actor.id:
                    raise ValueError(f"{path}: alias {alias!r} is given to two actors")
    matcher = TermMatcher(tuple(actor_by_alias), ignore_case=False, not_after=".")
    return ActorList(tuple(actors), matcher, actor_by_alias)
