"""The center's clock: its time zone, the current moment, and the local way of writing a date and a time.

Times are stored in UTC and shown in Asia/Ho_Chi_Minh (UTC+7 without daylight saving time since 1975). Every
reading of the current moment goes through `utcnow`, so that a test moves the clock (`travel_to`) instead of
sleeping; production never moves it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_offset = timedelta(0)  # how far a test moved the clock; always zero in production


def utcnow() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    return datetime.now(UTC) + _offset


def local_now() -> datetime:
    return utcnow().astimezone(LOCAL_TZ)


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)


def local_moment_text(moment: datetime) -> str:
    """`14:05 08/12/2026`: a moment as the center's forms and messages write it (hh:mm dd/mm/yyyy)."""
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")


def local_date_text(day: date) -> str:
    """`08/12/2026`."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@contextmanager
def travel_to(moment: datetime) -> Iterator[None]:
    """Tests only: the clock reads `moment` now and runs on from there until the block ends."""
    global _offset
    if moment.tzinfo is None:
        raise ValueError("travel_to needs an aware moment")
    saved = _offset
    _offset = moment - datetime.now(UTC)
    try:
        yield
    finally:
        _offset = saved
