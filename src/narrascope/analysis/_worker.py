"""What every engine shares: the run id, the manifest, the summary, the empty-store check and
the worker set-up (codebook, detectors and extractors built once per worker process)."""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from narrascope.actors import extractors
from narrascope.analysis.batch import BatchResult, analyze_batch
from narrascope.detect import build_detectors
from narrascope.errors import NarrascopeError, StoreError
from narrascope.records import Article, Sentence
from narrascope.types import Detector, MentionExtractor, QuoteAttributor, model_info_of
from narrascope.version import narrascope_version

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """What a run of :func:`analyze` did."""

    run_id: str
    articles: int = 0
    hits: int = 0
    labels: int = 0
    mentions: int = 0
    quotes: int = 0
    skipped_languages: dict[str, int] = field(default_factory=dict)
    resumed: int = 0


class RunInterrupted(NarrascopeError, KeyboardInterrupt):
    """Ctrl-C during a run: says what was kept and how to resume.

    Still a ``KeyboardInterrupt``, so code that catches one keeps working.
    """

    exit_code = 130

    @classmethod
    def after(cls, summary: RunSummary, total: int, store: Store) -> RunInterrupted:
        """The error for a run interrupted after ``summary.articles`` of ``total`` articles."""
        return cls(
            f"analysis interrupted after {summary.articles} of {total} articles; the previous "
            f"results of run {summary.run_id} (if any) are kept unchanged, and the "
            f"{summary.articles} articles done are saved",
            path=store.path,
            hint="run the same command again to resume from there",
        )


@dataclass
class ParallelSummary(RunSummary):
    """A :class:`~narrascope.analysis.RunSummary` with what the parallel engine did."""

    engine: str = "local"
    workers: int = 1
    partitions: int = 0
    reused: int = 0
    retried: dict[str, list[str]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def run_id_for(codebook: Codebook, detector_names: Sequence[str], options: dict[str, Any]) -> str:
    """A deterministic run id: the same codebook, detectors and options replace the same run."""
    key = json.dumps(
        {"codebook": codebook.version, "detectors": sorted(detector_names), "options": options},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


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
        actors, quotes = extractors() if self.actors else (None, None)
        return WorkerState(self.codebook, detectors, actors, quotes)


@dataclass
class WorkerState:
    """A worker's loaded codebook, detectors and extractors; analyses one batch."""

    codebook: Codebook
    detectors: list[Detector]
    actors: MentionExtractor | None = None
    quotes: QuoteAttributor | None = None

    def analyze(self, articles: Sequence[Article], sentences: Sequence[Sentence]) -> BatchResult:
        """:func:`~narrascope.analysis.analyze_batch` with this worker's objects."""
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
        return {d.name: model_info_of(d) for d in self.detectors}


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
    """The ``runs`` manifest of a run: version, codebook, detectors, models and options."""
    return {
        "narrascope_version": narrascope_version(),
        "codebook_id": codebook.id,
        "codebook_hash": codebook.version,
        "detectors": list(names),
        "models": {"detectors": models, "options": options},
        "parents": {n.id: n.parent for n in codebook.narratives},
    }


def require_articles(store: Store) -> int:
    """The number of stored articles; a clear error when there are none."""
    total = store.count("articles")
    if total == 0:
        raise StoreError(
            "the store has no articles", path=store.path, hint="run `narrascope ingest` first"
        )
    return total


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
