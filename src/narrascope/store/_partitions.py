"""Store exports (whole tables or parts) and Parquet partitions for the parallel runners."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from narrascope.errors import UsageError
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
from narrascope.store._csv import guard_sql
from narrascope.store._schema import EXPORTABLE


class PartitionIO:
    """Mixed into Store: partition plans, exports and result loading."""

    con: duckdb.DuckDBPyConnection
    query: Any
    transaction: Any
    count: Any

    # -- export ----------------------------------------------------------------------------
    def export(
        self,
        table: str,
        out: str | Path,
        fmt: str = "parquet",
        partition_size: int | None = None,
        *,
        raw_csv: bool = False,
    ) -> Path:
        """Write one table to Parquet or CSV (``partition_size`` rows per Parquet file).

        CSV text cells that a spreadsheet would run as a formula get a leading apostrophe
        (see :mod:`narrascope.store._csv`) unless ``raw_csv``.
        """
        if table not in EXPORTABLE:
            raise UsageError(f"cannot export {table!r}", hint=f"one of {', '.join(EXPORTABLE)}")
        if fmt not in ("parquet", "csv"):
            raise UsageError(f"unknown export format {fmt!r}", hint="use parquet or csv")
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if partition_size and fmt == "parquet":
            return self._export_partitioned(table, out, partition_size)
        option = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
        select = f"SELECT {_columns(table)} FROM {table}"
        if fmt == "csv" and not raw_csv:
            select = self._guarded_select(table)
        self.con.execute(f"COPY ({select}) TO '{_sql_path(out)}' ({option})")
        return out

    def _export_partitioned(self, table: str, out: Path, size: int) -> Path:
        """``out/part-NNNNN.parquet`` of ``size`` rows each, in one sorted pass over ``table``.

        DuckDB writes each part as a folder of its own; the files are then renamed. Should it
        ever split a part over several files, the parts are written one query at a time.
        """
        out.mkdir(parents=True, exist_ok=True)
        order = self._export_order(table)
        with tempfile.TemporaryDirectory(dir=out, prefix=".export-") as tmp:
            numbered = (
                f"SELECT {_columns(table)}, (row_number() OVER (ORDER BY {order}) - 1) "
                f"// {int(size)} AS _part FROM {table} ORDER BY {order}"
            )
            self.con.execute(
                f"COPY ({numbered}) TO '{_sql_path(Path(tmp))}' "
                "(FORMAT parquet, PARTITION_BY (_part))"
            )
            parts = {
                int(d.name.split("=")[1]): list(d.glob("*.parquet")) for d in Path(tmp).iterdir()
            }
            if not parts or any(len(files) != 1 for files in parts.values()):
                return self._export_parts_one_by_one(table, out, size, order)
            for part, (file,) in parts.items():
                file.replace(out / f"part-{part:05d}.parquet")
        return out

    def _export_parts_one_by_one(self, table: str, out: Path, size: int, order: str) -> Path:
        total = self.count(table)
        for part, offset in enumerate(range(0, max(total, 1), size)):
            target = out / f"part-{part:05d}.parquet"
            self.con.execute(
                f"COPY (SELECT {_columns(table)} FROM {table} ORDER BY {order} LIMIT {int(size)} "
                f"OFFSET {int(offset)}) TO '{_sql_path(target)}' (FORMAT parquet)"
            )
        return out

    def _guarded_select(self, table: str) -> str:
        """``SELECT`` of an export whose text columns pass through the CSV formula guard."""
        described = self.con.execute(f"SELECT {_columns(table)} FROM {table} LIMIT 0").description
        parts = [
            guard_sql(name) if str(kind).upper() in ("VARCHAR", "STRING") else f'"{name}"'
            for name, kind, *_ in described
        ]
        return f"SELECT {', '.join(parts)} FROM {table}"

    def _export_order(self, table: str) -> str:
        """A total order of ``table``'s rows, so that no row is lost or repeated at a cut."""
        if table == "articles":
            return "id"
        if table == "sentences":
            return "article_id, sentence_index"
        columns = [d[0] for d in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        return ", ".join(f'"{c}"' for c in columns)

    # -- partitions for the parallel runners (narrascope.analysis.dask) -----------------------
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

    def load_results(self, run_id: str, files: Mapping[str, Sequence[Path]]) -> None:
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
