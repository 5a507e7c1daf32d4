"""Reported speech from a dependency parse: the subject of a speech verb and its clause.

English uses spaCy's small pipeline (tagger and parser; the same package as the NER), Russian
natasha's news syntax model. For a speech verb (a form or lemma of the cue list of
``data/speech.yaml``, plus the verbs of :data:`EXTRA_EN`) with a nominal subject (``nsubj``)
and a clausal complement (``ccomp``; ``parataxis`` in "The talks, Lavrov said, were useful"
style is left to the rules), the subject is the speaker and the complement the content:
"Spokeswoman Haley Morris says the candidate has always run a lean campaign" -> speaker span
"Spokeswoman Haley Morris", content "the candidate has always run a lean campaign". The
listener ("told Fox News that …": ``dobj``/``iobj``/``dative``) is never the subject.

English attributions beyond speech (the verbs of :data:`ATTRIBUTION_EN`, by lemma): beliefs
and findings with a clause ("few believe …", "polls show that …"); promises, threats, calls
and demands with a "to"-infinitive ("vowed to repeal", "urged conservatives to unite"; not
wishes, plans, offers or agreements: "wants to build a wall" is the outlet's account of an
intention, which the annotated sets leave out); findings with a common-noun object of three
words or more ("polls show a tightening race"; not verbs of judgement such as endorse or
criticize: what is judged is not what is said); accusations
("accused the West of seeking escalation", "blamed Kyiv for the attack"); "called for X";
naming ("called the plan predatory", "described the deal as a disaster", "mocked climate
change as a problem", "debunked these claims as a hoax"). A participle or a
conjoined verb without a subject shares its head verb's ("…, calling for a revolution").
Passive and raising verbs ("is expected to", "seemed to") have no source.

Pure and lazy: the models load on first use; only sentences that hold such a verb are parsed,
English ones beside a quote the rules found too (see :class:`~narrascope.actors.QuoteExtractor`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from narrascope.actors.ner import SPACY_MODEL
from narrascope.actors.wordlists import load_word_lists
from narrascope.errors import MissingExtraError
from narrascope.text.normalize import blank_pictographs

__all__ = [
    "ATTRIBUTION_EN",
    "EXTRA_EN",
    "RU_ACCUSING",
    "RU_DENIALS",
    "RU_NEGATED_ONLY",
    "RU_PROMISE",
    "RU_THAT_ONLY",
    "TELLING_EN",
    "Clause",
    "speech_clauses",
]

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
# English attributions beyond speech (lemmas; PolNeAR annotates beliefs, plans, polls):
# a "that"-clause (ccomp) is the content of these: "few believe their relationship can …"
THOUGHT_EN = frozenset(
    {
        "think", "believe", "expect", "hope", "fear", "worry", "know", "feel", "argue",
        "suggest", "acknowledge", "estimate", "show", "find", "indicate", "conclude", "insist",
        "predict", "warn", "agree", "realize", "understand", "assume", "suspect", "doubt",
        "figure", "guess", "reckon", "recognize", "concede", "contend", "maintain", "deny",
        "point", "reveal", "announce", "declare", "promise", "vow", "pledge", "wish",
        "imply", "hint", "signal", "speculate", "complain", "charge", "accuse", "boast",
        "demonstrate", "prove", "determine", "decide", "learn", "note", "observe", "mention",
        "recall", "say", "tell", "claim", "state", "write", "add", "explain", "report",
        "highlight", "clarify", "question", "shout", "confess", "reaffirm", "emphasize",
        "stress", "underline", "underscore", "reiterate", "caution", "remark", "confirm",
        "assert", "allege", "muse", "inform", "tweet", "respond", "reply", "counter", "lament",
        "concur", "wonder", "emphasise", "rule", "recommend", "propose", "forecast", "project",
        "calculate", "object", "protest", "brag", "reassure", "assure",
    }
)  # fmt: skip
# a "to"-infinitive (xcomp) is the content: "vowed to repeal", "urged Congress to act"
INTENT_EN = frozenset(
    {
        "vow", "pledge", "promise", "threaten",
        "urge", "ask", "demand", "encourage", "advise", "invite",
        "fear", "claim",
    }
)  # fmt: skip
# ("declined to comment", "refused to say": no content; left out)
# the object is the content when it is a common-noun phrase of three words or more ("polls
# show a dead heat", "demanded a full inquiry", "reported a drop in sales", "admitted the
# company's inexperience", "claimed victory in the primary"); not "cited" (a source named,
# not a claim), nor "stressed", "rejected", "confirmed" (on the SemEval tuning sets more wrong
# than right); not after verbs of judgement ("backed the elected government", "criticized the
# deal": what is judged is not what is said)
OBJECT_EN = frozenset(
    {
        "show", "predict", "fear", "estimate", "suggest", "demand", "reveal", "indicate",
        "acknowledge", "deny", "note", "announce", "highlight", "declare", "outline",
        "report", "admit", "concede", "reaffirm", "forecast", "claim", "recall", "explain",
        "tweet",
    }
)  # fmt: skip
# what "deny" refuses rather than disputes ("denied a request", "denied bail")
_REFUSED_EN = frozenset(
    {"request", "motion", "application", "bail", "access", "entry", "permission", "appeal"}
    | {"challenge"}
    | {"petition", "visa", "parole", "asylum", "bid", "license", "licence", "permit"}
)
# the object of a preposition is the content: "called for a special prosecutor", "pointed to
# his record", "warned of a recession"
PREP_EN = {
    "call": ("for",), "push": ("for",), "press": ("for",), "plead": ("for",),
    "advocate": ("for",), "lobby": ("for",), "ask": ("for",), "argue": ("for", "against"),
    "point": ("to",), "warn": ("of", "about", "against"), "complain": ("about",),
}  # fmt: skip
FOR_EN = frozenset(PREP_EN)
# the object and what it is called are the content: "called the plan predatory", "described
# the deal as a disaster"
NAMING_EN = frozenset(
    {"call", "label", "brand", "dub", "deem", "describe", "term", "consider", "cast", "portray"}
    | {"characterize", "characterise", "mock", "dismiss", "view", "slam", "denounce"}
    | {"decry", "expose", "debunk", "paint", "frame", "criticize", "criticise"}
)  # with "as": "criticized military mobilization as “genocide”"
# accusations: who and what of, as a claim ("accused the West of seeking escalation",
# "blamed Kyiv for the attack"); the object and the phrase are the content
ACCUSING_EN = {"accuse": "of", "blame": "for"}
RU_ACCUSING = frozenset({"обвинить", "обвинять"})  # «обвинил Запад в …»: the object and charge
# «не подтвердил, что …» says nothing; «не отрицает, что …» says it
RU_DENIALS = frozenset({"отрицать", "опровергать", "опровергнуть", "исключать", "исключить"})
RU_NEGATED_ONLY = frozenset({"исключать", "исключить"})  # «не исключают, что …», not «исключили»
# findings, conclusions, doubts and expectations, only with a «что»-clause and only from the
# parse: «Опрос показал, что …», «Пользователи обнаружили, что …», «Майор заключил, что …»,
# «Киев ждет, что …» (not «показал, как …», «обнаружила тело», «заключили соглашение»)
RU_THAT_ONLY = frozenset(
    {"показать", "показывать", "обнаружить", "обнаруживать", "заключить", "заключать"}
    | {"сомневаться", "ожидать", "ждать"}
)
ATTRIBUTION_EN = THOUGHT_EN | INTENT_EN | OBJECT_EN | FOR_EN | NAMING_EN | frozenset(ACCUSING_EN)
_OBJECT_MIN_TOKENS = 3
# verbs whose object or prepositional phrase may be their content ("called for a ban because
# of concerns that …"): a "that" clause inside it is not theirs
_WITH_OBJECTS = INTENT_EN | OBJECT_EN | FOR_EN | NAMING_EN | frozenset(ACCUSING_EN) | {"call"}
# verbs whose "to"-infinitive is their subject's own act ("went on to say", "took to Twitter to
# call")
_GOING_ON = frozenset({"go", "continue", "proceed", "take", "rush", "hasten", "decide"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
# verbs whose passive subject listened ("a summit has been told"; lemmas)
TELLING_EN = frozenset({"tell", "inform", "assure", "warn", "brief", "remind", "ask"})
_CLAUSES = frozenset({"ccomp"})
# verbs set into a sentence after a comma with their speaker ("…, said Doyle, would be …")
_ASIDE_VERBS = frozenset({"say", "add", "note", "argue", "write", "explain", "insist", "warn"})
_SPEECH_WORDS = load_word_lists("speech.yaml")
_WHO_EN = _SPEECH_WORDS["person_nouns"] | _SPEECH_WORDS["body_nouns"]  # people and bodies
# "assuming you can …", "supposing that …": a participle that states a condition
_CONDITIONAL_PARTICIPLES = frozenset({"assuming", "supposing"})
# verbs of finding and seeing: their object with a participle is a scene, not reported words
_PERCEIVING = frozenset({"find", "see"})
# English verbs of urging that take the one urged before "to": with none, a headline's reduced
# passive ("Consumers urged to use …"; in prose "Ruto … urged to reduce tariffs" is his call)
_URGING_EN = frozenset({"urge", "encourage", "advise", "invite"})
_MARKS = frozenset({"that", "что", "чтобы", "будто", "if", "whether"})
_RU_REASON = frozenset({"поскольку", "так", "потому", "ибо"})
# Russian promises, calls, demands, requests, orders and threats: the infinitive after them is
# the content («обещает вложить …», «потребовали запретить …», «попросил Грецию поддержать …»);
# not proposals nor ongoing demands («предложили ввести …», «требовали освободить …»: the
# annotated sets count them less often than not)
RU_PROMISE = frozenset(
    {"обещать", "пообещать", "призвать", "призывать", "уговаривать", "рекомендовать"}
    | {"посоветовать", "потребовать", "попросить", "поручить", "пригрозить", "угрожать"}
    | {"советовать"}
)


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
    from narrascope.text.tokens import lemma_of

    nlp = _spacy_parser()
    for (offset, _end), doc in zip(spans, nlp.pipe(text[a:b] for a, b in spans), strict=True):
        for tok in doc:
            if not tok.tag_.startswith("VB"):
                continue
            lemma = lemma_of(tok.text, "en")
            if tok.tag_ == "VBG" and lemma == tok.lower_:  # "warning", read as a noun's lemma
                lemma = tok.lower_.removesuffix("ing")
            if tok.lower_ not in verbs and lemma not in verbs:
                continue
            if tok.lower_ in _CONDITIONAL_PARTICIPLES and tok.tag_ == "VBG":
                continue  # "– assuming you can even find a charger": a condition, no one's claim
            inverted = _inverted_aside(tok, lemma, offset)
            if inverted is not None:  # "The contrast, said Doyle and others, would be clear"
                yield inverted
                continue
            subj = _english_subject(tok, verbs)
            if not subj or subj[0].lower_ in ("it", "there", "which", "that", "what"):
                continue
            if lemma in TELLING_EN and _set_off(subj[0], tok):
                continue  # "Peskov, asked how Trump had raised it, said: …": he was asked
            if _set_off(subj[0], tok) and tok.i + 1 < len(tok.doc) and tok.nbor().tag_ == "IN":
                continue  # "The plan, agreed to with the governor, will …": a passive aside
            if _own_infinitive_subject(tok):
                continue  # "will allow Puerto Rico to estimate the costs": allowed, not claimed
            content = _english_content(tok, lemma)
            if content is None:
                continue
            s, (first, last) = subj[0], content
            yield Clause(
                offset + tok.idx,
                offset + tok.idx + len(tok.text),
                tok.text,
                offset + s.left_edge.idx,
                offset + s.right_edge.idx + len(s.right_edge.text),
                offset + s.idx,
                offset + s.idx + len(s.text),
                offset + first.idx,
                offset + last.idx + len(last.text),
                s.pos_,
            )


def _inverted_aside(verb: Any, lemma: str, offset: int) -> Clause | None:
    """ "Any fair reading of the deal, said Maria Lopez, an expert on trade, would show a
    loss": a speech verb set off by commas with its speaker after it, inside a sentence whose
    subject (a thing, which the parse takes for the verb's) comes before; the speaker is the
    phrase after the verb and the content the whole sentence (offsets from ``offset``)."""
    from narrascope.text.tokens import lemma_of

    doc, sent = verb.doc, verb.sent
    if lemma not in _ASIDE_VERBS or verb.i == sent.start or doc[verb.i - 1].text != ",":
        return None
    subject = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subject or subject[0].pos_ != "NOUN" or lemma_of(subject[0].text, "en") in _WHO_EN:
        return None  # "Michele Demaré, Chair of …, said that …": the chair speaks
    comma = next((t.i for t in doc[verb.i + 1 : sent.end] if t.text == ","), None)
    if comma is None or comma == verb.i + 1 or any(t.is_quote for t in sent):
        return None
    speaker = doc[verb.i + 1 : comma]
    if speaker[0].pos_ == "ADP":
        return None  # "…, said on Saturday, and …": when, not who
    if speaker[0].lower_ == "that" or any(
        t.tag_.startswith("VB") or t.tag_ == "MD" for t in speaker
    ):
        return None  # "…, said the talks were useful, …": a clause, not a name
    if not any(t.pos_ == "PROPN" or lemma_of(t.text, "en") in _WHO_EN for t in speaker):
        return None
    after = [t for t in doc[comma + 1 : sent.end] if not t.is_punct]
    if not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in after):
        return None  # no verb after the aside: the sentence does not go on
    head = next((t for t in speaker if t.pos_ == "PROPN"), speaker[-1])
    words = [t for t in sent if not t.is_punct and not t.is_space]
    first, last = words[0], words[-1]
    return Clause(
        offset + verb.idx,
        offset + verb.idx + len(verb.text),
        verb.text,
        offset + speaker[0].idx,
        offset + speaker[-1].idx + len(speaker[-1].text),
        offset + head.idx,
        offset + head.idx + len(head.text),
        offset + first.idx,
        offset + last.idx + len(last.text),
        head.pos_,
    )


def _english_subject(verb: Any, verbs: frozenset[str] = frozenset()) -> list[Any]:
    """The verb's subject; a "to"-infinitive after "went on", "took to" shares its head
    verb's; a participle of a verb's object ("issued a statement saying") takes that verb's; a
    participle ("…, calling for a revolution") or a conjoined verb ("criticized the deal and
    called for …") without one shares its head verb's, or that of the speech verb whose
    reported clause it hangs on ("said the West is …, adding that …")."""
    subj = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not subj and _going_on(verb):
        return [c for c in verb.head.children if c.dep_ == "nsubj"]  # "Gates went on to say"
    if not subj and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj":
        # "Black Lives Matter issued a statement saying …": who issued it
        return [c for c in verb.head.head.children if c.dep_ == "nsubj"]
    if subj or not (verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")):
        return subj
    stranded = _stranded_subject(verb)
    if stranded is not None:  # "Russia has denied it meddled … and Trump has denied that …"
        return [stranded]
    head = verb.head
    if verb.dep_ == "advcl" and head.dep_ == "ccomp" and head.head.i < head.i:
        # "He said the West is balancing on the edge, adding that …": the one who said it,
        # not the reported clause's subject
        return [c for c in head.head.children if c.dep_ == "nsubj"]
    if verb.dep_ == "advcl" and head.dep_ == "acl" and head.head.dep_ == "dobj":
        # "An expert blasted Harries's claim that climate change will spread dengue, branding
        # it fictional": who blasted the claim, not the claim's subject
        return [c for c in head.head.head.children if c.dep_ == "nsubj"]
    return [c for c in _coordinated_with(verb, verbs).children if c.dep_ == "nsubj"]


def _own_infinitive_subject(verb: Any) -> bool:
    """Whether ``verb`` is a "to"-infinitive with a subject of its own inside another clause
    and no reported clause ("allow Puerto Rico to estimate the costs"): something permitted
    or wished, not said."""
    if verb.dep_ == "ROOT":
        return False  # a headline's "Obama to frame election as …": what he will say
    kids = list(verb.children)
    if any(c.dep_ in _CLAUSES for c in kids):
        return False  # "allowing users to tell readers that they're safe": their words
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
    return to and any(c.dep_ == "nsubj" for c in kids)


def _stranded_subject(verb: Any) -> Any | None:
    """The subject of a conjoined verb that the parse attached to the clause before it as a
    conjoined noun: "… in the election and Trump has denied …" (only auxiliaries between the
    name and the verb, "and" / "but" before the name)."""
    if verb.dep_ != "conj":
        return None
    k = verb.i - 1
    doc = verb.doc
    while k > 0 and doc[k].dep_ in ("aux", "neg") and doc[k].head.i == verb.i:
        k -= 1
    noun = doc[k]
    if noun.dep_ != "conj" or noun.tag_ not in ("NNP", "NNPS") or noun.head.i >= noun.i:
        return None
    return noun if k > 0 and doc[k - 1].lower_ in ("and", "but") else None


def _coordinated_with(verb: Any, verbs: frozenset[str] = frozenset()) -> Any:
    """The verb a conjoined one shares its subject with: its head, except that a verb
    conjoined to one inside another verb's clause goes with that verb when its form (tense and
    auxiliaries) is that verb's and not its head's ("Sullivan said the US was monitoring … but
    noted that …": Sullivan noted; "Moscow has stated that no aid will change …, and has
    accused …": Moscow); a speech verb (of ``verbs``) conjoined to a reported clause whose
    verb is no speech verb goes with the outer verb unless its form is the head's alone
    ("Schumer said Trump seemed to be rooting for a shutdown and warned that …": Schumer
    warned; "has said the ban is not discriminatory and pointed out that …")."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or head.head.i > head.i:
        return head  # only a clause after its verb, as reported words are
    outer = head.head
    if _form(verb) == _form(outer) != _form(head):
        return outer
    speech = _is_listed(verb, verbs) and not _is_listed(head, verbs) and _is_listed(outer, verbs)
    return outer if speech and not _form(verb) == _form(head) != _form(outer) else head


def _is_listed(verb: Any, verbs: frozenset[str]) -> bool:
    from narrascope.text.tokens import lemma_of

    return verb.lower_ in verbs or lemma_of(verb.text, "en") in verbs


def _set_off(subject: Any, verb: Any) -> bool:
    """Whether a comma alone stands between a subject and its past-tense verb ("Peskov,
    asked …"): a passive aside, not what the subject did."""
    between = verb.doc[subject.i + 1 : verb.i]
    return verb.tag_ in ("VBD", "VBN") and [t.text for t in between] == [","]


def _small_clause(head: Any) -> bool:
    """A clause without a finite verb: a past participle with no auxiliary ("names crossed
    out"; not a poll's "finds Trump receiving 20 percent")."""
    return head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)


def _headline(verb: Any) -> bool:
    """Whether ``verb``'s sentence is headline-like: no closing full stop, "!" or "?"."""
    last = [t for t in verb.sent if not t.is_space]
    return not last or last[-1].text not in (".", "!", "?", "…")


def _form(verb: Any) -> tuple[str, tuple[str, ...]]:
    """A verb's tag and auxiliaries ("has stated": VBN, has)."""
    return verb.tag_, tuple(c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass"))


def _going_on(verb: Any) -> bool:
    """Whether ``verb`` is a "to"-infinitive after a verb of :data:`_GOING_ON`."""
    from narrascope.text.tokens import lemma_of

    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    head = verb.head
    return to and verb.dep_ in ("xcomp", "advcl") and lemma_of(head.text, "en") in _GOING_ON


def _english_content(verb: Any, lemma: str) -> tuple[Any, Any] | None:
    """First and last token of the content of an attribution verb, by construction."""
    kids = list(verb.children)
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in kids):
        # "…, a summit has been told": the subject listened; "food waste is estimated …",
        # "Iowans are expected to attend": no one is named as the source
        return None
    comp = [c for c in kids if c.dep_ in _CLAUSES]
    if lemma in _PERCEIVING and comp and all(_small_clause(c) for c in comp):
        return None  # "singers are finding their names crossed out": no claim reported
    if not comp and lemma not in _WITH_OBJECTS:
        comp = _that_clause_in_setting(verb, kids)
    if comp:  # any listed verb: "said (that) …", "believes …", "asked whether …"
        after = [c for c in comp if c.i > verb.i]  # "Alluding to …, Biden predicted we'll …"
        c = after[0] if len(comp) > 1 and after else comp[0]
        edges = (c.left_edge.i, c.right_edge.i)
        tokens = [t for t in c.subtree if not (t.i == c.left_edge.i and t.lower_ in _MARKS)]
        tokens = [t for t in tokens if not t.is_punct or t.i not in edges]
        return (tokens[0], tokens[-1]) if len(tokens) >= 2 else None
    if lemma in INTENT_EN:
        xcomp = [c for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        objects = [c for c in kids if c.dep_ == "dobj"]
        if xcomp and any(t.dep_ == "aux" and t.lower_ == "to" for t in xcomp[0].children):
            if lemma in _URGING_EN and not objects and _headline(verb):
                return None  # "Consumers urged to use a brown bin": the subject was urged
            first = objects[0] if objects and objects[0].i < xcomp[0].i else xcomp[0]
            found = _span(first, xcomp[0])  # "urged conservatives to unite"
            if found and found[1].i - found[0].i + 1 >= _OBJECT_MIN_TOKENS:
                return found
    if lemma in OBJECT_EN:
        objects = [c for c in kids if c.dep_ == "dobj"]
        obj = objects[0] if objects else None
        refused = obj is not None and {obj.lower_, obj.lower_.removesuffix("s")} & _REFUSED_EN
        if lemma == "deny" and refused:
            return None  # "denied a request by the administration": refused, not disputed
        if lemma == "show" and any(c.dep_ == "dative" for c in kids):
            return None  # "Trump showed Xi a video": a thing shown to someone, no claim
        if obj is not None and obj.pos_ == "NOUN" and len(list(obj.subtree)) >= _OBJECT_MIN_TOKENS:
            return _span(obj, obj)
        if lemma == "report":  # "reported spending $6 million on ads"
            gerunds = [c for c in kids if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i]
            if gerunds and len(list(gerunds[0].subtree)) >= _OBJECT_MIN_TOKENS:
                return _span(gerunds[0], gerunds[0])
    if lemma in NAMING_EN:
        named = _naming(kids)
        if named is not None:
            return named
    if lemma in ACCUSING_EN:
        objects = [c for c in kids if c.dep_ == "dobj"]
        preps = [c for c in kids if c.dep_ == "prep" and c.lower_ == ACCUSING_EN[lemma]]
        if objects and preps and objects[0].i < preps[0].i:
            return _span(objects[0], preps[0])
    if lemma == "call":
        called_on = _called_on(kids)
        if called_on is not None:
            return called_on
    if lemma in PREP_EN:
        preps = [c for c in kids if c.dep_ == "prep" and c.lower_ in PREP_EN[lemma]]
        pobj = [c for c in preps[0].children if c.dep_ == "pobj"] if preps else []
        if pobj:
            return _span(pobj[0], pobj[0])
    return None


def _that_clause_in_setting(verb: Any, kids: list[Any]) -> list[Any]:
    """ "said on CNN, where he is a contributor, that Manafort should …", "said in one of a
    series of messages that the truck was …": a "that" clause the parser hung on a noun of
    the setting after the verb (a relative clause never has the mark "that") is the verb's."""
    for prep in (c for c in kids if c.dep_ == "prep" and c.i > verb.i):
        for t in prep.subtree:
            marks = [c for c in t.children if c.dep_ == "mark" and c.lower_ == "that"]
            if t.dep_ == "relcl" and marks and marks[0].i < t.i:
                return [t]
    return []


def _called_on(kids: list[Any]) -> tuple[Any, Any] | None:
    """ "called on Americans to leave Ukraine": whom, and what to do, as a call."""
    on = [c for c in kids if c.dep_ == "prep" and c.lower_ == "on"]
    pobj = [c for c in on[0].children if c.dep_ == "pobj"] if on else []
    xcomp = [c for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    to = bool(xcomp) and any(t.dep_ == "aux" and t.lower_ == "to" for t in xcomp[0].children)
    return _span(pobj[0], xcomp[0]) if pobj and to and pobj[0].i < xcomp[0].i else None


def _naming(kids: list[Any]) -> tuple[Any, Any] | None:
    objects = [c for c in kids if c.dep_ == "dobj"]
    names = [
        c for c in kids if c.dep_ in ("oprd", "attr") or (c.dep_ == "prep" and c.lower_ == "as")
    ]
    if objects and names and objects[0].i < names[0].i:
        return _span(objects[0], names[0])
    return None


def _span(first: Any, last: Any) -> tuple[Any, Any] | None:
    """The outer tokens of the subtrees of ``first`` .. ``last``, without edge punctuation."""
    tokens = [t for t in first.doc[first.left_edge.i : last.right_edge.i + 1]]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return (tokens[0], tokens[-1]) if tokens else None


def _russian(
    text: str, spans: Sequence[tuple[int, int]], verbs: frozenset[str]
) -> Iterator[Clause]:
    from natasha import Doc

    from narrascope.text.tokens import lemma_of, ru_passive_participle

    segmenter, morph, syntax = _natasha_parser()
    for offset, end in spans:
        doc = Doc(blank_pictographs(text[offset:end]))
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        tokens = doc.tokens
        by_id = {t.id: t for t in tokens}
        children: dict[str, list[Any]] = {}
        for t in tokens:
            children.setdefault(t.head_id, []).append(t)
        for tok in tokens:
            lemma = lemma_of(tok.text, "ru")
            if tok.pos not in ("VERB", "ADJ") or lemma not in verbs:  # ADJ: «уверена, что»
                continue
            if lemma in RU_PROMISE and ru_passive_participle(tok.text):
                continue  # «ограждение призвано защитить …»: meant to, nobody speaks
            kids = children.get(tok.id, [])
            negated = any(c.text.lower() == "не" for c in kids)
            if negated != (lemma in RU_NEGATED_ONLY) and not (negated and lemma in RU_DENIALS):
                continue  # «Кабул пока не объявил, кто …»: no statement; «не исключают, что»
            subj = [c for c in kids if c.rel in _SUBJECTS]
            comp = _russian_complement(tok, lemma, kids, text[offset:end], children)
            if lemma in RU_THAT_ONLY and not _marked_that(comp, children):
                continue
            if not subj and comp and comp[0].rel in ("ccomp", "parataxis"):
                subj = _shared_subject(tok, by_id, children)  # «…, заявив, что …»
            if not subj or not comp:
                continue
            s_span = _subtree(subj[0], children)
            c_tokens = sorted(
                (t for c in comp for t in _walk(c, children) if t.start >= tok.stop),
                key=lambda t: t.start,
            )  # after the verb: not «на фоне протестов» attached to the infinitive
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


def _shared_subject(verb: Any, by_id: dict[str, Any], children: dict[str, list[Any]]) -> list[Any]:
    """The subject of the verb a subject-less Russian verb hangs on: a converb («…, заявив,
    что …»), a conjoined verb («… и добавил, что …») or an adverbial clause («поскольку
    считают, что …») shares its head verb's subject."""
    for _ in range(3):
        if not _sharing(verb, children.get(verb.id, [])):
            return []
        verb = by_id.get(verb.head_id)
        if verb is None or verb.pos != "VERB":
            return []
        subject = [c for c in children.get(verb.id, []) if c.rel in _SUBJECTS]
        if subject:
            return subject[:1]
    return []


def _sharing(verb: Any, kids: list[Any]) -> bool:
    """Whether a Russian verb shares its head's subject: a converb, a verb joined by «и» / «а»
    / «но», a clause of reason («поскольку», «так как», «потому что», «ибо»)."""
    words = {c.text.lower() for c in kids if c.rel in ("cc", "mark")}
    if verb.rel == "advcl":
        return verb.feats.get("VerbForm") == "Conv" or bool(words & _RU_REASON)
    return verb.rel == "conj" and bool(words & {"и", "а", "но"})


def _russian_complement(
    verb: Any, lemma: str, kids: list[Any], text: str, children: dict[str, list[Any]]
) -> list[Any]:
    """The heads of a Russian speech verb's content: its clausal complement; after a colon,
    the clause it introduces («подтвердил: знаком с …»); after a promise or call, the
    infinitive with the object before it («призывает россиян воздержаться …»); after an
    accusation, the accused and the charge («обвинил Запад в стремлении …»)."""
    clauses = [c for c in kids if c.rel in _CLAUSES]
    if clauses:
        return clauses[:1]
    after = [c for c in kids if c.start > verb.stop]
    colon = [c for c in after if c.rel == "parataxis" and ":" in text[verb.stop : c.start]]
    if colon:
        return colon[:1]
    if lemma in RU_ACCUSING:  # «обвинил Запад в стремлении к эскалации»
        objects = [c for c in after if c.rel == "obj"]
        charges = [c for c in after if c.rel == "obl" and _governed_by(c, "в", children)]
        if objects and charges and objects[0].start < charges[0].start:
            return [objects[0], charges[0]]
    infinitive = [c for c in after if c.rel == "xcomp" and c.pos == "VERB"]
    if lemma in RU_PROMISE and infinitive:
        objects = [c for c in after if c.rel in ("obj", "iobj") and c.start < infinitive[0].start]
        return objects[:1] + infinitive[:1]
    return []


def _marked_that(heads: list[Any], children: dict[str, list[Any]]) -> bool:
    """Whether the first of ``heads`` is a clause opened by «что»."""
    return bool(heads) and any(
        c.rel == "mark" and c.text.lower() == "что" for c in children.get(heads[0].id, [])
    )


def _governed_by(token: Any, word: str, children: dict[str, list[Any]]) -> bool:
    """Whether the natasha token ``token`` is governed by the preposition ``word``."""
    return any(c.rel == "case" and c.text.lower() == word for c in children.get(token.id, []))


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
