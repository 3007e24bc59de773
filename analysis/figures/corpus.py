"""Figures of the corpus: length and structure of each article."""

from __future__ import annotations

from . import style
from .style import OKABE_ITO, plt


def corpus_structure_figure(articles, sentences, groups=None, group_word: str = "article") -> plt.Figure:
    """Article lengths and sentence lengths: per article (the longest first) up to
    style.MAX_ARTICLES_SHOWN ungrouped articles, else per group of articles, or, ungrouped,
    their distributions.

    `groups` maps article_id to a label (see notebook.article_groups); None: not grouped.
    """
    body = sentences[sentences["part"] == "body"]
    grouped = groups is not None and group_word not in ("article", "corpus")
    if not grouped and not style.shows_each_article(len(articles), group_word):
        return _distribution_figure(articles, body)
    if grouped:
        group_of = groups.to_dict()
        order = sorted(set(group_of.values()))
    else:
        order = style.by_value(articles.set_index("article_id")["n_words"])
        group_of = {a: a for a in order}
    positions = list(range(1, len(order) + 1))
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.45 * len(order) + 2.2), sharey=True)
    if not grouped:
        left.barh(positions, articles.set_index("article_id").loc[order, "n_words"], color=OKABE_ITO[0])
        left.set_title("Length of each article")
        left.set_ylabel("Article (longest first)")
    else:
        lengths = [articles.loc[articles["article_id"].map(group_of) == g, "n_words"].to_numpy() for g in order]
        left.boxplot(
            lengths,
            positions=positions,
            orientation="horizontal",
            patch_artist=True,
            boxprops={"facecolor": OKABE_ITO[0], "alpha": 0.6},
            medianprops={"color": "black"},
        )
        left.set_title(f"Article lengths by {group_word}")
        left.set_ylabel(group_word.capitalize())
    left.set_xlabel("Words in the body")
    groups_of_sentences = body["article_id"].map(group_of)
    lengths = [body.loc[groups_of_sentences == g, "n_words"].to_numpy() for g in order]
    right.boxplot(
        lengths,
        positions=positions,
        orientation="horizontal",
        patch_artist=True,
        boxprops={"facecolor": OKABE_ITO[5], "alpha": 0.6},
        medianprops={"color": "black"},
        showfliers=len(body) < 5000,
    )
    left.set_yticks(positions, order)
    left.invert_yaxis()
    right.set_title("Sentence lengths")
    right.set_xlabel("Words per sentence")
    return fig


def _distribution_figure(articles, body) -> plt.Figure:
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    style.histogram(left, articles["n_words"], OKABE_ITO[0])
    left.set_title(f"Length of the {len(articles):,} articles")
    left.set_xlabel("Words in the body")
    left.set_ylabel("Articles")
    style.histogram(right, body["n_words"], OKABE_ITO[5])
    right.set_title(f"Length of the {len(body):,} body sentences")
    right.set_xlabel("Words per sentence")
    right.set_ylabel("Sentences")
    return fig
