"""Committed reviews: a reader's judgement of each case a validation lists (a flagged claim, a
rule's hit, a sampled article), kept in a CSV file beside the validation's outputs, checked when
read and joined to the cases by key; a case without a review reads "unreviewed"."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

UNREVIEWED = "unreviewed"
TRUE_FALSE = ("True", "False")


def read_review(path: Path, key: list[str], columns: list[str], allowed: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """The review's `key` and `columns`, one row per key (empty when the file does not exist);
    a value of a column of `allowed` outside its values is a ValueError naming the file."""
    if not path.is_file():
        return pd.DataFrame(columns=[*key, *columns])
    review = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, values in allowed.items():
        wrong = sorted(set(review[column]) - set(values))
        if wrong:
            choices = " or ".join(values) if len(values) == 2 else "one of " + ", ".join(values)
            raise ValueError(f"{path.name}: {column} must be {choices}, not {', '.join(wrong)}")
    return review[[*key, *columns]].drop_duplicates(key)


def with_review(table: pd.DataFrame, review: pd.DataFrame, key: list[str], verdicts: list[str]) -> pd.DataFrame:
    """`table` with its review's columns: the `verdicts` read UNREVIEWED where no review row
    matches, the other columns empty."""
    joined = table.merge(review, on=key, how="left")
    for column in review.columns.difference(key):
        joined[column] = joined[column].fillna(UNREVIEWED if column in verdicts else "")
    return joined
