"""Office-holder consistency: title-and-name pairs in the text, each checked against the
office-holders file at the article's date.

Per article (`compute`), the person mentions of the entity layer (`text.entities`, titles
already stripped) are read with the words around them, in three forms: a title before the
name ("German Chancellor Olaf Scholz", "former President Trump"), "the TITLE, NAME" ("the prime
minister, Tony Blair,") and a title in apposition ("Mark Carney, Canada's prime minister").
Titles are the offices' titles and aliases in the office-holders file; the words that change a
claim are in `data/office_claims.yaml`: "former" words (the person held the office before and
not on the date: claim `held`), "then" (held it at some time up to the date: `held_then`),
and words that make it another office ("Vice President", "President-elect": no pair), as does an
indefinite article ("a President Trump would...": a possible holder). A title
followed by a possessive ("the prime minister's spokesman") is no pair. A title shared by
several offices ("Prime Minister") resolves only through the person, to the one office whose
holders include them; a title qualified by anything that is not part of an alias ("Israeli
Prime Minister", "prime minister of Israel") names an office only when the qualifier is the
office's own country. Persons match holders' names and aliases case- and accent-insensitively;
a name several holders share counts as true if any of them makes the claim true.

Over the corpus (`finish`), each article's date is its metadata date (`date_column`), else its
dateline's (`text.datelines`). A claim is checked on that date, on the file's `as_of` when the
date is later, and on the year the sentence names before the pair when that year is before the
article's ("In 2003, Prime Minister Tony Blair..."): true if it holds on some day of that year (a
"former" claim speaks of the article's own time and is checked at its date; a sentence naming a
later year leaves the claim unknown). A "holds" claim about a person whose term ended long
before (`historical_reference` in the rules: "an affair with President Clinton" in 2016) is read
as a reference to the holder's own time and left unknown, as is a past holder's title in the
possessive ("President Obama's Clean Power Plan": an act of that term), and one named by the
title in an article that also names the holder at the date (a recollection of a predecessor).
Each claim has the window of dates in
which it is true (nearest the article's date); an article's window is where all its `holds` and
`held` claims checked at the article's date are true together, and two such claims whose
windows cannot overlap conflict. Before an office's first listed holder, with
no date, or for a person or title the file does not know, the verdict is "unknown".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR, display_path
from ..schemas import check, load_yaml
from ..text.actors import load_actors
from ..text.datelines import find_dateline
from ..text.entities import EntityMention, ensure_entities
from ..text.load import Corpus
from ..text.office_holders import Holder, Office, OfficeHolders, load_office_holders
from .comparisons import article_dates

OFFICE_CLAIMS_FILE = DATA_DIR / "office_claims.yaml"
CLAIM_COLUMNS = [
    "article_id",
    "claim_id",
    "sentence_id",
    "start",
    "end",
    "text",
    "person",
    "title",
    "office_id",
    "office",
    "claim",
    "checked_on",
    "date_source",
    "verdict",
    "reason",
    "unknown_because",
    "true_from",
    "true_to",
    "conflicts_with",
    "sentence",
]
WINDOW_COLUMNS = [
    "article_id",
    "date",
    "date_source",
    "dateline",
    "n_claims",
    "n_true",
    "n_false",
    "n_unknown",
    "window_start",
    "window_end",
    "consistent",
    "n_conflicts",
]
# Columns `compute` adds for `finish`: the years the sentence names, and why a pair's office is unknown.
_PAIR_COLUMNS = [*CLAIM_COLUMNS, "years", "possessive", "others_named", "unresolved", "unresolved_because"]
_POSSESSIVE_AFTER_RE = re.compile(r"['’]s?(?!\w)")
UNKNOWN_BECAUSE = {  # why a pair is unknown: the `unknown_because` column, in a few words
    "qualified_title": "title qualified by another country or office",
    "several_offices": "person holds several offices of that title",
    "not_a_holder": "person not among the office's holders",
    "shared_title": "shared title, person not listed",
    "no_date": "no date for the article",
    "later_year": "sentence names a later year",
    "before_file": "before the file's first listed holder",
    "historical": "read as a past holder in their own time",
    "holder_named": "the article names the holder at its date: a recollection",
}
_DATELINE_COLUMNS = ["article_id", "dateline", "dateline_date"]
_QUALIFIER_TYPES = ("country", "nationality", "place", "organisation", "group")
_TOKEN_RE = re.compile(r"([A-Za-z][\w.&’']*(?:-[A-Za-z][\w.&’']*)*)(-?)\s*\Z")
_POSSESSIVE_RE = re.compile(r"['’]s?\Z")
OPEN = dt.date.max  # an open end, in window arithmetic


@dataclass(frozen=True)
class ClaimRules:
    """The words of `office_claims.yaml`, lower case."""

    former: frozenset[str]
    then: frozenset[str]
    other_office: frozenset[str]
    hypothetical: frozenset[str]
    openers: frozenset[str]
    not_qualifiers: frozenset[str]
    qualifier_joiners: frozenset[str]
    years: range  # the years a sentence may name
    historical_years: float  # a past holder named as in office this long after: a historical reference
    historical_possessive: bool  # a past holder's title in the possessive is a historical reference
    holder_named: bool  # a past holder named by the title beside the holder at the date: a recollection


@lru_cache(maxsize=2)
def load_claim_rules(path: str | Path | None = None) -> ClaimRules:
    """Read the claim rules (the packaged file by default), checked against their schema."""
    path = Path(path) if path else OFFICE_CLAIMS_FILE
    spec = load_yaml(path.read_text(encoding="utf-8"))
    check(spec, "office_claims", display_path(path))

    def words(key: str) -> frozenset[str]:
        return frozenset(term.casefold() for term in spec[key]["terms"])

    return ClaimRules(
        words("former"),
        words("then"),
        words("other_office"),
        words("hypothetical"),
        words("openers"),
        words("not_qualifiers"),
        words("qualifier_joiners"),
        range(spec["year_range"]["first"], spec["year_range"]["last"] + 1),
        spec["historical_reference"]["years"],
        spec["historical_reference"]["possessive"],
        spec["historical_reference"]["holder_named"],
    )


YEAR_RE = re.compile(r"(?<![\d.,])(\d{4})(?!\d|[.,]\d|['’]?s\b)")  # not 1,000,000, 2003.5 or the 1990s


def sentence_years(text: str, rules: ClaimRules) -> list[int]:
    """The years a text (a sentence up to a pair) names, in order, once each."""
    return list(dict.fromkeys(year for year in map(int, YEAR_RE.findall(text)) if year in rules.years))


@dataclass(frozen=True)
class Titles:
    """The offices' titles and aliases as one pattern, and the offices each names."""

    offices: dict[str, tuple[str, ...]]  # title in lower case -> office ids
    holders: dict[str, frozenset[str]]  # office id -> its holders' names and aliases, as name keys
    before_name: re.Pattern  # a title ending a text
    before_comma: re.Pattern  # a title and a comma ending a text
    at_start: re.Pattern  # a title opening a text


def titles_of(holders: OfficeHolders) -> Titles:
    """The titles of the file's offices."""
    offices: dict[str, list[str]] = {}
    for office in holders.offices.values():
        for title in dict.fromkeys(map(_spaced, (office.title, *office.aliases))):
            offices.setdefault(title, []).append(office.id)
    alternatives = "|".join(
        r"[\s-]+".join(map(re.escape, title.split())) for title in sorted(offices, key=len, reverse=True)
    )
    return Titles(
        {title: tuple(ids) for title, ids in offices.items()},
        holder_keys(holders),
        re.compile(rf"(?i)(?<![\w.])(?P<title>{alternatives})\s+\Z"),
        re.compile(rf"(?i)(?<![\w.])(?P<title>{alternatives}),\s+\Z"),
        re.compile(rf"(?i)(?<![\w.])(?P<title>{alternatives})(?!\w)"),
    )


def name_key(name: str) -> str:
    """A name compared case-, accent- and full-stop-insensitively ("Schröder" = "Schroder")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(plain.replace(".", " ").split()).casefold()


def holder_keys(holders: OfficeHolders) -> dict[str, frozenset[str]]:
    """Each office's holders' names and aliases, as name keys."""
    return {
        office.id: frozenset(name_key(name) for holder in office.holders for name in holder.names)
        for office in holders.offices.values()
    }


def matching_holders(office: Office, person: str) -> tuple[Holder, ...]:
    """The terms in `office` of holders called `person` (name or alias)."""
    key = name_key(person)
    return tuple(h for h in office.holders if key in {name_key(n) for n in h.names})


def other_holders_named(office: Office, person: str, named: set[str]) -> list[str]:
    """The holders of `office` other than `person` whose name or alias the article names (as
    name keys in `named`), in the order of their terms."""
    own = {h.name for h in matching_holders(office, person)}
    return list(
        dict.fromkeys(h.name for h in office.holders if h.name not in own and named & {name_key(n) for n in h.names})
    )


# --- finding pairs (per article) ---------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """A title and a person's name read together, with what the words around them claim."""

    start: int
    end: int
    title: str
    claim: str
    office_id: str
    unresolved: str  # why no office, when office_id is ""
    unresolved_because: str  # its key in UNKNOWN_BECAUSE
    person: str  # the entity's name (the name as written for an actor of the actors file)


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """`office_claims` (pairs, without their verdicts) and `office_windows` (each article's
    dateline); `finish` checks them at the articles' dates."""
    holders = load_office_holders(options.office_holders_file)
    rules = load_claim_rules()
    titles = titles_of(holders)
    ensure_entities(corpus.articles, load_actors(options.actors_file))
    pair_rows, dateline_rows = [], []
    for article in corpus.articles:
        dateline = find_dateline(article)
        dateline_rows.append(
            {
                "article_id": article.article_id,
                "dateline": dateline.text if dateline else "",
                "dateline_date": dateline.date.isoformat() if dateline and dateline.date else "",
            }
        )
        starts = [s.start for s in article.sentences]
        named = {name_key(n) for m in article.layers["entities"] for n in (m.key, m.text)}
        for claim_id, pair in enumerate(find_pairs(article, holders, titles, rules), start=1):
            sentence = article.sentences[bisect_right(starts, pair.start) - 1]
            office = holders.offices.get(pair.office_id)
            pair_rows.append(
                {
                    "article_id": article.article_id,
                    "claim_id": claim_id,
                    "sentence_id": sentence.sentence_id,
                    "start": pair.start,
                    "end": pair.end,
                    "text": article.clean_text[pair.start : pair.end],
                    "person": pair.person,
                    "title": pair.title,
                    "office_id": pair.office_id,
                    "office": office.title if office else "",
                    "claim": pair.claim,
                    "sentence": sentence.text,
                    "years": "; ".join(
                        map(str, sentence_years(article.clean_text[sentence.start : pair.start], rules))
                    ),
                    "possessive": bool(_POSSESSIVE_AFTER_RE.match(article.clean_text, pair.end)),
                    "others_named": "; ".join(other_holders_named(office, pair.person, named)) if office else "",
                    "unresolved": pair.unresolved,
                    "unresolved_because": pair.unresolved_because,
                }
            )
    return {
        "office_claims": pd.DataFrame(pair_rows, columns=_PAIR_COLUMNS),
        "office_windows": pd.DataFrame(dateline_rows, columns=_DATELINE_COLUMNS),
    }


def find_pairs(article, holders: OfficeHolders, titles: Titles, rules: ClaimRules) -> list[Pair]:
    """The title-and-name pairs of an article, in text order (one per person mention at most)."""
    mentions = article.layers["entities"]
    keys = {key for names in titles.holders.values() for key in names}
    pairs = []
    for sentence in article.sentences:
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        for mention in inside:
            if mention.type != "person" and name_key(mention.key) not in keys:
                continue
            found = _title_before(article, sentence, mention, inside, titles, rules) or _title_after(
                article, sentence, mention, inside, titles, rules
            )
            if found is not None:
                pairs.append(_resolved(found, mention, holders, titles))
    return pairs


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    title: str
    claim: str
    qualifiers: tuple[str | None, ...]  # a country or organisation, None for any other qualifier


def _title_before(article, sentence, mention, inside, titles: Titles, rules: ClaimRules) -> _Found | None:
    """'(modifiers) TITLE NAME' or '(the) TITLE, NAME,'."""
    text = article.clean_text
    prefix = text[sentence.start : mention.start]
    match = titles.before_name.search(prefix)
    between_commas = match is None
    if between_commas:
        match = titles.before_comma.search(prefix)
        if match is None or not re.match(r"\s*(?:[,;.)]|\Z)", text[mention.end : sentence.end]):
            return None
    title_start = sentence.start + match.start("title")
    scan = _scan_back(text, title_start, sentence.start, inside, rules)
    if scan is None:
        return None
    claim, qualifiers, stop_word, read_from = scan
    if stop_word in rules.hypothetical:
        return None  # "a President Trump would...": a possible holder, not one in office
    if between_commas and stop_word not in rules.openers and not qualifiers:
        return None
    return _Found(read_from, mention.end, match["title"], claim, qualifiers)


def _title_after(article, sentence, mention, inside, titles: Titles, rules: ClaimRules) -> _Found | None:
    """'NAME, (the) (modifiers) TITLE' not followed by a possessive."""
    text = article.clean_text
    comma = re.match(r",\s+", text[mention.end : sentence.end])
    if comma is None:
        return None
    opening = mention.end + comma.end()
    match = titles.at_start.search(text, opening, min(sentence.end, opening + 80))
    if match is None:
        return None
    scan = _scan_back(text, match.start(), opening, inside, rules)
    if scan is None:
        return None
    claim, qualifiers, _, read_from = scan
    if text[opening:read_from].strip().casefold() not in ("", *rules.openers):
        return None  # other words between the comma and the title
    rest = text[match.end() : sentence.end]
    if re.match(r"['’]s?(?!\w)", rest):
        return None  # "the prime minister's spokesman"
    if any(m.type == "person" and not text[match.end() : m.start].strip() for m in inside if m.start >= match.end()):
        return None  # "Clinton, President Barack Obama...": the title of the next name
    word_after = re.match(r"[-\s]+([\w-]+)", rest)
    if word_after and word_after[1].casefold() in rules.other_office:
        return None  # "prime minister-designate"
    joined = re.match(r"\s+(\w+)\s+", rest)
    if joined and joined[1].casefold() in rules.qualifier_joiners:
        where = match.end() + joined.end()
        entity = next((m for m in inside if m.start == where and m.type in _QUALIFIER_TYPES), None)
        qualifiers = (*qualifiers, entity.key if entity else None)
    return _Found(mention.start, match.end(), match["title"], claim, qualifiers)


def _scan_back(text: str, end: int, floor: int, inside, rules: ClaimRules):
    """Read the words before a title back from `end` to `floor`: (claim, qualifiers, the word
    the reading stopped at, where the words read begin), or None when a word makes the title
    another office."""
    claim, qualifiers, position = "holds", [], end
    while True:
        token = _TOKEN_RE.search(text, floor, position)
        if token is None:
            return claim, tuple(qualifiers), "", position
        word = token[1]
        bare = _POSSESSIVE_RE.sub("", word)
        folded = bare.casefold()
        if folded in rules.other_office:
            return None
        if folded in rules.former:
            claim = "held"
        elif folded in rules.then:
            claim = "held" if claim == "held" else "held_then"
        else:
            entity_end = token.start(1) + len(bare)
            entity = next((m for m in inside if m.end == entity_end and m.type in _QUALIFIER_TYPES), None)
            if entity is not None:
                qualifiers.append(entity.key)
                position = entity.start
                continue
            if (
                not (word[0].isupper() and text[floor : token.start()].strip())
                or folded in rules.openers | rules.not_qualifiers
            ):
                return claim, tuple(qualifiers), folded, position
            qualifiers.append(None)  # a capitalised word that names nothing the file knows
        position = token.start()


def _resolved(found: _Found, mention: EntityMention, holders: OfficeHolders, titles: Titles) -> Pair:
    """The pair with its office: the title's only office, or the one of the title's offices
    whose holders include the person; else unknown, with the reason."""
    candidates = titles.offices[_spaced(found.title)]
    if found.qualifiers:
        named = [q for q in found.qualifiers if q is not None]
        if len(named) < len(found.qualifiers) or len({name_key(q) for q in named}) > 1:
            return _pair(
                found, mention, "", "the title is qualified by words that name no office of the file", "qualified_title"
            )
        candidates = tuple(c for c in candidates if name_key(holders.offices[c].country) == name_key(named[0]))
        if not candidates:
            return _pair(
                found,
                mention,
                "",
                f"the title, qualified by {named[0]}, names no office of the file",
                "qualified_title",
            )
    keys = titles.holders
    names = {name_key(mention.key), name_key(mention.text)}
    held = [c for c in candidates if names & keys[c]]
    if len(held) == 1:
        return _pair(found, mention, held[0], keys=keys[held[0]])
    if len(held) > 1:
        return _pair(
            found,
            mention,
            "",
            f"{mention.key} is a holder of several offices called {found.title!r}",
            "several_offices",
        )
    if len(candidates) == 1:
        office = holders.offices[candidates[0]]
        return _pair(
            found, mention, "", f"{mention.key} is not among the file's holders of {office.title}", "not_a_holder"
        )
    return _pair(
        found,
        mention,
        "",
        f"the title {found.title!r} is shared by offices none of which lists {mention.key}",
        "shared_title",
    )


def _pair(
    found: _Found, mention: EntityMention, office_id: str, unresolved: str = "", because: str = "", keys=frozenset()
) -> Pair:
    """The pair, naming the person by the entity's key unless it is an actor's id or only the
    text as written matches a holder."""
    person = mention.key
    if mention.actor or (keys and name_key(mention.key) not in keys):
        person = mention.text
    return Pair(found.start, found.end, found.title, found.claim, office_id, unresolved, because, person)


def _spaced(title: str) -> str:
    """A title compared case- and hyphen-insensitively ("Secretary-General" = "secretary general")."""
    return " ".join(title.replace("-", " ").split()).casefold()


# --- verdicts (over the corpus) ----------------------------------------------------------------

Window = tuple[dt.date, dt.date]  # both days included; OPEN for an open end


def claim_windows(office: Office, holders: tuple[Holder, ...], claim: str) -> list[Window]:
    """The dates in which a claim about these terms in `office` is true, merged and in order:
    `holds` during a term, `held` from a term's end to the same person's next start (the
    handover day counting for both, as in the file), `held_then` from the first start on."""
    if not holders:
        return []
    if claim == "holds":
        windows = [(h.start, h.end or OPEN) for h in holders]
    elif claim == "held_then":
        windows = [(min(h.start for h in holders), OPEN)]
    else:
        windows = []
        for holder in holders:
            if holder.end is not None:
                later = [h.start for h in holders if h.start >= holder.end and h is not holder]
                windows.append((holder.end, min(later) if later else OPEN))
    return _merged(windows)


def _merged(windows: list[Window]) -> list[Window]:
    """Windows sorted, overlapping or adjacent ones joined."""
    merged: list[Window] = []
    for start, end in sorted(windows):
        if merged and (merged[-1][1] == OPEN or start <= merged[-1][1] + dt.timedelta(days=1)):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intersection(first: list[Window], second: list[Window]) -> list[Window]:
    """The dates in both window lists."""
    out = []
    for a_start, a_end in first:
        for b_start, b_end in second:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start <= end:
                out.append((start, end))
    return _merged(out)


def nearest(windows: list[Window], date: dt.date | None) -> Window | None:
    """The window containing `date`, else the one nearest it; the latest without a date."""
    if not windows:
        return None
    if date is None:
        return windows[-1]

    def distance(window: Window) -> int:
        start, end = window
        if start <= date <= end:
            return 0
        return (start - date).days if date < start else (date - end).days

    return min(windows, key=distance)


def finish(tables: dict[str, pd.DataFrame], options) -> dict[str, pd.DataFrame]:
    """`office_claims` with verdicts, windows and conflicts, and `office_windows` per article."""
    holders = load_office_holders(options.office_holders_file)
    rules = load_claim_rules()
    articles = tables["articles"]
    metadata_dates = article_dates(articles, options.date_column).dates
    datelines = {row["article_id"]: row for row in tables["office_windows"].to_dict("records")}
    by_article: dict[str, list[dict]] = {}
    for row in tables["office_claims"].to_dict("records"):  # one conversion, not one per article
        by_article.setdefault(row["article_id"], []).append(row)
    claim_rows, window_rows = [], []
    for article_id in articles["article_id"].astype(str):
        date, source = None, ""
        if article_id in metadata_dates.index:
            date, source = metadata_dates[article_id].date(), "metadata"
        elif article_id in datelines and datelines[article_id]["dateline_date"]:
            date, source = dt.date.fromisoformat(datelines[article_id]["dateline_date"]), "dateline"
        checked = [_verdict(row, date, source, holders, rules) for row in by_article.get(article_id, [])]
        claim_rows.extend(row for row, _ in checked)
        window_rows.append(_article_window(article_id, date, source, datelines, checked, holders))
    claims = pd.DataFrame(claim_rows, columns=CLAIM_COLUMNS)
    return {"office_claims": claims, "office_windows": pd.DataFrame(window_rows, columns=WINDOW_COLUMNS)}


def _verdict(row: dict, date: dt.date | None, source: str, holders: OfficeHolders, rules: ClaimRules):
    """The claim's row with its verdict, and its windows when it counts toward the article's
    window and conflicts (a `holds` or `held` claim read at the article's date), else None."""
    row = {
        **row,
        "date_source": source,
        "checked_on": "",
        "true_from": "",
        "true_to": "",
        "conflicts_with": "",
        "unknown_because": "",
    }
    office = holders.offices.get(row["office_id"]) if row["office_id"] else None
    terms = matching_holders(office, row["person"]) if office else ()
    if not terms:
        reason = row["unresolved"] or f"{row['person']} is not among the file's holders of {office.title}"
        because = UNKNOWN_BECAUSE[row["unresolved_because"] or "not_a_holder"]
        return {**row, "verdict": "unknown", "reason": reason, "unknown_because": because}, None
    windows = claim_windows(office, terms, row["claim"])
    years = [int(y) for y in str(row["years"] or "").split("; ") if y]
    dated_by_sentence = row["claim"] != "held"  # "former" speaks of the article's own time
    because = ""
    if date is None:
        verdict, checked_on, notes, window = "unknown", None, ["no date for the article"], nearest(windows, None)
        because = "no_date"
    elif dated_by_sentence and any(y > date.year for y in years):
        later = next(y for y in years if y > date.year)
        verdict, checked_on, window = "unknown", None, nearest(windows, date)
        notes = [f"{_SENTENCE_YEAR} a year ({later}) after the article's"]
        because = "later_year"
    elif dated_by_sentence and any(y < date.year for y in years):
        verdict, checked_on, notes, window = _year_verdict(
            office, windows, [y for y in years if y < date.year], holders
        )
    else:
        others = {name for name in str(row["others_named"] or "").split("; ") if name}
        verdict, checked_on, notes, window = _date_verdict(
            office, terms, windows, row["claim"], date, holders, rules, bool(row["possessive"]), others
        )
    row["checked_on"] = checked_on or ""
    if window is not None:
        row["true_from"] = window[0].isoformat()
        row["true_to"] = "" if window[1] == OPEN else window[1].isoformat()
    reason = "; ".join([_terms_text(terms, holders.as_of), *notes])
    if verdict == "unknown":
        historical = any(note.endswith(_HISTORICAL) for note in notes)
        recollection = any(note.endswith(_RECOLLECTION) for note in notes)
        because = because or ("historical" if historical else "holder_named" if recollection else "before_file")
        row["unknown_because"] = UNKNOWN_BECAUSE[because]
    at_article_date = not any(
        note.startswith(_SENTENCE_YEAR) or note.endswith((_HISTORICAL, _RECOLLECTION)) for note in notes
    )
    counts = row["claim"] in ("holds", "held") and at_article_date
    return {**row, "verdict": verdict, "reason": reason}, windows if counts else None


_HISTORICAL = "read as a reference to the holder's own time"
_RECOLLECTION = "read as a recollection of a predecessor"
_SENTENCE_YEAR = "the sentence names"


def _date_verdict(office, terms, windows, claim, date, holders, rules, possessive=False, others=frozenset()):
    """(verdict, date checked, notes, window) of a claim at the article's date (the file's
    `as_of` when the date is later)."""
    on = min(date, holders.as_of)
    notes = []
    if date > holders.as_of:
        notes.append(f"checked on {holders.as_of}, the file's as_of date, the article's date ({date}) being later")
    window = nearest(windows, on)
    if on < office.holders[0].start:
        notes.append(f"the file lists holders of this office from {office.holders[0].start} only")
        return "unknown", on.isoformat(), notes, window
    if any(start <= on <= end for start, end in windows):
        return "true", on.isoformat(), notes, window
    begun = [h for h in terms if h.start <= on]  # a term that starts after the date does not count
    last_end = max((h.end for h in begun), default=None) if all(h.end for h in begun) else None
    if claim == "holds" and last_end and possessive and rules.historical_possessive:
        notes.append(f"a past holder's title in the possessive (the term ended {last_end}): {_HISTORICAL}")
        return "unknown", on.isoformat(), notes, window
    if claim == "holds" and last_end and (on - last_end).days > rules.historical_years * 365.25:
        notes.append(f"the term ended more than {rules.historical_years:g} years before: {_HISTORICAL}")
        return "unknown", on.isoformat(), notes, window
    current = [h.name for h in office.holders if h.name in others and h.in_office(on)]
    if claim == "holds" and last_end and current and rules.holder_named:
        notes.append(f"the article also names {current[0]}, the holder on {on}: {_RECOLLECTION}")
        return "unknown", on.isoformat(), notes, window
    return "false", on.isoformat(), notes, window


def _year_verdict(office, windows, years, holders):
    """(verdict, year checked, notes, window) of a claim in a sentence naming earlier years:
    true if it holds on some day of one of them."""
    covered_from = office.holders[0].start
    spans = [(year, _year_window(year, holders.as_of)) for year in years]
    in_file = [(year, span) for year, span in spans if span[1] >= covered_from]
    hits = [(year, span) for year, span in in_file if intersection(windows, [span])]
    year, span = (hits or in_file or spans)[0]
    notes = [f"{_SENTENCE_YEAR} {year}, the year checked"]
    if not in_file:
        notes.append(f"the file lists holders of this office from {covered_from} only")
    verdict = "unknown" if not in_file else ("true" if hits else "false")
    return verdict, str(year), notes, nearest(windows, span[0])


def _year_window(year: int, as_of: dt.date) -> Window:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (min(start, as_of), min(end, as_of))


def _terms_text(terms: tuple[Holder, ...], as_of: dt.date) -> str:
    """'Olaf Scholz held the office from 2021-12-08 to 2025-05-06' (and its other terms)."""
    spans = " and ".join(
        f"from {h.start} to {h.end}" if h.end else f"from {h.start} to at least {as_of} (the file's as_of)"
        for h in terms
    )
    names = " / ".join(dict.fromkeys(h.name for h in terms))
    return f"{names} held the office {spans}"


def _article_window(article_id, date, source, datelines: dict[str, dict], checked, holders) -> dict:
    """The article's row of `office_windows` (`datelines`: the rows `compute` wrote, by
    article); fills each claim's `conflicts_with`."""
    checkable = [(row, windows) for row, windows in checked if windows is not None]
    for row, windows in checkable:
        row["conflicts_with"] = "; ".join(
            str(other["claim_id"])
            for other, others in checkable
            if other is not row and not intersection(windows, others)
        )
    together = None
    for _, windows in checkable:
        together = windows if together is None else intersection(together, windows)
    window = nearest(together, date) if together else None
    verdicts = [row["verdict"] for row, _ in checked]
    return {
        "article_id": article_id,
        "date": date.isoformat() if date else "",
        "date_source": source,
        "dateline": datelines[article_id]["dateline"] if article_id in datelines else "",
        "n_claims": len(checked),
        "n_true": verdicts.count("true"),
        "n_false": verdicts.count("false"),
        "n_unknown": verdicts.count("unknown"),
        "window_start": window[0].isoformat() if window else "",
        "window_end": "" if window is None or window[1] == OPEN else window[1].isoformat(),
        "consistent": "" if not checkable else bool(together),
        "n_conflicts": sum(bool(row["conflicts_with"]) for row, _ in checkable),
    }


READER_COLUMNS = ["article_id", "text", "verdict", "checked_on", "reason", "conflicts_with", "sentence"]
WINDOW_READER_COLUMNS = [
    "article_id",
    "date",
    "date_source",
    "n_claims",
    "n_false",
    "n_unknown",
    "window_start",
    "window_end",
    "consistent",
]


def claims_for_readers(claims: pd.DataFrame) -> pd.DataFrame:
    """The pairs to read first first: false ones, then those in conflict, then the rest, each in
    text order (without `conflicts_with` when no pair has a conflict)."""
    rank = (claims["verdict"] != "false").astype(int) * 2 + claims["conflicts_with"].fillna("").astype(str).eq("")
    ordered = claims.assign(rank=rank).sort_values(["rank", "article_id", "claim_id"], kind="stable")
    columns = [c for c in READER_COLUMNS if c != "conflicts_with" or ordered[c].fillna("").astype(str).ne("").any()]
    return ordered[columns].reset_index(drop=True)


def windows_for_readers(windows: pd.DataFrame) -> pd.DataFrame:
    """The articles to read first first: most false pairs, then in conflict, then most pairs."""
    conflict = windows["consistent"].astype(str).str.lower().eq("false")
    ordered = windows.assign(conflict=conflict).sort_values(
        ["n_false", "conflict", "n_claims", "article_id"], ascending=[False, False, False, True], kind="stable"
    )
    return ordered[WINDOW_READER_COLUMNS].reset_index(drop=True)
