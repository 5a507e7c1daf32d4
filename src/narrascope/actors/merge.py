"""One key per actor across case, inflection, script and surname-only mentions.

``actor_key`` is what the actor list groups by (``Mention.actor_key``, ``Quote.actor_key``):
- a registry actor: its id ("lavrov"; "Москве", "MOSCOW" and "Moscow" are all "moscow");
- an unknown person: ``~`` + the surname and the first initial of its nominative form in Latin
  letters, spelled loosely so that transliterations agree: "Виктор Логинов", "Виктора
  Логинова" and "Viktor Loginov" are ``~loginov.v``; "Анджали Рао" and "Anjali Rao"
  ``~rao.a``. A surname alone ("Loginov", «Логинова») takes the full name mentioned in the
  same article, else stays ``~loginov``; two people speaking together ("Maria Lopez and
  Daniel Okafor said") are both keys joined by ``+``, neither one alone;
- any other unknown entity: ``~`` + its words' lemmas in Latin letters ("Пентагона" and
  "Пентагон" are ``~pentagon``; "BUENOS AIRES", a dateline NER took for a person, and
  "Буэнос-Айрес" ``~buenosaires``); a single capitalised word that is the surname of one
  person named in full in the article is that person ("Nefedov" tagged ORG).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrascope.actors.registry import RU_OBLIQUE_ENDINGS, lemma_key, nominative_name

__all__ = ["actor_key", "loose_latin", "person_key"]

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "sch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)
# Spellings that transliterations of one name disagree on, folded to one.
_LOOSE = (
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ks", "x"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("ts", "c"),
    ("yu", "u"),
    ("iu", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("ey", "ei"),
    ("y", "i"),
    ("ii", "i"),
    ("w", "v"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
)
_NOT_LETTER = re.compile(r"[^a-z]+")


def loose_latin(word: str) -> str:
    """A word in Latin letters, with the spellings transliterations disagree on folded."""
    out = "".join(_CYRILLIC.get(ch, ch) for ch in word.lower())
    out = _NOT_LETTER.sub("", out)
    for a, b in _LOOSE:
        out = out.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", out)


def person_key(name: str, language: str) -> str:
    """``surname.initial`` (or ``surname``) of a personal name, loosely in Latin letters."""
    words = [w for w in nominative_name(name, language).split() if w[:1].isalpha()]
    words = [w for w in words if not w.endswith(".") or len(w) > 2] or words
    if not words:
        return ""
    surname = loose_latin(words[-1])
    return f"{surname}.{loose_latin(words[0])[:1]}" if len(words) > 1 else surname


# Russian case endings of a masculine surname the dictionary does not decline («Орбана»)
_RU_CASE_ENDINGS = tuple(dict.fromkeys(e for case in RU_OBLIQUE_ENDINGS.values() for e in case))


def _uninflected(word: str) -> set[str]:
    """Loose Latin forms of a Russian surname as written and without a case ending («Орбану»
    -> "orban", «Гелетея» -> "geletei"), to be matched against the full names of the article."""
    out = {loose_latin(word)}
    for ending in _RU_CASE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2:
            out.add(loose_latin(stem))
            if stem[-1] in "аеиоу":  # «Гелете-я»: «Гелетей»
                out.add(loose_latin(stem + "й"))
    return out


def actor_key(
    text: str, ner_type: str, actor_id: str | None, language: str, full_names: Sequence[str] = ()
) -> str:
    """The grouping key of a mention or speaker (see the module docstring).

    Args:
        text: the surface name or phrase.
        ner_type: PER, ORG, LOC or NORP.
        actor_id: the registry id, if known.
        language: the article's language.
        full_names: person keys (``surname.initial``) seen in the same article.
    """
    if actor_id:
        return actor_id
    words = text.split()
    if len(words) == 1 and text[:1].isupper():  # a surname alone, whatever NER called it
        surnames = {person_key(text, language), *_uninflected(text)}
        same = {k for k in full_names if k.split(".")[0] in surnames}
        if len(same) == 1:
            return "~" + same.pop()
    if ner_type == "PER" and " and " in text:  # two people speaking together: both, in order
        return "~" + "+".join(person_key(part, language) for part in text.split(" and "))
    if ner_type == "PER" and text[:1].isupper() and not (len(words) > 1 and text.isupper()):
        key = person_key(text, language)
        return "~" + key if key else "~"
    return "~" + "".join(loose_latin(w) for w in lemma_key(text, language))
