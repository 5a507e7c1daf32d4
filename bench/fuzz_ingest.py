"""Fuzz campaign for ``narrascope.ingest``: hostile JSONL, CSV, TXT, HTML, RSS and Parquet.

Each input is built from a small valid seed of its format and mutated with our own mutators
(stdlib ``random``, seeded): byte flips and cuts, lone surrogates, deep nesting, huge numbers,
unclosed quotes, whitespace rows, BOMs, NUL bytes, Cyrillic single-byte lines, implausible and
out-of-range dates, long lines, odd column types. Every input is ingested into a shared temp
store (a fresh one every ``--per-store`` inputs) under a per-input timeout, and checked for:

- **crashes**: an exception other than a ``NarrascopeError`` escaping ``ingest``, or a source
  that ended with an "unexpected error" (a reader bug caught by the runner);
- **hangs**: an input that takes longer than ``--timeout`` seconds;
- **silent losses**: records read != stored + already stored + rejected (duplicates are part of
  stored), a JSONL/Parquet/text source whose record count differs from what the input holds
  without a file-level error, or a store that grew by other than the stored count.

Usage:
    python bench/fuzz_ingest.py --count 10000 --seed 16
    python bench/fuzz_ingest.py --count 300 --seed 1 --formats jsonl,csv

Prints one JSON object (counts per format, the first examples of each problem); exits 1 when
anything was found.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope.errors import NarrascopeError
from narrascope.ingest import IngestOptions, ingest
from narrascope.store import Store

FORMATS = ("jsonl", "csv", "txt", "html", "rss", "parquet")
RU = "Министр иностранных дел России заявил, что переговоры продолжатся в Женеве."
EN = "The foreign ministers met in Geneva on Monday and talked about sanctions for hours."
HOSTILE_VALUES: list[Any] = [
    "\ud800",
    "x\udfffy",
    "0001-01-01",
    "9999-12-31T23:59:59Z",
    "2018-02-30",
    10**400,
    -(10**30),
    1e308,
    float("inf"),
    True,
    None,
    [],
    {"a": [1, {"b": None}]},
    "",
    "   ",
    "\x00",
    "\u202e\u200b\ufeff",
    "=1+1",
    "a" * 5000,
    "26 ноября 2018 г.",
    "Mon, 26 Nov 2018 10:30:00 +0300",
    "1543228200",
    "99999999999999999999",
]
HOSTILE_BYTES = [
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b'"',
    b"\r",
    b"\n\n",
    b"   \n",
    b"\\ud800",
    b"[" * 1200,
    b"9" * 4400,
    RU.encode("cp1251"),
    RU.encode("koi8_r"),
    RU.encode("mac_cyrillic"),
    b"\xc3\x28",
    b"<html><body>",
    b"]]>",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    b"&#xd800;",
]


@dataclass
class Outcome:
    """What one input did."""

    fmt: str
    kind: str  # ok, crash, hang, loss
    detail: str = ""


@dataclass
class Report:
    """Counts per format and kind, with the first examples of each problem."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, outcome: Outcome, sample: str) -> None:
        self.counts[(outcome.fmt, outcome.kind)] += 1
        if outcome.kind != "ok":
            found = self.examples.setdefault(outcome.kind, [])
            if len(found) < 10:
                found.append(f"{sample}: {outcome.detail}")

    def total(self, kind: str) -> int:
        return sum(n for (_fmt, k), n in self.counts.items() if k == kind)

    def as_dict(self) -> dict[str, Any]:
        by_format: dict[str, dict[str, int]] = {}
        for (fmt, kind), n in sorted(self.counts.items()):
            by_format.setdefault(fmt, {})[kind] = n
        kinds = ("ok", "crash", "hang", "loss")
        return {"inputs": sum(self.counts.values()), **{k: self.total(k) for k in kinds}} | {
            "by_format": by_format,
            "examples": self.examples,
        }


# -- seeds and mutators -------------------------------------------------------------------------
def _value(rng: random.Random) -> Any:
    return rng.choice(HOSTILE_VALUES) if rng.random() < 0.5 else rng.choice([EN, RU, "Talks."])


def _record(rng: random.Random) -> dict[str, Any]:
    keys = ["text", "title", "published_at", "date", "pubDate", "outlet", "url", "language"]
    record: dict[str, Any] = {"text": rng.choice([EN, RU, f"{EN} {rng.random()}"])}
    for key in rng.sample(keys, rng.randint(0, 4)):
        record[key] = _value(rng) if rng.random() < 0.6 else rng.choice(["2018-11-26", "Wire"])
    return record


def _dumps(record: dict[str, Any], rng: random.Random) -> bytes:
    try:
        text = json.dumps(record, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    except (ValueError, TypeError):
        text = json.dumps({"text": EN})
    return text.encode("utf-8", errors="surrogatepass")


def seed_jsonl(rng: random.Random) -> bytes:
    return b"\n".join(_dumps(_record(rng), rng) for _ in range(rng.randint(1, 6))) + b"\n"


def _cell(value: Any) -> str:
    text = str(value)[:300].replace("\x00", "")
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def seed_csv(rng: random.Random) -> bytes:
    header = rng.sample(["text", "title", "date", "outlet", "url", "timestamp"], 3)
    if "text" not in header:
        header[0] = "text"
    rows = [",".join(header)]
    for _ in range(rng.randint(1, 6)):
        row = _record(rng)
        rows.append(",".join(_cell(row.get(h, _value(rng))) for h in header))
    return ("\n".join(rows) + "\n").encode("utf-8", errors="surrogatepass")


def seed_txt(rng: random.Random) -> bytes:
    head = rng.choice(
        ["", "---\ntitle: T\ndate: 2018-11-26\n---\n", "# Headline\n\n", "date: 0001-01-01\n"]
    )
    return (head + rng.choice([EN, RU]) + "\n").encode(rng.choice(["utf-8", "cp1251", "koi8_r"]))


def seed_html(rng: random.Random) -> bytes:
    body = "".join(f"<p>{rng.choice([EN, RU])}</p>" for _ in range(rng.randint(1, 4)))
    title = rng.choice(["Talks | Site", "", "<script>x</script>"])
    page = f"<html><head><title>{title}</title></head><body><article><h1>H</h1>{body}</article>"
    return f"{page}</body></html>".encode()


DESCRIPTIONS = [EN, RU, "", "&lt;p&gt;x"]
PUBDATES = ["Mon, 26 Nov 2018 10:30:00 +0300", "0001-01-01", "never", ""]


def seed_rss(rng: random.Random) -> bytes:
    items = "".join(
        f"<item><title>T{n}</title><link>https://example.org/{n}</link>"
        f"<pubDate>{rng.choice(PUBDATES)}</pubDate>"
        f"<description>{rng.choice(DESCRIPTIONS)}</description></item>"
        for n in range(rng.randint(1, 5))
    )
    channel = rng.choice(["Wire | Afghanistan and the region", "Wire", ""])
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{channel}</title>'
        f"<link>https://www.wire.example/</link>{items}</channel></rss>"
    ).encode()


def mutate(data: bytes, rng: random.Random) -> bytes:
    """0-3 random edits: flips, cuts, hostile insertions, duplicated lines."""
    buf = bytearray(data)
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        op = rng.randrange(5)
        at = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            buf[at:at] = rng.choice(HOSTILE_BYTES)
        elif op == 2:
            del buf[at : at + rng.randint(1, 40)]
        elif op == 3:
            lines = bytes(buf).split(b"\n")
            pick = rng.randrange(len(lines))
            lines.insert(pick, lines[pick])
            buf = bytearray(b"\n".join(lines))
        else:
            buf = buf[: rng.randrange(len(buf) + 1)]
    return bytes(buf)


def parquet_input(rng: random.Random, path: Path) -> int:
    """Write a Parquet file with hostile values; returns its row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = rng.randint(1, 5)
    texts = [rng.choice([EN, RU, "", None, "x\udfff"]) for _ in range(rows)]
    texts = [t.encode("utf-8", "replace").decode() if isinstance(t, str) else t for t in texts]
    columns: dict[str, Any] = {"text": pa.array(texts, pa.string())}
    stamps = [rng.choice([0, 2**62, -(2**62), 1543228200 * 10**6, None]) for _ in range(rows)]
    kind = rng.choice(["timestamp", "string", "int"])
    if kind == "timestamp":
        columns["published_at"] = pa.array(stamps, pa.timestamp("us"))
    elif kind == "string":
        columns["published_at"] = pa.array(
            [rng.choice(["2018-11-26", "0001-01-01", "x"]) for _ in range(rows)]
        )
    else:
        columns["published_at"] = pa.array(
            [rng.choice([0, 10**18, -1]) for _ in range(rows)], pa.int64()
        )
    if rng.random() < 0.3:
        columns["outlet"] = pa.array([rng.choice([5, None, 7]) for _ in range(rows)], pa.int64())
    else:
        columns["outlet"] = pa.array([rng.choice(["Wire", None]) for _ in range(rows)])
    pq.write_table(pa.table(columns), path)
    return rows


SEEDS: dict[str, Callable[[random.Random], bytes]] = {
    "jsonl": seed_jsonl,
    "csv": seed_csv,
    "txt": seed_txt,
    "html": seed_html,
    "rss": seed_rss,
}


# -- running ------------------------------------------------------------------------------------
class Hang(Exception):
    """The per-input timeout fired."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def fire(signum: int, frame: object) -> None:
        raise Hang

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def expected_records(fmt: str, data: bytes) -> int | None:
    """How many records the input holds, where that is known without parsing it."""
    if fmt == "jsonl":
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        return sum(1 for raw in data.split(b"\n") if raw.strip(b"\r\n"))
    if fmt in ("txt", "html"):
        return 1
    return None


def check(fmt: str, summary: Any, expected: int | None, grown: int) -> Outcome:
    (source,) = summary.sources
    if source.error and "unexpected error" in source.error:
        return Outcome(fmt, "crash", source.error)
    accounted = source.stored + source.already_stored + source.rejected - (1 if source.error else 0)
    if source.read != accounted:
        return Outcome(fmt, "loss", f"read {source.read} != accounted {accounted} ({source})")
    if expected is not None and not source.error and source.read != expected:
        return Outcome(fmt, "loss", f"input holds {expected} records, read {source.read}")
    if grown != source.stored:
        return Outcome(fmt, "loss", f"store grew by {grown}, stored {source.stored}")
    return Outcome(fmt, "ok")


def run_one(fmt: str, path: Path, expected: int | None, store: Store, timeout: float) -> Outcome:
    before = store.count("articles")
    try:
        with deadline(timeout):
            summary = ingest([path], store, options=IngestOptions(workers=1, config=CONFIG))
    except Hang:
        return Outcome(fmt, "hang", f"over {timeout:g} s")
    except NarrascopeError as exc:
        return Outcome(fmt, "ok", exc.one_line())
    except Exception as exc:
        trace = traceback.format_exc().strip().splitlines()[-3:]
        return Outcome(fmt, "crash", f"{type(exc).__name__}: {exc!s:.200} | {' / '.join(trace)}")
    return check(fmt, summary, expected, store.count("articles") - before)


CONFIG: dict[str, Any] = {}


def campaign(
    count: int, seed: int, formats: tuple[str, ...], per_store: int, timeout: float
) -> Report:
    """Generate, ingest and check ``count`` inputs; returns the report."""
    from narrascope.config import load_config

    CONFIG.update(load_config(None), **{"ingest.max_record_mb": 1})
    rng = random.Random(seed)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="narrascope-fuzz-") as tmp:
        folder = Path(tmp)
        store: Store | None = None
        for index in range(count):
            if index % per_store == 0:
                if store is not None:
                    store.close()
                store = Store(folder / f"fuzz-{index}.duckdb")
            assert store is not None
            fmt = formats[index % len(formats)]
            path = folder / f"in-{index}.{fmt}"
            if fmt == "parquet":
                expected: int | None = parquet_input(rng, path)
            else:
                data = mutate(SEEDS[fmt](rng), rng)
                path.write_bytes(data)
                expected = expected_records(fmt, data)
            report.add(run_one(fmt, path, expected, store, timeout), f"#{index} {fmt} seed={seed}")
            path.unlink()
        if store is not None:
            store.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--per-store", type=int, default=500, help="inputs per temp store")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per input")
    args = parser.parse_args(argv)
    formats = tuple(f for f in args.formats.split(",") if f)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown formats {sorted(unknown)}; choose from {FORMATS}")
    started = time.perf_counter()
    report = campaign(args.count, args.seed, formats, args.per_store, args.timeout)
    result = report.as_dict() | {"seconds": round(time.perf_counter() - started, 1)}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if any(result[k] for k in ("crash", "hang", "loss")) else 0


if __name__ == "__main__":
    sys.exit(main())
