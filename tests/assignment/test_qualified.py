"""Who is qualified for a step: one definition (`candidates`' facts judged by `choice.refusal`) for the automatic
pick, a named choice and the list a leader chooses from. Each officer below differs from the qualified one in
one fact; the three uses must agree on every one of them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from helpers import new_staff, new_unit
from motcua.absences.models import Absence
from motcua.assignment import candidates, choice
from motcua.core.errors import Conflict, NotFound
from motcua.core.time import utcnow
from motcua.procedures.models import Procedure, Sector
from motcua.staff.models import StaffProcedure, StaffSector
from motcua.units.models import Department

# username → (role, in the step's department, competent for its sector, active, absent now, why not)
OFFICERS: dict[str, tuple[str, bool, bool, bool, bool, choice.Refusal | None]] = {
    "du_dieu_kien": ("specialist", True, True, True, False, None),
    "ngung_hoat_dong": ("specialist", True, True, False, False, "inactive"),
    "khong_co_vai_tro": ("receptionist", True, True, True, False, "no_role"),
    "phong_khac": ("specialist", False, True, True, False, "other_department"),
    "khong_phu_trach": ("specialist", True, False, True, False, "not_competent"),
    "dang_vang": ("specialist", True, True, True, True, "absent"),
}


@pytest.fixture
async def world(session: AsyncSession) -> tuple[candidates.StepNeed, dict[str, int]]:
    unit = await new_unit(session, commune="Xã Thử Nghiệm", name="Trung tâm thử", unit_code="000.00.25.T01")
    department = Department(unit_id=unit.id, name="Phòng Tư pháp")
    other = Department(unit_id=unit.id, name="Phòng Kinh tế")
    session.add_all([department, other])
    sector = await session.scalar(select(Sector).where(Sector.name_vi == "Hộ tịch"))
    procedure = await session.scalar(select(Procedure).where(Procedure.code == "1.001193"))
    assert sector is not None
    assert procedure is not None
    await session.flush()
    ids: dict[str, int] = {}
    now = utcnow()
    for username, (role, inside, competent, active, absent, _why) in OFFICERS.items():
        staff = await new_staff(
            session, unit_id=unit.id, username=username, full_name=username, password="mat-khau-1", role=role
        )
        staff.department_id = department.id if inside else other.id
        staff.is_active = active
        if competent:
            session.add(StaffSector(staff_id=staff.id, sector_id=sector.id))
        if absent:
            session.add(
                Absence(
                    unit_id=unit.id,
                    staff_id=staff.id,
                    kind="leave",
                    starts_at=now - timedelta(hours=1),
                    ends_at=now + timedelta(days=1),
                    created_by_id=staff.id,
                )
            )
        ids[username] = staff.id
    await session.flush()
    need = candidates.StepNeed(
        unit_id=unit.id,
        kind="specialist",
        department_id=department.id,
        sector_id=sector.id,
        procedure_id=procedure.id,
    )
    return need, ids


@pytest.mark.parametrize("username", list(OFFICERS))
async def test_a_named_choice_and_the_list_agree(
    session: AsyncSession, world: tuple[candidates.StepNeed, dict[str, int]], username: str
) -> None:
    need, ids = world
    why = OFFICERS[username][-1]
    now = utcnow()
    assert await candidates.refusal_of(session, need, staff_id=ids[username], now=now) == why
    if why is None:
        await candidates.require_qualified(session, need, staff_id=ids[username], now=now)
    else:
        with pytest.raises(Conflict):
            await candidates.require_qualified(session, need, staff_id=ids[username], now=now)
    listed = await candidates.candidate_list(session, need, step_name="Chuyên viên xử lý", now=now)
    shown = {c.staff.id: c for c in listed.candidates}
    if why in ("inactive", "no_role"):
        assert ids[username] not in shown  # the list holds the active holders of the step's role
    else:
        assert shown[ids[username]].qualified is (why is None)
        assert shown[ids[username]].reason_en == (choice.REFUSAL_TEXT[why][1] if why else None)


async def test_the_automatic_pick_takes_only_the_qualified(
    session: AsyncSession, world: tuple[candidates.StepNeed, dict[str, int]]
) -> None:
    need, ids = world
    now = utcnow()
    assert await candidates.auto_pick(session, need, now=now) == ids["du_dieu_kien"]
    assert await candidates.auto_pick(session, need, now=now, exclude=ids["du_dieu_kien"]) is None
    # Competence for the single procedure qualifies as well as for its sector.
    session.add(StaffProcedure(staff_id=ids["khong_phu_trach"], procedure_id=need.procedure_id))
    await session.flush()
    assert (
        await candidates.auto_pick(session, need, now=now, exclude=ids["du_dieu_kien"])
        == ids["khong_phu_trach"]
    )


async def test_another_units_officer_is_unknown(
    session: AsyncSession, world: tuple[candidates.StepNeed, dict[str, int]]
) -> None:
    need, _ids = world
    demo_officer = 7  # a specialist of the demo center
    with pytest.raises(NotFound):
        await candidates.refusal_of(session, need, staff_id=demo_officer, now=utcnow())
