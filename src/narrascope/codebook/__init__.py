"""Codebooks: the narratives we measure, their cues, examples and counter-examples.

A codebook is a YAML file (see ``docs/codebook.md``) read by :mod:`.reader` into the frozen
records of :mod:`.model`; cue strings follow the pattern language of :mod:`.cues`. Shipped
codebooks live in ``shipped/``.
"""

from narrascope.codebook.cues import CuePattern, CuePatternError, parse_cue
from narrascope.codebook.model import Codebook, Cue, LanguageBlock, Narrative
from narrascope.codebook.reader import available_codebooks, load_codebook, parse_codebook

__all__ = [
    "Codebook",
    "Cue",
    "CuePattern",
    "CuePatternError",
    "LanguageBlock",
    "Narrative",
    "available_codebooks",
    "load_codebook",
    "parse_codebook",
    "parse_cue",
]
