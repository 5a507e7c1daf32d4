"""The actor registry: aliases in English and Russian mapped to canonical actor ids.

The registry (``narrascope/actors/data/actors.yaml``, extended by a user YAML in the same format)
maps aliases in English and Russian to canonical actor ids. Aliases match on word forms:
a text word matches an alias word when their lowercase surfaces, lemmas, possessive-free
forms ("Lavrov's") or, for capitalised Russian words, crude stems ("Лаврова", "Лавровым",
"Кабулову") coincide. A capitalised alias word only matches a capitalised word, an
all-caps alias word ("US", "МИД") only an all-caps word.

Example:
    >>> registry = ActorRegistry.load()
    >>> registry.match("Сергея Лаврова", "ru")
    'lavrov'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from narrascope.errors import InputError
from narrascope.text.tokens import Scanned, base_language, lemma_of, ru_known, ru_parses, scan

__all__ = [
    "Actor",
    "ActorRegistry",
    "AliasMatch",
    "Role",
    "default_registry",
    "indeclinable_foreign",
    "lemma_key",
    "nominative_name",
]

# Russian case endings, longest first (a crude stemmer for inflected names).
_RU_ENDINGS: tuple[str, ...] = ("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей")
_RU_ENDINGS += ("ом", "ем", "ым", "им", "ую", "юю", "ая", "яя", "а", "я", "у", "ю", "е", "ы", "и")
_RU_ENDINGS += ("й", "ь")
_SURNAME_SUFFIXES = ("ов", "ев", "ёв", "ин", "ын")
RU_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_GAP_BREAKS = set(",.;:!?()[]\n")
KIND_NER = {
    "person": "PER",
    "organisation": "ORG",
    "group": "ORG",
    "country": "LOC",
    "place": "LOC",
}
LEADING_ARTICLES = ("the ", "The ")


# -- registry -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Actor:
    """One registry entry: canonical id and name, role, organisation, country, aliases."""

    id: str
    name: str
    kind: str = "person"
    role: str = ""
    organisation: str | None = None
    country: str | None = None
    gender: str | None = None
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ner_type(self) -> str:
        """PER, ORG or LOC, from ``kind``."""
        return KIND_NER.get(self.kind, "ORG")


@dataclass(frozen=True, slots=True)
class Role:
    """An office whose aliases name its holder of the day: ``holders`` are
    ``(actor_id, from, until)`` (inclusive days, None open), oldest first."""

    id: str
    name: str
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    holders: tuple[tuple[str, date | None, date | None], ...] = ()


ROLE_PREFIX = "role:"


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """An alias occurrence: ``text[start:end]`` names ``actor_id``."""

    start: int
    end: int
    actor_id: str


# A word of an alias: the forms it accepts and its case constraint (0 any, 1 title, 2 caps).
_AliasWord = tuple[frozenset[str], int]
_Alias = tuple[tuple[_AliasWord, ...], str]


def _ru_stem(lower: str) -> str | None:
    for ending in _RU_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 4:
            return lower[: -len(ending)]
    return None


def _forms(token: Scanned) -> set[str]:
    """Every form under which a word may match an alias word."""
    _s, _e, surface, lower, lemma = token
    forms = {lower, lemma, lower.replace(".", "")}
    for clitic in ("'s", "’s"):
        if lower.endswith(clitic):
            forms.add(lower[:-2])
    if _is_cyrillic(lower) and surface[:1].isupper():
        stem = _ru_stem(lower)
        if stem:
            forms.add(stem)
    forms.discard("")
    return forms


def _alias_forms(token: Scanned) -> set[str]:
    """An alias word's forms, without a lemma that reads a surname as a plural genitive
    («Кабулов» -> «кабул», «Песков» -> «песок»): the city of Kabul is not Kabulov."""
    forms = _forms(token)
    _s, _e, surface, lower, lemma = token
    surname_like = _is_cyrillic(lower) and surface[:1].isupper()
    if surname_like and lower.endswith(_SURNAME_SUFFIXES) and len(lemma) < len(lower):
        forms.discard(lemma)
    return forms


def _is_cyrillic(word: str) -> bool:
    return "а" <= word[:1] <= "я" or word[:1] == "ё"


def _case_of(surface: str) -> int:
    if len(surface) > 1 and surface.isupper():
        return 2
    return 1 if surface[:1].isupper() else 0


def _word_case(position: int, surface: str) -> int:
    """The first alias word keeps its case; later words only an all-caps requirement."""
    case = _case_of(surface)
    return case if position == 0 or case == 2 else 0


def _case_ok(required: int, surface: str) -> bool:
    return required == 0 or _case_of(surface) >= required


def _gap_ok(text: str, start: int, end: int) -> bool:
    return end - start <= 3 and not any(ch in _GAP_BREAKS for ch in text[start:end])


class ActorRegistry:
    """Canonical actors and their aliases, with alias matching in English and Russian.

    Args:
        actors: actor id -> :class:`Actor`.

    Example:
        >>> ActorRegistry.load().match("Russia's foreign minister", "en")
        'lavrov'
    """

    def __init__(
        self, actors: Mapping[str, Actor], roles: Mapping[str, Role] | None = None
    ) -> None:
        self.actors: dict[str, Actor] = dict(actors)
        self.roles: dict[str, Role] = dict(roles or {})
        self._index: dict[str, list[_Alias]] = {}
        self._languages: set[str] = set()
        for actor in self.actors.values():
            for language, aliases in actor.aliases.items():
                for alias in aliases:
                    self._add_alias(alias, base_language(language), actor.id)
        for role in self.roles.values():
            for language, aliases in role.aliases.items():
                for alias in aliases:
                    self._add_alias(alias, base_language(language), ROLE_PREFIX + role.id)

    def holder(self, actor_id: str, when: date | None = None) -> str | None:
        """The actor an alias match stands for on day ``when``: a role (``role:…``) resolves to
        the holder of that day (None before or between holders); without a day, to the latest
        holder. Other ids are returned unchanged."""
        if not actor_id.startswith(ROLE_PREFIX):
            return actor_id
        role = self.roles.get(actor_id.removeprefix(ROLE_PREFIX))
        if role is None or not role.holders:
            return None
        if when is None:
            return role.holders[-1][0]
        for holder, start, end in role.holders:
            if (start is None or start <= when) and (end is None or when <= end):
                return holder
        return None

    def _add_alias(self, alias: str, language: str, actor_id: str) -> None:
        tokens = scan(alias, language)
        if not tokens:
            return
        words = tuple(
            (frozenset(_alias_forms(t)), _word_case(k, t[2])) for k, t in enumerate(tokens)
        )
        self._languages.add(language)
        for form in words[0][0]:
            self._index.setdefault(form, []).append((words, actor_id))

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorRegistry:
        """The shipped registry, with the entries of ``path`` (YAML) merged over it."""
        shipped = resources.files("narrascope.actors") / "data" / "actors.yaml"
        shipped_text = shipped.read_text(encoding="utf-8")
        entries = _parse_registry(shipped_text, "actors.yaml")
        roles = _parse_roles(shipped_text, "actors.yaml")
        if path is not None:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise InputError(f"cannot read actor registry ({exc.strerror})", path=path) from exc
            for actor_id, raw in _parse_registry(text, path).items():
                entries[actor_id] = _merge_entry(entries.get(actor_id), raw)
            roles |= _parse_roles(text, path)
        actors = {aid: _actor_from(aid, raw, path) for aid, raw in entries.items()}
        return cls(actors, roles)

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor | None:
        """The actor with ``actor_id``, or None."""
        return self.actors.get(actor_id)

    def find(self, text: str, language: str, when: date | None = None) -> list[AliasMatch]:
        """Non-overlapping alias occurrences in ``text``, longest first at each position.

        ``language`` picks the lemmatizer; aliases of every language are matched (quotes in
        Russian inside English text, names in Latin script inside Russian text). Role aliases
        ("US President", «глава МИД») name the holder on day ``when`` (see :meth:`holder`);
        a role without a holder that day matches nothing.
        """
        tokens = scan(text, base_language(language))
        forms = [_forms(t) for t in tokens]
        out: list[AliasMatch] = []
        i = 0
        while i < len(tokens):
            best = self._longest_at(text, tokens, forms, i)
            if best is None:
                i += 1
                continue
            j, found = best
            actor_id = self.holder(found, when)
            if found.startswith(ROLE_PREFIX) and _place_after(text, tokens, j):
                actor_id = None  # «глава МИД Польши»: the office of another country
            elif j == i + 1 and self._organisation(actor_id) and _place_after(text, tokens, j):
                actor_id = None  # «МИД Украины»: another country's ministry, not «МИД» alone
            elif self._russian_body(actor_id) and _foreign_adjective(text, tokens, i):
                actor_id = None  # «во французском МИД»: France's ministry
            if actor_id is not None:
                out.append(AliasMatch(tokens[i][0], tokens[j - 1][1], actor_id))
            i = j
        return out

    def _organisation(self, actor_id: str | None) -> bool:
        actor = self.get(actor_id) if actor_id else None
        return actor is not None and actor.kind == "organisation"

    def _russian_body(self, actor_id: str | None) -> bool:
        actor = self.get(actor_id) if actor_id else None
        return actor is not None and actor.kind == "organisation" and actor.country == "RU"

    def qualified_by_adjective(self, actor_id: str, text: str, start: int, language: str) -> bool:
        """Whether the Russian organisation ``actor_id``, named by words from ``start``, follows
        another country's adjective («во французском| МИД»: France's ministry)."""
        if language != "ru" or not self._russian_body(actor_id):
            return False
        word = _WORD_BEFORE_RE.search(text, max(start - 40, 0), start)
        return word is not None and _foreign_place_adjective(word.group(1))

    def qualified_by_place(self, actor_id: str, text: str, end: int, language: str) -> bool:
        """Whether the organisation ``actor_id``, named by words ending at ``end``, is another
        place's body («МИД| Украины»: Ukraine's ministry, not the Russian one «МИД» means)."""
        return self._organisation(actor_id) and _place_follows(text, end, language)

    def _longest_at(
        self, text: str, tokens: list[Scanned], forms: list[set[str]], i: int
    ) -> tuple[int, str] | None:
        seen: set[int] = set()
        best: tuple[int, str] | None = None
        best_score = (0, False)
        for form in forms[i]:
            for alias in self._index.get(form, ()):
                if id(alias) in seen:
                    continue
                seen.add(id(alias))
                end = _alias_end(text, tokens, forms, i, alias[0])
                if end is None:
                    continue
                # longest first; of equal length, the one matching the word as written
                # («Кабулов» is Kabulov, not Kabul by the lemma «кабул»)
                score = (end, tokens[i][3] in alias[0][0][0])
                if best is None or score > best_score:
                    best, best_score = (end, alias[1]), score
        return best

    def match(self, text: str, language: str, when: date | None = None) -> str | None:
        """The actor a name or noun phrase refers to (its longest alias match), or None."""
        found = self.find(text, language, when)
        if not found:
            return None
        return max(found, key=lambda m: m.end - m.start).actor_id

    def resolve(self, name: str) -> str | None:
        """An actor id from an id, a canonical name or an alias in any language."""
        if name in self.actors:
            return name
        for actor in self.actors.values():
            if actor.name.casefold() == name.casefold():
                return actor.id
        for language in sorted(self._languages):
            found = self.match(name, language)
            if found:
                return found
        return None

    def speaker_keys(self, name: str) -> list[str]:
        """What quotes of ``name`` are stored under: the name and its actor id, if known."""
        actor_id = self.resolve(name)
        return [name] if actor_id is None or actor_id == name else [actor_id, name]

    def annotate(self, frame: Any, column: str = "actor") -> Any:
        """A copy of a DataFrame with the registry ``name`` and ``role`` after ``column``."""
        out = frame.copy()
        at = list(out.columns).index(column) + 1
        actors = [self.actors.get(str(key)) for key in out[column]]
        out.insert(at, "role", [a.role if a else "" for a in actors])
        out.insert(at, "name", [a.name if a else "" for a in actors])
        return out


def _foreign_adjective(text: str, tokens: list[Scanned], i: int) -> bool:
    """Whether ``tokens[i]`` follows, after one space, an adjective of a place other than
    Russia («французском МИД»)."""
    return (
        i > 0
        and text[tokens[i - 1][1] : tokens[i][0]] == " "
        and _foreign_place_adjective(tokens[i - 1][2])
    )


def _foreign_place_adjective(word: str) -> bool:
    lower = word.lower()
    return (
        word[:1].islower()
        and lower.endswith(_PLACE_ADJECTIVE_ENDINGS)
        and not lower.startswith(_OWN_PLACE_ADJECTIVES)
    )


_WORD_BEFORE_RE = re.compile(r"([а-яё-]+) $")
# the endings of a Russian adjective of place («французском», «британского») and the stems of
# Russia's own («российском», «русского»)
_PLACE_ADJECTIVE_ENDINGS = tuple(
    stem + ending
    for stem in ("ск", "цк")
    for ending in ("ий", "ая", "ое", "ие", "ого", "ой", "ом", "ому", "им", "ую", "их", "ими")
)
_OWN_PLACE_ADJECTIVES = ("российск", "русск")


def _place_follows(text: str, end: int, language: str) -> bool:
    """Whether a place or body qualifies the words ending at ``end`` («МИД| Украины»: another
    country's ministry; see :func:`_place_after`)."""
    tokens = scan(text[end : end + 60], base_language(language))
    return bool(tokens) and tokens[0][0] == 1 and text[end] == " " and _place_word(tokens[0][2])


def _place_after(text: str, tokens: list[Scanned], j: int) -> bool:
    """Whether ``tokens[j]`` names a place or body qualifying the words before it: right after
    them, capitalized, and an abbreviation («ДНР», «ЕС») or a Russian place in the genitive
    («Польши»)."""
    if j >= len(tokens) or text[tokens[j - 1][1] : tokens[j][0]] != " ":
        return False
    return _place_word(tokens[j][2])


def _place_word(word: str) -> bool:
    if not word[:1].isupper():
        return False
    if word.isupper() and len(word) > 1:
        return True
    return any("Geox" in p.tag and "gent" in p.tag for p in ru_parses(word)[:2])


def _alias_end(
    text: str,
    tokens: list[Scanned],
    forms: list[set[str]],
    i: int,
    words: tuple[_AliasWord, ...],
) -> int | None:
    """Token index after the alias ``words`` when they match the tokens from ``i``."""
    if i + len(words) > len(tokens):
        return None
    for k, (accepted, case) in enumerate(words):
        token = tokens[i + k]
        if k and not _gap_ok(text, tokens[i + k - 1][1], token[0]):
            return None
        if not _case_ok(case, token[2]) or accepted.isdisjoint(forms[i + k]):
            return None
    return i + len(words)


def _parse_registry(text: str, path: str | Path) -> dict[str, dict[str, Any]]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(
            "invalid YAML in actor registry", path=path, line=None if line is None else line + 1
        ) from exc
    actors = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(actors, dict):
        raise InputError(
            "an actor registry needs a mapping `actors: {id: {...}}`",
            path=path,
            hint="see docs/actors-and-quotes.md",
        )
    for actor_id, raw in actors.items():
        if not isinstance(raw, dict):
            raise InputError(f"actor {actor_id!r} must be a mapping of fields", path=path)
    return {str(k): dict(v) for k, v in actors.items()}


def _day(value: Any, role_id: str, path: str | Path) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(
            f"role {role_id!r}: {value!r} is not a date", path=path, hint="use YYYY-MM-DD"
        ) from exc


def _parse_roles(text: str, path: str | Path) -> dict[str, Role]:
    """The ``roles:`` of a registry file: aliases and dated holders of each office."""
    data = yaml.safe_load(text) or {}
    raw_roles = data.get("roles") or {} if isinstance(data, dict) else {}
    out = {}
    for role_id, raw in raw_roles.items():
        if not isinstance(raw, dict) or not isinstance(raw.get("holders"), list):
            raise InputError(
                f"role {role_id!r} needs `holders: [{{actor, from, until}}]`", path=path
            )
        holders = [
            (
                str(h["actor"]),
                _day(h.get("from"), role_id, path),
                _day(h.get("until"), role_id, path),
            )
            for h in raw["holders"]
        ]
        holders.sort(key=lambda h: h[1] or date.min)
        aliases = raw.get("aliases") or {}
        out[str(role_id)] = Role(
            id=str(role_id),
            name=str(raw.get("name") or role_id),
            aliases={str(k): tuple(str(a) for a in v or ()) for k, v in aliases.items()},
            holders=tuple(holders),
        )
    return out


def _merge_entry(base: dict[str, Any] | None, override: dict[str, Any]) -> dict[str, Any]:
    """User fields replace shipped ones; user aliases are added to the shipped aliases."""
    merged = {**(base or {}), **override}
    aliases: dict[str, list[str]] = {}
    for source in (base or {}, override):
        for language, names in (source.get("aliases") or {}).items():
            aliases.setdefault(language, []).extend(names or [])
    merged["aliases"] = aliases
    return merged


def _actor_from(actor_id: str, raw: dict[str, Any], path: str | Path | None) -> Actor:
    kind = str(raw.get("kind", "person"))
    if kind not in KIND_NER:
        raise InputError(
            f"actor {actor_id!r}: unknown kind {kind!r}",
            path=path or "actors.yaml",
            hint=f"use one of {', '.join(KIND_NER)}",
        )
    aliases = raw.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise InputError(f"actor {actor_id!r}: aliases must map a language to a list", path=path)
    name = str(raw.get("name") or actor_id)
    return Actor(
        id=actor_id,
        name=name,
        kind=kind,
        role=str(raw.get("role") or ""),
        organisation=raw.get("organisation"),
        country=raw.get("country"),
        gender=raw.get("gender"),
        aliases={str(lang): tuple(str(a) for a in names or ()) for lang, names in aliases.items()},
    )


@cache
def _default_registry() -> ActorRegistry:
    return ActorRegistry.load()


def default_registry() -> ActorRegistry:
    """The shipped registry, loaded once per process."""
    return _default_registry()


# -- name normalisation ---------------------------------------------------------------------
_CLOSING_PARENTHESIS_RE = re.compile(r"\s*\([^()]*\)\s*$")


def nominative_name(text: str, language: str, *, phrase: bool = False) -> str:
    """A name in its base form: "Ивана Петрова" -> "Иван Петров" (Russian).

    With ``phrase``, a Russian noun phrase instead: its words up to the first noun go to the
    nominative ("индийского эксперта" -> "индийский эксперт", "помощника президента" ->
    "помощник президента"; a leading numeral is left out). Other languages lose a leading
    article and a trailing possessive. A closing parenthesis is left out ("Бернд Пишетсридер
    (Bernd Pischetsrieder)").
    """
    text = _CLOSING_PARENTHESIS_RE.sub("", text).strip() or text.strip()
    if base_language(language) != "ru":
        for article in LEADING_ARTICLES:
            if text.startswith(article):
                text = text[len(article) :]
        return text.removesuffix("'s").removesuffix("’s")
    if not phrase:
        glued = _GLUED_INITIALS_RE.match(text)
        if glued:  # «С.Донской», «В.Путина»: the initials kept, the surname declined
            return glued.group(1) + _nominative_person(text[glued.end(1) :].split())
        return _nominative_person(text.split())
    words = text.split()
    while len(words) > 1 and ru_parses(words[0])[0].tag.POS == "NUMR":
        words = words[1:]  # «обоих источников» -> «источники»: a count names nobody
    if _is_nominative_plural(words):
        return text  # «Американские газеты», not «Американские газета»
    head = next((k for k, word in enumerate(words) if _is_noun(word)), len(words) - 1)
    agree = _noun_agreement(words[head])
    for k, word in enumerate(words[: head + 1]):
        words[k] = _nominative_word(word, {"NOUN", "ADJF"}, agree if k < head else set())
    return " ".join(words)


def _noun_agreement(word: str) -> set[str]:
    """The gender (or plural) an adjective takes before the noun ``word`` («подполье»: neut)."""
    parses = [p for p in ru_parses(word) if p.tag.POS == "NOUN"]
    if not parses:
        return set()
    tag = parses[0].tag
    if tag.number == "plur":
        return {"plur"}
    return {str(tag.gender)} if tag.gender in ("masc", "femn", "neut") else set()


def _is_nominative_plural(words: list[str]) -> bool:
    """Whether a phrase opens with a plural nominative adjective that can only be one
    («американские газеты», not «американских газет» or «американской газеты»)."""
    if len(words) < 2:
        return False
    parses = [p for p in ru_parses(words[0]) if p.tag.POS == "ADJF"]
    direct = {"nomn", "accs"}
    return bool(parses) and all("plur" in p.tag and direct & p.tag.grammemes for p in parses)


def _name_gender(words: list[str]) -> str | None:
    """masc or femn from a first name or a title noun ("Эллы", "графини"), else None."""
    for word in words:
        for parse in ru_parses(word)[:2]:
            tag = parse.tag
            named = "Name" in tag.grammemes or ("NOUN" in tag and "anim" in tag and _title(word))
            if tag.number == "sing" and tag.gender in ("masc", "femn") and named:
                return str(tag.gender)
    return None


def _title(word: str) -> bool:
    """A lower-case-able title noun before a name ("графиня", "министр"), not a surname."""
    return not any("Surn" in p.tag.grammemes for p in ru_parses(word))


_OVA_OBLIQUE = ("овой", "евой", "ёвой", "иной", "ыной")


def _plural_only_surname(word: str) -> bool:
    """Whether a capitalised «-ов» / «-ин» surname reads only as some family's genitive
    plural in pymorphy3 («Милонов» -> «Милон»): a man's surname in the nominative, as written."""
    if not word[:1].isupper() or not word.lower().endswith(("ов", "ев", "ёв", "ин", "ын")):
        return False
    surnames = [p for p in ru_parses(word) if "Surn" in p.tag.grammemes]
    return bool(surnames) and all(p.tag.number == "plur" for p in surnames)


def _nominative_person(words: list[str]) -> str:
    """A Russian personal name in the nominative singular, surnames agreeing with the gender of
    the first name or title: "Эллы Памфиловой" -> "Элла Памфилова", "Натальи Белой" ->
    "Наталья Белая", "графини Уваровой" -> "Графиня Уварова", "Зарипа" -> "Зарип"."""
    if len(words) == 1 and indeclinable_foreign(words[0]):
        return words[0]  # «Рютте заявил»: not the dative of a «Рютта»
    if len(words) == 1 and words[0].endswith(("ия", "ии")) and not ru_known(words[0]):
        return words[0][:-1] + "я"  # «Бжания», «по словам Бжании»: not a «Бжаний»
    if len(words) == 2 and _foreign_first_name(words[0]):
        return " ".join(words)  # «Сигэру Исиба»: a name that does not decline
    gender = _name_gender(words)
    if gender is None and len(words) == 2 and _nominative_pair(words[0], words[1]):
        return " ".join(words)  # «София Стельмахова»: «София» read only as the city
    out = []
    for k, word in enumerate(words):
        last = k == len(words) - 1 and len(words) > 1
        order = [{"Surn"}, {"ADJF"}, {"Name", "Patr"}] if last else [{"Name", "Surn", "Patr"}]
        if last and gender is not None:
            order.append({"NOUN"})  # a surname read as a common noun: «Веронику Долину»
        if len(words) == 1:
            order = [{"Surn"}, {"Plural"}, {"Name", "Patr"}]
        if not last and k == 0 and len(words) > 1:
            order.append({"NOUN"})  # a title: "графини Уваровой"
        if last and gender == "femn" and _unknown_ova_surname(word):
            out.append(word[:-2] + "а")  # «Ольги Сомовой» -> «Сомова», not «Сомовая»
            continue
        if indeclinable_foreign(word) or _plural_only_surname(word) or _hyphenated_foreign(word):
            out.append(word)  # «Саломе Зурабишвили»; «Милонов», not the Milons' «Милон»;
            continue  # «эль-Криди»
        out.append(_nominative_in(word, order, gender))
    if len(words) > 1 and gender == "masc" and out[0] != words[0] and out[-1] == words[-1]:
        if words[0].endswith(("а", "я")) and words[-1][-1:].lower() in RU_CONSONANTS:
            return " ".join(words)  # «Анналена Бербок»: a man's genitive declines the surname
        out[-1] = _foreign_surname(words[-1])  # «Майкла Уолтца» -> «Майкл Уолтц»
    case = _first_name_case(words[-2], words[-1]) if len(words) > 1 and gender == "masc" else None
    adjective = ru_known(words[-1]) and any(  # «Озёрского», not «Стрелковым» («Стрелков»)
        p.tag.POS == "ADJF" and p.normal_form.endswith((*_ADJECTIVE_SURNAMES, "кий", "хий"))
        for p in ru_parses(words[-1])
    )
    known = adjective or any("Surn" in p.tag.grammemes for p in ru_parses(words[-1]))
    if case is not None and not known:  # «Дмитрия Озёрского» declines as an adjective
        out[-1] = _surname_in_case(words[-1], case)  # «Виктором Орбаном» -> «Орбан»
    masculine = gender == "masc" and len(words) > 1 and out[0] == words[0]
    if masculine and (
        words[-1].endswith(_RU_MASCULINE_SURNAME)
        or words[-1].endswith("ия")
        or _written_nominative(words[0])
    ):  # «Виталий Милонов», «Аслан Бжания», «Андрей Сибига» are nominative already
        out[-1] = words[-1]
    oblique = gender == "masc" and len(words) > 1 and out[0] != words[0]
    if oblique and words[-1].endswith("ии") and words[-1][:1].isupper():
        out[-1] = words[-1][:-2] + "ия"  # «Аслана Бжании» -> «Аслан Бжания»
    if len(words) == 2:  # «Паноса Камменоса», «Антониса Самараса»: a Greek name's genitive
        first, last = _greek_genitive(words[0]), _greek_genitive(words[1])
        if first and out[0] == words[0] and (last or out[1] != words[1]):
            out[0] = words[0][:-1]
        if last and out[1] == words[1] and out[0] != words[0]:
            out[1] = words[1][:-1]
    return " ".join(out)


_RU_MASCULINE_SURNAME = ("ов", "ев", "ёв", "ин", "ын")  # after a nominative first name
_ADJECTIVE_SURNAMES = ("ский", "цкий", "ской", "цкой")
_GLUED_INITIALS_RE = re.compile(r"((?:[А-ЯЁ]\.)+)(?=[А-ЯЁ][а-яё])")


def _foreign_first_name(word: str) -> bool:
    """A first name the dictionary does not know ending in «у», «о», «э» or «и» («Сигэру»,
    «Синдзо»): no Russian first name's case, so the whole name is as written."""
    return word[:1].isupper() and word[-1:] in "уоэи" and not ru_known(word)


def indeclinable_foreign(word: str) -> bool:
    """A name the dictionary does not know that it reads only as a dative or locative
    («Рютте» as of «Рютта»), or only in cases other than the nominative in «-и» («Таяни»):
    no speaker is named in those cases, so it is a foreign name that does not decline."""
    parses = ru_parses(word)[:3]
    if not parses or ru_known(word):
        return False
    if word.endswith("и") and not word.endswith("ии") and word[:1].isupper():
        return not any("nomn" in p.tag for p in parses)  # «Таяни», not a «Таяня»'s
    oblique = {"datv", "loct"}
    return word.endswith("е") and all(oblique & p.tag.grammemes for p in parses)


def _written_nominative(word: str) -> bool:
    """Whether a first name is written in the nominative: its likeliest reading is a
    nominative that is its own base form («Андрей», «Дмитрий»; not «Андрея»)."""
    parses = ru_parses(word)[:1]
    tag = parses[0].tag.grammemes if parses else frozenset()
    return (
        "nomn" in tag
        and "Fixd" not in tag
        and (  # not «Джо», which does not decline
            parses[0].normal_form == word.lower().replace("ё", "е")
            or parses[0].normal_form == word.lower()
        )
    )


def _nominative_pair(first: str, last: str) -> bool:
    """Whether a first word with only nominative readings comes before a surname with a
    feminine nominative one: the name is nominative as written."""
    nominative = _written_nominative(first)
    feminine = any({"Surn", "femn", "nomn"} <= p.tag.grammemes for p in ru_parses(last)[:3])
    return first[:1].isupper() and nominative and feminine


def _greek_genitive(word: str) -> bool:
    """A name the dictionary does not know in the genitive of «-ос / -ас / -ис»
    («Паноса», «Камменоса», «Никоса»)."""
    return word.endswith(("оса", "аса", "иса", "еса", "уса")) and not ru_known(word)


def _unknown_ova_surname(word: str) -> bool:
    """A feminine surname of the «-ова» / «-ина» kind in an oblique case that the dictionary
    does not know («Сомовой»; a known adjective such as «Луговой» declines as one)."""
    return word.endswith(_OVA_OBLIQUE) and not ru_known(word)


# endings of an undeclared masculine surname in the oblique cases («Шольцем», «Макрону»)
RU_OBLIQUE_ENDINGS = {
    "ablt": ("ом", "ем", "ём"),
    "datv": ("у", "ю"),
    "gent": ("а", "я"),
    "accs": ("а", "я"),
    "loct": ("е",),
}


def _first_name_case(word: str, surname: str) -> str | None:
    """The oblique case of a masculine first name that has no nominative reading
    («Виктором»: ablt; «Виктор»: None); for one that does not decline («Джо»), the instrumental
    of a surname in «-ом» / «-ем» after it («Джо Байденом»)."""
    names = [p for p in ru_parses(word) if "Name" in p.tag.grammemes and p.tag.gender == "masc"]
    if names and all("Fixd" in p.tag for p in names):
        known = ru_known(surname) and any("nomn" in p.tag for p in ru_parses(surname))
        if known:  # «Али Салем»: a word the dictionary knows in the nominative
            return None
        return "ablt" if surname.endswith(RU_OBLIQUE_ENDINGS["ablt"]) else None
    if not names or any("nomn" in p.tag for p in names):
        return None
    case = str(names[0].tag.case)
    return case if case in RU_OBLIQUE_ENDINGS else None


def _surname_in_case(word: str, case: str) -> str:
    """A masculine surname the dictionary does not know as one, in the nominative, given the
    case of the first name before it: pymorphy3's masculine noun reading of that case when it
    keeps the stem («Орбаном» -> «Орбан», «Боррелем» -> «Боррель»), else the case ending
    dropped after a consonant («Шольцем» -> «Шольц», not «Шолец»)."""
    stem = word.lower()[: -len(RU_OBLIQUE_ENDINGS[case][0])]
    for parse in ru_parses(word):
        tag = parse.tag
        noun = tag.POS == "NOUN" and tag.gender == "masc" and tag.number == "sing"
        if noun and case in tag and parse.normal_form.startswith(stem):
            return _match_case(parse.normal_form, word)
    if case == "ablt" and word.endswith(("овым", "евым", "ёвым", "иным", "ыным")):
        return word[:-2]  # «Игорем Стрелковым» -> «Стрелков»
    if case == "ablt" and word.endswith(("ой", "ей")) and len(word) > 4:
        return word[:-2] + ("а" if word[-2] == "о" else "я")  # «Олегом Дерипаской»
    if case == "gent" and word.endswith(("ы", "и")) and not word.endswith("ии") and len(word) > 4:
        hard = word.endswith("ы") or word[-2].lower() in "кгхжшщч"
        return word[:-1] + ("а" if hard else "я")  # «Владислава Шапши» -> «Шапша»
    for ending in RU_OBLIQUE_ENDINGS[case]:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2 and stem[-1].lower() in RU_CONSONANTS:
            return stem
    return word


def _foreign_surname(word: str) -> str:
    """A masculine surname pymorphy3 cannot inflect, in the genitive after a first name that
    was: its «-а» dropped after a consonant («Уолтца» -> «Уолтц»)."""
    if len(word) > 3 and word.endswith("а") and word[-2].lower() in RU_CONSONANTS:
        return word[:-1]
    return word


def _nominative_in(word: str, order: list[set[str]], gender: str | None) -> str:
    parses = ru_parses(word)
    for kinds in order:
        if kinds == {"Plural"}:
            family = _family(word, parses)
            if family:
                return family
            continue
        fits = [
            p
            for p in parses
            if kinds & p.tag.grammemes
            and p.tag.number != "plur"
            and "voct" not in p.tag  # «Илон» is not the vocative of «Илона»
            and (gender is None or p.tag.gender in (gender, None) or "ms-f" in p.tag)
        ]
        if kinds == {"ADJF"} and gender is None:
            continue
        if gender is not None and any("nomn" in p.tag for p in fits):
            return word
        for parse in fits:
            wanted = {"nomn", "sing"} | ({gender} if gender and kinds == {"ADJF"} else set())
            form = parse.inflect(wanted)
            if form is None or (kinds == {"NOUN"} and not form.word.startswith(word.lower()[:-1])):
                continue  # a common-noun reading keeps the stem: «Долину» -> «Долина», not
                # «Уолтца» -> «Уолтец»
            return _match_case(form.word, word)
    return _family(word, parses) or word


def _family(word: str, parses: Sequence[Any]) -> str | None:
    """A surname in the plural (a family): "Топилины" -> "Топилин"."""
    for parse in parses:
        if "Surn" in parse.tag.grammemes and parse.tag.number == "plur":
            return _match_case(parse.normal_form, word)
    return None


def _nominative_word(
    word: str, kinds: set[str], agree: set[str] | frozenset[str] = frozenset()
) -> str:
    if word.isupper() and len(word) > 1:
        return word  # an acronym: «ЦАХАЛ», not «ЦАХАЛЫ»
    if _hyphenated_foreign(word):
        return word  # «Аль-Майядин», «эль-Криди»: not a guessed «Аля-майядина»
    for parse in ru_parses(word):
        if kinds & parse.tag.grammemes:
            wanted = {"nomn"} | (set(agree) if parse.tag.POS == "ADJF" else set())
            form = parse.inflect(wanted) or parse.inflect({"nomn"})
            if form is not None:
                return _match_case(form.word, word)
    return word


def _hyphenated_foreign(word: str) -> bool:
    """A hyphenated name with a capitalised part the dictionary does not know («эль-Криди»)."""
    return "-" in word and any(p[:1].isupper() for p in word.split("-")) and not ru_known(word)


def _is_noun(word: str) -> bool:
    return "NOUN" in ru_parses(word)[0].tag


def _match_case(form: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return form.upper()
    parts, likes = form.split("-"), like.split("-")
    if len(parts) == len(likes) > 1:  # «Римского-Корсакова» -> «Римский-Корсаков»
        return "-".join(_match_case(p, q) for p, q in zip(parts, likes, strict=True))
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def lemma_key(text: str, language: str) -> tuple[str, ...]:
    """Lowercase lemmas of a name, for comparing surface speakers across inflections."""
    return tuple(lemma_of(t[2], language) for t in scan(text, language))
