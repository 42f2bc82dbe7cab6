"""HTTP endpoints of dossiers (`/api/dossiers`): intake, list, view, QR codes, actions, steps, hand-overs."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.assignment.schemas import CandidateList
from motcua.auth.dependencies import CurrentStaff, LeaderOnly, TokenClaims
from motcua.core.db import SessionDep
from motcua.core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionRequired,
    Unauthorized,
    responses,
)
from motcua.core.pagination import PageDep
from motcua.core.qr import qr_png, qr_svg
from motcua.core.schemas import ID_MAX, IdPath
from motcua.core.time import utcnow
from motcua.core.web import SettingsDep
from motcua.dossiers import handover, intake, printing, reading, transitions, workflow
from motcua.dossiers.schemas import (
    ActionIn,
    AssignIn,
    DossierCreate,
    DossierPage,
    DossierRead,
    EventRead,
    ReleaseIn,
    StepChain,
)
from motcua.procedures.schemas import CODE_PATTERN

router = APIRouter(prefix="/api/dossiers", tags=["dossiers"], responses=responses(Unauthorized, Forbidden))

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=100,
        pattern=r"^[A-Za-z0-9._:-]+$",
        description="Retry-safe key: the same key and body return the same dossier.",
    ),
]


@router.post(
    "",
    response_model=DossierRead,
    status_code=201,
    responses={
        **responses(Conflict, InvalidInput),
        200: {"model": DossierRead, "description": "Already created"},
    },
)
async def receive_dossier(
    body: DossierCreate,
    claims: TokenClaims,
    request: Request,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Receive a dossier at the counter: code, appointment and public token in one call."""
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    received = await intake.receive(
        maker,
        settings,
        actor_id=claims.staff_id,
        unit_id=claims.unit_id,
        roles=frozenset(claims.roles),
        data=body,
        idempotency_key=idempotency_key,
    )
    # Serialized once: FastAPI would validate the returned model again.
    return Response(
        received.dossier.model_dump_json(),
        status_code=201 if received.created else 200,
        media_type="application/json",
    )


@router.get("", response_model=DossierPage)
async def list_dossiers(
    principal: CurrentStaff,
    session: SessionDep,
    page: PageDep,
    status: Annotated[list[int], Query(max_length=10, description="Status codes (1–10).")] = [],  # noqa: B006
    procedure: Annotated[
        str | None, Query(pattern=CODE_PATTERN, max_length=40, description="Procedure code.")
    ] = None,
    sector: Annotated[int | None, Query(ge=1, le=ID_MAX, description="Sector id.")] = None,
    received_from: Annotated[date | None, Query(description="Received on or after this date.")] = None,
    received_to: Annotated[date | None, Query(description="Received on or before this date.")] = None,
    overdue: Annotated[bool | None, Query(description="Only overdue (true) or not overdue (false).")] = None,
    due_soon: Annotated[
        bool | None, Query(description="Only due soon: within 24 hours or one working day.")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Code, or applicant's name (accents optional).")
    ] = None,
) -> DossierPage:
    """Dossiers of the caller's center, open ones by due time first."""
    if any(not 1 <= s <= 10 for s in status):
        raise InvalidInput("Status codes are 1–10", field="query.status")
    return await reading.search(
        session,
        unit_id=principal.unit_id,
        page=page,
        status=status,
        procedure=procedure,
        sector_id=sector,
        received_from=received_from,
        received_to=received_to,
        overdue=overdue,
        due_soon=due_soon,
        q=q,
    )


@router.get("/{dossier_id}", response_model=DossierRead, responses=responses(NotFound))
async def get_dossier(
    dossier_id: IdPath, principal: CurrentStaff, session: SessionDep, settings: SettingsDep
) -> DossierRead:
    """A dossier with the actions the caller may take now."""
    dossier = await reading.get(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    return await reading.read(session, settings, dossier=dossier, roles=principal.roles)


Form = Annotated[
    Literal["01", "02", "03", "04", "05", "06"], Query(description="The printed form the code goes on.")
]


async def _form_qr_url(
    dossier_id: IdPath, principal: CurrentStaff, session: SessionDep, settings: SettingsDep, form: Form = "01"
) -> str:
    """What the QR code at the top left of a printed form encodes: it opens the public tracking page."""
    dossier = await reading.get(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    return printing.document_qr_url(settings, dossier, form=form, issued_at=utcnow())


FormQrUrl = Annotated[str, Depends(_form_qr_url)]
NO_STORE = {"Cache-Control": "no-store"}


@router.get(
    "/{dossier_id}/qr.svg",
    response_class=Response,
    responses={
        **responses(NotFound),
        200: {"content": {"image/svg+xml": {}}, "description": "QR code (SVG)."},
    },
)
async def document_qr(url: FormQrUrl) -> Response:
    """The QR code for the top left of a printed form, as SVG."""
    return Response(content=qr_svg(url), media_type="image/svg+xml", headers=NO_STORE)


@router.get(
    "/{dossier_id}/qr.png",
    response_class=Response,
    responses={**responses(NotFound), 200: {"content": {"image/png": {}}, "description": "QR code (PNG)."}},
)
async def document_qr_png(url: FormQrUrl) -> Response:
    """The same QR code as PNG."""
    return Response(content=qr_png(url), media_type="image/png", headers=NO_STORE)


@router.get("/{dossier_id}/events", response_model=list[EventRead], responses=responses(NotFound))
async def get_events(dossier_id: IdPath, principal: CurrentStaff, session: SessionDep) -> list[EventRead]:
    """The append-only history of a dossier."""
    dossier = await reading.get(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    return await reading.history(session, dossier=dossier)


@router.post(
    "/{dossier_id}/actions/{action}",
    response_model=DossierRead,
    responses=responses(NotFound, Conflict, InvalidInput, PreconditionRequired),
)
async def act(
    dossier_id: IdPath,
    action: Annotated[workflow.DossierAction, Path(description="Action name, e.g. `forward`.")],
    body: ActionIn,
    principal: CurrentStaff,
    session: SessionDep,
    settings: SettingsDep,
    if_match: Annotated[
        str | None,
        Header(alias="If-Match", max_length=20, description="The dossier's `version` you last read."),
    ] = None,
) -> DossierRead:
    """Move a dossier on (forward, request_supplement, approve, mark_done, return_result, …)."""
    if if_match is None:
        raise PreconditionRequired("Send the dossier's version in If-Match")
    try:
        expected = int(if_match.strip().strip('"').removeprefix("W/").strip('"'))
    except ValueError as exc:
        raise InvalidInput("If-Match must be the dossier's version number", field="header.If-Match") from exc
    dossier = await transitions.get_for_update(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    await transitions.transition(
        session,
        dossier=dossier,
        action=action,
        actor_id=principal.id,
        roles=principal.roles,
        expected_version=expected,
        payload=body,
    )
    return await reading.read(session, settings, dossier=dossier, roles=principal.roles)


# ------------------------------------------------------------------------------------------- the steps


@router.get("/{dossier_id}/steps", response_model=StepChain, responses=responses(NotFound))
async def get_steps(dossier_id: IdPath, principal: CurrentStaff, session: SessionDep) -> StepChain:
    """The dossier's steps with who, when, budget and early/on time/late (form 06), and the steps ahead."""
    dossier = await reading.get(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    return await reading.chain(session, dossier=dossier)


@router.get("/{dossier_id}/candidates", response_model=CandidateList, responses=responses(NotFound, Conflict))
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
    dossier = await reading.get(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    return await handover.candidates_for(session, dossier=dossier, which=step)


@router.post(
    "/{dossier_id}/assign", response_model=StepChain, responses=responses(NotFound, Conflict, InvalidInput)
)
async def assign(dossier_id: IdPath, body: AssignIn, principal: LeaderOnly, session: SessionDep) -> StepChain:
    """A leader gives the current step to a named officer (qualified, present, of this center)."""
    dossier = await transitions.get_for_update(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    await handover.assign(
        session, dossier=dossier, actor_id=principal.id, staff_id=body.staff_id, reason=body.reason
    )
    return await reading.chain(session, dossier=dossier)


@router.post("/{dossier_id}/claim", response_model=StepChain, responses=responses(NotFound, Conflict))
async def claim(dossier_id: IdPath, principal: CurrentStaff, session: SessionDep) -> StepChain:
    """Take the current step from the pool."""
    dossier = await transitions.get_for_update(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    await handover.claim(session, dossier=dossier, actor_id=principal.id)
    return await reading.chain(session, dossier=dossier)


@router.post(
    "/{dossier_id}/release", response_model=StepChain, responses=responses(NotFound, Conflict, InvalidInput)
)
async def release(
    dossier_id: IdPath, body: ReleaseIn, principal: CurrentStaff, session: SessionDep
) -> StepChain:
    """Give the current step back to the pool (its holder, or a leader)."""
    dossier = await transitions.get_for_update(session, unit_id=principal.unit_id, dossier_id=dossier_id)
    await handover.release(
        session, dossier=dossier, actor_id=principal.id, is_leader=principal.has("leader"), reason=body.reason
    )
    return await reading.chain(session, dossier=dossier)
