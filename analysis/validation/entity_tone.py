"""Tone toward an entity, validated on NewsMTSC (Hamborg & Donnay, EACL 2021).

NewsMTSC's training split labels the sentiment of a news sentence toward one person in it
(negative, neutral, positive). A quarter of its sentences is held out, chosen by a hash of the
sentence's `primary_gid` before any model was fitted, every target of a sentence on the same
side; the model is fitted and its choices made on the rest (the development part).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from ..measures.attribution import extract
from ..measures.entity_tone import CLASSES, FEATURES, ScoredSentence, ToneModel, mention_features
from ..text.entities import load_model as load_spacy_model
from .metrics import macro_f1

NEWSMTSC_FILE = ("newsmtsc", "train.jsonl")
HELD_OUT_SHARE = 0.25
POLARITY_CLASSES = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
GROUPED_FOLDS = 5
SETTINGS = tuple((c, w) for c in (0.01, 0.1, 1.0, 10.0) for w in (None, "balanced"))  # (C, class weights)


@dataclass(frozen=True)
class Target:
    """One labelled target mention: its sentence, character offsets into it and gold class."""

    gid: str
    sentence: str
    start: int
    end: int
    label: str


def is_held_out(primary_gid: str) -> bool:
    """Whether a sentence is in the held-out part: the first 8 bytes of the SHA-256 of its
    `primary_gid`, read as a fraction of 2**64, fall below HELD_OUT_SHARE."""
    digest = hashlib.sha256(primary_gid.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < HELD_OUT_SHARE


def read_newsmtsc(path: Path) -> list[tuple[str, str, list[Target]]]:
    """(primary_gid, sentence, targets) per line of a NewsMTSC JSON Lines file."""
    sentences = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        gid, text = row["primary_gid"], row["sentence_normalized"]
        targets = []
        for target in row["targets"]:
            if text[target["from"] : target["to"]] != target["mention"]:
                raise ValueError(f"{path.name}: line {number}: target offsets do not hold {target['mention']!r}")
            label = POLARITY_CLASSES[float(target["polarity"])]
            targets.append(Target(gid, text, target["from"], target["to"], label))
        sentences.append((gid, text, targets))
    return sentences


def split(sentences: list[tuple[str, str, list[Target]]]) -> tuple[list[Target], list[Target]]:
    """The development and held-out targets. A held-out sentence whose text is also a
    development sentence (the same sentence under two ids) is left out of both."""
    development = [s for s in sentences if not is_held_out(s[0])]
    seen = {text for _, text, _ in development}
    held_out = [s for s in sentences if is_held_out(s[0]) and s[1] not in seen]
    return [t for s in development for t in s[2]], [t for s in held_out for t in s[2]]


def newsmtsc_features(targets: list[Target]) -> np.ndarray:
    """The features (columns: `entity_tone.FEATURES`) of each target, its sentence parsed by
    the package's spaCy pipeline and its attributions found by the package's extractor."""
    texts = list(dict.fromkeys(t.sentence for t in targets))
    nlp = load_spacy_model()
    sentences = {}
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64)):
        attributions = extract(text, [(0, len(text))], [(0, 0, len(text))])
        sentences[text] = ScoredSentence(doc, 0, len(text), attributions)
    rows = []
    for t in targets:
        values = mention_features(sentences[t.sentence], t.start, t.end)
        rows.append([values[name] for name in FEATURES])
    return np.array(rows, dtype=float)


def fit(features: np.ndarray, labels: list[str], names: tuple[str, ...], c: float, class_weight, source=None):
    """A ToneModel: features standardised by their mean and standard deviation, then a
    multinomial logistic regression (L2 penalty of strength 1/c) over them."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale == 0] = 1.0
    regression = LogisticRegression(C=c, class_weight=class_weight, max_iter=5000)
    regression.fit((features - mean) / scale, labels)
    return ToneModel(
        features=names,
        classes=tuple(regression.classes_),
        mean=mean,
        scale=scale,
        coefficients=regression.coef_,
        intercepts=regression.intercept_,
        source=source or {},
    )


def cross_validated(features: np.ndarray, labels: list[str], groups: list[str], names, c, class_weight) -> list[str]:
    """Out-of-fold predictions of a GROUPED_FOLDS-fold cross-validation, sentences kept whole."""
    predicted = np.empty(len(labels), dtype=object)
    labels_array = np.asarray(labels)
    for train, test in GroupKFold(n_splits=GROUPED_FOLDS).split(features, labels, groups):
        model = fit(features[train], list(labels_array[train]), names, c, class_weight)
        predicted[test] = predict(model, features[test])
    return list(predicted)


def predict(model: ToneModel, features: np.ndarray) -> list[str]:
    return [model.classes[j] for j in model.probabilities(features).argmax(axis=1)]


def choose_settings(features, labels, groups, names) -> tuple[float, object, float]:
    """(c, class_weight, macro-F1) of the best setting of SETTINGS by cross-validation."""
    best = None
    for c, class_weight in SETTINGS:
        score = macro_f1(labels, cross_validated(features, labels, groups, names, c, class_weight), CLASSES)
        if best is None or score > best[2] + 1e-12:
            best = (c, class_weight, score)
    return best


def columns(names: tuple[str, ...]) -> list[int]:
    return [FEATURES.index(name) for name in names]
