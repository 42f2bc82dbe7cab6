"""Passwords and tokens. The only module that imports python-jose."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from jose import JWTError, jwt

from motcua.core.config import Settings
from motcua.core.time import utcnow

# HS256 only: the decoder is given exactly this list, so a token signed with `none` or an asymmetric
# algorithm (the algorithm-confusion attack, CVE-2024-33663) is refused.
JWT_ALGORITHM = "HS256"
_hasher = PasswordHasher()
# Verified when the username is unknown, so that both failures cost one argon2 verification.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True)
class AccessClaims:
    staff_id: int
    unit_id: int
    roles: tuple[str, ...]
    jti: str
    expires_at: datetime


def create_access_token(
    settings: Settings, *, staff_id: int, unit_id: int, roles: list[str], now: datetime | None = None
) -> tuple[str, int]:
    """Return the signed JWT and its lifetime in seconds."""
    issued = now or datetime.now(UTC)
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims = {
        "sub": str(staff_id),
        "unit": unit_id,
        "roles": roles,
        "iat": int(issued.timestamp()),
        "exp": int((issued + lifetime).timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "jti": uuid.uuid4().hex,
    }
    token = jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm=JWT_ALGORITHM)
    return token, int(lifetime.total_seconds())


class InvalidToken(Exception):
    pass


# Tokens this worker has verified, with their claims. Verifying a signature costs python-jose about a tenth
# of a millisecond, on every request of a console that sends the same token for its whole lifetime; a token
# that verified once verifies again, so only its expiry is checked again. Keyed by the key and the expected
# audience and issuer too, so that a change of any of them verifies again. Bounded: emptied when full.
_VERIFIED: dict[tuple[str, str, str, str], AccessClaims] = {}
_VERIFIED_MAX = 10_000


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    key = (settings.secret_key.get_secret_value(), settings.jwt_audience, settings.jwt_issuer, token)
    known = _VERIFIED.get(key)
    if known is not None:
        if utcnow() > known.expires_at:  # as python-jose decides it (no leeway)
            raise InvalidToken("Signature has expired.")
        return known
    claims = _decode(settings, token)
    if len(_VERIFIED) >= _VERIFIED_MAX:
        _VERIFIED.clear()
    _VERIFIED[key] = claims
    return claims


def _decode(settings: Settings, token: str) -> AccessClaims:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != JWT_ALGORITHM:
            raise InvalidToken("unexpected algorithm")
        claims = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[JWT_ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require_exp": True, "require_iat": True, "require_sub": True, "require_jti": True},
        )
        roles = claims.get("roles")
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise InvalidToken("bad roles claim")
        return AccessClaims(
            staff_id=int(claims["sub"]),
            unit_id=int(claims["unit"]),
            roles=tuple(roles),
            jti=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
        )
    except (JWTError, KeyError, ValueError, TypeError) as exc:
        raise InvalidToken(str(exc)) from exc


def new_refresh_token() -> tuple[str, str]:
    """An opaque refresh token and the SHA-256 digest stored in its place (it has 256 bits of entropy)."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_public_token() -> str:
    """An unguessable token for public links (192 bits)."""
    return secrets.token_urlsafe(24)
