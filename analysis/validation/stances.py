"""Fit the stance attribution model (`measures.attribution.stances`) on PolNeAR's train split.

Every candidate of `stances.candidates` (a verb's subject the speech extractor did not
attribute) in the train split's articles is an example: positive when it covers at least 30% of
a gold source whose cue is not a belief, intention or perception (the scoring rule of
`validation.attribution`). Candidates on a left-out (belief) source are not examples. Features
seen fewer than MIN_FEATURE_COUNT times are dropped. The penalty (SETTINGS) and the probability
threshold are those whose out-of-fold predictions (FOLDS-fold cross-validation, articles kept
whole within a fold) give the best F1 over every non-belief attribution of the train split,
speech and stance attributions together. The dev split is never read here: `validate` reports it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from ..measures.attribution import load_lexicon
from ..measures.attribution.stances import STANCE_MODEL_FILE, StanceModel, candidates
from ..outputs import write_text
from ..schemas import model_file_text, significant
from . import attribution as polnear
from .metrics import precision_recall_f1_counts

MIN_FEATURE_COUNT = 5
SETTINGS = (0.1, 0.3, 1.0, 3.0)  # inverse L2 strengths tried by cross-validation on the train split
FOLDS = 5
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5)
HEADER = (
    "# Stance attributions: a logistic regression over the named features of a verb's subject in the\n"
    "# parse (analysis/measures/attribution/stances.py). Written by `python -m analysis train-stances`;\n"
    "# do not edit. P(source) = 1 / (1 + exp(-(intercept + sum of the weights of the features present))).\n"
)


def examples(documents, speech) -> list[tuple[int, object, bool]]:
    """(document index, candidate, is a gold source) for every candidate of every document;
    `speech` holds each document's speech predictions (`attribution.predict`)."""
    lexicon = load_lexicon()
    rows = []
    for index, (document, predicted) in enumerate(zip(documents, speech)):
        taken = [span for span, _ in predicted]
        for candidate in candidates(document.parse, taken, lexicon, polnear.sentence_bounds(document)):
            span = (candidate.source_start, candidate.source_end)
            if polnear.covers(span, document.ignored):
                continue
            rows.append((index, candidate, polnear.covers(span, document.sources)))
    return rows


def scores_with(documents, speech, rows, accepted) -> tuple[float, float, float]:
    """Precision, recall and F1 over the documents' gold sources of the speech predictions plus
    the accepted candidates."""
    added: dict[int, list] = {}
    for (index, candidate, _), keep in zip(rows, accepted):
        if keep:
            added.setdefault(index, []).append(polnear.stance_prediction(candidate))
    totals = Counter()
    for index, (document, predicted) in enumerate(zip(documents, speech)):
        result = polnear.score(document, predicted + added.get(index, []))
        totals.update({k: result[k] for k in ("tp", "n_pred", "n_gold")})
    return precision_recall_f1_counts(totals["tp"], totals["n_pred"], totals["n_gold"])


def fit(rows, names: set[str], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    """The vectoriser of the kept feature names and a logistic regression (L2 strength 1/c) over them."""
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform([{k: v for k, v in cand.features.items() if k in names} for _, cand, _ in rows])
    labels = np.array([label for _, _, label in rows])
    return vectorizer, LogisticRegression(C=c, max_iter=5000).fit(matrix, labels)


def out_of_fold(rows, names: set[str], c: float) -> np.ndarray:
    """Each candidate's probability from a model fitted on the other folds (articles kept whole)."""
    probability = np.zeros(len(rows))
    groups = [index for index, _, _ in rows]
    for train_rows, test_rows in GroupKFold(n_splits=FOLDS).split(rows, groups=groups):
        vectorizer, regression = fit([rows[i] for i in train_rows], names, c)
        features = [{k: v for k, v in rows[i][1].features.items() if k in names} for i in test_rows]
        probability[test_rows] = regression.predict_proba(vectorizer.transform(features))[:, 1]
    return probability


def train(reference_dir: Path, target: Path = STANCE_MODEL_FILE) -> StanceModel:
    """Choose the penalty and threshold by cross-validation on the train split, fit there, write
    the data file."""
    lexicon = load_lexicon()
    documents = polnear.with_entities(
        polnear.load_split(reference_dir, "train", lambda cue: not lexicon.is_non_speech(cue))
    )
    speech = [polnear.predict(document, None) for document in documents]
    rows = examples(documents, speech)
    # kept features are counted over the whole split (no labels read), once for every fold
    counts = Counter(name for _, c, _ in rows for name in c.features)
    names = {name for name, n in counts.items() if n >= MIN_FEATURE_COUNT}
    f1 = {}
    for c in SETTINGS:
        probability = out_of_fold(rows, names, c)
        f1.update({(c, t): scores_with(documents, speech, rows, probability >= t)[2] for t in THRESHOLDS})
    best_c, threshold = max(f1, key=lambda k: (round(f1[k], 6), -k[0], k[1]))  # ties: stronger penalty
    vectorizer, regression = fit(rows, names, best_c)
    weights = {name: significant(w) for name, w in zip(vectorizer.get_feature_names_out(), regression.coef_[0])}
    base = reference_dir / "polnear" / "train"
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((base / "attributions").glob("*.ann"))))
    positives = sum(label for _, _, label in rows)
    source = {
        "data": "PolNeAR (Newell, Margolin & Ruths, LREC 2018), train split, attributions/*.ann, "
        f"SHA-256 {digest.hexdigest()[:16]}",
        "part": f"the train split only: {len(documents)} articles, {len(rows)} candidates, {positives} of them "
        "gold sources of a non-belief attribution (analysis/validation/stances.py)",
        "command": "python -m analysis train-stances",
        "method": f"logistic regression (scikit-learn, L2 penalty, C={best_c:g}) over the {len(names)} "
        f"features seen at least {MIN_FEATURE_COUNT} times; C and the threshold {threshold:g} chosen by "
        f"{FOLDS}-fold cross-validation over articles (F1 over every non-belief attribution "
        f"{f1[(best_c, threshold)]:.3f})",
    }
    mapping = {
        "source": source,
        "intercept": significant(float(regression.intercept_[0])),
        "threshold": threshold,
        "weights": weights,
    }
    write_text(model_file_text(HEADER, mapping), target)
    return StanceModel(mapping["intercept"], threshold, weights, source)
