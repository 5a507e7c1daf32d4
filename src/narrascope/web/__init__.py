"""The local, read-only web dashboard (needs the ``[web]`` extra: FastAPI and uvicorn).

Example:
    >>> from narrascope.web import create_app
    >>> app = create_app("narrascope.duckdb")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrascope.errors import MissingExtraError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]


def create_app(db_path: str | Path, *, codebook: Any = None, coding: bool = False) -> FastAPI:
    """The dashboard app over ``db_path`` (see :func:`narrascope.web.app.create_app`)."""
    try:
        from narrascope.web.app import create_app as _create
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise MissingExtraError(f"the dashboard dependency {exc.name}", "web") from None
    return _create(db_path, codebook=codebook, coding=coding)


def serve(
    db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000, coding: bool = False
) -> None:
    """Serve the dashboard with uvicorn until interrupted (binds 127.0.0.1 by default).

    ``coding`` opens the store for writing (adjudication page); no other process can open it
    meanwhile."""
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise MissingExtraError("uvicorn", "web") from None
    app = create_app(db_path, coding=coding)
    print(f"narrascope dashboard on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
