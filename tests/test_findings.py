import numpy as np
import pandas as pd
from conftest import SEEDS_ISSUE_FRAMES, copy, only_articles

from analysis.measures import corpus as corpus_measure
from analysis.measures import readability, sensationalism, synthesis
from analysis.measures.framing import load_generic_frames, load_issue_frames
from analysis.paths import VALIDATION_DIR
from analysis.pipeline.options import Options
from analysis.report import findings

ANALYSES = ("Tone", "Framing", "The sensationalism index", "Reading difficulty", "Sourcing")
UNSAFE_ID = "a_b*<script>"


def many_articles(tables, copies: int) -> dict[str, pd.DataFrame]:
    """Every per-article table repeated `copies` times under new article ids."""
    return {
        name: pd.concat(
            [table.assign(article_id=table["article_id"] + f"/{i}") for i in range(copies)], ignore_index=True
        )
        for name, table in tables.items()
        if "article_id" in table and name != "entity_tone"
    }


def point(points: list[str], start: str) -> str | None:
    return next((p for p in points if p.startswith(start)), None)


def articles(n: int, outlets=None) -> pd.DataFrame:
    table = pd.DataFrame({"article_id": [f"a{i}" for i in range(n)]})
    if outlets is not None:
        table["outlet"] = [outlets[i % len(outlets)] for i in range(n)]
    return table


# ----------------------------------------------------------------------------- caveats


def test_a_handful_of_articles_is_a_case_study_with_its_real_count():
    assert findings.corpus_caveat(articles(5)).startswith("Five articles are a case study, not a sample")
    assert findings.corpus_caveat(articles(29)).startswith("29 articles are a case study")
    assert findings.corpus_caveat(articles(1)).startswith("One article is a case study")
    assert findings.corpus_caveat(articles(0)).startswith("No article was analysed")
    assert findings.synthesis_corpus_caveat(articles(5)).startswith("- **A small corpus.** Five articles")


def test_many_articles_from_several_outlets_are_a_sample():
    text = findings.corpus_caveat(articles(400, ["BBC", "CNN", "NPR", "unknown"]))
    assert text.startswith("The 400 articles are a sample from 3 outlets (100 articles each; 100 of unknown outlet)")
    assert "(100 to 300 articles each)" in findings.corpus_caveat(articles(400, ["BBC", "CNN", "CNN", "CNN"]))
    assert "not independent draws" in text and "case study" not in text
    assert findings.synthesis_corpus_caveat(articles(400, ["BBC", "CNN"])).startswith(
        "- **A sample.** The 400 articles"
    )


def test_many_articles_from_one_or_no_named_outlet():
    assert "all come from one outlet" in findings.corpus_caveat(articles(50, ["BBC_News"]))
    assert "do not name their outlets" in findings.corpus_caveat(articles(50, ["unknown"]))
    assert "do not name their outlets" in findings.corpus_caveat(articles(50))
    assert "do not name their outlets" in findings.corpus_caveat(articles(50, ["BBC", ""]))


def test_nested_attributions_share_is_computed_from_the_error_table():
    errors = pd.read_csv(VALIDATION_DIR / "attribution_errors.csv")
    dev = errors[errors["dataset"] == "PolNeAR dev"]
    nested = int(dev.loc[dev["error_type"] == findings.NESTED_ATTRIBUTION_ERROR, "count"].iloc[0])
    text = findings.nested_attribution_caveat(errors)
    assert f"{nested / dev['count'].sum():.0%} of the remaining errors ({nested} of {dev['count'].sum()})" in text
    toy = pd.DataFrame(
        {"dataset": ["d", "d"], "error_type": [findings.NESTED_ATTRIBUTION_ERROR, "missed: other"], "count": [1, 3]}
    )
    assert "25% of the remaining errors (1 of 4)" in findings.nested_attribution_caveat(toy, "d")
    assert "no error" in findings.nested_attribution_caveat(toy.head(0), "d")


# ----------------------------------------------------------------------------- corpus


def test_corpus_overview_of_the_seeds_and_of_no_article(results):
    articles, issues = results["articles"], results["issues"]
    text = findings.corpus_overview(articles, issues, "my_corpus")
    assert text.startswith(
        f"The corpus my\\_corpus holds {len(articles)} analysed articles with {articles['n_words'].sum():,} words"
    )
    assert text.endswith("0 files could not be analysed and 0 warnings were recorded.")
    empty = findings.corpus_overview(articles.head(0), issues.head(0), "c")
    assert (
        empty == "The corpus c holds 0 analysed articles. 0 files could not be analysed and 0 warnings were recorded."
    )


def test_cleaning(results):
    log = results["cleaning_log"]
    assert findings.cleaning(log).startswith(f"The cleaner logged {len(log)} actions in ")
    assert findings.cleaning(log.head(0)) == "The cleaner removed and rewrote nothing."


def test_entity_overview_names_the_most_mentioned_and_the_types(results):
    entities = results["entities"]
    types = corpus_measure.entity_types(entities)
    text = findings.entity_overview(entities, types, 5)
    top = entities.iloc[0]
    assert text.startswith(
        f"The entity recognizer found {len(entities)} entities ({entities['n_mentions'].sum():,} mentions"
    )
    assert f"**{top['label']}** ({top['type']}; {top['n_mentions']} mentions in {top['n_articles']} articles)" in text
    assert f"{types['n_entities'].iloc[0]} " in text and entities.iloc[findings.TOP_NAMED_ENTITIES]["label"] not in text
    one = pd.DataFrame([{"label": "Ann <Lee>", "type": "person", "n_mentions": 1, "n_articles": 1}])
    single = findings.entity_overview(one, corpus_measure.entity_types(one), 1)
    assert "1 entity (1 mentions" not in single and ": 1 person. The most mentioned is **Ann &lt;Lee&gt;**" in single
    assert "found no person" in findings.entity_overview(entities.head(0), types.head(0), 3)


def test_actors_file_use_counts_the_actors_found(results):
    entities = results["entities"]
    labels = {entities["entity_id"].iloc[0]: "First", "nobody_here": "Nobody"}
    text = findings.actors_file_use(labels, "my_actors.yaml", entities)
    assert "`my_actors.yaml` labels and merges entities: 1 of its 2 actors is among the entities found" in text
    assert findings.actors_file_use({}, "x.yaml", entities).startswith("No actors file lists anyone here")
    assert findings.actors_file_use({}, "x.yaml", entities.head(0)) == ""
    assert "0 of its 2 actors are among" in findings.actors_file_use(labels, "x.yaml", entities.head(0))


def test_entity_model_caveat_reads_the_model_scores():
    meta = {
        "lang": "en",
        "name": "core_web_sm",
        "version": "3.8.0",
        "sources": [{"name": "OntoNotes 5"}],
        "performance": {"ents_p": 0.9, "ents_r": 0.75, "ents_f": 0.8182},
    }
    text = findings.entity_model_caveat(meta)
    assert "OntoNotes 5" in text and r"en\_core\_web\_sm 3.8.0" in text
    assert "precision 0.90, recall 0.75 and F1 0.82" in text and "25% of entities missed and 10% of those" in text
    assert "records no named-entity scores" in findings.entity_model_caveat({"name": "x"})


# ----------------------------------------------------------------------------- tone


def test_tone_range_names_the_extremes(results):
    summary = results["sentiment"]
    text = findings.tone_range(summary, 0.05)
    ranked = summary.sort_values("mean_compound")
    assert text.startswith(f"Mean sentence tone ranges from {ranked['mean_compound'].iloc[0]:+.3f}")
    assert f"of {len(summary)} the 95% interval excludes zero" in text and "threshold ±0.05" in text
    assert "of 1 the 95% interval" in findings.tone_range(summary.head(1), 0.05)
    assert findings.tone_range(summary.head(0), 0.05) == "No article has a tone score."


def test_tone_range_lists_at_most_ten_articles_and_escapes_ids(results):
    many = pd.concat([results["sentiment"]] * 3, ignore_index=True).assign(ci_low=0.1, ci_high=0.2)
    assert "excludes zero." in findings.tone_range(many, 0.05)
    unsafe = results["sentiment"].head(1).assign(article_id=UNSAFE_ID, ci_low=0.1, ci_high=0.2)
    text = findings.tone_range(unsafe, 0.05)
    assert "<script>" not in text and "a\\_b\\*&lt;script&gt;" in text


def test_headline_gap(results):
    with_headline = results["sentiment"].dropna(subset=["headline_compound"])
    text = findings.headline_gap(with_headline)
    assert text.startswith(f"{len(with_headline)} articles have a headline. The widest gap is in ")
    assert findings.headline_gap(with_headline.head(0)) == "No article has a headline to compare with its body."


def corpus_tone(targeted, sentence, mentions):
    return pd.DataFrame(
        {
            "entity": [f"E{i}" for i in range(len(targeted))],
            "targeted_tone": targeted,
            "sentence_tone": sentence,
            "n_mentions": mentions,
        }
    )


def test_entity_tone_names_the_extremes_and_the_widest_gap():
    tone = corpus_tone([0.2, -0.4, 0.5, -0.9], [0.1, 0.3, 0.45, 0.0], [12, 10, 30, 9])
    text = findings.entity_tone(tone)
    assert text.startswith("Among the entities shown, 3 entities are mentioned at least ten times")
    assert "toward **E1** is the most negative (-0.400, 10 mentions) and toward **E2** the most positive" in text
    assert "parts most from the tone of its sentences for **E1**: -0.400 toward it, +0.300" in text
    assert "E3" not in text  # nine mentions: too few
    same = findings.entity_tone(corpus_tone([0.0, 0.0], [0.1, -0.2], [10, 11]))
    assert "the mean tone toward each is +0.000" in same and "**E1**: +0.000 toward it, -0.200" in same
    assert "none is singled out" in findings.entity_tone(tone.assign(n_mentions=2))
    assert findings.entity_tone(tone.head(0)).startswith("No entity is mentioned in a body sentence")


def test_entity_tone_validation_lists_every_method_or_says_it_is_missing():
    assert "has not been run here (no `validation/entity_tone_scores.csv`)" in findings.entity_tone_validation(None)
    table = pd.DataFrame(
        {
            "method": ["model", "sentence VADER", "published <anchor>"],
            "split": ["held-out", "held-out", "test"],
            "n": [100, 100, np.nan],
            "macro_f1": [0.612, 0.5, 0.83],
            "accuracy": [0.7, 0.55, np.nan],
        }
    )
    text = findings.entity_tone_validation(table)
    assert r"model 0.612, accuracy 0.700 (held\-out, n = 100); sentence VADER 0.500" in text
    assert "published &lt;anchor&gt; 0.830 (test)." in text


# ----------------------------------------------------------------------------- frames and cues


def test_generic_and_issue_frames(results):
    frames = results["frames"]
    labels = load_generic_frames().labels
    generic = frames[frames["scheme"] == "generic"]
    scores = generic.pivot(index="article_id", columns="frame", values="score")[list(labels)]
    text = findings.generic_frames(scores, generic[generic["dominant"]], labels)
    assert text.startswith(f"Across {len(scores)} articles the highest mean score is **")
    assert findings.generic_frames(scores.head(0), generic.head(0), labels).startswith("No article")
    issue_labels = load_issue_frames(SEEDS_ISSUE_FRAMES).labels  # the seeds' results
    issue = frames[frames["scheme"] == "issue"]
    salience = issue.pivot(index="article_id", columns="frame", values="per_1000_words")[list(issue_labels)]
    top = issue[issue["dominant"]].assign(label=lambda t: t["frame"].map(issue_labels))
    text = findings.issue_frames(top, salience, issue_labels)
    assert f"**{top['label'].value_counts().index[0]}**" in text and f"of {len(salience)})" in text
    assert findings.issue_frames(top.head(0), salience, issue_labels) == "No article matches an issue frame."


def test_sensationalism_names_the_highest_and_its_drivers(results):
    rules = sensationalism.load_sensationalism()
    sens, features = results["sensationalism"], results["sensationalism_features"]
    contributions = features.pivot(index="article_id", columns="feature", values="contribution")[rules.ids]
    text = findings.sensationalism(sens, contributions, rules)
    top = sens.sort_values("index").iloc[-1]
    assert f"The highest is {findings.escape_text(top['article_id'])} ({top['index']:.2f}), driven by " in text
    assert findings.sensationalism(sens.head(0), contributions, rules) == "No article has a sensationalism index."


def test_clickbait_headlines_sentence():
    headlines = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "headline": ["Council meets", "You Won't Believe *This*", None],
            "cues": [[], ["second_person", "question_marks"], []],
            "clickbait_probability": [0.2, 0.9, None],
        }
    )
    weights = pd.DataFrame(
        {
            "feature": ["second_person", "question_marks"],
            "label": ["Second-person address", "Question marks"],
            "weight": [1.4, -0.3],
        }
    )
    text = findings.clickbait_headlines(headlines, weights)
    assert text.startswith("The clickbait model calls 1 of 2 headlines clickbait (P >= 0.5).")
    assert "that of b (P = 0.90), “You Won&#x27;t Believe \\*This\\*”; its cues of positive weight: second" in text
    assert "question marks (-0.30)" in text and "largest weights overall" in text
    low = findings.clickbait_headlines(headlines.assign(clickbait_probability=[0.6, 0.1, None]), weights)
    assert "that of a (P = 0.60), “Council meets”; it carries no cue of positive weight" in low
    assert findings.clickbait_headlines(headlines.head(0), weights).startswith("No article has a headline")
    assert "(question\\_lead), so no headline is scored" in findings.clickbait_headlines(
        headlines, weights, ["question_lead"]
    )


def test_framing_validation_paragraphs():
    nfc = pd.read_csv(VALIDATION_DIR / "framing_narrative_frames.csv")
    annotators = pd.read_csv(VALIDATION_DIR / "framing_narrative_frames_annotators.csv")
    humans = annotators[annotators["split"] == "evaluation"].set_index("label")
    clickbait = (
        pd.Series({"value": 0.84, "baseline": 0.5, "anchor": 0.877}),
        pd.Series({"value": 0.91, "baseline": 0.5, "anchor": 0.877}),
    )
    frac = pd.Series({"value": 0.5, "baseline": 0.31})
    names = {"CO": "conflict", "EC": "economic", "HI": "human interest", "MO": "morality", "RE": "resolution"}
    paragraphs = findings.framing_validation(nfc, humans, clickbait, frac, names)
    assert len(paragraphs) == nfc["scoring"].nunique() + 2
    assert paragraphs[0].startswith(f"Generic frames, {nfc['scoring'].iloc[0]}: F1 is above")
    assert "conflict " in paragraphs[-2] and paragraphs[-1].startswith(
        "Clickbait headlines (evaluation half): the clickbait model reaches accuracy 0.910 and the headline index 0.840"
    )


# ----------------------------------------------------------------------------- readability


def test_readability_sentences(results):
    scores = results["readability"]
    body = scores[scores["part"] == "body"].reset_index(drop=True)
    outlets = readability.load_reference()["outlets"]["flesch_reading_ease"]
    assert findings.readability_range(body, outlets).startswith("Flesch Reading Ease of the body runs from ")
    assert findings.readability_range(body.assign(flesch_reading_ease=np.nan), outlets).startswith("No article body")
    short = body.assign(flag_short_text=[True] + [False] * (len(body) - 1))
    assert findings.unscored_bodies(short).startswith("1 article body under 100 words is not scored")
    assert findings.unscored_bodies(body.assign(flag_short_text=False)).startswith("Every article body")
    pair = readability.headline_and_body(scores)
    assert findings.headline_readability(pair, len(body)).startswith(
        f"{len(pair)} articles of {len(body)} have a headline"
    )
    assert findings.headline_readability(pair.head(0), len(body)) == "No article has a detectable headline."


def test_counting_lengths_and_paragraph_sentences(results):
    counting = results["readability_segmentation"]
    assert findings.sentence_counting(counting).startswith("textstat's counter finds more sentences")
    assert findings.sentence_counting(counting.head(0)) == "No article body has a Flesch-Kincaid grade to compare."
    body_sentences = results["sentences"][results["sentences"]["part"] == "body"]
    text = findings.sentence_lengths(body_sentences)
    assert f"the longest body sentence has {body_sentences['n_words'].max()} words" in text
    assert findings.sentence_lengths(body_sentences.head(0)) == "No article has a body sentence."
    paragraphs = results["readability_paragraphs"]
    profile = readability.paragraph_profile(paragraphs, results["articles"]["article_id"])
    text = findings.paragraph_grades(paragraphs, profile, 30)
    assert text.startswith(f"{paragraphs['flesch_kincaid_grade'].notna().sum()} paragraphs of {len(paragraphs)} ")
    ungraded = paragraphs.assign(flesch_kincaid_grade=np.nan)
    assert findings.paragraph_grades(ungraded, profile, 30) == "No paragraph has the 30 words a grade needs."


# ----------------------------------------------------------------------------- sourcing


def test_sourcing_counts_classes(results):
    rows, sourcing = results["attributions"], results["sourcing"]
    first = rows[~rows["inherited"]]
    text = findings.sourcing(rows, sourcing)
    assert text.startswith(f"The extractor found {len(first)} attributions in ")
    assert f"{(first['source_class'] == 'named').sum()} named" in text
    assert findings.sourcing(rows.head(0), sourcing) == "No attribution was found in this corpus."


# ----------------------------------------------------------------------------- synthesis


def test_scorecard_gaps(results):
    card = synthesis.scorecard(results)
    text = findings.scorecard_gaps(card)
    n_headless = int(card["headline_compound"].isna().sum())
    assert text.startswith(f"The scorecard covers {len(card)} articles. Of them, ")
    assert f"{n_headless} article{'s' if n_headless != 1 else ''} ha" in text
    complete = card.assign(
        headline_compound=0.1, ci_low=0.0, flesch_kincaid_grade=9.0, share_named=1.0, top_entity="Someone"
    )
    assert findings.scorecard_gaps(complete).endswith("Every measure applies to every article.")
    no_entity = complete.assign(top_entity=None)
    assert findings.scorecard_gaps(no_entity).endswith(f"Of them, {len(card)} articles have no entity in their body.")


def test_descriptive_statistics_of_one_many_and_no_measures(results):
    card = synthesis.scorecard(results)
    text = findings.descriptive_statistics(card)
    assert text.startswith("- Most sensational: **") and text.count("\n- ") == 4
    n_tops = card["top_entity"].nunique()
    if n_tops == len(card):
        assert (
            f"- Most mentioned entity: each of the {len(card)} articles with an entity in the body has its own" in text
        )
    shared = card.assign(top_entity=["A <b>"] * 3 + ["B"] * (len(card) - 3))
    assert "Most mentioned entity of an article: **A &lt;b&gt;** in 3 articles and **B** in" in (
        findings.descriptive_statistics(shared)
    )
    one = synthesis.scorecard(only_articles(results, [card["article_id"].iloc[0]]))
    assert findings.descriptive_statistics(one).startswith("With one article there is nothing to compare")
    empty = card.assign(**{c: np.nan for c in synthesis.NUMERIC_COLUMNS}, top_entity=None)
    assert findings.descriptive_statistics(empty) == "No measure has a value to compare."
    many = synthesis.scorecard(many_articles(results, 100))
    assert findings.descriptive_statistics(many).startswith("- Most sensational: **")


def test_correlations_by_corpus_size(results):
    card = synthesis.scorecard(results)
    pairs = synthesis.rank_correlations(card)
    text = findings.correlations(pairs, len(card))
    assert "chance alone gives a correlation" in text and f"Correlations on {len(card)} articles" in text
    assert findings.correlations(pairs.head(0), 2).startswith("Too few articles")
    medium = pairs.assign(n_articles=20)
    assert "With 20 articles a correlation must be large" in findings.correlations(medium, 20)
    large = pairs.assign(n_articles=500)
    assert "even with many articles" in findings.correlations(large, 500)
    one_strong = pairs.assign(spearman_rho=[0.9] + [0.0] * (len(pairs) - 1))
    assert "; 1 pair reaches |ρ|" in findings.correlations(one_strong, len(card))


def test_trust_lists_strong_and_weaker_analyses():
    key = pd.DataFrame(
        [
            {
                "analysis": "sentiment",
                "dataset": "d",
                "task": "t",
                "metric": "r",
                "value": 0.9,
                "anchor": 0.9,
                "baseline": 0.5,
                "baseline_name": "majority",
                "n": 10,
            },
            {
                "analysis": "framing",
                "dataset": "d_1",
                "task": "t (x)",
                "metric": "f1",
                "value": 0.7,
                "anchor": 0.8,
                "baseline": 0.68,
                "baseline_name": "always <present>",
                "n": 10,
            },
        ]
    ).assign(vs_baseline=lambda t: t["value"] - t["baseline"], vs_anchor=lambda t: t["value"] - t["anchor"])
    text = findings.trust(key, synthesis.trust_by_analysis(key))
    assert text.startswith("Validation is strong for sentiment: every key figure reaches its anchor")
    assert "It is weaker in places for framing:" in text
    assert "    - d\\_1: t, f1: 0.700 against 0.680 (always &lt;present&gt;)" in text


# ----------------------------------------------------------------------------- index summary


def test_summary_has_computed_sentences_for_every_analysis(results):
    points = findings.summary_points(results, Options())
    for start in ANALYSES:
        assert point(points, start), start
    assert points[-1] == findings.corpus_caveat(results["articles"])
    sens = results["sensationalism"].sort_values("index")
    assert f"{sens['index'].iloc[-1]:.2f} ({sens['article_id'].iloc[-1]})" in point(points, "The sensationalism index")
    n_attributions = int(results["sourcing"]["n_attributions"].sum())
    assert f"{n_attributions:,} attributions" in point(points, "Sourcing")
    generic = results["frames"][results["frames"]["scheme"] == "generic"]
    undecided = generic["article_id"].nunique() - int(generic["dominant"].sum())
    assert (f"{undecided} article" in point(points, "Framing")) == (undecided > 0)
    assert ("no dominant generic frame" in point(points, "Framing")) == (undecided > 0)
    entities = results["entities"]
    found = point(points, f"{len(entities):,} named entities found")
    assert f"the most mentioned: {entities['label'].iloc[0]} ({entities['n_mentions'].iloc[0]:,} mentions)" in found


def test_summary_counts_articles_without_a_dominant_frame(results):
    frames = results["frames"].copy()
    first = frames["article_id"].iloc[0]
    frames.loc[(frames["article_id"] == first) & (frames["scheme"] == "generic"), "dominant"] = False
    points = findings.summary_points({**results, "frames": frames}, Options())
    assert "1 article has no dominant generic frame (too little evidence for any, or a tie)." in point(
        points, "Framing"
    )


def test_summary_of_one_article_without_headline(results):
    article_id = results["articles"]["article_id"].iloc[1]
    tables = only_articles(results, [article_id])
    assert tables["sentiment"]["headline_compound"].isna().all()
    points = findings.summary_points(tables, Options())
    assert point(points, "1 article analysed")
    assert f"in {article_id}" in point(points, "Tone")
    assert not point(points, "Of ")  # no headline to compare
    assert point(points, "Reading difficulty") and point(points, "Sourcing")


def test_summary_without_attributions(results):
    tables = copy(results)
    tables["attributions"] = tables["attributions"].head(0)
    tables["quoted_words"] = tables["quoted_words"].head(0)
    sourcing = tables["sourcing"]
    for column in sourcing.columns[sourcing.columns.str.startswith(("n_", "share_"))]:
        if column != "n_words":
            sourcing[column] = np.nan if column.startswith("share_") else 0
    points = findings.summary_points(tables, Options())
    assert "no attributed statement" in point(points, "Sourcing")
    tables["sourcing"] = sourcing.head(0)
    points = findings.summary_points(tables, Options())
    assert not point(points, "Sourcing") and point(points, "Tone")


def test_summary_with_nan_values_and_tables_missing(results):
    tables = copy(results)
    tables["sentiment"][["ci_low", "ci_high", "headline_compound"]] = np.nan
    tables["readability"]["flesch_kincaid_grade"] = np.nan
    for name in ("frames", "sensationalism", "issues", "cleaning_log"):
        del tables[name]
    points = findings.summary_points(tables, Options())
    assert "no article has enough sentences" in point(points, "Tone")
    assert point(points, "No article body is long enough")
    assert not point(points, "Framing") and not point(points, "The sensationalism index")
    assert findings.summary_points({"articles": results["articles"].head(0)}, Options()) == [
        "0 articles analysed (0 words, 0 body sentences); 0 files skipped, 0 warnings.",
        "No article was analysed, so there is nothing to generalise from.",
    ]


def test_summary_of_thousands_of_articles(results):
    copies = 400
    tables = many_articles(results, copies)
    tables["articles"]["outlet"] = [f"outlet {i % 4}" for i in range(len(tables["articles"]))]
    points = findings.summary_points(tables, Options())
    assert point(points, f"{len(results['articles']) * copies:,} articles analysed")
    assert points[-1].startswith(f"The {len(results['articles']) * copies:,} articles are a sample from 4 outlets")
    assert point(points, "Tone") and point(points, "Sourcing")


def test_summary_is_plain_text_escaped_by_the_site(results):
    tables = only_articles(results, [results["articles"]["article_id"].iloc[0]])
    tables = {
        name: table.assign(article_id=UNSAFE_ID) if "article_id" in table else table for name, table in tables.items()
    }
    assert f"in {UNSAFE_ID}" in point(findings.summary_points(tables, Options()), "Tone")


def test_no_entity_tone_figure_names_the_minimum():
    assert "at least three times" in findings.no_entity_tone_figure(3)


def test_one_group_entity_tone_points_to_the_table():
    assert findings.one_group_entity_tone(403).startswith("The 403 articles form one group")
