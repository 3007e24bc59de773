import random
from collections import Counter

import pandas as pd
import pytest

from analysis.validation import SUMMARY_COLUMNS
from analysis.validation import reuse as validation

WORDS = sorted({"".join(random.Random(i).choices("abcdefghijklmnopqrstuvwxyz", k=4 + i % 5)) for i in range(4000)})
FUNCTION_WORDS = ["the", "of", "and", "to", "in", "said", "that", "was"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(FUNCTION_WORDS) if i % 3 == 1 else rng.choice(WORDS) for i in range(rng.randint(12, 18))]
    return " ".join(words).capitalize() + "."


def synthetic_stories(n_per_topic: int = 12, seed: int = 5) -> dict[str, validation.Story]:
    """Generated stories of five paragraphs in three topic folders."""
    rng = random.Random(seed)
    return {
        f"{topic}/{i:03d}": validation.Story(
            f"Headline {topic} {i}", tuple(" ".join(sentence(rng) for _ in range(4)) for _ in range(5))
        )
        for topic in ("economy", "sport", "science")
        for i in range(n_per_topic)
    }


@pytest.fixture(scope="module")
def stories():
    return synthetic_stories()


@pytest.fixture(scope="module")
def planted(stories):
    return validation.plant(stories, sorted(stories), random.Random(3), n_per_edit=1)


@pytest.fixture(scope="module")
def scored(planted):
    corpus, labels = planted
    return validation.score(labels, validation.detect(corpus))


def test_story_text_reads_back_as_the_same_story(stories):
    story = stories["sport/000"]
    assert validation.parse_story(story.text()) == story


def test_planting_is_deterministic_and_labels_each_copy_with_its_original(stories, planted):
    corpus, labels = planted
    again_corpus, again_labels = validation.plant(stories, sorted(stories), random.Random(3), n_per_edit=1)
    assert again_corpus == corpus and again_labels.equals(labels)
    assert (
        validation.plant(stories, sorted(stories, reverse=True), random.Random(3), n_per_edit=1)[1][
            "article_id"
        ].tolist()
        != labels["article_id"].tolist()
    )
    copies = labels[labels["republication"]]
    strengths = [None if s != s else s for s in copies["strength"]]  # NaN: an edit without strength
    assert list(zip(copies["edit"], strengths)) == list(validation.EDITS)
    assert Counter(labels.loc[~labels["republication"], "edit"]) == {"same_topic": 1, "shared_passage": 1}
    assert set(labels["article_id"]) | set(labels["other_article_id"]) <= set(corpus)
    assert len(set(labels["article_id"])) == len(labels)  # every original, source and negative drawn once
    same_topic = labels[labels["edit"] == "same_topic"].iloc[0]
    assert same_topic["article_id"].split("/")[0] == same_topic["other_article_id"].split("/")[0]
    assert corpus[copies.iloc[0]["other_article_id"]].paragraphs == stories[copies.iloc[0]["article_id"]].paragraphs


def test_donors_and_shared_passage_bases_are_left_out_of_the_corpus(stories, planted):
    corpus, labels = planted
    left_out = set(stories) - set(corpus)
    assert len(left_out) == 2 + 1  # a donor for each padded copy, the base of the shared passage
    for article_id in left_out:
        opening = stories[article_id].paragraphs[0][:60]
        holders = [a for a, s in corpus.items() if opening in " ".join(s.paragraphs)]
        assert holders and all(a.startswith(validation.PLANTED_FOLDER + "/") for a in holders)


@pytest.mark.parametrize("share", [0.05, 0.1, 0.3])
def test_copy_edit_changes_the_stated_share_of_words(stories, share):
    story = stories["economy/001"]
    edited = validation.copy_edit(story, share, random.Random(1), ["zzzq"])
    n = len(story.tokens())
    substituted = sum("zzzq" in token for token in edited.tokens())
    deleted = n - len(edited.tokens())
    assert substituted > 0 and deleted > 0
    assert substituted + deleted == round(share * n)


def test_truncate_pad_reorder_and_shared_passage_do_what_they_say(stories):
    story, donor = stories["science/002"], stories["science/003"]
    n = len(story.tokens())
    assert validation.truncate(story, 0.7).tokens() == story.tokens()[: round(0.7 * n)]
    padded = validation.pad(story, 0.3, donor)
    assert padded.tokens() == story.tokens() + donor.tokens()[: round(0.3 * n)]
    reordered = validation.reorder(story, random.Random(2))
    assert reordered.paragraphs != story.paragraphs and sorted(reordered.paragraphs) == sorted(story.paragraphs)
    shared = validation.share_passage(story, donor)
    longest = max(donor.paragraphs, key=lambda p: len(p.split()))
    assert shared.paragraphs.count(longest) == 1
    assert tuple(p for p in shared.paragraphs if p != longest) == story.paragraphs
    assert validation.republish(story).paragraphs == story.paragraphs
    assert validation.republish(story).headline != story.headline


def test_copies_are_paired_and_different_articles_or_one_shared_paragraph_are_not(scored):
    found = {(e, s if s == s else None): p for e, s, p in zip(scored["edit"], scored["strength"], scored["paired"])}
    for edit in [("verbatim", None), ("copy_edit", 0.05), ("reordered", None), ("truncated", 0.7), ("padded", 0.3)]:
        assert found[edit], edit
    assert found[("truncated", 0.5)]  # cut to half: Jaccard about 0.5
    assert not found[("copy_edit", 0.3)]  # a third of the words edited: no longer a near-duplicate
    assert not found[("same_topic", None)] and not found[("shared_passage", None)]
    assert validation.UNPLANNED not in set(scored["edit"])  # no pair the planting did not make
    verbatim = scored[scored["edit"] == "verbatim"].iloc[0]
    assert verbatim["jaccard"] == 1.0 and verbatim["paired_exact_text"]
    assert not scored.loc[scored["edit"] != "verbatim", "paired_exact_text"].any()


def test_summary_and_table_per_edit_follow_the_pairs(scored):
    per_edit = validation.by_edit(scored)
    assert len(per_edit) == len(validation.EDITS) + len(validation.NEGATIVES)
    assert (per_edit["n_pairs"] == 1).all()
    summary = validation.summary(scored)
    assert list(summary.columns) == SUMMARY_COLUMNS and not summary["key"].duplicated().any()
    values = dict(zip(summary["key"], summary["value"]))
    assert values["reuse.bbc_planted.verbatim.recall"] == 1.0
    assert values["reuse.bbc_planted.republication.precision"] == 1.0
    assert values["reuse.bbc_planted.republication.recall"] == scored.loc[scored["republication"], "paired"].mean()


def test_expected_pairing_is_zero_unless_kept_and_rises_with_similarity():
    expected = validation.expected_paired
    assert expected(0.6, kept=False) == 0.0
    assert 0 < expected(0.4, kept=True) < expected(0.7, kept=True) < expected(1.0, kept=True) == 1
    assert expected(0.45, kept=True) > 0.95  # candidates proposed below the threshold: few lost to hashing


def test_a_predicted_pair_that_was_not_planted_is_scored_against_precision(stories, planted):
    corpus, labels = planted
    copy = labels.loc[labels["edit"] == "verbatim", "other_article_id"].iloc[0]
    stranger = next(a for a in corpus if a not in set(labels["article_id"]) | set(labels["other_article_id"]))
    words = {a: " ".join(s.paragraphs).lower().split() for a, s in corpus.items()}
    original = labels.loc[labels["edit"] == "verbatim", "article_id"].iloc[0]
    pairs = pd.DataFrame(
        [sorted((original, copy)) + [1.0, 1, original], sorted((copy, stranger)) + [0.6, 1, original]],
        columns=["article_id", "other_article_id", "jaccard", "shared_shingles", "cluster_id"],
    )
    scored = validation.score(labels, validation.Detection(pairs, words, []))
    unplanned = scored[scored["edit"] == validation.UNPLANNED]
    assert sorted(unplanned[["article_id", "other_article_id"]].iloc[0]) == sorted((copy, stranger))
    assert not unplanned["republication"].iloc[0] and unplanned["paired"].iloc[0]
    values = dict(zip(validation.summary(scored)["key"], validation.summary(scored)["value"]))
    assert values["reuse.bbc_planted.republication.precision"] == 0.5


def test_plantings_draw_from_disjoint_halves_and_the_held_out_one_from_the_seeded_order(stories):
    eligible = sorted(stories)
    both = validation.plantings(stories, eligible, n_per_edit=1)
    drawn = {
        name: set(labels["article_id"])
        | (set(labels["other_article_id"]) & set(stories))
        | (set(stories) - set(corpus))
        for name, (corpus, labels) in both.items()
    }
    assert drawn["held_out"] and drawn["dev"] and not drawn["held_out"] & drawn["dev"]
    rng = random.Random(validation.SEED)
    order = list(eligible)
    rng.shuffle(order)
    corpus, labels = validation.plant(stories, order[: len(order) // 2], rng, n_per_edit=1)
    assert both["held_out"][0] == corpus and both["held_out"][1].equals(labels)
    assert drawn["held_out"] <= set(order[: len(order) // 2])
    again = validation.plantings(stories, eligible, n_per_edit=1)
    assert all(again[name][1].equals(both[name][1]) for name in both)


def test_summary_keys_name_the_planting(scored):
    keys = {name: set(validation.summary(scored, name)["key"]) for name in validation.PLANTINGS}
    assert all(k.startswith("reuse.bbc_planted_dev.") for k in keys["dev"])
    assert all(k.startswith("reuse.bbc_planted.") for k in keys["held_out"])
    assert len(keys["dev"]) == len(keys["held_out"])


def test_criteria_comparison_counts_what_each_configuration_pairs(planted):
    corpus, labels = planted
    detection = validation.detect(corpus)
    table = validation.compare_criteria(labels, detection)
    assert set(table["configuration"]) == set(validation.DEV_CRITERIA)
    own = next(name for name, c in validation.DEV_CRITERIA.items() if c == validation.reuse.CRITERIA)
    mine = table[table["configuration"] == own].reset_index(drop=True)
    per_edit = validation.by_edit(validation.score(labels, detection))
    assert mine["n_paired"].tolist() == per_edit["n_paired"].tolist()
    strict = table[table["configuration"] == "jaccard 0.5, candidates 0.5"]
    assert strict["n_paired"].sum() <= mine["n_paired"].sum()
