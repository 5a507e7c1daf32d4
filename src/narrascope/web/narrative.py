"""The narrative page: its timeline, its outlets, and a filtered, paginated evidence list."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from narrascope.errors import UsageError
from narrascope.report.charts import UNCERTAINTY_NOTE, bar_chart, timeline
from narrascope.report.compare import narrative_comparisons
from narrascope.report.linkage import Chart
from narrascope.report.model import (
    EvidenceItem,
    GroupCounts,
    evidence_items,
    outlet_shares,
    period_shares,
    with_interval,
)
from narrascope.store.queries import EvidenceFilter
from narrascope.trends.stats import MIN_N
from narrascope.web.deps import Blank, Dashboard, DashboardDep, RunParam, RunView, render, url

router = APIRouter()

MAX_PAGE_SIZE = 200
Order = Literal["score", "newest", "oldest"]
NarrativeId = Annotated[str, PathParam(max_length=100, description="Narrative id.")]


@dataclass(frozen=True)
class EvidenceQuery:
    """Filters and paging of an evidence list (validated query parameters)."""

    outlet: str | None = None
    language: str | None = None
    detector: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    size: int = 25
    order: Order = "score"

    def params(self, **changes: Any) -> dict[str, Any]:
        """The query as URL parameters (for links to other pages of the same list)."""
        values = {**asdict(self), **changes}
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def evidence_query(
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    language: Annotated[str | None, Query(max_length=64)] = None,
    detector: Annotated[str | None, Query(max_length=64)] = None,
    date_from: Annotated[date | None, Blank, Query(description="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[date | None, Blank, Query(description="Last day, YYYY-MM-DD.")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Hits per page.")] = 25,
    order: Annotated[Order, Query()] = "score",
) -> EvidenceQuery:
    """Validate the evidence filters (FastAPI dependency)."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to})")
    # an empty form field: no filter
    outlet, language, detector = (v or None for v in (outlet, language, detector))
    return EvidenceQuery(outlet, language, detector, date_from, date_to, page, size, order)


@dataclass
class EvidencePage:
    """One page of evidence for a narrative."""

    narrative: str
    total: int
    page: int
    size: int
    items: list[EvidenceItem] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def require_narrative(view: RunView, narrative_id: str) -> None:
    """404 unless the run's codebook or results know the narrative."""
    if narrative_id not in view.names:
        known = ", ".join(view.names.order) or "none"
        raise HTTPException(404, f"unknown narrative {narrative_id!r} (known: {known})")


def find_evidence(
    dashboard: Dashboard, view: RunView, narrative_id: str, query: EvidenceQuery
) -> EvidencePage:
    """The page of evidence hits (the narrative's own and its sub-narratives') for ``query``."""
    require_narrative(view, narrative_id)
    store = dashboard.store()
    try:  # an unknown filter value: a 400 naming the valid ones, not an empty page
        outlet = store.check_value("outlet", query.outlet)
        language = store.check_value("language", query.language)
        detector = store.check_value("detector", query.detector, view.run_id)
    except UsageError as exc:
        raise HTTPException(400, exc.one_line()) from None
    where = EvidenceFilter(
        tuple(view.names.family(narrative_id)),
        outlet,
        language,
        detector,
        query.date_from,
        query.date_to,
    )
    total = store.evidence_count(view.run_id, where)
    offset = (query.page - 1) * query.size
    frame = store.evidence(view.run_id, where, limit=query.size, offset=offset, order=query.order)
    items = evidence_items(frame, view.names)
    return EvidencePage(narrative_id, total, query.page, query.size, items)


def _narrative_charts(dashboard: Dashboard, view: RunView, narrative_id: str) -> dict[str, Any]:
    def build() -> dict[str, Any]:
        store, names = dashboard.store(), view.names
        family = names.family(narrative_id)
        weekly = period_shares(view.summary, names, only=family)
        outlets = outlet_shares(view.summary, names)
        mine = outlets[outlets["narrative"] == narrative_id].sort_values("share", ascending=False)
        mine = with_interval(mine)
        label = names.label(narrative_id)
        bars = bar_chart(
            list(mine["outlet"]),
            list(100 * mine["share"]),
            title=f"Share of each outlet's articles carrying: {label} (Wilson 95% CI)",
            value_title="share of the outlet's articles",
            hover=[
                f"{int(a)} of {int(t)} articles, 95% CI {100 * lo:.1f}–{100 * hi:.1f}%"
                for a, t, lo, hi in zip(
                    mine["articles"], mine["total"], mine["low"], mine["high"], strict=True
                )
            ],
            percent=True,
            interval=(list(100 * mine["low"]), list(100 * mine["high"])),
        )
        lines = timeline(
            weekly,
            series="narrative",
            labels=names.labels,
            events=store.events(),
            title=f"Weekly share of articles: {label} and its sub-narratives",
        )
        note = UNCERTAINTY_NOTE.format(min_n=MIN_N)
        totals = dashboard.cached(  # articles per month and outlet/language: once per run
            ("group-totals",), lambda: store.period_group_totals("month")
        )
        labelled = store.period_group_labelled(view.run_id, "month", [narrative_id])
        counts = GroupCounts(totals, labelled)
        compare = narrative_comparisons(counts, narrative_id, label, "chart-by")
        return {
            "timeline": Chart("chart-timeline", "Timeline", lines, note),
            "outlets": Chart("chart-outlets", "Outlets", bars),
            "comparisons": compare,
            "facets": store.evidence_facets(view.run_id, family),
        }

    return dashboard.cached(("narrative", view.run_id, narrative_id), build)


EvidenceDep = Annotated[EvidenceQuery, Depends(evidence_query)]


@router.get("/narratives/{narrative_id}", response_class=HTMLResponse, summary="Narrative page")
def narrative_page(
    request: Request,
    narrative_id: NarrativeId,
    dashboard: DashboardDep,
    query: EvidenceDep,
    run: RunParam = None,
) -> str:
    """Timeline, outlets and the filtered evidence list of one narrative."""
    view = dashboard.run(run)
    evidence = find_evidence(dashboard, view, narrative_id, query)
    names = view.names
    context = {
        "view": view,
        "runs": dashboard.runs(),
        "narrative_id": narrative_id,
        "row": view.row(narrative_id),
        "parent": names.parents.get(narrative_id),
        "children": [n for n in names.family(narrative_id) if names.parents.get(n) == narrative_id],
        "evidence": evidence,
        "query": query,
        "links": _page_links(view, evidence, query),
        **_narrative_charts(dashboard, view, narrative_id),
    }
    return render(request, "narrative.html.j2", context)


def _page_links(view: RunView, evidence: EvidencePage, query: EvidenceQuery) -> dict[str, str]:
    base = f"/narratives/{evidence.narrative}"
    links = {}
    if evidence.page > 1:
        links["prev"] = url(base, run=view.run_id, **query.params(page=evidence.page - 1))
    if evidence.page < evidence.pages:
        links["next"] = url(base, run=view.run_id, **query.params(page=evidence.page + 1))
    return links
