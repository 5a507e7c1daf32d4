"""Reported speech from a dependency parse: the subject of a speech verb and its clause.

English uses spaCy's small pipeline (tagger and parser; the same package as the NER), Russian
natasha's news syntax model. For a speech verb (a form or lemma of the cue list of
``data/speech.yaml``, plus the verbs of :data:`EXTRA_EN`) with a nominal subject (``nsubj``)
and a clausal complement (``ccomp``; ``parataxis`` in "The talks, Lavrov said, were useful"
style is left to the rules), the subject is the speaker and the complement the content:
"Spokeswoman Haley Morris says the candidate has always run a lean campaign" -> speaker span
"Spokeswoman Haley Morris", content "the candidate has always run a lean campaign". The
listener ("told Fox News that …": ``dobj``/``iobj``/``dative``) is never the subject.

Pure and lazy: the models load on first use; only sentences the rules left without a quote
and that hold a speech verb are parsed (see :class:`~narrascope.actors.QuoteExtractor`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from narrascope.actors.ner import SPACY_MODEL
from narrascope.errors import MissingExtraError

__all__ = ["EXTRA_EN", "Clause", "speech_clauses"]

# English speech and thought verbs beyond the cue list, as lower-case forms.
EXTRA_EN = frozenset(
    {
        "say",
        "tell",
        "add",
        "note",
        "argue",
        "claim",
        "state",
        "announce",
        "declare",
        "explain",
        "write",
        "warn",
        "insist",
        "acknowledge",
        "admit",
        "suggest",
        "predict",
        "report",
        "reported",
        "reports",
        "testify",
        "concede",
        "contend",
        "assert",
        "allege",
        "alleged",
        "alleges",
        "believe",
        "think",
        "thinks",
        "thought",
        "feel",
        "feels",
        "felt",
        "hope",
        "hopes",
        "hoped",
        "fear",
        "fears",
        "feared",
        "expect",
        "expects",
        "expected",
        "recall",
        "estimate",
        "estimated",
        "estimates",
        "indicate",
        "indicated",
        "indicates",
        "show",
        "showed",
        "shows",
        "found",
        "finds",
        "know",
        "knows",
        "knew",
        "agree",
        "agreed",
        "agrees",
        "promise",
        "promised",
        "vowed",
        "pledged",
        "mentioned",
        "answered",
        "asked",
        "asks",
        "emphasize",
        "stress",
        "says",
        "said",
        "told",
        "tells",
    }
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_CLAUSES = frozenset({"ccomp"})
_MARKS = frozenset({"that", "что", "чтобы", "будто", "if", "whether"})


@dataclass(frozen=True, slots=True)
class Clause:
    """A speech verb with its subject and clausal complement (offsets into the text)."""

    cue_start: int
    cue_end: int
    cue: str
    subject_start: int
    subject_end: int
    head_start: int  # the subject's head word
    head_end: int
    content_start: int
    content_end: int
    head_pos: str  # PRON, PROPN, NOUN, ...


@cache
def _spacy_parser() -> Any:
    try:
        import spacy
    except ImportError as exc:
        raise MissingExtraError("spaCy", "nlp") from exc
    try:
        return spacy.load(SPACY_MODEL, exclude=["ner", "lemmatizer"])
    except OSError as exc:
        raise MissingExtraError("the spaCy English model", "nlp") from exc


@cache
def _natasha_parser() -> tuple[Any, Any, Any]:
    try:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter
    except ImportError as exc:
        raise MissingExtraError("natasha (Russian syntax)", "nlp") from exc
    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding)


def speech_clauses(
    text: str, spans: Sequence[tuple[int, int]], language: str, verbs: frozenset[str]
) -> list[Clause]:
    """Speech clauses in the ``spans`` of ``text`` (English or Russian).

    ``verbs``: lower-case forms or lemmas that count as speech verbs.
    """
    if not spans:
        return []
    if language == "en":
        return list(_english(text, spans, verbs | EXTRA_EN))
    if language == "ru":
        return list(_russian(text, spans, verbs))
    return []


def _english(
    text: str, spans: Sequence[tuple[int, int]], verbs: frozenset[str]
) -> Iterator[Clause]:
    nlp = _spacy_parser()
    for (offset, _end), doc in zip(spans, nlp.pipe(text[a:b] for a, b in spans), strict=True):
        for tok in doc:
            if tok.lower_ not in verbs or not tok.tag_.startswith("VB"):
                continue
            subj = [c for c in tok.children if c.dep_ in _SUBJECTS]
            comp = [c for c in tok.children if c.dep_ in _CLAUSES]
            if not subj or not comp or subj[0].lower_ in ("it", "there", "which", "that"):
                continue
            s, c = subj[0], comp[0]
            tokens = [t for t in c.subtree if not (t.i == c.left_edge.i and t.lower_ in _MARKS)]
            edges = (c.left_edge.i, c.right_edge.i)
            tokens = [t for t in tokens if not t.is_punct or t.i not in edges]
            if len(tokens) < 2:
                continue
            yield Clause(
                offset + tok.idx,
                offset + tok.idx + len(tok.text),
                tok.text,
                offset + s.left_edge.idx,
                offset + s.right_edge.idx + len(s.right_edge.text),
                offset + s.idx,
                offset + s.idx + len(s.text),
                offset + tokens[0].idx,
                offset + tokens[-1].idx + len(tokens[-1].text),
                s.pos_,
            )


def _russian(
    text: str, spans: Sequence[tuple[int, int]], verbs: frozenset[str]
) -> Iterator[Clause]:
    from natasha import Doc

    from narrascope.text.tokens import lemma_of

    segmenter, morph, syntax = _natasha_parser()
    for offset, end in spans:
        doc = Doc(text[offset:end])
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        tokens = doc.tokens
        by_id = {t.id: t for t in tokens}
        children: dict[str, list[Any]] = {}
        for t in tokens:
            children.setdefault(t.head_id, []).append(t)
        for tok in tokens:
            if tok.pos != "VERB" or lemma_of(tok.text, "ru") not in verbs:
                continue
            kids = children.get(tok.id, [])
            subj = [c for c in kids if c.rel in _SUBJECTS]
            comp = [c for c in kids if c.rel in _CLAUSES]
            if not subj or not comp:
                continue
            s_span = _subtree(subj[0], children)
            c_tokens = sorted(_walk(comp[0], children), key=lambda t: t.start)
            while c_tokens and (c_tokens[0].text.lower() in _MARKS or c_tokens[0].pos == "PUNCT"):
                c_tokens.pop(0)
            while c_tokens and c_tokens[-1].pos == "PUNCT":
                c_tokens.pop()
            if len(c_tokens) < 2 or (by_id.get(tok.head_id) is not None and tok.rel == "ccomp"):
                continue
            yield Clause(
                offset + tok.start,
                offset + tok.stop,
                tok.text,
                offset + s_span[0],
                offset + s_span[1],
                offset + subj[0].start,
                offset + subj[0].stop,
                offset + c_tokens[0].start,
                offset + c_tokens[-1].stop,
                subj[0].pos,
            )


def _walk(token: Any, children: dict[str, list[Any]]) -> Iterator[Any]:
    stack = [token]
    seen = set()
    while stack:
        t = stack.pop()
        if t.id in seen:
            continue
        seen.add(t.id)
        yield t
        stack.extend(children.get(t.id, []))


def _subtree(token: Any, children: dict[str, list[Any]]) -> tuple[int, int]:
    found = list(_walk(token, children))
    return min(t.start for t in found), max(t.stop for t in found)
