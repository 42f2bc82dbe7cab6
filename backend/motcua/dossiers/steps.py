"""Each dossier's chain of steps, each with one named officer and its own time budget: the first step at
intake, the next one at a forward (with auto-assignment), pauses and the end of the chain with the dossier's
status, and the kept counts that follow every change of who holds a step.

The process control sheet (form 06) is read from these rows (`reading.chain`): one row per hand-over, giver
and receiver, and whether the step finished early, on time or late against its budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, case, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.assignment import candidates, workload
from motcua.calendar import countdown, working_time
from motcua.calendar import service as calendar_service
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStep
from motcua.process_templates import plans
from motcua.process_templates import service as templates_service
from motcua.staff import service as staff_service

S = workflow.Status


def plan_of(dossier: Dossier) -> list[plans.PlannedStep]:
    """The steps the dossier goes through, fixed at reception like its procedure version."""
    return [plans.PlannedStep.from_json(s) for s in dossier.process_plan or []]


def need_of(dossier: Any, kind: str, department_id: int | None) -> candidates.StepNeed:
    """What a step of this dossier asks of its officer."""
    return candidates.StepNeed(
        unit_id=dossier.unit_id,
        kind=kind,
        department_id=department_id,
        sector_id=dossier.sector_id,
        procedure_id=dossier.procedure_id,
    )


async def open_step(
    session: AsyncSession, *, dossier_id: int, for_update: bool = False
) -> DossierStep | None:
    stmt = select(DossierStep).where(DossierStep.dossier_id == dossier_id, DossierStep.finished_at.is_(None))
    if for_update:  # the reminder job may mark it meanwhile: its workload counts must move with it
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def names(session: AsyncSession, ids: Sequence[int | None]) -> dict[int, str]:
    """Staff names, from those the candidates statement of this request already read when it can."""
    known: dict[int, str] = session.info.get("staff_names", {})
    wanted = [i for i in ids if i is not None]
    if all(i in known for i in wanted):
        return {i: known[i] for i in wanted}
    return await staff_service.names(session, wanted)


# -------------------------------------------------------------------------------------- kept counts


def _counted(step: DossierStep) -> bool:
    # The reception step is the receiving officer's by the act of receiving: nobody handed it to them.
    return step.assignee_id is not None and step.assigned_how != "intake"


async def count(session: AsyncSession, step: DossierStep, sign: int) -> None:
    """Add (+1) or remove (-1) ``step`` from its holder's kept counts, with its reminder level."""
    if _counted(step):
        assert step.assignee_id is not None
        await workload.move(
            session,
            unit_id=step.unit_id,
            staff_id=step.assignee_id,
            steps=sign,
            due_soon=sign if step.reminder_level == 1 else 0,
            overdue=sign if step.reminder_level == 2 else 0,
        )


async def relevel(session: AsyncSession, step: DossierStep, level: int) -> None:
    """The reminder job marked ``step`` due soon (1) or overdue (2): move it in its holder's counts."""
    if _counted(step) and level != step.reminder_level:
        assert step.assignee_id is not None
        old = step.reminder_level
        await workload.move(
            session,
            unit_id=step.unit_id,
            staff_id=step.assignee_id,
            steps=0,
            due_soon=(level == 1) - (old == 1),
            overdue=(level == 2) - (old == 2),
        )
    step.reminder_level = level


async def recount(session: AsyncSession, *, unit_id: int) -> dict[int, tuple[int, int, int]]:
    """What the kept counts of a unit's staff should be, counted from the open steps (tests, repairs)."""
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


# ------------------------------------------------------------------------------------ entering steps


def step_row(
    *,
    unit_id: int,
    planned: plans.PlannedStep,
    position: int,
    seq: int,
    now: datetime,
    assignee_id: int | None,
    how: str | None,
    cal: working_time.WorkingCalendar,
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
        "due_at": working_time.add_working_minutes(cal, now, planned.budget_minutes).astimezone(UTC),
        "paused_since": None,
        "paused_minutes": 0,
        "finished_at": None,
        "finished_by_id": None,
        "finish_action": None,
        "handed_to_id": None,
        "reminder_level": 0,
    }


_STEPS = cast(Table, DossierStep.__table__)
_INSERT_STEP = insert(_STEPS).returning(_STEPS.c.id)


def as_received(status: workflow.Status, *, now: datetime, actor_id: int) -> dict[str, Any]:
    """How the intake leaves its first step: paused when a supplement was asked for at the counter, closed
    when the dossier was refused there (DOMAIN.md statuses 3 and 5), running otherwise."""
    if status == S.SUPPLEMENT_REQUESTED:
        return {"paused_since": now}
    if status == S.REFUSED:
        return {"finished_at": now, "finished_by_id": actor_id, "finish_action": "refuse_at_reception"}
    return {}


def first_step(
    *,
    unit_id: int,
    plan: templates_service.IntakePlan,
    cal: working_time.WorkingCalendar,
    now: datetime,
    actor_id: int,
    status: workflow.Status,
) -> dict[str, Any] | None:
    """The columns of a dossier's first step when the receiving officer holds it (a reception or return
    step: theirs by the act of receiving, so it needs no choice and is not counted in workloads); None when
    the plan starts with a step whose officer must be chosen (`enter`)."""
    planned = plan.steps[0]
    if planned.kind not in ("reception", "return"):
        return None
    row = step_row(
        unit_id=unit_id,
        planned=planned,
        position=0,
        seq=1,
        now=now,
        assignee_id=actor_id,
        how="intake",
        cal=cal,
    )
    row.update(as_received(status, now=now, actor_id=actor_id))
    return row


async def enter(
    session: AsyncSession,
    *,
    dossier: Any,
    plan: Sequence[plans.PlannedStep],
    position: int,
    seq: int,
    now: datetime,
    assignee_id: int | None,
    how: str | None,
) -> DossierStep:
    """Open the step at `position` of the plan for the dossier, held by `assignee_id`, or by the officer
    auto-assignment picks (no one when the step's department gives work out from a pool: it waits there)."""
    planned = plan[position]
    if assignee_id is None and how is None:
        assignee_id = await candidates.auto_pick(
            session, need_of(dossier, planned.kind, planned.department_id), now=now
        )
        how = "auto" if assignee_id is not None else None
    cal = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)  # read once per request
    row = step_row(
        unit_id=dossier.unit_id,
        planned=planned,
        position=position,
        seq=seq,
        now=now,
        assignee_id=assignee_id,
        how=how,
        cal=cal,
    )
    row["dossier_id"] = dossier.id
    # Written at once, as a plain statement: the ORM's unit of work cost a hand-over more than the insert itself
    # (bench/NOTES.md); the step is read afterwards, never changed through this object.
    step_id = (await session.execute(_INSERT_STEP, row)).scalar_one()
    step = DossierStep(id=step_id, **row)
    await count(session, step, +1)
    dossier.current_step = planned.name
    return step


async def start(session: AsyncSession, *, dossier: Dossier, actor_id: int, now: datetime) -> dict[str, Any]:
    """A submission registered online or by post is received (status 1 → 2): its plan of steps is fixed now
    and its first step opened, held by the receptionist who received it, as at the counter. Returns what the
    event records about it."""
    plan = await templates_service.intake_plan(
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
    row = first_step(
        unit_id=dossier.unit_id, plan=plan, cal=cal, now=now, actor_id=actor_id, status=S(dossier.status)
    )
    if row is not None:
        step = DossierStep(dossier_id=dossier.id, **row)
        session.add(step)
    else:
        step = await enter(
            session, dossier=dossier, plan=plan.steps, position=0, seq=1, now=now, assignee_id=None, how=None
        )
    dossier.current_step = step.name if step.finished_at is None else None
    return plan.event_data(step.name)


# ------------------------------------------------------------------------------ following the status


async def follow(
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
    """Move the step chain along with a status transition (`transitions.transition`, in its transaction): the
    clock of the open step follows the dossier's, a forward hands the dossier to the next step's officer, a
    result goes to the counter, a final status closes the chain. Returns what the event records about it."""
    step = await open_step(session, dossier_id=dossier.id, for_update=True)
    changes: dict[str, Any] = {}
    if step is None:
        if action == "forward":
            raise Conflict("This dossier has no open step to forward")
        return changes
    plan = plan_of(dossier)
    cal = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)

    if clock is workflow.Clock.PAUSE and step.paused_since is None:
        step.paused_since = now
    elif clock is workflow.Clock.RESUME and step.paused_since is not None:
        paused = max(working_time.working_minutes_between(cal, step.paused_since, now), 0)
        if step.due_at is not None:
            # The step's own clock stood still with the dossier's (DOMAIN.md: supplement time is subtracted).
            step.due_at = working_time.add_working_minutes(cal, step.due_at, paused)
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
        await candidates.require_qualified(
            session,
            need_of(dossier, plan[target].kind, plan[target].department_id),
            staff_id=assignee_id,
            now=now,
        )
    await count(session, step, -1)
    step.finished_at = now
    step.finished_by_id = actor_id
    step.finish_action = action
    if step.paused_since is not None:
        step.paused_minutes += max(working_time.working_minutes_between(cal, step.paused_since, now), 0)
        step.paused_since = None
    changes["step_finished"] = {
        "seq": step.seq,
        "name": step.name,
        "punctuality": countdown.punctuality(finished_at=now, due_at=step.due_at) if step.due_at else None,
    }
    if target is None:
        dossier.current_step = None
        return changes
    await session.flush()  # the finished step first: one open step per dossier (unique index)
    new = await enter(
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
    known = await names(session, [new.assignee_id])
    changes["step"] = new.name
    changes["assignee"] = (
        {"id": new.assignee_id, "full_name": known.get(new.assignee_id, "")} if new.assignee_id else None
    )
    changes["step_due_at"] = new.due_at.isoformat() if new.due_at else None
    return changes


# --------------------------------------------------------------------------------------- reminders

DUE_SOON, OVERDUE = 1, 2  # a step's reminder levels


async def to_remind(
    session: AsyncSession, *, unit_id: int, until: datetime, limit: int
) -> list[tuple[DossierStep, Dossier]]:
    """Running open steps due by `until` that were not yet marked overdue, the soonest first, locked. A
    dossier being worked on right now is left to the next run rather than waited for: the job then never waits
    for a row while holding others (the lock order: see `assignment.workload`)."""
    rows = await session.execute(
        select(DossierStep, Dossier)
        .join(Dossier, Dossier.id == DossierStep.dossier_id)
        .where(
            DossierStep.unit_id == unit_id,
            DossierStep.finished_at.is_(None),
            DossierStep.paused_since.is_(None),
            DossierStep.due_at <= until,
            DossierStep.reminder_level < OVERDUE,
        )
        .order_by(DossierStep.due_at)
        .limit(limit)
        .with_for_update(of=[DossierStep, Dossier], skip_locked=True)
    )
    return [(step, dossier) for step, dossier in rows]


async def mark(session: AsyncSession, step: DossierStep, level: int) -> bool:
    """Raise a step's reminder level, once (claimed against the level read: another job that got there first, or
    a hand-over meanwhile, leaves it to the next run), moving it in its holder's kept counts."""
    old = step.reminder_level
    claimed = (
        await session.execute(
            update(DossierStep)
            .where(
                DossierStep.id == step.id,
                DossierStep.reminder_level == old,  # unchanged since read: `old` is right
                DossierStep.finished_at.is_(None),
            )
            .values(reminder_level=level)
            .returning(DossierStep.assignee_id, DossierStep.assigned_how)
            .execution_options(synchronize_session=False)
        )
    ).first()
    if claimed is None:
        return False
    # The holder as the row is now (locked by this update), whose counts the new level moves.
    step.assignee_id, step.assigned_how, step.reminder_level = claimed[0], claimed[1], old
    await relevel(session, step, level)
    return True
