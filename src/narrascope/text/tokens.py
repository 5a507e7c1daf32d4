"""Word tokens with lowercase lemmas: the layer under the lexicon and the actor registry.

A token is a word span of the given string. Words are runs of letters/digits joined by inner
hyphens or apostrophes ("S-400", "Moscow-format", "Russia's", "кто-то"), or dotted
abbreviations ("U.S.", "т.е."). Punctuation is not a token. English contractions are split so
that the negation is its own token: "isn't" -> "is" + "n't" (lemma "not"). Invisible characters
inside a word (soft hyphen, zero-width joiner/non-joiner/space) do not split it.

Lowercase forms and lemmas are computed from the word folded by :func:`narrascope.text.fold.fold`
(invisible characters dropped, full-width forms unified, Latin/Cyrillic look-alikes in a mixed
word written in one script), so a disguised word matches like the plain one; the surface and
the offsets still refer to the original text.

Lemmas are lowercase with "ё" folded to "е": English via simplemma, Russian via pymorphy3 (first
parse, but an adjective reading wins over a substantivised neuter noun, so "главного" ->
"главный"), any other language the lowercased surface. Analyzers are created once per process and
every lemma lookup is cached, because this is the hot path of the lexicon detector.

Example:
    >>> [t.lemma for t in tokenize("The U.S. isn't consulting Moscow", "en")]
    ['the', 'u.s.', 'be', 'not', 'consult', 'moscow']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from narrascope.text.fold import INVISIBLE, fold

__all__ = ["Token", "base_language", "lemma_of", "ru_known", "ru_parses", "scan", "tokenize"]

_PART = rf"[^\W_]+(?:[{INVISIBLE}]+[^\W_]+)*"  # letters/digits, invisible characters inside
# an apostrophe joins word parts, except a closing quotation mark glued to the next sentence
# ("… Lawn’The defence secretary"): not before a capital unless after one letter ("O’Brien")
_JOIN = r"(?:-|(?<![^\W\d_]{2})['’]|['’](?![A-ZА-ЯЁ]))"
_WORD_RE = re.compile(rf"(?:[^\W\d_]\.){{2,}}|{_PART}(?:{_JOIN}{_PART})*")
_NEGATIVE_CLITICS = ("n't", "n’t")
_CACHE_SIZE = 1 << 18

# (start, end, surface, lowercased surface, lemma) — the tuple form used on the hot path.
Scanned = tuple[int, int, str, str, str]


@dataclass(frozen=True, slots=True)
class Token:
    """A word: ``text[start:end]`` of the string it came from, with its lowercase lemma."""

    start: int
    end: int
    text: str
    lemma: str


@lru_cache(maxsize=256)
def base_language(language: str) -> str:
    """Normalise a language tag to its lowercase primary subtag: ``"en-US"`` -> ``"en"``."""
    return language.strip().lower().replace("_", "-").split("-", 1)[0]


@cache
def _morph() -> Any:
    """The process-wide pymorphy3 analyzer (loading its dictionaries takes ~0.1 s)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1 << 16)
def ru_parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's readings of a Russian word, likeliest first (cached per word form)."""
    return tuple(_morph().parse(word))


def ru_passive_participle(word: str) -> bool:
    """Whether pymorphy3's likeliest reading of the Russian ``word`` is a passive participle
    («объявлена», «сказано», «призвано»)."""
    tag = ru_parses(word)[0].tag
    return tag.POS in ("PRTS", "PRTF") and "pssv" in tag


@lru_cache(maxsize=1 << 16)
def ru_known(word: str) -> bool:
    """Whether pymorphy3's dictionary holds the Russian word (its readings are not guesses)."""
    return bool(_morph().word_is_known(word.lower()))


@cache
def _simplemma() -> Any:
    import simplemma

    return simplemma


@lru_cache(maxsize=_CACHE_SIZE)
def _analyze_en(surface: str) -> tuple[str, str]:
    word = fold(surface)
    lower = word.lower()
    if lower in _NEGATIVE_CLITICS:
        return "n't", "not"  # one form whichever apostrophe the text uses
    return lower, _simplemma().lemmatize(word, lang="en").lower()


def _ru_lemma(lower: str) -> str:
    """pymorphy3's first parse, except that an adjective beats its substantivised neuter
    noun ("старого" -> "старый", not "старое")."""
    parses = _morph().parse(lower)
    best = parses[0]
    if best.tag.POS == "NOUN" and "neut" in best.tag:
        stem = best.normal_form[:-2]
        for parse in parses[1:]:
            if parse.tag.POS == "ADJF" and parse.normal_form[:-2] == stem:
                return str(parse.normal_form)
    return str(best.normal_form)


@lru_cache(maxsize=_CACHE_SIZE)
def _analyze_ru(surface: str) -> tuple[str, str]:
    lower = fold(surface, prefer_cyrillic=True).lower().replace("ё", "е")
    return lower, _ru_lemma(lower).replace("ё", "е")


@lru_cache(maxsize=_CACHE_SIZE)
def _analyze_other(surface: str) -> tuple[str, str]:
    lower = fold(surface).lower()
    return lower, lower


_ANALYZERS: dict[str, Callable[[str], tuple[str, str]]] = {
    "en": _analyze_en,
    "ru": _analyze_ru,
}


def lemma_of(word: str, language: str) -> str:
    """The lowercase lemma of one word in ``language`` (lowercased word if unsupported)."""
    return _ANALYZERS.get(base_language(language), _analyze_other)(word)[1]


def _split_clitic(start: int, end: int, surface: str) -> list[tuple[int, int, str]]:
    """Split an English negative contraction ("isn't") into stem and "n't"."""
    if len(surface) > 3 and surface[-3:].lower() in _NEGATIVE_CLITICS:
        cut = end - 3
        return [(start, cut, surface[:-3]), (cut, end, surface[-3:])]
    return [(start, end, surface)]


def scan(text: str, language: str) -> list[Scanned]:
    """Tokens of ``text`` as ``(start, end, surface, lower, lemma)`` tuples (fast path).

    ``lower`` is the folded, lowercased surface (with "ё" read as "е" for Russian).
    """
    lang = base_language(language)
    analyze = _ANALYZERS.get(lang, _analyze_other)
    english = lang == "en"
    out: list[Scanned] = []
    append = out.append
    for match in _WORD_RE.finditer(text):
        surface = match.group()
        start, end = match.span()
        if english and ("'" in surface or "’" in surface):
            for s, e, part in _split_clitic(start, end, surface):
                append((s, e, part, *analyze(part)))
            continue
        lower, lemma = analyze(surface)
        append((start, end, surface, lower, lemma))
    return out


def tokenize(text: str, language: str) -> list[Token]:
    """Split ``text`` into word tokens with lowercase lemmas.

    Args:
        text: Any string; offsets refer to it.
        language: A language tag ("en", "ru", "en-GB", ...). English and Russian get real
            lemmas; other languages get the lowercased surface as lemma.

    Returns:
        Tokens in text order; ``text[t.start:t.end] == t.text`` for each.

    Example:
        >>> [t.lemma for t in tokenize("переговорах в Москве", "ru")]
        ['переговоры', 'в', 'москва']
    """
    return [Token(s, e, surface, lemma) for s, e, surface, _, lemma in scan(text, language)]
