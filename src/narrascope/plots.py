"""Plotly figures for narrative series, poll overlays and correlograms (no file I/O here).

Each ``visualize_*`` helper returns a :class:`plotly.graph_objects.Figure` that the report embeds
or a notebook shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from narrascope.events import events_from_frame
from narrascope.linkage import LinkResult
from narrascope.records import Event

_GROUPS = ("outlet", "language", "detector")


def _value_column(frame: pd.DataFrame, column: str | None) -> str:
    if column:
        return column
    return "share_smooth" if "share_smooth" in frame else "share"


def _series_keys(frame: pd.DataFrame) -> list[str]:
    keys = [c for c in _GROUPS if c in frame and frame[c].nunique() > 1]
    if "narrative" in frame:
        keys.append("narrative")
    return keys


def _as_events(events: Sequence[Event] | pd.DataFrame | None) -> list[Event]:
    if events is None:
        return []
    if isinstance(events, pd.DataFrame):
        return events_from_frame(events)
    return list(events)


def visualize_timeline(
    series: pd.DataFrame,
    events: Sequence[Event] | pd.DataFrame | None = None,
    *,
    value: str | None = None,
    title: str = "Narrative prevalence",
) -> go.Figure:
    """Narrative timeline (one line per narrative/group) with event markers.

    Args:
        series: a :func:`~narrascope.trends.prevalence` frame.
        events: events to mark (records or a ``Store.events()`` frame).
        value: column to plot (default: ``share_smooth`` if present, else ``share``); shares get
            a shaded Wilson 95% band when unsmoothed.
        title: figure title.

    Returns:
        A plotly Figure.

    Example:
        >>> fig = visualize_timeline(prevalence(store, by="outlet"), store.events())
    """
    column = _value_column(series, value)
    keys = _series_keys(series)
    fig = go.Figure()
    groups = series.groupby(keys, sort=True) if keys else [((), series)]
    for name, part in groups:
        label = " · ".join(map(str, name if isinstance(name, tuple) else (name,)))
        if column == "share" and {"share_lo", "share_hi"} <= set(part):
            _add_band(fig, part, label)
        fig.add_trace(
            go.Scatter(x=part["period"], y=part[column], mode="lines+markers", name=label or column)
        )
    for event in _as_events(events):
        _mark_event(fig, event)
    axis = "share of articles" if column.startswith("share") else column.replace("_", " ")
    fig.update_layout(title=title, xaxis_title="period", yaxis_title=axis, hovermode="x unified")
    if column.startswith("share"):
        fig.update_yaxes(tickformat=".0%")
    return fig


def _add_band(fig: go.Figure, part: pd.DataFrame, label: str) -> None:
    x = list(part["period"]) + list(part["period"])[::-1]
    y = list(part["share_hi"]) + list(part["share_lo"])[::-1]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            fill="toself",
            line={"width": 0},
            opacity=0.2,
            hoverinfo="skip",
            showlegend=False,
            name=f"{label} 95% CI",
        )
    )


def _mark_event(fig: go.Figure, event: Event) -> None:
    start = pd.Timestamp(event.date)
    if event.end_date and event.end_date > event.date:
        fig.add_vrect(x0=start, x1=pd.Timestamp(event.end_date), opacity=0.15, line_width=0)
    fig.add_shape(type="line", x0=start, x1=start, y0=0, y1=1, yref="paper", line={"dash": "dot"})
    fig.add_annotation(
        x=start, y=1, yref="paper", text=event.name, showarrow=False, textangle=-90, yanchor="top"
    )


def visualize_overlay(
    narrative_series: pd.DataFrame | pd.Series,
    poll_series: pd.DataFrame | pd.Series,
    *,
    narrative_label: str = "narrative",
    poll_label: str = "poll",
) -> go.Figure:
    """Narrative prevalence and a poll series on two y axes.

    Args:
        narrative_series: a prevalence frame (``period`` + ``share``/``share_smooth``) or a
            Series indexed by date.
        poll_series: a ``Store.polls()`` frame (``survey_date``, ``value``) or a Series.
        narrative_label, poll_label: legend and axis titles.

    Returns:
        A plotly Figure (narrative on the left axis, poll on the right).

    Example:
        >>> fig = visualize_overlay(prevalence(store, narrative="double-standards"),
        ...                         store.polls("attitude-usa", "Negative"))
    """
    nx, ny = _xy(narrative_series, "period", _value_column_or(narrative_series))
    px, py = _xy(poll_series, "survey_date", "value")
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Scatter(x=nx, y=ny, name=narrative_label, mode="lines"), secondary_y=False)
    fig.add_trace(
        go.Scatter(x=px, y=py, name=poll_label, mode="lines+markers", line={"dash": "dash"}),
        secondary_y=True,
    )
    fig.update_yaxes(title_text=narrative_label, secondary_y=False)
    fig.update_yaxes(title_text=poll_label, secondary_y=True)
    fig.update_layout(title=f"{narrative_label} vs {poll_label}", hovermode="x unified")
    return fig


def _value_column_or(data: pd.DataFrame | pd.Series) -> str:
    return _value_column(data, None) if isinstance(data, pd.DataFrame) else ""


def _xy(data: pd.DataFrame | pd.Series, x: str, y: str) -> tuple[Any, Any]:
    if isinstance(data, pd.Series):
        return pd.to_datetime(data.index), data.to_numpy()
    return pd.to_datetime(data[x]), data[y].to_numpy()


def visualize_correlogram(link_result: LinkResult) -> go.Figure:
    """Lagged correlations of a :class:`~narrascope.linkage.LinkResult` with a ±1.96/√n band.

    Bars of BH-significant lags are highlighted; positive lags mean the narrative leads.

    Example:
        >>> fig = visualize_correlogram(link(store, "double-standards", "attitude-usa"))
    """
    ccf = link_result.ccf
    colours = ["#d62728" if s else "#1f77b4" for s in ccf["significant"]]
    fig = go.Figure(go.Bar(x=ccf["lag"], y=ccf["r"], marker_color=colours, name="r"))
    band = 1.96 / np.sqrt(ccf["n"].clip(lower=1).to_numpy(float))
    for sign in (1, -1):
        fig.add_trace(
            go.Scatter(
                x=ccf["lag"],
                y=sign * band,
                mode="lines",
                line={"dash": "dot", "color": "grey"},
                name="±1.96/√n" if sign > 0 else None,
                showlegend=sign > 0,
            )
        )
    fig.update_layout(
        title=f"Lagged correlation: {link_result.narrative} vs {link_result.poll}",
        xaxis_title="lag (positive: narrative leads the poll)",
        yaxis_title="Pearson r",
        yaxis_range=[-1, 1],
    )
    return fig
