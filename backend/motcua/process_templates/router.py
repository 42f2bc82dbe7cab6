"""HTTP endpoints of the process templates (`/api/process-templates`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from motcua.auth.dependencies import AdminStaff, CurrentStaff
from motcua.core.db import SessionDep
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized, responses
from motcua.core.schemas import IdPath
from motcua.procedures.schemas import CODE_PATTERN
from motcua.process_templates import service
from motcua.process_templates.schemas import EffectivePlan, TemplateCreate, TemplateRead, TemplateWrite
from motcua.units import service as units_service

router = APIRouter(
    prefix="/api/process-templates", tags=["process-templates"], responses=responses(Unauthorized, Forbidden)
)


@router.get("", response_model=list[TemplateRead])
async def list_templates(principal: CurrentStaff, session: SessionDep) -> list[TemplateRead]:
    """The center's process templates (per procedure and per sector), with budget warnings."""
    return await service.list_templates(session, unit_id=principal.unit_id)


@router.get("/effective", response_model=EffectivePlan, responses=responses(NotFound))
async def effective_plan(
    principal: CurrentStaff,
    session: SessionDep,
    procedure_code: Annotated[str, Query(pattern=CODE_PATTERN, description="Procedure code.")],
) -> EffectivePlan:
    """The steps a dossier of this procedure received now would go through, and where they come from."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    return await service.effective_plan(
        session, unit_id=principal.unit_id, province_id=province_id, procedure_code=procedure_code
    )


@router.post("", response_model=TemplateRead, status_code=201, responses=responses(Conflict, InvalidInput))
async def create_template(body: TemplateCreate, principal: AdminStaff, session: SessionDep) -> TemplateRead:
    """Describe the steps of a procedure (or the default of a sector) with their time budgets."""
    province_id = await units_service.province_of(session, unit_id=principal.unit_id)
    template = await service.create_template(
        session, unit_id=principal.unit_id, province_id=province_id, data=body
    )
    return await service.read_template(session, template=template)


@router.get("/{template_id}", response_model=TemplateRead, responses=responses(NotFound))
async def get_template(template_id: IdPath, principal: CurrentStaff, session: SessionDep) -> TemplateRead:
    """One template."""
    template = await service.get_template(session, unit_id=principal.unit_id, template_id=template_id)
    return await service.read_template(session, template=template)


@router.put("/{template_id}", response_model=TemplateRead, responses=responses(NotFound, InvalidInput))
async def update_template(
    template_id: IdPath, body: TemplateWrite, principal: AdminStaff, session: SessionDep
) -> TemplateRead:
    """Replace a template's name and steps (dossiers already received keep their plan)."""
    template = await service.get_template(session, unit_id=principal.unit_id, template_id=template_id)
    await service.update_template(session, template=template, data=body)
    return await service.read_template(session, template=template)


@router.delete("/{template_id}", status_code=204, response_class=Response, responses=responses(NotFound))
async def delete_template(template_id: IdPath, principal: AdminStaff, session: SessionDep) -> Response:
    """Remove a template: new dossiers fall back to the sector's template or the built-in chain."""
    template = await service.get_template(session, unit_id=principal.unit_id, template_id=template_id)
    await service.delete_template(session, template=template)
    return Response(status_code=204)
