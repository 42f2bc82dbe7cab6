"""Editing the catalog: a new procedure, an edit as a new immutable version, publication. Every change bumps the
province's catalog revision (`catalog_cache.bump`) in the same transaction, so that every worker's copy of the
published catalog and of the versions in force is read again."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.core.errors import Conflict, InvalidInput
from motcua.core.schemas import PersonRef
from motcua.core.time import utcnow
from motcua.procedures import catalog_cache, text
from motcua.procedures.models import Procedure, ProcedureVersion, in_force
from motcua.procedures.schemas import ProcedureContent, ProcedureCreate
from motcua.procedures.service import existing_sector_ids


def _author(actor: PersonRef | None) -> dict[str, Any]:
    return {
        "created_by_id": actor.id if actor else None,
        "created_by_name": actor.full_name if actor else None,
    }


def _content_data(content: ProcedureContent) -> dict[str, Any]:
    return content.model_dump(mode="json", exclude={"code"})


async def create_procedure(
    session: AsyncSession, *, province_id: int, data: ProcedureCreate, actor: PersonRef | None
) -> Procedure:
    if await session.scalar(
        select(Procedure.id).where(Procedure.province_id == province_id, Procedure.code == data.code)
    ):
        raise Conflict(f"Procedure {data.code} already exists")
    await _require_sector(session, province_id=province_id, sector_id=data.sector_id)
    proc = Procedure(
        province_id=province_id,
        code=data.code,
        sector_id=data.sector_id,
        name_vi=data.name_vi,
        name_en=data.name_en,
        search_text=text.search_text(data.code, data.name_vi, data.name_en),
        current_version=1,
        is_published=False,
    )
    session.add(proc)
    await session.flush()
    session.add(ProcedureVersion(procedure_id=proc.id, version=1, data=_content_data(data), **_author(actor)))
    await session.flush()
    return proc


async def _require_sector(session: AsyncSession, *, province_id: int, sector_id: int) -> None:
    if not await existing_sector_ids(session, province_id=province_id, ids=[sector_id]):
        raise InvalidInput("Unknown sector", field="body.sector_id")


async def save_version(
    session: AsyncSession, *, procedure: Procedure, data: ProcedureContent, actor: PersonRef | None
) -> bool:
    """Store an edit as a new immutable version (nothing is stored when the content did not change)."""
    await _require_sector(session, province_id=procedure.province_id, sector_id=data.sector_id)
    changed = await save_data(session, procedure=procedure, data=_content_data(data), actor=actor)
    if changed:
        await catalog_cache.bump(session, province_id=procedure.province_id)
    return changed


async def data_in_force(session: AsyncSession, procedure: Procedure) -> dict[str, Any] | None:
    data: dict[str, Any] | None = await session.scalar(
        select(ProcedureVersion.data).join(Procedure, in_force()).where(Procedure.id == procedure.id)
    )
    return data


async def save_data(
    session: AsyncSession, *, procedure: Procedure, data: dict[str, Any], actor: PersonRef | None
) -> bool:
    if await data_in_force(session, procedure) == data:
        return False
    # Versions are numbered from the highest stored one, so an edit never reuses a number.
    top = await session.scalar(
        select(func.max(ProcedureVersion.version)).where(ProcedureVersion.procedure_id == procedure.id)
    )
    procedure.current_version = (top or 0) + 1
    procedure.name_vi = data["name_vi"]
    procedure.name_en = data.get("name_en")
    procedure.sector_id = data["sector_id"]
    procedure.search_text = text.search_text(procedure.code, procedure.name_vi, procedure.name_en)
    procedure.updated_at = utcnow()
    session.add(
        ProcedureVersion(
            procedure_id=procedure.id, version=procedure.current_version, data=data, **_author(actor)
        )
    )
    await session.flush()
    return True


async def set_published(session: AsyncSession, *, procedure: Procedure, published: bool) -> None:
    procedure.is_published = published
    procedure.updated_at = utcnow()
    await session.flush()
    await catalog_cache.bump(session, province_id=procedure.province_id)
