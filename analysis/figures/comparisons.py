"""Figures of the comparisons (analysis/measures/comparisons.py): the headline measures over
time with their intervals and article counts, and between groups of articles as forest plots
of the group means and of their differences."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import style

MEASURE_AXES = {  # measure: (axis label, tick format, fixed limits or None)
    "mean_compound": ("Tone (mean compound)", "{x:+.2f}", style.TONE_LIMITS),
    "sensationalism_index": ("Sensationalism index", "{x:.2f}", None),
    "flesch_kincaid_grade": ("Flesch-Kincaid grade", "{x:g}", None),
    "share_named": ("Share of named sources", "{x:.0%}", (0.0, 1.0)),
    "n_words": ("Words", "{x:,.0f}", None),
}
DIFFERENCE_AXES = {  # measure: (tick format of a difference, least half-width of its axis)
    "mean_compound": ("{x:+.2f}", style.TONE_LIMITS[1]),  # tone differences on the tone scale's width
    "sensationalism_index": ("{x:+.2f}", 0.25),
    "flesch_kincaid_grade": ("{x:+.1f}", 2.0),
    "share_named": ("{x:+.0%}", 0.25),
    "n_words": ("{x:+,.0f}", 200.0),
}
BAR_DAYS = {"week": 5, "month": 24, "year": 300}  # width of a period's count bar


def _formatter(fmt: str):
    return style.matplotlib.ticker.StrMethodFormatter(fmt)


def over_time_figure(table: pd.DataFrame, period: str, min_articles: int) -> style.plt.Figure:
    """One panel per measure: the mean per period with its 95% interval (a hollow marker without
    one, under `min_articles` articles), above a strip of the articles counted per period."""
    measures = [m for m in MEASURE_AXES if m in set(table["measure"])]
    ratios = [r for _ in measures for r in (3, 1)]
    fig, axes = style.plt.subplots(
        2 * len(measures), 1, figsize=(9, 2.6 * len(measures) + 1), sharex=True, height_ratios=ratios, squeeze=False
    )
    for k, measure in enumerate(measures):
        ax, counts = axes[2 * k, 0], axes[2 * k + 1, 0]
        rows = table[table["measure"] == measure]
        x = pd.to_datetime(rows["period_start"])
        label, fmt, limits = MEASURE_AXES[measure]
        with_interval = rows["ci_low"].notna().to_numpy()
        ax.plot(x, rows["mean"], color=style.OKABE_ITO[0], linewidth=1, alpha=0.6)
        ax.errorbar(
            x[with_interval],
            rows["mean"][with_interval],
            yerr=[
                (rows["mean"] - rows["ci_low"])[with_interval],
                (rows["ci_high"] - rows["mean"])[with_interval],
            ],
            fmt="o",
            color=style.OKABE_ITO[0],
            capsize=3,
            label="mean, 95% bootstrap interval",
        )
        few = ~with_interval & rows["n_articles"].gt(0).to_numpy()
        if few.any():
            ax.scatter(
                x[few],
                rows["mean"][few],
                facecolors="white",
                edgecolors=style.OKABE_ITO[0],
                zorder=3,
                label=f"mean of fewer than {min_articles} articles (no interval)",
            )
        if measure == "mean_compound":
            ax.axhline(0, color="#777777", linewidth=1)
        if limits is not None:
            ax.set_ylim(*limits)
        ax.yaxis.set_major_formatter(_formatter(fmt))
        ax.set_ylabel(label, fontsize=9)
        counts.bar(x, rows["n_articles"], width=BAR_DAYS[period], color="#999999")
        counts.set_ylabel("Articles", fontsize=8)
        counts.yaxis.set_major_locator(style.matplotlib.ticker.MaxNLocator(3, integer=True))
        counts.tick_params(axis="y", labelsize=8)
    if measures:
        axes[0, 0].legend(
            handles=_legend_handles(axes, measures), loc="lower left", bbox_to_anchor=(0, 1.02), fontsize=8, ncols=2
        )
        axes[-1, 0].set_xlabel(f"{period.capitalize()} (first day of the {period})")
    fig.suptitle(f"The headline measures per {period}", fontweight="bold")
    return fig


def _legend_handles(axes, measures) -> list:
    """One legend entry per kind of marker drawn in any panel."""
    handles = {}
    for k in range(len(measures)):
        for handle, label in zip(*axes[2 * k, 0].get_legend_handles_labels()):
            handles.setdefault(label, handle)
    return list(handles.values())


def _forest(ax, labels: list[str], centre, low, high, fmt: str, zero: bool) -> None:
    """Horizontal points with their intervals (a hollow marker without one), top to bottom."""
    centre, low, high = (np.asarray(v, dtype=float) for v in (centre, low, high))
    y = np.arange(len(labels))
    has = ~np.isnan(low)
    ax.errorbar(
        centre[has],
        y[has],
        xerr=[centre[has] - low[has], high[has] - centre[has]],
        fmt="o",
        capsize=3,
        color=style.OKABE_ITO[0],
    )
    ax.scatter(centre[~has], y[~has], facecolors="white", edgecolors=style.OKABE_ITO[0], zorder=3)
    if zero:
        ax.axvline(0, color="#777777", linewidth=1)
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(_formatter(fmt))


def _group_label(group: str, n: int, width: int = 28) -> str:
    short = group if len(group) <= width else group[: width - 1] + "…"
    return f"{short} (n={n:,})"


def group_means_figure(means: pd.DataFrame, group_word: str) -> style.plt.Figure:
    """Per measure, each group's mean with its 95% bootstrap interval over its articles."""
    measures = [m for m in MEASURE_AXES if m in set(means["measure"])]
    n_groups = means["group"].nunique()
    columns = min(len(measures), 3) or 1
    rows = -(-len(measures) // columns) or 1
    fig, axes = style.plt.subplots(
        rows, columns, figsize=(4.2 * columns + 1.5, (0.35 * n_groups + 1.4) * rows + 0.8), squeeze=False
    )
    for ax, measure in zip(axes.flat, measures):
        part = means[means["measure"] == measure]
        label, fmt, limits = MEASURE_AXES[measure]
        labels = [_group_label(g, n) for g, n in zip(part["group"], part["n_articles"])]
        _forest(ax, labels, part["mean"], part["ci_low"], part["ci_high"], fmt, zero=measure == "mean_compound")
        if limits is not None:
            ax.set_xlim(*limits)
        ax.set_title(label, fontsize=10)
    for ax in axes.flat[len(measures) :]:
        ax.set_visible(False)
    fig.suptitle(f"Mean per {group_word}, with 95% bootstrap intervals over articles", fontweight="bold")
    return fig


def group_differences_figure(differences: pd.DataFrame, group_word: str) -> style.plt.Figure:
    """Per measure, each difference between groups of articles (the group minus what it is
    compared with: the other group, or the other articles) with its 95% bootstrap interval and
    the line of no difference; panels stacked for a few groups, three abreast for more. Each
    axis is centred on 0 and at least as wide as the measure's floor in DIFFERENCE_AXES (tone:
    the -1..+1 width of every tone axis), so that a small difference does not fill the panel."""
    from ..measures.comparisons import REST

    measures = [m for m in MEASURE_AXES if m in set(differences["measure"])]
    n_rows = len(differences) // max(len(measures), 1)
    against_rest = bool(len(differences)) and differences["compared_with"].eq(REST).all()
    columns = 1 if n_rows <= 6 else min(3, len(measures))
    rows = max(-(-len(measures) // columns), 1)
    fig, axes = style.plt.subplots(
        rows,
        columns,
        figsize=(9 if columns == 1 else 4.6 * columns + 1, (0.35 * n_rows + 1.1) * rows + 1),
        squeeze=False,
    )
    for ax, measure in zip(axes.flat, measures):
        part = differences[differences["measure"] == measure]
        labels = [
            _group_label(g, n) + ("" if against_rest else f" − {_group_label(c, m)}")
            for g, n, c, m in zip(part["group"], part["n_group"], part["compared_with"], part["n_compared"])
        ]
        fmt, floor = DIFFERENCE_AXES[measure]
        _forest(ax, labels, part["difference"], part["ci_low"], part["ci_high"], fmt, zero=True)
        values = np.abs(part[["difference", "ci_low", "ci_high"]].to_numpy(dtype=float))
        span = max(floor, 1.05 * np.nanmax(values, initial=0))
        ax.set_xlim(-span, span)
        ax.xaxis.set_major_locator(style.matplotlib.ticker.MaxNLocator(9 if columns == 1 else 5, symmetric=True))
        ax.set_title(MEASURE_AXES[measure][0], fontsize=10, loc="left")
    for ax in axes.flat[len(measures) :]:
        ax.set_visible(False)
    what = f"each {group_word} minus all other articles" if against_rest else f"between {group_word} groups"
    fig.suptitle(f"Differences of means, {what}, with 95% bootstrap intervals over articles", fontweight="bold")
    return fig
