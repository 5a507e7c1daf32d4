"""The detector protocol and the registry of detectors by name.

Built-in detectors live in ``narrascope.detect.<name>`` and register themselves with
:func:`register_detector` when their module is imported; :func:`get_detector` imports that
module on first use, so heavy detectors cost nothing until asked for. Third-party packages add
detectors through the ``narrascope.detectors`` entry-point group: each entry point names a
class (or factory) that :func:`get_detector` calls with the user's options.

Example:
    >>> from narrascope.detect import get_detector
    >>> get_detector("lexicon").name
    'lexicon'
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any, TypeVar

from narrascope.errors import UsageError
from narrascope.records import Sentence
from narrascope.types import Detector

__all__ = [
    "ENTRY_POINT_GROUP",
    "Detector",
    "available_detectors",
    "build_detectors",
    "get_detector",
    "register_detector",
]

ENTRY_POINT_GROUP = "narrascope.detectors"
_BUILTIN = ("lexicon", "embedding", "supervised", "ensemble")

Factory = Callable[..., "Detector"]
F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: dict[str, Factory] = {}


def register_detector(name: str) -> Callable[[F], F]:
    """Class decorator: make a detector available as ``get_detector(name)``.

    Example::

        @register_detector("always-none")
        class NoneDetector:
            name = "always-none"

            def fit(self, sentences, labels): ...

            def detect(self, sentences, codebook):
                return []
    """

    def decorate(factory: F) -> F:
        _REGISTRY[name] = factory
        return factory

    return decorate


def _builtin_exists(name: str) -> bool:
    return importlib.util.find_spec(f"narrascope.detect.{name}") is not None


def _load_builtin(name: str) -> None:
    if name in _BUILTIN and _builtin_exists(name):
        importlib.import_module(f"narrascope.detect.{name}")


def _plugin_names() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _load_plugin(name: str) -> None:
    entry = _plugin_names().get(name)
    if entry is not None:
        _REGISTRY[name] = entry.load()


def available_detectors() -> list[str]:
    """Names ``get_detector`` accepts: built-ins, registered ones and entry points."""
    names = set(_REGISTRY) | {n for n in _BUILTIN if _builtin_exists(n)} | set(_plugin_names())
    return sorted(names)


def get_detector(name: str, **options: Any) -> Detector:
    """Create the detector registered as ``name`` with ``options`` as keyword arguments.

    Raises:
        UsageError: the name is unknown (the message lists the available ones) or an option
            is not accepted by that detector.
    """
    if name not in _REGISTRY:
        _load_builtin(name)
    if name not in _REGISTRY:
        _load_plugin(name)
    if name not in _REGISTRY:
        raise UsageError(
            f"unknown detector '{name}'",
            hint=f"available detectors: {', '.join(available_detectors())}",
        )
    factory = _REGISTRY[name]
    try:
        inspect.signature(factory).bind(**options)
    except TypeError as exc:
        raise UsageError(
            f"detector '{name}' does not accept these options: {exc}",
            hint="check the option names in the detector's documentation",
        ) from None
    except ValueError:  # no introspectable signature (a builtin): let the call decide
        pass
    return factory(**options)


def build_detectors(names: Sequence[str], *, model: str | None = None) -> list[Detector]:
    """Detector instances by registry name; ``model`` goes to detectors that take one."""
    detectors = []
    for name in names:
        options: dict[str, Any] = {}
        if model and name in ("supervised", "ensemble"):
            options["model"] = model
        detectors.append(get_detector(name, **options))
    return detectors


def article_label_sets(
    sentences: Sequence[Sentence],
    labels: Sequence[Collection[str]],
    given: Mapping[str, Collection[str]] | None = None,
) -> dict[str, frozenset[str]]:
    """Each article's labels: the union of its sentences' labels plus any ``given`` ones."""
    docs: dict[str, set[str]] = defaultdict(set)
    for sentence, labs in zip(sentences, labels, strict=True):
        docs[sentence.article_id].update(labs)
    if given:
        for aid in docs:
            docs[aid].update(given.get(aid, ()))
    return {aid: frozenset(labs) for aid, labs in docs.items()}
