"""DuckDB failures as StoreErrors with the hint that fits: a lock or a damaged file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from narrascope.errors import StoreError

_LOCKED = ("could not set lock", "conflicting lock", "lock on file", "resource temporarily")
_DAMAGED = (
    "corrupt",
    "checksum",
    "not a valid duckdb database",
    "could not read enough bytes",
    "read past the end",
    "invalid block",
    "serialization",
    "truncated",
)
LOCK_HINT = "is another narrascope process writing to it? wait for it to finish, then retry"
DAMAGE_HINT = (
    "the file is truncated or corrupted: restore it from a backup, or re-ingest into a new store"
)


def store_error(exc: duckdb.Error, path: Path, action: str) -> StoreError:
    """A one-line StoreError for ``exc``, with the hint for a lock or a damaged file."""
    first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    lowered = str(exc).lower()
    if any(word in lowered for word in _LOCKED):
        hint = LOCK_HINT
    elif any(word in lowered for word in _DAMAGED):
        hint = DAMAGE_HINT
    else:
        hint = f"{LOCK_HINT}; if not, the file may be damaged: {DAMAGE_HINT.split(': ')[1]}"
    return StoreError(f"{action} ({exc.__class__.__name__}: {first})", path=path, hint=hint)
