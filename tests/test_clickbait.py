import numpy as np
import pandas as pd
import pytest
import yaml

from analysis.measures import clickbait as cb
from analysis.measures.sensationalism import load_sensationalism
from analysis.validation import clickbait as vc

RULES = load_sensationalism()
MODEL = cb.load_clickbait_model()


def test_shipped_model_reads_every_feature_of_the_packaged_file():
    assert MODEL.features == cb.feature_names(RULES) and not MODEL.missing(RULES)
    assert MODEL.source["command"] == "python -m analysis train-clickbait"


def test_headline_features_and_probability():
    bait = cb.headline_features("21 Things You Won't Believe About Cats", RULES)
    news = cb.headline_features("Senate passes budget after long debate", RULES)
    assert bait["number_lead"] == bait["second_person"] == bait["contraction"] == 1.0
    assert news["n_words"] == 6 and news["stop_word_share"] == pytest.approx(1 / 6)  # "after"
    assert news["mean_word_length"] == pytest.approx(33 / 6)
    low, high = MODEL.probability([news, bait])
    assert 0 <= low < 0.5 < high <= 1


def test_model_round_trips_through_its_data_file(tmp_path):
    names = ("second_person", "n_words")
    values = np.array([[1, 8], [1, 9], [0, 5], [0, 6], [1, 5], [0, 9]], dtype=float)
    labels = np.array([1, 1, 0, 0, 1, 0])
    model = vc.fit(values, labels, names, 1.0, {"data": "d", "part": "p", "command": "c", "method": "m"})
    path = tmp_path / "model.yaml"
    path.write_text(cb.model_file_text(model), encoding="utf-8")
    again = cb.load_clickbait_model(path)
    rows = [dict(zip(names, v)) for v in values]
    assert np.allclose(again.probability(rows), model.probability(rows), atol=1e-5)
    assert model.weights[0] > 0  # "you" goes with clickbait here


def test_a_model_file_of_the_wrong_shape_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    data = yaml.safe_load(cb.model_file_text(MODEL).split("\n", 3)[-1])
    data["features"][0]["scale"] = 0
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml"):
        cb.load_clickbait_model(path)


def test_review_precision_counts_only_reviewed_cues():
    sample = vc.pd.DataFrame({"feature": ["all_caps"] * 3, "is_cue": ["True", "False", "unreviewed"]})
    row = vc.review_precision(sample).iloc[0]
    assert (row["sampled"], row["reviewed"], row["real_cues"], row["precision"]) == (3, 2, 1, 0.5)


def test_a_features_file_without_the_model_s_cues_leaves_the_probability_empty(seeds_corpus, tmp_path):
    from analysis.measures.sensationalism import sensationalism_tables
    from analysis.paths import DEFAULT_SENSATIONALISM_FILE

    data = yaml.safe_load(DEFAULT_SENSATIONALISM_FILE.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["id"] != "question_lead"]
    path = tmp_path / "features.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    wide = sensationalism_tables(seeds_corpus, path)["sensationalism"]
    assert wide["clickbait_probability"].isna().all() and len(wide) == len(seeds_corpus.articles)
    assert MODEL.missing(load_sensationalism(path)) == ["question_lead"]
    labels = cb.model_weights(MODEL, load_sensationalism(path)).set_index("feature")["label"]
    assert labels["question_lead"] == "question_lead (not in the features file)"
    assert labels["second_person"] == "Second-person address"


def test_scored_headlines_joins_each_headline_its_cues_and_probability(seeds_corpus):
    from analysis.measures.sensationalism import sensationalism_tables

    tables = sensationalism_tables(seeds_corpus)
    articles = pd.DataFrame(
        {
            "article_id": [a.article_id for a in seeds_corpus.articles],
            "headline": [a.headline for a in seeds_corpus.articles],
        }
    )
    scored = cb.scored_headlines(articles, tables["sensationalism"], tables["sensationalism_features"])
    assert list(scored.columns) == ["article_id", "headline", "cues", "clickbait_probability"]
    first = scored.set_index("article_id").loc[seeds_corpus.articles[0].article_id]
    evidence = tables["sensationalism_evidence"]
    in_headline = evidence[
        (evidence["article_id"] == seeds_corpus.articles[0].article_id) & (evidence["part"] == "headline")
    ]
    assert sorted(first["cues"]) == sorted(set(in_headline["feature"]))
    assert scored["clickbait_probability"].isna().tolist() == [a.headline is None for a in seeds_corpus.articles]
