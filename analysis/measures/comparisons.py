"""Comparisons of the headline measures over time and between groups of articles.

Everything here reads the scorecard (`measures/synthesis.py`, one row per article) and the
articles table; the prose is in analysis/report/findings.py and the drawing in
analysis/figures/comparisons.py.

- **Over time.** Each article's date (the articles table's `date` column, or the column the
  `date_column` option names when the articles table has it) is read as a calendar day;
  articles without one, or with one that cannot be read, are left out and counted. The period
  is chosen from the span of the dates and their number (`choose_period`): weeks (starting
  Monday) when the dates span less than WEEKLY_MAX_DAYS, months up to MONTHLY_MAX_DAYS, years
  beyond; a coarser period when the finer one would hold fewer than MIN_MEAN_PER_PERIOD articles
  on average and the dates span at least two of the coarser (forty articles over five months:
  per month, not per week). Each period gets
  the mean of each measure over its articles and a 95% percentile-bootstrap interval over those
  articles; a period with fewer than MIN_ARTICLES articles gets its mean without an interval.
- **Between groups.** The groups are the values of the first metadata column of `group_by`
  (then the sub-folder) with 2 to MAX_GROUPS known values (`choose_groups`; an empty value or
  "unknown" is not a group, and those articles are left out). Each group gets its mean with a
  bootstrap interval; the difference is the first group minus the second for two groups, else
  each group minus all the other articles, with an interval from resampling the articles of
  each side separately.

Every interval is seeded (`SEED`): the same articles give the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

HEADLINE_MEASURES = [  # the scorecard measures compared over time and between groups, in figure order
    "mean_compound",
    "sensationalism_index",
    "flesch_kincaid_grade",
    "share_named",
    "n_words",
]
MIN_ARTICLES = 3  # fewest articles in a period or group for a bootstrap interval
MAX_GROUPS = 25  # most groups a column may have to be compared
WEEKLY_MAX_DAYS = 183  # dates spanning less than about six months: per week
MONTHLY_MAX_DAYS = 5 * 366  # up to about five years: per month; beyond, per year
MIN_MEAN_PER_PERIOD = 5  # a finer period only while it holds at least this many articles on average
_PERIOD_DAYS = {"week": 7, "month": 30.44, "year": 365.25}
RESAMPLES = 2000
SEED = 0
CONFIDENCE = 95
MISSING_GROUP_VALUES = {"", "unknown", "nan", "none", "n/a"}  # values that name no group (compared lowercased)
FOLDER = "folder"  # the pseudo-column of each article's sub-folder

TIME_COLUMNS = ["measure", "period", "period_start", "n_articles", "mean", "ci_low", "ci_high"]
GROUP_MEAN_COLUMNS = ["measure", "group_column", "group", "n_articles", "mean", "ci_low", "ci_high"]
DIFFERENCE_COLUMNS = [
    "measure",
    "group_column",
    "group",
    "compared_with",
    "n_group",
    "n_compared",
    "difference",
    "ci_low",
    "ci_high",
]


# --- Bootstrap ---------------------------------------------------------------------------


def _tails(confidence: float) -> list[float]:
    tail = (100 - confidence) / 2
    return [tail, 100 - tail]


def bootstrap_mean_interval(
    values, resamples: int = RESAMPLES, seed: int = SEED, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Percentile-bootstrap interval of the mean of `values` (missing values dropped): the
    articles resampled with replacement `resamples` times. NaN for no values."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return float("nan"), float("nan")
    draws = np.random.default_rng(seed).integers(0, len(values), size=(resamples, len(values)))
    low, high = np.percentile(values[draws].mean(axis=1), _tails(confidence))
    return float(low), float(high)


def bootstrap_difference_interval(
    first, second, resamples: int = RESAMPLES, seed: int = SEED, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Percentile-bootstrap interval of mean(first) - mean(second), each sample resampled on its
    own (independent groups of articles); NaN if either has no values."""
    first, second = (np.asarray(v, dtype=float) for v in (first, second))
    first, second = first[~np.isnan(first)], second[~np.isnan(second)]
    if len(first) == 0 or len(second) == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = [
        sample[rng.integers(0, len(sample), size=(resamples, len(sample)))].mean(axis=1) for sample in (first, second)
    ]
    low, high = np.percentile(means[0] - means[1], _tails(confidence))
    return float(low), float(high)


def _summary(values: pd.Series, min_articles: int) -> dict:
    values = values.dropna()
    mean = float(values.mean()) if len(values) else float("nan")
    low, high = bootstrap_mean_interval(values) if len(values) >= min_articles else (float("nan"), float("nan"))
    return {"n_articles": len(values), "mean": mean, "ci_low": low, "ci_high": high}


# --- Over time ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleDates:
    """The calendar day of each article that has a usable one (indexed by article_id), the
    column read, and how many articles had none or one that could not be read."""

    dates: pd.Series
    column: str | None
    n_missing: int
    n_unreadable: int

    @property
    def n_left_out(self) -> int:
        return self.n_missing + self.n_unreadable


def date_column_of(articles: pd.DataFrame, date_column: str | None = None) -> str | None:
    """The column holding the articles' dates: `date_column` when the articles table has it
    (a manifest column of that name), else `date`; None if neither is there."""
    for column in (date_column, "date"):
        if column and column in articles:
            return column
    return None


YEAR_RE = r"(?<!\d)\d{4}(?!\d)"  # a date must name its year: "February 1" alone would take today's


def article_dates(articles: pd.DataFrame, date_column: str | None = None) -> ArticleDates:
    """Each article's date as a calendar day. Any form pandas reads that names a four-digit
    year (ISO 8601, "8 January 2026", 01/08/2026 read month first, with or without a time and
    time zone, a time zone converted to UTC) is accepted; anything else is unreadable (a date
    without its year would be completed with today's, so the same input would not give the
    same result tomorrow)."""
    ids = articles["article_id"].astype(str) if "article_id" in articles else pd.Series(dtype=str)
    column = date_column_of(articles, date_column)
    if column is None:
        return ArticleDates(pd.Series(dtype="datetime64[ns]"), None, len(articles), 0)
    text = articles[column].astype(object).where(articles[column].notna(), "").astype(str).str.strip()
    given = text.ne("").to_numpy()
    readable = given & text.str.contains(YEAR_RE).to_numpy()
    parsed = pd.Series(pd.NaT, index=ids, dtype="datetime64[ns]")
    if readable.any():
        read = pd.to_datetime(pd.Series(text.to_numpy()[readable]), errors="coerce", format="mixed", utc=True)
        parsed.iloc[np.flatnonzero(readable)] = read.dt.tz_convert(None).dt.normalize().to_numpy()
    dates = parsed.dropna()
    return ArticleDates(dates, column, int((~given).sum()), int(given.sum() - len(dates)))


def choose_period(dates: pd.Series) -> str:
    """'week' when the dates span less than WEEKLY_MAX_DAYS days, 'month' up to
    MONTHLY_MAX_DAYS, else 'year'; the next coarser period while the chosen one would hold fewer
    than MIN_MEAN_PER_PERIOD articles on average and the dates span at least two of the coarser."""
    if dates.empty:
        return "week"
    span = (dates.max() - dates.min()).days
    allowed = ["week", "month", "year"] if span < WEEKLY_MAX_DAYS else ["month", "year"]
    if span > MONTHLY_MAX_DAYS:
        allowed = ["year"]
    chosen = allowed[0]
    for coarser in allowed[1:]:
        thin = len(dates) / (span / _PERIOD_DAYS[chosen] + 1) < MIN_MEAN_PER_PERIOD
        if not thin or span < 2 * _PERIOD_DAYS[coarser]:  # a coarser period must still give three or so
            break
        chosen = coarser
    return chosen


_PERIOD_CODES = {"week": "W-SUN", "month": "M", "year": "Y"}


def period_starts(dates: pd.Series, period: str) -> pd.Series:
    """The first day of each date's period (weeks start on Monday)."""
    return dates.dt.to_period(_PERIOD_CODES[period]).dt.start_time


def period_label(start: pd.Timestamp, period: str) -> str:
    """'week of 2026-01-05', '2026-01' or '2026'."""
    if period == "week":
        return f"week of {start:%Y-%m-%d}"
    return f"{start:%Y-%m}" if period == "month" else f"{start:%Y}"


def _all_periods(starts: pd.Series, period: str) -> pd.DatetimeIndex:
    """Every period from the first to the last, empty ones included."""
    periods = pd.period_range(starts.min(), starts.max(), freq=_PERIOD_CODES[period])
    return periods.start_time


@dataclass(frozen=True)
class OverTime:
    """Each measure's mean per period (`TIME_COLUMNS`; periods without articles have
    n_articles 0), the period, and the dates it was built from."""

    table: pd.DataFrame
    period: str
    dates: ArticleDates

    @property
    def n_periods_with_articles(self) -> int:
        return int(self.table.groupby("period_start")["n_articles"].max().gt(0).sum()) if len(self.table) else 0


def over_time(
    card: pd.DataFrame,
    articles: pd.DataFrame,
    date_column: str | None = None,
    measures: list[str] = HEADLINE_MEASURES,
    min_articles: int = MIN_ARTICLES,
) -> OverTime:
    """The mean of each measure of `card` per period with its bootstrap interval (none under
    `min_articles` articles with a value) and the number of articles with a value."""
    dates = article_dates(articles, date_column)
    period = choose_period(dates.dates)
    if dates.dates.empty:
        return OverTime(pd.DataFrame(columns=TIME_COLUMNS), period, dates)
    starts = period_starts(dates.dates, period)
    card = card.assign(article_id=card["article_id"].astype(str))
    card = card[card["article_id"].isin(starts.index)]
    card = card.assign(period_start=card["article_id"].map(starts))
    rows = []
    for measure in [m for m in measures if m in card]:
        values = pd.to_numeric(card[measure], errors="coerce")
        for start in _all_periods(starts, period):
            rows.append(
                {
                    "measure": measure,
                    "period": period_label(start, period),
                    "period_start": f"{start:%Y-%m-%d}",
                    **_summary(values[card["period_start"] == start], min_articles),
                }
            )
    return OverTime(pd.DataFrame(rows, columns=TIME_COLUMNS), period, dates)


# --- Between groups ----------------------------------------------------------------------


def _folders(articles: pd.DataFrame) -> pd.Series:
    """Each article's sub-folder ('' at the top of the corpus), from its id."""
    return articles["article_id"].astype(str).str.rpartition("/")[0]


def _known(values: pd.Series) -> pd.Series:
    """Values as stripped text, NaN where they name no group (empty, 'unknown', ...)."""
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    return text.where(~text.str.lower().isin(MISSING_GROUP_VALUES))


@dataclass(frozen=True)
class Groups:
    """The group of each article (indexed by article_id; NaN where it has none) and the
    column it comes from ('folder': the sub-folder)."""

    labels: pd.Series
    column: str

    @property
    def n_left_out(self) -> int:
        return int(self.labels.isna().sum())

    @property
    def names(self) -> list[str]:
        """The groups in natural order ("outlet 2" before "outlet 10")."""
        return sorted(self.labels.dropna().unique(), key=_natural_key)


def _natural_key(label: str) -> list:
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", label) if part
    ]


def choose_groups(articles: pd.DataFrame, columns=("outlet",), max_groups: int = MAX_GROUPS) -> Groups | None:
    """The first of `columns` (then the sub-folder, FOLDER) whose known values form 2 to
    `max_groups` groups; None if none does."""
    ids = articles["article_id"].astype(str)
    candidates = list(dict.fromkeys([*columns, FOLDER]))
    for column in candidates:
        if column in articles:  # a manifest column, even one named "folder"
            values = articles[column]
        elif column == FOLDER:
            values = _folders(articles)
        else:
            continue
        known = pd.Series(_known(values).to_numpy(), index=ids.to_numpy())
        if 2 <= known.nunique() <= max_groups:
            return Groups(known, column)
    return None


def group_means(
    card: pd.DataFrame, groups: Groups, measures: list[str] = HEADLINE_MEASURES, min_articles: int = MIN_ARTICLES
) -> pd.DataFrame:
    """Each group's mean of each measure with its bootstrap interval (`GROUP_MEAN_COLUMNS`)."""
    labels = card["article_id"].astype(str).map(groups.labels)
    rows = []
    for measure in [m for m in measures if m in card]:
        values = pd.to_numeric(card[measure], errors="coerce")
        for group in groups.names:
            rows.append(
                {
                    "measure": measure,
                    "group_column": groups.column,
                    "group": group,
                    **_summary(values[labels == group], min_articles),
                }
            )
    return pd.DataFrame(rows, columns=GROUP_MEAN_COLUMNS)


REST = "the rest"  # `compared_with` of a group compared with every other article


def group_differences(
    card: pd.DataFrame, groups: Groups, measures: list[str] = HEADLINE_MEASURES, min_articles: int = MIN_ARTICLES
) -> pd.DataFrame:
    """Differences of means between groups (`DIFFERENCE_COLUMNS`): with two groups, the first
    (alphabetically) minus the second; with more, each group minus every other article with a
    group (`compared_with` REST). The interval resamples the articles of each side; it is left
    empty when either side has fewer than `min_articles` values."""
    labels = card["article_id"].astype(str).map(groups.labels)
    names = groups.names
    pairs = [(names[0], names[1])] if len(names) == 2 else [(name, REST) for name in names]
    rows = []
    for measure in [m for m in measures if m in card]:
        values = pd.to_numeric(card[measure], errors="coerce")
        for group, other in pairs:
            first = values[labels == group].dropna()
            second = values[(labels == other) if other != REST else (labels.notna() & (labels != group))].dropna()
            enough = min(len(first), len(second)) >= min_articles
            low, high = bootstrap_difference_interval(first, second) if enough else (float("nan"), float("nan"))
            difference = first.mean() - second.mean() if len(first) and len(second) else float("nan")
            rows.append(
                {
                    "measure": measure,
                    "group_column": groups.column,
                    "group": group,
                    "compared_with": other,
                    "n_group": len(first),
                    "n_compared": len(second),
                    "difference": float(difference),
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def rounded(table: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    """A comparison table with its float columns rounded, for writing beside its figure."""
    floats = table.select_dtypes("float").columns
    return table.assign(**{c: table[c].round(digits) for c in floats})
