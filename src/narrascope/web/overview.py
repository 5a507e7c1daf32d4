"""The overview page: run manifest, narratives overall, by outlet, weekly timeline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from narrascope.report import outlet_table, overview_charts
from narrascope.report.model import outlet_shares
from narrascope.web.deps import Dashboard, DashboardDep, RunParam, RunView, render

router = APIRouter()


def overview_data(dashboard: Dashboard, view: RunView) -> dict[str, Any]:
    """Charts and the outlet table of a run (cached per run)."""

    def build() -> dict[str, Any]:
        store = dashboard.store()
        outlets = outlet_shares(view.summary, view.names)
        events = store.events()
        return {
            "charts": overview_charts(view.summary, view.names, view.rows, events, outlets),
            "outlet_table": outlet_table(outlets, view.rows),
            "total_articles": view.summary.total,
            "events": len(events),
        }

    return dashboard.cached(("overview", view.run_id), build)


@router.get("/", response_class=HTMLResponse, summary="Overview page")
def overview_page(request: Request, dashboard: DashboardDep, run: RunParam = None) -> str:
    """Narratives overall, by outlet and over time for one run."""
    view = dashboard.run(run)
    context = {"view": view, "runs": dashboard.runs(), **overview_data(dashboard, view)}
    return render(request, "overview.html.j2", context)
