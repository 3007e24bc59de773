"""One figure style for every notebook, and deterministic saving as PNG and SVG.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies). Figures carry a title, labelled axes and a source note. Saved files
contain no timestamps or version strings, so unchanged inputs give identical bytes.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from ..outputs import atomic_path

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
DIVERGING_CMAP = "RdBu"  # red-blue diverging map, readable with red-green colour blindness
SEQUENTIAL_CMAP = "viridis"
TONE_LIMITS = (-1.0, 1.0)  # every tone axis and tone colour scale: VADER's compound range, centred on 0

STYLE = {
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
    "legend.frameon": False,
    "svg.hashsalt": "analysis",
    "svg.fonttype": "path",
    "path.simplify": True,
}


def apply_style() -> None:
    """Apply the shared figure style to matplotlib."""
    plt.rcParams.update(STYLE)


def add_source_note(fig: plt.Figure, note: str) -> None:
    """Write a small source note in the bottom-left corner of a figure."""
    fig.text(0.01, 0.005, note, fontsize=8, color="#555555", ha="left", va="bottom")


def save_figure(fig: plt.Figure, figures_dir: str | Path, name: str, source_note: str | None = None) -> None:
    """Save `fig` as `<name>.png` and `<name>.svg` with deterministic bytes."""
    if source_note:
        add_source_note(fig, source_note)
    fig.tight_layout(rect=(0, 0.04 if source_note else 0, 1, 1))
    for fmt, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        with atomic_path(Path(figures_dir) / f"{name}.{fmt}") as tmp:
            fig.savefig(tmp, format=fmt, metadata=meta)


def heatmap_figure(
    matrix,
    title: str,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    cmap: str = SEQUENTIAL_CMAP,
    value_format: str = "{:.0f}",
    center: float | None = None,
    limits: tuple[float, float] | None = None,
) -> plt.Figure:
    """A labelled heatmap of a DataFrame (rows x columns) with the value written in each cell.
    The colour scale spans the data, symmetric around `center` if given, or fixed `limits`
    (the same in every figure of a kind, such as TONE_LIMITS)."""
    import numpy as np

    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(0.75 * matrix.shape[1] + 4, max(0.5 * matrix.shape[0] + 2, 3.5)))
    if limits is not None:
        image = ax.imshow(values, cmap=cmap, vmin=limits[0], vmax=limits[1], aspect="auto")
    elif center is not None:
        span = np.nanmax(np.abs(values - center)) or 1.0
        image = ax.imshow(values, cmap=cmap, vmin=center - span, vmax=center + span, aspect="auto")
    else:
        image = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=35, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index])
    ax.grid(False)
    for (row, col), value in np.ndenumerate(values):
        if not np.isnan(value):
            diverging = center is not None or limits is not None
            dark = abs(image.norm(value) - 0.5) > 0.3 if diverging else image.norm(value) < 0.55
            ax.text(
                col,
                row,
                value_format.format(value),
                ha="center",
                va="center",
                fontsize=9,
                color="white" if dark else "black",
            )
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.colorbar(image, ax=ax, label=colorbar_label, shrink=0.8)
    return fig


def top_articles(matrix: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, str]:
    """At most `limit` rows (those with the largest row sums), and a note saying so if cut."""
    if len(matrix) <= limit:
        return matrix, ""
    keep = matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index[:limit]
    return matrix.loc[sorted(keep)], f" ({limit} of {len(matrix):,} articles, highest totals)"
