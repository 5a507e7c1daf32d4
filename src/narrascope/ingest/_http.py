"""HTTP downloads for feeds and article pages: timeouts, bounded retries, bounded concurrency.

A failed download raises (or returns) a one-line :class:`~narrascope.errors.FetchError` naming
the URL and the reason. Connection errors, timeouts, HTTP 429 and 5xx are retried
``fetch.retries`` times with exponential backoff; other HTTP errors are not.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from narrascope.errors import FetchError

if TYPE_CHECKING:
    import httpx

_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class FetchSettings:
    """``fetch.*`` settings (``backoff`` is the first retry delay in seconds)."""

    timeout: float = 10.0
    retries: int = 2
    concurrency: int = 4
    user_agent: str = "narrascope/0.1 (+research; offline-first)"
    backoff: float = 0.5
    max_bytes: int = 2048 * 10**6

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> FetchSettings:
        """Settings from a loaded ``narrascope.config`` dictionary (downloads are capped at
        ``ingest.max_file_mb``, like files)."""
        return cls(
            timeout=float(config["fetch.timeout"]),
            retries=max(0, int(config["fetch.retries"])),
            concurrency=max(1, int(config["fetch.concurrency"])),
            user_agent=str(config["fetch.user_agent"]),
            max_bytes=int(float(config.get("ingest.max_file_mb", 2048)) * 10**6),
        )


@contextmanager
def client(settings: FetchSettings) -> Iterator[httpx.Client]:
    """An HTTP client with the configured timeout and User-Agent."""
    import httpx

    with httpx.Client(
        timeout=settings.timeout,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=True,
    ) as http:
        yield http


def _reason(exc: Exception, settings: FetchSettings) -> str:
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {settings.timeout:g} s"
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code} {exc.response.reason_phrase}".strip()
    text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return text.replace("[Errno 111] ", "")


def _retryable(exc: Exception) -> bool:
    import httpx

    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in _RETRY_STATUS
    return isinstance(exc, httpx.TransportError)


def fetch(url: str, settings: FetchSettings, http: httpx.Client | None = None) -> bytes:
    """Download ``url`` and return the body.

    Raises:
        FetchError: unreachable, timed out or an HTTP error, after the allowed retries.
    """
    import httpx

    if http is None:
        with client(settings) as own:
            return fetch(url, settings, own)
    attempts = settings.retries + 1
    for attempt in range(attempts):
        try:
            return _download(http, url, settings)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            if attempt + 1 >= attempts or not _retryable(exc):
                tries = f" after {attempt + 1} attempts" if attempt else ""
                raise FetchError(
                    f"cannot fetch: {_reason(exc, settings)}{tries}", path=url
                ) from exc
            time.sleep(settings.backoff * 2**attempt)
    raise AssertionError("unreachable")


def _too_large(url: str, settings: FetchSettings, size: str) -> FetchError:
    cap = settings.max_bytes / 1e6
    return FetchError(
        f"download is {size}, over ingest.max_file_mb = {cap:g}; stopped",
        path=url,
        hint="raise ingest.max_file_mb in narrascope.toml if the feed is really that large",
    )


def _download(http: httpx.Client, url: str, settings: FetchSettings) -> bytes:
    """The body of ``url``, streamed; stops with a ``FetchError`` past ``settings.max_bytes``."""
    with http.stream("GET", url) as response:
        response.raise_for_status()
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > settings.max_bytes:
            raise _too_large(url, settings, f"{int(declared) / 1e6:.1f} MB")
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes(1 << 16):
            total += len(chunk)
            if total > settings.max_bytes:
                raise _too_large(url, settings, f"more than {settings.max_bytes / 1e6:g} MB")
            chunks.append(chunk)
        return b"".join(chunks)


def _fetch_or_error(url: str, settings: FetchSettings, http: httpx.Client) -> bytes | FetchError:
    try:
        return fetch(url, settings, http)
    except FetchError as exc:
        return exc


def fetch_all(urls: Sequence[str], settings: FetchSettings) -> Iterator[bytes | FetchError]:
    """Download many URLs, ``fetch.concurrency`` at a time; results come in input order."""
    with client(settings) as http, ThreadPoolExecutor(settings.concurrency) as pool:
        yield from pool.map(lambda url: _fetch_or_error(url, settings, http), urls)
