"""The DuckDB store: the only module that speaks SQL.

One ``Store`` owns one database file. Writes go through short transactions in batches, so an
interrupted run loses nothing already committed; every write is idempotent (re-ingesting or
re-analysing the same input leaves the same rows). Queries return pandas DataFrames.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from narrascope.errors import StoreError, UsageError
from narrascope.queries import ResultQueries
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

DEFAULT_DB = "narrascope.duckdb"
SCHEMA_VERSION = 1
EXPORTABLE = (
    "articles",
    "sentences",
    "hits",
    "article_labels",
    "mentions",
    "quotes",
    "annotations",
    "polls",
    "events",
    "runs",
    "rejected",
)

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, language VARCHAR NOT NULL,
    published_at TIMESTAMPTZ, title VARCHAR, text VARCHAR NOT NULL, source_path VARCHAR,
    raw_sha256 VARCHAR NOT NULL, ingested_at TIMESTAMPTZ NOT NULL, extractor VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL, canonical_id VARCHAR, dup_kind VARCHAR
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL, text VARCHAR NOT NULL, language VARCHAR NOT NULL,
    PRIMARY KEY (article_id, sentence_index)
);
CREATE TABLE IF NOT EXISTS minhashes (
    article_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
    source_path VARCHAR NOT NULL, line INTEGER NOT NULL, reason VARCHAR NOT NULL,
    rejected_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (source_path, line)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ,
    narrascope_version VARCHAR, codebook_id VARCHAR, codebook_hash VARCHAR,
    detectors VARCHAR, models VARCHAR, status VARCHAR, n_articles INTEGER
);
CREATE TABLE IF NOT EXISTS hits (
    run_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, narrative VARCHAR NOT NULL,
    detector VARCHAR NOT NULL, score DOUBLE NOT NULL, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS article_labels (
    run_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, narrative VARCHAR NOT NULL,
    detector VARCHAR NOT NULL, score DOUBLE NOT NULL, n_hits INTEGER NOT NULL,
    n_sentences INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    run_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text VARCHAR NOT NULL,
    ner_type VARCHAR, actor_id VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    run_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, speaker VARCHAR NOT NULL,
    cue VARCHAR, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, kind VARCHAR NOT NULL,
    text VARCHAR, actor_id VARCHAR
);
CREATE TABLE IF NOT EXISTS annotations (
    article_id VARCHAR NOT NULL, label VARCHAR NOT NULL, annotator VARCHAR NOT NULL,
    sentence_index INTEGER, char_start INTEGER, char_end INTEGER, source VARCHAR
);
CREATE TABLE IF NOT EXISTS polls (
    series_id VARCHAR NOT NULL, question VARCHAR NOT NULL, answer VARCHAR NOT NULL,
    survey_date DATE NOT NULL, value DOUBLE NOT NULL, n INTEGER, source VARCHAR,
    PRIMARY KEY (series_id, answer, survey_date)
);
CREATE TABLE IF NOT EXISTS events (
    name VARCHAR PRIMARY KEY, date DATE NOT NULL, end_date DATE, description VARCHAR,
    tags VARCHAR[]
);
CREATE INDEX IF NOT EXISTS hits_run ON hits (run_id, narrative);
CREATE INDEX IF NOT EXISTS labels_run ON article_labels (run_id, narrative);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);
"""

# Migrations: (version, SQL). Append; never edit a shipped entry.
MIGRATIONS: list[tuple[int, str]] = [(1, _SCHEMA_V1)]


def _frame(records: Sequence[Any], columns: Sequence[str] | None = None) -> pd.DataFrame:
    rows = [r.as_row() for r in records]
    return pd.DataFrame(rows, columns=list(columns) if columns else None)


class Store(ResultQueries):
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
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open store ({exc.__class__.__name__}: {str(exc).splitlines()[0]})",
                path=self.path,
                hint="is another narrascope process writing to it?",
            ) from exc
        if not read_only:
            self.migrate()

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
        return self.con.execute(sql, list(params or [])).df()

    # -- articles and sentences -----------------------------------------------------------
    def write_articles(
        self,
        articles: Sequence[Article],
        sentences: Sequence[Sentence],
        signatures: dict[str, bytes] | None = None,
    ) -> None:
        """Store one batch of articles with their sentences atomically (idempotent)."""
        art = _frame(articles)
        sen = _frame(sentences).rename(
            columns={"index": "sentence_index", "start": "char_start", "end": "char_end"}
        )
        sig = pd.DataFrame(
            {
                "article_id": list((signatures or {}).keys()),
                "signature": list((signatures or {}).values()),
            }
        )
        with self.transaction():
            self._insert("articles", art, ignore=True)
            self._insert("sentences", sen, ignore=True)
            self._insert("minhashes", sig, ignore=True)

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
        sentences: Sequence[Sentence] | pa.Table,
        signatures: dict[str, bytes] | None = None,
    ) -> None:
        """Insert a batch of *new* articles with their sentences in one transaction (fast).

        The ingest fast path: columns go to DuckDB as Arrow tables and rows are plainly
        inserted, so the caller must have checked that no id is stored yet (see
        :meth:`existing_article_ids`); a stored id raises instead of being skipped.
        ``sentences`` may be records or an Arrow table with the ``sentences`` table's columns.
        """
        sigs = signatures or {}
        batch = _arrow(articles, _fields(Article))
        if not isinstance(sentences, pa.Table):
            names = list(_SENTENCE_COLUMNS)
            sentences = _arrow(sentences, _fields(Sentence)).rename_columns(names)
        minhashes = pa.table(
            {"article_id": list(sigs), "signature": pa.array(list(sigs.values()), pa.binary())}
        )
        with self.transaction():
            self._append("articles", batch)
            self._append("sentences", sentences)
            self._append("minhashes", minhashes)

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

    def existing_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        frame = pd.DataFrame({"id": list(ids)})
        if frame.empty:
            return set()
        self.con.register("_ids", frame)
        try:
            rows = self.con.execute("SELECT a.id FROM articles a JOIN _ids USING (id)").fetchall()
        finally:
            self.con.unregister("_ids")
        return {r[0] for r in rows}

    def content_hashes(self) -> dict[str, str]:
        """content_hash -> canonical article id, for exact-duplicate detection."""
        rows = self.con.execute(
            "SELECT content_hash, min(coalesce(canonical_id, id)) FROM articles "
            "WHERE dup_kind IS NULL GROUP BY content_hash"
        ).fetchall()
        return dict(rows)

    def minhash_signatures(self) -> Iterator[tuple[str, bytes]]:
        """(article_id, signature) of canonical articles, for near-duplicate detection."""
        cur = self.con.execute(
            "SELECT m.article_id, m.signature FROM minhashes m JOIN articles a "
            "ON a.id = m.article_id WHERE a.dup_kind IS NULL ORDER BY a.ingested_at, a.id"
        )
        while rows := cur.fetchmany(10_000):
            yield from ((r[0], bytes(r[1])) for r in rows)

    def count(self, table: str) -> int:
        """Row count of one table."""
        if table not in (*EXPORTABLE, "minhashes"):
            raise UsageError(f"unknown table {table!r}", hint=f"one of {', '.join(EXPORTABLE)}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def iter_articles(
        self, batch_size: int = 500, *, languages: Sequence[str] | None = None
    ) -> Iterator[tuple[list[Article], list[Sentence]]]:
        """Batches of (articles, their sentences) in a stable order."""
        where, params = "", []
        if languages:
            where = "WHERE language IN (SELECT unnest(?))"
            params = [list(languages)]
        ids = [
            r[0]
            for r in self.con.execute(
                f"SELECT id FROM articles {where} ORDER BY id", params
            ).fetchall()
        ]
        for i in range(0, len(ids), batch_size):
            yield self._load_batch(ids[i : i + batch_size])

    def stream_articles(
        self, batch_size: int = 500, *, chunk: int = 10_000
    ) -> Iterator[tuple[list[Article], list[Sentence]]]:
        """The batches of :meth:`iter_articles`, read ``chunk`` articles per query: one scan
        per chunk instead of per batch, much faster on large stores (memory ~ ``chunk``)."""
        ids = [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        step = max(1, chunk // batch_size) * batch_size
        for i in range(0, len(ids), step):
            articles, sentences = self._load_batch(ids[i : i + step])
            by_article: dict[str, list[Sentence]] = {}
            for sentence in sentences:
                by_article.setdefault(sentence.article_id, []).append(sentence)
            for k in range(0, len(articles), batch_size):
                batch = articles[k : k + batch_size]
                yield batch, [s for a in batch for s in by_article.get(a.id, ())]

    def _load_batch(self, ids: list[str]) -> tuple[list[Article], list[Sentence]]:
        arts = self.con.execute(
            "SELECT * FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY id", [ids]
        ).df()
        sens = self.con.execute(
            "SELECT * FROM sentences WHERE article_id IN (SELECT unnest(?)) "
            "ORDER BY article_id, sentence_index",
            [ids],
        ).df()
        return _articles_from(arts), _sentences_from(sens)

    # -- runs and results -------------------------------------------------------------------
    def start_run(self, run_id: str, manifest: dict[str, Any]) -> None:
        """Register (or restart) a run and drop its previous results."""
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

    def write_results(
        self,
        run_id: str,
        hits: Sequence[Hit],
        labels: Sequence[ArticleLabel],
        mentions: Sequence[Mention] = (),
        quotes: Sequence[Quote] = (),
    ) -> None:
        """Store one batch of analysis results for ``run_id`` atomically."""
        tables = {
            "hits": _frame(hits, _fields(Hit)),
            "article_labels": _frame(labels, _fields(ArticleLabel)),
            "mentions": _frame(mentions, _fields(Mention)),
            "quotes": _frame(quotes, _fields(Quote)),
        }
        with self.transaction():
            for table, frame in tables.items():
                if not frame.empty:
                    frame.insert(0, "run_id", run_id)
                    self._insert(table, frame)
            n = len({h.article_id for h in labels})
            self.con.execute(
                "UPDATE runs SET n_articles = n_articles + ? WHERE run_id = ?", [n, run_id]
            )

    def finish_run(self, run_id: str, n_articles: int, status: str = "done") -> None:
        """Mark a run finished."""
        with self.transaction():
            self.con.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_articles = ? WHERE run_id = ?",
                [_now(), status, n_articles, run_id],
            )

    def runs(self) -> pd.DataFrame:
        """All runs, newest first."""
        return self.query("SELECT * FROM runs ORDER BY started_at DESC")

    def latest_run(self) -> str:
        """The id of the most recently finished run."""
        row = self.con.execute(
            "SELECT run_id FROM runs WHERE status = 'done' ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
        if not row:
            raise StoreError(
                "no finished analysis run in the store",
                path=self.path,
                hint="run `narrascope analyze` first",
            )
        return str(row[0])

    def hits_listing(
        self,
        run_id: str,
        *,
        narrative: str | None = None,
        outlet: str | None = None,
        language: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        detector: str | None = None,
        limit: int = 50,
    ) -> pd.DataFrame:
        """Hits with their sentence and article (keyword-in-context), newest first.

        ``cue_start``/``cue_end`` are offsets of the evidence within ``sentence``.
        """
        sql = (
            "SELECT h.narrative, a.outlet, a.published_at, a.language, a.title, a.url, "
            "h.article_id, h.sentence_index, h.detector, h.score, h.evidence, "
            "s.text AS sentence, h.char_start - s.char_start AS cue_start, "
            "h.char_end - s.char_start AS cue_end "
            "FROM hits h JOIN articles a ON a.id = h.article_id "
            "JOIN sentences s ON s.article_id = h.article_id "
            "AND s.sentence_index = h.sentence_index WHERE h.run_id = ?"
        )
        params: list[Any] = [run_id]
        for column, value in (
            ("h.narrative", narrative),
            ("a.outlet", outlet),
            ("a.language", language),
            ("h.detector", detector),
        ):
            if value is not None:
                sql += f" AND {column} = ?"
                params.append(value)
        if date_from:
            sql += " AND a.published_at >= CAST(? AS TIMESTAMPTZ)"
            params.append(date_from)
        if date_to:
            sql += " AND a.published_at < CAST(? AS TIMESTAMPTZ) + INTERVAL 1 DAY"
            params.append(date_to)
        sql += " ORDER BY a.published_at DESC NULLS LAST, h.article_id, h.sentence_index LIMIT ?"
        params.append(int(limit))
        return self.query(sql, params)

    def label_summary(self, run_id: str) -> pd.DataFrame:
        """Articles carrying each narrative per detector, with the share of all articles."""
        return self.query(
            "SELECT narrative, detector, count(DISTINCT article_id) AS articles, "
            "round(count(DISTINCT article_id) * 100.0 / (SELECT count(*) FROM articles), 1) "
            "AS pct_articles, CAST(sum(n_hits) AS BIGINT) AS hits FROM article_labels WHERE run_id = ? "
            "GROUP BY 1, 2 ORDER BY 1, 2",
            [run_id],
        )

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

    # -- trends, event windows and polls (read side) ---------------------------------------
    def _dated_articles(
        self, freq: str, group: str | None, outlets: Sequence[str] | None, no_dups: bool
    ) -> tuple[str, list[Any]]:
        """A ``WITH a AS (id, period, grp)`` clause over dated articles, with its parameters."""
        if freq not in ("day", "week", "month"):
            raise UsageError(f"unknown frequency {freq!r}", hint="use day, week or month")
        groups = {
            None: "'(all)'",
            "outlet": "coalesce(a.outlet, '(none)')",
            "language": "a.language",
        }
        if group not in groups:
            raise UsageError(f"cannot group articles by {group!r}", hint="use outlet or language")
        where, params = ["a.published_at IS NOT NULL"], [freq]
        if no_dups:
            where.append("a.dup_kind IS NULL")
        if outlets:
            where.append("a.outlet IN (SELECT unnest(?))")
            params.append(list(outlets))
        # UTC via epoch micros: same result as AT TIME ZONE 'UTC', without an ICU lookup per row
        sql = (
            "WITH a AS (SELECT a.id, date_trunc(?, make_timestamp(epoch_us(a.published_at))) "
            f"AS period, {groups[group]} AS grp FROM articles a WHERE {' AND '.join(where)})"
        )
        return sql, params

    def period_totals(
        self,
        freq: str = "month",
        *,
        group: str | None = None,
        outlets: Sequence[str] | None = None,
        exclude_duplicates: bool = False,
    ) -> pd.DataFrame:
        """Dated articles and their sentences per (period, grp); ``grp`` is '(all)' ungrouped."""
        cte, params = self._dated_articles(freq, group, outlets, exclude_duplicates)
        sql = (
            f"{cte}, s AS (SELECT article_id, count(*) AS n FROM sentences GROUP BY 1) "
            "SELECT a.period, a.grp, count(*) AS n_articles, "
            "CAST(coalesce(sum(s.n), 0) AS BIGINT) AS n_sentences "
            "FROM a LEFT JOIN s ON s.article_id = a.id GROUP BY ALL ORDER BY ALL"
        )
        return self.query(sql, params)

    def period_narrative_counts(
        self,
        run_id: str,
        freq: str = "month",
        *,
        group: str | None = None,
        narratives: Sequence[str] | None = None,
        detectors: Sequence[str] | None = None,
        outlets: Sequence[str] | None = None,
        exclude_duplicates: bool = False,
    ) -> pd.DataFrame:
        """Labelled articles and hit rows per (period, grp, detector, narrative) of one run."""
        cte, params = self._dated_articles(freq, group, outlets, exclude_duplicates)
        where, fparams = ["x.run_id = ?"], [run_id]
        for column, values in (("narrative", narratives), ("detector", detectors)):
            if values:
                where.append(f"x.{column} IN (SELECT unnest(?))")
                fparams.append(list(values))
        cond = " AND ".join(where)
        # labels (distinct) and hits stacked, then one join to the articles
        sql = (
            f"{cte}, x AS (SELECT article_id, detector, narrative, 1 AS lab, 0 AS hit FROM "
            f"(SELECT DISTINCT article_id, detector, narrative FROM article_labels x WHERE {cond}) "
            f"UNION ALL SELECT article_id, detector, narrative, 0, 1 FROM hits x WHERE {cond}) "
            "SELECT a.period, a.grp, x.detector, x.narrative, "
            "CAST(sum(x.lab) AS BIGINT) AS n_labelled, CAST(sum(x.hit) AS BIGINT) AS n_hits "
            "FROM x JOIN a ON a.id = x.article_id GROUP BY ALL ORDER BY ALL"
        )
        return self.query(sql, [*params, *fparams, *fparams])

    def run_labels(self, run_id: str) -> pd.DataFrame:
        """Article-label rows per (detector, narrative) in one run."""
        return self.query(
            "SELECT detector, narrative, count(*) AS n_labels "
            "FROM article_labels WHERE run_id = ? GROUP BY ALL ORDER BY ALL",
            [run_id],
        )

    def article_flags(
        self, run_id: str, narrative: str, detector: str, *, exclude_duplicates: bool = False
    ) -> pd.DataFrame:
        """Every dated article with its UTC day, outlet and whether it carries ``narrative``."""
        dups = "AND a.dup_kind IS NULL" if exclude_duplicates else ""
        return self.query(
            "SELECT a.id AS article_id, coalesce(a.outlet, '(none)') AS outlet, "
            "CAST(make_timestamp(epoch_us(a.published_at)) AS DATE) AS day, "
            "l.article_id IS NOT NULL AS labelled FROM articles a LEFT JOIN "
            "(SELECT DISTINCT article_id FROM article_labels WHERE run_id = ? AND narrative = ? "
            "AND detector = ?) l ON l.article_id = a.id "
            f"WHERE a.published_at IS NOT NULL {dups} ORDER BY outlet, day, article_id",
            [run_id, narrative, detector],
        )

    def events(self, name: str | None = None) -> pd.DataFrame:
        """Stored events (one, when ``name`` is given), oldest first."""
        where = "WHERE name = ?" if name is not None else ""
        params = [name] if name is not None else []
        return self.query(f"SELECT * FROM events {where} ORDER BY date, name", params)

    def polls(self, series_id: str | None = None, answer: str | None = None) -> pd.DataFrame:
        """Poll figures, optionally of one series (and answer), by date."""
        where, params = [], []
        for column, value in (("series_id", series_id), ("answer", answer)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.query(
            f"SELECT * FROM polls {clause} ORDER BY series_id, answer, survey_date", params
        )

    def poll_series(self) -> pd.DataFrame:
        """One row per (series, answer): question, points, first and last survey date, source."""
        return self.query(
            "SELECT series_id, answer, any_value(question) AS question, count(*) AS points, "
            "min(survey_date) AS first, max(survey_date) AS last, any_value(source) AS source "
            "FROM polls GROUP BY series_id, answer ORDER BY series_id, answer"
        )

    # -- gold labels and predictions (read side: training and evaluation) -----------------
    def article_ids_for_urls(self, urls: Sequence[str]) -> dict[str, str]:
        """``url -> article id`` for stored articles with these URLs (smallest id wins)."""
        rows = self.con.execute(
            "SELECT url, min(id) FROM articles WHERE url IN (SELECT unnest(?)) GROUP BY url",
            [list(urls)],
        ).fetchall()
        return {str(url): str(aid) for url, aid in rows}

    def article_index(self) -> pd.DataFrame:
        """One row per article without its text: id, url, language, source_path, extractor."""
        return self.query(
            "SELECT id, url, outlet, language, source_path, extractor FROM articles ORDER BY id"
        )

    def load_articles(self, ids: Sequence[str]) -> tuple[list[Article], list[Sentence]]:
        """The articles with these ids and their sentences, ordered by id."""
        return self._load_batch(list(ids))

    def annotations(self, annotator: str | None = None) -> pd.DataFrame:
        """Gold labels (all annotators, or one), ordered by article, annotator and label."""
        where, params = ("WHERE annotator = ?", [annotator]) if annotator else ("", [])
        return self.query(
            f"SELECT * FROM annotations {where} ORDER BY article_id, annotator, label, "
            "sentence_index NULLS FIRST",
            params,
        )

    def predicted_labels(self, run_id: str, detector: str | None = None) -> pd.DataFrame:
        """The article labels of one run (of one detector when given)."""
        where, params = "WHERE run_id = ?", [run_id]
        if detector:
            where, params = f"{where} AND detector = ?", [run_id, detector]
        return self.query(
            f"SELECT * FROM article_labels {where} ORDER BY article_id, detector, narrative",
            params,
        )

    def run_record(self, run_id: str) -> dict[str, Any]:
        """One row of ``runs`` as a dict; StoreError when the run does not exist."""
        frame = self.query("SELECT * FROM runs WHERE run_id = ?", [run_id])
        if frame.empty:
            raise StoreError(f"no run {run_id!r} in the store", path=self.path, hint="see `runs`")
        return frame.iloc[0].to_dict()

    # -- actors and quotes (read side) -----------------------------------------------------
    def voiced_narratives(
        self,
        run_id: str,
        *,
        speaker: Sequence[str] | str | None = None,
        narrative: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Hits voiced by a quoted speaker: the hit's evidence span lies inside a quote's span
        in the same article (one row per hit and quote).

        Args:
            run_id: the analysis run.
            speaker: keep quotes whose actor id or speaker name (case-insensitive) is one of these.
            narrative: keep hits of this narrative.
            limit: at most this many rows, newest articles first.
        """
        where, params = _quote_filter(speaker)
        if narrative is not None:
            where += " AND h.narrative = ?"
            params.append(narrative)
        sql = (
            "SELECT q.speaker, q.actor_id, h.narrative, h.detector, h.score, q.kind, q.cue, "
            "a.outlet, a.published_at, a.language, h.article_id, h.sentence_index, h.evidence, "
            "q.text AS quote, q.char_start AS quote_start, q.char_end AS quote_end, "
            "h.char_start AS hit_start, h.char_end AS hit_end "
            f"FROM hits h {_QUOTE_JOIN} JOIN articles a ON a.id = h.article_id "
            f"WHERE h.run_id = ?{where} "
            "ORDER BY a.published_at DESC NULLS LAST, h.article_id, h.char_start, h.detector"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql, [run_id, *params])

    def actor_summary(
        self,
        run_id: str,
        by: str | None = None,
        *,
        types: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Actors (registry id, else surface name) with mentions, quotes and voiced narratives.

        Args:
            run_id: the analysis run.
            by: ``None`` (one row per actor), ``"outlet"``, or ``"month"``/``"period"``.
            types: keep registry actors and unknown entities of these NER types (all if None).
            limit: at most this many actors per group.

        Returns:
            Columns ``grp, actor, ner_type, mentions, articles, quotes, voiced_hits,
            narratives`` (``narratives``: "narrative (hits), ..."), most mentioned first.
        """
        groups = {
            None: "'(all)'",
            "outlet": "coalesce(a.outlet, '(none)')",
            "month": "strftime(make_timestamp(epoch_us(a.published_at)), '%Y-%m')",
        }
        grp = groups.get("month" if by == "period" else by)
        if grp is None:
            raise UsageError(f"cannot group actors by {by!r}", hint="use outlet or month")
        sql = (
            "WITH m AS (SELECT coalesce(m.actor_id, m.text) AS actor, "
            f"{grp} AS grp, any_value(m.ner_type) AS ner_type, count(*) AS mentions, "
            "count(DISTINCT m.article_id) AS articles FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE m.run_id = ? AND (? OR "
            "m.actor_id IS NOT NULL OR m.ner_type IN (SELECT unnest(?))) GROUP BY 1, 2), "
            f"q AS (SELECT q.speaker AS actor, {grp} AS grp, count(*) AS quotes FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE q.run_id = ? GROUP BY 1, 2), "
            f"vh AS (SELECT q.speaker AS actor, {grp} AS grp, h.narrative, "
            "count(DISTINCT (h.article_id, h.char_start, h.char_end)) AS n "
            f"FROM hits h {_QUOTE_JOIN} JOIN articles a ON a.id = h.article_id "
            "WHERE h.run_id = ? GROUP BY 1, 2, 3), "
            "v AS (SELECT actor, grp, CAST(sum(n) AS BIGINT) AS voiced_hits, "
            "string_agg(narrative || ' (' || n || ')', ', ' ORDER BY n DESC, narrative) "
            "AS narratives FROM vh GROUP BY 1, 2) "
            "SELECT grp, actor, ner_type, coalesce(mentions, 0) AS mentions, "
            "coalesce(articles, 0) AS articles, coalesce(quotes, 0) AS quotes, "
            "coalesce(voiced_hits, 0) AS voiced_hits, coalesce(narratives, '') AS narratives "
            "FROM m FULL JOIN q USING (actor, grp) FULL JOIN v USING (actor, grp) "
        )
        if limit is not None:
            sql += (
                "QUALIFY row_number() OVER (PARTITION BY grp ORDER BY mentions DESC, "
                f"quotes DESC, actor) <= {int(limit)} "
            )
        sql += "ORDER BY grp, mentions DESC, quotes DESC, actor"
        params = [run_id, types is None, list(types or []), run_id, run_id]
        return self.query(sql, params)

    def quotes_of(
        self,
        speaker: Sequence[str] | str,
        run_id: str,
        *,
        narrative: str | None = None,
        limit: int = 50,
    ) -> pd.DataFrame:
        """Quotes of a speaker (actor ids or names) with the narrative evidence inside them.

        ``narratives`` lists the narratives of hits within the quote; with ``narrative``, only
        quotes voicing it are kept.
        """
        where, params = _quote_filter(speaker)
        having = ""
        if narrative is not None:
            having = " HAVING bool_or(h.narrative = ?)"
            params.append(narrative)
        sql = (
            "SELECT q.speaker, q.actor_id, a.outlet, a.published_at, q.article_id, q.kind, "
            "q.cue, q.char_start, q.text AS quote, "
            "coalesce(string_agg(DISTINCT h.narrative, ', ' ORDER BY h.narrative), '') "
            "AS narratives, "
            "coalesce(string_agg(DISTINCT h.evidence, ' | ' ORDER BY h.evidence), '') AS evidence "
            "FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN hits h ON h.run_id = q.run_id AND h.article_id = q.article_id "
            "AND h.char_start >= q.char_start AND h.char_end <= q.char_end "
            f"WHERE q.run_id = ?{where} GROUP BY ALL{having} "
            "ORDER BY a.published_at DESC NULLS LAST, q.article_id, q.char_start "
            f"LIMIT {int(limit)}"
        )
        return self.query(sql, [run_id, *params])

    # -- statistics and export --------------------------------------------------------------
    def stats(self) -> dict[str, pd.DataFrame]:
        """Articles by outlet, language and month; duplicates; rejected records per file."""
        q = self.query
        return {
            "totals": q(
                "SELECT (SELECT count(*) FROM articles) AS articles, "
                "(SELECT count(*) FROM sentences) AS sentences, "
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

    def export(
        self, table: str, out: str | Path, fmt: str = "parquet", partition_size: int | None = None
    ) -> Path:
        """Write one table to Parquet or CSV (``partition_size`` rows per Parquet file)."""
        if table not in EXPORTABLE:
            raise UsageError(f"cannot export {table!r}", hint=f"one of {', '.join(EXPORTABLE)}")
        if fmt not in ("parquet", "csv"):
            raise UsageError(f"unknown export format {fmt!r}", hint="use parquet or csv")
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if partition_size and fmt == "parquet":
            return self._export_partitioned(table, out, partition_size)
        option = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
        self.con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql_path(out)}' ({option})")
        return out

    def _export_partitioned(self, table: str, out: Path, size: int) -> Path:
        out.mkdir(parents=True, exist_ok=True)
        total = self.count(table)
        order = "id" if table == "articles" else "ALL"  # a total order: no row lost at a cut
        for part, offset in enumerate(range(0, max(total, 1), size)):
            target = out / f"part-{part:05d}.parquet"
            self.con.execute(
                f"COPY (SELECT * FROM {table} ORDER BY {order} LIMIT {int(size)} "
                f"OFFSET {int(offset)}) TO '{_sql_path(target)}' (FORMAT parquet)"
            )
        return out

    # -- partitions for the parallel runners (narrascope.distributed) -----------------------
    def partition_plan(self, size: int) -> list[tuple[str, int, str]]:
        """Cut the articles, in id order, into partitions of ``size``.

        Returns:
            ``(first_id, n_articles, fingerprint)`` per partition; the fingerprint changes
            when any of its articles' ids, content hashes or sentence counts change.
        """
        rows = self.con.execute(
            "WITH s AS (SELECT article_id, count(*) AS n FROM sentences GROUP BY 1), "
            "a AS (SELECT id, content_hash, coalesce(s.n, 0) AS n_sentences, "
            "(row_number() OVER (ORDER BY id) - 1) // ? AS part "
            "FROM articles LEFT JOIN s ON s.article_id = articles.id) "
            "SELECT min(id), count(*), sha256(string_agg(id || ':' || content_hash || ':' "
            "|| n_sentences, ',' ORDER BY id)) FROM a GROUP BY part ORDER BY part",
            [int(size)],
        ).fetchall()
        return [(str(r[0]), int(r[1]), str(r[2])) for r in rows]

    def export_partitions(self, out: Path, size: int, parts: Sequence[int]) -> None:
        """Write partitions ``parts`` of :meth:`partition_plan` as Parquet, in one pass per
        table: ``out/articles/part=K/*.parquet`` and ``out/sentences/part=K/*.parquet``."""
        if not parts:
            return
        keep = ", ".join(str(int(k)) for k in parts)
        out.mkdir(parents=True, exist_ok=True)
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE _parts AS SELECT id, "
            "(row_number() OVER (ORDER BY id) - 1) // ? AS part FROM articles",
            [int(size)],
        )
        try:
            for table, key in (("articles", "id"), ("sentences", "article_id")):
                self.con.execute(
                    f"COPY (SELECT t.*, p.part FROM {table} t JOIN _parts p ON p.id = t.{key} "
                    f"WHERE p.part IN ({keep})) TO '{_sql_path(out / table)}' "
                    "(FORMAT parquet, PARTITION_BY (part), OVERWRITE_OR_IGNORE)"
                )
        finally:
            self.con.execute("DROP TABLE IF EXISTS _parts")

    def load_results(self, run_id: str, files: dict[str, Sequence[Path]]) -> None:
        """Insert result Parquet files (table -> files, columns as the record fields) under
        ``run_id`` in one transaction."""
        records = dict(hits=Hit, article_labels=ArticleLabel, mentions=Mention, quotes=Quote)
        with self.transaction():
            for table, paths in files.items():
                if not paths:
                    continue
                cols = ", ".join(f'"{c}"' for c in _fields(records[table]))
                listing = ", ".join(f"'{_sql_path(Path(p))}'" for p in paths)
                self.con.execute(
                    f"INSERT INTO {table} (run_id, {cols}) SELECT ?, {cols} "
                    f"FROM read_parquet([{listing}])",
                    [run_id],
                )


# a hit inside a quote of the same run and article (hits h, quotes q)
_QUOTE_JOIN = (
    "JOIN quotes q ON q.run_id = h.run_id AND q.article_id = h.article_id "
    "AND h.char_start >= q.char_start AND h.char_end <= q.char_end"
)


def _quote_filter(speaker: Sequence[str] | str | None) -> tuple[str, list[Any]]:
    """SQL condition (with parameters) keeping quotes of the given actor ids or names."""
    if speaker is None:
        return "", []
    keys = [speaker] if isinstance(speaker, str) else list(speaker)
    lowered = [k.lower() for k in keys]
    return (
        " AND (q.actor_id IN (SELECT unnest(?)) OR lower(q.speaker) IN (SELECT unnest(?)))",
        [keys, lowered],
    )


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
