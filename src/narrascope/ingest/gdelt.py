"""GDELT's DOC 2.0 API: articles matching a query in a date range (article list mode).

:func:`list_articles` asks ``mode=artlist&format=json`` for each window of the range: windows
of at most three months (the API's limit), halved again while a window returns the maximum
of 250 articles (down to an hour; a window still full then is reported, never silently cut).
Source language and country filters go into the query (``sourcelang:russian
sourcecountry:RS``). Requests to ``api.gdeltproject.org`` are spaced five seconds apart, as
GDELT asks; its rate-limit answers become a :class:`~narrascope.ingest._http.RateLimited`
error saying when to retry. Each article's page is then fetched and extracted by the crawl
runner, dated by the page, else by GDELT's ``seendate``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from narrascope.errors import InputError, UsageError
from narrascope.ingest._http import Fetcher
from narrascope.ingest._pages import Listed, Listing
from narrascope.ingest.wayback import check_range

__all__ = ["MAX_RECORDS", "MAX_WINDOW", "MIN_WINDOW", "gdelt_query", "list_articles"]

MAX_RECORDS = 250
MAX_WINDOW = timedelta(days=90)
MIN_WINDOW = timedelta(hours=1)


def gdelt_query(query: str, sourcelang: str | None = None, sourcecountry: str | None = None) -> str:
    """The query with GDELT's ``sourcelang:`` and ``sourcecountry:`` operators added.

    Example:
        >>> gdelt_query('"Taliban Moscow"', sourcecountry="RS")
        '"Taliban Moscow" sourcecountry:RS'
    """
    query = " ".join(query.split())
    if not query:
        raise UsageError("empty GDELT query", hint='give words or a phrase, e.g. "Taliban Moscow"')
    parts = [query]
    if sourcelang:
        parts.append(f"sourcelang:{sourcelang.strip()}")
    if sourcecountry:
        parts.append(f"sourcecountry:{sourcecountry.strip()}")
    return " ".join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def _windows(low: datetime, high: datetime) -> list[tuple[datetime, datetime]]:
    """``[low, high)`` cut into windows of at most :data:`MAX_WINDOW`."""
    out = []
    while low < high:
        out.append((low, min(high, low + MAX_WINDOW)))
        low = out[-1][1]
    return out


def _api_url(base: str, query: str, low: datetime, high: datetime) -> str:
    params = {
        "query": query,
        "mode": "artlist",
        "format": "json",
        "maxrecords": str(MAX_RECORDS),
        "sort": "DateAsc",
        "startdatetime": _stamp(low),
        "enddatetime": _stamp(high - timedelta(seconds=1)),
    }
    return f"{base}?{urlencode(params)}"


def _articles(body: bytes, url: str) -> list[dict[str, Any]]:
    """The ``articles`` of one answer ([] for GDELT's empty ``{}``)."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text, strict=False) if text else {}
    except json.JSONDecodeError as exc:
        said = " ".join(text.split())[:160]
        raise InputError(
            f"GDELT did not answer with JSON; it said: {said!r}",
            path=url,
            hint="check the query's syntax (phrases in double quotes, operators such as"
            " sourcecountry:RS)",
        ) from exc
    articles = data.get("articles", []) if isinstance(data, dict) else None
    if not isinstance(articles, list):
        raise InputError("GDELT's answer has no list of articles", path=url)
    return [a for a in articles if isinstance(a, dict) and a.get("url")]


def _seen(value: Any) -> datetime | None:
    try:
        return datetime.strptime(str(value), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def list_articles(
    fetcher: Fetcher,
    query: str,
    start: date,
    end: date,
    *,
    base_url: str = "https://api.gdeltproject.org/api/v2/doc/doc",
) -> Listing:
    """Articles GDELT lists for ``query`` (with its operators) from ``start`` to ``end``
    (whole days, inclusive), each once.

    Raises:
        UsageError: an empty query or ``start`` after ``end``.
        InputError: GDELT answered something other than its article list (the message
            quotes what it said, e.g. a query syntax complaint).
        FetchError: the API could not be reached; ``RateLimited`` when it refused for now.
    """
    query = gdelt_query(query)
    low, high = check_range(start, end)
    listing = Listing(f"gdelt {query}", start=low, end=high)
    seen: set[str] = set()
    pending = _windows(low, high)
    while pending:
        window = pending.pop(0)
        url = _api_url(base_url, query, *window)
        found = _articles(fetcher.get(url, robots=False), url)
        if len(found) >= MAX_RECORDS and window[1] - window[0] > MIN_WINDOW:
            middle = window[0] + (window[1] - window[0]) / 2
            pending[:0] = [(window[0], middle), (middle, window[1])]
            continue
        if len(found) >= MAX_RECORDS:
            listing.notes.append(
                f"{listing.source}: GDELT returned its maximum of {MAX_RECORDS} articles for"
                f" {window[0]:%Y-%m-%d %H:%M}-{window[1]:%H:%M} UTC; more may exist (narrow the"
                " query)"
            )
        for article in found:
            _add(listing, article, seen)
    if not listing.pages:
        listing.notes.append(f"{listing.source}: GDELT lists no articles from {start} to {end}")
    return listing


def _add(listing: Listing, article: dict[str, Any], seen: set[str]) -> None:
    url = str(article["url"]).strip()
    if url in seen or not url.lower().startswith(("http://", "https://")):
        return
    seen.add(url)
    title = str(article.get("title") or "").strip() or None
    outlet = str(article.get("domain") or "").strip() or None
    when = _seen(article.get("seendate"))
    listing.pages.append(Listed(url, url, title=title, published_at=when, outlet=outlet))
