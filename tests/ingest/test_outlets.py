"""Source lists: the shipped state-media YAML, the loader's errors, matching and precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.config import load_config
from narrascope.errors import InputError
from narrascope.ingest import IngestOptions, ingest
from narrascope.ingest.outlets import (
    STATE_MEDIA,
    load_outlet_list,
    outlet_list_from,
    url_keys,
)
from narrascope.store import Store

ENTRY = """\
version: 1
outlets:
  - name: Example Wire
    aliases: [Пример]
    country: xx
    languages: [EN]
    domains: [example.org]
    telegram: ["@example_wire"]
    owner: Example Holding
    source: https://example.org/about
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outlets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_list_has_the_state_outlets_with_sources() -> None:
    listed = load_outlet_list()
    assert listed.path == str(STATE_MEDIA)
    wanted = {"RIA Novosti", "TASS", "RT", "RT Russian", "Sputnik", "Channel One", "VGTRK"}
    wanted |= {"Rossiyskaya Gazeta", "Izvestia", "Zvezda", "Russian Foreign Ministry", "Kremlin"}
    wanted |= {"Maria Zakharova"}
    assert wanted <= set(listed.names)
    assert all(o.source.startswith(("https://", "http://")) for o in listed.outlets)
    assert listed.by_url("https://t.me/MID_Russia/1234") == "Russian Foreign Ministry"
    assert listed.by_name("Россия 1") == "VGTRK"


def test_urls_match_the_longest_listed_domain_and_channels() -> None:
    listed = load_outlet_list()
    assert listed.by_url("https://russian.rt.com/world/news/1") == "RT Russian"
    assert listed.by_url("https://www.rt.com/news/1") == "RT"
    assert listed.by_url("https://m.ria.ru/20181109/1.html") == "RIA Novosti"
    assert listed.by_url("https://notria.ru/x") is None  # a suffix is not a sub-domain
    assert listed.by_url("https://t.me/c/1234/5") is None  # a private link names no channel
    assert listed.by_url(None) is None
    assert url_keys("t.me/rian_ru/7") == ("t.me", "rian_ru")


def test_precedence_record_then_list_then_fallback_spelled_as_listed() -> None:
    listed = load_outlet_list()
    assert listed.resolve("My Own", "https://ria.ru/1", "--outlet") == "My Own"
    assert listed.resolve(None, "https://ria.ru/1", "--outlet") == "RIA Novosti"
    assert listed.resolve(None, "https://example.org/1", "--outlet") == "--outlet"
    assert listed.resolve("тасс", None, None) == "TASS"  # an alias, any case
    assert listed.resolve(None, None, "rian_ru") == "RIA Novosti"  # a channel as the name
    assert listed.resolve(None, None, "МИД России 🇷🇺") == "Russian Foreign Ministry"  # a title
    assert listed.resolve(None, None, "🇷🇺") == "🇷🇺"  # symbols alone name nothing


def test_a_user_list_is_normalised_and_merged_before_the_shipped_one(tmp_path: Path) -> None:
    own = load_outlet_list(_write(tmp_path, ENTRY))
    (outlet,) = own.outlets
    assert (outlet.country, outlet.languages, outlet.telegram) == ("XX", ("en",), ("example_wire",))
    both = outlet_list_from(_write(tmp_path, ENTRY), state_media=True)
    assert both is not None and both.names[0] == "Example Wire" and "TASS" in both.names
    assert outlet_list_from(None, state_media=False) is None
    sites = [("Пример", None), ("Meduza", "meduza.io"), ("wire", "t.me/example_wire")]
    assert own.pick(sites) == ["wire", "Пример"]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("outlets:\n  - name: [unclosed\n", "invalid YAML", 3),
        ("", "the source list is empty", None),
        ("version: 1\n", "no `outlets:` list", 1),
        ("outlets:\n  - just a string\n", "an outlet must be a mapping", 2),
        (ENTRY.replace("    owner: Example Holding\n", ""), "Example Wire lacks owner", 3),
        (ENTRY.replace("country: xx", "contry: xx"), "unknown field 'contry'", 5),
        (ENTRY.replace("https://example.org/about", "Wikipedia"), "is not a URL", 3),
        (ENTRY.replace("domains: [example.org]", "domains: [example]"), "invalid domain", 3),
        (ENTRY.replace("languages: [EN]", "languages: [[en]]"), "list of names", 6),
        (ENTRY + ENTRY.split("outlets:\n")[1].replace("Example Wire", "Other"), "already", 11),
        (ENTRY.replace("    owner:", "    ownership: secret\n    owner:"), "ownership", 3),
    ],
)
def test_malformed_lists_name_the_file_and_line(
    tmp_path: Path, text: str, message: str, line: int | None
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError, match=message) as info:
        load_outlet_list(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert info.value.hint or message == "invalid domain"


def test_a_missing_list_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such source list"):
        load_outlet_list(tmp_path / "nope.yaml")


def test_ingest_names_outlets_from_the_list(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.jsonl"
    rows = [
        {"text": "From the agency site.", "url": "https://ria.ru/20181109/1.html"},
        {"text": "Its own outlet field wins.", "url": "https://tass.ru/1", "outlet": "Wire"},
        {"text": "An unlisted site gets --outlet.", "url": "https://example.net/1"},
        {"text": "An alias is spelled as listed.", "outlet": "РИА Новости"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    options = IngestOptions(
        workers=1, config=dict(load_config(None)), outlet="Fallback", outlets=load_outlet_list()
    )
    ingest([path], store, options=options)
    got = store.query("SELECT text, outlet FROM articles").set_index("text")["outlet"].to_dict()
    assert got == {
        "From the agency site.": "RIA Novosti",
        "Its own outlet field wins.": "Wire",
        "An unlisted site gets --outlet.": "Fallback",
        "An alias is spelled as listed.": "RIA Novosti",
    }
    assert ("RIA Novosti", "ria.ru") in store.outlet_sites()
