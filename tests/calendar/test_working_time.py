"""Table-driven tests of the pure working-time deadline engine (motcua.dossiers.deadlines).

The reference calendar is Vietnam's 2025–2027 days off from the `holidays` package (Tết, Hung Kings' day and
its observed day, 30/4, 1/5, National Day, 24/11 from 2026, government swap days) plus the two make-up
Saturdays the package does not know about.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import holidays
import pytest

from motcua.calendar.countdown import Countdown, format_working_duration, punctuality, remaining
from motcua.calendar.due import DueResult, compute_due
from motcua.calendar.working_time import (
    DurationUnit,
    ExplanationKind,
    WorkingCalendar,
    add_working_minutes,
    next_working_moment,
    working_minutes_between,
    working_minutes_for,
)
from motcua.core.time import LOCAL_TZ

WD = DurationUnit.WORKING_DAYS
WH = DurationUnit.WORKING_HOURS
CD = DurationUnit.CALENDAR_DAYS
SD = DurationUnit.SAME_DAY

EXTRA_WORKING_DAYS = {
    date(2025, 4, 26): "Làm bù cho ngày 02/05/2025",
    date(2026, 8, 22): "Làm bù cho ngày 31/08/2026",
}
MORNING = (time(7), time(11, 30))
AFTERNOON = (time(13, 30), time(17))


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LOCAL_TZ)


def vn_calendar() -> WorkingCalendar:
    days_off = dict(holidays.country_holidays("VN", years=[2025, 2026, 2027], language="vi").items())
    return WorkingCalendar.default(days_off=days_off, extra_working_days=EXTRA_WORKING_DAYS)


def saturday_morning_calendar() -> WorkingCalendar:
    """Some police desks also receive on Saturday mornings (DOMAIN.md)."""
    weekly: dict[int, tuple[tuple[time, time], ...]] = dict.fromkeys(range(5), (MORNING, AFTERNOON))
    weekly[5] = (MORNING,)
    return WorkingCalendar(weekly=weekly, days_off={}, extra_working_days={})


CAL = vn_calendar()
SAT_CAL = saturday_morning_calendar()
PLAIN = WorkingCalendar.default()  # Monday–Friday, no days off at all


def due(
    start: datetime, amount: Decimal | int | float | None, unit: DurationUnit, **kwargs: object
) -> datetime:
    return compute_due(CAL, start=start, amount=amount, unit=unit, **kwargs).due_at  # type: ignore[arg-type]


def texts(result: DueResult) -> list[str]:
    return [note.text for note in result.explanation]


def kinds(result: DueResult) -> list[str]:
    return [note.kind for note in result.explanation]


# ----------------------------------------------------------------------
# Slow, obviously-correct reference implementation (day by day, interval by interval) for cross-checks
# ----------------------------------------------------------------------


def ref_add(cal: WorkingCalendar, start: datetime, minutes: int) -> datetime:
    start = start.astimezone(LOCAL_TZ)
    left = timedelta(minutes=minutes)
    day = start.date()
    while True:
        for open_, close in cal.intervals_on(day):
            begin = max(datetime.combine(day, open_, LOCAL_TZ), start)
            end = datetime.combine(day, close, LOCAL_TZ)
            if begin >= end:
                continue
            if minutes == 0:
                return begin
            if left <= end - begin:
                return begin + left
            left -= end - begin
        day += timedelta(days=1)


def ref_between(cal: WorkingCalendar, a: datetime, b: datetime) -> int:
    if b < a:
        return -ref_between(cal, b, a)
    a, b = a.astimezone(LOCAL_TZ), b.astimezone(LOCAL_TZ)
    total = timedelta()
    day = a.date()
    while day <= b.date():
        for open_, close in cal.intervals_on(day):
            begin = max(datetime.combine(day, open_, LOCAL_TZ), a)
            end = min(datetime.combine(day, close, LOCAL_TZ), b)
            if end > begin:
                total += end - begin
        day += timedelta(days=1)
    return int(total.total_seconds()) // 60


# ----------------------------------------------------------------------
# Calendar
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 3, 2), (MORNING, AFTERNOON), id="monday"),
        pytest.param(date(2026, 3, 7), (), id="saturday"),
        pytest.param(date(2026, 3, 8), (), id="sunday"),
        pytest.param(date(2026, 2, 17), (), id="tet-2026"),
        pytest.param(date(2026, 4, 27), (), id="hung-kings-observed-monday"),
        pytest.param(date(2026, 8, 31), (), id="swap-day-off-monday"),
        pytest.param(date(2026, 8, 22), (MORNING, AFTERNOON), id="make-up-saturday-2026"),
        pytest.param(date(2025, 4, 26), (MORNING, AFTERNOON), id="make-up-saturday-2025"),
        pytest.param(date(2026, 11, 24), (), id="culture-day-from-2026"),
        pytest.param(date(2025, 11, 24), (MORNING, AFTERNOON), id="no-culture-day-in-2025"),
        pytest.param(date(2027, 5, 3), (), id="labour-day-observed-2027"),
    ],
)
def test_intervals_on(day: date, expected: tuple[tuple[time, time], ...]) -> None:
    assert CAL.intervals_on(day) == expected
    assert CAL.is_working_day(day) is bool(expected)


def test_default_calendar_hours() -> None:
    assert PLAIN.weekly[0] == (MORNING, AFTERNOON)
    assert set(PLAIN.weekly) == {0, 1, 2, 3, 4}
    assert PLAIN.same_day_cutoff == time(15)
    assert PLAIN.hours_per_working_day == 8


def test_day_off_wins_over_extra_working_day() -> None:
    day = date(2026, 3, 7)
    cal = WorkingCalendar.default(days_off={day: "Nghỉ"}, extra_working_days={day: "Làm bù"})
    assert cal.intervals_on(day) == ()


def test_extra_working_day_on_a_weekday_uses_extra_hours() -> None:
    day = date(2026, 3, 4)
    cal = WorkingCalendar(
        weekly={0: ((time(8), time(12)),), 2: ((time(8), time(12)),)},
        days_off={},
        extra_working_days={day: "Trực"},
        extra_day_hours=((time(9), time(10)),),
    )
    assert cal.intervals_on(day) == ((time(9), time(10)),)


def test_calendar_copies_its_inputs() -> None:
    """Editing the admin's dict afterwards must not silently change (or desynchronise) a built calendar."""
    days_off: dict[date, str] = {}
    cal = WorkingCalendar.default(days_off=days_off)
    before = add_working_minutes(cal, at(2026, 3, 2, 7), 3 * 480)
    days_off[date(2026, 3, 3)] = "Nghỉ đột xuất"
    assert add_working_minutes(cal, at(2026, 3, 2, 7), 3 * 480) == before == at(2026, 3, 4, 17)
    edited = WorkingCalendar.default(days_off=days_off)
    assert add_working_minutes(edited, at(2026, 3, 2, 7), 3 * 480) == at(2026, 3, 5, 17)


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"weekly": {0: ((time(12), time(8)),)}}, id="reversed-interval"),
        pytest.param({"weekly": {0: ((time(8), time(8)),)}}, id="empty-interval"),
        pytest.param({"weekly": {0: ((time(8), time(12)), (time(11), time(14)))}}, id="overlap"),
        pytest.param({"weekly": {0: ((time(13), time(14)), (time(8), time(9)))}}, id="unordered"),
        pytest.param({"weekly": {7: ((time(8), time(12)),)}}, id="weekday-7"),
        pytest.param({"weekly": {}}, id="no-working-time"),
        pytest.param({"weekly": {0: ()}}, id="only-empty-days"),
        pytest.param(
            {"weekly": {0: ((time(8, tzinfo=UTC), time(12)),)}},
            id="aware-time",
        ),
        pytest.param({"hours_per_working_day": 0}, id="zero-hours-per-day"),
        pytest.param({"days_off": {datetime(2026, 1, 1): "x"}}, id="datetime-key"),
        pytest.param({"extra_day_hours": ()}, id="no-extra-day-hours"),
        pytest.param({"same_day_cutoff": time(15, tzinfo=UTC)}, id="aware-cutoff"),
    ],
)
def test_calendar_validation(kwargs: dict[str, object]) -> None:
    fields: dict[str, object] = {"weekly": {0: (MORNING,)}, "days_off": {}, "extra_working_days": {}}
    fields.update(kwargs)
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        WorkingCalendar(**fields)  # type: ignore[arg-type]


# ----------------------------------------------------------------------
# next_working_moment
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(at(2026, 3, 2, 6), at(2026, 3, 2, 7), id="before-opening"),
        pytest.param(at(2026, 3, 2, 7), at(2026, 3, 2, 7), id="opening-exact"),
        pytest.param(at(2026, 3, 2, 9, 15, 30), at(2026, 3, 2, 9, 15, 30), id="working-keeps-seconds"),
        pytest.param(at(2026, 3, 2, 11, 29, 59), at(2026, 3, 2, 11, 29, 59), id="last-second-of-morning"),
        pytest.param(at(2026, 3, 2, 11, 30), at(2026, 3, 2, 13, 30), id="lunch-start-exact"),
        pytest.param(at(2026, 3, 2, 12), at(2026, 3, 2, 13, 30), id="lunch"),
        pytest.param(at(2026, 3, 2, 13, 30), at(2026, 3, 2, 13, 30), id="afternoon-opening-exact"),
        pytest.param(at(2026, 3, 2, 16, 59), at(2026, 3, 2, 16, 59), id="before-closing"),
        pytest.param(at(2026, 3, 2, 17), at(2026, 3, 3, 7), id="closing-exact"),
        pytest.param(at(2026, 3, 6, 18), at(2026, 3, 9, 7), id="friday-evening"),
        pytest.param(at(2026, 3, 7, 10), at(2026, 3, 9, 7), id="saturday"),
        pytest.param(at(2026, 3, 8, 23, 59), at(2026, 3, 9, 7), id="sunday-night"),
        pytest.param(at(2026, 4, 30, 8), at(2026, 5, 4, 7), id="30-april-1-may-weekend"),
        pytest.param(at(2026, 2, 13, 17), at(2026, 2, 23, 7), id="tet-2026"),
        pytest.param(at(2025, 1, 24, 17), at(2025, 2, 3, 7), id="tet-2025"),
        pytest.param(at(2027, 2, 3, 17), at(2027, 2, 11, 7), id="tet-2027"),
        pytest.param(at(2025, 12, 31, 17, 30), at(2026, 1, 2, 7), id="new-year-2026"),
        pytest.param(at(2026, 12, 31, 17), at(2027, 1, 4, 7), id="new-year-2027"),
        pytest.param(at(2026, 8, 21, 17), at(2026, 8, 22, 7), id="make-up-saturday"),
        pytest.param(at(2025, 4, 25, 17), at(2025, 4, 26, 7), id="make-up-saturday-2025"),
        pytest.param(at(2026, 8, 22, 17), at(2026, 8, 24, 7), id="after-make-up-saturday"),
        pytest.param(datetime(2026, 3, 2, 0, 30, tzinfo=UTC), at(2026, 3, 2, 7, 30), id="utc-input"),
        pytest.param(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), at(2026, 3, 2, 7), id="utc-previous-day"),
    ],
)
def test_next_working_moment(moment: datetime, expected: datetime) -> None:
    result = next_working_moment(CAL, moment)
    assert result == expected
    assert result.tzinfo is LOCAL_TZ


# ----------------------------------------------------------------------
# add_working_minutes
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [
        pytest.param(at(2026, 3, 2, 7), 270, at(2026, 3, 2, 11, 30), id="ends-at-lunch-returns-11-30"),
        pytest.param(at(2026, 3, 2, 7), 271, at(2026, 3, 2, 13, 31), id="one-minute-past-lunch"),
        pytest.param(at(2026, 3, 2, 7), 480, at(2026, 3, 2, 17), id="ends-at-closing-returns-17-00"),
        pytest.param(at(2026, 3, 2, 7), 481, at(2026, 3, 3, 7, 1), id="next-morning"),
        pytest.param(at(2026, 3, 2, 11, 30), 60, at(2026, 3, 2, 14, 30), id="from-11-30"),
        pytest.param(at(2026, 3, 2, 12), 0, at(2026, 3, 2, 13, 30), id="zero-from-lunch"),
        pytest.param(at(2026, 3, 2, 17), 0, at(2026, 3, 3, 7), id="zero-from-closing"),
        pytest.param(at(2026, 3, 2, 10), 0, at(2026, 3, 2, 10), id="zero-while-working"),
        pytest.param(at(2026, 3, 2, 10, 0, 30), 1, at(2026, 3, 2, 10, 1, 30), id="seconds-kept"),
        pytest.param(at(2026, 3, 6, 16), 120, at(2026, 3, 9, 8), id="over-weekend"),
        pytest.param(at(2026, 3, 6, 16), 60, at(2026, 3, 6, 17), id="friday-to-closing"),
        pytest.param(at(2026, 3, 7, 10), 60, at(2026, 3, 9, 8), id="from-saturday"),
        pytest.param(at(2026, 2, 13, 16), 120, at(2026, 2, 23, 8), id="over-tet"),
        pytest.param(at(2025, 12, 31, 16), 120, at(2026, 1, 2, 8), id="over-new-year"),
        pytest.param(at(2026, 3, 2, 7), 5 * 480, at(2026, 3, 6, 17), id="one-week"),
        pytest.param(at(2026, 3, 2, 7), 5 * 480 + 1, at(2026, 3, 9, 7, 1), id="one-week-and-a-minute"),
    ],
)
def test_add_working_minutes(start: datetime, minutes: int, expected: datetime) -> None:
    result = add_working_minutes(CAL, start, minutes)
    assert result == expected
    assert result.tzinfo is LOCAL_TZ


def test_add_working_minutes_rejects_negative_and_naive() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_minutes(CAL, at(2026, 3, 2, 7), -1)
    with pytest.raises(ValueError, match="timezone-aware"):
        add_working_minutes(CAL, datetime(2026, 3, 2, 7), 10)
    with pytest.raises(TypeError, match="int"):
        add_working_minutes(CAL, at(2026, 3, 2, 7), 1.5)  # type: ignore[arg-type]


# ----------------------------------------------------------------------
# working_minutes_between
# ----------------------------------------------------------------------

BETWEEN_CASES = [
    pytest.param(at(2026, 3, 2, 7), at(2026, 3, 2, 17), 480, id="whole-day"),
    pytest.param(at(2026, 3, 2, 11), at(2026, 3, 2, 14), 60, id="across-lunch"),
    pytest.param(at(2026, 3, 2, 11, 30), at(2026, 3, 2, 13, 30), 0, id="lunch-only"),
    pytest.param(at(2026, 3, 2, 6), at(2026, 3, 2, 7, 30), 30, id="before-opening"),
    pytest.param(at(2026, 3, 2, 16), at(2026, 3, 2, 20), 60, id="after-closing"),
    pytest.param(at(2026, 3, 6, 16), at(2026, 3, 9, 8), 120, id="over-weekend"),
    pytest.param(at(2026, 3, 7, 8), at(2026, 3, 8, 16), 0, id="weekend-only"),
    pytest.param(at(2026, 3, 2, 7), at(2026, 3, 9, 7), 5 * 480, id="one-week"),
    pytest.param(at(2026, 2, 13, 16), at(2026, 2, 23, 8), 120, id="over-tet"),
    pytest.param(at(2026, 4, 23, 10), at(2026, 4, 29, 10), 3 * 480, id="over-hung-kings-and-30-4"),
    pytest.param(at(2026, 8, 21, 16), at(2026, 8, 22, 16), 480, id="make-up-saturday"),
    pytest.param(at(2025, 12, 31, 16), at(2026, 1, 2, 8), 120, id="over-new-year"),
    pytest.param(at(2026, 3, 2, 10), at(2026, 3, 2, 10), 0, id="same-moment"),
    pytest.param(at(2026, 3, 2, 10), at(2026, 3, 2, 10, 0, 59), 0, id="under-a-minute-truncated"),
    pytest.param(at(2026, 3, 2, 10, 0, 30), at(2026, 3, 2, 10, 2, 29), 1, id="seconds-truncated"),
    pytest.param(at(2026, 3, 2, 10, 0, 30), at(2026, 3, 2, 10, 2, 30), 2, id="seconds-exact"),
    pytest.param(
        datetime(2026, 3, 2, 0, tzinfo=UTC),
        datetime(2026, 3, 2, 10, tzinfo=UTC),
        480,
        id="utc-inputs",
    ),
]


@pytest.mark.parametrize(("start", "end", "expected"), BETWEEN_CASES)
def test_working_minutes_between(start: datetime, end: datetime, expected: int) -> None:
    assert working_minutes_between(CAL, start, end) == expected
    assert ref_between(CAL, start, end) == expected


@pytest.mark.parametrize(("start", "end", "expected"), BETWEEN_CASES)
def test_working_minutes_between_is_antisymmetric(start: datetime, end: datetime, expected: int) -> None:
    assert working_minutes_between(CAL, end, start) == -expected


def test_working_minutes_between_rejects_naive() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        working_minutes_between(CAL, datetime(2026, 3, 2, 7), at(2026, 3, 2, 8))
    with pytest.raises(ValueError, match="timezone-aware"):
        working_minutes_between(CAL, at(2026, 3, 2, 7), datetime(2026, 3, 2, 8))


# ----------------------------------------------------------------------
# compute_due: working days and hours
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        # The four cases from the brief.
        pytest.param(at(2026, 4, 23, 10), 3, WD, at(2026, 4, 29, 10), id="hung-kings-observed-30-4-1-5"),
        pytest.param(at(2026, 8, 21, 16), 1, WD, at(2026, 8, 22, 16), id="make-up-saturday-2026"),
        # Make-up Saturday 2025 and the swap day off 2/5/2025.
        pytest.param(at(2025, 4, 25, 16), 1, WD, at(2025, 4, 26, 16), id="make-up-saturday-2025"),
        pytest.param(at(2025, 4, 26, 16), 1, WD, at(2025, 4, 28, 16), id="from-make-up-saturday"),
        pytest.param(at(2025, 4, 29, 10), 2, WD, at(2025, 5, 6, 10), id="30-4-1-5-swap-2-5-2025"),
        # Tết.
        pytest.param(at(2025, 1, 24, 10), 2, WD, at(2025, 2, 4, 10), id="tet-2025"),
        pytest.param(at(2026, 2, 13, 10), 1, WD, at(2026, 2, 23, 10), id="tet-2026"),
        pytest.param(at(2027, 2, 3, 9), 1, WD, at(2027, 2, 11, 9), id="tet-2027"),
        # Other holidays and observed days.
        pytest.param(at(2025, 4, 4, 16), 1, WD, at(2025, 4, 8, 16), id="hung-kings-2025"),
        pytest.param(at(2025, 8, 29, 10), 1, WD, at(2025, 9, 3, 10), id="national-day-2025"),
        pytest.param(at(2026, 8, 28, 10), 1, WD, at(2026, 9, 3, 10), id="national-day-2026-with-swap"),
        pytest.param(at(2026, 11, 23, 10), 1, WD, at(2026, 11, 25, 10), id="culture-day-2026"),
        pytest.param(at(2027, 4, 29, 13, 30), 1, WD, at(2027, 5, 4, 11, 30), id="labour-day-observed-2027"),
        # Year boundaries.
        pytest.param(at(2025, 12, 31, 10), 1, WD, at(2026, 1, 2, 10), id="31-12-2025-to-2-1-2026"),
        pytest.param(at(2026, 12, 31, 15), 1, WD, at(2027, 1, 4, 15), id="31-12-2026-to-4-1-2027"),
        # Opening, closing, lunch.
        pytest.param(at(2026, 3, 2, 7), 1, WD, at(2026, 3, 2, 17), id="ends-exactly-at-closing"),
        pytest.param(at(2026, 3, 2, 6), 1, WD, at(2026, 3, 2, 17), id="before-opening"),
        pytest.param(at(2026, 3, 2, 11, 29), 1, WD, at(2026, 3, 3, 11, 29), id="11-29"),
        pytest.param(at(2026, 3, 2, 11, 30), 1, WD, at(2026, 3, 3, 11, 30), id="11-30-exact"),
        pytest.param(at(2026, 3, 2, 12), 1, WD, at(2026, 3, 3, 11, 30), id="lunch-12-00"),
        pytest.param(at(2026, 3, 2, 13, 30), 1, WD, at(2026, 3, 3, 11, 30), id="13-30-exact"),
        pytest.param(at(2026, 3, 2, 13, 31), 1, WD, at(2026, 3, 3, 13, 31), id="13-31"),
        pytest.param(at(2026, 3, 2, 17), 1, WD, at(2026, 3, 3, 17), id="closing-exact"),
        pytest.param(at(2026, 3, 2, 17, 1), 1, WD, at(2026, 3, 3, 17), id="after-closing"),
        pytest.param(at(2026, 3, 6, 18), 1, WD, at(2026, 3, 9, 17), id="friday-evening"),
        # Weekends.
        pytest.param(at(2026, 3, 7, 10), 2, WD, at(2026, 3, 10, 17), id="received-saturday"),
        pytest.param(at(2026, 3, 8, 10), 1, WD, at(2026, 3, 9, 17), id="received-sunday"),
        pytest.param(at(2026, 3, 6, 10), 1, WD, at(2026, 3, 9, 10), id="friday-to-monday"),
        pytest.param(at(2026, 3, 2, 7), 5, WD, at(2026, 3, 6, 17), id="whole-week"),
        pytest.param(at(2026, 3, 2, 10), 10, WD, at(2026, 3, 16, 10), id="two-weeks"),
        # Fractional days are hour-precise: one working day = 8 h.
        pytest.param(at(2026, 3, 2, 7), 0.5, WD, at(2026, 3, 2, 11), id="half-day"),
        pytest.param(at(2026, 3, 2, 7), Decimal("1.5"), WD, at(2026, 3, 3, 11), id="decimal-1-5"),
        pytest.param(at(2026, 3, 2, 7), 1.5, WD, at(2026, 3, 3, 11), id="float-1-5"),
        pytest.param(at(2026, 3, 2, 7), 21.5, WD, at(2026, 3, 31, 11), id="21-5-days-is-172-hours"),
        pytest.param(at(2026, 3, 2, 7), Decimal("0.1"), WD, at(2026, 3, 2, 7, 48), id="0-1-day-48-min"),
        # Working hours.
        pytest.param(at(2026, 3, 2, 10), 4, WH, at(2026, 3, 2, 16), id="4-hours-across-lunch"),
        pytest.param(at(2026, 3, 2, 10), 1.5, WH, at(2026, 3, 2, 11, 30), id="1-5-hours-to-lunch"),
        pytest.param(at(2026, 3, 2, 10), Decimal("0.25"), WH, at(2026, 3, 2, 10, 15), id="quarter-hour"),
        pytest.param(at(2026, 3, 6, 16), 2, WH, at(2026, 3, 9, 8), id="hours-over-weekend"),
        pytest.param(at(2026, 3, 2, 7), 16, WH, at(2026, 3, 3, 17), id="16-hours"),
        # Zero: due at the moment counting starts.
        pytest.param(at(2026, 3, 2, 10), 0, WD, at(2026, 3, 2, 10), id="zero-while-working"),
        pytest.param(at(2026, 3, 7, 10), 0, WD, at(2026, 3, 9, 7), id="zero-on-saturday"),
        # Long periods.
        pytest.param(at(2026, 1, 5, 7), 31, WD, at(2026, 2, 23, 17), id="31-days-over-tet-2026"),
        pytest.param(at(2026, 3, 2, 7), 90, WD, at(2026, 7, 8, 17), id="90-days"),
        # Timezone: an UTC instant is counted in local time and returned in local time.
        pytest.param(datetime(2026, 4, 23, 3, tzinfo=UTC), 3, WD, at(2026, 4, 29, 10), id="utc-input"),
    ],
)
def test_compute_due_working_time(
    start: datetime, amount: Decimal | float, unit: DurationUnit, expected: datetime
) -> None:
    result = compute_due(CAL, start=start, amount=amount, unit=unit)
    assert result.due_at == expected
    assert result.due_at.tzinfo is LOCAL_TZ
    assert result.explanation[-1].kind == ExplanationKind.DUE
    minutes = working_minutes_for(CAL, amount, unit)
    assert result.due_at == ref_add(CAL, start, minutes)


def test_hours_per_working_day_is_configurable() -> None:
    cal = WorkingCalendar(
        weekly=dict.fromkeys(range(5), (MORNING, AFTERNOON)),
        days_off={},
        extra_working_days={},
        hours_per_working_day=4,
    )
    assert compute_due(cal, start=at(2026, 3, 2, 7), amount=1, unit=WD).due_at == at(2026, 3, 2, 11)


# ----------------------------------------------------------------------
# compute_due: same day (15:00 cut-off)
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        pytest.param(at(2026, 2, 13, 15, 30), at(2026, 2, 23, 17), id="friday-before-tet-2026"),
        pytest.param(at(2026, 3, 2, 10), at(2026, 3, 2, 17), id="morning"),
        pytest.param(at(2026, 3, 2, 6, 30), at(2026, 3, 2, 17), id="before-opening"),
        pytest.param(at(2026, 3, 2, 12), at(2026, 3, 2, 17), id="lunch"),
        pytest.param(at(2026, 3, 2, 14, 59, 59), at(2026, 3, 2, 17), id="14-59-59"),
        pytest.param(at(2026, 3, 2, 15), at(2026, 3, 2, 17), id="15-00-exact-counts-as-by-15"),
        pytest.param(at(2026, 3, 2, 15, 0, 1), at(2026, 3, 3, 17), id="15-00-01"),
        pytest.param(at(2026, 3, 2, 15, 1), at(2026, 3, 3, 17), id="15-01"),
        pytest.param(at(2026, 3, 2, 16, 59), at(2026, 3, 3, 17), id="16-59"),
        pytest.param(at(2026, 3, 2, 17), at(2026, 3, 3, 17), id="closing-exact"),
        pytest.param(at(2026, 3, 2, 20), at(2026, 3, 3, 17), id="evening"),
        pytest.param(at(2026, 3, 6, 15, 30), at(2026, 3, 9, 17), id="friday-after-cutoff"),
        pytest.param(at(2026, 3, 7, 10), at(2026, 3, 9, 17), id="saturday"),
        pytest.param(at(2026, 3, 8, 10), at(2026, 3, 9, 17), id="sunday"),
        pytest.param(at(2026, 4, 30, 10), at(2026, 5, 4, 17), id="holiday"),
        pytest.param(at(2026, 8, 22, 10), at(2026, 8, 22, 17), id="make-up-saturday"),
        pytest.param(at(2026, 8, 22, 15, 30), at(2026, 8, 24, 17), id="make-up-saturday-after-cutoff"),
        pytest.param(at(2026, 8, 21, 15, 30), at(2026, 8, 22, 17), id="friday-before-make-up-saturday"),
        pytest.param(at(2025, 12, 31, 15, 30), at(2026, 1, 2, 17), id="new-year"),
        pytest.param(at(2027, 2, 3, 16), at(2027, 2, 11, 17), id="tet-2027"),
        pytest.param(datetime(2026, 3, 2, 8, tzinfo=UTC), at(2026, 3, 2, 17), id="utc-15-00"),
        pytest.param(datetime(2026, 3, 2, 8, 1, tzinfo=UTC), at(2026, 3, 3, 17), id="utc-15-01"),
    ],
)
def test_compute_due_same_day(start: datetime, expected: datetime) -> None:
    result = compute_due(CAL, start=start, amount=None, unit=SD)
    assert result.due_at == expected
    assert ExplanationKind.SAME_DAY_CUTOFF in kinds(result)


@pytest.mark.parametrize("amount", [None, 0, 1, 5, Decimal("0.5")])
def test_same_day_ignores_amount(amount: Decimal | int | None) -> None:
    assert due(at(2026, 3, 2, 10), amount, SD) == at(2026, 3, 2, 17)


# ----------------------------------------------------------------------
# compute_due: calendar days (Civil Code 2015 art. 147–148)
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "amount", "expected", "moved"),
    [
        pytest.param(at(2026, 3, 2, 10), 10, at(2026, 3, 12, 17), False, id="ends-on-a-thursday"),
        pytest.param(at(2026, 3, 2, 10), 5, at(2026, 3, 9, 17), True, id="ends-on-saturday"),
        pytest.param(at(2026, 3, 2, 10), 6, at(2026, 3, 9, 17), True, id="ends-on-sunday"),
        pytest.param(at(2026, 3, 7, 10), 2, at(2026, 3, 9, 17), False, id="received-on-saturday"),
        pytest.param(at(2026, 3, 2, 20), 1, at(2026, 3, 3, 17), False, id="received-after-closing"),
        pytest.param(at(2026, 4, 11, 10), 15, at(2026, 4, 28, 17), True, id="ends-on-hung-kings-sunday"),
        pytest.param(at(2026, 2, 6, 10), 10, at(2026, 2, 23, 17), True, id="ends-in-tet-2026"),
        pytest.param(at(2026, 12, 27, 10), 5, at(2027, 1, 4, 17), True, id="ends-on-new-year-2027"),
        pytest.param(at(2025, 4, 24, 10), 2, at(2025, 4, 26, 17), False, id="ends-on-make-up-saturday"),
        pytest.param(at(2025, 4, 27, 10), 5, at(2025, 5, 5, 17), True, id="ends-on-swap-day-2-5-2025"),
        pytest.param(at(2026, 3, 2, 10), 0, at(2026, 3, 2, 17), False, id="zero-days"),
        pytest.param(at(2026, 3, 2, 18), 0, at(2026, 3, 3, 17), True, id="zero-days-after-closing"),
        pytest.param(at(2026, 3, 2, 10), 3.0, at(2026, 3, 5, 17), False, id="whole-float"),
        pytest.param(at(2026, 3, 2, 10), Decimal("3"), at(2026, 3, 5, 17), False, id="decimal"),
        pytest.param(at(2026, 1, 1, 10), 365, at(2027, 1, 4, 17), True, id="a-year-ends-on-holiday"),
    ],
)
def test_compute_due_calendar_days(
    start: datetime, amount: Decimal | float, expected: datetime, moved: bool
) -> None:
    result = compute_due(CAL, start=start, amount=amount, unit=CD)
    assert result.due_at == expected
    assert (ExplanationKind.MOVED_OFF_DAY_OFF in kinds(result)) is moved
    assert kinds(result)[0] == ExplanationKind.CALENDAR_DAYS


def test_calendar_days_moved_off_day_off_explains_why() -> None:
    result = compute_due(CAL, start=at(2026, 4, 11, 10), amount=15, unit=CD)
    assert texts(result) == [
        "Thời hạn 15 ngày kể từ ngày 11/04/2026 (không tính ngày nhận): ngày cuối cùng 26/04/2026",
        "Ngày cuối cùng 26/04/2026 là ngày nghỉ: hạn chuyển sang cuối ngày làm việc tiếp theo 28/04/2026 "
        "(Bộ luật Dân sự 2015, Điều 148)",
        "Bỏ qua 26/04/2026: Ngày Giỗ Tổ Hùng Vương",
        "Bỏ qua 27/04/2026: Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
        "Hạn trả kết quả: 17:00 28/04/2026 (Thứ Ba)",
    ]


@pytest.mark.parametrize("amount", [1.5, Decimal("0.5"), Decimal("2.01")])
def test_calendar_days_must_be_whole(amount: Decimal | float) -> None:
    with pytest.raises(ValueError, match="whole"):
        compute_due(CAL, start=at(2026, 3, 2, 10), amount=amount, unit=CD)


# ----------------------------------------------------------------------
# compute_due: amount validation and naive datetimes
# ----------------------------------------------------------------------


@pytest.mark.parametrize("unit", [WD, WH, CD])
def test_unknown_amount_is_rejected(unit: DurationUnit) -> None:
    with pytest.raises(ValueError, match="required"):
        compute_due(CAL, start=at(2026, 3, 2, 10), amount=None, unit=unit)


@pytest.mark.parametrize("unit", [WD, WH, CD])
@pytest.mark.parametrize(
    "amount",
    [-1, -0.5, Decimal("-1"), float("nan"), float("inf"), Decimal("NaN"), True],
    ids=["minus-1", "minus-half", "decimal-minus-1", "nan", "inf", "decimal-nan", "bool"],
)
def test_invalid_amount_is_rejected(unit: DurationUnit, amount: Decimal | float) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - messages differ per case
        compute_due(CAL, start=at(2026, 3, 2, 10), amount=amount, unit=unit)


@pytest.mark.parametrize("unit", list(DurationUnit))
def test_naive_start_is_rejected(unit: DurationUnit) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compute_due(CAL, start=datetime(2026, 3, 2, 10), amount=1, unit=unit)


def test_amount_that_is_not_a_number_is_rejected() -> None:
    with pytest.raises(ValueError, match="not a number"):
        compute_due(CAL, start=at(2026, 3, 2, 10), amount="two", unit=WD)  # type: ignore[arg-type]


def test_unit_may_be_given_as_its_string_value() -> None:
    assert compute_due(CAL, start=at(2026, 3, 2, 7), amount=1, unit="working_days").due_at == at(  # type: ignore[arg-type]
        2026, 3, 2, 17
    )


# ----------------------------------------------------------------------
# compute_due: pauses (supplement requests stop the clock)
# ----------------------------------------------------------------------

START = at(2026, 3, 2, 8)  # Monday


@pytest.mark.parametrize(
    ("start", "amount", "unit", "pauses", "expected"),
    [
        pytest.param(
            START, 5, WD, [(at(2026, 3, 3, 9), at(2026, 3, 5, 9))], at(2026, 3, 11, 8), id="brief-example"
        ),
        pytest.param(START, 5, WD, [], at(2026, 3, 9, 8), id="no-pause"),
        pytest.param(
            START, 5, WD, [(at(2026, 3, 6, 16), at(2026, 3, 9, 8))], at(2026, 3, 9, 10), id="over-weekend"
        ),
        pytest.param(
            START, 5, WD, [(at(2026, 3, 7, 8), at(2026, 3, 8, 18))], at(2026, 3, 9, 8), id="weekend-only"
        ),
        pytest.param(
            START, 5, WD, [(at(2026, 3, 2, 12), at(2026, 3, 2, 13))], at(2026, 3, 9, 8), id="lunch-only"
        ),
        pytest.param(
            at(2026, 4, 20, 8),
            5,
            WD,
            [(at(2026, 4, 23, 8), at(2026, 4, 28, 8))],
            at(2026, 5, 4, 8),
            id="over-holidays",
        ),
        pytest.param(
            START,
            5,
            WD,
            [(at(2026, 3, 3, 9), at(2026, 3, 4, 9)), (at(2026, 3, 3, 14), at(2026, 3, 5, 9))],
            at(2026, 3, 11, 8),
            id="overlapping-merged",
        ),
        pytest.param(
            START,
            5,
            WD,
            [(at(2026, 3, 3, 9), at(2026, 3, 5, 9)), (at(2026, 3, 3, 9), at(2026, 3, 5, 9))],
            at(2026, 3, 11, 8),
            id="duplicate-counted-once",
        ),
        pytest.param(
            START,
            5,
            WD,
            [(at(2026, 3, 4, 9), at(2026, 3, 5, 9)), (at(2026, 3, 3, 9), at(2026, 3, 4, 9))],
            at(2026, 3, 11, 8),
            id="touching-unordered",
        ),
        pytest.param(
            START, 1, WD, [(at(2026, 3, 2, 16), at(2026, 3, 4, 16))], at(2026, 3, 5, 8), id="beyond-due"
        ),
        pytest.param(
            START, 1, WD, [(at(2026, 3, 3, 9), at(2026, 3, 4, 9))], at(2026, 3, 3, 8), id="starts-after-due"
        ),
        pytest.param(
            START, 1, WD, [(at(2026, 3, 3, 8), at(2026, 3, 4, 9))], at(2026, 3, 3, 8), id="starts-at-due"
        ),
        pytest.param(
            START,
            1,
            WD,
            [(at(2026, 3, 2, 9), at(2026, 3, 2, 10)), (at(2026, 3, 3, 8, 30), at(2026, 3, 3, 10))],
            at(2026, 3, 3, 10, 30),
            id="second-counts-because-first-extended",
        ),
        pytest.param(
            START, 1, WD, [(at(2026, 3, 1, 9), at(2026, 3, 3, 8))], at(2026, 3, 4, 8), id="clipped-to-start"
        ),
        pytest.param(
            START, 1, WD, [(at(2026, 2, 1, 9), at(2026, 2, 2, 8))], at(2026, 3, 3, 8), id="before-start"
        ),
        pytest.param(
            START, 1, WD, [(at(2026, 3, 2, 9), at(2026, 3, 2, 9))], at(2026, 3, 3, 8), id="zero-length"
        ),
        pytest.param(
            at(2026, 8, 20, 8),
            2,
            WD,
            [(at(2026, 8, 21, 8), at(2026, 8, 24, 8))],
            at(2026, 8, 25, 8),
            id="over-make-up-saturday",
        ),
        pytest.param(
            at(2026, 2, 12, 8),
            2,
            WD,
            [(at(2026, 2, 13, 8), at(2026, 2, 23, 8))],
            at(2026, 2, 24, 8),
            id="over-tet",
        ),
        pytest.param(
            at(2025, 12, 30, 8),
            2,
            WD,
            [(at(2025, 12, 31, 8), at(2026, 1, 2, 8))],
            at(2026, 1, 5, 8),
            id="over-new-year",
        ),
        pytest.param(
            at(2026, 3, 2, 10),
            None,
            SD,
            [(at(2026, 3, 2, 14), at(2026, 3, 3, 14))],
            at(2026, 3, 3, 17),
            id="same-day",
        ),
        pytest.param(
            at(2026, 3, 2, 10),
            10,
            CD,
            [(at(2026, 3, 3, 7), at(2026, 3, 4, 7))],
            at(2026, 3, 13, 17),
            id="calendar-days",
        ),
        pytest.param(
            at(2026, 3, 2, 10),
            4,
            WH,
            [(at(2026, 3, 2, 11), at(2026, 3, 2, 14))],
            at(2026, 3, 2, 17),
            id="working-hours-ends-at-closing",
        ),
        pytest.param(
            at(2026, 3, 2, 10),
            4,
            WH,
            [(datetime(2026, 3, 2, 4, tzinfo=UTC), datetime(2026, 3, 2, 7, tzinfo=UTC))],
            at(2026, 3, 2, 17),
            id="utc-pause",
        ),
    ],
)
def test_compute_due_with_pauses(
    start: datetime,
    amount: int | None,
    unit: DurationUnit,
    pauses: list[tuple[datetime, datetime]],
    expected: datetime,
) -> None:
    assert due(start, amount, unit, pauses=pauses) == expected


def test_pause_that_ends_exactly_at_closing() -> None:
    # 4 working hours from 10:00, paused 11:00–14:00 (1 h of work): the clock runs 10–11 and 14–17, so the
    # period ends exactly at closing time and the due time is 17:00, not 07:00 the next morning.
    assert due(at(2026, 3, 2, 10), 4, WH, pauses=[(at(2026, 3, 2, 11), at(2026, 3, 2, 14))]) == at(
        2026, 3, 2, 17
    )


@pytest.mark.parametrize(
    ("pauses", "match"),
    [
        pytest.param([(at(2026, 3, 3, 9), None)], "open pause", id="open"),
        pytest.param([(at(2026, 3, 3, 9), at(2026, 3, 3, 8))], "ends before", id="reversed"),
        pytest.param([(datetime(2026, 3, 3, 9), at(2026, 3, 3, 10))], "timezone-aware", id="naive-start"),
        pytest.param([(at(2026, 3, 3, 9), datetime(2026, 3, 3, 10))], "timezone-aware", id="naive-end"),
    ],
)
def test_invalid_pauses(pauses: list[tuple[datetime, datetime | None]], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        compute_due(CAL, start=START, amount=5, unit=WD, pauses=pauses)


def test_pause_explanations() -> None:
    result = compute_due(
        CAL,
        start=START,
        amount=1,
        unit=WD,
        pauses=[
            (at(2026, 3, 2, 9), at(2026, 3, 2, 10)),
            (at(2026, 3, 7, 9), at(2026, 3, 8, 10)),
            (at(2026, 3, 10, 9), at(2026, 3, 11, 10)),
        ],
    )
    pause_texts = [note.text for note in result.explanation if note.kind == ExplanationKind.PAUSE]
    assert pause_texts == [
        "Tạm dừng 09:00 02/03/2026 – 10:00 02/03/2026: cộng thêm 1 giờ làm việc",
        "Tạm dừng 09:00 07/03/2026 – 10:00 08/03/2026: không có thời gian làm việc, không cộng thêm",
        "Tạm dừng 09:00 10/03/2026 – 10:00 11/03/2026: bắt đầu sau hạn, không cộng thêm",
    ]
    assert result.due_at == at(2026, 3, 3, 9)


def test_brief_pause_example_explanation() -> None:
    result = compute_due(CAL, start=START, amount=5, unit=WD, pauses=[(at(2026, 3, 3, 9), at(2026, 3, 5, 9))])
    assert texts(result) == [
        "Bỏ qua 07/03–08/03/2026: cuối tuần",
        "Tạm dừng 09:00 03/03/2026 – 09:00 05/03/2026: cộng thêm 2 ngày làm việc",
        "Hạn trả kết quả: 08:00 11/03/2026 (Thứ Tư)",
    ]


# ----------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------


def test_explanation_hung_kings_example() -> None:
    result = compute_due(CAL, start=at(2026, 4, 23, 10), amount=3, unit=WD)
    assert [(note.kind, note.day, note.text) for note in result.explanation] == [
        ("weekend", date(2026, 4, 25), "Bỏ qua 25/04/2026: Thứ Bảy"),
        ("day_off", date(2026, 4, 26), "Bỏ qua 26/04/2026: Ngày Giỗ Tổ Hùng Vương"),
        ("day_off", date(2026, 4, 27), "Bỏ qua 27/04/2026: Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
        ("due", date(2026, 4, 29), "Hạn trả kết quả: 10:00 29/04/2026 (Thứ Tư)"),
    ]


def test_explanation_same_day_over_tet() -> None:
    result = compute_due(CAL, start=at(2026, 2, 13, 15, 30), amount=None, unit=SD)
    assert texts(result) == [
        "Nhận lúc 15:30 13/02/2026 (sau 15:00): trả kết quả trong ngày làm việc tiếp theo 23/02/2026",
        "Bỏ qua 14/02–15/02/2026: cuối tuần",
        "Bỏ qua 16/02/2026: Giao thừa Tết Nguyên Đán",
        "Bỏ qua 17/02/2026: Tết Nguyên Đán",
        "Bỏ qua 18/02/2026: Mùng hai Tết Nguyên Đán",
        "Bỏ qua 19/02/2026: Mùng ba Tết Nguyên Đán",
        "Bỏ qua 20/02/2026: Mùng bốn Tết Nguyên Đán",
        "Bỏ qua 21/02–22/02/2026: cuối tuần",
        "Hạn trả kết quả: 17:00 23/02/2026 (Thứ Hai)",
    ]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        pytest.param(
            at(2026, 3, 2, 10), "Nhận lúc 10:00 02/03/2026, không muộn hơn 15:00: trả kết quả trong ngày"
        ),
        pytest.param(
            at(2026, 3, 2, 15), "Nhận lúc 15:00 02/03/2026, không muộn hơn 15:00: trả kết quả trong ngày"
        ),
        pytest.param(
            at(2026, 3, 7, 10),
            "Nhận lúc 10:00 07/03/2026 (ngày nghỉ): trả kết quả trong ngày làm việc tiếp theo 09/03/2026",
        ),
    ],
)
def test_same_day_cutoff_explanation(start: datetime, expected: str) -> None:
    assert compute_due(CAL, start=start, amount=None, unit=SD).explanation[0].text == expected


def test_same_day_after_hours_before_a_late_cutoff() -> None:
    result = compute_due(SAT_CAL, start=at(2026, 3, 7, 11, 45), amount=None, unit=SD)
    assert result.due_at == at(2026, 3, 9, 17)
    assert "(sau giờ làm việc)" in result.explanation[0].text


def test_explanation_make_up_saturday() -> None:
    result = compute_due(CAL, start=at(2026, 8, 21, 16), amount=1, unit=WD)
    assert [(note.kind, note.text) for note in result.explanation] == [
        ("extra_working_day", "Làm việc 22/08/2026 (Thứ Bảy): Làm bù cho ngày 31/08/2026"),
        ("due", "Hạn trả kết quả: 16:00 22/08/2026 (Thứ Bảy)"),
    ]


def test_explanation_orders_days_chronologically() -> None:
    result = compute_due(CAL, start=at(2026, 8, 20, 10), amount=8, unit=WD)
    assert result.due_at == at(2026, 9, 3, 10)
    days = [note.day for note in result.explanation]
    assert days == sorted(day for day in days if day is not None)
    assert kinds(result) == [
        "extra_working_day",
        "weekend",
        "weekend",
        "day_off",
        "day_off",
        "day_off",
        "due",
    ]
    assert "Bỏ qua 29/08–30/08/2026: cuối tuần" in texts(result)
    assert "Bỏ qua 02/09/2026: Quốc khánh" in texts(result)
    assert "Bỏ qua 23/08/2026: Chủ nhật" in texts(result)
    assert "Bỏ qua 31/08/2026: Ngày nghỉ (thay cho ngày 22/08/2026)" in texts(result)


@pytest.mark.parametrize(
    ("start", "reason", "effective"),
    [
        pytest.param(at(2026, 3, 2, 6), "trước giờ làm việc", "07:00 02/03/2026", id="before-opening"),
        pytest.param(at(2026, 3, 2, 12), "ngoài giờ làm việc, nghỉ giữa ca", "13:30 02/03/2026", id="lunch"),
        pytest.param(
            at(2026, 3, 2, 11, 30), "ngoài giờ làm việc, nghỉ giữa ca", "13:30 02/03/2026", id="11-30"
        ),
        pytest.param(at(2026, 3, 2, 17), "sau giờ làm việc", "07:00 03/03/2026", id="closing"),
        pytest.param(at(2026, 3, 7, 10), "ngày nghỉ", "07:00 09/03/2026", id="saturday"),
        pytest.param(at(2026, 4, 30, 10), "ngày nghỉ", "07:00 04/05/2026", id="holiday"),
    ],
)
def test_start_moved_explanation(start: datetime, reason: str, effective: str) -> None:
    first = compute_due(CAL, start=start, amount=1, unit=WD).explanation[0]
    assert first.kind == ExplanationKind.START_MOVED
    assert f"({reason}): bắt đầu tính từ {effective}" in first.text


def test_start_not_moved_during_working_hours() -> None:
    result = compute_due(CAL, start=at(2026, 3, 2, 7), amount=1, unit=WD)
    assert ExplanationKind.START_MOVED not in kinds(result)


def test_received_on_sunday_lists_only_from_the_receipt_day() -> None:
    result = compute_due(CAL, start=at(2026, 3, 8, 10), amount=1, unit=WD)
    assert texts(result)[1] == "Bỏ qua 08/03/2026: Chủ nhật"


def test_received_during_tet_lists_remaining_days_off() -> None:
    result = compute_due(CAL, start=at(2026, 2, 19, 10), amount=1, unit=WD)
    assert result.due_at == at(2026, 2, 23, 17)
    assert texts(result)[1:] == [
        "Bỏ qua 19/02/2026: Mùng ba Tết Nguyên Đán",
        "Bỏ qua 20/02/2026: Mùng bốn Tết Nguyên Đán",
        "Bỏ qua 21/02–22/02/2026: cuối tuần",
        "Hạn trả kết quả: 17:00 23/02/2026 (Thứ Hai)",
    ]


def test_weekend_across_the_year_boundary() -> None:
    result = compute_due(PLAIN, start=at(2022, 12, 30, 10), amount=1, unit=WD)
    assert result.due_at == at(2023, 1, 2, 10)
    assert texts(result)[0] == "Bỏ qua 31/12/2022–01/01/2023: cuối tuần"


def test_weekend_days_that_are_holidays_carry_the_holiday_name() -> None:
    result = compute_due(CAL, start=at(2027, 2, 3, 9), amount=1, unit=WD)
    assert "Bỏ qua 06/02/2027: Tết Nguyên Đán" in texts(result)
    assert "Bỏ qua 07/02/2027: Mùng hai Tết Nguyên Đán" in texts(result)
    assert ExplanationKind.WEEKEND not in kinds(result)


def test_long_period_explanation_stays_short() -> None:
    result = compute_due(CAL, start=at(2026, 3, 2, 7), amount=90, unit=WD)
    weekends = [note for note in result.explanation if note.kind == ExplanationKind.WEEKEND]
    assert result.due_at == at(2026, 7, 8, 17)
    assert len(weekends) == 18  # one entry per weekend, not per day
    # Sunday 26/04/2026 is Hung Kings' day: that weekend shows as Saturday plus the named holiday.
    assert [note.text for note in weekends if "cuối tuần" not in note.text] == ["Bỏ qua 25/04/2026: Thứ Bảy"]


# ----------------------------------------------------------------------
# Custom calendars: Saturday mornings, an administrator's day off on a weekday
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        pytest.param(at(2026, 3, 6, 16), 1, WD, at(2026, 3, 9, 9, 30), id="friday-via-saturday-morning"),
        pytest.param(at(2026, 3, 7, 7), Decimal("4.5"), WH, at(2026, 3, 7, 11, 30), id="saturday-to-closing"),
        pytest.param(at(2026, 3, 7, 12), 1, WH, at(2026, 3, 9, 8), id="saturday-afternoon-is-off"),
        pytest.param(at(2026, 3, 7, 10), None, SD, at(2026, 3, 7, 11, 30), id="same-day-saturday"),
        pytest.param(at(2026, 3, 2, 10), 5, CD, at(2026, 3, 7, 11, 30), id="calendar-days-end-saturday"),
        pytest.param(at(2026, 3, 2, 10), 6, CD, at(2026, 3, 9, 17), id="calendar-days-end-sunday"),
    ],
)
def test_saturday_morning_calendar(
    start: datetime, amount: Decimal | int | None, unit: DurationUnit, expected: datetime
) -> None:
    assert compute_due(SAT_CAL, start=start, amount=amount, unit=unit).due_at == expected


def test_saturday_morning_calendar_skips_only_sunday() -> None:
    result = compute_due(SAT_CAL, start=at(2026, 3, 6, 16), amount=1, unit=WD)
    assert texts(result)[0] == "Bỏ qua 08/03/2026: Chủ nhật"
    assert next_working_moment(SAT_CAL, at(2026, 3, 6, 17)) == at(2026, 3, 7, 7)
    assert add_working_minutes(SAT_CAL, at(2026, 3, 7, 11, 30), 0) == at(2026, 3, 9, 7)


def test_admin_day_off_on_a_weekday() -> None:
    storm = {date(2026, 3, 4): "Nghỉ do bão số 3"}
    cal = WorkingCalendar.default(days_off={**CAL.days_off, **storm}, extra_working_days=EXTRA_WORKING_DAYS)
    result = compute_due(cal, start=START, amount=3, unit=WD)
    assert result.due_at == at(2026, 3, 6, 8)
    assert "Bỏ qua 04/03/2026: Nghỉ do bão số 3" in texts(result)
    assert compute_due(CAL, start=START, amount=3, unit=WD).due_at == at(2026, 3, 5, 8)
    assert compute_due(cal, start=at(2026, 3, 3, 16), amount=None, unit=SD).due_at == at(2026, 3, 5, 17)
    assert compute_due(cal, start=at(2026, 3, 2, 10), amount=2, unit=CD).due_at == at(2026, 3, 5, 17)


def test_weekly_day_off_that_is_not_a_weekend() -> None:
    four_day_week = WorkingCalendar(
        weekly=dict.fromkeys(range(4), (MORNING, AFTERNOON)), days_off={}, extra_working_days={}
    )
    result = compute_due(four_day_week, start=at(2026, 3, 5, 16), amount=1, unit=WD)
    assert result.due_at == at(2026, 3, 9, 16)
    assert texts(result)[0] == "Bỏ qua 06/03–08/03/2026: ngày nghỉ hằng tuần"


# ----------------------------------------------------------------------
# remaining
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "due_at", "minutes", "overdue", "soon", "vi", "en"),
    [
        pytest.param(
            at(2026, 3, 2, 7),
            at(2026, 3, 4, 10),
            1140,
            False,
            False,
            "còn 2 ngày 3 giờ",
            "2 days 3 hours left",
            id="2-days-3-hours",
        ),
        pytest.param(
            at(2026, 4, 23, 10),
            at(2026, 4, 29, 13),
            1530,
            False,
            False,
            "còn 3 ngày 1 giờ",
            "3 days 1 hour left",
            id="over-holidays-minutes-dropped",
        ),
        pytest.param(
            at(2026, 3, 2, 7), at(2026, 3, 2, 17), 480, False, True, "còn 1 ngày", "1 day left", id="1-day"
        ),
        pytest.param(
            at(2026, 3, 2, 7), at(2026, 3, 3, 17), 960, False, False, "còn 2 ngày", "2 days left", id="2-days"
        ),
        pytest.param(
            at(2026, 3, 2, 14),
            at(2026, 3, 2, 16, 5),
            125,
            False,
            True,
            "còn 2 giờ 5 phút",
            "2 hours 5 minutes left",
            id="hours-minutes",
        ),
        pytest.param(
            at(2026, 3, 2, 16),
            at(2026, 3, 2, 16, 45),
            45,
            False,
            True,
            "còn 45 phút",
            "45 minutes left",
            id="minutes",
        ),
        pytest.param(
            at(2026, 3, 2, 16),
            at(2026, 3, 2, 16, 1),
            1,
            False,
            True,
            "còn 1 phút",
            "1 minute left",
            id="one-minute",
        ),
        pytest.param(
            at(2026, 3, 2, 16), at(2026, 3, 2, 17), 60, False, True, "còn 1 giờ", "1 hour left", id="one-hour"
        ),
        pytest.param(
            at(2026, 3, 2, 17), at(2026, 3, 2, 17), 0, False, True, "đến hạn", "due now", id="due-now"
        ),
        pytest.param(
            at(2026, 3, 3, 17),
            at(2026, 3, 2, 17),
            -480,
            True,
            False,
            "trễ 1 ngày",
            "late by 1 day",
            id="late-1-day",
        ),
        pytest.param(
            at(2026, 3, 3, 8, 5),
            at(2026, 3, 2, 17),
            -65,
            True,
            False,
            "trễ 1 giờ 5 phút",
            "late by 1 hour 5 minutes",
            id="late-hours-minutes",
        ),
        pytest.param(
            at(2026, 3, 9, 17),
            at(2026, 3, 2, 17),
            -2400,
            True,
            False,
            "trễ 5 ngày",
            "late by 5 days",
            id="late-a-week",
        ),
        pytest.param(
            at(2026, 3, 6, 20),
            at(2026, 3, 6, 17),
            0,
            True,
            False,
            "đã quá hạn",
            "overdue",
            id="evening-after-due",
        ),
        pytest.param(
            at(2026, 3, 6, 16),
            at(2026, 3, 9, 10),
            240,
            False,
            True,
            "còn 4 giờ",
            "4 hours left",
            id="due-soon-over-weekend",
        ),
        pytest.param(
            at(2026, 2, 13, 10),
            at(2026, 2, 23, 10),
            480,
            False,
            True,
            "còn 1 ngày",
            "1 day left",
            id="due-soon-over-tet",
        ),
        pytest.param(
            at(2026, 3, 2, 16),
            at(2026, 3, 3, 15),
            420,
            False,
            True,
            "còn 7 giờ",
            "7 hours left",
            id="due-tomorrow",
        ),
        pytest.param(
            at(2026, 3, 2, 16),
            at(2026, 3, 3, 16, 1),
            481,
            False,
            False,
            "còn 1 ngày",
            "1 day left",
            id="just-over-a-day-and-24-hours",
        ),
    ],
)
def test_remaining(
    now: datetime, due_at: datetime, minutes: int, overdue: bool, soon: bool, vi: str, en: str
) -> None:
    result = remaining(CAL, now=now, due_at=due_at)
    assert (result.minutes, result.is_overdue, result.is_due_soon) == (minutes, overdue, soon)
    assert (result.text_vi, result.text_en) == (vi, en)


def test_due_soon_within_24_clock_hours_even_with_long_days() -> None:
    long_days = WorkingCalendar(
        weekly={weekday: ((time(7), time(19)),) for weekday in range(5)}, days_off={}, extra_working_days={}
    )
    result = remaining(long_days, now=at(2026, 3, 2, 8), due_at=at(2026, 3, 3, 7))
    assert (result.minutes, result.is_due_soon, result.text_vi) == (660, True, "còn 1 ngày 3 giờ")
    later = remaining(long_days, now=at(2026, 3, 2, 8), due_at=at(2026, 3, 3, 9))
    assert (later.minutes, later.is_due_soon) == (780, False)


def test_one_countdown_for_many_due_times_reads_as_each_alone() -> None:
    """A page of work measures twenty due times from one moment with one `Countdown`. Its answers are those
    of `working_minutes_between` and the clock, also when a due time far away makes the calendar's index grow
    (which moves the origin of the working-time coordinates) between two of them."""
    rng = random.Random(20261129)
    cal = vn_calendar()  # a calendar of its own: its index starts small and grows during the test
    now = at(2026, 11, 27, 16, 45)
    dues = [now + timedelta(minutes=rng.randrange(-40 * 24 * 60, 40 * 24 * 60)) for _ in range(300)]
    dues[150:150] = [at(2027, 9, 2, 10), at(2025, 1, 2, 8), now, now + timedelta(hours=24)]
    countdown = Countdown(cal, now)
    for due in dues:
        got = countdown(due)
        minutes = working_minutes_between(vn_calendar(), now, due)
        assert got.minutes == minutes, due
        assert got.is_overdue == (due < now)
        assert got.is_due_soon == (due >= now and (due - now <= timedelta(hours=24) or minutes <= 480))
        words = format_working_duration(cal, minutes, lang="vi")
        assert got.text_vi in (f"còn {words}", f"trễ {words}", "đến hạn", "đã quá hạn"), got
        assert got == remaining(vn_calendar(), now=now, due_at=due)


def test_remaining_rejects_naive() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        remaining(CAL, now=datetime(2026, 3, 2, 7), due_at=at(2026, 3, 2, 8))
    with pytest.raises(ValueError, match="timezone-aware"):
        remaining(CAL, now=at(2026, 3, 2, 7), due_at=datetime(2026, 3, 2, 8))


@pytest.mark.parametrize(
    ("minutes", "vi", "en"),
    [
        (0, "0 phút", "0 minutes"),
        (1, "1 phút", "1 minute"),
        (59, "59 phút", "59 minutes"),
        (60, "1 giờ", "1 hour"),
        (61, "1 giờ 1 phút", "1 hour 1 minute"),
        (479, "7 giờ 59 phút", "7 hours 59 minutes"),
        (480, "1 ngày", "1 day"),
        (539, "1 ngày", "1 day"),
        (540, "1 ngày 1 giờ", "1 day 1 hour"),
        (1140, "2 ngày 3 giờ", "2 days 3 hours"),
        (-1140, "2 ngày 3 giờ", "2 days 3 hours"),
    ],
)
def test_format_working_duration(minutes: int, vi: str, en: str) -> None:
    assert format_working_duration(CAL, minutes, lang="vi") == vi
    assert format_working_duration(CAL, minutes, lang="en") == en


@pytest.mark.parametrize(
    ("amount", "unit", "minutes"),
    [
        (1, WD, 480),
        (21.5, WD, 10320),
        (Decimal("0.5"), WD, 240),
        (0, WD, 0),
        (3, WH, 180),
        (0.1, WH, 6),
        (Decimal("0.01"), WH, 1),  # 0.6 min rounds half up to 1
        (Decimal("0.008"), WH, 0),  # 0.48 min rounds to 0
    ],
)
def test_working_minutes_for(amount: Decimal | float, unit: DurationUnit, minutes: int) -> None:
    assert working_minutes_for(CAL, amount, unit) == minutes


@pytest.mark.parametrize("unit", [CD, SD])
def test_working_minutes_for_rejects_non_working_units(unit: DurationUnit) -> None:
    with pytest.raises(ValueError, match="not measured"):
        working_minutes_for(CAL, 1, unit)


# ----------------------------------------------------------------------
# punctuality (date level, local time)
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finished_at", "due_at", "expected"),
    [
        pytest.param(at(2026, 3, 5, 16), at(2026, 3, 6, 10), "early", id="day-before"),
        pytest.param(at(2026, 2, 27, 9), at(2026, 3, 6, 10), "early", id="week-before"),
        pytest.param(at(2026, 3, 6, 8), at(2026, 3, 6, 10), "on_time", id="same-day-earlier"),
        pytest.param(at(2026, 3, 6, 10), at(2026, 3, 6, 10), "on_time", id="same-moment"),
        pytest.param(at(2026, 3, 6, 16), at(2026, 3, 6, 10), "on_time", id="same-day-later-hour"),
        pytest.param(at(2026, 3, 6, 23, 59), at(2026, 3, 6, 10), "on_time", id="same-day-late-night"),
        pytest.param(at(2026, 3, 7, 0, 0), at(2026, 3, 6, 17), "late", id="next-midnight"),
        pytest.param(at(2026, 3, 9, 7), at(2026, 3, 6, 17), "late", id="next-working-day"),
        pytest.param(
            datetime(2026, 3, 6, 17, 30, tzinfo=UTC), at(2026, 3, 6, 17), "late", id="utc-next-local-day"
        ),
        pytest.param(
            datetime(2026, 3, 6, 16, 30, tzinfo=UTC), at(2026, 3, 6, 17), "on_time", id="utc-same-local"
        ),
        pytest.param(at(2026, 3, 6, 6), datetime(2026, 3, 5, 18, tzinfo=UTC), "on_time", id="utc-due"),
    ],
)
def test_punctuality(finished_at: datetime, due_at: datetime, expected: str) -> None:
    assert punctuality(finished_at=finished_at, due_at=due_at) == expected


def test_punctuality_rejects_naive() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        punctuality(finished_at=datetime(2026, 3, 6, 8), due_at=at(2026, 3, 6, 10))


def test_next_working_moment_rejects_naive() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_working_moment(CAL, datetime(2026, 3, 6, 8))


# ----------------------------------------------------------------------
# Property-style checks against the reference implementation
# ----------------------------------------------------------------------


def random_moment(rng: random.Random) -> datetime:
    # Whole minutes most of the time, with seconds now and then (exactness must not depend on round inputs).
    moment = at(2025, 1, 1) + timedelta(minutes=rng.randrange(0, 2 * 366 * 24 * 60))
    return moment + timedelta(seconds=rng.randrange(60)) if rng.random() < 0.2 else moment


@pytest.mark.parametrize("cal", [CAL, SAT_CAL, PLAIN], ids=["vn", "saturday-mornings", "plain"])
def test_add_then_measure_round_trips(cal: WorkingCalendar) -> None:
    rng = random.Random(20260423)
    for _ in range(400):
        start = random_moment(rng)
        minutes = rng.choice([0, 1, 59, 60, 270, 271, 480, 481, rng.randrange(0, 90 * 480)])
        end = add_working_minutes(cal, start, minutes)
        effective = next_working_moment(cal, start)
        assert working_minutes_between(cal, effective, end) == minutes
        assert working_minutes_between(cal, start, end) == minutes
        assert working_minutes_between(cal, end, effective) == -minutes
        assert end == ref_add(cal, start, minutes)
        assert end >= effective >= start.astimezone(LOCAL_TZ) - timedelta(microseconds=0)
        assert cal.is_working_day(end.date())


@pytest.mark.parametrize("cal", [CAL, SAT_CAL], ids=["vn", "saturday-mornings"])
def test_between_matches_reference(cal: WorkingCalendar) -> None:
    rng = random.Random(7)
    for _ in range(300):
        a = random_moment(rng)
        b = a + timedelta(minutes=rng.randrange(-40 * 24 * 60, 40 * 24 * 60))
        assert working_minutes_between(cal, a, b) == ref_between(cal, a, b)


def test_due_never_falls_on_a_day_off_or_outside_working_hours() -> None:
    rng = random.Random(11)
    for _ in range(500):
        start = random_moment(rng)
        unit = rng.choice(list(DurationUnit))
        amount = rng.randrange(0, 60) if unit is not WH else rng.randrange(1, 200)
        due_at = compute_due(CAL, start=start, amount=amount, unit=unit).due_at
        intervals = CAL.intervals_on(due_at.date())
        assert intervals, due_at
        when = due_at.timetz().replace(tzinfo=None)
        assert any(open_ <= when <= close for open_, close in intervals), due_at
        assert due_at >= start


def test_ten_thousand_mixed_computations() -> None:
    """Exercises the fast paths at scale; the timing itself belongs to the benchmark, not to unit tests."""
    rng = random.Random(10_000)
    units = list(DurationUnit)
    for _ in range(10_000):
        start = random_moment(rng)
        unit = rng.choice(units)
        amount: Decimal | int = rng.randrange(0, 91) if unit is not WH else rng.randrange(0, 721)
        if unit is WD and rng.random() < 0.3:
            amount = Decimal(amount) + Decimal("0.5")
        pauses: list[tuple[datetime, datetime | None]] = []
        if rng.random() < 0.3:
            pause_start = start + timedelta(hours=rng.randrange(0, 500))
            pauses.append((pause_start, pause_start + timedelta(hours=rng.randrange(0, 300))))
        result = compute_due(CAL, start=start, amount=amount, unit=unit, pauses=pauses)
        assert result.due_at >= start
        assert result.explanation[-1].kind == ExplanationKind.DUE


# ----------------------------------------------------------------------
# The cached day index: growth, far-away dates, limits
# ----------------------------------------------------------------------


def test_index_growth_keeps_results_exact() -> None:
    cal = WorkingCalendar.default()  # fresh instance: a fresh cache
    first = add_working_minutes(cal, at(2026, 3, 2, 10), 480)
    # Forward beyond the first index (about two years after the first date) and backward before it.
    assert add_working_minutes(cal, at(2026, 3, 2, 10), 700 * 480) == ref_add(
        cal, at(2026, 3, 2, 10), 700 * 480
    )
    assert add_working_minutes(cal, at(2019, 3, 4, 10), 480) == at(2019, 3, 5, 10)
    assert working_minutes_between(cal, at(2019, 3, 4, 10), at(2019, 3, 11, 10)) == 5 * 480
    # A stray far-away date gets its own index and does not break the usual range.
    assert add_working_minutes(cal, at(2190, 3, 4, 10), 480) == ref_add(cal, at(2190, 3, 4, 10), 480)
    assert add_working_minutes(cal, at(2026, 3, 2, 10), 480) == first == at(2026, 3, 3, 10)


def test_limits_on_absurd_inputs() -> None:
    with pytest.raises(ValueError, match="too far apart"):
        working_minutes_between(PLAIN, at(1990, 1, 1), at(2060, 1, 1))
    with pytest.raises(ValueError, match="too long"):
        add_working_minutes(PLAIN, at(2026, 3, 2, 10), 60 * 260 * 480)


def test_replaced_calendar_sees_the_change() -> None:
    from dataclasses import replace

    storm = replace(CAL, days_off={**CAL.days_off, date(2026, 3, 3): "Nghỉ do bão"})
    assert compute_due(CAL, start=START, amount=1, unit=WD).due_at == at(2026, 3, 3, 8)
    assert compute_due(storm, start=START, amount=1, unit=WD).due_at == at(2026, 3, 4, 8)


def test_dates_arriving_in_order_on_one_calendar() -> None:
    """A legacy import walks through years of dates in order on one calendar instance."""
    cal = vn_calendar()
    for offset in range(0, 3 * 365, 5):
        start = at(2025, 1, 1, 9) + timedelta(days=offset)
        assert add_working_minutes(cal, start, 3 * 480) == ref_add(cal, start, 3 * 480)


def skipped_days(note_text: str) -> list[date]:
    """The days an explanation such as "Bỏ qua 14/02–15/02/2026: cuối tuần" says were skipped."""
    span = note_text.removeprefix("Bỏ qua ").split(":")[0]
    first_text, _, last_text = span.partition("–")
    last = datetime.strptime(last_text or first_text, "%d/%m/%Y").date()
    first = datetime.strptime(
        first_text if first_text.count("/") == 2 else f"{first_text}/{last.year}", "%d/%m/%Y"
    )
    return [first.date() + timedelta(days=n) for n in range((last - first.date()).days + 1)]


@pytest.mark.parametrize("cal", [CAL, SAT_CAL], ids=["vn", "saturday-mornings"])
def test_explanation_lists_exactly_the_days_off_between_receipt_and_due(cal: WorkingCalendar) -> None:
    rng = random.Random(3)
    for _ in range(300):
        start = random_moment(rng)
        unit = rng.choice([WD, WH, SD])
        result = compute_due(cal, start=start, amount=rng.randrange(0, 40), unit=unit)
        listed = [
            day
            for note in result.explanation
            if note.kind in {ExplanationKind.WEEKEND, ExplanationKind.DAY_OFF}
            for day in skipped_days(note.text)
        ]
        received = start.astimezone(LOCAL_TZ).date()
        expected = [
            received + timedelta(days=n)
            for n in range((result.due_at.date() - received).days + 1)
            if not cal.is_working_day(received + timedelta(days=n))
        ]
        assert listed == expected, (start, unit)
        extra = [note.day for note in result.explanation if note.kind == ExplanationKind.EXTRA_WORKING_DAY]
        effective = next_working_moment(cal, start).date()
        assert extra == [day for day in cal.extra_working_days if effective <= day <= result.due_at.date()]


def test_every_explanation_is_in_english_too() -> None:
    """The console speaks English second: each explanation has an English sentence without Vietnamese words."""
    from motcua.calendar.due import compute_due
    from motcua.calendar.working_time import DurationUnit, WorkingCalendar
    from motcua.core.time import LOCAL_TZ

    tz = LOCAL_TZ

    cal = WorkingCalendar.default(
        days_off=dict(holidays.country_holidays("VN", years=[2026], language="vi").items()),
        extra_working_days={date(2026, 8, 22): "Làm bù"},
    )
    cases = [
        (datetime(2026, 2, 13, 15, 30, tzinfo=tz), 0, DurationUnit.SAME_DAY, ()),
        (datetime(2026, 2, 13, 9, 0, tzinfo=tz), 0, DurationUnit.SAME_DAY, ()),
        (datetime(2026, 8, 21, 18, 0, tzinfo=tz), 1, DurationUnit.WORKING_DAYS, ()),
        (datetime(2026, 4, 20, 10, 0, tzinfo=tz), 10, DurationUnit.CALENDAR_DAYS, ()),
        (
            datetime(2026, 3, 2, 8, 0, tzinfo=tz),
            5,
            DurationUnit.WORKING_DAYS,
            ((datetime(2026, 3, 3, 9, 0, tzinfo=tz), datetime(2026, 3, 5, 9, 0, tzinfo=tz)),),
        ),
    ]
    for start, amount, unit, pauses in cases:
        for note in compute_due(cal, start=start, amount=amount, unit=unit, pauses=pauses).explanation:
            assert note.text_en, note
            english = note.text_en.replace("Làm bù", "").replace("Tết Nguyên Đán", "")
            for word in ("Nhận", "ngày", "Bỏ qua", "Hạn", "Tạm dừng", "cuối tuần"):
                assert word not in english, note
