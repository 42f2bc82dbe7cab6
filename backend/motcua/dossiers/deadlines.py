"""Working-time deadline engine: pure arithmetic, no database, no web framework.

Everything here answers one question exactly and explainably: given when a dossier was received, its legal
processing time and the center's working calendar, when is it due, and how much working time is left?

Precision: all arithmetic is done in whole microseconds of working time, so results are exact for any input
datetime (seconds are kept, never rounded). The public API speaks in whole working minutes:
``add_working_minutes`` adds exactly ``minutes * 60`` seconds of working time, and ``working_minutes_between``
truncates toward zero, which keeps it antisymmetric and makes
``working_minutes_between(s, add_working_minutes(s, m)) == m`` hold for every start ``s``.

Speed: the calendar lazily builds a per-day prefix sum of working time (one entry per calendar day), so
adding 90 working days or measuring the time between two moments is a binary search, not a loop.

Wall-clock arithmetic is safe because Asia/Ho_Chi_Minh has had a fixed UTC+7 offset without daylight
saving time since 1975: a local wall-clock difference equals the elapsed time.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_US_PER_SECOND = 1_000_000
_US_PER_MINUTE = 60 * _US_PER_SECOND
# How far around the requested dates a new day index reaches: a working-day deadline (90 working days at most
# in the catalog) usually fits, so one request on a fresh calendar builds it once; it grows on demand.
_INDEX_MARGIN_BEFORE_DAYS = 31
_INDEX_MARGIN_AFTER_DAYS = 186
# No operation needs more than 50 years of days; the cap bounds the index's memory (a few MB) on bad input.
_MAX_INDEX_DAYS = 50 * 366
_LAST_ORDINAL = date.max.toordinal()
# "Due soon" = due within 24 h (DOMAIN.md); see remaining() for the working-day reading.
_DUE_SOON_CLOCK = timedelta(hours=24)

Interval = tuple[time, time]

_WEEKDAY_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKEND = frozenset({5, 6})


class DurationUnit(StrEnum):
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    SAME_DAY = "same_day"


class ExplanationKind(StrEnum):
    """Values of ``Explanation.kind`` (a StrEnum, so each value is also a plain ``str``)."""

    START_MOVED = "start_moved"
    WEEKEND = "weekend"
    DAY_OFF = "day_off"
    EXTRA_WORKING_DAY = "extra_working_day"
    PAUSE = "pause"
    SAME_DAY_CUTOFF = "same_day_cutoff"
    CALENDAR_DAYS = "calendar_days"
    MOVED_OFF_DAY_OFF = "moved_off_day_off"
    DUE = "due"


@dataclass(frozen=True)
class Explanation:
    kind: str
    day: date | None
    text: str  # Vietnamese
    text_en: str = ""  # the same in English (names of holidays stay as the calendar gives them)


@dataclass(frozen=True)
class DueResult:
    due_at: datetime
    explanation: tuple[Explanation, ...]


class Remaining(NamedTuple):  # a tuple: built twenty times for a page of work, a frozen dataclass costs more
    minutes: int
    is_overdue: bool
    is_due_soon: bool
    text_vi: str
    text_en: str


# ----------------------------------------------------------------------
# Calendar
# ----------------------------------------------------------------------

_UsIntervals = tuple[tuple[int, int], ...]


def _time_us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US_PER_SECOND + t.microsecond


def _check_intervals(intervals: Sequence[Interval], where: str) -> tuple[Interval, ...]:
    result = tuple((start, end) for start, end in intervals)
    previous_end: time | None = None
    for start, end in result:
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError(f"{where}: working hours are local wall-clock times, without tzinfo")
        if not start < end:
            raise ValueError(f"{where}: interval {start}–{end} is empty or reversed")
        if previous_end is not None and start < previous_end:
            raise ValueError(f"{where}: intervals must be ordered and must not overlap")
        previous_end = end
    return result


def _check_dates(mapping: Mapping[date, str], where: str) -> Mapping[date, str]:
    for day in mapping:
        # A datetime is a date subclass but never equals a date key: reject it instead of silently missing it.
        if isinstance(day, datetime) or not isinstance(day, date):
            raise ValueError(f"{where}: keys must be dates, got {day!r}")
    # Copied and read-only: the day index is cached per calendar, so the calendar must not change under it.
    # An edited calendar is a new WorkingCalendar instance, hence a fresh index (no stale-calendar bug).
    return MappingProxyType(dict(mapping))


class _IndexHolder:
    """Mutable cache slot inside the frozen calendar; swapped atomically (one attribute assignment)."""

    __slots__ = ("extra_us", "index", "weekly_us")

    def __init__(self) -> None:
        self.index: _DayIndex | None = None
        self.weekly_us: dict[int, _UsIntervals] = {}
        self.extra_us: _UsIntervals = ()


@dataclass(frozen=True)
class WorkingCalendar:
    """A center's working time: weekly hours, days off and make-up working days.

    ``days_off`` wins over everything (Labour Code 2019 art. 112 holidays, observed days, government swaps,
    any day off the administrator adds), also over ``extra_working_days`` if a date is in both.
    ``extra_working_days`` (make-up Saturdays of a government swap) work ``extra_day_hours``.
    """

    weekly: Mapping[int, tuple[Interval, ...]]
    days_off: Mapping[date, str]
    extra_working_days: Mapping[date, str]
    extra_day_hours: tuple[Interval, ...] = ((time(7), time(11, 30)), (time(13, 30), time(17)))
    same_day_cutoff: time = time(15, 0)
    hours_per_working_day: int = 8
    _cache: _IndexHolder = field(
        default_factory=_IndexHolder, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        weekly: dict[int, tuple[Interval, ...]] = {}
        for weekday, intervals in self.weekly.items():
            if weekday not in range(7):
                raise ValueError(f"weekly: weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}")
            weekly[weekday] = _check_intervals(intervals, f"weekly[{weekday}]")
        if not any(weekly.values()):
            # Without any weekly working time, adding working time would never terminate.
            raise ValueError("weekly: at least one weekday must have working hours")
        extra_day_hours = _check_intervals(self.extra_day_hours, "extra_day_hours")
        if not extra_day_hours:
            raise ValueError("extra_day_hours: an extra working day needs working hours")
        if self.same_day_cutoff.tzinfo is not None:
            raise ValueError("same_day_cutoff: a local wall-clock time, without tzinfo")
        if isinstance(self.hours_per_working_day, bool) or self.hours_per_working_day <= 0:
            raise ValueError("hours_per_working_day must be a positive number of hours")
        object.__setattr__(self, "weekly", MappingProxyType(weekly))
        object.__setattr__(self, "extra_day_hours", extra_day_hours)
        object.__setattr__(self, "days_off", _check_dates(self.days_off, "days_off"))
        object.__setattr__(
            self, "extra_working_days", _check_dates(self.extra_working_days, "extra_working_days")
        )
        self._cache.weekly_us = {
            weekday: tuple((_time_us(s), _time_us(e)) for s, e in intervals)
            for weekday, intervals in weekly.items()
        }
        self._cache.extra_us = tuple((_time_us(s), _time_us(e)) for s, e in extra_day_hours)

    @classmethod
    def default(
        cls,
        days_off: Mapping[date, str] | None = None,
        extra_working_days: Mapping[date, str] | None = None,
    ) -> WorkingCalendar:
        """Monday–Friday 07:00–11:30 and 13:30–17:00: the common commune hours (DOMAIN.md, configurable)."""
        day = ((time(7), time(11, 30)), (time(13, 30), time(17)))
        return cls(
            weekly=dict.fromkeys(range(5), day),
            days_off=days_off or {},
            extra_working_days=extra_working_days or {},
        )

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        if day in self.days_off:
            return ()
        if day in self.extra_working_days:
            return self.extra_day_hours
        return self.weekly.get(day.weekday(), ())

    def is_working_day(self, day: date) -> bool:
        return bool(self.intervals_on(day))

    def _index(self, first: date, last: date) -> _DayIndex:
        """Day index covering at least ``first``..``last``; call once per operation, before computing any
        working-time coordinate (a backward extension changes the origin of the coordinates)."""
        index = self._cache.index
        lo, hi = first.toordinal(), last.toordinal()
        if index is not None and index.lo <= lo and hi < index.hi:
            return index
        if hi - lo > _MAX_INDEX_DAYS:
            raise ValueError(f"dates too far apart for working-time arithmetic: {first} – {last}")
        new_lo, new_hi = lo - _INDEX_MARGIN_BEFORE_DAYS, hi + _INDEX_MARGIN_AFTER_DAYS
        # Grow the cached index to cover both ranges, at least doubling it so that dates arriving in order (a
        # legacy import) cost amortized constant time. A stray far-away date (a typo in imported data) that
        # would make it huge gets its own index instead.
        if index is not None and max(new_hi, index.hi) - min(new_lo, index.lo) <= _MAX_INDEX_DAYS:
            span = index.hi - index.lo
            if new_lo < index.lo:
                new_lo = min(new_lo, index.lo - span)
            if new_hi > index.hi:
                new_hi = max(new_hi, index.hi + span)
            new_lo, new_hi = min(new_lo, index.lo), max(new_hi, index.hi)
        index = _DayIndex.build(self, max(1, new_lo), min(_LAST_ORDINAL, new_hi))
        self._cache.index = index
        return index

    def _index_reaching(self, index: _DayIndex, w: int) -> _DayIndex:
        """Extend ``index`` forward (same origin, so coordinates stay valid) until working coordinate ``w``
        lies strictly inside it."""
        while index.cum[-1] <= w:
            span = index.hi - index.lo
            new_hi = min(
                index.hi + max(span, _INDEX_MARGIN_AFTER_DAYS), index.lo + _MAX_INDEX_DAYS, _LAST_ORDINAL
            )
            if new_hi <= index.hi:
                raise ValueError("duration too long for working-time arithmetic")
            index = _DayIndex.build(self, index.lo, new_hi)
        current = self._cache.index
        if current is None or (current.lo == index.lo and current.hi < index.hi):
            self._cache.index = index
        return index


# ----------------------------------------------------------------------
# Day index: prefix sums of working time, plus the pre-rendered explanation of non-working days
# ----------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _date_text(ordinal: int) -> str:
    # Cached by ordinal: explanations repeat the same few dates, and formatting dominates their cost.
    day = date.fromordinal(ordinal)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _fmt_date(day: date) -> str:
    return _date_text(day.toordinal())


_HHMM = tuple(f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60))


def _fmt_dt(moment: datetime) -> str:
    return f"{_HHMM[moment.hour * 60 + moment.minute]} {_date_text(moment.toordinal())}"


def _fmt_range(first: date, last: date) -> str:
    if first == last:
        return _fmt_date(first)
    if first.year == last.year:
        return f"{first.day:02d}/{first.month:02d}–{_fmt_date(last)}"
    return f"{_fmt_date(first)}–{_fmt_date(last)}"


@dataclass(frozen=True)
class _Skip:
    """A run of non-working days: consecutive weekly days off grouped, or one named day off."""

    first: int
    last: int
    kind: ExplanationKind
    name: str  # the day off's name; empty for weekly days off (label derived from the dates)

    def explain(self, first: int, last: int) -> Explanation:
        """The explanation of the part of this run within ``first``..``last``."""
        first_day, last_day = date.fromordinal(max(first, self.first)), date.fromordinal(min(last, self.last))
        label_vi, label_en = (self.name, self.name) if self.name else _weekly_label(first_day, last_day)
        span = _fmt_range(first_day, last_day)
        return Explanation(self.kind, first_day, f"Bỏ qua {span}: {label_vi}", f"Skipped {span}: {label_en}")


def _length(intervals: _UsIntervals) -> int:
    return sum(end - start for start, end in intervals)


def _weekly_label(first: date, last: date) -> tuple[str, str]:
    if first == last:
        return _WEEKDAY_VI[first.weekday()], _WEEKDAY_EN[first.weekday()]
    days = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
    if all(day.weekday() in _WEEKEND for day in days):
        return "cuối tuần", "weekend"
    return "ngày nghỉ hằng tuần", "weekly days off"


class _DayIndex:
    """Days ``lo``..``hi - 1`` (ordinals). ``cum[i]`` is the working time (µs) before day ``lo + i``, so the
    working-time coordinate of a moment is ``cum[day] + worked so far that day``; ``cum`` has one more entry
    than there are days.

    Building is a plain loop over days; what is costly per item (explanation texts, result datetimes) is made
    on first use and cached, because the service builds a fresh calendar per request (edits apply at once)
    and then asks for one or two due dates only.
    """

    __slots__ = (
        "cum",
        "explained",
        "extra_explanations",
        "extra_ords",
        "hi",
        "intervals",
        "lo",
        "midnights",
        "skip_firsts",
        "skip_lasts",
        "skips",
    )

    def __init__(self, lo: int, hi: int) -> None:
        self.lo = lo
        self.hi = hi
        self.cum: list[int] = [0]
        self.intervals: list[_UsIntervals] = []
        self.midnights: dict[int, datetime] = {}  # day index -> local midnight, filled on use
        self.skips: list[_Skip] = []
        self.skip_firsts: list[int] = []
        self.skip_lasts: list[int] = []
        self.explained: dict[int, Explanation] = {}  # skip index -> explanation of the whole run, on use
        self.extra_ords: list[int] = []
        self.extra_explanations: list[Explanation] = []

    @staticmethod
    def build(cal: WorkingCalendar, lo: int, hi: int) -> _DayIndex:
        index = _DayIndex(lo, hi)
        total = 0
        run_first: int | None = None  # first day of the current run of weekly days off
        days_off, extra_days = cal.days_off, cal.extra_working_days
        weekly = [cal._cache.weekly_us.get(weekday, ()) for weekday in range(7)]
        weekly_length = [_length(intervals) for intervals in weekly]
        extra, extra_length = cal._cache.extra_us, _length(cal._cache.extra_us)
        append_intervals, append_cum = index.intervals.append, index.cum.append
        append_skip = index.skips.append
        intervals: _UsIntervals
        for ordinal in range(lo, hi):
            day = date.fromordinal(ordinal)
            if day in days_off:
                if run_first is not None:
                    append_skip(_Skip(run_first, ordinal - 1, ExplanationKind.WEEKEND, ""))
                    run_first = None
                append_skip(_Skip(ordinal, ordinal, ExplanationKind.DAY_OFF, days_off[day]))
                append_intervals(())
                append_cum(total)
                continue
            if day in extra_days:
                intervals, length = extra, extra_length
                index.extra_ords.append(ordinal)
                text = f"Làm việc {_fmt_date(day)} ({_WEEKDAY_VI[day.weekday()]}): {extra_days[day]}"
                text_en = f"Working day {_fmt_date(day)} ({_WEEKDAY_EN[day.weekday()]}): {extra_days[day]}"
                index.extra_explanations.append(
                    Explanation(ExplanationKind.EXTRA_WORKING_DAY, day, text, text_en)
                )
            else:
                weekday = day.weekday()
                intervals, length = weekly[weekday], weekly_length[weekday]
            append_intervals(intervals)
            total += length
            append_cum(total)
            if not intervals:
                if run_first is None:
                    run_first = ordinal
            elif run_first is not None:
                append_skip(_Skip(run_first, ordinal - 1, ExplanationKind.WEEKEND, ""))
                run_first = None
        if run_first is not None:
            append_skip(_Skip(run_first, hi - 1, ExplanationKind.WEEKEND, ""))
        index.skip_firsts = [skip.first for skip in index.skips]
        index.skip_lasts = [skip.last for skip in index.skips]
        return index

    def day_intervals(self, day: date) -> _UsIntervals:
        return self.intervals[day.toordinal() - self.lo]

    def closing_w(self, day: date) -> int:
        """Working coordinate of a working day's closing time: all of that day's working time is behind."""
        return self.cum[day.toordinal() - self.lo + 1]

    def is_working_moment(self, moment: datetime) -> bool:
        tod = ((moment.hour * 60 + moment.minute) * 60 + moment.second) * _US_PER_SECOND + moment.microsecond
        return any(start <= tod < end for start, end in self.intervals[moment.toordinal() - self.lo])

    def w(self, moment: datetime) -> int:
        """Working-time coordinate (µs) of a local moment: constant over non-working time."""
        i = moment.toordinal() - self.lo
        tod = ((moment.hour * 60 + moment.minute) * 60 + moment.second) * _US_PER_SECOND + moment.microsecond
        w = self.cum[i]
        for start, end in self.intervals[i]:
            if tod <= start:
                break
            w += (tod if tod < end else end) - start
        return w

    def moment(self, w: int, *, at_end: bool) -> datetime:
        """The local moment of working coordinate ``w``. Where ``w`` is both the end of one working interval
        and the start of the next (11:30 and 13:30, Friday 17:00 and Monday 07:00), ``at_end`` picks the end:
        a period that runs out exactly at closing time ends at closing time, whereas counting starts at the
        opening of the next interval."""
        i = (bisect.bisect_left if at_end else bisect.bisect_right)(self.cum, w) - 1
        if i < 0 or i >= len(self.intervals):
            raise ValueError("working time outside the calendar index")  # defensive: callers extend first
        rest = w - self.cum[i]
        offset = 0
        for start, end in self.intervals[i]:
            length = end - start
            if rest < length or (at_end and rest == length):
                offset = start + rest
                break
            rest -= length
        midnight = self.midnights.get(i)
        if midnight is None:
            day = date.fromordinal(self.lo + i)
            midnight = self.midnights[i] = datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ)
        return midnight + timedelta(microseconds=offset)

    def skipped(self, first: date, last: date) -> list[Explanation]:
        """Explanations of the non-working days within ``first``..``last``, runs clipped to that range."""
        lo, hi = first.toordinal(), last.toordinal()
        start = bisect.bisect_left(self.skip_lasts, lo)
        stop = bisect.bisect_right(self.skip_firsts, hi)
        notes: list[Explanation] = []
        explained, skips = self.explained, self.skips
        for j in range(start, stop):
            skip = skips[j]
            if skip.first < lo or skip.last > hi:  # only the first and the last run can stick out
                notes.append(skip.explain(lo, hi))
                continue
            note = explained.get(j)
            if note is None:
                note = explained[j] = skip.explain(skip.first, skip.last)
            notes.append(note)
        return notes

    def extras(self, first: date, last: date) -> list[Explanation]:
        start = bisect.bisect_left(self.extra_ords, first.toordinal())
        stop = bisect.bisect_right(self.extra_ords, last.toordinal())
        return self.extra_explanations[start:stop]


# ----------------------------------------------------------------------
# Working-time primitives
# ----------------------------------------------------------------------


def _local(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {moment!r}")
    return moment.astimezone(LOCAL_TZ)


def next_working_moment(cal: WorkingCalendar, moment: datetime) -> datetime:
    """The moment counting starts (DOMAIN.md): the moment itself during working hours; before opening →
    opening; during lunch → the afternoon opening; after closing, on a weekend or a day off → the next working
    day's opening."""
    local = _local(moment, "moment")
    index = cal._index(local.date(), local.date())
    w = index.w(local)
    return cal._index_reaching(index, w).moment(w, at_end=False)


def add_working_minutes(cal: WorkingCalendar, start: datetime, minutes: int) -> datetime:
    """``start`` plus exactly ``minutes`` of working time. Zero minutes gives ``next_working_moment``; time
    that runs out exactly at a closing time gives that closing time (not the next opening)."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TypeError("minutes must be an int")
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    local = _local(start, "start")
    index = cal._index(local.date(), local.date())
    target = index.w(local) + minutes * _US_PER_MINUTE
    return cal._index_reaching(index, target).moment(target, at_end=minutes > 0)


def working_minutes_between(cal: WorkingCalendar, start: datetime, end: datetime) -> int:
    """Whole working minutes in ``[start, end)``; negative if ``end`` is before ``start``. Truncated toward
    zero so that swapping the arguments only flips the sign."""
    a, b = _local(start, "start"), _local(end, "end")
    index = cal._index(min(a, b).date(), max(a, b).date())
    diff = index.w(b) - index.w(a)
    return diff // _US_PER_MINUTE if diff >= 0 else -(-diff // _US_PER_MINUTE)


# ----------------------------------------------------------------------
# Durations
# ----------------------------------------------------------------------


def _to_decimal(amount: Decimal | int | float) -> Decimal:
    if isinstance(amount, bool):
        raise ValueError("amount must be a number, not a bool")
    try:
        # str() first: a float such as 0.1 means the decimal 0.1 a person typed, not its binary approximation.
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError(f"amount is not a number: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"amount must be finite, got {amount!r}")
    if value < 0:
        raise ValueError(f"amount must not be negative, got {amount!r}")
    return value


def working_minutes_for(cal: WorkingCalendar, amount: Decimal | int | float, unit: DurationUnit) -> int:
    """A working-hours or working-days duration in working minutes, rounded half up to the minute.

    One legal working day is ``hours_per_working_day`` (8) hours, hour-precise: 21.5 days = 172 h, whatever
    the length of the days the period actually crosses (a Saturday-morning half day counts its own hours).
    """
    if unit is DurationUnit.WORKING_HOURS:
        per_unit = 60
    elif unit is DurationUnit.WORKING_DAYS:
        per_unit = cal.hours_per_working_day * 60
    else:
        raise ValueError(f"{unit} is not measured in working minutes")
    if type(amount) is int:  # the common case, kept off the slower Decimal path
        if amount < 0:
            raise ValueError(f"amount must not be negative, got {amount!r}")
        return amount * per_unit
    minutes = _to_decimal(amount) * per_unit
    return int(minutes.to_integral_value(rounding=ROUND_HALF_UP))


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
# Due date
# ----------------------------------------------------------------------


def _next_working_day(index: _DayIndex, day: date) -> date:
    """The first working day after ``day`` (day-level loop: at most the length of a run of days off)."""
    ordinal = day.toordinal() + 1
    while True:
        i = ordinal - index.lo
        if i >= len(index.intervals):
            raise ValueError("working day outside the calendar index")  # defensive: callers cover a margin
        if index.intervals[i]:
            return date.fromordinal(ordinal)
        ordinal += 1


_START_REASONS_EN = {
    "ngày nghỉ": "a day off",
    "trước giờ làm việc": "before working hours",
    "sau giờ làm việc": "after working hours",
    "ngoài giờ làm việc, nghỉ giữa ca": "outside working hours, during the break",
}


def _start_reason(intervals: _UsIntervals, local: datetime) -> str:
    if not intervals:
        return "ngày nghỉ"
    tod = _time_us(local.time())
    if tod < intervals[0][0]:
        return "trước giờ làm việc"
    if tod >= intervals[-1][1]:
        return "sau giờ làm việc"
    return "ngoài giờ làm việc, nghỉ giữa ca"


def _merged_pauses(
    pauses: Sequence[tuple[datetime, datetime | None]], start: datetime
) -> list[tuple[datetime, datetime]]:
    spans: list[tuple[datetime, datetime]] = []
    for pause_start, pause_end in pauses:
        if pause_end is None:
            # An open pause has no end yet: the caller decides what "now" is (e.g. end=now for a live view).
            raise ValueError("open pause (end is None): pass the resubmission time, or now for a live view")
        p0, p1 = _local(pause_start, "pause start"), _local(pause_end, "pause end")
        if p1 < p0:
            raise ValueError(f"pause ends before it starts: {pause_start} – {pause_end}")
        # Only the clock from receipt on can be paused: time before the start has nothing to pause.
        p0 = max(p0, start)
        if p1 > p0:
            spans.append((p0, p1))
    spans.sort()
    merged: list[tuple[datetime, datetime]] = []
    for p0, p1 in spans:
        if merged and p0 <= merged[-1][1]:
            # Overlapping or touching pauses are one pause: the same working minute is never counted twice.
            if p1 > merged[-1][1]:
                merged[-1] = (merged[-1][0], p1)
        else:
            merged.append((p0, p1))
    return merged


def compute_due(
    cal: WorkingCalendar,
    *,
    start: datetime,
    amount: Decimal | int | float | None,
    unit: DurationUnit,
    pauses: Sequence[tuple[datetime, datetime | None]] = (),
) -> DueResult:
    """The due moment of a dossier received at ``start``, with a short Vietnamese explanation.

    ``amount`` None raises ValueError (an unknown duration is the caller's to handle), except for SAME_DAY
    where the amount is ignored. Negative amounts raise ValueError.

    Pauses (supplement requests, form 02 of Circular 01/2018/TT-VPCP) stop the clock: the due moment moves by
    the working time each pause covers; pauses are merged first so overlaps count once, and a weekend inside a
    pause adds nothing because it holds no working time. A pause counts only while the clock is still running:
    it must start before the due moment as already extended by the earlier pauses (taken in order), else the
    dossier was already late when it was paused and the pause adds nothing. A pause that started before the
    due moment counts in full, even past the original due moment, because the clock was stopped throughout.
    Open pauses (end None) raise ValueError: pass ``now`` as the end for a live view.

    The explanation lists, in order: why counting started later (or the same-day cut-off decision, or the
    calendar-day period), the non-working days from the receipt date to the due date (consecutive weekly days
    off as one entry, each named day off on its own) and the make-up working days used, the pauses, the due
    moment.
    """
    if type(unit) is not DurationUnit:
        unit = DurationUnit(unit)
    total = period_days = 0
    if unit is not DurationUnit.SAME_DAY:
        if amount is None:
            raise ValueError("amount is required (None means the duration is unknown)")
        if unit is DurationUnit.CALENDAR_DAYS:
            period_days = _whole_days(_to_decimal(amount))
        else:
            total = working_minutes_for(cal, amount, unit) * _US_PER_MINUTE
    local = _local(start, "start")
    merged = _merged_pauses(pauses, local)
    last_seen = max(merged[-1][1], local).date() if merged else local.date()
    if period_days:
        last_seen = max(last_seen, local.date() + timedelta(days=period_days))
    index = cal._index(local.date(), last_seen)
    ws = index.w(local)
    index = cal._index_reaching(index, ws + total)
    head: list[Explanation] = []

    if unit is DurationUnit.SAME_DAY:
        due_w, count_from = _same_day(cal, index, local, head)
    elif unit is DurationUnit.CALENDAR_DAYS:
        due_w, count_from = _calendar_days(index, local, period_days, head)
    else:
        if not index.is_working_moment(local):
            effective = index.moment(ws, at_end=False)
            reason = _start_reason(index.day_intervals(local.date()), local)
            head.append(
                Explanation(
                    ExplanationKind.START_MOVED,
                    effective.date(),
                    f"Nhận lúc {_fmt_dt(local)} ({reason}): bắt đầu tính từ {_fmt_dt(effective)}",
                    f"Received at {_fmt_dt(local)} ({_START_REASONS_EN.get(reason, reason)}): "
                    f"counting starts at {_fmt_dt(effective)}",
                )
            )
        due_w, count_from = ws + total, local.date()

    pause_notes: list[Explanation] = []
    for p0, p1 in merged:
        w0, w1 = max(index.w(p0), ws), index.w(p1)
        span = f"Tạm dừng {_fmt_dt(p0)} – {_fmt_dt(p1)}"
        span_en = f"Paused {_fmt_dt(p0)} – {_fmt_dt(p1)}"
        if w1 <= w0:
            text = f"{span}: không có thời gian làm việc, không cộng thêm"
            text_en = f"{span_en}: no working time, nothing added"
        elif w0 < due_w:
            due_w += w1 - w0
            minutes = (w1 - w0) // _US_PER_MINUTE
            text = f"{span}: cộng thêm {format_working_duration(cal, minutes, lang='vi')} làm việc"
            text_en = f"{span_en}: {format_working_duration(cal, minutes, lang='en')} of working time added"
        else:
            text = f"{span}: bắt đầu sau hạn, không cộng thêm"
            text_en = f"{span_en}: began after the due time, nothing added"
        pause_notes.append(Explanation(ExplanationKind.PAUSE, p0.date(), text, text_en))

    index = cal._index_reaching(index, due_w)
    due_at = index.moment(due_w, at_end=due_w > ws)
    notes = index.skipped(count_from, due_at.date())
    extras = index.extras(index.moment(ws, at_end=False).date(), due_at.date()) if index.extra_ords else []
    if extras:
        notes = sorted([*notes, *extras], key=lambda note: note.day or date.min)
    due_note = Explanation(
        ExplanationKind.DUE,
        due_at.date(),
        f"Hạn trả kết quả: {_fmt_dt(due_at)} ({_WEEKDAY_VI[due_at.weekday()]})",
        f"Due: {_fmt_dt(due_at)} ({_WEEKDAY_EN[due_at.weekday()]})",
    )
    return DueResult(due_at=due_at, explanation=(*head, *notes, *pause_notes, due_note))


def _same_day(
    cal: WorkingCalendar, index: _DayIndex, local: datetime, head: list[Explanation]
) -> tuple[int, date]:
    # Decree 61/2018/NĐ-CP and Circular 01/2018/TT-VPCP: a same-day dossier received after 15:00 gets its
    # result on the next working day; a receipt at 15:00 exactly is still "by 15:00" (cut-off configurable).
    day = local.date()
    intervals = index.day_intervals(day)
    received = _fmt_dt(local)
    cutoff = f"{cal.same_day_cutoff.hour:02d}:{cal.same_day_cutoff.minute:02d}"
    if intervals and local.time() <= cal.same_day_cutoff and _time_us(local.time()) < intervals[-1][1]:
        due_day, text = day, f"Nhận lúc {received}, không muộn hơn {cutoff}: trả kết quả trong ngày"
        text_en = f"Received at {received}, not after {cutoff}: result the same day"
    else:
        due_day = _next_working_day(index, day)
        if not intervals:
            why, why_en = "ngày nghỉ", "a day off"
        elif local.time() > cal.same_day_cutoff:
            why, why_en = f"sau {cutoff}", f"after {cutoff}"
        else:
            why, why_en = "sau giờ làm việc", "after working hours"
        text = f"Nhận lúc {received} ({why}): trả kết quả trong ngày làm việc tiếp theo {_fmt_date(due_day)}"
        text_en = f"Received at {received} ({why_en}): result on the next working day, {_fmt_date(due_day)}"
    head.append(Explanation(ExplanationKind.SAME_DAY_CUTOFF, day, text, text_en))
    return index.closing_w(due_day), day


def _whole_days(amount: Decimal) -> int:
    if amount != amount.to_integral_value():
        raise ValueError(f"a period in calendar days must be whole, got {amount}")
    return int(amount)


def _calendar_days(index: _DayIndex, local: datetime, days: int, head: list[Explanation]) -> tuple[int, date]:
    received = local.date()
    # Civil Code 2015 art. 147: the day of the event is not counted, so n days from the 23rd end on 23rd + n.
    last_day = received + timedelta(days=days)
    # Art. 148(1): a period in days ends at the end of its last day. Art. 148(6) puts that end at 24:00, but a
    # result can only be handed over during working hours, so the appointment is the closing time of that
    # day's last working interval.
    due_day = last_day
    # Only with 0 days can the last day's closing time be already past when the dossier is received.
    while not index.day_intervals(due_day) or index.closing_w(due_day) <= index.w(local):
        due_day = _next_working_day(index, due_day)
    head.append(
        Explanation(
            ExplanationKind.CALENDAR_DAYS,
            last_day,
            f"Thời hạn {days} ngày kể từ ngày {_fmt_date(received)} (không tính ngày nhận): "
            f"ngày cuối cùng {_fmt_date(last_day)}",
            f"{days} days from {_fmt_date(received)} (the day of receipt not counted): "
            f"last day {_fmt_date(last_day)}",
        )
    )
    count_from = received
    if due_day != last_day:
        # Art. 148(5): when the last day is a weekly rest day or a holiday, the period ends at the end of the
        # next working day after it.
        off = not index.day_intervals(last_day)
        why = "là ngày nghỉ" if off else "đã hết giờ làm việc khi nhận"
        why_en = "is a day off" if off else "was over when the dossier was received"
        head.append(
            Explanation(
                ExplanationKind.MOVED_OFF_DAY_OFF,
                due_day,
                f"Ngày cuối cùng {_fmt_date(last_day)} {why}: hạn chuyển sang cuối ngày làm việc tiếp "
                f"theo {_fmt_date(due_day)} (Bộ luật Dân sự 2015, Điều 148)",
                f"The last day {_fmt_date(last_day)} {why_en}: the period ends at the end of the next working "
                f"day, {_fmt_date(due_day)} (Civil Code 2015, art. 148)",
            )
        )
        count_from = last_day
    return index.closing_w(due_day), count_from


# ----------------------------------------------------------------------
# Remaining time and punctuality
# ----------------------------------------------------------------------


def remaining(cal: WorkingCalendar, *, now: datetime, due_at: datetime) -> Remaining:
    """Working time left until ``due_at`` (negative when late), for display next to the absolute due time.

    Overdue means past the due moment. "Due soon" (DOMAIN.md: due within 24 h) is read as: within 24 clock
    hours, or at most one working day (``hours_per_working_day``) of working time left, whichever comes first;
    without the second reading a dossier due Monday 08:00 would only turn "due soon" on Sunday morning.
    """
    return Countdown(cal, now)(due_at)


class Countdown:
    """`remaining` to many due times from one moment (a page of work lists twenty): the moment is converted
    and placed on the calendar once, not once per due time."""

    __slots__ = ("_cal", "_day", "_day_minutes", "_index", "_now", "_w_now")

    def __init__(self, cal: WorkingCalendar, now: datetime) -> None:
        self._cal = cal
        self._now = _local(now, "now")
        self._day = self._now.date()
        self._day_minutes = cal.hours_per_working_day * 60
        self._index: _DayIndex | None = None
        self._w_now = 0

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
        is_due_soon = not is_overdue and (due - now <= _DUE_SOON_CLOCK or minutes <= self._day_minutes)
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
