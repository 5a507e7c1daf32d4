"""Evidence you can check and take away: the sentences behind every chart, and CSV downloads.

- ``/evidence``: every hit (any narrative unless one is given) filtered by narrative, outlet,
  language, detector, stance (asserted, attributed, rejected, undecided) and days,
  paginated, with a link to all of its rows as CSV;
- ``/evidence/point``: a clicked chart point (its trace name and x/y values) read as filters
  (a narrative label or id, an outlet, a day: the week starting on it) and sent to
  ``/evidence``; the page's own narrative applies when the point names none;
- ``/download/hits.csv``: every row of such a listing, streamed in batches (no cap);
- ``/download/chart.csv``: the rows behind a chart of the overview or a narrative page
  (articles, total and share per period or outlet), whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, StreamingResponse

from narrascope.errors import UsageError
from narrascope.report.model import outlet_shares, period_shares
from narrascope.store import check_stances, neutralize_csv
from narrascope.web.deps import Blank, Dashboard, DashboardDep, RunParam, RunView, render, url

__all__ = ["WEEK_DAYS", "router"]

router = APIRouter()

WEEK_DAYS = 7  # a date on a chart is the first day of its (weekly) period
BATCH_ROWS = 50_000
Text = Annotated[str | None, Blank, Query(max_length=300)]
Day = Annotated[date | None, Blank, Query(description="YYYY-MM-DD")]


@dataclass(frozen=True)
class HitFilters:
    """The query filters of a hits listing, as the request gave them."""

    narrative: str | None
    outlet: str | None
    language: str | None
    detector: str | None
    date_from: date | None
    date_to: date | None
    stance: str | None


def hit_filters(
    narrative: Text = None,
    outlet: Text = None,
    language: Text = None,
    detector: Text = None,
    date_from: Day = None,
    date_to: Day = None,
    stance: Text = None,
) -> HitFilters:
    """FastAPI dependency: the listing filters of ``/evidence`` and ``/download/hits.csv``."""
    return HitFilters(narrative, outlet, language, detector, date_from, date_to, stance)


HitFiltersDep = Annotated[HitFilters, Depends(hit_filters)]


def _filters(dashboard: Dashboard, view: RunView, given: HitFilters) -> dict[str, Any]:
    narrative, date_from, date_to = given.narrative, given.date_from, given.date_to
    if narrative and narrative not in view.names:
        known = ", ".join(view.names.order) or "none"
        raise HTTPException(404, f"unknown narrative {narrative!r} (known: {known})")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to})")
    store = dashboard.store()
    try:
        return {
            "narratives": view.names.family(narrative) if narrative else None,
            "outlet": store.check_value("outlet", given.outlet),
            "language": store.check_value("language", given.language),
            "detector": store.check_value("detector", given.detector, view.run_id),
            "date_from": date_from,
            "date_to": date_to,
            "stances": check_stances([given.stance]) if given.stance else None,
        }
    except UsageError as exc:
        raise HTTPException(400, exc.one_line()) from None


@router.get("/evidence", response_class=HTMLResponse, summary="Evidence listing")
def evidence_page(
    request: Request,
    dashboard: DashboardDep,
    given: HitFiltersDep,
    run: RunParam = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> str:
    """The sentences behind a chart: hits filtered by narrative, outlet, language and days."""
    view = dashboard.run(run)
    filters = _filters(dashboard, view, given)
    store = dashboard.store()
    total = store.hits_listing_total(view.run_id, **filters)
    frame = store.hits_listing_page(view.run_id, limit=size, offset=(page - 1) * size, **filters)
    params = {k: _param(v) for k, v in filters.items() if k not in ("stances", "narratives")}
    params["narrative"] = given.narrative or None
    params["stance"] = ",".join(filters["stances"] or []) or None
    pages = max(1, -(-total // size))
    links = {
        "csv": url("/download/hits.csv", run=view.run_id, **params),
        "prev": url("/evidence", run=view.run_id, page=page - 1, size=size, **params)
        if page > 1
        else "",
        "next": url("/evidence", run=view.run_id, page=page + 1, size=size, **params)
        if page < pages
        else "",
    }
    context = {
        "view": view,
        "runs": dashboard.runs(),
        "filters": params,
        "total": total,
        "page": page,
        "pages": pages,
        "size": size,
        "rows": _rows(frame, view),
        "links": links,
    }
    return render(request, "evidence.html.j2", context)


def _param(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _rows(frame: pd.DataFrame, view: RunView) -> list[dict[str, Any]]:
    out = []
    records: list[dict[Any, Any]] = frame.to_dict(orient="records")
    for r in records:
        sentence, a, b = str(r["sentence"] or ""), int(r["cue_start"]), int(r["cue_end"])
        out.append(
            {
                "narrative": r["narrative"],
                "label": view.names.label(str(r["narrative"])),
                "outlet": r["outlet"],
                "published_at": r["published_at"],
                "language": r["language"],
                "detector": r["detector"],
                "stance": r["stance"],
                "score": r["score"],
                "article_id": r["article_id"],
                "anchor": f"hit-{int(r['hit_start'])}",
                "before": sentence[: max(a, 0)],
                "cue": sentence[max(a, 0) : max(b, 0)],
                "after": sentence[max(b, 0) :],
            }
        )
    return out


@router.get("/evidence/point", summary="Evidence behind a chart point")
def evidence_point(
    dashboard: DashboardDep,
    run: RunParam = None,
    page: Annotated[str, Query(max_length=400)] = "/",
    trace: Text = None,
    x: Text = None,
    y: Text = None,
) -> RedirectResponse:
    """Read a clicked point's trace name and values as filters; redirect to ``/evidence``."""
    view = dashboard.run(run)
    found = point_filters(dashboard, view, page, [trace, x, y])
    return RedirectResponse(url("/evidence", run=view.run_id, **found), status_code=303)


def point_filters(
    dashboard: Dashboard, view: RunView, page: str, values: list[str | None]
) -> dict[str, str]:
    """Filters named by a chart point's values: a narrative, an outlet, a week."""
    by_label = {label: nid for nid, label in view.names.labels.items()}
    found: dict[str, str] = {}
    if page.startswith("/narratives/"):
        nid = page.removeprefix("/narratives/").split("?")[0]
        if nid in view.names:
            found["narrative"] = nid
    store = dashboard.store()
    for value in (v.strip() for v in values if v and v.strip()):
        if value in view.names or value in by_label:
            found["narrative"] = value if value in view.names else by_label[value]
            continue
        day = _day(value)
        if day is not None:
            found["date_from"] = day.isoformat()
            found["date_to"] = (day + timedelta(days=WEEK_DAYS - 1)).isoformat()
            continue
        try:
            outlet = store.check_value("outlet", value)
        except UsageError:
            continue
        if outlet is not None:
            found["outlet"] = outlet
    return found


def _day(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")[:19]).date()
    except ValueError:
        return None


def _csv_stream(batches: Iterator[pd.DataFrame]) -> Iterator[bytes]:
    first = True
    for frame in batches:
        yield neutralize_csv(frame).to_csv(index=False, header=first).encode("utf-8")
        first = False
    if first:  # no rows: the header alone
        yield b""


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/download/hits.csv", summary="Every hit of a listing as CSV")
def download_hits(
    dashboard: DashboardDep,
    given: HitFiltersDep,
    run: RunParam = None,
) -> StreamingResponse:
    """Every row (no cap) of the ``/evidence`` listing with these filters, streamed."""
    view = dashboard.run(run)
    filters = _filters(dashboard, view, given)
    batches = dashboard.store().hits_listing_batches(view.run_id, batch_size=BATCH_ROWS, **filters)
    name = f"hits-{view.run_id}{'-' + given.narrative if given.narrative else ''}.csv"
    return StreamingResponse(
        _csv_stream(_with_header(batches)), media_type="text/csv", headers=_attachment(name)
    )


def _with_header(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The batches; an empty listing still yields its (empty) first batch for the header."""
    yielded = False
    for batch in batches:
        yielded = True
        yield batch
    if not yielded:
        yield pd.DataFrame(columns=_HIT_COLUMNS)


_HIT_COLUMNS = [
    "narrative", "outlet", "published_at", "language", "title", "url", "article_id",
    "sentence_index", "detector", "score", "evidence", "stance", "speaker", "actor_id",
    "sentence", "cue_start", "cue_end", "hit_start",
]  # fmt: skip


@router.get("/download/chart.csv", summary="The rows behind a dashboard chart as CSV")
def download_chart(
    dashboard: DashboardDep,
    chart: Annotated[str, Query(max_length=100)],
    page: Annotated[str, Query(max_length=400)] = "/",
    run: RunParam = None,
) -> StreamingResponse:
    """Articles, total and share per period or outlet behind an overview or narrative chart."""
    view = dashboard.run(run)
    frame = chart_rows(view, page, chart)
    if frame is None:
        raise HTTPException(404, f"no rows are kept for chart {chart!r} on {page!r}")
    name = f"{chart}-{view.run_id}.csv"
    body = neutralize_csv(frame).to_csv(index=False).encode("utf-8")
    return StreamingResponse(iter([body]), media_type="text/csv", headers=_attachment(name))


def chart_rows(view: RunView, page: str, chart: str) -> pd.DataFrame | None:
    """The frame a chart of ``page`` is drawn from, or None for a chart without one."""
    names, summary = view.names, view.summary
    if page == "/":
        if chart == "chart-overall":
            return pd.DataFrame([r.__dict__ for r in view.rows])
        if chart == "chart-outlets":
            return _labelled(outlet_shares(summary, names), view)
        if chart == "chart-timeline":
            top = [r.id for r in view.rows if r.depth == 0]
            return _labelled(period_shares(summary, names, only=top), view)
        return None
    if page.startswith("/narratives/"):
        nid = page.removeprefix("/narratives/")
        if nid not in names:
            return None
        if chart == "chart-timeline":
            return _labelled(period_shares(summary, names, only=names.family(nid)), view)
        if chart == "chart-outlets":
            outlets = outlet_shares(summary, names)
            return _labelled(outlets[outlets["narrative"] == nid], view)
    return None


def _labelled(frame: pd.DataFrame, view: RunView) -> pd.DataFrame:
    out = frame.drop(columns=[c for c in frame.columns if c.startswith("_")])
    if "narrative" in out.columns and "label" not in out.columns:
        where = list(out.columns).index("narrative") + 1
        out.insert(where, "label", [view.names.label(n) for n in out["narrative"]])
    return out.reset_index(drop=True)
