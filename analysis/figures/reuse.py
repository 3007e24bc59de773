"""Figures of text reuse: how similar the near-duplicate pairs are, and how large their clusters."""

from __future__ import annotations

import pandas as pd

from .style import OKABE_ITO, plt

JACCARD_BINS = [x / 20 for x in range(10, 21)]  # 0.50 to 1.00 in steps of 0.05: the same bins on every corpus


def reuse_figure(pairs: pd.DataFrame, clusters: pd.DataFrame, threshold: float, shingle_words: int):
    """Left: the exact Jaccard similarity of every near-duplicate pair (identical texts at 1);
    right: how many clusters have each number of members."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    left.hist(
        pairs["jaccard"].astype(float), bins=JACCARD_BINS, range=(0.5, 1.0), color=OKABE_ITO[0], edgecolor="white"
    )
    left.set_xlim(threshold, 1.0)
    left.set_xlabel(f"Jaccard similarity of the two articles' {shingle_words}-word shingles")
    left.set_ylabel("Pairs of articles")
    left.set_title("How alike the near-duplicate pairs are")
    sizes = clusters.drop_duplicates("cluster_id")["n_members"].astype(int).value_counts().sort_index()
    right.bar([str(s) for s in sizes.index], sizes.to_numpy(), color=OKABE_ITO[2])
    right.set_xlabel("Articles in the cluster")
    right.set_ylabel("Clusters")
    right.set_title("Clusters of republished stories, by size")
    fig.tight_layout()
    return fig
