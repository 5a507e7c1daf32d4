"""A cheap, conservative English/Russian pre-check in front of the langid model.

:func:`quick_language` answers ``"en"`` or ``"ru"`` only when closed-class (function) words make
the language certain, and ``None`` otherwise, when the caller falls back to
:func:`narrascope.text.detect_language` (py3langid). Whenever it answers, it is meant to give
what ``detect_language`` gives on the same sample, in a few microseconds instead of ~100.

"en" needs 20+ tokens, English function words making 20% of them, spread over the whole sample
(see :func:`_spread_evenly`), no function word of another Latin-script language, and at most
three words with non-ASCII letters, all capitalised (names). "ru" needs 10+ tokens, Russian
function words making 8% of them and spread likewise, only Russian and basic Latin letters, no
Bulgarian/Ukrainian/Macedonian/Serbian word, at most one "ъ", and "ы" or "э" (or else three
words Russian alone uses).

Tokens are ``sample.split()`` as they are (a regex tokenizer, even stripping punctuation, would
cost more than all the rest), so each word is also listed as the tokens it usually makes: after
an opening quote or bracket, before a comma or a full stop ("said,", "«Мы"). Words are listed
in lower case and capitalised, never in upper case, so acronyms ("US", "IT") and all-caps
datelines never count.

How the sets were chosen: English and Russian words come from the top of wordfreq's frequency
lists and were kept when they are rare in every other language wordfreq covers (Latin-script
languages for English; Ukrainian, Bulgarian, Macedonian for Russian), or when they are too
frequent in news to leave out and the other checks cover the overlap ("in", "to", "on"; "и",
"в", "на"). The veto sets are the most frequent words of those other languages that English (or
Russian) text does not contain, minus words that English uses as names, loanwords or word
pieces ("de", "van", "con", "per", "non", "un", "op"; "ve" from "we've"). Thresholds were tuned
against ``detect_language`` on a 30,000-article news corpus, the sample articles and synthetic
text: unigram text in 39 languages, English/Russian spliced with other languages at random
points, and short prefixes.
"""

from __future__ import annotations

import re
from itertools import filterfalse, repeat
from string import ascii_letters

__all__ = ["quick_language"]

_OPENERS = ("", "“", "«", "(", '"')


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _cased(text: str) -> frozenset[str]:
    """The words of ``text`` in lower case and capitalised (sentence-initial)."""
    words = _words(text)
    return words | frozenset(word.capitalize() for word in words)


def _punctuated(words: frozenset[str]) -> frozenset[str]:
    """``words`` as whitespace tokens may carry them: after a quote or bracket, before , or ."""
    return frozenset(
        lead + word + trail for word in words for lead in _OPENERS for trail in ("", ",", ".")
    )


def _codes(words: frozenset[str], lower: int, capitalised: int) -> dict[str, int]:
    """Each token of ``words`` (see :func:`_punctuated`) mapped to its code by case."""
    small = frozenset(word for word in words if word.islower())
    return dict.fromkeys(_punctuated(words - small), capitalised) | dict.fromkeys(
        _punctuated(small), lower
    )


# English function words and a few frequent news words ("said", "told", "year"). Some ("in",
# "to", "on", "is", "at", "for") are function words elsewhere too; by wordfreq, the core of
# this set is ~35% of English tokens and at most ~7% (Danish) of any other language's.
_ENGLISH = _cased(
    """the of and to in is that for on with as was by at it from said says told he she his her
    its their they we you our your my us this which who would will has have had been being be
    are were not but or an after before over also about into through across around among against
    between during under until since while despite according including without within than more
    most many much some any each both only just very could should can might must did does there
    what when where why how if whether although though however then now one two three new year
    years last first next up out those these such them him other made make"""
)

# Function words of other Latin-script languages that English text does not contain in lower
# case (de fr es it pt nl, sv da no, pl cs sk sl, tr, id ms, tl, fi, hu, lv lt, ro, eo, sw, af,
# sq, cy ga, eu). One of them vetoes "en". Lower case only: capitalised, many of them are names
# ("Dan", "Yang", "Como", "Die Welt", "São Paulo").
_FOREIGN_LATIN = _words(
    """und ist nicht das ein eine einen dem auf sich mit zu im auch dass wird wurde sind bei nach
    aus die für über können wäre les et est une pour dans pas qui sur au aux avec sont été ont
    cette mais à où très déjà los las y para una por su que es como más fue también según está
    il che della sono nel alla gli dei delle anche è più già così perché os em uma não foi
    pelo pela ao é são também então já até após het een zijn niet voor ook dat maar naar bij
    wordt werd ik hij zij wij uit aan og och att ikke inte av jeg jag är har ett på för också
    när så også være går jest nie się że je ze jako od po przez oraz już będzie jak sa ako
    aj alebo bol ki tudi kot iz sta pa bir bu ile için olarak daha gibi kadar olan ama sonra
    değil çok dan dengan untuk dari ini itu tidak yang adalah akan juga pada oleh dalam atau ada
    anda aku kita saya mereka tapi karena sudah bisa tanpa ang mga ng sa ay isang hindi ito kung
    ja ei oli mutta joka jos kun niin ovat kuin az hogy nem egy meg csak volt vagy kell ir ar ka
    uz kas vai nav tas lai bija kad su yra kaip buvo savo tik nuo apie taip kai mai este pentru
    fost sunt kaj estas kiu ke na wa kwa za katika ni kuwa vir hy ons të në dhe një për është që
    nga yn mae gan agus ag eta ez bere"""
)

# Lower-case name particles ("von der Leyen", "da Silva", "bin Salman"): frequent in English
# news, so a few are allowed.
_PARTICLES = _words("de da di du des der den van von la le el del dos al bin ibn en")

# Russian function words and a few frequent news words (заявил, сообщил, года, году).
_RUSSIAN = _cased(
    """и в не на что с по о к как из за это для его он она они но а от так же уже также был была
    были было будет будут бы или при во со до после который которые которая которых которого
    которой котором которым этот эта эти этом этого этой этих эту того том тем чем если когда
    только лишь даже ещё еще их ее её все всех всё может можно должны мы вы есть нет где более
    кроме однако несколько очень пока сейчас тоже ранее себя своего своей своих об заявил
    заявила сказал отметил сообщил сообщили года году"""
)

# The part of _RUSSIAN that Ukrainian, Bulgarian and Macedonian do not share.
_RUSSIAN_ONLY = _cased(
    """что это его он она они как из также был была были было будет будут бы который которые
    которая которых которого которой котором которым этот эта эти этом этого этой этих эту чем
    если когда только лишь ещё еще их ее её может должны мы вы есть нет где более кроме однако
    несколько очень пока сейчас ранее себя своего своей своих заявил сказал отметил сообщил
    сообщили года году уже же"""
)

# Frequent Bulgarian, Ukrainian, Macedonian and Serbian words that Russian does not use (the
# Bulgarian "е" included: Russian "т.е." is one token). One of them vetoes "ru".
_OTHER_CYRILLIC = (
    _cased(
        """е си че ще това като към са се няма през аз във със тази този които който която беше
        обаче ако има само след също днес вече трябва може един една още
        що та це від але він які під або щоб чи був буде дуже тільки ні зі бо також вона вони
        цього лише який яка яке цей ця року
        од го ќе дека ги ја тоа кој кои ова јас нема сум тие па оваа таа кај додека
        су смо био била није рекао који која које када још према између"""
    )
    - _RUSSIAN
)


# A Russian sample must encode in cp1251 (the Cyrillic Windows code page: Russian and basic
# Latin letters, the usual punctuation), which rules out Latin letters with diacritics, Greek,
# the extra letters of Kazakh, Kyrgyz, Tatar, Mongolian... Its other letters are Ukrainian,
# Belarusian, Serbian and Macedonian (і ї є ґ ў ђ ј љ њ ћ џ ѓ ќ ѕ): deleting all bytes but
# theirs must leave nothing.
_NON_RUSSIAN_BYTES = bytes(
    byte
    for byte in range(0x80, 0x100)
    if re.fullmatch(r"[^\W\d_А-Яа-яЁё]", bytes([byte]).decode("cp1251", "ignore"))
)
_OTHER_BYTES = bytes(sorted(set(range(0x100)) - set(_NON_RUSSIAN_BYTES)))
_NON_LATIN_BYTES = bytes(byte for byte in range(0x100) if chr(byte) not in ascii_letters)
_NON_ASCII_LETTER_RE = re.compile(r"[^\W\d_A-Za-z]")

# Thresholds. "News" percentiles are over the samples of the 30,000-article corpus and of the
# sample articles (lower-case shares count lower-case tokens only, see _spread_evenly).
_MIN_TOKENS = 10  # under ~7 tokens py3langid itself is unsure ("und")
_EN_MIN_TOKENS = 20  # py3langid calls short English runs pidgin ("Officials from X met in Y")
_EN_SHARE = 0.2  # of all tokens; news 1st percentile 0.20-0.29, other languages ~0.1 at most
_EN_LOWER_SHARE = 0.2  # news 1st percentile 0.31-0.35
_EN_HALF_SHARE = 0.15  # in each half; news 1st percentile 0.20-0.25
_EN_MAX_RUN = 6  # lower-case tokens in a row, none in _ENGLISH; news 99th percentile 6
_EN_MIN_DISTINCT = 4
_EN_MAX_PARTICLES = 2
# Words with non-ASCII letters: a few capitalised ones are names ("Erdoğan", "São Paulo"); any
# other ("für", "ældre", "قال", even "café") is taken for another language.
_EN_MAX_ACCENTED = 3
_RU_MIN = 3
_RU_SHARE = 0.08  # of all tokens; news 1st percentile 0.07-0.12 (fewer than in English)
_RU_LOWER_SHARE = 0.12  # news 1st percentile 0.125
_RU_HALF_SHARE = 0.05  # in each half; news 1st percentile 0-0.07
_RU_MAX_RUN = 14  # lower-case tokens in a row, none in _RUSSIAN; news 99th percentile 8-13
_RU_ONLY_WITHOUT_YE = 3  # distinct _RUSSIAN_ONLY words needed when neither ы nor э occurs
_RU_MAX_HARD_SIGNS = 1  # ъ: rare in Russian ("объявил"), ~2.5% of Bulgarian letters
_RU_MAX_LATIN = 0.15  # Latin letters per Cyrillic character

# Token codes, one byte per token: 1 a lower-case function word, 2 a capitalised one, and on
# the English path 3 a name particle, 4 a foreign function word; 0 anything else.
_LATIN_CODES = _codes(_FOREIGN_LATIN, 4, 4) | _codes(_PARTICLES, 3, 3) | _codes(_ENGLISH, 1, 2)
_RUSSIAN_CODES = _codes(_RUSSIAN, 1, 2)
_OTHER_CYRILLIC_TOKENS = _punctuated(_OTHER_CYRILLIC)
_NO_PARTICLES = bytes.maketrans(b"\x03", b"\x00")
_ONE_FLAG = bytes.maketrans(b"\x02", b"\x01")
_THREE_TO_TWO = bytes.maketrans(b"\x03", b"\x02")


def quick_language(sample: str) -> str | None:
    """'en' or 'ru' when function words make the language certain, else None."""
    tokens = sample.split()
    n = len(tokens)
    if n < _MIN_TOKENS:
        return None
    # UTF-8 bytes beyond one per character: about one per Cyrillic letter, ~0 in English.
    wide = len(sample.encode("utf-8", "surrogatepass")) - len(sample)
    if 2 * wide < len(sample):
        return _english(sample, tokens, n)
    return _russian(sample, tokens, n, wide)


def _spread_evenly(
    tokens: list[str], codes: bytes, min_share: float, min_half_share: float, max_run: int
) -> bool:
    """Whether the function words (``codes`` 1 and 2) are spread over the whole sample.

    Only lower-case tokens count: names, datelines and numbers are as common in English or
    Russian text as anywhere. The sample needs ``min_share`` of its lower-case tokens to be
    function words, each half of it ``min_half_share``, and no more than ``max_run`` lower-case
    other words may follow each other; a passage in another language fails one or the other.
    """
    n = len(tokens)
    half = n // 2
    first, second = codes.count(1, 0, half), codes.count(1, half)
    # Cheap bounds first: the lower-case tokens of a half are at most its tokens but the
    # capitalised function words, a run of lower-case words is at most a run of any words.
    first_bound = half - codes.count(2, 0, half)
    second_bound = n - half - codes.count(2, half)
    if (
        first + second >= min_share * (first_bound + second_bound)
        and first >= min_half_share * first_bound
        and second >= min_half_share * second_bound
        and max(map(len, codes.translate(_ONE_FLAG).split(b"\x01"))) <= max_run
    ):
        return True
    lower = bytes(map(str.islower, tokens))
    flags = codes.translate(_ONE_FLAG)
    # One byte per token, 2 * flag + lower (no carries between bytes): 0 other, 1 lower-case
    # other, 2 capitalised function word, 3 lower-case function word.
    kinds = (int.from_bytes(flags, "big") * 2 + int.from_bytes(lower, "big")).to_bytes(n, "big")
    first_lower, second_lower = first + kinds.count(1, 0, half), second + kinds.count(1, half)
    if first + second < min_share * (first_lower + second_lower):
        return False
    if first < min_half_share * first_lower or second < min_half_share * second_lower:
        return False
    runs = kinds.replace(b"\x00", b"").translate(_THREE_TO_TWO).split(b"\x02")
    return max(map(len, runs)) <= max_run


def _english(sample: str, tokens: list[str], n: int) -> str | None:
    if n < _EN_MIN_TOKENS:
        return None
    codes = bytes(map(_LATIN_CODES.get, tokens, repeat(0)))
    hits = codes.count(1) + codes.count(2)
    if hits < _EN_SHARE * n or 4 in codes or codes.count(3) > _EN_MAX_PARTICLES:
        return None
    if len(_ENGLISH.intersection(tokens)) < _EN_MIN_DISTINCT:
        return None
    codes = codes.translate(_NO_PARTICLES)
    if not _spread_evenly(tokens, codes, _EN_LOWER_SHARE, _EN_HALF_SHARE, _EN_MAX_RUN):
        return None
    if not sample.isascii():  # usually quotes, dashes, "’": check the few such tokens
        accented = list(filter(_NON_ASCII_LETTER_RE.search, filterfalse(str.isascii, tokens)))
        if len(accented) > _EN_MAX_ACCENTED:
            return None
        if not all(next(filter(str.isalpha, token), "").isupper() for token in accented):
            return None
    return "en"


def _russian(sample: str, tokens: list[str], n: int, wide: int) -> str | None:
    codes = bytes(map(_RUSSIAN_CODES.get, tokens, repeat(0)))
    hits = codes.count(1) + codes.count(2)
    if hits < _RU_MIN or hits < _RU_SHARE * n:
        return None
    try:
        encoded = sample.encode("cp1251")
    except UnicodeEncodeError:
        return None
    if encoded.translate(None, _OTHER_BYTES) or not _OTHER_CYRILLIC_TOKENS.isdisjoint(tokens):
        return None
    if sample.count("ъ") > _RU_MAX_HARD_SIGNS:
        return None
    has_ye = "ы" in sample or "э" in sample or "Э" in sample or "Ы" in sample
    if not has_ye and len(_RUSSIAN_ONLY.intersection(tokens)) < _RU_ONLY_WITHOUT_YE:
        return None
    if len(encoded.translate(None, _NON_LATIN_BYTES)) > _RU_MAX_LATIN * wide:
        return None
    if not _spread_evenly(tokens, codes, _RU_LOWER_SHARE, _RU_HALF_SHARE, _RU_MAX_RUN):
        return None
    return "ru"
