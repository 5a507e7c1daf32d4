"""Listed pages: what a crawl source (Wayback, GDELT, Media Cloud, a sitemap) says about a
page, and the draft made from the page once fetched.

A page is dated by its own date when trafilatura finds one; else by the listing's date, and
then its ``extractor`` says so: ``trafilatura+capture-date`` (the Wayback capture time) or
``trafilatura+listed-date`` (the API's or sitemap's date).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from narrascope.ingest._article import Draft
from narrascope.ingest.html import EXTRACTOR, extract_page

__all__ = ["DateKind", "Listed", "Listing", "page_draft"]

DateKind = Literal["listed", "capture"]


@dataclass(frozen=True)
class Listed:
    """One page a source listed.

    ``fetch_url`` is what is downloaded (a Wayback capture, or the page itself); ``url`` is
    the article's own address, stored with it. ``published_at`` is the listing's date
    (``date_kind`` says whether it is a capture time or a listed publication date).
    """

    fetch_url: str
    url: str
    title: str | None = None
    published_at: datetime | None = None
    date_kind: DateKind = "listed"
    outlet: str | None = None

    def to_json(self) -> str:
        """What the listing said, as kept in the frontier (``listed``)."""
        row: dict[str, Any] = asdict(self)
        row["published_at"] = self.published_at.isoformat() if self.published_at else None
        return json.dumps(row, ensure_ascii=False)


@dataclass
class Listing:
    """What one source listed: its name (``wayback tass.com/politics*``), the pages, the date
    range asked for, and notes for the user (one line each)."""

    source: str
    pages: list[Listed] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    notes: list[str] = field(default_factory=list)


def _host(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host or None


def page_draft(listed: Listed, body: bytes, line: int) -> Draft:
    """The article in a fetched page, dated by the page, else by the listing (flagged).

    Raises:
        InputError: no article text in the page.
    """
    draft = extract_page(body, source=listed.fetch_url, url=listed.url, line=line)
    published, extractor = draft.published_at, EXTRACTOR
    if published is None and listed.published_at is not None:
        published, extractor = listed.published_at, f"{EXTRACTOR}+{listed.date_kind}-date"
    return replace(
        draft,
        url=listed.url,
        title=draft.title or listed.title,
        published_at=published,
        extractor=extractor,
        site_name=draft.site_name or listed.outlet or _host(listed.url),
    )
