"""Text fingerprints for deduplication, pure: the content hash and the MinHash signature.

Exact duplicates share a ``content_hash``: the SHA-256 of the normalised, case-folded,
whitespace-collapsed text. Near duplicates share word shingles, estimated by MinHash.

Signatures are computed here, not by datasketch, so that they are identical in every process
and every run: each word is hashed with CRC-32, ``k`` consecutive word hashes are combined into
a shingle hash (FNV-style, then the MurmurHash3 finaliser), and permutation ``i`` maps a shingle
hash ``h`` to ``a_i * h + b_i mod 2**32`` with constants derived from SHA-256. A signature is
stored as ``num_perm`` little-endian uint32 values.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

__all__ = ["band_pairs", "content_hash", "overlap", "signature", "similarity"]

_FNV_PRIME = np.uint32(0x01000193)
SIGNATURE_DTYPE = np.dtype("<u4")
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
    return table.min(axis=1).astype(SIGNATURE_DTYPE).tobytes()


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two signatures of the same length."""
    a = np.frombuffer(first, dtype=SIGNATURE_DTYPE)
    b = np.frombuffer(second, dtype=SIGNATURE_DTYPE)
    return float(np.mean(a == b))


def overlap(
    first: Sequence[str], second: Sequence[str], *, shingle_size: int = 5
) -> tuple[float, float]:
    """Exact ``(jaccard, containment)`` of two word sequences' shingle sets.

    ``containment`` is the share of the shorter text's shingles found in the longer one (1.0
    when one text is contained in the other, whatever their lengths); texts shorter than a
    shingle compare as whole word sequences.

    Example:
        >>> overlap("a b c d e f".split(), "a b c d e f g h".split())
        (0.5, 1.0)
    """
    size = max(1, min(shingle_size, len(first), len(second)))
    if not first or not second:
        return 0.0, 0.0
    a = set(_shingle_hashes(first, size).tolist())
    b = set(_shingle_hashes(second, size).tolist())
    common = len(a & b)
    return common / len(a | b), common / min(len(a), len(b))


def band_pairs(
    ids: Sequence[str], signatures: np.ndarray, *, rows: int = 3, max_bucket: int = 50
) -> set[tuple[str, str]]:
    """Candidate pairs ``(id, id)`` (sorted) whose signatures agree on a band of ``rows``.

    With 64 permutations and 3 rows (21 bands) a pair of Jaccard 0.5 is a candidate with
    probability ~0.94 and one of 0.2 with ~0.16. A bucket holding more than ``max_bucket``
    articles (boilerplate) is skipped, which bounds the pairs at ``bands * n * max_bucket``.

    Args:
        ids: article ids, one per row of ``signatures``.
        signatures: ``(len(ids), num_perm)`` uint32 MinHash values.
    """
    pairs: set[tuple[str, str]] = set()
    n, num_perm = signatures.shape
    if n < 2:
        return pairs
    sig = signatures.astype(np.uint64)
    for start in range(0, num_perm - rows + 1, rows):
        key = np.zeros(n, dtype=np.uint64)
        for j in range(start, start + rows):
            key = (key * np.uint64(0x100000001B3)) ^ sig[:, j]
        order = np.argsort(key, kind="stable")
        sorted_keys = key[order]
        cuts = np.flatnonzero(np.diff(sorted_keys)) + 1
        for group in np.split(order, cuts):
            if 1 < len(group) <= max_bucket:
                members = sorted(ids[i] for i in group)
                pairs.update((x, y) for k, x in enumerate(members) for y in members[k + 1 :])
    return pairs
