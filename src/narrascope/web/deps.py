"""What every dashboard page shares: the read-only store, per-run caches, templates, links.

The store file cannot change while the dashboard holds it open read-only (DuckDB allows no
writer then), so per-run results (labels, overview charts, facets) are computed once and cached.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import quote, urlencode

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from narrascope.report.markup import environment
from narrascope.report.model import (
    NarrativeRow,
    Narratives,
    RunInfo,
    Summary,
    narrative_rows,
    resolve_codebook,
    run_summary,
)
from narrascope.store import Store

__all__ = [
    "Blank",
    "Dashboard",
    "DashboardDep",
    "RunParam",
    "RunView",
    "render",
    "url",
]

T = TypeVar("T")


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


Blank = BeforeValidator(_blank_to_none)
"""An empty form field (``?outlet=``) means "no filter", not a bad value."""


@dataclass(frozen=True)
class RunView:
    """A run with its narrative labels and overall numbers."""

    info: RunInfo
    names: Narratives
    rows: list[NarrativeRow]
    summary: Summary

    @property
    def run_id(self) -> str:
        return self.info.run_id

    def row(self, narrative_id: str) -> NarrativeRow | None:
        """The overall numbers of one narrative, or None when the run has no such narrative."""
        return next((r for r in self.rows if r.id == narrative_id), None)


class Dashboard:
    """One store file served read-only: a connection per worker thread, caches, templates."""

    def __init__(self, path: Path, codebook: Any = None, *, writable: bool = False) -> None:
        self.path = path
        self.codebook = codebook
        self.writable = writable  # `serve --coding`: the adjudication form may write codes
        self.templates = environment("narrascope.web", "narrascope.report")
        self.templates.globals["url"] = url
        self._local = threading.local()
        self._stores: list[Store] = []
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    def store(self) -> Store:
        """This thread's read-only store (opened on first use)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, read_only=not self.writable)
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    def close(self) -> None:
        """Close every connection opened by the worker threads."""
        with self._lock:
            for store in self._stores:
                store.close()
            self._stores.clear()

    def cached(self, key: tuple[Any, ...], build: Callable[[], T]) -> T:
        """``build()`` once per key (the read-only store does not change under us)."""
        if key not in self._cache:
            value = build()
            with self._lock:
                self._cache.setdefault(key, value)
        return self._cache[key]

    def run(self, run_id: str | None) -> RunView:
        """The run (default: the newest finished one) with labels and overall numbers."""
        rid = run_id or self.cached(("latest",), lambda: self.store().run_id())
        return self.cached(("run", rid), lambda: self._load_run(rid))

    def _load_run(self, run_id: str) -> RunView:
        store = self.store()
        manifest = store.run(run_id)
        book, note = resolve_codebook(self.codebook, manifest)
        info = RunInfo(run_id, manifest, note)
        summary = run_summary(store, run_id)
        names = Narratives.build(book, summary.narratives)
        return RunView(info, names, narrative_rows(summary, names), summary)

    def runs(self) -> list[dict[str, Any]]:
        """Finished runs, newest first (for the run picker)."""

        def load() -> list[dict[str, Any]]:
            frame = self.store().runs()
            frame = frame[frame["status"] == "done"]
            return [
                {"run_id": str(r.run_id), "codebook_id": r.codebook_id, "started_at": r.started_at}
                for r in frame.itertuples(index=False)
            ]

        return self.cached(("runs",), load)


def get_dashboard(request: Request) -> Dashboard:
    """The app's :class:`Dashboard` (FastAPI dependency)."""
    return request.app.state.dashboard


DashboardDep = Annotated[Dashboard, Depends(get_dashboard)]
RunParam = Annotated[
    str | None,
    Query(max_length=128, description="Run id (default: the newest finished run)."),
]


def url(path: str, *segments: Any, **params: Any) -> str:
    """A local URL: ``path`` + quoted ``segments`` + query string of the non-empty ``params``.

    Example:
        >>> url("/articles", "a/b", run="r1", page=None)
        '/articles/a%2Fb?run=r1'
    """
    full = "/".join([path.rstrip("/"), *(quote(str(s), safe="") for s in segments)]) or "/"
    query = {k: v for k, v in params.items() if v is not None and v != ""}
    return f"{full}?{urlencode(query)}" if query else full


def render(request: Request, template: str, context: dict[str, Any]) -> str:
    """Render a page template with the shared context (runs for the picker, current path)."""
    dashboard: Dashboard = request.app.state.dashboard
    page = dashboard.templates.get_template(template)
    return page.render(request_path=request.url.path, **context)
