"""A manifest for the BBC News corpus, made for the site-size check: each article's folder
(its topic) and a date.

    .venv/bin/python benchmarks/bbc_manifest.py CORPUS MANIFEST

The BBC News data set (Greene & Cunningham 2006) carries no dates; the check needs the
comparisons over time, so each article gets a date in 2004-2005 drawn from a hash of its path
(the same on every run). The dates are made up: figures over time on them show the method,
not the news. The corpus folder is only read; the manifest is written where asked.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from datetime import date, timedelta
from pathlib import Path

FIRST_DAY, N_DAYS = date(2004, 1, 1), 731


def manifest_rows(corpus: Path) -> list[list[str]]:
    """(article_id, folder, date) for every `.txt` file below a topic folder of the corpus."""
    rows = []
    for path in sorted(corpus.glob("*/*.txt")):
        article_id = path.relative_to(corpus).with_suffix("").as_posix()
        offset = int.from_bytes(hashlib.sha256(article_id.encode()).digest()[:4], "big") % N_DAYS
        rows.append([article_id, path.parent.name, (FIRST_DAY + timedelta(days=offset)).isoformat()])
    return rows


def main(corpus: str, target: str) -> int:
    rows = manifest_rows(Path(corpus))
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["article_id", "folder", "date"])
        writer.writerows(rows)
    print(f"{len(rows):,} articles: {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
