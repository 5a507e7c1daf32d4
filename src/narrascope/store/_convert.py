"""Conversions between records, DataFrames and Arrow tables for the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from narrascope.records import (
    Article,
    Sentence,
)


def _frame(records: Sequence[Any], columns: Sequence[str] | None = None) -> pd.DataFrame:
    rows = [r.as_row() for r in records]
    return pd.DataFrame(rows, columns=list(columns) if columns else None)


_SENTENCE_COLUMNS = ("article_id", "sentence_index", "char_start", "char_end", "text", "language")


def _arrow(records: Sequence[Any], names: Sequence[str]) -> pa.Table:
    """Column-wise Arrow table of flat records (much faster than one dict per record)."""
    return pa.table({n: [getattr(r, n) for r in records] for n in names})


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
                id=row.id,
                url=_none(row.url),
                outlet=_none(row.outlet),
                language=row.language,
                published_at=_ts(row.published_at),
                title=_none(row.title),
                text=row.text,
                source_path=_none(row.source_path),
                raw_sha256=row.raw_sha256,
                ingested_at=_ts(row.ingested_at) or _now(),
                extractor=row.extractor,
                content_hash=row.content_hash,
                canonical_id=_none(row.canonical_id),
                dup_kind=_none(row.dup_kind),
            )
        )
    return out


def _sentences_from(frame: pd.DataFrame) -> list[Sentence]:
    return [
        Sentence(
            r.article_id,
            int(r.sentence_index),
            int(r.char_start),
            int(r.char_end),
            r.text,
            r.language,
        )
        for r in frame.itertuples(index=False)
    ]
