"""The opacity validation's review joins, seeded samples and dateline scoring (no reference data)."""

import pandas as pd
import pytest

from analysis.validation import opacity as validation


def hits(*texts):
    return pd.DataFrame(
        [["bbc", f"a/{i}", text, f"Sentence with {text}."] for i, text in enumerate(texts)],
        columns=validation.HIT_COLUMNS,
    )


def test_a_hit_without_a_review_is_unreviewed():
    review = pd.DataFrame(
        [["bbc", "a/0", "leaked memo", "True", "read"]], columns=[*validation.REVIEW_KEY, "correct", "note"]
    )
    joined = validation.with_review(hits("leaked memo", "secret report"), review)
    assert list(joined["correct"]) == ["True", validation.UNREVIEWED]
    assert list(joined["note"]) == ["read", ""]
    assert validation.precision(joined) == 1.0


def test_a_review_of_another_text_does_not_join():
    review = pd.DataFrame(
        [["bbc", "a/0", "the memo", "False", ""]], columns=[*validation.REVIEW_KEY, "correct", "note"]
    )
    joined = validation.with_review(hits("leaked memo"), review)
    assert list(joined["correct"]) == [validation.UNREVIEWED]
    assert pd.isna(validation.precision(joined))


def test_precision_counts_reviewed_hits_only():
    table = pd.DataFrame({"correct": ["True", "False", validation.UNREVIEWED, "True"]})
    assert validation.precision(table) == pytest.approx(2 / 3)


def test_a_review_with_another_verdict_is_refused(tmp_path):
    path = tmp_path / "review.csv"
    path.write_text("dataset,article_id,text,correct,note\nbbc,a/0,memo,yes,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="review.csv: correct must be True or False, not yes"):
        validation.read_review(path)


def test_samples_are_deterministic_and_bounded():
    table = hits(*(f"memo {i}" for i in range(100)))
    first, second = validation.seeded_sample(table, 30), validation.seeded_sample(table, 30)
    assert first.equals(second) and len(first) == 30
    assert list(first["article_id"]) == sorted(first["article_id"], key=lambda a: int(a.split("/")[1]))
    assert not first.equals(validation.seeded_sample(table, 30, seed=1))
    assert len(validation.seeded_sample(table.head(4), 30)) == 4


def test_dateline_sample_ignores_the_order_it_is_given():
    ids = [f"train/article-{i:03d}" for i in range(200)]
    sample = validation.dateline_sample_ids(ids, 60)
    assert sample == validation.dateline_sample_ids(list(reversed(ids)), 60)
    assert len(sample) == 60 and sample == sorted(sample)


def test_dateline_scores_from_the_reading():
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "dateline": ["LONDON (Reuters) —", "", "Paris —", "MIAMI, March 10 —"],
            "dateline_date": ["", "", "", "2016-03-10"],
            "publication_date": ["", "", "", "2016-03-10"],
            "author": ["Jane Doe", "None", "", "AP"],
            "text_byline": ["Jane Doe", "", "", ""],
        }
    )
    review = pd.DataFrame(
        [
            ["a", "True", "LONDON (Reuters) -", "True"],
            ["b", "True", "WASHINGTON -", "False"],
            ["c", "False", "", "False"],
        ],
        columns=["article_id", "has_dateline", "dateline", "has_byline"],
    )
    table = validation.dateline_table(articles, ["a", "b", "c", "d"], review)
    assert list(table["has_dateline"]) == ["True", "True", "False", validation.UNREVIEWED]
    assert list(table["same_text"]) == [True, False, False, False]
    rows = {row[0]: (row[5], row[10]) for row in validation.polnear_rows(articles, table)}
    assert rows["opacity.polnear.dateline.precision"] == (0.5, 2)  # a right, c wrong; d unread
    assert rows["opacity.polnear.dateline.recall"] == (0.5, 2)  # a found, b missed
    assert rows["opacity.polnear.dateline.date_matches_metadata"] == (1.0, 1)
    assert rows["opacity.polnear.dateline.month_day_matches_metadata"] == (1.0, 1)
    assert rows["opacity.polnear.byline.metadata_author_share"] == (0.5, 4)
    assert rows["opacity.polnear.byline.text_byline_given_author"] == (0.5, 2)
    assert rows["opacity.polnear.byline.sample.text_byline_agrees"] == (1.0, 3)


def test_a_dateline_reading_with_another_value_is_refused(tmp_path):
    path = tmp_path / "datelines.csv"
    path.write_text("article_id,has_dateline,dateline,has_byline\na,True,MIAMI -,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="datelines.csv: has_byline must be True or False, not maybe"):
        validation.read_dateline_review(path)


def test_month_and_day_of_a_dateline():
    assert validation.month_day("FLINT, Mich., Oct. 4 (UPI) —") == "10-04"
    assert validation.month_day("Paris — 8 January 2026 —") == "01-08"
    assert validation.month_day("WASHINGTON —") == ""


def test_a_dateline_is_compared_without_its_closing_dash():
    assert validation.dateline_words("BOCA RATON, Fla. --") == validation.dateline_words("BOCA RATON,  Fla. —")


def test_days_between_a_dateline_and_the_publication_date():
    assert validation.days_apart("12-08", "2015-12-07") == 1
    assert validation.days_apart("12-31", "2016-01-01") == 1  # the year before
    assert validation.days_apart("02-30", "2016-02-28") is None
