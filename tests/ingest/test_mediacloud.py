"""Media Cloud through its official client, pointed at a local server answering its documented
``search/story-list`` format: paging, the key, rate limits, refusals and malformed answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.ingest._sites import Reply, Site, article_page, running_site

from narrascope.config import load_config
from narrascope.errors import FetchError, UsageError
from narrascope.ingest._http import Fetcher, RateLimited
from narrascope.ingest.crawl import CrawlOptions, crawl
from narrascope.ingest.mediacloud import KEY_VARIABLE, list_stories
from narrascope.store import Store

pytestmark = pytest.mark.network
NOV_1, NOV_30 = date(2018, 11, 1), date(2018, 11, 30)


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv(KEY_VARIABLE, "test-key")
    with running_site() as running:
        running.serve("/api/search/api-params", _json({"params": {"query-rate": "600/m"}}))
        yield running


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return Reply(json.dumps(data).encode(), status, "application/json", headers or {})


def _story(site: Site, n: int) -> dict[str, Any]:
    return {
        "id": f"s{n}",
        "media_name": "ria.ru",
        "media_url": "ria.ru",
        "title": f"Taliban talks {n}",
        "publish_date": "2018-11-09",
        "url": f"{site.base}/story/{n}",
        "language": "ru",
        "indexed_date": "2018-11-10T01:02:03.000000",
    }


def _two_pages(site: Site) -> None:
    def answer(query: dict[str, list[str]]) -> Reply:
        if query.get("pagination_token") == ["next-1"]:
            return _json({"stories": [_story(site, 3)], "pagination_token": None})
        return _json({"stories": [_story(site, 1), _story(site, 2)], "pagination_token": "next-1"})

    site.serve("/api/search/story-list", answer)


def test_story_list_pages_through_the_official_client(site: Site) -> None:
    _two_pages(site)
    listing = list_stories(
        "Taliban AND Moscow", NOV_1, NOV_30, collections=[34412118], base_url=site.base + "/api/"
    )
    assert [p.title for p in listing.pages] == [
        "Taliban talks 1",
        "Taliban talks 2",
        "Taliban talks 3",
    ]
    assert listing.pages[0].outlet == "ria.ru"
    assert listing.pages[0].published_at == datetime(2018, 11, 9, tzinfo=UTC)
    first, second = site.queries("/api/search/story-list")
    assert first["q"] == ["Taliban AND Moscow"] and first["cs"] == ["34412118"]
    assert first["start"] == ["2018-11-01"] and first["end"] == ["2018-11-30"]
    assert second["pagination_token"] == ["next-1"]
    assert not listing.notes


def test_missing_key_is_a_usage_error(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_VARIABLE)
    with pytest.raises(UsageError, match="set the MC_API_KEY environment variable"):
        list_stories("Taliban", NOV_1, NOV_30, base_url=site.base + "/api/")


@pytest.mark.parametrize(
    ("reply", "error", "words"),
    [
        (
            _json({"note": "slow down"}, 429, {"Retry-After": "120"}),
            RateLimited,
            "asks to wait 120 s",
        ),
        (_json({"note": "bad token"}, 403), FetchError, "refused the API key (HTTP 403)"),
        (Reply(b"<html>oops</html>", 500), FetchError, "answered HTTP 500"),
        (Reply(b"{not json"), FetchError, "answered something other than JSON"),
        (_json({"unexpected": []}), FetchError, "story list lacks the field 'stories'"),
    ],
)
def test_api_failures_are_one_line_errors(
    site: Site, reply: Reply, error: type[Exception], words: str
) -> None:
    site.serve("/api/search/story-list", reply)
    with pytest.raises(error) as info:
        list_stories("Taliban", NOV_1, NOV_30, sources=[1], base_url=site.base + "/api/")
    message = info.value.one_line()  # type: ignore[attr-defined]
    assert words in message and "\n" not in message


def test_a_search_without_collections_says_so(site: Site) -> None:
    site.serve("/api/search/story-list", _json({"stories": [], "pagination_token": None}))
    listing = list_stories("Taliban", NOV_1, NOV_30, base_url=site.base + "/api/")
    assert "no --collection or --source given" in listing.notes[0]
    assert "lists no stories" in listing.notes[-1]


def test_crawl_fetches_and_stores_the_stories(site: Site, tmp_path: Path) -> None:
    _two_pages(site)
    for n in (1, 2, 3):
        body = f"Министр заявил, что переговоры с талибами в Москве продолжатся, раунд {n}."
        site.serve(f"/story/{n}", article_page(f"Переговоры {n}", body))
    config: dict[str, Any] = load_config()
    config.update({"fetch.rate_per_host": 0.0, "fetch.retries": 0})

    def lister(fetcher: Fetcher) -> Any:
        return list_stories("Taliban", NOV_1, NOV_30, sources=[1], base_url=site.base + "/api/")

    with Store(tmp_path / "s.duckdb") as store:
        summary = crawl(lister, store, options=CrawlOptions(config=config))
        frame = store.query("SELECT language, extractor, published_at FROM articles")
    assert summary.totals.stored == 3
    assert set(frame["language"]) == {"ru"}
    assert set(frame["extractor"]) == {"trafilatura+listed-date"}
