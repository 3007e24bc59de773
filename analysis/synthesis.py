"""Across the analyses: one scorecard per article and a short summary generated from results."""
from __future__ import annotations

import pandas as pd


def summary_points(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Plain-language findings computed from the result tables (no number is typed in)."""
    articles = tables["articles"]
    issues = tables["issues"]
    points = [f"{len(articles):,} articles analysed ({int(articles['n_words'].sum()):,} words, "
              f"{int(articles['n_sentences'].sum()):,} body sentences); "
              f"{int((issues['severity'] == 'skipped').sum())} files skipped, "
              f"{int((issues['severity'] == 'warning').sum())} warnings."]
    removed = tables["cleaning_log"]
    if len(removed):
        points.append(f"Cleaning removed or rewrote {len(removed):,} lines or fragments of scraping debris in "
                      f"{removed['article_id'].nunique():,} articles; each is listed with its reason.")
    tone = tables["sentiment"].sort_values("mean_compound")
    points.append(
        f"Sentence tone (VADER, mean compound per article) runs from {tone['mean_compound'].iloc[0]:+.2f} "
        f"({tone['article_id'].iloc[0]}) to {tone['mean_compound'].iloc[-1]:+.2f} ({tone['article_id'].iloc[-1]}); "
        f"{int(((tone['ci_low'] > 0) | (tone['ci_high'] < 0)).sum())} of {len(tone)} articles have a 95% interval "
        "that excludes neutral.")
    return points
