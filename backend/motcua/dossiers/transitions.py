"""The one `transition()` that changes a dossier's status (DOMAIN.md statuses 1–10, the workflow table), with
its effects on the legal clock and on the step chain, in the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar import due, working_time
from motcua.calendar import service as calendar_service
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from motcua.core.time import LOCAL_TZ, utcnow
from motcua.dossiers import events, steps, workflow
from motcua.dossiers.models import Dossier, DossierPause
from motcua.dossiers.reading import facts, visible_to
from motcua.dossiers.schemas import ActionIn
from motcua.procedures import service as procedures_service

S = workflow.Status


async def get_for_update(session: AsyncSession, *, unit_id: int, dossier_id: int) -> Dossier:
    """The dossier, its row locked until the transaction ends: the first lock of every change (see
    `assignment.workload` for the order)."""
    dossier = await session.scalar(visible_to(unit_id).where(Dossier.id == dossier_id).with_for_update())
    if dossier is None:
        raise NotFound("Dossier not found")
    return dossier


def missing_documents(checklist: list[dict[str, Any]], documents: list[dict[str, Any]]) -> list[str]:
    """The names of the checklist's mandatory documents of which neither an original nor a copy was received."""
    received = {d["index"] for d in documents if d["originals"] + d["copies"] > 0}
    return [d["name"] for i, d in enumerate(checklist) if d.get("mandatory") and i not in received]


async def _legal_due(session: AsyncSession, dossier: Dossier, *, start: datetime) -> datetime:
    """The appointment of a dossier whose legal time starts at `start`: its procedure's processing time for
    its channel, in the unit's working time (DOMAIN.md "Deadlines"). In UTC, as it reads back."""
    assert dossier.duration_unit is not None
    calendar = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)
    return due.compute_due(
        calendar,
        start=start,
        amount=Decimal(dossier.duration_amount or "0"),
        unit=working_time.DurationUnit(dossier.duration_unit),
    ).due_at.astimezone(UTC)


def _decide(
    dossier: Dossier, action: str, roles: frozenset[str], fields: dict[str, Any]
) -> workflow.Decision:
    try:
        return workflow.decide(action=action, facts=facts(dossier), roles=roles, payload=fields)
    except workflow.TransitionError as exc:
        if exc.code == "forbidden":
            raise Forbidden(exc.message) from exc
        if exc.code == "conflict":
            raise Conflict(exc.message) from exc
        raise InvalidInput(exc.message, field=exc.field or "body") from exc


async def _move_clock(
    session: AsyncSession, dossier: Dossier, decision: workflow.Decision, *, actor_id: int, now: datetime
) -> dict[str, Any]:
    """What the action does to the legal clock (workflow.Clock); returns what the event records of it."""
    changes: dict[str, Any] = {}
    from_status = dossier.status
    if decision.clock == workflow.Clock.PAUSE:
        dossier.paused_since = now
        session.add(DossierPause(dossier_id=dossier.id, reason=decision.rule.action, started_at=now))
    elif decision.clock == workflow.Clock.RESUME:
        pause = await session.scalar(
            select(DossierPause).where(DossierPause.dossier_id == dossier.id, DossierPause.ended_at.is_(None))
        )
        started = pause.started_at if pause else dossier.paused_since or now
        if pause is not None:
            pause.ended_at = now
        dossier.paused_since = None
        if dossier.due_at is not None and started < dossier.due_at:
            # The clock stood still: the appointment moves by exactly the working time the pause covered.
            calendar = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)
            paused = working_time.working_minutes_between(calendar, started, now)
            dossier.due_at = working_time.add_working_minutes(calendar, dossier.due_at, paused)
            changes["paused_working_minutes"] = paused
            changes["due_at"] = dossier.due_at.isoformat()
        elif dossier.due_at is None and dossier.duration_unit and from_status == S.SUPPLEMENT_REQUESTED:
            # Received incomplete at the counter: the legal time starts when the file is complete.
            dossier.due_at = await _legal_due(session, dossier, start=now)
            changes["due_at"] = dossier.due_at.isoformat()
    elif decision.clock == workflow.Clock.START:
        # An online or postal submission is received now (status 1 → 2): complete, it starts the legal time
        # from this moment, as a dossier received at the counter does (DOMAIN.md "Deadlines").
        checklist = await procedures_service.checklist_of_version(
            session, version_id=dossier.procedure_version_id
        )
        missing = missing_documents(checklist, dossier.documents)
        if missing:
            raise Conflict(
                "Mandatory documents are missing: refuse to receive it, with the reason", details=missing
            )
        dossier.received_at = now
        dossier.received_by_id = actor_id
        changes["received_at"] = now.isoformat()
        if dossier.duration_unit:
            dossier.due_at = await _legal_due(session, dossier, start=now)
            changes["due_at"] = dossier.due_at.isoformat()
    elif decision.clock == workflow.Clock.STOP:
        dossier.finished_at = now
        if dossier.paused_since is not None:
            await session.execute(
                update(DossierPause)
                .where(DossierPause.dossier_id == dossier.id, DossierPause.ended_at.is_(None))
                .values(ended_at=now)
            )
            dossier.paused_since = None
    return changes


def _apply(
    dossier: Dossier, action: str, payload: ActionIn, fields: dict[str, Any], *, actor_id: int, now: datetime
) -> dict[str, Any]:
    """The action's own effects on the dossier's fields; returns what the event records of them."""
    changes: dict[str, Any] = {}
    if action == "refuse_at_reception":  # form 03: the submission was never received
        dossier.outcome = "not_received"
        dossier.finished_at = now
    elif action == "request_supplement":
        dossier.supplement_count += 1
        changes["missing_documents"] = fields.get("missing_documents")
    elif action == "forward" and fields.get("to_step"):
        dossier.current_step = fields["to_step"]  # replaced by the step chain when the dossier has a plan
        changes["to_step"] = fields["to_step"]
    elif action == "approve":
        dossier.approved_at = now
        dossier.approved_by_id = actor_id
    elif action == "extend":
        new_due = payload.new_due_at
        assert new_due is not None
        if new_due.tzinfo is None:
            new_due = new_due.replace(tzinfo=LOCAL_TZ)
        if dossier.due_at is not None and new_due <= dossier.due_at:
            raise InvalidInput(
                "The new appointment must be later than the current one", field="body.new_due_at"
            )
        dossier.original_due_at = dossier.original_due_at or dossier.due_at
        dossier.due_at = new_due
        changes["due_at"] = new_due.isoformat()
    elif action == "mark_done":
        dossier.result_number = fields["result_number"]
        dossier.result_date = payload.result_date
        dossier.outcome = "result"
        dossier.current_step = "Trả kết quả"
    elif action in ("refuse_to_resolve", "stop", "withdraw"):
        dossier.outcome = {"refuse_to_resolve": "refused", "stop": "stopped", "withdraw": "withdrawn"}[action]
    elif action == "return_result":
        dossier.returned_at = now
        dossier.current_step = None
    for name in ("amount_vnd", "result_number", "collected_by", "relation", "id_checked", "tracking_number"):
        if name in fields:
            changes[name] = fields[name]
    if payload.result_date is not None:
        changes["result_date"] = payload.result_date.isoformat()
    return changes


async def transition(
    session: AsyncSession,
    *,
    dossier: Dossier,
    action: str,
    actor_id: int,
    roles: frozenset[str],
    expected_version: int,
    payload: ActionIn,
    now: datetime | None = None,
) -> Dossier:
    """The only place a dossier's status changes. It checks the workflow table, claims the next version
    (optimistic lock), applies the action's effects on the clock and the step chain, and appends the event,
    all in the caller's transaction."""
    if dossier.version != expected_version:
        raise Conflict(f"The dossier changed meanwhile (version {dossier.version}); reload it")
    fields = payload.model_dump(exclude_none=True)
    decision = _decide(dossier, action, roles, fields)
    now = now or utcnow()
    # Claim the version first: of two racing transitions only one UPDATE matches (the row lock taken by
    # `get_for_update` makes the second one wait and then fail this check).
    await events.claim_version(session, dossier, expected=expected_version, now=now)
    from_status = dossier.status
    changes = await _move_clock(session, dossier, decision, actor_id=actor_id, now=now)
    changes.update(_apply(dossier, action, payload, fields, actor_id=actor_id, now=now))
    dossier.status = int(decision.to_status)
    # Who holds the dossier next and how each step did against its budget (form 06).
    changes.update(
        await steps.follow(
            session,
            dossier=dossier,
            action=action,
            clock=decision.clock,
            actor_id=actor_id,
            now=now,
            to_step=fields.get("to_step"),
            assignee_id=payload.assignee_id,
        )
    )
    if action == "receive":
        # Its plan of steps is fixed now, and its first step is the receiving officer's (as at the counter).
        changes.update(await steps.start(session, dossier=dossier, actor_id=actor_id, now=now))
    await events.append(
        session,
        dossier,
        action=action,
        actor_id=actor_id,
        from_status=from_status,
        note=payload.reason or payload.note or payload.decision_note,
        data=changes,
        now=now,
    )
    return dossier
