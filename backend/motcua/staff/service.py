"""Staff accounts: create, edit, disable, reset password. Every query is scoped to the caller's unit."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.core.pagination import PageParams
from motcua.core.security import hash_password
from motcua.core.time import utcnow
from motcua.procedures import service as procedures_service
from motcua.staff.models import Staff, StaffProcedure, StaffRole, StaffSector
from motcua.staff.schemas import CenterRef, StaffBrief, StaffCreate, StaffPage, StaffRead, StaffUpdate
from motcua.units import service as units_service


def visible_to(unit_id: int) -> Select[Staff]:
    """The one authorization filter of this domain: a unit sees only its own staff."""
    return select(Staff).where(Staff.unit_id == unit_id)


async def get(session: AsyncSession, *, unit_id: int, staff_id: int) -> Staff:
    staff = await session.scalar(visible_to(unit_id).where(Staff.id == staff_id))
    if staff is None:
        raise NotFound("Staff member not found")
    return staff


async def ids_in_unit(session: AsyncSession, *, unit_id: int, ids: Sequence[int]) -> set[int]:
    """Which of `ids` are staff members of the unit (another unit's are as unknown as missing ones)."""
    return set(
        (
            await session.scalars(visible_to(unit_id).with_only_columns(Staff.id).where(Staff.id.in_(ids)))
        ).all()
    )


async def names(session: AsyncSession, ids: Sequence[int | None]) -> dict[int, str]:
    """Full names by staff id (for records that name who did what)."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return dict((await session.execute(select(Staff.id, Staff.full_name).where(Staff.id.in_(wanted)))).all())


async def leader_ids(session: AsyncSession, *, unit_id: int) -> list[int]:
    """The unit's active leaders (who hear of overdue and unassigned work)."""
    rows = await session.scalars(
        visible_to(unit_id)
        .with_only_columns(Staff.id)
        .join(StaffRole, StaffRole.staff_id == Staff.id)
        .where(Staff.is_active.is_(True), StaffRole.role == "leader")
    )
    return list(rows.all())


async def emails(session: AsyncSession, ids: Sequence[int]) -> dict[int, str]:
    """The e-mail addresses of those of `ids` who gave one."""
    if not ids:
        return {}
    rows = await session.execute(
        select(Staff.id, Staff.email).where(Staff.id.in_(set(ids)), Staff.email.is_not(None))
    )
    return {i: e for i, e in rows if e}


async def read_many(session: AsyncSession, staff_rows: Sequence[Staff]) -> list[StaffRead]:
    if not staff_rows:
        return []
    ids = [s.id for s in staff_rows]
    roles: dict[int, list[str]] = {i: [] for i in ids}
    sectors: dict[int, list[int]] = {i: [] for i in ids}
    for sid, role in (
        await session.execute(select(StaffRole.staff_id, StaffRole.role).where(StaffRole.staff_id.in_(ids)))
    ).all():
        roles[sid].append(role)
    for sid, sector in (
        await session.execute(
            select(StaffSector.staff_id, StaffSector.sector_id).where(StaffSector.staff_id.in_(ids))
        )
    ).all():
        sectors[sid].append(sector)
    held = (
        await session.execute(
            select(StaffProcedure.staff_id, StaffProcedure.procedure_id).where(
                StaffProcedure.staff_id.in_(ids)
            )
        )
    ).all()
    codes = await procedures_service.codes_by_id(session, ids={p for _s, p in held}) if held else {}
    procedures: dict[int, list[str]] = {i: [] for i in ids}
    for sid, procedure_id in held:
        procedures[sid].append(codes[procedure_id])
    units = {u.id: u for u in await units_service.get_many(session, {s.unit_id for s in staff_rows})}
    return [
        StaffRead(
            id=s.id,
            username=s.username,
            full_name=s.full_name,
            email=s.email,
            phone=s.phone,
            is_active=s.is_active,
            roles=sorted(roles[s.id]),
            sector_ids=sorted(sectors[s.id]),
            procedure_codes=sorted(procedures[s.id]),
            department_id=s.department_id,
            center=CenterRef(id=s.unit_id, name=units[s.unit_id].name, unit_code=units[s.unit_id].unit_code),
        )
        for s in staff_rows
    ]


async def read(session: AsyncSession, *, staff: Staff) -> StaffRead:
    return (await read_many(session, [staff]))[0]


async def directory(session: AsyncSession, *, unit_id: int) -> list[StaffBrief]:
    """The active colleagues of a center, by name (no contact details: those are for administrators)."""
    rows = (
        await session.scalars(
            visible_to(unit_id).where(Staff.is_active.is_(True)).order_by(Staff.full_name, Staff.id)
        )
    ).all()
    roles: dict[int, list[str]] = {s.id: [] for s in rows}
    for sid, role in await session.execute(
        select(StaffRole.staff_id, StaffRole.role).where(StaffRole.staff_id.in_(list(roles)))
    ):
        roles[sid].append(role)
    return [
        StaffBrief(id=s.id, full_name=s.full_name, department_id=s.department_id, roles=sorted(roles[s.id]))
        for s in rows
    ]


async def list_staff(session: AsyncSession, *, unit_id: int, q: str | None, page: PageParams) -> StaffPage:
    stmt = visible_to(unit_id)
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(func.lower(Staff.username).like(like), func.lower(Staff.full_name).like(like)))
    total = await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = (
        await session.scalars(stmt.order_by(Staff.full_name, Staff.id).offset(page.offset).limit(page.size))
    ).all()
    return StaffPage(items=await read_many(session, rows), total=total, page=page.page, size=page.size)


async def _check_refs(
    session: AsyncSession, *, unit_id: int, department_id: int | None, sector_ids: list[int] | None
) -> None:
    if department_id is not None:
        await units_service.get_department(session, unit_id=unit_id, department_id=department_id, field=True)
    if sector_ids:
        province_id = await units_service.province_of(session, unit_id=unit_id)
        known = await procedures_service.existing_sector_ids(session, province_id=province_id, ids=sector_ids)
        missing = sorted(set(sector_ids) - known)
        if missing:
            raise InvalidInput(f"Unknown sector ids: {missing}", field="body.sector_ids")


async def _set_procedures(session: AsyncSession, *, staff: Staff, codes: list[str] | None) -> None:
    if codes is None:
        return
    province_id = await units_service.province_of(session, unit_id=staff.unit_id)
    ids = await procedures_service.ids_by_code(session, province_id=province_id, codes=codes)
    missing = sorted(set(codes) - set(ids))
    if missing:
        raise InvalidInput(f"Unknown procedure codes: {missing}", field="body.procedure_codes")
    await session.execute(delete(StaffProcedure).where(StaffProcedure.staff_id == staff.id))
    session.add_all(StaffProcedure(staff_id=staff.id, procedure_id=i) for i in sorted(set(ids.values())))
    await session.flush()


async def _set_roles_and_sectors(
    session: AsyncSession, *, staff_id: int, roles: list[str] | None, sector_ids: list[int] | None
) -> None:
    if roles is not None:
        await session.execute(delete(StaffRole).where(StaffRole.staff_id == staff_id))
        session.add_all(StaffRole(staff_id=staff_id, role=r) for r in sorted(set(roles)))
    if sector_ids is not None:
        await session.execute(delete(StaffSector).where(StaffSector.staff_id == staff_id))
        session.add_all(StaffSector(staff_id=staff_id, sector_id=s) for s in sorted(set(sector_ids)))
    await session.flush()


async def create(session: AsyncSession, *, unit_id: int, data: StaffCreate) -> Staff:
    username = data.username.lower()
    if await session.scalar(select(Staff.id).where(Staff.username == username)) is not None:
        raise Conflict(f"The username '{username}' is already taken")
    await _check_refs(session, unit_id=unit_id, department_id=data.department_id, sector_ids=data.sector_ids)
    staff = Staff(
        unit_id=unit_id,
        username=username,
        full_name=data.full_name,
        email=data.email,
        phone=data.phone,
        password_hash=hash_password(data.password),
        department_id=data.department_id,
    )
    session.add(staff)
    try:
        await session.flush()
    except IntegrityError as exc:  # a parallel create of the same username won the race
        raise Conflict(f"The username '{username}' is already taken") from exc
    await _set_roles_and_sectors(
        session, staff_id=staff.id, roles=list(data.roles), sector_ids=data.sector_ids
    )
    await _set_procedures(session, staff=staff, codes=data.procedure_codes)
    return staff


async def update(session: AsyncSession, *, staff: Staff, data: StaffUpdate, actor_id: int) -> Staff:
    fields = data.model_dump(exclude_unset=True)
    if "department_id" in fields or "sector_ids" in fields:
        await _check_refs(
            session,
            unit_id=staff.unit_id,
            department_id=fields.get("department_id"),
            sector_ids=fields.get("sector_ids"),
        )
    if staff.id == actor_id and (
        fields.get("is_active") is False or ("roles" in fields and "admin" not in (fields["roles"] or []))
    ):
        # An administrator locking themselves out leaves the center without anyone to undo it.
        raise Conflict("You cannot disable your own account or remove your own admin role")
    for name in ("full_name", "email", "phone", "department_id", "is_active"):
        if name in fields:
            if name in ("full_name", "is_active") and fields[name] is None:
                raise InvalidInput(f"{name} cannot be null", field=f"body.{name}")
            setattr(staff, name, fields[name])
    if fields.get("is_active") is False:
        staff.credentials_changed_at = utcnow()  # its refresh tokens stop working (auth.service.refresh)
    if "roles" in fields and fields["roles"] is None:
        raise InvalidInput("roles cannot be null", field="body.roles")
    await _set_roles_and_sectors(
        session, staff_id=staff.id, roles=fields.get("roles"), sector_ids=fields.get("sector_ids")
    )
    await _set_procedures(session, staff=staff, codes=fields.get("procedure_codes"))
    return staff


async def reset_password(session: AsyncSession, *, staff: Staff, new_password: str) -> None:
    staff.password_hash = hash_password(new_password)
    staff.credentials_changed_at = utcnow()  # every refresh token issued before stops working


async def create_account(
    session: AsyncSession,
    *,
    unit_id: int,
    username: str,
    full_name: str,
    password: str,
    roles: list[str],
    department_id: int | None = None,
    sector_ids: list[int] | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> Staff:
    """Validated creation for the CLI and the seed (same rules as the API)."""
    data = StaffCreate(
        username=username,
        full_name=full_name,
        password=password,
        roles=roles,
        department_id=department_id,
        sector_ids=sector_ids or [],
        email=email,
        phone=phone,
    )
    return await create(session, unit_id=unit_id, data=data)
