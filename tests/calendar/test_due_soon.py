"""The one "due soon" rule (`countdown.due_soon_until`): within 24 clock hours, or at most one working day of
working time left, whichever reaches further; the badge (`Countdown`) reads it and nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from motcua.calendar import countdown
from motcua.calendar.working_time import WorkingCalendar
from motcua.core.time import LOCAL_TZ

CAL = WorkingCalendar.default()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=LOCAL_TZ)  # March 2026: Monday the 2nd, Friday the 6th


# (now, due, due soon, overdue): the reading of each moment against the rule.
TABLE = [
    # Tuesday 09:00: one working day reaches Wednesday 09:00; 24 hours reach the same moment.
    (at(3, 9), at(4, 9), True, False),
    (at(3, 9), at(4, 9, 1), False, False),
    # Friday 16:00: 24 hours reach Saturday 16:00, one working day reaches Monday 16:00 (one hour on Friday,
    # 4.5 on Monday morning, 2.5 after the lunch break): Monday 16:00 is due soon, Monday 16:01 is not.
    (at(6, 16), at(9, 16), True, False),
    (at(6, 16), at(9, 16, 1), False, False),
    # Friday 18:00, after closing: the working day counts from Monday's opening, to Monday 17:00.
    (at(6, 18), at(9, 17), True, False),
    (at(6, 18), at(10, 8), False, False),
    # Past the due moment: overdue, never due soon; the due moment itself is due soon, not overdue.
    (at(3, 9), at(3, 8, 59), False, True),
    (at(3, 9), at(3, 9), True, False),
]


@pytest.mark.parametrize(("now", "due", "soon", "late"), TABLE)
def test_the_badge_reads_the_one_threshold(now: datetime, due: datetime, soon: bool, late: bool) -> None:
    until = countdown.due_soon_until(CAL, now)
    assert (now <= due <= until) is soon
    left = countdown.remaining(CAL, now=now, due_at=due)
    assert (left.is_due_soon, left.is_overdue) == (soon, late)


def test_the_threshold_is_never_before_24_hours() -> None:
    for hours in range(0, 24 * 14, 5):
        now = at(2, 7) + timedelta(hours=hours)
        assert countdown.due_soon_until(CAL, now) >= now + timedelta(hours=24)
