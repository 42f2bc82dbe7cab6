from __future__ import annotations

import httpx

from helpers import login


def _content(sector_id: int, **change: object) -> dict[str, object]:
    body: dict[str, object] = {
        "name_vi": "Thủ tục thử nghiệm cấp giấy xác nhận",
        "name_en": "Test certificate",
        "sector_id": sector_id,
        "level": "Cấp xã",
        "channels": ["in_person"],
        "processing_times": [
            {"channel": "in_person", "amount": 2.5, "unit": "working_days", "text": "2,5 ngày làm việc"}
        ],
        "fees": [{"description": "Lệ phí", "amount_vnd": 10000, "note": None}],
        "documents": [{"name": "Tờ khai", "originals": 1, "copies": 0, "mandatory": True}],
        "steps": ["Nộp hồ sơ", "Nhận kết quả"],
        "results": [{"name": "Giấy xác nhận"}],
        "legal_basis": [{"code": "123/2015/NĐ-CP"}],
    }
    body.update(change)
    return body


async def test_create_edit_publish_cycle(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    sector = (await client.get("/api/sectors", headers=admin_headers)).json()[0]
    r = await client.post(
        "/api/procedures", json={"code": "9.000001", **_content(sector["id"])}, headers=admin_headers
    )
    assert r.status_code == 201, r.text
    assert r.json()["is_published"] is False
    assert [v["version"] for v in r.json()["versions"]] == [1]
    # Not public until published.
    assert (await client.get("/api/public/procedures/9.000001")).status_code == 404

    r = await client.put(
        "/api/procedures/9.000001",
        json=_content(sector["id"], name_vi="Thủ tục thử nghiệm mới"),
        headers=admin_headers,
    )
    assert r.status_code == 200
    assert r.json()["version"] == 2
    assert [v["version"] for v in r.json()["versions"]] == [2, 1]
    assert r.json()["versions"][0]["created_by"] == "Quản trị hệ thống"
    # Saving the same content again does not make a version.
    r = await client.put(
        "/api/procedures/9.000001",
        json=_content(sector["id"], name_vi="Thủ tục thử nghiệm mới"),
        headers=admin_headers,
    )
    assert r.json()["version"] == 2

    assert (await client.post("/api/procedures/9.000001/publish", headers=admin_headers)).json()[
        "is_published"
    ]
    public = (await client.get("/api/public/procedures/9.000001")).json()
    assert public["name_vi"] == "Thủ tục thử nghiệm mới"
    assert public["processing_times"][0]["amount"] == 2.5
    found = (await client.get("/api/public/procedures", params={"q": "thu nghiem moi"})).json()
    assert found["items"][0]["code"] == "9.000001"

    await client.post("/api/procedures/9.000001/unpublish", headers=admin_headers)
    assert (await client.get("/api/public/procedures/9.000001")).status_code == 404
    unpublished = (
        await client.get("/api/procedures", params={"published": "false"}, headers=admin_headers)
    ).json()
    assert [i["code"] for i in unpublished["items"]] == ["9.000001"]


async def test_procedure_write_validation(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    sector = (await client.get("/api/sectors", headers=admin_headers)).json()[0]
    dup = await client.post(
        "/api/procedures", json={"code": "1.001193", **_content(sector["id"])}, headers=admin_headers
    )
    assert dup.status_code == 409
    cases = [
        ({"code": "1001193"}, "body.code"),
        ({"sector_id": 999999}, "body.sector_id"),
        ({"channels": ["fax"]}, "body.channels.0"),
        (
            {"processing_times": [{"channel": "in_person", "amount": 1, "unit": "fortnights"}]},
            "body.processing_times.0.unit",
        ),
        (
            {"documents": [{"name": "X", "originals": -1, "copies": 0, "mandatory": True}]},
            "body.documents.0.originals",
        ),
        ({"name_vi": "x" * 2001}, "body.name_vi"),
    ]
    for change, field in cases:
        body = {"code": "9.000002", **_content(sector["id"])}
        body.update(change)
        r = await client.post("/api/procedures", json=body, headers=admin_headers)
        assert r.status_code == 422, (change, r.text)
        assert field in [f["field"] for f in r.json()["fields"]], (change, r.json())


async def test_staff_roles_on_the_catalog(client: httpx.AsyncClient) -> None:
    headers = await login(client, "tiepnhan1")
    listing = await client.get("/api/procedures", params={"q": "khai sinh"}, headers=headers)
    assert listing.status_code == 200
    assert listing.json()["total"] > 0
    assert (await client.post("/api/procedures/1.001193/unpublish", headers=headers)).status_code == 403
    assert (
        await client.post("/api/sectors", json={"name_vi": "Lĩnh vực mới"}, headers=headers)
    ).status_code == 403
    detail = await client.get("/api/procedures/1.001193", headers=headers)
    assert detail.status_code == 200
    assert detail.json()["versions"][0]["version"] == 1
