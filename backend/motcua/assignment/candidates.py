"""Who may be given a step: the facts about each officer, read in one statement, judged by `choice`.

One definition for the three uses: auto-assignment picks among the qualified (`auto_pick`), a leader's or a
forwarder's named choice is checked (`require_qualified`), and a leader sees everyone holding the step's role
with why each one may or may not take it (`candidate_list`). The statement reads the staff member's account,
roles and competences, their absence now (`absences.service.absent_now_sql`) and kept workload, and, riding
along, the unit's calendar stamp and the step department's assignment mode: it is the busiest read of a
hand-over, written out once rather than built from expressions each time (that building cost more CPU than
the statement). `choice.refusal` alone decides from those facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, bindparam, column, text
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.absences import service as absences_service
from motcua.assignment import choice, workload
from motcua.assignment.schemas import CandidateList, CandidateRead
from motcua.calendar import service as calendar_service
from motcua.core.db import UTCDateTime
from motcua.core.errors import Conflict, NotFound
from motcua.core.schemas import PersonRef
from motcua.process_templates.plans import ROLE_OF_KIND
from motcua.units import service as units_service


@dataclass(frozen=True)
class StepNeed:
    """What a step asks of its officer: the role of its kind, its department (if any), and for a specialist's
    step competence in the dossier's sector or procedure."""

    unit_id: int
    kind: str
    department_id: int | None
    sector_id: int
    procedure_id: int


def competent_sql(staff_id: str, sector: str, procedure: str) -> str:
    """Whether the staff member handles the sector or the single procedure (all three SQL expressions): what a
    specialist's step asks (the one definition, for the candidates and for the pool an officer may claim from)."""
    return (
        f"(EXISTS (SELECT 1 FROM staff_sectors x WHERE x.staff_id = {staff_id} AND x.sector_id = {sector}) "
        f"OR EXISTS (SELECT 1 FROM staff_procedures p WHERE p.staff_id = {staff_id} AND p.procedure_id = {procedure}))"
    )


# :only is a staff id (one named person, whatever their state: why they cannot take it is the answer) or null
# (every active holder of the role).
_FACTS = (
    text(
        f"""
        SELECT s.id, s.full_name, s.is_active, s.department_id,
               EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = :role) AS has_role,
               {competent_sql("s.id", ":sector_id", ":procedure_id")} AS competent,
               {absences_service.absent_now_sql("s")} AS absent,
               w.open_steps, w.due_soon, w.overdue,
               {calendar_service.stamp_sql(":unit_id")} AS calendar_stamp,
               {units_service.assignment_mode_sql(":department_id")} AS mode
        FROM staff s
        LEFT JOIN staff_workloads w ON w.staff_id = s.id
        WHERE s.unit_id = :unit_id
          AND CASE WHEN :only IS NULL
                   THEN s.is_active AND EXISTS (
                       SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = :role
                   )
                   ELSE s.id = :only END
        ORDER BY s.id
        """
    )
    .bindparams(
        bindparam("unit_id", type_=Integer),
        bindparam("department_id", type_=Integer),
        bindparam("role", type_=String),
        bindparam("now", type_=UTCDateTime()),
        bindparam("sector_id", type_=Integer),
        bindparam("procedure_id", type_=Integer),
        bindparam("only", type_=Integer),
    )
    .columns(
        column("id", Integer),
        column("full_name", String),
        column("is_active", Boolean),
        column("department_id", Integer),
        column("has_role", Boolean),
        column("competent", Boolean),
        column("absent", Boolean),
        column("open_steps", Integer),
        column("due_soon", Integer),
        column("overdue", Integer),
        column("calendar_stamp", UTCDateTime()),
        column("mode", String),
    )
)


@dataclass(frozen=True)
class _Facts:
    candidates: list[choice.Candidate]
    names: dict[int, str]
    departments: dict[int, int | None]
    pool: bool  # the step's department gives new work out from a pool


async def _facts(session: AsyncSession, need: StepNeed, *, now: datetime, only: int | None = None) -> _Facts:
    rows: Sequence[Any] = (
        await session.execute(
            _FACTS,
            {
                "unit_id": need.unit_id,
                "department_id": need.department_id,
                "role": ROLE_OF_KIND[need.kind],
                "now": now,
                "sector_id": need.sector_id,
                "procedure_id": need.procedure_id,
                "only": only,
            },
        )
    ).all()
    if rows:  # the calendar as of its stamp, read here: the new step's due time needs it
        await calendar_service.working_calendar(session, unit_id=need.unit_id, stamp=rows[0].calendar_stamp)
    candidates = [
        choice.Candidate(
            staff_id=r.id,
            active=bool(r.is_active),
            has_role=bool(r.has_role),
            # Competence (a sector or a procedure of the officer's) matters for the specialist's step only.
            competent=bool(r.competent) or need.kind != "specialist",
            in_department=need.department_id is None or r.department_id == need.department_id,
            present=not r.absent,
            open_steps=r.open_steps or 0,
            due_soon=r.due_soon or 0,
            overdue=r.overdue or 0,
        )
        for r in rows
    ]
    names = {r.id: r.full_name for r in rows}
    # Names known now need no second query when the event names the chosen officer.
    session.info.setdefault("staff_names", {}).update(names)
    return _Facts(
        candidates=candidates,
        names=names,
        departments={r.id: r.department_id for r in rows},
        pool=need.department_id is not None and bool(rows) and rows[0].mode == "pool",
    )


async def auto_pick(
    session: AsyncSession, need: StepNeed, *, now: datetime, exclude: int | None = None
) -> int | None:
    """The least loaded qualified officer present (under the unit's lock, so that parallel hand-overs take
    turns); None when nobody qualifies or the step's department gives work out from a pool."""
    await workload.lock_unit(session, need.unit_id)
    facts = await _facts(session, need, now=now)
    if facts.pool:
        return None
    return choice.choose(c for c in facts.candidates if c.staff_id != exclude)


async def refusal_of(
    session: AsyncSession, need: StepNeed, *, staff_id: int, now: datetime
) -> choice.Refusal | None:
    """Why the named officer may not take the step (None: they may). Another unit's staff is as unknown here
    as a non-existent id (404)."""
    facts = await _facts(session, need, now=now, only=staff_id)
    if not facts.candidates:
        raise NotFound("Staff member not found")
    return choice.refusal(facts.candidates[0])


async def require_qualified(session: AsyncSession, need: StepNeed, *, staff_id: int, now: datetime) -> None:
    why = await refusal_of(session, need, staff_id=staff_id, now=now)
    if why is not None:
        vi, en = choice.REFUSAL_TEXT[why]
        raise Conflict(f"This person cannot take this step: {en}", details=[vi])


async def candidate_list(
    session: AsyncSession, need: StepNeed, *, step_name: str, now: datetime
) -> CandidateList:
    """Everyone holding the step's role, qualified ones first and the least loaded first, with the reason for
    each one who may not take it: what a leader or a forwarder chooses from."""
    facts = await _facts(session, need, now=now)
    out: list[tuple[tuple[int, float, str], CandidateRead]] = []
    for fact in facts.candidates:
        why = choice.refusal(fact)
        vi, en = choice.REFUSAL_TEXT[why] if why else (None, None)
        name = facts.names[fact.staff_id]
        read = CandidateRead(
            staff=PersonRef(id=fact.staff_id, full_name=name),
            department_id=facts.departments[fact.staff_id],
            qualified=why is None,
            reason_vi=vi,
            reason_en=en,
            open_steps=fact.open_steps,
            due_soon=fact.due_soon,
            overdue=fact.overdue,
        )
        out.append(((0 if why is None else 1, choice.weighted_load(fact), name), read))
    out.sort(key=lambda pair: pair[0])
    return CandidateList(step_name=step_name, step_kind=need.kind, candidates=[r for _k, r in out])
