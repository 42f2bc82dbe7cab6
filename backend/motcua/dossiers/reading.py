"""The staff's view of dossiers: one dossier with what the caller may do now, its history, its step chain
(the process control sheet, form 06), and the center's list with its filters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar import countdown, working_time
from motcua.calendar import service as calendar_service
from motcua.calendar.schemas import RemainingRead
from motcua.core.config import Settings
from motcua.core.errors import NotFound
from motcua.core.pagination import PageParams
from motcua.core.schemas import PersonRef
from motcua.core.time import utcnow
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep
from motcua.dossiers.printing import tracking_url
from motcua.dossiers.schemas import (
    ApplicantRead,
    DossierPage,
    DossierRead,
    DossierSummary,
    EventRead,
    FeeIn,
    PlannedStepRead,
    ReceivedDocument,
    RepresentativeIn,
    StepChain,
    StepRead,
    status_info,
)
from motcua.dossiers.steps import names, open_step, plan_of
from motcua.procedures import service as procedures_service
from motcua.procedures import text as procedure_text
from motcua.staff import service as staff_service
from motcua.units import service as units_service

S = workflow.Status
OPEN = [int(s) for s in (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT)]


def visible_to(unit_id: int) -> Select[Dossier]:
    """The one authorization filter of this domain: a unit sees only its own dossiers."""
    return select(Dossier).where(Dossier.unit_id == unit_id)


async def get(session: AsyncSession, *, unit_id: int, dossier_id: int) -> Dossier:
    dossier = await session.scalar(visible_to(unit_id).where(Dossier.id == dossier_id))
    if dossier is None:
        raise NotFound("Dossier not found")
    return dossier


def facts(dossier: Any) -> workflow.DossierFacts:
    return workflow.DossierFacts(
        status=S(dossier.status),
        approved=dossier.approved_at is not None,
        supplement_requests=dossier.supplement_count,
        has_due=dossier.due_at is not None,
        delivery="post" if dossier.delivery == "post" else "counter",
    )


def _remaining(cal: working_time.WorkingCalendar, item: Any, now: datetime) -> RemainingRead | None:
    """Working time left on a dossier or a step that runs: none once finished, none while its clock stands."""
    if item.due_at is None or item.finished_at is not None or item.paused_since is not None:
        return None
    return RemainingRead.of(countdown.remaining(cal, now=now, due_at=item.due_at))


def _punctuality(dossier: Any) -> str | None:
    if dossier.finished_at is None or dossier.due_at is None or dossier.outcome == "not_received":
        return None
    return countdown.punctuality(finished_at=dossier.finished_at, due_at=dossier.due_at)


def _summary_fields(cal: working_time.WorkingCalendar, dossier: Any, now: datetime) -> dict[str, Any]:
    return {
        "id": dossier.id,
        "code": dossier.code,
        "status": status_info(dossier.status),
        "procedure_code": dossier.procedure_code,
        "procedure_name": dossier.procedure_name,
        "applicant_name": dossier.applicant_name,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "remaining": _remaining(cal, dossier, now),
        "punctuality": _punctuality(dossier),
        "current_step": dossier.current_step,
        "is_paused": dossier.paused_since is not None,
    }


async def read(
    session: AsyncSession, settings: Settings, *, dossier: Dossier, roles: frozenset[str]
) -> DossierRead:
    calendar = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)
    number, checklist = await procedures_service.version_number(
        session, version_id=dossier.procedure_version_id
    )
    step = await open_step(session, dossier_id=dossier.id)
    known = await names(session, [dossier.received_by_id, step.assignee_id if step else None])
    holder = step.assignee_id if step else None
    return compose(
        settings,
        dossier=dossier,
        calendar=calendar,
        version_number=number,
        checklist=checklist,
        received_by=PersonRef(id=dossier.received_by_id, full_name=known.get(dossier.received_by_id, "")),
        assignee=PersonRef(id=holder, full_name=known.get(holder, "")) if holder else None,
        step_due_at=step.due_at if step else None,
        roles=roles,
    )


def compose(
    settings: Settings,
    *,
    dossier: Any,
    calendar: working_time.WorkingCalendar,
    version_number: int,
    checklist: list[dict[str, Any]],
    received_by: PersonRef,
    assignee: PersonRef | None,
    step_due_at: datetime | None,
    roles: frozenset[str],
) -> DossierRead:
    """The staff view of a dossier from its row and what `read` looks up around it (the intake has all of it
    at hand and reads nothing back)."""
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
        allowed_actions=workflow.allowed_actions(facts=facts(dossier), roles=roles),
        public_url=tracking_url(settings, dossier.public_token),
        lookup_count=dossier.lookup_count,
        assignee=assignee,
        step_due_at=step_due_at,
    )
    return DossierRead.model_validate(fields)


async def history(session: AsyncSession, *, dossier: Dossier) -> list[EventRead]:
    rows = (
        await session.scalars(
            select(DossierEvent).where(DossierEvent.dossier_id == dossier.id).order_by(DossierEvent.seq)
        )
    ).all()
    known = await staff_service.names(session, [e.actor_id for e in rows])
    return [
        EventRead(
            seq=e.seq,
            at=e.at,
            actor=PersonRef(id=e.actor_id, full_name=known.get(e.actor_id, "")) if e.actor_id else None,
            action=e.action,
            from_status=e.from_status,
            to_status=e.to_status,
            note=e.note,
            data=e.data,
        )
        for e in rows
    ]


async def chain(session: AsyncSession, *, dossier: Dossier) -> StepChain:
    """The dossier's steps (form 06: one row per hand-over) and the steps still ahead in its plan."""
    rows = list(
        (
            await session.scalars(
                select(DossierStep).where(DossierStep.dossier_id == dossier.id).order_by(DossierStep.seq)
            )
        ).all()
    )
    known = await staff_service.names(
        session,
        [s.assignee_id for s in rows] + [s.finished_by_id for s in rows] + [s.handed_to_id for s in rows],
    )
    departments = await units_service.department_names(session, unit_id=dossier.unit_id)
    cal = await calendar_service.working_calendar(session, unit_id=dossier.unit_id)
    now = utcnow()

    def ref(i: int | None) -> PersonRef | None:
        return PersonRef(id=i, full_name=known.get(i, "")) if i is not None else None

    out = []
    for i, s in enumerate(rows):
        following = rows[i + 1] if i + 1 < len(rows) else None
        out.append(
            StepRead(
                id=s.id,
                seq=s.seq,
                name=s.name,
                kind=s.kind,
                department=departments.get(s.department_id) if s.department_id else None,
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
                punctuality=countdown.punctuality(finished_at=s.finished_at, due_at=s.due_at)
                if s.finished_at and s.due_at
                else None,
                remaining=_remaining(cal, s, now),
            )
        )
    plan = plan_of(dossier)
    last = rows[-1] if rows else None
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
    """The center's dossiers: open ones by due time first (what needs attention), finished ones after, newest
    first. "Overdue" and "due soon" are the badge's rules (`countdown.due_soon_until`): running dossiers only."""
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
    calendar = await calendar_service.working_calendar(session, unit_id=unit_id)
    running = and_(Dossier.status.in_(OPEN), Dossier.paused_since.is_(None), Dossier.due_at.is_not(None))
    if overdue is not None:
        late = and_(running, Dossier.due_at < now)
        stmt = stmt.where(late if overdue else ~late)
    if due_soon is not None:
        soon = and_(running, Dossier.due_at >= now, Dossier.due_at <= countdown.due_soon_until(calendar, now))
        stmt = stmt.where(soon if due_soon else ~soon)
    if q and q.strip():
        folded = procedure_text.fold(q)
        stmt = stmt.where(
            or_(
                Dossier.code.like(f"%{q.strip().upper()}%"), Dossier.applicant_name_folded.like(f"%{folded}%")
            )
        )
    total = await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
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
    items = [DossierSummary.model_validate(_summary_fields(calendar, d, now)) for d in rows]
    return DossierPage(items=items, total=total, page=page.page, size=page.size)
