import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text.segment import split_sentences


def sentences(text):
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Senate met on Tuesday.",
        "Mr. Carney met Mrs. Smith and Dr. Jones.",
        "The deadline is Jan. 20 this year.",
        "Growth was 1.2 percent in the quarter.",
        "Troops from the U.K. and the U.S. arrived.",
    ],
)
def test_abbreviations_and_decimals_do_not_end_sentences(text):
    assert sentences(text) == [text]


def test_splits_ordinary_sentences_and_keeps_closing_quotes():
    text = 'Carney said: "Canada is not for sale." Trump left. Why? Nobody knows!'
    assert sentences(text) == ['Carney said: "Canada is not for sale."', "Trump left.", "Why?", "Nobody knows!"]


def test_sentence_ending_with_abbreviation():
    assert sentences("The deal hurt the U.S. The end.") == ["The deal hurt the U.S.", "The end."]


def test_offsets_cover_text_without_gaps():
    text = "  First one.   Second one!  Third without end"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one!", "Third without end"]
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")


def test_empty_and_punctuation_only_text():
    assert split_sentences("") == []
    assert split_sentences("   ") == []
    assert sentences("...") == ["..."]


def syntok_sentences(text):
    """The sentences plain syntok finds in a one-line text (its tokenizer on the whole text)."""
    from syntok import segmenter
    from syntok.tokenizer import Tokenizer

    tokens = Tokenizer(replace_not_contraction=False).tokenize(text)
    starts = [sentence[0].offset for sentence in segmenter.segment(tokens) if sentence]
    if not starts:
        return [text] if text.strip() else []
    starts[0] = len(text) - len(text.lstrip())
    bounds = starts + [len(text)]
    return [text[a:b].rstrip() for a, b in zip(bounds, bounds[1:]) if text[a:b].rstrip()]


SYNTOK_CASES = [
    "The U.S. Senate met on Tuesday. It voted (after a long debate in which Mr. Smith spoke. Twice.) to pass it.",
    'He said: "No." Then he left... The end? Yes! (Really.) [See note 3.] And so on; then more.',
    "Growth was 1.2 percent in Jan. 2005 and 3.4 in Feb. Officials (who asked not to be named) agreed.",
    "A. B. Smith met J. R. R. Tolkien's heirs in St. Louis at 3 p.m. on Friday. They talked.",
    "Prices rose 5% (from 1.1 to 1.2 (the highest) in years. Nobody knows why",
    "  leading and trailing spaces.   Two   spaces.  ",
    "Word-word, it's (a test) of e.g. Dr.Who and U.S.-led talks. No. 10 said so. no. 5 did not.",
    "(Bracketed opening sentence.) The next one. [Another bracket] with text. {Curly} end.",
]


@pytest.mark.parametrize("text", SYNTOK_CASES)
def test_the_shortened_token_stream_segments_as_syntok_does(text):
    assert sentences(text) == syntok_sentences(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The",
                "said",
                "U.S.",
                "Mr.",
                "1.2",
                "(",
                ")",
                "[",
                "]",
                ".",
                "!",
                "?",
                ";",
                "...",
                '"',
                "'",
                "no",
                "No.",
                "Jan.",
                "A.",
                "it's",
                "well-known",
                "x",
                "5",
                "Dr.Who",
                "—",
                ",",
                ":",
                " ",
                "  ",
                "end.",
                "\u200b",
                "\x1c",
                "\t",
                "\xa0",
            ]
        ),
        max_size=60,
    ).map(" ".join)
)
def test_any_one_line_text_segments_as_syntok_does(text):
    assert sentences(text) == syntok_sentences(text)
