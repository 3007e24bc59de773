"""The cleaner on each kind of debris the seeds carry, and on synthetic cases."""

import dataclasses

import pytest
from conftest import SEEDS_ACTORS

from analysis.text.actors import load_actors
from analysis.text.clean import clean_text, count_words, load_rules, normalise_characters

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
    from analysis.text.clean import DEFAULT_RULES_FILE, load_rules

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
]


def test_gates_only_skip_lines_their_patterns_cannot_match(seed):
    """Each gate matches inside every match of its pattern, so the rules clean alike with and without gates."""
    rules = load_rules()
    groups = ("block_rules", "line_rules", "fragment_rules")
    ungated = dataclasses.replace(
        rules,
        **{
            group: tuple(
                dataclasses.replace(rule, patterns=tuple((pattern, None) for pattern, _ in rule.patterns))
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
        assert all(gate.search(m.group(0)) for m in matches)
    texts = [seed(prefix).raw_text for prefix in ("000", "001", "002", "003", "004")]
    for text in texts + ["\n\n".join(["Headline of the day", *GATED_DEBRIS])]:
        assert clean_text(text, rules, NAMES) == clean_text(text, ungated, NAMES)
