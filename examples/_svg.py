"""Small, dependency-free SVG charts for the case-study figures.

The case study must run where neither matplotlib nor kaleido is installed, and its figures must
be byte-for-byte reproducible, so the three chart kinds it needs are drawn here by hand: grouped
bars, time lines (one or more stacked panels sharing the x axis) and before/after "dumbbells".
Every number is formatted with a fixed precision; nothing depends on fonts being measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
FONT = "font-family='DejaVu Sans, Helvetica, Arial, sans-serif'"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _n(value: float) -> str:
    """A coordinate with one decimal (stable output)."""
    return f"{value:.1f}"


class Canvas:
    """An SVG document built from primitive shapes."""

    def __init__(self, width: int, height: int, title: str) -> None:
        self.width, self.height = width, height
        self.parts: list[str] = [f"<title>{escape(title)}</title>"]
        self.parts.append(f"<rect width='{width}' height='{height}' fill='white'/>")

    def text(
        self,
        x: float,
        y: float,
        label: str,
        *,
        size: int = 12,
        anchor: str = "start",
        weight: str = "normal",
        rotate: bool = False,
        color: str = "#222",
    ) -> None:
        """Draw a text label."""
        turn = f" transform='rotate(-90 {_n(x)} {_n(y)})'" if rotate else ""
        self.parts.append(
            f"<text x='{_n(x)}' y='{_n(y)}' font-size='{size}' text-anchor='{anchor}' "
            f"font-weight='{weight}' fill='{color}' {FONT}{turn}>{escape(label)}</text>"
        )

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        *,
        color: str = "#888",
        width: float = 1.0,
        dash: str = "",
    ) -> None:
        """Draw a straight line."""
        style = f" stroke-dasharray='{dash}'" if dash else ""
        self.parts.append(
            f"<line x1='{_n(x1)}' y1='{_n(y1)}' x2='{_n(x2)}' y2='{_n(y2)}' "
            f"stroke='{color}' stroke-width='{width}'{style}/>"
        )

    def rect(self, x: float, y: float, w: float, h: float, color: str) -> None:
        """Draw a filled rectangle."""
        self.parts.append(
            f"<rect x='{_n(x)}' y='{_n(y)}' width='{_n(w)}' height='{_n(h)}' fill='{color}'/>"
        )

    def circle(self, x: float, y: float, r: float, color: str, *, hollow: bool = False) -> None:
        """Draw a dot (filled, or a ring when ``hollow``)."""
        fill = "white" if hollow else color
        self.parts.append(
            f"<circle cx='{_n(x)}' cy='{_n(y)}' r='{_n(r)}' fill='{fill}' stroke='{color}' "
            "stroke-width='1.5'/>"
        )

    def polyline(
        self, points: Sequence[tuple[float, float]], color: str, *, dash: str = ""
    ) -> None:
        """Draw a line through ``points``."""
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        style = f" stroke-dasharray='{dash}'" if dash else ""
        self.parts.append(
            f"<polyline points='{coords}' fill='none' stroke='{color}' stroke-width='2'{style}/>"
        )

    def render(self) -> str:
        """The SVG document as text."""
        head = (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{self.width}' "
            f"height='{self.height}' viewBox='0 0 {self.width} {self.height}'>"
        )
        return "\n".join([head, *self.parts, "</svg>", ""])


@dataclass
class Box:
    """The plotting area of a panel, in pixels."""

    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


def _y_axis(canvas: Canvas, box: Box, y_max: float, label: str, ticks: int = 4) -> None:
    for i in range(ticks + 1):
        value = y_max * i / ticks
        y = box.bottom - box.height * i / ticks
        canvas.line(box.left, y, box.right, y, color="#e4e4e4")
        canvas.text(box.left - 6, y + 4, f"{value:g}", size=11, anchor="end")
    canvas.line(box.left, box.top, box.left, box.bottom, color="#444")
    canvas.line(box.left, box.bottom, box.right, box.bottom, color="#444")
    canvas.text(
        box.left - 40, box.top + box.height / 2, label, size=11, anchor="middle", rotate=True
    )


def _legend_slots(
    items: Sequence[tuple[str, str, str]], x0: float, max_x: float
) -> list[tuple[float, int]]:
    """Where each legend entry goes: ``(x, row)``, wrapping before ``max_x``."""
    slots, x, row = [], x0, 0
    for label, _, _ in items:
        width = 37 + 6.6 * len(label)
        if x > x0 and x + width > max_x:
            x, row = x0, row + 1
        slots.append((x, row))
        x += width
    return slots


def _legend(
    canvas: Canvas, x: float, y: float, items: Sequence[tuple[str, str, str]], max_x: float
) -> int:
    """Legend entries ``(label, color, dash)`` from ``(x, y)``; returns the rows used."""
    slots = _legend_slots(items, x, max_x)
    for (label, color, dash), (left, row) in zip(items, slots, strict=True):
        top = y + 18 * row
        if dash == "ring" or dash == "dot":
            canvas.circle(left + 11, top - 4, 5, color, hollow=dash == "ring")
        else:
            canvas.line(left, top - 4, left + 22, top - 4, color=color, width=3, dash=dash)
        canvas.text(left + 27, top, label, size=11)
    return 1 + max((row for _, row in slots), default=0)


def _legend_rows(items: Sequence[tuple[str, str, str]], x0: float, max_x: float) -> int:
    return 1 + max((row for _, row in _legend_slots(items, x0, max_x)), default=0)


def bar_chart(
    title: str,
    groups: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    y_label: str,
    y_max: float = 100.0,
    width: int = 760,
    plot_height: int = 250,
) -> str:
    """Grouped vertical bars: one group per ``groups`` entry, one bar per series."""
    colors = [(name, PALETTE[i % len(PALETTE)], "") for i, name in enumerate(series)]
    box = Box(70, 50, width - 100, plot_height)
    height = int(box.bottom + 50 + 18 * _legend_rows(colors, box.left, width - 10))
    canvas = Canvas(width, height, title)
    canvas.text(width / 2, 24, title, size=15, anchor="middle", weight="bold")
    _y_axis(canvas, box, y_max, y_label)
    slot = box.width / max(len(groups), 1)
    bar = slot * 0.8 / max(len(series), 1)
    for g, group in enumerate(groups):
        x0 = box.left + g * slot + slot * 0.1
        for s, values in enumerate(series.values()):
            value = values[g]
            h = box.height * min(max(value, 0.0), y_max) / y_max
            canvas.rect(x0 + s * bar, box.bottom - h, bar - 2, h, PALETTE[s % len(PALETTE)])
            canvas.text(
                x0 + s * bar + bar / 2 - 1,
                box.bottom - h - 3,
                f"{value:g}",
                size=9,
                anchor="middle",
            )
        canvas.text(
            box.left + g * slot + slot / 2, box.bottom + 18, group, size=11, anchor="middle"
        )
    _legend(canvas, box.left, box.bottom + 48, colors, width - 10)
    return canvas.render()


@dataclass
class Line:
    """One series of a time panel; ``None`` values break the line."""

    label: str
    points: Sequence[tuple[date, float | None]]
    dash: str = ""
    color: str | None = None


@dataclass
class Panel:
    """One panel of a time chart."""

    title: str
    y_label: str
    lines: Sequence[Line]
    y_max: float = 100.0
    markers: Sequence[tuple[date, str]] = field(default_factory=tuple)


def _month_ticks(start: date, end: date) -> list[date]:
    ticks, year, month = [], start.year, start.month
    while date(year, month, 1) <= end:
        if date(year, month, 1) >= start:
            ticks.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def time_chart(
    title: str,
    panels: Sequence[Panel],
    start: date,
    end: date,
    *,
    width: int = 760,
    panel_height: int = 210,
) -> str:
    """Stacked time panels sharing one x axis from ``start`` to ``end`` (dates)."""
    height = 60 + len(panels) * (panel_height + 88)
    canvas = Canvas(width, height, title)
    canvas.text(width / 2, 24, title, size=15, anchor="middle", weight="bold")
    span = (end - start).days or 1
    top = 55
    for panel in panels:
        box = Box(70, top + 20, width - 110, panel_height - 40)

        def x_of(day: date, box: Box = box) -> float:
            return box.left + box.width * (day - start).days / span

        canvas.text(box.left, top + 10, panel.title, size=12, weight="bold")
        _y_axis(canvas, box, panel.y_max, panel.y_label)
        for tick in _month_ticks(start, end):
            canvas.line(x_of(tick), box.bottom, x_of(tick), box.bottom + 4, color="#444")
            canvas.text(
                x_of(tick),
                box.bottom + 17,
                f"{MONTHS[tick.month - 1]} {tick.year}",
                size=10,
                anchor="middle",
            )
        for day, label in panel.markers:
            canvas.line(x_of(day), box.top, x_of(day), box.bottom, color="#b00", dash="4 3")
            canvas.text(x_of(day) + 4, box.top + 11, label, size=10, color="#b00")
        legend = []
        for i, series in enumerate(panel.lines):
            color = series.color or PALETTE[i % len(PALETTE)]
            _draw_series(canvas, box, series, color, x_of, panel.y_max)
            legend.append((series.label, color, series.dash))
        _legend(canvas, box.left, box.bottom + 38, legend, width - 10)
        top += panel_height + 88
    return canvas.render()


def _draw_series(
    canvas: Canvas, box: Box, series: Line, color: str, x_of: object, y_max: float
) -> None:
    run: list[tuple[float, float]] = []
    for day, value in [*series.points, (None, None)]:
        if value is None or day is None:
            if len(run) > 1:
                canvas.polyline(run, color, dash=series.dash)
            run = []
            continue
        point = (x_of(day), box.bottom - box.height * min(value, y_max) / y_max)  # type: ignore[operator]
        canvas.circle(*point, 2.5, color, hollow=bool(series.dash))
        run.append(point)


def dumbbell_chart(
    title: str,
    rows: Sequence[str],
    before: Sequence[float],
    after: Sequence[float],
    *,
    labels: tuple[str, str] = ("before", "after"),
    x_label: str = "% of articles",
    width: int = 760,
) -> str:
    """One row per entry: a ring at ``before``, a dot at ``after`` (0-100), joined by a line."""
    height = 110 + 26 * len(rows)
    canvas = Canvas(width, height, title)
    canvas.text(width / 2, 24, title, size=15, anchor="middle", weight="bold")
    box = Box(330, 45, width - 360, 26 * len(rows))
    for i in range(5):
        x = box.left + box.width * i / 4
        canvas.line(x, box.top, x, box.bottom, color="#e4e4e4")
        canvas.text(x, box.bottom + 15, f"{25 * i}", size=10, anchor="middle")
    canvas.text(box.left + box.width / 2, box.bottom + 32, x_label, size=11, anchor="middle")
    for i, (row, b, a) in enumerate(zip(rows, before, after, strict=True)):
        y = box.top + 13 + 26 * i
        canvas.text(box.left - 8, y + 4, row, size=11, anchor="end")
        xb, xa = (box.left + box.width * v / 100 for v in (b, a))
        canvas.line(xb, y, xa, y, color="#999", width=2)
        canvas.circle(xb, y, 5, PALETTE[0], hollow=True)
        canvas.circle(xa, y, 5, PALETTE[5])
    _legend(
        canvas,
        box.left,
        height - 14,
        [(labels[0], PALETTE[0], "ring"), (labels[1], PALETTE[5], "dot")],
        width - 10,
    )
    return canvas.render()
