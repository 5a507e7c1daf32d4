"""Local files: JSON Lines, CSV/TSV and plain text or Markdown.

Readers yield one :class:`~narrascope.ingest._article.Draft` per record, or a
:class:`~narrascope.records.Rejected` naming the file and line of a record that cannot be used.
A problem with a whole file (empty, binary, too large, a mapped CSV column missing) raises
:class:`~narrascope.errors.InputError`.

Encoding: UTF-8 with or without BOM; anything else is detected with charset-normalizer on the
first megabyte (cp1251 and KOI8-R Russian are recognised). A file with NUL bytes, or one that
decodes as nothing, is reported as binary. JSONL and CSV are streamed line by line, so memory
stays flat whatever the file size; whole-file formats are capped at ``ingest.max_file_mb``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope.errors import InputError
from narrascope.ingest._article import Draft, sha256_hex
from narrascope.ingest._http import FetchSettings
from narrascope.ingest.dates import parse_date
from narrascope.records import Rejected

__all__ = [
    "FIELDS",
    "ReadOptions",
    "decode_bytes",
    "read_csv",
    "read_jsonl",
    "read_text",
    "sniff_encoding",
]

FIELDS = ("text", "title", "date", "url", "outlet", "language")
SAMPLE_BYTES = 1 << 20
MAX_BAD_UTF8_SHARE = 0.001  # more undecodable bytes than this: not UTF-8, detect the encoding
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FRONT_KEYS = {"date", "title", "url", "outlet", "source", "language", "lang"}
_FRONT_RE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
_DELIMITERS = (",", ";", "\t", "|")


@dataclass
class ReadOptions:
    """What readers need to know.

    Attributes:
        mapping: field (``text``, ``title``, ``date``, ``url``, ``outlet``, ``language``) to
            the column or key holding it.
        required: fields whose column must exist in a CSV header (``text`` and any field the
            user mapped explicitly).
        max_file_mb: cap for formats read whole (text, HTML, feed files).
        fetch: download settings (feeds and their pages).
        fetch_articles: download and extract each feed item's page.
        on_bytes: progress callback, called with the number of bytes just read.
    """

    mapping: dict[str, str] = field(default_factory=lambda: default_mapping())
    required: frozenset[str] = frozenset({"text"})
    max_file_mb: float = 2048
    fetch: FetchSettings = field(default_factory=FetchSettings)
    fetch_articles: bool = False
    on_bytes: Callable[[int], None] | None = None

    def advance(self, nbytes: int) -> None:
        """Report progress (no-op without a callback)."""
        if self.on_bytes is not None:
            self.on_bytes(nbytes)


def default_mapping() -> dict[str, str]:
    """The shipped ``[ingest.mapping]`` defaults (``date`` is ``published_at``)."""
    from narrascope.config import SETTINGS

    defaults = {s.name: s.default for s in SETTINGS}
    return {f: str(defaults[f"ingest.mapping.{f}"]) for f in FIELDS}


# -- encodings ----------------------------------------------------------------------------------
def _is_utf8(sample: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few corrupt bytes (those lines get rejected later)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        decoded = sample.decode("utf-8", errors="replace")
        return decoded.count("\ufffd") <= MAX_BAD_UTF8_SHARE * len(decoded)
    return True


def sniff_encoding(sample: bytes, path: str | Path) -> str:
    """The codec of a file from its first bytes; binary content raises ``InputError``.

    Example:
        >>> sniff_encoding("Привет, мир".encode("cp1251") * 20, "a.txt")
        'cp1251'
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" in sample:
        raise InputError("binary file (contains NUL bytes), not text", path=path)
    if _is_utf8(sample):
        return "utf-8"
    import charset_normalizer

    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise InputError("binary or undecodable file: no text encoding fits", path=path)
    return str(best.encoding)


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode a whole file's bytes (see :func:`sniff_encoding`).

    A few corrupt bytes in otherwise valid UTF-8 become U+FFFD instead of failing the file.
    """
    encoding = sniff_encoding(data[:SAMPLE_BYTES], path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-8") and _is_utf8(data):
            return data.decode(encoding, errors="replace")
        reason = f"{exc.reason} at byte {exc.start}"
        raise InputError(f"not valid {encoding} text ({reason})", path=path) from exc


def _open_sample(path: Path) -> bytes:
    """The first megabyte of ``path``; raises for a missing, empty or binary file."""
    try:
        with path.open("rb") as fh:
            sample = fh.read(SAMPLE_BYTES)
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path=path) from exc
    if not sample.strip():
        raise InputError("empty file", path=path, hint="nothing to ingest")
    return sample


def read_whole(path: Path, options: ReadOptions) -> bytes:
    """All bytes of a file read whole, refusing files over ``ingest.max_file_mb``."""
    _open_sample(path)
    size_mb = path.stat().st_size / 1e6
    if size_mb > options.max_file_mb:
        raise InputError(
            f"file is {size_mb:.0f} MB, over ingest.max_file_mb = {options.max_file_mb}",
            path=path,
            hint="raise ingest.max_file_mb in narrascope.toml or split the file",
        )
    data = path.read_bytes()
    options.advance(len(data))
    return data


def _ascii_compatible(encoding: str) -> bool:
    return not codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def iter_lines(path: Path, encoding: str, options: ReadOptions) -> Iterator[tuple[int, str | None]]:
    """``(line_number, text)`` for each line, streamed; ``text`` is None when undecodable."""
    with path.open("rb") as fh:
        if not _ascii_compatible(encoding):
            wrapper = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
            yield from enumerate(wrapper, 1)
            return
        for number, raw in enumerate(fh, 1):
            options.advance(len(raw))
            try:
                yield number, raw.decode(encoding)
            except UnicodeDecodeError:
                yield number, None


# -- records ------------------------------------------------------------------------------------
def _reject(path: str | Path, line: int, message: str) -> Rejected:
    return Rejected(str(path), line, InputError(message, path=path, line=line).one_line())


def _value(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, list):
        value = "\n\n".join(str(v) for v in value if v is not None)
    text = str(value).strip()
    return text or None


def draft_from_record(
    record: Mapping[str, Any],
    *,
    path: str,
    line: int,
    raw: str,
    extractor: str,
    options: ReadOptions,
) -> Draft | Rejected:
    """Map one JSON object or CSV row to a draft (or reject it, naming the file and line)."""
    mapping = options.mapping
    text = _value(record, mapping["text"])
    if text is None:
        keys = ", ".join(map(str, list(record)[:12])) or "none"
        what = "empty" if mapping["text"] in record else "missing"
        return _reject(path, line, f"text field {mapping['text']!r} is {what} (fields: {keys})")
    try:
        published = parse_date(record.get(mapping["date"]), source=f"field {mapping['date']!r}")
    except ValueError as exc:
        return _reject(path, line, str(exc))
    return Draft(
        text=text,
        source_path=path,
        line=line,
        raw_sha256=sha256_hex(raw),
        extractor=extractor,
        title=_value(record, mapping["title"]),
        url=_value(record, mapping["url"]),
        outlet=_value(record, mapping["outlet"]),
        language=_value(record, mapping["language"]),
        published_at=published,
    )


# -- JSON Lines ---------------------------------------------------------------------------------
def read_jsonl(path: str | Path, options: ReadOptions | None = None) -> Iterator[Draft | Rejected]:
    """Drafts from a JSON Lines file (one object per line), streamed.

    A line that is not valid JSON (or not an object) is rejected as
    ``file:line: invalid JSON (...)``, one without text or with an unreadable date with its own
    reason; the rest of the file is read.
    """
    path, options = Path(path), options or ReadOptions()
    encoding = sniff_encoding(_open_sample(path), path)
    for number, line in iter_lines(path, encoding, options):
        if line is None:
            yield _reject(path, number, f"not valid {encoding} text")
            continue
        stripped = line.strip()
        if stripped:
            yield _jsonl_record(stripped, str(path), number, options)


def _jsonl_record(text: str, path: str, number: int, options: ReadOptions) -> Draft | Rejected:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return _reject(path, number, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        kind = type(record).__name__
        return _reject(path, number, f"invalid JSON (expected an object, got {kind})")
    return draft_from_record(
        record, path=path, line=number, raw=text, extractor="jsonl", options=options
    )


# -- CSV / TSV ----------------------------------------------------------------------------------
def _delimiter(path: Path, first_line: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _check_header(path: Path, header: list[str], options: ReadOptions) -> None:
    for name in sorted(options.required):
        column = options.mapping[name]
        if column not in header:
            columns = ", ".join(header) or "none"
            raise InputError(
                f"column {column!r} (the {name} column) is not in the header; columns: {columns}",
                path=path,
                line=1,
                hint=f"map it with --{name}-col or [ingest.mapping] {name} = ...",
            )


class _LineFeed:
    """Feeds decoded lines to ``csv.reader`` while counting physical lines."""

    def __init__(self, lines: Iterator[tuple[int, str | None]], path: Path) -> None:
        self.lines = lines
        self.path = path
        self.number = 0
        self.rejected: list[Rejected] = []

    def __iter__(self) -> Iterator[str]:
        for number, text in self.lines:
            self.number = number
            if text is None:
                self.rejected.append(_reject(self.path, number, "undecodable line skipped"))
                continue
            yield text


def read_csv(path: str | Path, options: ReadOptions | None = None) -> Iterator[Draft | Rejected]:
    """Drafts from a CSV or TSV file with a header row, streamed.

    The delimiter is tab for ``.tsv`` and the most frequent of ``, ; tab |`` in the header
    otherwise. A mapped column missing from the header raises ``InputError`` listing the columns.
    """
    path, options = Path(path), options or ReadOptions()
    encoding = sniff_encoding(_open_sample(path), path)
    csv.field_size_limit(1 << 30)
    feed = _LineFeed(iter_lines(path, encoding, options), path)
    lines = iter(feed)
    first = next(lines, "")
    header = next(csv.reader([first], delimiter=_delimiter(path, first)), [])
    header = [h.strip() for h in header]
    _check_header(path, header, options)
    reader = csv.reader(lines, delimiter=_delimiter(path, first))
    yield from _csv_rows(reader, header, feed, options)


def _csv_rows(
    reader: Any, header: list[str], feed: _LineFeed, options: ReadOptions
) -> Iterator[Draft | Rejected]:
    path = str(feed.path)
    while True:
        start = feed.number + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield _reject(path, start, f"invalid CSV ({exc})")
            continue
        yield from feed.rejected
        feed.rejected.clear()
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield _reject(path, start, f"row has {len(row)} fields, the header has {len(header)}")
            continue
        record = dict(zip(header, row, strict=False))
        raw = "\x1f".join(row)
        yield draft_from_record(
            record, path=path, line=start, raw=raw, extractor="csv", options=options
        )
    yield from feed.rejected


# -- plain text and Markdown --------------------------------------------------------------------
Meta = dict[str, tuple[int, str]]


def _front_matter(lines: list[str]) -> tuple[Meta, int]:
    """``{key: (line_number, value)}`` and the body's first line index."""
    if lines and lines[0].strip() == "---":
        return _fenced(lines)
    return _leading(lines)


def _fenced(lines: list[str]) -> tuple[Meta, int]:
    """A ``---`` block of ``key: value`` lines (other lines in it are ignored)."""
    meta: Meta = {}
    for index in range(1, len(lines)):
        stripped = lines[index].strip()
        if stripped == "---":
            return meta, index + 1
        match = _FRONT_RE.match(stripped)
        if match:
            meta[match[1].lower()] = (index + 1, match[2].strip().strip("\"'"))
    return {}, 0


def _leading(lines: list[str]) -> tuple[Meta, int]:
    """Known ``key: value`` lines (``date:``, ``title:``, ...) at the very top."""
    meta: Meta = {}
    for index, line in enumerate(lines):
        match = _FRONT_RE.match(line.strip())
        if not match or match[1].lower() not in _FRONT_KEYS:
            return meta, index
        meta[match[1].lower()] = (index + 1, match[2].strip().strip("\"'"))
    return meta, len(lines)


def _heading(lines: list[str]) -> tuple[str | None, list[str]]:
    for index, line in enumerate(lines):
        if line.strip():
            if line.lstrip().startswith("# "):
                return line.strip()[2:].strip() or None, lines[index + 1 :]
            return None, lines
    return None, lines


def read_text(path: str | Path, options: ReadOptions | None = None) -> Iterator[Draft | Rejected]:
    """One draft from a ``.txt`` or ``.md`` file.

    The title is a leading ``# Heading`` line; ``date:``, ``title:``, ``url:``, ``outlet:`` and
    ``language:`` come from front matter (a ``---`` block, or such lines at the top). Without a
    ``date:`` line the date is left empty (the file's mtime is not a publication date).
    """
    path, options = Path(path), options or ReadOptions()
    data = read_whole(path, options)
    lines = decode_bytes(data, path).splitlines()
    meta, body_start = _front_matter(lines)
    title, body = _heading(lines[body_start:])
    date_line, date_value = meta.get("date", (0, ""))
    try:
        published = parse_date(date_value or None, source="front matter")
    except ValueError as exc:
        yield _reject(path, date_line, str(exc))
        return
    yield Draft(
        text="\n".join(body),
        source_path=str(path),
        line=0,
        raw_sha256=sha256_hex(data),
        extractor="markdown" if path.suffix.lower() in (".md", ".markdown") else "text",
        title=meta.get("title", (0, None))[1] or title,
        url=meta.get("url", (0, None))[1],
        outlet=(meta.get("outlet") or meta.get("source") or (0, None))[1],
        language=(meta.get("language") or meta.get("lang") or (0, None))[1],
        published_at=published,
    )
