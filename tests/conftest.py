import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.pipeline.analyze import analyze, load_results
from analysis.pipeline.options import corpus_options
from analysis.text.load import load_corpus

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
SEEDS_OPTIONS = corpus_options(SEEDS)  # the case study's configuration, seeds/corpus.yaml
SEEDS_ACTORS = SEEDS_OPTIONS.actors_file
SEEDS_ISSUE_FRAMES = SEEDS_OPTIONS.issue_frames_file
SEED_CLEANING_RULES = SEEDS_OPTIONS.extra_cleaning_rules_file  # the seed sites' own debris rules


HOSTILE_ARTICLE = (
    'Hostile <b>Headline</b> <script>alert("headline")</script>\n\n'
    'The minister said <script>alert("xss")</script> was typed into the form. '
    "Then an image <img src=x onerror=alert(1)> appeared in the text. "
    'A link <a href="javascript:alert(2)">click me</a> was posted by Trump on Truth Social.\n\n'
    '"This is <iframe src=javascript:alert(3)></iframe> a quote," Carney said.\n'
)
HOSTILE_MARKERS = ['<script>alert("xss")</script>', "<img src=x onerror=alert(1)>"]


def run_site(corpus: Path, output: Path) -> subprocess.CompletedProcess:
    """`python -m analysis run` on a corpus, writing to `output`."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--corpus", str(corpus), "--output", str(output)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory):
    """One full run (tables, notebooks, report site) of the seeds with a hostile article added
    (markup in its text and manifest row): the corpus folder and the output folder."""
    root = tmp_path_factory.mktemp("seeds_site")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "000_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")  # first: among the rows shown
    with open(corpus / "manifest.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["000_hostile", "<script>alert('manifest')</script>", "<img src=x onerror=alert(4)>", "", "test"]
        )
    result = run_site(corpus, root / "output")
    assert result.returncode == 0, result.stderr
    return corpus, root / "output"


@pytest.fixture(scope="session")
def seeds_corpus():
    return load_corpus(SEEDS, actors_file=SEEDS_ACTORS, extra_rules_file=SEED_CLEANING_RULES)


@pytest.fixture(scope="session")
def seed(seeds_corpus):
    """Look up a seed article by its number prefix, e.g. seed('003')."""
    by_prefix = {a.article_id[:3]: a for a in seeds_corpus.articles}
    return by_prefix.__getitem__


@pytest.fixture(scope="session")
def seed_results(tmp_path_factory):
    """The result tables of the seeds, computed afresh by this code (not the committed results/)."""
    output = tmp_path_factory.mktemp("seed_results")
    analyze(SEEDS, output, SEEDS_OPTIONS, workers=1)
    return load_results(output)


@pytest.fixture(scope="module")
def results(seed_results):
    """The seeds' result tables, for tests that read them."""
    return seed_results


def copy(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: table.copy() for name, table in tables.items()}


def only_articles(tables, article_ids) -> dict[str, pd.DataFrame]:
    """The tables restricted to some articles (rows of corpus-level tables without an id kept)."""
    return {
        name: (
            table[table["article_id"].isin(article_ids)].reset_index(drop=True)
            if "article_id" in table
            else table.copy()
        )
        for name, table in tables.items()
    }
