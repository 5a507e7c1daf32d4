"""The :class:`Embedder` Protocol and helpers every backend shares."""

from __future__ import annotations

import importlib.util
import os
import warnings
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from narrascope.errors import MissingExtraError

__all__ = ["Embedder", "cpu_only", "cpu_threads", "empty", "l2_normalise", "require"]


@runtime_checkable
class Embedder(Protocol):
    """Turns sentences into L2-normalised float32 vectors (one row each).

    ``name`` and ``version`` identify the model (they name the vector cache's namespace);
    ``dim`` is the vector width; ``device`` is where it runs (``"cpu"``, ``"cuda"``, ...).
    """

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def dim(self) -> int: ...

    @property
    def device(self) -> str: ...

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray: ...


def require(module: str, what: str, extra: str = "embed") -> None:
    """Raise :class:`MissingExtraError` naming ``extra`` when ``module`` is not importable."""
    if importlib.util.find_spec(module) is None:
        raise MissingExtraError(what, extra)


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim == 1:
        v = v.reshape(1, -1)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return (v / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def cpu_only(name: str, device: str) -> str:
    """``"cpu"``; warns once when a CPU-only backend is asked for another device."""
    if device != "cpu":
        warnings.warn(
            f"embedder {name!r} runs on the CPU only (numpy); device {device!r} ignored",
            stacklevel=3,
        )
    return "cpu"


def cpu_threads(limit: int = 4) -> int:
    """Threads for a numpy/onnx forward pass: the CPUs this process may use, at most ``limit``.

    ``OMP_NUM_THREADS`` wins when set (e.g. 1 per Dask worker process, to avoid
    oversubscribing the machine).
    """
    given = os.environ.get("OMP_NUM_THREADS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        available = os.cpu_count() or 1
    return max(1, min(limit, available))


def empty(dim: int) -> np.ndarray:
    """A (0, dim) float32 array: what ``encode([])`` returns."""
    return np.zeros((0, dim), dtype=np.float32)
