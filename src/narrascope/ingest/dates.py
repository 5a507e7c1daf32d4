"""Publication dates from the many shapes news data carries them in.

:func:`parse_date` returns a timezone-aware UTC ``datetime`` (or ``None`` for an empty value).
Accepted forms:

- ISO 8601: ``2018-11-26``, ``2018-11-26T10:30:00+03:00``, ``2018-11-26 10:30Z``
- RFC 2822 (RSS): ``Mon, 26 Nov 2018 10:30:00 +0300``
- English: ``26 November 2018``, ``26 Nov 2018``, ``Nov 26, 2018``, ``Monday, November 26, 2018``
- Russian: ``26 ноября 2018 г.``, ``26 ноября 2018 года, 14:30`` (genitive, nominative and
  abbreviated month names)
- day-first numeric: ``26.11.2018``, ``26/11/2018``, ``26-11-2018`` (optionally with a time)
- unix epoch seconds (``1543228200``) or milliseconds (13 digits), as a number or a string

A value without a timezone is taken to be UTC. Anything else raises ``ValueError``.
"""

from __future__ import annotations

import email.utils
import math
import numbers
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

__all__ = ["DateWindow", "parse_date"]

_MONTHS_EN = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTHS_RU = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "мая": 5,
    "май": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_RU_ABBREVIATIONS = {
    "янв": 1,
    "фев": 2,
    "февр": 2,
    "мар": 3,
    "апр": 4,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "сент": 9,
    "окт": 10,
    "ноя": 11,
    "нояб": 11,
    "дек": 12,
}
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs"
    "|fri|sat|sun|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    "|пн|вт|ср|чт|пт|сб|вс"
)
_NOISE_RE = re.compile(
    rf"\b(?:{_WEEKDAYS})\b\.?|,|(?<=\d)\s*(?:года|г)\b\.?|\bat\b|\bв\b", re.IGNORECASE
)
_TIME = (
    r"(?:\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<tz>z|utc|gmt|[+-]\d{2}:?\d{2})?)?"
)
_DAY_MONTH_RE = re.compile(rf"^(?P<d>\d{{1,2}})\s+(?P<mon>[^\W\d_]+)\.?\s+(?P<y>\d{{4}}){_TIME}$")
_MONTH_DAY_RE = re.compile(rf"^(?P<mon>[^\W\d_]+)\.?\s+(?P<d>\d{{1,2}})\s+(?P<y>\d{{4}}){_TIME}$")
_NUMERIC_RE = re.compile(rf"^(?P<d>\d{{1,2}})[./-](?P<m>\d{{1,2}})[./-](?P<y>\d{{4}}){_TIME}$")
_EPOCH_RE = re.compile(r"^-?\d{9,13}(?:\.\d+)?$")
_MS_EPOCH = 10**11


def parse_date(value: object, *, source: str = "") -> datetime | None:
    """Parse a publication date into an aware UTC ``datetime``.

    Args:
        value: A string, number (epoch seconds/milliseconds), ``date`` or ``datetime``;
            ``None``, ``""`` and NaN give ``None``.
        source: Where the value came from (``"feed.xml item 3"``), used in the error message.

    Returns:
        The instant in UTC (naive inputs are taken as UTC), or ``None`` for an empty value.

    Raises:
        ValueError: The value is not a date in any accepted form.

    Example:
        >>> parse_date("26 ноября 2018 г.").isoformat()
        '2018-11-26T00:00:00+00:00'
    """
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            seconds = float(value)
        except (OverflowError, ValueError):
            seconds = math.inf  # a number too large for a float: out of range below
        return _from_epoch(seconds, _short(value), source)
    if isinstance(value, str) and value.strip():
        parsed = _parse_text(value.strip())
        if parsed is not None:
            return parsed
    where = f" in {source}" if source else ""
    shown = repr(value) if len(repr_ := repr(value)) <= 80 else f"{repr_[:77]}..."
    raise ValueError(f"unparseable date {shown}{where}")


def _short(value: object) -> object:
    """A huge number shortened for an error message (and ``str`` never fails on it)."""
    if isinstance(value, int) and abs(value) > 10**30:
        return f"a {len(format(value, 'x')) * 4}-bit integer"
    return value


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _from_epoch(seconds: float, raw: object, source: str) -> datetime:
    try:
        if abs(seconds) >= _MS_EPOCH:
            seconds /= 1000.0
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        where = f" in {source}" if source else ""
        raise ValueError(f"epoch timestamp out of range {raw!r}{where}") from exc


def _parse_text(text: str) -> datetime | None:
    if _EPOCH_RE.match(text):
        return _from_epoch(float(text), text, "")
    for parser in (_parse_iso, _parse_rfc2822, _parse_words, _parse_numeric):
        try:
            parsed = parser(text)
        except (ValueError, OverflowError, TypeError):
            parsed = None
        if parsed is not None:
            return parsed
    return None


def _parse_iso(text: str) -> datetime | None:
    if not text[:4].isdigit() or len(text) < 8:
        return None
    return _utc(datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text))


def _parse_rfc2822(text: str) -> datetime | None:
    if not re.search(r"\d{1,2}:\d{2}", text) or not re.match(r"^(?:[A-Za-z]{3},\s*)?\d", text):
        return None
    parsed = email.utils.parsedate_to_datetime(text)
    return _utc(parsed) if parsed else None


def _clean(text: str) -> str:
    return " ".join(_NOISE_RE.sub(" ", text.lower()).split())


def _parse_words(text: str) -> datetime | None:
    cleaned = _clean(text)
    match = _DAY_MONTH_RE.match(cleaned) or _MONTH_DAY_RE.match(cleaned)
    if not match:
        return None
    month = _month_number(match["mon"])
    if month is None:
        return None
    return _build(int(match["y"]), month, int(match["d"]), match)


def _parse_numeric(text: str) -> datetime | None:
    match = _NUMERIC_RE.match(_clean(text))
    if not match:
        return None
    return _build(int(match["y"]), int(match["m"]), int(match["d"]), match)


def _month_number(word: str) -> int | None:
    word = word.rstrip(".")
    for name, number in _MONTHS_EN.items():
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return number
    if word in _RU_ABBREVIATIONS:
        return _RU_ABBREVIATIONS[word]
    for stem, number in _MONTHS_RU.items():
        if word.startswith(stem):
            return number
    return None


def _build(year: int, month: int, day: int, match: re.Match[str]) -> datetime:
    hour = int(match["h"] or 0)
    minute = int(match["mi"] or 0)
    second = int(match["s"] or 0)
    tz = _offset(match["tz"])
    return datetime(year, month, day, hour, minute, second, tzinfo=tz).astimezone(UTC)


def _offset(token: str | None) -> timezone:
    if not token or token in ("z", "utc", "gmt"):
        return UTC
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(sign * delta)


@dataclass(frozen=True)
class DateWindow:
    """Days from ``start`` to ``end`` (both inclusive, UTC; ``None``: open), for ``--from/--to``.

    Example:
        >>> window = DateWindow(date(2018, 11, 1), date(2018, 11, 30))
        >>> window.contains(datetime(2018, 11, 30, 23, 59, tzinfo=UTC))
        True
    """

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"--from {self.start} is after --to {self.end}")

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def contains(self, moment: datetime | None) -> bool:
        """Whether ``moment``'s UTC day is in the window (an undated moment is: it cannot be
        placed, and is counted as undated instead)."""
        if moment is None:
            return True
        day = moment.astimezone(UTC).date() if moment.tzinfo else moment.date()
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def describe(self) -> str:
        """``--from X --to Y`` as given."""
        parts = [
            f"--from {self.start}" if self.start else "",
            f"--to {self.end}" if self.end else "",
        ]
        return " ".join(p for p in parts if p)
