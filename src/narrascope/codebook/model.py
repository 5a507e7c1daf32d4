"""The codebook model: frozen :class:`Codebook`, :class:`Narrative`, :class:`LanguageBlock` and
:class:`Cue` records, versioned by a sha256 of their canonical content (comments, key order and
whitespace of the YAML do not change the version)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from narrascope.errors import UsageError


@dataclass(frozen=True, slots=True)
class Cue:
    """A lexicon cue: a pattern with a weight (the hit score, capped at 1.0)."""

    pattern: str
    weight: float = 1.0
    note: str = ""
    negatable: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class LanguageBlock:
    """What a narrative looks like in one language."""

    cues: tuple[Cue, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "cues": [c.to_dict() for c in self.cues],
            "examples": list(self.examples),
            "counter_examples": list(self.counter_examples),
        }


@dataclass(frozen=True)
class Narrative:
    """A coded narrative; ``parent`` is the id of the narrative it specialises."""

    id: str
    label: str
    description: str = ""
    parent: str | None = None
    languages: Mapping[str, LanguageBlock] = field(default_factory=dict, hash=False)

    def block(self, language: str) -> LanguageBlock:
        """The block for ``language`` (an empty one when the narrative has none)."""
        return self.languages.get(language, LanguageBlock())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label}
        out["description"] = self.description
        if self.parent is not None:
            out["parent"] = self.parent
        out.update({lang: blk.to_dict() for lang, blk in self.languages.items()})
        return out


@dataclass(frozen=True)
class Codebook:
    """A set of narratives; ``version`` is the sha256 hex of its canonical content.

    ``warnings`` lists what loading found suspicious but valid (``file:line: ...`` lines, e.g. a
    cue word that mixes Latin and Cyrillic letters); they are not part of the version.

    Example:
        >>> cb = load_codebook("crisis-diplomacy")
        >>> cb.ancestors("india-partnership")
        ('partners-beyond-west',)
    """

    id: str
    label: str
    description: str
    languages: tuple[str, ...]
    narratives: tuple[Narrative, ...]
    source: str | None = field(default=None, compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False, repr=False)
    version: str = field(init=False, compare=False)
    _by_id: dict[str, Narrative] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {n.id: n for n in self.narratives})
        canonical = json.dumps(
            self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        object.__setattr__(self, "version", hashlib.sha256(canonical.encode()).hexdigest())

    @property
    def short_version(self) -> str:
        """The first 12 hex characters of ``version`` (what reports show)."""
        return self.version[:12]

    @property
    def ids(self) -> tuple[str, ...]:
        """Narrative ids in file order."""
        return tuple(self._by_id)

    def narrative(self, narrative_id: str) -> Narrative:
        """The narrative with this id; :class:`UsageError` if there is none."""
        try:
            return self._by_id[narrative_id]
        except KeyError:
            raise UsageError(
                f"codebook '{self.id}' has no narrative '{narrative_id}'",
                hint=f"known ids: {', '.join(self._by_id)}",
            ) from None

    def ancestors(self, narrative_id: str) -> tuple[str, ...]:
        """Ids of the parent, grandparent, ... of a narrative (nearest first)."""
        out: list[str] = []
        parent = self.narrative(narrative_id).parent
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self._by_id[parent].parent if parent in self._by_id else None
        return tuple(out)

    def children(self, narrative_id: str) -> tuple[str, ...]:
        """Ids of the direct sub-narratives of a narrative, in file order."""
        self.narrative(narrative_id)
        return tuple(n.id for n in self.narratives if n.parent == narrative_id)

    def descendants(self, narrative_id: str) -> tuple[str, ...]:
        """Ids of all sub-narratives below a narrative (depth first, file order)."""
        out: list[str] = []
        for child in self.children(narrative_id):
            out.append(child)
            out.extend(self.descendants(child))
        return tuple(out)

    def top_level(self) -> tuple[Narrative, ...]:
        """Narratives without a parent."""
        return tuple(n for n in self.narratives if n.parent is None)

    def narratives_for(self, language: str) -> tuple[Narrative, ...]:
        """Narratives that have a block for ``language``."""
        return tuple(n for n in self.narratives if language in n.languages)

    def to_dict(self) -> dict[str, Any]:
        """Plain content (no version, no source path), mirroring the YAML layout."""
        return {
            "id": self.id,
            "label": self.label,
            "description": self.description,
            "languages": list(self.languages),
            "narratives": [n.to_dict() for n in self.narratives],
        }
