"""Parallel auto-assignments, claims and reminder jobs on real committed transactions, each test in a center of
its own so that its committed rows never meet the other tests' data."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from conftest import Database
from helpers import birth_registration, login
from motcua.assignment import reminders
from motcua.assignment.models import Notification
from motcua.calendar import service as calendar_service
from motcua.core.db import create_read_sessionmaker, create_sessionmaker, utcnow
from motcua.core.security import hash_password
from motcua.main import create_app
from motcua.procedures.models import Sector
from motcua.staff.models import Staff, StaffRole, StaffSector
from motcua.units.models import AdminArea, Unit

_units = itertools.count(60)
SPECIALISTS = 5


class Center:
    def __init__(self, client: httpx.AsyncClient, database: Database, unit_id: int, n: int) -> None:
        self.client, self.database, self.unit_id, self.n = client, database, unit_id, n


@pytest.fixture
async def center(database: Database) -> AsyncIterator[Center]:
    app = create_app(database.settings)
    app.state.engine = database.engine
    app.state.sessionmaker = maker = create_sessionmaker(database.engine)
    app.state.read_sessionmaker = create_read_sessionmaker(database.engine)
    n = next(_units)
    async with maker() as session, session.begin():
        province = await session.scalar(select(AdminArea).where(AdminArea.level == "province"))
        sector = await session.scalar(select(Sector).where(Sector.name_vi == "Hộ tịch"))
        assert province is not None
        assert sector is not None
        commune = AdminArea(level="commune", name=f"Xã Song Song {n}", parent_id=province.id)
        session.add(commune)
        await session.flush()
        unit = Unit(
            name=f"Trung tâm {n}",
            unit_code=f"000.00.27.P{n:02d}",
            commune_id=commune.id,
            province_id=province.id,
        )
        session.add(unit)
        await session.flush()
        await calendar_service.ensure_defaults(session, unit_id=unit.id, years=[2025, 2026, 2027])
        people = [(f"quay{n}", "receptionist"), (f"lanhdao{n}", "leader")]
        people += [(f"cv{n}x{i}", "specialist") for i in range(SPECIALISTS)]
        for username, role in people:
            staff = Staff(
                unit_id=unit.id,
                username=username,
                full_name=f"Cán bộ {username}",
                password_hash=hash_password("pass-1234"),
            )
            session.add(staff)
            await session.flush()
            session.add(StaffRole(staff_id=staff.id, role=role))
            if role == "specialist":
                session.add(StaffSector(staff_id=staff.id, sector_id=sector.id))
        unit_id = unit.id
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=300) as client:
        yield Center(client, database, unit_id, n)


async def _received(center: Center, count: int) -> tuple[dict[str, str], list[dict[str, object]]]:
    counter = await login(center.client, f"quay{center.n}", "pass-1234")
    created = []
    for _ in range(count):
        r = await center.client.post("/api/dossiers", json=birth_registration(), headers=counter)
        assert r.status_code == 201, r.text
        created.append(r.json())
    return counter, created


async def test_parallel_auto_assignments_spread_evenly(center: Center) -> None:
    counter, dossiers = await _received(center, 100)
    responses = await asyncio.gather(
        *(
            center.client.post(
                f"/api/dossiers/{d['id']}/actions/forward",
                json={},
                headers=counter | {"If-Match": str(d["version"])},
            )
            for d in dossiers
        )
    )
    assert [r.status_code for r in responses] == [200] * 100, {
        r.text for r in responses if r.status_code != 200
    }
    spread = Counter(r.json()["assignee"]["id"] for r in responses)
    assert len(spread) == SPECIALISTS
    assert set(spread.values()) == {100 // SPECIALISTS}


async def test_parallel_claims_one_wins(center: Center) -> None:
    counter, (d,) = await _received(center, 1)
    leader = await login(center.client, f"lanhdao{center.n}", "pass-1234")
    forwarded = await center.client.post(
        f"/api/dossiers/{d['id']}/actions/forward", json={}, headers=counter | {"If-Match": str(d["version"])}
    )
    holder = forwarded.json()["assignee"]["id"]
    released = await center.client.post(
        f"/api/dossiers/{d['id']}/release", json={"reason": "Về hàng chờ"}, headers=leader
    )
    assert released.status_code == 200
    heads = [await login(center.client, f"cv{center.n}x{i}", "pass-1234") for i in range(SPECIALISTS)]
    results = await asyncio.gather(
        *(center.client.post(f"/api/dossiers/{d['id']}/claim", headers=h) for h in heads)
    )
    assert sorted(r.status_code for r in results) == [200] + [409] * (SPECIALISTS - 1)
    events = (await center.client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()
    assert [e["action"] for e in events].count("claim") == 1
    assert holder is not None


async def test_two_reminder_jobs_at_once_remind_once(center: Center) -> None:
    counter, dossiers = await _received(center, 10)
    for d in dossiers:
        r = await center.client.post(
            f"/api/dossiers/{d['id']}/actions/forward",
            json={},
            headers=counter | {"If-Match": str(d["version"])},
        )
        assert r.status_code == 200
    maker = create_sessionmaker(center.database.engine)
    later = utcnow() + timedelta(days=60)  # every step overdue by then
    runs = await asyncio.gather(
        *(
            reminders.run_once(maker, center.database.settings, now=later, unit_id=center.unit_id)
            for _ in range(2)
        )
    )
    assert sum(r.overdue for r in runs) == 10  # each step raised once, by one of the two jobs
    async with maker() as session:
        count = await session.scalar(
            select(func.count()).select_from(Notification).where(Notification.unit_id == center.unit_id)
        )
        per_step = await session.scalar(
            select(func.count(func.distinct(Notification.step_id))).where(
                Notification.unit_id == center.unit_id
            )
        )
    assert sum(r.notifications for r in runs) == count == 20  # the holder and the one leader, per step
    assert per_step == 10
