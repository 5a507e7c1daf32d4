"""Publication dates in every shape we accept, always returned as aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from narrascope.ingest.dates import parse_date

NOV26 = datetime(2018, 11, 26, tzinfo=UTC)
RU_MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-11-26", NOV26),
        ("2018-11-26T10:30:00", NOV26.replace(hour=10, minute=30)),
        ("2018-11-26T10:30:00+03:00", NOV26.replace(hour=7, minute=30)),
        ("2018-11-26 10:30Z", NOV26.replace(hour=10, minute=30)),
        ("Mon, 26 Nov 2018 10:30:00 +0300", NOV26.replace(hour=7, minute=30)),
        ("Mon, 26 Nov 2018 10:30:00 GMT", NOV26.replace(hour=10, minute=30)),
        ("26 November 2018", NOV26),
        ("26 Nov 2018", NOV26),
        ("Nov 26, 2018", NOV26),
        ("November 26, 2018", NOV26),
        ("Monday, November 26, 2018", NOV26),
        ("26 ноября 2018 г.", NOV26),
        ("26 ноября 2018 года, 14:30", NOV26.replace(hour=14, minute=30)),
        ("26 ноября 2018г.", NOV26),
        ("26 нояб. 2018", NOV26),
        ("26.11.2018", NOV26),
        ("26.11.2018 14:30", NOV26.replace(hour=14, minute=30)),
        ("26/11/2018", NOV26),
        ("1543190400", NOV26),
        ("1543190400000", NOV26),
        (1543190400, NOV26),
        (1543190400.0, NOV26),
    ],
)
def test_accepted_forms(value: object, expected: datetime) -> None:
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_russian_genitive_month(month: int) -> None:
    assert parse_date(f"3 {RU_MONTHS[month - 1]} 2019 г.") == datetime(2019, month, 3, tzinfo=UTC)


def test_naive_values_are_utc() -> None:
    assert parse_date(datetime(2018, 11, 26, 9)) == NOV26.replace(hour=9)
    assert parse_date(date(2018, 11, 26)) == NOV26


def test_aware_datetimes_are_converted_to_utc() -> None:
    moscow = timezone(timedelta(hours=3))
    assert parse_date(datetime(2018, 11, 26, 3, tzinfo=moscow)) == NOV26


@pytest.mark.parametrize("value", [None, "", float("nan")])
def test_empty_values_give_none(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize("value", ["sometime soon", "31.02.2018", "2018", "Nov 2018", "12:30"])
def test_unparseable_values_raise_with_the_source(value: str) -> None:
    with pytest.raises(ValueError, match=r"unparseable date .* in feed.xml item 3"):
        parse_date(value, source="feed.xml item 3")
