"""Plotly figures: timeline with events, poll panels, correlogram."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from tests.trends._fixtures import Doc, build_store

from narrascope.records import Event
from narrascope.report.plots import visualize_correlogram, visualize_overlay, visualize_timeline
from narrascope.trends import prevalence
from narrascope.trends.linkage import link_series


def _series(tmp_path: Path, **options) -> pd.DataFrame:
    docs = [
        Doc(f"{o}{i}", o, date(2018, 9 + i % 4, 1 + i), 3, {"ds": i % 2, "pbw": 1})
        for o in ("tass", "ria")
        for i in range(12)
    ]
    with build_store(tmp_path / "s.duckdb", docs) as store:
        return prevalence(store, **options)


def test_timeline_has_one_line_per_series_and_event_markers(tmp_path: Path) -> None:
    frame = _series(tmp_path, by="outlet")
    events = [
        Event("moscow-format-2018", date(2018, 11, 9)),
        Event("g20", date(2018, 11, 30), date(2018, 12, 1)),
    ]
    fig = visualize_timeline(frame, events)
    assert isinstance(fig, go.Figure)
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert sorted(t.name for t in lines) == ["ria · ds", "ria · pbw", "tass · ds", "tass · pbw"]
    bands = [t for t in fig.data if t.fill == "toself"]
    assert len(bands) == 4  # Wilson bands on the raw share
    texts = [a.text for a in fig.layout.annotations]
    assert texts == ["moscow-format-2018", "g20"]
    assert len(fig.layout.shapes) == 3  # two event lines and one multi-day band


def test_timeline_uses_the_smoothed_share_and_accepts_an_events_frame(tmp_path: Path) -> None:
    frame = _series(tmp_path, narrative="ds", smooth=2)
    events = pd.DataFrame(
        {
            "name": ["talks"],
            "date": [pd.Timestamp("2018-11-09")],
            "end_date": [pd.NaT],
            "description": [None],
            "tags": [None],
        }
    )
    fig = visualize_timeline(frame, events)
    band, line = fig.data
    np.testing.assert_allclose(np.asarray(line.y, float), frame["share_smooth"], equal_nan=True)
    assert band.fill == "toself"  # the Wilson band of the pooled window
    assert max(y for y in band.y if y is not None) <= frame["high_smooth"].max() + 1e-9
    assert "smoothed" in fig.layout.title.text
    assert fig.layout.annotations[0].text == "talks"


def test_overlay_puts_the_poll_in_its_own_panel_clipped_to_the_articles(tmp_path: Path) -> None:
    frame = _series(tmp_path, narrative="ds")  # articles from September to December 2018
    poll = pd.DataFrame(
        {
            "survey_date": [date(2018, 9, 1), date(2018, 11, 1), date(2019, 6, 1)],
            "value": [55.0, 57.0, -12.0],
        }
    )
    fig = visualize_overlay(frame, poll, narrative_label="double standards", poll_label="USA: -")
    polls = [t for t in fig.data if t.yaxis == "y2"]
    assert len(polls) == 1 and list(polls[0].y) == [55.0, 57.0]  # June 2019: after the articles
    assert {t.yaxis for t in fig.data if t.yaxis != "y2"} == {"y"}
    assert fig.layout.xaxis2.matches == "x"  # one time axis for both panels
    assert fig.layout.xaxis.range[1] == "2018-12-31"
    assert any("USA: -" in a.text for a in fig.layout.annotations)
    domains = (fig.layout.yaxis.domain, fig.layout.yaxis2.domain)
    assert domains[1][1] < domains[0][0]  # separate panels, no overlap
    series_fig = visualize_overlay(
        pd.Series([0.1, 0.2], index=pd.to_datetime(["2018-09-01", "2018-10-01"])),
        pd.Series([50.0, 52.0], index=pd.to_datetime(["2018-09-01", "2018-10-01"])),
    )
    assert len(series_fig.data) == 2


def test_correlogram_shows_every_lag_with_a_band() -> None:
    rng = np.random.default_rng(1)
    index = pd.date_range("2010-01-01", periods=60, freq="MS")
    x = rng.normal(size=62)
    narr = pd.Series(x[2:], index=index, name="narr")
    poll = pd.Series(0.8 * x[:-2] + rng.normal(scale=0.5, size=60), index=index, name="poll")
    result = link_series(narr, poll, max_lag=4, n_boot=0)
    fig = visualize_correlogram(result)
    bars = fig.data[0]
    assert list(bars.x) == list(range(-4, 5))
    assert bars.marker.color[list(bars.x).index(2)] == "#d62728"  # significant lag highlighted
    assert len(fig.data) == 3
    assert "narrative leads" in fig.layout.xaxis.title.text
