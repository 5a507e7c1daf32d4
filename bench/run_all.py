"""Run every ``bench/bench_*.py`` script and collect their JSON into ``bench/out/results.json``.

Scripts run one at a time (benchmarks must not compete for the CPU), each in its own process
with ``NARRASCOPE_BENCH_SCALE`` set (default 0.1: modest sizes; 1 gives the documented ones)
and ``HF_HUB_OFFLINE=1``. A script prints one JSON object on stdout; its stderr passes through.
A script that fails, times out or prints no JSON is recorded as such and the others still run.
``make bench`` calls this.

Usage:
    python bench/run_all.py                      # every script
    python bench/run_all.py scale ingest         # only bench_scale.py and bench_ingest.py
    NARRASCOPE_BENCH_SCALE=1 python bench/run_all.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "results.json"
DEFAULT_SCALE = "0.1"
TIMEOUT_S = 3 * 3600


def scripts(only: list[str]) -> list[Path]:
    """The benchmark scripts, by name; ``only`` keeps those named (without ``bench_``)."""
    found = sorted(HERE.glob("bench_*.py"))
    if only:
        found = [p for p in found if p.stem.removeprefix("bench_") in only]
    return found


def parse_json(stdout: str) -> Any:
    """The JSON object a script printed: all of stdout, else its last ``{``-line onwards."""
    try:
        return json.loads(stdout)
    except ValueError:
        pass
    lines = stdout.splitlines()
    for start in range(len(lines) - 1, -1, -1):
        if lines[start].startswith("{"):
            try:
                return json.loads("\n".join(lines[start:]))
            except ValueError:
                continue
    raise ValueError("no JSON object on stdout")


def run_script(path: Path, env: dict[str, str]) -> dict[str, Any]:
    """Run one script; its status, wall time and JSON result (or the error)."""
    print(f"== {path.name}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, str(path)],
            env=env,
            cwd=HERE.parent,
            stdout=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "seconds": round(time.perf_counter() - started, 1)}
    entry: dict[str, Any] = {"seconds": round(time.perf_counter() - started, 1)}
    if proc.returncode != 0:
        return entry | {"status": "failed", "exit_code": proc.returncode}
    try:
        entry |= {"status": "ok", "result": parse_json(proc.stdout)}
    except ValueError as exc:
        entry |= {"status": "no-json", "error": str(exc), "stdout_tail": proc.stdout[-2000:]}
    return entry


def headline(result: Any, limit: int = 6) -> str:
    """A few top-level numbers of a result, for the summary."""
    if not isinstance(result, dict):
        return ""
    numbers = [
        f"{k}={v}" for k, v in result.items() if isinstance(v, int | float | bool) and k != "scale"
    ]
    return ", ".join(numbers[:limit])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: 0 when every script succeeded."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="script names without bench_ (default: all)")
    args = parser.parse_args(argv)
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    env.setdefault("NARRASCOPE_BENCH_SCALE", DEFAULT_SCALE)
    results = {p.stem: run_script(p, env) for p in scripts(args.only)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": float(env["NARRASCOPE_BENCH_SCALE"]),
        "benchmarks": results,
    }
    OUT.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nbenchmarks (NARRASCOPE_BENCH_SCALE={report['scale']}) -> {OUT}")
    for name, entry in results.items():
        line = f"  {name:<16} {entry['status']:<8} {entry['seconds']:>8.1f}s"
        print(f"{line}  {headline(entry.get('result'))}")
    return 0 if all(e["status"] == "ok" for e in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
