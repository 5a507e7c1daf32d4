"""A scriptable HTTP server on 127.0.0.1 for the crawl sources' tests (CDX, GDELT, Media Cloud,
sitemaps): each path is answered by a function of the query, and every request is logged."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    """One answer: status, body, headers, and a delay before answering (timeouts)."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Handler = Callable[[dict[str, list[str]]], Reply]


@dataclass
class Site:
    """The server's routes (by path, query ignored) and its request log."""

    base: str = ""
    routes: dict[str, Handler] = field(default_factory=dict)
    log: list[tuple[float, str, dict[str, list[str]]]] = field(default_factory=list)

    def serve(self, path: str, handler: Handler | Reply | bytes) -> str:
        """Answer ``path`` with a handler, a fixed reply or HTML bytes; returns its URL."""
        if isinstance(handler, bytes):
            handler = Reply(handler)
        if isinstance(handler, Reply):
            fixed = handler
            self.routes[path] = lambda _query: fixed
        else:
            self.routes[path] = handler
        return self.base + path

    def paths(self) -> list[str]:
        """Paths requested, in order."""
        return [path for _, path, _ in self.log]

    def queries(self, path: str) -> list[dict[str, list[str]]]:
        """Query strings of the requests to ``path``."""
        return [query for _, p, query in self.log if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handle(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            site.log.append((time.monotonic(), parts.path, query))
            route = site.routes.get(parts.path)
            reply = route(query) if route else Reply(b"not found", 404, "text/plain")
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:
                pass  # the client gave up (timeout tests)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handle


@contextmanager
def running_site() -> Iterator[Site]:
    """A :class:`Site` served on 127.0.0.1 (a free port) from a thread."""
    site = Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    httpd.daemon_threads = True
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()


def article_page(
    title: str, body: str, *, date: str | None = None, site: str = "Test Agency"
) -> bytes:
    """An article page we write: headline, a few paragraphs, optionally its own date."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paragraphs = "".join(f"<p>{body} Paragraph {n} adds detail on the talks.</p>" for n in range(4))
    return (
        f"<html><head><title>{title}</title>{meta}"
        f'<meta property="og:site_name" content="{site}"></head>'
        f"<body><nav>Home | World</nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>(c) agency</footer></body></html>"
    ).encode()
