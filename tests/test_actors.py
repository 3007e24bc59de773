from analysis.text.actors import load_actors


def test_longest_alias_wins_and_matching_is_whole_word():
    actors = load_actors()
    text = "Prime Minister Mark Carney met President Trump in the U.S. and told us so; Trumpet sounded."
    found = [(m.actor, m.alias) for m in actors.mentions(text)]
    assert found == [("carney", "Prime Minister Mark Carney"), ("trump", "President Trump"), ("united_states", "U.S.")]


def test_case_sensitive_short_aliases():
    actors = load_actors()
    assert [m.actor for m in actors.mentions("Tell us about the US")] == ["united_states"]


def test_obfuscated_names_come_from_the_actors_file():
    names = load_actors().obfuscated_names()
    assert names["trump"] == "Trump"
    assert names["nato"] == "NATO"


def test_own_actors_file(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "groups:\n  - name: test\n    source: test\n    actors:\n"
        "      - {id: acme, label: Acme, type: organisation, aliases: [Acme Corp, Acme]}\n"
    )
    actors = load_actors(path)
    assert [(m.actor, m.start, m.end) for m in actors.mentions("Acme Corp and Acme.")] == [
        ("acme", 0, 9),
        ("acme", 14, 18),
    ]


def test_no_alias_right_after_a_dot_and_any_whitespace_between_words():
    actors = load_actors()
    assert actors.mentions("Mail mark.Carney today.") == []
    found = actors.mentions("Prime Minister Mark\nCarney spoke.")
    assert [(m.actor, m.alias, m.end) for m in found] == [("carney", "Prime Minister Mark Carney", 26)]
