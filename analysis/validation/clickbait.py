"""Clickbait headlines: the headline index and the clickbait model against human labels, and
how often each cue fires on ordinary news.

Data: the clickbait corpus of Chakraborty et al. (2016): 32,000 headlines, half clickbait
(BuzzFeed, Upworthy, ViralNova ...) and half news (WikiNews, The New York Times, The Guardian,
The Hindu). Each headline falls in the development or the evaluation half by a hash of its text
(`metrics.development_half`); the model's weights and its regularisation are chosen on the
development half alone (`python -m analysis train-clickbait`), the evaluation half is reported.
The BBC News corpus (Greene & Cunningham 2006) has no clickbait label; its headlines and bodies
show how often each cue fires where little should.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from ..measures.clickbait import (
    ClickbaitModel,
    feature_names,
    headline_features,
    load_clickbait_model,
    model_file_text,
    model_weights,
)
from ..measures.sensationalism import load_sensationalism
from ..outputs import write_text
from ..paths import DEFAULT_CLICKBAIT_MODEL_FILE, VALIDATION_DIR
from . import require, reviews
from .metrics import accuracy, development_half, precision_recall_f1, roc_auc

CLICKBAIT_FILES = (("clickbait_data.gz", 1), ("non_clickbait_data.gz", 0))
# Inverse regularisation strengths tried by cross-validation on the development half.
SETTINGS = (0.01, 0.1, 1.0, 10.0)
FOLDS = 5
# The BBC cues a reader judges (is it shouting, is it hyperbole?), drawn per feature.
REVIEWED_FEATURES = ("all_caps", "hyperbole")
REVIEW_SAMPLE = 30
# A first draw (of the cues as they were) showed which acronyms and headings were counted; the
# reviewed draw is a new one, of the rules as they are now.
REVIEW_DRAW = "2"
REVIEW_FILE = VALIDATION_DIR / "framing_clickbait_bbc_review.csv"
REVIEW_KEY = ["article_id", "feature", "sentence_id", "start"]


def read_headlines(folder: Path) -> pd.DataFrame:
    """headline, clickbait (1/0) from the two gzip files."""
    rows = []
    for name, label in CLICKBAIT_FILES:
        with gzip.open(require(folder, name), "rt", encoding="utf-8", errors="replace") as handle:
            rows += [{"headline": line.strip(), "clickbait": label} for line in handle if line.strip()]
    return pd.DataFrame(rows)


def headline_table(headlines: pd.DataFrame) -> pd.DataFrame:
    """The headlines with their split and every model feature (columns `feature_names`)."""
    rules = load_sensationalism()
    features = pd.DataFrame([headline_features(h, rules) for h in headlines["headline"]])
    table = pd.concat([headlines.reset_index(drop=True), features], axis=1)
    table["split"] = ["development" if development_half(h) else "evaluation" for h in table["headline"]]
    return table


def fit(values: np.ndarray, labels: np.ndarray, names: tuple[str, ...], c: float, source=None) -> ClickbaitModel:
    """A ClickbaitModel: features standardised by their mean and standard deviation, then a
    logistic regression (L2 penalty of strength 1/c) over them."""
    mean = values.mean(axis=0)
    scale = values.std(axis=0)
    scale[scale == 0] = 1.0
    regression = LogisticRegression(C=c, max_iter=5000)
    regression.fit((values - mean) / scale, labels)
    return ClickbaitModel(names, mean, scale, regression.coef_[0], float(regression.intercept_[0]), source or {})


def cross_validated_accuracy(values: np.ndarray, labels: np.ndarray, names, c: float) -> float:
    """Accuracy of out-of-fold predictions (P >= 0.5) of a FOLDS-fold stratified cross-validation."""
    predicted = np.zeros(len(labels), dtype=bool)
    for train, test in StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0).split(values, labels):
        model = fit(values[train], labels[train], names, c)
        predicted[test] = model.probability_of(values[test]) >= 0.5
    return accuracy(labels, predicted)


def train(reference_dir: Path, target: Path = DEFAULT_CLICKBAIT_MODEL_FILE) -> ClickbaitModel:
    """Fit the model on the development half with the setting that cross-validates best there,
    and write its data file."""
    folder = require(reference_dir, "clickbait")
    table = headline_table(read_headlines(folder))
    development = table[table["split"] == "development"]
    names = feature_names(load_sensationalism())
    values, labels = development[list(names)].to_numpy(dtype=float), development["clickbait"].to_numpy()
    scores = {c: cross_validated_accuracy(values, labels, names, c) for c in SETTINGS}
    best = max(SETTINGS, key=lambda c: (round(scores[c], 6), -c))  # the strongest penalty among equals
    digest = hashlib.sha256(b"".join(require(folder, name).read_bytes() for name, _ in CLICKBAIT_FILES))
    source = {
        "data": "Clickbait headlines (Chakraborty, Paranjape, Kakarla & Ganguly, ASONAM 2016), "
        f"clickbait/clickbait_data.gz and non_clickbait_data.gz, SHA-256 {digest.hexdigest()[:16]}",
        "part": f"the development half: {len(development)} headlines whose SHA-256 is even "
        "(analysis/validation/clickbait.py, development_half)",
        "command": "python -m analysis train-clickbait",
        "method": f"logistic regression on standardised features (scikit-learn, L2 penalty, C={best:g}), the "
        f"setting chosen by {FOLDS}-fold cross-validation on the development half (accuracy {scores[best]:.3f})",
    }
    model = fit(values, labels, names, best, source)
    write_text(model_file_text(model), target)
    return model


def scored_corpus(folder: Path) -> pd.DataFrame:
    """Each headline's split, features, headline index and model probability."""
    rules = load_sensationalism()
    headlines = read_headlines(folder)
    table = headline_table(headlines)
    model = load_clickbait_model()
    table["index"] = [rules.headline_index(h) for h in table["headline"]]
    table["probability"] = model.probability(table[list(model.features)].to_dict("records"))
    return table


def evaluate(table: pd.DataFrame, threshold: float) -> dict:
    """Accuracy, F1 and ROC AUC on the evaluation half of the index (at `threshold`, chosen on
    the development half) and of the model (at P >= 0.5)."""
    test = table[table["split"] == "evaluation"]
    gold = test["clickbait"].to_numpy()
    result = {"n_evaluation": len(test), "n_development": int((table["split"] == "development").sum())}
    for name, predicted, score in (
        ("index", test["index"] >= threshold, test["index"]),
        ("model", test["probability"] >= 0.5, test["probability"]),
    ):
        precision, recall, f1 = precision_recall_f1(gold, predicted)
        result[name] = {
            "accuracy": accuracy(gold, predicted),
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "roc_auc": roc_auc(gold, score),
        }
    return result


def weights_table(model: ClickbaitModel, table: pd.DataFrame) -> pd.DataFrame:
    """The model's weights (`clickbait.model_weights`) with each feature's mean among the
    clickbait and the ordinary headlines of the development half."""
    development = table[table["split"] == "development"]
    weights = model_weights(model, load_sensationalism())
    for column, label in (("mean_clickbait", 1), ("mean_ordinary", 0)):
        chosen = development[development["clickbait"] == label]
        weights[column] = [float(chosen[name].mean()) for name in weights["feature"]]
    return weights


def bbc_cues(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per cue: the share of BBC headlines it fires in and its rate per 1,000 body words; and
    every cue found in a BBC headline or body (article_id, feature, part, sentence_id, start,
    matched_text, sentence)."""
    from ..text.load import load_corpus

    rules = load_sensationalism()
    corpus = load_corpus(folder)
    headline_hits = dict.fromkeys(rules.ids, 0)
    body_hits = dict.fromkeys(rules.ids, 0)
    found = []
    n_headlines = n_body_words = 0
    for article in corpus.articles:
        cues = rules.article_cues(article)
        for cue in cues:
            if cue.sentence is None:
                continue
            sentence = article.sentences[cue.sentence]
            body_hits[cue.feature] += cue.part == "body"
            found.append(
                (
                    article.article_id,
                    cue.feature,
                    cue.part,
                    sentence.sentence_id,
                    cue.start,
                    cue.matched_text,
                    sentence.text,
                )
            )
        if article.headline:
            n_headlines += 1
            for feature in {c.feature for c in cues if c.part == "headline"}:
                headline_hits[feature] += 1
        n_body_words += article.n_words
    firing = pd.DataFrame(
        [
            {
                "feature": feature,
                "label": rules.labels[feature],
                "bbc_headlines": n_headlines,
                "bbc_headlines_with_cue": headline_hits[feature],
                "bbc_headline_share": headline_hits[feature] / n_headlines if n_headlines else np.nan,
                "bbc_body_cues": body_hits[feature],
                "bbc_body_cues_per_1000_words": 1000 * body_hits[feature] / n_body_words if n_body_words else np.nan,
            }
            for feature in rules.ids
        ]
    )
    cues = pd.DataFrame(
        found, columns=["article_id", "feature", "part", "sentence_id", "start", "matched_text", "sentence"]
    )
    return firing, cues


def review_sample(cues: pd.DataFrame, features=REVIEWED_FEATURES, n: int = REVIEW_SAMPLE) -> pd.DataFrame:
    """`n` cues of each of `features`, drawn by the SHA-256 of their key (article, sentence,
    start), with the committed reviewer's verdict (`is_cue`: True, False or unreviewed)."""
    rows = []
    for feature in features:
        own = cues[cues["feature"] == feature].copy()
        own["draw"] = [
            hashlib.sha256(f"{REVIEW_DRAW}|{a}|{s}|{p}".encode()).hexdigest()
            for a, s, p in zip(own["article_id"], own["sentence_id"], own["start"])
        ]
        rows.append(own.sort_values("draw").head(n).drop(columns="draw"))
    sample = pd.concat(rows, ignore_index=True)
    review = reviews.read_review(REVIEW_FILE, REVIEW_KEY, ["is_cue", "note"], {"is_cue": reviews.TRUE_FALSE})
    sample["sentence_id"] = sample["sentence_id"].astype(str)
    sample["start"] = sample["start"].astype(str)
    return reviews.with_review(sample, review, REVIEW_KEY, ["is_cue"])


def review_precision(sample: pd.DataFrame) -> pd.DataFrame:
    """Per reviewed feature: cues sampled, reviewed, judged real cues, and precision."""
    rows = []
    for feature, own in sample.groupby("feature", sort=False):
        reviewed = own[own["is_cue"] != reviews.UNREVIEWED]
        correct = int((reviewed["is_cue"] == "True").sum())
        rows.append(
            {
                "feature": feature,
                "sampled": len(own),
                "reviewed": len(reviewed),
                "real_cues": correct,
                "precision": correct / len(reviewed) if len(reviewed) else np.nan,
            }
        )
    return pd.DataFrame(rows)
