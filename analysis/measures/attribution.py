"""Source attribution: who is quoted or cited, whether they are named, how claims are hedged.

Rule-based, over tokens with character offsets (no parser). Per paragraph it finds the
quotations (straight or curly marks, unclosed marks, quotes that run on into the next
paragraph), then per sentence the cues outside quotations: reporting verbs (Krestel et
al.'s lemmas plus news verbs), "according to", "X told <outlet>", statements and documents
issued, poll and report verbs, colon and dash attributions (`Carney made it clear: "..."`).
Each cue gets its source: the subject before the verb (skipping auxiliaries, adverbs and an
appositive between commas), the inverted subject after it (`," said a senior EU
diplomat`), the agent of a passive (`described by one witness`), or the subject of the
clause (`..., saying`). Quotations are attached to the cue next to them; a quotation with
no cue continues the previous speaker's quote. Pronouns resolve to the most recent
compatible speaker or person mentioned; names resolve to actors of the actors file.

Every lexicon lives in `data/attribution.yaml` with a source note per group.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ..paths import DATA_DIR
from ..text.actors import ActorList, load_actors
from ..text.clean import count_words

DEFAULT_LEXICON_FILE = DATA_DIR / "attribution.yaml"
SOURCE_CLASSES = ("named", "anonymous", "vague")
SOURCE_TYPES = ("official/politician", "expert", "media", "social_media", "document", "poll",
                "witness/public", "other")
QUOTE_TYPES = ("direct", "indirect", "according_to", "colon", "mixed", "platform", "document", "poll")
ATTRIBUTION_COLUMNS = ["article_id", "sentence_id", "start", "end", "speaker", "speaker_canonical",
                       "source_class", "source_type", "cue", "quote_type", "quote", "hedged", "hedge",
                       "speaker_start", "speaker_end", "cue_start", "cue_end", "quoted_words",
                       "inherited", "self_referential", "unverifiable", "sentence"]

QUOTE_MARK_RE = re.compile(r'["“”]|\'\'')
TOKEN_RE = re.compile(r"""
    (?:[A-Z]\.){2,}(?![A-Za-z])            # U.S., U.K.
  | [A-Z][a-z]{0,3}\.(?=\s+[A-Z])          # Mr. Carney, Sen. Kaine, B. Egede
  | \w+(?:[-'’](?![sS]\b)\w+)*             # words, hyphenated words, O'Malley, isn't
  | ['’][sS]\b                             # possessive 's
  | ''                                     # two apostrophes as a quotation mark
  | \S                                     # any other character
""", re.X)
OPENERS = set("([{—–-/:;")
POSSESSIVE = ("'s", "’s", "'S", "’S")
ARTICLES = frozenset(["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those"])
NAME_PARTICLES = frozenset(["de", "von", "der", "van", "den", "la", "le", "du", "al", "bin", "da", "di", "del"])
NAME_CONNECTORS = frozenset(["of", "for", "and", "the", "&", "on"])
BE_FORMS = frozenset(["is", "was", "are", "were", "be", "been", "being"])
AUXILIARIES = frozenset(["will", "would", "can", "could", "may", "might", "should", "must", "shall", "did",
                         "do", "does", "to"])
STATEMENT_NOUNS = frozenset(["statement", "statements", "declaration", "communique", "communiqué", "report",
                             "release", "letter", "memo", "readout"])
CHANNEL_NOUNS = frozenset(["statement", "interview", "email", "tweet", "post", "letter", "release", "speech",
                           "video", "op-ed", "briefing", "conference", "call", "remarks", "memo", "message"])
UNAMBIGUOUS_SPEECH = frozenset(["say", "tell", "write", "testify", "tweet"])
COUNTED_RE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|a few|\d+)\b", re.I)
LAST_WORD_RE = re.compile(r"(\w+)\W*$")
UNCLOSED_CUT_RE = re.compile(r"[,.?!]\s+(?:(?:he|she|they|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+)?(\w+)")


# ----------------------------------------------------------------------------- lexicon

def inflections(lemma: str) -> set[str]:
    """Regular forms of a verb lemma: says, said/added, saying (multiword: the first word)."""
    if " " in lemma:
        head, rest = lemma.split(" ", 1)
        return {f"{form} {rest}" for form in inflections(head)}
    forms = {lemma}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def _terms(spec: dict, key: str, field_name: str = "terms") -> list[str]:
    return [str(t) for group in spec.get(key, []) for t in group.get(field_name, [])]


def _phrase_re(terms, case_sensitive: bool = False) -> re.Pattern:
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in ordered)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])", 0 if case_sensitive else re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    """The compiled lexicons of one attribution YAML file."""

    verb_forms: dict[str, str]            # inflected form -> lemma (reporting verbs)
    lemma_of: dict[str, str]              # any known form -> lemma (also non-speech verbs)
    reporting: frozenset[str]
    quote_only: frozenset[str]
    inversion: frozenset[str]
    evidence: frozenset[str]
    document_verbs: dict[str, str]
    non_speech: frozenset[str]
    speech_cues: frozenset[str]
    individual_nouns: frozenset[str]
    vague_nouns: frozenset[str]
    named_groups: frozenset[str]
    count_words: frozenset[str]
    vague_quantifiers: frozenset[str]
    organisation_nouns: frozenset[str]
    document_nouns: frozenset[str]
    poll_nouns: frozenset[str]
    determiners: frozenset[str]
    function_words: frozenset[str]
    intro_words: frozenset[str]
    gap_words: frozenset[str]
    time_words: frozenset[str]
    negations: frozenset[str]
    pronoun_kind: dict[str, str]
    title_gender: dict[str, str]
    name_gender: dict[str, str]
    platform_names: tuple[str, ...]
    outlet_names: frozenset[str]
    hedge_re: re.Pattern
    anonymous_re: re.Pattern
    vague_re: re.Pattern
    platform_re: re.Pattern
    platform_noun_re: re.Pattern
    outlet_re: re.Pattern
    media_re: re.Pattern
    expert_re: re.Pattern
    official_re: re.Pattern
    witness_re: re.Pattern
    self_ref_re: re.Pattern
    unverifiable_re: re.Pattern

    @cached_property
    def source_nouns(self) -> frozenset[str]:
        return (self.individual_nouns | self.vague_nouns | self.organisation_nouns
                | self.document_nouns | self.poll_nouns)

    def is_non_speech(self, cue: str) -> bool:
        """True when a cue contains a belief, intention or perception word ("fears", "wants to")."""
        words = re.findall(r"[\w']+", cue.lower().replace("’", "'"))
        return any(self.lemma_of.get(w, w) in self.non_speech for w in words)

    def is_speech_cue(self, cue: str) -> bool:
        """True when a cue contains a speech verb of `speech_cues`, "according to" or a colon."""
        if self.is_non_speech(cue):
            return False
        words = re.findall(r"[\w']+|:", cue.lower().replace("’", "'"))
        return any(self.lemma_of.get(w, w) in self.speech_cues for w in words)


@lru_cache(maxsize=8)
def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read and compile an attribution lexicon file (the packaged one by default)."""
    spec = yaml.safe_load(Path(path or DEFAULT_LEXICON_FILE).read_text(encoding="utf-8"))
    irregular = {lemma: forms for group in spec["irregular_forms"] for lemma, forms in group["forms"].items()}

    def forms_of(lemmas) -> dict[str, str]:
        table = {}
        for lemma in lemmas:
            for form in inflections(lemma) | set(irregular.get(lemma, [])):
                table.setdefault(form, lemma)
        return table

    reporting = _terms(spec, "reporting_verbs") + _terms(spec, "quote_only_verbs") + _terms(spec, "evidence_verbs")
    non_speech = _terms(spec, "non_speech_cues")
    verb_forms = forms_of(reporting)
    verb_forms.pop("according", None)
    lemma_of = {**forms_of(non_speech), **forms_of(_terms(spec, "speech_cues")), **forms_of(reporting)}
    pronouns = spec["pronouns"][0]
    titles = spec["person_titles"][0]
    names = spec["first_names"][0]
    counts, quantifiers = spec["count_words"][0]["terms"], spec["count_words"][1]["terms"]
    outlets = _terms(spec, "outlets")[:len(spec["outlets"][0]["terms"])]
    lower = lambda key: frozenset(t.lower() for t in _terms(spec, key))  # noqa: E731
    return Lexicon(
        verb_forms=verb_forms, lemma_of=lemma_of,
        reporting=frozenset(_terms(spec, "reporting_verbs") + _terms(spec, "quote_only_verbs")),
        quote_only=frozenset(_terms(spec, "quote_only_verbs")),
        inversion=frozenset(_terms(spec, "inversion_verbs")),
        evidence=frozenset(_terms(spec, "evidence_verbs")),
        document_verbs=forms_of(_terms(spec, "document_verbs")),
        non_speech=frozenset(non_speech),
        speech_cues=frozenset(_terms(spec, "speech_cues")),
        individual_nouns=lower("individual_nouns"), vague_nouns=lower("vague_nouns"),
        named_groups=frozenset(_terms(spec, "named_groups")),
        count_words=frozenset(counts), vague_quantifiers=frozenset(quantifiers),
        organisation_nouns=lower("organisation_nouns"), document_nouns=lower("document_nouns"),
        poll_nouns=lower("poll_nouns"), determiners=lower("determiners"),
        function_words=lower("function_words"), intro_words=lower("intro_words"),
        gap_words=lower("subject_gap_words"), time_words=lower("time_words"),
        negations=lower("negations"),
        pronoun_kind={p: kind for kind in ("male", "female", "plural", "neuter", "person") for p in pronouns[kind]},
        title_gender={**{t: "male" for t in titles["male"]}, **{t: "female" for t in titles["female"]},
                      **{t: "" for t in titles["neutral"]}},
        name_gender={**{n: "male" for n in names["male"]}, **{n: "female" for n in names["female"]}},
        platform_names=tuple(spec["platforms"][0]["terms"]),
        outlet_names=frozenset(outlets),
        hedge_re=_phrase_re(_terms(spec, "hedges")),
        anonymous_re=_phrase_re(_terms(spec, "anonymous_phrases")),
        vague_re=_phrase_re(_terms(spec, "vague_phrases")),
        platform_re=re.compile(_phrase_re(spec["platforms"][0]["terms"], True).pattern
                               + r"|(?<=\bon )X\b|\bX(?= post)|(?<=\bto )X\b"),
        platform_noun_re=_phrase_re(spec["platforms"][1]["terms"]),
        outlet_re=_phrase_re(outlets, case_sensitive=True),
        media_re=_phrase_re(spec["outlets"][1]["terms"]),
        expert_re=_phrase_re(_terms(spec, "expert_terms")),
        official_re=_phrase_re(_terms(spec, "official_terms")),
        witness_re=_phrase_re(_terms(spec, "witness_terms")),
        self_ref_re=_phrase_re(_terms(spec, "self_referential")),
        unverifiable_re=_phrase_re(_terms(spec, "unverifiable")),
    )


# ----------------------------------------------------------------------------- text units

@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    quoted: bool
    low: str = field(init=False, repr=False, compare=False)        # lower case, straight apostrophe
    is_word: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "low", self.text.lower().replace("’", "'"))
        object.__setattr__(self, "is_word", self.text[0].isalnum())


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` include the marks; `closed` is False for an unclosed mark."""

    start: int
    end: int
    closed: bool
    full: bool = True

    def inner(self, text: str) -> str:
        return text[self.start:self.end].strip().strip('"“”\'').strip()


@dataclass
class Attribution:
    """One attribution. Offsets index the text given to `extract` (an article's clean text)."""

    sentence_id: int
    start: int
    end: int
    speaker: str
    speaker_start: int
    speaker_end: int
    cue: str
    cue_start: int
    cue_end: int
    quote_type: str
    quote: str
    quoted_words: int = 0
    speaker_canonical: str = ""
    source_class: str = ""
    source_type: str = ""
    hedged: bool = False
    hedge: str = ""
    inherited: bool = False
    self_referential: bool = False
    unverifiable: bool = False
    sentence: str = ""


@dataclass
class _Source:
    """A source phrase found for a cue: token range [lo, hi) and the head token."""

    lo: int
    hi: int
    head: int
    kind: str                    # pronoun, relative, name, noun
    antecedent: "_Source | None" = None


@dataclass
class _Frame:
    source: _Source
    cue_lo: int
    cue_hi: int
    lemma: str
    sentence_index: int
    kind: str = "verb"           # verb, according_to, colon, passive, document, evidence
    quotes: list[Quote] = field(default_factory=list)
    content: tuple[int, int] | None = None


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """The quotations in text[start:end] (one paragraph), in order.

    A mark opens a quotation when it follows a space or an opening bracket or dash and is
    followed by a non-space; curly marks say their direction. A quotation still open at the
    end of the paragraph is returned with `closed=False` (it may go on in the next one).
    """
    quotes, open_at = [], None
    for match in QUOTE_MARK_RE.finditer(text, start, end):
        pos, mark = match.start(), match.group()
        width = len(mark)
        before = text[pos - 1] if pos > start else " "
        after = text[pos + width] if pos + width < end else " "
        if mark == "“":
            opening = True
        elif mark == "”":
            opening = False
        else:
            looks_open = (before.isspace() or before in OPENERS or pos == start) and not after.isspace()
            looks_close = not before.isspace() or after.isspace() or pos + width == end
            opening = looks_open if looks_open != looks_close else open_at is None
        if open_at is None:
            if opening:
                open_at = pos
        elif opening and (mark == "“" or not text[open_at:pos].strip('"“ ').strip() == ""):
            if mark == "“" or before.isspace():
                quotes.append(Quote(open_at, pos, closed=False))
                open_at = pos
        else:
            quotes.append(Quote(open_at, pos + width, closed=True))
            open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, end, closed=False))
    return [q for q in quotes if q.inner(text)]


def _last_word(text: str) -> str | None:
    """The last run of word characters of `text` if only other characters follow it: the
    leftmost match of LAST_WORD_RE, looked for in the last 200 characters first (a match
    there that does not start the excerpt cannot begin earlier in the text)."""
    tail = text[-200:]
    match = LAST_WORD_RE.search(tail)
    if len(tail) < len(text) and (match is None or match.start() == 0):
        match = LAST_WORD_RE.search(text)
    return match.group(1) if match else None


def tokenize(text: str, start: int, end: int, quotes: list[Quote]) -> list[Token]:
    """Tokens of text[start:end], each marked as inside a quotation or not."""
    tokens, qi = [], 0
    for match in TOKEN_RE.finditer(text, start, end):
        while qi < len(quotes) and quotes[qi].end <= match.start():
            qi += 1
        quoted = qi < len(quotes) and quotes[qi].start <= match.start() < quotes[qi].end
        tokens.append(Token(match.group(), match.start(), match.end(), quoted))
    return tokens


# ----------------------------------------------------------------------------- extraction

class _Extractor:
    """Finds the attributions of one text, paragraph by paragraph."""

    def __init__(self, text: str, lexicon: Lexicon, actors: ActorList):
        self.text, self.lex, self.actors = text, lexicon, actors
        self.sentence_starts: set[int] = set()
        self.title_case: set[int] = set()

    # -- token predicates
    def is_name(self, tokens: list[Token], i: int) -> bool:
        """A capitalised word that is part of a name (not a sentence-initial common word)."""
        t = tokens[i]
        if not t.is_word or not t.text[0].isupper() or t.quoted:
            return False
        low = t.low
        if low in self.lex.function_words or low in self.lex.time_words or low in self.lex.pronoun_kind:
            return False
        initial = t.start in self.sentence_starts or (i > 0 and tokens[i - 1].text in '":;—("“')
        if initial and (low in self.lex.source_nouns or low in self.lex.verb_forms or low in self.lex.determiners):
            return False
        if low in self.lex.vague_nouns and not t.text.isupper():
            return False
        return True

    def is_title(self, t: Token) -> bool:
        return t.text in self.lex.title_gender

    def noun_ok(self, t: Token) -> bool:
        """A lower-case word that may be part of a noun phrase (not a function word)."""
        return (t.is_word and not t.quoted and t.low not in self.lex.function_words
                and t.low not in self.lex.gap_words and t.low not in self.lex.verb_forms
                and t.low not in self.lex.pronoun_kind
                and not (t.low.endswith("ly") and t.low not in self.lex.source_nouns))

    def head_kind(self, tokens: list[Token], i: int) -> str | None:
        """What token i can head as a source: pronoun, relative, name, noun, or None."""
        t = tokens[i]
        if t.quoted or not t.is_word:
            return None
        if t.low in ("who", "which"):
            return "relative"
        if t.low in self.lex.pronoun_kind:
            return "pronoun"
        if t.low in ("one", "another", "others", "some", "many"):
            return "noun"
        if self.is_name(tokens, i):
            return "name"
        if t.low in self.lex.source_nouns:
            return "noun"
        return None

    def is_particle(self, t: Token) -> bool:
        return t.low in NAME_PARTICLES

    # -- noun phrases
    def np_backward(self, tokens: list[Token], j: int, lo: int, generic: bool = True) -> _Source | None:
        """The noun phrase ending at token j (its head), extended to the left."""
        if j < lo:
            return None
        kind = self.head_kind(tokens, j)
        if kind is None and generic == "any" and (self.noun_ok(tokens[j]) or tokens[j].text[0].isdigit()):
            kind = "noun"
        if kind is None and generic and self.noun_ok(tokens[j]) and tokens[j].text[0].islower():
            k = j - 1
            while k >= max(lo, j - 4) and (self.noun_ok(tokens[k]) or tokens[k].low in ARTICLES):
                if tokens[k].low in ARTICLES:
                    kind = "noun"
                    break
                k -= 1
        if kind is None:
            return None
        if kind in ("pronoun", "relative"):
            return _Source(j, j + 1, j, kind)
        i, modifiers_ok = j, kind != "name"
        while i - 1 >= lo and j - i < 10:
            t, prev = tokens[i - 1], tokens[i - 2] if i - 2 >= lo else None
            if t.text in POSSESSIVE and prev is not None and (self.is_name(tokens, i - 2) or prev.low in self.lex.pronoun_kind):
                i -= 2
                while i - 1 >= lo and (self.is_name(tokens, i - 1) or self.is_title(tokens[i - 1])):
                    i -= 1
                continue
            if (t.low in self.lex.determiners and t.low not in ("all", "both")) or t.low in ARTICLES:
                i -= 1
                if i - 2 >= lo and tokens[i - 1].low == "of" and tokens[i - 2].low in self.lex.count_words | self.lex.vague_quantifiers:
                    i -= 2
                break
            if self.is_name(tokens, i - 1) or self.is_title(t) or (t.is_word and t.text[0].isdigit()):
                i -= 1
                continue
            if (t.low in NAME_CONNECTORS and prev is not None and self.is_name(tokens, i - 2) and self.is_name(tokens, i)):
                i -= 1
                continue
            if t.is_word and t.text[0].islower() and self.noun_ok(t) and (
                    modifiers_ok or self.is_particle(t) or t.low in self.lex.individual_nouns):
                modifiers_ok = modifiers_ok or t.low in self.lex.individual_nouns
                i -= 1
                continue
            break
        return _Source(i, j + 1, j, kind)

    def np_forward(self, tokens: list[Token], i: int, hi: int, permissive: bool = False,
                   appositive: bool = True) -> _Source | None:
        """The noun phrase starting at token i, with a prepositional phrase and an appositive."""
        k, head, kind = i, None, None
        if k < hi and (tokens[k].low in self.lex.determiners or tokens[k].low in ARTICLES) and not tokens[k].quoted:
            k += 1
        while k < hi and k - i < 14:
            t = tokens[k]
            if t.quoted or not (t.is_word or t.text in POSSESSIVE or t.text == "&"):
                break
            if t.low in self.lex.pronoun_kind and k == i:
                return _Source(k, k + 1, k, "pronoun") if t.low not in ("who", "which") else None
            if self.is_name(tokens, k) or self.is_title(t):
                head, kind = k, "name"
            elif t.text in POSSESSIVE:
                kind = None
            elif t.low in self.lex.source_nouns or t.low in ("one", "another", "others"):
                head, kind = k, "noun"
            elif (self.is_particle(t) or t.low in NAME_CONNECTORS) and kind == "name" and self.name_follows(tokens, k + 1, hi):
                pass
            elif self.noun_ok(t) and t.text[0].islower():
                if kind == "name" and not self.source_noun_follows(tokens, k, hi):
                    break
                if kind == "noun" and tokens[head].low in self.lex.source_nouns and not self.source_noun_follows(tokens, k, hi):
                    break
                if head is None or kind is None:
                    head, kind = k, "noun"
            else:
                break
            k += 1
        if head is None:
            return None
        end = head + 1
        if kind == "noun" and tokens[head].low not in self.lex.source_nouns and not permissive \
                and not any(tokens[m].low in self.lex.determiners or tokens[m].low in ARTICLES for m in range(i, head)):
            return None
        # of/for/at/with + noun phrase ("of the Center for ...", "for the Bush super PAC")
        if end + 1 < hi and tokens[end].low in ("of", "for", "at", "with", "from", "in", "close") and not tokens[end].quoted:
            sub = self.np_forward(tokens, end + 1 + (tokens[end].low == "close"), hi, appositive=False)
            if sub is not None and sub.kind != "pronoun":
                end = sub.hi
        if permissive:
            while end < hi and not tokens[end].quoted and tokens[end].text not in ',.;:!?"“”—()' \
                    and tokens[end].low not in ("that", "who", "which", "when", "while", "because"):
                end += 1
        elif appositive and end + 1 < hi and tokens[end].text == "," and (
                tokens[end + 1].low in self.lex.determiners or tokens[end + 1].low in ARTICLES
                or self.is_title(tokens[end + 1]) or tokens[end + 1].low in self.lex.source_nouns):
            # appositive: ", a spokesman for Ted Cruz" up to the next comma or the end
            m = end + 1
            while m < hi and not tokens[m].quoted and tokens[m].text not in ',.;:!?"“”()' \
                    and tokens[m].low not in ("who", "which", "that"):
                m += 1
            if m - end <= 16 and (m >= hi or tokens[m].text in ",.;:!?" or tokens[m].low in ("who", "which", "that")):
                end = m
        return _Source(i, end, head, kind)

    def name_follows(self, tokens, k, hi) -> bool:
        while k < hi and (self.is_particle(tokens[k]) or tokens[k].low in NAME_CONNECTORS):
            k += 1
        return k < hi and self.is_name(tokens, k)

    def source_noun_follows(self, tokens, k, hi) -> bool:
        """True when a source noun closes the run of modifiers starting at token k."""
        for m in range(k, min(hi, k + 4)):
            if tokens[m].low in self.lex.source_nouns and not tokens[m].quoted:
                return True
            if not (self.noun_ok(tokens[m]) or self.is_name(tokens, m)):
                return False
        return False

    def clause_subject(self, tokens: list[Token], lo: int, before: int) -> _Source | None:
        """The subject at the start of the clause that ends at token `before`."""
        start = lo
        for k in range(before - 1, lo - 1, -1):
            if tokens[k].text in (":", ";") and not tokens[k].quoted:
                start = k + 1
                break
        k, guard = start, 0
        while k < before and guard < 4:
            guard += 1
            while k < before and (tokens[k].quoted or not tokens[k].is_word):
                k += 1
            if k < before and (tokens[k].low in self.lex.intro_words or tokens[k].low.endswith("ly")
                               or tokens[k].low in self.lex.time_words):
                comma = next((m for m in range(k, before) if tokens[m].text == "," and not tokens[m].quoted), None)
                if comma is None:
                    if tokens[k].low in ("but", "and", "yet", "so", "still", "then", "now"):
                        k += 1
                        continue
                    return None
                k = comma + 1
                continue
            break
        if k >= before:
            return None
        source = self.np_forward(tokens, k, before)
        if source is None or source.kind == "noun" and tokens[source.head].low not in self.lex.source_nouns:
            return None
        return source

    # -- cues
    def find_frames(self, tokens: list[Token], lo: int, hi: int, sentence_index: int) -> list[_Frame]:
        """The attribution frames (source + cue) of the sentence tokens[lo:hi]."""
        frames, used = [], set()
        for c in range(lo, hi):
            if c in used:
                continue
            t = tokens[c]
            if t.quoted or not t.is_word:
                continue
            frame = None
            if t.low == "according" and c + 1 < hi and tokens[c + 1].low == "to":
                source = self.np_forward(tokens, c + 2, hi, permissive=True)
                if source is not None:
                    frame = _Frame(source, c, c + 2, "according", sentence_index, "according_to")
            elif t.low in self.lex.document_verbs or (c + 1 < hi and f"{t.low} {tokens[c + 1].low}" in self.lex.document_verbs):
                frame = self.document_frame(tokens, c, lo, hi, sentence_index)
            if frame is None and t.low in self.lex.verb_forms and self.verb_shaped(tokens, c, lo, hi):
                frame = self.verb_frame(tokens, c, lo, hi, sentence_index)
            if frame is not None:
                frames.append(frame)
                used.update(range(frame.cue_lo, frame.cue_hi))
        return frames

    def verb_shaped(self, tokens, c, lo, hi) -> bool:
        """False for a cue word used as a noun or a name ("the report", "United States")."""
        t = tokens[c]
        if t.text[0].isupper() and t.start not in self.sentence_starts and tokens[lo].start not in self.title_case:
            return False
        prev = tokens[c - 1] if c - 1 >= lo else None
        if prev is not None and (prev.low in ARTICLES or prev.text in POSSESSIVE):
            return False
        return True

    def document_frame(self, tokens, c, lo, hi, sentence_index) -> _Frame | None:
        """`X issued a joint statement`: the statement is the cue, X the source."""
        for k in range(c + 1, min(hi, c + 6)):
            if tokens[k].quoted or not tokens[k].is_word:
                return None
            if tokens[k].low in STATEMENT_NOUNS:
                source = self.subject_before(tokens, c, lo)
                if source is None or not self.agrees(tokens, source, c, lo, generic_ok=True):
                    return None
                return _Frame(source, c, k + 1, "statement", sentence_index, "document")
        return None

    def skip_gap(self, tokens, j, lo) -> tuple[int, bool]:
        """Step left over auxiliaries, adverbs and time words; return the index and negation."""
        negated = False
        while j >= lo:
            t = tokens[j]
            if t.quoted:
                break
            if t.low in self.lex.negations:
                negated = True
            if t.low in self.lex.gap_words or t.low in self.lex.negations or t.low in self.lex.time_words \
                    or (t.is_word and t.low.endswith("ly") and t.text[0].islower() and t.low not in self.lex.source_nouns):
                j -= 1
                continue
            # "in a statement", "in an interview", "on Twitter", "on Monday"
            if t.is_word and j - 1 >= lo:
                k = j - 1
                while k >= max(lo, j - 4) and tokens[k].is_word and not tokens[k].quoted and tokens[k].low not in ("in", "on", "at"):
                    k -= 1
                if k >= lo and tokens[k].low in ("in", "on", "at") and k < j and (
                        t.low in CHANNEL_NOUNS or t.text in self.lex.platform_names or t.low in self.lex.time_words):
                    j = k - 1
                    continue
            break
        return j, negated

    def subject_before(self, tokens, c, lo) -> _Source | None:
        """The subject of the verb at token c, looking left."""
        j, negated = self.skip_gap(tokens, c - 1, lo)
        if negated or j < lo:
            return None
        t = tokens[j]
        if t.text == ",":
            subject = self.clause_subject(tokens, lo, j)
            if subject is not None and subject.hi < j and tokens[subject.hi].text == "," \
                    and subject.kind in ("name", "noun"):
                return _Source(subject.lo, j, subject.head, subject.kind)
        if t.text in (",", "—", "–", ")"):
            opener = "(" if t.text == ")" else t.text
            k = next((m for m in range(j - 1, max(lo, j - 30) - 1, -1)
                      if tokens[m].quoted or tokens[m].text == opener), None)
            if k is None or tokens[k].quoted:
                return None
            source = self.np_backward(tokens, k - 1, lo, generic=False)
            if source is None or source.kind == "relative":
                return None
            if source.kind == "pronoun" and tokens[source.head].low not in ("he", "she", "they", "it", "i", "we"):
                return None
            return _Source(source.lo, j, source.head, source.kind)
        if t.low in ("and", "but"):
            return self.clause_subject(tokens, lo, j)
        if t.quoted or t.text in '"“”':
            return None
        speech = self.lex.verb_forms.get(tokens[c].low) in UNAMBIGUOUS_SPEECH
        source = self.np_backward(tokens, j, lo, generic="any" if speech else True)
        if source is not None and source.kind == "relative":
            k = j - 1 if j - 1 >= lo and tokens[j - 1].text == "," else j
            source.antecedent = self.np_backward(tokens, k - 1, lo, generic=False)
        if source is not None and source.kind not in ("pronoun", "relative"):
            source = self.extend_coordination(tokens, source, lo)
            source = self.extend_prepositional(tokens, source, lo)
        return source

    def extend_coordination(self, tokens, source: _Source, lo: int) -> _Source:
        """`Clinton and the State Department have asserted`: include coordinated names."""
        if source.kind != "name":
            return source
        i = source.lo
        while i - 2 >= lo and tokens[i - 1].low in ("and", "&", ",") and not tokens[i - 1].quoted:
            k = i - 2 if tokens[i - 2].text != "," else i - 3
            if k < lo or not self.is_name(tokens, k):
                break
            prev = self.np_backward(tokens, k, lo, generic=False)
            if prev is None or prev.kind != "name":
                break
            i = prev.lo
        return replace(source, lo=i)

    def extend_prepositional(self, tokens, source: _Source, lo: int) -> _Source:
        """`Voters in Ohio said`, `one of her aides said`: the head is before the preposition."""
        i = source.lo
        if i - 2 >= lo and tokens[i - 1].low in ("of", "for", "at", "in", "with", "from") and not tokens[i - 1].quoted:
            prev = self.np_backward(tokens, i - 2, lo, generic=False)
            if prev is not None and prev.kind in ("name", "noun") and (
                    tokens[prev.head].low in self.lex.source_nouns or prev.kind == "name" and source.kind == "name"
                    and tokens[i - 1].low in ("of", "at")):
                return _Source(prev.lo, source.hi, prev.head, prev.kind)
        return source

    def form_of(self, form: str, lemma: str) -> str:
        """base, s, past or ing."""
        if form.endswith("ing") and not lemma.endswith("ing"):
            return "ing"
        if form == lemma:
            return "base"
        if form in (lemma + "s", lemma + "es", lemma[:-1] + "ies"):
            return "s"
        return "past"

    def agrees(self, tokens, source: _Source, c: int, lo: int, generic_ok: bool = False) -> bool:
        """Subject-verb agreement for present forms; past forms take any subject."""
        t = tokens[c]
        form = self.form_of(t.low, self.lex.verb_forms.get(t.low, t.low))
        head = tokens[source.head]
        if source.kind == "noun" and head.low not in self.lex.source_nouns and head.low not in (
                "one", "another", "others", "some", "many") and not generic_ok and form != "past" \
                and self.lex.verb_forms.get(t.low) not in UNAMBIGUOUS_SPEECH:
            return False
        if form not in ("base", "s"):
            return True
        j, _ = self.skip_gap(tokens, c - 1, lo)
        gap = {tokens[m].low for m in range(j + 1, c)}
        if gap & AUXILIARIES:
            return form == "base"
        plural = (head.low in ("i", "you", "we", "they", "who", "which", "some", "many", "others")
                  or (head.low.endswith("s") and not head.low.endswith(("ss", "us", "is")) and head.low not in ("he", "its", "this")
                      and (source.kind != "name" or head.low in self.lex.individual_nouns))
                  or head.low in ("people", "men", "women", "police", "staff")
                  or any(tokens[m].low in ("and", "&") for m in range(source.lo, source.hi)))
        if source.kind == "relative":
            return True
        return plural if form == "base" else not plural

    def verb_frame(self, tokens, c, lo, hi, sentence_index) -> _Frame | None:
        """Source for the reporting verb at token c."""
        t = tokens[c]
        lemma = self.lex.verb_forms[t.low]
        form = self.form_of(t.low, lemma)
        prev = tokens[c - 1] if c - 1 >= lo else None
        nxt = tokens[c + 1] if c + 1 < hi else None
        j, _ = self.skip_gap(tokens, c - 1, lo)
        gap = [tokens[m].low for m in range(j + 1, c)]
        if "to" in gap and not any(w in gap for w in ("heard", "went", "continued", "began", "going")):
            return None                      # infinitive: "declined to say", "wants to tell"
        if lemma in self.lex.quote_only and not self.next_to_quote(tokens, c, lo, hi):
            return None
        # passive: "was described by one witness", "was first reported by MSNBC"
        if any(w in BE_FORMS for w in gap) and form == "past":
            if nxt is not None and nxt.low == "by":
                source = self.np_forward(tokens, c + 2, hi)
                if source is not None:
                    return _Frame(source, c, c + 1, lemma, sentence_index, "passive")
            return None
        if nxt is not None and nxt.low == "by" and form == "past" and prev is not None \
                and prev.is_word and prev.low not in self.lex.pronoun_kind and not self.is_name(tokens, c - 1):
            source = self.np_forward(tokens, c + 2, hi)      # "a tone described by one witness"
            if source is not None:
                return _Frame(source, c, c + 1, lemma, sentence_index, "passive")
        if form == "ing":
            if prev is None or (prev.text not in (",", "—") and prev.low != "and"):
                return None
            source = self.clause_subject(tokens, lo, c - 1)
            return _Frame(source, c, c + 1, lemma, sentence_index) if source else None
        source = self.subject_before(tokens, c, lo)
        if source is not None and lemma in self.lex.evidence and lemma not in self.lex.reporting:
            if source.kind != "noun" or tokens[source.head].low not in self.lex.document_nouns | self.lex.poll_nouns:
                return None
            if not self.agrees(tokens, source, c, lo):
                return None
            return _Frame(source, c, c + 1, lemma, sentence_index, "evidence")
        if source is not None and not self.agrees(tokens, source, c, lo):
            source = None
        if source is None and lemma in self.lex.inversion and self.inverted_position(tokens, c, lo):
            k = c + 1
            while k < hi and tokens[k].low in ("also", "later", "then"):
                k += 1
            source = self.np_forward(tokens, k, hi)
            if source is not None and (source.kind == "pronoun" and tokens[source.head].low not in ("he", "she", "they")
                                       or source.kind == "noun" and tokens[source.head].low not in self.lex.source_nouns
                                       and tokens[source.head].low not in ("one", "another", "others")):
                source = None
        if source is None:
            return None
        kind = "evidence" if source.kind == "noun" and tokens[source.head].low in self.lex.document_nouns | self.lex.poll_nouns else "verb"
        return _Frame(source, c, c + 1, lemma, sentence_index, kind)

    def inverted_position(self, tokens, c, lo) -> bool:
        """True when a verb may precede its subject: after a comma or a quotation."""
        j = c - 1
        while j >= lo and tokens[j].low in ("also", "later", "then"):
            j -= 1
        return j < lo and c > 0 and tokens[c - 1].quoted or j >= lo and (
            tokens[j].text in (",", "—") or tokens[j].quoted or tokens[j].text in '"“”')

    def next_to_quote(self, tokens, c, lo, hi) -> bool:
        """True when token c stands right after a quotation or right before one (or a colon)."""
        j = c - 1
        while j >= lo and (tokens[j].low in self.lex.pronoun_kind or self.is_name(tokens, j)):
            j -= 1
        if j >= 0 and (tokens[j].quoted or tokens[j].text == ","):
            return True
        k = c + 1
        while k < hi and not tokens[k].quoted and tokens[k].text not in (":", ",", ".") and k - c < 6:
            k += 1
        return k < len(tokens) and (tokens[k].quoted or tokens[k].text in (":", ","))

    # -- paragraphs
    def colon_frame(self, tokens, quote: Quote, lo: int, sentence_index: int) -> _Frame | None:
        """`Carney made it clear: "..."`, `Carney's criticism — "..." — captures`: no verb needed."""
        k = next((m for m in range(len(tokens) - 1, lo - 1, -1) if tokens[m].end <= quote.start), None)
        if k is None or k < lo:
            return None
        if not quote.full and tokens[k].text != ":" and not any(tokens[m].text == ":" for m in range(max(lo, k - 4), k)):
            return None
        if tokens[k].text not in (":", "—", "–") or tokens[k].quoted:
            # `... this gem: Denmark "currently have ..."`: a colon shortly before the quote
            k = next((m for m in range(k, max(lo, k - 4) - 1, -1) if tokens[m].text == ":" and not tokens[m].quoted), None)
            if k is None:
                return None
        source = self.clause_subject(tokens, lo, k)
        if source is None or source.hi >= k or source.kind == "relative":
            return None
        if source.kind == "pronoun" and tokens[source.head].low in ("it", "you"):
            return None
        if tokens[k].text != ":" and not any(tokens[m].text in POSSESSIVE for m in range(source.lo, source.hi)):
            return None
        hi = source.hi
        if hi < k and tokens[hi].text == ",":
            close = next((m for m in range(hi + 1, k) if tokens[m].text == ","), None)
            if close is not None:
                source = _Source(source.lo, close, source.head, source.kind)
                hi = close + 1
        if k - hi > 14:
            last_comma = next((m for m in range(k - 1, hi, -1) if tokens[m].text == "," and not tokens[m].quoted), None)
            hi = last_comma + 1 if last_comma is not None else hi
        if k - hi > 14 or hi >= k:
            return None
        return _Frame(source, hi, k + 1, "colon", sentence_index, "colon")

    def run(self, paragraphs: list[tuple[int, int]], sentences: list[tuple[int, int, int]]) -> list[Attribution]:
        """Attributions of the text given its paragraphs and (sentence_id, start, end) spans."""
        self.sentence_starts = {s for _, s, _ in sentences}
        units = []
        for p_start, p_end in paragraphs:
            quotes = self.close_unbalanced(find_quotes(self.text, p_start, p_end))
            tokens = tokenize(self.text, p_start, p_end, quotes)
            quotes = [replace(q, full=self.is_full_quote(q)) for q in quotes]
            units.append((p_start, p_end, quotes, tokens))
        context = _Context(self)
        for _, p_end, _, tokens in units:
            context.note_mentions(tokens, p_end)
        rows: list[Attribution] = []
        previous_rows: list[Attribution] = []
        open_speaker: Attribution | None = None
        pending: tuple[Quote, int] | None = None      # an open quotation still without a speaker
        for p_start, p_end, quotes, tokens in units:
            para_sentences = [s for s in sentences if p_start <= s[1] < p_end]
            frames: list[_Frame] = []
            bounds = []
            token_starts = [t.start for t in tokens]
            for index, (sid, s_start, s_end) in enumerate(para_sentences):
                lo, hi = bisect_left(token_starts, s_start), bisect_left(token_starts, s_end)
                bounds.append((lo, hi))
                words = [t for t in tokens[lo:hi] if t.is_word and not t.quoted]
                if len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words):
                    self.title_case.add(tokens[lo].start)
                frames += self.find_frames(tokens, lo, hi, index)
            frames.sort(key=lambda f: tokens[f.cue_lo].start)
            unassigned = self.assign_quotes(frames, quotes, tokens)
            owned = {id(q) for f in frames for q in f.quotes}
            for q in quotes:
                index = next((i for i, (sid, s, e) in enumerate(para_sentences) if s <= q.start < e), None)
                if id(q) in owned or index is None:
                    continue
                frame = self.colon_frame(tokens, q, bounds[index][0], index)
                if frame is not None:
                    frame.quotes.append(q)
                    frames.append(frame)
                    unassigned = [u for u in unassigned if u is not q]
            frames.sort(key=lambda f: tokens[f.cue_lo].start)
            para_rows = []
            for n, frame in enumerate(frames):
                sid, s_start, s_end = para_sentences[frame.sentence_index]
                lo, hi = bounds[frame.sentence_index]
                later = [f for f in frames[n + 1:] if f.sentence_index == frame.sentence_index]
                row = self.make_row(frame, tokens, lo, hi, (sid, s_start, s_end), quotes, later)
                context.resolve(row, frame, tokens)
                para_rows.append(row)
            starts_with_quote = bool(unassigned) and unassigned[0].start == self.first_char(p_start, p_end)
            carried = open_speaker or (previous_rows[-1] if previous_rows and starts_with_quote else None)
            first_quote = quotes[0] if quotes and quotes[0].start == self.first_char(p_start, p_end) else None
            new_pending = None
            for q in unassigned:
                owner = next((r for r in reversed(para_rows) if r.start <= q.start), None)
                if owner is None:
                    owner = carried if q is unassigned[0] and starts_with_quote else None
                sid = next((s for s, a, b in para_sentences if a <= q.start < b), para_sentences[0][0])
                if owner is None:
                    new_pending = (q, sid) if q is quotes[-1] and not q.closed else None
                    continue
                para_rows.append(self.inherited_row(owner, q, sid))
            if pending is not None and first_quote is not None:
                owner = next((r for r in para_rows if r.start <= first_quote.start < r.end), None)
                if owner is not None:
                    rows.append(self.inherited_row(owner, *pending))
            pending = new_pending
            para_rows.sort(key=lambda r: (r.start, r.inherited))
            rows += para_rows
            if para_rows:
                previous_rows = para_rows
            last = quotes[-1] if quotes else None
            open_speaker = None
            if last is not None and not last.closed and para_rows:
                open_speaker = max(para_rows, key=lambda r: r.start)
        for row in rows:
            covered = [s for s in sentences if s[1] < row.end and s[2] > row.start] or \
                [next(s for s in sentences if s[0] == row.sentence_id)]
            row.sentence_id = covered[0][0]
            row.sentence = self.text[covered[0][1]:covered[-1][2]]
        return sorted(rows, key=lambda r: (r.start, r.inherited))

    def first_char(self, start: int, end: int) -> int:
        return start + len(self.text[start:end]) - len(self.text[start:end].lstrip())

    def close_unbalanced(self, quotes: list[Quote]) -> list[Quote]:
        """End an unclosed quotation before an attribution inside it (`"Yes, he said.`)."""
        fixed = []
        for q in quotes:
            if not q.closed:
                inner = self.text[q.start:q.end]
                for match in UNCLOSED_CUT_RE.finditer(inner):
                    if match.group(1).lower() in self.lex.verb_forms and match.start() > 1:
                        q = Quote(q.start, q.start + match.start() + 1, closed=False)
                        break
            fixed.append(q)
        return fixed

    def is_full_quote(self, q: Quote) -> bool:
        """A quotation that is speech in its own right, not a phrase quoted inside a sentence."""
        before = self.text[:q.start].rstrip(" \t")
        if not before or before[-1] in ':,—–(\n.?!"”':
            return True
        inner = q.inner(self.text)
        preceding = _last_word(before)
        return bool(preceding) and preceding.lower() in self.lex.verb_forms and count_words(inner) >= 4

    def assign_quotes(self, frames: list[_Frame], quotes: list[Quote], tokens: list[Token]) -> list[Quote]:
        """Attach each full quotation to the frame next to it; return those left over."""
        unassigned = []
        for q in (q for q in quotes if q.full):
            inner = q.inner(self.text)
            owner = None
            for frame in frames:
                first = min(tokens[frame.source.lo].start, tokens[frame.cue_lo].start)
                last = max(tokens[frame.source.hi - 1].end, tokens[frame.cue_hi - 1].end)
                if q.end <= first:
                    between = self.text[q.end:first]
                    if re.fullmatch(r"[\s,.?!—–-]*", between) and (
                            inner[-1:] in ",?!—-…" or "," in between or not q.closed):
                        owner = frame
                        break
                elif last <= q.start:
                    between = self.text[last:q.start]
                    if re.fullmatch(r"[\s,:—–-]*", between) or (
                            len(between) < 80 and re.search(r"[:,]\s*$", between) and not QUOTE_MARK_RE.search(between)):
                        owner = frame
                        break
            if owner is None:
                unassigned.append(q)
            else:
                owner.quotes.append(q)
        return unassigned

    def make_row(self, frame: _Frame, tokens, lo, hi, sentence, quotes, later: list[_Frame]) -> Attribution:
        sid, s_start, s_end = sentence
        source, text = frame.source, self.text
        sp_start, sp_end = tokens[source.lo].start, tokens[source.hi - 1].end
        cue_start, cue_end = tokens[frame.cue_lo].start, tokens[frame.cue_hi - 1].end
        if frame.quotes:
            content = " ".join(q.inner(text) for q in frame.quotes)
            c_start, c_end = frame.quotes[0].start, frame.quotes[-1].end
            quote_type = "colon" if frame.kind == "colon" else "direct"
            quoted = sum(count_words(q.inner(text)) for q in frame.quotes)
        else:
            limit = min((tokens[f.source.lo if f.source.lo > frame.cue_hi else f.cue_lo].start for f in later),
                        default=s_end)
            c_start, c_end = self.indirect_content(frame, tokens, lo, hi, s_start, min(s_end, limit))
            content = text[c_start:c_end].strip(" ,.:;—–")
            partial = [q for q in quotes if c_start <= q.start < c_end]
            quote_type = "mixed" if partial else ("according_to" if frame.kind == "according_to" else "indirect")
            quoted = sum(count_words(q.inner(text)) for q in partial)
        start, end = min(sp_start, cue_start, c_start), max(sp_end, cue_end, c_end)
        return Attribution(sid, start, end, text[sp_start:sp_end], sp_start, sp_end, text[cue_start:cue_end],
                           cue_start, cue_end, quote_type, content, quoted, sentence=text[s_start:s_end])

    def indirect_content(self, frame: _Frame, tokens, lo, hi, s_start, s_end) -> tuple[int, int]:
        """The reported clause: after the cue, or before the frame when it closes the sentence."""
        first = min(frame.source.lo, frame.cue_lo)
        last = max(frame.source.hi, frame.cue_hi)
        words_after = [t for t in tokens[last:hi] if t.is_word and t.start < s_end]
        if first > lo and tokens[first - 1].text == "," and len(words_after) <= 4:
            return s_start, tokens[first - 1].start
        k = last
        if k < hi and tokens[k].low == "that":
            k += 1
        if k < hi and tokens[k].start < s_end:
            return tokens[k].start, s_end
        return s_start, tokens[first].start

    def inherited_row(self, owner: Attribution, q: Quote, sid: int) -> Attribution:
        """A quotation with no cue of its own, continuing `owner`'s speaker."""
        inner = q.inner(self.text)
        return replace(owner, sentence_id=sid, start=q.start, end=q.end, cue="", cue_start=q.start,
                       cue_end=q.start, quote_type="direct", quote=inner, quoted_words=count_words(inner),
                       inherited=True, sentence=self.text[q.start:q.end])


class _Context:
    """Speakers and person mentions seen so far, for pronoun resolution and classification."""

    def __init__(self, extractor: _Extractor):
        self.ex, self.lex = extractor, extractor.lex
        self.candidates: list[dict] = []       # position, canonical, gender, person, class, type
        self.surname_gender: dict[str, str] = {}
        self.full_names: dict[str, str] = {}
        self.actor_types = {a.id: a.type for a in extractor.actors.actors}
        self.actor_gender = {}
        for actor in extractor.actors.actors:
            if actor.type == "person":
                first = max(actor.aliases, key=len).split()[0]
                self.actor_gender[actor.id] = self.lex.name_gender.get(first, "")

    def note_mentions(self, tokens: list[Token], p_end: int) -> None:
        """Record the actor mentions of a paragraph (outside quotations) as candidates."""
        if not tokens:
            return
        start = tokens[0].start
        quoted = [(t.start, t.end) for t in tokens if t.quoted]
        for m in self.ex.actors.mentions(self.ex.text[start:p_end]):
            pos = start + m.start
            if any(a <= pos < b for a, b in quoted):
                continue
            kind = self.actor_types.get(m.actor, "other")
            self.candidates.append({"pos": pos, "canonical": m.actor, "gender": self.actor_gender.get(m.actor, ""),
                                    "person": kind == "person", "class": "named", "type": "official/politician",
                                    "plural": kind != "person"})
        self.candidates.sort(key=lambda c: c["pos"])

    def resolve(self, row: Attribution, frame: _Frame, tokens: list[Token]) -> None:
        """Fill in speaker_canonical, source_class, source_type, hedges and flags of a row."""
        source = frame.source
        head = tokens[source.head]
        sentence = row.sentence
        span_text = row.speaker
        if source.kind in ("pronoun", "relative"):
            if source.kind == "relative" and source.antecedent is not None:
                target = self.describe(source.antecedent, tokens, sentence)
            else:
                target = self.antecedent(head.low, row.speaker_start)
            if target is None:
                kind = self.lex.pronoun_kind.get(head.low, "person")
                target = {"canonical": "", "class": "vague" if kind == "plural" else "named", "type": "other",
                          "gender": "", "person": kind != "plural", "plural": kind == "plural"}
            info = dict(target)
        else:
            info = self.describe(source, tokens, sentence)
        if self.lex.anonymous_re.search(sentence) and info["class"] != "named" or \
                self.lex.anonymous_re.search(span_text):
            info["class"] = "anonymous" if info["class"] != "vague" or self.lex.anonymous_re.search(span_text) else info["class"]
        if frame.kind == "according_to" and source.kind == "noun" and self.lex.anonymous_re.search(span_text):
            info["class"] = "anonymous"
        row.speaker_canonical = info["canonical"]
        row.source_class = info["class"]
        row.source_type = info["type"]
        outside = self.outside_quotes(self.ex.text[row.start:row.end])
        channel_text = outside + " " + span_text
        if self.lex.platform_re.search(channel_text) or frame.lemma in ("post", "tweet"):
            row.source_type = "social_media"
            row.quote_type = "platform"
        elif info["type"] in ("poll", "document"):
            row.quote_type = info["type"]
        elif frame.kind == "document":
            row.source_type = "document" if info["class"] != "named" else row.source_type
            row.quote_type = "document"
        hedge = self.lex.hedge_re.search(self.outside_quotes(sentence))
        row.hedged, row.hedge = hedge is not None, (hedge.group(0).lower() if hedge else "")
        row.self_referential = bool(self.lex.self_ref_re.search(channel_text))
        row.unverifiable = row.source_class != "named" or bool(self.lex.unverifiable_re.search(span_text))
        if info.get("person") or info.get("plural") is False or info["class"] == "named":
            self.candidates.append({**info, "pos": row.speaker_start})
            self.candidates.sort(key=lambda c: c["pos"])

    @staticmethod
    def outside_quotes(text: str) -> str:
        """`text` with its quotations blanked out."""
        return re.sub(r'["“][^"”]*["”]?', " ", text)

    def antecedent(self, pronoun: str, pos: int) -> dict | None:
        kind = self.lex.pronoun_kind.get(pronoun, "person")
        for cand in reversed(self.candidates):
            if cand["pos"] >= pos:
                continue
            if kind in ("male", "female") and cand["person"] and cand["gender"] in ("", kind):
                return cand
            if kind == "person" and cand["person"]:
                return cand
            if kind in ("plural", "neuter") and not cand["person"] and cand["class"] == "named":
                return cand
        return None

    def describe(self, source: _Source, tokens: list[Token], sentence: str) -> dict:
        """Class, type, canonical name, gender and person-ness of a noun-phrase source."""
        lex = self.lex
        phrase_tokens = tokens[source.lo:source.hi]
        phrase = self.ex.text[phrase_tokens[0].start:phrase_tokens[-1].end]
        head = tokens[source.head]
        names = [t for i, t in enumerate(phrase_tokens, source.lo)
                 if self.ex.is_name(tokens, i) and i <= source.head]
        first_word = phrase_tokens[0].low
        info = {"canonical": "", "class": "vague", "type": "other", "gender": "", "person": False, "plural": False}
        mentions = [m for m in self.ex.actors.mentions(phrase)]
        head_noun = head.low
        if source.kind == "name":
            core = self.name_core(tokens, source)
            mention = next((m for m in mentions if phrase_tokens[0].start + m.start <= head.start < phrase_tokens[0].start + m.end), None)
            actor_type = self.actor_types.get(mention.actor) if mention else None
            canonical = mention.actor if mention else self.full_names.get(core, core)
            if any(t.low in ("and", "&") for t in phrase_tokens) and len(mentions) > 1:
                canonical = " + ".join(dict.fromkeys(m.actor for m in mentions))
            outlet = lex.outlet_re.search(phrase)
            is_person = actor_type == "person" or any(lex.title_gender.get(t.text) is not None for t in names) \
                or (actor_type is None and not outlet and self.looks_like_person(core))
            gender = self.actor_gender.get(canonical, "") if mention else ""
            gender = gender or next((lex.title_gender[t.text] for t in phrase_tokens if lex.title_gender.get(t.text)), "") \
                or lex.name_gender.get(core.split()[0], "") or self.surname_gender.get(core.split()[-1], "")
            if is_person and len(core.split()) > 1:
                self.full_names.setdefault(core.split()[-1], canonical)
                if gender:
                    self.surname_gender.setdefault(core.split()[-1], gender)
            quantified = first_word in lex.vague_quantifiers
            info.update(canonical=canonical, gender=gender, person=is_person,
                        plural=not is_person and head.low.endswith("s"),
                        **{"class": "vague" if quantified else "named"})
            if outlet or lex.media_re.search(phrase):
                info["type"] = "media"
            elif lex.expert_re.search(phrase):
                info["type"] = "expert"
            elif actor_type in ("person", "country", "organisation") or lex.official_re.search(phrase):
                info["type"] = "official/politician"
            elif lex.witness_re.search(phrase):
                info["type"] = "witness/public"
            if lex.poll_nouns & {t.low for t in phrase_tokens}:
                info["type"] = "poll"
            return info
        # a common noun heads the phrase
        determiner = next((t.low for t in phrase_tokens if t.low in lex.determiners or t.low in lex.count_words), "")
        counted = bool(re.match(r"\d", first_word)) or determiner in lex.count_words
        owner = next((t for i, t in enumerate(phrase_tokens[:-1]) if phrase_tokens[i + 1].text in ("'s", "’s")), None)
        named_modifier = [t for t in names if not lex.official_re.fullmatch(t.text)
                          and t.low not in ("canadian", "american", "european")]
        if head_noun in lex.poll_nouns:
            info["type"] = "poll"
            info["class"] = "named" if (owner or named_modifier and lex.outlet_re.search(phrase) or
                                        re.search(r"\bby [A-Z]", phrase)) else "vague"
        elif head_noun in lex.document_nouns and head_noun not in lex.individual_nouns:
            info["type"] = "document"
            definite = determiner in ("the", "this", "that", "its", "his", "her", "their")
            info["class"] = "named" if owner or (definite and head_noun != "reports") or any(
                lex.outlet_re.search(t.text) for t in names) else "vague"
            if owner is not None:
                info["canonical"] = self.canonical_of(owner.text)
        elif head.text in lex.named_groups and determiner not in lex.vague_quantifiers:
            info["class"] = "named"
            info["plural"] = True
        elif head_noun in lex.vague_nouns and (head_noun.endswith("s") or head_noun in ("many", "some", "others", "most")):
            info["class"] = "vague"
            info["plural"] = True
        elif head_noun in lex.organisation_nouns and head_noun not in lex.individual_nouns:
            info["class"] = "named" if (determiner in ("the", "his", "her", "their", "its") or owner or named_modifier) else "vague"
            info["plural"] = True
            if owner is not None:
                info["canonical"] = self.canonical_of(owner.text)
        else:
            plural = head_noun.endswith("s") and head_noun not in ("witness", "press") or head_noun in ("people", "men", "women")
            singular_person = not plural
            if determiner in lex.vague_quantifiers and plural:
                info["class"] = "vague"
            elif counted or singular_person and determiner:
                info["class"] = "anonymous"
            elif singular_person and head_noun in ("one", "another"):
                info["class"] = "anonymous"
            else:
                info["class"] = "vague"
            info["person"] = singular_person
            info["plural"] = plural
        if info["class"] == "vague" and COUNTED_RE.search(phrase) and any(
                t.low in lex.individual_nouns and t.low not in lex.vague_nouns for t in phrase_tokens):
            info["class"] = "anonymous"
        if info["type"] == "other":
            if lex.media_re.search(phrase) or lex.outlet_re.search(phrase):
                info["type"] = "media"
            elif lex.expert_re.search(phrase):
                info["type"] = "expert"
            elif lex.witness_re.search(phrase) and not lex.official_re.search(phrase):
                info["type"] = "witness/public"
            elif lex.official_re.search(phrase) or any(self.actor_types.get(m.actor) for m in mentions):
                info["type"] = "official/politician"
        return info

    def name_core(self, tokens: list[Token], source: _Source) -> str:
        """The name of a source: of the capitalised runs in the phrase (titles left out), the
        first that reads as a person's name, else the run at the head."""
        runs, run = [], []
        for i in range(source.lo, source.head + 1):
            t = tokens[i]
            if (self.ex.is_name(tokens, i) and not self.ex.is_title(t)) or (run and self.ex.is_particle(t)):
                run.append(t.text)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        if not runs:
            return tokens[source.head].text
        person = next((r for r in runs if r[0] in self.lex.name_gender
                       or any(self.actor_types.get(m.actor) == "person" for m in self.ex.actors.mentions(" ".join(r)))), None)
        return " ".join(person or runs[-1])

    def looks_like_person(self, core: str) -> bool:
        words = core.split()
        if words[0] in self.lex.name_gender or core in self.full_names or words[-1] in self.surname_gender:
            return True
        return 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words) \
            and not self.lex.official_re.search(core) and not self.lex.expert_re.search(core)

    def canonical_of(self, name: str) -> str:
        mention = next(iter(self.ex.actors.mentions(name)), None)
        return mention.actor if mention else self.full_names.get(name, name)


def extract(text: str, paragraphs: list[tuple[int, int]], sentences: list[tuple[int, int, int]],
            lexicon: Lexicon | None = None, actors: ActorList | None = None) -> list[Attribution]:
    """Every attribution in `text`, given paragraph spans and (sentence_id, start, end) spans."""
    extractor = _Extractor(text, lexicon or load_lexicon(), actors or load_actors())
    return extractor.run(paragraphs, sentences)


def extract_article(article, lexicon: Lexicon | None = None, actors: ActorList | None = None) -> list[Attribution]:
    """The attributions of one `corpus.Article` (offsets into its clean text)."""
    paragraphs = [(p.start, p.end) for p in article.paragraphs]
    sentences = [(s.sentence_id, s.start, s.end) for s in article.sentences]
    return extract(article.clean_text, paragraphs, sentences, lexicon, actors)


# ----------------------------------------------------------------------------- tables

SOURCING_COLUMNS = ["article_id", "n_words", "n_attributions", "n_named", "n_anonymous", "n_vague",
                    "share_named", "share_anonymous", "share_vague", "n_distinct_sources", "n_direct_quotes",
                    "n_quoted_words", "n_hedged", "n_hedges", "hedges_per_1000_words", "n_self_referential",
                    "n_unverifiable", "share_unverifiable"]
QUOTED_WORDS_COLUMNS = ["article_id", "speaker", "source_class", "n_quotes", "n_words"]
SOURCING_FIELDS = ["speaker", "speaker_canonical", "source_class", "quote_type", "quoted_words", "hedged",
                   "inherited", "self_referential", "unverifiable"]
_DOUBLE_QUOTED_RE = re.compile(r'"[^"]*"?')


def attribution_table(articles, lexicon: Lexicon, actors: ActorList) -> pd.DataFrame:
    """One row per attribution of every article (offsets into each article's clean text)."""
    rows = []
    for article in articles:
        for row in extract_article(article, lexicon, actors):
            rows.append({"article_id": article.article_id, **{k: getattr(row, k) for k in ATTRIBUTION_COLUMNS[1:]}})
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    return table.sort_values(["article_id", "start", "inherited"], kind="stable").reset_index(drop=True)


def speaker_label(row) -> str:
    """Who a row counts for: the canonical speaker, else the unnamed source class."""
    if row["speaker_canonical"]:
        return row["speaker_canonical"]
    return row["speaker"] if row["source_class"] == "named" else f"({row['source_class']} source)"


def sourcing_table(articles, attributions: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """The sourcing profile of each article (one row per article)."""
    rows = []
    by_article: dict[str, list[dict]] = {}
    for record in attributions[["article_id", *SOURCING_FIELDS]].to_dict("records"):
        by_article.setdefault(record["article_id"], []).append(record)
    for article in articles:
        records = by_article.get(article.article_id, [])
        mine = [r for r in records if not r["inherited"]]
        body = [s for s in article.sentences if s.part == "body"]
        n_words = sum(count_words(s.text) for s in body)
        outside = " ".join(_DOUBLE_QUOTED_RE.sub(" ", s.text) for s in article.sentences)
        n_hedges = len(lexicon.hedge_re.findall(outside))
        counts = {k: sum(r["source_class"] == k for r in mine) for k in SOURCE_CLASSES}
        n = len(mine)
        # numpy integers, as pandas counts them, so that the shares round the same way
        share = (lambda k: round(np.int64(counts[k]) / n, 4) if n else float("nan"))  # noqa: E731
        sources = {speaker_label(r) if r["speaker_canonical"] else r["speaker"].lower() for r in mine}
        n_unverifiable = sum(bool(r["unverifiable"]) for r in mine)
        rows.append({
            "article_id": article.article_id, "n_words": n_words, "n_attributions": n,
            "n_named": counts["named"], "n_anonymous": counts["anonymous"],
            "n_vague": counts["vague"], "share_named": share("named"),
            "share_anonymous": share("anonymous"), "share_vague": share("vague"),
            "n_distinct_sources": len(sources),
            "n_direct_quotes": sum(r["quote_type"] in ("direct", "colon", "platform") for r in records),
            "n_quoted_words": sum(int(r["quoted_words"]) for r in records),
            "n_hedged": sum(bool(r["hedged"]) for r in mine), "n_hedges": n_hedges,
            "hedges_per_1000_words": round(1000 * n_hedges / n_words, 2) if n_words else float("nan"),
            "n_self_referential": sum(bool(r["self_referential"]) for r in mine),
            "n_unverifiable": n_unverifiable,
            "share_unverifiable": round(np.int64(n_unverifiable) / n, 4) if n else float("nan"),
        })
    return pd.DataFrame(rows, columns=SOURCING_COLUMNS)


def quoted_words_table(attributions: pd.DataFrame) -> pd.DataFrame:
    """Words inside quotation marks per article and speaker (tidy: one row per pair)."""
    quoted = attributions[attributions["quoted_words"] > 0].copy()
    if quoted.empty:
        return pd.DataFrame(columns=QUOTED_WORDS_COLUMNS)
    quoted["speaker"] = quoted.apply(speaker_label, axis=1)
    table = (quoted.groupby(["article_id", "speaker", "source_class"], sort=True)
             .agg(n_quotes=("quoted_words", "size"), n_words=("quoted_words", "sum")).reset_index())
    return table.sort_values(["article_id", "n_words", "speaker"], ascending=[True, False, True],
                             kind="stable").reset_index(drop=True)[QUOTED_WORDS_COLUMNS]


def tables(corpus, options) -> dict[str, pd.DataFrame]:
    """attributions, sourcing and quoted_words for a corpus."""
    lexicon, actors = load_lexicon(options.attribution_lexicon_file), load_actors(options.actors_file)
    attributions = attribution_table(corpus.articles, lexicon, actors)
    return {"attributions": attributions,
            "sourcing": sourcing_table(corpus.articles, attributions, lexicon),
            "quoted_words": quoted_words_table(attributions)}
