"""Schema migrations and the shape of the v2 schema (spans on articles, no growing indexes)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from tests.conftest import make_article

from narrascope.errors import StoreError
from narrascope.ingest import IngestOptions, ingest
from narrascope.ingest.fingerprint import content_hash, signature
from narrascope.store import MIGRATIONS, SCHEMA_VERSION, Store
from narrascope.store._dedup import KIND_ORIGIN, origin_key
from narrascope.text import segment

TEXT = (
    "Talks opened in Moscow on Friday with envoys from nine countries. «Мы готовы», — сказал "
    "посол 😀. The U.S. sent no one, and the host called the absence telling."
)


def _v1_store(path: Path) -> list[tuple]:
    """A store as narrascope wrote it with schema v1; returns its sentence rows."""
    words = TEXT.casefold().split()
    article = replace(make_article(TEXT, language="ru"), content_hash=content_hash(words))
    sentences = segment(article.id, article.text, article.language)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMPTZ)")
    con.execute(MIGRATIONS[0][1])
    con.execute("INSERT INTO schema_version VALUES (1, ?)", [datetime.now(UTC)])
    row = article.as_row()
    row.pop("forwarded_from")  # an article column since v5
    cols = ", ".join(row)
    con.execute(
        f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    rows = [(s.article_id, s.index, s.start, s.end, s.text, s.language) for s in sentences]
    con.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?)", rows)
    sig = signature(words)
    con.execute("INSERT INTO minhashes VALUES (?, ?)", [article.id, sig])
    con.close()
    return rows


def _content_hash() -> str:
    return content_hash(TEXT.casefold().split())


def test_v1_store_migrates_without_losing_sentences(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    rows = _v1_store(path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
        migrated = store.con.execute(
            "SELECT * FROM sentences ORDER BY article_id, sentence_index"
        ).fetchall()
        assert migrated == rows and len(rows) == 3
        assert store.count("minhashes") == 1
        assert store.lsh_layout() is None
        assert store.existing_article_ids([rows[0][0], "nope"]) == {rows[0][0]}
        assert store.canonical_ids([_content_hash()]) == {_content_hash(): rows[0][0]}
        assert store.stats()["totals"]["sentences"][0] == 3


def test_a_migrated_store_still_finds_copies_of_its_old_articles(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _v1_store(path)
    corpus = tmp_path / "copies.jsonl"
    exact = {"text": TEXT, "outlet": "Other Wire", "language": "ru"}
    near = {"text": TEXT + " More soon.", "outlet": "Third Wire", "language": "ru"}
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (exact, near)))
    with Store(path) as store:
        summary = ingest([corpus], store, options=IngestOptions(workers=1))
        assert (summary.totals.exact_duplicates, summary.totals.near_duplicates) == (1, 1)
        assert store.lsh_layout() is not None


def test_sentence_view_slices_text_like_python(store: Store) -> None:
    article = make_article(TEXT)
    sentences = segment(article.id, article.text, "en")
    store.write_articles([article], sentences)
    got = store.con.execute("SELECT text FROM sentences ORDER BY sentence_index").fetchall()
    assert [r[0] for r in got] == [s.text for s in sentences]
    assert "😀" in got[1][0]
    assert store.count("sentences") == len(sentences) == 3


def test_no_index_or_key_grows_with_the_corpus(store: Store) -> None:
    """DuckDB holds ART indexes wholly in memory: none on tables that grow with articles."""
    growing = ("articles", "minhashes", "lookup_keys", "hits", "article_labels")
    indexes = store.con.execute(
        "SELECT table_name FROM duckdb_indexes() WHERE table_name IN (SELECT unnest(?))",
        [list(growing)],
    ).fetchall()
    keys = store.con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type IN "
        "('PRIMARY KEY', 'UNIQUE') AND table_name IN (SELECT unnest(?))",
        [list(growing)],
    ).fetchall()
    assert (indexes, keys) == ([], [])


def test_reingest_writes_no_second_row_anywhere(tmp_path: Path, store: Store) -> None:
    corpus = tmp_path / "c.jsonl"
    words = " ".join(f"word{i}" for i in range(40))
    corpus.write_text(
        f'{{"text": "{words}"}}\n{{"text": "{words} more"}}\n{{"text": "{words}", "url": "u"}}\n',
        encoding="utf-8",
    )
    tables = ("articles", "minhashes", "lookup_keys")

    def counts() -> list[int]:
        return [int(store.query(f"SELECT count(*) AS n FROM {t}")["n"][0]) for t in tables]

    ingest([corpus], store, options=IngestOptions(workers=1))
    first = counts()
    ingest([corpus], store, options=IngestOptions(workers=1))
    assert counts() == first and first[0] == 3


def test_opening_an_old_store_read_only_migrates_it_first(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    rows = _v1_store(path)
    with Store(path, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.count("sentences") == len(rows)


def test_a_foreign_duckdb_file_is_refused_read_only(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not a narrascope store"):
        Store(path, read_only=True)


def test_migration_keys_the_origin_of_old_articles_as_ingest_does(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _v1_store(path)
    with Store(path) as store:
        article = store.query("SELECT id, source_path, raw_sha256 FROM articles").iloc[0]
        keys = store.query(f"SELECT key, article_id FROM lookup_keys WHERE kind = {KIND_ORIGIN}")
    expected = origin_key(str(article["source_path"]), str(article["raw_sha256"]))
    assert keys.values.tolist() == [[expected, article["id"]]]
