"""The stance of a narrative hit: whose voice carries it, and whether it is rejected.

Three stances (``Hit.stance``):
- **rejected**: the evidence is negated, denied or rebutted. A rejection word in the hit's
  sentence before the evidence or at most six words after it (reject, deny, dismiss, refute,
  rebut, debunk, baseless, unfounded, false, myth, nonsense …; отвергнуть, опровергнуть,
  отрицать, беспочвенный, голословный, ложь, миф, «не соответствует действительности» …),
  or a negation or distancing word in the three words before the evidence (not, no, never,
  so-called; не, нет, никогда, якобы, так называемый). "Western diplomats rejected the claim
  of double standards" is a rejected double-standards hit.
- **attributed**: the evidence lies in a quote or reported speech (from
  :class:`~narrascope.actors.QuoteExtractor`): at least half of the shorter of the two spans
  overlap. The quote's speaker and actor id go with the hit. A rejected hit inside a quote
  keeps the quote's speaker too (the speaker rejects it).
- **asserted**: otherwise, the outlet's own voice.

Pure: hits, sentences and quotes in, hits out. The word lists are data
(``narrascope/actors/data/stance.yaml``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

import yaml

from narrascope.records import Hit, Quote, Sentence
from narrascope.text.tokens import Scanned, base_language, scan

__all__ = ["STANCES", "assign_stances", "stance_of"]

STANCES = ("asserted", "attributed", "rejected")
_AFTER_WORDS = 6
_BEFORE_WORDS = 3


@cache
def _lists() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(
        (resources.files("narrascope.actors") / "data" / "stance.yaml").read_text(encoding="utf-8")
    )
    return {
        name: frozenset(w for words in by_lang.values() for w in words)
        for name, by_lang in raw.items()
    }


def _has(tokens: Sequence[Scanned], words: frozenset[str]) -> bool:
    """Whether a token (surface or lemma) or a two-word sequence is in ``words``."""
    for k, t in enumerate(tokens):
        if t[3] in words or t[4] in words:
            return True
        if k + 1 < len(tokens):
            nxt = tokens[k + 1]
            if f"{t[3]} {nxt[3]}" in words or f"{t[4]} {nxt[4]}" in words:
                return True
    return False


def _rejected(hit: Hit, sentence: Sentence, language: str) -> bool:
    lists = _lists()
    tokens = scan(sentence.text, language)
    starts = [t[0] + sentence.start for t in tokens]
    first = bisect.bisect_left(starts, hit.char_start)
    last = bisect.bisect_left(starts, hit.char_end)
    before, after = tokens[:first], tokens[last : last + _AFTER_WORDS]
    if _has(before, lists["rejection"]) or _has(after, lists["rejection"]):
        return True
    return _has(tokens[max(first - _BEFORE_WORDS, 0) : first], lists["negation"])


def _quote_for(hit: Hit, quotes: Sequence[Quote]) -> Quote | None:
    """The quote holding (at least half of the shorter of) the hit's evidence span."""
    best: tuple[int, Quote] | None = None
    for q in quotes:
        overlap = min(hit.char_end, q.char_end) - max(hit.char_start, q.char_start)
        shorter = min(hit.char_end - hit.char_start, q.char_end - q.char_start)
        if overlap > 0 and 2 * overlap >= shorter and (best is None or overlap > best[0]):
            best = (overlap, q)
    return best[1] if best else None


def stance_of(
    hit: Hit, sentence: Sentence, quotes: Sequence[Quote], language: str
) -> tuple[str, Quote | None]:
    """The stance of ``hit`` (in ``sentence``) and the quote that carries it, if any."""
    quote = _quote_for(hit, quotes)
    if _rejected(hit, sentence, base_language(language)):
        return "rejected", quote
    return ("attributed", quote) if quote is not None else ("asserted", None)


def assign_stances(
    hits: Sequence[Hit],
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
    language: str,
) -> list[Hit]:
    """``hits`` of one article with ``stance``, ``speaker`` and ``actor_id`` set.

    Args:
        hits: the article's hits.
        sentences: the article's sentences (a hit whose sentence is missing stays undecided).
        quotes: the article's quotes.
        language: the article's language.
    """
    by_index = {s.index: s for s in sentences}
    out = []
    for hit in hits:
        sentence = by_index.get(hit.sentence_index)
        if sentence is None:
            out.append(hit)
            continue
        stance, quote = stance_of(hit, sentence, quotes, language)
        speaker = quote.speaker if quote else None
        actor = quote.actor_id if quote else None
        out.append(replace(hit, stance=stance, speaker=speaker, actor_id=actor))
    return out
