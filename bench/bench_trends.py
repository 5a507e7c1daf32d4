"""Trends benchmark: the monthly prevalence query by outlet on a large synthetic store.

Builds (or reuses, with ``--db``) a store of 100,000 articles over five years in 20 outlets,
20 sentences each, and 1,000,000 hits over 8 narratives (article labels derived from the hits),
inserted directly with DuckDB's ``range()`` for speed. Then times
``trends.prevalence(store, freq="month", by="outlet")`` — for all narratives at once and for each
narrative alone — plus an event window for one narrative, and prints one JSON object with the
median of ``--repeat`` runs in milliseconds.

Target: the monthly query per narrative and outlet < 200 ms.

Usage:
    python bench/bench_trends.py
    python bench/bench_trends.py --articles 20000 --hits 200000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from narrascope.records import Event
from narrascope.store import Store
from narrascope.trends import event_window, prevalence

TARGET_MS = 200.0
NARRATIVES = [f"narrative-{k}" for k in range(8)]
RUN_ID = "bench-run"


def _fill(store: Store, articles: int, hits: int, sentences: int) -> None:
    """Bench-only bulk insert: synthetic rows generated inside DuckDB."""
    con = store.con
    con.execute(  # ids: 20 hex characters, like narrascope's real article ids
        "CREATE TEMP TABLE ids AS SELECT i, substr(md5(CAST(i AS VARCHAR)), 1, 20) AS id "
        "FROM range(?) t(i)",
        [articles],
    )
    con.execute(
        "INSERT INTO articles (id, url, outlet, language, published_at, title, text, "
        "source_path, raw_sha256, ingested_at, extractor, content_hash, canonical_id, dup_kind, "
        "sentence_starts, sentence_ends) SELECT id, NULL, 'outlet-' || (hash(i) % 20), "
        "CASE WHEN hash(i) % 20 < 15 THEN 'ru' ELSE 'en' END, "
        "TIMESTAMPTZ '2016-01-01 00:00:00+00' "
        "+ to_seconds(CAST(hash(i * 7) % 157766400 AS BIGINT)), "
        "NULL, 'text', NULL, 'sha' || i, now(), 'bench', 'h' || i, NULL, "
        "CASE WHEN hash(i * 3) % 10 = 0 THEN 'exact' END, "
        "list_transform(range(?), lambda s: 0), list_transform(range(?), lambda s: 1) FROM ids",
        [sentences, sentences],  # every sentence spans "t", enough to be counted
    )
    store.start_run(RUN_ID, {"detectors": ["lexicon"]})
    con.execute(
        "INSERT INTO hits (run_id, article_id, sentence_index, char_start, char_end, narrative, "
        "detector, score, evidence) SELECT ?, ids.id, CAST(hash(j * 5) % ? AS INTEGER), 0, 1, "
        "'narrative-' || (hash(j * 11) % 8), 'lexicon', 1.0, 'cue' FROM range(?) t(j) "
        "JOIN ids ON ids.i = hash(j) % ?",
        [RUN_ID, sentences, hits, articles],
    )
    con.execute(
        "INSERT INTO article_labels SELECT run_id, article_id, narrative, detector, 1.0, "
        "count(*), count(DISTINCT sentence_index) FROM hits WHERE run_id = ? GROUP BY ALL",
        [RUN_ID],
    )
    store.finish_run(RUN_ID, articles)
    store.write_events([Event("bench-event", date(2018, 11, 9))])


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall-clock milliseconds of ``repeat`` calls after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def _median_cpu_ms(fn: Callable[[], Any], repeat: int) -> float:
    """Median CPU milliseconds (all threads of this process): robust to a busy machine."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return round(statistics.median(times), 1)


def run(db: Path, articles: int, hits: int, sentences: int, repeat: int) -> dict[str, Any]:
    """Build the store if empty, time the queries, return the JSON-ready result."""
    with Store(db) as store:
        built = 0.0
        if store.count("articles") == 0:
            start = time.perf_counter()
            _fill(store, articles, hits, sentences)
            built = round(time.perf_counter() - start, 1)
        per_narrative = [
            _median_ms(lambda n=n: prevalence(store, narrative=n, by="outlet"), repeat)
            for n in NARRATIVES
        ]
        frame = prevalence(store, by="outlet")
        return {
            "articles": store.count("articles"),
            "sentences": store.count("sentences"),
            "hits": store.count("hits"),
            "article_labels": store.count("article_labels"),
            "build_s": built,
            "rows_all_narratives": len(frame),
            "monthly_by_outlet_all_narratives_ms": _median_ms(
                lambda: prevalence(store, by="outlet"), repeat
            ),
            "monthly_by_outlet_per_narrative_ms": round(statistics.median(per_narrative), 1),
            "monthly_by_outlet_per_narrative_max_ms": max(per_narrative),
            "monthly_by_outlet_one_narrative_cpu_ms": _median_cpu_ms(
                lambda: prevalence(store, narrative=NARRATIVES[0], by="outlet"), repeat
            ),
            "monthly_no_duplicates_per_narrative_ms": _median_ms(
                lambda: prevalence(
                    store, narrative=NARRATIVES[0], by="outlet", exclude_duplicates=True
                ),
                repeat,
            ),
            "daily_overall_per_narrative_ms": _median_ms(
                lambda: prevalence(store, narrative=NARRATIVES[0], freq="day"), repeat
            ),
            "event_window_one_narrative_ms": _median_ms(
                lambda: event_window(store, "bench-event", 7, narrative=NARRATIVES[0]), repeat
            ),
            "target_ms": TARGET_MS,
            "repeat": repeat,
            "cpus": os.cpu_count(),
            "load_average_1m": round(os.getloadavg()[0], 2),
        }


def main() -> None:
    """Parse arguments, run, print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--hits", type=int, default=1_000_000)
    parser.add_argument("--sentences", type=int, default=20, help="sentences per article")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", type=Path, help="reuse or keep this store file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        result = run(db, args.articles, args.hits, args.sentences, args.repeat)
    result["ok"] = result["monthly_by_outlet_per_narrative_ms"] < TARGET_MS
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
