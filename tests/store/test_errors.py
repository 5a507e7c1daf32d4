"""A damaged or locked store file: one clear StoreError with the hint that fits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import make_article

from narrascope.errors import StoreError
from narrascope.store import Store
from narrascope.store._errors import DAMAGE_HINT, LOCK_HINT
from narrascope.text import segment


def _stored(path: Path) -> Path:
    articles = [make_article(f"Text number {i} about the talks in Moscow.") for i in range(200)]
    with Store(path) as store:
        store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, "en")])
    return path


@pytest.mark.parametrize("keep", [0.1, 0.0])
def test_a_truncated_store_says_restore_or_reingest(tmp_path: Path, keep: float) -> None:
    path = _stored(tmp_path / "s.duckdb")
    with path.open("r+b") as handle:
        handle.truncate(int(path.stat().st_size * keep) or 100)
    with pytest.raises(StoreError) as exc:
        Store(path, read_only=True)
    assert exc.value.hint == DAMAGE_HINT and "another narrascope process" not in str(exc.value)


def test_a_corrupted_block_says_restore_or_reingest(tmp_path: Path) -> None:
    path = _stored(tmp_path / "s.duckdb")
    with path.open("r+b") as handle:
        handle.seek(12288)
        handle.write(b"x" * 8192)
    with pytest.raises(StoreError) as exc:
        Store(path, read_only=True)
    assert exc.value.hint == DAMAGE_HINT


def test_a_store_locked_by_another_process_keeps_the_lock_hint(tmp_path: Path) -> None:
    path = _stored(tmp_path / "s.duckdb")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
            "sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as exc:
            Store(path)
        assert exc.value.hint == LOCK_HINT
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
