"""Login, token rotation and revocation, throttling of failed logins."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.auth.models import LoginAttempt, RefreshToken
from motcua.auth.schemas import TokenPair
from motcua.core.config import Settings
from motcua.core.errors import InvalidInput, TooManyRequests
from motcua.core.security import (
    create_access_token,
    hash_password,
    hash_refresh_token,
    new_refresh_token,
    verify_password,
)
from motcua.core.time import utcnow
from motcua.staff.models import Staff, StaffRole


@dataclass(frozen=True)
class LoginOutcome:
    tokens: TokenPair | None


async def _check_throttle(session: AsyncSession, settings: Settings, *, username: str, ip: str) -> None:
    now = utcnow()
    since = now - timedelta(seconds=settings.login_window_seconds)
    checks = (
        (LoginAttempt.username == username, settings.login_max_failures_per_user),
        (LoginAttempt.ip == ip, settings.login_max_failures_per_ip),
    )
    for condition, limit in checks:
        count, oldest = (
            await session.execute(
                select(func.count(), func.min(LoginAttempt.attempted_at)).where(
                    condition, LoginAttempt.attempted_at >= since, LoginAttempt.succeeded.is_(False)
                )
            )
        ).one()
        if count >= limit:
            retry_after = int(
                (oldest + timedelta(seconds=settings.login_window_seconds) - now).total_seconds()
            )
            raise TooManyRequests("Too many failed logins; try again later", retry_after=retry_after + 1)


async def _roles(session: AsyncSession, staff_id: int) -> list[str]:
    rows = await session.scalars(select(StaffRole.role).where(StaffRole.staff_id == staff_id))
    return sorted(rows.all())


async def _issue(
    session: AsyncSession, settings: Settings, *, staff: Staff, family: str | None = None
) -> TokenPair:
    access, lifetime = create_access_token(
        settings, staff_id=staff.id, unit_id=staff.unit_id, roles=await _roles(session, staff.id)
    )
    refresh, digest = new_refresh_token()
    session.add(
        RefreshToken(
            staff_id=staff.id,
            token_hash=digest,
            family=family or uuid.uuid4().hex,
            expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        )
    )
    await session.flush()
    return TokenPair(access_token=access, refresh_token=refresh, expires_in=lifetime)


async def login(
    session: AsyncSession, settings: Settings, *, username: str, password: str, ip: str
) -> LoginOutcome:
    """Check the credentials. A failure is recorded (and must be committed), so it is returned, not raised."""
    username = username.strip().lower()[:64]
    await _check_throttle(session, settings, username=username, ip=ip)
    staff = await session.scalar(select(Staff).where(Staff.username == username))
    # Always one argon2 verification, so an unknown username costs the same time as a wrong password.
    ok = verify_password(staff.password_hash if staff else None, password)
    if staff is None or not ok or not staff.is_active:
        session.add(LoginAttempt(username=username, ip=ip, succeeded=False))
        return LoginOutcome(tokens=None)
    session.add(LoginAttempt(username=username, ip=ip, succeeded=True))
    return LoginOutcome(tokens=await _issue(session, settings, staff=staff))


async def refresh(session: AsyncSession, settings: Settings, *, token: str) -> TokenPair | None:
    """Rotate a refresh token. Reusing a rotated token revokes its whole family (it was probably stolen)."""
    now = utcnow()
    row = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(token))
    )
    if row is None:
        return None
    if row.revoked_at is not None:
        await revoke_family(session, family=row.family, now=now)
        return None
    staff = await session.scalar(select(Staff).where(Staff.id == row.staff_id))
    if (
        row.expires_at <= now
        or staff is None
        or not staff.is_active
        # Issued before the account was disabled or its password set: those sessions are over.
        or (staff.credentials_changed_at is not None and row.created_at <= staff.credentials_changed_at)
    ):
        row.revoked_at = now
        return None
    # Guard against two parallel refreshes with the same token: only one UPDATE matches.
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == row.id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return await _issue(session, settings, staff=staff, family=row.family)


async def revoke_family(session: AsyncSession, *, family: str, now: datetime | None = None) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )


async def logout(session: AsyncSession, *, token: str) -> None:
    row = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(token))
    )
    if row is not None:
        await revoke_family(session, family=row.family)


async def change_password(session: AsyncSession, *, staff: Staff, current: str, new: str) -> None:
    if not verify_password(staff.password_hash, current):
        raise InvalidInput("The current password is wrong", field="body.current_password")
    if new == current:
        raise InvalidInput("The new password must differ from the current one", field="body.new_password")
    staff.password_hash = hash_password(new)
    staff.credentials_changed_at = utcnow()  # every refresh token issued before stops working (`refresh`)
