"""Lookup keys behind idempotent writes and deduplication, kept in the store.

Ingest must know, for each batch, which ids are stored already, which stored canonical article
has the same text and which share an LSH band with it. Holding all of that in memory grows with
the store, and DuckDB keeps ART indexes wholly in memory too; so the store keeps one narrow
table, ``lookup_keys (kind, key, article_id)``, of 64-bit keys that each batch looks up in one
scan. Kinds: :data:`KIND_ID` (every article, key of its id), :data:`KIND_CONTENT` (canonical
articles, key of their ``content_hash``), ``KIND_BAND + b`` (band ``b`` of a canonical
article's MinHash signature) and :data:`KIND_ORIGIN` (every article read from a file, key of
its source path and raw SHA-256: the same record read again). Keys are 64-bit, so a match is
confirmed against the full value where that is cheap (ids); two different texts share a
content key with probability ~2^-64 per pair.

Band keys depend on the banding (``dedup.threshold``, ``dedup.num_perm``):
``store_meta['lsh_layout']`` names the one they were made with, and
:meth:`DedupQueries.rebuild_lsh_bands` recomputes them from the stored signatures.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

KIND_ID = 0
KIND_CONTENT = 1
KIND_BAND = 2
KIND_ORIGIN = 255
_REBUILD_CHUNK = 50_000


def lookup_key(value: str) -> int:
    """The 64-bit key of a string: the first 8 bytes of its SHA-256 (SQL: see the schema)."""
    return int.from_bytes(hashlib.sha256(value.encode("utf-8")).digest()[:8], "big")


def origin_key(source_path: str, raw_sha256: str) -> int:
    """The key of where an article was read from (SQL: see schema v3)."""
    return lookup_key(f"{source_path}\x1f{raw_sha256}")


def key_rows(kinds: Sequence[int] | np.ndarray, keys: np.ndarray, ids: Sequence[str]) -> pa.Table:
    """Rows of ``lookup_keys`` as an Arrow table."""
    return pa.table(
        {
            "kind": pa.array(np.asarray(kinds, dtype=np.uint8)),
            "key": pa.array(np.asarray(keys, dtype=np.uint64)),
            "article_id": pa.array(list(ids), pa.string()),
        }
    )


def id_lookups(ids: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(kinds, keys)`` that find stored articles by id (see :func:`stored_ids`)."""
    keys = np.array([lookup_key(i) for i in ids], dtype=np.uint64)
    return np.full(len(keys), KIND_ID, np.uint8), keys


def stored_ids(rows: Iterable[tuple[int, int, str]], ids: Collection[str]) -> set[str]:
    """Those of ``ids`` that found ``lookup_keys`` rows show stored (keys confirmed in full)."""
    return {a for kind, _, a in rows if kind == KIND_ID and a in ids}


def canonical_by_hash(
    rows: Iterable[tuple[int, int, str]], hashes: Iterable[str]
) -> dict[str, str]:
    """``content_hash -> id`` of the first stored canonical with that text, from found rows."""
    by_key = {lookup_key(h): h for h in hashes}
    found: dict[str, str] = {}
    for kind, key, article_id in rows:
        if kind == KIND_CONTENT and key in by_key:
            found.setdefault(by_key[key], article_id)
    return found


def band_rows(ids: Sequence[str], keys: np.ndarray) -> pa.Table:
    """Rows of ``lookup_keys`` for articles' band keys (``keys``: uint64, ``(n, bands)``)."""
    n, bands = keys.shape
    kinds = np.tile(np.arange(KIND_BAND, KIND_BAND + bands, dtype=np.uint8), n)
    return key_rows(kinds, keys.reshape(-1), [i for i in ids for _ in range(bands)])


class DedupQueries:
    """Mixed into Store: the lookups behind idempotent ingest and deduplication."""

    con: duckdb.DuckDBPyConnection
    transaction: Any

    def find_keys(self, kinds: np.ndarray, keys: np.ndarray) -> list[tuple[int, int, str]]:
        """Stored ``(kind, key, article_id)`` rows matching any ``(kinds[i], keys[i])``.

        In storage order (oldest first); one scan of ``lookup_keys`` whatever the batch size.
        """
        if not len(keys):
            return []
        query = key_rows(kinds, keys, [""] * len(keys)).drop_columns(["article_id"])
        self.con.register("_key_query", query)
        try:
            rows = self.con.execute(
                "SELECT l.kind, l.key, l.article_id FROM lookup_keys l "
                "SEMI JOIN _key_query q ON q.kind = l.kind AND q.key = l.key ORDER BY l.rowid"
            ).fetchall()
        finally:
            self.con.unregister("_key_query")
        return [(int(k), int(v), str(a)) for k, v, a in rows]

    def existing_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        wanted = set(ids)
        if not wanted:
            return set()
        return stored_ids(self.find_keys(*id_lookups(wanted)), wanted)

    def canonical_ids(self, hashes: Sequence[str]) -> dict[str, str]:
        """``content_hash -> id`` of the stored canonical article with that text."""
        keys = np.array([lookup_key(h) for h in hashes], dtype=np.uint64)
        return canonical_by_hash(self.find_keys(np.full(len(keys), KIND_CONTENT), keys), hashes)

    def minhash_signatures_of(self, ids: Sequence[str]) -> dict[str, bytes]:
        """Stored MinHash signatures of the given articles (those that have one)."""
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)  # a literal list is pushed into the scan
        rows = self.con.execute(
            f"SELECT article_id, signature FROM minhashes WHERE article_id IN ({marks})",
            list(ids),
        ).fetchall()
        return {str(a): bytes(s) for a, s in rows}

    def lsh_layout(self) -> str | None:
        """The banding the stored band keys were made with (None: never built)."""
        rows = self.con.execute("SELECT value FROM store_meta WHERE name = 'lsh_layout'").fetchall()
        return str(rows[0][0]) if rows else None

    def rebuild_lsh_bands(
        self, layout: str, num_perm: int, band_keys: Callable[[np.ndarray], np.ndarray]
    ) -> int:
        """Recompute the band keys of every canonical article, in ingest order.

        Args:
            layout: Name of the banding (stored in ``store_meta``).
            num_perm: Signature length; signatures of another length are left out.
            band_keys: uint32 signatures ``(n, num_perm)`` -> uint64 band keys ``(n, bands)``.

        Returns:
            The number of articles indexed.
        """
        cursor = self.con.cursor()  # streams the signatures while this connection writes
        cursor.execute(
            "SELECT m.article_id, m.signature FROM minhashes m JOIN articles a "
            "ON a.id = m.article_id WHERE a.dup_kind IS NULL "
            "AND octet_length(m.signature) = ? ORDER BY a.ingested_at, a.id",
            [4 * num_perm],
        )
        indexed = 0
        try:
            with self.transaction():
                self.con.execute(
                    "DELETE FROM lookup_keys WHERE kind >= ? AND kind < ?",
                    [KIND_BAND, KIND_ORIGIN],
                )
                while rows := cursor.fetchmany(_REBUILD_CHUNK):
                    matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype="<u4")
                    keys = band_keys(matrix.reshape(len(rows), num_perm))
                    self.append_keys(band_rows([r[0] for r in rows], keys))
                    indexed += len(rows)
                self.con.execute(
                    "INSERT OR REPLACE INTO store_meta VALUES ('lsh_layout', ?)", [layout]
                )
        finally:
            cursor.close()
        return indexed

    def append_keys(self, rows: pa.Table) -> None:
        """Insert ``lookup_keys`` rows (inside the caller's transaction)."""
        if not rows.num_rows:
            return
        self.con.register("_key_rows", rows)
        try:
            self.con.execute("INSERT INTO lookup_keys SELECT kind, key, article_id FROM _key_rows")
        finally:
            self.con.unregister("_key_rows")
