"""Crawl benchmark: fetch and extract pages from local servers through the polite HTTP layer.

Starts one HTTP server per host on 127.0.0.1, 127.0.0.2, ... (all loopback; in a child process,
so that serving costs nothing to the measured process) serving article pages we generate, lists
``--pages`` of them round-robin over the hosts, and runs :func:`narrascope.ingest.crawl.crawl`
into a fresh store: robots.txt read per host, per-host rate limit, bounded concurrency,
trafilatura extraction, dedup, DuckDB writes and frontier marks. Prints one JSON object:
pages/s, CPU seconds, peak RSS, and politeness measured from the servers' own request log (the
most requests any host received in any one-second window, and the smallest gap between two
requests to one host), which must never exceed ``--rate``.

Usage:
    python bench/bench_crawl.py                         # 5,000 pages, 20 hosts, 10 req/s each
    python bench/bench_crawl.py --pages 1000 --hosts 4 --rate 5 --concurrency 8
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psutil

from narrascope.config import load_config
from narrascope.ingest._http import Fetcher
from narrascope.ingest._pages import Listed, Listing
from narrascope.ingest.crawl import CrawlOptions, crawl
from narrascope.store import Store

WORDS = [
    "minister",
    "talks",
    "delegation",
    "moscow",
    "kabul",
    "taliban",
    "envoy",
    "format",
    "meeting",
    "peace",
    "council",
    "region",
    "security",
    "cooperation",
    "statement",
    "foreign",
    "ministry",
    "spokeswoman",
    "briefing",
    "partners",
    "afghanistan",
    "settlement",
    "dialogue",
    "negotiations",
    "consultations",
    "neighbours",
    "stability",
    "terrorism",
    "threat",
    "agreement",
    "conference",
    "capital",
    "invited",
    "representatives",
    "government",
    "opposition",
    "round",
]


def page(n: int) -> bytes:
    """Article ``n``: a headline, a date, eight paragraphs of words drawn with seed ``n``."""
    rng = random.Random(n)
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + ".</p>"
        for _ in range(8)
    )
    day = 1 + n % 28
    return (
        f"<html><head><title>Report {n}</title>"
        f'<meta property="article:published_time" content="2018-11-{day:02d}T10:00:00Z">'
        '<meta property="og:site_name" content="Bench Agency"></head><body>'
        '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
        f"<article><h1>Report {n}: talks in Moscow</h1>{paragraphs}</article>"
        "<footer>All rights reserved</footer></body></html>"
    ).encode()


def _handler(log: list[tuple[float, str]]) -> type[BaseHTTPRequestHandler]:
    class Handle(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            log.append((time.time(), self.headers.get("Host", "")))
            if self.path.startswith("/a/"):
                status, body = 200, page(int(self.path.rsplit("/", 1)[1]))
            else:
                status, body = 404, b"not found"
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handle


class QuietServer(ThreadingHTTPServer):
    """Says nothing when a client closes its kept-alive connection at the end."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(hosts: int, ports: Any, stop: Any, log_path: str) -> None:
    """In the child: one server per loopback address until ``stop``; then write the log."""
    log: list[tuple[float, str]] = []
    servers = []
    for k in range(hosts):
        httpd = QuietServer((f"127.0.0.{k + 1}", 0), _handler(log))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        ports.put((k + 1, httpd.server_address[1]))
    stop.wait()
    for httpd in servers:
        httpd.shutdown()
    Path(log_path).write_text(json.dumps(log), encoding="utf-8")


def politeness(log: list[tuple[float, str]]) -> dict[str, float]:
    """Most requests one host got in any one-second window; least gap between two of them."""
    by_host: dict[str, list[float]] = defaultdict(list)
    for when, host in log:
        by_host[host].append(when)
    most, least_gap = 0, float("inf")
    for times in by_host.values():
        times.sort()
        start = 0
        for end, when in enumerate(times):
            while when - times[start] >= 1.0:
                start += 1
            most = max(most, end - start + 1)
            if end:
                least_gap = min(least_gap, when - times[end - 1])
    return {"max_requests_in_any_second_per_host": most, "min_gap_s": round(least_gap, 4)}


class PeakRSS:
    """Samples this process's RSS every 50 ms in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            self.peak = max(self.peak, me.memory_info().rss)
            time.sleep(0.05)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(args: argparse.Namespace) -> dict[str, Any]:
    context = multiprocessing.get_context("fork")
    ports, stop = context.Queue(), context.Event()
    folder = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    log_path = folder / "requests.json"
    child = context.Process(target=serve, args=(args.hosts, ports, stop, str(log_path)))
    child.start()
    bases = dict(ports.get(timeout=30) for _ in range(args.hosts))
    pages = [
        Listed(url, url)
        for n in range(args.pages)
        for k in [1 + n % args.hosts]
        for url in [f"http://127.0.0.{k}:{bases[k]}/a/{n}"]
    ]
    config = load_config()
    config.update(
        {
            "fetch.rate_per_host": args.rate,
            "fetch.concurrency": args.concurrency,
            "fetch.max_pages": args.pages,
            "fetch.retries": 1,
        }
    )

    def lister(_fetcher: Fetcher) -> Listing:
        return Listing("bench pages", pages=pages)

    done: list[int] = []
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with Store(folder / "crawl.duckdb") as store, PeakRSS() as rss:
            summary = crawl(
                lister,
                store,
                options=CrawlOptions(config=config),
                progress=lambda n, _total: done.append(n),
            )
            frontier = store.frontier_counts().to_dict("records")
    finally:
        stop.set()
        child.join(timeout=60)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    log = [(t, h) for t, h in json.loads(log_path.read_text(encoding="utf-8"))]
    shutil.rmtree(folder, ignore_errors=True)
    totals = summary.totals
    polite = politeness([(t, h) for t, h in log])
    return {
        "pages": args.pages,
        "hosts": args.hosts,
        "rate_per_host": args.rate,
        "concurrency": args.concurrency,
        "stored": totals.stored,
        "rejected": totals.rejected,
        "requests_seen_by_servers": len(log),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "pages_per_s": round(args.pages / wall, 1),
        "pages_per_cpu_s": round(args.pages / cpu, 1) if cpu else None,
        "ceiling_pages_per_s": args.rate * args.hosts,
        "peak_rss_mb": round(rss.peak / 1e6, 1),
        **polite,
        "politeness_held": polite["max_requests_in_any_second_per_host"] <= args.rate,
        "frontier": frontier,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--rate", type=float, default=10.0, help="requests/s per host")
    parser.add_argument("--concurrency", type=int, default=8)
    result = run(parser.parse_args())
    print(json.dumps(result, indent=2))
    return 0 if result["politeness_held"] and result["stored"] == result["pages"] else 1


if __name__ == "__main__":
    sys.exit(main())
