"""Plain, frozen records that flow between narrascope's stages.

Every stage produces or consumes these; only :mod:`narrascope.store` turns them into SQL rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, Literal

QuoteKind = Literal["direct", "reported"]
DupKind = Literal["exact", "near"]


def _row(record: Any) -> dict[str, Any]:
    """Shallow field -> value dict (``dataclasses.asdict`` deep-copies: too slow on hot paths)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_Date = date  # ``Event.date`` shadows the type inside the class body


def _field_names(record_type: type) -> tuple[str, ...]:
    """Field names of a dataclass, cached per class."""
    names = _FIELD_NAMES.get(record_type)
    if names is None:
        names = _FIELD_NAMES[record_type] = tuple(f.name for f in fields(record_type))
    return names


@dataclass(frozen=True, slots=True)
class Article:
    """One news or state-media text as ingested.

    ``id`` is deterministic (outlet, url, title and normalised text), so re-ingesting the
    same input yields the same ids. ``canonical_id``/``dup_kind`` link a duplicate (wire copy)
    to the first article seen with the same or nearly the same text; duplicates are kept.
    ``forwarded_from`` names the channel or user a Telegram post was forwarded from.
    """

    id: str
    url: str | None
    outlet: str | None
    language: str
    published_at: datetime | None
    title: str | None
    text: str
    source_path: str | None
    raw_sha256: str
    ingested_at: datetime
    extractor: str
    content_hash: str = ""
    canonical_id: str | None = None
    dup_kind: DupKind | None = None
    forwarded_from: str | None = None

    def as_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span: ``article.text[start:end] == text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    language: str = "und"

    def as_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass(frozen=True, slots=True)
class Hit:
    """Evidence that a sentence carries a narrative.

    ``char_start``/``char_end`` are offsets into the *article* text of the evidence span
    (the matched cue for the lexicon, the whole sentence for learned detectors).
    ``stance`` says whose voice carries it (:mod:`narrascope.actors.stance`): "asserted"
    (the outlet's own), "attributed" (inside a quote or reported speech of ``speaker``,
    ``actor_id`` when the registry knows it) or "rejected" (negated, denied, rebutted); None
    when it was not decided (a run without actors).
    """

    article_id: str
    sentence_index: int
    char_start: int
    char_end: int
    narrative: str
    detector: str
    score: float
    evidence: str = ""
    stance: str | None = None
    speaker: str | None = None
    actor_id: str | None = None

    def as_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass(frozen=True, slots=True)
class ArticleLabel:
    """An article-level narrative label aggregated from its sentence hits."""

    article_id: str
    narrative: str
    detector: str
    score: float
    n_hits: int
    n_sentences: int

    def as_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention, normalised to an actor when the registry knows it."""

    article_id: str
    sentence_index: int
    char_start: int
    char_end: int
    text: str
    ner_type: str
    actor_id: str | None = None
    actor_key: str | None = None  # one key per actor across forms (narrascope.actors.merge)

    def as_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation attributed to a speaker (actor id when known, else surface name)."""

    article_id: str
    speaker: str
    cue: str
    char_start: int
    char_end: int
    sentence_start: int
    sentence_end: int
    kind: QuoteKind
    text: str = ""
    actor_id: str | None = None
    actor_key: str | None = None  # one key per actor across forms (narrascope.actors.merge)

    def as_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A human (gold) label for an article, or for one sentence when ``sentence_index`` is set."""

    article_id: str
    label: str
    annotator: str = "gold"
    sentence_index: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    source: str | None = None

    def as_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass(frozen=True, slots=True)
class PollPoint:
    """One published poll figure: the share answering ``answer`` to ``question``."""

    series_id: str
    question: str
    answer: str
    survey_date: date
    value: float
    n: int | None = None
    source: str | None = None

    def as_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass(frozen=True, slots=True)
class Event:
    """A diplomatic event used to window narrative series."""

    name: str
    date: date
    end_date: _Date | None = None
    description: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    def as_row(self) -> dict[str, Any]:
        row = _row(self)
        row["tags"] = list(self.tags)
        return row


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input record that could not be ingested, with the reason (kept for ``stats``)."""

    source_path: str
    line: int
    reason: str

    def as_row(self) -> dict[str, Any]:
        return _row(self)


def column_names(record_type: type) -> list[str]:
    """Field names of a record dataclass, in declaration order."""
    return [f.name for f in fields(record_type)]


def finite(value: Any) -> Any:
    """The same structure with NaN and infinite numbers as None, so its JSON is valid.

    Example:
        >>> finite({"f1": float("nan"), "ci": [0.5, float("inf")]})
        {'f1': None, 'ci': [0.5, None]}
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value
