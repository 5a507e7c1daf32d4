"""Import a Parquet corpus: one file, or a folder of ``part-*.parquet`` files.

The columns are those of the ``articles`` table, so a corpus written by ``narrascope export
articles --format parquet --partition-size N`` (or by a Spark/Dask job with the same schema)
comes back as it left. ``id``, ``language`` and ``text`` are required; every other column is
optional (``raw_sha256`` defaults to the sha256 of the text, ``ingested_at`` to now,
``extractor`` to ``"parquet"``, ``source_path`` to the file). Files are read in record batches,
so memory is bounded by the batch size, not the corpus. Rows without an id, language or text
are logged and skipped.

:func:`read_parquet` yields finished articles (the Dask runner reads its partitions with it);
:func:`read_parquet_drafts` is the ``narrascope ingest`` reader for ``.parquet`` files, which
re-derives ids, content hashes and sentences like every other source (an exported corpus
comes back with the same ids).

Example:
    >>> from pathlib import Path
    >>> articles = read_parquet(Path("corpus/"))          # doctest: +SKIP
    >>> next(articles).language                            # doctest: +SKIP
    'ru'
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from narrascope.errors import InputError
from narrascope.ingest._article import Draft
from narrascope.ingest.dates import parse_date
from narrascope.records import Article, Rejected

__all__ = ["parquet_files", "read_parquet", "read_parquet_drafts"]

log = logging.getLogger(__name__)

REQUIRED = ("id", "language", "text")
BATCH_ROWS = 1_000
_VALUE_ERRORS = (OverflowError, ValueError, pa.ArrowException)


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a corpus: the file itself, or a folder's ``part-*.parquet``
    (any ``*.parquet`` when there is no ``part-`` file), in name order."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError("no such Parquet file or folder", path=path)
    files = sorted(path.glob("part-*.parquet")) or sorted(path.glob("*.parquet"))
    if not files:
        raise InputError(
            "folder holds no Parquet files",
            path=path,
            hint="export one with `narrascope export articles --format parquet --partition-size N`",
        )
    return files


def read_parquet(path: Path, *, batch_rows: int = BATCH_ROWS) -> Iterator[Article]:
    """Stream the articles of a Parquet file or folder of part files.

    Args:
        path: a ``.parquet`` file or a folder of ``part-*.parquet`` files.
        batch_rows: rows decoded at a time (bounds memory).

    Returns:
        An iterator of :class:`~narrascope.records.Article` in file and row order.

    Raises:
        InputError: the path is missing, holds no Parquet file, a file cannot be read or lacks
            a required column.
    """
    for file in parquet_files(path):
        yield from _read_file(file, batch_rows)


def _open(file: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(file)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read Parquet ({exc})", path=file) from exc


def _rows(file: Path, batch_rows: int, required: Sequence[str]) -> Iterator[dict[str, Any] | str]:
    """The rows of one file as dicts, a record batch at a time (a row that cannot be read
    comes as the reason why)."""
    handle = _open(file)
    present = set(handle.schema_arrow.names)
    missing = [c for c in required if c not in present]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}",
            path=file,
            hint=f"a corpus needs the articles table's columns, at least {', '.join(required)}",
        )
    for batch in handle.iter_batches(batch_size=batch_rows):
        try:
            rows = batch.to_pylist()
        except _VALUE_ERRORS:
            rows = _row_by_row(batch)
        yield from rows


def _row_by_row(batch: pa.RecordBatch) -> list[dict[str, Any] | str]:
    """The rows of a batch one at a time; a row with a value Python cannot hold (a timestamp
    beyond year 9999, ...) comes as the reason it cannot be read."""
    out: list[dict[str, Any] | str] = []
    for index in range(batch.num_rows):
        try:
            out.append(batch.slice(index, 1).to_pylist()[0])
        except _VALUE_ERRORS as exc:
            out.append(_bad_value(batch, index, exc))
    return out


def _bad_value(batch: pa.RecordBatch, index: int, exc: Exception) -> str:
    for name in batch.schema.names:
        try:
            batch.column(name)[index].as_py()
        except _VALUE_ERRORS as column_exc:
            return f"column {name!r} holds a value out of range ({column_exc})"
    return f"row cannot be read ({type(exc).__name__}: {exc})"


def _read_file(file: Path, batch_rows: int) -> Iterator[Article]:
    for row, record in enumerate(_rows(file, batch_rows, REQUIRED), start=1):
        article = None if isinstance(record, str) else _article(record, file)
        if article is None:
            log.warning("%s: row %d skipped: no id, language or text", file, row)
            continue
        yield article


def read_parquet_drafts(path: str | Path, options: Any = None) -> Iterator[Draft | Rejected]:
    """Drafts for ``narrascope ingest`` (which re-derives ids, hashes and sentences).

    Columns are found through ``options.mapping`` (the ``[ingest.mapping]`` settings, whose
    defaults are the articles table's names); a row without text is rejected, not fatal.
    """
    mapping = dict(getattr(options, "mapping", None) or {})
    column = {f: mapping.get(f, f) for f in ("text", "title", "url", "outlet", "language")}
    column["date"] = mapping.get("date", "published_at")
    for file in parquet_files(Path(path)):
        for row, record in enumerate(_rows(file, BATCH_ROWS, (column["text"],)), start=1):
            if isinstance(record, str):
                yield _rejected(file, row, record)
                continue
            try:
                yield _draft(record, column, file, row, options)
            except (ValueError, OverflowError, TypeError, UnicodeError) as exc:
                yield _rejected(file, row, str(exc))


def _rejected(file: Path, row: int, reason: str) -> Rejected:
    return Rejected(str(file), row, InputError(f"row {row}: {reason}", path=file).one_line())


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _draft(
    record: dict[str, Any], column: dict[str, str], file: Path, row: int, options: Any
) -> Draft | Rejected:
    text = record.get(column["text"])
    if not text or not str(text).strip():
        return _rejected(file, row, f"text column {column['text']!r} is empty")
    text = str(text)
    cap = getattr(options, "max_record_bytes", None)
    if cap is not None and len(text) > cap:
        return _rejected(file, row, f"text is over ingest.max_record_mb = {cap / 1e6:g} MB")
    return Draft(
        text=text,
        source_path=str(file),
        line=row,
        raw_sha256=record.get("raw_sha256") or hashlib.sha256(text.encode()).hexdigest(),
        extractor="parquet",
        title=_str(record.get(column["title"])),
        url=_str(record.get(column["url"])),
        outlet=_str(record.get(column["outlet"])),
        language=_str(record.get(column["language"])),
        published_at=parse_date(record.get(column["date"]), source=f"column {column['date']!r}"),
        forwarded_from=_str(record.get("forwarded_from")),
    )


def _article(record: dict[str, Any], file: Path) -> Article | None:
    if any(not record.get(c) for c in REQUIRED):
        return None
    text = str(record["text"])
    return Article(
        id=str(record["id"]),
        url=record.get("url"),
        outlet=record.get("outlet"),
        language=str(record["language"]),
        published_at=_timestamp(record.get("published_at")),
        title=record.get("title"),
        text=text,
        source_path=record.get("source_path") or str(file),
        raw_sha256=record.get("raw_sha256") or hashlib.sha256(text.encode()).hexdigest(),
        ingested_at=_timestamp(record.get("ingested_at")) or datetime.now(UTC),
        extractor=record.get("extractor") or "parquet",
        content_hash=record.get("content_hash") or "",
        canonical_id=record.get("canonical_id"),
        dup_kind=record.get("dup_kind"),
        forwarded_from=record.get("forwarded_from"),
    )


def _timestamp(value: Any) -> datetime | None:
    """A UTC datetime from a Parquet timestamp (naive means UTC) or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
