"""Text utilities: normalisation, language identification, sentence segmentation (EN + RU).

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
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from narrascope.records import Sentence

SUPPORTED_LANGUAGES = ("en", "ru")
UNDETERMINED = "und"
MAX_SENTENCE_CHARS = 2000

_ABBREVIATIONS_EN = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "sen",
    "rep",
    "gov",
    "st",
    "mt",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "adm",
    "cmdr",
    "amb",
    "pres",
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

_END_RE = re.compile(r"(?:[.!?…]+|\.\.\.)[\"'»”’)\]]*(?=\s)")
_INITIALS_RE = re.compile(r"^(?:[A-ZА-ЯЁ]\.)+$")
_BLOCK_BREAK_RE = re.compile(r"\n[ \t]*\n\s*|\n(?![ \t]*[a-zа-яё,;:])")
_OPENERS = set("\"'«“„‘([—–-")
_VISIBLE_RE = re.compile(r"\S")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")
# Any character that _CONTROL_RE removes or _SPACES_RE rewrites (besides a single space), or \r.
_NEEDS_CLEANING_RE = re.compile(
    r"[\r\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]"
)
_CYRILLIC_RE = re.compile(r"[А-Яа-яЁё]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def normalize_text(text: str) -> str:
    """Unicode NFC, unified newlines and spaces, control characters removed, trimmed.

    Example:
        >>> normalize_text("Moscow\\u00a0format\\r\\n\\r\\n\\r\\nTalks ")
        'Moscow format\\n\\nTalks'
    """
    text = unicodedata.normalize("NFC", text)
    if "  " in text or _NEEDS_CLEANING_RE.search(text):
        text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    else:  # fast path (most text): nothing to remove or collapse inside lines
        lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _MANY_NEWLINES_RE.sub("\n\n", text)
    return text.strip()


@lru_cache(maxsize=1)
def _langid():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, min_letters: int = 12) -> str:
    """ISO 639-1 code of ``text``'s language, or ``"und"`` when there is too little text.

    Russian and English are decided by script when one script clearly dominates; anything
    else goes to a langid model (py3langid), whose answer is kept only when confident.
    """
    sample = text[:1200]
    cyrillic = len(_CYRILLIC_RE.findall(sample))
    latin = len(_LATIN_RE.findall(sample))
    letters = cyrillic + latin
    if letters < min_letters and sum(ch.isalpha() for ch in sample) < min_letters:
        return UNDETERMINED
    code, prob = _langid().classify(sample)
    if prob < 0.5:
        if letters and cyrillic / letters > 0.8:
            return "ru"
        return UNDETERMINED
    return str(code)


def is_supported(language: str) -> bool:
    """Whether narrascope has language-specific processing for ``language``."""
    return language in SUPPORTED_LANGUAGES


def _previous_word(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("\"'«“„‘([")


def _is_list_marker(text: str, word: str, block_start: int, dot: int) -> bool:
    """``1.`` or ``a.`` opening a line ("1. First item"), which is no sentence end."""
    if not (word.isdigit() or (len(word) == 1 and word.isalpha())):
        return False
    return not text[block_start : dot - len(word)].strip()


def _next_char(text: str, pos: int, end: int) -> str:
    """The first non-space character of ``text[pos:end]`` ("" when there is none)."""
    if pos + 1 < end and not text[pos + 1].isspace():  # the usual single space
        return text[pos + 1]
    visible = _VISIBLE_RE.search(text, pos, end)
    return visible.group() if visible else ""


def _is_boundary(text: str, match: re.Match[str], block_start: int, block_end: int) -> bool:
    nxt = _next_char(text, match.end(), block_end)
    if not nxt:
        return True
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    punct = match.group()
    if punct[0] != "." or punct.startswith("..."):
        return True
    word = _previous_word(text, match.start())
    key = word.lower().rstrip(".")
    if key in _NON_TERMINAL or _INITIALS_RE.match(word + "."):
        return False
    if punct == "." and _is_list_marker(text, word, block_start, match.start()):
        return False
    return not (key in _MONTH_ABBREVIATIONS and nxt.isdigit())


def _block_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for br in _BLOCK_BREAK_RE.finditer(text):
        yield start, br.start()
        start = br.end()
    yield start, len(text)


def _sentence_spans_in_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cut = start
    for match in _END_RE.finditer(text, start, end):
        if _is_boundary(text, match, start, end):
            yield cut, match.end()
            cut = match.end()
    yield cut, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cap_length(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
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
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _block_spans(text):
        for raw_start, raw_end in _sentence_spans_in_block(text, block_start, block_end):
            start, end = _trim(text, raw_start, raw_end)
            if end - start > max_chars:
                spans.extend(_cap_length(text, start, end, max_chars))
            elif end > start:
                spans.append((start, end))
    return spans


def split_sentences(text: str, language: str = UNDETERMINED) -> list[str]:
    """The sentences of ``text`` as strings (``language`` is accepted for future rules)."""
    return [text[a:b] for a, b in sentence_spans(text)]


def segment(article_id: str, text: str, language: str) -> list[Sentence]:
    """Sentence records for an article, with exact character offsets."""
    return [
        Sentence(article_id, i, a, b, text[a:b], language)
        for i, (a, b) in enumerate(sentence_spans(text))
    ]
