"""Sitemaps from a local server: an index, a gzipped sitemap, a news sitemap, date filtering,
unreadable parts, and the pages fetched into the store."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.ingest._sites import Reply, Site, article_page, running_site

from narrascope.config import load_config
from narrascope.errors import InputError, UsageError
from narrascope.ingest._http import Fetcher, FetchSettings
from narrascope.ingest.crawl import CrawlOptions, crawl
from narrascope.ingest.sitemap import list_pages
from narrascope.store import Store

pytestmark = pytest.mark.network
NOV_1, NOV_30 = date(2018, 11, 1), date(2018, 11, 30)
XML = "application/xml"


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def _urlset(entries: list[tuple[str, str]]) -> bytes:
    rows = "".join(f"<url><loc>{loc}</loc><lastmod>{day}</lastmod></url>" for loc, day in entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
    ).encode()


def _news(site: Site, entries: list[tuple[str, str, str]]) -> bytes:
    rows = "".join(
        f"<url><loc>{site.base}{path}</loc><news:news><news:publication>"
        "<news:name>Test Agency</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{day}</news:publication_date><news:title>{title}</news:title>"
        "</news:news></url>"
        for path, day, title in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}</urlset>'
    ).encode()


def _index(site: Site, paths: list[str]) -> bytes:
    rows = "".join(f"<sitemap><loc>{site.base}{path}</loc></sitemap>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'
    ).encode()


def _site_maps(site: Site) -> str:
    """An index naming a gzipped sitemap, a news sitemap and a broken one."""
    pages = [
        (f"{site.base}/2018/10/old", "2018-10-20"),
        (f"{site.base}/2018/11/a", "2018-11-08T10:00:00+03:00"),
        (f"{site.base}/2018/11/b", "2018-11-30T23:00:00+00:00"),
        (f"{site.base}/2018/12/new", "2018-12-01"),
    ]
    site.serve(
        "/sitemap-pages.xml.gz",
        Reply(gzip.compress(_urlset(pages)), content_type="application/gzip"),
    )
    news = _news(site, [("/2018/11/n", "2018-11-09T12:00:00Z", "Moscow format talks")])
    site.serve("/sitemap-news.xml", Reply(news, content_type=XML))
    site.serve("/sitemap-broken.xml", Reply(b"oops", 500))
    paths = ["/sitemap-pages.xml.gz", "/sitemap-news.xml", "/sitemap-broken.xml"]
    return site.serve("/sitemap.xml", Reply(_index(site, paths), content_type=XML))


def _fetcher() -> Fetcher:
    return Fetcher(FetchSettings(timeout=2.0, retries=0, rate_per_host=0.0, robots=False))


def test_index_gzip_and_news_sitemaps_filtered_by_date(site: Site) -> None:
    root = _site_maps(site)
    with _fetcher() as fetcher:
        listing = list_pages(fetcher, root, NOV_1, NOV_30)
    urls = sorted(p.url.removeprefix(site.base) for p in listing.pages)
    assert urls == ["/2018/11/a", "/2018/11/b", "/2018/11/n"]
    news = next(p for p in listing.pages if p.url.endswith("/n"))
    assert news.title == "Moscow format talks" and news.outlet == "Test Agency"
    notes = " ".join(listing.notes)
    assert "3 of 5 pages dated in the range (2 outside, 0 with no date: left out)" in notes
    assert "skipped an unreadable sitemap" in notes and "HTTP 500" in notes


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (Reply(b"<html><body>Just a page</body></html>"), "not a readable sitemap"),
        (
            Reply(b"<?xml version='1.0'?><urlset><url><loc>", content_type=XML),
            "not a readable sitemap",
        ),
        (Reply(b"gone", 404), "not a readable sitemap"),
    ],
)
def test_a_url_without_a_sitemap_is_a_clear_error(site: Site, reply: Reply, words: str) -> None:
    url = site.serve("/sitemap.xml", reply)
    with _fetcher() as fetcher, pytest.raises(InputError) as info:
        list_pages(fetcher, url, NOV_1, NOV_30)
    message = info.value.one_line()
    assert words in message and url in message and "\n" not in message


def test_an_xml_bomb_is_refused(site: Site) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://x/&lol2;</loc></url></urlset>"
    )
    url = site.serve("/sitemap.xml", Reply(bomb, content_type=XML))
    with _fetcher() as fetcher, pytest.raises(InputError, match="not a readable sitemap"):
        list_pages(fetcher, url, NOV_1, NOV_30)


def test_not_a_url_is_a_usage_error() -> None:
    with _fetcher() as fetcher, pytest.raises(UsageError, match="not an http"):
        list_pages(fetcher, "tass.com/sitemap.xml", NOV_1, NOV_30)


def test_crawl_stores_the_pages_in_range(site: Site, tmp_path: Path) -> None:
    root = _site_maps(site)
    text = "The foreign ministry said the Moscow format meeting would include the Taliban."
    site.serve("/2018/11/a", article_page("Meeting set", text))
    site.serve("/2018/11/b", article_page("Meeting held", text + " It was held."))
    site.serve("/2018/11/n", article_page("Moscow format talks", text + " Talks went on."))
    config: dict[str, Any] = load_config()
    config.update({"fetch.rate_per_host": 0.0, "fetch.retries": 0})
    with Store(tmp_path / "s.duckdb") as store:
        summary = crawl(
            lambda fetcher: list_pages(fetcher, root, NOV_1, NOV_30),
            store,
            options=CrawlOptions(config=config),
        )
        frame = store.query("SELECT url, published_at FROM articles ORDER BY url")
    assert summary.totals.stored == 3
    assert [str(d)[:10] for d in frame["published_at"]] == [
        "2018-11-08",
        "2018-11-30",
        "2018-11-09",
    ]
    assert "/2018/10/old" not in site.paths() and "/2018/12/new" not in site.paths()


def test_a_truncated_sitemap_keeps_what_was_read_and_says_so(site: Site) -> None:
    whole = _urlset(
        [(f"{site.base}/2018/11/a", "2018-11-08"), (f"{site.base}/2018/11/b", "2018-11-09")]
    )
    url = site.serve("/sitemap.xml", Reply(whole[: whole.index(b"/2018/11/b")], content_type=XML))
    with _fetcher() as fetcher:
        listing = list_pages(fetcher, url, NOV_1, NOV_30)
    assert [p.url for p in listing.pages] == [f"{site.base}/2018/11/a"]
    assert any("pages before the error kept" in note for note in listing.notes)
