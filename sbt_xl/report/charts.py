"""The report's charts, drawn with matplotlib as SVG text to inline in the page."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")  # no display: files only

import matplotlib.pyplot as plt  # noqa: E402

from sbt_xl.core.ambition import AMBITION_RATES  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType  # the rc_context keys (for the checker only)

#: Same colours as the workbook's charts: target pathway, 1.5 °C, WB2 °C, actual.
COLORS = ("#1F4E79", "#2E7D32", "#ED7D31", "#C00000")
_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable, and the browser's CJK fonts
    "font.family": ["Noto Sans CJK JP", "DejaVu Sans"], "font.size": 10,
    "svg.hashsalt": "sbt-xl"}  # stable ids: the same data gives the same page


@dataclass(frozen=True)
class PathwayChart:
    title: str
    years: Sequence[int]
    pathway: Sequence[float]
    base_emissions: float
    actual: Sequence[tuple[int, float]]
    labels: tuple[str, str, str, str]
    """Legend: target pathway, 1.5 °C line, well-below 2 °C line, actual."""


def _svg(fig: plt.Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def pathway_svg(c: PathwayChart) -> str:
    """The target's straight line against the 1.5 °C and well-below 2 °C lines from the
    same base-year emissions, with the reported years as points."""
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.5, 3.4))
        ax.plot(c.years, c.pathway, color=COLORS[0], linewidth=2.5, label=c.labels[0])
        by = c.years[0]
        for (label, rate), color, name in zip(
                (("1.5C", AMBITION_RATES["1.5C"]), ("WB2C", AMBITION_RATES["WB2C"])),
                COLORS[1:3], c.labels[1:3], strict=True):
            ax.plot(c.years, [c.base_emissions * max(0.0, 1 - rate * (y - by)) for y in c.years],
                    color=color, linestyle="--", linewidth=1.3, label=name)
        if c.actual:
            xs, ys = zip(*c.actual, strict=True)
            ax.scatter(xs, ys, color=COLORS[3], zorder=3, label=c.labels[3])
        ax.set_title(c.title)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        ax.grid(alpha=0.3)
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        return _svg(fig)


def bars_svg(title: str, items: Sequence[tuple[str, float]]) -> str:
    """Horizontal bars, largest on top."""
    with plt.rc_context(_RC):
        ordered = sorted(items, key=lambda kv: kv[1])
        fig, ax = plt.subplots(figsize=(7.5, 0.3 * len(ordered) + 1.0))
        ax.barh([k for k, _ in ordered], [v for _, v in ordered], color=COLORS[0])
        ax.set_title(title)
        ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        ax.grid(axis="x", alpha=0.3)
        return _svg(fig)
