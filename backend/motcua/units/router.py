"""HTTP endpoints of the caller's center and its departments."""

from __future__ import annotations

from fastapi import APIRouter

from motcua.auth.dependencies import AdminStaff, CurrentStaff
from motcua.core.db import SessionDep
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized, responses
from motcua.core.schemas import IdPath
from motcua.units import service
from motcua.units.schemas import DepartmentCreate, DepartmentRead, DepartmentUpdate, UnitRead, UnitUpdate

router = APIRouter(prefix="/api", tags=["units"], responses=responses(Unauthorized, Forbidden))


@router.get("/units/current", response_model=UnitRead)
async def get_current_unit(principal: CurrentStaff, session: SessionDep) -> UnitRead:
    """The caller's service center with its commune, province and merged former communes."""
    unit = await service.get_unit(session, unit_id=principal.unit_id)
    return await service.read_unit(session, unit=unit)


@router.patch("/units/current", response_model=UnitRead, responses=responses(Conflict))
async def update_current_unit(body: UnitUpdate, principal: AdminStaff, session: SessionDep) -> UnitRead:
    """Rename the center or change its QCVN 102 unit code (used in new dossier codes)."""
    unit = await service.get_unit(session, unit_id=principal.unit_id)
    await service.update_unit(session, unit=unit, data=body)
    return await service.read_unit(session, unit=unit)


@router.get("/departments", response_model=list[DepartmentRead])
async def list_departments(principal: CurrentStaff, session: SessionDep) -> list[DepartmentRead]:
    """Departments of the caller's center."""
    rows = await service.list_departments(session, unit_id=principal.unit_id)
    return [DepartmentRead.model_validate(d) for d in rows]


@router.post("/departments", response_model=DepartmentRead, status_code=201)
async def create_department(
    body: DepartmentCreate, principal: AdminStaff, session: SessionDep
) -> DepartmentRead:
    """Add a department to the caller's center."""
    dep = await service.create_department(session, unit_id=principal.unit_id, data=body)
    return DepartmentRead.model_validate(dep)


@router.patch(
    "/departments/{department_id}", response_model=DepartmentRead, responses=responses(NotFound, InvalidInput)
)
async def update_department(
    department_id: IdPath, body: DepartmentUpdate, principal: AdminStaff, session: SessionDep
) -> DepartmentRead:
    """Rename or retire a department."""
    dep = await service.get_department(session, unit_id=principal.unit_id, department_id=department_id)
    await service.update_department(session, department=dep, data=body)
    return DepartmentRead.model_validate(dep)
