"""Exact and near-duplicate detection (wire copies), against everything already stored.

Exact duplicates share a ``content_hash``: the SHA-256 of the normalised, case-folded,
whitespace-collapsed text. Near duplicates are found with MinHash LSH over word shingles
(``dedup.shingle_size`` words, ``dedup.num_perm`` permutations): candidates come from a banded
LSH index (:mod:`narrascope.ingest._lsh`, datasketch's banding in a compact form, with band
parameters weighted towards recall) and are kept only when their estimated Jaccard similarity
reaches ``dedup.threshold``.

Signatures and content hashes come from :mod:`narrascope.ingest.fingerprint` (pure).

A duplicate is kept; it points at the first article seen (``canonical_id``) with ``dup_kind``
``"exact"`` or ``"near"``. Only canonical articles enter the index. Texts shorter than
``shingle_size`` words get exact deduplication only.

Against a store, each batch is checked in one scan of the store's lookup keys
(:mod:`narrascope.store._dedup`); memory holds the batch and a fixed cache of recent
signatures, never the whole index, so it does not grow with the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from narrascope.ingest._lsh import BandIndex, band_params
from narrascope.ingest.fingerprint import SIGNATURE_DTYPE, content_hash, signature, similarity
from narrascope.records import Article, DupKind
from narrascope.store._dedup import KIND_BAND, KIND_CONTENT, canonical_by_hash, lookup_key

if TYPE_CHECKING:
    from narrascope.store._dedup import DedupQueries

__all__ = ["Deduplicator", "content_hash", "signature", "similarity"]

_LSH_WEIGHTS = (0.1, 0.9)  # (false positive, false negative): favour recall, then verify
_RECENT_SIGNATURES = 20_000  # ~5 MB at 64 permutations


class Deduplicator:
    """Assigns ``canonical_id``/``dup_kind`` to articles in the order they are seen.

    Without a store, every canonical article is kept in memory (about 0.4 KB each). With one
    (:meth:`from_store`), memory is bounded by the batch: :meth:`assign_batch` asks the store
    for the batch's exact and LSH candidates, only the batch's own canonicals are held, and
    :meth:`forget` drops them once the caller has stored them with :meth:`index_entries`.

    Args:
        threshold: Estimated Jaccard similarity from which two texts are near duplicates.
        num_perm: Signature length; signatures of another length are ignored.

    Example:
        >>> dedup = Deduplicator()
        >>> dedup.check("a1", "h1", None), dedup.check("a2", "h1", None)
        ((None, None), ('a1', 'exact'))
    """

    def __init__(
        self, *, threshold: float = 0.9, num_perm: int = 64, store: DedupQueries | None = None
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.store = store
        self._bands, self._rows = band_params(threshold, num_perm, _LSH_WEIGHTS)
        self._known = _StoreCandidates()
        self._recent = _RecentSignatures(_RECENT_SIGNATURES, num_perm)
        self._ids: list[str] = []
        self._signatures = np.empty((64, num_perm), dtype=np.uint32)
        self.forget()

    @classmethod
    def from_store(
        cls, store: DedupQueries, *, threshold: float = 0.9, num_perm: int = 64
    ) -> Deduplicator:
        """A deduplicator that consults ``store`` for every canonical article it holds.

        Rebuilds the store's LSH band keys first when they were made with other settings.
        """
        dedup = cls(threshold=threshold, num_perm=num_perm, store=store)
        if store.lsh_layout() != dedup.layout:
            store.rebuild_lsh_bands(dedup.layout, num_perm, dedup._index.band_keys_many)
        return dedup

    @property
    def layout(self) -> str:
        """Name of the signature scheme and banding (band keys are only comparable within one)."""
        return f"minhash-crc32-fnv:perm={self.num_perm}:bands={self._bands}:rows={self._rows}"

    def __len__(self) -> int:
        return len(self._exact)

    def forget(self) -> None:
        """Drop the canonicals held in memory (after :meth:`index_entries` were stored).

        Their signatures stay in a bounded cache of recent canonicals, which spares the store
        a query when a later copy (wire copies follow their original closely) is checked.
        """
        self._recent.add(self._ids, self._signatures[: len(self._ids)])
        self._exact: dict[str, str] = {}
        self._ids = []
        self._keys: list[np.ndarray] = []
        self._signatures = np.empty((64, self.num_perm), dtype=np.uint32)
        self._index = BandIndex(self._bands, self._rows)

    def index_entries(self) -> tuple[list[str], np.ndarray]:
        """Ids and uint64 band keys ``(n, bands)`` of the canonicals held in memory."""
        keys = np.stack(self._keys) if self._keys else np.empty((0, self._bands), np.uint64)
        return list(self._ids), keys

    def lookups(
        self, articles: Sequence[Article], sigs: Sequence[bytes | None]
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(kinds, keys)`` to look up in the store for a batch (see :meth:`assign_batch`).

        The content key of each article and the band keys of each signature; a caller may
        add keys of its own (ids) and pass the rows found to :meth:`assign_batch`.
        """
        _, keys = self._band_keys(sigs)
        bands = np.stack([k for k in keys if k is not None] or [np.empty(0, np.uint64)])
        band_kinds = np.arange(KIND_BAND, KIND_BAND + bands.shape[1], dtype=np.uint8)
        content = np.array([lookup_key(a.content_hash) for a in articles], dtype=np.uint64)
        return (
            np.concatenate(
                [np.full(len(articles), KIND_CONTENT, np.uint8), np.tile(band_kinds, len(bands))]
            ),
            np.concatenate([content, bands.reshape(-1)]),
        )

    def _band_keys(
        self, sigs: Sequence[bytes | None]
    ) -> tuple[list[np.ndarray | None], list[np.ndarray | None]]:
        """Signature values and band keys of a batch (None for short texts), in one pass."""
        values = [self._values(sig) for sig in sigs]
        present = [v for v in values if v is not None]
        rows = iter(self._index.band_keys_many(np.stack(present)) if present else ())
        return values, [None if v is None else next(rows) for v in values]

    def assign_batch(
        self,
        articles: Sequence[Article],
        sigs: Sequence[bytes | None],
        found: Sequence[tuple[int, int, str]] | None = None,
    ) -> list[Article]:
        """Each article with ``canonical_id``/``dup_kind`` set, in order, after one round of store
        lookups for the whole batch.

        Args:
            articles: The batch, in input order.
            sigs: Their MinHash signatures (None for short texts).
            found: Rows the caller already fetched with ``store.find_keys(*lookups(...))``.
        """
        values, keys = self._band_keys(sigs)
        if self.store is not None:
            if found is None:
                found = self.store.find_keys(*self.lookups(articles, sigs))
            hashes = [a.content_hash for a in articles]
            self._known = _StoreCandidates.from_rows(self.store, found, hashes, self._recent)
        out = [self._assign(a, v, k) for a, v, k in zip(articles, values, keys, strict=True)]
        self._known = _StoreCandidates()
        return out

    def check(
        self, article_id: str, content_hash: str, sig: bytes | None
    ) -> tuple[str | None, DupKind | None]:
        """``(canonical_id, kind)`` for a new article, or ``(None, None)`` if it is canonical.

        A canonical article is remembered, so later copies of it are found.
        """
        values = self._values(sig)
        keys = None if values is None else self._index.band_keys(values)
        return self._check(article_id, content_hash, values, keys)

    def _assign(
        self, article: Article, values: np.ndarray | None, keys: np.ndarray | None
    ) -> Article:
        canonical, kind = self._check(article.id, article.content_hash, values, keys)
        if canonical is None:
            return article
        return replace(article, canonical_id=canonical, dup_kind=kind)

    def _check(
        self, article_id: str, content_hash: str, values: np.ndarray | None, keys: np.ndarray | None
    ) -> tuple[str | None, DupKind | None]:
        canonical = self._known.exact.get(content_hash) or self._exact.get(content_hash)
        if canonical is not None:
            return canonical, "exact"
        self._exact[content_hash] = article_id
        if values is None or keys is None:
            return None, None
        near = self._nearest(values, keys)
        if near is not None:
            del self._exact[content_hash]  # a near duplicate is no canonical after all
            return near, "near"
        self._remember(article_id, values, keys)
        return None, None

    def _values(self, sig: bytes | None) -> np.ndarray | None:
        if sig is None or len(sig) != 4 * self.num_perm:
            return None
        return np.frombuffer(sig, dtype=SIGNATURE_DTYPE)

    def _remember(self, article_id: str, values: np.ndarray, keys: np.ndarray) -> None:
        item = len(self._ids)
        if item == len(self._signatures):
            grown = np.empty((item + item // 2, self.num_perm), dtype=np.uint32)
            grown[:item] = self._signatures
            self._signatures = grown
        self._signatures[item] = values
        self._ids.append(article_id)
        self._keys.append(keys)
        self._index.insert(item, keys)

    def _nearest(self, values: np.ndarray, keys: np.ndarray) -> str | None:
        """The most similar canonical at or above the threshold (earliest on ties).

        Canonicals from the store come first (they were seen before this batch), oldest first.
        """
        stored = self._known.candidates(keys)
        local = sorted(self._index.query(keys))
        if not stored and not local:
            return None
        ids = stored + [self._ids[i] for i in local]
        matrix = np.vstack(
            [*(self._known.signatures[a][None, :] for a in stored), self._signatures[local]]
        )
        scores = (matrix == values).mean(axis=1)
        best = int(np.argmax(scores))
        return ids[best] if scores[best] >= self.threshold else None


class _StoreCandidates:
    """What the store knows about one batch: exact canonicals and LSH neighbours."""

    def __init__(
        self,
        exact: dict[str, str] | None = None,
        bands: dict[tuple[int, int], list[str]] | None = None,
        signatures: dict[str, np.ndarray] | None = None,
        order: dict[str, int] | None = None,
    ) -> None:
        self.exact = exact or {}
        self.bands = bands or {}
        self.signatures = signatures or {}
        self.order = order or {}

    @classmethod
    def from_rows(
        cls,
        store: DedupQueries,
        rows: Sequence[tuple[int, int, str]],
        hashes: Sequence[str],
        recent: _RecentSignatures,
    ) -> _StoreCandidates:
        """Sort found ``lookup_keys`` rows into exact and LSH candidates; fetch signatures
        that the cache of recent canonicals lacks."""
        exact = canonical_by_hash(rows, hashes)
        bands: dict[tuple[int, int], list[str]] = {}
        order: dict[str, int] = {}
        for seq, (kind, key, article_id) in enumerate(rows):
            if kind >= KIND_BAND:
                bands.setdefault((kind - KIND_BAND, key), []).append(article_id)
                order.setdefault(article_id, seq)
        signatures = {a: v for a in order if (v := recent.get(a)) is not None}
        missing = [a for a in order if a not in signatures]
        for article_id, sig in store.minhash_signatures_of(missing).items():
            if len(sig) == 4 * recent.num_perm:
                signatures[article_id] = np.frombuffer(sig, dtype=SIGNATURE_DTYPE)
        return cls(exact, bands, signatures, order)

    def candidates(self, keys: np.ndarray) -> list[str]:
        """Stored canonicals sharing a band key with ``keys``, oldest first."""
        if not self.bands:
            return []
        found = {
            a
            for band, key in enumerate(keys.tolist())
            for a in self.bands.get((band, key), ())
            if a in self.signatures
        }
        return sorted(found, key=self.order.__getitem__)


class _RecentSignatures:
    """The signatures of the last ``capacity`` canonical articles (a ring buffer).

    Memory is fixed: ``capacity * num_perm * 4`` bytes plus one dictionary entry per slot.
    """

    def __init__(self, capacity: int, num_perm: int) -> None:
        self.num_perm = num_perm
        self._values = np.empty((capacity, num_perm), dtype=np.uint32)
        self._slots: dict[str, int] = {}
        self._owners: list[str | None] = [None] * capacity
        self._next = 0

    def add(self, ids: Sequence[str], values: np.ndarray) -> None:
        """Remember signatures (rows of ``values``), evicting the oldest."""
        capacity = len(self._owners)
        for article_id, row in zip(ids[-capacity:], values[-capacity:], strict=True):
            slot = self._next
            old = self._owners[slot]
            if old is not None:
                del self._slots[old]
            self._values[slot] = row
            self._owners[slot] = article_id
            self._slots[article_id] = slot
            self._next = (slot + 1) % capacity

    def get(self, article_id: str) -> np.ndarray | None:
        """The remembered signature of ``article_id``, or None."""
        slot = self._slots.get(article_id)
        return None if slot is None else self._values[slot]
