"""Figures of who appears and of the tone toward entities: per article, per group, one group."""

import numpy as np
import pandas as pd

from analysis.figures import entities as entity_figures
from analysis.figures import style

COUNTS = pd.DataFrame(
    {"Ann Lee": [3, 0, 1, 2], "Acme": [1, 1, 0, 0]}, index=pd.Index(["a", "b", "c", "d"], name="article_id")
)
GROUPS = pd.Series(["x", "x", "y", "y"], index=COUNTS.index)


def cell_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_mentions_per_article_per_group_and_for_one_group():
    per_article = entity_figures.entity_mentions_figure(COUNTS, GROUPS, "article", {})
    assert cell_texts(per_article) == ["3", "1", "2", "0", "0", "1", "1", "0"]  # the most mentions first
    assert [t.get_text() for t in per_article.axes[0].get_yticklabels()] == ["a", "d", "b", "c"]
    per_group = entity_figures.entity_mentions_figure(COUNTS, GROUPS, "outlet", {})
    assert cell_texts(per_group) == ["1.5", "1.0", "1.5", "0.0"] and "mean per article by outlet" in (
        per_group.axes[0].get_title()
    )
    ungrouped = entity_figures.entity_mentions_figure(COUNTS, GROUPS, "corpus", {})  # few articles: each shown
    assert cell_texts(ungrouped) == cell_texts(per_article)
    copies = -(-(style.MAX_ARTICLES_SHOWN + 1) // len(COUNTS))
    many = pd.concat([COUNTS.rename(index=lambda a, k=k: f"{a}{k}") for k in range(copies)])
    one = entity_figures.entity_mentions_figure(many, GROUPS, "corpus", {"Ann Lee": "person", "Acme": "organisation"})
    ax = one.axes[0]
    assert [round(p.get_width()) for p in ax.patches[:2]] == [6 * copies, 2 * copies]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["person", "organisation"]
    assert cell_texts(one) == [f" {3 * copies} articles", f" {2 * copies} articles"]
    for fig in (per_article, per_group, ungrouped, one):
        style.plt.close(fig)


def test_tone_figures_use_the_fixed_tone_scale():
    corpus_tone = pd.DataFrame(
        {
            "entity": ["Ann Lee", "Acme"],
            "n_mentions": [12, 2],
            "sentence_tone": [0.1, -0.2],
            "sentence_tone_ci_low": [0.0, np.nan],
            "sentence_tone_ci_high": [0.2, np.nan],
            "targeted_tone": [-0.3, 0.0],
            "targeted_tone_ci_low": [-0.5, np.nan],
            "targeted_tone_ci_high": [-0.1, np.nan],
        }
    )
    fig = entity_figures.entity_tone_figure(corpus_tone)
    ax = fig.axes[0]
    assert ax.get_xlim() == (style.TONE_LIMITS[0] - 0.05, style.TONE_LIMITS[1] + 0.05)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ann Lee (12)", "Acme (2)"]
    style.plt.close(fig)
    matrix = pd.DataFrame({"Ann Lee": [0.2, np.nan], "Acme": [-0.05, 0.1]}, index=["a", "b"])
    heatmap = entity_figures.targeted_tone_figure(matrix, "article", 3)
    image = heatmap.axes[0].images[0]
    assert image.get_clim() == style.TONE_LIMITS and cell_texts(heatmap) == [
        "+0.10",
        "+0.20",
        "-0.05",
    ]  # b first: higher mean
    style.plt.close(heatmap)
