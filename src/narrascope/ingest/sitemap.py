"""Sitemaps: a site's pages in a date range, from its sitemap (index, news, gzipped).

:func:`list_pages` reads the sitemap at a URL with Media Cloud's ``ultimate-sitemap-parser``
(``usp``: sitemap indexes, XML, news, RSS/Atom and text sitemaps, gzip; its expat parser
refuses entity declarations, so no XML bombs), every download going through narrascope's
polite :class:`~narrascope.ingest._http.Fetcher` (usp itself never touches the network
here). A page is kept when its ``news:publication_date``, else its ``lastmod``, falls in the
range; pages without either are left out and counted in a note.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from narrascope.errors import FetchError, InputError, MissingExtraError, UsageError
from narrascope.ingest._http import Fetcher
from narrascope.ingest._pages import Listed, Listing
from narrascope.ingest.wayback import check_range

__all__ = ["list_pages"]

MAX_NOTED = 3  # unreadable sub-sitemaps named in the notes (the rest are counted)

logging.getLogger("usp").setLevel(logging.CRITICAL)


class _ParseErrors(logging.Handler):
    """Collects usp's "Parsing sitemap from URL ... failed" errors (usp keeps what it read
    before the error and only logs it: here it becomes a note, never a silent cut)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if message.startswith("Parsing sitemap from URL"):
            self.messages.append(message.removeprefix("Parsing sitemap from URL ")[:200])


def _client(fetcher: Fetcher) -> Any:
    """A usp web client that downloads through ``fetcher``."""
    try:
        from usp.web_client.abstract_client import (
            AbstractWebClient,
            AbstractWebClientSuccessResponse,
            WebClientErrorResponse,
        )
    except ImportError as exc:
        raise MissingExtraError("ultimate-sitemap-parser", "sources") from exc

    class Response(AbstractWebClientSuccessResponse):
        def __init__(self, url: str, body: bytes) -> None:
            self._url, self._body = url, body

        def status_code(self) -> int:
            return 200

        def status_message(self) -> str:
            return "OK"

        def header(self, case_insensitive_name: str) -> str | None:
            gzipped = self._body[:2] == b"\x1f\x8b"
            wanted = case_insensitive_name.lower() == "content-type"
            return "application/x-gzip" if wanted and gzipped else None

        def raw_data(self) -> bytes:
            return self._body

        def url(self) -> str:
            return self._url

    class Client(AbstractWebClient):
        def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
            return None

        def get(self, url: str) -> Any:
            try:
                return Response(url, fetcher.get(url, robots=False))
            except FetchError as exc:
                return WebClientErrorResponse(exc.one_line(), retryable=False)

    return Client()


def _tree(url: str, fetcher: Fetcher, errors: _ParseErrors) -> Any:
    from usp.exceptions import SitemapException
    from usp.fetch_parse import SitemapFetcher
    from usp.objects.sitemap import InvalidSitemap

    logger = logging.getLogger("usp")
    logger.addHandler(errors)
    logger.setLevel(logging.ERROR)
    try:
        tree = SitemapFetcher(url, recursion_level=0, web_client=_client(fetcher)).sitemap()
    except SitemapException as exc:
        raise UsageError(f"cannot read sitemap: {exc}", path=url) from exc
    finally:
        logger.removeHandler(errors)
        logger.setLevel(logging.CRITICAL)
    if isinstance(tree, InvalidSitemap):
        raise InputError(
            f"not a readable sitemap ({tree.reason})",
            path=url,
            hint="give the sitemap's own URL (robots.txt names it), e.g. https://site/sitemap.xml",
        )
    return tree


def _date(page: Any) -> datetime | None:
    story = page.news_story
    when = story.publish_date if story is not None and story.publish_date else page.last_modified
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def list_pages(fetcher: Fetcher, url: str, start: date, end: date) -> Listing:
    """Pages of the sitemap at ``url`` (and the sitemaps it lists) dated from ``start`` to
    ``end`` (whole days, inclusive).

    Raises:
        UsageError: not an http(s) URL, or ``start`` after ``end``.
        InputError: the URL does not hold a readable sitemap (the reason is named).
        MissingExtraError: ``ultimate-sitemap-parser`` is not installed.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"not an http(s) URL: {url!r}", hint="e.g. https://tass.com/sitemap.xml")
    low, high = check_range(start, end)
    listing = Listing(f"sitemap {url}", start=low, end=high)
    errors = _ParseErrors()
    tree = _tree(url, fetcher, errors)
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for page in tree.all_pages():
        when = _date(page)
        kind = "undated" if when is None else "in" if low <= when < high else "outside"
        counts[kind] += 1
        if kind == "in" and page.url not in seen:
            seen.add(page.url)
            listing.pages.append(_listed(page, when))
    if errors.messages and not counts:
        raise InputError(f"not a readable sitemap ({errors.messages[0]})", path=url)
    _notes(listing, tree, counts, errors.messages)
    return listing


def _listed(page: Any, when: datetime | None) -> Listed:
    story = page.news_story
    title = (story.title or None) if story is not None else None
    outlet = (story.publication_name or None) if story is not None else None
    return Listed(page.url, page.url, title=title, published_at=when, outlet=outlet)


def _notes(listing: Listing, tree: Any, counts: Counter[str], errors: list[str]) -> None:
    from usp.objects.sitemap import InvalidSitemap

    source = listing.source
    total = sum(counts.values())
    listing.notes.append(
        f"{source}: {counts['in']} of {total} pages dated in the range"
        f" ({counts['outside']} outside, {counts['undated']} with no date: left out)"
    )
    broken = [s.reason for s in tree.all_sitemaps() if isinstance(s, InvalidSitemap)]
    broken += [f"{message} (pages before the error kept)" for message in errors]
    for reason in broken[:MAX_NOTED]:
        listing.notes.append(f"{source}: skipped an unreadable sitemap: {reason}")
    if len(broken) > MAX_NOTED:
        listing.notes.append(
            f"{source}: ... and {len(broken) - MAX_NOTED} more unreadable sitemaps"
        )
