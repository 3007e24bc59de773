import pytest

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
