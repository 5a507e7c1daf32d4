"""The ingest runner: dispatch, ids, dedup, sentences, batches, idempotence, bad inputs."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from narrascope.config import load_config
from narrascope.ingest import IngestOptions, _pipeline, exit_code, expand_sources, ingest
from narrascope.ingest._article import Draft, Prepared, PrepareParams, article_id, prepare
from narrascope.ingest._pipeline import BatchWriter, SourceSummary
from narrascope.ingest.dedup import Deduplicator
from narrascope.store import Store

WriteFile = Callable[[str, str | bytes], Path]
TABLES = ("articles", "sentences", "minhashes", "rejected")


def _options(**overrides: Any) -> IngestOptions:
    config = dict(load_config(None))
    config.update(overrides.pop("config", {}))
    return IngestOptions(workers=1, config=config, **overrides)


def _counts(store: Store) -> dict[str, int]:
    return {table: store.count(table) for table in TABLES}


def test_jsonl_end_to_end(ingest_data: Path, store: Store) -> None:
    summary = ingest([ingest_data / "articles.jsonl"], store, options=_options())
    totals = summary.totals
    assert (totals.read, totals.stored, totals.rejected) == (6, 6, 0)
    assert (totals.exact_duplicates, totals.near_duplicates) == (1, 1)
    assert summary.ok and exit_code(summary) == 0
    articles = store.query("SELECT * FROM articles ORDER BY url").set_index("url")
    lavrov = articles.loc["https://example.org/en/1"]
    assert lavrov["language"] == "en"
    assert lavrov["id"] == article_id(
        "Global Wire", "https://example.org/en/1", lavrov["title"], lavrov["text"]
    )
    assert len(lavrov["id"]) == 20 and len(lavrov["content_hash"]) == 64
    assert articles.loc["https://example.org/ru/2", "language"] == "ru"
    wire = articles.loc["https://example.org/wire/3"]
    assert wire["dup_kind"] == "exact"
    assert wire["canonical_id"] == articles.loc["https://example.org/en/3", "id"]
    herald = articles.loc["https://example.org/herald/4"]
    assert herald["dup_kind"] == "near"
    assert herald["canonical_id"] == articles.loc["https://example.org/en/4", "id"]
    assert store.count("minhashes") == 4  # canonicals only


def test_sentence_offsets_are_exact(ingest_data: Path, store: Store) -> None:
    ingest([ingest_data / "articles.jsonl"], store, options=_options())
    rows = store.query(
        "SELECT a.text AS article, s.char_start, s.char_end, s.text, s.language, a.language AS al "
        "FROM sentences s JOIN articles a ON a.id = s.article_id"
    )
    assert len(rows) >= 12
    for row in rows.itertuples():
        assert row.article[row.char_start : row.char_end] == row.text
        assert row.language == row.al
    first = store.query(
        "SELECT s.text FROM sentences s JOIN articles a ON a.id = s.article_id "
        "WHERE a.url = 'https://example.org/en/1' ORDER BY sentence_index"
    )
    assert list(first["text"].iloc[:2]) == [
        "Lavrov meets U.S. envoys in Geneva",  # the title is the first paragraph
        "Foreign Minister Sergei Lavrov met U.S. envoys in Geneva on Monday.",
    ]


def test_reingest_is_idempotent(ingest_data: Path, store: Store) -> None:
    sources = [ingest_data / "articles.jsonl", ingest_data / "malformed.jsonl"]
    first = ingest(sources, store, options=_options())
    counts = _counts(store)
    second = ingest(sources, store, options=_options())
    assert _counts(store) == counts
    assert second.totals.stored == 0
    assert second.totals.already_stored == first.totals.stored
    assert second.totals.rejected == first.totals.rejected
    assert exit_code(second) == 0


def test_bad_records_are_counted_stored_and_skipped(ingest_data: Path, store: Store) -> None:
    path = ingest_data / "malformed.jsonl"
    summary = ingest([path], store, options=_options())
    (source,) = summary.sources
    assert (source.read, source.stored, source.rejected) == (7, 3, 4)
    assert source.examples[0].startswith(f"{path}:2: invalid JSON")
    rejected = store.query("SELECT line, reason FROM rejected ORDER BY line")
    assert list(rejected["line"]) == [2, 4, 5, 6]


def test_folder_glob_and_overrides(ingest_data: Path, store: Store) -> None:
    texts = ingest_data / "texts"
    options = _options(globs=["**/*.md"], language="ru", outlet="Override")
    summary = ingest([texts], store, options=options)
    assert [Path(s.source).name for s in summary.sources] == ["a.md", "c.md"]
    frame = store.query("SELECT DISTINCT language, outlet FROM articles ORDER BY outlet")
    # a record's own outlet (a.md's front matter) wins; --outlet fills the others
    assert frame.to_dict("records") == [
        {"language": "ru", "outlet": "Daily Ledger"},
        {"language": "ru", "outlet": "Override"},
    ]


def test_folder_without_glob_takes_known_extensions(ingest_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(ingest_data / "texts", folder)
    (folder / ".hidden.txt").write_text("Hidden file text.", encoding="utf-8")
    names = [Path(p).name for p in expand_sources([folder])]
    assert names == ["a.md", "b.txt", "c.md"]


def test_dispatch_by_content_for_unknown_extensions(
    ingest_data: Path, tmp_path: Path, store: Store
) -> None:
    jsonl = tmp_path / "export.data"
    jsonl.write_bytes((ingest_data / "articles.jsonl").read_bytes())
    rss = tmp_path / "feed.download"
    rss.write_bytes((ingest_data / "feed.xml").read_bytes())
    summary = ingest([jsonl, rss], store, options=_options())
    assert [s.stored for s in summary.sources] == [6, 2]
    extractors = set(store.query("SELECT DISTINCT extractor FROM articles")["extractor"])
    assert extractors == {"jsonl", "feed"}


def test_mixed_sources_one_bad_file_does_not_stop_the_rest(
    ingest_data: Path, write_file: WriteFile, store: Store
) -> None:
    empty = write_file("empty.jsonl", b"")
    binary = write_file("blob.txt", b"\x00\x01binary\x00")
    sources = [empty, binary, ingest_data / "articles.jsonl", ingest_data / "feed.xml"]
    summary = ingest(sources, store, options=_options())
    assert summary.errors == [
        f"{empty}: empty file — nothing to ingest",
        f"{binary}: binary file (contains NUL bytes), not text",
    ]
    assert [s.stored for s in summary.sources] == [0, 0, 6, 2]
    assert [s.rejected for s in summary.sources] == [1, 1, 0, 1]
    assert summary.ok and exit_code(summary) == 0
    reasons = set(store.query("SELECT reason FROM rejected")["reason"])
    assert f"{empty}: empty file — nothing to ingest" in reasons


def test_csv_with_mapping_flags(ingest_data: Path, store: Store) -> None:
    mapping = {"text": "body", "title": "headline", "date": "date", "url": "link"}
    options = _options(mapping=mapping | {"outlet": "source"})
    summary = ingest([ingest_data / "articles.csv"], store, options=options)
    assert (summary.totals.stored, summary.totals.rejected) == (3, 1)
    outlets = sorted(store.query("SELECT outlet FROM articles")["outlet"])
    assert outlets == ["Harbour Times", "Harbour Times", "Лента дня"]


def test_csv_missing_mapped_column_fails_that_source(ingest_data: Path, store: Store) -> None:
    path = ingest_data / "articles.csv"
    summary = ingest([path], store, options=_options(mapping={"text": "content"}))
    (source,) = summary.sources
    assert source.error is not None
    assert source.error.startswith(f"{path}:1: column 'content' (the text column)")
    assert "headline, body, date, link, source" in source.error
    assert not summary.ok and exit_code(summary) == 3


def test_unknown_and_undetermined_languages_are_stored(write_file: WriteFile, store: Store) -> None:
    lines = [
        {"text": "Talks resumed in Geneva on Monday.", "language": "xx-Latn"},
        {"text": "12345 67890 !!!"},
    ]
    path = write_file("lang.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    ingest([path], store, options=_options())
    languages = sorted(store.query("SELECT language FROM articles")["language"])
    assert languages == ["und", "xx-latn"]


def test_batches_are_separate_transactions(
    ingest_data: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    original = Store.append_articles

    def crash_on_third(self: Store, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        original(self, *args, **kwargs)

    options = _options(config={"ingest.batch_size": 2})
    monkeypatch.setattr(Store, "append_articles", crash_on_third)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ingest([ingest_data / "articles.jsonl"], store, options=options)
    assert store.count("articles") == 4  # two committed batches survive
    monkeypatch.setattr(Store, "append_articles", original)
    resumed = ingest([ingest_data / "articles.jsonl"], store, options=options)
    assert (resumed.totals.already_stored, resumed.totals.stored) == (4, 2)
    assert store.count("articles") == 6
    dups = store.query("SELECT dup_kind FROM articles WHERE dup_kind IS NOT NULL")
    kinds = sorted(dups["dup_kind"])
    assert kinds == ["exact", "near"]


def test_worker_processes_give_the_same_result(
    ingest_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = (ingest_data / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    with corpus.open("w", encoding="utf-8") as out:
        for copy in range(40):  # 240 records, many exact/near duplicates across copies
            for line in lines:
                record = json.loads(line)
                record["url"] = f"{record['url']}?copy={copy}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    results = []
    for workers in (1, 2):
        monkeypatch.setattr(_pipeline, "PARALLEL_MIN_BYTES", 0)
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            options = _options(config={"ingest.batch_size": 50})
            options.workers = workers
            ingest([corpus], store, options=options)
            results.append(
                store.query(
                    "SELECT id, canonical_id, dup_kind, language, content_hash FROM articles "
                    "ORDER BY id"
                )
            )
    assert results[0].equals(results[1])
    assert results[0]["dup_kind"].notna().sum() == 240 - 4  # 4 canonical texts


@pytest.mark.network
def test_feed_url_with_fetched_pages(http_server: Any, store: Store) -> None:
    page = (
        "<html><body><article><h1>Talks in Geneva</h1><p>"
        + "The ministers met in Geneva and agreed to continue the talks next month. " * 6
        + "</p></article></body></html>"
    ).encode()
    http_server.add("/a", page)
    http_server.add("/b", b"down", status=500)
    items = "".join(
        f"<item><title>{p}</title><link>{http_server.url(p)}</link>"
        f"<description>Feed text for {p}, a short summary of the talks.</description></item>"
        for p in ("/a", "/b")
    )
    feed = f'<rss version="2.0"><channel><title>Local</title>{items}</channel></rss>'.encode()
    url = http_server.add("/feed.xml", feed, content_type="application/rss+xml")
    config = {"fetch.retries": 0, "fetch.timeout": 2.0}
    summary = ingest([url], store, options=_options(fetch_articles=True, config=config))
    (source,) = summary.sources
    assert (source.read, source.stored, source.rejected) == (2, 2, 1)
    assert "HTTP 500" in source.examples[0] and http_server.url("/b") in source.examples[0]
    texts = store.query("SELECT url, extractor, text FROM articles ORDER BY url")
    assert list(texts["extractor"]) == ["trafilatura", "feed"]
    assert texts["text"].iloc[1].startswith("/b\n\nFeed text for /b")  # title, then text
    assert all(agent.startswith("narrascope/") for _, agent in http_server.hits)


def test_writer_finishes_the_batch_in_flight_but_flushes_nothing_after_an_error(
    store: Store,
) -> None:
    params = PrepareParams()
    drafts = [
        Draft(f"Talks number {i} opened in Moscow on Friday.", "t", i, str(i), "test")
        for i in range(3)
    ]
    summary = SourceSummary("t")
    with (
        pytest.raises(KeyboardInterrupt),
        BatchWriter(store, Deduplicator.from_store(store), 2) as writer,
    ):
        for draft in drafts:
            result = prepare(draft, params)
            assert isinstance(result, Prepared)
            writer.add(result, summary)
        raise KeyboardInterrupt
    assert store.count("articles") == 2 == summary.stored
