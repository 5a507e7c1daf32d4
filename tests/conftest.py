"""Shared fixtures: small stores built from records we write here."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from narrascope.records import Article
from narrascope.store import Store
from narrascope.text import segment

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO_ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "data"


def make_article(
    text: str,
    *,
    outlet: str = "Test Wire",
    language: str = "en",
    published_at: datetime | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article with a deterministic id derived from its fields."""
    import hashlib

    key = f"{outlet}|{url}|{title}|{text}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    return Article(
        id=digest[:20],
        url=url,
        outlet=outlet,
        language=language,
        published_at=published_at or datetime(2018, 11, 9, 12, tzinfo=UTC),
        title=title,
        text=text,
        source_path="test",
        raw_sha256=digest,
        ingested_at=datetime.now(UTC),
        extractor="test",
        content_hash=digest,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in a temporary file."""
    with Store(tmp_path / "test.duckdb") as s:
        yield s


@pytest.fixture
def add_articles(store: Store) -> Callable[[list[Article]], None]:
    """Write articles (segmented) into the test store."""

    def add(articles: list[Article]) -> None:
        sentences = [s for a in articles for s in segment(a.id, a.text, a.language)]
        store.write_articles(articles, sentences)

    return add


@pytest.fixture
def builder() -> ModuleType:
    """The result-store builder (``tests/_result_store.py``): runs, hits, actors, polls."""
    from tests import _result_store

    return _result_store


@pytest.fixture
def built(tmp_path: Path, builder: ModuleType) -> Any:
    """A built result store (report, dashboard and query tests)."""
    return builder.build(tmp_path / "results.duckdb")
