"""The figure layer: gaps, intervals and minimum-n markers, event labels that never overlap,
small multiples and poll panels."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pandas as pd
import pytest

from narrascope.report.charts import (
    CHAR_PX,
    MAX_LABEL_ROWS,
    PLOT_WIDTH_PX,
    heatmap,
    place_labels,
    poll_panels,
    small_multiples,
    timeline,
)
from narrascope.report.model import with_interval
from narrascope.trends.stats import MIN_N


def _overlaps(starts: list[float], widths: list[float], rows: list[int], gap: float) -> list:
    """Pairs of labels in one row whose spans (plus the gap) intersect."""
    bad = []
    for i in range(len(starts)):
        for j in range(i + 1, len(starts)):
            if rows[i] != rows[j]:
                continue
            a, b = sorted([(starts[i], widths[i]), (starts[j], widths[j])])
            if b[0] < a[0] + a[1] + gap:
                bad.append((i, j))
    return bad


def test_place_labels_stacks_only_what_would_overlap() -> None:
    assert place_labels([0, 10, 200], [100, 100, 50]) == [0, 1, 0]
    assert place_labels([0, 120, 240], [100, 100, 100]) == [0, 0, 0]
    # a crowd at one spot takes one row each
    assert sorted(place_labels([5, 5, 5, 5], [40, 40, 40, 40])) == [0, 1, 2, 3]


@pytest.mark.parametrize("seed", range(20))
def test_place_labels_never_overlaps(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 40))
    starts = list(rng.uniform(0, 600, n))
    widths = list(rng.uniform(5, 200, n))
    rows = place_labels(starts, widths, gap=6.0)
    assert _overlaps(starts, widths, rows, 6.0) == []
    # and the rows are as few as the densest point needs (greedy interval colouring)
    spans = list(zip(starts, widths, strict=True))
    depth = max(sum(s <= x < s + w + 6.0 for s, w in spans) for x in starts)
    assert max(rows) + 1 <= depth


def _weekly(shares: list[tuple[int, int]]) -> pd.DataFrame:
    """Weekly (labelled, total) counts from 2018-09-03, one narrative."""
    weeks = pd.date_range("2018-09-03", periods=len(shares), freq="W-MON")
    frame = pd.DataFrame(
        {
            "week": weeks,
            "narrative": "ds",
            "articles": [a for a, _ in shares],
            "total": [t for _, t in shares],
        }
    )
    return with_interval(frame)


def test_timeline_breaks_at_empty_periods_and_marks_small_n() -> None:
    frame = _weekly([(1, 10), (3, 12), (0, 0), (2, 3), (0, 0), (4, 20), (5, 20)])
    spec = timeline(frame, series="narrative", title="t")
    band, line = spec["data"]
    assert line["y"][2] is None and line["y"][4] is None  # gaps, not zeros
    assert line["connectgaps"] is False
    symbols = line["marker"]["symbol"]
    assert symbols[3] == "circle-open"  # 3 articles < MIN_N
    assert symbols[0] == symbols[5] == "circle"
    assert MIN_N > 3
    # a band per run of weeks with articles: none crosses an empty week
    parts = [[]]
    for x in band["x"]:
        parts[-1].append(x) if x is not None else parts.append([])
    weeks = [p for p in parts if p]
    assert [sorted(set(p)) for p in weeks] == [
        ["2018-09-03", "2018-09-10"],
        ["2018-10-08", "2018-10-15"],
    ]
    # the isolated week (2018-09-24) gets an error bar instead
    errors = line["error_y"]
    assert errors["array"][3] is not None and errors["array"][0] is None
    assert "2 of 3 articles" in line["customdata"][3]
    assert "fewer than" in line["customdata"][3] and "95% CI" in line["customdata"][0]
    assert "no articles" in line["customdata"][2]


def test_timeline_event_labels_never_overlap_and_stay_in_the_period() -> None:
    frame = _weekly([(1, 10)] * 26)
    days = pd.date_range("2018-09-05", periods=14, freq="11D")
    events = pd.DataFrame(
        {
            "name": [f"a rather long event name number {i}" for i in range(len(days))]
            + ["long after"],
            "date": [*days, pd.Timestamp("2021-01-01")],
            "end_date": [pd.NaT] * (len(days) + 1),
        }
    )
    spec = timeline(frame, series="narrative", title="t", events=events)
    notes = spec["layout"]["annotations"]
    assert len(notes) == len(days)  # the event after the period is left out
    first, last = frame["week"].min(), frame["week"].max()
    width = (last - first).total_seconds()
    starts = [(pd.Timestamp(n["x"]) - first).total_seconds() / width * PLOT_WIDTH_PX for n in notes]
    widths = [CHAR_PX * len(n["text"]) + 4 for n in notes]
    rows = [(n["yshift"] - 2) // 15 for n in notes]
    assert _overlaps(starts, widths, rows, 0.0) == []
    assert max(rows) < MAX_LABEL_ROWS
    # too many to name: numbered by date, the names in the hover
    assert [n["text"] for n in notes] == [str(i + 1) for i in range(len(days))]
    assert all("a rather long event name" in n["hovertext"] for n in notes)
    assert spec["layout"]["margin"]["t"] >= 56 + 15 * (max(rows) + 1)


def test_heatmap_cells_show_counts_beside_percentages() -> None:
    frame = pd.DataFrame(
        {"actor": ["lavrov", "lavrov"], "label": ["a", "b"], "share": [0.25, 0.75], "hits": [1, 3]}
    )
    spec = heatmap(
        frame, x="label", y="actor", value="share", count="hits", title="t", x_title="", y_title=""
    )
    assert spec["data"][0]["text"] == [["25% (1)", "75% (3)"]]


def _by_outlet() -> pd.DataFrame:
    months = pd.date_range("2018-09-01", periods=4, freq="MS")
    rows = []
    for outlet, counts in {"tass": [(1, 10), (2, 10), (0, 0), (3, 9)], "rt": [(1, 2)] * 4}.items():
        for month, (a, t) in zip(months, counts, strict=True):
            rows.append({"month": month, "outlet": outlet, "articles": a, "total": t})
    return with_interval(pd.DataFrame(rows))


def test_small_multiples_share_their_axes() -> None:
    spec = small_multiples(_by_outlet(), facet="outlet", x="month", title="t", order=["tass", "rt"])
    layout = spec["layout"]
    assert layout["xaxis2"]["matches"] == "x" and layout["yaxis2"]["matches"] == "y"
    titles = [a["text"] for a in layout["annotations"]]
    assert titles == ["tass (n = 29)", "rt (n = 8)"]
    tass = next(t for t in spec["data"] if t.get("mode") == "lines+markers" and t["xaxis"] == "x")
    assert tass["y"][2] is None  # the month without articles
    rt = next(t for t in spec["data"] if t.get("mode") == "lines+markers" and t["xaxis"] == "x2")
    assert set(rt["marker"]["symbol"]) == {"circle-open"}  # 2 articles a month
    assert layout["xaxis"]["domain"][1] < layout["xaxis2"]["domain"][0]  # panels apart


def test_poll_panels_give_each_series_its_own_axis_within_the_articles() -> None:
    monthly = with_interval(
        pd.DataFrame(
            {
                "month": pd.date_range("2018-09-01", periods=3, freq="MS"),
                "articles": [1, 2, 3],
                "total": [10, 10, 10],
            }
        )
    )
    polls = pd.DataFrame(
        {
            "series": ["usa: good"] * 3 + ["index"] * 3,
            "survey_date": [date(2018, 9, 15), date(2018, 11, 20), date(2019, 4, 1)] * 2,
            "value": [40.0, 42.0, 45.0, -10.0, -12.0, -30.0],
        }
    )
    spec = poll_panels(monthly, polls, narrative_label="ds", title="t")
    poll_traces = [t for t in spec["data"] if t["yaxis"] in ("y2", "y3")]
    assert [t["yaxis"] for t in poll_traces] == ["y2", "y3"]
    assert [t["y"] for t in poll_traces] == [[40.0, 42.0], [-10.0, -12.0]]  # April 2019 cut
    layout = spec["layout"]
    assert layout["xaxis"]["range"][1] == "2018-11-30"
    domains = [layout[k]["domain"] for k in ("yaxis", "yaxis2", "yaxis3")]
    assert all(a[0] > b[1] for a, b in itertools.pairwise(domains))  # stacked, not overlaid
