from pathlib import Path

import pytest

from analysis.pipeline.analyze import analyze, load_results
from analysis.text.load import load_corpus

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_corpus():
    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed(seeds_corpus):
    """Look up a seed article by its number prefix, e.g. seed('003')."""
    by_prefix = {a.article_id[:3]: a for a in seeds_corpus.articles}
    return by_prefix.__getitem__


@pytest.fixture(scope="session")
def seed_results(tmp_path_factory):
    """The result tables of the seeds, computed afresh by this code (not the committed results/)."""
    output = tmp_path_factory.mktemp("seed_results")
    analyze(SEEDS, output, workers=1)
    return load_results(output)
