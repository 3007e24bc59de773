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
from vaderSentiment.vaderSentiment import N_SCALAR

from ..paths import DATA_DIR, display_path
from ..schemas import check, load_yaml, significant
from ..text.match import is_negated
from .sentiment import score as vader_scores
from .sentiment import vader_lexicon

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

    def to_mapping(self) -> dict:
        """The model as its data file holds it (numbers to 6 significant digits)."""
        return {
            "source": dict(self.source),
            "classes": list(self.classes),
            "intercepts": [significant(v) for v in self.intercepts],
            "features": [
                {
                    "name": name,
                    "mean": significant(self.mean[j]),
                    "scale": significant(self.scale[j]),
                    "coefficients": [significant(v) for v in self.coefficients[:, j]],
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
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{where}: not valid YAML ({' '.join(str(error).split())})") from None
    return model_from_mapping(data, where)


def entity_spans(doc) -> list[tuple[int, int]]:
    """(start, end) token spans of the Doc's named entities whose words carry no valence."""
    return [(e.start, e.end) for e in doc.ents if e.label_ in UNVALENCED_ENTITY_LABELS]


class ParsedTokens:
    """A Doc's tokens as plain lists, read once (a spaCy Token is built anew at every access):
    offsets, lower-case text, whether alphabetic, and the parse (head index, dependency label,
    tag, children in order)."""

    def __init__(self, doc):
        from spacy.attrs import DEP, HEAD, IDX, IS_ALPHA, LENGTH, LOWER, TAG

        columns = doc.to_array([HEAD, DEP, TAG, IDX, LENGTH, IS_ALPHA, LOWER]).astype(np.int64)
        strings = doc.vocab.strings
        n = len(columns)
        self.heads = (np.arange(n) + columns[:, 0]).tolist() if n else []
        names: dict[int, str] = {}
        self.deps, self.tags, self.lower = (
            [names[h] if h in names else names.setdefault(h, strings[h]) for h in column.tolist()]
            for column in (
                columns[:, 1].astype(np.uint64),
                columns[:, 2].astype(np.uint64),
                columns[:, 6].astype(np.uint64),
            )
        )
        self.idx, self.length, self.is_alpha = columns[:, 3].tolist(), columns[:, 4].tolist(), columns[:, 5].tolist()
        self.verb = [tag.startswith("VB") for tag in self.tags]
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, head in enumerate(self.heads):
            if head != i:
                self.children[head].append(i)

    def ancestors(self, i: int) -> list[int]:
        """The heads above token i, nearest first (spaCy's `Token.ancestors`)."""
        chain, heads = [], self.heads
        while heads[i] != i and len(chain) < len(heads):
            i = heads[i]
            chain.append(i)
        return chain

    def subtree(self, i: int) -> list[int]:
        """Token i and its descendants, in spaCy's `Token.subtree` order (left children's
        subtrees, the token, right children's subtrees)."""
        order, stack = [], [(i, False)]
        while stack:
            token, expanded = stack.pop()
            if expanded:
                order.append(token)
                continue
            children = self.children[token]
            stack += [(c, False) for c in reversed(children) if c > token]
            stack.append((token, True))
            stack += [(c, False) for c in reversed(children) if c < token]
        return order


class ScoredSentence:
    """One sentence of a Doc: its tokens, their valence and the attributions in it. `entities`
    are the Doc's `entity_spans`, `doc_text` its text and `tokens` its `ParsedTokens` (each
    found here if not given; a Doc rebuilds its text at every call)."""

    def __init__(
        self,
        doc,
        start: int,
        end: int,
        attributions: Sequence,
        entities: Sequence | None = None,
        doc_text=None,
        tokens: ParsedTokens | None = None,
    ):
        self.doc, self.start, self.end = doc, start, end
        self.tokens = tokens = ParsedTokens(doc) if tokens is None else tokens
        span = doc.char_span(start, end, alignment_mode="expand")
        self.lo, self.hi = (span.start, span.end) if span is not None else (0, 0)
        self.text = (doc.text if doc_text is None else doc_text)[start:end]
        lo, hi = self.lo, self.hi
        self.token_starts = np.array(tokens.idx[lo:hi], dtype=int)
        self.token_ends = self.token_starts + np.array(tokens.length[lo:hi], dtype=int)
        self.entities = [
            (a, b) for a, b in (entity_spans(doc) if entities is None else entities) if b > self.lo and a < self.hi
        ]
        in_entity = np.zeros(self.hi - self.lo, dtype=bool)
        for e_start, e_end in self.entities:
            in_entity[max(0, e_start - self.lo) : e_end - self.lo] = True
        lexicon = vader_lexicon()
        self.n_words = sum(tokens.is_alpha[lo:hi])
        valence = np.zeros(self.hi - self.lo)
        for k, (lower, idx) in enumerate(zip(tokens.lower[lo:hi], tokens.idx[lo:hi])):
            value = lexicon.get(lower)
            if value and not in_entity[k]:
                negated = is_negated(self.text, max(0, idx - start))
                valence[k] = value / VADER_SCALE * (N_SCALAR if negated else 1.0)
        self.valence = valence
        self.attributions = [a for a in attributions if a.start < end and a.end > start]
        self.quote_marks = float(sum(self.text.count(mark) for mark in QUOTE_MARKS))
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
    """The summed positive valence and the summed magnitude of the negative valence (numpy's
    sums; fewer than 8 values, which numpy adds one after the other, are added here)."""
    values = valence.tolist()
    positive = [v for v in values if v > 0]
    negative = [-v for v in values if v < 0]
    return _sum(positive), _sum(negative)


def _sum(values: list[float]) -> float:
    if len(values) >= 8:
        return float(np.sum(values))
    total = 0.0
    for value in values:
        total += value
    return total


def _quote_tokens(sentence: ScoredSentence, attribution) -> set[int]:
    """Tokens of an attribution's reported words: its span less its speaker and its cue."""
    inside = set(sentence.tokens_in(attribution.start, attribution.end))
    inside -= set(sentence.tokens_in(attribution.speaker_start, attribution.speaker_end))
    inside -= set(sentence.tokens_in(attribution.cue_start, attribution.cue_end))
    return inside


def _root(parsed: ParsedTokens, tokens: list[int]) -> int:
    """The token of a span whose head lies outside it (the last token if none does)."""
    inside = set(tokens)
    heads = parsed.heads
    return next((i for i in tokens if heads[i] not in inside or heads[i] == i), tokens[-1])


def _clause_tokens(parsed: ParsedTokens, root: int, lo: int, hi: int) -> set[int]:
    """The tokens of the clause holding `root`: the subtree of its nearest verb (or the parse's
    root) without the clauses embedded in it, within the sentence [lo, hi)."""
    heads, deps, verb = parsed.heads, parsed.deps, parsed.verb
    head = root
    while not verb[head] and heads[head] != head and lo <= heads[head] < hi:
        head = heads[head]
    clause, stack = set(), [head]
    while stack:
        token = stack.pop()
        clause.add(token)
        stack += [
            c for c in parsed.children[token] if lo <= c < hi and not (deps[c] in EMBEDDED_CLAUSE_DEPS and verb[c])
        ]
    return clause


def _role(parsed: ParsedTokens, root: int, lo: int, hi: int) -> tuple[str | None, int | None]:
    """(role, governing token) of a mention: 'agent' (subject of a verb, or the agent of a
    passive), 'patient' (object, passive subject, object of a preposition), 'owner' (belongs to
    a noun) or None. A conjunct or apposition takes the role of the word it joins."""
    heads, deps = parsed.heads, parsed.deps
    token = root
    while deps[token] in ("conj", "appos") and lo <= heads[token] < hi and heads[token] != token:
        token = heads[token]
    head = heads[token]
    if head == token or not lo <= head < hi:
        return None, None
    if deps[token] == "pobj":
        preposition, governor = head, heads[head]
        if not lo <= governor < hi or governor == preposition:
            return None, None
        if deps[preposition] == "agent":
            return "agent", governor
        return ("patient" if parsed.verb[governor] else "owner"), governor
    if deps[token] in SUBJECT_DEPS:
        return "agent", head
    if deps[token] in PATIENT_DEPS:
        return "patient", head
    if deps[token] in OWNER_DEPS:
        return "owner", head
    return None, None


def _parse_features(sentence: ScoredSentence, target: list[int], excluded: set[int]) -> dict[str, float]:
    parsed, lo, hi = sentence.tokens, sentence.lo, sentence.hi
    root = _root(parsed, target)

    def valence_of(indexes) -> np.ndarray:
        kept = [i - lo for i in indexes if lo <= i < hi and i not in excluded]
        return sentence.valence[kept] if kept else np.zeros(0)

    values = {}
    values["clause_positive"], values["clause_negative"] = _sums(valence_of(_clause_tokens(parsed, root, lo, hi)))
    role, governor = _role(parsed, root, lo, hi)
    agent = patient = owner = complement = np.zeros(0)
    if role == "agent":
        agent = valence_of([governor])
        complement = valence_of(
            [
                t
                for c in parsed.children[governor]
                if parsed.deps[c] in COMPLEMENT_DEPS and c not in target
                for t in parsed.subtree(c)
            ]
        )
    elif role == "patient":
        patient = valence_of([governor])
    elif role == "owner":
        owner = valence_of([governor])
    values["agent_verb_positive"], values["agent_verb_negative"] = _sums(agent)
    values["predicate_positive"], values["predicate_negative"] = _sums(complement)
    values["patient_head_positive"], values["patient_head_negative"] = _sums(patient)
    values["owner_noun_positive"], values["owner_noun_negative"] = _sums(owner)
    modifiers = [t for t in parsed.subtree(root) if t not in target]
    values["modifier_positive"], values["modifier_negative"] = _sums(valence_of(modifiers))
    distance = _tree_distances(parsed, root, lo, hi)
    weights = np.array([0.0 if i in excluded else 0.5 ** (d / TREE_HALF_DISTANCE) for i, d in distance.items()])
    indexes = np.array(list(distance), dtype=int) - lo
    values["tree_near_positive"], values["tree_near_negative"] = _sums(sentence.valence[indexes] * weights)
    return values


def _tree_distances(parsed: ParsedTokens, root: int, lo: int, hi: int) -> dict[int, float]:
    """Steps in the parse tree from `root` to each token of the sentence [lo, hi) joined to it:
    up from the token to the first of `root` and its ancestors, then down to `root`."""
    to_root = {root: 0}  # steps to root from root and each of its ancestors, and from tokens met
    for k, ancestor in enumerate(parsed.ancestors(root), 1):
        to_root[ancestor] = k
    heads, apart = parsed.heads, set()  # apart: tokens whose tree does not hold root
    distances = {}
    for token in range(lo, hi):
        path, node = [], token
        while node not in to_root and node not in apart and heads[node] != node:
            path.append(node)
            node = heads[node]
        if node in to_root:
            steps = to_root[node]
            for k, passed in enumerate(reversed(path), 1):
                to_root[passed] = steps + k
            distances[token] = float(to_root[token])
        else:
            apart.update(path)
            apart.add(node)
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
    values["quote_marks"] = sentence.quote_marks
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
    kept = np.ones(hi - lo, dtype=bool)
    kept[[i - lo for i in excluded]] = False  # excluded tokens all lie in the sentence
    valence = np.where(kept, sentence.valence, 0.0)
    values["sentence_positive"], values["sentence_negative"] = _sums(valence)
    positions = np.arange(lo, hi)  # the target's tokens are a run: distance to its nearer end
    distance = np.maximum(np.maximum(target[0] - positions, positions - target[-1]), 0)
    values["near_positive"], values["near_negative"] = _sums(valence * 0.5 ** (distance / NEAR_HALF_DISTANCE))
    if parse:
        values.update(_parse_features(sentence, target, excluded))
    return values


def mention_tones(
    doc, mentions: Sequence[Mention], attributions: Sequence = (), model: ToneModel | None = None, text=None
):
    """(score, label) of each mention: the score is P(positive) - P(negative), in [-1, 1]; the
    label the most probable class. Mentions of one sentence share its valences. `text` is the
    Doc's text where the caller has it."""
    model = model or load_model()
    if not mentions:
        return []
    if model.uses_parse and not doc.has_annotation("DEP"):
        raise ValueError("the tone model reads the dependency parse, and this Doc has none (run spaCy's parser)")
    sentences: dict[tuple[int, int], ScoredSentence] = {}
    entities, text, tokens = entity_spans(doc), doc.text if text is None else text, ParsedTokens(doc)
    rows = []
    for m in mentions:
        key = (m.sentence_start, m.sentence_end)
        if key not in sentences:
            sentences[key] = ScoredSentence(doc, m.sentence_start, m.sentence_end, attributions, entities, text, tokens)
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
