"""The read-only JSON API under ``/api`` (schema at ``/openapi.json``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from narrascope.web.article import ArticleId, article_data
from narrascope.web.deps import DashboardDep, RunParam, RunView
from narrascope.web.narrative import EvidenceDep, find_evidence
from narrascope.web.overview import overview_data

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])


class Run(BaseModel):
    """A finished analysis run."""

    run_id: str
    codebook_id: str | None = None
    codebook_hash: str | None = None
    detectors: list[str] = Field(default_factory=list)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    n_articles: int | None = None
    codebook_note: str = ""


class Narrative(BaseModel):
    """A narrative's overall numbers in a run (articles include sub-narratives' articles)."""

    id: str
    label: str
    description: str
    parent: str | None
    articles: int
    share: float = Field(description="Articles carrying it / all stored articles.")
    hits: int


class OutletShare(BaseModel):
    """Share of one outlet's articles that carry a top-level narrative."""

    outlet: str
    articles: int
    shares: dict[str, float]


class Overview(BaseModel):
    """A run's manifest, narratives and outlet shares."""

    run: Run
    total_articles: int
    narratives: list[Narrative]
    outlets: list[OutletShare]


class Evidence(BaseModel):
    """One evidence hit: the sentence, the matched span within it, and its article."""

    article_id: str
    title: str
    outlet: str
    language: str
    published_at: datetime | None
    narrative: str
    detector: str
    score: float
    sentence: str
    match: str = Field(description="The highlighted (matched) part of the sentence.")


class EvidencePage(BaseModel):
    """One page of evidence."""

    narrative: str
    total: int
    page: int
    size: int
    pages: int
    items: list[Evidence]


class Article(BaseModel):
    """An article with the run's hits, labels, quotes and mentions (offsets into ``text``)."""

    id: str
    url: str | None
    outlet: str | None
    language: str
    published_at: datetime | None
    title: str | None
    text: str
    hits: list[dict[str, Any]]
    labels: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    mentions: list[dict[str, Any]]


def _when(value: Any) -> datetime | None:
    """A timestamp, with missing ones (None, NaT of an undated article) as None."""
    return None if value is None or pd.isna(value) else value


def _run(view: RunView) -> Run:
    m = view.info.manifest
    return Run(
        run_id=view.run_id,
        codebook_id=m.get("codebook_id"),
        codebook_hash=m.get("codebook_hash"),
        detectors=view.info.detectors,
        started_at=m.get("started_at"),
        finished_at=m.get("finished_at"),
        n_articles=m.get("n_articles"),
        codebook_note=view.info.codebook_note,
    )


def _narratives(view: RunView) -> list[Narrative]:
    return [
        Narrative(
            id=r.id,
            label=r.label,
            description=r.description,
            parent=view.names.parents.get(r.id),
            articles=r.articles,
            share=r.share,
            hits=r.hits,
        )
        for r in view.rows
    ]


@router.get("/runs", response_model=list[Run], summary="Finished runs, newest first")
def api_runs(dashboard: DashboardDep) -> list[Run]:
    return [_run(dashboard.run(r["run_id"])) for r in dashboard.runs()]


@router.get("/overview", response_model=Overview, summary="A run's overview")
def api_overview(dashboard: DashboardDep, run: RunParam = None) -> Overview:
    view = dashboard.run(run)
    data = overview_data(dashboard, view)
    table = data["outlet_table"]
    top = [r.id for r in view.rows if r.depth == 0]
    outlets = [
        OutletShare(
            outlet=row["outlet"],
            articles=row["total"],
            shares={nid: share for nid, (share, _) in zip(top, row["cells"], strict=True)},
        )
        for row in table["rows"]
    ]
    return Overview(
        run=_run(view),
        total_articles=data["total_articles"],
        narratives=_narratives(view),
        outlets=outlets,
    )


@router.get("/narratives", response_model=list[Narrative], summary="Narratives of a run")
def api_narratives(dashboard: DashboardDep, run: RunParam = None) -> list[Narrative]:
    return _narratives(dashboard.run(run))


@router.get("/evidence", response_model=EvidencePage, summary="Evidence hits of a narrative")
def api_evidence(
    dashboard: DashboardDep,
    query: EvidenceDep,
    narrative: Annotated[str, Query(max_length=100, description="Narrative id.")],
    run: RunParam = None,
) -> EvidencePage:
    """Filtered, paginated evidence of a narrative and its sub-narratives (best first)."""
    view = dashboard.run(run)
    page = find_evidence(dashboard, view, narrative, query)
    items = [
        Evidence(
            article_id=i.article_id,
            title=i.title,
            outlet=i.outlet,
            language=i.language,
            published_at=_when(i.published_at),
            narrative=i.narrative,
            detector=i.detector,
            score=i.score,
            sentence=i.text,
            match="".join(s.text for s in i.segments if s.spans),
        )
        for i in page.items
    ]
    return EvidencePage(
        narrative=page.narrative,
        total=page.total,
        page=page.page,
        size=page.size,
        pages=page.pages,
        items=items,
    )


@router.get("/articles/{article_id}", response_model=Article, summary="One article")
def api_article(article_id: ArticleId, dashboard: DashboardDep, run: RunParam = None) -> Article:
    view = dashboard.run(run)
    data = article_data(dashboard, view, article_id)
    art = data["article"]
    return Article(
        id=art["id"],
        url=art["url"],
        outlet=art["outlet"],
        language=art["language"],
        published_at=art["published_at"],
        title=art["title"],
        text=art["text"],
        hits=data["hits"],
        labels=data["labels"],
        quotes=data["quotes"],
        mentions=data["mentions"],
    )
