import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.measures import attribution, opacity
from analysis.measures import corpus as corpus_measure
from analysis.pipeline.options import Options
from analysis.text.document import build_article
from analysis.text.load import Corpus

OPTIONS = Options()
RULES = opacity.load_opacity()
BYLINE = opacity.byline_regex(RULES.byline_openers, attribution.load_lexicon().name_particles)

SOURCED = (
    "Leaders split over Greenland plan\n\n"
    "PARIS, Jan. 8 (Reuters) - According to leaked diplomatic cables obtained by this outlet, the talks failed. "
    "Insiders say the plan is dead. Critics warn it will return. Officials said nothing more.\n\n"
    'The minister reportedly left early. "It was over," a senior diplomat said.\n'
)
BYLINED = "Budget passes after long debate\n\nBy Jane Doe\n\nThe budget passed on Tuesday, the finance minister said.\n"
MENTIONED = "Aide jailed\n\nThe aide shredded the classified documents before the raid, police said.\n"
PLAIN = "Rain expected across the north\n\nRain will fall across the north this week. Temperatures will drop.\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "According to leaked diplomatic cables obtained by this outlet, the talks failed.",
            ["leaked diplomatic cables obtained by this outlet"],
        ),
        ("The memo, seen by the BBC, says the plan failed.", ["memo, seen by the BBC"]),
        ("An internal report found that managers ignored warnings.", ["internal report"]),
        ("Documents obtained by The Washington Post show that he knew.", ["Documents obtained by The Washington Post"]),
        ("The Guardian has obtained a copy of the draft.", ["obtained a copy of the draft"]),
        ("Secret files and confidential emails were found.", ["Secret files", "confidential emails"]),
        ("He sued, according to a copy of the letter reviewed by The Post.", ["letter reviewed by The Post"]),
        ("Private emails seen by the BBC show it.", ["Private emails seen by the BBC"]),
    ],
)
def test_a_document_with_a_marker_of_unavailability_is_uncheckable(sentence, expected):
    assert [sentence[a:b] for a, b in opacity.uncheckable_documents(sentence, RULES)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The report published by the IMF says growth slowed.",  # public
        "A leaked report, posted at https://example.org/report.pdf, says so.",  # a web address
        "Leaked memos were cited in court filings on Monday.",  # a court record
        "The private sector report said investment fell.",  # "private sector" is not a marker
        "Her use of private email broke the rules, he said.",  # a mail system, not messages
        "Secret talks were held last week about the annual report.",  # marker too far from the noun
        "The report said growth slowed.",  # no marker
        "A leaked plan was discussed.",  # no document noun
    ],
)
def test_a_public_named_or_unmarked_document_is_not_uncheckable(sentence):
    assert opacity.uncheckable_documents(sentence, RULES) == []


def run(texts: dict[str, str], authors: dict[str, str] | None = None) -> dict[str, pd.DataFrame]:
    articles = [build_article(article_id, f"{article_id}.txt", text) for article_id, text in texts.items()]
    corpus = Corpus(Path("."), articles, [])
    tables = (
        corpus_measure.tables(corpus, OPTIONS) | attribution.tables(corpus, OPTIONS) | opacity.tables(corpus, OPTIONS)
    )
    if authors is not None:
        tables["articles"] = tables["articles"].assign(author=tables["articles"]["article_id"].map(authors).fillna(""))
    return tables | opacity.finish(tables, OPTIONS)


@pytest.fixture(scope="module")
def tables():
    return run(
        {"sourced": SOURCED, "bylined": BYLINED, "mentioned": MENTIONED, "plain": PLAIN}, authors={"plain": "Sam Smith"}
    )


def profile_of(tables, article_id) -> dict:
    return tables["opacity"].set_index("article_id").loc[article_id].to_dict()


def test_the_tables_have_their_columns_and_one_profile_row_per_article(tables):
    assert list(tables["opacity"].columns) == opacity.PROFILE_COLUMNS
    assert list(tables["opacity_evidence"].columns) == opacity.EVIDENCE_COLUMNS
    assert list(tables["opacity"]["article_id"]) == ["sourced", "bylined", "mentioned", "plain"]
    assert set(tables["opacity_evidence"]["signal"]) <= set(opacity.EVIDENCE_SIGNALS)


def test_the_profile_reads_the_sourcing_table_and_counts_its_signals(tables):
    row = profile_of(tables, "sourced")
    sourcing = tables["sourcing"].set_index("article_id").loc["sourced"]
    assert row["n_attributions"] == sourcing["n_attributions"] >= 3
    assert row["share_anonymous_or_vague"] == round(
        (sourcing["n_anonymous"] + sourcing["n_vague"]) / sourcing["n_attributions"], 4
    )
    assert row["n_uncheckable_documents"] == 1 and row["n_self_referential"] == 1
    assert row["n_hedges"] == sourcing["n_hedges"] == 1
    assert row["has_dateline"] and row["dateline"].startswith("PARIS, Jan. 8")
    assert not row["has_byline"]
    assert (
        row["share_anonymous_or_vague"] >= opacity.UNNAMED_SHARE and row["hedges_per_1000_words"] > opacity.HEDGE_RATE
    )
    expected = [s for s in opacity.SIGNALS if s != "no_dateline"]
    assert row["signals"].split(opacity.SIGNAL_SEPARATOR) == expected and row["n_signals"] == len(expected)


def test_the_evidence_shows_each_signal_with_its_sentence(tables):
    evidence = tables["opacity_evidence"][tables["opacity_evidence"]["article_id"] == "sourced"]
    by_signal = {signal: list(group["text"]) for signal, group in evidence.groupby("signal")}
    assert by_signal["uncheckable_document"] == ["leaked diplomatic cables obtained by this outlet"]
    assert by_signal["self_reference"] == ["obtained by this"]
    assert by_signal["hedge"] == ["reportedly"]
    assert "Insiders" in by_signal["vague_source"] and "a senior diplomat" in by_signal["anonymous_source"]
    clean = build_article("sourced", "sourced.txt", SOURCED).clean_text
    for row in evidence.itertuples():
        assert clean[row.start : row.end] == row.text and row.text in row.sentence


def test_a_document_only_mentioned_is_not_a_claim_resting_on_it(tables):
    sentence = "The aide shredded the classified documents before the raid, police said."
    assert opacity.uncheckable_documents(sentence, RULES)  # the phrase is there
    assert profile_of(tables, "mentioned")["n_attributions"] == 1  # "police said"
    assert profile_of(tables, "mentioned")["n_uncheckable_documents"] == 0  # but not its source


def test_a_byline_comes_from_the_metadata_else_from_a_line_at_the_top(tables):
    bylined, plain = profile_of(tables, "bylined"), profile_of(tables, "plain")
    assert (bylined["byline"], bylined["byline_source"]) == ("Jane Doe", "text")
    assert (plain["byline"], plain["byline_source"]) == ("Sam Smith", "metadata")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("BY JOHN SMITH, Reuters", "JOHN SMITH"),
        ("Written by Ana de Souza | 8 January 2026", "Ana de Souza"),
        ("By Monday the talks had failed.", ""),
        ("By the way", ""),
    ],
)
def test_a_byline_line_is_an_opener_and_a_name(line, name):
    article = build_article("a", "a.txt", f"Talks fail\n\n{line}\n\nThe talks failed on Monday, officials said.\n")
    assert opacity.text_byline(article, BYLINE) == name


def test_an_article_without_attributions_has_no_source_signals(tables):
    row = profile_of(tables, "plain")
    assert row["n_attributions"] == 0 and math.isnan(row["share_anonymous_or_vague"])
    assert row["signals"] == "no_dateline" and row["n_signals"] == 1
    assert tables["opacity_evidence"][tables["opacity_evidence"]["article_id"] == "plain"].empty


def test_an_empty_corpus_gives_empty_tables_with_their_columns():
    empty = run({})
    assert empty["opacity"].empty and list(empty["opacity"].columns) == opacity.PROFILE_COLUMNS
    assert empty["opacity_evidence"].empty and list(empty["opacity_evidence"].columns) == opacity.EVIDENCE_COLUMNS
