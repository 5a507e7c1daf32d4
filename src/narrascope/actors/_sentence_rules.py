"""Sentence-level attribution rules of :mod:`narrascope.actors.quotes`: a direct quote's
cue, reported clauses, «по словам X», colon leads, final-dash sources and their spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from narrascope.actors._document import DocIndex, Speaker, gap_breaks, skip_dateline
from narrascope.actors.speakers import (
    LISTENERS,
    NOT_CLAUSE,
    NP_STOP,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    RU_PARTICLES,
    SETTINGS,
    THAT,
    VERBISH,
    Cue,
    SpeakerFinder,
    is_cue,
)
from narrascope.actors.syntax import RU_PROMISE
from narrascope.records import QuoteKind, Sentence
from narrascope.text.quotemarks import MARKS_RE, OPENING_MARKS, QuotePair
from narrascope.text.tokens import lemma_of, ru_parses

ABOUT_THIS = ("об", "этом")  # «…, об этом сообщил X»

END_PUNCT = ".!?…;:,"
_AS = frozenset({"as", "как"})
# words that open a time phrase after an English cue ("as The Times reported on Saturday")
_EN_TIME_LEADS = frozenset(
    {"on", "in", "at", "last", "earlier", "later", "this", "first", "previously", "recently"}
    | {"yesterday", "today", "monday", "tuesday", "wednesday", "thursday", "friday"}
    | {"saturday", "sunday", "a", "two", "three", "several", "weeks", "days", "months"}
)
_ADDING = frozenset({"adding", "добавив"})
# adverbs between "and" / "but" and a cue ("but now said"); not the speaker-to-cue list of
# speech.yaml, whose auxiliaries ("and has said") were not measured here
_CONJOINED_ADVERBS = frozenset({"now", "then", "also", "later", "again", "still"})
_ABOUT = frozenset({"о", "об"})
DASHES = "—–"
# Cues for direct quotes only: «заметил» remarks after a quotation («…», — заметил он) but
# notices in a clause («полицейские заметили, что водитель нетрезв»); «передал» reports after one
# («— …, — передал помощник …») but hands over elsewhere («информацию передали в …»); «цитирует
# ТАСС Пескова» names whom a quotation quotes
QUOTE_ONLY = frozenset(
    {"заметить", "замечать", "передать", "цитировать", "процитировать"}
    | {"ask"}  # "''Can we win?'' Mr. Manafort asked."; "asked X to …" is a request (the parse's)
)
# nouns of what someone said: «Главное из брифинга X:», «Экстренное предупреждение МЧС:»
SPEECH_NOUNS = frozenset(
    {
        "заявление",
        "речь",
        "слово",
        "тезис",
        "выступление",
        "интервью",
        "брифинг",
        "пресс-конференция",
        "обращение",
        "послание",
        "предупреждение",
    }
)
# «Такое мнение высказал X», «Такую точку зрения выдвинул X»: the sentence before is X's
_SUCH_VIEW = frozenset(
    {("такое", "мнение"), ("такую", "точку"), ("такую", "позицию"), ("такое", "заявление")}
    | {("соответствующее", "заявление"), ("такую", "оценку"), ("такой", "прогноз")}
    | {("такой", "вывод"), ("такое", "предложение"), ("такую", "задачу")}
    | {("с", "таким"), ("с", "такой"), ("с", "соответствующим"), ("с", "соответствующей")}
)  # «Такое заявление сделал X», «С такой инициативой выступил X»: the sentence before
_SUBJECT_PRONOUNS = frozenset({"он", "она", "они"})
_INFORMATION = frozenset({"информацию", "данные", "сведения", "сообщения"})
# Russian verbs of stressing and of voicing whose object may be what is said («подчеркнул
# важность …», «выразил уверенность в …»), with the nouns that make it so (lemmas); feelings
# voiced («выразил соболезнования», «благодарность») claim nothing
_STRESSING_RU = {
    **dict.fromkeys(
        ("подчеркнуть", "подчеркивать", "подчёркивать", "отметить", "отмечать"),
        frozenset({"важность", "необходимость", "готовность", "значение", "значимость", "рост"})
        | frozenset({"недопустимость", "неприемлемость", "роль"}),
    ),
    **dict.fromkeys(
        ("выразить", "выражать", "высказать", "высказывать"),
        frozenset({"уверенность", "надежда", "обеспокоенность", "озабоченность", "мнение"}),
    ),
}
# verbs whose object, a thing, is what they state: «подтвердил сбой», «прогнозируют рост»
# (not «анонсировал интервью»: an event to come, not a claim)
_STATING_RU = frozenset(
    {"подтвердить", "подтверждать", "прогнозировать", "спрогнозировать", "предсказать"}
    | {"предсказывать"}
)
# after «не»: «не исключил продолжение тенденции», «не допускает возобновления огня»
_NOT_RULING_OUT_RU = frozenset({"исключить", "исключать"})
# a claim whose content is the object of a preposition: «жаловались на диарею», «настаивает на
# оправдании», «уверены в повышении ставки» (keys: lemmas, and the short forms of the cue list)
_OBJECT_PREPOSITION = {
    **dict.fromkeys(("жаловаться", "пожаловаться", "сетовать", "посетовать"), "на"),
    **dict.fromkeys(("настаивать", "настоять"), "на"),
    **dict.fromkeys(("уверенный", "уверен", "уверена", "уверены", "убежденный"), "в"),
}
_SAY = frozenset(
    {"говорить", "сказать", "рассказать", "рассказывать", "утверждать", "писать"}
    | {"поинтересоваться", "интересоваться"}  # «…, введет ли Запад санкции»
)
# «назвал X Y», «считают X Y»: a claim (the guideline's)
_TOLD_ONLY = frozenset({"police"})  # listeners after "told" only ("according to police")
NAMING = frozenset({"назвать", "называть", "считать", "посчитать", "счесть"})
_WITH = frozenset({"с", "со", "над", "под", "перед", "за", "между", "вместе"})
_PROMISE_ONLY = frozenset({"обещать", "пообещать"})  # a promise of a thing is a claim too
_TO_ME = frozenset({"мне", "нам", "ему", "ей", "им", "всем"})
_RU_PREP = frozenset(
    {"в", "во", "на", "после", "перед", "при", "по", "у", "со", "с", "из", "через", "до", "за"}
)
_LABELS = frozenset({"upd", "update", "важно", "срочно", "видео", "фото", "главное", "итог"})
_THIS = frozenset({"этом", "том"})
# «…, и, по словам X, …»: a conjunction between commas joins a new clause
_JOINED_RE = re.compile(r",\s*(?:и|а|но|однако)\s*,$", re.IGNORECASE)
_HOW = frozenset({"как", "почему", "кто", "где", "когда", "зачем", "чем", "сколько", "какой"})
# English headline and transcript speech: "Graham: Trump's rhetoric …", "SANDERS: We …"
COLON_LEAD_RE = re.compile(r"([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(?=\S)")
_INTERJECTION_RE = re.compile(r"([,.!?…])\s*[—–]\s+([^—–«»\n]{2,160}?)[.,:]\s*[—–]\s+")
# Russian news without a speech verb: "Песков: США …" and "… эскалацию, — СМИ."
# (and "Захарова о заявлении Байдена: …", "Путин — о переговорах: …": the topic after the name)
# "US official: …", "Kremlin spokesman: …": capitalised modifiers and a lower-case person noun
_PERSON_LEAD_RE = re.compile(r"([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,2}) ([a-z]+):[ \t]+(?=\S)")
RU_COLON_LEAD_RE = re.compile(
    r"\W{0,8}?([А-ЯЁA-Z][\w.’'-]*(?: [А-ЯЁA-Z][\w.’'-]*){0,3})[»\"”]?"
    r"(?:\s+[—–]?\s*(?:о|об|обо|про)\s[^:\n«»\"]{1,80}?)?:\s+(?=\S)"
)
# the place and date before a wire agency's name («Донецк, 4 июл — ДАН.»)
_WIRE_DATELINE_RE = re.compile(
    r"\s*[A-ZА-ЯЁ][\w.-]*(?: [\w.-]+){0,2}, \d{1,2} [а-яё]{3,8}\.?(?: \d{4})?\s*"
)
RU_SOURCE_DASH_RE = re.compile(r"\s[—–-]\s+(?=[\w«\"])")
_WORDS_RE = re.compile(r"[^\W\d_]")
_COUNT_OF_RE = re.compile(r"\s*(?:из них|из которых|среди них|в том числе)\s", re.IGNORECASE)
_SOURCE_TAIL_MAX_TOKENS = 8
# verbs after a quotation's dash that do not introduce its author («— собираются вернуть …»)
_NOT_SPEECH = frozenset({"быть", "стать", "собираться", "мочь", "хотеть", "начать", "являться"})
_QUOTE_DASH_RE = re.compile(r"[ \t]*,?[ \t]*[—–-][ \t]+")
# sentence adverbs that open an English sentence before "according to": not its subject
_EN_LINKERS = frozenset(
    {"however", "but", "still", "yet", "moreover", "meanwhile", "also", "instead", "indeed"}
    | {"now", "then", "so", "and", "furthermore", "nevertheless", "again", "previously"}
)


@dataclass(slots=True)
class Found:
    """An attributed span before it becomes a :class:`Quote`."""

    start: int
    end: int
    who: Speaker
    cue: str
    kind: QuoteKind
    term: bool = False


class SentenceRules:
    """The attribution rules for one article."""

    def __init__(self, doc: DocIndex, finder: SpeakerFinder, *, parsed: bool = False) -> None:
        self.doc = doc
        self.find = finder
        self.parsed = parsed  # the dependency parse runs after the rules (see quotes._parsed)

    # direct quotes -----------------------------------------------------------------------
    def direct(self, pair: QuotePair, lo: int, hi: int) -> tuple[Speaker, str, bool] | None:
        """Speaker, cue and whether it came from before the quote, for text ``[lo, hi)``."""
        doc, find = self.doc, self.find
        s_open, s_close = doc.sent_at(pair.open), doc.sent_at(pair.close)
        before_lo = max(doc.sentences[s_open].start, lo)
        after_hi = min(doc.sentences[s_close].end, hi)
        if self._reported_that_before(pair.open, before_lo):
            # «Пиотровский … сообщил, что "готовится к смене караула", пишет Интерфакс»: the
            # words are his, the outlet's cue frames the whole sentence
            before = find.cued_speaker(before_lo, pair.open, last=True)
            if before:
                return (*before, True)
        after = find.cued_speaker(pair.close + 1, after_hi, last=False)
        if after:
            return (*after, False)
        verb = self._dash_verb_after(pair.close + 1, after_hi)
        if verb is not None:  # «"…", — заключила она», «— напутствовал предприниматель»
            return (*verb, False)
        before = (
            find.cued_speaker(before_lo, pair.open, last=True)
            or find.colon_speaker(before_lo, pair.open)
            or self._previous_sentence(s_open, before_lo, pair.open, lo)
        )
        if before:
            return (*before, True)
        dashed = self._dash_source_after(pair.close + 1, after_hi)
        if dashed is not None:  # «"Мы готовы", — Лавров о переговорах»
            return dashed, "—", False
        i, j = doc.tok_range(before_lo, pair.open)
        if any(is_cue(token) for token in doc.tokens[i:j]):
            return None  # «X заявил, что "…". Министр добавил …»: the reported clause's
        if doc.lang == "ru" and j - i > 2:
            return None  # «голограммы хранят её в "…". Как считает X, …»: words in a sentence
        nxt = self._next_sentence(s_close, pair.close + 1, after_hi, whole=i == j)
        return (*nxt, False) if nxt else None

    def _reported_that_before(self, pos: int, lo: int) -> bool:
        """Whether Russian «<cue>, что» stands right before the quotation at ``pos``."""
        doc = self.doc
        i, j = doc.tok_range(lo, pos)
        if doc.lang != "ru" or j - i < 2 or doc.tokens[j - 1][3] != "что":
            return False
        return is_cue(doc.tokens[j - 2]) and doc.text[doc.tokens[j - 1][1] : pos].strip() in '«"„“'

    def _dash_verb_after(self, a: int, hi: int) -> tuple[Speaker, str] | None:
        """Russian «"…", — <verb> <speaker>»: a finite verb right after the quotation's dash
        introduces its author's words, whatever the verb («заключила она», «напутствовал
        предприниматель»), when a speaker follows it."""
        doc = self.doc
        dash = _QUOTE_DASH_RE.match(doc.text, a, hi)
        if doc.lang != "ru" or dash is None:
            return None
        k = bisect.bisect_left(doc.tstarts, dash.end())
        if k >= len(doc.tokens) or doc.tokens[k][0] != dash.end():
            return None
        token = doc.tokens[k]
        if not _is_verb(token[2]) or token[4] in _NOT_SPEECH or token[2][:1].isupper():
            return None
        who = self.find.speaker(k, k + 1, a, hi, "A")
        return (who, token[2]) if who is not None and who.rank <= 1 else None

    def _dash_source_after(self, a: int, hi: int) -> Speaker | None:
        """Russian «"…", — Лавров о переговорах» (a headline): a dash after the quotation, then
        a named source and at most its topic («о / об / про …»), no verb."""
        doc = self.doc
        dash = _QUOTE_DASH_RE.match(doc.text, a, hi)
        if doc.lang != "ru" or dash is None:
            return None
        i, j = doc.tok_range(dash.end(), clause_end(doc.text, dash.end(), hi))
        topic = next((t for t in range(i, j) if doc.tokens[t][3] in _ABOUT), j)
        if not 0 < topic - i <= 4 or any(_is_verb(t[2]) for t in doc.tokens[i:j]):
            return None
        who = self.find.source_after_dash(i, topic, after_comma=True)
        return who if who is not None and (who.ner or who.actor_id) else None

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

    def _next_sentence(
        self, pos: int, a: int, b: int, *, whole: bool = False
    ) -> tuple[Speaker, str] | None:
        """The speaker of a quotation that ends its sentence, named in a short next sentence
        of the paragraph («— сказал он.»); for a quotation that is its whole sentence, also
        in a longer one that opens with its cue (««…». Медведев заявил, что …»)."""
        doc = self.doc
        i, j = doc.tok_range(a, b)
        if i != j or pos + 1 >= len(doc.sentences) or doc.para[pos + 1] != doc.para[pos]:
            return None
        nxt = doc.sentences[pos + 1]
        i, j = doc.tok_range(nxt.start, nxt.end)
        if MARKS_RE.search(nxt.text):
            return None
        if j - i > 10:
            opening = whole and doc.lang == "ru" and any(is_cue(t) for t in doc.tokens[i : i + 3])
            if not opening:
                return None
            return self.find.cued_speaker(nxt.start, doc.tokens[min(i + 3, j) - 1][1], last=False)
        return self.find.cued_speaker(nxt.start, nxt.end, last=False)

    def interjection(self, pair: QuotePair) -> list[Found]:
        """«A, — заявил X. — B» -> quotes A and B of X."""
        text = self.doc.text
        match = _INTERJECTION_RE.search(text, pair.open + 1, pair.close)
        if match is None:
            return []
        who = self.find.cued_speaker(match.start(2), match.end(2), last=False)
        if who is None:
            return []
        cut = match.start(1) + (match.group(1) != ",")
        parts = [trim_span(text, pair.open + 1, cut), trim_span(text, match.end(), pair.close)]
        return [Found(a, b, who[0], who[1], "direct") for a, b in parts if b > a]

    # reported speech ---------------------------------------------------------------------
    def adding(self, s: Sentence, quote: Found) -> Found | None:
        """``"…," she said, adding that …`` / ``— сказал он, добавив, что …`` after ``quote``."""
        tokens = self.doc.tokens
        i, j = self.doc.tok_range(quote.end, s.end)
        for k in range(i, j - 2):
            if tokens[k][3] in _ADDING and tokens[k + 1][3] in THAT:
                end = clause_end(self.doc.text, s.start, s.end)
                return Found(tokens[k + 2][0], end, quote.who, tokens[k][2], "reported")
        return None

    def reported(self, s: Sentence) -> Found | None:
        """The first reported-speech clause of sentence ``s``, if any."""
        i, j = self.doc.tok_range(s.start, s.end)
        end = clause_end(self.doc.text, s.start, s.end)
        about = self._about_this(s, i, j) if self.doc.lang == "ru" else None
        if about is not None:  # «Об этом во вторник, 2 июля, пишет Mash»: the sentence before
            return about
        for k in range(i, j):
            cue = self.find.cue_at(k, j)
            if cue is None or (self.doc.tokens[k][4] in QUOTE_ONLY and not self._reports(s, k)):
                continue
            if self.parsed and self.doc.lang == "en" and self._conjoined(i, k):
                continue  # "Graham called Trump “crazy” and said …": the parse finds Graham
            rule = self._verb_clause if cue[1] == "BA" else self._according
            found = rule(s, i, j, k, cue, end)
            if found is not None and found.end > found.start:
                found.start = skip_dateline(self.doc.text, found.start, found.end)
                found.end = self._before_adding(found)
                return found
        if self.doc.lang == "ru":
            return (
                self._closing_dash(s, i, j)
                or self._ru_colon_lead(s, end)
                or self._source_dash(s)
                or self._naming(s, i, j, end)
            )
        return self._colon_lead(s, end) if self.doc.lang == "en" else None

    def _conjoined(self, i: int, k: int) -> bool:
        """Whether the English cue at ``k`` follows "and" or "but" (an adverb may come between:
        "but now said"): a verb sharing the subject of the one before."""
        tokens = self.doc.tokens
        before = k - 1 - (k - 1 > i and tokens[k - 1][3] in _CONJOINED_ADVERBS)
        return before > i and tokens[before][3] in ("and", "but")

    def _before_adding(self, found: Found) -> int:
        """The end of ``found`` before an English ", adding that …" inside it (its own
        attribution, see :meth:`adding`)."""
        doc = self.doc
        if doc.lang != "en":
            return found.end
        i, j = doc.tok_range(found.start, found.end)
        for k in range(i + 1, j - 1):
            if doc.tokens[k][3] in _ADDING and doc.tokens[k + 1][3] in THAT:
                comma = doc.text.rfind(",", found.start, doc.tokens[k][0])
                if comma > found.start and not doc.text[comma + 1 : doc.tokens[k][0]].strip():
                    return comma
        return found.end

    def outer(self, s: Sentence, inner: Found) -> Found | None:
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
            inner.end = clause_end(doc.text, inner.start, comma)
            return found
        return None

    def coordinated(self, hit: Found) -> list[Found]:
        """«Эмманюэль Макрон и премьер Британии Кир Стармер заявили о …», «Ирена Понарошку,
        Александр Анатольевич и Марика сообщили, что …»: the named persons listed before the
        last one (joined by commas and «и», each after at most its title) before a plural verb
        say it too."""
        doc = self.doc
        if hit.who.ner != "PER" or not hit.cue.endswith("ли"):
            return []
        k = bisect.bisect_left(doc.tstarts, hit.who.start)
        for t in range(k - 1, max(k - 10, 0), -1):
            if gap_breaks(doc.text, doc.tokens[t][1], doc.tokens[t + 1][0]):
                return []
            if doc.tokens[t][3] == "и":
                return [
                    Found(hit.start, hit.end, who, hit.cue, hit.kind)
                    for who in self._listed_people(t)
                ]
        return []

    def _listed_people(self, conj: int) -> list[Speaker]:
        """The named persons listed before the «и» at ``tokens[conj]``, separated by commas."""
        doc, out = self.doc, []
        t = conj - 1
        while t >= 0:
            first = doc.mention_at(doc.tokens[t][0])
            if first is None or self.find.ner_type(first) != "PER":
                break
            out.append(self.find.from_mention(first, first.char_start, first.char_end))
            t = bisect.bisect_left(doc.tstarts, first.char_start) - 1
            if t < 0 or doc.text[doc.tokens[t][1] : first.char_start].strip() != ",":
                break
        return out[::-1]

    def _ru_colon_lead(self, s: Sentence, end: int) -> Found | None:
        """``Песков: США каждый раз …`` / ``Bloomberg: Ким Чен Ын …`` (a person or body named
        right before a colon that opens the sentence)."""
        doc = self.doc
        match = RU_COLON_LEAD_RE.match(doc.text, s.start, s.end)
        if match is None:
            return self._speech_noun_lead(s)
        i, j = doc.tok_range(match.end(), end)
        if j - i < 3 or MARKS_RE.match(doc.text, match.end()):
            return None  # "Песков: «…»" is a direct quote
        if match.group(1).lower() in _LABELS:
            return None
        found = self.find.colon_speaker(match.start(1), match.end())
        if found is None or found[0].rank > 1:
            return None
        return Found(match.end(), end, found[0], ":", "reported")

    def _closing_dash(self, s: Sentence, i: int, j: int) -> Found | None:
        """A paragraph of its own «— сообщил глава республики X.» after the words it closes:
        the paragraph before is what X said."""
        doc = self.doc
        here = doc.sent_at(s.start)
        if i >= j or here == 0 or doc.para[here] == doc.para[here - 1]:
            return None
        if doc.text[skip_space(doc.text, s.start, s.end) : s.end][:1] not in DASHES + "-":
            return None
        cue = self.find.cue_at(i, j)
        if cue is None or cue[1] != "BA":
            return None
        who = self.find.speaker(i, cue[0], s.start, s.end, "A")
        if who is None:
            return None
        a, b = doc.para_spans[doc.para[here] - 1]
        a, b = skip_space(doc.text, a, b), clause_end(doc.text, a, b)
        return Found(a, b, who, cue[2], "reported") if b > a else None

    def _speech_noun_lead(self, s: Sentence) -> Found | None:
        """«Экстренное предупреждение МЧС: завтра …»: a speech noun and its named author
        before a colon early in the sentence."""
        doc = self.doc
        colon = doc.text.find(":", s.start, s.end)
        if colon < 0:
            return None
        i, j = doc.tok_range(s.start, colon)
        if not 0 < j - i <= 6 or not any(t[4] in SPEECH_NOUNS for t in doc.tokens[i:j]):
            return None
        start = skip_space(doc.text, colon + 1, s.end)
        end = clause_end(doc.text, start, s.end)
        named = [
            m for m in doc.mentions_in(s.start, colon) if self.find.ner_type(m) in ("PER", "ORG")
        ]
        if not named or doc.tok_range(start, end)[1] - doc.tok_range(start, end)[0] < 3:
            return None
        who = self.find.from_mention(named[-1], named[-1].char_start, named[-1].char_end)
        return Found(start, end, who, ":", "reported")

    def _naming(self, s: Sentence, i: int, j: int, end: int) -> Found | None:
        """«Силуанов назвал хранение сбережений в долларах личным делом»: a naming verb with an
        object and an instrumental predicate is the subject's claim (the words after the verb;
        the whole clause when the predicate comes first: «Главным приоритетом он назвал …»)."""
        tokens = self.doc.tokens
        for k in range(i, j):
            if tokens[k][4] not in NAMING or _pos(tokens[k][2]) != "VERB":
                continue
            after = tokens[k + 1 : j]
            relative = any(t[4] == "который" for t in tokens[max(i, k - 4) : k])
            if (
                len(after) < (1 if relative else 2)  # «который очевидцы назвали «кукурузником»»
                or any(t[3] == "честь" for t in after)
                or any(  # "назвали сына Иваном", not «… договариваться с Россией»
                    _instrumental_name(t[2]) and (n == 0 or after[n - 1][3] not in _WITH)
                    for n, t in enumerate(after[:4])
                )
                or any(t[3] == "себя" for t in after[:3])
            ):
                return None  # "назвали сына Иваном в честь деда", "назвал себя …"
            before = [t for t in tokens[i:k] if _instrumental(t[2])]
            predicate = any(
                _instrumental(t[2]) and (n == 0 or after[n - 1][3] not in _WITH)
                for n, t in enumerate(after[:12])
            )  # not «назвал дату вместе с председателем»
            if not before and not predicate:
                return None
            who = self.find.speaker(k, k + 1, s.start, tokens[k][0], "B")
            if who is None or who.rank > 1:
                return None
            start = s.start if before else after[0][0]
            return Found(start, end, who, tokens[k][2], "reported")
        return None

    def _source_dash(self, s: Sentence) -> Found | None:
        """``Взрывы в Киеве, — украинские СМИ.`` / ``… Газпромбанком — ТАСС``: a source
        named after a final dash (no verb there), the text before it its content."""
        doc = self.doc
        dashes = list(RU_SOURCE_DASH_RE.finditer(doc.text, s.start, s.end))
        if not dashes:
            return None
        dash = dashes[-1]
        pos = doc.sent_at(s.start)
        if pos + 1 < len(doc.sentences) and doc.para[pos + 1] == doc.para[pos]:
            return None  # a dash inside running prose («… — Веселина Топалова (Болгария). …»)
        tail_end = clause_end(doc.text, dash.end(), s.end)
        i, j = doc.tok_range(dash.end(), tail_end)
        for t in range(i, j - 1):
            if (doc.tokens[t][3], doc.tokens[t + 1][3]) == ("со", "ссылкой"):
                j = t  # "— The Guardian со ссылкой на министра"
                break
            if t > i and doc.tokens[t][3] in _ABOUT and doc.tokens[i][2][:1].isupper():
                j = t  # «… — Зеленский о применении дальнобойных ракет»: the topic
                break
        content_end = clause_end(doc.text, s.start, dash.start())
        if _WIRE_DATELINE_RE.fullmatch(doc.text, s.start, dash.start()):
            return None  # «МОСКВА, 3 июл - РИА Новости.»: a wire dateline, not a quote
        ci, cj = doc.tok_range(s.start, content_end)
        if cj - ci < 3 or not 0 < j - i <= _SOURCE_TAIL_MAX_TOKENS:
            return None
        if any(_is_verb(t[2]) for t in doc.tokens[i:j]):
            return None  # "… — Путин подписал указ": a clause, not a source
        if doc.tokens[i][3] in RU_PARTICLES:
            return None  # «Единственные, кто сдали, - только VC.ru»: a predicate, not a source
        after_comma = doc.text[: dash.start()].rstrip().endswith(",")
        comma = doc.text.rfind(",", s.start, dash.start())
        counted = _COUNT_OF_RE.match(doc.text, comma + 1 if comma >= 0 else s.start, dash.start())
        if counted and _numeral(doc.tokens[ci:cj][-1][2]):
            return None  # «79 человек, из них девять — дети»: a count, not a source
        who = self.find.source_after_dash(i, j, after_comma=after_comma)
        if who is None:
            return None
        start = skip_space(doc.text, s.start, content_end)
        cue = doc.text[dash.start() : dash.end()].strip()
        return Found(start, content_end, who, cue, "reported")

    def _about_this(self, s: Sentence, i: int, j: int) -> Found | None:
        """``Об этом сообщили в пресс-службе X.``, «Такое мнение высказал X.», «Это следует из
        данных X.»: the previous sentence, said by X."""
        doc = self.doc
        tokens = doc.tokens
        opener = (tokens[i][3], tokens[i + 1][3]) if j - i >= 3 else ("", "")
        follows = opener == ("это", "следует")  # «Это следует из протокола X»
        if opener != ("об", "этом") and opener not in _SUCH_VIEW and not follows:
            return None
        pos = doc.sent_at(s.start)
        while pos > 1 and not _WORDS_RE.search(doc.sentences[pos - 1].text):
            pos -= 1  # past a line of markup only ("**") to the sentence it closes
        if pos == 0 or doc.para[pos] - doc.para[pos - 1] > 1:
            return None
        for k in range(i + 1 + (not follows), min(i + 9 + self._aside_after(i + 1, j), j)):
            cue = self.find.cue_at(k, j)
            if cue is None and opener in _SUCH_VIEW and _is_verb(tokens[k][2]):
                cue = (k + 1, "BA", tokens[k][2])  # «Такую точку зрения выдвинул X»
            if cue is None or cue[1] != ("A" if follows else "BA"):
                continue
            subject = k > i + 2 and _subject_before_cue(tokens[i + 2 : k])
            sides = ("B", "A") if subject else ("A", "B")  # «Об этом она рассказала в шоу»
            who = self.find.speaker(k, cue[0], s.start, s.end, sides[0]) or self.find.speaker(
                k, cue[0], s.start, s.end, sides[1]
            )
            if who is None:
                return None
            prev = doc.sentences[pos - 1]
            own = self.reported(prev)  # "Он напомнил, что …. Об этом заявил Лавров.": его слова
            if own is not None and not self._another_named(own.who, who):
                return Found(own.start, own.end, who, own.cue, "reported")
            # else the whole sentence: «Меркель заявила, что …. Об этом рассказали участники»
            a = skip_space(doc.text, prev.start, prev.end)
            return Found(a, clause_end(doc.text, prev.start, prev.end), who, cue[2], "reported")
        return None

    def _aside_after(self, k: int, j: int) -> int:
        """How many tokens an aside between commas right after ``tokens[k]`` holds («Об этом,
        в рамках конференции ООН в Баку, рассказал …»), else 0."""
        doc = self.doc
        if k + 1 >= j or "," not in doc.text[doc.tokens[k][1] : doc.tokens[k + 1][0]]:
            return 0
        close = doc.text.find(",", doc.tokens[k + 1][0], doc.tokens[j - 1][1])
        return doc.tok_range(doc.tokens[k + 1][0], close)[1] - (k + 1) if close >= 0 else 0

    def _another_named(self, inner: Speaker, outer: Speaker) -> bool:
        """Whether a named ``inner`` speaker is someone else than ``outer``, who is named or
        people described («участники заседания»), not a pronoun or an anaphor («издание»): a
        nested attribution, both count."""
        pronoun = self.doc.tokens[bisect.bisect_left(self.doc.tstarts, outer.start)][3]
        described = outer.rank == 0 and not outer.bare and pronoun not in PRONOUNS
        return (
            bool(inner.actor_id or inner.ner)
            and bool(outer.actor_id or outer.ner or described)
            and (inner.actor_id or inner.speaker) != (outer.actor_id or outer.speaker)
        )

    def _colon_lead(self, s: Sentence, end: int) -> Found | None:
        """``Graham: Trump's rhetoric is destroying the party`` (a person or body named before a
        colon that opens the sentence; places, datelines and labels such as "UPDATE" are not)."""
        doc = self.doc
        match = COLON_LEAD_RE.match(doc.text, s.start, s.end)
        if match is None:
            return self._person_noun_lead(s, end)
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
            return Found(match.end(), end, who, ":", "reported") if who else None
        lead_i, lead_j = doc.tok_range(s.start, named[0].char_start)
        if lead_j - lead_i > 1:  # a title may precede the name; in "CNN President On Trump:"
            return None  # Trump is the topic
        who = self.find.from_mention(named[0], named[0].char_start, named[0].char_end)
        return Found(match.end(), end, who, ":", "reported")

    def _person_noun_lead(self, s: Sentence, end: int) -> Found | None:
        """``US official: Russian missiles hit Poland`` (a headline's capitalised modifiers and
        a person noun before a colon that opens the sentence): that unnamed person."""
        doc = self.doc
        match = _PERSON_LEAD_RE.match(doc.text, s.start, s.end)
        if match is None or match.group(2) not in PERSON_NOUNS:
            return None
        i, j = doc.tok_range(match.end(), end)
        if j - i < 3:
            return None
        a, b = match.span(1)[0], match.end(2)
        return Found(match.end(), end, Speaker(doc.text[a:b], None, 1, a, b), ":", "reported")

    def _person(self, who: Speaker) -> bool:
        """Whether a speaker phrase holds a person noun («мемуаров бывшего канцлера
        Германии»)."""
        i, j = self.doc.tok_range(who.start, who.end)
        return any(t[4] in PERSON_NOUNS for t in self.doc.tokens[i:j])

    def _according(self, s: Sentence, i: int, j: int, k: int, cue: Cue, end: int) -> Found | None:
        """``according to X, …`` / ``…, according to X`` / ``По словам X, …``."""
        text = self.doc.text
        who = self.find.speaker(k, cue[0], s.start, s.end, cue[1])
        if who is None or (cue[2].lower() == "следует из" and not (who.ner or self._person(who))):
            return None  # «следует из материалов на сайте …»: only a named source or a person
        who = self._possessed_person(who, end)
        lead = k - (self.doc.lang == "ru" and self.doc.tokens[k - 1][3] == "судя")
        before = text[s.start : self.doc.tokens[lead][0]].rstrip()
        # "Fundraising, according to the campaign, has surged": the subject before is part of
        # the words (the clause after is not all of them)
        subject_before = (
            self.doc.lang == "en"
            and k > i
            and before.endswith(",")
            and self.doc.tokens[i][3] not in _EN_LINKERS  # "However, according to X, …"
        )
        if (k - i <= 1 and not subject_before) or self._after_spaced_dash(k):
            comma = text.find(",", who.end, end)
            named = self._named_apposition(comma, end) if not who.ner else None
            if named is not None:  # "Со слов владелицы квеста, Юлии Царской, …": the name
                who, comma = named
            comma = self._past_speaker_modifier(comma, end) if comma >= 0 else comma
            start = skip_space(text, comma + 1, end) if comma >= 0 else end
            return Found(start, end, who, cue[2], "reported")
        if before.endswith(",") and len(before) > 3:
            rest = self._rest_after(who.end, end)
            if rest is not None and _JOINED_RE.search(before):
                # «Робота создали инженеры, и, судя по словам X, название …»: the clause after
                return Found(skip_space(text, rest, end), end, who, cue[2], "reported")
            if rest is not None:  # "С начала августа, как уточнили в МЧС, в регионе …",
                # "In addition, according to the department, nearly nine million …"
                return Found(s.start, end, who, cue[2], "reported")
            return Found(s.start, s.start + len(before) - 1, who, cue[2], "reported")
        return None

    def _possessed_person(self, who: Speaker, end: int) -> Speaker:
        """English "according to Seymour Hersh’s sources": the people the name owns speak (the
        phrase as written), not the name."""
        match = _POSSESSED_RE.match(self.doc.text, who.end, end) if self.doc.lang == "en" else None
        if (
            match is None
            or not who.ner
            or lemma_of(match["noun"].lower(), "en") not in PERSON_NOUNS
        ):
            return who
        return Speaker(self.doc.text[who.start : match.end()], None, 0, who.start, match.end())

    def _past_speaker_modifier(self, comma: int, end: int) -> int:
        """Russian «Как рассказал источник, знакомый с ситуацией, сделка …»: the comma after a
        participle or adjective phrase that follows the speaker (up to eight words), else
        ``comma``."""
        doc = self.doc
        i, j = doc.tok_range(comma + 1, end)
        if doc.lang != "ru" or i >= j or not _modifies(doc.tokens, i):
            return comma
        after = doc.text.find(",", doc.tokens[i][1], end)
        if after < 0 or doc.tok_range(comma + 1, after)[1] - i > 8:
            return comma
        return after

    def _after_spaced_dash(self, k: int) -> bool:
        """Russian «Пожар в ЖК «Зиларт» — по данным SHOT, загорелись …»: a spaced dash right
        before the source phrase at ``k`` (its words come after it)."""
        return self._spaced_dash_before(k, 0) >= 0

    def _spaced_dash_before(self, k: int, lo: int) -> int:
        """Where a Russian spaced dash stands right before ``tokens[k]`` (after ``lo``), else
        -1."""
        text = self.doc.text
        at = lo + len(text[lo : self.doc.tokens[k][0]].rstrip()) - 1
        dash = text[at] in DASHES or (text[at] == "-" and text[at + 1 : at + 2] == " ")
        spaced = at > lo and dash and text[at - 1] == " "  # " - " typed for a dash too
        return at if self.doc.lang == "ru" and spaced else -1

    def _named_apposition(self, comma: int, end: int) -> tuple[Speaker, int] | None:
        """A person's name between the comma at ``comma`` and the next one, with that comma;
        Russian titles may come before the name («Как считает политолог, координатор движения
        «Русский союз» Алексей Кочетков, …»)."""
        doc = self.doc
        if comma < 0:
            return None
        next_comma = doc.text.find(",", comma + 1, end)
        if next_comma < 0:
            return None
        i = doc.tok_range(comma + 1, next_comma)[0]
        found = doc.mentions_in(comma + 1, next_comma)
        people = [m for m in found if self.find.ner_type(m) == "PER"]
        if not people or doc.text[people[-1].char_end : next_comma].strip():
            return None
        mention = people[-1]
        lead = doc.tokens[i : bisect.bisect_left(doc.tstarts, mention.char_start)]
        if lead and (doc.lang != "ru" or len(lead) > 10 or any(_is_verb(t[2]) for t in lead)):
            return None
        return self.find.from_mention(mention, mention.char_start, mention.char_end), next_comma

    def _rest_after(self, pos: int, end: int) -> int | None:
        """Start of a clause of three tokens or more after the comma that follows ``pos``."""
        comma = self.doc.text.find(",", pos, end)
        if comma < 0:
            return None
        i, j = self.doc.tok_range(comma + 1, end)
        return comma + 1 if j - i >= 3 else None

    def _verb_clause(self, s: Sentence, i: int, j: int, k: int, cue: Cue, end: int) -> Found | None:
        """``X said (that) …`` / ``X заявил, что …`` / ``…, X said.`` / ``…, — заявил X.``"""
        tokens = self.doc.tokens
        if k > i and tokens[k - 1][3] in _AS:
            return self._according(s, i, j, k - 1, (cue[0], "A", cue[2]), end)
        opener = self.doc.lang == "en" and tokens[i][3] == "as" and k - i <= 6
        if opener and not gap_breaks(self.doc.text, tokens[i][1], tokens[k][0]):
            noted = self._as_subject_noted(s, k, cue, end)
            if noted is not None:
                return noted
        for t in range(cue[0], min(cue[0] + 8, j)):
            if tokens[t][3] in THAT and tokens[t - 1][3] in _ADDING:
                break  # "…, Lavrov said, adding that …": the words before are his too
            if tokens[t][3] in THAT:
                if t + 1 >= j:
                    return None
                who = self.find.speaker(k, cue[0], s.start, tokens[t][0], "BA")
                if self._in_relative_clause(k):
                    end = self._relative_end(tokens[t + 1][0], end)
                return Found(tokens[t + 1][0], end, who, cue[2], "reported") if who else None
        if self._ru_object_lead(k, cue[0])[1]:  # «…, жители жалуются на запах»: the object
            return self._clause_after(s, j, k, cue, end)
        return self._clause_before(s, j, k, cue) or self._clause_after(s, j, k, cue, end)

    def _as_subject_noted(self, s: Sentence, k: int, cue: Cue, end: int) -> Found | None:
        """English "As Limbaugh noted, it's a money-making scam": the clause after the comma
        that closes the "As X said" opener is X's."""
        doc = self.doc
        comma = doc.text.find(",", doc.tokens[k][1], end)
        if comma < 0 or gap_breaks(doc.text, doc.tokens[k][1], comma):
            return None
        rest_i, rest_j = doc.tok_range(comma + 1, end)
        who = self.find.speaker(k, cue[0], s.start, comma, "B")
        if (
            who is None
            or rest_j - rest_i < 3
            or len(doc.text[doc.tokens[k][1] : comma].split()) > 4
        ):
            return None
        if who.speaker.startswith("As "):  # a capitalised run taken as a name: "As Whitmore"
            who = replace(who, speaker=who.speaker[3:], start=who.start + 3)
        return Found(skip_space(doc.text, comma + 1, end), end, who, cue[2], "reported")

    def _clause_before(self, s: Sentence, j: int, k: int, cue: Cue) -> Found | None:
        """``The talks will go on, Lavrov said.`` / ``…, — заявил Лавров журналистам.``"""
        doc = self.doc
        if doc.lang == "ru" and _pos(doc.tokens[k][2]) == "GRND":
            return None  # «Лиза устала ждать …, перед этим рассказав всё жене»: no one's words
        comma = max(doc.text.rfind(",", s.start, doc.tokens[k][0]), self._dash_before(s, k))
        if comma < 0:
            return None
        clause_i, clause_j = doc.tok_range(s.start, comma)
        who = self.find.speaker(k, cue[0], comma + 1, s.end, "BA")
        if who is None:
            return None
        lead_i, lead_j = doc.tok_range(comma, min(who.start, doc.tokens[k][0]))
        tail_start = max(who.end, doc.tokens[cue[0] - 1][1])
        tail_end = doc.text.find(",", tail_start, s.end)
        colon = doc.text.find(":", tail_start, tail_end if tail_end >= 0 else s.end)
        if (
            doc.lang == "ru"
            and colon >= 0
            and MARKS_RE.match(doc.text, skip_space(doc.text, colon + 1, s.end))
        ):
            tail_end = colon  # «…, считает Набиуллина: «…»»: the quotation is another one
        joined = -1  # «…, сообщила «Медиазона» и подтвердил представитель суда»: one clause
        if doc.lang == "ru":
            joined = self._second_cue(tail_start, tail_end if tail_end >= 0 else s.end)
            tail_end = joined if joined >= 0 else tail_end
        tail_i, tail_j = doc.tok_range(tail_start, tail_end if tail_end >= 0 else s.end)
        lead_word = tail_i + (tail_j - tail_i > 1 and doc.tokens[tail_i][3] in RU_PARTICLES)
        # «…, заявил X (всего) через неделю после визита»
        adverbial = doc.lang == "ru" and tail_j > tail_i and doc.tokens[lead_word][3] in _RU_PREP
        if self._ru_subject_first(lead_i, lead_j, tail_i, tail_j, who, k):
            return None  # «…, очевидцы сообщают о наличии огня»: the subject first, its object
        # (and "…, сообщает The Guardian со ссылкой на представителя командования …")
        lead_words = self._lead_words(lead_i, lead_j)
        if lead_words > 2 or tail_j - tail_i > (12 if adverbial else 4):
            return None  # "…, заявила X в ходе выступления на заседании": an adverbial tail
        if doc.lang == "en" and any(t[3] in VERBISH for t in doc.tokens[tail_i:tail_j]):
            return None  # "During the talks, Lavrov said the talks were useful": a clause after
        if any(t[4] == "который" for t in doc.tokens[lead_i:lead_j]):
            return None  # «…, участники которой требуют …»: a relative clause
        rest_i, rest_j = doc.tok_range(tail_end + 1, s.end) if tail_end >= 0 else (0, 0)
        quoted = any(s.start <= a < s.end for a, _ in doc.quoted)  # 'had been "frank"': direct
        as_lead = any(t[3] in _AS for t in doc.tokens[lead_i:lead_j])
        # "…, as The Times reported on Saturday, …": a time after the cue, no clause of its own
        timed = (
            as_lead
            and doc.lang == "en"
            and tail_j > tail_i
            and doc.tokens[tail_i][3] in _EN_TIME_LEADS
        )
        bare_tail = tail_j == tail_i or timed
        interjected = bare_tail and rest_j - rest_i >= 3 and clause_j > clause_i and joined < 0
        if interjected and doc.lang == "en" and doc.tokens[rest_i][3].endswith("ing"):
            interjected = False  # "…, Lavrov said, adding that …": a participle goes on
        if interjected and doc.lang == "ru" and _modifies(doc.tokens, rest_i):
            interjected = False  # «…, — сообщил источник, близкий к компании»: of the speaker
        ru_aside = self._ru_interjected(comma, tail_start)
        if interjected and not quoted and (doc.lang == "en" or ru_aside):
            # "The talks, Lavrov said, were useful": the whole sentence, attribution included
            return Found(s.start, clause_end(doc.text, s.start, s.end), who, cue[2], "reported")
        if clause_j - clause_i < 3 and not self._ru_short_clause(clause_i, clause_j):
            return None
        if tail_j > tail_i and as_lead and not timed:
            return None  # "…, as Trump says he has ordered": "as" opens a clause of its own
        start = skip_space(doc.text, s.start, comma)
        if doc.text[start : start + 1] in DASHES:  # «— Будет …, — передал X»: the words only
            start = skip_space(doc.text, start + 1, comma)
        if doc.text[start : start + 1] in OPENING_MARKS:  # a quotation whose marks did not pair
            start = skip_space(doc.text, start + 1, comma)
        return Found(
            start, s.start + len(doc.text[s.start : comma].rstrip()), who, cue[2], "reported"
        )

    def _ru_short_clause(self, i: int, j: int) -> bool:
        """A Russian two-word clause with a capitalised subject first («Ситуация
        контролируемая, сообщили …»), not a prepositional phrase («В Москве, …»)."""
        tokens = self.doc.tokens
        return (
            self.doc.lang == "ru"
            and j - i == 2
            and tokens[i][2][:1].isupper()
            and tokens[i][3] not in PREPOSITIONS
            and _pos(tokens[i][2]) == "NOUN"
        )

    def _second_cue(self, start: int, end: int) -> int:
        """Where a second attribution joined by «и» starts in ``text[start:end]`` (the tail
        after a speaker), else -1."""
        i, j = self.doc.tok_range(start, end)
        for k in range(i, j - 1):
            if self.doc.tokens[k][3] == "и" and self.find.cue_at(k + 1, j) is not None:
                return self.doc.tokens[k][0]
        return -1

    def _ru_subject_first(
        self, lead_i: int, lead_j: int, tail_i: int, tail_j: int, who: Speaker, k: int
    ) -> bool:
        """Russian «…, однако медики констатировали смерть»: a speaker before its cue and an
        object after it make a clause of their own, not an attribution of the words before the
        comma (that reads «…, констатировали медики», or «…, об этом X заявил …»)."""
        doc = self.doc
        if doc.lang != "ru" or tail_j <= tail_i or who.end > doc.tokens[k][0]:
            return False
        return not any(t[3] in _THIS for t in doc.tokens[lead_i:lead_j])

    def _dash_before(self, s: Sentence, k: int) -> int:
        """Russian «… области — сообщает Минобороны»: a spaced dash right before the cue (no
        comma), or before «об этом» and the words after it (see :meth:`_lead_words`), ends the
        words it reports; its position, else -1."""
        tokens = self.doc.tokens
        about = next(
            (
                t
                for t in range(k - 2, max(k - 8, -1), -1)
                if (tokens[t][3], tokens[t + 1][3]) == ABOUT_THIS
            ),
            None,
        )
        if about is not None and self._lead_words(about, k) == 0:
            k = about  # «… — об этом в интервью журналистам сообщила глава МИД Латвии»
        at = self._spaced_dash_before(k, s.start)
        return at if at >= 0 and self.doc.text[at - 2 : at - 1] not in (",", "") else -1

    def _lead_words(self, i: int, j: int) -> int:
        """How many of the words ``tokens[i:j]`` between the comma or dash that ends the words
        and the cue or its speaker count against an attribution: in Russian not «об этом», a
        listener («журналистам», «Интерфаксу»), a setting («в интервью») nor whom the speaker
        cites («со ссылкой на МИД Японии»)."""
        if self.doc.lang != "ru":
            return j - i
        tokens = self.doc.tokens
        k, count = i, 0
        while k < j:
            pair = (tokens[k][3], tokens[k + 1][3] if k + 1 < j else "")
            if pair == ABOUT_THIS or (pair[0] in ("в", "во") and tokens[k + 1][4] in SETTINGS):
                k += 2
                continue
            if pair == ("со", "ссылкой"):
                return count  # «…, со ссылкой на МИД Японии сообщает Kyodo»: whom it cites
            count += not _ru_listener(self.doc, k)
            k += 1
        return count

    def _reports(self, s: Sentence, k: int) -> bool:
        """Whether a quote-only cue reports here: in dialogue speech, or «передал, что …»."""
        tokens = self.doc.tokens
        that = k + 1 < len(tokens) and tokens[k + 1][3] == "что" and tokens[k][4] == "передать"
        return that or self._dialogue(s, k)

    def _dialogue(self, s: Sentence, k: int) -> bool:
        """Russian dialogue speech «— …, — передал X»: the sentence opens with a dash and the
        cue follows «, —»."""
        text = self.doc.text
        before = text[text.rfind(",", s.start, self.doc.tokens[k][0]) + 1 : self.doc.tokens[k][0]]
        return text[skip_space(text, s.start, s.end) : s.end][:1] in DASHES and any(
            d in before for d in DASHES
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

    def _clause_after(self, s: Sentence, j: int, k: int, cue: Cue, end: int) -> Found | None:
        """``X said: …``; English ``X said the talks …``, ``X told reporters …``, ``, saying …``."""
        doc = self.doc
        tokens, t, lower = doc.tokens, cue[0], doc.tokens[k][3]
        d = t + (t + 1 < j and tokens[t][3] in ("a", "an", "the"))  # "told a briefing"
        if d < j and lower == "told" and tokens[d][3] in LISTENERS | _TOLD_ONLY:
            t = d + 1
        elif t < j and lower in ("told", "tells"):
            listener = doc.mention_at(tokens[t][0])  # "told Fox News he wants …"
            if listener is not None:
                t = bisect.bisect_left(doc.tstarts, listener.char_end)
        t = self.find.after_time(t, j)
        if t >= j or j - t < 3 or tokens[t][3] in NOT_CLAUSE:
            return None
        if (k and tokens[k - 1][3] in _AS) or self._after_as(k):
            return None  # "…, as President Trump says he has ordered": a comparison
        gap = doc.text[tokens[t - 1][1] : tokens[t][0]]
        # «Эксперты уверены — цены вырастут»: a spaced dash after a Russian cue, as a colon
        colon = ":" in gap or (doc.lang == "ru" and gap.strip() in tuple(DASHES) and " " in gap)
        after_object = self._colon_after_object(t, j) if not colon else None
        if after_object is not None:  # «Вилкул уточнил имена: двухмесячная Ульяна, …»
            t, colon = after_object, True
        plain = lower in ("said", "says", "told", "saying") and not gap_breaks(
            doc.text, tokens[t - 1][1], tokens[t][0]
        )
        t, complaint = self._ru_object_lead(k, t)
        about = doc.lang == "ru" and tokens[t][3] in _ABOUT and not self._about_that(t)
        about = about or complaint
        about = about or (doc.lang == "ru" and tokens[k][4] in RU_PROMISE and self._to_do(t, j))
        about = about or self._ru_comma_clause(k, t)  # "Очевидцы говорят, ищут наркотики"
        about = about or self._ru_stance_object(k, t, j)  # «подчеркнул важность …»
        if not (colon or plain or about):  # "Местные СМИ сообщают о появлении техники"
            return None
        who = self.find.speaker(k, k + 1, s.start, tokens[k][0], "B")
        if who is None or (lower == "saying" and who.rank > 1):
            return None
        if self._in_relative_clause(k):
            if tokens[t][3] in _ABOUT:
                return None  # «Американцы, которые говорят о свободе торговли, сделали …»
            end = self._relative_end(tokens[t][0], end)
        return Found(tokens[t][0], end, who, cue[2], "reported")

    def _relative_end(self, start: int, end: int) -> int:
        """Where the content of a cue in a relative clause ends: at the comma that closes the
        clause ("Karzai, who contends that …, attended the talks"), else ``end``."""
        comma = self.doc.text.find(",", start, end)
        return comma if comma >= 0 else end

    def _colon_after_object(self, t: int, j: int) -> int | None:
        """Russian «опровергло информацию СМИ об отмене отсрочки: …»: the first token after a
        colon that closes the cue's object (up to six words, no other clause mark), else
        None."""
        doc = self.doc
        if doc.lang != "ru":
            return None
        for m in range(t, min(t + 6, j - 1)):
            gap = doc.text[doc.tokens[m][1] : doc.tokens[m + 1][0]]
            if ":" in gap:
                return m + 1 if j - (m + 1) >= 2 else None
            if gap_breaks(doc.text, doc.tokens[m][1], doc.tokens[m + 1][0]):
                return None
        return None

    def _about_that(self, t: int) -> bool:
        """Whether «о» at token ``t`` opens «о том / об этом, что …» (a clause read as such),
        not «о том, как …» (an indirect question: the topic is the content)."""
        tokens = self.doc.tokens
        if tokens[t + 1][3] not in _THIS:
            return False
        return not (t + 2 < len(tokens) and tokens[t + 2][3] in _HOW)

    def _ru_object_lead(self, k: int, t: int) -> tuple[int, bool]:
        """The content's first token past a Russian lead-in, and whether it is a prepositional
        object: «подтвердил информацию об уничтожении …» (from «об»), «жаловались на диарею»."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or t + 2 >= len(tokens):
            return t, False
        if tokens[t][3] in _INFORMATION and tokens[t + 1][3] in _ABOUT:
            return t + 1, False
        wanted = _OBJECT_PREPOSITION.get(tokens[k][4]) or _OBJECT_PREPOSITION.get(tokens[k][3])
        if wanted is not None and tokens[t][3] == wanted:
            return t + 1, True
        return t, False

    def _ru_stance_object(self, k: int, t: int, j: int) -> bool:
        """Russian «Путин подчеркнул значительный рост товарооборота», «выразил уверенность в
        …»: a stressing or voicing verb whose object (after up to two adjectives) is one of its
        nouns of :data:`_STRESSING_RU`; «Роскомнадзор подтвердил сбой …», «прогнозируют
        дальнейший рост цен»: a confirming or forecasting verb whose object is a thing
        (:data:`_STATING_RU`); «не исключил продолжение тенденции»: a not-ruling-out verb whose
        object is an event. The object is the content."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru":
            return False
        lemma = tokens[k][4]
        negated = k > 0 and tokens[k - 1][3] == "не"
        for n in range(t, min(t + 3, j)):
            word = tokens[n][2]
            if lemma in _STRESSING_RU and tokens[n][4] in _STRESSING_RU[lemma]:
                return True
            if lemma in _STATING_RU and _thing_object(word):
                return True
            if lemma in _NOT_RULING_OUT_RU and negated and _event_object(word):
                return True
            if ru_parses(word)[0].tag.POS != "ADJF":
                return False
        return False

    def _to_do(self, t: int, j: int) -> bool:
        """An infinitive at token ``t``, or after one object noun («обещает вложить …»,
        «призывает россиян воздержаться …»)."""
        tokens = self.doc.tokens
        if _is_infinitive(tokens[t][2]):
            return True
        if tokens[t][3] == "не" and t + 1 < j and _is_infinitive(tokens[t + 1][2]):
            return True  # «призвали не включать …»
        if tokens[t - 1][4] in _PROMISE_ONLY:  # «пообещала $400 туристам», «обещал мне гражданство»
            first = t + 1 if tokens[t][3] in _TO_ME else t
            return j - first >= 2 and _pos(tokens[first][2]) not in ("VERB", "CONJ", "PREP")
        return t + 1 < j and _object_noun(tokens[t][2]) and _is_infinitive(tokens[t + 1][2])

    def _in_relative_clause(self, k: int) -> bool:
        """Whether the cue at ``k`` follows «, который / которые …» (", who …", ", which …") in
        its clause."""
        tokens, text = self.doc.tokens, self.doc.text
        for t in range(k - 1, max(k - 7, -1), -1):
            if tokens[t][4] == "который" or tokens[t][3] in ("who", "which"):
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


# "’s sources" after a name ("according to Seymour Hersh’s sources")
_POSSESSED_RE = re.compile(r"['’]s\s+(?P<noun>[a-z]+)\b")


def _modifies(tokens: list[tuple[int, int, str, str, str]], t: int) -> bool:
    """Whether a Russian phrase about the noun before it starts at ``tokens[t]``: a
    participle («пожелавший остаться …»), an adjective with its complement («близкий к
    компании», «знакомый с ситуацией») or «который» («которое он высказал …»)."""
    word = tokens[t][2]
    if not word[:1].islower():
        return False
    if _pos(word) == "PRTF" or tokens[t][4] == "который":
        return True
    return _pos(word) == "ADJF" and t + 1 < len(tokens) and tokens[t + 1][3] in PREPOSITIONS


def _subject_before_cue(words: list[tuple[int, int, str, str, str]]) -> bool:
    """Whether the words between «Об этом» and its cue are a subject: a personal pronoun, or
    a lower-case phrase ending in a nominative noun («Об этом украинский лидер заявил в
    Брюсселе»), not a listener («Об этом «Известиям» рассказал …»)."""
    if len(words) == 1 and words[0][3] in _SUBJECT_PRONOUNS:
        return True
    last = words[-1]
    readings = ru_parses(last[2])[:1]
    return (
        all(w[2][:1].islower() and w[3] not in NP_STOP for w in words)  # not «со ссылкой на …»
        and bool(readings)
        and readings[0].tag.POS == "NOUN"
        and "nomn" in readings[0].tag
    )


def _pos(word: str) -> str:
    parses = ru_parses(word) if word[:1].isalpha() else []
    return str(parses[0].tag.POS) if parses else ""


def _instrumental(word: str) -> bool:
    """A Russian noun or adjective with an instrumental reading among its likeliest two
    («делом», «фейковой»)."""
    return any("ablt" in p.tag and p.tag.POS in ("NOUN", "ADJF") for p in ru_parses(word)[:2])


def _object_noun(word: str) -> bool:
    """A Russian noun with an accusative reading among its likeliest two («россиян»)."""
    return any(p.tag.POS == "NOUN" and "accs" in p.tag for p in ru_parses(word)[:2])


def _instrumental_name(word: str) -> bool:
    """A capitalised word in the instrumental («Иваном»), not an acronym («США»)."""
    return word[:1].isupper() and not word.isupper() and _instrumental(word)


def _is_infinitive(word: str) -> bool:
    return any(p.tag.POS == "INFN" for p in ru_parses(word)[:2])


def _is_verb(word: str) -> bool:
    """A Russian finite verb in its most likely reading ("подписал", not "Песков")."""
    parses = ru_parses(word) if word[:1].isalpha() else []
    return bool(parses) and parses[0].tag.POS == "VERB"


def skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def clause_end(text: str, start: int, end: int) -> int:
    """``end`` without trailing spaces, final punctuation and closing marks."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in END_PUNCT + "»”\"'"):
        end -= 1
    return end


def trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    a = skip_space(text, a, b)
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _numeral(word: str) -> bool:
    """A number in digits or a Russian numeral word («девять», «двое»)."""
    return word.isdigit() or any(p.tag.POS == "NUMR" for p in ru_parses(word)[:2])


def _thing_object(word: str) -> bool:
    """A Russian inanimate noun that may be accusative (its likeliest reading a noun)."""
    parses = ru_parses(word)
    if parses[0].tag.POS != "NOUN" or "anim" in parses[0].tag:
        return False
    return any("accs" in p.tag for p in parses if p.tag.POS == "NOUN")


def _event_object(word: str) -> bool:
    """A Russian noun naming an event or chance («продолжение», «возможность», «эскалацию»)."""
    lemma = ru_parses(word)[0].normal_form
    return _thing_object(word) and lemma.endswith(("ние", "тие", "ция", "ость"))


def _ru_listener(doc: DocIndex, t: int) -> bool:
    """Whether the Russian word at ``t`` (right before a cue) is whom the words were told: a
    listener noun («журналистам») or a capitalised dative («об этом «Интерфаксу» сообщил»)."""
    word = doc.tokens[t][2]
    if word.lower() in LISTENERS:
        return True
    return word[:1].isupper() and "datv" in ru_parses(word)[0].tag
