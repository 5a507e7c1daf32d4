"""narrascope: measure crisis-diplomacy narratives in state media and relate them to opinion.

Example:
    >>> from narrascope import Store, load_codebook, analyze, build_detectors
    >>> with Store("narrascope.duckdb") as store:                      # doctest: +SKIP
    ...     analyze(store, load_codebook("crisis-diplomacy"), build_detectors(["lexicon"]))
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Store": "narrascope.store",
    "Codebook": "narrascope.codebook",
    "load_codebook": "narrascope.codebook",
    "analyze": "narrascope.analysis",
    "analyze_batch": "narrascope.analysis",
    "build_detectors": "narrascope.analysis",
    "get_detector": "narrascope.detect",
    "ingest": "narrascope.ingest",
    "NarrascopeError": "narrascope.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import public names lazily so ``import narrascope`` stays fast."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'narrascope' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
