"""The crawl frontier: pages a crawl listed, with their status, so a rerun resumes.

One row per URL (the first source that listed it owns it): ``status`` is ``pending`` (listed,
not yet fetched, or put back because its site rate-limited the run), ``done`` (stored, or
already stored), ``failed`` (a network or server error: retried by the next run while
``attempts`` is below the cap), ``gone`` (HTTP 4xx), ``disallowed`` (by robots.txt; fetched by
a run that ignores it) or ``rejected`` (fetched, but no article in it). ``listed`` keeps what
the listing said about the page (JSON: title, dates, outlet).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from narrascope.store._convert import _now

if TYPE_CHECKING:
    import duckdb

__all__ = ["FrontierQueries"]


class FrontierQueries:
    """Frontier reads and writes (mixed into :class:`~narrascope.store.Store`)."""

    con: duckdb.DuckDBPyConnection

    def _check_writable(self) -> None:  # provided by Store
        raise NotImplementedError

    def frontier_add(self, source: str, pages: Sequence[tuple[str, str]]) -> int:
        """List ``(url, listed_json)`` pages under ``source``; URLs already in the frontier
        (from any source) are left as they are. Returns how many were new."""
        self._check_writable()
        if not pages:
            return 0
        now = _now()
        frame = pd.DataFrame(list(dict(pages).items()), columns=["url", "listed"])
        self.con.register("_listed", frame)
        try:
            before = self._frontier_size()
            self.con.execute(
                "INSERT INTO frontier SELECT l.url, ?, 'pending', 0, NULL, l.listed, ?, ? "
                "FROM _listed l ANTI JOIN frontier f ON f.url = l.url",
                [source, now, now],
            )
            return self._frontier_size() - before
        finally:
            self.con.unregister("_listed")

    def _frontier_size(self) -> int:
        rows = self.con.execute("SELECT count(*) FROM frontier").fetchall()
        return int(rows[0][0])

    def frontier_rows(self, urls: Sequence[str]) -> pd.DataFrame:
        """``url, source, status, attempts, last_error, listed`` of these URLs (those known)."""
        frame = pd.DataFrame({"url": list(dict.fromkeys(urls))})
        self.con.register("_wanted", frame)
        try:
            return self.con.execute(
                "SELECT f.url, f.source, f.status, f.attempts, f.last_error, f.listed "
                "FROM frontier f SEMI JOIN _wanted w ON f.url = w.url ORDER BY f.added_at, f.url"
            ).df()
        finally:
            self.con.unregister("_wanted")

    def frontier_mark(self, results: Sequence[tuple[str, str, str | None]]) -> None:
        """Record ``(url, status, error)`` of fetched pages: one more attempt each, except
        pages put back to ``pending`` (not tried: a host's rate limit stopped them)."""
        self._check_writable()
        if not results:
            return
        frame = pd.DataFrame(list(results), columns=["url", "status", "error"])
        self.con.register("_marks", frame)
        try:
            self.con.execute(
                "UPDATE frontier SET status = m.status, attempts = frontier.attempts"
                " + CASE WHEN m.status = 'pending' THEN 0 ELSE 1 END, "
                "last_error = m.error, updated_at = ? FROM _marks m WHERE frontier.url = m.url",
                [_now()],
            )
        finally:
            self.con.unregister("_marks")

    def frontier_counts(self, source: str | None = None) -> pd.DataFrame:
        """Pages per source and status (all sources when ``source`` is None)."""
        where, params = ("WHERE source = ?", [source]) if source else ("", [])
        return self.con.execute(
            f"SELECT source, status, count(*) AS pages FROM frontier {where} "
            "GROUP BY source, status ORDER BY source, status",
            params,
        ).df()
