"""Tokens, paragraph quotations and text outside quotes of the document model; the term
matcher's `not_after` option."""

from analysis.text.document import Sentence, paragraph_quotations, tokenize, without_spans
from analysis.text.match import TermMatcher


def test_tokens_carry_their_kind():
    text = "Mr. Carney's U.S. plan isn't ''great'' — he said."
    tokens = tokenize(text, 0, len(text))
    assert [(t.text, t.kind) for t in tokens[:5]] == [
        ("Mr.", "abbreviation"),
        ("Carney", "word"),
        ("'s", "possessive"),
        ("U.S.", "abbreviation"),
        ("plan", "word"),
    ]
    assert [t.kind for t in tokens if t.text == "''"] == ["mark", "mark"]
    assert [t.text for t in tokens if t.kind == "punctuation"] == ["—", "."]
    assert tokens[1].low == "carney" and tokens[1].is_word and not tokens[2].is_word


def test_tokens_inside_quotations_are_marked():
    text = 'He said "we stay" today.'
    quotes = paragraph_quotations(text, 0, len(text))
    assert [t.text for t in tokenize(text, 0, len(text), quotes) if t.quoted] == ['"', "we", "stay", '"']


def test_paragraph_quotations_cross_sentences_and_read_curly_marks():
    text = '“We stay. We fight,” she said. Then "it goes on'
    quotes = paragraph_quotations(text, 0, len(text))
    assert [(text[q.start : q.end], q.closed) for q in quotes] == [
        ("“We stay. We fight,”", True),
        ('"it goes on', False),
    ]
    assert quotes[0].inner(text) == "We stay. We fight,"


def test_a_sentence_outside_its_quotes():
    sentence = Sentence(0, 1, "body", 0, 40, 'reportedly so." Then he said "maybe" no.')
    assert sentence.unquoted_text == ' " Then he said   no.'  # quote_spans leaves a closing mark that opens the text
    assert without_spans("abcdef", [(1, 2), (3, 5)]) == "a c f"
    assert Sentence(1, 1, "body", 0, 7, "No mark").unquoted_text == "No mark"


def test_terms_not_right_after_a_listed_character():
    plain, after_dot = (
        TermMatcher(["Carney"], ignore_case=False),
        TermMatcher(["Carney"], ignore_case=False, not_after="."),
    )
    text = "Write to mark.carney or ask Carney."
    assert [m.start() for m in plain.finditer("Write to mark.Carney or ask Carney.")] == [14, 28]
    assert [m.group(0) for m in plain.finditer(text)] == ["Carney"]  # case-sensitive: not "carney"
    assert [m.start() for m in after_dot.finditer(text)] == [28]
    assert [m.start() for m in after_dot.pattern.finditer(text)] == [28]
    assert after_dot.search(text).start() == 28 and after_dot.search("mark.Carney") is None
