"""Chart specifications (plain Plotly JSON: ``{"data": [...], "layout": {...}}``): the one
figure layer of narrascope. The report and the dashboard embed these specs; the
``visualize_*`` helpers of :mod:`narrascope.report.plots` wrap them in Plotly figures.

Built as dicts rather than ``plotly.graph_objects`` figures: the page only needs JSON, and dicts
are fast enough for the dashboard to build per request. Every untrusted string passes through
:func:`~narrascope.report.markup.plot_text`, because Plotly renders labels as pseudo-HTML.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from narrascope.report.markup import format_date, plot_text
from narrascope.trends.stats import MIN_N

__all__ = [
    "ShareColumns",
    "bar_chart",
    "correlogram",
    "heatmap",
    "place_labels",
    "poll_panels",
    "share_traces",
    "small_multiples",
    "timeline",
]

Spec = dict[str, Any]

COLORS = ["#3b6ea8", "#d1603d", "#5a9b5a", "#8c6bb1", "#c9a227", "#4aa3a3", "#b5547a", "#7f7f7f"]


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "title": {"text": plot_text(title), "x": 0, "font": {"size": 15}},
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12},
        "margin": {"l": 60, "r": 20, "t": 48, "b": 60},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "colorway": COLORS,
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "y": -0.2},
    }
    layout.update(extra)
    return layout


def _axis(title: str = "", **extra: Any) -> dict[str, Any]:
    axis = {"title": {"text": plot_text(title)}, "gridcolor": "#e6e6e6", "zeroline": False}
    axis.update(extra)
    return axis


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    value_title: str,
    hover: Sequence[str] | None = None,
    percent: bool = False,
    interval: tuple[Sequence[float], Sequence[float]] | None = None,
) -> Spec:
    """A horizontal bar chart (first label on top); ``hover`` lines are plain text;
    ``interval`` (low, high; same unit as ``values``) is drawn as error bars."""
    trace: dict[str, Any] = {
        "type": "bar",
        "orientation": "h",
        "y": [plot_text(v) for v in labels],
        "x": [float(v) for v in values],
        "marker": {"color": COLORS[0]},
        "customdata": [plot_text(h) for h in (hover or [""] * len(labels))],
        "hovertemplate": "%{y}<br>%{customdata}<extra></extra>",
    }
    if interval is not None:
        low, high = ([float(v) for v in side] for side in interval)
        trace["error_x"] = {
            "type": "data",
            "array": [max(h - v, 0.0) for h, v in zip(high, trace["x"], strict=True)],
            "arrayminus": [max(v - lo, 0.0) for lo, v in zip(low, trace["x"], strict=True)],
            "color": "#333",
            "thickness": 1,
            "width": 4,
        }
    height = max(220, 60 + 28 * len(labels))
    layout = _layout(
        title,
        height=height,
        margin={"l": 220, "r": 20, "t": 48, "b": 40},
        xaxis=_axis(value_title, ticksuffix="%" if percent else "", rangemode="tozero"),
        yaxis=_axis(autorange="reversed", automargin=True),
    )
    return {"data": [trace], "layout": layout}


def heatmap(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    value: str,
    count: str,
    title: str,
    x_title: str,
    y_title: str,
    count_label: str = "articles",
) -> Spec:
    """A heatmap of ``value`` (a share 0..1) over ``x`` by ``y``; each cell shows the
    percentage with ``count`` beside it (``62% (5)``)."""
    xs = list(dict.fromkeys(frame[x]))
    ys = list(dict.fromkeys(frame[y]))
    grid = frame.set_index([y, x])
    z, text, custom = [], [], []
    for row in ys:
        z.append([_cell(grid, (row, col), value, 100.0) for col in xs])
        custom.append([_cell(grid, (row, col), count, 1.0) for col in xs])
        text.append([_pct_count(v, k) for v, k in zip(z[-1], custom[-1], strict=True)])
    trace = {
        "type": "heatmap",
        "x": [_wrap(plot_text(v)) for v in xs],
        "y": [plot_text(v) for v in ys],
        "z": z,
        "text": text,
        "texttemplate": "%{text}",
        "customdata": custom,
        "colorscale": [[0, "#f4f7fb"], [1, "#1f4e8c"]],
        "zmin": 0,
        "colorbar": {"ticksuffix": "%", "title": {"text": "share", "side": "right"}},
        "hovertemplate": "%{y}<br>%{x}<br>%{z:.1f}% (%{customdata} "
        + plot_text(count_label)
        + ")<extra></extra>",
        "xgap": 2,
        "ygap": 2,
    }
    height = max(300, 150 + 40 * len(ys))
    layout = _layout(
        title,
        height=height,
        margin={"l": 220, "r": 20, "t": 48, "b": 90},
        xaxis=_axis(x_title, automargin=True, tickangle=0),
        yaxis=_axis(y_title, autorange="reversed", automargin=True)
        | {"title": {"text": plot_text(y_title), "standoff": 16}},
    )
    return {"data": [trace], "layout": layout}


def _wrap(text: str, width: int = 13) -> str:
    """A category label broken into lines (``<br>``) of about ``width`` characters, so long
    names sit side by side under a heatmap without rotating (and overlapping)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _cell(grid: pd.DataFrame, key: tuple[Any, Any], column: str, scale: float) -> float | None:
    if key not in grid.index:
        return None
    found = grid.loc[key, column]
    value = found.iloc[0] if isinstance(found, pd.Series) else found
    return None if pd.isna(value) else round(float(value) * scale, 3)


def _pct_count(value: float | None, count: float | None) -> str:
    """A heatmap cell: the percentage with the count behind it, e.g. ``62% (5)``."""
    if value is None:
        return ""
    return f"{value:.0f}% ({int(count or 0)})"


def _values(values: pd.Series, percent: bool) -> list[float | None]:
    """Shares as percentages (rounded) or fractions; NaN becomes a gap (None)."""
    out: list[float | None] = []
    for v in values:
        f = float(v)
        out.append(None if f != f else (round(100 * f, 2) if percent else f))
    return out


def _share_axis(title: str, percent: bool) -> dict[str, Any]:
    if percent:
        return _axis(title, ticksuffix="%", rangemode="tozero")
    return _axis(title, tickformat=".0%", rangemode="tozero")


# -- one share series: line with gaps, Wilson band, hollow markers below the minimum n ---------
UNCERTAINTY_NOTE = (
    "Shaded: Wilson 95% interval. Hollow markers: fewer than {min_n} articles. "
    "Gaps: periods without articles."
)


@dataclass(frozen=True)
class ShareColumns:
    """Which frame columns hold a share series: the share, its n (articles it divides by),
    the labelled count and the interval. Missing optional columns are None."""

    y: str = "share"
    n: str | None = "n"
    labelled: str | None = "n_labelled"
    band: tuple[str, str] | None = ("low", "high")


def _segments(values: Sequence[float | None]) -> list[tuple[int, int]]:
    """``[start, end)`` index runs of consecutive non-missing values."""
    runs, start = [], None
    for i, v in enumerate([*values, None]):
        if v is not None and start is None:
            start = i
        elif v is None and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _column(group: pd.DataFrame, name: str | None) -> list[float] | None:
    if name is None or name not in group:
        return None
    return [float(v) for v in group[name].fillna(0)]


def share_traces(
    xs: list[str],
    group: pd.DataFrame,
    cols: ShareColumns,
    name: str,
    *,
    percent: bool = True,
    color: str = COLORS[0],
    axes: tuple[str, str] = ("x", "y"),
    showlegend: bool = True,
    when: str = "%{x}",
) -> list[dict[str, Any]]:
    """A share series as Plotly traces: a band per run of periods with articles, the line
    (broken where a period has no articles), and markers hollow below :data:`MIN_N` articles;
    an isolated point gets an error bar instead of a band. Hover: share, x of n, interval."""
    ys = _values(group[cols.y], percent)
    n, labelled = _column(group, cols.n), _column(group, cols.labelled)
    bands = [_values(group[c], percent) for c in cols.band] if cols.band else None
    bands = bands if cols.band and all(c in group for c in cols.band) else None
    traces: list[dict[str, Any]] = []
    runs = _segments(ys)
    if bands is not None:
        traces.append(_band_trace(xs, bands, runs, name, color, axes))
    trace: dict[str, Any] = {
        "type": "scatter",
        "mode": "lines+markers",
        "name": plot_text(name),
        "legendgroup": plot_text(name),
        "showlegend": showlegend,
        "x": xs,
        "y": ys,
        "xaxis": axes[0],
        "yaxis": axes[1],
        "connectgaps": False,
        "cliponaxis": False,
        "line": {"width": 2, "color": color},
    }
    few = [0 < k < MIN_N for k in n] if n is not None else [False] * len(ys)
    trace["marker"] = {
        "size": [8 if f else 6 for f in few],
        "symbol": ["circle-open" if f else "circle" for f in few],
        "color": color,
        "line": {"width": 2, "color": color},
    }
    if bands is not None:
        trace["error_y"] = _isolated_errors(ys, bands, runs, color)
    trace["customdata"], trace["hovertemplate"] = _hover(ys, n, labelled, bands, percent, when)
    traces.append(trace)
    return traces


def _band_trace(
    xs: list[str],
    bands: list[list[float | None]],
    runs: list[tuple[int, int]],
    name: str,
    color: str,
    axes: tuple[str, str],
) -> dict[str, Any]:
    """One polygon per run of periods with articles (``toself`` fills each part on its own)."""
    low, high = bands
    px: list[str | None] = []
    py: list[float | None] = []
    for a, b in runs:
        if b - a < 2:
            continue  # a single point: its error bar shows the interval
        px += xs[a:b] + xs[a:b][::-1] + [None]
        py += high[a:b] + low[a:b][::-1] + [None]
    return {
        "type": "scatter",
        "mode": "lines",
        "name": plot_text(f"{name} 95% CI"),
        "legendgroup": plot_text(name),
        "x": px,
        "y": py,
        "xaxis": axes[0],
        "yaxis": axes[1],
        "fill": "toself",
        "fillcolor": color,
        "line": {"width": 0},
        "opacity": 0.18,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _isolated_errors(
    ys: list[float | None],
    bands: list[list[float | None]],
    runs: list[tuple[int, int]],
    color: str,
) -> dict[str, Any]:
    low, high = bands
    alone = {a for a, b in runs if b - a == 1}
    plus = [_diff(high[i], ys[i]) if i in alone else None for i in range(len(ys))]
    minus = [_diff(ys[i], low[i]) if i in alone else None for i in range(len(ys))]
    return {
        "type": "data",
        "array": plus,
        "arrayminus": minus,
        "color": color,
        "thickness": 1,
        "width": 3,
        "visible": bool(alone),
    }


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 4)


def _hover(
    ys: list[float | None],
    n: list[float] | None,
    labelled: list[float] | None,
    bands: list[list[float | None]] | None,
    percent: bool,
    when: str,
) -> tuple[list[str], str]:
    custom = []
    for i, y in enumerate(ys):
        parts = []
        if n is not None:
            k = int(n[i])
            if y is None:
                parts.append(f"no articles (n = {k})")
            elif labelled is not None:
                parts.append(f"{int(labelled[i])} of {k} articles")
            else:
                parts.append(f"n = {k} articles")
            if 0 < k < MIN_N:
                parts.append(f"fewer than {MIN_N} articles")
        if bands is not None and bands[0][i] is not None and bands[1][i] is not None:
            scale = 1.0 if percent else 100.0
            parts.append(
                f"95% CI {scale * (bands[0][i] or 0):.1f}–{scale * (bands[1][i] or 0):.1f}%"
            )
        custom.append("<br>".join(parts))
    value = "%{y:.1f}%" if percent else "%{y:.1%}"
    return custom, f"%{{fullData.name}}<br>{when}<br>{value}<br>%{{customdata}}<extra></extra>"


def timeline(
    frame: pd.DataFrame,
    *,
    series: str | Sequence[str],
    title: str,
    events: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    x: str = "week",
    cols: ShareColumns | None = None,
    percent: bool = True,
) -> Spec:
    """Share lines over time, one per ``series`` value (or per combination of several columns),
    each with its n, Wilson band and minimum-n markers (see :func:`share_traces`).

    Args:
        frame: one row per period and series, every period present (a period without articles
            has a missing share: the line breaks there, never drawn across it).
        series: the column(s) naming a line; several are joined with " · ".
        title: chart title.
        events: ``name``, ``date`` (and optional ``end_date``): dashed markers whose labels
            sit in staggered rows above the plot (never overlapping, see :func:`place_labels`);
            events outside the plotted period are left out.
        labels: display names of the series values.
        cols: the share, n, labelled and interval columns (default :class:`ShareColumns`).
        percent: show shares as percentages (else as fractions formatted as %).
    """
    cols = cols or ShareColumns()
    keys = [series] if isinstance(series, str) else list(series)
    traces: list[dict[str, Any]] = []
    groups = frame.groupby(keys, sort=not isinstance(series, str)) if keys else [((), frame)]
    when = f"{x} of %{{x}}" if x in ("week", "month") else "%{x}"
    for i, (key, group) in enumerate(groups):
        parts = key if isinstance(key, tuple) else (key,)
        name = " · ".join((labels or {}).get(str(p), str(p)) for p in parts) or cols.y
        xs = [format_date(v) for v in group[x]]
        color = COLORS[i % len(COLORS)]
        traces += share_traces(xs, group, cols, name, percent=percent, color=color, when=when)
    layout = _layout(
        title,
        height=420,
        xaxis=_axis("", type="date"),
        legend={"orientation": "h", "y": -0.1, "yanchor": "top"},
        yaxis=_share_axis(
            f"share of the {x}'s articles" if percent else "share of articles", percent
        ),
    )
    span = (frame[x].min(), frame[x].max()) if not frame.empty else None
    _add_events(layout, events, span)
    return {"data": traces, "layout": layout}


# -- event markers with labels that never overlap ---------------------------------------------
PLOT_WIDTH_PX = 620
"""The narrowest plot area (px) labels are laid out for; wider charts only spread them more."""
CHAR_PX = 6.6
"""Width of one character of a 10 px label (generous: capitals and wide glyphs included)."""
ROW_PX = 15
MAX_LABEL_ROWS = 4
MAX_LABEL_CHARS = 30


def place_labels(starts: Sequence[float], widths: Sequence[float], gap: float = 6.0) -> list[int]:
    """Rows for labels spanning ``[start, start + width)`` (same unit, e.g. pixels) so that no
    two labels in a row overlap (at least ``gap`` apart): each label, from left to right, takes
    the lowest row that is free at its start.

    Example:
        >>> place_labels([0, 10, 200], [100, 100, 50])
        [0, 1, 0]
    """
    rows = [0] * len(starts)
    ends: list[float] = []
    for i in sorted(range(len(starts)), key=lambda k: (starts[k], k)):
        row = next((r for r, end in enumerate(ends) if starts[i] >= end + gap), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = starts[i] + widths[i]
        rows[i] = row
    return rows


def _short(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _event_labels(
    names: list[str], xs: list[float], numbers: list[int]
) -> tuple[list[str], list[int]]:
    """Label texts and rows: names when they fit in :data:`MAX_LABEL_ROWS` rows, else the
    events' numbers (1 = earliest event; the full name is in the hover and the events table)."""
    texts = [_short(n) for n in names]
    starts = [x * PLOT_WIDTH_PX for x in xs]
    rows = place_labels(starts, [CHAR_PX * len(t) + 4 for t in texts])
    if max(rows, default=0) < MAX_LABEL_ROWS:
        return texts, rows
    texts = [str(k) for k in numbers]
    return texts, place_labels(starts, [CHAR_PX * len(t) + 4 for t in texts], gap=3.0)


def _add_events(
    layout: dict[str, Any], events: pd.DataFrame | None, span: tuple[Any, Any] | None
) -> None:
    if events is None or events.empty or span is None:
        return
    first, last = (_timestamp(v) for v in span)
    frame = events.assign(_day=[_timestamp(d) for d in events["date"]])
    frame = frame.sort_values("_day", kind="stable").assign(_number=range(1, len(frame) + 1))
    frame = frame[(frame["_day"] >= first) & (frame["_day"] <= last + pd.Timedelta(days=6))]
    if frame.empty:
        return
    width = max((last - first).total_seconds(), 1.0)
    xs = [(d - first).total_seconds() / width for d in frame["_day"]]
    names = [str(n) for n in frame["name"]]
    texts, rows = _event_labels(names, xs, [int(k) for k in frame["_number"]])
    shapes, notes = [], []
    line = {"color": "#a33", "width": 1, "dash": "dash"}
    for event, text, row in zip(frame.itertuples(index=False), texts, rows, strict=True):
        day = format_date(event.date)
        span_ = {"xref": "x", "yref": "paper", "x0": day, "y0": 0, "y1": 1}
        shapes.append({"type": "line", **span_, "x1": day, "line": line})
        end = getattr(event, "end_date", None)
        stop = day
        if end is not None and not pd.isna(end) and pd.Timestamp(end) > _timestamp(event.date):
            stop = format_date(end)
            shade = {"fillcolor": "#a33", "opacity": 0.08, "line": {"width": 0}}
            shapes.append({"type": "rect", **span_, "x1": stop, **shade})
        when = day if stop == day else f"{day} – {stop}"
        notes.append(
            {
                "x": day,
                "xref": "x",
                "yref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "yshift": 2 + ROW_PX * row,
                "text": plot_text(text),
                "hovertext": plot_text(f"{event.name} ({when})"),
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 10, "color": "#a33"},
            }
        )
    layout["shapes"] = shapes
    layout["annotations"] = [*layout.get("annotations", []), *notes]
    n_rows = max(rows) + 1
    layout["margin"] = {**layout["margin"], "t": 56 + ROW_PX * n_rows}
    layout["title"] = {**layout["title"], "y": 0.98, "yanchor": "top"}


def _timestamp(value: object) -> pd.Timestamp:
    """A date cell of a frame (``Timestamp``, ``date`` or ISO text) as a timestamp."""
    if not isinstance(value, str | date | np.datetime64 | float | int):
        raise TypeError(f"not a date: {value!r}")
    stamp = pd.Timestamp(value)
    return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp


# -- small multiples: one panel per outlet or language, shared axes ----------------------------
MAX_FACETS = 12


def _grid_domains(
    count: int, columns: int, gap: tuple[float, float]
) -> list[tuple[list[float], list[float]]]:
    """``(x domain, y domain)`` of each cell of a grid, row by row from the top."""
    rows = -(-count // columns)
    w = (1 - gap[0] * (columns - 1)) / columns
    h = (1 - gap[1] * (rows - 1)) / rows
    out = []
    for k in range(count):
        r, c = divmod(k, columns)
        x0 = c * (w + gap[0])
        y1 = 1 - r * (h + gap[1])
        out.append(([round(x0, 4), round(x0 + w, 4)], [round(y1 - h, 4), round(y1, 4)]))
    return out


def small_multiples(
    frame: pd.DataFrame,
    *,
    facet: str,
    title: str,
    x: str = "period",
    cols: ShareColumns | None = None,
    columns: int = 3,
    order: Sequence[str] | None = None,
    unit: str = "month",
) -> Spec:
    """One panel per ``facet`` value (outlet, language) with shared x and y axes: the share of
    that facet's own articles (attention normalised by its volume), with n, Wilson band and
    minimum-n markers. At most :data:`MAX_FACETS` panels (``order``: which come first); the
    title says when some are left out."""
    cols = cols or ShareColumns()
    values = list(order) if order is not None else sorted(frame[facet].astype(str).unique())
    shown = values[:MAX_FACETS]
    if len(values) > len(shown):
        title += f" ({len(shown)} of {len(values)} {facet}s, the largest)"
    columns = max(1, min(columns, len(shown)))
    domains = _grid_domains(
        max(len(shown), 1), columns, (0.06, 0.16 if len(shown) > columns else 0.0)
    )
    traces: list[dict[str, Any]] = []
    layout = _layout(title, showlegend=False, annotations=[])
    days = pd.to_datetime(frame[x]).dt.strftime("%Y-%m-%d")
    parts = {str(key): idx for key, idx in frame.groupby(frame[facet].astype(str)).indices.items()}
    for k, value in enumerate(shown):
        suffix = "" if k == 0 else str(k + 1)
        rows = parts.get(value, [])
        group = frame.iloc[rows]
        xs = days.iloc[rows].tolist()
        traces += share_traces(
            xs,
            group,
            cols,
            value,
            axes=(f"x{suffix}", f"y{suffix}"),
            showlegend=False,
            when=f"{unit} of %{{x}}",
        )
        xd, yd = domains[k]
        layout[f"xaxis{suffix}"] = _axis(
            "",
            type="date",
            domain=xd,
            anchor=f"y{suffix}",
            nticks=4,
            **({"matches": "x"} if k else {"range": _padded(frame[x])}),
        )
        layout[f"yaxis{suffix}"] = _axis(
            "" if k % columns else "share",
            ticksuffix="%",
            rangemode="tozero",
            domain=yd,
            anchor=f"x{suffix}",
            nticks=4,
            showticklabels=k % columns == 0,
            **({"matches": "y"} if k else {"range": _share_range(frame, cols)}),
        )
        n_total = int(group[cols.n].sum()) if cols.n and cols.n in group else None
        label = f"{_short(value, 34)}" + (f" (n = {n_total:,})" if n_total is not None else "")
        layout["annotations"].append(
            {
                "text": plot_text(label),
                "x": xd[0],
                "y": yd[1],
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11},
            }
        )
    n_rows = -(-len(shown) // columns) if shown else 1
    layout["height"] = 110 + 190 * n_rows
    layout["margin"] = {"l": 60, "r": 20, "t": 72, "b": 40}
    return {"data": traces, "layout": layout}


def _share_range(frame: pd.DataFrame, cols: ShareColumns) -> list[float]:
    """A shared y range (percent) from 0 to above the highest share or interval bound."""
    columns = [c for c in (cols.y, *(cols.band or ())) if c in frame]
    top = float(np.nanmax(frame[columns].to_numpy(float))) if columns and len(frame) else 0.0
    top = 0.0 if top != top else top
    return [0.0, min(105.0, max(5.0, 105 * top))]


def _padded(days: pd.Series) -> list[str] | None:
    """A date axis range with room beside the first and last period (an eighth of the span,
    at least half a month), so the edge tick labels stay clear of the y axis labels."""
    if days.empty:
        return None
    first, last = _timestamp(days.min()), _timestamp(days.max())
    pad = max(pd.Timedelta(days=15), (last - first) * 0.12)  # ~30 px of a 250 px panel
    return [format_date(first - pad), format_date(last + pad)]


# -- polls: the narrative and each poll series in its own panel, clipped to the articles -------
MAX_POLL_PANELS = 8


def poll_panels(
    narrative: pd.DataFrame,
    polls: pd.DataFrame,
    *,
    narrative_label: str,
    title: str,
    x: str = "month",
    cols: ShareColumns | None = None,
    percent: bool = True,
) -> Spec:
    """A narrative's monthly share (top panel, with n and Wilson band) above one panel per poll
    series, each on its own y axis, all sharing the x axis. The x axis covers the articles'
    months only: poll figures outside them are left out (the title says how many panels are
    shown when there are more than :data:`MAX_POLL_PANELS` series).

    ``narrative``: ``x`` plus the share columns; ``polls``: ``survey_date``, ``value`` and
    ``series`` (one panel per series).
    """
    cols = cols or ShareColumns()
    first = _timestamp(narrative[x].min()) if not narrative.empty else None
    last = _timestamp(narrative[x].max()) if not narrative.empty else None
    if first is not None and last is not None:
        end = _period_end(narrative[x], last)
        days = pd.to_datetime(polls["survey_date"])
        polls = polls[(days >= first) & (days <= end)]
        x_range = [format_date(first - pd.Timedelta(days=15)), format_date(end)]
    else:
        x_range = None
    names = list(dict.fromkeys(polls["series"].astype(str)))
    shown = names[:MAX_POLL_PANELS]
    if len(names) > len(shown):
        title += f" ({len(shown)} of {len(names)} poll series)"
    heights = [2.0] + [1.0] * len(shown)
    total = sum(heights)
    gap = 0.07
    usable = 1 - gap * len(shown)
    top, domains = 1.0, []
    for h in heights:
        size = usable * h / total
        domains.append([round(max(top - size, 0), 4), round(top, 4)])
        top -= size + gap
    xs = [format_date(v) for v in narrative[x]]
    traces = share_traces(
        xs, narrative, cols, narrative_label, percent=percent, when=f"{x} of %{{x}}"
    )
    layout = _layout(title, showlegend=False, annotations=[])
    for k in range(len(shown) + 1):
        suffix = "" if k == 0 else str(k + 1)
        layout[f"xaxis{suffix}"] = _axis(
            "",
            type="date",
            anchor=f"y{suffix}",
            showticklabels=k == len(shown),
            **({"matches": "x"} if k else {"range": x_range} if x_range else {}),
        )
    layout["yaxis"] = _share_axis("share", percent) | {"domain": domains[0], "automargin": True}
    _panel_title(layout, f"{narrative_label}: share of the month's articles", domains[0])
    for k, name in enumerate(shown, start=1):
        group = polls[polls["series"].astype(str) == name]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": plot_text(name),
                "x": [format_date(d) for d in group["survey_date"]],
                "y": [float(v) for v in group["value"]],
                "xaxis": f"x{k + 1}",
                "yaxis": f"y{k + 1}",
                "line": {"color": COLORS[k % len(COLORS)], "width": 2},
                "marker": {"size": 5},
                "hovertemplate": "%{fullData.name}<br>%{x}: %{y}<extra></extra>",
            }
        )
        layout[f"yaxis{k + 1}"] = _axis(
            "", domain=domains[k], anchor=f"x{k + 1}", nticks=4, automargin=True
        )
        _panel_title(layout, f"poll: {name}", domains[k])
    layout["height"] = 150 + 200 + 140 * len(shown)
    layout["margin"] = {"l": 70, "r": 20, "t": 60, "b": 40}
    return {"data": traces, "layout": layout}


def _period_end(periods: pd.Series, last: pd.Timestamp) -> pd.Timestamp:
    """The last day of the last period (month, week or day, from the spacing of periods)."""
    steps = pd.to_datetime(periods).drop_duplicates().sort_values().diff().dropna()
    days = steps.median().days if not steps.empty else 28
    if days >= 28:
        return last + pd.offsets.MonthEnd(1)
    return last + pd.Timedelta(days=max(days - 1, 0))


def _panel_title(layout: dict[str, Any], text: str, domain: list[float]) -> None:
    layout["annotations"].append(
        {
            "text": plot_text(_short(text, 90)),
            "x": 0,
            "y": domain[1],
            "xref": "paper",
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 11},
        }
    )


def correlogram(ccf: pd.DataFrame, *, title: str) -> Spec:
    """Lagged correlations (columns ``lag``, ``r``, ``n``, ``significant``) as bars, with the
    ±1.96/√n band; BH-significant lags are highlighted, positive lags mean the narrative leads."""
    lags = [int(v) for v in ccf["lag"]]
    band = [1.96 / max(float(n), 1.0) ** 0.5 for n in ccf["n"]]
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": "r",
            "x": lags,
            "y": [None if pd.isna(r) else float(r) for r in ccf["r"]],
            "marker": {"color": ["#d62728" if s else "#1f77b4" for s in ccf["significant"]]},
        }
    ]
    for sign in (1, -1):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": lags,
                "y": [sign * b for b in band],
                "line": {"dash": "dot", "color": "grey"},
                "name": "±1.96/√n",
                "showlegend": sign > 0,
            }
        )
    layout = _layout(
        title,
        height=340,
        xaxis=_axis("lag (positive: narrative leads the poll)"),
        yaxis=_axis("Pearson r", range=[-1, 1]),
    )
    return {"data": traces, "layout": layout}
