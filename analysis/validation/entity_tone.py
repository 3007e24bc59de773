"""Tone toward an entity, validated on NewsMTSC (Hamborg & Donnay, EACL 2021).

NewsMTSC's training split labels the sentiment of a news sentence toward one person in it
(negative, neutral, positive). A quarter of its sentences is held out, chosen by a hash of the
sentence's `primary_gid` before any model was fitted, every target of a sentence on the same
side (a held-out sentence whose text is also a development sentence is left out); the model is
fitted and its setting chosen by grouped cross-validation on the rest (the development part).
`python -m analysis train-entity-tone` writes the fitted model to `data/entity_tone_model.yaml`.

Tables: `scores` (method, split, n, macro-F1 with a 95% bootstrap interval, accuracy, the F1 of
each class) for the model, the model without parse features, plain VADER sentence tone (one
score for every target of a sentence), the majority class and the published anchor (GRU-TSC
with RoBERTa, on the authors' test set: published, not measured here); `parse_gain`, what the
parse features add on the held-out part, with a paired bootstrap interval; and `summary`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from ..measures.attribution import extract
from ..measures.entity_tone import (
    CLASSES,
    FEATURES,
    LEXICAL_FEATURES,
    MODEL_FILE,
    PARSE_FEATURES,
    ScoredSentence,
    ToneModel,
    load_model,
    mention_features,
)
from ..measures.sentiment import classify
from ..outputs import write_text
from ..paths import display_path
from ..schemas import model_file_text as data_file_text
from ..text.entities import load_model as load_spacy_model
from . import SUMMARY_COLUMNS, Outcome, require
from .metrics import accuracy, bootstrap_interval, macro_f1, precision_recall_f1

NEWSMTSC_FILE = ("newsmtsc", "train.jsonl")
HELD_OUT_SHARE = 0.25
POLARITY_CLASSES = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
GROUPED_FOLDS = 5
ANCHOR_MACRO_F1, ANCHOR_ACCURACY = 0.831, 0.838
ANCHOR_SOURCE = (
    "published, not measured here: GRU-TSC (RoBERTa), Hamborg & Donnay 2021, on the authors' real-world test set"
)
OURS = "logistic regression over the features of data/entity_tone_model.yaml, fitted on the development part"
OURS_WITHOUT_PARSE = "the same without the parse features, fitted on the development part"
VADER_NOTE = "plain VADER sentence compound (threshold 0.05), one score for every target of a sentence"
MAJORITY_NOTE = "majority class of the development part"
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
        classes=tuple(str(c) for c in regression.classes_),
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


def choose_settings(features, labels, groups, names) -> tuple[float, object, list[str]]:
    """(c, class_weight, out-of-fold predictions) of the setting of SETTINGS whose
    cross-validated macro-F1 is highest (the first of equals)."""
    best, best_score = None, -1.0
    for c, class_weight in SETTINGS:
        predicted = cross_validated(features, labels, groups, names, c, class_weight)
        score = macro_f1(labels, predicted, CLASSES)
        if score > best_score + 1e-12:
            best, best_score = (c, class_weight, predicted), score
    return best


def columns(names: tuple[str, ...]) -> list[int]:
    return [FEATURES.index(name) for name in names]


def development_model(
    sentences, names: tuple[str, ...], features=None, data_note: str = ""
) -> tuple[ToneModel, list[str]]:
    """The model over `names` fitted on the development part with the setting that
    cross-validates best there, and that setting's out-of-fold predictions."""
    development, _ = split(sentences)
    if features is None:
        features = newsmtsc_features(development)
    labels, groups = [t.label for t in development], [t.gid for t in development]
    chosen = features[:, columns(names)]
    c, class_weight, predicted = choose_settings(chosen, labels, groups, names)
    score = macro_f1(labels, predicted, CLASSES)
    weights = "balanced class weights" if class_weight else "equal class weights"
    source = {
        "data": f"NewsMTSC training split (Hamborg & Donnay, EACL 2021; MIT licence; released 2021), "
        f"{'/'.join(NEWSMTSC_FILE)}{data_note}",
        "part": f"the development part: {len(development)} targets of the sentences whose primary_gid is not "
        f"held out (analysis/validation/entity_tone.py, is_held_out)",
        "command": "python -m analysis train-entity-tone"
        + ("" if any(name in PARSE_FEATURES for name in names) else " --without-parse"),
        "method": f"multinomial logistic regression on standardised features (scikit-learn, L2 penalty, C={c}, "
        f"{weights}), the setting chosen by {GROUPED_FOLDS}-fold cross-validation by sentence on the development "
        f"part (macro-F1 {score:.3f})",
    }
    return fit(chosen, labels, names, c, class_weight, source), predicted


def train(reference_dir: Path, target: Path = MODEL_FILE, parse: bool = True) -> ToneModel:
    """Fit the model on the development part, with every feature or (`parse` false) without
    the parse features, and write its data file."""
    path = require(reference_dir, *NEWSMTSC_FILE)
    sentences = read_newsmtsc(path)
    model, _ = development_model(sentences, FEATURES if parse else LEXICAL_FEATURES, data_note=file_note(path))
    write_text(model_file_text(model), target)
    return model


def file_note(path: Path) -> str:
    """', SHA-256 <first 16 hex digits>' of a file, naming the exact data a model was fitted on."""
    return f", SHA-256 {hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]}"


def model_file_text(model: ToneModel) -> str:
    """The data file of a model: a header saying what it is, then the model as YAML."""
    header = (
        "# Tone toward an entity: a multinomial logistic regression over the named features of\n"
        "# analysis/measures/entity_tone.py. Written by `python -m analysis train-entity-tone`; do not edit.\n"
        "# A feature's value is standardised ((value - mean) / scale) before its coefficients (one per class,\n"
        "# in the order of `classes`) are applied.\n"
    )
    return data_file_text(header, model.to_mapping())


def resampled_macro_f1(labels: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """Macro-F1 of each row of two (resamples, n) matrices of class names (0 for a class
    neither in the labels nor predicted of a row, as `metrics.macro_f1` counts it)."""
    scores = []
    for name in CLASSES:
        gold, guess = labels == name, predicted == name
        true_positives = (gold & guess).sum(axis=1)
        denominator = gold.sum(axis=1) + guess.sum(axis=1)
        scores.append(np.divide(2 * true_positives, denominator, out=np.zeros(len(labels)), where=denominator > 0))
    return np.mean(scores, axis=0)


def parse_gain(labels, with_parse, without_parse) -> dict:
    """The held-out macro-F1 the parse features add, with a paired bootstrap interval (targets
    resampled)."""
    labels, with_parse, without_parse = (np.asarray(v, dtype=object) for v in (labels, with_parse, without_parse))
    low, high = bootstrap_interval(
        lambda y, a, b: resampled_macro_f1(y, a) - resampled_macro_f1(y, b), labels, with_parse, without_parse
    )
    full, lexical = macro_f1(labels, with_parse, CLASSES), macro_f1(labels, without_parse, CLASSES)
    return {
        "split": "held_out",
        "n": len(labels),
        "macro_f1_with_parse": full,
        "macro_f1_without_parse": lexical,
        "gain": full - lexical,
        "gain_ci_low": low,
        "gain_ci_high": high,
        "interval": "95% paired percentile bootstrap over targets",
    }


def scores_row(method: str, part: str, labels, predicted, source: str) -> dict:
    """One row of the scores table: macro-F1 (with a 95% bootstrap interval over targets),
    accuracy and the F1 of each class."""
    low, high = bootstrap_interval(
        resampled_macro_f1, np.asarray(labels, dtype=object), np.asarray(predicted, dtype=object)
    )
    row = {
        "method": method,
        "split": part,
        "n": len(labels),
        "macro_f1": macro_f1(labels, predicted, CLASSES),
        "macro_f1_ci_low": low,
        "macro_f1_ci_high": high,
        "accuracy": accuracy(labels, predicted),
    }
    for name in CLASSES:
        row[f"f1_{name}"] = precision_recall_f1([v == name for v in labels], [v == name for v in predicted])[2]
    return row | {"measured": True, "source": source}


def run(reference_dir: Path) -> Outcome:
    path = require(reference_dir, *NEWSMTSC_FILE)
    sentences = read_newsmtsc(path)
    development, held_out = split(sentences)
    dev_features, held_features = newsmtsc_features(development), newsmtsc_features(held_out)
    dev_labels, held_labels = [t.label for t in development], [t.label for t in held_out]
    shipped = load_model()
    model, model_cv = development_model(
        sentences, FEATURES if shipped.uses_parse else LEXICAL_FEATURES, dev_features, file_note(path)
    )
    if model.to_mapping() != shipped.to_mapping():
        raise ValueError(
            f"{display_path(MODEL_FILE)} is not the model this code fits on NewsMTSC's development part: "
            "rebuild it with `python -m analysis train-entity-tone`"
        )
    lexical, lexical_cv = development_model(sentences, LEXICAL_FEATURES, dev_features)
    compound = FEATURES.index("sentence_compound")
    majority = Counter(dev_labels).most_common(1)[0][0]
    held_model = predict(model, held_features[:, columns(model.features)])
    held_lexical = predict(lexical, held_features[:, columns(lexical.features)])
    rows = [
        scores_row("model", "held_out", held_labels, held_model, OURS),
        scores_row("model_without_parse", "held_out", held_labels, held_lexical, OURS_WITHOUT_PARSE),
        scores_row(
            "vader_sentence", "held_out", held_labels, [classify(v) for v in held_features[:, compound]], VADER_NOTE
        ),
        scores_row("majority_class", "held_out", held_labels, [majority] * len(held_labels), MAJORITY_NOTE),
        scores_row("model", "development_cv", dev_labels, model_cv, OURS),
        scores_row("model_without_parse", "development_cv", dev_labels, lexical_cv, OURS_WITHOUT_PARSE),
        scores_row(
            "vader_sentence", "development", dev_labels, [classify(v) for v in dev_features[:, compound]], VADER_NOTE
        ),
        {
            "method": "gru_tsc_roberta",
            "split": "authors_test",
            "n": np.nan,
            "macro_f1": ANCHOR_MACRO_F1,
            "macro_f1_ci_low": np.nan,
            "macro_f1_ci_high": np.nan,
            "accuracy": ANCHOR_ACCURACY,
            **{f"f1_{name}": np.nan for name in CLASSES},
            "measured": False,
            "source": ANCHOR_SOURCE,
        },
    ]
    scores = pd.DataFrame(rows).round(4)
    summary = pd.DataFrame(summary_rows(scores), columns=SUMMARY_COLUMNS).round(3)
    gain = pd.DataFrame([parse_gain(held_labels, held_model, held_lexical)]).round(4)
    return Outcome({"summary": summary, "scores": scores, "parse_gain": gain}, {}, "")


def summary_rows(scores: pd.DataFrame) -> list[list]:
    """The keyed figures: held-out macro-F1 and accuracy of the model, beside the published anchor
    and the baselines; the variant without parse features; the development cross-validation."""

    def value(method: str, part: str, metric: str) -> float:
        return float(scores.loc[(scores["method"] == method) & (scores["split"] == part), metric].iloc[0])

    n_held = int(value("model", "held_out", "n"))
    n_dev = int(value("model", "development_cv", "n"))
    stem, data = "entity_tone.newsmtsc", "newsmtsc/held_out"
    return [
        [f"{stem}.held_out.macro_f1", "entity_tone", data, "target", "macro_f1", value("model", "held_out", "macro_f1"),
         ANCHOR_MACRO_F1, ANCHOR_SOURCE, value("vader_sentence", "held_out", "macro_f1"), VADER_NOTE, n_held],
        [f"{stem}.held_out.accuracy", "entity_tone", data, "target", "accuracy", value("model", "held_out", "accuracy"),
         ANCHOR_ACCURACY, ANCHOR_SOURCE, value("majority_class", "held_out", "accuracy"), MAJORITY_NOTE, n_held],
        [f"{stem}.held_out_without_parse.macro_f1", "entity_tone", data, "target", "macro_f1",
         value("model_without_parse", "held_out", "macro_f1"), np.nan, "", value("majority_class", "held_out",
         "macro_f1"), MAJORITY_NOTE, n_held],
        [f"{stem}.development_cv.macro_f1", "entity_tone", "newsmtsc/development", "target", "macro_f1",
         value("model", "development_cv", "macro_f1"), np.nan, "", value("vader_sentence", "development",
         "macro_f1"), VADER_NOTE, n_dev],
    ]  # fmt: skip
