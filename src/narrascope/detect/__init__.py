"""Narrative detectors behind one registry: ``get_detector("lexicon")``, ...

See :mod:`narrascope.detect._base` for the protocol and how third parties add detectors.
"""

from narrascope.detect._base import (
    ENTRY_POINT_GROUP,
    Detector,
    available_detectors,
    get_detector,
    register_detector,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Detector",
    "available_detectors",
    "get_detector",
    "register_detector",
]
