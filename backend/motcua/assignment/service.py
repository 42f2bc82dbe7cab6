"""A named officer for every step: the dossier's step chain, auto-assignment, claim/assign/release, absences,
work queues and the leader's board.

Every change of who holds a step is an event of the dossier (in the same transaction), so the step rows and
the event log tell the same story; the process control sheet (form 06) is read from the step rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import (
    Boolean,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    column,
    exists,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.assignment import choice, plans
from motcua.assignment.models import (
    ROLE_OF_KIND,
    Absence,
    DossierStep,
    Notification,
    ProcessStep,
    ProcessTemplate,
    StaffWorkload,
)
from motcua.assignment.schemas import (
    AbsenceCreate,
    AbsenceRead,
    Board,
    BoardDepartment,
    BoardStaff,
    BudgetWarning,
    CandidateList,
    CandidateRead,
    EffectivePlan,
    NotificationPage,
    NotificationRead,
    PlannedStepRead,
    StepChain,
    StepRead,
    TemplateCreate,
    TemplateRead,
    TemplateStepRead,
    TemplateWrite,
    WorkCounts,
    WorkItem,
    WorkPage,
)
from motcua.calendar import service as calendar_service
from motcua.core.db import UTCDateTime, bind_cache, utcnow
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from motcua.core.pagination import PageParams
from motcua.dossiers import deadlines, workflow
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.schemas import PersonRef, RemainingRead, StatusInfo, status_info
from motcua.procedures.models import Procedure, ProcedureVersion, Sector
from motcua.procedures.records import processing_time
from motcua.staff.models import Staff, StaffProcedure, StaffRole, StaffSector
from motcua.units.models import Department, Unit

# The version in force of a procedure (its rules for a dossier received now).
_in_force = and_(
    ProcedureVersion.procedure_id == Procedure.id, ProcedureVersion.version == Procedure.current_version
)
# Namespace of the PostgreSQL advisory lock that serializes auto-assignment and the kept workload counts within a
# unit (see lock_unit).
_ASSIGN_LOCK = 0x4D43


# ------------------------------------------------------------------------------------------------ plans


def legal_minutes(cal: deadlines.WorkingCalendar, timing: dict[str, Any] | None) -> int | None:
    """A procedure's legal time in working minutes, for comparing with step budgets. Same-day and
    calendar-day times have no fixed working length; they are read as their upper bound (a whole working day
    per day) so that a warning is never raised for budgets that fit."""
    if not timing or not timing.get("unit") or timing.get("amount") is None:
        return None
    unit = deadlines.DurationUnit(timing["unit"])
    amount = Decimal(str(timing["amount"]))
    day = cal.hours_per_working_day * 60
    if unit in (deadlines.DurationUnit.WORKING_DAYS, deadlines.DurationUnit.WORKING_HOURS):
        return deadlines.working_minutes_for(cal, amount, unit)
    if unit is deadlines.DurationUnit.SAME_DAY:
        return day
    return int(amount * day)


async def _template_steps(
    session: AsyncSession, *, unit_id: int, procedure_id: int, sector_id: int, revision: int | None = None
) -> tuple[str, int | None, list[plans.PlannedStep]]:
    """The procedure's own template, else its sector's, else none: one query. With `revision` (the unit's
    `process_revision`, read by the caller), the answer is kept by this worker under that revision, as the
    catalog's versions are (see `procedures.service.version_in_force`)."""
    cache = bind_cache(session, "template_steps") if revision is not None else None
    if cache is not None:
        entry = cache.get((unit_id, procedure_id, sector_id))
        if entry is not None and entry[0] == revision:
            kept: tuple[str, int | None, list[plans.PlannedStep]] = entry[1]
            return kept
    rows = (
        await session.execute(
            select(ProcessTemplate.id, ProcessTemplate.procedure_id, ProcessStep)
            .join(ProcessStep, ProcessStep.template_id == ProcessTemplate.id)
            .where(
                ProcessTemplate.unit_id == unit_id,
                or_(ProcessTemplate.procedure_id == procedure_id, ProcessTemplate.sector_id == sector_id),
            )
            .order_by(ProcessTemplate.procedure_id.is_(None), ProcessStep.position)
        )
    ).all()
    found: tuple[str, int | None, list[plans.PlannedStep]] = ("default", None, [])
    if rows:
        template_id = rows[0][0]
        found = (
            "procedure" if rows[0][1] is not None else "sector",
            template_id,
            [
                plans.PlannedStep(
                    name=s.name, kind=s.kind, department_id=s.department_id, budget_minutes=s.budget_minutes
                )
                for tid, _p, s in rows
                if tid == template_id
            ],
        )
    if cache is not None:
        if len(cache) >= TEMPLATE_CACHE_SIZE:
            cache.clear()  # rare: a few hundred distinct procedures received since the last template change
        cache[(unit_id, procedure_id, sector_id)] = (revision, found)
    return found


# Procedures whose template a worker keeps per unit (see `_template_steps`).
TEMPLATE_CACHE_SIZE = 1024


async def _templates_changed(session: AsyncSession, *, unit_id: int) -> None:
    """Bump the unit's process revision in the transaction that changes a template, so that every worker
    reads the templates again at its next intake."""
    await session.execute(
        update(Unit).where(Unit.id == unit_id).values(process_revision=Unit.process_revision + 1)
    )


def _plan(dossier: Dossier) -> list[plans.PlannedStep]:
    return [plans.PlannedStep.from_json(s) for s in dossier.process_plan or []]


# -------------------------------------------------------------------------------------------- candidates


def _absent_now(staff_id: Any, now: datetime) -> Any:
    return exists().where(
        Absence.staff_id == staff_id,
        Absence.starts_at <= now,
        Absence.ends_at > now,
        Absence.cancelled_at.is_(None),
    )


def _competent(staff_id: Any, dossier: Dossier) -> Any:
    return or_(
        exists().where(StaffSector.staff_id == staff_id, StaffSector.sector_id == dossier.sector_id),
        exists().where(
            StaffProcedure.staff_id == staff_id, StaffProcedure.procedure_id == dossier.procedure_id
        ),
    )


def _has_role(staff_id: Any, role: str) -> Any:
    return exists().where(StaffRole.staff_id == staff_id, StaffRole.role == role)


async def _candidate(
    session: AsyncSession,
    *,
    dossier: Dossier,
    kind: str,
    department_id: int | None,
    staff_id: int,
    now: datetime,
) -> choice.Candidate:
    """The facts about one named person, for a leader's (or a forwarder's) choice."""
    row = (
        await session.execute(
            select(
                Staff.unit_id,
                Staff.is_active,
                Staff.department_id,
                _has_role(Staff.id, ROLE_OF_KIND[kind]),
                _competent(Staff.id, dossier),
                _absent_now(Staff.id, now),
            ).where(Staff.id == staff_id)
        )
    ).first()
    if row is None or row[0] != dossier.unit_id:
        # Another unit's staff is as unknown here as a non-existent id.
        raise NotFound("Staff member not found")
    _unit, active, dep, has_role, competent, absent = row
    return choice.Candidate(
        staff_id=staff_id,
        active=bool(active),
        has_role=bool(has_role),
        competent=bool(competent) or kind != "specialist",
        in_department=department_id is None or dep == department_id,
        present=not absent,
    )


def soon_threshold(cal: deadlines.WorkingCalendar, now: datetime) -> datetime:
    """Steps due at or before this are "due soon", as `deadlines.remaining` reads it: due within 24 clock
    hours, or with at most one working day of working time left. Either condition suffices, so the threshold
    is the later of the two moments (Friday afternoon: Monday afternoon is one working day away)."""
    working_day = deadlines.add_working_minutes(cal, now, cal.hours_per_working_day * 60)
    return max(now + timedelta(hours=24), working_day)


def _load_columns(now: datetime, soon: datetime) -> tuple[Any, Any, Any]:
    running = DossierStep.paused_since.is_(None)
    overdue = func.sum(case((and_(running, DossierStep.due_at < now), 1), else_=0))
    due_soon = func.sum(
        case((and_(running, DossierStep.due_at >= now, DossierStep.due_at <= soon), 1), else_=0)
    )
    return func.count(), due_soon, overdue


def _counts(step: DossierStep) -> bool:
    # The reception step is the receiving officer's by the act of receiving: nobody handed it to them.
    return step.assignee_id is not None and step.assigned_how != "intake"


# The kept counters move in the hand-over's own transaction. Written out once (the same text on both
# databases): building the upsert from expressions on every hand-over cost more CPU than sending it.
_WORKLOAD = text(
    """
    INSERT INTO staff_workloads (staff_id, open_steps, due_soon, overdue)
    VALUES (:staff_id, :steps, :due_soon, :overdue)
    ON CONFLICT (staff_id) DO UPDATE SET
        open_steps = staff_workloads.open_steps + excluded.open_steps,
        due_soon = staff_workloads.due_soon + excluded.due_soon,
        overdue = staff_workloads.overdue + excluded.overdue
    """
).bindparams(
    bindparam("staff_id", type_=Integer),
    bindparam("steps", type_=Integer),
    bindparam("due_soon", type_=Integer),
    bindparam("overdue", type_=Integer),
)


async def _workload(
    session: AsyncSession, *, unit_id: int, staff_id: int, steps: int, due_soon: int, overdue: int
) -> None:
    if not (steps or due_soon or overdue):
        return
    await lock_unit(session, unit_id)  # the lock order: see lock_unit
    await session.execute(
        _WORKLOAD, {"staff_id": staff_id, "steps": steps, "due_soon": due_soon, "overdue": overdue}
    )


async def count_step(session: AsyncSession, step: DossierStep, sign: int) -> None:
    """Add (+1) or remove (-1) ``step`` from its holder's workload, with its reminder level."""
    if _counts(step):
        assert step.assignee_id is not None
        await _workload(
            session,
            unit_id=step.unit_id,
            staff_id=step.assignee_id,
            steps=sign,
            due_soon=sign if step.reminder_level == 1 else 0,
            overdue=sign if step.reminder_level == 2 else 0,
        )


async def relevel(session: AsyncSession, step: DossierStep, level: int) -> None:
    """The reminder job marked ``step`` due soon (1) or overdue (2): move it in its holder's counts."""
    if _counts(step) and level != step.reminder_level:
        assert step.assignee_id is not None
        old = step.reminder_level
        await _workload(
            session,
            unit_id=step.unit_id,
            staff_id=step.assignee_id,
            steps=0,
            due_soon=(level == 1) - (old == 1),
            overdue=(level == 2) - (old == 2),
        )
    step.reminder_level = level


async def recount(session: AsyncSession, *, unit_id: int) -> dict[int, tuple[int, int, int]]:
    """What the workloads of a unit's staff should be, counted from the open steps (tests, repairs)."""
    rows = await session.execute(
        select(
            DossierStep.assignee_id,
            func.count(),
            func.sum(case((DossierStep.reminder_level == 1, 1), else_=0)),
            func.sum(case((DossierStep.reminder_level == 2, 1), else_=0)),
        )
        .where(
            DossierStep.unit_id == unit_id,
            DossierStep.finished_at.is_(None),
            DossierStep.assignee_id.is_not(None),
            or_(DossierStep.assigned_how.is_(None), DossierStep.assigned_how != "intake"),
        )
        .group_by(DossierStep.assignee_id)
    )
    return {int(a): (int(n), int(s or 0), int(o or 0)) for a, n, s, o in rows}


_LOCK = text("SELECT pg_advisory_xact_lock(:key, :unit_id)").bindparams(
    bindparam("key", type_=Integer), bindparam("unit_id", type_=Integer)
)


async def lock_unit(session: AsyncSession, unit_id: int) -> None:
    """Take the unit's assignment lock, once per transaction, held until it ends (PostgreSQL; SQLite already
    runs one writer at a time).

    Auto-assignments of one unit take turns: each reads the loads after the previous one committed, so parallel
    forwards spread evenly instead of all picking the same least-loaded person. The kept workload counts are
    written only under it, so every transaction takes its locks in one order and PostgreSQL never has to break
    a deadlock: the dossier row, its step row, this lock, then workload rows. (Without it a forward lowering
    its officer's count, then waiting for the lock, and the lock's holder raising that officer's count wait
    for each other; so do two reassignments A→B and B→A.) Work on several dossiers at once locks their rows
    first, in one order or skipping locked ones (`apply_absence`, the reminder job)."""
    # The root transaction object identifies this transaction: a session may run several one after another.
    transaction = session.sync_session.get_transaction()
    held: tuple[object, set[int]] | None = session.info.get("unit_locks")
    if held is None or held[0] is not transaction:
        held = session.info["unit_locks"] = (transaction, set())
    if unit_id not in held[1]:
        await session.execute(_LOCK, {"key": _ASSIGN_LOCK, "unit_id": unit_id})
        held[1].add(unit_id)


# Everyone qualified for a step and present now, with their kept workload; the unit's calendar stamp (the
# new step's due time needs the calendar: one round trip less) and the step department's mode ride along.
# The busiest read of a hand-over, so it is written out once, the same text on both databases (the typed
# parameters and result columns keep timestamps comparable on SQLite), rather than built from expressions
# each time: that building cost more CPU than the statement itself. `_candidate` judges one named person by
# the same rules, one by one, to say why they cannot take a step.
_CANDIDATES = (
    text(
        """
        SELECT s.id, s.full_name, w.open_steps, w.due_soon, w.overdue,
               (SELECT c.updated_at FROM calendar_settings c WHERE c.unit_id = :unit_id) AS calendar_stamp,
               (SELECT d.assignment_mode FROM departments d WHERE d.id = :department_id) AS mode
        FROM staff s
        LEFT JOIN staff_workloads w ON w.staff_id = s.id
        WHERE s.unit_id = :unit_id
          AND s.is_active
          AND EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = :role)
          AND NOT EXISTS (
              SELECT 1 FROM absences a
              WHERE a.staff_id = s.id AND a.starts_at <= :now AND a.ends_at > :now AND a.cancelled_at IS NULL
          )
          AND (:department_id IS NULL OR s.department_id = :department_id)
          AND (
              :anyone
              OR EXISTS (SELECT 1 FROM staff_sectors x WHERE x.staff_id = s.id AND x.sector_id = :sector_id)
              OR EXISTS (
                  SELECT 1 FROM staff_procedures p WHERE p.staff_id = s.id AND p.procedure_id = :procedure_id
              )
          )
          AND (:exclude IS NULL OR s.id <> :exclude)
        """
    )
    .bindparams(
        bindparam("unit_id", type_=Integer),
        bindparam("department_id", type_=Integer),
        bindparam("role", type_=String),
        bindparam("now", type_=UTCDateTime()),
        bindparam("anyone", type_=Boolean),
        bindparam("sector_id", type_=Integer),
        bindparam("procedure_id", type_=Integer),
        bindparam("exclude", type_=Integer),
    )
    .columns(
        column("id", Integer),
        column("full_name", String),
        column("open_steps", Integer),
        column("due_soon", Integer),
        column("overdue", Integer),
        column("calendar_stamp", UTCDateTime()),
        column("mode", String),
    )
)


async def _auto_candidates(
    session: AsyncSession,
    *,
    dossier: Dossier,
    kind: str,
    department_id: int | None,
    now: datetime,
    exclude: int | None = None,
) -> list[choice.Candidate] | None:
    """Everyone qualified and present, with their workload: one query whatever the number of open steps.
    None when the step's department gives work out from a pool instead."""
    rows = (
        await session.execute(
            _CANDIDATES,
            {
                "unit_id": dossier.unit_id,
                "department_id": department_id,
                "role": ROLE_OF_KIND[kind],
                "now": now,
                # Competence (a sector or a procedure of the officer's) matters for the specialist's step.
                "anyone": kind != "specialist",
                "sector_id": dossier.sector_id,
                "procedure_id": dossier.procedure_id,
                "exclude": exclude,
            },
        )
    ).all()
    if rows:
        await calendar_service.working_calendar(
            session, unit_id=dossier.unit_id, stamp=rows[0].calendar_stamp
        )
    # With no candidate at all the mode does not matter: nobody can be chosen either way.
    if department_id is not None and rows and rows[0].mode == "pool":
        return None
    # Names known now need no second query when the event names the chosen officer.
    session.info.setdefault("staff_names", {}).update((r[0], r[1]) for r in rows)
    return [
        choice.Candidate(staff_id=r[0], open_steps=r[2] or 0, due_soon=r[3] or 0, overdue=r[4] or 0)
        for r in rows
    ]


async def auto_pick(
    session: AsyncSession,
    *,
    dossier: Dossier,
    kind: str,
    department_id: int | None,
    now: datetime,
    exclude: int | None = None,
) -> int | None:
    await lock_unit(session, dossier.unit_id)
    candidates = await _auto_candidates(
        session, dossier=dossier, kind=kind, department_id=department_id, now=now, exclude=exclude
    )
    if candidates is None:  # a pool department: nobody is chosen
        return None
    return choice.choose(candidates)


async def _require_qualified(
    session: AsyncSession,
    *,
    dossier: Dossier,
    kind: str,
    department_id: int | None,
    staff_id: int,
    now: datetime,
) -> None:
    candidate = await _candidate(
        session, dossier=dossier, kind=kind, department_id=department_id, staff_id=staff_id, now=now
    )
    why = choice.refusal(candidate)
    if why is not None:
        vi, en = choice.REFUSAL_TEXT[why]
        raise Conflict(f"This person cannot take this step: {en}", details=[vi])


# --------------------------------------------------------------------------------------- the step chain


async def open_step(
    session: AsyncSession, *, dossier_id: int, for_update: bool = False
) -> DossierStep | None:
    stmt = select(DossierStep).where(DossierStep.dossier_id == dossier_id, DossierStep.finished_at.is_(None))
    if for_update:  # the reminder job may mark it meanwhile: its workload counts must move with it
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def _names(session: AsyncSession, ids: Sequence[int | None]) -> dict[int, str]:
    known: dict[int, str] = session.info.get("staff_names", {})
    wanted = sorted({i for i in ids if i is not None})
    if all(i in known for i in wanted):
        return {i: known[i] for i in wanted}
    return dict((await session.execute(select(Staff.id, Staff.full_name).where(Staff.id.in_(wanted)))).all())


async def enter_step(
    session: AsyncSession,
    *,
    dossier: Dossier,
    plan: Sequence[plans.PlannedStep],
    position: int,
    seq: int,
    now: datetime,
    assignee_id: int | None,
    how: str | None,
) -> DossierStep:
    planned = plan[position]
    if assignee_id is None and how is None:
        # Stays None when the step's department gives work out from a pool: the step waits to be claimed.
        assignee_id = await auto_pick(
            session, dossier=dossier, kind=planned.kind, department_id=planned.department_id, now=now
        )
        how = "auto" if assignee_id is not None else None
    cal = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)  # read once per request
    step = DossierStep(
        dossier_id=dossier.id,
        **_step_row(
            unit_id=dossier.unit_id,
            planned=planned,
            position=position,
            seq=seq,
            now=now,
            assignee_id=assignee_id,
            how=how,
            cal=cal,
        ),
    )
    session.add(step)
    await count_step(session, step, +1)
    dossier.current_step = planned.name
    return step


def _step_row(
    *,
    unit_id: int,
    planned: plans.PlannedStep,
    position: int,
    seq: int,
    now: datetime,
    assignee_id: int | None,
    how: str | None,
    cal: deadlines.WorkingCalendar,
) -> dict[str, Any]:
    """The columns of a step entered now (all but its id and its dossier's)."""
    return {
        "unit_id": unit_id,
        "seq": seq,
        "position": position,
        "name": planned.name,
        "kind": planned.kind,
        "department_id": planned.department_id,
        "assignee_id": assignee_id,
        "assigned_at": now if assignee_id is not None else None,
        "assigned_how": how if assignee_id is not None else None,
        "started_at": now,
        "budget_minutes": planned.budget_minutes,
        "due_at": deadlines.add_working_minutes(cal, now, planned.budget_minutes).astimezone(UTC),
        "paused_since": None,
        "paused_minutes": 0,
        "finished_at": None,
        "finished_by_id": None,
        "finish_action": None,
        "handed_to_id": None,
        "reminder_level": 0,
    }


def _as_received(status: workflow.Status, *, now: datetime, actor_id: int) -> dict[str, Any]:
    """How the intake leaves its first step: paused when a supplement was asked for at the counter, closed
    when the dossier was refused there (DOMAIN.md statuses 3 and 5), running otherwise."""
    if status == workflow.Status.SUPPLEMENT_REQUESTED:
        return {"paused_since": now}
    if status == workflow.Status.REFUSED:
        return {"finished_at": now, "finished_by_id": actor_id, "finish_action": "refuse_at_reception"}
    return {}


def first_step(
    *,
    unit_id: int,
    plan: IntakePlan,
    cal: deadlines.WorkingCalendar,
    now: datetime,
    actor_id: int,
    status: workflow.Status,
) -> dict[str, Any] | None:
    """The columns of a dossier's first step when the receiving officer holds it (a reception or return
    step: theirs by the act of receiving, so it needs no database to choose its officer and is not counted
    in workloads); None when the plan starts with a step whose officer must be chosen (`start`)."""
    planned = plan.steps[0]
    if planned.kind not in ("reception", "return"):
        return None
    row = _step_row(
        unit_id=unit_id,
        planned=planned,
        position=0,
        seq=1,
        now=now,
        assignee_id=actor_id,
        how="intake",
        cal=cal,
    )
    row.update(_as_received(status, now=now, actor_id=actor_id))
    return row


def plan_event(plan: IntakePlan, first: str) -> dict[str, Any]:
    """What the intake event records about the plan."""
    return {"step": first, "plan": plan.source, "template_id": plan.template_id}


@dataclass(frozen=True)
class IntakePlan:
    source: str  # procedure, sector or default
    template_id: int | None
    steps: list[plans.PlannedStep]


async def intake_plan(
    session: AsyncSession,
    *,
    unit_id: int,
    procedure_id: int,
    sector_id: int,
    now: datetime,
    due_at: datetime | None,
    duration_amount: str | None,
    duration_unit: str | None,
    revision: int | None = None,
) -> IntakePlan:
    """The steps a dossier received now goes through: its procedure's template, its sector's, or the built-in
    chain split from its legal time. Read before the intake takes its number (see `dossiers.service`);
    `revision` is the unit's process revision when the caller read it (the templates are then cached)."""
    source, template_id, steps = await _template_steps(
        session, unit_id=unit_id, procedure_id=procedure_id, sector_id=sector_id, revision=revision
    )
    if not steps:
        cal = await calendar_service.working_calendar(session, unit_id=unit_id)
        legal: int | None = None
        if due_at is not None:
            legal = deadlines.working_minutes_between(cal, now, due_at)
        elif duration_unit:  # received incomplete: the legal time will start with the supplement
            due = deadlines.compute_due(
                cal,
                start=now,
                amount=Decimal(duration_amount or "0"),
                unit=deadlines.DurationUnit(duration_unit),
            ).due_at
            legal = deadlines.working_minutes_between(cal, now, due)
        steps = plans.default_plan(legal_minutes=max(legal, 0) if legal is not None else None)
    return IntakePlan(source=source, template_id=template_id, steps=steps)


async def start(
    session: AsyncSession,
    *,
    dossier: Dossier,
    actor_id: int,
    now: datetime,
    plan: IntakePlan | None = None,
    first: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """At intake: fix the dossier's plan and open its first step, held by the receptionist who received it
    (`first`: its columns when the caller has them from `first_step`). Returns what the intake event records
    about it."""
    if plan is None:
        plan = await intake_plan(
            session,
            unit_id=dossier.unit_id,
            procedure_id=dossier.procedure_id,
            sector_id=dossier.sector_id,
            now=now,
            due_at=dossier.due_at,
            duration_amount=dossier.duration_amount,
            duration_unit=dossier.duration_unit,
        )
    dossier.process_plan = [s.as_json() for s in plan.steps]
    cal = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)
    row = first or first_step(
        unit_id=dossier.unit_id,
        plan=plan,
        cal=cal,
        now=now,
        actor_id=actor_id,
        status=workflow.Status(dossier.status),
    )
    if row is not None:
        step = DossierStep(dossier_id=dossier.id, **row)
        session.add(step)
    else:
        step = await enter_step(
            session, dossier=dossier, plan=plan.steps, position=0, seq=1, now=now, assignee_id=None, how=None
        )
        for column, value in _as_received(
            workflow.Status(dossier.status), now=now, actor_id=actor_id
        ).items():
            setattr(step, column, value)
    dossier.current_step = step.name if step.finished_at is None else None
    return plan_event(plan, step.name)


async def after_transition(
    session: AsyncSession,
    *,
    dossier: Dossier,
    action: str,
    clock: workflow.Clock,
    actor_id: int,
    now: datetime,
    to_step: str | None,
    assignee_id: int | None,
) -> dict[str, Any]:
    """Move the step chain along with a status transition (called by ``dossiers.service.transition`` in its
    transaction): the clock of the open step follows the dossier's, a forward hands the dossier to the next
    step's officer, a result goes to the counter, a final status closes the chain. Returns what the event
    records about it."""
    step = await open_step(session, dossier_id=dossier.id, for_update=True)
    changes: dict[str, Any] = {}
    if step is None:
        if action == "forward":
            raise Conflict("This dossier has no open step to forward")
        return changes
    plan = _plan(dossier)
    cal = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)

    if clock is workflow.Clock.PAUSE and step.paused_since is None:
        step.paused_since = now
    elif clock is workflow.Clock.RESUME and step.paused_since is not None:
        paused = max(deadlines.working_minutes_between(cal, step.paused_since, now), 0)
        if step.due_at is not None:
            # The step's own clock stood still with the dossier's (DOMAIN.md: supplement time is subtracted).
            step.due_at = deadlines.add_working_minutes(cal, step.due_at, paused)
        step.paused_minutes += paused
        step.paused_since = None

    target: int | None = None
    if action == "forward":
        try:
            target = plans.next_position(plan, step.position, to_step=to_step)
        except LookupError:
            ahead = [p.name for p in plan[step.position + 1 :] if p.kind != "return"]
            raise InvalidInput(
                f"No later step is called '{to_step}'. Steps ahead: {', '.join(ahead) or 'none'}",
                field="body.to_step",
            ) from None
        if target is None:
            raise Conflict("This is the last processing step: mark the result done or refuse the request")
    elif action in ("mark_done", "refuse_to_resolve"):
        target = plans.result_position(plan, step.position)
    elif clock is not workflow.Clock.STOP and action != "return_result":
        if assignee_id is not None:
            raise InvalidInput("assignee_id is only used with forward", field="body.assignee_id")
        return changes  # the step goes on (approve, extend, supplement, payment…)

    if assignee_id is not None:
        if target is None or action != "forward":
            raise InvalidInput("assignee_id is only used with forward", field="body.assignee_id")
        await _require_qualified(
            session,
            dossier=dossier,
            kind=plan[target].kind,
            department_id=plan[target].department_id,
            staff_id=assignee_id,
            now=now,
        )
    await count_step(session, step, -1)
    step.finished_at = now
    step.finished_by_id = actor_id
    step.finish_action = action
    if step.paused_since is not None:
        step.paused_minutes += max(deadlines.working_minutes_between(cal, step.paused_since, now), 0)
        step.paused_since = None
    changes["step_finished"] = {
        "seq": step.seq,
        "name": step.name,
        "punctuality": deadlines.punctuality(finished_at=now, due_at=step.due_at) if step.due_at else None,
    }
    if target is None:
        dossier.current_step = None
        return changes
    await session.flush()  # the finished step first: one open step per dossier (unique index)
    new = await enter_step(
        session,
        dossier=dossier,
        plan=plan,
        position=target,
        seq=step.seq + 1,
        now=now,
        assignee_id=assignee_id,
        how="forward" if assignee_id is not None else None,
    )
    # Form 06 records who received the dossier at the hand-over, whoever holds the step later.
    step.handed_to_id = new.assignee_id
    names = await _names(session, [new.assignee_id])
    changes["step"] = new.name
    changes["assignee"] = (
        {"id": new.assignee_id, "full_name": names.get(new.assignee_id, "")} if new.assignee_id else None
    )
    changes["step_due_at"] = new.due_at.isoformat() if new.due_at else None
    return changes


async def candidates(session: AsyncSession, *, dossier: Dossier, which: str) -> CandidateList:
    """Who could take the dossier's current step (`current`) or the step a forward would enter (`next`), with
    the reason for each one who could not: what a leader or a forwarder chooses from."""
    step = await open_step(session, dossier_id=dossier.id)
    if step is None:
        raise Conflict("This dossier has no open step")
    plan = _plan(dossier)
    if which == "next":
        position = plans.next_position(plan, step.position, to_step=None) if plan else None
        if position is None:
            raise Conflict("No step is left to forward to")
        name, kind, department_id = plan[position].name, plan[position].kind, plan[position].department_id
    else:
        name, kind, department_id = step.name, step.kind, step.department_id
    now = utcnow()
    rows = (
        await session.execute(
            select(
                Staff.id,
                Staff.full_name,
                Staff.department_id,
                _competent(Staff.id, dossier),
                _absent_now(Staff.id, now),
                StaffWorkload.open_steps,
                StaffWorkload.due_soon,
                StaffWorkload.overdue,
            )
            .outerjoin(StaffWorkload, StaffWorkload.staff_id == Staff.id)
            .where(
                Staff.unit_id == dossier.unit_id,
                Staff.is_active.is_(True),
                _has_role(Staff.id, ROLE_OF_KIND[kind]),
            )
        )
    ).all()
    out: list[tuple[tuple[int, float, str], CandidateRead]] = []
    for sid, full_name, dep, competent, absent, n, soon, late in rows:
        fact = choice.Candidate(
            staff_id=sid,
            competent=bool(competent) or kind != "specialist",
            in_department=department_id is None or dep == department_id,
            present=not absent,
            open_steps=n or 0,
            due_soon=soon or 0,
            overdue=late or 0,
        )
        why = choice.refusal(fact)
        text = choice.REFUSAL_TEXT[why] if why else (None, None)
        read = CandidateRead(
            staff=PersonRef(id=sid, full_name=full_name),
            department_id=dep,
            qualified=why is None,
            reason_vi=text[0],
            reason_en=text[1],
            open_steps=fact.open_steps,
            due_soon=fact.due_soon,
            overdue=fact.overdue,
        )
        out.append(((0 if why is None else 1, choice.weighted_load(fact), full_name), read))
    out.sort(key=lambda pair: pair[0])
    return CandidateList(step_name=name, step_kind=kind, candidates=[r for _k, r in out])


# ------------------------------------------------------------------------------- assign / claim / release


async def _record(
    session: AsyncSession,
    *,
    dossier: Dossier,
    actor_id: int | None,
    action: str,
    note: str | None,
    data: dict[str, Any],
    now: datetime,
) -> None:
    """An event of the dossier for a change of hands. The version is bumped atomically, so an action sent with
    the old If-Match is refused: the dossier changed."""
    version = (
        await session.execute(
            update(Dossier)
            .where(Dossier.id == dossier.id)
            .values(version=Dossier.version + 1, updated_at=now)
            .returning(Dossier.version)
            .execution_options(synchronize_session=False)
        )
    ).scalar_one()
    dossier.version = version
    session.add(
        DossierEvent(
            unit_id=dossier.unit_id,
            dossier_id=dossier.id,
            seq=version,
            at=now,
            actor_id=actor_id,
            action=action,
            from_status=dossier.status,
            to_status=dossier.status,
            note=note,
            data=data,
        )
    )


async def _hand(
    session: AsyncSession,
    *,
    dossier: Dossier,
    step: DossierStep,
    to: int | None,
    how: str | None,
    actor_id: int | None,
    action: str,
    reason: str | None,
    now: datetime,
    expect_from: int | None,
) -> DossierStep:
    """Give ``step`` to ``to`` (None: back to the pool). ``expect_from`` guards against a race: the update only
    applies if the step is still held by that person (pass False to skip the guard)."""
    where = [DossierStep.id == step.id, DossierStep.finished_at.is_(None)]
    if expect_from is not False:
        where.append(
            DossierStep.assignee_id.is_(None)
            if expect_from is None
            else DossierStep.assignee_id == expect_from
        )
    done = (
        await session.execute(
            update(DossierStep)
            .where(*where)
            .values(assignee_id=to, assigned_at=now if to else None, assigned_how=how if to else None)
            .returning(DossierStep.reminder_level)
            .execution_options(synchronize_session=False)
        )
    ).first()
    if done is None:
        raise Conflict("The step changed hands meanwhile; reload it")
    step.reminder_level = done[0]  # as the row is now (locked), for the workload counts
    before = step.assignee_id
    await count_step(session, step, -1)
    step.assignee_id, step.assigned_at, step.assigned_how = to, (now if to else None), (how if to else None)
    await count_step(session, step, +1)
    names = await _names(session, [before, to])
    if to is not None and to != actor_id:
        # Work moved to someone by another person (a leader, an absence): tell them.
        await notify(
            session,
            unit_id=dossier.unit_id,
            recipient_id=to,
            kind="assigned",
            dossier_id=dossier.id,
            step_id=step.id,
            text_vi=f"Bạn được giao hồ sơ {dossier.code}, bước “{step.name}”"
            + (f": {reason}" if reason else "."),
            text_en=f"You were given dossier {dossier.code}, step “{step.name}”"
            + (f": {reason}" if reason else "."),
            now=now,
        )
    await _record(
        session,
        dossier=dossier,
        actor_id=actor_id,
        action=action,
        note=reason,
        data={
            "step": step.name,
            "from": {"id": before, "full_name": names.get(before, "")} if before else None,
            "to": {"id": to, "full_name": names.get(to, "")} if to else None,
        },
        now=now,
    )
    return step


async def _current(session: AsyncSession, dossier: Dossier) -> DossierStep:
    step = await open_step(session, dossier_id=dossier.id)
    if step is None:
        raise Conflict("This dossier has no open step")
    return step


async def _give(
    session: AsyncSession,
    *,
    dossier: Dossier,
    step: DossierStep,
    to: int,
    how: str,
    actor_id: int,
    reason: str | None,
    now: datetime,
) -> DossierStep:
    """Give the current step to `to`, who must be qualified and present (assign: `manual`; claim: `claim`)."""
    await _require_qualified(
        session, dossier=dossier, kind=step.kind, department_id=step.department_id, staff_id=to, now=now
    )
    return await _hand(
        session,
        dossier=dossier,
        step=step,
        to=to,
        how=how,
        actor_id=actor_id,
        action="assign" if how == "manual" else "claim",
        reason=reason,
        now=now,
        expect_from=step.assignee_id,
    )


async def assign(
    session: AsyncSession,
    *,
    dossier: Dossier,
    actor_id: int,
    staff_id: int,
    reason: str,
    now: datetime | None = None,
) -> DossierStep:
    """A leader gives the current step to a named, qualified and present officer."""
    now = now or utcnow()
    step = await _current(session, dossier)
    if step.assignee_id == staff_id:
        raise Conflict("This officer already holds the step")
    return await _give(
        session,
        dossier=dossier,
        step=step,
        to=staff_id,
        how="manual",
        actor_id=actor_id,
        reason=reason,
        now=now,
    )


async def claim(
    session: AsyncSession, *, dossier: Dossier, actor_id: int, now: datetime | None = None
) -> DossierStep:
    """Take a step waiting in the pool. Of two people claiming at once, one gets it, the other a 409."""
    now = now or utcnow()
    step = await _current(session, dossier)
    if step.assignee_id is not None:
        raise Conflict("Someone already holds this step")
    return await _give(
        session, dossier=dossier, step=step, to=actor_id, how="claim", actor_id=actor_id, reason=None, now=now
    )


async def release(
    session: AsyncSession,
    *,
    dossier: Dossier,
    actor_id: int,
    is_leader: bool,
    reason: str,
    now: datetime | None = None,
) -> DossierStep:
    """Give a step back to the pool: its holder, or a leader."""
    now = now or utcnow()
    step = await _current(session, dossier)
    if step.assignee_id is None:
        raise Conflict("Nobody holds this step")
    if step.assignee_id != actor_id and not is_leader:
        raise Forbidden("Only the officer holding the step or a leader can release it")
    return await _hand(
        session,
        dossier=dossier,
        step=step,
        to=None,
        how=None,
        actor_id=actor_id,
        action="release",
        reason=reason,
        now=now,
        expect_from=step.assignee_id,
    )


# -------------------------------------------------------------------------------------- notifications


async def notify(
    session: AsyncSession,
    *,
    unit_id: int,
    recipient_id: int,
    kind: str,
    dossier_id: int,
    step_id: int,
    text_vi: str,
    text_en: str,
    now: datetime,
) -> int:
    """Create a notification unless this recipient already has one of this kind for this step. Returns 1 when
    created, 0 when it existed (insert-or-nothing: safe when two jobs run at once)."""
    created = await session.execute(
        insert(Notification)
        .values(
            unit_id=unit_id,
            recipient_id=recipient_id,
            kind=kind,
            dossier_id=dossier_id,
            step_id=step_id,
            text_vi=text_vi,
            text_en=text_en,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["step_id", "kind", "recipient_id"])
        .returning(Notification.id)
    )
    return 1 if created.first() is not None else 0


# ------------------------------------------------------------------------------------------- absences


def _absence_text(absence: Absence) -> str:
    kinds = {
        "leave": "nghỉ phép",
        "training": "đi học, tập huấn",
        "sick": "nghỉ ốm",
        "business": "đi công tác",
        "other": "vắng mặt",
    }
    fmt = "%H:%M %d/%m/%Y"
    start = absence.starts_at.astimezone(deadlines.LOCAL_TZ).strftime(fmt)
    end = absence.ends_at.astimezone(deadlines.LOCAL_TZ).strftime(fmt)
    return f"Cán bộ {kinds.get(absence.kind, 'vắng mặt')} từ {start} đến {end}"


async def apply_absence(session: AsyncSession, *, absence: Absence, now: datetime) -> int:
    """At the start of an absence: the absent person's open steps that fall due before it ends (or have no due
    time) go to the delegate when qualified and present, else to the least loaded qualified person; each move
    is an event naming the reason. Claimed once (applied_at), so two reminder jobs never move work twice.
    Returns the number of steps moved."""
    claimed = await session.execute(
        update(Absence)
        .where(Absence.id == absence.id, Absence.applied_at.is_(None), Absence.cancelled_at.is_(None))
        .values(applied_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return 0
    absence.applied_at = now
    result = (
        await session.execute(
            select(DossierStep, Dossier)
            .join(Dossier, Dossier.id == DossierStep.dossier_id)
            .where(
                DossierStep.assignee_id == absence.staff_id,
                DossierStep.finished_at.is_(None),
                or_(
                    DossierStep.due_at.is_(None),
                    DossierStep.due_at <= absence.ends_at,
                    DossierStep.paused_since.is_not(None),
                ),
            )
            # Locked first, all of them, in one order (see lock_unit); a forward of one of them waits for this.
            .order_by(Dossier.id)
            .with_for_update(of=[DossierStep, Dossier])
        )
    ).all()
    # The soonest due first, those without a due time last, while the delegate's and the others' loads allow.
    rows = sorted(result, key=lambda r: (r[0].due_at is None, r[0].due_at or now, r[0].id))
    reason = _absence_text(absence)
    moved = 0
    for step, dossier in rows:
        to: int | None = None
        how = "delegate"
        if absence.delegate_id is not None:
            candidate = await _candidate(
                session,
                dossier=dossier,
                kind=step.kind,
                department_id=step.department_id,
                staff_id=absence.delegate_id,
                now=now,
            )
            if choice.refusal(candidate) is None:
                to = absence.delegate_id
        if to is None:
            how = "auto"
            to = await auto_pick(
                session,
                dossier=dossier,
                kind=step.kind,
                department_id=step.department_id,
                now=now,
                exclude=absence.staff_id,
            )
        await _hand(
            session,
            dossier=dossier,
            step=step,
            to=to,
            how=how,
            actor_id=None,
            action="reassign_absence",
            reason=reason,
            now=now,
            expect_from=absence.staff_id,
        )
        await session.flush()
        moved += 1
    return moved


async def create_absence(
    session: AsyncSession,
    *,
    unit_id: int,
    actor_id: int,
    is_leader: bool,
    data: AbsenceCreate,
    now: datetime | None = None,
) -> Absence:
    now = now or utcnow()
    staff_id = data.staff_id or actor_id
    if staff_id != actor_id and not is_leader:
        raise Forbidden("Only a leader records another person's absence")
    ids = [staff_id] + ([data.delegate_id] if data.delegate_id else [])
    found = set(
        (await session.scalars(select(Staff.id).where(Staff.id.in_(ids), Staff.unit_id == unit_id))).all()
    )
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
    if absence.starts_at <= now < absence.ends_at:
        await apply_absence(session, absence=absence, now=now)
    return absence


def visible_absences(unit_id: int) -> Select[Absence]:
    return select(Absence).where(Absence.unit_id == unit_id, Absence.cancelled_at.is_(None))


async def cancel_absence(
    session: AsyncSession, *, unit_id: int, absence_id: int, actor_id: int, is_leader: bool
) -> None:
    absence = await session.scalar(visible_absences(unit_id).where(Absence.id == absence_id))
    if absence is None:
        raise NotFound("Absence not found")
    if absence.staff_id != actor_id and not is_leader:
        raise Forbidden("Only a leader cancels another person's absence")
    absence.cancelled_at = utcnow()


# ------------------------------------------------------------------------------------------ reading


@dataclass(frozen=True)
class _Ctx:
    cal: deadlines.WorkingCalendar
    now: datetime


def _remaining(ctx: _Ctx, step: Any) -> RemainingRead | None:
    if step.due_at is None or step.finished_at is not None or step.paused_since is not None:
        return None
    return RemainingRead.of(deadlines.remaining(ctx.cal, now=ctx.now, due_at=step.due_at))


async def chain(session: AsyncSession, *, dossier: Dossier) -> StepChain:
    """The dossier's steps (form 06: one row per hand-over) and the steps still ahead in its plan."""
    steps = list(
        (
            await session.scalars(
                select(DossierStep).where(DossierStep.dossier_id == dossier.id).order_by(DossierStep.seq)
            )
        ).all()
    )
    names = await _names(session, [s.assignee_id for s in steps] + [s.finished_by_id for s in steps])
    deps = dict(
        (
            await session.execute(
                select(Department.id, Department.name).where(Department.unit_id == dossier.unit_id)
            )
        ).all()
    )
    ctx = _Ctx(cal=await calendar_service.working_calendar(session, unit_id=dossier.unit_id), now=utcnow())

    def ref(i: int | None) -> PersonRef | None:
        return PersonRef(id=i, full_name=names.get(i, "")) if i is not None else None

    out = []
    for i, s in enumerate(steps):
        following = steps[i + 1] if i + 1 < len(steps) else None
        out.append(
            StepRead(
                id=s.id,
                seq=s.seq,
                name=s.name,
                kind=s.kind,
                department=deps.get(s.department_id) if s.department_id else None,
                department_id=s.department_id,
                assignee=ref(s.assignee_id),
                assigned_how=s.assigned_how,
                assigned_at=s.assigned_at,
                started_at=s.started_at,
                budget_minutes=s.budget_minutes,
                due_at=s.due_at,
                paused_minutes=s.paused_minutes,
                is_paused=s.paused_since is not None,
                finished_at=s.finished_at,
                finished_by=ref(s.finished_by_id),
                finish_action=s.finish_action,
                handed_to=ref(s.handed_to_id) if following else None,
                punctuality=deadlines.punctuality(finished_at=s.finished_at, due_at=s.due_at)
                if s.finished_at and s.due_at
                else None,
                remaining=_remaining(ctx, s),
            )
        )
    plan = _plan(dossier)
    last = steps[-1] if steps else None
    ahead: list[PlannedStepRead] = []
    if last is not None and last.finished_at is None:
        ahead = [
            PlannedStepRead(
                position=i,
                name=p.name,
                kind=p.kind,
                department_id=p.department_id,
                budget_minutes=p.budget_minutes,
            )
            for i, p in enumerate(plan)
            if i > last.position
        ]
    return StepChain(steps=out, planned=ahead)


# What a work list shows of a step and its dossier: a few columns, not the whole rows (documents, fees… as
# JSON). Flat and labelled: `_items` reads a row by these labels, so that it also builds the items from the rows
# of `work_pg`'s hand-written statement, which answers the same labels (an asyncpg record is read by key too).
# A work list holds open steps only: no `finished_at`.
_WORK_COLUMNS = (
    DossierStep.id.label("step_id"),
    DossierStep.name.label("step_name"),
    DossierStep.kind.label("step_kind"),
    DossierStep.started_at.label("step_started_at"),
    DossierStep.due_at.label("step_due_at"),
    DossierStep.paused_since.label("paused_since"),
    DossierStep.assignee_id.label("assignee_id"),
    DossierStep.department_id.label("department_id"),
    Dossier.id.label("dossier_id"),
    Dossier.code.label("dossier_code"),
    Dossier.version.label("dossier_version"),
    Dossier.status.label("status"),
    Dossier.procedure_code.label("procedure_code"),
    Dossier.procedure_name.label("procedure_name"),
    Dossier.applicant_name.label("applicant_name"),
    Dossier.due_at.label("dossier_due_at"),
)


def _work_query(unit_id: int) -> Select[*tuple[Any, ...]]:
    return (
        select(*_WORK_COLUMNS)
        .join(Dossier, Dossier.id == DossierStep.dossier_id)
        .where(DossierStep.unit_id == unit_id, DossierStep.finished_at.is_(None))
    )


_Model = TypeVar("_Model", bound=BaseModel)


def _trusted(cls: type[_Model], values: dict[str, Any]) -> _Model:
    """The model `cls.model_construct(**values)` makes when `values` names every field: no validation, every
    field set. Without `model_construct`'s loop over each field's aliases and default, which costs more than
    validating would: measured 10 µs a work item there, 1.4 µs here, and a page of work builds forty."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def _items(ctx: _Ctx, rows: Iterable[Any], names: dict[int, str]) -> list[WorkItem]:
    """The work items of `rows`, read by the labels of `_WORK_COLUMNS` (SQLAlchemy's row mappings or asyncpg
    records). Rows straight from the database and the engine: built without validation, as a page of work is
    the console's most frequent request. A page holds one holder (my work) or none (the pool) and a few
    statuses: each of those is built once and shared by the items."""
    people: dict[int, PersonRef] = {}
    statuses: dict[int, StatusInfo] = {}
    countdown = deadlines.Countdown(ctx.cal, ctx.now)
    out = []
    for r in rows:
        due_at, assignee_id, code = r["step_due_at"], r["assignee_id"], r["status"]
        running = r["paused_since"] is None
        remaining = None
        if due_at is not None and running:  # as `_remaining`: no working time left to show while paused
            left = countdown(due_at)
            remaining = _trusted(  # as `RemainingRead.of`
                RemainingRead,
                {
                    "minutes": left.minutes,
                    "is_overdue": left.is_overdue,
                    "is_due_soon": left.is_due_soon,
                    "text_vi": left.text_vi,
                    "text_en": left.text_en,
                },
            )
        if assignee_id is None:
            person = None
        elif (person := people.get(assignee_id)) is None:
            person = people[assignee_id] = PersonRef.model_construct(
                id=assignee_id, full_name=names.get(assignee_id, "")
            )
        if (status := statuses.get(code)) is None:
            status = statuses[code] = status_info(code)
        out.append(
            _trusted(
                WorkItem,
                {
                    "step_id": r["step_id"],
                    "step_name": r["step_name"],
                    "step_kind": r["step_kind"],
                    "step_started_at": r["step_started_at"],
                    "step_due_at": due_at,
                    "remaining": remaining,
                    "is_paused": not running,
                    "assignee": person,
                    "department_id": r["department_id"],
                    "dossier_id": r["dossier_id"],
                    "dossier_code": r["dossier_code"],
                    "dossier_version": r["dossier_version"],
                    "status": status,
                    "procedure_code": r["procedure_code"],
                    "procedure_name": r["procedure_name"],
                    "applicant_name": r["applicant_name"],
                    "dossier_due_at": r["dossier_due_at"],
                },
            )
        )
    return out


async def staff_name(session: AsyncSession, *, unit_id: int, staff_id: int) -> str:
    name = await session.scalar(select(Staff.full_name).where(Staff.id == staff_id, Staff.unit_id == unit_id))
    if name is None:
        raise NotFound("Staff member not found")
    return name


async def my_work(
    session: AsyncSession,
    *,
    unit_id: int,
    staff_id: int,
    staff_name: str,
    page: PageParams,
    due_soon: bool | None = None,
    overdue: bool | None = None,
) -> WorkPage:
    """My open steps by step due time (the most urgent first), with counts over all of them."""
    now = utcnow()
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    soon = soon_threshold(cal, now)
    count, soon_col, overdue_col = _load_columns(now, soon)
    mine = and_(DossierStep.assignee_id == staff_id, DossierStep.finished_at.is_(None))
    totals = (await session.execute(select(count, soon_col, overdue_col).where(mine))).one()
    stmt = _work_query(unit_id).where(DossierStep.assignee_id == staff_id)
    running = DossierStep.paused_since.is_(None)
    if overdue is not None:
        late = and_(running, DossierStep.due_at < now)
        stmt = stmt.where(late if overdue else ~late)
    if due_soon is not None:
        near = and_(running, DossierStep.due_at >= now, DossierStep.due_at <= soon)
        stmt = stmt.where(near if due_soon else ~near)
    total = (
        totals[0]
        if overdue is None and due_soon is None
        else (await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    )
    rows = await session.execute(
        stmt.order_by(DossierStep.due_at.asc().nulls_last(), DossierStep.id)
        .offset(page.offset)
        .limit(page.size)
    )
    return work_page(
        cal,
        now,
        rows.mappings(),
        names={staff_id: staff_name},
        page=page,
        total=int(total),
        counts=WorkCounts(open=int(totals[0]), due_soon=int(totals[1] or 0), overdue=int(totals[2] or 0)),
    )


def work_page(
    cal: deadlines.WorkingCalendar,
    now: datetime,
    rows: Iterable[Any],
    *,
    names: dict[int, str],
    page: PageParams,
    total: int,
    counts: WorkCounts,
) -> WorkPage:
    """A page of my work from its rows (see `_items`) and its counts; `work_pg` builds it the same way."""
    items = _items(_Ctx(cal=cal, now=now), rows, names)
    return WorkPage(items=items, total=total, page=page.page, size=page.size, counts=counts)


async def pool(
    session: AsyncSession,
    *,
    unit_id: int,
    staff: Staff,
    roles: frozenset[str],
    department_id: int | None,
    page: PageParams,
) -> WorkPage:
    """Steps nobody holds that the caller could claim (leaders see every one): their department's, and the
    center-wide ones of a kind their role performs."""
    now = utcnow()
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    stmt = _work_query(unit_id).where(DossierStep.assignee_id.is_(None))
    if department_id is not None:
        stmt = stmt.where(DossierStep.department_id == department_id)
    if "leader" not in roles:
        kinds = [k for k, r in ROLE_OF_KIND.items() if r in roles]
        stmt = stmt.where(
            DossierStep.kind.in_(kinds),
            or_(DossierStep.department_id.is_(None), DossierStep.department_id == staff.department_id),
            or_(DossierStep.kind != "specialist", _competent_for_step(staff.id)),
        )
    total = await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = (
        await session.execute(
            stmt.order_by(DossierStep.due_at.asc().nulls_last(), DossierStep.id)
            .offset(page.offset)
            .limit(page.size)
        )
    ).mappings()
    soon = soon_threshold(cal, now)
    items = _items(_Ctx(cal=cal, now=now), rows, {})
    due_soon = sum(1 for i in items if i.step_due_at and now <= i.step_due_at <= soon)
    overdue = sum(1 for i in items if i.step_due_at and i.step_due_at < now)
    return WorkPage(
        items=items,
        total=int(total),
        page=page.page,
        size=page.size,
        counts=WorkCounts(open=int(total), due_soon=due_soon, overdue=overdue),
    )


def _competent_for_step(staff_id: int) -> Any:
    return or_(
        exists().where(StaffSector.staff_id == staff_id, StaffSector.sector_id == Dossier.sector_id),
        exists().where(
            StaffProcedure.staff_id == staff_id, StaffProcedure.procedure_id == Dossier.procedure_id
        ),
    )


async def board(session: AsyncSession, *, unit_id: int) -> Board:
    """Per officer and per department: open steps, due soon, overdue, finished this month and the on-time share."""
    now = utcnow()
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    soon = soon_threshold(cal, now)
    local = now.astimezone(deadlines.LOCAL_TZ)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    count, soon_col, overdue_col = _load_columns(now, soon)

    open_rows = (
        await session.execute(
            select(DossierStep.assignee_id, DossierStep.department_id, count, soon_col, overdue_col)
            .where(DossierStep.unit_id == unit_id, DossierStep.finished_at.is_(None))
            .group_by(DossierStep.assignee_id, DossierStep.department_id)
        )
    ).all()
    # On time per step: finished on or before the step due date (date level, DOMAIN.md).
    finished = (
        await session.execute(
            select(
                DossierStep.finished_by_id,
                DossierStep.department_id,
                DossierStep.finished_at,
                DossierStep.due_at,
            ).where(DossierStep.unit_id == unit_id, DossierStep.finished_at >= month_start)
        )
    ).all()
    staff_rows = (
        await session.execute(
            select(Staff.id, Staff.full_name, Staff.department_id, _absent_now(Staff.id, now))
            .where(Staff.unit_id == unit_id, Staff.is_active.is_(True))
            .order_by(Staff.full_name)
        )
    ).all()
    roles: dict[int, list[str]] = {}
    for sid, role in await session.execute(
        select(StaffRole.staff_id, StaffRole.role)
        .join(Staff, Staff.id == StaffRole.staff_id)
        .where(Staff.unit_id == unit_id)
    ):
        roles.setdefault(sid, []).append(role)
    departments = (
        await session.scalars(
            select(Department).where(Department.unit_id == unit_id).order_by(Department.name)
        )
    ).all()

    def empty() -> dict[str, int]:
        return {"open": 0, "due_soon": 0, "overdue": 0, "finished": 0, "on_time": 0, "unassigned": 0}

    per_staff: dict[int, dict[str, int]] = {}
    per_dep: dict[int | None, dict[str, int]] = {}
    unassigned = 0
    for assignee, dep, n, s, o in open_rows:
        for bucket in ([per_staff.setdefault(assignee, empty())] if assignee else []) + [
            per_dep.setdefault(dep, empty())
        ]:
            bucket["open"] += n
            bucket["due_soon"] += int(s or 0)
            bucket["overdue"] += int(o or 0)
        if assignee is None:
            per_dep[dep]["unassigned"] += n
            unassigned += n
    for by, dep, fin, due in finished:
        on_time = due is None or fin is None or deadlines.punctuality(finished_at=fin, due_at=due) != "late"
        buckets = [per_dep.setdefault(dep, empty())]
        if by is not None:
            buckets.append(per_staff.setdefault(by, empty()))
        for bucket in buckets:
            bucket["finished"] += 1
            bucket["on_time"] += int(on_time)

    def row(b: dict[str, int]) -> dict[str, Any]:
        return {
            "open": b["open"],
            "due_soon": b["due_soon"],
            "overdue": b["overdue"],
            "finished_this_month": b["finished"],
            "on_time_this_month": b["on_time"],
            "on_time_share": round(b["on_time"] / b["finished"], 4) if b["finished"] else None,
        }

    workers = [r for r in staff_rows if set(roles.get(r[0], [])) - {"admin"}]
    staff_out = [
        BoardStaff(
            staff=PersonRef(id=sid, full_name=name),
            department_id=dep,
            roles=sorted(roles.get(sid, [])),
            absent=bool(absent),
            **row(per_staff.get(sid, empty())),
        )
        for sid, name, dep, absent in workers
    ]
    dep_out = [
        BoardDepartment(
            department_id=d.id,
            name=d.name,
            unassigned=per_dep.get(d.id, empty())["unassigned"],
            assignment_mode=d.assignment_mode,
            **row(per_dep.get(d.id, empty())),
        )
        for d in departments
    ]
    if None in per_dep:
        dep_out.append(
            BoardDepartment(
                department_id=None,
                name="Toàn trung tâm",
                unassigned=per_dep[None]["unassigned"],
                assignment_mode="auto",
                **row(per_dep[None]),
            )
        )
    return Board(staff=staff_out, departments=dep_out, unassigned=unassigned)


# ------------------------------------------------------------------------------------------ templates


def visible_templates(unit_id: int) -> Select[ProcessTemplate]:
    return select(ProcessTemplate).where(ProcessTemplate.unit_id == unit_id)


async def _check_departments(session: AsyncSession, *, unit_id: int, data: TemplateWrite) -> None:
    ids = {s.department_id for s in data.steps if s.department_id is not None}
    if not ids:
        return
    known = set(
        (
            await session.scalars(
                select(Department.id).where(Department.unit_id == unit_id, Department.id.in_(ids))
            )
        ).all()
    )
    for i, s in enumerate(data.steps):
        if s.department_id is not None and s.department_id not in known:
            raise InvalidInput("Unknown department", field=f"body.steps.{i}.department_id")


def _budget_warning(code: str, name: str, legal: int, total: int) -> BudgetWarning:
    def hours(m: int) -> str:
        return f"{m / 60:g}"

    return BudgetWarning(
        procedure_code=code,
        procedure_name=name,
        legal_minutes=legal,
        total_minutes=total,
        text_vi=f"Tổng thời gian các bước ({hours(total)} giờ) vượt thời hạn giải quyết của thủ tục {code} "
        f"({hours(legal)} giờ làm việc).",
        text_en=f"The steps add up to {hours(total)} h, more than the legal time of {code} ({hours(legal)} working h).",
    )


async def _warnings(
    session: AsyncSession, *, unit_id: int, template: ProcessTemplate, total: int, limit: int = 20
) -> tuple[list[BudgetWarning], int]:
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    stmt = (
        select(Procedure.code, ProcedureVersion.data)
        .join(ProcedureVersion, _in_force)
        .where(Procedure.is_published.is_(True))
    )
    if template.procedure_id is not None:
        stmt = stmt.where(Procedure.id == template.procedure_id)
    else:
        stmt = stmt.where(Procedure.sector_id == template.sector_id)
    out: list[BudgetWarning] = []
    concerned = 0
    for code, data in await session.execute(stmt.order_by(Procedure.code)):
        legal = legal_minutes(cal, processing_time(data, "in_person"))
        if legal is not None and plans.over_budget(total, legal):
            concerned += 1
            if len(out) < limit:
                out.append(_budget_warning(code, data.get("name_vi", code), legal, total))
    return out, concerned


async def read_template(session: AsyncSession, *, template: ProcessTemplate) -> TemplateRead:
    steps = (
        await session.execute(
            select(ProcessStep, Department.name)
            .outerjoin(Department, Department.id == ProcessStep.department_id)
            .where(ProcessStep.template_id == template.id)
            .order_by(ProcessStep.position)
        )
    ).all()
    total = sum(s.budget_minutes for s, _ in steps)
    proc = await session.get(Procedure, template.procedure_id) if template.procedure_id else None
    sector = await session.get(Sector, template.sector_id) if template.sector_id else None
    warnings, concerned = await _warnings(session, unit_id=template.unit_id, template=template, total=total)
    return TemplateRead(
        id=template.id,
        name=template.name,
        procedure_code=proc.code if proc else None,
        procedure_name=proc.name_vi if proc else None,
        sector_id=template.sector_id,
        sector_name=sector.name_vi if sector else None,
        steps=[
            TemplateStepRead(
                name=s.name,
                kind=s.kind,
                department_id=s.department_id,
                budget_minutes=s.budget_minutes,
                department_name=dep,
            )
            for s, dep in steps
        ],
        total_minutes=total,
        warnings=warnings,
        warnings_total=concerned,
        updated_at=template.updated_at,
    )


async def _replace_steps(session: AsyncSession, *, template: ProcessTemplate, data: TemplateWrite) -> None:
    for old in (
        await session.scalars(select(ProcessStep).where(ProcessStep.template_id == template.id))
    ).all():
        await session.delete(old)
    await session.flush()
    session.add_all(
        ProcessStep(
            template_id=template.id,
            position=i,
            name=s.name,
            kind=s.kind,
            department_id=s.department_id,
            budget_minutes=s.budget_minutes,
        )
        for i, s in enumerate(data.steps)
    )
    await session.flush()


async def create_template(
    session: AsyncSession, *, unit_id: int, province_id: int, data: TemplateCreate
) -> ProcessTemplate:
    await _check_departments(session, unit_id=unit_id, data=data)
    template = ProcessTemplate(unit_id=unit_id, name=data.name)
    if data.procedure_code is not None:
        proc = await session.scalar(
            select(Procedure).where(
                Procedure.province_id == province_id, Procedure.code == data.procedure_code
            )
        )
        if proc is None:
            raise InvalidInput("Unknown procedure", field="body.procedure_code")
        template.procedure_id = proc.id
        clash = ProcessTemplate.procedure_id == proc.id
    else:
        sector = await session.scalar(
            select(Sector).where(Sector.province_id == province_id, Sector.id == data.sector_id)
        )
        if sector is None:
            raise InvalidInput("Unknown sector", field="body.sector_id")
        template.sector_id = sector.id
        clash = ProcessTemplate.sector_id == sector.id
    if await session.scalar(visible_templates(unit_id).where(clash)) is not None:
        raise Conflict("A template for this procedure or sector exists already; edit it")
    session.add(template)
    await session.flush()
    await _replace_steps(session, template=template, data=data)
    await _templates_changed(session, unit_id=unit_id)
    return template


async def get_template(session: AsyncSession, *, unit_id: int, template_id: int) -> ProcessTemplate:
    template = await session.scalar(visible_templates(unit_id).where(ProcessTemplate.id == template_id))
    if template is None:
        raise NotFound("Template not found")
    return template


async def update_template(session: AsyncSession, *, template: ProcessTemplate, data: TemplateWrite) -> None:
    await _check_departments(session, unit_id=template.unit_id, data=data)
    template.name = data.name
    template.updated_at = utcnow()
    await _replace_steps(session, template=template, data=data)
    await _templates_changed(session, unit_id=template.unit_id)


async def delete_template(session: AsyncSession, *, template: ProcessTemplate) -> None:
    await session.delete(template)
    await session.flush()
    await _templates_changed(session, unit_id=template.unit_id)


async def list_templates(session: AsyncSession, *, unit_id: int) -> list[TemplateRead]:
    rows = (await session.scalars(visible_templates(unit_id).order_by(ProcessTemplate.id))).all()
    return [await read_template(session, template=t) for t in rows]


async def effective_plan(
    session: AsyncSession, *, unit_id: int, province_id: int, procedure_code: str
) -> EffectivePlan:
    """What a dossier of this procedure received now would go through."""
    row = (
        await session.execute(
            select(Procedure, ProcedureVersion)
            .join(ProcedureVersion, _in_force)
            .where(Procedure.province_id == province_id, Procedure.code == procedure_code)
        )
    ).first()
    if row is None:
        raise NotFound("Procedure not found")
    proc, version = row
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    legal = legal_minutes(cal, processing_time(version.data, "in_person"))
    source, template_id, steps = await _template_steps(
        session, unit_id=unit_id, procedure_id=proc.id, sector_id=proc.sector_id
    )
    if not steps:
        steps = plans.default_plan(legal_minutes=legal)
    deps = dict(
        (
            await session.execute(select(Department.id, Department.name).where(Department.unit_id == unit_id))
        ).all()
    )
    total = sum(s.budget_minutes for s in steps)
    return EffectivePlan(
        source=source,
        template_id=template_id,
        procedure_code=proc.code,
        legal_minutes=legal,
        steps=[
            TemplateStepRead(
                name=s.name,
                kind=s.kind,
                department_id=s.department_id,
                budget_minutes=s.budget_minutes,
                department_name=deps.get(s.department_id) if s.department_id else None,
            )
            for s in steps
        ],
        total_minutes=total,
        warnings=[_budget_warning(proc.code, version.data.get("name_vi", proc.code), legal, total)]
        if legal is not None and plans.over_budget(total, legal)
        else [],
    )


# ----------------------------------------------------------------------------------- absences (reading)


async def list_absences(
    session: AsyncSession,
    *,
    unit_id: int,
    starts_before: datetime | None = None,
    ends_after: datetime | None = None,
    staff_id: int | None = None,
) -> list[AbsenceRead]:
    stmt = visible_absences(unit_id)
    if starts_before is not None:
        stmt = stmt.where(Absence.starts_at < starts_before)
    if ends_after is not None:
        stmt = stmt.where(Absence.ends_at > ends_after)
    if staff_id is not None:
        stmt = stmt.where(Absence.staff_id == staff_id)
    rows = (await session.scalars(stmt.order_by(Absence.starts_at, Absence.id).limit(500))).all()
    names = await _names(session, [a.staff_id for a in rows] + [a.delegate_id for a in rows])
    return [absence_read(a, names) for a in rows]


def absence_read(a: Absence, names: dict[int, str]) -> AbsenceRead:
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


async def read_absence(session: AsyncSession, *, absence: Absence) -> AbsenceRead:
    return absence_read(absence, await _names(session, [absence.staff_id, absence.delegate_id]))


# -------------------------------------------------------------------------------------- notifications


async def notifications(
    session: AsyncSession, *, staff_id: int, page: PageParams, unread_only: bool = False
) -> NotificationPage:
    mine = Notification.recipient_id == staff_id
    unread = await session.scalar(select(func.count()).where(mine, Notification.read_at.is_(None))) or 0
    stmt = select(Notification, Dossier.code).join(Dossier, Dossier.id == Notification.dossier_id).where(mine)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = (
        await session.execute(stmt.order_by(Notification.id.desc()).offset(page.offset).limit(page.size))
    ).all()
    return NotificationPage(
        items=[
            NotificationRead(
                id=n.id,
                kind=n.kind,
                dossier_id=n.dossier_id,
                dossier_code=code,
                text_vi=n.text_vi,
                text_en=n.text_en,
                created_at=n.created_at,
                read_at=n.read_at,
            )
            for n, code in rows
        ],
        total=int(total),
        page=page.page,
        size=page.size,
        unread=int(unread),
    )


async def mark_read(session: AsyncSession, *, staff_id: int, ids: list[int] | None) -> int:
    stmt = update(Notification).where(Notification.recipient_id == staff_id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids))
    await session.execute(stmt.values(read_at=utcnow()).execution_options(synchronize_session=False))
    return (
        await session.scalar(
            select(func.count()).where(Notification.recipient_id == staff_id, Notification.read_at.is_(None))
        )
        or 0
    )
