"""Scales that mean something: the fixed tone scale, the scorecard's reference colours, bars and
rows in the order of their values, and distributions beyond a readable number of articles."""

import numpy as np
import pandas as pd
import pytest

from analysis.figures import corpus as corpus_figures
from analysis.figures import entities as entity_figures
from analysis.figures import framing as framing_figures
from analysis.figures import readability as readability_figures
from analysis.figures import sensationalism as sensationalism_figures
from analysis.figures import sentiment as sentiment_figures
from analysis.figures import style
from analysis.figures import synthesis as synthesis_figures
from analysis.measures import synthesis

TONE_AXIS = (style.TONE_LIMITS[0] - 0.05, style.TONE_LIMITS[1] + 0.05)


@pytest.fixture(autouse=True)
def close_figures():
    style.apply_style()
    yield
    style.plt.close("all")


def ytick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def sentences_of(tones: dict[str, list[float]]) -> pd.DataFrame:
    rows = []
    for article_id, values in tones.items():
        for k, value in enumerate(values):
            rows.append(
                {
                    "article_id": article_id,
                    "part": "body",
                    "compound": value,
                    "position": k / max(len(values) - 1, 1),
                    "n_words": 10 + k,
                }
            )
    return pd.DataFrame(rows)


def summary_of(tones: dict[str, list[float]]) -> pd.DataFrame:
    means = {a: float(np.mean(v)) for a, v in tones.items()}
    return pd.DataFrame(
        {
            "article_id": list(means),
            "mean_compound": list(means.values()),
            "ci_low": [m - 0.01 for m in means.values()],
            "ci_high": [m + 0.01 for m in means.values()],
        }
    )


# ----------------------------------------------------------------------------- tone scale


@pytest.mark.parametrize("spread", [0.01, 0.13, 0.9])
def test_tone_heatmap_norm_is_the_fixed_scale_whatever_the_data(spread):
    matrix = pd.DataFrame({"Ann Lee": [spread, -spread], "Acme": [0.0, spread / 2]}, index=["a", "b"])
    image = entity_figures.targeted_tone_figure(matrix, "outlet", 3).axes[0].images[0]
    assert image.get_clim() == style.TONE_LIMITS
    assert image.norm(-0.13) == pytest.approx(0.435)  # a pale colour, not the end of the map


def test_tone_axes_are_fixed_in_every_sentiment_figure():
    tones = {"a": [0.1, 0.05, 0.12], "b": [-0.02, -0.05, 0.0]}
    sentences, summary = sentences_of(tones), summary_of(tones)
    groups = pd.Series({"a": "x", "b": "y"})
    assert sentiment_figures.distribution_figure(sentences, summary).axes[0].get_xlim() == TONE_AXIS
    assert sentiment_figures.distribution_figure(sentences, summary, groups, "outlet").axes[0].get_xlim() == TONE_AXIS
    assert sentiment_figures.arc_figure(sentences).axes[0].get_ylim() == TONE_AXIS
    assert sentiment_figures.arc_figure(sentences, groups=groups, group_word="outlet").axes[0].get_ylim() == TONE_AXIS


def test_no_heatmap_scales_a_diverging_map_to_its_data():
    matrix = pd.DataFrame({"x": [1.0, 3.0], "y": [2.0, 0.5]}, index=["a", "b"])
    assert style.heatmap_figure(matrix, "t", "x", "y", "c").axes[0].images[0].get_clim() == (0.0, 3.0)
    with pytest.raises(TypeError):
        style.heatmap_figure(matrix, "t", "x", "y", "c", center=0)


# ----------------------------------------------------------------------------- scorecard colours

REFERENCE = pd.DataFrame(
    [
        {"measure": m, "percentile": p, "value": float(p) / 10, "n_articles": 500, "reference": "test news"}
        for m in synthesis.COMPARED_COLUMNS
        for p in range(101)
    ]
)


def test_percentile_in_reference_takes_the_middle_of_tied_ranks():
    reference = pd.DataFrame(
        {"measure": "share_anonymous", "percentile": range(101), "value": [0.0] * 81 + [0.5] * 20, "n_articles": 9}
    )
    shares = synthesis.percentile_in_reference([-1.0, 0.0, 0.2, 0.5, 2.0, np.nan], "share_anonymous", reference)
    assert shares[:5].tolist() == pytest.approx([0.0, 100 * 81 / 202, 100 * 162 / 202, 100 * 182 / 202, 100.0])
    assert np.isnan(shares[5])
    assert np.isnan(synthesis.percentile_in_reference([1.0], "n_words", reference)).all()


def card_of(n_words: list[float], tone: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [f"a{k}" for k in range(len(n_words))],
            **{c: 1.0 for c in synthesis.COMPARED_COLUMNS},
            "n_words": n_words,
            "mean_compound": tone,
            **{c: None for c in synthesis.TEXT_COLUMNS},
        }
    )


def test_scorecard_colours_do_not_depend_on_the_rows_shown():
    columns = synthesis_figures.COMPARED_COLUMNS
    few = card_of([3.0, 5.0], [0.0, 0.1]).set_index("article_id")
    more = card_of([3.0, 5.0, 9.0, 0.5], [0.0, 0.1, -0.9, 0.9]).set_index("article_id")
    alone = synthesis_figures.scorecard_colours(few, columns, REFERENCE).positions
    among = synthesis_figures.scorecard_colours(more, columns, REFERENCE).positions
    assert np.array_equal(alone, among[:2], equal_nan=True)
    assert alone[:, columns.index("n_words")].tolist() == pytest.approx([100 * 61 / 202, 50.0])


def test_scorecard_figure_colours_against_the_reference_and_states_it():
    view = synthesis_figures.scorecard_view(card_of([3.0, 5.0], [-0.01, 0.13]))
    fig = synthesis_figures.scorecard_figure(view, reference=REFERENCE)
    table, tone_bar, scale_bar, note = fig.axes
    tone_mesh, scale_mesh = table.collections[1:3]
    assert tone_mesh.get_clim() == style.TONE_LIMITS and scale_mesh.get_clim() == (0, 100)
    assert "percentile among 500 test news" in scale_bar.get_title(loc="left")
    assert "Flesch-Kincaid grade: harder to read" in note.texts[0].get_text().replace("\n", " ")


def test_scorecard_without_reference_uses_stated_fixed_scales():
    rows = card_of([750.0, 3000.0], [0.0, 0.0]).set_index("article_id")
    colours = synthesis_figures.scorecard_colours(rows, ["n_words", "sensationalism_index"], None)
    assert colours.positions[:, 0].tolist() == [50.0, 100.0]
    assert "fixed scales" in colours.label and "Words 0-1,500" in colours.label


def test_reference_percentiles_of_a_scorecard():
    card = card_of([float(k) for k in range(11)], [0.0] * 11)
    table = synthesis.reference_percentiles(card, "test news")
    words = table[table["measure"] == "n_words"].set_index("percentile")["value"]
    assert list(table.columns) == synthesis.REFERENCE_COLUMNS and len(words) == 101
    assert (words[0], words[50], words[100]) == (0.0, 5.0, 10.0)
    assert set(table["n_articles"]) == {11}


# ----------------------------------------------------------------------------- order by value


def test_bars_and_rows_are_in_the_order_of_their_values():
    assert style.by_value(pd.Series({"b": 2.0, "a": 2.0, "c": 5.0, "d": np.nan})) == ["c", "a", "b", "d"]
    frames = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "b", "c", "c"],
            "scheme": "generic",
            "frame": ["conflict", "economic"] * 3,
            "score": [0.1, 0.1, 0.9, 0.5, 0.3, 0.0],
        }
    )
    heatmap = framing_figures.frame_heatmap_figure(frames, "generic", {"conflict": "Conflict", "economic": "Economic"})
    assert ytick_labels(heatmap.axes[0]) == ["b", "c", "a"]
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "n_words": [100, 300, 200]})
    structure = corpus_figures.corpus_structure_figure(articles, sentences_of({"a": [0], "b": [0], "c": [0]}))
    assert ytick_labels(structure.axes[0]) == ["b", "c", "a"]
    tones = {"a": [0.1], "b": [0.5], "c": [-0.2]}
    distribution = sentiment_figures.distribution_figure(sentences_of(tones), summary_of(tones))
    assert ytick_labels(distribution.axes[0]) == ["b", "a", "c"]


# ----------------------------------------------------------------------------- distributions


def test_beyond_the_readable_size_figures_show_distributions():
    n = style.MAX_ARTICLES_SHOWN + 1
    ids = [f"a{k:02d}" for k in range(n)]
    tones = {a: [k / n - 0.5] for k, a in enumerate(ids)}
    sentences, summary = sentences_of(tones), summary_of(tones)
    histogram = sentiment_figures.distribution_figure(
        sentences, summary, pd.Series("all articles", index=ids), "corpus"
    )
    ax = histogram.axes[0]
    assert ax.get_xlim() == TONE_AXIS and sum(p.get_height() for p in ax.patches) == n
    articles = pd.DataFrame({"article_id": ids, "n_words": range(n)})
    structure = corpus_figures.corpus_structure_figure(articles, sentences)
    assert sum(p.get_height() for p in structure.axes[0].patches) == n
    frames = pd.DataFrame({"article_id": ids, "scheme": "generic", "frame": "conflict", "score": 0.5})
    boxes = framing_figures.frame_heatmap_figure(frames, "generic", {"conflict": "Conflict"}).axes[0]
    assert not boxes.images and ytick_labels(boxes) == [f"Conflict (n={n})"]
    features = pd.DataFrame({"article_id": ids, "feature": "caps", "contribution": 0.1})
    index, cues = sensationalism_figures.sensationalism_figure(features, {"caps": "ALL CAPS"}).axes
    assert sum(p.get_height() for p in index.patches) == n and ytick_labels(cues) == ["ALL CAPS (in 100% of articles)"]
    readability = pd.DataFrame(
        {"article_id": ids, "part": "body", **{m: 10.0 for m in readability_figures.METRICS}, "text_standard": 9.0}
    )
    assert len(readability_figures.articles_figure(readability).axes[0].patches) == 40  # histogram bins
    few = readability.head(3).assign(flesch_reading_ease=[30.0, 70.0, 50.0])
    assert ytick_labels(readability_figures.articles_figure(few).axes[0]) == ["a01", "a02", "a00"]


def test_scorecard_reference_validation_writes_the_percentiles_only(tmp_path):
    from analysis import validation

    texts = {
        "business/001.txt": "Shares rise\n\nShares rose sharply on Monday, traders said. Markets were calm.\n",
        "business/002.txt": "Firm cuts jobs\n\nThe firm will cut 300 jobs, its chief executive said on Friday.\n",
        "sport/001.txt": "Team wins cup\n\nThe team won the cup in a thrilling final. Fans cheered loudly.\n",
        "README.TXT": "About this corpus\n\nFive folders of articles.\n",
    }
    for name, text in texts.items():
        (tmp_path / "bbc" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "bbc" / name).write_text(text, encoding="utf-8")
    out = tmp_path / "validation"
    tables = validation.run_validation("scorecard", tmp_path, out, out / "figures")
    assert sorted(p.name for p in out.iterdir()) == ["scorecard_reference.csv"]  # no empty summary
    reference = synthesis.load_scorecard_reference(out / "scorecard_reference.csv")
    assert reference.equals(tables["reference"]) and set(reference["n_articles"]) <= {2, 3}
    assert reference.loc[reference["measure"] == "n_words", "n_articles"].iloc[0] == 3  # the README left out


def test_the_committed_reference_covers_every_compared_measure():
    reference = synthesis.load_scorecard_reference()
    if reference is None:
        pytest.skip("no reference table made here (make validate)")
    assert sorted(reference["measure"].unique()) == sorted(synthesis.COMPARED_COLUMNS)
    for _, table in reference.groupby("measure"):
        assert table["percentile"].tolist() == list(range(101)) and table["value"].is_monotonic_increasing


def test_the_notebook_says_how_the_scorecard_is_coloured():
    from analysis.report import findings

    said = findings.scorecard_colours(REFERENCE)
    assert "percentile among 500 test news" in said and "-1 (negative, red) to +1" in said
    assert "fixed scales" in findings.scorecard_colours(None)
