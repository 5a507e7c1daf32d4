"""Scale-out benchmark: the analysis pipeline on the local, processes and Dask engines.

Measures, on a corpus made by ``bench/generate_corpus.py`` (EN+RU, 200-1200 words, ~5% wire
copies) and ingested with ``narrascope.ingest``:

- lexicon pipeline articles/s: local (one process), processes (2), Dask with 1 and 2 workers
  (end to end, and the compute phase alone); target: Dask 2 workers >= 1.7x 1 worker;
- peak RSS of every worker process (psutil, sampled every 100 ms) and of the parent;
- how the local runner's time grows from 10k to 30k to 100k articles (should be linear);
- the embedding pipeline's articles/s and its overhead over encoding the same sentences
  alone, when the ``embedding`` detector is registered.

Sizes are multiplied by ``NARRASCOPE_BENCH_SCALE`` (default 0.1; the numbers in
docs/benchmarks.md use 1: 10k, 30k and 100k articles). Ingested stores are cached in
``bench/out/cache/``. Prints one JSON object (also written to ``bench/out/bench_scale.json``).

Usage:
    NARRASCOPE_BENCH_SCALE=1 python bench/bench_scale.py
    python bench/bench_scale.py --markdown bench/out/bench_scale.json   # docs section
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
CACHE = OUT / "cache"
sys.path.insert(0, str(HERE))

from generate_corpus import generate  # noqa: E402

from narrascope.analysis import analyze, build_detectors  # noqa: E402
from narrascope.codebook import load_codebook  # noqa: E402
from narrascope.records import Sentence  # noqa: E402
from narrascope.store import Store  # noqa: E402

FULL_SIZES = (10_000, 30_000, 100_000)
EMBED_FULL_SIZE = 1_000
PARTITION = 500
TARGET_DASK_SPEEDUP = 1.7
WARM_UP = {"en": "The talks went on.", "ru": "Переговоры продолжились."}
PACKAGES = ("narrascope", "dask", "distributed", "duckdb", "pyarrow", "pandas", "numpy", "torch")
PACKAGES += ("sentence-transformers", "psutil")


def scale() -> float:
    """``NARRASCOPE_BENCH_SCALE`` (default 0.1)."""
    return float(os.environ.get("NARRASCOPE_BENCH_SCALE", "0.1"))


def machine() -> dict[str, Any]:
    """CPU model, cores, RAM, OS, Python and key package versions."""
    cpu = platform.processor() or "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": packages,
    }


# -- corpus -------------------------------------------------------------------------------------
def corpus_store(n: int) -> tuple[Path, float | None]:
    """A store holding the first ``n`` generated articles (cached); the ingest seconds."""
    path = CACHE / f"scale-{n}.duckdb"
    if path.exists():
        return path, None
    from narrascope.ingest import IngestOptions, ingest

    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        corpus = generate(Path(tmp) / "corpus.jsonl", n)
        staging = Path(tmp) / "store.duckdb"
        started = time.perf_counter()
        with Store(staging) as store:
            ingest([corpus], store, options=IngestOptions())
        seconds = time.perf_counter() - started
        staging.rename(path)
    return path, seconds


# -- memory sampling ----------------------------------------------------------------------------
class RSSSampler:
    """Peak resident memory of this process and of each descendant process, by pid."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.parent = 0
        self.children: dict[int, int] = {}
        self.child_cpu: dict[int, float] = {}
        self.parent_cpu = _cpu(psutil.Process())
        self.load_before = os.getloadavg()[0]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        self.parent = max(self.parent, me.memory_info().rss)
        for child in me.children(recursive=True):
            try:
                if "resource_tracker" in " ".join(child.cmdline()):
                    continue
                rss = child.memory_info().rss
                self.child_cpu[child.pid] = _cpu(child)
            except psutil.Error:
                continue
            self.children[child.pid] = max(self.children.get(child.pid, 0), rss)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> RSSSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.parent_cpu = _cpu(psutil.Process()) - self.parent_cpu

    @property
    def cpu_seconds(self) -> float:
        """CPU time (user + system) of this process and its children during the run."""
        return self.parent_cpu + sum(self.child_cpu.values())

    def workers_mb(self, n: int) -> list[float]:
        """Peaks of the ``n`` largest child processes (the workers), in MB."""
        peaks = sorted(self.children.values(), reverse=True)[:n]
        return [round(p / 1e6, 1) for p in peaks]


def _warm_up() -> list[Sentence]:
    return [Sentence("warm-up", 0, 0, len(t), t, lang) for lang, t in WARM_UP.items()]


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


# -- runs ---------------------------------------------------------------------------------------
@contextmanager
def _partitions() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="narrascope-bench-parts-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _engine(
    name: str, workers: int, detectors: list[str], partition: int = PARTITION
) -> Callable[[Store], Any]:
    """A function running one engine on an open store."""
    codebook = load_codebook("crisis-diplomacy")
    if name == "local":
        built = build_detectors(detectors)  # models load before the clock starts
        for detector in built:
            detector.detect(_warm_up(), codebook)  # models and codebook pools, off the clock
        return lambda store: analyze(store, codebook, built, batch_size=partition)
    if name == "processes":
        from narrascope.analysis import analyze_processes

        return lambda store: analyze_processes(
            store, codebook, detectors, workers=workers, batch_size=partition
        )

    def dask_run(store: Store) -> Any:
        from narrascope.analysis.dask import analyze_dask

        with _partitions() as folder:  # a fresh folder: nothing reused from earlier runs
            return analyze_dask(
                store,
                codebook,
                detectors,
                workers=workers,
                partition_dir=folder,
                partition_size=partition,
            )

    return dask_run


def measure(
    path: Path,
    engine: str,
    workers: int = 1,
    detectors: tuple[str, ...] = ("lexicon",),
    partition: int = PARTITION,
) -> dict[str, Any]:
    """Run one engine on the store at ``path``: time, CPU time, throughput, memory."""
    run = _engine(engine, workers, list(detectors), partition)
    with Store(path) as store, RSSSampler() as rss:
        started = time.perf_counter()
        summary = run(store)
        seconds = time.perf_counter() - started
    row = {
        "engine": engine,
        "workers": workers,
        "articles": summary.articles,
        "hits": summary.hits,
        "seconds": round(seconds, 2),
        "articles_per_s": round(summary.articles / seconds, 1),
        "cpu_seconds": round(rss.cpu_seconds, 2),
        "articles_per_cpu_s": round(summary.articles / rss.cpu_seconds, 1),
        "load_avg_before_after": [round(rss.load_before, 2), round(os.getloadavg()[0], 2)],
        "parent_peak_rss_mb": round(rss.parent / 1e6, 1),
        "worker_peak_rss_mb": rss.workers_mb(workers) if engine != "local" else [],
    }
    timings = getattr(summary, "timings", {})
    if "compute" in timings:
        row["timings"] = {k: round(v, 2) for k, v in timings.items()}
        row["compute_articles_per_s"] = round(summary.articles / timings["compute"], 1)
    print(f"  {engine} x{workers} {detectors}: {row['articles_per_s']} art/s", file=sys.stderr)
    return row


def growth(
    sizes: list[int], only: tuple[str, ...], previous: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Each engine run in ``only`` at each size: seconds, ms per article, ratio to the
    smallest size (other series are taken from ``previous``)."""
    series = dict(previous or {})
    for name in only:
        if name not in ENGINE_RUNS:
            continue
        engine, workers = ENGINE_RUNS[name]
        rows = []
        for n in sizes:
            path, ingest_s = corpus_store(n)
            row = measure(path, engine, workers)
            row["ms_per_article"] = round(1000 * row["seconds"] / row["articles"], 3)
            row["ingest_seconds"] = None if ingest_s is None else round(ingest_s, 1)
            rows.append(row)
        for row in rows:
            row["ms_per_article_vs_smallest"] = round(
                row["ms_per_article"] / rows[0]["ms_per_article"], 2
            )
        series[name] = rows
    return series


ENGINE_RUNS = {
    "local": ("local", 1),
    "processes_2": ("processes", 2),
    "dask_1": ("dask", 1),
    "dask_2": ("dask", 2),
}


def engines(
    n: int, only: tuple[str, ...] = tuple(ENGINE_RUNS), previous: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Lexicon throughput of the engines ``only`` on the largest corpus (other runs are taken
    from ``previous``)."""
    path, _ = corpus_store(n)
    part = max(10, min(PARTITION, n // 20))  # small scales still give every worker work
    runs = dict(previous or {})
    for name in ENGINE_RUNS:
        if name in only:
            engine, workers = ENGINE_RUNS[name]
            runs[name] = measure(path, engine, workers, partition=part)
    d1, d2 = runs["dask_1"], runs["dask_2"]
    speedup = d2["articles_per_s"] / d1["articles_per_s"]
    compute = d2["compute_articles_per_s"] / d1["compute_articles_per_s"]
    processes = runs["processes_2"]["articles_per_s"] / runs["local"]["articles_per_s"]
    return {
        "articles": n,
        "partition": part,
        "runs": runs,
        "processes_2_vs_local": round(processes, 2),
        "dask_2_vs_1": round(speedup, 2),
        "dask_2_vs_1_compute": round(compute, 2),
        "target_dask_2_vs_1": TARGET_DASK_SPEEDUP,
        "meets_target": speedup >= TARGET_DASK_SPEEDUP,
    }


def _encode_alone(path: Path) -> dict[str, Any]:
    """Encode the corpus's distinct sentences with the embedding detector's encoders only."""
    from narrascope.text.tokens import base_language

    detector = build_detectors(["embedding"])[0]
    texts: dict[str, dict[str, None]] = {}
    n = 0
    with Store(path, read_only=True) as store:
        for _, sentences in store.iter_articles(PARTITION):
            for s in sentences:
                texts.setdefault(base_language(s.language), {})[s.text] = None
                n += 1
    encoders = {lang: detector.encoder(lang) for lang in texts}
    for lang, encoder in encoders.items():
        if encoder is not None:
            encoder.encode([WARM_UP.get(lang, "warm up")])  # load the model off the clock
    started, cpu = time.perf_counter(), _cpu(psutil.Process())
    for language, unique in texts.items():
        encoder = encoders[language]
        if encoder is not None:
            encoder.encode(list(unique))
    seconds, cpu = time.perf_counter() - started, _cpu(psutil.Process()) - cpu
    return {
        "sentences": n,
        "distinct_sentences": sum(len(u) for u in texts.values()),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
    }


def embedding(n: int) -> dict[str, Any]:
    """The embedding pipeline (local and Dask x2) against encoding alone."""
    from narrascope.detect import available_detectors
    from narrascope.errors import NarrascopeError

    if "embedding" not in available_detectors():
        return {"skipped": "the embedding detector is not registered"}
    try:
        started = time.perf_counter()
        detector = build_detectors(["embedding"])[0]
        detector.detect(_warm_up(), load_codebook("crisis-diplomacy"))
        load_seconds = time.perf_counter() - started
    except NarrascopeError as exc:
        return {"skipped": exc.one_line()}
    path, _ = corpus_store(n)
    part = max(5, n // 10)  # enough partitions for both workers
    local = measure(path, "local", detectors=("embedding",), partition=part)
    alone = _encode_alone(path)
    return {
        "articles": n,
        "partition": part,
        "model_load_seconds": round(load_seconds, 2),
        "local": local,
        "dask_2": measure(path, "dask", 2, ("embedding",), part),
        "encode_alone": alone,
        "pipeline_vs_encode_alone": round(local["seconds"] / alone["seconds"], 2),
        "pipeline_vs_encode_alone_cpu": round(local["cpu_seconds"] / alone["cpu_seconds"], 2),
    }


def corpus_info(path: Path) -> dict[str, Any]:
    """What the largest corpus holds."""
    with Store(path, read_only=True) as store:
        frame = store.query(
            "SELECT count(*) AS articles, round(avg(len(string_split(text, ' ')))) AS mean_words, "
            "count(*) FILTER (WHERE language = 'en') AS en, "
            "count(*) FILTER (WHERE language = 'ru') AS ru, "
            "count(dup_kind) AS wire_copies FROM articles"
        )
        row = {k: int(v) for k, v in frame.iloc[0].items()}
        row["sentences"] = store.count("sentences")
    return row


PARTS = ("growth", "engines", "embedding")
GROWTH_RUNS = ("local", "dask_2")


def run(
    parts: tuple[str, ...] = PARTS,
    only: tuple[str, ...] = tuple(ENGINE_RUNS),
    previous: dict[str, Any] | None = None,
    growth_only: tuple[str, ...] = GROWTH_RUNS,
    previous_growth: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The measurements in ``parts`` (engine runs ``only``), as one JSON-able dict."""
    factor = scale()
    sizes = [max(200, round(n * factor)) for n in FULL_SIZES]
    print(f"bench_scale: scale {factor}, sizes {sizes}, {parts}", file=sys.stderr)
    result: dict[str, Any] = {"benchmark": "scale", "scale": factor, "machine": machine()}
    result["corpus"] = corpus_info(corpus_store(sizes[-1])[0])
    if "growth" in parts:
        result["growth"] = growth(sizes, growth_only, (previous_growth or {}))
    if "engines" in parts:
        result["engines"] = engines(sizes[-1], only, (previous or {}).get("runs"))
    if "embedding" in parts:
        result["embedding"] = embedding(max(50, round(EMBED_FULL_SIZE * factor)))
    return result


# -- the docs section ---------------------------------------------------------------------------
def _engine_rows(runs: dict[str, Any]) -> list[str]:
    rows = [
        "| engine | workers | articles/s | compute-phase articles/s | seconds | CPU s "
        "| articles per CPU s | peak RSS per worker (MB) | parent peak RSS (MB) | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs.values():
        workers = ", ".join(str(x) for x in r["worker_peak_rss_mb"]) or "—"
        load = " → ".join(str(x) for x in r["load_avg_before_after"])
        rows.append(
            f"| {r['engine']} | {r['workers']} | {r['articles_per_s']} "
            f"| {r.get('compute_articles_per_s', '—')} | {r['seconds']} | {r['cpu_seconds']} "
            f"| {r['articles_per_cpu_s']} | {workers} | {r['parent_peak_rss_mb']} | {load} |"
        )
    return rows


def markdown(result: dict[str, Any]) -> str:
    """A draft of the scale-out section of docs/benchmarks.md."""
    m, c, e = result["machine"], result["corpus"], result["engines"]
    pkgs = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    lines = [
        "## Scale-out (`bench/bench_scale.py`, issue 7)",
        "",
        f"`NARRASCOPE_BENCH_SCALE={result['scale']} python bench/bench_scale.py` on {m['cpu']}, "
        f"{m['cores']} cores, {m['ram_gib']} GiB RAM, Python {m['python']}; {pkgs}.",
        f"Corpus (`bench/generate_corpus.py`, ingested): {c['articles']} articles "
        f"({c['en']} EN, {c['ru']} RU, {c['wire_copies']} wire copies), mean {c['mean_words']} "
        f"words, {c['sentences']} sentences; codebook crisis-diplomacy, lexicon detector, "
        f"{e['partition']} articles per batch/partition.",
        "",
        *_engine_rows(e["runs"]),
        "",
        f"- processes (2) vs local: **{e['processes_2_vs_local']}x**; Dask 2 vs 1 worker: "
        f"**{e['dask_2_vs_1']}x** end to end, **{e['dask_2_vs_1_compute']}x** in the compute "
        f"phase (target {e['target_dask_2_vs_1']}x end to end: "
        f"{'met' if e['meets_target'] else 'not met'}).",
        "",
        "How time grows with the corpus (same corpus generator, first N articles):",
        "",
        "| engine | articles | seconds | ms per article | vs smallest |",
        "|---|---|---|---|---|",
    ]
    for name, rows in result.get("growth", {}).items():
        for r in rows:
            lines.append(
                f"| {name} | {r['articles']} | {r['seconds']} | {r['ms_per_article']} "
                f"| {r['ms_per_article_vs_smallest']} |"
            )
    lines += ["", *_embedding_lines(result.get("embedding", {"skipped": "not run"})), ""]
    return "\n".join(lines)


def _embedding_lines(emb: dict[str, Any]) -> list[str]:
    if "skipped" in emb:
        return [f"Embedding pipeline: not measured ({emb['skipped']})."]
    alone, local, dask = emb["encode_alone"], emb["local"], emb["dask_2"]
    return [
        f"Embedding pipeline on {emb['articles']} articles: local {local['articles_per_s']} "
        f"articles/s, Dask x2 {dask['articles_per_s']} articles/s (peak RSS per worker "
        f"{', '.join(str(x) for x in dask['worker_peak_rss_mb'])} MB, models loaded once per "
        f"worker); encoding its {alone['distinct_sentences']} distinct sentences alone takes "
        f"{alone['seconds']} s, so the pipeline costs **{emb['pipeline_vs_encode_alone']}x** "
        f"encoding alone in wall time, {emb.get('pipeline_vs_encode_alone_cpu', '?')}x in CPU "
        f"time (model load {emb['model_load_seconds']} s, not counted).",
    ]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path, help="print the docs section of a result file")
    parser.add_argument("--parts", default=",".join(PARTS), help="growth,engines,embedding")
    parser.add_argument("--engines", default=",".join(ENGINE_RUNS), help="engine runs to do")
    parser.add_argument("--growth", default=",".join(GROWTH_RUNS), help="growth series to do")
    parser.add_argument("--update", type=Path, help="replace these parts in a result file")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text())))
        return 0
    old = json.loads(args.update.read_text()) if args.update else {}
    parts = tuple(p for p in args.parts.split(",") if p in PARTS)
    result = run(
        parts,
        tuple(args.engines.split(",")),
        old.get("engines"),
        tuple(args.growth.split(",")),
        old.get("growth"),
    )
    if args.update:
        result = old | result
        args.update.write_text(json.dumps(result, indent=2))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_scale.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
