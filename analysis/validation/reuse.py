"""Text reuse on planted copies: does the near-duplicate measure pair a republished story with
its original, and leave different stories apart?

No annotated corpus of republished news is public, so one is planted. The background is the
BBC News corpus (Greene & Cunningham 2006; `bbc/` under the reference corpora, 2,225 articles
in five topic folders, first line the headline). It has near-duplicates of its own: files whose
text repeats another's (the loader keeps the first) and pairs the measure finds at its
threshold. These are known, listed in the `known_pairs` table, and their articles are never
chosen for planting; pairs between two unplanted articles are not scored. From the other
articles with at least `MIN_PARAGRAPHS` body paragraphs, a seeded draw (`SEED`) picks
`N_PER_EDIT` originals for each edit of `EDITS` and writes one copy of each beside the corpus:

- `verbatim`: the same body under a new headline;
- `copy_edit`: a share (the strength) of the body's words, drawn at random, each deleted or
  replaced by a word of the corpus with even odds; light copy-editing is at most 10%;
- `reordered`: the body paragraphs in another order;
- `truncated`: the first share (the strength) of the body's words;
- `padded`: the body followed by new text, as many words as the strength times the body's,
  from the start of another article (the donor, left out of the corpus).

Two kinds of pairs must not be paired: `same_topic`, two different articles of one topic
folder, and `shared_passage`, an article (left out of the corpus as itself) with one paragraph,
its longest, of another article inserted in its middle: a shared passage, not a republication.

The corpus folder is read with the package's text model (`text.load.load_corpus`: reading,
cleaning, segmentation, the dropping of duplicate texts) and the measure's own corpus step
(`measures.reuse.finish`, its constants unchanged) gives the predicted pairs; the entity model,
which the full pipeline runs first and this measure does not read, is not run. A pair is
predicted when it is in `reuse_pairs`. Scored are the planted pairs and every predicted pair
that involves a planted article or an article of a `same_topic` pair: recall per edit and strength, the
share of negative pairs paired, and precision over all scored predicted pairs (a predicted pair
that was not planted counts against it). Each planted pair has its exact Jaccard similarity of
5-word shingle sets, the resemblance of Broder (1997), so the table shows where the threshold of
0.5 stops finding copies, and the chance that the measure pairs it given that similarity: 0
below the threshold, else the chance that the LSH banding proposes it (`expected_paired`).
No published figure exists for this planted corpus; the anchor of a recall is that expected
share, which separates what the threshold misses from what the hashing misses. The baseline
pairs two articles when their normalised body texts (lowercased words) are equal, which finds
verbatim republication only.

Tables: `pairs` (one row per scored pair), `by_edit` (one row per edit and strength),
`known_pairs` and `summary`.
"""

from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from datasketch import MinHashLSH

from ..measures import corpus as corpus_measure
from ..measures import reuse
from ..text.clean import WORD_RE
from ..text.load import decode_article, load_corpus
from . import SUMMARY_COLUMNS, Outcome, require

SEED = 18
N_PER_EDIT = 20
MIN_PARAGRAPHS = 4
LIGHT_EDIT = 0.10  # copy-editing of at most this share of the words is light
EDITS = (  # (edit, strength) of each planted copy; strength: see the module docstring
    ("verbatim", None),
    ("copy_edit", 0.05),
    ("copy_edit", 0.10),
    ("copy_edit", 0.20),
    ("copy_edit", 0.30),
    ("reordered", None),
    ("truncated", 0.70),
    ("truncated", 0.50),
    ("padded", 0.30),
    ("padded", 0.60),
)
NEGATIVES = ("same_topic", "shared_passage")
PLANTED_FOLDER = "planted"
DATASET = "BBC News with planted copies"
KEY_PREFIX = "reuse.bbc_planted"
UNPLANNED = "not planted"  # the edit of a predicted pair that was not planted
LABEL_COLUMNS = ["article_id", "other_article_id", "edit", "strength", "republication"]
PAIR_COLUMNS = [*LABEL_COLUMNS, "jaccard", "expected_paired", "paired", "paired_exact_text"]
BY_EDIT_COLUMNS = [
    "edit",
    "strength",
    "republication",
    "n_pairs",
    "n_paired",
    "share_paired",
    "expected_share_paired",
    "n_paired_exact_text",
    "jaccard_min",
    "jaccard_median",
    "jaccard_max",
]
KNOWN_COLUMNS = ["article_id", "other_article_id", "jaccard", "found_by"]
NO_ANCHOR = "no published figure for this planted corpus"
BASELINE_NAME = "equal normalised body text (verbatim copies only)"


@dataclass(frozen=True)
class Story:
    """An article as written to a text file: its headline and body paragraphs."""

    headline: str
    paragraphs: tuple[str, ...]

    def text(self) -> str:
        return "\n\n".join((self.headline, *self.paragraphs)) + "\n"

    def tokens(self) -> list[str]:
        return [token for paragraph in self.paragraphs for token in paragraph.split()]


def parse_story(text: str) -> Story:
    """The first non-empty block of `text` as the headline, the others as paragraphs."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip())]
    blocks = [block for block in blocks if block]
    return Story(blocks[0], tuple(blocks[1:]))


def _regroup(story: Story, tokens: list[str | None]) -> tuple[str, ...]:
    """The story's paragraphs with its tokens replaced by `tokens` (None: deleted), in order;
    paragraphs left empty are dropped."""
    paragraphs, i = [], 0
    for paragraph in story.paragraphs:
        n = len(paragraph.split())
        kept = [t for t in tokens[i : i + n] if t is not None]
        i += n
        if kept:
            paragraphs.append(" ".join(kept))
    return tuple(paragraphs)


def republish(story: Story) -> Story:
    return Story(f"{story.headline}: the full story", story.paragraphs)


def copy_edit(story: Story, share: float, rng: random.Random, vocabulary: list[str]) -> Story:
    """`round(share * words)` words of the body, drawn at random, each deleted or replaced by
    a word of `vocabulary` (keeping the punctuation around it) with even odds."""
    tokens: list[str | None] = list(story.tokens())
    for i in sorted(rng.sample(range(len(tokens)), round(share * len(tokens)))):
        if rng.random() < 0.5:
            tokens[i] = None
        else:
            start, end = re.match(r"^\W*", tokens[i]).end(), re.search(r"\W*$", tokens[i]).start()
            word = rng.choice(vocabulary)
            while word == tokens[i][start:end]:
                word = rng.choice(vocabulary)
            tokens[i] = tokens[i][:start] + word + tokens[i][max(start, end) :]
    return Story(story.headline, _regroup(story, tokens))


def reorder(story: Story, rng: random.Random) -> Story:
    """The body paragraphs shuffled into an order other than the original's."""
    order = list(range(len(story.paragraphs)))
    rng.shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return Story(story.headline, tuple(story.paragraphs[i] for i in order))


def truncate(story: Story, share: float) -> Story:
    """The first `round(share * words)` words of the body."""
    tokens = story.tokens()
    keep = round(share * len(tokens))
    return Story(story.headline, _regroup(story, tokens[:keep] + [None] * (len(tokens) - keep)))


def pad(story: Story, share: float, donor: Story) -> Story:
    """The body followed by the first `round(share * words)` words of `donor`'s body, in its
    paragraphs."""
    added = round(share * len(story.tokens()))
    donor_tokens = donor.tokens()
    if len(donor_tokens) < added:
        raise ValueError(f"donor has {len(donor_tokens)} words, {added} needed")
    padding = _regroup(donor, donor_tokens[:added] + [None] * (len(donor_tokens) - added))
    return Story(story.headline, story.paragraphs + padding)


def share_passage(story: Story, source: Story) -> Story:
    """`story` with the longest body paragraph of `source` inserted in its middle."""
    passage = max(source.paragraphs, key=lambda p: (len(p.split()), p))
    middle = len(story.paragraphs) // 2
    return Story(story.headline, story.paragraphs[:middle] + (passage,) + story.paragraphs[middle:])


def plant(
    stories: dict[str, Story], eligible: list[str], seed: int = SEED, n_per_edit: int = N_PER_EDIT
) -> tuple[dict[str, Story], pd.DataFrame]:
    """The planted corpus (by article id: the file path without `.txt`) and its labelled pairs
    (`LABEL_COLUMNS`). `stories` are keyed `<topic>/<name>`; originals, donors and negatives are
    drawn from `eligible` without replacement, and donors and the bases of shared passages are
    left out of the corpus."""
    rng = random.Random(seed)
    pool = sorted(eligible)
    rng.shuffle(pool)
    vocabulary = sorted({w for s in stories.values() for p in s.paragraphs for w in WORD_RE.findall(p)})
    corpus, labels, removed = {}, [], set()

    def draw(min_words: int = 0, topic: str | None = None) -> str:
        """The next article of the pool with at least `min_words` body words, of `topic`."""
        fits = (a for a in pool if len(stories[a].tokens()) >= min_words and topic in (None, a.split("/")[0]))
        chosen = next(fits, None)
        if chosen is None:
            raise ValueError(f"too few eligible articles to plant {n_per_edit} of each edit")
        pool.remove(chosen)
        return chosen

    for edit, strength in EDITS:
        for n in range(n_per_edit):
            original = draw()
            story = stories[original]
            if edit == "verbatim":
                copy = republish(story)
            elif edit == "copy_edit":
                copy = copy_edit(story, strength, rng, vocabulary)
            elif edit == "reordered":
                copy = reorder(story, rng)
            elif edit == "truncated":
                copy = truncate(story, strength)
            else:
                donor = draw(min_words=round(strength * len(story.tokens())))
                removed.add(donor)
                copy = pad(story, strength, stories[donor])
            name = f"{PLANTED_FOLDER}/{edit}-{round(100 * strength) if strength else 0:02d}-{n:02d}"
            corpus[name] = copy
            labels.append((original, name, edit, strength, True))
    for n in range(n_per_edit):
        first = draw()
        second = draw(topic=first.split("/")[0])
        labels.append((first, second, "same_topic", None, False))
        source, base = draw(), draw()
        removed.add(base)
        name = f"{PLANTED_FOLDER}/shared_passage-{n:02d}"
        corpus[name] = share_passage(stories[base], stories[source])
        labels.append((source, name, "shared_passage", None, False))
    background = {a: s for a, s in stories.items() if a not in removed}
    return background | corpus, pd.DataFrame(labels, columns=LABEL_COLUMNS)


def read_stories(folder: Path) -> dict[str, Story]:
    """The `.txt` files in the sub-folders of `folder`, by path without `.txt`."""
    stories = {}
    for path in sorted(folder.glob("*/*.txt"), key=lambda p: p.relative_to(folder).as_posix()):
        name = path.relative_to(folder).as_posix().removesuffix(".txt")
        stories[name] = parse_story(decode_article(path.read_bytes(), name)[0])
    return stories


@dataclass(frozen=True)
class Detection:
    """What the measure finds in a corpus folder: its pairs, each article's body words, and
    the files the loader skipped because their text repeats another's (file, first file)."""

    pairs: pd.DataFrame
    words: dict[str, list[str]]
    same_text: list[tuple[str, str]]


def detect(stories: dict[str, Story]) -> Detection:
    """Write `stories` to a temporary folder, read it with the package's text model and run
    the reuse measure's corpus step on it."""
    with tempfile.TemporaryDirectory() as folder:
        for article_id, story in stories.items():
            path = Path(folder, f"{article_id}.txt")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(story.text(), encoding="utf-8")
        corpus = load_corpus(folder)
    ids = {a.source_file: a.article_id for a in corpus.articles}
    if any(source.removesuffix(".txt") != article_id for source, article_id in ids.items()):
        raise ValueError("the loader renamed articles: their files' names are not usable as ids")
    same_text = [
        (i.source_file.removesuffix(".txt"), i.reason.removeprefix("same text as ").removesuffix(".txt"))
        for i in corpus.issues
        if i.reason.startswith("same text as ")
    ]
    analysed = {source.removesuffix(".txt") for source in ids} | {file for file, _ in same_text}
    if missing := sorted(set(stories) - analysed):
        reasons = {i.source_file.removesuffix(".txt"): i.reason for i in corpus.issues}
        raise ValueError(
            "not analysed: " + "; ".join(f"{m} ({reasons.get(m, 'no reason given')})" for m in missing[:5])
        )
    tables = corpus_measure.tables(corpus, None)
    return Detection(reuse.finish(tables, None)["reuse_pairs"], reuse.body_words(tables["sentences"]), same_text)


def known_pairs(detection: Detection) -> pd.DataFrame:
    """The corpus's own near-duplicates: files with another's text, and the measure's pairs."""
    rows = [(min(a, b), max(a, b), 1.0, "same text (skipped by the loader)") for a, b in detection.same_text]
    rows += [
        (a, b, j, "reuse_pairs")
        for a, b, j in detection.pairs[["article_id", "other_article_id", "jaccard"]].itertuples(index=False)
    ]
    return pd.DataFrame(sorted(rows), columns=KNOWN_COLUMNS)


def jaccard(first: list[str], second: list[str]) -> float:
    """The exact Jaccard similarity of two word lists' shingle sets (0 when both are empty)."""
    a, b = reuse.shingles(first), reuse.shingles(second)
    return round(len(a & b) / len(a | b), 4) if a | b else 0.0


@lru_cache(maxsize=1)
def banding() -> tuple[int, int]:
    """The bands and rows per band datasketch's LSH uses for the measure's threshold and
    number of permutations."""
    lsh = MinHashLSH(threshold=reuse.JACCARD_THRESHOLD, num_perm=reuse.NUM_PERM)
    return lsh.b, lsh.r


def expected_paired(jaccard: float) -> float:
    """The chance that the measure pairs two articles of exact shingle Jaccard `jaccard`: 0
    below its threshold, else the chance that its LSH bands propose them as candidates."""
    if jaccard < reuse.JACCARD_THRESHOLD:
        return 0.0
    bands, rows = banding()
    return 1 - (1 - jaccard**rows) ** bands


def expected_source() -> str:
    bands, rows = banding()
    return (
        f"expected from each pair's exact Jaccard J: 0 below {reuse.JACCARD_THRESHOLD}, else the chance that "
        f"MinHash LSH with {bands} bands of {rows} rows proposes it, 1-(1-J^{rows})^{bands} "
        "(Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3)"
    )


def score(labels: pd.DataFrame, detection: Detection) -> pd.DataFrame:
    """Every labelled pair, and every predicted pair (by the measure or the baseline) that
    involves a planted article or an article of a `same_topic` pair but was not planted, with its
    Jaccard and whether each method pairs it (`PAIR_COLUMNS`)."""
    words = detection.words
    predicted = {frozenset(p) for p in detection.pairs[["article_id", "other_article_id"]].itertuples(index=False)}
    by_text: dict[tuple[str, ...], list[str]] = {}
    for article_id in sorted(words):
        if words[article_id]:
            by_text.setdefault(tuple(words[article_id]), []).append(article_id)
    exact = {frozenset((a, b)) for group in by_text.values() for a in group for b in group if a < b}
    labelled = {frozenset((a, b)) for a, b in zip(labels["article_id"], labels["other_article_id"])}
    involved = set(labels["other_article_id"]) | set(labels.loc[labels["edit"] == "same_topic", "article_id"])
    rows = [list(row) for row in labels.itertuples(index=False)]
    rows += [
        [*sorted(pair), UNPLANNED, None, False]
        for pair in sorted((predicted | exact) - labelled, key=sorted)
        if pair & involved
    ]
    table = pd.DataFrame(rows, columns=LABEL_COLUMNS)
    ids = list(zip(table["article_id"], table["other_article_id"]))
    keys = [frozenset(p) for p in ids]
    table["jaccard"] = [jaccard(words.get(a, []), words.get(b, [])) for a, b in ids]
    table["expected_paired"] = [round(expected_paired(j), 4) for j in table["jaccard"]]
    table["paired"] = [k in predicted for k in keys]
    table["paired_exact_text"] = [k in exact for k in keys]
    return table[PAIR_COLUMNS]


def by_edit(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per edit and strength: pairs, those paired by the measure and by the baseline, and the
    range of their Jaccard similarity; in the order of `EDITS`, then the negatives."""
    order = [*EDITS, *((n, None) for n in NEGATIVES), (UNPLANNED, None)]
    rows = []
    for edit, strength in order:
        group = pairs[
            (pairs["edit"] == edit) & (pairs["strength"].isna() if strength is None else pairs["strength"] == strength)
        ]
        if group.empty:
            continue
        rows.append(
            [
                edit,
                strength,
                bool(group["republication"].iloc[0]),
                len(group),
                int(group["paired"].sum()),
                group["paired"].mean(),
                group["expected_paired"].mean(),
                int(group["paired_exact_text"].sum()),
                group["jaccard"].min(),
                group["jaccard"].median(),
                group["jaccard"].max(),
            ]
        )
    return pd.DataFrame(rows, columns=BY_EDIT_COLUMNS)


def _share(mask: pd.Series) -> float:
    return float(mask.mean()) if len(mask) else float("nan")


def summary(pairs: pd.DataFrame) -> pd.DataFrame:
    """Recall per group of edits, precision, and the share of negative pairs paired."""
    positive = pairs[pairs["republication"]]
    edit, strength = positive["edit"], positive["strength"]
    groups = {
        "republication": ("all planted copies", positive["republication"]),
        "above_threshold": (
            f"planted copies whose exact Jaccard reaches {reuse.JACCARD_THRESHOLD}",
            positive["jaccard"] >= reuse.JACCARD_THRESHOLD,
        ),
        "verbatim": ("verbatim copies under a new headline", edit == "verbatim"),
        "copy_edit_light": (
            f"copies with at most {LIGHT_EDIT:.0%} of words edited",
            (edit == "copy_edit") & (strength <= LIGHT_EDIT),
        ),
        "copy_edit_heavy": (
            f"copies with more than {LIGHT_EDIT:.0%} of words edited",
            (edit == "copy_edit") & (strength > LIGHT_EDIT),
        ),
        "reordered": ("copies with paragraphs reordered", edit == "reordered"),
        "truncated": ("truncated copies", edit == "truncated"),
        "padded": ("copies padded with another article's text", edit == "padded"),
    }
    rows = [
        _row(task, f"recall: {text} paired with their original", "recall", positive[mask])
        for task, (text, mask) in groups.items()
    ]
    predicted, baseline = pairs[pairs["paired"]], pairs[pairs["paired_exact_text"]]
    rows.append(
        [
            f"{KEY_PREFIX}.republication.precision",
            "reuse",
            DATASET,
            "precision: scored predicted pairs that are a planted copy and its original",
            "precision",
            _share(predicted["republication"]),
            float("nan"),
            NO_ANCHOR,
            _share(baseline["republication"]),
            BASELINE_NAME,
            len(predicted),
        ]
    )
    negatives = {"same_topic": "different articles of one topic", "shared_passage": "articles sharing one paragraph"}
    for negative, text in negatives.items():
        rows.append(_row(negative, f"false alarms: {text} paired", "share_paired", pairs[pairs["edit"] == negative]))
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _row(task: str, description: str, metric: str, pairs: pd.DataFrame) -> list:
    """A summary row of the share of `pairs` paired, beside the share the banding leads one
    to expect and the baseline's."""
    return [
        f"{KEY_PREFIX}.{task}.{metric}",
        "reuse",
        DATASET,
        description,
        metric,
        _share(pairs["paired"]),
        _share(pairs["expected_paired"]),
        expected_source(),
        _share(pairs["paired_exact_text"]),
        BASELINE_NAME,
        len(pairs),
    ]


def eligible_articles(stories: dict[str, Story], known: pd.DataFrame) -> list[str]:
    """Articles in no known pair, with at least `MIN_PARAGRAPHS` body paragraphs."""
    in_pairs = set(known["article_id"]) | set(known["other_article_id"])
    return [a for a, s in stories.items() if a not in in_pairs and len(s.paragraphs) >= MIN_PARAGRAPHS]


def run(reference: Path) -> Outcome:
    stories = read_stories(require(reference, "bbc"))
    known = known_pairs(detect(stories))
    planted, labels = plant(stories, eligible_articles(stories, known))
    pairs = score(labels, detect(planted))
    tables = {"pairs": pairs, "by_edit": by_edit(pairs), "known_pairs": known, "summary": summary(pairs)}
    return Outcome(tables, {}, "")
