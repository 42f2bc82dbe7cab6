"""HTTP endpoints of the catalog for staff (`/api/procedures`, `/api/sectors`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from motcua.auth.dependencies import AdminStaff, CurrentStaff
from motcua.core.db import SessionDep
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized, responses
from motcua.core.pagination import PageDep
from motcua.core.schemas import ID_MAX, IdPath
from motcua.core.web import SettingsDep
from motcua.procedures import editing, service
from motcua.procedures.schemas import (
    CODE_PATTERN,
    ProcedureAdmin,
    ProcedureAdminPage,
    ProcedureContent,
    ProcedureCreate,
    SectorCreate,
    SectorRead,
    SectorUpdate,
)
from motcua.units import service as units_service

router = APIRouter(prefix="/api", tags=["procedures"], responses=responses(Unauthorized, Forbidden))

Code = Annotated[
    str, Path(pattern=CODE_PATTERN, max_length=40, description="Procedure code, e.g. `1.001193`.")
]


@router.get("/sectors", response_model=list[SectorRead])
async def list_sectors(principal: CurrentStaff, session: SessionDep) -> list[SectorRead]:
    """Sectors of the caller's province catalog."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    return await service.list_sectors(session, province_id=province_id)


@router.post("/sectors", response_model=SectorRead, status_code=201, responses=responses(Conflict))
async def create_sector(body: SectorCreate, principal: AdminStaff, session: SessionDep) -> SectorRead:
    """Add a sector."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    return SectorRead.model_validate(await service.create_sector(session, province_id=province_id, data=body))


@router.patch("/sectors/{sector_id}", response_model=SectorRead, responses=responses(NotFound, Conflict))
async def update_sector(
    sector_id: IdPath, body: SectorUpdate, principal: AdminStaff, session: SessionDep
) -> SectorRead:
    """Rename a sector."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    sector = await service.get_sector(session, province_id=province_id, sector_id=sector_id)
    return SectorRead.model_validate(await service.update_sector(session, sector=sector, data=body))


@router.get("/procedures", response_model=ProcedureAdminPage)
async def list_procedures(
    principal: CurrentStaff,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Code or words of the name.")] = None,
    sector: Annotated[int | None, Query(ge=1, le=ID_MAX, description="Sector id.")] = None,
    published: Annotated[
        bool | None, Query(description="Only published (true) or unpublished (false).")
    ] = None,
) -> ProcedureAdminPage:
    """The catalog, published or not."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    return await service.search_admin(
        session, province_id=province_id, q=q, sector_id=sector, published=published, page=page
    )


@router.post(
    "/procedures", response_model=ProcedureAdmin, status_code=201, responses=responses(Conflict, InvalidInput)
)
async def create_procedure(
    body: ProcedureCreate, principal: AdminStaff, session: SessionDep, settings: SettingsDep
) -> ProcedureAdmin:
    """Add a procedure (unpublished until published)."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    proc = await editing.create_procedure(session, province_id=province_id, data=body, actor=principal.ref)
    return await service.read_admin(session, settings, procedure=proc)


@router.get("/procedures/{code}", response_model=ProcedureAdmin, responses=responses(NotFound))
async def get_procedure(
    code: Code, principal: CurrentStaff, session: SessionDep, settings: SettingsDep
) -> ProcedureAdmin:
    """A procedure with its version history."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    proc = await service.get_procedure(session, province_id=province_id, code=code)
    return await service.read_admin(session, settings, procedure=proc)


@router.put("/procedures/{code}", response_model=ProcedureAdmin, responses=responses(NotFound, InvalidInput))
async def update_procedure(
    code: Code, body: ProcedureContent, principal: AdminStaff, session: SessionDep, settings: SettingsDep
) -> ProcedureAdmin:
    """Save an edit as a new immutable version; dossiers already received keep the version they pinned."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    proc = await service.get_procedure(session, province_id=province_id, code=code)
    await editing.save_version(session, procedure=proc, data=body, actor=principal.ref)
    return await service.read_admin(session, settings, procedure=proc)


async def _publish(
    code: str, principal: AdminStaff, session: SessionDep, settings: SettingsDep, flag: bool
) -> ProcedureAdmin:
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    proc = await service.get_procedure(session, province_id=province_id, code=code)
    await editing.set_published(session, procedure=proc, published=flag)
    return await service.read_admin(session, settings, procedure=proc)


@router.post("/procedures/{code}/publish", response_model=ProcedureAdmin, responses=responses(NotFound))
async def publish_procedure(
    code: Code, principal: AdminStaff, session: SessionDep, settings: SettingsDep
) -> ProcedureAdmin:
    """Show the procedure on the public pages."""
    return await _publish(code, principal, session, settings, True)


@router.post("/procedures/{code}/unpublish", response_model=ProcedureAdmin, responses=responses(NotFound))
async def unpublish_procedure(
    code: Code, principal: AdminStaff, session: SessionDep, settings: SettingsDep
) -> ProcedureAdmin:
    """Hide the procedure from the public pages."""
    return await _publish(code, principal, session, settings, False)
