"""How much working time is left before a due moment, in words; the one "due soon" rule; early, on time or late.
Pure (see `working_time`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from motcua.calendar.working_time import (
    _US_PER_MINUTE,
    WorkingCalendar,
    _DayIndex,
    _local,
    add_working_minutes,
)

# "Due soon" = due within 24 h (DOMAIN.md); see `due_soon_until` for the working-day reading.
_DUE_SOON_CLOCK = timedelta(hours=24)


class Remaining(NamedTuple):  # a tuple: built twenty times for a page of work, a frozen dataclass costs more
    minutes: int
    is_overdue: bool
    is_due_soon: bool
    text_vi: str
    text_en: str


def format_working_duration(cal: WorkingCalendar, minutes: int, *, lang: Literal["vi", "en"]) -> str:
    """``2 ngày 3 giờ`` / ``2 days 3 hours``: days of ``hours_per_working_day``; the two largest units only
    (days and hours from one day up, otherwise hours and minutes), truncated, never rounded up. The sign is
    ignored: the caller says "left" or "late"."""
    vi, en = _duration_texts(cal.hours_per_working_day * 60, minutes)
    return vi if lang == "vi" else en


def _duration_texts(day_minutes: int, minutes: int) -> tuple[str, str]:
    days, rest = divmod(abs(minutes), day_minutes)
    hours, mins = divmod(rest, 60)
    # From one day up the minutes are not shown: every minute of those days reads the same.
    return _duration_words(days, hours, 0 if days else mins)


@lru_cache(maxsize=4096)  # a page of work shows twenty of these; most read "n ngày m giờ"
def _duration_words(days: int, hours: int, mins: int) -> tuple[str, str]:
    parts: list[tuple[int, str, str]] = []
    if days:
        parts.append((days, "ngày", "day"))
        if hours:
            parts.append((hours, "giờ", "hour"))
    else:
        if hours:
            parts.append((hours, "giờ", "hour"))
        if mins or not hours:
            parts.append((mins, "phút", "minute"))
    vi = " ".join(f"{n} {word}" for n, word, _ in parts)
    en = " ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, _, word in parts)
    return vi, en


# ----------------------------------------------------------------------
# Remaining time and punctuality
# ----------------------------------------------------------------------


def due_soon_until(cal: WorkingCalendar, now: datetime) -> datetime:
    """Due times from `now` up to this moment are "due soon", past ones "overdue": the one definition, for the
    badge (`Countdown`), the lists' filters and counts, the board and the reminder job.

    DOMAIN.md: due within 24 h. Read as: within 24 clock hours, or with at most one working day
    (``hours_per_working_day``) of working time left, whichever reaches further: without the second reading a
    dossier due Monday 08:00 would only turn "due soon" on Sunday morning, after the weekend it needed.
    """
    working_day = add_working_minutes(cal, now, cal.hours_per_working_day * 60)
    return max(now + _DUE_SOON_CLOCK, working_day)


def remaining(cal: WorkingCalendar, *, now: datetime, due_at: datetime) -> Remaining:
    """Working time left until ``due_at`` (negative when late), for display next to the absolute due time."""
    return Countdown(cal, now)(due_at)


class Countdown:
    """`remaining` to many due times from one moment (a page of work lists twenty): the moment is converted
    and placed on the calendar once, not once per due time."""

    __slots__ = ("_cal", "_day", "_day_minutes", "_index", "_now", "_soon", "_w_now")

    def __init__(self, cal: WorkingCalendar, now: datetime) -> None:
        self._cal = cal
        self._now = _local(now, "now")
        self._day = self._now.date()
        self._day_minutes = cal.hours_per_working_day * 60
        self._index: _DayIndex | None = None
        self._w_now = 0
        self._soon = due_soon_until(cal, now)

    def __call__(self, due_at: datetime) -> Remaining:
        now, due = self._now, _local(due_at, "due_at")
        day = due.date()
        index = self._cal._index(min(self._day, day), max(self._day, day))
        if index is not self._index:  # coordinates are only comparable within one index
            self._index, self._w_now = index, index.w(now)
        diff = index.w(due) - self._w_now
        minutes = (
            diff // _US_PER_MINUTE if diff >= 0 else -(-diff // _US_PER_MINUTE)
        )  # as working_minutes_between
        is_overdue = now > due
        is_due_soon = not is_overdue and due <= self._soon
        vi, en = _duration_texts(self._day_minutes, minutes)
        if is_overdue:
            if minutes <= -1:
                text_vi, text_en = f"trễ {vi}", f"late by {en}"
            else:
                # Past the due moment but not yet a working minute late (the evening after a 17:00 due time).
                text_vi, text_en = "đã quá hạn", "overdue"
        elif minutes == 0:
            text_vi, text_en = "đến hạn", "due now"
        else:
            text_vi, text_en = f"còn {vi}", f"{en} left"
        return Remaining(minutes, is_overdue, is_due_soon, text_vi, text_en)


def punctuality(*, finished_at: datetime, due_at: datetime) -> Literal["early", "on_time", "late"]:
    """Early / on time / late at date level in local time (DOMAIN.md, process control sheet form 06):
    finishing later on the due date itself is on time."""
    finished = _local(finished_at, "finished_at").date()
    due = _local(due_at, "due_at").date()
    if finished < due:
        return "early"
    if finished == due:
        return "on_time"
    return "late"
