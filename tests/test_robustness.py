"""Bad input gets a clear answer; nothing is lost; the same inputs give the same bytes."""

import hashlib
import subprocess
import sys

import bad_corpus
import pandas as pd
import pytest
from conftest import PROJECT_ROOT

from analysis import outputs
from analysis.measures import Measure
from analysis.pipeline.analyze import analyze
from analysis.text.load import load_corpus


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    return bad_corpus.build(tmp_path_factory.mktemp("bad") / "corpus")


@pytest.fixture(scope="module")
def bad(bad_folder):
    return load_corpus(bad_folder)


def issue(corpus, source_file, severity):
    found = [i.reason for i in corpus.issues if i.source_file == source_file and i.severity == severity]
    assert found, f"no {severity} for {source_file}: {corpus.issues}"
    return found[0]


def article(corpus, article_id):
    return next(a for a in corpus.articles if a.article_id == article_id)


def test_unreadable_files_are_skipped_with_the_reason(bad):
    assert issue(bad, "empty.txt", "skipped") == "empty file (no text)"
    assert issue(bad, "whitespace.txt", "skipped") == "empty file (no text)"
    assert "binary file" in issue(bad, "binary.txt", "skipped")
    assert "20.0 MB, over the 10 MB limit" in issue(bad, "huge.txt", "skipped")
    assert issue(bad, "duplicate of 000.txt", "skipped") == "same text as 000_bdbfc842978e7605.txt"


def test_legacy_encodings_bom_and_crlf_are_read_correctly(bad):
    assert "Windows-1252" in issue(bad, "cp1252.txt", "warning")
    assert article(bad, "cp1252").body_text == 'The minister said "we are ready" — and left.'
    assert article(bad, "latin1").body_text == "Leaders met in Montréal on Friday."
    assert article(bad, "bom").headline == "BOM Headline"
    assert not [i for i in bad.issues if i.source_file == "bom.txt"]
    assert article(bad, "crlf").body_text == "First paragraph here.\n\nSecond paragraph here."


def test_questionable_texts_are_analysed_with_a_warning(bad):
    assert "probably not English" in issue(bad, "french.txt", "warning")
    assert "little sentence punctuation" in issue(bad, "no punctuation.txt", "warning")
    for good in bad_corpus.GOOD:
        assert not [i for i in bad.issues if i.source_file == good]


def test_markdown_and_html_are_turned_into_text(bad):
    md = article(bad, "markdown")
    assert md.headline == "Allies Meet in Ottawa"
    assert md.body_text == (
        "Ottawa — Officials met on Monday to discuss the defence pact.\n\nFirst point of the plan.\n\nSecond point."
    )
    page = article(bad, "page")
    assert page.headline == "Senators Visit Ottawa"
    assert page.body_text == "A delegation of senators met the prime minister.\n\nThey discussed trade & defence."
    assert ("HTML script or style", "alert('x')") in [(e.reason, e.text) for e in page.cleaning_log]


def test_file_names_with_spaces_and_non_ascii(bad):
    assert article(bad, "spaces and ünïcödé").headline == "Unicode File Name"


def test_manifest_mismatches_are_reported(bad):
    assert "listed in manifest.csv but no such file" in issue(bad, "missing_article", "warning")
    assert issue(bad, "markdown.txt", "warning") == "not listed in manifest.csv"


def test_cli_analyses_the_rest_records_issues_and_strict_fails(bad_folder, tmp_path):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bad_folder.iterdir()}

    def run(*extra):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "analysis",
                "analyze",
                "--corpus",
                str(bad_folder),
                "--output",
                str(tmp_path),
                *extra,
            ],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    result = run()
    assert result.returncode == 0, result.stderr
    assert "skipped, 2 files: empty file (no text): empty.txt, whitespace.txt" in result.stderr
    issues = pd.read_csv(tmp_path / "results" / "issues.csv")
    assert set(issues["severity"]) == {"skipped", "warning"}
    assert {"empty.txt", "binary.txt", "huge.txt", "french.txt"} <= set(issues["source_file"])
    articles = pd.read_csv(tmp_path / "results" / "articles.csv", dtype={"article_id": str})
    assert len(articles) == 12  # 3 seeds + 9 readable test files
    strict = run("--strict")
    assert strict.returncode == 3 and "strict" in strict.stderr.splitlines()[-1]
    assert (
        "skipped, 2 files: empty file (no text): empty.txt, whitespace.txt" in strict.stderr
    )  # reported again from the cache
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bad_folder.iterdir()}
    assert after == before  # the input corpus is never modified


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "table.csv"
    outputs.write_csv(pd.DataFrame({"a": [1]}), target)
    good = target.read_bytes()

    def broken_to_csv(self, path, **kwargs):
        open(path, "w").write("half-writ")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken_to_csv)
    with pytest.raises(OSError):
        outputs.write_csv(pd.DataFrame({"a": [2]}), target)
    assert target.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_failed_analysis_leaves_previous_results(tmp_path, monkeypatch):
    from analysis import measures

    analyze(PROJECT_ROOT / "seeds", tmp_path)
    before = {p.name: p.read_bytes() for p in (tmp_path / "results").glob("*.csv")}

    def failing(corpus, options):
        raise RuntimeError("analysis crashed")

    monkeypatch.setattr(measures, "MEASURES", (*measures.MEASURES, Measure("failing", failing, tables=("failing",))))
    with pytest.raises(RuntimeError):
        analyze(PROJECT_ROOT / "seeds", tmp_path, force=True, workers=1)
    assert {p.name: p.read_bytes() for p in (tmp_path / "results").glob("*.csv")} == before
