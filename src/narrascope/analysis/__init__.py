"""Analysis: the per-batch function and the engines that map it over the store.

:func:`analyze_batch` (pure) does the per-article work; :func:`analyze` is the one entry point
that runs it over every stored article on an engine: ``local`` (this process), ``processes``
(worker processes on this machine) or ``dask`` (a Dask cluster). All engines write through this
process, the store's single writer, and give the same rows under the same run id.

Example:
    >>> with Store("narrascope.duckdb") as store:                      # doctest: +SKIP
    ...     analyze(store, load_codebook("crisis-diplomacy"), build_detectors(["lexicon"]))
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrascope.actors import extractors
from narrascope.analysis._worker import (
    ParallelSummary,
    RunInterrupted,
    RunSummary,
    WorkerError,
    describe_run,
    run_id_for,
)
from narrascope.analysis.batch import BatchResult, analyze_batch
from narrascope.analysis.local import analyze_local
from narrascope.analysis.processes import analyze_processes
from narrascope.detect import build_detectors
from narrascope.errors import UsageError
from narrascope.types import Detector, MentionExtractor, Progress, QuoteAttributor

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

__all__ = [
    "ENGINES",
    "BatchResult",
    "ParallelSummary",
    "RunInterrupted",
    "RunSummary",
    "WorkerError",
    "analyze",
    "analyze_batch",
    "analyze_local",
    "analyze_processes",
    "build_detectors",
    "describe_run",
    "run_id_for",
]

ENGINES = ("local", "processes", "dask")


def analyze(
    store: Store,
    codebook: Codebook,
    detectors: Sequence[Detector | str],
    *,
    engine: str = "local",
    actors: bool | MentionExtractor | None = None,
    quotes: QuoteAttributor | None = None,
    model: str | None = None,
    batch_size: int = 500,
    workers: int = 2,
    scheduler: str | None = None,
    partition_dir: str | Path | None = None,
    imports: Sequence[str] = (),
    options: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Detect narratives in every stored article and write hits, labels, mentions and quotes.

    Args:
        store: the open, writable store.
        codebook: the narratives to detect.
        detectors: detector instances (local engine) or registry names (any engine; built
            with ``model`` for supervised/ensemble).
        engine: ``local``, ``processes`` or ``dask`` (see ``docs/scaling.md``).
        actors: True to extract actors and quotes, or (local engine) an ``ActorExtractor``
            used with ``quotes``, a ``QuoteExtractor``.
        batch_size: articles per batch (per partition on Dask).
        workers, scheduler, partition_dir, imports: for the processes and Dask engines.
        options: extra options recorded in the run id (local engine).
        progress: ``progress(done, total)`` in articles.

    Returns:
        A :class:`RunSummary` (a :class:`ParallelSummary` on processes and Dask). The run id
        depends on the codebook version, the detectors and the options only, so a rerun
        replaces the same run on any engine. The previous results stay until the new run is
        complete; a local run interrupted (Ctrl-C raises :class:`RunInterrupted`) or failed
        resumes from its last committed batch when run again.
    """
    if engine == "local":
        built = [
            build_detectors([d], model=model)[0] if isinstance(d, str) else d for d in detectors
        ]
        mentions, attributor = _local_extractors(actors, quotes)
        return analyze_local(
            store,
            codebook,
            built,
            batch_size=batch_size,
            actors=mentions,
            quotes=attributor,
            options=options,
            progress=progress,
        )
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}", hint=f"use one of {', '.join(ENGINES)}")
    names = _names(detectors, engine)
    if engine == "processes":
        return analyze_processes(
            store,
            codebook,
            names,
            workers=workers,
            batch_size=batch_size,
            model=model,
            actors=bool(actors),
            imports=imports,
            progress=progress,
        )
    from narrascope.analysis.dask import analyze_dask

    return analyze_dask(
        store,
        codebook,
        names,
        scheduler=scheduler,
        workers=workers,
        partition_dir=partition_dir,
        partition_size=batch_size,
        model=model,
        actors=bool(actors),
        imports=imports,
        progress=progress,
    )


def _local_extractors(
    actors: bool | MentionExtractor | None, quotes: QuoteAttributor | None
) -> tuple[MentionExtractor | None, QuoteAttributor | None]:
    if actors is True:
        return extractors()
    if not actors:
        return None, None
    return actors, quotes


def _names(detectors: Sequence[Detector | str], engine: str) -> list[str]:
    """Registry names for the worker engines, which build their detectors in each worker."""
    if not all(isinstance(d, str) for d in detectors):
        raise UsageError(
            f"engine {engine!r} builds the detectors in each worker",
            hint="pass detector names, e.g. ['lexicon'], not detector objects",
        )
    return [str(d) for d in detectors]
