"""The local multi-process engine (``narrascope analyze --engine processes``).

Worker processes map :func:`narrascope.analysis.batch.analyze_batch` over batches of stored
articles and leave every write to this process (the store's single writer), so their rows equal
the local runner's, under the same run id.

Example:
    >>> with Store("narrascope.duckdb") as store:                         # doctest: +SKIP
    ...     analyze_processes(store, load_codebook("crisis-diplomacy"), ["lexicon"], workers=2)
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TYPE_CHECKING, Any

from narrascope.analysis._worker import (
    ParallelSummary,
    WorkerError,
    WorkerSetup,
    WorkerState,
    add_counts,
    require_articles,
    run_id_for,
    run_manifest,
    try_load,
)
from narrascope.analysis.batch import BatchResult
from narrascope.errors import NarrascopeError
from narrascope.records import Article
from narrascope.text import sentences_from_spans
from narrascope.types import Progress

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Spans, Store

__all__ = ["analyze_processes"]

_PROCESS_STATE: dict[str, Any] = {}


def _init_process(setup: WorkerSetup) -> None:
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # one thread per worker, as Dask's nanny sets
    _PROCESS_STATE["loaded"], _PROCESS_STATE["error"] = try_load(setup)


def _process_loaded() -> WorkerState:
    error = _PROCESS_STATE.get("error")
    if error is not None:
        raise error
    loaded: WorkerState = _PROCESS_STATE["loaded"]
    return loaded


def _process_models() -> dict[str, Any]:
    return _process_loaded().models()


def _process_batch(articles: list[Article], spans: list[Spans]) -> BatchResult:
    try:
        result = _process_loaded().analyze(articles, sentences_from_spans(articles, spans))
    except NarrascopeError as exc:
        raise WorkerError.wrap(exc) from None
    result.sentences = []  # the parent does not need them: do not ship them back
    return result


def analyze_processes(
    store: Store,
    codebook: Codebook,
    detector_names: Sequence[str],
    *,
    workers: int = 2,
    batch_size: int = 500,
    model: str | None = None,
    actors: bool = False,
    imports: Sequence[str] = (),
    progress: Progress | None = None,
) -> ParallelSummary:
    """Analyse every stored article with ``workers`` local processes; this process writes.

    Returns:
        A :class:`ParallelSummary` (same run id and rows as the local runner).
    """
    total = require_articles(store)
    names, options = list(detector_names), {"actors": actors}
    summary = ParallelSummary(run_id_for(codebook, names, options), engine="processes")
    summary.workers = workers
    setup = WorkerSetup(codebook, tuple(names), model, actors, tuple(imports))
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, context, initializer=_init_process, initargs=(setup,)
    ) as pool:
        models = pool.submit(_process_models).result()
        manifest_options = dict(options, engine="processes", workers=workers)
        manifest = run_manifest(codebook, names, models, manifest_options)
        store.stage_run(summary.run_id, manifest)  # the previous results stay until commit
        staged = store.staging_id(summary.run_id)
        batches = store.iter_article_spans(batch_size)  # workers rebuild the sentences
        try:
            for n_articles, result in _map_batches(pool, batches, workers):
                store.write_results(
                    staged, result.hits, result.labels, result.mentions, result.quotes
                )
                add_counts(summary, n_articles, result)
                if progress:
                    progress(summary.articles, total)
        except BaseException:
            store.interrupt_run(summary.run_id)
            raise
    store.commit_run(summary.run_id, summary.articles)
    summary.timings["total"] = time.perf_counter() - started
    return summary


def _map_batches(
    pool: ProcessPoolExecutor,
    batches: Iterator[tuple[list[Article], list[Spans]]],
    workers: int,
) -> Iterator[tuple[int, BatchResult]]:
    """Results as they complete, with at most two batches in flight per worker."""
    pending: dict[Future[BatchResult], int] = {}
    for articles, spans in batches:
        pending[pool.submit(_process_batch, articles, spans)] = len(articles)
        if len(pending) >= 2 * workers:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()
    for future in list(pending):
        yield pending.pop(future), future.result()
