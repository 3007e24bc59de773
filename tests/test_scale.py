"""Incremental reruns, --force, parallel batches and the Dask engine give the same tables."""

import hashlib
import shutil

import pytest
from conftest import SEEDS

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
