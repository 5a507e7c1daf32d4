"""Narrative detectors behind one registry: ``get_detector("lexicon")``, ...

The protocol is :class:`narrascope.types.Detector`; see :mod:`narrascope.detect._base` for the
registry and how third parties add detectors. Detectors are pure: sentences and a codebook in,
hits out; they never open the store or draw on the screen.
"""

from narrascope.detect._base import (
    ENTRY_POINT_GROUP,
    Detector,
    available_detectors,
    build_detectors,
    get_detector,
    register_detector,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Detector",
    "available_detectors",
    "build_detectors",
    "get_detector",
    "register_detector",
]
