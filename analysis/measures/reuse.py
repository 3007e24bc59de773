"""Text reuse within a corpus: near-duplicate articles, their clusters, and passages repeated
inside one article.

Each article's body is read as its lowercased words (the text model's words, `WORD_RE`) and
cut into shingles of `SHINGLE_WORDS` consecutive words. Over the corpus (`finish`) a MinHash
of each article's shingles (`NUM_PERM` permutations, seed `MINHASH_SEED`; datasketch) is
indexed by MinHash LSH at `CANDIDATE_THRESHOLD`, below the threshold that keeps a pair, so
that pairs reaching it are seldom lost to the hashing. Every candidate pair is scored by the
exact Jaccard similarity of the two shingle sets (shared shingles over all distinct shingles of
the two, the resemblance of Broder 1997) and kept when that reaches `JACCARD_THRESHOLD`: the
same text copied, copy-edited up to about a tenth of its words, reordered, padded, or cut to
half. Each pair also has its containment (Broder 1997: the share of the smaller article's
shingles found in the other; near 1 when one is inside the other). Containment as a second
criterion (`Criteria`) is an option the validation compares; the measure does not use it.
The pairs reported are exact and do not depend on the hashing, which only proposes. Pairs
join into clusters (connected components) named by their smallest article id. Exact duplicate
files never get here: the loader drops them first.

Per article (`compute`), a passage is repeated when a run of at least `REPEAT_WORDS` words
occurs twice or more in its body; each occurrence is a row with its offsets in the clean text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from ..text.clean import WORD_RE
from ..text.load import Corpus

SHINGLE_WORDS = 5
NUM_PERM = 128
MINHASH_SEED = 1
CANDIDATE_THRESHOLD = 0.3  # MinHash LSH proposes pairs whose estimated Jaccard reaches this
JACCARD_THRESHOLD = 0.4
REPEAT_WORDS = 8

PAIR_COLUMNS = [
    "article_id",
    "other_article_id",
    "jaccard",
    "containment",
    "shared_shingles",
    "cluster_id",
]
CLUSTER_COLUMNS = ["cluster_id", "article_id", "n_members"]
PASSAGE_COLUMNS = ["article_id", "start", "end", "n_words", "text", "n_occurrences"]
SIGNATURE_COLUMNS = ["article_id", "signature"]  # the MinHash values of an article's shingles


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """`repeated_passages` of each article, and the MinHash signature of its body's shingles
    (`reuse_signatures`, a working table for `finish`)."""
    rows, signatures = [], []
    for article in corpus.articles:
        words = [(s.start + a, s.start + b, s.text[a:b].lower()) for s in article.body_sentences for a, b in s.words]
        for first, last, count in repeated_runs([w for _, _, w in words], REPEAT_WORDS):
            start, end = words[first][0], words[last][1]
            rows.append(
                {
                    "article_id": article.article_id,
                    "start": start,
                    "end": end,
                    "n_words": last - first + 1,
                    "text": article.clean_text[start:end],
                    "n_occurrences": count,
                }
            )
        body = [s.text for s in article.sentences if s.part == "body"]  # as `body_words` reads the sentences table
        if found := shingles([w.lower() for text in body for w in WORD_RE.findall(text)]):
            signatures.append({"article_id": article.article_id, "signature": signature(found)})
    return {
        "repeated_passages": pd.DataFrame(rows, columns=PASSAGE_COLUMNS),
        "reuse_signatures": pd.DataFrame(signatures, columns=SIGNATURE_COLUMNS),
    }


def repeated_runs(words: list[str], size: int) -> list[tuple[int, int, int]]:
    """(first word, last word, occurrences of its first `size` words) of each maximal run of
    words in which every `size`-word window occurs more than once in `words`."""
    positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(words) - size + 1):
        positions[tuple(words[i : i + size])].append(i)
    runs = []
    i = 0
    while i <= len(words) - size:
        key = tuple(words[i : i + size])
        if len(positions[key]) < 2:
            i += 1
            continue
        first = i
        while i + 1 <= len(words) - size and len(positions[tuple(words[i + 1 : i + 1 + size])]) > 1:
            i += 1
        runs.append((first, i + size - 1, len(positions[key])))
        i += 1
    return runs


def shingles(words: list[str], size: int = SHINGLE_WORDS) -> set[str]:
    """The distinct runs of `size` consecutive words, joined by spaces."""
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def body_words(sentences: pd.DataFrame, article_ids: set[str] | None = None) -> dict[str, list[str]]:
    """Each article's body words, lowercased, in order (from the `sentences` table); only
    those of `article_ids` if given."""
    body = sentences[sentences["part"] == "body"]
    if article_ids is not None:
        body = body[body["article_id"].isin(article_ids)]
    words: dict[str, list[str]] = {}
    for article_id, text in zip(body["article_id"], body["text"]):
        words.setdefault(article_id, []).extend(w.lower() for w in WORD_RE.findall(text))
    return words


def finish(tables: dict[str, pd.DataFrame], options) -> dict[str, pd.DataFrame]:
    """`reuse_pairs` and `reuse_clusters` of the corpus: LSH over the articles' signatures
    (`reuse_signatures`; computed here from the sentences when absent), then the exact shingle
    sets of the articles it proposes."""
    if "reuse_signatures" not in tables:
        sets = {a: s for a, w in body_words(tables["sentences"]).items() if (s := shingles(w))}
        return pair_tables(near_duplicate_pairs(sets))
    signatures = tables["reuse_signatures"]
    candidates = lsh_candidates(dict(zip(signatures["article_id"], signatures["signature"])))
    proposed = {a for pair in candidates for a in pair}
    sets = {a: shingles(w) for a, w in body_words(tables["sentences"], proposed).items()}
    return pair_tables(kept_pairs(sets, candidates))


@dataclass(frozen=True)
class Criteria:
    """When LSH proposes a pair and when it is kept: its Jaccard reaches `jaccard_threshold`,
    or (unless `containment_threshold` is None) its containment reaches `containment_threshold`
    and the smaller article has at least `min_contained_shingles` shingles."""

    candidate_threshold: float = CANDIDATE_THRESHOLD
    jaccard_threshold: float = JACCARD_THRESHOLD
    containment_threshold: float | None = None
    min_contained_shingles: int = 0


CRITERIA = Criteria()  # the measure's


def signature(shingle_set: set[str]):
    """The MinHash of a set of shingles (`NUM_PERM` permutations, seed `MINHASH_SEED`), in its
    compact form (a LeanMinHash: the values without the permutations)."""
    from datasketch import LeanMinHash, MinHash  # imported here: it loads SciPy, which readers of tables never need

    minhash = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return LeanMinHash(minhash)


def candidate_pairs(sets: dict[str, set[str]], threshold: float = CANDIDATE_THRESHOLD) -> list[tuple[str, str]]:
    """The pairs MinHash LSH at `threshold` proposes, the smaller id first, sorted."""
    return lsh_candidates({article_id: signature(shingle_set) for article_id, shingle_set in sets.items()}, threshold)


def lsh_candidates(signatures: dict, threshold: float = CANDIDATE_THRESHOLD) -> list[tuple[str, str]]:
    """The pairs MinHash LSH at `threshold` proposes among articles' signatures (`signature`),
    the smaller id first, sorted."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    pairs = []
    for article_id in sorted(signatures):
        pairs += [(other, article_id) for other in lsh.query(signatures[article_id])]
        lsh.insert(article_id, signatures[article_id])
    return sorted(pairs)


def kept_pairs(
    sets: dict[str, set[str]], candidates: list[tuple[str, str]], criteria: Criteria = CRITERIA
) -> list[tuple[str, str, float, float, int]]:
    """(article, other article, exact Jaccard, containment, shared shingles) of each candidate
    pair that `criteria` keep, in the order of `candidates`."""
    pairs = []
    for first, second in candidates:
        a, b = sets[first], sets[second]
        shared = len(a & b)
        jaccard = shared / (len(a) + len(b) - shared)
        containment = shared / min(len(a), len(b))
        contained = (
            criteria.containment_threshold is not None
            and containment >= criteria.containment_threshold
            and min(len(a), len(b)) >= criteria.min_contained_shingles
        )
        if jaccard >= criteria.jaccard_threshold or contained:
            pairs.append((first, second, round(jaccard, 4), round(containment, 4), shared))
    return pairs


def near_duplicate_pairs(
    sets: dict[str, set[str]], criteria: Criteria = CRITERIA
) -> list[tuple[str, str, float, float, int]]:
    """The kept pairs (`kept_pairs`) among those LSH proposes, the smaller id first, sorted."""
    return kept_pairs(sets, candidate_pairs(sets, criteria.candidate_threshold), criteria)


def pair_tables(pairs: list[tuple[str, str, float, float, int]]) -> dict[str, pd.DataFrame]:
    """`reuse_pairs` with each pair's cluster, and `reuse_clusters` with one row per member."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for first, second, *_ in pairs:
        a, b = root(first), root(second)
        parent[max(a, b)] = min(a, b)  # a root is always its component's smallest id
    cluster_of = {node: root(node) for node in parent}
    pair_table = pd.DataFrame([(*pair, cluster_of[pair[0]]) for pair in pairs], columns=PAIR_COLUMNS)
    members = pd.DataFrame(sorted((c, a) for a, c in cluster_of.items()), columns=["cluster_id", "article_id"])
    members["n_members"] = members.groupby("cluster_id")["article_id"].transform("size").astype(int)
    return {"reuse_pairs": pair_table, "reuse_clusters": members[CLUSTER_COLUMNS]}


def pairs_with_headlines(pairs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """`reuse_pairs` with each article's headline beside its id, the most similar pairs first."""
    headline = dict(zip(articles["article_id"].astype(str), articles["headline"].fillna("")))
    table = pairs.sort_values(["jaccard", "article_id", "other_article_id"], ascending=[False, True, True])
    return pd.DataFrame(
        {
            "article_id": table["article_id"],
            "headline": table["article_id"].astype(str).map(headline),
            "other_article_id": table["other_article_id"],
            "other_headline": table["other_article_id"].astype(str).map(headline),
            "jaccard": table["jaccard"],
            "containment": table["containment"],
            "shared_shingles": table["shared_shingles"],
            "cluster_id": table["cluster_id"],
        }
    ).reset_index(drop=True)


def cluster_summary(clusters: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster, the largest first: its size, its members and the headline of the
    article that names it."""
    headline = dict(zip(articles["article_id"].astype(str), articles["headline"].fillna("")))
    rows = [
        {
            "cluster_id": cluster_id,
            "n_members": len(members),
            "headline": headline.get(str(cluster_id), ""),
            "members": "; ".join(members["article_id"].astype(str)),
        }
        for cluster_id, members in clusters.groupby("cluster_id", sort=True)
    ]
    table = pd.DataFrame(rows, columns=["cluster_id", "n_members", "headline", "members"])
    return table.sort_values(["n_members", "cluster_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
