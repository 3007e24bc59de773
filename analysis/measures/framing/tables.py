"""The framing measure's tables (`frames`, `frame_items`, `frame_evidence`) and keyword-in-context views."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from ...text.document import Article
from ...text.load import Corpus
from .generic import GenericFrames, load_generic_frames
from .issue import IssueFrames, load_issue_frames

SCHEMES = ("generic", "issue")
# A frame is named an article's dominant frame only on this much evidence: sentences that
# trigger it, and distinct words or phrases among its matches (one word repeated, or a single
# "Shame", does not make a frame), and only when no other frame ties it.
MIN_DOMINANT_SENTENCES = 3
MIN_DOMINANT_WORDS = 2
FRAMES_COLUMNS = ["article_id", "scheme", "frame", "score", "hits", "per_1000_words", "dominant"]
ITEMS_COLUMNS = ["article_id", "frame", "item", "answer", "sentences"]
EVIDENCE_COLUMNS = ["article_id", "sentence_id", "scheme", "frame", "item", "matched_text", "start", "end"]


def article_frames(article: Article, generic: GenericFrames, issue: IssueFrames):
    """Frame rows, item answers (dicts) and evidence rows (tuples in EVIDENCE_COLUMNS order) of one article."""
    sentences = article.sentences
    texts = [s.text for s in sentences]
    n_words = article.n_words_with_headline
    words = [s.word_runs for s in sentences]
    generic_hits, issue_hits = generic.hits(texts, words), issue.hits(texts, words)
    evidence = [
        (
            article.article_id,
            sentences[h.sentence].sentence_id,
            h.scheme,
            h.frame,
            h.item,
            h.matched_text,
            sentences[h.sentence].start + h.start,
            sentences[h.sentence].start + h.end,
        )
        for h in generic_hits + issue_hits
    ]
    answers = generic.answers(generic_hits)
    items = [
        {"article_id": article.article_id, "frame": f, "item": i, "answer": int(n > 0), "sentences": n}
        for (f, i), n in answers.items()
    ]
    scores = generic.scores(generic_hits)
    generic_counts, issue_counts = Counter(h.frame for h in generic_hits), Counter(h.frame for h in issue_hits)
    rows = []
    for frame, _ in generic.frames:
        n = generic_counts[frame]
        rows.append(_frame_row(article.article_id, "generic", frame, scores[frame], n, n_words))
    total = len(issue_hits)
    for frame in issue.frames:
        n = issue_counts[frame.id]
        rows.append(_frame_row(article.article_id, "issue", frame.id, n / total if total else 0.0, n, n_words))
    evidence_of = {}
    for h in generic_hits + issue_hits:
        sentences_seen, words_seen = evidence_of.setdefault((h.scheme, h.frame), (set(), set()))
        sentences_seen.add(h.sentence)
        words_seen.add(h.matched_text.lower())
    return _mark_dominant(rows, evidence_of), items, evidence


def _frame_row(article_id: str, scheme: str, frame: str, score: float, hits: int, n_words: int) -> dict:
    return {
        "article_id": article_id,
        "scheme": scheme,
        "frame": frame,
        "score": round(score, 4),
        "hits": hits,
        "per_1000_words": round(1000 * hits / n_words, 3) if n_words else 0.0,
    }


def _mark_dominant(rows: list[dict], evidence_of: dict[tuple[str, str], tuple[set, set]]) -> list[dict]:
    """Mark, per scheme, the dominant frame: the highest score (then most hits) among the frames
    with at least MIN_DOMINANT_SENTENCES evidence sentences and MIN_DOMINANT_WORDS distinct
    matched words, and none when another frame has the same score and hits.
    `evidence_of`: (scheme, frame) -> (its evidence sentences, its matched words)."""
    for scheme in SCHEMES:
        candidates = [r for r in rows if r["scheme"] == scheme]
        for r in candidates:
            r["dominant"] = False
        enough = [r for r in candidates if _enough_evidence(*evidence_of.get((scheme, r["frame"]), ((), ())))]
        best = max(enough, key=lambda r: (r["score"], r["hits"]), default=None)
        if best is None or best["score"] <= 0:
            continue
        tied = [r for r in candidates if (r["score"], r["hits"]) == (best["score"], best["hits"])]
        best["dominant"] = len(tied) == 1
    return rows


def _enough_evidence(sentences, words) -> bool:
    return len(sentences) >= MIN_DOMINANT_SENTENCES and len(words) >= MIN_DOMINANT_WORDS


def frame_tables(
    corpus: Corpus, issue_frames_file: str | Path | None = None, generic_frames_file: str | Path | None = None
) -> dict[str, pd.DataFrame]:
    """The tables `frames`, `frame_items` and `frame_evidence` for a corpus."""
    generic, issue = load_generic_frames(generic_frames_file), load_issue_frames(issue_frames_file)
    frames, items, evidence = [], [], []
    for article in corpus.articles:
        f, i, e = article_frames(article, generic, issue)
        frames += f
        items += i
        evidence += e
    order = {scheme: rank for rank, scheme in enumerate(SCHEMES)}
    # by article, sentence, scheme (generic first), start, frame and item
    evidence.sort(key=lambda row: (row[0], row[1], order[row[2]], row[6], row[3], row[4]))
    evidence_table = pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS)
    return {
        "frames": pd.DataFrame(frames, columns=FRAMES_COLUMNS),
        "frame_items": pd.DataFrame(items, columns=ITEMS_COLUMNS),
        "frame_evidence": evidence_table,
    }


def tables(corpus: Corpus, options) -> dict[str, pd.DataFrame]:
    """Analysis entry point: frame tables with the generic- and issue-frames files of the options."""
    return frame_tables(corpus, options.issue_frames_file, options.generic_frames_file)


def keyword_in_context(evidence: pd.DataFrame, sentences: pd.DataFrame, width: int = 70) -> pd.DataFrame:
    """Evidence rows with the sentence text around each match: `left`, `match`, `right`.

    `evidence` needs article_id, sentence_id, start and end (offsets into the clean text);
    rows without a sentence (e.g. cues counted from the cleaning log) keep empty context.
    """
    keyed = sentences[["article_id", "sentence_id", "start", "text"]].rename(columns={"start": "sentence_start"})
    merged = evidence.merge(keyed, on=["article_id", "sentence_id"], how="left")
    left, match, right = [], [], []
    for row in merged.itertuples(index=False):
        if not isinstance(row.text, str) or pd.isna(row.start):
            left.append("")
            match.append(getattr(row, "matched_text", ""))
            right.append("")
            continue
        a, b = int(row.start - row.sentence_start), int(row.end - row.sentence_start)
        before, after = row.text[:a], row.text[b:]
        left.append(("…" if len(before) > width else "") + before[-width:])
        match.append(row.text[a:b])
        right.append(after[:width] + ("…" if len(after) > width else ""))
    result = merged.drop(columns=["sentence_start", "text"]).assign(left=left, match=match, right=right)
    for column in ("sentence_id", "line", "start", "end"):
        if column in result:
            result[column] = result[column].astype("Int64")
    return result
