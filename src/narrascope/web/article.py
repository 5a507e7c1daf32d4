"""The article page: full text with evidence, quotes and actor mentions marked."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from narrascope.report.markup import Segment, Span, segments
from narrascope.report.model import Narratives, records
from narrascope.web.deps import Dashboard, DashboardDep, RunParam, RunView, render

router = APIRouter()

ArticleId = Annotated[str, PathParam(max_length=200, description="Article id.")]


def article_data(dashboard: Dashboard, view: RunView, article_id: str) -> dict[str, Any]:
    """An article with its hits, labels, quotes and mentions in the run; 404 if unknown."""
    store = dashboard.store()
    article = store.article_row(article_id)
    if article is None:
        raise HTTPException(404, f"unknown article {article_id!r}")
    hits = records(store.article_hits(view.run_id, article_id))
    for hit in hits:
        hit["label"] = view.names.label(hit["narrative"])
        hit["anchor"] = f"hit-{hit['char_start']}"
    labels = records(store.article_labels_of(view.run_id, article_id))
    for label in labels:
        label["label"] = view.names.label(label["narrative"])
    return {
        "article": article,
        "hits": hits,
        "labels": labels,
        "quotes": records(store.article_quotes(view.run_id, article_id)),
        "mentions": records(store.article_mentions(view.run_id, article_id)),
    }


def marked_text(data: dict[str, Any], names: Narratives) -> list[Segment]:
    """The article text split into segments marked as hit, quote and/or actor mention."""
    spans = [
        Span(h["char_start"], h["char_end"], "hit", _hit_title(h, names), h["anchor"])
        for h in data["hits"]
    ]
    spans += [
        Span(q["char_start"], q["char_end"], "quote", f"quote: {q['actor_id'] or q['speaker']}")
        for q in data["quotes"]
    ]
    spans += [
        Span(m["char_start"], m["char_end"], "actor", f"actor: {m['actor_id'] or m['text']}")
        for m in data["mentions"]
    ]
    return segments(data["article"]["text"], spans)


def _hit_title(hit: dict[str, Any], names: Narratives) -> str:
    return f"{names.label(hit['narrative'])} ({hit['detector']} {hit['score']:.2f})"


@router.get("/articles/{article_id}", response_class=HTMLResponse, summary="Article page")
def article_page(
    request: Request, article_id: ArticleId, dashboard: DashboardDep, run: RunParam = None
) -> str:
    """One article's full text with the run's evidence highlighted."""
    view = dashboard.run(run)
    data = article_data(dashboard, view, article_id)
    context = {
        "view": view,
        "runs": dashboard.runs(),
        "segments": marked_text(data, view.names),
        **data,
    }
    return render(request, "article.html.j2", context)
