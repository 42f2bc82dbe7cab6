"""Receiving a dossier at the counter (or registering an online or postal submission awaiting reception): the
code, the appointment, the first step and the public token in one call, safe to retry with an
Idempotency-Key.

The one way in is `receive`. It decides every row first (`_draft`), mostly from what this worker keeps in
memory, then sends one statement that checks and writes (`intake_statement`). What the statement reports
decides the answer: a disabled account or one moved elsewhere is a 401, an account without the receptionist's
role a 403, facts of the unit that changed since this worker learnt them (its calendar, catalog or templates
were edited) are learnt again and the intake drafted again, once; a key used before answers that request's
dossier (or 409 for another body).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.assignment import candidates, workload
from motcua.calendar import due, working_time
from motcua.calendar import service as calendar_service
from motcua.core.config import Settings
from motcua.core.db import bind_cache_of, driver_connection, session_driver_connection, transaction
from motcua.core.errors import Conflict, Forbidden, InvalidInput, Unauthorized
from motcua.core.schemas import PersonRef
from motcua.core.security import new_public_token
from motcua.core.time import LOCAL_TZ, utcnow
from motcua.dossiers import events, intake_statement, reading, steps, workflow
from motcua.dossiers.models import Dossier, IdempotencyKey
from motcua.dossiers.schemas import DossierCreate, DossierRead
from motcua.dossiers.transitions import missing_documents
from motcua.procedures import service as procedures_service
from motcua.procedures import text as procedure_text
from motcua.procedures.records import CHANNELS, processing_time
from motcua.process_templates import service as templates_service

S = workflow.Status
log = logging.getLogger("motcua.intake")
# Facts of a unit that changed again while an intake was drafted again: give up after this many drafts.
_DRAFTS = 3


@dataclass(frozen=True)
class UnitFacts:
    """What an intake relies on about its center; each worker keeps it (`_known`) and the statement checks it."""

    unit_code: str
    province_id: int
    calendar_stamp: datetime | None  # `calendar_service.working_calendar(stamp=...)`
    catalog_revision: int  # `procedures_service.version_in_force(revision=...)`
    process_revision: int  # `templates_service.intake_plan(revision=...)`


def dossier_code(unit_code: str, day: date, number: int) -> str:
    """`<unit code>-<YYMMDD>-<NNNN>` (DOMAIN.md "Codes"); the number restarts each day per unit."""
    return f"{unit_code}-{day:%y%m%d}-{number:04d}"


def hash_request(data: DossierCreate) -> str:
    canonical = json.dumps(data.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class _Draft:
    """Everything an intake writes, decided before it takes its number: the rows but for the dossier's id,
    code and number."""

    facts: UnitFacts
    day: date  # the local day, whose numbering the dossier takes
    calendar: working_time.WorkingCalendar
    version: procedures_service.PinnedVersion
    plan: templates_service.IntakePlan | None  # None: awaiting reception (status 1)
    dossier: dict[str, Any]  # the dossier's columns but id, code and number
    first_step: dict[str, Any] | None  # its first step's but id and dossier_id
    event: dict[str, Any]  # the intake event's but id and dossier_id
    pause: dict[str, Any] | None  # the clock's pause when a supplement was asked for at the counter


def _row_facts(row: Any) -> UnitFacts:
    return UnitFacts(
        row["unit_code"],
        row["province_id"],
        row["calendar_stamp"],
        row["catalog_revision"],
        row["process_revision"],
    )


async def _learn(maker: async_sessionmaker[AsyncSession], *, unit_id: int) -> UnitFacts:
    async with driver_connection(maker) as conn:
        row = await conn.fetchrow(intake_statement.FACTS, unit_id)
    if row is None:
        raise Unauthorized("Invalid or expired token")  # the token's unit is gone
    return _row_facts(row)


def _known(maker: async_sessionmaker[AsyncSession]) -> dict[int, UnitFacts]:
    """This worker's facts of each unit it received for (per database binding, as the other caches)."""
    cache: dict[int, UnitFacts] = bind_cache_of(maker.kw["bind"], "intake_unit")
    return cache


async def _draft(
    session: AsyncSession,
    *,
    unit_id: int,
    facts: UnitFacts,
    actor_id: int,
    data: DossierCreate,
    request_hash: str,
    idempotency_key: str | None,
    now: datetime,
) -> _Draft:
    """Check the intake and decide its rows. With the unit's facts current in this worker's caches (the
    calendar, the catalog's versions, the process templates) this reads nothing from the database."""
    pinned = await procedures_service.version_in_force(
        session, province_id=facts.province_id, code=data.procedure_code, revision=facts.catalog_revision
    )
    if pinned is None:
        raise InvalidInput("Unknown or unpublished procedure", field="body.procedure_code")
    procedure, version = pinned
    checklist = version.data.get("documents") or []
    for i, doc in enumerate(data.documents):
        if doc.index >= len(checklist):
            raise InvalidInput(
                "This document is not in the procedure's checklist", field=f"body.documents.{i}.index"
            )
    missing = missing_documents(checklist, [d.model_dump() for d in data.documents])
    try:
        decided = workflow.decide_intake(
            roles=("receptionist",),  # the role itself is checked by the statement, against the account now
            awaiting_reception=data.awaiting_reception,
            missing_documents=bool(missing),
            if_incomplete=data.if_incomplete,
            reason=data.reason,
        )
    except workflow.TransitionError as exc:
        if exc.code == "conflict":
            raise Conflict("Mandatory documents are missing", details=missing) from exc
        raise InvalidInput(exc.message, field=exc.field or "body") from exc
    status = decided.status

    local_day = now.astimezone(LOCAL_TZ).date()
    timing = processing_time(version.data, CHANNELS[data.channel - 1])
    calendar = await calendar_service.working_calendar(session, unit_id=unit_id, stamp=facts.calendar_stamp)
    due_at: datetime | None = None
    if timing and status == S.RECEIVED:
        # The appointment (DOMAIN.md "Deadlines"): the legal time from the moment of reception, in the unit's
        # working time, with the same-day 15:00 rule. Kept in UTC, as it reads back from the database.
        due_at = due.compute_due(
            calendar,
            start=now,
            amount=Decimal(str(timing["amount"] or 0)),
            unit=working_time.DurationUnit(timing["unit"]),
        ).due_at.astimezone(UTC)
    duration_amount = None if not timing or timing["amount"] is None else str(timing["amount"])
    plan: templates_service.IntakePlan | None = None
    first: dict[str, Any] | None = None
    if status != S.NEW:  # a registration awaiting reception gets its plan of steps when it is received
        plan = await templates_service.intake_plan(
            session,
            unit_id=unit_id,
            procedure_id=procedure.id,
            sector_id=procedure.sector_id,
            now=now,
            due_at=due_at,
            duration_amount=duration_amount,
            duration_unit=timing["unit"] if timing else None,
            revision=facts.process_revision,
        )
        first = steps.first_step(
            unit_id=unit_id, plan=plan, cal=calendar, now=now, actor_id=actor_id, status=status
        )
    dossier = {
        "unit_id": unit_id,
        "received_on": local_day,
        "public_token": new_public_token(),
        "version": 1,
        "status": int(status),
        "channel": data.channel,
        "procedure_id": procedure.id,
        "procedure_version_id": version.id,
        "procedure_code": procedure.code,
        "procedure_name": version.data["name_vi"],
        "sector_id": procedure.sector_id,
        "applicant_name": data.applicant.full_name,
        "applicant_name_folded": procedure_text.fold(data.applicant.full_name)[:200],
        "applicant_id_number": data.applicant.id_number,
        "applicant_birth_date": data.applicant.birth_date,
        "applicant_phone": data.applicant.phone,
        "applicant_email": data.applicant.email,
        "applicant_address": data.applicant.address,
        "representative": data.representative.model_dump() if data.representative else None,
        "documents": [d.model_dump() for d in data.documents],
        "sets_count": data.sets_count,
        "fees": [f.model_dump() for f in data.fees],
        "delivery": data.delivery,
        "delivery_address": data.delivery_address,
        "note": data.note,
        "duration_amount": duration_amount,
        "duration_unit": timing["unit"] if timing else None,
        "duration_text": timing.get("text") if timing else None,
        "received_at": now,
        "received_by_id": actor_id,
        "due_at": due_at,
        "original_due_at": None,
        # Status 5 at the counter: the legal clock has not started and waits for the supplement.
        "paused_since": now if status == S.SUPPLEMENT_REQUESTED else None,
        "supplement_count": 1 if status == S.SUPPLEMENT_REQUESTED else 0,
        "approved_at": None,
        "approved_by_id": None,
        "finished_at": now if status == S.REFUSED else None,
        "outcome": "not_received" if status == S.REFUSED else None,
        "result_number": None,
        "result_date": None,
        "returned_at": None,
        "current_step": plan.steps[0].name if plan and status != S.REFUSED else None,
        "process_plan": [step.as_json() for step in plan.steps] if plan else None,
        "lookup_count": 0,
        "idempotency_key": idempotency_key,
        "request_hash": request_hash,
        "created_at": now,
        "updated_at": now,
    }
    local_due = due_at.astimezone(LOCAL_TZ) if due_at else None  # the event shows the center's time
    event_data: dict[str, Any] = {"due_at": local_due.isoformat() if local_due else None}
    if plan is not None:
        event_data.update(plan.event_data(plan.steps[0].name))
    if missing and status != S.RECEIVED:
        event_data["missing_documents"] = missing
    event = events.first(
        unit_id=unit_id,
        action=decided.action,
        to_status=int(status),
        actor_id=actor_id,
        note=data.reason,
        data=event_data,
        now=now,
    )
    pause = (
        {"reason": "supplement", "started_at": now, "ended_at": None}
        if status == S.SUPPLEMENT_REQUESTED
        else None
    )
    return _Draft(facts, local_day, calendar, version, plan, dossier, first, event, pause)


@dataclass(frozen=True)
class Received:
    dossier: DossierRead
    created: bool  # False when an earlier request with the same Idempotency-Key created it


async def receive(
    maker: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    actor_id: int,
    unit_id: int,
    roles: frozenset[str],
    data: DossierCreate,
    idempotency_key: str | None,
    now: datetime | None = None,
) -> Received:
    """Receive a dossier (see the module). `roles` are the token's: an account without the receptionist's role
    is refused before anything is read; the statement checks the account itself as it is now."""
    if "receptionist" not in roles:
        raise Forbidden("This action needs one of the roles: receptionist")
    request_hash = hash_request(data)
    known = _known(maker)
    facts = known.get(unit_id) or await _learn(maker, unit_id=unit_id)
    for attempt in range(_DRAFTS):
        moment = now or utcnow()
        async with maker() as session:  # for this worker's caches: it reads nothing when they are current
            try:
                draft = await _draft(
                    session,
                    unit_id=unit_id,
                    facts=facts,
                    actor_id=actor_id,
                    data=data,
                    request_hash=request_hash,
                    idempotency_key=idempotency_key,
                    now=moment,
                )
            except (InvalidInput, Conflict):
                # Refused on what this worker keeps: judged again on the unit's current facts first.
                fresh = await _learn(maker, unit_id=unit_id)
                if fresh == facts:
                    raise
                known[unit_id] = facts = fresh
                continue
        written = await _write(
            maker, draft, unit_id=unit_id, actor_id=actor_id, idempotency_key=idempotency_key
        )
        row = written.row
        if row["unit_code"] is None or row["full_name"] is None:
            raise Unauthorized("Invalid or expired token")  # disabled, moved to another unit, or gone
        if "receptionist" not in row["roles"]:
            raise Forbidden("This action needs one of the roles: receptionist")
        current = _row_facts(row)
        if current != facts:  # the calendar, catalog or templates changed since this worker learnt them
            changed = [
                name
                for name in UnitFacts.__dataclass_fields__
                if getattr(current, name) != getattr(facts, name)
            ]
            log.info("intake for unit %s: %s changed; drafted again", unit_id, ", ".join(changed))
            known[unit_id] = facts = current
            if attempt < _DRAFTS - 1:
                continue
            raise Conflict("The center's settings changed during the intake; send it again")
        known[unit_id] = facts
        me = PersonRef(id=actor_id, full_name=row["full_name"])
        if row["id"] is None:  # the key was used before: that request's dossier, or 409
            return await _earlier(
                maker,
                settings,
                unit_id=unit_id,
                key=idempotency_key,
                request_hash=request_hash,
                roles=frozenset(row["roles"]),
            )
        return Received(_compose(settings, draft, written, me, roles=frozenset(row["roles"])), created=True)
    raise AssertionError("unreachable")  # every attempt returns, raises or continues


@dataclass(frozen=True)
class _Written:
    row: Any  # the statement's answer
    holder: PersonRef | None  # who holds the first step now (None: no step, or it waits in a pool, or closed)
    step_due_at: datetime | None


async def _write(
    maker: async_sessionmaker[AsyncSession],
    draft: _Draft,
    *,
    unit_id: int,
    actor_id: int,
    idempotency_key: str | None,
) -> _Written:
    fixed = [
        unit_id,
        actor_id,
        draft.facts.province_id,
        draft.facts.calendar_stamp,
        draft.facts.catalog_revision,
        draft.facts.process_revision,
        idempotency_key,
        draft.dossier["request_hash"],
        draft.dossier["received_at"],
        draft.day,
    ]
    first = draft.first_step
    if draft.plan is None or first is not None:
        # Awaiting reception (no step yet), or a first step the receiving officer holds: nothing to choose, one
        # statement in its own transaction.
        values = intake_statement.arguments(
            fixed, dossier=draft.dossier, step=first, event=draft.event, pause=draft.pause
        )
        async with driver_connection(maker) as conn:
            row = await conn.fetchrow(intake_statement.INTAKE, *values)
        if first is None or first["finished_at"] is not None:
            return _Written(row, None, None)
        return _Written(row, PersonRef(id=actor_id, full_name=row["full_name"] or ""), first["due_at"])
    # The plan starts with a step whose officer is chosen (a template beginning with a specialist): chosen
    # under the unit's lock, in the transaction of the statement, with the kept counts moved after it.
    async with transaction(maker) as session:
        now = draft.dossier["received_at"]
        planned = draft.plan.steps[0]
        need = steps.need_of(SimpleNamespace(**draft.dossier), planned.kind, planned.department_id)
        chosen = await candidates.auto_pick(session, need, now=now)
        step = steps.step_row(
            unit_id=unit_id,
            planned=planned,
            position=0,
            seq=1,
            now=now,
            assignee_id=chosen,
            how="auto" if chosen is not None else None,
            cal=draft.calendar,
        )
        step.update(steps.as_received(S(draft.dossier["status"]), now=now, actor_id=actor_id))
        values = intake_statement.arguments(
            fixed, dossier=draft.dossier, step=step, event=draft.event, pause=draft.pause
        )
        row = await (await session_driver_connection(session)).fetchrow(intake_statement.INTAKE, *values)
        holder = None
        if row["id"] is not None and chosen is not None and step["finished_at"] is None:
            await workload.move(session, unit_id=unit_id, staff_id=chosen, steps=1, due_soon=0, overdue=0)
            holder = PersonRef(id=chosen, full_name=(await steps.names(session, [chosen])).get(chosen, ""))
        return _Written(row, holder, step["due_at"] if holder else None)


async def _earlier(
    maker: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    unit_id: int,
    key: str | None,
    request_hash: str,
    roles: frozenset[str],
) -> Received:
    async with transaction(maker) as session:
        earlier = await session.get(IdempotencyKey, (unit_id, key), populate_existing=True)
        if earlier is None or earlier.request_hash != request_hash or earlier.dossier_id is None:
            raise Conflict("This Idempotency-Key was already used with a different request")
        dossier = await session.get(Dossier, earlier.dossier_id)
        assert dossier is not None
        return Received(await reading.read(session, settings, dossier=dossier, roles=roles), created=False)


def _compose(
    settings: Settings, draft: _Draft, written: _Written, me: PersonRef, *, roles: frozenset[str]
) -> DossierRead:
    # The written row as plain attributes: `compose` only reads them, and a mapped instance of 50 columns costs
    # more to build than the rest of the answer.
    row = written.row
    dossier = SimpleNamespace(id=row["id"], code=row["code"], number=row["number"], **draft.dossier)
    return reading.compose(
        settings,
        dossier=dossier,
        calendar=draft.calendar,
        version_number=draft.version.number,
        checklist=draft.version.data.get("documents") or [],
        received_by=me,
        assignee=written.holder,
        step_due_at=written.step_due_at,
        roles=roles,
    )
