"""Tables for readers: one HTML renderer for the notebooks and the index page.

The rules, the same wherever a table is shown:
- no index column: a named index (a pivot's rows, a crosstab's) becomes a column, an unnamed
  one is dropped; column levels are joined with spaces;
- one precision per measure, chosen from the column's name (whole words of it), else its
  values (`decimals`): counts (`n`, `n_*`, `*_count`, `hits`, `*_id`, `*words`, ...) are integers
  with thousands separators; readability grades and indices, rates per 1,000 words, words per
  sentence and MTLD have one decimal; tone, compound, shares, scores, AUC, F1, r, kappa,
  precision, recall, accuracy, rates, anchors and baselines three decimals; a column whose name
  says none of these: integers if every value is whole, else three decimals (or the precision
  the caller gives for columns named by what they hold, such as a pivot's frame labels);
- empty cells are empty (NaN, None, <NA>, NaT);
- every cell is HTML-escaped text: article text never becomes markup (column names may wrap
  after an underscore: `<wbr>`);
- at most `MAX_ROWS` rows (a screenful), with a line saying how many of how many and which
  ones (the first, or the highest or lowest by a column) and where the whole table is;
- at most `MAX_COLUMNS` columns side by side: a wider table is shown as stacked parts, each
  beginning with its first column, so that no table scrolls sideways.

The tables' style (`templates/offline/tables.css`, in the index page and in the notebook
template) wraps long text at spaces, right-aligns numbers and keeps a table within the page's
width.

Where the whole table is: the report site copies the result tables to `reports/tables/`
(`validation/` tables to `reports/tables/validation/`), smallest first, as long as their sizes
add up to at most `COPY_BUDGET` bytes (uncompressed): the per-article tables always, the
sentence- and mention-level ones while the budget allows; a table beyond it stays in the
output folder's `results/` only. A copy is the CSV itself up to `PLAIN_LIMIT` bytes, else
gzip-compressed (`.csv.gz`, which pandas and R read as it is). `shared_name` is that one rule,
used by the site when copying and by the tables when linking.
"""

from __future__ import annotations

import datetime
import html
import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..measures import readability
from ..paths import TEMPLATES_DIR

MAX_ROWS = 15
MAX_COLUMNS = 9  # a wider table is shown in parts (`column_parts`) that fit the page
PLAIN_LIMIT = 256 * 1024  # bytes: a table up to this size is copied as CSV, a larger one as .csv.gz
COPY_BUDGET = 20 * 1024 * 1024  # bytes of the CSVs of one folder copied into the site (about 5 MB compressed)


def _words(*alternatives: str) -> re.Pattern:
    """Any of the alternatives as whole words of a column name (words joined by `_` or spaces)."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


ONE_DECIMAL = _words(
    r"\w*grade",
    *readability.METRICS,  # the readability formulas' scores
    readability.CONSENSUS,
    r"\w*per_1000_words",
    "words_per_sentence",
    "mtld",
)
SHARES = _words(r"\w*share\w*", r"\w*rate", r"\w*ratio")  # before COUNTS: "share_of_matches" is a share
COUNTS = _words(r"n", r"n_\w+", r"\w*_count", "count", "hits", "matches", "rank", "line", r"\w*_id", r"\w*words")
THREE_DECIMALS = _words(
    r"\w*tone\w*",
    r"\w*compound\w*",
    r"\w*share\w*",
    r"\w*score",
    r"\w*auc",
    r"\w*f1",
    r"\w*kappa",
    "precision",
    "recall",
    r"\w*accuracy",
    "r",
    "rho",
    r"ci_\w+",
    "value",
    "anchor",
    "baseline",
    "contribution",
    "pos",
    "neu",
    "neg",
    "position",
    "difference",
    r"\w*agreement",
    r"\w*rate",
)
STYLE = (TEMPLATES_DIR / "offline" / "tables.css").read_text(encoding="utf-8")  # the notebook template includes it too


@dataclass(frozen=True)
class FullTable:
    """Where the whole of a shown table is: its path in the output folder (`results/x.csv`)
    and its link from the report pages (`tables/x.csv`, None if the site does not include it)."""

    path: str
    href: str | None
    complete: bool = True  # False: the rows shown are computed from that table


def shared_name(source: Path) -> str | None:
    """The name of a table's copy in the report site: as it is when small, `.gz` when larger,
    None when it is beyond the budget of its folder (`COPY_BUDGET`, smallest tables first)."""
    sizes = sorted((path.stat().st_size, path.name) for path in source.parent.glob("*.csv"))
    total = 0
    for size, name in sizes:
        total += size
        if name == source.name:
            if total > COPY_BUDGET:
                return None
            return source.name if size <= PLAIN_LIMIT else f"{source.name}.gz"
    return None


def full_table(source: Path, path: str, site_folder: str = "tables", complete: bool = True) -> FullTable:
    """A table's `FullTable`: `path` as readers find it in the output folder, the link from its
    copy in the site (relative to `reports/`) when the site includes it."""
    name = shared_name(source) if source.is_file() else None
    return FullTable(path, f"{site_folder}/{name}" if name else None, complete)


def decimals(column: str, values: pd.Series | None = None, unnamed: int | None = None) -> int | None:
    """Decimals for a column: by its name first (without a qualifier in brackets); else `unnamed` if given (for columns named by
    what they hold, a pivot's frame labels); else 0 for whole numbers and 3 for other numbers;
    None if the column holds no numbers."""
    name = str(column).lower()
    name = re.sub(r"\s*\([^)]*\)", "", name).strip() or name  # "f1 (evidence count)" is an F1
    for pattern, places in ((ONE_DECIMAL, 1), (SHARES, 3), (COUNTS, 0), (THREE_DECIMALS, 3)):
        if pattern.search(name):
            return places
    if unnamed is not None:
        return unnamed
    if values is None:
        return None
    numbers_only = [v for v in values if _is_number(v)]
    if not numbers_only:
        return None
    return 0 if all(float(v).is_integer() for v in numbers_only if math.isfinite(float(v))) else 3


def format_value(value, places: int | None) -> str:
    """One cell as text: empty for a missing value, a number at `places` decimals with thousands
    separators, anything else as its text."""
    if _is_missing(value):
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if _is_number(value) and places is not None:
        number = float(value)
        if not math.isfinite(number):
            return str(number)
        text = f"{round(number):,}" if places == 0 else f"{number:,.{places}f}"
        return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no "-0.000"
    return str(value)


def reader_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as readers see it: a named index as columns, an unnamed index of labels (text)
    as a first column without a name, no unnamed index of numbers, one level of column names."""
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    elif frame.index.nlevels == 1 and not pd.api.types.is_numeric_dtype(frame.index):
        frame = frame.rename_axis("").reset_index()
    else:
        frame = frame.reset_index(drop=True)
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" ".join(str(part) for part in parts if str(part) != "") for parts in frame.columns]
    return frame


def table_html(
    frame: pd.DataFrame,
    *,
    max_rows: int | None = MAX_ROWS,
    top: str | None = None,
    ascending: bool = False,
    full: FullTable | None = None,
    links: Mapping[str, str] | None = None,
    unnamed_decimals: int | None = None,
) -> str:
    """A table as HTML for readers (see the module's rules). With more than `max_rows` rows the
    first are shown, or, with `top`, those with the highest (`ascending`: lowest) values of that
    column; `full` says where the whole table is. `links` maps a column to the column holding
    each cell's link (relative; the link column is not shown). `unnamed_decimals` is the
    precision of numeric columns whose name does not say their measure."""
    frame = reader_frame(frame)
    links = dict(links or {})
    total = len(frame)
    if top is not None:
        frame = frame.sort_values(top, ascending=ascending, kind="stable", na_position="last")
    shown = frame if max_rows is None or total <= max_rows else frame.head(max_rows)
    columns = [c for c in shown.columns if c not in links.values()]
    places = {c: decimals(c, frame[c], unnamed_decimals) for c in columns}
    numeric = {c: _is_numeric_column(frame[c]) for c in columns}
    kinds = {c: " class='num'" if numeric[c] else " class='text'" if _is_long_text(shown[c]) else "" for c in columns}
    values = {c: shown[c].tolist() for c in [*columns, *links.values()]}  # each column keeps its type

    def cell(c, i) -> str:
        text = html.escape(format_value(values[c][i], places[c]), quote=True)
        href = values[links[c]][i] if c in links else None
        if text and not _is_missing(href):
            text = f"<a href='{html.escape(str(href), quote=True)}'>{text}</a>"
        return f"<td{kinds[c]}>{text}</td>"

    def table(part: list) -> str:
        head = "".join(f"<th{kinds[c]}>{_header(c)}</th>" for c in part)
        body = "".join("<tr>" + "".join(cell(c, i) for c in part) + "</tr>" for i in range(len(shown)))
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    parts = column_parts(columns)
    note = table_note(total, len(shown), top, ascending, full)
    if len(parts) > 1:
        note += (
            f" {len(columns)} columns, shown in {len(parts)} parts, each beginning with {html.escape(str(columns[0]))}."
        )
    return (f"<p class='table-note'>{note.strip()}</p>" if note else "") + (
        "<div class='reader-table'>" + "".join(table(part) for part in parts) + "</div>"
    )


def column_parts(columns: list) -> list[list]:
    """Columns in parts of at most MAX_COLUMNS, each repeating the first (the row's identifier),
    so that a wide table is shown as stacked tables that fit the page instead of scrolling."""
    if len(columns) <= MAX_COLUMNS:
        return [list(columns)]
    first, rest = columns[0], list(columns[1:])
    size = MAX_COLUMNS - 1
    n_parts = math.ceil(len(rest) / size)
    size = math.ceil(len(rest) / n_parts)  # parts of even width
    return [[first, *rest[k : k + size]] for k in range(0, len(rest), size)]


def table_note(total: int, shown: int, top: str | None, ascending: bool, full: FullTable | None) -> str:
    """The line above a table: how many rows of how many, which ones, where the whole table is."""
    parts = []
    if shown < total:
        which = f"the {'lowest' if ascending else 'highest'} by {top}" if top else "the first"
        parts.append(f"{shown:,} of {total:,} rows, {html.escape(which)}.")
    if full is not None:
        label = ("All rows" if shown < total else "As CSV") if full.complete else "Computed from"
        path = html.escape(full.path)
        if full.href:
            name = html.escape(full.href.rsplit("/", 1)[-1])
            parts.append(f"{label}: <a href='{html.escape(full.href, quote=True)}'>{name}</a> (<code>{path}</code>).")
        else:
            parts.append(f"{label}: <code>{path}</code> in the output folder (too large to include in this site).")
    return " ".join(parts)


def _header(column) -> str:
    """A column name, escaped, that may wrap after an underscore (`headline_<wbr>compound`)."""
    return html.escape(str(column), quote=True).replace("_", "_<wbr>")


def _is_long_text(values: pd.Series) -> bool:
    """Whether a column holds running text (sentences, quotes): it gets room to wrap."""
    texts = [v for v in values if isinstance(v, str)]
    return bool(texts) and sum(len(v) for v in texts) / len(texts) > 40


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers are values
        return False


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not _is_missing(value)


def _is_numeric_column(values: pd.Series) -> bool:
    present = [v for v in values if not _is_missing(v)]
    return bool(present) and all(_is_number(v) for v in present)
