"""The result tables are byte-identical to those of the package before its speed-ups.

`tests/data/outputs_before_speedups.csv` holds the SHA-256 of every result table (each CSV in
`results/`) of `analyze` on two fixed corpora: the seeds, and a generated one (the forty dated
articles of `dated_corpus.py` over five topics and two outlets, with the saved web pages of
`news_pages.py` in a subfolder the manifest does not list). It also holds the SHA-256 of the
generated corpus's files, so that a change to the generators is reported as such. The file was
written by the package before the speed-ups (commit e019207) with

    PYTHONPATH=. .venv/bin/python tests/test_outputs_unchanged.py --write

and is rewritten the same way only when a result changes on purpose: since then, the three
sensationalism tables, for the clickbait model's headline cues and probability, `frames.csv`,
for the minimum evidence of a dominant frame, and `stances.csv`, added with the stance
attributions (the other digests unchanged).
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dated_corpus import write_dated_corpus  # noqa: E402
from news_pages import write_pages  # noqa: E402

from analysis.pipeline.analyze import analyze  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "data" / "outputs_before_speedups.csv"
CORPUS_DIGEST = "(corpus files)"


def write_generated_corpus(folder: Path) -> Path:
    """The generated corpus: dated articles, and saved web pages in `pages/`."""
    write_dated_corpus(folder, n_articles=40)
    write_pages(folder / "pages")
    return folder


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_digest(folder: Path) -> str:
    """One SHA-256 over every file of a corpus folder, names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def table_digests(output: Path) -> dict[str, str]:
    """The SHA-256 of each result table of an output folder, by file name."""
    return {path.name: sha256(path) for path in sorted((output / "results").glob("*.csv"))}


def read_golden() -> dict[tuple[str, str], str]:
    rows = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "corpus,table,sha256", f"{GOLDEN}: unexpected header {rows[0]!r}"
    return {(corpus, table): digest for corpus, table, digest in (row.split(",") for row in rows[1:])}


def analysed(scratch: Path) -> dict[str, tuple[Path, Path]]:
    """Run `analyze` (default workers, everything recomputed) on both corpora: name -> (corpus, output)."""
    corpora = {"seeds": SEEDS, "generated": write_generated_corpus(scratch / "generated")}
    for name, corpus in corpora.items():
        analyze(corpus, scratch / f"out-{name}", force=True)
    return {name: (corpus, scratch / f"out-{name}") for name, corpus in corpora.items()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return analysed(tmp_path_factory.mktemp("outputs_unchanged"))


def test_generated_corpus_is_the_one_recorded(runs):
    corpus, _ = runs["generated"]
    assert corpus_digest(corpus) == read_golden()[("generated", CORPUS_DIGEST)], (
        "the generated corpus changed (tests/dated_corpus.py or tests/news_pages.py): "
        "the recorded digests no longer apply"
    )


@pytest.mark.parametrize("name", ["seeds", "generated"])
def test_result_tables_are_byte_identical_to_before_the_speedups(runs, name):
    golden = {table: digest for (corpus, table), digest in read_golden().items() if corpus == name}
    golden.pop(CORPUS_DIGEST, None)
    produced = table_digests(runs[name][1])
    assert sorted(produced) == sorted(golden), "the set of result tables changed"
    changed = [table for table in golden if produced[table] != golden[table]]
    assert not changed, f"result tables of the {name} corpus differ from before the speed-ups: {changed}"


def test_incremental_parallel_run_matches_one_worker_full_run(runs, tmp_path):
    """An edited article, rerun with the default workers reusing the cache, gives the tables of a
    one-worker run that recomputes everything."""
    corpus, output = runs["generated"]
    shutil.copytree(corpus, tmp_path / "corpus")
    shutil.copytree(output, tmp_path / "incremental")
    edited = tmp_path / "corpus" / "a07.txt"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\n\n", "\n\nThe council said the figures were alarming.\n\n", 1), encoding="utf-8")
    analyze(tmp_path / "corpus", tmp_path / "incremental")
    analyze(tmp_path / "corpus", tmp_path / "full", workers=1, force=True)
    incremental, full = table_digests(tmp_path / "incremental"), table_digests(tmp_path / "full")
    assert incremental == full
    assert incremental["sentences.csv"] != table_digests(output)["sentences.csv"]  # the edit was analysed


def write_golden(scratch: Path) -> None:
    """Write GOLDEN from this checkout's outputs."""
    runs = analysed(scratch)
    lines = ["corpus,table,sha256", f"generated,{CORPUS_DIGEST},{corpus_digest(runs['generated'][0])}"]
    for name, (_, output) in runs.items():
        lines += [f"{name},{table},{digest}" for table, digest in table_digests(output).items()]
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(PROJECT_ROOT)} ({len(lines) - 1} digests)")


if __name__ == "__main__":
    import tempfile

    if sys.argv[1:] != ["--write"]:
        sys.exit(f"usage: {sys.argv[0]} --write   (records this checkout's outputs in {GOLDEN.name})")
    with tempfile.TemporaryDirectory() as folder:
        write_golden(Path(folder))
