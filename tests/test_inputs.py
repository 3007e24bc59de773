"""Every kind of input a corpus may be: article files (text, Markdown, web pages) and table
files (CSV, TSV, JSON Lines, JSON, Parquet), in a folder or alone; headline-only items."""

import json
import subprocess
import sys

import news_pages
import numpy as np
import pandas as pd
import pytest
from conftest import PROJECT_ROOT

from analysis.pipeline.engines import run_analyses
from analysis.pipeline.options import Options
from analysis.text.load import NO_BODY_NOTE, CorpusError, load_corpus
from analysis.text.readers import PAGE_FURNITURE_REASON, cell_text, column_key, markdown_text

BODY = "The council approved the budget on Monday. Critics said it came too late for many families."
ARTICLES = [
    {
        "stories_id": "101",
        "title": "Budget approved",
        "text": BODY,
        "media_name": "Daily Courier",
        "publish_date": "2024-03-01",
    },
    {
        "stories_id": "102",
        "title": "Team wins cup",
        "text": "The team won the cup. Fans celebrated in the streets.",
        "media_name": "Metro Herald",
        "publish_date": "2024-03-02",
    },
]


def by_id(corpus):
    return {a.article_id: a for a in corpus.articles}


def issues_of(corpus):
    return {(i.source_file, i.severity): i.reason for i in corpus.issues}


def test_csv_export_with_common_column_names(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame([{**a, "section": "news"} for a in ARTICLES]).to_csv(path, index=False)
    corpus = load_corpus(path)
    articles = by_id(corpus)
    assert list(articles) == ["101", "102"]
    first = articles["101"]
    assert (first.headline, first.body_text, first.source_file) == ("Budget approved", BODY, "export.csv row 1")
    assert first.headline_note == "headline: the title column"
    assert first.metadata == {"date": "2024-03-01", "outlet": "Daily Courier", "original_id": "101", "section": "news"}
    assert corpus.issues == []


def test_tsv_ids_are_made_file_safe_and_unique(tmp_path):
    rows = [
        "guid\theadline\tbody",
        f"https://news.example/a b?x=1\tFirst\t{BODY}",
        f"dup\tSecond\t{BODY} Two.",
        f"dup\tThird\t{BODY} Three.",
    ]
    (tmp_path / "feed.TSV").write_text("\n".join(rows) + "\n", encoding="utf-8")
    corpus = load_corpus(tmp_path / "feed.TSV")
    assert [a.article_id for a in corpus.articles] == ["https-news.example-a-b-x-1", "dup", "dup-2"]
    assert [a.headline for a in corpus.articles] == ["First", "Second", "Third"]
    assert corpus.articles[0].metadata["original_id"] == "https://news.example/a b?x=1"


def test_json_lines_newsapi_style_and_a_row_without_text_or_title(tmp_path):
    records = [
        {
            "title": "Rates held",
            "content": BODY,
            "publishedAt": "2024-05-01T08:00:00Z",
            "source": {"id": None, "name": "Wire"},
            "authors": ["A. Writer", "B. Writer"],
        },
        {"title": "", "content": "", "source": {"name": "Wire"}},
        {
            "title": "Markets calm",
            "content": "Shares rose slightly. Traders were relieved.",
            "publishedAt": None,
            "source": {"name": "Wire"},
        },
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    corpus = load_corpus(tmp_path / "news.jsonl")
    assert [a.article_id for a in corpus.articles] == ["1", "3"]
    assert corpus.articles[0].metadata == {
        "date": "2024-05-01T08:00:00Z",
        "outlet": "Wire",
        "author": "A. Writer; B. Writer",
    }
    assert corpus.articles[1].metadata["date"] == ""
    assert issues_of(corpus) == {("news.jsonl row 2", "skipped"): "no text and no title"}


@pytest.mark.parametrize("wrapped", [False, True])
def test_json_array_or_an_object_holding_one(tmp_path, wrapped):
    data = {"status": "ok", "articles": ARTICLES} if wrapped else ARTICLES
    (tmp_path / "news.json").write_text(json.dumps(data), encoding="utf-8")
    corpus = load_corpus(tmp_path / "news.json")
    assert [(a.article_id, a.headline) for a in corpus.articles] == [
        ("101", "Budget approved"),
        ("102", "Team wins cup"),
    ]


def test_parquet_table(tmp_path):
    frame = pd.DataFrame(ARTICLES).assign(
        publish_date=pd.to_datetime(["2024-03-01", "2024-03-02"]), stories_id=[101, 102]
    )
    frame.to_parquet(tmp_path / "news.parquet")
    corpus = load_corpus(tmp_path / "news.parquet")
    assert [a.article_id for a in corpus.articles] == ["101", "102"]
    assert corpus.articles[0].metadata["date"] == "2024-03-01"
    assert corpus.articles[0].body_text == BODY


def test_options_name_the_columns(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame(
        {"Story": [BODY], "Heading": ["Budget approved"], "Paper": ["Courier"], "text": ["not the text"]}
    ).to_csv(path, index=False)
    corpus = load_corpus(path, columns={"text": "story", "title": "Heading", "outlet": "Paper"})
    article = corpus.articles[0]
    assert (article.headline, article.body_text) == ("Budget approved", BODY)
    assert article.metadata == {"outlet": "Courier", "text": "not the text"}
    with pytest.raises(CorpusError, match="could be analysed"):
        load_corpus(path, columns={"text": "missing"})
    fields = {f"{name}_column" for name in ("text", "title", "date", "outlet", "url", "id", "author")}
    assert fields <= set(Options.__dataclass_fields__)


def test_table_without_title_column_lets_the_cleaner_find_the_headline(tmp_path):
    pd.DataFrame({"full_text": [f"Budget approved\n\n{BODY}"]}).to_csv(tmp_path / "t.csv", index=False)
    article = load_corpus(tmp_path / "t.csv").articles[0]
    assert (article.headline, article.body_text) == ("Budget approved", BODY)


def test_mixed_folder_reads_every_kind_and_lists_the_rest(tmp_path):
    (tmp_path / "upper").mkdir()
    (tmp_path / "upper" / "A1.TXT").write_text(f"Upper case name\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "same.txt").write_text(f"Plain version\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "same.md").write_text(
        "---\ntitle: Markdown version\ndate: 2024-04-02\nauthor: Kim\n---\n\nThe **council** [approved](https://x.org) it.\n",
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text(news_pages.SCHOOL, encoding="utf-8")
    pd.DataFrame(ARTICLES).to_csv(tmp_path / "export.csv", index=False)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (tmp_path / "letter.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text("sentiment_threshold: 0.1\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot an article.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("article_id,outlet\npage,Valley Gazette\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    articles = by_id(corpus)
    assert list(articles) == ["export/101", "export/102", "page", "same.md", "same.txt", "upper/A1"]
    assert articles["upper/A1"].headline == "Upper case name"
    assert articles["same.md"].headline == "Markdown version"
    assert articles["same.md"].body_text == "The council approved it."
    assert articles["same.md"].metadata == {"date": "2024-04-02", "author": "Kim"}
    assert articles["page"].metadata["outlet"] == "Valley Gazette"
    issues = issues_of(corpus)
    assert "unsupported file type '.pdf'" in issues[("report.pdf", "skipped")]
    assert "unsupported file type '.docx'" in issues[("letter.docx", "skipped")]
    assert "cannot read as JSON" in issues[("broken.json", "skipped")]
    assert "not listed in manifest.csv" in issues[("same.txt", "warning")]
    assert not [source for source, _ in issues if "yaml" in source or "hidden" in source or "manifest" in source]


def test_saved_news_pages_keep_the_article_only(tmp_path):
    corpus = load_corpus(news_pages.write_pages(tmp_path))
    assert corpus.issues == []
    assert len(corpus.articles) == len(news_pages.PAGES)
    for article in corpus.articles:
        headline, _ = news_pages.PAGES[article.source_file]
        assert article.headline == headline
        assert article.headline_note == "headline: the page's title"
        for furniture in news_pages.FURNITURE:
            assert furniture.lower() not in article.clean_text.lower(), (article.source_file, furniture)
        assert not {s.text for s in article.sentences} & set(news_pages.MENU)
        assert len(article.body_sentences) >= 3
        removed = [e.text for e in article.cleaning_log if e.reason == PAGE_FURNITURE_REASON]
        assert any("70% off" in text for text in removed) and "Share on Facebook" in removed
    floods = by_id(corpus)["floods"]
    assert floods.metadata == {
        "date": "2024-03-14",
        "author": "Jane Morgan",
        "outlet": "The Daily Courier",
        "url": "https://www.dailycourier.example/news/2024/03/14/flood-defences",
    }
    assert floods.body_text.startswith("The county council has approved a £12m scheme")
    assert by_id(corpus)["rail strike"].raw_text == news_pages.TRAIN  # a page saved as .txt, read as HTML


def test_a_page_heading_other_than_its_title_is_not_body_text(tmp_path):
    heading = '<h1 class="headline">Council approves new flood defences for river towns</h1>'
    page = news_pages.FLOODS.replace(heading, "<h1>Flood defences approved for three towns</h1>")
    (tmp_path / "floods.html").write_text(page, encoding="utf-8")
    article = load_corpus(tmp_path).articles[0]
    assert article.headline == "Council approves new flood defences for river towns"  # og:title
    assert "Flood defences approved" not in article.body_text


def test_page_without_main_text_is_skipped(tmp_path):
    (tmp_path / "empty.html").write_text(
        "<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    (tmp_path / "ok.txt").write_text(f"Fine\n\n{BODY}\n")
    corpus = load_corpus(tmp_path)
    assert issues_of(corpus) == {("empty.html", "skipped"): "no article text found in the web page"}


def test_headline_only_items_are_analysed_with_empty_body_measures(tmp_path):
    headlines = [
        "You Won't Believe What This Dog Did Next",
        "Parliament passes budget after long debate",
        "10 Shocking Facts About Sleep",
    ]
    pd.DataFrame({"headline": headlines, "outlet": ["A", "B", "A"]}).to_csv(tmp_path / "headlines.csv", index=False)
    (tmp_path / "one line.txt").write_text("Minister resigns over expenses row\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.issues == []
    assert [a.headline for a in corpus.articles] == [*headlines, "Minister resigns over expenses row"]
    for article in corpus.articles:
        assert article.body_sentences == [] and article.headline_note.endswith(NO_BODY_NOTE)
    tables = run_analyses(corpus, Options())
    assert (tables["articles"]["n_words"] == 0).all()
    sentiment = tables["sentiment"]
    assert sentiment["headline_compound"].notna().all() and sentiment["mean_compound"].isna().all()
    assert (sentiment["n_sentences"] == 0).all()
    assert tables["sourcing"]["share_named"].isna().all()
    assert set(tables["readability"]["part"]) == {"headline"}  # no body row to score
    index = tables["sensationalism"].set_index("article_id")["index"]
    assert index["headlines/1"] > index["headlines/2"]  # the clickbait headline scores above the plain one


def test_a_corpus_mixing_headlines_and_articles_gets_every_table(tmp_path):
    from analysis import measures
    from analysis.measures import synthesis

    rows = [{"title": "Shocking twist in budget row!", "text": ""}, *ARTICLES]
    pd.DataFrame(rows).to_csv(tmp_path / "mixed.csv", index=False)
    corpus = load_corpus(tmp_path / "mixed.csv")
    tables = run_analyses(corpus, Options())
    for measure in measures.MEASURES:
        if measure.finish:
            tables.update(measure.finish(tables, Options()))
    card = synthesis.scorecard(tables).set_index("article_id")
    assert list(card.index) == ["1", "101", "102"]
    sentiment = tables["sentiment"].set_index("article_id")
    assert pd.isna(sentiment.loc["1", "mean_compound"]) and pd.notna(sentiment.loc["101", "mean_compound"])


def test_a_body_lost_in_cleaning_is_a_warning(tmp_path):
    (tmp_path / "debris.txt").write_text("Real headline here\n\nShare this article\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(f"Fine\n\n{BODY}\n")
    corpus = load_corpus(tmp_path)
    assert by_id(corpus)["debris"].headline == "Real headline here"
    assert "analysed as a headline only" in issues_of(corpus)[("debris.txt", "warning")]


def test_markdown_text_strips_markup_and_puts_the_title_first():
    page = (
        "[Home](/) · [World](/world)\n\n# Real Title\n\n*By **Sam Lee**, reporter*\n\nBody *text* with [a link][1].\n\n"
        "---\n\n```\n<iframe src='video'></iframe>\n```\n\n[1]: https://x.org\n<!-- pixel -->\n"
    )
    text, metadata, log = markdown_text(page)
    assert text.startswith("# Real Title\n")
    assert "By Sam Lee, reporter" in text and "Body text with a link." in text
    for gone in ("Home", "[1]", "https://x.org", "---", "iframe", "pixel", "*"):
        assert gone not in text, gone
    assert [e.text for e in log] == [
        "``` <iframe src='video'></iframe> ```",
        "<!-- pixel -->",
        "[1]: https://x.org",
        "[Home](/) · [World](/world)",
    ]
    assert metadata == {}
    setext, _, _ = markdown_text("Setext Title\n============\n\nBody.\n")
    assert setext.startswith("# Setext Title")
    lead = "An opening paragraph of real text that comes before the first heading of the file.\n\n# Background\n\nMore."
    assert markdown_text(lead)[0] == lead  # a sentence before the heading: nothing moves


def test_cell_text_and_column_key():
    stamp = pd.Timestamp("2024-01-02 10:30")
    assert [cell_text(v) for v in (None, float("nan"), pd.NA, stamp, np.int64(4), np.array(["x", "y"]))] == [
        "",
        "",
        "",
        "2024-01-02T10:30:00",
        "4",
        "x; y",
    ]
    assert [cell_text(v) for v in (None, float("nan"), 3.0, 2.5, ["a", "b"], {"name": "BBC"}, True)] == [
        "",
        "",
        "3",
        "2.5",
        "a; b",
        "BBC",
        "true",
    ]
    assert [column_key(c) for c in ("publishedAt", " Article Text ", "media-name")] == [
        "published_at",
        "article_text",
        "media_name",
    ]


def test_cli_strict_counts_unreadable_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pd.DataFrame(ARTICLES).to_csv(corpus / "export.csv", index=False)
    (corpus / "report.pdf").write_bytes(b"%PDF-1.7\n")

    def run(*extra):
        command = [
            sys.executable,
            "-m",
            "analysis",
            "analyze",
            "--corpus",
            str(corpus),
            "--output",
            str(tmp_path / "out"),
            *extra,
        ]
        return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)

    result = run("--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "skipped: report.pdf: unsupported file type '.pdf'" in result.stderr
    issues = pd.read_csv(tmp_path / "out" / "results" / "issues.csv")
    assert issues["source_file"].tolist() == ["report.pdf"]
    articles = pd.read_csv(tmp_path / "out" / "results" / "articles.csv", dtype=str)
    assert articles[["article_id", "source_file", "outlet", "date"]].values.tolist() == [
        ["101", "export.csv row 1", "Daily Courier", "2024-03-01"],
        ["102", "export.csv row 2", "Metro Herald", "2024-03-02"],
    ]
    assert run("--strict").returncode == 3
    changed = run("--title-column", "media_name")
    assert changed.returncode == 0, changed.stderr
    headlines = pd.read_csv(tmp_path / "out" / "results" / "articles.csv")["headline"].tolist()
    assert headlines == ["Daily Courier", "Metro Herald"]  # a changed option is not served from the cache
