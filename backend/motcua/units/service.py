"""Service centers, their geography and departments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar.models import CalendarSettings
from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.procedures.models import CatalogRevision
from motcua.units.models import AdminArea, Department, Unit
from motcua.units.schemas import AreaRef, DepartmentCreate, DepartmentUpdate, FormerUnit, UnitRead, UnitUpdate


async def get_unit(session: AsyncSession, *, unit_id: int) -> Unit:
    unit = await session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("Unit not found")
    return unit


@dataclass(frozen=True)
class IntakeUnit:
    """What a dossier intake needs to know about its center."""

    unit_code: str
    province_id: int
    calendar_stamp: datetime | None  # `calendar_service.working_calendar(stamp=...)`
    catalog_revision: int  # `procedures_service.version_in_force(revision=...)`
    process_revision: int  # `assignment_service.intake_plan(revision=...)`


async def for_intake(session: AsyncSession, *, unit_id: int) -> IntakeUnit:
    """The unit's code and province, and in the same round trip the stamps that tell whether this worker's
    cached calendar and catalog versions are still current (an intake is the busiest write at the counter)."""
    # On the tables, not the mapped classes: a plain statement skips the ORM's result machinery.
    unit, calendar, catalog = Unit.__table__.c, CalendarSettings.__table__.c, CatalogRevision.__table__.c
    row = (
        await session.execute(
            select(
                unit.unit_code, unit.province_id, calendar.updated_at, catalog.revision, unit.process_revision
            )
            .select_from(
                Unit.__table__.outerjoin(CalendarSettings.__table__, calendar.unit_id == unit.id).outerjoin(
                    CatalogRevision.__table__, catalog.province_id == unit.province_id
                )
            )
            .where(unit.id == unit_id)
        )
    ).first()
    if row is None:
        raise NotFound("Unit not found")
    code, province_id, calendar_stamp, revision, process_revision = row
    return IntakeUnit(code, province_id, calendar_stamp, revision or 0, process_revision)


async def get_many(session: AsyncSession, ids: Iterable[int]) -> Sequence[Unit]:
    return (await session.scalars(select(Unit).where(Unit.id.in_(list(ids))))).all()


async def province_of(session: AsyncSession, *, unit_id: int) -> int:
    province_id = await session.scalar(select(Unit.province_id).where(Unit.id == unit_id))
    if province_id is None:
        raise NotFound("Unit not found")
    return province_id


async def read_unit(session: AsyncSession, *, unit: Unit) -> UnitRead:
    commune = await session.get(AdminArea, unit.commune_id)
    province = await session.get(AdminArea, unit.province_id)
    assert commune is not None
    assert province is not None
    former = (
        await session.scalars(
            select(AdminArea).where(AdminArea.merged_into_id == commune.id).order_by(AdminArea.name)
        )
    ).all()
    return UnitRead(
        id=unit.id,
        name=unit.name,
        unit_code=unit.unit_code,
        commune=AreaRef.model_validate(commune),
        province=AreaRef.model_validate(province),
        former_units=[
            FormerUnit(id=f.id, name=f.name, code=f.code, merged_on=f.merged_on)
            for f in former
            if f.merged_on
        ],
    )


async def update_unit(session: AsyncSession, *, unit: Unit, data: UnitUpdate) -> Unit:
    fields = data.model_dump(exclude_unset=True)
    if fields.get("unit_code") and fields["unit_code"] != unit.unit_code:
        taken = await session.scalar(select(Unit.id).where(Unit.unit_code == fields["unit_code"]))
        if taken is not None:
            raise Conflict("Another center already uses this unit code")
    for name in ("name", "unit_code"):
        if fields.get(name) is not None:
            setattr(unit, name, fields[name])
    await session.flush()
    return unit


async def list_departments(session: AsyncSession, *, unit_id: int) -> Sequence[Department]:
    stmt = select(Department).where(Department.unit_id == unit_id).order_by(Department.name)
    return (await session.scalars(stmt)).all()


async def get_department(
    session: AsyncSession, *, unit_id: int, department_id: int, field: bool = False
) -> Department:
    dep = await session.scalar(
        select(Department).where(Department.id == department_id, Department.unit_id == unit_id)
    )
    if dep is None:
        if field:
            raise InvalidInput("Unknown department", field="body.department_id")
        raise NotFound("Department not found")
    return dep


async def create_department(session: AsyncSession, *, unit_id: int, data: DepartmentCreate) -> Department:
    dep = Department(unit_id=unit_id, name=data.name, code=data.code, assignment_mode=data.assignment_mode)
    session.add(dep)
    await session.flush()
    return dep


async def update_department(
    session: AsyncSession, *, department: Department, data: DepartmentUpdate
) -> Department:
    for name, value in data.model_dump(exclude_unset=True).items():
        if value is None and name in ("name", "is_active", "assignment_mode"):
            raise InvalidInput(f"{name} cannot be null", field=f"body.{name}")
        setattr(department, name, value)
    await session.flush()
    return department
