"""Helpers shared by the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.assignment.models import StaffWorkload
from motcua.core.security import hash_password
from motcua.core.time import travel_to, utcnow
from motcua.dossiers import steps
from motcua.staff.models import Staff, StaffRole
from motcua.units.models import AdminArea, Unit


async def login(
    client: httpx.AsyncClient, username: str = "admin", password: str = "demo1234"
) -> dict[str, str]:
    """Log in and return the Authorization header."""
    response = await client.post("/api/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def birth_registration(**change: object) -> dict[str, object]:
    """An intake body for birth registration (1.001193) with every mandatory document received."""
    body: dict[str, object] = {
        "procedure_code": "1.001193",
        "channel": 1,
        "applicant": {
            "full_name": "Nguyễn Văn An",
            "id_number": "001203004567",
            "birth_date": "1990-05-17",
            "phone": "0912345678",
            "email": "an@example.vn",
            "address": "Thôn Đại Đồng, xã Vĩnh Hưng, tỉnh Phú Thọ",
        },
        "documents": [
            {"index": 0, "originals": 1},
            {"index": 1, "originals": 1},
            {"index": 2, "originals": 1},
        ],
        "fees": [],
    }
    body.update(change)
    return body


async def receive(client: httpx.AsyncClient, headers: dict[str, str], **change: object) -> dict[str, object]:
    response = await client.post("/api/dossiers", json=birth_registration(**change), headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result


async def act(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    dossier: dict[str, object],
    action: str,
    body: dict[str, object] | None = None,
    expect: int = 200,
) -> dict[str, object]:
    response = await client.post(
        f"/api/dossiers/{dossier['id']}/actions/{action}",
        json=body or {},
        headers=headers | {"If-Match": str(dossier["version"])},
    )
    assert response.status_code == expect, response.text
    result: dict[str, object] = response.json()
    return result


@contextmanager
def within_one_minute() -> Iterator[None]:
    """Public lookups are counted per minute: the clock is set to the start of the next minute for the block,
    so that a test's lookups all fall in one window (instead of waiting for a fresh minute)."""
    with travel_to(utcnow().replace(second=0, microsecond=0) + timedelta(minutes=1)):
        yield


async def assert_workloads_match_the_steps(session: AsyncSession, *, unit_id: int) -> None:
    """The kept counters of a unit's staff, which auto-assignment reads, equal a count of their open steps."""
    expected = await steps.recount(session, unit_id=unit_id)
    kept = {
        w.staff_id: (w.open_steps, w.due_soon, w.overdue)
        for w in (
            await session.scalars(
                select(StaffWorkload)
                .join(Staff, Staff.id == StaffWorkload.staff_id)
                .where(Staff.unit_id == unit_id)  # not the committed centers of the concurrency tests
            )
        ).all()
        if w.open_steps or w.due_soon or w.overdue
    }
    assert kept == expected


async def new_unit(session: AsyncSession, *, commune: str, name: str, unit_code: str) -> Unit:
    """Another service center, for a new commune of the seeded province (what a unit must not see of another)."""
    province = await session.scalar(select(AdminArea).where(AdminArea.level == "province"))
    assert province is not None
    area = AdminArea(level="commune", name=commune, parent_id=province.id)
    session.add(area)
    await session.flush()
    unit = Unit(name=name, unit_code=unit_code, commune_id=area.id, province_id=province.id)
    session.add(unit)
    await session.flush()
    return unit


async def new_staff(
    session: AsyncSession, *, unit_id: int, username: str, full_name: str, password: str, role: str
) -> Staff:
    """An officer with one role, written straight to the database."""
    staff = Staff(
        unit_id=unit_id, username=username, full_name=full_name, password_hash=hash_password(password)
    )
    session.add(staff)
    await session.flush()
    session.add(StaffRole(staff_id=staff.id, role=role))
    return staff
