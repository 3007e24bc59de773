"""Who appears and how: entity mentions, the entities they form across the corpus, and the
tone toward each.

Per article (`compute`), every mention of the entity layer (`text.entities`) becomes a row of
`entity_mentions`, with its role in the sentence (the speaker of an attribution there, inside
someone's quotation, or mentioned) and its tone toward the entity (`entity_tone`, a model of
who says what about whom, validated on NewsMTSC). Over the corpus (`finish`), the mentions'
names within articles are joined into entities: the same name is the same entity, an actor of
the actors file keeps its id and label, and a single name that is the last name of exactly
one person named in full elsewhere joins that person. An entity's type is voted over its
mentions (the model errs on types from one sentence to the next), a nationality counting for
its country. `entity_tone` then gives, per article and over the corpus, the mean tone of the
body sentences that mention an entity beside the mean tone toward it, with bootstrap
intervals.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from ..text.actors import load_actors
from ..text.entities import ensure_entities, voted_type
from ..text.entity_reference import load_entity_reference
from ..text.load import Corpus
from .attribution import quoted_words_table
from .entity_tone import Mention, mention_tones
from .sentiment import bootstrap_mean_ci, row_means

MENTION_COLUMNS = [
    "article_id",
    "sentence_id",
    "start",
    "end",
    "text",
    "entity_id",
    "type",
    "role",
    "tone",
    "tone_label",
]
ENTITY_COLUMNS = ["entity_id", "label", "type", "aliases", "n_mentions", "n_articles"]
TONE_COLUMNS = [
    "scope",
    "article_id",
    "entity_id",
    "n_mentions",
    "n_sentences",
    "sentence_tone",
    "sentence_tone_ci_low",
    "sentence_tone_ci_high",
    "targeted_tone",
    "targeted_tone_ci_low",
    "targeted_tone_ci_high",
]
ALIAS_SEPARATOR = " | "
_NOT_ID_RE = re.compile(r"[^a-z0-9]+")


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """`entity_mentions` of each article, with the entity's name within the article (`name`)
    and whether an actor of the actors file is meant (`actor`) in place of a corpus-wide id."""
    actors = load_actors(options.actors_file)
    ensure_entities(corpus.articles, actors)
    rows = []
    for article in corpus.articles:
        starts = [s.start for s in article.sentences]
        attributions = article.layers.get("attributions", [])
        found = article.layers["entities"]
        sentences = [article.sentences[bisect_right(starts, m.start) - 1] for m in found]
        tones = mention_tones(
            article.layers["parse"],
            [Mention(s.start, s.end, m.start, m.end) for m, s in zip(found, sentences)],
            attributions,
            text=article.clean_text,
        )
        for m, sentence, (tone, label) in zip(found, sentences, tones):
            rows.append(
                {
                    "article_id": article.article_id,
                    "sentence_id": sentence.sentence_id,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "name": m.key,
                    "type": m.type,
                    "actor": m.actor,
                    "role": _role(m, attributions),
                    "tone": round(tone, 4),
                    "tone_label": label,
                }
            )
    columns = [c for c in MENTION_COLUMNS if c != "entity_id"] + ["name", "actor"]
    return {"entity_mentions": pd.DataFrame(rows, columns=columns)}


def _role(mention, attributions) -> str:
    """'speaker' of an attribution, 'quoted' (inside a quotation), else 'mentioned'."""
    for a in attributions:
        if a.speaker_start < mention.end and mention.start < a.speaker_end:
            return "speaker"
    for a in attributions:
        if a.quote and a.start <= mention.start and mention.end <= a.end:
            return "quoted"
    return "mentioned"


def finish(tables: dict[str, pd.DataFrame], options) -> dict[str, pd.DataFrame]:
    """The corpus's entities: `entities`, `entity_mentions` with corpus-wide ids, `entity_tone`,
    and the attributions' speakers linked to them (`speaker_entity`, and `speaker_canonical`
    where linked, so quoted words count per entity)."""
    mentions = tables["entity_mentions"]
    actors = load_actors(options.actors_file)
    id_of_name = entity_ids(mentions)
    mentions = mentions.assign(entity_id=mentions["name"].map(id_of_name))
    entities = entity_table(mentions, actors.labels)
    out = {
        "entities": entities,
        "entity_mentions": mentions[MENTION_COLUMNS].reset_index(drop=True),
        "entity_tone": tone_table(mentions, tables["sentences"]),
    }
    attributions = tables.get("attributions")
    if attributions is not None and len(attributions):
        linked = attributions["speaker_entity"].map(
            lambda name: id_of_name.get(name, "") if isinstance(name, str) else ""
        )
        canonical = linked.where(linked != "", attributions["speaker_canonical"])
        out["attributions"] = attributions.assign(speaker_entity=linked, speaker_canonical=canonical)
        out["quoted_words"] = quoted_words_table(out["attributions"])
    return out


def entity_ids(mentions: pd.DataFrame) -> dict[str, str]:
    """The corpus-wide id of each name within articles: an actor's id, else the name in lower
    case with runs of other characters as '_'; a single name that is the last name of exactly
    one person named in full takes that person's id."""
    names = mentions.drop_duplicates("name")
    actor_names = set(names.loc[names["actor"].astype(bool), "name"])
    ids = {name: name if name in actor_names else _id_of(name) for name in names["name"]}
    person_names = mentions.loc[mentions["type"] == "person", "name"]
    full_by_last: dict[str, set[str]] = {}
    for name in set(person_names):
        if " " in name and name not in actor_names:
            full_by_last.setdefault(name.split()[-1], set()).add(ids[name])
    type_counts = mentions.groupby(["name", "type"]).size().unstack(fill_value=0)
    voted_person = set(type_counts.index[type_counts.idxmax(axis=1) == "person"]) if len(type_counts) else set()
    for name in ids:
        full = full_by_last.get(name, set())
        if " " not in name and name in voted_person and len(full) == 1:
            ids[name] = next(iter(full))
    return ids


def _id_of(name: str) -> str:
    """'Múte B. Egede' -> 'mute_b_egede': accents dropped, other characters runs of '_'."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    return _NOT_ID_RE.sub("_", letters).strip("_") or "entity"


def entity_table(mentions: pd.DataFrame, actor_labels: dict[str, str]) -> pd.DataFrame:
    """One row per entity: label, voted type, aliases (most used first), counts; most
    mentioned first."""
    countries = set(load_entity_reference().country_of.values())
    types: dict[str, Counter] = defaultdict(Counter)
    aliases: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, set] = defaultdict(set)
    columns = ["entity_id", "type", "text", "name", "article_id"]
    for entity_id, kind, text, name, article_id in zip(*(mentions[c].tolist() for c in columns)):
        types[entity_id][kind] += 1
        aliases[entity_id][" ".join(text.split())] += 1
        names[entity_id][name] += 1
        articles[entity_id].add(article_id)
    rows = []
    for entity_id in sorted(types):
        counts = types[entity_id]
        label = actor_labels.get(entity_id) or _label(names[entity_id])
        if label in countries and "nationality" in counts:
            counts["country"] += counts.pop("nationality")
        kind = voted_type(counts)
        rows.append(
            {
                "entity_id": entity_id,
                "label": label,
                "type": kind,
                "aliases": ALIAS_SEPARATOR.join(
                    a for a, _ in sorted(aliases[entity_id].items(), key=lambda x: (-x[1], x[0]))
                ),
                "n_mentions": sum(counts.values()),
                "n_articles": len(articles[entity_id]),
            }
        )
    table = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    return table.sort_values(["n_mentions", "entity_id"], ascending=[False, True]).reset_index(drop=True)


def _label(names: Counter) -> str:
    """Of an entity's names within articles, the most used of those with two words or more
    (a full name over a surname), else the most used."""
    return max(names, key=lambda n: (len(n.split()) > 1, names[n], n))


def tone_table(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article and over the corpus: each entity's mentions, the tone of the body sentences
    mentioning it (each sentence once, in order of first mention) and the tone toward it, each
    mean with a bootstrap interval."""
    body = sentences.loc[sentences["part"] == "body", ["article_id", "sentence_id", "compound"]]
    joined = mentions.merge(body, on=["article_id", "sentence_id"], how="inner")
    sentence_of = joined.groupby(["article_id", "sentence_id"], sort=False).ngroup().to_numpy()
    tone, compound = joined["tone"].to_numpy(dtype=float), joined["compound"].to_numpy(dtype=float)
    article_ids, entity_ids = joined["article_id"].to_numpy(dtype=object), joined["entity_id"].to_numpy(dtype=object)
    parts = []
    for scope, keys, in_order in (("article", ["article_id", "entity_id"], False), ("corpus", ["entity_id"], True)):
        codes = joined.groupby(keys, sort=in_order).ngroup().to_numpy()
        order = np.argsort(codes, kind="stable")
        targeted = _groups(tone[order], codes[order])
        pairs, once = np.unique(codes * (len(joined) + 1) + sentence_of, return_index=True)
        sentence_tone = _groups(compound[once], pairs // (len(joined) + 1))
        first = order[np.searchsorted(codes[order], np.arange(len(targeted)))]
        part = pd.DataFrame(
            {
                "scope": scope,
                "article_id": article_ids[first] if scope == "article" else "",
                "entity_id": entity_ids[first],
                "n_mentions": [len(g) for g in targeted],
                "n_sentences": [len(g) for g in sentence_tone],
                "sentence_tone": _means(sentence_tone),
                "targeted_tone": _means(targeted),
            }
        )
        keys_of = [f"{scope}/{a}/{e}" for a, e in zip(part["article_id"], part["entity_id"])]
        for column, values, suffix in (("sentence_tone", sentence_tone, ""), ("targeted_tone", targeted, "/targeted")):
            intervals = [bootstrap_mean_ci(v, k + suffix) for v, k in zip(values, keys_of)]
            part[f"{column}_ci_low"] = [low for low, _ in intervals]
            part[f"{column}_ci_high"] = [high for _, high in intervals]
        parts.append(part)
    return pd.concat(parts, ignore_index=True)[TONE_COLUMNS].round(4)


def _groups(values: np.ndarray, codes: np.ndarray) -> list[np.ndarray]:
    """`values` cut into runs of equal `codes` (sorted)."""
    return np.split(values, np.flatnonzero(np.diff(codes)) + 1) if len(values) else []


def _means(groups: list[np.ndarray]) -> np.ndarray:
    """`np.mean` of each group (the same numbers), groups of one length averaged together."""
    means = np.empty(len(groups))
    lengths = np.array([len(g) for g in groups])
    for length in np.unique(lengths):
        chosen = np.flatnonzero(lengths == length)
        means[chosen] = row_means(np.stack([groups[i] for i in chosen]))
    return means
