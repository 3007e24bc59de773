import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest
import yaml

from analysis.measures import offices
from analysis.pipeline.options import Options
from analysis.schemas import SchemaError
from analysis.text.actors import load_actors
from analysis.text.document import annotate, build_article
from analysis.text.entities import EntityRecognizer
from analysis.text.office_holders import load_office_holders

D = dt.date
NO_ACTORS = load_actors(None)

# Each planted article: its text and its metadata date ("" for none).
PLANTED = {
    "wrong_holder": ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris.", "2025-06-01"),
    "former_holder": (
        "Former President Donald Trump spoke in Ohio. Former President Barack Obama did too.",
        "2025-06-01",
    ),
    "conflict": ("Prime Minister Mark Carney met NATO chief Jens Stoltenberg in Brussels.", ""),
    "then": ("Then-Chancellor Angela Merkel met the leaders. Then-Chancellor Friedrich Merz did not.", "2024-03-01"),
    "year": (
        "In 2003, Prime Minister Tony Blair backed the war. In 2012, Prime Minister Tony Blair spoke.",
        "2016-05-01",
    ),
    "unknown_person": ("Chancellor Hans Dampfwalze opened the bridge in Berlin.", "2025-06-01"),
    "ambiguous": ("Prime Minister John Smithers spoke to reporters on Monday.", "2025-06-01"),
    "other_office": (
        "Vice President Kamala Harris met Deputy Prime Minister Chrystia Freeland. "
        "President-elect Donald Trump stayed home. Shadow Chancellor George Osborne spoke.",
        "2024-12-01",
    ),
    "apposition": (
        "Mark Carney, Canada's prime minister, arrived. Jens Stoltenberg, NATO's secretary general, said little. "
        "Keir Starmer, the prime minister, agreed.",
        "2025-06-01",
    ),
    "between_commas": ("The prime minister, Tony Blair, said the talks would go on.", "2005-03-01"),
    "qualified": (
        "Israeli Prime Minister Benjamin Netanyahu spoke. He met Labour Prime Minister Tony Blair. "
        "Benjamin Netanyahu, the prime minister of Israel, left.",
        "2005-03-01",
    ),
    "possessive": ("Tony Blair, the prime minister's friend, said nothing.", "2005-03-01"),
    "accents": ("Chancellor Gerhard Schroeder met Chancellor Gerhard Schröder's aides.", "2004-06-01"),
    "two_terms": ("President Donald Trump spoke. Chancellor Angela Merkel listened.", "2019-06-01"),
    "past_as_of": ("Prime Minister Mark Carney spoke in Ottawa on Thursday.", "2026-01-08"),
    "before_file": ("President Bill Clinton spoke in Little Rock.", "1985-06-01"),
    "dateline": ("Carney in Ottawa\n\nOTTAWA, March 20, 2025 — Prime Minister Mark Carney spoke in Ottawa.", ""),
    "no_persons": ("The weather in the capital was fine all week.", "2025-06-01"),
    "possessive_past": (
        "President Barack Obama's climate plan is gone. President Barack Obama met the governors.",
        "2018-03-01",
    ),
    "recollection": (
        "Prime Minister Boris Johnson spoke on Monday. Prime Minister Theresa May signed the deal last year.",
        "2020-06-01",
    ),
    "year_after": ("President Barack Obama, first elected in 2008, spoke in Ohio.", "2016-03-15"),
    "decade": ("In the 1990s Prime Minister Tony Blair was young. In the 2000s President Bush ruled.", "2005-03-01"),
    "hypothetical": (
        "Critics worry about a President Mitt Romney. How good a prime minister Gordon Brown will make.",
        "2005-03-01",
    ),
}


def _articles(texts: dict[str, str]):
    articles = [build_article(a, f"{a}.txt", text) for a, text in texts.items()]
    recognizer = EntityRecognizer(NO_ACTORS)
    for article, layers in zip(articles, recognizer.pipe(articles)):
        annotate(article, recognizer, layers)
    return articles


def _run(planted: dict[str, tuple[str, str]]):
    articles = _articles({a: text for a, (text, _) in planted.items()})
    tables = offices.tables(SimpleNamespace(articles=articles), Options())
    tables["articles"] = pd.DataFrame({"article_id": list(planted), "date": [d for _, d in planted.values()]})
    return offices.finish(tables, Options())


@pytest.fixture(scope="module")
def result():
    return _run(PLANTED)


def claims_of(result, article_id):
    claims = result["office_claims"]
    return claims[claims["article_id"] == article_id].reset_index(drop=True)


def window_of(result, article_id):
    windows = result["office_windows"]
    return windows[windows["article_id"] == article_id].iloc[0]


def verdicts(result, article_id):
    return [(row.person, row.claim, row.verdict) for row in claims_of(result, article_id).itertuples()]


def test_the_tables_have_their_columns_and_one_window_row_per_article(result):
    assert list(result["office_claims"].columns) == offices.CLAIM_COLUMNS
    assert list(result["office_windows"].columns) == offices.WINDOW_COLUMNS
    assert list(result["office_windows"]["article_id"]) == list(PLANTED)


def test_a_wrong_holder_at_a_dated_article_is_false_and_the_right_one_true(result):
    claims = claims_of(result, "wrong_holder")
    assert verdicts(result, "wrong_holder") == [("Olaf Scholz", "holds", "false"), ("Emmanuel Macron", "holds", "true")]
    scholz = claims.iloc[0]
    assert (scholz.office_id, scholz.checked_on, scholz.date_source) == ("de_chancellor", "2025-06-01", "metadata")
    assert (scholz.true_from, scholz.true_to) == ("2021-12-08", "2025-05-06")
    assert scholz.reason.startswith("Olaf Scholz held the office from 2021-12-08 to 2025-05-06")
    assert scholz.text == "German Chancellor Olaf Scholz"
    window = window_of(result, "wrong_holder")
    assert (window.n_claims, window.n_true, window.n_false, window.consistent) == (2, 1, 1, True)
    assert (window.window_start, window.window_end) == ("2021-12-08", "2025-05-06")


def test_a_former_claim_about_the_holder_is_false_and_about_a_past_holder_true(result):
    assert verdicts(result, "former_holder") == [("Donald Trump", "held", "false"), ("Barack Obama", "held", "true")]
    trump = claims_of(result, "former_holder").iloc[0]
    assert trump.text == "Former President Donald Trump" and trump.title == "President"


def test_two_claims_that_cannot_be_true_together_conflict_without_a_date(result):
    claims = claims_of(result, "conflict")
    assert list(claims["verdict"]) == ["unknown", "unknown"]
    assert list(claims["conflicts_with"]) == ["2", "1"]
    assert claims["reason"].str.endswith("no date for the article").all()
    assert (claims["unknown_because"] == offices.UNKNOWN_BECAUSE["no_date"]).all()
    window = window_of(result, "conflict")
    assert (window.consistent, window.n_conflicts, window.window_start, window.date_source) == (False, 2, "", "")


def test_a_then_claim_is_true_for_any_earlier_holder_and_false_for_a_later_one(result):
    assert verdicts(result, "then") == [
        ("Angela Merkel", "held_then", "true"),
        ("Friedrich Merz", "held_then", "false"),
    ]


def test_a_year_before_the_article_s_is_checked_instead_of_the_date(result):
    claims = claims_of(result, "year")
    assert list(claims["verdict"]) == ["true", "false"]
    assert list(claims["checked_on"]) == ["2003", "2012"]


def test_only_a_year_named_before_the_pair_dates_it_and_a_decade_is_no_year(result):
    assert [
        (v, c)
        for v, c in zip(claims_of(result, "year_after")["verdict"], claims_of(result, "year_after")["checked_on"])
    ] == [("true", "2016-03-15")]
    assert list(claims_of(result, "decade")["checked_on"]) == ["2005-03-01", "2005-03-01"]
    assert offices.sentence_years("In the 1990s and the 2000's, in 2003.", offices.load_claim_rules()) == [2003]


def test_a_recent_past_holder_s_title_in_the_possessive_is_historical_but_not_otherwise(result):
    plan, meeting = claims_of(result, "possessive_past").itertuples()
    assert (plan.verdict, plan.unknown_because) == ("unknown", offices.UNKNOWN_BECAUSE["historical"])
    assert meeting.verdict == "false"  # within two years of the term's end, not possessive


def test_a_past_holder_named_beside_the_holder_at_the_date_is_a_recollection(result):
    johnson, may = claims_of(result, "recollection").itertuples()
    assert johnson.verdict == "true"
    assert (may.verdict, may.unknown_because) == ("unknown", offices.UNKNOWN_BECAUSE["holder_named"])
    assert "the article also names Boris Johnson" in may.reason
    assert window_of(result, "recollection").consistent  # the recollection is no claim about the date


def test_an_indefinite_article_before_a_title_makes_no_pair(result):
    assert claims_of(result, "hypothetical").empty


def test_an_unknown_person_and_an_ambiguous_title_are_unknown(result):
    assert [v for _, _, v in verdicts(result, "unknown_person")] == ["unknown"]
    ambiguous = claims_of(result, "ambiguous").iloc[0]
    assert (ambiguous.verdict, ambiguous.office_id) == ("unknown", "")
    assert "shared by offices" in ambiguous.reason
    assert ambiguous.unknown_because == offices.UNKNOWN_BECAUSE["shared_title"]
    assert claims_of(result, "unknown_person").iloc[0].unknown_because in offices.UNKNOWN_BECAUSE.values()


def test_readers_see_false_pairs_first_then_conflicts(result):
    shown = offices.claims_for_readers(result["office_claims"])
    ranks = [0 if v == "false" else 1 if c else 2 for v, c in zip(shown["verdict"], shown["conflicts_with"])]
    assert ranks == sorted(ranks) and ranks[0] == 0 and 1 in ranks
    assert list(shown.columns) == offices.READER_COLUMNS
    first = offices.windows_for_readers(result["office_windows"]).iloc[0]
    assert first.n_false == result["office_windows"]["n_false"].max()


def test_a_title_that_is_another_office_makes_no_pair(result):
    assert claims_of(result, "other_office").empty


def test_titles_in_apposition_and_between_commas(result):
    assert verdicts(result, "apposition") == [
        ("Mark Carney", "holds", "true"),
        ("Jens Stoltenberg", "holds", "false"),
        ("Keir Starmer", "holds", "true"),
    ]
    assert claims_of(result, "apposition").iloc[0].text == "Mark Carney, Canada's prime minister"
    assert verdicts(result, "between_commas") == [("Tony Blair", "holds", "true")]


def test_a_qualifier_that_is_not_the_office_s_country_leaves_the_pair_unknown(result):
    claims = claims_of(result, "qualified")
    assert list(claims["verdict"]) == ["unknown", "unknown", "unknown"]
    assert (claims["office_id"] == "").all()


def test_a_title_followed_by_a_possessive_makes_no_pair(result):
    assert claims_of(result, "possessive").empty


def test_names_match_without_accents_and_a_holder_of_two_terms_in_either(result):
    assert verdicts(result, "accents") == [
        ("Gerhard Schroeder", "holds", "true"),
        ("Gerhard Schröder", "holds", "true"),
    ]
    assert [v for _, _, v in verdicts(result, "two_terms")] == ["true", "true"]


def test_a_date_past_as_of_is_checked_on_as_of_and_says_so(result):
    carney = claims_of(result, "past_as_of").iloc[0]
    assert (carney.verdict, carney.checked_on) == ("true", "2025-06-30")
    assert "the file's as_of date" in carney.reason
    assert window_of(result, "past_as_of").window_end == ""  # open past as_of


def test_a_date_before_the_office_s_first_listed_holder_is_unknown(result):
    clinton = claims_of(result, "before_file").iloc[0]
    assert clinton.verdict == "unknown" and "from 1989-01-20 only" in clinton.reason
    assert clinton.unknown_because == offices.UNKNOWN_BECAUSE["before_file"]


def test_without_metadata_the_dateline_dates_the_article(result):
    window = window_of(result, "dateline")
    assert (window.date, window.date_source) == ("2025-03-20", "dateline")
    assert window.dateline.startswith("OTTAWA, March 20, 2025")
    assert verdicts(result, "dateline") == [("Mark Carney", "holds", "true")]


def test_an_article_without_persons_has_a_window_row_and_no_claims(result):
    window = window_of(result, "no_persons")
    assert (window.n_claims, window.consistent, window.window_start) == (0, "", "")
    assert claims_of(result, "no_persons").empty


def test_an_empty_corpus_gives_empty_tables():
    tables = offices.tables(SimpleNamespace(articles=[]), Options())
    tables["articles"] = pd.DataFrame({"article_id": [], "date": []})
    out = offices.finish(tables, Options())
    assert out["office_claims"].empty and list(out["office_claims"].columns) == offices.CLAIM_COLUMNS
    assert out["office_windows"].empty and list(out["office_windows"].columns) == offices.WINDOW_COLUMNS


# --- the windows' arithmetic -------------------------------------------------------------------


def test_claim_windows_for_holds_held_and_held_then():
    office = load_office_holders().offices["us_president"]
    trump = offices.matching_holders(office, "Trump")
    assert offices.claim_windows(office, trump, "holds") == [
        (D(2017, 1, 20), D(2021, 1, 20)),
        (D(2025, 1, 20), offices.OPEN),
    ]
    assert offices.claim_windows(office, trump, "held") == [(D(2021, 1, 20), D(2025, 1, 20))]
    assert offices.claim_windows(office, trump, "held_then") == [(D(2017, 1, 20), offices.OPEN)]


def test_intersection_and_nearest_window():
    first = [(D(2000, 1, 1), D(2001, 1, 1)), (D(2005, 1, 1), offices.OPEN)]
    assert offices.intersection(first, [(D(2000, 6, 1), D(2006, 1, 1))]) == [
        (D(2000, 6, 1), D(2001, 1, 1)),
        (D(2005, 1, 1), D(2006, 1, 1)),
    ]
    assert offices.intersection(first, [(D(2002, 1, 1), D(2003, 1, 1))]) == []
    assert offices.nearest(first, D(2002, 1, 1)) == first[0]
    assert offices.nearest(first, None) == first[1]


def test_names_compare_without_case_accents_or_full_stops():
    assert offices.name_key("Gerhard SCHRÖDER") == offices.name_key("gerhard schroder")
    assert offices.name_key("Donald J. Trump") == offices.name_key("Donald J Trump")


def test_a_claim_rules_file_of_the_wrong_form_is_one_line_naming_the_key(tmp_path):
    data = yaml.safe_load(offices.OFFICE_CLAIMS_FILE.read_text(encoding="utf-8"))
    data["former"]["terms"] = "former"
    path = tmp_path / "office_claims.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"office_claims.yaml: former.terms: expected a list of strings"):
        offices.load_claim_rules(path)
