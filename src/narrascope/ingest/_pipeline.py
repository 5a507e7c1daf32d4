"""The ingest pipeline's machinery: per-source counts, parallel preparation, batched writes.

:class:`Preparer` runs :func:`~narrascope.ingest._article.prepare` over a reader's drafts, in
this process for small inputs and in worker processes once an input is large; results always
come back in input order, so runs are deterministic. :class:`BatchWriter` skips articles
already stored, deduplicates, builds sentences and writes one transaction per batch.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from narrascope.errors import NarrascopeError
from narrascope.ingest._article import Draft, Prepared, PrepareParams, prepare_items
from narrascope.records import Article, Rejected
from narrascope.store._dedup import KIND_ORIGIN, id_lookups, origin_key, stored_ids

if TYPE_CHECKING:
    from narrascope.ingest.dedup import Deduplicator
    from narrascope.store import Store

CHUNK_SIZE = 64
PARALLEL_MIN_BYTES = 8_000_000  # smaller inputs are prepared in-process (no worker start-up)
MAX_EXAMPLES = 5

Item = Draft | Rejected
Result = Prepared | Rejected


@dataclass
class SourceSummary:
    """Counts for one input file or URL.

    ``read`` counts records (lines, rows, files, feed items); ``stored`` counts articles
    written in this run, duplicates included (they are kept, linked to their canonical);
    ``rejected`` counts records and pages that could not be used. ``undated`` counts
    articles read without a date, ``updated`` already stored articles whose date, outlet or url
    a re-ingest changed, ``remapped`` records read again whose text changed (a new title or
    text mapping; stored as new articles); ``warnings`` are one-line notes about the source.
    """

    source: str
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    rejected: int = 0
    error: str | None = None
    examples: list[str] = field(default_factory=list)
    undated: int = 0
    updated: int = 0
    remapped: int = 0
    warnings: list[str] = field(default_factory=list)
    _last_line: int | None = field(default=None, repr=False)

    def count_record(self, line: int) -> None:
        """Count a record once, however many results it produced."""
        if line != self._last_line:
            self.read += 1
        self._last_line = line

    def note(self, reason: str) -> None:
        """Count a rejection and keep the first few reasons for display."""
        self.rejected += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(reason)


@dataclass(frozen=True)
class Aborted:
    """A reader stopped with an error; it arrives after every item read before it."""

    error: NarrascopeError


Pending = Future[list[Result]] | list[Result | Aborted]


def _guarded(items: Iterable[Item]) -> Iterator[Item | Aborted]:
    try:
        yield from items
    except NarrascopeError as exc:
        yield Aborted(exc)
    except OSError as exc:
        yield Aborted(NarrascopeError(f"cannot read ({exc.strerror or exc})"))
    except Exception as exc:  # a reader bug must not lose the batch and the other sources
        reason = f"unexpected error while reading ({type(exc).__name__}: {str(exc)[:200]})"
        yield Aborted(NarrascopeError(reason, hint="please report this with the input file"))


class Preparer:
    """Prepares drafts in order, with up to ``workers`` processes.

    Args:
        params: Settings for :func:`prepare`.
        workers: Worker processes (0 or 1: everything in this process).
        min_bytes: Inputs smaller than this are prepared in-process.
    """

    def __init__(self, params: PrepareParams, workers: int, min_bytes: int | None = None) -> None:
        self.params = params
        self.workers = workers
        self.min_bytes = PARALLEL_MIN_BYTES if min_bytes is None else min_bytes
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, items: Iterable[Item], size_hint: int = 0) -> Iterator[Result | Aborted]:
        """Prepared articles and rejections, in input order; a reader error comes last.

        ``size_hint`` (the input's size in bytes) decides whether worker processes are used.
        """
        parallel = self.workers > 1 and size_hint >= self.min_bytes
        pending: deque[tuple[Pending, list[Item | Aborted]]] = deque()
        limit = 4 * max(1, self.workers)
        for chunk in _chunks(_guarded(items)):
            pending.append((self._submit(chunk, parallel), chunk))
            while len(pending) > limit or (pending and _ready(pending[0][0])):
                yield from self._collect(*pending.popleft())
        while pending:
            yield from self._collect(*pending.popleft())

    def _submit(self, chunk: list[Item | Aborted], parallel: bool) -> Pending:
        if not parallel or self.workers <= 1 or isinstance(chunk[-1], Aborted):
            return _prepare_local(chunk, self.params)
        if self._pool is None:
            context = multiprocessing.get_context(_start_method())
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
            )
        return self._pool.submit(prepare_items, chunk, self.params)  # type: ignore[arg-type]

    def _collect(self, entry: Pending, chunk: list[Item | Aborted]) -> list[Result | Aborted]:
        if isinstance(entry, list):
            return entry
        try:
            return list(entry.result())
        except BrokenProcessPool as exc:
            # Workers could not start (e.g. an unguarded __main__ under "spawn") or died:
            # finish in this process rather than fail the run.
            if self.workers > 1:
                message = f"ingest worker processes failed ({exc}); continuing in-process"
                warnings.warn(message, RuntimeWarning, stacklevel=2)
            self.workers = 1
            self.close()
            return _prepare_local(chunk, self.params)


def _start_method() -> str:
    """``fork`` on Linux, else ``spawn``.

    Workers only run :func:`prepare_items` (pure Python and NumPy, no DuckDB, no BLAS
    threads), so forking is safe there, starts instantly and, unlike ``spawn``, never
    re-imports the caller's ``__main__`` (an unguarded script would run again in each worker).
    """
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _watch_parent(parent: int) -> None:
    """In a worker: exit as soon as the parent process is gone (killed or crashed)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _chunks(items: Iterable[Item | Aborted]) -> Iterator[list[Item | Aborted]]:
    chunk: list[Item | Aborted] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK_SIZE or isinstance(item, Aborted):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepare_local(chunk: list[Item | Aborted], params: PrepareParams) -> list[Result | Aborted]:
    aborted = [c for c in chunk if isinstance(c, Aborted)]
    items = [c for c in chunk if not isinstance(c, Aborted)]
    return [*prepare_items(items, params), *aborted]


def _ready(entry: Pending) -> bool:
    return isinstance(entry, list) or entry.done()


class BatchWriter:
    """Buffers prepared articles and writes them one transaction per batch, in a thread.

    Articles whose id is already stored (an earlier run, or earlier in this one) are counted
    as ``already_stored`` and skipped; the rest are deduplicated in order. Writing runs in one
    background thread (DuckDB releases the GIL), so reading and preparing go on meanwhile; at
    most one batch is being written while the next fills, and batches are written in order.
    An error in a write is raised by the next :meth:`add` or :meth:`flush`. Use as a context
    manager: leaving it waits for the write in progress (and, without an error, flushes).
    """

    def __init__(self, store: Store, dedup: Deduplicator, batch_size: int) -> None:
        self.store = store
        self.dedup = dedup
        self.batch_size = max(1, batch_size)
        self._pending: list[tuple[Prepared, SourceSummary]] = []
        self._rejected: list[Rejected] = []
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="narrascope-writer")
        self._writing: Future[None] | None = None

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            if exc_type is None:
                self.flush()
            else:
                self._wait(raise_errors=False)
        finally:
            self._thread.shutdown(wait=True)

    def add(self, result: Result, summary: SourceSummary) -> None:
        """Queue one result; hands a full buffer to the writer thread."""
        summary.count_record(result.line)
        if isinstance(result, Rejected):
            self.reject(result, summary)
            return
        self._pending.append((result, summary))
        if len(self._pending) >= self.batch_size:
            self._submit()

    def reject(self, rejected: Rejected, summary: SourceSummary) -> None:
        """Queue a rejection for the ``rejected`` table (a lone surrogate in its reason, quoted
        from the input, is escaped so that the row can be stored)."""
        reason = rejected.reason.encode("utf-8", "backslashreplace").decode("utf-8")
        path = rejected.source_path.encode("utf-8", "backslashreplace").decode("utf-8")
        rejected = Rejected(path, rejected.line, reason)
        summary.note(rejected.reason)
        self._rejected.append(rejected)

    def flush(self) -> None:
        """Write everything buffered and wait until it is stored."""
        self._submit()
        self._wait()

    def _submit(self) -> None:
        pending, self._pending = self._pending, []
        rejected, self._rejected = self._rejected, []
        self._wait()
        if pending or rejected:
            self._writing = self._thread.submit(self._write_all, pending, rejected)

    def _wait(self, *, raise_errors: bool = True) -> None:
        writing, self._writing = self._writing, None
        if writing is None:
            return
        error = writing.exception()
        if error is not None and raise_errors:
            raise error

    def _write_all(
        self, pending: list[tuple[Prepared, SourceSummary]], rejected: list[Rejected]
    ) -> None:
        if pending:
            self._write(pending)
        if rejected:
            self.store.write_rejected(rejected)

    def _write(self, pending: list[tuple[Prepared, SourceSummary]]) -> None:
        """Skip stored ids, deduplicate and append one batch (one scan of the lookup keys)."""
        articles = [p.article for p, _ in pending]
        ids = {a.id for a in articles}
        id_kinds, id_keys = id_lookups(ids)
        origins = {key for key in map(_origin, articles) if key is not None}
        kinds, keys = self.dedup.lookups(articles, [p.signature for p, _ in pending])
        found = self.store.find_keys(
            np.concatenate([id_kinds, np.full(len(origins), KIND_ORIGIN, np.uint8), kinds]),
            np.concatenate([id_keys, np.array(sorted(origins), dtype=np.uint64), keys]),
        )
        stored = stored_ids(found, ids)
        earlier = {key: article_id for kind, key, article_id in found if kind == KIND_ORIGIN}
        fresh: list[tuple[Prepared, SourceSummary]] = []
        known: list[tuple[Article, SourceSummary]] = []
        for prepared, summary in pending:
            article = prepared.article
            if article.id in stored:
                summary.already_stored += 1
                if earlier.get(_origin(article) or -1) == article.id:  # this record, read again
                    known.append((article, summary))
                continue
            stored.add(article.id)
            fresh.append((prepared, summary))
        fresh = self._reread(fresh, earlier, known)
        assigned = self.dedup.assign_batch(
            [p.article for p, _ in fresh], [p.signature for p, _ in fresh], found
        )
        signatures: dict[str, bytes] = {}
        for article, (prepared, summary) in zip(assigned, fresh, strict=True):
            _count(article, summary)
            if article.dup_kind is None and prepared.signature is not None:
                signatures[article.id] = prepared.signature
        spans = [p.span_bytes for p, _ in fresh]
        self.store.append_articles(assigned, spans, signatures, self.dedup.index_entries())
        self.dedup.forget()
        self._update(known)

    def _reread(
        self,
        fresh: list[tuple[Prepared, SourceSummary]],
        earlier: dict[int, str],
        known: list[tuple[Article, SourceSummary]],
    ) -> list[tuple[Prepared, SourceSummary]]:
        """Take out records read again from the same file with a new mapping.

        A record with the origin (source path and raw bytes) of a stored article is that
        article read again: with the same text (a new outlet, url or date mapping) it is not
        stored twice but updates the stored article (moved to ``known``); with another text (a
        new title or text mapping) it is stored as a new article, with a warning. ``earlier``
        maps the origin keys found in the store to their articles.
        """
        if not earlier:
            return fresh
        matches: dict[int, str] = {}
        for n, (prepared, _) in enumerate(fresh):
            key = _origin(prepared.article)
            if key in earlier:
                matches[n] = earlier[key]
        texts = self.store.text_keys(list(matches.values()))
        kept: list[tuple[Prepared, SourceSummary]] = []
        for n, (prepared, summary) in enumerate(fresh):
            article_id = matches.get(n)
            article = prepared.article
            if article_id is None or article_id not in texts:
                kept.append((prepared, summary))
            elif texts[article_id] == (article.content_hash, article.title):
                summary.already_stored += 1
                known.append((replace(article, id=article_id), summary))
            else:
                summary.remapped += 1
                kept.append((prepared, summary))
        return kept

    def _update(self, known: list[tuple[Article, SourceSummary]]) -> None:
        """Give already stored articles the date, outlet and url this run found."""
        rows = {
            a.id: {"published_at": a.published_at, "outlet": a.outlet, "url": a.url}
            for a, _ in known
            if a.published_at is not None or a.outlet or a.url
        }
        if not rows:
            return
        summaries = {a.id: s for a, s in known}
        for article_id in self.store.update_metadata(rows):
            summaries[article_id].updated += 1


def _origin(article: Article) -> int | None:
    """The origin key of an article read from a file (see ``store._dedup.origin_key``)."""
    if not article.source_path:
        return None
    return origin_key(article.source_path, article.raw_sha256)


def _count(article: Article, summary: SourceSummary) -> None:
    summary.stored += 1
    if article.dup_kind == "exact":
        summary.exact_duplicates += 1
    elif article.dup_kind == "near":
        summary.near_duplicates += 1
