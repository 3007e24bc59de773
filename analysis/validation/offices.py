"""Office-holder consistency on professional news and on planted inconsistencies.

No corpus annotates whether a title in the news is true at the article's date, so two checks
stand in for one. False alarms: professional news is taken to name its office holders right,
so an article the measure flags (a claim false at the article's date, or claims that cannot all
be true at once: `consistent` False) is a false alarm unless reading it shows the article wrong.
The issue's target is under 2% of articles; no published figure exists (no anchor). Three corpora:

- BBC News (Greene & Cunningham 2006; `bbc/`, 2,225 articles in five topic folders, 2004-2005
  by its README, no date per article). The rules were tuned on the `politics` folder
  (`bbc_tuning`); the other four are held out (`bbc_held_out`). Undated, a claim is false only
  if it is false on every day of `BBC_PERIOD`: the measure's own verdict step is run with every
  article dated on each day where a verdict can change inside the period (its first day, each
  term's start, end and the day after, the day a past term becomes a historical reference, each
  new year), and a claim false on all of them is false. Conflicts do not depend on the date:
  they are read from the undated run.
- PolNeAR (Newell, Margolin & Ruths 2018; `polnear/`, 2016 US political news): `dev` was used
  in tuning (`polnear_dev`); `train` (`polnear_train`) was held out for the first run, and the
  rules were then revised after reading its cases, so it is no clean held-out set. Each article
  gets its `publication_date` from `metadata.tsv`, given as a user would: a `manifest.csv` with
  a `date` column in a copy of the texts.
- The Narrative Frames Corpus (Frermann et al. 2023; `narrative_frames/`, 428 climate-change
  news articles of 2017-2019 from American, British and other outlets; the split keeps its
  first name, `narrative_frames_held_out`): held out for its first run (5.6% of its articles
  flagged), after which the rules were revised on its cases (a past holder's title in the
  possessive, or beside the holder at the date, is a recollection), so it too is no clean
  held-out set now. Its `articles_metadata.tsv` is read as a user's table file (one article per row, its `text` and
  `date` columns).

The role of each split (`ROLES`: tuning, revision, held_out) is in its `dataset` text and in
the `splits` table, one row per split with its figures.

Each corpus is read with the package's text model (`text.load.load_corpus`) and the measure's
own steps (`measures.offices.tables`, then `finish`; the other measures are not run). The share
of flagged articles has a percentile bootstrap interval (`metrics.bootstrap_interval`). The
baseline reads every pair as a present claim ("holds") at the article's date, without its
"former"/"then" words or the years its sentence names: what title-and-name matching alone flags.
Every flagged claim and conflict is listed in `cases` with the cause and explanation given in
`validation/offices_case_review.csv` after reading it in its article ("unreviewed" without one).

Planted: for offices of the file with two holders or more, `N_PER_OFFICE` dates drawn with
`SEED` inside each office's covered span (its first listed start to the file's `as_of`), and
one article per kind of `KINDS` built from templates; a kind is flagged (should_flag) or must
not be. Recall is the share of should-flag articles flagged in the planted way (a false claim,
or for `conflict` claims in conflict); the false-flag rate the share of must-not-flag articles
with a false claim or conflict.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..measures import corpus as corpus_measure
from ..measures import offices
from ..paths import VALIDATION_DIR
from ..pipeline.options import Options
from ..text.datelines import find_dateline
from ..text.load import MANIFEST_NAME, Corpus, load_corpus
from ..text.office_holders import Holder, Office, OfficeHolders, load_office_holders
from . import SUMMARY_COLUMNS, Outcome, require, reviews
from .metrics import bootstrap_interval

BBC_PERIOD = (dt.date(2004, 1, 1), dt.date(2005, 12, 31))  # the corpus README's years
BBC_TUNING_FOLDER = "politics"
ROLES = {  # role: what the split was used for
    "tuning": "used in tuning the rules",
    "revision": "used to revise the rules after its first run",
    "held_out": "held out: no case read before the rules were final",
}
SPLITS = {  # split: (data set, role)
    "bbc_tuning": ("BBC News, politics folder", "tuning"),
    "bbc_held_out": ("BBC News, business, entertainment, sport and tech folders", "held_out"),
    "polnear_dev": ("PolNeAR dev", "tuning"),
    "polnear_train": ("PolNeAR train", "revision"),
    "narrative_frames_held_out": ("Narrative Frames Corpus, climate-change news", "revision"),
}
NARRATIVE_FRAMES_FILE = "articles_metadata.tsv"
SPLIT_COLUMNS = [
    "split",
    "dataset",
    "role",
    "n_articles",
    "n_left_out",
    "n_claims",
    "n_checked",
    "n_false",
    "n_false_alarms",
    "false_alarm_rate",
    "ci95_low",
    "ci95_high",
    "baseline_false_alarm_rate",
]
TARGET = 0.02  # the issue's target share of articles with a false alarm
NO_ANCHOR = "none published; the issue's target is under 2% of articles (not an anchor)"
BASELINE_NAME = "every pair read as holding the office at the article's date (no former/then words, no years)"
REVIEW_FILE = VALIDATION_DIR / "offices_case_review.csv"
REVIEW_KEY = ["dataset", "article_id", "text"]
CAUSES = (
    "article_error",
    "historical_reference",
    "future_reference",
    "quotation",
    "name_confusion",
    "entity_model_error",
    "rule_error",
    "file_gap",
    "other",
)
CASE_COLUMNS = [
    "dataset",
    "split",
    "article_id",
    "text",
    "office",
    "claim",
    "checked_on",
    "flag",
    "reason",
    "sentence",
    "cause",
    "explanation",
]
ARTICLE_COLUMNS = ["split", "article_id", "n_claims", "n_checked", "n_false", "conflict", "false_alarm"]
SEED = 18
N_PER_OFFICE = 2
KINDS = {  # kind: should the measure flag it
    "correct_holder": False,
    "wrong_holder": True,
    "former_in_office": True,
    "conflict": True,
    "deputy_title": False,
    "then_title": False,
    "in_year_past_holder": False,
}
PLANTED_COLUMNS = [
    "planted_id",
    "kind",
    "should_flag",
    "office_id",
    "person",
    "other_person",
    "date",
    "text",
    "n_claims",
    "verdicts",
    "n_conflicts",
    "flagged",
    "detected",
]


# --- running the measure -----------------------------------------------------------------------


def measure_tables(folder: Path, options: Options) -> dict[str, pd.DataFrame]:
    """The measure's per-article tables of a corpus folder and its articles table with the
    manifest's columns, read as the pipeline reads them."""
    corpus = load_corpus(folder, actors_file=options.actors_file)
    readable = [a for a in corpus.articles if _dateline_readable(a)]
    left_out = [a.article_id for a in corpus.articles if a not in readable]
    corpus = Corpus(corpus.folder, readable, corpus.issues)
    tables = corpus_measure.tables(corpus, options)
    tables["left_out"] = pd.DataFrame({"article_id": left_out}, dtype=str)
    metadata = pd.DataFrame([a.metadata for a in corpus.articles], dtype=object).fillna("")
    metadata = metadata.drop(columns=[c for c in metadata.columns if c in tables["articles"].columns])
    tables["articles"] = pd.concat([tables["articles"], metadata.reset_index(drop=True)], axis=1)
    tables.update(offices.tables(corpus, options))
    return tables


def _dateline_readable(article) -> bool:
    """Whether the dateline step reads the article without failing: it fails (TypeError) on a
    short first paragraph that is no date; such articles are left out of the validation and
    counted (`n_left_out`) until the dateline step is fixed."""
    try:
        find_dateline(article)
    except TypeError:
        return False
    return True


def verdicts(tables: dict[str, pd.DataFrame], options: Options, date: dt.date | None = None, baseline=False):
    """The measure's `finish` on `tables`: with every article dated `date` when given (else
    the articles' own dates); `baseline` reads every pair as a present claim."""
    tables = dict(tables)
    if date is not None:
        tables["articles"] = tables["articles"].assign(date=date.isoformat())
        options = options.replace(date_column="date")
    if baseline:
        tables["office_claims"] = tables["office_claims"].assign(claim="holds", years="")
    return offices.finish(tables, options)


def check_dates(holders: OfficeHolders, period: tuple[dt.date, dt.date], years: float) -> list[dt.date]:
    """The days of `period` on which a verdict can change: its first day, each new year, each
    term's start, end and the day after, and the day `years` after a term's end."""
    first, last = period
    days = {first, *(dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1))}
    for office in holders.offices.values():
        for holder in office.holders:
            days.add(holder.start)
            if holder.end:
                days |= {holder.end, holder.end + dt.timedelta(days=1)}
                days.add(holder.end + dt.timedelta(days=int(years * 365.25) + 1))
    return sorted(d for d in days if first <= d <= last)


def period_false(per_date: list[pd.DataFrame]) -> pd.Series:
    """Per claim (the rows of the first table, in order): false on every date checked."""
    false = np.ones(len(per_date[0]), dtype=bool)
    for claims in per_date:
        false &= claims["verdict"].to_numpy() == "false"
    return pd.Series(false, index=per_date[0].index)


def undated_period_claims(tables, options, period, baseline=False) -> pd.DataFrame:
    """Claims of an undated corpus with their verdict over `period` (false when false on every
    check date, true when true on one, else unknown) and the undated run's conflicts."""
    holders = load_office_holders(options.office_holders_file)
    rules = offices.load_claim_rules()
    undated = verdicts(tables, options, baseline=baseline)["office_claims"]
    days = check_dates(holders, period, rules.historical_years)
    per_date = [verdicts(tables, options, day, baseline)["office_claims"] for day in days]
    false = period_false(per_date)
    true = np.zeros(len(undated), dtype=bool)
    for claims in per_date:
        true |= claims["verdict"].to_numpy() == "true"
    claims = undated.copy()
    claims["verdict"] = np.where(false, "false", np.where(true, "true", "unknown"))
    claims["checked_on"] = np.where(claims["verdict"] != "unknown", f"{period[0]}..{period[1]}", "")
    first_reason = per_date[0]["reason"].to_numpy()
    claims["reason"] = np.where(false, first_reason, claims["reason"])
    return claims


def article_flags(claims: pd.DataFrame, windows: pd.DataFrame) -> pd.DataFrame:
    """Per article: claims, checked (true or false), false, a conflict and whether it is a false
    alarm (a false claim or a conflict)."""
    by_article = claims.groupby("article_id")["verdict"]
    table = pd.DataFrame({"article_id": windows["article_id"].astype(str)})
    table["n_claims"] = table["article_id"].map(by_article.size()).fillna(0).astype(int)
    checked = claims[claims["verdict"].isin(["true", "false"])].groupby("article_id").size()
    false = claims[claims["verdict"] == "false"].groupby("article_id").size()
    table["n_checked"] = table["article_id"].map(checked).fillna(0).astype(int)
    table["n_false"] = table["article_id"].map(false).fillna(0).astype(int)
    table["conflict"] = windows["consistent"].astype(str).eq("False").to_numpy()
    table["false_alarm"] = (table["n_false"] > 0) | table["conflict"]
    return table


def cases(claims: pd.DataFrame, dataset: str, split_of) -> pd.DataFrame:
    """One row per false claim or claim in conflict."""
    flagged = claims[(claims["verdict"] == "false") | claims["conflicts_with"].astype(str).ne("")]
    rows = []
    for row in flagged.to_dict("records"):
        flag = "false claim" if row["verdict"] == "false" else ""
        if row["conflicts_with"]:
            flag = "; ".join(filter(None, [flag, f"conflicts with claim {row['conflicts_with']}"]))
        rows.append(
            {
                "dataset": dataset,
                "split": split_of(row["article_id"]),
                "article_id": row["article_id"],
                "text": row["text"],
                "office": row["office"],
                "claim": row["claim"],
                "checked_on": row["checked_on"],
                "flag": flag,
                "reason": row["reason"],
                "sentence": row["sentence"],
            }
        )
    return pd.DataFrame(rows, columns=CASE_COLUMNS[:-2])


def read_review(path: Path = REVIEW_FILE) -> pd.DataFrame:
    """The committed review of the cases; a cause outside `CAUSES` is a ValueError."""
    return reviews.read_review(path, REVIEW_KEY, ["cause", "explanation"], {"cause": CAUSES})


def with_review(table: pd.DataFrame, review: pd.DataFrame) -> pd.DataFrame:
    """The cases with their review's cause and explanation ("unreviewed" without one)."""
    return reviews.with_review(table, review, REVIEW_KEY, ["cause"])[CASE_COLUMNS]


def summary_rows(
    split: str, flags: pd.DataFrame, claims: pd.DataFrame, baseline: pd.DataFrame, n_left_out: int = 0
) -> list[list]:
    """The split's rows: articles, claims, claims checked and false, and the false-alarm rate."""
    name, role = SPLITS[split]
    dataset = f"{name} ({ROLES[role]})"
    alarms = flags["false_alarm"].to_numpy(dtype=float)
    rate = float(alarms.mean()) if len(alarms) else float("nan")
    low, high = bootstrap_interval(lambda x: x.mean(axis=1), alarms) if len(alarms) else (np.nan, np.nan)
    base = float(baseline["false_alarm"].mean()) if len(baseline) else float("nan")
    prefix = f"offices.{split}"
    counts = [
        ("n_articles", "articles", len(flags)),
        ("n_left_out", "articles left out: the dateline step fails on them", n_left_out),
        ("n_claims", "title-and-name pairs", len(claims)),
        ("n_checked", "pairs checked (verdict true or false)", int(claims["verdict"].isin(["true", "false"]).sum())),
        ("n_false", "pairs false at the article's date", int((claims["verdict"] == "false").sum())),
        ("n_false_alarms", "articles with a false pair or a conflict", int(flags["false_alarm"].sum())),
    ]
    rows = [
        [f"{prefix}.{metric}", "offices", dataset, text, "count", value, np.nan, NO_ANCHOR, np.nan, "", len(flags)]
        for metric, text, value in counts
    ]
    task = f"false alarms: share of articles with a false pair or a conflict (target under {TARGET:.0%})"
    rows.append(
        [
            f"{prefix}.false_alarm_rate",
            "offices",
            dataset,
            task,
            "share",
            rate,
            np.nan,
            NO_ANCHOR,
            base,
            BASELINE_NAME,
            len(flags),
        ]
    )
    for bound, value in (("low", low), ("high", high)):
        rows.append(
            [
                f"{prefix}.false_alarm_rate.ci95_{bound}",
                "offices",
                dataset,
                f"{task}: {bound} end of the percentile bootstrap 95% interval",
                "share",
                value,
                np.nan,
                NO_ANCHOR,
                np.nan,
                "",
                len(flags),
            ]
        )
    return rows


def split_table(summary: pd.DataFrame) -> pd.DataFrame:
    """One row per split of `SPLITS` with its role and the figures of its summary rows."""
    values = summary.set_index("key")
    rows = []
    for split, (name, role) in SPLITS.items():
        prefix = f"offices.{split}"
        rate = f"{prefix}.false_alarm_rate"
        counts = ["n_articles", "n_left_out", "n_claims", "n_checked", "n_false", "n_false_alarms"]
        rows.append(
            [split, name, role]
            + [int(values.at[f"{prefix}.{count}", "value"]) for count in counts]
            + [
                values.at[rate, "value"],
                values.at[f"{rate}.ci95_low", "value"],
                values.at[f"{rate}.ci95_high", "value"],
            ]
            + [values.at[rate, "baseline"]]
        )
    return pd.DataFrame(rows, columns=SPLIT_COLUMNS)


# --- the corpora -------------------------------------------------------------------------------


def bbc_split(article_id: str) -> str:
    return "bbc_tuning" if str(article_id).split("/")[0] == BBC_TUNING_FOLDER else "bbc_held_out"


def polnear_copy(reference: Path, folder: Path) -> dict[str, str]:
    """Copy PolNeAR's train and dev texts into `folder/<split>/` with a manifest giving each its
    `publication_date`; the split of each article id."""
    metadata = pd.read_csv(require(reference, "polnear", "metadata.tsv"), sep="\t", dtype=str, keep_default_na=False)
    dates = dict(zip(metadata["filename"], metadata["publication_date"]))
    rows, split_of = [], {}
    for split in ("train", "dev"):
        for path in sorted(require(reference, "polnear", split, "text").glob("*.txt")):
            target = folder / split / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            source_file = f"{split}/{path.name}"
            rows.append({"source_file": source_file, "date": dates.get(path.stem, "")})
            split_of[source_file.removesuffix(".txt")] = f"polnear_{split}"
    pd.DataFrame(rows).to_csv(folder / MANIFEST_NAME, index=False)
    return split_of


def bbc_results(reference: Path, options: Options):
    tables = measure_tables(require(reference, "bbc"), options)
    claims = undated_period_claims(tables, options, BBC_PERIOD)
    windows = verdicts(tables, options)["office_windows"]
    base_claims = undated_period_claims(tables, options, BBC_PERIOD, baseline=True)
    flags, base = article_flags(claims, windows), article_flags(base_claims, windows)
    return claims, flags, base, list(tables["left_out"]["article_id"])


def polnear_results(reference: Path, options: Options):
    with tempfile.TemporaryDirectory() as folder:
        split_of = polnear_copy(reference, Path(folder))
        tables = measure_tables(Path(folder), options)
    ids = tables["articles"]["article_id"].astype(str)
    if set(ids) - set(split_of):
        raise ValueError("the loader renamed PolNeAR articles: their file names are not usable as ids")
    done = verdicts(tables, options)
    base = verdicts(tables, options, baseline=True)
    flags = article_flags(done["office_claims"], done["office_windows"])
    base_flags = article_flags(base["office_claims"], base["office_windows"])
    return done["office_claims"], flags, base_flags, split_of, list(tables["left_out"]["article_id"])


def narrative_frames_results(reference: Path, options: Options):
    """The Narrative Frames table file read as a user's corpus (a copy in a temporary folder):
    one article per row with its `text` and `date` columns."""
    with tempfile.TemporaryDirectory() as folder:
        source = require(reference, "narrative_frames", NARRATIVE_FRAMES_FILE)
        Path(folder, NARRATIVE_FRAMES_FILE).write_bytes(source.read_bytes())
        tables = measure_tables(Path(folder), options)
    done = verdicts(tables, options)
    base = verdicts(tables, options, baseline=True)
    flags = article_flags(done["office_claims"], done["office_windows"])
    base_flags = article_flags(base["office_claims"], base["office_windows"])
    return done["office_claims"], flags, base_flags, list(tables["left_out"]["article_id"])


# --- planted articles --------------------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    """A planted article: its kind, the office and persons it names, its date and text."""

    planted_id: str
    kind: str
    office_id: str
    person: str
    other_person: str
    date: dt.date | None
    text: str


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _title(office: Office) -> str:
    return office.aliases[0] if office.aliases else office.title


def _article(headline: str, *sentences: str) -> str:
    return f"{headline}\n\n" + "\n\n".join((*sentences, "The talks went on.")) + "\n"


def _terms_of(office: Office, name: str) -> list[Holder]:
    return [h for h in office.holders if h.name == name]


def _apart(first: list[Holder], second: list[Holder]) -> bool:
    """No term of `first` overlaps or touches (shares a handover day with) one of `second`."""
    return all((a.end and a.end < b.start) or (b.end and b.end < a.start) for a in first for b in second)


def plant_office(office: Office, as_of: dt.date, rng: random.Random, n: int, years: float) -> list[Planted]:
    """The planted articles of one office: `n` dates drawn in its covered span, each with one
    article per kind that the office's holders allow at that date. A wrong holder is one not in
    office at the date whose terms all start after it or end less than `years` before it (an
    older term is read by the measure as a historical reference); the two holders of a conflict
    have terms that neither overlap nor share a handover day."""
    title = _title(office)
    covered = (office.holders[0].start, as_of)
    recent = dt.timedelta(days=int(years * 365.25))
    names = list(dict.fromkeys(h.name for h in office.holders))
    planted = []
    for i in range(n):
        date = _day(rng, *covered)
        now = [h for h in office.holders if h.in_office(date)]
        if len(now) != 1:
            continue
        holder = now[0]
        others = [name for name in names if name != holder.name]
        not_now = [name for name in others if not any(t.in_office(date) for t in _terms_of(office, name))]
        wrong = [
            name
            for name in not_now
            if all(
                t.start > date or (t.end and t.end < date and date - t.end < recent) for t in _terms_of(office, name)
            )
        ]
        past = [h for h in office.holders if h.name != holder.name and h.end and h.end < date]
        apart = [name for name in others if _apart(_terms_of(office, holder.name), _terms_of(office, name))]
        when = f"on {date.day} {date:%B %Y}"

        def add(kind, person, other, day, headline, *sentences, number=i):
            planted_id = f"{kind}-{office.id}-{number}"
            planted.append(Planted(planted_id, kind, office.id, person, other, day, _article(headline, *sentences)))

        add("correct_holder", holder.name, "", date, "Talks", f"{title} {holder.name} met business leaders {when}.")
        if wrong:
            name = rng.choice(wrong)
            add("wrong_holder", name, "", date, "Talks", f"{title} {name} met business leaders {when}.")
        add("former_in_office", holder.name, "", date, "A speech", f"Former {title} {holder.name} spoke {when}.")
        if apart:
            other = rng.choice(apart)
            add(
                "conflict",
                holder.name,
                other,
                None,
                "A summit",
                f"{title} {holder.name} arrived for the summit.",
                f"{title} {other} opened the talks there.",
            )
        if not_now:
            name = rng.choice(not_now)
            add("deputy_title", name, "", date, "Talks", f"Deputy {title} {name} met business leaders {when}.")
        if past:
            earlier = rng.choice(past)
            add(
                "then_title",
                earlier.name,
                "",
                date,
                "A look back",
                f"Then-{title} {earlier.name} drew up the plan.",
                f"It was shelved {when}.",
            )
            year = rng.randrange(earlier.start.year, earlier.end.year + 1)
            if year < date.year:
                add(
                    "in_year_past_holder",
                    earlier.name,
                    "",
                    date,
                    "A look back",
                    f"In {year}, {title} {earlier.name} signed the treaty.",
                    f"It was renewed {when}.",
                )
    return planted


def plant(holders: OfficeHolders, seed: int = SEED, n_per_office: int = N_PER_OFFICE) -> list[Planted]:
    """Planted articles for every office with two holders or more, in the file's order."""
    rng = random.Random(seed)
    years = offices.load_claim_rules().historical_years
    planted, texts = [], set()
    for office in holders.offices.values():
        if len(office.holders) >= 2 and not office.concurrent_holders:
            for article in plant_office(office, holders.as_of, rng, n_per_office, years):
                if article.text not in texts:  # the loader keeps one of two equal texts
                    planted.append(article)
                    texts.add(article.text)
    return planted


def planted_results(planted: list[Planted], options: Options) -> pd.DataFrame:
    """Write the planted articles to a temporary corpus (dates in its manifest), run the
    measure on it and score each article (`PLANTED_COLUMNS`)."""
    with tempfile.TemporaryDirectory() as folder:
        for article in planted:
            Path(folder, f"{article.planted_id}.txt").write_text(article.text, encoding="utf-8")
        with open(Path(folder, MANIFEST_NAME), "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["source_file", "date"])
            for article in planted:
                writer.writerow([f"{article.planted_id}.txt", article.date.isoformat() if article.date else ""])
        tables = measure_tables(Path(folder), options)
    missing = sorted({a.planted_id for a in planted} - set(tables["articles"]["article_id"].astype(str)))
    if missing:
        raise ValueError(f"planted articles not analysed: {', '.join(missing[:5])}")
    done = verdicts(tables, options)
    claims = done["office_claims"].groupby("article_id")
    windows = done["office_windows"].set_index("article_id")
    rows = []
    for article in planted:
        found = claims.get_group(article.planted_id) if article.planted_id in claims.groups else None
        verdict_list = [] if found is None else list(found["verdict"])
        n_conflicts = int(windows.at[article.planted_id, "n_conflicts"]) if article.planted_id in windows.index else 0
        flagged = "false" in verdict_list or n_conflicts > 0
        detected = n_conflicts > 0 if article.kind == "conflict" else "false" in verdict_list
        rows.append(
            [
                article.planted_id,
                article.kind,
                KINDS[article.kind],
                article.office_id,
                article.person,
                article.other_person,
                article.date.isoformat() if article.date else "",
                " ".join(article.text.split()),
                len(verdict_list),
                "; ".join(verdict_list),
                n_conflicts,
                flagged,
                detected if KINDS[article.kind] else flagged,
            ]
        )
    return pd.DataFrame(rows, columns=PLANTED_COLUMNS)


def planted_summary(table: pd.DataFrame) -> list[list]:
    """Recall per should-flag kind, false-flag rate per must-not-flag kind and over them all."""
    dataset = "planted articles built from templates"
    rows = []
    for kind, should in KINDS.items():
        group = table[table["kind"] == kind]
        metric = "recall" if should else "false_flag_rate"
        text = "planted inconsistencies detected" if should else "articles that must not be flagged, flagged"
        rows.append(
            [
                f"offices.planted.{kind}.{metric}",
                "offices",
                dataset,
                f"{kind}: {text}",
                metric,
                float(group["detected"].mean()) if len(group) else np.nan,
                np.nan,
                "no published figure for these planted articles",
                np.nan,
                "",
                len(group),
            ]
        )
    clean = table[~table["should_flag"]]
    rows.append(
        [
            "offices.planted.must_not_flag.false_flag_rate",
            "offices",
            dataset,
            "all kinds that must not be flagged: share flagged",
            "false_flag_rate",
            float(clean["flagged"].mean()) if len(clean) else np.nan,
            np.nan,
            "no published figure for these planted articles",
            np.nan,
            "",
            len(clean),
        ]
    )
    return rows


# --- the validation ----------------------------------------------------------------------------


def run(reference: Path) -> Outcome:
    options = Options()
    review = read_review()
    bbc_claims, bbc_flags, bbc_base, bbc_left = bbc_results(reference, options)
    pol_claims, pol_flags, pol_base, pol_split, pol_left = polnear_results(reference, options)
    nf_claims, nf_flags, nf_base, nf_left = narrative_frames_results(reference, options)
    split_of = {  # data set: (claims, flags, baseline flags, articles left out, split of an article id)
        "bbc": (bbc_claims, bbc_flags, bbc_base, bbc_left, bbc_split),
        "polnear": (pol_claims, pol_flags, pol_base, pol_left, pol_split.get),
        "narrative_frames": (nf_claims, nf_flags, nf_base, nf_left, lambda _: "narrative_frames_held_out"),
    }
    left_out = [split(a) for _, _, _, left, split in split_of.values() for a in left]
    for _, flagged, baseline, _, split in split_of.values():
        flagged["split"] = flagged["article_id"].map(split)
        baseline["split"] = baseline["article_id"].map(split)
    flags = pd.concat([f for _, f, _, _, _ in split_of.values()], ignore_index=True)
    base = pd.concat([b for _, _, b, _, _ in split_of.values()], ignore_index=True)
    claims = pd.concat([c for c, _, _, _, _ in split_of.values()], ignore_index=True)
    split_of_claim = pd.concat(
        [c["article_id"].map(split) for c, _, _, _, split in split_of.values()], ignore_index=True
    )
    rows = []
    for split in SPLITS:
        rows += summary_rows(
            split,
            flags[flags["split"] == split],
            claims[split_of_claim == split],
            base[base["split"] == split],
            left_out.count(split),
        )
    found = pd.concat([cases(c, name, split) for name, (c, _, _, _, split) in split_of.items()], ignore_index=True)
    planted = planted_results(plant(load_office_holders(options.office_holders_file)), options)
    rows += planted_summary(planted)
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    tables = {
        "summary": summary,
        "splits": split_table(summary),
        "articles": flags[flags["false_alarm"]][ARTICLE_COLUMNS].reset_index(drop=True),
        "cases": with_review(found, review),
        "planted": planted,
    }
    return Outcome(tables, {}, "")
