"""Coding workflow at scale: stratified sampling + sheet writing, and the streamed hits CSV.

Usage: ``python bench/bench_coding.py [--articles 100000] [--hits-per-article 10] [--db PATH]``
(default articles: 100,000 times ``NARRASCOPE_BENCH_SCALE``, 1 when unset)

The store is the one ``bench/bench_web.py`` generates (DuckDB SQL straight into the schema:
12 outlets, 18 months, EN/RU, 10 sentences and 10 hits per article); ``--db PATH`` reuses it
when it exists, else generates and keeps it there. Measured, wall and CPU seconds:

- ``narrascope sample`` logic: 200 articles by outlet, month, language and score band (864
  strata, more than 200, so ``--min-per-stratum 0``: proportional only), the CSV sheet and
  the HTML form written; the same for 200 sentences (1M sentence units);
- ``GET /download/hits.csv`` through FastAPI's TestClient: one narrative's hits (about 1/9 of
  all, > 100k rows) and every hit of the run, streamed in 50k-row batches; rows counted.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_web import RUN, generate
from fastapi.testclient import TestClient

from narrascope.codebook import load_codebook
from narrascope.store import Store
from narrascope.validation.coding_sheet import sheet_frame, write_sheet_csv, write_sheet_html
from narrascope.validation.sampling import draw_sample, parse_by
from narrascope.web import create_app


def _timed(call: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = call()
    return value, round(time.perf_counter() - wall, 3), round(time.process_time() - cpu, 3)


def _sample(db: Path, out: Path, unit: str) -> dict[str, Any]:
    book = load_codebook("crisis-diplomacy")

    def work() -> Any:
        with Store(db, read_only=True) as store:
            by = parse_by("outlet,month,language,score-band")  # 864 strata: no floor
            drawn = draw_sample(store, n=200, unit=unit, by=by, seed=7, minimum=0)
        frame = sheet_frame(drawn, list(book.ids))
        write_sheet_csv(frame, out / f"{unit}.csv")
        write_sheet_html(frame, out / f"{unit}.html", book, list(book.ids))
        return drawn

    drawn, wall, cpu = _timed(work)
    return {
        "unit": unit,
        "drawn": len(drawn.items),
        "strata": len(drawn.strata),
        "population": int(drawn.strata["population"].sum()),
        "wall_s": wall,
        "cpu_s": cpu,
        "html_kb": round((out / f"{unit}.html").stat().st_size / 1024),
    }


def _download(client: TestClient, params: dict[str, str]) -> dict[str, Any]:
    def work() -> tuple[int, int]:
        lines = size = 0
        with client.stream("GET", "/download/hits.csv", params=params) as response:
            if response.status_code != 200:
                raise SystemExit(f"HTTP {response.status_code}")
            for chunk in response.iter_bytes():
                size += len(chunk)
                lines += chunk.count(b"\n")
        return lines - 1, size

    (rows, size), wall, cpu = _timed(work)
    return {"filter": params or "all", "rows": rows, "mb": round(size / 2**20, 1),
            "wall_s": wall, "cpu_s": cpu}  # fmt: skip


def run(n_articles: int, hits_per_article: int, db: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "bench.duckdb"
        made = None if path.exists() else generate(path, n_articles, hits_per_article)
        with Store(path, read_only=True) as store:
            hits = store.count("hits")
            articles = store.count("articles")
        result: dict[str, Any] = {"articles": articles, "hits": hits, "generated": made}
        result["sample"] = [_sample(path, Path(tmp), unit) for unit in ("article", "sentence")]
        with TestClient(create_app(path, codebook="crisis-diplomacy")) as client:
            result["download"] = [
                _download(client, {"run": RUN, "narrative": "multipolar-order"}),
                _download(client, {"run": RUN}),
            ]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    scale = float(os.environ.get("NARRASCOPE_BENCH_SCALE", "1"))  # bench/run_all.py sets it
    parser.add_argument("--articles", type=int, default=int(100_000 * scale))
    parser.add_argument("--hits-per-article", type=int, default=10)
    parser.add_argument("--db", type=Path, help="store to reuse, or to generate and keep")
    args = parser.parse_args()
    print(json.dumps(run(args.articles, args.hits_per_article, args.db), indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
