"""The report site stays small enough to send: each reader page and the whole folder within
their budgets (`site.READER_PAGE_BYTES`, `site.SITE_BYTES`, set for a corpus the size of BBC
News), checked on a few hundred short articles. The pages must not grow with the corpus (tables
show a screenful of rows, figures a readable number of articles), and the tables shared with
them grow with its words: scaled to BBC News's words they must still fit. (Short generated
articles compress better than news, so this is a guard against regressions, not the measure.) The BBC measurement
itself is `make site-size` (benchmarks/site_size.py, benchmarks/site_size.csv)."""

import gzip
import random
import re
import subprocess
import sys

import nbformat
import pandas as pd
import pytest
from conftest import PROJECT_ROOT

from analysis.report import tables
from analysis.report.runner import list_notebooks
from analysis.report.site import READER_PAGE_BYTES, SITE_BYTES, site_files

N_ARTICLES = 240
BBC_WORDS = 804_256  # words of the 2,128 distinct BBC News articles (benchmarks/site_size.csv's run)
TOPICS = ("council", "harbour", "school", "hospital")
NAMES = ("Ann Lee", "Omar Diaz", "Grace Kim", "Tom Hale", "Lena Berg", "Raj Patel")
VERBS = ("approved", "rejected", "delayed", "questioned", "welcomed", "criticised")
THINGS = ("the budget", "the new plan", "the repairs", "the report", "the proposal", "the contract")
MOODS = ("a serious blow", "good news", "a disappointing result", "an important step", "a costly mistake")


def article(rng: random.Random, topic: str, number: int) -> str:
    name, other = rng.sample(NAMES, 2)
    sentences = [
        f"The {topic} board {rng.choice(VERBS)} {rng.choice(THINGS)} on day {number}.",
        f'"This is {rng.choice(MOODS)} for everyone here," said {name}, who chairs the {topic} committee.',
        f"Officials said {rng.choice(THINGS)} would cost {rng.randint(2, 90)} million pounds over {rng.randint(2, 9)} years.",
        f"{other} told reporters that residents had waited too long and {rng.choice(VERBS)} the decision.",
        f"A spokesperson said the {topic} would publish {rng.choice(THINGS)} next month.",
    ]
    headline = f"{topic.title()} board {rng.choice(VERBS)} {rng.choice(THINGS)} ({number})"
    return headline + "\n\n" + " ".join(sentences) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("size")
    rng = random.Random(17)
    for i in range(N_ARTICLES):
        topic = TOPICS[i % len(TOPICS)]
        folder = root / "corpus" / topic
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:03d}.txt").write_text(article(rng, topic, i), encoding="utf-8")
    output = root / "output"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--corpus", str(root / "corpus"), "--output", str(output)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr
    return output


def test_reader_pages_within_budget_and_tables_a_screenful(site):
    files = site_files(site / "reports")
    readers = [(name, size) for name, size, kind in files if kind == "reader page"]
    assert len(readers) == len(list_notebooks())
    for name, size in readers:
        # pages reach their full size by a few hundred articles (BBC News: 0.6 MB at most): half the budget
        assert size <= READER_PAGE_BYTES / 2, f"{name}: {size:,} bytes at {N_ARTICLES} articles"
        page = (site / "reports" / name).read_text(encoding="utf-8")
        for table in re.findall(r"<tbody>(.*?)</tbody>", page, re.S):
            assert table.count("<tr>") <= 30, f"{name}: a table of {table.count('<tr>')} rows"
        assert "data:image/png;base64," in page  # figures included


def scaled_tables(results, factor: float) -> float:
    """Bytes of the result tables the site would share with `factor` times the words: each table
    scaled (uncompressed and gzip-compressed), then shared by the site's rule (`tables.shared_name`)."""
    sizes = sorted(
        (path.stat().st_size * factor, len(gzip.compress(path.read_bytes())) * factor) for path in results.glob("*.csv")
    )
    shared, total = 0.0, 0.0
    for raw, packed in sizes:
        total += raw
        if total <= tables.COPY_BUDGET:
            shared += raw if raw <= tables.PLAIN_LIMIT else packed
    return shared


def test_the_whole_site_scaled_to_bbc_news_fits_its_budget(site):
    files = site_files(site / "reports")
    pages = sum(size for _, size, kind in files if kind != "table")
    words = int(pd.read_csv(site / "results" / "articles.csv")["n_words"].sum())
    fixed = sum(size for name, size, _ in files if name.startswith("tables/validation"))  # the same for any corpus
    scaled = pages + fixed + scaled_tables(site / "results", BBC_WORDS / words)
    derived = sum(p.stat().st_size for p in (site / "reports" / "tables" / "derived").glob("*.csv"))
    scaled += derived * BBC_WORDS / words
    assert pages <= SITE_BYTES / 2, f"pages {pages:,} bytes"
    assert scaled <= SITE_BYTES, f"pages {pages:,} bytes, with the tables scaled to BBC News {scaled:,.0f} bytes"
    for name, _, kind in files:
        if kind == "notebook":  # the executed notebooks, compact figures and all, still open in JupyterLab
            nbformat.validate(nbformat.read(site / "reports" / name, as_version=4))
    names = {name for name, _, _ in files}
    assert "tables/articles.csv" in names and any(n.startswith("tables/validation/") for n in names)


def test_index_writes_list_options_as_the_command_line_does_and_finds_each_analysis_summary(tmp_path):
    from analysis.report import site

    assert site._option_text(["outlet", "date"]) == "outlet,date" and site._option_text(None) == ""
    assert site._option_text(0.05) == "0.05"
    pd.DataFrame({"key": ["a", "b"], "analysis": ["framing", "sensationalism"]}).to_csv(
        tmp_path / "framing_summary.csv", index=False
    )
    assert site._summary_holding("sensationalism", tmp_path) == "framing_summary"
    assert site._summary_holding("readability", tmp_path) is None
