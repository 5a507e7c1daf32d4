"""Store queries for trends, event windows and polls (read side)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from narrascope.errors import UsageError
from narrascope.store._listing import STANCE_SQL


def ancestry_pairs(
    names: Sequence[str], parents: Mapping[str, str | None]
) -> tuple[list[str], list[str]]:
    """Pairs ``(narrative, counted_as)``: each name itself and each of its ancestors, once."""
    own: list[str] = []
    counted: list[str] = []
    for name in sorted(set(names) | set(parents)):
        seen, current = [name], parents.get(name)
        while current is not None and current not in seen:
            seen.append(current)
            current = parents.get(current)
        own += [name] * len(seen)
        counted += seen
    return own, counted


# dated articles with both group columns (the comparisons' one-scan grouping sets)
_GROUPED_ARTICLES = (
    "a AS (SELECT id, date_trunc(?, make_timestamp(epoch_us(published_at))) AS period, "
    "coalesce(outlet, '(none)') AS outlet, coalesce(language, '(none)') AS language "
    "FROM articles WHERE published_at IS NOT NULL)"
)
_BY = "CASE WHEN grouping(outlet) = 0 THEN 'outlet' ELSE 'language' END"


def _freq(freq: str) -> str:
    if freq not in ("day", "week", "month"):
        raise UsageError(f"unknown frequency {freq!r}", hint="use day, week or month")
    return freq


class TrendQueries:
    """Mixed into Store: series, events and polls."""

    con: duckdb.DuckDBPyConnection
    query: Any
    transaction: Any
    narrative_ancestry: Any
    run_narratives: Any

    # -- trends, event windows and polls (read side) ---------------------------------------
    def _dated_articles(
        self,
        freq: str,
        group: str | None,
        outlets: Sequence[str] | None,
        no_dups: bool,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> tuple[str, list[Any]]:
        """A ``WITH a AS (id, period, grp)`` clause over dated articles, with its parameters.

        ``date_from``/``date_to`` keep articles whose UTC day lies in the range (inclusive).
        """
        if freq not in ("day", "week", "month"):
            raise UsageError(f"unknown frequency {freq!r}", hint="use day, week or month")
        groups = {
            None: "'(all)'",
            "outlet": "coalesce(a.outlet, '(none)')",
            "language": "a.language",
        }
        if group not in groups:
            raise UsageError(f"cannot group articles by {group!r}", hint="use outlet or language")
        where = ["a.published_at IS NOT NULL"]
        params: list[Any] = [freq]
        if no_dups:
            where.append("a.dup_kind IS NULL")
        if outlets:
            where.append("lower(a.outlet) IN (SELECT lower(unnest(?)))")
            params.append(list(outlets))
        # UTC via epoch micros: same result as AT TIME ZONE 'UTC', without an ICU lookup per row
        utc = "make_timestamp(epoch_us(a.published_at))"
        for op, day in ((">=", date_from), ("<=", date_to)):
            if day is not None:
                where.append(f"CAST({utc} AS DATE) {op} ?")
                params.append(day)
        sql = (
            f"WITH a AS (SELECT a.id, date_trunc(?, {utc}) "
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
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> pd.DataFrame:
        """Dated articles and their sentences per (period, grp); ``grp`` is '(all)' ungrouped.

        ``date_from``/``date_to``: only articles of these UTC days (inclusive).
        """
        cte, params = self._dated_articles(
            freq, group, outlets, exclude_duplicates, date_from, date_to
        )
        sql = (
            f"{cte}, s AS (SELECT id AS article_id, len(sentence_starts) AS n FROM articles) "
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
        exact: bool = False,
        parents: Mapping[str, str | None] | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        stances: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Labelled articles and hit rows per (period, grp, detector, narrative) of one run.

        ``stances`` (see :func:`narrascope.store.check_stances`) counts only hits of those
        stances, and as labelled only the articles with such a hit; None counts every hit and
        the run's article labels (all stances).

        A narrative's labels and hits include its sub-narratives' (the sub-narrative rule, see
        :mod:`narrascope.store._listing`), each counted once: an article carrying a narrative
        and one of its sub-narratives is one labelled article, and each hit counts once for its
        own narrative and once for each ancestor. With ``exact``, only the exact label counts
        (labels are then the articles with a hit of that narrative). ``parents``
        (``{narrative: parent}``) replaces the run's recorded hierarchy; ``date_from`` and
        ``date_to`` keep the articles of those UTC days (inclusive).
        """
        cte, params = self._dated_articles(
            freq, group, outlets, exclude_duplicates, date_from, date_to
        )
        where = ["x.run_id = ?"]
        fparams: list[Any] = [run_id]
        for column, values in (("narrative", narratives), ("detector", detectors)):
            if values:
                where.append(f"x.{column} IN (SELECT unnest(?))")
                fparams.append(list(values))
        cond = " AND ".join(where)
        if parents is None:
            own, counted = self.narrative_ancestry(run_id, exact=exact)
        else:
            names = self.run_narratives(run_id, with_codebook=False)
            own, counted = ancestry_pairs(names, {} if exact else parents)
        # labels: exact ones are the articles with a hit of the narrative; otherwise the
        # article labels (which the detectors already propagate to parents), lifted along the
        # hierarchy and made distinct, so a parent counts an article once whatever it carries
        hits, sparams = "hits", []
        if stances:
            hits = f"(SELECT * FROM hits h WHERE {STANCE_SQL.format('h')} IN (SELECT unnest(?)))"
            sparams = [list(stances)]
        labels = hits if exact or stances else "article_labels"
        lparams = sparams if exact or stances else []
        mapped = (
            "(SELECT t.run_id, t.article_id, t.detector, r.counted AS narrative FROM {} t "
            "JOIN (SELECT unnest(?) AS narrative, unnest(?) AS counted) r "
            "ON r.narrative = t.narrative)"
        )
        # each hit counted for its narrative and (unless exact) once for each ancestor
        sql = (
            f"{cte}, x AS (SELECT article_id, detector, narrative, 1 AS lab, 0 AS hit FROM "
            f"(SELECT DISTINCT article_id, detector, narrative FROM {mapped.format(labels)} x "
            f"WHERE {cond}) UNION ALL SELECT article_id, detector, narrative, 0, 1 "
            f"FROM {mapped.format(hits)} x WHERE {cond}) "
            "SELECT a.period, a.grp, x.detector, x.narrative, "
            "CAST(sum(x.lab) AS BIGINT) AS n_labelled, CAST(sum(x.hit) AS BIGINT) AS n_hits "
            "FROM x JOIN a ON a.id = x.article_id GROUP BY ALL ORDER BY ALL"
        )
        return self.query(
            sql,
            [*params, *lparams, own, counted, *fparams, *sparams, own, counted, *fparams],
        )

    def period_group_totals(self, freq: str = "month") -> pd.DataFrame:
        """Dated articles per period and outlet, and per period and language, in one scan:
        ``period, by ('outlet' or 'language'), grp, n_articles``."""
        return self.query(
            f"WITH {_GROUPED_ARTICLES} SELECT period, {_BY} AS by, coalesce(outlet, language) "
            "AS grp, count(*) AS n_articles FROM a "
            "GROUP BY GROUPING SETS ((period, outlet), (period, language)) ORDER BY ALL",
            [_freq(freq)],
        )

    def period_group_labelled(
        self, run_id: str, freq: str = "month", narratives: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Articles carrying each narrative (any detector of the run, parents included as the
        run recorded them; each article once) per period and outlet, and per period and
        language: ``period, by, grp, narrative, n_labelled`` (only counts above 0)."""
        where = "run_id = ?"
        params: list[Any] = [_freq(freq), run_id]
        if narratives is not None:
            where += " AND narrative IN (SELECT unnest(?))"
            params.append(list(narratives))
        return self.query(
            f"WITH {_GROUPED_ARTICLES}, l AS (SELECT DISTINCT article_id, narrative "
            f"FROM article_labels WHERE {where}) "
            f"SELECT period, {_BY} AS by, coalesce(outlet, language) AS grp, narrative, "
            "count(*) AS n_labelled FROM a JOIN l ON l.article_id = a.id "
            "GROUP BY GROUPING SETS ((period, outlet, narrative), (period, language, narrative)) "
            "ORDER BY ALL",
            params,
        )

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

    def outlet_sites(self) -> list[tuple[str, str | None]]:
        """``(outlet, site)`` once per stored outlet and site of its URLs: ``host``, or
        ``host/channel`` for a Telegram link (a source list matches outlets against them)."""
        scheme = "^[A-Za-z][A-Za-z0-9+.-]*://"
        rows = self.con.execute(
            "SELECT DISTINCT outlet, CASE WHEN lower(host) IN ('t.me', 'telegram.me') THEN site "
            "ELSE host END FROM (SELECT outlet, "
            f"nullif(regexp_extract(url, '{scheme}([^/?#]+)', 1), '') AS host, "
            f"regexp_extract(url, '{scheme}([^/?#]+/[^/?#]*)', 1) AS site "
            "FROM articles WHERE outlet IS NOT NULL) ORDER BY ALL"
        ).fetchall()
        return [(str(outlet), str(site) if site else None) for outlet, site in rows]

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
