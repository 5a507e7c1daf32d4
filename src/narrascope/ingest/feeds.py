"""RSS and Atom feeds, from a file or an http(s) URL.

The feed's bytes are read (or downloaded with httpx) here and handed to feedparser, which never
fetches anything itself. Each item becomes a draft: text from ``content:encoded``/``content``,
else ``summary``/``description`` (HTML stripped), date from ``published``/``updated``, outlet
from the feed title. With ``fetch_articles`` every item's link is downloaded (bounded
concurrency, timeouts, retries) and its main text extracted with :mod:`narrascope.ingest.html`;
when a page fails, a rejection names the URL and reason and the item's feed text is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import feedparser

from narrascope.errors import FetchError, InputError
from narrascope.ingest._article import Draft, sha256_hex
from narrascope.ingest._http import fetch, fetch_all
from narrascope.ingest.dates import parse_date
from narrascope.ingest.files import ReadOptions, read_whole
from narrascope.ingest.html import extract_page, html_to_text
from narrascope.records import Rejected

__all__ = ["is_url", "looks_like_feed", "read_feed"]

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")


def is_url(source: str | Path) -> bool:
    """Whether ``source`` is an http(s) URL."""
    return str(source).lower().startswith(("http://", "https://"))


def looks_like_feed(sample: bytes) -> bool:
    """Whether the first bytes of a file look like RSS/Atom XML."""
    head = sample[:4096].lower()
    return any(marker in head for marker in _FEED_MARKERS)


def _load(source: str | Path, options: ReadOptions) -> bytes:
    if is_url(source):
        return fetch(str(source), options.fetch)
    return read_whole(Path(source), options)


def _parse(data: bytes, source: str) -> Any:
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = str(parsed.get("bozo_exception", "no items")).splitlines()[0]
        raise InputError(f"not an RSS/Atom feed ({reason})", path=source)
    if not parsed.entries:
        raise InputError("feed has no items", path=source)
    return parsed


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        value = content.get("value")
        if value and value.strip():
            return html_to_text(value)
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: Any, source: str) -> datetime | None:
    value = entry.get("published") or entry.get("updated")
    try:
        return parse_date(value, source=source)
    except ValueError:
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed is None:
            raise
        return parse_date(_struct_to_iso(parsed), source=source)


def _struct_to_iso(parsed: Any) -> str:
    year, month, day, hour, minute, second = tuple(parsed[:6])
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"


def _entry_draft(entry: Any, number: int, source: str, outlet: str | None) -> Draft | Rejected:
    where = f"item {number}"
    try:
        published = _entry_date(entry, where)
    except ValueError as exc:
        return Rejected(source, number, InputError(str(exc), path=source, line=number).one_line())
    link = entry.get("link") or None
    text = _entry_text(entry)
    return Draft(
        text=text,
        source_path=source,
        line=number,
        raw_sha256=sha256_hex("\x1f".join((entry.get("id") or link or "", text))),
        extractor="feed",
        title=html_to_text(entry.get("title") or "") or None,
        url=link,
        outlet=outlet,
        published_at=published,
    )


def read_feed(source: str | Path, options: ReadOptions | None = None) -> Iterator[Draft | Rejected]:
    """Drafts for the items of an RSS/Atom feed file or URL.

    Raises:
        InputError: the source is not a feed (or has no items).
        FetchError: the feed URL could not be downloaded.
    """
    options = options or ReadOptions()
    name = str(source)
    parsed = _parse(_load(source, options), name)
    outlet = parsed.feed.get("title") or None
    items = [_entry_draft(e, n, name, outlet) for n, e in enumerate(parsed.entries, 1)]
    if options.fetch_articles:
        yield from _with_pages(items, options)
    else:
        yield from items


def _with_pages(items: list[Draft | Rejected], options: ReadOptions) -> Iterator[Draft | Rejected]:
    """Replace each item's text by its downloaded page's main text where that works."""
    linked = [i for i in items if isinstance(i, Draft) and i.url and is_url(i.url)]
    results = list(fetch_all([d.url or "" for d in linked], options.fetch))
    pages = {id(d): page for d, page in zip(linked, results, strict=True)}
    for item in items:
        page = pages.get(id(item))
        if page is None or not isinstance(item, Draft):
            yield item
            continue
        yield from _page_or_feed_text(item, page)


def _page_or_feed_text(item: Draft, page: bytes | FetchError) -> Iterator[Draft | Rejected]:
    url = item.url or ""
    try:
        if isinstance(page, FetchError):
            raise page
        extracted = extract_page(page, source=url, url=url, line=item.line)
    except InputError as exc:
        reason = f"{exc.one_line()} — kept the item's feed text instead"
        yield Rejected(item.source_path, item.line, reason)
        yield item
        return
    yield replace(
        item,
        text=extracted.text,
        title=item.title or extracted.title,
        published_at=item.published_at or extracted.published_at,
        raw_sha256=extracted.raw_sha256,
        extractor=extracted.extractor,
    )
