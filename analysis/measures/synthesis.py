"""Across the analyses: one scorecard per article, the key validation figures of each analysis,
and the rank correlations between measures (their prose is in analysis/report/findings.py).

Everything here reads the result tables (and the validation summaries) only; a table that is
missing or empty leaves its columns empty, never an error.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from ..paths import VALIDATION_DIR

SCORECARD_COLUMNS = [
    "article_id",
    "n_words",
    "mean_compound",
    "ci_low",
    "ci_high",
    "headline_compound",
    "dominant_generic_frame",
    "dominant_issue_frame",
    "sensationalism_index",
    "flesch_kincaid_grade",
    "reading_grade_consensus",
    "n_attributions",
    "share_named",
    "share_anonymous",
    "share_vague",
    "share_unresolved",
    "hedges_per_1000_words",
    "n_office_claims_false",
    "n_office_conflicts",
    "n_opacity_signals",
    "n_near_duplicates",
    "top_entity",
    "top_entity_mentions",
    "top_entity_tone",
]
FRAME_COLUMNS = ["dominant_generic_frame", "dominant_issue_frame"]
TEXT_COLUMNS = [*FRAME_COLUMNS, "top_entity"]
NUMERIC_COLUMNS = [c for c in SCORECARD_COLUMNS if c not in ["article_id", *TEXT_COLUMNS]]
COMPARED_COLUMNS = [  # the numeric measures compared across articles, in figure order
    "n_words",
    "mean_compound",
    "headline_compound",
    "sensationalism_index",
    "flesch_kincaid_grade",
    "share_named",
    "share_anonymous",
    "share_vague",
    "hedges_per_1000_words",
    "n_office_claims_false",
    "n_opacity_signals",
    "n_near_duplicates",
    "top_entity_tone",
]
TONE_COLUMNS = ["mean_compound", "headline_compound", "top_entity_tone"]  # on the fixed tone scale
MIN_ATTRIBUTIONS = 5  # fewest attributions for an article's sourcing shares to be singled out


def result_table(tables: dict[str, pd.DataFrame], name: str, columns: list[str]) -> pd.DataFrame:
    """A result table with at least `columns` (missing ones empty); empty if absent."""
    table = tables.get(name)
    if not isinstance(table, pd.DataFrame):
        return pd.DataFrame(columns=columns)
    table = table.copy()
    for column in columns:
        if column not in table:
            table[column] = np.nan
    if "article_id" in table:
        table["article_id"] = table["article_id"].astype(str)
    return table


def _per_article(table: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """One row per article with `columns` renamed (first row kept where ids repeat)."""
    picked = table[["article_id", *columns]].drop_duplicates("article_id").rename(columns=columns)
    for column in columns.values():
        picked[column] = pd.to_numeric(picked[column], errors="coerce")
    return picked


def _dominant_frames(frames: pd.DataFrame) -> pd.DataFrame:
    """The dominant generic and issue frame of each article (empty where no frame matched)."""
    dominant = frames[frames["dominant"].astype(str).str.lower() == "true"]
    wide = {}
    for scheme in ("generic", "issue"):
        picked = dominant[dominant["scheme"] == scheme].drop_duplicates("article_id")
        wide[f"dominant_{scheme}_frame"] = picked.set_index("article_id")["frame"]
    return pd.DataFrame(wide).rename_axis("article_id").reset_index()


def _top_entities(entity_tone: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Each article's entity most mentioned in its body sentences (on a tie, the one most
    mentioned in the corpus), its label, its mentions and the mean tone toward it."""
    rows = entity_tone[entity_tone["scope"] == "article"]
    rank = {entity_id: k for k, entity_id in enumerate(entities["entity_id"])}
    rows = rows.assign(rank=rows["entity_id"].map(rank).fillna(len(rank)))
    rows = rows.sort_values(["article_id", "n_mentions", "rank"], ascending=[True, False, True]).drop_duplicates(
        "article_id"
    )
    labels = dict(zip(entities["entity_id"], entities["label"]))
    return pd.DataFrame(
        {
            "article_id": rows["article_id"],
            "top_entity": rows["entity_id"].map(labels).fillna(rows["entity_id"]),
            "top_entity_mentions": pd.to_numeric(rows["n_mentions"], errors="coerce"),
            "top_entity_tone": pd.to_numeric(rows["targeted_tone"], errors="coerce"),
        }
    )


def _near_duplicates(clusters: pd.DataFrame, articles: pd.DataFrame, present: bool) -> pd.DataFrame:
    """How many other articles of the corpus each article is a near-duplicate of, through its
    reuse cluster (0 outside any; empty when the reuse tables are absent)."""
    others = dict(zip(clusters["article_id"].astype(str), pd.to_numeric(clusters["n_members"]) - 1))
    ids = articles["article_id"].astype(str)
    values = ids.map(others).fillna(0) if present else pd.Series(np.nan, index=ids.index)
    return pd.DataFrame({"article_id": ids, "n_near_duplicates": values.astype(float)})


def scorecard(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per article of `articles`: tone, frames, sensationalism, reading grade, sourcing,
    and the entity most mentioned in the body with the tone toward it.

    Reading measures are those of the body; `reading_grade_consensus` is textstat's
    `text_standard` vote. Shares of named / anonymous / vague / unresolved sources are of the
    article's attributions (empty when it has none); an unresolved pronoun is not named. The
    credibility signals are counts: title-and-name pairs false at the article's date and pairs in
    conflict (`office_windows`), opacity signals (`opacity`), and the other articles of its reuse
    cluster.
    """
    articles = result_table(tables, "articles", ["article_id", "n_words"])
    card = _per_article(articles, {"n_words": "n_words"}).reset_index(drop=True)
    sentiment = result_table(
        tables, "sentiment", ["article_id", "mean_compound", "ci_low", "ci_high", "headline_compound"]
    )
    frames = result_table(tables, "frames", ["article_id", "scheme", "frame", "dominant"])
    sens = result_table(tables, "sensationalism", ["article_id", "index"])
    readability = result_table(tables, "readability", ["article_id", "part", "flesch_kincaid_grade", "text_standard"])
    entity_tone = result_table(
        tables, "entity_tone", ["scope", "article_id", "entity_id", "n_mentions", "targeted_tone"]
    )
    entities = result_table(tables, "entities", ["entity_id", "label"])
    sourcing = result_table(
        tables,
        "sourcing",
        [
            "article_id",
            "n_attributions",
            "share_named",
            "share_anonymous",
            "share_vague",
            "share_unresolved",
            "hedges_per_1000_words",
        ],
    )
    parts = [
        _per_article(sentiment, {c: c for c in ["mean_compound", "ci_low", "ci_high", "headline_compound"]}),
        _dominant_frames(frames),
        _per_article(sens, {"index": "sensationalism_index"}),
        _per_article(
            readability[readability["part"] == "body"],
            {"flesch_kincaid_grade": "flesch_kincaid_grade", "text_standard": "reading_grade_consensus"},
        ),
        _per_article(
            sourcing,
            {
                c: c
                for c in [
                    "n_attributions",
                    "share_named",
                    "share_anonymous",
                    "share_vague",
                    "share_unresolved",
                    "hedges_per_1000_words",
                ]
            },
        ),
        _per_article(
            result_table(tables, "office_windows", ["article_id", "n_false", "n_conflicts"]),
            {"n_false": "n_office_claims_false", "n_conflicts": "n_office_conflicts"},
        ),
        _per_article(result_table(tables, "opacity", ["article_id", "n_signals"]), {"n_signals": "n_opacity_signals"}),
        _near_duplicates(
            result_table(tables, "reuse_clusters", ["article_id", "n_members"]), articles, "reuse_clusters" in tables
        ),
        _top_entities(entity_tone, entities),
    ]
    for part in parts:
        card = card.merge(part, on="article_id", how="left")
    for column in TEXT_COLUMNS:
        card[column] = card[column].astype(object).where(card[column].notna(), None)
    return card[SCORECARD_COLUMNS]


# --- Validation: the key figures of each analysis -----------------------------------------

VALIDATION_COLUMNS = [
    "key",
    "analysis",
    "dataset",
    "task",
    "metric",
    "value",
    "anchor",
    "baseline",
    "baseline_name",
    "n",
]
KEY_VALIDATION_FIGURES = [  # the key figures of each analysis: keys of the validation summaries, in order
    "sentiment.tweets.sentence.pearson_r",
    "sentiment.tweets.sentence.weighted_f1_3class",
    "sentiment.movie_reviews.sentence.pearson_r",
    "sentiment.movie_reviews.sentence.weighted_f1_3class",
    "sentiment.amazon_reviews.sentence.pearson_r",
    "sentiment.amazon_reviews.sentence.weighted_f1_3class",
    "sentiment.nyt_editorials.sentence.pearson_r",
    "sentiment.nyt_editorials.sentence.weighted_f1_3class",
    "sentiment.nyt_editorials.article.pearson_r",
    "framing.narrative_frames.full_frame.co.f1",
    "framing.narrative_frames.full_frame.co.roc_auc",
    "framing.narrative_frames.full_frame.ec.f1",
    "framing.narrative_frames.full_frame.ec.roc_auc",
    "framing.narrative_frames.full_frame.hi.f1",
    "framing.narrative_frames.full_frame.hi.roc_auc",
    "framing.narrative_frames.full_frame.mo.f1",
    "framing.narrative_frames.full_frame.mo.roc_auc",
    "framing.narrative_frames.full_frame.re.f1",
    "framing.narrative_frames.full_frame.re.roc_auc",
    "framing.frac.issue_frame_class.accuracy",
    "sensationalism.clickbait.model.accuracy",
    "sensationalism.clickbait.headline_index.accuracy",
    "readability.onestopenglish.pairwise_order.package.flesch_kincaid_grade",
    "readability.onestopenglish.full_order.package.flesch_kincaid_grade",
    "readability.onestopenglish.pairwise_order.package.gunning_fog",
    "readability.onestopenglish.full_order.package.gunning_fog",
    "attribution.polnear_dev.speech_cues.precision",
    "attribution.polnear_dev.speech_cues.recall",
    "attribution.polnear_dev.speech_cues.f1",
    "attribution.polnear_dev.non_belief_cues.f1",
    "attribution.polnear_dev.non_belief_cues_with_stances.f1",
    "entity_tone.newsmtsc.held_out.macro_f1",
    "reuse.bbc_planted.republication.recall",
    "reuse.bbc_planted.copy_edit_light.recall",
    "reuse.bbc_planted.truncated.recall",
    "reuse.bbc_planted.republication.precision",
    "offices.planted.wrong_holder.recall",
    "offices.planted.former_in_office.recall",
    "offices.planted.conflict.recall",
]


def validation_table(summaries: pd.DataFrame) -> pd.DataFrame:
    """The key validation figures of every analysis (the summaries' rows named in
    KEY_VALIDATION_FIGURES, in its order; those not run are left out), with `vs_anchor` and
    `vs_baseline`: the value minus the published anchor and minus the baseline."""
    summaries = summaries.reindex(columns=list(dict.fromkeys([*VALIDATION_COLUMNS, *summaries.columns])))
    order = {key: position for position, key in enumerate(KEY_VALIDATION_FIGURES)}
    table = summaries[summaries["key"].isin(order)].sort_values("key", key=lambda keys: keys.map(order))
    table = table[VALIDATION_COLUMNS].reset_index(drop=True)
    for column in ("value", "anchor", "baseline", "n"):
        table[column] = pd.to_numeric(table[column], errors="coerce")
    return table.assign(
        vs_anchor=(table["value"] - table["anchor"]).round(3), vs_baseline=(table["value"] - table["baseline"]).round(3)
    )


BASELINE_MARGIN = 0.05  # a figure within this of its trivial baseline is "close to the baseline"
ANCHOR_TOLERANCE = 0.02  # a figure at most this far below its published anchor "reaches" it


def describe_figure(row) -> str:
    """A short name of one validation figure: data set, task (without its parenthesis), metric."""
    task = str(row["task"]).split(" (")[0]
    return f"{row['dataset']}: {task}, {row['metric']}"


def trust_by_analysis(
    table: pd.DataFrame, margin: float = BASELINE_MARGIN, tolerance: float = ANCHOR_TOLERANCE
) -> pd.DataFrame:
    """Per analysis, from `validation_table`: how many figures reach their published anchor
    (at most `tolerance` below it) and the one furthest below, and how many lead the trivial
    baseline by at least `margin`. All key figures are on a 0-1 scale."""
    rows = []
    for analysis, group in table.groupby("analysis", sort=False):
        with_anchor = group.dropna(subset=["anchor"])
        with_baseline = group.dropna(subset=["baseline"])
        short = (with_anchor["value"] - with_anchor["anchor"]).round(6)
        below = with_anchor.loc[short.idxmin()] if len(with_anchor) and short.min() < -tolerance else None
        rows.append(
            {
                "analysis": analysis,
                "n_figures": len(group),
                "n_with_anchor": len(with_anchor),
                "n_reach_anchor": int((short >= -tolerance).sum()),
                "furthest_below_anchor": (
                    f"{describe_figure(below)} {below['value']:.3f} against {below['anchor']:.3f}"
                    if below is not None
                    else ""
                ),
                "n_with_baseline": len(with_baseline),
                "n_clear_of_baseline": int(
                    ((with_baseline["value"] - with_baseline["baseline"]).round(6) >= margin).sum()
                ),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "analysis",
            "n_figures",
            "n_with_anchor",
            "n_reach_anchor",
            "furthest_below_anchor",
            "n_with_baseline",
            "n_clear_of_baseline",
        ],
    )


# --- Relations between measures ---------------------------------------------------------


def rank_correlations(card: pd.DataFrame, min_articles: int = 3) -> pd.DataFrame:
    """Spearman correlation of every pair of scorecard measures, strongest first (pairs with
    fewer than `min_articles` complete articles, or a constant measure, left out)."""
    measures = [c for c in COMPARED_COLUMNS if c in card]
    matrix = card[measures].corr(method="spearman", min_periods=min_articles)
    rows = []
    for i, first in enumerate(measures):
        for second in measures[i + 1 :]:
            rho = matrix.loc[first, second]
            if pd.notna(rho):
                n = int(card[[first, second]].dropna().shape[0])
                rows.append(
                    {"measure": first, "other_measure": second, "spearman_rho": round(float(rho), 3), "n_articles": n}
                )
    table = pd.DataFrame(rows, columns=["measure", "other_measure", "spearman_rho", "n_articles"])
    order = table["spearman_rho"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order].reset_index(drop=True)


def chance_of_rank_correlation(n: int, rho: float) -> float:
    """Share of the n! equally likely orderings of n untied ranks whose Spearman correlation is
    at least |rho| in absolute value: how often chance alone gives such a correlation (n <= 8)."""
    if not 2 <= n <= 8:
        raise ValueError("exact enumeration for 2 to 8 articles only")
    ranks = np.arange(n)
    orderings = np.array(list(itertools.permutations(ranks)))
    rhos = 1 - 6 * ((orderings - ranks) ** 2).sum(axis=1) / (n * (n**2 - 1))
    return float((np.abs(rhos) >= abs(rho) - 1e-9).mean())


def measure_statistics(card: pd.DataFrame) -> pd.DataFrame:
    """Count, mean, standard deviation, minimum, median and maximum of each numeric scorecard
    measure, one row per measure."""
    stats = card[NUMERIC_COLUMNS].describe().T.rename(columns={"50%": "median"})
    stats = stats[["count", "mean", "std", "min", "median", "max"]].round(3)
    return stats.rename_axis("measure").reset_index()


# --- Reference distribution of each measure ------------------------------------------------

SCORECARD_REFERENCE_FILE = VALIDATION_DIR / "scorecard_reference.csv"  # `python -m analysis validate`
REFERENCE_COLUMNS = ["measure", "percentile", "value", "n_articles", "reference"]
PERCENTILES = np.arange(0, 101)


def reference_percentiles(card: pd.DataFrame, reference: str) -> pd.DataFrame:
    """The 0th to 100th percentile of every compared measure of a scorecard (the articles with
    a value), one row per measure and percentile; `reference` names the corpus."""
    rows = []
    for measure in COMPARED_COLUMNS:
        values = pd.to_numeric(card[measure], errors="coerce").dropna().to_numpy(dtype=float)
        if not len(values):
            continue
        quantiles = np.percentile(values, PERCENTILES)
        rows += [
            {"measure": measure, "percentile": int(p), "value": round(float(q), 4), "n_articles": len(values)}
            for p, q in zip(PERCENTILES, quantiles)
        ]
    return pd.DataFrame(rows, columns=REFERENCE_COLUMNS[:-1]).assign(reference=reference)


def load_scorecard_reference(path=SCORECARD_REFERENCE_FILE) -> pd.DataFrame | None:
    """The committed reference percentiles (`reference_percentiles`), or None if not made."""
    try:
        table = pd.read_csv(path)
    except FileNotFoundError:
        return None
    missing = [c for c in REFERENCE_COLUMNS if c not in table]
    if missing:
        raise ValueError(f"{path}: columns {missing} missing (expected {REFERENCE_COLUMNS})")
    return table


def percentile_in_reference(values, measure: str, reference: pd.DataFrame) -> np.ndarray:
    """Where each value sits among the reference articles, 0-100: the mean of the shares of
    reference percentiles below it and at most it (so a value shared by many reference
    articles gets the middle of their ranks); NaN where the value or the measure's reference
    is missing."""
    quantiles = np.sort(reference.loc[reference["measure"] == measure, "value"].to_numpy(dtype=float))
    values = np.asarray(values, dtype=float)
    if not len(quantiles):
        return np.full(values.shape, np.nan)
    below = np.searchsorted(quantiles, values, side="left")
    at_most = np.searchsorted(quantiles, values, side="right")
    shares = 100 * (below + at_most) / (2 * len(quantiles))
    return np.where(np.isnan(values), np.nan, shares)
