"""Speakers: who is speaking next to a speech cue (used by :mod:`narrascope.actors.quotes`).

Around a cue ("said", "according to", "заявил", "по словам") the speaker is chosen among
- named mentions (from :class:`~narrascope.actors.ActorExtractor`): rank 0 for persons,
  1 for organisations, 2 for places and nationalities;
- pronouns (he/she/they, он/она/они), resolved to a named mention (below);
- a noun phrase around a speaker noun: "a senior Indian official", "Russian diplomats",
  "помощник президента России", "источник в МИД" (rank 0 for people, 1 for bodies), unless a
  capitalised personal name stands between it and the cue; the whole phrase may be a registry
  alias ("Russian Foreign Ministry spokeswoman").
The best candidate has the lowest rank, then lies before the cue (English and Russian
``X said``) rather than after it (``said X``, ``заявил X``), then is nearest. A surname alone
("Loginov") takes the full name mentioned earlier in the article ("Viktor Loginov").

**Pronouns** resolve to the nearest preceding sentence, in the same paragraph or the two before,
that has a compatible named mention outside quotation marks (he/she: a person of unknown or
matching registry gender; they: an organisation, group or nationality); within that sentence,
the first such mention in subject position (not right after a preposition; in Russian, a form
that can be nominative), else the nearest. An unresolved pronoun is kept as written.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from narrascope.actors._document import DocIndex, Speaker, gap_breaks, skip_dateline
from narrascope.actors.ner import SPACED_DASH_RE
from narrascope.actors.registry import (
    RU_CONSONANTS,
    ActorRegistry,
    indeclinable_foreign,
    lemma_key,
    nominative_name,
)
from narrascope.actors.syntax import RU_DENIALS, RU_NEGATED_ONLY, TELLING_EN, Clause
from narrascope.actors.wordlists import load_word_lists
from narrascope.records import Mention
from narrascope.text.segment import EN_TITLE_ABBREVIATIONS
from narrascope.text.tokens import Scanned, lemma_of, ru_known, ru_parses, ru_passive_participle

__all__ = [
    "CUES",
    "MEDIA_NOUNS",
    "PREPOSITIONS",
    "RU_PARTICLES",
    "TITLE_NOUNS",
    "Cue",
    "SpeakerFinder",
]


_WORDS = load_word_lists("speech.yaml")
CUES = _WORDS["cues"]
PERSON_NOUNS = _WORDS["person_nouns"]
MEDIA_NOUNS = _WORDS["media_nouns"]
TITLE_NOUNS = _WORDS["title_nouns"]
_EN_TITLES = _WORDS["titles"]
BODY_NOUNS = _WORDS["body_nouns"]
DOCUMENT_NOUNS = _WORDS["document_nouns"]
SOURCE_NOUNS = _WORDS["source_nouns"]
LISTENERS = _WORDS["listeners"]
NP_STOP = _WORDS["phrase_stops"]
NOT_CLAUSE = _WORDS["not_clause"]
# words that open a question: after «"Орешник":» the name is the topic, not a source
_QUESTION_WORDS = frozenset(
    {"что", "как", "почему", "кто", "где", "когда", "зачем", "чем", "сколько", "какой", "какие"}
)
_NOUN_HEADS = PERSON_NOUNS | BODY_NOUNS  # heads of a speaker noun phrase
_ADVERBS = _WORDS["adverbs"]
QUOTING = frozenset({"цитировать", "процитировать"})  # an outlet relays another's words
_NOT_SOURCES = _WORDS["rules"]  # «согласно закону / плану»: rules and plans, not sources
_STATEMENT_NOUNS = frozenset({"заявление", "обращение", "речь"})  # «выступил с заявлением:»
_WHOM = frozenset({"которого", "которую", "которых", "кого"})  # «Филата, которого цитирует …»
_QUOTED_WORDS = frozenset({"слово", "выступление", "заявление", "высказывание", "речь"})
SETTINGS = _WORDS["settings"]  # where, not who: «глава правительства на совещании»
_SETTING_NOUNS = SETTINGS
PREPOSITIONS = _WORDS["prepositions"]
PRONOUNS = {"he": "m", "she": "f", "they": "pl", "он": "m", "она": "f", "они": "pl"}
POSSESSIVES = {"его": "m", "ее": "f", "их": "pl"}  # "по его словам"
_EN_POSSESSIVES = {"his": "m", "her": "f", "their": "pl"}
_INVERTED_CUES = frozenset({"said", "says", "added", "adds", "wrote", "writes", "asked"})
_COUNTED_WORDS = 6  # "More than six in 10": a numeral subject counting people
_NOUN_CUES = frozenset({"claims", "notes"})  # cue forms that are as often plural nouns
# words after which "claims" / "notes" is a noun: determiners and a few adjectives
_NOUN_MARKERS = frozenset(
    {"the", "a", "an", "these", "those", "such", "any", "no", "his", "her", "their", "its", "our"}
    | {"your", "my", "new", "false", "similar", "earlier", "recent", "repeated"}
)
_OWNERS = frozenset({"his", "her", "their", "its", "our", "your", "my"})  # possessive determiners
_WHO_NOUNS = PERSON_NOUNS | BODY_NOUNS
_FEMALE_FIRST_NAMES = _WORDS["female_first_names"]  # English
_MALE_FIRST_NAMES = _WORDS["male_first_names"]
_PERFECT = frozenset({"has", "have", "had"})
_EN_PARTICIPLES = frozenset({"seen", "sent", "made", "given", "written", "shown", "drawn", "held"})
_EN_TITLE_GENDER = {"mr": "m", "ms": "f", "mrs": "f", "miss": "f", "sir": "m", "lady": "f"}
_AFTER_CUE_REACH = 40  # tokens from a quotation to its cue past an aside ("“…,” X, who …, said")
_PAIRED_RE = re.compile(r"\s+and\s+(?:[\w.'’-]+\s+){0,4}")  # "… and Senate leader …"
# what is added to a bill or a list, not said ("added provisions that …")
_ADDED_THINGS = frozenset(
    {"provision", "provisions", "language", "amendment", "amendments", "clause", "clauses"}
    | {"evidence", "weight", "fuel"}
    | {"requirement", "requirements", "funding", "money", "troops", "jobs", "seats", "points"}
    | {"names", "fees", "measures", "features", "sanctions", "restrictions", "rules"}
)
# nouns "added" qualifies as an adjective ("added importance", "added pressure")
_ADDED_QUALITIES = frozenset(
    {"importance", "value", "pressure", "weight", "significance", "urgency", "impetus"}
    | {"benefit", "benefits", "cost", "costs", "risk", "protection", "security", "incentive"}
)
_CONJOINED_AUXILIARIES = frozenset({"has", "have", "had", "later", "then", "also"})
_RU_DATIVE_PRONOUNS = frozenset({"ему", "ей", "им", "мне", "нам", "вам", "тебе"})
_DETERMINERS_EN = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"})
_EN_OBJECTS = {"him": "m", "her": "f", "them": "pl"}  # "according to him"
THAT = frozenset({"that", "что", "будто"})
_TOLD = frozenset({"told", "tells", "tell", "telling"})  # the words after them: the listener
# "a trader at a bank", "the head of the ministry" ("a spokesman for the ministry" speaks as it)
_MESSAGES = frozenset({"письмо", "обращение", "заявление", "телеграмма", "сообщение"})
_EN_OF_NAME = frozenset({"of", "for", "to", "with", "from", "at", "by"})  # "Supporters of X"
# prepositions of a phrase after a subject's head whose names only modify ("… into the Trump
# campaign's contacts")
_EN_INNER_PREPOSITIONS = frozenset({"in", "into", "on", "over", "about", "with", "against"})
# participles that open an aside between a subject and its cue ("X, asked why …, told")
_ASIDE_PARTICIPLES = frozenset({"asked", "pressed", "questioned", "speaking", "responding"})
_RELATIVES = frozenset(
    {"wife", "husband", "widow", "son", "daughter", "mother", "father", "brother", "sister"}
)
_EN_OF = frozenset({"of", "at", "from", "with", "in", "to"})  # "an aide to the senator"
_EN_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "that", "those"})
# "according to X" cues (and «по мнению X»: an opinion the post attributes, as the real-news sets
# annotate it)
ACCORDING = frozenset(
    {
        ("according", "to"),
        ("as", "per"),
        ("по", "словам"),
        ("по", "данным"),
        ("по", "информации"),
        ("по", "версии"),
        ("со", "слов"),
        ("по", "оценке"),
        ("по", "оценкам"),
        ("по", "подсчетам"),
        ("по", "подсчётам"),
        ("по", "прогнозу"),
        ("по", "прогнозам"),
        ("по", "мнению"),
        ("по", "сообщению"),
        ("по", "сообщениям"),
        ("по", "утверждению"),
        ("по", "заверению"),
        ("по", "заверениям"),
        ("по", "признанию"),
        ("по", "предположению"),
        ("по", "расчетам"),
        ("по", "расчётам"),
        ("по", "сведениям"),
        ("по", "убеждению"),
        ("по", "заявлению"),
        ("по", "заявлениям"),
        ("по", "утверждениям"),
        ("по", "заключению"),
        ("по", "наблюдениям"),
        ("стало", "известно"),  # «Как стало известно Mash, …»
        ("следует", "из"),  # «…, следует из данных Росстата»
    }
)
_RU_SURNAME_ENDINGS = ("а", "у", "ом", "е")  # a masculine surname's oblique cases
# "по его словам / мнению", «с его слов»
_POSSESSED = frozenset(
    {"словам", "данным", "информации", "мнению", "слов", "оценке", "оценкам", "подсчетам"}
    | {"подсчётам", "версии", "прогнозу", "прогнозам", "сведениям", "утверждению", "признанию"}
    | {"убеждению", "расчетам", "расчётам", "заявлению", "сообщению", "предположению"}
)
_RU_INFINITIVE = ("ть", "ться", "ти")
_RU_SHORT_ONLY = frozenset({"уверенный", "убежденный", "убеждённый"})
_RU_ADJ_ENDINGS = ("ый", "ая", "ое", "ые", "ого", "ой", "ом", "ым", "ых", "ую", "ыми", "ому")
_RU_VERDICT = frozenset({"виновный", "невиновный", "вина", "виновность"})  # "признал виновным"
_GENDER_NOT = {"m": "femn", "f": "masc"}  # a pronoun's antecedent is not of the other gender
_INDICATORS = frozenset({"что", "это", "которое", "которые", "всё", "все", "многое", "чём"})
# speech verbs of finding out: only with «что», after «как» or after the clause they report
FINDINGS = frozenset({"выяснить", "узнать"})
_THERE_TOO = frozenset({"же", "также", "уже"})  # «Там же сообщили»
_COLLECTIVE = frozenset({"двое", "трое", "четверо", "пятеро", "шестеро"})
_FEW = frozenset({"два", "две", "три", "четыре", "оба", "обе", "полтора"})
_QUANTITIES = frozenset({"часть", "половина", "треть", "сотня", "десяток", "тысяча", "ряд"})
_MANY = frozenset({"сотни", "десятки", "тысячи", "миллионы", "большинство", "треть", "половина"})
# Russian nouns of time: «в последние минуты», «за сутки» after a speaker are when, not who
_RU_TIME_NOUNS = frozenset(
    {"минута", "час", "день", "неделя", "месяц", "год", "время", "момент", "сутки", "утро"}
    | {"вечер", "ночь", "выходные", "январь", "февраль", "март", "апрель", "май", "июнь"}
    | {"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
    | {"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"}
)
_EN_RELATIVES = frozenset({"who", "whom", "whose", "which"})
_ONE_OF = frozenset({"одного", "одной", "одним", "одному"})  # «по словам одного из врачей»
_TOPIC = frozenset({"о", "об", "обо", "про"})  # «Песков о санкциях: …»
# «рассказали несколько участников заседания»: a count before a speaker noun in the genitive
_QUANTIFIERS = frozenset(
    {"несколько", "ряд", "многие", "двое", "трое", "четверо"}
    | {"два", "две", "три", "четыре", "оба", "обе"}
)
# offices that speak for the body named after them («пресс-служба Минобороны России»)
_PRESS_OFFICES = frozenset(
    {"пресс-служба", "пресс-центр", "пресс-бюро", "пресс-секретариат", "руководство"}
)
# «…, а …»: a new clause; «сообщила со ссылкой на свои источники газета X»: the outlet's own
_RU_NEW_CLAUSE_RE = re.compile(r",\s+(?:а|но|однако)\s")
_RU_OWN_SOURCES_RE = re.compile(r"\s+со\s+ссылкой\s+на\s+(?:свои|свой|собственн\w+)\s+источник\w*")
# a Russian time aside after a cue, up to its closing comma («сегодня, 3 июля,»)
_RU_WEEKDAYS = ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье")
_RU_WHEN_ASIDE_RE = re.compile(
    r"(?:\s*,?\s*(?:сегодня|вчера|утром|вечером|днём|днем|ночью|"
    rf"в (?:{'|'.join(_RU_WEEKDAYS)})|"
    r"\d{1,2} (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
    r"декабря)(?: \d{4}(?: года)?)?))+\s*,",
    re.IGNORECASE,
)
# English words counting people out of a group ("one of the officials")
_PARTITIVES = frozenset({"one", "two", "three", "some", "several", "many", "most", "another"})
_PLATFORMS_RU = frozenset({"соцсеть", "мессенджер", "платформа", "сеть"})  # «в соцсети X»
_INTERVIEWS = frozenset({"интервью", "эфир", "беседа", "колонка", "подкаст", "программа"})
# past participles that open a phrase before the subject ("Asked about …, Christie said")
_PARTICIPLE_LEADS = frozenset({"asked", "pressed", "questioned", "interviewed", "told"})
# conjunctions that open an English adverbial clause before the main one ("While the statement
# did not name Thunberg, a spokesperson … confirmed"): its names are not the main subject
_SUBORDINATORS = frozenset(
    {"while", "although", "though", "whereas", "if", "unless", "because", "since", "once"}
)
_LEADS = _PARTICIPLE_LEADS | _SUBORDINATORS
_COLON_SUBJECT_WORDS = 4  # "…: a former adviser reveals …"
# words that make "the … official" someone not named before
_NEW_REFERENT = frozenset({"second", "third", "other", "another", "new", "first", "latter"})
_OF_WORDS = 3  # words of the "of" phrase after a title that still describes someone named
_ANONYMOUS = frozenset({"источник", "source"})  # «по словам источника»: nobody named before
_RU_OF = frozenset({"в", "во", "из"})  # "говорится в докладе X", "следует из данных X"
# impersonal forms that report a document's words: «сказано в заявлении X», «В сообщении X
# указано, что …» (only beside «в <document>»: «Сообщается, что …» alone names no source)
DOCUMENT_CUES = frozenset(
    {"сказано", "указано", "отмечено", "заявлено", "подчеркнуто", "подчёркнуто", "говорилось"}
    | {"отмечается", "подчеркивается", "подчёркивается", "указывается", "утверждается"}
    | {"сообщается", "уточняется", "констатируется"}
    | {"отмечалось", "подчеркивалось", "подчёркивалось", "указывалось", "утверждалось"}
    | {"сообщалось", "уточнялось", "констатировалось"}
)
_RELATIVE = frozenset({"который", "которая", "которое", "которые"})  # as the clause's subject
# case endings of an inflected Russian name ("Трампа", "Трампу"), and female nominatives that
# share them ("Дегтярёва", "Захарова")
_OBLIQUE_ENDINGS = ("а", "я", "у", "ю", "ом", "ем", "ым", "им", "е", "ой", "ей", "ых", "их", "ии")
_FEMININE_NOMINATIVE = ("ова", "ёва", "ева", "ина", "ына", "ая", "яя", "ская")
_SOURCED = ("со", "ссылкой")  # "пишет The Times со ссылкой на источники": the source before
_PHRASE_END = NP_STOP | LISTENERS
# second words of English titles ("chief executive", "executive director", "vice chair")
_TITLE_GOES_ON = frozenset({"executive", "officer", "director", "secretary", "general", "chair"})
_EN_PLACE_PREPOSITIONS = frozenset(
    {"for", "to", "against", "about", "with", "from", "into", "toward", "towards", "of", "over"}
)
_WITH_REACH = 8  # tokens between "with" and its participle ("with X saying")
_PASSIVE_AUXILIARIES = frozenset({"been", "was", "were", "is", "are", "be", "being"})
# Russian words that open an adverbial after a speaker phrase («в ответ на», «после встречи»)
_RU_ADVERBIAL_OPENERS = frozenset({"после", "через", "перед", "накануне"})
_RU_IN_OPENERS = frozenset({"ответ", "связи", "ходе", "время", "рамках", "интервью"})
# Russian particles that end a speaker phrase after the cue («всего через неделю»)
RU_PARTICLES = frozenset(
    {"всего", "лишь", "только", "уже", "ещё", "еще", "именно", "также", "тоже", "почти", "даже"}
)
_ACQUAINTED = frozenset({"familiar", "close", "briefed", "knowledgeable"})
_EN_TIME = frozenset(
    {"today", "yesterday", "tonight", "earlier", "later", "recently", "previously", "now"}
    | {"week", "month", "year", "morning", "afternoon", "evening", "night", "weekend"}
)
_EN_DAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december"}
)
# English cues in the base form, a plural present only when no "to" or auxiliary leads them
_EN_BASE_CUES = frozenset(
    {"say", "warn", "argue", "insist", "believe", "stress", "explain", "predict", "suggest"}
    | {"contend"}
)
_EN_NONFINITE_LEADS = frozenset(
    {"to", "not", "n't", "never", "did", "do", "does", "will", "would", "could", "should", "can"}
    | {"may", "might", "must", "and", "or", "let", "cannot"}
)
_POSSESSIVE_RE = re.compile(r"\w['’]s\s+\w")  # "group's demand"
_CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)
_EN_QUANTIFIED = frozenset({"some", "many", "others", "few", "most", "several"})  # people
# words that count a group named after "of" ("Two of the sources", "Some of the 16 lobbyists")
_EN_PART_OF = _EN_QUANTIFIED | frozenset(
    {"one", "two", "three", "four", "five", "six", "all", "both", "half", "none", "each"}
)
_EN_PLURAL_NOUNS = frozenset({"people", "police", "staff", "media", "clergy"})  # plural as written
_EN_GROUP_DETERMINERS = _OWNERS | {"the", "these", "those"}
# heads that count a group named after "of" ("a growing number of Western rulers")
_EN_QUANTITY_NOUNS = frozenset(
    {"number", "majority", "minority", "handful", "dozens", "hundreds", "thousands", "couple"}
    | {"group", "team", "coalition"}
)
_GROUP_STOPS = frozenset({"in", "from", "at", "with", "who", "that", "which", "and"})
_EN_TIME_LEADS = frozenset({"on", "in", "last", "this", "earlier", "late", "early"})
_NAME_PARTICLES = frozenset({"of", "de", "del", "della", "di", "da", "la", "van", "von", "al"})
VERBISH = _WORDS["verbish"]
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})  # "are said to"

Cue = tuple[int, str, str]  # (token index after the cue, sides to search, cue text)


def _ru_participle(word: str) -> bool:
    """Whether the likeliest pymorphy3 reading of a Russian word is a full participle."""
    return ru_parses(word)[0].tag.POS == "PRTF"


def is_cue(token: Scanned) -> bool:
    """A lower-case speech verb (English form or Russian lemma), not a Russian infinitive
    ("отказывался сообщить, будет ли …" reports no speech)."""
    surface, lower, lemma = token[2], token[3], token[4]
    if lower == lemma and lower.endswith(_RU_INFINITIVE) and "а" <= lower[:1] <= "я":
        return False
    if lemma in _RU_SHORT_ONLY and lower.endswith(_RU_ADJ_ENDINGS):
        return False  # "убежденный сторонник": only the short form "убежден, что" reports
    if not surface[:1].islower() or (lower not in CUES and lemma not in CUES):
        return False
    if lower.endswith(("ите", "йте")) and any(
        {"impr"} <= p.tag.grammemes or {"2per"} <= p.tag.grammemes for p in ru_parses(lower)[:2]
    ):
        return False  # «сообщите в полицию»: asked of the reader, nobody reports
    if lower.endswith(("ю", "у", "ем", "им", "ём")) and _first_person(lower):
        return False  # «я говорю еще раз: …» inside a quotation: the quoted one's own words
    # "объявлена иноагентом", "сказано в заявлении": nobody is speaking
    return lower in CUES or not ("а" <= lower[:1] <= "я" and ru_passive_participle(lower))


def _first_person(word: str) -> bool:
    """Whether a Russian verb form reads only as the first person («говорю», «считаем»)."""
    parses = [p for p in ru_parses(word)[:2] if p.tag.POS == "VERB"]
    return bool(parses) and all("1per" in p.tag.grammemes for p in parses)


def _latin_name(word: str) -> bool:
    """A capitalised word in Latin letters ("SHOT", "Bloomberg") in Russian text."""
    return word[:1].isupper() and word[:1].isascii() and word.isalpha()


def _outlet_name(words: Sequence[Scanned]) -> bool:
    """Up to three words naming an outlet: each capitalised or in Latin letters ("yle")."""
    return 0 < len(words) <= 3 and all(
        w[2][:1].isupper() or (w[2].isascii() and w[2].isalpha()) for w in words
    )


def _modifier(word: str) -> bool:
    """A Russian adjective, participle or numeral (in its likeliest reading: «обоих», «двух»),
    or a speaker noun."""
    parse = ru_parses(word)[0]
    return parse.tag.POS in ("ADJF", "PRTF", "NUMR") or parse.normal_form in PERSON_NOUNS


_RU_MASCULINE_SURNAMES = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")
# a person's aides: «пресс-секретарь Голубева» speaks for him, not as him
_AIDES = frozenset(
    {"пресс-секретарь", "помощник", "советник", "представитель", "адвокат", "защитник"}
    | {"заместитель", "референт", "супруга", "жена", "дочь", "сын", "брат", "сестра"}
)
# endings of a Russian woman's surname in the nominative («Хрущёва», «Мазанкова»)
RU_FEMININE_SURNAME_ENDINGS = ("ова", "ева", "ёва", "ина", "ына")
_RU_SURNAME_SHAPES = (*_RU_MASCULINE_SURNAMES, *RU_FEMININE_SURNAME_ENDINGS, "ская")
_RU_CIRCUMSTANCE = frozenset({"из-за", "после", "перед", "благодаря", "вопреки", "несмотря"})
_RU_NAME_ABBREVIATIONS = frozenset({"им", "проф", "акад", "ген"})  # «РЭУ им. Плеханова»


def _likely_nominative(word: str) -> bool:
    """Whether one of the two likeliest readings of ``word`` is nominative."""
    return any("nomn" in p.tag for p in ru_parses(word)[:2])


def _nominative_adjective(word: str) -> bool:
    """A Russian adjective read first as a nominative («Спасательная»)."""
    tag = ru_parses(word)[0].tag
    return tag.POS == "ADJF" and "nomn" in tag


def _is_noun_word(word: str) -> bool:
    return ru_parses(word)[0].tag.POS == "NOUN"


def _finite(word: str) -> bool:
    """Whether the likeliest reading of a Russian word is a finite verb or a short form."""
    return ru_parses(word)[0].tag.POS in ("VERB", "PRTS", "ADJS")


def _numeral_word(token: Scanned) -> bool:
    """A number in digits, a Russian numeral or a noun of quantity («миллиона», «тысяч»)."""
    if token[2][:1].isdigit():
        return True
    return token[4] in ("тысяча", "миллион", "миллиард") or ru_parses(token[2])[0].tag.POS == "NUMR"


def _en_participle(token: Scanned) -> bool:
    """A lower-case English past participle after a noun ("a statement provided to …")."""
    word = token[2]
    return word.isalpha() and word.islower() and (word.endswith("ed") or word in _EN_PARTICIPLES)


def masculine_first_name(word: str) -> bool:
    """Whether a Russian first name reads as a man's in the nominative («Василий»)."""
    return any({"Name", "masc", "nomn"} <= p.tag.grammemes for p in ru_parses(word)[:2])


def _surname_as_written(word: str) -> bool:
    """A capitalised word with a nominative surname reading («Зеленский»)."""
    parses = ru_parses(word)[:3]
    return word[:1].isupper() and any({"Surn", "nomn"} <= p.tag.grammemes for p in parses)


def _oblique_person(word: str) -> bool:
    """A Russian person noun whose likeliest reading is instrumental, dative or locative
    («спасателями»): the one spoken with, no part of the speaker's phrase."""
    parse = ru_parses(word)[0]
    oblique = {"ablt", "datv", "loct"} & parse.tag.grammemes
    return parse.normal_form in PERSON_NOUNS and bool(oblique)


def _ru_adverb(tokens: Sequence[Scanned], k: int) -> bool:
    """Whether a Russian adverb («удивлённо», «тонко»), «в свою очередь», «всё (это)
    время» or an emphatic «сам» opens at ``tokens[k]``."""
    if tokens[k][3] == "в":
        return k + 1 < len(tokens) and tokens[k + 1][3] == "свою"
    if tokens[k][3] == "все":  # «Застройщик всё это время уверял»
        return k + 1 < len(tokens) and tokens[k + 1][3] in ("это", "время")
    if tokens[k][3] in ("сам", "сама", "сами"):
        return True  # «Мальчик сам пришёл в отдел и рассказал»
    parses = ru_parses(tokens[k][2])[:1]
    return bool(parses) and parses[0].tag.POS == "ADVB"


def _maybe_nominative(word: str, not_gender: str | None = None) -> bool:
    """Whether a reading of ``word`` is nominative (and not of gender ``not_gender``)."""
    return any(
        "nomn" in p.tag and (not_gender is None or not_gender not in p.tag) for p in ru_parses(word)
    )


def _only_nominative(word: str) -> bool:
    """Whether every reading of ``word`` is nominative («газета», not «поддержки»)."""
    parses = ru_parses(word)
    return bool(parses) and all("nomn" in p.tag for p in parses)


def _person_genitive(parse: Any) -> bool:
    """A genitive reading of a common noun naming a person («политика» as «политик»)."""
    tag = parse.tag
    return (
        tag.POS == "NOUN"
        and "anim" in tag
        and "gent" in tag
        and not {"Name", "Surn", "Patr"} & tag.grammemes
    )


def _nominative_first_name(word: str) -> bool:
    """A first name whose likeliest reading is nominative («Валерий», not «Валерия»)."""
    parses = ru_parses(word)[:1]
    return bool(parses) and "Name" in parses[0].tag and "nomn" in parses[0].tag


def _oblique_first_name(word: str) -> bool:
    """A known masculine first name with no nominative reading among its likely ones
    («Ивана», «Сергея»; not «Анны», also a plural nominative)."""
    parses = ru_parses(word)[:3]
    if not parses or not ru_known(word) or "Name" not in parses[0].tag:
        return False
    return "masc" in parses[0].tag and not any("nomn" in p.tag for p in parses)


def _place_name(who: Speaker) -> bool:
    """A speaker whose name reads as a geographical name («Москва», «Киев»)."""
    return bool(who.actor_id) or any("Geox" in p.tag for p in ru_parses(who.speaker.split()[0])[:2])


def _genitive(word: str) -> bool:
    """Whether one of pymorphy3's two likeliest readings of ``word`` is a genitive."""
    return any("gent" in p.tag for p in ru_parses(word)[:2])


def _geographic(word: str) -> bool:
    """Whether pymorphy3's likeliest reading of ``word`` is a place name («Москве»)."""
    return "Geox" in ru_parses(word)[0].tag


def _locative(word: str) -> bool:
    """Whether one of pymorphy3's likelier readings of ``word`` is a locative."""
    return any("loct" in p.tag or "loc2" in p.tag for p in ru_parses(word)[:3])


def _singular_noun_reading(word: str) -> bool:
    """Whether pymorphy3 reads (or guesses) ``word`` as a singular noun."""
    return any(p.tag.POS == "NOUN" and "sing" in p.tag for p in ru_parses(word))


def _nominative_of(word: str, kind: str) -> bool:
    """Whether the likeliest reading of ``word`` is a nominative of the pronoun ``kind``'s
    number and gender (``pl``, ``m``, ``f``)."""
    tag = ru_parses(word)[0].tag
    if "nomn" not in tag:
        return False
    if kind == "pl":
        return "plur" in tag
    return "sing" in tag and ("masc" if kind == "m" else "femn") in tag


def _maybe_genitive_noun(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and "gent" in p.tag for p in ru_parses(word)[:2])


def _genitive_noun_after_adjectives(words: Sequence[Scanned]) -> int:
    """Index of a genitive noun after one to three genitive adjectives («ливанской армии»),
    else -1."""
    for n, t in enumerate(words[:4]):
        if n and _maybe_genitive_noun(t[3]):
            return n
        if not any(p.tag.POS == "ADJF" and "gent" in p.tag for p in ru_parses(t[3])[:2]):
            return -1
    return -1


def only_dative(word: str) -> bool:
    """A word whose parses include the dative and never the nominative ("Деньгам")."""
    tags = [p.tag for p in ru_parses(word)]
    return any("datv" in t for t in tags) and not any("nomn" in t for t in tags)


def animate_noun(word: str) -> bool:
    """A Russian common noun naming people in its likeliest reading («кондитеры», «зрители»,
    «сексологи»): a speaker noun beyond the listed ones (not a name, surname or patronymic)."""
    tag = ru_parses(word)[0].tag
    return tag.POS == "NOUN" and "anim" in tag and not {"Name", "Surn", "Patr"} & tag.grammemes


def _quality(token: Scanned) -> bool:
    """A Russian adjective of quality, not of origin («высокопоставленный», not «российский»),
    so «высокопоставленный дипломат» is the diplomat quoted before."""
    word = token[3]
    if not token[2][:1].islower() or token[4] in _NEWCOMER or word.endswith(_ORIGIN_ENDINGS):
        return False
    return ru_parses(word)[0].tag.POS == "ADJF"


_ORIGIN_ENDINGS = ("ский", "цкий", "ской", "цкой")
_NEWCOMER = frozenset({"другой", "иной", "второй", "новый", "один", "ещё", "еще"})  # someone else


def _in_dateline(text: str, who: Speaker) -> bool:
    """Whether ``who`` is the place of the dateline opening its line ("NUSA DUA – ", "KYIV,
    Ukraine — ")."""
    line = text.rfind("\n", 0, who.start) + 1
    return who.end <= skip_dateline(text, line, len(text)) > line


def plural_noun(word: str) -> bool:
    """A Russian word whose likeliest readings are all plural («эксперты», «представители»;
    not «женщины», which after «по словам» is singular)."""
    return all("plur" in p.tag for p in ru_parses(word)[:3])


def _plural_person(token: Scanned) -> bool:
    """A Russian person noun with a plural nominative reading («соратники», «сторонницы»)."""
    person = token[4] in PERSON_NOUNS or any(
        p.tag.POS == "NOUN" and "anim" in p.tag for p in ru_parses(token[2])[:2]
    )
    return person and any("plur" in p.tag and "nomn" in p.tag for p in ru_parses(token[2])[:3])


_RU_MASCULINE_FORMS = ("ий", "ый", "ого", "ому")  # «Вертинский», «Вертинского»
_RU_FEMININE_FORMS = ("ая", "ую")


def _other_gender_surname(word: str, surname: str) -> bool:
    """Whether a Russian surname as written has the other gender of ``surname`` (nominative):
    «Вертинский» and «Вертинская», «Петров» and «Петрова»."""
    word, surname = word.lower(), surname.lower()
    if word.endswith(_RU_MASCULINE_FORMS) and surname.endswith(_RU_FEMININE_FORMS):
        return True
    if word.endswith(_RU_FEMININE_FORMS) and surname.endswith(("ий", "ый")):
        return True
    masculine = word.endswith(("ов", "ев", "ёв", "ин", "ын"))
    return masculine and surname.endswith(RU_FEMININE_SURNAME_ENDINGS) and surname != word


def _unprefixed(token: Scanned) -> Scanned:
    """A Russian title without «экс-» / «вице-» («Экс-главком» as «главком»)."""
    for prefix in ("экс-", "вице-"):
        if token[3].startswith(prefix):
            n = len(prefix)
            return token[0] + n, token[1], token[2][n:], token[3][n:], token[4][n:]
    return token


def _before_acquainted(phrase: str) -> str:
    """An English speaker phrase up to "familiar" / "close" …: "people familiar with the
    network's plans" is no possessive object like "the group's demand"."""
    words = phrase.split()
    k = next((n for n, w in enumerate(words) if w.lower() in _ACQUAINTED), len(words))
    return " ".join(words[:k])


def _ly_adverb(token: Scanned) -> bool:
    """An English lower-case "-ly" adverb ("subsequently", "privately")."""
    return token[2].islower() and token[3].endswith("ly") and len(token[3]) > 4


def _person_noun(token: Scanned, lang: str) -> bool:
    """A noun heading a phrase that names a person: a listed one, or a Russian animate noun."""
    return _listed_person_noun(token) or (lang == "ru" and animate_noun(token[3]))


def _listed_person_noun(token: Scanned) -> bool:
    """A listed person noun, also after the Russian «зам» of «замначальника», «замминистра»."""
    if token[4] in PERSON_NOUNS or token[3] in PERSON_NOUNS:  # "PM", whose lemma is "p.m."
        return True
    word = token[3]
    return word.startswith("зам") and len(word) > 6 and lemma_of(word[3:], "ru") in PERSON_NOUNS


# English prepositions after which a name is where or to whom something is said, not who says
# it ("on Twitter", "at the UN", "in an interview with CNN", "in a letter to Congress")
_EN_SETTING_PREPOSITIONS = frozenset({"on", "via", "at", "in", "with", "to", "from"})

# a capitalised name NER left untagged, up to a comma: "Corriere della Sera", "Radio ZET"
_UNTAGGED_NAME_RE = re.compile(
    r"[A-Z][\w.&'’-]*(?:\s+(?:(?:of|de|della|del|di|da|la|le|du|des|von|van|and)\s+)*"
    r"[A-Z0-9][\w.&'’-]*){0,5}$"
)


class SpeakerFinder:
    """Speaker candidates around cues, noun phrases and pronoun resolution for one article."""

    def __init__(self, doc: DocIndex, registry: ActorRegistry) -> None:
        self.doc = doc
        self.registry = registry
        self._full_names = self._collect_full_names()
        self._nominative_full_names = self._collect_nominative_full_names()

    def _collect_full_names(self) -> dict[tuple[str, ...], str]:
        """Surname -> full name, from unknown multi-word person mentions."""
        doc = self.doc
        names: dict[tuple[str, ...], str] = {}
        people = [m for m in doc.mentions if m.actor_id is None and m.ner_type == "PER"]
        people.sort(key=lambda m: -len(m.text.split()))  # full names first
        firsts: dict[tuple[str, ...], set[str]] = {}
        for m in people:
            full = nominative_name(m.text, doc.lang)
            surname = full.split()[-1]
            if " " in full:
                names.setdefault(lemma_key(surname, doc.lang), full)
                firsts.setdefault(lemma_key(full.split()[0], doc.lang), set()).add(full)
            if doc.lang == "ru" and surname[-1:] in RU_CONSONANTS and surname[:1].isupper():
                for ending in _RU_SURNAME_ENDINGS:  # «Маска», which pymorphy3 reads as "mask"
                    names.setdefault((surname.lower() + ending,), full)
        for key, fulls in firsts.items():  # «Асламбек сообщил» after «Асламбек Усматов»
            if doc.lang == "ru" and len(fulls) == 1:
                names.setdefault(key, next(iter(fulls)))
        return names

    def _full_name_as_written(self, m: Mention) -> str | None:
        """Russian: the full name whose surname is a lone surname mention as written, in
        the nominative («Ирина Парастаева» for «— прокомментировала Парастаева», where
        «Олег Парастаев» shares the surname's lemma), unless a preposition puts it in
        another case."""
        word = m.text.strip()
        if self.doc.lang != "ru" or " " in word or self._after_preposition(m):
            return None
        return self._nominative_full_names.get(word)

    def _collect_nominative_full_names(self) -> dict[str, str]:
        """Surname as written -> the first full person name written in the nominative with it
        (Russian), for :meth:`_full_name_as_written`."""
        names: dict[str, str] = {}
        if self.doc.lang != "ru":
            return names
        for m in self.doc.mentions:
            full = m.text.strip()
            parts = full.split()
            if m.ner_type == "PER" and len(parts) > 1 and nominative_name(full, "ru") == full:
                names.setdefault(parts[-1], full)
        return names

    def ner_type(self, m: Mention) -> str:
        """The mention's type: its registry actor's, else the NER tag."""
        actor = self.registry.get(m.actor_id) if m.actor_id else None
        return actor.ner_type if actor else m.ner_type

    def _is_name(self, m: Mention) -> bool:
        return self.ner_type(m) == "PER" and m.text[:1].isupper()

    def from_mention(self, m: Mention, start: int, end: int) -> Speaker:
        """A speaker from a mention: its actor id, else its name in base form."""
        ner = self.ner_type(m)
        rank = {"PER": 0, "ORG": 1}.get(ner, 2)
        if m.actor_id:
            return Speaker(m.actor_id, m.actor_id, rank, start, end, ner=ner)
        name = (
            self._unknown_body(m)
            or self._quoted_name(m)
            or nominative_name(m.text, self.doc.lang, phrase=m.ner_type != "PER")
        )
        if " " not in name:
            name = (
                self._full_name_as_written(m)
                or self._full_name(name, m.text.strip())
                or self._after_title(m)
                or name
            )
        return Speaker(name, None, rank, start, end, ner=ner)

    def _quoted_name(self, m: Mention) -> str | None:
        """A Russian organisation's name in quotation marks after a noun of its kind, as written
        (such a name stays nominative: «газета "Катимерини"», not «Катимериня»)."""
        text = self.doc.text
        if self.doc.lang != "ru" or m.ner_type == "PER" or not m.char_start:
            return None
        opened = text[m.char_start - 1] in '«"“„'
        closed = text[m.char_end : m.char_end + 1] in ("»", '"', "”", "“")
        k = bisect.bisect_left(self.doc.tstarts, m.char_start) - 1
        kind = k >= 0 and self.doc.tokens[k][2].islower() and _is_noun_word(self.doc.tokens[k][2])
        return m.text.strip() if opened and closed and kind else None  # not «В «Газпроме»»

    def _unknown_body(self, m: Mention) -> str | None:
        """A one-word Russian organisation the dictionary does not know, in the locative after
        «в»: its «-е» dropped («в Ростехе» -> «Ростех»; pymorphy3 would guess «Ростёха»)."""
        word = m.text.strip()
        k = bisect.bisect_left(self.doc.tstarts, m.char_start)
        if self.doc.lang != "ru" or m.ner_type != "ORG" or " " in word or not k:
            return None
        if self.doc.tokens[k - 1][3] not in ("в", "во") or ru_known(word):
            return None
        consonant_stem = len(word) > 3 and word[-2].lower() in RU_CONSONANTS
        return word[:-1] if word.endswith("е") and consonant_stem else None

    def _after_title(self, m: Mention) -> str | None:
        """A Russian surname after a title noun, in the title's gender: «губернатора Гусева» ->
        «Гусев» (not the feminine «Гусева»)."""
        doc = self.doc
        k = bisect.bisect_left(doc.tstarts, m.char_start)
        if doc.lang != "ru" or m.ner_type != "PER" or not k or " " in m.text.strip():
            return None
        title, word = doc.tokens[k - 1], m.text.strip()
        if not title[2][:1].islower():
            return None
        masculine = any("Surn" in p.tag and "masc" in p.tag for p in ru_parses(word))
        owned = title[4] in BODY_NOUNS and word.endswith(RU_FEMININE_SURNAME_ENDINGS)
        if owned:  # «пресс-служба Токаева»: a man's genitive (hers would be «Токаевой»)
            return word[:-1]
        if title[4] not in PERSON_NOUNS:
            return None
        if not masculine or _maybe_nominative(title[2]):  # «министра Голиковой» stays hers
            return None
        return nominative_name(f"{title[2]} {word}", "ru").split()[-1]

    def _full_name(self, word: str, written: str | None = None) -> str | None:
        """The full name of a person whose surname ``word`` is, in any case, unless the
        surname as ``written`` is the other gender's form («Вертинский» is not «Н. Н.
        Вертинская»)."""
        lang = self.doc.lang
        full = self._full_names.get(lemma_key(word, lang)) or self._full_names.get((word.lower(),))
        if full is None or lang != "ru":
            return full
        return None if _other_gender_surname(written or word, full.split()[-1]) else full

    def surname_speaker(self, start: int, end: int) -> Speaker | None:
        """A lone surname (``text[start:end]``) of a person named in full elsewhere in the
        article ("Sanders" -> "Bernie Sanders"), when NER did not tag it."""
        word = self.doc.text[start:end]
        full = self._full_name(word) if " " not in word else None
        return Speaker(full, None, 0, start, end, ner="PER") if full else None

    # pronouns ----------------------------------------------------------------------------
    def _pronoun(self, token: Scanned, kind: str | None = None) -> Speaker:
        kind = kind or PRONOUNS[token[3]]
        found, subject = self._antecedent(token[0], kind)
        noun = self._noun_antecedent(token, kind)
        if found is None and noun is None and token[3] in ("его", "ее", "её"):
            kind = "pl"  # an agency's: «по его информации», «Телекомпания … По ее данным»
            found, subject = self._antecedent(token[0], kind)
        if noun is not None and found is not None and subject and kind != "pl":
            # a singular noun nearer than a named subject is a new person only after its verb
            # («Лот купил коллекционер из Китая. Он заявил …»), else it may describe the named
            # one («Юрий Трутнев … полпред президента приезжал … Тогда он заявил»)
            noun = noun if self._after_verb(noun.origin) else None
        if noun is not None and self._subject_before_names(token, noun, found):
            return noun
        if found is None or (noun is not None and (noun.origin > found.char_start or not subject)):
            # «Об этом SHOT сообщили очевидцы. По их словам, …»: the nearer group of people
            return noun or Speaker(token[3], None, 3, token[0], token[1])
        resolved = self.from_mention(found, token[0], token[1])
        resolved.rank = 0 if kind != "pl" else 1
        return resolved

    def _subject_before_names(self, pronoun: Scanned, noun: Speaker, found: Mention | None) -> bool:
        """English "Prosecutors said … told FBI agents … In fact, they said": a plural noun
        opening the sentence before the pronoun's goes before the names later in it."""
        doc = self.doc
        if doc.lang != "en" or found is None or noun.origin < 0:
            return False
        here = doc.sent_at(pronoun[0])
        return doc.sent_at(noun.origin) == doc.sent_at(found.char_start) < here

    def pronoun_owner(self, token: Scanned) -> Speaker | None:
        """The person or group an English possessive ("his", "her", "their") refers to, or
        None when it does not resolve."""
        who = self._pronoun(token, _EN_POSSESSIVES[token[3]])
        return None if who.speaker == token[3] else who

    def _noun_antecedent(self, pronoun: Scanned, kind: str) -> Speaker | None:
        """Russian «Два петербуржца … Они рассказали»: with no named antecedent, the last
        nominative person noun of the pronoun's number (and gender) in its sentence or the one
        before, as a noun phrase."""
        doc = self.doc
        if doc.lang == "en" and kind == "pl":
            return self._english_plural_antecedent(pronoun)
        if doc.lang != "ru":
            return None
        pos = pronoun[0]
        sent = doc.sent_at(pos)
        lo = doc.sentences[max(sent - 1, 0)].start
        i, j = doc.tok_range(lo, pos)
        for k in range(j - 1, i - 1, -1):
            token = doc.tokens[k]
            if kind == "pl" and self._plural_subject_adjective(k):
                phrase = Speaker(token[3], None, 0, token[0], token[1])  # «Неизвестные …»
                return replace(phrase, start=pos, end=pronoun[1], origin=token[0])
            if doc.in_quote(token[0]) or doc.mention_at(token[0]) or not _person_noun(token, "ru"):
                continue
            cited = k > 1 and doc.tokens[k - 2][3] == "ссылкой"  # «со ссылкой на источники»
            if k > 0 and doc.tokens[k - 1][3] in PREPOSITIONS | {"в", "во"} and not cited:
                continue  # «пришли в рабочий кабинет»: a preposition's, not a subject
            if kind != "pl" and k > 0 and _numeral_word(doc.tokens[k - 1]):
                continue  # «25,2 миллиона человек»: counted, not a subject (but «трое граждан»)
            counted = self._counted(k)  # «два петербуржца», «трое граждан Кыргызстана»
            if _nominative_of(token[2], kind) or (kind == "pl" and counted):
                phrase = self._phrase(self._extend_left(k, lo), self._owner_end(k), k)
                named = self._mistyped_name_after(phrase.end) if kind != "pl" else None
                if named is not None:  # «Бывший генсек НАТО Столтенберг», NER's «place»
                    return replace(named, start=pos, end=pronoun[1])
                return replace(
                    phrase,
                    start=pos,
                    end=pronoun[1],
                    rank=0,
                    bare=False,
                    origin=phrase.start,
                    origin_end=phrase.end,  # it may describe a person named before it
                )
        return None

    def _mistyped_name_after(self, end: int) -> Speaker | None:
        """A one-word name NER typed as a place right after a Russian title phrase ending at
        ``end``, read as a nominative surname («генсек НАТО Столтенберг»), as a person."""
        doc = self.doc
        k = bisect.bisect_left(doc.tstarts, end)
        if k >= len(doc.tokens) or gap_breaks(doc.text, end, doc.tokens[k][0]):
            return None
        if not self._untagged_surname_word(k) or doc.mention_at(doc.tokens[k][0]) is None:
            return None
        a, b = doc.tokens[k][0], doc.tokens[k][1]
        return Speaker(nominative_name(doc.text[a:b], "ru"), None, 0, a, b, ner="PER")

    def _english_plural_antecedent(self, pronoun: Scanned) -> Speaker | None:
        """English "refining companies oppose it because they say …": the nearest plural
        person or body noun before "they" in its sentence, not a preposition's object nor
        quoted, as a noun phrase; for "They" opening a sentence, the first such noun of the
        sentence before ("Refugee advocates say … They say …")."""
        doc, tokens = self.doc, self.doc.tokens
        sent = doc.sent_at(pronoun[0])
        lo = doc.sentences[sent].start
        order: Sequence[int] = range(*doc.tok_range(lo, pronoun[0]))[::-1]
        opening = pronoun[0] == lo or self._after_opening_adverbial(lo, pronoun[0])
        if opening and sent > 0 and doc.para[sent - 1] == doc.para[sent]:
            lo = doc.sentences[sent - 1].start
            order = range(*doc.tok_range(lo, pronoun[0]))
        i, j = doc.tok_range(lo, pronoun[0])
        for k in order:
            token = tokens[k]
            plural = token[2][1:].islower() and token[3] != token[4] and token[4] in _WHO_NOUNS
            if not plural or doc.in_quote(token[0]) or doc.mention_at(token[0]):
                continue
            if k + 1 < j and tokens[k + 1][3] == "of":
                continue  # "some of the companies": the phrase's head comes before
            if k > i and tokens[k - 1][3] in _EN_PLACE_PREPOSITIONS | {"by", "on", "in", "at"}:
                continue
            if k - 1 > i and tokens[k - 1][3] in _OWNERS and tokens[k - 2][3] in PREPOSITIONS:
                continue  # "reached out to his attorneys to alert them, they said": no subject
            phrase = self._phrase(self._extend_left(k, lo), k + 1, k)
            return replace(
                phrase,
                start=pronoun[0],
                end=pronoun[1],
                rank=1,
                bare=False,
                origin=phrase.start,
                origin_end=phrase.end,
            )
        return None

    def _after_opening_adverbial(self, lo: int, pos: int) -> bool:
        """Whether only a short adverbial and its comma come before ``pos`` in the sentence
        from ``lo`` ("In fact, they said …")."""
        i, j = self.doc.tok_range(lo, pos)
        return 0 < j - i <= 3 and self.doc.text[self.doc.tokens[j - 1][1] : pos].strip() == ","

    def _counted(self, k: int) -> bool:
        """Whether a number counts the Russian noun at token ``k``, over up to two adjectives
        between them («два петербуржца», «Два этиловых петербуржца»)."""
        return self._count_before(k) is not None

    def _count_before(self, k: int) -> int | None:
        """The token of the number that counts the Russian noun at token ``k`` (see
        :meth:`_counted`), else None."""
        tokens = self.doc.tokens
        t = k - 1
        while t >= 0 and k - t <= 2 and ru_parses(tokens[t][2])[0].tag.POS in ("ADJF", "PRTF"):
            t -= 1
        return t if t >= 0 and tokens[t][3] in _FEW | _COLLECTIVE else None

    def _plural_subject_adjective(self, k: int, cue_i: int = -1) -> bool:
        """Russian «Неизвестные представились …», «Некоторые считают, что …»: a plural
        adjective or participle standing for people, opening its sentence before a verb (or
        before the cue at ``cue_i``)."""
        doc, tokens = self.doc, self.doc.tokens
        if self.doc.lang != "ru" or k + 1 >= len(tokens) or doc.in_quote(tokens[k][0]):
            return False
        if doc.tok_range(doc.sentences[doc.sent_at(tokens[k][0])].start, tokens[k][0])[0] != k:
            return False
        tag = ru_parses(tokens[k][2])[0].tag
        if tag.POS not in ("ADJF", "PRTF") or "plur" not in tag or "nomn" not in tag:
            return False
        return k + 1 == cue_i or ru_parses(tokens[k + 1][2])[0].tag.POS == "VERB"

    def _plural_adjectives_opening(self, cue_i: int) -> Speaker | None:
        """Russian «Украинские мобилизованные (массово) жалуются, что …»: two or three plural
        nominative adjectives or participles opening the sentence right before a plural cue
        (an adverb may come between), standing for people."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "ru" or cue_i < 2:
            return None
        first = doc.tok_range(doc.sentences[doc.sent_at(tokens[cue_i][0])].start, cue_i)[0]
        last = cue_i - 1
        if ru_parses(tokens[last][2])[0].tag.POS == "ADVB":
            last -= 1
        broken = gap_breaks(doc.text, tokens[first][1], tokens[cue_i][0])
        if not 2 <= last - first + 1 <= 3 or broken:
            return None
        for t in tokens[first : last + 1]:
            tag = ru_parses(t[2])[0].tag
            if tag.POS not in ("ADJF", "PRTF") or not {"plur", "nomn"} <= tag.grammemes:
                return None
        if "plur" not in ru_parses(tokens[cue_i][2])[0].tag:
            return None
        a, b = tokens[first][0], tokens[last][1]
        return Speaker(doc.text[a:b], None, 1, a, b)

    def _after_verb(self, pos: int) -> bool:
        """Whether a finite verb stands between ``pos``'s sentence start and ``pos``."""
        doc = self.doc
        i, j = doc.tok_range(doc.sentences[doc.sent_at(pos)].start, pos)
        return any(
            t[2][:1].isalpha() and ru_parses(t[2])[0].tag.POS == "VERB" for t in doc.tokens[i:j]
        )

    def _owner_end(self, k: int) -> int:
        """The token after a person noun's place or body named right after it («Президент
        Сербии», «глава МИД Польши»), else ``k + 1``."""
        doc = self.doc
        owner = doc.mention_at(doc.tokens[k + 1][0]) if k + 1 < len(doc.tokens) else None
        if (
            owner is None
            or self.ner_type(owner) == "PER"
            or owner.char_start != doc.tokens[k + 1][0]
        ):
            return k + 1
        return bisect.bisect_left(doc.tstarts, owner.char_end)

    def _compatible(self, m: Mention, kind: str) -> bool:
        ner = self.ner_type(m)
        if kind == "pl":
            return ner == "ORG" or (ner == "NORP" and not self._nationality_modifier(m))
        return ner == "PER" and self.gender_of(m) in (None, kind)

    def gender_of(self, m: Mention) -> str | None:
        """ "m" or "f" for a person mention, from the registry or the dictionary; else None."""
        actor = self.registry.get(m.actor_id) if m.actor_id else None
        return actor.gender if actor is not None else self._dictionary_gender(m)

    def speaker_gender(self, who: Speaker) -> str | None:
        """ "m" or "f" for a person speaker named by a mention; else None."""
        actor = self.registry.get(who.actor_id) if who.actor_id else None
        if actor is not None:
            return actor.gender
        mention = self.doc.mention_at(who.start)
        return self.gender_of(mention) if mention is not None else None

    def _dictionary_gender(self, m: Mention) -> str | None:
        """ "m" or "f" when every likely singular reading of a Russian name's first word has
        that gender («Заводчицу»: f; «Александр»: m); in English, from the first name (a
        list of common ones) or a "Mr" / "Ms" before the name; else None."""
        words = m.text.split()
        if len(words) == 1:  # «Симоньян» after «Маргарита Симоньян»: the full name's
            words = (self._full_name(words[0]) or words[0]).split()
        if self.doc.lang == "en":
            return self._english_gender(m, words)
        if self.doc.lang != "ru" or not words or not ru_known(words[0]):
            return None  # «Ильва»: pymorphy3 guesses a masculine «Илев»
        # a person is one: plural readings do not count («Александр» is no «Александр» plural)
        genders = {p.tag.gender for p in ru_parses(words[0])[:3] if p.tag.number != "plur"}
        if genders == {"masc"}:
            return "m"
        return "f" if genders == {"femn"} else None

    def _english_gender(self, m: Mention, words: list[str]) -> str | None:
        """ "Dianne Feinstein": f; "Ms Druce": f; "Mr. Flynn": m; else None."""
        k = bisect.bisect_left(self.doc.tstarts, m.char_start)
        title = self.doc.tokens[k - 1][3].rstrip(".") if k > 0 else ""
        if title in _EN_TITLE_GENDER:
            return _EN_TITLE_GENDER[title]
        first = words[0].lower() if len(words) > 1 else ""
        if first in _FEMALE_FIRST_NAMES:
            return "f"
        return "m" if first in _MALE_FIRST_NAMES else None

    def _antecedent(self, pos: int, kind: str) -> tuple[Mention | None, bool]:
        """The mention a pronoun at ``pos`` refers to, and whether it is subject-like: the
        first subject-like compatible mention of the nearest sentence that has one (looking
        one sentence past a sentence of oblique mentions only), else that sentence's last
        mention. An oblique mention in the pronoun's own sentence is never its antecedent
        («Во время переговоров с президентом РФ он подчеркнул»)."""
        doc = self.doc
        pos = self._first_same_pronoun(pos)
        own = sent = doc.sent_at(pos)
        here = doc.para[sent]
        fallback: tuple[Mention, int] | None = None
        while sent >= 0 and doc.para[sent] >= here - 2 and pos - doc.sentences[sent].start < 5000:
            if fallback is not None and sent < fallback[1] - 1:
                break
            s = doc.sentences[sent]
            found = [
                m
                for m in doc.mentions_in(s.start, min(s.end, pos))
                if not doc.in_quote(m.char_start)
                and self._compatible(m, kind)
                and m.char_start >= skip_dateline(doc.text, s.start, s.end)  # not "(Reuters)"
            ]
            pair = self._people_pair(s.start, min(s.end, pos)) if kind == "pl" else None
            if pair is not None:  # "Pelosi and Schumer, who …, said they hoped": the two
                return pair, True
            subjects = [m for m in found if self.subject_like(m, kind)]
            if subjects:
                return subjects[0], True
            if found and sent != own and fallback is None:
                fallback = found[-1], sent
            sent -= 1
        return (fallback[0], False) if fallback else (None, False)

    def _people_pair(self, a: int, b: int) -> Mention | None:
        """The first of two English persons joined by "and" in ``text[a:b]``, not after a
        preposition ("Nancy Pelosi and Chuck Schumer … said they"): "they" are the two, and
        the first stands for them."""
        doc = self.doc
        if doc.lang != "en":
            return None
        people = [m for m in doc.mentions_in(a, b) if self.ner_type(m) == "PER"]
        for m, n in itertools.pairwise(people):
            joined = doc.text[m.char_end : n.char_start]
            if _PAIRED_RE.fullmatch(joined) and self.subject_like(m):
                return None if doc.in_quote(m.char_start) else m
        return None

    def _first_same_pronoun(self, pos: int) -> int:
        """English "He can only fire Mueller …, and he told Congress": a subject pronoun that
        its sentence used before (outside quotations) refers as the first one does; where
        that one stands, else ``pos``."""
        doc = self.doc
        k = bisect.bisect_left(doc.tstarts, pos)
        if doc.lang != "en" or k >= len(doc.tokens) or doc.tokens[k][3] not in PRONOUNS:
            return pos
        i = doc.tok_range(doc.sentences[doc.sent_at(pos)].start, pos)[0]
        same = doc.tokens[k][3]
        return next((t[0] for t in doc.tokens[i:k] if t[3] == same and not doc.in_quote(t[0])), pos)

    def subject_like(self, m: Mention, kind: str = "pl") -> bool:
        """Whether ``m`` may be a sentence's subject: not after a preposition and, in Russian,
        nominative in the pronoun's gender («Путина» after «заявлению Владимира» is a genitive,
        not a feminine nominative, for «он»)."""
        doc = self.doc
        if self._after_preposition(m):
            return False
        if doc.lang != "ru":  # "Trump’s current national security advisor H.R. McMaster"
            return not self._owner_of_named(m) and not self._english_noun_modifier(m)
        i, j = doc.tok_range(m.char_start, m.char_end)
        if self._modifies_noun(i):
            return False
        word = doc.tokens[j - 1][2] if j > i else ""
        if m.actor_id and word == m.text.split()[-1] and not ru_known(word):
            return True  # a known person's foreign name («Моди»): the dictionary cannot tell
        first = doc.tokens[i][2] if j - i > 1 else ""
        if first and ru_known(first) and not _maybe_nominative(first, _GENDER_NOT.get(kind)):
            return False  # «с … Анной Смит»: a first name the dictionary reads as oblique
        if first and ru_known(first) and not ru_known(word):
            return True  # «Юрий Трутнев»: the first name tells what the guessed surname cannot
        if j - i == 1 and not ru_known(word) and not _singular_noun_reading(word):
            return True  # «Пашинян»: guessed only as a plural, which a surname is not
        return j == i or _maybe_nominative(word, _GENDER_NOT.get(kind))

    def _in_relative_clause_start(self, who: Speaker) -> bool:
        """Whether an English pronoun speaker stands right after "which" / "that" / "who"."""
        k = bisect.bisect_left(self.doc.tstarts, who.start)
        return k > 0 and self.doc.tokens[k - 1][3] in ("which", "that", "who", "whom")

    def _owner_of_named(self, m: Mention) -> bool:
        """English "Trump’s current national security advisor H.R. McMaster": a possessor
        whose phrase ends in another person's name (within six words, one clause)."""
        doc = self.doc
        if not doc.text.startswith(("'s ", "’s "), m.char_end):
            return False
        k = bisect.bisect_left(doc.tstarts, m.char_end + 3)
        for t in range(k, min(k + 6, len(doc.tokens))):
            if gap_breaks(doc.text, doc.tokens[t - 1][1], doc.tokens[t][0]):
                return False
            other = doc.mention_at(doc.tokens[t][0])
            if other is not None and self.ner_type(other) == "PER":
                return True
        return False

    def _english_noun_modifier(self, m: Mention) -> bool:
        """English "Former Trump campaign adviser Carter Page": a name right before a
        lower-case person noun (a word or two on) modifies it; it is no subject."""
        doc = self.doc
        if doc.lang != "en" or self.ner_type(m) != "PER":
            return False
        k = bisect.bisect_left(doc.tstarts, m.char_end)
        for t in range(k, min(k + 2, len(doc.tokens))):
            token = doc.tokens[t]
            if not token[2].islower() or doc.text[doc.tokens[t - 1][1] : token[0]].strip():
                return False
            if _person_noun(token, "en"):
                return True
            if token[3] in CUES:
                return False  # "Tillerson told reporters": the verb, then whom he told
        return False

    def _noun_before(self, i: int) -> Scanned | None:
        """The lower-case common noun right before ``tokens[i]`` (only spaces between), if
        any: the head a Russian genitive after it may modify («выбор Кайи Каллас»)."""
        tokens = self.doc.tokens
        if i == 0 or self.doc.text[tokens[i - 1][1] : tokens[i][0]].strip(" "):
            return None
        before = tokens[i - 1]
        if not before[2][:1].islower() or ru_parses(before[2])[0].tag.POS != "NOUN":
            return None
        return before

    def _modifies_noun(self, i: int) -> bool:
        """Russian «выбор Кайи Каллас»: a name right after a lower-case inanimate noun read as
        a nominative or accusative (not after a preposition) modifies that noun."""
        before = self._noun_before(i)
        tag = ru_parses(before[2])[0].tag if before is not None else None
        if tag is None or "inan" not in tag or ("nomn" not in tag and "accs" not in tag):
            return False
        return i < 2 or self.doc.tokens[i - 2][3] not in PREPOSITIONS

    # candidates --------------------------------------------------------------------------
    def _candidates(self, a: int, b: int) -> list[Speaker]:
        doc = self.doc
        found = [m for m in doc.mentions_in(a, b) if not doc.inside_name(m)]
        found = [m for m in found if not self._institution_named_after(m)]
        out = []
        for m in found:
            if not (self._nationality_modifier(m) or self._name_before_noun_head(m)):
                out.append(self.from_mention(m, m.char_start, m.char_end))
            elif (group := self._modifier_phrase(m, b)) is not None:
                out.append(group)  # "A Chinese official", "The Biden administration"
        i, j = doc.tok_range(a, b)
        for k, token in enumerate(doc.tokens[i:j], i):
            if token[3] in PRONOUNS and doc.mention_at(token[0]) is None:
                out.append(self._pronoun(token))
            elif token[3] in _EN_OBJECTS and self._after_according(k):
                out.append(self._pronoun(token, _EN_OBJECTS[token[3]]))  # "according to him"
            elif doc.lang == "ru" and token[2][:1].isupper() and doc.mention_at(token[0]) is None:
                surname = self.surname_speaker(token[0], token[1]) or self._untagged_surname(k)
                if surname is not None:  # "Шойгу" NER missed
                    out.append(surname)
        if doc.lang == "en" and j > i:
            missed = self._name_before_cue(j)
            if missed is not None:
                out.append(missed)
        return out

    def _institution_named_after(self, m: Mention) -> bool:
        """Whether a Russian name follows «имени» / «им.» («ветцентра имени Карпенко»): the
        institution's name, never who speaks."""
        if self.doc.lang != "ru":
            return False
        k = bisect.bisect_left(self.doc.tstarts, m.char_start) - 1
        return k >= 0 and self.doc.tokens[k][3] in ("имени", "им")

    def _untagged_surname(self, k: int) -> Speaker | None:
        """A Russian surname NER missed right before a singular past verb of its gender, with
        no noun before it but a title («Москалькова опубликовала», «омбудсмен Москалькова
        заявила»), as written."""
        tokens, text = self.doc.tokens, self.doc.text
        if k + 1 >= len(tokens) or text[tokens[k][1] : tokens[k + 1][0]] != " ":
            return None
        verb = ru_parses(tokens[k + 1][2])[0].tag
        if verb.POS != "VERB" or verb.tense != "past" or verb.number != "sing":
            return None
        opening = k == 0 or gap_breaks(text, tokens[k - 1][1], tokens[k][0])
        if not (opening or tokens[k - 1][4] in PERSON_NOUNS):
            return None
        word = tokens[k][2]
        if verb.gender == "femn":
            surname = word.endswith(RU_FEMININE_SURNAME_ENDINGS)
        else:
            surname = (
                verb.gender == "masc"
                and word.endswith(_RU_MASCULINE_SURNAMES)
                and any({"Surn", "masc", "nomn"} <= p.tag.grammemes for p in ru_parses(word))
            )
        return Speaker(word, None, 0, tokens[k][0], tokens[k][1], ner="PER") if surname else None

    def _after_according(self, k: int) -> bool:
        """Whether ``tokens[k]`` comes right after English "according to"."""
        tokens = self.doc.tokens
        return k > 1 and (tokens[k - 2][3], tokens[k - 1][3]) == ("according", "to")

    def _name_before_cue(self, j: int) -> Speaker | None:
        """English "Zelenskiy said …" / "Andrei Kortunov said …" where NER missed the name: up
        to three capitalised words right before the cue at ``tokens[j]`` (no punctuation
        between, a leading title dropped), as a person (the full name the article gives, if
        any); not a body ("The Afghan Foreign Ministry said": the phrase rules'), and one word
        first in its sentence only when the article writes it capitalised elsewhere too."""
        doc = self.doc
        if j >= len(doc.tokens) or not is_cue(doc.tokens[j]):
            return None
        sentence_start = doc.sentences[doc.sent_at(doc.tokens[j - 1][0])].start
        k = j
        while k > j - 3 and self._name_word(k - 1, sentence_start):
            k -= 1
        while k < j and (doc.tokens[k][4] in PERSON_NOUNS or doc.tokens[k][3] in _EN_TITLES):
            k += 1  # "President Volodymyr Zelenskiy"; "The defiant PM said": no name at all
        token = doc.tokens[j - 1]
        if k == j or token[4] in BODY_NOUNS or token[4] in SOURCE_NOUNS:
            return None
        start = doc.tokens[k][0]
        if k == j - 1:
            full = self.surname_speaker(token[0], token[1])
            if full is None and start <= sentence_start and not self._proper_elsewhere(token[2]):
                return None  # "Officials said": a sentence's capital, not a name
            if full is not None:
                return full
        return Speaker(doc.text[start : token[1]], None, 0, start, token[1], ner="PER")

    def _name_word(self, k: int, sentence_start: int) -> bool:
        """Whether ``tokens[k]`` may be a word of a name NER missed, right before the word
        after it: capitalised, two letters or more, not a mention, pronoun, day or article,
        nothing but space after it, in the sentence."""
        doc = self.doc
        if k < 0 or doc.tokens[k][0] < sentence_start:
            return False
        token, nxt = doc.tokens[k], doc.tokens[k + 1]
        return (
            token[2][:1].isupper()
            and token[2].isalpha()
            and len(token[2]) >= 2
            and doc.mention_at(token[0]) is None
            and token[3] not in PRONOUNS
            and token[3] not in _EN_DAYS
            and token[3] not in ("the", "a", "an")
            and not doc.text[token[1] : nxt[0]].strip()
            and doc.text[token[0] - 1 : token[0]] not in ("-", "(")
        )

    def _proper_elsewhere(self, word: str) -> bool:
        """Whether ``word`` is written capitalised inside a sentence of the article too."""
        starts = set(self.doc.sstarts)
        return any(
            t[2] == word and t[0] not in starts and self.doc.text[t[0] - 2 : t[0]] != ". "
            for t in self.doc.tokens
        )

    def _counted_after(self, j: int) -> int:
        """The end of the genitive words after a Russian quantity noun at ``j - 1`` («Часть
        местных жителей», «Половина опрошенных»), up to a noun or a participle used as one."""
        tokens = self.doc.tokens
        for k in range(j, min(j + 3, len(tokens))):
            if gap_breaks(self.doc.text, tokens[k - 1][1], tokens[k][0]):
                break
            tag = ru_parses(tokens[k][3])[0].tag
            if "gent" not in tag or tag.POS not in ("NOUN", "ADJF", "PRTF"):
                break
            if tag.POS == "NOUN" or k + 1 == len(tokens) or tokens[k + 1][4] in CUES:
                return k + 1
        return j

    def _phrase(self, i: int, j: int, head: int) -> Speaker:
        """The noun phrase ``tokens[i:j]`` with speaker noun ``tokens[head]``."""
        doc = self.doc
        if doc.lang == "en":  # "A Kremlin aide on Monday said", "A Cabinet Minister today said"
            j = self._without_time(head, j)
        elif j == head + 1 and doc.tokens[head][4] in _QUANTITIES:
            j = self._counted_after(j)  # «Часть свидетелей утверждают»: of whom
        a, b = doc.tokens[i][0], doc.tokens[j - 1][1]
        if any(a < x and y == b for x, y in doc.named):
            b += 1  # «руководитель фонда «Свободная Россия»»: with the closing mark
        rank = 0 if _person_noun(doc.tokens[head], doc.lang) else 1
        names = doc.tokens[head + 1 : j]
        if len(names) > 1 and self._latin_article(head + 1):
            names = names[1:]  # «газета The New York Times», NER's name without its article
        owner = doc.mention_at(names[0][0]) if names else None
        named = owner is None or self.ner_type(owner) == "PER"  # not "Представитель Пентагона"
        outlet = doc.tokens[head][4] in MEDIA_NOUNS and not named
        if owner is not None and not named and doc.tokens[head][4] in _PRESS_OFFICES:
            return self.from_mention(owner, a, b)  # the phrase's words, the body's name
        if owner is not None and (outlet or self._document_noun(head)):
            # "издание «Черновик»", "агентство Keystone-SDA": the outlet itself; "в докладе
            # ОЭСР", "в заявлении Байдена": the author; «пресс-служба Минобороны России»: the
            # ministry it speaks for
            return self.from_mention(owner, owner.char_start, owner.char_end)
        if owner is None and doc.tokens[head][4] in MEDIA_NOUNS and _outlet_name(names):
            start = names[0][0]  # "вещатель Yle" that NER missed: the outlet
            return Speaker(doc.text[start:b], None, 1, start, b, ner="ORG")
        named_body = self._named_after_common_noun(head, names, b)
        if named_body is not None:
            return named_body
        if (
            self._document_noun(head)
            and names
            and (any(t[2][:1].isupper() for t in names) or _maybe_genitive_noun(names[0][3]))
        ):  # "в сообщении авиакомпании «Азимут»", «в сообщении генпрокуратуры»
            return self._phrase(head + 1, j, head + 1)
        owner_noun = _genitive_noun_after_adjectives(names) if self._document_noun(head) else -1
        if owner_noun >= 0 and names[owner_noun][4] not in _NOT_SOURCES | DOCUMENT_NOUNS:
            # «в заявлении российского военного ведомства», not «в проекте федерального закона»
            return self._phrase(head + 1, j, head + 1 + owner_noun)
        if rank == 0 and names and named and all(t[2][:1].isupper() for t in names):
            # "Senator Gillibrand", "режиссер Иван Петров": the name, not the title
            start = names[0][0]
            name = nominative_name(doc.text[start:b], doc.lang)
            if self._his_aide(head, names, name):  # «Пресс-секретарь Голубева»: his aide
                return Speaker(nominative_name(doc.text[a:b], "ru", phrase=True), None, 0, a, b)
            return Speaker(name, None, 0, start, b, ner="PER")
        trailing = self._trailing_full_name(names) if rank == 0 and doc.lang == "ru" else None
        if trailing is not None:  # «пресс-секретаря министерства Людмилу Зенькович»: NER missed
            return Speaker(
                nominative_name(doc.text[trailing:b], "ru"), None, 0, trailing, b, ner="PER"
            )
        text = doc.text[a:b]
        whole = [
            m
            for m in self.registry.find(text, doc.lang, doc.when)
            if m.start == 0 and m.end == len(text)
        ]
        if whole:
            return Speaker(whole[0].actor_id, whole[0].actor_id, rank, a, b)
        name = nominative_name(text, doc.lang, phrase=True)
        interviewee = doc.tokens[head][4] == "собеседник" and all(  # «собеседник издания»
            t[4] in MEDIA_NOUNS for t in names
        )
        described = (  # «высокопоставленный дипломат», not «чернокожая африканка»
            doc.lang == "ru"
            and j - i == 2
            and head == i + 1
            and doc.tokens[head][4] in PERSON_NOUNS
            and _quality(doc.tokens[i])
        )
        alone = j - i == 1 or (doc.lang == "ru" and head == i and interviewee) or described
        alone = alone or self._definite_title(i, j, head)
        bare = (
            rank == 0
            and alone
            and not self._group_noun(doc.tokens[head])
            and doc.tokens[head][4] not in _ANONYMOUS
            and not self._indefinite(i)
        )
        return Speaker(name, None, rank, a, b, bare=bare)

    def _aide_before_name(self, last: int, lo: int) -> Speaker | None:
        """Russian «Пресс-секретарь Голубева (тем временем) заявила» after «Василия Голубева»:
        the aide's phrase ending at ``tokens[last]``."""
        doc, tokens = self.doc, self.doc.tokens
        m = doc.mention_at(tokens[last][0]) if doc.lang == "ru" and last >= 1 else None
        if m is None or self.ner_type(m) != "PER" or " " in m.text.strip():
            return None
        head = last - 1
        if tokens[head][0] < lo or not _maybe_nominative(tokens[head][2]):
            return None
        name = nominative_name(m.text, "ru")
        if not self._his_aide(head, tokens[last : last + 1], name):
            return None
        a, b = tokens[self._extend_left(head, lo)][0], tokens[last][1]
        return Speaker(nominative_name(doc.text[a:b], "ru", phrase=True), None, 0, a, b)

    def _his_aide(self, head: int, names: Sequence[Scanned], name: str) -> bool:
        """Whether a Russian aide's title is followed by the genitive of a man the article
        names in full («Пресс-секретарь Голубева» after «Василия Голубева»)."""
        if self.doc.lang != "ru" or len(names) != 1 or self.doc.tokens[head][4] not in _AIDES:
            return False
        full = self._full_name(name)
        return full is not None and names[0][2] != name and masculine_first_name(full.split()[0])

    def _indefinite(self, i: int) -> bool:
        """Whether English ``tokens[i]`` follows "a", "an" or "another": "a columnist for
        Pando said" introduces someone new, not a person named before."""
        tokens = self.doc.tokens
        return self.doc.lang == "en" and i > 0 and tokens[i - 1][3] in ("a", "an", "another")

    def _definite_title(self, i: int, j: int, head: int) -> bool:
        """English "the UN chief", "the former adviser", "the defence secretary", "the governor
        of Pennsylvania": a definite phrase ending in its person noun or in an "of" phrase of a
        place or group, naming nobody, not a new one ("the second official") — like a lone
        noun, it refers to a person named before."""
        doc = self.doc
        if doc.lang != "en" or i == 0:
            return False
        if head != j - 1 and not self._of_place_or_group(head, j):
            return False
        if doc.tokens[i][3] == "the" and i < head:  # the phrase may hold its article
            i += 1
        elif doc.tokens[i - 1][3] != "the":
            return False
        if not {doc.tokens[head][4], doc.tokens[head][3]} & _EN_TITLES or any(
            t[3] in _NEW_REFERENT for t in doc.tokens[i:j]
        ):
            return False  # "the Christie supporter": a new person
        a, b = doc.tokens[i][0], doc.tokens[j - 1][1]
        return not any(self.ner_type(m) == "PER" for m in doc.mentions_in(a, b))

    def _of_place_or_group(self, head: int, j: int) -> bool:
        """Whether ``tokens[head + 1 : j]`` is a short "of" phrase naming no person or body
        ("the former governor of Pennsylvania", "the head of the media group"): the title
        still describes someone named before."""
        doc = self.doc
        if not head + 2 < j <= head + 2 + _OF_WORDS or doc.tokens[head + 1][3] != "of":
            return False  # "the deputy head of China's delegation to the forum": someone new
        a, b = doc.tokens[head + 2][0], doc.tokens[j - 1][1]
        return not any(self.ner_type(m) in ("PER", "ORG") for m in doc.mentions_in(a, b))

    def after_time(self, t: int, j: int) -> int:
        """``t`` past an English time phrase that opens a reported clause ("said on Friday
        he met …", "said last week the deal …", "said earlier this month that …"); ``t``
        itself when none opens there."""
        tokens, k = self.doc.tokens, t
        if self.doc.lang != "en":
            return t
        if k < j and tokens[k][3] in _EN_TIME_LEADS - _EN_TIME:  # on, in, last, this, late …
            k += 1
        if k < j and tokens[k][3] in ("this", "last", "next"):
            k += 1
        if k >= j or not (tokens[k][3] in _EN_DAYS or tokens[k][3] in _EN_TIME):
            return t
        k += 1
        if k + 1 < j and tokens[k][3] in ("this", "last") and tokens[k + 1][3] in _EN_TIME:
            k += 2  # "earlier this month"
        while k < j and (tokens[k][2].isdigit() or tokens[k][3] in _EN_TIME):
            k += 1  # "on March 3", "Wednesday morning"
        return k

    def _without_time(self, head: int, j: int) -> int:
        """``j`` less an English time phrase at the end of a speaker phrase ("on Monday",
        "today", "last week", "earlier this month")."""
        tokens = self.doc.tokens
        while j > head + 1 and (tokens[j - 1][3] in _EN_TIME or tokens[j - 1][3] in _EN_DAYS):
            j -= 1
        while j > head + 1 and tokens[j - 1][3] in _EN_TIME_LEADS:
            j -= 1
        return j

    def _group_noun(self, token: Scanned) -> bool:
        """A plural speaker noun («американцы», «эксперты», "critics", "spokesmen"): a group,
        never the one person quoted nearby."""
        if self.doc.lang == "en":
            return token[4] != token[3] and token[3] not in PERSON_NOUNS  # plural: lemma differs
        return self.doc.lang == "ru" and plural_noun(token[2])

    def _named_after_common_noun(
        self, head: int, names: Sequence[Scanned], b: int
    ) -> Speaker | None:
        """«производитель синтетических материалов СИБУР», «подрядчик «ПроСервис Таймыр»»: an
        unlisted Russian animate head noun followed by a name is that name, not a person; so is
        a body noun followed by a quoted name («профсоюз "Сила рабочих"»)."""
        doc = self.doc
        token = doc.tokens[head]
        after = doc.text[token[1] :].lstrip()[:2]
        quoted = (
            token[4] in BODY_NOUNS
            and (  # or a Latin name: «компания Hewlett-Packard»
                after[:1] in '«"“' or (after[:1].isascii() and after.istitle() and after.isalpha())
            )
        )
        if doc.lang != "ru" or _listed_person_noun(token) or not (animate_noun(token[3]) or quoted):
            return None
        caps = [t for t in names if t[2][:1].isupper()]
        if not caps or any(t[3] in PREPOSITIONS for t in names if t[0] < caps[0][0]):
            return None  # «наставник из Бразилии»: a person from a place
        mention = doc.mention_at(caps[0][0])
        if mention is not None and self.ner_type(mention) == "LOC":
            return None  # «законодатели США», «жители Салавата»: people of a place
        if mention is not None:
            return self.from_mention(mention, mention.char_start, mention.char_end)
        return Speaker(doc.text[caps[0][0] : b].strip('«»"“” '), None, 1, caps[0][0], b, ner="ORG")

    def speaker_noun(self, k: int) -> bool:
        """Whether ``tokens[k]`` is a person, body, source or document noun (no name)."""
        return self._speaker_noun(k)

    def _speaker_noun(self, k: int) -> bool:
        token = self.doc.tokens[k]
        if self.doc.lang == "en" and token[3].endswith("ed") and token[4] != token[3]:
            return False  # "a newly released report": a verb form, not "a release"
        return (
            _person_noun(token, self.doc.lang)
            or token[4] in BODY_NOUNS
            or token[4] in SOURCE_NOUNS
            or self._document_noun(k)
        ) and (self.doc.mention_at(token[0]) is None)

    def _document_noun(self, k: int) -> bool:
        """Russian «в докладе / из данных»: a document whose author speaks."""
        tokens = self.doc.tokens
        return (
            self.doc.lang == "ru"
            and tokens[k][4] in DOCUMENT_NOUNS
            and tokens[k][3] != "ответ"
            and k > 0
            and tokens[k - 1][3] in _RU_OF
        )

    def _name_at(self, k: int) -> bool:
        m = self.doc.mention_at(self.doc.tokens[k][0])
        return m is not None and self._is_name(m) and not self._institution_named_after(m)

    @staticmethod
    def _trailing_full_name(names: list[Scanned]) -> int | None:
        """Where a first name and a surname NER missed end a Russian title phrase («министерства
        Людмилу Зенькович»): two capitalised words after a lower-case one, the first read as a
        first name."""
        if len(names) < 3 or not names[-3][2][:1].islower():
            return None
        first, last = names[-2], names[-1]
        if not (first[2][:1].isupper() and last[2][:1].isupper() and last[2][1:].islower()):
            return None
        return first[0] if any("Name" in p.tag for p in ru_parses(first[2])[:2]) else None

    def _phrase_before_aside(self, cue_i: int, aside: int, lo: int) -> Speaker | None:
        """Russian «Жители Салавата, Башкирия, сообщают»: the phrase before a comma aside."""
        if self.doc.lang != "ru" or aside >= self.doc.tokens[cue_i][0]:
            return None
        k = bisect.bisect_left(self.doc.tstarts, aside)
        phrase = self._phrase_before(k, lo, after_comma=True) if k < cue_i else None
        if phrase is None or self.doc.mentions_in(phrase.start, phrase.end):
            return phrase  # «Жители Салавата, Башкирия, …»: the aside locates a named place
        if self._relative_aside(aside):
            return phrase  # «Республиканцы, которые … в Сенате, обещают»
        named_aside = self.doc.mentions_in(aside, self.doc.tokens[cue_i][0])
        return None if named_aside else phrase  # «Главный потребитель газа, Германия, …»

    def _ru_dative_listener(self, k: int) -> bool:
        """Whether the Russian word at ``k`` is a lower-case noun read only as a dative."""
        if self.doc.lang != "ru" or k < 1:
            return False
        token = self.doc.tokens[k]
        who = _person_noun(token, "ru") or token[4] in BODY_NOUNS or token[4] in MEDIA_NOUNS
        return token[2][:1].islower() and who and only_dative(token[2])

    def _phrase_before(self, cue_i: int, lo: int, *, after_comma: bool = False) -> Speaker | None:
        """A speaker noun phrase ending right before the cue (no personal name after it);
        ``after_comma``: the phrase ends before a comma at ``tokens[cue_i]``."""
        tokens, text = self.doc.tokens, self.doc.text
        last = cue_i - 1
        if last >= 0 and tokens[last][3] == "не" and tokens[cue_i][4] in RU_DENIALS:
            last -= 1  # «В офисе президента не исключают»: the negation is the cue's
        while last >= 0 and cue_i - last <= 3 and tokens[last][3] in _ADVERBS | _RU_DATIVE_PRONOUNS:
            last -= 1  # «работодатель ему ответил»: the one answered is no part of the phrase
        if last >= 1 and (tokens[last - 1][3], tokens[last][3]) == ("тем", "временем"):
            last -= 2  # «Пресс-секретарь Голубева тем временем заявила»
        if self._ru_dative_listener(last):
            last -= 1  # «АБР в письме регулятору сообщила»: the regulator was told
            if last >= 1 and tokens[last - 1][3] in ("в", "во") and tokens[last][4] in _MESSAGES:
                last -= 2  # and «в письме»: how, not who
        if last >= 0 and (tokens[last][3] in NP_STOP or tokens[last][3] in VERBISH):
            return None  # "… did not send representatives and said": not a noun phrase
        if last >= 0 and tokens[last][3] in PRONOUNS:
            return None  # «На суде он объяснил»: the pronoun is the subject, not «суд»
        if last >= 0 and ")" in text[tokens[last][1] : tokens[cue_i][0]]:
            return None  # "Chris Murphy (… mistaken for a junior staffer) says": an aside
        if last >= 0 and self._plural_subject_adjective(last, cue_i):  # «Некоторые считают»
            return Speaker(tokens[last][3], None, 1, tokens[last][0], tokens[last][1])
        described = self._plural_adjectives_opening(cue_i)
        if described is not None:  # «Украинские мобилизованные массово жалуются»
            return described
        group = self._group_before_name(last, lo) or self._aide_before_name(last, lo)
        if group is not None:
            return group
        k = self._before_owner_name(last)  # «В администрации Трампа рассказали»
        while k >= 0 and last - k < 6 and tokens[k][0] >= lo and not self._name_at(k):
            if gap_breaks(text, tokens[k][1], tokens[k + 1][0]) and not (after_comma and k == last):
                return self._long_subject(cue_i, lo)
            if self._speaker_noun(k) and (
                self.doc.lang != "ru"
                or (tokens[k][4] in BODY_NOUNS and not self._from_body(k))
                or (self._document_noun(k) and tokens[cue_i][3] in DOCUMENT_CUES)
                or _maybe_nominative(tokens[k][2])
                or self._counted(k)  # «два неназванных руководителя Nissan заявили»
            ):  # Russian: "в местном отделе образования сообщили"; not "в интервью
                # телеканалу заявил", not "помощник президента", not «учёные из университета»
                k = self._person_in_body(k, lo)  # «источник в администрации указал»
                k = self._owner_of_person(self._title_before_body(k, lo), lo)
                first, head = self._english_of_head(self._extend_left(k, lo), k, lo)
                if self._after_preposition_at(first):
                    return None  # «От девушки потребовали»: who was asked, not who asked
                return self._plural_as_written(
                    self._phrase(first, self._before_setting(head, last), head), head, cue_i
                )
            k -= 1
        return self._long_subject(cue_i, lo)

    def _long_subject(self, cue_i: int, lo: int) -> Speaker | None:
        """Russian «Член комитета Госдумы по развитию …, вопросам … объединений убеждён»: a
        nominative person noun opening the sentence, with no verb before the cue, heads a
        subject too long for the phrase rules; the words up to its first comma."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "ru" or cue_i == 0:
            return None
        start = max(lo, doc.sentences[doc.sent_at(tokens[cue_i][0])].start)
        first = bisect.bisect_left(doc.tstarts, start)
        head = first
        while head < min(first + 2, cue_i) and _nominative_adjective(tokens[head][2]):
            head += 1  # «Спасательная служба незадолго до … объявила»
        noun = tokens[head][4] in PERSON_NOUNS or tokens[head][4] in BODY_NOUNS
        if not head < cue_i - 1 or not noun:
            return None
        if not _maybe_nominative(tokens[head][2]) or self._name_at(head):
            return None
        if any(_finite(t[2]) for t in tokens[first:cue_i]) or cue_i - first > 16:
            return None
        names = doc.mentions_in(tokens[first][0], tokens[cue_i][0])
        adjacent = tokens[cue_i - 1][1]  # «Президент Абхазии Бжания заявил»
        if any(
            self._is_name(m) and (_likely_nominative(m.text.split()[0]) or m.char_end == adjacent)
            for m in names
        ):
            return None  # «Председатель правления «Газпром-Медиа» Михаил Лесин»: the name's
        end = head + 1
        while end < cue_i and not gap_breaks(doc.text, tokens[end - 1][1], tokens[end][0]):
            end += 1
        return self._phrase(first, self._before_setting(head, end - 1), head)

    def _after_preposition_at(self, first: int) -> bool:
        """Whether a Russian preposition other than «в» / «на» comes right before
        ``tokens[first]`` (a body after «в» is where it was said)."""
        tokens = self.doc.tokens
        return (
            self.doc.lang == "ru"
            and first > 0
            and tokens[first - 1][3] in PREPOSITIONS - {"в", "во", "на"}
            and not gap_breaks(self.doc.text, tokens[first - 1][1], tokens[first][0])
        )

    def _before_owner_name(self, last: int) -> int:
        """The Russian body noun right before a person's name that ends at ``tokens[last]``
        and owns it («администрации Трампа»), else ``last``."""
        doc = self.doc
        m = doc.mention_at(doc.tokens[last][0]) if doc.lang == "ru" and last > 0 else None
        if m is None or self.ner_type(m) != "PER" or m.char_end != doc.tokens[last][1]:
            return last
        k = bisect.bisect_left(doc.tstarts, m.char_start) - 1
        body = k >= 0 and doc.tokens[k][4] in BODY_NOUNS and doc.tokens[k][2].islower()
        titled = k > 0 and _person_noun(doc.tokens[k - 1], "ru")  # «Член комитета Маис …»
        return k if body and not titled and k + 1 <= last else last

    def _person_in_body(self, k: int, lo: int) -> int:
        """The Russian person noun right before «в» / «на» and the body noun at ``k``
        («источник в администрации», «представитель на месте»): the phrase's head; else
        ``k``."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or k < 2 or tokens[k - 2][0] < lo:
            return k
        if tokens[k - 1][3] not in ("в", "во", "на") or not tokens[k - 2][2][:1].islower():
            return k
        return k - 2 if _person_noun(tokens[k - 2], "ru") else k

    def _from_body(self, k: int) -> bool:
        """Whether the Russian body noun ``tokens[k]`` follows a preposition other than «в» /
        «на» (with an adjective between at most): «учёные из университета Мельбурна»."""
        tokens = self.doc.tokens
        before = k - 1
        if before >= 0 and _modifier(tokens[before][2]):
            before -= 1
        return before >= 0 and tokens[before][3] in PREPOSITIONS - {"в", "во", "на"}

    def _plural_as_written(self, who: Speaker, head: int, cue_i: int) -> Speaker:
        """A Russian phrase before a plural verb, headed by a noun that may be a nominative
        plural, as written: «Власти заявили», «Критики документа полагают» (not «Власть»,
        «Критика документа»)."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or who.actor_id or who.ner or not who.start <= tokens[head][0]:
            return who
        count = self._count_before(head)
        if count is not None:  # «два неназванных руководителя Nissan», as written
            start = min(tokens[count][0], who.start)
            return replace(who, speaker=self.doc.text[start : who.end], start=start)
        verb = ru_parses(tokens[cue_i][2])[:1]
        if not verb or verb[0].tag.POS != "VERB" or "plur" not in verb[0].tag:
            return who
        word = tokens[head][2]
        if not any({"plur", "nomn"} <= p.tag.grammemes for p in ru_parses(word)[:3]):
            return who
        return replace(who, speaker=self.doc.text[who.start : who.end])

    def _english_of_head(self, first: int, head: int, lo: int) -> tuple[int, int]:
        """English "a trader at a large Russian bank", "the head of the ministry", "a report
        from two schools": the speaker noun before the preposition heads the phrase, not the
        noun after it; the phrase's first token and its head."""
        tokens, text = self.doc.tokens, self.doc.text
        while self.doc.lang == "en":
            of = first - 1 - (first > 0 and tokens[first - 1][3] in _EN_DETERMINERS)
            if not (
                of >= 1
                and tokens[of - 1][0] >= lo
                and tokens[of][3] in _EN_OF
                and self._speaker_noun(of - 1)
                and not gap_breaks(text, tokens[of - 1][1], tokens[first][0])
            ):
                break
            head = of - 1
            first = self._extend_left(head, lo)
        return first, head

    def _owner_of_person(self, k: int, lo: int) -> int:
        """The Russian person whose relative or aide the genitive person noun ``tokens[k]``
        names: «Жена главы центра», «Наследница главы АФК» speak, not the head."""
        tokens, text = self.doc.tokens, self.doc.text
        while self.doc.lang == "ru" and k > 0 and tokens[k - 1][0] >= lo:
            if tokens[k][4] in MEDIA_NOUNS or tokens[k][4] in BODY_NOUNS:
                break  # «Собеседник агентства»: the agency's source, see :meth:`_phrase`
            prev = tokens[k - 1]
            if text[prev[1] : tokens[k][0]].strip() or prev[3] in NP_STOP:
                break
            genitive = any("gent" in p.tag.grammemes for p in ru_parses(tokens[k][2])[:3])
            owner = any(
                p.tag.POS == "NOUN" and {"anim", "nomn", "sing"} <= p.tag.grammemes
                for p in ru_parses(prev[2])[:2]
            )
            if not (genitive and owner) or self._name_at(k - 1):
                break
            k -= 1
        return k

    def _title_before_body(self, k: int, lo: int) -> int:
        """The head of a Russian «глава российского правительства»: a nominative person noun
        opening the phrase of the body noun ``tokens[k]`` in the genitive, else ``k``."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or not (tokens[k][4] in BODY_NOUNS or tokens[k][4] in MEDIA_NOUNS):
            return k  # «Корреспондент агентства Reuters»: the correspondent, not the agency
        if "gent" not in ru_parses(tokens[k][2])[0].tag:  # its likeliest reading
            return k
        first = self._extend_left(k, lo)
        source = tokens[k][4] in MEDIA_NOUNS and tokens[first][4] in ("собеседник", "источник")
        if first < k and tokens[first][4] in PERSON_NOUNS and _maybe_nominative(tokens[first][2]):
            return k if source else first  # «Собеседник агентства»: the outlet's, see _phrase
        prev = k - 1  # «Главный гериатр министерства»: a person noun the lists do not hold
        if first == k and prev >= 0 and tokens[prev][0] >= lo and tokens[prev][2].islower():
            gap = gap_breaks(self.doc.text, tokens[prev][1], tokens[k][0])
            if not gap and animate_noun(tokens[prev][3]) and _maybe_nominative(tokens[prev][2]):
                return prev
        return k

    def _before_setting(self, head: int, last: int) -> int:
        """Where a speaker phrase ends: before a Russian setting after its head («глава
        правительства на совещании, …, заявил»), before an English auxiliary or adverb after
        it ("Gore's allies have in the past said", "officials subsequently told"), else after
        ``last``."""
        tokens = self.doc.tokens
        for k in range(head + 1, last + 1):
            if self.doc.lang == "en" and (
                tokens[k][3] in VERBISH
                or tokens[k][3] in _ADVERBS
                or _ly_adverb(tokens[k])
                or tokens[k][3] in _EN_RELATIVES  # "a spokesman who declined to be named"
            ):
                return k
            setting = k < last and tokens[k + 1][4] in _SETTING_NOUNS
            if setting and tokens[k][3] in ("на", "в", "во"):
                return k
            if tokens[k][3] in ("в", "во", "за", "на") and self._time_after(k, last):
                return k  # «телеграм-каналы в последние минуты сообщили»
            if self.doc.lang == "ru" and (_ru_adverb(tokens, k) or tokens[k][4] == "свой"):
                return k  # «официантка удивлённо рассказала», «в свою очередь», «свою вину»
            if self.doc.lang == "ru" and (
                ru_parses(tokens[k][2])[0].tag.POS in ("VERB", "ADJS", "PRTS")
                or tokens[k][3] == "не"
                or tokens[k][2][:1].isdigit()
                or self._time_phrase_at(k, last)
            ):
                return k  # «люди подняли бучу и попросили»: a verb of their own; «массово»;
                # a date; «Руководство вуза третий месяц обещает»
        return last + 1

    def _time_phrase_at(self, k: int, last: int) -> bool:
        """Whether a Russian ordinal or «этот / весь / каждый» and a noun of time open at
        ``tokens[k]`` before ``tokens[last]`` («третий месяц», «всю неделю»)."""
        tokens = self.doc.tokens
        if k >= last or tokens[k + 1][4] not in _RU_TIME_NOUNS:
            return False
        tag = ru_parses(tokens[k][2])[0].tag
        return "Anum" in tag or tokens[k][4] in ("этот", "весь", "каждый", "целый")

    def _time_after(self, k: int, last: int) -> bool:
        """Whether a Russian noun of time follows ``tokens[k]`` within two words, up to
        ``last`` («в последние минуты», «за сутки»)."""
        lemmas = {t[4] for t in self.doc.tokens[k + 1 : min(k + 3, last + 1)]}
        return not _RU_TIME_NOUNS.isdisjoint(lemmas)

    def _group_after(self, i: int, j: int) -> Speaker | None:
        """Russian «по словам бывших сотрудников Блиновской»: a plural person noun (after up to
        two adjectives) and the name that modifies it, right after the cue."""
        doc, tokens = self.doc, self.doc.tokens
        k = i
        while k < min(j - 1, i + 2) and tokens[k][2][:1].islower() and _modifier(tokens[k][2]):
            if tokens[k][4] in PERSON_NOUNS:
                break
            k += 1
        n = k + 1  # «близкие 47-летней Анжелы»: the name's own adjectives between
        while n < min(j - 1, k + 3) and not tokens[n][2][:1].isupper() and _modifier(tokens[n][2]):
            n += 1
        if doc.lang != "ru" or n >= j or not self._name_at(n):
            return None
        if not tokens[k][2][:1].islower() or doc.mention_at(tokens[k][0]) is not None:
            return None  # «Как отметил Дмитрий Песков»: the name itself
        readings = ru_parses(tokens[k][2])[:2]
        if not any(
            "plur" in p.tag and (("anim" in p.tag and p.tag.POS == "NOUN") or p.tag.POS == "ADJF")
            for p in readings
        ) or (readings[0].tag.POS == "ADJF" and tokens[k][4] not in PERSON_NOUNS):
            return None  # a group of people («близкие Анжелы» too)
        if tokens[k][3] in LISTENERS or only_dative(tokens[k][2]):
            return None  # «сказал журналистам Станикзай»: the listeners, then the speaker
        mention = doc.mention_at(tokens[n][0])
        if mention is None:
            return None
        a, b = tokens[i][0], mention.char_end
        head = " ".join(t[2] for t in tokens[i : k + 1])
        name = nominative_name(head, "ru", phrase=True) + doc.text[tokens[k][1] : b]
        return Speaker(name, None, 0, a, b)

    def _group_before_name(self, last: int, lo: int) -> Speaker | None:
        """Russian «Соратники Навального заявили», «офицеры ВСУ заявили»: a plural person noun
        before the person or organisation name that ends the subject is the speaker, with the
        name as its modifier (not Navalny, not the armed forces); so is a singular one before a
        place («Жительница Москвы»)."""
        doc = self.doc
        mention = doc.mention_at(doc.tokens[last][0]) if last >= 1 else None
        named = mention is not None and (self._is_name(mention) or self.ner_type(mention) == "ORG")
        if doc.lang != "ru" or not named:
            return None
        k = bisect.bisect_left(doc.tstarts, mention.char_start) - 1 if mention else -1
        if k < 0 or doc.tokens[k][0] < lo:
            return None
        resident = (  # «Жительница Москвы позвонила … и сказала»: a person of the place
            mention is not None
            and self.ner_type(mention) == "LOC"
            and _person_noun(doc.tokens[k], "ru")
            and _maybe_nominative(doc.tokens[k][2])
        )
        if not (_plural_person(doc.tokens[k]) or resident):
            return None
        if gap_breaks(doc.text, doc.tokens[k][1], doc.tokens[k + 1][0]):
            return None
        first = self._extend_left(k, lo)
        a, b = doc.tokens[first][0], doc.tokens[last][1]
        if any(a < x and y == b for x, y in doc.named):
            b += 1  # «активисты «Сорок сороков»»: with the closing mark
        return Speaker(doc.text[a:b], None, 0, a, b)

    def _extend_left(self, k: int, lo: int) -> int:
        tokens, text = self.doc.tokens, self.doc.text
        first = k
        while first > 0 and k - first < 4 and tokens[first - 1][0] >= lo:
            prev = tokens[first - 1]
            gap = text[prev[1] : tokens[first][0]]
            if (
                prev[3] in NP_STOP
                or prev[3] in VERBISH
                or gap_breaks(text, prev[1], tokens[first][0])
                or "—" in gap
                or "–" in gap
                or (self.doc.lang == "ru" and not _modifier(prev[2]) and prev[3] not in _MANY)
                or (self.doc.lang == "ru" and _oblique_person(prev[2]))
                or (prev[3] == "самым" and first > 1 and tokens[first - 2][3] == "тем")
                or (self.doc.lang == "ru" and self._case_clash(prev, tokens[k]))
            ):
                break  # Russian: "украинская военная разведка", not "начало ноября разведка",
                # not «со спасателями жительница столицы», not «Тем самым немцы»
            first -= 1
        for n in (2, 3):  # "one of (the) officials"
            if first - n >= 0 and tokens[first - n][0] >= lo and self._partitive(first - n, k) == n:
                return first - n
        return first

    @staticmethod
    def _case_clash(adjective: Scanned, head: Scanned) -> bool:
        """Whether a Russian adjective of another gender, that cannot be nominative, comes
        before a singular head noun read first as nominative («после приезда скорой парень»:
        not «скорый парень»)."""
        parse, noun = ru_parses(adjective[2])[0].tag, ru_parses(head[2])[0].tag
        return (
            parse.POS == "ADJF"
            and "nomn" in noun
            and noun.number == "sing"
            and parse.gender not in (None, noun.gender)
            and not _maybe_nominative(adjective[2])
        )

    def _phrase_after(self, cue_j: int, hi: int) -> Speaker | None:
        """A speaker noun phrase right after the cue, unless a personal name follows."""
        tokens = self.doc.tokens
        i, j = self.doc.tok_range(self._when_aside_end(tokens[cue_j - 1][1], hi), hi)
        listening = self._latin_listener(i, j)  # «рассказали SHOT ортодонты»: the people
        if any(self._name_at(k) for k in range(i + listening, self._phrase_reach(i, j))):
            return self._group_after(i + listening, j)
        first = i
        while (
            first < j
            and first - i < 2
            and (
                tokens[first][3] in _PHRASE_END or tokens[first][3] in _ADVERBS  # «заявил тогда X»
            )
            and not self._modifying_listener(first, j)
        ):
            first += 1
        if first < j - 1 and self._ru_dative_listener(first):
            first += 1  # «как рассказали газете источники»: the paper listened
        medium = self.doc.mention_at(tokens[first][0]) if first < j else None
        if medium is not None and self.ner_type(medium) in ("NORP", "PER"):
            # "according to Russian officials": a modifier, not an outlet; «заявил … Дмитрий
            # Песков в интервью РИА Новости»: the speaker himself
            medium = None
        located = False  # "сообщили РИА Новости в пресс-службе ведомства"
        if medium is not None:  # "пояснил ТАСС источник", "told Interfax a source"
            first = bisect.bisect_left(self.doc.tstarts, medium.char_end)
            if first < j and tokens[first][3] == "из":
                return None  # «узнал «Коммерсант» из проекта …»: the medium learnt it
            if self.doc.lang == "ru" and first < j and tokens[first][3] in _PHRASE_END:
                located = tokens[first][3] in ("в", "во")
                first += 1
        elif self.doc.lang == "ru" and first < j - 1 and _latin_name(tokens[first][2]):
            first += 1  # "рассказали SHOT волонтёры": an outlet NER missed listens
        according = (
            tuple(t[3] for t in tokens[max(cue_j - 2, 0) : cue_j]) in ACCORDING
            or tokens[cue_j - 1][3] == "согласно"
        )
        if according and self.doc.lang == "ru" and first < j:
            oblique = self._oblique_source(first, j)
            if oblique is not None:
                return oblique
        if located:
            place = self._located_body(first, j)
            if place is not None:
                return place
        named_in = self._unnamed_body_in(i, j) or self._one_of_after(first, j)
        if named_in is not None:
            return named_in
        participle = self._participle_person(first, j) or self._latin_outlet(first, j)
        if participle is not None:
            return participle
        counted = self.doc.lang == "ru" and first < j - 1 and tokens[first][3] in _QUANTIFIERS
        first += counted  # the people counted: «участники заседания»
        some_of = self._partitive(first, j)  # "according to one of the officials": whole
        head = self._head_noun(first + some_of, j, oblique=according or counted)
        if head >= j or not self._speaker_noun(head):
            return None
        head = self._possessed_head(head, j)
        if tokens[head][4] in SOURCE_NOUNS and tokens[cue_j - 1][3] != "to":
            return None  # "repeated the statement": a document after a verb is its object
        named = self._name_after_noun(head, j) or self._untagged_name_after_title(head, j)
        if named is not None:
            return named  # "according to the Italian newspaper Corriere della Sera"
        last = head + 1
        while last < min(j, head + 4) and (
            tokens[last][3] not in _PHRASE_END or self._latin_article(last)
        ):
            if last + 1 < j and tokens[last + 1][3] == "by" and tokens[last][2].islower():
                break  # "according to documents seen by Reuters", "a federal indictment filed
                # by the Department of Justice": the document is the source
            if self.doc.lang == "en" and last == head + 1 and _en_participle(tokens[last]):
                break  # "according to a statement provided to Reuters", "a report issued in"
            gap = self.doc.text[tokens[last - 1][1] : tokens[last][0]]
            if self.doc.lang == "en" and SPACED_DASH_RE.search(gap):
                break  # "according to a poll - half of the voters …"
            if tokens[last][3] in _ADVERBS | VERBISH:  # "says the candidate has …", "said
                return None  # officials are taking …": a clause's subject
            if tokens[last][2][:1].isdigit():
                break  # «сообщила пресс-служба Минобороны России 4 июля»: a date follows
            if tokens[last][3] in RU_PARTICLES or tokens[last][3] in _RU_CIRCUMSTANCE:
                break  # «заявил представитель минобороны всего через неделю …», «мэр
                # Нижнекамска из-за нехватки уборщиков»
            last += 1
        return self._phrase(first, self._familiar_with(last, j), head)

    def _latin_outlet(self, first: int, j: int) -> Speaker | None:
        """Russian «[сообщает](…)Kyodo.»: up to three words in Latin letters NER missed that
        end the clause after the cue, an outlet."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "ru" or not first < j <= first + 3 or doc.mention_at(tokens[first][0]):
            return None
        learnt = tokens[first - 1][3] == "известно"  # «Как стало известно SHOT»: it learnt
        if learnt or not all(_latin_name(t[2]) for t in tokens[first:j]):
            return None
        a, b = tokens[first][0], tokens[j - 1][1]
        return Speaker(doc.text[a:b], None, 1, a, b, ner="ORG")

    def _participle_person(self, first: int, j: int) -> Speaker | None:
        """Russian «рассказал РИА Новости эвакуированный из Селидово»: a nominative participle
        that stands for a person (no noun after it), with an «из» phrase after it."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "ru" or first >= j or not tokens[first][2].islower():
            return None
        tag = ru_parses(tokens[first][2])[0].tag
        if tag.POS != "PRTF" or "nomn" not in tag:
            return None
        end = first + 1
        if end < j and not gap_breaks(doc.text, tokens[first][1], tokens[end][0]):
            if tokens[end][3] != "из":
                return None  # «заявил уволенный сотрудник»: the participle modifies a noun
            end = min(end + 2, j)  # «из Селидово», «из города»
            while end < j and end - first < 4 and tokens[end][2][:1].isupper():
                end += 1
        a, b = tokens[first][0], tokens[end - 1][1]
        return Speaker(doc.text[a:b], None, 0, a, b)

    def _untagged_name_after_title(self, head: int, j: int) -> Speaker | None:
        """Russian «сообщил … директор центра Гинцбург»: a capitalised nominative surname NER
        missed ending the title phrase of the person noun ``tokens[head]`` (with a first name
        before it), right before the clause's end."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "ru" or not _person_noun(tokens[head], "ru"):
            return None
        end = head + 1
        while (
            end < j
            and end - head <= 8
            and not gap_breaks(doc.text, tokens[end - 1][1], tokens[end][0])
        ):
            end += 1
        last = end - 1
        if last <= head or not self._untagged_surname_word(last):
            return None
        first = last - 1 if last - 1 > head and self._untagged_first_name(last - 1) else last
        a, b = tokens[first][0], tokens[last][1]
        return Speaker(nominative_name(doc.text[a:b], "ru"), None, 0, a, b, ner="PER")

    def _untagged_surname_word(self, k: int) -> bool:
        """A capitalised word (not an acronym) no mention covers (or one NER took for a place),
        read as a nominative surname or name, or unknown to the dictionary."""
        word = self.doc.tokens[k][2]
        if not word[:1].isupper() or word.isupper() or not word.isalpha():
            return False
        parses = ru_parses(word)[:3]
        surname = any("nomn" in p.tag and {"Surn", "Name"} & p.tag.grammemes for p in parses)
        m = self.doc.mention_at(self.doc.tokens[k][0])
        if m is not None:  # «директор центра Гинцбург», which NER tags as a place
            return m.ner_type == "LOC" and " " not in m.text.strip() and surname
        shaped = word.endswith(_RU_SURNAME_SHAPES) and not any(  # «Мазанкова»: no noun
            p.tag.POS == "NOUN" and not {"Surn", "Name"} & p.tag.grammemes for p in parses
        )
        return not ru_known(word) or surname or shaped

    def _untagged_first_name(self, k: int) -> bool:
        word = self.doc.tokens[k][2]
        parses = ru_parses(word)[:3]
        return word[:1].isupper() and any({"Name", "nomn"} <= p.tag.grammemes for p in parses)

    def _latin_article(self, k: int) -> bool:
        """Whether ``tokens[k]`` is "The" opening a Latin name in Russian text («газета The
        New York Times»)."""
        return self.doc.lang == "ru" and self.doc.tokens[k][2] == "The"

    def _one_of_after(self, first: int, j: int) -> Speaker | None:
        """Russian «— прокомментировал один из собеседников Би-би-си»: one person of the group
        the words after «из» name (up to a preposition or the window's end)."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or first + 2 >= j or tokens[first + 1][3] != "из":
            return None
        if tokens[first][3] not in ("один", "одна"):
            return None
        end = next((k for k in range(first + 3, j) if tokens[k][3] in _PHRASE_END), j)
        a, b = tokens[first][0], tokens[end - 1][1]
        return Speaker(self.doc.text[a:b], None, 0, a, b)

    def _latin_listener(self, i: int, j: int) -> int:
        """1 when a Russian cue is followed by an outlet in Latin letters and a lower-case
        noun for people («рассказали SHOT ортодонты»: the outlet listens), else 0."""
        tokens = self.doc.tokens
        return int(
            self.doc.lang == "ru"
            and i + 1 < j
            and _latin_name(tokens[i][2])
            and tokens[i + 1][2][:1].islower()
            and _person_noun(tokens[i + 1], "ru")
        )

    def _possessed_head(self, head: int, j: int) -> int:
        """English "the Kentucky Secretary of State's office": the phrase's head is the
        possessed speaker noun after a possessive (up to three words on, through "of")."""
        tokens = self.doc.tokens
        if self.doc.lang != "en":
            return head
        for k in range(head, min(j - 1, head + 3)):
            if k > head and tokens[k][3] in _PHRASE_END and tokens[k][3] != "of":
                break
            owned = tokens[k][2].endswith(("'s", "’s"))
            if owned and tokens[k + 1][2].islower() and tokens[k + 1][4] in _WHO_NOUNS:
                return k + 1
        return head

    def _phrase_reach(self, i: int, j: int) -> int:
        """Where a Russian phrase after the cue may name its person: up to the first adverbial
        opener after its first word («заявил представитель генсека в ответ на просьбу
        прокомментировать заявление Каи Каллас»: not Kallas); English: up to a relative
        pronoun after a person noun ("said one official who met Maria Lopez": not Lopez)."""
        tokens = self.doc.tokens
        if self.doc.lang == "en":
            return next(
                (
                    k
                    for k in range(i + 1, j)
                    if tokens[k][3] in ("who", "whom") and _person_noun(tokens[k - 1], "en")
                ),
                j,
            )
        if self.doc.lang != "ru":
            return j
        first = next((k for k in range(i, j) if tokens[k][3] not in _PHRASE_END), j)
        return next((k for k in range(first + 1, j) if self.ru_adverbial_at(k, j)), j)

    def ru_adverbial_at(self, k: int, j: int) -> bool:
        """Whether an adverbial opens at ``tokens[k]`` («после встречи», «в ответ на»)."""
        tokens = self.doc.tokens
        if tokens[k][3] in _RU_ADVERBIAL_OPENERS:
            return True
        return tokens[k][3] in ("в", "во") and k + 1 < j and tokens[k + 1][3] in _RU_IN_OPENERS

    def _familiar_with(self, last: int, j: int) -> int:
        """English "people familiar with the network's plans", "a person close to the
        campaign": the phrase ends after the "with" / "to" object (up to six words, before a
        comma), not at "familiar"."""
        doc = self.doc
        tokens = doc.tokens
        if doc.lang != "en" or not 0 < last < j - 1 or tokens[last - 1][3] not in _ACQUAINTED:
            return last
        if tokens[last][3] not in ("with", "to"):
            return last
        end = last + 1
        while end < min(j, last + 7) and "," not in doc.text[tokens[end - 1][1] : tokens[end][0]]:
            if tokens[end][3] in VERBISH or is_cue(tokens[end]):
                return last
            end += 1
        return end

    def _modifying_listener(self, k: int, j: int) -> bool:
        """An English listener word that modifies the speaker noun after it ("a press
        release"; not the Russian «рассказали нам адвокаты»)."""
        tokens = self.doc.tokens
        if self.doc.lang != "en" or tokens[k][3] not in LISTENERS:
            return False
        return k + 1 < j and self._speaker_noun(k + 1)

    def _partitive(self, k: int, j: int) -> int:
        """How many words of an English "one of (the)", "some of" open ``tokens[k:j]``."""
        tokens = self.doc.tokens
        if self.doc.lang != "en" or k + 2 >= j or tokens[k][3] not in _PARTITIVES:
            return 0
        if tokens[k + 1][3] != "of":
            return 0
        return 3 if tokens[k + 2][3] in ("the", "these", "those") else 2

    def _nationality_modifier(self, m: Mention) -> bool:
        """An English nationality NER tagged that only modifies the noun after it ("a large
        Russian bank", "Polish scientists"): never a speaker on its own ("the Russians said",
        "Russia said" are)."""
        doc = self.doc
        if doc.lang != "en" or self.ner_type(m) != "NORP":
            return False
        k = bisect.bisect_left(doc.tstarts, m.char_end)
        if k >= len(doc.tokens) or doc.text[m.char_end : doc.tokens[k][0]].strip():
            return False
        nxt = doc.tokens[k]
        return (
            nxt[2][:1].islower()
            and nxt[2].isalpha()
            and not is_cue(nxt)
            and nxt[3] not in VERBISH
            and nxt[3] not in _ADVERBS
        )

    def _name_before_noun_head(self, m: Mention) -> bool:
        """An English name right before a lower-case person or body noun it modifies ("The
        Biden administration", "Kremlin aides", "NASA spokesperson")."""
        doc = self.doc
        k = bisect.bisect_left(doc.tstarts, m.char_end)
        if doc.lang != "en" or k >= len(doc.tokens):
            return False
        nxt = doc.tokens[k]
        return (
            not doc.text[m.char_end : nxt[0]].strip()
            and nxt[2][:1].islower()
            and nxt[4] in _NOUN_HEADS
        )

    def _modifier_phrase(self, m: Mention, b: int) -> Speaker | None:
        """The person or body phrase an English modifier opens ("Chinese official", "Republican
        leaders", "Biden administration"), with the article before it; None when its noun is
        no person's or body's ("a large Russian bank")."""
        doc = self.doc
        first = bisect.bisect_left(doc.tstarts, m.char_start)
        while first > 0 and doc.tokens[first - 1][3] in ("a", "an", "the", "some", "two", "many"):
            first -= 1
        k = bisect.bisect_left(doc.tstarts, m.char_end)
        for head in range(k, min(k + 3, len(doc.tokens))):
            token = doc.tokens[head]
            if token[1] > b or not token[2].isalpha() or not token[2][:1].islower():
                return None
            if token[4] in _NOUN_HEADS:
                named = self._apposed_person(first)  # "Mykhailo Podolyak, a Ukrainian adviser"
                return named or self._titled_name(head) or self._phrase(first, head + 1, head)
        return None

    def _titled_name(self, head: int) -> Speaker | None:
        """The person NER names right after the title noun ``tokens[head]`` ("NRDC chief
        Manish Bapna"), if any."""
        doc = self.doc
        while (  # "chief executive John Connor": the title goes on
            head + 2 < len(doc.tokens)
            and doc.lang == "en"
            and doc.tokens[head + 1][3] in _TITLE_GOES_ON
            and not doc.text[doc.tokens[head][1] : doc.tokens[head + 1][0]].strip()
        ):
            head += 1
        if head + 1 >= len(doc.tokens):
            return None
        nxt = doc.tokens[head + 1]
        m = doc.mention_at(nxt[0])
        if m is None or m.char_start != nxt[0] or self.ner_type(m) != "PER":
            return None
        if doc.text[doc.tokens[head][1] : nxt[0]].strip():
            return None
        return self.from_mention(m, m.char_start, m.char_end)

    def _apposed_person(self, k: int) -> Speaker | None:
        """The person named right before ``tokens[k]`` and a comma, if any."""
        doc = self.doc
        if k == 0 or doc.text[doc.tokens[k - 1][1] : doc.tokens[k][0]].strip() != ",":
            return None
        m = doc.mention_at(doc.tokens[k - 1][0])
        if m is None or self.ner_type(m) != "PER":
            return None
        return self.from_mention(m, m.char_start, m.char_end)

    def _nationality(self, k: int) -> bool:
        """An English nationality or place NER tagged, as a modifier ("Russian officials",
        "the Italian newspaper", "a senior U.S. official")."""
        m = self.doc.mention_at(self.doc.tokens[k][0])
        return self.doc.lang == "en" and m is not None and self.ner_type(m) in ("NORP", "LOC")

    def _name_after_noun(self, head: int, j: int) -> Speaker | None:
        """English: the capitalised name right after a speaker noun, which it names ("the
        newspaper Corriere della Sera", "the agency Interfax"; "of"/"della"-like lower-case
        words inside the name kept, up to the clause's end)."""
        doc, tokens = self.doc, self.doc.tokens
        k = head + 1
        if doc.lang != "en" or k >= j or not tokens[k][2][:1].isupper() or self._name_at(k):
            return None  # a person's name after a title is the rules' ("spokesman John Kirby")
        last = k
        while (
            last < j
            and tokens[last][3] not in _PHRASE_END
            and (tokens[last][2][:1].isupper() or tokens[last][3] in _NAME_PARTICLES)
        ):
            last += 1
        while last > k and not tokens[last - 1][2][:1].isupper():
            last -= 1
        a, b = tokens[k][0], tokens[last - 1][1]
        m = doc.mention_at(a)
        if m is not None and m.char_start == a:
            return self.from_mention(m, a, b)
        return Speaker(doc.text[a:b], None, 1, a, b, ner="ORG")

    def _unnamed_body_in(self, i: int, j: int) -> Speaker | None:
        """Russian «сообщили в Ростехе»: one capitalised word after «в» that NER missed is the
        body that spoke (not a place the dictionary knows)."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "ru" or i + 1 >= j or tokens[i][3] not in ("в", "во"):
            return None
        word = tokens[i + 1]
        if not word[2][:1].isupper() or word[2].isupper() or doc.mention_at(word[0]) is not None:
            return None
        if i + 2 < j and not gap_breaks(doc.text, word[1], tokens[i + 2][0]):
            return None  # more words follow: not one name
        if any("Geox" in p.tag or "Name" in p.tag for p in ru_parses(word[2])[:3]):
            return None
        name = nominative_name(word[2], "ru", phrase=True)
        return Speaker(name, None, 1, word[0], word[1], ner="ORG")

    def _located_body(self, first: int, j: int) -> Speaker | None:
        """«заявили РИА Новости в пророссийском подполье»: after a medium that listens, the
        noun phrase after «в» is where they said it, whatever its noun."""
        tokens = self.doc.tokens
        k = first
        while k < j - 1 and _modifier(tokens[k][2]) and tokens[k][2][:1].islower():
            k += 1
        if k >= j or self.doc.mention_at(tokens[k][0]) is not None:
            return None
        if ru_parses(tokens[k][2])[0].tag.POS != "NOUN" or self._speaker_noun(k):
            return None
        if tokens[k][4] in _RU_TIME_NOUNS:
            return None  # «сообщало Минобороны в июле 2022 года»: when, not where
        return self._phrase(first, k + 1, k)

    def _oblique_source(self, first: int, j: int) -> Speaker | None:
        """Russian sources after «по словам / по данным / со слов» that are not a noun phrase:
        «одного из врачей» (-> «один из врачей»), «одного из них» (-> the group before),
        «112» (a channel named by a number), «местных», «пострадавшего» (adjectives and
        participles standing for people)."""
        doc = self.doc
        tokens = doc.tokens
        word = tokens[first]
        a = word[0]
        if word[3] in _ONE_OF and first + 2 < len(tokens) and tokens[first + 1][3] == "из":
            rest = tokens[first + 2]
            if rest[3] in PRONOUNS or rest[3] == "них":
                return self._noun_antecedent(rest, "pl")
            b = rest[1]
            one = "одна" if word[3] in ("одной", "одну") else "один"  # «одной из пассажирок»
            return Speaker(f"{one} из {doc.text[rest[0] : b]}", None, 1, a, b)
        closed = first + 1 >= j or "," in doc.text[word[1] : tokens[first + 1][0]]
        if not closed:
            return None
        if word[2].isdigit() and len(word[2]) <= 3:
            return Speaker(word[2], None, 1, a, word[1], ner="ORG")
        name, after_per = word[2], first > 0 and tokens[first - 1][3] == "согласно"
        if after_per and (
            (name.isascii() and name.isalpha() and not name.islower())
            or (name.isupper() and len(name) > 1)
        ):  # «Согласно IDC, …», «Согласно comScore, …»: a body NER missed
            return Speaker(name, None, 1, a, word[1], ner="ORG")
        person = next((p for p in ru_parses(word[2])[1:3] if _person_genitive(p)), None)
        if person is not None and word[2][:1].islower() and not animate_noun(word[2]):
            # «по словам политика»: a person, though «политика» reads likelier as a policy
            return Speaker(person.normal_form, None, 0, a, word[1], bare=True)
        parse = next((p for p in ru_parses(word[2])[:2] if p.tag.POS in ("ADJF", "PRTF")), None)
        if parse is None or not word[2][:1].islower():
            return None
        form = parse.inflect({"nomn"})
        return Speaker(form.word if form else word[2], None, 1, a, word[1])

    def _head_noun(self, first: int, j: int, *, oblique: bool = False) -> int:
        """Past up to two lower-case adjectives (three in English) before a speaker noun
        ("местные СМИ", "оппозиционные украинские издания", "a new poll"); ``first`` itself
        otherwise.
        ``oblique``: the noun may be in any case (Russian, after «по словам / по данным»)."""
        tokens = self.doc.tokens
        if self.doc.lang not in ("ru", "en"):  # English too: "according to a new poll"
            return first
        english = self.doc.lang == "en"
        head = first
        while (
            head < min(j - 1, first + (3 if english else 2))  # "his longtime personal physician"
            and not self._speaker_noun(head)
            and (
                tokens[head][2][:1].islower()
                or self._nationality(head)
                or self._dating(head)
                or (english and tokens[head][2].isalpha() and tokens[head + 1][4] in PERSON_NOUNS)
            )  # "an ICE spokeswoman": a capitalised word NER left untagged before a person
            and (tokens[head][3] not in _PHRASE_END or self._modifying_listener(head, j))
            and (self.doc.lang != "ru" or _modifier(tokens[head][2]))
            and not gap_breaks(self.doc.text, tokens[head][1], tokens[head + 1][0])
        ):
            head += 1
        found = (
            head < j
            and self._speaker_noun(head)
            and (
                self.doc.lang != "ru"
                or oblique
                or tokens[head][4] in BODY_NOUNS
                or self._document_noun(head)
                or _maybe_nominative(tokens[head][2])
            )
        )
        return head if found else first  # not "сказал он журналистам"

    def _dating(self, k: int) -> bool:
        """An English month, weekday or year dating a document ("an October 2021 report")."""
        token = self.doc.tokens[k]
        return self.doc.lang == "en" and (token[3] in _EN_DAYS or token[2].isdigit())

    def _after_window(self, cue_j: int, hi: int) -> tuple[int, int]:
        """The speaker window after a cue: up to 8 tokens of one clause, past a participle
        phrase between commas ("заявил, открывая встречу, Лавров") or a Russian date aside
        with a comma inside («сообщил в среду, 3 июля, Песков»; not «Как стало известно в
        пятницу, она …»)."""
        doc = self.doc
        start = doc.tokens[cue_j - 1][1]
        first = cue_j
        own = _RU_OWN_SOURCES_RE.match(doc.text, start, hi) if doc.lang == "ru" else None
        aside = own.end() if own is not None else self._when_aside_end(start, hi)
        if aside > start:  # «сообщает сегодня, 3 июля, пресс-служба …»: past the date; «сообщила
            # со ссылкой на свои источники газета X»: past the outlet's sources
            start, first = aside, bisect.bisect_left(doc.tstarts, aside)
        elif first < len(doc.tokens) and "," in doc.text[start : doc.tokens[first][0]]:
            comma = doc.text.find(",", doc.tokens[first][0], hi)
            i, j = doc.tok_range(doc.tokens[first][0], comma if comma >= 0 else hi)
            if comma < 0 or j - i > 8 or doc.tokens[first][3] in THAT:
                return start, start
            start, first = comma + 1, j
        first = self._past_ru_weekday(first)  # «заявил в пятницу на заседании в РСПП …»
        past = self._past_ru_setting(first, hi)
        if past is not None:  # «сказал в интервью Русской службе «Голоса Америки» лидер …»
            start, first = doc.tokens[past][0], past
        end = start
        for t in range(first, min(first + 8 + self._name_words(first), len(doc.tokens))):
            token = doc.tokens[t]
            abbreviated = t > first and self._title_abbreviation(t - 1, token[0])
            if token[1] > hi or token[3] in THAT:
                break
            if gap_breaks(doc.text, end, token[0]) and not abbreviated:
                break
            if doc.lang == "ru" and t > first and "(" in doc.text[end : token[0]]:
                break  # «сообщает «Медиазона» (в реестре «иноагентов»)»: an aside
            if (token[3], doc.tokens[t + 1][3] if t + 1 < len(doc.tokens) else "") == _SOURCED:
                break  # "пишет The Times со ссылкой на источники": The Times
            if t > first and doc.lang == "ru" and self.ru_adverbial_at(t, len(doc.tokens)):
                return start, end  # «заявили в Белом доме в ответ на слова Медведева»
            end = token[1]
        return start, self._name_after_long_title(first, end) or end

    def _past_ru_weekday(self, first: int) -> int:
        """The token after a Russian «в пятницу» at ``first``, else ``first``."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or first + 2 >= len(tokens) or tokens[first][3] not in ("в", "во"):
            return first
        return first + 2 if tokens[first + 1][3] in _RU_WEEKDAYS else first

    def _past_ru_setting(self, first: int, hi: int) -> int | None:
        """Where the speaker starts after a Russian setting right after the cue («в
        эксклюзивном интервью Русской службе «Голоса Америки», «в беседе с корреспондентом
        РБК»): the first nominative person noun or personal name within ten words, else
        None."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or first + 2 >= len(tokens):
            return None
        if tokens[first][3] not in ("в", "во", "на"):
            return None
        opening = [tokens[k][4] for k in range(first + 1, min(first + 3, len(tokens)))]
        if not any(lemma in _SETTING_NOUNS or lemma in ("беседа", "разговор") for lemma in opening):
            return None
        for k in range(first + 2, min(first + 12, len(tokens))):
            if tokens[k][0] >= hi or tokens[k][3] in THAT:
                return None
            person = _person_noun(tokens[k], "ru") and _maybe_nominative(tokens[k][2])
            one_of = (
                tokens[k][3] in ("один", "одна")
                and k + 1 < len(tokens)
                and tokens[k + 1][3] == "из"
            )
            partner = tokens[k - 1][3] in ("с", "со")  # «в разговоре с Би-би-си»: who listened
            if (
                (person and tokens[k][2][:1].islower())
                or one_of
                or (self._name_at(k) and not partner)
            ):
                return k
        return None

    def _when_aside_end(self, pos: int, hi: int) -> int:
        """Where a Russian date aside with a comma inside, right at ``pos``, ends («сегодня, 3
        июля,»), else ``pos``."""
        when = _RU_WHEN_ASIDE_RE.match(self.doc.text, pos, hi) if self.doc.lang == "ru" else None
        return when.end() if when is not None and when.group().count(",") >= 2 else pos

    def _title_abbreviation(self, k: int, nxt: int) -> bool:
        """Whether ``tokens[k]`` is a title abbreviation whose full stop is all that stands
        before ``nxt`` ("said Dr. John Shewchuk", "Lt. Col.", «РЭУ им. Плеханова»)."""
        doc = self.doc
        token = doc.tokens[k]
        titles = EN_TITLE_ABBREVIATIONS if doc.lang == "en" else _RU_NAME_ABBREVIATIONS
        return token[3] in titles and doc.text[token[1] : nxt].strip() == "."

    def _name_words(self, first: int) -> int:
        """How many words the quoted names among the 8 tokens from ``first`` hold beyond one
        each («руководитель проекта «Ядерное вооружение России» Павел Подвиг»)."""
        doc, extra = self.doc, 0
        for a, b in doc.named:
            i, j = doc.tok_range(a, b)
            if first <= i < first + 8 + extra:
                extra += max(j - i - 1, 0)
        return extra

    def _name_after_long_title(self, first: int, end: int) -> int | None:
        """Russian «заявил замглавы аппарата нижней палаты - начальник управления по связям с
        общественностью Юрий Шувалов»: where a personal name ends that closes a long title
        after the cue (lower-case words, abbreviations and title dashes only, 20 words at
        most), past the usual window."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "ru" or first >= len(tokens) or not _person_noun(tokens[first], "ru"):
            return None
        if any(self._name_at(k) for k in range(*doc.tok_range(tokens[first][0], end))):
            return None
        k = bisect.bisect_left(doc.tstarts, end)
        while k < min(first + 20, len(tokens)):
            token, gap = tokens[k], doc.text[tokens[k - 1][1] : tokens[k][0]]
            if gap_breaks(doc.text, tokens[k - 1][1], token[0]) and gap.strip() not in "-—–":
                return None
            mention = doc.mention_at(token[0])
            if mention is not None and self.ner_type(mention) == "PER":
                return mention.char_end
            if token[2][:1].isupper() and not token[2].isupper():
                return None  # another capitalised word: a body's or place's name
            k += 1
        return None

    def _from_source(self, who: Speaker) -> bool:
        """A Russian phrase after «из» («из проекта финплана»): where it was learnt."""
        k = bisect.bisect_left(self.doc.tstarts, who.start)
        return self.doc.lang == "ru" and k > 0 and self.doc.tokens[k - 1][3] == "из"

    def _medium_before_place(self, cue_j: int, b: int) -> int | None:
        """Where «в» starts in Russian «VERB <medium> в <body>», the medium named right after the
        cue, if so."""
        doc = self.doc
        if doc.lang != "ru" or cue_j >= len(doc.tokens) or doc.tokens[cue_j][0] >= b:
            return None
        medium = doc.mention_at(doc.tokens[cue_j][0])
        if medium is None or self.ner_type(medium) != "ORG":
            return None
        k = bisect.bisect_left(doc.tstarts, medium.char_end)
        if k < len(doc.tokens) and doc.tokens[k][3] in ("в", "во") and doc.tokens[k][0] < b:
            return doc.tokens[k][0]
        return None

    def _body_after(self, pos: int, b: int) -> Speaker | None:
        """A speaker noun phrase after the «в» at ``pos`` («в пресс-службе агентства»)."""
        tokens = self.doc.tokens
        first = bisect.bisect_left(self.doc.tstarts, pos) + 1
        j = self.doc.tok_range(pos, b)[1]
        head = self._head_noun(first, j)
        if head >= j or not self._speaker_noun(head):
            return None
        last = head + 1
        while last < min(j, head + 4) and tokens[last][3] not in _PHRASE_END:
            last += 1
        return self._phrase(first, last, head)

    def _sourced_at(self, a: int, b: int) -> int | None:
        """Where «со ссылкой» starts in ``text[a:b]``, if it does in the cue's clause (not
        «газета Sun со ссылкой на источники, а во вторник руководство Би-би-си подтвердило»)."""
        i, j = self.doc.tok_range(a, b)
        for t in range(i, j - 1):
            if (self.doc.tokens[t][3], self.doc.tokens[t + 1][3]) == _SOURCED:
                start = self.doc.tokens[t][0]
                return None if _RU_NEW_CLAUSE_RE.search(self.doc.text, start, b) else start
        return None

    def _interjected(self, cue_i: int, lo: int) -> int:
        """Start of a phrase between commas right before the cue ("Putin, speaking …, said")."""
        doc = self.doc
        if cue_i == 0 or "," not in doc.text[doc.tokens[cue_i - 1][1] : doc.tokens[cue_i][0]]:
            return doc.tokens[cue_i][0]
        comma = doc.text.rfind(",", lo, doc.tokens[cue_i - 1][0])
        if comma < 0:
            return doc.tokens[cue_i][0]
        k = bisect.bisect_left(doc.tstarts, comma)
        if doc.lang == "en" and k < cue_i and doc.tokens[k][3] in ("and", "but", "or"):
            return doc.tokens[cue_i][0]  # "…, and the ministry kept its distance, saying": a clause
        return comma

    def speaker(self, cue_i: int, cue_j: int, lo: int, hi: int, sides: str) -> Speaker | None:
        """The best speaker for the cue ``tokens[cue_i:cue_j]`` within ``text[lo:hi]``.

        ``sides``: "B" (before the cue), "A" (after it) or both.
        """
        doc = self.doc
        if sides == "P":
            token = doc.tokens[cue_i + 1]
            return self._pronoun(token, POSSESSIVES[token[3]])
        if self._passive_listener(cue_i):
            return None  # "…, a summit has been told": who listened, the speaker unnamed
        if self._perfect(cue_i) and sides != "A":
            sides = "B"  # "members …, have said they will not back Mr. Trump": not inverted
        if "B" in sides:
            lo = self._with_participle_start(cue_i, lo)  # "…, with Peskov saying …"
            lo = self._past_dateline(lo, doc.tokens[cue_i][0])
        options: list[tuple[tuple[int, int, int], Speaker]] = []
        outright = self._outright_speaker(cue_i, cue_j, lo, sides)
        if outright is not None:
            return outright
        if "B" in sides:
            b = doc.tokens[cue_i][0]
            a = max(lo, doc.tokens[max(cue_i - 15, 0)][0], doc.text.rfind(";", lo, b) + 1)
            aside = self._interjected(cue_i, a)
            before = self._phrase_before(cue_i, lo) or self._phrase_before_aside(cue_i, aside, lo)
            found = [c for c in [before, *self._candidates(a, b)] if c]
            if before is not None and any(self._possessor_in(c, before) for c in found):
                # "Donald Trump's administration said": not Trump, nor a name before such a
                # phrase ("In response to Mr. Trump's onslaught, Mrs. Clinton's campaign said")
                owned = self._owned_person(before)
                owner = next(c for c in found if self._possessor_in(c, before))
                kept = [
                    c
                    for c in found[1:]
                    if not self._possessor_in(c, before) and (c.start >= before.end or not owned)
                ]
                if owner.actor_id and before.speaker.lower().endswith("office"):
                    # "President Ashraf Ghani's office": the office speaks for the known person
                    before = replace(before, actor_id=owner.actor_id)
                found = [before, *kept]
            found = [self._acting_for_name(c, a) for c in found if not self._oblique(c)]
            found = [c for c in found if not _in_dateline(doc.text, c)]  # "NUSA DUA – The …"
            found = [c for c in found if not self._addressed_before_participle(c, cue_i)]
            lead = self._participle_lead(cue_i)
            if any(c.start > lead for c in found):  # "Asked about Trump, Christie said"
                found = [c for c in found if c.start > lead]
            found = self._own_clause_name(found, cue_i, a)
            sourced = self._sourced_at(a, b)
            if sourced is not None and not any(c.end <= sourced for c in found):
                # «Газета со ссылкой на источники заявила»: the newspaper, not its sources
                citing = self._phrase_before(bisect.bisect_left(doc.tstarts, sourced), a)
                found = [citing, *found] if citing is not None else found
            if sourced is not None and any(c.end <= sourced for c in found):
                # «ТАСС со ссылкой на прокуратуру передал»: ТАСС, not the one it cites
                found = [c for c in found if c.end <= sourced]
            if not any(c.end <= aside for c in found):
                missed = self._name_before_aside(aside, a)  # "Moses Wetangula, speaker of …,"
                found = [missed, *found] if missed is not None else found
            outside = any(c.end <= aside for c in found)
            if outside and self._relative_aside(aside):  # "Pakistan, which …, said"
                found = [c for c in found if c.start < aside]
            apposition = self._apposition(found, aside, b) or self._untagged_apposition(
                found, aside, b
            )
            found = [apposition, *found] if apposition and apposition not in found else found
            nearest = max((c.end for c in found), default=-1)
            gerund = doc.lang == "ru" and ru_parses(doc.tokens[cue_i][2])[0].tag.POS == "GRND"
            for c in found:
                demote = int(outside and c.start > aside)
                if apposition is not None:  # "X's envoy, Zamir Kabulov, said": the name
                    demote = int(c is not apposition)
                elif c.end < nearest and self._own_clause_between(c.end, nearest):
                    demote = 1  # «Лавров провел беседу …, стороны подчеркнули»: the parties
                elif gerund and any(self._verb_between(o.end, c.start) for o in found):
                    demote = 1  # «Ливитт отказалась комментировать Келлогга, подчеркнув»
                options.append(((c.rank + demote, 0, b - c.end), c))
        if options and self._english_subject_before(cue_i, [c for _, c in options]):
            sides = "B"  # "He warned Fox host Chris Wallace:": the name after is the listener
            subjects = [c for _, c in options if self._english_subject_before(cue_i, [c])]
            pronoun = next((c for c in subjects if c.origin >= 0), None)
            if pronoun is not None and self._in_relative_clause_start(pronoun):
                return pronoun  # "…, which they said took off": they, not a name before
        if doc.lang == "en" and self._said_of(cue_j):
            sides = "B"  # "…," the developer said of Mr. Clinton: whom it is about
        if "A" in sides and cue_j < len(doc.tokens) and doc.tokens[cue_i][3] not in _TOLD:
            a, b = self._after_window(cue_j, hi)
            past = self._past_ru_setting(cue_j, hi)  # «сказал в интервью РБК глава …»
            phrase = self._phrase_after(cue_j if past is None else past, b)
            if phrase is not None and doc.lang == "ru":  # «сообщили власти»: not «власть»
                head = doc.tok_range(phrase.start, phrase.end)[0]
                phrase = self._plural_as_written(phrase, head, cue_i)
            inverted = self._inverted_after_comma(cue_i)  # '"…" for Clinton, said Kunin'
            afters = self._after_candidates(cue_j, a, b, phrase)
            for after in afters:
                if self._owner_before_name(after, afters):
                    continue  # «по словам помощника президента России Юрия Ушакова»: Ушаков
                if sides == "BA" and self._listener(after):
                    continue
                if self._place_of_origin(after):
                    continue  # «по словам блогерши из Иваново»: not Ivanovo
                if doc.lang == "en" and self._english_setting(after, cue_j):
                    continue  # "claimed on Telegram", "said in an interview with CNN"
                if (
                    doc.lang == "en"
                    and _POSSESSIVE_RE.search(_before_acquainted(after.speaker))
                    and not (sides == "A" and self._owned_person(after))
                ):
                    continue  # "repeated the group's demand": what is said, not who
                if doc.lang == "en" and self._clause_subject(after):
                    continue  # "Mr. Ross said Mr. Obama had told …": who the clause is about
                if doc.lang == "ru" and phrase is not None and after.end <= phrase.start:
                    continue  # "сообщили РИА Новости в пресс-службе": the agency listens
                if doc.lang == "ru" and self._preposition_after_cue(cue_j, after.start):
                    continue  # «спросило у жителей Киева»: whom it asked, not who
                if doc.lang == "ru" and sides == "BA" and self._object_phrase(after, cue_j):
                    continue  # «МВД предупредило демонстрантов, что …»: whom it warned
                # the name right after an inverted cue goes before the clause's names
                first = inverted and after.start == doc.tokens[cue_j][0]  # not "said at …"
                options.append(((after.rank, -1 if first else 1, after.start - a), after))
        if not options and "B" in sides:
            return self._shared_subject(cue_i, lo) or self._dropped_subject(cue_i)
        if not options and "A" in sides and doc.tokens[cue_i][3] in ("according", "as", "per"):
            return self._untagged_name_after(cue_j, hi)
        return min(options, key=lambda o: o[0])[1] if options else None

    def _outright_speaker(self, cue_i: int, cue_j: int, lo: int, sides: str) -> Speaker | None:
        """A speaker a construction around the cue names outright, tried before the
        candidates: a relative clause's antecedent ("officials who said"), a name before a
        long "who" aside, «Там сообщили», a subject shared over "and" / «и», "The judge in
        the trial of X told", «— цитирует X Reuters»."""
        tries: list[Callable[[], Speaker | None]] = []
        if "B" in sides:
            tries += [
                lambda: self._relative_antecedent(cue_i, lo),
                lambda: self._name_before_relative_aside(cue_i, lo),
                lambda: self._there(cue_i),
                lambda: self._conjoined_subject(cue_i, lo),
                lambda: self._head_before_setting(cue_i, lo),
                lambda: self._subject_before_participle_aside(cue_i, lo),
            ]
        if "B" in sides:  # «Жительница Москвы позвонила … и сказала»: not Москва
            tries.append(lambda: self._shared_subject(cue_i, lo))
        if "A" in sides:
            tries.append(lambda: self._quoted_person(cue_i, cue_j))
        for attempt in tries:
            who = attempt()
            if who is not None:
                return who
        return None

    def _owned_person(self, who: Speaker) -> bool:
        """Whether an English phrase ends in a person or body noun after a possessive
        ("according to the governor's office"), not a thing said ("the group's demand")."""
        i, j = self.doc.tok_range(who.start, who.end)
        last = self.doc.tokens[j - 1] if j > i else None
        return last is not None and last[4] in _WHO_NOUNS

    def _object_phrase(self, who: Speaker, cue_j: int) -> bool:
        """Whether a Russian noun phrase right after the cue cannot be its subject: no
        reading of its first word is nominative («предупредило демонстрантов»)."""
        if who.ner or who.actor_id or cue_j >= len(self.doc.tokens):
            return False
        first = self.doc.tokens[cue_j]
        return first[0] == who.start and not _maybe_nominative(first[2])

    def _own_clause_name(self, found: list[Speaker], cue_i: int, a: int) -> list[Speaker]:
        """Russian «США не признают юрисдикцию МУС, тогда как Великобритания заявила»: a name
        right before the cue, after the last comma, is its subject; names in the clause before
        that comma are not."""
        doc = self.doc
        comma = doc.text.rfind(",", a, doc.tokens[cue_i][0])
        if doc.lang != "ru" or comma < 0:
            return found
        cue_start = doc.tokens[cue_i][0]
        adjacent = [c for c in found if c.start > comma and not doc.text[c.end : cue_start].strip()]
        if not adjacent or not (
            adjacent[0].ner or adjacent[0].actor_id or self._located(adjacent[0])
        ):
            return found
        return [c for c in found if c.start > comma]

    def _located(self, who: Speaker) -> bool:
        """Whether a Russian speaker phrase follows «в» («в окружении Трампа рассказывали»)."""
        k = bisect.bisect_left(self.doc.tstarts, who.start)
        return k > 0 and self.doc.tokens[k - 1][3] in ("в", "во")

    def _quoted_person(self, cue_i: int, cue_j: int) -> Speaker | None:
        """Russian «— цитирует Тихого Reuters», «— приводит его слова телеканал NTV»: the
        outlet relays; the person quoted (named or a pronoun) right after the cue speaks."""
        doc, tokens = self.doc, self.doc.tokens
        quoting = tokens[cue_i][4] in QUOTING or tokens[cue_i][4] == "приводить"
        if doc.lang != "ru" or not quoting or cue_j + 1 >= len(tokens):
            return None
        word = tokens[cue_j]
        if tokens[cue_i][4] == "приводить" and tokens[cue_j + 1][3] != "слова":
            return None
        if word[3] in POSSESSIVES or word[3] == "её":
            who = self._pronoun(word, POSSESSIVES.get(word[3], "f"))
            return None if who.speaker == word[3] else who
        mention = doc.mention_at(word[0])
        if mention is not None and self.ner_type(mention) == "PER":
            return self.from_mention(mention, mention.char_start, mention.char_end)
        return None

    def _head_before_setting(self, cue_i: int, lo: int) -> Speaker | None:
        """English "The judge in the bribery trial of Senator Bob Menendez … told": a
        sentence opened by "the" / "a" and a person noun, then "in" / "at" / "on" / "from" /
        "with", and nothing but that phrase before the cue: the person noun is the subject,
        not a name inside the phrase."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "en":
            return None
        start = max(lo, doc.sentences[doc.sent_at(tokens[cue_i][0])].start)
        start = skip_dateline(doc.text, start, tokens[cue_i][0])
        i = bisect.bisect_left(doc.tstarts, start)
        if i + 3 >= cue_i or tokens[i][3] not in ("the", "a", "an"):
            return None
        k = i + 1
        while k < i + 3 and tokens[k][2].islower() and not _person_noun(tokens[k], "en"):
            k += 1
        if not (_person_noun(tokens[k], "en") and tokens[k][2].islower()):
            return None
        of = tokens[k + 1][3] == "of" and tokens[k][4] in _RELATIVES  # "The wife of X said"
        if tokens[k + 1][3] not in ("in", "at", "on", "from", "with") and not of:
            return None
        between = doc.text[tokens[k][1] : tokens[cue_i][0]]
        if any(mark in between for mark in ',;:"“”') or any(
            t[3] in VERBISH for t in tokens[k + 1 : cue_i]
        ):
            return None
        return replace(self._phrase(i + 1, cue_i, k), bare=False)

    def _subject_before_participle_aside(self, cue_i: int, lo: int) -> Speaker | None:
        """English "House Speaker Paul Ryan, asked why …, told Fox News": a person named
        before a participle aside that runs from the sentence's first comma to the comma
        right before the cue is the subject, not a name inside the aside."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "en" or cue_i == 0:
            return None
        cue = tokens[cue_i][0]
        if "," not in doc.text[tokens[cue_i - 1][1] : cue]:
            return None
        start = max(lo, doc.sentences[doc.sent_at(cue)].start)
        comma = doc.text.find(",", start, cue)
        k = bisect.bisect_left(doc.tstarts, comma)
        if comma < 0 or k >= cue_i or tokens[k][3] not in _ASIDE_PARTICIPLES:
            return None
        people = [c for c in self._candidates(start, comma) if c.ner == "PER" or c.actor_id]
        return people[-1] if people else None

    def _conjoined_subject(self, cue_i: int, lo: int) -> Speaker | None:
        """English "Brady has agreed to retain … as part of a SALT compromise and has said …":
        a cue joined by "and" to the verb phrase before it speaks for the name that opens the
        clause (within its first three words), not for a name inside that verb phrase."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "en":
            return None
        k = cue_i - 1
        while k >= 0 and (tokens[k][3] in _ADVERBS or tokens[k][3] in _CONJOINED_AUXILIARIES):
            k -= 1
        if k < 1 or tokens[k][3] != "and" or gap_breaks(doc.text, tokens[k - 1][1], tokens[k][0]):
            return None
        start = doc.sentences[doc.sent_at(tokens[cue_i][0])].start
        lead = self._participle_lead(cue_i)
        start = max(start, lo, lead + 1)
        i = bisect.bisect_left(doc.tstarts, start)
        if i + 3 >= k:
            return None
        opening = [c for c in self._candidates(start, tokens[i + 2][1]) if not self._oblique(c)]
        named = [c for c in opening if c.ner in ("PER", "ORG") or c.actor_id]
        return named[0] if named else None

    def _addressed_after_cue(self, who: Speaker) -> bool:
        """Whether an English phrase follows "to" right after a speech verb ("The gains
        suggested to some election analysts that …"): whom it was said to."""
        tokens = self.doc.tokens
        k = bisect.bisect_left(self.doc.tstarts, who.start) - 1
        while k >= 0 and tokens[k][3] in _DETERMINERS_EN | _EN_QUANTIFIED:
            k -= 1
        return k > 0 and tokens[k][3] == "to" and is_cue(tokens[k - 1])

    def _addressed_before_participle(self, who: Speaker, cue_i: int) -> bool:
        """English "sent a note to members saying …": whom something went to (after "to")
        does not say what the participle reports."""
        doc = self.doc
        if doc.lang != "en" or not doc.tokens[cue_i][3].endswith("ing"):
            return False
        k = bisect.bisect_left(doc.tstarts, who.start) - 1
        while k >= 0 and doc.tokens[k][3] in _DETERMINERS_EN:
            k -= 1
        return k >= 0 and doc.tokens[k][3] == "to"

    def _possessor_in(self, who: Speaker, phrase: Speaker) -> bool:
        """Whether ``who`` owns the head of the English speaker ``phrase`` ("Donald Trump's
        administration"): a name inside it, followed by "'s"."""
        text = self.doc.text
        return (
            self.doc.lang == "en"
            and phrase.start <= who.start
            and who.end < phrase.end
            and text[who.end : who.end + 2] in ("'s", "’s")
        )

    def _past_dateline(self, lo: int, cue_start: int) -> int:
        """``lo`` past a wire dateline opening its line ("YANGON (Reuters) - Members of …
        said": not part of the speaker phrase)."""
        text = self.doc.text
        line = text.rfind("\n", 0, cue_start) + 1
        return max(lo, skip_dateline(text, line, cue_start)) if line >= lo else lo

    def _with_participle_start(self, cue_i: int, lo: int) -> int:
        """English "…, with Kremlin spokesman Dmitry Peskov saying …": where the words naming
        the participle's subject begin (after "with"); ``lo`` otherwise."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "en" or not tokens[cue_i][3].endswith("ing"):
            return lo
        for k in range(cue_i - 1, max(cue_i - _WITH_REACH, -1), -1):
            if tokens[k][0] < lo or gap_breaks(doc.text, tokens[k][1], tokens[k + 1][0]):
                return lo
            if tokens[k][3] == "with":
                return tokens[k][1] if k + 1 < cue_i else lo
        return lo

    def _passive_listener(self, cue_i: int) -> bool:
        """Whether an English "told" / "warned" is passive ("has been told", "were warned"):
        its subject listened."""
        tokens = self.doc.tokens
        return (
            self.doc.lang == "en"
            and cue_i > 0
            and tokens[cue_i][4] in TELLING_EN
            and tokens[cue_i][3] != tokens[cue_i][4]  # "told", not "tell"
            and tokens[cue_i - 1][3] in _PASSIVE_AUXILIARIES
        )

    def _inverted_after_comma(self, cue_i: int) -> bool:
        """Whether an English cue follows a comma right away (", said Kunin"): its subject
        comes after it, before any name in the clause before the comma."""
        doc = self.doc
        if doc.lang != "en" or cue_i == 0 or doc.tokens[cue_i][3] not in _INVERTED_CUES:
            return False
        return "," in doc.text[doc.tokens[cue_i - 1][1] : doc.tokens[cue_i][0]]

    def _untagged_name_after(self, k: int, hi: int) -> Speaker | None:
        """English "according to (Italian press outlet) Corriere della Sera, …": a capitalised
        name NER did not tag, ending at the comma within eight words after the cue (lower-case
        particles inside), or at the end of the sentence; a source noun after it is left out
        ("…, according to FEC filings.": the FEC)."""
        doc = self.doc
        if k >= len(doc.tokens):
            return None
        a = doc.tokens[k][0]
        comma = doc.text.find(",", a, hi)
        end = comma if comma >= 0 else a + len(doc.text[a:hi].rstrip().rstrip(".!?\"”’'"))
        if gap_breaks(doc.text, a, end) or len(doc.text[a:end].split()) > 8:
            return None
        i, j = doc.tok_range(a, end)
        if j - 1 > i and doc.tokens[j - 1][4] in SOURCE_NOUNS and doc.tokens[j - 1][2].islower():
            end = doc.tokens[j - 2][1]
        match = _UNTAGGED_NAME_RE.search(doc.text, a, end)
        if match is None or match.group().split()[0].lower() in _EN_DAYS:
            return None  # "according to an October 2021 report": a date, not a name
        return Speaker(match.group(), None, 1, match.start(), match.end(), ner="ORG")

    def _verb_between(self, a: int, b: int) -> bool:
        """Russian: whether ``text[a:b]`` (``a`` < ``b``, one clause) holds a finite verb, so a
        name after it is that verb's object, not the subject a gerund cue shares."""
        return a <= b and not gap_breaks(self.doc.text, a, b) and self._finite_verb_in(a, b)

    def _own_clause_between(self, a: int, b: int) -> bool:
        """Russian: whether ``text[a:b]`` holds a comma and a finite verb, so that a speaker
        before it is the subject of another clause."""
        doc = self.doc
        return doc.lang == "ru" and "," in doc.text[a:b] and self._finite_verb_in(a, b)

    def _finite_verb_in(self, a: int, b: int) -> bool:
        i, j = self.doc.tok_range(a, b)
        return any(ru_parses(t[2])[0].tag.POS == "VERB" for t in self.doc.tokens[i:j])

    def _english_subject_before(self, cue_i: int, found: list[Speaker]) -> bool:
        """Whether an English candidate ends right before the cue (adverbs aside), in the
        same clause: the cue's subject ("He warned …", "The ministry told …")."""
        doc = self.doc
        if doc.lang != "en":
            return False
        k = cue_i - 1
        while k >= 0 and doc.tokens[k][3] in _ADVERBS:
            k -= 1
        if k < 0 or gap_breaks(doc.text, doc.tokens[k][1], doc.tokens[cue_i][0]):
            return False
        return any(c.end == doc.tokens[k][1] for c in found)

    def _shared_subject(self, cue_i: int, lo: int) -> Speaker | None:
        """Russian «Многие москвичи не любят этот памятник и считают, что …»: a cue joined by
        «и» to a verb before it shares that verb's subject."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "ru" or cue_i == 0 or tokens[cue_i - 1][3] != "и":
            return None
        # from the sentence's start: «Кобахидзе обвинил «часть политиков» … и заявил»
        start = min(lo, doc.sentences[doc.sent_at(tokens[cue_i][0])].start)
        v, opening = cue_i - 2, -1
        while v > max(cue_i - 16, -1):
            if tokens[v][0] < start:
                return None
            if v + 1 != opening and gap_breaks(doc.text, tokens[v][1], tokens[v + 1][0]):
                opening = self._relative_clause_start(v, start) or -1
                if opening < 0:
                    return None
                v = opening - 1  # «список военных, которые … находятся в России, и выразила»
                continue
            if ru_parses(tokens[v][2])[0].tag.POS == "VERB":
                if doc.in_quote(tokens[v][0]):
                    return None  # «Синоптики «переобулись» и рекомендуют»: a quoted word
                if v > 0 and tokens[v - 1][3] == "не":  # «москвичи не любят …»
                    v -= 1
                return self.speaker(v, v + 1, start, tokens[v][0], "B")
            v -= 1
        return None

    def _relative_clause_start(self, last: int, start: int) -> int | None:
        """The first token of a Russian «который» clause between commas that ends at
        ``tokens[last]`` (within 12 words, after ``start``), else None."""
        tokens, text = self.doc.tokens, self.doc.text
        if text[tokens[last][1] : tokens[last + 1][0]].strip() != ",":
            return None
        for k in range(last, max(last - 12, 0), -1):
            a, b = tokens[k - 1][1], tokens[k][0]
            if tokens[k][0] < start or (gap_breaks(text, a, b) and text[a:b].strip() != ","):
                return None
            if text[a:b].strip() == ",":
                after = tokens[k][3] in PREPOSITIONS | {"в", "во"}
                opens = tokens[k][4] == "который" or (
                    after and k < last and tokens[k + 1][4] == "который"
                )
                return k if opens else None
        return None

    def _dropped_subject(self, cue_i: int) -> Speaker | None:
        """Russian «Олег Белов выступил на форуме. Заявил, что …»: a singular cue verb that
        opens its sentence, with no subject and a comma or colon right after it, speaks for the
        person or body the sentences before name as their subject (as «он» / «она» would)."""
        if not self._opening_cue(cue_i):
            return None
        cue = self.doc.tokens[cue_i]
        tag = ru_parses(cue[2])[0].tag
        if tag.POS != "VERB" or tag.number != "sing":
            return None
        kind = {"masc": "m", "femn": "f"}.get(str(tag.gender)) if tag.tense == "past" else "m"
        if kind is None or (tag.tense != "past" and tag.person != "3per"):
            return None
        who = self._pronoun(cue, kind)
        return None if who.speaker == cue[3] else replace(who, start=cue[0], end=cue[0])

    def _there(self, cue_i: int) -> Speaker | None:
        """Russian «Там сообщили, что …» opening its sentence: the body the sentence before
        puts it in («В Госдуме предложили …», «в Парке Горького»), else the organisation it
        names last («…, сообщает Гидрометцентр России»)."""
        doc, tokens = self.doc, self.doc.tokens
        t = cue_i - 1
        if t > 0 and tokens[t][3] in _THERE_TOO:
            t -= 1
        if doc.lang != "ru" or t < 0 or tokens[t][3] != "там":
            return None
        sent = doc.sent_at(tokens[t][0])
        if sent == 0 or doc.tok_range(doc.sentences[sent].start, tokens[t][0])[0] != t:
            return None
        prev = doc.sentences[sent - 1]
        i, j = doc.tok_range(prev.start, prev.end)
        a, b = tokens[t][0], tokens[t][1]
        closing = self._closing_attribution(i, j)  # «…, сообщило китайское минобороны.»
        if closing is not None:
            return replace(closing, start=a, end=b)
        for k in range(i, j - 1):
            if tokens[k][3] not in ("в", "во") or not _locative(tokens[k + 1][2]):
                continue
            m = doc.mention_at(tokens[k + 1][0])
            if m is not None and _geographic(m.text.split()[0]):
                continue  # «в Москве»: a city, not a body
            place = self.from_mention(m, a, b) if m else self._phrase_after(k + 1, prev.end)
            if place is not None and (m is not None or self._source_words(place)):
                return replace(place, start=a, end=b)  # not «в военных целях»
        bodies = [
            m
            for m in doc.mentions_in(prev.start, prev.end)
            if self.ner_type(m) == "ORG" and not doc.in_quote(m.char_start)
        ]
        subjects = [m for m in bodies if _maybe_nominative(m.text.split()[0])]
        bodies = subjects[:1] or bodies[-1:]  # «Ассоциация … направила в Госдуму»
        return self.from_mention(bodies[0], a, b) if bodies else None

    def _closing_attribution(self, i: int, j: int) -> Speaker | None:
        """The body phrase after a cue that follows a comma in ``tokens[i:j]`` («…, сообщило
        китайское минобороны»), else None."""
        tokens = self.doc.tokens
        for k in range(j - 2, i, -1):
            if is_cue(tokens[k]) and "," in self.doc.text[tokens[k - 1][1] : tokens[k][0]]:
                who = self.speaker(k, k + 1, tokens[k - 1][1], tokens[j - 1][1], "A")
                return who if who is not None and who.rank == 1 else None
        return None

    def _owner_before_name(self, who: Speaker, others: list[Speaker]) -> bool:
        """Russian: whether ``who`` names the owner in a title before a person's name («помощника
        президента России Юрия Ушакова»): a genitive right after a lower-case noun, with a
        named person after it in the same phrase."""
        doc = self.doc
        k = bisect.bisect_left(doc.tstarts, who.start)
        if doc.lang != "ru" or k >= len(doc.tokens) or doc.tokens[k][0] != who.start:
            return False
        if self._noun_before(k) is None or not _genitive(doc.tokens[k][2]):
            return False
        return any(
            o.ner == "PER" and o.start >= who.end and not gap_breaks(doc.text, who.end, o.start)
            for o in others
            if o is not who
        )

    def _after_candidates(
        self, cue_j: int, a: int, b: int, phrase: Speaker | None
    ) -> list[Speaker]:
        """Speakers after the cue in ``text[a:b]``, without those a Russian medium or source
        only frames (see :meth:`_from_source`, :meth:`_medium_before_place`)."""
        quoted = self._quoted_by_medium(cue_j, phrase)
        if quoted is not None:
            return [quoted]
        named = self._surname_after_medium(cue_j, b)
        afters = [c for c in [phrase, named, *self._candidates(a, b)] if c is not None]
        learnt = [c for c in afters if self._from_source(c)]
        if learnt and len(learnt) < len(afters):  # «узнал «Коммерсант» из проекта …»
            afters = [c for c in afters if not self._from_source(c)]
        medium = self._medium_before_place(cue_j, b)
        if medium is None:
            return afters
        if not any(c.start > medium for c in afters):
            body = self._body_after(medium, b)  # «заявили РИА Новости в пресс-службе …»
            afters += [body] if body is not None else []
        # «сообщили РИА Новости в региональном СК»: the agency listens, the body speaks
        return [c for c in afters if c.start > medium] or afters

    def _quoted_by_medium(self, cue_j: int, phrase: Speaker | None) -> Speaker | None:
        """Russian «— цитирует ТАСС Пескова», «цитирует Газета.Ru выступление Порошенко»,
        «цитирует РБК режиссёра», «цитирует Лента.ру заявление объединения «Фратрия»»: whom the
        outlet quotes (a person named or NER missed, a body after a speech noun, else the noun
        phrase after the outlet), not the outlet."""
        doc = self.doc
        if doc.lang != "ru" or not cue_j or doc.tokens[cue_j - 1][4] not in QUOTING:
            return None
        k, end = cue_j, min(cue_j + 10, len(doc.tokens))
        stop = doc.sentences[doc.sent_at(doc.tokens[cue_j - 1][0])].end  # past the outlet
        spoken = False  # after «заявление», «слова»: a body's name is whom it quotes
        while k < end and doc.tokens[k][1] <= stop:
            token = doc.tokens[k]
            mention = doc.mention_at(token[0])
            if mention is not None and (
                self.ner_type(mention) == "PER" or (spoken and self.ner_type(mention) == "ORG")
            ):
                return self.from_mention(mention, mention.char_start, mention.char_end)
            surname = self._surname_at(k) if mention is None and k > cue_j else None
            if surname is not None:
                return surname
            if mention is None and k > cue_j and not spoken and self._speaker_noun(k):
                titled = (  # «… пресс-секретаря ведомства Ивана Ли», not «пресс-службу Ли»
                    self._person_after_title(k, stop) if _person_noun(token, "ru") else None
                )
                if titled is not None:
                    return self.from_mention(titled, titled.char_start, titled.char_end)
                return self._phrase(k, self._noun_phrase_end(k, end), k)  # «цитирует РБК режиссёра»
            spoken = spoken or token[4] in _QUOTED_WORDS
            k = bisect.bisect_left(doc.tstarts, mention.char_end) if mention else k + 1
        return phrase if phrase is not None and phrase.start > doc.tokens[cue_j][0] else None

    def _person_after_title(self, head: int, stop: int) -> Mention | None:
        """A person named within twelve words after the title noun ``tokens[head]`` with only
        the title's words between (no verb, no clause punctuation, before ``stop``)."""
        doc = self.doc
        for k in range(head + 1, min(head + 13, len(doc.tokens))):
            token = doc.tokens[k]
            if token[1] > stop or gap_breaks(doc.text, doc.tokens[k - 1][1], token[0]):
                return None
            mention = doc.mention_at(token[0])
            if mention is not None and self.ner_type(mention) == "PER":
                return mention
            if ru_parses(token[2])[0].tag.POS in ("VERB", "GRND", "INFN", "PRTF", "PRTS"):
                return None
        return None

    def _noun_phrase_end(self, head: int, end: int) -> int:
        """Where the noun phrase of ``tokens[head]`` ends: three more words at most, not past a
        stop word or clause punctuation."""
        tokens, last = self.doc.tokens, head + 1
        while (
            last < min(end, head + 4)
            and tokens[last][3] not in _PHRASE_END
            and not gap_breaks(self.doc.text, tokens[last - 1][1], tokens[last][0])
        ):
            last += 1
        return last

    def _place_of_origin(self, who: Speaker) -> bool:
        """A Russian place named after «из» («блогерша из Иваново»): where someone is from."""
        return who.ner == "LOC" and self._from_source(who)

    def _surname_after_medium(self, cue_j: int, b: int) -> Speaker | None:
        """«сообщил РИА Новости Рогов»: a surname NER missed right after a medium that listens."""
        doc = self.doc
        if doc.lang != "ru" or cue_j >= len(doc.tokens):
            return None
        medium = doc.mention_at(doc.tokens[cue_j][0])
        if medium is None or self.ner_type(medium) != "ORG":
            return None
        k = bisect.bisect_left(doc.tstarts, medium.char_end)
        if k >= len(doc.tokens) or doc.tokens[k][1] > b or doc.mention_at(doc.tokens[k][0]):
            return None
        return self._surname_at(k)

    def _relative_antecedent(self, cue_i: int, lo: int) -> Speaker | None:
        """Russian «демонстранты, которые … считают, что …» / «X, который заявил …»: the
        person, body or speaker noun right before the comma of the relative subject."""
        doc = self.doc
        tokens = doc.tokens
        if doc.lang == "en":
            return self._english_relative_antecedent(cue_i, lo)
        if doc.lang != "ru":
            return None
        t = cue_i - 1
        while t > 0 and cue_i - t <= 15 and tokens[t][0] >= lo:
            if gap_breaks(doc.text, tokens[t][1], tokens[t + 1][0]):
                return None
            if tokens[t][3] in _RELATIVE:
                break
            t -= 1
        else:
            return None
        if tokens[t][2][:1].isupper():  # "Который после матча заявил, что …": a sentence
            return self._previous_person(tokens[t][0])  # about the person named just before
        k = t - 1
        if tokens[k][0] < lo or "," not in doc.text[tokens[k][1] : tokens[t][0]]:
            return None
        mention = doc.mention_at(tokens[k][0])
        if mention is not None:
            if self.ner_type(mention) not in ("PER", "ORG"):
                return None
            return self.from_mention(mention, mention.char_start, mention.char_end)
        if not self._speaker_noun(k):
            return None
        return self._phrase(self._extend_left(k, lo), k + 1, k)

    def _name_before_relative_aside(self, cue_i: int, lo: int) -> Speaker | None:
        """English "“…,” Senator John McCain, who was a prisoner … in 1967, said": a named
        person or body right before a "who" / "which" aside that ends with the comma before
        the cue, however long the aside."""
        doc = self.doc
        if doc.lang != "en" or cue_i == 0:
            return None
        b = doc.tokens[cue_i][0]
        if doc.text[doc.tokens[cue_i - 1][1] : b].strip() != ",":
            return None
        aside = max(doc.text.rfind(", who ", lo, b), doc.text.rfind(", which ", lo, b))
        if aside < 0 or any(mark in doc.text[aside:b] for mark in '"“”«»'):
            return None
        mention = doc.mention_at(aside - 1)
        if mention is None or self.ner_type(mention) not in ("PER", "ORG"):
            return None
        return self.from_mention(mention, mention.char_start, mention.char_end)

    def _english_relative_antecedent(self, cue_i: int, lo: int) -> Speaker | None:
        """English "the report which says …", "officials who said …": the body, document or
        person noun right before the relative word before the cue (a name is left to the
        rules, which read "X, who said" already)."""
        tokens = self.doc.tokens
        k = cue_i - 2
        if k < 0 or tokens[k][0] < lo or tokens[cue_i - 1][3] not in ("which", "who", "that"):
            return None
        if self.doc.mention_at(tokens[k][0]) is not None or not self._speaker_noun(k):
            return None
        return self._phrase(self._extend_left(k, lo), k + 1, k)

    def _previous_person(self, pos: int) -> Speaker | None:
        """The last person named in the sentence before the one at ``pos``."""
        doc = self.doc
        here = doc.sent_at(pos)
        if here == 0 or doc.sentences[here].start < pos - 3:
            return None
        prev = doc.sentences[here - 1]
        named = [m for m in doc.mentions_in(prev.start, prev.end) if self._is_name(m)]
        if not named:
            return None
        return self.from_mention(named[-1], named[-1].char_start, named[-1].char_end)

    def _perfect(self, cue_i: int) -> bool:
        """An English cue after "has" / "have" / "had": its subject comes before it (no "…,
        has said X" inversion)."""
        return self.doc.lang == "en" and cue_i > 0 and self.doc.tokens[cue_i - 1][3] in _PERFECT

    def _oblique(self, who: Speaker) -> bool:
        """A Russian named mention that cannot be nominative, so not the subject of the cue
        ("Защита Трампа настаивает", "Фильм о молодости Трампа рассказывает"); an English one
        after a preposition of place or medium ("opposed wind power on Twitter, saying")."""
        doc = self.doc
        mention = doc.mention_at(who.start)
        if mention is None or mention.char_start != who.start:
            return False
        i, j = doc.tok_range(mention.char_start, mention.char_end)
        if doc.lang == "en":  # "on Twitter, saying", "Speaking at the UN, Lavrov said"
            place = self.ner_type(mention) in ("LOC", "GPE")  # "support for Ukraine, … said"
            titled = i > 1 and doc.tokens[i - 1][3].rstrip(".") in _EN_TITLE_GENDER
            if i > 1 and doc.tokens[i - 1 - titled][3] in ("about", "against"):
                return True  # "questions about Mr. Trump before saying": spoken about
            k = i - 1 - (i > 0 and doc.tokens[i - 1][3] == "the")
            if k > 0 and doc.tokens[k][3] == "to" and self._speaker_noun(k - 1):
                return True  # "the North Korean mission to the United Nations said"
            return i > 0 and (
                (
                    doc.tokens[i - 1][3] in _EN_SETTING_PREPOSITIONS
                    and not (i > 1 and self._speaker_noun(i - 2))  # "an article in Politico"
                )
                or (place and doc.tokens[i - 1][3] in _EN_PLACE_PREPOSITIONS)
            )
        if doc.lang != "ru":
            return False
        if i and doc.tokens[i - 1][4] in _INTERVIEWS:
            return True  # «Зеленский в интервью CNN заявил»: the medium listens
        if i and doc.tokens[i - 1][4] in _PLATFORMS_RU:
            return True  # «разведка в посте в соцсети X пишет»: where, not who
        if i and doc.tokens[i - 1][3] in ("в", "во"):
            return False  # "В Госдепартаменте сообщили": the body speaks
        if i and doc.tokens[i - 1][3] in PREPOSITIONS:
            return True  # «Эвакуированные из-под Часова Яра мирные жители рассказали»
        if j - i >= 2 and _nominative_first_name(doc.tokens[i][2]):
            return False  # «Валерий Гелетей заявил»: the first name shows the case
        if j - i >= 2 and _oblique_first_name(doc.tokens[i][2]):
            return True  # «Бывшего адвоката Ивана Сафронова попросили …»
        if i and self.ner_type(mention) == "LOC" and self._place_of_noun(i):
            return True  # «Офис генерального прокурора Украины объявил»: the office's country
        word = doc.tokens[j - 1][3] if j > i else ""
        return (
            word.endswith(_OBLIQUE_ENDINGS)
            and not word.endswith(_FEMININE_NOMINATIVE)
            and not _maybe_nominative(doc.tokens[j - 1][2])
            and not (self.ner_type(mention) == "PER" and indeclinable_foreign(doc.tokens[j - 1][2]))
        )  # «Нико Ланге заявил», «Таяни»: a foreign name that does not decline

    def _english_setting(self, who: Speaker, cue_j: int) -> bool:
        """An English name after the cue and a preposition of place or medium that is not the
        cue's own ("according to")."""
        return self._oblique(who) and bisect.bisect_left(self.doc.tstarts, who.start) > cue_j

    def _place_of_noun(self, i: int) -> bool:
        """Whether the place named at ``tokens[i]`` right after a lower-case noun is that
        noun's genitive («прокурора Украины»)."""
        before = self._noun_before(i)
        if before is None or before[4] in DOCUMENT_NOUNS:
            return False  # «в заявлении КНДР»: the document's author
        return _genitive(self.doc.tokens[i][2])

    def _relative_aside(self, aside: int) -> bool:
        """Whether the comma phrase at ``aside`` is a relative clause ("…, which has long been
        accused of sheltering Taliban leaders,", «…, которые увеличили присутствие в Сенате,»):
        no speaker inside it."""
        doc = self.doc
        k = bisect.bisect_left(doc.tstarts, aside)
        if doc.text[aside : aside + 1] != "," or k >= len(doc.tokens):
            return False
        if doc.lang == "ru":  # «Республиканцы, которые …, обещают», «…, в которой …,»
            of = k + 1 < len(doc.tokens) and doc.tokens[k][3] in PREPOSITIONS | {"в", "во"}
            return doc.tokens[k + of][4] == "который"
        return doc.lang == "en" and doc.tokens[k][3] in ("which", "who", "whose", "whom")

    def _name_before_aside(self, aside: int, lo: int) -> Speaker | None:
        """English "Moses Wetangula, speaker of the National Assembly, said" where NER missed
        the name: two or three capitalised words that open the sentence right before the
        comma of the aside, as a person (not a body, a day or an article's "The")."""
        doc = self.doc
        if doc.lang != "en" or doc.text[aside : aside + 1] != ",":
            return None
        start = max(lo, doc.sentences[doc.sent_at(aside)].start)
        i, j = doc.tok_range(start, aside)
        words = doc.tokens[i:j]
        if not 2 <= len(words) <= 3 or doc.text[start : words[0][0]].strip():
            return None
        if any(not self._name_word(k, start) for k in range(i, j - 1)):
            return None
        last = words[-1]
        if not self._surname_word(last) or doc.mention_at(last[0]) is not None:
            return None
        a, b = words[0][0], last[1]
        return Speaker(doc.text[a:b], None, 0, a, b, ner="PER")

    def _apposition(self, found: list[Speaker], aside: int, cue: int) -> Speaker | None:
        """The personal name that fills the comma phrase right before the cue, if any."""
        text = self.doc.text
        if text[aside : aside + 1] != ",":
            return None
        inside = [c for c in found if c.start > aside]
        if len(inside) != 1 or inside[0].rank != 0 or inside[0].bare:
            return None
        name = inside[0]
        mention = self.doc.mention_at(name.start)
        if mention is None or not self._is_name(mention):
            return None
        if text[aside + 1 : name.start].strip() or text[name.end : cue].strip() != ",":
            return None
        return name if any(c.end <= aside for c in found) else None

    @staticmethod
    def _surname_word(token: Scanned) -> bool:
        """Whether ``token`` may end an English personal name NER missed or mistyped: a
        capitalised word of two letters or more, not a day, a body or a source noun."""
        return (
            token[2][:1].isupper()
            and token[2].isalpha()
            and len(token[2]) > 1
            and token[3] not in _EN_DAYS
            and token[4] not in BODY_NOUNS | SOURCE_NOUNS
        )

    def _untagged_apposition(self, found: list[Speaker], aside: int, cue: int) -> Speaker | None:
        """English "a spokesperson for the authority, Annika Collin, confirmed" where NER did not
        type the name a person: two or three capitalised words alone between the comma right
        after a candidate and the one before the cue, no registry actor, as a person."""
        doc = self.doc
        if doc.lang != "en" or doc.text[aside : aside + 1] != ",":
            return None
        if not any(doc.text[c.end : aside].strip(' .”"') == "" for c in found):
            return None
        comma = doc.text.rfind(",", aside + 1, cue)
        if comma < 0 or doc.text[comma:cue].strip() != ",":
            return None
        i, j = doc.tok_range(aside + 1, comma)
        if not 2 <= j - i <= 3 or not all(self._name_word(k, aside) for k in range(i, j - 1)):
            return None
        last = doc.tokens[j - 1]
        if not self._surname_word(last):
            return None
        a, b = doc.tokens[i][0], last[1]
        if self.registry.find(doc.text[a:b], doc.lang, doc.when):
            return None
        return Speaker(doc.text[a:b], None, 0, a, b, ner="PER")

    def _listener(self, who: Speaker) -> bool:
        """A Russian noun after the cue that cannot be nominative: «заявил "Деньгам"»; an
        English phrase after "to" right after the cue ("suggested to some analysts that")."""
        if self.doc.lang == "en":
            return self._addressed_after_cue(who)
        if self.doc.lang != "ru":
            return False
        i, j = self.doc.tok_range(who.start, who.end)
        body = who.ner == "ORG" or (not who.ner and not who.actor_id and who.rank == 1)
        if i and self.doc.tokens[i - 1][3] in ("в", "во") and body:
            return False  # «сообщили в Ростехе / в прокуратуре»: the body, in the locative
        if who.ner == "PER" and indeclinable_foreign(self.doc.tokens[j - 1][2]):
            return False  # «— добавил Рютте»: a foreign name that does not decline
        return j > i and all(only_dative(t[2]) for t in self.doc.tokens[i:j])

    # the subject of a parsed speech verb ---------------------------------------------------
    def subject_speaker(self, clause: Clause) -> Speaker | None:
        """The speaker named by a parsed subject: its mention, the named apposition
        ("X's envoy, Zamir Kabulov"), a resolved pronoun or the noun phrase up to its head."""
        doc = self.doc
        colon = doc.text.rfind(":", clause.head_end, clause.cue_start)
        if colon >= 0:  # "Zelensky Exposed: Former Advisor Reveals …": the subject is after it
            return self._after_colon(colon, clause.cue_start)
        adjacent = self._person_right_before(clause)
        if adjacent is not None:  # "…, House Democratic leader Nancy Pelosi called for": the
            return adjacent  # parse took a phrase before the comma for the subject
        head = doc.mention_at(clause.head_start)
        if head is not None and doc.text.startswith(("'s ", "’s "), head.char_end):
            owned = [  # "University of Alberta's Olav Rueppell": the person, not the owner
                m
                for m in doc.mentions_in(head.char_end, clause.subject_end)
                if self.ner_type(m) == "PER"
            ]
            head = owned[0] if owned else head
        if head is not None:
            who = self.from_mention(head, head.char_start, head.char_end)
            if _in_dateline(doc.text, who):  # "NUSA DUA – The European Council president urged"
                k = doc.tok_range(clause.cue_start, clause.cue_end)[0]
                found = self.speaker(k, k + 1, who.end, clause.cue_start, "B")
                # a person or body before the verb, not a place inside another subject
                # ("NEW DELHI … – Indian participation in the Moscow talks showed")
                return found if found is not None and found.rank <= 1 else None
            return who
        acting = self._acting_for(clause)
        if acting is not None:
            return acting
        titled = self._name_after_subject(clause) if doc.lang == "en" else None
        if titled is not None:  # "ratings agency Fitch has said": the parse cut the name off
            return titled
        part = self.part_of_group(clause)
        if part is not None:  # "Two of the sources with ties to the White House said"
            return part
        named = [
            m
            for m in doc.mentions_in(clause.subject_start, clause.subject_end)
            if self._is_name(m)
            and not doc.text.startswith(("'s", "’s"), m.char_end)
            and not (m.char_start > clause.head_start and self._modifier_name(m, clause))
            and not (doc.lang == "ru" and self._after_preposition(m))
            and not self._english_name_modifier(m, clause)
            and not self._in_subject_relative(m, clause)
        ]  # «Защита Трампа настаивает»: the defence, not Trump; «жители из-под Часова Яра»
        if named:
            return self.from_mention(named[-1], named[-1].char_start, named[-1].char_end)
        apposed = self._apposed_body(clause)
        if apposed is not None:
            return apposed
        i, j = doc.tok_range(clause.subject_start, clause.head_end)
        if j <= i:
            return None
        if doc.lang == "en" and j - i == 1 and doc.tokens[i][3] in _EN_QUANTIFIED:
            token = doc.tokens[i]  # "as some argue that …", "Others say …"
            return Speaker(token[2], None, 0, token[0], token[1])
        if clause.head_pos == "PRON":
            token = doc.tokens[j - 1]
            if doc.lang == "en" and token[3] in ("those", "these"):
                return self._counted_people(clause)  # "Those surveyed say …"
            return self._pronoun(token) if token[3] in PRONOUNS else None
        if doc.lang == "ru" and clause.head_pos in ("VERB", "ADJ", "NUM") and j - i == 1:
            # a participle, adjective or numeral as the subject: «Задержанный сказал»,
            # «Один из студентов рассказал»
            last = min(doc.tok_range(clause.subject_start, clause.subject_end)[1], i + 4)
            a, b = doc.tokens[i][0], doc.tokens[last - 1][1]
            name = doc.text[a:b] if last - i > 1 else nominative_name(doc.text[a:b], "ru")
            return Speaker(name, None, 1, a, b)
        if doc.lang == "en" and clause.head_pos == "NUM":
            return self._counted_people(clause)  # "Two in three said they …"
        if clause.head_pos not in ("NOUN", "PROPN"):
            return None
        if doc.lang == "en" and j - i >= 3 and doc.tokens[i][3] in ("a", "an"):
            final = doc.tokens[j - 1]
            if final[3] != final[4] and final[4] in _WHO_NOUNS:  # "a move critics say": "a" and a
                i = j - 1  # plural head are no one phrase; the head is the critics
        while i < j - 1 and doc.tokens[i][3] in NP_STOP:
            i += 1
        group = self._counted_group(j, clause.subject_end) if doc.lang == "en" else None
        if group is not None:  # "growing number of Western rulers": the whole phrase
            return self._phrase(i, self._place_after(group, clause.subject_end), group - 1)
        possessed = doc.tokens[i][3] in _EN_POSSESSIVES or doc.tokens[i][3] == "its"
        if doc.lang == "en" and possessed and not self._speaker_noun(j - 1):
            return None  # "Iran says its nuclear program is … and denies …": no one speaks
        cue_i = doc.tok_range(clause.cue_start, clause.cue_end)[0]
        phrase = self._phrase(i, self._place_after(j, clause.subject_end), j - 1)
        return self._plural_as_written(phrase, j - 1, cue_i)

    def _person_right_before(self, clause: Clause) -> Speaker | None:
        """An English person named right before the cue, after the comma that ends the parsed
        subject, when the parse's subject lies before that comma."""
        doc = self.doc
        if doc.lang != "en":
            return None
        k = bisect.bisect_left(doc.tstarts, clause.cue_start) - 1
        while k >= 0 and doc.tokens[k][3] in _ADVERBS:
            k -= 1
        m = doc.mention_at(doc.tokens[k][0]) if k >= 0 else None
        m = m if m is not None and m.char_end == doc.tokens[k][1] else None
        if m is None or self.ner_type(m) != "PER" or m.char_start < clause.head_end:
            return None
        if "," not in doc.text[clause.head_end : m.char_start]:
            return None
        if gap_breaks(doc.text, m.char_end, clause.cue_start):
            return None  # "Sanders, who … endorsed Clinton, said": the name ends an aside
        return self.from_mention(m, m.char_start, m.char_end)

    def _in_subject_relative(self, m: Mention, clause: Clause) -> bool:
        """Whether an English name stands in a relative clause after the subject's head
        ("three women who had accused Trump of misconduct said": the women)."""
        if self.doc.lang != "en" or m.char_start < clause.head_end:
            return False
        i, j = self.doc.tok_range(clause.head_end, m.char_start)
        return any(t[3] in _EN_RELATIVES or t[3] == "that" for t in self.doc.tokens[i:j])

    def _name_after_subject(self, clause: Clause) -> Speaker | None:
        """An English name right after a parsed subject with only auxiliaries and adverbs
        between it and the verb ("ratings agency Fitch has said", parsed with "ratings agency"
        as the subject): the name the subject titles."""
        doc = self.doc
        after = [
            m
            for m in doc.mentions_in(clause.subject_end, clause.cue_start)
            if self.ner_type(m) in ("PER", "ORG")
        ]
        if not after or doc.text[clause.subject_end : after[0].char_start].strip():
            return None
        m = after[0]
        i, j = doc.tok_range(m.char_end, clause.cue_start)
        between = doc.tokens[i:j]
        if any(t[3] not in VERBISH and t[3] not in _ADVERBS for t in between):
            return None
        return self.from_mention(m, m.char_start, m.char_end)

    def _counted_group(self, j: int, end: int) -> int | None:
        """English "a growing number of Western rulers", "a majority of economists": after a
        quantity noun at ``tokens[j - 1]``, the end of the group its "of" names (before a
        preposition, a relative word or "and", within the subject ending at ``end``)."""
        tokens = self.doc.tokens
        if tokens[j - 1][3] not in _EN_QUANTITY_NOUNS or j >= len(tokens) or tokens[j][3] != "of":
            return None
        stop = j + 1
        while stop < len(tokens) and tokens[stop][1] <= end and tokens[stop][3] not in _GROUP_STOPS:
            stop += 1
        return stop if stop > j + 1 else None

    def _place_after(self, j: int, end: int) -> int:
        """English "Officials in Kabul": the end of an "in" / "from" phrase of a capitalised
        place (up to three words) right after the subject's head at ``tokens[j - 1]``, within
        the subject (ending at ``end``); else ``j``."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "en" or j >= len(tokens) or tokens[j][3] not in ("in", "from"):
            return j
        k = j + 1
        while k < min(len(tokens), j + 4) and tokens[k][1] <= end and tokens[k][2][:1].isupper():
            k += 1
        return k if k > j + 1 and not gap_breaks(doc.text, tokens[j][1], tokens[k - 1][0]) else j

    def part_of_group(self, clause: Clause) -> Speaker | None:
        """An English subject that counts part of a group of people or bodies ("Two of the
        sources with ties to the White House", "Some of the 16 lobbyists interviewed by
        Reuters"): the words up to the group's noun, as one phrase; names after it only
        modify it."""
        doc = self.doc
        if doc.lang != "en":
            return None
        i, j = doc.tok_range(clause.subject_start, clause.subject_end)
        k = doc.tok_range(clause.head_start, clause.head_end)[0]
        if k != i or k + 2 >= j or doc.tokens[k][3] not in _EN_PART_OF:
            return None
        if doc.tokens[k + 1][3] != "of":
            return None
        n = k + 2 + (doc.tokens[k + 2][3] in _EN_GROUP_DETERMINERS)
        n += n < j and doc.tokens[n][2].isdigit()
        if n >= j or not self._speaker_noun(n):
            return None
        if doc.tokens[n][3] == doc.tokens[n][4] and doc.tokens[n][3] not in _EN_PLURAL_NOUNS:
            return None  # a plural person or body noun ("sources"), not "one of the reasons"
        a, b = doc.tokens[i][0], doc.tokens[n][1]
        return Speaker(doc.text[a:b], None, 1, a, b)

    def _counted_people(self, clause: Clause) -> Speaker | None:
        """An English numeral subject counting people ("Two in three said …", "More than six
        in 10 said …", "all but two said …") or a demonstrative with its modifier ("Those
        surveyed say …"): the whole subject, up to six words, as a group."""
        doc = self.doc
        i, j = doc.tok_range(clause.subject_start, clause.subject_end)
        if not 0 < j - i <= _COUNTED_WORDS:
            return None
        if j - i == 1 and doc.tokens[i][3] in ("those", "these"):
            return None  # a bare "those": what it stands for is not known here
        a, b = doc.tokens[i][0], doc.tokens[j - 1][1]
        return Speaker(doc.text[a:b], None, 1, a, b)

    def _acting_for_name(self, who: Speaker, lo: int) -> Speaker:
        """English "a lawyer for Thunberg said": the person acting for the named one (see
        :meth:`_acting_phrase`); ``who`` itself otherwise."""
        k = bisect.bisect_left(self.doc.tstarts, who.start) - 2
        acting = self._acting_phrase(k, who.end, lo) if who.ner == "PER" and k >= 0 else None
        return acting or who

    def _acting_for(self, clause: Clause) -> Speaker | None:
        """The parsed subject "a spokesperson for Thunberg", "a lawyer for the family" (see
        :meth:`_acting_phrase`); a body's spokesperson stays the body (below)."""
        doc = self.doc
        k = bisect.bisect_left(doc.tstarts, clause.head_start)
        if k + 1 >= len(doc.tokens) or doc.tokens[k + 1][0] >= clause.subject_end:
            return None
        inside = doc.mentions_in(doc.tokens[k + 1][1], clause.subject_end)
        if any(self.ner_type(m) == "ORG" for m in inside):
            return None
        return self._acting_phrase(k, clause.subject_end, clause.subject_start)

    def _acting_phrase(self, k: int, end: int, lo: int) -> Speaker | None:
        """English someone acting for another: the person noun at ``tokens[k]`` before "for",
        with its modifiers, up to ``end`` ("a lawyer for Thunberg"), as one phrase — neither
        the one it acts for nor a lone noun that names the last speaker."""
        doc = self.doc
        if doc.lang != "en" or k + 1 >= len(doc.tokens) or doc.tokens[k + 1][3] != "for":
            return None
        if doc.tokens[k][4] not in PERSON_NOUNS or doc.tokens[k][0] < lo:
            return None
        a = doc.tokens[self._extend_left(k, lo)][0]
        end = len(doc.text[a:end].rstrip()) + a
        return Speaker(doc.text[a:end], None, 0, a, end)

    def _after_colon(self, colon: int, cue: int) -> Speaker | None:
        """The speaker between a colon and the cue the parse gave a subject before the colon:
        a name, or a phrase ending in a person or body noun."""
        doc = self.doc
        people = [m for m in doc.mentions_in(colon + 1, cue) if self._is_name(m)]
        if people:
            return self.from_mention(people[-1], people[-1].char_start, people[-1].char_end)
        i, j = doc.tok_range(colon + 1, cue)
        while i < j - 1 and doc.tokens[i][3] in NP_STOP:
            i += 1
        if j <= i or j - i > _COLON_SUBJECT_WORDS or doc.tokens[j - 1][4] not in _NOUN_HEADS:
            return None
        return self._phrase(i, j, j - 1)

    def _participle_lead(self, cue_i: int) -> int:
        """The comma ending an English participle phrase, "As for …" or an adverbial clause
        that opens the cue's sentence ("Asked about his criticisms of Trump, Christie said",
        "Speaking on radio show Joney’s Jukebox, Kiedis said", "While the statement did not
        name Thunberg, a spokesperson … confirmed", "In a letter sent to Rosenstein, …
        Democrats said"): names in it are not the subject; -1 if none."""
        doc = self.doc
        if doc.lang != "en":
            return -1
        s = doc.sentences[doc.sent_at(doc.tokens[cue_i][0])]
        i = bisect.bisect_left(doc.tstarts, s.start)
        first = doc.tokens[i][3] if i < cue_i else ""
        second = doc.tokens[i + 1][3] if i + 1 < cue_i else ""
        as_for = (first, second) in (("as", "for"), ("as", "to")) or first == "regarding"
        setting = first in ("in", "at") and second in _DETERMINERS_EN  # "In a letter sent to X,"
        if not (first.endswith("ing") or first in _LEADS or as_for or setting):
            return -1
        comma = doc.text.find(",", doc.tokens[i][1], doc.tokens[cue_i][0])
        lead = doc.tokens[i : doc.tok_range(doc.tokens[i][0], comma)[1]] if comma >= 0 else []
        if setting and any(t[3] in ("poll", "survey") for t in lead):
            return -1  # "In a New York Times/CBS News survey, 79 percent … said": the poll's
        return comma

    def _clause_subject(self, who: Speaker) -> bool:
        """Whether an auxiliary follows ``who`` right away (no comma between): the subject of
        the clause after the cue, not its speaker ("Fundraising, according to the campaign,
        has surged": the campaign speaks)."""
        doc = self.doc
        k = bisect.bisect_left(doc.tstarts, who.end)
        if k >= len(doc.tokens) or "," in doc.text[who.end : doc.tokens[k][0]]:
            return False
        return doc.tokens[k][3] in VERBISH

    def _said_of(self, cue_j: int) -> bool:
        """Whether "of" follows the cue ("said of Apple"): what follows is the topic."""
        return cue_j < len(self.doc.tokens) and self.doc.tokens[cue_j][3] == "of"

    def _apposed_body(self, clause: Clause) -> Speaker | None:
        """English "The group, Industrial Energy Consumers of America, has asked": the name
        between commas right after the subject's head noun."""
        doc = self.doc
        if doc.lang != "en" or clause.head_pos != "NOUN":
            return None
        for m in doc.mentions_in(clause.head_end, clause.subject_end):
            between = doc.text[clause.head_end : m.char_start].strip().lower()
            if (
                between in (",", ", the")
                and doc.text[m.char_end : m.char_end + 1] == ","
                and self.ner_type(m) == "ORG"
            ):
                return self.from_mention(m, m.char_start, m.char_end)
        return None

    def _english_name_modifier(self, m: Mention, clause: Clause) -> bool:
        """An English name right before a person or body noun that heads the subject: "The
        Biden administration has acknowledged", "Kremlin aides said" (the phrase speaks)."""
        doc = self.doc
        if doc.lang != "en" or m.char_end > clause.head_start:
            return False
        k = bisect.bisect_left(doc.tstarts, clause.head_start)
        head = doc.tokens[k] if k < len(doc.tokens) else None
        return (
            head is not None
            and head[0] == clause.head_start
            and head[4] in _NOUN_HEADS
            and not doc.text[m.char_end : head[0]].strip()
        )

    def _after_preposition(self, m: Mention) -> bool:
        if self._preposition_before(m.char_start):
            return True
        k = bisect.bisect_left(self.doc.tstarts, m.char_start)
        if self.doc.lang == "en" and self._english_preposition_object(k):
            # "gathered at the Federal Trade Commission", "posed with Libyan Prime Minister
            # Fayez Seraj": a preposition's object ("members of the Council" may stand for the
            # council, "a headline from the Post" is the Post's)
            return True
        owner = self.doc.tokens[k - 1] if k > 0 else None  # "moderated by JPMorgan's Gergana Thiel"
        return (
            self.doc.lang == "en"
            and owner is not None
            and owner[3].endswith(("'s", "’s"))
            and self._preposition_before(owner[0])
        )

    def _english_preposition_object(self, k: int) -> bool:
        """Whether the name at token ``k`` follows a preposition over "the" and capitalised
        title words ("with Libyan Prime Minister"; not "of", "from", "by", "and")."""
        tokens, text = self.doc.tokens, self.doc.text
        n = k - 1
        while n >= 0 and k - n <= 5 and (tokens[n][2][:1].isupper() or tokens[n][3] == "the"):
            if gap_breaks(text, tokens[n][1], tokens[n + 1][0]):
                return False  # "In a message to Reuters, Mykhailo Podolyak": a new phrase
            n -= 1
        if n < 0 or n == k - 1 or gap_breaks(text, tokens[n][1], tokens[n + 1][0]):
            return False
        return tokens[n][3] in PREPOSITIONS - {"of", "and", "from", "by"}

    def _preposition_before(self, start: int) -> bool:
        """Whether the word before offset ``start`` is a preposition (never «в»: «сообщили в
        МВД» is the ministry speaking)."""
        k = bisect.bisect_left(self.doc.tstarts, start)
        return k > 0 and self.doc.tokens[k - 1][3] in PREPOSITIONS

    def _preposition_after_cue(self, cue_j: int, start: int) -> bool:
        """Whether a phrase at ``start``, not nominative, lies in a prepositional phrase right
        after the cue ending at token ``cue_j`` («спросило у жителей Киева»: whom it asked; not
        «По словам одного из них»)."""
        tokens = self.doc.tokens
        k = bisect.bisect_left(self.doc.tstarts, start)
        if cue_j >= len(tokens) or tokens[cue_j][3] not in PREPOSITIONS or k <= cue_j:
            return False
        if k < len(tokens) and (
            _maybe_nominative(tokens[k][2]) or not _CYRILLIC_RE.search(tokens[k][2])
        ):
            return False  # «пишет с тревогой "Рейтер" / Reuters»: the subject, not the phrase
        if any(_only_nominative(t[2]) for t in tokens[cue_j + 1 : k]):
            return False  # «пишет на странице ежедневная газета …»: the subject began
        return not gap_breaks(self.doc.text, tokens[cue_j][1], tokens[k][0])

    def _modifier_name(self, m: Mention, clause: Clause) -> bool:
        """A Russian name after the subject's head that only modifies it: one with no
        nominative reading («Защита Трампа») or one inside a prepositional phrase
        («Представитель актрисы в комментарии РИА Новости опроверг»)."""
        words = m.text.split()
        i, j = self.doc.tok_range(clause.head_end, m.char_start)
        between = self.doc.tokens[i:j]
        if self.doc.lang == "en":  # "Supporters of Magnitsky say": the supporters
            k = j - 1 - (j - 1 > i and between[-1][3] == "the")
            if k >= i and self.doc.tokens[k][3] in _EN_OF_NAME:
                return True
            return self._en_name_in_modifier(m, clause, between)
        if self.doc.lang != "ru" or not words:
            return False
        return not _maybe_nominative(words[0]) or any(t[3] in PREPOSITIONS for t in between)

    def _en_name_in_modifier(self, m: Mention, clause: Clause, between: list[Scanned]) -> bool:
        """An English name that modifies a noun inside a phrase after a common-noun subject
        ("Two congressional officials involved in probes into the Trump campaign's contacts
        said": the officials, not Trump)."""
        doc = self.doc
        if clause.head_pos != "NOUN" or not any(t[3] in _EN_INNER_PREPOSITIONS for t in between):
            return False
        k = bisect.bisect_left(doc.tstarts, m.char_end)
        if k >= len(doc.tokens) or doc.tokens[k][1] > clause.subject_end:
            return False
        after = doc.tokens[k]
        return after[3].startswith(("'s", "’s")) or after[2][:1].islower()

    # cues --------------------------------------------------------------------------------
    def _ru_bare_participle(self, k: int, j: int) -> bool:
        """Russian full participle of a cue not followed by what was said («о мужчине,
        угрожающем взорвать метро», «агентства, допустившего дефолт»); «Виндмана, заявившего о
        …», «меньшинству, считающему, что …» report."""
        tokens = self.doc.tokens
        word = tokens[k][3]
        if self.doc.lang != "ru" or not ("а" <= word[:1] <= "я") or not _ru_participle(word):
            return False
        nxt = tokens[k + 1][3] if k + 1 < j else ""
        return nxt not in ("что", "о", "об", "обо", "будто", "якобы")

    def cue_at(self, k: int, j: int) -> Cue | None:
        """The speech cue starting at token ``k`` (before token ``j``), if any."""
        tokens = self.doc.tokens
        nxt = tokens[k + 1][3] if k + 1 < j else ""
        if (tokens[k][3], nxt) in ACCORDING:
            return k + 2, "A", f"{tokens[k][2]} {tokens[k + 1][2]}"
        relative = nxt and tokens[k + 1][4] == "который"  # «Библию, согласно которой …»
        if tokens[k][3] == "согласно" and nxt and not relative and not self._rule_after(k + 1, j):
            return k + 1, "A", tokens[k][2]  # «Согласно IDC, …», not «согласно закону»
        if self._per_source(k, j):  # "Per the IRGC, …" opening a sentence: "according to"
            return k + 1, "A", tokens[k][2]
        if self._put_it(k, j):  # "“…,” is how journalist Ben Bartee put it." / "As X put it, …"
            return k + 2, "BA", f"{tokens[k][2]} {tokens[k + 1][2]}"
        if (
            tokens[k][3] in ("по", "с", "со")
            and nxt in POSSESSIVES
            and k + 2 < j
            and tokens[k + 2][3] in _POSSESSED
        ):
            return k + 3, "P", " ".join(t[2] for t in tokens[k : k + 3])
        if self._document_cue(k, j):  # «— сказано в ответе министерства»
            return k + 1, "BA", tokens[k][2]
        if self._opening_cue(k):  # «… выступил на форуме. Заявил, что …»
            return k + 1, "BA", tokens[k][2]
        conclusion = self._conclusion(k, j)
        if conclusion:  # "Нейропсихологи пришли к выводу, что …"
            return k + conclusion, "BA", " ".join(t[2] for t in tokens[k : k + conclusion])
        if (
            is_cue(tokens[k])
            and not (k and tokens[k - 1][3] in _PASSIVE)
            and not (k and tokens[k - 1][3] == "не" and tokens[k][4] not in RU_DENIALS)
            and not (tokens[k][4] in RU_NEGATED_ONLY and not (k and tokens[k - 1][3] == "не"))
            and not (k and tokens[k][4] in QUOTING and tokens[k - 1][3] in _WHOM)
            and not self._verdict(k)
            and not self._indicates(k)
            and not self._open_finding(k, j)
            and not self._english_infinitive(k)
            and not self._english_noun(k)
            and not self._english_participle_adjective(k)
            and not self._added_thing(k)
            and not self._ru_bare_participle(k, j)
            and not self._conditional_participle(k)
            and not self._written_by(k, j)
        ):
            return k + 1, "BA", tokens[k][2]
        return None

    def _opening_cue(self, k: int) -> bool:
        """A capitalised Russian speech verb opening its sentence, a comma or colon right after
        it: its subject is dropped («Заявил, что …», «Уверяет:»; see :meth:`_dropped_subject`)."""
        doc, tokens = self.doc, self.doc.tokens
        token = tokens[k]
        if doc.lang != "ru" or k + 1 >= len(tokens) or not token[2][:1].isupper():
            return False
        if doc.sentences[doc.sent_at(token[0])].start != token[0]:
            return False
        if doc.text[token[1] : tokens[k + 1][0]].strip() not in (",", ":"):
            return False
        if token[3].endswith(("ся", "сь")):  # «Сообщается, что …»: nobody in particular
            return False
        return is_cue((token[0], token[1], token[3], token[3], token[4]))

    def _per_source(self, k: int, j: int) -> bool:
        """English "Per the IRGC, …" / "Per Reuters, …": a sentence opened by "Per" and a
        source (not "Per capita", not a title-case headline's "Cost Per Barrel")."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "en" or tokens[k][2] != "Per" or k + 1 >= j:
            return False
        if tokens[k + 1][3] == "capita":
            return False
        if doc.sentences[doc.sent_at(tokens[k][0])].start != tokens[k][0]:
            return False
        return tokens[k + 1][3] == "the" or tokens[k + 1][2][:1].isupper()

    def _put_it(self, k: int, j: int) -> bool:
        """English "… how X put it" / "As X put it": a speech cue, X named between."""
        doc, tokens = self.doc, self.doc.tokens
        if doc.lang != "en" or tokens[k][3] != "put" or k + 1 >= j or tokens[k + 1][3] != "it":
            return False
        lo = doc.sentences[doc.sent_at(tokens[k][0])].start
        lead = [n for n in range(max(k - 8, 0), k) if tokens[n][0] >= lo]
        opener = next((n for n in reversed(lead) if tokens[n][3] in ("how", "as")), None)
        if opener is None or gap_breaks(doc.text, tokens[opener][1], tokens[k][0]):
            return False  # "As a reminder, he put it on the table"
        after = doc.text[tokens[k + 1][1] : tokens[k + 1][1] + 4]
        return not after.strip() or after.lstrip()[:1] in ",.;:!?—–" or after.startswith(" in ")

    def _english_noun(self, k: int) -> bool:
        """An English cue that is a noun here: "claims" or "notes" after a determiner,
        possessive (a pronoun or a noun's) or past-tense verb ("dismissed claims from the UK
        that …", "the claims", "the former aide's claims")."""
        tokens = self.doc.tokens
        if self.doc.lang != "en" or k == 0 or tokens[k][3] not in _NOUN_CUES:
            return False
        before = tokens[k - 1]
        owned = before[2].endswith(("'s", "’s", "s'", "s’"))  # "the former staffer's claims"
        # "their maritime claims": a possessive, then a word
        owner = k > 1 and tokens[k - 2][3] in _OWNERS and before[2].islower()
        return (
            owned
            or owner
            or before[3] in _NOUN_MARKERS
            or (before[2].endswith(("ed", "ing")) and before[2].islower())  # "conflicting claims"
        )

    def _added_thing(self, k: int) -> bool:
        """English "Republicans added provisions that …": a thing put into something, not
        words said ("he added the talks were useful" is speech)."""
        tokens = self.doc.tokens
        if self.doc.lang != "en" or tokens[k][4] != "add":
            return False
        n = k + 1 + (k + 1 < len(tokens) and tokens[k + 1][3] in _DETERMINERS_EN)
        return n < len(tokens) and tokens[n][3] in _ADDED_THINGS

    def _written_by(self, k: int, j: int) -> bool:
        """English "the memos written by Bradbury": a document's author after a participle,
        not a speech verb."""
        tokens = self.doc.tokens
        return (
            self.doc.lang == "en"
            and tokens[k][3] in ("written", "drafted", "authored")
            and k + 1 < j
            and tokens[k + 1][3] == "by"
        )

    def _conditional_participle(self, k: int) -> bool:
        """English "The nomination, if confirmed by the Senate, will …": a participle after
        "if" / "once" / "unless" / "when" is a passive condition, nobody's statement."""
        tokens = self.doc.tokens
        return (
            self.doc.lang == "en"
            and k > 0
            and tokens[k][3].endswith("ed")
            and tokens[k - 1][3] in ("if", "once", "unless", "when", "until")
        )

    def _english_participle_adjective(self, k: int) -> bool:
        """An English "-ed" cue after a determiner or possessive, an adjective before its
        noun ("his promised tax cuts", "the country's stated goal"), or "added" before a
        quality ("has taken on added importance")."""
        tokens = self.doc.tokens
        if self.doc.lang != "en" or k == 0 or not tokens[k][3].endswith("ed"):
            return False
        if tokens[k][3] == "added" and k + 1 < len(tokens) and tokens[k + 1][3] in _ADDED_QUALITIES:
            return True
        before = tokens[k - 1]
        owned = before[2].endswith(("'s", "’s", "s'", "s’"))
        return owned or before[3] in _DETERMINERS_EN

    def _english_infinitive(self, k: int) -> bool:
        """An English base-form cue that is not a plural present ("experts say"): after
        "to", a modal, "do" or a conjunction ("declined to say", "did not say", "and say")."""
        tokens = self.doc.tokens
        if self.doc.lang != "en" or tokens[k][3] not in _EN_BASE_CUES or k == 0:
            return False
        before = tokens[k - 1][3]
        if before in _ADVERBS and k > 1:  # "would never say", "also say"
            before = tokens[k - 2][3]
        return before in _EN_NONFINITE_LEADS

    def _document_cue(self, k: int, j: int) -> bool:
        """Russian «сказано / отмечается» right before «в <document>» or after it in the same
        clause (up to five words of its owner between: «В сообщении Минобороны РФ указано, что
        …»)."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or tokens[k][3] not in DOCUMENT_CUES:
            return False
        if k + 2 < j and self._document_noun(k + 2):  # «сказано в заявлении»
            return True
        for t in range(k - 1, max(k - 7, 0), -1):
            if gap_breaks(self.doc.text, tokens[t][1], tokens[t + 1][0]):
                return False
            if self._document_noun(t):
                return True
        return False

    def _open_finding(self, k: int, j: int) -> bool:
        """Russian «выяснили, существует ли …»: a finding counts with «что», after «как» or
        after the clause it reports («Учёные выяснили, что …», «Как выяснил SHOT, …», «…,
        узнал «Коммерсант»»), not as a question."""
        tokens = self.doc.tokens
        if tokens[k][4] not in FINDINGS:
            return False
        inverted = k > 0 and "," in self.doc.text[tokens[k - 1][1] : tokens[k][0]]  # «…, узнал X»
        that = k + 1 < j and tokens[k + 1][3] == "что" and tokens[k][4] != "узнать"  # learning
        return not (that or inverted or (k and tokens[k - 1][3] == "как"))

    def _rule_after(self, k: int, j: int) -> bool:
        """Whether a law, plan or doctrine heads the words after «согласно» (two at most)."""
        return any(t[4] in _NOT_SOURCES for t in self.doc.tokens[k : min(k + 2, j)])

    def _conclusion(self, k: int, j: int) -> int:
        """Russian «пришли к выводу» / «сделали вывод» / «обратил внимание»: the number of its
        words, else 0."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or not tokens[k][2][:1].islower():
            return 0
        words = tuple(t[3] for t in tokens[k + 1 : min(k + 3, j)])
        if tokens[k][3].startswith(("пришл", "прихо", "прид")) and words == ("к", "выводу"):
            return 3
        if tokens[k][4] in ("сделать", "делать") and words[:1] == ("вывод",):
            return 2
        if tokens[k][4] in ("обратить", "обращать") and words[:1] == ("внимание",):
            return 2  # «Как обратил внимание глава региона, …», «— обратил внимание режиссёр»
        return 0

    def _indicates(self, k: int) -> bool:
        """Russian «что / это говорит о …»: a fact that indicates something, not speech."""
        tokens = self.doc.tokens
        return (
            self.doc.lang == "ru"
            and k > 0
            and tokens[k][4] == "говорить"
            and tokens[k - 1][3] in _INDICATORS
        )

    def _verdict(self, k: int) -> bool:
        """Russian «признать … виновным / признал вину»: a verdict or plea, not speech."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru" or tokens[k][4] not in ("признать", "признавать"):
            return False
        return any(t[4] in _RU_VERDICT for t in tokens[k + 1 : k + 5])

    def cued_speaker(self, a: int, b: int, *, last: bool) -> tuple[Speaker, str] | None:
        """A speaker next to a cue in ``text[a:b]`` (trying the last cue first if ``last``)."""
        i, j = self.doc.tok_range(a, b)
        reach = _AFTER_CUE_REACH if self._relative_aside_ahead(a, b) else 25
        window = range(j - 1, max(i, j - 30) - 1, -1) if last else range(i, min(j, i + reach))
        for k in window:
            cue = self.cue_at(k, j)
            if cue is None:
                continue
            found = self.speaker(k, cue[0], a, b, cue[1])
            if found is not None:
                return found, cue[2]
        return None

    def _relative_aside_ahead(self, a: int, b: int) -> bool:
        """Whether an English "who" / "which" aside opens within ``text[a:b]`` (after a
        quotation: "“…,” Senator X, who was … in 1967, said"), which puts its cue further."""
        text = self.doc.text
        return self.doc.lang == "en" and (", who " in text[a:b] or ", which " in text[a:b])

    def colon_speaker(self, a: int, b: int) -> tuple[Speaker, str] | None:
        """``X: "…"`` — a name right before a colon that ends ``text[a:b]``."""
        frame = self.doc.text[a:b].rstrip()
        if not frame.endswith(":"):
            return None
        colon = a + len(frame) - 1
        i, j = self.doc.tok_range(a, colon)
        j = self._before_topic(i, j)
        if i == j:
            return None
        named = self._quoted_name_before(a, colon)
        if named is not None:  # «"Общественное": в Харькове …», not «"Орешник": что известно»
            return None if self._question_after(colon) else (named, ":")
        first = self.doc.tokens[i]
        body = self.doc.lang == "ru" and j - i <= 3 and first[4] in BODY_NOUNS
        if body and self.doc.mention_at(first[0]) is None:  # «Минобороны России:», not «России»
            return self._phrase(i, j, i), ":"
        found = self._candidates(self.doc.tokens[max(i, j - 6)][0], self.doc.tokens[j - 1][1])
        found = [c for c in found if not self._told(c)]  # «объяснение агентству Reuters:»
        titled = self._titled_surname(i, j)
        if titled is not None and all(c.end < titled.start for c in found):
            return titled, ":"  # «Экс-главком ВСУ Залужный:», not ВСУ
        if not found and self.doc.lang == "ru":
            surname = self._surname_at(j - 1)  # "⚡️Зеленский:" that NER missed
            found = [surname] if surname else []
            last = self.doc.tokens[j - 1]
            if not found and j - i == 1 and _latin_name(last[2]):  # "Bloomberg:"
                found = [Speaker(last[2], None, 1, last[0], last[1], ner="ORG")]
            if not found and j - i <= 2 and self.doc.tokens[i][4] in _NOUN_HEADS:
                found = [self._phrase(i, j, i)]  # "Источник:", "Минобороны:"
        if not any(c.rank == 0 for c in found):
            subject = self._statement_subject(i, j)
            found = [*found, subject] if subject is not None else found
        if not found:
            return None
        return min(found, key=lambda c: (c.rank, colon - c.end)), ":"

    def _told(self, who: Speaker) -> bool:
        """Whether a Russian name follows a listener word («агентству Reuters»)."""
        k = bisect.bisect_left(self.doc.tstarts, who.start)
        return self.doc.lang == "ru" and k > 0 and self.doc.tokens[k - 1][3] in LISTENERS

    def _question_after(self, colon: int) -> bool:
        """Whether a question word follows the colon: the name before it is a topic."""
        k = bisect.bisect_left(self.doc.tstarts, colon)
        return k < len(self.doc.tokens) and self.doc.tokens[k][3] in _QUESTION_WORDS

    def _quoted_name_before(self, a: int, colon: int) -> Speaker | None:
        """A name in quotation marks that is all of ``text[a:colon]`` but its opening marks
        (a Russian headline's «"Общественное":»), as a body's name."""
        doc = self.doc
        for x, y in doc.named:
            closing = set(doc.text[y:colon].strip())
            if a <= x and closing <= set('»"”') and not doc.text[a:x].strip(' «"„“*⚡️'):
                name = doc.text[x:y]
                mention = doc.mention_at(x)
                if mention is not None and mention.actor_id:
                    return self.from_mention(mention, x, y)
                return Speaker(name, None, 1, x, y, ner="ORG")
        return None

    def _statement_subject(self, i: int, j: int) -> Speaker | None:
        """Russian «Марк Тоунер, исполняющий обязанности …, выступил со специальным
        заявлением:»: the named person opening a frame that ends in a statement noun."""
        doc = self.doc
        if doc.lang != "ru" or j - i < 3 or doc.tokens[j - 1][4] not in _STATEMENT_NOUNS:
            return None
        first = doc.mention_at(doc.tokens[i][0])
        if first is None or self.ner_type(first) != "PER" or not self.subject_like(first, "m"):
            return None
        return self.from_mention(first, first.char_start, first.char_end)

    def _titled_surname(self, i: int, j: int) -> Speaker | None:
        """A Russian capitalised last word NER missed after a person noun among
        ``tokens[i:j - 1]`` («Экс-главком ВСУ Залужный»): that person."""
        doc = self.doc
        last = doc.tokens[j - 1]
        if doc.lang != "ru" or j - i < 2 or not last[2][:1].isupper() or doc.mention_at(last[0]):
            return None
        surname = any({"Surn", "Name"} & p.tag.grammemes for p in ru_parses(last[2])[:3])
        if not (surname or not ru_known(last[2])) or last[2].isupper() or not last[2].isalpha():
            return None  # «замглавы Совбеза»: a body; «МиГ-29»: a plane
        k = j - 2  # the person noun, with at most two capitalised words before the name
        while k > max(i, j - 4) and doc.tokens[k][2][:1].isupper():
            k -= 1
        if not _person_noun(_unprefixed(doc.tokens[k]), "ru"):
            return None
        name = nominative_name(last[2], "ru")
        return Speaker(name, None, 0, last[0], last[1], ner="PER")

    def _before_topic(self, i: int, j: int) -> int:
        """End of the speaker in a Russian frame ``Захарова о заявлении Байдена:``: the token
        before «о / об / про» and the topic (``j`` when there is no topic)."""
        tokens = self.doc.tokens
        if self.doc.lang != "ru":
            return j
        for k in range(i + 1, j):
            if tokens[k][2] in _TOPIC and tokens[k - 1][2][:1].isupper():
                return k
        return j

    def _surname_at(self, k: int) -> Speaker | None:
        """A capitalised Russian word read as a surname by the morphology, as a speaker."""
        token = self.doc.tokens[k]
        if not token[2][:1].isupper() or not any("Surn" in p.tag for p in ru_parses(token[2])[:3]):
            return None
        name = nominative_name(token[2], "ru")
        name = self._full_names.get(lemma_key(name, "ru"), name)
        return Speaker(name, None, 0, token[0], token[1], ner="PER")

    def source_after_dash(self, i: int, j: int, *, after_comma: bool = False) -> Speaker | None:
        """The source named by ``tokens[i:j]`` after a final dash ("— ТАСС", "— украинские
        СМИ", "— глава МИД Эстонии Маргус Цахкна"): a mention or a speaker noun phrase.
        ``after_comma``: the dash follows a comma («…, — Дептранс»), so one word tagged as a
        place that is no known geographical name is the source."""
        doc = self.doc
        a, b = doc.tokens[i][0], doc.tokens[j - 1][1]
        if doc.tokens[i][3] in PREPOSITIONS - {"по"}:
            return None  # «все фото — с собаками»: a predicate, not a source
        found = [c for c in self._candidates(a, b) if c.rank < 3]
        if not found and j - i == 1 and _surname_as_written(doc.tokens[i][2]):
            return Speaker(doc.tokens[i][2], None, 0, a, b, ner="PER")  # «— Зеленский»
        phrase = self._phrase_after(i, b) if i > 0 else None
        if phrase is not None and (after_comma or self._source_words(phrase)):
            if doc.lang == "ru" and not (phrase.actor_id or phrase.ner):
                # the subject of no verb, so nominative as written: «— власти», not «власть»
                phrase = replace(phrase, speaker=doc.text[phrase.start : phrase.end])
            found.append(phrase)  # «…, — астрологи»; not «и только потом — курица»
        if not found:
            return None
        best = min(found, key=lambda c: (c.rank, c.start))
        if best.rank > 1 and not (after_comma and j - i == 1 and not _place_name(best)):
            return None  # "… Погребки — Ольговка — Новоивановка": places
        words = doc.text[best.start : best.end].split()
        if doc.lang == "ru" and best.ner == "PER" and not any(map(_maybe_nominative, words)):
            return None  # «— свидетельством провала политики Зеленского», «— Ольги»: not who
        lead_i, lead_j = doc.tok_range(a, best.start)
        rest_i, rest_j = doc.tok_range(best.end, b)
        lead_max = 6 if best.ner == "PER" and self._titled(lead_i, lead_j) else 3
        rest = rest_j - rest_i <= 1 or (  # «— СК по Московской области»: its territory
            rest_j - rest_i <= 4 and doc.tokens[rest_i][3] == "по"
        )
        return best if lead_j - lead_i <= lead_max and rest else None

    def _source_words(self, who: Speaker) -> bool:
        """Whether a speaker phrase holds a noun for a person, body or outlet."""
        nouns = PERSON_NOUNS | BODY_NOUNS | MEDIA_NOUNS
        i, j = self.doc.tok_range(who.start, who.end)
        return any(t[4] in nouns for t in self.doc.tokens[i:j])

    def _titled(self, i: int, j: int) -> bool:
        """Whether ``tokens[i:j]`` are a title before a name: their first noun a nominative
        person noun («ведущий специалист центра погоды "Фобос" Михаил Леус»; not «проект
        сторонника … Алекса Джонса»)."""
        for token in self.doc.tokens[i:j]:
            if _person_noun(token, self.doc.lang):
                return token[2][:1].islower() and _maybe_nominative(token[2])
            if ru_parses(token[2])[0].tag.POS == "NOUN":
                return False
        return False
