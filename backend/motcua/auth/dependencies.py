"""Who is calling: `CurrentStaff` and role-checked aliases used by every staff endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.core.db import SessionDep
from motcua.core.errors import Forbidden, Unauthorized
from motcua.core.schemas import PersonRef
from motcua.core.security import AccessClaims, InvalidToken, decode_access_token
from motcua.staff.models import Staff, StaffRole

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


@dataclass(frozen=True)
class Principal:
    staff: Staff
    roles: frozenset[str]

    @property
    def id(self) -> int:
        return self.staff.id

    @property
    def unit_id(self) -> int:
        return self.staff.unit_id

    @property
    def ref(self) -> PersonRef:
        return PersonRef(id=self.staff.id, full_name=self.staff.full_name)

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


async def current_claims(
    request: Request, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> AccessClaims:
    """The verified claims of the access token, without a database round trip. Only for the busiest
    endpoints, which check the account (active, same unit, role) inside their own single statement and
    answer 401/403 through `principal_for` when that check fails; every other endpoint uses `CurrentStaff`."""
    if not token:
        raise Unauthorized()
    # The settings read here rather than through `SettingsDep`: every staff request comes this way, and each
    # dependency FastAPI resolves costs more than the reading.
    try:
        return decode_access_token(request.app.state.settings, token)
    except InvalidToken as exc:
        raise Unauthorized("Invalid or expired token") from exc


TokenClaims = Annotated[AccessClaims, Depends(current_claims)]


async def principal_for(session: AsyncSession, claims: AccessClaims) -> Principal:
    """The account behind verified claims: 401 when it is disabled or was moved to another unit."""
    # One round trip: the account and its roles (one row per role).
    rows = (
        await session.execute(
            select(Staff, StaffRole.role)
            .outerjoin(StaffRole, StaffRole.staff_id == Staff.id)
            .where(Staff.id == claims.staff_id)
        )
    ).all()
    staff = rows[0][0] if rows else None
    # A disabled account, or one moved to another unit, loses its access tokens at once.
    if staff is None or not staff.is_active or staff.unit_id != claims.unit_id:
        raise Unauthorized("Invalid or expired token")
    return Principal(staff=staff, roles=frozenset(role for _staff, role in rows if role is not None))


async def current_staff(session: SessionDep, claims: TokenClaims) -> Principal:
    return await principal_for(session, claims)


CurrentStaff = Annotated[Principal, Depends(current_staff)]


def check_roles(principal: Principal, *roles: str) -> Principal:
    if not principal.has(*roles):
        raise Forbidden(f"This action needs one of the roles: {', '.join(roles)}")
    return principal


def require_roles(*roles: str) -> object:
    async def checker(principal: CurrentStaff) -> Principal:
        return check_roles(principal, *roles)

    return Depends(checker)


AdminStaff = Annotated[Principal, require_roles("admin")]
LeaderStaff = Annotated[Principal, require_roles("leader", "admin")]
# Dossier work is for leaders, not administrators (separation of duties, see dossiers/workflow.py).
LeaderOnly = Annotated[Principal, require_roles("leader")]
