"""Stance attributions: sources found by the dependency parse rather than by a speech cue.

News attributes positions with many verbs that are not reporting verbs: "Cruz endorsed
Trump", "the study found", "Clinton defended her plan". PolNeAR annotates these as
attributions; the speech lexicon cannot list them all. Here every subject of a verb in the
entity model's parse is a candidate, and a logistic regression over named features of the
verb, its subject and its dependents (`candidate_features`) gives the probability that the
subject is the source of an attribution. Candidates on a source the speech extractor
already found, and verbs the lexicon lists as beliefs, intentions or perceptions, are left
out; the rest at or above the model's threshold are stance attributions.

The weights are `data/stance_model.yaml`, fitted on PolNeAR's train split by
`python -m analysis train-stances` (analysis/validation/stances.py).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...paths import DATA_DIR, display_path
from ...schemas import check, load_yaml
from .lexicon import Lexicon

STANCE_MODEL_FILE = DATA_DIR / "stance_model.yaml"
# Subjects that never name a source: expletives, relatives and demonstratives.
NON_SOURCE_SUBJECTS = {"it", "this", "that", "there", "which", "what"}
NON_SOURCE_TAGS = {"EX", "WDT"}
QUOTE_MARKS = {'"', "“", "”"}
ARGUMENT_DEPS = {"ccomp", "xcomp", "dobj"}
SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(frozen=True)
class Candidate:
    """A verb's subject in the parse: its span, its head word's span, the verb's span and the features."""

    source_start: int
    source_end: int
    head_start: int
    head_end: int
    cue_start: int
    cue_end: int
    source: str
    cue: str
    features: dict[str, float]


@dataclass(frozen=True)
class StanceModel:
    """Logistic regression over named features, nearly all 0 or 1 (absent features count 0)."""

    intercept: float
    threshold: float
    weights: dict[str, float]
    source: dict[str, str]

    def probability(self, features: dict[str, float]) -> float:
        """P(the candidate is an attribution's source)."""
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z))


def stem(word: str) -> str:
    """A crude stem: one common ending off, keeping three letters ("endorsed" -> "endors")."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class ParseIndex:
    """What the features read from the whole parse, computed once per text: the model's
    entities by first token, and for each token whether its sentence has a quotation mark."""

    entities: tuple
    entity_starts: tuple[int, ...]
    in_quoted_sentence: tuple[bool, ...]

    @classmethod
    def of(cls, doc) -> ParseIndex:
        entities = tuple(doc.ents)
        quoted = []
        for sentence in doc.sents:
            quoted += [any(mark in sentence.text for mark in QUOTE_MARKS)] * len(sentence)
        return cls(entities, tuple(e.start for e in entities), tuple(quoted))

    def entity_label(self, first: int, last: int) -> str:
        """The label of the first entity lying within tokens first..last, else "none"."""
        for at in range(bisect_left(self.entity_starts, first), len(self.entities)):
            entity = self.entities[at]
            if entity.start > last:
                break
            if entity.end <= last + 1:
                return entity.label_
        return "none"


def candidate_features(verb, subject, index: ParseIndex) -> dict[str, float]:
    """The named features of one (verb, subject) pair of spaCy tokens."""
    features = {
        f"verb={verb.lower_}": 1.0,
        f"stem={stem(verb.lower_)}": 1.0,
        f"verb_tag={verb.tag_}": 1.0,
        f"verb_dep={verb.dep_}": 1.0,
        f"subject_tag={subject.tag_}": 1.0,
        f"subject_pronoun={subject.lower_ if subject.tag_ == 'PRP' else '-'}": 1.0,
        f"subject_entity={index.entity_label(subject.left_edge.i, subject.right_edge.i)}": 1.0,
        "subject_length": min(subject.right_edge.i - subject.left_edge.i + 1, 10) / 10,
    }
    for child in verb.children:
        features[f"dependent={child.dep_}"] = 1.0
        if child.dep_ in ARGUMENT_DEPS:
            features[f"{child.dep_}_tag={child.tag_}"] = 1.0
        if child.dep_ == "prep":
            features[f"preposition={child.lower_}"] = 1.0
        if child.dep_ == "dobj":
            features[f"object={child.lower_}"] = 1.0
        if child.dep_ == "xcomp":
            features[f"xcomp_stem={stem(child.lower_)}"] = 1.0
        if child.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            features["that_clause"] = 1.0
    if index.in_quoted_sentence[verb.i]:
        features["quotation_in_sentence"] = 1.0
    return features


def candidates(
    doc, taken: list[tuple[int, int]], lexicon: Lexicon, sentences: list[tuple[int, int]]
) -> list[Candidate]:
    """Every verb's nominal subject in a parsed text, within one of the (start, end) `sentences`
    of the package's segmenter (the subject cut at the verb's sentence: the model may run a
    headline into the first sentence), except subjects that overlap a span in `taken` (the
    sources the speech extractor found) and verbs the lexicon calls beliefs."""
    found = []
    index, text = ParseIndex.of(doc), doc.text  # Doc.text joins every token: read it once
    starts = [s for s, _ in sentences]
    for verb in doc:
        if not verb.tag_.startswith("VB") or lexicon.is_non_speech(verb.text):
            continue
        at = bisect_right(starts, verb.idx) - 1
        if at < 0 or verb.idx >= sentences[at][1]:
            continue  # outside the sentences given (a headline, say)
        first, last = sentences[at]
        for subject in verb.children:
            if subject.dep_ != "nsubj" or subject.tag_ in NON_SOURCE_TAGS or subject.lower_ in NON_SOURCE_SUBJECTS:
                continue
            start = max(subject.left_edge.idx, first)
            end = min(subject.right_edge.idx + len(subject.right_edge), last)
            start += len(text[start:end]) - len(text[start:end].lstrip())
            if not first <= subject.idx < last or any(s < end and start < e for s, e in taken):
                continue
            found.append(
                Candidate(
                    start,
                    end,
                    subject.idx,
                    subject.idx + len(subject),
                    verb.idx,
                    verb.idx + len(verb),
                    text[start:end],
                    verb.text,
                    candidate_features(verb, subject, index),
                )
            )
    return found


def speech_rows(attributions, lexicon: Lexicon) -> list:
    """The speech extractor's attributions with a cue that is not a belief (continued quotations,
    which have no cue, and beliefs left out): those the validation scores and stances avoid."""
    return [r for r in attributions if r.cue and not lexicon.is_non_speech(r.cue)]


def speech_source_spans(attributions, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The source spans of `speech_rows`, in order, once each: a stance may not repeat them."""
    return list(dict.fromkeys((r.speaker_start, r.speaker_end) for r in speech_rows(attributions, lexicon)))


def stances(
    doc, taken: list[tuple[int, int]], lexicon: Lexicon, model: StanceModel, sentences: list[tuple[int, int]]
) -> list[tuple[Candidate, float]]:
    """The candidates the model accepts, each with its probability, in text order; a verb with
    several accepted subjects (a parse error, mostly) keeps the likeliest."""
    best: dict[int, tuple[Candidate, float]] = {}
    for candidate in candidates(doc, taken, lexicon, sentences):
        p = model.probability(candidate.features)
        if p >= model.threshold and (candidate.cue_start not in best or p > best[candidate.cue_start][1]):
            best[candidate.cue_start] = (candidate, p)
    return sorted(best.values(), key=lambda found: found[0].source_start)


@lru_cache(maxsize=4)
def load_stance_model(path: Path = STANCE_MODEL_FILE) -> StanceModel:
    """The packaged stance model, checked against its schema."""
    data = load_yaml(Path(path).read_text(encoding="utf-8"))
    check(data, "stance_model", display_path(path))
    return StanceModel(float(data["intercept"]), float(data["threshold"]), dict(data["weights"]), dict(data["source"]))
