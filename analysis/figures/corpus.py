"""Figures of the corpus: length and structure of each article."""

from __future__ import annotations

from .style import OKABE_ITO, plt


def corpus_structure_figure(articles, sentences, groups=None, group_word: str = "article") -> plt.Figure:
    """Article lengths and sentence lengths: per article, or per group of articles.

    `groups` maps article_id to a label (see notebook.article_groups); None: one per article.
    """
    body = sentences[sentences["part"] == "body"]
    if groups is None or group_word == "article":
        order = list(articles["article_id"])
        group_of = {a: a for a in order}
    else:
        group_of = groups.to_dict()
        order = sorted(set(group_of.values()))
    positions = list(range(1, len(order) + 1))
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.45 * len(order) + 2.2), sharey=True)
    if group_word == "article":
        left.barh(positions, articles["n_words"], color=OKABE_ITO[0])
        left.set_title("Length of each article")
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
    left.set_xlabel("Words in the body")
    left.set_ylabel(group_word.capitalize())
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
