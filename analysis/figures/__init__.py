"""All drawing: the shared style (`style`) and one module of figures per analysis.

Figure functions take result tables and return a matplotlib figure; `save_figure` writes
it as PNG and SVG, byte-identical on a rerun. Nothing here computes a result.
"""
from . import attribution, corpus, framing, readability, sensationalism, sentiment, style, synthesis
from .style import apply_style, heatmap_figure, save_figure

__all__ = ["apply_style", "attribution", "corpus", "framing", "heatmap_figure", "readability", "save_figure",
           "sensationalism", "sentiment", "style", "synthesis"]
