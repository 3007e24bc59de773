import csv
import datetime as dt

import pytest
import yaml

from analysis.paths import DATA_DIR
from analysis.schemas import SchemaError
from analysis.text.office_holders import load_office_holders

CHECKS_FILE = DATA_DIR / "office_holders_checks.csv"

D = dt.date


def _names(office_id, date):
    return {holder.name for holder in load_office_holders().holders_at(office_id, date)}


def _write(tmp_path, spec):
    path = tmp_path / "office_holders.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _spec(holders, **office):
    return {
        "as_of": "2025-06-30",
        "source": "test",
        "offices": [{"id": "pm", "title": "Prime Minister", "country": "Testland", "holders": holders, **office}],
    }


def _term(name, start, end):
    return {"name": name, "start": start, "end": end, "source": "https://example.org/"}


@pytest.mark.parametrize(
    ("office_id", "date", "holders"),
    [
        ("ca_prime_minister", D(2025, 6, 1), {"Mark Carney"}),
        ("ca_prime_minister", D(2025, 3, 1), {"Justin Trudeau"}),
        ("de_chancellor", D(2025, 1, 8), {"Olaf Scholz"}),
        ("de_chancellor", D(2026, 1, 8), {"Friedrich Merz"}),
        ("us_president", D(2018, 1, 1), {"Donald Trump"}),
        ("us_president", D(2022, 1, 1), {"Joe Biden"}),
        ("us_president", D(2026, 1, 8), {"Donald Trump"}),
        ("nato_secretary_general", D(2024, 9, 30), {"Jens Stoltenberg"}),
        ("nato_secretary_general", D(2024, 10, 1), {"Jens Stoltenberg", "Mark Rutte"}),
        ("nato_secretary_general", D(2024, 10, 2), {"Mark Rutte"}),
        ("nato_secretary_general", D(2015, 1, 1), {"Jens Stoltenberg"}),
        ("dk_prime_minister", D(2019, 6, 28), {"Mette Frederiksen"}),
        ("fr_president", D(2017, 5, 15), {"Emmanuel Macron"}),
        ("fr_president", D(2017, 5, 13), {"François Hollande"}),
        ("uk_prime_minister", D(2024, 7, 6), {"Keir Starmer"}),
        ("uk_prime_minister", D(2005, 3, 1), {"Tony Blair"}),
        ("uk_monarch", D(2022, 9, 9), {"Charles III"}),
        ("uk_monarch", D(2022, 9, 7), {"Elizabeth II"}),
        ("us_president", D(2005, 3, 1), {"George W. Bush"}),
        ("uk_foreign_secretary", D(2005, 3, 1), {"Jack Straw"}),
        ("uk_chancellor_of_the_exchequer", D(2005, 3, 1), {"Gordon Brown"}),
        ("eu_commission_president", D(2005, 3, 1), {"José Manuel Barroso"}),
        ("un_secretary_general", D(2005, 3, 1), {"Kofi Annan"}),
        ("us_secretary_of_state", D(2017, 1, 25), set()),
        ("us_president", D(1990, 6, 1), {"George H. W. Bush"}),
        ("us_president", D(1993, 1, 20), {"George H. W. Bush", "Bill Clinton"}),
    ],
)
def test_the_facts_the_case_study_needs_hold(office_id, date, holders):
    assert _names(office_id, date) == holders


@pytest.mark.parametrize(
    ("office_id", "date", "holders"),
    [
        # Days the sources checked in office_holders_checks.csv put on the other side of a term
        # boundary than the file first did.
        ("nato_secretary_general", D(2004, 1, 2), set()),
        ("nato_secretary_general", D(2004, 1, 5), {"Jaap de Hoop Scheffer"}),
        ("uk_foreign_secretary", D(2007, 6, 27), {"Margaret Beckett"}),
        ("uk_foreign_secretary", D(2007, 6, 28), {"David Miliband"}),
        ("ar_president", D(2015, 12, 10), {"Mauricio Macri"}),
        ("us_secretary_of_the_treasury", D(2006, 6, 29), {"John W. Snow"}),
        ("us_secretary_of_the_treasury", D(2006, 6, 30), set()),
        ("eu_commission_president", D(2004, 11, 21), {"Romano Prodi"}),
        ("eu_commission_president", D(2004, 11, 22), {"José Manuel Barroso"}),
    ],
)
def test_corrected_term_boundaries(office_id, date, holders):
    assert _names(office_id, date) == holders


@pytest.mark.parametrize(
    ("name", "date", "office_id"),
    [
        ("Bush", D(1990, 6, 1), "us_president"),
        ("George Bush", D(2004, 6, 1), "us_president"),
        ("Schroeder", D(2003, 1, 1), "de_chancellor"),
        ("Schroder", D(2003, 1, 1), "de_chancellor"),
        ("Erdogan", D(2010, 1, 1), "tr_prime_minister"),
        ("Chretien", D(2000, 1, 1), "ca_prime_minister"),
        ("Lula", D(2005, 1, 1), "br_president"),
        ("Lokke Rasmussen", D(2010, 1, 1), "dk_prime_minister"),
        ("Kohler", D(2005, 1, 1), "de_president"),
    ],
)
def test_names_are_found_without_accents_and_for_both_presidents_bush(name, date, office_id):
    assert [office.id for office in load_office_holders().offices_of(name, date)] == [office_id]


def test_george_h_w_bush_is_no_president_in_2004():
    reference = load_office_holders()
    assert reference.offices_of("George H. W. Bush", D(2004, 6, 1)) == ()
    assert [holder.name for holder in reference.holders_at("us_president", D(2004, 6, 1))] == ["George W. Bush"]


def test_a_bare_surname_alias_is_given_to_every_holder_of_the_office_with_that_surname():
    for office in load_office_holders().offices.values():
        for holder in office.holders:
            for alias in (alias for alias in holder.aliases if len(alias.split()) == 1):
                namesakes = [other for other in office.holders if other.name.split()[-1].casefold() == alias.casefold()]
                for other in namesakes:
                    assert alias.casefold() in {name.casefold() for name in other.names}, (office.id, alias, other.name)


def test_the_checks_table_has_one_row_for_each_term_with_its_dates():
    with CHECKS_FILE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == ["office_id", "name", "start", "end", "status", "checked_source", "note"]
    terms = [
        (office.id, holder.name, holder.start.isoformat(), holder.end.isoformat() if holder.end else "")
        for office in load_office_holders().offices.values()
        for holder in office.holders
    ]
    assert sorted((row["office_id"], row["name"], row["start"], row["end"]) for row in rows) == sorted(terms)
    assert {row["status"] for row in rows} <= {"confirmed", "corrected", "unconfirmed"}
    for row in rows:
        if row["status"] != "unconfirmed":
            assert row["checked_source"].startswith(("https://", "http://")), row
        if row["status"] == "corrected":
            assert "->" in row["note"], row


def test_offices_of_finds_a_person_by_alias_only_while_in_office():
    reference = load_office_holders()
    assert [office.id for office in reference.offices_of("trump", D(2018, 1, 1))] == ["us_president"]
    assert reference.offices_of("Donald J. Trump", D(2022, 1, 1)) == ()
    assert [office.id for office in reference.offices_of("Scholz", D(2025, 1, 8))] == ["de_chancellor"]
    assert reference.offices_of("Olaf Scholz", D(2026, 1, 8)) == ()


def test_every_holder_has_a_source_and_the_file_states_its_as_of_date():
    reference = load_office_holders()
    assert reference.as_of == D(2025, 6, 30) and "as_of" in reference.source
    holders = [holder for office in reference.offices.values() for holder in office.holders]
    assert holders and all(holder.source.startswith("https://") for holder in holders)
    assert all(holder.start <= reference.as_of for holder in holders)
    assert all(holder.end is None or holder.end <= reference.as_of for holder in holders)


def test_a_schema_error_is_one_line_naming_the_file_and_key(tmp_path):
    spec = _spec([{**_term("A", "2020-01-01", None), "aliases": "A."}])
    with pytest.raises(SchemaError) as error:
        load_office_holders(_write(tmp_path, spec))
    message = str(error.value)
    assert "\n" not in message
    assert message.endswith("office_holders.yaml: offices[0].holders[0].aliases: expected a list of strings, got 'A.'")


def test_a_missing_source_is_rejected(tmp_path):
    term = _term("A", "2020-01-01", None)
    del term["source"]
    with pytest.raises(SchemaError, match=r"holders\[0\]\.source: missing \(expected a URL"):
        load_office_holders(_write(tmp_path, _spec([term])))


def test_overlapping_terms_are_rejected_unless_the_office_has_concurrent_holders(tmp_path):
    terms = [_term("A", "2020-01-01", "2022-01-01"), _term("B", "2021-06-01", None)]
    with pytest.raises(ValueError, match=r"offices\[0\] \(pm\): the terms of A .* and B .* overlap"):
        load_office_holders(_write(tmp_path, _spec(terms)))
    shared = load_office_holders(_write(tmp_path, _spec(terms, concurrent_holders=True)))
    assert {holder.name for holder in shared.holders_at("pm", D(2021, 7, 1))} == {"A", "B"}


def test_an_incumbent_followed_by_another_term_is_an_overlap(tmp_path):
    terms = [_term("A", "2020-01-01", None), _term("B", "2021-06-01", None)]
    with pytest.raises(ValueError, match="overlap"):
        load_office_holders(_write(tmp_path, _spec(terms)))


def test_an_end_before_the_start_is_rejected(tmp_path):
    with pytest.raises(ValueError, match=r"holders\[0\] \(A\): ends \(2019-01-01\) before it starts \(2020-01-01\)"):
        load_office_holders(_write(tmp_path, _spec([_term("A", "2020-01-01", "2019-01-01")])))


def test_a_term_past_the_as_of_date_is_rejected(tmp_path):
    with pytest.raises(ValueError, match=r"the term of A \(from 2020-01-01\) goes past as_of \(2025-06-30\)"):
        load_office_holders(_write(tmp_path, _spec([_term("A", "2020-01-01", "2025-07-01")])))


def test_an_impossible_date_is_rejected(tmp_path):
    with pytest.raises(ValueError, match=r"holders\[0\] \(A\)\.start: '2021-02-30' is not a date"):
        load_office_holders(_write(tmp_path, _spec([_term("A", "2021-02-30", None)])))


def test_an_office_id_given_twice_is_rejected(tmp_path):
    spec = _spec([_term("A", "2020-01-01", None)])
    spec["offices"].append(dict(spec["offices"][0]))
    with pytest.raises(ValueError, match=r"offices\[1\] \(pm\): the id 'pm' is given to two offices"):
        load_office_holders(_write(tmp_path, spec))


def test_unquoted_yaml_dates_are_read(tmp_path):
    path = tmp_path / "office_holders.yaml"
    text = yaml.safe_dump(_spec([_term("A", "2020-01-01", None)]), sort_keys=False).replace("'", "")
    path.write_text(text, encoding="utf-8")
    assert load_office_holders(path).holders_at("pm", D(2020, 1, 1))[0].start == D(2020, 1, 1)
