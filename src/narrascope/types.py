"""Protocols: what the stages expect of each other's objects, checked at run time.

Abilities are Protocols, not ``hasattr`` probes: a detector that can describe its model is a
:class:`DescribesModel`, one whose ``fit`` also takes article-level labels is an
:class:`ArticleLearner`, one that keeps sentence vectors is a :class:`VectorCaching`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.records import Article, Hit, Mention, Quote, Sentence

__all__ = [
    "ArticleLearner",
    "Composite",
    "DescribesModel",
    "Detector",
    "MentionExtractor",
    "Progress",
    "QuoteAttributor",
    "VectorCaching",
]

Progress = Callable[[int, int | None], None]
"""``progress(done, total)``: called as long work advances (``total`` None when unknown)."""


@runtime_checkable
class Detector(Protocol):
    """Finds narrative evidence in sentences.

    ``detect`` returns one :class:`~narrascope.records.Hit` per piece of evidence, with
    character offsets into the article text. ``fit`` learns from labelled sentences (a no-op
    for detectors that need no training); ``labels[i]`` is the set of narrative ids of
    ``sentences[i]``.
    """

    name: str

    def fit(self, sentences: Sequence[Sentence], labels: Sequence[Collection[str]]) -> None: ...

    def detect(self, sentences: Sequence[Sentence], codebook: Codebook) -> list[Hit]: ...


@runtime_checkable
class ArticleLearner(Protocol):
    """A detector whose ``fit`` also takes each article's labels (``article_labels``)."""

    name: str
    learns_from_articles: bool

    def fit(
        self,
        sentences: Sequence[Sentence],
        labels: Sequence[Collection[str]],
        article_labels: Mapping[str, Collection[str]] | None = None,
    ) -> None: ...


@runtime_checkable
class DescribesModel(Protocol):
    """A detector that reports the models and thresholds it uses (for the run manifest)."""

    def model_info(self) -> dict[str, Any]: ...


@runtime_checkable
class VectorCaching(Protocol):
    """A detector that keeps sentence vectors in a cache that others may share."""

    cache: Any


@runtime_checkable
class Composite(Protocol):
    """A detector made of member detectors (the ensemble)."""

    members: dict[str, Any]


def model_info_of(detector: object) -> dict[str, Any]:
    """The detector's model information, or ``{}`` when it has none to give."""
    return detector.model_info() if isinstance(detector, DescribesModel) else {}


@runtime_checkable
class MentionExtractor(Protocol):
    """Finds actor mentions in an article's sentences (optionally only in some of them)."""

    def extract(
        self,
        article: Article,
        sentences: Sequence[Sentence],
        *,
        only_sentences: set[int] | None = None,
    ) -> list[Mention]: ...


@runtime_checkable
class QuoteAttributor(Protocol):
    """Finds quotes and their speakers in an article's sentences."""

    def candidate_sentences(self, article: Article, sentences: Sequence[Sentence]) -> set[int]: ...

    def extract(
        self, article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]
    ) -> list[Quote]: ...
