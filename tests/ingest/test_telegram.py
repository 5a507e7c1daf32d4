"""Telegram channel exports (Telegram Desktop's result.json) and scraped post layouts."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from narrascope.config import load_config
from narrascope.errors import InputError
from narrascope.ingest import IngestOptions, ingest, reader_for
from narrascope.ingest._article import Draft
from narrascope.ingest.dates import DateWindow
from narrascope.ingest.files import ReadOptions
from narrascope.ingest.outlets import load_outlet_list
from narrascope.ingest.telegram import flatten_text, looks_like_export, read_json, read_telegram
from narrascope.records import Rejected
from narrascope.store import Store

TEXT_2 = (
    "The minister said the Moscow format meeting on Afghanistan was a success. "
    "Read more: our statement #Afghanistan"
)


@pytest.fixture
def export(ingest_data: Path) -> Path:
    return ingest_data / "telegram" / "result.json"


def _options(**overrides: Any) -> IngestOptions:
    return IngestOptions(workers=1, config=dict(load_config(None)), **overrides)


def _drafts(path: Path, options: ReadOptions | None = None) -> list[Draft]:
    items = list(read_telegram(path, options or ReadOptions()))
    assert all(isinstance(i, Draft) for i in items), items
    return [i for i in items if isinstance(i, Draft)]


def test_flatten_text_joins_styled_pieces() -> None:
    pieces = ["a ", {"type": "bold", "text": "b"}, {"type": "text_link", "text": "c", "href": "u"}]
    assert flatten_text(pieces) == "a bc"
    assert flatten_text("plain") == "plain"
    assert flatten_text(None) == ""


def test_one_draft_per_post_with_text_caption_dates_and_forwards(export: Path) -> None:
    options = ReadOptions()
    drafts = _drafts(export, options)
    assert [d.line for d in drafts] == [2, 3, 4, 6, 8]  # services 1, 7 and the bare video 5 out
    by_id = {d.line: d for d in drafts}
    assert by_id[2].text == TEXT_2
    assert by_id[4].text.startswith("The delegations")  # a photo's caption
    assert by_id[6].forwarded_from == "Example News Agency"
    assert by_id[2].forwarded_from is None
    # date_unixtime is the truth: the local 'date' 13:30 was Moscow time (UTC+3)
    assert by_id[2].published_at == datetime(2018, 11, 9, 10, 30, tzinfo=UTC)
    assert by_id[3].text.startswith("Министр заявил")  # edited post: its final text
    assert all(d.site_name == "Example Ministry" and d.outlet is None for d in drafts)
    assert by_id[8].url == "https://t.me/c/1234567890/8"
    assert all(d.extractor == "telegram" for d in drafts)
    notes = "\n".join(options.notes.warnings)
    assert "skipped 2 service messages (create_channel 1, pin_message 1)" in notes
    assert "1 post without text or caption, not stored (video_file 1; ids 5)" in notes
    assert "--channel-username ExampleMinistry" in notes  # its own links hint at the name


def test_channel_username_gives_public_links(export: Path) -> None:
    drafts = _drafts(export, ReadOptions(channel_username="@MID_Russia"))
    assert drafts[0].url == "https://t.me/MID_Russia/2"
    with pytest.raises(InputError, match="invalid Telegram username"):
        list(read_telegram(export, ReadOptions(channel_username="no spaces allowed")))


def test_old_export_without_unixtime_is_read_as_utc_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    message = {"id": 9, "type": "message", "date": "2018-11-09T13:30:00", "text": "Old post."}
    path.write_text(json.dumps({"name": "Old", "type": "public_channel", "messages": [message]}))
    options = ReadOptions()
    (draft,) = _drafts(path, options)
    assert draft.published_at == datetime(2018, 11, 9, 13, 30, tzinfo=UTC)
    assert draft.url is None  # neither a username nor a channel id
    assert "1 post without date_unixtime" in options.notes.warnings[0]


def test_ingest_end_to_end_is_resumable_and_filters_dates(export: Path, store: Store) -> None:
    window = DateWindow(date(2018, 11, 1), date(2018, 11, 30))
    summary = ingest([export], store, options=_options(window=window))
    totals = summary.totals
    assert (totals.read, totals.stored, totals.rejected) == (4, 4, 0)
    assert any("left out 1 record dated outside --from 2018-11-01" in w for w in summary.warnings)
    rows = store.query("SELECT outlet, url, forwarded_from FROM articles ORDER BY url")
    assert set(rows["outlet"]) == {"Example Ministry"}
    assert rows["forwarded_from"].dropna().tolist() == ["Example News Agency"]
    again = ingest([export], store, options=_options()).totals
    assert (again.stored, again.already_stored) == (1, 4)  # the December post is new


def test_outlet_list_names_a_listed_channel(export: Path, store: Store) -> None:
    options = _options(outlets=load_outlet_list(), channel_username="MID_Russia")
    ingest([export], store, options=options)
    outlets = store.query("SELECT DISTINCT outlet FROM articles")["outlet"].tolist()
    assert outlets == ["Russian Foreign Ministry"]


def test_a_folder_with_an_export_is_detected(export: Path, tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "ChatExport_2018-12-01"
    (folder / "photos").mkdir(parents=True)
    shutil.copy(export, folder / "result.json")
    (folder / "photos" / "photo_1.jpg").write_bytes(b"\xff\xd8\xff")
    summary = ingest([folder], store, options=_options())
    assert [s.source for s in summary.sources] == [str(folder / "result.json")]
    assert summary.totals.stored == 5
    plain = tmp_path / "export"  # no extension: recognised by its first bytes
    shutil.copy(export, plain)
    assert reader_for(str(plain)).__name__ == "read_telegram"
    assert looks_like_export(export.read_bytes()[:4096])


def test_a_truncated_export_keeps_the_posts_before_the_break(
    export: Path, tmp_path: Path, store: Store
) -> None:
    text = export.read_text(encoding="utf-8")
    cut = tmp_path / "result.json"
    cut.write_text(text[: text.index('"id": 6')], encoding="utf-8")
    summary = ingest([cut], store, options=_options())
    assert summary.totals.stored == 3
    (error,) = summary.errors
    assert "invalid JSON after 4 posts" in error and "export the channel again" in error


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{\n "foo": 1,\n "bar": [1, 2]\n}', 'no top-level "messages" list'),
        ("[1, 2, 3]", "the file is not a JSON object"),
        ('{"name": "X", "type": "spaceship", "messages": []}', "unknown chat type"),
        ('{"name": "X", "messages": [1, ', "invalid JSON"),
    ],
)
def test_json_that_is_not_an_export_gets_a_clear_error(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "data.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message) as info:
        list(read_json(path, ReadOptions()))
    assert str(path) in str(info.value)


def test_json_lines_saved_as_json_are_read_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "posts.json"
    rows = [{"text": "One post.", "date": "2018-11-09"}, {"text": "Two.", "date": "2018-11-10"}]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    drafts = list(read_json(path, ReadOptions()))
    assert [d.text for d in drafts if isinstance(d, Draft)] == ["One post.", "Two."]


def test_scraped_post_layouts_map_through_the_fallback_keys(tmp_path: Path, store: Store) -> None:
    jsonl = tmp_path / "telethon.jsonl"
    post = {
        "id": 51,
        "channel": "MID_Russia",
        "date": "2018-11-09T10:30:00+00:00",
        "message": "Telethon writes the text as message.",
        "views": 1000,
        "fwd_from": {"from_name": "Example News Agency"},
    }
    jsonl.write_text(json.dumps(post) + "\n")
    csv = tmp_path / "scraper.csv"
    csv.write_text(
        "channel,message_id,date,message,views,forwarded_from,link\n"
        "rian_ru,7,2018-11-10 09:00,A scraped post in a CSV file.,12,,https://t.me/rian_ru/7\n"
    )
    ingest([jsonl, csv], store, options=_options(outlets=load_outlet_list()))
    rows = store.query("SELECT outlet, url, forwarded_from, text FROM articles ORDER BY text")
    assert rows["outlet"].tolist() == ["RIA Novosti", "Russian Foreign Ministry"]
    assert rows["url"].iloc[0] == "https://t.me/rian_ru/7" and pd.isna(rows["url"].iloc[1])
    assert pd.isna(rows["forwarded_from"].iloc[0])  # an empty CSV cell
    assert rows["forwarded_from"].iloc[1] == "Example News Agency"


def test_an_explicit_text_mapping_does_not_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"message": "Not the body column."}) + "\n")
    options = ReadOptions(fallbacks=frozenset())
    (item,) = list(reader_for(str(path))(str(path), options))
    assert isinstance(item, Rejected) and "text field 'text' is missing" in item.reason
