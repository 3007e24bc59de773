"""Figures of the source-attribution analysis: source classes per article, words quoted per speaker."""

from __future__ import annotations

import pandas as pd

from .style import OKABE_ITO, by_value, plt

CLASS_COLOURS = {"named": 0, "anonymous": 1, "vague": 3, "unresolved": 7}


def source_classes_figure(sourcing: pd.DataFrame):
    """Stacked horizontal bars: named, anonymous, vague and unresolved attributions per article,
    the most attributions first."""

    totals = sourcing.set_index("article_id")[[f"n_{c}" for c in CLASS_COLOURS]].sum(axis=1)
    sourcing = sourcing.set_index("article_id").loc[by_value(totals)].reset_index()
    order = list(sourcing["article_id"])
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(order) + 2.2))
    left = [0] * len(order)
    for source_class, colour in CLASS_COLOURS.items():
        values = list(sourcing[f"n_{source_class}"])
        ax.barh(range(len(order)), values, left=left, color=OKABE_ITO[colour], label=source_class)
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(range(len(order)), order)
    ax.invert_yaxis()
    ax.set_xlabel("Attributions (continued quotations not counted)")
    ax.set_ylabel("Article (most attributions first)")
    ax.set_title("Who is cited: named, anonymous, vague and unresolved sources")
    ax.legend(loc="lower right", title="Source")
    return fig


def quoted_words_figure(quoted_words: pd.DataFrame, top: int = 15, labels: dict[str, str] | None = None):
    """Horizontal bars: words inside quotation marks per speaker, corpus-wide, top speakers.
    `labels` maps actor ids to display names (long speaker phrases are shortened)."""

    totals = (
        quoted_words.groupby(["speaker", "source_class"], sort=True)["n_words"]
        .sum()
        .reset_index()
        .sort_values(["n_words", "speaker"], ascending=[False, True], kind="stable")
        .head(top)
    )
    fig, ax = plt.subplots(figsize=(9, 0.4 * max(len(totals), 1) + 2.2))
    colours = [OKABE_ITO[CLASS_COLOURS.get(c, 7)] for c in totals["source_class"]]
    ax.barh(range(len(totals)), totals["n_words"], color=colours)
    names = [(labels or {}).get(s, s) for s in totals["speaker"]]
    ax.set_yticks(range(len(totals)), [n if len(n) <= 40 else n[:39] + "…" for n in names])
    ax.invert_yaxis()
    ax.set_xlabel("Words inside quotation marks")
    ax.set_ylabel("Speaker")
    ax.set_title("Who gets the quotes: words quoted per speaker")
    handles = [plt.Rectangle((0, 0), 1, 1, color=OKABE_ITO[i]) for i in CLASS_COLOURS.values()]
    ax.legend(handles, list(CLASS_COLOURS), loc="lower right", title="Source")
    return fig
