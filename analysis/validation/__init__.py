"""Validation of each analysis against public human-annotated data sets.

`python -m analysis validate [--only NAME ...] [--reference DIR]` runs them. Each module in
this package has `run(reference_dir, figures_dir) -> dict[str, DataFrame]`; its tables are
written to `validation/<name>_<table>.csv` (committed, so the reports can show them). Every
module returns a `summary` table with the columns of `SUMMARY_COLUMNS`: one row per
figure, beside the published anchor and a trivial baseline.

The data sets are not shipped: pass their parent folder with `--reference` or the
REFERENCE_CORPORA environment variable (one subfolder per data set, e.g. `vader_groundtruth/`).
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path

import pandas as pd

from ..outputs import write_csv
from ..paths import PROJECT_ROOT, VALIDATION_DIR

VALIDATIONS = ("sentiment", "framing", "readability", "attribution")
SUMMARY_COLUMNS = ["analysis", "dataset", "task", "metric", "value", "anchor", "anchor_source",
                   "baseline", "baseline_name", "n"]


class ReferenceDataMissing(Exception):
    """The reference data set a validation needs is not available."""


def reference_dir(given: str | Path | None = None) -> Path:
    """The folder holding the reference corpora: `given`, else $REFERENCE_CORPORA."""
    value = given or os.environ.get("REFERENCE_CORPORA")
    if not value:
        raise ReferenceDataMissing("no reference corpora: pass --reference DIR or set REFERENCE_CORPORA "
                                   "(README, 'Reference data for validation', says where to get them)")
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


def run_validation(name: str, reference: Path, output_dir: Path = VALIDATION_DIR,
                   figures_dir: Path = PROJECT_ROOT / "figures") -> dict[str, pd.DataFrame]:
    """Run one validation and write its tables to `output_dir`."""
    module = importlib.import_module(f"{__name__}.{name}")
    tables = module.run(reference, figures_dir)
    summary = tables["summary"]
    if list(summary.columns) != SUMMARY_COLUMNS:
        raise ValueError(f"{name}: summary columns must be {SUMMARY_COLUMNS}")
    for table_name, table in tables.items():
        write_csv(table, output_dir / f"{name}_{table_name}.csv")
    return tables


def load_summaries(output_dir: Path = VALIDATION_DIR) -> pd.DataFrame:
    """All committed validation summaries in one table (empty if none has been run)."""
    frames = [pd.read_csv(p) for p in sorted(Path(output_dir).glob("*_summary.csv"))]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SUMMARY_COLUMNS)
