"""Quotation marks: pairing «…», “…”, „…“ and "…" into quotations, robustly and in linear time.

One scan per paragraph with a stack. «, „ always open; », ” always close; “ closes an open „
(Russian „…“) and opens otherwise; a straight " closes an open straight quote when it follows a
non-space, and opens after a space, a bracket or a dash; with no straight quote open, a " after a
non-space closes an open “ (“…" in hastily edited English). A closer pops the nearest matching
opener, looking at most 8 openers deep; closers that match nothing are ignored. Openers still
open at the end of a paragraph are dropped, so one stray mark never swallows the text after
it; the one exception is the English convention of a quotation that runs on into the next
paragraph, which then opens with the same mark (or the other English one: '"…' then '“…”'):
that quotation ends at its paragraph's end and is linked (``group``) to the first quotation of
the next paragraph, through any paragraphs that open a quotation and leave it open, and past
one short line a site inserts between them ("Most read in Tech"). Only
outermost pairs are returned; nested quotations stay inside them. Single quotes (‘’ and ') are
never paired, as they double as apostrophes. Text exported as a quoted CSV field (a body that
opens with " at a paragraph's start and ends the text with ", every " inside it doubled, as
SemEval's articles are) is read unescaped: the outer marks are no quotation, and each "" is one
mark.

Example:
    >>> text = '«Мы говорим „нет“», — сказал он. "Yes," he said.'
    >>> [(text[p.open + 1 : p.close]) for p in quote_pairs(text, [(0, len(text))])]
    ['Мы говорим „нет“', 'Yes,']
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

__all__ = ["MARKS_RE", "QuotePair", "csv_unescaped", "quote_pairs"]

MARKS_RE = re.compile('[«»“”„"]')
#: Marks that open a quotation («, “, „ and the straight ").
OPENING_MARKS = frozenset('«“„"')
_CLOSERS = {"»": "«", "”": '“„"', "“": "„", '"': '"'}
_OPENERS_BEFORE = set("([{—–-«„“/")
_MAX_STACK_SEARCH = 8
_INSERT_MAX_WORDS = 6  # a line a site inserts inside a run-on quotation ("Most read in Tech")
_LINE_RE = re.compile(r"^[ \t]*(?=\S)", re.MULTILINE)


@dataclass(slots=True)
class QuotePair:
    """An outermost quotation: its marks at ``open`` and ``close``.

    ``closed`` is False for a quotation running on into the next paragraph (``close`` is then
    the paragraph's end); quotations sharing a ``group`` are one run-on quotation.
    """

    open: int
    close: int
    group: int
    closed: bool = True


def _role(text: str, pos: int, ch: str, stack: list[tuple[int, str]], lo: int) -> str:
    """``open``, ``close`` or ``skip`` for the mark ``ch`` at ``pos``."""
    if ch in "«„":
        return "open"
    if ch in "»”":
        return "close"
    if ch == "“":
        return "close" if stack and stack[-1][1] == "„" else "open"
    prev = text[pos - 1] if pos > lo else " "
    straight_open = _open_near(stack, '"')
    if straight_open and not prev.isspace():
        return "close"
    if prev.isspace() or prev in _OPENERS_BEFORE:
        return "open"
    return "close" if straight_open or _open_near(stack, "“") else "skip"


def _open_near(stack: list[tuple[int, str]], mark: str) -> bool:
    """Whether ``mark`` is open among the openers a closer may reach."""
    return any(c == mark for _, c in stack[-_MAX_STACK_SEARCH:])


def _same_kind(a: str, b: str) -> bool:
    """Whether two opening marks may open one run-on quotation (English " and “ mix)."""
    return a == b or {a, b} == {'"', "“"}


def _close(stack: list[tuple[int, str]], pairs: list[tuple[int, int]], pos: int, ch: str) -> None:
    accepted = _CLOSERS[ch]
    if ch == '"' and not _open_near(stack, '"'):
        accepted = "“"  # “…": no straight quote is open
    bottom = max(len(stack) - _MAX_STACK_SEARCH, 0)
    for k in range(len(stack) - 1, bottom - 1, -1):
        if stack[k][1] in accepted:
            pairs.append((stack[k][0], pos))
            del stack[k:]
            return


def _scan(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Closed mark pairs of ``text[lo:hi]`` and the positions of openers left open."""
    stack: list[tuple[int, str]] = []
    pairs: list[tuple[int, int]] = []
    for match in MARKS_RE.finditer(text, lo, hi):
        pos, ch = match.start(), match.group()
        role = _role(text, pos, ch, stack, lo)
        if role == "open":
            stack.append((pos, ch))
        elif role == "close":
            _close(stack, pairs, pos, ch)
    return pairs, [p for p, _ in stack]


def _outermost(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    reach = -1
    for a, b in sorted(pairs):
        if a > reach:
            out.append((a, b))
            reach = b
    return out


def csv_unescaped(text: str) -> str:
    """``text`` with a quoted CSV field's escaping blanked out, offsets kept: a body that opens
    with " at the start of one of the first three lines and ends the text with ", every " inside
    it doubled, loses its outer marks and one mark of each inner ``""`` to spaces (the first of
    an opening pair, the second of a closing one). ``text`` itself when no body is so quoted."""
    end = len(text.rstrip()) - 1
    if end < 1 or text[end] != '"':
        return text  # most texts: decided without looking further
    starts = itertools.islice(_LINE_RE.finditer(text), 3)
    lo = next((m.start() for m in starts if text[m.start()] == '"'), -1)
    if lo < 0 or end <= lo:
        return text
    inner = text[lo + 1 : end]
    if '"' not in inner or '"' in inner.replace('""', ""):
        return text  # no inner quotes to tell a field from a quotation, or some not doubled
    chars = list(text)
    chars[lo] = chars[end] = " "
    for match in re.finditer('""', inner):
        at = lo + 1 + match.start()
        opening = text[at - 1].isspace() or text[at - 1] in _OPENERS_BEFORE
        chars[at if opening else at + 1] = " "
    return "".join(chars)


def quote_pairs(text: str, paragraphs: list[tuple[int, int]]) -> list[QuotePair]:
    """Outermost quotations of ``text``, paragraph by paragraph (``(start, end)`` spans).

    Args:
        text: the article text.
        paragraphs: paragraph spans in text order; marks are never paired across them.

    Returns:
        Quotation pairs in text order.
    """
    text = csv_unescaped(text)
    pairs: list[QuotePair] = []
    carry: tuple[int, int] | None = None  # (the paragraph the quotation goes on in, its group)
    for k, (lo, hi) in enumerate(paragraphs):
        closed, unclosed = _scan(text, lo, hi)
        found = [QuotePair(a, b, len(pairs) + i) for i, (a, b) in enumerate(_outermost(closed))]
        on = None
        if unclosed and (not found or unclosed[0] > found[-1].close):
            on = _continued_in(text, paragraphs, k, text[unclosed[0]])
            if on is not None:
                found.append(QuotePair(unclosed[0], hi, len(pairs) + len(found), closed=False))
        if carry is not None and carry[0] == k and found and found[0].open == lo:
            found[0].group = carry[1]  # a paragraph opening (or wholly) inside the run-on quote
        if on is not None:
            carry = (on, found[-1].group)
        elif carry is not None and carry[0] <= k:
            carry = None
        pairs.extend(found)
    return pairs


def _continued_in(text: str, paragraphs: list[tuple[int, int]], k: int, mark: str) -> int | None:
    """The paragraph after ``k`` where a quotation left open in ``k`` goes on: the next one
    when it opens with a mark of the same kind, or the one after a short insert between them
    ("Most read in The Sun"); None when it does not go on."""
    for on in (k + 1, k + 2):
        if on >= len(paragraphs) or paragraphs[on][0] >= len(text):
            return None
        if _same_kind(text[paragraphs[on][0]], mark):
            return on
        lo, hi = paragraphs[on]
        insert = text[lo:hi].strip()
        if (
            len(insert.split()) > _INSERT_MAX_WORDS
            or insert[-1:] in ".!?…:"
            or insert[:1] in OPENING_MARKS
        ):
            return None
    return None
