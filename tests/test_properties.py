"""Property-based tests: the cleaner and the segmenter on arbitrary text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.text.document import build_article
from analysis.text.segment import split_sentences

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEBRIS = [
    "Related Posts",
    "Leave a Reply",
    "Your email address will not be published.",
    "TOPSHOT-CANADA-POLITICS-DIPLOMACY",
    "Watch a report: Something Else Happened.",
    "Port Deal Signed For Montreal - Container News",
    "# ",
    "**",
    "T.R.U.M.P",
    "Details in the comments 👇",
]
WORDS = [
    "allies",
    "tariffs",
    "the",
    "minister",
    "Greenland",
    "defence",
    "talks",
    "on",
    "Friday",
    "U.S.",
    "Mr.",
    "1.2",
    "percent",
    "é",
    "—",
    "'",
    "(",
    ")",
    ";",
]
SPEAKERS = ["Carney", "Mette Frederiksen", "Heather Conley", "Mr. Macron", "Ursula von der Leyen"]
VERBS = ["said", "declared", "told reporters", "warned", "added"]

any_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400)
messy_text = st.lists(
    st.one_of(any_text, st.sampled_from(DEBRIS + WORDS), st.just("\n"), st.just("\n\n")), max_size=40
).map("".join)


def check_spans(text, spans):
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""
        previous_end = end
    assert text[previous_end:].strip() == ""


@FAST
@given(any_text)
def test_segmenter_spans_cover_arbitrary_text_in_order(text):
    check_spans(text, split_sentences(text))


@FAST
@given(messy_text)
def test_cleaner_never_crashes_and_offsets_index_the_clean_text(raw):
    article = build_article("x", "x.txt", raw)
    for sentence in article.sentences:
        assert article.clean_text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
    for paragraph in article.paragraphs:
        assert 0 <= paragraph.start < paragraph.end <= len(article.clean_text)
    assert article.raw_text == raw


sentence_words = st.lists(
    st.sampled_from(
        ["allies", "tariffs", "minister", "defence", "talks", "Greenland", "sovereignty", "trade", "Arctic"]
    ),
    min_size=3,
    max_size=12,
)


@FAST
@given(
    before=st.lists(st.sampled_from(DEBRIS[:6]), max_size=3),
    after=st.lists(st.sampled_from(DEBRIS[:6]), max_size=3),
    quote=sentence_words,
    speaker=st.sampled_from(SPEAKERS),
    verb=st.sampled_from(VERBS),
    filler=sentence_words,
)
def test_quote_sentences_with_named_speakers_survive_cleaning(before, after, quote, speaker, verb, filler):
    quoted = f"\u201c{' '.join(quote).capitalize()} matters,\u201d {speaker} {verb}."
    body = f"{' '.join(filler).capitalize()} were discussed on Monday. {quoted}"
    raw = "Headline Of The Story\n\n" + "\n".join(before + [body] + after) + "\n"
    article = build_article("x", "x.txt", raw)
    expected = quoted.replace("\u201c", '"').replace("\u201d", '"')
    assert expected in [s.text for s in article.sentences]


attribution_text = st.lists(
    st.one_of(
        any_text,
        st.sampled_from(
            [
                '"',
                "\u201c",
                "\u201d",
                "'",
                ":",
                " said ",
                " according to ",
                " told CBC ",
                "Carney",
                "He",
                " a senior official ",
                "\n\n",
                ". ",
                "polls show",
                "reportedly",
            ]
        ),
    ),
    max_size=40,
).map("".join)


@FAST
@given(attribution_text)
def test_attribution_extractor_never_crashes_and_offsets_index_the_clean_text(raw):
    from analysis.measures.attribution import SOURCE_CLASSES, extract_article

    article = build_article("x", "x.txt", raw)
    sentence_ids = {s.sentence_id for s in article.sentences}
    for found in extract_article(article):
        assert 0 <= found.start <= found.end <= len(article.clean_text)
        assert found.sentence_id in sentence_ids
        if found.speaker_end > found.speaker_start:
            assert article.clean_text[found.speaker_start : found.speaker_end] == found.speaker
        assert found.source_class in SOURCE_CLASSES
