"""Saved web pages: main text and metadata with trafilatura (no network).

:func:`extract_page` turns one HTML document into a draft: the main text (boilerplate,
navigation and comments removed), the title, the publication date and the site name, which
becomes the outlet unless ``--outlet`` names one. A page with no extractable text raises
:class:`~narrascope.errors.InputError` naming the file or URL. :func:`html_to_text` is a light
converter for HTML fragments such as feed summaries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import trafilatura

from narrascope.errors import InputError
from narrascope.ingest._article import Draft, sha256_hex
from narrascope.ingest.dates import parse_date
from narrascope.ingest.files import ReadOptions, read_whole
from narrascope.records import Rejected

__all__ = ["EXTRACTOR", "extract_page", "html_to_text", "read_html"]

EXTRACTOR = "trafilatura"
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
_SKIP_TAGS = {"script", "style", "noscript", "template"}

logging.getLogger("trafilatura").setLevel(logging.ERROR)


def extract_page(html: bytes | str, *, source: str, url: str | None = None, line: int = 0) -> Draft:
    """Extract one page's main text and metadata.

    Args:
        html: The page (bytes are decoded by trafilatura, honouring ``<meta charset>``).
        source: File path or URL named in errors and stored as ``source_path``.
        url: The page's address, when known (else trafilatura's canonical URL is used).
        line: The record position to store (item number for feed pages).

    Raises:
        InputError: binary content, or no main text could be extracted.
    """
    if isinstance(html, bytes) and b"\x00" in html[:65536]:
        raise InputError("binary file (contains NUL bytes), not HTML", path=source)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise InputError(
            f"cannot parse HTML ({exc.__class__.__name__}: {exc})", path=source
        ) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not any(ch.isalpha() for ch in text):  # markup debris is no text
        raise InputError("no extractable text in HTML page", path=source, hint="is it an article?")
    return _draft(doc, html, source=source, url=url, line=line)


def _draft(doc: object, html: bytes | str, *, source: str, url: str | None, line: int) -> Draft:
    try:
        published = parse_date(getattr(doc, "date", None), source="page metadata")
    except ValueError:
        published = None  # trafilatura's date guess is a hint, not a record field
    return Draft(
        text=str(getattr(doc, "text", "")),
        source_path=source,
        line=line,
        raw_sha256=sha256_hex(html),
        extractor=EXTRACTOR,
        title=getattr(doc, "title", None),
        url=url or getattr(doc, "url", None),
        site_name=getattr(doc, "sitename", None),
        language=None,
        published_at=published,
    )


def read_html(path: str | Path, options: ReadOptions | None = None) -> Iterator[Draft | Rejected]:
    """One draft from a saved ``.html``/``.htm`` page (a rejection when nothing is extractable)."""
    path, options = Path(path), options or ReadOptions()
    data = read_whole(path, options, record=True)
    try:
        yield extract_page(data, source=str(path))
    except InputError as exc:
        yield Rejected(str(path), 0, exc.one_line())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, blocks as paragraphs, entities decoded.

    Example:
        >>> html_to_text("<p>Talks &amp; trade</p><p>Second</p>").split()
        ['Talks', '&', 'trade', 'Second']
    """
    if "<" not in fragment and "&" not in fragment:
        return fragment
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = ("".join(collector.parts)).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
