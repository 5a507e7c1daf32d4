"""The adjudication page: items human coders coded differently, and the adjudicated code.

``GET /adjudication`` lists every disagreement (item, text, each coder's codes, the
adjudicated code when there is one). ``POST /adjudication`` stores the adjudicated code of
one item as the coder ``adjudicated`` (replacing an earlier one). Writing needs a dashboard
started with ``narrascope serve --coding`` (the store is then opened for writing, so no other
process can open it meanwhile); otherwise the page is read-only and a POST answers 403.
Cross-site posts are refused (``Sec-Fetch-Site`` must be same-origin; an ``Origin``, when
sent and not ``null``, must be this server).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from narrascope.records import Annotation
from narrascope.validation.agreement import ADJUDICATED, disagreements, load_codings
from narrascope.validation.annotations import NO_LABEL
from narrascope.web.deps import Dashboard, DashboardDep, RunParam, render, url

__all__ = ["router"]

router = APIRouter()
SOURCE = "adjudication"
MAX_BODY = 64_000


def _codebook(dashboard: Dashboard, run: str | None) -> Any:
    from narrascope.report.model import resolve_codebook

    view = dashboard.run(run)
    book, _ = resolve_codebook(dashboard.codebook, view.info.manifest)
    if book is None:
        raise HTTPException(404, "no codebook for this run: start the dashboard with --codebook")
    return book


@router.get("/adjudication", response_class=HTMLResponse, summary="Coder disagreements")
def adjudication_page(
    request: Request,
    dashboard: DashboardDep,
    run: RunParam = None,
    open_only: bool = False,
) -> str:
    """Every item two coders coded differently, with a form to record the adjudicated code."""
    view = dashboard.run(run)
    book = _codebook(dashboard, run)
    store = dashboard.store()
    codings = load_codings(store, book)
    items = disagreements(codings, include_settled=not open_only)
    texts = store.item_texts([(d.article_id, d.sentence_index) for d in items])
    context = {
        "view": view,
        "runs": dashboard.runs(),
        "items": [
            {
                "d": d,
                "text": texts.get((d.article_id, d.sentence_index), {}),
                "anchor": "item-" + _anchor(d.item_id),
            }
            for d in items
        ],
        "coders": codings.coders,
        "labels": {n.id: n.label for n in book.narratives},
        "writable": dashboard.writable,
        "open_only": open_only,
        "settled": sum(d.adjudicated is not None for d in items),
    }
    return render(request, "adjudication.html.j2", context)


def _same_origin(request: Request) -> None:
    """Refuse cross-site posts: by ``Sec-Fetch-Site`` where the browser sends it, else by
    ``Origin`` (``null`` under our ``Referrer-Policy: no-referrer`` is left to the former)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise HTTPException(403, "cross-site form posts are refused")
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-site form posts are refused")


@router.post("/adjudication", summary="Record an adjudicated code")
async def adjudicate(request: Request, dashboard: DashboardDep) -> RedirectResponse:
    """Store the adjudicated narratives of one item (none ticked: "no narrative").

    Form fields (URL-encoded): ``article_id``, ``sentence_index`` (blank for an article),
    ``narrative`` (repeated, the ticked ids), ``run``.
    """
    _same_origin(request)
    if not dashboard.writable:
        raise HTTPException(
            403, "the dashboard is read-only: start it with `narrascope serve --coding`"
        )
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, f"form larger than {MAX_BODY} bytes")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    target = await run_in_threadpool(_store_code, dashboard, fields)
    return RedirectResponse(target, status_code=303)


def _one(fields: dict[str, list[str]], name: str, limit: int = 200) -> str:
    value = (fields.get(name) or [""])[0].strip()
    if len(value) > limit:
        raise HTTPException(422, f"{name} is longer than {limit} characters")
    return value


def _store_code(dashboard: Dashboard, fields: dict[str, list[str]]) -> str:
    run, article_id = _one(fields, "run", 128) or None, _one(fields, "article_id")
    if not article_id:
        raise HTTPException(422, "article_id is missing")
    book = _codebook(dashboard, run)
    chosen = sorted(set(fields.get("narrative") or []))
    valid = [n.id for n in book.narratives]
    unknown = [n for n in chosen if n not in valid]
    if unknown:
        raise HTTPException(
            422, f"unknown narrative(s) {', '.join(unknown)} (valid: {', '.join(valid)})"
        )
    index = _index(_one(fields, "sentence_index", 12))
    store = dashboard.store()
    if not store.existing_article_ids([article_id]):
        raise HTTPException(404, f"unknown article {article_id!r}")
    start = end = None
    if index is not None:
        span = store.sentence_spans([(article_id, index)]).get((article_id, index))
        if span is None:
            raise HTTPException(404, f"article {article_id!r} has no sentence {index}")
        start, end = span
    rows = [
        Annotation(article_id, label, ADJUDICATED, index, start, end, SOURCE)
        for label in chosen or [NO_LABEL]
    ]
    store.replace_item_coding(ADJUDICATED, article_id, index, rows)
    item = article_id if index is None else f"{article_id}#{index}"
    return url("/adjudication", run=run) + f"#item-{_anchor(item)}"


def _index(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise HTTPException(422, f"sentence_index must be a number, not {value!r}")
    return int(value)


def _anchor(item: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in item)
