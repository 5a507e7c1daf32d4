"""The case study's figures, as SVG (see ``_svg.py``): one function per figure.

Each function takes the plain tables ``moscow_format.py`` computed, so the figures show exactly
the numbers of ``numbers.json``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import _svg
import numpy as np
import pandas as pd

TALKS = date(2018, 11, 9)


def write_figures(
    out: Path, values: dict[str, Any], lists: dict[str, list[Any]], data: dict[str, Any]
) -> list[str]:
    """Write the SVG figures into ``out``; returns their file names."""
    names = lists["narratives"]
    outlets = lists["outlets"]
    short = {
        o: values[f"corpus.outlet.{o}.name"].split(" | ")[0].replace("Sample ", "") for o in outlets
    }
    figures = {
        "outlet-shares.svg": _svg.bar_chart(
            "Share of each outlet's articles carrying a narrative (lexicon)",
            [short[o] for o in outlets],
            {n: [float(data["outlets"].loc[o, n]) for o in outlets] for n in names},
            y_label="% of the outlet's articles",
            y_max=100,
        ),
        "timeline.svg": _timeline(data["weekly"], names),
        "event-window.svg": _window_chart(data["window"], names, short, outlets),
        "agreement.svg": _agreement_chart(data["agreement"], values["eval.coarse.documents"]),
    }
    if data.get("polls") is not None:
        figures["polls.svg"] = _poll_chart(data["monthly"], data["polls"], names)
    out.mkdir(parents=True, exist_ok=True)
    for name, svg in figures.items():
        (out / name).write_text(svg, encoding="utf-8")
    return list(figures)


def _events_marker() -> list[tuple[date, str]]:
    return [(TALKS, "Moscow talks, 9 Nov")]


def _timeline(weekly: pd.DataFrame, names: list[str]) -> str:
    counts = weekly.drop_duplicates("period")
    lines = [
        _svg.Line(
            "articles per week",
            [
                (p.date(), float(v))
                for p, v in zip(counts["period"], counts["n_articles"], strict=True)
            ],
        )
    ]
    shares = [
        _svg.Line(
            n,
            [
                (r.period.date(), None if pd.isna(r.share) else 100 * r.share)
                for r in weekly[weekly["narrative"] == n].itertuples(index=False)
            ],
        )
        for n in names
    ]
    top = float(max(10, 5 * np.ceil(counts["n_articles"].max() / 5)))
    panels = [
        _svg.Panel(
            "Articles per ISO week (all outlets)",
            "articles",
            lines,
            y_max=top,
            markers=_events_marker(),
        ),
        _svg.Panel(
            "Weekly share of articles carrying each narrative",
            "% of articles",
            shares,
            markers=_events_marker(),
        ),
    ]
    return _svg.time_chart(
        "The sample corpus around the Moscow talks", panels, date(2018, 9, 1), date(2019, 3, 1)
    )


def _window_chart(
    window: dict[str, Any], names: list[str], short: dict[str, str], outlets: list[str]
) -> str:
    rows, before, after = [], [], []
    days = window["days"]
    for n in names:
        rows.append(f"{n} (all outlets)")
        before.append(window["pooled"][n][0])
        after.append(window["pooled"][n][1])
    for outlet in outlets:
        for n in names:
            b, a = window["per_outlet"][(outlet, n)]
            rows.append(f"{n} ({short[outlet]})")
            before.append(b)
            after.append(a)
    return _svg.dumbbell_chart(
        f"Share of articles: {days} days before vs day 0 to +{days} (9 Nov 2018)",
        rows,
        before,
        after,
        labels=(f"days -{days}..-1", f"day 0..+{days}"),
    )


def _agreement_chart(agreement: dict[str, dict[str, float]], n_docs: int) -> str:
    labels = list(agreement)
    metrics = list(next(iter(agreement.values())))
    return _svg.bar_chart(
        f"Agreement with the human coding (coarse labels, {n_docs} articles)",
        labels,
        {m: [agreement[label][m] for label in labels] for m in metrics},
        y_label="F1 / Krippendorff's alpha",
        y_max=1.0,
    )


def _mid_month(day: Any) -> date:
    """The 15th of the month of ``day``: every point of the poll figure stands for a month."""
    return pd.Timestamp(day).date().replace(day=15)


def _poll_chart(monthly: pd.DataFrame, polls: dict[str, pd.DataFrame], names: list[str]) -> str:
    narr = [
        _svg.Line(
            n,
            [
                (_mid_month(r.period), 100 * r.share)
                for r in monthly[monthly["narrative"] == n].itertuples(index=False)
            ],
        )
        for n in names
    ]
    shown = {
        "putin-approval/Approve": "Putin approval",
        "attitude-usa/Positive": "USA: positive",
        "attitude-usa/Negative": "USA: negative",
    }
    poll_lines = [
        _svg.Line(
            label,
            [
                (_mid_month(d), float(v))
                for d, v in zip(polls[key]["survey_date"], polls[key]["value"], strict=True)
            ],
            dash="5 3",
            color=_svg.PALETTE[i + 3],
        )
        for i, (key, label) in enumerate(shown.items())
    ]
    panels = [
        _svg.Panel(
            "Narratives: monthly share of articles (sample corpus, synthetic)",
            "% of articles",
            narr,
            markers=_events_marker(),
        ),
        _svg.Panel(
            "Levada Center polls (% of respondents)",
            "% of respondents",
            poll_lines,
            markers=_events_marker(),
        ),
    ]
    return _svg.time_chart(
        "Narratives and opinion around the Moscow talks", panels, date(2018, 7, 1), date(2019, 6, 1)
    )
