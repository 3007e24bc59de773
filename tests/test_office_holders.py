import datetime as dt

import pytest
import yaml

from analysis.schemas import SchemaError
from analysis.text.office_holders import load_office_holders

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
    ],
)
def test_the_facts_the_case_study_needs_hold(office_id, date, holders):
    assert _names(office_id, date) == holders


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
