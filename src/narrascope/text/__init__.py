"""Text work, pure: normalisation, language identification, sentence segmentation (EN + RU),
lemma-aware tokens and quotation marks. Nothing here touches the store or the screen."""

from narrascope.text.language import SUPPORTED_LANGUAGES, UNDETERMINED, detect_language
from narrascope.text.normalize import normalize_text
from narrascope.text.segment import (
    MAX_SENTENCE_CHARS,
    segment,
    sentence_spans,
    sentences_from_spans,
    split_sentences,
)

__all__ = [
    "MAX_SENTENCE_CHARS",
    "SUPPORTED_LANGUAGES",
    "UNDETERMINED",
    "detect_language",
    "normalize_text",
    "segment",
    "sentence_spans",
    "sentences_from_spans",
    "split_sentences",
]
