"""The attribution lexicon: `data/attribution.yaml`, checked and compiled into a `Lexicon`.

Phrase lists (hedges, source types, outlets, platforms) are matched with the package's term
matcher (`text.match`): whole words, terms in capitals case-sensitively, and, as for actor
names, not right after a dot."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ...paths import DEFAULT_LEXICON_FILE, display_path
from ...schemas import check, load_yaml
from ...text.match import TermMatcher

# keys whose value is one group with its terms under named classes instead of `terms`
CLASSED_KEYS = {
    "pronouns": ("male", "female", "plural", "neuter", "person"),
    "person_titles": ("male", "female", "neutral"),
    "first_names": ("male", "female"),
}
FORMS_KEY = "irregular_forms"  # groups with `forms` (lemma -> forms) instead of `terms`
# keys read as lower-case word sets, each into the Lexicon field of the same name
WORD_SET_KEYS = (
    "individual_nouns",
    "vague_nouns",
    "organisation_nouns",
    "document_nouns",
    "poll_nouns",
    "determiners",
    "function_words",
    "intro_words",
    "time_words",
    "negations",
    "articles",
    "definite_determiners",
    "demonstratives",
    "floating_quantifiers",
    "name_particles",
    "name_connectors",
    "conjunctions",
    "coordinators",
    "clause_connectives",
    "clause_openers",
    "relative_openers",
    "relative_pronouns",
    "subject_pronouns",
    "inverted_pronouns",
    "non_speaker_pronouns",
    "writer_pronouns",
    "pronoun_heads",
    "indefinite_pronouns",
    "plural_quantifiers",
    "plural_subjects",
    "irregular_plurals",
    "collective_nouns",
    "singular_in_s",
    "be_forms",
    "auxiliaries",
    "verbs_before_to",
    "inversion_adverbs",
    "unambiguous_speech_verbs",
    "platform_verbs",
    "statement_nouns",
    "channel_nouns",
    "channel_prepositions",
    "postmodifier_prepositions",
    "adjectives_before_to",
    "affiliation_prepositions",
    "demonyms",
)
# keys of plain term lists: the word sets above, and lists compiled or read otherwise
TERM_KEYS = (
    "reporting_verbs",
    "inversion_verbs",
    "quote_only_verbs",
    "evidence_verbs",
    "document_verbs",
    "non_speech_cues",
    "speech_cues",
    "hedges",
    "anonymous_phrases",
    "count_words",
    "vague_quantifiers",
    "named_groups",
    "platforms",
    "ambiguous_platforms",
    "outlets",
    "media_nouns",
    "expert_terms",
    "official_terms",
    "witness_terms",
    "self_referential",
    "unverifiable",
    "subject_gap_words",
    "counted_words",
    *WORD_SET_KEYS,
)


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


def check_lexicon(spec, path: Path) -> None:
    """Raise ValueError naming the file and the keys when `spec` lacks the expected structure."""
    if not isinstance(spec, dict):
        raise ValueError(f"{path}: expected a mapping of lexicon keys, found {type(spec).__name__}")
    expected = {*TERM_KEYS, *CLASSED_KEYS, FORMS_KEY}
    problems = [f"missing key {key!r}" for key in sorted(expected - spec.keys())]
    problems += [f"unknown key {key!r}" for key in sorted(spec.keys() - expected, key=str)]
    for key in sorted(expected & spec.keys()):
        value = spec[key]
        if key in CLASSED_KEYS:
            wanted = ("name", "source", *CLASSED_KEYS[key])
            if not isinstance(value, dict) or set(value) != set(wanted):
                problems.append(f"{key!r} must be a mapping with exactly the keys {', '.join(wanted)}")
                continue
            lists = [value[name] for name in CLASSED_KEYS[key]]
        else:
            field_name, kind = ("forms", dict) if key == FORMS_KEY else ("terms", list)
            groups_ok = (
                isinstance(value, list)
                and value
                and all(
                    isinstance(g, dict)
                    and {"name", "source", field_name} <= g.keys()
                    and isinstance(g[field_name], kind)
                    for g in value
                )
            )
            if not groups_ok:
                problems.append(f"{key!r} must be a list of groups, each with name, source and {field_name}")
                continue
            lists = [
                [*g["forms"], *(f for forms in g["forms"].values() for f in forms)] if key == FORMS_KEY else g["terms"]
                for g in value
            ]
        # YAML reads unquoted yes, no, on and off as booleans
        odd = [term for terms in lists for term in terms if not isinstance(term, str)]
        if odd:
            problems.append(f"{key!r} has terms that are not strings (quote them): {odd}")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))


def _terms(spec: dict, key: str) -> list[str]:
    return [t for group in spec[key] for t in group["terms"]]


def _phrases(terms, ignore_case: bool = True) -> TermMatcher:
    """The matcher of a phrase list: whole words, not right after a dot."""
    return TermMatcher(terms, ignore_case=ignore_case, not_after=".")


def _ambiguous_platform_patterns(names) -> list[str]:
    """A platform named by a common word or letter, only as "on X", "X post" or "to X"."""
    return [p for n in map(re.escape, names) for p in (rf"(?<=\bon ){n}\b", rf"\b{n}(?= post)", rf"(?<=\bto ){n}\b")]


@dataclass(frozen=True)
class Lexicon:
    """The compiled lexicons of one attribution YAML file (word sets are lower case)."""

    verb_forms: dict[str, str]  # inflected form -> lemma (reporting verbs)
    lemma_of: dict[str, str]  # any known form -> lemma (also non-speech verbs)
    reporting: frozenset[str]
    quote_only: frozenset[str]
    inversion: frozenset[str]
    evidence: frozenset[str]
    document_verbs: dict[str, str]
    non_speech: frozenset[str]
    speech_cues: frozenset[str]
    named_groups: frozenset[str]
    count_words: frozenset[str]
    vague_quantifiers: frozenset[str]
    pronoun_kind: dict[str, str]
    title_gender: dict[str, str]
    name_gender: dict[str, str]
    platform_names: tuple[str, ...]
    hedges: TermMatcher
    anonymous_phrases: TermMatcher
    platforms: TermMatcher  # platform names, and the ambiguous ones in context
    outlets: TermMatcher
    media_nouns: TermMatcher
    expert_terms: TermMatcher
    official_terms: TermMatcher
    witness_terms: TermMatcher
    self_referential: TermMatcher
    unverifiable: TermMatcher
    counted_words: TermMatcher  # counted words and numbers
    unclosed_cut_re: re.Pattern  # where an attribution cuts an unclosed quotation
    individual_nouns: frozenset[str]
    vague_nouns: frozenset[str]
    organisation_nouns: frozenset[str]
    document_nouns: frozenset[str]
    poll_nouns: frozenset[str]
    determiners: frozenset[str]
    function_words: frozenset[str]
    intro_words: frozenset[str]
    time_words: frozenset[str]
    negations: frozenset[str]
    articles: frozenset[str]
    definite_determiners: frozenset[str]
    demonstratives: frozenset[str]
    floating_quantifiers: frozenset[str]
    name_particles: frozenset[str]
    name_connectors: frozenset[str]
    conjunctions: frozenset[str]
    coordinators: frozenset[str]
    clause_connectives: frozenset[str]
    clause_openers: frozenset[str]
    relative_openers: frozenset[str]
    relative_pronouns: frozenset[str]
    subject_pronouns: frozenset[str]
    inverted_pronouns: frozenset[str]
    non_speaker_pronouns: frozenset[str]
    writer_pronouns: frozenset[str]  # resolve to earlier speakers only, not to mentions
    pronoun_heads: frozenset[str]
    indefinite_pronouns: frozenset[str]
    plural_quantifiers: frozenset[str]
    plural_subjects: frozenset[str]
    irregular_plurals: frozenset[str]
    collective_nouns: frozenset[str]
    singular_in_s: frozenset[str]
    be_forms: frozenset[str]
    auxiliaries: frozenset[str]
    verbs_before_to: frozenset[str]
    inversion_adverbs: frozenset[str]
    unambiguous_speech_verbs: frozenset[str]
    platform_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    channel_prepositions: frozenset[str]
    postmodifier_prepositions: frozenset[str]
    adjectives_before_to: frozenset[str]
    affiliation_prepositions: frozenset[str]
    demonyms: frozenset[str]
    gap_words: frozenset[str]

    @cached_property
    def source_nouns(self) -> frozenset[str]:
        return (
            self.individual_nouns | self.vague_nouns | self.organisation_nouns | self.document_nouns | self.poll_nouns
        )

    @cached_property
    def document_verb_openings(self) -> frozenset[str]:
        """The first words of `document_verbs` (a word that opens none needs no two-word look-up)."""
        return frozenset(v.split(" ")[0] for v in self.document_verbs)

    @cached_property
    def title_re(self) -> re.Pattern:
        """The gendered titles of `title_gender` as whole words, longest first."""
        titles = sorted(self.title_gender, key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in titles) + r")(?!\w)")

    def is_non_speech(self, cue: str) -> bool:
        """True when a cue contains a belief, intention or perception word ("fears", "wants to").
        Cue words are split at hyphens too, so that "live-tweeted" reads as "tweeted"."""
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
    """Read, check and compile an attribution lexicon file (the packaged one by default)."""
    path = Path(path or DEFAULT_LEXICON_FILE)
    spec = load_yaml(path.read_text(encoding="utf-8"))
    check(spec, "attribution", display_path(path))
    check_lexicon(spec, path)
    irregular = {lemma: forms for group in spec[FORMS_KEY] for lemma, forms in group["forms"].items()}

    def forms_of(lemmas) -> dict[str, str]:
        table = {}
        for lemma in lemmas:
            for form in inflections(lemma) | set(irregular.get(lemma, [])):
                table.setdefault(form, lemma)
        return table

    def words(key: str) -> frozenset[str]:
        return frozenset(t.lower() for t in _terms(spec, key))

    reporting = _terms(spec, "reporting_verbs") + _terms(spec, "quote_only_verbs") + _terms(spec, "evidence_verbs")
    non_speech = _terms(spec, "non_speech_cues")
    verb_forms = forms_of(reporting)
    verb_forms.pop("according", None)
    lemma_of = {**forms_of(non_speech), **forms_of(_terms(spec, "speech_cues")), **forms_of(reporting)}
    pronouns, titles, names = spec["pronouns"], spec["person_titles"], spec["first_names"]
    inverted = "|".join(re.escape(t) for t in _terms(spec, "inverted_pronouns"))
    return Lexicon(
        verb_forms=verb_forms,
        lemma_of=lemma_of,
        reporting=frozenset(_terms(spec, "reporting_verbs") + _terms(spec, "quote_only_verbs")),
        quote_only=frozenset(_terms(spec, "quote_only_verbs")),
        inversion=frozenset(_terms(spec, "inversion_verbs")),
        evidence=frozenset(_terms(spec, "evidence_verbs")),
        document_verbs=forms_of(_terms(spec, "document_verbs")),
        non_speech=frozenset(non_speech),
        speech_cues=frozenset(_terms(spec, "speech_cues")),
        named_groups=frozenset(_terms(spec, "named_groups")),
        count_words=frozenset(_terms(spec, "count_words")),
        vague_quantifiers=frozenset(_terms(spec, "vague_quantifiers")),
        pronoun_kind={p: kind for kind in CLASSED_KEYS["pronouns"] for p in pronouns[kind]},
        title_gender={
            **{t: "male" for t in titles["male"]},
            **{t: "female" for t in titles["female"]},
            **{t: "" for t in titles["neutral"]},
        },
        name_gender={**{n: "male" for n in names["male"]}, **{n: "female" for n in names["female"]}},
        platform_names=tuple(_terms(spec, "platforms")),
        hedges=_phrases(_terms(spec, "hedges")),
        anonymous_phrases=_phrases(_terms(spec, "anonymous_phrases")),
        platforms=TermMatcher(
            _terms(spec, "platforms"),
            _ambiguous_platform_patterns(_terms(spec, "ambiguous_platforms")),
            ignore_case=False,
            not_after=".",
        ),
        outlets=_phrases(_terms(spec, "outlets"), ignore_case=False),
        media_nouns=_phrases(_terms(spec, "media_nouns")),
        expert_terms=_phrases(_terms(spec, "expert_terms")),
        official_terms=_phrases(_terms(spec, "official_terms")),
        witness_terms=_phrases(_terms(spec, "witness_terms")),
        self_referential=_phrases(_terms(spec, "self_referential")),
        unverifiable=_phrases(_terms(spec, "unverifiable")),
        counted_words=TermMatcher(_terms(spec, "counted_words"), [r"\b\d+\b"]),
        unclosed_cut_re=re.compile(rf"[,.?!]\s+(?:(?:{inverted}|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s+)?(\w+)"),
        gap_words=words("subject_gap_words"),
        **{key: words(key) for key in WORD_SET_KEYS},
    )
