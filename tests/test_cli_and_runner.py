"""The command line, the notebook runner, and one end-to-end run on the seeds."""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import PROJECT_ROOT, SEEDS

from analysis.paths import NOTEBOOKS_DIR
from analysis.pipeline.analyze import load_results
from analysis.pipeline.provenance import recorded_options
from analysis.report.findings import summary_points
from analysis.report.runner import NotebookFailed, UsageError, list_notebooks, plan_parameters, run


def cli(*args, cwd=PROJECT_ROOT):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def write_notebook(path: Path, *sources: str, parameters="corpus_dir = 'seeds'\noutput_dir = '.'"):
    cells = [
        nbformat.v4.new_markdown_cell("# Test notebook"),
        nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
    ]
    cells += [nbformat.v4.new_code_cell(src) for src in sources]
    nb = nbformat.v4.new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    nbformat.write(nb, path)


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_analyze_writes_tables_deterministically(tmp_path):
    for out in ("a", "b"):
        result = cli("analyze", "--corpus", str(SEEDS), "--output", str(tmp_path / out))
        assert result.returncode == 0, result.stderr
    results = tmp_path / "a" / "results"
    assert {p.name for p in results.glob("*.csv")} >= {
        "articles.csv",
        "cleaning_log.csv",
        "sentences.csv",
        "entities.csv",
        "entity_mentions.csv",
        "entity_tone.csv",
        "issues.csv",
    }
    assert digest_tree(results) == digest_tree(tmp_path / "b" / "results")
    provenance = json.loads((results / "provenance.json").read_text())
    assert provenance["n_articles"] == 5 and provenance["tools"]["textstat"] == "0.7.13"
    header = (results / "sentences.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("article_id,part,paragraph_id,sentence_id,start,end,n_words,text")


def test_an_unchanged_analyze_answers_without_loading_the_analyses(tmp_path):
    first = cli("analyze", "--corpus", str(SEEDS), "--output", str(tmp_path), "--workers", "1")
    assert first.returncode == 0, first.stderr
    heavy = ("pandas", "matplotlib", "spacy", "nbconvert")
    script = (
        "import sys; from analysis.cli import main; "
        f"code = main(['analyze', '--corpus', {str(SEEDS)!r}, '--output', {str(tmp_path)!r}]); "
        f"print(code, [m for m in {heavy!r} if m in sys.modules])"
    )
    again = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0].startswith("5 articles analysed in ")
    assert again.stdout.splitlines()[-1] == "0 []"
    assert again.stderr == first.stderr  # the same issue summary


def test_wrong_usage_gets_one_line_errors(tmp_path):
    missing = cli("analyze", "--corpus", str(tmp_path / "missing"), "--output", str(tmp_path))
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [f"error: corpus not found: {tmp_path / 'missing'}"]
    empty = cli("analyze", "--corpus", str(tmp_path), "--output", str(tmp_path))
    assert empty.returncode == 2 and "Traceback" not in empty.stderr
    unknown = cli("run", "--corpus", str(SEEDS), "--output", str(tmp_path), "--param", "no_such=1")
    assert unknown.returncode == 2
    assert "unknown notebook parameter(s): no_such" in unknown.stderr and "Traceback" not in unknown.stderr
    bad_option = cli("analyze", "--frobnicate")
    assert bad_option.returncode == 2 and "unrecognized arguments" in bad_option.stderr
    option_as_parameter = cli("run", "--output", str(tmp_path), "--param", "sentiment_threshold=0.1")
    assert option_as_parameter.returncode == 2 and option_as_parameter.stderr.splitlines() == [
        "error: sentiment_threshold is an analysis option, not a notebook parameter: "
        "use --sentiment-threshold or the config file"
    ]
    for argv, message in (
        (["--sentiment-threshold", "high"], "--sentiment-threshold: expected a number, got 'high'"),
        (["--actors", "nowhere.yaml"], "--actors: file not found: nowhere.yaml"),
    ):
        bad_value = cli("analyze", "--output", str(tmp_path), *argv)
        assert bad_value.returncode == 2 and bad_value.stderr.splitlines() == [f"error: {message}"]
    config = tmp_path / "options.yaml"
    config.write_text("issue_frames: frames.yaml\n")
    unknown_key = cli("analyze", "--output", str(tmp_path), "--config", str(config))
    assert unknown_key.returncode == 2 and len(unknown_key.stderr.splitlines()) == 1
    assert f"error: {config}: unknown option 'issue_frames' (known: " in unknown_key.stderr


def test_analyze_sets_the_sentiment_threshold_and_records_it(tmp_path):
    for out, argv in (("default", []), ("strict", ["--sentiment-threshold", "0.1"])):
        result = cli("analyze", "--corpus", str(SEEDS), "--output", str(tmp_path / out), "--workers", "1", *argv)
        assert result.returncode == 0, result.stderr
    default, strict = (pd.read_csv(tmp_path / out / "results" / "sentiment.csv") for out in ("default", "strict"))
    assert (strict["share_neutral"] >= default["share_neutral"]).all()
    assert (strict["share_neutral"] > default["share_neutral"]).any()
    assert default["mean_compound"].equals(strict["mean_compound"])
    provenance = json.loads((tmp_path / "strict" / "results" / "provenance.json").read_text())
    assert provenance["options"]["sentiment_threshold"] == 0.1


def test_the_synthesis_names_frames_from_the_issue_frames_option(tmp_path):
    frames = tmp_path / "frames.yaml"
    frames.write_text(
        (PROJECT_ROOT / "analysis" / "data" / "issue_frames.yaml")
        .read_text(encoding="utf-8")
        .replace("label: ", "label: Own "),
        encoding="utf-8",
    )
    result = cli(
        "analyze", "--corpus", str(SEEDS), "--output", str(tmp_path), "--workers", "1", "--issue-frames", str(frames)
    )
    assert result.returncode == 0, result.stderr
    points = summary_points(load_results(tmp_path), recorded_options(SEEDS, tmp_path))
    framing = next(point for point in points if point.startswith("Framing:"))
    assert "issue frame is Own " in framing


def test_parameters_are_checked_against_each_notebook(tmp_path):
    first, second = tmp_path / "01_a.ipynb", tmp_path / "02_b.ipynb"
    write_notebook(first)
    write_notebook(second, parameters="corpus_dir = 'seeds'\noutput_dir = '.'\nthreshold = 0.05")
    standard = {"corpus_dir": "x", "output_dir": "y"}
    plan = plan_parameters([first, second], standard, {"threshold": 0.1}, {"sentiment_threshold": 0.2})
    assert plan[first] == standard and plan[second] == {**standard, "threshold": 0.1}
    write_notebook(first, parameters="corpus_dir = 'seeds'\noutput_dir = '.'\nsentiment_threshold = 0.05")
    assert plan_parameters([first], standard, {}, {"sentiment_threshold": 0.2})[first] == {
        **standard,
        "sentiment_threshold": 0.2,
    }
    with pytest.raises(UsageError, match="unknown notebook parameter"):
        plan_parameters([first, second], standard, {"treshold": 0.1})
    lacking = tmp_path / "03_c.ipynb"
    write_notebook(lacking, parameters="corpus_dir = 'seeds'")
    with pytest.raises(UsageError, match="03_c.ipynb: parameters cell lacks output_dir"):
        plan_parameters([lacking], standard, {})


def test_failing_notebook_names_notebook_cell_and_error_and_keeps_traceback(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01_ok.ipynb", "print('fine')")
    write_notebook(notebooks / "02_broken.ipynb", "x = 1", "1 / 0")
    write_notebook(notebooks / "03_markup.ipynb", "raise ValueError('<script>alert(1)</script>')")
    out = tmp_path / "out"
    with pytest.raises(NotebookFailed) as failure:
        run(SEEDS, out, notebooks, log=lambda message: None)
    message = str(failure.value)
    assert "notebook 02_broken.ipynb failed in cell" in message and "ZeroDivisionError" in message
    assert [r.notebook for r in failure.value.reports if r.error] == ["02_broken.ipynb", "03_markup.ipynb"]
    failed = out / "reports" / "02_broken.failed.ipynb"
    assert failed.is_file() and "ZeroDivisionError" in failed.read_text()
    assert "ZeroDivisionError" in (out / "reports" / "02_broken.failed.html").read_text(encoding="utf-8")
    assert not (out / "reports" / "02_broken.ipynb").exists()
    assert (out / "reports" / "01_ok.html").is_file()
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")  # written despite the failures
    assert "2 of 3 reports failed in this run" in index and "href='01_ok.html'" in index
    assert "ZeroDivisionError: division by zero" in index and "href='02_broken.failed.html'" in index
    assert "ValueError: &lt;script&gt;alert(1)&lt;/script&gt;" in index and "<script>" not in index
    result = cli("run", "--corpus", str(SEEDS), "--output", str(out), "--notebooks", str(notebooks))
    assert result.returncode == 1 and "02_broken.ipynb failed" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: 2 of 3 notebooks failed (02_broken.ipynb in cell")
    assert result.stderr.splitlines()[-1].endswith(f"open {out / 'reports' / 'index.html'}")


def test_end_to_end_run_on_the_seeds_twice_gives_the_same_bytes(seeds_site, tmp_path):
    corpus, first_run = seeds_site  # the seeds, with one hostile article added
    again = cli("run", "--corpus", str(corpus), "--output", str(tmp_path))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"{len(list_notebooks())} notebooks executed in ")
    for folder in ("results", "figures"):
        first, second = digest_tree(first_run / folder), digest_tree(tmp_path / folder)
        assert first and first == second
    rerun = cli("run", "--corpus", str(corpus), "--output", str(tmp_path))
    assert rerun.returncode == 0 and "running" not in rerun.stderr  # nothing changed: nothing reruns
    assert rerun.stdout.startswith(f"{len(list_notebooks())} notebooks unchanged since the last run, none executed")
    assert {name.rsplit(".", 1)[1] for name in digest_tree(tmp_path / "figures")} == {"png", "svg"}
    reports = tmp_path / "reports"
    index = (reports / "index.html").read_text(encoding="utf-8")
    notebooks = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for notebook in notebooks:
        for name in (f"{notebook.stem}.html", f"{notebook.stem}.full.html", f"{notebook.stem}.ipynb"):
            assert (reports / name).is_file()
            assert f"href='{name}'" in index
        reader = (reports / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert "<script src=" not in reader and "cdnjs" not in reader
        assert "hl-ipython3" not in reader  # no code cells in the reader version
        assert "hl-ipython3" in (reports / f"{notebook.stem}.full.html").read_text(encoding="utf-8")
        assert "No description has been provided" not in reader  # every figure has its text alternative
    framing = (reports / "03_framing.html").read_text(encoding="utf-8")
    assert 'alt="Figure. What the clickbait model reads in a headline: Weight: change in the log-odds' in framing
    for figure in ("corpus_structure", "entity_mentions", "entity_tone"):
        assert (tmp_path / "figures" / f"{figure}.png").stat().st_size > 10_000
        assert (tmp_path / "figures" / f"{figure}.svg").is_file()


def test_run_on_a_few_articles_without_an_actors_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, topic in enumerate(("the harbour", "the library", "the orchard")):
        (corpus / f"{i}.txt").write_text(
            f"Council votes on {topic}\n\nThe council voted on Tuesday to repair {topic}. "
            "Residents welcomed the decision, though some said the cost was too high. "
            f'"We have waited years for this," said Ann Lee, a local teacher.\n',
            encoding="utf-8",
        )
    notebooks = tmp_path / "notebooks"  # the notebooks this corpus tests
    notebooks.mkdir()
    for name in ("01_corpus", "02_sentiment", "06_reuse"):
        shutil.copy(NOTEBOOKS_DIR / f"{name}.ipynb", notebooks)
    result = cli("run", "--corpus", str(corpus), "--output", str(tmp_path / "out"), "--notebooks", str(notebooks))
    assert result.returncode == 0, result.stderr
    reports = tmp_path / "out" / "reports"
    assert "no figure of the tone toward entities per article" in (reports / "02_sentiment.html").read_text(
        encoding="utf-8"
    )
    assert "<strong>Ann Lee</strong> (person; 3 mentions in 3 articles)" in (reports / "01_corpus.html").read_text(
        encoding="utf-8"
    )
    assert (tmp_path / "out" / "reports" / "index.html").is_file()
    reuse = (reports / "06_reuse.html").read_text(encoding="utf-8")  # three copies of one template
    assert "3 pairs of articles are near-duplicates" in reuse and "into 1 cluster" in reuse
    assert (tmp_path / "out" / "figures" / "reuse_similarity.png").is_file()
