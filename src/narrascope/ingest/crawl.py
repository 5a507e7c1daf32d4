"""The crawl runner: pages a source listed, fetched politely, into the store, resumably.

A source (:mod:`.wayback`, :mod:`.gdelt`, :mod:`.mediacloud`, :mod:`.sitemap`) lists pages;
:func:`crawl` enters them in the store's frontier, fetches those not yet done (at most
``--max-pages``, in the order listed) through one :class:`~narrascope.ingest._http.Fetcher`,
extracts each article with trafilatura and writes it through the ingest pipeline (dedup
included). Every few pages the articles are committed and then their frontier rows marked, so
an interrupted crawl loses nothing stored and a rerun fetches only what is left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from narrascope.errors import FetchError, InputError
from narrascope.ingest._article import Draft, Prepared
from narrascope.ingest._http import (
    Disallowed,
    Fetcher,
    FetchSettings,
    RateLimited,
    status_of,
)
from narrascope.ingest._pages import Listed, Listing, page_draft
from narrascope.ingest._pipeline import Aborted, BatchWriter, Preparer, SourceSummary
from narrascope.ingest._politeness import host_of
from narrascope.ingest.dedup import Deduplicator
from narrascope.ingest.runner import (
    IngestOptions,
    IngestSummary,
    _config,
    _duckdb_settings,
    _prepare_params,
)
from narrascope.records import Rejected
from narrascope.types import Progress

if TYPE_CHECKING:
    import pandas as pd

    from narrascope.ingest.outlets import OutletList
    from narrascope.store import Store

__all__ = ["CrawlOptions", "Lister", "crawl", "fetch_settings"]

CHUNK = 32  # pages committed (and marked done) together
Lister = Callable[[Fetcher], Listing]


@dataclass
class CrawlOptions:
    """How to crawl (command-line flags map one to one).

    Attributes:
        max_pages: Most pages fetched in one run (``fetch.max_pages`` when None); the rest
            wait in the frontier for the next run.
        ignore_robots: Fetch pages robots.txt disallows (for an archive such as the Wayback
            Machine, whose captures the user may read).
        max_attempts: Runs that may try a failing page before it is given up.
        outlet: Outlet for every article (else the page's site name, else its host).
        language: ISO code for every article (skips language identification).
        config: Settings (``narrascope.config.load_config()`` when None).
        outlets: A source list naming outlets by domain (``--outlet-list``, ``--state-media``).
    """

    max_pages: int | None = None
    ignore_robots: bool = False
    max_attempts: int = 3
    outlet: str | None = None
    language: str | None = None
    config: dict[str, Any] | None = None
    outlets: OutletList | None = None


def fetch_settings(options: CrawlOptions) -> FetchSettings:
    """The HTTP settings of a crawl (robots.txt off with ``ignore_robots``)."""
    config = dict(_config(IngestOptions(config=options.config)))
    settings = FetchSettings.from_config(config)
    if options.ignore_robots:
        settings = replace(settings, robots=False)
    return settings


def crawl(
    lister: Lister,
    store: Store,
    *,
    options: CrawlOptions | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """List pages with ``lister``, then fetch, extract and store those not yet done.

    Args:
        lister: Called with the open fetcher; returns what the source listed.
        store: The open, writable store.
        options: Page cap, robots.txt, outlet and language.
        progress: Called as ``progress(done, total)`` after each page.

    Returns:
        The counts of the crawl as one source of an ingest summary (its warnings say what
        was capped, given up or dated by the listing).

    Raises:
        FetchError: the listing itself could not be fetched (a rate limit says when to retry).
    """
    options = options or CrawlOptions()
    config = _config(IngestOptions(config=options.config))
    ingest_options = IngestOptions(
        outlet=options.outlet, language=options.language, config=config, outlets=options.outlets
    )
    params = _prepare_params(ingest_options, config)
    with Fetcher(fetch_settings(options)) as fetcher:
        listing = lister(fetcher)
        counts = SourceSummary(listing.source)
        counts.warnings.extend(listing.notes)
        todo = _plan(listing, store, options, config, counts)
        dedup = Deduplicator.from_store(
            store, threshold=float(config["dedup.threshold"]), num_perm=params.num_perm
        )
        with (
            store.duckdb_settings(**_duckdb_settings(config)),
            Preparer(params, workers=1) as preparer,
            BatchWriter(store, dedup, int(config["ingest.batch_size"])) as writer,
        ):
            _Crawl(listing, store, preparer, writer, counts, progress).run(fetcher, todo)
    return IngestSummary([counts])


def _plan(
    listing: Listing,
    store: Store,
    options: CrawlOptions,
    config: Any,
    counts: SourceSummary,
) -> list[Listed]:
    """Enter the listing in the frontier; the pages to fetch now, capped, with notes."""
    store.frontier_add(listing.source, [(p.fetch_url, p.to_json()) for p in listing.pages])
    rows = store.frontier_rows([p.fetch_url for p in listing.pages])
    by_url = {p.fetch_url: p for p in listing.pages}
    order = {url: n for n, url in enumerate(by_url)}
    rows = rows.assign(order=rows["url"].map(order)).sort_values("order")  # as listed
    todo, skipped = _split(rows, options.max_attempts, options.ignore_robots)
    counts.already_stored += skipped["done"]
    if skipped["failed"]:
        counts.warnings.append(
            f"{listing.source}: {skipped['failed']} pages failed {options.max_attempts} times and"
            " are not tried again (their errors: `narrascope export frontier`)"
        )
    earlier = skipped["gone"] + skipped["rejected"] + skipped["disallowed"]
    if earlier:
        counts.warnings.append(
            f"{listing.source}: {earlier} pages not fetched again: an earlier run found them"
            " gone (HTTP 4xx), without an article, or disallowed by robots.txt"
        )
    cap = options.max_pages if options.max_pages is not None else int(config["fetch.max_pages"])
    if len(todo) > cap:
        counts.warnings.append(
            f"{listing.source}: stopped at {cap} of {len(todo)} pages to fetch; use --max-pages"
            " to fetch more (a rerun continues with the rest)"
        )
        todo = todo[:cap]
    return _interleave([by_url[url] for url in todo])


def _interleave(pages: list[Listed]) -> list[Listed]:
    """The pages taken round-robin over their hosts (each host's in listing order), so that
    the fetch threads keep every host busy instead of queueing behind one."""
    by_host: dict[str, list[Listed]] = {}
    for page in pages:
        by_host.setdefault(host_of(page.fetch_url), []).append(page)
    queues = list(by_host.values())
    out: list[Listed] = []
    for n in range(max((len(q) for q in queues), default=0)):
        out.extend(q[n] for q in queues if n < len(q))
    return out


def _split(
    rows: pd.DataFrame, max_attempts: int, ignore_robots: bool
) -> tuple[list[str], Counter[str]]:
    """URLs to fetch now, and the others counted by status (``failed``: given up).

    A page robots.txt disallowed is fetched again when robots.txt is ignored."""
    todo: list[str] = []
    skipped: Counter[str] = Counter()
    retry = ("pending", "failed", "disallowed") if ignore_robots else ("pending", "failed")
    for url, status, attempts in zip(rows["url"], rows["status"], rows["attempts"], strict=True):
        if status in retry and (attempts < max_attempts or status == "disallowed"):
            todo.append(str(url))
        else:
            skipped[str(status)] += 1
    return todo, skipped


@dataclass
class _Outcome:
    """How one fetched page ended (for its frontier row)."""

    url: str
    status: str
    error: str | None = None


class _Crawl:
    """Fetch, extract, store and mark, chunk by chunk."""

    def __init__(
        self,
        listing: Listing,
        store: Store,
        preparer: Preparer,
        writer: BatchWriter,
        counts: SourceSummary,
        progress: Progress | None,
    ) -> None:
        self.listing = listing
        self.store = store
        self.preparer = preparer
        self.writer = writer
        self.counts = counts
        self.progress = progress
        self.dated_by_listing = 0
        self.outside = 0
        self.refused: dict[str, list[Any]] = {}  # host -> [its RateLimited, pages left]

    def run(self, fetcher: Fetcher, todo: Sequence[Listed]) -> None:
        pages = fetcher.fetch_many([p.fetch_url for p in todo])
        done = 0
        for chunk in _chunks(zip(todo, pages, strict=True), CHUNK):
            self._store_chunk(chunk, done)
            done += len(chunk)
            if self.progress is not None:
                self.progress(done, len(todo))
        self._notes()

    def _store_chunk(self, chunk: list[tuple[Listed, tuple[str, Any]]], offset: int) -> None:
        drafts: list[Draft] = []
        outcomes: dict[int, _Outcome] = {}
        for n, (listed, (_url, body)) in enumerate(chunk, offset + 1):
            item = self._draft(listed, body, n)
            if isinstance(item, Draft):
                drafts.append(item)
                outcomes[n] = _Outcome(listed.fetch_url, "done")
            else:
                outcomes[n] = item
        for result in self.preparer.run(drafts):
            if isinstance(result, Aborted):  # pragma: no cover - drafts never raise
                raise result.error
            self._count(result)
            if isinstance(result, Rejected):
                outcomes[result.line] = _Outcome(
                    outcomes[result.line].url, "rejected", result.reason
                )
            self.writer.add(result, self.counts)
        self.writer.flush()  # committed first, then marked: a crash leaves pages to refetch
        self.store.frontier_mark([(o.url, o.status, o.error) for o in outcomes.values()])

    def _draft(self, listed: Listed, body: bytes | FetchError, line: int) -> Draft | _Outcome:
        """The page's draft, or its failure (recorded as a rejection)."""
        try:
            if isinstance(body, FetchError):
                raise body
            return page_draft(listed, body, line)
        except RateLimited as exc:
            self.refused.setdefault(host_of(listed.fetch_url), [exc, 0])[1] += 1
            return _Outcome(listed.fetch_url, "pending", exc.one_line())
        except FetchError as exc:
            status = "gone" if _client_error(exc) else "failed"
            status = "disallowed" if isinstance(exc, Disallowed) else status
            return self._reject(listed, status, exc)
        except InputError as exc:
            return self._reject(listed, "rejected", exc)

    def _reject(self, listed: Listed, status: str, exc: InputError) -> _Outcome:
        reason = exc.one_line()
        self.counts.read += 1
        self.writer.reject(Rejected(listed.fetch_url, 0, reason), self.counts)
        return _Outcome(listed.fetch_url, status, reason)

    def _count(self, result: Prepared | Rejected) -> None:
        if not isinstance(result, Prepared):
            return
        article = result.article
        if article.published_at is None:
            self.counts.undated += 1
            return
        if "+" in article.extractor:
            self.dated_by_listing += 1
        start, end = self.listing.start, self.listing.end
        if (start and article.published_at < start) or (end and article.published_at >= end):
            self.outside += 1

    def _notes(self) -> None:
        source, notes = self.listing.source, self.counts.warnings
        if self.dated_by_listing:
            notes.append(
                f"{source}: {self.dated_by_listing} pages carry no date of their own and are"
                " dated by the listing (extractor trafilatura+capture-date or +listed-date)"
            )
        if self.outside:
            notes.append(
                f"{source}: {self.outside} pages carry their own date outside the range asked"
                " for (kept, with that date)"
            )
        if self.counts.undated:
            notes.append(f"{source}: {self.counts.undated} pages have no date at all")
        for host, (error, left) in self.refused.items():
            notes.append(
                f"{source}: {host} refused ({error.message}); {left} pages left for a rerun"
                f" — {error.hint}"
            )


def _client_error(exc: FetchError) -> bool:
    """A 4xx answer (other than 429): the page is not coming back by retrying."""
    code = status_of(exc)
    return code is not None and 400 <= code < 500 and code != 429


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
