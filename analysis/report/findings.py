"""Findings as sentences: the one place where result tables become prose.

Every function is a pure function of result tables (or validation tables) and returns a
string or a list of strings; no number in a finding is typed in. The notebooks' writers
return Markdown, with every piece of article text passed through `escape_text`.
`summary_points` returns plain text for the report index, which HTML-escapes it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..measures import synthesis
from ..measures.synthesis import MIN_ATTRIBUTIONS, scorecard
from ..paths import display_path
from .notebook import escape_text, plural

SAMPLE_MIN_ARTICLES = 30  # fewer articles are a case study, not a sample
RELIABLE_ENTITY_MENTIONS = 10  # fewest mentions for an entity's corpus-level tone to be singled out
EXACT_CHANCE_MAX_ARTICLES = 8  # up to this many articles the chance of a correlation is enumerated
STRONG_CORRELATION = 0.7  # |rho| counted as a strong rank correlation
LONG_SENTENCE_WORDS = 30  # body sentences longer than this are counted as long
NESTED_ATTRIBUTION_ERROR = "spurious: inside reported content (nested attribution)"
_NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _number_word(n: int) -> str:
    """'five' for 5, '29' for 29: numbers up to ten in words."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def _bold_id(article_id) -> str:
    return f"**{escape_text(article_id)}**"


def _listed(names) -> str:
    """'a', 'a and b', 'a, b and c'."""
    names = list(names)
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


# --- Caveats that depend on the corpus ----------------------------------------------------


def _known_outlets(articles: pd.DataFrame) -> pd.Series:
    """The outlet of each article whose outlet the manifest names ('unknown' and empty left out)."""
    if "outlet" not in articles:
        return pd.Series(dtype=object)
    outlets = articles["outlet"].dropna().astype(str).str.strip()
    return outlets[outlets.ne("") & outlets.str.lower().ne("unknown")]


def corpus_caveat(articles: pd.DataFrame) -> str:
    """What a corpus of this size and spread of outlets can and cannot say, from `articles`
    (no article text in it, so it reads the same as Markdown and as plain text), and how many
    of its items are headlines without a body."""
    caveat = _sample_caveat(articles)
    headlines_only = int((articles["n_words"] == 0).sum()) if "n_words" in articles and len(articles) else 0
    if not headlines_only:
        return caveat
    which = "All items are" if headlines_only == len(articles) else f"{headlines_only:,} of {len(articles):,} items are"
    return f"{caveat} {which} headlines without a body: their body measures are empty."


def _sample_caveat(articles: pd.DataFrame) -> str:
    n = len(articles)
    if n == 0:
        return "No article was analysed, so there is nothing to generalise from."
    if n == 1:
        return (
            "One article is a case study, not a sample: its figures describe this text, not its outlet or "
            "coverage in general."
        )
    if n < SAMPLE_MIN_ARTICLES:
        return (
            f"{_number_word(n).capitalize()} articles are a case study, not a sample: differences between them describe these texts, "
            "not outlets or coverage in general."
        )
    per_outlet = _known_outlets(articles).value_counts()
    dependence = (
        "articles of one outlet or on one story are not independent draws, so intervals and correlations "
        "computed over articles are optimistic."
    )
    if len(per_outlet) >= 2:
        return (
            f"The {n:,} articles are a sample from {len(per_outlet):,} outlets ("
            + (
                f"{per_outlet.min():,} articles each"
                if per_outlet.min() == per_outlet.max()
                else f"{per_outlet.min():,} to {per_outlet.max():,} articles each"
            )
            + (f"; {n - per_outlet.sum():,} of unknown outlet" if per_outlet.sum() < n else "")
            + "): differences between outlets describe these articles, and speak for an outlet's coverage "
            "only as far as its articles were sampled at random from it; " + dependence
        )
    source = (
        "all come from one outlet" if len(per_outlet) == 1 and per_outlet.sum() == n else "do not name their outlets"
    )
    return (
        f"The {n:,} articles {source}: they describe this collection, and speak for coverage in general only "
        "as far as they were sampled at random from it; " + dependence
    )


def synthesis_corpus_caveat(articles: pd.DataFrame) -> str:
    """The synthesis' caveat bullet on the corpus: its size and what its statistics describe."""
    if len(articles) < SAMPLE_MIN_ARTICLES:
        return (
            f"- **A small corpus.** {corpus_caveat(articles)} Correlations among a few articles are "
            "descriptive and arise easily by chance."
        )
    return f"- **A sample.** {corpus_caveat(articles)}"


def nested_attribution_caveat(errors: pd.DataFrame, dataset: str = "PolNeAR dev") -> str:
    """The share of nested attributions among the extractor's remaining errors on `dataset`
    (`validation/attribution_errors.csv`), as a caveat bullet."""
    rows = errors[errors["dataset"] == dataset]
    total = int(rows["count"].sum())
    if not total:
        return f"- The extractor made no error on {escape_text(dataset)}."
    nested = int(rows.loc[rows["error_type"] == NESTED_ATTRIBUTION_ERROR, "count"].sum())
    return (
        f"- On {escape_text(dataset)}, {nested / total:.0%} of the remaining errors ({nested:,} of {total:,}) are "
        'nested attributions ("X said that Y told him"), which PolNeAR annotates once and this extractor twice; '
        "the score over every attribution type, including cues outside the speech lexicon, is lower "
        "(the `non_belief_cues` rows of `validation/attribution_summary.csv`)."
    )


# --- The corpus (notebook 1) -------------------------------------------------------------


def corpus_overview(articles: pd.DataFrame, issues: pd.DataFrame, corpus: str) -> str:
    """How many articles, words and sentences the corpus holds, headlines missing, files skipped."""
    skipped = int((issues["severity"] == "skipped").sum())
    warnings = int((issues["severity"] == "warning").sum())
    n_headless = int(articles["headline"].isna().sum())
    size = (
        f" with {articles['n_words'].sum():,} words in {articles['n_sentences'].sum():,} body sentences "
        f"(median article: {articles['n_words'].median():,.0f} words, "
        f"{articles['n_sentences'].median():,.0f} sentences). "
        f"{plural(n_headless, 'article')} {'has' if n_headless == 1 else 'have'} no detectable headline. "
        if len(articles)
        else ". "
    )
    return (
        f"The corpus {escape_text(corpus)} holds {plural(len(articles), 'analysed article')}"
        + size
        + f"{plural(skipped, 'file')} could not be analysed and "
        f"{plural(warnings, 'warning')} {'was' if warnings == 1 else 'were'} recorded."
    )


def cleaning(log: pd.DataFrame) -> str:
    """How many removals and rewrites the cleaner logged, and its most frequent removal."""
    if log.empty:
        return "The cleaner removed and rewrote nothing."
    removed = log[log["action"] == "removed"]
    top_reason = removed["reason"].value_counts()
    return (
        f"The cleaner logged {plural(len(log), 'action')} in {plural(log['article_id'].nunique(), 'article')}: "
        f"{plural(len(removed), 'removal')} and {plural(len(log) - len(removed), 'rewrite')}. "
        + (f"The most frequent removal: {top_reason.index[0]} ({top_reason.iloc[0]})." if len(top_reason) else "")
    )


def _file_name(path) -> str:
    """A configured file as the reports name it: relative to the project root when inside it."""
    return "`" + display_path(Path(path)).replace("`", "") + "`"  # a code span shows its text literally


TYPE_PLURALS = {"person": "people", "country": "countries", "nationality": "nationalities"}
TOP_NAMED_ENTITIES = 5  # entities named in a sentence on who appears


def _type_count(n: int, kind: str) -> str:
    return plural(n, kind, TYPE_PLURALS.get(kind))


def entity_overview(entities: pd.DataFrame, types: pd.DataFrame, n_articles: int) -> str:
    """How many entities of which types the recognizer found and the most mentioned, from
    `entities` (entities.csv) and `corpus.entity_types`, in a corpus of `n_articles`."""
    if entities.empty:
        return (
            "The entity recognizer found no person, organisation, country or place in this corpus, "
            "so there is no table or figure of who appears."
        )
    kinds = _listed(_type_count(int(row["n_entities"]), row["type"]) for _, row in types.iterrows())
    top = [
        f"**{escape_text(row['label'])}** ({row['type']}; {plural(int(row['n_mentions']), 'mention')} "
        f"in {plural(int(row['n_articles']), 'article')})"
        for _, row in entities.head(TOP_NAMED_ENTITIES).iterrows()
    ]
    return (
        f"The entity recognizer found {plural(len(entities), 'entity', 'entities')} "
        f"({plural(int(entities['n_mentions'].sum()), 'mention')} in {plural(n_articles, 'article')}): {kinds}. "
        f"The most mentioned {'is' if len(top) == 1 else 'are'} {_listed(top)}."
    )


def actors_file_use(actor_labels: dict[str, str], actors_file, entities: pd.DataFrame) -> str:
    """What the actors file the results were computed with did: how many of its actors label
    an entity found here (`actor_labels`: actor id -> label; an actor's entity keeps its id).
    Nothing to say without actors or entities."""
    if not actor_labels and entities.empty:
        return ""
    if not actor_labels:
        return (
            "No actors file lists anyone here, so every entity is named as the articles name it. "
            "To give entities your own labels or merge names the rules keep apart, name them in an "
            "actors file (`actors_file` in the corpus configuration, or `--actors FILE`)."
        )
    found = int(entities["entity_id"].isin(actor_labels).sum())
    return (
        f"The actors file {_file_name(actors_file)} labels and merges entities: "
        f"{found:,} of its {plural(len(actor_labels), 'actor')} {'is' if found == 1 else 'are'} among the "
        "entities found, under the file's label and with the aliases it lists."
    )


def entity_model_caveat(meta: dict) -> str:
    """How well the entity model finds entities on its own test data, from the spaCy pipeline's
    `meta` (its recorded name, version, sources and named-entity scores)."""
    performance = meta.get("performance", {})
    name = f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}".strip()
    sources = _listed(source["name"] for source in meta.get("sources", [])[:1]) or "its training data"
    if "ents_f" not in performance:
        return f"The entity model ({escape_text(name)}) records no named-entity scores."
    return (
        f"On the held-out part of {escape_text(sources)}, the entity model ({escape_text(name)}) reaches "
        f"precision {performance['ents_p']:.2f}, recall {performance['ents_r']:.2f} and F1 "
        f"{performance['ents_f']:.2f} for named entities, as its authors report: about "
        f"{1 - performance['ents_r']:.0%} of entities missed and {1 - performance['ents_p']:.0%} of those "
        "found wrong, more on news unlike its training data."
    )


# --- Tone (notebook 2) --------------------------------------------------------------------


def tone_range(summary: pd.DataFrame, threshold: float) -> str:
    """The range of article tone, the intervals that exclude zero and the share of negative sentences."""
    if summary.empty:
        return "No article has a tone score."
    ranked = summary.sort_values("mean_compound")
    low, high = ranked.iloc[0], ranked.iloc[-1]
    excludes_zero = summary[(summary["ci_low"] > 0) | (summary["ci_high"] < 0)]
    return (
        f"Mean sentence tone ranges from {low['mean_compound']:+.3f} ({escape_text(low['article_id'])}) "
        f"to {high['mean_compound']:+.3f} ({escape_text(high['article_id'])}). "
        f"For {plural(len(excludes_zero), 'article')} of {len(summary)} the 95% interval excludes zero"
        + (
            ": " + ", ".join(f"{escape_text(a)}" for a in excludes_zero["article_id"])
            if 0 < len(excludes_zero) <= 10
            else ""
        )
        + f". With threshold ±{threshold}, the share of negative sentences runs from "
        f"{summary['share_negative'].min():.0%} to {summary['share_negative'].max():.0%}."
    )


def headline_gap(with_headline: pd.DataFrame) -> str:
    """The widest gap between a headline's tone and its body's, from the sentiment rows with a headline."""
    if with_headline.empty:
        return "No article has a headline to compare with its body."
    comparable = with_headline.dropna(subset=["mean_compound"])  # headline-only items have no body tone
    if comparable.empty:
        return f"{plural(len(with_headline), 'article')} have a headline; none has a body to compare it with."
    gap = comparable["headline_compound"] - comparable["mean_compound"]
    widest = comparable.loc[gap.abs().idxmax()]
    outside = int((gap.abs() > comparable["ci_high"] - comparable["mean_compound"]).sum())
    return (
        f"{plural(len(with_headline), 'article')} have a headline. The widest gap is in "
        f"{escape_text(widest['article_id'])}: headline {widest['headline_compound']:+.3f} "
        f"against a body mean of {widest['mean_compound']:+.3f}. "
        f"{plural(outside, 'headline')} fall outside the body's 95% interval."
    )


def no_body_figure(figure: str) -> str:
    """Why a figure of body sentences is missing: the corpus holds headlines only."""
    return f"No item has body sentences (the corpus holds headlines only), so there is no {figure}."


def no_entity_tone_figure(min_mentions: int) -> str:
    """Why the figure of tone toward entities per article or group is missing."""
    return (
        f"No entity is mentioned at least {_number_word(min_mentions)} times in the body sentences of one "
        "article (or group), so there is no figure of the tone toward entities per article."
    )


def one_group_entity_tone(n_articles: int) -> str:
    """Why there is no per-group figure of tone toward entities: the corpus is one group."""
    return (
        f"The {plural(n_articles, 'article')} form one group (no manifest column or sub-folder divides them), "
        "so the figure above, over the whole corpus, is the tone toward each entity; "
        "`results/entity_tone.csv` has it per article."
    )


def entity_tone(corpus_tone: pd.DataFrame) -> str:
    """The tone toward the best-mentioned entities and where it parts from the tone of their
    sentences, from `sentiment.corpus_entity_tone`."""
    if corpus_tone.empty:
        return "No entity is mentioned in a body sentence, so there is no tone toward entities to show."
    reliable = corpus_tone[corpus_tone["n_mentions"] >= RELIABLE_ENTITY_MENTIONS].dropna(
        subset=["targeted_tone", "sentence_tone"]
    )
    if reliable.empty:
        return (
            f"No entity shown is mentioned at least {_number_word(RELIABLE_ENTITY_MENTIONS)} times in body "
            "sentences, so none is singled out here; the table below gives every count."
        )
    intro = (
        f"Among the entities shown, {plural(len(reliable), 'entity', 'entities')} "
        f"{'is' if len(reliable) == 1 else 'are'} mentioned at least {_number_word(RELIABLE_ENTITY_MENTIONS)} "
        "times in body sentences; "
    )
    ranked = reliable.sort_values(["targeted_tone", "entity"], kind="stable")
    low, high = ranked.iloc[0], ranked.iloc[-1]
    if low["targeted_tone"] == high["targeted_tone"]:
        text = intro + f"the mean tone toward {'it' if len(reliable) == 1 else 'each'} is {low['targeted_tone']:+.3f}. "
    else:
        text = intro + (
            f"the tone toward **{escape_text(low['entity'])}** is the most negative ({low['targeted_tone']:+.3f}, "
            f"{plural(int(low['n_mentions']), 'mention')}) and toward **{escape_text(high['entity'])}** the most "
            f"positive ({high['targeted_tone']:+.3f}, {plural(int(high['n_mentions']), 'mention')}). "
        )
    gap = (reliable["targeted_tone"] - reliable["sentence_tone"]).abs()
    widest = reliable.loc[gap.sort_values(ascending=False, kind="stable").index[0]]
    text += (
        f"The tone toward an entity parts most from the tone of its sentences for "
        f"**{escape_text(widest['entity'])}**: {widest['targeted_tone']:+.3f} toward it, "
        f"{widest['sentence_tone']:+.3f} for the sentences that mention it. "
    )
    return text + "Mentions in one article are not independent, so corpus-level intervals are optimistic."


def entity_tone_validation(table: pd.DataFrame | None) -> str:
    """The targeted-tone validation (validation/entity_tone_scores.csv: one row per method, with its
    split, n, macro_f1 and accuracy), or what to run when it is missing."""
    if table is None or table.empty:
        return (
            "The validation of tone toward an entity has not been run here (no `validation/entity_tone_scores.csv`): "
            "run `make validate` with `REFERENCE_CORPORA` set (see the README)."
        )
    parts = []
    for _, row in table.iterrows():
        where = [str(row["split"]).replace("_", " ")] if pd.notna(row.get("split")) and str(row["split"]) else []
        if str(row.get("measured", True)) == "False":
            where.append("published, not measured here")
        if pd.notna(row.get("n")):
            where.append(f"n = {int(row['n']):,}")
        scores = [f"{row['macro_f1']:.3f}"] if pd.notna(row.get("macro_f1")) else ["no macro-F1"]
        if pd.notna(row.get("accuracy")):
            scores.append(f"accuracy {row['accuracy']:.3f}")
        parts.append(
            f"{escape_text(str(row['method']).replace('_', ' '))} {', '.join(scores)}"
            + (f" ({escape_text(', '.join(where))})" if where else "")
        )
    return "Macro-F1 of the three classes (negative, neutral, positive) toward a person: " + "; ".join(parts) + "."


# --- Frames and sensationalism (notebook 3) -----------------------------------------------


def generic_frames(scores: pd.DataFrame, dominant: pd.DataFrame, labels: dict[str, str]) -> str:
    """The highest and lowest mean generic-frame score, from the article x frame `scores` and
    the dominant-frame rows."""
    if scores.empty:
        return "No article was scored on the generic frames."
    means = scores.mean().sort_values(ascending=False)
    leading = dominant["frame"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    undecided = len(scores) - dominant["article_id"].nunique()
    led = (
        f"The most frequent dominant frame is **{labels[leading.index[0]]}** ({plural(int(leading.iloc[0]), 'article')}); "
        if len(leading)
        else ""
    )
    return (
        f"Across {plural(len(scores), 'article')} the highest mean score is **{labels[means.index[0]]}** "
        f"({means.iloc[0]:.2f}) and the lowest **{labels[means.index[-1]]}** ({means.iloc[-1]:.2f}). "
        + led
        + f"{plural(undecided, 'article')} {'has' if undecided == 1 else 'have'} no dominant frame (too little "
        f"evidence, or a tie); {plural(int((scores['morality'] == 0).sum()), 'article')} answer no morality question."
    )


def issue_frame_list(terms_by_frame: dict[str, tuple[str, ...]], issue_frames_file) -> str:
    """Which issue frames the results count (label -> dictionary terms, from the issue-frames
    file they were computed with)."""
    n_terms = sum(len(terms) for terms in terms_by_frame.values())
    return (
        f"The issue frames are the {plural(len(terms_by_frame), 'dictionary', 'dictionaries')} of "
        f"{_file_name(issue_frames_file)} ({plural(n_terms, 'term')}): "
        f"{'; '.join(escape_text(label) for label in terms_by_frame)}. Other issues need a dictionary of "
        "their own (`--issue-frames FILE`)."
    )


def issue_frames_caveat(terms_by_frame: dict[str, tuple[str, ...]]) -> str:
    """The caveat bullet on the issue-frame dictionaries: terms shared by several frames."""
    frames_of: dict[str, list[str]] = {}
    for label, terms in terms_by_frame.items():
        for term in dict.fromkeys(t.lower() for t in terms):
            frames_of.setdefault(term, []).append(label)
    shared = {term: labels for term, labels in frames_of.items() if len(labels) > 1}
    overlap = (
        f"{plural(len(shared), 'term')} {'belongs' if len(shared) == 1 else 'belong'} to more than one frame (for example `{escape_text(next(iter(shared)))}`: "
        f"{'; '.join(escape_text(label) for label in next(iter(shared.values())))}), so one word can count for several"
        if shared
        else "no term belongs to two frames"
    )
    return (
        f"- The issue-frame dictionaries count words, not arguments: {overlap}. A term matches wherever it "
        "appears, in any sense; the audit table above shows each match in its sentence. The Policy Frames "
        "Codebook mapping is for comparability, not an equivalence."
    )


def issue_frames(top: pd.DataFrame, salience: pd.DataFrame, labels: dict[str, str]) -> str:
    """The most frequent dominant issue frame and the most and least salient frames, from the
    dominant-frame rows (`label` added) and the article x frame salience."""
    leading = top["label"].value_counts()
    if leading.empty:
        return "No article matches an issue frame."
    mean = salience.mean()
    return (
        f"The most frequent dominant frame is **{escape_text(leading.index[0])}** "
        f"({plural(int(leading.iloc[0]), 'article')} of {len(salience)}). Corpus-wide salience is highest for "
        f"**{escape_text(labels[mean.idxmax()])}** ({mean.max():.1f} matches per "
        f"1,000 words) and lowest for **{escape_text(labels[mean.idxmin()])}** "
        f"({mean.min():.1f})."
    )


def sensationalism(sens: pd.DataFrame, contributions: pd.DataFrame, rules) -> str:
    """The range of the index and what drove the highest, from the sensationalism table, the
    article x feature contributions and the sensationalism rules."""
    if sens.empty:
        return "No article has a sensationalism index."
    most = sens.sort_values("index", ascending=False).iloc[0]
    drivers = contributions.loc[most["article_id"]].sort_values(ascending=False)
    drivers = drivers[drivers > 0]
    return (
        f"The index runs from {sens['index'].min():.2f} to {sens['index'].max():.2f} (of at most "
        f"{sum(f.weight for f in rules.features):g}). The highest is {escape_text(most['article_id'])} "
        f"({most['index']:.2f}), driven by "
        + ", ".join(f"{escape_text(rules.labels[f]).lower()} ({v:.2f})" for f, v in drivers.head(5).items())
        + f'. {plural(int((sens["breaking"] > 0).sum()), "article")} carry "BREAKING"-style labels and '
        f"{plural(int((sens['all_caps'] > 0).sum()), 'article')} use ALL-CAPS words other than acronyms."
    )


def clickbait_headlines(headlines: pd.DataFrame, weights: pd.DataFrame, missing: list[str] = ()) -> str:
    """How many headlines the clickbait model calls clickbait (P >= 0.5); the most
    clickbait-like headline, quoted, with the cues of positive weight it carries; and the
    model's three largest weights. `headlines`: `clickbait.scored_headlines`; `weights`:
    feature, label and weight; `missing`: the model's cues the features file lacks (then
    nothing is scored)."""
    if missing:
        return (
            f"The clickbait model reads cues that this features file does not define "
            f"({', '.join(escape_text(m) for m in missing)}), so no headline is scored: use the packaged "
            "features file, or a model whose features are all in yours."
        )
    top = weights.sort_values(["weight", "label"], ascending=[False, True]).head(3)
    strongest = ", ".join(f"{escape_text(r.label).lower()} ({r.weight:+.2f})" for r in top.itertuples())
    scored = headlines.dropna(subset=["clickbait_probability"])
    if scored.empty:
        return f"No article has a headline, so the clickbait model scores none. Its largest weights: {strongest}."
    most = scored.sort_values(["clickbait_probability", "article_id"], ascending=[False, True]).iloc[0]
    pushing = weights[(weights["weight"] > 0) & weights["feature"].isin(most["cues"])]
    carries = (
        "; its cues of positive weight: " + ", ".join(escape_text(label).lower() for label in pushing["label"])
        if len(pushing)
        else "; it carries no cue of positive weight, so its form (length, word length, stop words) decides"
    )
    called = int((scored["clickbait_probability"] >= 0.5).sum())
    return (
        f"The clickbait model calls {called:,} of {plural(len(scored), 'headline')} clickbait (P >= 0.5). The most "
        f"clickbait-like is that of {escape_text(most['article_id'])} (P = {most['clickbait_probability']:.2f}), "
        f"“{escape_text(most['headline'])}”{carries}. The model's largest weights overall, per standard "
        f"deviation of a feature: {strongest}."
    )


def framing_validation(
    nfc: pd.DataFrame,
    humans: pd.DataFrame,
    clickbait: tuple[pd.Series, pd.Series],
    frac: pd.Series,
    label_names: dict[str, str],
) -> list[str]:
    """Paragraphs on the framing validation: each Narrative Frames scoring, the two annotators
    against each other, clickbait (the accuracy rows of the index and of the model) and FrAC.
    `humans` is the annotators' evaluation rows by label."""
    paragraphs = []
    for scoring, rows in nfc.groupby("scoring", sort=False):
        clear, unclear = rows[rows["f1_gain_low"] > 0], rows[rows["f1_gain_low"] <= 0]
        paragraphs.append(
            f'Generic frames, {scoring}: F1 is above "always present" with the 95% interval of the gain above '
            f"zero for {', '.join(clear['label']) or 'no label'}"
            + (
                f"; the interval includes zero (or lies below it) for {', '.join(unclear['label'])}"
                if len(unclear)
                else ""
            )
            + f". Kappa runs from {rows['kappa'].min():.2f} to {rows['kappa'].max():.2f}; ROC AUC from "
            f"{rows['roc_auc'].min():.2f} to {rows['roc_auc'].max():.2f} (keyword counts: "
            f"{rows['keyword_roc_auc'].min():.2f} to {rows['keyword_roc_auc'].max():.2f})."
        )
    share = (nfc.groupby("label")["kappa"].max() / humans["annotator_kappa"]).loc[list(label_names)]
    paragraphs.append(
        "Two annotators of the corpus, one against the other: on conflict F1 "
        f'{humans.at["CO", "annotator_f1"]:.3f} where "always present" reaches {humans.at["CO", "annotator_baseline_f1"]:.3f}, '
        f"on resolution {humans.at['RE', 'annotator_f1']:.3f} against {humans.at['RE', 'annotator_baseline_f1']:.3f}; "
        f"kappa from {humans['annotator_kappa'].min():.2f} to {humans['annotator_kappa'].max():.2f}. "
        "The best of the three scorings, in kappa, as a share of theirs: "
        + ", ".join(f"{label_names[label]} {value:.0%}" for label, value in share.items())
        + "."
    )
    index, model = clickbait
    paragraphs.append(
        f"Clickbait headlines (evaluation half): the clickbait model reaches accuracy {model['value']:.3f} and the "
        f"headline index {index['value']:.3f}, against {index['baseline']:.3f} for the majority class and "
        f"{index['anchor']:.3f} for 12 features with logistic regression. FrAC: accuracy {frac['value']:.2f} "
        f"against {frac['baseline']:.2f} for the majority class."
    )
    return paragraphs


# --- Readability (notebook 4) -------------------------------------------------------------


def readability_range(body: pd.DataFrame, outlets: dict[str, float]) -> str:
    """Flesch Reading Ease of the bodies against the reference outlets, the consensus grade and
    the median sentence and word length, from the body rows of the readability table."""
    scored = body.dropna(subset=["flesch_reading_ease"])
    if scored.empty:
        return "No article body is long enough for the readability formulas."
    hardest = scored.loc[scored["flesch_reading_ease"].idxmin()]
    easiest = scored.loc[scored["flesch_reading_ease"].idxmax()]
    easiest_outlet, hardest_outlet = max(outlets, key=outlets.get), min(outlets, key=outlets.get)
    below_all = int((scored["flesch_reading_ease"] < outlets[hardest_outlet]).sum())
    above_all = int((scored["flesch_reading_ease"] > outlets[easiest_outlet]).sum())
    return (
        f"Flesch Reading Ease of the body runs from {hardest['flesch_reading_ease']:.1f} "
        f"({escape_text(hardest['article_id'])}) to {easiest['flesch_reading_ease']:.1f} "
        f"({escape_text(easiest['article_id'])}), median {scored['flesch_reading_ease'].median():.1f}. "
        f"{plural(below_all, 'article')} of {len(scored)} read harder than the average article of every "
        f"reference outlet (below {escape_text(hardest_outlet)}'s {outlets[hardest_outlet]:.1f}), "
        f"{plural(above_all, 'article')} easier than all of them (above {escape_text(easiest_outlet)}'s "
        f"{outlets[easiest_outlet]:.1f}). The consensus grade runs from {scored['text_standard'].min():.0f} to "
        f"{scored['text_standard'].max():.0f}; the median article has {scored['words_per_sentence'].median():.1f} "
        f"words per sentence and {scored['syllables_per_word'].median():.2f} syllables per word."
    )


def unscored_bodies(body: pd.DataFrame) -> str:
    """The article bodies too short for the formulas."""
    too_short = body[body["flag_short_text"]]
    if too_short.empty:
        return "Every article body is long enough for the formulas."
    return (
        f"{plural(len(too_short), 'article body', 'article bodies')} under 100 words "
        f"{'is' if len(too_short) == 1 else 'are'} not scored by the formulas: "
        + ", ".join(f"{escape_text(a)}" for a in too_short["article_id"])
        + "."
    )


def headline_readability(pair: pd.DataFrame, n_articles: int) -> str:
    """How headlines' words compare with their bodies', from `readability.headline_and_body`."""
    if pair.empty:
        return "No article has a detectable headline."
    longer_words = int((pair["syllables_per_word_headline"] > pair["syllables_per_word_body"]).sum())
    more_difficult = int((pair["difficult_word_share_headline"] > pair["difficult_word_share_body"]).sum())
    return (
        f"{plural(len(pair), 'article')} of {n_articles} have a headline ({pair['n_words_headline'].min()} to "
        f"{pair['n_words_headline'].max()} words). In {longer_words} of them the headline's words are longer "
        f"(more syllables per word) than the body's, and in {more_difficult} the share of words off the "
        "Dale-Chall list of familiar words is higher."
    )


def sentence_counting(counting: pd.DataFrame) -> str:
    """How textstat's sentence count differs from the segmenter's and moves the Flesch-Kincaid
    grade, from the readability_segmentation table."""
    per_article = counting.drop_duplicates("article_id")
    fk = counting[counting["metric"] == "flesch_kincaid_grade"].dropna(subset=["difference"])
    if fk.empty:
        return "No article body has a Flesch-Kincaid grade to compare."
    widest = fk.loc[fk["difference"].abs().idxmax()]
    more = int((per_article["n_sentences_textstat"] > per_article["n_sentences_package"]).sum())
    fewer = int((per_article["n_sentences_textstat"] < per_article["n_sentences_package"]).sum())
    return (
        f"textstat's counter finds more sentences than the segmenter in {more} of {len(per_article)} article bodies "
        f"and fewer in {fewer} ({per_article['n_sentences_textstat'].sum():,} against "
        f"{per_article['n_sentences_package'].sum():,} in all). The Flesch-Kincaid grade moves by "
        f"{fk['difference'].abs().mean():.2f} grades on average and by up to {abs(widest['difference']):.2f} "
        f"({escape_text(widest['article_id'])}: {widest['textstat_counting']:.2f} with textstat's count, "
        f"{widest['package_counting']:.2f} with the segmenter's)."
    )


def sentence_lengths(body_sentences: pd.DataFrame) -> str:
    """The spread of sentence length across articles, from the body rows of the sentences table."""
    if body_sentences.empty:
        return "No article has a body sentence."
    median = body_sentences.groupby("article_id")["n_words"].median()
    longest = body_sentences.loc[body_sentences["n_words"].idxmax()]
    n_long = int((body_sentences["n_words"] > LONG_SENTENCE_WORDS).sum())
    return (
        f"Median sentence length per article runs from {median.min():.0f} to {median.max():.0f} words; "
        f"the longest body sentence has {longest['n_words']} words ({escape_text(longest['article_id'])}). "
        f"{plural(n_long, 'sentence')} of {len(body_sentences):,} exceed {LONG_SENTENCE_WORDS} words."
    )


def paragraph_grades(paragraphs: pd.DataFrame, profile: pd.DataFrame, min_words: int) -> str:
    """How far paragraph grades spread within an article, from the readability_paragraphs
    table and its `readability.paragraph_profile`."""
    n_graded = int(paragraphs["flesch_kincaid_grade"].notna().sum())
    if not n_graded:
        return f"No paragraph has the {min_words} words a grade needs."
    ranges = profile["max"] - profile["min"]
    return (
        f"{plural(n_graded, 'paragraph')} of {len(paragraphs)} have at least "
        f"{min_words} words and get a grade. Within one article the "
        f"paragraph grades span {ranges.min():.1f} to {ranges.max():.1f} grades "
        f"(widest: {escape_text(ranges.idxmax())})."
    )


# --- Sourcing (notebook 5) ----------------------------------------------------------------


def sourcing(rows: pd.DataFrame, sourcing_table: pd.DataFrame) -> str:
    """How many attributions of each class, hedged and self-referential, and the article with
    the most unnamed sources, from the attributions and sourcing tables."""
    first = rows[~rows["inherited"]]
    if first.empty:
        return "No attribution was found in this corpus."
    by_class = first["source_class"].value_counts()
    hedged, own = int(first["hedged"].sum()), int(first["self_referential"].sum())
    most_unnamed = (
        sourcing_table.assign(unnamed=sourcing_table["share_anonymous"] + sourcing_table["share_vague"])
        .sort_values(["unnamed", "article_id"], ascending=[False, True])
        .iloc[0]
    )
    return (
        f"The extractor found {plural(len(first), 'attribution')} in {plural(first['article_id'].nunique(), 'article')} "
        f"(plus {plural(int(rows['inherited'].sum()), 'quotation')} continuing an earlier speaker): "
        f"{by_class.get('named', 0)} named, {by_class.get('anonymous', 0)} anonymous, {by_class.get('vague', 0)} vague "
        f"and {by_class.get('unresolved', 0)} unresolved (a pronoun linked to no one, not counted as named). "
        f"{plural(hedged, 'attribution')} {'is' if hedged == 1 else 'are'} hedged and "
        f"{plural(own, 'attribution')} {'cites' if own == 1 else 'cite'} the outlet itself. "
        f"The article with the largest share of unnamed sources is {escape_text(most_unnamed['article_id'])} "
        f"({most_unnamed['unnamed']:.0%} anonymous or vague)."
    )


def quoted_words(quoted: pd.DataFrame, labels: dict[str, str] | None = None) -> str:
    """How many words are quoted, who is quoted most and the named speakers' share, from the
    quoted_words table (one row per article and speaker); `labels` names entity ids as the
    figure does."""
    if not len(quoted):
        return "No quotation was attributed in this corpus."
    totals = quoted.groupby("speaker")["n_words"].sum().sort_values(ascending=False)
    total = totals.sum()
    named_share = quoted.loc[quoted["source_class"] == "named", "n_words"].sum() / total
    return (
        f"{total:,} words are quoted in all. The most quoted speaker is "
        f"**{escape_text((labels or {}).get(totals.index[0], totals.index[0]))}** "
        f"({totals.iloc[0]:,} words, {totals.iloc[0] / total:.0%}); named speakers get {named_share:.0%} of the quoted words."
    )


def stances(stance_rows: pd.DataFrame, labels: dict[str, str] | None = None) -> str:
    """How many stance attributions the parse adds, the most frequent verbs and the entity
    that is the source of the most, from the stances table; `labels` names entity ids."""
    if stance_rows.empty:
        return "The parse adds no stance attribution in this corpus."
    cues = stance_rows["cue"].str.lower().value_counts().sort_index().sort_values(ascending=False, kind="stable")
    entities = stance_rows["source_entity"].fillna("").astype(str)  # empty where no entity (NaN once read)
    counts = entities[entities != ""].value_counts()
    linked = counts.sort_index().sort_values(ascending=False, kind="stable")  # ties by name
    common = ", ".join(f"*{escape_text(c)}* ({n})" for c, n in cues.head(3).items())
    text = (
        f"The parse adds {plural(len(stance_rows), 'stance attribution')} in "
        f"{plural(stance_rows['article_id'].nunique(), 'article')}, sources the speech rules did not attribute; "
        f"the most frequent verbs are {common}. "
    )
    if linked.empty:
        return text + "None of them has an entity of its article as source."
    return text + (
        f"{int(linked.sum()):,} of them {'has' if linked.sum() == 1 else 'have'} an entity of their article as "
        "source; the entity with the most "
        f"is **{escape_text((labels or {}).get(linked.index[0], linked.index[0]))}** "
        f"({plural(int(linked.iloc[0]), 'stance')})."
    )


def stance_validation(summary: pd.DataFrame) -> str:
    """The non-belief scores on PolNeAR dev without and with the stance attributions, from the
    attribution validation's summary."""
    rows = summary.set_index("key")["value"]
    alone, both = "attribution.polnear_dev.non_belief_cues", "attribution.polnear_dev.non_belief_cues_with_stances"
    if f"{both}.f1" not in rows or f"{alone}.f1" not in rows:
        return "The stance attributions have not been validated here: rerun the attribution validation."
    return (
        f"Over every attribution except beliefs, intentions and perceptions, the speech extractor alone reaches precision "
        f"{rows[f'{alone}.precision']:.3f}, recall {rows[f'{alone}.recall']:.3f} and F1 {rows[f'{alone}.f1']:.3f}; "
        f"with the stance attributions, precision {rows[f'{both}.precision']:.3f}, recall "
        f"{rows[f'{both}.recall']:.3f} and F1 {rows[f'{both}.f1']:.3f}. The speech-cue score above is that of "
        "the speech rules alone: stance attributions are not in it."
    )


def source_class_changes(classes: pd.DataFrame) -> str:
    """How the source classes moved when speakers became entities, per data set, from the
    attribution validation's source_classes table."""
    if classes.empty:
        return "No source classes were compared."
    parts = []
    for dataset, group in classes.groupby("dataset", sort=False):
        by = group.set_index("source_class")
        moves = ", ".join(
            f"{c} from {int(by.loc[c, 'n_before']):,} ({by.loc[c, 'share_before']:.0%}) to "
            f"{int(by.loc[c, 'n_after']):,} ({by.loc[c, 'share_after']:.0%})"
            for c in by.index
        )
        parts.append(f"on {escape_text(dataset)} ({int(by['n_after'].sum()):,} attributions) {moves}")
    return (
        "With speakers linked to entities, a pronoun that resolves to no one is unresolved, no longer a named "
        '(or, for "they", a vague) source, and pronouns resolve to persons the entity model found as well as '
        "to earlier speakers: " + "; ".join(parts) + "."
    )


def no_attributions() -> str:
    """What the cross-tables of notebook 5 say when no attribution was found."""
    return "No attribution was found in this corpus, so there is nothing to cross-tabulate."


# --- Text reuse (notebook 6) ---------------------------------------------------------------


def reuse_method() -> str:
    """The parameters of the near-duplicate search and of repeated passages, from the measure."""
    from ..measures import reuse

    return (
        f"Parameters: shingles of {reuse.SHINGLE_WORDS} words; MinHash with {reuse.NUM_PERM} permutations "
        f"(seed {reuse.MINHASH_SEED}); locality-sensitive hashing proposes the pairs whose estimated Jaccard "
        f"similarity reaches {reuse.CANDIDATE_THRESHOLD:.2f}, and a pair is kept when the exact similarity of the two "
        f"sets reaches {reuse.JACCARD_THRESHOLD:.2f}; `containment` gives the share of the smaller article's shingles "
        "found in the other (near 1 when one is inside the other); a repeated passage is a run of at least "
        f"{reuse.REPEAT_WORDS} words that occurs twice or more in one body."
    )


def exact_duplicates(issues: pd.DataFrame) -> str:
    """How many files the loader set aside as the same text as an earlier file."""
    same = issues[issues["reason"].astype(str).str.startswith("same text as")] if len(issues) else issues
    if not len(same):
        return "No file repeated the text of another exactly."
    return (
        f"{plural(len(same), 'file')} repeated the text of an earlier file exactly and "
        f"{'was' if len(same) == 1 else 'were'} set aside before the analysis (the issues table of notebook 1 "
        "names each with the file it repeats); the near-duplicates below are among the articles analysed."
    )


def reuse_pairs(pairs: pd.DataFrame, clusters: pd.DataFrame, n_articles: int) -> str:
    """How many near-duplicate pairs and clusters the corpus has, how many pairs are identical
    in their words, and the largest cluster."""
    from ..measures import reuse

    if not len(pairs):
        return (
            f"No two of the {plural(n_articles, 'article')} reach a Jaccard similarity of {reuse.JACCARD_THRESHOLD:.2f} "
            f"between their sets of {reuse.SHINGLE_WORDS}-word shingles: the corpus holds no near-duplicates."
        )
    sizes = clusters.drop_duplicates("cluster_id").set_index("cluster_id")["n_members"]
    identical = int((pairs["jaccard"] >= 1).sum())
    largest = sizes.sort_values(ascending=False, kind="stable")
    members = int(clusters["article_id"].nunique())
    return (
        f"{plural(len(pairs), 'pair')} of articles {'is a near-duplicate' if len(pairs) == 1 else 'are near-duplicates'} "
        f"({plural(identical, 'pair')} with the same {reuse.SHINGLE_WORDS}-word shingles, Jaccard 1), "
        f"joining {plural(members, 'article')} of {n_articles:,} into {plural(len(sizes), 'cluster')}; the largest, "
        f"{_bold_id(largest.index[0])}, has {largest.iloc[0]:,} members."
    )


def repeated_passages(passages: pd.DataFrame, n_articles: int) -> str:
    """How many articles repeat a passage inside their own body, and the longest repeat."""
    from ..measures import reuse

    if not len(passages):
        return f"No article repeats a passage of {reuse.REPEAT_WORDS} words or more inside its own body."
    longest = passages.sort_values(["n_words", "article_id"], ascending=[False, True]).iloc[0]
    n = passages["article_id"].nunique()
    return (
        f"{plural(n, 'article')} of {n_articles:,} {'repeats' if n == 1 else 'repeat'} a passage inside "
        f"{'its' if n == 1 else 'their'} own body (a pasted paragraph, a teaser that is also the lede, "
        f"a block of debris the cleaning missed); the longest repeat runs {longest['n_words']:,} words, in "
        f"{_bold_id(longest['article_id'])}."
    )


def reuse_validation(summary: pd.DataFrame) -> str:
    """Recall per kind of planted copy, precision and false alarms of the held-out planting
    (`validation/reuse_summary.csv`), beside the exact-text baseline."""
    rows = summary.set_index("key")

    def value(task: str, metric: str = "recall") -> float:
        return float(rows.loc[f"reuse.bbc_planted.{task}.{metric}", "value"])

    overall = rows.loc["reuse.bbc_planted.republication.recall"]
    kinds = {
        "verbatim": "verbatim",
        "copy_edit_light": "copy-edited at most 10%",
        "copy_edit_heavy": "copy-edited more",
        "reordered": "reordered",
        "truncated": "cut short",
        "padded": "padded with other text",
    }
    by_kind = ", ".join(f"{label} {value(task):.0%}" for task, label in kinds.items())
    return (
        f"Of {int(overall['n']):,} copies planted into BBC News (the held-out planting: the thresholds were chosen "
        f"on a separate development planting), the measure pairs {overall['value']:.0%} with their "
        f"original ({by_kind}), against {overall['baseline']:.0%} for exact matching of the text; "
        f"{value('republication', 'precision'):.0%} of the pairs it reports are planted copies. It paired "
        f"{value('same_topic', 'share_paired'):.0%} of the different articles on one topic and "
        f"{value('shared_passage', 'share_paired'):.0%} of the articles sharing one paragraph with another."
    )


# --- Credibility signals (notebook 7) --------------------------------------------------------


def office_file(holders) -> str:
    """What the office-holders file covers: offices, terms, and the date it is complete to."""
    n_terms = sum(len(office.holders) for office in holders.offices.values())
    first = min(holder.start for office in holders.offices.values() for holder in office.holders)
    return (
        f"The office-holders file lists {plural(len(holders.offices), 'office')} and {plural(n_terms, 'term')}, "
        f'the earliest from {first.isoformat()}; it is complete to **{holders.as_of.isoformat()}** (its "as of" '
        "date), and knows nothing of later changes."
    )


def _claim_words(n: int) -> str:
    return plural(n, "title-and-name pair")


def office_overview(claims: pd.DataFrame, windows: pd.DataFrame) -> str:
    """How many pairs were found and how they fare at their articles' dates; which articles have
    a false pair or pairs that cannot all be true at once; where the dates came from."""
    n = len(windows)
    if not len(claims):
        return (
            f"No title-and-name pair naming an office of the file was found in the {plural(n, 'article')}, so "
            "there is nothing to check."
        )
    verdicts = claims["verdict"].value_counts()
    with_claims = claims["article_id"].nunique()
    text = (
        f"{_claim_words(len(claims))} in {plural(with_claims, 'article')} of {n:,}: "
        + ", ".join(f"{int(verdicts.get(v, 0)):,} {v}" for v in ("true", "false", "unknown"))
        + " at their article's date."
    )
    sources = windows["date_source"].fillna("").astype(str)
    dated = sources.ne("")
    text += (
        f" Dates: {int((sources == 'metadata').sum()):,} from the metadata, {int((sources == 'dateline').sum()):,} "
        f"from a dateline in the text, {int((~dated).sum()):,} with none."
    )
    false_ids = sorted(claims.loc[claims["verdict"] == "false", "article_id"].astype(str).unique())
    conflicting = windows[windows["consistent"].astype(str).str.lower() == "false"]
    if false_ids:
        shown = ", ".join(_bold_id(a) for a in false_ids[:5]) + (" and others" if len(false_ids) > 5 else "")
        verb = "names" if len(false_ids) == 1 else "name"
        text += f" {plural(len(false_ids), 'article')} {verb} a title that is false at the article's date: {shown}."
    else:
        text += " No pair is false at its article's date."
    if len(conflicting):
        ids = sorted(conflicting["article_id"].astype(str))
        shown = ", ".join(_bold_id(a) for a in ids[:5]) + (" and others" if len(ids) > 5 else "")
        text += (
            f" {plural(len(ids), 'article')} {'pairs' if len(ids) == 1 else 'pair'} titles that cannot all be "
            f"true on any one day: {shown}."
        )
    return text


def office_unknowns(claims: pd.DataFrame) -> str:
    """Why pairs are unknown, most frequent reason first."""
    unknown = claims[claims["verdict"] == "unknown"] if len(claims) else claims
    if not len(unknown):
        return "Every pair found could be checked." if len(claims) else ""
    reasons = unknown["unknown_because"].fillna("").astype(str).value_counts()
    listed = "; ".join(f"{reason} ({count:,})" for reason, count in reasons.items())
    return f"{plural(len(unknown), 'pair')} could not be checked, and none is guessed: {listed}."


def office_validation(summary: pd.DataFrame, target: float = 0.02) -> str:
    """The false-alarm rate of each data set and split (with its interval), against the stated
    target, and the planted cases' recall and false flags (`validation/offices_summary.csv`)."""
    rows = summary.set_index("key")
    splits = [k.split(".")[1] for k in rows.index if k.endswith(".false_alarm_rate") and k.count(".") == 2]
    parts = []
    for split in splits:
        rate = rows.loc[f"offices.{split}.false_alarm_rate"]
        low = rows.get("value", {}).get(f"offices.{split}.false_alarm_rate.ci95_low")
        high = rows.get("value", {}).get(f"offices.{split}.false_alarm_rate.ci95_high")
        interval = (
            f" (95% interval {float(low):.1%} to {float(high):.1%})" if low is not None and high is not None else ""
        )
        parts.append(
            f"{escape_text(rate['dataset'])}: {float(rate['value']):.1%} of {int(rate['n']):,} articles{interval}"
        )
    text = (
        "Share of articles with a title false at their date or titles that cannot all be true at once, "
        f"against a target of under {target:.0%}: " + "; ".join(parts) + "."
    )
    planted = [k for k in rows.index if k.startswith("offices.planted.") and k.endswith(".recall")]
    if planted:
        found = ", ".join(f"{k.split('.')[2].replace('_', ' ')} {float(rows.loc[k, 'value']):.0%}" for k in planted)
        text += f" Planted inconsistencies found: {found}."
        must_not = "offices.planted.must_not_flag.false_flag_rate"
        if must_not in rows.index:
            text += (
                f' Planted forms that must not be flagged (the right holder, a deputy, "then-", an earlier year) '
                f"were flagged in {float(rows.loc[must_not, 'value']):.0%} of {int(rows.loc[must_not, 'n']):,} articles."
            )
    return text


def opacity_validation(summary: pd.DataFrame) -> str:
    """The document rule's hits and their precision by reading, against the marker words alone,
    and the dateline reader on a read sample (`validation/opacity_summary.csv`)."""
    rows = summary.set_index("key")

    def row(key: str):
        return rows.loc[key] if key in rows.index else None

    parts = []
    for dataset, name in (("bbc", "BBC News"), ("polnear", "PolNeAR")):
        hits, precision = (
            row(f"opacity.{dataset}.uncheckable_document.n_hits"),
            row(f"opacity.{dataset}.uncheckable_document.precision"),
        )
        if hits is None or precision is None:
            continue
        parts.append(
            f"{name}: {plural(int(hits['value']), 'hit')} in {int(hits['n']):,} articles, {float(precision['value']):.0%} of the "
            f"{int(precision['n']):,} read correct (marker words alone: {plural(int(hits['baseline']), 'hit')}, "
            f"{float(precision['baseline']):.0%} correct)"
        )
    text = "Documents no reader can check, each hit read in its article: " + "; ".join(parts) + "."
    dateline = [row(f"opacity.polnear.dateline.{m}") for m in ("precision", "recall")]
    if all(r is not None for r in dateline):
        text += (
            f" The dateline reader on {int(dateline[1]['n']):,} datelines of a read sample of PolNeAR articles: "
            f"precision {float(dateline[0]['value']):.0%}, recall {float(dateline[1]['value']):.0%}."
        )
    return text + " Precision from reading a few hits is a guide, not a measurement on annotated data."


def opacity_overview(profile: pd.DataFrame) -> str:
    """How many articles show each opacity signal, and which show the most."""
    from ..measures import opacity

    n = len(profile)
    if not n:
        return "No article was analysed."
    flags = opacity.signal_flags(profile)
    counts = ", ".join(f"{opacity.SIGNAL_LABELS[signal]} in {int(flags[signal].sum()):,}" for signal in opacity.SIGNALS)
    text = (
        f"Of the {plural(n, 'article')}, the signals occur as follows: {counts} (mostly unnamed: at least "
        f"{opacity.UNNAMED_SHARE:.0%} of {opacity.MIN_ATTRIBUTIONS} or more attributions anonymous or vague; "
        f"many hedges: more than {opacity.HEDGE_RATE:g} per 1,000 words)."
    )
    most = profile.sort_values(["n_signals", "article_id"], ascending=[False, True]).iloc[0]
    if most["n_signals"] > 0:
        tied = int((profile["n_signals"] == most["n_signals"]).sum())
        who = _bold_id(most["article_id"]) + (f" and {plural(tied - 1, 'other article')}" if tied > 1 else "")
        text += f" The most signals, {int(most['n_signals'])} of {len(opacity.SIGNALS)}, are in {who}."
    for signal, what in (("no_dateline", "dateline"), ("no_byline", "byline")):
        if n >= 2 and flags[signal].all():
            text += (
                f" No article has a {what}: the signal does not tell these articles apart, and if the corpus was "
                f"collected or exported without {what}s (as many archives are), it says nothing about the articles."
            )
    return text


# --- Synthesis (notebook 8) ---------------------------------------------------------------

_SCORECARD_GAPS = {  # (singular, plural) -> which scorecard rows lack the measure
    ("has no headline", "have no headline"): lambda card: card["headline_compound"].isna(),
    ("has too few sentences for a tone interval", "have too few sentences for a tone interval"): lambda card: (
        card["ci_low"].isna() & card["mean_compound"].notna()
    ),
    ("is too short for the reading formulas", "are too short for the reading formulas"): lambda card: card[
        "flesch_kincaid_grade"
    ].isna(),
    ("has no attribution, so no sourcing shares", "have no attribution, so no sourcing shares"): lambda card: card[
        "share_named"
    ].isna(),
    ("has no entity in its body", "have no entity in their body"): lambda card: card["top_entity"].isna(),
}


def scorecard_gaps(card: pd.DataFrame) -> str:
    """How many articles the scorecard covers and which measures do not apply to some of them."""
    gaps = []
    for (one, many), missing in _SCORECARD_GAPS.items():
        n = int(missing(card).sum())
        if n:
            gaps.append(f"{plural(n, 'article')} {one if n == 1 else many}")
    return f"The scorecard covers {plural(len(card), 'article')}. " + (
        "Of them, " + "; ".join(gaps) + "." if gaps else "Every measure applies to every article."
    )


def _extreme(card: pd.DataFrame, column: str, largest: bool = True):
    """The row with the largest (or smallest) `column`, ties broken by article id; None if none."""
    rows = card.dropna(subset=[column])
    if rows.empty:
        return None
    return rows.sort_values([column, "article_id"], ascending=[not largest, True]).iloc[0]


def descriptive_statistics(card: pd.DataFrame) -> str:
    """The extremes of sensationalism, anonymous sourcing, tone and reading grade, as a list."""
    if len(card) == 1:
        return "With one article there is nothing to compare: its values are in the scorecard above."
    lines = []
    top = _extreme(card, "sensationalism_index")
    if top is not None:
        low = _extreme(card, "sensationalism_index", largest=False)
        lines.append(
            f"Most sensational: {_bold_id(top['article_id'])} (index {top['sensationalism_index']:.2f}); "
            f"least: {_bold_id(low['article_id'])} ({low['sensationalism_index']:.2f})."
        )
    cited = card[card["n_attributions"] >= MIN_ATTRIBUTIONS]
    cited = cited.assign(unnamed=cited["share_anonymous"] + cited["share_vague"])
    anonymous = _extreme(cited, "share_anonymous")
    if anonymous is not None:
        vaguest = _extreme(cited, "unnamed")
        lines.append(
            f"Most anonymous sourcing, among the articles with at least {MIN_ATTRIBUTIONS} attributions: "
            f"{_bold_id(anonymous['article_id'])} ({anonymous['share_anonymous']:.0%} of "
            f"{int(anonymous['n_attributions'])}); the largest share of unnamed sources, anonymous and vague "
            f"together: {_bold_id(vaguest['article_id'])} ({vaguest['unnamed']:.0%})."
        )
    bright = _extreme(card, "mean_compound")
    if bright is not None:
        dark = _extreme(card, "mean_compound", largest=False)
        clear = card[(card["ci_low"] > 0) | (card["ci_high"] < 0)]
        lines.append(
            f"Tone: most positive {_bold_id(bright['article_id'])} ({bright['mean_compound']:+.3f}), most "
            f"negative {_bold_id(dark['article_id'])} ({dark['mean_compound']:+.3f}); "
            f"{plural(len(clear), 'article')} of {len(card)} "
            f"{'has' if len(clear) == 1 else 'have'} a 95% interval that excludes zero."
        )
    hard = _extreme(card, "flesch_kincaid_grade")
    if hard is not None:
        easy = _extreme(card, "flesch_kincaid_grade", largest=False)
        lines.append(
            f"Hardest to read: {_bold_id(hard['article_id'])} (grade {hard['flesch_kincaid_grade']:.1f}); "
            f"easiest: {_bold_id(easy['article_id'])} ({easy['flesch_kincaid_grade']:.1f})."
        )
    tops = card["top_entity"].dropna()
    if len(tops):
        counts = tops.value_counts()
        leading = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]
        if counts.max() == 1 and len(tops) > 1:
            lines.append(
                f"Most mentioned entity: each of the {plural(len(tops), 'article')} with an entity in the "
                "body has its own (see the scorecard)."
            )
        else:
            lines.append(
                "Most mentioned entity of an article: "
                + _listed(f"**{escape_text(label)}** in {plural(int(k), 'article')}" for label, k in leading)
                + f" (of {plural(len(tops), 'article')} with an entity in the body)."
            )
    if not lines:
        return "No measure has a value to compare."
    return "\n".join(f"- {line}" for line in lines)


def correlations(pairs: pd.DataFrame, n_articles: int) -> str:
    """The strongest rank correlation between measures and how far it can be read, from
    `synthesis.rank_correlations` over a corpus of `n_articles`."""
    if pairs.empty:
        return "Too few articles (at least three per pair are needed) to relate the measures."
    strongest = pairs.iloc[0]
    rho, n_strongest = strongest["spearman_rho"], int(strongest["n_articles"])
    n_strong = int((pairs["spearman_rho"].abs() >= STRONG_CORRELATION).sum())
    text = (
        f"Of {plural(len(pairs), 'pair')} of measures, the strongest rank correlation is between "
        f"`{strongest['measure']}` and `{strongest['other_measure']}` (ρ = {rho:+.2f} over "
        f"{plural(n_strongest, 'article')}); {n_strong} {'pair reaches' if n_strong == 1 else 'pairs reach'} "
        f"|ρ| ≥ {STRONG_CORRELATION}. "
    )
    if pairs["n_articles"].max() <= EXACT_CHANCE_MAX_ARTICLES:
        chance = synthesis.chance_of_rank_correlation(n_strongest, rho)
        expected = sum(synthesis.chance_of_rank_correlation(int(k), rho) for k in pairs["n_articles"])
        return text + (
            f"With so few articles this is no evidence of a relation: chance alone gives a correlation at "
            f"least this strong in {chance:.1%} of the orderings of {n_strongest} articles, and across "
            f"{len(pairs)} pairs about {expected:.1f} such correlations are expected with no relation at "
            f"all. Correlations on {plural(n_articles, 'article')} are descriptive, not evidence."
        )
    if n_articles < SAMPLE_MIN_ARTICLES:
        return text + (
            f"With {n_articles} articles a correlation must be large to stand out from chance, and articles "
            "on one story are not independent draws: read these as descriptive."
        )
    return text + (
        "Articles from one outlet or on one story are not independent draws, so even with many articles "
        "these correlations describe the corpus rather than test a hypothesis."
    )


def trust(
    key: pd.DataFrame,
    trust_table: pd.DataFrame,
    margin: float = synthesis.BASELINE_MARGIN,
    tolerance: float = synthesis.ANCHOR_TOLERANCE,
) -> str:
    """Which analyses' validation is strong and where it is weaker, one bullet per analysis with
    the figures close to their baseline, from `synthesis.validation_table` and `trust_by_analysis`."""
    strong = trust_table[
        (trust_table["n_reach_anchor"] == trust_table["n_with_anchor"])
        & (trust_table["n_clear_of_baseline"] == trust_table["n_with_baseline"])
    ]
    weaker = trust_table[~trust_table["analysis"].isin(strong["analysis"])]
    lines = []
    for row in trust_table.itertuples():
        line = f"- **{row.analysis}** ({plural(row.n_figures, 'figure')}): "
        if row.n_with_anchor:
            line += f"{row.n_reach_anchor} of {row.n_with_anchor} reach the published anchor or come within {tolerance} of it"
            line += f" (furthest below: {escape_text(row.furthest_below_anchor)})" if row.furthest_below_anchor else ""
            line += "; "
        line += f"{row.n_clear_of_baseline} of {row.n_with_baseline} lead the trivial baseline by at least {margin}"
        close = key[(key["analysis"] == row.analysis) & (key["vs_baseline"].round(6) < margin)]
        line += ". Close to or below the baseline:" if len(close) else "."
        lines.append(line)
        lines += [
            f"    - {escape_text(synthesis.describe_figure(c))}: {c['value']:.3f} against {c['baseline']:.3f} "
            f"({escape_text(c['baseline_name'])})"
            for _, c in close.iterrows()
        ]
    summary = []
    if len(strong):
        summary.append(
            f"Validation is strong for {_listed(strong['analysis'])}: every key figure reaches its "
            f"anchor and leads its baseline by at least {margin}."
        )
    if len(weaker):
        summary.append(f"It is weaker in places for {_listed(weaker['analysis'])}:")
    return " ".join(summary) + "\n\n" + "\n".join(lines)


# --- The summary on the report index (plain text) -----------------------------------------


def _n(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _extremes(table: pd.DataFrame, column: str, fmt: str, what: str) -> str:
    """'<what> is X in A' (one row) or '<what> runs from X (A) to Y (B), median M'."""
    ranked = table.dropna(subset=[column]).sort_values([column, "article_id"], kind="stable")
    if len(ranked) == 1:
        return f"{what} is {fmt.format(ranked[column].iloc[0])} in {ranked['article_id'].iloc[0]}"
    return (
        f"{what} runs from {fmt.format(ranked[column].iloc[0])} ({ranked['article_id'].iloc[0]}) to "
        f"{fmt.format(ranked[column].iloc[-1])} ({ranked['article_id'].iloc[-1]}), "
        f"median {fmt.format(ranked[column].median())}"
    )


def _corpus_points(tables) -> list[str]:
    articles = synthesis.result_table(tables, "articles", ["article_id", "n_words", "n_sentences"])
    issues = synthesis.result_table(tables, "issues", ["severity"])
    points = [
        f"{_n(len(articles), 'article')} analysed "
        f"({int(pd.to_numeric(articles['n_words'], errors='coerce').fillna(0).sum()):,} words, "
        f"{int(pd.to_numeric(articles['n_sentences'], errors='coerce').fillna(0).sum()):,} body sentences); "
        f"{_n(int((issues['severity'] == 'skipped').sum()), 'file')} skipped, "
        f"{_n(int((issues['severity'] == 'warning').sum()), 'warning')}."
    ]
    removed = synthesis.result_table(tables, "cleaning_log", ["article_id"])
    if len(removed):
        points.append(
            f"The debris rules removed or rewrote {plural(len(removed), 'line or fragment', 'lines or fragments')} in "
            f"{_n(removed['article_id'].nunique(), 'article')}; each is listed with its reason in "
            "cleaning_log.csv, to check that only debris went."
        )
    entities = synthesis.result_table(tables, "entities", ["label", "type", "n_mentions"])
    if len(entities):
        top = entities.head(3)
        points.append(
            f"{plural(len(entities), 'named entity', 'named entities')} found (persons, organisations, places "
            "and the like); the most mentioned: "
            + ", ".join(f"{row['label']} ({int(row['n_mentions']):,} mentions)" for _, row in top.iterrows())
            + "."
        )
    return points


def _tone_points(card: pd.DataFrame) -> list[str]:
    scored = card.dropna(subset=["mean_compound"])
    if scored.empty:
        return []
    with_interval = scored.dropna(subset=["ci_low", "ci_high"])
    excludes = int(((with_interval["ci_low"] > 0) | (with_interval["ci_high"] < 0)).sum())
    text = _extremes(
        scored,
        "mean_compound",
        "{:+.2f}",
        "Tone (VADER, mean of the body sentences' compound scores, -1 negative to +1 positive)",
    )
    if len(scored) == 1 and len(with_interval):
        text += (
            f", with a 95% interval of {with_interval['ci_low'].iloc[0]:+.2f} to "
            f"{with_interval['ci_high'].iloc[0]:+.2f}, which {'excludes' if excludes else 'includes'} neutral."
        )
    elif len(with_interval):
        text += (
            f"; {excludes} of {_n(len(with_interval), 'article')} with enough sentences "
            f"{'has' if excludes == 1 else 'have'} a 95% interval that excludes neutral."
        )
    else:
        text += "; no article has enough sentences for an interval."
    points = [text]
    headlines = scored.dropna(subset=["headline_compound"])
    if len(headlines):
        gap = headlines["headline_compound"] - headlines["mean_compound"]
        points.append(
            f"Of {_n(len(headlines), 'headline')}, scored on their own, {int((gap > 0).sum())} "
            f"{'is' if (gap > 0).sum() == 1 else 'are'} more positive than the article's body and "
            f"{int((gap < 0).sum())} more negative."
        )
    return points


def _framing_points(card: pd.DataFrame, options) -> list[str]:
    from ..measures.framing import load_generic_frames, load_issue_frames

    labels = {
        **load_generic_frames(options.generic_frames_file).labels,
        **load_issue_frames(options.issue_frames_file).labels,
    }
    parts = []
    for column, scheme in (
        ("dominant_generic_frame", "generic frame (Semetko & Valkenburg)"),
        ("dominant_issue_frame", "issue frame"),
    ):
        counts = card[column].dropna().value_counts()
        if counts.empty:
            continue
        leaders = sorted(counts[counts == counts.max()].index)
        names = " and ".join(labels.get(f, f) for f in leaders[:3]) + (" among others" if len(leaders) > 3 else "")
        each = f"{counts.max():,}" if len(leaders) == 1 else f"{counts.max():,} each"
        parts.append(f"the most frequent dominant {scheme} is {names} ({each} of {_n(len(card), 'article')})")
    if not parts:
        return []
    text = "Framing: " + "; ".join(parts) + "."
    unframed = int(card["dominant_generic_frame"].isna().sum())
    if unframed:
        text += (
            f" {_n(unframed, 'article')} {'has' if unframed == 1 else 'have'} no dominant generic frame "
            "(too little evidence for any, or a tie)."
        )
    return [text]


def _sensationalism_points(card: pd.DataFrame, tables) -> list[str]:
    scored = card.dropna(subset=["sensationalism_index"])
    if scored.empty:
        return []
    text = (
        _extremes(
            scored,
            "sensationalism_index",
            "{:.2f}",
            "The sensationalism index (how many kinds of clickbait cue an article uses: "
            '"BREAKING", ALL-CAPS, emoji, hyperbole, outrage words and others)',
        )
        + "."
    )
    breaking = synthesis.result_table(tables, "sensationalism", ["article_id", "breaking"])
    flagged = pd.to_numeric(breaking["breaking"], errors="coerce")
    if flagged.notna().any():
        text += (
            f' Articles with a "BREAKING"-style label: {int((flagged > 0).sum()):,} of {int(flagged.notna().sum()):,}.'
        )
    return [text]


def _readability_points(card: pd.DataFrame) -> list[str]:
    graded = card.dropna(subset=["flesch_kincaid_grade"])
    if graded.empty:
        return ["No article body is long enough (100 words) for the readability formulas."] if len(card) else []
    text = _extremes(
        graded,
        "flesch_kincaid_grade",
        "{:.1f}",
        "Reading difficulty (Flesch-Kincaid grade of the body: the US school grade a reader needs)",
    )
    consensus = graded["reading_grade_consensus"].dropna()
    if len(consensus):
        text += f"; the consensus of the grade formulas gives a median grade of {consensus.median():.0f}"
    text += "."
    ungraded = len(card) - len(graded)
    if ungraded:
        text += f" {_n(ungraded, 'article')} {'is' if ungraded == 1 else 'are'} too short to score."
    return [text]


def _sourcing_points(card: pd.DataFrame, tables) -> list[str]:
    sourcing_table = synthesis.result_table(
        tables,
        "sourcing",
        ["article_id", "n_attributions", "n_named", "n_anonymous", "n_vague", "n_unresolved", "hedges_per_1000_words"],
    )
    if sourcing_table.empty:
        return []
    counts = {
        c: int(pd.to_numeric(sourcing_table[f"n_{c}"], errors="coerce").fillna(0).sum())
        for c in ("named", "anonymous", "vague", "unresolved")
    }
    attributions = pd.to_numeric(sourcing_table["n_attributions"], errors="coerce").fillna(0)
    total = int(attributions.sum()) or sum(counts.values())
    if not total:
        return ['Sourcing: no attributed statement (quotes, "according to", cited documents) was found.']
    points = [
        f"Sourcing: {_n(total, 'attribution')} in {int((attributions > 0).sum()):,} of "
        f"{_n(len(sourcing_table), 'article')}, "
        + ", ".join(f"{counts[c] / total:.0%} {c}" for c in counts)
        + " (anonymous: an unnamed individual; "
        'vague: unnamed groups such as "critics" or "sources"; unresolved: a pronoun such as "he" linked to no '
        "one, not counted as named)."
    ]
    unnamed = card[card["n_attributions"] >= MIN_ATTRIBUTIONS].dropna(subset=["share_anonymous", "share_vague"])
    unnamed = unnamed.assign(unnamed=unnamed["share_anonymous"] + unnamed["share_vague"])
    if len(unnamed) > 1:
        top = unnamed.sort_values(["unnamed", "n_attributions", "article_id"], ascending=[False, False, True]).iloc[0]
        text = (
            f"Among the articles with at least {MIN_ATTRIBUTIONS} attributions, the largest share of unnamed "
            f"sources is in {top['article_id']} ({top['unnamed']:.0%} of {int(top['n_attributions']):,})"
        )
        hedges = card["hedges_per_1000_words"].dropna()
        if len(hedges):
            text += f'; hedges such as "reportedly" run at a median of {hedges.median():.1f} per 1,000 words'
        points.append(text + ".")
    return points


def _reuse_points(tables) -> list[str]:
    pairs = synthesis.result_table(tables, "reuse_pairs", ["article_id", "jaccard"])
    clusters = synthesis.result_table(tables, "reuse_clusters", ["cluster_id", "article_id", "n_members"])
    if not len(pairs):
        return []
    from ..measures import reuse

    return [
        f"{_n(len(pairs), 'pair')} of near-duplicate articles (Jaccard similarity of their "
        f"{reuse.SHINGLE_WORDS}-word shingles at least {reuse.JACCARD_THRESHOLD:.2f}) join "
        f"{_n(clusters['article_id'].nunique(), 'article')} into {_n(clusters['cluster_id'].nunique(), 'cluster')} "
        "of republished or copied stories."
    ]


def _credibility_points(tables) -> list[str]:
    claims = synthesis.result_table(tables, "office_claims", ["article_id", "verdict"])
    windows = synthesis.result_table(tables, "office_windows", ["article_id", "consistent"])
    profile = synthesis.result_table(tables, "opacity", ["article_id", "n_signals", "signals"])
    points = []
    if len(claims):
        false_articles = claims.loc[claims["verdict"] == "false", "article_id"].nunique()
        conflicting = int((windows["consistent"].astype(str).str.lower() == "false").sum())
        points.append(
            f"{_n(len(claims), 'title-and-name pair')} checked against the office-holders file: "
            f"{_n(false_articles, 'article')} {'names' if false_articles == 1 else 'name'} a title false at the "
            f"article's date and {_n(conflicting, 'article')} {'pairs' if conflicting == 1 else 'pair'} titles that "
            "cannot all be true on one day "
            f"({int((claims['verdict'] == 'unknown').sum()):,} pairs could not be checked). A signal for a "
            "fact-checker, not proof of fabrication."
        )
    if len(profile):
        from ..measures import opacity

        flags = opacity.signal_flags(profile)
        told = [s for s in ("unnamed_sources", "uncheckable_document", "self_reference") if flags[s].any()]
        if told:
            points.append(
                "Sources a reader cannot check: "
                + ", ".join(f"{opacity.SIGNAL_LABELS[s]} in {_n(int(flags[s].sum()), 'article')}" for s in told)
                + f" of {len(profile):,}."
            )
    return points


def summary_points(tables: dict[str, pd.DataFrame], options) -> list[str]:
    """Plain-language findings for the report index, computed from the result tables: the
    corpus, then one or two sentences each on tone, framing, sensationalism, readability,
    sourcing, text reuse and the credibility signals, and the corpus caveat of the notebooks. Frames are named as in the frames files
    of `options`, those the tables were computed with. A missing or empty table leaves its
    sentences out."""
    card = scorecard(tables)
    return [
        *_corpus_points(tables),
        *_tone_points(card),
        *_framing_points(card, options),
        *_sensationalism_points(card, tables),
        *_readability_points(card),
        *_sourcing_points(card, tables),
        *_reuse_points(tables),
        *_credibility_points(tables),
        corpus_caveat(synthesis.result_table(tables, "articles", ["article_id"])),
    ]


# --- Over time and between groups ---------------------------------------------------------

_COMPARED = {  # measure: (name, word when higher, word when lower, number format of a difference, unit)
    "mean_compound": ("tone", "more positive", "more negative", "{:.2f}", ""),
    "sensationalism_index": ("sensationalism index", "more sensational", "less sensational", "{:.2f}", " on the index"),
    "flesch_kincaid_grade": ("Flesch-Kincaid grade", "harder to read", "easier to read", "{:.1f}", " grades"),
    "share_named": (
        "share of named sources",
        "attributed more to named sources",
        "attributed less to named sources",
        "{:.0f}",
        " percentage points",
    ),
    "n_words": ("length", "longer", "shorter", "{:,.0f}", " words"),
}
_FORMATS = {
    "mean_compound": "{:+.2f}",
    "sensationalism_index": "{:.2f}",
    "flesch_kincaid_grade": "{:.1f}",
    "share_named": "{:.0%}",
    "n_words": "{:,.0f}",
}


def dates_used(timeline, n_articles: int) -> str:
    """Which articles have a usable date, which were left out and why, and the period chosen
    (from `comparisons.over_time`)."""
    from ..measures import comparisons

    dates = timeline.dates
    if dates.column is None:
        return "The articles have no date column, so nothing is compared over time."
    text = f"{plural(len(dates.dates), 'article')} of {n_articles:,} {'has' if len(dates.dates) == 1 else 'have'} a usable date (column `{escape_text(dates.column)}`)"
    reasons = []
    if dates.n_missing:
        reasons.append(f"{plural(dates.n_missing, 'article')} without a date")
    if dates.n_unreadable:
        reasons.append(f"{plural(dates.n_unreadable, 'article')} whose date could not be read")
    text += f"; left out: {_listed(reasons)}." if reasons else "."
    if timeline.n_periods_with_articles < 2:
        return (
            text + " That is too few dates for a comparison over time (at least two periods with articles are needed)."
        )
    first, last = dates.dates.min(), dates.dates.max()
    rule = (
        f"weeks when the dates span less than {comparisons.WEEKLY_MAX_DAYS} days, months up to five years, years "
        f"beyond, and a coarser period when the finer would hold fewer than {comparisons.MIN_MEAN_PER_PERIOD} "
        "articles on average"
    )
    return text + (
        f" The dates run from {first.day} {first:%B %Y} to {last.day} {last:%B %Y}, so the measures are shown per "
        f"{timeline.period} ({rule}); a period with fewer than {comparisons.MIN_ARTICLES} articles has its "
        "mean without an interval."
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _interval(low: float, high: float, fmt) -> str:
    return f"95% CI {fmt(low)} to {fmt(high)}"


def over_time(timeline) -> str:
    """Per headline measure, the highest and the lowest period mean among the periods with an
    interval, and whether their intervals overlap; as a list."""
    lines = []
    for measure, rows in timeline.table.groupby("measure", sort=False):
        name = _COMPARED.get(measure, (measure,))[0]
        fmt = _FORMATS.get(measure, "{:.2f}").format
        rated = rows.dropna(subset=["ci_low"])
        if len(rated) < 2:
            lines.append(f"{_capital(name)}: fewer than two periods have enough articles for an interval.")
            continue
        ranked = rated.sort_values(["mean", "period_start"], kind="stable")
        low, high = ranked.iloc[0], ranked.iloc[-1]
        apart = high["ci_low"] > low["ci_high"]
        lines.append(
            f"{_capital(name)}: highest in {high['period']} ({fmt(high['mean'])}, "
            f"{_interval(high['ci_low'], high['ci_high'], fmt)}, n = {int(high['n_articles'])}), lowest in "
            f"{low['period']} ({fmt(low['mean'])}, {_interval(low['ci_low'], low['ci_high'], fmt)}, "
            f"n = {int(low['n_articles'])}); "
            + (
                "the two intervals do not overlap."
                if apart
                else "the two intervals overlap, so these periods are not clearly different."
            )
        )
    return "\n".join(f"- {line}" for line in lines)


def groups_used(groups, columns, n_articles: int) -> str:
    """Which column divides the articles into groups (from `comparisons.choose_groups`), how
    many groups and how many articles have no group; or why there is no group comparison."""
    from ..measures import comparisons

    named = [f"`{escape_text(c)}`" for c in columns if c != comparisons.FOLDER]
    tried = (
        f"Neither {named[0]} nor the sub-folders"
        if len(named) == 1
        else f"None of {_listed([*named, 'the sub-folders'])}"
    )
    if groups is None:
        return (
            f"{tried} divides the articles into 2 to {comparisons.MAX_GROUPS} groups "
            "(an empty value or 'unknown' is no group), so no groups are compared."
        )
    what = "sub-folder" if groups.column == comparisons.FOLDER else f"`{escape_text(groups.column)}`"
    text = f"The articles are grouped by {what}: {plural(len(groups.names), 'group')}"
    if groups.n_left_out:
        text += f"; {plural(groups.n_left_out, 'article')} of {n_articles:,} without a known value {'is' if groups.n_left_out == 1 else 'are'} left out"
    return text + "."


def _members(column: str, group: str) -> str:
    from ..measures import comparisons

    if group == comparisons.REST:
        return "the other articles"
    group = f"**{escape_text(group)}**"
    if column in ("outlet", "source", "publisher", "media_name", "sitename"):
        return f"articles from {group}"
    if column == comparisons.FOLDER:
        return f"articles in {group}"
    return f"articles with {escape_text(column)} {group}"


def group_differences(differences: pd.DataFrame) -> str:
    """Each difference between groups in words (from `comparisons.group_differences`): the
    direction and size with its interval where the interval excludes zero, "no clear
    difference" where it spans zero; and what so many intervals can and cannot say."""
    lines = []
    for _, row in differences.iterrows():
        name, higher, lower, number_format, unit = _COMPARED.get(
            row["measure"], (row["measure"], "higher", "lower", "{:.2f}", "")
        )
        scale = 100 if row["measure"] == "share_named" else 1  # shares in percentage points

        def number(value, number_format=number_format, scale=scale):
            return number_format.format(scale * value)

        first = _members(row["group_column"], row["group"])
        second = _members(row["group_column"], row["compared_with"]).removeprefix("articles ")
        if row["compared_with"] != "the rest":
            second = f"those {second}"
        counts = f"n = {int(row['n_group'])} and {int(row['n_compared'])}"
        d = row["difference"]
        if pd.isna(d):
            continue
        if pd.isna(row["ci_low"]):
            lines.append(
                f"{_capital(name)}: {first} differ from {second} by {number(abs(d))}{unit}; too few "
                f"articles for an interval ({counts})."
            )
        elif row["ci_low"] > 0 or row["ci_high"] < 0:
            low, high = sorted((abs(row["ci_low"]), abs(row["ci_high"])))
            lines.append(
                f"{_capital(first)} were {higher if d > 0 else lower} than {second} by {number(abs(d))}{unit} "
                f"(95% CI {number(low)}–{number(high)}, {counts})."
            )
        else:
            lines.append(
                f"{_capital(name)}: no clear difference between {first} and {second}: the first minus the "
                f"second is {number(d)}{unit}, 95% CI {number(row['ci_low'])} to {number(row['ci_high'])} "
                f"({counts}), an interval that includes zero."
            )
    rated = int(differences["ci_low"].notna().sum())
    if rated > 1:
        lines.append(
            f"Of {rated:,} intervals, about one in twenty would exclude zero by chance alone with no real "
            "difference; and a difference between groups can come from the topics or periods each covers, "
            "not only from how its articles are written."
        )
    return "\n".join(f"- {line}" for line in lines)


def scorecard_colours(reference: pd.DataFrame | None) -> str:
    """How the scorecard figure is coloured, from the reference table it reads
    (`synthesis.load_scorecard_reference`; None: not made, fixed scales)."""
    tone = (
        "Tone columns are coloured on the fixed tone scale of every figure, -1 (negative, red) to +1 "
        "(positive, blue), centred on 0"
    )
    if reference is None or reference.empty:
        return (
            f"{tone}. No reference table has been made (`make validate` with the BBC News corpus under "
            "`REFERENCE_CORPORA`), so the other measures are coloured on fixed scales stated under the figure."
        )
    n = int(reference["n_articles"].max())
    return (
        f"{tone}. The other measures are coloured by their percentile among {n:,} "
        f"{escape_text(reference['reference'].iloc[0])} (purple below their median, orange above), the same "
        "whichever rows are shown: a colour says how low or high a value is for that news, not whether it is "
        "good or bad; the note under the figure says what a higher value means."
    )
