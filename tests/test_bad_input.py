"""Cross-cutting bad input: never a 500, always the single error shape with the field named."""

from __future__ import annotations

import httpx
import pytest


async def test_body_that_is_not_json_is_a_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    r = await client.post(
        "/api/departments", content=b"\xff\xfe{", headers=admin_headers | {"Content-Type": "application/json"}
    )
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"].startswith("body")


@pytest.mark.parametrize(
    "path", ["/api/staff/99999999999999999999", "/api/staff/0", "/api/staff/-1", "/api/staff/abc"]
)
async def test_out_of_range_ids_are_a_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str], path: str
) -> None:
    r = await client.get(path, headers=admin_headers)
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "path.staff_id"


async def test_huge_ids_in_bodies_are_a_422(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    r = await client.post(
        "/api/procedures",
        json={"code": "9.000009", "name_vi": "Thủ tục", "sector_id": 10**30},
        headers=admin_headers,
    )
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "body.sector_id"


@pytest.mark.parametrize("bad", ["12:41:58Z", "07:00+07:00", "7h", "24:00", "07:00:30", ""])
async def test_working_hours_are_local_hh_mm(
    client: httpx.AsyncClient, admin_headers: dict[str, str], bad: str
) -> None:
    body = {"working_hours": [{"weekday": 0, "start": bad, "end": "11:30"}]}
    r = await client.put("/api/calendar/working-hours", json=body, headers=admin_headers)
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "body.working_hours.0.start"


async def test_non_nfc_text_is_stored_as_nfc(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    nfd = "Phòng Tư pháp".encode().decode()  # composed
    decomposed = "Pho\u0300ng Tu\u031b pha\u0301p"
    r = await client.post("/api/departments", json={"name": decomposed}, headers=admin_headers)
    assert r.status_code == 201
    assert r.json()["name"] == nfd


@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-07:00", "0001-01-01T00:00:00"]
)
async def test_extreme_datetimes_are_a_422_not_a_500(client: httpx.AsyncClient, moment: str) -> None:
    from helpers import login

    leader = await login(client, "lanhdao")
    body = {"kind": "leave", "starts_at": moment, "ends_at": moment.replace("0001-01-01T00", "0001-01-02T00")}
    r = await client.post("/api/absences", json=body, headers=leader)
    assert r.status_code == 422, r.text
    r = await client.get("/api/absences", params={"starts_before": moment}, headers=leader)
    assert r.status_code in (200, 422), r.text


async def test_the_nul_character_is_a_422_wherever_it_comes(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    # PostgreSQL text cannot hold it: found by schemathesis as a 500 at the login form.
    r = await client.post("/api/auth/token", data={"username": "ad\x00min", "password": "demo1234"})
    assert (r.status_code, r.json()["fields"][0]["field"]) == (422, "body.username")
    r = await client.post("/api/departments", json={"name": "Phòng\x00"}, headers=admin_headers)
    assert (r.status_code, r.json()["fields"][0]["field"]) == (422, "body.name")
    r = await client.get("/api/public/procedures", params={"q": "khai\x00sinh"})
    assert (r.status_code, r.json()["fields"][0]["field"]) == (422, "query")
    r = await client.get("/api/public/dossiers", params={"code": "A\x00", "phone_last4": "1234"})
    assert r.status_code == 422
