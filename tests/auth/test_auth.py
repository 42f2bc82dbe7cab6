from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from jose import jwt
from pydantic import ValidationError

from conftest import SECRET, Database
from helpers import login
from motcua.core.config import Settings
from motcua.core.security import InvalidToken, create_access_token, decode_access_token
from motcua.core.time import travel_to


async def test_anonymous_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/auth/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"


async def test_login_and_me(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/auth/token", data={"username": "Admin", "password": "demo1234"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    me = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "admin"
    assert me.json()["roles"] == ["admin"]
    assert me.json()["center"]["unit_code"] == "000.00.25.H42"


async def test_access_token_claims(client: httpx.AsyncClient, database: Database) -> None:
    response = await client.post("/api/auth/token", data={"username": "tiepnhan1", "password": "demo1234"})
    claims = jwt.get_unverified_claims(response.json()["access_token"])
    assert set(claims) == {"sub", "unit", "roles", "iat", "exp", "iss", "aud", "jti"}
    assert claims["roles"] == ["receptionist"]
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert jwt.get_unverified_header(response.json()["access_token"])["alg"] == "HS256"


async def test_unknown_user_and_wrong_password_look_the_same(client: httpx.AsyncClient) -> None:
    wrong = await client.post("/api/auth/token", data={"username": "admin", "password": "nope-nope"})
    unknown = await client.post("/api/auth/token", data={"username": "nobody", "password": "nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


async def test_five_failures_for_a_username_throttle_it(client: httpx.AsyncClient) -> None:
    for _ in range(5):
        r = await client.post("/api/auth/token", data={"username": "tiepnhan2", "password": "wrong-pass"})
        assert r.status_code == 401
    # Even the right password is refused while throttled, with a Retry-After of at most 15 minutes.
    r = await client.post("/api/auth/token", data={"username": "tiepnhan2", "password": "demo1234"})
    assert r.status_code == 429
    assert 1 <= int(r.headers["retry-after"]) <= 15 * 60 + 1
    # Other accounts are not affected.
    await login(client, "tiepnhan1")


async def test_twenty_failures_from_one_address_throttle_it(client: httpx.AsyncClient) -> None:
    for i in range(20):
        r = await client.post("/api/auth/token", data={"username": f"ghost{i}", "password": "wrong-pass"})
        assert r.status_code == 401
    r = await client.post("/api/auth/token", data={"username": "admin", "password": "demo1234"})
    assert r.status_code == 429


async def test_refresh_rotates_and_reuse_revokes_the_family(client: httpx.AsyncClient) -> None:
    first = (await client.post("/api/auth/token", data={"username": "admin", "password": "demo1234"})).json()
    second = await client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    # The used token is dead; presenting it again revokes the whole family, including the new one.
    reuse = await client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    after = await client.post("/api/auth/refresh", json={"refresh_token": second.json()["refresh_token"]})
    assert after.status_code == 401


async def test_logout_revokes_the_refresh_token(client: httpx.AsyncClient) -> None:
    tokens = (await client.post("/api/auth/token", data={"username": "admin", "password": "demo1234"})).json()
    assert (
        await client.post("/api/auth/logout", json={"refresh_token": tokens["refresh_token"]})
    ).status_code == 204
    r = await client.post("/api/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 401


async def test_disabled_account_loses_access_and_refresh(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    tokens = (
        await client.post("/api/auth/token", data={"username": "tuphap2", "password": "demo1234"})
    ).json()
    staff = (await client.get("/api/staff", params={"q": "tuphap2"}, headers=admin_headers)).json()["items"][
        0
    ]
    r = await client.patch(f"/api/staff/{staff['id']}", json={"is_active": False}, headers=admin_headers)
    assert r.status_code == 200
    me = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 401
    r = await client.post("/api/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 401
    r = await client.post("/api/auth/token", data={"username": "tuphap2", "password": "demo1234"})
    assert r.status_code == 401


def _claims(**override: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": "1",
        "unit": 1,
        "roles": ["admin"],
        "iat": now,
        "exp": now + 600,
        "iss": "motcua",
        "aud": "motcua-staff",
        "jti": "x",
    }
    claims.update(override)
    return claims


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(
            lambda: _b64(b'{"alg":"none","typ":"JWT"}') + "." + _b64(b'{"sub":"1","unit":1}') + ".",
            id="alg-none",
        ),
        pytest.param(lambda: jwt.encode(_claims(), SECRET, algorithm="HS512"), id="other-algorithm"),
        pytest.param(
            lambda: jwt.encode(_claims(), "another-secret-" + "y" * 30, algorithm="HS256"), id="bad-signature"
        ),
        pytest.param(
            lambda: jwt.encode(_claims(exp=int(time.time()) - 5), SECRET, algorithm="HS256"), id="expired"
        ),
        pytest.param(
            lambda: jwt.encode(_claims(aud="someone-else"), SECRET, algorithm="HS256"), id="audience"
        ),
        pytest.param(lambda: jwt.encode(_claims(iss="evil"), SECRET, algorithm="HS256"), id="issuer"),
        pytest.param(lambda: "not-a-token", id="garbage"),
    ],
)
async def test_bad_tokens_are_refused(client: httpx.AsyncClient, make_token: object) -> None:
    token = make_token()  # type: ignore[operator]
    r = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


async def test_change_password(client: httpx.AsyncClient) -> None:
    headers = await login(client, "tuphap1")
    r = await client.post(
        "/api/auth/password",
        json={"current_password": "wrong-one", "new_password": "a-new-pass-1"},
        headers=headers,
    )
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "body.current_password"
    r = await client.post(
        "/api/auth/password", json={"current_password": "demo1234", "new_password": "short"}, headers=headers
    )
    assert r.status_code == 422
    r = await client.post(
        "/api/auth/password",
        json={"current_password": "demo1234", "new_password": "a-new-pass-1"},
        headers=headers,
    )
    assert r.status_code == 204
    old = await client.post("/api/auth/token", data={"username": "tuphap1", "password": "demo1234"})
    assert old.status_code == 401
    await login(client, "tuphap1", "a-new-pass-1")


async def test_login_input_is_validated(client: httpx.AsyncClient) -> None:
    r = await client.post("/api/auth/token", data={"username": "a" * 65, "password": "x"})
    assert r.status_code == 422
    assert any(f["field"] == "body.username" for f in r.json()["fields"])
    r = await client.post("/api/auth/token", data={"password": "x"})
    assert r.status_code == 422


def test_default_secret_refused_outside_development() -> None:
    with pytest.raises(ValidationError):
        Settings(environment="production")
    with pytest.raises(ValidationError):
        Settings(environment="production", secret_key="too-short")
    assert Settings(environment="development").environment == "development"


def test_token_roundtrip_and_expiry() -> None:
    settings = Settings(secret_key=SECRET, environment="test")
    token, lifetime = create_access_token(settings, staff_id=7, unit_id=3, roles=["leader"])
    claims = decode_access_token(settings, token)
    assert (claims.staff_id, claims.unit_id, claims.roles) == (7, 3, ("leader",))
    assert claims.expires_at - datetime.now(UTC) <= timedelta(seconds=lifetime)


def test_a_remembered_token_still_expires() -> None:
    # Each worker remembers the tokens it verified; it still checks their expiry on every use.
    settings = Settings(secret_key=SECRET, environment="test", access_token_minutes=1)
    issued = datetime.now(UTC) - timedelta(seconds=57)
    token, _lifetime = create_access_token(settings, staff_id=7, unit_id=3, roles=["leader"], now=issued)
    assert decode_access_token(settings, token).staff_id == 7
    with travel_to(issued + timedelta(minutes=1, seconds=1)), pytest.raises(InvalidToken):
        decode_access_token(settings, token)


def test_a_remembered_token_is_verified_again_under_another_key() -> None:
    settings = Settings(secret_key=SECRET, environment="test")
    token, _lifetime = create_access_token(settings, staff_id=7, unit_id=3, roles=["leader"])
    assert decode_access_token(settings, token).staff_id == 7
    with pytest.raises(InvalidToken):
        decode_access_token(Settings(secret_key="another-" + SECRET, environment="test"), token)
    with pytest.raises(InvalidToken):
        decode_access_token(Settings(secret_key=SECRET, environment="test", jwt_audience="elsewhere"), token)
