"""Dossier intake, the one `transition()` that changes a status, reading, listing and public tracking."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Select, Table, and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.assignment import service as assignment_service
from motcua.calendar import service as calendar_service
from motcua.core.config import Settings
from motcua.core.db import bind_cache, utcnow
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound, TooManyRequests
from motcua.core.pagination import PageParams
from motcua.core.security import new_public_token
from motcua.dossiers import deadlines, workflow
from motcua.dossiers.models import (
    Dossier,
    DossierCounter,
    DossierEvent,
    DossierPause,
    IdempotencyKey,
    RateCounter,
)
from motcua.dossiers.schemas import (
    ActionIn,
    ApplicantRead,
    DossierCreate,
    DossierPage,
    DossierRead,
    DossierSummary,
    EventRead,
    FeeIn,
    PersonRef,
    PublicDossier,
    PublicStep,
    ReceivedDocument,
    RemainingRead,
    RepresentativeIn,
    status_info,
)
from motcua.procedures import service as procedures_service
from motcua.procedures import text as procedure_text
from motcua.procedures.models import ProcedureVersion
from motcua.procedures.records import CHANNELS, processing_time
from motcua.staff.models import Staff
from motcua.units import service as units_service

S = workflow.Status


def visible_to(unit_id: int) -> Select[Dossier]:
    """The one authorization filter of this domain: a unit sees only its own dossiers."""
    return select(Dossier).where(Dossier.unit_id == unit_id)


def public_url(settings: Settings, token: str) -> str:
    return f"{settings.public_base}/d/{token}"


# Forms of Circular 01/2018/TT-VPCP (renumbered by Circular 03/2025/TT-VPCP).
FORM_NAMES: dict[str, str] = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Thông báo dừng xử lý hồ sơ",
    "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}


def mask_id(id_number: str) -> str:
    """Only the last 3 digits of an identity number ever leave the center on paper or in a QR code."""
    return "*" * (len(id_number) - 3) + id_number[-3:]


def document_qr_url(settings: Settings, dossier: Dossier, *, form: str, issued_at: datetime) -> str:
    """What the QR code at the top left of a printed form encodes (Circular 01/2023/TT-VPCP): it opens the
    public tracking page and carries the dossier code, procedure code, the masked applicant identifier, the
    document's name, the issuing system, the time of issue and, on the receipt, the appointment."""
    from urllib.parse import urlencode

    local = issued_at.astimezone(deadlines.LOCAL_TZ)
    query = {
        "ma": dossier.code,
        "tthc": dossier.procedure_code,
        "nguoi": mask_id(dossier.applicant_id_number),
        "giay": FORM_NAMES[form],
        "he_thong": "Một Cửa",
        "cap_luc": local.strftime("%H:%M %d/%m/%Y"),
    }
    if form in ("01", "04") and dossier.due_at is not None:
        query["hen_tra"] = dossier.due_at.astimezone(deadlines.LOCAL_TZ).strftime("%H:%M %d/%m/%Y")
    return f"{public_url(settings, dossier.public_token)}?{urlencode(query)}"


def mask_name(full_name: str) -> str:
    """`Nguyễn Văn An` → `Nguyễn V. A.`: the family name and initials, enough to recognise, not to identify."""
    words = full_name.split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0][0] + "."
    return " ".join([words[0], *(w[0] + "." for w in words[1:])])


# ------------------------------------------------------------------------------------------------- intake


def hash_request(data: DossierCreate) -> str:
    canonical = json.dumps(data.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def _claim_idempotency_key(
    session: AsyncSession, *, unit_id: int, key: str, request_hash: str
) -> Dossier | None:
    """Claim the key, or return the dossier an earlier request with the same key and body created.
    A parallel request with the same key blocks on the key's row until the first one commits."""
    # On the table, not the mapped class: a plain statement skips the ORM's bulk-insert machinery, which
    # cost this busiest write about as much CPU as its round trip.
    keys = cast(Table, IdempotencyKey.__table__)
    claimed = await session.execute(
        insert(keys)
        .values(unit_id=unit_id, key=key, request_hash=request_hash, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["unit_id", "key"])
        .returning(keys.c.key)
    )
    if claimed.first() is not None:
        return None
    earlier = await session.get(IdempotencyKey, (unit_id, key), populate_existing=True)
    if earlier is None or earlier.request_hash != request_hash or earlier.dossier_id is None:
        raise Conflict("This Idempotency-Key was already used with a different request")
    dossier = await session.get(Dossier, earlier.dossier_id)
    assert dossier is not None
    return dossier


async def _next_number(session: AsyncSession, *, unit_id: int, day: date) -> int:
    # One atomic upsert: the counter row is locked until this transaction ends, so parallel intakes queue
    # and a rolled-back intake gives its number back (no gaps, no duplicates). On the table, not the mapped
    # class (see `_claim_idempotency_key`).
    counters = cast(Table, DossierCounter.__table__)
    stmt = (
        insert(counters)
        .values(unit_id=unit_id, day=day, last_number=1)
        .on_conflict_do_update(
            index_elements=["unit_id", "day"], set_={"last_number": counters.c.last_number + 1}
        )
        .returning(counters.c.last_number)
    )
    number: int = (await session.execute(stmt)).scalar_one()
    return number


@dataclass(frozen=True)
class IntakeDraft:
    """Everything an intake writes, decided before it takes its number: the rows but for the dossier's id,
    code and number. Written by `receive` through the ORM, or on PostgreSQL by `dossiers.intake_pg` in one
    statement: both write exactly these rows."""

    request_hash: str
    idempotency_key: str | None
    day: date  # the local day, whose numbering the dossier takes
    calendar: deadlines.WorkingCalendar
    version: procedures_service.PinnedVersion
    plan: assignment_service.IntakePlan | None  # None: awaiting reception (status 1)
    dossier: dict[str, Any]  # the dossier's columns but id, code and number
    first_step: dict[str, Any] | None  # its first step's but id and dossier_id; None: its officer is chosen
    event: dict[str, Any]  # the intake event's but id and dossier_id
    pause: dict[str, Any] | None  # the clock's pause when a supplement was asked for at the counter


def remember_unit(session: AsyncSession, *, unit_id: int, unit: units_service.IntakeUnit) -> None:
    """Keep what an intake read about its unit for this worker's next intakes (see `known_unit`)."""
    bind_cache(session, "intake_unit")[unit_id] = unit


def known_unit(session: AsyncSession, *, unit_id: int) -> units_service.IntakeUnit | None:
    """What this worker's last intake of the unit read about it. Its stamps may be stale: whoever uses it
    must have the database confirm them in the same statement that writes (`dossiers.intake_pg`)."""
    unit: units_service.IntakeUnit | None = bind_cache(session, "intake_unit").get(unit_id)
    return unit


async def draft_intake(
    session: AsyncSession,
    *,
    unit_id: int,
    unit: units_service.IntakeUnit,
    actor_id: int,
    data: DossierCreate,
    idempotency_key: str | None,
    request_hash: str,
    now: datetime,
) -> IntakeDraft:
    """Check the intake and decide its rows. With the unit's stamps current in this worker's caches (the
    calendar, the catalog's versions, the process templates) this reads nothing from the database."""
    pinned = await procedures_service.version_in_force(
        session, province_id=unit.province_id, code=data.procedure_code, revision=unit.catalog_revision
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

    status = S.RECEIVED
    action = "receive"
    if data.awaiting_reception:
        # Status 1 (DOMAIN.md): submitted online or by post, not yet received; nothing starts until it is.
        status, action = S.NEW, "submit"
    elif missing:
        if data.if_incomplete == "reject":
            raise Conflict("Mandatory documents are missing", details=missing)
        if data.if_incomplete == "request_supplement":
            status, action = S.SUPPLEMENT_REQUESTED, "request_supplement"
        else:
            status, action = S.REFUSED, "refuse_at_reception"
    elif data.if_incomplete == "refuse" and data.reason:
        status, action = S.REFUSED, "refuse_at_reception"

    local_day = now.astimezone(deadlines.LOCAL_TZ).date()
    timing = processing_time(version.data, CHANNELS[data.channel - 1])
    calendar = await calendar_service.working_calendar(session, unit_id=unit_id, stamp=unit.calendar_stamp)
    due_at: datetime | None = None
    if timing and status == S.RECEIVED:
        # The appointment (DOMAIN.md "Deadlines"): the legal time from the moment of reception, in the
        # unit's working time, with the same-day 15:00 rule. Kept in UTC, as it reads back from the database.
        due_at = deadlines.compute_due(
            calendar,
            start=now,
            amount=Decimal(str(timing["amount"] or 0)),
            unit=deadlines.DurationUnit(timing["unit"]),
        ).due_at.astimezone(UTC)
    duration_amount = None if not timing or timing["amount"] is None else str(timing["amount"])
    plan: assignment_service.IntakePlan | None = None
    first: dict[str, Any] | None = None
    if status != S.NEW:  # a registration awaiting reception gets its plan of steps when it is received
        plan = await assignment_service.intake_plan(
            session,
            unit_id=unit_id,
            procedure_id=procedure.id,
            sector_id=procedure.sector_id,
            now=now,
            due_at=due_at,
            duration_amount=duration_amount,
            duration_unit=timing["unit"] if timing else None,
            revision=unit.process_revision,
        )
        first = assignment_service.first_step(
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
    # The first step (reception) is the receiving officer's; the plan of steps is fixed now, like the version.
    local_due = due_at.astimezone(deadlines.LOCAL_TZ) if due_at else None  # the event shows the center's time
    event_data: dict[str, Any] = {"due_at": local_due.isoformat() if local_due else None}
    if plan is not None:
        event_data.update(assignment_service.plan_event(plan, plan.steps[0].name))
    if missing and status != S.RECEIVED:
        event_data["missing_documents"] = missing
    event = {
        "unit_id": unit_id,
        "seq": 1,
        "at": now,
        "actor_id": actor_id,
        "action": action,
        "from_status": None,
        "to_status": int(status),
        "note": data.reason,
        "data": event_data,
    }
    pause = (
        {"reason": "supplement", "started_at": now, "ended_at": None}
        if status == S.SUPPLEMENT_REQUESTED
        else None
    )
    return IntakeDraft(
        request_hash=request_hash,
        idempotency_key=idempotency_key,
        day=local_day,
        calendar=calendar,
        version=version,
        plan=plan,
        dossier=dossier,
        first_step=first,
        event=event,
        pause=pause,
    )


async def receive(
    session: AsyncSession,
    settings: Settings,
    *,
    unit_id: int,
    actor_id: int,
    data: DossierCreate,
    idempotency_key: str | None,
    now: datetime | None = None,
) -> tuple[Dossier, bool]:
    """Receive a dossier at the counter. Returns the dossier and whether it was created now (False when an
    earlier request with the same Idempotency-Key already created it). The portable path, on any database;
    on PostgreSQL the intake is first tried in one statement (`dossiers.intake_pg`)."""
    request_hash = hash_request(data)
    if idempotency_key:
        earlier = await _claim_idempotency_key(
            session, unit_id=unit_id, key=idempotency_key, request_hash=request_hash
        )
        if earlier is not None:
            return earlier, False

    # One round trip for the unit and the stamps of the calendar, catalog and templates this worker keeps.
    unit = await units_service.for_intake(session, unit_id=unit_id)
    draft = await draft_intake(
        session,
        unit_id=unit_id,
        unit=unit,
        actor_id=actor_id,
        data=data,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        now=now or utcnow(),
    )
    remember_unit(session, unit_id=unit_id, unit=unit)
    # The number is taken last: the counter row stays locked until commit, so the less work after it, the
    # more intakes per second one center can do.
    number = await _next_number(session, unit_id=unit_id, day=draft.day)
    dossier = Dossier(code=dossier_code(unit.unit_code, draft.day, number), number=number, **draft.dossier)
    session.add(dossier)
    await session.flush()
    if draft.pause is not None:
        session.add(DossierPause(dossier_id=dossier.id, **draft.pause))
    if draft.plan is not None:
        await assignment_service.start(
            session,
            dossier=dossier,
            actor_id=actor_id,
            now=draft.dossier["received_at"],
            plan=draft.plan,
            first=draft.first_step,
        )
    session.add(DossierEvent(dossier_id=dossier.id, **draft.event))
    if idempotency_key:
        await session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.unit_id == unit_id, IdempotencyKey.key == idempotency_key)
            .values(dossier_id=dossier.id)
        )
    await session.flush()
    return dossier, True


def missing_documents(checklist: list[dict[str, Any]], documents: list[dict[str, Any]]) -> list[str]:
    """The names of the checklist's mandatory documents of which neither an original nor a copy was received."""
    received = {d["index"] for d in documents if d["originals"] + d["copies"] > 0}
    return [d["name"] for i, d in enumerate(checklist) if d.get("mandatory") and i not in received]


def dossier_code(unit_code: str, day: date, number: int) -> str:
    """`<unit code>-<YYMMDD>-<NNNN>` (DOMAIN.md "Codes"); the number restarts each day per unit."""
    return f"{unit_code}-{day:%y%m%d}-{number:04d}"


# ---------------------------------------------------------------------------------------------- transition


def _facts(dossier: Dossier) -> workflow.DossierFacts:
    return workflow.DossierFacts(
        status=S(dossier.status),
        approved=dossier.approved_at is not None,
        supplement_requests=dossier.supplement_count,
        has_due=dossier.due_at is not None,
        delivery="post" if dossier.delivery == "post" else "counter",
    )


async def get(session: AsyncSession, *, unit_id: int, dossier_id: int, for_update: bool = False) -> Dossier:
    stmt = visible_to(unit_id).where(Dossier.id == dossier_id)
    if for_update:
        stmt = stmt.with_for_update()
    dossier = await session.scalar(stmt)
    if dossier is None:
        raise NotFound("Dossier not found")
    return dossier


async def _legal_due(session: AsyncSession, dossier: Dossier, *, start: datetime) -> datetime:
    """The appointment of a dossier whose legal time starts at `start`: its procedure's processing time for
    its channel, in the unit's working time (DOMAIN.md "Deadlines"). In UTC, as it reads back."""
    assert dossier.duration_unit is not None
    calendar = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)
    return deadlines.compute_due(
        calendar,
        start=start,
        amount=Decimal(dossier.duration_amount or "0"),
        unit=deadlines.DurationUnit(dossier.duration_unit),
    ).due_at.astimezone(UTC)


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
    """The only place a dossier's status changes. It checks the workflow table, applies the action's effects
    on the clock, bumps the version (optimistic lock) and appends the event, all in the caller's transaction."""
    if dossier.version != expected_version:
        raise Conflict(f"The dossier changed meanwhile (version {dossier.version}); reload it")
    fields = payload.model_dump(exclude_none=True)
    try:
        decision = workflow.decide(action=action, facts=_facts(dossier), roles=roles, payload=fields)
    except workflow.TransitionError as exc:
        if exc.code == "forbidden":
            raise Forbidden(exc.message) from exc
        if exc.code == "conflict":
            raise Conflict(exc.message) from exc
        raise InvalidInput(exc.message, field=exc.field or "body") from exc

    # Claim the version first: of two racing transitions only one UPDATE matches (the row lock taken by
    # `get(for_update=True)` on PostgreSQL makes the second one wait and then fail this check).
    claimed = await session.execute(
        update(Dossier)
        .where(Dossier.id == dossier.id, Dossier.version == expected_version)
        .values(version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("The dossier changed meanwhile; reload it")
    dossier.version = expected_version + 1

    now = now or utcnow()
    from_status = dossier.status
    changes: dict[str, Any] = {}
    if decision.clock == workflow.Clock.PAUSE:
        dossier.paused_since = now
        session.add(DossierPause(dossier_id=dossier.id, reason=action, started_at=now))
    elif decision.clock == workflow.Clock.RESUME:
        pause = await session.scalar(
            select(DossierPause).where(DossierPause.dossier_id == dossier.id, DossierPause.ended_at.is_(None))
        )
        started = pause.started_at if pause else dossier.paused_since or now
        if pause is not None:
            pause.ended_at = now
        dossier.paused_since = None
        if dossier.due_at is not None and started < dossier.due_at:
            # The clock stood still: the appointment moves by the working time the pause covered.
            calendar = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)
            paused = deadlines.working_minutes_between(calendar, started, now)
            dossier.due_at = deadlines.add_working_minutes(calendar, dossier.due_at, paused)
            changes["paused_working_minutes"] = paused
            changes["due_at"] = dossier.due_at.isoformat()
        elif dossier.due_at is None and dossier.duration_unit and from_status == S.SUPPLEMENT_REQUESTED:
            # Received incomplete at the counter: the legal time starts when the file is complete.
            dossier.due_at = await _legal_due(session, dossier, start=now)
            changes["due_at"] = dossier.due_at.isoformat()
    elif decision.clock == workflow.Clock.START:
        # An online or postal submission is received now (status 1 → 2): complete, it starts the legal time
        # from this moment, as a dossier received at the counter does (DOMAIN.md "Deadlines").
        version = await session.get(ProcedureVersion, dossier.procedure_version_id)
        assert version is not None
        missing = missing_documents(version.data.get("documents") or [], dossier.documents)
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

    if action == "refuse_at_reception":  # form 03: the submission was never received
        dossier.outcome = "not_received"
        dossier.finished_at = now
    elif action == "request_supplement":
        dossier.supplement_count += 1
        changes["missing_documents"] = fields.get("missing_documents")
    elif action == "forward" and fields.get("to_step"):
        dossier.current_step = fields["to_step"]  # replaced below when the dossier has a plan of steps
        changes["to_step"] = fields["to_step"]
    elif action == "approve":
        dossier.approved_at = now
        dossier.approved_by_id = actor_id
    elif action == "extend":
        new_due = payload.new_due_at
        assert new_due is not None
        if new_due.tzinfo is None:
            new_due = new_due.replace(tzinfo=deadlines.LOCAL_TZ)
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

    dossier.status = int(decision.to_status)
    dossier.updated_at = now
    # Who holds the dossier next and how each step did against its budget (form 06).
    changes.update(
        await assignment_service.after_transition(
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
        changes.update(await assignment_service.start(session, dossier=dossier, actor_id=actor_id, now=now))
    session.add(
        DossierEvent(
            unit_id=dossier.unit_id,
            dossier_id=dossier.id,
            seq=dossier.version,
            at=now,
            actor_id=actor_id,
            action=action,
            from_status=from_status,
            to_status=dossier.status,
            note=payload.reason or payload.note or payload.decision_note,
            data=changes,
        )
    )
    try:
        await session.flush()
    except IntegrityError as exc:  # an event with this sequence number exists: someone else got there first
        raise Conflict("The dossier changed meanwhile; reload it") from exc
    return dossier


# ------------------------------------------------------------------------------------------------ reading


def _remaining(calendar: deadlines.WorkingCalendar, dossier: Dossier, now: datetime) -> RemainingRead | None:
    if dossier.due_at is None or dossier.finished_at is not None or dossier.paused_since is not None:
        return None
    return RemainingRead.of(deadlines.remaining(calendar, now=now, due_at=dossier.due_at))


def _punctuality(dossier: Dossier) -> str | None:
    if dossier.finished_at is None or dossier.due_at is None or dossier.outcome == "not_received":
        return None
    return deadlines.punctuality(finished_at=dossier.finished_at, due_at=dossier.due_at)


def _summary_fields(calendar: deadlines.WorkingCalendar, dossier: Dossier, now: datetime) -> dict[str, Any]:
    return {
        "id": dossier.id,
        "code": dossier.code,
        "status": status_info(dossier.status),
        "procedure_code": dossier.procedure_code,
        "procedure_name": dossier.procedure_name,
        "applicant_name": dossier.applicant_name,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "remaining": _remaining(calendar, dossier, now),
        "punctuality": _punctuality(dossier),
        "current_step": dossier.current_step,
        "is_paused": dossier.paused_since is not None,
    }


async def read(
    session: AsyncSession, settings: Settings, *, dossier: Dossier, roles: frozenset[str]
) -> DossierRead:
    calendar = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)
    version = await session.get(ProcedureVersion, dossier.procedure_version_id)
    assert version is not None
    receiver = await session.get(Staff, dossier.received_by_id)
    step = await assignment_service.open_step(session, dossier_id=dossier.id)
    holder = await session.get(Staff, step.assignee_id) if step and step.assignee_id else None
    return compose(
        settings,
        dossier=dossier,
        calendar=calendar,
        version_number=version.version,
        checklist=version.data.get("documents") or [],
        received_by=PersonRef(id=dossier.received_by_id, full_name=receiver.full_name if receiver else ""),
        assignee=PersonRef(id=holder.id, full_name=holder.full_name) if holder else None,
        step_due_at=step.due_at if step else None,
        roles=roles,
    )


def compose(
    settings: Settings,
    *,
    dossier: Dossier,
    calendar: deadlines.WorkingCalendar,
    version_number: int,
    checklist: list[dict[str, Any]],
    received_by: PersonRef,
    assignee: PersonRef | None,
    step_due_at: datetime | None,
    roles: frozenset[str],
) -> DossierRead:
    """The staff view of a dossier from its row and what `read` looks up around it (the intake on PostgreSQL
    has all of it at hand and reads nothing back)."""
    got = {d["index"]: d for d in dossier.documents}
    documents = [
        ReceivedDocument(
            index=i,
            name=d["name"],
            mandatory=bool(d.get("mandatory")),
            originals_required=int(d.get("originals") or 0),
            copies_required=int(d.get("copies") or 0),
            originals=int(got.get(i, {}).get("originals", 0)),
            copies=int(got.get(i, {}).get("copies", 0)),
        )
        for i, d in enumerate(checklist)
    ]
    fields = _summary_fields(calendar, dossier, utcnow())
    fields.update(
        version=dossier.version,
        channel=dossier.channel,
        procedure_version=version_number,
        applicant=ApplicantRead(
            full_name=dossier.applicant_name,
            id_number=dossier.applicant_id_number,
            birth_date=dossier.applicant_birth_date,
            phone=dossier.applicant_phone,
            email=dossier.applicant_email,
            address=dossier.applicant_address,
        ),
        representative=RepresentativeIn.model_validate(dossier.representative)
        if dossier.representative
        else None,
        documents=documents,
        missing_documents=[d.name for d in documents if d.mandatory and d.originals + d.copies == 0],
        sets_count=dossier.sets_count,
        fees=[FeeIn.model_validate(f) for f in dossier.fees],
        delivery=dossier.delivery,
        delivery_address=dossier.delivery_address,
        note=dossier.note,
        received_by=received_by,
        original_due_at=dossier.original_due_at,
        duration_text=dossier.duration_text,
        approved_at=dossier.approved_at,
        finished_at=dossier.finished_at,
        outcome=dossier.outcome,
        result_number=dossier.result_number,
        result_date=dossier.result_date,
        returned_at=dossier.returned_at,
        allowed_actions=workflow.allowed_actions(facts=_facts(dossier), roles=roles),
        public_url=public_url(settings, dossier.public_token),
        lookup_count=dossier.lookup_count,
        assignee=assignee,
        step_due_at=step_due_at,
    )
    return DossierRead.model_validate(fields)


async def events(session: AsyncSession, *, dossier: Dossier) -> list[EventRead]:
    rows = await session.execute(
        select(DossierEvent, Staff.full_name)
        .outerjoin(Staff, Staff.id == DossierEvent.actor_id)
        .where(DossierEvent.dossier_id == dossier.id)
        .order_by(DossierEvent.seq)
    )
    return [
        EventRead(
            seq=e.seq,
            at=e.at,
            actor=PersonRef(id=e.actor_id, full_name=name or "") if e.actor_id else None,
            action=e.action,
            from_status=e.from_status,
            to_status=e.to_status,
            note=e.note,
            data=e.data,
        )
        for e, name in rows
    ]


OPEN = [int(s) for s in (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT)]


async def search(
    session: AsyncSession,
    *,
    unit_id: int,
    page: PageParams,
    status: Sequence[int] = (),
    procedure: str | None = None,
    sector_id: int | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
    overdue: bool | None = None,
    due_soon: bool | None = None,
    q: str | None = None,
) -> DossierPage:
    stmt = visible_to(unit_id)
    now = utcnow()
    if status:
        stmt = stmt.where(Dossier.status.in_(list(status)))
    if procedure:
        stmt = stmt.where(Dossier.procedure_code == procedure)
    if sector_id is not None:
        stmt = stmt.where(Dossier.sector_id == sector_id)
    if received_from is not None:
        stmt = stmt.where(Dossier.received_on >= received_from)
    if received_to is not None:
        stmt = stmt.where(Dossier.received_on <= received_to)
    running = and_(Dossier.status.in_(OPEN), Dossier.paused_since.is_(None), Dossier.due_at.is_not(None))
    if overdue is not None:
        late = and_(running, Dossier.due_at < now)
        stmt = stmt.where(late if overdue else ~late)
    if due_soon is not None:
        soon = and_(running, Dossier.due_at >= now, Dossier.due_at < now + timedelta(hours=24))
        stmt = stmt.where(soon if due_soon else ~soon)
    if q and q.strip():
        folded = procedure_text.fold(q)
        stmt = stmt.where(
            or_(
                Dossier.code.like(f"%{q.strip().upper()}%"),
                Dossier.applicant_name_folded.like(f"%{folded}%"),
            )
        )
    total = await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    # Open dossiers by due time first (what needs attention), finished ones after, newest first.
    rows = (
        await session.scalars(
            stmt.order_by(
                Dossier.finished_at.is_not(None),
                Dossier.due_at.is_(None),
                Dossier.due_at,
                Dossier.received_at.desc(),
                Dossier.id,
            )
            .offset(page.offset)
            .limit(page.size)
        )
    ).all()
    calendar = await calendar_service.working_calendar(session, unit_id=unit_id)
    items = [DossierSummary.model_validate(_summary_fields(calendar, d, now)) for d in rows]
    return DossierPage(items=items, total=total, page=page.page, size=page.size)


# ------------------------------------------------------------------------------------------------- public


async def throttle_public(session: AsyncSession, *, client: str, limit: int) -> None:
    """`limit` lookups a minute per client address, counted in the database so every worker agrees. Public
    lookups run on an autocommit session: each statement commits at once, so the counter row of a busy
    address is locked for one statement, not for the whole request."""
    now = utcnow()
    window = int(now.timestamp() // 60)
    stmt = (
        insert(RateCounter)
        .values(bucket=f"public-dossier:{client}", window=window, count=1)
        .on_conflict_do_update(index_elements=["bucket", "window"], set_={"count": RateCounter.count + 1})
        .returning(RateCounter.count)
    )
    count: int = (await session.execute(stmt)).scalar_one()
    if count > limit:
        raise TooManyRequests(
            "Too many lookups; try again in a minute", retry_after=60 - int(now.timestamp()) % 60
        )


_PUBLIC_COLUMNS = (
    Dossier.id,
    Dossier.code,
    Dossier.status,
    Dossier.procedure_code,
    Dossier.procedure_name,
    Dossier.applicant_name,
    Dossier.received_at,
    Dossier.due_at,
    Dossier.current_step,
    Dossier.finished_at,
    Dossier.returned_at,
)


async def lookup_public(
    session: AsyncSession,
    *,
    token: str | None = None,
    code: str | None = None,
    phone_last4: str | None = None,
) -> PublicDossier:
    """The citizen's view, by the token of the receipt's QR code or by the full code plus the last 4 digits of
    the phone: a minimal projection, never the ID number, phone, address, documents or notes. The same 404
    for a wrong code and wrong digits, so the answer reveals nothing. Counting the lookup and reading the row
    is one statement (this is the busiest public path after the catalog)."""
    if token is not None:
        match = Dossier.public_token == token
    elif code is not None and phone_last4 is not None:
        match = and_(Dossier.code == code, Dossier.applicant_phone.like(f"%{phone_last4}"))
    else:
        raise NotFound("Dossier not found")
    row = (
        await session.execute(
            update(Dossier)
            .where(match)
            # updated_at kept as it is: a citizen looking is not a change to the dossier.
            .values(lookup_count=Dossier.lookup_count + 1, updated_at=Dossier.updated_at)
            .returning(*_PUBLIC_COLUMNS)
            .execution_options(synchronize_session=False)
        )
    ).first()
    if row is None:
        raise NotFound("Dossier not found")
    steps = await session.execute(
        select(DossierEvent.at, DossierEvent.to_status, DossierEvent.from_status)
        .where(DossierEvent.dossier_id == row.id)
        .order_by(DossierEvent.seq)
    )
    timeline = [
        PublicStep(at=at, status=status_info(to)) for at, to, frm in steps if frm is None or frm != to
    ]
    return PublicDossier(
        code=row.code,
        status=status_info(row.status),
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        applicant=mask_name(row.applicant_name),
        received_at=row.received_at,
        due_at=row.due_at,
        current_step=row.current_step,
        finished_at=row.finished_at,
        returned_at=row.returned_at,
        timeline=timeline,
    )
