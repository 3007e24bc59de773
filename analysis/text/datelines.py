"""The dateline of an article: the place and date news puts before its first sentence.

A dateline opens one of the first `SEARCH_PARAGRAPHS` body paragraphs and ends at a dash
(or, for a date alone, a colon): "FLINT, Mich., Oct. 4 (UPI) —", "LONDON (Reuters) -",
"Paris, France / Ottawa, Canada — January 8, 2026 —", "January 8, 2026 —". A short
paragraph that is only a date, or a date after "Published" or "Updated", counts too
("Published: 8 January 2026"). The place is an opening in capitals or a run of capitalised
words; the date is a month name with its day ("Oct. 4", "8 January"), the year when given,
or an ISO date. A dateline without its year gives no calendar date (the year is never
guessed); a date that does not exist ("February 30, 2026") gives none either.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .document import Article

SEARCH_PARAGRAPHS = 3  # datelines open one of the first body paragraphs
MAX_DATELINE_CHARS = 120
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
DATE_RE = re.compile(
    rf"""(?ix)
    {_WEEKDAY}
    (?: {_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?   # Oct. 4, 2016
      | (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace("month", "month2")}(?:,?\s+(?P<year2>(?:19|20)\d\d))?  # 8 January 2026
      | (?P<iso>(?:19|20)\d\d-\d\d-\d\d)                                                 # 2026-01-08
    )(?![\w-])
    """
)
_PLACE_WORD = r"[A-Z][A-Za-z.'’-]*"
PLACE_RE = re.compile(rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD})*(?:\s*[,/]\s*{_PLACE_WORD}(?:\s+{_PLACE_WORD})*)*")
DASH_RE = re.compile(r"\s*(?:—|–|--|\s-)\s+")
AGENCY_RE = re.compile(r"\s*\((?P<agency>[A-Za-z][\w .&-]*)\)$")
DATE_PARAGRAPH_RE = re.compile(r"(?i)^(?:(?:published|updated|posted|last updated)(?:\s+on)?\s*:?\s*)?(?P<date>.+)$")


@dataclass(frozen=True)
class Dateline:
    """A dateline: its text, offsets into the clean text, place and date as written, and the
    calendar date when the dateline gives its year."""

    start: int
    end: int
    text: str
    place: str
    date_text: str
    date: dt.date | None


def find_dateline(article: Article) -> Dateline | None:
    """The dateline opening one of the article's first body paragraphs, if any."""
    body = [p for p in article.paragraphs if p.part == "body"][:SEARCH_PARAGRAPHS]
    for paragraph in body:
        text = article.clean_text[paragraph.start : paragraph.end]
        found = dateline_of(text)
        if found is not None:
            length, place, date_text, date = found
            start = paragraph.start
            return Dateline(start, start + length, text[:length].strip(), place, date_text, date)
    return None


def dateline_of(text: str) -> tuple[int, str, str, dt.date | None] | None:
    """(length, place, date as written, calendar date) of the dateline opening `text`."""
    dashes = [m for m in DASH_RE.finditer(text, 0, MAX_DATELINE_CHARS) if m.start() > 0][:2]
    if dashes:
        opening = text[: dashes[0].start()]
        agency = AGENCY_RE.search(opening)
        if agency:
            opening = opening[: agency.start()]
        date_match = DATE_RE.search(opening)
        place = (opening[: date_match.start()] if date_match else opening).strip(" ,")
        if date_match and date_match.end() != len(opening.rstrip()):
            return None  # words after the date: an ordinary sentence
        if place and not PLACE_RE.fullmatch(place):
            return None
        if date_match:
            return dashes[0].end(), place, date_match.group(0), calendar_date(date_match)
        if len(dashes) == 2:  # "Paris, France — January 8, 2026 —"
            second = DATE_RE.fullmatch(text[dashes[0].end() : dashes[1].start()].strip(" ,"))
            if second:
                return dashes[1].end(), place, second.group(0), calendar_date(second)
        if _is_place(place, agency):
            return dashes[0].end(), place, "", None
    if len(text) <= 60:
        only = DATE_PARAGRAPH_RE.match(text.strip(" .*_"))
        date_match = DATE_RE.fullmatch(only["date"].strip(" .")) if only else None
        if date_match:
            return len(text), "", date_match.group(0), calendar_date(date_match)
    return None


def _is_place(place: str, agency: re.Match | None) -> bool:
    """A place alone makes a dateline when it is written in capitals ("WASHINGTON") or
    followed by a news agency ("London (Reuters)")."""
    letters = [c for c in place if c.isalpha()]
    return bool(letters) and (agency is not None or (len(letters) >= 3 and place.split(",")[0].isupper()))


def find_date(text: str) -> tuple[str, dt.date | None] | None:
    """The first date written in `text`: (as written, calendar date or None without a year)."""
    match = DATE_RE.search(text)
    return (match.group(0), calendar_date(match)) if match else None


def calendar_date(match: re.Match) -> dt.date | None:
    """The calendar date of a DATE_RE match, or None without a year or for a day that does
    not exist."""
    try:
        if match["iso"]:
            return dt.date.fromisoformat(match["iso"])
        year = match["year"] or match["year2"]
        if not year:
            return None
        month = MONTHS[(match["month"] or match["month2"]).lower()]
        return dt.date(int(year), month, int(match["day"] or match["day2"]))
    except ValueError:
        return None
