"""The shipped neutral background: its shape and the held-out split."""

from __future__ import annotations

from narrascope.embed.background import (
    background_languages,
    background_sentences,
    held_out,
    stories,
)
from narrascope.text import detect_language


def test_background_ships_english_and_russian_stories() -> None:
    assert {"en", "ru"} <= set(background_languages())
    for language in ("en", "ru"):
        assert len(stories(language)) >= 40
        assert len(background_sentences(language, "all")) >= 250


def test_held_out_stories_never_reach_calibration() -> None:
    for language in ("en", "ru"):
        calibration = set(background_sentences(language, "calibration"))
        kept = set(background_sentences(language, "held_out"))
        assert kept and calibration
        assert not calibration & kept
        assert len(calibration) + len(kept) == len(set(background_sentences(language, "all")))
    assert [held_out(i) for i in range(8)] == [False, False, False, True] * 2


def test_background_sentences_are_in_their_language() -> None:
    for language in ("en", "ru"):
        texts = background_sentences(language, "all")
        wrong = [t for t in texts if len(t) > 40 and detect_language(t) != language]
        assert len(wrong) <= len(texts) // 50, wrong[:5]


def test_unknown_language_has_no_background() -> None:
    assert stories("xx") == ()
    assert background_sentences("xx") == []
