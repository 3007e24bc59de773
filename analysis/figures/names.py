"""The name of every saved figure (the file stem of its PNG and SVG), defined once.

Notebooks save the corpus figures under these names in `figures/`; `python -m analysis
validate` saves the validation figures in `validation/figures/`; the report index and the
notebooks look them up by the same names.
"""

from __future__ import annotations

CORPUS_STRUCTURE = "corpus_structure"
ENTITY_MENTIONS = "entity_mentions"
SENTIMENT_DISTRIBUTION = "sentiment_distribution"
SENTIMENT_ARCS = "sentiment_arcs"
ENTITY_TONE = "entity_tone"
ENTITY_TARGETED_TONE = "entity_targeted_tone"
FRAMING_GENERIC = "framing_generic"
FRAMING_ISSUE = "framing_issue"
SENSATIONALISM_FEATURES = "sensationalism_features"
CLICKBAIT_WEIGHTS = "clickbait_weights"
READABILITY_ARTICLES = "readability_articles"
READABILITY_COUNTING = "readability_counting"
READABILITY_SENTENCE_LENGTHS = "readability_sentence_lengths"
READABILITY_PARAGRAPHS = "readability_paragraphs"
ATTRIBUTION_SOURCE_CLASSES = "attribution_source_classes"
ATTRIBUTION_QUOTED_WORDS = "attribution_quoted_words"
REUSE_SIMILARITY = "reuse_similarity"
CREDIBILITY_OFFICE_CLAIMS = "credibility_office_claims"
CREDIBILITY_OPACITY = "credibility_opacity"
SYNTHESIS_SCORECARD = "synthesis_scorecard"

VALIDATION_SENTIMENT = "validation_sentiment"
VALIDATION_FRAMING = "validation_framing"
VALIDATION_READABILITY = "validation_readability"
VALIDATION_ATTRIBUTION = "validation_attribution"

COMPARISON_OVER_TIME = "comparison_over_time"
COMPARISON_GROUP_MEANS = "comparison_group_means"
COMPARISON_GROUP_DIFFERENCES = "comparison_group_differences"
