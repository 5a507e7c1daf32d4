"""The actors page: who is mentioned, who is quoted, and which narratives they voice."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from narrascope.report import actor_sections
from narrascope.web.deps import Dashboard, DashboardDep, RunParam, RunView, render

router = APIRouter()


def actors_data(dashboard: Dashboard, view: RunView) -> dict[str, Any]:
    """Actor table, voiced-narrative chart and top quotes of a run (cached)."""
    return dashboard.cached(
        ("actors", view.run_id),
        lambda: actor_sections(dashboard.store(), view.run_id, view.names),
    )


@router.get("/actors", response_class=HTMLResponse, summary="Actors page")
def actors_page(request: Request, dashboard: DashboardDep, run: RunParam = None) -> str:
    """Actors and quotes found in the run (empty when the run extracted none)."""
    view = dashboard.run(run)
    context = {"view": view, "runs": dashboard.runs(), **actors_data(dashboard, view)}
    return render(request, "actors.html.j2", context)
