"""Loading folders of articles, with and without a manifest."""

import shutil

import pandas as pd
import pytest
from conftest import SEEDS

from analysis.measures import corpus as corpus_measure
from analysis.text.load import CorpusError, load_corpus


def test_seeds_load_with_manifest_metadata(seeds_corpus):
    ids = [a.article_id for a in seeds_corpus.articles]
    assert ids == [
        "000_bdbfc842978e7605",
        "001_743d1558921b3e64",
        "002_bc908ce1d43d3e45",
        "003_88c41c3fcf52136e",
        "004_9a3b7cfcff6c6edd",
    ]
    first = seeds_corpus.articles[0]
    assert first.metadata["date"] == "2026-01-08"
    assert first.metadata["outlet"] == "unknown"
    assert seeds_corpus.issues == []


def test_raw_text_is_kept_byte_for_byte(seeds_corpus):
    for article in seeds_corpus.articles:
        assert article.raw_text == (SEEDS / article.source_file).read_text(encoding="utf-8")


def test_offsets_index_the_clean_text(seeds_corpus):
    for article in seeds_corpus.articles:
        for sentence in article.sentences:
            assert article.clean_text[sentence.start : sentence.end] == sentence.text
        for paragraph in article.paragraphs:
            assert paragraph.start < paragraph.end <= len(article.clean_text)
        assert [s.sentence_id for s in article.sentences] == list(range(len(article.sentences)))


def test_headline_is_paragraph_zero(seeds_corpus):
    for article in seeds_corpus.articles:
        parts = [(p.paragraph_id, p.part) for p in article.paragraphs]
        if article.headline:
            assert parts[0] == (0, "headline")
            assert article.clean_text.startswith(article.headline)
        body_ids = [pid for pid, part in parts if part == "body"]
        assert body_ids == list(range(1, len(body_ids) + 1))


def test_folder_without_manifest_and_with_subfolders(tmp_path):
    (tmp_path / "politics").mkdir()
    (tmp_path / "politics" / "001.txt").write_text("Budget passes\n\nThe budget passed on Monday.\n")
    (tmp_path / "sport").mkdir()
    (tmp_path / "sport" / "001.txt").write_text("Team wins\n\nThe team won the cup.\n")
    corpus = load_corpus(tmp_path)
    assert [a.article_id for a in corpus.articles] == ["politics/001", "sport/001"]
    assert [a.headline for a in corpus.articles] == ["Budget passes", "Team wins"]


def test_bad_files_are_skipped_with_reasons_and_the_rest_analysed(tmp_path):
    shutil.copy(SEEDS / "001_743d1558921b3e64.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "windows.txt").write_bytes("Headline\r\n\r\nHe said \u201cno\u201d.\r\n".encode("cp1252"))
    corpus = load_corpus(tmp_path)
    assert [a.article_id for a in corpus.articles] == ["good", "windows"]
    issues = {(i.source_file, i.severity): i.reason for i in corpus.issues}
    assert issues[("empty.txt", "skipped")] == "empty file (no text)"
    assert issues[("blank.txt", "skipped")] == "empty file (no text)"
    assert "binary" in issues[("binary.txt", "skipped")]
    assert "Windows-1252" in issues[("windows.txt", "warning")]
    assert corpus.articles[1].body_text == 'He said "no".'


def test_manifest_row_without_file_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody text.\n")
    (tmp_path / "manifest.csv").write_text("article_id,outlet\na,Example Times\nghost,Nowhere\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles[0].metadata == {"outlet": "Example Times"}
    assert [(i.source_file, i.severity) for i in corpus.issues] == [("ghost", "warning")]


def test_missing_and_empty_folders_raise(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="no article or table files"):
        load_corpus(tmp_path)
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(CorpusError, match="could be analysed"):
        load_corpus(tmp_path)


def test_input_folder_is_not_modified(tmp_path):
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus_dir)

    def contents():
        return {p.relative_to(corpus_dir): p.read_bytes() for p in corpus_dir.rglob("*") if p.is_file()}

    before = contents()
    load_corpus(corpus_dir)
    assert contents() == before


def entity_rows(*rows):
    return pd.DataFrame(rows, columns=["entity_id", "label", "type", "aliases", "n_mentions", "n_articles"])


def test_entity_names_stay_distinct_and_top_entities_keep_the_order():
    entities = entity_rows(
        ("paris", "Paris", "place", "Paris", 9, 3),
        ("paris_hilton", "Paris", "person", "Paris", 5, 1),
        ("lee", "Ann Lee", "person", "Ann Lee | Lee", 4, 2),
        ("lee_2", "Ann Lee", "person", "Ann Lee", 2, 1),
    )
    names = corpus_measure.entity_names(entities)
    assert names == {
        "paris": "Paris (place)",
        "paris_hilton": "Paris (person)",
        "lee": "Ann Lee (person) [lee]",
        "lee_2": "Ann Lee (person) [lee_2]",
    }
    top = corpus_measure.top_entities(entities, n=3)
    assert list(top["entity_id"]) == ["paris", "paris_hilton", "lee"] and top["name"].iloc[2] == names["lee"]
    types = corpus_measure.entity_types(entities)
    assert types.to_dict("records") == [
        {"type": "person", "n_entities": 3, "n_mentions": 11, "most_mentioned": "Paris"},
        {"type": "place", "n_entities": 1, "n_mentions": 9, "most_mentioned": "Paris"},
    ]
    assert corpus_measure.entity_types(entities.head(0)).empty


def test_entity_mention_counts_per_article_in_the_order_given():
    mentions = pd.DataFrame(
        {"article_id": ["b", "b", "a", "b", "c"], "entity_id": ["lee", "paris", "lee", "lee", "other"]}
    )
    counts = corpus_measure.entity_mention_counts(mentions, {"paris": "Paris", "lee": "Ann Lee"}, ["a", "b", "c", "d"])
    assert list(counts.columns) == ["Paris", "Ann Lee"] and list(counts.index) == ["a", "b", "c", "d"]
    assert counts["Ann Lee"].tolist() == [1, 2, 0, 0] and counts["Paris"].tolist() == [0, 1, 0, 0]
    none = corpus_measure.entity_mention_counts(mentions.head(0), {"lee": "Ann Lee"}, ["a"])
    assert none.size == 0 and list(none.index) == ["a"]
