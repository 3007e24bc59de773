"""Figures of the validations: each analysis against its human-annotated data, beside the
published anchors and the trivial baselines. `FIGURES` names each validation's figure and the
function that draws it from the inputs the validation returns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..measures.readability import LABELS, load_reference
from . import names, style
from .style import OKABE_ITO, plt


def sentiment_figure(summary: pd.DataFrame, articles: pd.DataFrame):
    """Left: article-level scores against human ratings. Right: r per data set vs anchors."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    left.scatter(
        articles["human_mean"],
        articles["package_mean_compound"],
        s=12,
        alpha=0.6,
        color=OKABE_ITO[0],
        label="mean of sentence compounds (this package)",
    )
    left.scatter(
        articles["human_mean"],
        articles["whole_text_compound"],
        s=12,
        alpha=0.4,
        color=OKABE_ITO[1],
        marker="x",
        label="whole article at once",
    )
    left.set_title("NYT editorials: article tone")
    left.set_xlabel("Mean human rating of the article's sentences (-4..4)")
    left.set_ylabel("VADER compound (-1 negative, +1 positive)")
    left.set_ylim(style.TONE_LIMITS[0] - 0.05, style.TONE_LIMITS[1] + 0.05)
    left.legend(loc="upper left", fontsize=8, markerscale=2, framealpha=0.9, frameon=True)
    rows = summary[summary["metric"] == "pearson_r"]
    labels = [d.split("/")[1].replace("_", "\n") + f"\n({t})" for d, t in zip(rows["dataset"], rows["task"])]
    positions = np.arange(len(rows))
    right.bar(positions - 0.27, rows["value"], 0.27, label="this package", color=OKABE_ITO[0])
    right.bar(positions, rows["anchor"], 0.27, label="published anchor", color=OKABE_ITO[2])
    right.bar(positions + 0.27, rows["baseline"], 0.27, label="baseline", color=OKABE_ITO[7], alpha=0.5)
    right.set_xticks(positions, labels, fontsize=8)
    right.set_ylim(0, 1)
    right.set_title("Agreement with human ratings")
    right.set_xlabel("Data set (level)")
    right.set_ylabel("Pearson r")
    right.legend(fontsize=8)
    return fig


def readability_figure(order: pd.DataFrame, means: pd.DataFrame, metrics: list[str], levels: list[str]):
    """Pairwise and full-order accuracy of `metrics` with each counting, and mean FK grade per level."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 7.5), gridspec_kw={"width_ratios": [2.2, 1]})
    positions = np.arange(len(metrics))
    colours = {"package": OKABE_ITO[0], "textstat": OKABE_ITO[3]}
    countings = {"package": "package segmentation", "textstat": "textstat's counting"}
    for k, counting in enumerate(countings):
        part = order[order["counting"] == counting].set_index("metric").loc[metrics]
        offset = (k - 0.5) * 0.38
        left.barh(
            positions + offset,
            part["pairwise_accuracy"],
            height=0.36,
            color=colours[counting],
            label=f"pairs, {countings[counting]}",
        )
        left.scatter(
            part["full_order_accuracy"],
            positions + offset,
            marker="|",
            s=120,
            color="black",
            zorder=3,
            label="full order Ele < Int < Adv" if k == 0 else None,
        )
    left.axvline(0.5, color="#555555", linestyle="--", linewidth=1, label="random order (pairs)")
    left.axvline(1 / 6, color="#555555", linestyle=":", linewidth=1, label="random order (full)")
    left.set_yticks(positions, [LABELS[m] for m in metrics])
    left.invert_yaxis()
    left.set_xlim(0, 1)
    left.set_xlabel("Share of articles' levels ordered correctly")
    left.set_title("Do the three levels of an article order?")
    left.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3)
    fk = means[means["metric"] == "flesch_kincaid_grade"]
    anchors = load_reference()["validation_anchors"]["mean_flesch_kincaid_grade"]
    x = np.arange(len(levels))
    for k, counting in enumerate(countings):
        values = fk[fk["counting"] == counting].set_index("level").loc[levels, "mean"]
        right.bar(x + (k - 0.5) * 0.38, values, width=0.36, color=colours[counting], label=countings[counting])
    right.scatter(
        x + 0.19,
        [anchors[level] for level in levels],
        marker="D",
        color="black",
        zorder=3,
        label="anchor (textstat's counting)",
    )
    right.set_xticks(x, levels)
    right.set_ylabel("Mean Flesch-Kincaid grade")
    right.set_title("Mean grade per level")
    right.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=1)
    return fig


def framing_figure(summary: pd.DataFrame, nfc: pd.DataFrame, annotators: pd.DataFrame, label_names: dict[str, str]):
    """F1, kappa and ROC AUC per generic frame (each scoring) against the anchors, the baselines
    and two annotators; accuracies of the clickbait index and the FrAC mapping against their
    baselines."""
    fig, axes = plt.subplots(2, 2, figsize=(13, 10))
    (f1_ax, kappa_ax), (auc_ax, headline_ax) = axes
    full = nfc[nfc["scoring"] == "full frame"].set_index("label")
    codebook = nfc[nfc["scoring"] == "codebook-aligned"].set_index("label").loc[full.index]
    count = nfc[nfc["scoring"] == "evidence count"].set_index("label").loc[full.index]
    humans = annotators[annotators["split"] == "evaluation"].set_index("label").loc[full.index]
    by_frame = full.assign(
        f1_codebook=codebook["f1"],
        roc_auc_codebook=codebook["roc_auc"],
        f1_count=count["f1"],
        roc_auc_count=count["roc_auc"],
        kappa_codebook=codebook["kappa"],
        kappa_count=count["kappa"],
        annotator_kappa=humans["annotator_kappa"],
    )
    positions = np.arange(len(by_frame))
    frames = [f"{label_names[label]}\n({label})" for label in by_frame.index]
    scorings = [("full frame", 0, ""), ("codebook-aligned items", 2, "_codebook"), ("evidence count", 4, "_count")]
    panels = (
        (
            f1_ax,
            "F1 on the evaluation half",
            (0, 1),
            [("baseline_f1", "always present", 7), ("keyword_f1", "keyword lists", 1)]
            + [(f"f1{suffix}", name, colour) for name, colour, suffix in scorings],
        ),
        (
            kappa_ax,
            "Cohen's kappa on the evaluation half",
            (0, 0.7),
            [(f"kappa{suffix}", name, colour) for name, colour, suffix in scorings]
            + [("annotator_kappa", "two annotators", 3)],
        ),
        (
            auc_ax,
            "ROC AUC (no threshold)",
            (0, 1),
            [("keyword_roc_auc", "keyword counts", 1)]
            + [(f"roc_auc{suffix}", name, colour) for name, colour, suffix in scorings],
        ),
    )
    for ax, title, limits, series in panels:
        width = 0.8 / len(series)
        for k, (column, label, colour) in enumerate(series):
            ax.bar(
                positions + (k - (len(series) - 1) / 2) * width,
                by_frame[column],
                width=width,
                color=OKABE_ITO[colour],
                label=label,
            )
        ax.set_xticks(positions, frames, fontsize=9)
        ax.set_ylim(*limits)
        ax.set_title(title)
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3)
    f1_ax.set_ylabel("F1")
    kappa_ax.set_ylabel('kappa (0 = chance, as "always present")')
    auc_ax.set_ylabel("ROC AUC")
    auc_ax.axhline(0.5, color="#555555", linestyle="--", linewidth=1)
    figures = summary.set_index("key")
    bars = [
        figures.loc["sensationalism.clickbait.headline_index.accuracy"],
        figures.loc["sensationalism.clickbait.model.accuracy"],
        figures.loc["framing.frac.issue_frame_class.accuracy"],
    ]
    x = np.arange(len(bars))
    headline_ax.bar(x - 0.2, [b["baseline"] for b in bars], width=0.4, color=OKABE_ITO[7], label="majority class")
    headline_ax.bar(x + 0.2, [b["value"] for b in bars], width=0.4, color=OKABE_ITO[0], label="this package")
    headline_ax.scatter(
        [0.2, 1.2],
        [bars[0]["anchor"], bars[1]["anchor"]],
        marker="_",
        s=400,
        color=OKABE_ITO[1],
        zorder=3,
        label="12 features + LR",
    )
    headline_ax.set_xticks(x, ["clickbait\nindex", "clickbait\nmodel", "FrAC\nsentences"], fontsize=9)
    headline_ax.set_ylim(0, 1)
    headline_ax.set_ylabel("accuracy")
    headline_ax.set_title("Headlines and sentences")
    headline_ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3)
    fig.suptitle("Framing and sensationalism against human labels", fontweight="bold")
    return fig


ATTRIBUTION_METRICS = ("precision", "recall", "f1")
ATTRIBUTION_PREFIX = "attribution.polnear_dev."


def attribution_figure(summary: pd.DataFrame):
    """Left: precision, recall and F1 on PolNeAR dev's speech cues beside the naive baseline and
    the published anchor. Right: over every non-belief attribution, the speech extractor alone
    and with the stance attributions of the parse, beside the naive baseline."""
    rows = summary.set_index("key")
    speech = rows.loc[[f"{ATTRIBUTION_PREFIX}speech_cues.{m}" for m in ATTRIBUTION_METRICS]]
    alone = rows.loc[[f"{ATTRIBUTION_PREFIX}non_belief_cues.{m}" for m in ATTRIBUTION_METRICS]]
    stances = rows.loc[[f"{ATTRIBUTION_PREFIX}non_belief_cues_with_stances.{m}" for m in ATTRIBUTION_METRICS]]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5), sharey=True)
    x, width = range(len(ATTRIBUTION_METRICS)), 0.27
    labels = [m.capitalize() if m != "f1" else "F1" for m in ATTRIBUTION_METRICS]
    panels = (
        (
            left,
            "Speech cues",
            (
                (speech["value"], "this module", 0),
                (speech["baseline"], "naive regex baseline", 1),
                (speech["anchor"], "Gender Gap Tracker (published)", 2),
            ),
        ),
        (
            right,
            "Every attribution except beliefs",
            (
                (alone["value"], "speech cues only", 0),
                (stances["value"], "with stance attributions", 3),
                (alone["baseline"], "naive regex baseline", 1),
            ),
        ),
    )
    for ax, title, series in panels:
        for offset, (values, label, colour) in zip((-width, 0, width), series):
            bars = ax.bar([i + offset for i in x], values, width, label=label, color=OKABE_ITO[colour])
            ax.bar_label(bars, fmt="%.2f", fontsize=8)
        ax.set_xticks(list(x), labels)
        ax.set_ylim(0, 1.2)
        ax.set_title(title, fontsize=10)
        ax.legend(loc="upper center", ncol=2, fontsize=8)
    left.set_ylabel("Score")
    fig.suptitle("Source attribution on PolNeAR dev (>= 30% character overlap)")
    return fig


FIGURES = {  # validation -> (figure name, drawing function)
    "sentiment": (names.VALIDATION_SENTIMENT, sentiment_figure),
    "framing": (names.VALIDATION_FRAMING, framing_figure),
    "readability": (names.VALIDATION_READABILITY, readability_figure),
    "attribution": (names.VALIDATION_ATTRIBUTION, attribution_figure),
}
