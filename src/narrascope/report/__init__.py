"""The static HTML report: one self-contained, offline file per analysis run.

Plotly's JavaScript is embedded from the installed ``plotly`` package (no CDN, no request of any
kind; a Content-Security-Policy in the page forbids them, and allows only the page's own
inline scripts, by SHA-256 hash). Article text, titles, outlet names
and codebook labels are untrusted and escaped everywhere (see :mod:`narrascope.report.markup`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from markupsafe import Markup

from narrascope.report.charts import UNCERTAINTY_NOTE, bar_chart, heatmap, timeline
from narrascope.report.compare import comparison_charts
from narrascope.report.linkage import Chart, linkage_charts
from narrascope.report.markup import environment, inline_script, script_hash
from narrascope.report.methods import methods_context
from narrascope.report.model import (
    CodebookLike,
    NarrativeRow,
    Narratives,
    RunInfo,
    Summary,
    evidence_items,
    narrative_rows,
    outlet_shares,
    period_shares,
    records,
    resolve_codebook,
    run_info,
    run_summary,
)
from narrascope.report.validation import validation_section
from narrascope.trends.stats import MIN_N

if TYPE_CHECKING:
    from narrascope.store import Store

__all__ = ["actor_sections", "build_context", "outlet_table", "overview_charts", "write_report"]

EVIDENCE_PER_NARRATIVE = 5


def write_report(
    store: Store,
    out: str | Path,
    *,
    run_id: str | None = None,
    codebook: CodebookLike | str | Path | None = None,
) -> Path:
    """Write the HTML report of one run to ``out`` and return its path.

    Args:
        store: an open store (read-only is enough).
        out: the HTML file to write (parent folders are created).
        run_id: the run to report (default: the newest finished run).
        codebook: a codebook, shipped name or YAML path for labels (default: the run's own).

    Returns:
        The path written.

    Raises:
        StoreError: the store has no finished run. UsageError: unknown ``run_id``.

    Example:
        >>> with Store("narrascope.duckdb", read_only=True) as store:
        ...     write_report(store, "report.html")
    """
    context = build_context(store, run_id=run_id, codebook=codebook)
    html = environment("narrascope.report").get_template("report.html.j2").render(**context)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def build_context(
    store: Store,
    *,
    run_id: str | None = None,
    codebook: CodebookLike | str | Path | None = None,
    evidence_per_narrative: int = EVIDENCE_PER_NARRATIVE,
) -> dict[str, Any]:
    """Everything the report template shows, as plain values and chart specifications."""
    run = run_info(store, run_id)
    book, note = resolve_codebook(codebook, run.manifest)
    run = RunInfo(run.run_id, run.manifest, note)
    summary = run_summary(store, run.run_id)
    names = Narratives.build(book, summary.narratives)
    rows = narrative_rows(summary, names)
    events = store.events()
    context: dict[str, Any] = {
        "run": run,
        "codebook": book,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "totals": {"articles": summary.total, "hits": sum(summary.hits.values())},
        "narratives": rows,
        "evidence": _evidence(store, run.run_id, names, rows, evidence_per_narrative),
        "events": _event_rows(events),
        "scripts": _scripts(),
        "script_sources": " ".join(script_hash(code) for code in _scripts()),
    }
    outlets = outlet_shares(summary, names)
    context["outlet_table"] = outlet_table(outlets, rows)
    context["charts"] = overview_charts(summary, names, rows, events, outlets)
    context.update(actor_sections(store, run.run_id, names))
    context["linkage"], context["linkage_note"] = linkage_charts(store, run.run_id, names, summary)
    context["comparisons"] = comparison_charts(store, run.run_id, names, rows)
    context["validation"] = validation_section(store, run.run_id, book)
    context["methods"] = methods_context(store, run, book, context["validation"])
    context["min_n"] = MIN_N
    return context


def overview_charts(
    summary: Summary,
    names: Narratives,
    rows: list[NarrativeRow],
    events: pd.DataFrame,
    outlets: pd.DataFrame,
) -> dict[str, Chart]:
    """The overview charts: narratives overall, by outlet, and the weekly timeline."""
    overall = bar_chart(
        [r.label for r in rows],
        [100 * r.share for r in rows],
        title="Share of all articles carrying each narrative (Wilson 95% CI)",
        value_title="share of articles",
        hover=[
            f"{r.articles} of {r.n} articles, 95% CI {100 * r.low:.1f}–{100 * r.high:.1f}%, "
            f"{r.hits} hits"
            for r in rows
        ],
        percent=True,
        interval=([100 * r.low for r in rows], [100 * r.high for r in rows]),
    )
    by_outlet = heatmap(
        outlets,
        x="outlet",
        y="label",
        value="share",
        count="articles",
        title="Share of each outlet's articles carrying a narrative",
        x_title="outlet",
        y_title="",
    )
    weekly = period_shares(summary, names, only=[r.id for r in rows if r.depth == 0])
    lines = timeline(
        weekly,
        series="narrative",
        labels=names.labels,
        events=events,
        title="Weekly share of articles per narrative (top level)",
    )
    note = UNCERTAINTY_NOTE.format(min_n=MIN_N)
    if not events.empty:
        note += " Dashed lines mark stored events (hover a label for its name and dates)."
    return {
        "overall": Chart("chart-overall", "Narratives overall", overall),
        "outlets": Chart("chart-outlets", "Narratives by outlet", by_outlet),
        "timeline": Chart("chart-timeline", "Weekly timeline", lines, note),
    }


def outlet_table(outlets: pd.DataFrame, rows: list[NarrativeRow]) -> dict[str, Any]:
    """Outlets (rows) by top-level narratives (columns): share and article counts."""
    top = [r for r in rows if r.depth == 0]
    table = []
    for outlet, group in outlets.groupby("outlet", sort=False):
        cells = group.set_index("narrative")
        table.append(
            {
                "outlet": outlet,
                "total": int(group["total"].iloc[0]),
                "cells": [
                    (float(cells["share"].loc[r.id]), int(cells["articles"].loc[r.id])) for r in top
                ],
            }
        )
    return {"columns": [r.label for r in top], "rows": table}


def _evidence(
    store: Store, run_id: str, names: Narratives, rows: list[Any], limit: int
) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if row.hits == 0:
            continue
        frame = store.top_evidence(run_id, names.family(row.id), limit)
        out.append({"narrative": row, "entries": evidence_items(frame, names)})
    return out


MAX_SPEAKERS = 25  # rows of the "who voices which narrative" heatmap (the title says so)


def _voiced_top_level(voiced: pd.DataFrame, names: Narratives) -> pd.DataFrame:
    """Per (speaker, top-level narrative): hits, a sub-narrative's counted under its root."""
    if voiced.empty:
        return voiced
    voiced = voiced.assign(narrative=voiced["narrative"].map(names.root))
    voiced = voiced.groupby(["actor", "narrative"], as_index=False, sort=False).agg(
        hits=("hits", "sum")
    )
    voiced["label"] = voiced["narrative"].map(names.label)
    voiced["share"] = voiced["hits"] / voiced.groupby("actor")["hits"].transform("sum")
    return voiced


def actor_sections(store: Store, run_id: str, names: Narratives) -> dict[str, Any]:
    """Actors, the narratives they voice (hits attributed to them) and top quotes."""
    has_mentions = store.run_has_rows("mentions", run_id)
    has_quotes = store.run_has_rows("quotes", run_id)
    if not (has_mentions or has_quotes):
        return {"actors": [], "voiced_chart": None, "quotes": []}
    voiced = _voiced_top_level(store.speaker_narrative_counts(run_id), names)
    chart = None
    if not voiced.empty:
        totals = voiced.groupby("actor", sort=False)["hits"].sum().sort_values(ascending=False)
        shown = f"the {MAX_SPEAKERS} speakers with most hits, of {len(totals)}; "
        title = "Top-level narratives attributed to each speaker (" + (
            shown if len(totals) > MAX_SPEAKERS else ""
        )
        voiced = voiced[voiced["actor"].isin(totals.index[:MAX_SPEAKERS])]
        chart = Chart(
            "chart-voiced",
            "Who voices which narrative",
            heatmap(
                voiced,
                x="label",
                y="actor",
                value="share",
                count="hits",
                title=title + "share of their hits)",
                x_title="narrative",
                y_title="speaker",
                count_label="hits",
            ),
        )
    quotes = records(store.top_quotes(run_id))
    for quote in quotes:
        quote["labels"] = [names.label(n) for n in quote["narratives"]]
    return {
        "actors": records(store.actor_counts(run_id)),
        "voiced_chart": chart,
        "quotes": quotes,
    }


def _event_rows(events: pd.DataFrame) -> list[dict[str, Any]]:
    if not events.empty:  # by date, as the charts number them
        events = events.assign(_day=pd.to_datetime(events["date"])).sort_values(
            "_day", kind="stable"
        )
        events = events.drop(columns="_day")
    rows = records(events)
    for row in rows:
        tags = row.get("tags")
        row["tags"] = [str(t) for t in tags] if tags is not None else []
    return rows


@cache
def _scripts() -> tuple[Markup, ...]:
    """The report's inline scripts: Plotly's bundled JavaScript (from the installed package)
    and the code that draws the charts. The page's CSP allows exactly these, by hash."""
    from plotly.offline import get_plotlyjs

    boot = (
        resources.files("narrascope.report").joinpath("templates", "report.js").read_text("utf-8")
    )
    # CSV buttons for every chart's plotted values and every table
    downloads = resources.files("narrascope.report").joinpath("templates", "downloads.js")
    return (
        inline_script(get_plotlyjs()),
        inline_script(boot),
        inline_script(downloads.read_text("utf-8")),
    )
