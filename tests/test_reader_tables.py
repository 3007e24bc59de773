"""Tables for readers (analysis/report/tables.py): integers, one precision per measure, empty
cells empty, escaped text, at most a screenful of rows with a link to the whole table."""

import gzip
import io
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from analysis.report import notebook, site, tables
from analysis.report.images import compact_png
from analysis.report.tables import FullTable, table_html


class Cells(HTMLParser):
    """The header, the rows (cell texts) and the links of rendered HTML."""

    def __init__(self, markup: str):
        super().__init__()
        self.header, self.rows, self.links, self.numeric, self._cell = [], [], [], [], None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = [tag, ""]
            if attrs.get("class") == "num":
                self.numeric.append(len(self.rows[-1]))
        elif tag == "a":
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._cell[1])
            self._cell = None

    @property
    def body(self):
        return self.rows[1:]


def test_no_index_column_and_integers_with_thousands_separators():
    frame = pd.DataFrame({"n_words": [1234.0, np.nan, 12.0], "count": [1, 2, 3000]}, index=[7, 8, 9])
    cells = Cells(table_html(frame))
    assert cells.rows[0] == ["n_words", "count"]  # no index column
    assert cells.body == [["1,234", "1"], ["", "2"], ["12", "3,000"]]
    pivot = pd.DataFrame({"metric": ["a", "b"], "x": [1.0, 2.0]}).set_index("metric")
    assert Cells(table_html(pivot)).rows == [["metric", "x"], ["a", "1"], ["b", "2"]]  # a named index is a column
    labelled = pd.DataFrame({"x": [1.0, 2.0]}, index=["a", "b"])  # row labels without a name, as describe().T
    assert Cells(table_html(labelled)).rows == [["", "x"], ["a", "1"], ["b", "2"]]
    wide = pd.DataFrame([[0.5, 0.25]], columns=pd.MultiIndex.from_tuples([("f1", "keyword"), ("f1", "rules")]))
    assert Cells(table_html(wide)).rows[0] == ["f1 keyword", "f1 rules"]


def test_one_precision_per_measure_by_column_name_wherever_it_is_shown():
    first = pd.DataFrame(
        {"mean_compound": [0.1, -0.00001], "flesch_kincaid_grade": [12.345, 8.0], "share_named": [0.0, 1.0]}
    )
    second = pd.DataFrame({"mean_compound": [0.123456], "flesch_kincaid_grade": [10.0], "share_named": [0.5]})
    assert Cells(table_html(first)).body == [["0.100", "12.3", "0.000"], ["0.000", "8.0", "1.000"]]  # no "-0.000"
    assert Cells(table_html(second)).body == [["0.123", "10.0", "0.500"]]
    unnamed = pd.DataFrame({"Economic": [1.25, 2.0], "Conflict": [3.0, 4.0]})
    assert Cells(table_html(unnamed)).body == [["1.250", "3"], ["2.000", "4"]]  # by values: whole numbers are integers
    assert Cells(table_html(unnamed, unnamed_decimals=1)).body == [["1.2", "3.0"], ["2.0", "4.0"]]
    assert tables.decimals("country") is None and tables.decimals("n_mentions") == 0  # whole words of the name
    assert tables.decimals("hedges_per_1000_words") == 1 and tables.decimals("pearson_r") == 3
    assert tables.decimals("f1 (evidence count)") == 3 and tables.decimals("kappa (two annotators)") == 3
    assert tables.decimals("hits (all frames)") == 0 and tables.decimals("(unnamed)") is None
    assert tables.decimals("share_of_matches") == 3 and tables.decimals("n_matches") == 0


def test_empty_cells_are_empty_and_numbers_right_aligned():
    frame = pd.DataFrame(
        {
            "label": ["a", None],
            "value": [np.nan, 0.5],
            "n": pd.array([pd.NA, 3], dtype="Int64"),
            "date": [pd.NaT, pd.Timestamp("2024-05-01")],
        }
    )
    cells = Cells(table_html(frame))
    assert cells.body == [["a", "", "", ""], ["", "0.500", "3", "2024-05-01"]]
    assert "nan" not in table_html(frame).lower() and "&lt;NA&gt;" not in table_html(frame)
    assert cells.numeric[:2] == [1, 2]  # the header's value and n columns are right-aligned


def test_every_cell_and_name_is_escaped_text():
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    frame = pd.DataFrame({hostile: [hostile], "sentence": ["a & b > c"]})
    markup = table_html(frame, full=FullTable("results/x.csv", "tables/x.csv' onclick='alert(2)"))
    assert "<script" not in markup and "<img" not in markup and "onclick='" not in markup
    cells = Cells(markup)
    assert cells.body == [[hostile, "a & b > c"]] and cells.rows[0][0] == hostile


def test_long_text_is_shown_whole():
    text = "word " * 200
    assert Cells(table_html(pd.DataFrame({"text": [text]}))).body == [[text]]


def test_a_screenful_of_rows_says_which_and_links_the_whole_table():
    frame = pd.DataFrame({"article_id": [f"a{i}" for i in range(2225)], "score": np.arange(2225) / 2225})
    markup = table_html(frame, full=FullTable("results/frames.csv", "tables/frames.csv"))
    cells = Cells(markup)
    assert len(cells.body) == tables.MAX_ROWS and cells.body[0][0] == "a0"
    assert "15 of 2,225 rows, the first." in markup and cells.links == ["tables/frames.csv"]
    assert "<code>results/frames.csv</code>" in markup
    top = Cells(table_html(frame, top="score", full=FullTable("results/frames.csv", "tables/frames.csv")))
    assert top.body[0] == ["a2224", "1.000"]
    assert "the highest by score" in table_html(frame, top="score")
    assert "the lowest by score" in table_html(frame, top="score", ascending=True)
    derived = table_html(frame.head(3), full=FullTable("results/frames.csv", "tables/frames.csv", complete=False))
    assert "Computed from" in derived and "of 3" not in derived  # short: no row count
    absent = table_html(frame, full=FullTable("results/frames.csv", None))
    assert "<a " not in absent and "too large to include" in absent


def test_tables_are_shared_smallest_first_plain_or_compressed_within_the_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "PLAIN_LIMIT", 100)
    monkeypatch.setattr(tables, "COPY_BUDGET", 1000)  # small (8 bytes) and large (604) fit; huge (6,004) not
    results = tmp_path / "results"
    results.mkdir()
    (results / "small.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (results / "large.csv").write_text("a,b\n" + "10,20\n" * 100, encoding="utf-8")
    (results / "huge.csv").write_text("a,b\n" + "10,20\n" * 1000, encoding="utf-8")
    target = tmp_path / "reports" / "tables"
    target.mkdir(parents=True)
    (target / "gone.csv").write_text("x\n", encoding="utf-8")
    copied = dict((s.name, t) for s, t in site.copy_tables(results, target))
    assert copied["small.csv"].name == "small.csv" and copied["large.csv"].name == "large.csv.gz"
    assert copied["huge.csv"] is None and not (target / "gone.csv").exists()
    assert pd.read_csv(target / "large.csv.gz").shape == (100, 2)  # pandas opens it as it is
    first = (target / "large.csv.gz").read_bytes()
    site.copy_tables(results, target)
    assert (target / "large.csv.gz").read_bytes() == first  # no time or name in the gzip header
    assert gzip.decompress(first) == (results / "large.csv").read_bytes()
    link = tables.full_table(results / "large.csv", "results/large.csv")
    assert link.href == "tables/large.csv.gz"  # the link the notebooks write is the copy the site makes


def test_notebook_show_links_result_and_validation_tables(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(notebook, "display", lambda item: shown.append(item.data))
    monkeypatch.setattr(notebook, "_shown_dirs", notebook.OutputDirs(tmp_path))
    (tmp_path / "results").mkdir()
    pd.DataFrame({"x": range(40)}).to_csv(tmp_path / "results" / "things.csv", index=False)
    notebook.show(pd.DataFrame({"x": range(40)}), "things")
    assert "15 of 40 rows" in shown[-1] and "href='tables/things.csv'" in shown[-1]
    notebook.show(pd.DataFrame({"value": [0.5]}), "validation/sentiment_summary", derived=True)
    assert "href='tables/validation/sentiment_summary.csv'" in shown[-1] and "Computed from" in shown[-1]
    notebook.show(pd.DataFrame({"article_id": ["a"], "score": [0.25]}), save="scorecard")
    saved = tmp_path / "reports" / "tables" / "derived" / "scorecard.csv"
    assert saved.read_text(encoding="utf-8") == "article_id,score\na,0.25\n"
    assert "href='tables/derived/scorecard.csv'" in shown[-1]


def test_compact_png_is_smaller_deterministic_and_the_same_picture():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.plot(np.sin(np.linspace(0, 9, 200)), label="a line")
    ax.imshow(np.outer(np.arange(30), np.arange(30)), extent=(0, 60, -1, 1), aspect="auto")
    ax.set_title("A figure")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="PNG")
    plt.close(fig)
    original = buffer.getvalue()
    compact = compact_png(original)
    assert len(compact) < len(original) * 0.8 and compact_png(original) == compact
    with Image.open(io.BytesIO(compact)) as result, Image.open(io.BytesIO(original)) as before:
        assert result.mode == "P" and result.size == before.size
        assert result.convert("RGB").getpixel((1, 1)) == (255, 255, 255)  # the white background stays white


@pytest.mark.parametrize("rows", [0, 1])
def test_tiny_tables(rows):
    frame = pd.DataFrame({"article_id": ["a"] * rows, "n_words": [5] * rows})
    assert len(Cells(table_html(frame)).body) == rows


def test_a_wide_table_is_shown_in_parts_that_each_begin_with_its_first_column():
    columns = ["article_id", *[f"measure_{i}" for i in range(15)]]
    parts = tables.column_parts(columns)
    assert all(part[0] == "article_id" and len(part) <= tables.MAX_COLUMNS for part in parts)
    assert [c for part in parts for c in part[1:]] == columns[1:]  # every column once, in order
    frame = pd.DataFrame([[f"a{r}", *range(15)] for r in range(3)], columns=columns)
    page = table_html(frame)
    assert page.count("<table>") == len(parts) == 2 and "16 columns, shown in 2 parts" in page
    assert tables.column_parts(columns[:5]) == [columns[:5]]
