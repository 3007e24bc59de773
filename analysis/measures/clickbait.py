"""Clickbait probability of a headline: a logistic regression over named headline features.

The features are the headline's sensationalism cues (one 0/1 feature per cue of the
sensationalism file: does the headline carry it) and three measures of its form among the
structural features of Chakraborty et al. (2016): its length in words, the mean length of its
words and the share of its words that are stop words (scikit-learn's English list). The weights live in `data/clickbait_model.yaml`, fitted on the development half of the
clickbait headlines corpus by `python -m analysis train-clickbait`; each feature is
standardised ((value - mean) / scale) before its weight is applied.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..paths import DEFAULT_CLICKBAIT_MODEL_FILE, display_path
from ..schemas import check, load_yaml, significant
from ..schemas import model_file_text as data_file_text
from .sensationalism import Sensationalism

FORM_FEATURES = ("n_words", "mean_word_length", "stop_word_share")
FORM_LABELS = {
    "n_words": "Headline length (words)",
    "mean_word_length": "Mean word length (letters)",
    "stop_word_share": "Share of stop words",
}
_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def feature_names(rules: Sensationalism) -> tuple[str, ...]:
    """The model's possible features for a sensationalism file: one per cue, then the form."""
    return (*rules.ids, *FORM_FEATURES)


def headline_features(headline: str, rules: Sensationalism) -> dict[str, float]:
    """Every feature of one headline: 1.0/0.0 for each cue, then the three form measures."""
    found = {feature for feature, _, _ in rules.text_cues(headline, "headline")}
    words = _WORD_RE.findall(headline)
    n_words = len(words)
    return {
        **{feature: float(feature in found) for feature in rules.ids},
        "n_words": float(n_words),
        "mean_word_length": sum(len(w) for w in words) / n_words if n_words else 0.0,
        "stop_word_share": sum(w.lower() in ENGLISH_STOP_WORDS for w in words) / n_words if n_words else 0.0,
    }


@dataclass(frozen=True)
class ClickbaitModel:
    """The fitted model: feature names, their standardisation and weights, and the intercept."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    source: dict

    def probability(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """P(clickbait) of each headline's features (dicts from `headline_features`)."""
        if not len(rows):
            return np.zeros(0)
        return self.probability_of(np.array([[row[name] for name in self.features] for row in rows], dtype=float))

    def probability_of(self, values: np.ndarray) -> np.ndarray:
        """P(clickbait) of each row of a matrix whose columns are `features`."""
        return 1.0 / (1.0 + np.exp(-(((values - self.mean) / self.scale) @ self.weights + self.intercept)))

    def missing(self, rules: Sensationalism) -> list[str]:
        """The model's features that a sensationalism file does not define."""
        known = set(feature_names(rules))
        return [name for name in self.features if name not in known]

    def to_mapping(self) -> dict:
        """The model as its data file holds it (numbers to 6 significant digits)."""
        return {
            "source": dict(self.source),
            "intercept": significant(self.intercept),
            "features": [
                {
                    "name": name,
                    "mean": significant(self.mean[j]),
                    "scale": significant(self.scale[j]),
                    "weight": significant(self.weights[j]),
                }
                for j, name in enumerate(self.features)
            ],
        }


def model_weights(model: ClickbaitModel, rules: Sensationalism) -> pd.DataFrame:
    """One row per model feature: feature, label (a cue the features file lacks is labelled so),
    kind ("cue" or "form"), weight (per standard deviation), mean and scale."""
    labels = {**rules.labels, **FORM_LABELS}
    return pd.DataFrame(
        {
            "feature": list(model.features),
            "label": [labels.get(name, f"{name} (not in the features file)") for name in model.features],
            "kind": ["form" if name in FORM_LABELS else "cue" for name in model.features],
            "weight": model.weights,
            "mean": model.mean,
            "scale": model.scale,
        }
    )


def scored_headlines(articles: pd.DataFrame, sens: pd.DataFrame, sens_features: pd.DataFrame) -> pd.DataFrame:
    """One row per article: article_id, headline, the ids of the cues found in the headline
    (`cues`, a list) and clickbait_probability, from the `articles`, `sensationalism` and
    `sensationalism_features` tables."""
    found = sens_features[sens_features["headline"] > 0].groupby("article_id")["feature"].apply(list)
    table = articles[["article_id", "headline"]].merge(sens[["article_id", "clickbait_probability"]], how="left")
    table.insert(2, "cues", [found.get(a, []) for a in table["article_id"]])
    return table


def model_from_mapping(data: dict, where: str) -> ClickbaitModel:
    """A model from its parsed data file (`where` its displayed path), checked by its schema."""
    check(data, "clickbait_model", where)
    names = [f["name"] for f in data["features"]]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"{where}: features: {', '.join(twice)} listed twice")
    features = data["features"]
    return ClickbaitModel(
        features=tuple(names),
        mean=np.array([f["mean"] for f in features], dtype=float),
        scale=np.array([f["scale"] for f in features], dtype=float),
        weights=np.array([f["weight"] for f in features], dtype=float),
        intercept=float(data["intercept"]),
        source=dict(data["source"]),
    )


@lru_cache(maxsize=4)
def load_clickbait_model(path: str | Path | None = None) -> ClickbaitModel:
    """The model of a data file (the shipped one by default)."""
    path = Path(path or DEFAULT_CLICKBAIT_MODEL_FILE)
    where = display_path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{where}: not valid YAML ({' '.join(str(error).split())})") from None
    return model_from_mapping(data, where)


def model_file_text(model: ClickbaitModel) -> str:
    """The data file of a model: a header saying what it is, then the model as YAML."""
    header = (
        "# Clickbait headlines: a logistic regression over the named headline features of\n"
        "# analysis/measures/clickbait.py. Written by `python -m analysis train-clickbait`; do not edit.\n"
        "# P(clickbait) = 1 / (1 + exp(-(intercept + sum of weight * (value - mean) / scale))).\n"
    )
    return data_file_text(header, model.to_mapping())


__all__ = [
    "ClickbaitModel",
    "FORM_FEATURES",
    "FORM_LABELS",
    "feature_names",
    "headline_features",
    "load_clickbait_model",
    "model_file_text",
    "model_weights",
    "scored_headlines",
]
