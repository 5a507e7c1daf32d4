"""Poll linkage charts: narrative prevalence next to opinion-poll series.

Each top-level narrative is paired with the poll series that have figures in the articles'
period (at most :data:`MAX_PAIRS` pairs, most figures first): an overlay, the lag correlogram
and the plain-language summary of :func:`narrascope.trends.polls.link`. When no pair has enough
points, a plain overlay (monthly share vs. all poll values) stands in.
Each poll series gets its own panel and axis under the narrative's monthly share; poll figures
outside the articles' months are left out (the x axis ends with the articles).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from narrascope.errors import NarrascopeError
from narrascope.report.charts import correlogram, poll_panels
from narrascope.report.model import Narratives, Summary, period_shares
from narrascope.trends.polls import link

if TYPE_CHECKING:
    from narrascope.store import Store

__all__ = ["Chart", "linkage_charts", "polls_in_period"]

log = logging.getLogger(__name__)
MAX_PAIRS = 2
N_BOOT = 500
_EXPECTED = (NarrascopeError, ValueError, LookupError, ArithmeticError)


@dataclass(frozen=True)
class Chart:
    """A titled chart specification with an optional note under it."""

    id: str
    title: str
    spec: Any
    note: str = ""


def polls_in_period(store: Store, monthly: pd.DataFrame) -> pd.DataFrame:
    """Poll figures (``series``, ``survey_date``, ``value``) within the articles' months
    (first day of the first month with articles to the last day of the last)."""
    polls = store.polls()
    if polls.empty or monthly.empty:
        return polls.assign(series=pd.Series(dtype=str))
    dated = monthly[monthly["n"] > 0] if "n" in monthly else monthly
    if dated.empty:
        return polls.iloc[0:0].assign(series=pd.Series(dtype=str))
    first = pd.Timestamp(dated["month"].min()).date()
    last = (pd.Timestamp(dated["month"].max()) + pd.offsets.MonthEnd(1)).date()
    dates = pd.to_datetime(polls["survey_date"]).dt.date
    polls = polls[(dates >= first) & (dates <= last)].copy()
    polls["series"] = polls["series_id"].astype(str) + ": " + polls["answer"].astype(str)
    return polls.sort_values(["series", "survey_date"])


def linkage_charts(
    store: Store, run_id: str, names: Narratives, summary: Summary
) -> tuple[list[Chart], str]:
    """Charts relating each top-level narrative to the stored poll series, and a note."""
    if not store.has_rows("polls"):
        return [], ""
    top = [n for n in names.order if names.depth(n) == 0]
    monthly = period_shares(summary, names, freq="month", only=top)
    polls = polls_in_period(store, monthly)
    if polls.empty:
        return [], "no poll figures fall within the period of the articles"
    charts: list[Chart] = []
    for i, nid in enumerate(top):
        linked = _linked_charts(store, run_id, nid, names, monthly, polls, f"link-{i}")
        charts.extend(linked or [_overlay(nid, names, monthly, polls, f"link-{i}-overlay")])
    return charts, ""


def _overlay(
    nid: str, names: Narratives, monthly: pd.DataFrame, polls: pd.DataFrame, chart_id: str
) -> Chart:
    label = names.label(nid)
    spec = poll_panels(
        monthly[monthly["narrative"] == nid],
        polls,
        narrative_label=label,
        title=f"{label}: monthly share of articles and polls",
    )
    note = "Side by side only; see `narrascope link` for correlation tests and their caveats."
    return Chart(chart_id, f"{label} and opinion polls", spec, note)


def _linked_charts(
    store: Store,
    run_id: str,
    nid: str,
    names: Narratives,
    monthly: pd.DataFrame,
    polls: pd.DataFrame,
    prefix: str,
) -> list[Chart]:
    """Overlay and correlogram per poll series with enough overlap for ``link``; [] if none."""
    mine = monthly[monthly["narrative"] == nid]
    label = names.label(nid)
    out = []
    for j, (series_id, answer, name) in enumerate(_busiest_series(polls)):
        try:
            result = link(store, nid, series_id, answer=answer, run_id=run_id, n_boot=N_BOOT)
        except _EXPECTED as exc:
            log.info("no linkage for %s vs %s: %s", nid, name, exc)
            continue
        values = polls[polls["series"] == name]
        title = f"{label} vs. {name}"
        overlay = poll_panels(mine, values, narrative_label=label, title=title)
        out.append(Chart(f"{prefix}-{j}-overlay", title, overlay))
        ccf = correlogram(result.ccf, title=f"{title}: lagged correlations")
        out.append(Chart(f"{prefix}-{j}-ccf", f"{title}: lagged correlations", ccf, result.summary))
    return out


def _busiest_series(polls: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(series id, answer, name) of the poll series with the most figures, at most MAX_PAIRS."""
    sizes = polls.groupby(["series_id", "answer", "series"]).size().sort_values(ascending=False)
    return [(str(sid), str(answer), str(name)) for sid, answer, name in sizes.index[:MAX_PAIRS]]
