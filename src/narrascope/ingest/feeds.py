"""RSS and Atom feeds, from a file or an http(s) URL.

The feed's bytes are read (or downloaded with httpx) here and handed to feedparser, which never
fetches anything itself. Each item becomes a draft: text from ``content:encoded``/``content``,
else ``summary``/``description`` (HTML stripped), date from ``published``/``updated``. The
outlet is inferred from the feed (see :func:`site_name`: the site, not a channel title such as
"X | Afghanistan and the region") and only used when ``--outlet`` gives none. With
``fetch_articles`` every item's link is downloaded (bounded concurrency, timeouts, retries) and
its main text extracted with :mod:`narrascope.ingest.html`; when a page fails, a rejection
names the URL and reason and the item's feed text is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]{1,12}|[0-9]{1,16});")
_GENERIC = {"com", "net", "org", "www", "news", "rss", "feeds", "feed"}
_SEPARATORS = re.compile(r"\s+[|–—:·•-]+\s+|\s*\|\s*")


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


def _valid_charref(match: re.Match[bytes]) -> bytes:
    body = match[1]
    try:
        code = int(body[1:], 16) if body[:1] in (b"x", b"X") else int(body)
    except ValueError:
        return match[0]
    return match[0] if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xfffd;"


def _parse(data: bytes, source: str) -> Any:
    """The parsed feed; character references to surrogates become U+FFFD first (feedparser
    fails on them)."""
    data = _CHARREF.sub(_valid_charref, data)
    try:
        parsed = feedparser.parse(data)
    except (ValueError, UnicodeError, RecursionError) as exc:
        raise InputError(
            f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})", path=source
        ) from exc
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


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(str(url)).hostname or "").lower()
    except ValueError:  # e.g. "Invalid IPv6 URL"
        return None
    return host.removeprefix("www.") or None


def _squash(text: str) -> str:
    return re.sub(r"[^\w]", "", text.casefold())


def site_name(title: str | None, link: str | None) -> str | None:
    """The outlet a feed stands for: its channel title when that is a plain name, else the
    part of it naming the site (matched against the link's host), else the host.

    Example:
        >>> site_name("Example News | Afghanistan and the region", "https://www.example-news.org/af")
        'Example News'
        >>> site_name("Afghanistan | Region: all stories", "https://news.example.org/")
        'news.example.org'
    """
    host = _host(link)
    title = " ".join(str(title or "").split())
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) <= 1:
        return title or host
    if host:
        labels = [_squash(x) for x in host.split(".")[:-1] if len(x) > 2 and x not in _GENERIC]
        for part in parts:
            squashed = _squash(part)
            exact = squashed in {_squash(x) for x in host.split(".")}
            near = len(squashed) > 2 and squashed in _squash(host)
            if exact or near or any(x in squashed for x in labels):
                return part.strip()
        return host
    return parts[0].strip()


def _entry_draft(entry: Any, number: int, source: str, outlet: str | None) -> Draft | Rejected:
    """One item as a draft; an item with an unusable value (a lone surrogate from
    ``&#xd800;``, ...) is rejected alone."""
    try:
        draft = _entry(entry, number, source, outlet)
        if isinstance(draft, Draft):
            for value in (draft.text, draft.title, draft.url):
                if value is not None:
                    value.encode("utf-8")
        return draft
    except (ValueError, TypeError, OverflowError, UnicodeError) as exc:
        reason = f"unusable item ({type(exc).__name__}: {str(exc)[:160]})"
        return Rejected(source, number, InputError(reason, path=source, line=number).one_line())


def _entry(entry: Any, number: int, source: str, outlet: str | None) -> Draft | Rejected:
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
        site_name=outlet,
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
    feed = parsed.feed
    outlet = site_name(feed.get("title"), feed.get("link") or _first_link(parsed.entries))
    if outlet is not None:  # a channel title with a lone surrogate must not reject every item
        outlet = outlet.encode("utf-8", errors="replace").decode("utf-8")
    items = [_entry_draft(e, n, name, outlet) for n, e in enumerate(parsed.entries, 1)]
    if options.fetch_articles:
        yield from _with_pages(items, options)
    else:
        yield from items


def _first_link(entries: Any) -> str | None:
    return next((e.get("link") for e in entries if e.get("link")), None)


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
