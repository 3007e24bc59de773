"""Source attribution: who is quoted or cited, whether they are named, how claims are hedged.

Speech attributions are rule-based, over tokens with character offsets. Per paragraph it finds the
quotations (straight or curly marks, unclosed marks, quotes that run on into the next
paragraph), then per sentence the cues outside quotations: reporting verbs (Krestel et
al.'s lemmas plus news verbs), "according to", "X told <outlet>", statements and documents
issued, poll and report verbs, colon and dash attributions (`Carney made it clear: "..."`).
Each cue gets its source: the subject before the verb (skipping auxiliaries, adverbs and an
appositive between commas), the inverted subject after it (`," said a senior EU
diplomat`), the agent of a passive (`described by one witness`), or the subject of the
clause (`..., saying`). Quotations are attached to the cue next to them; a quotation with
no cue continues the previous speaker's quote. Speakers are linked to the article's entities
(`text.entities`: the named-entity model's mentions merged within the article, an actors
file's ids where a corpus has one); pronouns resolve to a compatible speaker or entity
mentioned before them (the first in the nearest sentence that has one), else are `unresolved`.

Every word list lives in `data/attribution.yaml` under a named key, with a source note per
group; phrase lists are matched with the package's term matcher (`text.match`). Quotations,
tokens and word counts come from the document model (`text.document`). Modules: `lexicon`
(the YAML, checked and compiled), `speakers` (noun phrases and subjects), `cues` (cues and
their frames), `sources` (resolution and classification of sources), `extractor`
(quotations attached to cues), `stances` (sources the dependency parse finds as subjects of
verbs where the speech rules found no source, kept by a fitted model: the `stances` table), `tables` (the
measure's tables).
"""

from __future__ import annotations

import pandas as pd

from ...text.actors import load_actors
from .extractor import extract, extract_article, text_entities
from .lexicon import Lexicon, inflections, load_lexicon
from .record import Attribution
from .stances import load_stance_model
from .tables import (
    ATTRIBUTION_COLUMNS,
    QUOTE_TYPES,
    SOURCE_CLASSES,
    SOURCE_TYPES,
    attribution_table,
    quoted_words_table,
    sourcing_table,
    speaker_label,
    stance_table,
)

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "QUOTE_TYPES",
    "SOURCE_CLASSES",
    "SOURCE_TYPES",
    "Attribution",
    "Lexicon",
    "attribution_table",
    "extract",
    "extract_article",
    "inflections",
    "load_lexicon",
    "quoted_words_table",
    "sourcing_table",
    "load_stance_model",
    "speaker_label",
    "stance_table",
    "tables",
    "text_entities",
]


def tables(corpus, options) -> dict[str, pd.DataFrame]:
    """attributions, sourcing, quoted_words and stances for a corpus."""
    lexicon, actors = load_lexicon(options.attribution_lexicon_file), load_actors(options.actors_file)
    attributions = attribution_table(corpus.articles, lexicon, actors)
    return {
        "attributions": attributions,
        "sourcing": sourcing_table(corpus.articles, attributions, lexicon),
        "quoted_words": quoted_words_table(attributions),
        "stances": stance_table(corpus.articles, lexicon, load_stance_model()),
    }
