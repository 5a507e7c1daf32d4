"""Dashboard response times on a generated store of 100k articles and 1M hits.

Usage: ``python bench/bench_web.py [--articles 100000] [--hits-per-article 10] [--requests 30]
[--db PATH]``

The store is generated with DuckDB SQL straight into the schema (no NLP), then the overview,
narrative and article pages and the evidence API are requested through FastAPI's TestClient.
Prints one JSON object: sizes, generation time, and per-endpoint cold (first, uncached) and
median/p95 warm times in milliseconds, plus the overview and the narrative page with the per-run
cache emptied before each request, and the report's wall and CPU seconds. Targets: overview and
narrative pages < 300 ms median, report < 30 s. ``--db PATH`` keeps the generated store there
(or reuses it when it exists).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from narrascope.report import write_report
from narrascope.store import Store
from narrascope.web import create_app

RUN = "bench-run"
OUTLETS = [f"Outlet {i:02d}" for i in range(12)]
NARRATIVES = {  # id -> parent
    "double-standards": None,
    "accuses-others-of-own-conduct": "double-standards",
    "democracy-as-cover": "double-standards",
    "indispensable-power": None,
    "unique-leverage": "indispensable-power",
    "others-must-consult-moscow": "indispensable-power",
    "partners-beyond-west": None,
    "india-partnership": "partners-beyond-west",
    "multipolar-order": "partners-beyond-west",
}
SENTENCE = "Officials in Moscow discussed the format of the talks again. "  # 61 characters
PER_ARTICLE = 10
COLD_REQUESTS = 5


def generate(path: Path, n_articles: int, hits_per_article: int) -> dict[str, Any]:
    """Write a synthetic store; every hit points at a real sentence span."""
    started = time.perf_counter()
    with Store(path) as store:
        con = store.con
        _table(con, "outlets", ("k", "outlet"), list(enumerate(OUTLETS)))
        rows = [(i, n, p) for i, (n, p) in enumerate(NARRATIVES.items())]
        _table(con, "narratives", ("k", "narrative", "parent"), rows)
        _articles(con, n_articles)  # sentences: the view over the articles' spans
        _hits(con, hits_per_article)
        _labels(con)
        con.execute(
            "INSERT INTO runs VALUES (?, now(), now(), 'bench', 'crisis-diplomacy', 'bench', "
            "'[\"lexicon\", \"embedding\"]', '{}', 'done', ?)",
            [RUN, n_articles],
        )
        con.execute(
            "INSERT INTO events VALUES ('Moscow format meeting', DATE '2018-11-09', NULL, "
            "'talks with the Taliban', ['talks'])"
        )
        sizes = {t: store.count(t) for t in ("articles", "sentences", "hits", "article_labels")}
    return {"generate_s": round(time.perf_counter() - started, 1), **sizes}


def _table(con: Any, name: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """A small temporary lookup table from Python values (bound parameters)."""
    marks = ", ".join("(" + ", ".join("?" for _ in columns) + ")" for _ in rows)
    con.execute(
        f"CREATE TEMP TABLE {name} AS SELECT * FROM (VALUES {marks}) t({', '.join(columns)})",
        [v for row in rows for v in row],
    )


def _articles(con: Any, n: int) -> None:
    """Articles of ``PER_ARTICLE`` copies of ``SENTENCE``, with their sentence spans."""
    size = len(SENTENCE)
    con.execute(
        "INSERT INTO articles (id, url, outlet, language, published_at, title, text, "
        "source_path, raw_sha256, ingested_at, extractor, content_hash, canonical_id, dup_kind, "
        "sentence_starts, sentence_ends) SELECT 'a' || lpad(CAST(i AS VARCHAR), 7, '0'), "
        "'https://example.org/' || i, o.outlet, CASE WHEN i % 3 = 0 THEN 'ru' ELSE 'en' END, "
        "TIMESTAMPTZ '2018-01-01 00:00:00+00' + to_days(CAST(i % 540 AS INTEGER)) "
        "+ to_hours(CAST(i % 24 AS INTEGER)), 'Article ' || i, repeat(?, ?), NULL, "
        "md5(CAST(i AS VARCHAR)), now(), 'bench', md5(CAST(i AS VARCHAR)), NULL, NULL, "
        "list_transform(range(?), lambda j: CAST(j * ? AS INTEGER)), "
        "list_transform(range(?), lambda j: CAST(j * ? + ? AS INTEGER)) "
        "FROM range(?) r(i) JOIN outlets o ON o.k = i % ?",
        [SENTENCE, PER_ARTICLE, PER_ARTICLE, size, PER_ARTICLE, size, size - 1, n, len(OUTLETS)],
    )


def _hits(con: Any, per_article: int) -> None:
    size = len(SENTENCE)
    con.execute(
        "INSERT INTO hits (run_id, article_id, sentence_index, char_start, char_end, narrative, "
        "detector, score, evidence, stance) SELECT ?, a.id, j % ?, (j % ?) * ? + 13, "
        "(j % ?) * ? + 19, "
        "n.narrative, CASE WHEN (hash(a.id) + j) % 10 = 0 THEN 'embedding' ELSE 'lexicon' END, "
        "0.5 + (hash(a.id || j) % 500) / 1000.0, 'Moscow', "
        "['asserted', 'attributed', 'rejected'][1 + CAST(hash(a.id || 's' || j) % 3 AS INTEGER)] "
        "FROM articles a, range(?) h(j) "
        "JOIN narratives n ON n.k = (hash(a.id) + j * 7) % ?",
        [RUN, PER_ARTICLE, PER_ARTICLE, size, PER_ARTICLE, size, per_article, len(NARRATIVES)],
    )


def _labels(con: Any) -> None:
    con.execute(
        "INSERT INTO article_labels SELECT ?, article_id, narrative, detector, max(score), "
        "count(*), count(DISTINCT sentence_index) FROM ("
        "SELECT h.article_id, h.narrative, h.detector, h.score, h.sentence_index FROM hits h "
        "UNION ALL SELECT h.article_id, n.parent, h.detector, h.score, h.sentence_index "
        "FROM hits h JOIN narratives n ON n.narrative = h.narrative WHERE n.parent IS NOT NULL"
        ") GROUP BY ALL",
        [RUN],
    )


def _time(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{response.request.url}: HTTP {response.status_code}")
    return elapsed


def measure(client: TestClient, paths: list[str]) -> dict[str, float]:
    """Cold (first) time, then median and p95 over the remaining requests (ms), and the
    median CPU ms of those (this process, all threads: robust to a busy machine)."""
    times, cpus = [], []
    for path in paths:
        cpu = time.process_time()
        times.append(_time(lambda p=path: client.get(p)))
        cpus.append((time.process_time() - cpu) * 1000)
    warm = sorted(times[1:])
    return {
        "requests": len(times),
        "cold_ms": round(times[0], 1),
        "median_ms": round(statistics.median(warm), 1),
        "p95_ms": round(warm[int(0.95 * (len(warm) - 1))], 1),
        "cpu_median_ms": round(statistics.median(cpus[1:]), 1),
    }


def _uncached(client: TestClient, n: int) -> dict[str, float]:
    """The overview with the dashboard's per-run cache emptied before each request."""
    dashboard = client.app.state.dashboard  # type: ignore[attr-defined]
    times = []
    for _ in range(n):
        dashboard._cache.clear()
        times.append(_time(lambda: client.get("/")))
    return {"requests": n, "median_ms": round(statistics.median(times), 1)}


def _report_time(path: Path) -> dict[str, float]:
    """Wall and CPU seconds (this process, all threads) to write the run's HTML report."""
    started, cpu = time.perf_counter(), time.process_time()
    with Store(path, read_only=True) as store:
        write_report(store, path.with_suffix(".html"))
    return {
        "wall_s": round(time.perf_counter() - started, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
    }


def _uncached_narrative(client: TestClient, n: int) -> dict[str, float]:
    """The narrative page with its cached charts dropped before each request (timeline, outlet
    bars and small multiples rebuilt every time; the run's summary stays), wall and CPU ms."""
    dashboard = client.app.state.dashboard  # type: ignore[attr-defined]
    walls, cpus = [], []
    for _ in range(n):
        for key in [k for k in dashboard._cache if k[0] == "narrative"]:
            del dashboard._cache[key]
        cpu = time.process_time()
        walls.append(_time(lambda: client.get("/narratives/double-standards")))
        cpus.append((time.process_time() - cpu) * 1000)
    return {
        "requests": n,
        "median_ms": round(statistics.median(walls), 1),
        "cpu_median_ms": round(statistics.median(cpus), 1),
    }


def run(
    n_articles: int, hits_per_article: int, n_requests: int, db: Path | None = None
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = db or Path(folder) / "bench.duckdb"
        if path.exists():
            with Store(path, read_only=True) as store:
                result: dict[str, Any] = {
                    "store": {"reused": str(path), "articles": store.count("articles")}
                }
        else:
            result = {"store": generate(path, n_articles, hits_per_article)}
        result["report"] = _report_time(path)
        with TestClient(create_app(path)) as client:
            n = n_requests
            outlet = OUTLETS[3].replace(" ", "+")
            result["overview"] = measure(client, ["/"] * n)
            result["overview_uncached"] = _uncached(client, COLD_REQUESTS)
            result["narrative"] = measure(
                client, [f"/narratives/double-standards?page={i + 1}" for i in range(n)]
            )
            result["narrative_uncached"] = _uncached_narrative(client, COLD_REQUESTS)
            result["narrative_filtered"] = measure(
                client,
                [
                    f"/narratives/india-partnership?outlet={outlet}&language=en&detector=lexicon"
                    f"&date_from=2018-03-01&date_to=2018-12-31&order=newest&page={i + 1}"
                    for i in range(n)
                ],
            )
            result["article"] = measure(
                client, [f"/articles/a{i * 997 % n_articles:07d}" for i in range(n)]
            )
            result["api_evidence"] = measure(
                client,
                [
                    f"/api/evidence?narrative=indispensable-power&size=200&page={i + 1}"
                    for i in range(n)
                ],
            )
    result["load_average_1m"] = round(os.getloadavg()[0], 2)
    result["target_ms"] = 300
    result["target_report_s"] = 30
    pages = ("overview", "narrative", "narrative_uncached", "narrative_filtered")
    result["pass"] = (
        all(result[k]["median_ms"] < 300 for k in pages) and result["report"]["wall_s"] < 30
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--hits-per-article", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument(
        "--db", type=Path, help="store to reuse, or to generate and keep (default: temporary)"
    )
    args = parser.parse_args()
    result = run(args.articles, args.hits_per_article, max(args.requests, 21), args.db)
    print(json.dumps(result, indent=2))
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
