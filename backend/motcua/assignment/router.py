from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.assignment import service, work_pg
from motcua.assignment.schemas import (
    AbsenceCreate,
    AbsenceRead,
    AssignIn,
    Board,
    CandidateList,
    EffectivePlan,
    NotificationPage,
    NotificationsRead,
    ReleaseIn,
    StepChain,
    TemplateCreate,
    TemplateRead,
    TemplateWrite,
    WorkPage,
)
from motcua.auth.dependencies import (
    AdminStaff,
    CurrentStaff,
    Principal,
    TokenClaims,
    principal_for,
    require_roles,
)
from motcua.core.db import SessionDep, transaction
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized, responses
from motcua.core.pagination import PageDep
from motcua.core.schemas import ID_MAX, IdPath, Moment
from motcua.dossiers import service as dossiers_service
from motcua.procedures.schemas import CODE_PATTERN
from motcua.units import service as units_service

router = APIRouter(prefix="/api", tags=["assignment"], responses=responses(Unauthorized, Forbidden))

# Dossier work is for leaders, not administrators (separation of duties, see dossiers/workflow.py).
LeaderOnly = Annotated[Principal, require_roles("leader")]


# ------------------------------------------------------------------------------------------------ work
# First in this router: a request goes down the routes in order until one matches, and "My work" is the
# console's busiest request.


@router.get("/me/work", response_model=WorkPage)
async def my_work(
    request: Request,
    claims: TokenClaims,
    page: PageDep,
    due_soon: Annotated[bool | None, Query(description="Only steps due within one working day.")] = None,
    overdue: Annotated[bool | None, Query(description="Only steps past their due time.")] = None,
) -> Response:
    """My open steps, the most urgent first, with counts."""
    # The console's busiest read: on PostgreSQL one statement that also checks the account (`work_pg`).
    # On SQLite, or for an account that statement refused, the portable path: `principal_for` answers 401
    # as `CurrentStaff` does (or, for an account re-enabled in between, lets the page be read).
    # The answer is serialized here, once (FastAPI would validate the model a second time).
    reads: async_sessionmaker[AsyncSession] = request.app.state.read_sessionmaker
    found = await work_pg.my_work(reads, claims, page=page, due_soon=due_soon, overdue=overdue)
    if found is None:
        async with transaction(request.app.state.sessionmaker) as session:
            principal = await principal_for(session, claims)
            found = await service.my_work(
                session,
                unit_id=principal.unit_id,
                staff_id=principal.id,
                staff_name=principal.staff.full_name,
                page=page,
                due_soon=due_soon,
                overdue=overdue,
            )
    return Response(content=found.model_dump_json(), media_type="application/json")


@router.get("/work/staff/{staff_id}", response_model=WorkPage, responses=responses(NotFound))
async def staff_work(
    staff_id: IdPath,
    principal: LeaderOnly,
    session: SessionDep,
    page: PageDep,
    due_soon: Annotated[bool | None, Query(description="Only steps due within one working day.")] = None,
    overdue: Annotated[bool | None, Query(description="Only steps past their due time.")] = None,
) -> WorkPage:
    """An officer's open steps, as their own "My work" shows them (leaders, from the board)."""
    name = await service.staff_name(session, unit_id=principal.unit_id, staff_id=staff_id)
    return await service.my_work(
        session,
        unit_id=principal.unit_id,
        staff_id=staff_id,
        staff_name=name,
        page=page,
        due_soon=due_soon,
        overdue=overdue,
    )


@router.get("/work/pool", response_model=WorkPage)
async def pool(
    principal: CurrentStaff,
    session: SessionDep,
    page: PageDep,
    department_id: Annotated[int | None, Query(ge=1, le=ID_MAX, description="Only this department.")] = None,
) -> WorkPage:
    """Steps nobody holds that I may claim (a leader sees all of them)."""
    return await service.pool(
        session,
        unit_id=principal.unit_id,
        staff=principal.staff,
        roles=principal.roles,
        department_id=department_id,
        page=page,
    )


@router.get("/work/board", response_model=Board)
async def board(principal: LeaderOnly, session: SessionDep) -> Board:
    """The leader's board: per officer and department, open, due soon, overdue, finished and on time."""
    return await service.board(session, unit_id=principal.unit_id)


# ------------------------------------------------------------------------------------------- templates


@router.get("/process-templates", response_model=list[TemplateRead])
async def list_templates(principal: CurrentStaff, session: SessionDep) -> list[TemplateRead]:
    """The center's process templates (per procedure and per sector), with budget warnings."""
    return await service.list_templates(session, unit_id=principal.unit_id)


@router.get("/process-templates/effective", response_model=EffectivePlan, responses=responses(NotFound))
async def effective_plan(
    principal: CurrentStaff,
    session: SessionDep,
    procedure_code: Annotated[str, Query(pattern=CODE_PATTERN, description="Procedure code.")],
) -> EffectivePlan:
    """The steps a dossier of this procedure received now would go through, and where they come from."""
    unit = await units_service.get_unit(session, unit_id=principal.unit_id)
    return await service.effective_plan(
        session, unit_id=unit.id, province_id=unit.province_id, procedure_code=procedure_code
    )


@router.post(
    "/process-templates",
    response_model=TemplateRead,
    status_code=201,
    responses=responses(Conflict, InvalidInput),
)
async def create_template(body: TemplateCreate, principal: AdminStaff, session: SessionDep) -> TemplateRead:
    """Describe the steps of a procedure (or the default of a sector) with their time budgets."""
    unit = await units_service.get_unit(session, unit_id=principal.unit_id)
    template = await service.create_template(
        session, unit_id=unit.id, province_id=unit.province_id, data=body
    )
    return await service.read_template(session, template=template)


@router.get("/process-templates/{template_id}", response_model=TemplateRead, responses=responses(NotFound))
async def get_template(template_id: IdPath, principal: CurrentStaff, session: SessionDep) -> TemplateRead:
    """One template."""
    template = await service.get_template(session, unit_id=principal.unit_id, template_id=template_id)
    return await service.read_template(session, template=template)


@router.put(
    "/process-templates/{template_id}",
    response_model=TemplateRead,
    responses=responses(NotFound, InvalidInput),
)
async def update_template(
    template_id: IdPath, body: TemplateWrite, principal: AdminStaff, session: SessionDep
) -> TemplateRead:
    """Replace a template's name and steps (dossiers already received keep their plan)."""
    template = await service.get_template(session, unit_id=principal.unit_id, template_id=template_id)
    await service.update_template(session, template=template, data=body)
    return await service.read_template(session, template=template)


@router.delete(
    "/process-templates/{template_id}",
    status_code=204,
    response_class=Response,
    responses=responses(NotFound),
)
async def delete_template(template_id: IdPath, principal: AdminStaff, session: SessionDep) -> Response:
    """Remove a template: new dossiers fall back to the sector's template or the built-in chain."""
    template = await service.get_template(session, unit_id=principal.unit_id, template_id=template_id)
    await service.delete_template(session, template=template)
    return Response(status_code=204)


# ---------------------------------------------------------------------------------------- dossier steps


@router.get("/dossiers/{dossier_id}/steps", response_model=StepChain, responses=responses(NotFound))
async def get_steps(dossier_id: IdPath, principal: CurrentStaff, session: SessionDep) -> StepChain:
    """The dossier's steps with who, when, budget and early/on time/late (form 06), and the steps ahead."""
    dossier = await dossiers_service.get(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    return await service.chain(session, dossier=dossier)


@router.get(
    "/dossiers/{dossier_id}/candidates", response_model=CandidateList, responses=responses(NotFound, Conflict)
)
async def candidates(
    dossier_id: IdPath,
    principal: CurrentStaff,
    session: SessionDep,
    step: Annotated[
        Literal["current", "next"], Query(description="The current step, or the one a forward would enter.")
    ] = "current",
) -> CandidateList:
    """Officers who hold the step's role, qualified first and least loaded first, with why the others are
    not (another department, not competent, absent)."""
    dossier = await dossiers_service.get(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    return await service.candidates(session, dossier=dossier, which=step)


@router.post(
    "/dossiers/{dossier_id}/assign",
    response_model=StepChain,
    responses=responses(NotFound, Conflict, InvalidInput),
)
async def assign(dossier_id: IdPath, body: AssignIn, principal: LeaderOnly, session: SessionDep) -> StepChain:
    """A leader gives the current step to a named officer (qualified, present, of this center)."""
    dossier = await dossiers_service.get(
        session, unit_id=principal.unit_id, dossier_id=dossier_id, for_update=True
    )
    await service.assign(
        session, dossier=dossier, actor_id=principal.id, staff_id=body.staff_id, reason=body.reason
    )
    return await service.chain(session, dossier=dossier)


@router.post(
    "/dossiers/{dossier_id}/claim", response_model=StepChain, responses=responses(NotFound, Conflict)
)
async def claim(dossier_id: IdPath, principal: CurrentStaff, session: SessionDep) -> StepChain:
    """Take the current step from the pool."""
    dossier = await dossiers_service.get(
        session, unit_id=principal.unit_id, dossier_id=dossier_id, for_update=True
    )
    await service.claim(session, dossier=dossier, actor_id=principal.id)
    return await service.chain(session, dossier=dossier)


@router.post(
    "/dossiers/{dossier_id}/release",
    response_model=StepChain,
    responses=responses(NotFound, Conflict, InvalidInput),
)
async def release(
    dossier_id: IdPath, body: ReleaseIn, principal: CurrentStaff, session: SessionDep
) -> StepChain:
    """Give the current step back to the pool (its holder, or a leader)."""
    dossier = await dossiers_service.get(
        session, unit_id=principal.unit_id, dossier_id=dossier_id, for_update=True
    )
    await service.release(
        session, dossier=dossier, actor_id=principal.id, is_leader=principal.has("leader"), reason=body.reason
    )
    return await service.chain(session, dossier=dossier)


# -------------------------------------------------------------------------------------------- absences


@router.get("/absences", response_model=list[AbsenceRead])
async def list_absences(
    principal: CurrentStaff,
    session: SessionDep,
    starts_before: Annotated[Moment | None, Query(description="Absences starting before this.")] = None,
    ends_after: Annotated[Moment | None, Query(description="Absences ending after this.")] = None,
    staff_id: Annotated[int | None, Query(ge=1, le=ID_MAX, description="Only this person.")] = None,
) -> list[AbsenceRead]:
    """Absences of the center's staff (at most 500), by start."""
    return await service.list_absences(
        session,
        unit_id=principal.unit_id,
        starts_before=starts_before,
        ends_after=ends_after,
        staff_id=staff_id,
    )


@router.post("/absences", response_model=AbsenceRead, status_code=201, responses=responses(InvalidInput))
async def create_absence(body: AbsenceCreate, principal: CurrentStaff, session: SessionDep) -> AbsenceRead:
    """Record an absence (my own, or anyone's for a leader). If it has started, the open steps that fall due
    during it go to the delegate or are re-assigned at once."""
    absence = await service.create_absence(
        session,
        unit_id=principal.unit_id,
        actor_id=principal.id,
        is_leader=principal.has("leader"),
        data=body,
    )
    return await service.read_absence(session, absence=absence)


@router.delete(
    "/absences/{absence_id}", status_code=204, response_class=Response, responses=responses(NotFound)
)
async def cancel_absence(absence_id: IdPath, principal: CurrentStaff, session: SessionDep) -> Response:
    """Cancel an absence (work already handed on stays where it is)."""
    await service.cancel_absence(
        session,
        unit_id=principal.unit_id,
        absence_id=absence_id,
        actor_id=principal.id,
        is_leader=principal.has("leader"),
    )
    return Response(status_code=204)


# --------------------------------------------------------------------------------------- notifications


@router.get("/me/notifications", response_model=NotificationPage)
async def my_notifications(
    principal: CurrentStaff,
    session: SessionDep,
    page: PageDep,
    unread_only: Annotated[bool, Query(description="Only unread ones.")] = False,
) -> NotificationPage:
    """My notifications, newest first, with the unread count."""
    return await service.notifications(session, staff_id=principal.id, page=page, unread_only=unread_only)


@router.post("/me/notifications/read", response_model=int)
async def mark_notifications_read(
    body: NotificationsRead, principal: CurrentStaff, session: SessionDep
) -> int:
    """Mark some (or all) of my notifications read; returns how many stay unread."""
    return await service.mark_read(session, staff_id=principal.id, ids=body.ids)
