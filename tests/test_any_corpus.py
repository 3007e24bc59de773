"""Any corpus, any size: where outputs go, the report site of small and odd corpora, feedback
on long work, and notebook text that names nothing of the case study."""

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import PROJECT_ROOT, SEEDS

from analysis import cli, paths
from analysis.paths import ProtectedOutputError, output_dir_for
from analysis.pipeline.analyze import analyze, issue_summary
from analysis.report import findings

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PARAGRAPH = (
    "The town council voted on Tuesday to repair the old harbour wall, ending a dispute that has lasted "
    "three years. Residents welcomed the decision, though several said the cost was far too high."
)


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def cli_run(*args):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600
    )


# --- Where outputs go ----------------------------------------------------------------------


def test_outputs_of_another_corpus_go_to_runs_and_never_to_the_project_root(tmp_path):
    corpus = write_corpus(tmp_path / "bbc", {"a.txt": PARAGRAPH})
    assert output_dir_for(SEEDS) == PROJECT_ROOT
    assert output_dir_for(SEEDS, PROJECT_ROOT) == PROJECT_ROOT  # the case study writes its own outputs
    assert output_dir_for(corpus) == paths.RUNS_DIR / "bbc"
    assert output_dir_for(corpus / "a.txt") == paths.RUNS_DIR / "a"  # a table file: named after its stem
    assert output_dir_for(corpus, tmp_path / "out") == tmp_path / "out"
    with pytest.raises(ProtectedOutputError, match="case study's committed outputs"):
        output_dir_for(corpus, PROJECT_ROOT)


def test_cli_refuses_the_project_root_for_another_corpus(tmp_path):
    corpus = write_corpus(tmp_path / "mine", {"a.txt": PARAGRAPH})
    result = cli_run("analyze", "--corpus", str(corpus), "--output", str(PROJECT_ROOT))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "error: the project root holds the case study's committed outputs" in result.stderr
    assert "runs/mine/" in result.stderr


def test_cli_without_output_writes_to_the_corpus_folder_under_runs_and_says_so(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "my corpus", {"a.txt": f"Harbour repairs approved\n\n{PARAGRAPH}\n"})
    monkeypatch.setattr(paths, "RUNS_DIR", tmp_path / "runs")
    assert cli.main(["analyze", "--corpus", str(corpus), "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    target = tmp_path / "runs" / "my corpus"
    assert f"outputs go to {target}/" in err
    assert (target / "results" / "articles.csv").is_file()
    assert re.fullmatch(rf"1 article analysed in \d+ s; tables in {re.escape(str(target / 'results'))}\n", out)


# --- Feedback ------------------------------------------------------------------------------


def test_issues_are_summarised_per_kind_with_the_first_files():
    reasons = ["text may be truncated: the last paragraph ends without punctuation"] * 5 + [
        "probably not English (3% English function words): English lexicons are unreliable on it",
        "probably not English (12% English function words): English lexicons are unreliable on it",
        "same text as a0.txt",
    ]
    issues = pd.DataFrame(
        {
            "source_file": [f"a{i}.txt" for i in range(len(reasons))],
            "severity": ["warning"] * 7 + ["skipped"],
            "reason": reasons,
        }
    )
    lines = issue_summary(issues, PROJECT_ROOT / "runs" / "x" / "results" / "issues.csv")
    assert lines == [
        "1 file(s) skipped and 7 warning(s); every one in runs/x/results/issues.csv:",
        "  warning, 5 files: text may be truncated: the last paragraph ends without punctuation: "
        "a0.txt, a1.txt, a2.txt and 2 more",
        "  warning, 2 files: probably not English: English lexicons are unreliable on it: "
        "a5.txt (3% English function words), a6.txt (12% English function words)",
        "  skipped, 1 file: same text as a0.txt: a7.txt",
    ]
    assert issue_summary(issues.iloc[:0], None) == []


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_bar_on_a_terminal_only(tmp_path, monkeypatch, terminal):
    corpus = write_corpus(
        tmp_path / "corpus", {f"{i}.txt": f"Story {i}\n\n{PARAGRAPH} Number {i}.\n" for i in range(3)}
    )
    stream = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    analyze(corpus, tmp_path / "out", workers=1)
    shown = stream.getvalue()
    if terminal:
        assert "analysing" in shown and "/3 [" in shown and " articles/s]" in shown  # count, time, rate
    else:
        assert shown == ""


# --- Small and odd corpora: the whole report site ------------------------------------------

ONE_ARTICLE = {
    "story.txt": (
        "Harbour repairs approved after long delay\n\n"
        f"{PARAGRAPH}\n\n"
        '"We have waited years for this," said Ann Lee, a local teacher who has campaigned for the repairs.\n'
    )
}
NO_ACTOR_NO_QUOTE = {
    f"{i}.txt": (
        "Rain expected across the region this week\n\n"
        "Forecasters expect heavy rain across the region for most of the week, with the wettest weather on "
        f"Thursday. Rivers may rise in low areas and drivers should take care. Bulletin {i}.\n"
    )
    for i in range(3)
}
NO_HEADLINE = {
    f"{i}.txt": (
        "The library in the town centre will close for two weeks in March while its heating system is "
        "replaced, the council said on Monday, and a mobile library will visit each district twice.\n\n"
        f"Staff said the building had been cold for several winters. No fines will be charged. Notice {i}.\n"
    )
    for i in range(2)
}


ONLY_HEADLINES = {
    "h1.txt": "Council votes to repair the old harbour wall after three years\n",
    "h2.txt": "You won't believe what the library found behind its heating system\n",
    "h3.txt": "Town to close main library for two weeks in March\n",
}


@pytest.mark.parametrize(
    "texts, check, shown",
    [
        (ONE_ARTICLE, ("08_synthesis.html", "One article is a case study"), None),
        (
            NO_ACTOR_NO_QUOTE,
            ("05_source_attribution.html", "nothing to cross-tabulate"),
            ("01_corpus", "05_source_attribution", "07_credibility"),
        ),
        (
            NO_HEADLINE,
            ("01_corpus.html", "found no person, organisation, country or place in this corpus"),
            ("01_corpus", "02_sentiment", "06_reuse", "08_synthesis"),
        ),
        (ONLY_HEADLINES, ("02_sentiment.html", "All items are headlines without a body"), None),
    ],
    ids=["one article", "no actor, no quotation", "no headline", "only headlines"],
)
def test_run_writes_the_whole_report_site(tmp_path, texts, check, shown):
    """Every notebook on the two most extreme corpora; on the others, the notebooks that read what
    the corpus lacks (attributions, headlines)."""
    corpus = write_corpus(tmp_path / "corpus", texts)
    out = tmp_path / "out"
    notebooks = [n for n in NOTEBOOKS if shown is None or n.stem in shown]
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for notebook in notebooks:
        shutil.copy(notebook, folder / notebook.name)
    result = cli_run("run", "--corpus", str(corpus), "--output", str(out), "--notebooks", str(folder))
    assert result.returncode == 0, result.stderr
    assert re.search(
        rf"^{len(notebooks)} notebooks executed in \d+ s; open {re.escape(str(out))}/reports/index.html$",
        result.stdout,
        re.M,
    )
    reports = out / "reports"
    index = (reports / "index.html").read_text(encoding="utf-8")
    for notebook in notebooks:
        for name in (f"{notebook.stem}.html", f"{notebook.stem}.full.html", notebook.name):
            assert (reports / name).is_file() and f"href='{name}'" in index
    assert "reports failed in this run" not in index
    articles = pd.read_csv(out / "results" / "articles.csv")
    assert len(articles) == len(texts)
    if texts is NO_HEADLINE:
        assert articles["headline"].isna().all()
    name, phrase = check
    assert phrase in (reports / name).read_text(encoding="utf-8")


# --- Notebook text -------------------------------------------------------------------------

CASE_STUDY_WORDS = re.compile(
    r"\b(five articles|this (particular )?story|Greenland\w*|Canada|Trump|NATO|Carney|Denmark)\b", re.I
)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_name_nothing_of_the_case_study_and_stay_thin(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        assert not CASE_STUDY_WORDS.search(source), source
        if cell["cell_type"] == "code":
            assert len(source.splitlines()) <= 15 and not cell["outputs"] and cell["execution_count"] is None


def test_configuration_sentences_name_the_files_actors_and_frames():
    entities = pd.DataFrame({"entity_id": ["a1", "a3", "lee"]})
    labels = {f"a{i}": f"Actor {i}" for i in range(10)}
    sentence = findings.actors_file_use(labels, PROJECT_ROOT / "my_actors.yaml", entities)
    assert sentence.startswith("The actors file `my_actors.yaml` labels and merges entities: 2 of its 10 actors are")
    assert "No actors file lists anyone here" in findings.actors_file_use({}, "x.yaml", entities)
    terms = {"Economy": ("tariff*", "trade"), "Diplomacy": ("Trade", "summit*"), "Health": ("hospital*",)}
    assert findings.issue_frame_list(terms, PROJECT_ROOT / "frames.yaml").startswith(
        "The issue frames are the 3 dictionaries of `frames.yaml` (5 terms): Economy; Diplomacy; Health."
    )
    assert "1 term belongs to more than one frame (for example `trade`: Economy; Diplomacy)" in (
        findings.issue_frames_caveat(terms)
    )
    assert "no term belongs to two frames" in findings.issue_frames_caveat({"Health": ("hospital*",)})


def test_quoted_words_sentence():
    quoted = pd.DataFrame(
        {
            "speaker": ["Ann Lee", "officials", "Ann Lee"],
            "source_class": ["named", "vague", "named"],
            "n_words": [6, 2, 2],
        }
    )
    assert findings.quoted_words(quoted) == (
        "10 words are quoted in all. The most quoted speaker is **Ann Lee** (8 words, 80%); "
        "named speakers get 80% of the quoted words."
    )
    assert findings.quoted_words(quoted.iloc[:0]) == "No quotation was attributed in this corpus."
    labelled = quoted.assign(speaker=["ann_lee", "officials", "ann_lee"])
    assert "speaker is **Ann Lee** (8 words" in findings.quoted_words(labelled, {"ann_lee": "Ann Lee"})
