"""How often each cleaning rule fires on edited news and on the seeds.

The BBC News corpus (Greene & Cunningham 2006; `bbc/` under the reference corpora, 2,225
articles, first line the headline) is professionally edited text with no scraping debris, so
every line or fragment a debris rule removes there is real text lost. The target: at most 1
article in 200 loses a line or part of one, and every headline is taken as the headline. The
BBC is cleaned with the generic rules only; the seeds with the generic rules and their own
(`seeds/config/cleaning_rules.yaml`) and actors, as their configuration `seeds/corpus.yaml` says.

Tables: `rules_firing` (one row per corpus and rule: articles and lines it touched, zero for a
rule that never fires) and `summary`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..paths import SEEDS_DIR
from ..pipeline.options import corpus_options
from ..text.actors import load_actors
from ..text.clean import RULE_GROUPS, START_CASE_RULE, CleaningRules, clean_text, load_rules
from ..text.load import decode_article
from . import SUMMARY_COLUMNS, Outcome, require

TARGET_SHARE_LOSING_TEXT = 1 / 200
TARGET_SOURCE = "target: at most 1 article in 200 of edited news loses a line (no debris to remove)"
FIRING_COLUMNS = ["corpus", "rule", "action", "reason", "n_articles", "n_lines", "n_articles_in_corpus"]
CORPORA = {"bbc": "BBC News", "seeds": "seeds"}


def read_texts(folder: Path) -> dict[str, str]:
    """The decoded text of every `.txt` file below `folder`, by path without `.txt`."""
    texts = {}
    for path in sorted(folder.rglob("*.txt"), key=lambda p: p.relative_to(folder).as_posix()):
        name = path.relative_to(folder).as_posix()
        texts[name.removesuffix(".txt")] = decode_article(path.read_bytes(), name)[0]
    return texts


def debris_rules(rules: CleaningRules) -> list[tuple[str, str, str]]:
    """(rule id, action, reason) of every debris rule of `rules`, in the order they are tried."""
    listed = [(r.id, "removed", r.reason) for group in RULE_GROUPS for r in getattr(rules, group)]
    return listed + [(START_CASE_RULE, "removed", rules.start_case_reason)]


def firing(
    corpus: str, texts: dict[str, str], rules: CleaningRules, names: dict[str, str]
) -> tuple[pd.DataFrame, dict[str, int]]:
    """How often each rule fires on `texts` (every debris rule, and each other step that
    changed a line: markup, obfuscated names), and the number of articles, of those that lose
    text and of those left without a headline."""
    lines: dict[str, set] = {}
    first_entry = {}
    losing, without_headline = set(), set()
    for article_id, raw in texts.items():
        cleaned = clean_text(raw, rules, names)
        if cleaned.headline is None:
            without_headline.add(article_id)
        for entry in cleaned.log:
            lines.setdefault(entry.rule, set()).add((article_id, entry.line))
            first_entry.setdefault(entry.rule, entry)
            if entry.action == "removed":
                losing.add(article_id)
    listed = debris_rules(rules)
    others = [
        (rule, first_entry[rule].action, first_entry[rule].reason)
        for rule in lines
        if rule not in dict.fromkeys(r for r, _, _ in listed)
    ]
    rows = [
        {
            "corpus": corpus,
            "rule": rule,
            "action": action,
            "reason": reason,
            "n_articles": len({article for article, _ in lines.get(rule, ())}),
            "n_lines": len(lines.get(rule, ())),
            "n_articles_in_corpus": len(texts),
        }
        for rule, action, reason in listed + sorted(others)
    ]
    counts = {"n": len(texts), "losing": len(losing), "without_headline": len(without_headline)}
    return pd.DataFrame(rows, columns=FIRING_COLUMNS), counts


def summary_rows(corpus: str, counts: dict, headlines_expected: bool) -> Iterable[list]:
    n = counts["n"]
    yield [
        f"cleaning.{corpus}.article.share_losing_text",
        "cleaning",
        CORPORA[corpus],
        "articles losing a line or part of one to a debris rule",
        "share_losing_text",
        counts["losing"] / n,
        TARGET_SHARE_LOSING_TEXT if corpus == "bbc" else float("nan"),
        TARGET_SOURCE if corpus == "bbc" else "",
        0.0,
        "no cleaning",
        n,
    ]
    if headlines_expected:
        yield [
            f"cleaning.{corpus}.article.share_without_headline",
            "cleaning",
            CORPORA[corpus],
            "articles whose first line (the headline) is not taken as the headline",
            "share_without_headline",
            counts["without_headline"] / n,
            0.0,
            "target: every headline kept (the corpus's first lines are its headlines)",
            0.0,
            "first line taken as the headline",
            n,
        ]


def run(reference: Path) -> Outcome:
    bbc, bbc_counts = firing(
        "bbc", read_texts(require(reference, "bbc")), load_rules(), load_actors().obfuscated_names()
    )
    seed_options = corpus_options(SEEDS_DIR)  # the case study's configuration: its rules and actors
    seed_rules = load_rules(seed_options.cleaning_rules_file, seed_options.extra_cleaning_rules_file)
    seeds, seed_counts = firing(
        "seeds", read_texts(SEEDS_DIR), seed_rules, load_actors(seed_options.actors_file).obfuscated_names()
    )
    summary = pd.DataFrame(
        [*summary_rows("bbc", bbc_counts, True), *summary_rows("seeds", seed_counts, False)], columns=SUMMARY_COLUMNS
    )
    return Outcome({"rules_firing": pd.concat([bbc, seeds], ignore_index=True), "summary": summary}, {}, "")
