"""Store I/O of Parquet partitions for the parallel runners (narrascope.distributed)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from narrascope.records import (
    ArticleLabel,
    Hit,
    Mention,
    Quote,
)
from narrascope.store._convert import (
    _columns,
    _fields,
    _sql_path,
)


class PartitionIO:
    """Mixed into Store: partition plans, exports and result loading."""

    con: duckdb.DuckDBPyConnection
    query: Any
    transaction: Any

    # -- partitions for the parallel runners (narrascope.distributed) -----------------------
    def partition_plan(self, size: int) -> list[tuple[str, int, str]]:
        """Cut the articles, in id order, into partitions of ``size``.

        Returns:
            ``(first_id, n_articles, fingerprint)`` per partition; the fingerprint changes
            when any of its articles' ids, content hashes or sentence counts change.
        """
        rows = self.con.execute(
            "WITH a AS (SELECT id, content_hash, coalesce(len(sentence_starts), 0) AS n_sentences, "
            "(row_number() OVER (ORDER BY id) - 1) // ? AS part FROM articles) "
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
                    f"COPY (SELECT t.{_columns(table)}, p.part FROM {table} t "
                    f"JOIN _parts p ON p.id = t.{key} "
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
