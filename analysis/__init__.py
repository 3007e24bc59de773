"""Analysis of news coverage: corpus loading and cleaning, sentiment, framing, readability,
source attribution, figures, and a runner that executes the notebooks into reports."""

__version__ = "0.1.0"
