"""Quote attribution for English and Russian news text: who said what.

Quotations come from :mod:`narrascope.text.quotemarks` (linear, robust pairing of «…», “…”, „…“
and "…"); short capitalised quotations without punctuation are names, not speech (движение
«Талибан», the "Moscow format"). Speakers come from :mod:`narrascope.actors.speakers` (named
mentions, pronouns resolved to the nearest compatible named actor, speaker noun phrases).

A **direct** quote (``kind="direct"``; the span between the marks, trimmed) is attributed by
1. a speech cue after the closing mark, up to the end of its sentence or the next quotation:
   ``"…," X said`` / ``"…," said X`` / ``«…», — заявил X``;
2. a cue before the opening mark in its sentence: ``X said: "…"`` / ``Как заявил X, «…»`` /
   ``according to X, the talks were "…"``;
3. a colon after a name: ``X: "…"`` / ``X: «…»``;
4. a cue in the previous sentence when it ends with a colon, or in a short next sentence
   (``— заявил X.``) when the quotation ends its sentence;
5. otherwise the speaker of the previous attributed quote in the same paragraph or of the run-on
   quotation it continues, or of the last quote of the previous paragraph when the quotation
   fills its paragraph (news style for runs of quotes).
Unattributed quotations are dropped. The Russian dialogue form «A, — заявил X. — B» gives two
quotes, A and B. Speech cues: English verb forms (said, says, told, added, stressed, warned,
noted, insisted, argued, …), "according to"; Russian lemmas (заявить, сказать, подчеркнуть,
отметить, считать, …), "по словам".

A **reported** quote (``kind="reported"``) is the clause of a sentence without a direct quote:
``X said (that) …`` / ``X told reporters that …`` / ``according to X, …`` / ``…, according to X``
/ ``…, X said.`` / ``X заявил, что …`` / ``X считает, что …`` / ``По словам X, …`` /
``Как отметил X, …`` / ``…, — заявил X.``; the span runs from after "that"/"что"/the comma to the
end of the sentence without its final punctuation (a leading dateline is skipped). A short
quoted term (three words or fewer, no punctuation) inside such a clause stays part of it
instead of becoming a direct quote of its own.

Limits: no coreference beyond pronouns and surnames; interjected attributions ("The talks,
Lavrov said, were useful.") and non-speech verbs ("described the talks as '…'") are missed.
Every scan is linear and every search window bounded: 10,000 characters without punctuation
or thousands of stray quotation marks stay fast.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from narrascope.actors.ner import ActorExtractor
from narrascope.actors.registry import ActorRegistry, default_registry
from narrascope.actors.speakers import (
    CUES,
    LISTENERS,
    NOT_CLAUSE,
    THAT,
    Cue,
    DocIndex,
    Speaker,
    SpeakerFinder,
    gap_breaks,
)
from narrascope.actors.syntax import EXTRA_EN, speech_clauses
from narrascope.records import Article, Mention, Quote, QuoteKind, Sentence
from narrascope.text.quotemarks import MARKS_RE, QuotePair, quote_pairs
from narrascope.text.tokens import base_language, scan

__all__ = ["QuoteExtractor"]

_END_PUNCT = ".!?…;:,"
# Languages whose unattributed speech sentences get a dependency parse by default: English
# (+0.05 speaker F1 on PolNeAR at ~1.5x CPU per article); Russian's rules score as well on our
# set without natasha's parser, which would cut throughput about threefold.
SYNTAX_LANGUAGES = ("en",)
_DASHES = "—–-"
_NAME_MAX_TOKENS = 3
_TERM_MAX_TOKENS = 3
_AS = frozenset({"as", "как"})
_ADDING = frozenset({"adding", "добавив"})
_DATELINE_RE = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,40},[^\n–—]{0,60}?(?:[–—]|/\.)\s*")
_INTERJECTION_RE = re.compile(r"([,.!?…])\s*[—–]\s+([^—–«»\n]{2,160}?)[.,:]\s*[—–]\s+")


@dataclass(slots=True)
class _Found:
    """An attributed span before it becomes a :class:`Quote`."""

    start: int
    end: int
    who: Speaker
    cue: str
    kind: QuoteKind
    term: bool = False


class _Rules:
    """The attribution rules for one article."""

    def __init__(self, doc: DocIndex, finder: SpeakerFinder) -> None:
        self.doc = doc
        self.find = finder

    # direct quotes -----------------------------------------------------------------------
    def direct(self, pair: QuotePair, lo: int, hi: int) -> tuple[Speaker, str, bool] | None:
        """Speaker, cue and whether it came from before the quote, for text ``[lo, hi)``."""
        doc, find = self.doc, self.find
        s_open, s_close = doc.sent_at(pair.open), doc.sent_at(pair.close)
        before_lo = max(doc.sentences[s_open].start, lo)
        after_hi = min(doc.sentences[s_close].end, hi)
        after = find.cued_speaker(pair.close + 1, after_hi, last=False)
        if after:
            return (*after, False)
        before = (
            find.cued_speaker(before_lo, pair.open, last=True)
            or find.colon_speaker(before_lo, pair.open)
            or self._previous_sentence(s_open, before_lo, pair.open, lo)
        )
        if before:
            return (*before, True)
        nxt = self._next_sentence(s_close, pair.close + 1, after_hi)
        return (*nxt, False) if nxt else None

    def _previous_sentence(self, pos: int, a: int, b: int, lo: int) -> tuple[Speaker, str] | None:
        doc = self.doc
        i, j = doc.tok_range(a, b)
        if pos == 0 or i != j or doc.para[pos] - doc.para[pos - 1] > 1:
            return None
        prev = doc.sentences[pos - 1]
        if not prev.text.rstrip().endswith(":"):
            return None
        start = max(prev.start, lo)
        return self.find.cued_speaker(start, prev.end, last=True) or self.find.colon_speaker(
            start, prev.end
        )

    def _next_sentence(self, pos: int, a: int, b: int) -> tuple[Speaker, str] | None:
        doc = self.doc
        i, j = doc.tok_range(a, b)
        if i != j or pos + 1 >= len(doc.sentences) or doc.para[pos + 1] != doc.para[pos]:
            return None
        nxt = doc.sentences[pos + 1]
        i, j = doc.tok_range(nxt.start, nxt.end)
        if j - i > 10 or MARKS_RE.search(nxt.text):
            return None
        return self.find.cued_speaker(nxt.start, nxt.end, last=False)

    def interjection(self, pair: QuotePair) -> list[_Found]:
        """«A, — заявил X. — B» -> quotes A and B of X."""
        text = self.doc.text
        match = _INTERJECTION_RE.search(text, pair.open + 1, pair.close)
        if match is None:
            return []
        who = self.find.cued_speaker(match.start(2), match.end(2), last=False)
        if who is None:
            return []
        cut = match.start(1) + (match.group(1) != ",")
        parts = [_trim_span(text, pair.open + 1, cut), _trim_span(text, match.end(), pair.close)]
        return [_Found(a, b, who[0], who[1], "direct") for a, b in parts if b > a]

    # reported speech ---------------------------------------------------------------------
    def adding(self, s: Sentence, quote: _Found) -> _Found | None:
        """``"…," she said, adding that …`` / ``— сказал он, добавив, что …`` after ``quote``."""
        tokens = self.doc.tokens
        i, j = self.doc.tok_range(quote.end, s.end)
        for k in range(i, j - 2):
            if tokens[k][3] in _ADDING and tokens[k + 1][3] in THAT:
                end = _clause_end(self.doc.text, s.start, s.end)
                return _Found(tokens[k + 2][0], end, quote.who, tokens[k][2], "reported")
        return None

    def reported(self, s: Sentence) -> _Found | None:
        """The first reported-speech clause of sentence ``s``, if any."""
        i, j = self.doc.tok_range(s.start, s.end)
        end = _clause_end(self.doc.text, s.start, s.end)
        for k in range(i, j):
            cue = self.find.cue_at(k, j)
            if cue is None:
                continue
            rule = self._verb_clause if cue[1] == "BA" else self._according
            found = rule(s, i, j, k, cue, end)
            if found is not None and found.end > found.start:
                found.start = _skip_dateline(self.doc.text, found.start, found.end)
                return found
        return None

    def _according(self, s: Sentence, i: int, j: int, k: int, cue: Cue, end: int) -> _Found | None:
        """``according to X, …`` / ``…, according to X`` / ``По словам X, …``."""
        text = self.doc.text
        who = self.find.speaker(k, cue[0], s.start, s.end, cue[1])
        if who is None:
            return None
        if k - i <= 1:
            comma = text.find(",", who.end, end)
            start = _skip_space(text, comma + 1, end) if comma >= 0 else end
            return _Found(start, end, who, cue[2], "reported")
        before = text[s.start : self.doc.tokens[k][0]].rstrip()
        if before.endswith(",") and len(before) > 3:
            return _Found(s.start, s.start + len(before) - 1, who, cue[2], "reported")
        return None

    def _verb_clause(
        self, s: Sentence, i: int, j: int, k: int, cue: Cue, end: int
    ) -> _Found | None:
        """``X said (that) …`` / ``X заявил, что …`` / ``…, X said.`` / ``…, — заявил X.``"""
        tokens = self.doc.tokens
        if k > i and tokens[k - 1][3] in _AS:
            return self._according(s, i, j, k - 1, (cue[0], "A", cue[2]), end)
        for t in range(cue[0], min(cue[0] + 8, j)):
            if tokens[t][3] in THAT:
                if t + 1 >= j:
                    return None
                who = self.find.speaker(k, cue[0], s.start, tokens[t][0], "BA")
                return _Found(tokens[t + 1][0], end, who, cue[2], "reported") if who else None
        return self._clause_before(s, j, k, cue) or self._clause_after(s, j, k, cue, end)

    def _clause_before(self, s: Sentence, j: int, k: int, cue: Cue) -> _Found | None:
        """``The talks will go on, Lavrov said.`` / ``…, — заявил Лавров журналистам.``"""
        doc = self.doc
        comma = doc.text.rfind(",", s.start, doc.tokens[k][0])
        if comma < 0:
            return None
        clause_i, clause_j = doc.tok_range(s.start, comma)
        who = self.find.speaker(k, cue[0], comma + 1, s.end, "BA")
        if who is None or clause_j - clause_i < 3:
            return None
        lead_i, lead_j = doc.tok_range(comma, min(who.start, doc.tokens[k][0]))
        tail_start = max(who.end, doc.tokens[cue[0] - 1][1])
        tail_end = doc.text.find(",", tail_start, s.end)
        tail_i, tail_j = doc.tok_range(tail_start, tail_end if tail_end >= 0 else s.end)
        if lead_j - lead_i > 2 or tail_j - tail_i > 4:
            return None
        if tail_j > tail_i and any(t[3] in _AS for t in doc.tokens[lead_i:lead_j]):
            return None  # "…, as Trump says he has ordered": "as" opens a clause of its own
        return _Found(
            s.start, s.start + len(doc.text[s.start : comma].rstrip()), who, cue[2], "reported"
        )

    def _after_as(self, k: int) -> bool:
        """Whether "as"/"как" opens the clause of the cue at ``k`` ("as President Trump says")."""
        tokens, text = self.doc.tokens, self.doc.text
        for t in range(k - 1, max(k - 5, -1), -1):
            if gap_breaks(text, tokens[t][1], tokens[t + 1][0]):
                return False
            if tokens[t][3] in _AS:
                return t == 0 or gap_breaks(text, tokens[t - 1][1], tokens[t][0])
        return False

    def _clause_after(self, s: Sentence, j: int, k: int, cue: Cue, end: int) -> _Found | None:
        """``X said: …``; English ``X said the talks …``, ``X told reporters …``, ``, saying …``."""
        doc = self.doc
        tokens, t, lower = doc.tokens, cue[0], doc.tokens[k][3]
        if t < j and lower == "told" and tokens[t][3] in LISTENERS:
            t += 1
        if t >= j or j - t < 3 or tokens[t][3] in NOT_CLAUSE:
            return None
        if (k and tokens[k - 1][3] in _AS) or self._after_as(k):
            return None  # "…, as President Trump says he has ordered": a comparison
        colon = ":" in doc.text[tokens[t - 1][1] : tokens[t][0]]
        plain = lower in ("said", "says", "told", "saying") and not gap_breaks(
            doc.text, tokens[t - 1][1], tokens[t][0]
        )
        if not (colon or plain):
            return None
        who = self.find.speaker(k, k + 1, s.start, tokens[k][0], "B")
        if who is None or (lower == "saying" and who.rank > 1):
            return None
        return _Found(tokens[t][0], end, who, cue[2], "reported")


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _skip_dateline(text: str, start: int, end: int) -> int:
    match = _DATELINE_RE.match(text, start, end)
    return match.end() if match else start


def _clause_end(text: str, start: int, end: int) -> int:
    """``end`` without trailing spaces, final punctuation and closing marks."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in _END_PUNCT + "»”\"'"):
        end -= 1
    return end


def _trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    a = _skip_space(text, a, b)
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# -- extractor --------------------------------------------------------------------------------
class QuoteExtractor:
    """Direct and reported quotes of an article, attributed to speakers.

    Args:
        registry: actor registry used for noun-phrase speakers and, when no mentions are
            given, to find named actors (default: the shipped registry).

    Example:
        >>> quotes = QuoteExtractor().extract(article, sentences, mentions)  # doctest: +SKIP
        >>> [(q.speaker, q.kind, q.text) for q in quotes]  # doctest: +SKIP
        [('lavrov', 'direct', 'We are ready to help.')]
    """

    def __init__(
        self,
        registry: ActorRegistry | None = None,
        *,
        syntax: Sequence[str] = SYNTAX_LANGUAGES,
    ) -> None:
        self.registry = registry or default_registry()
        self.syntax = tuple(syntax)

    def extract(
        self,
        article: Article,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention] | None = None,
    ) -> list[Quote]:
        """Quotes of ``article`` (offsets into ``article.text``), in text order.

        ``mentions`` come from :class:`~narrascope.actors.ActorExtractor`; when empty or None,
        registry aliases stand in for them (known actors only, no model needed).
        """
        if not sentences or not article.text:
            return []
        # models are in use (mentions given): parse too, in the languages asked for
        parse = base_language(article.language) in self.syntax and mentions is not None
        if not mentions:
            mentions = ActorExtractor(self.registry).extract(
                article, sentences, only_sentences=set()
            )
        doc = DocIndex(article, sentences, mentions)
        pairs = [p for p in quote_pairs(doc.text, doc.para_spans) if not _is_name(doc, p)]
        doc.quoted = [(p.open + 1, p.close) for p in pairs]
        rules = _Rules(doc, SpeakerFinder(doc, self.registry))
        direct = _direct(doc, rules, pairs)
        reported = _reported(doc, rules, direct)
        covered = [(f.start, f.end) for f in reported]
        kept = [f for f in direct if not (f.term and _inside(f, covered))]
        found = sorted(kept + reported, key=lambda f: f.start)
        if parse:
            found = sorted(found + _parsed(doc, rules.find, found), key=lambda f: f.start)
        _name_bare_nouns(doc, found)
        return [_record(doc, f) for f in found]

    def candidate_sentences(self, article: Article, sentences: Sequence[Sentence]) -> set[int]:
        """Indices of sentences that may hold a quote (marks or cues) and of the ones before.

        Run NER on these only: ``ActorExtractor.extract(..., only_sentences=...)``.
        """
        lang = base_language(article.language)
        cues = CUES | {"according", "словам", "данным", "информации"}
        picked: set[int] = set()
        for s in sentences:
            tokens = scan(s.text, lang)
            words = {t[3] for t in tokens} | {t[4] for t in tokens}
            if MARKS_RE.search(s.text) or not cues.isdisjoint(words):
                picked.update((s.index, s.index - 1))
        return {i for i in picked if i >= 0}


def _direct(doc: DocIndex, rules: _Rules, pairs: list[QuotePair]) -> list[_Found]:
    found: dict[int, _Found] = {}
    parts: list[_Found] = []
    for n, pair in enumerate(pairs):
        split = rules.interjection(pair)
        if split:
            parts.extend(split)
            found[n] = split[-1]
            continue
        lo = pairs[n - 1].close + 1 if n else 0
        hi = pairs[n + 1].open if n + 1 < len(pairs) else len(doc.text)
        hit = rules.direct(pair, lo, hi)
        if hit is not None:
            a, b = _trim_span(doc.text, pair.open + 1, pair.close)
            found[n] = _Found(a, b, hit[0], hit[1], "direct", term=hit[2] and _is_term(doc, a, b))
    _continue_speakers(doc, pairs, found)
    in_parts = {id(f) for f in parts}
    return parts + [f for f in found.values() if id(f) not in in_parts and f.end > f.start]


def _reported(doc: DocIndex, rules: _Rules, direct: list[_Found]) -> list[_Found]:
    """Reported clauses of sentences without a direct quote, and "…," X said, adding that …"""
    quoted = sorted((f for f in direct if not f.term), key=lambda f: f.start)
    starts = [f.start for f in quoted]
    out = []
    for s in doc.sentences:
        k = bisect.bisect_left(starts, s.end)
        last = quoted[k - 1] if k and quoted[k - 1].end > s.start else None
        hit = rules.reported(s) if last is None else rules.adding(s, last)
        if hit is not None:
            out.append(hit)
    return out


def _parsed(doc: DocIndex, finder: SpeakerFinder, found: list[_Found]) -> list[_Found]:
    """Reported speech from the dependency parse of sentences the rules left without a quote
    that hold a speech verb (see :mod:`narrascope.actors.syntax`)."""
    if doc.lang not in ("en", "ru"):
        return []
    verbs = CUES | EXTRA_EN if doc.lang == "en" else CUES
    taken = sorted((f.start, f.end) for f in found)
    spans = []
    for s in doc.sentences:
        if any(a < s.end and s.start < b for a, b in taken):
            continue
        i, j = doc.tok_range(s.start, s.end)
        if any(t[3] in verbs or t[4] in verbs for t in doc.tokens[i:j]):
            spans.append((s.start, s.end))
    out = []
    for clause in speech_clauses(doc.text, spans, doc.lang, verbs):
        who = finder.subject_speaker(clause)
        if who is None or clause.content_end <= clause.content_start:
            continue
        inside = [
            q
            for q in doc.quoted
            if q[0] - 1 <= clause.content_start and clause.content_end <= q[1] + 1
        ]
        if inside:  # the clause is a quotation the rules left unattributed: a direct quote
            a, b = _trim_span(doc.text, *inside[0])
            out.append(_Found(a, b, who, clause.cue, "direct"))
        else:
            out.append(
                _Found(clause.content_start, clause.content_end, who, clause.cue, "reported")
            )
    return out


def _name_bare_nouns(doc: DocIndex, found: list[_Found]) -> None:
    """ "— добавила дипломат", "the envoy said": the last named person quoted nearby."""
    last: _Found | None = None
    for f in found:
        if f.who.bare and last is not None:
            if doc.para[doc.sent_at(f.start)] - doc.para[doc.sent_at(last.start)] <= 2:
                f.who = last.who
        elif f.who.rank == 0 and not f.who.bare:
            last = f


def _inside(f: _Found, spans: list[tuple[int, int]]) -> bool:
    return any(a <= f.start and f.end <= b for a, b in spans)


def _is_term(doc: DocIndex, a: int, b: int) -> bool:
    i, j = doc.tok_range(a, b)
    return j - i <= _TERM_MAX_TOKENS and b > a and doc.text[b - 1] not in _END_PUNCT


def _record(doc: DocIndex, f: _Found) -> Quote:
    first = doc.sentences[doc.sent_at(f.start)]
    last = doc.sentences[doc.sent_at(max(f.end - 1, f.start))]
    return Quote(
        article_id=doc.article_id,
        speaker=f.who.speaker,
        cue=f.cue,
        char_start=f.start,
        char_end=f.end,
        sentence_start=first.index,
        sentence_end=last.index,
        kind=f.kind,
        text=doc.text[f.start : f.end],
        actor_id=f.who.actor_id,
        actor_key=doc.speaker_key(f.who),
    )


def _is_name(doc: DocIndex, pair: QuotePair) -> bool:
    """Short capitalised quotations without punctuation are names, not speech."""
    a, b = _trim_span(doc.text, pair.open + 1, pair.close)
    inner = doc.text[a:b]
    i, j = doc.tok_range(a, b)
    if not inner or j - i > _NAME_MAX_TOKENS or not inner[0].isupper():
        return False
    if inner[-1] in _END_PUNCT:  # a title with the sentence's full stop: on CNN's "New Day."
        words = inner[:-1].split()
        if inner[-1] not in ".," or len(words) < 2 or not all(w[:1].isupper() for w in words):
            return False
    before = doc.text[max(pair.open - 3, 0) : pair.open].rstrip()
    after = doc.text[pair.close + 1 : pair.close + 4].lstrip(" ,.!?")
    return not before.endswith(":") and not after.startswith(tuple(_DASHES))


def _continue_speakers(doc: DocIndex, pairs: list[QuotePair], found: dict[int, _Found]) -> None:
    """Give unattributed quotations the speaker of the quote they continue."""
    by_group = {pairs[n].group: f for n, f in found.items()}
    last_in_para: dict[int, _Found] = {}
    for n, pair in enumerate(pairs):
        para = doc.para[doc.sent_at(pair.open)]
        if n not in found:
            source = by_group.get(pair.group) or last_in_para.get(para)
            if source is None and _fills_paragraph(doc, pair):
                source = last_in_para.get(para - 1)
            if source is not None:
                a, b = _trim_span(doc.text, pair.open + 1, pair.close)
                found[n] = _Found(a, b, source.who, source.cue, "direct")
        if n in found:
            last_in_para[para] = found[n]


def _fills_paragraph(doc: DocIndex, pair: QuotePair) -> bool:
    """Whether the quotation is (nearly) all of its paragraph."""
    lo, hi = doc.para_spans[doc.para[doc.sent_at(pair.open)]]
    before, after = doc.tok_range(lo, pair.open), doc.tok_range(pair.close + 1, hi)
    return before[1] - before[0] + after[1] - after[0] <= 1
