"""Local files: JSON Lines and plain text or Markdown (CSV/TSV: :mod:`.csvfile`).

Readers yield one :class:`~narrascope.ingest._article.Draft` per record, or a
:class:`~narrascope.records.Rejected` naming the file and line of a record that cannot be used.
A problem with a whole file (empty, binary, too large, a mapped CSV column missing) raises
:class:`~narrascope.errors.InputError`.

Encoding (see :mod:`narrascope.ingest._encoding`): UTF-8 with or without BOM; JSONL and CSV
lines that are not UTF-8 in an otherwise UTF-8 file are decoded one by one (as Russian
cp1251/KOI8-R/Mac-Cyrillic when that reads plausibly, else rejected with their line number);
anything else is detected on the first megabyte. JSONL and CSV are streamed line by line, so
memory stays flat whatever the file size; one record may hold at most ``ingest.max_record_mb``
and whole-file formats are capped at ``ingest.max_file_mb``.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope.errors import InputError
from narrascope.ingest._article import Draft, sha256_hex
from narrascope.ingest._encoding import (
    SAMPLE_BYTES,
    decode_bytes,
    decode_line,
    sniff_encoding,
)
from narrascope.ingest._http import FetchSettings
from narrascope.ingest.dates import DateWindow, parse_date
from narrascope.records import Rejected

__all__ = [
    "DATE_KEYS",
    "FIELDS",
    "ReadOptions",
    "SourceNotes",
    "decode_bytes",
    "read_jsonl",
    "read_text",
    "sniff_encoding",
]

FIELDS = ("text", "title", "date", "url", "outlet", "language")
# Keys recognised as the date when ``ingest.mapping.date`` is left at its default.
DATE_KEYS = (
    "published_at",
    "date",
    "pubDate",
    "published",
    "publishedAt",
    "publication_date",
    "publish_date",
    "pub_date",
    "datePublished",
    "datetime",
    "timestamp",
    "created_at",
    "createdAt",
    "created",
    "time",
)
_DATE_KEYS_LOWER = {k.lower(): i for i, k in enumerate(DATE_KEYS)}
# Keys tried, in order, when a field's mapped key is absent and the field was not mapped
# explicitly: the layouts Telegram scrapers write (Telethon's ``message``, snscrape's
# ``content``, a ``channel`` column, a ``link``).
FALLBACK_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("message", "content"),
    "outlet": ("channel",),
    "url": ("link",),
}
FORWARD_KEYS = ("forwarded_from", "fwd_from")
MAX_KEYS_SEEN = 20
_FRONT_KEYS = {"date", "title", "url", "outlet", "source", "language", "lang"}
_FRONT_RE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
_RECORD_ERRORS = (ValueError, OverflowError, RecursionError, TypeError, UnicodeError)


@dataclass
class SourceNotes:
    """What a reader noticed about one source besides its records (the runner reports it).

    Attributes:
        undated_keys: keys (or columns) of records that had no date, with how often.
        warnings: one-line notes, e.g. lines decoded with a fallback encoding.
        outside_window: records left out because their date is outside ``--from/--to``.
    """

    undated_keys: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    outside_window: int = 0

    def undated(self, keys: Iterator[Any] | list[Any]) -> None:
        """A record without a date had these keys."""
        for key in keys:
            name = str(key)
            if name in self.undated_keys or len(self.undated_keys) < MAX_KEYS_SEEN:
                self.undated_keys[name] = self.undated_keys.get(name, 0) + 1


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
        max_record_mb: cap for one record (a JSONL line, a CSV row, a text or HTML file).
        date_fallback: look for the date under the usual keys (:data:`DATE_KEYS`) when the
            mapped one is absent (the ``date`` mapping was not set explicitly).
        on_bytes: progress callback, called with the number of bytes just read.
        notes: what the readers noticed about the current source (reset per source).
        channel_username: a Telegram channel's @name, for its posts' public links
            (:mod:`.telegram`; exports do not carry it).
        window: the ``--from/--to`` days; the runner leaves out drafts dated outside it.
        fallbacks: fields not mapped explicitly, whose :data:`FALLBACK_KEYS` are tried when
            the mapped key is absent.
    """

    mapping: dict[str, str] = field(default_factory=lambda: default_mapping())
    required: frozenset[str] = frozenset({"text"})
    max_file_mb: float = 2048
    fetch: FetchSettings = field(default_factory=FetchSettings)
    fetch_articles: bool = False
    max_record_mb: float = 8
    date_fallback: bool = True
    on_bytes: Callable[[int], None] | None = None
    notes: SourceNotes = field(default_factory=SourceNotes)
    channel_username: str | None = None
    window: DateWindow = field(default_factory=DateWindow)
    fallbacks: frozenset[str] = frozenset(FALLBACK_KEYS)

    @property
    def max_record_bytes(self) -> int:
        """``max_record_mb`` in bytes."""
        return max(1, int(self.max_record_mb * 1e6))

    def advance(self, nbytes: int) -> None:
        """Report progress (no-op without a callback)."""
        if self.on_bytes is not None:
            self.on_bytes(nbytes)


def default_mapping() -> dict[str, str]:
    """The shipped ``[ingest.mapping]`` defaults (``date`` is ``published_at``)."""
    from narrascope.config import SETTINGS

    defaults = {s.name: s.default for s in SETTINGS}
    return {f: str(defaults[f"ingest.mapping.{f}"]) for f in FIELDS}


# -- files --------------------------------------------------------------------------------------
def open_sample(path: Path) -> bytes:
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


def read_whole(path: Path, options: ReadOptions, *, record: bool = False) -> bytes:
    """All bytes of a file read whole, refusing files over ``ingest.max_file_mb`` (or, for a
    file that is one ``record``, over ``ingest.max_record_mb``)."""
    open_sample(path)
    size_mb = path.stat().st_size / 1e6
    name, cap = "max_file_mb", options.max_file_mb
    if record and options.max_record_mb < cap:
        name, cap = "max_record_mb", options.max_record_mb
    if size_mb > cap:
        raise InputError(
            f"file is {size_mb:.1f} MB, over ingest.{name} = {cap:g}",
            path=path,
            hint=f"raise ingest.{name} in narrascope.toml or split the file",
        )
    data = path.read_bytes()
    options.advance(len(data))
    return data


def _ascii_compatible(encoding: str) -> bool:
    return not codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


@dataclass(frozen=True)
class BadLine:
    """A line that could not be used as text (undecodable, or over the record cap)."""

    reason: str


Line = tuple[int, "str | BadLine"]


def _too_long(options: ReadOptions) -> BadLine:
    return BadLine(
        f"record is over ingest.max_record_mb = {options.max_record_mb:g} MB; skipped"
        " (raise ingest.max_record_mb to read it)"
    )


def iter_lines(path: Path, encoding: str, options: ReadOptions) -> Iterator[Line]:
    """``(line_number, text)`` for each line, streamed, each at most ``max_record_mb`` long.

    A line over the cap, or one that decodes neither as ``encoding`` nor (for a UTF-8 file) as
    plausible Russian in a Cyrillic single-byte codec, comes as a :class:`BadLine`.
    """
    cap = options.max_record_bytes
    with path.open("rb") as fh:
        if not _ascii_compatible(encoding):
            wrapper = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
            yield from _text_lines(wrapper, cap, options)
            return
        number = 0
        while raw := fh.readline(cap + 1):
            number += 1
            options.advance(len(raw))
            if len(raw) > cap and not raw.endswith(b"\n"):
                _skip_rest(fh, options)
                yield number, _too_long(options)
                continue
            yield number, _decode(raw, encoding, number, options)


def _text_lines(wrapper: io.TextIOWrapper, cap: int, options: ReadOptions) -> Iterator[Line]:
    number = 0
    while text := wrapper.readline(cap + 1):
        number += 1
        if len(text) > cap and not text.endswith("\n"):
            while (rest := wrapper.readline(1 << 20)) and not rest.endswith("\n"):
                pass
            yield number, _too_long(options)
            continue
        yield number, text


def _skip_rest(fh: Any, options: ReadOptions) -> None:
    """Read past the rest of an over-long line, a megabyte at a time."""
    while chunk := fh.readline(1 << 20):
        options.advance(len(chunk))
        if chunk.endswith(b"\n"):
            return


def _decode(raw: bytes, encoding: str, number: int, options: ReadOptions) -> str | BadLine:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        pass
    if encoding.startswith("utf-8"):
        fallback = decode_line(raw)
        if fallback is not None:
            text, codec = fallback
            options.notes.warnings.append(f"line {number} is not UTF-8; read it as {codec}")
            return text
    return BadLine(f"not valid {encoding} text (re-save the file as UTF-8)")


# -- records ------------------------------------------------------------------------------------
def reject(path: str | Path, line: int, message: str) -> Rejected:
    return Rejected(str(path), line, InputError(message, path=path, line=line).one_line())


def _value(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, list):
        value = "\n\n".join(str(v) for v in value if v is not None)
    text = str(value).strip()
    return text or None


def field_key(field_name: str, keys: Mapping[str, Any] | list[str], options: ReadOptions) -> str:
    """The key holding ``field_name`` in a record (or CSV header) with these ``keys``: the
    mapped one, else (when not mapped explicitly) the first :data:`FALLBACK_KEYS` present."""
    key = options.mapping[field_name]
    if key in keys or field_name not in options.fallbacks:
        return key
    return next((k for k in FALLBACK_KEYS.get(field_name, ()) if k in keys), key)


def _forwarded(record: Mapping[str, Any]) -> str | None:
    """Who a scraped Telegram post was forwarded from (a name, or Telethon's ``fwd_from``)."""
    for key in FORWARD_KEYS:
        value = record.get(key)
        if isinstance(value, Mapping):
            value = value.get("from_name") or value.get("title") or value.get("username")
        if value is not None and not isinstance(value, Mapping | list):
            return _value({key: value}, key)
    return None


def _date_key(record: Mapping[str, Any], options: ReadOptions) -> str:
    """The key holding the date: the mapped one, else (by default) a usual date key."""
    key = options.mapping["date"]
    if key in record or not options.date_fallback:
        return key
    found = [
        (_DATE_KEYS_LOWER[str(k).lower()], k) for k in record if str(k).lower() in _DATE_KEYS_LOWER
    ]
    return str(min(found)[1]) if found else key


def _channel_name(value: Any) -> str | None:
    """An outlet value; a scraper's channel object gives its title or username."""
    if isinstance(value, Mapping):
        value = value.get("title") or value.get("username") or value.get("name")
    return _value({"v": value}, "v")


def _check_encodable(*values: str | None) -> None:
    for value in values:
        if value is not None:
            value.encode("utf-8")


def _record_error(exc: BaseException) -> str:
    if isinstance(exc, UnicodeEncodeError):
        bad = exc.object[exc.start : exc.end] if isinstance(exc.object, str) else ""
        return (
            f"invalid character {bad!r} (a lone surrogate escape such as \\ud800); fix the record"
        )
    if isinstance(exc, RecursionError):
        return "record nested too deeply to read"
    text = str(exc).split(";")[0]
    if "integer string conversion" in text:
        return "a number with more than 4,300 digits"
    return f"unreadable record ({type(exc).__name__}: {text[:160]})"


def draft_from_record(
    record: Mapping[str, Any],
    *,
    path: str,
    line: int,
    raw: str,
    extractor: str,
    options: ReadOptions,
) -> Draft | Rejected:
    """Map one JSON object or CSV row to a draft (or reject it, naming the file and line).

    A value that cannot be used (a lone surrogate, an out-of-range number, nesting too deep)
    rejects this record only.
    """
    try:
        return _draft(record, path=path, line=line, raw=raw, extractor=extractor, options=options)
    except _RECORD_ERRORS as exc:
        return reject(path, line, _record_error(exc))


def _draft(
    record: Mapping[str, Any],
    *,
    path: str,
    line: int,
    raw: str,
    extractor: str,
    options: ReadOptions,
) -> Draft | Rejected:
    text_key = field_key("text", record, options)
    text = _value(record, text_key)
    if text is None:
        keys = ", ".join(map(str, list(record)[:12])) or "none"
        what = "empty" if text_key in record else "missing"
        return reject(path, line, f"text field {text_key!r} is {what} (fields: {keys})")
    date_key = _date_key(record, options)
    try:
        published = parse_date(record.get(date_key), source=f"field {date_key!r}")
    except ValueError as exc:
        return reject(path, line, str(exc))
    if published is None:
        options.notes.undated(list(record))
    draft = Draft(
        text=text,
        source_path=path,
        line=line,
        raw_sha256=sha256_hex(raw),
        extractor=extractor,
        title=_value(record, options.mapping["title"]),
        url=_value(record, field_key("url", record, options)),
        outlet=_channel_name(record.get(field_key("outlet", record, options))),
        language=_value(record, options.mapping["language"]),
        published_at=published,
        forwarded_from=_forwarded(record),
    )
    _check_encodable(
        draft.text, draft.title, draft.url, draft.outlet, draft.language, draft.forwarded_from
    )
    return draft


# -- JSON Lines ---------------------------------------------------------------------------------
def read_jsonl(path: str | Path, options: ReadOptions | None = None) -> Iterator[Draft | Rejected]:
    """Drafts from a JSON Lines file (one object per line), streamed.

    A line that is not valid JSON (or not an object) is rejected as
    ``file:line: invalid JSON (...)``, one without text or with an unreadable date with its own
    reason, a line that only holds spaces as a blank record; the rest of the file is read.
    Empty lines are skipped.
    """
    path, options = Path(path), options or ReadOptions()
    encoding = sniff_encoding(open_sample(path), path, lines=True)
    for number, line in iter_lines(path, encoding, options):
        if isinstance(line, BadLine):
            yield reject(path, number, line.reason)
            continue
        stripped = line.strip()
        if stripped:
            yield _jsonl_record(stripped, str(path), number, options)
        elif line.strip("\r\n"):
            yield reject(path, number, "blank record (only whitespace)")


def _jsonl_record(text: str, path: str, number: int, options: ReadOptions) -> Draft | Rejected:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return reject(path, number, f"invalid JSON ({exc.msg} at column {exc.colno})")
    except _RECORD_ERRORS as exc:
        return reject(path, number, f"invalid JSON ({_record_error(exc)})")
    if not isinstance(record, dict):
        kind = type(record).__name__
        return reject(path, number, f"invalid JSON (expected an object, got {kind})")
    return draft_from_record(
        record, path=path, line=number, raw=text, extractor="jsonl", options=options
    )


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
    data = read_whole(path, options, record=True)
    lines = decode_bytes(data, path).splitlines()
    meta, body_start = _front_matter(lines)
    title, body = _heading(lines[body_start:])
    date_line, date_value = meta.get("date", (0, ""))
    try:
        published = parse_date(date_value or None, source="front matter")
    except ValueError as exc:
        yield reject(path, date_line, str(exc))
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
