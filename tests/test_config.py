"""A corpus's own configuration (corpus.yaml, --config) and the schemas every YAML file is
checked against: one line naming the file, the key and the expected form."""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT_ROOT, SEEDS, SEEDS_ACTORS, SEEDS_ISSUE_FRAMES

from analysis.cli import build_parser, command_line_options
from analysis.measures.attribution.lexicon import CLASSED_KEYS, FORMS_KEY, TERM_KEYS, load_lexicon
from analysis.measures.clickbait import load_clickbait_model
from analysis.measures.framing import load_generic_frames, load_issue_frames
from analysis.measures.sensationalism import load_sensationalism
from analysis.pipeline.options import CONFIG_NAME, OptionError, Options, corpus_options, read_config
from analysis.schemas import SCHEMAS_DIR, check, schema
from analysis.text.actors import load_actors
from analysis.text.clean import load_rules

DATA = PROJECT_ROOT / "analysis" / "data"


def options_of(*argv: str, corpus: Path) -> Options:
    return command_line_options(build_parser().parse_args(["analyze", "--corpus", str(corpus), *argv]))


@pytest.fixture()
def corpus(tmp_path):
    """A corpus folder with its own corpus.yaml naming a copy of the case study's actors."""
    folder = tmp_path / "news"
    (folder / "config").mkdir(parents=True)
    shutil.copy(SEEDS_ACTORS, folder / "config" / "actors.yaml")
    (folder / CONFIG_NAME).write_text(
        "actors_file: config/actors.yaml\nsentiment_threshold: 0.1\ngroup_by: [outlet, date]\n"
        "date_column: published\noutput: ../news_results\n",
        encoding="utf-8",
    )
    return folder


def test_the_corpus_folder_s_configuration_is_read(corpus):
    options = options_of(corpus=corpus)
    assert options.actors_file == corpus / "config" / "actors.yaml"  # relative to the config file
    assert options.sentiment_threshold == 0.1 and options.group_by == ("outlet", "date")
    assert options.date_column == "published" and options.output == (corpus.parent / "news_results").resolve()
    assert options.config_file == corpus / CONFIG_NAME
    assert options.issue_frames_file == DATA / "issue_frames.yaml"  # not configured: the default
    assert options == corpus_options(corpus)


def test_flags_override_the_configuration_and_config_replaces_corpus_yaml(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    flagged = options_of("--sentiment-threshold", "0.3", "--group-by", "section, author", corpus=corpus)
    assert flagged.sentiment_threshold == 0.3 and flagged.group_by == ("section", "author")
    assert flagged.actors_file == corpus / "config" / "actors.yaml"
    other = tmp_path / "other.yaml"
    other.write_text("sentiment_threshold: 0.2\n", encoding="utf-8")
    replaced = options_of("--config", "other.yaml", corpus=corpus)
    assert replaced.sentiment_threshold == 0.2 and replaced.config_file == other
    assert replaced.actors_file == Options().actors_file and replaced.group_by == Options().group_by


def test_without_configuration_the_defaults_are_generic(tmp_path):
    options = options_of(corpus=tmp_path)
    assert options == Options() and options.config_file is None
    assert load_actors(options.actors_file).actors == ()
    frames = load_issue_frames(options.issue_frames_file)
    assert len(frames.frames) == 14 and "sovereignty_law" not in frames.labels


def test_the_case_study_configuration_names_its_files_next_to_the_seeds():
    options = corpus_options(SEEDS)
    assert options.config_file == SEEDS / CONFIG_NAME
    assert (options.actors_file, options.issue_frames_file) == (SEEDS_ACTORS, SEEDS_ISSUE_FRAMES)
    assert options.output.resolve() == PROJECT_ROOT


@pytest.mark.parametrize(
    "text, message",
    [
        ("sentiment_treshold: 0.1\n", r"unknown option 'sentiment_treshold' \(known: "),
        ("config_file: other.yaml\n", r"unknown option 'config_file' \(known: "),
        ("sentiment_threshold: [0.1]\n", r"sentiment_threshold: expected a number, got \[0.1\]$"),
        ("sentiment_threshold: true\n", r"sentiment_threshold: expected a number, got True$"),
        ("group_by: outlet\n", r"group_by: expected a list of names, got 'outlet'$"),
        ("group_by: [outlet, 3]\n", r"group_by\[1\]: expected a string, got 3$"),
        ("actors_file: 5\n", r"actors_file: expected a file path, got 5$"),
        ("actors_file: missing.yaml\n", r"actors_file: file not found: missing.yaml$"),
        ("output: corpus.yaml\n", r"output: expected a folder, got the file corpus.yaml$"),
        ("- actors_file\n", r"the file: expected option names and values"),
        ("actors_file: [a\n", r"not valid YAML"),
    ],
)
def test_a_bad_configuration_is_one_line_naming_the_file_and_the_key(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OptionError, match=rf"^{re.escape(str(path.resolve()))}: {message}") as error:
        read_config(path)
    assert "\n" not in str(error.value)


def test_a_bad_flag_is_one_line_naming_the_flag(tmp_path):
    with pytest.raises(OptionError, match=r"^--group-by: expected a list of names"):
        options_of("--group-by", "outlet,,date", corpus=tmp_path)
    with pytest.raises(OptionError, match=r"^--output: expected a folder, got the file "):
        options_of("--output", str(SEEDS_ACTORS), corpus=tmp_path)


def test_an_empty_configuration_keeps_the_defaults(tmp_path):
    (tmp_path / CONFIG_NAME).write_text("# nothing set yet\n", encoding="utf-8")
    assert corpus_options(tmp_path) == Options(config_file=tmp_path / CONFIG_NAME)


# --- the data files' schemas ------------------------------------------------------------

LOADERS = {
    "actors": (SEEDS_ACTORS, load_actors),
    "issue_frames": (SEEDS_ISSUE_FRAMES, load_issue_frames),
    "generic_frames": (DATA / "generic_frames.yaml", load_generic_frames),
    "sensationalism": (DATA / "sensationalism.yaml", load_sensationalism),
    "clickbait_model": (DATA / "clickbait_model.yaml", load_clickbait_model),
    "attribution": (DATA / "attribution.yaml", load_lexicon),
    "cleaning_rules": (DATA / "cleaning_rules.yaml", load_rules),
}
FIXED_FILES = {
    "negation": DATA / "negation.yaml",
    "language_check": DATA / "language_check.yaml",
    "entities": DATA / "entities.yaml",
    "entity_tone_model": DATA / "entity_tone_model.yaml",
    "attribution_classes_before": DATA / "attribution_classes_before.yaml",
    "office_holders": DATA / "office_holders.yaml",
    "opacity": DATA / "opacity.yaml",
    "office_claims": DATA / "office_claims.yaml",
    "stance_model": DATA / "stance_model.yaml",
}


def test_every_schema_is_used_and_every_packaged_file_passes_its_schema():
    files = {name: path for name, (path, _) in LOADERS.items()} | FIXED_FILES
    assert {p.stem for p in SCHEMAS_DIR.glob("*.yaml")} == set(files)
    for name, path in {**files, "actors": DATA / "actors.yaml", "issue_frames": DATA / "issue_frames.yaml"}.items():
        check(yaml.safe_load(path.read_text(encoding="utf-8")), name, path.name)


def test_the_attribution_schema_has_the_keys_the_loader_reads():
    assert set(schema("attribution")["properties"]) == {*TERM_KEYS, *CLASSED_KEYS, FORMS_KEY}


def broken_copy(tmp_path, name: str, edit) -> Path:
    """A copy of a packaged file with one edit to its parsed content."""
    source = LOADERS[name][0]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def set_in(keys, value):
    def edit(data):
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return edit


def delete_in(keys):
    def edit(data):
        target = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return edit


@pytest.mark.parametrize(
    "name, edit, message",
    [
        # a string where a list belongs (it would become one-letter aliases)
        (
            "actors",
            set_in(["groups", 0, "actors", 3, "aliases"], "Blair"),
            r"groups\[0\].actors\[3\].aliases: expected a list of strings, got 'Blair'$",
        ),
        # an unknown key (a misspelling)
        (
            "actors",
            set_in(["groups", 0, "actors", 0, "alias"], ["Trump"]),
            r"groups\[0\].actors\[0\]: unknown key 'alias' \(known: aliases, id, label, obfuscated, type\)$",
        ),
        # a missing key
        (
            "issue_frames",
            delete_in(["frames", 2, "terms"]),
            r"frames\[2\].terms: missing \(expected a list of strings\)$",
        ),
        # a word YAML read as a boolean
        (
            "issue_frames",
            set_in(["frames", 0, "terms", 1], True),
            r"frames\[0\].terms\[1\]: expected a string, got True$",
        ),
        # a number out of range
        (
            "issue_frames",
            set_in(["frames", 0, "pfc_code"], 16),
            r"frames\[0\].pfc_code: expected a Policy Frames Codebook number, 1 to 15, got 16$",
        ),
        # a value outside a closed set
        (
            "sensationalism",
            set_in(["features", 0, "unit"], "per_word"),
            r"features\[0\].unit: expected one of count, per_1000_words, got 'per_word'$",
        ),
        (
            "generic_frames",
            set_in(["lexicons", "pronouns", "terms"], "he"),
            r"lexicons.pronouns.terms: expected a list of strings, got 'he'$",
        ),
        (
            "generic_frames",
            set_in(["frames", 0, "items", 0, "match", 0], {"every": ["government"]}),
            r"frames\[0\].items\[0\].match\[0\]: unknown key 'every' \(known: all, any, contrast, ",
        ),
        (
            "attribution",
            set_in(["hedges", 0, "terms"], "reportedly"),
            r"hedges\[0\].terms: expected a list of strings, got 'reportedly'$",
        ),
        (
            "cleaning_rules",
            set_in(["line_rules", 0, "patterns"], "^Advertisement$"),
            r"line_rules\[0\].patterns: expected a list of regular expressions, each a string or a mapping of "
            r"pattern and gate, got '\^Advertisement\$'$",
        ),
        (
            "cleaning_rules",
            set_in(["headline", "max_words"], "twenty"),
            r"headline.max_words: expected a whole number of words, got 'twenty'$",
        ),
        ("clickbait_model", set_in(["features", 0, "scale"], 0), r"features\[0\].scale: expected a number above 0"),
    ],
)
def test_a_bad_data_file_is_one_line_naming_the_file_the_key_and_the_form(tmp_path, name, edit, message):
    path = broken_copy(tmp_path, name, edit)
    loader = LOADERS[name][1]
    with pytest.raises(ValueError, match=rf"^{re.escape(str(path.resolve()))}: {message}") as error:
        loader(path)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    "name, edit, message",
    [
        ("negation", set_in(["window_words"], "three"), r"window_words: expected a whole number of words, at least 1"),
        ("negation", set_in(["negators", "terms", 0], False), r"negators.terms\[0\]: expected a string, got False$"),
        ("language_check", set_in(["english", "min_share"], 2), r"english.min_share: expected a share between 0 and 1"),
        ("language_check", set_in(["english", "function_words", 10], True), r"english.function_words\[10\]: expected "),
        (
            "opacity",
            set_in(["markers_before", "terms"], "leaked"),
            r"markers_before.terms: expected a list of strings, got 'leaked'$",
        ),
        ("stance_model", set_in(["threshold"], 1.5), r"threshold: expected a probability between 0 and 1"),
        ("stance_model", set_in(["weights", "verb=said"], "high"), r"weights.verb=said: expected a number"),
    ],
)
def test_the_fixed_data_files_are_checked_too(name, edit, message):
    data = yaml.safe_load(FIXED_FILES[name].read_text(encoding="utf-8"))
    edit(data)
    with pytest.raises(ValueError, match=rf"^{name}.yaml: {message}"):
        check(data, name, f"{name}.yaml")


def test_a_bad_file_named_by_an_option_stops_the_command_with_the_file_s_own_line(corpus, tmp_path, monkeypatch):
    actors = corpus / "config" / "actors.yaml"
    actors.write_text(
        "groups:\n  - name: UK\n    source: test\n    actors:\n      - {id: blair, label: Tony Blair, aliases: Blair}\n",
        encoding="utf-8",
    )
    expected = rf"^{re.escape(str(actors.resolve()))}: groups\[0\].actors\[0\].aliases: expected a list of strings, got 'Blair'$"
    with pytest.raises(OptionError, match=expected):
        options_of(corpus=corpus)  # named by corpus.yaml
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OptionError, match=expected):
        options_of("--actors", str(actors), corpus=tmp_path)  # named by a flag
