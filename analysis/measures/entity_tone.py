"""Tone toward an entity: the tone of a sentence toward one mention in it.

Each mention gets named features of the words around it, and a multinomial logistic
regression over them (weights in `data/entity_tone_model.yaml`, rebuilt by `python -m analysis
train-entity-tone`) gives the probabilities of negative, neutral and positive; the score is
P(positive) - P(negative). A word's valence is its VADER lexicon value (Hutto & Gilbert 2014;
vaderSentiment 3.3.2) divided by 4, turned by VADER's negation factor when the package's
negation rule (`text.match.is_negated`) holds before it. The words of the mention itself and of
other named entities carry no valence (names such as "Winner" or "Hope" are not tone).

Features, in three groups:
- sentence: VADER compound of the sentence and its absolute value (intensity), the summed
  positive and negative valence of its words and the same weighted by closeness to the mention
  (half the weight every NEAR_HALF_DISTANCE tokens), the sentence's length (log of 1 + its
  words), the number of other named entities in it, of quotation marks, and where the mention
  starts (0 at the sentence's start, 1 at its end);
- quotation (from the package's attribution records): whether the mention is the speaker of an
  attribution or inside another speaker's words, and the valence of the mention's own quoted
  words. A speaker's own words are kept out of every other feature: they are what the speaker
  says, not what is said of them;
- parse (spaCy's dependency parse): valence in the mention's clause; of the verb the mention is
  the subject or agent of (what it does) and of the words that complete that verb (what it is
  or does); of the verb or preposition it is the object or passive subject of (what is done to
  it); of the noun it belongs to ("Smith's failure"); of its own modifiers ("Smith, a
  disgraced official"); and of all words weighted by their distance in the parse tree (half
  the weight every TREE_HALF_DISTANCE steps).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from vaderSentiment.vaderSentiment import N_SCALAR, SentimentIntensityAnalyzer

from ..paths import DATA_DIR, display_path
from ..schemas import check
from ..text.match import is_negated
from .sentiment import score as vader_scores

MODEL_FILE = DATA_DIR / "entity_tone_model.yaml"
CLASSES = ("negative", "neutral", "positive")
VADER_SCALE = 4.0  # VADER's lexicon values run from -4 to 4
NEAR_HALF_DISTANCE = 3.0  # tokens after which a word's weight in the near_* features halves
TREE_HALF_DISTANCE = 2.0  # parse-tree steps after which a word's weight in tree_near_* halves
QUOTE_MARKS = '"“”«»'
SENTENCE_FEATURES = (
    "sentence_compound",
    "sentence_intensity",
    "sentence_positive",
    "sentence_negative",
    "near_positive",
    "near_negative",
    "sentence_words",
    "other_entities",
    "quote_marks",
    "target_position",
)
QUOTATION_FEATURES = (
    "target_is_speaker",
    "target_in_quote",
    "own_quote_positive",
    "own_quote_negative",
)
PARSE_FEATURES = (
    "clause_positive",
    "clause_negative",
    "agent_verb_positive",
    "agent_verb_negative",
    "predicate_positive",
    "predicate_negative",
    "patient_head_positive",
    "patient_head_negative",
    "owner_noun_positive",
    "owner_noun_negative",
    "modifier_positive",
    "modifier_negative",
    "tree_near_positive",
    "tree_near_negative",
)
LEXICAL_FEATURES = SENTENCE_FEATURES + QUOTATION_FEATURES  # the features that need no parse
FEATURES = LEXICAL_FEATURES + PARSE_FEATURES
# Dependency labels (ClearNLP, as spaCy's English models use them) of the mention's roles.
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "attr", "oprd", "pobj"})
OWNER_DEPS = frozenset({"poss", "compound", "nmod"})
COMPLEMENT_DEPS = frozenset({"acomp", "attr", "dobj", "oprd", "xcomp", "advmod", "npadvmod"})
EMBEDDED_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "csubj", "parataxis", "conj", "acl", "pcomp"})
UNVALENCED_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"})


@dataclass(frozen=True)
class Mention:
    """One mention to score: its sentence and its own span, character offsets into the text."""

    sentence_start: int
    sentence_end: int
    target_start: int
    target_end: int


@dataclass(frozen=True)
class ToneModel:
    """The fitted model: feature names, standardisation and one coefficient row per class."""

    features: tuple[str, ...]
    classes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coefficients: np.ndarray  # classes x features
    intercepts: np.ndarray
    source: dict

    @property
    def uses_parse(self) -> bool:
        return any(name in PARSE_FEATURES for name in self.features)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities (rows: mentions, columns: `classes`) of a features matrix whose
        columns are `features`."""
        logits = ((features - self.mean) / self.scale) @ self.coefficients.T + self.intercepts
        logits -= logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        return odds / odds.sum(axis=1, keepdims=True)

    def to_mapping(self, digits: int = 6) -> dict:
        """The model as its data file holds it (numbers rounded to `digits` significant digits)."""

        def rounded(value: float) -> float:
            return float(f"{value:.{digits}g}")

        return {
            "source": dict(self.source),
            "classes": list(self.classes),
            "intercepts": [rounded(v) for v in self.intercepts],
            "features": [
                {
                    "name": name,
                    "mean": rounded(self.mean[j]),
                    "scale": rounded(self.scale[j]),
                    "coefficients": [rounded(v) for v in self.coefficients[:, j]],
                }
                for j, name in enumerate(self.features)
            ],
        }


def model_from_mapping(data: dict, where: str) -> ToneModel:
    """A model from its parsed data file (`where` its displayed path), checked by its schema
    and for what a schema cannot say (known feature names, one coefficient per class)."""
    check(data, "entity_tone_model", where)
    classes = tuple(data["classes"])
    if sorted(classes) != sorted(CLASSES):
        raise ValueError(f"{where}: classes: expected {', '.join(CLASSES)} in some order, got {list(classes)}")
    if len(data["intercepts"]) != len(classes):
        raise ValueError(f"{where}: intercepts: expected {len(classes)} numbers (one per class)")
    names = []
    for index, feature in enumerate(data["features"]):
        name = feature["name"]
        if name not in FEATURES:
            raise ValueError(
                f"{where}: features[{index}].name: unknown feature {name!r} (known: {', '.join(FEATURES)})"
            )
        if name in names:
            raise ValueError(f"{where}: features[{index}].name: {name!r} is listed twice")
        if len(feature["coefficients"]) != len(classes):
            raise ValueError(
                f"{where}: features[{index}].coefficients: expected {len(classes)} numbers (one per class)"
            )
        names.append(name)
    features = data["features"]
    return ToneModel(
        features=tuple(names),
        classes=classes,
        mean=np.array([f["mean"] for f in features], dtype=float),
        scale=np.array([f["scale"] for f in features], dtype=float),
        coefficients=np.array([f["coefficients"] for f in features], dtype=float).T,
        intercepts=np.array(data["intercepts"], dtype=float),
        source=dict(data["source"]),
    )


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> ToneModel:
    """The model of a data file (the shipped one by default)."""
    where = display_path(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{where}: not valid YAML ({' '.join(str(error).split())})") from None
    return model_from_mapping(data, where)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    return SentimentIntensityAnalyzer().lexicon


def entity_spans(doc) -> list[tuple[int, int]]:
    """(start, end) token spans of the Doc's named entities whose words carry no valence."""
    return [(e.start, e.end) for e in doc.ents if e.label_ in UNVALENCED_ENTITY_LABELS]


class ScoredSentence:
    """One sentence of a Doc: its tokens, their valence and the attributions in it. `entities`
    are the Doc's `entity_spans` and `doc_text` its text (both found here if not given; a Doc
    rebuilds its text at every call)."""

    def __init__(
        self, doc, start: int, end: int, attributions: Sequence, entities: Sequence | None = None, doc_text=None
    ):
        self.doc, self.start, self.end = doc, start, end
        span = doc.char_span(start, end, alignment_mode="expand")
        self.lo, self.hi = (span.start, span.end) if span is not None else (0, 0)
        self.text = (doc.text if doc_text is None else doc_text)[start:end]
        tokens = doc[self.lo : self.hi]
        self.token_starts = np.array([t.idx for t in tokens], dtype=int)
        self.token_ends = self.token_starts + np.array([len(t) for t in tokens], dtype=int)
        self.entities = [
            (a, b) for a, b in (entity_spans(doc) if entities is None else entities) if b > self.lo and a < self.hi
        ]
        in_entity = np.zeros(self.hi - self.lo, dtype=bool)
        for e_start, e_end in self.entities:
            in_entity[max(0, e_start - self.lo) : e_end - self.lo] = True
        lexicon = _lexicon()
        self.n_words = 0
        valence = np.zeros(self.hi - self.lo)
        for k, token in enumerate(tokens):
            self.n_words += token.is_alpha
            value = lexicon.get(token.lower_)
            if value and not in_entity[k]:
                negated = is_negated(self.text, max(0, token.idx - start))
                valence[k] = value / VADER_SCALE * (N_SCALAR if negated else 1.0)
        self.valence = valence
        self.attributions = [a for a in attributions if a.start < end and a.end > start]
        self._compound: float | None = None

    @property
    def compound(self) -> float:
        if self._compound is None:
            self._compound = vader_scores(self.text)["compound"]
        return self._compound

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Token indexes (into the Doc) of the sentence's tokens that overlap [start, end)."""
        inside = np.nonzero((self.token_starts < end) & (self.token_ends > start))[0]
        return (inside + self.lo).tolist()


def _sums(valence: np.ndarray) -> tuple[float, float]:
    """The summed positive valence and the summed magnitude of the negative valence."""
    return float(valence[valence > 0].sum()), float(-valence[valence < 0].sum())


def _quote_tokens(sentence: ScoredSentence, attribution) -> set[int]:
    """Tokens of an attribution's reported words: its span less its speaker and its cue."""
    inside = set(sentence.tokens_in(attribution.start, attribution.end))
    inside -= set(sentence.tokens_in(attribution.speaker_start, attribution.speaker_end))
    inside -= set(sentence.tokens_in(attribution.cue_start, attribution.cue_end))
    return inside


def _root(doc, tokens: list[int]):
    """The token of a span whose head lies outside it (the last token if none does)."""
    inside = set(tokens)
    return next((doc[i] for i in tokens if doc[i].head.i not in inside or doc[i].head.i == i), doc[tokens[-1]])


def _clause_tokens(root, lo: int, hi: int) -> set[int]:
    """The tokens of the clause holding `root`: the subtree of its nearest verb (or the parse's
    root) without the clauses embedded in it, within the sentence [lo, hi)."""
    head = root
    while not head.tag_.startswith("VB") and head.head.i != head.i and lo <= head.head.i < hi:
        head = head.head
    clause, stack = set(), [head]
    while stack:
        token = stack.pop()
        clause.add(token.i)
        stack += [
            c
            for c in token.children
            if lo <= c.i < hi and not (c.dep_ in EMBEDDED_CLAUSE_DEPS and c.tag_.startswith("VB"))
        ]
    return clause


def _role(root, lo: int, hi: int):
    """(role, governing token) of a mention: 'agent' (subject of a verb, or the agent of a
    passive), 'patient' (object, passive subject, object of a preposition), 'owner' (belongs to
    a noun) or None. A conjunct or apposition takes the role of the word it joins."""
    token = root
    while token.dep_ in ("conj", "appos") and lo <= token.head.i < hi and token.head.i != token.i:
        token = token.head
    head = token.head
    if head.i == token.i or not lo <= head.i < hi:
        return None, None
    if token.dep_ == "pobj":
        preposition, governor = head, head.head
        if not lo <= governor.i < hi or governor.i == preposition.i:
            return None, None
        if preposition.dep_ == "agent":
            return "agent", governor
        return ("patient" if governor.tag_.startswith("VB") else "owner"), governor
    if token.dep_ in SUBJECT_DEPS:
        return "agent", head
    if token.dep_ in PATIENT_DEPS:
        return "patient", head
    if token.dep_ in OWNER_DEPS:
        return "owner", head
    return None, None


def _parse_features(sentence: ScoredSentence, target: list[int], excluded: set[int]) -> dict[str, float]:
    doc, lo, hi = sentence.doc, sentence.lo, sentence.hi
    root = _root(doc, target)

    def valence_of(indexes) -> np.ndarray:
        kept = [i - lo for i in indexes if lo <= i < hi and i not in excluded]
        return sentence.valence[kept] if kept else np.zeros(0)

    values = {}
    values["clause_positive"], values["clause_negative"] = _sums(valence_of(_clause_tokens(root, lo, hi)))
    role, governor = _role(root, lo, hi)
    agent = patient = owner = complement = np.zeros(0)
    if role == "agent":
        agent = valence_of([governor.i])
        complement = valence_of(
            [t.i for c in governor.children if c.dep_ in COMPLEMENT_DEPS and c.i not in target for t in c.subtree]
        )
    elif role == "patient":
        patient = valence_of([governor.i])
    elif role == "owner":
        owner = valence_of([governor.i])
    values["agent_verb_positive"], values["agent_verb_negative"] = _sums(agent)
    values["predicate_positive"], values["predicate_negative"] = _sums(complement)
    values["patient_head_positive"], values["patient_head_negative"] = _sums(patient)
    values["owner_noun_positive"], values["owner_noun_negative"] = _sums(owner)
    modifiers = [t.i for t in root.subtree if t.i not in target]
    values["modifier_positive"], values["modifier_negative"] = _sums(valence_of(modifiers))
    distance = _tree_distances(root, lo, hi)
    weights = np.array([0.0 if i in excluded else 0.5 ** (d / TREE_HALF_DISTANCE) for i, d in distance.items()])
    indexes = np.array(list(distance), dtype=int) - lo
    values["tree_near_positive"], values["tree_near_negative"] = _sums(sentence.valence[indexes] * weights)
    return values


def _tree_distances(root, lo: int, hi: int) -> dict[int, float]:
    """Steps in the parse tree from `root` to each token of the sentence [lo, hi) joined to it."""
    steps_up = {root.i: 0}
    for k, ancestor in enumerate(root.ancestors, 1):
        steps_up[ancestor.i] = k
    distances = {}
    for token in root.doc[lo:hi]:
        for k, node in enumerate([token, *token.ancestors]):
            if node.i in steps_up:
                distances[token.i] = float(k + steps_up[node.i])
                break
    return distances


def mention_features(
    sentence: ScoredSentence, target_start: int, target_end: int, parse: bool = True
) -> dict[str, float]:
    """The named features of one mention in a sentence (the parse group only if `parse`)."""
    lo, hi = sentence.lo, sentence.hi
    target = sentence.tokens_in(target_start, target_end)
    values = dict.fromkeys(FEATURES if parse else LEXICAL_FEATURES, 0.0)
    values["sentence_compound"] = sentence.compound
    values["sentence_intensity"] = abs(sentence.compound)
    values["sentence_words"] = float(np.log1p(sentence.n_words))
    values["quote_marks"] = float(sum(sentence.text.count(mark) for mark in QUOTE_MARKS))
    if not target:
        return values
    own_quote, others_quote, is_speaker = set(), set(), False
    for attribution in sentence.attributions:
        speaks = attribution.speaker_start < target_end and attribution.speaker_end > target_start
        quoted = _quote_tokens(sentence, attribution)
        if speaks:
            is_speaker = True
            own_quote |= quoted
        else:
            others_quote |= quoted
    values["other_entities"] = float(sum(1 for a, b in sentence.entities if not (a <= target[-1] and b > target[0])))
    length = max(1, sentence.end - sentence.start)
    values["target_position"] = min(1.0, max(0.0, (target_start - sentence.start) / length))
    values["target_is_speaker"] = float(is_speaker)
    values["target_in_quote"] = float(bool(set(target) & others_quote))
    values["own_quote_positive"], values["own_quote_negative"] = _sums(sentence.valence[[i - lo for i in own_quote]])
    excluded = own_quote | set(target)
    kept = np.array([i not in excluded for i in range(lo, hi)], dtype=bool)
    valence = np.where(kept, sentence.valence, 0.0)
    values["sentence_positive"], values["sentence_negative"] = _sums(valence)
    positions = np.arange(lo, hi)
    distance = np.min(np.abs(positions[:, None] - np.array(target)[None, :]), axis=1)
    values["near_positive"], values["near_negative"] = _sums(valence * 0.5 ** (distance / NEAR_HALF_DISTANCE))
    if parse:
        values.update(_parse_features(sentence, target, excluded))
    return values


def mention_tones(doc, mentions: Sequence[Mention], attributions: Sequence = (), model: ToneModel | None = None):
    """(score, label) of each mention: the score is P(positive) - P(negative), in [-1, 1]; the
    label the most probable class. Mentions of one sentence share its valences."""
    model = model or load_model()
    if not mentions:
        return []
    if model.uses_parse and not doc.has_annotation("DEP"):
        raise ValueError("the tone model reads the dependency parse, and this Doc has none (run spaCy's parser)")
    sentences: dict[tuple[int, int], ScoredSentence] = {}
    entities, text = entity_spans(doc), doc.text
    rows = []
    for m in mentions:
        key = (m.sentence_start, m.sentence_end)
        if key not in sentences:
            sentences[key] = ScoredSentence(doc, m.sentence_start, m.sentence_end, attributions, entities, text)
        values = mention_features(sentences[key], m.target_start, m.target_end, parse=model.uses_parse)
        rows.append([values[name] for name in model.features])
    probabilities = model.probabilities(np.array(rows, dtype=float))
    column = {name: j for j, name in enumerate(model.classes)}
    scores = probabilities[:, column["positive"]] - probabilities[:, column["negative"]]
    labels = [model.classes[j] for j in probabilities.argmax(axis=1)]
    return [(float(s), label) for s, label in zip(scores, labels)]


def mention_tone(doc, sentence_start, sentence_end, target_start, target_end, attributions=()) -> tuple[float, str]:
    """(score, label) of one mention; see `mention_tones`."""
    return mention_tones(doc, [Mention(sentence_start, sentence_end, target_start, target_end)], attributions)[0]
