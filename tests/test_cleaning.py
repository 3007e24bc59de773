"""The cleaner on each kind of debris the seeds carry, and on synthetic cases."""

import dataclasses
import os
from pathlib import Path

import pytest
from conftest import SEED_CLEANING_RULES, SEEDS_ACTORS

from analysis.text.actors import load_actors
from analysis.text.clean import (
    DEFAULT_RULES_FILE,
    RulesFileError,
    clean_text,
    count_words,
    load_rules,
    normalise_characters,
)

NAMES = load_actors(SEEDS_ACTORS).obfuscated_names()


def removed(article, reason_part):
    return [e.text for e in article.cleaning_log if e.action == "removed" and reason_part in e.reason]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_word_is_lost_except_what_the_log_records(seed, prefix):
    """Words of the raw text = words of the clean text + words of the logged removals."""
    article = seed(prefix)
    raw_words = count_words(normalise_characters(article.raw_text))
    removed_words = sum(count_words(e.text) for e in article.cleaning_log if e.action == "removed")
    assert count_words(article.clean_text) + removed_words == raw_words


def test_headline_detection(seed):
    assert seed("000").headline.startswith("🚨BREAKING: Canadian Prime Minister Mark Carney")
    assert seed("000").headline.endswith("escalating annexation rhetoric.")
    assert seed("001").headline is None
    assert "no headline" in seed("001").headline_note
    assert seed("002").headline == "BREAKING: Carney's Calm Defiance Stuns Trump in High-Stakes Ports Confrontation"
    assert seed("003").headline == (
        "BREAKING: France-Canada Defense Talks Draw Attention Across NATO — And Washington Is STUNNED."
    )
    assert seed("004").headline == "Is Canada BREAKING from the U.S.?"


def test_teaser_of_long_first_line_is_kept_as_body(seed):
    article = seed("000")
    assert article.body_text.startswith("Insiders suggest this coordinated stand")


def test_call_to_action_removed(seed):
    assert removed(seed("000"), "call to action") == ["Details in the comments...👇"]
    assert "comments" not in seed("000").clean_text.split("\n\n")[1]


def test_obfuscated_name_normalised_and_logged(seed):
    article = seed("000")
    assert "T.R.U.M.P" not in article.clean_text
    changes = [(e.text, e.replacement) for e in article.cleaning_log if "obfuscated" in e.reason]
    assert changes == [("T.R.U.M.P", "Trump")] * 2


def test_markdown_removed(seed):
    article = seed("000")
    assert "**" not in article.clean_text and not article.clean_text.startswith("#")
    assert "Paris, France / Ottawa, Canada — January 8, 2026 — In a dramatic escalation" in article.clean_text


def test_embedded_headlines_of_other_stories_removed(seed):
    article = seed("002")
    assert removed(article, "ends with an outlet name") == [
        "Port of Montreal and HAROPA Port renew cooperation agreement — Container News",
        "President Trump Latest: Review Over Low-Flow Flushing Toilets — Bloomberg",
    ]
    assert removed(article, "Start Case") == ["Carney Tells Trump Canada Is 'Never For Sale'"]
    assert removed(seed("003"), "Start Case") == [
        "Leaders Gather For 'Coalition Of The Willing' Meeting In France",
        "President Trump Holds Press Briefing On Supreme Court's Decision To Strike Down His Global Tariffs",
    ]
    assert removed(seed("004"), "watch") == ["Watch a report: Canada Eyes European Defense Shift."]


def test_photo_slug_site_tag_related_posts_and_comment_form_removed(seed):
    article = seed("003")
    assert removed(article, "photo-agency slug") == ["TOPSHOT-SWITZERLAND-POLITICS-ECONOMY-DIPLOMACY"]
    assert removed(article, "site tag") == ["xamxam"]
    related = removed(article, "related-posts")
    assert related[0] == "Related Posts" and len(related) == 13
    assert removed(article, "comment-form") == [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]
    assert "xamxam" not in article.clean_text and "Related Posts" not in article.clean_text
    assert article.clean_text.endswith("not in dramatic rupture, but in quiet preparation.")


def test_subheadings_and_section_labels_are_kept(seed):
    for subheading in (
        "At a Glance",
        "Strategic Pivot to Europe",
        "Diplomatic Damage Control",
        "Sovereignty in the Spotlight",
    ):
        assert subheading in seed("004").clean_text
    for label in ("THE DETAILS:", "BUT BUT BUT:", "WHY IT MATTERS:"):
        assert label in seed("001").clean_text
    assert seed("001").cleaning_log == []


def test_quotes_with_named_speakers_survive(seed):
    assert '"Sovereignty is non-negotiable," Carney reportedly declared' in seed("000").clean_text
    assert (
        '"The future of Greenland is a decision for Greenland and for the kingdom of Denmark."'
        in seed("001").clean_text
    )
    assert '"Mr. President," Carney began' in seed("002").clean_text


def test_synthetic_debris_and_normalisation():
    raw = (
        "Trade Deal Collapses\r\n\r\n"
        "Photo: Jane Doe/Reuters\r\n"
        "The talks, said Tr*mp’s aide, were “over” — and N.A.T.O. was silent…\r\n"
        "See [the report](https://example.org/x) for details and **more**.\r\n"
        "This line was hard\r\nwrapped by the site.\r\n"
        "---\r\n"
        "Share this article\r\n"
    )
    cleaned = clean_text(raw, obfuscated_names=NAMES)
    assert cleaned.headline == "Trade Deal Collapses"
    assert cleaned.paragraphs == [
        'The talks, said Trump\'s aide, were "over" — and NATO was silent...',
        "See the report for details and more.",
        "This line was hard wrapped by the site.",
    ]
    reasons = {e.reason for e in cleaned.log}
    assert {
        "image caption or photo credit",
        "markdown horizontal rule",
        "call to action (page widget, not article text)",
        "obfuscated name normalised",
        "markdown or list markup",
    } <= reasons


def test_dotted_name_at_sentence_end_keeps_its_full_stop():
    cleaned = clean_text("Headline here\n\nThey blame T.R.U.M.P. Others do not.", obfuscated_names=NAMES)
    assert cleaned.paragraphs == ["They blame Trump. Others do not."]


def test_unknown_masked_words_are_left_alone():
    cleaned = clean_text("Headline here\n\nThe F.B.I.X report and sh*t happen.", obfuscated_names=NAMES)
    assert cleaned.paragraphs == ["The F.B.I.X report and sh*t happen."]


def test_first_line_that_reads_as_body_is_not_a_headline():
    raw = (
        "Canadian Prime Minister Mark Carney is considering sending troops to Greenland for NATO "
        "military exercises, according to officials who spoke on Friday.\nSecond paragraph."
    )
    cleaned = clean_text(raw)
    assert cleaned.headline is None
    assert len(cleaned.paragraphs) == 2


def test_own_rules_file(tmp_path):
    text = DEFAULT_RULES_FILE.read_text(encoding="utf-8").replace(
        "line_rules:\n",
        "line_rules:\n  - id: sponsor\n    reason: sponsor line\n    source: test\n"
        "    patterns: ['^sponsored by .*$']\n",
        1,
    )
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    cleaned = clean_text("Headline\n\nBody text here.\nSponsored by Acme.\n", rules=load_rules(path))
    assert cleaned.paragraphs == ["Body text here."]
    assert [(e.reason, e.text) for e in cleaned.log] == [("sponsor line", "Sponsored by Acme.")]


GATED_DEBRIS = [
    "Full story in the comments 👇",
    "Prices rose again. Details in the first comment!",
    "Link in bio.",
    "Click here to read more...",
    "Markets fell on Monday. Tap the link below to learn more!",
    "Share this article!",
    "Leaders meet in Paris. Photo by Jane Doe / AFP",
    "A crowd outside parliament (AP Photo/John Smith)",
    "Smoke over the harbour via Getty Images.",
    "Story in comments",
    "More in the bio 👇",
    "Tap here to see more.",
    "Click the link to watch more",
    "Protesters in Paris. Reuters/John Smith",
    "The summit. Jane Doe/AFP via Getty",
    "A harbour at dawn. Shutterstock",
]


def test_gates_only_skip_lines_their_patterns_cannot_match(seed):
    """A string of each gate is inside every match of its pattern, so the rules clean alike with and
    without gates."""
    rules = load_rules()
    groups = ("block_rules", "line_rules", "fragment_rules")
    ungated = dataclasses.replace(
        rules,
        **{
            group: tuple(
                dataclasses.replace(rule, patterns=tuple((pattern, ()) for pattern, _ in rule.patterns))
                for rule in getattr(rules, group)
            )
            for group in groups
        },
    )
    gated = [(p, g) for group in groups for rule in getattr(rules, group) for p, g in rule.patterns if g]
    assert gated
    for pattern, gate in gated:
        matches = [m for line in GATED_DEBRIS if (m := pattern.search(line))]
        assert matches, pattern.pattern
        assert all(any(part in m.group(0).lower() for part in gate) for m in matches)
    texts = [seed(prefix).raw_text for prefix in ("000", "001", "002", "003", "004")]
    for text in texts + ["\n\n".join(["Headline of the day", *GATED_DEBRIS])]:
        assert clean_text(text, rules, NAMES) == clean_text(text, ungated, NAMES)


def test_each_log_entry_names_its_rule(seed):
    rules = {e.reason: e.rule for prefix in ("000", "002", "003", "004") for e in seed(prefix).cleaning_log}
    assert rules["site tag glued to a headline"] == "site_tag"
    assert rules["photo-agency slug"] == "photo_slug"
    assert rules["related-posts block (teasers of other stories)"] == "related_posts"
    assert rules["embedded headline or image title of another story (Start Case line)"] == "start_case_headline"
    assert rules["obfuscated name normalised"] == "obfuscated_name"
    assert rules["markdown or list markup"] == "markdown_markup"


# Edited news that debris rules once removed: each case as the article's raw text.
KEPT_WHOLE = {
    "speaker after a dash in a headline": "Choose hope over fear - Kennedy\n\nCharles Kennedy has urged voters to choose hope.\n",
    "headline naming a coach": "Wales stars need a rest - Ruddock\n\nMike Ruddock says his players are tired.\n",
    "show title in the opening sentence": (
        "Musical treatment for Capra film\n\n"
        "The classic film It's A Wonderful Life is to be turned into a musical by the producer of the "
        "controversial hit show Jerry Springer - The Opera.\n"
    ),
    "critics' list": (
        "Critics pick their Oscar winners\n\nThe critics were asked for their choices.\n\n"
        "Tim Dams, Screen International: Film - The Aviator; director - Clint Eastwood; actor - Jamie Foxx; "
        "actress - Hilary Swank.\n\n"
        "Philip French, The Observer: Film - Sideways; director - Martin Scorsese; actor - Jamie Foxx; "
        "actress - Imelda Staunton.\n"
    ),
    "awards list": (
        "Children vote Shrek 2 best film\n\nThe winners were named on Sunday.\n\n"
        "Schools' Factual (primary) - Thinking Skills: Think About It - Hiding Places\n\n"
        "Pre-School Live Action - Balamory\n\nDrama - Featherboy\n\n"
        "Catherine Tate (The Catherine Tate Show, BBC Two)\n\n"
        "Ant & Dec (Ant & Dec's Saturday Night Takeaway/ I'm A Celebrity, Get Me Out Of Here!, ITV1)\n"
    ),
    "rugby squad": (
        "Taylor poised for Scotland return\n\nSimon Taylor has been named in the squad.\n\n"
        "- M Blair (Edinburgh), A Craig (Glasgow), C Cusiter (Borders), S Danielli (Borders), "
        "M Di Rollo (Edinburgh), A Henderson (Glasgow), B Hinshelwood (Worcester), R Lamont (Glasgow)\n"
    ),
    "U.S. in a headline": "Corn stoves popping up in U.S. homes\n\nSales of stoves that burn corn are rising.\n",
    "title and subtitle": "The Long Road Home — A Soldier's Story\n\nHe came back in May.\n",
    "title in capitals": "DADDY-LONG-LEGS\n\nThe novel was published in 1912.\n",
    "heading in capitals": "Film of the week\n\nThe review follows.\n\nTHE LORD OF THE RINGS\n\nIt is long.\n",
    "headline ending in an ellipsis": "Rivals of the £400 Apple...\n\nThe Mac mini is the cheapest Apple computer ever.\n",
}


@pytest.mark.parametrize("case", KEPT_WHOLE)
@pytest.mark.parametrize("extra", [None, SEED_CLEANING_RULES], ids=["generic rules", "with the seeds' rules"])
def test_edited_news_loses_nothing(case, extra):
    raw = KEPT_WHOLE[case]
    cleaned = clean_text(raw, load_rules(None, extra), NAMES)
    assert [e for e in cleaned.log if e.action == "removed"] == []
    lines = [normalise_characters(line) for line in raw.split("\n") if line.strip()]
    assert cleaned.headline == lines[0]
    assert count_words(" ".join([cleaned.headline, *cleaned.paragraphs])) == count_words(" ".join(lines))


def test_a_title_alone_is_a_headline():
    for title in ("DADDY-LONG-LEGS", "Choose hope over fear - Kennedy", "Corn stoves popping up in U.S. homes"):
        cleaned = clean_text(title + "\n")
        assert cleaned.headline == normalise_characters(title) and cleaned.paragraphs == []


def test_the_same_lines_below_the_headline_are_still_debris():
    raw = (
        "Ports deal signed\n\nThe ports agreed on Monday.\n\n"
        "TOPSHOT-CANADA-POLITICS-DIPLOMACY\n\n"
        "Port of Montreal and HAROPA Port renew cooperation agreement - Container News\n\n"
        "Leaders Gather For Talks On The Future Of Trade\n"
    )
    cleaned = clean_text(raw)
    assert [e.rule for e in cleaned.log] == ["photo_slug", "outlet_headline", "start_case_headline"]
    assert cleaned.paragraphs == ["The ports agreed on Monday."]


def test_the_seed_site_tag_is_a_seed_rule(seed):
    raw = seed("003").raw_text
    assert clean_text(raw, load_rules(), NAMES).headline.endswith("STUNNED. xamxam")
    assert clean_text(raw, load_rules(None, SEED_CLEANING_RULES), NAMES).headline.endswith("STUNNED.")
    assert "xamxam" not in DEFAULT_RULES_FILE.read_text(encoding="utf-8")


def write(tmp_path, text, name="rules.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, message",
    [
        ("line_rules: rule\n", "line_rules: expected a list of rules, got 'rule'"),
        (
            "line_rules:\n  - id: x\n    reason: r\n    source: s\n    patterns: '^x$'\n",
            "line_rules[0].patterns: expected a list of regular expressions",
        ),
        (
            "line_rules:\n  - id: x\n    reason: r\n    source: s\n    patterns: ['(']\n",
            "line_rules[0].patterns[0]: not a valid regular expression",
        ),
        (
            "line_rules:\n  - id: x\n    reason: r\n    source: s\n    skip_first_line: 'yes'\n    patterns: [x]\n",
            "line_rules[0].skip_first_line: expected true or false, got 'yes'",
        ),
        ("fragment_rules:\n  - id: x\n    reason: r\n    patterns: [x]\n", "fragment_rules[0].source: missing"),
        (
            "line_rules:\n  - id: x\n    reason: r\n    source: s\n    applies_to: headline\n    patterns: [x]\n",
            "line_rules[0].applies_to: expected 'body' (headline: fragment rules only), got 'headline'",
        ),
        (
            "line_rules:\n  - id: x\n    reason: r\n    source: s\n    patern: [x]\n",
            "line_rules[0]: unknown key 'patern'",
        ),
        ("headline:\n  max_words: 3\n", "unknown key 'headline' (known: block_rules, line_rules, fragment_rules)"),
        (
            "line_rules:\n  - id: photo_slug\n    reason: r\n    source: s\n    patterns: [x]\n",
            "rule id 'photo_slug' is given to two rules",
        ),
    ],
)
def test_a_wrong_extra_rules_file_is_one_clear_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(RulesFileError) as error:
        load_rules(None, path)
    assert message in str(error.value) and str(path) in str(error.value) and "\n" not in str(error.value)


def test_a_wrong_type_in_the_rules_file_names_file_key_and_form(tmp_path):
    text = DEFAULT_RULES_FILE.read_text(encoding="utf-8").replace("  max_words: 25\n", "  max_words: many\n", 1)
    with pytest.raises(RulesFileError, match=r"rules\.yaml: start_case_headline\.max_words: expected a whole number"):
        load_rules(write(tmp_path, text))


needs_reference = pytest.mark.skipif(not os.environ.get("REFERENCE_CORPORA"), reason="REFERENCE_CORPORA not set")


@needs_reference
def test_bbc_news_loses_at_most_one_article_in_200():
    from analysis.validation import cleaning

    texts = cleaning.read_texts(Path(os.environ["REFERENCE_CORPORA"]) / "bbc")
    table, counts = cleaning.firing("bbc", texts, load_rules(), NAMES)
    assert counts["n"] == 2225
    assert counts["losing"] <= counts["n"] / 200
    assert counts["without_headline"] == 0
    assert set(cleaning.debris_rules(load_rules())) <= set(zip(table["rule"], table["action"], table["reason"]))


def test_a_wrong_rules_file_stops_the_command_with_one_line(tmp_path, capsys):
    from analysis.cli import main

    bad = write(tmp_path, "line_rules: rule\n")
    code = main(["analyze", "--extra-cleaning-rules", str(bad), "--output", str(tmp_path / "out"), "--workers", "1"])
    error = capsys.readouterr().err.strip()
    assert code == 2 and error.endswith("line_rules: expected a list of rules, got 'rule'") and "\n" not in error
