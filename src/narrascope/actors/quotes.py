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
plans, polls and namings (see :mod:`narrascope.actors.syntax`); a participle or a conjoined
speech verb ("Clinton attacked Trump, saying …") is the subject's of the verb it hangs on.

In any language, a post embedded from social media, signed "— Name (@handle) May 11, 2022" on
its own line or after the post's words, is the signer's.

Limits: no coreference beyond pronouns and surnames; verbs of judgement ("endorsed X",
"criticized the deal") are not attributions of content.
Every scan is linear and every search window bounded: 10,000 characters without punctuation
or thousands of stray quotation marks stay fast.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from narrascope.actors._article_passes import (
    HEADLINE_SOURCE_RE,
    NAME_MAX_TOKENS,
    claim_nouns,
    colon_lists,
    colon_paragraphs,
    dash_continuations,
    dash_signed_quotes,
    embedded_posts,
    headline_quotation,
    headline_source,
    inline_bullets,
    name_anaphoric_bodies,
    name_bare_nouns,
    name_titled_persons,
    quote_continuations,
    quote_paragraphs,
    quoted_namings,
)
from narrascope.actors._document import DocIndex, Speaker, skip_dateline
from narrascope.actors._references import (
    feminine_surnames,
    join_coordinated_people,
    name_described_persons,
    name_document_owners,
    name_english_bodies,
    name_english_cataphora,
    name_english_owned,
    name_english_pronouns,
    name_english_they,
    name_pronouns_after_quotes,
)
from narrascope.actors._sentence_rules import (
    COLON_LEAD_RE,
    END_PUNCT,
    NAMING,
    QUOTE_ONLY,
    RU_COLON_LEAD_RE,
    RU_SOURCE_DASH_RE,
    SPEECH_NOUNS,
    Found,
    SentenceRules,
    trim_span,
)
from narrascope.actors.ner import HEADLINE_VERBS, ActorExtractor
from narrascope.actors.registry import ActorRegistry, default_registry
from narrascope.actors.speakers import (
    ACCORDING,
    CUES,
    DOCUMENT_CUES,
    FINDINGS,
    MEDIA_NOUNS,
    PRONOUNS,
    SOURCE_NOUNS,
    SpeakerFinder,
    is_cue,
)
from narrascope.actors.syntax import (
    ATTRIBUTION_EN,
    EXTRA_EN,
    RU_ACCUSING,
    RU_THAT_ONLY,
    Clause,
    speech_clauses,
)
from narrascope.records import Article, Mention, Quote, Sentence
from narrascope.text.quotemarks import MARKS_RE, QuotePair, csv_unescaped, quote_pairs
from narrascope.text.tokens import Scanned, base_language, scan

__all__ = ["QuoteExtractor"]

_OWN_FRAME = 40  # characters from a quotation's end to a speaker that frames it alone
_CLAUSE_TO_PHRASE = 300  # characters from a reported clause's start to a phrase it quotes
_SHOWING = frozenset({"show", "shows", "showed", "shown", "showing", "reveals", "revealed"})
_PICTURES = frozenset(
    {"video", "footage", "clip", "image", "photo", "photograph", "picture", "post"}
)


# Languages whose unattributed speech sentences get a dependency parse by default: English
# (+0.05 speaker F1 on PolNeAR at ~1.5x CPU per article) and Russian (natasha: subjects the rules
# miss, «Задержанный сказал, что …», +0.018 speaker F1 on the tuning Telegram sets at ~1.3x CPU).
SYNTAX_LANGUAGES = ("en", "ru")
_DASHES = "—–-"
_TERM_MAX_TOKENS = 3
_TITLE_PREPOSITIONS = frozenset({"on", "in", "of", "from", "at", "for"})
_TITLE_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "or"})
_TITLE_MAX_WORDS = 8
_RELATIVE_EN = frozenset({"who", "whose", "whom", "which", "that"})
_MODIFIER_PREPOSITIONS = frozenset({"in", "with", "from", "at", "over", "on"})
# Telegram markdown: link brackets and targets, bold and italics marks
_MARKUP_RE = re.compile(r"\[(?=[^\]\n]{0,300}\]\()|\]\([^)\s]{1,800}\)|\*\*|__")
# English "as per X", and "Per X, …" opening a sentence: "according to X"
_PER_RE = re.compile(r"\b[Aa]s per\b|^\s*Per\s+(?!capita\b)")
# an English sentence opened by a pronoun subject: its antecedent is named before it
_EN_PRONOUN_OPENING_RE = re.compile(r"\s*(?:He|She|They)\b")


def _ru_sourced(text: str) -> bool:
    """Whether a Russian sentence may name a source without a verb ("X: …", "… — X")."""
    text = _MARKUP_RE.sub(lambda m: " " * len(m.group()), text)
    return bool(RU_COLON_LEAD_RE.match(text) or RU_SOURCE_DASH_RE.search(text))


def _without_markup(article: Article) -> Article:
    """Russian Telegram posts keep markdown ("[сообщает](https://…)", "**…**"): read its
    brackets, link targets and emphasis marks as spaces (same length, so offsets hold)."""
    if base_language(article.language) != "ru" or not _MARKUP_RE.search(article.text):
        return article
    text = _MARKUP_RE.sub(lambda m: " " * len(m.group()), article.text)
    return replace(article, text=text)


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
        article = _without_markup(_english_marks(_csv_unescaped(article)))
        article = _headline_verbs_lowered(article)
        doc = DocIndex(article, sentences, mentions)
        every = quote_pairs(doc.text, doc.para_spans)
        names = [p for p in every if _is_name(doc, p)]
        pairs = [p for p in every if p not in names and not _parenthetical_term(doc, p)]
        doc.quoted = [(p.open + 1, p.close) for p in pairs]
        doc.named = sorted(trim_span(doc.text, p.open + 1, p.close) for p in names)
        rules = SentenceRules(doc, SpeakerFinder(doc, self.registry), parsed=parse)
        direct = _direct(doc, rules, pairs)
        reported = _reported(doc, rules, direct)
        covered = [(f.start, f.end) for f in reported]
        kept = [f for f in direct if not (f.term and _inside(f, covered))]
        found = sorted(kept + reported, key=lambda f: f.start)
        if parse:
            parsed = _parsed(doc, rules.find, found)  # mends the rules' in ``found`` first
            found = sorted(found + parsed, key=lambda f: f.start)
        if doc.lang == "ru":
            found = sorted(found + colon_lists(doc, rules.find, found), key=lambda f: f.start)
            found = sorted(found + inline_bullets(doc, rules.find, found), key=lambda f: f.start)
            found = sorted(found + dash_continuations(doc, found), key=lambda f: f.start)
            found = sorted(
                found + headline_quotation(doc, rules.find, found), key=lambda f: f.start
            )
            for f in found:  # without the markdown marks at either end
                f.start, f.end = trim_span(doc.text, f.start, f.end)
        found = embedded_posts(doc, rules.find, found)
        if doc.lang == "en":
            found = dash_signed_quotes(doc, rules.find, found)
            found = sorted(found + colon_paragraphs(doc, rules.find, found), key=lambda f: f.start)
            found = headline_source(doc, rules.find, found)
            found = sorted(found + claim_nouns(doc, rules.find, found), key=lambda f: f.start)
            found = sorted(found + quoted_namings(doc, rules.find, found), key=lambda f: f.start)
        name_bare_nouns(doc, rules.find, found)
        if doc.lang == "en":
            join_coordinated_people(doc, rules.find, found)
            name_english_pronouns(doc, rules.find, found)
            name_english_they(doc, found)
            name_english_owned(doc, rules.find, found)
            name_english_bodies(doc, rules.find, found)
            name_document_owners(doc, rules.find, found)
            name_english_cataphora(doc, found)
            found = sorted(found + quote_paragraphs(doc, found), key=lambda f: f.start)
            found = sorted(found + quote_continuations(doc, found), key=lambda f: f.start)
        if doc.lang == "ru":
            name_titled_persons(doc, rules.find, found)
            name_described_persons(doc, rules.find, found)
            name_pronouns_after_quotes(doc, rules.find, found)
            feminine_surnames(doc, found)
            name_anaphoric_bodies(doc, rules.find, found)
        _outside_frames(doc, found)
        if doc.lang == "en":
            _before_next_speaker(doc, found)
        found = [
            f
            for f in _once(found)
            if not (
                _pictured(doc, f)
                or _left_open(doc, f)
                or _anonymity_asked(doc, f)
                or _SCENE_RE.fullmatch(doc.text, f.start, f.end)
            )
        ]
        return [_record(doc, f, original) for f in found]

    def candidate_sentences(self, article: Article, sentences: Sequence[Sentence]) -> set[int]:
        """Indices of sentences that may hold a quote (marks or cues) and of the ones before.

        Run NER on these only: ``ActorExtractor.extract(..., only_sentences=...)``.
        """
        lang = base_language(article.language)
        # the second word of "according to", «по словам» («из» of «следует из», "per" of "as
        # per" are too common: "as per" and a sentence opened by "Per" are matched below)
        sources = {noun for _, noun in ACCORDING} - {"из", "per"} | {"следует"}
        cues = CUES | NAMING | sources | {"вывод"} | SPEECH_NOUNS | DOCUMENT_CUES | RU_ACCUSING
        cues |= RU_THAT_ONLY - {"заключить", "заключать"}  # «заключили соглашение»: no NER for it
        picked: set[int] = set()
        for s in sentences:
            tokens = scan(s.text, lang)
            words = {t[3] for t in tokens} | {t[4] for t in tokens}
            marks = MARKS_RE.search(s.text) or (
                lang == "en"
                and (
                    "''" in s.text
                    or COLON_LEAD_RE.match(s.text)
                    or s.text.rstrip().endswith(":")
                    or HEADLINE_SOURCE_RE.search(s.text)
                    or _PER_RE.search(s.text)
                )
            )
            if marks or not cues.isdisjoint(words) or (lang == "ru" and _ru_sourced(s.text)):
                picked.update((s.index, s.index - 1))
        if lang == "ru" and 0 in picked:  # a headline's «— министр» is named in the lead
            picked.update((1, 2))
        if lang == "en":  # "Mike Allard, 35, … voted … He thinks … “…,” he said": the name
            opens = {s.index for s in sentences if _EN_PRONOUN_OPENING_RE.match(s.text)}
            picked.update(i - 1 for i in picked & opens)
        return picked & {s.index for s in sentences}


def _outside_frames(doc: DocIndex, found: list[Found]) -> None:
    """Words nested in another's words stop where that one's frame begins: in "he believes
    that, as his country is at war, he can do anything, his former adviser has claimed" the
    belief ends before ", his former adviser has claimed"."""
    for f in found:
        for g in found:
            frame = g.who.start
            if g is not f and g.start < f.start < g.end <= frame < f.end:
                end = trim_span(doc.text, f.start, frame)[1]
                while end > f.start and doc.text[end - 1] in ",;:—– ":
                    end -= 1
                f.end = end if end > f.start else f.end


def _before_next_speaker(doc: DocIndex, found: list[Found]) -> None:
    """English words that run on into the next attribution's speaker end before it: "Russia
    has denied it meddled in the election and Trump has denied that …" (Russia's words end
    at "election")."""
    for f in found:
        if f.start <= f.who.start < f.end:
            continue  # "In his state, Christie said, offenders …": words around their speaker
        for g in found:
            if g is f or not (f.start < g.who.start < f.end <= g.start):
                continue
            if g.who.speaker == f.who.speaker:
                continue
            end = doc.text.rfind(" ", f.start, g.who.start)
            words = doc.text[f.start : end].rstrip(" ,;")
            for link in (" and", " but"):
                words = words.removesuffix(link)
            if len(words.split()) >= 2:
                f.end = f.start + len(words)


def _pictured(doc: DocIndex, f: Found) -> bool:
    """English "Footage shows the moment …", "The video clip showed how …": what a picture
    shows is the outlet's description of it, not anyone's claim."""
    head = f.who.speaker.lower().rsplit(" ", 1)[-1]
    return doc.lang == "en" and f.cue.lower() in _SHOWING and head in _PICTURES


def _direct(doc: DocIndex, rules: SentenceRules, pairs: list[QuotePair]) -> list[Found]:
    found: dict[int, Found] = {}
    parts: list[Found] = []
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
            a, b = trim_span(doc.text, pair.open + 1, pair.close)
            # 'is "concerned" about …, Sullivan said': a scare-quoted word, not the statement
            inline = _after_lower_word(doc, pair.open) and _bare_term(doc, a, b)
            term = (doc.lang == "en" and inline) or (hit[2] and _is_term(doc, a, b))
            # «казнивший Эйхмана – "архитектора Холокоста", умер …, сообщает X»: words inside
            # the reported clause, not its quotation
            term = term or (doc.lang == "ru" and _is_term(doc, a, b) and _mid_sentence(doc, pair))
            if term and doc.lang == "ru" and _modifies_next_word(doc, pair):
                continue  # «опровергают «оградительные» функции забора»: a word, not speech
            if doc.lang == "ru" and _inside_clause(doc, pair, a, b):
                continue  # «будут на "прямой линии" Путина, заявил Песков»: a name, not speech
            found[n] = Found(a, b, hit[0], hit[1], "direct", term=term)
    _continue_speakers(doc, pairs, found)
    in_parts = {id(f) for f in parts}
    return parts + [f for f in found.values() if id(f) not in in_parts and f.end > f.start]


def _reported(doc: DocIndex, rules: SentenceRules, direct: list[Found]) -> list[Found]:
    """Reported clauses of sentences without a direct quote, and "…," X said, adding that …"""
    quoted = sorted((f for f in direct if not f.term), key=lambda f: f.start)
    starts = [f.start for f in quoted]
    out: list[Found] = []
    for s in doc.sentences:
        k = bisect.bisect_left(starts, s.end)
        last = quoted[k - 1] if k and quoted[k - 1].end > s.start else None
        hit = rules.reported(s) if last is None else rules.adding(s, last)
        if hit is None and last is not None and _inline_in(doc, s, last):
            hit = rules.reported(s)  # "…, said the allegations …, as to whether X was “…”"
            after = hit is not None and doc.lang == "ru" and hit.start > last.end
            if hit is None or not (after or 0 < last.start - hit.start <= _CLAUSE_TO_PHRASE):
                hit = None  # a clause before the quotation, near it; in Russian also one after
                # it («обвинил «часть политиков» … и заявил, что …»)
            elif _framed(last) and hit.who.speaker != last.who.speaker:
                # '… the "We agree," Kabulov said': his words, not the clause's; but '"…,"
                # according to the outlet' names the clause's speaker again
                hit = hit if doc.lang == "en" and _refers_back(last.who) else None
            if hit is not None and hit.end >= last.end:
                last.term = True  # the clause holds the quoted words: one attribution
        if hit is None and last is not None and doc.lang == "ru":
            for rest in (_after_closed_quote(doc, s, last), _before_colon_quote(doc, s, quoted)):
                hit = hit or (rules.reported(rest) if rest is not None else None)
        if hit is not None and out and (out[-1].start, out[-1].end) == (hit.start, hit.end):
            if _named(hit.who) or not _named(out[-1].who):  # not "— Bloomberg" -> «издание»
                out[-1] = hit  # the same clause, now with the speaker "Об этом …" names
        elif hit is not None:
            out.append(hit)
            around = rules.outer(s, hit) if last is None and doc.lang == "ru" else None
            if around is not None:
                out.append(around)
            out.extend(rules.coordinated(hit) if doc.lang == "ru" else [])
            inner = _nested(doc, rules, s, hit) if last is None and doc.lang == "ru" else None
            if inner is not None:  # «Как сообщает ЦТАК, Ким Чен Ын заявил, что …»: his too
                out.append(inner)
            if hit.end <= s.start:  # «…. Об этом сообщил X, добавив, что …»: that clause too
                adding = rules.adding(s, replace(hit, end=s.start))
                out.extend([adding] if adding is not None else [])
            elif doc.lang == "en":  # "…, X said, adding that …", "X said …, adding that …"
                adding = rules.adding(s, hit)
                out.extend([adding] if adding is not None else [])
    return out


def _nested(doc: DocIndex, rules: SentenceRules, s: Sentence, hit: Found) -> Found | None:
    """Reported speech inside the content of ``hit``, in its own words: a speaker, a speech
    verb and «что» («Как сообщает ЦТАК, Ким Чен Ын заявил, что …»)."""
    if hit.start <= s.start or hit.end > s.end:
        return None
    rest = replace(s, start=hit.start, text=doc.text[hit.start : s.end])
    inner = rules.reported(rest)
    if inner is None or inner.start <= hit.start or inner.end > hit.end or inner.cue == hit.cue:
        return None
    i, j = doc.tok_range(hit.start, inner.start)
    that = any(t[3] == "что" for t in doc.tokens[i:j])
    return inner if that and inner.who.rank <= 1 else None


def _named(who: Speaker) -> bool:
    return bool(who.actor_id or who.ner)


def _after_closed_quote(doc: DocIndex, s: Sentence, quote: Found) -> Sentence | None:
    """The rest of ``s`` after a quotation that ends a sentence of its own (``«…».** Медведев
    заявил, что …``: a headline the segmenter glued to the next sentence)."""
    after = doc.text[quote.end : s.end]
    match = re.match(r"\s*[»”\"]?[\s*_]*[.!?…][\s*_»”\"]*(?=\S)", after)
    if match is None:
        return None
    start = quote.end + match.end()
    return replace(s, start=start, text=doc.text[start : s.end])


def _before_colon_quote(doc: DocIndex, s: Sentence, quoted: list[Found]) -> Sentence | None:
    """The part of ``s`` before «: «…»» when the sentence's first quotation follows a colon
    (``Политика ЦБ позволит …, считает Набиуллина: «…»``): a clause of its own."""
    first = next((f for f in quoted if s.start <= f.start < s.end), None)
    if first is None:
        return None
    colon = doc.text.rfind(":", s.start, first.start)
    if colon < 0 or doc.text[colon + 1 : first.start].strip(' «“„"*_'):
        return None
    return replace(s, end=colon, text=doc.text[s.start : colon])


def _verb_form(token: Scanned, verbs: frozenset[str]) -> bool:
    """Whether ``token`` is a form of one of ``verbs`` ("warning": warn)."""
    lower = token[3]
    return lower in verbs or token[4] in verbs or lower.removesuffix("ing") in verbs


def _parsed(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """Reported speech from the dependency parse of sentences the rules left without a quote
    that hold a speech verb (see :mod:`narrascope.actors.syntax`). English: the parse also
    mends the rules' attributions in ``found`` in place (their speaker, their span, or drops a
    misread one; see :func:`_finite_subject`, :func:`_own_cue_inside`)."""
    if doc.lang not in ("en", "ru"):
        return []
    verbs = (
        CUES | EXTRA_EN | ATTRIBUTION_EN
        if doc.lang == "en"
        else (CUES - QUOTE_ONLY - FINDINGS) | RU_ACCUSING | RU_THAT_ONLY
    )
    taken = sorted((f.start, f.end) for f in found)
    spans, beside = [], []
    for s in doc.sentences:
        i, j = doc.tok_range(s.start, s.end)
        if any(a < s.end and s.start < b for a, b in taken):
            # English: another speaker's clause beside a quote ("Critics have argued …, but
            # officials say the measures were to stop “disruption”"), a belief or plan in it
            if doc.lang == "en" and any(_verb_form(t, verbs) for t in doc.tokens[i:j]):
                spans.append((s.start, s.end))
                beside.append((s.start, s.end))
            continue
        if any(_verb_form(t, verbs) for t in doc.tokens[i:j]):
            spans.append((s.start, s.end))
    out = []
    for clause in speech_clauses(doc.text, spans, doc.lang, verbs):
        who = finder.subject_speaker(clause)
        if who is None or clause.content_end <= clause.content_start:
            continue
        if any(c in doc.text[clause.content_end : clause.subject_start] for c in ":;"):
            continue  # "Zelensky Exposed: Former Advisor reveals …": a topic, not the content
        by_quote = _inside_any(clause.cue_start, beside)
        if by_quote and _widens(doc, clause, who, found):
            continue  # a quoted phrase inside the clause: the whole clause, one attribution
        if doc.lang == "en" and by_quote:
            _participle_subject(doc, finder, clause, who, found)
            _finite_subject(doc, finder, clause, who, found)
            found[:] = [f for f in found if not _subject_read_as_words(clause, f)]
        if by_quote and _own_cue_inside(doc, clause, found):
            continue  # the rules' words held their own verb and speaker: now the parse's
        if by_quote and (_repeats(clause, found) or doc.in_quote(clause.cue_start)):
            continue  # found already, or words inside a quotation (the quote's speaker's)
        inside = [
            q
            for q in doc.quoted
            if q[0] - 1 <= clause.content_start and clause.content_end <= q[1] + 1
        ]
        if inside:  # the clause is a quotation the rules left unattributed: a direct quote
            a, b = trim_span(doc.text, *inside[0])
            out.append(Found(a, b, who, clause.cue, "direct"))
        else:
            start = skip_dateline(doc.text, clause.content_start, clause.content_end)
            out.append(Found(start, clause.content_end, who, clause.cue, "reported"))
    return out


def _participle_subject(
    doc: DocIndex, finder: SpeakerFinder, clause: Clause, who: Speaker, found: list[Found]
) -> None:
    """English "Clinton attacked Trump, saying he would …" / "Grassley downplayed the attack
    and said …": a participle's or conjoined speech verb's speaker is the subject of the verb
    it hangs on, as the parse says, not the name nearest before it (the rules' pick); "by
    saying", "while saying", "before saying" too. The subject must name a person or body, or
    be he / she / they ("Putin's disappointment …, saying": not a speaker), and not stand in a
    dateline."""
    lead = doc.text[: clause.cue_start].rstrip().lower()
    participle = clause.cue.lower().endswith("ing") and (
        lead.endswith(",") or lead.endswith((" by", " while", " before", " after"))
    )
    conjoined = lead.endswith(" and")
    issued = clause.cue.lower().endswith("ing") and _ends_in_document(doc, clause.cue_start)
    if not (participle or conjoined or issued):
        return
    head = doc.tok_range(clause.head_start, clause.head_end)[0]
    pronoun = clause.head_pos == "PRON" and doc.tokens[head][3] in ("he", "she", "they")
    group = who.ner == "NORP" and doc.mention_at(clause.head_start) is not None  # "Democrats"
    named = who.ner in ("PER", "ORG") or bool(who.actor_id) or group
    if not (named or finder.speaker_noun(head) or pronoun):
        return
    sentence = doc.sentences[doc.sent_at(clause.cue_start)]
    if who.start < skip_dateline(doc.text, sentence.start, sentence.end):
        return  # "MOSCOW, November 10 (Wire) – Karzai welcomed …, saying": not the dateline
    for f in found:
        same = f.cue.lower() == clause.cue.lower() and f.who.end <= clause.cue_start
        after = f.start >= clause.cue_end  # the words this verb opens, not ones holding it
        if same and after and f.start < clause.content_end and clause.content_start < f.end:
            f.who = who


def _ends_in_document(doc: DocIndex, pos: int) -> bool:
    """Whether a document noun ends the text before ``pos`` ("issued a statement saying")."""
    k = bisect.bisect_left(doc.tstarts, pos) - 1
    return k >= 0 and doc.tokens[k][4] in SOURCE_NOUNS


def _finite_subject(
    doc: DocIndex, finder: SpeakerFinder, clause: Clause, who: Speaker, found: list[Found]
) -> None:
    """English "Sandy Phillips, who lost her daughter Jessica Ghawi …, said that …", "When Mr.
    Thiel was revealed as a Trump delegate, a columnist for Pando said …", "“…,” Pence, a backer
    of US military support, told NBC": when the rules'
    speaker of a finite speech verb's words (reported or quoted) stands in a relative clause or
    apposition of the parsed subject or in a clause before it, the subject speaks, if its head
    is a name or a person or body noun and not in a dateline."""
    if clause.cue.lower().endswith("ing"):
        return
    head = doc.tok_range(clause.head_start, clause.head_end)[0]
    # "Two of the sources with ties to the White House said": the sources, a speaker noun
    group = finder.part_of_group(clause)
    # a group word heading the subject stands like a person noun ("The top Democrat in the
    # Senate said")
    noun = group is not None or finder.speaker_noun(head) or who.ner == "NORP"
    if doc.mention_at(clause.head_start) is None and not noun:
        return
    sentence = doc.sentences[doc.sent_at(clause.cue_start)]
    if clause.head_start < skip_dateline(doc.text, sentence.start, sentence.end):
        return  # "BRAZZAVILLE, Oct. 28 (Xinhua) -- Kenyan President William Ruto said"
    for f in found:
        ahead = f.who.start < clause.cue_start < f.start < clause.content_end
        # "“…,” X, …, said"
        behind = f.start < clause.subject_start <= f.who.start < clause.cue_start
        if f.cue.lower() != clause.cue.lower() or not (ahead or behind):
            continue
        if f.who.speaker == who.speaker or (who.actor_id and f.who.actor_id == who.actor_id):
            continue
        if (
            sentence.start <= f.who.start < clause.subject_start
            or _in_relative_or_apposition(doc, clause, f.who.start)
            or (noun and _in_noun_modifier(doc, clause, f.who.start))
            or (group is not None and group.end <= f.who.start < clause.subject_end)
        ):
            for g in found:  # and the quotations that go on with the same speaker
                if g is not f and g.who is f.who and g.start > f.start:
                    g.who = who
            f.who = who


def _own_cue_inside(doc: DocIndex, clause: Clause, found: list[Found]) -> bool:
    """English "…, said Achim Steiner, head of UNDP, in an interview": when the rules' words
    for the parsed verb run on over the verb and its speaker, they end where the parse says
    (the words before the verb); whether such an attribution was mended."""
    if doc.lang != "en" or clause.content_end > clause.cue_start:
        return False
    for f in found:
        same = f.cue.lower() == clause.cue.lower() and f.kind == "reported"
        if same and f.start < clause.cue_start < f.end and f.start <= f.who.start < f.end:
            relative = _relative_speech(doc, f.who, f.end)
            f.start = skip_dateline(doc.text, clause.content_start, clause.content_end)
            f.end, ran_on = clause.content_end, f.end
            if relative is not None:  # "…, said Arestovych, who claimed this tactic …"
                found.append(Found(relative[1], ran_on, f.who, relative[0], "reported"))
            return True
    return False


def _relative_speech(doc: DocIndex, who: Speaker, end: int) -> tuple[str, int] | None:
    """The speech verb of a "who" clause right after ``who`` ("Arestovych, who claimed that
    …") and where its words begin, if the clause ends at ``end``."""
    i, j = doc.tok_range(who.end, end)
    if j - i < 4 or doc.tokens[i][3] != "who" or not is_cue(doc.tokens[i + 1]):
        return None
    k = i + 2 + (doc.tokens[i + 2][3] == "that")
    return doc.tokens[i + 1][2], doc.tokens[k][0]


def _subject_read_as_words(clause: Clause, f: Found) -> bool:
    """Whether the rules read the parsed subject of ``clause`` as the words of an inverted
    "…, said X" ("Charles Michel, speaking to reporters in Bali, said the war waged by Russia
    …": not Russia's words about Michel), or an inverted subject as the words of a name before
    ("… for Pakistan and Denmark …, said Ambassador Jakob Linulf while addressing …")."""
    if f.cue.lower() != clause.cue.lower():
        return False
    if clause.subject_start > clause.cue_start:  # "…, said X"
        return f.who.start < clause.cue_start <= f.start <= clause.subject_start < f.end
    return (
        clause.subject_start <= f.start < clause.cue_start
        and clause.content_start <= f.who.start < clause.content_end
    )


def _in_noun_modifier(doc: DocIndex, clause: Clause, pos: int) -> bool:
    """Whether ``pos`` lies in a prepositional or participle phrase after the parsed subject's
    head ("Western officials in regular contact with the US over Ukraine told", "prosecutors
    working for Mueller said")."""
    if not clause.head_end <= pos < clause.subject_end:
        return False
    i, j = doc.tok_range(clause.head_end, pos)
    between = doc.tokens[i:j]
    # "prosecutors working for Mueller said": a participle's phrase modifies the subject too
    return any(t[3] in _MODIFIER_PREPOSITIONS or _participle(t) for t in between)


def _participle(token: Scanned) -> bool:
    """A lower-case English "-ing" form ("working", "representing")."""
    word = token[2]
    return word.islower() and len(word) > 4 and word.endswith("ing")


def _in_relative_or_apposition(doc: DocIndex, clause: Clause, pos: int) -> bool:
    """Whether ``pos`` lies in a relative clause or an apposition of the parsed subject (after
    its head: "Mara Quill, a former mayor of Dunmore, said")."""
    if not clause.head_end <= pos < clause.subject_end:
        return False
    i, j = doc.tok_range(clause.head_end, pos)
    comma = doc.text.rfind(",", clause.head_end, pos)
    # inside the apposition, not its head ("Greta Thunberg, the Swedish Prosecution Authority
    # confirmed": a misparse the rules read right)
    aside = comma >= 0 and any(
        w.lower() not in ("the", "a", "an") for w in doc.text[comma + 1 : pos].split()
    )
    return aside or any(t[3] in _RELATIVE_EN for t in doc.tokens[i:j])


def _inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _repeats(clause: Clause, found: list[Found]) -> bool:
    """Whether a parsed clause's content overlaps an attribution the rules found, its verb
    outside it (the same attribution again; a verb inside is a nested one: kept), unless the
    clause holds that attribution's speaker before its words: then it frames it ("A Facebook
    post suggests Kerry has said people must die": the post's words, Kerry's inside them)."""
    return any(
        f.start < clause.content_end
        and clause.content_start < f.end
        and not f.start <= clause.cue_start < f.end
        and not (clause.content_start <= f.who.start < f.start and f.who.origin < 0)
        for f in found  # a pronoun inside frames nothing ("…, which they said took off")
    )


def _widens(doc: DocIndex, clause: Clause, who: Speaker, found: list[Found]) -> bool:
    """English "Trump also claimed that he had made “a lot of sacrifices,” such as creating
    jobs": quoted phrases the rules gave the same speaker, inside the parsed clause's words,
    become the whole clause: the first is widened to it, a reported attribution (the phrase
    is part of what was said); a later phrase stays a quotation of its own."""
    start = skip_dateline(doc.text, clause.content_start, clause.content_end)
    if clause.cue_end > start:
        return False  # "“…,” Trump said": the verb after its words, a quotation of its own
    inside = [f for f in found if _phrase_in(doc, f, start, clause.content_end, who)]
    if not inside:
        return False
    inside[0].start, inside[0].end, inside[0].kind = start, clause.content_end, "reported"
    return True


def _phrase_in(doc: DocIndex, f: Found, start: int, end: int, who: Speaker) -> bool:
    """Whether ``f`` is a quoted phrase of ``who`` inside ``text[start:end]`` with three words
    or more of the clause outside it, its speaker not named inside."""
    if f.kind != "direct" or not (start <= f.start and f.end <= end + 2):
        return False
    same = f.who.speaker == who.speaker or (bool(who.actor_id) and f.who.actor_id == who.actor_id)
    same = same or _refers_back(f.who)  # '… on “…,” according to the outlet': the clause's
    outside = len(doc.text[start : f.start].split()) + len(doc.text[f.end : end].split())
    return same and outside >= 3 and not start <= f.who.start < f.start


def _inside(f: Found, spans: list[tuple[int, int]]) -> bool:
    """Whether ``f`` lies in one of ``spans`` (its closing mark and comma may end it)."""
    return any(a <= f.start and f.end <= b + 2 for a, b in spans)


def _mid_sentence(doc: DocIndex, pair: QuotePair) -> bool:
    """Whether two words or more of its sentence stand before the quotation, and no cue or
    verb of naming in its clause («назвал Маска "агентом влияния"» quotes him)."""
    start = doc.sentences[doc.sent_at(pair.open)].start
    i, j = doc.tok_range(start, pair.open)
    return j - i >= 2 and not _named_by_cue(doc, pair)


def _inside_clause(doc: DocIndex, pair: QuotePair, a: int, b: int) -> bool:
    """Whether quoted words without a final mark of their own sit inside a clause: a
    lower-case word before them and a word right after them («на "прямой линии" Путина»,
    «об одном таком «деле» недавно рассказали»), no cue before them in their clause (as
    «назвал Маска "агентом влияния"» has)."""
    after = doc.text[pair.close + 1 : pair.close + 3].lstrip(" ")
    ends_bare = b > a and doc.text[b - 1] not in END_PUNCT
    if not (ends_bare and _after_lower_word(doc, pair.open) and after[:1].isalnum()):
        return False
    return not _named_by_cue(doc, pair)


def _named_by_cue(doc: DocIndex, pair: QuotePair) -> bool:
    """Whether a cue or a verb of naming comes before the quotation in its clause."""
    clause = max(doc.text.rfind(c, 0, pair.open) for c in ",.;:!?\n") + 1
    i, j = doc.tok_range(clause, pair.open)
    return any(is_cue(t) or t[4] in _NAMING_VERBS for t in doc.tokens[i:j])


_NAMING_VERBS = frozenset({"назвать", "называть", "охарактеризовать", "окрестить"})


def _modifies_next_word(doc: DocIndex, pair: QuotePair) -> bool:
    """Whether a lower-case word follows the closing mark in the same clause."""
    after = doc.text[pair.close + 1 : pair.close + 3].lstrip(" ")
    return after[:1].isalpha() and after[:1].islower()


def _inline_term(doc: DocIndex, pair: QuotePair, a: int, b: int) -> bool:
    """A few quoted words inside a sentence («Эмоциональные «качели»», «в «разумное время»»):
    scare quotes or a name, not more of someone's speech."""
    s = doc.sentences[doc.sent_at(pair.open)]
    return _is_term(doc, a, b) and bool(doc.text[s.start : pair.open].strip(' «"“—–-'))


def _inline_in(doc: DocIndex, s: Sentence, quote: Found) -> bool:
    """Whether ``quote`` stands inside the sentence ``s`` after a lower-case word and is its
    only quotation: words quoted within a reported clause."""
    inside = [f for f in doc.quoted if s.start <= f[0] < s.end]
    return len(inside) == 1 and _after_lower_word(doc, quote.start - 1)


def _refers_back(who: Speaker) -> bool:
    """Whether a speaker is a lone noun or pronoun that may name one named before ("the
    outlet", "the envoy", "he")."""
    words = who.speaker.lower().split()
    unnamed = not (who.ner or who.actor_id) and len(words) == 1
    return unnamed and (who.bare or words[0] in MEDIA_NOUNS or words[0] in PRONOUNS)


def _framed(quote: Found) -> bool:
    """Whether ``quote``'s speaker is named right after it ('"We agree," Kabulov said')."""
    return 0 <= quote.who.start - quote.end <= _OWN_FRAME


def _after_lower_word(doc: DocIndex, pos: int) -> bool:
    """Whether a lower-case word of the same line stands right before ``pos`` (opening marks
    and spaces between)."""
    before = doc.text[max(pos - 40, 0) : pos].rstrip(" \"“‘'«„")
    return before[-1:].islower()


def _bare_term(doc: DocIndex, a: int, b: int) -> bool:
    """Three words at most, with no punctuation of their own at the end."""
    i, j = doc.tok_range(a, b)
    return j - i <= _TERM_MAX_TOKENS and b > a and doc.text[b - 1].isalnum()


def _is_term(doc: DocIndex, a: int, b: int) -> bool:
    """A few quoted words, not a statement: three words at most, without a final mark of
    their own (English puts the sentence's full stop or comma inside marks that follow a
    lower-case word: 'their "nuclear posture."')."""
    i, j = doc.tok_range(a, b)
    if doc.lang == "en" and _after_lower_word(doc, a) and b > a + 1 and doc.text[b - 1] in ".,":
        b -= 1
    return j - i <= _TERM_MAX_TOKENS and b > a and doc.text[b - 1] not in END_PUNCT


_PRIME_CLOSER_RE = re.compile(r"(?<=[^\d\s])\u2033")


def _csv_unescaped(article: Article) -> Article:
    """A body exported as a quoted CSV field (SemEval's articles) reads as written: see
    :func:`narrascope.text.quotemarks.csv_unescaped` (same length, so offsets hold)."""
    text = csv_unescaped(article.text)
    return article if text is article.text else replace(article, text=text)


def _english_marks(article: Article) -> Article:
    """English archives (NYT via LexisNexis) write ''…'' for “…”: read each '' as a straight
    quotation mark followed by a space; a double prime after a word (AP wire: '“… allies,″
    Cicio said') as ”; the same length, so offsets hold."""
    if base_language(article.language) != "en":
        return article
    text = article.text.replace("''", '" ') if "''" in article.text else article.text
    if "\u2033" in text:  # not after a digit or a space: 12″ is inches
        text = _PRIME_CLOSER_RE.sub("”", text)
    return article if text is article.text else replace(article, text=text)


def _headline_verbs_lowered(article: Article) -> Article:
    """An English Title Case headline ("Bill Gates Admits ‘Climate Crisis’ Narrative Is a
    Hoax") with its speech verbs in lower case, as the rules and the parser read them in body
    text (same length, so offsets hold; quotes keep the article's own words)."""
    if base_language(article.language) != "en":
        return article
    line_end = article.text.find("\n")
    line = article.text[: line_end if line_end >= 0 else len(article.text)]
    words = _WORD_RE.findall(line)
    long = [w for w in words if len(w) > _SHORT_WORD]
    if len(words) < _HEADLINE_MIN_WORDS or sum(w[:1].isupper() for w in long) < 0.6 * len(long):
        return article
    if line.rstrip().endswith("?"):
        return article  # "Did John Kerry’s Daughter Say …?": a question asks, nobody says

    def lowered_verb(m: re.Match[str]) -> str:
        before = line[: m.start()].split()
        aux = bool(before) and before[-1].lower() in _AUXILIARIES  # "I Would Say"
        return (
            m.group().lower() if before and not aux and m.group() in HEADLINE_VERBS else m.group()
        )

    lowered = _TITLE_WORD_RE.sub(lowered_verb, line)
    if lowered == line:
        return article
    text = lowered + article.text[len(line) :]
    repeat = text.find(line.strip(), len(line), len(line) + len(line) + 8)
    if repeat >= 0:  # the headline again as the body's first line (SemEval's files)
        text = text[:repeat] + lowered.strip() + text[repeat + len(line.strip()) :]
    return replace(article, text=text)


_WORD_RE = re.compile(r"[^\W\d_]+")
_TITLE_WORD_RE = re.compile(r"\b[A-Z][a-z]+\b")
_SHORT_WORD = 3  # "of", "a", "to", "the" stay lower case in Title Case
_HEADLINE_MIN_WORDS = 4
_AUXILIARIES = frozenset({"would", "will", "can", "could", "should", "may", "might", "must", "to"})


def _left_open(doc: DocIndex, f: Found) -> bool:
    """English "Washington should clarify whether …", "he didn't clarify what he meant": a
    question a speaker ought to, or did not, answer is no one's claim (a modal or a negation
    before the verb, "whether", "if" or a wh-word before or opening the words)."""
    if doc.lang != "en":
        return False
    i, j = doc.tok_range(max(f.start - 60, 0), f.start)
    cue = f.cue.lower()
    at = next((k for k in range(j - 1, max(i, j - 4) - 1, -1) if doc.tokens[k][3] == cue), None)
    if at is None:
        return False
    k = doc.tok_range(f.start, f.end)[0]
    opening = {t[3] for t in doc.tokens[at + 1 : k + 2]}  # "clarify precisely what …"
    if opening.isdisjoint(_OPEN_QUESTION):
        return False
    before = at - 1
    while before >= 0 and doc.tokens[before][3] in _ADVERBS_BEFORE_CUE:
        before -= 1
    return before >= 0 and doc.tokens[before][3] in _UNSAID_BEFORE_CUE


# a scene-setting phrase read as the words of an interjected speaker ("In Taipei, Chiu …,
# deputy minister of Taiwan's …, said …"): a place, not a claim
_SCENE_RE = re.compile(r"(?:In|At|On|From|Near|Inside|Outside|Across|Within)(?: [\w.'’-]+){1,2}")


def _anonymity_asked(doc: DocIndex, f: Found) -> bool:
    """English "…, the sources said, asking not to be named": the request to stay unnamed
    is no claim."""
    return doc.lang == "en" and bool(_ANONYMITY_RE.match(doc.text, f.start, f.end))


_ANONYMITY_RE = re.compile(
    r"(?:not to be|that (?:he|she|they|their names?) not be) (?:named|identified|quoted)\b"
    r"|(?:to )?remain (?:anonymous|unnamed)\b|(?:for )?anonymity\b",
    re.IGNORECASE,
)
_OPEN_QUESTION = frozenset({"whether", "if", "what", "how", "why", "when", "who", "where"})
_UNSAID_BEFORE_CUE = frozenset(
    {"should", "must", "would", "could", "might", "may", "can", "will", "not", "n't", "never"}
    | {"cannot", "to"}
)  # "to": "refused to say whether …", "declined to explain why …"
_ADVERBS_BEFORE_CUE = frozenset(
    {"also", "further", "yet", "still", "immediately", "publicly", "have", "has", "be", "been"}
)  # and auxiliaries: "would have shown what …"


def _once(found: list[Found]) -> list[Found]:
    """``found`` without repeats (the same words given to the same speaker twice, as a quoted
    phrase inside reported words both widened to the clause, are one attribution) and without
    empty words («Об этом заявил X» after a line of markup only)."""
    seen: set[tuple[int, int, str]] = set()
    out = []
    for f in found:
        key = (f.start, f.end, f.who.speaker)
        if key not in seen and f.end > f.start:
            seen.add(key)
            out.append(f)
    return out


def _record(doc: DocIndex, f: Found, text: str) -> Quote:
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
    a, b = trim_span(doc.text, pair.open + 1, pair.close)
    inner = doc.text[a:b]
    i, j = doc.tok_range(a, b)
    if inner and _title_after_preposition(doc, pair, inner.rstrip(".,")):
        return True
    if not inner or j - i > NAME_MAX_TOKENS or not inner[0].isupper():
        return False
    if inner[-1] in END_PUNCT:  # a title with the sentence's full stop: on CNN's "New Day."
        words = inner[:-1].split()
        if inner[-1] not in ".," or len(words) < 2 or not all(w[:1].isupper() for w in words):
            return False
    before = doc.text[max(pair.open - 3, 0) : pair.open].rstrip()
    after = doc.text[pair.close + 1 : pair.close + 4].lstrip(" ,.!?")
    return not before.endswith(":") and not after.startswith(tuple(_DASHES))


def _title_after_preposition(doc: DocIndex, pair: QuotePair, inner: str) -> bool:
    """English: a Title Case title of up to eight words after a preposition is a name (a show,
    a book): 'on "State of the Union," Sullivan said'."""
    k = bisect.bisect_left(doc.tstarts, pair.open) - 1
    if doc.lang != "en" or k < 0 or doc.tokens[k][3] not in _TITLE_PREPOSITIONS:
        return False
    if doc.text[doc.tokens[k][1] : pair.open].strip():
        return False
    words = inner.split()
    return (
        0 < len(words) <= _TITLE_MAX_WORDS
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words)
        and not any(c in inner for c in ".!?;:")
    )


def _parenthetical_term(doc: DocIndex, pair: QuotePair) -> bool:
    """A short quotation inside parentheses is a term, not speech: «(в реестре «иноагентов»)»."""
    a, b = trim_span(doc.text, pair.open + 1, pair.close)
    i, j = doc.tok_range(a, b)
    if j - i > _TERM_MAX_TOKENS:
        return False
    line_start = doc.text.rfind("\n", 0, pair.open) + 1
    opened = doc.text.rfind("(", line_start, pair.open)
    return opened >= 0 and ")" not in doc.text[opened : pair.open] and ")" in doc.text[b : b + 40]


def _continue_speakers(doc: DocIndex, pairs: list[QuotePair], found: dict[int, Found]) -> None:
    """Give unattributed quotations the speaker of the quote they continue."""
    by_group = {pairs[n].group: f for n, f in found.items()}
    last_in_para: dict[int, Found] = {}
    for n, pair in enumerate(pairs):
        para = doc.para[doc.sent_at(pair.open)]
        if n not in found:
            source = by_group.get(pair.group) or last_in_para.get(para)
            if source is None and _fills_paragraph(doc, pair):
                source = last_in_para.get(para - 1)
            a, b = trim_span(doc.text, pair.open + 1, pair.close)
            if source is not None and not _inline_continued(doc, pair, a, b):
                found[n] = Found(a, b, source.who, source.cue, "direct")
        if n in found:
            last_in_para[para] = found[n]


def _inline_continued(doc: DocIndex, pair: QuotePair, a: int, b: int) -> bool:
    """Whether a few quoted words in a later sentence are a term of that sentence, not more
    of the last speaker's words: Russian inline terms; English ones after a lower-case word
    of another sentence ("Trump called the suspect “this animal”" after Sanders's quote)."""
    if doc.lang == "ru":
        return _inline_term(doc, pair, a, b) or _inside_clause(doc, pair, a, b)
    return _after_lower_word(doc, pair.open) and _inline_term(doc, pair, a, b)


def _fills_paragraph(doc: DocIndex, pair: QuotePair) -> bool:
    """Whether the quotation is (nearly) all of its paragraph."""
    lo, hi = doc.para_spans[doc.para[doc.sent_at(pair.open)]]
    before, after = doc.tok_range(lo, pair.open), doc.tok_range(pair.close + 1, hi)
    return before[1] - before[0] + after[1] - after[0] <= 1
