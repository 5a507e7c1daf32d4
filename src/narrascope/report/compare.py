"""Comparisons: a narrative's attention in each outlet and each language, side by side.

Each panel shows the monthly share of that outlet's (language's) own articles carrying the
narrative: attention normalised by the outlet's volume, as Media Cloud's attention chart, so a
large outlet does not drown a small one. Panels share their axes (small multiples), each point
carries its n and Wilson interval, months without articles are gaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from narrascope.report.charts import small_multiples
from narrascope.report.linkage import Chart
from narrascope.report.model import (
    GroupCounts,
    NarrativeRow,
    Narratives,
    comparison_frames,
    group_counts,
)

if TYPE_CHECKING:
    from narrascope.store import Store

__all__ = ["GROUPS", "comparison_charts", "narrative_comparisons"]

GROUPS = ("outlet", "language")


def _chart(frame: pd.DataFrame, group: str, label: str, chart_id: str) -> Chart | None:
    """Small multiples of one narrative by ``group`` (None with one outlet or language)."""
    if frame.empty or frame[group].nunique() < 2:
        return None
    order = frame.groupby(group)["n"].sum().sort_values(ascending=False, kind="stable")
    spec = small_multiples(
        frame,
        facet=group,
        x="month",
        order=[str(v) for v in order.index],
        columns=3 if group == "outlet" else 2,
        title=f"{label}: share of each {group}'s own articles per month",
    )
    return Chart(chart_id, f"{label} by {group}", spec)


def narrative_comparisons(
    counts: GroupCounts, narrative: str, label: str, prefix: str
) -> list[Chart]:
    """The outlet and language small multiples of one narrative (ids ``<prefix>-<group>``)."""
    frames = comparison_frames(counts, narrative)
    charts = [_chart(frames[g], g, label, f"{prefix}-{g}") for g in GROUPS]
    return [c for c in charts if c is not None]


def comparison_charts(
    store: Store, run_id: str, names: Narratives, rows: Sequence[NarrativeRow]
) -> list[dict[str, Any]]:
    """Per top-level narrative with articles: its outlet and language small multiples."""
    shown = [r for r in rows if r.depth == 0 and r.articles > 0]
    if not shown:
        return []
    counts = group_counts(store, run_id, narratives=[r.id for r in shown])
    out = []
    for i, row in enumerate(shown):
        found = narrative_comparisons(counts, row.id, names.label(row.id), f"cmp-{i}")
        if found:
            out.append({"narrative": row, "charts": found})
    return out
