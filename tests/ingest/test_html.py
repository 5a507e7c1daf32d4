"""Saved HTML pages through trafilatura, and the small HTML-to-text converter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from narrascope.errors import InputError
from narrascope.ingest._article import Draft
from narrascope.ingest.html import extract_page, html_to_text, read_html
from narrascope.records import Rejected


def test_article_page_text_and_metadata(ingest_data: Path) -> None:
    (draft,) = list(read_html(ingest_data / "pages" / "article.html"))
    assert isinstance(draft, Draft)
    assert "multipolar world order" in draft.text
    assert "Privacy" not in draft.text and "Sport" not in draft.text  # boilerplate removed
    assert draft.title == "Lavrov and Jaishankar discuss multipolarity"
    assert draft.outlet is None and draft.site_name == "Harbour Times"
    assert draft.published_at == datetime(2018, 12, 3, tzinfo=UTC)
    assert draft.url == "https://harbour.example.org/news/multipolarity"
    assert draft.extractor == "trafilatura"


def test_page_without_text_is_rejected_naming_the_file(ingest_data: Path) -> None:
    path = ingest_data / "pages" / "empty_shell.html"
    (rejected,) = list(read_html(path))
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith(f"{path}: no extractable text")
    assert "\n" not in rejected.reason


def test_broken_html_does_not_crash(ingest_data: Path) -> None:
    (item,) = list(read_html(ingest_data / "pages" / "truncated.html"))
    assert isinstance(item, Draft)
    assert item.text.startswith("Truncated page with an unclosed paragraph")


@pytest.mark.parametrize(
    "content", [b"<<<>>><html<body", b"\x00\x01\x02<html>binary</html>", b"<html></html>"]
)
def test_garbage_html_is_a_rejection(
    write_file: Callable[[str, str | bytes], Path], content: bytes
) -> None:
    path = write_file("garbage.html", content)
    (rejected,) = list(read_html(path))
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith(f"{path}: ")


def test_extract_page_raises_input_error_for_urls() -> None:
    with pytest.raises(InputError, match=r"^https://x\.example/1: no extractable text"):
        extract_page(b"<html><body></body></html>", source="https://x.example/1")


def test_html_to_text() -> None:
    fragment = "<p>Talks &amp; trade</p><script>var x;</script><p>Second <b>part</b></p>"
    assert html_to_text(fragment) == "Talks & trade\n\nSecond part"
    assert html_to_text("plain text stays") == "plain text stays"
