"""Words per CPU second of each analysis, for two checkouts side by side in one run.

    .venv/bin/python benchmarks/speed.py CORPUS [--baseline DIR] [--repeats N]

Each repeat runs `analyze` once on CORPUS in a fresh process with one worker, for this
checkout and, if given, for the checkout at DIR, alternately, so that both see the same
load on a shared machine. Per analysis it prints the median words per CPU second, timed
inside the worker as in `bench.py` (words are body words after cleaning, as in
`articles.csv`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The package times each analysis with time.perf_counter; made the CPU clock of the process here
# (before the package is imported), those are CPU seconds, as in bench.py.
DRIVER = """
import json, sys, time
time.perf_counter = time.process_time
from analysis.pipeline.analyze import analyze
seconds = {}
tables = analyze(sys.argv[1], sys.argv[2], seconds=seconds, force=True, workers=1)
print(json.dumps({"seconds": seconds, "words": int(tables["articles"]["n_words"].sum())}))
"""


def run_once(checkout: Path, corpus: Path, output: Path) -> dict[str, float]:
    """Words per CPU second of each analysis in one `analyze` run of `checkout`."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    completed = subprocess.run(
        [sys.executable, "-c", DRIVER, str(corpus), str(output)],
        cwd=checkout,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    stats = json.loads(completed.stdout.strip().splitlines()[-1])
    return {name: stats["words"] / seconds for name, seconds in stats["seconds"].items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--baseline", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    checkouts = {"this": PROJECT_ROOT}
    if args.baseline:
        checkouts["baseline"] = args.baseline.resolve()
    speeds: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory() as scratch:
        for repeat in range(args.repeats):
            for name, checkout in checkouts.items():
                speeds[name].append(run_once(checkout, args.corpus, Path(scratch) / f"{name}{repeat}"))
    analyses = list(speeds["this"][0])
    print(
        "| analysis | "
        + " | ".join(f"{name} (words/CPU-s)" for name in checkouts)
        + (" | ratio |" if args.baseline else " |")
    )
    print("| --- |" + " --- |" * (len(checkouts) + bool(args.baseline)))
    for analysis in analyses:
        medians = [statistics.median(run[analysis] for run in speeds[name]) for name in checkouts]
        ratio = f" {medians[0] / medians[1]:.2f} |" if args.baseline else ""
        print(f"| {analysis} | " + " | ".join(f"{m:,.0f}" for m in medians) + " |" + ratio)
    return 0


if __name__ == "__main__":
    sys.exit(main())
