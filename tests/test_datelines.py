"""The dateline before an article's first sentence: place, date as written, calendar date."""

import datetime as dt

import pytest

from analysis.text.datelines import dateline_of, find_date, find_dateline
from analysis.text.document import build_article


@pytest.mark.parametrize(
    ("opening", "place", "date_text", "date"),
    [
        ("FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton spoke.", "FLINT, Mich.", "Oct. 4", None),
        ("LONDON (Reuters) - The pound fell.", "LONDON", "", None),
        ("WASHINGTON — The Senate voted.", "WASHINGTON", "", None),
        (
            "Paris, France / Ottawa, Canada — January 8, 2026 — In a dramatic move.",
            "Paris, France / Ottawa, Canada",
            "January 8, 2026",
            dt.date(2026, 1, 8),
        ),
        ("January 8, 2026 — In a dramatic move.", "", "January 8, 2026", dt.date(2026, 1, 8)),
        ("Published: 8 January 2026", "", "8 January 2026", dt.date(2026, 1, 8)),
        ("NEW YORK, Jan 8, 2016 (Reuters) - Stocks rose.", "NEW YORK", "Jan 8, 2016", dt.date(2016, 1, 8)),
        ("February 30, 2026 — A day that never was.", "", "February 30, 2026", None),
    ],
)
def test_a_dateline_gives_its_place_and_date(opening, place, date_text, date):
    _, found_place, found_date_text, found_date = dateline_of(opening)
    assert (found_place, found_date_text, found_date) == (place, date_text, date)


@pytest.mark.parametrize(
    "sentence",
    [
        "The president said — and repeated — that nothing had changed.",
        "Carney, speaking in Ottawa — said nothing.",
        "On Monday, the US said - quickly - that it would respond.",
        "Mark Carney — the prime minister — said so.",
        "In May 2020 — before the vote — turnout fell.",
        "Quarterly profits at US media giant TimeWarner jumped 76%.",
        "Delegate Update:\nThe latest count in the race.",  # a short paragraph of two lines
        "***",
        "",
    ],
)
def test_an_ordinary_sentence_is_no_dateline(sentence):
    assert dateline_of(sentence) is None


def test_the_dateline_is_read_from_the_first_body_paragraphs():
    article = build_article(
        "a", "a.txt", "Headline here\n\nA teaser line.\n\nBERLIN, March 3, 2024 (AP) — Talks began.\n\nMore."
    )
    dateline = find_dateline(article)
    assert dateline.date == dt.date(2024, 3, 3)
    assert article.clean_text[dateline.start : dateline.end].startswith("BERLIN, March 3, 2024 (AP) —")


def test_an_article_without_dateline_has_none():
    article = build_article("a", "a.txt", "Headline here\n\nThe talks began on 3 March 2024 in Berlin.")
    assert find_dateline(article) is None


def test_find_date_never_guesses_a_year():
    assert find_date("Talks begin on February 1 in Rome.") == ("February 1", None)
    assert find_date("Talks began on 3 March 2024.") == ("3 March 2024", dt.date(2024, 3, 3))
