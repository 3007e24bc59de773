import os
from pathlib import Path

import pytest
import yaml

from analysis.measures.attribution import load_lexicon, load_stance_model, stance_table
from analysis.measures.attribution.extractor import extract_article
from analysis.measures.attribution.stances import STANCE_MODEL_FILE, StanceModel, candidates, stances, stem
from analysis.text.actors import load_actors
from analysis.text.document import build_article
from analysis.text.entities import ensure_entities, parse


def accepted(text: str, taken=()):
    """The (source, cue) pairs the packaged model accepts in a text."""
    found = stances(parse(text), list(taken), load_lexicon(), load_stance_model(), [(0, len(text))])
    return [(c.source, c.cue) for c, _ in found]


def test_stem_takes_one_ending_off_and_keeps_three_letters():
    words = ("endorsed", "defending", "backs", "uses", "was", "sees")
    assert [stem(w) for w in words] == ["endors", "defend", "back", "use", "was", "see"]


def test_a_subject_of_any_verb_is_a_candidate_with_named_features():
    text = "The senator endorsed the governor's plan that day."
    found = candidates(parse(text), [], load_lexicon(), [(0, len(text))])
    assert [(c.source, c.cue) for c in found] == [("The senator", "endorsed")]
    features = found[0].features
    assert features["verb=endorsed"] == features["stem=endors"] == features["dependent=dobj"] == 1.0
    assert "subject_pronoun=-" in features and 0 < features["subject_length"] <= 1


def test_expletive_relative_and_belief_subjects_are_not_candidates():
    lexicon = load_lexicon()
    for text in ("There is a plan. It rained all day.", "The senator fears a defeat."):  # the last a belief verb
        assert candidates(parse(text), [], lexicon, [(0, len(text))]) == []


def test_candidates_stay_inside_the_sentences_given_and_are_cut_at_them():
    headline, body = "Digital guru floats cheap laptop", "Nicholas Negroponte unveiled a laptop on Monday."
    text = f"{headline}\n\n{body}"
    doc, lexicon = parse(text), load_lexicon()
    in_body = candidates(doc, [], lexicon, [(len(headline) + 2, len(text))])
    assert [c.cue for c in in_body] == ["unveiled"]
    assert in_body[0].source == text[in_body[0].source_start : in_body[0].source_end] == "Nicholas Negroponte"
    assert candidates(doc, [], lexicon, []) == []


def test_a_source_the_speech_extractor_found_is_not_found_again():
    text = "The senator endorsed the plan."
    assert accepted(text) == [("The senator", "endorsed")]
    assert accepted(text, taken=[(4, 11)]) == []


def test_the_model_tells_stance_verbs_from_copulas():
    assert accepted("Senator Ted Cruz endorsed Donald Trump on Tuesday.") == [("Senator Ted Cruz", "endorsed")]
    assert accepted("The governor defended her budget against the critics.") == [("The governor", "defended")]
    assert accepted("The weather is cold in Ohio.") == []


def test_the_packaged_model_names_its_data_and_command():
    data = yaml.safe_load(STANCE_MODEL_FILE.read_text(encoding="utf-8"))
    assert "train split" in data["source"]["part"] and "train-stances" in data["source"]["command"]
    assert 0 < data["threshold"] < 1 and len(data["weights"]) > 100


def test_probability_is_the_logistic_of_the_weights_present():
    model = StanceModel(intercept=-1.0, threshold=0.5, weights={"a": 2.0, "b": -3.0}, source={})
    assert model.probability({"a": 1.0}) == pytest.approx(1 / (1 + 2.718281828459045**-1.0))
    assert model.probability({"c": 1.0}) == pytest.approx(1 / (1 + 2.718281828459045**1.0))


def test_stance_table_rows_point_into_the_clean_text_and_leave_speech_sources_alone():
    text = 'Cruz endorses Trump\n\nSenator Ted Cruz endorsed Donald Trump on Tuesday. "We will win," Trump said.'
    article = build_article("a", "a.txt", text)
    ensure_entities([article], load_actors())
    article.layers["attributions"] = extract_article(article)
    assert article.sentences[0].part == "headline"  # not searched
    table = stance_table([article], load_lexicon(), load_stance_model())
    assert list(table["source"]) == ["Senator Ted Cruz"]
    row = table.iloc[0]
    assert article.clean_text[row["source_start"] : row["source_end"]] == row["source"]
    assert article.clean_text[row["cue_start"] : row["cue_end"]] == "endorsed"
    assert (
        row["sentence_id"] == article.body_sentences[0].sentence_id
        and load_stance_model().threshold <= row["probability"] <= 1
    )
    assert "cruz" in row["source_entity"].lower()


@pytest.mark.skipif(not os.environ.get("REFERENCE_CORPORA"), reason="REFERENCE_CORPORA not set")
def test_stances_raise_recall_on_a_polnear_sample():
    from analysis.validation import attribution as validation
    from analysis.validation.metrics import precision_recall_f1_counts

    lexicon = load_lexicon()
    keep = lambda cue: not lexicon.is_non_speech(cue)  # noqa: E731
    documents = validation.with_entities(validation.load_split(Path(os.environ["REFERENCE_CORPORA"]), "dev", keep)[:15])
    alone, _, _ = validation.evaluate(documents, validation.predict, keep)
    both, _, _ = validation.evaluate(documents, validation.predict_with_stances, keep)
    recall = [precision_recall_f1_counts(t["tp"], t["n_pred"], t["n_gold"])[1] for t in (alone, both)]
    assert recall[1] > recall[0] + 0.05


def test_findings_name_the_counts_the_verbs_and_the_scores():
    import pandas as pd

    from analysis.report import findings

    rows = pd.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "source": ["The senator", "Cruz", "<b>Ann</b>"],
            "source_entity": ["", "cruz", ""],
            "cue": ["endorsed", "Endorsed", "defended"],
        }
    )
    text = findings.stances(rows)
    assert "the entity with the most is **Ted Cruz**" in findings.stances(rows, {"cruz": "Ted Cruz"})
    assert "3 stance attributions in 2 articles" in text and "*endorsed* (2)" in text
    shown = findings.stances(rows.assign(cue="<b>said</b>", source_entity="<i>x</i>"))
    assert "<b>" not in shown and "<i>" not in shown  # article text is escaped
    assert "1 of them has an entity of their article as source; the entity with the most is **cruz** (1 stance)" in text
    unlinked = rows.assign(source_entity=float("nan"))  # as a CSV with no entity reads back
    assert findings.stances(unlinked).endswith("None of them has an entity of its article as source.")
    assert findings.stances(rows.iloc[0:0]) == "The parse adds no stance attribution in this corpus."
    prefix = "attribution.polnear_dev.non_belief_cues"
    summary = pd.DataFrame(
        {
            "key": [f"{prefix}{part}.{m}" for part in ("", "_with_stances") for m in ("precision", "recall", "f1")],
            "value": [0.85, 0.6, 0.7, 0.79, 0.73, 0.76],
        }
    )
    assert "recall 0.600 and F1 0.700" in findings.stance_validation(summary)
    assert "recall 0.730 and F1 0.760" in findings.stance_validation(summary)
