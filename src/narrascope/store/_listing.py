"""Listings of results (keyword-in-context hits, label summaries) and the checks behind them.

**Sub-narrative rule.** A narrative's counts include its sub-narratives, as article labels do:
``hits --narrative P`` lists the hits of P and of every narrative below P, and hit counts of P
add its sub-narratives' hits. ``exact=True`` restricts every such query to the exact label.
The hierarchy of a run is the codebook's, recorded by :meth:`Store.start_run` (runs recorded
before narrascope kept it count exact labels only).

Listings cut long fields (titles, sentences, evidence) to :data:`LISTING_MAX_CHARS` characters
around the evidence, marked with :data:`CUT_MARK`; the article page and full exports keep the text.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from narrascope.errors import UsageError

__all__ = [
    "CUT_MARK",
    "LISTING_MAX_CHARS",
    "STANCE_SQL",
    "STANCE_VALUES",
    "ListingQueries",
    "check_stances",
    "clip",
    "clip_around",
    "parse_day",
    "unknown_value_error",
]

LISTING_MAX_CHARS = 2_000
CUT_MARK = "…"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARENTS_KEY = "parents:"
# A hit's stance in SQL ({} = the hits alias); runs analysed without actors have none.
STANCE_SQL = "coalesce({}.stance, 'undecided')"
STANCE_VALUES = ("asserted", "attributed", "rejected", "undecided")
_START = "a.sentence_starts[h.sentence_index + 1]"
_END = "a.sentence_ends[h.sentence_index + 1]"


def parse_day(value: str | date | None, option: str) -> date | None:
    """A ``YYYY-MM-DD`` day, or a UsageError naming the bad value and the format."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if not _DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option}: {value!r} is not a valid date", hint="use YYYY-MM-DD, e.g. 2018-11-09"
        ) from None


def check_stances(stances: Iterable[str] | None) -> list[str] | None:
    """Stances to keep, validated and lower-cased (None or empty: all of them).

    Accepts names and comma-separated lists ("asserted,attributed").
    """
    if stances is None:
        return None
    out = [s.strip().lower() for item in stances for s in str(item).split(",") if s.strip()]
    for value in out:
        if value not in STANCE_VALUES:
            raise unknown_value_error("stance", value, STANCE_VALUES, "(stances)")
    return out or None


def unknown_value_error(kind: str, value: str, valid: Iterable[str], where: str) -> UsageError:
    """A UsageError naming ``value`` and listing the valid values, closest match first."""
    choices = sorted({str(v) for v in valid})
    close = difflib.get_close_matches(value, choices, n=len(choices), cutoff=0.5)
    lowered = [c for c in choices if value.casefold() in c.casefold() and c not in close]
    ordered = close + lowered + [c for c in choices if c not in close and c not in lowered]
    shown = ", ".join(ordered[:30]) + (f", … ({len(ordered)} in all)" if len(ordered) > 30 else "")
    return UsageError(f"unknown {kind} {value!r} {where}", hint=f"valid: {shown or 'none'}")


def clip(text: Any, limit: int = LISTING_MAX_CHARS) -> Any:
    """``text`` cut to ``limit`` characters with a marker saying how much was cut."""
    if not isinstance(text, str) or len(text) <= limit:
        return text
    return f"{text[:limit]}{CUT_MARK} [+{len(text) - limit:,} chars]"


def clip_around(text: str, start: int, end: int, limit: int = LISTING_MAX_CHARS) -> tuple[str, int]:
    """``text`` cut to about ``limit`` characters around ``[start, end)``, with markers.

    Returns the clipped text and the shift to subtract from offsets into ``text`` (so that
    ``start - shift`` indexes the same character in the clipped text).
    """
    if len(text) <= limit:
        return text, 0
    lo = max(0, min(start - limit // 4, len(text) - limit))
    hi = min(len(text), lo + limit)
    head = f"[{lo:,} chars]{CUT_MARK}" if lo else ""
    tail = f"{CUT_MARK}[+{len(text) - hi:,} chars]" if hi < len(text) else ""
    return f"{head}{text[lo:hi]}{tail}", lo - len(head)


def clip_sentences(
    frame: pd.DataFrame,
    start: str,
    end: str,
    *,
    offsets: Sequence[str] = (),
    bases: Sequence[str] = (),
) -> None:
    """Clip ``frame.sentence`` (in place) around each row's ``[start, end)``; ``offsets``
    (offsets into the sentence) and ``bases`` (where the sentence starts) follow the cut."""
    if frame.empty or "sentence" not in frame:
        return
    long = frame["sentence"].map(lambda s: isinstance(s, str) and len(s) > LISTING_MAX_CHARS)
    for i in frame.index[long]:
        row: dict[str, Any] = frame.loc[i].to_dict()
        text, shift = clip_around(str(row["sentence"]), int(row[start]), int(row[end]))
        frame.at[i, "sentence"] = text
        for col in offsets:
            frame.at[i, col] = int(row[col]) - shift
        for col in bases:
            frame.at[i, col] = int(row[col]) + shift


def clip_fields(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``frame`` with the given text columns cut by :func:`clip` (in place; also returned)."""
    for col in columns:
        if col in frame and pd.api.types.is_string_dtype(frame[col]):
            frame[col] = frame[col].map(clip)
    return frame


class ListingQueries:
    """Mixed into Store: the run's narrative hierarchy, value checks and listings."""

    con: duckdb.DuckDBPyConnection
    query: Any
    path: Any

    # -- the run's narratives ---------------------------------------------------------------
    def save_run_narratives(self, run_id: str, parents: dict[str, str | None]) -> None:
        """Record a run's narratives and their parents (inside the caller's transaction)."""
        self.con.execute(
            "INSERT OR REPLACE INTO store_meta VALUES (?, ?)",
            [_PARENTS_KEY + run_id, json.dumps(parents, sort_keys=True)],
        )

    def run_parents(self, run_id: str) -> dict[str, str | None]:
        """``{narrative: parent}`` of a run's codebook (empty for runs recorded without it)."""
        row = self.con.execute(
            "SELECT value FROM store_meta WHERE name = ?", [_PARENTS_KEY + run_id]
        ).fetchone()
        return dict(json.loads(row[0])) if row else {}

    def narrative_family(
        self, run_id: str, narratives: Sequence[str], *, exact: bool = False
    ) -> list[str]:
        """``narratives`` and (unless ``exact``) every narrative below them in the run."""
        out = list(dict.fromkeys(narratives))
        if exact:
            return out
        parents = self.run_parents(run_id)
        frontier = list(out)
        while frontier:
            current = frontier.pop()
            children = [n for n, p in parents.items() if p == current and n not in out]
            out.extend(children)
            frontier.extend(children)
        return out

    def narrative_ancestry(
        self, run_id: str, *, exact: bool = False
    ) -> tuple[list[str], list[str]]:
        """Pairs ``(narrative, counted_as)``: itself, and (unless ``exact``) each ancestor."""
        parents = {} if exact else self.run_parents(run_id)
        names = set(parents) | set(self.run_narratives(run_id, with_codebook=False))
        pairs: list[tuple[str, str]] = []
        for name in sorted(names):
            pairs.append((name, name))
            seen, parent = {name}, parents.get(name)
            while parent is not None and parent not in seen:
                pairs.append((name, parent))
                seen.add(parent)
                parent = parents.get(parent)
        return [p[0] for p in pairs], [p[1] for p in pairs]

    def run_narratives(self, run_id: str, *, with_codebook: bool = True) -> list[str]:
        """Narrative ids of a run: those of its codebook (when recorded) and of its labels."""
        found = self.query(
            "SELECT DISTINCT narrative FROM article_labels WHERE run_id = ? UNION "
            "SELECT DISTINCT narrative FROM hits WHERE run_id = ?",
            [run_id, run_id],
        )["narrative"].tolist()
        extra = list(self.run_parents(run_id)) if with_codebook else []
        return sorted(set(found) | set(extra))

    # -- checked filter values ----------------------------------------------------------------
    def check_narrative(self, run_id: str, narrative: str | None) -> None:
        """UsageError (valid ids listed) unless the run knows ``narrative``."""
        if narrative is None:
            return
        valid = self.run_narratives(run_id)
        if narrative not in valid:
            raise unknown_value_error("narrative", narrative, valid, f"in run {run_id}")

    def check_value(self, column: str, value: str | None, run_id: str | None = None) -> str | None:
        """The stored spelling of an ``outlet`` (case-insensitive), ``language`` or
        ``detector`` (of ``run_id``); UsageError listing the valid ones when none matches."""
        if value is None:
            return None
        sql = {
            "outlet": "SELECT DISTINCT coalesce(outlet, '(none)') AS v FROM articles",
            "language": "SELECT DISTINCT language AS v FROM articles",
            "detector": "SELECT DISTINCT detector AS v FROM article_labels WHERE run_id = ? "
            "UNION SELECT DISTINCT detector FROM hits WHERE run_id = ?",
        }[column]
        params = [run_id, run_id] if column == "detector" else []
        valid = [str(v) for v in self.query(sql, params)["v"].dropna()]
        if value in valid:
            return value
        folded = [v for v in valid if v.casefold() == value.casefold()]
        if column == "outlet" and folded:
            return folded[0]
        raise unknown_value_error(column, value, valid, "in the store")

    # -- keyword-in-context hits --------------------------------------------------------------
    def _listing_where(
        self, run_id: str, filters: dict[str, Any], exact: bool
    ) -> tuple[str, list[Any]]:
        conds: list[str] = ["h.run_id = ?"]
        params: list[Any] = [run_id]
        if filters.get("narrative") is not None:
            family = self.narrative_family(run_id, [filters["narrative"]], exact=exact)
            conds.append("h.narrative IN (SELECT unnest(?))")
            params.append(family)
        if filters.get("outlet") is not None:
            conds.append("lower(coalesce(a.outlet, '(none)')) = lower(?)")
            params.append(filters["outlet"])
        for column, key in (("a.language", "language"), ("h.detector", "detector")):
            if filters.get(key) is not None:
                conds.append(f"{column} = ?")
                params.append(filters[key])
        if filters.get("stances"):
            conds.append(f"{STANCE_SQL.format('h')} IN (SELECT unnest(?))")
            params.append(list(filters["stances"]))
        day = "CAST(a.published_at AT TIME ZONE 'UTC' AS DATE)"
        for op, key in ((">=", "date_from"), ("<=", "date_to")):
            value = parse_day(filters.get(key), key)
            if value is not None:
                conds.append(f"{day} {op} ?")
                params.append(value)
        return " AND ".join(conds), params

    def hits_listing(
        self,
        run_id: str,
        *,
        narrative: str | None = None,
        outlet: str | None = None,
        language: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        detector: str | None = None,
        limit: int | None = None,
        exact: bool = False,
        stances: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Hits with their sentence and article (keyword-in-context), newest first.

        ``stances`` keeps hits of those stances (asserted, attributed, rejected, and
        "undecided" for hits of runs without actors); None keeps all. Each row has its
        ``stance``, ``speaker`` and ``actor_id`` (see :mod:`narrascope.actors.stance`).

        ``narrative`` includes its sub-narratives unless ``exact``; ``outlet`` matches
        case-insensitively; dates are UTC days (``YYYY-MM-DD``, inclusive); ``limit=None``
        lists every hit. ``cue_start``/``cue_end`` are offsets of the evidence within
        ``sentence``; long titles, sentences and evidence are cut (see :func:`clip`).
        """
        filters: dict[str, Any] = dict(narrative=narrative, outlet=outlet, language=language)
        filters |= dict(date_from=date_from, date_to=date_to, detector=detector, stances=stances)
        cond, params = self._listing_where(run_id, filters, exact)
        sql = (
            "SELECT h.narrative, a.outlet, a.published_at, a.language, a.title, a.url, "
            "h.article_id, h.sentence_index, h.detector, h.score, h.evidence, "
            f"{STANCE_SQL.format('h')} AS stance, h.speaker, h.actor_id, "
            f"substring(a.text, {_START} + 1, {_END} - {_START}) AS sentence, "
            f"h.char_start - {_START} AS cue_start, h.char_end - {_START} AS cue_end "
            f"FROM hits h JOIN articles a ON a.id = h.article_id WHERE {cond} "
            "ORDER BY a.published_at DESC NULLS LAST, h.article_id, h.sentence_index, "
            "h.char_start, h.detector"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        frame = self.query(sql, params)
        clip_sentences(frame, "cue_start", "cue_end", offsets=["cue_start", "cue_end"])
        return clip_fields(frame, ["title", "evidence", "url"])

    def hits_listing_count(self, run_id: str, *, exact: bool = False, **filters: Any) -> int:
        """How many hits :meth:`hits_listing` would list without a limit."""
        cond, params = self._listing_where(run_id, filters, exact)
        row = self.con.execute(
            f"SELECT count(*) FROM hits h JOIN articles a ON a.id = h.article_id WHERE {cond}",
            params,
        ).fetchone()
        return int(row[0]) if row else 0

    def label_summary(self, run_id: str, *, exact: bool = False) -> pd.DataFrame:
        """Articles carrying each narrative per detector, their share of all articles, and
        the hits counted for it (its sub-narratives' included, as in its labels).

        With ``exact``, only articles and hits of the exact label count.
        """
        if exact:
            source = (
                "SELECT narrative, detector, article_id, count(*) AS n_hits FROM hits "
                "WHERE run_id = ? GROUP BY ALL"
            )
        else:
            source = "SELECT narrative, detector, article_id, n_hits FROM article_labels "
            source += "WHERE run_id = ?"
        return self.query(
            "SELECT narrative, detector, count(DISTINCT article_id) AS articles, "
            "round(count(DISTINCT article_id) * 100.0 / (SELECT count(*) FROM articles), 1) "
            f"AS pct_articles, CAST(sum(n_hits) AS BIGINT) AS hits FROM ({source}) "
            "GROUP BY 1, 2 ORDER BY 1, 2",
            [run_id],
        )

    # -- near-duplicate review ----------------------------------------------------------------
    def minhash_matrix(self) -> tuple[list[str], np.ndarray]:
        """Ids of the articles with a stored MinHash signature and their ``(n, num_perm)``
        uint32 values (canonical articles only; copies are linked to their original)."""
        rows = self.con.execute(
            "SELECT m.article_id, m.signature FROM minhashes m "
            "JOIN articles a ON a.id = m.article_id WHERE a.dup_kind IS NULL ORDER BY 1"
        ).fetchall()
        ids = [str(r[0]) for r in rows]
        blobs = [bytes(r[1]) for r in rows]
        if not blobs or len({len(b) for b in blobs}) != 1:
            return [], np.zeros((0, 0), dtype="<u4")
        matrix = np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), -1)
        return ids, matrix

    def articles_for_review(self, ids: Sequence[str]) -> pd.DataFrame:
        """``id, outlet, title, published_at, text`` of the given articles."""
        return self.query(
            "SELECT id, outlet, title, published_at, text FROM articles "
            "WHERE id IN (SELECT unnest(?)) ORDER BY id",
            [list(ids)],
        )
