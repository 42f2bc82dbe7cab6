"""The working-time engine: pure arithmetic on a center's working calendar, no database, no web framework.

Every deadline of the product comes from here (`due.compute_due`), and every "how long is left" from
`countdown`: given when a dossier was received, its legal processing time and the center's legal working
week (Monday to Friday, Decision 188/1999/QĐ-TTg; minus days off, plus make-up working days), when is it due,
and how much working time is left?

Precision: all arithmetic is done in whole microseconds of working time, so results are exact for any input
datetime (seconds are kept, never rounded). The public API speaks in whole working minutes:
``add_working_minutes`` adds exactly ``minutes * 60`` seconds of working time, and ``working_minutes_between``
truncates toward zero, which keeps it antisymmetric and makes
``working_minutes_between(s, add_working_minutes(s, m)) == m`` hold for every start ``s``.

Speed: the calendar lazily builds a per-day prefix sum of working time (one entry per calendar day), so
adding 90 working days or measuring the time between two moments is a binary search, not a loop.

Wall-clock arithmetic is safe because Asia/Ho_Chi_Minh has had a fixed UTC+7 offset without daylight
saving time since 1975: a local wall-clock difference equals the elapsed time.

`due` and `countdown` (the same package) use this module's underscored helpers: they are the package's own.
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

from motcua.core.time import LOCAL_TZ

_US_PER_SECOND = 1_000_000
_US_PER_MINUTE = 60 * _US_PER_SECOND
# How far around the requested dates a new day index reaches: a working-day deadline (90 working days at most
# in the catalog) usually fits, so one request on a fresh calendar builds it once; it grows on demand.
_INDEX_MARGIN_BEFORE_DAYS = 31
_INDEX_MARGIN_AFTER_DAYS = 186
# No operation needs more than 50 years of days; the cap bounds the index's memory (a few MB) on bad input.
_MAX_INDEX_DAYS = 50 * 366
_LAST_ORDINAL = date.max.toordinal()

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
