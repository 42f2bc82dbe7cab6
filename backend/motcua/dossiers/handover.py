"""Changes of hands of a dossier's current step: a leader assigns it, an officer claims it from the pool or
releases it, and an absence that starts hands the absent officer's work on. Each is an event of the dossier in
the same transaction, and the one that received the step is told (a notification)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.absences import service as absences_service
from motcua.absences.models import Absence
from motcua.assignment import candidates
from motcua.assignment.schemas import CandidateList
from motcua.core.errors import Conflict, Forbidden
from motcua.core.time import utcnow
from motcua.dossiers import events, steps
from motcua.dossiers.models import Dossier, DossierStep
from motcua.notifications import service as notifications_service
from motcua.process_templates import plans

# `expect_from` may name the holder the step must still have, or say that it must have none (None), or skip
# the check (ANYONE).
ANYONE: Literal["anyone"] = "anyone"


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
    expect_from: int | Literal["anyone"] | None,
) -> DossierStep:
    """Give ``step`` to ``to`` (None: back to the pool). The update only applies while the step is still held
    by ``expect_from``: of two people acting on it at once, the second gets a 409."""
    where = [DossierStep.id == step.id, DossierStep.finished_at.is_(None)]
    if expect_from != ANYONE:
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
    step.reminder_level = done[0]  # as the row is now (locked), for the kept counts
    before = step.assignee_id
    await steps.count(session, step, -1)
    step.assignee_id, step.assigned_at, step.assigned_how = to, (now if to else None), (how if to else None)
    await steps.count(session, step, +1)
    known = await steps.names(session, [before, to])
    if to is not None and to != actor_id:
        # Work moved to someone by another person (a leader, an absence): tell them.
        said = f": {reason}" if reason else "."
        await notifications_service.notify(
            session,
            about=notifications_service.About(dossier.unit_id, dossier.id, dossier.code, step.id),
            recipient_id=to,
            kind="assigned",
            text_vi=f"Bạn được giao hồ sơ {dossier.code}, bước “{step.name}”{said}",
            text_en=f"You were given dossier {dossier.code}, step “{step.name}”{said}",
            now=now,
        )
    await events.claim_version(session, dossier, expected=None, now=now)
    await events.append(
        session,
        dossier,
        action=action,
        actor_id=actor_id,
        from_status=dossier.status,
        note=reason,
        data={
            "step": step.name,
            "from": {"id": before, "full_name": known.get(before, "")} if before else None,
            "to": {"id": to, "full_name": known.get(to, "")} if to else None,
        },
        now=now,
    )
    return step


async def current(session: AsyncSession, dossier: Dossier) -> DossierStep:
    step = await steps.open_step(session, dossier_id=dossier.id)
    if step is None:
        raise Conflict("This dossier has no open step")
    return step


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
    step = await current(session, dossier)
    if step.assignee_id == staff_id:
        raise Conflict("This officer already holds the step")
    await candidates.require_qualified(
        session, steps.need_of(dossier, step.kind, step.department_id), staff_id=staff_id, now=now
    )
    return await _hand(
        session,
        dossier=dossier,
        step=step,
        to=staff_id,
        how="manual",
        actor_id=actor_id,
        action="assign",
        reason=reason,
        now=now,
        expect_from=step.assignee_id,
    )


async def claim(
    session: AsyncSession, *, dossier: Dossier, actor_id: int, now: datetime | None = None
) -> DossierStep:
    """Take a step waiting in the pool. Of two people claiming at once, one gets it, the other a 409."""
    now = now or utcnow()
    step = await current(session, dossier)
    if step.assignee_id is not None:
        raise Conflict("Someone already holds this step")
    await candidates.require_qualified(
        session, steps.need_of(dossier, step.kind, step.department_id), staff_id=actor_id, now=now
    )
    return await _hand(
        session,
        dossier=dossier,
        step=step,
        to=actor_id,
        how="claim",
        actor_id=actor_id,
        action="claim",
        reason=None,
        now=now,
        expect_from=None,
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
    step = await current(session, dossier)
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


async def apply_absence(session: AsyncSession, *, absence: Absence, now: datetime) -> int:
    """At the start of an absence: the absent person's open steps that fall due before it ends (or have no due
    time, or are paused) go to the delegate when qualified and present, else to the least loaded qualified
    person; each move is an event naming the reason. Claimed once (`absences.service.claim_application`), so
    two reminder jobs never move work twice. Returns the number of steps moved."""
    if not await absences_service.claim_application(session, absence=absence, now=now):
        return 0
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
            # Locked first, all of them, in one order (see assignment.workload); a forward of one of them waits.
            .order_by(Dossier.id)
            .with_for_update(of=[DossierStep, Dossier])
        )
    ).all()
    # The soonest due first, those without a due time last, while the delegate's and the others' loads allow.
    rows = sorted(result, key=lambda r: (r[0].due_at is None, r[0].due_at or now, r[0].id))
    reason = absences_service.describe(absence)
    moved = 0
    for step, dossier in rows:
        need = steps.need_of(dossier, step.kind, step.department_id)
        to: int | None = None
        how = "delegate"
        if (
            absence.delegate_id is not None
            and await candidates.refusal_of(session, need, staff_id=absence.delegate_id, now=now) is None
        ):
            to = absence.delegate_id
        if to is None:
            how = "auto"
            to = await candidates.auto_pick(session, need, now=now, exclude=absence.staff_id)
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


async def candidates_for(session: AsyncSession, *, dossier: Dossier, which: str) -> CandidateList:
    """Who could take the dossier's current step (`current`) or the step a forward would enter (`next`), with
    the reason for each one who could not."""
    step = await current(session, dossier)
    plan = steps.plan_of(dossier)
    if which == "next":
        position = plans.next_position(plan, step.position, to_step=None) if plan else None
        if position is None:
            raise Conflict("No step is left to forward to")
        name, kind, department_id = plan[position].name, plan[position].kind, plan[position].department_id
    else:
        name, kind, department_id = step.name, step.kind, step.department_id
    return await candidates.candidate_list(
        session, steps.need_of(dossier, kind, department_id), step_name=name, now=utcnow()
    )
