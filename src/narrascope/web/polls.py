"""The polls page: narrative prevalence next to the stored opinion-poll series."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from narrascope.report.linkage import linkage_charts
from narrascope.report.model import records
from narrascope.web.deps import Dashboard, DashboardDep, RunParam, RunView, render

router = APIRouter()


def polls_data(dashboard: Dashboard, view: RunView) -> dict[str, Any]:
    """Poll series and linkage charts of a run (cached)."""

    def build() -> dict[str, Any]:
        store = dashboard.store()
        charts, note = linkage_charts(store, view.run_id, view.names, view.summary)
        series = records(store.poll_series()) if store.has_rows("polls") else []
        return {"charts": charts, "note": note, "series": series}

    return dashboard.cached(("polls", view.run_id), build)


@router.get("/polls", response_class=HTMLResponse, summary="Polls page")
def polls_page(request: Request, dashboard: DashboardDep, run: RunParam = None) -> str:
    """Narratives against opinion polls (a note when no polls are stored)."""
    view = dashboard.run(run)
    context = {"view": view, "runs": dashboard.runs(), **polls_data(dashboard, view)}
    return render(request, "polls.html.j2", context)
