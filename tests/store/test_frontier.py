"""The crawl frontier table: listing, marking and counting pages; old stores gain it."""

from __future__ import annotations

from pathlib import Path

import duckdb

from narrascope.store import MIGRATIONS, Store


def test_add_keeps_the_first_listing_and_mark_counts_attempts(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.frontier_add("wayback a*", [("http://a/1", "{}"), ("http://a/2", "{}")]) == 2
        assert (
            store.frontier_add("gdelt q", [("http://a/1", '{"x": 1}'), ("http://b/1", "{}")]) == 1
        )
        store.frontier_mark([("http://a/1", "done", None), ("http://b/1", "failed", "HTTP 500")])
        store.frontier_mark([("http://b/1", "failed", "timed out")])
        rows = store.frontier_rows(["http://b/1", "http://a/1", "http://zz/9"])
        by_url = {r.url: r for r in rows.itertuples()}
        assert set(by_url) == {"http://a/1", "http://b/1"}
        assert by_url["http://a/1"].source == "wayback a*" and by_url["http://a/1"].listed == "{}"
        assert by_url["http://b/1"].attempts == 2 and by_url["http://b/1"].last_error == "timed out"
        counts = store.frontier_counts()
        assert counts.to_dict("records") == [
            {"source": "gdelt q", "status": "failed", "pages": 1},
            {"source": "wayback a*", "status": "done", "pages": 1},
            {"source": "wayback a*", "status": "pending", "pages": 1},
        ]
        assert store.count("frontier") == 3


def test_a_store_from_before_the_frontier_gains_it(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMPTZ)")
    for version, sql in MIGRATIONS:
        if "frontier" in sql:
            break
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
    con.close()
    with Store(path) as store:
        assert store.frontier_add("sitemap s", [("http://a/1", "{}")]) == 1
    with Store(path, read_only=True) as store:
        assert store.count("frontier") == 1
