"""Service centers, their geography and departments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.units.models import AdminArea, Department, Unit
from motcua.units.schemas import (
    AreaRef,
    CenterCreate,
    DepartmentCreate,
    DepartmentUpdate,
    FormerUnit,
    UnitRead,
    UnitUpdate,
)


async def create_center(session: AsyncSession, *, data: CenterCreate) -> Unit:
    """A new service center, its commune and the former communes merged into it, in a province found by its
    code (a deployment may hold several centers of one province) or created."""
    if await session.scalar(select(Unit.id).where(Unit.unit_code == data.unit_code)) is not None:
        raise Conflict(f"Another center already uses the unit code {data.unit_code}")
    province = await session.scalar(
        select(AdminArea).where(AdminArea.level == "province", AdminArea.code == data.province_code)
    )
    if province is None:
        province = AdminArea(level="province", name=data.province_name, code=data.province_code)
        session.add(province)
        await session.flush()
    elif province.name != data.province_name:
        raise Conflict(f"Province {data.province_code} is {province.name} here, not {data.province_name}")
    commune = None
    if data.commune_code is not None:
        commune = await session.scalar(select(AdminArea).where(AdminArea.code == data.commune_code))
        if commune is not None and (
            commune.parent_id != province.id
            or await session.scalar(select(Unit.id).where(Unit.commune_id == commune.id)) is not None
        ):
            raise Conflict(f"Commune {data.commune_code} already has a center or lies in another province")
    if commune is None:
        commune = AdminArea(
            level="commune", name=data.commune_name, code=data.commune_code, parent_id=province.id
        )
        session.add(commune)
        await session.flush()
    for former in data.former_communes:
        session.add(
            AdminArea(
                level="commune",
                name=former.name,
                code=former.code,
                parent_id=province.id,
                merged_into_id=commune.id,
                merged_on=former.merged_on,
            )
        )
    unit = Unit(
        name=data.name,
        unit_code=data.unit_code,
        commune_id=commune.id,
        province_id=province.id,
        address=data.address,
        phone=data.phone,
    )
    session.add(unit)
    try:
        await session.flush()
    except IntegrityError as exc:  # a former commune's code taken, or a center created meanwhile
        raise Conflict("A commune or center with these codes exists already") from exc
    return unit


async def get_unit(session: AsyncSession, *, unit_id: int) -> Unit:
    unit = await session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("Unit not found")
    return unit


async def unit_ids(session: AsyncSession) -> list[int]:
    return list((await session.scalars(select(Unit.id).order_by(Unit.id))).all())


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
        address=unit.address,
        phone=unit.phone,
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


async def department_names(session: AsyncSession, *, unit_id: int) -> dict[int, str]:
    rows = await session.execute(select(Department.id, Department.name).where(Department.unit_id == unit_id))
    return dict(rows.all())


async def existing_department_ids(session: AsyncSession, *, unit_id: int, ids: Iterable[int]) -> set[int]:
    rows = await session.scalars(
        select(Department.id).where(Department.unit_id == unit_id, Department.id.in_(list(ids)))
    )
    return set(rows.all())


async def bump_process_revision(session: AsyncSession, *, unit_id: int) -> None:
    """In the transaction that changes a process template: every worker reads the templates again at its next
    intake (they keep them by this revision)."""
    await session.execute(
        update(Unit).where(Unit.id == unit_id).values(process_revision=Unit.process_revision + 1)
    )


def assignment_mode_sql(department: str) -> str:
    """How a department gives new steps out (`auto` or `pool`) as a scalar subquery in SQL (`department`: the
    expression giving its id), for the statement that chooses an officer."""
    return f"(SELECT d.assignment_mode FROM departments d WHERE d.id = {department})"
