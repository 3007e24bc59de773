"""The document model (words, quotes, word counts, offsets, span layers) and the term matcher."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text.document import Sentence, Span, annotate, build_article, quote_spans, sentence_spans
from analysis.text.match import (
    MatcherSet,
    TermMatcher,
    compile_terms,
    is_negated,
    read_word_runs,
    required_strings,
)


def matched(matcher: TermMatcher, text: str) -> list[str]:
    return [m.group(0) for m in matcher.finditer(text)]


def test_words_quotes_and_offsets_of_sentences():
    a = build_article("a", "a.txt", 'Tariffs rise\n\nCarney said "it is wrong." The U.S. can\'t agree.')
    headline, *body = a.sentences
    assert headline.part == "headline" and [headline.text[s:e] for s, e in headline.words] == ["Tariffs", "rise"]
    for s in a.sentences:
        assert a.clean_text[s.start : s.end] == s.text
    first = body[0]
    assert [first.text[s:e] for s, e in first.words] == ["Carney", "said", "it", "is", "wrong"]
    assert [first.text[s:e] for s, e in first.quotes] == ['"it is wrong."']
    assert [body[1].text[s:e] for s, e in body[1].words] == ["The", "U.S", "can't", "agree"]
    assert a.n_words == 9 and a.n_words_with_headline == 11


def test_quote_spans_of_a_sentence_that_starts_inside_a_quote():
    assert quote_spans('He said "you are wrong" and "more') == [(8, 23), (28, 33)]
    assert quote_spans('you are wrong," he said.') == [(0, 14)]
    assert quote_spans("no quotes") == []


def test_sentence_spans_index_the_whole_text():
    text = "One. Two here.\nThree."
    spans = sentence_spans(text, [(0, 14), (15, 21)])
    assert [text[s:e] for s, e in spans] == ["One.", "Two here.", "Three."]


def test_components_attach_the_layers_they_declare():
    class Capitals:
        name, assigns = "capitals", ("capital_words",)

        def __call__(self, article):
            return {
                "capital_words": [
                    Span(m.start(), m.end(), "CAP") for m in re.finditer(r"\b[A-Z]\w+", article.clean_text)
                ]
            }

    a = annotate(build_article("a", "a.txt", "Hello\n\nCarney met Trump."), Capitals())
    assert [a.clean_text[s.start : s.end] for s in a.layers["capital_words"]] == ["Hello", "Carney", "Trump"]

    class Wrong(Capitals):
        assigns = ("other",)

    with pytest.raises(ValueError):
        annotate(a, Wrong())


def test_whole_words_case_rule_and_prefixes():
    matcher = TermMatcher(["NATO", "tariff*", "climate", "climate change", "U.S."])
    assert matched(matcher, "nato NATO tariffs climate change tariff-related climatechange U.S. us") == [
        "NATO",
        "tariffs",
        "climate change",
        "tariff-related",
        "U.S.",
    ]
    assert matched(TermMatcher(["Carney"], ignore_case=False), "carney Carney") == ["Carney"]


def test_overlaps_longest_first_leftmost_wins_terms_before_patterns():
    matcher = TermMatcher(["prime minister", "minister", "prime"], [r"\bminister of \w+"])
    assert matched(matcher, "the prime minister of trade") == ["prime minister"]
    assert matched(matcher, "a minister of trade") == ["minister"]
    assert matched(TermMatcher(["trade"], [r"\w+ trade"]), "fair trade") == ["fair trade"]


def test_non_ascii_text_matches_as_the_alternation_does():
    matcher = TermMatcher(["istanbul", "sale*", "kg"])
    for text in ("İstanbul istanbul", "ſale sales", "5 \u212ag and kg", "Straße sale"):
        assert matched(matcher, text) == [m.group(0) for m in matcher.pattern.finditer(text)]


def test_negation_words_come_from_the_data_file():
    assert is_negated("they did not blame", len("they did not "))
    assert is_negated("they didn't blame", len("they didn't "))
    assert not is_negated("they did blame", len("they did "))
    assert not is_negated("not that, nor this, and then they blame", len("not that, nor this, and then they "))


def test_required_strings_of_raw_patterns():
    assert required_strings(r"\bcaused by\b") == {"caused by"}
    assert required_strings(r"\b(?:can|could)\s+help") == {"help"}
    assert required_strings(r"colou?r") == {"colour", "color"}
    assert required_strings(r"\bsubscribe (?:now|to)\b") == {"subscribe now", "subscribe to"}
    assert required_strings(r"\b\d{1,3}-year-old\b") == {"-year-old"}
    assert required_strings(r"[$€]\s?\d") == {"$", "€"}
    assert required_strings(r"a|[bc]") == {"a", "b", "c"}
    assert required_strings(r"a|[b-d]") is None
    assert required_strings(r"x(?=abc)") == {"x"}


def test_matcher_set_names_every_matcher_that_matches():
    matchers = {
        "trade": TermMatcher(["tariff*", "trade"]),
        "blame": TermMatcher([], [r"\bcaused by\b"]),
        "fold": TermMatcher(["#tag"]),
    }
    index = MatcherSet(matchers)
    assert index.possible("tariffs were caused by it") == {"trade", "blame", "fold"}
    assert index.possible("nothing here") == {"fold"}


WORDS = st.sampled_from(
    [
        "trade",
        "Trade",
        "tariffs",
        "tariff",
        "NATO",
        "nato",
        "climate",
        "change",
        "US",
        "U.S.",
        "İstanbul",
        "ſale",
        "sale",
        "not",
        "a",
        "-",
        ",",
        ".",
        "'s",
        "caused",
        "by",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12), st.sampled_from([" ", "  ", "\n", ""]))
def test_matcher_finds_what_the_alternation_finds(words, separator):
    text = separator.join(words)
    matcher = TermMatcher(
        ["trade", "tariff*", "NATO", "climate change", "climate", "U.S.", "istanbul", "sale*", "a a", "not a trade"],
        [r"\bcaused by\b", r"(?i:us)\b"],
    )
    expected = [m.span() for m in compile_terms(matcher.terms, matcher.patterns).finditer(text)]
    assert [m.span() for m in matcher.finditer(text)] == expected
    assert matcher.spans(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=12), st.sampled_from([" ", "  ", "\n", ""]))
def test_term_spans_name_the_term_the_alternation_chose(words, separator):
    text = separator.join(words)
    terms = ["trade", "Trade", "tariff*", "tariffs", "NATO", "climate change", "climate", "U.S.", "sale*", "a a"]
    matcher = TermMatcher(terms, [r"\bcaused by\b"])
    for start, end, term in matcher.term_spans(text):
        alternatives = [t for t in matcher.terms if compile_terms([t]).match(text, start)]
        assert term == (alternatives[0] if alternatives else None)
        assert (start, end) == compile_terms(matcher.terms, matcher.patterns).search(text, start).span()


def test_terms_of_plain_words_are_found_without_their_regex():
    matcher = TermMatcher(["a a", "prime minister", "NATO", "said"])
    assert matcher.term_spans("a a a, the Prime  Minister said; Nato and NATO") == [
        (0, 3, "a a"),
        (11, 26, "prime minister"),
        (27, 31, "said"),
        (42, 46, "NATO"),
    ]
    assert matcher._term_patterns == {}
    after_dot = TermMatcher(["Carney", "Mark Carney"], ignore_case=False, not_after=".")
    text = "mark.Carney x. Carney Mark Carney"
    assert after_dot.spans(text) == [m.span() for m in after_dot.pattern.finditer(text)] == [(15, 21), (22, 33)]


SET_TEXTS = st.sampled_from(
    [
        "Trade",
        "tariffs",
        "NATO",
        "nato",
        "climate",
        "change",
        "U.S.",
        "us",
        "İstanbul",
        "well-being",
        "o'clock",
        "isn't",
        "caused",
        "by",
        "a",
        "pre-tariff",
        "tariff's",
        ",",
        ".",
        "-",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(SET_TEXTS, max_size=12), st.sampled_from([" ", "  ", "\n", ", ", ""]))
def test_matchers_of_a_set_find_what_their_alternation_finds(words, separator):
    """A matcher in a `MatcherSet` reads the terms its runs open from the set's run index
    (after `possible`, with the text's word runs read once): its matches are the alternation's,
    and `possible` names every matcher that matches."""
    text = separator.join(words)
    matchers = {
        "trade": TermMatcher(["trade", "tariff*", "climate change", "a a", "not a trade", "well-being"]),
        "acronyms": TermMatcher(["NATO", "U.S.", "o'clock", "isn't"]),
        "blame": TermMatcher(["blame"], [r"\bcaused by\b", r"(?i:us)\b"]),
        "after_dot": TermMatcher(["Trade", "caused by"], ignore_case=False, not_after="."),
    }
    index = MatcherSet(matchers)
    words_of_text = read_word_runs(text)
    possible = index.possible(text, words_of_text)
    for name, matcher in matchers.items():
        expected = [m.span() for m in matcher.pattern.finditer(text)]
        assert matcher.spans(text, words_of_text) == expected
        assert [m.span() for m in matcher.finditer(text, words_of_text)] == expected
        assert [(s, e) for s, e, _ in matcher.term_spans(text, words_of_text)] == expected
        assert matcher.spans(text) == expected  # word runs read by the matcher itself
        assert not expected or name in possible


def test_a_sentence_keeps_its_word_runs_for_every_matcher():
    sentence = Sentence(0, 1, "body", 0, 23, "Tariffs hit U.S. trade.")
    assert sentence.word_runs is sentence.word_runs
    assert sentence.word_runs.run_set == {"tariffs", "hit", "u", "s", "trade"}
    assert Sentence(0, 1, "body", 0, 9, "İstanbul.").word_runs is None  # folds to ASCII: the alternation
