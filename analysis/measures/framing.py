"""News frames with their evidence: generic frames (Semetko & Valkenburg 2000) and issue frames.

Generic frames: the 20 yes/no indicator questions of Semetko & Valkenburg, each answered
per article by the rules in `data/generic_frames.yaml` (word lists plus structural cues:
who reproaches whom, disagreement between named sides, demands for action). An answer
is "yes" when at least one sentence triggers the question's rule; a frame's score is
the mean of its answers. Issue frames: dictionaries of the story's own frames, each
mapped to a Policy Frames Codebook category (`data/issue_frames.yaml`); salience is
matches per 1,000 words. Every answer and every match keeps the sentence and the text
that triggered it (`frame_evidence`), so each score can be traced and checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
import yaml

from ..paths import DATA_DIR
from ..text.document import Article
from ..text.load import Corpus
from ..text.match import MatcherSet, TermMatcher, is_negated, ordered_terms, term_regex

DEFAULT_GENERIC_FRAMES_FILE = DATA_DIR / "generic_frames.yaml"
DEFAULT_ISSUE_FRAMES_FILE = DATA_DIR / "issue_frames.yaml"
SCHEMES = ("generic", "issue")
PIECE_SEPARATOR = " … "
_WORD_RE = re.compile(r"[^\W\d_](?:[\w'&-]|\.(?=[^\W\d_]))*")
_CONNECTORS = {"of", "the", "for", "de", "du", "des", "von", "van", "der", "al", "la", "le"}
_PRONOUN_PERSON = {"him": "he", "his": "he", "her": "she", "them": "they", "their": "they", "us": "we", "our": "we"}
_POSSESSIVE_END_RE = re.compile(r"'s?$")
_LEADING_THE_RE = re.compile(r"^the\s+")


@dataclass(frozen=True)
class Lexicon:
    name: str
    matcher: TermMatcher
    negatable: bool = False

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Match spans; negated ones are left out if the lexicon is negatable."""
        return [
            m.span()
            for m in self.matcher.finditer(text)
            if m.end() > m.start() and not (self.negatable and is_negated(text, m.start()))
        ]


@dataclass(frozen=True)
class PartyFinder:
    """Parties in a sentence: runs of capitalised words (names), group nouns and pronouns."""

    not_names: frozenset[str]
    groups: TermMatcher
    pronouns: TermMatcher

    def spans(self, text: str, known_names: frozenset[str] | None = None) -> list[tuple[int, int, str, bool]]:
        """(start, end, key, named) for each party; `named` is False for pronouns.

        A lone capitalised first word is a name only if it is in `known_names` (words the
        article capitalises inside sentences); without `known_names` it always is.
        """
        found = [(s, e, self._key(text[s:e]), True) for s, e in self._names(text, known_names)]
        found += [(m.start(), m.end(), self._key(m.group(0)), True) for m in self.groups.finditer(text)]
        found += [
            (m.start(), m.end(), _PRONOUN_PERSON.get(m.group(0).lower(), m.group(0).lower()), False)
            for m in self.pronouns.finditer(text)
        ]
        found.sort(key=lambda p: (p[0], -(p[1] - p[0])))
        kept: list[tuple[int, int, str, bool]] = []
        for party in found:
            if kept and party[0] < kept[-1][1]:
                continue
            kept.append(party)
        return kept

    def _names(self, text: str, known_names: frozenset[str] | None) -> list[tuple[int, int]]:
        """Maximal runs of capitalised words ("Bank of England"), minus sentence openers."""
        tokens = list(_WORD_RE.finditer(text))
        runs, current = [], []
        for i, token in enumerate(tokens):
            word = token.group(0)
            if not current and not word[:1].isupper():
                continue
            adjacent = bool(current) and not text[current[-1].end() : token.start()].strip()
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if word[:1].isupper():
                if current and not adjacent:
                    runs.append(current)
                    current = []
                current.append(token)
            elif (
                adjacent
                and word in _CONNECTORS
                and following is not None
                and following.group(0)[:1].isupper()
                and not text[token.end() : following.start()].strip()
            ):
                current.append(token)
            else:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        spans = []
        for run in runs:
            while run and (run[0].group(0) in self.not_names or run[0].group(0) in _CONNECTORS):
                run = run[1:]
            opener = run and run[0] is tokens[0] and len(run) == 1
            if run and not (opener and known_names is not None and run[0].group(0) not in known_names):
                spans.append((run[0].start(), run[-1].end()))
        return spans

    @staticmethod
    def inner_capitalised(sentences: Sequence[str]) -> frozenset[str]:
        """Capitalised words that appear other than as the first word of a sentence."""
        return frozenset(
            t.group(0) for s in sentences for t in list(_WORD_RE.finditer(s))[1:] if t.group(0)[:1].isupper()
        )

    @staticmethod
    def _key(text: str) -> str:
        text = _POSSESSIVE_END_RE.sub("", text.strip())
        return _LEADING_THE_RE.sub("", text.lower())


class SentenceView:
    """One sentence with its lexicon spans and parties, computed once when first asked."""

    def __init__(
        self,
        text: str,
        lexicons: dict[str, Lexicon],
        parties: PartyFinder,
        known_names: frozenset[str] | None = None,
        possible: frozenset[str] | None = None,
    ):
        self.text = text
        self.possible = possible  # lexicons that may match here (None: any)
        self._known_names = known_names
        self._lexicons = lexicons
        self._party_finder = parties
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._parties: list[tuple[int, int, str, bool]] | None = None

    @property
    def parties(self) -> list[tuple[int, int, str, bool]]:
        if self._parties is None:
            self._parties = self._party_finder.spans(self.text, self._known_names)
        return self._parties

    def party_key(self, span: tuple[int, int]) -> str | None:
        return next((key for s, e, key, _ in self.parties if (s, e) == span), None)

    def spans(self, name: str) -> list[tuple[int, int]]:
        if name == "party":
            return [(s, e) for s, e, _, _ in self.parties]
        if name not in self._spans:
            may_match = self.possible is None or name in self.possible
            self._spans[name] = self._lexicons[name].spans(self.text) if may_match else []
        return self._spans[name]

    def named_parties(self) -> set[str]:
        return {key for _, _, key, named in self.parties if named}


@dataclass(frozen=True)
class Match:
    """Text that triggered a rule: pieces (start, end) within one sentence."""

    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def text(self, sentence: str) -> str:
        return PIECE_SEPARATOR.join(sentence[s:e] for s, e in self.pieces)


def _match(*pieces: tuple[int, int]) -> Match:
    return Match(tuple(sorted(pieces)))


# --- Rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnyRule:
    lexicons: tuple[str, ...]

    def may_match(self, possible: frozenset[str]) -> bool:
        return not possible.isdisjoint(self.lexicons)

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        spans = [s for name in self.lexicons for s in views[i].spans(name)]
        return _match(min(spans)) if spans else None


@dataclass(frozen=True)
class AllRule:
    lexicons: tuple[str, ...]

    def may_match(self, possible: frozenset[str]) -> bool:
        return possible.issuperset(self.lexicons)

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        pieces = []
        for name in self.lexicons:
            spans = views[i].spans(name)
            if not spans:
                return None
            pieces.append(spans[0])
        return _match(*dict.fromkeys(pieces))


@dataclass(frozen=True)
class SequenceRule:
    lexicons: tuple[str, ...]
    max_gap: int

    def may_match(self, possible: frozenset[str]) -> bool:
        return possible.issuperset(self.lexicons)

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        options = []
        for name in self.lexicons:
            spans = views[i].spans(name)
            if not spans:
                return None
            options.append(spans)

        view = views[i]

        def extend(chain: list[tuple[int, int]], k: int) -> list[tuple[int, int]] | None:
            if k == len(options):
                return chain
            used = {view.party_key(s) for s, name in zip(chain, self.lexicons) if name == "party"}
            for span in options[k]:
                if chain and not (span[0] >= chain[-1][1] and span[0] - chain[-1][1] <= self.max_gap):
                    continue
                if self.lexicons[k] == "party" and view.party_key(span) in used:
                    continue
                result = extend(chain + [span], k + 1)
                if result:
                    return result
            return None

        chain = extend([], 0)
        return _match(*chain) if chain else None


@dataclass(frozen=True)
class PartiesRule:
    minimum: int
    cue: str

    def may_match(self, possible: frozenset[str]) -> bool:
        return self.cue in possible

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        cues = views[i].spans(self.cue)
        if not cues:
            return None
        cue = cues[0]
        distinct: dict[str, tuple[int, int]] = {}
        for start, end, key, _ in views[i].parties:
            if not (start < cue[1] and cue[0] < end):
                distinct.setdefault(key, (start, end))
        if len(distinct) < self.minimum:
            return None
        return _match(cue, *list(distinct.values())[: self.minimum])


@dataclass(frozen=True)
class ContrastRule:
    """ "X said ... But Y argued": a contrast-led statement by a new party after another's."""

    opener: str
    attribution: str
    window: int

    def may_match(self, possible: frozenset[str]) -> bool:
        return self.opener in possible and self.attribution in possible

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        view = views[i]
        openers, speech = view.spans(self.opener), view.spans(self.attribution)
        if not openers or not speech:
            return None
        parties = view.named_parties()
        for j in range(max(0, i - self.window), i):
            earlier = views[j]
            earlier_parties = earlier.named_parties()
            if earlier.spans(self.attribution) and earlier_parties and parties - earlier_parties:
                new = next((s, e) for s, e, key, named in view.parties if named and key in parties - earlier_parties)
                return _match(openers[0], *dict.fromkeys([new, speech[0]]))
        return None


def _rule(spec: dict):
    if "any" in spec:
        return AnyRule(tuple(spec["any"]))
    if "all" in spec:
        return AllRule(tuple(spec["all"]))
    if "sequence" in spec:
        return SequenceRule(tuple(spec["sequence"]), int(spec.get("max_gap", 80)))
    if "parties" in spec:
        return PartiesRule(int(spec["parties"]["min"]), spec["parties"]["with"])
    if "contrast" in spec:
        c = spec["contrast"]
        return ContrastRule(c["opener"], c["attribution"], int(c.get("window", 2)))
    raise ValueError(f"unknown rule kind: {sorted(spec)}")


@dataclass(frozen=True)
class Item:
    """One indicator question and the rules that answer it."""

    id: str
    frame: str
    question: str
    rule: str
    rules: tuple

    def may_match(self, possible: frozenset[str]) -> bool:
        """False when no rule can match a sentence in which only the lexicons `possible` may."""
        return any(rule.may_match(possible) for rule in self.rules)

    def find(self, views: Sequence[SentenceView], i: int) -> Match | None:
        for rule in self.rules:
            found = rule.find(views, i)
            if found:
                return found
        return None


@dataclass(frozen=True)
class Hit:
    """Evidence: in sentence `sentence` (index), text `matched_text` at `start`-`end` triggered `item`."""

    sentence: int
    scheme: str
    frame: str
    item: str
    matched_text: str
    start: int
    end: int


# --- Generic frames ---------------------------------------------------------------------


@dataclass(frozen=True)
class GenericFrames:
    """The generic frames, their indicator items and the lexicons the rules use."""

    frames: tuple[tuple[str, str], ...]  # (id, label)
    items: tuple[Item, ...]
    lexicons: dict
    parties: PartyFinder
    index: MatcherSet  # of the lexicons' matchers

    def hits(self, sentences: Sequence[str]) -> list[Hit]:
        """One hit per (sentence, item) whose rule the sentence triggers."""
        known = PartyFinder.inner_capitalised(sentences)
        views = [
            SentenceView(s, self.lexicons, self.parties, known, self.index.possible(s) | {"party"}) for s in sentences
        ]
        hits = []
        for i, view in enumerate(views):
            for item in self.items:
                found = item.find(views, i) if item.may_match(view.possible) else None
                if found:
                    hits.append(Hit(i, "generic", item.frame, item.id, found.text(view.text), found.start, found.end))
        return hits

    def answers(self, hits: Sequence[Hit]) -> dict[tuple[str, str], int]:
        """(frame, item) -> number of sentences that triggered it (0 means the answer is no)."""
        counts = {(item.frame, item.id): 0 for item in self.items}
        for hit in hits:
            counts[(hit.frame, hit.item)] += 1
        return counts

    def scores(self, hits: Sequence[Hit]) -> dict[str, float]:
        """Frame score: the share of its items answered yes."""
        answers = self.answers(hits)
        return {
            frame: sum(n > 0 for (f, _), n in answers.items() if f == frame) / sum(f == frame for f, _ in answers)
            for frame, _ in self.frames
        }

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.frames)


def _lexicon(name: str, spec: dict) -> Lexicon:
    matcher = TermMatcher(spec.get("terms", ()), spec.get("patterns", ()))
    if matcher.pattern is None:
        raise ValueError(f"lexicon {name!r} has neither terms nor patterns")
    return Lexicon(name, matcher, bool(spec.get("negatable", False)))


@lru_cache(maxsize=4)
def load_generic_frames(path: str | Path | None = None) -> GenericFrames:
    """Read the generic frame rules (the packaged file by default)."""
    spec = yaml.safe_load(Path(path or DEFAULT_GENERIC_FRAMES_FILE).read_text(encoding="utf-8"))
    lexicons = {name: _lexicon(name, entry) for name, entry in spec["lexicons"].items()}
    parties = PartyFinder(
        frozenset(spec["not_names"]["terms"]), lexicons["group_nouns"].matcher, lexicons["pronouns"].matcher
    )
    frames, items = [], []
    for frame in spec["frames"]:
        frames.append((frame["id"], frame["label"]))
        for item in frame["items"]:
            items.append(
                Item(item["id"], frame["id"], item["question"], item["rule"], tuple(_rule(r) for r in item["match"]))
            )
    known = set(lexicons) | {"party"}
    for item in items:
        for rule in item.rules:
            names = [getattr(rule, a) for a in ("lexicons", "cue", "opener", "attribution") if hasattr(rule, a)]
            missing = {n for v in names for n in ([v] if isinstance(v, str) else v)} - known
            if missing:
                raise ValueError(f"item {item.id!r} uses unknown lexicons: {sorted(missing)}")
    index = MatcherSet({name: lexicon.matcher for name, lexicon in lexicons.items()})
    return GenericFrames(tuple(frames), tuple(items), lexicons, parties, index)


# --- Issue frames -----------------------------------------------------------------------


@dataclass(frozen=True)
class IssueFrame:
    id: str
    label: str
    pfc_code: int
    pfc_category: str
    definition: str
    source: str
    terms: tuple[str, ...]
    matcher: TermMatcher

    def term_of(self, matched: str) -> str:
        """The dictionary term that produced a match."""
        if matched not in self._term_of_match:
            self._term_of_match[matched] = next(
                (term for term, regex in self._term_regexes if regex.fullmatch(matched)), matched
            )
        return self._term_of_match[matched]

    @cached_property
    def _term_regexes(self) -> tuple[tuple[str, re.Pattern], ...]:
        return tuple((term, re.compile(term_regex(term), re.IGNORECASE)) for term in ordered_terms(self.terms))

    @cached_property
    def _term_of_match(self) -> dict[str, str]:
        return {}


@dataclass(frozen=True)
class IssueFrames:
    frames: tuple[IssueFrame, ...]

    def hits(self, sentences: Sequence[str]) -> list[Hit]:
        """Every dictionary match, in sentence order."""
        hits = []
        for i, sentence in enumerate(sentences):
            for frame in self.frames:
                for m in frame.matcher.finditer(sentence):
                    hits.append(Hit(i, "issue", frame.id, frame.term_of(m.group(0)), m.group(0), m.start(), m.end()))
        return hits

    @property
    def labels(self) -> dict[str, str]:
        return {f.id: f.label for f in self.frames}


@lru_cache(maxsize=8)
def load_issue_frames(path: str | Path | None = None) -> IssueFrames:
    """Read an issue-frames dictionary (the packaged one by default)."""
    path = Path(path or DEFAULT_ISSUE_FRAMES_FILE)
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    frames = []
    for entry in spec["frames"]:
        missing = [k for k in ("id", "label", "definition", "source", "terms") if not entry.get(k)]
        if missing:
            raise ValueError(f"{path}: frame {entry.get('id', '?')!r} lacks {', '.join(missing)}")
        terms = tuple(str(t) for t in entry["terms"])
        frames.append(
            IssueFrame(
                entry["id"],
                entry["label"],
                int(entry.get("pfc_code", 15)),
                entry.get("pfc_category", "Other"),
                entry["definition"],
                entry["source"],
                terms,
                TermMatcher(terms),
            )
        )
    return IssueFrames(tuple(frames))


# --- Tables -----------------------------------------------------------------------------

FRAMES_COLUMNS = ["article_id", "scheme", "frame", "score", "hits", "per_1000_words", "dominant"]
ITEMS_COLUMNS = ["article_id", "frame", "item", "answer", "sentences"]
EVIDENCE_COLUMNS = ["article_id", "sentence_id", "scheme", "frame", "item", "matched_text", "start", "end"]


def article_frames(article: Article, generic: GenericFrames, issue: IssueFrames):
    """Frame rows, item answers and evidence rows of one article."""
    sentences = article.sentences
    texts = [s.text for s in sentences]
    n_words = article.n_words_with_headline
    generic_hits, issue_hits = generic.hits(texts), issue.hits(texts)
    evidence = [
        {
            "article_id": article.article_id,
            "sentence_id": sentences[h.sentence].sentence_id,
            "scheme": h.scheme,
            "frame": h.frame,
            "item": h.item,
            "matched_text": h.matched_text,
            "start": sentences[h.sentence].start + h.start,
            "end": sentences[h.sentence].start + h.end,
        }
        for h in generic_hits + issue_hits
    ]
    answers = generic.answers(generic_hits)
    items = [
        {"article_id": article.article_id, "frame": f, "item": i, "answer": int(n > 0), "sentences": n}
        for (f, i), n in answers.items()
    ]
    scores = generic.scores(generic_hits)
    rows = []
    for frame, _ in generic.frames:
        n = sum(h.frame == frame for h in generic_hits)
        rows.append(_frame_row(article.article_id, "generic", frame, scores[frame], n, n_words))
    total = len(issue_hits)
    for frame in issue.frames:
        n = sum(h.frame == frame.id for h in issue_hits)
        rows.append(_frame_row(article.article_id, "issue", frame.id, n / total if total else 0.0, n, n_words))
    return _mark_dominant(rows), items, evidence


def _frame_row(article_id: str, scheme: str, frame: str, score: float, hits: int, n_words: int) -> dict:
    return {
        "article_id": article_id,
        "scheme": scheme,
        "frame": frame,
        "score": round(score, 4),
        "hits": hits,
        "per_1000_words": round(1000 * hits / n_words, 3) if n_words else 0.0,
    }


def _mark_dominant(rows: list[dict]) -> list[dict]:
    """Mark, per scheme, the frame with the highest score (then most hits, then file order)."""
    for scheme in SCHEMES:
        candidates = [r for r in rows if r["scheme"] == scheme]
        best = max(candidates, key=lambda r: (r["score"], r["hits"]), default=None)
        for r in candidates:
            r["dominant"] = r is best and r["score"] > 0
    return rows


def frame_tables(
    corpus: Corpus, issue_frames_file: str | Path | None = None, generic_frames_file: str | Path | None = None
) -> dict[str, pd.DataFrame]:
    """The tables `frames`, `frame_items` and `frame_evidence` for a corpus."""
    generic, issue = load_generic_frames(generic_frames_file), load_issue_frames(issue_frames_file)
    frames, items, evidence = [], [], []
    for article in corpus.articles:
        f, i, e = article_frames(article, generic, issue)
        frames += f
        items += i
        evidence += e
    evidence_table = pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS)
    order = {"generic": 0, "issue": 1}
    evidence_table = (
        evidence_table.assign(_scheme=evidence_table["scheme"].map(order))
        .sort_values(["article_id", "sentence_id", "_scheme", "start", "frame", "item"], kind="stable")
        .drop(columns="_scheme")
        .reset_index(drop=True)
    )
    return {
        "frames": pd.DataFrame(frames, columns=FRAMES_COLUMNS),
        "frame_items": pd.DataFrame(items, columns=ITEMS_COLUMNS),
        "frame_evidence": evidence_table,
    }


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """Analysis entry point: frame tables with the generic- and issue-frames files of the options."""
    return frame_tables(corpus, options.issue_frames_file, options.generic_frames_file)


def keyword_in_context(evidence: pd.DataFrame, sentences: pd.DataFrame, width: int = 70) -> pd.DataFrame:
    """Evidence rows with the sentence text around each match: `left`, `match`, `right`.

    `evidence` needs article_id, sentence_id, start and end (offsets into the clean text);
    rows without a sentence (e.g. cues counted from the cleaning log) keep empty context.
    """
    keyed = sentences[["article_id", "sentence_id", "start", "text"]].rename(columns={"start": "sentence_start"})
    merged = evidence.merge(keyed, on=["article_id", "sentence_id"], how="left")
    left, match, right = [], [], []
    for row in merged.itertuples(index=False):
        if not isinstance(row.text, str) or pd.isna(row.start):
            left.append("")
            match.append(getattr(row, "matched_text", ""))
            right.append("")
            continue
        a, b = int(row.start - row.sentence_start), int(row.end - row.sentence_start)
        before, after = row.text[:a], row.text[b:]
        left.append(("…" if len(before) > width else "") + before[-width:])
        match.append(row.text[a:b])
        right.append(after[:width] + ("…" if len(after) > width else ""))
    result = merged.drop(columns=["sentence_start", "text"]).assign(left=left, match=match, right=right)
    for column in ("sentence_id", "line", "start", "end"):
        if column in result:
            result[column] = result[column].astype("Int64")
    return result


# --- Figures ----------------------------------------------------------------------------


__all__ = [
    "GenericFrames",
    "IssueFrames",
    "Hit",
    "frame_tables",
    "keyword_in_context",
    "load_generic_frames",
    "load_issue_frames",
    "tables",
]
