"""Ingest: files, folders, saved pages and feeds into the store, as articles and sentences.

:mod:`.runner` dispatches each source to a reader and writes through the store; the readers
(:mod:`.files`, :mod:`.html`, :mod:`.feeds`, :mod:`.parquet`) are pure: they yield drafts and
never touch the store or the screen. :mod:`.dedup` finds exact and near duplicates.
:mod:`.crawl` fetches, politely and resumably, the pages that the crawl sources
(:mod:`.wayback`, :mod:`.gdelt`, :mod:`.mediacloud`, :mod:`.sitemap`) list.
"""

import sys
from types import ModuleType
from typing import Any

from narrascope.ingest.runner import (
    READERS,
    IngestOptions,
    IngestSummary,
    SourceProgress,
    SourceSummary,
    exit_code,
    expand_sources,
    ingest,
    reader_for,
)

__all__ = [
    "READERS",
    "IngestOptions",
    "IngestSummary",
    "SourceProgress",
    "SourceSummary",
    "exit_code",
    "expand_sources",
    "ingest",
    "reader_for",
]


class _CallablePackage(ModuleType):
    """``narrascope.ingest`` is both this package and, called, :func:`ingest`: so
    ``from narrascope import ingest; ingest([...], store)`` works whichever of the two Python
    binds to the name (the subpackage, once anything imported it, shadows the function)."""

    def __call__(self, *args: Any, **kwargs: Any) -> IngestSummary:
        return ingest(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
