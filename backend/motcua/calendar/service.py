"""A unit's working calendar in the database, turned into the pure `WorkingCalendar` of the deadlines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from enum import Enum
from typing import Literal

import holidays
from sqlalchemy import delete, extract, select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar.models import CalendarDay, CalendarSettings, WorkingHours
from motcua.calendar.schemas import (
    CalendarDayCreate,
    CalendarDayUpdate,
    CalendarRead,
    CalendarUpdate,
    WorkingInterval,
)
from motcua.calendar.working_time import WorkingCalendar
from motcua.core.db import bind_cache
from motcua.core.errors import Conflict, NotFound
from motcua.core.time import utcnow

# State offices work 8 hours a day, Monday to Friday (Decision 188/1999/QĐ-TTg, the 40-hour week); the usual
# split is 07:00–11:30 and 13:30–17:00, which each center may change.
DEFAULT_INTERVALS: tuple[tuple[time, time], ...] = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))

# The government moves days to bridge holidays; the `holidays` package lists the day given off but not the
# Saturday worked in exchange, so those are kept here and seeded as extra working days.
KNOWN_MAKEUP_DAYS: dict[date, str] = {
    date(2025, 4, 26): "Làm bù cho ngày nghỉ 02/05/2025",
    date(2026, 8, 22): "Làm bù cho ngày nghỉ 31/08/2026",
}


async def ensure_defaults(session: AsyncSession, *, unit_id: int, years: Iterable[int]) -> None:
    """Give a new unit the standard week and the national holidays of `years` (admin edits are kept)."""
    if await session.get(CalendarSettings, unit_id) is None:
        session.add(CalendarSettings(unit_id=unit_id))
        for weekday in range(5):
            for start, end in DEFAULT_INTERVALS:
                session.add(WorkingHours(unit_id=unit_id, weekday=weekday, start_time=start, end_time=end))
        await session.flush()  # the settings row is the calendar's stamp, which `seed_holidays` updates
    await seed_holidays(session, unit_id=unit_id, years=years)


async def seed_holidays(session: AsyncSession, *, unit_id: int, years: Iterable[int]) -> int:
    """Days off from the Labour Code 2019 art. 112 (computed by `holidays`, lunar dates included) and the
    known make-up working Saturdays. Dates that already have an entry are left alone."""
    await _changed(session, unit_id=unit_id)
    years = sorted(set(years))
    existing = set(
        (
            await session.scalars(
                select(CalendarDay.day).where(
                    CalendarDay.unit_id == unit_id,
                    CalendarDay.day >= date(years[0], 1, 1),
                    CalendarDay.day <= date(years[-1], 12, 31),
                )
            )
        ).all()
    )
    added = 0
    national = holidays.country_holidays("VN", years=years, language="vi")
    entries: list[tuple[date, str, str]] = [(d, "day_off", str(n)) for d, n in national.items()]
    entries += [(d, "working_day", n) for d, n in KNOWN_MAKEUP_DAYS.items() if d.year in years]
    for day, kind, name in sorted(entries):
        if day in existing:
            continue
        session.add(CalendarDay(unit_id=unit_id, day=day, kind=kind, name=name, source="holidays"))
        existing.add(day)
        added += 1
    await session.flush()
    return added


async def read_settings(session: AsyncSession, *, unit_id: int) -> CalendarRead:
    settings = await session.get(CalendarSettings, unit_id)
    hours = (
        await session.scalars(
            select(WorkingHours)
            .where(WorkingHours.unit_id == unit_id)
            .order_by(WorkingHours.weekday, WorkingHours.start_time)
        )
    ).all()
    return CalendarRead(
        working_hours=[WorkingInterval(weekday=h.weekday, start=h.start_time, end=h.end_time) for h in hours],
        same_day_cutoff=settings.same_day_cutoff if settings else time(15, 0),
        hours_per_working_day=settings.hours_per_working_day if settings else 8,
    )


async def update_settings(session: AsyncSession, *, unit_id: int, data: CalendarUpdate) -> CalendarRead:
    settings = await _changed(session, unit_id=unit_id)
    settings.same_day_cutoff = data.same_day_cutoff
    settings.hours_per_working_day = data.hours_per_working_day
    await session.execute(delete(WorkingHours).where(WorkingHours.unit_id == unit_id))
    for interval in sorted(data.working_hours, key=lambda i: (i.weekday, i.start)):
        session.add(
            WorkingHours(
                unit_id=unit_id, weekday=interval.weekday, start_time=interval.start, end_time=interval.end
            )
        )
    await session.flush()
    return await read_settings(session, unit_id=unit_id)


async def list_days(session: AsyncSession, *, unit_id: int, year: int | None) -> Sequence[CalendarDay]:
    stmt = select(CalendarDay).where(CalendarDay.unit_id == unit_id)
    if year is not None:
        stmt = stmt.where(extract("year", CalendarDay.day) == year)
    return (await session.scalars(stmt.order_by(CalendarDay.day))).all()


async def get_day(session: AsyncSession, *, unit_id: int, day_id: int) -> CalendarDay:
    row = await session.scalar(
        select(CalendarDay).where(CalendarDay.id == day_id, CalendarDay.unit_id == unit_id)
    )
    if row is None:
        raise NotFound("Calendar day not found")
    return row


async def add_day(session: AsyncSession, *, unit_id: int, data: CalendarDayCreate) -> CalendarDay:
    taken = await session.scalar(
        select(CalendarDay.id).where(CalendarDay.unit_id == unit_id, CalendarDay.day == data.date)
    )
    if taken is not None:
        raise Conflict(f"{data.date.isoformat()} already has an entry; edit it instead")
    await _changed(session, unit_id=unit_id)
    row = CalendarDay(unit_id=unit_id, day=data.date, kind=data.kind, name=data.name, source="admin")
    session.add(row)
    await session.flush()
    return row


async def update_day(session: AsyncSession, *, row: CalendarDay, data: CalendarDayUpdate) -> CalendarDay:
    fields = data.model_dump(exclude_unset=True)
    if fields.get("kind") is not None:
        row.kind = fields["kind"]
    if fields.get("name") is not None:
        row.name = fields["name"]
    row.source = "admin"
    await _changed(session, unit_id=row.unit_id)
    await session.flush()
    return row


async def delete_day(session: AsyncSession, *, row: CalendarDay) -> None:
    await _changed(session, unit_id=row.unit_id)
    await session.delete(row)
    await session.flush()


class _Stamp(Enum):
    READ = "read"  # `working_calendar(stamp=...)` default: read it (a caller that already has it passes it)


async def _changed(session: AsyncSession, *, unit_id: int) -> CalendarSettings:
    """Every change to a unit's calendar goes through here, in the changing transaction: it stamps the unit's
    settings row (the stamp that every worker compares with its cached calendar, see `working_calendar`) and
    forgets the calendar this request already read. Flushed by the caller, like the change itself."""
    session.info.pop(f"working_calendar:{unit_id}", None)
    settings = await session.get(CalendarSettings, unit_id)
    if settings is None:  # the defaults `read_settings` assumes, made explicit so that there is a stamp
        settings = CalendarSettings(unit_id=unit_id, same_day_cutoff=time(15, 0), hours_per_working_day=8)
        session.add(settings)
        await session.flush()  # found by the next `session.get` of this request
    settings.updated_at = utcnow()
    return settings


def stamp_sql(unit: str) -> str:
    """The stamp as a scalar subquery in SQL (`unit`: the expression giving the unit's id), for a statement
    that reads it beside what it reads anyway, then `working_calendar(stamp=...)`: one round trip less."""
    return f"(SELECT c.updated_at FROM calendar_settings c WHERE c.unit_id = {unit})"


async def calendar_stamp(session: AsyncSession, *, unit_id: int) -> datetime | None:
    """When the unit's calendar last changed (None: never set up, nothing is cached)."""
    stamp: datetime | None = await session.scalar(
        select(CalendarSettings.updated_at).where(CalendarSettings.unit_id == unit_id)
    )
    return stamp


async def working_calendar(
    session: AsyncSession, *, unit_id: int, stamp: datetime | Literal[_Stamp.READ] | None = _Stamp.READ
) -> WorkingCalendar:
    """The unit's calendar as the deadline engine needs it. Each worker keeps it in memory with the stamp of
    the unit's last calendar change and reads only that stamp (one row) to know it is current, so that an
    edit applies to the next request in every worker; `stamp` is that value when the caller already read it
    (the intake reads it with the unit). Within a request it is read once (kept in the session, which lives
    as long as the request). The stamp is read before the calendar: a change committed between the two
    leaves a newer calendar under an older stamp, which the next request reloads."""
    key = f"working_calendar:{unit_id}"
    cached: WorkingCalendar | None = session.info.get(key)
    if cached is not None:
        return cached
    if stamp is _Stamp.READ:
        stamp = await calendar_stamp(session, unit_id=unit_id)
    shared = bind_cache(session, "working_calendar")
    entry: tuple[object, WorkingCalendar] | None = shared.get(unit_id)
    if stamp is not None and entry is not None and entry[0] == stamp:
        cached = entry[1]
    else:
        cached = await _load_working_calendar(session, unit_id=unit_id)
        if stamp is not None:
            shared[unit_id] = (stamp, cached)
    session.info[key] = cached
    return cached


async def _load_working_calendar(session: AsyncSession, *, unit_id: int) -> WorkingCalendar:
    settings = await read_settings(session, unit_id=unit_id)
    weekly: dict[int, list[tuple[time, time]]] = {d: [] for d in range(7)}
    for interval in settings.working_hours:
        weekly[interval.weekday].append((interval.start, interval.end))
    if not settings.working_hours:  # a unit whose week was never set up works the standard week
        weekly.update({d: list(DEFAULT_INTERVALS) for d in range(5)})
    days = (
        await session.execute(
            select(CalendarDay.day, CalendarDay.kind, CalendarDay.name).where(CalendarDay.unit_id == unit_id)
        )
    ).all()
    # A make-up working day follows the hours of the weekday with the longest schedule (normally Monday).
    longest = max(
        weekly.values(),
        key=lambda v: sum((e.hour * 60 + e.minute) - (s.hour * 60 + s.minute) for s, e in v),
        default=[],
    )
    return WorkingCalendar(
        weekly={d: tuple(v) for d, v in weekly.items()},
        days_off={d: n for d, k, n in days if k == "day_off"},
        extra_working_days={d: n for d, k, n in days if k == "working_day"},
        extra_day_hours=tuple(longest) or DEFAULT_INTERVALS,
        same_day_cutoff=settings.same_day_cutoff,
        hours_per_working_day=settings.hours_per_working_day,
    )
