"""The office-holder validation: planted articles, the period check and the case review."""

import datetime as dt

import pandas as pd
import pytest
import yaml

from analysis.measures import offices
from analysis.pipeline.options import Options
from analysis.text.office_holders import load_office_holders
from analysis.validation import offices as validation
from analysis.validation import reviews

D = dt.date


def _terms(office, name):
    return [h for h in office.holders if h.name == name]


def test_planting_is_deterministic_and_each_article_has_the_label_it_says():
    holders = load_office_holders()
    planted = validation.plant(holders)
    assert planted == validation.plant(holders)
    assert planted != validation.plant(holders, seed=validation.SEED + 1)
    assert {a.kind for a in planted} == set(validation.KINDS)
    assert len({a.planted_id for a in planted}) == len({a.text for a in planted}) == len(planted)
    years = offices.load_claim_rules().historical_years
    for article in planted:
        office = holders.offices[article.office_id]
        terms = _terms(office, article.person)
        in_office = any(t.in_office(article.date) for t in terms) if article.date else None
        assert article.person in article.text
        if article.kind in ("correct_holder", "former_in_office"):
            assert in_office
        elif article.kind == "wrong_holder":
            assert not in_office
            assert all(t.start > article.date or (article.date - t.end).days < years * 365.25 for t in terms)
        elif article.kind == "deputy_title":
            assert not in_office and "Deputy" in article.text
        elif article.kind == "conflict":
            others = _terms(office, article.other_person)
            assert article.date is None
            assert all((a.end and a.end < b.start) or (b.end and b.end < a.start) for a in terms for b in others)
        else:  # then_title, in_year_past_holder: a holder whose term ended before the date
            assert not in_office and any(t.end and t.end < article.date for t in terms)
            if article.kind == "in_year_past_holder":
                year = int(article.text.split("In ", 1)[1][:4])
                assert year < article.date.year
                assert any(t.start.year <= year <= t.end.year for t in terms if t.end)


def _holders_file(tmp_path):
    spec = {
        "as_of": "2025-06-30",
        "source": "test",
        "offices": [
            {
                "id": "pm",
                "title": "Prime Minister of Testland",
                "aliases": ["Prime Minister"],
                "country": "Testland",
                "holders": [
                    {"name": "Ann Able", "start": "2000-01-01", "end": "2004-06-01", "source": "https://example.org/"},
                    {"name": "Ben Baker", "start": "2004-06-01", "end": None, "source": "https://example.org/"},
                ],
            }
        ],
    }
    path = tmp_path / "office_holders.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def _pairs(claims):
    """Pair rows as the measure's per-article step writes them, one article per claim."""
    rows = []
    for n, (person, claim) in enumerate(claims):
        text = f"{'former ' if claim == 'held' else ''}Prime Minister {person}"
        row = dict.fromkeys(offices._PAIR_COLUMNS, "")
        row |= {"article_id": f"a{n}", "claim_id": 1, "text": text, "person": person, "title": "Prime Minister"}
        row |= {"office_id": "pm", "office": "Prime Minister of Testland", "claim": claim, "sentence": text}
        rows.append(row)
    ids = [f"a{n}" for n in range(len(claims))]
    return {
        "articles": pd.DataFrame({"article_id": ids}),
        "office_claims": pd.DataFrame(rows, columns=offices._PAIR_COLUMNS),
        "office_windows": pd.DataFrame({"article_id": ids, "dateline": "", "dateline_date": ""}),
    }


def test_check_dates_are_the_period_start_the_new_years_and_the_term_boundaries_inside(tmp_path):
    holders = load_office_holders(_holders_file(tmp_path))
    days = validation.check_dates(holders, (D(2004, 1, 1), D(2005, 12, 31)), years=2)
    assert days == [D(2004, 1, 1), D(2004, 6, 1), D(2004, 6, 2), D(2005, 1, 1)]


@pytest.mark.parametrize(
    ("period", "person", "claim", "verdict"),
    [
        ((D(2004, 1, 1), D(2005, 12, 31)), "Ann Able", "holds", "true"),  # true until 2004-06-01
        ((D(2004, 1, 1), D(2005, 12, 31)), "Ben Baker", "holds", "true"),  # true from 2004-06-01
        ((D(2005, 1, 1), D(2005, 12, 31)), "Ann Able", "holds", "false"),  # false every day of 2005
        ((D(2004, 1, 1), D(2005, 12, 31)), "Ben Baker", "held", "false"),  # still in office
        ((D(2007, 1, 1), D(2007, 12, 31)), "Ann Able", "holds", "unknown"),  # a historical reference by then
        ((D(2006, 1, 1), D(2006, 12, 31)), "Ann Able", "holds", "unknown"),  # false until 2006-06-02 only
    ],
)
def test_a_claim_is_false_over_a_period_only_when_false_on_every_day(tmp_path, period, person, claim, verdict):
    options = Options().replace(office_holders_file=_holders_file(tmp_path))
    claims = validation.undated_period_claims(_pairs([(person, claim)]), options, period)
    assert list(claims["verdict"]) == [verdict]


def test_cases_without_a_review_row_are_unreviewed_and_a_cause_outside_the_vocabulary_is_rejected(tmp_path):
    columns = validation.CASE_COLUMNS[:-2]
    found = pd.DataFrame(
        [
            ["bbc", "bbc_held_out", "tech/001", "President Bush", "", "holds", "", "false", "", "s"],
            ["bbc", "bbc_held_out", "tech/002", "President Bush", "", "holds", "", "false", "", "s"],
        ],
        columns=columns,
    )
    path = tmp_path / "review.csv"
    review = pd.DataFrame(
        [["bbc", "tech/001", "President Bush", "historical_reference", "Speaks of 1990."]],
        columns=[*validation.REVIEW_KEY, "cause", "explanation"],
    )
    review.to_csv(path, index=False)
    joined = validation.with_review(found, validation.read_review(path))
    assert list(joined.columns) == validation.CASE_COLUMNS
    assert list(joined["cause"]) == ["historical_reference", reviews.UNREVIEWED]
    assert list(joined["explanation"]) == ["Speaks of 1990.", ""]
    review.assign(cause="a guess").to_csv(path, index=False)
    with pytest.raises(ValueError, match="review.csv: cause must be one of"):
        validation.read_review(path)


def test_a_split_summary_counts_articles_with_a_false_claim_or_a_conflict():
    claims = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "verdict": ["true", "false", "unknown", "true"]})
    windows = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "consistent": [True, "", False, ""]})
    flags = validation.article_flags(claims, windows)
    assert list(flags["false_alarm"]) == [True, False, True, False]
    rows = validation.summary_rows("bbc_held_out", flags, claims, flags.assign(false_alarm=True))
    values = {row[0]: row[5] for row in rows}
    assert values["offices.bbc_held_out.false_alarm_rate"] == 0.5
    assert values["offices.bbc_held_out.n_checked"] == 3
    assert values["offices.bbc_held_out.n_false"] == 1
    assert rows[6][8] == 1.0  # the baseline flags every article here


def test_the_split_table_gives_each_split_its_role_and_its_summary_figures():
    claims = pd.DataFrame({"article_id": ["a", "b"], "verdict": ["false", "true"]})
    windows = pd.DataFrame({"article_id": ["a", "b", "c"], "consistent": ["", "", ""]})
    flags = validation.article_flags(claims, windows)
    rows = []
    for split in validation.SPLITS:
        rows += validation.summary_rows(split, flags, claims, flags.assign(false_alarm=False))
    summary = pd.DataFrame(rows, columns=validation.SUMMARY_COLUMNS)
    table = validation.split_table(summary)
    assert list(table.columns) == validation.SPLIT_COLUMNS
    assert list(table["split"]) == list(validation.SPLITS)
    assert set(table["role"]) <= set(validation.ROLES)
    assert list(table["n_articles"]) == [3] * len(table)
    assert list(table["n_false_alarms"]) == [1] * len(table)
    assert table["false_alarm_rate"].tolist() == pytest.approx([1 / 3] * len(table))
    assert list(table["baseline_false_alarm_rate"]) == [0.0] * len(table)
    for split, (name, role) in validation.SPLITS.items():
        texts = set(summary.loc[summary["key"].str.startswith(f"offices.{split}."), "dataset"])
        assert texts == {f"{name} ({validation.ROLES[role]})"}
