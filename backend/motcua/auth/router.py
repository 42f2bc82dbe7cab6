"""HTTP endpoints of login, token refresh, logout and one's own account (`/api/auth`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import JSONResponse

from motcua.auth import service
from motcua.auth.dependencies import CurrentStaff
from motcua.auth.schemas import LoginForm, PasswordChange, RefreshRequest, TokenPair
from motcua.core.db import SessionDep
from motcua.core.errors import InvalidInput, TooManyRequests, Unauthorized, error_response, responses
from motcua.core.web import SettingsDep, client_ip
from motcua.staff import service as staff_service
from motcua.staff.schemas import StaffRead

router = APIRouter(prefix="/api/auth", tags=["auth"])


def _unauthorized(message: str) -> JSONResponse:
    return error_response(Unauthorized(message))


@router.post("/token", response_model=TokenPair, responses=responses(Unauthorized, TooManyRequests))
async def login(
    request: Request,
    form: Annotated[LoginForm, Form()],
    session: SessionDep,
    settings: SettingsDep,
) -> TokenPair | JSONResponse:
    """Log in with username and password (OAuth2 password form)."""
    outcome = await service.login(
        session, settings, username=form.username, password=form.password, ip=client_ip(request)
    )
    # The failed attempt must be committed to count towards throttling, so it is answered, not raised.
    return outcome.tokens or _unauthorized("Wrong username or password")


@router.post("/refresh", response_model=TokenPair, responses=responses(Unauthorized))
async def refresh(
    body: RefreshRequest, session: SessionDep, settings: SettingsDep
) -> TokenPair | JSONResponse:
    """Exchange a refresh token for a new pair; the old refresh token stops working."""
    tokens = await service.refresh(session, settings, token=body.refresh_token)
    return tokens or _unauthorized("Invalid or expired refresh token")


@router.post("/logout", status_code=204)
async def logout(body: RefreshRequest, session: SessionDep) -> Response:
    """Revoke a refresh token (and every token rotated from the same login)."""
    await service.logout(session, token=body.refresh_token)
    return Response(status_code=204)


@router.get("/me", response_model=StaffRead, responses=responses(Unauthorized))
async def me(principal: CurrentStaff, session: SessionDep) -> StaffRead:
    """The logged-in staff member."""
    return await staff_service.read(session, staff=principal.staff)


@router.post("/password", status_code=204, responses=responses(Unauthorized, InvalidInput))
async def change_password(body: PasswordChange, principal: CurrentStaff, session: SessionDep) -> Response:
    """Change one's own password; every refresh token of the account is revoked."""
    await service.change_password(
        session, staff=principal.staff, current=body.current_password, new=body.new_password
    )
    return Response(status_code=204)
