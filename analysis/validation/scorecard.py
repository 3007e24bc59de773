"""The reference the scorecard's colours are read against: percentiles of each measure in
edited news.

The BBC News corpus (Greene & Cunningham 2006; `bbc/` under the reference corpora, 2,225
articles from 2004-05 in five topic folders, first line the headline) is analysed with the
package's default options, as any corpus without a configuration would be (the pipeline
skips the files whose text repeats another's), and the scorecard
of its articles (`measures.synthesis.scorecard`) gives the 0th to 100th percentile of every
compared measure. The scorecard figure colours a value by its percentile among these articles,
so a colour says "low or high for BBC News", the same whichever rows a figure shows.

Tables: `reference` (`validation/scorecard_reference.csv`, read by the figure) and an empty
`summary`: nothing here is scored against human labels.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from ..measures.synthesis import reference_percentiles, scorecard
from ..pipeline.analyze import analyze, load_results
from ..pipeline.options import Options
from . import SUMMARY_COLUMNS, Outcome, require

REFERENCE_NAME = "BBC News articles (2004-05)"


def run(reference_dir: Path) -> Outcome:
    corpus = require(reference_dir, "bbc")
    with tempfile.TemporaryDirectory() as output:
        analyze(corpus, output, Options())
        card = scorecard(load_results(output))
    card = card[card["article_id"].str.contains("/")]  # the articles of the topic folders, not the README
    return Outcome(
        tables={
            "reference": reference_percentiles(card, REFERENCE_NAME),
            "summary": pd.DataFrame(columns=SUMMARY_COLUMNS),
        },
        figure_inputs={},
        source_note="",
    )
