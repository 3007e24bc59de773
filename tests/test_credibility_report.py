"""The sentences, figures and scorecard columns of text reuse and the credibility signals,
from small tables built here."""

import numpy as np
import pandas as pd

from analysis.figures import credibility as credibility_figures
from analysis.figures import style
from analysis.measures import opacity, reuse, synthesis
from analysis.report import findings


def _claims():
    return pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "b", "c"],
            "claim_id": [1, 2, 1, 2, 1],
            "text": ["German Chancellor Olaf Scholz", "President Macron", "former President Trump", "PM Carney", "X"],
            "office": [
                "Chancellor of Germany",
                "President of France",
                "President of the United States",
                "Prime Minister of Canada",
                "",
            ],
            "claim": ["holds", "holds", "held", "holds", "holds"],
            "checked_on": ["2025-06-30", "2025-06-30", "", "", ""],
            "verdict": ["false", "true", "unknown", "unknown", "unknown"],
            "reason": ["r1", "r2", "r3", "r4", "r5"],
            "unknown_because": [
                "",
                "",
                "no date for the article",
                "no date for the article",
                "person not among the office's holders",
            ],
            "conflicts_with": ["", "", "2", "1", ""],
            "sentence": ["s"] * 5,
        }
    )


def _windows():
    return pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "date_source": ["metadata", "", "dateline", ""],
            "n_false": [1, 0, 0, 0],
            "n_conflicts": [0, 2, 0, 0],
            "consistent": [True, False, True, np.nan],
        }
    )


def test_the_office_overview_counts_verdicts_dates_false_pairs_and_conflicts():
    text = findings.office_overview(_claims(), _windows())
    assert "5 title-and-name pairs in 3 articles of 4: 1 true, 1 false, 3 unknown" in text
    assert "1 from the metadata, 1 from a dateline in the text, 2 with none" in text
    assert "1 article names a title that is false at the article's date: **a**" in text
    assert "cannot all be true on any one day: **b**" in text


def test_no_pair_is_said_plainly():
    empty = _claims().iloc[0:0]
    assert findings.office_overview(empty, _windows()).startswith("No title-and-name pair")
    assert findings.office_unknowns(empty) == ""


def test_unknown_pairs_are_counted_by_reason():
    text = findings.office_unknowns(_claims())
    assert text.startswith("3 pairs could not be checked, and none is guessed")
    assert "no date for the article (2); person not among the office's holders (1)" in text


def _profile():
    return pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "n_signals": [3, 1, 1],
            "signals": ["unnamed_sources | uncheckable_document | no_byline", "no_byline", "no_byline"],
        }
    )


def test_signal_flags_read_the_signals_column():
    flags = opacity.signal_flags(_profile())
    assert list(flags.columns) == list(opacity.SIGNALS) and list(flags.index) == ["a", "b", "c"]
    assert flags.loc["a", "uncheckable_document"] and not flags.loc["b", "uncheckable_document"]
    assert flags["no_byline"].all() and not flags["no_dateline"].any()


def test_the_opacity_overview_counts_each_signal_and_says_when_one_is_everywhere():
    text = findings.opacity_overview(_profile())
    assert "mostly unnamed sources in 1" in text and "no byline in 3" in text and "no dateline in 0" in text
    assert f"at least {opacity.UNNAMED_SHARE:.0%} of {opacity.MIN_ATTRIBUTIONS} or more" in text
    assert "The most signals, 3 of 6, are in **a**." in text
    assert "No article has a byline" in text and "No article has a dateline" not in text


def test_evidence_for_readers_puts_the_rarer_signals_first():
    evidence = pd.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "signal": ["hedge", "uncheckable_document", "vague_source"],
            "start": [5, 50, 1],
            "text": ["reportedly", "leaked cables", "critics"],
            "sentence": ["s1", "s2", "s3"],
        }
    )
    assert list(opacity.evidence_for_readers(evidence)["signal"]) == ["uncheckable_document", "vague_source", "hedge"]


def test_reuse_sentences_for_pairs_passages_and_exact_duplicates():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "headline": ["A", "B", None]})
    pairs = pd.DataFrame(
        {
            "article_id": ["a"],
            "other_article_id": ["b"],
            "jaccard": [1.0],
            "containment": [1.0],
            "shared_shingles": [40],
            "cluster_id": ["a"],
        }
    )
    clusters = pd.DataFrame({"cluster_id": ["a", "a"], "article_id": ["a", "b"], "n_members": [2, 2]})
    text = findings.reuse_pairs(pairs, clusters, 3)
    assert "1 pair of articles is a near-duplicate (1 pair with the same 5-word shingles" in text
    assert "joining 2 articles of 3 into 1 cluster" in text
    assert findings.reuse_pairs(pairs.iloc[0:0], clusters.iloc[0:0], 3).startswith("No two of the 3 articles")
    summary = reuse.cluster_summary(clusters, articles)
    assert summary.to_dict("records") == [{"cluster_id": "a", "n_members": 2, "headline": "A", "members": "a; b"}]
    assert list(reuse.pairs_with_headlines(pairs, articles)["other_headline"]) == ["B"]
    passages = pd.DataFrame({"article_id": ["c", "c"], "n_words": [9, 12]})
    assert "1 article of 3 repeats a passage" in findings.repeated_passages(passages, 3)
    assert "runs 12 words, in **c**" in findings.repeated_passages(passages, 3)
    issues = pd.DataFrame({"source_file": ["x.txt"], "severity": ["skipped"], "reason": ["same text as a.txt"]})
    assert findings.exact_duplicates(issues).startswith("1 file repeated the text of an earlier file exactly")
    assert findings.exact_duplicates(issues.iloc[0:0]) == "No file repeated the text of another exactly."


def test_the_scorecard_carries_the_credibility_counts():
    tables = {
        "articles": pd.DataFrame({"article_id": ["a", "b", "c", "d"], "n_words": [10, 20, 30, 40]}),
        "office_windows": _windows(),
        "opacity": pd.DataFrame({"article_id": ["a", "b", "c", "d"], "n_signals": [3, 1, 0, 2]}),
        "reuse_clusters": pd.DataFrame(
            {"cluster_id": ["a", "a", "a"], "article_id": ["a", "b", "c"], "n_members": [3, 3, 3]}
        ),
    }
    card = synthesis.scorecard(tables).set_index("article_id")
    assert list(card["n_office_claims_false"]) == [1, 0, 0, 0]
    assert list(card["n_office_conflicts"]) == [0, 2, 0, 0]
    assert list(card["n_opacity_signals"]) == [3, 1, 0, 2]
    assert list(card["n_near_duplicates"]) == [2, 2, 2, 0]
    without_reuse = synthesis.scorecard({k: v for k, v in tables.items() if k != "reuse_clusters"})
    assert without_reuse["n_near_duplicates"].isna().all()


def test_the_office_figure_shows_articles_or_beyond_the_limit_offices():
    style.apply_style()
    claims = _claims()
    fig = credibility_figures.office_claims_figure(claims, n_articles=3)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Article" and [t.get_text() for t in ax.get_yticklabels()][0] == "a"
    many = credibility_figures.office_claims_figure(claims, n_articles=style.MAX_ARTICLES_SHOWN + 1)
    labels = [t.get_text() for t in many.axes[0].get_yticklabels()]
    assert many.axes[0].get_ylabel() == "Office" and labels[0] == "Chancellor of Germany"
    assert "(no office of the file)" in labels


def test_the_opacity_figure_shows_each_article_or_the_share_per_signal():
    style.apply_style()
    flags = opacity.signal_flags(_profile())
    fig = credibility_figures.opacity_figure(flags, opacity.SIGNAL_LABELS)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["a", "b", "c"]
    many = pd.concat([flags] * 15)
    many.index = [f"x{i}" for i in range(len(many))]
    shares = credibility_figures.opacity_figure(many, opacity.SIGNAL_LABELS)
    assert shares.axes[0].get_xlim() == (0.0, 1.0) and "Share of the 45 articles" in shares.axes[0].get_xlabel()


def test_the_index_summary_gives_the_reuse_and_credibility_points():
    from analysis.pipeline.options import Options

    tables = {
        "articles": pd.DataFrame({"article_id": ["a", "b", "c", "d"], "n_words": [10, 20, 30, 40]}),
        "office_claims": _claims(),
        "office_windows": _windows(),
        "opacity": _profile(),
        "reuse_pairs": pd.DataFrame({"article_id": ["a"], "other_article_id": ["b"], "jaccard": [0.9]}),
        "reuse_clusters": pd.DataFrame({"cluster_id": ["a", "a"], "article_id": ["a", "b"], "n_members": [2, 2]}),
    }
    points = findings.summary_points(tables, Options())
    assert any(
        p.startswith("1 pair of near-duplicate articles") and "join 2 articles into 1 cluster" in p for p in points
    )
    office = next(p for p in points if "title-and-name pairs checked" in p)
    assert "1 article names a title false" in office and "1 article pairs titles" in office
    assert any(p.startswith("Sources a reader cannot check: mostly unnamed sources in 1 article") for p in points)


def test_the_office_validation_sentence_gives_each_split_and_the_planted_cases():
    rows = [
        ("offices.a.false_alarm_rate", "Corpus A (held out)", "share", 0.01, 200),
        ("offices.a.false_alarm_rate.ci95_low", "Corpus A (held out)", "share", 0.0, 200),
        ("offices.a.false_alarm_rate.ci95_high", "Corpus A (held out)", "share", 0.025, 200),
        ("offices.planted.wrong_holder.recall", "planted", "recall", 0.9, 50),
        ("offices.planted.must_not_flag.false_flag_rate", "planted", "false_flag_rate", 0.0, 80),
    ]
    summary = pd.DataFrame(rows, columns=["key", "dataset", "metric", "value", "n"]).assign(task="t")
    text = findings.office_validation(summary)
    assert "Corpus A \\(held out\\): 1.0% of 200 articles (95% interval 0.0% to 2.5%)" in text
    assert "against a target of under 2%" in text
    assert "Planted inconsistencies found: wrong holder 90%." in text
    assert "were flagged in 0% of 80 articles" in text


def test_the_opacity_validation_sentence_gives_hits_precision_and_the_dateline_reader():
    rows = [
        ("opacity.bbc.uncheckable_document.n_hits", 1, 3, 2000),
        ("opacity.bbc.uncheckable_document.precision", 1.0, 1 / 3, 1),
        ("opacity.polnear.dateline.precision", 1.0, None, 12),
        ("opacity.polnear.dateline.recall", 0.9, None, 12),
    ]
    summary = pd.DataFrame(rows, columns=["key", "value", "baseline", "n"])
    text = findings.opacity_validation(summary)
    assert (
        "BBC News: 1 hit in 2,000 articles, 100% of the 1 read correct (marker words alone: 3 hits, 33% correct)"
        in text
    )
    assert "precision 100%, recall 90%" in text and "PolNeAR:" not in text
