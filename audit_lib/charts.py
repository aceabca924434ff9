"""Chart builders shared by the audits: small, labelled, deterministic matplotlib figures.

Each returns a Figure; `report.display.show_figure` renders it as deterministic inline SVG.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SEVERITY_COLOURS = {
    "critical": "#7f0000",
    "high": "#d7301f",
    "medium": "#f29e2e",
    "low": "#7a8ba3",
    "info": "#b8b8b8",
}
PALETTE = [
    "#2b6cb0",
    "#f29e2e",
    "#38a169",
    "#d7301f",
    "#805ad5",
    "#718096",
    "#d69e2e",
    "#319795",
    "#b83280",
    "#4a5568",
]


def _figure(width: float = 7.0, height: float = 3.2):
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _annotate_bars(ax, bars, horizontal: bool = False) -> None:
    for bar in bars:
        value = bar.get_width() if horizontal else bar.get_height()
        if value <= 0:
            continue
        if horizontal:
            ax.annotate(
                f"{value:,.0f}",
                (value, bar.get_y() + bar.get_height() / 2),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        else:
            ax.annotate(
                f"{value:,.0f}",
                (bar.get_x() + bar.get_width() / 2, value),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )


def severity_bar(counts: pd.Series, title: str = "") -> plt.Figure:
    """Findings per severity, coloured by severity."""
    fig, ax = _figure(6.0, 2.6)
    labels = list(counts.index)
    bars = ax.bar(labels, counts.values, color=[SEVERITY_COLOURS.get(s, "#999999") for s in labels])
    _annotate_bars(ax, bars)
    ax.set_ylabel("findings")
    if title:
        ax.set_title(title)
    ax.set_ylim(0, max(1, counts.max() * 1.15) if len(counts) else 1)
    fig.tight_layout()
    return fig


def hbar(
    values: pd.Series,
    xlabel: str,
    title: str = "",
    color: str | list[str] = PALETTE[0],
    limit: int = 20,
    sort: bool = True,
) -> plt.Figure:
    """Horizontal bars, largest first unless `sort` is False (then in the order given; at most
    `limit` bars, the rest grouped as 'other'); `color` one colour or one per bar."""
    if sort:
        values = values.sort_values(ascending=False, kind="mergesort")
    if len(values) > limit:
        values = pd.concat(
            [values.iloc[: limit - 1], pd.Series({"(other)": values.iloc[limit - 1 :].sum()})]
        )
    fig, ax = _figure(7.0, max(1.6, 0.32 * len(values) + 0.8))
    colours = color[: len(values)][::-1] if isinstance(color, list) else color
    bars = ax.barh([str(i) for i in values.index][::-1], values.values[::-1], color=colours)
    _annotate_bars(ax, bars, horizontal=True)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    ax.set_xlim(0, max(1, values.max() * 1.15) if len(values) else 1)
    fig.tight_layout()
    return fig


def stacked_bars(
    table: pd.DataFrame,
    ylabel: str,
    title: str = "",
    colours: dict[str, str] | None = None,
    horizontal: bool = False,
    rotate: int = 0,
) -> plt.Figure:
    """One bar per index value, stacked by column (legend = columns)."""
    fig, ax = _figure(7.5, 3.4 if not horizontal else max(1.8, 0.32 * len(table) + 1.0))
    bottom = np.zeros(len(table))
    labels = [str(i) for i in table.index]
    for i, column in enumerate(table.columns):
        colour = (colours or {}).get(column, PALETTE[i % len(PALETTE)])
        values = table[column].to_numpy(dtype=float)
        if horizontal:
            ax.barh(labels, values, left=bottom, color=colour, label=str(column))
        else:
            ax.bar(labels, values, bottom=bottom, color=colour, label=str(column))
        bottom += values
    if horizontal:
        ax.set_xlabel(ylabel)
        ax.invert_yaxis()
    else:
        ax.set_ylabel(ylabel)
        if rotate:
            plt.setp(ax.get_xticklabels(), rotation=rotate, ha="right")
    if title:
        ax.set_title(title)
    if len(table.columns) > 1:
        ax.legend(
            frameon=False,
            fontsize=8,
            ncols=min(4, len(table.columns)),
            loc="upper left",
            bbox_to_anchor=(0, -0.18 if not rotate else -0.35),
        )
    fig.tight_layout()
    return fig


def histogram(
    values: Sequence[float] | pd.Series,
    xlabel: str,
    marker: float | None = None,
    marker_label: str = "",
    bins: int | Sequence[float] = 30,
    title: str = "",
) -> plt.Figure:
    """Distribution with an optional vertical marker (a deadline, a limit)."""
    fig, ax = _figure(7.0, 3.0)
    values = pd.Series(values, dtype=float).dropna()
    if len(values):
        ax.hist(values, bins=bins, color=PALETTE[0], edgecolor="white")
    if marker is not None:
        ax.axvline(marker, color=SEVERITY_COLOURS["high"], linestyle="--", linewidth=1.5)
        ax.annotate(
            marker_label,
            (marker, 1),
            xycoords=("data", "axes fraction"),
            xytext=(4, -12),
            textcoords="offset points",
            color=SEVERITY_COLOURS["high"],
            fontsize=8,
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel("count")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def line(frame: pd.DataFrame, ylabel: str, title: str = "", percent: bool = False) -> plt.Figure:
    """One line per column over the index (months)."""
    fig, ax = _figure(7.0, 3.0)
    for i, column in enumerate(frame.columns):
        ax.plot(
            [str(x) for x in frame.index],
            frame[column].to_numpy(dtype=float),
            marker="o",
            color=PALETTE[i % len(PALETTE)],
            label=str(column),
        )
    ax.set_ylabel(ylabel)
    if percent:
        ax.set_ylim(0, 105)
    if len(frame.columns) > 1:
        ax.legend(frameon=False, fontsize=8)
    plt.setp(ax.get_xticklabels(), rotation=45, ha="right")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def heatmap(table: pd.DataFrame, label: str, title: str = "") -> plt.Figure:
    """A heat map of counts (rows x columns) with the value in each cell."""
    fig, ax = _figure(8.0, max(2.0, 0.35 * len(table) + 1.0))
    data = table.to_numpy(dtype=float)
    image = ax.imshow(data, aspect="auto", cmap="Oranges")
    ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns], fontsize=8)
    ax.set_yticks(range(len(table.index)), [str(i) for i in table.index], fontsize=8)
    for (r, c), value in np.ndenumerate(data):
        if value:
            ax.text(
                c,
                r,
                f"{value:,.0f}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if value > data.max() * 0.6 else "black",
            )
    fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
