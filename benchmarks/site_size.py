"""The size of a report site, against the budgets for sending it (see benchmarks/README.md).

    .venv/bin/python benchmarks/site_size.py OUTPUT [--corpus DIR [--manifest FILE --group-by COLUMN]] [--csv FILE]

With `--corpus`, first runs `python -m analysis run --corpus DIR --output OUTPUT` (a rerun
reuses the per-article cache and the unchanged notebooks), with `--manifest FILE` and
`--group-by COLUMN` when given. Then lists every file of
`OUTPUT/reports/` with its size, writes them to FILE (default benchmarks/site_size.csv: file,
bytes, kind, with a total row) and checks the budgets: each reader page under
`site.READER_PAGE_BYTES`, the whole folder under `site.SITE_BYTES`. Exits 1 if a
budget is exceeded. `make site-size` runs it on the BBC News corpus with a manifest of each
article's folder and a made-up date (benchmarks/bbc_manifest.py), grouped by folder.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from analysis.report.site import READER_PAGE_BYTES, SITE_BYTES, site_files  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the output folder of a run (holds reports/)")
    parser.add_argument("--corpus", type=Path, help="run the analysis and the reports on this corpus first")
    parser.add_argument("--manifest", type=Path, help="the corpus's manifest, if not its folder's manifest.csv")
    parser.add_argument("--group-by", help="the metadata column to group articles by")
    parser.add_argument("--csv", type=Path, default=PROJECT_ROOT / "benchmarks" / "site_size.csv")
    args = parser.parse_args()
    if args.corpus:
        command = [sys.executable, "-m", "analysis", "run", "--corpus", str(args.corpus), "--output", str(args.output)]
        if args.manifest:
            command += ["--manifest", str(args.manifest)]
        if args.group_by:
            command += ["--group-by", args.group_by]
        subprocess.run(command, cwd=PROJECT_ROOT, check=True)
    files = site_files(args.output / "reports")
    total = sum(size for _, size, _ in files)
    args.csv.parent.mkdir(parents=True, exist_ok=True)
    with open(args.csv, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "bytes", "kind"])
        writer.writerows(files)
        writer.writerow(["(total)", total, "site"])
    over = [(name, size) for name, size, kind in files if kind == "reader page" and size > READER_PAGE_BYTES]
    for name, size, kind in files:
        print(f"{size:>12,}  {kind:<12} {name}")
    print(f"{total:>12,}  total (budget {SITE_BYTES:,}); reader pages budget {READER_PAGE_BYTES:,} each")
    for name, size in over:
        print(f"over budget: {name} ({size:,} bytes)", file=sys.stderr)
    if total > SITE_BYTES:
        print(f"over budget: the whole site ({total:,} bytes)", file=sys.stderr)
    return 1 if over or total > SITE_BYTES else 0


if __name__ == "__main__":
    raise SystemExit(main())
