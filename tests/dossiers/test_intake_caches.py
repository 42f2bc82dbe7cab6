"""What each worker keeps in memory for the intake (the unit's calendar, the catalog's versions in force) is
checked against the database on every use: a change applies to the next intake, in every worker."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from conftest import Database
from helpers import birth_registration, login, receive
from motcua.calendar import service as calendar_service
from motcua.calendar import working_time
from motcua.calendar.schemas import CalendarDayCreate, CalendarDayUpdate, CalendarUpdate, WorkingInterval
from motcua.core.db import joined_sessionmaker
from motcua.core.time import LOCAL_TZ
from motcua.dossiers import intake
from motcua.dossiers.schemas import DossierCreate
from motcua.procedures import editing
from motcua.procedures import service as procedures_service
from motcua.procedures.models import Procedure
from motcua.staff.models import Staff
from motcua.units import service as units_service

UNIT = 1  # the demo center
# A Wednesday at 09:00 in the center (no holiday): a same-day procedure is due that day.
MORNING = datetime(2027, 3, 3, 2, 0, tzinfo=UTC)


def _maker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # Like the app's sessions in the tests: each one is a request, inside the test's rolled-back transaction.
    return joined_sessionmaker(connection)


async def _intake_due(
    maker: async_sessionmaker[AsyncSession], database: Database, now: datetime
) -> datetime | None:
    async with maker() as session:
        actor = await session.scalar(select(Staff.id).where(Staff.username == "tiepnhan1"))
        assert actor is not None
    received = await intake.receive(
        maker,
        database.settings,
        unit_id=UNIT,
        actor_id=actor,
        roles=frozenset({"receptionist"}),
        data=DossierCreate.model_validate(birth_registration()),
        idempotency_key=None,
        now=now,
    )
    assert received.created
    return received.dossier.due_at


def _local_day(moment: datetime | None) -> date:
    assert moment is not None
    return moment.astimezone(LOCAL_TZ).date()


async def test_a_calendar_change_applies_to_the_next_intake(
    connection: AsyncConnection, database: Database
) -> None:
    maker = _maker(connection)
    assert _local_day(await _intake_due(maker, database, MORNING)) == date(2027, 3, 3)
    # Another request (any worker) makes that day a day off: the next intake moves to the next working day.
    async with maker() as session, session.begin():
        data = CalendarDayCreate(date=date(2027, 3, 3), kind="day_off", name="Nghỉ đột xuất")
        await calendar_service.add_day(session, unit_id=UNIT, data=data)
    assert _local_day(await _intake_due(maker, database, MORNING)) == date(2027, 3, 4)


async def test_the_calendar_is_reused_until_it_changes(connection: AsyncConnection) -> None:
    maker = _maker(connection)

    async def calendar() -> working_time.WorkingCalendar:
        async with maker() as session:
            return await calendar_service.working_calendar(session, unit_id=UNIT)

    first = await calendar()
    assert await calendar() is first  # one stamp read, not the whole calendar again
    async with maker() as session, session.begin():
        hours = [WorkingInterval(weekday=d, start=time(8, 0), end=time(16, 0)) for d in range(5)]
        await calendar_service.update_settings(
            session,
            unit_id=UNIT,
            data=CalendarUpdate(working_hours=hours, same_day_cutoff=time(15, 0), hours_per_working_day=8),
        )
    changed = await calendar()
    assert changed is not first
    assert changed.weekly[0] == ((time(8, 0), time(16, 0)),)


async def test_every_calendar_edit_moves_the_stamp(session: AsyncSession) -> None:
    stamps = [await calendar_service.calendar_stamp(session, unit_id=UNIT)]

    async def edited() -> None:
        stamp = await calendar_service.calendar_stamp(session, unit_id=UNIT)
        assert stamp not in stamps
        stamps.append(stamp)

    row = await calendar_service.add_day(
        session, unit_id=UNIT, data=CalendarDayCreate(date=date(2027, 6, 1), kind="day_off", name="Nghỉ")
    )
    await edited()
    await calendar_service.update_day(session, row=row, data=CalendarDayUpdate(name="Nghỉ bù"))
    await edited()
    await calendar_service.delete_day(session, row=row)
    await edited()
    await calendar_service.seed_holidays(session, unit_id=UNIT, years=[2030])
    await edited()


async def test_a_catalog_change_applies_to_the_next_intake(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    counter = await login(client, "tiepnhan1")
    await receive(client, counter)  # the version in force is now kept by this worker
    unpublished = await client.post("/api/procedures/1.001193/unpublish", headers=admin_headers)
    assert unpublished.status_code == 200
    r = await client.post("/api/dossiers", json=birth_registration(), headers=counter)
    assert r.status_code == 422, r.text
    await client.post("/api/procedures/1.001193/publish", headers=admin_headers)
    await receive(client, counter)


async def test_the_version_in_force_is_kept_under_the_catalog_revision(connection: AsyncConnection) -> None:
    maker = _maker(connection)

    async def pinned() -> tuple[procedures_service.PinnedProcedure, procedures_service.PinnedVersion] | None:
        facts = await intake._learn(maker, unit_id=UNIT)
        async with maker() as session:
            return await procedures_service.version_in_force(
                session, province_id=facts.province_id, code="1.001193", revision=facts.catalog_revision
            )

    first = await pinned()
    assert first is not None
    assert await pinned() is first
    async with maker() as session, session.begin():
        procedure = await session.scalar(select(Procedure).where(Procedure.code == "1.001193"))
        assert procedure is not None
        await editing.set_published(session, procedure=procedure, published=False)
    assert await pinned() is None


@pytest.mark.parametrize("code", ["1.001193", "9.999999"])
async def test_version_in_force_without_a_revision_reads_the_database(
    session: AsyncSession, code: str
) -> None:
    province = await units_service.province_of(session, unit_id=UNIT)
    found = await procedures_service.version_in_force(session, province_id=province, code=code)
    assert (found is not None) == (code == "1.001193")
    if found is not None:
        procedure, version = found
        assert procedure.code == code
        assert version.data["documents"]
