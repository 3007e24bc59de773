"""One figure style for every notebook, and deterministic saving as PNG and SVG.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies). Figures carry a title, labelled axes and a source note. Saved files
contain no timestamps or version strings, so unchanged inputs give identical bytes.
"""

from __future__ import annotations

import base64
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from ..outputs import atomic_path

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
DIVERGING_CMAP = "RdBu"  # red-blue diverging map, readable with red-green colour blindness
SEQUENTIAL_CMAP = "viridis"
PERCENTILE_CMAP = "PuOr_r"  # below / above a reference median: purple / orange, neither good nor bad
TONE_LIMITS = (-1.0, 1.0)  # every tone axis and tone colour scale: VADER's compound range, centred on 0
MAX_ARTICLES_SHOWN = 40  # per-article figures show each article up to this many, else the distribution

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
    """Save `fig` as `<name>.png` and `<name>.svg` with deterministic bytes. In a notebook
    (matplotlib's inline backend) the saved PNG is what the cell shows (`show_saved_png`)."""
    if source_note:
        add_source_note(fig, source_note)
    fig.tight_layout(rect=(0, 0.04 if source_note else 0, 1, 1))
    for fmt, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        with atomic_path(Path(figures_dir) / f"{name}.{fmt}") as tmp:
            fig.savefig(tmp, format=fmt, metadata=meta)
    show_saved_png(fig, (Path(figures_dir) / f"{name}.png").read_bytes())


_saved_to_show: list = []  # the saved PNGs of the running cell, shown when it ends


def show_saved_png(fig: plt.Figure, png: bytes) -> None:
    """Under the inline backend, close `fig` and show `png` (its saved file, in the compact form
    the reports embed: `report.images.compact_png`) at the end of the cell, where the backend
    would have drawn the figure once more; shown at the figure's size on screen (its width in
    inches at `figure.dpi`). Elsewhere, do nothing."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or "inline" not in matplotlib.get_backend():
        return
    if _show_saved_pngs not in shell.events.callbacks["post_execute"]:
        shell.events.register("post_execute", _show_saved_pngs)
    from ..report.images import compact_png

    data = {"image/png": base64.b64encode(compact_png(png)).decode("ascii"), "text/plain": repr(fig)}
    _saved_to_show.append((data, {"image/png": {"width": round(fig.get_figwidth() * fig.dpi), "alt": alt_text(fig)}}))
    plt.close(fig)


def alt_text(fig: plt.Figure) -> str:
    """A figure's text alternative: its title (or its panels' titles) and each panel's axis labels."""
    panels = [ax for ax in fig.axes if ax.get_title() or ax.get_xlabel() or ax.get_ylabel()]
    title = fig._suptitle.get_text() if fig._suptitle is not None else ""
    parts = [title] if title else []
    for ax in panels:
        axes = " against ".join(label for label in (ax.get_ylabel(), ax.get_xlabel()) if label)
        described = ": ".join(text for text in (ax.get_title(), axes) if text)
        if described:
            parts.append(" ".join(described.split()))
    return "Figure. " + "; ".join(dict.fromkeys(parts)) + "." if parts else "Figure."


def _show_saved_pngs() -> None:
    from IPython.display import display

    while _saved_to_show:
        data, metadata = _saved_to_show.pop(0)
        display(data, raw=True, metadata=metadata)


def discard_figure(figures_dir: str | Path, *names: str) -> None:
    """Remove figures (PNG, SVG and the CSV of their data) an earlier run made and this one does
    not, so the reports never show a figure of other data."""
    for name in names:
        for suffix in (".png", ".svg", ".csv"):
            (Path(figures_dir) / f"{name}{suffix}").unlink(missing_ok=True)


def heatmap_figure(
    matrix,
    title: str,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    cmap: str = SEQUENTIAL_CMAP,
    value_format: str = "{:.0f}",
    limits: tuple[float, float] | None = None,
) -> plt.Figure:
    """A labelled heatmap of a DataFrame (rows x columns) with the value written in each cell.
    The colour scale spans the data from 0 (counts, scores, rates), or fixed `limits` (the
    same in every figure of a kind, such as TONE_LIMITS for a diverging tone map); values
    beyond the limits take the end colours."""
    import numpy as np

    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(0.75 * matrix.shape[1] + 4, max(0.5 * matrix.shape[0] + 2, 3.5)))
    low, high = limits if limits is not None else (0.0, float(np.nanmax(values, initial=0.0)) or 1.0)
    image = ax.imshow(values, cmap=cmap, vmin=low, vmax=high, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=35, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index])
    ax.grid(False)
    for (row, col), value in np.ndenumerate(values):
        if not np.isnan(value):
            diverging = limits is not None and low < 0 < high
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


def by_value(values: pd.Series, ascending: bool = False) -> list:
    """The labels (index) of `values` ordered by value, highest first unless `ascending`, ties
    broken by label; labels without a value last."""
    table = pd.DataFrame({"value": values.to_numpy(dtype=float), "label": [str(i) for i in values.index]})
    table["order"] = range(len(table))
    ranked = table.sort_values(["value", "label"], ascending=[ascending, True], na_position="last", kind="stable")
    return [values.index[i] for i in ranked["order"]]


def ordered_rows(matrix: pd.DataFrame) -> pd.DataFrame:
    """The rows in the order of their sums, highest first, ties broken by label."""
    return matrix.loc[by_value(matrix.sum(axis=1))]


def shows_each_article(n_articles: int, group_word: str = "article") -> bool:
    """Whether a figure shows each article: the articles are not grouped (`group_word`
    "article" or "corpus", see notebook.article_groups) and at most MAX_ARTICLES_SHOWN; else
    it shows the distribution of the per-article values (per group, if grouped)."""
    return group_word in ("article", "corpus") and n_articles <= MAX_ARTICLES_SHOWN


def box_strip(
    ax: plt.Axes, groups: list[tuple[str, object]], colour: str, max_dots: int = 2000, counts: bool = True
) -> None:
    """One horizontal box per (label, values), top to bottom, with every value as a dot
    (jittered with a fixed seed) when there are at most `max_dots` in all; `counts` adds the
    number of values to each label."""
    import numpy as np

    arrays = [np.asarray(values, dtype=float) for _, values in groups]
    arrays = [a[~np.isnan(a)] for a in arrays]
    positions = np.arange(1, len(groups) + 1)
    ax.boxplot(
        arrays,
        positions=positions,
        orientation="horizontal",
        widths=0.6,
        showfliers=False,
        patch_artist=True,
        boxprops={"facecolor": colour, "alpha": 0.35},
        medianprops={"color": "black"},
    )
    if sum(len(a) for a in arrays) <= max_dots:
        rng = np.random.default_rng(0)
        for position, values in zip(positions, arrays):
            ax.scatter(values, position + rng.uniform(-0.2, 0.2, len(values)), s=9, alpha=0.5, color=colour, zorder=3)
    ax.set_yticks(positions, [f"{label} (n={len(a):,})" if counts else label for (label, _), a in zip(groups, arrays)])
    ax.set_ylim(len(groups) + 0.6, 0.4)


def histogram(ax: plt.Axes, values, colour: str, bins=30, value_range: tuple[float, float] | None = None) -> None:
    """Histogram of `values` (missing values left out) with its median marked."""
    import numpy as np

    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    ax.hist(values, bins=bins, range=value_range, color=colour, alpha=0.8, edgecolor="white")
    if len(values):
        median = float(np.median(values))
        shown = f"{median:,.0f}" if abs(median) >= 100 else f"{median:.2f}"
        ax.axvline(median, color="black", linestyle="--", linewidth=1.2, label=f"median {shown}")
        ax.legend(fontsize=9, loc="upper right")


def distributions_figure(matrix: pd.DataFrame, title: str, xlabel: str) -> plt.Figure:
    """The distribution of each column's values over the rows (articles): one box per column,
    in column order, with every value as a dot when there are few."""
    fig, ax = plt.subplots(figsize=(9, 0.55 * matrix.shape[1] + 2.2))
    box_strip(ax, [(str(c), matrix[c]) for c in matrix.columns], OKABE_ITO[0])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    return fig
