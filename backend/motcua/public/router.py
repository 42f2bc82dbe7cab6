"""Public endpoints (no login): procedure search and pages, QR codes, sectors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from motcua.auth.dependencies import SettingsDep
from motcua.auth.router import client_ip
from motcua.core.db import SessionDep
from motcua.core.errors import NotFound, TooManyRequests, error_response, responses
from motcua.core.pagination import PageDep
from motcua.core.qr import qr_png, qr_svg
from motcua.core.schemas import ID_MAX
from motcua.dossiers import service as dossiers_service
from motcua.dossiers.schemas import PublicDossier
from motcua.procedures import service as procedures_service
from motcua.procedures.schemas import CODE_PATTERN, ProcedurePage, ProcedurePublic, SectorPublic

router = APIRouter(prefix="/api/public", tags=["public"])

Code = Annotated[
    str, Path(pattern=CODE_PATTERN, max_length=40, description="Procedure code, e.g. `1.001193`.")
]
# Catalog pages change rarely; a short shared cache spares the server a burst of scans at the counter.
CACHE = {"Cache-Control": "public, max-age=60"}


@router.get("/procedures", response_model=ProcedurePage)
async def search_procedures(
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Code or words of the name; accents and order don't matter."),
    ] = None,
    sector: Annotated[int | None, Query(ge=1, le=ID_MAX, description="Only this sector.")] = None,
) -> ProcedurePage:
    """Search the published catalog: exact code first, then the best name matches."""
    province_id = await procedures_service.public_province_id(session, settings)
    return await procedures_service.search_public(
        session, province_id=province_id, q=q, sector_id=sector, page=page
    )


@router.get(
    "/procedures/{code}",
    response_model=ProcedurePublic,
    responses={**responses(NotFound), 200: {"model": ProcedurePublic, "description": "The procedure."}},
)
async def get_procedure(code: Code, session: SessionDep, settings: SettingsDep) -> Response:
    """Everything a citizen needs to prepare the dossier: documents, fees, time, steps, legal basis."""
    province_id = await procedures_service.public_province_id(session, settings)
    body = await procedures_service.public_detail_json(session, settings, province_id=province_id, code=code)
    return Response(content=body, media_type="application/json", headers=CACHE)


async def _qr_target(code: str, session: SessionDep, settings: SettingsDep) -> str:
    province_id = await procedures_service.public_province_id(session, settings)
    if not await procedures_service.is_published_code(session, province_id=province_id, code=code):
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
async def procedure_qr_svg(code: Code, session: SessionDep, settings: SettingsDep) -> Response:
    """QR code of the procedure's public page, as SVG (for printing)."""
    target = await _qr_target(code, session, settings)
    return Response(content=qr_svg(target), media_type="image/svg+xml", headers=CACHE)


@router.get(
    "/procedures/{code}/qr.png",
    response_class=Response,
    responses={**responses(NotFound), 200: {"content": {"image/png": {}}, "description": "QR code (PNG)."}},
)
async def procedure_qr_png(code: Code, session: SessionDep, settings: SettingsDep) -> Response:
    """QR code of the procedure's public page, as PNG."""
    target = await _qr_target(code, session, settings)
    return Response(content=qr_png(target), media_type="image/png", headers=CACHE)


@router.get("/sectors", response_model=list[SectorPublic])
async def list_sectors(session: SessionDep, settings: SettingsDep) -> list[SectorPublic]:
    """Sectors with published procedures, the busiest first."""
    province_id = await procedures_service.public_province_id(session, settings)
    return await procedures_service.public_sectors(session, province_id=province_id)


TOKEN_PATTERN = r"^[A-Za-z0-9_-]{20,64}$"  # noqa: S105 - a pattern, not a secret


@router.get(
    "/dossiers/{token}",
    response_model=PublicDossier,
    responses=responses(NotFound, TooManyRequests),
)
async def track_by_token(
    token: Annotated[str, Path(pattern=TOKEN_PATTERN, description="The token of the receipt's QR code.")],
    request: Request,
    session: SessionDep,
) -> PublicDossier | JSONResponse:
    """Track a dossier from the QR code of its receipt: status in plain words, never personal data."""
    await dossiers_service.throttle_public(session, client=client_ip(request))
    try:
        dossier_id = await dossiers_service.find_public(session, token=token)
    except NotFound as exc:  # answered, not raised: the lookup must still count towards the limit
        return error_response(exc)
    return await dossiers_service.public_view(session, dossier_id=dossier_id)


@router.get("/dossiers", response_model=PublicDossier, responses=responses(NotFound, TooManyRequests))
async def track_by_code(
    request: Request,
    session: SessionDep,
    code: Annotated[str, Query(max_length=40, description="The full dossier code printed on the receipt.")],
    phone_last4: Annotated[
        str, Query(pattern=r"^\d{4}$", description="Last 4 digits of the applicant's phone.")
    ],
) -> PublicDossier | JSONResponse:
    """Track a dossier by its full code and the last 4 digits of the phone given at the counter."""
    await dossiers_service.throttle_public(session, client=client_ip(request))
    try:
        dossier_id = await dossiers_service.find_public(session, code=code.strip(), phone_last4=phone_last4)
    except NotFound as exc:  # answered, not raised: the lookup must still count towards the limit
        return error_response(exc)
    return await dossiers_service.public_view(session, dossier_id=dossier_id)
