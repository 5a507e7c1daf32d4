"""A compact MinHash LSH index: banding as in ``datasketch.MinHashLSH``, a fraction of the memory.

A signature of ``num_perm`` values is cut into ``bands`` bands of ``rows`` values; two signatures
are candidates when any band is identical. ``datasketch.MinHashLSH`` keeps a Python set per
bucket (about 2 KB per indexed signature with 5 bands, so 200 MB per 100,000 articles, plus
SciPy at import). Here each band is a sorted NumPy array of 64-bit band keys with the item
numbers beside it (12 bytes per band per signature), plus a small dictionary of recent inserts
that is merged in when it grows. Candidate sets are the same as datasketch's for the same
``(bands, rows)`` (a test checks this); keys are computed with fixed constants, so results do
not depend on the process.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

__all__ = ["BandIndex", "band_params"]

_MIN_MERGE = 4096


def _area(curve: np.ndarray, step: float) -> float:
    return float(curve.sum() * step) if curve.size else 0.0


# Band keys are stored with a one-byte kind (``KIND_BAND + b`` below the origin kind 255).
MAX_BANDS = 250


def band_params(
    threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int]:
    """``(bands, rows)`` minimising weighted false-positive and false-negative areas.

    The same criterion as datasketch's ``MinHashLSH(weights=...)``; ``weights`` is
    ``(false positive, false negative)``. At most :data:`MAX_BANDS` bands.

    Example:
        >>> band_params(0.9, 64, (0.1, 0.9))
        (5, 12)
    """
    step = 0.001
    below = np.arange(0.0, threshold, step)
    above = np.arange(threshold, 1.0, step)
    best: tuple[float, int, int] | None = None
    for bands in range(1, min(num_perm, MAX_BANDS) + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = _area(1 - (1 - below**rows) ** bands, step)
            fn = _area((1 - above**rows) ** bands, step)
            error = weights[0] * fp + weights[1] * fn
            if best is None or error < best[0]:
                best = (error, bands, rows)
    assert best is not None
    return best[1], best[2]


@lru_cache(maxsize=8)
def _multipliers(rows: int) -> np.ndarray:
    digest = b"".join(hashlib.sha256(f"narrascope-band-{i}".encode()).digest() for i in range(rows))
    values = np.frombuffer(digest, dtype="<u8")[::4][:rows].copy()
    return values | np.uint64(1)


class BandIndex:
    """Band keys of inserted signatures -> item numbers (ints chosen by the caller).

    Args:
        bands: Number of bands.
        rows: Signature values per band (``bands * rows <= len(signature)``).
    """

    def __init__(self, bands: int, rows: int) -> None:
        self.bands = bands
        self.rows = rows
        self._keys = [np.empty(0, dtype=np.uint64) for _ in range(bands)]
        self._items = [np.empty(0, dtype=np.int64) for _ in range(bands)]
        self._recent: list[dict[int, list[int]]] = [{} for _ in range(bands)]
        self._recent_count = 0
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def band_keys(self, values: np.ndarray) -> np.ndarray:
        """One 64-bit key per band of a uint32 signature.

        A random linear hash (odd 64-bit multipliers, sum mod 2**64): distinct bands collide
        with negligible probability, and a collision only adds a candidate that fails the
        similarity check.
        """
        matrix = values[: self.bands * self.rows].reshape(self.bands, self.rows)
        return (matrix.astype(np.uint64) * _multipliers(self.rows)).sum(axis=1, dtype=np.uint64)

    def band_keys_many(self, matrix: np.ndarray) -> np.ndarray:
        """:meth:`band_keys` of each row of a ``(n, num_perm)`` uint32 matrix: ``(n, bands)``."""
        n = matrix.shape[0]
        cube = matrix[:, : self.bands * self.rows].reshape(n, self.bands, self.rows)
        return (cube.astype(np.uint64) * _multipliers(self.rows)).sum(axis=2, dtype=np.uint64)

    def insert(self, item: int, keys: np.ndarray) -> None:
        """Index ``item`` under its band keys (see :meth:`band_keys`)."""
        for band, key in enumerate(keys.tolist()):
            self._recent[band].setdefault(key, []).append(item)
        self._recent_count += 1
        self._size += 1
        if self._recent_count >= max(_MIN_MERGE, self._size // 8):
            self._merge()

    def query(self, keys: np.ndarray) -> set[int]:
        """Items sharing at least one band key with ``keys``."""
        found: set[int] = set()
        for band, key in enumerate(keys.tolist()):
            found.update(self._recent[band].get(key, ()))
            indexed = self._keys[band]
            if not indexed.size:
                continue
            needle = keys[band : band + 1]  # stays uint64: a Python int would cast the array
            lo = int(indexed.searchsorted(needle)[0])
            if lo < indexed.size and indexed[lo] == keys[band]:
                hi = int(indexed.searchsorted(needle, side="right")[0])
                found.update(self._items[band][lo:hi].tolist())
        return found

    def _merge(self) -> None:
        """Fold the recent inserts into the sorted arrays (earlier items stay first)."""
        for band in range(self.bands):
            recent = self._recent[band]
            pairs = [(key, item) for key, items in recent.items() for item in items]
            new_keys = np.fromiter((k for k, _ in pairs), dtype=np.uint64, count=len(pairs))
            new_items = np.fromiter((i for _, i in pairs), dtype=np.int64, count=len(pairs))
            keys = np.concatenate([self._keys[band], new_keys])
            items = np.concatenate([self._items[band], new_items])
            order = np.lexsort((items, keys))
            self._keys[band], self._items[band] = keys[order], items[order]
            recent.clear()
        self._recent_count = 0
