"""Validation of each analysis against public human-annotated data sets.

`python -m analysis validate [--only NAME ...] [--reference DIR]` runs them. Each module in
this package computes tables only: `run(reference_dir) -> Outcome`. Its tables are written to
`validation/<name>_<table>.csv` and its figure, drawn by `analysis/figures/validation.py`, to
`validation/figures/` (both committed, so the reports can show them). Every module returns a
`summary` table with the columns of `SUMMARY_COLUMNS`: one row per figure, beside the
published anchor and a trivial baseline, named by a unique `key`
(`<analysis>.<data set>.<task>.<metric>`, e.g. `sentiment.tweets.sentence.pearson_r`) that
code and notebooks select rows by. A module that makes a reference rather than scoring against
human labels (`scorecard`: the percentiles the scorecard is coloured by) returns an empty
summary, which is not written.

The data sets are not shipped: pass their parent folder with `--reference` or the
REFERENCE_CORPORA environment variable (one subfolder per data set, e.g. `vader_groundtruth/`).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..figures import style
from ..figures.validation import FIGURES
from ..outputs import write_csv
from ..paths import VALIDATION_DIR, VALIDATION_FIGURES_DIR

VALIDATIONS = (
    "sentiment",
    "framing",
    "readability",
    "attribution",
    "cleaning",
    "entity_tone",
    "reuse",
    "offices",
    "opacity",
    "scorecard",
)
SUMMARY_COLUMNS = [
    "key",
    "analysis",
    "dataset",
    "task",
    "metric",
    "value",
    "anchor",
    "anchor_source",
    "baseline",
    "baseline_name",
    "n",
]


@dataclass(frozen=True)
class Outcome:
    """What one validation computes: the tables to write, the keyword arguments of its drawing
    function (`FIGURES` in analysis/figures/validation.py) and its figure's source note."""

    tables: dict[str, pd.DataFrame]
    figure_inputs: dict[str, object]
    source_note: str


class ReferenceDataMissing(Exception):
    """The reference data set a validation needs is not available."""


def reference_dir(given: str | Path | None = None) -> Path:
    """The folder holding the reference corpora: `given`, else $REFERENCE_CORPORA."""
    value = given or os.environ.get("REFERENCE_CORPORA")
    if not value:
        raise ReferenceDataMissing(
            "no reference corpora: pass --reference DIR or set REFERENCE_CORPORA "
            "(README, 'Reference data for validation', says where to get them)"
        )
    folder = Path(value)
    if not folder.is_dir():
        raise ReferenceDataMissing(f"reference corpora folder not found: {folder}")
    return folder


def require(folder: Path, *names: str) -> Path:
    """`folder/names...`, or ReferenceDataMissing naming what is missing."""
    path = folder.joinpath(*names)
    if not path.exists():
        raise ReferenceDataMissing(f"reference data not found: {path}")
    return path


def available() -> list[str]:
    """The validations implemented so far (modules present in this package)."""
    here = Path(__file__).parent
    return [name for name in VALIDATIONS if (here / f"{name}.py").is_file()]


def run_validation(
    name: str, reference: Path, output_dir: Path = VALIDATION_DIR, figures_dir: Path = VALIDATION_FIGURES_DIR
) -> dict[str, pd.DataFrame]:
    """Run one validation; write its tables to `output_dir` and its figure to `figures_dir`."""
    outcome = importlib.import_module(f"{__name__}.{name}").run(reference)
    summary = outcome.tables["summary"]
    if list(summary.columns) != SUMMARY_COLUMNS:
        raise ValueError(f"{name}: summary columns must be {SUMMARY_COLUMNS}")
    if summary["key"].duplicated().any():
        raise ValueError(f"{name}: summary keys repeat: {sorted(set(summary['key'][summary['key'].duplicated()]))}")
    for table_name, table in outcome.tables.items():
        if table_name == "summary" and summary.empty:
            continue
        write_csv(table, output_dir / f"{name}_{table_name}.csv")
    if name in FIGURES:  # a validation reported by its tables alone has no figure
        figure_name, draw = FIGURES[name]
        style.apply_style()
        fig = draw(**outcome.figure_inputs)
        style.save_figure(fig, figures_dir, figure_name, outcome.source_note)
        style.plt.close(fig)
    return outcome.tables


def load_summaries(output_dir: Path = VALIDATION_DIR) -> pd.DataFrame:
    """All committed validation summaries in one table (empty if none has been run)."""
    frames = [pd.read_csv(p) for p in sorted(Path(output_dir).glob("*_summary.csv"))]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SUMMARY_COLUMNS)
