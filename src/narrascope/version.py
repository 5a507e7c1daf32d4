"""The installed narrascope version (one helper for manifests, models and the dashboard)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def narrascope_version() -> str:
    """The installed narrascope version, or ``0+unknown`` in a source tree without install."""
    try:
        return version("narrascope")
    except PackageNotFoundError:  # pragma: no cover - source checkout without install
        return "0+unknown"
