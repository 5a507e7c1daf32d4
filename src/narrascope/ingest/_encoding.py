"""Text encodings of input files: BOMs, UTF-8 (per line where the format allows) and Russian.

UTF-8 with or without BOM is read as such; a line-oriented file (JSONL, CSV) whose lines are
mostly valid UTF-8 stays UTF-8 and only its bad lines are handled one by one. Otherwise the
Cyrillic single-byte encodings (cp1251, KOI8-R, Mac-Cyrillic) are tried first and kept when the
result reads as plausible Russian; charset-normalizer decides the rest.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from narrascope.errors import InputError

__all__ = ["CYRILLIC_CODECS", "decode_bytes", "plausible_cyrillic", "sniff_encoding"]

SAMPLE_BYTES = 1 << 20
MAX_BAD_UTF8_SHARE = 0.001  # more undecodable bytes than this: not UTF-8, detect the encoding
CYRILLIC_CODECS = ("cp1251", "koi8_r", "mac_cyrillic")
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_COMMON_RU = set("оеаинтсрвлкмдпуяыь")
_WORD_RE = re.compile(r"[^\W\d_]+")
_CYRILLIC_LOWER = set("абвгдежзийклмнопрстуфхцчшщъыьэюяё")
_CYRILLIC = _CYRILLIC_LOWER | {c.upper() for c in _CYRILLIC_LOWER}
_PUNCT_OK = set("«»–—…№“”„’‘")


def bom_codec(sample: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``sample``, if any."""
    for bom, name in BOMS:
        if sample.startswith(bom):
            return name
    return None


def _bad_share(sample: bytes) -> float:
    decoded = sample.decode("utf-8", errors="replace")
    return decoded.count("\ufffd") / max(1, len(decoded))


def _is_utf8(sample: bytes, *, lines: bool = False) -> bool:
    """Valid UTF-8, or UTF-8 with a few corrupt bytes (or, for ``lines``, a few bad lines)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        if _bad_share(sample) <= MAX_BAD_UTF8_SHARE:
            return True
        return lines and _mostly_utf8_lines(sample)
    return True


def _mostly_utf8_lines(sample: bytes) -> bool:
    """More than half of the lines with non-ASCII bytes are valid UTF-8."""
    good = bad = 0
    for raw in sample.splitlines():
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    return good > bad


def plausibility(text: str) -> float:
    """How much ``text`` reads like Russian: 0 (not at all) to about 1 (ordinary prose).

    Counts Cyrillic letters (lower case and frequent letters score higher), penalises other
    non-ASCII characters and words that mix Latin and Cyrillic letters.
    """
    score = 0.0
    letters = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
            continue
        if ch in _CYRILLIC_LOWER:
            score += 1.0 if ch in _COMMON_RU else 0.6
            letters += 1
        elif ch in _CYRILLIC:
            score += 0.3
            letters += 1
        elif ch not in _PUNCT_OK and not ch.isspace():
            score -= 2.0
    mixed = sum(1 for w in _WORD_RE.findall(text) if not w.isascii() and _has_ascii_alpha(w))
    score -= 3.0 * mixed
    return score / max(1, letters)


def _has_ascii_alpha(word: str) -> bool:
    return any(ch.isascii() and ch.isalpha() for ch in word)


def plausible_cyrillic(data: bytes, threshold: float = 0.45) -> str | None:
    """The Cyrillic single-byte codec under which ``data`` reads best as Russian, if any."""
    best, best_score = None, threshold
    for codec in CYRILLIC_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score > best_score:
            best, best_score = codec, score
    return best


def sniff_encoding(sample: bytes, path: str | Path, *, lines: bool = False) -> str:
    """The codec of a file from its first bytes; binary content raises ``InputError``.

    ``lines``: the format is read line by line, so mostly-UTF-8 lines mean UTF-8 (the bad
    lines are dealt with one at a time).

    Example:
        >>> sniff_encoding("Привет, мир".encode("cp1251") * 20, "a.txt")
        'cp1251'
    """
    bom = bom_codec(sample)
    if bom is not None:
        return bom
    if b"\x00" in sample:
        raise InputError("binary file (contains NUL bytes), not text", path=path)
    if _is_utf8(sample, lines=lines):
        return "utf-8"
    cyrillic = plausible_cyrillic(sample)
    if cyrillic is not None:
        return cyrillic
    import charset_normalizer

    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise InputError("binary or undecodable file: no text encoding fits", path=path)
    return str(best.encoding)


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode a whole file's bytes (see :func:`sniff_encoding`).

    A few corrupt bytes in otherwise valid UTF-8 become U+FFFD instead of failing the file.
    """
    encoding = sniff_encoding(data[:SAMPLE_BYTES], path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-8") and _is_utf8(data):
            return data.decode(encoding, errors="replace")
        reason = f"{exc.reason} at byte {exc.start}"
        raise InputError(f"not valid {encoding} text ({reason})", path=path) from exc


def decode_line(raw: bytes) -> tuple[str, str] | None:
    """A line that is not UTF-8 decoded by a plausible Cyrillic codec: ``(text, codec)``."""
    codec = plausible_cyrillic(raw)
    return None if codec is None else (raw.decode(codec), codec)
