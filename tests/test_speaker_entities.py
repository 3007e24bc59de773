"""Speakers are entities: each attribution's speaker linked to the article's entity, pronouns
resolved to entities or classed unresolved."""

from collections import Counter

import pytest

from analysis.measures.attribution import (
    ATTRIBUTION_COLUMNS,
    SOURCE_CLASSES,
    attribution_table,
    extract,
    extract_article,
    load_lexicon,
    sourcing_table,
    text_entities,
)
from analysis.text.actors import load_actors
from analysis.text.document import build_article, sentence_spans
from analysis.text.entities import EntityMention
from analysis.validation import attribution as validation


def attributions(text: str, actors=None):
    """Attributions of a plain text (blank-line paragraphs), its speakers linked to its entities."""
    paragraphs, pos = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((pos, pos + len(block)))
        pos += len(block) + 2
    sentences = [(i, s, e) for i, (s, e) in enumerate(sentence_spans(text, paragraphs))]
    entities = text_entities([(text, paragraphs, sentences)], actors)[0]
    return extract(text, paragraphs, sentences, actors=actors, entities=entities)


def test_a_name_and_the_pronoun_after_it_are_one_entity():
    rows = attributions("Tony Blair said the war was right. He added that Mr Blair would not resign.")
    assert [(r.speaker, r.speaker_entity, r.speaker_canonical, r.source_class) for r in rows] == [
        ("Tony Blair", "Tony Blair", "Tony Blair", "named"),
        ("He", "Tony Blair", "Tony Blair", "named"),
    ]


def test_a_surname_joins_the_full_name_met_before():
    rows = attributions("Gordon Brown said taxes would rise. Later, Brown said they would not.")
    assert [r.speaker_entity for r in rows] == ["Gordon Brown", "Gordon Brown"]


def test_the_person_at_the_head_of_the_phrase_is_the_speaker():
    row = attributions("Clinton campaign manager Robby Mook said the race was close.")[0]
    assert (row.speaker_entity, row.speaker_canonical) == ("Robby Mook", "Robby Mook")


def test_the_subject_of_what_an_earlier_source_reports_can_be_the_antecedent():
    text = "According to officials, Gordon Brown left the talks early. He said they had failed."
    assert attributions(text)[-1].speaker_entity == "Gordon Brown"


def test_a_name_the_model_split_links_to_no_entity_and_keeps_its_name():
    text = "European Commission President Ursula von der Leyen said the stakes were high."
    split = [
        EntityMention(0, 19, "European Commission", "organisation", "European Commission"),
        EntityMention(30, 44, "Ursula von der", "person", "Ursula von der"),
        EntityMention(45, 50, "Leyen", "place", "Leyen"),
    ]
    row = extract(text, [(0, len(text))], [(0, 0, len(text))], entities=split)[0]
    assert (row.speaker_entity, row.speaker_canonical) == ("", "Ursula von der Leyen")
    whole = [split[0], EntityMention(30, 50, "Ursula von der Leyen", "person", "Ursula von der Leyen")]
    row = extract(text, [(0, len(text))], [(0, 0, len(text))], entities=whole)[0]
    assert row.speaker_entity == "Ursula von der Leyen"


def test_a_pronoun_resolves_to_a_person_mentioned_but_not_quoted():
    rows = attributions("Gordon Brown met union leaders on Monday. He said the talks had gone well.")
    assert (rows[-1].speaker, rows[-1].speaker_entity, rows[-1].source_class) == ("He", "Gordon Brown", "named")


def test_a_pronoun_prefers_the_first_person_of_the_nearest_sentence():
    text = "Liam Fox opened with a speech criticising Tony Blair's record. He said the government had failed."
    assert attributions(text)[-1].speaker_entity == "Liam Fox"


def test_a_person_in_what_an_earlier_speaker_reports_is_not_the_antecedent():
    rows = attributions('Donald Trump said the deal was a gift to Barack Obama. "Will you pledge?" he asked.')
    assert [r.speaker_entity for r in rows] == ["Donald Trump", "Donald Trump"]


def test_the_writers_pronouns_do_not_resolve_to_a_person_mentioned():
    row = attributions("Gordon Brown met union leaders on Monday. I said the talks were a sham.")[-1]
    assert (row.speaker, row.speaker_entity, row.source_class) == ("I", "", "unresolved")


@pytest.mark.parametrize("pronoun", ["He", "She", "They", "It"])
def test_a_pronoun_with_nothing_before_it_is_unresolved(pronoun):
    row = attributions(f"{pronoun} said the plan had failed.")[0]
    assert (row.speaker_entity, row.speaker_canonical, row.source_class) == ("", "", "unresolved")
    assert row.unverifiable


def test_a_pronoun_of_the_wrong_gender_is_not_resolved():
    row = attributions("Tony Blair arrived late. She said the vote was lost.")[-1]
    assert (row.speaker_entity, row.source_class) == ("", "unresolved")


def test_a_title_only_speaker_is_named_by_its_title_and_linked_to_no_entity():
    rows = attributions("The Prime Minister said the plan had failed. He added that talks would go on.")
    assert [(r.speaker_entity, r.speaker_canonical, r.source_class) for r in rows] == [
        ("", "Prime Minister", "named"),
        ("", "Prime Minister", "named"),  # the pronoun resolves to the speaker before it
    ]


def test_an_actors_file_id_flows_through_the_entity_keys(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "groups:\n  - name: People\n    source: a test\n    actors:\n"
        "      - {id: blair, label: Tony Blair, type: person, aliases: [Tony Blair, Blair]}\n",
        encoding="utf-8",
    )
    rows = attributions("Tony Blair said the war was right. He added that Blair would stay.", load_actors(path))
    assert [(r.speaker_entity, r.speaker_canonical, r.source_type) for r in rows] == [
        ("blair", "blair", "official/politician"),
        ("blair", "blair", "official/politician"),
    ]


def test_extract_article_makes_the_entity_layer_and_the_tables_count_unresolved():
    article = build_article("a", "a.txt", "He said the plan had failed.\n\nAngela Merkel said it had not.")
    assert "entities" not in article.layers
    rows = extract_article(article)
    assert "entities" in article.layers
    assert [(r.source_class, r.speaker_entity) for r in rows] == [("unresolved", ""), ("named", "Angela Merkel")]
    table = attribution_table([article], load_lexicon(), load_actors())
    assert list(table.columns) == ATTRIBUTION_COLUMNS and "speaker_entity" in table
    sourcing = sourcing_table([article], table, load_lexicon()).iloc[0]
    assert (sourcing["n_named"], sourcing["n_unresolved"], sourcing["share_unresolved"]) == (1, 1, 0.5)
    assert sum(sourcing[f"share_{c}"] for c in SOURCE_CLASSES) == pytest.approx(1)


def test_class_changes_compare_the_recorded_counts_with_the_new_ones():
    before = validation.classes_before()
    assert set(before) >= {"PolNeAR dev"} and all(set(c) == set(SOURCE_CLASSES) for c in before.values())
    rows = validation.class_changes(
        "d", {"named": 3, "anonymous": 1, "vague": 0, "unresolved": 0}, Counter(named=2, unresolved=2)
    )
    by_class = {r["source_class"]: r for r in rows}
    assert [r["source_class"] for r in rows] == list(SOURCE_CLASSES)
    assert (by_class["named"]["share_before"], by_class["named"]["share_after"]) == (0.75, 0.5)
    assert (by_class["unresolved"]["n_before"], by_class["unresolved"]["n_after"]) == (0, 2)


def test_recorded_counts_with_a_wrong_type_name_the_file_and_key(tmp_path):
    path = tmp_path / "before.yaml"
    path.write_text(
        "commit: abcdef0\ndatasets:\n  X:\n    source: s\n"
        "    counts: {named: many, anonymous: 0, vague: 0, unresolved: 0}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"before\.yaml: datasets\.X\.counts\.named: expected a whole number"):
        validation.classes_before(path)
