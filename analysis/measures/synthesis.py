"""Across the analyses: one scorecard per article, the key validation figures of each analysis,
and a short summary generated from the result tables for the report site.

Everything here reads the result tables (and the validation summaries) only; a table that is
missing or empty leaves its columns empty and its summary sentence out, never an error.
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

SCORECARD_COLUMNS = [
    "article_id", "n_words", "mean_compound", "ci_low", "ci_high", "headline_compound",
    "dominant_generic_frame", "dominant_issue_frame", "sensationalism_index", "flesch_kincaid_grade",
    "reading_grade_consensus", "n_attributions", "share_named", "share_anonymous", "share_vague",
    "hedges_per_1000_words",
]
FRAME_COLUMNS = ["dominant_generic_frame", "dominant_issue_frame"]
NUMERIC_COLUMNS = [c for c in SCORECARD_COLUMNS if c not in ["article_id", *FRAME_COLUMNS]]
COMPARED_COLUMNS = [  # the numeric measures compared across articles, in figure order
    "n_words", "mean_compound", "headline_compound", "sensationalism_index", "flesch_kincaid_grade",
    "share_named", "share_anonymous", "share_vague", "hedges_per_1000_words",
]
MIN_ATTRIBUTIONS = 5  # fewest attributions for an article's sourcing shares to be singled out


def _table(tables: dict[str, pd.DataFrame], name: str, columns: list[str]) -> pd.DataFrame:
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


def scorecard(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per article of `articles`: tone, frames, sensationalism, reading grade, sourcing.

    Reading measures are those of the body; `reading_grade_consensus` is textstat's
    `text_standard` vote. Shares of named / anonymous / vague sources are of the article's
    attributions (empty when it has none).
    """
    articles = _table(tables, "articles", ["article_id", "n_words"])
    card = _per_article(articles, {"n_words": "n_words"}).reset_index(drop=True)
    sentiment = _table(tables, "sentiment", ["article_id", "mean_compound", "ci_low", "ci_high", "headline_compound"])
    frames = _table(tables, "frames", ["article_id", "scheme", "frame", "dominant"])
    sens = _table(tables, "sensationalism", ["article_id", "index"])
    readability = _table(tables, "readability", ["article_id", "part", "flesch_kincaid_grade", "text_standard"])
    sourcing = _table(tables, "sourcing", ["article_id", "n_attributions", "share_named", "share_anonymous",
                                           "share_vague", "hedges_per_1000_words"])
    parts = [
        _per_article(sentiment, {c: c for c in ["mean_compound", "ci_low", "ci_high", "headline_compound"]}),
        _dominant_frames(frames),
        _per_article(sens, {"index": "sensationalism_index"}),
        _per_article(readability[readability["part"] == "body"],
                     {"flesch_kincaid_grade": "flesch_kincaid_grade", "text_standard": "reading_grade_consensus"}),
        _per_article(sourcing, {c: c for c in ["n_attributions", "share_named", "share_anonymous", "share_vague",
                                               "hedges_per_1000_words"]}),
    ]
    for part in parts:
        card = card.merge(part, on="article_id", how="left")
    for column in FRAME_COLUMNS:
        card[column] = card[column].astype(object).where(card[column].notna(), None)
    return card[SCORECARD_COLUMNS]


# --- Validation: the key figures of each analysis -----------------------------------------

VALIDATION_COLUMNS = ["key", "analysis", "dataset", "task", "metric", "value", "anchor", "baseline",
                      "baseline_name", "n"]
KEY_VALIDATION_FIGURES = [  # the key figures of each analysis: keys of the validation summaries, in order
    "sentiment.tweets.sentence.pearson_r", "sentiment.tweets.sentence.weighted_f1_3class",
    "sentiment.movie_reviews.sentence.pearson_r", "sentiment.movie_reviews.sentence.weighted_f1_3class",
    "sentiment.amazon_reviews.sentence.pearson_r", "sentiment.amazon_reviews.sentence.weighted_f1_3class",
    "sentiment.nyt_editorials.sentence.pearson_r", "sentiment.nyt_editorials.sentence.weighted_f1_3class",
    "sentiment.nyt_editorials.article.pearson_r",
    "framing.narrative_frames.full_frame.co.f1", "framing.narrative_frames.full_frame.co.roc_auc",
    "framing.narrative_frames.full_frame.ec.f1", "framing.narrative_frames.full_frame.ec.roc_auc",
    "framing.narrative_frames.full_frame.hi.f1", "framing.narrative_frames.full_frame.hi.roc_auc",
    "framing.narrative_frames.full_frame.mo.f1", "framing.narrative_frames.full_frame.mo.roc_auc",
    "framing.narrative_frames.full_frame.re.f1", "framing.narrative_frames.full_frame.re.roc_auc",
    "framing.frac.issue_frame_class.accuracy",
    "sensationalism.clickbait.headline_index.accuracy",
    "readability.onestopenglish.pairwise_order.package.flesch_kincaid_grade",
    "readability.onestopenglish.full_order.package.flesch_kincaid_grade",
    "readability.onestopenglish.pairwise_order.package.gunning_fog",
    "readability.onestopenglish.full_order.package.gunning_fog",
    "attribution.polnear_dev.speech_cues.precision", "attribution.polnear_dev.speech_cues.recall",
    "attribution.polnear_dev.speech_cues.f1",
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
    return table.assign(vs_anchor=(table["value"] - table["anchor"]).round(3),
                        vs_baseline=(table["value"] - table["baseline"]).round(3))


BASELINE_MARGIN = 0.05  # a figure within this of its trivial baseline is "close to the baseline"
ANCHOR_TOLERANCE = 0.02  # a figure at most this far below its published anchor "reaches" it


def describe_figure(row) -> str:
    """A short name of one validation figure: data set, task (without its parenthesis), metric."""
    task = str(row["task"]).split(" (")[0]
    return f"{row['dataset']}: {task}, {row['metric']}"


def trust_by_analysis(table: pd.DataFrame, margin: float = BASELINE_MARGIN,
                      tolerance: float = ANCHOR_TOLERANCE) -> pd.DataFrame:
    """Per analysis, from `validation_table`: how many figures reach their published anchor
    (at most `tolerance` below it) and the one furthest below, and how many lead the trivial
    baseline by at least `margin`. All key figures are on a 0-1 scale."""
    rows = []
    for analysis, group in table.groupby("analysis", sort=False):
        with_anchor = group.dropna(subset=["anchor"])
        with_baseline = group.dropna(subset=["baseline"])
        short = (with_anchor["value"] - with_anchor["anchor"]).round(6)
        below = with_anchor.loc[short.idxmin()] if len(with_anchor) and short.min() < -tolerance else None
        rows.append({
            "analysis": analysis, "n_figures": len(group), "n_with_anchor": len(with_anchor),
            "n_reach_anchor": int((short >= -tolerance).sum()),
            "furthest_below_anchor": (f"{describe_figure(below)} {below['value']:.3f} against {below['anchor']:.3f}"
                                      if below is not None else ""),
            "n_with_baseline": len(with_baseline),
            "n_clear_of_baseline": int(((with_baseline["value"] - with_baseline["baseline"]).round(6) >= margin).sum()),
        })
    return pd.DataFrame(rows, columns=["analysis", "n_figures", "n_with_anchor", "n_reach_anchor",
                                       "furthest_below_anchor", "n_with_baseline", "n_clear_of_baseline"])


# --- Relations between measures ---------------------------------------------------------

def rank_correlations(card: pd.DataFrame, min_articles: int = 3) -> pd.DataFrame:
    """Spearman correlation of every pair of scorecard measures, strongest first (pairs with
    fewer than `min_articles` complete articles, or a constant measure, left out)."""
    measures = [c for c in COMPARED_COLUMNS if c in card]
    matrix = card[measures].corr(method="spearman", min_periods=min_articles)
    rows = []
    for i, first in enumerate(measures):
        for second in measures[i + 1:]:
            rho = matrix.loc[first, second]
            if pd.notna(rho):
                n = int(card[[first, second]].dropna().shape[0])
                rows.append({"measure": first, "other_measure": second, "spearman_rho": round(float(rho), 3),
                             "n_articles": n})
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
    rhos = 1 - 6 * ((orderings - ranks) ** 2).sum(axis=1) / (n * (n ** 2 - 1))
    return float((np.abs(rhos) >= abs(rho) - 1e-9).mean())


# --- The comparison figure ---------------------------------------------------------------


# --- The summary on the report site's index ------------------------------------------------

def _n(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _extremes(table: pd.DataFrame, column: str, fmt: str, what: str) -> str:
    """'<what> is X in A' (one row) or '<what> runs from X (A) to Y (B), median M'."""
    ranked = table.dropna(subset=[column]).sort_values([column, "article_id"], kind="stable")
    if len(ranked) == 1:
        return f"{what} is {fmt.format(ranked[column].iloc[0])} in {ranked['article_id'].iloc[0]}"
    return (f"{what} runs from {fmt.format(ranked[column].iloc[0])} ({ranked['article_id'].iloc[0]}) to "
            f"{fmt.format(ranked[column].iloc[-1])} ({ranked['article_id'].iloc[-1]}), "
            f"median {fmt.format(ranked[column].median())}")


def _corpus_points(tables) -> list[str]:
    articles = _table(tables, "articles", ["article_id", "n_words", "n_sentences"])
    issues = _table(tables, "issues", ["severity"])
    points = [f"{_n(len(articles), 'article')} analysed "
              f"({int(pd.to_numeric(articles['n_words'], errors='coerce').fillna(0).sum()):,} words, "
              f"{int(pd.to_numeric(articles['n_sentences'], errors='coerce').fillna(0).sum()):,} body sentences); "
              f"{_n(int((issues['severity'] == 'skipped').sum()), 'file')} skipped, "
              f"{_n(int((issues['severity'] == 'warning').sum()), 'warning')}."]
    removed = _table(tables, "cleaning_log", ["article_id"])
    if len(removed):
        points.append(f"Cleaning removed or rewrote {len(removed):,} lines or fragments of scraping debris in "
                      f"{_n(removed['article_id'].nunique(), 'article')}; each is listed with its reason.")
    return points


def _tone_points(card: pd.DataFrame) -> list[str]:
    scored = card.dropna(subset=["mean_compound"])
    if scored.empty:
        return []
    with_interval = scored.dropna(subset=["ci_low", "ci_high"])
    excludes = int(((with_interval["ci_low"] > 0) | (with_interval["ci_high"] < 0)).sum())
    text = _extremes(scored, "mean_compound", "{:+.2f}",
                     "Tone (VADER, mean of the body sentences' compound scores, -1 negative to +1 positive)")
    if len(scored) == 1 and len(with_interval):
        text += (f", with a 95% interval of {with_interval['ci_low'].iloc[0]:+.2f} to "
                 f"{with_interval['ci_high'].iloc[0]:+.2f}, which {'excludes' if excludes else 'includes'} neutral.")
    elif len(with_interval):
        text += (f"; {excludes} of {_n(len(with_interval), 'article')} with enough sentences "
                 f"{'has' if excludes == 1 else 'have'} a 95% interval that excludes neutral.")
    else:
        text += "; no article has enough sentences for an interval."
    points = [text]
    headlines = scored.dropna(subset=["headline_compound"])
    if len(headlines):
        gap = headlines["headline_compound"] - headlines["mean_compound"]
        points.append(f"Of {_n(len(headlines), 'headline')}, scored on their own, {int((gap > 0).sum())} "
                      f"{'is' if (gap > 0).sum() == 1 else 'are'} more positive than the article's body and "
                      f"{int((gap < 0).sum())} more negative.")
    return points


def _framing_points(card: pd.DataFrame, options) -> list[str]:
    from .framing import load_generic_frames, load_issue_frames

    labels = {**load_generic_frames(options.generic_frames_file).labels,
              **load_issue_frames(options.issue_frames_file).labels}
    parts = []
    for column, scheme in (("dominant_generic_frame", "generic frame (Semetko & Valkenburg)"),
                           ("dominant_issue_frame", "issue frame")):
        counts = card[column].dropna().value_counts()
        if counts.empty:
            continue
        leaders = sorted(counts[counts == counts.max()].index)
        names = " and ".join(labels.get(f, f) for f in leaders[:3]) + (" among others" if len(leaders) > 3 else "")
        each = f"{counts.max():,}" if len(leaders) == 1 else f"{counts.max():,} each"
        parts.append(f"the most frequent dominant {scheme} is {names} ({each} of {_n(len(card), 'article')})")
    if not parts:
        return []
    text = "Framing: " + "; ".join(parts) + "."
    unframed = int(card["dominant_generic_frame"].isna().sum())
    if unframed:
        text += f" {_n(unframed, 'article')} answer no generic-frame question."
    return [text]


def _sensationalism_points(card: pd.DataFrame, tables) -> list[str]:
    scored = card.dropna(subset=["sensationalism_index"])
    if scored.empty:
        return []
    text = _extremes(scored, "sensationalism_index", "{:.2f}",
                     "The sensationalism index (how many kinds of clickbait cue an article uses: "
                     "\"BREAKING\", ALL-CAPS, emoji, hyperbole, outrage words and others)") + "."
    breaking = _table(tables, "sensationalism", ["article_id", "breaking"])
    flagged = pd.to_numeric(breaking["breaking"], errors="coerce")
    if flagged.notna().any():
        text += f" Articles with a \"BREAKING\"-style label: {int((flagged > 0).sum()):,} of {int(flagged.notna().sum()):,}."
    return [text]


def _readability_points(card: pd.DataFrame) -> list[str]:
    graded = card.dropna(subset=["flesch_kincaid_grade"])
    if graded.empty:
        return ["No article body is long enough (100 words) for the readability formulas."] if len(card) else []
    text = _extremes(graded, "flesch_kincaid_grade", "{:.1f}",
                     "Reading difficulty (Flesch-Kincaid grade of the body: the US school grade a reader needs)")
    consensus = graded["reading_grade_consensus"].dropna()
    if len(consensus):
        text += f"; the consensus of the grade formulas gives a median grade of {consensus.median():.0f}"
    text += "."
    ungraded = len(card) - len(graded)
    if ungraded:
        text += f" {_n(ungraded, 'article')} {'is' if ungraded == 1 else 'are'} too short to score."
    return [text]


def _sourcing_points(card: pd.DataFrame, tables) -> list[str]:
    sourcing = _table(tables, "sourcing", ["article_id", "n_attributions", "n_named", "n_anonymous", "n_vague",
                                           "hedges_per_1000_words"])
    if sourcing.empty:
        return []
    counts = {c: int(pd.to_numeric(sourcing[f"n_{c}"], errors="coerce").fillna(0).sum())
              for c in ("named", "anonymous", "vague")}
    total = int(pd.to_numeric(sourcing["n_attributions"], errors="coerce").fillna(0).sum()) or sum(counts.values())
    if not total:
        return ["Sourcing: no attributed statement (quotes, \"according to\", cited documents) was found."]
    cited = int((pd.to_numeric(sourcing["n_attributions"], errors="coerce").fillna(0) > 0).sum())
    points = [f"Sourcing: {_n(total, 'attribution')} in {cited:,} of {_n(len(sourcing), 'article')}, "
              + ", ".join(f"{counts[c] / total:.0%} {c}" for c in counts) + " (anonymous: an unnamed individual; "
              "vague: unnamed groups such as \"critics\" or \"sources\")."]
    unnamed = card[card["n_attributions"] >= MIN_ATTRIBUTIONS].dropna(subset=["share_anonymous", "share_vague"])
    unnamed = unnamed.assign(unnamed=unnamed["share_anonymous"] + unnamed["share_vague"])
    if len(unnamed) > 1:
        top = unnamed.sort_values(["unnamed", "n_attributions", "article_id"], ascending=[False, False, True]).iloc[0]
        text = (f"Among the articles with at least {MIN_ATTRIBUTIONS} attributions, the largest share of unnamed "
                f"sources is in {top['article_id']} ({top['unnamed']:.0%} of {int(top['n_attributions']):,})")
        hedges = card["hedges_per_1000_words"].dropna()
        if len(hedges):
            text += f"; hedges such as \"reportedly\" run at a median of {hedges.median():.1f} per 1,000 words"
        points.append(text + ".")
    return points


def summary_points(tables: dict[str, pd.DataFrame], options) -> list[str]:
    """Plain-language findings computed from the result tables (no number is typed in): the
    corpus, then one or two sentences each on tone, framing, sensationalism, readability and
    sourcing. Frames are named as in the frames files of `options`, those the tables were
    computed with. A missing or empty table leaves its sentences out."""
    card = scorecard(tables)
    return [*_corpus_points(tables), *_tone_points(card), *_framing_points(card, options),
            *_sensationalism_points(card, tables), *_readability_points(card), *_sourcing_points(card, tables)]
