"""The dashboard application: ``create_app(db_path)`` returns a FastAPI app.

The store is opened read-only (one DuckDB connection per worker thread); the one write
endpoint, the adjudication form, works only when created with ``coding=True`` (store opened
for writing). Pages and API answer GET only, send a strict Content-Security-Policy (scripts only
from this server: Plotly's bundle from the installed package and our small renderer), and turn
bad parameters into a 422 with a message, unknown ids into a 404, never a 500.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from narrascope.errors import NarrascopeError
from narrascope.version import narrascope_version
from narrascope.web import actors, api, article, evidence, narrative, overview, polls
from narrascope.web import coding as adjudication
from narrascope.web.deps import Dashboard, render

__all__ = ["SECURITY_HEADERS", "create_app"]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db_path: str | Path, *, codebook: Any = None, coding: bool = False) -> FastAPI:
    """The dashboard over one store file, opened read-only.

    Args:
        db_path: the DuckDB store.
        codebook: a codebook (or name/path) for labels; default: each run's own.
        coding: open the store for writing so the adjudication page can store codes.

    Raises:
        StoreError: the file does not exist or cannot be opened.

    Example:
        >>> app = create_app("narrascope.duckdb")  # then: uvicorn.run(app)
    """
    dashboard = Dashboard(Path(db_path), codebook, writable=coding)
    dashboard.store()  # fail now, with a clear message, if the store cannot be opened

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        dashboard.close()

    app = FastAPI(
        title="narrascope dashboard",
        summary="Read-only narratives, evidence and articles of a narrascope store.",
        version=narrascope_version(),
        docs_url=None,  # the Swagger/ReDoc pages load their JS from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.dashboard = dashboard
    _add_static(app)
    for module in (overview, narrative, article, actors, polls, api, evidence, adjudication):
        app.include_router(module.router)
    _add_handlers(app)
    app.middleware("http")(_security_headers)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _add_static(app: FastAPI) -> None:
    plotly_js = Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_bundle() -> FileResponse:
        return FileResponse(
            plotly_js,
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    base_css = Path(str(resources.files("narrascope.report").joinpath("templates", "report.css")))

    @app.get("/static/base.css", include_in_schema=False)
    def base_stylesheet() -> FileResponse:
        return FileResponse(base_css, media_type="text/css")

    report_files = resources.files("narrascope.report").joinpath("templates")
    downloads_js = Path(str(report_files.joinpath("downloads.js")))

    @app.get("/static/downloads.js", include_in_schema=False)
    def downloads_script() -> FileResponse:
        return FileResponse(downloads_js, media_type="text/javascript")

    static = Path(str(resources.files("narrascope.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, details: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": details if details is not None else message}, status)
    html = render(request, "error.html.j2", {"status": status, "message": message})
    return HTMLResponse(html, status)


def _add_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
            for e in exc.errors()
        ]
        text = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in errors)
        return _error(request, 422, f"bad parameter — {text}", errors)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(NarrascopeError)
    async def narrascope_error(request: Request, exc: NarrascopeError) -> Response:
        return _error(request, 404, exc.one_line())
