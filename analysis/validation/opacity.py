"""Sourcing opacity: its own rules read on professional news, as no corpus annotates them.

Most of the opacity profile is read from the attribution measure (validated against PolNeAR in
`validation/attribution.py`). Its own rules are checked here, each against a reading of the
articles, not against published labels (no anchor exists):

- Uncheckable documents, on BBC News (`bbc/`, 2,225 articles) and PolNeAR train and dev
  (`polnear/{train,dev}/text`, 924 articles). Each corpus is read with the package's loader and
  the steps the measure needs (the corpus tables, the attribution measure with its entity model,
  then `measures.opacity.tables` and `finish`). Every hit is listed with its sentence in
  `documents`, joined with the committed `validation/opacity_documents_review.csv` (correct
  True/False by reading the hit in its article; "unreviewed" without one). Precision is the
  share of reviewed hits read as correct. The baseline is the marker words alone: the same
  document phrases without the condition that an attribution cites them as its source; all its
  hits are counted and its precision is estimated on a seeded sample of at most
  `BASELINE_SAMPLE` of its hits over both corpora, read the same way (`validation/opacity_baseline_review.csv`).
- Datelines, on PolNeAR (whose texts keep them): `text.datelines.find_dateline` against a
  reference made by reading the first three paragraphs of a seeded sample of `DATELINE_SAMPLE`
  articles (`validation/opacity_dateline_review.csv`; texts compared without the closing dash,
  which the loader's cleaning rewrites), and on all articles the share of datelines with a year
  whose date is metadata.tsv's `publication_date`; as wire datelines rarely give the year
  ("Oct. 4 (UPI)"), also the share whose month and day are the publication date's, and those
  at most a day from it.
- Bylines, on PolNeAR: the share of articles whose metadata.tsv `author` is given ("None" and
  "" are no author), and how often the text-byline detector (`measures.opacity.text_byline`)
  finds a byline in the text when metadata has an author, and when it has none; on the read
  sample, whether it finds one exactly where the reading sees a byline line. The texts are
  read without metadata, so every byline found is the text's own.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from ..measures import corpus as corpus_measure
from ..measures import opacity
from ..measures.attribution import tables as attribution_tables
from ..paths import VALIDATION_DIR
from ..pipeline.options import Options
from ..text.datelines import DATE_RE, MONTHS, find_dateline
from ..text.load import load_corpus
from . import SUMMARY_COLUMNS, Outcome, require, reviews
from .reviews import UNREVIEWED

SEED = 18
BASELINE_SAMPLE = 30  # baseline hits read, over both corpora
DATELINE_SAMPLE = 60
POLNEAR_SPLITS = ("train", "dev")
NO_AUTHOR = ("", "None")  # metadata.tsv writes a missing author as "None" or leaves it empty
CLOSING_DASH_RE = re.compile(r"[\s—–―-]+$")  # the loader's clean text writes every dash as "—"
REVIEW_KEY = ["dataset", "article_id", "text"]
DOCUMENTS_REVIEW_FILE = VALIDATION_DIR / "opacity_documents_review.csv"
BASELINE_REVIEW_FILE = VALIDATION_DIR / "opacity_baseline_review.csv"
DATELINE_REVIEW_FILE = VALIDATION_DIR / "opacity_dateline_review.csv"
DATASETS = {
    "bbc": "BBC News (Greene & Cunningham 2006), all five folders",
    "polnear": "PolNeAR train and dev (Newell et al. 2018), 2016 US political news",
}
NO_ANCHOR = "none published"
BASELINE_NAME = "marker words alone: the document phrases without the cited-as-source condition"
HIT_COLUMNS = ["dataset", "article_id", "text", "sentence"]
REVIEWED_COLUMNS = [*HIT_COLUMNS, "correct", "note"]
BASELINE_COLUMNS = [*HIT_COLUMNS, "cited_as_source", "correct", "note"]
DATELINE_COLUMNS = [
    "article_id",
    "has_dateline",
    "dateline",
    "found",
    "found_dateline",
    "same_text",
    "has_byline",
    "found_byline",
]
ISSUE_COLUMNS = ["dataset", "source_file", "severity", "reason"]
ARTICLE_COLUMNS = [
    "dataset",
    "article_id",
    "n_documents",
    "n_marker_hits",
    "dateline",
    "dateline_date",
    "text_byline",
    "publication_date",
    "author",
]


# --- running the measure -----------------------------------------------------------------------


def corpus_results(folder: Path, dataset: str, options: Options) -> dict[str, pd.DataFrame]:
    """The measure's document hits, the baseline's hits (`cited_as_source` when the measure
    counts them too), one row per article and the loader's issues (files it skipped, such as
    one of two equal texts), for a corpus folder."""
    corpus = load_corpus(folder, actors_file=options.actors_file)
    issues = pd.DataFrame(
        [[dataset, i.source_file, i.severity, i.reason] for i in corpus.issues], columns=ISSUE_COLUMNS
    )
    tables = corpus_measure.tables(corpus, options)
    tables.update(attribution_tables(corpus, options))
    tables.update(opacity.tables(corpus, options))
    done = opacity.finish(tables, options)
    evidence = done["opacity_evidence"]
    hits = evidence[evidence["signal"] == "uncheckable_document"].assign(dataset=dataset)[HIT_COLUMNS]
    rules = opacity.load_opacity()
    markers, rows = [], []
    for article in corpus.articles:
        speakers = [(a.speaker_start, a.speaker_end) for a in article.layers.get("attributions", [])]
        n_markers = 0
        for sentence in article.sentences:
            for start, end in opacity.uncheckable_documents(sentence.text, rules):
                cited = any(a < sentence.start + end and sentence.start + start < b for a, b in speakers)
                markers.append([dataset, article.article_id, sentence.text[start:end], sentence.text, cited])
                n_markers += 1
        dateline = find_dateline(article)
        rows.append(
            {
                "dataset": dataset,
                "article_id": article.article_id,
                "n_marker_hits": n_markers,
                "dateline": dateline.text if dateline else "",
                "dateline_date": dateline.date.isoformat() if dateline and dateline.date else "",
            }
        )
    profile = done["opacity"].set_index("article_id")
    articles = pd.DataFrame(rows)
    articles["n_documents"] = articles["article_id"].map(profile["n_uncheckable_documents"]).astype(int)
    articles["text_byline"] = articles["article_id"].map(tables["opacity"].set_index("article_id")["text_byline"])
    baseline = pd.DataFrame(markers, columns=[*HIT_COLUMNS, "cited_as_source"])
    return {"hits": hits.reset_index(drop=True), "baseline": baseline, "articles": articles, "issues": issues}


def polnear_copy(reference: Path, folder: Path) -> pd.DataFrame:
    """Copy PolNeAR's train and dev texts into `folder/<split>/` (no manifest, so no metadata
    reaches the measure); metadata.tsv's date and author of each article id."""
    metadata = pd.read_csv(require(reference, "polnear", "metadata.tsv"), sep="\t", dtype=str, keep_default_na=False)
    by_name = metadata.drop_duplicates("filename").set_index("filename")
    rows = []
    for split in POLNEAR_SPLITS:
        for path in sorted(require(reference, "polnear", split, "text").glob("*.txt")):
            target = folder / split / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            known = path.stem in by_name.index
            rows.append(
                {
                    "article_id": f"{split}/{path.stem}",
                    "publication_date": by_name.at[path.stem, "publication_date"] if known else "",
                    "author": by_name.at[path.stem, "author"] if known else "",
                }
            )
    return pd.DataFrame(rows)


def collect(reference: Path, options: Options) -> dict[str, pd.DataFrame]:
    """Hits, baseline hits, articles and loader issues of both corpora (the slow step: the
    entity model runs over every article)."""
    bbc = corpus_results(require(reference, "bbc"), "bbc", options)
    with tempfile.TemporaryDirectory() as folder:
        metadata = polnear_copy(reference, Path(folder))
        polnear = corpus_results(Path(folder), "polnear", options)
    renamed = sorted(set(polnear["articles"]["article_id"]) - set(metadata["article_id"]))
    if renamed:
        raise ValueError(f"the loader renamed PolNeAR articles: {', '.join(renamed[:5])}")
    polnear["articles"] = polnear["articles"].merge(metadata, on="article_id", how="left")
    collected = {name: pd.concat([bbc[name], polnear[name]], ignore_index=True) for name in bbc}
    collected["articles"] = collected["articles"].fillna("")[ARTICLE_COLUMNS]
    collected["polnear_files"] = metadata[["article_id"]]
    return collected


# --- reviews and samples -----------------------------------------------------------------------


def read_review(path: Path, key: list[str] = REVIEW_KEY) -> pd.DataFrame:
    """A committed review (`key`, correct True/False, note); another `correct` is a ValueError."""
    return reviews.read_review(path, key, ["correct", "note"], {"correct": reviews.TRUE_FALSE})


def with_review(hits: pd.DataFrame, review: pd.DataFrame) -> pd.DataFrame:
    """The hits with their review's verdict and note ("unreviewed" without one)."""
    return reviews.with_review(hits, review, REVIEW_KEY, ["correct"])


def seeded_sample(table: pd.DataFrame, n: int, seed: int = SEED) -> pd.DataFrame:
    """At most `n` rows of `table` drawn with `seed`, in the table's order."""
    positions = sorted(random.Random(seed).sample(range(len(table)), min(n, len(table))))
    return table.iloc[positions].reset_index(drop=True)


def dateline_sample_ids(article_ids, n: int = DATELINE_SAMPLE, seed: int = SEED) -> list[str]:
    """The seeded sample of article ids whose datelines are read (sorted)."""
    ids = sorted(set(map(str, article_ids)))
    return sorted(random.Random(seed).sample(ids, min(n, len(ids))))


def precision(reviewed: pd.DataFrame) -> float:
    """Reviewed rows read as correct / reviewed rows (NaN when none is reviewed)."""
    verdicts = reviewed["correct"][reviewed["correct"] != UNREVIEWED]
    return float((verdicts == "True").mean()) if len(verdicts) else float("nan")


# --- summary -----------------------------------------------------------------------------------


def _row(key, dataset, task, metric, value, n, baseline=np.nan, baseline_name=""):
    return [f"opacity.{key}", "opacity", dataset, task, metric, value, np.nan, NO_ANCHOR, baseline, baseline_name, n]


def document_rows(dataset: str, hits: pd.DataFrame, sample: pd.DataFrame, articles: pd.DataFrame) -> list[list]:
    """n_hits, precision (from reading) and share of articles with a hit, beside the baseline."""
    name = DATASETS[dataset]
    n_reviewed = int((hits["correct"] != UNREVIEWED).sum())
    n_sampled = int((sample["correct"] != UNREVIEWED).sum())
    prefix = f"{dataset}.uncheckable_document"
    return [
        _row(
            f"{prefix}.n_hits",
            name,
            "uncheckable documents cited as a source: hits",
            "count",
            len(hits),
            len(articles),
            int(articles["n_marker_hits"].sum()),
            BASELINE_NAME,
        ),
        _row(
            f"{prefix}.precision",
            name,
            "uncheckable documents: reviewed hits read as correct / reviewed hits (precision from our "
            f"reading of each hit in its article, not a human-annotated set); baseline precision from "
            f"reading {n_sampled} of its {int(articles['n_marker_hits'].sum())} hits, drawn in a seeded sample of at "
            f"most {BASELINE_SAMPLE} over both corpora",
            "precision",
            precision(hits),
            n_reviewed,
            precision(sample),
            BASELINE_NAME,
        ),
        _row(
            f"{prefix}.share_articles",
            name,
            "uncheckable documents: share of articles with a hit",
            "share",
            float((articles["n_documents"] > 0).mean()),
            len(articles),
            float((articles["n_marker_hits"] > 0).mean()),
            BASELINE_NAME,
        ),
    ]


def read_dateline_review(path: Path = DATELINE_REVIEW_FILE) -> pd.DataFrame:
    """The committed reading of the first three paragraphs (article_id, has_dateline True/False,
    the dateline, has_byline True/False: a line that is only a byline)."""
    flags = {"has_dateline": reviews.TRUE_FALSE, "has_byline": reviews.TRUE_FALSE}
    return reviews.read_review(path, ["article_id"], ["has_dateline", "dateline", "has_byline"], flags)


def dateline_table(articles: pd.DataFrame, sample_ids: list[str], review: pd.DataFrame) -> pd.DataFrame:
    """The sampled articles: our reading ("unreviewed" without one) beside what `find_dateline`
    found (`DATELINE_COLUMNS`)."""
    found = articles.set_index("article_id")["dateline"]
    table = pd.DataFrame({"article_id": sample_ids}).merge(review, on="article_id", how="left")
    table["has_dateline"] = table["has_dateline"].fillna(UNREVIEWED)
    table["dateline"] = table["dateline"].fillna("")
    table["has_byline"] = table["has_byline"].fillna(UNREVIEWED)
    table["found_byline"] = table["article_id"].map(articles.set_index("article_id")["text_byline"]).fillna("")
    table["found_dateline"] = table["article_id"].map(found).fillna("")
    table["found"] = table["found_dateline"].ne("")
    table["same_text"] = (
        table["found"]
        & table["has_dateline"].eq("True")
        & (table["found_dateline"].map(dateline_words) == table["dateline"].map(dateline_words))
    )
    return table[DATELINE_COLUMNS]


def dateline_words(text: str) -> str:
    """A dateline without its closing dash, its spaces normalised."""
    return " ".join(CLOSING_DASH_RE.sub("", text).split())


def month_day(text: str) -> str:
    """The month and day ("10-04") of the date in a dateline's text, or ''."""
    found = DATE_RE.search(text)
    if not found:
        return ""
    if found["iso"]:
        return found["iso"][5:]
    month = MONTHS[(found["month"] or found["month2"]).lower()]
    return f"{month:02d}-{int(found['day'] or found['day2']):02d}"


def days_apart(month_and_day: str, published: str) -> int | None:
    """Days between a dateline's month and day, in the year nearest `published` (ISO), and
    `published`; None when either is not a date."""
    try:
        day = dt.date.fromisoformat(published)
        month, number = map(int, month_and_day.split("-"))
        candidates = [dt.date(day.year + shift, month, number) for shift in (-1, 0, 1)]
    except ValueError:
        return None
    return min(abs((c - day).days) for c in candidates)


def polnear_rows(articles: pd.DataFrame, datelines: pd.DataFrame) -> list[list]:
    """Dateline precision and recall on the read sample, date agreement with metadata, and
    the byline shares."""
    name = DATASETS["polnear"]
    read = datelines[datelines["has_dateline"] != UNREVIEWED]
    found, given = read["found"], read["has_dateline"].eq("True")
    both = int((found & given).sum())
    dated = articles[articles["dateline_date"] != ""]
    with_day = articles.assign(month_day=articles["dateline"].map(month_day))
    with_day = with_day[with_day["month_day"] != ""]
    author = ~articles["author"].isin(NO_AUTHOR)
    byline = articles["text_byline"] != ""
    sampled = articles[articles["article_id"].isin(read["article_id"])]
    sampled_author = ~sampled["author"].isin(NO_AUTHOR)

    def share(mask: pd.Series) -> float:
        return float(mask.mean()) if len(mask) else float("nan")

    return [
        _row(
            "polnear.dateline.precision",
            name,
            f"find_dateline: found datelines that our reading of the first three paragraphs also finds, "
            f"seeded sample of {len(read)} articles read",
            "precision",
            both / int(found.sum()) if found.any() else np.nan,
            int(found.sum()),
        ),
        _row(
            "polnear.dateline.recall",
            name,
            f"find_dateline: datelines of our reading that it finds, seeded sample of {len(read)} articles read",
            "recall",
            both / int(given.sum()) if given.any() else np.nan,
            int(given.sum()),
        ),
        _row(
            "polnear.dateline.same_text",
            name,
            "find_dateline: found datelines whose text is the one we read, among those both find",
            "share",
            int(datelines["same_text"].sum()) / both if both else np.nan,
            both,
        ),
        _row(
            "polnear.dateline.share_dated",
            name,
            "find_dateline: share of all articles with a dateline giving its year",
            "share",
            share(articles["dateline_date"] != ""),
            len(articles),
        ),
        _row(
            "polnear.dateline.date_matches_metadata",
            name,
            "find_dateline: datelines with a year whose date is metadata.tsv's publication_date",
            "share",
            share(dated["dateline_date"] == dated["publication_date"]),
            len(dated),
        ),
        _row(
            "polnear.dateline.share_with_day",
            name,
            "find_dateline: share of all articles with a dateline giving a month and day (with or without year)",
            "share",
            len(with_day) / len(articles) if len(articles) else np.nan,
            len(articles),
        ),
        _row(
            "polnear.dateline.month_day_matches_metadata",
            name,
            "find_dateline: datelines with a month and day whose month and day are metadata.tsv's publication_date",
            "share",
            share(with_day["month_day"] == with_day["publication_date"].str[5:]),
            len(with_day),
        ),
        _row(
            "polnear.dateline.month_day_within_one_day",
            name,
            "find_dateline: datelines with a month and day at most one day from metadata.tsv's publication_date",
            "share",
            share(
                pd.Series(
                    [days_apart(m, p) for m, p in zip(with_day["month_day"], with_day["publication_date"])],
                    dtype=object,
                ).map(lambda d: d is not None and d <= 1)
            ),
            len(with_day),
        ),
        _row(
            "polnear.byline.metadata_author_share",
            name,
            "share of articles whose metadata.tsv author is given (not 'None' or empty)",
            "share",
            share(author),
            len(articles),
        ),
        _row(
            "polnear.byline.text_byline_given_author",
            name,
            "text-byline detector: share of articles with a metadata author where a byline line is found",
            "share",
            share(byline[author]),
            int(author.sum()),
        ),
        _row(
            "polnear.byline.text_byline_without_author",
            name,
            "text-byline detector: share of articles without a metadata author where a byline line is found",
            "share",
            share(byline[~author]),
            int((~author).sum()),
        ),
        _row(
            "polnear.byline.sample.read_byline_share",
            name,
            f"share of the {len(read)} read articles with a byline line in their first three paragraphs by our reading",
            "share",
            share(read["has_byline"].eq("True")),
            len(read),
        ),
        _row(
            "polnear.byline.sample.text_byline_agrees",
            name,
            f"text-byline detector on the {len(read)} read articles: share where it finds a byline exactly "
            "when our reading sees one",
            "share",
            share(read["has_byline"].eq("True") == read["found_byline"].ne("")),
            len(read),
        ),
        _row(
            "polnear.byline.sample.text_byline_given_author",
            name,
            f"text-byline detector on the dateline sample of {len(read)}: share of articles with a "
            "metadata author where a byline line is found",
            "share",
            share(sampled["text_byline"][sampled_author] != ""),
            int(sampled_author.sum()),
        ),
    ]


def assemble(collected: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The validation's tables from the collected hits and articles and the committed reviews."""
    hits = with_review(collected["hits"], read_review(DOCUMENTS_REVIEW_FILE))
    sample = with_review(seeded_sample(collected["baseline"], BASELINE_SAMPLE), read_review(BASELINE_REVIEW_FILE))
    articles = collected["articles"]
    rows = []
    for dataset in DATASETS:
        rows += document_rows(
            dataset,
            hits[hits["dataset"] == dataset],
            sample[sample["dataset"] == dataset],
            articles[articles["dataset"] == dataset],
        )
    for dataset, name in DATASETS.items():
        issues = collected["issues"][collected["issues"]["dataset"] == dataset]
        n = int((articles["dataset"] == dataset).sum())
        rows.append(_row(f"{dataset}.n_articles", name, "articles analysed", "count", n, n))
        text = "files the loader skipped or read with a caveat (`issues`)"
        rows.append(_row(f"{dataset}.n_loader_issues", name, text, "count", len(issues), n))
    polnear = articles[articles["dataset"] == "polnear"]
    sample_ids = dateline_sample_ids(collected["polnear_files"]["article_id"])
    datelines = dateline_table(polnear, sample_ids, read_dateline_review())
    rows += polnear_rows(polnear, datelines)
    return {
        "summary": pd.DataFrame(rows, columns=SUMMARY_COLUMNS),
        "documents": hits[REVIEWED_COLUMNS],
        "baseline_sample": sample[BASELINE_COLUMNS],
        "datelines": datelines,
        "issues": collected["issues"],
    }


def run(reference: Path) -> Outcome:
    return Outcome(assemble(collect(reference, Options())), {}, "")
