"""The stance of a narrative hit: whose voice carries it, and whether it is rejected.

Three stances (``Hit.stance``):
- **rejected**: the evidence is negated, denied or rebutted. A rejection word in the hit's
  *clause* before the evidence or at most six words after it (reject, deny, dismiss, refute,
  rebut, debunk, baseless, unfounded, false, myth, nonsense …; отвергнуть, опровергнуть,
  отрицать, беспочвенный, голословный, ложь, миф, «не соответствует действительности» …),
  or a negation or distancing word in the three words before the evidence (not, no, never,
  so-called; не, нет, никогда, якобы, так называемый). "Western diplomats rejected the claim
  of double standards" is a rejected double-standards hit. A clause ends at ``;``, ``:``, a
  spaced dash, a contrast word (but, however, while; но, однако, хотя), a comma before a
  speech participle, conjunction or relative pronoun (", saying", ", and", ", which";
  «, заявив», «, а», «, который») and "and" before a speech or accusation verb ("and
  said"; «и заявил»): "Moscow rejected the sanctions, saying Washington applies double
  standards" does not reject the double standards. Evidence that is a whole sentence (the
  embedding detector's) is rejected when the sentence is one clause holding a rejection word,
  or begins with a negation ("There are no …" does not count: only the rejection words and
  a sentence-initial not/never/no/нет/не).
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

from narrascope.actors.wordlists import load_word_lists
from narrascope.records import Hit, Quote, Sentence
from narrascope.text.tokens import Scanned, base_language, scan

__all__ = ["STANCES", "assign_stances", "stance_of"]

STANCES = ("asserted", "attributed", "rejected")
_AFTER_WORDS = 6
_BEFORE_WORDS = 3


_SENTENCE_NEGATION = frozenset({"not", "never", "no", "нет", "не", "никогда"})
_Lists = dict[str, frozenset[str]]


@cache
def _lists() -> _Lists:
    return load_word_lists("stance.yaml")


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


def _opens_clause(tokens: Sequence[Scanned], k: int, text: str, lists: _Lists) -> bool:
    """Whether a new clause starts at token ``k`` (``text`` is the sentence's text)."""
    gap = text[tokens[k - 1][1] : tokens[k][0]]
    word, lemma = tokens[k][3], tokens[k][4]
    if any(mark in gap for mark in ";:") or " - " in gap or "—" in gap or "–" in gap:
        return True
    if word in lists["clause_opener"]:
        return True
    if "," in gap and word in lists["comma_opener"]:
        return True
    if lemma in ("and", "и") and k + 1 < len(tokens):
        return tokens[k + 1][4] in lists["and_verb"] or tokens[k + 1][3] in lists["and_verb"]
    return False


def _clause(
    tokens: Sequence[Scanned], first: int, last: int, text: str, lists: _Lists
) -> tuple[int, int]:
    """Token range ``[lo, hi)`` of the clause holding tokens ``first .. last - 1``."""
    lo = first
    while lo > 0 and not _opens_clause(tokens, lo, text, lists):
        lo -= 1
    hi = max(last, first + 1)
    while hi < len(tokens) and not _opens_clause(tokens, hi, text, lists):
        hi += 1
    return lo, hi


def _rejected(hit: Hit, sentence: Sentence, language: str) -> bool:
    lists = _lists()
    tokens = scan(sentence.text, language)
    if not tokens:
        return False
    starts = [t[0] + sentence.start for t in tokens]
    first = bisect.bisect_left(starts, hit.char_start)
    last = bisect.bisect_left(starts, hit.char_end)
    if first == 0 and last >= len(tokens):  # the whole sentence is the evidence
        return _rejects_whole(tokens, sentence.text, lists)
    lo, hi = _clause(tokens, first, last, sentence.text, lists)
    before, after = tokens[lo:first], tokens[last : min(last + _AFTER_WORDS, hi)]
    if _has(before, lists["rejection"]) or _has(after, lists["rejection"]):
        return True
    return _has(tokens[max(first - _BEFORE_WORDS, lo) : first], lists["negation"])


def _rejects_whole(tokens: Sequence[Scanned], text: str, lists: _Lists) -> bool:
    """A one-clause sentence with a rejection word, or one opening with a negation."""
    if tokens[0][3] in _SENTENCE_NEGATION:
        return True
    one_clause = not any(_opens_clause(tokens, k, text, lists) for k in range(1, len(tokens)))
    return one_clause and _has(tokens, lists["rejection"])


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
