"""Incremental reruns, --force, parallel batches and the Dask engine give the same tables."""

import hashlib
import shutil

import pytest
from conftest import SEEDS

from analysis.pipeline import analyze as analyze_module
from analysis.pipeline import engines
from analysis.pipeline.analyze import analyze
from analysis.pipeline.options import Options


def digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture()
def processed(monkeypatch):
    """The files each analysis run actually reads and analyses (in-process runs)."""
    seen = []
    original = engines.analyze_chunk

    def recording(files, options):
        seen.extend(entry.source_file for entry in files)
        return original(files, options)

    monkeypatch.setattr(engines, "analyze_chunk", recording)
    return seen


def test_rerun_reuses_unchanged_articles_and_matches_a_full_recompute(corpus, tmp_path, processed):
    out = tmp_path / "out"
    analyze(corpus, out, workers=1)
    assert len(processed) == 5
    processed.clear()
    analyze(corpus, out, workers=1)
    assert processed == []  # nothing changed: nothing analysed

    edited = corpus / "002_bc908ce1d43d3e45.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "Carney did not raise his voice.", "Carney did not raise his voice at all."
        ),
        encoding="utf-8",
    )
    (corpus / "004_9a3b7cfcff6c6edd.txt").unlink()
    analyze(corpus, out, workers=1)
    assert processed == ["002_bc908ce1d43d3e45.txt"]

    processed.clear()
    analyze(corpus, tmp_path / "fresh", workers=1, force=True)
    assert len(processed) == 4
    assert digests(out / "results") == digests(tmp_path / "fresh" / "results")


def test_changed_options_recompute_everything(corpus, tmp_path, processed):
    analyze(corpus, tmp_path / "out", workers=1)
    processed.clear()
    analyze(corpus, tmp_path / "out", Options(sentiment_threshold=0.2), workers=1)
    assert len(processed) == 5


def test_parallel_batches_give_the_same_tables(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "CHUNK_SIZE", 1)
    monkeypatch.setattr(engines, "ARTICLES_PER_WORKER", 1)
    analyze(corpus, tmp_path / "parallel", workers=2)
    analyze(corpus, tmp_path / "serial", workers=1)
    assert digests(tmp_path / "parallel" / "results") == digests(tmp_path / "serial" / "results")


def test_dask_engine_matches_the_local_engine(corpus, tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(engines, "CHUNK_SIZE", 2)
    analyze(corpus, tmp_path / "local", workers=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
        analyze(corpus, tmp_path / "scheduler", engine="dask", scheduler=cluster.scheduler_address)
    analyze(corpus, tmp_path / "own-cluster", engine="dask", workers=2)
    for run in ("scheduler", "own-cluster"):
        assert digests(tmp_path / run / "results") == digests(tmp_path / "local" / "results")


def test_files_with_the_same_bytes_are_analysed_once_and_give_the_tables_of_analysing_each(
    corpus, tmp_path, processed, monkeypatch
):
    original = corpus / "001_743d1558921b3e64.txt"
    shutil.copyfile(original, corpus / "001_copy.txt")
    (corpus / "zz").mkdir()
    shutil.copyfile(original, corpus / "zz" / "copy.txt")
    analyze(corpus, tmp_path / "out", workers=1)
    assert "001_copy.txt" not in processed and "zz/copy.txt" not in processed
    issues = (tmp_path / "out" / "results" / "issues.csv").read_text(encoding="utf-8")
    assert "001_copy.txt,skipped,same text as 001_743d1558921b3e64.txt" in issues
    assert "zz/copy.txt,skipped,same text as 001_743d1558921b3e64.txt" in issues
    processed.clear()
    analyze(corpus, tmp_path / "out", workers=1)
    assert processed == []

    monkeypatch.setattr(analyze_module, "_bytes_key", lambda entry: None)  # every file analysed
    analyze(corpus, tmp_path / "each", workers=1)
    assert {"001_copy.txt", "zz/copy.txt"} <= set(processed)
    assert digests(tmp_path / "out" / "results") == digests(tmp_path / "each" / "results")


def test_a_duplicate_text_is_reused_and_stands_in_when_its_original_goes(corpus, tmp_path, processed):
    original = corpus / "003_88c41c3fcf52136e.txt"
    (corpus / "009_same_text.txt").write_bytes(original.read_bytes() + b"\n\n")  # other bytes, same clean text
    out = tmp_path / "out"
    analyze(corpus, out, workers=1)
    assert "009_same_text.txt" in processed
    assert (
        "009_same_text.txt,skipped,same text as 003_88c41c3fcf52136e.txt"
        in (out / "results" / "issues.csv").read_text()
    )
    processed.clear()
    analyze(corpus, out, workers=1)
    assert processed == []  # the duplicate's result comes from the cache too

    original.unlink()
    analyze(corpus, out, workers=1)
    assert processed == []  # the duplicate now stands for the text, from the cache
    analyze(corpus, tmp_path / "fresh", workers=1, force=True)
    assert digests(out / "results") == digests(tmp_path / "fresh" / "results")


def test_a_small_corpus_is_analysed_without_worker_processes(corpus, tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for five articles")

    monkeypatch.setattr(engines, "ProcessPoolExecutor", no_pool)
    tables = analyze(corpus, tmp_path / "out", workers=2)
    assert len(tables["articles"]) == 5


def test_reuse_signatures_are_cached_not_written(corpus, tmp_path):
    tables = analyze(corpus, tmp_path / "out", workers=1)
    assert "reuse_signatures" not in tables
    assert not (tmp_path / "out" / "results" / "reuse_signatures.csv").exists()
