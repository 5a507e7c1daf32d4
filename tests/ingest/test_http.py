"""The polite HTTP layer against a real server on 127.0.0.1: per-host spacing, robots.txt,
Retry-After, retries, timeouts and the concurrency limit."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from tests.ingest._sites import Reply, Site, running_site

from narrascope.errors import FetchError
from narrascope.ingest._http import Disallowed, Fetcher, FetchSettings, RateLimited, fetch
from narrascope.ingest._politeness import HostLimiter, host_of

pytestmark = pytest.mark.network


def settings(**changes: object) -> FetchSettings:
    base: dict[str, object] = {
        "timeout": 2.0,
        "retries": 2,
        "backoff": 0.01,
        "rate_per_host": 0.0,
        "user_agent": "narrascope-test/1",
    }
    return FetchSettings(**{**base, **changes})  # type: ignore[arg-type]


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def test_requests_to_one_host_are_spaced_by_the_rate(site: Site) -> None:
    urls = [site.serve(f"/p{n}", b"<p>page</p>") for n in range(6)]
    with Fetcher(settings(rate_per_host=10.0, concurrency=4, robots=False)) as fetcher:
        bodies = [body for _, body in fetcher.fetch_many(urls)]
    assert bodies == [b"<p>page</p>"] * 6
    starts = sorted(t for t, _, _ in site.log)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(gaps) == 5 and min(gaps) >= 0.1  # 10 per second: 0.1 s after each answer


def test_results_come_in_input_order_with_failures_in_place(site: Site) -> None:
    ok = site.serve("/ok", b"fine")
    missing = site.base + "/missing"
    slow = site.serve("/slow", Reply(b"late", delay=0.3))
    with Fetcher(settings(concurrency=3, robots=False)) as fetcher:
        results = list(fetcher.fetch_many([slow, missing, ok]))
    assert [url for url, _ in results] == [slow, missing, ok]
    assert results[0][1] == b"late" and results[2][1] == b"fine"
    assert isinstance(results[1][1], FetchError) and "HTTP 404" in results[1][1].one_line()


def test_concurrency_limit_holds_and_one_host_gets_one_request_at_a_time() -> None:
    lock, state = threading.Lock(), {"now": 0, "most": 0}
    per_host: dict[str, list[int]] = {}

    def slow(site: Site) -> Any:
        def answer(_query: dict[str, list[str]]) -> Reply:
            with lock:
                state["now"] += 1
                state["most"] = max(state["most"], state["now"])
                busy = per_host.setdefault(site.base, [0, 0])
                busy[0] += 1
                busy[1] = max(busy[1], busy[0])
            time.sleep(0.15)
            with lock:
                state["now"] -= 1
                busy[0] -= 1
            return Reply(b"x")

        return answer

    with ExitStack() as stack:
        sites = [stack.enter_context(running_site()) for _ in range(3)]
        for running in sites:
            running.serve("/slow", slow(running))
        urls = [f"{sites[n % 3].base}/slow?n={n}" for n in range(12)]
        with Fetcher(settings(concurrency=2, robots=False)) as fetcher:
            assert all(body == b"x" for _, body in fetcher.fetch_many(urls))
    assert state["most"] == 2  # fetch.concurrency
    assert {most for _, most in per_host.values()} == {1}  # never two at once to one host


def test_robots_txt_disallow_and_crawl_delay(site: Site) -> None:
    site.serve("/robots.txt", Reply(b"User-agent: *\nDisallow: /private\nCrawl-delay: 0.3\n"))
    open_url = site.serve("/open", b"open")
    site.serve("/open2", b"open2")
    private = site.serve("/private/a", b"secret")
    with Fetcher(settings(concurrency=2)) as fetcher:
        with pytest.raises(Disallowed, match=r"/private/a: robots.txt does not allow"):
            fetcher.get(private)
        assert fetcher.get(open_url) == b"open"
        assert fetcher.get(site.base + "/open2") == b"open2"
    assert site.paths().count("/robots.txt") == 1 and "/private/a" not in site.paths()
    starts = [t for t, path, _ in site.log if path.startswith("/open")]
    assert starts[1] - starts[0] >= 0.28  # the site's Crawl-delay, though the rate is unlimited
    with Fetcher(settings(robots=False)) as fetcher:
        assert fetcher.get(private) == b"secret"  # --ignore-robots


def test_robots_txt_server_error_means_stay_out(site: Site) -> None:
    site.serve("/robots.txt", Reply(b"oops", status=500))
    page = site.serve("/page", b"page")
    with Fetcher(settings(retries=0)) as fetcher, pytest.raises(Disallowed):
        fetcher.get(page)


def test_retry_after_is_honoured_then_the_page_comes(site: Site) -> None:
    answers = iter([Reply(b"slow down", 429, headers={"Retry-After": "1"}), Reply(b"done")])
    site.serve("/api", lambda _q: next(answers))
    with Fetcher(settings(robots=False)) as fetcher:
        assert fetcher.get(site.base + "/api", robots=False) == b"done"
    first, second = (t for t, _, _ in site.log)
    assert second - first >= 0.95


def test_a_long_retry_after_is_a_rate_limit_error_saying_when(site: Site) -> None:
    site.serve("/api", Reply(b"quota", 429, headers={"Retry-After": "3600"}))
    with Fetcher(settings(robots=False)) as fetcher, pytest.raises(RateLimited) as info:
        fetcher.get(site.base + "/api")
    message = info.value.one_line()
    assert "rate limit or quota reached (HTTP 429)" in message
    assert "asks to wait 3600 s" in message and "retry after 20" in message
    assert info.value.retry_at is not None and len(site.log) == 1  # not hammered


def test_429_without_retry_after_is_retried_then_reported(site: Site) -> None:
    site.serve("/api", Reply(b"busy", 429))
    with pytest.raises(RateLimited, match=r"HTTP 429\) after 3 attempts.*retry later"):
        fetch(site.base + "/api", settings())
    assert len(site.log) == 3


def test_timeout_and_server_error_are_one_line_fetch_errors(site: Site) -> None:
    slow = site.serve("/slow", Reply(b"late", delay=1.0))
    broken = site.serve("/broken", Reply(b"oops", status=500))
    with Fetcher(settings(timeout=0.3, retries=1, robots=False)) as fetcher:
        results = dict(fetcher.fetch_many([slow, broken]))
    assert "timed out after 0.3 s after 2 attempts" in str(results[slow])
    assert "HTTP 500 Internal Server Error after 2 attempts" in str(results[broken])


def test_host_limiter_keys_hosts_apart() -> None:
    limiter = HostLimiter(rate=2.0)
    assert host_of("http://Example.org:8080/a") == "example.org:8080"
    assert limiter.spacing("example.org") == 0.5
    assert limiter.spacing("api.gdeltproject.org") == 5.0  # GDELT asks for 5 s
    began = time.monotonic()
    for host in ("a", "b", "c"):
        with limiter.turn(host):
            pass
    assert time.monotonic() - began < 0.2  # different hosts do not wait for each other
    with limiter.turn("a"):
        pass
    assert time.monotonic() - began >= 0.5  # the same host waits its spacing
