"""Media Cloud's search API, through its official client (the ``mediacloud`` package).

:func:`list_stories` pages through ``search/story-list`` for a query, a date range and the
collections or sources named, and lists each story's URL, title, publication date and media
name; the crawl runner then fetches and extracts each page. The API key comes from the
``MC_API_KEY`` environment variable. The client keeps to the rate the server announces; when
the server still refuses (HTTP 429) the error says when to retry (its ``Retry-After``).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from narrascope.errors import FetchError, MissingExtraError, UsageError
from narrascope.ingest._http import RateLimited
from narrascope.ingest._pages import Listed, Listing
from narrascope.ingest.wayback import check_range

__all__ = ["KEY_VARIABLE", "PAGE_SIZE", "list_stories"]

KEY_VARIABLE = "MC_API_KEY"
PAGE_SIZE = 1000


def _api(base_url: str, timeout: float) -> Any:
    """The client's ``SearchApi``, pointed at ``base_url``, with the key from the environment."""
    try:
        import mediacloud.api
    except ImportError as exc:
        raise MissingExtraError("mediacloud (Media Cloud's API client)", "sources") from exc

    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        raise UsageError(
            f"Media Cloud needs an API key: set the {KEY_VARIABLE} environment variable",
            hint="your key is on your profile page at https://search.mediacloud.org",
        )
    api = mediacloud.api.SearchApi(key)
    api.BASE_API_URL = base_url if base_url.endswith("/") else base_url + "/"
    api.TIMEOUT_SECS = max(1, round(timeout))
    return api


def _error(exc: Exception, base_url: str) -> FetchError:
    """A one-line error for what the client raised (rate limit, refused key, server error)."""
    import mediacloud.error
    import requests

    if isinstance(exc, mediacloud.error.APIResponseError):
        response = exc.response
        code = int(response.status_code)
        if code == 429:
            return _rate_limited(response, base_url)
        if code in (401, 403):
            return FetchError(
                f"Media Cloud refused the API key (HTTP {code})",
                path=base_url,
                hint=f"check {KEY_VARIABLE}; a key may lack access to the collection asked",
            )
        note = " ".join(str(exc.data.get("note", "") if exc.data else "").split())[:160]
        said = "something other than JSON" if code // 100 == 2 else f"HTTP {code}"
        return FetchError(f"Media Cloud answered {said}: {note}", path=base_url)
    if isinstance(exc, KeyError):
        return FetchError(f"Media Cloud's story list lacks the field {exc}", path=base_url)
    if isinstance(exc, requests.Timeout):
        return FetchError("Media Cloud did not answer in time", path=base_url, hint="retry later")
    reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    return FetchError(f"cannot reach Media Cloud ({reason})", path=base_url)


def _rate_limited(response: Any, base_url: str) -> RateLimited:
    from datetime import timedelta

    wait = str(response.headers.get("Retry-After", "")).strip()
    seconds = float(wait) if wait.isdigit() else None
    retry_at = datetime.now(UTC) + timedelta(seconds=seconds) if seconds is not None else None
    asks = f"; it asks to wait {seconds:.0f} s" if seconds is not None else ""
    return RateLimited(
        f"Media Cloud's rate limit or quota is reached (HTTP 429){asks}",
        path=base_url,
        retry_at=retry_at,
    )


def list_stories(
    query: str,
    start: date,
    end: date,
    *,
    collections: Sequence[int] = (),
    sources: Sequence[int] = (),
    base_url: str = "https://search.mediacloud.org/api/",
    timeout: float = 60.0,
) -> Listing:
    """Stories matching ``query`` from ``start`` to ``end`` (whole days, inclusive).

    Raises:
        UsageError: no API key, an empty query or ``start`` after ``end``.
        FetchError: the API refused or failed (``RateLimited`` says when to retry).
    """
    query = " ".join(query.split())
    if not query:
        raise UsageError("empty Media Cloud query", hint="give search terms, e.g. Taliban")
    low, high = check_range(start, end)
    listing = Listing(f"mediacloud {query}", start=low, end=high)
    if not collections and not sources:
        listing.notes.append(
            f"{listing.source}: no --collection or --source given; Media Cloud searches all it"
            " has (slow, and rarely what a study wants)"
        )
    api = _api(base_url, timeout)
    import mediacloud.error
    import requests

    token: str | None = None
    seen: set[str] = set()
    while True:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                stories, token = api.story_list(
                    query,
                    start,
                    end,
                    collection_ids=list(collections),
                    source_ids=list(sources),
                    pagination_token=token,
                    page_size=PAGE_SIZE,
                )
        except (mediacloud.error.APIResponseError, requests.RequestException, KeyError) as exc:
            raise _error(exc, base_url) from exc
        for story in stories:
            _add(listing, story, seen)
        if not token or not stories:
            break
    if not listing.pages:
        listing.notes.append(
            f"{listing.source}: Media Cloud lists no stories from {start} to {end}"
        )
    return listing


def _add(listing: Listing, story: dict[str, Any], seen: set[str]) -> None:
    url = str(story.get("url") or "").strip()
    if url in seen or not url.lower().startswith(("http://", "https://")):
        return
    seen.add(url)
    day = story.get("publish_date")
    when = datetime.combine(day, time(), tzinfo=UTC) if isinstance(day, date) else None
    title = str(story.get("title") or "").strip() or None
    outlet = str(story.get("media_name") or "").strip() or None
    listing.pages.append(Listed(url, url, title=title, published_at=when, outlet=outlet))
