"""Sourcing opacity: how much of an article rests on sources a reader cannot check.

A profile per article with its evidence, and no verdict: none of these signals proves that
an article is false, and professional news shows each of them.

From the attribution measure (read from its tables in `finish`, not recomputed): the share of
attributions to anonymous or vague sources, the attributions resting on unverifiable
evidence, those citing the outlet itself (the attribution lexicon's `self_referential`
phrases) and the hedges outside quotations (its `hedges`, per 1,000 words). New per
article (`compute`):

- claims resting on documents the reader cannot check: a document noun with a marker of
  unavailability before it ("leaked diplomatic cables", no punctuation or preposition
  between) or a holder after it ("the memo, seen by the BBC"), within the word gaps of
  `data/opacity.yaml`, in a sentence with no sign that the document is public (published,
  released, a court record, a web address), and cited as a source: the phrase overlaps the
  source of one of the article's attributions ("According to leaked cables ...", "Leaked
  documents suggest ..."), so that a document merely mentioned ("her private email server",
  "he shredded the classified documents") is not counted. A marker attaches to the nearest
  document noun on its side; the evidence runs from the first marker to the end of the
  holder ("obtained by this outlet": a determiner and a word, or a capitalised name);
- the dateline (`text.datelines.find_dateline`);
- the byline: the article's `author` metadata (a table column, a web page, front matter, the
  manifest), else a line near the top of the text that is only an opener ("By") and a
  capitalised name (`byline_regex`), with at most a short tail after a comma or bar ("By
  Jane Doe, Reuters").

`n_signals` counts the signals present (`SIGNALS`); it is a count, not a score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR, display_path
from ..schemas import check, load_yaml
from ..text.clean import WORD_RE
from ..text.datelines import find_dateline
from ..text.document import Article
from ..text.load import Corpus
from ..text.match import TermMatcher, ordered_terms, term_regex
from .attribution import load_lexicon

OPACITY_FILE = DATA_DIR / "opacity.yaml"

# Thresholds of the signals, each with its reason.
MIN_ATTRIBUTIONS = 3  # a share of one or two attributions says little about an article's sourcing
UNNAMED_SHARE = 0.5  # half or more of the claims attributed to someone rest on unnamed sources
HEDGE_RATE = 3.0  # hedges per 1,000 words: above the BBC News corpus's 95th percentile (2.77)
BYLINE_LINES = 5  # a byline stands among the first non-empty lines of the text
MAX_BYLINE_TAIL = 60  # characters after the name: an outlet, a role or a date ("By Jane Doe, Reuters")

SIGNALS = (
    "unnamed_sources",  # share_anonymous_or_vague >= UNNAMED_SHARE of at least MIN_ATTRIBUTIONS
    "uncheckable_document",
    "self_reference",
    "hedges",  # hedges_per_1000_words > HEDGE_RATE
    "no_dateline",
    "no_byline",
)
SIGNAL_LABELS = {  # signal: how figures and findings name it (the thresholds above)
    "unnamed_sources": "mostly unnamed sources",
    "uncheckable_document": "uncheckable document",
    "self_reference": "outlet cites itself",
    "hedges": "many hedges",
    "no_dateline": "no dateline",
    "no_byline": "no byline",
}
READING_ORDER = ("uncheckable_document", "self_reference", "anonymous_source", "vague_source", "hedge")
EVIDENCE_SIGNALS = ("anonymous_source", "vague_source", "uncheckable_document", "self_reference", "hedge")

PROFILE_COLUMNS = [
    "article_id",
    "n_attributions",
    "share_anonymous",
    "share_vague",
    "share_anonymous_or_vague",
    "n_unverifiable",
    "n_uncheckable_documents",
    "n_self_referential",
    "n_hedges",
    "hedges_per_1000_words",
    "has_dateline",
    "dateline",
    "has_byline",
    "byline",
    "byline_source",
    "n_signals",
    "signals",
]
TEXT_COLUMNS = ["article_id", "n_uncheckable_documents", "has_dateline", "dateline", "text_byline"]
EVIDENCE_COLUMNS = ["article_id", "signal", "sentence_id", "start", "end", "text", "sentence"]
SIGNAL_SEPARATOR = " | "

_PUNCTUATION_RE = re.compile(r"[^\w\s'’-]")
_HOLDER_RE = re.compile(
    r"\s+(?:(?:this|our)\s+[\w'’-]+"
    r"|(?:[Tt]he\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}"
    r"|(?:the|a|an)\s+[\w'’-]+)"
)


@dataclass(frozen=True)
class OpacityRules:
    """The word lists of an opacity file, compiled."""

    document_nouns: TermMatcher
    markers_before: TermMatcher
    words_not_between: frozenset[str]
    markers_after: TermMatcher
    not_markers: TermMatcher
    public_markers: TermMatcher
    byline_openers: tuple[str, ...]
    words_between_before: int
    words_between_after: int


@lru_cache(maxsize=4)
def load_opacity(path: str | Path | None = None) -> OpacityRules:
    """Read and check an opacity file (the packaged one by default)."""
    path = Path(path or OPACITY_FILE)
    spec = load_yaml(path.read_text(encoding="utf-8"))
    check(spec, "opacity", display_path(path))

    def matcher(key: str) -> TermMatcher:
        return TermMatcher(spec[key]["terms"], spec[key].get("patterns", ()))

    return OpacityRules(
        document_nouns=matcher("document_nouns"),
        markers_before=matcher("markers_before"),
        words_not_between=frozenset(t.lower() for t in spec["words_not_between"]["terms"]),
        markers_after=matcher("markers_after"),
        not_markers=matcher("not_markers"),
        public_markers=matcher("public_markers"),
        byline_openers=ordered_terms(spec["byline_openers"]["terms"]),
        words_between_before=spec["words_between_before"],
        words_between_after=spec["words_between_after"],
    )


def uncheckable_documents(text: str, rules: OpacityRules) -> list[tuple[int, int]]:
    """(start, end) in one sentence of each document it names that the reader cannot check
    (whether the sentence rests a claim on it is decided in `tables`)."""
    nouns = rules.document_nouns.spans(text)
    if not nouns or rules.public_markers.search(text):
        return []
    excluded = rules.not_markers.spans(text)

    def markers(matcher: TermMatcher) -> list[tuple[int, int]]:
        return [m for m in matcher.spans(text) if not any(a < m[1] and m[0] < b for a, b in excluded)]

    def gap(start: int, end: int) -> int:
        return len(WORD_RE.findall(text[start:end]))

    def opens_phrase(start: int, end: int) -> bool:
        """No punctuation and at most `words_between_before` words, none of them a word
        that ends a noun phrase, between a marker and the noun after it."""
        words = WORD_RE.findall(text[start:end])
        return (
            not _PUNCTUATION_RE.search(text[start:end])
            and len(words) <= rules.words_between_before
            and not any(w.lower() in rules.words_not_between for w in words)
        )

    spans: dict[tuple[int, int], tuple[int, int]] = {}  # document noun -> its evidence span
    for start, end in markers(rules.markers_before):
        following = [n for n in nouns if n[0] >= end]
        if following and opens_phrase(end, following[0][0]):
            noun = following[0]
            spans[noun] = (min(start, spans.get(noun, noun)[0]), spans.get(noun, noun)[1])
    for start, end in markers(rules.markers_after):
        preceding = [n for n in nouns if n[1] <= start]
        if preceding and gap(preceding[-1][1], start) <= rules.words_between_after:
            noun = preceding[-1]
            holder = _holder_end(text, end)
            spans[noun] = (spans.get(noun, noun)[0], max(holder, spans.get(noun, noun)[1]))
    return _merged(sorted(spans.values()))


def _holder_end(text: str, end: int) -> int:
    """The end of the holder named after a marker that ends at `end` ("by this outlet"),
    without a sentence's full stop ("The Post."; "the U.S." keeps its own), else `end`."""
    found = _HOLDER_RE.match(text, end)
    if not found:
        return end
    stop = found.end()
    return stop - 1 if text[stop - 1] == "." and text[stop - 3 : stop - 2] != "." else stop


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined (spans sorted)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=8)
def byline_regex(openers: tuple[str, ...], particles: frozenset[str]) -> re.Pattern:
    """A whole line that is a byline: an opener, a name of two to five capitalised words
    (joined by "and" or "&", with the attribution lexicon's name particles inside: "Ana de
    Souza"), then at most a short tail after a comma, bar or dash."""
    word = r"[A-Z][\w.'’-]*"
    particle = "|".join(sorted(map(re.escape, particles))) or "(?!)"
    name = rf"(?-i:{word}(?:\s+(?:(?:and|&)\s+)?(?:(?:{particle})\s+)?{word}){{1,4}})"
    opener = "|".join(term_regex(t) for t in openers)
    return re.compile(
        rf"^\s*(?:{opener})\s*:?\s+(?P<name>{name})\s*(?:[,|•·–—-]\s*.{{0,{MAX_BYLINE_TAIL}}})?$", re.IGNORECASE
    )


def text_byline(article: Article, byline: re.Pattern) -> str:
    """The name of a byline line among the first lines of the raw or the clean text, or ''."""
    for text in (article.raw_text, article.clean_text):
        lines = [line for line in text.splitlines() if line.strip()][:BYLINE_LINES]
        for line in lines:
            found = byline.match(line)
            if found:
                return " ".join(found.group("name").split())
    return ""


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """Per article: documents the reader cannot check cited as sources (the attributions layer
    the attribution measure left on each article), the dateline and a byline in the text
    (`opacity`, completed in `finish`), and the evidence of documents and hedges."""
    rules = load_opacity()
    lexicon = load_lexicon(options.attribution_lexicon_file)
    hedges = lexicon.hedges.pattern
    byline = byline_regex(rules.byline_openers, lexicon.name_particles)
    profile, evidence = [], []
    for article in corpus.articles:
        n_documents = 0
        speakers = [(a.speaker_start, a.speaker_end) for a in article.layers.get("attributions", [])]
        for sentence in article.sentences:
            items = [
                ("uncheckable_document", s, e)
                for s, e in uncheckable_documents(sentence.text, rules)
                if any(a < sentence.start + e and sentence.start + s < b for a, b in speakers)
            ]
            n_documents += len(items)
            items += [
                ("hedge", *m.span())
                for m in hedges.finditer(sentence.text)
                if not any(a <= m.start() < b for a, b in sentence.quotes)
            ]
            for signal, start, end in sorted(items, key=lambda item: (item[1], item[2], item[0])):
                evidence.append(
                    {
                        "article_id": article.article_id,
                        "signal": signal,
                        "sentence_id": sentence.sentence_id,
                        "start": sentence.start + start,
                        "end": sentence.start + end,
                        "text": sentence.text[start:end],
                        "sentence": sentence.text,
                    }
                )
        dateline = find_dateline(article)
        profile.append(
            {
                "article_id": article.article_id,
                "n_uncheckable_documents": n_documents,
                "has_dateline": dateline is not None,
                "dateline": dateline.text if dateline else "",
                "text_byline": text_byline(article, byline),
            }
        )
    return {
        "opacity": pd.DataFrame(profile, columns=TEXT_COLUMNS),
        "opacity_evidence": pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS),
    }


def finish(tables: dict[str, pd.DataFrame], options) -> dict[str, pd.DataFrame]:
    """`opacity`, the profile of each article with the sourcing measures and its signals, and
    `opacity_evidence` with the attributions' unnamed sources and self-references added."""
    order = list(tables["articles"]["article_id"])
    profile = _profile(tables["opacity"], tables["sourcing"], tables["articles"])
    evidence = pd.concat(
        [tables["opacity_evidence"], _attribution_evidence(tables["attributions"], tables["sentences"], options)],
        ignore_index=True,
    )
    rank = {article_id: i for i, article_id in enumerate(order)}
    evidence = evidence.assign(
        _rank=evidence["article_id"].map(rank), _signal=evidence["signal"].map(EVIDENCE_SIGNALS.index)
    )
    evidence = evidence.sort_values(["_rank", "start", "end", "_signal"], kind="stable")
    return {
        "opacity": profile,
        "opacity_evidence": evidence[EVIDENCE_COLUMNS]
        .astype({"sentence_id": int, "start": int, "end": int})
        .reset_index(drop=True),
    }


def _profile(text: pd.DataFrame, sourcing: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article (in the order of `articles`)."""
    by_id = {r["article_id"]: r for r in text.to_dict("records")}
    sources = {r["article_id"]: r for r in sourcing.to_dict("records")}
    authors = dict(zip(articles["article_id"], articles["author"])) if "author" in articles else {}
    rows = []
    for article_id in articles["article_id"]:
        own, source = by_id[article_id], sources[article_id]
        n = int(source["n_attributions"])
        unnamed = round((int(source["n_anonymous"]) + int(source["n_vague"])) / n, 4) if n else float("nan")
        author = authors.get(article_id)
        author = " ".join(str(author).split()) if isinstance(author, str) else ""
        byline, byline_source = (
            (author, "metadata") if author else (own["text_byline"], "text" if own["text_byline"] else "")
        )
        row = {
            "article_id": article_id,
            "n_attributions": n,
            "share_anonymous": source["share_anonymous"],
            "share_vague": source["share_vague"],
            "share_anonymous_or_vague": unnamed,
            "n_unverifiable": int(source["n_unverifiable"]),
            "n_uncheckable_documents": int(own["n_uncheckable_documents"]),
            "n_self_referential": int(source["n_self_referential"]),
            "n_hedges": int(source["n_hedges"]),
            "hedges_per_1000_words": source["hedges_per_1000_words"],
            "has_dateline": bool(own["has_dateline"]),
            "dateline": own["dateline"],
            "has_byline": bool(byline),
            "byline": byline,
            "byline_source": byline_source,
        }
        present = signals_of(row)
        rows.append(row | {"n_signals": len(present), "signals": SIGNAL_SEPARATOR.join(present)})
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def signal_flags(profile: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per signal (`SIGNALS`), indexed by article_id, from the `signals`
    column of the `opacity` table."""
    present = profile["signals"].fillna("").astype(str).str.split(SIGNAL_SEPARATOR, regex=False)
    return pd.DataFrame(
        {signal: present.map(lambda names, s=signal: s in names).to_numpy(dtype=bool) for signal in SIGNALS},
        index=profile["article_id"].astype(str).to_numpy(),
    )


def signals_of(row: dict) -> list[str]:
    """The signals (`SIGNALS`) present in one profile row, in their order."""
    present = {
        "unnamed_sources": row["n_attributions"] >= MIN_ATTRIBUTIONS
        and row["share_anonymous_or_vague"] >= UNNAMED_SHARE,
        "uncheckable_document": row["n_uncheckable_documents"] > 0,
        "self_reference": row["n_self_referential"] > 0,
        "hedges": row["hedges_per_1000_words"] > HEDGE_RATE,  # NaN (no body) is not above
        "no_dateline": not row["has_dateline"],
        "no_byline": not row["has_byline"],
    }
    return [signal for signal in SIGNALS if present[signal]]


def _attribution_evidence(attributions: pd.DataFrame, sentences: pd.DataFrame, options) -> pd.DataFrame:
    """Rows of evidence for the attributions to anonymous or vague sources (the speaker) and
    those citing the outlet itself (the self-referential phrase in the sentence, else the
    speaker); inherited rows (a quote continued) are counted by the measure once, and here too."""
    phrases = load_lexicon(options.attribution_lexicon_file).self_referential
    starts = {
        (a, int(s)): int(p) for a, s, p in zip(sentences["article_id"], sentences["sentence_id"], sentences["start"])
    }
    rows = []
    for r in attributions[~attributions["inherited"].astype(bool)].to_dict("records"):
        speaker = (r["speaker_start"], r["speaker_end"], r["speaker"])
        sentence_start = starts[(r["article_id"], int(r["sentence_id"]))]
        found = []
        if r["source_class"] in ("anonymous", "vague"):
            found.append((f"{r['source_class']}_source", *speaker))
        if r["self_referential"]:
            phrase = phrases.search(r["sentence"])
            where = (
                (sentence_start + phrase.start(), sentence_start + phrase.end(), phrase.group(0)) if phrase else speaker
            )
            found.append(("self_reference", *where))
        for signal, start, end, text in found:
            rows.append(
                {
                    "article_id": r["article_id"],
                    "signal": signal,
                    "sentence_id": int(r["sentence_id"]),
                    "start": int(start),
                    "end": int(end),
                    "text": text,
                    "sentence": r["sentence"],
                }
            )
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def evidence_for_readers(evidence: pd.DataFrame) -> pd.DataFrame:
    """The evidence, the rarer signals first (`READING_ORDER`), then in text order."""
    rank = evidence["signal"].map({s: i for i, s in enumerate(READING_ORDER)}).fillna(len(READING_ORDER))
    ordered = evidence.assign(rank=rank).sort_values(["rank", "article_id", "start"], kind="stable")
    return ordered[["article_id", "signal", "text", "sentence"]].reset_index(drop=True)
