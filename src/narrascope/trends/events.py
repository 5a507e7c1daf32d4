"""Diplomatic events: load them from YAML or CSV, validated, as :class:`~narrascope.records.Event`.

A YAML file is a list of mappings (or a mapping with an ``events:`` list); a CSV file has a header
row. Both use the keys ``name`` (required, unique), ``date`` (required, ISO ``YYYY-MM-DD``),
``end_date`` (optional, not before ``date``), ``description`` and ``tags`` (a YAML list, or a
``;``-separated string). Every error names the file and the line of the offending record.

Example YAML::

    - name: moscow-format-2018
      date: 2018-11-09
      description: Moscow-format consultations on Afghanistan with a Taliban delegation
      tags: [afghanistan, moscow-format]
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from narrascope.errors import InputError
from narrascope.records import Event

FIELDS = ("name", "date", "end_date", "description", "tags")


def load_events(path: str | Path) -> list[Event]:
    """Read and validate the events in a YAML or CSV file.

    Args:
        path: a ``.yaml``/``.yml`` or ``.csv`` file.

    Returns:
        The events in file order.

    Raises:
        InputError: unreadable file, unknown format, missing name, bad date, duplicate name.

    Example:
        >>> events = load_events("events.yaml")
        >>> events[0].name
        'moscow-format-2018'
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such events file", path=path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        rows = _yaml_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        raise InputError(f"unknown events format {suffix!r}", path=path, hint="use .yaml or .csv")
    events = [_event(path, line, record) for line, record in rows]
    _check_unique(path, events, [line for line, _ in rows])
    return events


def events_from_frame(frame: pd.DataFrame) -> list[Event]:
    """Events from a ``Store.events()`` frame (date order)."""
    out = []
    for row in frame.itertuples(index=False):
        start = _frame_date(row.date)
        assert start is not None  # events.date is NOT NULL
        tags = row.tags if isinstance(row.tags, Iterable) and not isinstance(row.tags, str) else ()
        text = row.description if isinstance(row.description, str) else ""
        out.append(
            Event(
                name=str(row.name),
                date=start,
                end_date=_frame_date(row.end_date),
                description=text,
                tags=tuple(str(t) for t in tags),
            )
        )
    return out


def _frame_date(value: object) -> date | None:
    """A date cell of a frame (``Timestamp``, ``date`` or ISO text) as a date; missing: ``None``.

    Raises:
        TypeError: the cell holds no date.
    """
    if isinstance(value, str | date | np.datetime64 | float | int):
        return None if pd.isna(value) else pd.Timestamp(value).date()
    if value is None or value is pd.NA:
        return None
    raise TypeError(f"not a date: {value!r}")


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text and get our own validation."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_rows(path: Path) -> list[tuple[int, Any]]:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass: safe
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", exc)
        raise InputError(f"invalid YAML: {problem}", path=path, line=line) from None
    if isinstance(data, dict) and "events" in data and isinstance(node, yaml.MappingNode):
        node = next(v for k, v in node.value if k.value == "events")
        data = data["events"]
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise InputError(
            "expected a list of events", path=path, hint="write `- name: ...` items or `events:`"
        )
    return [
        (item.start_mark.line + 1, record) for item, record in zip(node.value, data, strict=True)
    ]


def _csv_rows(path: Path) -> list[tuple[int, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            found = ", ".join(reader.fieldnames or []) or "none"
            raise InputError(
                f"the CSV header has no 'name' column (columns: {found})",
                path=path,
                line=1,
                hint=f"use the columns {', '.join(FIELDS)}",
            )
        return [(reader.line_num, dict(row)) for row in reader]


def _event(path: Path, line: int, record: Any) -> Event:
    if not isinstance(record, Mapping):
        raise InputError("an event must be a mapping of fields", path=path, line=line)
    unknown = sorted(set(map(str, record)) - set(FIELDS))
    if unknown:
        raise InputError(
            f"unknown event field(s): {', '.join(unknown)}",
            path=path,
            line=line,
            hint=f"allowed: {', '.join(FIELDS)}",
        )
    name = str(record.get("name") or "").strip()
    if not name:
        raise InputError("event without a name", path=path, line=line, hint="add `name:`")
    start = _date(path, line, name, "date", record.get("date"), required=True)
    end = _date(path, line, name, "end_date", record.get("end_date"), required=False)
    if start is not None and end is not None and end < start:
        raise InputError(
            f"event {name!r}: end_date {end} is before date {start}", path=path, line=line
        )
    assert start is not None
    return Event(
        name=name,
        date=start,
        end_date=end,
        description=str(record.get("description") or "").strip(),
        tags=_tags(record.get("tags")),
    )


def _date(path: Path, line: int, name: str, key: str, value: Any, *, required: bool) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(f"event {name!r} has no {key}", path=path, line=line)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            f"event {name!r}: {key} {value!r} is not a date",
            path=path,
            line=line,
            hint="write dates as YYYY-MM-DD",
        ) from None


def _tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else str(value).split(";")
    return tuple(t for t in (str(i).strip() for i in items) if t)


def _check_unique(path: Path, events: list[Event], lines: list[int]) -> None:
    first: dict[str, int] = {}
    for event, line in zip(events, lines, strict=True):
        if event.name in first:
            raise InputError(
                f"duplicate event name {event.name!r} (first on line {first[event.name]})",
                path=path,
                line=line,
                hint="event names must be unique",
            )
        first[event.name] = line
