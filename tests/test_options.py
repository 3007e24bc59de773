"""Analysis options: one declaration, the same values from the command line, a config file and
notebook parameters; clear errors; the cache key; the measure registry."""

import ast
import dataclasses
import pickle
import re
import shutil
from pathlib import Path

import papermill
import pytest
from conftest import PROJECT_ROOT, SEEDS, SEEDS_ACTORS, SEEDS_ISSUE_FRAMES, SEEDS_OPTIONS

from analysis.cli import build_parser, command_line_options
from analysis.measures import MEASURES
from analysis.pipeline import provenance
from analysis.pipeline.analyze import analyze
from analysis.pipeline.options import (
    RUN_OPTIONS,
    OptionError,
    Options,
    flag_of,
    help_of,
    metavar_of,
    notebook_options,
    option_names,
    read_config,
)


@pytest.fixture()
def lexicons(tmp_path):
    """Copies of the case study's issue frames and actors, so that tests may edit them."""
    frames = shutil.copy(SEEDS_ISSUE_FRAMES, tmp_path / "frames.yaml")
    actors = shutil.copy(SEEDS_ACTORS, tmp_path / "actors.yaml")
    return Path(frames), Path(actors)


def from_flags(*argv, corpus: Path):
    return command_line_options(build_parser().parse_args(["analyze", "--corpus", str(corpus), *argv]))


def test_command_line_config_file_and_notebook_parameters_agree(tmp_path, lexicons, monkeypatch):
    frames, actors = lexicons
    monkeypatch.chdir(tmp_path)
    flags = from_flags(
        "--sentiment-threshold", "0.1", "--issue-frames", "frames.yaml", "--actors", str(actors), corpus=tmp_path
    )
    config = tmp_path / "analysis.yaml"
    config.write_text(f"sentiment_threshold: 0.1\nissue_frames_file: frames.yaml\nactors_file: {actors}\n")
    from_config = Options().replace(**read_config(config))
    notebook = Options().replace(
        **notebook_options({"sentiment_threshold": 0.1, "issue_frames_file": str(frames), "actors_file": str(actors)})
    )
    expected = Options(sentiment_threshold=0.1, issue_frames_file=frames, actors_file=actors)
    assert flags == from_config == notebook == expected
    assert (
        from_flags("--config", str(config), "--sentiment-threshold", "0.2", corpus=tmp_path).sentiment_threshold == 0.2
    )
    assert from_flags("--config", str(config), corpus=tmp_path) == expected.replace(config_file=config)


def test_defaults_mean_unset_in_notebooks_and_none_means_not_given():
    assert notebook_options({"sentiment_threshold": 0.05, "issue_frames_file": "analysis/data/issue_frames.yaml"}) == {}
    assert notebook_options({"sentiment_threshold": None}) == {}
    assert Options(sentiment_threshold=0.2).replace(sentiment_threshold=None).sentiment_threshold == 0.2


def test_notebooks_declare_options_with_their_literal_defaults():
    defaults = Options().to_mapping()
    declared = set()
    for notebook in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for name, parameter in papermill.inspect_notebook(str(notebook)).items():
            if name in option_names():
                declared.add(name)
                assert ast.literal_eval(parameter["default"]) == defaults[name], (notebook.name, name)
                if name not in RUN_OPTIONS:  # a run-level option is used by the notebook itself, not by setup
                    assert f"{name}={name}" in notebook.read_text(encoding="utf-8"), f"{notebook.name} ignores {name}"
    assert declared >= {"sentiment_threshold", "issue_frames_file", "generic_frames_file"}


def test_unknown_config_key_and_bad_values_are_one_line_errors(tmp_path):
    config = tmp_path / "analysis.yaml"
    config.write_text("sentiment_treshold: 0.1\n")
    with pytest.raises(OptionError, match=r"analysis.yaml: unknown option 'sentiment_treshold' \(known: "):
        read_config(config)
    config.write_text("sentiment_threshold: high\n")
    with pytest.raises(OptionError, match="analysis.yaml: sentiment_threshold: expected a number, got 'high'"):
        read_config(config)
    config.write_text("actors_file: missing.yaml\n")
    with pytest.raises(OptionError, match="analysis.yaml: actors_file: file not found: missing.yaml"):
        read_config(config)
    config.write_text("- sentiment_threshold\n")
    with pytest.raises(OptionError, match="expected option names and values"):
        read_config(config)
    with pytest.raises(OptionError, match="^--sentiment-threshold: expected a finite number, got 'nan'$"):
        from_flags("--sentiment-threshold", "nan", corpus=tmp_path)
    with pytest.raises(OptionError, match="^--generic-frames: file not found: nowhere.yaml$"):
        from_flags("--generic-frames", "nowhere.yaml", corpus=tmp_path)
    with pytest.raises(OptionError, match="^notebook parameters: sentiment_threshold: expected a number"):
        notebook_options({"sentiment_threshold": "x"})


def test_changing_a_file_option_s_content_invalidates_the_cache(lexicons):
    frames, actors = lexicons
    options = Options(issue_frames_file=frames, actors_file=actors)
    before = provenance.analysis_key(options)
    same = Options(issue_frames_file=SEEDS_ISSUE_FRAMES, actors_file=SEEDS_ACTORS)
    assert provenance.analysis_key(same) == before  # the same contents elsewhere
    frames.write_text(frames.read_text(encoding="utf-8").replace("tariff*", "tariff*, duty"), encoding="utf-8")
    assert provenance.analysis_key(options) != before
    changed = provenance.analysis_key(options)
    actors.write_text(actors.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert provenance.analysis_key(options) != changed
    assert provenance.analysis_key(Options(sentiment_threshold=0.1)) != provenance.analysis_key(Options())


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """The seeds analysed with the default options."""
    output = tmp_path_factory.mktemp("out")
    analyze(SEEDS, output, workers=1)
    return output


def test_an_edited_options_file_makes_the_tables_stale(analysed, lexicons):
    frames, _ = lexicons
    options = SEEDS_OPTIONS.replace(issue_frames_file=frames)
    assert provenance.results_are_current(SEEDS, analysed, options)  # a copy of the case study's file
    frames.write_text(
        frames.read_text(encoding="utf-8").replace("label: Sovereignty and international law", "label: Sovereignty"),
        encoding="utf-8",
    )
    assert not provenance.results_are_current(SEEDS, analysed, options)


def test_every_option_has_a_reader_and_every_declared_option_exists():
    read = set(provenance.per_article_options()) | set(provenance.METADATA_OPTIONS)
    assert read | set(RUN_OPTIONS) == set(option_names()) and not read & set(RUN_OPTIONS)
    for measure in MEASURES:
        assert set(measure.options) <= set(option_names()), measure.name


class RecordingOptions:
    """Default options that note which ones are read."""

    def __init__(self):
        self.read = set()

    def __getattr__(self, name):
        self.read.add(name)
        return getattr(Options(), name)


def test_measures_write_the_tables_and_read_the_options_they_declare(seeds_corpus):
    written = {}
    for measure in MEASURES:
        options = RecordingOptions()
        tables = measure.compute(seeds_corpus, options)
        assert set(tables) == {*measure.tables, *measure.extends, *measure.working_tables}, measure.name
        assert options.read <= set(measure.options), measure.name
        assert set(measure.extends) <= set(written), f"{measure.name} extends a table no earlier measure writes"
        written.update(dict.fromkeys((*measure.tables, *measure.corpus_tables, *measure.working_tables), measure.name))
    assert len(written) == sum(len(m.tables) + len(m.corpus_tables) + len(m.working_tables) for m in MEASURES)


def test_options_and_registry_travel_to_worker_processes():
    options = Options(sentiment_threshold=0.2)
    assert pickle.loads(pickle.dumps(options)) == options
    assert pickle.loads(pickle.dumps(MEASURES)) == MEASURES


def test_provenance_records_every_option_and_every_table_s_writers(analysed):
    recorded = provenance.read_provenance(analysed)
    assert recorded["options"] == {**SEEDS_OPTIONS.to_mapping(), "manifest_file": "seeds/manifest.csv"}
    assert recorded["options"]["config_file"] == "seeds/corpus.yaml"
    assert recorded["options"]["issue_frames_file"] == "seeds/config/issue_frames.yaml"
    assert set(recorded["tables"]) == {p.stem for p in (analysed / "results").glob("*.csv")}
    assert recorded["tables"]["sentences"] == ["corpus", "sentiment"]
    assert recorded["tables"]["issues"] == ["pipeline"]


def test_readme_options_table_matches_the_declarations():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    defaults = Options().to_mapping()
    for name in option_names():
        value = defaults.get(name)  # output is not recorded: none
        value = ",".join(value) if isinstance(value, list) else value
        default = f"`{value}`" if value is not None else "none"
        row = f"| `{flag_of(name)} {metavar_of(name)}` | `{name}` | {default} | {help_of(name)} |"
        assert row in readme, row
    rows = re.findall(r"^\| `--[a-z-]+ (?:FILE|FOLDER|NAMES|NUMBER|TEXT)` \| `\w+` \|", readme, re.M)
    assert len(rows) == len(option_names())


def test_a_notebook_keeps_the_recorded_options_unless_its_parameters_set_one(analysed, tmp_path):
    from analysis.report import notebook as nbk

    output = shutil.copytree(analysed, tmp_path / "out")
    provenance = output / "results" / "provenance.json"
    before = provenance.read_bytes()
    assert nbk.setup(str(SEEDS), str(output), sentiment_threshold=0.05).options.sentiment_threshold == 0.05
    assert provenance.read_bytes() == before  # current: nothing recomputed
    assert nbk.setup(str(SEEDS), str(output), sentiment_threshold=0.2).options.sentiment_threshold == 0.2
    ctx = nbk.setup(str(SEEDS), str(output), sentiment_threshold=0.05)  # the literal default: as computed
    recorded = dataclasses.replace(SEEDS_OPTIONS, output=None)  # where results go is not recorded
    assert ctx.options == recorded.replace(sentiment_threshold=0.2, manifest_file=SEEDS / "manifest.csv")
