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
RUNS_DIR = PROJECT_ROOT / "runs"  # default outputs of corpora other than the seeds (git-ignored)

# The packaged data files that options default to (named here, so that reading the option
# defaults imports no measure).
DEFAULT_RULES_FILE = DATA_DIR / "cleaning_rules.yaml"
DEFAULT_ACTORS_FILE = DATA_DIR / "actors.yaml"
DEFAULT_GENERIC_FRAMES_FILE = DATA_DIR / "generic_frames.yaml"
DEFAULT_ISSUE_FRAMES_FILE = DATA_DIR / "issue_frames.yaml"
DEFAULT_SENSATIONALISM_FILE = DATA_DIR / "sensationalism.yaml"
DEFAULT_CLICKBAIT_MODEL_FILE = DATA_DIR / "clickbait_model.yaml"
DEFAULT_LEXICON_FILE = DATA_DIR / "attribution.yaml"
OFFICE_HOLDERS_FILE = DATA_DIR / "office_holders.yaml"


class ProtectedOutputError(ValueError):
    """Outputs of another corpus aimed at the project root, where the case study's are committed."""


def output_dir_for(corpus: Path, output: Path | None = None) -> Path:
    """Where a run on `corpus` writes results/, figures/ and reports/.

    `output` if given; else the project root for the case study (seeds/) and
    `runs/<corpus name>/` for any other corpus. The project root holds the case study's
    committed outputs, so another corpus may never write there (ProtectedOutputError).
    """
    corpus = Path(corpus).resolve()
    is_case_study = corpus == SEEDS_DIR.resolve()
    if output is None:
        return PROJECT_ROOT if is_case_study else RUNS_DIR / (corpus.stem if corpus.is_file() else corpus.name)
    output = Path(output).resolve()
    if output == PROJECT_ROOT.resolve() and not is_case_study:
        raise ProtectedOutputError(
            f"the project root holds the case study's committed outputs; write those of {display_path(corpus)} "
            f"elsewhere (--output DIR, or no --output for {display_path(output_dir_for(corpus))}/)"
        )
    return output


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
