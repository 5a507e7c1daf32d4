"""Plotly figures for notebooks and scripts: ``visualize_timeline``, ``visualize_overlay`` and
``visualize_correlogram``. Each wraps a spec of :mod:`narrascope.report.charts` (the one figure
layer, which the report and the dashboard embed) in a :class:`plotly.graph_objects.Figure`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from narrascope.records import Event
from narrascope.report.charts import ShareColumns, correlogram, poll_panels, timeline
from narrascope.trends.linkage import LinkResult

__all__ = ["visualize_correlogram", "visualize_overlay", "visualize_timeline"]

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


def _events_frame(events: Sequence[Event] | pd.DataFrame | None) -> pd.DataFrame | None:
    if events is None or isinstance(events, pd.DataFrame):
        return events
    rows = [{"name": e.name, "date": e.date, "end_date": e.end_date} for e in events]
    return pd.DataFrame(rows, columns=["name", "date", "end_date"])


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
        value: column to plot (default: ``share_smooth`` if present, else ``share``); a share
            gets its n in the hover, a shaded Wilson 95% band (of the pooled window when
            smoothed, and the title says so), gaps where a period has no articles and hollow
            markers below the minimum n.
        title: figure title.

    Returns:
        A plotly Figure.

    Example:
        >>> fig = visualize_timeline(prevalence(store, by="outlet"), store.events())
    """
    column = _value_column(series, value)
    cols = _share_columns(series, column)
    if column.endswith("_smooth"):
        title += " (smoothed: articles pooled over a trailing window of periods)"
    spec = timeline(
        series,
        series=_series_keys(series),
        title=title,
        events=_events_frame(events),
        x="period",
        cols=cols,
        percent=False,
    )
    return go.Figure(spec)


def _share_columns(frame: pd.DataFrame, column: str) -> ShareColumns:
    """The n, labelled-count and interval columns that go with ``column`` (raw or smoothed)."""
    suffix = "_smooth" if column == "share_smooth" else ""
    band = (f"low{suffix}", f"high{suffix}")
    is_share = column in ("share", "share_smooth")
    n = f"n{suffix}"
    return ShareColumns(
        y=column,
        n=n if n in frame else None,
        labelled="n_labelled" if column == "share" and "n_labelled" in frame else None,
        band=band if is_share and set(band) <= set(frame) else None,
    )


def _as_frame(data: pd.DataFrame | pd.Series, x: str, y: str) -> pd.DataFrame:
    if isinstance(data, pd.Series):
        return pd.DataFrame({x: pd.to_datetime(data.index), y: data.to_numpy()})
    return data


def visualize_overlay(
    narrative_series: pd.DataFrame | pd.Series,
    poll_series: pd.DataFrame | pd.Series,
    *,
    narrative_label: str = "narrative",
    poll_label: str = "poll",
) -> go.Figure:
    """Narrative prevalence (top panel) above a poll series (its own panel and axis).

    Args:
        narrative_series: a prevalence frame (``period`` + ``share``/``share_smooth``) or a
            Series indexed by date.
        poll_series: a ``Store.polls()`` frame (``survey_date``, ``value``) or a Series.
        narrative_label, poll_label: legend and axis titles.

    Returns:
        A plotly Figure (narrative share above, the poll below; x axis clipped to the
        narrative's periods).

    Example:
        >>> fig = visualize_overlay(prevalence(store, narrative="double-standards"),
        ...                         store.polls("attitude-usa", "Negative"))
    """
    column = (
        _value_column(narrative_series, None)
        if isinstance(narrative_series, pd.DataFrame)
        else "share"
    )
    narrative = _as_frame(narrative_series, "period", column)
    polls = _as_frame(poll_series, "survey_date", "value").assign(series=poll_label)
    cols = _share_columns(narrative, column)
    spec = poll_panels(
        narrative,
        polls,
        narrative_label=narrative_label,
        title=f"{narrative_label} and {poll_label}",
        x="period",
        cols=cols,
        percent=False,
    )
    return go.Figure(spec)


def visualize_correlogram(link_result: LinkResult) -> go.Figure:
    """Lagged correlations of a :class:`~narrascope.trends.linkage.LinkResult` with a ±1.96/√n band.

    Bars of BH-significant lags are highlighted; positive lags mean the narrative leads.

    Example:
        >>> fig = visualize_correlogram(link(store, "double-standards", "attitude-usa"))
    """
    title = f"Lagged correlation: {link_result.narrative} vs {link_result.poll}"
    return go.Figure(correlogram(link_result.ccf, title=title))
