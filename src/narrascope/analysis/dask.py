"""The Dask runner: ``narrascope analyze --engine dask [--scheduler ADDRESS | --workers N]``.

It maps the one per-batch function, :func:`narrascope.analysis.analyze_batch`, over Parquet
partitions, and leaves every write to the store's single writer (this process), so its rows
equal the local runner's, under the same run id.

- The parent cuts the articles, in id order, into partitions of ``partition_size`` and exports
  the pending ones with their stored sentences under ``partition_dir/inputs-*/``.
- An :class:`AnalysisPlugin` loads the codebook, detectors and models once per worker.
- One task per partition runs ``analyze_batch`` and writes hits, article labels, mentions and
  quotes as Parquet to ``partition_dir/results/<run_id>/part-NNNNN/``: first under a temporary
  name, then renamed atomically, with a ``_SUCCESS.json`` recording the input fingerprint and
  the counts.
- Failed tasks are retried (``retries``); each failure is logged as a scheduler event and
  reported in :attr:`ParallelSummary.retried`, or in the error when retries run out.
- When every partition is complete the parent loads all result files into the store in one
  transaction. A rerun reuses complete result folders whose fingerprint still matches.

On a real cluster ``partition_dir`` must be on a filesystem every worker can read and write.
The ``dask[distributed]`` import is guarded: this module imports without the ``[dask]`` extra.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from narrascope.analysis._worker import (
    ParallelSummary,
    WorkerError,
    WorkerSetup,
    WorkerState,
    add_counts,
    batch_counts,
    require_articles,
    run_id_for,
    run_manifest,
    try_load,
)
from narrascope.analysis.batch import BatchResult
from narrascope.errors import MissingExtraError, NarrascopeError, UsageError
from narrascope.records import ArticleLabel, Hit, Mention, Quote, Sentence
from narrascope.types import Progress

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

try:  # the [dask] extra is optional
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - exercised by the missing-extra test
    _PluginBase = object  # type: ignore[assignment,misc]

__all__ = [
    "AnalysisPlugin",
    "Partition",
    "analyze_dask",
    "analyze_partition",
    "default_partition_dir",
    "plan_partitions",
    "read_success",
    "write_partition_results",
]

log = logging.getLogger(__name__)

FAILURE_TOPIC = "narrascope-partition-failed"
RESULT_TABLES: dict[str, type] = {
    "hits": Hit,
    "article_labels": ArticleLabel,
    "mentions": Mention,
    "quotes": Quote,
}
SUCCESS = "_SUCCESS.json"
MAX_LISTED = 5
EXPORT_ARTICLES = 10_000


def _require_dask() -> ModuleType:
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as exc:
        raise MissingExtraError("Dask", "dask") from exc
    return distributed


# -- partitions and their result folders -------------------------------------------------------
@dataclass(frozen=True)
class Partition:
    """One slice of the articles in id order; ``fingerprint`` changes with its content."""

    index: int
    first_id: str
    n_articles: int
    fingerprint: str

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


def plan_partitions(store: Store, size: int) -> list[Partition]:
    """The store's articles cut into partitions of ``size`` (see ``Store.partition_plan``)."""
    if size < 1:
        raise UsageError(f"partition size must be positive, not {size}")
    return [Partition(i, *row) for i, row in enumerate(store.partition_plan(size))]


def read_success(folder: Path, partition: Partition) -> dict[str, Any] | None:
    """The ``_SUCCESS`` record of a complete result folder for ``partition``, else None."""
    try:
        record: dict[str, Any] = json.loads((folder / SUCCESS).read_text())
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != partition.fingerprint:
        return None
    if not all((folder / f"{table}.parquet").is_file() for table in RESULT_TABLES):
        return None
    if not _current_columns(folder):
        return None  # written before a record gained fields (e.g. a hit's stance): redo
    return record


def _current_columns(folder: Path) -> bool:
    """Whether every result file holds the columns of its record type now."""
    import pyarrow.parquet as pq

    for table, record_type in RESULT_TABLES.items():
        names = set(pq.read_schema(folder / f"{table}.parquet").names)
        if not {f.name for f in fields(record_type)} <= names:
            return False
    return True


def _arrow_table(records: Sequence[Any], record_type: type) -> Any:
    import pyarrow as pa

    kinds = {"int": pa.int64(), "float": pa.float64()}
    names = [f.name for f in fields(record_type)]
    schema = pa.schema(
        [(f.name, kinds.get(str(f.type).split(" ")[0], pa.string())) for f in fields(record_type)]
    )
    columns = {name: [getattr(r, name) for r in records] for name in names}
    return pa.table(columns, schema=schema)


def write_partition_results(
    result: BatchResult, folder: Path, record: dict[str, Any]
) -> dict[str, Any]:
    """Write one partition's results to ``folder``: a temporary sibling, then a rename."""
    import pyarrow.parquet as pq

    tmp = folder.parent / f".{folder.name}.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    rows: dict[str, Sequence[object]] = {"hits": result.hits, "article_labels": result.labels}
    rows |= {"mentions": result.mentions, "quotes": result.quotes}
    for table, record_type in RESULT_TABLES.items():
        pq.write_table(_arrow_table(rows[table], record_type), tmp / f"{table}.parquet")
    (tmp / SUCCESS).write_text(json.dumps(record, sort_keys=True))
    if folder.exists():
        shutil.rmtree(folder)
    os.rename(tmp, folder)
    return record


def _read_sentences(folder: Path) -> list[Sentence]:
    import pyarrow.parquet as pq

    from narrascope.ingest.parquet import parquet_files

    if not folder.is_dir():
        return []  # the store holds no sentences for these articles
    out = []
    for file in parquet_files(folder):
        for r in pq.read_table(file).to_pylist():
            out.append(
                Sentence(
                    r["article_id"],
                    r["sentence_index"],
                    r["char_start"],
                    r["char_end"],
                    r["text"],
                    r["language"],
                )
            )
    return sorted(out, key=lambda s: (s.article_id, s.index))


def analyze_partition(
    partition: Partition, inputs: Path, results: Path, loaded: WorkerState
) -> dict[str, Any]:
    """Read one exported partition, run ``analyze_batch``, write its result folder."""
    from narrascope.ingest.parquet import read_parquet

    part = f"part={partition.index}"
    articles = sorted(read_parquet(inputs / "articles" / part), key=lambda a: a.id)
    sentences = _read_sentences(inputs / "sentences" / part)
    result = loaded.analyze(articles, sentences)
    record = batch_counts(result, len(articles))
    record |= {"fingerprint": partition.fingerprint, "models": loaded.models()}
    return write_partition_results(result, results / partition.name, record)


# -- the worker plugin, the task, the runner ---------------------------------------------------
class AnalysisPlugin(_PluginBase):
    """Loads the codebook, detectors and models once per Dask worker (not once per task)."""

    def __init__(self, setup: WorkerSetup) -> None:
        self.config = setup
        self.loaded: WorkerState | None = None
        self.error: WorkerError | None = None

    def setup(self, worker: Any) -> None:
        self.loaded, self.error = try_load(self.config)

    def teardown(self, worker: Any) -> None:
        self.loaded = None

    def get(self) -> WorkerState:
        """The loaded analysis objects, or the setup error."""
        if self.loaded is None:
            raise self.error or WorkerError("narrascope worker plugin is not set up")
        return self.loaded


def _worker_probe(plugin: str, dask_worker: Any = None) -> dict[str, Any]:
    """Run on each worker by ``client.run``: its setup error or its models."""
    state: AnalysisPlugin = dask_worker.plugins[plugin]
    if state.loaded is None:
        error = state.error or WorkerError("plugin not set up")
        return {"error": error.message, "exit_code": error.exit_code, "pid": os.getpid()}
    return {"models": state.loaded.models(), "pid": os.getpid()}


def _dask_task(
    partition: Partition, inputs: str, results: str, plugin: str, run_key: str
) -> dict[str, Any]:
    from distributed import get_worker

    worker = get_worker()
    try:
        state = worker.plugins[plugin]
        assert isinstance(state, AnalysisPlugin)  # registered under this name by the runner
        loaded = state.get()
        return analyze_partition(partition, Path(inputs), Path(results), loaded)
    except Exception as exc:
        error = WorkerError.wrap(exc)
        worker.log_event(
            FAILURE_TOPIC, {"run": run_key, "partition": partition.name, "error": error.message}
        )
        if isinstance(exc, NarrascopeError):
            raise error from None
        raise


def _error_of(future: Any) -> str:
    """The last error of a failed (or cancelled) future, on one line."""
    try:
        error = future.exception()
    except BaseException as exc:  # cancelled: the scheduler gave the task up
        error = exc
    if isinstance(error, NarrascopeError):
        return error.one_line()
    return " ".join(f"{type(error).__name__}: {error}".split()) if error else future.status


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of ``scheduler``, or of a LocalCluster of single-threaded worker processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:
        yield client


def default_partition_dir(store: Store) -> Path:
    """``<store file>.partitions/`` next to the store file."""
    return store.path.with_name(f"{store.path.name}.partitions")


def analyze_dask(
    store: Store,
    codebook: Codebook,
    detector_names: Sequence[str],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_dir: str | Path | None = None,
    partition_size: int = 500,
    model: str | None = None,
    actors: bool = False,
    retries: int = 2,
    imports: Sequence[str] = (),
    progress: Progress | None = None,
) -> ParallelSummary:
    """Analyse every stored article on Dask; the parent loads all results in one step.

    Args:
        store: the store (this process is its only writer).
        codebook: the narratives to detect.
        detector_names: registry names; each worker builds the detectors once.
        scheduler: address of a running scheduler; None starts a LocalCluster.
        workers: worker processes of that LocalCluster (one thread each).
        partition_dir: folder for input partitions and result files, seen by every worker
            (default ``<store file>.partitions/``).
        partition_size: articles per partition.
        model: trained model directory for supervised/ensemble detectors.
        actors: also extract actors and quotes.
        retries: extra attempts for a failed partition.
        imports: modules each worker imports first (detectors registered in code).
        progress: ``progress(done, total)`` callback, in articles.

    Returns:
        A :class:`ParallelSummary`; same run id and rows as the local runner.

    Raises:
        MissingExtraError: Dask is not installed.
        WorkerError: worker set-up failed, or partitions still failed after their retries
            (their finished neighbours are kept: rerun to compute only the rest).

    Example:
        >>> analyze_dask(store, load_codebook("crisis-diplomacy"), ["lexicon"])  # doctest: +SKIP
    """
    _require_dask()
    names = list(detector_names)
    run = _DaskRun(
        store=store,
        setup=WorkerSetup(codebook, tuple(names), model, actors, tuple(imports)),
        summary=ParallelSummary(run_id_for(codebook, names, {"actors": actors}), engine="dask"),
        root=Path(partition_dir) if partition_dir else default_partition_dir(store),
        size=partition_size,
        retries=retries,
        progress=progress,
    )
    run.summary.workers = workers
    run.plan_and_reuse()
    models = run.compute(scheduler, workers)
    run.load(models)
    return run.summary


@dataclass
class _DaskRun:
    """The state of one :func:`analyze_dask` call."""

    store: Store
    setup: WorkerSetup
    summary: ParallelSummary
    root: Path
    size: int
    retries: int
    progress: Progress | None
    plan: list[Partition] = field(default_factory=list)
    done: dict[str, dict[str, Any]] = field(default_factory=dict)
    total: int = 0
    key: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @property
    def results(self) -> Path:
        return self.root / "results" / self.summary.run_id

    def plan_and_reuse(self) -> None:
        """Cut the partitions and keep the complete result folders of an earlier run."""
        self.total = require_articles(self.store)
        self.plan = plan_partitions(self.store, self.size)
        for part in self.plan:
            record = read_success(self.results / part.name, part)
            if record is not None:
                self.done[part.name] = record
        self.summary.partitions, self.summary.reused = len(self.plan), len(self.done)

    def pending(self) -> list[Partition]:
        return [p for p in self.plan if p.name not in self.done]

    def compute(self, scheduler: str | None, workers: int) -> dict[str, Any]:
        """Export and compute the pending partitions; the detectors' model info."""
        pending = self.pending()
        self._tick()
        if not pending:
            return dict(next(iter(self.done.values())).get("models", {}))
        inputs = self.root / f"inputs-{self.key}"
        try:
            started = time.perf_counter()
            self._export(inputs, pending)
            self.summary.timings["export"] = time.perf_counter() - started
            started = time.perf_counter()
            with _client(scheduler, workers) as client:
                models = self._on_cluster(client, pending, inputs)
            self.summary.timings["compute"] = time.perf_counter() - started
        finally:
            shutil.rmtree(inputs, ignore_errors=True)
        return models

    def _export(self, inputs: Path, pending: list[Partition]) -> None:
        """Export in groups of about ``EXPORT_ARTICLES`` articles (bounds the parent's memory)."""
        group = max(1, EXPORT_ARTICLES // self.size)
        indexes = [p.index for p in pending]
        for start in range(0, len(indexes), group):
            self.store.export_partitions(inputs, self.size, indexes[start : start + group])

    def _on_cluster(self, client: Any, pending: list[Partition], inputs: Path) -> dict[str, Any]:
        plugin = f"narrascope-{self.key}"
        client.register_plugin(AnalysisPlugin(self.setup), name=plugin)
        try:
            models = self._probe(client, plugin)
            self._map(client, plugin, pending, inputs)
        finally:
            with contextlib.suppress(Exception):
                client.unregister_worker_plugin(plugin)
        return models

    def _probe(self, client: Any, plugin: str) -> dict[str, Any]:
        replies = client.run(_worker_probe, plugin)
        if not replies:
            raise WorkerError("the Dask scheduler has no workers", hint="start some workers")
        self.summary.workers = len(replies)
        for reply in replies.values():
            if "error" in reply:
                raise WorkerError(reply["error"], reply["exit_code"])
        models: dict[str, Any] = next(iter(replies.values()))["models"]
        return models

    def _map(self, client: Any, plugin: str, pending: list[Partition], inputs: Path) -> None:
        from distributed import as_completed

        futures = {
            client.submit(
                _dask_task,
                part,
                str(inputs),
                str(self.results),
                plugin,
                self.key,
                key=f"narrascope-{part.name}-{self.key}",
                retries=self.retries,
                pure=False,
            ): part
            for part in pending
        }
        failed: dict[str, str] = {}
        for future in as_completed(futures):
            part = futures[future]
            if future.status == "finished":
                self.done[part.name] = future.result()
                self._tick()
            else:
                failed[part.name] = _error_of(future)
            future.release()
        self._collect_failures(client)
        if failed:
            raise self._failure(failed)

    def _tick(self) -> None:
        if self.progress:
            self.progress(sum(r["articles"] for r in self.done.values()), self.total)

    def _collect_failures(self, client: Any) -> None:
        for _, event in client.get_events(FAILURE_TOPIC):
            if isinstance(event, dict) and event.get("run") == self.key:
                self.summary.retried.setdefault(event["partition"], []).append(event["error"])

    def _failure(self, failed: dict[str, str]) -> WorkerError:
        shown = sorted(failed.items())[:MAX_LISTED]
        listing = "; ".join(f"{name}: {error}" for name, error in shown)
        if len(failed) > MAX_LISTED:
            listing += f"; and {len(failed) - MAX_LISTED} more"
        return WorkerError(
            f"{len(failed)} of {len(self.plan)} partitions failed after "
            f"{self.retries} retries ({listing}); nothing was written to the store",
            hint=f"finished partitions are kept in {self.results}; fix the cause and rerun "
            "the same command to compute only the rest",
        )

    def load(self, models: dict[str, Any]) -> None:
        """Load every partition's result files into the store under the run id."""
        started = time.perf_counter()
        codebook, summary = self.setup.codebook, self.summary
        options = {"actors": self.setup.actors, "engine": "dask", "workers": summary.workers}
        manifest = run_manifest(codebook, self.setup.detectors, models, options)
        files = {
            table: [self.results / p.name / f"{table}.parquet" for p in self.plan]
            for table in RESULT_TABLES
        }
        self.store.stage_run(summary.run_id, manifest)  # the previous results stay until commit
        self.store.load_results(self.store.staging_id(summary.run_id), files)
        for part in self.plan:
            add_counts(summary, part.n_articles, self.done[part.name])
        self.store.commit_run(summary.run_id, summary.articles)
        summary.timings["load"] = time.perf_counter() - started
