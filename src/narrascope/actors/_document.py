"""One article indexed for attribution: tokens with lemmas, sentences, paragraphs, mentions and
quotations by offset, and the :class:`Speaker` record the attribution passes share."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from narrascope.actors.merge import actor_key, person_key
from narrascope.actors.ner import article_day
from narrascope.records import Article, Mention, Sentence
from narrascope.text.tokens import Scanned, base_language, lemma_of, scan

__all__ = ["DocIndex", "Speaker", "gap_breaks", "skip_dateline"]

_CLAUSE_BREAKS = set(",.;:!?\n")
# "MOSCOW, Nov. 3 (Reuters) – ", "ORLANDO, Fla. (Reuters) - ", "DUBAI, Feb. 17 (Xinhua) -- ",
# and with no comma when the agency is named: "WASHINGTON (Reuters) - ", "(Reuters) - "
_DATELINE_RE = re.compile(
    r"(?:[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,40},[^\n–—]{0,60}?"
    r"|(?:[A-Z][A-Z .'-]{2,40} )?\([A-Z][A-Za-z]+\) ?)"
    r"(?:[–—]|--|\s?-(?=\s)|/\.)\s*"
)
_PLACE_DASH_RE = re.compile(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)? [–—] (?=[A-Z])")


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: id or name, and where the words naming it are."""

    speaker: str
    actor_id: str | None
    rank: int
    start: int
    end: int
    bare: bool = False  # a lone person noun ("дипломат", "the envoy"): may name the last speaker
    ner: str = ""  # the NER type when named by a mention (PER, ORG, LOC, NORP)
    origin: int = -1  # where a pronoun's noun antecedent stands, when resolved to one
    origin_end: int = -1  # and where it ends


def gap_breaks(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` holds clause punctuation or a line break."""
    return any(c in _CLAUSE_BREAKS for c in text[a:b])


def skip_dateline(text: str, start: int, end: int) -> int:
    """``start`` past a wire dateline ("MOSCOW, November 3 (Reuters) – "; at a paragraph's
    start also "Washington — ")."""
    match = _DATELINE_RE.match(text, start, end)
    if match is None and (start == 0 or text[start - 1] == "\n"):
        match = _PLACE_DASH_RE.match(text, start, end)
    return match.end() if match else start


class DocIndex:
    """Tokens, sentences, paragraphs and mentions of one article, indexed by offset."""

    def __init__(
        self, article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]
    ) -> None:
        self.text = article.text
        self.lang = base_language(article.language)
        self.article_id = article.id
        self.when = article_day(article)
        self.tokens = _tokenize(self.text, self.lang)
        self.tstarts = [t[0] for t in self.tokens]
        self.sentences = sorted(sentences, key=lambda s: s.start)
        self.sstarts = [s.start for s in self.sentences]
        self.para = _paragraph_ids(self.text, self.sentences)
        self.para_spans = self._paragraph_spans()
        self.mentions = sorted(mentions, key=lambda m: m.char_start)
        self.mstarts = [m.char_start for m in self.mentions]
        self.full_keys = [
            m.actor_key[1:] for m in self.mentions if m.actor_key and "." in m.actor_key
        ]
        self.quoted: list[tuple[int, int]] = []
        #: the insides of quotation marks around names, without spaces («Ядерное вооружение России»)
        self.named: list[tuple[int, int]] = []

    def speaker_key(self, who: Speaker) -> str:
        """The actor key of a speaker (see :mod:`narrascope.actors.merge`)."""
        if who.actor_id:
            return who.actor_id
        if who.ner != "PER" and " " in who.speaker and who.speaker[:1].isupper():
            key = person_key(who.speaker, self.lang)  # "Nair" tagged ORG, named in full
            if key in self.full_keys:
                return "~" + key
        return actor_key(who.speaker, who.ner or "ORG", None, self.lang, self.full_keys)

    def tok_range(self, a: int, b: int) -> tuple[int, int]:
        """Token indices ``[i, j)`` of the tokens inside ``text[a:b]``."""
        i = bisect.bisect_left(self.tstarts, a)
        j = bisect.bisect_left(self.tstarts, b)
        while j > i and self.tokens[j - 1][1] > b:
            j -= 1
        return i, j

    def sent_at(self, offset: int) -> int:
        """Position (in ``self.sentences``) of the sentence holding ``offset``."""
        return max(bisect.bisect_right(self.sstarts, offset) - 1, 0)

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        """Mentions starting inside ``text[a:b]``."""
        i = bisect.bisect_left(self.mstarts, a)
        j = bisect.bisect_left(self.mstarts, b)
        return self.mentions[i:j]

    def mention_at(self, offset: int) -> Mention | None:
        """The mention covering ``offset``, if any."""
        k = bisect.bisect_right(self.mstarts, offset) - 1
        if k >= 0 and self.mentions[k].char_end > offset:
            return self.mentions[k]
        return None

    def inside_name(self, m: Mention) -> bool:
        """Whether ``m`` is a part of a quoted name, not all of it («Россия» in «проект
        «Ядерное вооружение России»»: the project, not the country)."""
        k = bisect.bisect_right(self.named, (m.char_start, 1 << 62)) - 1
        if k < 0:
            return False
        a, b = self.named[k]
        return a <= m.char_start and m.char_end <= b and (a, b) != (m.char_start, m.char_end)

    def in_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation."""
        k = bisect.bisect_right(self.quoted, (offset, 1 << 62)) - 1
        return k >= 0 and self.quoted[k][0] <= offset < self.quoted[k][1]

    def _paragraph_spans(self) -> list[tuple[int, int]]:
        """Paragraph spans: runs of sentences not separated by a line break."""
        spans: list[tuple[int, int]] = []
        for k, s in enumerate(self.sentences):
            if k and self.para[k] == self.para[k - 1]:
                spans[-1] = (spans[-1][0], s.end)
            else:
                spans.append((s.start, s.end))
        return spans


def _tokenize(text: str, lang: str) -> list[Scanned]:
    """Tokens with lemmas; Cyrillic words in English text (and Latin in Russian) get their own."""
    tokens = scan(text, lang)
    if lang not in ("en", "ru"):
        return tokens
    foreign = "ru" if lang == "en" else "en"
    out = []
    for t in tokens:
        cyrillic = "а" <= t[3][0] <= "я" or t[3][0] == "ё"
        if cyrillic == (foreign == "ru") and t[3][0].isalpha():
            t = (t[0], t[1], t[2], t[3], lemma_of(t[2], foreign))
        out.append(t)
    return out


def _paragraph_ids(text: str, sentences: Sequence[Sentence]) -> list[int]:
    ids: list[int] = []
    for k, s in enumerate(sentences):
        new = k > 0 and "\n" in text[sentences[k - 1].end : s.start]
        ids.append(ids[-1] + int(new) if ids else 0)
    return ids
