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

Russian news (Telegram posts) also gives reported quotes without a speech verb: a source before
a colon that opens the sentence (``Песков: США …``) or after a final dash (``…, — ТАСС`` /
``… — украинские СМИ``); ``Об этом сообщил X`` gives the previous sentence (or its own clause)
to X; ``сообщают о …`` / ``обещает вложить …`` take the object as content; the paragraph or
the bullet lines after a speech colon (``заявляют эксперты:``, ``Главные заявления X:``) are X's.
Markdown marks ("[сообщает](https://…)", "**") read as spaces; a title phrase
(«Представитель Кремля») names the person quoted just before, a bare «издание» the last outlet.

English news also gives: ''…'' (archives' two apostrophes) read as quotation marks; a person
or body before a colon that opens the sentence (``Graham: Trump's rhetoric …``; a lone
surname of someone named in full elsewhere counts); an interjected attribution (``The talks,
Lavrov said, were useful.``: the whole sentence); "according to a new poll"; the listener
after "told" (``told Fox News he …``) left out of the content; and, from the parse, beliefs,
plans, polls and namings (see :mod:`narrascope.actors.syntax`).

Limits: no coreference beyond pronouns and surnames; verbs of judgement ("endorsed X",
"criticized the deal") are not attributions of content.
Every scan is linear and every search window bounded: 10,000 characters without punctuation
or thousands of stray quotation marks stay fast.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from narrascope.actors.ner import ActorExtractor
from narrascope.actors.registry import ActorRegistry, default_registry
from narrascope.actors.speakers import (
    CUES,
    DOCUMENT_NOUNS,
    LISTENERS,
    MEDIA_NOUNS,
    NOT_CLAUSE,
    NP_STOP,
    THAT,
    TITLE_NOUNS,
    Cue,
    DocIndex,
    Speaker,
    SpeakerFinder,
    gap_breaks,
    is_cue,
)
from narrascope.actors.syntax import (
    ATTRIBUTION_EN,
    BEYOND_SPEECH_EN,
    EXTRA_EN,
    Clause,
    speech_clauses,
)
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
_ABOUT = frozenset({"о", "об"})
_SAY = frozenset(
    {"говорить", "сказать", "рассказать", "рассказывать", "утверждать", "писать"}
    | {"поинтересоваться", "интересоваться"}  # «…, введет ли Запад санкции»
)
_NAMING = frozenset({"назвать", "называть"})  # «назвал X Y»: a claim (the guideline's)
_PROMISE = frozenset({"обещать", "пообещать", "призвать", "призывать"})
_BULLETS = "—–-•▪●◦🔹🔸🔻✅"
_ANAPHORIC_HEADS = (
    DOCUMENT_NOUNS
    | MEDIA_NOUNS
    | frozenset({"компания", "ведомство", "министерство", "банк", "пресс-служба", "авиакомпания"})
)
_SPEECH_NOUNS = frozenset({"заявление", "речь", "слово", "тезис", "выступление", "интервью"})
_RU_PREP = frozenset({"в", "во", "на", "после", "перед", "при", "по", "у", "со", "с", "из"})
_LABELS = frozenset({"upd", "update", "важно", "срочно", "видео", "фото", "главное", "итог"})
_THIS = frozenset({"этом", "том"})
_DATELINE_RE = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,40},[^\n–—]{0,60}?(?:[–—]|/\.)\s*")
# English headline and transcript speech: "Graham: Trump's rhetoric …", "SANDERS: We …"
_COLON_LEAD_RE = re.compile(r"([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(?=\S)")
_INTERJECTION_RE = re.compile(r"([,.!?…])\s*[—–]\s+([^—–«»\n]{2,160}?)[.,:]\s*[—–]\s+")
# Russian news without a speech verb: "Песков: США …" and "… эскалацию, — СМИ."
# (and "Захарова о заявлении Байдена: …", "Путин — о переговорах: …": the topic after the name)
_RU_COLON_LEAD_RE = re.compile(
    r"\W{0,8}?([А-ЯЁA-Z][\w.’'-]*(?: [А-ЯЁA-Z][\w.’'-]*){0,3})"
    r"(?:\s+[—–]?\s*(?:о|об|обо|про)\s[^:\n«»\"]{1,80}?)?:\s+(?=\S)"
)
_RU_SOURCE_DASH_RE = re.compile(r"\s[—–-]\s+(?=[\w«\"])")
_SOURCE_TAIL_MAX_TOKENS = 8
# Telegram markdown: link brackets and targets, bold and italics marks
_MARKUP_RE = re.compile(r"\[(?=[^\]\n]{0,300}\]\()|\]\([^)\s]{1,800}\)|\*\*|__")


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
        if not doc.text[prev.start : prev.end].rstrip().endswith(":"):  # "**Зеленский:**"
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
        if self.doc.lang == "ru":
            return (
                self._about_this(s, i, j)
                or self._ru_colon_lead(s, end)
                or self._source_dash(s)
                or self._naming(s, i, j, end)
            )
        return self._colon_lead(s, end) if self.doc.lang == "en" else None

    def outer(self, s: Sentence, inner: _Found) -> _Found | None:
        """``X считает, что …, сообщил Ренхап``: the attribution that closes the sentence
        around ``inner`` (whose content then ends before it), if any."""
        doc = self.doc
        i, j = doc.tok_range(inner.start, s.end)
        for k in range(j - 1, i, -1):
            cue = self.find.cue_at(k, j)
            if cue is None or cue[1] != "BA" or doc.tokens[k][0] >= inner.end:
                continue
            if cue[2] == inner.cue:
                return None  # "С начала августа, как уточнили в МЧС, …": the inner one itself
            found = self._clause_before(s, j, k, cue)
            if found is None or found.end <= inner.start:
                return None
            comma = doc.text.rfind(",", inner.start, doc.tokens[k][0])
            inner.end = _clause_end(doc.text, inner.start, comma)
            return found
        return None

    def coordinated(self, hit: _Found) -> _Found | None:
        """«Эмманюэль Макрон и премьер Британии Кир Стармер заявили о …»: the first of two
        named persons joined by «и» before a plural verb says it too."""
        doc = self.doc
        if hit.who.ner != "PER" or not hit.cue.endswith("ли"):
            return None
        k = bisect.bisect_left(doc.tstarts, hit.who.start)
        for t in range(k - 1, max(k - 5, 0), -1):
            if gap_breaks(doc.text, doc.tokens[t][1], doc.tokens[t + 1][0]):
                return None
            if doc.tokens[t][3] == "и":
                first = doc.mention_at(doc.tokens[t - 1][0])
                if first is None or self.find.ner_type(first) != "PER":
                    return None
                who = self.find.from_mention(first, first.char_start, first.char_end)
                return _Found(hit.start, hit.end, who, hit.cue, hit.kind)
        return None

    def _ru_colon_lead(self, s: Sentence, end: int) -> _Found | None:
        """``Песков: США каждый раз …`` / ``Bloomberg: Ким Чен Ын …`` (a person or body named
        right before a colon that opens the sentence)."""
        doc = self.doc
        match = _RU_COLON_LEAD_RE.match(doc.text, s.start, s.end)
        if match is None:
            return None
        i, j = doc.tok_range(match.end(), end)
        if j - i < 3 or MARKS_RE.match(doc.text, match.end()):
            return None  # "Песков: «…»" is a direct quote
        if match.group(1).lower() in _LABELS:
            return None
        found = self.find.colon_speaker(match.start(1), match.end())
        if found is None or found[0].rank > 1:
            return None
        return _Found(match.end(), end, found[0], ":", "reported")

    def _naming(self, s: Sentence, i: int, j: int, end: int) -> _Found | None:
        """«Силуанов назвал хранение сбережений в долларах личным делом»: a naming verb with an
        object and an instrumental predicate is the subject's claim (the words after the verb;
        the whole clause when the predicate comes first: «Главным приоритетом он назвал …»)."""
        tokens = self.doc.tokens
        for k in range(i, j):
            if tokens[k][4] not in _NAMING or _pos(tokens[k][2]) != "VERB":
                continue
            after = tokens[k + 1 : j]
            if (
                len(after) < 2
                or any(
                    t[3] == "честь" or (t[2][:1].isupper() and _instrumental(t[2])) for t in after
                )
                or any(t[3] == "себя" for t in after[:3])
            ):
                return None  # "назвали сына Иваном в честь деда", "назвал себя …"
            before = [t for t in tokens[i:k] if _instrumental(t[2])]
            if not before and not any(_instrumental(t[2]) for t in after[1:8]):
                return None
            who = self.find.speaker(k, k + 1, s.start, tokens[k][0], "B")
            if who is None or who.rank > 1:
                return None
            start = s.start if before else after[0][0]
            return _Found(start, end, who, tokens[k][2], "reported")
        return None

    def _source_dash(self, s: Sentence) -> _Found | None:
        """``Взрывы в Киеве, — украинские СМИ.`` / ``… Газпромбанком — ТАСС``: a source
        named after a final dash (no verb there), the text before it its content."""
        doc = self.doc
        dashes = list(_RU_SOURCE_DASH_RE.finditer(doc.text, s.start, s.end))
        if not dashes:
            return None
        dash = dashes[-1]
        tail_end = _clause_end(doc.text, dash.end(), s.end)
        i, j = doc.tok_range(dash.end(), tail_end)
        for t in range(i, j - 1):
            if (doc.tokens[t][3], doc.tokens[t + 1][3]) == ("со", "ссылкой"):
                j = t  # "— The Guardian со ссылкой на министра"
                break
        content_end = _clause_end(doc.text, s.start, dash.start())
        ci, cj = doc.tok_range(s.start, content_end)
        if cj - ci < 3 or not 0 < j - i <= _SOURCE_TAIL_MAX_TOKENS:
            return None
        if any(_is_verb(t[2]) for t in doc.tokens[i:j]):
            return None  # "… — Путин подписал указ": a clause, not a source
        who = self.find.source_after_dash(i, j)
        if who is None:
            return None
        start = _skip_space(doc.text, s.start, content_end)
        cue = doc.text[dash.start() : dash.end()].strip()
        return _Found(start, content_end, who, cue, "reported")

    def _about_this(self, s: Sentence, i: int, j: int) -> _Found | None:
        """``Об этом сообщили в пресс-службе X.``: the previous sentence, said by X."""
        doc = self.doc
        tokens = doc.tokens
        if j - i < 3 or (tokens[i][3], tokens[i + 1][3]) != ("об", "этом"):
            return None
        pos = doc.sent_at(s.start)
        if pos == 0 or doc.para[pos] - doc.para[pos - 1] > 1:
            return None
        for k in range(i + 2, min(i + 9, j)):
            cue = self.find.cue_at(k, j)
            if cue is None or cue[1] != "BA":
                continue
            who = self.find.speaker(k, cue[0], s.start, s.end, "A") or self.find.speaker(
                k, cue[0], s.start, s.end, "B"
            )
            if who is None:
                return None
            prev = doc.sentences[pos - 1]
            own = self.reported(prev)  # "Он напомнил, что …. Об этом заявил Лавров.": его слова
            if own is not None:
                return _Found(own.start, own.end, who, own.cue, "reported")
            a = _skip_space(doc.text, prev.start, prev.end)
            return _Found(a, _clause_end(doc.text, prev.start, prev.end), who, cue[2], "reported")
        return None

    def _colon_lead(self, s: Sentence, end: int) -> _Found | None:
        """``Graham: Trump's rhetoric is destroying the party`` (a person or body named before a
        colon that opens the sentence; places, datelines and labels such as "UPDATE" are not)."""
        doc = self.doc
        match = _COLON_LEAD_RE.match(doc.text, s.start, s.end)
        if match is None:
            return None
        named = [
            m
            for m in doc.mentions_in(s.start, match.end(1))
            if m.char_end == match.end(1) and self.find.ner_type(m) in ("PER", "ORG")
        ]
        i, j = doc.tok_range(match.end(), end)
        if j - i < 3:
            return None
        if not named:
            who = self.find.surname_speaker(match.start(1), match.end(1))
            return _Found(match.end(), end, who, ":", "reported") if who else None
        lead_i, lead_j = doc.tok_range(s.start, named[0].char_start)
        if lead_j - lead_i > 1:  # a title may precede the name; in "CNN President On Trump:"
            return None  # Trump is the topic
        who = self.find.from_mention(named[0], named[0].char_start, named[0].char_end)
        return _Found(match.end(), end, who, ":", "reported")

    def _according(self, s: Sentence, i: int, j: int, k: int, cue: Cue, end: int) -> _Found | None:
        """``according to X, …`` / ``…, according to X`` / ``По словам X, …``."""
        text = self.doc.text
        who = self.find.speaker(k, cue[0], s.start, s.end, cue[1])
        if who is None:
            return None
        if k - i <= 1:
            comma = text.find(",", who.end, end)
            named = self._named_apposition(comma, end) if not who.ner else None
            if named is not None:  # "Со слов владелицы квеста, Юлии Царской, …": the name
                who, comma = named
            start = _skip_space(text, comma + 1, end) if comma >= 0 else end
            return _Found(start, end, who, cue[2], "reported")
        before = text[s.start : self.doc.tokens[k][0]].rstrip()
        if before.endswith(",") and len(before) > 3:
            rest = self._rest_after(who.end, end) if self.doc.lang == "ru" else None
            if rest is not None:  # "С начала августа, как уточнили в МЧС, в регионе …"
                return _Found(s.start, end, who, cue[2], "reported")
            return _Found(s.start, s.start + len(before) - 1, who, cue[2], "reported")
        return None

    def _named_apposition(self, comma: int, end: int) -> tuple[Speaker, int] | None:
        """A person's name between the comma at ``comma`` and the next one, with that comma."""
        doc = self.doc
        if comma < 0:
            return None
        i, j = doc.tok_range(comma + 1, end)
        mention = doc.mention_at(doc.tokens[i][0]) if i < j else None
        if mention is None or self.find.ner_type(mention) != "PER":
            return None
        after = _skip_space(doc.text, mention.char_end, end)
        if doc.text[after : after + 1] != ",":
            return None
        return self.find.from_mention(mention, mention.char_start, mention.char_end), after

    def _rest_after(self, pos: int, end: int) -> int | None:
        """Start of a clause of three tokens or more after the comma that follows ``pos``."""
        comma = self.doc.text.find(",", pos, end)
        if comma < 0:
            return None
        i, j = self.doc.tok_range(comma + 1, end)
        return comma + 1 if j - i >= 3 else None

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
        if who is None:
            return None
        lead_i, lead_j = doc.tok_range(comma, min(who.start, doc.tokens[k][0]))
        tail_start = max(who.end, doc.tokens[cue[0] - 1][1])
        tail_end = doc.text.find(",", tail_start, s.end)
        tail_i, tail_j = doc.tok_range(tail_start, tail_end if tail_end >= 0 else s.end)
        adverbial = doc.lang == "ru" and tail_j > tail_i and doc.tokens[tail_i][3] in _RU_PREP
        # (and "…, сообщает The Guardian со ссылкой на представителя командования …")
        if lead_j - lead_i > 2 or tail_j - tail_i > (12 if adverbial else 4):
            return None  # "…, заявила X в ходе выступления на заседании": an adverbial tail
        rest_i, rest_j = doc.tok_range(tail_end + 1, s.end) if tail_end >= 0 else (0, 0)
        quoted = any(s.start <= a < s.end for a, _ in doc.quoted)  # 'had been "frank"': direct
        interjected = tail_j == tail_i and rest_j - rest_i >= 3 and clause_j > clause_i
        ru_aside = self._ru_interjected(comma, tail_start)
        if interjected and not quoted and (doc.lang == "en" or ru_aside):
            # "The talks, Lavrov said, were useful": the whole sentence, attribution included
            return _Found(s.start, _clause_end(doc.text, s.start, s.end), who, cue[2], "reported")
        if clause_j - clause_i < 3:
            return None
        if tail_j > tail_i and any(t[3] in _AS for t in doc.tokens[lead_i:lead_j]):
            return None  # "…, as Trump says he has ordered": "as" opens a clause of its own
        return _Found(
            s.start, s.start + len(doc.text[s.start : comma].rstrip()), who, cue[2], "reported"
        )

    def _ru_interjected(self, comma: int, tail_start: int) -> bool:
        """Russian «В целом, говорят сексологи, в 2024 году …»: the cue and its speaker alone
        between two commas (the verb first), mid-sentence."""
        doc = self.doc
        i, j = doc.tok_range(comma, tail_start)
        return doc.lang == "ru" and 0 < j - i <= 4 and is_cue(doc.tokens[i])

    def _after_as(self, k: int) -> bool:
        """Whether "as"/"как" opens the clause of the cue at ``k`` ("as President Trump says")."""
        tokens, text = self.doc.tokens, self.doc.text
        for t in range(k - 1, max(k - 5, -1), -1):
            if gap_breaks(text, tokens[t][1], tokens[t + 1][0]):
                return False
            if tokens[t][3] in _AS:
                if t and tokens[t - 1][3] == "того":  # "после того, как X заявил об …"
                    return False
                return t == 0 or gap_breaks(text, tokens[t - 1][1], tokens[t][0])
        return False

    def _clause_after(self, s: Sentence, j: int, k: int, cue: Cue, end: int) -> _Found | None:
        """``X said: …``; English ``X said the talks …``, ``X told reporters …``, ``, saying …``."""
        doc = self.doc
        tokens, t, lower = doc.tokens, cue[0], doc.tokens[k][3]
        if t < j and lower == "told" and tokens[t][3] in LISTENERS:
            t += 1
        elif t < j and lower in ("told", "tells"):
            listener = doc.mention_at(tokens[t][0])  # "told Fox News he wants …"
            if listener is not None:
                t = bisect.bisect_left(doc.tstarts, listener.char_end)
        if t >= j or j - t < 3 or tokens[t][3] in NOT_CLAUSE:
            return None
        if (k and tokens[k - 1][3] in _AS) or self._after_as(k):
            return None  # "…, as President Trump says he has ordered": a comparison
        colon = ":" in doc.text[tokens[t - 1][1] : tokens[t][0]]
        plain = lower in ("said", "says", "told", "saying") and not gap_breaks(
            doc.text, tokens[t - 1][1], tokens[t][0]
        )
        about = doc.lang == "ru" and tokens[t][3] in _ABOUT and tokens[t + 1][3] not in _THIS
        about = about or (
            doc.lang == "ru" and tokens[k][4] in _PROMISE and _is_infinitive(tokens[t][2])
        )  # "Линч обещает вложить $700 млн"
        about = about or self._ru_comma_clause(k, t)  # "Очевидцы говорят, ищут наркотики"
        if not (colon or plain or about):  # "Местные СМИ сообщают о появлении техники"
            return None
        who = self.find.speaker(k, k + 1, s.start, tokens[k][0], "B")
        if who is None or (lower == "saying" and who.rank > 1):
            return None
        if doc.lang == "ru" and self._in_relative_clause(k):
            if tokens[t][3] in _ABOUT:
                return None  # «Американцы, которые говорят о свободе торговли, сделали …»
            comma = doc.text.find(",", tokens[t][0], end)
            end = comma if comma >= 0 else end
        return _Found(tokens[t][0], end, who, cue[2], "reported")

    def _in_relative_clause(self, k: int) -> bool:
        """Whether the cue at ``k`` follows «, который / которые …» in its clause."""
        tokens, text = self.doc.tokens, self.doc.text
        for t in range(k - 1, max(k - 7, -1), -1):
            if tokens[t][4] == "который":
                return t > 0 and "," in text[tokens[t - 1][1] : tokens[t][0]]
            if gap_breaks(text, tokens[t][1], tokens[t + 1][0]):
                return False
        return False

    def _ru_comma_clause(self, k: int, t: int) -> bool:
        """Russian «X говорят, ищут наркотики»: a clause right after the cue and a comma (not a
        gerund or participle phrase: «заявил, отвечая на вопрос», nor «, но …»)."""
        doc = self.doc
        tokens = doc.tokens
        if doc.lang != "ru" or tokens[k][4] not in _SAY or t != k + 1:
            return False
        if doc.text[tokens[k][1] : tokens[t][0]].strip() != "," or tokens[t][3] in NP_STOP:
            return False
        return _pos(tokens[t][2]) not in ("GRND", "PRTF", "PRTS", "CONJ", "PREP", "PRCL")


def _pos(word: str) -> str:
    from narrascope.text.tokens import _morph

    parses = _morph().parse(word) if word[:1].isalpha() else []
    return str(parses[0].tag.POS) if parses else ""


def _instrumental(word: str) -> bool:
    """A Russian noun or adjective with an instrumental reading among its likeliest two
    («делом», «фейковой»)."""
    from narrascope.text.tokens import _morph

    return any("ablt" in p.tag and p.tag.POS in ("NOUN", "ADJF") for p in _morph().parse(word)[:2])


def _ru_sourced(text: str) -> bool:
    """Whether a Russian sentence may name a source without a verb ("X: …", "… — X")."""
    text = _MARKUP_RE.sub(lambda m: " " * len(m.group()), text)
    return bool(_RU_COLON_LEAD_RE.match(text) or _RU_SOURCE_DASH_RE.search(text))


def _is_infinitive(word: str) -> bool:
    from narrascope.text.tokens import _morph

    return any(p.tag.POS == "INFN" for p in _morph().parse(word)[:2])


def _is_verb(word: str) -> bool:
    """A Russian finite verb in its most likely reading ("подписал", not "Песков")."""
    from narrascope.text.tokens import _morph

    parses = _morph().parse(word) if word[:1].isalpha() else []
    return bool(parses) and parses[0].tag.POS == "VERB"


def _without_markup(article: Article) -> Article:
    """Russian Telegram posts keep markdown ("[сообщает](https://…)", "**…**"): read its
    brackets, link targets and emphasis marks as spaces (same length, so offsets hold)."""
    if base_language(article.language) != "ru" or not _MARKUP_RE.search(article.text):
        return article
    text = _MARKUP_RE.sub(lambda m: " " * len(m.group()), article.text)
    return replace(article, text=text)


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
        original = article.text
        article = _without_markup(_with_double_apostrophes_as_marks(article))
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
        if doc.lang == "ru":
            found = sorted(found + _colon_lists(doc, rules.find, found), key=lambda f: f.start)
            for f in found:  # without the markdown marks at either end
                f.start, f.end = _trim_span(doc.text, f.start, f.end)
        _name_bare_nouns(doc, found)
        if doc.lang == "ru":
            _name_titled_persons(doc, rules.find, found)
            _name_anaphoric_bodies(doc, rules.find, found)
        return [_record(doc, f, original) for f in found]

    def candidate_sentences(self, article: Article, sentences: Sequence[Sentence]) -> set[int]:
        """Indices of sentences that may hold a quote (marks or cues) and of the ones before.

        Run NER on these only: ``ActorExtractor.extract(..., only_sentences=...)``.
        """
        lang = base_language(article.language)
        cues = CUES | _NAMING | {"according", "словам", "данным", "информации", "версии", "слов"}
        cues |= {"вывод"}
        picked: set[int] = set()
        for s in sentences:
            tokens = scan(s.text, lang)
            words = {t[3] for t in tokens} | {t[4] for t in tokens}
            marks = MARKS_RE.search(s.text) or (
                lang == "en" and ("''" in s.text or _COLON_LEAD_RE.match(s.text))
            )
            if marks or not cues.isdisjoint(words) or (lang == "ru" and _ru_sourced(s.text)):
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
    out: list[_Found] = []
    for s in doc.sentences:
        k = bisect.bisect_left(starts, s.end)
        last = quoted[k - 1] if k and quoted[k - 1].end > s.start else None
        hit = rules.reported(s) if last is None else rules.adding(s, last)
        if hit is None and last is not None and doc.lang == "ru":
            rest = _after_closed_quote(doc, s, last)
            hit = rules.reported(rest) if rest is not None else None
        if hit is not None and out and (out[-1].start, out[-1].end) == (hit.start, hit.end):
            if _named(hit.who) or not _named(out[-1].who):  # not "— Bloomberg" -> «издание»
                out[-1] = hit  # the same clause, now with the speaker "Об этом …" names
        elif hit is not None:
            out.append(hit)
            around = rules.outer(s, hit) if last is None and doc.lang == "ru" else None
            if around is not None:
                out.append(around)
            other = rules.coordinated(hit) if doc.lang == "ru" else None
            if other is not None:
                out.append(other)
    return out


def _named(who: Speaker) -> bool:
    return bool(who.actor_id or who.ner)


def _after_closed_quote(doc: DocIndex, s: Sentence, quote: _Found) -> Sentence | None:
    """The rest of ``s`` after a quotation that ends a sentence of its own (``«…».** Медведев
    заявил, что …``: a headline the segmenter glued to the next sentence)."""
    after = doc.text[quote.end : s.end]
    match = re.match(r"\s*[»”\"]?[\s*_]*[.!?…][\s*_»”\"]*(?=\S)", after)
    if match is None:
        return None
    start = quote.end + match.end()
    return replace(s, start=start, text=doc.text[start : s.end])


def _parsed(doc: DocIndex, finder: SpeakerFinder, found: list[_Found]) -> list[_Found]:
    """Reported speech from the dependency parse of sentences the rules left without a quote
    that hold a speech verb (see :mod:`narrascope.actors.syntax`)."""
    if doc.lang not in ("en", "ru"):
        return []
    verbs = CUES | EXTRA_EN | ATTRIBUTION_EN if doc.lang == "en" else CUES
    taken = sorted((f.start, f.end) for f in found)
    spans, beside = [], []
    for s in doc.sentences:
        i, j = doc.tok_range(s.start, s.end)
        if any(a < s.end and s.start < b for a, b in taken):
            # English: a belief or plan beside or inside a quote ("…," she said. He wants …)
            if doc.lang == "en" and any(t[4] in BEYOND_SPEECH_EN for t in doc.tokens[i:j]):
                spans.append((s.start, s.end))
                beside.append((s.start, s.end))
            continue
        if any(t[3] in verbs or t[4] in verbs for t in doc.tokens[i:j]):
            spans.append((s.start, s.end))
    out = []
    for clause in speech_clauses(doc.text, spans, doc.lang, verbs):
        who = finder.subject_speaker(clause)
        if who is None or clause.content_end <= clause.content_start:
            continue
        if _inside_any(clause.cue_start, beside) and (
            _repeats(clause, taken) or doc.in_quote(clause.cue_start)
        ):
            continue  # found already, or words inside a quotation (the quote's speaker's)
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


def _inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _repeats(clause: Clause, taken: list[tuple[int, int]]) -> bool:
    """Whether a parsed clause's content overlaps an attribution the rules found, its verb
    outside it (the same attribution again; a verb inside is a nested one: kept)."""
    return any(
        a < clause.content_end and clause.content_start < b and not a <= clause.cue_start < b
        for a, b in taken
    )


def _colon_lists(doc: DocIndex, finder: SpeakerFinder, found: list[_Found]) -> list[_Found]:
    """Russian speech continued after a colon that ends its paragraph: ``заявляют эксперты:``
    + the next paragraph, or ``Главные заявления X:`` / ``основное из речи X:`` + each bullet
    line ("— …", "• …") that follows."""
    out: list[_Found] = []
    taken = [(f.start, f.end) for f in found]
    for pos, s in enumerate(doc.sentences[:-1]):
        frame = doc.text[s.start : s.end].rstrip()  # without markdown marks
        if not frame.endswith(":") or doc.para[pos + 1] != doc.para[pos] + 1:
            continue
        who = _colon_frame_speaker(doc, finder, s, found)
        if who is None:
            continue
        bullets = _bullet_paragraphs(doc, pos + 1)
        spans = bullets or ([doc.para_spans[doc.para[pos + 1]]] if who[1] else [])
        for a, b in spans:
            a = _skip_space(doc.text, a, b)
            while a < b and (doc.text[a] in _BULLETS or doc.text[a].isspace()):
                a += 1
            b = _clause_end(doc.text, a, b)
            if b > a and not any(x < b and a < y for x, y in taken):
                out.append(_Found(a, b, who[0], ":", "reported"))
    return out


def _colon_frame_speaker(
    doc: DocIndex, finder: SpeakerFinder, s: Sentence, found: list[_Found]
) -> tuple[Speaker, bool] | None:
    """Who speaks after the colon ending ``s``, and whether a speech verb said so."""
    inside = [f for f in found if s.start <= f.start < s.end and f.cue != ":"]
    if inside:
        return inside[-1].who, True
    i, j = doc.tok_range(s.start, s.end)
    if not any(t[4] in _SPEECH_NOUNS for t in doc.tokens[i:j]):
        if j - i > _NAME_MAX_TOKENS + 1:
            return None
        named = finder.colon_speaker(s.start, s.end)  # "⚡️**Путин:**" + bullets
        return (named[0], False) if named is not None and named[0].rank <= 1 else None
    named = finder.colon_speaker(s.start, s.end)
    if named is not None and named[0].rank == 0:
        return named[0], False
    before = [f for f in found if f.end <= s.start and f.who.rank == 0]
    return (before[-1].who, False) if before else None


def _bullet_paragraphs(doc: DocIndex, pos: int) -> list[tuple[int, int]]:
    """The paragraphs from sentence ``pos`` on that start with a bullet mark."""
    spans = []
    for para in range(doc.para[pos], len(doc.para_spans)):
        a, b = doc.para_spans[para]
        if doc.text[_skip_space(doc.text, a, b) : b][:1] not in _BULLETS:
            break
        spans.append((a, b))
    return spans


def _name_bare_nouns(doc: DocIndex, found: list[_Found]) -> None:
    """ "— добавила дипломат", "the envoy said": the last named person quoted nearby.
    Russian also: a title phrase ("Представитель Кремля", "замглавы Совбеза РФ") names the
    last named person quoted nearby, a bare outlet noun ("Издание указывает") the last outlet."""
    last: _Found | None = None
    named: dict[str, _Found] = {}  # "PER" / "ORG": the last speaker named so
    for f in found:
        near = {k: v for k, v in named.items() if _paragraphs_apart(doc, v, f) <= 2}
        if f.who.bare and doc.lang == "ru" and doc.tokens[_head_token(doc, f)][4] in MEDIA_NOUNS:
            if "ORG" in near:
                f.who = near["ORG"].who
        elif f.who.bare and last is not None:
            if _paragraphs_apart(doc, last, f) <= 2:
                f.who = last.who
        elif doc.lang == "ru" and "PER" in near and _title_phrase(doc, f):
            f.who = near["PER"].who
        elif f.who.rank == 0 and not f.who.bare:
            last = f
        if f.who.ner in ("PER", "ORG"):
            named[f.who.ner] = f


def _name_anaphoric_bodies(doc: DocIndex, finder: SpeakerFinder, found: list[_Found]) -> None:
    """Russian «сообщила компания», «в пресс-службе ведомства», «говорится в материале», «Как
    пишет издание»: an unnamed body or document is the last organisation quoted in the post,
    else the last organisation named before it."""
    last_org: _Found | None = None
    for f in found:
        if _anaphoric_body(doc, f):
            if last_org is not None and (
                doc.tokens[_head_token(doc, f)][4] in MEDIA_NOUNS
                or _paragraphs_apart(doc, last_org, f) <= 2
            ):
                f.who = last_org.who
            else:  # not a listener between the content and the speaker
                named = [
                    m
                    for m in doc.mentions_in(0, f.who.start)
                    if finder.ner_type(m) == "ORG" and not f.end <= m.char_start
                ]
                if named:
                    f.who = finder.from_mention(named[-1], f.who.start, f.who.end)
        if f.who.ner == "ORG" or (f.who.actor_id and f.who.rank == 1):
            last_org = f


def _name_titled_persons(doc: DocIndex, finder: SpeakerFinder, found: list[_Found]) -> None:
    """«Министр отметил, что …» after «Министр финансов Антон Силуанов назвал …»: a bare title
    noun no quoted person named is the person that title introduced (the last person named
    within two paragraphs before it with the same noun among the six words before the name),
    else, for a title noun, the last person named in the sentence before as its subject."""
    for f in found:
        if not f.who.bare:
            continue
        head = doc.tokens[_head_token(doc, f)]
        people = [
            m
            for m in doc.mentions_in(0, f.who.start)
            if finder.ner_type(m) == "PER"
            and doc.para[doc.sent_at(f.who.start)] - doc.para[doc.sent_at(m.char_start)] <= 2
            and not doc.in_quote(m.char_start)
        ]
        titled = [m for m in people if head[4] in _lemmas_before(doc, m.char_start, 6)]
        if not titled and head[4] in TITLE_NOUNS:
            before = doc.sent_at(f.who.start) - 1
            titled = [
                m
                for m in people
                if doc.sent_at(m.char_start) == before and finder.subject_like(m, "m")
            ]
        if titled:
            f.who = finder.from_mention(titled[-1], f.who.start, f.who.end)


def _lemmas_before(doc: DocIndex, pos: int, n: int) -> set[str]:
    k = bisect.bisect_left(doc.tstarts, pos)
    return {t[4] for t in doc.tokens[max(k - n, 0) : k]}


def _anaphoric_body(doc: DocIndex, f: _Found) -> bool:
    """A speaker phrase of lower-case words headed by an outlet, body or document noun."""
    who = f.who
    if who.actor_id or who.ner:
        return False
    i, j = doc.tok_range(who.start, who.end)
    words = doc.tokens[i:j]
    return (
        0 < j - i <= 3
        and words[0][4] in _ANAPHORIC_HEADS
        and all(t[2][:1].islower() for t in words)
    )


def _paragraphs_apart(doc: DocIndex, a: _Found, b: _Found) -> int:
    return doc.para[doc.sent_at(b.start)] - doc.para[doc.sent_at(a.start)]


def _head_token(doc: DocIndex, f: _Found) -> int:
    return doc.tok_range(f.who.start, f.who.end)[0]


def _title_phrase(doc: DocIndex, f: _Found) -> bool:
    """A speaker phrase headed by a title noun, naming no person (see _name_bare_nouns)."""
    who = f.who
    if who.actor_id or who.ner or who.rank != 0 or who.bare:
        return False
    i, j = doc.tok_range(who.start, who.end)
    if j <= i or not any(t[4] in TITLE_NOUNS for t in doc.tokens[i : i + 2]):
        return False
    return not any(m.ner_type == "PER" for m in doc.mentions_in(who.start, who.end))


def _inside(f: _Found, spans: list[tuple[int, int]]) -> bool:
    return any(a <= f.start and f.end <= b for a, b in spans)


def _is_term(doc: DocIndex, a: int, b: int) -> bool:
    i, j = doc.tok_range(a, b)
    return j - i <= _TERM_MAX_TOKENS and b > a and doc.text[b - 1] not in _END_PUNCT


def _with_double_apostrophes_as_marks(article: Article) -> Article:
    """English archives (NYT via LexisNexis) write ''…'' for “…”: read each '' as a straight
    quotation mark followed by a space (same length, so offsets hold)."""
    if base_language(article.language) != "en" or "''" not in article.text:
        return article
    return replace(article, text=article.text.replace("''", '" '))


def _record(doc: DocIndex, f: _Found, text: str) -> Quote:
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
        text=text[f.start : f.end],
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
