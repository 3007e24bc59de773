"""Cues and frames: reporting verbs, "according to", statements issued and colons, each
with the source phrase it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...text.document import Quotation, Token
from .lexicon import Lexicon
from .speakers import Phrases, Source


@dataclass
class Frame:
    source: Source
    cue_lo: int
    cue_hi: int
    lemma: str
    sentence_index: int
    kind: str = "verb"  # verb, according_to, colon, passive, document, evidence
    quotes: list[Quotation] = field(default_factory=list)
    content: tuple[int, int] | None = None


def form_of(form: str, lemma: str) -> str:
    """base, s, past or ing."""
    if form.endswith("ing") and not lemma.endswith("ing"):
        return "ing"
    if form == lemma:
        return "base"
    if form in (lemma + "s", lemma + "es", lemma[:-1] + "ies"):
        return "s"
    return "past"


class Cues:
    """Finds the attribution frames of the sentences of one text."""

    def __init__(self, lexicon: Lexicon, phrases: Phrases, sentence_starts: set[int]):
        self.lex, self.phrases, self.sentence_starts = lexicon, phrases, sentence_starts
        self.title_case: set[int] = set()  # starts of sentences written in title case

    def find_frames(self, tokens: list[Token], lo: int, hi: int, sentence_index: int) -> list[Frame]:
        """The attribution frames (source + cue) of the sentence tokens[lo:hi]."""
        frames, used = [], set()
        document_verbs, openings, verb_forms = (
            self.lex.document_verbs,
            self.lex.document_verb_openings,
            self.lex.verb_forms,
        )
        for c in range(lo, hi):
            t = tokens[c]
            if t.quoted or not t.is_word or c in used:
                continue
            low = t.low
            if low != "according" and low not in openings and low not in verb_forms:
                continue  # no cue starts here
            frame = None
            if low == "according" and c + 1 < hi and tokens[c + 1].low == "to":
                source = self.phrases.np_forward(tokens, c + 2, hi, permissive=True)
                if source is not None:
                    frame = Frame(source, c, c + 2, "according", sentence_index, "according_to")
            elif low in document_verbs or (c + 1 < hi and f"{low} {tokens[c + 1].low}" in document_verbs):
                frame = self.document_frame(tokens, c, lo, hi, sentence_index)
            if frame is None and low in verb_forms and self.verb_shaped(tokens, c, lo, hi):
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
        if prev is not None and (prev.low in self.lex.articles or prev.kind == "possessive"):
            return False
        return True

    def document_frame(self, tokens, c, lo, hi, sentence_index) -> Frame | None:
        """`X issued a joint statement`: the statement is the cue, X the source."""
        for k in range(c + 1, min(hi, c + 6)):
            if tokens[k].quoted or not tokens[k].is_word:
                return None
            if tokens[k].low in self.lex.statement_nouns:
                source = self.phrases.subject_before(tokens, c, lo)
                if source is None or not self.agrees(tokens, source, c, lo, generic_ok=True):
                    return None
                return Frame(source, c, k + 1, "statement", sentence_index, "document")
        return None

    def agrees(self, tokens, source: Source, c: int, lo: int, generic_ok: bool = False) -> bool:
        """Subject-verb agreement for present forms; past forms take any subject."""
        t = tokens[c]
        form = form_of(t.low, self.lex.verb_forms.get(t.low, t.low))
        head = tokens[source.head]
        if (
            source.kind == "noun"
            and head.low not in self.lex.source_nouns
            and head.low not in self.lex.pronoun_heads
            and not generic_ok
            and form != "past"
            and self.lex.verb_forms.get(t.low) not in self.lex.unambiguous_speech_verbs
        ):
            return False
        if form not in ("base", "s"):
            return True
        j, _ = self.phrases.skip_gap(tokens, c - 1, lo)
        gap = {tokens[m].low for m in range(j + 1, c)}
        if gap & self.lex.auxiliaries:
            return form == "base"
        plural = (
            head.low in self.lex.plural_subjects
            or (
                head.low.endswith("s")
                and not head.low.endswith(("ss", "us", "is"))
                and head.low not in self.lex.singular_in_s
                and (source.kind != "name" or head.low in self.lex.individual_nouns)
            )
            or head.low in self.lex.irregular_plurals | self.lex.collective_nouns
            or any(tokens[m].low in self.lex.conjunctions for m in range(source.lo, source.hi))
        )
        if source.kind == "relative":
            return True
        return plural if form == "base" else not plural

    def verb_frame(self, tokens, c, lo, hi, sentence_index) -> Frame | None:
        """Source for the reporting verb at token c."""
        t = tokens[c]
        lemma = self.lex.verb_forms[t.low]
        form = form_of(t.low, lemma)
        prev = tokens[c - 1] if c - 1 >= lo else None
        nxt = tokens[c + 1] if c + 1 < hi else None
        j, _ = self.phrases.skip_gap(tokens, c - 1, lo)
        gap = [tokens[m].low for m in range(j + 1, c)]
        if "to" in gap and not self.lex.verbs_before_to.intersection(gap):
            return None  # infinitive: "declined to say", "wants to tell"
        if lemma in self.lex.quote_only and not self.next_to_quote(tokens, c, lo, hi):
            return None
        # passive: "was described by one witness", "was first reported by MSNBC"
        if self.lex.be_forms.intersection(gap) and form == "past":
            if nxt is not None and nxt.low == "by":
                source = self.phrases.np_forward(tokens, c + 2, hi)
                if source is not None:
                    return Frame(source, c, c + 1, lemma, sentence_index, "passive")
            return None
        if (
            nxt is not None
            and nxt.low == "by"
            and form == "past"
            and prev is not None
            and prev.is_word
            and prev.low not in self.lex.pronoun_kind
            and not self.phrases.is_name(tokens, c - 1)
        ):
            source = self.phrases.np_forward(tokens, c + 2, hi)  # "a tone described by one witness"
            if source is not None:
                return Frame(source, c, c + 1, lemma, sentence_index, "passive")
        if form == "ing":
            if prev is None or (prev.text not in (",", "—") and prev.low != "and"):
                return None
            source = self.phrases.clause_subject(tokens, lo, c - 1)
            return Frame(source, c, c + 1, lemma, sentence_index) if source else None
        source = self.phrases.subject_before(tokens, c, lo)
        if source is not None and lemma in self.lex.evidence and lemma not in self.lex.reporting:
            if source.kind != "noun" or tokens[source.head].low not in self.lex.document_nouns | self.lex.poll_nouns:
                return None
            if not self.agrees(tokens, source, c, lo):
                return None
            return Frame(source, c, c + 1, lemma, sentence_index, "evidence")
        if source is not None and not self.agrees(tokens, source, c, lo):
            source = None
        if source is None and lemma in self.lex.inversion and self.inverted_position(tokens, c, lo):
            k = c + 1
            while k < hi and tokens[k].low in self.lex.inversion_adverbs:
                k += 1
            source = self.phrases.np_forward(tokens, k, hi)
            if source is not None and (
                source.kind == "pronoun"
                and tokens[source.head].low not in self.lex.inverted_pronouns
                or source.kind == "noun"
                and tokens[source.head].low not in self.lex.source_nouns
                and tokens[source.head].low not in self.lex.indefinite_pronouns
            ):
                source = None
        if source is None:
            return None
        evidence = source.kind == "noun" and tokens[source.head].low in self.lex.document_nouns | self.lex.poll_nouns
        kind = "evidence" if evidence else "verb"
        return Frame(source, c, c + 1, lemma, sentence_index, kind)

    def inverted_position(self, tokens, c, lo) -> bool:
        """True when a verb may precede its subject: after a comma or a quotation."""
        j = c - 1
        while j >= lo and tokens[j].low in self.lex.inversion_adverbs:
            j -= 1
        return (
            j < lo
            and c > 0
            and tokens[c - 1].quoted
            or j >= lo
            and (tokens[j].text in (",", "—") or tokens[j].quoted or tokens[j].text in '"“”')
        )

    def next_to_quote(self, tokens, c, lo, hi) -> bool:
        """True when token c stands right after a quotation or right before one (or a colon)."""
        j = c - 1
        while j >= lo and (tokens[j].low in self.lex.pronoun_kind or self.phrases.is_name(tokens, j)):
            j -= 1
        if j >= 0 and (tokens[j].quoted or tokens[j].text == ","):
            return True
        k = c + 1
        while k < hi and not tokens[k].quoted and tokens[k].text not in (":", ",", ".") and k - c < 6:
            k += 1
        return k < len(tokens) and (tokens[k].quoted or tokens[k].text in (":", ","))

    # -- colons and dashes before a quotation
    def colon_frame(self, tokens, quote: Quotation, lo: int, sentence_index: int) -> Frame | None:
        """`Carney made it clear: "..."`, `Carney's criticism — "..." — captures`: no verb needed."""
        k = next((m for m in range(len(tokens) - 1, lo - 1, -1) if tokens[m].end <= quote.start), None)
        if k is None or k < lo:
            return None
        if (
            not quote.full
            and tokens[k].text != ":"
            and not any(tokens[m].text == ":" for m in range(max(lo, k - 4), k))
        ):
            return None
        if tokens[k].text not in (":", "—", "–") or tokens[k].quoted:
            # `... this gem: Denmark "currently have ..."`: a colon shortly before the quote
            k = next(
                (m for m in range(k, max(lo, k - 4) - 1, -1) if tokens[m].text == ":" and not tokens[m].quoted), None
            )
            if k is None:
                return None
        source = self.phrases.clause_subject(tokens, lo, k)
        if source is None or source.hi >= k or source.kind == "relative":
            return None
        if source.kind == "pronoun" and tokens[source.head].low in self.lex.non_speaker_pronouns:
            return None
        if tokens[k].text != ":" and not any(tokens[m].kind == "possessive" for m in range(source.lo, source.hi)):
            return None
        hi = source.hi
        if hi < k and tokens[hi].text == ",":
            close = next((m for m in range(hi + 1, k) if tokens[m].text == ","), None)
            if close is not None:
                source = Source(source.lo, close, source.head, source.kind)
                hi = close + 1
        if k - hi > 14:
            last_comma = next((m for m in range(k - 1, hi, -1) if tokens[m].text == "," and not tokens[m].quoted), None)
            hi = last_comma + 1 if last_comma is not None else hi
        if k - hi > 14 or hi >= k:
            return None
        return Frame(source, hi, k + 1, "colon", sentence_index, "colon")
