from collections import Counter

import pytest
import yaml

from analysis.schemas import SchemaError, check
from analysis.text.entity_reference import ENTITY_REFERENCE_FILE, load_entity_reference


def _packaged():
    return yaml.safe_load(ENTITY_REFERENCE_FILE.read_text(encoding="utf-8"))


def _countries(spec):
    return [entry for group in spec["countries"] for entry in group["entries"]]


def test_the_packaged_file_fits_its_schema():
    check(_packaged(), "entities", "analysis/data/entities.yaml")


def test_no_name_alias_or_demonym_belongs_to_two_countries():
    owners = {}
    for entry in _countries(_packaged()):
        for name in {entry["name"], *entry.get("aliases", ()), *entry.get("demonyms", ())}:
            owners.setdefault(name, []).append(entry["name"])
    assert {name: countries for name, countries in owners.items() if len(countries) > 1} == {}


def test_no_string_is_listed_twice():
    spec = _packaged()
    country_names = [
        name
        for entry in _countries(spec)
        for name in (entry["name"], *entry.get("aliases", ()), *entry.get("demonyms", ()))
    ]
    titles = [term for group in spec["person_titles"] for term in group["terms"]]
    repeated = [name for name, n in (Counter(country_names) + Counter(titles)).items() if n > 1]
    assert repeated == []


def test_every_un_member_state_is_listed_once():
    members = next(g for g in _packaged()["countries"] if g["name"] == "United Nations member states")
    names = [entry["name"] for entry in members["entries"]]
    assert len(names) == len(set(names)) == 193


def test_names_aliases_and_demonyms_lead_to_the_canonical_country():
    country_of = load_entity_reference().country_of
    assert country_of["United States"] == "United States"
    assert [country_of[n] for n in ("US", "U.S.", "America", "Americans")] == ["United States"] * 4
    assert [country_of[n] for n in ("UK", "Britain", "British", "Britons")] == ["United Kingdom"] * 4
    assert country_of["Canadian"] == "Canada"
    assert country_of["Swiss"] == "Switzerland"
    assert country_of["Scottish"] == "Scotland"
    for shared in ("Korea", "Congo", "Dominican", "Congolese", "European"):
        assert shared not in country_of


def test_titles_are_longest_first_and_case_sensitive():
    reference = load_entity_reference()
    titles = reference.person_titles
    assert titles.index("Prime Minister") < titles.index("Minister")
    assert titles.index("Foreign Secretary") < titles.index("Secretary")
    assert [len(t) for t in titles] == sorted((len(t) for t in titles), reverse=True)
    assert "Mr." in titles and "Mr" in titles and "mr" not in titles
    assert reference.organisation_prefixes == ("The", "the")


def _write(tmp_path, text):
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
countries:
  - name: test
    source: test
    entries:
      - {name: Canada, aliases: ALIASES, demonyms: [Canadian, Canadians]}
      - {name: France, demonyms: [French]}
person_titles: [{name: test, source: test, terms: [Mr, Prime Minister]}]
organisation_prefixes: [{name: test, source: test, terms: [The]}]
"""


def test_an_own_file_is_read(tmp_path):
    reference = load_entity_reference(_write(tmp_path, MINIMAL.replace("ALIASES", "[Dominion of Canada]")))
    assert reference.country_of == {
        "Canada": "Canada",
        "Dominion of Canada": "Canada",
        "Canadian": "Canada",
        "Canadians": "Canada",
        "France": "France",
        "French": "France",
    }
    assert reference.person_titles == ("Prime Minister", "Mr")


def test_a_wrong_type_is_a_one_line_error_naming_the_file_and_key(tmp_path):
    path = _write(tmp_path, MINIMAL.replace("ALIASES", "Dominion of Canada"))
    with pytest.raises(SchemaError) as error:
        load_entity_reference(path)
    message = str(error.value)
    assert "\n" not in message
    assert message == f"{path}: countries[0].entries[0].aliases: expected a list of strings, got 'Dominion of Canada'"


def test_an_unknown_key_is_named(tmp_path):
    path = _write(tmp_path, MINIMAL.replace("ALIASES", "[]").replace("organisation_prefixes", "organisation_prefix"))
    with pytest.raises(SchemaError, match=r"unknown key 'organisation_prefix'"):
        load_entity_reference(path)


def test_a_string_given_to_two_countries_is_an_error(tmp_path):
    path = _write(tmp_path, MINIMAL.replace("ALIASES", "[French]"))
    with pytest.raises(ValueError, match=r"'French' is given to two countries \(Canada, France\)"):
        load_entity_reference(path)
