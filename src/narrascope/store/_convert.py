"""Conversions between records, DataFrames and Arrow tables for the store."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from narrascope.records import (
    Article,
    Sentence,
)


def _frame(records: Sequence[Any], columns: Sequence[str] | None = None) -> pd.DataFrame:
    rows = [r.as_row() for r in records]
    return pd.DataFrame(rows, columns=list(columns) if columns else None)


_SPAN_COLUMNS = ("sentence_starts", "sentence_ends")


def _arrow(records: Sequence[Any], names: Sequence[str]) -> pa.Table:
    """Column-wise Arrow table of flat records (much faster than one dict per record)."""
    return pa.table({n: [getattr(r, n) for r in records] for n in names})


def _span_bytes(sentences: Sequence[Sentence]) -> bytes:
    """One article's sentence offsets as native int32 ``start, end`` pairs, in order."""
    ordered = sorted(sentences, key=lambda s: s.index)
    return array("i", [o for s in ordered for o in (s.start, s.end)]).tobytes()


def _span_lists(spans: Sequence[bytes]) -> tuple[pa.ListArray, pa.ListArray]:
    """``sentence_starts`` and ``sentence_ends`` list columns from packed spans, vectorised."""
    flat = np.frombuffer(b"".join(spans), dtype=np.int32)
    offsets = np.zeros(len(spans) + 1, dtype=np.int32)
    np.cumsum([len(b) // 8 for b in spans], out=offsets[1:])
    offsets_array = pa.array(offsets)
    starts = pa.ListArray.from_arrays(offsets_array, pa.array(flat[0::2]))
    ends = pa.ListArray.from_arrays(offsets_array, pa.array(flat[1::2]))
    return starts, ends


def _columns(table: str) -> str:
    """What an export of ``table`` selects: spans live in the ``sentences`` view, not here."""
    return f"* EXCLUDE ({', '.join(_SPAN_COLUMNS)})" if table == "articles" else "*"


def _fields(record_type: type) -> list[str]:
    from narrascope.records import column_names

    return column_names(record_type)


def _now() -> datetime:
    return datetime.now(UTC)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _ts(value: Any) -> datetime | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).tz_convert("UTC").to_pydatetime()


def _articles_from(frame: pd.DataFrame) -> list[Article]:
    out = []
    for row in frame.itertuples(index=False):
        out.append(
            Article(
                id=str(row.id),
                url=_none(row.url),
                outlet=_none(row.outlet),
                language=str(row.language),
                published_at=_ts(row.published_at),
                title=_none(row.title),
                text=str(row.text),
                source_path=_none(row.source_path),
                raw_sha256=str(row.raw_sha256),
                ingested_at=_ts(row.ingested_at) or _now(),
                extractor=str(row.extractor),
                content_hash=str(row.content_hash),
                canonical_id=_none(row.canonical_id),
                dup_kind=_none(row.dup_kind),
                forwarded_from=_none(getattr(row, "forwarded_from", None)),
            )
        )
    return out
