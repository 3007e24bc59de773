"""Sources: who a speaker phrase refers to and its class (named, anonymous, vague,
unresolved) and type.

A speaker is linked to the article's entity whose mention overlaps the phrase's head (or the
name at its core): its key becomes the speaker's canonical name, so "Tony Blair" and "Blair"
are one source, and an actor of the actors file is known by its id. A pronoun resolves to
a compatible speaker or person (for "it" and "they": organisation, country or group)
mentioned before it, the first in the nearest sentence that has one; one that resolves to
nothing is `unresolved`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence

from ...text.actors import ActorList
from ...text.document import Quotation, Token, without_spans
from ...text.entities import EntityMention, voted_type
from .cues import Frame
from .lexicon import Lexicon
from .record import Attribution
from .speakers import Phrases, Source

SPEAKING_TYPES = ("person", "organisation", "country", "group")  # entity types that can be a source


class Sources:
    """Speakers and entity mentions seen so far in one text, for pronoun resolution and
    classification."""

    def __init__(
        self,
        text: str,
        lexicon: Lexicon,
        actors: ActorList,
        phrases: Phrases,
        entities: Sequence[EntityMention] = (),
    ):
        self.text, self.lex, self.phrases = text, lexicon, phrases
        self.entities = sorted(entities, key=lambda m: (m.start, m.end))
        self.entity_starts = [m.start for m in self.entities]
        self.sentence_starts = sorted(phrases.sentence_starts)
        self.candidates: list[dict] = []  # position, canonical, entity, gender, person, class, type
        self.surname_gender: dict[str, str] = {}
        self.full_names: dict[str, str] = {}
        self.spoken: dict[str, dict] = {}  # entity key -> what its last speaker phrase said of it
        self.reported: list[tuple[int, int]] = []  # the sentences of earlier attributions, their speakers left out
        self.reported_subjects: set[int] = set()  # where a reported clause begins (its subject, roughly)
        self.actor_types = {a.id: a.type for a in actors.actors}
        self.actor_gender = {}
        for actor in actors.actors:
            if actor.type == "person":
                first = max(actor.aliases, key=len).split()[0]
                self.actor_gender[actor.id] = self.lex.name_gender.get(first, "")
        self.entity_type = self.types()
        self.entity_gender = self.genders()
        self.longest_entity = max((m.end - m.start for m in self.entities), default=0)

    def types(self) -> dict[str, str]:
        """The type of each entity: an actor's type in the actors file, else person for a full
        name that begins with a given name of the lexicon, else the type most of its mentions
        have (ties in the order of ENTITY_TYPES)."""
        votes: dict[str, Counter] = {}
        for m in self.entities:
            votes.setdefault(m.key, Counter())[m.type] += 1
        types = {key: voted_type(count) for key, count in votes.items()}
        types.update({key: "person" for key in votes if " " in key and key.split()[0] in self.lex.name_gender})
        types.update({m.key: self.actor_types.get(m.key, m.type) for m in self.entities if m.actor})
        return types

    def genders(self) -> dict[str, str]:
        """The gender of each person entity: an actor's first name, else a gendered title
        before or in one of its mentions, else its first name (the first found wins)."""
        found: dict[str, str] = {}
        for m in self.entities:
            if self.kind(m) != "person" or found.get(m.key):
                continue
            before = self.text[max(0, m.start - 12) : m.start].split()
            words = [before[-1]] if before else []
            words += m.text.split()[:1]
            gender = (
                (self.actor_gender.get(m.key, "") if m.actor else "")
                or next((self.lex.title_gender[w] for w in words if self.lex.title_gender.get(w)), "")
                or self.lex.name_gender.get(m.key.split()[0], "")
                or self.lex.name_gender.get(m.text.split()[0], "")
            )
            found[m.key] = gender
        return found

    def kind(self, m: EntityMention) -> str:
        """The type of a mention's entity."""
        return self.entity_type.get(m.key, m.type)

    def entity_at(self, start: int, end: int) -> EntityMention | None:
        """The first entity mention overlapping text[start:end]."""
        return next(iter(self.entities_in(start, end)), None)

    def entities_in(self, start: int, end: int) -> list[EntityMention]:
        """The entity mentions overlapping text[start:end], in order."""
        first = bisect_left(self.entity_starts, start - self.longest_entity)  # none before ends after start
        return [m for m in self.entities[first : bisect_left(self.entity_starts, end)] if m.end > start]

    def note_mentions(self, tokens: list[Token], p_end: int) -> None:
        """Record the entity mentions of a paragraph (outside quotations) that can be a
        source as candidates: persons, and organisations, countries and groups."""
        if not tokens:
            return
        quoted = [t for t in tokens if t.quoted]
        quoted_starts = [t.start for t in quoted]
        for m in self.entities_in(tokens[0].start, p_end):
            kind = self.kind(m)
            if m.start < tokens[0].start or kind not in SPEAKING_TYPES:
                continue
            k = bisect_right(quoted_starts, m.start) - 1  # the quoted token starting last at or before it
            if k >= 0 and m.start < quoted[k].end:
                continue
            person = kind == "person"
            self.candidates.append(
                {
                    "pos": m.start,
                    "canonical": m.key,
                    "entity": m.key,
                    "gender": self.entity_gender.get(m.key, ""),
                    "person": person,
                    "class": "named",
                    "type": "official/politician" if m.actor else "other",
                    "plural": not person,
                    "mention": True,
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
        """Fill in speaker_entity, speaker_canonical, source_class, source_type, hedges and
        flags of a row, given the quotations of its paragraph and the (start, end) of its sentence."""
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
                    "entity": "",
                    "class": "unresolved",
                    "type": "other",
                    "gender": "",
                    "person": kind != "plural",
                    "plural": kind == "plural",
                }
            elif target.get("entity") in self.spoken:
                target = {**target, **self.spoken[target["entity"]]}
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
        row.speaker_entity = info.get("entity", "")
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
        if row.speaker_entity:
            self.spoken[row.speaker_entity] = {k: info[k] for k in ("class", "type")}
        start, end = min(row.start, sentence_span[0]), max(row.end, sentence_span[1])
        self.reported += [(start, row.speaker_start), (row.speaker_end, end)]
        content_start = self.text.find(row.quote, row.start, row.end) if row.quote else -1
        self.reported_subjects.add(content_start)
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
        """The compatible candidate before `pos` in the nearest sentence that has one, the first
        in that sentence (its subject, roughly: Hobbs's order). Candidates are speakers, and
        entities mentioned outside the sentences of earlier attributions (where their speakers
        come first) or at the start of what one reports ("according to officials, Trump ...");
        the writer's "I", "we" and "you" resolve to speakers only."""
        compatible = [c for c in self.candidates if c["pos"] < pos and self.fits(pronoun, c)]
        if not compatible:
            return None
        sentence = bisect_right(self.sentence_starts, compatible[-1]["pos"])
        return next(c for c in compatible if bisect_right(self.sentence_starts, c["pos"]) == sentence)

    def fits(self, pronoun: str, cand: dict) -> bool:
        """Whether a candidate can be what the pronoun refers to."""
        if cand.get("mention") and (
            pronoun in self.lex.writer_pronouns
            or cand["pos"] not in self.reported_subjects
            and any(a <= cand["pos"] < b for a, b in self.reported)
        ):
            return False
        kind = self.lex.pronoun_kind.get(pronoun, "person")
        if kind in ("male", "female"):
            return cand["person"] and cand["gender"] in ("", kind)
        if kind == "person":
            return cand["person"]
        return not cand["person"] and cand["class"] == "named"

    def describe(self, source: Source, tokens: list[Token], sentence: str) -> dict:
        """Class, type, canonical name, entity, gender and person-ness of a noun-phrase source."""
        lex = self.lex
        phrase_tokens = tokens[source.lo : source.hi]
        phrase = self.text[phrase_tokens[0].start : phrase_tokens[-1].end]
        head = tokens[source.head]
        names = [
            t for i, t in enumerate(phrase_tokens, source.lo) if self.phrases.is_name(tokens, i) and i <= source.head
        ]
        first_word = phrase_tokens[0].low
        info = {
            "canonical": "",
            "entity": "",
            "class": "vague",
            "type": "other",
            "gender": "",
            "person": False,
            "plural": False,
        }
        mentions = self.entities_in(phrase_tokens[0].start, phrase_tokens[-1].end)
        head_noun = head.low
        if source.kind == "name":
            core_tokens = self.name_core(tokens, source)
            core = " ".join(t.text for t in core_tokens)
            in_core = self.entities_in(core_tokens[0].start, core_tokens[-1].end)
            mention = self.linked_entity(head, core_tokens, in_core)
            actor_type = self.actor_types.get(mention.key) if mention and mention.actor else None
            canonical = mention.key if mention else self.full_names.get(core, core)
            entity = mention.key if mention else ""
            joint = list(dict.fromkeys(m.key for m in mentions if self.kind(m) in SPEAKING_TYPES))
            if any(t.low in lex.conjunctions for t in phrase_tokens) and len(joint) > 1:
                canonical, entity = " + ".join(joint), ""
            outlet = lex.outlets.search(phrase)
            titled = any(lex.title_gender.get(t.text) is not None for t in names)
            if mention is not None and not mention.actor:
                is_person = self.kind(mention) == "person" or titled
            else:
                is_person = (
                    actor_type == "person"
                    or titled
                    or (actor_type is None and not outlet and self.looks_like_person(core))
                )
            gender = (
                (self.entity_gender.get(mention.key, "") if mention else "")
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
                entity=entity,
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
                info["canonical"] = self.canonical_of(owner)
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
                info["canonical"] = self.canonical_of(owner)
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
            elif lex.official_terms.search(phrase) or any(m.actor and self.actor_types.get(m.key) for m in mentions):
                info["type"] = "official/politician"
        return info

    def linked_entity(self, head: Token, core: list[Token], in_core: list[EntityMention]) -> EntityMention | None:
        """The entity a name source is: the one mentioned at its head, else one whose mention
        ends the name at its core; none where the model split the name into a person and
        something else ("Ursula von der" + "Leyen")."""
        at_head = self.entity_at(head.start, head.end)
        if at_head is None:
            return next((m for m in in_core if m.end >= core[-1].end), None)
        if self.kind(at_head) == "person" or not any(self.kind(m) == "person" for m in in_core):
            return at_head
        return None

    def name_core(self, tokens: list[Token], source: Source) -> list[Token]:
        """The name of a source: of the capitalised runs in the phrase (titles left out), the
        run at the head if it reads as a person's name, else the first that does, else the run
        at the head; a phrase that is only a title ("the Prime Minister") is named by its title."""
        start, end = tokens[source.lo].start, tokens[source.head].end
        titles = [m.span() for m in self.lex.title_re.finditer(self.text, start, end)]
        runs, run, titled = [], [], []
        for i in range(source.lo, source.head + 1):
            t = tokens[i]
            is_title = any(a <= t.start < b for a, b in titles)
            titled += [t] if is_title else []
            if (self.phrases.is_name(tokens, i) and not is_title) or (run and self.phrases.is_particle(t)):
                run.append(t)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        if not runs:
            return titled or [tokens[source.head]]
        persons = [r for r in runs if r[0].text in self.lex.name_gender or self.is_person_entity(r)]
        return runs[-1] if runs[-1] in persons or not persons else persons[0]

    def is_person_entity(self, run: list[Token]) -> bool:
        mention = self.entity_at(run[0].start, run[-1].end)
        return mention is not None and self.kind(mention) == "person"

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

    def canonical_of(self, owner: Token) -> str:
        """The canonical name of a possessive's owner ("Carney's office"): its entity's key."""
        mention = self.entity_at(owner.start, owner.end)
        return mention.key if mention else self.full_names.get(owner.text, owner.text)
