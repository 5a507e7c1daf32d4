"""The ingest runner: files, folders, saved pages and feeds into the store.

:func:`ingest` dispatches each source to a reader (by extension, else by content):

======================== ======================================
``.jsonl`` ``.ndjson``   :func:`narrascope.ingest.files.read_jsonl`
``.csv`` ``.tsv``        :func:`narrascope.ingest.csvfile.read_csv`
``.txt`` ``.md``         :func:`narrascope.ingest.files.read_text`
``.html`` ``.htm``       :func:`narrascope.ingest.html.read_html`
``.xml`` ``.rss``        :func:`narrascope.ingest.feeds.read_feed` (also ``.atom`` and URLs)
``.parquet``             :func:`narrascope.ingest.parquet.read_parquet_drafts`
``.json``                :func:`narrascope.ingest.telegram.read_json` (Telegram exports)
======================== ======================================

Folders are walked recursively (``globs`` filter them). Every article is normalised, its
language identified (unless given), given a deterministic id and content hash, deduplicated
against the store and the run so far, split into sentences and written in batches of
``ingest.batch_size``, one transaction each: a crash loses nothing committed, and ingesting the
same input again stores nothing new (those records count as ``already_stored``). Bad records
are written to the ``rejected`` table and counted; they never stop the run.

Inputs of 8 MB or more are prepared (normalised, identified, segmented, fingerprinted) by
``ingest.workers`` worker processes while this process reads, deduplicates and writes; results
are consumed in input order, so a run gives the same store whatever the number of workers.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from narrascope.errors import InputError, UsageError
from narrascope.ingest import files
from narrascope.ingest._article import Draft, Prepared, PrepareParams
from narrascope.ingest._encoding import bom_codec
from narrascope.ingest._http import FetchSettings
from narrascope.ingest._pipeline import Aborted, BatchWriter, Preparer, SourceSummary
from narrascope.ingest.dates import DateWindow
from narrascope.ingest.dedup import Deduplicator
from narrascope.records import Rejected

if TYPE_CHECKING:
    import pandas as pd

    from narrascope.ingest.outlets import OutletList
    from narrascope.store import Store

__all__ = [
    "IngestOptions",
    "IngestSummary",
    "SourceProgress",
    "SourceSummary",
    "exit_code",
    "expand_sources",
    "ingest",
    "reader_for",
]

Reader = Callable[..., Iterator[Any]]
# extension -> (module, function); modules are imported when first needed (html and feeds
# pull in trafilatura, feedparser and httpx, which plain-file ingests never use).
READERS: dict[str, tuple[str, str]] = {
    ".jsonl": ("files", "read_jsonl"),
    ".ndjson": ("files", "read_jsonl"),
    ".csv": ("csvfile", "read_csv"),
    ".tsv": ("csvfile", "read_csv"),
    ".txt": ("files", "read_text"),
    ".md": ("files", "read_text"),
    ".markdown": ("files", "read_text"),
    ".html": ("html", "read_html"),
    ".htm": ("html", "read_html"),
    ".xml": ("feeds", "read_feed"),
    ".rss": ("feeds", "read_feed"),
    ".atom": ("feeds", "read_feed"),
    ".parquet": ("parquet", "read_parquet_drafts"),
    ".json": ("telegram", "read_json"),
}
_FEED = ("feeds", "read_feed")
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_MARKERS = (b"<html", b"<body", b"<head>", b"<!doctype html")
COUNT_COLUMNS = ("read", "stored", "already_stored", "exact_duplicates", "near_duplicates")


class SourceProgress(Protocol):
    """Told how ingest advances, source by source (the CLI draws a bar per source)."""

    def start(self, source: str, total_bytes: int | None) -> Callable[[int], None] | None:
        """A source begins; returns a callback for the bytes its reader reads, or None."""

    def record(self) -> None:
        """One more record of the current source was prepared."""

    def finish(self) -> None:
        """The current source is done."""


class _Silent:
    """No progress to show (the Python API default)."""

    def start(self, source: str, total_bytes: int | None) -> Callable[[int], None] | None:
        return None

    def record(self) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class IngestOptions:
    """How to read the sources (command-line flags map one to one).

    Attributes:
        outlet: Outlet name for articles whose record names none (a record's own outlet
            field wins; a feed's or page's site name is used only when this is not given).
        language: ISO code for every article (skips language identification).
        globs: Patterns selecting files inside folders, e.g. ``("**/*.md",)``.
        mapping: Field to column/key overrides of the ``[ingest.mapping]`` settings,
            e.g. ``{"text": "body"}``.
        fetch_articles: Download and extract each feed item's page.
        config: Settings (``narrascope.config.load_config()`` when ``None``).
        workers: Worker processes for preparation (``ingest.workers`` when ``None``).
        outlets: A source list (:func:`narrascope.ingest.outlets.load_outlet_list`): an
            article on a listed domain or Telegram channel gets the list's outlet name unless
            its record names an outlet; listed names and aliases are spelled as listed.
        channel_username: A Telegram channel's @name, for its posts' public links.
        window: Keep only articles dated in this range (undated ones are kept and counted).
    """

    outlet: str | None = None
    language: str | None = None
    globs: Sequence[str] = ()
    mapping: Mapping[str, str] = field(default_factory=dict)
    fetch_articles: bool = False
    config: Mapping[str, Any] | None = None
    workers: int | None = None
    outlets: OutletList | None = None
    channel_username: str | None = None
    window: DateWindow = field(default_factory=DateWindow)


@dataclass
class IngestSummary:
    """Per-source counts of one :func:`ingest` run."""

    sources: list[SourceSummary] = field(default_factory=list)

    @property
    def totals(self) -> SourceSummary:
        """All sources added up."""
        total = SourceSummary("total")
        for source in self.sources:
            for name in (*COUNT_COLUMNS, "rejected"):
                setattr(total, name, getattr(total, name) + getattr(source, name))
        return total

    @property
    def ok(self) -> bool:
        """Whether anything was stored, or everything was already stored."""
        totals = self.totals
        return totals.stored + totals.already_stored > 0

    @property
    def warnings(self) -> list[str]:
        """Notes on the sources, one line each (undated articles, lines read as cp1251, ...)."""
        lines = [w for s in self.sources for w in s.warnings]
        for s in self.sources:  # counted by the writer, known once the run is over
            if s.updated:
                lines.append(
                    f"{s.source}: updated the date, outlet or url of {s.updated} already stored "
                    "articles (read again with a new mapping)"
                )
            if s.remapped:
                lines.append(
                    f"{s.source}: {s.remapped} records read again have a different text than "
                    "when first stored (a new title or text mapping?); stored beside the earlier "
                    "articles: ingest into a new store to replace them"
                )
        return lines

    @property
    def errors(self) -> list[str]:
        """File-level errors, one line each."""
        return [s.error for s in self.sources if s.error]

    def as_frame(self) -> pd.DataFrame:
        """One row per source plus a total row."""
        import pandas as pd

        rows = [*self.sources, self.totals] if len(self.sources) > 1 else self.sources
        names = ("source", *COUNT_COLUMNS, "rejected")
        return pd.DataFrame([{n: getattr(s, n) for n in names} for s in rows], columns=names)


def _config(options: IngestOptions) -> Mapping[str, Any]:
    if options.config is not None:
        return options.config
    from narrascope.config import load_config

    return load_config()


def _read_options(options: IngestOptions, config: Mapping[str, Any]) -> files.ReadOptions:
    mapping = {f: str(config[f"ingest.mapping.{f}"]) for f in files.FIELDS}
    overrides = {k: v for k, v in options.mapping.items() if v}
    unknown = set(overrides) - set(files.FIELDS)
    if unknown:
        raise UsageError(f"unknown mapping field(s) {sorted(unknown)}", hint=f"use {files.FIELDS}")
    defaults = files.default_mapping()
    explicit = {f for f in files.FIELDS if mapping[f] != defaults[f]} | set(overrides)
    mapping.update(overrides)
    return files.ReadOptions(
        mapping=mapping,
        required=frozenset({"text"} | explicit),
        max_file_mb=float(config["ingest.max_file_mb"]),
        fetch=FetchSettings.from_config(dict(config)),
        fetch_articles=options.fetch_articles,
        max_record_mb=float(config.get("ingest.max_record_mb", 8)),
        date_fallback="date" not in explicit,
        fallbacks=frozenset(files.FALLBACK_KEYS) - explicit,
        channel_username=options.channel_username,
        window=options.window,
    )


def _prepare_params(options: IngestOptions, config: Mapping[str, Any]) -> PrepareParams:
    now = datetime.now(UTC)
    max_year = int(config.get("ingest.max_year", 0)) or now.year + 1
    return PrepareParams(
        outlet=options.outlet,
        language=options.language,
        shingle_size=int(config["dedup.shingle_size"]),
        num_perm=int(config["dedup.num_perm"]),
        ingested_at=now,
        min_year=int(config.get("ingest.min_year", 1900)),
        max_year=min(9999, max_year),
        outlets=options.outlets,
    )


def _workers(options: IngestOptions, config: Mapping[str, Any]) -> int:
    wanted = options.workers if options.workers is not None else config.get("ingest.workers", 0)
    if int(wanted) > 0:
        return int(wanted)
    return min(os.cpu_count() or 1, 4)


def _duckdb_settings(config: Mapping[str, Any]) -> dict[str, str]:
    """DuckDB options for a bulk load: a memory cap and fewer, larger checkpoints."""
    settings = {"checkpoint_threshold": "64MB"}
    memory = int(config.get("ingest.memory_limit_mb", 0))
    if memory > 0:
        settings["memory_limit"] = f"{memory}MB"
    return settings


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand_sources(sources: Iterable[str | Path], globs: Sequence[str] = ()) -> list[str]:
    """Files and URLs to read: folders become their matching files (sorted, recursive).

    Without ``globs`` a folder contributes every file with a known extension.
    """
    out: list[str] = []
    for source in sources:
        path = Path(source)
        if _is_url(source) or not path.is_dir():
            out.append(str(source))
            continue
        found = {p for g in (globs or ("**/*",)) for p in path.glob(g) if p.is_file()}
        chosen = sorted(p for p in found if not _hidden(p, path))
        if not globs:
            chosen = [p for p in chosen if p.suffix.lower() in READERS]
        out.extend([str(p) for p in chosen] or [str(path)])  # an empty folder reports itself
    return out


def _is_url(source: str | Path) -> bool:
    return str(source).lower().startswith(("http://", "https://"))


def _load(name: tuple[str, str]) -> Reader:
    module = importlib.import_module(f"narrascope.ingest.{name[0]}")
    reader: Reader = getattr(module, name[1])
    return reader


def _sniff(path: Path) -> tuple[str, str]:
    """The reader for a file without a known extension, from its first bytes (after a BOM)."""
    with path.open("rb") as fh:
        raw = fh.read(4096)
    codec = bom_codec(raw)
    head = raw.decode(codec, errors="ignore").encode("utf-8") if codec else raw
    head = head.lstrip(b" \t\r\n\ufeff".decode("unicode_escape").encode()).lower()
    if any(marker in head for marker in _FEED_MARKERS):
        return _FEED
    if head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and any(tag in head for tag in _HTML_MARKERS)
    ):
        return READERS[".html"]
    if head.startswith(b"{"):
        from narrascope.ingest.telegram import looks_like_export

        return ("telegram", "read_telegram") if looks_like_export(head) else READERS[".jsonl"]
    return READERS[".txt"]


def reader_for(source: str) -> Reader:
    """The reader of a file or URL: by extension, else by its first bytes."""
    if _is_url(source):
        return _load(_FEED)
    path = Path(source)
    if path.is_dir():
        return _empty_folder
    name = READERS.get(path.suffix.lower())
    if name is None:
        name = _sniff(path) if path.is_file() else READERS[".txt"]
    return _load(name)


def _empty_folder(path: str, options: object) -> Iterator[Any]:
    known = " ".join(f"*{ext}" for ext in READERS)
    raise InputError("no input files in folder", path=path, hint=f"looked for {known}; see --glob")
    yield  # pragma: no cover - makes this a generator


def ingest(
    sources: Sequence[str | Path] | str | Path,
    store: Store,
    *,
    options: IngestOptions | None = None,
    progress: SourceProgress | None = None,
) -> IngestSummary:
    """Read sources into ``store``: articles, sentences, duplicates, rejections.

    Args:
        sources: Files, folders, or feed URLs (one or many).
        store: The open, writable store.
        options: Reading options (defaults: settings from ``narrascope.toml``).
        progress: Told of each source's bytes and records (the CLI draws bars with it).

    Returns:
        Counts per source; ``summary.ok`` is False when nothing could be stored.

    Example:
        >>> with Store("narrascope.duckdb") as store:
        ...     summary = ingest(["corpus.jsonl"], store, options=IngestOptions(outlet="Wire"))
        >>> summary.totals.stored
    """
    options = options or IngestOptions()
    config = _config(options)
    todo = expand_sources([sources] if isinstance(sources, str | Path) else sources, options.globs)
    read_options = _read_options(options, config)
    params = _prepare_params(options, config)
    dedup = Deduplicator.from_store(
        store, threshold=float(config["dedup.threshold"]), num_perm=params.num_perm
    )
    summary = IngestSummary()
    with (
        store.duckdb_settings(**_duckdb_settings(config)),
        Preparer(params, _workers(options, config)) as preparer,
        BatchWriter(store, dedup, int(config["ingest.batch_size"])) as writer,
    ):
        for source in todo:
            summary.sources.append(
                _ingest_one(source, read_options, preparer, writer, progress or _Silent())
            )
    return summary


def _ingest_one(
    source: str,
    read_options: files.ReadOptions,
    preparer: Preparer,
    writer: BatchWriter,
    bar: SourceProgress,
) -> SourceSummary:
    counts = SourceSummary(source)
    read_options.on_bytes = bar.start(source, None if _is_url(source) else _size(source))
    read_options.notes = files.SourceNotes()
    try:
        items = reader_for(source)(source, read_options)
    except OSError as exc:
        items = _failing(InputError(f"cannot read ({exc.strerror or exc})", path=source))
    if read_options.window:
        items = _in_window(items, read_options)
    for result in preparer.run(items, size_hint=_size(source) or 0):
        if isinstance(result, Aborted):
            counts.error = result.error.one_line()
            writer.reject(Rejected(source, 0, counts.error), counts)
        else:
            if isinstance(result, Prepared) and result.article.published_at is None:
                counts.undated += 1
            writer.add(result, counts)
        bar.record()
    bar.finish()
    counts.warnings.extend(_notes(read_options))
    if read_options.notes.outside_window:
        window = read_options.window.describe()
        outside = read_options.notes.outside_window
        records = "record" if outside == 1 else "records"
        counts.warnings.append(f"{source}: left out {outside} {records} dated outside {window}")
    if counts.undated:
        counts.warnings.append(_undated_warning(counts, read_options))
    return counts


def _in_window(items: Iterator[Any], read_options: files.ReadOptions) -> Iterator[Any]:
    """The reader's items without the drafts dated outside ``--from/--to`` (counted)."""
    window, notes = read_options.window, read_options.notes
    for item in items:
        if isinstance(item, Draft) and not window.contains(item.published_at):
            notes.outside_window += 1
            continue
        yield item


def _failing(error: InputError) -> Iterator[Any]:
    raise error
    yield  # pragma: no cover - makes this a generator


MAX_LINE_NOTES = 5


def _notes(read_options: files.ReadOptions) -> list[str]:
    """The reader's notes on the source as warning lines (at most a few per kind)."""
    notes = read_options.notes.warnings
    if len(notes) > MAX_LINE_NOTES:
        notes = [*notes[:MAX_LINE_NOTES], f"... and {len(notes) - MAX_LINE_NOTES} more lines"]
    return list(notes)


def _undated_warning(counts: SourceSummary, read_options: files.ReadOptions) -> str:
    """``N of M articles have no date`` with the keys looked for and the keys seen."""
    total = counts.read - counts.rejected
    mapped = read_options.mapping["date"]
    looked = ", ".join(files.DATE_KEYS[:6]) + ", ..." if read_options.date_fallback else mapped
    seen = read_options.notes.undated_keys
    keys = f"; keys seen: {', '.join(list(seen)[:12])}" if seen else ""
    return (
        f"{counts.source}: {counts.undated} of {total} articles have no date (looked for"
        f" {looked}{keys}) — undated articles are left out of trends; name the date with"
        " --date-col KEY"
    )


def _size(source: str) -> int | None:
    try:
        return Path(source).stat().st_size
    except OSError:
        return None


def exit_code(summary: IngestSummary) -> int:
    """0 when something was stored (or already was), else ``InputError.exit_code``."""
    return 0 if summary.ok else InputError.exit_code
