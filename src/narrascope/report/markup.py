"""Safe markup helpers shared by the HTML report and the dashboard.

Everything that comes from articles, outlets or codebooks is untrusted. Templates autoescape;
these helpers cover the three places autoescaping does not reach: chart JSON inside a
``<script>`` element, text that Plotly renders as its own pseudo-HTML, and URLs in ``href``.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import html
import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from narrascope.records import finite

__all__ = [
    "Segment",
    "Span",
    "chart_json",
    "environment",
    "format_date",
    "format_time",
    "inline_script",
    "plot_text",
    "safe_url",
    "script_hash",
    "segments",
]

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def chart_json(spec: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block that no text can break out of.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so ``</script>`` and ``<!--`` cannot
    occur; NaN/inf become null (invalid JSON otherwise).

    Example:
        >>> str(chart_json({"x": ["</script>"]}))
        '{"x": ["\\\\u003c/script\\\\u003e"]}'
    """
    if hasattr(spec, "to_json"):  # a plotly Figure: its own encoder (dates, typed arrays)
        text = spec.to_json()
    else:
        text = json.dumps(finite(spec), default=_json_default, allow_nan=False, ensure_ascii=False)
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return Markup(text)


def plot_text(value: Any) -> str:
    """Text for a Plotly label or hover: Plotly reads ``<b>``, ``<a href>``... so escape it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=False)


def safe_url(value: Any) -> str | None:
    """The URL if it is a plain http(s) address, else None (never a ``javascript:`` link)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if any(ord(ch) < 32 for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def format_date(value: Any) -> str:
    """``YYYY-MM-DD`` for a date or timestamp; empty for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value[:10]
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def inline_markdown(text: Any) -> Markup:
    """Text escaped for HTML, then ``**bold**`` and ```code``` (our methods prose) marked up;
    nothing else of the text can become markup."""
    escaped = html.escape(str(text), quote=True)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return Markup(escaped)  # built from escaped text only


def format_number(value: Any, digits: int = 2) -> str:
    """A score with ``digits`` decimals; ``–`` for a missing or undefined one (NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return f"{float(value):.{digits}f}"


def format_time(value: Any) -> str:
    """``YYYY-MM-DD HH:MM:SS UTC`` for a timestamp; empty for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_convert("UTC") if stamp.tzinfo else stamp
    return stamp.strftime("%Y-%m-%d %H:%M:%S UTC")


@dataclass(frozen=True)
class Span:
    """A marked range of a text: ``kind`` is e.g. ``hit``, ``quote`` or ``actor``."""

    start: int
    end: int
    kind: str
    title: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same spans (none for plain text).

    ``anchor`` is the anchor of a span that starts here, so a page gets each id once.
    """

    text: str
    spans: tuple[Span, ...] = ()
    anchor: str = ""

    def kinds(self) -> list[str]:
        """Distinct span kinds covering this segment, sorted."""
        return sorted({s.kind for s in self.spans})

    def title(self) -> str:
        """Tooltip text: the titles of the covering spans."""
        return "; ".join(dict.fromkeys(s.title for s in self.spans if s.title))


def segments(text: str, spans: Iterable[Span], offset: int = 0) -> list[Segment]:
    """Split ``text`` at span boundaries; ``offset`` is where ``text`` starts in the article.

    Spans are clipped to the text; empty or out-of-range spans are ignored, overlapping spans
    are fine (a segment carries every span covering it).

    Example:
        >>> [s.text for s in segments("a big cat", [Span(2, 5, "hit")])]
        ['a ', 'big', ' cat']
    """
    n = len(text)
    clipped: list[Span] = []
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    anchors: dict[int, str] = {}
    for span in spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, n)
        if start < end:
            opens.setdefault(start, []).append(len(clipped))
            closes.setdefault(end, []).append(len(clipped))
            if span.anchor:
                anchors.setdefault(start, span.anchor)
            clipped.append(span)
    cuts = sorted({0, n, *opens, *closes})
    out = []
    active: list[int] = []  # indices into ``clipped`` covering the current cut, in input order
    for start, end in itertools.pairwise(cuts):
        active = _sweep(active, closes.get(start, []), opens.get(start, []))
        covering = tuple(clipped[i] for i in active)
        out.append(Segment(text[start:end], covering, anchors.get(start, "")))
    return out


def _sweep(active: list[int], closing: Iterable[int], opening: list[int]) -> list[int]:
    """``active`` less the spans that end at a cut plus those that start there, still sorted.

    One pass per cut over the spans that cover it, so :func:`segments` costs the size of its
    output (not segments x spans).
    """
    gone = set(closing)
    if gone:
        active = [i for i in active if i not in gone]
    return list(heapq.merge(active, opening)) if opening else active


def environment(*packages: str) -> Environment:
    """A Jinja2 environment over the ``templates`` folders of ``packages`` (first wins) that
    autoescapes every template and fails on undefined names."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader(p, "templates") for p in packages]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["chart_json"] = chart_json
    env.filters["safe_url"] = safe_url
    env.filters["date"] = format_date
    env.filters["time"] = format_time
    env.filters["plural"] = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    env.filters["pct"] = lambda v, digits=1: "" if v is None else f"{100 * float(v):.{digits}f}%"
    env.filters["num"] = format_number
    env.filters["inline_md"] = inline_markdown
    return env


def inline_script(code: str) -> Markup:
    """JavaScript source safe to place inside ``<script>``: no ``</script`` can end it early."""
    return Markup(re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE))


def script_hash(code: str) -> str:
    """The CSP source (``'sha256-...'``) that allows exactly this inline script body.

    Example:
        >>> script_hash("")
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
