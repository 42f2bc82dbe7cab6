"""HTTP endpoints of staff accounts (`/api/staff`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from motcua.auth.dependencies import AdminStaff, CurrentStaff
from motcua.core.db import SessionDep
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized, responses
from motcua.core.pagination import PageDep
from motcua.core.schemas import IdPath
from motcua.staff import service
from motcua.staff.schemas import PasswordReset, StaffBrief, StaffCreate, StaffPage, StaffRead, StaffUpdate

router = APIRouter(prefix="/api/staff", tags=["staff"], responses=responses(Unauthorized, Forbidden))


@router.get("/directory", response_model=list[StaffBrief])
async def staff_directory(principal: CurrentStaff, session: SessionDep) -> list[StaffBrief]:
    """Active colleagues of the caller's center (name, department, roles), for choosing a delegate or an
    officer; no contact details."""
    return await service.directory(session, unit_id=principal.unit_id)


@router.get("", response_model=StaffPage)
async def list_staff(
    principal: AdminStaff,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Part of a username or name.")] = None,
) -> StaffPage:
    """Staff of the caller's center."""
    return await service.list_staff(session, unit_id=principal.unit_id, q=q, page=page)


@router.post("", response_model=StaffRead, status_code=201, responses=responses(Conflict, InvalidInput))
async def create_staff(body: StaffCreate, principal: AdminStaff, session: SessionDep) -> StaffRead:
    """Create a staff account in the caller's center."""
    staff = await service.create(session, unit_id=principal.unit_id, data=body)
    return await service.read(session, staff=staff)


@router.get("/{staff_id}", response_model=StaffRead, responses=responses(NotFound))
async def get_staff(staff_id: IdPath, principal: AdminStaff, session: SessionDep) -> StaffRead:
    """One staff member of the caller's center."""
    staff = await service.get(session, unit_id=principal.unit_id, staff_id=staff_id)
    return await service.read(session, staff=staff)


@router.patch("/{staff_id}", response_model=StaffRead, responses=responses(NotFound, Conflict, InvalidInput))
async def update_staff(
    staff_id: IdPath, body: StaffUpdate, principal: AdminStaff, session: SessionDep
) -> StaffRead:
    """Edit, disable or re-enable a staff account; roles and sectors are replaced when given."""
    staff = await service.get(session, unit_id=principal.unit_id, staff_id=staff_id)
    await service.update(session, staff=staff, data=body, actor_id=principal.id)
    return await service.read(session, staff=staff)


@router.post("/{staff_id}/password", status_code=204, responses=responses(NotFound))
async def reset_password(
    staff_id: IdPath, body: PasswordReset, principal: AdminStaff, session: SessionDep
) -> Response:
    """Set a new password for a staff member; their sessions are revoked."""
    staff = await service.get(session, unit_id=principal.unit_id, staff_id=staff_id)
    await service.reset_password(session, staff=staff, new_password=body.new_password)
    return Response(status_code=204)
