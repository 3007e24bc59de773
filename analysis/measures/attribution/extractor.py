"""The extractor: per paragraph the quotations, per sentence the cues with their sources,
then each quotation attached to the cue next to it or to the speaker it continues."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from ...text.actors import ActorList, load_actors
from ...text.clean import count_words
from ...text.document import (
    QUOTATION_MARK_RE,
    Article,
    Paragraph,
    Quotation,
    Sentence,
    Token,
    last_word,
    paragraph_quotations,
    tokenize,
)
from ...text.entities import EntityMention, ensure_entities
from .cues import Cues, Frame
from .lexicon import Lexicon, load_lexicon
from .record import Attribution
from .sources import Sources
from .speakers import Phrases


class Extractor:
    """Finds the attributions of one text, paragraph by paragraph."""

    def __init__(self, text: str, lexicon: Lexicon, actors: ActorList, entities: Sequence[EntityMention] = ()):
        self.text, self.lex, self.actors, self.entities = text, lexicon, actors, entities

    def run(self, paragraphs: list[tuple[int, int]], sentences: list[tuple[int, int, int]]) -> list[Attribution]:
        """Attributions of the text given its paragraphs and (sentence_id, start, end) spans."""
        sentence_starts = {s for _, s, _ in sentences}
        phrases = Phrases(self.lex, sentence_starts)
        cues = Cues(self.lex, phrases, sentence_starts)
        units = []
        for p_start, p_end in paragraphs:
            quotes = self.close_unbalanced(paragraph_quotations(self.text, p_start, p_end))
            tokens = tokenize(self.text, p_start, p_end, quotes)
            quotes = [replace(q, full=self.is_full_quote(q)) for q in quotes]
            units.append((p_start, p_end, quotes, tokens))
        context = Sources(self.text, self.lex, self.actors, phrases, self.entities)
        for _, p_end, _, tokens in units:
            context.note_mentions(tokens, p_end)
        rows: list[Attribution] = []
        previous_rows: list[Attribution] = []
        open_speaker: Attribution | None = None
        pending: tuple[Quotation, int] | None = None  # an open quotation still without a speaker
        for p_start, p_end, quotes, tokens in units:
            para_sentences = [s for s in sentences if p_start <= s[1] < p_end]
            frames: list[Frame] = []
            bounds = []
            token_starts = [t.start for t in tokens]
            for index, (_, s_start, s_end) in enumerate(para_sentences):
                lo, hi = bisect_left(token_starts, s_start), bisect_left(token_starts, s_end)
                bounds.append((lo, hi))
                words = [t for t in tokens[lo:hi] if t.is_word and not t.quoted]
                if len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words):
                    cues.title_case.add(tokens[lo].start)
                frames += cues.find_frames(tokens, lo, hi, index)
            frames.sort(key=lambda f: tokens[f.cue_lo].start)
            unassigned = self.assign_quotes(frames, quotes, tokens)
            owned = {id(q) for f in frames for q in f.quotes}
            for q in quotes:
                index = next((i for i, (sid, s, e) in enumerate(para_sentences) if s <= q.start < e), None)
                if id(q) in owned or index is None:
                    continue
                frame = cues.colon_frame(tokens, q, bounds[index][0], index)
                if frame is not None:
                    frame.quotes.append(q)
                    frames.append(frame)
                    unassigned = [u for u in unassigned if u is not q]
            frames.sort(key=lambda f: tokens[f.cue_lo].start)
            para_rows = []
            for n, frame in enumerate(frames):
                sid, s_start, s_end = para_sentences[frame.sentence_index]
                lo, hi = bounds[frame.sentence_index]
                later = [f for f in frames[n + 1 :] if f.sentence_index == frame.sentence_index]
                row = self.make_row(frame, tokens, lo, hi, (sid, s_start, s_end), quotes, later)
                context.resolve(row, frame, tokens, quotes, (s_start, s_end))
                para_rows.append(row)
            starts_with_quote = bool(unassigned) and unassigned[0].start == self.first_char(p_start, p_end)
            carried = open_speaker or (previous_rows[-1] if previous_rows and starts_with_quote else None)
            first_quote = quotes[0] if quotes and quotes[0].start == self.first_char(p_start, p_end) else None
            new_pending = None
            for q in unassigned:
                owner = next((r for r in reversed(para_rows) if r.start <= q.start), None)
                if owner is None:
                    owner = carried if q is unassigned[0] and starts_with_quote else None
                sid = next((s for s, a, b in para_sentences if a <= q.start < b), para_sentences[0][0])
                if owner is None:
                    new_pending = (q, sid) if q is quotes[-1] and not q.closed else None
                    continue
                para_rows.append(self.inherited_row(owner, q, sid))
            if pending is not None and first_quote is not None:
                owner = next((r for r in para_rows if r.start <= first_quote.start < r.end), None)
                if owner is not None:
                    rows.append(self.inherited_row(owner, *pending))
            pending = new_pending
            para_rows.sort(key=lambda r: (r.start, r.inherited))
            rows += para_rows
            if para_rows:
                previous_rows = para_rows
            last = quotes[-1] if quotes else None
            open_speaker = None
            if last is not None and not last.closed and para_rows:
                open_speaker = max(para_rows, key=lambda r: r.start)
        for row in rows:
            covered = [s for s in sentences if s[1] < row.end and s[2] > row.start] or [
                next(s for s in sentences if s[0] == row.sentence_id)
            ]
            row.sentence_id = covered[0][0]
            row.sentence = self.text[covered[0][1] : covered[-1][2]]
        return sorted(rows, key=lambda r: (r.start, r.inherited))

    def first_char(self, start: int, end: int) -> int:
        return start + len(self.text[start:end]) - len(self.text[start:end].lstrip())

    def close_unbalanced(self, quotes: list[Quotation]) -> list[Quotation]:
        """End an unclosed quotation before an attribution inside it (`"Yes, he said.`)."""
        fixed = []
        for q in quotes:
            if not q.closed:
                inner = self.text[q.start : q.end]
                for match in self.lex.unclosed_cut_re.finditer(inner):
                    if match.group(1).lower() in self.lex.verb_forms and match.start() > 1:
                        q = Quotation(q.start, q.start + match.start() + 1, closed=False)
                        break
            fixed.append(q)
        return fixed

    def is_full_quote(self, q: Quotation) -> bool:
        """A quotation that is speech in its own right, not a phrase quoted inside a sentence."""
        before = self.text[: q.start].rstrip(" \t")
        if not before or before[-1] in ':,—–(\n.?!"”':
            return True
        inner = q.inner(self.text)
        preceding = last_word(before)
        return bool(preceding) and preceding.lower() in self.lex.verb_forms and count_words(inner) >= 4

    def assign_quotes(self, frames: list[Frame], quotes: list[Quotation], tokens: list[Token]) -> list[Quotation]:
        """Attach each full quotation to the frame next to it; return those left over."""
        unassigned = []
        for q in (q for q in quotes if q.full):
            inner = q.inner(self.text)
            owner = None
            for frame in frames:
                first = min(tokens[frame.source.lo].start, tokens[frame.cue_lo].start)
                last = max(tokens[frame.source.hi - 1].end, tokens[frame.cue_hi - 1].end)
                if q.end <= first:
                    between = self.text[q.end : first]
                    if re.fullmatch(r"[\s,.?!—–-]*", between) and (
                        inner[-1:] in ",?!—-…" or "," in between or not q.closed
                    ):
                        owner = frame
                        break
                elif last <= q.start:
                    between = self.text[last : q.start]
                    if re.fullmatch(r"[\s,:—–-]*", between) or (
                        len(between) < 80 and re.search(r"[:,]\s*$", between) and not QUOTATION_MARK_RE.search(between)
                    ):
                        owner = frame
                        break
            if owner is None:
                unassigned.append(q)
            else:
                owner.quotes.append(q)
        return unassigned

    def make_row(self, frame: Frame, tokens, lo, hi, sentence, quotes, later: list[Frame]) -> Attribution:
        sid, s_start, s_end = sentence
        source, text = frame.source, self.text
        sp_start, sp_end = tokens[source.lo].start, tokens[source.hi - 1].end
        cue_start, cue_end = tokens[frame.cue_lo].start, tokens[frame.cue_hi - 1].end
        if frame.quotes:
            content = " ".join(q.inner(text) for q in frame.quotes)
            c_start, c_end = frame.quotes[0].start, frame.quotes[-1].end
            quote_type = "colon" if frame.kind == "colon" else "direct"
            quoted = sum(count_words(q.inner(text)) for q in frame.quotes)
        else:
            limit = min(
                (tokens[f.source.lo if f.source.lo > frame.cue_hi else f.cue_lo].start for f in later), default=s_end
            )
            c_start, c_end = self.indirect_content(frame, tokens, lo, hi, s_start, min(s_end, limit))
            content = text[c_start:c_end].strip(" ,.:;—–")
            partial = [q for q in quotes if c_start <= q.start < c_end]
            quote_type = "mixed" if partial else ("according_to" if frame.kind == "according_to" else "indirect")
            quoted = sum(count_words(q.inner(text)) for q in partial)
        start, end = min(sp_start, cue_start, c_start), max(sp_end, cue_end, c_end)
        return Attribution(
            sid,
            start,
            end,
            text[sp_start:sp_end],
            sp_start,
            sp_end,
            text[cue_start:cue_end],
            cue_start,
            cue_end,
            quote_type,
            content,
            quoted,
            sentence=text[s_start:s_end],
        )

    def indirect_content(self, frame: Frame, tokens, lo, hi, s_start, s_end) -> tuple[int, int]:
        """The reported clause: after the cue, or before the frame when it closes the sentence."""
        first = min(frame.source.lo, frame.cue_lo)
        last = max(frame.source.hi, frame.cue_hi)
        words_after = [t for t in tokens[last:hi] if t.is_word and t.start < s_end]
        if first > lo and tokens[first - 1].text == "," and len(words_after) <= 4:
            return s_start, tokens[first - 1].start
        k = last
        if k < hi and tokens[k].low == "that":
            k += 1
        if k < hi and tokens[k].start < s_end:
            return tokens[k].start, s_end
        return s_start, tokens[first].start

    def inherited_row(self, owner: Attribution, q: Quotation, sid: int) -> Attribution:
        """A quotation with no cue of its own, continuing `owner`'s speaker."""
        inner = q.inner(self.text)
        return replace(
            owner,
            sentence_id=sid,
            start=q.start,
            end=q.end,
            cue="",
            cue_start=q.start,
            cue_end=q.start,
            quote_type="direct",
            quote=inner,
            quoted_words=count_words(inner),
            inherited=True,
            sentence=self.text[q.start : q.end],
        )


def extract(
    text: str,
    paragraphs: list[tuple[int, int]],
    sentences: list[tuple[int, int, int]],
    lexicon: Lexicon | None = None,
    actors: ActorList | None = None,
    entities: Sequence[EntityMention] = (),
) -> list[Attribution]:
    """Every attribution in `text`, given paragraph spans, (sentence_id, start, end) spans and
    the text's entity mentions (`text.entities`; without them no speaker is linked to an entity)."""
    extractor = Extractor(text, lexicon or load_lexicon(), actors or load_actors(), entities)
    return extractor.run(paragraphs, sentences)


def text_layers(
    texts: Sequence[tuple[str, list[tuple[int, int]], list[tuple[int, int, int]]]], actors: ActorList | None = None
) -> list[dict]:
    """The entity layers (`entities`, `parse`) of plain texts, each given with its paragraph and
    (sentence_id, start, end) spans as for `extract` (the entity model run over all of them at once)."""
    articles = [
        Article(
            str(n),
            "",
            text,
            text,
            None,
            "",
            [Paragraph(i, "body", start, end) for i, (start, end) in enumerate(paragraphs, 1)],
            [Sentence(sid, 0, "body", start, end, text[start:end]) for sid, start, end in sentences],
            [],
        )
        for n, (text, paragraphs, sentences) in enumerate(texts)
    ]
    ensure_entities(articles, actors or load_actors())
    return [a.layers for a in articles]


def text_entities(
    texts: Sequence[tuple[str, list[tuple[int, int]], list[tuple[int, int, int]]]], actors: ActorList | None = None
) -> list[list[EntityMention]]:
    """The entity mentions of plain texts (see `text_layers`)."""
    return [layers["entities"] for layers in text_layers(texts, actors)]


def extract_article(article, lexicon: Lexicon | None = None, actors: ActorList | None = None) -> list[Attribution]:
    """The attributions of one `text.document.Article` (offsets into its clean text), its
    speakers linked to its entities (the entity layer made first where it is missing)."""
    actors = actors or load_actors()
    ensure_entities([article], actors)
    paragraphs = [(p.start, p.end) for p in article.paragraphs]
    sentences = [(s.sentence_id, s.start, s.end) for s in article.sentences]
    return extract(article.clean_text, paragraphs, sentences, lexicon, actors, article.layers["entities"])
