"""Sources: who a speaker phrase refers to (pronouns resolved to earlier speakers and
mentions, names to actors) and its class (named, anonymous, vague) and type."""

from __future__ import annotations

import re

from ...text.actors import ActorList
from ...text.document import Quotation, Token, without_spans
from .cues import Frame
from .lexicon import Lexicon
from .record import Attribution
from .speakers import Phrases, Source


class Sources:
    """Speakers and person mentions seen so far in one text, for pronoun resolution and
    classification."""

    def __init__(self, text: str, lexicon: Lexicon, actors: ActorList, phrases: Phrases):
        self.text, self.lex, self.actors, self.phrases = text, lexicon, actors, phrases
        self.candidates: list[dict] = []  # position, canonical, gender, person, class, type
        self.surname_gender: dict[str, str] = {}
        self.full_names: dict[str, str] = {}
        self.actor_types = {a.id: a.type for a in actors.actors}
        self.actor_gender = {}
        for actor in actors.actors:
            if actor.type == "person":
                first = max(actor.aliases, key=len).split()[0]
                self.actor_gender[actor.id] = self.lex.name_gender.get(first, "")

    def note_mentions(self, tokens: list[Token], p_end: int) -> None:
        """Record the actor mentions of a paragraph (outside quotations) as candidates."""
        if not tokens:
            return
        start = tokens[0].start
        quoted = [(t.start, t.end) for t in tokens if t.quoted]
        for m in self.actors.mentions(self.text[start:p_end]):
            pos = start + m.start
            if any(a <= pos < b for a, b in quoted):
                continue
            kind = self.actor_types.get(m.actor, "other")
            self.candidates.append(
                {
                    "pos": pos,
                    "canonical": m.actor,
                    "gender": self.actor_gender.get(m.actor, ""),
                    "person": kind == "person",
                    "class": "named",
                    "type": "official/politician",
                    "plural": kind != "person",
                }
            )
        self.candidates.sort(key=lambda c: c["pos"])

    def resolve(
        self,
        row: Attribution,
        frame: Frame,
        tokens: list[Token],
        quotes: list[Quotation],
        sentence_span: tuple[int, int],
    ) -> None:
        """Fill in speaker_canonical, source_class, source_type, hedges and flags of a row,
        given the quotations of its paragraph and the (start, end) of its sentence."""
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
                target = {
                    "canonical": "",
                    "class": "vague" if kind == "plural" else "named",
                    "type": "other",
                    "gender": "",
                    "person": kind != "plural",
                    "plural": kind == "plural",
                }
            info = dict(target)
        else:
            info = self.describe(source, tokens, sentence)
        if (
            self.lex.anonymous_phrases.search(sentence)
            and info["class"] != "named"
            or self.lex.anonymous_phrases.search(span_text)
        ):
            info["class"] = (
                "anonymous"
                if info["class"] != "vague" or self.lex.anonymous_phrases.search(span_text)
                else info["class"]
            )
        if frame.kind == "according_to" and source.kind == "noun" and self.lex.anonymous_phrases.search(span_text):
            info["class"] = "anonymous"
        row.speaker_canonical = info["canonical"]
        row.source_class = info["class"]
        row.source_type = info["type"]
        outside = self.outside_quotes(row.start, row.end, quotes)
        channel_text = outside + " " + span_text
        if self.lex.platforms.search(channel_text) or frame.lemma in self.lex.platform_verbs:
            row.source_type = "social_media"
            row.quote_type = "platform"
        elif info["type"] in ("poll", "document"):
            row.quote_type = info["type"]
        elif frame.kind == "document":
            row.source_type = "document" if info["class"] != "named" else row.source_type
            row.quote_type = "document"
        hedge = self.lex.hedges.search(self.outside_quotes(*sentence_span, quotes))
        row.hedged, row.hedge = hedge is not None, (hedge.group(0).lower() if hedge else "")
        row.self_referential = bool(self.lex.self_referential.search(channel_text))
        row.unverifiable = row.source_class != "named" or bool(self.lex.unverifiable.search(span_text))
        if info.get("person") or info.get("plural") is False or info["class"] == "named":
            self.candidates.append({**info, "pos": row.speaker_start})
            self.candidates.sort(key=lambda c: c["pos"])

    def outside_quotes(self, start: int, end: int, quotes: list[Quotation]) -> str:
        """text[start:end] with the parts of `quotes` in it blanked out."""
        inside = [
            (max(q.start, start) - start, min(q.end, end) - start) for q in quotes if q.start < end and q.end > start
        ]
        return without_spans(self.text[start:end], inside)

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

    def describe(self, source: Source, tokens: list[Token], sentence: str) -> dict:
        """Class, type, canonical name, gender and person-ness of a noun-phrase source."""
        lex = self.lex
        phrase_tokens = tokens[source.lo : source.hi]
        phrase = self.text[phrase_tokens[0].start : phrase_tokens[-1].end]
        head = tokens[source.head]
        names = [
            t for i, t in enumerate(phrase_tokens, source.lo) if self.phrases.is_name(tokens, i) and i <= source.head
        ]
        first_word = phrase_tokens[0].low
        info = {"canonical": "", "class": "vague", "type": "other", "gender": "", "person": False, "plural": False}
        mentions = [m for m in self.actors.mentions(phrase)]
        head_noun = head.low
        if source.kind == "name":
            core = self.name_core(tokens, source)
            mention = next(
                (
                    m
                    for m in mentions
                    if phrase_tokens[0].start + m.start <= head.start < phrase_tokens[0].start + m.end
                ),
                None,
            )
            actor_type = self.actor_types.get(mention.actor) if mention else None
            canonical = mention.actor if mention else self.full_names.get(core, core)
            if any(t.low in lex.conjunctions for t in phrase_tokens) and len(mentions) > 1:
                canonical = " + ".join(dict.fromkeys(m.actor for m in mentions))
            outlet = lex.outlets.search(phrase)
            is_person = (
                actor_type == "person"
                or any(lex.title_gender.get(t.text) is not None for t in names)
                or (actor_type is None and not outlet and self.looks_like_person(core))
            )
            gender = self.actor_gender.get(canonical, "") if mention else ""
            gender = (
                gender
                or next((lex.title_gender[t.text] for t in phrase_tokens if lex.title_gender.get(t.text)), "")
                or lex.name_gender.get(core.split()[0], "")
                or self.surname_gender.get(core.split()[-1], "")
            )
            if is_person and len(core.split()) > 1:
                self.full_names.setdefault(core.split()[-1], canonical)
                if gender:
                    self.surname_gender.setdefault(core.split()[-1], gender)
            quantified = first_word in lex.vague_quantifiers
            info.update(
                canonical=canonical,
                gender=gender,
                person=is_person,
                plural=not is_person and head.low.endswith("s"),
                **{"class": "vague" if quantified else "named"},
            )
            if outlet or lex.media_nouns.search(phrase):
                info["type"] = "media"
            elif lex.expert_terms.search(phrase):
                info["type"] = "expert"
            elif actor_type in ("person", "country", "organisation") or lex.official_terms.search(phrase):
                info["type"] = "official/politician"
            elif lex.witness_terms.search(phrase):
                info["type"] = "witness/public"
            if lex.poll_nouns & {t.low for t in phrase_tokens}:
                info["type"] = "poll"
            return info
        # a common noun heads the phrase
        determiner = next((t.low for t in phrase_tokens if t.low in lex.determiners or t.low in lex.count_words), "")
        counted = bool(re.match(r"\d", first_word)) or determiner in lex.count_words
        owner = next((t for i, t in enumerate(phrase_tokens[:-1]) if phrase_tokens[i + 1].kind == "possessive"), None)
        named_modifier = [
            t for t in names if not lex.official_terms.pattern.fullmatch(t.text) and t.low not in lex.demonyms
        ]
        if head_noun in lex.poll_nouns:
            info["type"] = "poll"
            info["class"] = (
                "named"
                if (owner or named_modifier and lex.outlets.search(phrase) or re.search(r"\bby [A-Z]", phrase))
                else "vague"
            )
        elif head_noun in lex.document_nouns and head_noun not in lex.individual_nouns:
            info["type"] = "document"
            definite = determiner in lex.definite_determiners | lex.demonstratives
            info["class"] = (
                "named"
                if owner or (definite and head_noun != "reports") or any(lex.outlets.search(t.text) for t in names)
                else "vague"
            )
            if owner is not None:
                info["canonical"] = self.canonical_of(owner.text)
        elif head.text in lex.named_groups and determiner not in lex.vague_quantifiers:
            info["class"] = "named"
            info["plural"] = True
        elif head_noun in lex.vague_nouns and (head_noun.endswith("s") or head_noun in lex.plural_quantifiers):
            info["class"] = "vague"
            info["plural"] = True
        elif head_noun in lex.organisation_nouns and head_noun not in lex.individual_nouns:
            info["class"] = "named" if (determiner in lex.definite_determiners or owner or named_modifier) else "vague"
            info["plural"] = True
            if owner is not None:
                info["canonical"] = self.canonical_of(owner.text)
        else:
            plural = (
                head_noun.endswith("s") and head_noun not in lex.singular_in_s or head_noun in lex.irregular_plurals
            )
            singular_person = not plural
            if determiner in lex.vague_quantifiers and plural:
                info["class"] = "vague"
            elif counted or singular_person and determiner:
                info["class"] = "anonymous"
            elif singular_person and head_noun in lex.indefinite_pronouns:
                info["class"] = "anonymous"
            else:
                info["class"] = "vague"
            info["person"] = singular_person
            info["plural"] = plural
        if (
            info["class"] == "vague"
            and lex.counted_words.search(phrase)
            and any(t.low in lex.individual_nouns and t.low not in lex.vague_nouns for t in phrase_tokens)
        ):
            info["class"] = "anonymous"
        if info["type"] == "other":
            if lex.media_nouns.search(phrase) or lex.outlets.search(phrase):
                info["type"] = "media"
            elif lex.expert_terms.search(phrase):
                info["type"] = "expert"
            elif lex.witness_terms.search(phrase) and not lex.official_terms.search(phrase):
                info["type"] = "witness/public"
            elif lex.official_terms.search(phrase) or any(self.actor_types.get(m.actor) for m in mentions):
                info["type"] = "official/politician"
        return info

    def name_core(self, tokens: list[Token], source: Source) -> str:
        """The name of a source: of the capitalised runs in the phrase (titles left out), the
        first that reads as a person's name, else the run at the head."""
        runs, run = [], []
        for i in range(source.lo, source.head + 1):
            t = tokens[i]
            if (self.phrases.is_name(tokens, i) and not self.phrases.is_title(t)) or (
                run and self.phrases.is_particle(t)
            ):
                run.append(t.text)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        if not runs:
            return tokens[source.head].text
        person = next(
            (
                r
                for r in runs
                if r[0] in self.lex.name_gender
                or any(self.actor_types.get(m.actor) == "person" for m in self.actors.mentions(" ".join(r)))
            ),
            None,
        )
        return " ".join(person or runs[-1])

    def looks_like_person(self, core: str) -> bool:
        words = core.split()
        if words[0] in self.lex.name_gender or core in self.full_names or words[-1] in self.surname_gender:
            return True
        return (
            2 <= len(words) <= 4
            and all(w[:1].isupper() and not w.isupper() for w in words)
            and not self.lex.official_terms.search(core)
            and not self.lex.expert_terms.search(core)
        )

    def canonical_of(self, name: str) -> str:
        mention = next(iter(self.actors.mentions(name)), None)
        return mention.actor if mention else self.full_names.get(name, name)
