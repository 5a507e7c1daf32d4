"""Chart specifications (plain Plotly JSON: ``{"data": [...], "layout": {...}}``).

Built as dicts rather than ``plotly.graph_objects`` figures: the page only needs JSON, and dicts
are fast enough for the dashboard to build per request. Every untrusted string passes through
:func:`~narrascope.report.markup.plot_text`, because Plotly renders labels as pseudo-HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from narrascope.report.markup import format_date, plot_text

__all__ = [
    "bar_chart",
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


def timeline(
    frame: pd.DataFrame,
    *,
    series: str,
    title: str,
    events: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
) -> Spec:
    """Weekly share lines, one per ``series`` value (columns ``week``, ``share``, ``articles``).

    ``events`` (columns ``name``, ``date``) become dashed vertical markers with a label.
    """
    traces = []
    for key, group in frame.groupby(series, sort=False):
        name = (labels or {}).get(str(key), str(key))
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": plot_text(name),
                "x": [format_date(w) for w in group["week"]],
                "y": [round(100 * float(s), 2) for s in group["share"]],
                "customdata": [int(a) for a in group["articles"]],
                "hovertemplate": "%{fullData.name}<br>week of %{x}<br>%{y:.1f}% "
                "(%{customdata} articles)<extra></extra>",
                "line": {"width": 2},
                "marker": {"size": 5},
            }
        )
    layout = _layout(
        title,
        height=380,
        xaxis=_axis("week", type="date"),
        yaxis=_axis("share of the week's articles", ticksuffix="%", rangemode="tozero"),
    )
    _add_events(layout, events)
    return {"data": traces, "layout": layout}


def _add_events(layout: dict[str, Any], events: pd.DataFrame | None) -> None:
    if events is None or events.empty:
        return
    shapes, notes = [], []
    for i, event in enumerate(events.itertuples(index=False)):
        day = format_date(event.date)
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": day,
                "x1": day,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#a33", "width": 1, "dash": "dash"},
            }
        )
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


def poll_overlay(
    narrative: pd.DataFrame, polls: pd.DataFrame, *, narrative_label: str, title: str
) -> Spec:
    """Monthly narrative share (left axis) against poll series (right axis).

    ``narrative``: columns ``month``, ``share``; ``polls``: ``series``, ``survey_date``, ``value``.
    """
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": plot_text(narrative_label),
            "x": [format_date(m) for m in narrative["month"]],
            "y": [round(100 * float(s), 2) for s in narrative["share"]],
            "marker": {"color": "#9db7d5"},
            "hovertemplate": "%{x}: %{y:.1f}% of articles<extra></extra>",
        }
    ]
    for key, group in polls.groupby("series", sort=False):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": plot_text(key),
                "yaxis": "y2",
                "x": [format_date(d) for d in group["survey_date"]],
                "y": [float(v) for v in group["value"]],
                "hovertemplate": "%{fullData.name}<br>%{x}: %{y}<extra></extra>",
            }
        )
    layout = _layout(
        title,
        height=380,
        barmode="overlay",
        xaxis=_axis("month", type="date"),
        yaxis=_axis("share of articles", ticksuffix="%", rangemode="tozero"),
        yaxis2=_axis("poll value", overlaying="y", side="right", showgrid=False),
    )
    return {"data": traces, "layout": layout}
