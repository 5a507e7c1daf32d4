"""From what a reader found (a :class:`Draft`) to a finished :class:`Article`.

Readers only locate fields; :func:`prepare` does the per-article work every source shares:
text normalisation, language identification, the deterministic id, the content hash, the
sentence spans and the MinHash signature. It is a pure function of its inputs, so the runner
may call it in worker processes.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from narrascope import text as textlib
from narrascope.ingest.fingerprint import content_hash, signature
from narrascope.records import Article, Rejected
from narrascope.text.function_words import quick_language

if TYPE_CHECKING:
    from narrascope.ingest.outlets import OutletList

ID_LENGTH = 20
LANGUAGE_SAMPLE_CHARS = 240  # langid cost is linear in length; ~35 words of prose suffice


@dataclass(frozen=True, slots=True)
class Draft:
    """One input record as a reader found it, before normalisation and ids.

    ``line`` is the record's position in its source (line for JSONL/CSV, item number for
    feeds, 0 for a whole file); ``raw_sha256`` fingerprints the raw record. ``outlet`` is what
    the record itself says; ``site_name`` is an outlet inferred from its container (a feed's
    site, a page's site name), used only when neither the record nor ``--outlet`` gives one.
    """

    text: str
    source_path: str
    line: int
    raw_sha256: str
    extractor: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    published_at: datetime | None = None
    site_name: str | None = None
    forwarded_from: str | None = None


@dataclass(frozen=True, slots=True)
class Prepared:
    """A finished article with its sentence spans and near-duplicate signature.

    The spans travel packed (``span_bytes``: int32 start/end pairs), which makes a prepared
    article much cheaper to send back from a worker process; :attr:`spans` unpacks them.
    """

    article: Article
    span_bytes: bytes
    signature: bytes | None
    line: int = 0

    @property
    def spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence in ``article.text``."""
        flat = self.flat_spans()
        return list(zip(flat[::2], flat[1::2], strict=True))

    def flat_spans(self) -> list[int]:
        """Starts and ends interleaved: ``[start0, end0, start1, end1, ...]``."""
        flat = array("i")
        flat.frombytes(self.span_bytes)
        return flat.tolist()


def pack_spans(spans: list[tuple[int, int]]) -> bytes:
    """Sentence spans as int32 start/end pairs (see :class:`Prepared`)."""
    return array("i", [offset for span in spans for offset in span]).tobytes()


@dataclass(frozen=True, slots=True)
class PrepareParams:
    """Settings :func:`prepare` needs (picklable, for worker processes)."""

    outlet: str | None = None
    language: str | None = None
    shingle_size: int = 5
    num_perm: int = 64
    ingested_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    min_year: int = 1
    max_year: int = 9999
    outlets: OutletList | None = None

    def date_problem(self, published: datetime | None) -> str | None:
        """Why ``published`` is not a plausible publication date (None when it is)."""
        if published is None or self.min_year <= published.year <= self.max_year:
            return None
        return (
            f"implausible date {published.date().isoformat()} (outside ingest.min_year"
            f"..ingest.max_year = {self.min_year}..{self.max_year}); fix the date or widen"
            " the window"
        )


def sha256_hex(data: bytes | str) -> str:
    """SHA-256 hex digest of bytes (or of a string's UTF-8 encoding)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def article_id(outlet: str | None, url: str | None, title: str | None, text: str) -> str:
    """Deterministic article id: SHA-256 over outlet, url, title and normalised text."""
    key = "\x1f".join((outlet or "", url or "", title or "", text))
    return sha256_hex(key)[:ID_LENGTH]


def clean_language(code: str | None) -> str | None:
    """A language tag as stored: lower case, ``_`` as ``-``; ``None`` when blank."""
    if code is None:
        return None
    code = str(code).strip().lower().replace("_", "-")
    return code or None


def language_sample(text: str, size: int = LANGUAGE_SAMPLE_CHARS) -> str:
    """The first ``size`` characters of ``text``, cut at a space (what langid sees)."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", size // 2, size)
    return text[: cut if cut > 0 else size]


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = " ".join(textlib.normalize_text(str(value)).split())
    return cleaned or None


def with_title(title: str | None, body: str) -> str:
    """The text as analysed: the title as its first paragraph, then the body.

    Every source is treated alike (a page's extracted text often starts with its headline
    already; a JSONL/CSV record or a feed item keeps it apart), so the headline is analysed
    whatever the input format. The title is marked by ``Article.title``: the text starts with it.
    """
    if not title:
        return body
    if " ".join(body[: len(title) * 2 + 8].split()).startswith(title):
        return body
    return f"{title}\n\n{body}" if body else title


def _outlet(draft: Draft, params: PrepareParams) -> str | None:
    fallback = params.outlet or draft.site_name
    if params.outlets is None:
        return draft.outlet or fallback
    return params.outlets.resolve(draft.outlet, draft.url, fallback)


def prepare(draft: Draft, params: PrepareParams) -> Prepared | Rejected:
    """Normalise, identify and fingerprint one draft; a draft without text is rejected.

    The outlet is the record's own, else ``params.outlet`` (``--outlet``), else the site
    the draft was found on (a source list may rename it: :mod:`.outlets`). A date outside
    ``params.min_year..max_year`` rejects the draft.
    """
    body = textlib.normalize_text(draft.text)
    if not body:
        return Rejected(draft.source_path, draft.line, "empty text")
    problem = params.date_problem(draft.published_at)
    if problem is not None:
        where = f"{draft.source_path}:{draft.line}" if draft.line else draft.source_path
        return Rejected(draft.source_path, draft.line, f"{where}: {problem}")
    words = body.casefold().split()
    outlet = _one_line(_outlet(draft, params))
    title = _one_line(draft.title)
    text = with_title(title, body)
    url = _one_line(draft.url)
    language = clean_language(params.language or draft.language)
    if not language:
        sample = language_sample(text)
        language = quick_language(sample) or textlib.detect_language(sample)
    article = Article(
        id=article_id(outlet, url, title, text),
        url=url,
        outlet=outlet,
        language=language,
        published_at=draft.published_at,
        title=title,
        text=text,
        source_path=draft.source_path,
        raw_sha256=draft.raw_sha256,
        ingested_at=params.ingested_at,
        extractor=draft.extractor,
        content_hash=content_hash(words),
        forwarded_from=_one_line(draft.forwarded_from),
    )
    sig = signature(words, shingle_size=params.shingle_size, num_perm=params.num_perm)
    return Prepared(article, pack_spans(textlib.sentence_spans(text)), sig, draft.line)


def prepare_items(
    items: Sequence[Draft | Rejected], params: PrepareParams
) -> list[Prepared | Rejected]:
    """:func:`prepare` over a chunk (the unit sent to a worker); rejections pass through.

    A draft that makes :func:`prepare` fail unexpectedly is rejected, never fatal.
    """
    out: list[Prepared | Rejected] = []
    for item in items:
        if isinstance(item, Rejected):
            out.append(item)
            continue
        try:
            out.append(prepare(item, params))
        except Exception as exc:  # a bad document must not stop the run
            reason = f"{item.source_path}:{item.line}: cannot process ({type(exc).__name__}: {exc})"
            out.append(Rejected(item.source_path, item.line, reason))
    return out
