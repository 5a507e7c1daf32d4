"""Article-level passes of :mod:`narrascope.actors.quotes` that resolve references to people:
a description («украинский лидер», «теледива») to the person it describes, a pronoun after a
quote to the person just quoted, and a lone surname's form after a feminine verb."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from functools import cache

from narrascope.actors._document import DocIndex, Speaker, gap_breaks
from narrascope.actors._sentence_rules import Found
from narrascope.actors.merge import person_key
from narrascope.actors.registry import nominative_name
from narrascope.actors.speakers import (
    BODY_NOUNS,
    MEDIA_NOUNS,
    PERSON_NOUNS,
    PREPOSITIONS,
    RU_FEMININE_SURNAME_ENDINGS,
    TITLE_NOUNS,
    SpeakerFinder,
    animate_noun,
    is_cue,
    masculine_first_name,
    only_dative,
    plural_noun,
)
from narrascope.records import Mention
from narrascope.text.tokens import lemma_of, ru_known, ru_parses

# person nouns that describe someone already named («украинский лидер» after «Президент Украины
# Владимир Зеленский»); the other listed ones («очевидец», «водитель») bring in someone new
_DESCRIPTIONS = TITLE_NOUNS | frozenset(
    {"директор", "гендиректор", "лидер", "политик", "политолог", "эксперт", "экономист", "аналитик"}
)
# how many words before a name its title may start («Глава президентского Совета по правам
# человека (СПЧ) Михаил Федотов»)
_TITLE_WINDOW = 8


def lemmas_before(doc: DocIndex, pos: int, n: int, *, in_sentence: bool = False) -> set[str]:
    """The lemmas of the ``n`` words before ``pos`` (within its sentence if ``in_sentence``)."""
    first = doc.tok_range(doc.sentences[doc.sent_at(pos)].start, pos)[0] if in_sentence else 0
    k = bisect.bisect_left(doc.tstarts, pos)
    return {t[4] for t in doc.tokens[max(k - n, first) : k]}


def titles_before(doc: DocIndex, pos: int, n: int, *, in_sentence: bool = False) -> set[str]:
    """:func:`lemmas_before`, less the nouns another person noun governs: «заместитель
    министра обороны Кристин Вормут» is no «министр», «пресс-секретарь президента» no
    «президент»."""
    first = doc.tok_range(doc.sentences[doc.sent_at(pos)].start, pos)[0] if in_sentence else 0
    k = bisect.bisect_left(doc.tstarts, pos)
    lo = max(k - n, first)
    return {
        doc.tokens[t][4]
        for t in range(lo, k)
        if not (t > lo and doc.tokens[t - 1][4] in PERSON_NOUNS | TITLE_NOUNS)
    }


def introduced_person(doc: DocIndex, finder: SpeakerFinder, lemma: str, pos: int) -> Mention | None:
    """The last person named before ``pos`` (outside quotations) whom the title noun ``lemma``
    introduced, at most eight words before the name in its sentence («Скульптор Георгий
    Франгулян …»: «по мнению скульптора» is Франгулян); in English the word right before it
    ("rights activist Fail Alsynov", not "Governor Christie endorsed Trump")."""
    window = _TITLE_WINDOW if doc.lang == "ru" else 1
    people = [
        m
        for m in doc.mentions_in(0, pos)
        if finder.ner_type(m) == "PER"
        and not doc.in_quote(m.char_start)
        and (
            lemma in titles_before(doc, m.char_start, window, in_sentence=True)
            or (doc.lang == "en" and lemma in _own_titles(doc, m))
        )
    ]
    return people[-1] if people else None


def _own_titles(doc: DocIndex, m: Mention) -> set[str]:
    """The lower-cased words of an English person mention before its name ("U.S. President
    Donald Trump" -> "president"; the registry's mention takes in the title)."""
    return {w.lower() for w in m.text.split()[:-1]}


def paragraphs_apart(doc: DocIndex, a: Found, b: Found) -> int:
    """How many paragraphs ``b`` starts after ``a``."""
    return doc.para[doc.sent_at(b.start)] - doc.para[doc.sent_at(a.start)]


def name_described_persons(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """Russian «— написал украинский лидер» after «Президент Украины Владимир Зеленский …»: a
    singular description of a person (a title, or a person noun the speaker lists do not hold,
    «теледива») becomes the person it describes when that is clear (see
    :func:`_described_person`)."""
    for n, f in enumerate(found):
        probe = f
        if f.who.origin_end > f.who.origin >= 0:  # «Сербский лидер … Он заявил»: the noun phrase
            probe = replace(f, who=replace(f.who, start=f.who.origin, end=f.who.origin_end))
        head = _description_head(doc, probe)
        who = _described_person(doc, finder, found[:n], probe, head) if head is not None else None
        if who is not None and not _named_inside(doc, f, who):
            f.who = replace(who, start=f.who.start, end=f.who.end)


def _named_inside(doc: DocIndex, f: Found, who: Speaker) -> bool:
    """Whether the person ``who`` is named inside the content ``f`` («судья заявила, что «…
    Андрей Санников руководил …»»: the judge is not Санников)."""
    key = person_key(who.speaker, "ru")
    return any(
        m.ner_type == "PER"
        and (person_key(m.text, "ru") == key or (who.actor_id and m.actor_id == who.actor_id))
        for m in doc.mentions_in(f.start, f.end)
    )


def _described_person(
    doc: DocIndex,
    finder: SpeakerFinder,
    before: list[Found],
    f: Found,
    head: tuple[int, int, str, str, str],
) -> Speaker | None:
    """In this order: a name after a comma that closes the description («руководитель совета,
    политолог Игорь Шатров»); the named person quoted last; the person the same title noun
    introduced in its sentence; the one person the post names; the subject of the sentence
    before. Never when the noun was used before for someone else («встретился с губернатором.
    Губернатор сказал …») or a feminine noun meets a man."""
    apposed = _apposed_person(doc, finder, f.who.end)
    if apposed is not None:
        return finder.from_mention(apposed, f.who.start, f.who.end)
    feminine = _feminine(head[2])
    quoted = _last_quoted_person(doc, finder, before, f)
    if quoted is not None and not gender_fits(cue_gender(doc, f), finder.speaker_gender(quoted)):
        quoted = None  # «— напутствовал меценат» after a woman quoted: not her
    if quoted is not None and not (feminine and finder.speaker_gender(quoted) == "m"):
        return replace(quoted, start=f.who.start, end=f.who.end)  # «— отметил экс-разведчик»
    people = [
        m
        for m in doc.mentions_in(0, f.who.start)
        if finder.ner_type(m) == "PER"
        and not doc.in_quote(m.char_start)
        and not _listener(doc, m)
        and not lemmas_before(doc, m.char_start, 2) & PREPOSITIONS  # «На блогера Лерчек»
        and not _common_noun(m.text)  # «Учительница» opening a sentence, which NER tagged
    ]
    introduced = {
        t for m in people for t in range(*_window_before(doc, m.char_start, _TITLE_WINDOW))
    }
    placed = _same_place(doc, f.who, head, people)
    if len({person_key(m.text, "ru") for m in placed}) == 1:  # «сербский лидер»: Сербии
        return _unless_feminine(finder, placed[-1], feminine, f)
    earlier = range(bisect.bisect_left(doc.tstarts, f.who.start))
    if any(doc.tokens[t][4] == head[4] and t not in introduced for t in earlier):
        return None
    titled = [
        m
        for m in people
        if head[4] in titles_before(doc, m.char_start, _TITLE_WINDOW, in_sentence=True)
    ]
    if titled:  # «это увидел таксист, Тимур Мустафаев … Как рассказал сам таксист»
        person: Mention | None = titled[-1]
    elif (
        len({person_key(m.text, "ru") for m in people}) == 1
        and not _other_names(doc, people, f.who.start)
        and not _titled_otherwise(doc, people[-1], head[4])
    ):  # NER runs on quote sentences only: names it did not see count too
        person = people[-1]
    else:
        person = _previous_subject(doc, finder, people, f.who.start)
        if person is None and f.start < f.who.start:  # «"…. …", - напутствовал меценат»
            person = _previous_subject(doc, finder, people, f.start)
    return _unless_feminine(finder, person, feminine, f)


def _titled_otherwise(doc: DocIndex, m: Mention, noun: str) -> bool:
    """Whether the person ``m`` was introduced by another person noun right before the name
    («чиновника Игоря Карпова»: not «Мэр Калуги»)."""
    titles = {t for t in titles_before(doc, m.char_start, 3) if t in PERSON_NOUNS | TITLE_NOUNS}
    return bool(titles) and noun not in titles


def _unless_feminine(
    finder: SpeakerFinder, person: Mention | None, feminine: bool, f: Found
) -> Speaker | None:
    """``person`` as the speaker at ``f``'s words, unless a feminine noun describes a man or
    the cue's gender is not the person's."""
    gender = finder.gender_of(person) if person is not None else None
    said = cue_gender(finder.doc, f)
    if person is None or (feminine and gender == "m") or not gender_fits(said, gender):
        return None
    return finder.from_mention(person, f.who.start, f.who.end)


def gender_fits(said: str | None, gender: str | None) -> bool:
    """Whether a cue's gender and a person's agree, or either is unknown."""
    return said is None or gender is None or said == gender


def cue_gender(doc: DocIndex, f: Found) -> str | None:
    """The gender of a Russian past-tense cue («сказал»: "m", «сказала»: "f"), else None."""
    if doc.lang != "ru":
        return None
    cue = f.cue.lower()
    return "m" if cue.endswith("л") else "f" if cue.endswith("ла") else None


def _same_place(
    doc: DocIndex, who: Speaker, head: tuple[int, int, str, str, str], people: list[Mention]
) -> list[Mention]:
    """The people whose title names the place the description names («сербский лидер» and
    «Президент Сербии Александр Вучич»; «Лидер РФ» and «Президент РФ Владимир Путин»): a
    geographical name or an abbreviation among the four words before the name, with the first
    four letters of a word of the description."""
    i, j = doc.tok_range(who.start, who.end)
    stems = {t[3][:4] for t in doc.tokens[i:j] if t[4] != head[4] and len(t[3]) > 1}
    if not stems:
        return []
    return [
        m
        for m in people
        if any(
            t[3][:4] in stems and _place_word(t)
            for t in doc.tokens[_window_before(doc, m.char_start, 4)[0] : _tok_end(doc, m)]
        )
    ]


def _tok_end(doc: DocIndex, m: Mention) -> int:
    """The index after the last token of ``m`` (NER may tag «Президент РФ Владимир Путин»)."""
    return bisect.bisect_left(doc.tstarts, m.char_end)


def _place_word(token: tuple[int, int, str, str, str]) -> bool:
    """A place in a title: an abbreviation («РФ», «США») or a geographical name («Сербии»)."""
    word = token[2]
    if word.isupper() and 2 <= len(word) <= 4:
        return True
    return word[:1].isupper() and any("Geox" in p.tag for p in ru_parses(word)[:2])


def _common_noun(word: str) -> bool:
    """A capitalised word NER took for a name that is a person noun («Экс-разведчик»)."""
    base = word.lower().removeprefix("экс-")
    return (
        " " not in base
        and animate_noun(base)
        and not any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in ru_parses(base)[:2])
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
    named = [
        b
        for b in before
        if b.who.ner == "PER" and b.end <= f.start and not _common_noun(b.who.speaker)
    ]  # not «Учительница», a person noun NER took for a name
    if not named or paragraphs_apart(doc, named[-1], f) > 2:
        return None
    last = named[-1]
    if _named_subject_between(doc, finder, last.end, f.who.start, "m"):
        return None
    return last.who


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
    common = (  # «Экс-разведчик» NER took for a name, not a noun resolved to a named person
        who.ner == "PER"
        and j - i == 1
        and _common_noun(who.speaker)
        and _common_noun(doc.tokens[i][2])
    )
    if who.actor_id or (who.ner and not common) or who.rank != 0:
        return None
    words = doc.tokens[i : min(j, i + 3)]
    first = doc.tok_range(doc.sentences[doc.sent_at(who.start)].start, who.start)[0] == i
    if not words or not (words[0][2][:1].islower() or first):  # «Телеведущий написал»
        return None
    if any(_name_like(doc, t) for t in doc.tokens[i + 1 : j]):
        return None  # «военный блогер Donrf»: the phrase has its own name
    read_as = who.speaker.lower()  # «по мнению физика»: «физик», not «физика» (physics)
    if len(words) == 1 and (read_as in _DESCRIPTIONS or _unlisted_person(read_as)):
        words = [(*words[0][:4], read_as)]  # «по словам политика»: «политик»
    for token in words:
        if token[4] == "сам":  # «сам таксист»
            continue
        known = token[4] in _DESCRIPTIONS
        unlisted = (  # not a place NER typed («жительница деревни Лихун»)
            token[4] not in PERSON_NOUNS  # the phrase's reading when it is one word
            and _unlisted_person(read_as if token[4] == read_as else token[2])
            and (token is words[0] or not token[2][:1].isupper())
        )
        if known or unlisted:
            if token[4] in _MEMBERS and doc.mentions_in(token[1], who.end):
                return None  # «представитель Пентагона»: one of many, a new person
            return None if plural_noun(token[2]) else token
    return None


def _unlisted_person(word: str) -> bool:
    """A person noun the speaker lists do not hold («теледива», «физик»)."""
    return word not in PERSON_NOUNS and animate_noun(word)


# titles a body has many holders of: «представитель Пентагона» is nobody named before
_MEMBERS = frozenset({"представитель", "сотрудник", "собеседник", "источник", "член", "эксперт"})


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
    _plural_pronouns_after_quotes(doc, found)
    for before, f in itertools.pairwise(found):
        pronoun = doc.text[f.who.start : f.who.end].lower()
        gender = _PRONOUN_GENDER.get(pronoun)
        if gender is None or before.end > f.start or not _person_speaker(before.who):
            continue
        if before.who.ner != "PER" and f.who.ner == "PER" and not _named_earlier(doc, f, before):
            continue  # a named antecedent beats a person noun quoted before («Премьер»)
        here = min(f.who.start, f.start)  # ««…», — заявил он»: where his words begin
        if doc.sent_at(here) - doc.sent_at(max(before.end - 1, before.start)) > 2:
            continue
        if _named_subject_between(doc, finder, before.end, f.who.start, gender):
            continue  # «… Также Моди подчеркнул … Он выразил мнение»: Моди
        known = _cue_gender(before.cue) or finder.speaker_gender(before.who)
        if known in (None, gender):  # «сообщила … Джихан Мухаммад. По ее словам»: the verb's
            f.who = replace(before.who, start=f.who.start, end=f.who.end)


def _cue_gender(cue: str) -> str | None:
    """ "m" or "f" for a Russian singular past-tense cue verb («сообщила»), else None."""
    if not cue[:1].isalpha():
        return None
    tag = ru_parses(cue)[0].tag
    if tag.POS != "VERB" or tag.tense != "past" or tag.number != "sing":
        return None
    return {"masc": "m", "femn": "f"}.get(str(tag.gender))


def _named_earlier(doc: DocIndex, f: Found, before: Found) -> bool:
    """Whether the person ``f``'s pronoun resolved to is named only before the sentence of the
    person noun quoted in ``before`` («Джо Байден дал разрешение … Пожелавший остаться
    анонимным чиновник рассказал, что … По его словам»: the official, the nearer speaker)."""
    key = person_key(f.who.speaker, "ru")
    first = doc.sentences[doc.sent_at(before.who.start)].start
    return not any(
        m.ner_type == "PER" and person_key(m.text, "ru") == key
        for m in doc.mentions_in(first, f.who.start)
    )


def name_english_owned(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """English "his office said", "her spokesman said": the office or aide of the person the
    possessive refers to ("Volodymyr Zelensky's office"), when it resolves to a named one."""
    for f in found:
        words = f.who.speaker.split()
        if f.who.actor_id or f.who.ner or len(words) < 2 or words[0].lower() not in _OWNED_BY:
            continue
        k = bisect.bisect_left(doc.tstarts, f.who.start)
        if doc.tokens[k][3] not in _OWNED_BY:
            continue  # "his aide said …. He added": the pronoun stands for the phrase
        owner = finder.pronoun_owner(doc.tokens[k])
        if owner is not None and owner.ner in ("PER", "ORG") and not owner.speaker.islower():
            name = f"{owner.speaker}'s {' '.join(words[1:])}"
            f.who = Speaker(name, None, f.who.rank, f.who.start, f.who.end)


def name_english_pronouns(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """English "…," he said / "He said …" / "In fact, she noted …" left unresolved (the small
    NER model often tags "Ros Druce" as an organisation or misses "Zelenskiy"): the person
    quoted last, at most three sentences before, when that speaker is a person or a capitalised
    name (not a place, a nationality or a pronoun) whose known gender agrees. "…," he added
    (a continuing cue) names that person even when the pronoun resolved to a name mentioned
    since: adding is what the last speaker does."""
    for n, f in enumerate(found):
        written = doc.text[f.who.start : f.who.end].lower()
        gender = _EN_PRONOUN_GENDER.get(f.who.speaker.lower())
        if (
            gender is None
            and written in _EN_PRONOUN_GENDER
            and (
                f.cue.lower() in _CONTINUING
                or _talked_about(doc, f, found[:n])
                or _interjected_about(doc, f)
                or _title_of_last_speaker(doc, f, found[:n])
            )
        ):
            gender = _EN_PRONOUN_GENDER[written]  # resolved by mentions; the speaker goes on
        elif gender is None or f.who.actor_id:
            continue
        here = doc.sent_at(min(f.start, f.who.start))  # where a long quotation begins
        for before in reversed(found[:n]):
            if before.end > f.start or before.who.start > f.who.start or _nested(before, found):
                continue  # after it, or a clause inside another's words ("X said the UN is …")
            if here - doc.sent_at(max(before.end - 1, before.start)) > 3:
                break
            if f.start < f.who.start and _third_person_inside(doc, f, gender):
                break  # "“Melanie thought … She wasn’t …,” she said": the one talked about
            person = _english_person(before.who) or _unnamed_person_phrase(before.who)
            if person and finder.speaker_gender(before.who) in (None, gender):
                f.who = replace(before.who, start=f.who.start, end=f.who.end)
            break


def join_coordinated_people(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """English "Maria Lopez and Daniel Okafor said", "wrote Maria Lopez and Daniel Okafor,
    co-founders of …": two people joined by "and" in the speaker's place speak together (one
    speaker, both names as written), not the one next to the cue."""
    joined: dict[str, str] = {}  # one person's name: the pair's, for a "they" after them
    for f in found:
        if doc.lang != "en" or f.who.ner != "PER" or " and " in f.who.speaker:
            continue
        if doc.text[f.who.start : f.who.end].lower() == "they" and f.who.speaker in joined:
            f.who = replace(f.who, speaker=joined[f.who.speaker], actor_id=None)
            continue
        own = doc.mention_at(f.who.start)
        if own is None or own.char_end != f.who.end:
            continue
        other = _coordinated_person(doc, finder, own, f)
        if other is None:
            continue
        first, second = sorted((own, other), key=lambda m: m.char_start)
        if not _LIST_BEFORE_RE.search(doc.text, 0, first.char_start):
            name = f"{first.text.strip()} and {second.text.strip()}"
            joined[f.who.speaker] = name
            f.who = Speaker(name, None, 0, first.char_start, second.char_end, ner="PER")


def _coordinated_person(
    doc: DocIndex, finder: SpeakerFinder, m: Mention, f: Found
) -> Mention | None:
    """The person named right before "and" + ``m`` or right after ``m`` + "and", outside the
    words quoted at ``f``."""
    after = _AND_AFTER_RE.match(doc.text, m.char_end)
    if after is not None:
        nxt = doc.mention_at(after.end())
        if (
            nxt is not None
            and finder.ner_type(nxt) == "PER"
            and not f.start <= nxt.char_start < f.end
        ):
            return nxt
    before = _AND_BEFORE_RE.search(doc.text[max(0, m.char_start - 8) : m.char_start])
    if before is not None:
        end = m.char_start - len(before.group(0))
        prev = next((p for p in doc.mentions_in(0, end) if p.char_end == end), None)
        if (
            prev is not None
            and finder.ner_type(prev) == "PER"
            and not f.start <= prev.char_start < f.end
        ):
            return prev
    return None


_AND_AFTER_RE = re.compile(r"[ \t]+and[ \t]+")
_AND_BEFORE_RE = re.compile(r"[ \t]+and[ \t]+$")
# a list goes on before the pair ("Hillary and Obama and Panetta and Biden and Susan Rice",
# "Richard Armitage, Henry Paulson and Brent Scowcroft"): not two people speaking together
_LIST_BEFORE_RE = re.compile(r"(,|\band)[ \t]*$")


def name_english_they(doc: DocIndex, found: list[Found]) -> None:
    """English "They said …" / "…, they added" left unresolved: the speaker quoted last, at
    most two sentences before, when "they" may stand for it: a group, a body or a country, or
    an unnamed person ("A Western official said: … They added …"), not a named person."""
    for n, f in enumerate(found):
        if f.who.actor_id or f.who.ner or doc.text[f.who.start : f.who.end].lower() != "they":
            continue
        here = doc.sent_at(min(f.start, f.who.start))
        for before in reversed(found[:n]):
            if before.end > f.start or before.who.start > f.who.start or _nested(before, found):
                continue
            if here - doc.sent_at(max(before.end - 1, before.start)) > _THEY_REACH:
                break
            if _they_may_name(before.who):
                f.who = replace(before.who, start=f.who.start, end=f.who.end)
            break


def _they_may_name(who: Speaker) -> bool:
    """Whether an English "they" may stand for ``who``: not a person named, nor a pronoun."""
    if who.ner == "PER" and " and " in who.speaker:
        return True  # "Maria Lopez and Daniel Okafor wrote … they wrote"
    if who.ner == "PER" or who.speaker.lower() in _EN_PRONOUNS:
        return False
    if who.ner or who.actor_id:
        return who.ner != "LOC"
    # a body, or a phrase ("Officials in Brussels"), not a name NER missed ("Ros Druce")
    return who.rank == 1 or not all(w[:1].isupper() for w in who.speaker.split())


def _third_person_inside(doc: DocIndex, f: Found, gender: str) -> bool:
    """Whether the quotation ``f`` talks of someone of ``gender`` (a he/she, his/her inside it),
    who may be the one a pronoun after it names."""
    i, j = doc.tok_range(f.start, f.end)
    return any(
        _EN_PRONOUN_GENDER.get(t[3]) == gender and not f.who.start <= t[0] < f.who.end
        for t in doc.tokens[i:j]
    )  # not the pronoun of "The BRI, he said, has …" itself


def _talked_about(doc: DocIndex, f: Found, before: list[Found]) -> bool:
    """Whether the person a pronoun speaker resolved to was only talked about by the last
    speaker: named inside the words quoted last, in the sentence before, and not since
    ("Arestovych claimed that Zelensky's behavior had led to tension. …, he warned": the
    speaker goes on)."""
    last = next((g for g in reversed(before) if g.end <= f.start and g.who.start < f.start), None)
    if last is None or last.who.speaker == f.who.speaker:
        return False
    if doc.sent_at(f.who.start) - doc.sent_at(max(last.end - 1, last.start)) > 1:
        return False
    name = f.who.speaker.split()[-1]
    return name in doc.text[last.start : last.end] and name not in doc.text[last.end : f.who.start]


def _interjected_about(doc: DocIndex, f: Found) -> bool:
    """Whether a pronoun interjected in the words ("The BRI, he said, has …") resolved to a
    name those words speak of before it: the topic, not the speaker."""
    words = f.who.speaker.split()
    inside = f.start < f.who.start < f.end
    return bool(words) and inside and words[-1] in doc.text[f.start : f.who.start]


def _title_of_last_speaker(doc: DocIndex, f: Found, before: list[Found]) -> bool:
    """Whether a pronoun resolved to words that title the person quoted last, in the words
    before that person's name ("Moldovan Minister of Infrastructure … Andrei Spînu wrote …
    "…," he wrote": NER took "Moldovan Minister" for a name)."""
    last = next((g for g in reversed(before) if g.end <= f.start and g.who.start < f.start), None)
    if last is None or last.who.ner != "PER" or last.who.speaker == f.who.speaker:
        return False
    opening = doc.sentences[doc.sent_at(last.who.start)].start
    return f.who.speaker in doc.text[opening : last.who.start]


def _nested(f: Found, found: list[Found]) -> bool:
    """Whether ``f`` lies inside the words of another attribution, whose speaker is named
    before ``f``'s or after its own words ("X said the UN is …", "… he believes …, his
    adviser claimed")."""
    return any(
        g is not f
        and g.start <= f.start < g.end
        and (g.who.start >= g.end or (f.end <= g.end and g.who.start < f.who.start))
        for g in found
    )


def name_english_cataphora(doc: DocIndex, found: list[Found]) -> None:
    """English "…, an expert fears." in the headline or lead with no person quoted before it:
    the first named person quoted in the same or the next paragraph ("Professor Scheherazade
    Rehman, director of …, said …"), the news style of a lead that names its source later.
    Only a lone singular person noun ("expert", "the analyst") is so named, or a headline's
    title-case description ("UN Chief Warns …": the first person quoted in the next two
    paragraphs, United Nations Secretary-General Antonio Guterres)."""
    prose = _prose_paragraphs(doc)
    named = [g.who.ner == "PER" for g in found]  # before this pass names anyone
    for n, f in enumerate(found):
        headline = _headline_description(doc, f.who, prose)
        if not (headline or _unnamed_person(doc, f.who)):
            continue
        if prose[doc.para[doc.sent_at(f.start)]] > _LEAD_PARAGRAPHS:
            continue
        if any(named[k] and paragraphs_apart(doc, g, f) <= 2 for k, g in enumerate(found[:n])):
            continue
        reach = 2 if headline else 1
        here = prose[doc.para[doc.sent_at(f.start)]]
        after = [
            g
            for g in found[n + 1 :]
            if (g.who.ner == "PER" or (headline and _full_name(g.who)))
            and not g.who.actor_id
            and 0 <= prose[doc.para[doc.sent_at(g.start)]] - here <= reach
            and not _nested(g, found)
        ]
        # not the person the words are about ("Richard Cordray … plans to run, an advisor
        # said … Cordray said"): a source is not its own subject
        after = [g for g in after if g.who.speaker.split()[-1] not in doc.text[f.start : f.end]]
        head = doc.tokens[doc.tok_range(f.who.start, f.who.end)[1] - 1][3]
        if head in _SPOKESPEOPLE:  # "a Pentagon spokesman told Reuters": "spokesman Tom …"
            after = [g for g in after if head in titles_before(doc, g.who.start, 1)]
        if after:
            f.who = replace(after[0].who, start=f.who.start, end=f.who.end)


def _prose_paragraphs(doc: DocIndex) -> list[int]:
    """Each paragraph's place among the article's paragraphs, not counting fillers: a repeat
    of an earlier paragraph (a headline printed twice) or a short line without a final stop
    ("By Magyar Nemzet of Remix News")."""
    seen: set[str] = set()
    places, place = [], -1
    for a, b in doc.para_spans:
        text = doc.text[a:b].strip()
        filler = text in seen or (
            len(text.split()) <= _FILLER_WORDS and not text.endswith((".", "!", "?", ":"))
        )
        seen.add(text)
        place += 0 if filler and place >= 0 else 1
        places.append(place)
    return places


def _headline_description(doc: DocIndex, who: Speaker, prose: list[int]) -> bool:
    """An English headline's speaker (in the headline or a repeat of it) written as a
    title-case description headed by a person noun ("UN Chief", "Former Advisor"), with nobody
    named in it."""
    words = who.speaker.split()
    if doc.lang != "en" or who.actor_id or who.ner == "PER" or not words:
        return False
    if prose[doc.para[doc.sent_at(who.start)]] != 0 or not all(w[:1].isupper() for w in words):
        return False
    named = any(m.ner_type == "PER" for m in doc.mentions_in(who.start, who.end))
    return not named and words[-1].lower() in PERSON_NOUNS


def _full_name(who: Speaker) -> bool:
    """A first name and surname NER may have typed an organisation ("Antonio Guterres"): two or
    three capitalised words, no abbreviation, none a body or outlet noun."""
    words = who.speaker.split()
    return (
        who.ner in ("PER", "ORG")
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(w.lower() in BODY_NOUNS | _EN_OUTLETS for w in words)
    )


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})  # named by that title
ANONYMOUS_EN = frozenset({"official", "source", "aide"})  # kept unnamed by the outlet


def _unnamed_person(doc: DocIndex, who: Speaker) -> bool:
    """A lone singular English person noun as the speaker ("expert", "the analyst"), or one
    with modifiers after "a" ("a Russian general")."""
    if doc.lang != "en" or who.actor_id or who.ner:
        return False
    i, j = doc.tok_range(who.start, who.end)
    if j <= i or doc.tokens[j - 1][4] != doc.tokens[j - 1][3]:
        return False  # a plural ("experts")
    if doc.tokens[j - 1][3] in ANONYMOUS_EN:
        return False  # "a senior White House official said": a source kept unnamed
    if " " not in who.speaker and who.bare:
        return True
    indefinite = i > 0 and doc.tokens[i - 1][3] in ("a", "an")
    return indefinite and who.rank == 0 and doc.tokens[j - 1][3] in PERSON_NOUNS


def name_english_bodies(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """English "the outlet reported", "the newspaper wrote", "the agency said": a definite
    outlet or body noun names the organisation quoted last within two paragraphs, else the last
    one named before it there (outside quotation marks, not a platform); a body noun only one
    whose name holds it ("the agency": the International Energy Agency); a noun any
    organisation goes by ("the company", "the group") one quoted before, else the one body
    named there (two or more: left as written). Documents ("the
    study", "the report") are left as written: the organisation named last is as often what
    they are about as who wrote them."""
    for n, f in enumerate(found):
        named_outlet = _outlet_named_after(doc, finder, f.who) or _author_after(doc, finder, f.who)
        if named_outlet is not None:  # "the state news agency TASS reported", "a report by TASS"
            f.who = named_outlet
            continue
        noun = _definite_body_noun(doc, f.who)
        if noun is None:
            continue
        para = doc.para[doc.sent_at(f.who.start)]
        quoted = [
            g.who
            for g in found[:n]
            if g.who.ner == "ORG" and para - doc.para[doc.sent_at(g.who.start)] <= 2
        ]
        named = [
            m
            for m in doc.mentions_in(0, f.who.start)
            if finder.ner_type(m) == "ORG"
            and para - doc.para[doc.sent_at(m.char_start)] <= 2
            and not doc.in_quote(m.char_start)
            and not PLATFORM_RE.search(m.text)
        ]
        if noun in BODY_NOUNS - _ANY_BODY:  # "the department": the Department of Energy
            quoted = [w for w in quoted if noun in w.speaker.lower() or _apposed(doc, w, noun)]
            named = [m for m in named if noun in m.text.lower()]
        elif noun in _ANY_BODY:  # "the company": one quoted before, or the one body named
            if noun in _BUSINESS_NOUNS:  # not "Stanford University" for "the company"
                named = [m for m in named if not set(m.text.lower().split()) & _NOT_BUSINESS]
            named = named if len({m.text.strip().lower() for m in named}) == 1 else []
        if quoted:
            f.who = replace(quoted[-1], start=f.who.start, end=f.who.end)
        elif named:
            f.who = finder.from_mention(named[-1], f.who.start, f.who.end)
        elif noun in BODY_NOUNS:
            lo = doc.para_spans[max(para - 2, 0)][0]
            name = _titled_body_before(doc, noun, lo, f.who.start)
            if name is not None:  # "the Campaign to Stop Killer Robots", which NER missed
                f.who = Speaker(name, None, 1, f.who.start, f.who.end, ner="ORG")


def name_document_owners(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """English "the UK statement alleges", "A Monday Politico article claims", "NOAA data
    showed": a document named with its author is that author's word (a person, organisation
    or place named inside the phrase); "a report from Italy" stays the report."""
    for f in found:
        words = f.who.speaker.lower().split()
        if f.who.ner or f.who.actor_id or len(words) < 2 or words[-1] not in _AUTHORED:
            continue
        owners = [
            m
            for m in doc.mentions_in(f.who.start, f.who.end)
            if finder.ner_type(m) in ("PER", "ORG", "LOC")
            and m.char_end <= f.who.end
            and not doc.text[m.char_end : f.who.end].lower().lstrip(" '’s").startswith("from")
            and doc.text[m.char_start - 1 : m.char_start] != "("  # "(NOAA)" after its name
        ]
        if len(owners) == 1:
            f.who = finder.from_mention(owners[0], f.who.start, f.who.end)
        elif not owners:
            body = _possessing_body(doc, f.who)
            if body is not None:  # "the prosecution authority’s statement said"
                f.who = body


def _possessing_body(doc: DocIndex, who: Speaker) -> Speaker | None:
    """The unnamed body owning an English document phrase ("the prosecution authority’s
    statement"): the words before "’s", when a body noun heads them."""
    text = doc.text[who.start : who.end]
    match = _POSSESSIVE_RE.search(text)
    if match is None:
        return None
    owner = text[: match.start()].strip()
    words = owner.split()
    if not words or words[-1].lower() not in BODY_NOUNS:
        return None
    start = who.start + text.index(owner)
    return Speaker(
        owner.removeprefix("the ").removeprefix("The "), None, 1, start, start + len(owner)
    )


_POSSESSIVE_RE = re.compile(r"['’]s\s+\w+$")


def _titled_body_before(doc: DocIndex, noun: str, lo: int, hi: int) -> str | None:
    """The last capitalised name of two or more words holding ``noun`` capitalised in
    ``text[lo:hi]`` ("Campaign to Stop Killer Robots", "Department of Energy"), outside
    quotation marks."""
    names = [
        m.group().removeprefix("The ")
        for m in _titled_body_re(noun).finditer(doc.text, lo, hi)
        if not doc.in_quote(m.start())
    ]
    names = [name for name in names if " " in name]
    return names[-1] if names else None


@cache
def _titled_body_re(noun: str) -> re.Pattern[str]:
    """Capitalised names holding the capitalised ``noun`` ("Department of Energy")."""
    word = r"[A-Z][\w'’&.-]*"
    return re.compile(
        rf"(?:{word}\s+){{0,4}}{noun.capitalize()}\b(?:\s+(?:(?:of|for|to|on|the|and)\s+)*{word})*"
    )


def _apposed(doc: DocIndex, who: Speaker, noun: str) -> bool:
    """Whether ``who`` was named in apposition to ``noun`` ("The group, Industrial Energy
    Consumers of America, has asked")."""
    before = doc.text[max(who.start - len(noun) - 8, 0) : who.start].lower()
    return re.search(rf"\b{re.escape(noun)}\s*,\s*(the\s+)?$", before) is not None


def _outlet_named_after(doc: DocIndex, finder: SpeakerFinder, who: Speaker) -> Speaker | None:
    """The outlet named right after an unnamed speaker phrase ending in an outlet noun ("the
    Russian state news agency TASS", "the newspaper Izvestia"), which English NER and the
    phrase rules leave outside the phrase."""
    if who.actor_id or who.ner:
        return None
    i, j = doc.tok_range(who.start, who.end)
    if j <= i or j >= len(doc.tokens) or doc.tokens[j - 1][3] not in _EN_OUTLETS | _EN_AGENCIES:
        return None
    mention = doc.mention_at(doc.tokens[j][0])
    if mention is None or mention.char_start != doc.tokens[j][0]:
        return None
    if finder.ner_type(mention) not in ("ORG", "LOC"):
        return None
    return finder.from_mention(mention, who.start, mention.char_end)


def _author_after(doc: DocIndex, finder: SpeakerFinder, who: Speaker) -> Speaker | None:
    """The person or organisation after "by" / "from" that wrote an unnamed document ("a
    report by TASS", "figures from Ukraine's National Resistance Center"), named before the
    next comma; a place stays a place ("a report from Italy")."""
    if who.actor_id or who.ner:
        return None
    i, j = doc.tok_range(who.start, who.end)
    if j <= i or j + 1 >= len(doc.tokens) or doc.tokens[j - 1][4] not in _AUTHORED | _FIGURES:
        return None
    if doc.tokens[j][3] not in ("by", "from"):
        return None
    reach = doc.tokens[min(j + _AUTHOR_REACH, len(doc.tokens) - 1)][1]
    stop = min(reach, doc.sentences[doc.sent_at(who.start)].end)
    comma = doc.text.find(",", doc.tokens[j][1], stop)
    stop = comma if comma >= 0 else stop
    authors = [  # not "Politico, Democratic party" (NER across the comma)
        m
        for m in doc.mentions_in(doc.tokens[j][1], stop)
        if finder.ner_type(m) in ("PER", "ORG") and m.char_end <= stop
    ]
    return finder.from_mention(authors[0], who.start, who.end) if authors else None


def _definite_body_noun(doc: DocIndex, who: Speaker) -> str | None:
    """The noun of an unnamed English speaker written "the <noun>" (one outlet or body noun:
    "the outlet", "the agency")."""
    if who.actor_id or who.ner or " " in who.speaker:
        return None
    noun = who.speaker.lower()
    k = bisect.bisect_left(doc.tstarts, who.start)
    if (
        noun not in _EN_OUTLETS | _EN_AGENCIES | BODY_NOUNS
        or not k
        or doc.tokens[k - 1][3] != "the"
    ):
        return None
    return noun


def _english_person(who: Speaker) -> bool:
    """A speaker an English "he" / "she" may name: a person, or a capitalised name NER did not
    call a place or a group (NER tags some personal names as organisations)."""
    words = who.speaker.split()
    if not words or who.speaker.lower() in _EN_PRONOUN_GENDER or who.ner in ("LOC", "GPE", "NORP"):
        return False
    if who.actor_id:
        return who.ner == "PER"
    if not who.ner and len(words) == 1 and _plural_person_noun(words[0]):
        return False  # "Researchers found …": a capital opening a sentence, not a name
    if who.ner != "PER" and any(w.lower() in _BODY_NAME_WORDS for w in words):
        return False  # "Remix News & Views", a post's signature: an outlet, not "she"
    return who.ner == "PER" or (all(w[:1].isupper() for w in words) and len(words) <= 3)


# words that make a capitalised name an outlet's or a body's, never a person's
_BODY_NAME_WORDS = BODY_NOUNS | MEDIA_NOUNS | frozenset(
    {"news", "times", "post", "media", "tv", "radio", "journal", "herald", "tribune",
     "telegraph", "press", "network", "views", "daily", "weekly", "review"}
)  # fmt: skip


def _plural_person_noun(word: str) -> bool:
    """An English plural of a listed person noun ("Researchers", "Officials")."""
    lemma = lemma_of(word.lower(), "en")
    return lemma != word.lower() and lemma in PERSON_NOUNS


def _unnamed_person_phrase(who: Speaker) -> bool:
    """A phrase headed by a singular person noun, naming no one ("a European official", not
    "officials")."""
    words = who.speaker.split()
    return (
        not (who.ner or who.actor_id or who.bare)
        and who.rank == 0
        and who.speaker.lower() not in _EN_PRONOUNS
        and not all(w[:1].isupper() for w in words)
        and not _english_plural(_head_word(words))
    )


def _head_word(words: list[str]) -> str:
    """The head of an English noun phrase: the last word before "of" / "in" / … if any."""
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _PHRASE_LINKS), len(words))
    return words[cut - 1] if cut else ""


def _english_plural(word: str) -> bool:
    """An English plural noun by its ending ("officials", "allies"; not "boss", "press")."""
    lower = word.lower()
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _plural_pronouns_after_quotes(doc: DocIndex, found: list[Found]) -> None:
    """«Об этом рассказали участники заседания. По их словам, …»: «их» / «они» is the plural
    phrase quoted in the same or the sentence before."""
    for n, f in enumerate(found):
        if doc.text[f.who.start : f.who.end].lower() not in _PLURAL_PRONOUNS:
            continue
        here = doc.sent_at(f.who.start)
        for before in reversed(found[:n]):
            last = max(before.end - 1, before.who.start, 0)  # «… Об этом рассказали X»: X
            if before.end > f.start or here - doc.sent_at(last) > 1:
                continue
            if _reported_inside(before, found):
                continue  # «X обещает …, сообщили нам учащиеся. По их словам»: X is reported
            # «рассказали РИА Новости в АТОР. По их данным»: the body quoted, not another named
            # after it; «со ссылкой на источники. По их словам» stays the sources
            body = before.who.ner == "ORG" and f.who.ner == "ORG"
            if _plural_speaker(before.who) or body:
                f.who = replace(before.who, start=f.who.start, end=f.who.end)
            break


def _reported_inside(f: Found, found: list[Found]) -> bool:
    """Whether ``f`` lies inside the words of another quote."""
    return any(g is not f and g.start <= f.start < f.end <= g.end for g in found)


def _named_subject_between(
    doc: DocIndex, finder: SpeakerFinder, a: int, b: int, gender: str
) -> bool:
    """Whether a person of ``gender`` (or unknown) is named as a subject in ``text[a:b]``: not
    after a preposition in the four words before («нападение на Симоньян и Собчак»)."""
    return any(
        finder.ner_type(m) == "PER"
        and finder.subject_like(m, gender)
        and not lemmas_before(doc, m.char_start, 4) & PREPOSITIONS
        and finder.gender_of(m) in (None, gender)
        for m in doc.mentions_in(a, b)
        if doc.in_quote(b) or not doc.in_quote(m.char_start)  # a body wrapped in quote marks
    )


_PRONOUN_GENDER = {"он": "m", "его": "m", "она": "f", "её": "f", "ее": "f"}
_PLURAL_PRONOUNS = frozenset({"они", "их"})
_FEMININE_PRONOUNS = frozenset({"она", "её", "ее"})
# platforms where something is posted: where, never who («в Telegram-канале», "on Twitter")
PLATFORM_RE = re.compile(
    r"(?i)telegram|телеграм|youtube|ютуб|twitter|facebook|вконтакте|instagram|tiktok|truth social"
)
_LEAD_PARAGRAPHS = 2  # the headline, a subtitle and the lead: paragraphs 0-2
_FILLER_WORDS = 8  # a byline or site line between a headline and the lead
# nouns an outlet's name may follow ("news agency TASS", "broadcaster NHK")
_EN_AGENCIES = frozenset({"agency", "network", "channel", "daily", "station"})
# body nouns any organisation may be called ("the company said": Lockheed Martin)
_ANY_BODY = frozenset(
    {"organization", "organisation", "group", "company", "firm", "startup", "manufacturer"}
)
_BUSINESS_NOUNS = frozenset({"company", "firm", "startup", "manufacturer"})
# words of a body's name that make it no business ("the company" is not Stanford University)
_NOT_BUSINESS = frozenset(
    {"university", "college", "school", "institute", "hospital", "ministry", "department",
     "agency", "court", "council", "committee", "party", "government", "parliament", "senate",
     "congress", "commission", "union", "army", "police", "church", "foundation", "academy"}
)  # fmt: skip
_EN_OUTLETS = frozenset(
    {"outlet", "newspaper", "paper", "publication", "magazine", "tabloid", "broadcaster", "website"}
)
# counts a body publishes ("figures from the National Resistance Center")
_FIGURES = frozenset({"figure", "estimate", "estimation", "statistic", "calculation"})
_AUTHOR_REACH = 8  # tokens after "by" / "from" where the author may be named
# documents whose author, named inside the phrase, is the source ("the UK statement")
_AUTHORED = frozenset(
    {"statement", "article", "report", "study", "data", "document", "letter", "memo"}
    | {"filing", "analysis", "post", "declaration", "tweet", "video"}
)
_OWNED_BY = frozenset({"his", "her", "their"})  # "his office", "her spokesman"
_EN_PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}
_EN_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "it"})
_PHRASE_LINKS = frozenset({"of", "in", "at", "from", "for", "on", "with"})
_THEY_REACH = 2  # sentences between "they" and the speaker quoted before it
_CONTINUING = frozenset({"added", "adds", "continued", "continues"})  # the last speaker goes on


def _plural_speaker(who: Speaker) -> bool:
    """An unnamed plural noun phrase («участники заседания», «эксперты»)."""
    words = who.speaker.split()
    return not (who.ner or who.actor_id) and bool(words) and plural_noun(words[0])


def _person_speaker(who: Speaker) -> bool:
    """A named person, or a phrase headed by a person noun («посол России»)."""
    return who.ner == "PER" or (not who.ner and not who.actor_id and who.rank == 0)


def feminine_surnames(doc: DocIndex, found: list[Found]) -> None:
    """Russian «заявила Набиуллина»: a lone surname after a feminine verb keeps its feminine
    nominative reading (pymorphy3 prefers the genitive of «Набиуллин»); so does a woman's
    first name and surname («Владислава Роговенко назвала …», not «Владислав Роговенко»)."""
    for f in found:
        who = f.who
        surface = doc.text[who.start : who.end]
        if who.ner != "PER" or who.actor_id or surface == who.speaker:
            continue
        verb = ru_parses(f.cue)[0].tag if f.cue[:1].isalpha() else None
        feminine_cue = verb is not None and {"VERB", "past", "femn"} <= verb.grammemes
        if not feminine_cue and surface.lower() not in _FEMININE_PRONOUNS:
            continue  # «По её словам» speaks for a woman too
        if _womans_name(surface.split(), who.speaker) or _titled_woman(doc, who, surface):
            f.who = replace(who, speaker=surface)
        elif " " not in surface and _feminine_surname(surface) and _masculine_full(who):
            # «Хрущёва … называла» after «Никиты Хрущева, … Нины Хрущевой»: hers, not his
            f.who = replace(who, speaker=_woman_named(doc, surface) or surface)
        elif surface.lower() in _FEMININE_PRONOUNS:  # «— сообщила Набиуллина. Она отметила»
            same = [g.who.speaker for g in found if _feminine_of(g.who.speaker, who.speaker)]
            same = same or _feminine_written(doc, who.speaker)  # «Журова удивилась … она»
            f.who = replace(who, speaker=same[0]) if same else who


def _feminine_written(doc: DocIndex, masculine: str) -> list[str]:
    """The lone surname mentions whose written form is the feminine of ``masculine``."""
    return [
        m.text.strip()
        for m in doc.mentions
        if m.ner_type == "PER" and _feminine_of(m.text.strip(), masculine)
    ][:1]


def _feminine_of(name: str, masculine: str) -> bool:
    """Whether ``name`` is the feminine form of the surname ending ``masculine`` («Набиуллина»
    of «Набиуллин», «Анна Иванова» of «Анна Иванов», «Яна Лантратова» of «Ян Лантратов»)."""
    if name == masculine:
        return False
    pairs = list(zip(name.split(), masculine.split(), strict=False))
    if len(name.split()) != len(masculine.split()) or not pairs:
        return False
    return all(w in (m, m + "а", m[:-2] + "ая") for w, m in pairs)


def _womans_name(words: list[str], speaker: str) -> bool:
    """A lone feminine surname, or a feminine first name with a feminine or foreign surname,
    or a first name in «-а» / «-я» the dictionary does not know as hers with a feminine
    surname («Сардана Авксентьева»)."""
    if len(words) == 1:
        return " " not in speaker and _feminine_surname(words[0])
    if len(words) != 2:
        return False
    if _feminine_nominative(words[0], "Name"):
        return _feminine_nominative(words[1], "Surn") or not ru_known(words[1])
    return words[0][-1:] in ("а", "я") and _feminine_surname(words[1])


def _titled_woman(doc: DocIndex, who: Speaker, surface: str) -> bool:
    """«куратор платформы "Мошеловка" Храпунова», «… инфекционист столицы Мазанкова» after a
    feminine verb: a lone surname in «-ова» / «-ина» with no common-noun reading, after a
    title phrase (not a body's: «пресс-служба Токаева» is his), as written."""
    shaped = surface.endswith(RU_FEMININE_SURNAME_ENDINGS)
    if " " in surface or not shaped or _noun_reading(surface):
        return False
    k = bisect.bisect_left(doc.tstarts, who.start) - 1
    if k < 0 or doc.tokens[k][4] in BODY_NOUNS or doc.tokens[k][4] in _PRESS_NOUNS:
        return False
    for t in range(k, max(k - 6, -1), -1):  # the title's words, in the name's clause
        if gap_breaks(doc.text, doc.tokens[t][1], doc.tokens[t + 1][0]):
            return False
        if _person_noun_token(doc.tokens[t]):
            return True
    return False


_PRESS_NOUNS = frozenset({"пресс-служба", "пресс-центр", "пресс-секретарь", "офис", "аппарат"})


def _person_noun_token(token: tuple[int, int, str, str, str]) -> bool:
    return token[2][:1].islower() and (token[4] in PERSON_NOUNS or animate_noun(token[3]))


def _noun_reading(word: str) -> bool:
    """Whether a reading of ``word`` is a common noun (not a name or surname)."""
    return any(
        p.tag.POS == "NOUN" and not {"Surn", "Name", "Patr"} & p.tag.grammemes
        for p in ru_parses(word)[:3]
    )


def _feminine_surname(word: str) -> bool:
    """A capitalised surname that may be a woman's nominative («Хрущёва»)."""
    return word[:1].isupper() and _feminine_nominative(word, "Surn")


def _masculine_full(who: Speaker) -> bool:
    """A speaker whose full name's first name is a man's («Никита Хрущёв»)."""
    words = who.speaker.split()
    return len(words) > 1 and masculine_first_name(words[0])


def _woman_named(doc: DocIndex, surname: str) -> str | None:
    """The full name of a woman with ``surname`` a person mention gives («Нины Хрущевой» ->
    «Нина Хрущёва»), if any."""
    folded = surname.replace("ё", "е")
    for m in doc.mentions:
        words = m.text.split()
        if m.ner_type != "PER" or len(words) < 2:
            continue
        full = nominative_name(m.text, "ru")
        if full.split()[-1].replace("ё", "е") == folded and _feminine_nominative(
            full.split()[0], "Name"
        ):
            return full
    return None


def _feminine_nominative(word: str, kind: str) -> bool:
    return any({kind, "femn", "nomn"} <= p.tag.grammemes for p in ru_parses(word)[:3])
