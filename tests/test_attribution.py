import math
import os
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import SEEDS_ACTORS, SEEDS_OPTIONS

from analysis.measures.attribution import (
    SOURCE_CLASSES,
    extract,
    extract_article,
    inflections,
    load_lexicon,
    quoted_words_table,
    sourcing_table,
    tables,
    text_entities,
)
from analysis.measures.attribution.lexicon import DEFAULT_LEXICON_FILE
from analysis.text.actors import load_actors
from analysis.text.document import build_article, paragraph_quotations, sentence_spans
from analysis.validation import attribution as validation
from analysis.validation.metrics import precision_recall_f1_counts


def attributions(text: str):
    """Attributions of a plain text: paragraphs are blank-line separated, as in clean text."""
    paragraphs, pos = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((pos, pos + len(block)))
        pos += len(block) + 2
    sentences = [(i, s, e) for i, (s, e) in enumerate(sentence_spans(text, paragraphs))]
    actors = load_actors(SEEDS_ACTORS)  # names of the case study
    entities = text_entities([(text, paragraphs, sentences)], actors)[0]
    return extract(text, paragraphs, sentences, actors=actors, entities=entities)


def only(text: str):
    rows = [r for r in attributions(text) if not r.inherited]
    assert len(rows) == 1, rows
    return rows[0]


# ----------------------------------------------------------------------------- constructions


@pytest.mark.parametrize("text", ['"We will not sell," Carney said.', "“We will not sell,” Carney said."])
def test_direct_quote_straight_and_curly(text):
    row = only(text)
    assert (row.speaker, row.speaker_canonical, row.quote_type) == ("Carney", "carney", "direct")
    assert row.quote == "We will not sell,"
    assert row.quoted_words == 4
    assert text[row.speaker_start : row.speaker_end] == "Carney"


def test_inverted_speaker_after_the_quote():
    row = only('"It was a flip of the script," said a senior EU diplomat on condition of anonymity.')
    assert row.speaker.startswith("a senior EU diplomat")
    assert row.source_class == "anonymous"
    assert row.quote_type == "direct"


def test_quote_over_several_sentences_before_and_after_the_cue():
    row = only('Trump told reporters: "We protect. We pay. We get nothing back."')
    assert row.quote == "We protect. We pay. We get nothing back."
    rows = attributions('"This isn\'t aggression," a Canadian diplomat confided. "Trump\'s bluster risks it all."')
    assert [r.inherited for r in rows] == [False, True]
    assert rows[1].speaker == "a Canadian diplomat" and rows[1].quote == "Trump's bluster risks it all."


def test_multi_paragraph_quote_keeps_its_speaker():
    text = '"The first paragraph of a long statement goes on,\n\n"and the second one ends it," Carney said.'
    rows = attributions(text)
    assert [(r.speaker, r.inherited) for r in rows] == [("Carney", True), ("Carney", False)]
    assert rows[0].quote.startswith("The first paragraph") and rows[0].sentence_id == 0


def test_quote_paragraph_without_speaker_continues_the_previous_speaker():
    text = (
        '"Mr. President," Carney began. "Sovereignty is not a commodity."\n\n'
        '"If your concern is burden-sharing, the ledger is open."\n\n'
        "The room fell silent."
    )
    rows = attributions(text)
    assert [r.speaker_canonical for r in rows] == ["carney"] * 3
    assert rows[-1].inherited and rows[-1].quote.startswith("If your concern")


def test_unbalanced_quote_mark_is_closed_before_the_attribution():
    row = only('"Sovereignty is non-negotiable, Carney said in Paris.')
    assert row.speaker == "Carney"
    assert row.quote == "Sovereignty is non-negotiable,"
    assert paragraph_quotations('"Open and never closed', 0, 22)[0].closed is False


def test_indirect_speech_and_mixed_quotes():
    row = only("Trump said the deal was over.")
    assert (row.quote_type, row.quote) == ("indirect", "the deal was over")
    row = only('He added that Canada\'s "full partnership stands" with Denmark.')
    assert row.quote_type == "mixed" and row.quoted_words == 3


def test_according_to():
    row = only("Carney is sending troops to Greenland, according to CBC News.")
    assert (row.speaker, row.quote_type, row.source_class, row.source_type) == (
        "CBC News",
        "according_to",
        "named",
        "media",
    )
    assert row.quote == "Carney is sending troops to Greenland"
    row = only("According to officials familiar with the discussions, the catalyst was strain.")
    assert row.source_class == "anonymous"


def test_colon_attribution_without_a_reporting_verb():
    row = only(
        "During a press conference in Beijing, Carney made Canada's position crystal clear: "
        '"The future of Greenland is a decision for Greenland."'
    )
    assert (row.speaker_canonical, row.quote_type) == ("carney", "colon")
    assert row.cue.endswith("clear:")


def test_told_outlet():
    row = only("Two senior Canadian officials told CBC that soldiers could be deployed.")
    assert (row.speaker, row.cue, row.source_class, row.source_type) == (
        "Two senior Canadian officials",
        "told",
        "anonymous",
        "official/politician",
    )


def test_platform_post_with_pronoun_resolved_to_the_last_compatible_person():
    text = (
        'Frederiksen expressed gratitude: "Denmark stands firm with its allies."\n\n'
        'Trump, briefed in the morning, was furious. "Greenland is OURS for the taking!" he posted on Truth Social.'
    )
    rows = attributions(text)
    post = rows[-1]
    assert (post.speaker, post.speaker_canonical, post.quote_type, post.source_type) == (
        "he",
        "trump",
        "platform",
        "social_media",
    )


def test_she_does_not_resolve_to_a_man():
    rows = attributions(
        "Mette Frederiksen spoke first. Then Donald Trump arrived. She said the island was not for sale."
    )
    assert rows[-1].speaker_canonical == "frederiksen"


def test_aliases_and_titles_resolve_to_one_actor():
    rows = attributions("Prime Minister Mark Carney said it was over. Mr. Carney added that talks would go on.")
    assert [r.speaker_canonical for r in rows] == ["carney", "carney"]


def test_statements_documents_and_polls():
    row = only('The affected nations issued a joint statement reaffirming "full solidarity with Greenland."')
    assert row.quote_type == "document" and row.cue == "issued a joint statement"
    row = only("According to leaked diplomatic cables obtained by this outlet, the talks centred on Greenland.")
    assert (row.source_type, row.self_referential, row.unverifiable) == ("document", True, True)
    row = only("In Canada, polls show 62% approval for Carney's stance.")
    assert (row.quote_type, row.source_class) == ("poll", "vague")


def test_hedges():
    assert only('"Sovereignty is non-negotiable," Carney reportedly declared.').hedge == "reportedly"
    assert only('"Sovereignty is non-negotiable," Carney declared.').hedged is False


@pytest.mark.parametrize(
    "text, expected",
    [
        ("said transatlantic expert Heather Conley of the Center for Strategic and International Studies.", "named"),
        ("Republicans said the bill would pass.", "named"),
        ("A senior U.S. official admitted the plan had failed.", "anonymous"),
        ("The tone was described by one witness as cold.", "anonymous"),
        ("One European security scholar said alternatives were rehearsed.", "anonymous"),
        ("Critics warn the move could backfire.", "vague"),
        ("Sources confirm Ottawa is still weighing it.", "vague"),
        ("Reports indicate a palpable unease.", "vague"),
        ("Some Republicans argued that allies should pay.", "vague"),
    ],
)
def test_source_classes(text, expected):
    text = text if not text.startswith("said") else '"Trust has eroded," ' + text
    assert only(text).source_class == expected


@pytest.mark.parametrize(
    "text",
    [
        "The report was long and the United States was absent.",
        "Carney wanted to say more but stopped.",
        "Carney did not say whether troops would go.",
        "The timing suggests alignment between the powers.",
        "It was a shifting global order.",
        'Trump has labeled the island "strategically vital" for years.',
    ],
)
def test_no_attribution(text):
    assert [r for r in attributions(text) if r.cue != "labeled"] == []


@pytest.mark.parametrize(("place", "source_class"), [("Toronto", "named"), ("German", "vague"), ("Canadian", "vague")])
def test_a_nationality_adjective_does_not_name_a_source(place, source_class):
    assert only(f"{place} police said the attack was planned.").source_class == source_class


def test_inflections_cover_the_regular_forms():
    assert {"says", "said"} <= inflections("say") | set(load_lexicon().verb_forms)
    assert inflections("deny") >= {"denies", "denied", "denying"}
    assert load_lexicon().verb_forms["confided"] == "confide"


def _lexicon_copy(tmp_path, edit) -> Path:
    spec = yaml.safe_load(DEFAULT_LEXICON_FILE.read_text(encoding="utf-8"))
    edit(spec)
    path = tmp_path / "attribution.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def test_lexicon_copy_loads_like_the_packaged_file(tmp_path):
    copy = load_lexicon(_lexicon_copy(tmp_path, lambda spec: None))
    assert copy.pronoun_kind == load_lexicon().pronoun_kind and copy.demonyms == load_lexicon().demonyms


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda spec: spec.update(pronoun=spec.pop("pronouns")), "unknown key 'pronoun' (known: "),
        (
            lambda spec: spec.pop("demonyms"),
            "demonyms: missing (expected a list of groups, each with name, source and terms)",
        ),
        (lambda spec: spec["hedges"][0].pop("source"), "hedges[0].source: missing (expected a source note (text))"),
        (lambda spec: spec["pronouns"].pop("female"), "pronouns.female: missing (expected a list of strings)"),
        (lambda spec: spec["negations"][0]["terms"].append(False), "negations[0].terms[4]: expected a string"),
    ],
)
def test_lexicon_structure_errors_name_the_file_and_the_key(tmp_path, edit, message):
    path = _lexicon_copy(tmp_path, edit)
    with pytest.raises(ValueError, match=re.escape(f"{path}: ") + ".*" + re.escape(message)):
        load_lexicon(path)


# ----------------------------------------------------------------------------- seeds and tables


def test_seed_constructions(seed):
    found = {
        s: [r for r in extract_article(seed(s), actors=load_actors(SEEDS_ACTORS))]
        for s in ("000", "001", "002", "003", "004")
    }
    by_speaker = lambda s, speaker: [r for r in found[s] if r.speaker.startswith(speaker)]  # noqa: E731
    declared = [r for r in found["000"] if r.cue == "declared"][0]
    assert (declared.hedged, declared.quote_type, declared.speaker_canonical) == (True, "direct", "carney")
    assert by_speaker("000", "a Canadian diplomat")[0].source_class == "anonymous"
    posted = [r for r in found["000"] if r.cue == "posted"][0]
    assert (posted.quote_type, posted.speaker_canonical) == ("platform", "trump")
    conley = by_speaker("000", "transatlantic expert Heather Conley")[0]
    assert (conley.source_class, conley.source_type) == ("named", "expert")
    cables = by_speaker("000", "leaked diplomatic cables")[0]
    assert cables.source_type == "document" and cables.self_referential
    assert by_speaker("000", "polls")[0].quote_type == "poll"
    assert by_speaker("001", "Two senior Canadian officials")[0].source_class == "anonymous"
    assert [r for r in found["001"] if r.quote_type == "colon"][0].speaker_canonical == "carney"
    assert by_speaker("001", "CBC News")[0].quote_type == "according_to"
    assert by_speaker("002", "a senior EU diplomat")[0].source_class == "anonymous"
    assert by_speaker("002", "one witness")[0].source_type == "witness/public"
    assert by_speaker("002", "Reports")[0].source_class == "vague"
    assert by_speaker("003", "officials familiar")[0].source_class == "anonymous"
    assert by_speaker("003", "one European security scholar")[0].source_class == "anonymous"
    assert by_speaker("004", "Sources")[0].source_class == "vague"


def test_tables_are_tidy_and_traceable(seeds_corpus):
    result = tables(seeds_corpus, SEEDS_OPTIONS)
    rows = result["attributions"]
    texts = {a.article_id: a.clean_text for a in seeds_corpus.articles}
    sentences = {(a.article_id, s.sentence_id): s for a in seeds_corpus.articles for s in a.sentences}
    for row in rows.itertuples():
        assert texts[row.article_id][row.speaker_start : row.speaker_end] == row.speaker
        sentence = sentences[(row.article_id, row.sentence_id)]
        assert sentence.start <= row.start < sentence.end and row.start < row.end
        assert row.sentence.startswith(sentence.text)
    assert set(rows["source_class"]) <= set(SOURCE_CLASSES)
    assert set(rows["quote_type"]) <= {
        "direct",
        "indirect",
        "according_to",
        "colon",
        "mixed",
        "platform",
        "document",
        "poll",
    }
    sourcing = result["sourcing"]
    assert len(sourcing) == len(seeds_corpus.articles)
    shares = sourcing[[f"share_{c}" for c in SOURCE_CLASSES]].sum(axis=1)
    assert all(abs(s - 1) < 1e-3 for s in shares)
    assert result["quoted_words"]["n_words"].sum() == rows["quoted_words"].sum()
    assert tables(seeds_corpus, SEEDS_OPTIONS)["attributions"].equals(rows)


def test_sourcing_of_an_article_without_attributions():
    article = build_article("quiet", "quiet.txt", "The sea was calm.\n\nNothing happened today at all.")
    empty = pd.DataFrame(
        {
            c: pd.Series(dtype=object)
            for c in [
                "article_id",
                "inherited",
                "source_class",
                "quote_type",
                "quoted_words",
                "hedged",
                "self_referential",
                "unverifiable",
                "speaker",
                "speaker_canonical",
            ]
        }
    )
    row = sourcing_table([article], empty, load_lexicon()).iloc[0]
    assert row["n_attributions"] == 0 and math.isnan(row["share_named"])
    assert quoted_words_table(empty).empty


# ----------------------------------------------------------------------------- validation helpers


def test_annotations_scoring_and_baseline(tmp_path):
    text = 'Trump said the deal was over. "No," he said. Clinton fears defeat.'
    ann = tmp_path / "a_x.ann"
    ann.write_text(
        "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 28\tthe deal was over\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
        "T4\tSource 36 38\the\nT5\tCue 39 43\tsaid\nE2\tAttribution:T5 Source:T4 Cue:T5\n"
        "T6\tSource 45 52\tClinton\nT7\tCue 53 58\tfears\nE3\tAttribution:T7 Source:T6 Cue:T7\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon()
    sources, ignored, _ = validation.read_annotations(ann, text, lexicon.is_speech_cue)
    assert [g.text for g in sources] == ["Trump", "he"] and [g.text for g in ignored] == ["Clinton"]
    document = validation.Document("a", "x", text, sources, ignored, [])
    result = validation.score(document, validation.predict(document, lexicon.is_speech_cue))
    assert (result["tp"], result["n_pred"], result["cue_hits"]) == (2, 2, 2)
    naive = validation.score(document, validation.baseline(document))
    assert naive["tp"] == 1
    short = validation.score(document, [((0, 1), [])])
    assert short["tp"] == 0  # 1 of 5 characters: below the 30% coverage
    reported = validation.Document("a", "x", text, sources, ignored, [(11, 28)])
    nested = validation.score(reported, [((0, 5), [(6, 10)]), ((15, 19), [])])  # "deal" is inside the content
    assert (nested["tp"], nested["n_pred"], nested["tp_nested"], nested["n_pred_nested"]) == (1, 2, 0, 1)


def test_lexicon_free_speech_cues_are_krestel_s_verbs_in_any_form():
    forms = validation.KRESTEL_FORMS
    assert {"said", "saying", "told", "wrote", "written", "admitted", "agreeing", "denied", "criticised"} <= forms
    assert not {"thinks", "believed", "hoped", "feared", "worries"} & forms  # no belief verbs
    assert validation.is_krestel_cue("according to") and validation.is_krestel_cue("told reporters")
    assert not validation.is_krestel_cue("tweeted")  # a cue of the package's lexicon, not of the list


@pytest.mark.skipif(not os.environ.get("REFERENCE_CORPORA"), reason="REFERENCE_CORPORA not set")
def test_polnear_sample():
    lexicon = load_lexicon()
    documents = validation.load_split(Path(os.environ["REFERENCE_CORPORA"]), "train", lexicon.is_speech_cue)[:20]
    totals, _, _ = validation.evaluate(documents, validation.predict, lexicon.is_speech_cue)
    precision, recall, f1 = precision_recall_f1_counts(totals["tp"], totals["n_pred"], totals["n_gold"])
    assert f1 > 0.7


def test_error_reasons_are_codes_with_a_description():
    gold = validation.GoldSource(((0, 9),), "Ann Smith", [(10, 14)], ["said"])
    document = validation.Document("d", "p", "Ann Smith said it. He said so, Bob added.", [gold], [], [(19, 30)])
    assert validation.spurious_reason(((4, 14), []), document) == "spurious.boundary"
    assert validation.spurious_reason(((19, 21), []), document) == "spurious.nested_attribution"
    assert validation.spurious_reason(((31, 34), []), document) == "spurious.unannotated"
    assert validation.miss_reason(gold, document, [((4, 9), [])], load_lexicon()) == "missed.partial_span"
    assert validation.miss_reason(gold, document, [], load_lexicon()) == "missed.source_not_found"
    pronoun = validation.GoldSource(((19, 21),), "He", [(22, 26)], ["said"])
    assert validation.miss_reason(pronoun, document, [], load_lexicon()) == "missed.pronoun_source"
    assert set(validation.ERROR_TYPES) >= {"spurious.boundary", "missed.partial_span", "missed.pronoun_source"}


def test_hedges_inside_a_quotation_begun_in_an_earlier_sentence_are_not_counted():
    text = 'Carney said: "We will see. It is supposedly settled." Talks reportedly stalled.'
    article = build_article("a", "a.txt", text)
    assert len(article.sentences) >= 2
    attributions_ = extract_article(article)
    rows = pd.DataFrame([{"article_id": "a", **vars(r)} for r in attributions_])
    assert sourcing_table([article], rows, load_lexicon()).iloc[0]["n_hedges"] == 1
