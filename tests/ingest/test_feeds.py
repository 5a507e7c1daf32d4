"""RSS/Atom feeds from files and from a local HTTP server, with and without page fetching."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from narrascope.errors import FetchError, InputError
from narrascope.ingest._article import Draft
from narrascope.ingest._http import FetchSettings, fetch
from narrascope.ingest.feeds import read_feed
from narrascope.ingest.files import ReadOptions
from narrascope.records import Rejected

RSS = "application/rss+xml"
FAST = FetchSettings(timeout=0.5, retries=0, concurrency=2, user_agent="narrascope-test/1")


def _split(items: list[Draft | Rejected]) -> tuple[list[Draft], list[Rejected]]:
    drafts = [i for i in items if isinstance(i, Draft)]
    return drafts, [i for i in items if isinstance(i, Rejected)]


def _feed(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        f"<pubDate>Wed, 28 Nov 2018 18:00:00 GMT</pubDate>"
        f"<description>Feed text of {title}.</description></item>"
        for path, title in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>'
        f"{entries}</channel></rss>"
    ).encode()


def _page(title: str) -> bytes:
    body = " ".join(
        f"Paragraph {i} of the full article about {title}: the ministers met in Geneva and "
        "agreed to continue the talks on trade, energy and security next month."
        for i in range(4)
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p></article></body></html>"
    ).encode()


# -- files --------------------------------------------------------------------------------------
def test_rss_file_items(ingest_data: Path) -> None:
    path = ingest_data / "feed.xml"
    drafts, rejected = _split(list(read_feed(path)))
    assert [d.title for d in drafts] == ["Summit in Vienna ends", "Grain corridor extended"]
    first = drafts[0]
    assert first.text == (
        "The summit in Vienna ended without a joint statement on Wednesday.\n\n"
        "Diplomats said the talks had been difficult & long."
    )
    assert first.published_at == datetime(2018, 11, 28, 17, tzinfo=UTC)
    assert first.outlet is None and first.site_name == "Evening Herald"  # not the channel title
    assert first.url == "https://herald.example.org/news/1"
    assert (first.line, first.extractor) == (1, "feed")
    assert drafts[1].text == "The grain corridor was extended for another 120 days, officials said."
    assert [r.line for r in rejected] == [3]
    assert rejected[0].reason == f"{path}:3: unparseable date 'someday' in item 3"


def test_atom_file(ingest_data: Path) -> None:
    (draft,) = list(read_feed(ingest_data / "atom.atom"))
    assert isinstance(draft, Draft)
    assert draft.outlet is None and draft.site_name == "Вестник"
    assert draft.text.startswith("Переговоры в Пекине завершились")
    assert draft.published_at == datetime(2018, 11, 30, 9, tzinfo=UTC)


def test_feed_that_is_not_xml_is_a_clear_error(ingest_data: Path) -> None:
    path = ingest_data / "not_a_feed.xml"
    with pytest.raises(InputError) as info:
        list(read_feed(path))
    message = info.value.one_line()
    assert message.startswith(f"{path}: not an RSS/Atom feed (")
    assert "\n" not in message


# -- HTTP ---------------------------------------------------------------------------------------
@pytest.mark.network
def test_feed_from_url(http_server: Any) -> None:
    http_server.add("/feed.xml", _feed(http_server.base, [("/a", "Alpha")]), content_type=RSS)
    options = ReadOptions(fetch=FAST)
    (draft,) = list(read_feed(http_server.url("/feed.xml"), options))
    assert isinstance(draft, Draft)
    assert draft.text == "Feed text of Alpha."
    assert draft.source_path == http_server.url("/feed.xml")
    assert http_server.hits == [("/feed.xml", "narrascope-test/1")]  # honest User-Agent


@pytest.mark.network
def test_fetch_articles_extracts_pages_and_keeps_feed_text_for_failures(http_server: Any) -> None:
    items = [("/ok", "Alpha"), ("/broken", "Beta"), ("/slow", "Gamma"), ("/missing", "Delta")]
    http_server.add("/feed.xml", _feed(http_server.base, items), content_type=RSS)
    http_server.add("/ok", _page("Alpha"))
    http_server.add("/broken", b"oops", status=500)
    http_server.add("/slow", _page("Gamma"), delay=2.0)
    options = ReadOptions(fetch=FAST, fetch_articles=True)
    drafts, rejected = _split(list(read_feed(http_server.url("/feed.xml"), options)))
    assert len(drafts) == 4  # every item is kept
    assert drafts[0].text.startswith("Alpha") and "Paragraph 3" in drafts[0].text
    assert drafts[0].extractor == "trafilatura"
    feed_texts = [f"Feed text of {t}." for t in ("Beta", "Gamma", "Delta")]
    assert [d.text for d in drafts[1:]] == feed_texts
    reasons = {r.line: r.reason for r in rejected}
    assert set(reasons) == {2, 3, 4}
    assert f"{http_server.url('/broken')}: cannot fetch: HTTP 500" in reasons[2]
    assert "timed out after 0.5 s" in reasons[3] and http_server.url("/slow") in reasons[3]
    assert "HTTP 404" in reasons[4]
    assert all("kept the item's feed text instead" in r for r in reasons.values())
    assert all("\n" not in r for r in reasons.values())


@pytest.mark.network
def test_unreachable_url_is_a_one_line_fetch_error(closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/feed.xml"
    with pytest.raises(FetchError) as info:
        list(read_feed(url, ReadOptions(fetch=FAST)))
    message = info.value.one_line()
    assert message.startswith(f"{url}: cannot fetch: ")
    assert "\n" not in message


@pytest.mark.network
def test_timeout_and_http_500_are_fetch_errors(http_server: Any) -> None:
    http_server.add("/slow", b"late", delay=2.0)
    http_server.add("/error", b"oops", status=500)
    with pytest.raises(FetchError, match=r"/slow: cannot fetch: timed out after 0\.5 s"):
        fetch(http_server.url("/slow"), FAST)
    with pytest.raises(FetchError, match=r"/error: cannot fetch: HTTP 500 Internal Server Error"):
        fetch(http_server.url("/error"), FAST)


@pytest.mark.network
def test_server_errors_are_retried_with_backoff(http_server: Any) -> None:
    http_server.add("/error", b"oops", status=503)
    settings = FetchSettings(timeout=1.0, retries=2, backoff=0.01)
    with pytest.raises(FetchError, match=r"HTTP 503 .* after 3 attempts"):
        fetch(http_server.url("/error"), settings)
    assert len(http_server.hits) == 3


@pytest.mark.network
def test_client_errors_are_not_retried(http_server: Any) -> None:
    settings = FetchSettings(timeout=1.0, retries=2, backoff=0.01)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(http_server.url("/nothing-here"), settings)
    assert len(http_server.hits) == 1
