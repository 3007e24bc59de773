"""Sensationalism and clickbait cues, one by one, and a combined index that shows what drove it.

The cues and their settings live in `data/sensationalism.yaml`: "BREAKING" labels,
ALL-CAPS words other than acronyms, emoji, "!" and "?", hyperbolic and outrage words,
second-person address, forward reference ("here's why"), listicle numbers, and the
obfuscated names and calls to action that the cleaner logged. Each feature contributes
`weight * min(1, value / saturation)` to the index, where the value is a count or a
count per 1,000 words; every cue is listed with its sentence (or cleaning-log line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..paths import DEFAULT_SENSATIONALISM_FILE, display_path
from ..schemas import check, load_yaml
from ..text.clean import count_words
from ..text.document import Article, quote_spans
from ..text.load import Corpus
from ..text.match import UNREAD, MatcherSet, TermMatcher, WordRuns

PARTS = ("headline", "body", "log")
_TOKEN_RE = re.compile(r"(?<![\w&])[^\W\d_][\w.&']*")
_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_DEFINED_ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z.&-]*[A-Z])\)")
_POSSESSIVE_RE = re.compile(r"'[sS]$")
_NOT_LETTER_RE = re.compile(r"[^A-Za-z]")
# Two capitals with no small letter between them within a run of token characters: what every
# all-caps token (two letters A-Z or more, none a-z) holds.
_TWO_CAPITALS_RE = re.compile(r"[A-Z](?:(?![a-z])[\w.&'])*[A-Z]")


@dataclass(frozen=True)
class Feature:
    id: str
    label: str
    definition: str
    unit: str
    saturation: float
    weight: float
    kind: str = "lexical"
    pattern: TermMatcher | None = None
    terms: TermMatcher | None = None
    headline_pattern: TermMatcher | None = None
    log_reason: str | None = None
    outside_quotes: bool = False
    not_counted_in: tuple[str, ...] = ()
    exceptions: tuple[re.Pattern, ...] = ()
    min_letters: int = 2
    familiar_words_only: bool = False

    def value(self, count: int, n_words: int) -> float:
        """The count, or the count per 1,000 words, as the unit says."""
        if self.unit == "count":
            return float(count)
        return 1000.0 * count / n_words if n_words else 0.0

    def contribution(self, count: int, n_words: int) -> float:
        return self.weight * min(1.0, self.value(count, n_words) / self.saturation)


@dataclass(frozen=True)
class Cue:
    """One sensationalism cue: a span of a sentence, or an entry of the cleaning log."""

    feature: str
    part: str
    sentence: int | None
    line: int | None
    matched_text: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Sensationalism:
    """The features of a sensationalism file, compiled."""

    features: tuple[Feature, ...]
    acronyms: frozenset[str]
    emoji: re.Pattern
    matchers: MatcherSet  # of the features' matchers, named (feature id, "pattern", "terms" or "headline_pattern")

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.features]

    @property
    def labels(self) -> dict[str, str]:
        return {f.id: f.label for f in self.features}

    @property
    def index_labels(self) -> dict[str, str]:
        """The labels of the features that add to the index (weight above 0)."""
        return {f.id: f.label for f in self.features if f.weight > 0}

    def text_cues(
        self,
        text: str,
        part: str,
        defined_acronyms: frozenset[str] = frozenset(),
        quotes: Sequence[tuple[int, int]] | None = None,
        words: WordRuns | None = UNREAD,
    ) -> list[tuple[str, int, int]]:
        """(feature, start, end) for every cue in one sentence or headline (`quotes`: its
        quoted stretches, if known; `words`: its word runs, if read)."""
        found: dict[str, list[tuple[int, int]]] = {}
        possible = self.matchers.possible(text, words)
        for feature in self.features:
            if feature.kind == "all_caps":
                continue
            spans = []
            if feature.kind == "emoji":
                spans = [m.span() for m in self.emoji.finditer(text)]
            for role in ("pattern", "terms", "headline_pattern") if part == "headline" else ("pattern", "terms"):
                if (feature.id, role) in possible:
                    spans += [m.span() for m in getattr(feature, role).finditer(text, words) if m.end() > m.start()]
            if feature.outside_quotes and spans:
                quotes = quotes if quotes is not None else quote_spans(text)
                spans = [s for s in spans if not any(q[0] <= s[0] < q[1] for q in quotes)]
            if feature.exceptions and spans:
                contexts = [m.span() for pattern in feature.exceptions for m in pattern.finditer(text)]
                spans = [s for s in spans if not any(c[0] < s[1] and s[0] < c[1] for c in contexts)]
            found[feature.id] = _without_overlaps(spans) if spans else []
        for feature in self.features:
            if feature.kind == "all_caps":
                taken = [s for other in feature.not_counted_in for s in found.get(other, [])]
                found[feature.id] = [
                    s
                    for s in self._all_caps(text, defined_acronyms, feature)
                    if not any(t[0] < s[1] and s[0] < t[1] for t in taken)
                ]
        return sorted((f, s, e) for f, spans in found.items() for s, e in spans)

    def _all_caps(self, text: str, defined_acronyms: frozenset[str], feature: Feature) -> list[tuple[int, int]]:
        if not _TWO_CAPITALS_RE.search(text):  # no token with two capitals and no small letter
            return []
        spans = []
        for m in _TOKEN_RE.finditer(text):
            if m.group(0).islower():  # no capital letter: not an all-caps word
                continue
            token = _POSSESSIVE_RE.sub("", m.group(0)).rstrip(".'")
            letters = _NOT_LETTER_RE.sub("", token)
            if len(letters) < max(2, feature.min_letters) or not letters.isupper() or _ROMAN_RE.fullmatch(letters):
                continue
            if token.replace(".", "") in self.acronyms or token in defined_acronyms:
                continue
            if feature.familiar_words_only and ("." in token or not is_familiar_word(letters)):
                continue
            spans.append((m.start(), m.start() + len(token)))
        return spans

    def article_cues(self, article: Article) -> list[Cue]:
        """All cues of an article: in its sentences, then in its cleaning log."""
        defined = frozenset(_DEFINED_ACRONYM_RE.findall(article.clean_text))
        cues = []
        for i, sentence in enumerate(article.sentences):
            for feature, start, end in self.text_cues(
                sentence.text, sentence.part, defined, sentence.quotes, sentence.word_runs
            ):
                cues.append(Cue(feature, sentence.part, i, None, sentence.text[start:end], start, end))
        for feature in self.features:
            if feature.log_reason:
                cues += [
                    Cue(feature.id, "log", None, e.line, e.text, None, None)
                    for e in article.cleaning_log
                    if e.reason.startswith(feature.log_reason)
                ]
        return cues

    def counts(self, cues: Sequence[Cue] | Sequence[tuple]) -> dict[str, int]:
        counts = dict.fromkeys(self.ids, 0)
        for cue in cues:
            counts[cue.feature if isinstance(cue, Cue) else cue[0]] += 1
        return counts

    def contributions(self, counts: dict[str, int], n_words: int) -> dict[str, float]:
        return {f.id: f.contribution(counts.get(f.id, 0), n_words) for f in self.features}

    def index(self, counts: dict[str, int], n_words: int) -> float:
        """The combined index: the sum of the features' contributions."""
        return round(sum(self.contributions(counts, n_words).values()), 3)

    def headline_index(self, headline: str) -> float:
        """The index of a bare headline (no cleaning log), e.g. for clickbait detection."""
        return self.index(self.counts(self.text_cues(headline, "headline")), count_words(headline))


@lru_cache(maxsize=1)
def _familiar_words() -> frozenset[str]:
    """Dale & Chall's 3,000 familiar words (textstat's list) and the words of VADER's lexicon."""
    from textstat.backend.utils import get_lang_easy_words

    from .sentiment import vader_lexicon

    vader = (word for word in vader_lexicon() if word.isalpha())
    return frozenset(get_lang_easy_words("en_US")) | frozenset(vader)


_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "est", "ly")


def is_familiar_word(word: str) -> bool:
    """Whether a word, or the word without one common ending ("matters", "stunned"), is
    familiar: an everyday word or a word of sentiment, not an acronym ("NEC", "IAAF", "AOL")."""
    familiar, word = _familiar_words(), word.lower()
    return word in familiar or any(
        word.endswith(end) and word[: -len(end)] in familiar for end in _ENDINGS if len(word) > len(end) + 2
    )


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


@lru_cache(maxsize=4)
def load_sensationalism(path: str | Path | None = None) -> Sensationalism:
    """Read a sensationalism features file (the packaged one by default)."""
    spec = load_yaml(Path(path or DEFAULT_SENSATIONALISM_FILE).read_text(encoding="utf-8"))
    check(spec, "sensationalism", display_path(Path(path or DEFAULT_SENSATIONALISM_FILE)))
    features, acronyms, ranges = [], set(), []
    for entry in spec["features"]:
        kind = entry.get("kind", "lexical")
        flags_insensitive = bool(entry.get("ignore_case", False))
        patterns = entry.get("patterns", ())
        headline_patterns = entry.get("headline_patterns", ())
        features.append(
            Feature(
                id=entry["id"],
                label=entry["label"],
                definition=entry["definition"],
                unit=entry["unit"],
                saturation=float(entry["saturation"]),
                weight=float(entry["weight"]),
                kind=kind,
                pattern=TermMatcher(patterns=patterns, ignore_case=flags_insensitive) if patterns else None,
                terms=TermMatcher(entry["terms"]) if entry.get("terms") else None,
                headline_pattern=(
                    TermMatcher(patterns=headline_patterns, ignore_case=flags_insensitive)
                    if headline_patterns
                    else None
                ),
                log_reason=entry.get("log_reason"),
                outside_quotes=bool(entry.get("outside_quotes", False)),
                not_counted_in=tuple(entry.get("not_counted_in", ())),
                exceptions=tuple(re.compile(p, re.IGNORECASE) for p in entry.get("except_patterns", ())),
                min_letters=int(entry.get("min_letters", 2)),
                familiar_words_only=bool(entry.get("familiar_words_only", False)),
            )
        )
        if kind == "all_caps":
            acronyms |= {str(a).replace(".", "") for a in entry.get("acronyms", ())}
        if kind == "emoji":
            ranges += [(int(lo), int(hi)) for lo, hi in entry["ranges"]]
        if entry["unit"] not in ("count", "per_1000_words"):
            raise ValueError(f"feature {entry['id']!r}: unit must be 'count' or 'per_1000_words'")
    emoji = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges) + "]" if ranges else "(?!)")
    matchers = {
        (feature.id, role): getattr(feature, role)
        for feature in features
        for role in ("pattern", "terms", "headline_pattern")
        if getattr(feature, role) is not None
    }
    return Sensationalism(tuple(features), frozenset(acronyms), emoji, MatcherSet(matchers))


# --- Tables -----------------------------------------------------------------------------

FEATURE_COLUMNS = ["article_id", "feature", "headline", "body", "log", "count", "value", "contribution"]
EVIDENCE_COLUMNS = ["article_id", "feature", "part", "sentence_id", "line", "matched_text", "start", "end"]


def sensationalism_tables(
    corpus: Corpus, path: str | Path | None = None, model_path: str | Path | None = None
) -> dict[str, pd.DataFrame]:
    """`sensationalism` (one column per feature, the index and the headline's clickbait
    probability, empty when the features file lacks a cue the model reads),
    `sensationalism_features` (headline/body/log counts and each feature's contribution) and
    `sensationalism_evidence`."""
    from .clickbait import headline_features, load_clickbait_model

    rules = load_sensationalism(path)
    model = load_clickbait_model(model_path)
    scored = not model.missing(rules)  # a features file without the model's cues: no probability
    wide, long, evidence, headlines = [], [], [], []
    for article in corpus.articles:
        cues = rules.article_cues(article)
        n_words = article.n_words_with_headline
        counts = rules.counts(cues)
        wide.append({"article_id": article.article_id, **counts, "index": rules.index(counts, n_words)})
        if article.headline and scored:
            headlines.append((len(wide) - 1, headline_features(article.headline, rules)))
        for feature in rules.features:
            by_part = {p: sum(c.feature == feature.id and c.part == p for c in cues) for p in PARTS}
            long.append(
                {
                    "article_id": article.article_id,
                    "feature": feature.id,
                    **by_part,
                    "count": counts[feature.id],
                    "value": round(feature.value(counts[feature.id], n_words), 3),
                    "contribution": round(feature.contribution(counts[feature.id], n_words), 3),
                }
            )
        for cue in cues:
            sentence = article.sentences[cue.sentence] if cue.sentence is not None else None
            evidence.append(
                {
                    "article_id": article.article_id,
                    "feature": cue.feature,
                    "part": cue.part,
                    "sentence_id": sentence.sentence_id if sentence else None,
                    "line": cue.line,
                    "matched_text": cue.matched_text,
                    "start": sentence.start + cue.start if sentence else None,
                    "end": sentence.start + cue.end if sentence else None,
                }
            )
    evidence_table = pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS)
    for column in ("sentence_id", "line", "start", "end"):
        evidence_table[column] = evidence_table[column].astype("Int64")
    evidence_table = evidence_table.sort_values(
        ["article_id", "sentence_id", "start", "line", "feature"], kind="stable", na_position="last"
    ).reset_index(drop=True)
    probability = model.probability([features for _, features in headlines])
    for (row, _), value in zip(headlines, probability):
        wide[row]["clickbait_probability"] = round(float(value), 4)
    return {
        "sensationalism": pd.DataFrame(wide, columns=["article_id", *rules.ids, "index", "clickbait_probability"]),
        "sensationalism_features": pd.DataFrame(long, columns=FEATURE_COLUMNS),
        "sensationalism_evidence": evidence_table,
    }


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """Analysis entry point: the features file of the options."""
    return sensationalism_tables(corpus, options.sensationalism_features_file, options.clickbait_model_file)


# --- Figures ----------------------------------------------------------------------------


__all__ = ["Cue", "Feature", "Sensationalism", "load_sensationalism", "sensationalism_tables", "tables"]
