"""The bundled sample corpus: synthetic EN/RU articles we wrote (see ``README.md`` here).

JSONL, an RSS feed and saved HTML pages from four fictional outlets, with sample events and
two-coder gold labels. ``make demo`` and the case study read them from here.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["sample_path", "sample_sources"]


def sample_path(*parts: str) -> Path:
    """Path of a file shipped in ``narrascope/sample``."""
    return Path(str(resources.files("narrascope.sample").joinpath(*parts)))


def sample_sources() -> list[Path]:
    """The sample corpus files, one per ingest path (JSONL, RSS, HTML pages)."""
    return [sample_path("articles.jsonl"), sample_path("feed.xml"), sample_path("pages")]
