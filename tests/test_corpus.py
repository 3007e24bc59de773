"""Loading folders of articles, with and without a manifest."""

import shutil

import pytest
from conftest import SEEDS

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
    before = {p.name: p.read_bytes() for p in corpus_dir.iterdir()}
    load_corpus(corpus_dir)
    assert {p.name: p.read_bytes() for p in corpus_dir.iterdir()} == before
