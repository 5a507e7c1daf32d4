"""Text normalisation: Unicode NFC, unified newlines and spaces, control characters removed."""

from __future__ import annotations

import re
import unicodedata

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")
# Any character that _CONTROL_RE removes or _SPACES_RE rewrites (besides a single space), or \r.
_NEEDS_CLEANING_RE = re.compile(
    r"[\r\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]"
)


def normalize_text(text: str) -> str:
    """Unicode NFC, unified newlines and spaces, control characters removed, trimmed.

    Example:
        >>> normalize_text("Moscow\\u00a0format\\r\\n\\r\\n\\r\\nTalks ")
        'Moscow format\\n\\nTalks'
    """
    text = unicodedata.normalize("NFC", text)
    if "  " in text or _NEEDS_CLEANING_RE.search(text):
        text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    else:  # fast path (most text): nothing to remove or collapse inside lines
        lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _MANY_NEWLINES_RE.sub("\n\n", text)
    return text.strip()


_PICTOGRAPH_RE = re.compile(
    "[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u297f\u2b00-\u2bff\ufe0e\ufe0f\u200d"
    "\U0001f000-\U0001faff]"
)


def blank_pictographs(text: str) -> str:
    """``text`` with emoji, pictographs and their joiners as spaces (same length and offsets),
    so that a tokenizer does not glue them to a word: «⚡️Шольц» -> «  Шольц».

    Example:
        >>> blank_pictographs("⚡️Шольц заявил")
        '  Шольц заявил'
    """
    return _PICTOGRAPH_RE.sub(" ", text) if not text.isascii() else text
