"""Article-level passes of :mod:`narrascope.actors.quotes` after the sentence rules: speech
continued after a colon (bullets, the next paragraph) or after its cue («…, — сказал он. —
…»), and speakers named elsewhere in the article (bare nouns, title nouns, anaphoric bodies)."""

from __future__ import annotations

import re
from dataclasses import replace

from narrascope.actors._document import DocIndex, Speaker, gap_breaks
from narrascope.actors._references import (
    ANONYMOUS_EN,
    PLATFORM_RE,
    cue_gender,
    gender_fits,
    introduced_person,
    paragraphs_apart,
    titles_before,
)
from narrascope.actors._sentence_rules import (
    QUOTE_ONLY,
    SPEECH_NOUNS,
    Found,
    clause_end,
    skip_space,
    trim_span,
)
from narrascope.actors.speakers import (
    DOCUMENT_NOUNS,
    MEDIA_NOUNS,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTING,
    TITLE_NOUNS,
    SpeakerFinder,
    animate_noun,
    is_cue,
    plural_noun,
)
from narrascope.records import Mention, Sentence
from narrascope.text.quotemarks import OPENING_MARKS
from narrascope.text.tokens import Scanned, lemma_of, ru_parses

NAME_MAX_TOKENS = 3
_STOPS = frozenset(".!?…\"”»’'")  # the marks a paragraph of prose or a quotation ends in
_HEADLINE_NAME_WORDS = 3  # "…: Zelenskiy", "…: Joe Biden"
HEADLINE_SOURCE_RE = re.compile(r"(?::|\s[–—-])\s+(?=\S+(?:\s+\S+){0,2}\s*$)")
# English nouns that name what someone said, claimed or holds ("Schumer's reassurances that …")
_CLAIM_NOUNS = frozenset(
    {"claim", "assertion", "assurance", "reassurance", "comment", "remark", "statement"}
    | {"argument", "suggestion", "insistence", "contention", "allegation", "warning", "promise"}
    | {"pledge", "assessment", "belief", "view", "fear", "prediction", "admission", "denial"}
)
_OWNERS = frozenset({"his", "her", "their"})
# verbs whose subject owns the statement noun they take ("expressed his fear that …")
_VOICING = frozenset({"express", "voice", "reiterate", "repeat", "restate", "share", "make"})
_ADVERBIAL_OPENERS = frozenset(
    {"despite", "after", "amid", "following", "given", "before", "in", "with", "since"}
)
# an embedded post's signature line: "— Alex Stein #99 (@alexstein99) May 11, 2022", after
# the post's words on the same line or in the paragraph before
_EMBED_RE = re.compile(
    r"^(?P<lead>[^\n]*?)[ \t]*[—–][ \t]*(?P<name>[^\n()@—–]{1,80}?)[ \t]*"
    r"\(@\w{1,30}\)[ \t]*[^\n]{0,30}?\d{4}\b[^\n]{0,6}$",
    re.MULTILINE,
)
_EMBED_NAME_RE = re.compile(r"^[\w.,'’\- ]*\w")  # the name without emoji or "#99" after it
_EMBED_LINK_RE = re.compile(r"(?:\s*(?:pic\.twitter\.com/|https?://t\.co/)\S+)+\s*$")
_MAX_LINES = 10  # items of a list of statements without bullet marks
_WORD_RE = re.compile(r"\w")
_WORD_RUN_RE = re.compile(r"\w+")
# "” ( – Joseph Toomey, below)", "” — Joseph Toomey" after a quotation's closing mark
_SIGNED_RE = re.compile(
    r"[ \t]*\(?[ \t]*[—–-][ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3})"
    r"[ \t]*(?=[,)]|$)",
    re.MULTILINE,
)
# short English titles (lower-cased as written; "PM" lemmatises to "p.m.") and the noun that
# introduces their holder ("Prime Minister Shehbaz Sharif")
_SHORT_TITLES = {"pm": "minister"}
_INLINE_FRAME_RE = re.compile(r":[ \t]+[—–-][ \t]+")  # «Еще заявления: - …»
_INLINE_SEP_RE = re.compile(r"[;.][ \t]+[—–-][ \t]+")
_MAIN_POINTS = frozenset({"главный", "основной"})  # «Главное:», «Основное:»
_BULLETS = "—–-•▪●◦🔹🔸🔻✅\ufe0f"  # with the emoji variation selector («▪️»)
# «…, — сказал X. — …»: a comma and a dash between the words and their cue; after the cue's
# sentence, a dash that reopens the speech
_DASH_BEFORE_CUE_RE = re.compile(r"[\"»”]?\s*,\s*[—–-]\s")
_DASH_AFTER_CUE_RE = re.compile(r"[^.!?\n\"«»“”]{0,60}?\.\s+[—–-]\s+")
_CLOSING_MARKS = re.compile(r"[\"»”]")
_ANAPHORIC_HEADS = (
    DOCUMENT_NOUNS
    | MEDIA_NOUNS
    | frozenset({"компания", "ведомство", "министерство", "банк", "пресс-служба", "авиакомпания"})
    | frozenset({"организация", "сервис", "ассоциация", "корпорация", "холдинг", "концерн"})
    | frozenset({"фонд", "партия", "альянс", "университет"})
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
        bullets = _bullet_paragraphs(doc, pos + 1) or _listed_lines(doc, s, pos + 1)
        spans = bullets or ([doc.para_spans[doc.para[pos + 1]]] if who[1] else [])
        for a, b in spans:
            a = skip_space(doc.text, a, b)
            while a < b and (doc.text[a] in _BULLETS or doc.text[a].isspace()):
                a += 1
            b = clause_end(doc.text, a, b)
            if b > a and not any(x < b and a < y for x, y in taken):
                out.append(Found(a, b, who[0], ":", "reported"))
    return out


def colon_paragraphs(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """English text reposted without quotation marks after a paragraph that ends with a colon
    and says whose it is: "Per Zero Hedge:", "From WSJ:", "Here is the full quote from Rush
    Limbaugh:", "In fact, he noted that …:" (a speech verb), or a person first in the frame
    when the next paragraph speaks in the first person ("And Borlick, …, has had enough with
    offshore wind:" + "I strongly opposed …"). The next paragraph only, and only prose."""
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    for pos, s in enumerate(doc.sentences[:-1]):
        frame = doc.text[s.start : s.end].rstrip(" \t\n*_")
        if not frame.endswith(":") or doc.para[pos + 1] != doc.para[pos] + 1:
            continue
        a, b = trim_span(doc.text, *doc.para_spans[doc.para[pos + 1]])
        if not _reposted_prose(doc, a, b) or any(x < b and a < y for x, y in taken):
            continue
        who = _source_before_colon(doc, finder, s)
        if who is None:
            framed = _colon_frame_speaker(doc, finder, s, found)
            who = framed[0] if framed is not None and framed[1] else None
        if who is None and _FIRST_PERSON_RE.search(doc.text, a, b):
            who = _frame_subject(doc, finder, s)
        if who is not None:
            out.append(Found(a, b, who, ":", "direct"))
    return out


def quote_paragraphs(doc: DocIndex, found: list[Found]) -> list[Found]:
    """English paragraphs that are nothing but a quotation, right after a paragraph whose last
    attribution is a named person's ("He said he was thankful …" + "\"This is the only recipe
    …\""): the news convention of a speaker going on without a new attribution."""
    out: list[Found] = []
    for n in range(1, len(doc.para_spans)):
        a, b = doc.para_spans[n]
        inside = _quotations_only(doc, a, b)
        if not inside or any(f.start < b and a < f.end for f in found):
            continue
        lo, hi = doc.para_spans[n - 1]
        before = [f for f in found if lo <= f.start < hi]
        last = max(before, key=lambda f: f.end, default=None)  # a clause inside it aside
        if last is not None and last.who.ner == "PER":
            out.extend(Found(o, c, last.who, "—", "direct") for o, c in inside)
    return out


def quote_continuations(doc: DocIndex, found: list[Found]) -> list[Found]:
    """English quotations that open a sentence right after a sentence of the same paragraph
    that quoted someone, with nothing else to the paragraph's end ("“A,” Kennedy said. “B.”"):
    the same speaker going on."""
    out: list[Found] = []
    for o, c in doc.quoted:
        k = doc.sent_at(o)
        taken = any(f.start < c and o < f.end for f in found)
        if k == 0 or doc.para[k - 1] != doc.para[k] or taken:
            continue
        s, before = doc.sentences[k], doc.sentences[k - 1]
        end = doc.para_spans[doc.para[k]][1]
        if _WORD_RE.search(doc.text, s.start, o) or not _quotations_only(doc, s.start, end):
            continue
        said = [f for f in found if before.start <= f.end <= before.end]
        last = max(said, key=lambda f: f.end, default=None)
        person = last is not None and (last.who.ner == "PER" or _described_speaker(last.who))
        if last is not None and person:  # a named or described person, as for paragraphs
            out.append(Found(o, c, last.who, "—", "direct"))
    return out


def _described_speaker(who: Speaker) -> bool:
    """Whether an unnamed speaker is a described person ("a longtime adviser to Trump"), not
    a pronoun or a body."""
    words = who.speaker.lower().split()
    return who.rank == 0 and not who.ner and len(words) > 1 and words[0] not in PRONOUNS


def _quotations_only(doc: DocIndex, a: int, b: int) -> list[tuple[int, int]]:
    """The quotations of ``text[a:b]`` when it holds nothing else (no word outside the
    marks), else []."""
    inside = [(o, c) for o, c in doc.quoted if a <= o and c <= b]
    edges = [a, *(x for o, c in inside for x in (o - 1, c + 1)), b]
    gaps = [(edges[k], edges[k + 1]) for k in range(0, len(edges), 2)]
    return [] if any(_WORD_RE.search(doc.text, x, y) for x, y in gaps) else inside


_SOURCE_FRAME_RE = re.compile(
    r"^(?:(?:per|from|via)\s|.*\b(?:quote|post|statement|piece|thread|report|article)s?"
    r"\s+(?:from|by)\s)",
    re.IGNORECASE,
)
_CAPITALISED_NAME_RE = re.compile(r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|my|My|we|We|our|Our)\b")
_PROSE_MIN_WORDS = 8


def _reposted_prose(doc: DocIndex, a: int, b: int) -> bool:
    """A paragraph of prose without its own quotation marks: no heading or list."""
    text = doc.text[a:b]
    return (
        b > a
        and text[0] not in OPENING_MARKS
        and text[0] not in _BULLETS
        and text.rstrip()[-1:] in ".!?…"
        and len(_WORD_RE.findall(text)) >= _PROSE_MIN_WORDS
    )


def _source_before_colon(doc: DocIndex, finder: SpeakerFinder, s: Sentence) -> Speaker | None:
    """The name after "Per"/"From" or "… quote from" that ends the frame ``s``."""
    frame = doc.text[s.start : s.end].rstrip()
    match = _SOURCE_FRAME_RE.match(frame)
    if match is None:
        return None
    lo, colon = s.start + match.end(), s.start + len(frame) - 1
    names = doc.mentions_in(lo, colon)
    if names and not doc.text[names[-1].char_end : colon].strip():
        return finder.from_mention(names[-1], names[-1].char_start, names[-1].char_end)
    a, b = trim_span(doc.text, lo, colon)
    if _CAPITALISED_NAME_RE.fullmatch(doc.text, a, b):  # "From WSJ:", which NER missed
        return Speaker(doc.text[a:b], None, 1, a, b, ner="ORG")
    return None


def _frame_subject(doc: DocIndex, finder: SpeakerFinder, s: Sentence) -> Speaker | None:
    """The person that opens the frame ``s`` (after "And"/"But"), if any."""
    i, j = doc.tok_range(s.start, s.end)
    if i < j and doc.tokens[i][3] in ("and", "but"):
        i += 1
    m = doc.mention_at(doc.tokens[i][0]) if i < j else None
    if m is None or m.char_start != doc.tokens[i][0] or finder.ner_type(m) != "PER":
        return None
    return finder.from_mention(m, m.char_start, m.char_end)


def inline_bullets(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """Russian statements listed inside a paragraph after a frame's colon: «Еще заявления: -
    …; - …; - ….» or «… несуразностей: - …. - ….»: each item is the frame's speaker's (as in
    :func:`colon_lists`)."""
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    for pos, s in enumerate(doc.sentences):
        frame = _INLINE_FRAME_RE.search(doc.text, s.start, s.end)
        if frame is None:
            continue
        items = _inline_items(doc, pos, frame.end())
        if len(items) < 2:
            continue
        who = _colon_frame_speaker(doc, finder, replace(s, end=frame.start() + 1), found)
        if who is None:
            continue
        for a, b in items:
            if b > a and not any(x < b and a < y for x, y in taken):
                out.append(Found(a, b, who[0], ":", "reported"))
    return out


def _inline_items(doc: DocIndex, pos: int, a: int) -> list[tuple[int, int]]:
    """The items from ``a``, each up to the next «; -» / «. -» in the paragraph; the last one
    to the end of its sentence."""
    end = doc.para_spans[doc.para[pos]][1]
    items: list[tuple[int, int]] = []
    while a < end:
        sep = _INLINE_SEP_RE.search(doc.text, a, end)
        last = doc.sentences[doc.sent_at(a)].end if sep is None else sep.start() + 1
        items.append((a, clause_end(doc.text, a, min(last, end))))
        if sep is None:
            break
        a = sep.end()
    return items


def dash_continuations(doc: DocIndex, found: list[Found]) -> list[Found]:
    """Russian speech interrupted by its cue: in «…, — сказал X. — …» (quoted or as dialogue)
    the words after the second dash are X's too, up to the closing mark or the paragraph's end
    (or the next «, —» that brings in another cue)."""
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    text = doc.text
    for f in found:
        if f.who.start < f.end or not _DASH_BEFORE_CUE_RE.match(text, f.end, f.who.start):
            continue
        reopened = _DASH_AFTER_CUE_RE.match(text, f.who.end)
        if reopened is None:
            continue
        a = reopened.end()
        b = doc.para_spans[doc.para[doc.sent_at(a)]][1]
        if any(c in OPENING_MARKS for c in text[max(f.start - 1, 0) : f.start + 1]):
            # the words opened with a mark: they end at its closing one
            mark = _CLOSING_MARKS.search(text, a, b)
            b = mark.start() if mark else b
        again = _DASH_BEFORE_CUE_RE.search(text, a, b)
        b = clause_end(text, a, again.start() if again else b)
        if b > a and not any(x < b and a < y for x, y in taken):
            out.append(Found(a, b, f.who, f.cue, f.kind))
            taken.append((a, b))
    return out


def headline_quotation(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """Russian posts that open with a paragraph holding nothing but a quotation («"Я хочу
    жениться опять"» + «Гуф сделал предложение …»): the person the next paragraph names first,
    before its first verb (its subject), or after «Такими словами» says it."""
    if len(doc.para_spans) < 2 or not doc.sentences:
        return []
    a, b = doc.para_spans[0]
    inside = _quotations_only(doc, a, b)
    if len(inside) != 1 or any(f.start < b and a < f.end for f in found):
        return []
    start, end = inside[0]
    nxt = next((s for n, s in enumerate(doc.sentences) if doc.para[n] == 1), None)
    who = _subject_person(doc, finder, nxt) if nxt is not None else None
    return [Found(start, end, who, "—", "direct")] if who is not None else []


def headline_source(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """A wire headline that ends in its source after a colon or a spaced dash ("No one can
    predict war's length: Zelenskiy", "US weaponizing the dollar – Lavrov", "…: Tata Steel",
    "…: Official"): the words before it are the source's, in place of what the rules read in
    the headline. The source is a person, organisation or place NER found as the whole name,
    the surname of one the article names in full, or one capitalised person noun (later
    named by the person the article introduces so). The headline is the first sentence, or a
    later paragraph of one unpunctuated sentence (a subheading or a repost's title)."""
    for n in _headline_lines(doc):
        found = _headline_source_at(doc, finder, found, n)
    return found


def _headline_lines(doc: DocIndex) -> list[int]:
    """Sentences read as headlines: the first, if it opens the text, and every later paragraph
    of one sentence that ends in no stop ("Get ready for global oil supply shock – IEA")."""
    lines = [0] if doc.sentences and doc.para[0] == 0 else []
    for n in range(1, len(doc.sentences)):
        alone = doc.para[n] != doc.para[n - 1] and (
            n + 1 == len(doc.sentences) or doc.para[n + 1] != doc.para[n]
        )
        s = doc.sentences[n]
        if alone and doc.text[s.start : s.end].rstrip()[-1:] not in _STOPS:
            lines.append(n)
    return lines


def _headline_source_at(
    doc: DocIndex, finder: SpeakerFinder, found: list[Found], n: int
) -> list[Found]:
    """``found`` with the headline ``sentences[n]`` given to the source it ends in, if any."""
    s = doc.sentences[n]
    match = HEADLINE_SOURCE_RE.search(doc.text, s.start, s.end)
    if match is None:
        return found
    a, b = trim_span(doc.text, match.end(), s.end)
    words = doc.text[a:b].split()
    capitalised = all(w[:1].isupper() for w in words)
    if not 0 < len(words) <= _HEADLINE_NAME_WORDS or not (capitalised or _person_noun_only(words)):
        return found
    who = _headline_speaker(doc, finder, a, b, len(words))
    start, end = trim_span(doc.text, s.start, match.start())
    if who is None or not _WORD_RE.search(doc.text, start, end):
        return found
    kept = [f for f in found if not (s.start <= f.start and f.end <= s.end)]
    return sorted([*kept, Found(start, end, who, ":", "direct")], key=lambda f: f.start)


def _person_noun_only(words: list[str]) -> bool:
    """One lower-case person noun ("…: president", "…: official"), as wire headlines end."""
    return len(words) == 1 and lemma_of(words[0].lower(), "en") in PERSON_NOUNS


def _headline_speaker(
    doc: DocIndex, finder: SpeakerFinder, a: int, b: int, n_words: int
) -> Speaker | None:
    """The source a headline names after its colon or dash (``text[a:b]``), if it is one."""
    m = doc.mention_at(a)
    if m is None or m.char_start != a or m.char_end < b - 1:  # "– IEA", tagged elsewhere only
        m = next((o for o in doc.mentions if o.text == doc.text[a:b]), None)
    if m is not None:
        return finder.from_mention(m, a, b) if finder.ner_type(m) != "NORP" else None
    if n_words > 1:
        return None
    token = doc.tokens[doc.tok_range(a, b)[0]]
    if token[4] in PERSON_NOUNS or token[3] in _SHORT_TITLES:  # "…: Official", "…: PM"
        return Speaker(token[3], None, 0, a, b, bare=True)
    return finder.surname_speaker(a, b)


def quoted_namings(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """English namings whose name is quoted: "Trump called the system “rigged”", "Skelly
    called Braynard “a real smart guy”": the object and the quoted name are the subject's
    claim (the parse often misreads a quoted complement). The object is up to ten words
    (:data:`_NAMED_WORDS`) with no clause mark between the verb and the opening mark; a
    passive naming ("was branded … as") is someone else's."""
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    for a, b in doc.quoted:
        i = doc.tok_range(0, a - 1)[1]  # the first token at or after the opening mark
        k = _naming_before(doc, i)
        if k < 0:
            continue
        start, stop = doc.tokens[k + 1][0], b
        if gap_breaks(doc.text, doc.tokens[k][1], a - 1) or any(
            x < stop and start < y for x, y in taken
        ):
            continue
        s = doc.sentences[doc.sent_at(start)]
        who = finder.speaker(k, k + 1, s.start, doc.tokens[k][0], "B")
        if who is not None:
            out.append(Found(start, stop, who, doc.tokens[k][2], "reported"))
            taken.append((start, stop))
    return out


def _naming_before(doc: DocIndex, i: int) -> int:
    """The naming verb one to :data:`_NAMED_WORDS` tokens before ``tokens[i]``, or -1."""
    for k in range(i - 2, max(i - _NAMED_WORDS - 2, -1), -1):
        if _naming(doc, k):
            return k
    return -1


def _naming(doc: DocIndex, k: int) -> bool:
    """Whether ``tokens[k]`` is an English naming verb in the past or present ("called")."""
    token = doc.tokens[k]
    passive = k > 0 and doc.tokens[k - 1][3] in _BE  # "was branded … as": by someone else
    return token[2][:1].islower() and token[3] in _NAMING_FORMS and not passive


_NAMED_WORDS = 10
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_NAMING_FORMS = frozenset(
    {"called", "calls", "dubbed", "dubs", "branded", "brands", "labeled", "labelled", "labels"}
    | {"deemed", "deems", "termed", "terms", "described"}
)


def claim_nouns(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """English statements named by a noun with their owner: "Schumer's reassurances that there
    is nothing to be concerned about", "his previous comment that …": the clause after "that"
    (to its sentence's end, or to the next comma after an opening "Despite …") is the owner's.
    The owner is a person or organisation NER named, with "'s" right before the noun (up to two
    adjectives between), or a resolved his / her / their; a clause the rules took already is
    left to them."""
    taken = [(f.start, f.end) for f in found]
    out = []
    for k in range(2, len(doc.tokens) - 2):
        noun, that = doc.tokens[k], doc.tokens[k + 1]
        source = _source_after_noun(doc, finder, k) if noun[4] in _CLAIM_NOUNS else None
        who: Speaker | None = None
        if source is not None:  # "claims from the United Kingdom that …"
            who, that = source
        elif (
            that[3] != "that"
            or noun[4] not in _CLAIM_NOUNS
            or gap_breaks(doc.text, noun[1], that[0])
        ):
            continue
        else:
            who = _claim_owner(doc, finder, k)
        s = doc.sentences[doc.sent_at(that[1])]
        start = skip_space(doc.text, that[1], s.end)
        stop = s.end
        if _in_adverbial(doc, s.start, k):  # "Despite Schumer's reassurances that …, New York …"
            comma = doc.text.find(",", start, s.end)
            stop = comma if comma > 0 else s.end
        end = clause_end(doc.text, start, stop)
        if who is None or end <= start or any(a < end and start < b for a, b in taken):
            continue
        out.append(Found(start, end, who, noun[2], "reported"))
        taken.append((start, end))
    return out


def _source_after_noun(
    doc: DocIndex, finder: SpeakerFinder, k: int
) -> tuple[Speaker, Scanned] | None:
    """The source named after a statement noun by "from" / "by" right before "that" ("claims
    from the United Kingdom that …", "a warning by the IEA that …"), with that "that"."""
    tokens = doc.tokens
    if k + 3 >= len(tokens) or tokens[k + 1][3] not in ("from", "by"):
        return None
    for t in range(k + 2, min(k + 8, len(tokens))):
        if tokens[t][3] == "that":
            m = doc.mention_at(tokens[t - 1][0])
            if m is None or finder.ner_type(m) not in ("PER", "ORG", "LOC"):
                return None
            if gap_breaks(doc.text, tokens[k][1], tokens[t][0]):
                return None
            return finder.from_mention(m, m.char_start, m.char_end), tokens[t]
    return None


def _in_adverbial(doc: DocIndex, start: int, k: int) -> bool:
    """Whether the words before ``tokens[k]`` in its sentence open with a preposition
    ("Despite …", "After …", "Amid …"): the statement ends at the next comma."""
    i = doc.tok_range(start, doc.tokens[k][0])[0]
    return i < k and doc.tokens[i][3] in _ADVERBIAL_OPENERS


def _claim_owner(doc: DocIndex, finder: SpeakerFinder, k: int) -> Speaker | None:
    """Who owns the statement noun at ``tokens[k]``: "Schumer's", "his" (None: nobody named)."""
    j = k
    while (
        j > k - 2
        and doc.tokens[j - 1][2][:1].islower()
        and doc.tokens[j - 1][3] not in _OWNERS
        and not doc.tokens[j - 1][2].endswith(("'s", "’s"))  # "the regime's claim"
    ):
        j -= 1  # "his previous comment", "the false claim"
    before = doc.tokens[j - 1]
    if before[3] in _OWNERS and j > 1 and doc.tokens[j - 2][4] in _VOICING:
        s = doc.sentences[doc.sent_at(before[0])]  # "The adviser expressed his fear that …"
        return finder.speaker(j - 2, j - 1, s.start, s.end, "B")
    if before[3] in _OWNERS:
        return finder.pronoun_owner(before)
    if not doc.text.startswith(("'s", "’s"), before[1] - 2):
        return None
    m = doc.mention_at(before[0])
    if m is not None and finder.ner_type(m) in ("PER", "ORG"):
        return finder.from_mention(m, m.char_start, m.char_end)
    if m is None and j > 1 and doc.tokens[j - 2][3] == "the" and before[2][:1].islower():
        head = doc.text[before[0] : before[1] - 2]  # "the regime's claim that …"
        return Speaker(head, None, 1, before[0], before[0] + len(head))
    return None


def _subject_person(doc: DocIndex, finder: SpeakerFinder, s: Sentence) -> Speaker | None:
    """The person ``s`` names before its first verb (not after a preposition), or first after
    its opening «Такими словами»."""
    i, j = doc.tok_range(s.start, s.end)
    such = j - i > 2 and (doc.tokens[i][3], doc.tokens[i + 1][3]) == ("такими", "словами")
    for k in range(i, j):
        token = doc.tokens[k]
        m = doc.mention_at(token[0])
        if m is not None and m.char_start == token[0] and finder.ner_type(m) == "PER":
            after_preposition = k > i and doc.tokens[k - 1][3] in PREPOSITIONS
            if after_preposition or ":" in doc.text[s.start : m.char_start]:
                return None  # «из-за Гуфа», «К новостям из Омска: мусорщик Лёха …»
            return finder.from_mention(m, m.char_start, m.char_end)
        if not such and m is None and ru_parses(token[2])[0].tag.POS == "VERB":
            return None
    return None


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
        long = j - i > NAME_MAX_TOKENS + 1
        if long or doc.lang == "en":  # English "Mediaite reported:", "Asia Times wrote:" too
            said = _verb_frame_speaker(doc, finder, s, i, j) or _untagged_frame_name(doc, s, i, j)
            if said is not None or long:
                return said
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


def _untagged_frame_name(doc: DocIndex, s: Sentence, i: int, j: int) -> tuple[Speaker, bool] | None:
    """English "Mediaite reported:" whose name NER missed: a frame of nothing but a capitalised
    name and a speech verb."""
    words = [t for t in doc.tokens[i:j] if t[2] != ":"]
    if doc.lang != "en" or len(words) < 2 or not is_cue(words[-1]) or words[-1][4] in QUOTE_ONLY:
        return None
    a, b = words[0][0], words[-2][1]
    if a != s.start or not _CAPITALISED_NAME_RE.fullmatch(doc.text, a, b):
        return None
    return Speaker(doc.text[a:b], None, 1, a, b), True


def _listed_lines(doc: DocIndex, s: Sentence, pos: int) -> list[tuple[int, int]]:
    """After a frame that announces statements in the plural («Основные заявления президента
    РФ на саммите ШОС:»), the one-sentence lines that follow it, each an item."""
    i, j = doc.tok_range(s.start, s.end)
    if not any(
        t[4] in SPEECH_NOUNS and any("plur" in p.tag for p in ru_parses(t[2])[:2])
        for t in doc.tokens[i:j]
    ):
        return []
    spans = []
    for para in range(doc.para[pos], min(doc.para[pos] + _MAX_LINES, len(doc.para_spans))):
        a, b = doc.para_spans[para]
        if doc.sent_at(a) != doc.sent_at(max(b - 1, a)):
            break  # a paragraph of several sentences: the list is over
        spans.append((a, b))
    return spans


def _bullet_paragraphs(doc: DocIndex, pos: int) -> list[tuple[int, int]]:
    """The paragraphs from sentence ``pos`` on that start with a bullet mark."""
    spans = []
    for para in range(doc.para[pos], len(doc.para_spans)):
        a, b = doc.para_spans[para]
        if doc.text[skip_space(doc.text, a, b) : b][:1] not in _BULLETS:
            break
        spans.append((a, b))
    return spans


def name_bare_nouns(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """ "— добавила дипломат", "the envoy said": the last named person quoted nearby.
    Russian also: a bare noun that introduced a person before («Скульптор Георгий Франгулян …
    по мнению скульптора») names that person; a title phrase ("Представитель Кремля",
    "замглавы Совбеза РФ") names the last named person quoted nearby, a bare outlet noun
    ("Издание указывает") the last outlet."""
    last: Found | None = None
    named: dict[str, Found] = {}  # "PER" / "ORG": the last speaker named so
    for f in found:
        near = {k: v for k, v in named.items() if paragraphs_apart(doc, v, f) <= 2}
        _, _, _, lower, head = doc.tokens[_bare_head(doc, f)]
        head = _SHORT_TITLES.get(lower, head) if doc.lang == "en" else head
        ru_bare = f.who.bare and doc.lang == "ru"
        intro = (  # English too: "rights activist Fail Alsynov … The activist denies …"
            introduced_person(doc, finder, head, f.who.start)
            if f.who.bare and head not in MEDIA_NOUNS
            else None
        )
        if intro is not None and not gender_fits(cue_gender(doc, f), finder.gender_of(intro)):
            intro = None  # «муж актрисы Сергей Сенин … актриса попросила»: not him
        if intro is None and last is None and f.who.bare and doc.lang == "en":
            intro = _introduced_next(doc, finder, f, head)  # a lead's "…, the governor said"
        if ru_bare and head in MEDIA_NOUNS:
            if "ORG" in near:
                f.who = near["ORG"].who
        elif intro is not None:
            f.who = finder.from_mention(intro, f.who.start, f.who.end)
        elif f.who.bare and last is not None and not _described_further(doc, f):
            one_word = f.who.end - f.who.start == len(doc.tokens[_head_token(doc, f)][2])
            about = last.start <= f.who.start < last.end  # named in the last speaker's words
            if (
                paragraphs_apart(doc, last, f) <= 2
                and ((one_word and not _group_speaker(doc, last)) or last.who.ner == "PER")
                and not about
                and not _unnamed_before(doc, f, last, found)
                and not _gender_clash(doc, finder, f, last)
                and not (doc.lang == "ru" and _person_named_after(doc, finder, f))
            ):  # «— отметил вице-премьер, глава Аппарата Правительства Дмитрий Григоренко»
                f.who = last.who  # "the UN chief": a named person only, not a group for one
        elif doc.lang == "ru" and "PER" in near and _title_phrase(doc, f):
            if not _person_named_after(doc, finder, f):
                f.who = near["PER"].who
        elif f.who.rank == 0 and not f.who.bare:
            last = f
        if f.who.ner in ("PER", "ORG"):
            named[f.who.ner] = f


def _described_further(doc: DocIndex, f: Found) -> bool:
    """English "the head of sovereign credit ratings at S&P Global told": a title the words
    right after it ("of" / "at" and a capitalised name) describe as someone new, not the
    last person quoted."""
    if doc.lang != "en":
        return False
    k = _bare_head(doc, f) + 1
    if k + 1 >= len(doc.tokens) or doc.tokens[k][3] not in ("of", "at"):
        return False
    nxt = doc.tokens[k + 1 : k + 6]
    return any(t[2][:1].isupper() for t in nxt) and not any(t[3] == "the" for t in nxt[:1])


def _gender_clash(doc: DocIndex, finder: SpeakerFinder, f: Found, last: Found) -> bool:
    """Russian «— сказал собеседник в правительстве» after a woman quoted: a past verb's
    gender that is not the last speaker's."""
    return not gender_fits(cue_gender(doc, f), finder.speaker_gender(last.who))


def _person_named_after(doc: DocIndex, finder: SpeakerFinder, f: Found) -> bool:
    """Whether a person is named after ``f``'s speaker phrase in its sentence, outside
    quotations («подчеркнула руководитель фонда «…», председатель Совета … Елена Шмелева»):
    the title is that person's, not the last speaker's."""
    return bool(_people_after(doc, finder, f))


def _people_after(doc: DocIndex, finder: SpeakerFinder, f: Found) -> list[Mention]:
    end = doc.sentences[doc.sent_at(f.who.start)].end
    return [
        m
        for m in doc.mentions_in(f.who.end, end)
        if finder.ner_type(m) == "PER"
        and not doc.in_quote(m.char_start)
        and not f.start <= m.char_start < f.end  # «по мнению зампреда Совбеза, … Трампа»
    ]


def _first_person_after(doc: DocIndex, finder: SpeakerFinder, f: Found) -> Mention | None:
    """The first person named after ``f``'s speaker phrase in its sentence with only a
    title's words between (see :func:`_person_named_after`, :func:`_title_words_between`)."""
    people = _people_after(doc, finder, f)
    if people and _title_words_between(doc, finder, f.who.end, people[0].char_start):
        return people[0]
    return None


def _title_words_between(doc: DocIndex, finder: SpeakerFinder, a: int, b: int) -> bool:
    """Whether only a title's words stand in ``text[a:b]`` (twelve at most; no verb, no
    adverbial): «Посол Евросоюза на Южном Кавказе| Питер Семнеби», not «Глава РФ пообещал в
    случае приезда| Меркель»."""
    i, j = doc.tok_range(a, b)
    if j - i > 12:
        return False
    if any(finder.ru_adverbial_at(k, j) for k in range(i, j)):
        return False  # «представитель генсека в ответ на просьбу … Каи Каллас»
    return not any(ru_parses(t[2])[0].tag.POS in ("VERB", "GRND", "INFN") for t in doc.tokens[i:j])


def _unnamed_before(doc: DocIndex, f: Found, last: Found, found: list[Found]) -> bool:
    """English "the White House official told reporters" after "a senior White House official
    said" and a named speaker since: an anonymous source's description ("official",
    "source", "aide") goes back to the unnamed speaker it repeats (the same words, without
    the article), not to the last named one."""
    words = f.who.speaker.lower().split()
    if doc.lang != "en" or len(words) < 2 or words[-1] not in ANONYMOUS_EN:
        return False
    return any(
        g.start < last.start
        and not (g.who.ner or g.who.actor_id)
        and g.who.speaker.lower().split()[-len(words) :] == words
        for g in found
    )


def _introduced_next(doc: DocIndex, finder: SpeakerFinder, f: Found, noun: str) -> Mention | None:
    """The first person named in the two paragraphs after ``f``'s speaker with the title
    ``noun`` right before the name ("Kharkiv regional governor Oleg Synegubov")."""
    para = doc.para[doc.sent_at(f.who.start)]
    return next(
        (
            m
            for m in doc.mentions_in(f.end, len(doc.text))
            if doc.para[doc.sent_at(m.char_start)] - para <= 2
            and finder.ner_type(m) == "PER"
            and not doc.in_quote(m.char_start)
            and noun in titles_before(doc, m.char_start, 1, in_sentence=True)
        ),
        None,
    )


def name_anaphoric_bodies(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> None:
    """Russian «сообщила компания», «в пресс-службе ведомства», «говорится в материале», «Как
    пишет издание»: an unnamed body or document is the last organisation quoted in the post,
    else the last organisation named before it."""
    last_org: Found | None = None
    # outlets an unnamed body does not mean: one that writes or quotes is not a later
    # «пресс-служба компании»; one that quotes a document is not «В документе …»'s author
    writing = _relaying_outlets(doc, found, QUOTING | {"писать"})
    quoting = _relaying_outlets(doc, found, QUOTING)
    for f in found:
        if _anaphoric_body(doc, f):
            head = doc.tokens[_head_token(doc, f)][4]
            media = head in MEDIA_NOUNS or head in DOCUMENT_NOUNS
            outlets = set() if head in MEDIA_NOUNS else quoting if media else writing
            if last_org is not None and last_org.who.start in outlets:
                last_org = None  # «Как пишут РИА Новости, … Пресс-служба компании сообщила»
            if last_org is not None and (media or paragraphs_apart(doc, last_org, f) <= 2):
                if not _other_place(doc, f, last_org.who.start, last_org.who.end):
                    f.who = last_org.who
            else:  # not a listener after the content, nor one inside a quotation
                stop = f.start if f.kind == "direct" else f.end  # «…, сообщила компания» names it
                named = [
                    m
                    for m in doc.mentions_in(0, f.who.start)
                    if finder.ner_type(m) == "ORG"
                    and m.char_start < stop
                    and not PLATFORM_RE.search(m.text)  # «в Telegram-канале»: where, not who
                    and m.char_start not in outlets
                ]
                named = _same_kind(doc, f, named) or named  # «пресс-служба холдинга»: the holding
                if named and not _other_place(doc, f, named[-1].char_start, named[-1].char_end):
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
        described = _described_noun(doc, f) if headline else None
        if not (f.who.bare or (headline and _title_phrase(doc, f)) or described):
            continue  # «Премьер Японии заявил …» in a headline: the premier the body names
        named_after = _first_person_after(doc, finder, f) if doc.lang == "ru" else None
        if named_after is not None:  # «— отметил вице-премьер, глава Аппарата … Григоренко»
            f.who = finder.from_mention(named_after, f.who.start, f.who.end)
            continue
        head = doc.tokens[_head_token(doc, f)]
        people = [
            m
            for m in doc.mentions_in(0, f.who.start)
            if finder.ner_type(m) == "PER"
            and doc.para[doc.sent_at(f.who.start)] - doc.para[doc.sent_at(m.char_start)] <= 2
            and not doc.in_quote(m.char_start)
        ]
        said = cue_gender(doc, f)  # «муж актрисы Сергей Сенин … актриса попросила»: not him
        titled = [
            m
            for m in people
            if head[4] in titles_before(doc, m.char_start, 6)
            and gender_fits(said, finder.gender_of(m))
        ]
        if not titled and headline:  # a headline's «— министр», «Украинская певица …»
            after = _introduced_after(doc, finder, f, described or head[4])
            # not a person the words name («Президент поручил Медведеву …»)
            titled = [m for m in after if not f.start <= m.char_start < f.end][:1]
        if not titled and headline and (described or f.who.bare):
            same = _same_cue_after(doc, f, found)
            if same is not None:  # «Эксперт объяснил, почему …» / «… Шкурлатов объяснил, что …»
                f.who = replace(same.who, start=f.who.start, end=f.who.end)
                continue
        if not titled and head[4] in TITLE_NOUNS:
            before = doc.sent_at(f.who.start) - 1
            titled = [
                m
                for m in people
                if doc.sent_at(m.char_start) == before and finder.subject_like(m, "m")
            ]
        if titled:
            f.who = finder.from_mention(titled[-1], f.who.start, f.who.end)


def _same_cue_after(doc: DocIndex, f: Found, found: list[Found]) -> Found | None:
    """The first quote after the headline ``f`` whose cue has the same lemma and whose speaker
    is a named person: the body telling what the headline's «Эксперт объяснил» sums up."""
    cue = lemma_of(f.cue.lower(), doc.lang)
    return next(
        (
            g
            for g in found
            if g.start > f.end
            and g.who.ner == "PER"
            and doc.para[doc.sent_at(g.start)] > 0
            and lemma_of(g.cue.lower(), doc.lang) == cue
        ),
        None,
    )


def _described_noun(doc: DocIndex, f: Found) -> str | None:
    """The lemma of a singular animate noun heading an unnamed speaker phrase of at most three
    words («Украинская певица»), which the body may name («украинская певица Таисия Повалий»)."""
    who = f.who
    if who.actor_id or who.ner or who.rank != 0 or who.bare:
        return None
    i, j = doc.tok_range(who.start, who.end)
    if not 0 < j - i <= 3:
        return None
    last = doc.tokens[j - 1]
    return last[4] if animate_noun(last[3]) and not plural_noun(last[2]) else None


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
        and any(w == noun or w.startswith(f"{noun}-") for w in titles_before(doc, m.char_start, 8))
        and not _verb_after_title(doc, m.char_start, noun, 8)
    ]  # «премьер» introduced as «премьер-министр»


def _verb_after_title(doc: DocIndex, pos: int, noun: str, n: int) -> bool:
    """Whether a verb, gerund or infinitive stands between the last ``noun`` among the ``n``
    words before ``pos`` and ``pos``: a clause, not a title («Глава РФ пообещал в случае
    приезда Меркель»)."""
    k = doc.tok_range(0, pos)[1]
    window = range(max(k - n, 0), k)
    at = [t for t in window if doc.tokens[t][4] == noun or doc.tokens[t][4].startswith(f"{noun}-")]
    return bool(at) and any(
        ru_parses(doc.tokens[t][2])[0].tag.POS in ("VERB", "GRND", "INFN")
        for t in range(at[-1] + 1, k)
    )


def _relaying_outlets(doc: DocIndex, found: list[Found], verbs: frozenset[str]) -> set[int]:
    """Where the organisations start that relay with one of ``verbs`` («Как пишут РИА
    Новости», «цитирует NEWSru.com поручение»): the speaker of such a cue, or the mention
    right after it."""
    starts = {
        g.who.start
        for g in found
        if g.who.ner == "ORG" and lemma_of(g.cue.lower(), doc.lang) in verbs
    }
    for k, token in enumerate(doc.tokens[:-1]):
        after = doc.mention_at(doc.tokens[k + 1][0]) if token[4] in verbs else None
        starts |= {after.char_start} if after is not None else set()
    return starts


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


def _same_kind(doc: DocIndex, f: Found, named: list[Mention]) -> list[Mention]:
    """The organisations among ``named`` whose name or the two words before it hold a noun of
    ``f``'s body phrase after its head («Холдинг USM» for «в пресс-службе холдинга»)."""
    i, j = doc.tok_range(f.who.start, f.who.end)
    kinds = {t[4] for t in doc.tokens[i + 1 : j]}
    out = []
    for m in named:
        a, b = doc.tok_range(m.char_start, m.char_end)
        if kinds & {t[4] for t in doc.tokens[max(a - 2, 0) : b]}:
            out.append(m)
    return out


def _other_place(doc: DocIndex, f: Found, start: int, end: int) -> bool:
    """Whether ``f``'s body phrase names a place by an adjective («пресс-служба армянского
    правительства») that the organisation at ``text[start:end]`` does not share in its name or
    the three words before it (not «делегация Конгресса США»)."""
    i, j = doc.tok_range(f.who.start, f.who.end)
    stems = {t[3][:4] for t in doc.tokens[i:j] if t[4].endswith(("ский", "цкий"))}
    if not stems:
        return False
    a, b = doc.tok_range(start, end)
    return not any(t[3][:4] in stems for t in doc.tokens[max(a - 3, 0) : b])


def _group_speaker(doc: DocIndex, f: Found) -> bool:
    """Whether a speaker phrase is a plural group («Местные жители», "several women"): no one
    person a bare singular noun after it («Очевидец рассказал», "the woman asked") may be."""
    if f.who.ner or f.who.actor_id:
        return False
    i, j = doc.tok_range(f.who.start, f.who.end)
    if doc.lang == "en":  # a plural of a person noun ("women": lemma "woman")
        return any(t[4] in PERSON_NOUNS and t[3] != t[4] for t in doc.tokens[i:j])
    return doc.lang == "ru" and any(plural_noun(t[2]) and _person_word(t) for t in doc.tokens[i:j])


def _person_word(token: Scanned) -> bool:
    return token[2][:1].isalpha() and (token[4] in PERSON_NOUNS or animate_noun(token[3]))


def _head_token(doc: DocIndex, f: Found) -> int:
    return doc.tok_range(f.who.start, f.who.end)[0]


def _bare_head(doc: DocIndex, f: Found) -> int:
    """The noun of a bare speaker: the first word in Russian («министр финансов»), the last in
    English ("the prime minister")."""
    i, j = doc.tok_range(f.who.start, f.who.end)
    return j - 1 if doc.lang == "en" and f.who.bare and j > i else i


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


def embedded_posts(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """Posts embedded from social media: "Violent clashes in Baymak— NEXTA (@nexta_tv) January
    17, 2024", or the post's paragraph followed by "— Alex Stein #99 (@alexstein99) May 11,
    2022". The post's words (without a trailing picture link) are the signed name's, a mention
    NER found there if any; quotations the rules found inside them stay as they are."""
    out = []
    for match in _EMBED_RE.finditer(doc.text):
        name = _EMBED_NAME_RE.match(match["name"].strip())
        if name is None:
            continue
        if match["lead"].strip():
            start, end = match.start("lead"), match.end("lead")
        else:
            before = [p for p in doc.para_spans if p[1] <= match.start()]
            if not before:
                continue
            start, end = before[-1]
        end = start + len(_EMBED_LINK_RE.sub("", doc.text[start:end]))
        start, end = trim_span(doc.text, start, end)
        if not _WORD_RE.search(doc.text, start, end):
            continue
        a = match.start("name") + (len(match["name"]) - len(match["name"].lstrip()))
        out.append(Found(start, end, _signer(doc, finder, name[0], a), "—", "direct"))
    return sorted(found + out, key=lambda f: f.start)


def dash_signed_quotes(doc: DocIndex, finder: SpeakerFinder, found: list[Found]) -> list[Found]:
    """English quotations signed after a dash, as epigraphs and pull quotes are: "“… a
    pipedream.” ( – Joseph Toomey, below)", "“…” — Joseph Toomey". The name (two to four
    capitalised words ending the line or followed by a comma or a parenthesis) speaks the
    words of at least four words no rule attributed."""
    out = []
    for a, b in doc.quoted:
        if len(_WORD_RUN_RE.findall(doc.text, a, b)) < 4 or any(
            f.start < b and a < f.end for f in found
        ):
            continue
        signed = _SIGNED_RE.match(doc.text, b + 1)
        if signed is None:
            continue
        start = signed.start("name")
        m = doc.mention_at(start)
        if m is not None and (m.char_end != signed.end("name") or m.ner_type != "PER"):
            continue  # "– Kyiv Post": a publication, not the place NER tagged in it
        out.append(Found(a, b, _signer(doc, finder, signed["name"], start), "—", "direct"))
    return sorted(found + out, key=lambda f: f.start)


def _signer(doc: DocIndex, finder: SpeakerFinder, name: str, a: int) -> Speaker:
    """The speaker of an embedded post signed ``name`` at ``a``."""
    m = doc.mention_at(a)
    if m is not None and m.char_start == a and m.char_end <= a + len(name):
        return finder.from_mention(m, a, a + len(name))
    return Speaker(name, None, 0, a, a + len(name))
