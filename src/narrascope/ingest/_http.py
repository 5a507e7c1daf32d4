"""HTTP downloads for feeds, article pages and APIs: the one polite HTTP layer.

A failed download raises (or returns) a one-line :class:`~narrascope.errors.FetchError` naming
the URL and the reason. Connection errors, timeouts, HTTP 429 and 5xx are retried
``fetch.retries`` times with exponential backoff (a server's ``Retry-After`` is honoured up
to ``max_wait`` seconds; longer, a :class:`RateLimited` error says when to retry); other HTTP
errors are not. :func:`fetch` downloads one URL the user named; :class:`Fetcher` downloads
many, ``fetch.concurrency`` at a time, spacing the requests to each host
(``fetch.rate_per_host``) and honouring robots.txt unless told otherwise.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from narrascope.errors import FetchError
from narrascope.ingest._politeness import HostLimiter, RobotsRules, host_of

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
    rate_per_host: float = 1.0
    robots: bool = True
    max_wait: float = 60.0

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
            rate_per_host=max(0.0, float(config.get("fetch.rate_per_host", 1.0))),
            robots=bool(config.get("fetch.robots", True)),
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


class RateLimited(FetchError):
    """The server refused for now (HTTP 429 or 503): ``retry_at`` says when to try again."""

    def __init__(self, message: str, *, path: str, retry_at: datetime | None) -> None:
        when = f"retry after {retry_at:%Y-%m-%d %H:%M} UTC" if retry_at else "retry later"
        super().__init__(message, path=path, hint=f"{when}; a rerun resumes where this stopped")
        self.retry_at = retry_at


class Disallowed(FetchError):
    """robots.txt forbids the URL (``--ignore-robots`` for an archive the user may read)."""


def retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asks to wait (``Retry-After`` as seconds or an HTTP date)."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _rate_limited(exc: Exception, url: str, wait: float | None, tries: int) -> FetchError:
    code = _status(exc)
    retry_at = datetime.now(UTC) + timedelta(seconds=wait) if wait is not None else None
    asks = f"; the server asks to wait {wait:.0f} s" if wait is not None else ""
    what = "rate limit or quota reached" if code == 429 else "service unavailable"
    return RateLimited(
        f"{what} (HTTP {code}) after {tries} attempt{'s' if tries > 1 else ''}{asks}",
        path=url,
        retry_at=retry_at,
    )


def fetch(url: str, settings: FetchSettings, http: httpx.Client | None = None) -> bytes:
    """Download ``url`` and return the body.

    Raises:
        FetchError: unreachable, timed out or an HTTP error, after the allowed retries
            (:class:`RateLimited` when the server kept refusing with 429 or 503).
    """
    if http is None:
        with client(settings) as own:
            return fetch(url, settings, own)
    return _with_retries(http, url, settings, nullcontext, _sleep_for)


def _sleep_for(seconds: float) -> None:
    time.sleep(seconds)


def _with_retries(
    http: httpx.Client,
    url: str,
    settings: FetchSettings,
    turn: Callable[[], AbstractContextManager[object]],
    hold: Callable[[float], None],
) -> bytes:
    """Download with retries; each attempt runs inside ``turn()`` (the host's turn, for
    politeness), ``hold(seconds)`` waits between attempts (sleeping, or keeping the host
    free of requests for that long)."""
    import httpx

    attempts = settings.retries + 1
    for attempt in range(attempts):
        try:
            with turn():
                return _download(http, url, settings)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            wait = _server_wait(exc)
            last = attempt + 1 >= attempts or not _retryable(exc)
            refused = _status(exc) == 429 or wait is not None
            if refused and (last or (wait or 0.0) > settings.max_wait):
                raise _rate_limited(exc, url, wait, attempt + 1) from exc
            if last:
                tries = f" after {attempt + 1} attempts" if attempt else ""
                raise FetchError(
                    f"cannot fetch: {_reason(exc, settings)}{tries}", path=url
                ) from exc
            hold(wait if wait is not None else settings.backoff * 2**attempt)
    raise AssertionError("unreachable")


def status_of(error: FetchError) -> int | None:
    """The HTTP status a failed download ended with (None: no answer, or robots.txt)."""
    return _status(error.__cause__) if isinstance(error.__cause__, Exception) else None


def _status(exc: Exception) -> int | None:
    import httpx

    return exc.response.status_code if isinstance(exc, httpx.HTTPStatusError) else None


def _server_wait(exc: Exception) -> float | None:
    """The Retry-After of a 429 or 503 answer, if it gave one."""
    import httpx

    if isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code in (429, 503):
        return retry_after(exc.response)
    return None


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


class Fetcher:
    """Polite bulk downloads: ``fetch.concurrency`` at a time, requests to each host spaced by
    ``fetch.rate_per_host`` (and its robots.txt ``Crawl-delay``), robots.txt honoured when
    ``settings.robots``. Use as a context manager.

    Example:
        >>> with Fetcher(FetchSettings(rate_per_host=2.0)) as fetcher:
        ...     for url, page in fetcher.fetch_many(["https://example.org/a"]):
        ...         ...
    """

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self.limiter = HostLimiter(settings.rate_per_host)
        self.robots = RobotsRules(self._robots_body, settings.user_agent)
        self.requests = 0
        self._count_lock = threading.Lock()
        self._http: httpx.Client | None = None
        self._delays: set[str] = set()
        self._refused: dict[str, RateLimited] = {}

    def __enter__(self) -> Fetcher:
        import httpx

        self._http = httpx.Client(
            timeout=self.settings.timeout,
            headers={"User-Agent": self.settings.user_agent},
            follow_redirects=True,
            limits=httpx.Limits(max_connections=max(4, self.settings.concurrency * 2)),
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    @property
    def http(self) -> httpx.Client:
        """The open client (inside ``with``)."""
        if self._http is None:
            raise RuntimeError("use Fetcher as a context manager")
        return self._http

    def _attempt(
        self, host: str, url: str | None = None
    ) -> Callable[[], AbstractContextManager[object]]:
        @contextmanager
        def turn() -> Iterator[None]:
            with self.limiter.turn(host):
                self._check_refused(host, url)  # a thread that waited behind the refusal
                with self._count_lock:
                    self.requests += 1
                yield

        return turn

    def get(self, url: str, *, robots: bool = True) -> bytes:
        """Download ``url`` politely (``robots=False``: an API endpoint, not a page). Once a
        host refused with a rate limit, its other URLs fail at once, without a request.

        Raises:
            FetchError: as :func:`fetch`; :class:`Disallowed` when robots.txt forbids it.
        """
        host = host_of(url)
        self._check_refused(host, url)
        if robots and self.settings.robots:
            self._obey(url, host)
        try:
            return _with_retries(
                self.http,
                url,
                self.settings,
                self._attempt(host, url),
                lambda seconds: self.limiter.pause(host, seconds),
            )
        except RateLimited as exc:
            self._refused.setdefault(host, exc)
            raise

    def _check_refused(self, host: str, url: str | None = None) -> None:
        """Raise when ``host`` refused with a rate limit: ask it nothing more this run."""
        refused = self._refused.get(host)
        if refused is not None:
            where = url or refused.path or host
            raise RateLimited(refused.message, path=where, retry_at=refused.retry_at)

    def _obey(self, url: str, host: str) -> None:
        if not self.robots.allowed(url):
            raise Disallowed(
                "robots.txt does not allow fetching this page",
                path=url,
                hint="pass --ignore-robots only for an archive you may read in bulk",
            )
        if host not in self._delays:
            self._delays.add(host)
            self.limiter.slow_down(host, self.robots.crawl_delay(url))

    def _robots_body(self, url: str) -> bytes | None:
        """robots.txt, or None when the site has none (4xx: everything allowed); a server
        error or no answer means stay out (RFC 9309)."""
        import httpx

        try:
            return _with_retries(
                self.http, url, self.settings, self._attempt(host_of(url)), time.sleep
            )
        except FetchError as exc:
            cause = exc.__cause__
            if isinstance(cause, httpx.HTTPStatusError) and 400 <= _status(cause) < 500:  # type: ignore[operator]
                return None
            return b"User-agent: *\nDisallow: /\n"

    def fetch_one(self, url: str) -> bytes | FetchError:
        """:meth:`get`, with a failure returned instead of raised."""
        try:
            return self.get(url)
        except FetchError as exc:
            return exc

    def fetch_many(self, urls: Iterable[str]) -> Iterator[tuple[str, bytes | FetchError]]:
        """Download many URLs; results come in input order, at most a few ahead in memory.

        When the caller stops early (an error, Ctrl-C), downloads not yet begun are cancelled.
        """
        ahead = max(1, self.settings.concurrency) * 4
        pool = ThreadPoolExecutor(max(1, self.settings.concurrency))
        pending: deque[tuple[str, Future[bytes | FetchError]]] = deque()
        try:
            for url in urls:
                pending.append((url, pool.submit(self.fetch_one, url)))
                if len(pending) >= ahead:
                    done_url, future = pending.popleft()
                    yield done_url, future.result()
            while pending:
                done_url, future = pending.popleft()
                yield done_url, future.result()
        finally:
            pool.shutdown(wait=not pending, cancel_futures=True)


def fetch_all(urls: Sequence[str], settings: FetchSettings) -> Iterator[bytes | FetchError]:
    """Download many URLs politely (see :class:`Fetcher`); results come in input order."""
    with Fetcher(settings) as fetcher:
        for _url, page in fetcher.fetch_many(urls):
            yield page
