"""Issue 16: one bad record never crashes an ingest, rows never vanish, text is decoded right,
dates are found and kept plausible, titles and outlets are handled alike for every source."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from narrascope.errors import FetchError, InputError
from narrascope.ingest import IngestOptions, ingest
from narrascope.ingest._article import Draft
from narrascope.ingest._http import FetchSettings, fetch
from narrascope.ingest.csvfile import read_csv
from narrascope.ingest.feeds import site_name
from narrascope.ingest.files import ReadOptions, read_jsonl
from narrascope.records import Rejected
from narrascope.store import Store

WriteFile = Callable[[str, str | bytes], Path]
RUSSIAN = "Министр иностранных дел России заявил, что переговоры продолжатся."


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "t.duckdb") as opened:
        yield opened


def _options(**kwargs: object) -> IngestOptions:
    return IngestOptions(workers=1, **kwargs)  # type: ignore[arg-type]


def _jsonl(*records: dict[str, object] | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# -- item 14: one bad record is one rejection ----------------------------------------------------
BAD_LINES = {
    "surrogate": '{"text": "bad \\ud800 text"}',
    "deep": '{"text": "x", "a": ' + "[" * 995 + "]" * 995 + "}",
    "long-date": '{"text": "x", "published_at": ' + "9" * 400 + "}",
    "huge-int": '{"text": "x", "n": ' + "9" * 4400 + "}",
}


@pytest.mark.parametrize("kind", sorted(BAD_LINES))
def test_one_bad_jsonl_record_is_one_rejection(
    kind: str, write_file: WriteFile, store: Store
) -> None:
    good = {"text": "A good article about the talks in Geneva."}
    bad = write_file("bad.jsonl", _jsonl(good, BAD_LINES[kind], {"text": "Another good one."}))
    other = write_file("other.jsonl", _jsonl({"text": "The other file is stored too."}))
    summary = ingest([bad, other], store, options=_options())
    first, second = summary.sources
    assert (first.read, first.stored, first.rejected, first.error) == (3, 2, 1, None)
    assert first.examples[0].startswith(f"{bad}:2: ")
    assert second.stored == 1
    assert store.query("SELECT line FROM rejected")["line"].tolist() == [2]


def test_parquet_timestamp_out_of_range_is_one_rejection(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "ts.parquet"
    dates = pa.array([0, 2**62, 10**15], pa.timestamp("us"))
    pq.write_table(
        pa.table({"text": ["One text.", "Two text.", "Three."], "published_at": dates}), path
    )
    (source,) = ingest([path], store, options=_options()).sources
    assert (source.read, source.stored, source.rejected) == (3, 2, 1)
    assert "row 2" in source.examples[0] and "published_at" in source.examples[0]


def test_surrogate_in_a_key_named_by_the_rejection_is_stored(
    write_file: WriteFile, store: Store
) -> None:
    path = write_file("k.jsonl", '{"\\ud800": "no text field"}\n{"text": "Fine."}\n')
    (source,) = ingest([path], store, options=_options()).sources
    assert (source.read, source.stored, source.rejected) == (2, 1, 1)
    assert store.query("SELECT line FROM rejected")["line"].tolist() == [1]


def test_feed_with_a_broken_link_is_read(write_file: WriteFile, store: Store) -> None:
    feed = (
        '<rss version="2.0"><channel><title>W | region</title><link>http://[broken/</link>'
        "<item><title>T</title><description>The talks went on.</description></item>"
        "</channel></rss>"
    )
    (source,) = ingest([write_file("b.rss", feed)], store, options=_options()).sources
    assert (source.stored, source.error) == (1, None)


# -- item 11: CSV rows never vanish -------------------------------------------------------------
def test_unclosed_csv_quote_rejects_its_line_and_reads_the_rest(write_file: WriteFile) -> None:
    path = write_file("q.csv", 'text,title\nfirst row,a\n"never closed,b\nthird row,c\nfourth,d\n')
    items = list(read_csv(path))
    drafts = [i for i in items if isinstance(i, Draft)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [d.text for d in drafts] == ["first row", "third row", "fourth"]
    assert [(r.line, "unclosed quote" in r.reason) for r in rejected] == [(3, True)]


def test_bad_line_inside_a_csv_row_is_counted_once(write_file: WriteFile) -> None:
    path = write_file("b.csv", b'text,title\nok,a\n\xff\xfe\x81\n"x\ry",b\nlast,c\n')
    items = list(read_csv(path))
    lines = [i.line for i in items if isinstance(i, Rejected)]
    assert len(lines) == len(set(lines))  # one rejection per line: none overwrites another
    assert [i.text for i in items if isinstance(i, Draft)][-1] == "last"


def test_csv_header_with_a_stray_carriage_return_is_an_input_error(
    write_file: WriteFile,
) -> None:
    path = write_file("h.csv", b"te\rxt,title\nok,a\n")
    with pytest.raises(InputError, match="invalid CSV header"):
        list(read_csv(path))


def test_whitespace_only_csv_rows_are_rejected_not_skipped(write_file: WriteFile) -> None:
    path = write_file("w.csv", "text,title\nfine,ok\n   \n , \n\nlast,ok\n")
    items = list(read_csv(path))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [r.line for r in rejected] == [3, 4]
    assert all("blank row" in r.reason for r in rejected)
    assert sum(isinstance(i, Draft) for i in items) == 2


# -- item 12: a cp1251 line among UTF-8 lines -------------------------------------------------
def test_jsonl_with_one_cp1251_line_decodes_per_line(write_file: WriteFile) -> None:
    utf8 = [json.dumps({"text": f"{RUSSIAN} {n}"}, ensure_ascii=False).encode() for n in range(3)]
    cp1251 = json.dumps({"text": RUSSIAN}, ensure_ascii=False).encode("cp1251")
    garbage = b'{"text": "\xff\xfe\x81\x83\x98 x"}'
    path = write_file("mixed.jsonl", b"\n".join([utf8[0], cp1251, utf8[1], garbage, utf8[2]]))
    options = ReadOptions()
    items = list(read_jsonl(path, options))
    drafts = [i for i in items if isinstance(i, Draft)]
    assert [d.line for d in drafts] == [1, 2, 3, 5]
    assert drafts[1].text == RUSSIAN
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    assert rejected.line == 4 and "not valid utf-8" in rejected.reason
    assert options.notes.warnings == ["line 2 is not UTF-8; read it as cp1251"]


# -- item 10: short Cyrillic single-byte files, a BOM before <html> --------------------------
@pytest.mark.parametrize("codec", ["koi8_r", "mac_cyrillic", "cp1251"])
def test_short_cyrillic_file_is_read_as_russian(
    codec: str, write_file: WriteFile, store: Store
) -> None:
    path = write_file(f"short-{codec}.txt", "Переговоры продолжатся завтра".encode(codec))
    ingest([path], store, options=_options())
    row = store.query("SELECT text, language FROM articles").iloc[0]
    assert (row["text"], row["language"]) == ("Переговоры продолжатся завтра", "ru")


def test_bom_html_without_extension_is_read_as_html(write_file: WriteFile, store: Store) -> None:
    page = (
        "<html><head><title>T</title></head><body><article><h1>Talks in Geneva</h1>"
        "<p>The foreign ministers met in Geneva on Monday and talked for many hours about "
        "the treaty and the sanctions, the statement said afterwards.</p></article></body></html>"
    )
    path = write_file("page", b"\xef\xbb\xbf" + page.encode())
    ingest([path], store, options=_options())
    text = store.query("SELECT text FROM articles")["text"].iloc[0]
    assert "foreign ministers met" in text and "<p>" not in text and "<html" not in text


# -- item 3: date keys, warnings, re-ingest updates --------------------------------------------
@pytest.mark.parametrize("key", ["date", "pubDate", "published", "datetime", "created_at"])
def test_common_date_keys_are_recognised(key: str, write_file: WriteFile, store: Store) -> None:
    path = write_file("d.jsonl", _jsonl({"text": "Talks went on.", key: "2018-11-26"}))
    ingest([path], store, options=_options())
    stored = store.query("SELECT published_at FROM articles")["published_at"].iloc[0]
    assert stored.year == 2018


def test_csv_date_column_named_timestamp_is_recognised(write_file: WriteFile) -> None:
    path = write_file("d.csv", "text,timestamp\nTalks went on.,1543228200\n")
    (draft,) = list(read_csv(path))
    assert isinstance(draft, Draft) and draft.published_at is not None


def test_undated_records_are_warned_about_with_the_keys_seen(
    write_file: WriteFile, store: Store
) -> None:
    path = write_file(
        "u.jsonl", _jsonl({"text": "One.", "when": "x"}, {"text": "Two.", "when": "y"})
    )
    summary = ingest([path], store, options=_options())
    (warning,) = summary.warnings
    assert "2 of 2 articles have no date" in warning and "keys seen: text, when" in warning
    assert "--date-col" in warning


def test_reingest_with_a_date_mapping_updates_stored_dates(
    write_file: WriteFile, store: Store
) -> None:
    records = [{"text": f"Article {n} text.", "when": f"2018-11-2{n}"} for n in range(3)]
    path = write_file("w.jsonl", _jsonl(*records))
    ingest([path], store, options=_options())
    assert store.query("SELECT count(published_at) AS n FROM articles")["n"].iloc[0] == 0
    summary = ingest([path], store, options=_options(mapping={"date": "when"}))
    (source,) = summary.sources
    assert (source.already_stored, source.updated) == (3, 3)
    assert any("updated the date, outlet or url of 3" in w for w in summary.warnings)
    assert store.query("SELECT count(published_at) AS n FROM articles")["n"].iloc[0] == 3


def test_reingest_with_an_outlet_and_url_mapping_updates_the_stored_articles(
    write_file: WriteFile, store: Store
) -> None:
    records = [
        {"body": f"Story {n} about the talks.", "site": "TASS", "link": f"https://t.ru/{n}"}
        for n in range(3)
    ]
    path = write_file("m.jsonl", _jsonl(*records))
    ingest([path], store, options=_options(mapping={"text": "body"}))
    mapping = {"text": "body", "outlet": "site", "url": "link"}
    summary = ingest([path], store, options=_options(mapping=mapping))
    (source,) = summary.sources
    assert (source.stored, source.already_stored, source.updated) == (0, 3, 3)
    rows = store.query("SELECT outlet, url FROM articles ORDER BY url")
    assert list(rows["outlet"]) == ["TASS"] * 3
    assert list(rows["url"]) == [f"https://t.ru/{n}" for n in range(3)]
    again = ingest([path], store, options=_options(mapping=mapping))
    assert (again.sources[0].already_stored, again.sources[0].updated) == (3, 0)


def test_reingest_with_a_new_title_mapping_warns_instead_of_replacing(
    write_file: WriteFile, store: Store
) -> None:
    record = {"text": "A long story about the talks in Moscow today.", "head": "Talks"}
    path = write_file("t.jsonl", _jsonl(record))
    ingest([path], store, options=_options())
    summary = ingest([path], store, options=_options(mapping={"title": "head"}))
    assert any("different text than when first stored" in w for w in summary.warnings)
    assert store.count("articles") == 2


# -- item 7: the title is analysed for every source --------------------------------------------
def test_title_is_the_first_paragraph_for_jsonl_csv_and_markdown(
    write_file: WriteFile, store: Store
) -> None:
    record = {"text": "Body of the article.", "title": "Headline here"}
    sources = [
        write_file("a.jsonl", _jsonl(record)),
        write_file("b.csv", "text,title\nBody of the article.,Headline here\n"),
        write_file("c.md", "# Headline here\n\nBody of the article.\n"),
    ]
    ingest(sources, store, options=_options(outlet="X"))
    texts = store.query("SELECT text, title FROM articles")
    assert set(texts["text"]) == {"Headline here\n\nBody of the article."}
    assert set(texts["title"]) == {"Headline here"}


# -- item 8: outlet precedence and feed site names ----------------------------------------------
def test_record_outlet_wins_over_the_outlet_option(write_file: WriteFile, store: Store) -> None:
    path = write_file("o.jsonl", _jsonl({"text": "One.", "outlet": "Own"}, {"text": "Two."}))
    ingest([path], store, options=_options(outlet="Default"))
    outlets = sorted(store.query("SELECT outlet FROM articles")["outlet"])
    assert outlets == ["Default", "Own"]


def test_feed_channel_title_is_not_the_outlet(write_file: WriteFile, store: Store) -> None:
    feed = (
        '<rss version="2.0"><channel><title>Kabul Courier | Afghanistan and the region</title>'
        "<link>https://www.kabulcourier.example/region</link><item><title>Talks</title>"
        "<description>The talks went on for hours.</description></item></channel></rss>"
    )
    ingest([write_file("f.rss", feed)], store, options=_options())
    assert store.query("SELECT outlet FROM articles")["outlet"].tolist() == ["Kabul Courier"]


def test_site_name_prefers_the_host_when_no_part_names_it() -> None:
    assert site_name("Afghanistan | all stories", "https://news.example.org/x") == (
        "news.example.org"
    )
    assert site_name("Global Wire", None) == "Global Wire"


# -- item 21: implausible dates ------------------------------------------------------------------
def test_implausible_dates_are_rejected(write_file: WriteFile, store: Store) -> None:
    records = [
        {"text": "Ancient.", "date": "0001-01-01"},
        {"text": "Far future.", "date": "9999-12-31"},
        {"text": "Fine.", "date": "2018-11-26"},
    ]
    path = write_file("y.jsonl", _jsonl(*records))
    (source,) = ingest([path], store, options=_options()).sources
    assert (source.stored, source.rejected) == (1, 2)
    assert "implausible date 0001-01-01" in source.examples[0]
    config = {"ingest.min_year": 1, "ingest.max_year": 9999}
    wide = _options(config={**_defaults(), **config})
    (again,) = ingest([path], store, options=wide).sources
    assert again.stored == 2


def _defaults() -> dict[str, object]:
    from narrascope.config import load_config

    return load_config()


# -- item 17: capped downloads and records -------------------------------------------------------
def test_feed_download_over_the_cap_stops_with_a_clear_error(http_server: object) -> None:
    url = http_server.add("/big.xml", b"<rss>" + b"x" * 300_000, content_type="text/xml")  # type: ignore[attr-defined]
    settings = FetchSettings(retries=0, max_bytes=100_000)
    with pytest.raises(FetchError, match=r"over ingest\.max_file_mb"):
        fetch(url, settings)


def test_a_record_over_the_cap_is_rejected_and_the_rest_read(write_file: WriteFile) -> None:
    big = json.dumps({"text": "word " * 60_000})
    path = write_file("big.jsonl", _jsonl({"text": "Small one."}, big, {"text": "After it."}))
    items = list(read_jsonl(path, ReadOptions(max_record_mb=0.1)))
    assert [i.line for i in items if isinstance(i, Draft)] == [1, 3]
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    assert rejected.line == 2 and "max_record_mb" in rejected.reason


def test_a_csv_row_over_the_cap_is_rejected(write_file: WriteFile) -> None:
    long_cell = '"' + "line of text\n" * 20_000 + '"'
    path = write_file("big.csv", f"text\nsmall\n{long_cell}\nafter\n")
    items = list(read_csv(path, ReadOptions(max_record_mb=0.1)))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert rejected and rejected[0].line == 3 and "max_record_mb" in rejected[0].reason
    assert next(i.text for i in items if isinstance(i, Draft)) == "small"


def test_dates_parse_as_utc() -> None:
    assert datetime(2018, 1, 1, tzinfo=UTC).year == 2018


def test_identical_records_in_one_file_do_not_redate_each_other(
    write_file: WriteFile, store: Store
) -> None:
    records = [
        {"text": "The same post, reposted.", "date": "2018-11-09"},
        {"text": "The same post, reposted.", "date": "2018-11-12"},
    ]
    path = write_file("r.jsonl", _jsonl(*records))
    summary = ingest([path], store, options=_options())
    (source,) = summary.sources
    assert (source.stored, source.already_stored, source.updated) == (1, 1, 0)
    stored = store.query("SELECT published_at FROM articles")["published_at"]
    assert [str(d.date()) for d in stored] == ["2018-11-09"]
