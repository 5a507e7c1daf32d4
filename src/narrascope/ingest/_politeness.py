"""Politeness for bulk fetching: a per-host request rate and robots.txt rules.

:class:`HostLimiter` sends one request at a time to each host (``host:port``) and waits at
least ``1 / rate`` seconds after each answer before the next, however many threads fetch; a
host may ask for more (``Crawl-delay`` in robots.txt, or a documented API limit, see
:data:`API_INTERVALS`).
:class:`RobotsRules` reads each host's robots.txt once (with :mod:`protego`, the parser
Scrapy uses) and answers whether a URL may be fetched.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from protego import Protego

__all__ = ["API_INTERVALS", "HostLimiter", "RobotsRules", "host_of"]

API_INTERVALS: dict[str, float] = {"api.gdeltproject.org": 5.0}
"""Least seconds between requests that some APIs ask for (GDELT: one request every 5 s)."""


def host_of(url: str) -> str:
    """``host:port`` of a URL, lower case (the unit of politeness)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


class HostLimiter:
    """Politeness per host, thread-safe: one request at a time to a host, and at least
    ``1 / rate`` seconds (0 = no limit) from the end of one to the start of the next.

    Spacing from the *end* of the previous answer makes the limit hold as the server sees it:
    however late a thread was scheduled, the server has answered request ``i`` before request
    ``i + 1`` is sent, so two requests never arrive closer than the spacing.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._free_at: dict[str, float] = {}
        self._extra: dict[str, float] = {}
        self._hosts: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def slow_down(self, host: str, seconds: float) -> None:
        """Space requests to ``host`` at least ``seconds`` apart (Crawl-delay)."""
        with self._lock:
            self._extra[host] = max(self._extra.get(host, 0.0), seconds)

    def spacing(self, host: str) -> float:
        """Seconds between the end of one request to ``host`` and the start of the next."""
        name = host.split(":")[0]
        return max(self.interval, self._extra.get(host, 0.0), API_INTERVALS.get(name, 0.0))

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Wait for ``host``'s turn and hold it while the request runs."""
        with self._lock:
            host_lock = self._hosts.setdefault(host, threading.Lock())
        with host_lock:
            delay = self._free_at.get(host, 0.0) - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            try:
                yield
            finally:
                with self._lock:
                    ready = time.monotonic() + self.spacing(host)
                    self._free_at[host] = max(self._free_at.get(host, 0.0), ready)

    def pause(self, host: str, seconds: float) -> None:
        """No request to ``host`` for ``seconds`` from now (a server's Retry-After)."""
        with self._lock:
            until = time.monotonic() + seconds
            self._free_at[host] = max(self._free_at.get(host, until), until)


class RobotsRules:
    """robots.txt rules per host, read once each through ``get`` (which returns the body, or
    ``None`` when the site has none: then everything is allowed)."""

    def __init__(self, get: Callable[[str], bytes | None], user_agent: str) -> None:
        self._get = get
        self.user_agent = user_agent
        self._rules: dict[str, Protego | None] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def _rules_for(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        host = host_of(url)
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:  # one download of robots.txt per host, whatever the threads
            if host not in self._rules:
                body = self._get(f"{parts.scheme}://{parts.netloc}/robots.txt")
                text = body.decode("utf-8", errors="replace") if body else ""
                self._rules[host] = Protego.parse(text) if text.strip() else None
            return self._rules[host]

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this user agent fetch ``url``."""
        rules = self._rules_for(url)
        return rules is None or bool(rules.can_fetch(url, self.user_agent))

    def crawl_delay(self, url: str) -> float:
        """The host's ``Crawl-delay`` for this user agent (0 when none)."""
        rules = self._rules_for(url)
        delay = rules.crawl_delay(self.user_agent) if rules is not None else None
        return float(delay or 0.0)
