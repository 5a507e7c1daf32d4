"""Ingest benchmark: throughput and peak memory of ``narrascope.ingest.ingest``.

Generates (or reuses) a synthetic JSONL corpus with ``bench/generate_corpus.py``, ingests it into
a fresh store (normalisation, language id, dedup, sentence segmentation, DuckDB writes) and
prints one JSON object: articles/s, MB/s, peak RSS of this process plus its worker processes
(sampled every 50 ms), and the store's counts.

Targets on a 2-core machine: >= 2,000 articles/s and peak RSS < 500 MB. Wall-clock rates depend
on what else runs on the machine, so the CPU time spent (this process, its threads and its
workers) is reported too, with the rate two otherwise idle cores would reach.

Usage:
    python bench/bench_ingest.py                      # 100,000 articles (x NARRASCOPE_BENCH_SCALE)
    python bench/bench_ingest.py --articles 300000
    python bench/bench_ingest.py --corpus my.jsonl --workers 1 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate

from narrascope.config import load_config
from narrascope.ingest import IngestOptions, IngestSummary, ingest
from narrascope.store import Store

TARGET_RATE = 2000.0
TARGET_RSS_MB = 500.0


class PeakRSS:
    """Samples the memory of this process and its workers in a thread.

    RSS counts shared pages (libraries, copy-on-write pages of forked workers) once per
    process; PSS splits them between the processes sharing them, so the PSS sum is the
    memory the run really occupies.
    """

    def __init__(self, interval: float = 0.05, pss_every: int = 10) -> None:
        self.interval = interval
        self.pss_every = pss_every
        self.peak = self.peak_parent = self.peak_pss = 0
        self._samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _processes(self) -> list[psutil.Process]:
        me = psutil.Process()
        return [me, *me.children(recursive=True)]

    def _sample(self) -> None:
        total = 0
        for index, proc in enumerate(self._processes()):
            try:
                rss = proc.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            if index == 0:
                self.peak_parent = max(self.peak_parent, rss)
        self.peak = max(self.peak, total)
        self._samples += 1
        if self._samples % self.pss_every == 0:
            self.peak_pss = max(self.peak_pss, self._pss())

    def _pss(self) -> int:
        total = 0
        for proc in self._processes():
            try:
                total += proc.memory_full_info().pss
            except (psutil.Error, AttributeError):
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu_seconds(children: bool = True) -> float:
    """CPU time of this process (all threads) and of its finished child processes."""
    t = psutil.Process().cpu_times()
    own = t.user + t.system
    return own + t.children_user + t.children_system if children else own


def _timed_ingest(
    store: Store, corpus: Path, options: IngestOptions, profile: bool
) -> tuple[IngestSummary, float, float, float]:
    """``ingest()`` with wall time, total CPU and parent-only CPU (optionally profiled)."""
    profiler = cProfile.Profile() if profile else None
    cpu_start, parent_start = _cpu_seconds(), _cpu_seconds(children=False)
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    summary = ingest([corpus], store, options=options)
    if profiler:
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats(os.environ.get("SORT", "cumulative")).print_stats(45)
    elapsed = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_start
    return summary, elapsed, cpu, _cpu_seconds(children=False) - parent_start


def run(corpus: Path, workers: int | None, batch_size: int | None, profile: bool) -> dict[str, Any]:
    """Ingest ``corpus`` into a fresh temporary store and measure it."""
    config = dict(load_config())
    if batch_size:
        config["ingest.batch_size"] = batch_size
    options = IngestOptions(config=config, workers=workers)
    size_mb = corpus.stat().st_size / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        with PeakRSS() as rss, Store(path) as store:  # open, ingest and close (checkpoint)
            summary, elapsed, cpu, parent_cpu = _timed_ingest(store, corpus, options, profile)
        with Store(path, read_only=True) as store:  # counted outside: no ingest memory cap
            counts = {t: store.count(t) for t in ("articles", "sentences", "rejected")}
    totals = summary.totals
    return {
        "corpus": str(corpus),
        "corpus_mb": round(size_mb, 1),
        "records": totals.read,
        "workers": workers if workers is not None else "auto",
        "seconds": round(elapsed, 2),
        "articles_per_s": round(totals.stored / elapsed, 1),
        "mb_per_s": round(size_mb / elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "cpu_ms_per_article": round(1000 * cpu / max(totals.stored, 1), 3),
        "parent_cpu_ms_per_article": round(1000 * parent_cpu / max(totals.stored, 1), 3),
        "articles_per_s_if_2_idle_cores": round(2 * totals.stored / cpu, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_parent_mb": round(rss.peak_parent / 1e6, 1),
        "peak_rss_sum_mb": round(rss.peak / 1e6, 1),
        "peak_pss_sum_mb": round(rss.peak_pss / 1e6, 1),
        "stored": totals.stored,
        "exact_duplicates": totals.exact_duplicates,
        "near_duplicates": totals.near_duplicates,
        "rejected": totals.rejected,
        "store_counts": counts,
        "targets": {"articles_per_s": TARGET_RATE, "peak_rss_parent_mb": TARGET_RSS_MB},
        "meets_targets": totals.stored / elapsed >= TARGET_RATE
        and rss.peak_parent / 1e6 < TARGET_RSS_MB,
    }


def main() -> None:
    """Command-line entry point: prints the measurements as JSON."""
    parser = argparse.ArgumentParser(description="narrascope ingest benchmark")
    scale = float(os.environ.get("NARRASCOPE_BENCH_SCALE", "1"))
    parser.add_argument(
        "--articles",
        type=int,
        default=round(100_000 * scale),
        help="corpus size to generate (default 100,000 x NARRASCOPE_BENCH_SCALE)",
    )
    parser.add_argument("--corpus", type=Path, help="use this JSONL instead of generating one")
    parser.add_argument("--workers", type=int, help="worker processes (default: ingest.workers)")
    parser.add_argument("--batch-size", type=int, help="override ingest.batch_size")
    parser.add_argument("--profile", action="store_true", help="cProfile the parent process")
    args = parser.parse_args()
    corpus = args.corpus
    if corpus is None:
        corpus = Path(tempfile.gettempdir()) / f"narrascope-bench-{args.articles}.jsonl"
        if not corpus.exists():
            generate(corpus, args.articles)
    print(json.dumps(run(corpus, args.workers, args.batch_size, args.profile), indent=2))


if __name__ == "__main__":
    main()
