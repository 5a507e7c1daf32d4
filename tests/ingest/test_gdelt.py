"""GDELT DOC 2.0 against a local server answering in its artlist JSON: windows, the 250 cap,
query operators, malformed answers, rate limits, and pages fetched into the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.ingest._sites import Reply, Site, article_page, running_site

from narrascope.config import load_config
from narrascope.errors import InputError, UsageError
from narrascope.ingest._http import Fetcher, FetchSettings, RateLimited
from narrascope.ingest.crawl import CrawlOptions, crawl
from narrascope.ingest.gdelt import MAX_RECORDS, gdelt_query, list_articles
from narrascope.store import Store

pytestmark = pytest.mark.network
API = "/api/v2/doc/doc"


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def _article(site: Site, n: int, seen: str = "20181109T121500Z") -> dict[str, str]:
    return {
        "url": f"{site.base}/news/{n}",
        "url_mobile": "",
        "title": f"Taliban delegation in Moscow {n}",
        "seendate": seen,
        "socialimage": "",
        "domain": "tass.com",
        "language": "English",
        "sourcecountry": "Russia",
    }


def _answer(articles: list[dict[str, str]]) -> Reply:
    body = json.dumps({"articles": articles} if articles else {}).encode()
    return Reply(body, content_type="application/json")


def _fetcher() -> Fetcher:
    return Fetcher(FetchSettings(timeout=2.0, retries=0, rate_per_host=0.0, robots=False))


def _stamp(query: dict[str, list[str]], name: str) -> datetime:
    return datetime.strptime(query[name][0], "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def test_query_parameters_and_operators(site: Site) -> None:
    site.serve(API, lambda _q: _answer([_article(site, 1)]))
    query = gdelt_query('"Taliban Moscow"', sourcelang="russian", sourcecountry="RS")
    assert query == '"Taliban Moscow" sourcelang:russian sourcecountry:RS'
    with _fetcher() as fetcher:
        listing = list_articles(
            fetcher, query, date(2018, 11, 1), date(2018, 11, 30), base_url=site.base + API
        )
    (sent,) = site.queries(API)
    assert sent["query"] == [query] and sent["mode"] == ["artlist"]
    assert sent["format"] == ["json"] and sent["maxrecords"] == ["250"]
    assert sent["startdatetime"] == ["20181101000000"]
    assert sent["enddatetime"] == ["20181130235959"]
    (page,) = listing.pages
    assert page.title == "Taliban delegation in Moscow 1" and page.outlet == "tass.com"
    assert page.published_at == datetime(2018, 11, 9, 12, 15, tzinfo=UTC)


def test_ranges_over_three_months_are_split(site: Site) -> None:
    site.serve(API, lambda _q: _answer([]))
    with _fetcher() as fetcher:
        listing = list_articles(
            fetcher, "Taliban", date(2018, 1, 1), date(2018, 12, 31), base_url=site.base + API
        )
    windows = [(_stamp(q, "startdatetime"), _stamp(q, "enddatetime")) for q in site.queries(API)]
    assert len(windows) == 5  # 365 days in windows of at most 90
    assert all((end - start).days < 90 for start, end in windows)
    assert windows[0][0] == datetime(2018, 1, 1, tzinfo=UTC)
    assert windows[-1][1] == datetime(2018, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert "lists no articles" in listing.notes[-1]


def test_a_full_window_is_halved_until_it_fits(site: Site) -> None:
    def answer(query: dict[str, list[str]]) -> Reply:
        start, end = _stamp(query, "startdatetime"), _stamp(query, "enddatetime")
        if (end - start).days >= 2:  # pretend GDELT has too many for long windows
            return _answer([_article(site, n) for n in range(MAX_RECORDS)])
        return _answer([_article(site, start.day * 100 + n) for n in range(3)])

    site.serve(API, answer)
    with _fetcher() as fetcher:
        listing = list_articles(
            fetcher, "Taliban", date(2018, 11, 1), date(2018, 11, 4), base_url=site.base + API
        )
    assert len(listing.pages) == len({p.url for p in listing.pages}) >= 6
    assert not any("maximum" in note for note in listing.notes)


def test_a_window_still_full_at_one_hour_is_reported(site: Site) -> None:
    site.serve(API, lambda _q: _answer([_article(site, n) for n in range(MAX_RECORDS)]))
    with _fetcher() as fetcher:
        listing = list_articles(
            fetcher, "Taliban", date(2018, 11, 1), date(2018, 11, 1), base_url=site.base + API
        )
    assert any("returned its maximum of 250 articles" in note for note in listing.notes)
    assert len(listing.pages) == MAX_RECORDS  # the same 250 in every hour: listed once


@pytest.mark.parametrize(
    ("reply", "error", "words"),
    [
        (
            Reply(
                b"Your search contained a keyword that was too short.", content_type="text/plain"
            ),
            InputError,
            "it said: 'Your search contained a keyword that was too short.'",
        ),
        (Reply(b'{"articles": {"url": 1}}'), InputError, "no list of articles"),
        (
            Reply(
                b"Please limit requests to one every 5 seconds", 429, headers={"Retry-After": "900"}
            ),
            RateLimited,
            "rate limit or quota reached (HTTP 429)",
        ),
    ],
)
def test_bad_answers_are_one_line_errors(
    site: Site, reply: Reply, error: type[Exception], words: str
) -> None:
    site.serve(API, reply)
    with _fetcher() as fetcher, pytest.raises(error) as info:
        list_articles(
            fetcher, "x y", date(2018, 11, 1), date(2018, 11, 2), base_url=site.base + API
        )
    message = info.value.one_line()  # type: ignore[attr-defined]
    assert words in message and "\n" not in message


def test_empty_query_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="empty GDELT query"):
        gdelt_query("   ", sourcecountry="RS")


def test_crawl_fetches_pages_dated_by_page_else_by_seendate(site: Site, tmp_path: Path) -> None:
    site.serve(API, lambda _q: _answer([_article(site, 1), _article(site, 2), _article(site, 3)]))
    body = "Moscow hosted the Taliban and the Afghan High Peace Council for talks."
    site.serve("/news/1", article_page("Talks open", body, date="2018-11-09"))
    site.serve("/news/2", article_page("Talks close", body + " The talks closed."))
    site.serve("/news/3", Reply(b"gone", 404))
    config: dict[str, Any] = load_config()
    config.update({"fetch.rate_per_host": 0.0, "fetch.retries": 0})

    def lister(fetcher: Fetcher) -> Any:
        return list_articles(
            fetcher, "Taliban", date(2018, 11, 1), date(2018, 11, 30), base_url=site.base + API
        )

    with Store(tmp_path / "s.duckdb") as store:
        summary = crawl(lister, store, options=CrawlOptions(config=config))
        frame = store.query("SELECT url, title, extractor, published_at FROM articles ORDER BY url")
    assert summary.totals.stored == 2 and summary.totals.rejected == 1
    assert list(frame["extractor"]) == ["trafilatura", "trafilatura+listed-date"]
    assert str(frame["published_at"][1]).startswith("2018-11-09 12:15")
    assert "HTTP 404" in summary.sources[0].examples[0]
