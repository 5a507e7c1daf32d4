"""Exact and near-duplicate detection (wire copies), seeded from the store.

Exact duplicates share a ``content_hash``: the SHA-256 of the normalised, case-folded,
whitespace-collapsed text. Near duplicates are found with MinHash LSH over word shingles
(``dedup.shingle_size`` words, ``dedup.num_perm`` permutations): candidates come from a banded
LSH index (:mod:`narrascope.ingest._lsh`, datasketch's banding in a compact form, with band
parameters weighted towards recall) and are kept only when their estimated Jaccard similarity
reaches ``dedup.threshold``.

Signatures are computed here, not by datasketch, so that they are identical in every process
and every run: each word is hashed with CRC-32, ``k`` consecutive word hashes are combined into
a shingle hash (FNV-style, then the MurmurHash3 finaliser), and permutation ``i`` maps a shingle
hash ``h`` to ``a_i * h + b_i mod 2**32`` with constants derived from SHA-256. A signature is
stored as ``num_perm`` little-endian uint32 values.

A duplicate is kept; it points at the first article seen (``canonical_id``) with ``dup_kind``
``"exact"`` or ``"near"``. Only canonical articles enter the index. Texts shorter than
``shingle_size`` words get exact deduplication only.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from narrascope.ingest._lsh import BandIndex, band_params
from narrascope.records import Article, DupKind

if TYPE_CHECKING:
    from narrascope.store import Store

__all__ = ["Deduplicator", "content_hash", "signature", "similarity"]

_FNV_PRIME = np.uint32(0x01000193)
_LSH_WEIGHTS = (0.1, 0.9)  # (false positive, false negative): favour recall, then verify
_SIGNATURE_DTYPE = np.dtype("<u4")
_WORD_CACHE_SIZE = 1 << 16
_word_hashes: dict[str, int] = {}


def content_hash(words: Sequence[str]) -> str:
    """SHA-256 (hex) of case-folded words joined by single spaces.

    Args:
        words: ``text.casefold().split()`` of a normalised text.
    """
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Stable permutation constants ``(a, b)`` as uint32 column vectors (``a`` odd)."""
    values: list[int] = []
    counter = 0
    while len(values) < 2 * num_perm:
        digest = hashlib.sha256(f"narrascope-minhash-{counter}".encode()).digest()
        values.extend(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 32, 4))
        counter += 1
    a = np.array(values[:num_perm], dtype=np.uint32) | np.uint32(1)
    b = np.array(values[num_perm : 2 * num_perm], dtype=np.uint32)
    return a[:, None], b[:, None]


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finaliser (spreads the bits of each value)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _crc_words(words: Sequence[str]) -> list[int]:
    """CRC-32 of each word, through a bounded per-process cache (words repeat a lot)."""
    cache = _word_hashes
    try:
        return [cache[w] for w in words]
    except KeyError:
        pass
    if len(cache) > _WORD_CACHE_SIZE:
        cache.clear()
    out = []
    for word in words:
        value = cache.get(word)
        if value is None:
            value = cache[word] = zlib.crc32(word.encode("utf-8"))
        out.append(value)
    return out


def _shingle_hashes(words: Sequence[str], size: int) -> np.ndarray:
    encoded = _crc_words(words)
    hashes = np.fromiter(encoded, dtype=np.uint32, count=len(encoded))
    n = len(hashes) - size + 1
    acc = hashes[:n].copy()
    for j in range(1, size):
        acc = (acc * _FNV_PRIME) ^ hashes[j : j + n]
    return _fmix32(acc)


def signature(words: Sequence[str], *, shingle_size: int = 5, num_perm: int = 64) -> bytes | None:
    """MinHash signature of a word sequence, or ``None`` when it is shorter than a shingle.

    Args:
        words: Case-folded words (``text.casefold().split()``).
        shingle_size: Words per shingle.
        num_perm: Number of permutations (signature length in uint32 values).

    Returns:
        ``num_perm * 4`` bytes, identical across processes and runs.

    Example:
        >>> len(signature("a b c d e f".split(), num_perm=64))
        256
    """
    if len(words) < shingle_size:
        return None
    shingles = _shingle_hashes(words, shingle_size)
    a, b = _permutations(num_perm)
    table = np.empty((num_perm, len(shingles)), dtype=np.uint32)
    np.multiply(a, shingles[None, :], out=table)
    np.add(table, b, out=table)
    return table.min(axis=1).astype(_SIGNATURE_DTYPE).tobytes()


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two signatures of the same length."""
    a = np.frombuffer(first, dtype=_SIGNATURE_DTYPE)
    b = np.frombuffer(second, dtype=_SIGNATURE_DTYPE)
    return float(np.mean(a == b))


class Deduplicator:
    """Assigns ``canonical_id``/``dup_kind`` to articles in the order they are seen.

    Memory: about 0.4 KB per canonical article (its signature, band keys, id and hash).

    Args:
        threshold: Estimated Jaccard similarity from which two texts are near duplicates.
        num_perm: Signature length; signatures of another length are ignored.

    Example:
        >>> dedup = Deduplicator()
        >>> dedup.check("a1", "h1", None), dedup.check("a2", "h1", None)
        ((None, None), ('a1', 'exact'))
    """

    def __init__(self, *, threshold: float = 0.9, num_perm: int = 64) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._exact: dict[str, str] = {}
        self._ids: list[str] = []
        self._signatures = np.empty((1024, num_perm), dtype=np.uint32)
        self._index = BandIndex(*band_params(threshold, num_perm, _LSH_WEIGHTS))

    @classmethod
    def from_store(
        cls, store: Store, *, threshold: float = 0.9, num_perm: int = 64
    ) -> Deduplicator:
        """A deduplicator that already knows every canonical article in ``store``."""
        dedup = cls(threshold=threshold, num_perm=num_perm)
        dedup._exact.update(store.content_hashes())
        for article_id, sig in store.minhash_signatures():
            values = dedup._values(sig)
            if values is not None:
                dedup._remember(article_id, values, dedup._index.band_keys(values))
        return dedup

    def __len__(self) -> int:
        return len(self._exact)

    def check(
        self, article_id: str, content_hash: str, sig: bytes | None
    ) -> tuple[str | None, DupKind | None]:
        """``(canonical_id, kind)`` for a new article, or ``(None, None)`` if it is canonical.

        A canonical article is remembered, so later copies of it are found.
        """
        canonical = self._exact.get(content_hash)
        if canonical is not None:
            return canonical, "exact"
        self._exact[content_hash] = article_id
        values = self._values(sig)
        if values is None:
            return None, None
        keys = self._index.band_keys(values)
        near = self._nearest(values, keys)
        if near is not None:
            del self._exact[content_hash]  # a near duplicate is no canonical after all
            return near, "near"
        self._remember(article_id, values, keys)
        return None, None

    def assign(self, article: Article, sig: bytes | None) -> Article:
        """``article`` with ``canonical_id``/``dup_kind`` set (unchanged when canonical)."""
        canonical, kind = self.check(article.id, article.content_hash, sig)
        if canonical is None:
            return article
        return replace(article, canonical_id=canonical, dup_kind=kind)

    def _values(self, sig: bytes | None) -> np.ndarray | None:
        if sig is None or len(sig) != 4 * self.num_perm:
            return None
        return np.frombuffer(sig, dtype=_SIGNATURE_DTYPE)

    def _remember(self, article_id: str, values: np.ndarray, keys: np.ndarray) -> None:
        item = len(self._ids)
        if item == len(self._signatures):
            grown = np.empty((item + item // 2, self.num_perm), dtype=np.uint32)
            grown[:item] = self._signatures
            self._signatures = grown
        self._signatures[item] = values
        self._ids.append(article_id)
        self._index.insert(item, keys)

    def _nearest(self, values: np.ndarray, keys: np.ndarray) -> str | None:
        """The most similar canonical at or above the threshold (earliest on ties)."""
        candidates = sorted(self._index.query(keys))
        if not candidates:
            return None
        scores = (self._signatures[candidates] == values).mean(axis=1)
        best = int(np.argmax(scores))
        return self._ids[candidates[best]] if scores[best] >= self.threshold else None
