"""Readability validation on OneStopEnglish (Vajjala & Lucic 2018): levels must order.

Each of the 189 articles is written at three levels (Ele, Int, Adv). A readability metric
should rank the three versions of the same article: for every metric, the share of
within-article level pairs in the right order (ties count half, the chance of breaking them at
random) and the share of articles with the full Ele < Int < Adv order (strict), computed with
the package's sentence segmentation and with textstat's own counting, side by side.
Baselines: a random ordering (0.5 of pairs, 1/6 of full orders). Also the mean of every
metric per level.

The texts are read as the package reads articles (UTF-8, else Windows-1252; BOM dropped;
characters normalised as by the cleaner), one paragraph per line. The Intermediate level comes
in two copies: `Int-Txt/Int-Txt/` has the encoding and line layout of the other two levels and
is the one the summary reports; `Int-Txt/` (the files that open with an `Intermediate` header
line, dropped here) has every non-ASCII character stripped and section headings run into the
next line, so its texts are not laid out like the Ele and Adv texts they are compared with.
Both copies are evaluated; the ordering table says which is which. Formulas are validated
without the minimum-size rules (every text is scored), as the anchors were measured.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
from textstat.backend.selections import list_words

from ..measures.readability import (
    CONSENSUS,
    DESCRIPTIVE,
    METRICS,
    consensus_grade,
    count,
    formulas,
    load_reference,
    minimum_sizes,
    mtld,
)
from ..text.clean import normalise_characters
from ..text.document import sentence_spans
from ..text.load import decode_article
from . import SUMMARY_COLUMNS, Outcome, require

DATASET = "OneStopEnglish"
KEY_PREFIX = "readability.onestopenglish"  # of the summary keys
FOLDER = ("onestopenglish", "Texts-SeparatedByReadingLevel")
LEVELS = {"Ele": "ele", "Int": "int", "Adv": "adv"}
LEVEL_FOLDERS = {"Ele": "Ele-Txt", "Adv": "Adv-Txt"}
INTERMEDIATE_COPIES = {"utf8": "Int-Txt/Int-Txt", "ascii": "Int-Txt"}  # first present: the summary's
HEADER = "Intermediate"
EASIER_IS_HIGHER = {"flesch_reading_ease"}
VALIDATED = METRICS + [CONSENSUS] + DESCRIPTIVE
COUNTINGS = ("package", "textstat")
SUMMARY_METRICS = METRICS + [CONSENSUS]


def read_text(path: Path) -> list[str]:
    """The paragraphs (non-empty lines) of one OneStopEnglish file, normalised."""
    text, _ = decode_article(path.read_bytes(), path.name)
    lines = normalise_characters(text).split("\n")
    lines = [line for line in lines if line]
    if lines and lines[0] == HEADER:
        lines = lines[1:]
    return lines


def segment(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Paragraphs joined by newlines, and the package's sentence spans over the joined text."""
    text, bounds = "", []
    for paragraph in paragraphs:
        if text:
            text += "\n"
        bounds.append((len(text), len(text) + len(paragraph)))
        text += paragraph
    return text, sentence_spans(text, bounds)


def load_texts(folder: Path) -> pd.DataFrame:
    """article, level, copy, text, spans: every text of the articles present at all three
    levels; `copy` names the Intermediate copy (empty for Ele and Adv)."""
    folders = {
        "Ele": {"": LEVEL_FOLDERS["Ele"]},
        "Int": {copy: sub for copy, sub in INTERMEDIATE_COPIES.items() if (folder / sub).is_dir()},
        "Adv": {"": LEVEL_FOLDERS["Adv"]},
    }
    paths = {
        (level, copy): {
            p.name[: -len(f"-{LEVELS[level]}.txt")]: p for p in sorted((folder / sub).glob(f"*-{LEVELS[level]}.txt"))
        }
        for level, copies in folders.items()
        for copy, sub in copies.items()
    }
    articles = sorted(set.intersection(*(set(found) for found in paths.values())))
    rows = []
    for (level, copy), found in paths.items():
        for article in articles:
            text, spans = segment(read_text(found[article]))
            rows.append({"article": article, "level": level, "copy": copy, "text": text, "spans": spans})
    return pd.DataFrame(rows)


def score_texts(texts: pd.DataFrame) -> pd.DataFrame:
    """Every metric of every text, with each sentence counting (no minimum sizes applied)."""
    sizes = minimum_sizes()
    rows = []
    for record in texts.itertuples(index=False):
        tokens = list_words(record.text, lowercase=True)
        for counting in COUNTINGS:
            c = count(record.text, record.spans if counting == "package" else None)
            values = formulas(c)
            rows.append(
                {
                    "article": record.article,
                    "level": record.level,
                    "copy": record.copy,
                    "counting": counting,
                    "n_words": c.n_words,
                    "n_sentences": c.n_sentences,
                    **values,
                    CONSENSUS: consensus_grade(values),
                    "words_per_sentence": c.n_words / c.n_sentences,
                    "syllables_per_word": c.n_syllables / c.n_words,
                    "polysyllabic_word_share": c.n_polysyllables / c.n_words,
                    "difficult_word_share": c.n_difficult_words / c.n_words,
                    "mtld": mtld(tokens),
                    "flag_short_text": c.n_words < sizes["words"],
                    "flag_smog_few_sentences": c.n_sentences < sizes["smog_sentences"],
                }
            )
    return pd.DataFrame(rows)


def with_copy(scores: pd.DataFrame, copy: str) -> pd.DataFrame:
    """The scores of the three levels, the Intermediate level from `copy`."""
    return scores[(scores["level"] != "Int") | (scores["copy"] == copy)]


def ordering(scores: pd.DataFrame) -> pd.DataFrame:
    """Per metric and counting: pairwise and full-order accuracy over the articles."""
    rows = []
    levels = list(LEVELS)
    for counting, metric in itertools.product(COUNTINGS, VALIDATED):
        wide = scores[scores["counting"] == counting].pivot(index="article", columns="level", values=metric)[levels]
        values = wide.to_numpy(dtype=float)
        if metric in EASIER_IS_HIGHER:
            values = -values
        pair_scores, ties = [], 0
        for low, high in itertools.combinations(range(3), 2):
            diff = values[:, high] - values[:, low]
            ties += int((diff == 0).sum())
            pair_scores.append(np.where(diff > 0, 1.0, np.where(diff == 0, 0.5, 0.0)))
        full = (values[:, 0] < values[:, 1]) & (values[:, 1] < values[:, 2])
        rows.append(
            {
                "metric": metric,
                "counting": counting,
                "pairwise_accuracy": float(np.mean(pair_scores)),
                "full_order_accuracy": float(full.mean()),
                "n_articles": len(values),
                "n_pairs": 3 * len(values),
                "n_tied_pairs": ties,
            }
        )
    return pd.DataFrame(rows)


def level_means(scores: pd.DataFrame) -> pd.DataFrame:
    """Mean of every metric (and of the word and sentence counts) per level and counting."""
    columns = ["n_words", "n_sentences", *VALIDATED]
    means = scores.groupby(["counting", "level"], sort=False)[columns].mean().reset_index()
    return means.melt(id_vars=["counting", "level"], var_name="metric", value_name="mean")[
        ["metric", "counting", "level", "mean"]
    ]


def summary_table(order: pd.DataFrame, means: pd.DataFrame, primary: str) -> pd.DataFrame:
    """One row per reported figure: ordering accuracy of each formula with each counting (the
    primary Intermediate copy; the other copy for the anchored formulas), and the mean
    Flesch-Kincaid grade per level with the package's counting."""
    anchors = load_reference()["validation_anchors"]
    source = anchors["source"].strip()
    countings = {"package": "package segmentation", "textstat": "textstat's own counting"}
    chosen = order[
        ((order["copy"] == primary) & order["metric"].isin(SUMMARY_METRICS))
        | ((order["copy"] != primary) & order["metric"].isin(anchors["ordering"]))
    ]
    rows = []
    for record in chosen.itertuples(index=False):
        anchor = anchors["ordering"].get(record.metric, {})
        copy_note, copy_key = (
            ("", "") if record.copy == primary else (f", Int from the {record.copy} copy", f".int_{record.copy}")
        )
        for measure, baseline in (("pairwise", 0.5), ("full", 1 / 6)):
            rows.append(
                {
                    "key": f"{KEY_PREFIX}.{measure}_order.{record.counting}{copy_key}.{record.metric}",
                    "analysis": "readability",
                    "dataset": DATASET,
                    "task": f"{measure} level order, {countings[record.counting]}{copy_note}",
                    "metric": record.metric,
                    "value": getattr(record, f"{measure}_order_accuracy" if measure == "full" else "pairwise_accuracy"),
                    "anchor": anchor.get("full_order" if measure == "full" else "pairwise", np.nan),
                    "anchor_source": source if anchor else "",
                    "baseline": baseline,
                    "baseline_name": "random order of the three levels",
                    "n": record.n_pairs if measure == "pairwise" else record.n_articles,
                }
            )
    fk = means[
        (means["copy"] == primary) & (means["metric"] == "flesch_kincaid_grade") & (means["counting"] == "package")
    ]
    n_articles = int(order["n_articles"].iloc[0])
    for record in fk.itertuples(index=False):
        rows.append(
            {
                "key": f"{KEY_PREFIX}.mean_grade.{record.level.lower()}.package.flesch_kincaid_grade",
                "analysis": "readability",
                "dataset": DATASET,
                "task": f"mean grade, level {record.level}, package segmentation",
                "metric": "flesch_kincaid_grade",
                "value": record.mean,
                "anchor": anchors["mean_flesch_kincaid_grade"][record.level],
                "anchor_source": source,
                "baseline": float(fk["mean"].mean()),
                "baseline_name": "same grade for every level (mean over levels)",
                "n": n_articles,
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def run(reference_dir: Path) -> Outcome:
    """Score every OneStopEnglish text with both countings; ordering, level means, summary."""
    texts = load_texts(require(Path(reference_dir), *FOLDER))
    scores = score_texts(texts)
    copies = [copy for copy in INTERMEDIATE_COPIES if copy in set(texts["copy"])]
    primary = copies[0]
    order = pd.concat([ordering(with_copy(scores, copy)).assign(copy=copy) for copy in copies], ignore_index=True)
    means = pd.concat([level_means(with_copy(scores, copy)).assign(copy=copy) for copy in copies], ignore_index=True)
    n_articles = texts["article"].nunique()
    primary_scores = with_copy(scores, primary).copy()
    floats = primary_scores.select_dtypes("float").columns
    primary_scores[floats] = primary_scores[floats].round(4)
    tables = {
        "summary": summary_table(order, means, primary),
        "ordering": order[["copy", *order.columns.drop("copy")]].round(4),
        "levels": means[["copy", *means.columns.drop("copy")]].round(4),
        "texts": primary_scores.reset_index(drop=True),
    }
    figure_inputs = {
        "order": order[order["copy"] == primary],
        "means": means[means["copy"] == primary],
        "metrics": VALIDATED,
        "levels": list(LEVELS),
    }
    return Outcome(
        tables,
        figure_inputs,
        f"Source: {DATASET} (Vajjala & Lucic 2018), {n_articles} articles x 3 "
        f"levels, Intermediate from the {primary} copy; textstat 0.7.13.",
    )
