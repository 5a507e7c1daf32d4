"""Exports of whole tables and of fixed-size parts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from narrascope.records import Rejected
from narrascope.store import Store


def _parts(folder: Path) -> list[pd.DataFrame]:
    return [pd.read_parquet(f) for f in sorted(folder.glob("part-*.parquet"))]


def test_an_empty_table_exports_as_one_empty_part(store: Store, tmp_path: Path) -> None:
    parts = _parts(store.export("articles", tmp_path / "out", partition_size=10))
    assert [len(p) for p in parts] == [0]
    assert "sentence_starts" not in parts[0].columns


def test_parts_of_any_table_hold_each_row_once_in_order(store: Store, tmp_path: Path) -> None:
    store.write_rejected([Rejected(f"file-{i % 3}.jsonl", i, f"bad {i}") for i in range(11)])
    parts = _parts(store.export("rejected", tmp_path / "out", partition_size=4))
    assert [len(p) for p in parts] == [4, 4, 3]
    rows = pd.concat(parts)[["source_path", "line"]].to_records(index=False).tolist()
    assert rows == sorted((f"file-{i % 3}.jsonl", i) for i in range(11))
    assert not list((tmp_path / "out").glob(".export-*"))  # the staging folder is gone
