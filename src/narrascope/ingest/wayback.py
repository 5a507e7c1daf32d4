"""The Wayback Machine: captures of a URL pattern in a date range, for backfill.

:func:`list_captures` asks the CDX API (``/cdx/search/cdx``) for the captures of a pattern
such as ``tass.com/politics*`` between two days (status 200, HTML, collapsed by digest, paged
with a resume key) and lists the earliest capture of each page in its original bytes, the
``id_`` form ``/web/<timestamp>id_/<url>``, which carries no archive banner. The crawl runner
(:mod:`.crawl`) fetches them; a page is dated by its own date, else by the capture time
(``extractor = trafilatura+capture-date``).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from narrascope.errors import InputError, UsageError
from narrascope.ingest._http import Fetcher
from narrascope.ingest._pages import Listed, Listing

__all__ = ["CDX_PAGE", "check_range", "list_captures"]

CDX_PAGE = 5000  # captures per CDX request (followed by a resume key when there are more)
_HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


def check_range(start: date, end: date) -> tuple[datetime, datetime]:
    """``[start, end + 1 day)`` as UTC datetimes.

    Raises:
        UsageError: ``--from`` is after ``--to``.
    """
    if start > end:
        raise UsageError(
            f"--from {start.isoformat()} is after --to {end.isoformat()}", hint="swap them"
        )
    low = datetime.combine(start, time(), tzinfo=UTC)
    return low, datetime.combine(end, time(), tzinfo=UTC) + timedelta(days=1)


def _check_pattern(pattern: str) -> str:
    pattern = pattern.strip()
    if not pattern or any(ch.isspace() for ch in pattern):
        raise UsageError(
            f"not a URL pattern: {pattern!r}",
            hint="give a site or path such as tass.com/politics* (a trailing * matches a prefix)",
        )
    return pattern


def _cdx_url(base: str, pattern: str, start: date, end: date, resume: str | None) -> str:
    query = [
        ("url", pattern),
        ("output", "json"),
        ("from", start.strftime("%Y%m%d")),
        ("to", end.strftime("%Y%m%d")),
        ("filter", "statuscode:200"),
        ("filter", "mimetype:text/html"),
        ("collapse", "digest"),
        ("limit", str(CDX_PAGE)),
        ("showResumeKey", "true"),
    ]
    if resume:
        query.append(("resumeKey", resume))
    return f"{base.rstrip('/')}/cdx/search/cdx?{urlencode(query)}"


def _rows(body: bytes, url: str) -> tuple[list[dict[str, str]], str | None]:
    """The capture rows of one CDX answer and its resume key (None on the last page)."""
    try:
        data: Any = json.loads(body.decode("utf-8") or "[]")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        start = body[:80].decode("utf-8", "replace")
        raise InputError(
            f"the CDX API did not answer with JSON rows ({exc.__class__.__name__}; starts"
            f" {start!r})",
            path=url,
            hint="check --wayback-url (sources.wayback_url) and retry later",
        ) from exc
    if not isinstance(data, list) or not all(isinstance(r, list) for r in data):
        raise InputError("the CDX API answered JSON that is not a list of rows", path=url)
    if not data:
        return [], None
    header, rows = [str(x) for x in data[0]], data[1:]
    resume = None
    if len(rows) >= 2 and rows[-2] == [] and len(rows[-1]) == 1:
        resume, rows = str(rows[-1][0]), rows[:-2]
    missing = {"timestamp", "original"} - set(header)
    if missing:
        raise InputError(f"the CDX rows lack the field(s) {sorted(missing)}", path=url)
    return [dict(zip(header, map(str, r), strict=False)) for r in rows if r], resume


def _capture_time(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(stamp[:14].ljust(14, "0"), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def list_captures(
    fetcher: Fetcher,
    pattern: str,
    start: date,
    end: date,
    *,
    base_url: str = "http://web.archive.org",
) -> Listing:
    """The earliest capture of each page matching ``pattern`` from ``start`` to ``end``
    (whole days, inclusive).

    Raises:
        UsageError: an empty pattern or ``start`` after ``end``.
        InputError: the CDX API answered something other than JSON rows.
        FetchError: the CDX API could not be reached (a rate limit says when to retry).
    """
    pattern = _check_pattern(pattern)
    low, high = check_range(start, end)
    listing = Listing(f"wayback {pattern}", start=low, end=high)
    captures, resume = 0, None
    seen: set[str] = set()
    while True:
        url = _cdx_url(base_url, pattern, start, end, resume)
        rows, resume = _rows(fetcher.get(url, robots=False), url)
        captures += len(rows)
        for row in rows:
            _add(listing, row, base_url, seen)
        if not resume:
            break
    _summarise(listing, captures, pattern, start, end)
    return listing


def _add(listing: Listing, row: dict[str, str], base_url: str, seen: set[str]) -> None:
    """Add the capture unless an earlier one of the same page is listed."""
    original = row["original"]
    key = row.get("urlkey") or original
    when = _capture_time(row["timestamp"])
    if key in seen or when is None or not original.lower().startswith(("http://", "https://")):
        return
    seen.add(key)
    capture = f"{base_url.rstrip('/')}/web/{row['timestamp']}id_/{original}"
    listing.pages.append(Listed(capture, original, published_at=when, date_kind="capture"))


def _summarise(listing: Listing, captures: int, pattern: str, start: date, end: date) -> None:
    span = f"{start.isoformat()}..{end.isoformat()}"
    if not captures:
        listing.notes.append(f"{listing.source}: the Wayback Machine has no captures in {span}")
    elif captures > len(listing.pages):
        listing.notes.append(
            f"{listing.source}: {captures} captures of {len(listing.pages)} pages in {span};"
            " fetching the earliest capture of each page"
        )
