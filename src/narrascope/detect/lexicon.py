"""The lexicon detector: lemma-aware cue patterns from the codebook, with negation.

Cues (pattern language in :mod:`narrascope.codebook`) are compiled once per codebook version
and indexed by the lemma, surface or prefix of their first term, so a sentence costs one dict
look-up per token plus the few cues that can start there.

Rules:
    - Each cue match becomes evidence for its own narrative only; parent narratives are
      added later by the pipeline.
    - Matches of one narrative that overlap in a sentence are merged into one hit over the
      union of their spans (score = the highest weight, capped at 1.0), so a phrase matched by
      two cues counts once. Disjoint matches give separate hits.
    - A match is negated, and gives no hit, when a negator stands among the ``negation_window``
      (3) tokens before its first token, unless the cue says ``negatable: false``. Negators
      are lemmas: EN not/n't, no, never, nor, without, cannot, deny, reject*, dismiss*;
      RU не, нет, ни, никогда, без, никакой, отрица*, отверг*. "not only", "не только" and
      "не лишь" do not negate.
    - Sentences in a language the codebook does not cover are skipped.
    - Cue and text words are compared folded (:mod:`narrascope.text.fold`: invisible characters,
      full-width forms and Latin/Cyrillic look-alikes), so "Mоscоw" with Cyrillic "о" matches
      ``Moscow``; offsets and evidence stay those of the original text.

Example:
    >>> from narrascope.codebook import load_codebook
    >>> det = LexiconDetector()
    >>> [m.narrative for m in det.explain(
    ...     "Washington applies double standards.", "en", load_codebook("crisis-diplomacy"))]
    ['double-standards']
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from narrascope.codebook import Codebook
from narrascope.codebook.cues import EXACT, PREFIX, WORD, Alternative, parse_cue
from narrascope.detect._base import register_detector
from narrascope.records import Hit, Sentence
from narrascope.text.fold import fold
from narrascope.text.tokens import Scanned, base_language, scan

__all__ = ["NEGATORS", "CueMatch", "LexiconDetector"]

NEGATORS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "en": (
        frozenset({"not", "no", "never", "nor", "without", "cannot", "deny"}),
        ("reject", "dismiss"),
    ),
    "ru": (frozenset({"не", "нет", "ни", "никогда", "без", "никакой"}), ("отрица", "отверг")),
}
_NOT_NEGATING_NEXT = {"en": frozenset({"only"}), "ru": frozenset({"только", "лишь"})}
_PREFIX_KEY = 3
_CACHE_VERSIONS = 8
_CANDIDATE_CACHE = 1 << 17

# A compiled term: (lemmas and lowercased words, prefixes, exact surfaces).
Term = tuple[frozenset[str], tuple[str, ...], frozenset[str]]
Span = tuple[int, int, float]  # (start, end, score) in sentence characters


@dataclass(frozen=True, slots=True)
class CueMatch:
    """One cue match in a sentence (offsets into the sentence text), negated or not."""

    narrative: str
    pattern: str
    start: int
    end: int
    text: str
    weight: float
    negated: bool = False
    negator: str | None = None


@dataclass(frozen=True, slots=True)
class _Rule:
    """A compiled cue. ``need``: words one later term requires (a cheap per-sentence filter)."""

    narrative: str
    pattern: str
    first: tuple[Alternative, ...]
    first_term: Term
    rest: tuple[tuple[int, Term], ...]
    need: frozenset[str] | None
    weight: float
    negatable: bool


@dataclass(slots=True)
class _Index:
    """The compiled cues of one language, keyed by what their first term can match."""

    language: str
    by_word: dict[str, list[_Rule]] = field(default_factory=dict)
    by_exact: dict[str, list[_Rule]] = field(default_factory=dict)
    by_prefix: dict[str, list[_Rule]] = field(default_factory=dict)
    cache: dict[str, tuple[_Rule, ...]] = field(default_factory=dict)

    def add(self, rule: _Rule) -> None:
        for alt in rule.first:
            if alt.kind == WORD:
                for key in {alt.text, alt.lemma}:
                    self.by_word.setdefault(key, []).append(rule)
            elif alt.kind == PREFIX:
                self.by_prefix.setdefault(alt.text[:_PREFIX_KEY], []).append(rule)
            else:
                self.by_exact.setdefault(alt.text, []).append(rule)

    def candidates(self, surface: str, lower: str, lemma: str) -> tuple[_Rule, ...]:
        """Rules whose first term may match this token (cached by surface)."""
        found = self.cache.get(surface)
        if found is None:
            found = self._lookup(surface, lower, lemma)
            if len(self.cache) >= _CANDIDATE_CACHE:
                self.cache.clear()
            self.cache[surface] = found
        return found

    def _lookup(self, surface: str, lower: str, lemma: str) -> tuple[_Rule, ...]:
        rules: list[_Rule] = []
        for key in {lower, lemma}:
            rules += self.by_word.get(key, ())
            rules += self.by_prefix.get(key[:_PREFIX_KEY], ())
        rules += self.by_exact.get(fold(surface), ())
        return tuple({id(r): r for r in rules}.values())


def _term(alts: tuple[Alternative, ...]) -> Term:
    words = {w for a in alts if a.kind == WORD for w in (a.text, a.lemma)}
    prefixes = tuple(a.text for a in alts if a.kind == PREFIX)
    exact = frozenset(a.text for a in alts if a.kind == EXACT)
    return frozenset(words), prefixes, exact


def _need(rest: tuple[tuple[int, Term], ...]) -> frozenset[str] | None:
    """The smallest word set among later terms made only of plain words, if any."""
    plain = [words for _, (words, prefixes, exact) in rest if not prefixes and not exact]
    return min(plain, key=len) if plain else None


def _compile(codebook: Codebook, language: str) -> _Index:
    index = _Index(language)
    for narrative in codebook.narratives_for(language):
        for cue in narrative.block(language).cues:
            parsed = parse_cue(cue.pattern, language)
            rest = tuple(
                (gap, _term(term)) for gap, term in zip(parsed.gaps, parsed.terms[1:], strict=True)
            )
            rule = _Rule(
                narrative=narrative.id,
                pattern=cue.pattern,
                first=parsed.terms[0],
                first_term=_term(parsed.terms[0]),
                rest=rest,
                need=_need(rest),
                weight=cue.weight,
                negatable=cue.negatable,
            )
            index.add(rule)
    return index


_COMPILED: OrderedDict[str, dict[str, _Index]] = OrderedDict()
_COMPILED_LOCK = threading.Lock()


def _indexes(codebook: Codebook) -> dict[str, _Index]:
    """Compiled cue indexes per language, cached by codebook version (thread-safe)."""
    with _COMPILED_LOCK:
        found = _COMPILED.get(codebook.version)
        if found is None:
            found = {lang: _compile(codebook, lang) for lang in codebook.languages}
            _COMPILED[codebook.version] = found
            while len(_COMPILED) > _CACHE_VERSIONS:
                _COMPILED.popitem(last=False)
        else:
            _COMPILED.move_to_end(codebook.version)
        return found


def _possessive(surface: str) -> bool:
    return surface.endswith(("'s", "’s"))


def _term_ok(term: Term, token: Scanned) -> bool:
    words, prefixes, exact = term
    _, _, surface, lower, lemma = token
    if lemma in words or lower in words:
        return True
    if prefixes and (lemma.startswith(prefixes) or lower.startswith(prefixes)):
        return True
    if not exact:
        return False
    surface = fold(surface)
    return surface in exact or (surface[:-2] in exact and _possessive(surface))


def _match_rest(
    rule: _Rule, k: int, tokens: list[Scanned], prev: int, failed: dict[int, set[int]]
) -> int | None:
    """Token index where the rule's terms ``k``.. end, matching after token ``prev``.

    The first match in depth-first order (earliest token for each term) wins. ``failed[id(rule)]``
    remembers the states ``k * len(tokens) + prev`` that cannot be completed, so no state is
    explored twice: a cue costs at most terms x tokens x (gap + 1) steps per sentence instead
    of exponential backtracking.
    """
    gap, term = rule.rest[k]
    stop = min(prev + 2 + gap, len(tokens))
    if k == len(rule.rest) - 1:  # the last term: nothing to backtrack into
        for j in range(prev + 1, stop):
            if _term_ok(term, tokens[j]):
                return j
        return None
    dead = failed.setdefault(id(rule), set())
    state = k * len(tokens) + prev
    if state in dead:
        return None
    for j in range(prev + 1, stop):
        if _term_ok(term, tokens[j]):
            end = _match_rest(rule, k + 1, tokens, j, failed)
            if end is not None:
                return end
    dead.add(state)
    return None


@register_detector("lexicon")
class LexiconDetector:
    """Finds cue matches from the codebook in sentences (see the module docstring).

    Args:
        negation: Apply the negation rule (on by default).
        negation_window: How many tokens before a match are searched for a negator.
    """

    name = "lexicon"

    def __init__(self, *, negation: bool = True, negation_window: int = 3) -> None:
        self.negation = negation
        self.negation_window = negation_window

    def fit(self, sentences: Sequence[Sentence], labels: Sequence[Collection[str]]) -> None:
        """No training: the lexicon is the codebook."""
        return None

    def _negator(self, tokens: list[Scanned], first: int, language: str) -> int | None:
        """Index of a negator among the tokens before ``first``, if any."""
        words, prefixes = NEGATORS.get(language, (frozenset(), ()))
        skip = _NOT_NEGATING_NEXT.get(language, frozenset())
        for k in range(first - 1, max(-1, first - 1 - self.negation_window), -1):
            lemma = tokens[k][4]
            if (lemma in words or lemma.startswith(prefixes)) and tokens[k + 1][3] not in skip:
                return k
        return None

    def _matches(
        self, tokens: list[Scanned], index: _Index
    ) -> list[tuple[_Rule, int, int, int | None]]:
        """All ``(rule, first, last, negator)`` matches in a token list."""
        out: list[tuple[_Rule, int, int, int | None]] = []
        cache, candidates = index.cache, index.candidates
        vocab: set[str] | None = None
        failed: dict[int, set[int]] = {}  # dead ends per rule, shared by all start tokens
        for i, token in enumerate(tokens):
            rules = cache.get(token[2])
            if rules is None:
                rules = candidates(token[2], token[3], token[4])
            for rule in rules:
                if rule.need is not None:
                    if vocab is None:
                        vocab = {t[4] for t in tokens} | {t[3] for t in tokens}
                    if rule.need.isdisjoint(vocab):
                        continue
                if not _term_ok(rule.first_term, token):
                    continue
                last = _match_rest(rule, 0, tokens, i, failed) if rule.rest else i
                if last is None:
                    continue
                negator = None
                if self.negation and rule.negatable:
                    negator = self._negator(tokens, i, index.language)
                out.append((rule, i, last, negator))
        return out

    def _sentence_hits(self, sentence: Sentence, index: _Index) -> list[Hit]:
        tokens = scan(sentence.text, index.language)
        spans: dict[str, list[Span]] = {}
        for rule, first, last, negator in self._matches(tokens, index):
            if negator is None:
                spans.setdefault(rule.narrative, []).append(
                    (tokens[first][0], tokens[last][1], min(1.0, rule.weight))
                )
        hits = []
        for narrative, found in spans.items():
            for start, end, score in _merge(found):
                hits.append(
                    Hit(
                        article_id=sentence.article_id,
                        sentence_index=sentence.index,
                        char_start=sentence.start + start,
                        char_end=sentence.start + end,
                        narrative=narrative,
                        detector=self.name,
                        score=score,
                        evidence=sentence.text[start:end],
                    )
                )
        return sorted(hits, key=lambda h: (h.char_start, h.char_end, h.narrative))

    def detect(self, sentences: Sequence[Sentence], codebook: Codebook) -> list[Hit]:
        """Hits for every non-negated cue match, in sentence order, then by offset.

        Args:
            sentences: Sentences of one or more articles; each is read in its own language.
            codebook: The codebook whose cues to look for.

        Returns:
            Hits with offsets into the article text (``sentence.start`` + offset).
        """
        indexes = _indexes(codebook)
        hits: list[Hit] = []
        for sentence in sentences:
            index = indexes.get(base_language(sentence.language))
            if index is not None:
                hits.extend(self._sentence_hits(sentence, index))
        return hits

    def explain(self, sentence_text: str, language: str, codebook: Codebook) -> list[CueMatch]:
        """Every cue match in one sentence, negated ones included, in text order."""
        index = _indexes(codebook).get(base_language(language))
        if index is None:
            return []
        tokens = scan(sentence_text, index.language)
        out = []
        for rule, first, last, negator in self._matches(tokens, index):
            start, end = tokens[first][0], tokens[last][1]
            out.append(
                CueMatch(
                    narrative=rule.narrative,
                    pattern=rule.pattern,
                    start=start,
                    end=end,
                    text=sentence_text[start:end],
                    weight=rule.weight,
                    negated=negator is not None,
                    negator=tokens[negator][2] if negator is not None else None,
                )
            )
        return sorted(out, key=lambda m: (m.start, m.end, m.narrative, m.pattern))


def _merge(spans: list[Span]) -> list[Span]:
    """Merge overlapping ``(start, end, score)`` spans; the merged score is the maximum."""
    spans.sort()
    merged = [spans[0]]
    for start, end, score in spans[1:]:
        last_start, last_end, last_score = merged[-1]
        if start < last_end:
            merged[-1] = (last_start, max(last_end, end), max(last_score, score))
        else:
            merged.append((start, end, score))
    return merged
