"""Sentence vectors cached by sentence hash, per embedder; optionally persisted on disk.

Each sentence is keyed by ``sha1(normalize_text(s).casefold())`` within the embedder's
namespace (``name@version``), so identical sentences (wire copies) are encoded once; with a
cache directory the vectors also persist between runs as append-only ``.npz`` shards.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from narrascope.embed._base import Embedder
from narrascope.text import normalize_text

__all__ = ["VectorCache", "namespace", "sentence_key"]

_MAX_SHARDS = 32


def sentence_key(text: str) -> str:
    """The cache key of a sentence: sha1 of its normalised, case-folded text."""
    return hashlib.sha1(normalize_text(text).casefold().encode("utf-8")).hexdigest()


def namespace(embedder: Embedder) -> str:
    """The cache namespace of an embedder: ``name@version``, safe as a folder name."""
    return re.sub(r"[^A-Za-z0-9._@-]+", "_", f"{embedder.name}@{embedder.version}")


class VectorCache:
    """Sentence vectors by (embedder, sentence key); optionally persisted under ``directory``."""

    def __init__(self, directory: str | Path | None = None, batch_size: int = 64) -> None:
        self.directory = Path(directory) if directory else None
        self.batch_size = batch_size
        self._vectors: dict[str, dict[str, np.ndarray]] = {}
        self._pending: dict[str, dict[str, np.ndarray]] = {}
        self.hits = 0
        self.misses = 0

    @property
    def hit_rate(self) -> float:
        """Share of looked-up sentences found without encoding."""
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def _table(self, model: str) -> dict[str, np.ndarray]:
        table = self._vectors.get(model)
        if table is None:
            table = self._vectors[model] = self._load(model)
        return table

    def vectors(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts`` (one row each), encoding only sentences not seen before."""
        model = namespace(embedder)
        table = self._table(model)
        keys = [sentence_key(t) for t in texts]
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in table and key not in todo:
                todo[key] = text
        self.misses += len(todo)
        self.hits += len(keys) - len(todo)
        if todo:
            new = embedder.encode(list(todo.values()), batch_size=self.batch_size)
            pending = self._pending.setdefault(model, {})
            for key, row in zip(todo, new, strict=True):
                table[key] = row
                pending[key] = row
        if not keys:
            return np.zeros((0, embedder.dim), dtype=np.float32)
        return np.stack([table[k] for k in keys])

    def _folder(self, model: str) -> Path:
        assert self.directory is not None
        return self.directory / model

    def _load(self, model: str) -> dict[str, np.ndarray]:
        if self.directory is None or not self._folder(model).is_dir():
            return {}
        table: dict[str, np.ndarray] = {}
        for shard in sorted(self._folder(model).glob("shard-*.npz")):
            with np.load(shard) as data:
                table.update(zip(data["keys"].tolist(), data["vectors"], strict=True))
        return table

    def flush(self) -> int:
        """Write vectors added since the last flush (no-op without a directory)."""
        written = 0
        if self.directory is None:
            self._pending.clear()
            return 0
        for model, rows in self._pending.items():
            if rows:
                written += self._write_shard(model, rows)
        self._pending.clear()
        return written

    def _write_shard(self, model: str, rows: dict[str, np.ndarray]) -> int:
        folder = self._folder(model)
        folder.mkdir(parents=True, exist_ok=True)
        shards = sorted(folder.glob("shard-*.npz"))
        if len(shards) >= _MAX_SHARDS:
            rows = dict(self._table(model))
            for old in shards:
                old.unlink()
        digest = hashlib.sha1("".join(sorted(rows)).encode()).hexdigest()[:12]
        tmp = folder / f".tmp-{digest}.npz"
        np.savez(tmp, keys=np.array(list(rows), dtype="U40"), vectors=np.stack(list(rows.values())))
        tmp.replace(folder / f"shard-{len(list(folder.glob('shard-*.npz'))):05d}-{digest}.npz")
        return len(rows)
