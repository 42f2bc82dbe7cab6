"""Absences: recording, listing and cancelling them, and the one rule of who is absent at a moment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.absences.models import Absence
from motcua.absences.schemas import AbsenceCreate, AbsenceRead
from motcua.core.errors import Forbidden, InvalidInput, NotFound
from motcua.core.schemas import PersonRef
from motcua.core.time import local_moment_text, utcnow
from motcua.staff import service as staff_service


def absent_now_sql(staff: str) -> str:
    """Whether the staff member `staff`.id is on an absence at `:now`: the one definition, in SQL, for the
    statements that choose or list officers (auto-assignment, the candidates, the leader's board)."""
    return (
        f"EXISTS (SELECT 1 FROM absences a WHERE a.staff_id = {staff}.id AND a.starts_at <= :now "
        "AND a.ends_at > :now AND a.cancelled_at IS NULL)"
    )


def visible_to(unit_id: int) -> Select[Absence]:
    """The one authorization filter of this domain: a unit sees its own (uncancelled) absences."""
    return select(Absence).where(Absence.unit_id == unit_id, Absence.cancelled_at.is_(None))


KIND_TEXT = {
    "leave": "nghỉ phép",
    "training": "đi học, tập huấn",
    "sick": "nghỉ ốm",
    "business": "đi công tác",
    "other": "vắng mặt",
}


def describe(absence: Absence) -> str:
    """Why an absent officer's work moved, as the dossier's event records it."""
    start, end = local_moment_text(absence.starts_at), local_moment_text(absence.ends_at)
    return f"Cán bộ {KIND_TEXT.get(absence.kind, 'vắng mặt')} từ {start} đến {end}"


async def create(
    session: AsyncSession, *, unit_id: int, actor_id: int, is_leader: bool, data: AbsenceCreate
) -> Absence:
    """Record an absence (one's own, or anyone's for a leader). Handing on the open work is the caller's
    (`work.service.record_absence`), as it moves dossiers."""
    staff_id = data.staff_id or actor_id
    if staff_id != actor_id and not is_leader:
        raise Forbidden("Only a leader records another person's absence")
    ids = [staff_id] + ([data.delegate_id] if data.delegate_id else [])
    found = await staff_service.ids_in_unit(session, unit_id=unit_id, ids=ids)
    if staff_id not in found:
        raise InvalidInput("Unknown staff member", field="body.staff_id")
    if data.delegate_id is not None and (data.delegate_id not in found or data.delegate_id == staff_id):
        raise InvalidInput("The delegate must be another member of this center", field="body.delegate_id")
    absence = Absence(
        unit_id=unit_id,
        staff_id=staff_id,
        kind=data.kind,
        starts_at=data.starts_at,  # aware: see core.schemas.Moment
        ends_at=data.ends_at,
        delegate_id=data.delegate_id,
        note=data.note,
        created_by_id=actor_id,
    )
    session.add(absence)
    await session.flush()
    return absence


async def cancel(
    session: AsyncSession, *, unit_id: int, absence_id: int, actor_id: int, is_leader: bool
) -> None:
    absence = await session.scalar(visible_to(unit_id).where(Absence.id == absence_id))
    if absence is None:
        raise NotFound("Absence not found")
    if absence.staff_id != actor_id and not is_leader:
        raise Forbidden("Only a leader cancels another person's absence")
    absence.cancelled_at = utcnow()


async def claim_application(session: AsyncSession, *, absence: Absence, now: datetime) -> bool:
    """Mark an absence's work as handed on, once: of two reminder jobs (or a job and the request that
    recorded it) only one gets True."""
    claimed = await session.execute(
        update(Absence)
        .where(Absence.id == absence.id, Absence.applied_at.is_(None), Absence.cancelled_at.is_(None))
        .values(applied_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    absence.applied_at = now
    return True


async def starting(session: AsyncSession, *, now: datetime, unit_id: int | None = None) -> Sequence[int]:
    """Absences under way whose work was not handed on yet (for the reminder job)."""
    stmt = select(Absence.id).where(
        Absence.applied_at.is_(None),
        Absence.cancelled_at.is_(None),
        Absence.starts_at <= now,
        Absence.ends_at > now,
    )
    if unit_id is not None:
        stmt = stmt.where(Absence.unit_id == unit_id)
    return (await session.scalars(stmt)).all()


async def list_absences(
    session: AsyncSession,
    *,
    unit_id: int,
    starts_before: datetime | None = None,
    ends_after: datetime | None = None,
    staff_id: int | None = None,
) -> list[AbsenceRead]:
    stmt = visible_to(unit_id)
    if starts_before is not None:
        stmt = stmt.where(Absence.starts_at < starts_before)
    if ends_after is not None:
        stmt = stmt.where(Absence.ends_at > ends_after)
    if staff_id is not None:
        stmt = stmt.where(Absence.staff_id == staff_id)
    rows = (await session.scalars(stmt.order_by(Absence.starts_at, Absence.id).limit(500))).all()
    names = await staff_service.names(session, [a.staff_id for a in rows] + [a.delegate_id for a in rows])
    return [_read(a, names) for a in rows]


async def read(session: AsyncSession, *, absence: Absence) -> AbsenceRead:
    return _read(absence, await staff_service.names(session, [absence.staff_id, absence.delegate_id]))


def _read(a: Absence, names: dict[int, str]) -> AbsenceRead:
    return AbsenceRead(
        id=a.id,
        staff=PersonRef(id=a.staff_id, full_name=names.get(a.staff_id, "")),
        kind=a.kind,
        starts_at=a.starts_at,
        ends_at=a.ends_at,
        delegate=PersonRef(id=a.delegate_id, full_name=names.get(a.delegate_id, ""))
        if a.delegate_id
        else None,
        note=a.note,
        applied_at=a.applied_at,
    )
