"""What the notebooks share: resolving parameters, loading results, Markdown from data.

Relative paths given as notebook parameters are resolved from the project root, so a
notebook runs the same from JupyterLab, from papermill or from any working directory.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Image, Markdown, display

from ..figures.style import MAX_ARTICLES_SHOWN, apply_style
from ..measures import comparisons
from ..outputs import write_csv
from ..paths import (
    VALIDATION_DIR,
    VALIDATION_FIGURES_DIR,
    OutputDirs,
    display_path,
    output_dir_for,
    resolve,
)
from ..pipeline.analyze import analyze, load_results
from ..pipeline.options import Options, notebook_options
from ..pipeline.provenance import read_provenance, recorded_options, results_are_current
from ..text.actors import ActorList, load_actors
from . import tables

_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#+!|~-])")
_shown_dirs = OutputDirs(resolve("."))  # the output folder whose tables `show` links to; `setup` sets it


@dataclass
class NotebookContext:
    corpus_dir: Path
    dirs: OutputDirs
    tables: dict[str, pd.DataFrame]
    provenance: dict

    @property
    def options(self) -> Options:
        """The options the results were computed with."""
        return Options.from_mapping(self.provenance["options"])

    @property
    def actors(self) -> ActorList:
        """The actors file the results were computed with (it labels and merges entities)."""
        return load_actors(self.options.actors_file)

    @property
    def entity_labels(self) -> dict[str, str]:
        """The label of each entity found (`results/entities.csv`), by entity id."""
        entities = self.tables.get("entities")
        if entities is None or entities.empty:
            return {}
        return dict(zip(entities["entity_id"].astype(str), entities["label"].astype(str)))

    @property
    def source_note(self) -> str:
        """Source line for figures: the corpus and its size."""
        n = len(self.tables["articles"])
        return f"Source: corpus '{display_path(self.corpus_dir)}', {n} article{'s' if n != 1 else ''}."


def setup(corpus_dir: str, output_dir: str, **options) -> NotebookContext:
    """Resolve paths, (re)compute the result tables if they are missing or stale, load them.

    `options` are the analysis options a notebook's parameters cell declares. One left at its
    declared default keeps the value the existing results were computed with, so a notebook
    opened after `python -m analysis run --sentiment-threshold 0.1` uses 0.1 too.
    """
    corpus = resolve(corpus_dir)
    output = output_dir_for(corpus, resolve(output_dir))  # never the case study's outputs for another corpus
    chosen = recorded_options(corpus, output).replace(**notebook_options(options))
    if not results_are_current(corpus, output, chosen):
        analyze(corpus, output, chosen)
    apply_style()
    global _shown_dirs
    _shown_dirs = OutputDirs(output)
    return NotebookContext(corpus, OutputDirs(output), load_results(output), read_provenance(output))


def escape_text(text: str) -> str:
    """Article text made safe for Markdown: HTML-escaped and Markdown-inert."""
    return html.escape(_MARKDOWN_SPECIAL_RE.sub(r"\\\1", str(text)), quote=True)


def say(text: str) -> None:
    """Display Markdown written by the notebook (numbers and labels, never raw article text)."""
    display(Markdown(text))


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """'1 article', '3 articles'."""
    return f"{n:,} {word if n == 1 else (plural_form or word + 's')}"


def validation_summary(name: str) -> pd.DataFrame | None:
    """The committed validation summary of one analysis, or None (and a note) if not run.
    Select its rows by `key` (`summary.set_index("key")`)."""
    path = VALIDATION_DIR / f"{name}_summary.csv"
    if not path.is_file():
        say(
            f"The {name} validation has not been run here: run `make validate` with "
            "`REFERENCE_CORPORA` set (see the README)."
        )
        return None
    return pd.read_csv(path)


def validation_table(name: str) -> pd.DataFrame | None:
    """A committed validation table (validation/<name>.csv), or None if it has not been run."""
    path = VALIDATION_DIR / f"{name}.csv"
    return pd.read_csv(path) if path.is_file() else None


def show_validation_figure(name: str) -> None:
    """Display a committed validation figure (validation/figures/<name>.png), embedded."""
    path = VALIDATION_FIGURES_DIR / f"{name}.png"
    if path.is_file():
        subject = name.removeprefix("validation_").replace("_", " ")
        alt = f"Figure. Validation of {subject} against human-annotated data; its numbers are in the summary table."
        display(Image(filename=str(path), metadata={"alt": alt}))


GROUP_COLUMNS = ("outlet", "category", "section", "source")  # metadata columns tried in order, then the sub-folder


def article_groups(
    articles: pd.DataFrame,
    max_groups: int = comparisons.MAX_GROUPS,
    columns=GROUP_COLUMNS,
    limit: int = MAX_ARTICLES_SHOWN,
) -> tuple[pd.Series, str]:
    """How figures label articles: each article on its own up to `limit` articles; beyond, the
    first of `columns` (a manifest column such as outlet), then the sub-folder, with 2 to
    `max_groups` known values (`comparisons.choose_groups`; an article without one is labelled
    "(no <column>)"); with none of them, every article in one group "all articles".

    Returns a Series (article_id -> label) and the word for axis labels: "article", the column
    ("outlet", "folder", ...) or "corpus" (figures then draw the distribution of per-article
    values rather than one row per article).
    """
    ids = articles["article_id"].astype(str)
    if len(articles) <= limit:
        return pd.Series(ids.to_numpy(), index=ids), "article"
    groups = comparisons.choose_groups(articles, columns, max_groups)
    if groups is not None:
        return groups.labels.fillna(f"(no {groups.column})"), groups.column
    return pd.Series("all articles", index=ids), "corpus"


def show(
    table: pd.DataFrame,
    name: str | None = None,
    *,
    rows: int = tables.MAX_ROWS,
    top: str | None = None,
    ascending: bool = False,
    derived: bool = False,
    save: str | None = None,
    decimals: int | None = None,
) -> None:
    """Display a table for readers (`report/tables.py`): at most `rows` rows, the first or, with
    `top`, the highest (`ascending`: lowest) by that column, and where the whole table is.

    `name` is the CSV the rows come from: a result table (`"articles"`: `results/articles.csv`)
    or a validation table (`"validation/sentiment_summary"`); `derived` says the rows are
    computed from it rather than its own. `save` writes a table the reports compute (no CSV
    holds it) to `reports/tables/derived/<save>.csv` and links that. The link points to the
    copy in the report site (`tables/...`); the text gives the path in the output folder.
    `decimals` is the precision of numeric columns whose names do not say their measure.
    """
    full = None
    if save is not None:
        target = _shown_dirs.reports / "tables" / "derived" / f"{save}.csv"
        write_csv(tables.reader_frame(table), target)
        full = tables.FullTable(f"reports/tables/derived/{save}.csv", f"tables/derived/{save}.csv")
    elif name is not None:
        folder, _, stem = name.rpartition("/")
        if folder == "validation":
            source, path, site = VALIDATION_DIR / f"{stem}.csv", f"validation/{stem}.csv", "tables/validation"
        else:
            source, path, site = _shown_dirs.results / f"{stem}.csv", f"results/{stem}.csv", "tables"
        full = tables.full_table(source, path, site, complete=not derived)
    html_table = tables.table_html(
        table, max_rows=rows, top=top, ascending=ascending, full=full, unnamed_decimals=decimals
    )
    display(HTML(html_table))


VALIDATION_SHOWN = ["dataset", "task", "metric", "value", "anchor", "baseline", "n"]


def show_validation_summary(summary: pd.DataFrame, name: str) -> None:
    """A validation summary for readers: its key figures (`synthesis.KEY_VALIDATION_FIGURES`;
    all its rows if none is key), linked to the whole `validation/<name>_summary.csv`."""
    from ..measures.synthesis import validation_table

    key = validation_table(summary)
    shown = key if len(key) else summary
    show(shown[[c for c in VALIDATION_SHOWN if c in shown]], f"validation/{name}_summary", derived=len(key) > 0)


def show_key_validation(key: pd.DataFrame) -> None:
    """The key validation figures (`synthesis.validation_table`), one table per analysis, each
    linked to that analysis's summary where there is one."""
    for analysis, rows in key.groupby("analysis", sort=False):
        summary = VALIDATION_DIR / f"{analysis}_summary.csv"
        say(f"**{escape_text(str(analysis).replace('_', ' '))}**")
        show(
            rows[[c for c in VALIDATION_SHOWN if c in rows]],
            f"validation/{analysis}_summary" if summary.is_file() else None,
            derived=True,
        )


def articles_to_plot(values: pd.Series, limit: int = MAX_ARTICLES_SHOWN) -> tuple[list[str], str]:
    """The article ids a per-article figure should show: all when there are at most `limit`
    (those without a value too, the same rule as `article_groups`), else the `limit / 2` lowest
    and highest by `values` (a Series indexed by article_id), with a sentence saying so."""
    if len(values) <= limit:
        return list(values.index), ""
    values = values.dropna()
    ranked = values.sort_values(kind="stable")
    half = limit // 2
    chosen = set(ranked.index[:half]) | set(ranked.index[-half:])
    return [a for a in values.index if a in chosen], (
        f"Figures that draw articles one by one show the {half} lowest and {half} highest of {len(values):,} articles by "
        f"{values.name or 'value'}; the table in results/ has all of them."
    )
