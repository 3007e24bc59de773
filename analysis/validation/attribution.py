"""Source attribution against PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR annotates attributions in 2016 US political news as brat standoff: `T` lines give
Source, Cue and Content spans (character offsets into `text/<article>.txt`), `E` lines link
them. Some articles were annotated by several annotators (one `.ann` file each): the first
file by name is used. Attributions whose cue is a belief, intention or perception ("fears",
"thinks", "hopes"; the `non_speech_cues` list in `analysis/data/attribution.yaml`) are left
out on both sides, and a predicted source that falls on such a left-out gold source is not
counted either way, so the score is for speech attribution only. The same score is given for
every attribution except beliefs, there also with the stance attributions of the parse added
(`measures.attribution.stances`, whose model `validation.stances` fits on the train split), and
for the attributions whose cue is one of Krestel et al.'s reporting verbs (`KRESTEL_VERBS`), a
list that does not come from the lexicon being scored. The speech-cue scores have the speech
extractor's sources only, as the speech rules' own score.
Precision is also given apart for nested predictions (a source inside another attribution's
annotated content: "X said that Y claimed ..."; PolNeAR annotates most of them only as part of
the outer content) and for the rest.

Texts are raw (not cleaned): paragraphs are lines, sentences come from the project's
segmenter, offsets stay in the raw text. A predicted source matches a gold source when it
covers at least 30% of the gold span's characters (the Gender Gap Tracker's criterion), one
to one. Cue accuracy: among matched sources, the share whose predicted cue overlaps a gold
cue of that source. The train split was used to develop the rules; dev is reported.

The entity model is run over the texts first, so that speakers are linked to entities as in
the pipeline. PolNeAR does not annotate whether a source is named, so the source classes are
reported as a change, not scored: the classes of the attributions on the dev texts (and on the
BBC corpus's politics folder, where `bbc/politics` is among the reference corpora) beside
those of the extractor before speakers were entities, recorded once in
`data/attribution_classes_before.yaml`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..measures.attribution import SOURCE_CLASSES, attribution_table, extract, load_lexicon, load_stance_model
from ..measures.attribution.extractor import text_layers
from ..measures.attribution.lexicon import inflections
from ..measures.attribution.stances import speech_rows, stances
from ..paths import DATA_DIR, display_path
from ..schemas import check, load_yaml
from ..text.actors import load_actors
from ..text.document import sentence_spans
from ..text.load import load_corpus
from . import SUMMARY_COLUMNS, Outcome, require
from .metrics import precision_recall_f1_counts

MIN_COVERAGE = 0.30
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "his", "her", "their", "its"}
NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|de|van|von))*(?<![\s.])"
BASELINE_PATTERNS = [
    re.compile(rf"(?P<src>{NAME})\s+(?P<cue>said)\b"),
    re.compile(rf"\b(?P<cue>said)\s+(?P<src>{NAME})"),
    re.compile(rf"\b(?P<cue>[Aa]ccording to)\s+(?P<src>{NAME})"),
]
# error codes (the last part of an error row's key) and what they mean
ERROR_TYPES = {
    "missed.partial_span": "missed: predicted span covers < 30% of the gold source",
    "missed.pronoun_source": "missed: pronoun or relative source",
    "missed.cue_not_in_lexicon": "missed: cue not a reporting verb of the lexicon",
    "missed.source_not_found": "missed: cue in the lexicon, source not found",
    "spurious.boundary": "spurious: overlaps a gold source by < 30% (boundary)",
    "spurious.nested_attribution": "spurious: inside reported content (nested attribution)",
    "spurious.unannotated": "spurious: no attribution annotated here",
}
ERROR_COLUMNS = ["key", "dataset", "error_type", "count", "share"]
CLASS_COLUMNS = ["dataset", "source_class", "n_before", "n_after", "share_before", "share_after"]
CLASSES_BEFORE_FILE = DATA_DIR / "attribution_classes_before.yaml"
BBC_FOLDER = ("bbc", "politics")
NON_BELIEF = "all cues except beliefs, intentions, perceptions"
NO_ANCHOR = "no published figure scores every attribution type (the anchors above are for quotes)"
GGT = "Gender Gap Tracker (Asr et al. 2021), quotes at >= 30% character overlap, Canadian news"
# Reporting verbs of Krestel, Bergler & Witte (2008), the 54 lemmas listed in the methods notes,
# without their five verbs of belief and feeling (believe, fear, hope, think, worry): a list of
# speech cues that owes nothing to the package's own lexicon, for the lexicon-free score.
KRESTEL_VERBS = (
    "accuse acknowledge add admit agree allege announce argue assert blame charge cite claim complain "
    "concede conclude confirm contend criticize declare decline deny describe disagree disclose estimate "
    "explain insist maintain mention note observe order predict promise recall recommend reply report say "
    "state stress suggest tell testify urge warn write"
).split()
# Forms the regular rule (`lexicon.inflections`) does not give.
KRESTEL_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "admit": ("admitted", "admitting"),
    "agree": ("agreeing",),
}


def _verb_forms(lemma: str) -> set[str]:
    """A verb's regular and irregular forms, and their British -ise spellings."""
    forms = inflections(lemma) | set(KRESTEL_IRREGULAR.get(lemma, ()))
    return forms | {f.replace("iz", "is") for f in forms if "iz" in f}


@dataclass
class GoldSource:
    spans: tuple[tuple[int, int], ...]
    text: str
    cues: list[tuple[int, int]] = field(default_factory=list)
    cue_texts: list[str] = field(default_factory=list)


@dataclass
class Document:
    name: str
    publisher: str
    text: str
    sources: list[GoldSource]
    ignored: list[GoldSource]
    contents: list[tuple[int, int]]
    entities: list = field(default_factory=list)  # the entity mentions of the text
    parse: object = None  # the entity model's parse of the text (a spaCy Doc)


def _spans(offsets: str) -> tuple[tuple[int, int], ...]:
    return tuple(tuple(map(int, part.split())) for part in offsets.split(";"))


KRESTEL_FORMS = frozenset().union(*(_verb_forms(v) for v in KRESTEL_VERBS))


def is_krestel_cue(cue: str) -> bool:
    """True when a cue holds one of KRESTEL_VERBS (any form) or is "according to"."""
    words = re.findall(r"[\w']+", cue.lower().replace("’", "'"))
    return "according" in words or any(w in KRESTEL_FORMS for w in words)


def read_annotations(path: Path, text: str, keep) -> tuple[list[GoldSource], list[GoldSource], list]:
    """Scored sources (cue passes `keep`), left-out sources and content spans of one `.ann` file."""
    spans, relations = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    sources: dict[tuple, GoldSource] = {}
    ignored: dict[tuple, GoldSource] = {}
    contents = []
    for relation in relations:
        cue = spans.get(relation.get("Cue", ""))
        source = spans.get(relation.get("Source", ""))
        for key in ("Content", "Content2"):
            if key in relation and relation[key] in spans:
                contents += list(spans[relation[key]][1])
        if source is None or cue is None:
            continue
        cue_text = " ".join(text[s:e] for s, e in cue[1])
        target = sources if keep(cue_text) else ignored
        gold = target.setdefault(source[1], GoldSource(source[1], " ".join(text[s:e] for s, e in source[1])))
        gold.cues += list(cue[1])
        gold.cue_texts.append(cue_text)
    for key in list(ignored):
        if key in sources:
            del ignored[key]
    return list(sources.values()), list(ignored.values()), contents


def load_split(folder: Path, split: str, keep) -> list[Document]:
    """The articles of one PolNeAR split with the first annotator's file of each; gold
    attributions whose cue fails `keep` are left out (and predictions on them not counted)."""
    base = require(folder, "polnear", split)
    by_article: dict[str, list[Path]] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        by_article.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    documents = []
    for name, files in sorted(by_article.items()):
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        sources, ignored, contents = read_annotations(files[0], text, keep)
        documents.append(Document(name, name.split("_", 1)[0], text, sources, ignored, contents))
    return documents


def segment(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """Paragraphs (lines) and sentences of a raw text, with offsets into it."""
    paragraphs, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append((pos, pos + len(line)))
        pos += len(line) + 1
    return paragraphs, [(i, s, e) for i, (s, e) in enumerate(sentence_spans(text, paragraphs))]


def sentence_bounds(document: Document) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a document, as the segmenter gives them."""
    return [(start, end) for _, start, end in segment(document.text)[1]]


def with_entities(documents: list[Document]) -> list[Document]:
    """The documents with their entity mentions and parse (the entity model run over all texts at once)."""
    found = text_layers([(d.text, *segment(d.text)) for d in documents])
    for document, layers in zip(documents, found):
        document.entities, document.parse = layers["entities"], layers["parse"]
    return documents


def attributions(document: Document):
    """The extractor's attributions of a document, its speakers linked to its entities."""
    return extract(document.text, *segment(document.text), load_lexicon(), entities=document.entities)


def predict(document: Document, keep) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """Predicted sources except those with a belief cue: (source span, cue spans), one per span.
    Quotations that continue an earlier speaker carry no cue and repeat its span: skipped."""
    found: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for row in speech_rows(attributions(document), load_lexicon()):
        found.setdefault((row.speaker_start, row.speaker_end), []).append((row.cue_start, row.cue_end))
    return list(found.items())


def predict_with_stances(document: Document, keep) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """`predict`'s sources and the stance attributions (`measures.attribution.stances`) the
    parse adds where the speech extractor found no source."""
    speech = predict(document, keep)
    found = stances(
        document.parse, [span for span, _ in speech], load_lexicon(), load_stance_model(), sentence_bounds(document)
    )
    return speech + [stance_prediction(c) for c, _ in found]


def stance_prediction(candidate) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """A stance candidate as a prediction: (source span, [cue span])."""
    return (candidate.source_start, candidate.source_end), [(candidate.cue_start, candidate.cue_end)]


def baseline(document: Document, keep=None) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """The naive regex: "NAME said", "said NAME", "according to NAME" (NAME capitalised words)."""
    found = {}
    for pattern in BASELINE_PATTERNS:
        for m in pattern.finditer(document.text):
            found.setdefault((m.start("src"), m.end("src")), []).append((m.start("cue"), m.end("cue")))
    return sorted(found.items())


def _overlap(span: tuple[int, int], spans) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in spans)


def covers(span: tuple[int, int], golds) -> bool:
    """Whether a predicted source span covers at least MIN_COVERAGE of one of the gold sources."""
    return any(_overlap(span, g.spans) >= MIN_COVERAGE * _length(g.spans) for g in golds)


def _inside(span: tuple[int, int], spans) -> bool:
    """Whether a span lies within one of `spans` (a predicted source inside reported content)."""
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _length(spans) -> int:
    return sum(e - s for s, e in spans)


def score(document: Document, predicted) -> dict:
    """Match predicted sources to gold sources; return counts and the unmatched items."""
    kept = [p for p in predicted if not covers(p[0], document.ignored)]
    matched, used = [], set()
    for g, gold in enumerate(document.sources):
        need = MIN_COVERAGE * _length(gold.spans)
        best = max(
            ((i, _overlap(p[0], gold.spans)) for i, p in enumerate(kept) if i not in used),
            key=lambda x: x[1],
            default=(None, 0),
        )
        if best[0] is not None and best[1] >= need and best[1] > 0:
            used.add(best[0])
            matched.append((g, best[0]))
    cue_hits = sum(any(_overlap(c, document.sources[g].cues) > 0 for c in kept[i][1]) for g, i in matched)
    missed = [document.sources[g] for g in set(range(len(document.sources))) - {g for g, _ in matched}]
    spurious = [kept[i] for i in set(range(len(kept))) - used]
    nested = {i for i, p in enumerate(kept) if _inside(p[0], document.contents)}
    return {
        "tp": len(matched),
        "tp_nested": sum(i in nested for _, i in matched),
        "n_pred_nested": len(nested),
        "n_pred": len(kept),
        "n_gold": len(document.sources),
        "cue_hits": cue_hits,
        "missed": missed,
        "spurious": spurious,
    }


def miss_reason(gold: GoldSource, document: Document, predicted, lexicon) -> str:
    """Why a gold source was missed (the code in ERROR_TYPES of the first reason that applies)."""
    if any(_overlap(p[0], gold.spans) > 0 for p in predicted):
        return "missed.partial_span"
    words = re.findall(r"[\w']+", " ".join(gold.cue_texts).lower().replace("’", "'"))
    if gold.text.lower().strip() in PRONOUNS:
        return "missed.pronoun_source"
    if (
        not any(w in lexicon.verb_forms for w in words)
        and "according" not in words
        and not any(":" in c for c in gold.cue_texts)
    ):
        return "missed.cue_not_in_lexicon"
    return "missed.source_not_found"


def spurious_reason(pred, document: Document) -> str:
    """Why a predicted source is not in the gold data (the code in ERROR_TYPES of the first
    reason that applies)."""
    span = pred[0]
    if any(_overlap(span, g.spans) > 0 for g in document.sources):
        return "spurious.boundary"
    if _overlap(span, document.contents) > 0:
        return "spurious.nested_attribution"
    return "spurious.unannotated"


def evaluate(documents: list[Document], predictor, keep) -> tuple[dict, Counter, pd.DataFrame]:
    """Scores over documents, error counts and per-publisher scores."""
    lexicon = load_lexicon()
    totals, errors, by_publisher = Counter(), Counter(), {}
    for document in documents:
        predicted = predictor(document, keep)
        result = score(document, predicted)
        for key in ("tp", "n_pred", "n_gold", "cue_hits", "tp_nested", "n_pred_nested"):
            totals[key] += result[key]
            by_publisher.setdefault(document.publisher, Counter())[key] += result[key]
        errors.update(miss_reason(g, document, predicted, lexicon) for g in result["missed"])
        errors.update(spurious_reason(p, document) for p in result["spurious"])
    rows = []
    for publisher, counts in sorted(by_publisher.items()):
        p, r, f = precision_recall_f1_counts(counts["tp"], counts["n_pred"], counts["n_gold"])
        rows.append(
            {
                "publisher": publisher,
                "n_gold": counts["n_gold"],
                "n_predicted": counts["n_pred"],
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(f, 3),
            }
        )
    return totals, errors, pd.DataFrame(rows)


def classes_before(path: Path = CLASSES_BEFORE_FILE) -> dict[str, dict[str, int]]:
    """The recorded source-class counts of each data set before speakers were entities."""
    spec = load_yaml(path.read_text(encoding="utf-8"))
    check(spec, "attribution_classes_before", display_path(path))
    return {name: entry["counts"] for name, entry in spec["datasets"].items()}


def class_changes(dataset: str, before: dict[str, int], after: Counter) -> list[dict]:
    """One row per source class: its count and share of the attributions, before and after."""
    n_before, n_after = sum(before.values()), sum(after.values())
    return [
        {
            "dataset": dataset,
            "source_class": source_class,
            "n_before": before.get(source_class, 0),
            "n_after": after[source_class],
            "share_before": round(before.get(source_class, 0) / n_before, 3) if n_before else float("nan"),
            "share_after": round(after[source_class] / n_after, 3) if n_after else float("nan"),
        }
        for source_class in SOURCE_CLASSES
    ]


def bbc_classes(folder: Path) -> Counter:
    """The source classes of the attributions of a corpus folder, read with the generic defaults."""
    corpus = load_corpus(folder)
    table = attribution_table(corpus.articles, load_lexicon(), load_actors())
    return Counter(table.loc[~table["inherited"].astype(bool), "source_class"])


def run(reference_dir: Path) -> Outcome:
    """Validate source attribution on PolNeAR dev; train (the development split) and dev with
    every non-belief attribution are reported beside it."""
    lexicon = load_lexicon()
    speech = lexicon.is_speech_cue
    not_belief = lambda cue: not lexicon.is_non_speech(cue)  # noqa: E731
    runs = (
        ("dev", "PolNeAR dev", speech, "speech cues", "speech_cues", predict),
        ("train", "PolNeAR train (development split)", speech, "speech cues", "speech_cues", predict),
        ("dev", "PolNeAR dev", not_belief, NON_BELIEF, "non_belief_cues", predict),
        (
            "dev",
            "PolNeAR dev",
            not_belief,
            NON_BELIEF + "; speech and stance attributions",
            "non_belief_cues_with_stances",
            predict_with_stances,
        ),
        (
            "dev",
            "PolNeAR dev",
            is_krestel_cue,
            "Krestel et al.'s reporting verbs, lexicon-free",
            "krestel_cues",
            predict,
        ),
    )
    summary, error_tables, publishers = [], [], None
    layers: dict[str, dict[str, tuple]] = {}  # split -> document -> its entity mentions and parse
    for split, dataset, keep, restriction, cues, predictor in runs:
        documents = load_split(reference_dir, split, keep)
        if split not in layers:
            layers[split] = {d.name: (d.entities, d.parse) for d in with_entities(documents)}
        for document in documents:
            document.entities, document.parse = layers[split][document.name]
        ours, errors, by_publisher = evaluate(documents, predictor, keep)
        naive, _, _ = evaluate(documents, baseline, keep)
        p, r, f = precision_recall_f1_counts(ours["tp"], ours["n_pred"], ours["n_gold"])
        bp, br, bf = precision_recall_f1_counts(naive["tp"], naive["n_pred"], naive["n_gold"])
        task = f"source mentions, {restriction} (>= 30% character overlap)"
        speech_only = keep is not not_belief  # the published anchors score speech (quotes) only
        for metric, value, anchor, base in (
            ("precision", p, 0.846, bp),
            ("recall", r, 0.827, br),
            ("f1", f, 0.837, bf),
        ):
            summary.append(
                {
                    "key": f"attribution.polnear_{split}.{cues}.{metric}",
                    "analysis": "attribution",
                    "dataset": dataset,
                    "task": task,
                    "metric": metric,
                    "value": round(value, 3),
                    "anchor": anchor if speech_only else float("nan"),
                    "anchor_source": (
                        GGT + ("; citron (BBC, PARC 3.0) token-overlap F1 0.832" if metric == "f1" else "")
                        if speech_only
                        else NO_ANCHOR
                    ),
                    "baseline": round(base, 3),
                    "baseline_name": 'naive regex ("NAME said", "said NAME", "according to NAME")',
                    "n": ours["n_gold"],
                }
            )
        naive_cue = naive["cue_hits"] / naive["tp"] if naive["tp"] else 0.0
        summary.append(
            {
                "key": f"attribution.polnear_{split}.{cues}.cue_accuracy",
                "analysis": "attribution",
                "dataset": dataset,
                "task": f"cue of the matched sources, {restriction}",
                "metric": "cue accuracy",
                "value": round(ours["cue_hits"] / ours["tp"], 3) if ours["tp"] else 0.0,
                "anchor": 0.865 if speech_only else float("nan"),
                "anchor_source": GGT + ": speaker accuracy (the closest published figure)"
                if speech_only
                else NO_ANCHOR,
                "baseline": round(naive_cue, 3),
                "baseline_name": "naive regex",
                "n": ours["tp"],
            }
        )
        for part, tp, n_pred in (
            ("top_level", ours["tp"] - ours["tp_nested"], ours["n_pred"] - ours["n_pred_nested"]),
            ("nested", ours["tp_nested"], ours["n_pred_nested"]),
        ):
            where = "inside another attribution's content" if part == "nested" else "outside any reported content"
            summary.append(
                {
                    "key": f"attribution.polnear_{split}.{cues}.{part}.precision",
                    "analysis": "attribution",
                    "dataset": dataset,
                    "task": f"predicted sources {where}, {restriction} (>= 30% character overlap)",
                    "metric": "precision",
                    "value": round(tp / n_pred, 3) if n_pred else float("nan"),
                    "anchor": float("nan"),
                    "anchor_source": "",
                    "baseline": float("nan"),
                    "baseline_name": "",
                    "n": n_pred,
                }
            )
        if keep is speech:
            total = sum(errors.values())
            error_tables += [
                {
                    "key": f"attribution.polnear_{split}.{cues}.errors.{code}",
                    "dataset": dataset,
                    "error_type": ERROR_TYPES[code],
                    "count": count,
                    "share": round(count / total, 3),
                }
                for code, count in sorted(errors.items(), key=lambda item: ERROR_TYPES[item[0]])
            ]
            if split == "dev":
                publishers = by_publisher.assign(dataset=dataset)
                dev_classes = Counter(r.source_class for d in documents for r in attributions(d) if not r.inherited)
    summary = pd.DataFrame(summary, columns=SUMMARY_COLUMNS)
    before = classes_before()
    classes = class_changes("PolNeAR dev", before["PolNeAR dev"], dev_classes)
    if reference_dir.joinpath(*BBC_FOLDER).is_dir():
        classes += class_changes(
            "BBC politics", before["BBC politics"], bbc_classes(reference_dir.joinpath(*BBC_FOLDER))
        )
    tables = {
        "summary": summary,
        "errors": pd.DataFrame(error_tables, columns=ERROR_COLUMNS),
        "by_publisher": publishers,
        "source_classes": pd.DataFrame(classes, columns=CLASS_COLUMNS),
    }
    return Outcome(
        tables,
        {"summary": summary},
        "Source: PolNeAR dev split (Newell et al. 2018); anchor from another corpus (Canadian news).",
    )
