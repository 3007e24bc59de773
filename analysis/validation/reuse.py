"""Text reuse on planted copies: does the near-duplicate measure pair a republished story with
its original, and leave different stories apart?

No annotated corpus of republished news is public, so one is planted. The background is the
BBC News corpus (Greene & Cunningham 2006; `bbc/` under the reference corpora, 2,225 articles
in five topic folders, first line the headline). It has near-duplicates of its own: files whose
text repeats another's (the loader keeps the first) and pairs the measure finds at its
threshold. These are known, listed in the `known_pairs` table, and their articles are never
chosen for planting; pairs between two unplanted articles are not scored. The other articles
with at least `MIN_PARAGRAPHS` body paragraphs are shuffled with `SEED` and cut in two halves:
the first is the held-out planting's (drawn in that order with that generator), the second the
development planting's (shuffled again with `DEV_SEED`). The measure's criteria are chosen on
the development planting only (`dev_criteria`); the held-out one measures them. Each planting
picks `N_PER_EDIT` originals for each edit of `EDITS` from its half and writes one copy of
each beside the corpus:

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
5-word shingle sets, the resemblance of Broder (1997), and its containment (the share of the
smaller set in the other), so the table shows where the threshold stops finding copies, and
the chance that the measure pairs it given that similarity: 0 below the threshold, else the
chance that the LSH banding at the candidate threshold proposes it (`expected_paired`).
No published figure exists for this planted corpus; the anchor of a recall is that expected
share, which separates what the threshold misses from what the hashing misses. The baseline
pairs two articles when their normalised body texts (lowercased words) are equal, which finds
verbatim republication only.

On the development planting, `DEV_CRITERIA` compares candidate thresholds, Jaccard thresholds
and containment as a second criterion (at least `CONTAINMENT` of the smaller article's
shingles, the smaller having at least `MIN_CONTAINED_SHINGLES`: a shorter text, a paragraph or
two, inside another is a shared passage, not a copy).

Tables: `pairs` and `by_edit` (one row per scored pair, and per edit and strength, of each
`planting`), `known_pairs`, `summary` (keys `reuse.bbc_planted.*` held out,
`reuse.bbc_planted_dev.*` development) and `dev_criteria` (per configuration, edit and
strength: pairs and pairs found on the development planting).
"""

from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
from datasketch import MinHashLSH

from ..measures import corpus as corpus_measure
from ..measures import reuse
from ..text.clean import WORD_RE
from ..text.load import decode_article, load_corpus
from . import SUMMARY_COLUMNS, Outcome, require

SEED = 18  # the held-out planting's; it also splits the eligible articles in two
DEV_SEED = 1018  # the development planting's
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
PLANTINGS = {  # planting: (summary key prefix, data set)
    "held_out": ("reuse.bbc_planted", DATASET),
    "dev": ("reuse.bbc_planted_dev", f"{DATASET} (development planting)"),
}
UNPLANNED = "not planted"  # the edit of a predicted pair that was not planted
LABEL_COLUMNS = ["article_id", "other_article_id", "edit", "strength", "republication"]
PAIR_COLUMNS = [
    *LABEL_COLUMNS,
    "jaccard",
    "containment",
    "expected_paired",
    "paired",
    "paired_exact_text",
]
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
CRITERIA_COLUMNS = ["configuration", *reuse.Criteria.__dataclass_fields__, "edit", "strength", "n_pairs", "n_paired"]
CONTAINMENT = 0.8  # containment criterion compared: this share of the smaller article's shingles
MIN_CONTAINED_SHINGLES = 100  # in a smaller article of at least this many (longer than a paragraph)
DEV_CRITERIA = {  # configurations compared on the development planting only
    "jaccard 0.5, candidates 0.5": reuse.Criteria(0.5, 0.5),
    "jaccard 0.5, candidates 0.3": reuse.Criteria(0.3, 0.5),
    "jaccard 0.4, candidates 0.3": reuse.Criteria(0.3, 0.4),
    "jaccard 0.3, candidates 0.2": reuse.Criteria(0.2, 0.3),
    "jaccard 0.5 or containment, candidates 0.3": reuse.Criteria(0.3, 0.5, CONTAINMENT, MIN_CONTAINED_SHINGLES),
    "jaccard 0.4 or containment, candidates 0.3": reuse.Criteria(0.3, 0.4, CONTAINMENT, MIN_CONTAINED_SHINGLES),
    "jaccard 0.3 or containment, candidates 0.2": reuse.Criteria(0.2, 0.3, CONTAINMENT, MIN_CONTAINED_SHINGLES),
}
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
    stories: dict[str, Story], pool: list[str], rng: random.Random, n_per_edit: int = N_PER_EDIT
) -> tuple[dict[str, Story], pd.DataFrame]:
    """The planted corpus (by article id: the file path without `.txt`) and its labelled pairs
    (`LABEL_COLUMNS`). `stories` are keyed `<topic>/<name>`; originals, donors and negatives are
    drawn from `pool` in its order without replacement, edits draw from `rng`, and donors and
    the bases of shared passages are left out of the corpus."""
    pool = list(pool)
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


def plantings(
    stories: dict[str, Story], eligible: list[str], n_per_edit: int = N_PER_EDIT
) -> dict[str, tuple[dict[str, Story], pd.DataFrame]]:
    """The held-out and the development planting, drawn from disjoint halves of `eligible`:
    shuffled with `SEED`, the first half is held out and planted in that order with the same
    generator, the second is shuffled again with `DEV_SEED` and planted with it."""
    rng = random.Random(SEED)
    order = sorted(eligible)
    rng.shuffle(order)
    half = len(order) // 2
    dev_rng = random.Random(DEV_SEED)
    dev = sorted(order[half:])
    dev_rng.shuffle(dev)
    return {
        "held_out": plant(stories, order[:half], rng, n_per_edit),
        "dev": plant(stories, dev, dev_rng, n_per_edit),
    }


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


def shingle_sets(words: dict[str, list[str]]) -> dict[str, set[str]]:
    """Each article's shingle set, as the measure's corpus step makes them."""
    return {a: s for a, w in words.items() if (s := reuse.shingles(w))}


def compare_criteria(labels: pd.DataFrame, detection: Detection) -> pd.DataFrame:
    """Pairs and pairs found per edit and strength under each configuration of `DEV_CRITERIA`
    (`CRITERIA_COLUMNS`); the predicted pairs that were not planted are the last edit."""
    sets = shingle_sets(detection.words)
    candidates = {
        t: reuse.candidate_pairs(sets, t) for t in sorted({c.candidate_threshold for c in DEV_CRITERIA.values()})
    }
    rows = []
    for name, criteria in DEV_CRITERIA.items():
        kept = reuse.kept_pairs(sets, candidates[criteria.candidate_threshold], criteria)
        pairs = reuse.pair_tables(kept)["reuse_pairs"]
        table = by_edit(score(labels, Detection(pairs, detection.words, detection.same_text), criteria))
        for edit, strength, n_pairs, n_paired in table[["edit", "strength", "n_pairs", "n_paired"]].itertuples(
            index=False
        ):
            rows.append([name, *vars(criteria).values(), edit, strength, n_pairs, n_paired])
    return pd.DataFrame(rows, columns=CRITERIA_COLUMNS)


def known_pairs(detection: Detection) -> pd.DataFrame:
    """The corpus's own near-duplicates: files with another's text, and the measure's pairs."""
    rows = [(min(a, b), max(a, b), 1.0, "same text (skipped by the loader)") for a, b in detection.same_text]
    rows += [
        (a, b, j, "reuse_pairs")
        for a, b, j in detection.pairs[["article_id", "other_article_id", "jaccard"]].itertuples(index=False)
    ]
    return pd.DataFrame(sorted(rows), columns=KNOWN_COLUMNS)


def overlaps(first: set[str], second: set[str]) -> tuple[float, float]:
    """The exact Jaccard similarity and containment (shared over the smaller) of two shingle
    sets (0 when one is empty)."""
    if not first or not second:
        return 0.0, 0.0
    shared = len(first & second)
    return round(shared / len(first | second), 4), round(shared / min(len(first), len(second)), 4)


@cache
def banding(threshold: float = reuse.CANDIDATE_THRESHOLD) -> tuple[int, int]:
    """The bands and rows per band datasketch's LSH uses for a candidate threshold and the
    measure's number of permutations."""
    lsh = MinHashLSH(threshold=threshold, num_perm=reuse.NUM_PERM)
    return lsh.b, lsh.r


def expected_paired(jaccard: float, kept: bool, criteria: reuse.Criteria = reuse.CRITERIA) -> float:
    """The chance that the measure pairs two articles of exact shingle Jaccard `jaccard`: 0
    when no criterion keeps them (`kept`), else the chance that its LSH bands propose them."""
    if not kept:
        return 0.0
    bands, rows = banding(criteria.candidate_threshold)
    return 1 - (1 - jaccard**rows) ** bands


def expected_source() -> str:
    bands, rows = banding()
    return (
        f"expected from each pair's exact Jaccard J: 0 below {reuse.JACCARD_THRESHOLD}, else the chance that "
        f"MinHash LSH at candidate threshold {reuse.CANDIDATE_THRESHOLD}, {bands} bands of {rows} rows, proposes it, "
        f"1-(1-J^{rows})^{bands} (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3)"
    )


def score(labels: pd.DataFrame, detection: Detection, criteria: reuse.Criteria = reuse.CRITERIA) -> pd.DataFrame:
    """Every labelled pair, and every predicted pair (by the measure or the baseline) that
    involves a planted article or an article of a `same_topic` pair but was not planted, with its
    Jaccard and containment and whether each method pairs it (`PAIR_COLUMNS`); the expected
    pairing assumes `criteria`."""
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
    sets = {a: reuse.shingles(words.get(a, [])) for pair in ids for a in pair}
    overlap = {(a, b): overlaps(sets[a], sets[b]) for a, b in ids}
    table["jaccard"] = [overlap[p][0] for p in ids]
    table["containment"] = [overlap[p][1] for p in ids]
    kept = {(a, b) for a, b, *_ in reuse.kept_pairs(sets, [p for p in ids if sets[p[0]] and sets[p[1]]], criteria)}
    table["expected_paired"] = [
        round(expected_paired(j, p in kept, criteria), 4) for j, p in zip(table["jaccard"], ids)
    ]
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


def summary(pairs: pd.DataFrame, planting: str = "held_out") -> pd.DataFrame:
    """Recall per group of edits, precision, and the share of negative pairs paired, under the
    keys and data set of `planting` (`PLANTINGS`)."""
    prefix, dataset = PLANTINGS[planting]
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
        _row(f"{prefix}.{task}.recall", dataset, f"recall: {text} paired with their original", positive[mask])
        for task, (text, mask) in groups.items()
    ]
    predicted, baseline = pairs[pairs["paired"]], pairs[pairs["paired_exact_text"]]
    rows.append(
        [
            f"{prefix}.republication.precision",
            "reuse",
            dataset,
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
        rows.append(
            _row(
                f"{prefix}.{negative}.share_paired",
                dataset,
                f"false alarms: {text} paired",
                pairs[pairs["edit"] == negative],
            )
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _row(key: str, dataset: str, description: str, pairs: pd.DataFrame) -> list:
    """A summary row of the share of `pairs` paired, beside the share the banding leads one
    to expect and the baseline's."""
    return [
        key,
        "reuse",
        dataset,
        description,
        key.rsplit(".", 1)[1],
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
    pairs, per_edit, summaries, criteria = [], [], [], None
    for planting, (planted, labels) in plantings(stories, eligible_articles(stories, known)).items():
        detection = detect(planted)
        scored = score(labels, detection)
        pairs.append(scored.assign(planting=planting))
        per_edit.append(by_edit(scored).assign(planting=planting))
        summaries.append(summary(scored, planting))
        if planting == "dev":
            criteria = compare_criteria(labels, detection)
    tables = {
        "pairs": _planting_first(pd.concat(pairs, ignore_index=True)),
        "by_edit": _planting_first(pd.concat(per_edit, ignore_index=True)),
        "known_pairs": known,
        "summary": pd.concat(summaries, ignore_index=True),
        "dev_criteria": criteria,
    }
    return Outcome(tables, {}, "")


def _planting_first(table: pd.DataFrame) -> pd.DataFrame:
    return table[["planting", *(c for c in table.columns if c != "planting")]]
