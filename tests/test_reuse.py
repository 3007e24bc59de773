import random
from pathlib import Path

import pandas as pd

from analysis.measures import corpus as corpus_measure
from analysis.measures import reuse
from analysis.text.document import build_article
from analysis.text.load import Corpus

VOCABULARY = sorted({"".join(random.Random(i).choices("abcdefghijklmnopqrstuvwxyz", k=3 + i % 6)) for i in range(3000)})


def sentence(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, k=rng.randint(10, 16))
    return " ".join(words).capitalize() + "."


def paragraphs(rng: random.Random, n: int = 5) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(4)) for _ in range(n)]


def text_of(headline: str, parts: list[str]) -> str:
    return headline + "\n\n" + "\n\n".join(parts) + "\n"


def edited_copies(rng: random.Random, parts: list[str]) -> list[list[str]]:
    """A verbatim copy, one with a sentence changed, one with paragraphs reordered, one with a lede."""
    changed = list(parts)
    first, *rest = changed[2].split(". ")
    changed[2] = ". ".join([sentence(rng).rstrip("."), *rest])
    return [list(parts), changed, [parts[3], parts[0], parts[4], parts[1], parts[2]], [sentence(rng), *parts]]


def run(texts: dict[str, str]) -> dict[str, pd.DataFrame]:
    articles = [build_article(article_id, f"{article_id}.txt", text) for article_id, text in texts.items()]
    corpus = Corpus(Path("."), articles, [])
    tables = corpus_measure.tables(corpus, None) | reuse.tables(corpus, None)
    return tables | reuse.finish(tables, None)


def planted_corpus(n_originals: int, n_copied: int, seed: int = 7) -> tuple[dict[str, str], set[frozenset]]:
    """Generated articles, the first `n_copied` with four edited copies each, and the true pairs."""
    rng = random.Random(seed)
    texts, truth = {}, set()
    for i in range(n_originals):
        parts = paragraphs(rng)
        texts[f"a{i:03d}"] = text_of(f"Headline {i}", parts)
        if i < n_copied:
            ids = [f"a{i:03d}"]
            for k, copy in enumerate(edited_copies(rng, parts)):
                ids.append(f"a{i:03d}_copy{k}")
                texts[ids[-1]] = text_of(f"Other headline {i} {k}", copy)
            truth |= {frozenset((x, y)) for x in ids for y in ids if x < y}
    return texts, truth


def test_planted_copies_and_edited_copies_form_one_cluster_and_unrelated_articles_are_not_paired():
    texts, truth = planted_corpus(n_originals=4, n_copied=1)
    out = run(texts)
    pairs = {frozenset(p) for p in zip(out["reuse_pairs"]["article_id"], out["reuse_pairs"]["other_article_id"])}
    assert pairs == truth
    clusters = out["reuse_clusters"]
    assert set(clusters["article_id"]) == {"a000", *(f"a000_copy{k}" for k in range(4))}
    assert set(clusters["cluster_id"]) == {"a000"} and set(clusters["n_members"]) == {5}
    verbatim = out["reuse_pairs"].query("other_article_id == 'a000_copy0'").iloc[0]
    assert verbatim["jaccard"] == 1.0 and verbatim["cluster_id"] == "a000"
    assert (out["reuse_pairs"]["jaccard"] >= reuse.JACCARD_THRESHOLD).all()
    assert list(out["reuse_pairs"].columns) == reuse.PAIR_COLUMNS


def test_exact_jaccard_and_shared_shingles_are_those_of_the_shingle_sets():
    texts, _ = planted_corpus(n_originals=1, n_copied=1)
    out = run(texts)
    words = reuse.body_words(out["sentences"])
    row = out["reuse_pairs"].query("other_article_id == 'a000_copy3'").iloc[0]
    a, b = reuse.shingles(words["a000"]), reuse.shingles(words["a000_copy3"])
    assert row["shared_shingles"] == len(a & b) == len(a)
    assert row["jaccard"] == round(len(a & b) / len(a | b), 4) < 1.0


def test_precision_and_recall_on_a_generated_corpus_with_planted_copies():
    texts, truth = planted_corpus(n_originals=60, n_copied=10, seed=11)
    out = run(texts)
    found = {frozenset(p) for p in zip(out["reuse_pairs"]["article_id"], out["reuse_pairs"]["other_article_id"])}
    precision = len(found & truth) / len(found)
    recall = len(found & truth) / len(truth)
    assert (precision, recall) == (1.0, 1.0)
    assert out["reuse_clusters"]["cluster_id"].nunique() == 10


def test_a_passage_repeated_inside_one_article_is_found_with_its_offsets():
    rng = random.Random(3)
    parts = paragraphs(rng, 3)
    passage = "The minister said the agreement would be signed before the end of the month"
    parts[0] += " " + passage + "."
    parts[2] += " " + passage + "."
    out = run({"a": text_of("Headline", parts), "b": text_of("Headline", paragraphs(rng, 3))})
    rows = out["repeated_passages"]
    assert set(rows["article_id"]) == {"a"} and len(rows) == 2
    clean = build_article("a", "a.txt", text_of("Headline", parts)).clean_text
    for row in rows.itertuples():
        assert clean[row.start : row.end] == row.text == passage
        assert row.n_words == 14 and row.n_occurrences == 2
    assert out["reuse_pairs"].empty and out["reuse_clusters"].empty


def test_repeated_runs_need_the_minimum_length():
    words = "a b c d e f g h x a b c d e f g h".split()
    assert reuse.repeated_runs(words, 8) == [(0, 7, 2), (9, 16, 2)]
    assert reuse.repeated_runs(words, 9) == []


def test_output_is_deterministic():
    texts, _ = planted_corpus(n_originals=8, n_copied=2, seed=5)
    first, second = run(texts), run(dict(reversed(texts.items())))
    for name in ("reuse_pairs", "reuse_clusters"):
        assert first[name].to_csv(index=False) == second[name].to_csv(index=False)


def test_a_story_cut_to_half_is_paired_and_one_shared_paragraph_is_not():
    rng = random.Random(13)
    original, other = paragraphs(rng), paragraphs(rng)
    words = " ".join(original).split()
    half = " ".join(words[: len(words) // 2])
    texts = {
        "a": text_of("Original", original),
        "b": text_of("Cut to half", [half]),
        "c": text_of("Shares one paragraph", [*other[:2], original[1], *other[2:]]),
    }
    out = run(texts)
    pairs = out["reuse_pairs"]
    assert list(zip(pairs["article_id"], pairs["other_article_id"])) == [("a", "b")]
    row = pairs.iloc[0]
    assert reuse.JACCARD_THRESHOLD <= row["jaccard"] < 0.5 and row["containment"] == 1.0
    sets = {a: reuse.shingles(w) for a, w in reuse.body_words(out["sentences"]).items()}
    shared = reuse.kept_pairs(sets, [("a", "c")], reuse.Criteria(jaccard_threshold=0.0))[0]
    assert shared[2] < reuse.JACCARD_THRESHOLD and shared[3] < 0.5  # the shared paragraph's overlap


def test_containment_keeps_a_story_inside_another_only_when_the_smaller_is_longer_than_a_passage():
    rng = random.Random(17)
    original = paragraphs(rng, 8)
    words = " ".join(original).split()
    sets = {
        "original": reuse.shingles(words),
        "third": reuse.shingles(words[: len(words) // 3]),  # a third: Jaccard about 0.33
        "paragraph": reuse.shingles(original[4].split()),  # one paragraph, fewer than 100 shingles
    }
    criteria = reuse.Criteria(
        candidate_threshold=0.2, jaccard_threshold=0.5, containment_threshold=0.8, min_contained_shingles=100
    )
    candidates = [("original", "paragraph"), ("original", "third")]
    kept = reuse.kept_pairs(sets, candidates, criteria)
    assert [(a, b) for a, b, *_ in kept] == [("original", "third")]
    _, _, jaccard, containment, shared = kept[0]
    assert jaccard < 0.5 and containment == 1.0 and shared == len(sets["third"])
    assert reuse.kept_pairs(sets, candidates, reuse.CRITERIA) == []  # the measure: Jaccard only
    assert len(sets["paragraph"]) < 100 <= len(sets["third"])
