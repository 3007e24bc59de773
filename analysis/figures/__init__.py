"""All drawing: the shared style (`style`), the figure names (`names`), one module of figures
per analysis and the validation figures (`validation`).

Figure functions take result tables and return a matplotlib figure; `save_figure` writes
it as PNG and SVG, byte-identical on a rerun. Nothing here computes a result.
"""

from . import (
    attribution,
    comparisons,
    corpus,
    credibility,
    entities,
    framing,
    names,
    readability,
    reuse,
    sensationalism,
    sentiment,
    style,
    synthesis,
    validation,
)
from .style import apply_style, discard_figure, heatmap_figure, save_figure

__all__ = [
    "apply_style",
    "attribution",
    "comparisons",
    "corpus",
    "credibility",
    "discard_figure",
    "entities",
    "framing",
    "heatmap_figure",
    "names",
    "readability",
    "reuse",
    "save_figure",
    "sensationalism",
    "sentiment",
    "style",
    "synthesis",
    "validation",
]
