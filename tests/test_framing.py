import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import SEEDS_ISSUE_FRAMES, SEEDS_OPTIONS

from analysis.measures import framing
from analysis.text.document import Article, build_article
from analysis.text.load import Corpus
from analysis.text.match import read_word_runs
from analysis.validation import SUMMARY_COLUMNS, metrics
from analysis.validation import framing as vf
from analysis.validation.clickbait import read_headlines

RULES = framing.load_generic_frames()
ISSUE = framing.load_issue_frames()  # the packaged default: the Policy Frames Codebook dictionary


def triggered(*sentences: str) -> set[str]:
    """Items whose rule any of the sentences triggers."""
    return {h.item for h in RULES.hits(list(sentences))}


# One positive and one negative example for each of the 20 questions.
EXAMPLES = {
    "government_can_alleviate": (
        "The government could help families by cutting fuel taxes.",
        "The weather was cold in the capital.",
    ),
    "government_responsible": (
        "Critics say the government failed to prepare for the floods.",
        "The government met on Tuesday.",
    ),
    "solution_suggested": ("Experts proposed a solution to the housing shortage.", "Prices rose last year."),
    "individual_responsible": ("The fire was caused by a discarded cigarette.", "A fire broke out downtown."),
    "urgent_action": ("Scientists say urgent action is needed.", "The report was published on Monday."),
    "human_example": ("Maria Lopez, a 34-year-old nurse, lost her job.", "The committee adopted the report."),
    "emotional_language": ("It was a heartbreaking scene.", "The committee adopted the report."),
    "how_affected": ("Thousands of families were affected by the closures.", "The committee adopted the report."),
    "private_lives": ("He spent the weekend with his wife and children.", "He spent the weekend at the summit."),
    "emotive_visuals": ("Video footage showed terrified children fleeing.", "The video was posted online."),
    "disagreement": ("The unions and the government clashed over pensions.", "Tensions rose in the afternoon."),
    "reproach": ("The opposition accused the government of lying.", "The minister criticised the weather."),
    "two_sides": ("Supporters and opponents of the bill rallied outside.", "The bill was passed."),
    "winners_losers": ("Farmers are the biggest losers of the trade deal.", "Farmers met in the capital."),
    "moral_message": ("Critics called the decision immoral.", "The decision was announced today."),
    "morality_religion": (
        "The bishop said the church would pray for the victims.",
        "The council said the bridge would reopen.",
    ),
    "social_prescription": ("We must all reduce our energy use.", "They reduced their energy use."),
    "financial_gain_loss": ("The company reported losses of $3 billion.", "The company hired a new chief."),
    "costs": ("The project will cost taxpayers dearly.", "The project began in spring."),
    "economic_consequences": (
        "The tariffs could hurt jobs in the auto sector.",
        "The tariffs were discussed at length.",
    ),
}


def test_every_question_has_examples():
    assert {item.id for item in RULES.items} == set(EXAMPLES)
    assert len(RULES.items) == 20
    sizes = {frame: sum(i.frame == frame for i in RULES.items) for frame, _ in RULES.frames}
    assert sizes == {"responsibility": 5, "human_interest": 5, "conflict": 4, "morality": 3, "economic": 3}


@pytest.mark.parametrize("item", sorted(EXAMPLES))
def test_rule_positive_example(item):
    assert item in triggered(EXAMPLES[item][0])


@pytest.mark.parametrize("item", sorted(EXAMPLES))
def test_rule_negative_example(item):
    assert item not in triggered(EXAMPLES[item][1])


def test_reproach_needs_two_different_parties_and_no_negation():
    assert "reproach" in triggered("The plan was criticised by environmental groups.")
    assert "reproach" not in triggered("The minister did not criticise the unions.")
    assert "reproach" not in triggered("He criticised his own record.")  # he / his: one party
    assert "reproach" in triggered("She accused him of lying.")


def test_demand_for_action_is_structural():
    assert "urgent_action" in triggered("The mayor urged residents to leave their homes.")
    assert "urgent_action" not in triggered("Urged on by the crowd.")  # no party before the verb


def test_two_sides_from_a_contrasting_statement_by_another_party():
    first = "The union leaders said the deal was fair."
    assert "two_sides" in triggered(first, "But the companies argued that it would cost jobs.")
    assert "two_sides" not in triggered(first, "But he said it would take time.")  # same speaker, a pronoun
    assert "two_sides" not in triggered("But the companies argued that it would cost jobs.")  # nothing before


def test_two_sides_within_one_sentence():
    assert "two_sides" in triggered("Environmental groups condemned the plan, but the governor defended it.")
    assert "two_sides" in triggered("The unions said the deal was fair, while the companies called it ruinous.")
    assert "two_sides" not in triggered("Environmental groups condemned the plan, but the weather was bad.")


def test_reproach_as_a_partys_attack_on_something():
    assert "reproach" in triggered("The Republican assault on the Green New Deal began on Wednesday.")
    assert "reproach" not in triggered("An assault on the village killed three people.")  # no party
    # "attack on" is left out: security news uses it literally
    assert "reproach" not in triggered(
        "Let's be clear about what Article 5 means: an attack on one NATO member is an attack on all."
    )


def test_solutions_are_remedies_aimed_at_a_problem():
    assert "solution_suggested" in triggered("The city plans to tackle the housing crisis.")
    assert "solution_suggested" in triggered("Governments must cut carbon emissions this decade.")
    assert "solution_suggested" in triggered("A carbon tax is the best path to curb pollution.")
    assert "solution_suggested" not in triggered("The budget calls for a 14% cut in funding.")  # no problem named
    assert "solution_suggested" not in triggered("Rising seas will expose lower Manhattan to daily flooding.")
    assert "solution_suggested" not in triggered("He plans to announce new members next week.")
    assert "government_can_alleviate" in triggered("The federal government is working to reduce flooding risks.")


def test_disagreement_needs_two_distinct_parties():
    assert "disagreement" in triggered("Talks between France and Germany ended in a dispute.")
    assert "disagreement" not in triggered("The dispute ended.")
    assert "disagreement" in triggered("Officials in California sued the federal government over the rules.")
    assert "disagreement" not in triggered("The lawsuit was filed on Monday.")
    assert "disagreement" not in triggered("Some Inuit leaders fear climate-driven challenges like melting ice.")


def test_parties_are_names_group_nouns_and_pronouns():
    found = RULES.parties.spans("But Prime Minister Mark Carney of the Bank of England met the unions and them.")
    assert [(key, named) for _, _, key, named in found] == [
        ("prime minister mark carney", True),
        ("bank of england", True),
        ("unions", True),
        ("they", False),
    ]
    # a lone capitalised first word is a name only where the article capitalises it inside a sentence
    assert RULES.parties.spans("Economically, it failed.", frozenset()) == []
    assert RULES.parties.spans("Carney spoke.", frozenset({"Carney"}))[0][2] == "carney"


def test_name_connectors_and_pronoun_persons_come_from_the_rules_file(tmp_path):
    spec = yaml.safe_load(framing.DEFAULT_GENERIC_FRAMES_FILE.read_text(encoding="utf-8"))
    spec["name_connectors"]["terms"] = ["de"]
    spec["pronoun_persons"]["persons"] = {"them": "others"}
    path = tmp_path / "generic_frames.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    found = framing.load_generic_frames(path).parties.spans("Bank of England met Charles de Gaulle and them.")
    assert [key for _, _, key, _ in found] == ["bank", "england", "charles de gaulle", "others"]


def test_frame_score_is_the_mean_of_its_answers():
    hits = RULES.hits(["The opposition accused the government of lying.", "Farmers are the biggest losers."])
    scores = RULES.scores(hits)
    answers = RULES.answers(hits)
    conflict = [n > 0 for (frame, _), n in answers.items() if frame == "conflict"]
    assert scores["conflict"] == pytest.approx(sum(conflict) / 4)
    assert scores["economic"] == 0.0
    assert RULES.scores([]) == dict.fromkeys(RULES.labels, 0.0)


def article(text: str, article_id: str = "a") -> Article:
    return build_article(article_id, f"{article_id}.txt", text)


def test_issue_frames_salience_dominant_frame_and_evidence_offsets():
    a = article("Tariffs and trade\n\nNATO troops held exercises. The tariff costs rose. Trade fell.")
    corpus = Corpus(Path("."), [a], [])
    tables = framing.frame_tables(corpus, SEEDS_ISSUE_FRAMES)
    issue = tables["frames"][tables["frames"]["scheme"] == "issue"].set_index("frame")
    assert issue.loc["economy_trade_tariffs", "hits"] == 5  # Tariffs, trade, tariff, costs, Trade
    assert issue.loc["security_military_nato", "hits"] == 3  # NATO, troops, exercises
    n_words = 13
    assert issue.loc["economy_trade_tariffs", "per_1000_words"] == pytest.approx(round(1000 * 5 / n_words, 3))
    assert issue["dominant"].sum() == 1 and issue.loc["economy_trade_tariffs", "dominant"]
    assert issue["score"].sum() == pytest.approx(1.0, abs=1e-3)
    evidence = tables["frame_evidence"]
    for row in evidence.itertuples():
        if framing.PIECE_SEPARATOR not in row.matched_text:
            assert a.clean_text[row.start : row.end] == row.matched_text
    assert list(tables["frames"].columns) == framing.FRAMES_COLUMNS
    assert list(evidence.columns) == framing.EVIDENCE_COLUMNS


@pytest.mark.parametrize(
    "text, dominant",
    [
        ("Tariffs and trade\n\nThe tariff costs rose. Trade fell.", "economy_trade_tariffs"),
        ("Tariffs\n\nThe tariffs rose. Tariffs fell.", None),  # three sentences, one word
        ("Tariffs and trade\n\nThe costs rose. Nothing else happened.", None),  # two sentences
        ("Trade talks\n\nNATO troops and trade. Tariffs and exercises. Costs of NATO.", None),  # a tie
    ],
)
def test_a_dominant_frame_needs_enough_evidence_and_no_tie(text, dominant):
    frames = framing.frame_tables(Corpus(Path("."), [article(text)], []), SEEDS_ISSUE_FRAMES)["frames"]
    issue = frames[frames["scheme"] == "issue"]
    assert list(issue.loc[issue["dominant"], "frame"]) == ([dominant] if dominant else [])


def test_every_issue_frame_has_definition_source_and_category():
    assert [f.pfc_code for f in ISSUE.frames] == list(range(1, 15))  # the codebook's 14 dimensions
    case_study = framing.load_issue_frames(SEEDS_ISSUE_FRAMES)
    assert len(case_study.frames) == 7
    for frame in (*ISSUE.frames, *case_study.frames):
        assert frame.definition and frame.source and frame.pfc_category and frame.terms


@pytest.mark.parametrize(
    "sentence, frame",
    [
        ("The plan will cost taxpayers billions of dollars.", "economic"),
        ("Hospitals face staff shortages and long waiting lists.", "capacity_resources"),
        ("Church leaders called the decision immoral.", "morality"),
        ("Women still face a pay gap and discrimination at work.", "fairness_equality"),
        ("The Supreme Court ruled the law unconstitutional.", "legality"),
        ("The government proposed a reform of the programme.", "policy_prescription"),
        ("Police arrested two men charged with robbery.", "crime_punishment"),
        ("Troops were sent after the terrorist attack.", "security_defense"),
        ("Doctors warned of a rise in cancer among patients.", "health_safety"),
        ("Families worry about housing and the cost of living in the neighbourhood.", "quality_of_life"),
        ("The festival celebrates the region's heritage and traditions.", "cultural_identity"),
        ("A new poll shows public support falling.", "public_opinion"),
        ("Republicans and Democrats traded votes before the election.", "political"),
        ("Diplomats from both allies met at the summit.", "external_regulation_reputation"),
    ],
)
def test_each_policy_frame_finds_its_own_sentence(sentence, frame):
    counts = {f.id: len(list(f.matcher.finditer(sentence))) for f in ISSUE.frames}
    assert max(counts, key=counts.get) == frame and counts[frame] >= 2


def test_policy_frames_stems_do_not_match_unrelated_words():
    for sentence in ("It is important to import goods.", "He took a taxi.", "The ethnic make-up changed."):
        matched = {f.id: [m.group(0) for m in f.matcher.finditer(sentence)] for f in ISSUE.frames}
        assert not any(w.lower() in ("important", "taxi") for words in matched.values() for w in words)
        assert "ethnic" not in matched["morality"]


def test_own_issue_frames_file(tmp_path):
    path = tmp_path / "frames.yaml"
    path.write_text(
        "frames:\n  - id: fish\n    label: Fisheries\n    definition: fish\n    source: test\n"
        "    pfc_code: 1\n    pfc_category: Economic\n    terms: [cod, fish*]\n",
        encoding="utf-8",
    )
    corpus = Corpus(Path("."), [article("Cod stocks fell.\n\nFishermen protested about cod quotas.")], [])
    frames = framing.frame_tables(corpus, path)["frames"]
    issue = frames[frames["scheme"] == "issue"]
    assert issue["frame"].tolist() == ["fish"] and issue["hits"].tolist() == [3]
    bad = tmp_path / "bad.yaml"
    bad.write_text("frames:\n  - id: x\n    label: X\n    terms: [a]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.yaml: frames\[0\].definition: missing \(expected a string\)$"):
        framing.load_issue_frames(bad)


def test_seed_tables_and_keyword_in_context(seeds_corpus, seed):
    tables = framing.tables(seeds_corpus, SEEDS_OPTIONS)
    frames, items, evidence = tables["frames"], tables["frame_items"], tables["frame_evidence"]
    assert len(frames) == 5 * (5 + 7) and len(items) == 5 * 20
    assert frames["score"].between(0, 1).all()
    # each "yes" answer has its evidence sentences, each "no" has none
    generic = evidence[evidence["scheme"] == "generic"].groupby(["article_id", "item"]).size()
    for row in items.itertuples():
        assert row.sentences == generic.get((row.article_id, row.item), 0)
        assert row.answer == int(row.sentences > 0)
    sentences = pd.DataFrame(
        [
            {"article_id": a.article_id, "sentence_id": s.sentence_id, "start": s.start, "text": s.text}
            for a in seeds_corpus.articles
            for s in a.sentences
        ]
    )
    kwic = framing.keyword_in_context(evidence, sentences)
    single = kwic[~kwic["matched_text"].str.contains(framing.PIECE_SEPARATOR)]
    assert (single["match"] == single["matched_text"]).all()
    # the seed that announces a "looming clash" between sides is read as conflict
    assert frames.query("article_id == @seed('000').article_id and frame == 'conflict'")["score"].iloc[0] >= 0.5


def test_validation_helpers():
    f1 = lambda y, p: metrics.precision_recall_f1(y, p)[2]  # noqa: E731
    assert vf.best_threshold([0, 0, 1, 1], [0.2, 0.4, 0.6, 0.8], f1) == 0.6
    assert vf.parse_label("True") == 1.0 and vf.parse_label("False)") == 0.0 and np.isnan(vf.parse_label(None))
    assert [vf.development_half(k) for k in "abc"] == [False, False, True]  # parity of the SHA-256


def test_f1_gain_interval_is_paired_and_reproducible():
    labels = np.array([1] * 30 + [0] * 20, dtype=bool)
    perfect = vf.f1_gain_interval(labels, labels)
    low, high = perfect
    assert 0 < low < 1 - 2 * 0.6 / 1.6 < high  # around perfect F1 minus always present's 0.75
    assert vf.f1_gain_interval(labels, labels) == perfect  # fixed seed
    assert vf.f1_gain_interval(labels, np.ones(50, dtype=bool)) == (0.0, 0.0)  # "always present" gains nothing
    rng = np.random.default_rng(1)
    noise = vf.f1_gain_interval(labels, rng.uniform(size=50) < 0.5)
    assert noise[0] < 0  # a coin toss is not clearly better


def annotation(majority: list[str], coders: list[list]) -> dict:
    """One article of full_annotations.json for the conflict questions co1-co3."""
    return {
        q: [m, [c[i] for c in coders] + [-1] * (4 - len(coders))]
        for i, (q, m) in enumerate(zip(("co1", "co2", "co3"), majority))
    }


def test_the_corpus_label_rule_on_majority_and_single_annotators():
    two_of_three = annotation(["yes", "NO AGREEMENT", "yes"], [["yes", "yes", "yes"], ["yes", "no", "yes"]])
    assert vf.label_from_answers(two_of_three, "CO") is True
    assert vf.label_from_answers(two_of_three, "CO", 0) is True and vf.label_from_answers(two_of_three, "CO", 1) is True
    assert vf.label_from_answers(two_of_three, "CO", 2) is None  # did not code the article
    one_of_three = annotation(["yes", "no", "NO AGREEMENT"], [["yes", "no", "no"], ["yes", "no", "yes"]])
    assert vf.label_from_answers(one_of_three, "CO") is False
    assert (
        vf.label_from_answers(one_of_three, "CO", 0) is False and vf.label_from_answers(one_of_three, "CO", 1) is True
    )
    assert vf.NFC_YES_NEEDED["RE"] == 2 and vf.NFC_LABEL_QUESTIONS["RE"] == ("re2", "re6")  # both questions


def test_annotator_agreement_compares_every_pair():
    annotations = {
        "a": annotation(["yes", "yes", "no"], [["yes", "yes", "no"], ["yes", "yes", "no"]]),  # both yes
        "b": annotation(["no", "no", "no"], [["no", "no", "no"], ["no", "no", "no"], ["no", "yes", "no"]]),  # all no
        "c": annotation(["yes", "NO AGREEMENT", "no"], [["yes", "yes", "no"], ["yes", "no", "no"]]),  # yes / no
    }
    scored = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "split": "evaluation",
            "gold_CO": [1.0, 0.0, 0.0],
            **{f"gold_{label}": np.nan for label in ("EC", "HI", "MO", "RE")},
        }
    )
    table = vf.evaluate_annotators(scored, annotations).set_index("label")
    conflict = table.loc["CO"]
    assert conflict["n_articles"] == 3 and conflict["n_pairs"] == 1 + 3 + 1
    assert conflict["label_rule_agreement"] == 1.0
    # pairs in both orders: a (yes, yes) x2, b (no, no) x6, c (yes, no) and (no, yes)
    assert conflict["annotator_yes_rate"] == 3 / 10
    assert conflict["annotator_f1"] == 2 * 2 / (3 + 3)
    assert table.loc["RE", "n_articles"] == 0 and np.isnan(table.loc["RE", "annotator_kappa"])


def test_codebook_aligned_items_are_items_of_the_labels_frame():
    item_frame = {item.id: item.frame for item in RULES.items}
    assert set(vf.NFC_CODEBOOK_ITEMS) == set(vf.NFC_LABELS)
    for label, items in vf.NFC_CODEBOOK_ITEMS.items():
        assert items and all(item_frame[item] == vf.NFC_LABELS[label] for item in items)
    # the documentation's RE1 and RE5 are the annotation form's AR2 (solutions) and AR6 (alleviate)
    assert vf.NFC_CODEBOOK_ITEMS["RE"] == ("solution_suggested", "government_can_alleviate")


def synthetic_scored(n: int = 40) -> pd.DataFrame:
    """Articles whose gold labels follow the codebook items exactly and the full frames loosely."""
    rng = np.random.default_rng(0)
    rows = []
    for i in range(n):
        row = {"article_id": str(i), "split": "development" if i % 2 else "evaluation"}
        for label, frame in vf.NFC_LABELS.items():
            yes = i % 4 < 2
            row[f"gold_{label}"] = float(yes)
            row[f"codebook_{label}"] = 1.0 if yes else 0.0
            row[f"evidence_{label}"] = 3 if yes else int(rng.integers(0, 2))
            row[f"score_{frame}"] = float(rng.uniform())
            row[f"density_{frame}"] = float(rng.uniform())
        rows.append(row)
    return pd.DataFrame(rows)


def synthetic_frac() -> pd.DataFrame:
    """Six sentences per half: the development half's majority class is Economic (1)."""
    gold = [1, 1, 1, 6, 6, 15] + [1, 6, 6, 6, 8, 15]
    predicted = [1, 1, 15, 6, 1, 15] + [1, 6, 6, 15, 8, 15]
    return pd.DataFrame({"split": ["development"] * 6 + ["held_out"] * 6, "gold": gold, "predicted": predicted})


def test_frac_evaluation_counts_every_class_and_both_halves():
    overall, per_class = vf.evaluate_frac(synthetic_frac())
    assert overall.loc["held_out", "accuracy"] == pytest.approx(5 / 6)
    assert overall.loc["development", "accuracy"] == pytest.approx(4 / 6)
    assert overall.loc["held_out", "majority_class"] == "Economic"
    assert overall.loc["held_out", "majority_accuracy"] == pytest.approx(1 / 6)
    # held out: Economic F1 1, Political 2*(1*2/3)/(1+2/3) = 0.8, Security 1, Other 2*(0.5*1)/1.5; 6 other classes 0
    expected = (1 + 0.8 + 1 + 2 / 3) / 10
    assert overall.loc["held_out", "macro_f1"] == pytest.approx(expected)
    assert overall.loc["held_out", "majority_macro_f1"] == pytest.approx((2 * (1 / 6) / (1 + 1 / 6)) / 10)
    held_out = per_class[per_class["split"] == "held_out"].set_index("class")
    assert len(held_out) == 10 and held_out.at[6, "recall"] == pytest.approx(2 / 3)
    assert held_out.at[15, "precision"] == pytest.approx(0.5) and np.isnan(held_out.at[3, "precision"])
    rows = pd.DataFrame(vf.frac_summary_rows(overall, per_class)).set_index("key")
    assert rows.at["framing.frac.issue_frame_class.accuracy", "value"] == pytest.approx(5 / 6)  # held out
    assert rows.at["framing.frac.issue_frame_class.development.macro_f1", "anchor"] == vf.FRAC_CLASSIFIER_F1
    assert rows.at["framing.frac.issue_frame_class.political_policies.recall", "value"] == pytest.approx(2 / 3)


def test_every_scoring_is_evaluated_and_summarised():
    nfc = vf.evaluate_narrative_frames(synthetic_scored())
    assert nfc.groupby("scoring").size().to_dict() == {"codebook-aligned": 5, "evidence count": 5, "full frame": 5}
    codebook = nfc[nfc["scoring"] == "codebook-aligned"].set_index("label")
    assert (codebook["f1"] == 1.0).all() and (codebook["roc_auc"] == 1.0).all()
    assert codebook["roc_auc_density"].isna().all()
    assert codebook.at["RE", "items"] == "solution_suggested government_can_alleviate"
    count = nfc[nfc["scoring"] == "evidence count"].set_index("label")
    assert (count["threshold"] == 3).all() and (count["f1"] == 1.0).all()  # the lowest score of the positives
    full = nfc[nfc["scoring"] == "full frame"].set_index("label")
    assert full.at["CO", "items"].split() == [i.id for i in RULES.items if i.frame == "conflict"]
    frac = vf.evaluate_frac(synthetic_frac())
    clickbait = {
        "threshold": 1.0,
        "index": {"accuracy": 0.8, "f1": 0.8, "roc_auc": 0.85},
        "model": {"accuracy": 0.9, "f1": 0.9, "roc_auc": 0.95},
        "majority_accuracy": 0.5,
        "always_clickbait_f1": 0.67,
        "n_evaluation": 10,
    }
    annotators = pd.DataFrame({"split": "evaluation", "label": list(vf.NFC_LABELS), "annotator_kappa": 0.4})
    summary = vf.summary_table(nfc, annotators, clickbait, frac)
    nfc_rows = summary[summary["dataset"] == "Narrative Frames Corpus"]
    assert len(nfc_rows) == 3 * 5 * 6  # precision, recall, F1, kappa, ROC AUC on all and on the evaluation half
    kappa = nfc_rows[nfc_rows["metric"] == "kappa"]
    assert (kappa["anchor"] == 0.4).all() and (kappa["baseline"] == 0.0).all()
    assert (kappa["value"].to_numpy() == nfc["kappa"].to_numpy()).all()
    assert (nfc[nfc["scoring"] == "codebook-aligned"]["kappa"] == 1.0).all()
    assert (nfc["f1_gain_low"] <= nfc["f1_gain_high"]).all()
    assert nfc_rows["task"].iloc[0].startswith("conflict frame vs label CO (threshold")
    aligned = nfc_rows[nfc_rows["task"].str.startswith("codebook-aligned items")]
    assert len(aligned) == 30
    assert "codebook-aligned items solution_suggested, government_can_alleviate vs label RE" in aligned["task"].iloc[-1]
    counted = nfc_rows[nfc_rows["task"].str.startswith("evidence sentences of items")]
    assert len(counted) == 30 and counted["task"].iloc[0].endswith("(at least 3 sentences from the development half)")
    by_key = summary.set_index("key")
    assert by_key.at["sensationalism.clickbait.model.accuracy", "value"] == 0.9
    assert by_key.at["sensationalism.clickbait.headline_index.roc_auc", "value"] == 0.85
    assert by_key.at["sensationalism.clickbait.model.f1", "baseline"] == 0.67


REFERENCE = os.environ.get("REFERENCE_CORPORA")


@pytest.mark.skipif(not REFERENCE, reason="REFERENCE_CORPORA not set")
def test_validation_on_samples_of_the_reference_data(tmp_path):
    reference = Path(REFERENCE)
    sample = pd.read_csv(reference / "narrative_frames" / "articles_metadata.tsv", sep="\t", dtype=str).head(12)
    folder = tmp_path / "nfc"
    folder.mkdir()
    sample.to_csv(folder / "articles_metadata.tsv", sep="\t", index=False)
    scored = vf.score_narrative_frames(folder)
    assert len(scored) == 12 and scored["score_conflict"].between(0, 1).all()
    assert (scored["codebook_MO"] == scored[["item_moral_message", "item_morality_religion"]].mean(axis=1)).all()
    assert (scored["codebook_EC"] == scored["score_economic"]).all()  # the economic frame has exactly EC1-EC3
    classified = vf.classify_frac(reference / "frac")
    assert len(classified) == 523 and set(classified["predicted"]) <= set(vf.FRAC_CLASS_NAMES)
    assert set(classified["split"]) == {"development", "held_out"}
    frac = vf.evaluate_frac(classified)
    headlines = read_headlines(reference / "clickbait")
    assert len(headlines) > 30000 and set(headlines["clickbait"]) == {0, 1}
    nfc = vf.evaluate_narrative_frames(
        pd.concat([scored.assign(split="development"), scored.assign(split="evaluation")])
    )
    clickbait = {
        "threshold": 1.0,
        "index": {"accuracy": 0.8, "f1": 0.8, "roc_auc": 0.85},
        "model": {"accuracy": 0.9, "f1": 0.9, "roc_auc": 0.95},
        "majority_accuracy": 0.5,
        "always_clickbait_f1": 0.67,
        "n_evaluation": 10,
    }
    annotators = vf.evaluate_annotators(scored, vf.read_annotations(reference / "narrative_frames"))
    assert (annotators["label_rule_agreement"] == 1.0).all()  # the rule gives the published labels
    assert (
        annotators.groupby("label")["n_articles"].sum().eq(12).all()
        and annotators["annotator_kappa"].between(-1, 1).all()
    )
    summary = vf.summary_table(nfc, annotators, clickbait, frac)
    assert list(summary.columns) == SUMMARY_COLUMNS and summary["key"].is_unique
    assert "framing.narrative_frames.codebook_aligned.mo.roc_auc" in set(summary["key"])


FRAMING_SENTENCES = [
    "The minister blamed the council for the failure, but critics said the government must act now.",
    "Taxpayers will foot the bill for the £2bn scheme, which could cost jobs.",
    "Her husband, a cancer survivor, said the family was devastated.",
    "Nothing happened.",
    "İstanbul's mayor called on the EU to tackle the housing crisis.",
]


def test_items_tried_are_those_whose_rules_may_match():
    """The items a sentence is tested for, remembered per set of possible lexicons, are the
    items whose rules may match; with the sentences' word runs the hits are the same."""
    words = [read_word_runs(s) for s in FRAMING_SENTENCES]
    for sentence, sentence_words in zip(FRAMING_SENTENCES, words):
        possible = RULES.index.possible(sentence, sentence_words) | {"party"}
        assert RULES.candidates(possible) == tuple(item for item in RULES.items if item.may_match(possible))
    hits = RULES.hits(FRAMING_SENTENCES, words)
    assert hits == RULES.hits(FRAMING_SENTENCES) and {h.sentence for h in hits} >= {0, 1, 2}
    issue = framing.load_issue_frames()
    assert issue.hits(FRAMING_SENTENCES, words) == issue.hits(FRAMING_SENTENCES)
