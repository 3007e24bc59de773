"""The metrics every validation reports, defined once: scikit-learn's precision, recall, F1,
accuracy, kappa and ROC AUC, Pearson's r, and one paired percentile bootstrap."""

from __future__ import annotations

import hashlib

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    cohen_kappa_score,
    f1_score,
    precision_recall_fscore_support,
    roc_auc_score,
)

BOOTSTRAP_RESAMPLES = 2000


def precision_recall_f1(labels, predicted, zero_division: float = 0.0) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class; `zero_division` where a ratio has no cases."""
    labels, predicted = np.asarray(labels, dtype=bool), np.asarray(predicted, dtype=bool)
    precision, recall, f1, _ = precision_recall_fscore_support(
        labels, predicted, average="binary", zero_division=zero_division
    )
    return float(precision), float(recall), float(f1)


def precision_recall_f1_counts(matched: int, n_predicted: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of a one-to-one matching: `matched` pairs, the other predictions
    spurious and the other gold items missed."""
    spurious, missed = n_predicted - matched, n_gold - matched
    labels = np.repeat([True, False, True], [matched, spurious, missed])
    predicted = np.repeat([True, True, False], [matched, spurious, missed])
    return precision_recall_f1(labels, predicted)


def rowwise_f1(labels: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """F1 of each row of two boolean matrices (0 for a row without positives on either side)."""
    _, _, f1, _ = precision_recall_fscore_support(labels.T, predicted.T, average=None, zero_division=0)
    return f1


def accuracy(labels, predicted) -> float:
    return float(accuracy_score(np.asarray(labels), np.asarray(predicted)))


def weighted_f1(labels, predicted) -> float:
    """F1 of every class, weighted by the class's share of `labels` (0 for a class never predicted)."""
    return float(f1_score(labels, predicted, average="weighted", zero_division=0))


def macro_f1(labels, predicted, classes) -> float:
    """The unweighted mean of the F1 of each of `classes` (0 for a class never predicted)."""
    return float(f1_score(labels, predicted, labels=list(classes), average="macro", zero_division=0))


def cohen_kappa(labels, predicted) -> float:
    return float(cohen_kappa_score(labels, predicted))


def roc_auc(labels, scores) -> float:
    """Area under the ROC curve (tied scores count half); NaN when only one class is present."""
    labels = np.asarray(labels, dtype=bool)
    if labels.all() or not labels.any():
        return float("nan")
    return float(roc_auc_score(labels, np.asarray(scores, dtype=float)))


def pearson_r(x, y) -> float:
    return float(np.corrcoef(np.asarray(x, float), np.asarray(y, float))[0, 1])


def bootstrap_interval(
    statistic, *samples, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = 0, confidence: float = 95
) -> tuple[float, float]:
    """Percentile interval (`confidence` in percent) of `statistic` over resamples drawn with
    replacement; paired: one draw of positions indexes every sample. `statistic` receives each
    sample as a (resamples, n) matrix and returns one value per resample."""
    samples = [np.asarray(sample) for sample in samples]
    draws = np.random.default_rng(seed).integers(0, len(samples[0]), size=(resamples, len(samples[0])))
    tail = (100 - confidence) / 2
    low, high = np.percentile(statistic(*(sample[draws] for sample in samples)), [tail, 100 - tail])
    return float(low), float(high)


def development_half(key: str) -> bool:
    """True for the development half: the SHA-256 of the key is even."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % 2 == 0
