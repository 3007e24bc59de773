"""The tables of the attribution measure: attributions, sourcing per article, quoted words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...text.actors import ActorList
from ...text.entities import ensure_entities
from .extractor import extract_article
from .lexicon import Lexicon
from .stances import StanceModel, speech_source_spans, stances

SOURCE_CLASSES = ("named", "anonymous", "vague", "unresolved")  # unresolved: a pronoun with no antecedent
SOURCE_TYPES = ("official/politician", "expert", "media", "social_media", "document", "poll", "witness/public", "other")
QUOTE_TYPES = ("direct", "indirect", "according_to", "colon", "mixed", "platform", "document", "poll")
ATTRIBUTION_COLUMNS = [
    "article_id",
    "sentence_id",
    "start",
    "end",
    "speaker",
    "speaker_canonical",
    "speaker_entity",
    "source_class",
    "source_type",
    "cue",
    "quote_type",
    "quote",
    "hedged",
    "hedge",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "quoted_words",
    "inherited",
    "self_referential",
    "unverifiable",
    "sentence",
]
SOURCING_COLUMNS = [
    "article_id",
    "n_words",
    "n_attributions",
    "n_named",
    "n_anonymous",
    "n_vague",
    "n_unresolved",
    "share_named",
    "share_anonymous",
    "share_vague",
    "share_unresolved",
    "n_distinct_sources",
    "n_direct_quotes",
    "n_quoted_words",
    "n_hedged",
    "n_hedges",
    "hedges_per_1000_words",
    "n_self_referential",
    "n_unverifiable",
    "share_unverifiable",
]
STANCE_COLUMNS = [
    "article_id",
    "sentence_id",
    "source",
    "source_entity",
    "cue",
    "probability",
    "source_start",
    "source_end",
    "cue_start",
    "cue_end",
    "sentence",
]
QUOTED_WORDS_COLUMNS = ["article_id", "speaker", "source_class", "n_quotes", "n_words"]
SOURCING_FIELDS = [
    "speaker",
    "speaker_canonical",
    "source_class",
    "quote_type",
    "quoted_words",
    "hedged",
    "inherited",
    "self_referential",
    "unverifiable",
]


def attribution_table(articles, lexicon: Lexicon, actors: ActorList) -> pd.DataFrame:
    """One row per attribution of every article (offsets into each article's clean text). The
    records stay on each article as its `attributions` layer, for the entities measure."""
    ensure_entities(articles, actors)  # the entity model run over all articles at once
    rows = []
    for article in articles:
        article.layers["attributions"] = extract_article(article, lexicon, actors)
        for row in article.layers["attributions"]:
            rows.append({"article_id": article.article_id, **{k: getattr(row, k) for k in ATTRIBUTION_COLUMNS[1:]}})
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    return table.sort_values(["article_id", "start", "inherited"], kind="stable").reset_index(drop=True)


def speaker_label(row) -> str:
    """Who a row counts for: the canonical speaker, else the unnamed source class."""
    return _label(row["speaker_canonical"], row["speaker"], row["source_class"])


def _label(canonical, speaker, source_class) -> str:
    if canonical:
        return canonical
    return speaker if source_class == "named" else f"({source_class} source)"


def sourcing_table(articles, attributions: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """The sourcing profile of each article (one row per article)."""
    rows = []
    by_article: dict[str, list[dict]] = {}
    for record in attributions[["article_id", *SOURCING_FIELDS]].to_dict("records"):
        by_article.setdefault(record["article_id"], []).append(record)
    for article in articles:
        records = by_article.get(article.article_id, [])
        mine = [r for r in records if not r["inherited"]]
        n_words = article.n_words
        outside = " ".join(s.unquoted_text for s in article.sentences)
        n_hedges = sum(1 for _ in lexicon.hedges.pattern.finditer(outside))  # one pass: hedges open with common words
        counts = {k: sum(r["source_class"] == k for r in mine) for k in SOURCE_CLASSES}
        n = len(mine)
        # numpy integers, as pandas counts them, so that the shares round the same way

        def share(k, counts=counts, n=n):
            return round(np.int64(counts[k]) / n, 4) if n else float("nan")

        sources = {speaker_label(r) if r["speaker_canonical"] else r["speaker"].lower() for r in mine}
        n_unverifiable = sum(bool(r["unverifiable"]) for r in mine)
        rows.append(
            {
                "article_id": article.article_id,
                "n_words": n_words,
                "n_attributions": n,
                "n_named": counts["named"],
                "n_anonymous": counts["anonymous"],
                "n_vague": counts["vague"],
                "n_unresolved": counts["unresolved"],
                "share_named": share("named"),
                "share_anonymous": share("anonymous"),
                "share_vague": share("vague"),
                "share_unresolved": share("unresolved"),
                "n_distinct_sources": len(sources),
                "n_direct_quotes": sum(r["quote_type"] in ("direct", "colon", "platform") for r in records),
                "n_quoted_words": sum(int(r["quoted_words"]) for r in records),
                "n_hedged": sum(bool(r["hedged"]) for r in mine),
                "n_hedges": n_hedges,
                "hedges_per_1000_words": round(1000 * n_hedges / n_words, 2) if n_words else float("nan"),
                "n_self_referential": sum(bool(r["self_referential"]) for r in mine),
                "n_unverifiable": n_unverifiable,
                "share_unverifiable": round(np.int64(n_unverifiable) / n, 4) if n else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=SOURCING_COLUMNS)


def quoted_words_table(attributions: pd.DataFrame) -> pd.DataFrame:
    """Words inside quotation marks per article and speaker (tidy: one row per pair)."""
    quoted = attributions[attributions["quoted_words"] > 0].copy()
    if quoted.empty:
        return pd.DataFrame(columns=QUOTED_WORDS_COLUMNS)
    quoted["speaker"] = [
        _label(*row) for row in zip(quoted["speaker_canonical"], quoted["speaker"], quoted["source_class"])
    ]
    table = (
        quoted.groupby(["article_id", "speaker", "source_class"], sort=True)
        .agg(n_quotes=("quoted_words", "size"), n_words=("quoted_words", "sum"))
        .reset_index()
    )
    return table.sort_values(
        ["article_id", "n_words", "speaker"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)[QUOTED_WORDS_COLUMNS]


def stance_table(articles, lexicon: Lexicon, model: StanceModel) -> pd.DataFrame:
    """One row per stance attribution (`stances`) of every article: a source the parse finds
    as the subject of a verb, where the speech extractor found none (mostly verbs outside the
    speech lexicon);
    `source_entity` is the entity whose mention overlaps the subject's head word.
    Reads each article's `parse` and `attributions` layers (`attribution_table` first)."""
    rows = []
    for article in articles:
        taken = speech_source_spans(article.layers["attributions"], lexicon)
        mentions = article.layers["entities"]
        body = [(s.start, s.end) for s in article.body_sentences]  # headlines are not searched
        for found, probability in stances(article.layers["parse"], taken, lexicon, model, body):
            sentence = next((s for s in article.sentences if s.start <= found.cue_start < s.end), None)
            entity = next((m.key for m in mentions if m.start < found.head_end and found.head_start < m.end), "")
            rows.append(
                {
                    "article_id": article.article_id,
                    "sentence_id": sentence.sentence_id if sentence else -1,
                    "source": found.source,
                    "source_entity": entity,
                    "cue": found.cue,
                    "probability": round(probability, 3),
                    "source_start": found.source_start,
                    "source_end": found.source_end,
                    "cue_start": found.cue_start,
                    "cue_end": found.cue_end,
                    "sentence": sentence.text if sentence else "",
                }
            )
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)
