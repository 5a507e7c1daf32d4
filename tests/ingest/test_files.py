"""JSONL, CSV/TSV and text readers, including every bad-input case on the list."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import psutil
import pytest

from narrascope.errors import InputError
from narrascope.ingest._article import Draft
from narrascope.ingest.csvfile import read_csv
from narrascope.ingest.files import ReadOptions, read_jsonl, read_text, sniff_encoding
from narrascope.records import Rejected

WriteFile = Callable[[str, str | bytes], Path]
CSV_MAPPING = {
    "text": "body",
    "title": "headline",
    "date": "date",
    "url": "link",
    "outlet": "source",
    "language": "language",
}
RUSSIAN_START = "Министр иностранных дел России заявил во вторник"


def _split(items: list[Draft | Rejected]) -> tuple[list[Draft], list[Rejected]]:
    drafts = [i for i in items if isinstance(i, Draft)]
    return drafts, [i for i in items if isinstance(i, Rejected)]


# -- JSON Lines -------------------------------------------------------------------------------
def test_jsonl_records_map_to_drafts(ingest_data: Path) -> None:
    drafts, rejected = _split(list(read_jsonl(ingest_data / "articles.jsonl")))
    assert not rejected
    assert len(drafts) == 6
    first = drafts[0]
    assert first.title == "Lavrov meets U.S. envoys in Geneva"
    assert first.outlet == "Global Wire"
    assert first.url == "https://example.org/en/1"
    assert first.published_at == datetime(2018, 11, 26, 7, 30, tzinfo=UTC)
    assert first.line == 1 and first.extractor == "jsonl"
    assert drafts[1].published_at == datetime(2018, 11, 26, tzinfo=UTC)


def test_malformed_json_line_is_rejected_with_file_and_line(ingest_data: Path) -> None:
    path = ingest_data / "malformed.jsonl"
    drafts, rejected = _split(list(read_jsonl(path)))
    assert [d.line for d in drafts] == [1, 3, 7]
    reasons = {r.line: r.reason for r in rejected}
    assert reasons[2].startswith(f"{path}:2: invalid JSON (")
    assert "\n" not in reasons[2]
    assert reasons[4] == f"{path}:4: invalid JSON (expected an object, got list)"
    assert "text field 'text' is missing" in reasons[5]
    assert reasons[6] == f"{path}:6: unparseable date 'sometime soon' in field 'published_at'"


def test_jsonl_key_mapping(write_file: WriteFile) -> None:
    path = write_file("mapped.jsonl", json.dumps({"body": "Talks resumed.", "head": "T"}) + "\n")
    mapping = {**ReadOptions().mapping, "text": "body", "title": "head"}
    (draft,) = read_jsonl(path, ReadOptions(mapping=mapping))
    assert isinstance(draft, Draft)
    assert (draft.text, draft.title) == ("Talks resumed.", "T")


def test_jsonl_undecodable_line_is_rejected(write_file: WriteFile) -> None:
    """A corrupt line in a UTF-8 file is rejected; the file is not taken for another codec."""
    good = json.dumps({"text": "A good line about talks in Geneva."}).encode() + b"\n"
    bad = b'{"text": "bad \xff\xfe byte"}\n'
    path = write_file("mixed.jsonl", good + bad + good * 2000)
    drafts, rejected = _split(list(read_jsonl(path)))
    assert len(drafts) == 2001
    assert [r.line for r in rejected] == [2]
    assert "not valid utf-8 text" in rejected[0].reason


# -- CSV / TSV --------------------------------------------------------------------------------
def test_csv_with_mapping_quotes_and_multiline_fields(ingest_data: Path) -> None:
    path = ingest_data / "articles.csv"
    options = ReadOptions(mapping=CSV_MAPPING)
    drafts, rejected = _split(list(read_csv(path, options)))
    assert [d.title for d in drafts] == [
        "Grain corridor extended",
        "Санкции обсудят в Брюсселе",
        "No date",
    ]
    assert '"It is a balanced decision,"' in drafts[0].text
    assert drafts[1].published_at == datetime(2018, 11, 24, tzinfo=UTC)
    assert drafts[2].text.endswith("line break inside its quoted body.")
    assert drafts[2].published_at is None
    assert [d.line for d in drafts] == [2, 3, 4]
    assert [r.line for r in rejected] == [6]
    assert rejected[0].reason.startswith(f"{path}:6: unparseable date 'not a date'")


def test_csv_missing_mapped_column_is_one_clear_error(ingest_data: Path) -> None:
    path = ingest_data / "articles.csv"
    options = ReadOptions(mapping={**CSV_MAPPING, "text": "content"}, required=frozenset({"text"}))
    with pytest.raises(InputError) as info:
        list(read_csv(path, options))
    message = info.value.one_line()
    assert str(path) in message
    assert "'content'" in message
    assert "headline, body, date, link, source" in message
    assert "\n" not in message


def test_csv_explicitly_mapped_optional_column_must_exist(ingest_data: Path) -> None:
    options = ReadOptions(
        mapping={**CSV_MAPPING, "date": "pubDate"}, required=frozenset({"text", "date"})
    )
    with pytest.raises(InputError, match="'pubDate'"):
        list(read_csv(ingest_data / "articles.csv", options))


def test_tsv_and_utf8_bom(ingest_data: Path) -> None:
    (tsv,) = read_tsv = list(read_csv(ingest_data / "articles.tsv"))
    assert isinstance(tsv, Draft) and tsv.title == "Tab separated", read_tsv
    (bom,) = list(read_csv(ingest_data / "bom_utf8.csv"))
    assert isinstance(bom, Draft)
    assert bom.text.startswith("Статья в UTF-8 с BOM") and bom.title == "BOM"


def test_csv_row_with_too_many_fields(write_file: WriteFile) -> None:
    path = write_file("wide.csv", 'text,title\nfine,ok\n"one",two,three\n')
    drafts, rejected = _split(list(read_csv(path)))
    assert len(drafts) == 1
    assert rejected[0].reason == f"{path}:3: row has 3 fields, the header has 2"


# -- encodings ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "codec"), [("russian_cp1251.txt", "cp1251"), ("russian_koi8r.txt", "koi8")]
)
def test_legacy_russian_encodings_decode(ingest_data: Path, name: str, codec: str) -> None:
    path = ingest_data / name
    assert sniff_encoding(path.read_bytes(), path).replace("_", "-").startswith(codec)
    (draft,) = list(read_text(path))
    assert isinstance(draft, Draft)
    assert draft.text.startswith(RUSSIAN_START)
    assert "двойные стандарты" in draft.text
    assert draft.published_at == datetime(2018, 11, 26, tzinfo=UTC)


def test_cp1251_jsonl_decodes(ingest_data: Path) -> None:
    (draft,) = list(read_jsonl(ingest_data / "russian_cp1251.jsonl"))
    assert isinstance(draft, Draft)
    assert draft.text.startswith(RUSSIAN_START) and draft.title == "Переговоры"


# -- whole-file problems ------------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"  \n\n \n"])
@pytest.mark.parametrize("reader", [read_jsonl, read_csv, read_text])
def test_empty_file_is_a_clear_error(
    write_file: WriteFile, content: bytes, reader: Callable[..., object]
) -> None:
    path = write_file("empty.dat", content)
    with pytest.raises(InputError, match="empty file") as info:
        list(reader(path))  # type: ignore[call-overload]
    assert str(path) in info.value.one_line()


@pytest.mark.parametrize("reader", [read_jsonl, read_csv, read_text])
def test_binary_file_is_a_clear_error(write_file: WriteFile, reader: Callable[..., object]) -> None:
    path = write_file("image.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary file") as info:
        list(reader(path))  # type: ignore[call-overload]
    assert info.value.one_line().startswith(f"{path}: binary file")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_jsonl(tmp_path / "nope.jsonl"))


def test_text_file_over_the_size_cap(write_file: WriteFile) -> None:
    path = write_file("big.txt", "word " * 50_000)
    with pytest.raises(InputError, match=r"ingest\.max_file_mb"):
        list(read_text(path, ReadOptions(max_file_mb=0.1)))


# -- text and Markdown --------------------------------------------------------------------------
def test_markdown_front_matter_and_heading(ingest_data: Path) -> None:
    (draft,) = list(read_text(ingest_data / "texts" / "a.md"))
    assert isinstance(draft, Draft)
    assert draft.title == "Partners beyond the West"
    assert draft.outlet == "Daily Ledger"
    assert draft.published_at == datetime(2018, 11, 29, tzinfo=UTC)
    assert draft.text.strip().startswith("Officials in Beijing")
    assert "---" not in draft.text and "date:" not in draft.text
    assert draft.extractor == "markdown"


def test_plain_text_with_a_date_line(ingest_data: Path) -> None:
    (draft,) = list(read_text(ingest_data / "texts" / "b.txt"))
    assert isinstance(draft, Draft)
    assert draft.title is None
    assert draft.published_at == datetime(2018, 11, 30, tzinfo=UTC)
    assert draft.text.startswith("Переговоры в Анкаре")


def test_text_without_a_date_has_none_not_the_mtime(write_file: WriteFile) -> None:
    (draft,) = list(read_text(write_file("note.txt", "Moscow: talks resumed on Friday.\n")))
    assert isinstance(draft, Draft)
    assert draft.published_at is None
    assert draft.text.startswith("Moscow: talks resumed")


def test_text_with_an_unreadable_date_is_rejected_with_its_line(write_file: WriteFile) -> None:
    path = write_file("bad.md", "---\ntitle: X\ndate: the other day\n---\nBody text.\n")
    (rejected,) = list(read_text(path))
    assert isinstance(rejected, Rejected)
    assert rejected.line == 3
    assert rejected.reason.startswith(f"{path}:3: unparseable date")


# -- very large files ---------------------------------------------------------------------------
def _write_big_jsonl(path: Path, target_mb: int) -> int:
    body = " ".join(["The ministers discussed trade, energy and security in Geneva."] * 30)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < target_mb * 1_000_000:
            out.write(json.dumps({"text": f"{count} {body}", "title": f"Item {count}"}) + "\n")
            count += 1
    return count


@pytest.mark.slow
def test_very_large_jsonl_is_streamed_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    expected = _write_big_jsonl(path, 200)
    process = psutil.Process()
    rss_before = process.memory_info().rss
    tracemalloc.start()
    count = peak_rss = 0
    for item in read_jsonl(path):
        count += isinstance(item, Draft)
        if count % 10_000 == 0:
            peak_rss = max(peak_rss, process.memory_info().rss)
    _, peak_python = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == expected
    assert peak_python < 20_000_000  # bytes held by Python at once, for a 200 MB file
    assert peak_rss - rss_before < 100_000_000
