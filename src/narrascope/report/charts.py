"""Chart specifications (plain Plotly JSON: ``{"data": [...], "layout": {...}}``): the one
figure layer of narrascope. The report and the dashboard embed these specs; the
``visualize_*`` helpers of :mod:`narrascope.report.plots` wrap them in Plotly figures.

Built as dicts rather than ``plotly.graph_objects`` figures: the page only needs JSON, and dicts
are fast enough for the dashboard to build per request. Every untrusted string passes through
:func:`~narrascope.report.markup.plot_text`, because Plotly renders labels as pseudo-HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from narrascope.report.markup import format_date, plot_text

__all__ = [
    "bar_chart",
    "correlogram",
    "heatmap",
    "poll_overlay",
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
) -> Spec:
    """A horizontal bar chart (first label on top); ``hover`` lines are plain text."""
    trace: dict[str, Any] = {
        "type": "bar",
        "orientation": "h",
        "y": [plot_text(v) for v in labels],
        "x": [float(v) for v in values],
        "marker": {"color": COLORS[0]},
        "customdata": [plot_text(h) for h in (hover or [""] * len(labels))],
        "hovertemplate": "%{y}<br>%{customdata}<extra></extra>",
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
    """A heatmap of ``value`` (a share 0..1) over ``x`` by ``y``, hover with ``count``."""
    xs = list(dict.fromkeys(frame[x]))
    ys = list(dict.fromkeys(frame[y]))
    grid = frame.set_index([y, x])
    z, text, custom = [], [], []
    for row in ys:
        z.append([_cell(grid, (row, col), value, 100.0) for col in xs])
        custom.append([_cell(grid, (row, col), count, 1.0) for col in xs])
        text.append([_pct(v) for v in z[-1]])
    trace = {
        "type": "heatmap",
        "x": [plot_text(v) for v in xs],
        "y": [plot_text(v) for v in ys],
        "z": z,
        "text": text,
        "texttemplate": "%{text}",
        "customdata": custom,
        "colorscale": [[0, "#f4f7fb"], [1, "#1f4e8c"]],
        "zmin": 0,
        "colorbar": {"ticksuffix": "%", "title": {"text": "share"}},
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
        xaxis=_axis(x_title, automargin=True, tickangle=-30),
        yaxis=_axis(y_title, autorange="reversed", automargin=True),
    )
    return {"data": [trace], "layout": layout}


def _cell(grid: pd.DataFrame, key: tuple[Any, Any], column: str, scale: float) -> float | None:
    if key not in grid.index:
        return None
    found = grid.loc[key, column]
    value = found.iloc[0] if isinstance(found, pd.Series) else found
    return None if pd.isna(value) else round(float(value) * scale, 3)


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


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


def timeline(
    frame: pd.DataFrame,
    *,
    series: str | Sequence[str],
    title: str,
    events: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    x: str = "week",
    y: str = "share",
    count: str | None = "articles",
    band: tuple[str, str] | None = None,
    percent: bool = True,
) -> Spec:
    """Share lines over time, one per ``series`` value (or per combination of several columns).

    Args:
        frame: one row per period and series: ``x`` (period start), ``y`` (a share in 0..1),
            optionally ``count`` (articles behind the point) and the two ``band`` columns (a
            confidence interval, drawn as a shaded band).
        series: the column(s) naming a line; several are joined with " · ".
        title: chart title.
        events: ``name``, ``date`` (and optional ``end_date``): dashed markers with a label,
            a shaded span for events of several days.
        labels: display names of the series values.
        percent: show shares as percentages (else as fractions formatted as %).
    """
    keys = [series] if isinstance(series, str) else list(series)
    traces: list[dict[str, Any]] = []
    groups = frame.groupby(keys, sort=not isinstance(series, str)) if keys else [((), frame)]
    for key, group in groups:
        parts = key if isinstance(key, tuple) else (key,)
        name = " · ".join((labels or {}).get(str(p), str(p)) for p in parts) or y
        xs = [format_date(v) for v in group[x]]
        if band is not None:
            traces.append(_band(xs, group, band, name, percent))
        traces.append(_line(xs, group, (y, count), name, percent))
    layout = _layout(
        title,
        height=380,
        xaxis=_axis(x, type="date"),
        yaxis=_share_axis(
            f"share of the {x}'s articles" if percent else "share of articles", percent
        ),
    )
    _add_events(layout, events)
    return {"data": traces, "layout": layout}


def _line(
    xs: list[str], group: pd.DataFrame, columns: tuple[str, str | None], name: str, percent: bool
) -> dict[str, Any]:
    y, count = columns
    value = "%{y:.1f}%" if percent else "%{y:.1%}"
    trace: dict[str, Any] = {
        "type": "scatter",
        "mode": "lines+markers",
        "name": plot_text(name),
        "x": xs,
        "y": _values(group[y], percent),
    }
    if count is not None and count in group:
        trace["customdata"] = [int(a) for a in group[count].fillna(0)]
        value += " (%{customdata} articles)"
    when = "week of %{x}" if "week" in group else "%{x}"
    trace["hovertemplate"] = f"%{{fullData.name}}<br>{when}<br>{value}<extra></extra>"
    trace |= {"line": {"width": 2}, "marker": {"size": 5}}
    return trace


def _band(
    xs: list[str], group: pd.DataFrame, band: tuple[str, str], name: str, percent: bool
) -> dict[str, Any]:
    low, high = (_values(group[c], percent) for c in band)
    return {
        "type": "scatter",
        "mode": "lines",
        "name": plot_text(f"{name} 95% CI"),
        "x": xs + xs[::-1],
        "y": high + low[::-1],
        "fill": "toself",
        "line": {"width": 0},
        "opacity": 0.2,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _add_events(layout: dict[str, Any], events: pd.DataFrame | None) -> None:
    if events is None or events.empty:
        return
    shapes, notes = [], []
    line = {"color": "#a33", "width": 1, "dash": "dash"}
    for i, event in enumerate(events.itertuples(index=False)):
        day = format_date(event.date)
        span = {"xref": "x", "yref": "paper", "x0": day, "y0": 0, "y1": 1}
        shapes.append({"type": "line", **span, "x1": day, "line": line})
        end = getattr(event, "end_date", None)
        if end is not None and not pd.isna(end) and pd.Timestamp(end) > _timestamp(event.date):
            shade = {"fillcolor": "#a33", "opacity": 0.08, "line": {"width": 0}}
            shapes.append({"type": "rect", **span, "x1": format_date(end), **shade})
        notes.append(
            {
                "x": day,
                "xref": "x",
                "yref": "paper",
                "y": 1.0 - 0.07 * (i % 3),
                "text": plot_text(event.name),
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 10, "color": "#a33"},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
        )
    layout["shapes"] = shapes
    layout["annotations"] = notes


def _timestamp(value: object) -> pd.Timestamp:
    """A date cell of a frame (``Timestamp``, ``date`` or ISO text) as a timestamp."""
    if not isinstance(value, str | date | np.datetime64 | float | int):
        raise TypeError(f"not a date: {value!r}")
    return pd.Timestamp(value)


def poll_overlay(
    narrative: pd.DataFrame,
    polls: pd.DataFrame,
    *,
    narrative_label: str,
    title: str,
    x: str = "month",
    y: str = "share",
    percent: bool = True,
) -> Spec:
    """A narrative's share over time (left axis) against poll series (right axis).

    ``narrative``: columns ``x`` and ``y`` (a share); ``polls``: ``survey_date``, ``value`` and
    ``series`` (one line per series).
    """
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": plot_text(narrative_label),
            "yaxis": "y",
            "x": [format_date(m) for m in narrative[x]],
            "y": _values(narrative[y], percent),
            "marker": {"color": "#9db7d5"},
            "hovertemplate": "%{x}: "
            + ("%{y:.1f}%" if percent else "%{y:.1%}")
            + " of articles<extra></extra>",
        }
    ]
    for key, group in polls.groupby("series", sort=False):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": plot_text(str(key)),
                "yaxis": "y2",
                "x": [format_date(d) for d in group["survey_date"]],
                "y": [float(v) for v in group["value"]],
                "hovertemplate": "%{fullData.name}<br>%{x}: %{y}<extra></extra>",
            }
        )
    poll_title = str(polls["series"].iloc[0]) if polls["series"].nunique() == 1 else "poll value"
    layout = _layout(
        title,
        height=380,
        barmode="overlay",
        xaxis=_axis(x, type="date"),
        yaxis=_share_axis("share of articles", percent),
        yaxis2=_axis(poll_title, overlaying="y", side="right", showgrid=False),
    )
    return {"data": traces, "layout": layout}


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
