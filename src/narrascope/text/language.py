"""Language identification: script shares for EN/RU, py3langid for the rest."""

from __future__ import annotations

import re
from functools import lru_cache

SUPPORTED_LANGUAGES = ("en", "ru")
UNDETERMINED = "und"

_CYRILLIC_RE = re.compile(r"[А-Яа-яЁё]")
_LATIN_RE = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _langid():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, min_letters: int = 12) -> str:
    """ISO 639-1 code of ``text``'s language, or ``"und"`` when there is too little text.

    Russian and English are decided by script when one script clearly dominates; anything
    else goes to a langid model (py3langid), whose answer is kept only when confident.
    """
    sample = text[:1200]
    cyrillic = len(_CYRILLIC_RE.findall(sample))
    latin = len(_LATIN_RE.findall(sample))
    letters = cyrillic + latin
    if letters < min_letters and sum(ch.isalpha() for ch in sample) < min_letters:
        return UNDETERMINED
    code, prob = _langid().classify(sample)
    if prob < 0.5:
        if letters and cyrillic / letters > 0.8:
            return "ru"
        return UNDETERMINED
    return str(code)
