from __future__ import annotations

import httpx

from helpers import login


async def test_current_unit_shows_the_merger(client: httpx.AsyncClient) -> None:
    headers = await login(client, "tiepnhan1")
    r = await client.get("/api/units/current", headers=headers)
    assert r.status_code == 200
    unit = r.json()
    assert unit["unit_code"] == "000.00.25.H42"
    assert unit["commune"]["name"] == "Xã Vĩnh Hưng"
    assert unit["province"]["name"] == "Tỉnh Phú Thọ"
    assert sorted(f["name"] for f in unit["former_units"]) == ["Xã Nghĩa Hưng", "Xã Yên Lập", "Xã Đại Đồng"]
    assert {f["merged_on"] for f in unit["former_units"]} == {"2025-07-01"}


async def test_only_admin_edits_the_unit_code(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    receptionist = await login(client, "tiepnhan1")
    r = await client.patch("/api/units/current", json={"unit_code": "000.00.25.H43"}, headers=receptionist)
    assert r.status_code == 403
    bad = await client.patch("/api/units/current", json={"unit_code": "H43"}, headers=admin_headers)
    assert bad.status_code == 422
    assert bad.json()["fields"][0]["field"] == "body.unit_code"
    r = await client.patch("/api/units/current", json={"unit_code": "000.00.25.H43"}, headers=admin_headers)
    assert r.status_code == 200
    assert r.json()["unit_code"] == "000.00.25.H43"


async def test_departments(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    names = [d["name"] for d in (await client.get("/api/departments", headers=admin_headers)).json()]
    assert "Phòng Văn hóa - Xã hội" in names
    r = await client.post(
        "/api/departments", json={"name": "Phòng Thử nghiệm", "code": "TN"}, headers=admin_headers
    )
    assert r.status_code == 201
    dep = r.json()
    r = await client.patch(f"/api/departments/{dep['id']}", json={"is_active": False}, headers=admin_headers)
    assert r.json()["is_active"] is False
    assert (
        await client.patch("/api/departments/999999", json={"name": "X Y"}, headers=admin_headers)
    ).status_code == 404
