"""The cue pattern language of codebooks.

A cue is a string of whitespace-separated terms; each term matches exactly one token of a
sentence (see :mod:`narrascope.text.tokens`), and consecutive terms match consecutive tokens.

- ``word``: a token whose lemma or lowercased surface equals ``word`` (lowercased) or the
  lemma of ``word``. ``стандарт`` matches "стандартов"; ``talk`` matches "talks".
- ``word*``: a token whose lemma or lowercased surface starts with ``word`` (at least 3
  characters before the ``*``): ``hypocri*`` matches "hypocrisy", "hypocritical".
- ``=Word``: a token whose surface is exactly ``Word`` (case-sensitive; a possessive "'s" is
  allowed): ``=US`` matches "US" but not the pronoun "us".
- ``a|b|c``: any of the alternatives, each written as above: ``=US|Washington|America*``.
- ``~N`` between two terms: up to N (0-8) other tokens may stand between them.

A cue has at most 12 terms (``MAX_TERMS``), which keeps matching fast on any sentence.

Example: ``"=US|Washington ~3 condemn* ~4 Moscow"``. A cue match is negated (no hit) when a
negator occurs among the three tokens before its first token; set ``negatable: false`` on the
cue to turn that off. Negation is automatic, so there is no ``!`` operator.
"""

from __future__ import annotations

from dataclasses import dataclass

from narrascope.text.fold import fold, mixed_scripts
from narrascope.text.tokens import scan

MAX_GAP = 8
MAX_TERMS = 12
MIN_PREFIX = 3
WORD, PREFIX, EXACT = 0, 1, 2


def clip(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters (with "...") for an error message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class CuePatternError(ValueError):
    """A cue string that is not a valid pattern; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Alternative:
    """One alternative of a term: ``kind`` is WORD, PREFIX or EXACT."""

    kind: int
    text: str
    lemma: str = ""


@dataclass(frozen=True, slots=True)
class CuePattern:
    """A parsed cue: ``gaps[i]`` is the most tokens allowed between term i and term i+1."""

    terms: tuple[tuple[Alternative, ...], ...]
    gaps: tuple[int, ...]


def _parse_gap(part: str) -> int:
    digits = part[1:]
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 2 or int(digits) > MAX_GAP:
        raise CuePatternError(
            f"'{clip(part)}' is not a valid gap",
            f"write ~N with N between 0 and {MAX_GAP}, e.g. ~3",
        )
    return int(digits)


def _parse_alternative(alt: str, language: str) -> Alternative:
    exact, body = alt.startswith("="), alt.removeprefix("=")
    prefix, body = body.endswith("*"), body.removesuffix("*")
    if not body or any(ch in body for ch in "=*~|!"):
        raise CuePatternError(
            f"'{clip(alt)}' is not a valid term",
            "'=' may only start a term, '*' only end it; write e.g. hypocri* or =US",
        )
    if exact and prefix:
        raise CuePatternError(f"'{clip(alt)}' mixes '=' and '*'", "use either =Word or word*")
    tokens = scan(body, language)
    if len(tokens) != 1 or tokens[0][0] != 0 or tokens[0][1] != len(body):
        raise CuePatternError(
            f"'{clip(body)}' is not a single word",
            "each term matches one token; split it into terms",
        )
    _, _, _, lower, lemma = tokens[0]
    if exact:
        return Alternative(EXACT, fold(body))
    if prefix:
        if len(body) < MIN_PREFIX:
            raise CuePatternError(
                f"'{clip(alt)}' is too short a prefix",
                f"give at least {MIN_PREFIX} characters before *",
            )
        return Alternative(PREFIX, lower)
    return Alternative(WORD, lower, lemma)


def _parse_term(part: str, language: str) -> tuple[Alternative, ...]:
    alts = part.split("|")
    if any(not a for a in alts):
        raise CuePatternError(f"'{clip(part)}' has an empty alternative", "write a|b|c, none empty")
    return tuple(_parse_alternative(a, language) for a in alts)


def parse_cue(pattern: str, language: str) -> CuePattern:
    """Parse a cue string (see the module docstring) for ``language``.

    Raises:
        CuePatternError: the string is not a valid pattern.

    Example:
        >>> len(parse_cue("=US|Washington ~3 hypocri*", "en").terms)
        2
    """
    parts = pattern.split()
    if not parts:
        raise CuePatternError("the cue is empty", "write one or more words")
    if parts[0].startswith("!"):
        raise CuePatternError(
            "'!' is not part of the pattern language",
            "negation is automatic; set negatable: false on the cue to turn it off",
        )
    terms: list[tuple[Alternative, ...]] = []
    gaps: list[int] = []
    pending: int | None = None
    for part in parts:
        if part.startswith("~"):
            if not terms or pending is not None:
                raise CuePatternError(f"misplaced gap '{clip(part)}'", "put ~N between two words")
            pending = _parse_gap(part)
            continue
        if terms:
            gaps.append(pending or 0)
            pending = None
        terms.append(_parse_term(part, language))
        if len(terms) > MAX_TERMS:
            raise CuePatternError(
                f"the cue has more than {MAX_TERMS} terms",
                f"split it into shorter cues of at most {MAX_TERMS} terms",
            )
    if pending is not None:
        raise CuePatternError("the cue ends with a gap", "put ~N between two words")
    return CuePattern(tuple(terms), tuple(gaps))


def cue_warnings(pattern: str) -> list[str]:
    """Words of a (valid) cue that are probably typos: mixed Latin/Cyrillic letters, invisible
    or full-width characters. Matching folds them, but the cue reads as something else.

    Example:
        >>> cue_warnings("Mоscow ~2 talks")  # a Cyrillic "о"
        ["'Mоscow' mixes Latin and Cyrillic letters (Cyrillic: о U+043E); retype it in Latin"]
    """
    out: list[str] = []
    for part in pattern.split():
        for alt in part.split("|"):
            word = alt.removeprefix("=").removesuffix("*")
            mixed = mixed_scripts(word)
            if mixed is not None:
                script, letters = mixed
                other = "Cyrillic" if script == "Latin" else "Latin"
                shown = ", ".join(f"{ch} U+{ord(ch):04X}" for ch in dict.fromkeys(letters))
                out.append(
                    f"'{clip(word)}' mixes Latin and Cyrillic letters ({other}: {clip(shown)}); "
                    f"retype it in {script}"
                )
            elif fold(word) != word:
                out.append(
                    f"'{clip(word)}' has invisible or full-width characters; retype it plainly"
                )
    return out
