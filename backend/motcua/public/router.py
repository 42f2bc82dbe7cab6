"""Public endpoints (no login): procedure search and pages, QR codes, sectors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from motcua.core.config import Settings
from motcua.core.db import ReadSessionDep
from motcua.core.errors import NotFound, TooManyRequests, responses
from motcua.core.pagination import PageDep
from motcua.core.qr import qr_png, qr_svg
from motcua.core.schemas import ID_MAX
from motcua.core.web import SettingsDep, client_ip
from motcua.procedures import service as procedures_service
from motcua.procedures.catalog_cache import CatalogCache, Snapshot
from motcua.procedures.schemas import CODE_PATTERN, ProcedurePage, ProcedurePublic, SectorPublic
from motcua.public import service
from motcua.public.schemas import PublicDossier

router = APIRouter(prefix="/api/public", tags=["public"])

Code = Annotated[
    str, Path(pattern=CODE_PATTERN, max_length=40, description="Procedure code, e.g. `1.001193`.")
]
# Catalog pages change rarely; a short shared cache spares the server a burst of scans at the counter.
CACHE = {"Cache-Control": "public, max-age=60"}


async def _catalog(request: Request, settings: SettingsDep) -> tuple[int, Snapshot]:
    """The public province (resolved once per worker) and its current in-memory catalog. A database session
    is opened only when the catalog must be checked, not on every request."""
    cache: CatalogCache = request.app.state.catalog
    province_id: int | None = getattr(request.app.state, "public_province_id", None)
    if province_id is not None:
        fresh = cache.fresh(province_id)
        if fresh is not None:
            return province_id, fresh
    async with request.app.state.read_sessionmaker() as session:
        if province_id is None:
            province_id = await procedures_service.public_province_id(session, settings)
            request.app.state.public_province_id = province_id
        return province_id, await cache.snapshot(session, province_id=province_id)


Catalog = Annotated[tuple[int, Snapshot], Depends(_catalog)]


def _json(body: bytes, *, cache: bool = True) -> Response:
    return Response(content=body, media_type="application/json", headers=CACHE if cache else None)


@router.get(
    "/procedures",
    response_model=ProcedurePage,
    responses={200: {"model": ProcedurePage, "description": "A page of matching procedures."}},
)
async def search_procedures(
    catalog: Catalog,
    page: PageDep,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Code or words of the name; accents and order don't matter."),
    ] = None,
    sector: Annotated[int | None, Query(ge=1, le=ID_MAX, description="Only this sector.")] = None,
) -> Response:
    """Search the published catalog: exact code first, then the best name matches."""
    _province_id, snapshot = catalog
    body = snapshot.search(q=(q or "").strip(), sector_id=sector, page=page.page, size=page.size)
    return _json(body, cache=False)


@router.get(
    "/procedures/{code}",
    response_model=ProcedurePublic,
    responses={**responses(NotFound), 200: {"model": ProcedurePublic, "description": "The procedure."}},
)
async def get_procedure(code: Code, catalog: Catalog, request: Request, settings: SettingsDep) -> Response:
    """Everything a citizen needs to prepare the dossier: documents, fees, time, steps, legal basis."""
    cache: CatalogCache = request.app.state.catalog
    return _json(cache.detail(catalog[1], code=code, base_url=settings.public_base))


def _qr_target(code: str, catalog: tuple[int, Snapshot], settings: SettingsDep) -> str:
    if code not in catalog[1].entries:
        raise NotFound("Procedure not found")
    return procedures_service.public_url(settings, code)


@router.get(
    "/procedures/{code}/qr.svg",
    response_class=Response,
    responses={
        **responses(NotFound),
        200: {"content": {"image/svg+xml": {}}, "description": "QR code (SVG)."},
    },
)
async def procedure_qr_svg(code: Code, catalog: Catalog, settings: SettingsDep) -> Response:
    """QR code of the procedure's public page, as SVG (for printing)."""
    return Response(
        content=qr_svg(_qr_target(code, catalog, settings)), media_type="image/svg+xml", headers=CACHE
    )


@router.get(
    "/procedures/{code}/qr.png",
    response_class=Response,
    responses={**responses(NotFound), 200: {"content": {"image/png": {}}, "description": "QR code (PNG)."}},
)
async def procedure_qr_png(code: Code, catalog: Catalog, settings: SettingsDep) -> Response:
    """QR code of the procedure's public page, as PNG."""
    return Response(
        content=qr_png(_qr_target(code, catalog, settings)), media_type="image/png", headers=CACHE
    )


@router.get("/sectors", response_model=list[SectorPublic])
async def list_sectors(session: ReadSessionDep, settings: SettingsDep) -> list[SectorPublic]:
    """Sectors with published procedures, the busiest first."""
    province_id = await procedures_service.public_province_id(session, settings)
    return await procedures_service.public_sectors(session, province_id=province_id)


TOKEN_PATTERN = r"^[A-Za-z0-9_-]{20,64}$"  # noqa: S105 - a pattern, not a secret


async def _track(request: Request, **lookup: str) -> Response:
    settings: Settings = request.app.state.settings
    found = await service.track(
        request.app.state.read_sessionmaker,
        client=client_ip(request),
        limit=settings.public_lookups_per_minute,
        **lookup,
    )
    # Serialized here, once: FastAPI would validate the model a second time.
    return _json(found.model_dump_json().encode(), cache=False)


@router.get(
    "/dossiers/{token}",
    response_model=PublicDossier,
    responses=responses(NotFound, TooManyRequests),
)
async def track_by_token(
    token: Annotated[str, Path(pattern=TOKEN_PATTERN, description="The token of the receipt's QR code.")],
    request: Request,
) -> Response:
    """Track a dossier from the QR code of its receipt: status in plain words, never personal data."""
    return await _track(request, token=token)


@router.get("/dossiers", response_model=PublicDossier, responses=responses(NotFound, TooManyRequests))
async def track_by_code(
    request: Request,
    code: Annotated[str, Query(max_length=40, description="The full dossier code printed on the receipt.")],
    phone_last4: Annotated[
        str, Query(pattern=r"^\d{4}$", description="Last 4 digits of the applicant's phone.")
    ],
) -> Response:
    """Track a dossier by its full code and the last 4 digits of the phone given at the counter."""
    return await _track(request, code=code.strip(), phone_last4=phone_last4)
