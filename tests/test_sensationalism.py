import re

import pytest

from analysis.measures import sensationalism as sz
from analysis.pipeline.options import Options
from analysis.text.document import quote_spans
from analysis.text.match import read_word_runs

RULES = sz.load_sensationalism()


def found(text: str, part: str = "body", defined=frozenset()) -> dict[str, list[str]]:
    """Feature -> matched texts in one sentence."""
    result: dict[str, list[str]] = {}
    for feature, start, end in RULES.text_cues(text, part, defined):
        result.setdefault(feature, []).append(text[start:end])
    return result


@pytest.mark.parametrize(
    "feature, positive, negative",
    [
        ("breaking", "BREAKING: Carney acts", "The ice is breaking up"),
        ("breaking", "Just in: talks collapse", "He was just in time"),
        ("emoji", "Alert 🚨 read this 👇", "Plain text only"),
        ("exclamation_marks", "What a deal!", "What a deal."),
        ("question_marks", "Is Canada leaving?", "Canada is leaving."),
        ("hyperbole", "A stunning, unprecedented move", "A careful move"),
        ("outrage", "Trump slams Carney in a tirade", "Trump met Carney"),
        ("second_person", "You will not believe this", 'He told them "you are wrong"'),
        ("forward_reference", "Here's why it matters", "The report is here"),
        ("calls_to_action", "Details emerging, stay tuned", "The hotel was tuned up"),
    ],
)
def test_feature_positive_and_negative(feature, positive, negative):
    assert feature in found(positive, "headline")
    assert feature not in found(negative, "headline")


def test_breaking_label_and_counting():
    assert found("🚨BREAKING: Carney acts")["breaking"] == ["BREAKING"]
    assert found("Breaking news: a fire")["breaking"] == ["Breaking news"]
    assert found("Wow!!! Really!")["exclamation_marks"] == ["!!!", "!"]


def test_all_caps_words_exclude_acronyms_numerals_and_breaking():
    assert found("Washington Is STUNNED. BAD DEAL!")["all_caps"] == ["STUNNED", "BAD", "DEAL"]
    assert "all_caps" not in found("NATO, the EU, the U.S., UK, CBC, UNCLOS and NATO's allies met.")
    assert "all_caps" not in found("King Charles III and Pope Leo XIV spoke.")
    assert "all_caps" not in found("BREAKING: a fire")
    assert "all_caps" not in found("The Arctic Council (ABCD) met; ABCD said no.", defined=frozenset({"ABCD"}))
    assert "all_caps" not in found("U.S.-EU talks")


def test_acronyms_never_count_as_shouting_and_awards_are_not_hyperbole():
    assert "all_caps" not in found("The IAAF, IBM, AOL, NEC and the PC makers met.")
    assert found("Washington is STUNNED by this BAD DEAL.")["all_caps"] == ["STUNNED", "BAD", "DEAL"]
    assert sz.is_familiar_word("matters") and sz.is_familiar_word("stunned") and not sz.is_familiar_word("iaaf")
    assert "hyperbole" not in found("She won best actor; he set a personal best with the biggest bank.")
    assert "superlative" not in found("Adele Wins Best New Artist And Best Pop Vocal Album", "headline")
    assert "superlative" in found("The Most Iconic Performances Of All Time", "headline")
    assert "hyperbole" not in found("It has been quiet ever since the first ever vote.")


@pytest.mark.parametrize(
    "feature, positive, negative",
    [
        ("question_lead", "How Well Do You Remember Sabrina", "Senate passes budget bill"),
        ("first_person", "We Ate Every Burger In Town", 'Minister: "we will act"'),
        ("contraction", "You Won't Believe These Dogs", "Britain's GDP grows"),
        ("modal_verb", "This Will Make You Cry", 'PM says "we will win"'),
        ("informal_intensifier", "These Cats Are Literally Perfect", "Cats shelter reopens"),
    ],
)
def test_clickbait_model_headline_cues(feature, positive, negative):
    assert feature in found(positive, "headline") and feature not in found(negative, "headline")
    assert feature not in found(positive, "body")  # headline cues only: weight 0, for the model
    assert RULES.features[RULES.ids.index(feature)].weight == 0


def test_headline_only_features():
    assert "number_lead" in found("17 Things Only Editors Know", "headline")
    assert "number_lead" not in found("17 things only editors know", "body")
    assert "forward_reference" in found("This Dog Did Something Amazing", "headline")
    assert "forward_reference" not in found("This week the council met", "headline")
    assert "forward_reference" not in found("This dog did something", "body")


def test_second_person_inside_quotes_is_not_counted():
    assert quote_spans('He said "you are wrong" and "more') == [(8, 23), (28, 33)]
    assert quote_spans('you are wrong," he said.') == [(0, 14)]
    assert found('"You are right," he said, and you know it.')["second_person"] == ["you"]


def test_contributions_saturate_and_index_adds_them():
    counts = dict.fromkeys(RULES.ids, 0)
    counts.update(breaking=3, exclamation_marks=1)
    contributions = RULES.contributions(counts, 1000)
    assert contributions["breaking"] == 1.0  # count, saturation 1
    assert contributions["exclamation_marks"] == pytest.approx(1 / 3)  # 1 per 1,000 words, saturation 3
    assert RULES.index(counts, 1000) == pytest.approx(round(1 + 1 / 3, 3))
    assert RULES.index(dict.fromkeys(RULES.ids, 0), 0) == 0.0
    assert RULES.headline_index("You Won't Believe What Happened Next!") == 3.0
    assert RULES.headline_index("Senate passes budget bill after long debate") == 0.0


def test_seed_cues_from_text_and_cleaning_log(seeds_corpus, seed):
    tables = sz.tables(seeds_corpus, Options())
    wide = tables["sensationalism"].set_index("article_id")
    first = wide.loc[seed("000").article_id]
    assert first["obfuscated_names"] == 2  # T.R.U.M.P twice, from the cleaning log
    assert first["calls_to_action"] == 2  # "Details in the comments" (log) and "stay tuned" (text)
    assert first["emoji"] == 1 and first["breaking"] == 1 and first["all_caps"] == 3  # BAD DEAL, OURS
    assert wide.loc[seed("003").article_id, "all_caps"] == 1  # STUNNED; NATO is an acronym
    assert list(wide.columns) == [*RULES.ids, "index", "clickbait_probability"]
    assert wide.loc[seed("000").article_id, "clickbait_probability"] > 0.5  # its headline: BREAKING, emoji, caps
    assert wide["clickbait_probability"].dropna().between(0, 1).all()
    assert wide["index"].idxmax() == seed("000").article_id
    features = tables["sensationalism_features"]
    totals = features.groupby("article_id")["contribution"].sum().round(2)
    assert (totals == wide["index"].round(2)).all()
    assert (features["count"] == features["headline"] + features["body"] + features["log"]).all()
    evidence = tables["sensationalism_evidence"]
    texts = {a.article_id: a.clean_text for a in seeds_corpus.articles}
    in_text = evidence[evidence["start"].notna()]
    assert all(texts[r.article_id][r.start : r.end] == r.matched_text for r in in_text.itertuples())
    from_log = evidence[evidence["part"] == "log"]
    assert from_log["line"].notna().all() and from_log["sentence_id"].isna().all()


ALL_CAPS_CASES = [
    "NATO and the UK's FTSE 100 fell; ÉCOLE, AéB, A3M, U.S.-made goods",
    "the STOP-GAP deal, O'NEILL's win, 3M shares and A&E wards",
    "Mr. X. Y. Z. said OK. iPHONE sales, eBAY, a B. C. and DC's",
    "lower-case only, with one Capital and I",
    "WHO's FBI-led M.P.s SAID: XIV, MCMXC, CO2, H2O",
]


@pytest.mark.parametrize("text", ALL_CAPS_CASES)
def test_all_caps_words_are_what_the_token_scan_finds(text, monkeypatch):
    """The quick check (two capitals in one token) finds every text the token scan would read."""
    caps = RULES.features[RULES.ids.index("all_caps")]
    fast = RULES._all_caps(text, frozenset({"DC"}), caps)
    monkeypatch.setattr(sz, "_TWO_CAPITALS_RE", re.compile(""))  # every text goes to the token scan
    assert RULES._all_caps(text, frozenset({"DC"}), caps) == fast


@pytest.mark.parametrize("text", [*ALL_CAPS_CASES, "BREAKING: here's why you won't believe it!!", "Why? 🚨 Stay tuned"])
@pytest.mark.parametrize("part", ["body", "headline"])
def test_cues_where_the_features_may_match_are_every_matchers_cues(text, part, monkeypatch):
    """Trying only the matchers the features' `MatcherSet` names, with the sentence's word
    runs, finds the cues that trying every matcher finds."""
    fast = RULES.text_cues(text, part, frozenset(), None, read_word_runs(text))
    monkeypatch.setattr(RULES.matchers, "possible", lambda text, words=None: frozenset(RULES.matchers.matchers))
    assert fast == RULES.text_cues(text, part)
