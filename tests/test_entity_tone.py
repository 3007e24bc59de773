"""Tone toward an entity: the features of a mention on crafted sentences, the model file and
its checks, the numpy predictor against scikit-learn, and the held-out split."""

import os
from pathlib import Path

import numpy as np
import pytest
import yaml
from sklearn.linear_model import LogisticRegression

from analysis.measures import entity_tone as et
from analysis.measures.attribution import extract
from analysis.schemas import SchemaError
from analysis.text.entities import load_model as load_spacy_model
from analysis.validation import entity_tone as vt


def features_of(text: str, mention: str, occurrence: int = 0) -> dict[str, float]:
    """The features of the `occurrence`-th `mention` in a one-sentence text."""
    doc = load_spacy_model()(text)
    attributions = extract(text, [(0, len(text))], [(0, 0, len(text))])
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return et.mention_features(et.ScoredSentence(doc, 0, len(text), attributions), start, start + len(mention))


def tone_of(text: str, mention: str) -> tuple[float, str]:
    doc = load_spacy_model()(text)
    attributions = extract(text, [(0, len(text))], [(0, 0, len(text))])
    start = text.index(mention)
    return et.mention_tone(doc, 0, len(text), start, start + len(mention), attributions)


def test_what_is_done_to_the_target_is_negative_toward_it():
    features = features_of("Critics attacked Smith.", "Smith")
    assert features["patient_head_negative"] > 0 and features["clause_negative"] > 0
    assert features["agent_verb_negative"] == 0 and features["target_is_speaker"] == 0
    score, label = tone_of("Critics attacked Smith.", "Smith")
    assert label == "negative" and score < 0


def test_the_speakers_quoted_insult_is_not_tone_toward_the_speaker():
    text = '"He is a liar," Smith said of Jones.'
    speaker, other = features_of(text, "Smith"), features_of(text, "Jones")
    assert speaker["target_is_speaker"] == 1 and speaker["own_quote_negative"] > 0
    assert speaker["sentence_negative"] == speaker["near_negative"] == speaker["clause_negative"] == 0
    assert other["target_is_speaker"] == 0 and other["sentence_negative"] > 0
    assert tone_of(text, "Jones")[0] < tone_of(text, "Smith")[0]


def test_reported_speech_about_the_target():
    features = features_of("Smith said Jones was a disgrace.", "Jones")
    assert features["target_in_quote"] == 1 and features["predicate_negative"] > 0
    assert features_of("Smith said Jones was a disgrace.", "Smith")["clause_negative"] == 0


def test_modifiers_owner_nouns_and_passive_subjects():
    disgraced = features_of("Smith, a disgraced former official, was arrested by police.", "Smith")
    assert disgraced["modifier_negative"] > 0 and disgraced["patient_head_negative"] > 0
    assert features_of("Smith's failure shocked everyone.", "Smith")["owner_noun_negative"] > 0
    assert features_of("Smith praised the firefighters.", "Smith")["agent_verb_positive"] > 0


def test_negation_turns_a_words_valence():
    negated = features_of("Jones did not attack Smith.", "Smith")
    plain = features_of("Jones attacked Smith.", "Smith")
    assert negated["patient_head_positive"] > 0 and negated["patient_head_negative"] == 0
    assert plain["patient_head_negative"] > 0


def test_names_carry_no_valence_and_distance_weights_fall():
    assert features_of("Winner wrote a letter.", "Winner")["sentence_positive"] == 0  # "winner" is in VADER
    near = features_of("Smith was praised at the meeting of the committee on Monday evening.", "Smith")
    far = features_of("At the meeting of the committee on Monday evening Smith spoke and Jones was praised.", "Smith")
    assert near["sentence_positive"] == pytest.approx(far["sentence_positive"])
    assert near["near_positive"] > far["near_positive"]


def test_a_mention_outside_the_tokens_has_only_its_sentence_features():
    doc = load_spacy_model()("Critics attacked Smith.")
    features = et.mention_features(et.ScoredSentence(doc, 0, len(doc.text), []), 40, 45)
    assert features["sentence_compound"] < 0
    whole_sentence = {"sentence_compound", "sentence_intensity", "sentence_words", "quote_marks"}
    assert features["sentence_words"] > 0
    assert all(v == 0 for k, v in features.items() if k not in whole_sentence)


def test_predictions_are_deterministic_bounded_and_the_same_batched_or_one_by_one():
    text = "Critics attacked Smith. Jones praised the brave firefighters of the city. Brown met Green."
    doc = load_spacy_model()(text)
    sentences = [(0, 23), (24, 73), (74, len(text))]
    mentions = [
        et.Mention(s, e, text.index(name), text.index(name) + len(name))
        for (s, e), name in zip(sentences + sentences[2:], ["Smith", "Jones", "Brown", "Green"])
    ]
    batched = et.mention_tones(doc, mentions)
    assert batched == et.mention_tones(doc, mentions)
    single = [et.mention_tone(doc, m.sentence_start, m.sentence_end, m.target_start, m.target_end) for m in mentions]
    assert [label for _, label in single] == [label for _, label in batched]
    assert np.allclose([s for s, _ in single], [s for s, _ in batched])
    assert all(-1 <= s <= 1 and label in et.CLASSES for s, label in batched)
    assert et.mention_tones(doc, []) == []


def test_the_numpy_predictor_matches_scikit_learn_and_survives_the_file():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(300, 3))
    labels = np.array(et.CLASSES)[(features[:, 0] + rng.normal(scale=0.5, size=300) > 0).astype(int) * 2]
    labels[::7] = "neutral"
    names = ("sentence_compound", "near_positive", "target_is_speaker")
    model = vt.fit(features, list(labels), names, 1.0, None, {k: "note" for k in ("data", "part", "command", "method")})
    regression = LogisticRegression(C=1.0, max_iter=5000).fit((features - model.mean) / model.scale, labels)
    assert np.allclose(model.probabilities(features), regression.predict_proba((features - model.mean) / model.scale))
    reread = et.model_from_mapping(yaml.safe_load(vt.model_file_text(model)), "model.yaml")
    assert np.allclose(reread.probabilities(features), model.probabilities(features), atol=1e-5)
    assert vt.model_file_text(reread) == vt.model_file_text(et.model_from_mapping(reread.to_mapping(), "again"))


def test_the_shipped_model_file_is_checked_and_written_as_its_command_writes_it():
    model = et.load_model()
    assert set(model.features) <= set(et.FEATURES) and sorted(model.classes) == sorted(et.CLASSES)
    assert vt.model_file_text(model) == et.MODEL_FILE.read_text(encoding="utf-8")


def test_a_model_without_parse_features_needs_no_parser():
    lexical = et.LEXICAL_FEATURES
    shipped = et.load_model()
    keep = [shipped.features.index(n) for n in lexical]
    model = et.ToneModel(
        lexical, shipped.classes, shipped.mean[keep], shipped.scale[keep], shipped.coefficients[:, keep],
        shipped.intercepts, shipped.source,
    )  # fmt: skip
    assert not model.uses_parse
    nlp = load_spacy_model()
    with nlp.select_pipes(disable=["parser"]):
        doc = nlp("Critics attacked Smith.")
    assert not doc.has_annotation("DEP")
    ((score, label),) = et.mention_tones(doc, [et.Mention(0, 23, 17, 22)], model=model)
    assert -1 <= score <= 1 and label in et.CLASSES
    with pytest.raises(ValueError, match="reads the dependency parse"):
        et.mention_tones(doc, [et.Mention(0, 23, 17, 22)], model=shipped)


def _model_data() -> dict:
    return yaml.safe_load(et.MODEL_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["features"][0].update(coefficients="x"), "features[0].coefficients: expected a list of numbers"),
        (lambda d: d["features"][1].update(scale=0), "features[1].scale: expected a number above 0"),
        (lambda d: d.pop("source"), "source: missing"),
        (lambda d: d.update(classes=["negative", "neutral", "good"]), "classes[2]: expected"),
        (lambda d: d["features"][0].update(name="mood"), "features[0].name: unknown feature 'mood'"),
        (lambda d: d["features"][2].update(coefficients=[1.0, 2.0]), "features[2].coefficients: expected 3 numbers"),
        (lambda d: d["features"][1].update(name=d["features"][0]["name"]), "features[1].name: 'sentence_compound'"),
        (lambda d: d.update(intercepts=[0.0]), "intercepts: expected 3 numbers"),
    ],
)
def test_model_file_errors_name_the_file_and_key(change, message):
    data = _model_data()
    change(data)
    with pytest.raises((SchemaError, ValueError), match=r"^model\.yaml: ") as error:
        et.model_from_mapping(data, "model.yaml")
    assert message in str(error.value)


def test_an_unreadable_model_file_is_a_clear_error(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text("features: [", encoding="utf-8")
    with pytest.raises(ValueError, match="model.yaml: not valid YAML"):
        et.load_model(path)


def test_the_held_out_split_is_a_fixed_quarter_with_sentences_kept_whole():
    ids = [f"sentence_{n}" for n in range(4000)]
    share = np.mean([vt.is_held_out(i) for i in ids])
    assert 0.23 < share < 0.27
    assert [vt.is_held_out(i) for i in ids] == [vt.is_held_out(i) for i in ids]
    held_id = next(i for i in ids if vt.is_held_out(i))
    dev_ids = [i for i in ids if not vt.is_held_out(i)][:2]
    sentences = [
        (held_id, "A held-out sentence.", [vt.Target(held_id, "A held-out sentence.", 0, 1, "neutral")] * 2),
        (dev_ids[0], "Same text.", [vt.Target(dev_ids[0], "Same text.", 0, 4, "positive")]),
        (dev_ids[1], "Other.", [vt.Target(dev_ids[1], "Other.", 0, 5, "negative")]),
    ]
    duplicate = next(i for i in ids if vt.is_held_out(i) and i != held_id)
    sentences.append((duplicate, "Same text.", [vt.Target(duplicate, "Same text.", 0, 4, "negative")]))
    development, held_out = vt.split(sentences)
    assert [t.gid for t in held_out] == [held_id, held_id]  # both targets, and no repeated text
    assert {t.gid for t in development} == set(dev_ids)


def test_training_needs_reference_data(monkeypatch, capsys):
    from analysis.cli import main

    monkeypatch.delenv("REFERENCE_CORPORA", raising=False)
    assert main(["train-entity-tone"]) == 2
    assert "REFERENCE_CORPORA" in capsys.readouterr().err


@pytest.mark.skipif(not os.environ.get("REFERENCE_CORPORA"), reason="REFERENCE_CORPORA not set")
def test_newsmtsc_is_read_and_split_as_the_shipped_model_says():
    path = Path(os.environ["REFERENCE_CORPORA"]).joinpath(*vt.NEWSMTSC_FILE)
    sentences = vt.read_newsmtsc(path)
    development, held_out = vt.split(sentences)
    assert len(development) + len(held_out) <= sum(len(s[2]) for s in sentences)
    assert not {t.gid for t in development} & {t.gid for t in held_out}
    assert 0.2 < len(held_out) / (len(development) + len(held_out)) < 0.3
    assert f"{len(development)} targets" in et.load_model().source["part"]
    assert vt.file_note(path) in et.load_model().source["data"]


def test_resampled_macro_f1_is_macro_f1_of_each_row():
    from analysis.validation.metrics import macro_f1

    rng = np.random.default_rng(1)
    classes = np.array(et.CLASSES, dtype=object)
    labels, predicted = classes[rng.integers(0, 3, size=(5, 50))], classes[rng.integers(0, 3, size=(5, 50))]
    predicted[0] = "neutral"  # a row where two classes are never predicted
    expected = [macro_f1(a, b, et.CLASSES) for a, b in zip(labels, predicted)]
    assert vt.resampled_macro_f1(labels, predicted) == pytest.approx(expected)


def test_parsed_tokens_read_the_docs_parse_as_spacys_tokens_do():
    doc = load_spacy_model()(
        'The minister, who had denied it, said on Monday that Mr Smith\'s plan was "a failure". '
        "Critics were not convinced by the reply given by the department."
    )
    parsed = et.ParsedTokens(doc)
    for token in doc:
        i = token.i
        assert parsed.heads[i] == token.head.i
        assert (parsed.deps[i], parsed.tags[i], parsed.lower[i]) == (token.dep_, token.tag_, token.lower_)
        assert (parsed.idx[i], parsed.length[i], parsed.is_alpha[i]) == (token.idx, len(token), token.is_alpha)
        assert parsed.children[i] == [c.i for c in token.children]
        assert parsed.ancestors(i) == [a.i for a in token.ancestors]
        assert parsed.subtree(i) == [t.i for t in token.subtree]
    assert et.ParsedTokens(load_spacy_model()("")).heads == []


def test_tree_distances_are_the_steps_up_to_the_roots_ancestors_and_down():
    doc = load_spacy_model()("Officials said the plan, which Mr Smith defended, failed. Critics were not convinced.")
    parsed = et.ParsedTokens(doc)
    for root in doc:
        chain = {root.i: 0, **{a.i: k for k, a in enumerate(root.ancestors, 1)}}
        expected = {}
        for token in doc:
            for k, node in enumerate([token, *token.ancestors]):
                if node.i in chain:
                    expected[token.i] = float(k + chain[node.i])
                    break
        assert list(et._tree_distances(parsed, root.i, 0, len(doc)).items()) == list(expected.items())
