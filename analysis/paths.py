"""Where things are: the project's folders and the output layout, named once.

Relative paths given by a user (command line, notebook parameters, config file) are
resolved from the project root, so the package behaves the same from any working
directory. Reports show paths relative to the project root, never machine paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"
SEEDS_DIR = PROJECT_ROOT / "seeds"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
VALIDATION_DIR = PROJECT_ROOT / "validation"
VALIDATION_FIGURES_DIR = VALIDATION_DIR / "figures"


@dataclass(frozen=True)
class OutputDirs:
    """The output layout under one root: results/ (tables), figures/, reports/."""

    root: Path

    @property
    def results(self) -> Path:
        return self.root / "results"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def reports(self) -> Path:
        return self.root / "reports"


def resolve(path: str | Path, base: Path = PROJECT_ROOT) -> Path:
    """An absolute path: `path` itself if absolute, else relative to `base` (the project root)."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else (base / path)


def display_path(path: Path) -> str:
    """`path` relative to the project root when inside it (no machine paths in reports)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix() or "."
    except ValueError:
        return str(path)
