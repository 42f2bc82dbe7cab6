"""The procedure catalog: search, read, versioned edits, publication, sectors and imports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.core.config import Settings
from motcua.core.db import bind_cache
from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.core.pagination import PageParams
from motcua.procedures import catalog_cache, text
from motcua.procedures.models import Procedure, ProcedureVersion, Sector, in_force
from motcua.procedures.schemas import (
    ProcedureAdmin,
    ProcedureAdminPage,
    ProcedureAdminSummary,
    SectorCreate,
    SectorPublic,
    SectorRead,
    SectorRef,
    SectorUpdate,
    VersionInfo,
)
from motcua.units.models import AdminArea

# ----------------------------------------------------------------------------------------------- sectors


async def has_catalog(session: AsyncSession, *, province_id: int) -> bool:
    """Whether the province holds any procedure (a new deployment starts with none)."""
    return (
        await session.scalar(select(Procedure.id).where(Procedure.province_id == province_id).limit(1))
        is not None
    )


async def existing_sector_ids(session: AsyncSession, *, province_id: int, ids: Iterable[int]) -> set[int]:
    rows = await session.scalars(
        select(Sector.id).where(Sector.province_id == province_id, Sector.id.in_(list(ids)))
    )
    return set(rows.all())


async def ids_by_code(session: AsyncSession, *, province_id: int, codes: Iterable[str]) -> dict[str, int]:
    rows = await session.execute(
        select(Procedure.code, Procedure.id).where(
            Procedure.province_id == province_id, Procedure.code.in_(list(codes))
        )
    )
    return dict(rows.all())


async def codes_by_id(session: AsyncSession, *, ids: Iterable[int]) -> dict[int, str]:
    rows = await session.execute(select(Procedure.id, Procedure.code).where(Procedure.id.in_(list(ids))))
    return dict(rows.all())


def revision_sql(province: str) -> str:
    """The province's catalog revision as a scalar expression in SQL (`province`: the expression giving its
    id), for a statement that checks what a worker keeps by revision (`version_in_force(revision=...)`)."""
    return f"coalesce((SELECT r.revision FROM catalog_revisions r WHERE r.province_id = {province}), 0)"


async def procedure_name(session: AsyncSession, *, procedure_id: int) -> tuple[str, str] | None:
    """(code, Vietnamese name) of a procedure, by id."""
    row = (
        await session.execute(select(Procedure.code, Procedure.name_vi).where(Procedure.id == procedure_id))
    ).first()
    return (row[0], row[1]) if row else None


async def sector_name(session: AsyncSession, *, sector_id: int) -> str | None:
    name: str | None = await session.scalar(select(Sector.name_vi).where(Sector.id == sector_id))
    return name


async def list_sectors(session: AsyncSession, *, province_id: int) -> list[SectorRead]:
    rows = (
        await session.scalars(select(Sector).where(Sector.province_id == province_id).order_by(Sector.id))
    ).all()
    return [SectorRead.model_validate(r) for r in rows]


async def public_sectors(session: AsyncSession, *, province_id: int) -> list[SectorPublic]:
    count = func.count(Procedure.id)
    stmt = (
        select(Sector.id, Sector.name_vi, Sector.name_en, count)
        .join(Procedure, Procedure.sector_id == Sector.id)
        .where(Sector.province_id == province_id, Procedure.is_published.is_(True))
        .group_by(Sector.id, Sector.name_vi, Sector.name_en)
        .order_by(count.desc(), Sector.id)
    )
    return [
        SectorPublic(id=i, name_vi=vi, name_en=en, procedure_count=n)
        for i, vi, en, n in await session.execute(stmt)
    ]


async def get_sector(session: AsyncSession, *, province_id: int, sector_id: int) -> Sector:
    sector = await session.scalar(
        select(Sector).where(Sector.id == sector_id, Sector.province_id == province_id)
    )
    if sector is None:
        raise NotFound("Sector not found")
    return sector


async def create_sector(session: AsyncSession, *, province_id: int, data: SectorCreate) -> Sector:
    if await _sector_by_name(session, province_id=province_id, name_vi=data.name_vi) is not None:
        raise Conflict("A sector with this name already exists")
    sector = Sector(province_id=province_id, name_vi=data.name_vi, name_en=data.name_en, code=data.code)
    session.add(sector)
    await session.flush()
    await catalog_cache.bump(session, province_id=province_id)
    return sector


async def update_sector(session: AsyncSession, *, sector: Sector, data: SectorUpdate) -> Sector:
    fields = data.model_dump(exclude_unset=True)
    if (
        fields.get("name_vi")
        and fields["name_vi"] != sector.name_vi
        and (
            await _sector_by_name(session, province_id=sector.province_id, name_vi=fields["name_vi"])
            is not None
        )
    ):
        raise Conflict("A sector with this name already exists")
    for name, value in fields.items():
        if name == "name_vi" and value is None:
            raise InvalidInput("name_vi cannot be null", field="body.name_vi")
        setattr(sector, name, value)
    await session.flush()
    await catalog_cache.bump(session, province_id=sector.province_id)
    return sector


async def _sector_by_name(session: AsyncSession, *, province_id: int, name_vi: str) -> Sector | None:
    return await session.scalar(
        select(Sector).where(Sector.province_id == province_id, Sector.name_vi == name_vi)
    )


# ------------------------------------------------------------------------------------------------ reading


async def public_province_id(session: AsyncSession, settings: Settings) -> int:
    """The province whose catalog the public pages show: the configured one, else the only one."""
    stmt = select(AdminArea.id).where(AdminArea.level == "province")
    if settings.public_province_code:
        stmt = stmt.where(AdminArea.code == settings.public_province_code)
    ids = (await session.scalars(stmt.order_by(AdminArea.id).limit(2))).all()
    if not ids:
        raise NotFound("No catalog is published yet")
    return ids[0]


def public_url(settings: Settings, code: str) -> str:
    return f"{settings.public_base}/p/{code}"


def _summary_fields(code: str, data: dict[str, Any], sector: SectorRef) -> dict[str, Any]:
    return {
        "code": code,
        "name_vi": data["name_vi"],
        "name_en": data.get("name_en"),
        "sector": sector,
        "processing_times": data.get("processing_times", []),
        "fees": data.get("fees", []),
    }


def _public_fields(settings: Settings, code: str, version: int, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": version,
        "level": data.get("level"),
        "agency": data.get("agency"),
        "channels": data.get("channels", []),
        "documents": data.get("documents", []),
        "steps": data.get("steps", []),
        "conditions": data.get("conditions", []),
        "results": data.get("results", []),
        "legal_basis": data.get("legal_basis", []),
        "target_users": data.get("target_users", []),
        "public_url": public_url(settings, code),
    }


@dataclass(frozen=True)
class _Hit:
    id: int
    code: str
    score: float
    sort_key: str


async def _search_ids(
    session: AsyncSession,
    *,
    province_id: int,
    q: str | None,
    sector_id: int | None,
    published: bool | None,
) -> list[int]:
    """Ids of the matching procedures in rank order. The database narrows the candidates with one LIKE per
    folded token (ASCII only, so both databases agree); the ranking is done here, identically everywhere."""
    stmt = select(Procedure.id, Procedure.code, Procedure.name_vi, Procedure.name_en).where(
        Procedure.province_id == province_id
    )
    if published is not None:
        stmt = stmt.where(Procedure.is_published.is_(published))
    if sector_id is not None:
        stmt = stmt.where(Procedure.sector_id == sector_id)
    query = (q or "").strip()
    for token in text.tokens(query):
        stmt = stmt.where(Procedure.search_text.like(f"%{token}%"))
    hits: list[_Hit] = []
    for pid, code, name_vi, name_en in await session.execute(stmt):
        if query:
            score = text.rank(query, code=code, name_vi=name_vi, name_en=name_en)
            if score is None:
                continue
        else:
            score = 0.0
        hits.append(_Hit(id=pid, code=code, score=score, sort_key=text.fold(name_vi)))
    hits.sort(key=lambda h: (-h.score, h.sort_key, h.code))
    return [h.id for h in hits]


async def _summaries(
    session: AsyncSession, ids: Sequence[int]
) -> dict[int, tuple[Procedure, ProcedureVersion, Sector]]:
    if not ids:
        return {}
    rows = await session.execute(
        select(Procedure, ProcedureVersion, Sector)
        .join(ProcedureVersion, in_force())
        .join(Sector, Sector.id == Procedure.sector_id)
        .where(Procedure.id.in_(list(ids)))
    )
    return {p.id: (p, v, s) for p, v, s in rows}


def _sector_ref(sector: Sector) -> SectorRef:
    return SectorRef(id=sector.id, name_vi=sector.name_vi, name_en=sector.name_en)


async def search_admin(
    session: AsyncSession,
    *,
    province_id: int,
    q: str | None,
    sector_id: int | None,
    published: bool | None,
    page: PageParams,
) -> ProcedureAdminPage:
    ids = await _search_ids(session, province_id=province_id, q=q, sector_id=sector_id, published=published)
    window = ids[page.offset : page.offset + page.size]
    found = await _summaries(session, window)
    items = []
    for p, v, s in (found[i] for i in window):
        fields = _summary_fields(p.code, v.data, _sector_ref(s))
        fields.update(version=p.current_version, is_published=p.is_published, updated_at=p.updated_at)
        items.append(ProcedureAdminSummary.model_validate(fields))
    return ProcedureAdminPage(items=items, total=len(ids), page=page.page, size=page.size)


@dataclass(frozen=True)
class PinnedProcedure:
    id: int
    code: str
    sector_id: int


@dataclass(frozen=True)
class PinnedVersion:
    id: int
    number: int  # the version's number (`ProcedureVersion.version`)
    data: dict[str, Any]  # shared by the requests of this worker (see `version_in_force`): read only


# Procedures whose version in force a worker keeps (the commune's everyday ones are a few dozen).
PINNED_CACHE_SIZE = 512


async def version_in_force(
    session: AsyncSession,
    *,
    province_id: int,
    code: str,
    revision: int | None = None,
    published_only: bool = True,
) -> tuple[PinnedProcedure, PinnedVersion] | None:
    """The published procedure (or any, with `published_only=False`: what a template would apply to) and its
    version in force, which a new dossier pins. With `revision` (the
    province's catalog revision, which every catalog change bumps, read by the caller before this), the
    answer is kept by this worker under that revision and reused while the revision stays the same: no
    query, and no decoding of the version's content, for the intakes of the same procedure."""
    cache = bind_cache(session, "version_in_force") if revision is not None and published_only else None
    if cache is not None:
        entry = cache.get((province_id, code))
        if entry is not None and entry[0] == revision:
            pinned: tuple[PinnedProcedure, PinnedVersion] | None = entry[1]
            return pinned
    row = (
        await session.execute(
            select(
                Procedure.id,
                Procedure.sector_id,
                ProcedureVersion.id,
                ProcedureVersion.version,
                ProcedureVersion.data,
            )
            .join(ProcedureVersion, in_force())
            .where(
                Procedure.province_id == province_id,
                Procedure.code == code,
                Procedure.is_published.is_(True) if published_only else true(),
            )
        )
    ).first()
    pinned = None
    if row is not None:
        procedure_id, sector_id, version_id, number, data = row
        pinned = (PinnedProcedure(procedure_id, code, sector_id), PinnedVersion(version_id, number, data))
    if cache is not None:
        if len(cache) >= PINNED_CACHE_SIZE:
            cache.clear()  # rare (a few hundred distinct procedures received since the last catalog change)
        cache[(province_id, code)] = (revision, pinned)
    return pinned


@dataclass(frozen=True)
class InForce:
    code: str
    name_vi: str
    data: dict[str, Any]


async def published_in_force(
    session: AsyncSession, *, procedure_id: int | None = None, sector_id: int | None = None
) -> list[InForce]:
    """The version in force of one published procedure, or of every published one of a sector, by code."""
    stmt = (
        select(Procedure.code, Procedure.name_vi, ProcedureVersion.data)
        .join(ProcedureVersion, in_force())
        .where(Procedure.is_published.is_(True))
    )
    if procedure_id is not None:
        stmt = stmt.where(Procedure.id == procedure_id)
    if sector_id is not None:
        stmt = stmt.where(Procedure.sector_id == sector_id)
    return [
        InForce(code, name, data) for code, name, data in await session.execute(stmt.order_by(Procedure.code))
    ]


async def checklist_of_version(session: AsyncSession, *, version_id: int) -> list[dict[str, Any]]:
    """The documents a pinned version of a procedure asks for (what a dossier is checked against)."""
    data = await session.scalar(select(ProcedureVersion.data).where(ProcedureVersion.id == version_id))
    return list((data or {}).get("documents") or [])


async def version_number(session: AsyncSession, *, version_id: int) -> tuple[int, list[dict[str, Any]]]:
    """A pinned version's number and its checklist (the staff view of a dossier shows both)."""
    row = (
        await session.execute(
            select(ProcedureVersion.version, ProcedureVersion.data).where(ProcedureVersion.id == version_id)
        )
    ).one()
    return row[0], list(row[1].get("documents") or [])


async def get_procedure(session: AsyncSession, *, province_id: int, code: str) -> Procedure:
    proc = await session.scalar(
        select(Procedure).where(Procedure.province_id == province_id, Procedure.code == code)
    )
    if proc is None:
        raise NotFound("Procedure not found")
    return proc


async def read_admin(session: AsyncSession, settings: Settings, *, procedure: Procedure) -> ProcedureAdmin:
    versions = (
        await session.scalars(
            select(ProcedureVersion)
            .where(ProcedureVersion.procedure_id == procedure.id)
            .order_by(ProcedureVersion.version.desc())
        )
    ).all()
    current = next(v for v in versions if v.version == procedure.current_version)
    sector = await session.get(Sector, procedure.sector_id)
    assert sector is not None
    fields = _summary_fields(procedure.code, current.data, _sector_ref(sector))
    fields.update(_public_fields(settings, procedure.code, procedure.current_version, current.data))
    fields["is_published"] = procedure.is_published
    fields["versions"] = [
        VersionInfo(version=v.version, created_at=v.created_at, created_by=v.created_by_name)
        for v in versions
    ]
    return ProcedureAdmin.model_validate(fields)
