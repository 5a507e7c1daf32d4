"""Actors: who is mentioned and who speaks. The registry of known actors, named-entity
mentions, speakers and quote attribution. Pure: records in, records out."""

from __future__ import annotations

from narrascope.actors.ner import ActorExtractor
from narrascope.actors.quotes import QuoteExtractor
from narrascope.actors.registry import (
    Actor,
    ActorRegistry,
    AliasMatch,
    default_registry,
    lemma_key,
    nominative_name,
)

__all__ = [
    "Actor",
    "ActorExtractor",
    "ActorRegistry",
    "AliasMatch",
    "QuoteExtractor",
    "default_registry",
    "extractors",
    "lemma_key",
    "nominative_name",
]


def extractors() -> tuple[ActorExtractor, QuoteExtractor]:
    """An ``ActorExtractor`` and a ``QuoteExtractor`` sharing one actor registry.

    Raises:
        MissingExtraError: without the ``nlp`` extra (when the models are first used).
    """
    actors = ActorExtractor()
    return actors, QuoteExtractor(actors.registry)
