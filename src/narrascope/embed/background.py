"""Ordinary news with no foreign policy, written for narrascope: the calibration background.

``data/neutral-<lang>.txt`` holds short stories (weather, sport, health, economy, local news,
culture, domestic politics), one per paragraph, one sentence per line. Every fourth story is
*held out*: calibration never sees it, so it can measure how often neutral text is flagged.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

__all__ = ["HELD_OUT_EVERY", "Part", "background_languages", "background_sentences", "stories"]

HELD_OUT_EVERY = 4
Part = Literal["calibration", "held_out", "all"]


@cache
def stories(language: str) -> tuple[tuple[str, ...], ...]:
    """The background stories of ``language`` (empty when none is shipped)."""
    path = resources.files("narrascope.embed") / "data" / f"neutral-{language}.txt"
    if not path.is_file():
        return ()
    out: list[tuple[str, ...]] = []
    current: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        if line:
            current.append(line)
        elif current:
            out.append(tuple(current))
            current = []
    if current:
        out.append(tuple(current))
    return tuple(out)


def held_out(index: int) -> bool:
    """Whether story ``index`` (0-based) is held out from calibration."""
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1


def background_sentences(language: str, part: Part = "calibration") -> list[str]:
    """Background sentences of ``language``: the calibration part, the held-out part or all."""
    return [
        sentence
        for i, story in enumerate(stories(language))
        if part == "all" or held_out(i) == (part == "held_out")
        for sentence in story
    ]


def background_languages() -> tuple[str, ...]:
    """Languages with a shipped background."""
    folder = resources.files("narrascope.embed") / "data"
    names = [p.name for p in folder.iterdir() if p.name.startswith("neutral-")]
    return tuple(sorted(n.removeprefix("neutral-").removesuffix(".txt") for n in names))
