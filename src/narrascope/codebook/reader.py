"""Reading codebooks: YAML with ``file:line`` errors, the shipped codebooks, names or paths."""

from __future__ import annotations

import difflib
import re
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import yaml

from narrascope.codebook._yaml import compose
from narrascope.codebook.cues import CuePatternError, clip, cue_warnings, parse_cue
from narrascope.codebook.model import Codebook, Cue, LanguageBlock, Narrative
from narrascope.errors import CodebookError
from narrascope.text.language import SUPPORTED_LANGUAGES

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG_LIKE_RE = re.compile(r"^[a-z]{2}(?:[-_][a-zA-Z]{2,4})?$")
_TOP_KEYS = ("id", "label", "description", "languages", "narratives")
_NARRATIVE_KEYS = ("id", "label", "description", "parent")
_BLOCK_KEYS = ("cues", "examples", "counter_examples")
_CUE_KEYS = ("pattern", "weight", "note", "negatable")
SHIPPED = "shipped"

Pair = tuple[yaml.Node, yaml.Node]


def _key(node: yaml.Node) -> str:
    """A mapping key as text (a list or mapping used as a key is named, not printed)."""
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "(a list or mapping)"


class _Reader:
    """Walks a composed YAML node tree, failing with ``file:line`` errors."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._constructor = yaml.SafeLoader("")
        self.warnings: list[str] = []

    def fail(self, node: yaml.Node, message: str, hint: str) -> NoReturn:
        raise CodebookError(message, path=self.source, line=node.start_mark.line + 1, hint=hint)

    def warn(self, node: yaml.Node, message: str) -> None:
        self.warnings.append(f"{self.source}:{node.start_mark.line + 1}: {message}")

    def mapping(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> dict[str, Pair]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping (key: value lines)", "see docs/codebook.md")
        out: dict[str, Pair] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.fail(
                    key_node, f"duplicate key '{clip(key)}' in {what}", f"first on line {first}"
                )
            if key not in allowed:
                self._unknown_key(key_node, key, what, allowed)
            out[key] = (key_node, value_node)
        return out

    def _unknown_key(self, node: yaml.Node, key: str, what: str, allowed: tuple[str, ...]) -> None:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        valid = ", ".join(allowed)
        hint = f"did you mean '{close[0]}'? valid keys: {valid}" if close else f"valid: {valid}"
        self.fail(node, f"unknown key '{clip(key)}' in {what}", hint)

    def require(
        self, node: yaml.Node, keys: dict[str, Pair], names: tuple[str, ...], what: str
    ) -> None:
        for name in names:
            if name not in keys:
                self.fail(node, f"{what} is missing the required field '{name}'", f"add {name}:")

    def string(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.fail(node, f"{what} must be a text value", "write it as a quoted string")
        text = str(node.value).strip()
        if not text and not allow_empty:
            self.fail(node, f"{what} is empty", "write a non-empty value")
        return text

    def ident(self, node: yaml.Node, what: str) -> str:
        value = self.string(node, what)
        if not _ID_RE.match(value):
            self.fail(node, f"{what} '{clip(value)}' is not a valid id", "use a-z, 0-9, hyphens")
        return value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list", "write [a, b] or one '- item' per line")
        return list(node.value)

    def strings(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        return tuple(self.string(item, f"an item of {what}") for item in self.sequence(node, what))

    def scalar(self, node: yaml.Node) -> Any:
        """The value of a scalar node; a list or mapping is returned as the node, unbuilt."""
        if not isinstance(node, yaml.ScalarNode):
            return node
        return self._constructor.construct_object(node, deep=True)

    @staticmethod
    def show(value: Any) -> str:
        """A short repr of a value for an error message (never a whole list or mapping)."""
        if isinstance(value, yaml.SequenceNode):
            return "(a list)"
        if isinstance(value, yaml.MappingNode):
            return "(a mapping)"
        return clip(repr(value))


def _read_cue(r: _Reader, node: yaml.Node, language: str) -> Cue:
    if isinstance(node, yaml.MappingNode):
        keys = r.mapping(node, "a cue", _CUE_KEYS)
        r.require(node, keys, ("pattern",), "a cue")
        pattern_node = keys["pattern"][1]
        cue = Cue(
            pattern=r.string(pattern_node, "a cue pattern"),
            weight=_read_weight(r, keys["weight"][1]) if "weight" in keys else 1.0,
            note=_optional_text(r, keys, "note"),
            negatable=_read_bool(r, keys["negatable"][1]) if "negatable" in keys else True,
        )
    else:
        pattern_node = node
        cue = Cue(pattern=r.string(node, "a cue"))
    try:
        parse_cue(cue.pattern, language)
    except CuePatternError as exc:
        r.fail(pattern_node, f"invalid cue '{clip(cue.pattern)}': {exc.message}", exc.hint)
    for warning in cue_warnings(cue.pattern):
        r.warn(pattern_node, f"cue '{clip(cue.pattern)}': {warning}")
    return cue


def _read_weight(r: _Reader, node: yaml.Node) -> float:
    value = r.scalar(node)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        r.fail(node, f"weight {r.show(value)} is not a positive number", "write e.g. weight: 0.8")
    return float(value)


def _read_bool(r: _Reader, node: yaml.Node) -> bool:
    value = r.scalar(node)
    if not isinstance(value, bool):
        r.fail(node, f"negatable {r.show(value)} is not true or false", "write negatable: false")
    return value


def _read_block(r: _Reader, node: yaml.Node, language: str, where: str) -> LanguageBlock:
    keys = r.mapping(node, f"the '{language}' block of {where}", _BLOCK_KEYS)
    cues = r.sequence(keys["cues"][1], "cues") if "cues" in keys else []
    return LanguageBlock(
        cues=tuple(_read_cue(r, c, language) for c in cues),
        examples=r.strings(keys["examples"][1], "examples") if "examples" in keys else (),
        counter_examples=(
            r.strings(keys["counter_examples"][1], "counter_examples")
            if "counter_examples" in keys
            else ()
        ),
    )


def _check_language_key(r: _Reader, node: yaml.Node, key: str, languages: tuple[str, ...]) -> None:
    if key not in SUPPORTED_LANGUAGES:
        r.fail(
            node,
            f"language '{key}' is not supported",
            f"supported languages: {', '.join(SUPPORTED_LANGUAGES)}",
        )
    if key not in languages:
        r.fail(
            node,
            f"'{key}' block, but '{key}' is not in the codebook's languages",
            f"add {key} to languages: or remove the block",
        )


def _read_narrative(
    r: _Reader, node: yaml.Node, languages: tuple[str, ...]
) -> tuple[Narrative, dict[str, Pair]]:
    allowed = _NARRATIVE_KEYS + SUPPORTED_LANGUAGES
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = _key(key_node)
            if key not in _NARRATIVE_KEYS and _LANG_LIKE_RE.match(key):
                _check_language_key(r, key_node, key, languages)
    keys = r.mapping(node, "a narrative", allowed)
    r.require(node, keys, ("id", "label"), "a narrative")
    nid = r.ident(keys["id"][1], "the narrative id")
    blocks = {
        lang: _read_block(r, keys[lang][1], lang, f"narrative '{nid}'")
        for lang in languages
        if lang in keys
    }
    narrative = Narrative(
        id=nid,
        label=r.string(keys["label"][1], "label"),
        description=_optional_text(r, keys, "description"),
        parent=r.ident(keys["parent"][1], "parent") if "parent" in keys else None,
        languages=blocks,
    )
    return narrative, keys


def _optional_text(r: _Reader, keys: dict[str, Pair], name: str) -> str:
    return r.string(keys[name][1], name, allow_empty=True) if name in keys else ""


def _read_languages(r: _Reader, node: yaml.Node) -> tuple[str, ...]:
    items = r.sequence(node, "languages")
    if not items:
        r.fail(node, "languages is empty", f"list some of: {', '.join(SUPPORTED_LANGUAGES)}")
    out: list[str] = []
    for item in items:
        lang = r.string(item, "a language")
        if lang not in SUPPORTED_LANGUAGES:
            r.fail(item, f"language '{clip(lang)}' is not supported", "supported: en, ru")
        if lang in out:
            r.fail(item, f"language '{clip(lang)}' is listed twice", "list each language once")
        out.append(lang)
    return tuple(out)


def _check_parents(r: _Reader, narratives: list[tuple[Narrative, dict[str, Pair]]]) -> None:
    parents = {n.id: n.parent for n, _ in narratives}
    for narrative, keys in narratives:
        if narrative.parent is None:
            continue
        node = keys["parent"][1]
        if narrative.parent not in parents:
            close = difflib.get_close_matches(narrative.parent, list(parents), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use the id of a narrative above"
            missing = clip(narrative.parent)
            r.fail(node, f"parent '{missing}' is not a narrative in this codebook", hint)
        chain = [narrative.id]
        while (up := parents.get(chain[-1])) is not None and up not in chain:
            chain.append(up)
        if up == narrative.id:
            loop = " -> ".join([*chain, up])
            hint = "a narrative cannot be its own ancestor"
            r.fail(node, f"parent cycle: {clip(loop, 200)}", hint)


def _read_narratives(
    r: _Reader, node: yaml.Node, languages: tuple[str, ...]
) -> tuple[Narrative, ...]:
    items = r.sequence(node, "narratives")
    if not items:
        r.fail(node, "the codebook has no narratives", "add at least one under narratives:")
    read: list[tuple[Narrative, dict[str, Pair]]] = []
    first_line: dict[str, int] = {}
    for item in items:
        narrative, keys = _read_narrative(r, item, languages)
        if narrative.id in first_line:
            r.fail(
                keys["id"][1],
                f"duplicate id '{clip(narrative.id)}' (first on line {first_line[narrative.id]})",
                "give each narrative a unique id",
            )
        first_line[narrative.id] = keys["id"][1].start_mark.line + 1
        read.append((narrative, keys))
    _check_parents(r, read)
    return tuple(n for n, _ in read)


def parse_codebook(text: str, source: str = "<string>") -> Codebook:
    """Validate and load a codebook from YAML text; ``source`` names it in errors.

    Raises:
        CodebookError: with ``path`` and ``line`` of the first problem found.
    """
    r = _Reader(source)
    root = compose(text, source)
    keys = r.mapping(root, "the codebook", _TOP_KEYS)
    r.require(root, keys, ("id", "label", "languages", "narratives"), "the codebook")
    languages = _read_languages(r, keys["languages"][1])
    return Codebook(
        id=r.ident(keys["id"][1], "the codebook id"),
        label=r.string(keys["label"][1], "label"),
        description=_optional_text(r, keys, "description"),
        languages=languages,
        narratives=_read_narratives(r, keys["narratives"][1], languages),
        source=source,
        warnings=tuple(r.warnings),
    )


def available_codebooks() -> list[str]:
    """Names of the codebooks shipped with narrascope."""
    folder = resources.files("narrascope.codebook").joinpath(SHIPPED)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _looks_like_path(value: str | Path) -> bool:
    if isinstance(value, Path):
        return True
    return any(sep in value for sep in ("/", "\\")) or value.endswith((".yaml", ".yml"))


def load_codebook(path_or_name: str | Path) -> Codebook:
    """Load a codebook from a YAML file, or a shipped one by name (``"crisis-diplomacy"``).

    Raises:
        CodebookError: unknown name, unreadable file, or an invalid codebook.

    Example:
        >>> load_codebook("crisis-diplomacy").id
        'crisis-diplomacy'
    """
    if _looks_like_path(path_or_name) or Path(path_or_name).is_file():
        path = Path(path_or_name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CodebookError(
                f"cannot read the codebook: {exc}", path=path, hint="check the path and encoding"
            ) from None
        return parse_codebook(text, str(path))
    name = str(path_or_name)
    shipped = resources.files("narrascope.codebook").joinpath(SHIPPED, f"{name}.yaml")
    if not shipped.is_file():
        raise CodebookError(
            f"no shipped codebook named '{name}'",
            hint=f"use one of {', '.join(available_codebooks())} or give a path to a .yaml file",
        )
    source = f"narrascope/codebook/{SHIPPED}/{name}.yaml"
    return parse_codebook(shipped.read_text(encoding="utf-8"), source)
