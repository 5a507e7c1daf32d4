"""The crawl runner's planning: pages capped in listing order, fetched round-robin over hosts."""

from __future__ import annotations

from narrascope.ingest._pages import Listed
from narrascope.ingest.crawl import _interleave


def _page(host: str, n: int) -> Listed:
    url = f"http://{host}/a/{n}"
    return Listed(url, url)


def test_interleave_takes_hosts_in_turn_keeping_each_hosts_order() -> None:
    pages = [_page("a", 1), _page("a", 2), _page("a", 3), _page("b", 1), _page("c", 1)]
    pages.append(_page("b", 2))
    order = [p.url.removeprefix("http://") for p in _interleave(pages)]
    assert order == ["a/a/1", "b/a/1", "c/a/1", "a/a/2", "b/a/2", "a/a/3"]
    assert _interleave([]) == []
