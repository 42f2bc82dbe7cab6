from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from helpers import login, new_staff, new_unit

NEW = {
    "username": "vanthu",
    "full_name": "Nguyễn Văn Thư",
    "email": "thu@example.vn",
    "phone": "0912345678",
    "password": "secret-pass-1",
    "roles": ["receptionist", "specialist", "receptionist"],
    "sector_ids": [],
}


async def test_staff_admin_needs_admin_role(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/staff")).status_code == 401
    headers = await login(client, "tiepnhan1")
    r = await client.get("/api/staff", headers=headers)
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"
    assert (await client.post("/api/staff", json=NEW, headers=headers)).status_code == 403


async def test_create_edit_disable_reset(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    sectors = (await client.get("/api/sectors", headers=admin_headers)).json()
    departments = (await client.get("/api/departments", headers=admin_headers)).json()
    body = NEW | {
        "sector_ids": [sectors[0]["id"]],
        "department_id": departments[0]["id"],
        "full_name": "Nguye\u0302\u0303n Văn Thư",
    }
    r = await client.post("/api/staff", json=body, headers=admin_headers)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["roles"] == ["receptionist", "specialist"]
    assert created["full_name"] == "Nguyễn Văn Thư"  # NFD input stored as NFC
    assert created["sector_ids"] == [sectors[0]["id"]]

    again = await client.post("/api/staff", json=NEW, headers=admin_headers)
    assert again.status_code == 409

    r = await client.patch(
        f"/api/staff/{created['id']}", json={"roles": ["leader"], "phone": None}, headers=admin_headers
    )
    assert r.status_code == 200
    assert r.json()["roles"] == ["leader"]
    assert r.json()["phone"] is None

    r = await client.post(
        f"/api/staff/{created['id']}/password", json={"new_password": "another-pass-2"}, headers=admin_headers
    )
    assert r.status_code == 204
    await login(client, "vanthu", "another-pass-2")

    r = await client.patch(f"/api/staff/{created['id']}", json={"is_active": False}, headers=admin_headers)
    assert r.json()["is_active"] is False
    denied = await client.post("/api/auth/token", data={"username": "vanthu", "password": "another-pass-2"})
    assert denied.status_code == 401


async def test_bad_input_names_the_field(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    cases = [
        ({"username": "A B"}, "body.username"),
        ({"phone": "12345"}, "body.phone"),
        ({"email": "not-an-email"}, "body.email"),
        ({"roles": ["mayor"]}, "body.roles.0"),
        ({"roles": []}, "body.roles"),
        ({"password": "short"}, "body.password"),
        ({"full_name": "x" * 201}, "body.full_name"),
        ({"sector_ids": [999999]}, "body.sector_ids"),
        ({"department_id": 999999}, "body.department_id"),
        ({"unexpected": 1}, "body.unexpected"),
    ]
    for change, field in cases:
        r = await client.post("/api/staff", json=NEW | change, headers=admin_headers)
        assert r.status_code == 422, (change, r.text)
        assert field in [f["field"] for f in r.json()["fields"]], (change, r.json())
    listing = await client.get("/api/staff", params={"size": 101}, headers=admin_headers)
    assert listing.status_code == 422
    assert listing.json()["fields"][0]["field"] == "query.size"


async def test_admin_cannot_lock_themselves_out(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    me = (await client.get("/api/auth/me", headers=admin_headers)).json()
    r = await client.patch(f"/api/staff/{me['id']}", json={"is_active": False}, headers=admin_headers)
    assert r.status_code == 409
    r = await client.patch(f"/api/staff/{me['id']}", json={"roles": ["leader"]}, headers=admin_headers)
    assert r.status_code == 409


async def test_another_units_staff_is_invisible(
    client: httpx.AsyncClient, session: AsyncSession, admin_headers: dict[str, str]
) -> None:
    other = await new_unit(session, commune="Xã Khác", name="Trung tâm khác", unit_code="000.00.25.H99")
    stranger = await new_staff(
        session,
        unit_id=other.id,
        username="stranger",
        full_name="Người Lạ",
        password="pass-1234",
        role="admin",
    )
    await session.commit()

    assert (await client.get(f"/api/staff/{stranger.id}", headers=admin_headers)).status_code == 404
    r = await client.patch(f"/api/staff/{stranger.id}", json={"full_name": "Đổi Tên"}, headers=admin_headers)
    assert r.status_code == 404
    names = [
        s["username"]
        for s in (await client.get("/api/staff", params={"size": 100}, headers=admin_headers)).json()["items"]
    ]
    assert "stranger" not in names
    assert "admin" in names
    # And the other way round: the stranger admin sees none of the demo center's staff or calendar entries.
    other_headers = await login(client, "stranger", "pass-1234")
    listing = (await client.get("/api/staff", headers=other_headers)).json()
    assert [s["username"] for s in listing["items"]] == ["stranger"]
    demo_day = (await client.get("/api/calendar/days", headers=admin_headers)).json()[0]
    r = await client.patch(f"/api/calendar/days/{demo_day['id']}", json={"name": "x"}, headers=other_headers)
    assert r.status_code == 404
    assert (await client.get("/api/calendar/days", headers=other_headers)).json() == []
