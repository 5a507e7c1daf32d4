"""Store queries for the coding workflow: sampling frames, per-item coding, streamed listings.

- :meth:`CodingQueries.sampling_strata` / :meth:`CodingQueries.sampling_draw`: the units
  (canonical articles, or their sentences) grouped into strata, and a seeded draw of ``k`` units
  per stratum (``md5(seed || unit key)`` order, so the same seed draws the same units);
- :meth:`CodingQueries.replace_item_coding`: one coder's codes for one item (the dashboard's
  adjudication form);
- :meth:`CodingQueries.hits_listing_batches`: every row of a hits listing as DataFrames of at
  most ``batch_size`` rows, on a cursor of its own (for streamed CSV downloads).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import duckdb
import pandas as pd

from narrascope.records import Annotation
from narrascope.store._listing import STANCE_SQL

UNITS = ("article", "sentence")
STRATA = ("outlet", "month", "language", "band")

_MONTH = "coalesce(strftime(a.published_at AT TIME ZONE 'UTC', '%Y-%m'), '(undated)')"


def _units_sql(unit: str) -> str:
    """One row per unit: key, article_id, sentence_index, outlet, month, language, max_score."""
    if unit == "article":
        return (
            "SELECT a.id AS key, a.id AS article_id, CAST(NULL AS INTEGER) AS sentence_index, "
            f"coalesce(a.outlet, '(none)') AS outlet, {_MONTH} AS month, a.language, "
            "m.max_score FROM articles a LEFT JOIN (SELECT article_id, max(score) AS max_score "
            "FROM hits WHERE run_id = $run GROUP BY 1) m ON m.article_id = a.id "
            "WHERE a.dup_kind IS NULL"
        )
    if unit == "sentence":
        return (
            "SELECT s.article_id || '#' || s.sentence_index AS key, s.article_id, "
            "s.sentence_index, s.outlet, s.month, s.language, m.max_score FROM ("
            "SELECT a.id AS article_id, coalesce(a.outlet, '(none)') AS outlet, "
            f"{_MONTH} AS month, a.language, "
            "CAST(unnest(range(len(a.sentence_starts))) AS INTEGER) AS sentence_index "
            "FROM articles a WHERE a.dup_kind IS NULL) s LEFT JOIN (SELECT article_id, "
            "sentence_index, max(score) AS max_score FROM hits WHERE run_id = $run GROUP BY 1, 2"
            ") m ON m.article_id = s.article_id AND m.sentence_index = s.sentence_index"
        )
    raise ValueError(f"unknown unit {unit!r} (use one of {', '.join(UNITS)})")


def _banded_sql(unit: str) -> str:
    """The units with their score band: none (no hit), low (< $cut) or high."""
    return (
        "SELECT *, CASE WHEN max_score IS NULL THEN 'none' WHEN max_score < $cut THEN 'low' "
        f"ELSE 'high' END AS band FROM ({_units_sql(unit)})"
    )


def _check_by(by: Sequence[str]) -> list[str]:
    bad = [b for b in by if b not in STRATA]
    if bad:
        raise ValueError(f"unknown strata {bad} (use {', '.join(STRATA)})")
    return list(by)


class CodingQueries:
    """Mixed into Store: sampling frames and coding writes."""

    con: duckdb.DuckDBPyConnection
    transaction: Any
    _check_writable: Any
    _listing_where: Any  # ListingQueries'

    # -- sampling ---------------------------------------------------------------------------
    def score_cut(self, unit: str, run_id: str | None) -> float | None:
        """Median of the units' highest hit score (units with a hit), or None without hits."""
        row = self.con.execute(
            f"SELECT median(max_score) FROM ({_units_sql(unit)}) WHERE max_score IS NOT NULL",
            {"run": run_id or ""},
        ).fetchone()
        return None if not row or row[0] is None else float(row[0])

    def sampling_strata(
        self, unit: str, run_id: str | None, by: Sequence[str], cut: float | None
    ) -> pd.DataFrame:
        """Population per stratum: the ``by`` columns and ``population``, sorted by stratum."""
        cols = _check_by(by)
        keys = ", ".join(cols) if cols else "'all' AS stratum"
        group = "GROUP BY ALL" if cols else ""
        order = ", ".join(cols) if cols else "1"
        return self.con.execute(
            f"SELECT {keys}, count(*) AS population FROM ({_banded_sql(unit)}) {group} "
            f"ORDER BY {order}",
            {"run": run_id or "", "cut": cut if cut is not None else 0.0},
        ).df()

    def sampling_draw(
        self,
        unit: str,
        run_id: str | None,
        by: Sequence[str],
        cut: float | None,
        allocation: pd.DataFrame,
        seed: int,
    ) -> pd.DataFrame:
        """``allocation.k`` units per stratum (``by`` columns of ``allocation``), seeded.

        Columns: key, article_id, sentence_index, outlet, month, language, band, published_at,
        title, text (the sentence for sentence units), in a seeded random order (not by
        stratum, so a sheet's order tells the coder nothing).
        """
        cols = _check_by(by)
        part = f"PARTITION BY {', '.join(cols)}" if cols else ""
        join = f"JOIN alloc USING ({', '.join(cols)})" if cols else "CROSS JOIN alloc"
        text = (
            "a.text"
            if unit == "article"
            else "substring(a.text, a.sentence_starts[r.sentence_index + 1] + 1, "
            "a.sentence_ends[r.sentence_index + 1] - a.sentence_starts[r.sentence_index + 1])"
        )
        sql = (
            f"WITH ranked AS (SELECT u.*, row_number() OVER ({part} ORDER BY md5($seed || key)) "
            f"AS rk FROM ({_banded_sql(unit)}) u), picked AS (SELECT ranked.* FROM ranked {join} "
            "WHERE ranked.rk <= alloc.k) "
            "SELECT r.key, r.article_id, r.sentence_index, r.outlet, r.month, r.language, r.band, "
            f"a.published_at, a.title, {text} AS text FROM picked r "
            "JOIN articles a ON a.id = r.article_id ORDER BY md5($seed || 'order' || r.key)"
        )
        frame = allocation[[*cols, "k"]] if cols else allocation[["k"]].head(1)
        self.con.register("alloc", frame)
        try:
            return self.con.execute(
                sql,
                {"run": run_id or "", "cut": cut if cut is not None else 0.0, "seed": str(seed)},
            ).df()
        finally:
            self.con.unregister("alloc")

    def sentence_spans(
        self, keys: Sequence[tuple[str, int]]
    ) -> dict[tuple[str, int], tuple[int, int]]:
        """``(article_id, sentence_index) -> (char_start, char_end)`` of stored sentences."""
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT k.a, k.i, a.sentence_starts[k.i + 1], a.sentence_ends[k.i + 1] "
            "FROM (SELECT unnest(?) AS a, unnest(?) AS i) k JOIN articles a ON a.id = k.a "
            "WHERE k.i >= 0 AND k.i < len(a.sentence_starts)",
            [[k[0] for k in keys], [int(k[1]) for k in keys]],
        ).fetchall()
        return {(str(a), int(i)): (int(s), int(e)) for a, i, s, e in rows}

    def item_texts(
        self, keys: Sequence[tuple[str, int | None]]
    ) -> dict[tuple[str, int | None], dict[str, Any]]:
        """Outlet, date, title and text (the sentence for sentence items) of coded items."""
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT k.a, k.i, a.outlet, a.published_at, a.title, CASE WHEN k.i IS NULL "
            "THEN a.text ELSE substring(a.text, a.sentence_starts[k.i + 1] + 1, "
            "a.sentence_ends[k.i + 1] - a.sentence_starts[k.i + 1]) END "
            "FROM (SELECT unnest(?) AS a, unnest(?) AS i) k JOIN articles a ON a.id = k.a",
            [[k[0] for k in keys], [k[1] for k in keys]],
        ).fetchall()
        return {
            (str(a), None if i is None else int(i)): {
                "outlet": outlet,
                "published_at": published,
                "title": title,
                "text": text,
            }
            for a, i, outlet, published, title, text in rows
        }

    def article_languages(self, ids: Sequence[str]) -> dict[str, str]:
        """``article id -> language`` of the stored articles among ``ids``."""
        rows = self.con.execute(
            "SELECT id, language FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]
        ).fetchall()
        return {str(i): str(lang) for i, lang in rows}

    # -- coding writes ----------------------------------------------------------------------
    def replace_item_coding(
        self,
        annotator: str,
        article_id: str,
        sentence_index: int | None,
        rows: Sequence[Annotation],
    ) -> int:
        """Replace ``annotator``'s codes for one item (an article, or one of its sentences)."""
        self._check_writable()
        with self.transaction():
            self.con.execute(
                "DELETE FROM annotations WHERE annotator = ? AND article_id = ? AND "
                "sentence_index IS NOT DISTINCT FROM ?",
                [annotator, article_id, sentence_index],
            )
            for row in rows:
                self.con.execute(
                    "INSERT INTO annotations (article_id, label, annotator, sentence_index, "
                    "char_start, char_end, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        row.article_id,
                        row.label,
                        row.annotator,
                        row.sentence_index,
                        row.char_start,
                        row.char_end,
                        row.source,
                    ],
                )
        return len(rows)

    # -- streamed listings ------------------------------------------------------------------
    def hits_listing_batches(
        self, run_id: str, *, exact: bool = False, batch_size: int = 50_000, **filters: Any
    ) -> Iterator[pd.DataFrame]:
        """Every hit :meth:`hits_listing` would list (same filters and order), uncut, as
        DataFrames of at most ``batch_size`` rows, read on a cursor of its own."""
        cond, params = self._coding_where(run_id, filters, exact)
        cursor = self.con.cursor()
        try:
            reader = cursor.sql(_listing_sql(cond), params=params).to_arrow_reader(batch_size)
            for batch in reader:
                yield batch.to_pandas()
        finally:
            cursor.close()

    def hits_listing_total(self, run_id: str, *, exact: bool = False, **filters: Any) -> int:
        """How many rows :meth:`hits_listing_batches` yields with these filters."""
        cond, params = self._coding_where(run_id, filters, exact)
        join = "JOIN articles a ON a.id = h.article_id" if "a." in cond else ""  # a. filters
        row = self.con.execute(
            f"SELECT count(*) FROM hits h {join} WHERE {cond}", params
        ).fetchone()
        return int(row[0]) if row else 0

    def _coding_where(
        self, run_id: str, filters: dict[str, Any], exact: bool
    ) -> tuple[str, list[Any]]:
        """:meth:`_listing_where`, plus ``narratives``: an explicit list of narrative ids (the
        dashboard passes a narrative with its sub-narratives from the codebook)."""
        narratives = filters.pop("narratives", None)
        cond, params = self._listing_where(run_id, filters, exact)
        if narratives is not None:
            cond += " AND h.narrative IN (SELECT unnest(?))"
            params.append(list(narratives))
        return cond, params

    def hits_listing_page(
        self, run_id: str, *, limit: int, offset: int = 0, exact: bool = False, **filters: Any
    ) -> pd.DataFrame:
        """One page of :meth:`hits_listing_batches` (for the dashboard's evidence page)."""
        cond, params = self._coding_where(run_id, filters, exact)
        return self.con.execute(
            f"{_listing_sql(cond)} LIMIT ? OFFSET ?", [*params, int(limit), int(offset)]
        ).df()


def _listing_sql(cond: str) -> str:
    start, end = "a.sentence_starts[h.sentence_index + 1]", "a.sentence_ends[h.sentence_index + 1]"
    return (
        "SELECT h.narrative, a.outlet, a.published_at, a.language, a.title, a.url, "
        "h.article_id, h.sentence_index, h.detector, h.score, h.evidence, "
        f"{STANCE_SQL.format('h')} AS stance, h.speaker, h.actor_id, "
        f"substring(a.text, {start} + 1, {end} - {start}) AS sentence, "
        f"h.char_start - {start} AS cue_start, h.char_end - {start} AS cue_end, "
        "h.char_start AS hit_start "
        f"FROM hits h JOIN articles a ON a.id = h.article_id WHERE {cond} "
        "ORDER BY a.published_at DESC NULLS LAST, h.article_id, h.sentence_index, "
        "h.char_start, h.detector"
    )
