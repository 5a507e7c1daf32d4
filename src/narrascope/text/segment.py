"""Sentence segmentation (EN + RU) with exact character offsets.

Sentence spans are exact: for every sentence ``s`` of ``text``, ``text[s.start:s.end] == s.text``.
The segmenter is rule based and offset preserving. A full stop ends a sentence only when the
next non-space character opens a sentence (an upper-case letter, a digit, an opening quote or
bracket, a dialogue dash) and the word before it is not an abbreviation or an initial
(``Mr.``, ``U.S.``, ``В.В.``, ``т.е.``, ``им.``). Line breaks end a sentence unless the next
line continues in lower case (hard-wrapped text), so paragraphs and list items are never merged.
``г.`` (year) is treated as an abbreviation, which keeps "в 2018 г. Россия ..." together.
Very long runs without punctuation are cut at whitespace every ``max_chars``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from narrascope.records import Article, Sentence
from narrascope.text.language import UNDETERMINED

MAX_SENTENCE_CHARS = 2000

#: English titles written abbreviated before a name ("Dr. John Shewchuk", "Lt. Col."), lower case
EN_TITLE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt"}
    | {"maj", "adm", "cmdr", "amb", "pres", "rev", "fr", "cpl", "pvt", "supt", "insp"}
)
_ABBREVIATIONS_EN = EN_TITLE_ABBREVIATIONS | {
    "st",
    "mt",
    "messrs",
    "jr",
    "sr",
    "vs",
    "no",
    "approx",
    "dept",
    "fig",
    "inc",
    "corp",
    "co",
    "ltd",
    "e.g",
    "i.e",
    "cf",
    "al",
}
_ABBREVIATIONS_RU = {
    "г",
    "гг",
    "г-н",
    "г-жа",
    "т.е",
    "т.к",
    "т.н",
    "т.д",
    "т.п",
    "им",
    "тов",
    "ул",
    "д",
    "см",
    "напр",
    "проф",
    "ген",
    "акад",
    "др",
    "пр",
    "стр",
    "рис",
    "тыс",
    "млн",
    "млрд",
    "руб",
    "долл",
}
_MONTH_ABBREVIATIONS = {
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "янв",
    "февр",
    "фев",
    "апр",
    "авг",
    "сент",
    "сен",
    "окт",
    "нояб",
    "дек",
}
_NON_TERMINAL = _ABBREVIATIONS_EN | _ABBREVIATIONS_RU
# Russian units, abbreviated at the end of an amount: before a capital letter a sentence ends
# («3 млн руб. Звонившие …»); no name follows them as one follows «г.» or «ул.»
_UNITS_RU = frozenset({"руб", "коп"})  # not «долл.», as in «долл. США»

_INITIALS_RE = re.compile(r"^(?:[A-ZА-ЯЁ]\.)+$")
_BLOCK_BREAK_RE = re.compile(r"\n[ \t]*\n\s*|\n(?![ \t]*[a-zа-яё,;:])")
_OPENERS = set("\"'«“„‘([—–-*_")  # markdown's opening ** and __ too
_WORD_OPENERS = "\"'«“„‘(["  # stripped from the front of the word before a full stop

# Candidate sentence ends: a run of . ! ? … with any closing quotes or brackets, followed on
# the same line by spaces and a character that may open a sentence. (Were there a line break
# in that gap, it would either end the block or be followed by lower-case text; either way the
# punctuation could not split the block.) One regex finds them, so most non-ends never reach
# Python. Group 1 (empty) marks a certain end: an upper-case letter, a digit or an opener
# follows, and the word before the full stop ends in three lower-case letters that end no
# abbreviation or month (so it is none, nor initials or a list marker). Group 2 is the next
# character of any other candidate, which _is_boundary judges.
_ABBREVIATION_ENDINGS = "|".join(
    sorted({re.escape(key[-3:]) for key in _NON_TERMINAL | _MONTH_ABBREVIATIONS if len(key) >= 3})
)
_PLAIN_WORD_BEFORE = rf"(?<=[a-zа-яё]{{3}}\.)(?<!(?:{_ABBREVIATION_ENDINGS})\.)"
_REST_OF_END = r"[.!?…]*[\"'»”’)\]*_]*"  # markdown's closing ** and __ too ("… в РФ.** Текст")
_CERTAIN_NEXT = r"[A-ZА-ЯЁ0-9\"'«“„‘(\[—–-]"  # upper case, digit or opener: opens a sentence
_POSSIBLE_NEXT = r"[^\sa-zа-яё,;:]"  # what is never a sentence opener is left out
_END_TAIL = (  # follows the first character of the run
    r"(?<![.!?…].)"  # a run is matched from its start only (no quadratic retries)
    rf"(?:{_PLAIN_WORD_BEFORE}{_REST_OF_END}(?=[^\S\n]+(){_CERTAIN_NEXT})"
    rf"|{_REST_OF_END}(?=[^\S\n]+({_POSSIBLE_NEXT})))"
)
_END_RE = re.compile("[.!?…]" + _END_TAIL)
# The same regex for text without ! ? …: a literal first character makes re scan ~3x faster.
_FULL_STOP_END_RE = re.compile(r"\." + _END_TAIL)


def _previous_word(text: str, end: int, near: int = 40) -> str:
    """The whitespace-delimited word ending at ``end``, without leading quotes or brackets."""
    # Usually a space close by precedes the word, and the slice after it is printable, which
    # means it holds no whitespace (every whitespace character but the space is unprintable).
    window = end - near if end > near else 0
    start = text.rfind(" ", window, end) + 1 or window
    word = text[start:end]
    if (start == window and window > 0) or not word.isprintable():
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        word = text[start:end]
    return word.lstrip(_WORD_OPENERS)


def _is_list_marker(text: str, word: str, block_start: int, dot: int) -> bool:
    """``1.`` or ``a.`` opening a line ("1. First item"), which is no sentence end."""
    if not (word.isdigit() or (len(word) == 1 and word.isalpha())):
        return False
    return not text[block_start : dot - len(word)].strip()


def _is_boundary(text: str, match: re.Match[str], block_start: int) -> bool:
    """Whether an uncertain ``_END_RE`` candidate (group 2 set) ends a sentence.

    It does when an upper-case letter, a digit or an opener follows, unless it is a full stop
    after an abbreviation, initials, a list marker or a month followed by a number.
    """
    nxt = match.group(2)
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    if nxt in "*_" and not _markup_opens_words(text, match.start(2)):
        return False  # "… марсианина. **": a closing mark left alone, no sentence
    punct = match.group()
    if punct[0] != "." or punct.startswith("..."):
        return True
    word = _previous_word(text, match.start())
    key = word.lower().rstrip(".")
    if key in _UNITS_RU and nxt.isalpha():
        return True  # «отдав им 3 млн руб. Звонившие сказали …»: a unit ends a sentence
    if key in _NON_TERMINAL or _INITIALS_RE.match(word + "."):
        return False
    if punct == "." and _is_list_marker(text, word, block_start, match.start()):
        return False
    return not (key in _MONTH_ABBREVIATIONS and nxt.isdigit())


def _markup_opens_words(text: str, start: int) -> bool:
    """Whether the run of markdown ``*`` / ``_`` at ``start`` is followed by a word."""
    end = start
    while end < len(text) and text[end] in "*_":
        end += 1
    return end < len(text) and not text[end].isspace()


def _block_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs and lines that no sentence crosses, trimmed; empty ones are left out."""
    blocks = []
    start = 0
    for br in _BLOCK_BREAK_RE.finditer(text):
        blocks.append(_trim(text, start, br.start()))
        start = br.end()
    blocks.append(_trim(text, start, len(text)))
    return [(start, end) for start, end in blocks if end > start]


def _sentence_spans_in_block(
    text: str, start: int, end: int, end_re: re.Pattern[str]
) -> list[tuple[int, int]]:
    """The sentences of the trimmed block ``text[start:end]``, already trimmed."""
    spans = []
    cut = start
    for match in end_re.finditer(text, start, end):
        group = match.lastindex
        assert group is not None  # every match sets group 1 or group 2
        if group == 1 or _is_boundary(text, match, start):
            spans.append((cut, match.end()))
            cut = match.start(group)  # where the next sentence starts
    spans.append((cut, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cap_length(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """A too long sentence cut at spaces (or anywhere) into pieces of at most ``max_chars``."""
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        yield _trim(text, start, cut)
        start, _ = _trim(text, cut, end)
    yield start, end


def sentence_spans(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text`` (works for English and Russian).

    Example:
        >>> t = "Mr. Lavrov met U.S. envoys. «Мы готовы», — сказал В.В. Путин."
        >>> [t[a:b] for a, b in sentence_spans(t)]
        ['Mr. Lavrov met U.S. envoys.', '«Мы готовы», — сказал В.В. Путин.']
    """
    has_other_ends = "!" in text or "?" in text or "…" in text
    end_re = _END_RE if has_other_ends else _FULL_STOP_END_RE
    spans: list[tuple[int, int]] = []
    for start, end in _block_spans(text):
        block = _sentence_spans_in_block(text, start, end, end_re)
        if end - start > max_chars:  # only a long block can hold a too long sentence
            block = [piece for a, b in block for piece in _cap_length(text, a, b, max_chars)]
        spans.extend(block)
    return spans


def split_sentences(text: str, language: str = UNDETERMINED) -> list[str]:
    """The sentences of ``text`` as strings (``language`` is accepted for future rules)."""
    return [text[a:b] for a, b in sentence_spans(text)]


def sentences_from_spans(
    articles: Sequence[Article], spans: Sequence[tuple[Sequence[int], Sequence[int]]]
) -> list[Sentence]:
    """Sentence records of articles from stored spans (``(starts, ends)`` per article)."""
    return [
        Sentence(article.id, i, a, b, article.text[a:b], article.language)
        for article, (starts, ends) in zip(articles, spans, strict=True)
        for i, (a, b) in enumerate(zip(starts, ends, strict=True))
    ]


def segment(article_id: str, text: str, language: str) -> list[Sentence]:
    """Sentence records for an article, with exact character offsets."""
    return [
        Sentence(article_id, i, a, b, text[a:b], language)
        for i, (a, b) in enumerate(sentence_spans(text))
    ]
