"""Telegram export benchmark: reading and ingesting a channel's ``result.json``.

Writes a synthetic Telegram Desktop export (our own sentences, English and Russian posts, styled
text pieces, forwarded posts, captions, service messages and bare media posts) and prints one
JSON object: the reader's posts/s and MB/s with its peak Python memory (tracemalloc) beside
that of ``json.load`` on the same file, then a full ingest (posts/s, CPU time, peak RSS) and a
second ingest of the same file, which must store nothing (all ``already``).

Usage:
    python bench/bench_telegram.py                 # 20,000 posts (x NARRASCOPE_BENCH_SCALE)
    python bench/bench_telegram.py --posts 200000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import PeakRSS

from narrascope.config import load_config
from narrascope.ingest import IngestOptions, ingest
from narrascope.ingest.files import ReadOptions
from narrascope.ingest.telegram import read_telegram
from narrascope.store import Store

EN = [
    "The minister said the consultations in Moscow were constructive.",
    "Delegations discussed the peace process and regional security.",
    "The spokeswoman commented on the statements of Western officials.",
    "The sides agreed to continue the dialogue at the next meeting.",
]
RU = [
    "Министр заявил, что консультации в Москве прошли конструктивно.",
    "Делегации обсудили мирный процесс и региональную безопасность.",
    "Официальный представитель прокомментировала заявления западных политиков.",
    "Стороны договорились продолжить диалог на следующей встрече.",
]
START = 1_541_030_400  # 2018-11-01 00:00 UTC


def _message(number: int, rng: random.Random) -> dict[str, Any]:
    stamp = START + number * 97
    base: dict[str, Any] = {
        "id": number,
        "type": "message",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(stamp + 3 * 3600)),
        "date_unixtime": str(stamp),
        "from": "Bench Channel",
        "from_id": "channel1000000001",
    }
    roll = rng.random()
    if roll < 0.03:
        return base | {"type": "service", "action": "pin_message", "text": ""}
    if roll < 0.06:
        return base | {"photo": "photos/p.jpg", "text": "", "text_entities": []}
    sentences = rng.sample(RU if rng.random() < 0.6 else EN, 3)
    text: Any = " ".join(sentences) + f" #{number}"
    if roll < 0.4:
        text = [sentences[0] + " ", {"type": "bold", "text": sentences[1]}, " " + sentences[2]]
        text.append({"type": "text_link", "text": f" ({number})", "href": "https://example.org"})
    post = base | {"text": text, "views": rng.randint(100, 100_000)}
    if roll > 0.9:
        post["forwarded_from"] = "Bench Agency"
    return post


def write_export(path: Path, posts: int, seed: int = 0) -> None:
    """A Telegram Desktop-style export of ``posts`` messages, written as it streams."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{\n "name": "Bench Channel",\n "type": "public_channel",\n')
        fh.write(' "id": 1000000001,\n "messages": [\n')
        for number in range(1, posts + 1):
            sep = ",\n" if number < posts else "\n"
            fh.write("  " + json.dumps(_message(number, rng), ensure_ascii=False) + sep)
        fh.write(" ]\n}\n")


def _python_peak(action: Any) -> tuple[float, int, Any]:
    """Seconds, peak traced Python memory (bytes) and result of ``action()``."""
    tracemalloc.start()
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, result


def bench_reader(path: Path) -> dict[str, Any]:
    """The reader alone against ``json.load`` of the whole file."""
    size_mb = path.stat().st_size / 1e6
    started, cpu = time.perf_counter(), time.process_time()
    drafts = sum(1 for _ in read_telegram(path, ReadOptions()))
    untraced, cpu = time.perf_counter() - started, time.process_time() - cpu
    _, reader_peak, _ = _python_peak(lambda: sum(1 for _ in read_telegram(path, ReadOptions())))
    _, load_peak, _ = _python_peak(lambda: len(json.loads(path.read_bytes())["messages"]))
    return {
        "file_mb": round(size_mb, 1),
        "drafts": drafts,
        "reader_s": round(untraced, 2),
        "reader_posts_per_s": round(drafts / untraced),
        "reader_mb_per_s": round(size_mb / untraced, 1),
        "reader_cpu_s": round(cpu, 2),
        "reader_posts_per_cpu_s": round(drafts / cpu),
        "reader_peak_python_mb": round(reader_peak / 1e6, 1),
        "json_load_peak_python_mb": round(load_peak / 1e6, 1),
    }


def bench_ingest(path: Path, db: Path, workers: int) -> dict[str, Any]:
    """A full ingest, then the same file again."""
    options = IngestOptions(workers=workers, config=dict(load_config(None)))
    me = psutil.Process()
    cpu0 = me.cpu_times()
    with PeakRSS() as rss, Store(db) as store:
        started = time.perf_counter()
        first = ingest([path], store, options=options).totals
        seconds = time.perf_counter() - started
    cpu1 = me.cpu_times()
    with Store(db) as store:
        started = time.perf_counter()
        again = ingest([path], store, options=options).totals
        rerun = time.perf_counter() - started
    cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
    return {
        "workers": workers,
        "stored": first.stored,
        "ingest_s": round(seconds, 1),
        "ingest_posts_per_s": round(first.stored / seconds),
        "ingest_cpu_s_main_process": round(cpu, 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "ingest_peak_rss_mb": round(rss.peak / 1e6),
        "rerun_s": round(rerun, 1),
        "rerun_stored": again.stored,
        "rerun_already": again.already_stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    scale = float(os.environ.get("NARRASCOPE_BENCH_SCALE", "1"))
    parser.add_argument("--posts", type=int, default=max(1000, int(20_000 * scale)))
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "result.json"
        write_export(path, args.posts)
        result = {"posts": args.posts, "data": "synthetic (ours)"}
        result |= bench_reader(path)
        result |= bench_ingest(path, Path(tmp) / "bench.duckdb", args.workers)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
