"""Folding look-alike characters so that disguised words still match.

Text from the web (and cues pasted from it) hides words behind characters that look the same
but are different code points. :func:`fold` undoes the common cases inside one word:

- invisible characters are removed: soft hyphen (U+00AD), zero-width space, non-joiner and
  joiner (U+200B-U+200D), word joiner (U+2060) and the zero-width no-break space (U+FEFF);
- compatibility forms are unified by NFKC: full-width ``ＵＳ`` -> ``US``, ligatures ``ﬁ`` ->
  ``fi``;
- a word that mixes Latin and Cyrillic letters is written in one script: the script of its
  letters that have no look-alike in the other script wins (``Mоscоw`` with Cyrillic ``о`` ->
  ``Moscow``; ``пpивeт`` with Latin ``p``, ``e`` -> ``привет``). When only look-alikes decide,
  the majority wins, then ``prefer_cyrillic``. Only look-alike letters are replaced.

Case is kept, so an exact (case-sensitive) cue can be compared too. Words in one script are left
alone: "США" and "cop" are not folded. Offsets are not affected because callers fold a word's
surface for comparison only, never the text itself.

Example:
    >>> fold("Mоscоw"), fold("ｄｏｕｂｌｅ"), fold("dou\\u00adble")
    ('Moscow', 'double', 'double')
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["INVISIBLE", "fold", "mixed_scripts"]

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_LATIN_LOOKS = "aceopxyABCEHKMOPTXY"
_CYRILLIC_LOOKS = "асеорхуАВСЕНКМОРТХУ"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKS, _CYRILLIC_LOOKS)
# Non-Russian Cyrillic letters that exist only as look-alikes here fold to Latin as well.
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKS + "іѕјІЅЈһԁ", _LATIN_LOOKS + "isjISJhd")
_LOOK_ALIKES = frozenset(_LATIN_LOOKS + _CYRILLIC_LOOKS + "іѕјІЅЈһԁ")
_CACHE_SIZE = 1 << 16

LATIN, CYRILLIC = "Latin", "Cyrillic"


def _script(ch: str) -> str | None:
    """``LATIN``, ``CYRILLIC`` or None for a character (letters only)."""
    if not ch.isalpha():
        return None
    code = ord(ch)
    if code <= 0x024F:
        return LATIN
    if 0x0400 <= code <= 0x052F:
        return CYRILLIC
    return None


def _counts(word: str) -> dict[str, list[int]]:
    """Per script: [letters, letters without a look-alike in the other script]."""
    counts = {LATIN: [0, 0], CYRILLIC: [0, 0]}
    for ch in word:
        script = _script(ch)
        if script is not None:
            counts[script][0] += 1
            counts[script][1] += ch not in _LOOK_ALIKES
    return counts


def _clean(word: str) -> str:
    return unicodedata.normalize("NFKC", word.translate(_DROP_INVISIBLE))


def mixed_scripts(word: str) -> tuple[str, str] | None:
    """``(majority script, the minority's letters)`` when ``word`` mixes Latin and Cyrillic.

    Example:
        >>> mixed_scripts("Mоscоw")
        ('Latin', 'оо')
        >>> mixed_scripts("Moscow") is None
        True
    """
    word = _clean(word)
    counts = _counts(word)
    if not (counts[LATIN][0] and counts[CYRILLIC][0]):
        return None
    target = _target(counts, prefer_cyrillic=False)
    other = CYRILLIC if target == LATIN else LATIN
    return target, "".join(ch for ch in word if _script(ch) == other)


def _target(counts: dict[str, list[int]], *, prefer_cyrillic: bool) -> str:
    (lat_all, lat_strong), (cyr_all, cyr_strong) = counts[LATIN], counts[CYRILLIC]
    if lat_strong != cyr_strong:
        return LATIN if lat_strong > cyr_strong else CYRILLIC
    if lat_all != cyr_all:
        return LATIN if lat_all > cyr_all else CYRILLIC
    return CYRILLIC if prefer_cyrillic else LATIN


@lru_cache(maxsize=_CACHE_SIZE)
def _fold(word: str, prefer_cyrillic: bool) -> str:
    word = _clean(word)
    counts = _counts(word)
    if not (counts[LATIN][0] and counts[CYRILLIC][0]):
        return word
    if _target(counts, prefer_cyrillic=prefer_cyrillic) == LATIN:
        return word.translate(_TO_LATIN)
    return word.translate(_TO_CYRILLIC)


def fold(word: str, *, prefer_cyrillic: bool = False) -> str:
    """``word`` with invisible characters removed, NFKC forms and look-alikes unified.

    Args:
        word: One word (a token's surface); case is kept.
        prefer_cyrillic: Which script wins a mixed word when its letters cannot decide (set
            for Russian text).
    """
    if word.isascii():
        return word
    return _fold(word, prefer_cyrillic)
