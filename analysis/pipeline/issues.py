"""The issues of a run (`issues.csv`: files skipped or analysed with a caveat) as a few lines
for the terminal, read without pandas."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..paths import display_path

ISSUES_FILE = "issues.csv"
ISSUE_COLUMNS = ["source_file", "severity", "reason"]
ISSUE_EXAMPLES = 3  # files named per kind of issue in the summary; issues.csv lists them all
_ISSUE_DETAILS_RE = re.compile(r" \(([^)]*)\)|(?<=^same text as) (.*)$")  # what varies between files


def read_issues(path: Path) -> list[dict[str, str]]:
    """The rows of an `issues.csv`."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def issue_summary(issues, issues_file: Path | None) -> list[str]:
    """The issues of a run as a few lines: one per severity and kind of reason (the reason
    without what varies between files), most frequent first, with the first files as examples.

    `issues` has the columns of `issues.csv` (source_file, severity, reason): a table, or its
    rows as mappings; `issues_file` is where the full list is written (None when nothing was
    written).
    """
    rows = _records(issues)
    if not rows:
        return []
    groups: dict[tuple[str, str], list[Mapping]] = {}
    for row in rows:
        kind = _ISSUE_DETAILS_RE.sub("", str(row["reason"]))
        groups.setdefault((row["severity"], kind), []).append(row)
    lines = []
    for (severity, kind), members in sorted(groups.items(), key=lambda group: -len(group[1])):
        same_reason = len({row["reason"] for row in members}) == 1
        examples = [
            row["source_file"] if same_reason else f"{row['source_file']} ({_issue_detail(row['reason'])})"
            for row in members[:ISSUE_EXAMPLES]
        ]
        more = f" and {len(members) - len(examples):,} more" if len(members) > len(examples) else ""
        reason = members[0]["reason"] if same_reason else kind
        lines.append(
            f"  {severity}, {len(members):,} file{'s' if len(members) != 1 else ''}: {reason}: "
            f"{', '.join(examples)}{more}"
        )
    skipped = sum(1 for row in rows if row["severity"] == "skipped")
    where = f"; every one in {display_path(issues_file)}" if issues_file else ""
    return [f"{skipped:,} file(s) skipped and {len(rows) - skipped:,} warning(s){where}:", *lines]


def _records(issues) -> list[Mapping]:
    """The rows of an issues table (a DataFrame) or of a list of mappings."""
    if hasattr(issues, "to_dict"):
        return issues.to_dict("records")
    return list(issues) if isinstance(issues, Iterable) else []


def _issue_detail(reason: str) -> str:
    """The part of a reason that varies between files: '3% English function words', 'a.txt'."""
    found = _ISSUE_DETAILS_RE.search(reason)
    return next(part for part in found.groups() if part) if found else reason
