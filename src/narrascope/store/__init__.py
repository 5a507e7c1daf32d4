"""The DuckDB store: the only module that speaks SQL.

One ``Store`` owns one database file. Writes go through short transactions in batches, so an
interrupted run loses nothing already committed; every write is idempotent (re-ingesting or
re-analysing the same input leaves the same rows). Queries return pandas DataFrames.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from narrascope.errors import StoreError, UsageError
from narrascope.records import (
    Annotation,
    Article,
    ArticleLabel,
    Event,
    Hit,
    Mention,
    PollPoint,
    Quote,
    Rejected,
    Sentence,
)
from narrascope.store._actors import ActorQueries
from narrascope.store._coding import CodingQueries
from narrascope.store._convert import (
    _arrow,
    _articles_from,
    _fields,
    _frame,
    _now,
    _span_bytes,
    _span_lists,
)
from narrascope.store._csv import neutralize_csv
from narrascope.store._dedup import (
    KIND_CONTENT,
    KIND_ID,
    KIND_ORIGIN,
    DedupQueries,
    band_rows,
    key_rows,
    lookup_key,
    origin_key,
)
from narrascope.store._errors import store_error
from narrascope.store._frontier import FrontierQueries
from narrascope.store._gold import GoldQueries
from narrascope.store._listing import (
    STANCE_VALUES,
    ListingQueries,
    check_stances,
    clip,
    parse_day,
)
from narrascope.store._partitions import PartitionIO
from narrascope.store._runs import RunStaging, staging_id
from narrascope.store._schema import (
    DEFAULT_DB,
    EXPORTABLE,
    MIGRATIONS,
    SCHEMA_VERSION,
)
from narrascope.store._trends import TrendQueries
from narrascope.store.queries import ResultQueries
from narrascope.text import sentences_from_spans

__all__ = [
    "DEFAULT_DB",
    "EXPORTABLE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STANCE_VALUES",
    "Store",
    "check_stances",
    "clip",
    "neutralize_csv",
    "parse_day",
    "staging_id",
]

# Article columns a re-ingest of the same record may update (see update_metadata).
_UPDATABLE = ("published_at", "outlet", "url")

Spans = tuple[list[int], list[int]]  # one article's sentence starts and ends


class Store(
    ResultQueries,
    ListingQueries,
    TrendQueries,
    GoldQueries,
    ActorQueries,
    PartitionIO,
    RunStaging,
    DedupQueries,
    FrontierQueries,
    CodingQueries,
):
    """A narrascope DuckDB database file.

    Args:
        path: database file (created when missing unless ``read_only``).
        read_only: open without write access (the dashboard does this; many readers allowed).

    Example:
        >>> with Store("narrascope.duckdb") as store:
        ...     store.stats()["totals"]
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError("no such store", path=self.path, hint="run `narrascope ingest` first")
        self.con = self._connect()
        if not read_only:
            self.migrate()
        elif self._stored_version() < SCHEMA_VERSION:
            # Readers need the current schema: migrate once with write access, then reopen.
            self.con.close()
            Store(self.path).close()
            self.con = self._connect()

    def _stored_version(self) -> int:
        tables = self.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'"
        ).fetchall()
        if not tables[0][0]:
            raise StoreError(
                "not a narrascope store (no schema_version table)",
                path=self.path,
                hint="pass the file `narrascope ingest` created with --db",
            )
        return self.schema_version()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=self.read_only)
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "cannot open store") from exc

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self.con.close()

    def migrate(self) -> int:
        """Bring the schema up to date; returns the schema version."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMPTZ)"
        )
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"store schema v{current} is newer than this narrascope (v{SCHEMA_VERSION})",
                path=self.path,
                hint="upgrade narrascope",
            )
        for version, sql in MIGRATIONS:
            if version > current:
                with self.transaction():
                    self.con.execute(sql)
                    self.con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, _now()])
        return self.schema_version()

    def schema_version(self) -> int:
        """The schema version recorded in the file (0 for a new file)."""
        rows = self.con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing block of writes."""
        self._check_writable()
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def _check_writable(self) -> None:
        if self.read_only:
            raise UsageError("the store is open read-only", path=self.path)

    def _insert(self, table: str, frame: pd.DataFrame, *, ignore: bool = False) -> None:
        if frame.empty:
            return
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        self.con.register("_batch", frame)
        try:
            self.con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run a read query with bound parameters and return a DataFrame."""
        try:
            return self.con.execute(sql, list(params or [])).df()
        except (duckdb.IOException, duckdb.InternalException) as exc:
            raise store_error(exc, self.path, "cannot read store") from exc

    # -- articles and sentences -----------------------------------------------------------
    def write_articles(
        self,
        articles: Sequence[Article],
        sentences: Sequence[Sentence],
        signatures: dict[str, bytes] | None = None,
        lsh_keys: tuple[Sequence[str], np.ndarray] | None = None,
    ) -> None:
        """Store one batch of articles with their sentences atomically (idempotent).

        Articles whose id is already stored are skipped. Only the sentences' offsets are kept
        (the ``sentences`` view slices their text out of the article). ``signatures`` and
        ``lsh_keys`` are as in :meth:`append_articles`.
        """
        by_article: dict[str, list[Sentence]] = {}
        for sentence in sentences:
            by_article.setdefault(sentence.article_id, []).append(sentence)
        unique = list({a.id: a for a in articles}.values())
        stored = self.existing_article_ids(a.id for a in unique)
        fresh = [a for a in unique if a.id not in stored]
        spans = [_span_bytes(by_article.get(a.id, [])) for a in fresh]
        fresh_ids = {a.id for a in fresh}
        sigs = {k: v for k, v in (signatures or {}).items() if k in fresh_ids}
        if lsh_keys is not None:
            ids, keys = lsh_keys
            keep = [i for i, article_id in enumerate(ids) if article_id in fresh_ids]
            lsh_keys = ([ids[i] for i in keep], keys[keep])
        self.append_articles(fresh, spans, sigs, lsh_keys)

    @contextmanager
    def duckdb_settings(self, **values: str) -> Iterator[None]:
        """Set DuckDB options for the block and restore them afterwards.

        Ingest uses it to cap ``memory_limit`` (DuckDB otherwise keeps written pages cached up
        to 80% of RAM) and to checkpoint less often (``checkpoint_threshold``).

        Example:
            >>> with store.duckdb_settings(memory_limit="256MB"):
            ...     ...
        """
        old = {}
        for name, value in values.items():
            row = self.con.execute("SELECT current_setting(?)", [name]).fetchall()
            old[name] = row[0][0]
            self.con.execute(f"SET {name} = '{value}'")
        try:
            yield
        finally:
            for name, value in old.items():
                self.con.execute(f"SET {name} = '{value}'")

    def append_articles(
        self,
        articles: Sequence[Article],
        spans: Sequence[bytes],
        signatures: Mapping[str, bytes] | None = None,
        lsh_keys: tuple[Sequence[str], np.ndarray] | None = None,
    ) -> None:
        """Insert a batch of *new* articles with their sentence spans in one transaction (fast).

        The ingest fast path: columns go to DuckDB as Arrow tables and rows are plainly
        inserted, so the caller must have checked that no id is stored yet (see
        :meth:`existing_article_ids`). ``spans[i]`` holds article ``i``'s sentence offsets as
        native int32 ``start, end`` pairs; ``signatures`` and ``lsh_keys`` (ids and their uint64
        band keys, see :meth:`~narrascope.ingest.dedup.Deduplicator.index_entries`) are the
        near-duplicate index entries of canonical articles.
        """
        sigs = signatures or {}
        batch = _arrow(articles, _fields(Article))
        starts, ends = _span_lists(spans)
        batch = batch.append_column("sentence_starts", starts).append_column("sentence_ends", ends)
        minhashes = pa.table(
            {"article_id": list(sigs), "signature": pa.array(list(sigs.values()), pa.binary())}
        )
        with self.transaction():
            self._append("articles", batch)
            self._append("minhashes", minhashes)
            self.append_keys(_article_keys(articles))
            if lsh_keys is not None:
                self.append_keys(band_rows(*lsh_keys))

    def _append(self, table: str, data: pa.Table) -> None:
        if not data.num_rows:
            return
        cols = ", ".join(f'"{c}"' for c in data.column_names)
        self.con.register("_append", data)
        try:
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _append")
        finally:
            self.con.unregister("_append")

    def write_rejected(self, rejected: Sequence[Rejected]) -> None:
        """Record input records that could not be ingested (one row per file and line)."""
        frame = _frame(rejected)
        if frame.empty:
            return
        frame["rejected_at"] = _now()
        frame = frame.drop_duplicates(["source_path", "line"], keep="last")
        with self.transaction():
            self.con.register("_rej", frame)
            self.con.execute(
                "INSERT OR REPLACE INTO rejected SELECT source_path, line, reason, rejected_at "
                "FROM _rej"
            )
            self.con.unregister("_rej")

    def update_metadata(self, rows: Mapping[str, Mapping[str, Any]]) -> list[str]:
        """Set ``published_at``, ``outlet`` and ``url`` of stored articles where a re-ingest
        found a value that differs (``id -> {column: value}``; ``None`` keeps the stored
        value), e.g. after a new date or outlet mapping; returns the ids that changed."""
        if not rows:
            return []
        ids = list(rows)
        frame = pd.DataFrame(
            {
                "id": ids,
                "published_at": pd.Series(
                    [rows[i].get("published_at") for i in ids], dtype="datetime64[us, UTC]"
                ),
                "outlet": pd.Series([rows[i].get("outlet") for i in ids], dtype=object),
                "url": pd.Series([rows[i].get("url") for i in ids], dtype=object),
            }
        )
        differs = " OR ".join(f"coalesce(d.{c}, a.{c}) IS DISTINCT FROM a.{c}" for c in _UPDATABLE)
        sets = ", ".join(f"{c} = coalesce(d.{c}, articles.{c})" for c in _UPDATABLE)
        with self.transaction():
            self.con.register("_meta", frame)
            try:
                changed = self.con.execute(
                    f"SELECT a.id FROM articles a JOIN _meta d ON a.id = d.id WHERE {differs}"
                ).fetchall()
                self.con.execute(
                    f"UPDATE articles SET {sets} FROM _meta d WHERE articles.id = d.id"
                )
            finally:
                self.con.unregister("_meta")
        return [str(row[0]) for row in changed]

    def text_keys(self, ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """``id -> (content_hash, title)`` of stored articles: what their analysed text is."""
        if not ids:
            return {}
        frame = pd.DataFrame({"id": list(dict.fromkeys(ids))})
        self.con.register("_text_ids", frame)
        try:
            rows = self.con.execute(
                "SELECT a.id, a.content_hash, a.title FROM articles a "
                "SEMI JOIN _text_ids t ON a.id = t.id"
            ).fetchall()
        finally:
            self.con.unregister("_text_ids")
        return {str(i): (str(h), t) for i, h, t in rows}

    def count(self, table: str) -> int:
        """Row count of one table."""
        if table not in (*EXPORTABLE, "minhashes"):
            raise UsageError(f"unknown table {table!r}", hint=f"one of {', '.join(EXPORTABLE)}")
        sql = f"SELECT count(*) FROM {table}"
        if table == "sentences":  # the view would slice every text: count the spans instead
            sql = "SELECT coalesce(sum(len(sentence_starts)), 0) FROM articles"
        rows = self.con.execute(sql).fetchall()
        return int(rows[0][0]) if rows else 0

    def iter_articles(
        self,
        batch_size: int = 500,
        *,
        languages: Sequence[str] | None = None,
        chunk: int = 10_000,
        after: str | None = None,
    ) -> Iterator[tuple[list[Article], list[Sentence]]]:
        """Batches of (articles, their sentences) in a stable order (by id).

        Reads ``chunk`` articles per query (one table scan per chunk, not per batch), so the
        cost stays linear in the store size; memory grows with ``chunk``. ``after``: only the
        articles whose id sorts after it (to resume a run).
        """
        batches = self.iter_article_spans(batch_size, languages=languages, chunk=chunk, after=after)
        for articles, spans in batches:
            yield articles, sentences_from_spans(articles, spans)

    def iter_article_spans(
        self,
        batch_size: int = 500,
        *,
        languages: Sequence[str] | None = None,
        chunk: int = 10_000,
        after: str | None = None,
    ) -> Iterator[tuple[list[Article], list[Spans]]]:
        """Like :meth:`iter_articles`, with each article's ``(starts, ends)`` sentence offsets
        instead of sentence records (cheaper to send to another process)."""
        conditions: list[str] = ["true"]
        params: list[Any] = []
        if languages:
            conditions.append("language IN (SELECT unnest(?))")
            params.append(list(languages))
        if after is not None:
            conditions.append("id > ?")
            params.append(after)
        where = "WHERE " + " AND ".join(conditions)
        ids = [
            r[0]
            for r in self.con.execute(
                f"SELECT id FROM articles {where} ORDER BY id", params
            ).fetchall()
        ]
        step = max(1, chunk // batch_size) * batch_size
        for i in range(0, len(ids), step):
            articles, spans = self._load_spans(ids[i : i + step])
            for k in range(0, len(articles), batch_size):
                yield articles[k : k + batch_size], spans[k : k + batch_size]

    def _load_batch(self, ids: list[str]) -> tuple[list[Article], list[Sentence]]:
        articles, spans = self._load_spans(ids)
        return articles, sentences_from_spans(articles, spans)

    def _load_spans(self, ids: list[str]) -> tuple[list[Article], list[Spans]]:
        frame = self.con.execute(
            "SELECT * FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY id", [ids]
        ).df()
        spans = [
            ([], []) if starts is None else (starts.tolist(), ends.tolist())
            for starts, ends in zip(frame["sentence_starts"], frame["sentence_ends"], strict=True)
        ]
        return _articles_from(frame), spans

    # -- runs and results -------------------------------------------------------------------
    def start_run(self, run_id: str, manifest: dict[str, Any]) -> None:
        """Register (or restart) a run and drop its previous results.

        ``manifest["parents"]`` (``{narrative: parent}`` of the codebook), when given, is kept
        for the sub-narrative rule of the listings (see :mod:`narrascope.store._listing`).
        """
        row = {
            "run_id": run_id,
            "started_at": _now(),
            "finished_at": None,
            "narrascope_version": manifest.get("narrascope_version"),
            "codebook_id": manifest.get("codebook_id"),
            "codebook_hash": manifest.get("codebook_hash"),
            "detectors": json.dumps(manifest.get("detectors", [])),
            "models": json.dumps(manifest.get("models", {})),
            "status": "running",
            "n_articles": 0,
        }
        with self.transaction():
            for table in ("hits", "article_labels", "mentions", "quotes"):
                self.con.execute(f"DELETE FROM {table} WHERE run_id = ?", [run_id])
            self.con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
            self._insert("runs", pd.DataFrame([row]))
            if manifest.get("parents") is not None:
                self.save_run_narratives(run_id, dict(manifest["parents"]))

    def write_results(
        self,
        run_id: str,
        hits: Sequence[Hit],
        labels: Sequence[ArticleLabel],
        mentions: Sequence[Mention] = (),
        quotes: Sequence[Quote] = (),
        *,
        checkpoint: dict[str, Any] | None = None,
    ) -> None:
        """Store one batch of analysis results for ``run_id`` atomically, with the run's
        ``checkpoint`` when given (see :meth:`stage_run`)."""
        tables: dict[str, tuple[Sequence[Any], type]] = {
            "hits": (hits, Hit),
            "article_labels": (labels, ArticleLabel),
            "mentions": (mentions, Mention),
            "quotes": (quotes, Quote),
        }
        with self.transaction():
            for table, (records, record_type) in tables.items():
                if records:
                    data = _arrow(records, _fields(record_type))
                    run = pa.array([run_id] * len(records), pa.string())
                    self._append(table, data.add_column(0, "run_id", run))
            n = len({h.article_id for h in labels})
            self.con.execute(
                "UPDATE runs SET n_articles = n_articles + ? WHERE run_id = ?", [n, run_id]
            )
            if checkpoint is not None:
                self._save_checkpoint(run_id, checkpoint)

    def finish_run(self, run_id: str, n_articles: int, status: str = "done") -> None:
        """Mark a run finished."""
        with self.transaction():
            self.con.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_articles = ? WHERE run_id = ?",
                [_now(), status, n_articles, run_id],
            )
            self.merge_lone_surnames(run_id)

    def runs(self) -> pd.DataFrame:
        """All runs, newest first."""
        return self.query("SELECT * FROM runs ORDER BY started_at DESC")

    # -- other inputs -----------------------------------------------------------------------
    def write_annotations(self, annotations: Sequence[Annotation], source: str) -> int:
        """Replace the annotations imported from ``source`` with ``annotations``."""
        frame = _frame(annotations, _fields(Annotation))
        frame["source"] = source
        with self.transaction():
            self.con.execute("DELETE FROM annotations WHERE source = ?", [source])
            self._insert("annotations", frame)
        return len(frame)

    def write_polls(self, points: Sequence[PollPoint]) -> int:
        """Upsert poll figures keyed by (series, answer, survey date)."""
        frame = _frame(points, _fields(PollPoint)).drop_duplicates(
            ["series_id", "answer", "survey_date"], keep="last"
        )
        with self.transaction():
            self.con.register("_polls", frame)
            self.con.execute("INSERT OR REPLACE INTO polls SELECT * FROM _polls")
            self.con.unregister("_polls")
        return len(frame)

    def write_events(self, events: Sequence[Event]) -> int:
        """Upsert events keyed by name."""
        frame = _frame(events, _fields(Event))
        with self.transaction():
            self.con.register("_events", frame)
            self.con.execute("INSERT OR REPLACE INTO events SELECT * FROM _events")
            self.con.unregister("_events")
        return len(frame)

    # -- statistics and export --------------------------------------------------------------
    def stats(self) -> dict[str, pd.DataFrame]:
        """Articles by outlet, language and month; duplicates; rejected records per file."""
        q = self.query
        return {
            "totals": q(
                "SELECT (SELECT count(*) FROM articles) AS articles, "
                "(SELECT coalesce(sum(len(sentence_starts)), 0) FROM articles) AS sentences, "
                "(SELECT count(*) FROM articles WHERE dup_kind = 'exact') AS exact_duplicates, "
                "(SELECT count(*) FROM articles WHERE dup_kind = 'near') AS near_duplicates, "
                "(SELECT count(*) FROM rejected) AS rejected"
            ),
            "by_outlet": q(
                "SELECT coalesce(outlet, '(none)') AS outlet, count(*) AS articles, "
                "count(dup_kind) AS duplicates FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            "by_language": q(
                "SELECT language, count(*) AS articles FROM articles GROUP BY 1 ORDER BY 2 DESC"
            ),
            "by_month": q(
                "SELECT strftime(published_at AT TIME ZONE 'UTC', '%Y-%m') AS month, "
                "count(*) AS articles FROM articles GROUP BY 1 ORDER BY 1 NULLS LAST"
            ),
            "rejected": q(
                "SELECT source_path, count(*) AS records, min(reason) AS example_reason "
                "FROM rejected GROUP BY 1 ORDER BY 2 DESC"
            ),
        }

    def duplicate_clusters(self) -> pd.DataFrame:
        """One row per duplicate with its canonical article (wire copies)."""
        return self.query(
            "SELECT d.canonical_id, c.outlet AS canonical_outlet, c.title AS canonical_title, "
            "d.id AS duplicate_id, d.outlet AS duplicate_outlet, d.dup_kind, d.url "
            "FROM articles d JOIN articles c ON c.id = d.canonical_id "
            "WHERE d.dup_kind IS NOT NULL ORDER BY d.canonical_id, d.id"
        )


def _article_keys(articles: Sequence[Article]) -> pa.Table:
    """``lookup_keys`` rows of new articles: every id and origin, the text of each canonical."""
    canonical = [a for a in articles if a.dup_kind is None]
    read = [a for a in articles if a.source_path is not None]
    kinds = [KIND_ID] * len(articles) + [KIND_CONTENT] * len(canonical) + [KIND_ORIGIN] * len(read)
    keys = [lookup_key(a.id) for a in articles] + [lookup_key(a.content_hash) for a in canonical]
    keys += [origin_key(a.source_path or "", a.raw_sha256) for a in read]
    ids = [a.id for a in articles] + [a.id for a in canonical] + [a.id for a in read]
    return key_rows(kinds, np.array(keys, dtype=np.uint64), ids)
