"""Speaker phrases: the noun phrase, name or pronoun that is the source of a cue."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...text.document import Token
from .lexicon import Lexicon


@dataclass
class Source:
    """A source phrase found for a cue: token range [lo, hi) and the head token."""

    lo: int
    hi: int
    head: int
    kind: str  # pronoun, relative, name, noun
    antecedent: Source | None = None


class Phrases:
    """Finds noun phrases and subjects in the tokens of one text."""

    def __init__(self, lexicon: Lexicon, sentence_starts: set[int]):
        self.lex, self.sentence_starts = lexicon, sentence_starts

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
        return (
            t.is_word
            and not t.quoted
            and t.low not in self.lex.function_words
            and t.low not in self.lex.gap_words
            and t.low not in self.lex.verb_forms
            and t.low not in self.lex.pronoun_kind
            and not (t.low.endswith("ly") and t.low not in self.lex.source_nouns)
        )

    def head_kind(self, tokens: list[Token], i: int) -> str | None:
        """What token i can head as a source: pronoun, relative, name, noun, or None."""
        t = tokens[i]
        if t.quoted or not t.is_word:
            return None
        if t.low in self.lex.relative_pronouns:
            return "relative"
        if t.low in self.lex.pronoun_kind:
            return "pronoun"
        if t.low in self.lex.pronoun_heads:
            return "noun"
        if self.is_name(tokens, i):
            return "name"
        if t.low in self.lex.source_nouns:
            return "noun"
        return None

    def is_particle(self, t: Token) -> bool:
        return t.low in self.lex.name_particles

    # -- noun phrases
    def np_backward(self, tokens: list[Token], j: int, lo: int, generic: bool = True) -> Source | None:
        """The noun phrase ending at token j (its head), extended to the left."""
        if j < lo:
            return None
        kind = self.head_kind(tokens, j)
        if kind is None and generic == "any" and (self.noun_ok(tokens[j]) or tokens[j].text[0].isdigit()):
            kind = "noun"
        if kind is None and generic and self.noun_ok(tokens[j]) and tokens[j].text[0].islower():
            k = j - 1
            while k >= max(lo, j - 4) and (self.noun_ok(tokens[k]) or tokens[k].low in self.lex.articles):
                if tokens[k].low in self.lex.articles:
                    kind = "noun"
                    break
                k -= 1
        if kind is None:
            return None
        if kind in ("pronoun", "relative"):
            return Source(j, j + 1, j, kind)
        i, modifiers_ok = j, kind != "name"
        while i - 1 >= lo and j - i < 10:
            t, prev = tokens[i - 1], tokens[i - 2] if i - 2 >= lo else None
            if (
                t.kind == "possessive"
                and prev is not None
                and (self.is_name(tokens, i - 2) or prev.low in self.lex.pronoun_kind)
            ):
                i -= 2
                while i - 1 >= lo and (self.is_name(tokens, i - 1) or self.is_title(tokens[i - 1])):
                    i -= 1
                continue
            if (
                t.low in self.lex.determiners and t.low not in self.lex.floating_quantifiers
            ) or t.low in self.lex.articles:
                i -= 1
                if (
                    i - 2 >= lo
                    and tokens[i - 1].low == "of"
                    and tokens[i - 2].low in self.lex.count_words | self.lex.vague_quantifiers
                ):
                    i -= 2
                break
            if self.is_name(tokens, i - 1) or self.is_title(t) or (t.is_word and t.text[0].isdigit()):
                i -= 1
                continue
            if (
                t.low in self.lex.name_connectors
                and prev is not None
                and self.is_name(tokens, i - 2)
                and self.is_name(tokens, i)
            ):
                i -= 1
                continue
            if (
                t.is_word
                and t.text[0].islower()
                and self.noun_ok(t)
                and (modifiers_ok or self.is_particle(t) or t.low in self.lex.individual_nouns)
            ):
                modifiers_ok = modifiers_ok or t.low in self.lex.individual_nouns
                i -= 1
                continue
            break
        return Source(i, j + 1, j, kind)

    def np_forward(
        self, tokens: list[Token], i: int, hi: int, permissive: bool = False, appositive: bool = True
    ) -> Source | None:
        """The noun phrase starting at token i, with a prepositional phrase and an appositive."""
        k, head, kind = i, None, None
        if (
            k < hi
            and (tokens[k].low in self.lex.determiners or tokens[k].low in self.lex.articles)
            and not tokens[k].quoted
        ):
            k += 1
        while k < hi and k - i < 14:
            t = tokens[k]
            if t.quoted or not (t.is_word or t.kind == "possessive" or t.text == "&"):
                break
            if t.low in self.lex.pronoun_kind and k == i:
                return Source(k, k + 1, k, "pronoun") if t.low not in self.lex.relative_pronouns else None
            if self.is_name(tokens, k) or self.is_title(t):
                head, kind = k, "name"
            elif t.kind == "possessive":
                kind = None
            elif t.low in self.lex.source_nouns or t.low in self.lex.indefinite_pronouns:
                head, kind = k, "noun"
            elif (
                (self.is_particle(t) or t.low in self.lex.name_connectors)
                and kind == "name"
                and self.name_follows(tokens, k + 1, hi)
            ):
                pass
            elif self.noun_ok(t) and t.text[0].islower():
                if kind == "name" and not self.source_noun_follows(tokens, k, hi):
                    break
                if (
                    kind == "noun"
                    and tokens[head].low in self.lex.source_nouns
                    and not self.source_noun_follows(tokens, k, hi)
                ):
                    break
                if head is None or kind is None:
                    head, kind = k, "noun"
            else:
                break
            k += 1
        if head is None:
            return None
        end = head + 1
        if (
            kind == "noun"
            and tokens[head].low not in self.lex.source_nouns
            and not permissive
            and not any(
                tokens[m].low in self.lex.determiners or tokens[m].low in self.lex.articles for m in range(i, head)
            )
        ):
            return None
        # of/for/at/with + noun phrase ("of the Center for ...", "for the Bush super PAC")
        if (
            end + 1 < hi
            and tokens[end].low in self.lex.postmodifier_prepositions | self.lex.adjectives_before_to
            and not tokens[end].quoted
        ):
            sub = self.np_forward(
                tokens, end + 1 + (tokens[end].low in self.lex.adjectives_before_to), hi, appositive=False
            )
            if sub is not None and sub.kind != "pronoun":
                end = sub.hi
        if permissive:
            while (
                end < hi
                and not tokens[end].quoted
                and tokens[end].text not in ',.;:!?"“”—()'
                and tokens[end].low not in self.lex.clause_openers
            ):
                end += 1
        elif (
            appositive
            and end + 1 < hi
            and tokens[end].text == ","
            and (
                tokens[end + 1].low in self.lex.determiners
                or tokens[end + 1].low in self.lex.articles
                or self.is_title(tokens[end + 1])
                or tokens[end + 1].low in self.lex.source_nouns
            )
        ):
            # appositive: ", a spokesman for Ted Cruz" up to the next comma or the end
            m = end + 1
            while (
                m < hi
                and not tokens[m].quoted
                and tokens[m].text not in ',.;:!?"“”()'
                and tokens[m].low not in self.lex.relative_openers
            ):
                m += 1
            if m - end <= 16 and (m >= hi or tokens[m].text in ",.;:!?" or tokens[m].low in self.lex.relative_openers):
                end = m
        return Source(i, end, head, kind)

    def name_follows(self, tokens, k, hi) -> bool:
        while k < hi and (self.is_particle(tokens[k]) or tokens[k].low in self.lex.name_connectors):
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

    def clause_subject(self, tokens: list[Token], lo: int, before: int) -> Source | None:
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
            if k < before and (
                tokens[k].low in self.lex.intro_words
                or tokens[k].low.endswith("ly")
                or tokens[k].low in self.lex.time_words
            ):
                comma = next((m for m in range(k, before) if tokens[m].text == "," and not tokens[m].quoted), None)
                if comma is None:
                    if tokens[k].low in self.lex.clause_connectives:
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

    # -- subjects
    def skip_gap(self, tokens, j, lo) -> tuple[int, bool]:
        """Step left over auxiliaries, adverbs and time words; return the index and negation."""
        negated = False
        while j >= lo:
            t = tokens[j]
            if t.quoted:
                break
            if t.low in self.lex.negations:
                negated = True
            if (
                t.low in self.lex.gap_words
                or t.low in self.lex.negations
                or t.low in self.lex.time_words
                or (t.is_word and t.low.endswith("ly") and t.text[0].islower() and t.low not in self.lex.source_nouns)
            ):
                j -= 1
                continue
            # "in a statement", "in an interview", "on Twitter", "on Monday"
            if t.is_word and j - 1 >= lo:
                k = j - 1
                while (
                    k >= max(lo, j - 4)
                    and tokens[k].is_word
                    and not tokens[k].quoted
                    and tokens[k].low not in self.lex.channel_prepositions
                ):
                    k -= 1
                if (
                    k >= lo
                    and tokens[k].low in self.lex.channel_prepositions
                    and k < j
                    and (
                        t.low in self.lex.channel_nouns
                        or t.text in self.lex.platform_names
                        or t.low in self.lex.time_words
                    )
                ):
                    j = k - 1
                    continue
            break
        return j, negated

    def subject_before(self, tokens, c, lo) -> Source | None:
        """The subject of the verb at token c, looking left."""
        j, negated = self.skip_gap(tokens, c - 1, lo)
        if negated or j < lo:
            return None
        t = tokens[j]
        if t.text == ",":
            subject = self.clause_subject(tokens, lo, j)
            if (
                subject is not None
                and subject.hi < j
                and tokens[subject.hi].text == ","
                and subject.kind in ("name", "noun")
            ):
                return Source(subject.lo, j, subject.head, subject.kind)
        if t.text in (",", "—", "–", ")"):
            opener = "(" if t.text == ")" else t.text
            k = next(
                (m for m in range(j - 1, max(lo, j - 30) - 1, -1) if tokens[m].quoted or tokens[m].text == opener), None
            )
            if k is None or tokens[k].quoted:
                return None
            source = self.np_backward(tokens, k - 1, lo, generic=False)
            if source is None or source.kind == "relative":
                return None
            if source.kind == "pronoun" and tokens[source.head].low not in self.lex.subject_pronouns:
                return None
            return Source(source.lo, j, source.head, source.kind)
        if t.low in self.lex.coordinators:
            return self.clause_subject(tokens, lo, j)
        if t.quoted or t.text in '"“”':
            return None
        speech = self.lex.verb_forms.get(tokens[c].low) in self.lex.unambiguous_speech_verbs
        source = self.np_backward(tokens, j, lo, generic="any" if speech else True)
        if source is not None and source.kind == "relative":
            k = j - 1 if j - 1 >= lo and tokens[j - 1].text == "," else j
            source.antecedent = self.np_backward(tokens, k - 1, lo, generic=False)
        if source is not None and source.kind not in ("pronoun", "relative"):
            source = self.extend_coordination(tokens, source, lo)
            source = self.extend_prepositional(tokens, source, lo)
        return source

    def extend_coordination(self, tokens, source: Source, lo: int) -> Source:
        """`Clinton and the State Department have asserted`: include coordinated names."""
        if source.kind != "name":
            return source
        i = source.lo
        while (
            i - 2 >= lo
            and (tokens[i - 1].low in self.lex.conjunctions or tokens[i - 1].text == ",")
            and not tokens[i - 1].quoted
        ):
            k = i - 2 if tokens[i - 2].text != "," else i - 3
            if k < lo or not self.is_name(tokens, k):
                break
            prev = self.np_backward(tokens, k, lo, generic=False)
            if prev is None or prev.kind != "name":
                break
            i = prev.lo
        return replace(source, lo=i)

    def extend_prepositional(self, tokens, source: Source, lo: int) -> Source:
        """`Voters in Ohio said`, `one of her aides said`: the head is before the preposition."""
        i = source.lo
        if i - 2 >= lo and tokens[i - 1].low in self.lex.postmodifier_prepositions and not tokens[i - 1].quoted:
            prev = self.np_backward(tokens, i - 2, lo, generic=False)
            if (
                prev is not None
                and prev.kind in ("name", "noun")
                and (
                    tokens[prev.head].low in self.lex.source_nouns
                    or prev.kind == "name"
                    and source.kind == "name"
                    and tokens[i - 1].low in self.lex.affiliation_prepositions
                )
            ):
                return Source(prev.lo, source.hi, prev.head, prev.kind)
        return source
