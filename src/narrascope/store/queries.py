"""Read queries over analysis results, for the HTML report and the dashboard.

:class:`ResultQueries` is mixed into :class:`narrascope.store.Store`, so SQL still lives only in
the Store; it is kept in its own file to keep ``store.py`` short. Every value is a bound
parameter; only fixed SQL fragments chosen from this module are ever concatenated.

Counting rule: an article "carries" a narrative when it has an ``article_labels`` row for it
from any detector of the run (parents included, see :mod:`narrascope.analysis`); shares divide
by all stored articles of the same outlet, week or month (weeks and months in UTC).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from narrascope.errors import StoreError, UsageError
from narrascope.store._actors import HIT_IN_QUOTE
from narrascope.store._listing import clip_fields, clip_sentences

__all__ = ["EVIDENCE_ORDERS", "EvidenceFilter", "ResultQueries"]

_DAY = "CAST(a.published_at AT TIME ZONE 'UTC' AS DATE)"
_OUTLET = "coalesce(a.outlet, '(none)')"
_ARTICLE_KEYS = (
    f"a AS (SELECT id, {_OUTLET} AS outlet, "
    "date_trunc('week', published_at AT TIME ZONE 'UTC') AS week, "
    "date_trunc('month', published_at AT TIME ZONE 'UTC') AS month FROM articles a)"
)
_LEVEL = (
    "CASE grouping(outlet, week, month) WHEN 3 THEN 'outlet' WHEN 5 THEN 'week' "
    "WHEN 6 THEN 'month' ELSE 'all' END"
)

EVIDENCE_ORDERS = {
    "score": "h.score DESC, a.published_at DESC NULLS LAST",
    "newest": "a.published_at DESC NULLS LAST, h.score DESC",
    "oldest": "a.published_at ASC NULLS LAST, h.score DESC",
}

_EVIDENCE_COLUMNS = (
    "h.article_id, h.sentence_index, h.char_start, h.char_end, h.narrative, h.detector, "
    "h.score, h.evidence, h.stance, h.speaker, a.title, a.outlet, a.language, a.published_at"
)


@dataclass(frozen=True)
class EvidenceFilter:
    """Which hits an evidence listing shows; ``None`` means no restriction."""

    narratives: tuple[str, ...]
    outlet: str | None = None
    language: str | None = None
    detector: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def needs_articles(self) -> bool:
        """Whether a condition is on the article (outlet, language or date)."""
        values = (self.outlet, self.language, self.date_from, self.date_to)
        return any(v is not None for v in values)

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE conditions (after the run id) and their parameters."""
        conds = ["h.narrative IN (SELECT unnest(?))"]
        params: list[Any] = [list(self.narratives)]
        optional = (
            (f"lower({_OUTLET}) = lower(?)", self.outlet),
            ("a.language = ?", self.language),
            ("h.detector = ?", self.detector),
            (f"{_DAY} >= ?", self.date_from),
            (f"{_DAY} <= ?", self.date_to),
        )
        for cond, value in optional:
            if value is not None:
                conds.append(cond)
                params.append(value)
        return " AND ".join(conds), params


class ResultQueries:
    """Report and dashboard queries; mixed into ``Store`` (which provides ``con``)."""

    con: duckdb.DuckDBPyConnection
    path: Path

    def _df(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()

    # -- runs -----------------------------------------------------------------------------
    def run(self, run_id: str | None = None) -> dict[str, Any]:
        """One analysis run's ``runs`` row as a dict, detectors and models decoded.

        Args:
            run_id: the run; None means the newest finished run.

        Raises:
            StoreError: no finished run in the store (when ``run_id`` is None).
            UsageError: no run ``run_id`` (the message lists the runs there are).
        """
        rid = run_id if run_id is not None else self.latest_run()
        frame = self._df("SELECT * FROM runs WHERE run_id = ?", [rid])
        if frame.empty:
            known = self._df("SELECT run_id FROM runs ORDER BY started_at DESC")["run_id"]
            raise UsageError(
                f"no run {rid!r} in the store",
                path=self.path,
                hint=f"runs: {', '.join(map(str, known)) or 'none (run `narrascope analyze`)'}",
            )
        row = {str(k): (None if _missing(v) else v) for k, v in frame.iloc[0].to_dict().items()}
        for key in ("detectors", "models"):
            row[key] = _loads(row.get(key))
        return row

    def run_id(self, run_id: str | None = None) -> str:
        """``run_id`` checked against the store, or the newest finished run's id."""
        return str(self.run(run_id)["run_id"])

    def latest_run(self) -> str:
        """The id of the most recently finished run; StoreError when there is none."""
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

    def has_rows(self, table: str) -> bool:
        """Whether one of the optional result tables holds any row."""
        if table not in ("mentions", "quotes", "polls", "events"):
            raise ValueError(f"not an optional table: {table}")
        return self.con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None

    def run_has_rows(self, table: str, run_id: str) -> bool:
        """Whether ``mentions`` or ``quotes`` hold rows for this run."""
        if table not in ("mentions", "quotes"):
            raise ValueError(f"not a per-run table: {table}")
        sql = f"SELECT 1 FROM {table} WHERE run_id = ? LIMIT 1"
        return self.con.execute(sql, [run_id]).fetchone() is not None

    # -- narrative prevalence -----------------------------------------------------------
    def labelled_counts(self, run_id: str) -> pd.DataFrame:
        """Labelled articles per narrative, overall and by outlet, ISO week and month.

        One pass over the run's distinct (article, narrative) pairs. Columns: ``level``
        (``all``, ``outlet``, ``week`` or ``month``), ``narrative``, ``outlet``, ``week``,
        ``month``, ``articles``; the columns other than ``level`` name are NULL on a row.
        """
        detectors = self.con.execute(
            "SELECT count(DISTINCT detector) FROM article_labels WHERE run_id = ?", [run_id]
        ).fetchone()
        # one label row per (article, narrative, detector): with one detector, no DISTINCT
        distinct = "DISTINCT" if detectors and detectors[0] > 1 else ""
        return self._df(
            f"WITH {_ARTICLE_KEYS}, "
            f"x AS (SELECT l.narrative, a.outlet, a.week, a.month FROM (SELECT {distinct} "
            "article_id, narrative FROM article_labels WHERE run_id = ?) l "
            "JOIN a ON a.id = l.article_id) "
            f"SELECT {_LEVEL} AS level, narrative, outlet, week, month, count(*) AS articles "
            "FROM x GROUP BY GROUPING SETS ((narrative), (narrative, outlet), "
            "(narrative, week), (narrative, month)) ORDER BY ALL",
            [run_id],
        )

    def article_totals(self) -> pd.DataFrame:
        """Stored articles overall and by outlet, ISO week and month (same columns as above)."""
        return self._df(
            f"WITH {_ARTICLE_KEYS} SELECT {_LEVEL} AS level, outlet, week, month, "
            "count(*) AS articles FROM a "
            "GROUP BY GROUPING SETS ((), (outlet), (week), (month)) ORDER BY ALL"
        )

    def hit_counts(self, run_id: str) -> pd.DataFrame:
        """Hits per narrative (own hits; sub-narratives not added)."""
        return self._df(
            "SELECT narrative, count(*) AS hits FROM hits WHERE run_id = ? GROUP BY 1 ORDER BY 1",
            [run_id],
        )

    # -- evidence -------------------------------------------------------------------------
    def top_evidence(self, run_id: str, narratives: list[str], limit: int = 5) -> pd.DataFrame:
        """The best hit of each article among ``narratives``, for the ``limit`` best articles."""
        return self._with_sentences(
            f"SELECT {_EVIDENCE_COLUMNS} FROM hits h JOIN articles a ON a.id = h.article_id "
            "WHERE h.run_id = ? AND h.narrative IN (SELECT unnest(?)) "
            "QUALIFY row_number() OVER (PARTITION BY h.article_id "
            "ORDER BY h.score DESC, h.sentence_index, h.char_start) = 1 "
            "ORDER BY h.score DESC, a.published_at DESC NULLS LAST, h.article_id LIMIT ?",
            [run_id, narratives, limit],
        )

    def evidence(
        self,
        run_id: str,
        where: EvidenceFilter,
        *,
        limit: int,
        offset: int = 0,
        order: str = "score",
    ) -> pd.DataFrame:
        """One page of evidence hits with their sentence and article (title, outlet, date)."""
        cond, params = where.where()
        order_sql = EVIDENCE_ORDERS[order]
        return self._with_sentences(
            f"SELECT {_EVIDENCE_COLUMNS} FROM hits h JOIN articles a ON a.id = h.article_id "
            f"WHERE h.run_id = ? AND {cond} ORDER BY {order_sql}, h.article_id, "
            "h.sentence_index, h.char_start, h.detector LIMIT ? OFFSET ?",
            [run_id, *params, limit, offset],
        )

    def evidence_count(self, run_id: str, where: EvidenceFilter) -> int:
        """How many hits ``evidence`` would list over all pages."""
        cond, params = where.where()
        join = "JOIN articles a ON a.id = h.article_id" if where.needs_articles else ""
        row = self.con.execute(
            f"SELECT count(*) FROM hits h {join} WHERE h.run_id = ? AND {cond}",
            [run_id, *params],
        ).fetchone()
        return int(row[0]) if row else 0

    def evidence_facets(self, run_id: str, narratives: list[str]) -> dict[str, list[str]]:
        """Distinct outlets, languages and detectors among a narrative's hits (filter choices)."""
        frame = self._df(
            f"SELECT DISTINCT {_OUTLET} AS outlet, a.language, h.detector FROM hits h "
            "JOIN articles a ON a.id = h.article_id "
            "WHERE h.run_id = ? AND h.narrative IN (SELECT unnest(?))",
            [run_id, narratives],
        )
        return {col: sorted(frame[col].dropna().unique().tolist()) for col in frame.columns}

    def _with_sentences(self, page_sql: str, params: list[Any]) -> pd.DataFrame:
        """Run a limited page query of hits, then add each hit's sentence (start and text)."""
        page = self._df(page_sql, params)
        ids = sorted(set(page["article_id"])) or [""]
        marks = ", ".join("?" for _ in ids)  # a literal IN list lets DuckDB use the key index
        sentences = self._df(
            "SELECT article_id, sentence_index, char_start AS sentence_start, text AS sentence "
            f"FROM sentences WHERE article_id IN ({marks})",
            ids,
        )
        frame = page.merge(sentences, how="left", on=["article_id", "sentence_index"])
        if not frame.empty:  # long sentences: a window around the hit (offsets kept valid)
            frame["_rel_start"] = frame["char_start"] - frame["sentence_start"].fillna(0)
            frame["_rel_end"] = frame["char_end"] - frame["sentence_start"].fillna(0)
            clip_sentences(frame, "_rel_start", "_rel_end", bases=["sentence_start"])
            frame = frame.drop(columns=["_rel_start", "_rel_end"])
        return clip_fields(frame, ["title", "evidence"])

    # -- one article ----------------------------------------------------------------------
    def article_row(self, article_id: str) -> dict[str, Any] | None:
        """One article's stored fields as a dict, or None."""
        frame = self._df(
            "SELECT id, url, outlet, language, published_at, title, text, canonical_id, dup_kind "
            "FROM articles WHERE id = ?",
            [article_id],
        )
        if frame.empty:
            return None
        return {str(k): (None if _missing(v) else v) for k, v in frame.iloc[0].to_dict().items()}

    def article_hits(self, run_id: str, article_id: str) -> pd.DataFrame:
        """All hits of one article in one run, in text order."""
        return self._df(
            "SELECT sentence_index, char_start, char_end, narrative, detector, score, evidence "
            "FROM hits WHERE run_id = ? AND article_id = ? "
            "ORDER BY char_start, char_end, narrative, detector",
            [run_id, article_id],
        )

    def article_mentions(self, run_id: str, article_id: str) -> pd.DataFrame:
        """Actor mentions of one article in one run, in text order."""
        return self._df(
            "SELECT sentence_index, char_start, char_end, text, ner_type, actor_id FROM mentions "
            "WHERE run_id = ? AND article_id = ? ORDER BY char_start, char_end",
            [run_id, article_id],
        )

    def article_quotes(self, run_id: str, article_id: str) -> pd.DataFrame:
        """Attributed quotes of one article in one run, in text order."""
        return self._df(
            "SELECT speaker, cue, char_start, char_end, kind, text, actor_id FROM quotes "
            "WHERE run_id = ? AND article_id = ? ORDER BY char_start, char_end",
            [run_id, article_id],
        )

    def article_labels_of(self, run_id: str, article_id: str) -> pd.DataFrame:
        """The narratives one article carries in one run (per detector)."""
        return self._df(
            "SELECT narrative, detector, score, n_hits, n_sentences FROM article_labels "
            "WHERE run_id = ? AND article_id = ? ORDER BY narrative, detector",
            [run_id, article_id],
        )

    # -- actors and quotes ----------------------------------------------------------------
    def actor_counts(self, run_id: str, limit: int = 50) -> pd.DataFrame:
        """Most mentioned actors (registry id, else surface text): mentions, articles, quotes."""
        return self._df(
            "WITH m AS (SELECT coalesce(actor_id, text) AS actor, any_value(ner_type) AS ner_type, "
            "count(*) AS mentions, count(DISTINCT article_id) AS articles FROM mentions "
            "WHERE run_id = ? GROUP BY 1), "
            "q AS (SELECT coalesce(actor_id, speaker) AS actor, count(*) AS quotes FROM quotes "
            "WHERE run_id = ? GROUP BY 1) "
            "SELECT actor, ner_type, coalesce(mentions, 0) AS mentions, "
            "coalesce(articles, 0) AS articles, coalesce(quotes, 0) AS quotes "
            "FROM m FULL OUTER JOIN q USING (actor) "
            "ORDER BY mentions DESC, quotes DESC, actor LIMIT ?",
            [run_id, run_id, limit],
        )

    def speaker_narrative_counts(self, run_id: str, limit: int = 200) -> pd.DataFrame:
        """Per (speaker, narrative): the hits attributed to the speaker.

        A hit counts for a speaker when its stance is ``attributed`` to them (the stance rule:
        at least half of the shorter of hit and quote overlap), so a sentence-wide embedding
        hit around a quote counts; rejected hits do not (rejecting is not voicing). Hits of
        runs stored before stances existed count by the same overlap with a quote. Speakers
        are grouped by their quotes' actor key (:mod:`narrascope.actors.merge`: "Viktor
        Loginov" and «Виктор Логинов» are one speaker), named by the registry id, else by the
        longest name quoted, as in :meth:`actors`.
        """
        return self._df(
            "WITH voiced AS ("
            " SELECT coalesce(h.actor_id, h.speaker) AS name, h.narrative, h.article_id,"
            " (SELECT any_value(q.actor_key) FROM quotes q WHERE q.run_id = h.run_id"
            f" AND q.article_id = h.article_id AND {HIT_IN_QUOTE}"
            " AND coalesce(q.actor_id, q.speaker) = coalesce(h.actor_id, h.speaker)) AS key"
            " FROM hits h WHERE h.run_id = ? AND h.stance = 'attributed'"
            " AND h.speaker IS NOT NULL"
            " UNION ALL"
            " SELECT coalesce(q.actor_id, q.speaker), h.narrative, h.article_id, q.actor_key"
            " FROM quotes q JOIN hits h ON h.run_id = q.run_id AND h.article_id = q.article_id"
            f" AND {HIT_IN_QUOTE}"
            " WHERE q.run_id = ? AND h.stance IS NULL), "
            "keyed AS (SELECT coalesce(key, name) AS key, name, narrative, article_id"
            " FROM voiced), "
            "named AS (SELECT key, CASE WHEN starts_with(key, '~')"
            " THEN arg_max(name, length(name)) ELSE key END AS actor FROM keyed GROUP BY key) "
            "SELECT n.actor, k.narrative, count(*) AS hits, count(DISTINCT k.article_id)"
            " AS articles FROM keyed k JOIN named n USING (key) GROUP BY 1, 2"
            " ORDER BY hits DESC, actor, narrative LIMIT ?",
            [run_id, run_id, limit],
        )

    def top_quotes(self, run_id: str, limit: int = 20) -> pd.DataFrame:
        """Quotes that carry narrative evidence, with their article; most hits first.

        A hit belongs to a quote when at least half of the shorter of the two spans overlap
        (the stance rule), so sentence-wide evidence around a quote counts.
        """
        return self._df(
            "SELECT q.article_id, coalesce(q.actor_id, q.speaker) AS actor, q.cue, q.kind, "
            "q.text, list_distinct(list(h.narrative ORDER BY h.narrative)) AS narratives, "
            "count(*) AS hits, any_value(a.title) AS title, any_value(a.outlet) AS outlet, "
            "any_value(a.published_at) AS published_at FROM quotes q JOIN hits h "
            "ON h.run_id = q.run_id AND h.article_id = q.article_id "
            f"AND {HIT_IN_QUOTE} "
            "JOIN articles a ON a.id = q.article_id WHERE q.run_id = ? "
            "GROUP BY q.article_id, q.char_start, q.char_end, 2, q.cue, q.kind, q.text "
            "ORDER BY hits DESC, published_at DESC NULLS LAST, q.article_id, q.char_start LIMIT ?",
            [run_id, limit],
        )


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _loads(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
