"""Article-level passes of :mod:`narrascope.actors.quotes` after the sentence rules: speech
continued after a colon (bullets, the next paragraph) and speakers named elsewhere in the
article (bare nouns, title nouns, anaphoric bodies)."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import replace

from narrascope.actors._document import DocIndex, Speaker
from narrascope.actors._sentence_rules import (
    QUOTE_ONLY,
    SPEECH_NOUNS,
    Found,
    clause_end,
    skip_space,
)
from narrascope.actors.merge import person_key
from narrascope.actors.speakers import (
    DOCUMENT_NOUNS,
    MEDIA_NOUNS,
    PERSON_NOUNS,
    PREPOSITIONS,
    TITLE_NOUNS,
    SpeakerFinder,
    animate_noun,
    is_cue,
    only_dative,
    plural_noun,
)
from narrascope.records import Mention, Sentence
from narrascope.text.tokens import ru_parses

NAME_MAX_TOKENS = 3
_BULLETS = "—–-•▪●◦🔹🔸🔻✅\ufe0f"  # with the emoji variation selector («▪️»)
_ANAPHORIC_HEADS = (
    DOCUMENT_NOUNS
    | MEDIA_NOUNS
    | frozenset({"компания", "ведомство", "министерство", "банк", "пресс-служба", "авиакомпания"})
)
# person nouns that describe someone already named («украинский лидер» after «Президент Украины
# Владимир Зеленский»); the other listed ones («очевидец», «водитель») bring in someone new
_MAIN_POINTS = frozenset({"главный", "основной"})  # «Главное:», «Основное:»
_DESCRIPTIONS = TITLE_NOUNS | frozenset(
    {"директор", "гендиректор", "лидер", "политик", "политолог", "эксперт", "экономист", "аналитик"}
)


def colon_lists(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """Russian speech continued after a colon that ends its paragraph: ``заявляют эксперты:``
    + the next paragraph, or ``Главные заявления X:`` / ``основное из речи X:`` + each bullet
    line ("— …", "• …") that follows."""
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    for pos, s in enumerate(doc.sentences[:-1]):
        frame = doc.text[s.start : s.end].rstrip(" \t\n*_")  # without markdown marks
        if not frame.endswith(":") or doc.para[pos + 1] != doc.para[pos] + 1:
            continue
        who = _colon_frame_speaker(doc, finder, s, found)
        if who is None:
            continue
        bullets = _bullet_paragraphs(doc, pos + 1)
        spans = bullets or ([doc.para_spans[doc.para[pos + 1]]] if who[1] else [])
        for a, b in spans:
            a = skip_space(doc.text, a, b)
            while a < b and (doc.text[a] in _BULLETS or doc.text[a].isspace()):
                a += 1
            b = clause_end(doc.text, a, b)
            if b > a and not any(x < b and a < y for x, y in taken):
                out.append(Found(a, b, who[0], ":", "reported"))
    return out


def _colon_frame_speaker(
    doc: DocIndex, finder: SpeakerFinder, s: Sentence, found: list[Found]
) -> tuple[Speaker, bool] | None:
    """Who speaks after the colon ending ``s``, and whether a speech verb said so."""
    inside = [f for f in found if s.start <= f.start < s.end and f.cue != ":"]
    if inside:
        return inside[-1].who, True
    i, j = doc.tok_range(s.start, s.end)
    if j > i and doc.tokens[j - 1][4] in _MAIN_POINTS:
        return _headline_person(doc, finder, s)  # «Путин на сессии «Валдай». Главное:»
    if not any(t[4] in SPEECH_NOUNS for t in doc.tokens[i:j]):
        if j - i > NAME_MAX_TOKENS + 1:
            return _verb_frame_speaker(doc, finder, s, i, j)
        named = finder.colon_speaker(s.start, s.end)  # "⚡️**Путин:**" + bullets
        return (named[0], False) if named is not None and named[0].rank <= 1 else None
    named = finder.colon_speaker(s.start, s.end)
    if named is not None and named[0].rank == 0:
        return named[0], False
    before = [f for f in found if f.end <= s.start and f.who.rank == 0]
    return (before[-1].who, False) if before else None


def _headline_person(
    doc: DocIndex, finder: SpeakerFinder, s: Sentence
) -> tuple[Speaker, bool] | None:
    """The person named first in ``s`` before its «Главное:», else in the sentence before it
    in the same paragraph."""
    here = doc.sent_at(s.start)
    people = [m for m in doc.mentions_in(s.start, s.end) if finder.ner_type(m) == "PER"]
    if not people and here > 0 and doc.para[here - 1] == doc.para[here]:
        prev = doc.sentences[here - 1]
        people = [m for m in doc.mentions_in(prev.start, prev.end) if finder.ner_type(m) == "PER"]
    if not people:
        return None
    return finder.from_mention(people[0], people[0].char_start, people[0].char_end), False


def _verb_frame_speaker(
    doc: DocIndex, finder: SpeakerFinder, s: Sentence, i: int, j: int
) -> tuple[Speaker, bool] | None:
    """«Минцифры ответило на частые вопросы о реестре блогеров:» + bullets: the subject of the
    frame's speech verb."""
    for k in range(i, j):
        if is_cue(doc.tokens[k]) and doc.tokens[k][4] not in QUOTE_ONLY:
            who = finder.speaker(k, k + 1, s.start, s.end, "BA")  # «Что ещё сказал X:»
            return (who, True) if who is not None and who.rank <= 1 else None
    return None


def _bullet_paragraphs(doc: DocIndex, pos: int) -> list[tuple[int, int]]:
    """The paragraphs from sentence ``pos`` on that start with a bullet mark."""
    spans = []
    for para in range(doc.para[pos], len(doc.para_spans)):
        a, b = doc.para_spans[para]
        if doc.text[skip_space(doc.text, a, b) : b][:1] not in _BULLETS:
            break
        spans.append((a, b))
    return spans


def name_bare_nouns(doc: DocIndex, found: list[Found]) -> None:
    """ "— добавила дипломат", "the envoy said": the last named person quoted nearby.
    Russian also: a title phrase ("Представитель Кремля", "замглавы Совбеза РФ") names the
    last named person quoted nearby, a bare outlet noun ("Издание указывает") the last outlet."""
    last: Found | None = None
    named: dict[str, Found] = {}  # "PER" / "ORG": the last speaker named so
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


def name_anaphoric_bodies(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """Russian «сообщила компания», «в пресс-службе ведомства», «говорится в материале», «Как
    пишет издание»: an unnamed body or document is the last organisation quoted in the post,
    else the last organisation named before it."""
    last_org: Found | None = None
    for f in found:
        if _anaphoric_body(doc, f):
            if last_org is not None and (
                doc.tokens[_head_token(doc, f)][4] in MEDIA_NOUNS
                or _paragraphs_apart(doc, last_org, f) <= 2
            ):
                f.who = last_org.who
            else:  # not a listener after the content, nor one inside a quotation
                stop = f.start if f.kind == "direct" else f.end  # «…, сообщила компания» names it
                named = [
                    m
                    for m in doc.mentions_in(0, f.who.start)
                    if finder.ner_type(m) == "ORG" and m.char_start < stop
                ]
                if named:
                    f.who = finder.from_mention(named[-1], f.who.start, f.who.end)
        if f.who.ner == "ORG" or (f.who.actor_id and f.who.rank == 1):
            last_org = f


def name_titled_persons(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """«Министр отметил, что …» after «Министр финансов Антон Силуанов назвал …»: a bare title
    noun no quoted person named is the person that title introduced (the last person named
    within two paragraphs before it with the same noun among the six words before the name; in
    a headline, the first one named so in the two paragraphs after it), else, for a title noun,
    the last person named in the sentence before as its subject."""
    for f in found:
        headline = doc.para[doc.sent_at(f.who.start)] == 0
        if not (f.who.bare or (headline and _title_phrase(doc, f))):
            continue  # «Премьер Японии заявил …» in a headline: the premier the body names
        head = doc.tokens[_head_token(doc, f)]
        people = [
            m
            for m in doc.mentions_in(0, f.who.start)
            if finder.ner_type(m) == "PER"
            and doc.para[doc.sent_at(f.who.start)] - doc.para[doc.sent_at(m.char_start)] <= 2
            and not doc.in_quote(m.char_start)
        ]
        titled = [m for m in people if head[4] in _lemmas_before(doc, m.char_start, 6)]
        if not titled and headline:
            titled = _introduced_after(doc, finder, f, head[4])[:1]  # a headline's «— министр»
        if not titled and head[4] in TITLE_NOUNS:
            before = doc.sent_at(f.who.start) - 1
            titled = [
                m
                for m in people
                if doc.sent_at(m.char_start) == before and finder.subject_like(m, "m")
            ]
        if titled:
            f.who = finder.from_mention(titled[-1], f.who.start, f.who.end)


def _introduced_after(doc: DocIndex, finder: SpeakerFinder, f: Found, noun: str) -> list[Mention]:
    """People named in the two paragraphs after ``f``'s speaker with ``noun`` among the six words
    before the name («министр энергетики Герман Галущенко»)."""
    para = doc.para[doc.sent_at(f.who.start)]
    return [
        m
        for m in doc.mentions_in(f.who.end, len(doc.text))
        if finder.ner_type(m) == "PER"
        and doc.para[doc.sent_at(m.char_start)] - para <= 2
        and not doc.in_quote(m.char_start)
        and any(w == noun or w.startswith(f"{noun}-") for w in _lemmas_before(doc, m.char_start, 6))
    ]  # «премьер» introduced as «премьер-министр»


def _lemmas_before(doc: DocIndex, pos: int, n: int) -> set[str]:
    k = bisect.bisect_left(doc.tstarts, pos)
    return {t[4] for t in doc.tokens[max(k - n, 0) : k]}


def _anaphoric_body(doc: DocIndex, f: Found) -> bool:
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


def _paragraphs_apart(doc: DocIndex, a: Found, b: Found) -> int:
    return doc.para[doc.sent_at(b.start)] - doc.para[doc.sent_at(a.start)]


def _head_token(doc: DocIndex, f: Found) -> int:
    return doc.tok_range(f.who.start, f.who.end)[0]


def _title_phrase(doc: DocIndex, f: Found) -> bool:
    """A speaker phrase headed by a title noun, naming no person (see name_bare_nouns)."""
    who = f.who
    if who.actor_id or who.ner or who.rank != 0 or who.bare:
        return False
    i, j = doc.tok_range(who.start, who.end)
    titles = [t for t in doc.tokens[i : i + 2] if t[4] in TITLE_NOUNS]
    if j <= i or not titles or plural_noun(titles[0][2]):  # «Представители Кабула»: a group
        return False
    return not any(m.ner_type == "PER" for m in doc.mentions_in(who.start, who.end))


def name_described_persons(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """Russian «— написал украинский лидер» after «Президент Украины Владимир Зеленский …»: a
    singular description of a person (a title, or a person noun the speaker lists do not hold,
    «теледива») is the one person a post names before it, else the person who is the subject of
    the sentence before («Такер Карлсон анонсировал интервью. Телеведущий написал …»); never
    when its noun was used before for someone else («встретился с губернатором. Губернатор
    сказал …») or the gender disagrees."""
    for n, f in enumerate(found):
        head = _description_head(doc, f)
        if head is None:
            continue
        apposed = _apposed_person(doc, finder, f.who.end)
        if apposed is not None:  # «высказал руководитель совета, политолог Игорь Шатров»
            f.who = finder.from_mention(apposed, f.who.start, f.who.end)
            continue
        quoted = _last_quoted_person(doc, finder, found[:n], f)
        if quoted is not None and not (_feminine(head[2]) and finder.speaker_gender(quoted) == "m"):
            f.who = replace(quoted, start=f.who.start, end=f.who.end)  # «— отметил экс-разведчик»
            continue
        people = [
            m
            for m in doc.mentions_in(0, f.who.start)
            if finder.ner_type(m) == "PER"
            and not doc.in_quote(m.char_start)
            and not _listener(doc, m)
            and not _lemmas_before(doc, m.char_start, 2) & PREPOSITIONS  # «На блогера Лерчек»
        ]
        introduced = {t for m in people for t in range(*_window_before(doc, m.char_start, 6))}
        earlier = range(bisect.bisect_left(doc.tstarts, f.who.start))
        if any(doc.tokens[t][4] == head[4] and t not in introduced for t in earlier):
            continue
        titled = [m for m in people if head[4] in _sentence_lemmas_before(doc, m.char_start, 6)]
        if titled:  # «это увидел таксист, Тимур Мустафаев … Как рассказал сам таксист»
            person: Mention | None = titled[-1]
        elif len({person_key(m.text, "ru") for m in people}) == 1 and not _other_names(
            doc, people, f.who.start
        ):  # NER runs on quote sentences only: names it did not see count too
            person = people[-1]
        else:
            person = _previous_subject(doc, finder, people, f.who.start)
        if person is None or (_feminine(head[2]) and finder.gender_of(person) == "m"):
            continue
        f.who = finder.from_mention(person, f.who.start, f.who.end)


def _common_noun(word: str) -> bool:
    """A capitalised word NER took for a name that is a person noun («Экс-разведчик»)."""
    base = word.lower().removeprefix("экс-")
    return animate_noun(base) and not any(
        {"Name", "Surn", "Patr"} & p.tag.grammemes for p in ru_parses(base)[:2]
    )


def _name_like(doc: DocIndex, token: tuple[int, int, str, str, str]) -> bool:
    """A capitalised word that may be a person's name: not an abbreviation («СВР») nor in a
    place or body NER typed («из Бразилии»)."""
    if not token[2][:1].isupper() or token[2].isupper():
        return False
    mention = doc.mention_at(token[0])
    return mention is None or mention.ner_type == "PER" or token[2].isascii()  # «блогер Donrf»


def _apposed_person(doc: DocIndex, finder: SpeakerFinder, pos: int) -> Mention | None:
    """A person named after a comma that closes the phrase ending at ``pos`` (at most four
    words on), within six words after the comma («руководитель совета Фонда стратегического
    развития, политолог Игорь Шатров»)."""
    end = doc.sentences[doc.sent_at(pos)].end
    comma = doc.text.find(",", pos, end)
    i, j = doc.tok_range(pos, comma) if comma >= 0 else (0, 99)
    if comma < 0 or j - i > 4 or any(ru_parses(t[2])[0].tag.POS == "VERB" for t in doc.tokens[i:j]):
        return None  # «Экс-разведчик подчеркнул, что …»: a clause follows, not an apposition
    k = bisect.bisect_left(doc.tstarts, comma)
    limit = doc.tokens[min(k + 6, len(doc.tokens) - 1)][1]
    people = [
        m
        for m in doc.mentions_in(comma, min(end, limit))
        if finder.ner_type(m) == "PER" and not only_dative(m.text.split()[-1])
    ]
    return people[0] if people else None


def _last_quoted_person(
    doc: DocIndex, finder: SpeakerFinder, before: list[Found], f: Found
) -> Speaker | None:
    """The named person quoted last before ``f`` (two paragraphs at most), unless another
    person is named as a subject in between."""
    named = [b for b in before if b.who.ner == "PER" and b.end <= f.start]
    if not named or _paragraphs_apart(doc, named[-1], f) > 2:
        return None
    last = named[-1]
    if _named_subject_between(doc, finder, last.end, f.who.start, "m"):
        return None
    return last.who


def _sentence_lemmas_before(doc: DocIndex, pos: int, n: int) -> set[str]:
    """The lemmas of up to ``n`` words before ``pos`` in its sentence."""
    first = doc.tok_range(doc.sentences[doc.sent_at(pos)].start, pos)[0]
    k = bisect.bisect_left(doc.tstarts, pos)
    return {t[4] for t in doc.tokens[max(k - n, first) : k]}


def _previous_subject(
    doc: DocIndex, finder: SpeakerFinder, people: list[Mention], pos: int
) -> Mention | None:
    """The one person of ``people`` who may be the subject of the sentence before ``pos``."""
    before = doc.sent_at(pos) - 1
    if before < 0:
        return None
    sentence = doc.sentences[before]
    subjects = [
        m for m in people if doc.sent_at(m.char_start) == before and finder.subject_like(m, "m")
    ]
    if len(subjects) != 1 or _other_names(doc, people, pos, sentence.start):
        return None  # «Дибров подошёл к Понасенкову и Зарипову»: NER saw Дибров only
    return subjects[0]


def _listener(doc: DocIndex, m: Mention) -> bool:
    """A name in the dative right after a speech verb («рассказал Москвачу»)."""
    k = bisect.bisect_left(doc.tstarts, m.char_start)
    return k > 0 and is_cue(doc.tokens[k - 1]) and only_dative(m.text.split()[-1])


def _other_names(doc: DocIndex, people: list[Mention], pos: int, lo: int = 0) -> bool:
    """Whether a capitalised word in ``text[lo:pos]``, not a sentence's first nor in one of
    ``people``, reads as a first name or surname («Понасенкову», «Зарипову»)."""
    taken = [(m.char_start, m.char_end) for m in people]
    firsts = {doc.tok_range(s.start, s.end)[0] for s in doc.sentences}
    for k in range(*doc.tok_range(lo, pos)):
        token = doc.tokens[k]
        if k in firsts or not token[2][:1].isupper() or any(a <= token[0] < b for a, b in taken):
            continue
        if any({"Name", "Surn"} & p.tag.grammemes for p in ru_parses(token[2])[:2]):
            return True
    return False


def _description_head(doc: DocIndex, f: Found) -> tuple[int, int, str, str, str] | None:
    """The singular head noun of an unnamed lower-case person phrase, if it describes."""
    who = f.who
    i, j = doc.tok_range(who.start, who.end)
    common = who.ner == "PER" and j - i == 1 and _common_noun(doc.tokens[i][2])  # «Экс-разведчик»
    if who.actor_id or (who.ner and not common) or who.rank != 0:
        return None
    words = doc.tokens[i : min(j, i + 3)]
    first = doc.tok_range(doc.sentences[doc.sent_at(who.start)].start, who.start)[0] == i
    if not words or not (words[0][2][:1].islower() or first):  # «Телеведущий написал»
        return None
    if any(_name_like(doc, t) for t in doc.tokens[i + 1 : j]):
        return None  # «военный блогер Donrf»: the phrase has its own name
    for token in words:
        if token[4] == "сам":  # «сам таксист»
            continue
        known = token[4] in _DESCRIPTIONS
        unlisted = token[4] not in PERSON_NOUNS and animate_noun(token[2])
        if known or unlisted:
            return None if plural_noun(token[2]) else token
    return None


def _window_before(doc: DocIndex, pos: int, n: int) -> tuple[int, int]:
    k = bisect.bisect_left(doc.tstarts, pos)
    return max(k - n, 0), k


def _feminine(word: str) -> bool:
    return all("femn" in p.tag for p in ru_parses(word)[:2])


def name_pronouns_after_quotes(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """Russian «По его словам, … «…», — отметил он», «— заявил дипломат. Он добавил …»: a
    pronoun (subject or «по её словам») goes to the person quoted just before (a quote ending
    in the two sentences before) when the gender agrees, rather than to the last name of its gender
    («нападение на Симоньян и Собчак») or a person noun."""
    for before, f in itertools.pairwise(found):
        gender = _PRONOUN_GENDER.get(doc.text[f.who.start : f.who.end].lower())
        if gender is None or before.end > f.start or not _person_speaker(before.who):
            continue
        if before.who.ner != "PER" and f.who.ner == "PER":
            continue  # a named antecedent beats a person noun quoted before («Премьер»)
        if doc.sent_at(f.who.start) - doc.sent_at(max(before.end - 1, before.start)) > 2:
            continue
        if _named_subject_between(doc, finder, before.end, f.who.start, gender):
            continue  # «… Также Моди подчеркнул … Он выразил мнение»: Моди
        if finder.speaker_gender(before.who) in (None, gender):
            f.who = replace(before.who, start=f.who.start, end=f.who.end)


def _named_subject_between(
    doc: DocIndex, finder: SpeakerFinder, a: int, b: int, gender: str
) -> bool:
    """Whether a person of ``gender`` (or unknown) is named as a subject in ``text[a:b]``: not
    after a preposition in the four words before («нападение на Симоньян и Собчак»)."""
    return any(
        finder.ner_type(m) == "PER"
        and finder.subject_like(m, gender)
        and not _lemmas_before(doc, m.char_start, 4) & PREPOSITIONS
        and finder.gender_of(m) in (None, gender)
        for m in doc.mentions_in(a, b)
        if doc.in_quote(b) or not doc.in_quote(m.char_start)  # a body wrapped in quote marks
    )


_PRONOUN_GENDER = {"он": "m", "его": "m", "она": "f", "её": "f", "ее": "f"}


def _person_speaker(who: Speaker) -> bool:
    """A named person, or a phrase headed by a person noun («посол России»)."""
    return who.ner == "PER" or (not who.ner and not who.actor_id and who.rank == 0)


def feminine_surnames(doc: DocIndex, found: list[Found]) -> None:
    """Russian «заявила Набиуллина»: a lone surname after a feminine verb keeps its feminine
    nominative reading (pymorphy3 prefers the genitive of «Набиуллин»)."""
    for f in found:
        who = f.who
        surface = doc.text[who.start : who.end]
        if who.ner != "PER" or who.actor_id or " " in who.speaker or " " in surface:
            continue
        verb = ru_parses(f.cue)[0].tag if f.cue[:1].isalpha() else None
        if verb is None or not {"VERB", "past", "femn"} <= verb.grammemes:
            continue
        if any({"Surn", "femn", "nomn"} <= p.tag.grammemes for p in ru_parses(surface)[:3]):
            f.who = replace(who, speaker=surface)
