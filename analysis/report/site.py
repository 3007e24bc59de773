"""The report site: `reports/index.html` and the files it links, shareable as a folder.

The site is self-contained: key figures are embedded in the page, the result tables (and every
validation figure, `validation_summary.csv`) are copied to `reports/tables/`, links are relative, and nothing is fetched from the internet.
Every piece of text from the data is HTML-escaped, and a Content-Security-Policy forbids
scripts, so article text can never run as code in a reader's browser.
"""

from __future__ import annotations

import base64
import csv
import html
import shutil
from pathlib import Path

import pandas as pd

from ..figures import names
from ..measures.synthesis import validation_table
from ..outputs import write_text
from ..paths import OutputDirs
from ..pipeline.provenance import read_provenance
from ..validation import load_summaries

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
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
]
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62em; margin: 2em auto;
       padding: 0 1em; line-height: 1.5; color: #222; }
h1 { margin-bottom: 0.2em; } .subtitle { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
figure { margin: 1em 0 2em; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #444; font-size: 0.95em; } code { background: #f3f3f3; padding: 0 0.2em; }
.note { color: #555; font-size: 0.9em; }
.failed { color: #a00; } .alert { border: 1px solid #a00; padding: 0.5em 0.8em; } tr.failed code { white-space: pre-wrap; word-break: break-word; }
"""


def _e(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _count_rows(path: Path) -> int:
    """Data rows of a CSV file (quoted fields may span lines)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def _embedded_png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def key_validation_rows(summaries: pd.DataFrame) -> pd.DataFrame:
    """The key validation figures (`synthesis.KEY_VALIDATION_FIGURES`) as a compact table for
    readers: three decimals, empty cells empty."""
    key = validation_table(summaries)
    shown = pd.DataFrame(
        {
            "analysis": key["analysis"],
            "data set": key["dataset"],
            "what": key["task"],
            "metric": key["metric"].str.replace("_", " "),
        }
    )
    for column in ("value", "anchor", "baseline"):
        shown[column] = key[column].map(lambda v: "" if pd.isna(v) else f"{v:.3f}")
    shown["n"] = key["n"].map(lambda v: "" if pd.isna(v) else f"{int(v):,}")
    return shown


def copy_tables(results_dir: Path, target_dir: Path) -> list[Path]:
    """Copy the result CSVs beside the reports so the folder can be shared on its own."""
    target_dir.mkdir(parents=True, exist_ok=True)
    copied = []
    for source in sorted(results_dir.glob("*.csv")):
        target = target_dir / source.name
        shutil.copyfile(source, target)
        copied.append(target)
    for stale in target_dir.glob("*.csv"):
        if stale not in copied and stale.name != VALIDATION_TABLE:
            stale.unlink()
    return copied


def _link(path: Path | None, text: str) -> str:
    return f"<a href='{_e(path.name)}'>{_e(text)}</a>" if path is not None else ""


def _report_row(report) -> str:
    """One row of the reports table: the three versions, or the error of a failed notebook."""
    if report.error:
        return (
            f"<tr class='failed'><td>{_e(report.title)}</td><td colspan='2'><strong>failed</strong> in "
            f"<code>{_e(report.error)}</code></td><td>{_link(report.full_html, 'notebook with the error')}"
            f"{' · ' if report.full_html else ''}{_link(report.executed, '.ipynb')}</td></tr>"
        )
    return (
        f"<tr><td>{_e(report.title)}</td><td>{_link(report.reader_html, 'report')}</td>"
        f"<td>{_link(report.full_html, 'with code')}</td><td>{_link(report.executed, 'notebook (.ipynb)')}</td></tr>"
    )


def build_index(output_dir: Path, reports: list, summary_points: list[str], validation_dir: Path | None = None) -> Path:
    """Write `reports/index.html` for an output folder and the notebooks that were run."""
    dirs = OutputDirs(Path(output_dir))
    provenance = read_provenance(output_dir)
    tables = copy_tables(dirs.results, dirs.reports / "tables")
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
    for name, caption in KEY_FIGURES:
        path = dirs.figures / f"{name}.png"
        if path.is_file():
            figures.append(
                f"<figure><img src='{_embedded_png(path)}' alt='{_e(caption)}'>"
                f"<figcaption>{_e(caption)}</figcaption></figure>"
            )
        else:
            missing.append(name)
    if missing:
        figures.append(f"<p class='note'>Not made by this run: {_e(', '.join(missing))}.</p>")
    sections.append("<section><h2>Key figures</h2>" + "".join(figures) + "</section>")

    sections.append(
        "<section id='reports'><h2>Reports</h2><p>Each analysis as a report for readers (no code) and in full "
        "(with the code that produced every number).</p>"
        + (
            f"<p class='failed'>{len(failed)} of {len(reports)} reports failed in this run: "
            "the error is beside each one, and its notebook, with the traceback, is linked.</p>"
            if failed
            else ""
        )
        + "<table><thead><tr><th>analysis</th><th colspan='3'>versions</th></tr></thead><tbody>"
        + "".join(_report_row(r) for r in reports)
        + "</tbody></table></section>"
    )

    table_rows = "".join(
        f"<tr><td><a href='tables/{_e(p.name)}'>{_e(p.name)}</a></td>"
        f"<td>{_count_rows(p):,}</td><td>{p.stat().st_size / 1024:,.0f} KB</td></tr>"
        for p in tables
    )
    sections.append(
        "<section><h2>Result tables (CSV)</h2><p>UTF-8, one row per observation; they open in "
        "pandas, R or a spreadsheet.</p><table><thead><tr><th>table</th><th>rows</th><th>size</th></tr>"
        f"</thead><tbody>{table_rows}</tbody></table></section>"
    )

    validation = load_summaries(validation_dir) if validation_dir else load_summaries()
    if len(validation):
        full = dirs.reports / "tables" / VALIDATION_TABLE
        write_text(validation.to_csv(index=False, lineterminator="\n"), full)
        sections.append(
            "<section><h2>How far to trust each measure</h2><p>The key figures of each analysis against "
            "human-annotated data, beside the published anchor and a trivial baseline (from "
            f"<code>validation/</code>; rerun with <code>make validate</code>). All {len(validation):,} "
            f"figures: <a href='tables/{VALIDATION_TABLE}'>{VALIDATION_TABLE}</a>.</p>"
            + _table(key_validation_rows(validation))
            + "</section>"
        )

    tools = pd.DataFrame(sorted(provenance["tools"].items()), columns=["tool", "version"])
    options = pd.DataFrame(sorted(provenance["options"].items()), columns=["option", "value"])
    sections.append(
        "<section><h2>Provenance</h2>"
        f"<p>Corpus <code>{_e(provenance['corpus'])}</code>: {provenance['n_articles']:,} articles analysed of "
        f"{provenance['n_files']:,} files. Fingerprint (SHA-256 of file names and contents): "
        f"<code>{_e(provenance['corpus_fingerprint'])}</code>.</p>" + _table(tools) + _table(options) + "</section>"
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
