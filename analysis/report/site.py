"""The report site: `reports/index.html` and the files it links, shareable as a folder.

The site is self-contained: key figures are embedded in the page (as compact PNG, see
`images.py`), the result tables are copied to `reports/tables/` and the validation tables to
`reports/tables/validation/` (smallest first within a budget, small ones as CSV, larger ones as
`.csv.gz`, those beyond the budget left in `results/`: the rule is `tables.shared_name`), every validation figure is in
`reports/tables/validation_summary.csv`, links are relative, and nothing is fetched from the
internet. The index lists every file with its size. Every piece of text from the data is
HTML-escaped, and a Content-Security-Policy forbids scripts, so article text can never run as
code in a reader's browser.
"""

from __future__ import annotations

import base64
import csv
import gzip
import html
import shutil
from pathlib import Path

import pandas as pd

from ..figures import names
from ..measures.synthesis import describe_figure, validation_table
from ..outputs import atomic_path, write_text
from ..paths import VALIDATION_DIR, OutputDirs
from ..pipeline.provenance import read_provenance
from ..validation import load_summaries
from . import tables as reader_tables
from .images import compact_png

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
SITE_BYTES = 15 * 1024 * 1024  # the whole reports/ folder of a corpus the size of BBC News (2,225 articles)
READER_PAGE_BYTES = 2 * 1024 * 1024  # each reader page (NN_name.html), figures included
VALIDATION_TABLE = "validation_summary.csv"  # every validation figure, beside the result tables
KEY_FIGURES = [  # (figure name, caption): the corpus figures the index embeds, in order
    (names.SYNTHESIS_SCORECARD, "Scorecard: each article across the analyses"),
    (names.CORPUS_STRUCTURE, "Length and structure of each article"),
    (names.ENTITY_MENTIONS, "Who appears: the most mentioned entities"),
    (names.SENTIMENT_DISTRIBUTION, "Sentence tone per article"),
    (names.FRAMING_GENERIC, "Generic frames per article"),
    (names.SENSATIONALISM_FEATURES, "Sensationalism cues per article"),
    (names.READABILITY_ARTICLES, "Readability per article"),
    (names.ATTRIBUTION_SOURCE_CLASSES, "Who is cited: named, anonymous, vague and unresolved sources"),
    (names.CREDIBILITY_OFFICE_CLAIMS, "Titles and offices at the article's date: true, false or unknown"),
    (names.CREDIBILITY_OPACITY, "Sourcing opacity: the signals each article shows"),
]
COMPARISON_FIGURES = [  # (figure name, caption): embedded after the scorecard when the corpus has dates or groups
    (names.COMPARISON_OVER_TIME, "The headline measures over time, with 95% intervals and article counts"),
    (names.COMPARISON_GROUP_DIFFERENCES, "Differences between groups, with 95% bootstrap intervals"),
]
STYLE = (
    """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62em; margin: 2em auto;
       padding: 0 1em; line-height: 1.5; color: #222; }
h1 { margin-bottom: 0.2em; } .subtitle { color: #555; margin-top: 0; } h3 { margin: 1.2em 0 0.2em; font-size: 1.05em; }
figure { margin: 1em 0 2em; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #444; font-size: 0.95em; } code { background: #f3f3f3; padding: 0 0.2em; overflow-wrap: anywhere; }
.note { color: #555; font-size: 0.9em; } .size { color: #666; font-size: 0.9em; white-space: nowrap; }
.failed { color: #a00; } .alert { border: 1px solid #a00; padding: 0.5em 0.8em; }
tr.failed code { white-space: pre-wrap; word-break: break-word; }
"""
    + reader_tables.STYLE
)


def site_files(reports_dir: Path) -> list[tuple[str, int, str]]:
    """Every file of a report site: (path relative to the folder, bytes, kind), kind one of
    'index', 'reader page', 'full page', 'notebook', 'table', 'other'."""

    def kind(path: Path) -> str:
        if path.name == "index.html":
            return "index"
        if path.parts[0] == "tables":
            return "table"
        if path.suffix == ".ipynb":
            return "notebook"
        if path.suffix == ".html":
            return "full page" if path.name.endswith((".full.html", ".failed.html")) else "reader page"
        return "other"

    files = sorted(p for p in Path(reports_dir).rglob("*") if p.is_file() and not p.name.startswith("."))
    return [(p.relative_to(reports_dir).as_posix(), p.stat().st_size, kind(p.relative_to(reports_dir))) for p in files]


def _e(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def _count_rows(path: Path) -> int:
    """Data rows of a CSV file, plain or gzip-compressed (quoted fields may span lines)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def _embedded_png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(compact_png(path.read_bytes())).decode("ascii")


def file_size(path: Path) -> str:
    """A file's size for readers: '12 KB', '1.4 MB'."""
    size = path.stat().st_size
    if size < 1024:
        return f"{size:,} bytes"
    return f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


def key_validation_rows(summaries: pd.DataFrame) -> pd.DataFrame:
    """The key validation figures (`synthesis.KEY_VALIDATION_FIGURES`) of every analysis, one row
    per figure: what was measured, the value, the published anchor, the trivial baseline, n."""
    key = validation_table(summaries)
    return pd.DataFrame(
        {
            "analysis": key["analysis"],
            "figure": [describe_figure(row).replace("_", " ") for _, row in key.iterrows()],
            "value": key["value"],
            "anchor": key["anchor"],
            "baseline": key["baseline"],
            "n": key["n"],
        }
    )


def _copy(source: Path, target: Path) -> None:
    """Copy a table into the site as it is, or gzip-compressed when `target` ends in .gz (no
    name or time in the header, so the bytes depend on the table only)."""
    with atomic_path(target) as tmp:
        if target.suffix == ".gz":
            with open(source, "rb") as data, open(tmp, "wb") as raw:
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as packed:
                    shutil.copyfileobj(data, packed)
        else:
            shutil.copyfile(source, tmp)


def copy_tables(source_dir: Path, target_dir: Path, keep: tuple[str, ...] = ()) -> list[tuple[Path, Path | None]]:
    """Copy the CSV tables of a folder into the site by `tables.shared_name` (as they are, as
    .csv.gz, or not at all); remove copies of tables no longer there (except `keep`). Returns
    (source, copy or None) pairs."""
    target_dir.mkdir(parents=True, exist_ok=True)
    copied = []
    for source in sorted(source_dir.glob("*.csv")):
        name = reader_tables.shared_name(source)
        target = target_dir / name if name else None
        if target is not None:
            _copy(source, target)
        copied.append((source, target))
    wanted = {target.name for _, target in copied if target is not None} | set(keep)
    for stale in [*target_dir.glob("*.csv"), *target_dir.glob("*.csv.gz")]:
        if stale.name not in wanted:
            stale.unlink()
    return copied


def _link(path: Path | None, text: str, size: bool = False) -> str:
    if path is None:
        return ""
    return f"<a href='{_e(path.name)}'>{_e(text)}</a>" + (
        f" <span class='size'>{file_size(path)}</span>" if size else ""
    )


def _report_row(report) -> str:
    """One row of the reports table: the three versions with their sizes, or the error of a failed
    notebook."""
    if report.error:
        return (
            f"<tr class='failed'><td>{_e(report.title)}</td><td colspan='2'><strong>failed</strong> in "
            f"<code>{_e(report.error)}</code></td><td>{_link(report.full_html, 'notebook with the error')}"
            f"{' · ' if report.full_html else ''}{_link(report.executed, '.ipynb')}</td></tr>"
        )
    return (
        f"<tr><td>{_e(report.title)}</td><td>{_link(report.reader_html, 'report', True)}</td>"
        f"<td>{_link(report.full_html, 'with code', True)}</td>"
        f"<td>{_link(report.executed, 'notebook (.ipynb)', True)}</td></tr>"
    )


def _table_list(copied: list[tuple[Path, Path | None]], folder: str, site_folder: str) -> pd.DataFrame:
    """The tables of the site with their rows, size and link (relative to `reports/`); a table
    too large to include is named by its path in the output folder (`folder`)."""
    return pd.DataFrame(
        {
            "table": [target.name if target else f"{folder}/{source.name}" for source, target in copied],
            "href": [f"{site_folder}/{target.name}" if target else None for _, target in copied],
            "rows": [_count_rows(source) for source, _ in copied],
            "size": [
                file_size(target) if target else f"{file_size(source)} (not included)" for source, target in copied
            ],
        }
    )


def _derived_tables(folder: Path) -> str:
    """The tables the reports computed and saved (`notebook.show(..., save=...)`), if any."""
    saved = sorted(folder.glob("*.csv"))
    if not saved:
        return ""
    return "<p>Computed by the reports (no result table holds them):</p>" + reader_tables.table_html(
        _table_list([(path, path) for path in saved], "reports/tables/derived", "tables/derived"),
        max_rows=None,
        links={"table": "href"},
    )


def _option_text(value) -> str:
    """An option's recorded value as the command line writes it: a list comma-separated."""
    if value is None:
        return ""
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


def _summary_holding(analysis: str, validation_dir: Path) -> str | None:
    """The name (without .csv) of the validation summary whose rows include `analysis`'s (the
    sensationalism rows are in the framing summary), or None."""
    for path in sorted(Path(validation_dir).glob("*_summary.csv")):
        if analysis in set(pd.read_csv(path, usecols=["analysis"])["analysis"].astype(str)):
            return path.stem
    return None


def _validation_section(validation: pd.DataFrame, reports_dir: Path, validation_dir: Path) -> str:
    """One compact table per analysis (its key figures beside anchor and baseline), and links to
    the full validation tables."""
    full = reports_dir / "tables" / VALIDATION_TABLE
    write_text(validation.to_csv(index=False, lineterminator="\n"), full)
    copied = copy_tables(validation_dir, reports_dir / "tables" / "validation")
    shared = {source.stem: target for source, target in copied if target is not None}
    key = key_validation_rows(validation)
    parts = [
        "<section id='validation'><h2>How far to trust each measure</h2><p>The key figures of each analysis "
        "against human-annotated data, beside the published anchor and a trivial baseline (from "
        f"<code>validation/</code>; rerun with <code>make validate</code>). All {len(validation):,} figures: "
        f"<a href='tables/{VALIDATION_TABLE}'>{VALIDATION_TABLE}</a>; every validation table: "
        "<a href='#validation-tables'>below</a>.</p>"
    ]
    for analysis, rows in key.groupby("analysis", sort=False):
        summary = shared.get(f"{analysis}_summary") or shared.get(_summary_holding(str(analysis), validation_dir))
        link = (
            f" <span class='note'>(all its figures: <a href='tables/validation/{_e(summary.name)}'>"
            f"{_e(summary.name)}</a>)</span>"
            if summary is not None
            else ""
        )
        parts.append(
            f"<h3>{_e(str(analysis).replace('_', ' '))}{link}</h3>"
            + reader_tables.table_html(rows.drop(columns="analysis"), max_rows=None)
        )
    parts.append(
        "<h3 id='validation-tables'>Validation tables (CSV)</h3>"
        + reader_tables.table_html(
            _table_list(copied, "validation", "tables/validation"),
            max_rows=None,
            links={"table": "href"},
        )
    )
    return "".join(parts) + "</section>"


def build_index(output_dir: Path, reports: list, summary_points: list[str], validation_dir: Path | None = None) -> Path:
    """Write `reports/index.html` for an output folder and the notebooks that were run."""
    dirs = OutputDirs(Path(output_dir))
    provenance = read_provenance(output_dir)
    copied = copy_tables(dirs.results, dirs.reports / "tables", keep=(VALIDATION_TABLE,))
    copy_tables(dirs.figures, dirs.reports / "tables" / "figures")  # the data of the figures that have it
    sections = []
    failed = [r for r in reports if r.error]
    if failed:
        sections.append(
            f"<p class='failed alert'><strong>{len(failed)} of {len(reports)} reports failed in this run:</strong> "
            + "; ".join(_e(r.title) for r in failed)
            + ". Their errors are listed under <a href='#reports'>Reports</a>; the other reports are complete.</p>"
        )

    points = "".join(f"<li>{_e(point)}</li>" for point in summary_points)
    sections.append(
        f"<section><h2>Summary</h2><ul>{points}</ul>"
        "<p class='note'>Generated from the result tables; see the reports for methods and caveats.</p></section>"
    )

    figures, missing = [], []
    made = [(name, caption) for name, caption in COMPARISON_FIGURES if (dirs.figures / f"{name}.png").is_file()]
    for name, caption in KEY_FIGURES[:1] + made + KEY_FIGURES[1:]:
        path = dirs.figures / f"{name}.png"
        if path.is_file():
            data = dirs.reports / "tables" / "figures" / f"{name}.csv"
            source = f" (<a href='tables/figures/{_e(data.name)}'>its data</a>)" if data.is_file() else ""
            figures.append(
                f"<figure><img src='{_embedded_png(path)}' alt='{_e(caption)}'>"
                f"<figcaption>{_e(caption)}{source}</figcaption></figure>"
            )
        else:
            missing.append(name)
    if missing:
        figures.append(f"<p class='note'>Not made by this run: {_e(', '.join(missing))}.</p>")
    sections.append("<section><h2>Key figures</h2>" + "".join(figures) + "</section>")

    sections.append(
        "<section id='reports'><h2>Reports</h2><p>Each analysis as a report for readers (no code) and in full "
        "(with the code that produced every number), and the executed notebook, which opens in JupyterLab. "
        "Each file's size is beside it: the full versions and the notebooks are larger than the reports.</p>"
        + (
            f"<p class='failed'>{len(failed)} of {len(reports)} reports failed in this run: "
            "the error is beside each one, and its notebook, with the traceback, is linked.</p>"
            if failed
            else ""
        )
        + "<div class='reader-table'><table><thead><tr><th>analysis</th><th colspan='3'>versions</th></tr></thead>"
        + "<tbody>"
        + "".join(_report_row(r) for r in reports)
        + "</tbody></table></div></section>"
    )

    sections.append(
        "<section><h2>Result tables (CSV)</h2><p>UTF-8, one row per observation; they open in "
        f"pandas, R or a spreadsheet. Tables up to {reader_tables.PLAIN_LIMIT // 1024:,} KB are plain CSV; "
        "larger ones are gzip-compressed (<code>.csv.gz</code>: <code>pandas.read_csv</code> and R's "
        "<code>read.csv</code> open them as they are). So that the folder stays small enough to send, the "
        f"tables are included smallest first up to {reader_tables.COPY_BUDGET // 1024 // 1024:,} MB of CSV "
        "(the per-article tables always); those marked <em>not included</em> are in the output folder's "
        "<code>results/</code>.</p>"
        + reader_tables.table_html(_table_list(copied, "results", "tables"), max_rows=None, links={"table": "href"})
        + _derived_tables(dirs.reports / "tables" / "derived")
        + "</section>"
    )

    validation_dir = Path(validation_dir or VALIDATION_DIR)
    validation = load_summaries(validation_dir)
    if len(validation):
        sections.append(_validation_section(validation, dirs.reports, validation_dir))

    tools = pd.DataFrame(sorted(provenance["tools"].items()), columns=["tool", "version"])
    options = pd.DataFrame(
        [(name, _option_text(value)) for name, value in sorted(provenance["options"].items())],
        columns=["option", "value"],
    )
    sections.append(
        "<section><h2>Provenance</h2>"
        f"<p>Corpus <code>{_e(provenance['corpus'])}</code>: {provenance['n_articles']:,} articles analysed of "
        f"{provenance['n_files']:,} files. Fingerprint (SHA-256 of file names and contents): "
        f"<code>{_e(provenance['corpus_fingerprint'])}</code>.</p>"
        + reader_tables.table_html(tools, max_rows=None)
        + reader_tables.table_html(options, max_rows=None)
        + "</section>"
    )

    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>News coverage analysis: {_e(provenance["corpus"])}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>News coverage analysis</h1>
<p class="subtitle">Corpus <code>{_e(provenance["corpus"])}</code> · {provenance["n_articles"]:,} articles</p>
{"".join(sections)}
</body>
</html>
"""
    target = dirs.reports / "index.html"
    write_text(page, target)
    return target
