"""The local multi-process runner (``narrascope analyze --engine processes``) and what every
parallel engine shares: the worker set-up, built once per worker process, and the summary.

The runners map :func:`narrascope.pipeline.analyze_batch` and leave every write to this
process (the store's single writer), so their rows equal the local runner's, under the same
run id. The Dask runner lives in :mod:`narrascope.distributed`.

Example:
    >>> with Store("narrascope.duckdb") as store:                         # doctest: +SKIP
    ...     analyze_processes(store, load_codebook("crisis-diplomacy"), ["lexicon"], workers=2)
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrascope.errors import NarrascopeError, StoreError, UsageError
from narrascope.pipeline import (
    BatchResult,
    RunSummary,
    analyze_batch,
    build_detectors,
    narrascope_version,
    run_id_for,
)
from narrascope.records import Article, Sentence
from narrascope.text import sentences_from_spans

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Spans, Store

__all__ = [
    "ENGINES",
    "ParallelSummary",
    "WorkerError",
    "WorkerSetup",
    "WorkerState",
    "analyze_parallel",
    "analyze_processes",
    "describe_run",
]

log = logging.getLogger(__name__)

ENGINES = ("local", "processes", "dask")
Progress = Callable[[int, int], None]


class WorkerError(NarrascopeError):
    """A failure inside a worker (a picklable copy of the original error and exit code)."""

    def __init__(self, message: str, exit_code: int = 1, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.exit_code = exit_code

    def __reduce__(self) -> tuple[Any, ...]:
        return (WorkerError, (self.message, self.exit_code, self.hint))

    @classmethod
    def wrap(cls, exc: BaseException) -> WorkerError:
        """A picklable stand-in for ``exc`` (narrascope errors keep their exit code)."""
        if isinstance(exc, NarrascopeError):
            return cls(exc.one_line(), exc.exit_code)
        return cls(f"{type(exc).__name__}: {exc}")


@dataclass
class ParallelSummary(RunSummary):
    """A :class:`~narrascope.pipeline.RunSummary` with what the parallel engine did."""

    engine: str = "local"
    workers: int = 1
    partitions: int = 0
    reused: int = 0
    retried: dict[str, list[str]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker needs to analyse: built once per worker process.

    ``imports`` names modules to import first, e.g. ones that register detectors in code.
    """

    codebook: Codebook
    detectors: tuple[str, ...]
    model: str | None = None
    actors: bool = False
    imports: tuple[str, ...] = ()

    def load(self) -> WorkerState:
        """Import, build the detectors (loading their models) and actor extractors."""
        for module in self.imports:
            importlib.import_module(module)
        detectors = build_detectors(self.detectors, model=self.model)
        from narrascope.pipeline import actor_quote_extractors

        actors, quotes = actor_quote_extractors() if self.actors else (None, None)
        return WorkerState(self.codebook, detectors, actors, quotes)


@dataclass
class WorkerState:
    """A worker's loaded codebook, detectors and extractors; analyses one batch."""

    codebook: Codebook
    detectors: list[Any]
    actors: Any = None
    quotes: Any = None

    def analyze(self, articles: Sequence[Article], sentences: Sequence[Sentence]) -> BatchResult:
        """:func:`~narrascope.pipeline.analyze_batch` with this worker's objects."""
        return analyze_batch(
            articles,
            self.codebook,
            self.detectors,
            sentences=sentences,
            actors=self.actors,
            quotes=self.quotes,
        )

    def models(self) -> dict[str, Any]:
        """Model information per detector, for the run manifest."""
        return {d.name: getattr(d, "model_info", dict)() for d in self.detectors}


def try_load(setup: WorkerSetup) -> tuple[WorkerState | None, WorkerError | None]:
    """The loaded state, or the error as a picklable :class:`WorkerError`."""
    try:
        return setup.load(), None
    except Exception as exc:  # reported to the parent by the probe, never swallowed
        log.debug("narrascope worker set-up failed", exc_info=True)
        return None, WorkerError.wrap(exc)


def run_manifest(
    codebook: Codebook, names: Sequence[str], models: dict[str, Any], options: dict[str, Any]
) -> dict[str, Any]:
    """The ``runs`` manifest of a parallel run (as the local runner writes it, plus options)."""
    return {
        "narrascope_version": narrascope_version(),
        "codebook_id": codebook.id,
        "codebook_hash": codebook.version,
        "detectors": list(names),
        "models": {"detectors": models, "options": options},
    }


def require_articles(store: Store) -> int:
    """The number of stored articles; a clear error when there are none."""
    total = store.count("articles")
    if total == 0:
        raise StoreError(
            "the store has no articles", path=store.path, hint="run `narrascope ingest` first"
        )
    return total


# -- the engine switch used by the CLI ----------------------------------------------------------
def analyze_parallel(
    engine: str,
    store: Store,
    codebook: Codebook,
    detector_names: Sequence[str],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    model: str | None = None,
    actors: bool = False,
    batch_size: int = 500,
    partition_dir: str | Path | None = None,
    progress: Progress | None = None,
) -> ParallelSummary:
    """Run ``analyze`` on the ``processes`` or ``dask`` engine (``batch_size`` articles per
    batch or partition); the local engine is :func:`narrascope.pipeline.analyze`."""
    if engine == "processes":
        return analyze_processes(
            store,
            codebook,
            detector_names,
            workers=workers,
            batch_size=batch_size,
            model=model,
            actors=actors,
            progress=progress,
        )
    if engine == "dask":
        from narrascope.distributed import analyze_dask

        return analyze_dask(
            store,
            codebook,
            detector_names,
            scheduler=scheduler,
            workers=workers,
            partition_dir=partition_dir,
            partition_size=batch_size,
            model=model,
            actors=actors,
            progress=progress,
        )
    raise UsageError(f"unknown engine {engine!r}", hint=f"use one of {', '.join(ENGINES)}")


def describe_run(summary: RunSummary) -> str:
    """One line on what a parallel engine did: workers, reused partitions, retries."""
    if not isinstance(summary, ParallelSummary):
        return ""
    text = f"engine {summary.engine}: {summary.workers} workers"
    if summary.partitions:
        text += f", {summary.partitions} partitions ({summary.reused} reused from a previous run)"
    for name, errors in sorted(summary.retried.items()):
        text += f"; {name} retried after: {errors[-1]}"
    return text


# -- processes ----------------------------------------------------------------------------------
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
        store.start_run(summary.run_id, run_manifest(codebook, names, models, manifest_options))
        batches = store.iter_article_spans(batch_size)  # workers rebuild the sentences
        for n_articles, result in _map_batches(pool, batches, workers):
            store.write_results(
                summary.run_id, result.hits, result.labels, result.mentions, result.quotes
            )
            add_counts(summary, n_articles, result)
            if progress:
                progress(summary.articles, total)
    store.finish_run(summary.run_id, summary.articles)
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


def add_counts(summary: RunSummary, n_articles: int, result: BatchResult | dict[str, Any]) -> None:
    """Add one batch's counts (a BatchResult or a partition's ``_SUCCESS`` record)."""
    if isinstance(result, BatchResult):
        result = batch_counts(result, n_articles)
    summary.articles += n_articles
    summary.hits += result["hits"]
    summary.labels += result["article_labels"]
    summary.mentions += result["mentions"]
    summary.quotes += result["quotes"]
    for lang, n in result["skipped_languages"].items():
        summary.skipped_languages[lang] = summary.skipped_languages.get(lang, 0) + n


def batch_counts(result: BatchResult, n_articles: int) -> dict[str, Any]:
    """Row counts of one batch's results."""
    return {
        "articles": n_articles,
        "hits": len(result.hits),
        "article_labels": len(result.labels),
        "mentions": len(result.mentions),
        "quotes": len(result.quotes),
        "skipped_languages": dict(result.skipped_languages),
    }
