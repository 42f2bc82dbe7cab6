"""HTTP endpoints of work lists, the board and absences."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from motcua.absences import service as absences_service
from motcua.absences.schemas import AbsenceCreate, AbsenceRead
from motcua.auth.dependencies import CurrentStaff, LeaderOnly, TokenClaims
from motcua.core.db import SessionDep
from motcua.core.errors import Forbidden, InvalidInput, NotFound, Unauthorized, responses
from motcua.core.pagination import PageDep
from motcua.core.schemas import ID_MAX, IdPath, Moment
from motcua.work import service
from motcua.work.schemas import Board, WorkPage

router = APIRouter(prefix="/api", tags=["work"], responses=responses(Unauthorized, Forbidden))

DueSoon = Annotated[bool | None, Query(description="Only steps due within 24 hours or one working day.")]
Overdue = Annotated[bool | None, Query(description="Only steps past their due time.")]


@router.get("/me/work", response_model=WorkPage)
async def my_work(
    request: Request, claims: TokenClaims, page: PageDep, due_soon: DueSoon = None, overdue: Overdue = None
) -> Response:
    """My open steps, the most urgent first, with counts."""
    found = await service.my_work(
        request.app.state.read_sessionmaker,
        unit_id=claims.unit_id,
        staff_id=claims.staff_id,
        page=page,
        due_soon=due_soon,
        overdue=overdue,
    )
    # Serialized here, once: FastAPI would validate the model a second time.
    return Response(content=found.model_dump_json(), media_type="application/json")


@router.get("/work/staff/{staff_id}", response_model=WorkPage, responses=responses(NotFound))
async def staff_work(
    staff_id: IdPath,
    principal: LeaderOnly,
    request: Request,
    page: PageDep,
    due_soon: DueSoon = None,
    overdue: Overdue = None,
) -> WorkPage:
    """An officer's open steps, as their own "My work" shows them (leaders, from the board)."""
    return await service.my_work(
        request.app.state.read_sessionmaker,
        unit_id=principal.unit_id,
        staff_id=staff_id,
        page=page,
        due_soon=due_soon,
        overdue=overdue,
        own=False,
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


@router.get("/absences", response_model=list[AbsenceRead])
async def list_absences(
    principal: CurrentStaff,
    session: SessionDep,
    starts_before: Annotated[Moment | None, Query(description="Absences starting before this.")] = None,
    ends_after: Annotated[Moment | None, Query(description="Absences ending after this.")] = None,
    staff_id: Annotated[int | None, Query(ge=1, le=ID_MAX, description="Only this person.")] = None,
) -> list[AbsenceRead]:
    """Absences of the center's staff (at most 500), by start."""
    return await absences_service.list_absences(
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
    absence = await service.record_absence(
        session,
        unit_id=principal.unit_id,
        actor_id=principal.id,
        is_leader=principal.has("leader"),
        data=body,
    )
    return await absences_service.read(session, absence=absence)


@router.delete(
    "/absences/{absence_id}",
    status_code=204,
    response_class=Response,
    responses=responses(NotFound),
)
async def cancel_absence(absence_id: IdPath, principal: CurrentStaff, session: SessionDep) -> Response:
    """Cancel an absence (work already handed on stays where it is)."""
    await absences_service.cancel(
        session,
        unit_id=principal.unit_id,
        absence_id=absence_id,
        actor_id=principal.id,
        is_leader=principal.has("leader"),
    )
    return Response(status_code=204)
