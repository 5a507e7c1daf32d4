"""Spreadsheet-safe CSV cells: the formula guard of every CSV narrascope writes.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (also after a tab or a
carriage return, or after leading blanks) as a formula. Every text cell that begins so is written
with a leading apostrophe (``'=1+1``), which spreadsheets show as text; ``--raw-csv`` (or
``raw=True``) writes cells verbatim. Numbers, dates and other non-text columns are never changed.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["FORMULA_START", "guard_cell", "guard_sql", "neutralize_csv"]

FORMULA_START = re.compile(r"^[\s]*[=+\-@]|^[\t\r]")
# the same test in DuckDB's regex dialect (RE2)
_SQL_PATTERN = r"^(\s*[=+\-@]|[\t\r])"


def guard_cell(value: Any) -> Any:
    """``value`` with an apostrophe in front when it is text a spreadsheet would run."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def neutralize_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are guarded by :func:`guard_cell`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(guard_cell)
    return out


def guard_sql(column: str) -> str:
    """SQL guarding one VARCHAR column (quoted name) like :func:`guard_cell`."""
    name = '"' + column.replace('"', '""') + '"'
    return (
        f"CASE WHEN regexp_matches({name}, '{_SQL_PATTERN}') THEN '''' || {name} "
        f"ELSE {name} END AS {name}"
    )
