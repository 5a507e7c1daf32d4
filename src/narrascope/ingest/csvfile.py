"""CSV and TSV files with a header row, streamed row by row.

Every row becomes a draft or a rejection naming its line; nothing is skipped without a word.
A quoted field that is never closed would swallow every later row: it is detected (the row
runs to the end of the file with an odd number of quote marks), that line is rejected, and the
lines after it are read as rows again. A row over ``ingest.max_record_mb`` is rejected too.
"""

from __future__ import annotations

import csv
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from narrascope.errors import InputError
from narrascope.ingest._article import Draft
from narrascope.ingest.files import (
    BadLine,
    Line,
    ReadOptions,
    draft_from_record,
    field_key,
    iter_lines,
    open_sample,
    reject,
    sniff_encoding,
)
from narrascope.records import Rejected

__all__ = ["read_csv"]

_DELIMITERS = (",", ";", "\t", "|")


class _RowTooLong(Exception):
    """The row being read grew over the record cap."""


def _delimiter(path: Path, first_line: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _check_header(path: Path, header: list[str], options: ReadOptions) -> None:
    for name in sorted(options.required):
        column = field_key(name, header, options)
        if column not in header:
            columns = ", ".join(header) or "none"
            raise InputError(
                f"column {column!r} (the {name} column) is not in the header; columns: {columns}",
                path=path,
                line=1,
                hint=f"map it with --{name}-col or [ingest.mapping] {name} = ...",
            )


class _LineFeed:
    """Feeds decoded lines to ``csv.reader``, keeping the lines of the row being read."""

    def __init__(self, lines: Iterator[Line], path: Path, cap: int) -> None:
        self.lines = lines
        self.path = path
        self.cap = cap
        self.number = 0
        self.row: list[tuple[int, str]] = []
        self.row_chars = 0
        self.exhausted = False
        self.rejected: list[Rejected] = []

    def start_row(self) -> None:
        self.row, self.row_chars = [], 0

    def __iter__(self) -> Iterator[str]:
        for number, text in self.lines:
            self.number = number
            if isinstance(text, BadLine):
                self.rejected.append(reject(self.path, number, text.reason))
                continue
            self.row.append((number, text))
            self.row_chars += len(text)
            if self.row_chars > self.cap:
                raise _RowTooLong
            yield text
        self.exhausted = True


def read_csv(path: str | Path, options: ReadOptions | None = None) -> Iterator[Draft | Rejected]:
    """Drafts from a CSV or TSV file with a header row, streamed.

    The delimiter is tab for ``.tsv`` and the most frequent of ``, ; tab |`` in the header
    otherwise. A mapped column missing from the header raises ``InputError`` listing the columns.
    A row whose cells are all blank is rejected as empty (a wholly empty line is skipped).
    """
    path, options = Path(path), options or ReadOptions()
    encoding = sniff_encoding(open_sample(path), path, lines=True)
    csv.field_size_limit(max(1 << 17, options.max_record_bytes))
    lines = iter_lines(path, encoding, options)
    first = ""
    for _number, text in lines:
        if not isinstance(text, BadLine):
            first = text
            break
    delimiter = _delimiter(path, first)
    try:
        header = [h.strip() for h in next(csv.reader([first], delimiter=delimiter), [])]
    except csv.Error as exc:
        raise InputError(f"invalid CSV header ({exc})", path=path, line=1) from exc
    _check_header(path, header, options)
    todo: Iterator[Line] | None = lines
    while todo is not None:
        feed = _LineFeed(todo, path, options.max_record_bytes)
        todo = yield from _rows(feed, csv.reader(feed, delimiter=delimiter), header, options)


def _rows(
    feed: _LineFeed, reader: Any, header: list[str], options: ReadOptions
) -> Generator[Draft | Rejected, None, Iterator[Line] | None]:
    """Rows until the end of the file; returns the lines still to read after a broken row."""
    path = str(feed.path)
    while True:
        feed.start_row()
        start = feed.number + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except _RowTooLong:
            yield from _flush(feed)
            limit = options.max_record_mb
            yield reject(path, start, f"row is over ingest.max_record_mb = {limit:g} MB; skipped")
            return _rest(feed)
        except csv.Error as exc:
            yield from _flush(feed)
            yield reject(path, feed.row[0][0] if feed.row else start, f"invalid CSV ({exc})")
            continue
        yield from _flush(feed)
        start = feed.row[0][0] if feed.row else start
        if feed.exhausted and _unclosed(feed.row):
            last = feed.row[-1][0]
            yield reject(
                path,
                start,
                f"unclosed quote: this row runs to the end of the file (line {last}); "
                "the lines after it are read as rows — close the quote",
            )
            return iter(feed.row[1:])
        yield from _row(row, header, path, start, options)
    yield from _flush(feed)
    return None


def _flush(feed: _LineFeed) -> Iterator[Rejected]:
    yield from feed.rejected
    feed.rejected.clear()


def _rest(feed: _LineFeed) -> Iterator[Line]:
    """The lines after an over-long row (its own lines are dropped)."""
    yield from feed.lines


def _unclosed(lines: list[tuple[int, str]]) -> bool:
    return sum(text.count('"') for _n, text in lines) % 2 == 1


def _row(
    row: list[str], header: list[str], path: str, start: int, options: ReadOptions
) -> Iterator[Draft | Rejected]:
    if not row:
        return  # an empty line
    if len(row) > len(header):
        yield reject(path, start, f"row has {len(row)} fields, the header has {len(header)}")
        return
    if not any(cell.strip() for cell in row):
        yield reject(path, start, "blank row (every cell is empty or whitespace)")
        return
    record = dict(zip(header, row, strict=False))
    yield draft_from_record(
        record, path=path, line=start, raw="\x1f".join(row), extractor="csv", options=options
    )
