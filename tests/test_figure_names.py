"""Figure names are constants of analysis/figures/names.py: the notebooks save and show figures
under them, and the report index only asks for figures a notebook saves."""

import json
import re

from conftest import PROJECT_ROOT

from analysis.figures import names
from analysis.figures.validation import FIGURES
from analysis.report.site import KEY_FIGURES

CONSTANTS = {value: constant for constant, value in vars(names).items() if constant.isupper()}
SAVE = re.compile(r"save_figure\([^,]+,[^,]+,\s*([\w.\"]+)")
SHOW = re.compile(r"show_validation_figure\(([\w.\"]+)\)")


def notebook_calls(pattern: re.Pattern) -> list[str]:
    """The figure-name argument of every matching call in the notebooks' code cells."""
    found = []
    for notebook in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                found += pattern.findall("".join(cell["source"]))
    return found


def test_notebooks_save_every_corpus_figure_under_its_constant():
    saved = notebook_calls(SAVE)
    assert all(argument.startswith("figures.names.") for argument in saved), saved
    corpus = {c for c in CONSTANTS.values() if not c.startswith("VALIDATION_")}
    assert sorted(argument.rsplit(".", 1)[1] for argument in saved) == sorted(corpus)


def test_notebooks_show_every_validation_figure_the_validations_save():
    shown = notebook_calls(SHOW)
    assert all(argument.startswith("figures.names.") for argument in shown), shown
    assert {getattr(names, argument.rsplit(".", 1)[1]) for argument in shown} == {name for name, _ in FIGURES.values()}


def test_every_key_figure_of_the_index_is_a_saved_corpus_figure():
    saved = {getattr(names, argument.rsplit(".", 1)[1]) for argument in notebook_calls(SAVE)}
    assert {name for name, _ in KEY_FIGURES} <= saved
