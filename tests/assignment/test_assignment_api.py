"""A named officer for every step, through the HTTP API on both databases: the chain, auto-assignment,
assign/claim/release, absences, work queues, the board and templates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

import helpers
from helpers import act, login, receive
from motcua.assignment.choice import Candidate, weighted_load
from motcua.assignment.models import StaffWorkload
from motcua.procedures.models import Sector
from motcua.seed.demo import DEMO_UNIT_CODE
from motcua.staff.models import Staff
from motcua.units.models import Department, Unit

HO_TICH = {"tuphap1": "Đỗ Văn Lý", "tuphap2": "Vũ Thị Lan Anh"}


@pytest.fixture
async def counter(client: httpx.AsyncClient) -> dict[str, str]:
    return await login(client, "tiepnhan1")


@pytest.fixture
async def leader(client: httpx.AsyncClient) -> dict[str, str]:
    return await login(client, "lanhdao")


async def steps(
    client: httpx.AsyncClient, headers: dict[str, str], dossier: dict[str, Any]
) -> dict[str, Any]:
    r = await client.get(f"/api/dossiers/{dossier['id']}/steps", headers=headers)
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    return result


async def staff_id(client: httpx.AsyncClient, headers: dict[str, str], username: str) -> int:
    r = await client.get("/api/staff", params={"q": username}, headers=await login(client, "admin"))
    assert r.status_code == 200, r.text
    return int(next(s["id"] for s in r.json()["items"] if s["username"] == username))


async def reload(
    client: httpx.AsyncClient, headers: dict[str, str], dossier: dict[str, Any]
) -> dict[str, Any]:
    result: dict[str, Any] = (await client.get(f"/api/dossiers/{dossier['id']}", headers=headers)).json()
    return result


async def assert_workloads_match_the_steps(session: AsyncSession) -> None:
    unit = await session.scalar(select(Unit).where(Unit.unit_code == DEMO_UNIT_CODE))
    assert unit is not None
    await helpers.assert_workloads_match_the_steps(session, unit_id=unit.id)


async def test_anonymous_and_forbidden(client: httpx.AsyncClient, counter: dict[str, str]) -> None:
    assert (await client.get("/api/me/work")).status_code == 401
    assert (await client.get("/api/work/board", headers=counter)).status_code == 403
    admin = await login(client, "admin")
    assert (
        await client.get("/api/work/board", headers=admin)
    ).status_code == 403  # admins do not run dossiers
    d = await receive(client, counter)
    r = await client.post(
        f"/api/dossiers/{d['id']}/assign", json={"staff_id": 1, "reason": "x y"}, headers=counter
    )
    assert r.status_code == 403
    r = await client.post(
        "/api/process-templates", json={"sector_id": 1, "name": "Mẫu", "steps": []}, headers=counter
    )
    assert r.status_code in (403, 422)


async def test_intake_opens_the_reception_step_held_by_the_receptionist(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    d = await receive(client, counter)
    chain = await steps(client, counter, d)
    assert len(chain["steps"]) == 1
    first = chain["steps"][0]
    assert (first["kind"], first["name"], first["assigned_how"]) == ("reception", "Tiếp nhận", "intake")
    assert first["assignee"]["full_name"] == "Nguyễn Thị Mai"
    assert first["due_at"] is not None
    assert first["finished_at"] is None
    assert [p["name"] for p in chain["planned"]] == ["Chuyên viên xử lý", "Lãnh đạo phê duyệt", "Trả kết quả"]
    assert d["assignee"]["full_name"] == "Nguyễn Thị Mai"  # type: ignore[index]
    events = (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()
    assert events[0]["data"]["step"] == "Tiếp nhận"
    assert events[0]["data"]["plan"] == "default"


async def _load(client: httpx.AsyncClient, session: AsyncSession, username: str) -> float:
    """The load auto-assignment weighs: the officer's kept workload (open steps, marked due soon / overdue)."""
    kept = await session.scalar(
        select(StaffWorkload)
        .join(Staff, Staff.id == StaffWorkload.staff_id)
        .where(Staff.username == username)
    )
    if kept is None:
        return 0.0
    return weighted_load(
        Candidate(staff_id=0, open_steps=kept.open_steps, due_soon=kept.due_soon, overdue=kept.overdue)
    )


async def test_forward_goes_to_the_least_loaded_competent_specialist(
    client: httpx.AsyncClient, counter: dict[str, str], session: AsyncSession
) -> None:
    loads = {name: await _load(client, session, name) for name in HO_TICH}
    d = await receive(client, counter)
    d = await act(client, counter, d, "forward")
    holder = d["assignee"]["full_name"]  # type: ignore[index]
    assert holder in HO_TICH.values()  # never diachinh or vhxh: not competent for civil status
    lighter = min(sorted(loads), key=lambda n: loads[n])
    if loads["tuphap1"] != loads["tuphap2"]:
        assert holder == HO_TICH[lighter]
    chain = await steps(client, counter, d)
    assert [s["kind"] for s in chain["steps"]] == ["reception", "specialist"]
    assert chain["steps"][0]["handed_to"]["full_name"] == holder
    assert chain["steps"][1]["assigned_how"] == "auto"
    # Now the other one is lighter or equal: the next forward goes there when they were equal before.
    if loads["tuphap1"] == loads["tuphap2"]:
        d2 = await act(client, counter, await receive(client, counter), "forward")
        assert d2["assignee"]["full_name"] != holder  # type: ignore[index]


async def test_forward_to_a_named_step_or_officer(
    session: AsyncSession, client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    d = await receive(client, counter)
    r = await client.post(
        f"/api/dossiers/{d['id']}/actions/forward",
        json={"to_step": "Không có bước này"},
        headers=counter | {"If-Match": str(d["version"])},
    )
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "body.to_step"
    diachinh = await staff_id(client, counter, "diachinh")
    r = await client.post(
        f"/api/dossiers/{d['id']}/actions/forward",
        json={"assignee_id": diachinh},
        headers=counter | {"If-Match": str(d["version"])},
    )
    assert r.status_code == 409  # not competent for civil status
    assert (await reload(client, counter, d))["version"] == d["version"]  # nothing changed
    tuphap2 = await staff_id(client, counter, "tuphap2")
    d = await act(client, counter, d, "forward", {"assignee_id": tuphap2})
    assert d["assignee"]["id"] == tuphap2  # type: ignore[index]
    leader_step = await act(client, counter, d, "forward", {"to_step": "Lãnh đạo phê duyệt"})
    assert leader_step["current_step"] == "Lãnh đạo phê duyệt"
    assert leader_step["assignee"]["full_name"] in ("Trần Văn Quang", "Lê Thị Hồng Nhung")  # type: ignore[index]
    # No processing step is left: the result goes to the counter by marking it done.
    await act(client, counter, leader_step, "forward", expect=409)
    await assert_workloads_match_the_steps(session)


async def test_whole_chain_and_the_control_sheet_match_the_events(
    session: AsyncSession, client: httpx.AsyncClient, counter: dict[str, str], leader: dict[str, str]
) -> None:
    specialist = await login(client, "tuphap1")
    d = await receive(client, counter)
    d = await act(client, counter, d, "forward")
    d = await act(client, specialist, d, "forward")
    d = await act(client, leader, d, "approve")
    d = await act(client, leader, d, "mark_done", {"result_number": "12/2026", "result_date": "2026-11-28"})
    assert d["current_step"] == "Trả kết quả"
    assert d["assignee"] is not None
    d = await act(
        client,
        counter,
        d,
        "return_result",
        {"collected_by": "Nguyễn Văn An", "relation": "Bản thân", "id_checked": True},
    )
    assert d["current_step"] is None
    assert d["assignee"] is None
    chain = await steps(client, counter, d)
    rows = chain["steps"]
    assert [s["kind"] for s in rows] == ["reception", "specialist", "leader", "return"]
    assert [s["finish_action"] for s in rows] == ["forward", "forward", "mark_done", "return_result"]
    assert all(
        s["finished_at"] is not None and s["punctuality"] in ("early", "on_time", "late") for s in rows
    )
    assert chain["planned"] == []
    events = (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()
    handovers = [e for e in events if "step_finished" in e["data"]]
    assert [e["action"] for e in handovers] == ["forward", "forward", "mark_done", "return_result"]
    for row, event in zip(rows, handovers, strict=True):
        # Each row of form 06 is one hand-over event: same step, same time, same actor, same verdict.
        assert event["data"]["step_finished"]["seq"] == row["seq"]
        assert event["data"]["step_finished"]["punctuality"] == row["punctuality"]
        assert event["at"] == row["finished_at"]
        assert event["actor"]["id"] == row["finished_by"]["id"]
    for row, following, event in zip(rows, rows[1:], handovers, strict=False):
        assert row["handed_to"] == following["assignee"]
        assert event["data"]["assignee"] == following["assignee"]
    await assert_workloads_match_the_steps(session)


async def test_leader_assigns_and_a_refused_assignment_changes_nothing(
    client: httpx.AsyncClient, counter: dict[str, str], leader: dict[str, str], session: AsyncSession
) -> None:
    d = await act(client, counter, await receive(client, counter), "forward")
    holder = d["assignee"]["id"]  # type: ignore[index]
    ids = {u: await staff_id(client, counter, u) for u in ("tuphap1", "tuphap2", "diachinh", "tiepnhan2")}
    other = ids["tuphap1"] if holder == ids["tuphap2"] else ids["tuphap2"]
    url = f"/api/dossiers/{d['id']}/assign"
    before = (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()

    refused = await client.post(url, json={"staff_id": ids["diachinh"], "reason": "Thử"}, headers=leader)
    assert refused.status_code == 409
    assert refused.json()["details"] == ["Không được phân công lĩnh vực/thủ tục này"]
    refused = await client.post(url, json={"staff_id": ids["tiepnhan2"], "reason": "Thử"}, headers=leader)
    assert refused.status_code == 409
    assert refused.json()["details"] == ["Không có vai trò thực hiện bước này"]
    assert (
        await client.post(url, json={"staff_id": holder, "reason": "Thử"}, headers=leader)
    ).status_code == 409
    assert (
        await client.post(url, json={"staff_id": 2_000_000, "reason": "Thử"}, headers=leader)
    ).status_code == 404
    assert (await client.post(url, json={"staff_id": other}, headers=leader)).status_code == 422
    # Someone of another center is as unknown as a missing id.
    unit = await helpers.new_unit(
        session, commune="Xã Khác", name="Trung tâm khác", unit_code="000.00.99.Z99"
    )
    stranger = await helpers.new_staff(
        session,
        unit_id=unit.id,
        username="nguoila",
        full_name="Người Lạ",
        password="x" * 8,
        role="specialist",
    )
    await session.commit()
    assert (
        await client.post(url, json={"staff_id": stranger.id, "reason": "Thử"}, headers=leader)
    ).status_code == 404
    after = (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()
    assert after == before
    assert (await reload(client, counter, d))["assignee"]["id"] == holder

    r = await client.post(url, json={"staff_id": other, "reason": "Cân đối công việc"}, headers=leader)
    assert r.status_code == 200, r.text
    current = r.json()["steps"][-1]
    assert current["assignee"]["id"] == other
    assert current["assigned_how"] == "manual"
    last = (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()[-1]
    assert (last["action"], last["note"]) == ("assign", "Cân đối công việc")
    assert last["data"]["from"]["id"] == holder
    assert last["data"]["to"]["id"] == other
    # The dossier changed: an action with the old version is refused.
    await act(client, counter, d, "forward", expect=409)
    # The new holder is told, and sees it in their work.
    username = "tuphap1" if other == ids["tuphap1"] else "tuphap2"
    them = await login(client, username)
    notes = (await client.get("/api/me/notifications", headers=them)).json()
    assert notes["unread"] >= 1
    assert notes["items"][0]["kind"] == "assigned"
    assert notes["items"][0]["dossier_code"] == d["code"]
    work = (await client.get("/api/me/work", params={"size": 100}, headers=them)).json()
    assert d["id"] in {i["dossier_id"] for i in work["items"]} or work["total"] > 100
    r = await client.post("/api/me/notifications/read", json={"ids": None}, headers=them)
    assert r.status_code == 200
    assert r.json() == 0

    # A disabled account cannot be given work.
    admin = await login(client, "admin")
    assert (
        await client.patch(f"/api/staff/{holder}", json={"is_active": False}, headers=admin)
    ).status_code == 200
    r = await client.post(url, json={"staff_id": holder, "reason": "Thử"}, headers=leader)
    assert r.status_code == 409
    assert r.json()["details"] == ["Tài khoản đã ngừng hoạt động"]
    await assert_workloads_match_the_steps(session)


async def test_absence_moves_work_to_the_delegate_and_new_work_skips_the_absent(
    session: AsyncSession, client: httpx.AsyncClient, counter: dict[str, str], leader: dict[str, str]
) -> None:
    t1, t2 = await staff_id(client, counter, "tuphap1"), await staff_id(client, counter, "tuphap2")
    d = await act(client, counter, await receive(client, counter), "forward", {"assignee_id": t1})
    assert d["assignee"]["id"] == t1  # type: ignore[index]
    body = {
        "staff_id": t1,
        "kind": "leave",
        "starts_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
        "ends_at": (datetime.now(UTC) + timedelta(days=30)).isoformat(),
        "delegate_id": t2,
        "note": "Nghỉ phép năm",
    }
    specialist = await login(client, "tuphap2")
    assert (await client.post("/api/absences", json=body, headers=specialist)).status_code == 403
    r = await client.post("/api/absences", json=body | {"delegate_id": t1}, headers=leader)
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "body.delegate_id"
    r = await client.post(
        "/api/absences", json=body | {"ends_at": "2019-01-01T07:00:00+07:00"}, headers=leader
    )
    assert r.status_code == 422
    r = await client.post("/api/absences", json=body, headers=leader)
    assert r.status_code == 201, r.text
    assert r.json()["applied_at"] is not None
    assert r.json()["delegate"]["id"] == t2
    moved = await reload(client, counter, d)
    assert moved["assignee"]["id"] == t2
    last = (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()[-1]
    assert last["action"] == "reassign_absence"
    assert "nghỉ phép" in last["note"]
    mine = (await client.get("/api/me/work", headers=await login(client, "tuphap1"))).json()
    assert d["id"] not in {i["dossier_id"] for i in mine["items"]}
    # New work skips the absent person whatever the loads, and a leader cannot give it to them.
    for _ in range(3):
        fresh = await act(client, counter, await receive(client, counter), "forward")
        assert fresh["assignee"]["id"] == t2  # type: ignore[index]
    r = await client.post(
        f"/api/dossiers/{d['id']}/assign", json={"staff_id": t1, "reason": "Thử"}, headers=leader
    )
    assert r.status_code == 409
    assert r.json()["details"] == ["Đang vắng mặt"]
    listed = (await client.get("/api/absences", params={"staff_id": t1}, headers=leader)).json()
    assert [a["kind"] for a in listed] == ["leave"]
    assert (await client.delete(f"/api/absences/{listed[0]['id']}", headers=leader)).status_code == 204
    fresh = await act(client, counter, await receive(client, counter), "forward", {"assignee_id": t1})
    assert fresh["assignee"]["id"] == t1  # type: ignore[index]
    await assert_workloads_match_the_steps(session)


async def _vp(session: AsyncSession) -> Department:
    dep = await session.scalar(select(Department).where(Department.code == "VP"))
    assert dep is not None
    return dep


async def test_pool_department_claim_and_release(
    client: httpx.AsyncClient, counter: dict[str, str], leader: dict[str, str], session: AsyncSession
) -> None:
    admin = await login(client, "admin")
    vp = await _vp(session)
    r = await client.patch(f"/api/departments/{vp.id}", json={"assignment_mode": "pool"}, headers=admin)
    assert r.status_code == 200
    assert r.json()["assignment_mode"] == "pool"
    template = {
        "procedure_code": "1.001193",
        "name": "Đăng ký khai sinh",
        "steps": [
            {"name": "Tiếp nhận", "kind": "reception", "budget_minutes": 30},
            {
                "name": "Công chức tư pháp - hộ tịch",
                "kind": "specialist",
                "department_id": vp.id,
                "budget_minutes": 240,
            },
            {"name": "Chủ tịch UBND ký", "kind": "leader", "budget_minutes": 120},
            {"name": "Trả kết quả", "kind": "return", "budget_minutes": 90},
        ],
    }
    r = await client.post("/api/process-templates", json=template, headers=admin)
    assert r.status_code == 201, r.text
    d = await act(client, counter, await receive(client, counter), "forward")
    assert d["current_step"] == "Công chức tư pháp - hộ tịch"
    assert d["assignee"] is None
    t1, t2 = await login(client, "tuphap1"), await login(client, "tuphap2")
    pool = (await client.get("/api/work/pool", params={"size": 100}, headers=t1)).json()
    assert d["id"] in {i["dossier_id"] for i in pool["items"]}
    not_competent = (await client.get("/api/work/pool", headers=await login(client, "diachinh"))).json()
    assert d["id"] not in {i["dossier_id"] for i in not_competent["items"]}
    assert (
        await client.post(f"/api/dossiers/{d['id']}/claim", headers=await login(client, "diachinh"))
    ).status_code == 409
    r = await client.post(f"/api/dossiers/{d['id']}/claim", headers=t1)
    assert r.status_code == 200
    assert r.json()["steps"][-1]["assigned_how"] == "claim"
    assert (await client.post(f"/api/dossiers/{d['id']}/claim", headers=t2)).status_code == 409
    r = await client.post(f"/api/dossiers/{d['id']}/release", json={"reason": "Nhầm"}, headers=t2)
    assert r.status_code == 403
    r = await client.post(f"/api/dossiers/{d['id']}/release", json={"reason": "Bận họp cả ngày"}, headers=t1)
    assert r.status_code == 200
    assert r.json()["steps"][-1]["assignee"] is None
    actions = [
        e["action"] for e in (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()
    ]
    assert actions[-2:] == ["claim", "release"]
    assert (
        await client.post(f"/api/dossiers/{d['id']}/release", json={"reason": "Lại"}, headers=t1)
    ).status_code == 409
    await assert_workloads_match_the_steps(session)


async def test_templates_are_validated_and_warn_beyond_the_legal_time(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    admin = await login(client, "admin")
    sector = await session.scalar(select(Sector).where(Sector.name_vi == "Hộ tịch"))
    assert sector is not None
    plan = (
        await client.get(
            "/api/process-templates/effective", params={"procedure_code": "1.001193"}, headers=admin
        )
    ).json()
    assert plan["source"] == "default"
    assert plan["warnings"] == []
    assert plan["legal_minutes"] is not None
    assert plan["total_minutes"] == plan["legal_minutes"]
    long = {
        "sector_id": sector.id,
        "name": "Hộ tịch chung",
        "steps": [
            {"name": "Tiếp nhận", "kind": "reception", "budget_minutes": 60},
            {"name": "Xử lý", "kind": "specialist", "budget_minutes": 100 * 60},
        ],
    }
    r = await client.post("/api/process-templates", json=long, headers=admin)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["total_minutes"] == 6060
    assert created["warnings_total"] >= 1
    assert "vượt thời hạn giải quyết" in created["warnings"][0]["text_vi"]
    assert (await client.post("/api/process-templates", json=long, headers=admin)).status_code == 409
    plan = (
        await client.get(
            "/api/process-templates/effective", params={"procedure_code": "1.001193"}, headers=admin
        )
    ).json()
    assert plan["source"] == "sector"
    assert plan["template_id"] == created["id"]
    assert plan["warnings"]
    bad_dep = {
        "name": "Hộ tịch chung",
        "steps": [{"name": "A b", "kind": "reception", "department_id": 999999, "budget_minutes": 5}],
    }
    r = await client.put(f"/api/process-templates/{created['id']}", json=bad_dep, headers=admin)
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "body.steps.0.department_id"
    twice = {"name": "X y", "steps": [{"name": "A b", "kind": "reception", "budget_minutes": 5}] * 2}
    assert (
        await client.put(f"/api/process-templates/{created['id']}", json=twice, headers=admin)
    ).status_code == 422
    fits = {
        "name": "Hộ tịch gọn",
        "steps": [{"name": "Tiếp nhận", "kind": "reception", "budget_minutes": 30}],
    }
    r = await client.put(f"/api/process-templates/{created['id']}", json=fits, headers=admin)
    assert r.status_code == 200
    assert r.json()["warnings"] == []
    assert r.json()["name"] == "Hộ tịch gọn"
    assert (await client.delete(f"/api/process-templates/{created['id']}", headers=admin)).status_code == 204
    assert (await client.get(f"/api/process-templates/{created['id']}", headers=admin)).status_code == 404
    plan = (
        await client.get(
            "/api/process-templates/effective", params={"procedure_code": "1.001193"}, headers=admin
        )
    ).json()
    assert plan["source"] == "default"


async def test_my_work_is_sorted_by_step_due_with_counts(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    for _ in range(2):
        await act(client, counter, await receive(client, counter), "forward")
    for username in HO_TICH:
        headers = await login(client, username)
        work = (await client.get("/api/me/work", params={"size": 100}, headers=headers)).json()
        assert work["total"] == work["counts"]["open"] >= 0
        dues = [i["step_due_at"] for i in work["items"] if i["step_due_at"]]
        assert dues == sorted(dues)
        assert all(i["assignee"]["full_name"] == HO_TICH[username] for i in work["items"])
        late = (
            await client.get("/api/me/work", params={"overdue": True, "size": 100}, headers=headers)
        ).json()
        assert late["total"] == work["counts"]["overdue"]
        assert all(i["remaining"] is None or i["remaining"]["is_overdue"] for i in late["items"])
        soon = (
            await client.get("/api/me/work", params={"due_soon": True, "size": 100}, headers=headers)
        ).json()
        assert soon["total"] == work["counts"]["due_soon"]


async def test_board_counts_match_each_officers_work(
    client: httpx.AsyncClient, leader: dict[str, str]
) -> None:
    board = (await client.get("/api/work/board", headers=leader)).json()
    rows = {row["staff"]["full_name"]: row for row in board["staff"]}
    assert "Quản trị hệ thống" not in rows  # the admin handles no dossiers
    for username, name in HO_TICH.items():
        counts = (await client.get("/api/me/work", headers=await login(client, username))).json()["counts"]
        assert (rows[name]["open"], rows[name]["due_soon"], rows[name]["overdue"]) == (
            counts["open"],
            counts["due_soon"],
            counts["overdue"],
        )
    total_open = sum(d["open"] for d in board["departments"])
    assert total_open == sum(r["open"] for r in board["staff"]) + board["unassigned"]


async def test_candidates_directory_and_an_officers_work(
    client: httpx.AsyncClient, counter: dict[str, str], leader: dict[str, str], session: AsyncSession
) -> None:
    d = await receive(client, counter)
    ahead = (
        await client.get(f"/api/dossiers/{d['id']}/candidates", params={"step": "next"}, headers=counter)
    ).json()
    assert (ahead["step_name"], ahead["step_kind"]) == ("Chuyên viên xử lý", "specialist")
    rows = {c["staff"]["full_name"]: c for c in ahead["candidates"]}
    assert rows["Đỗ Văn Lý"]["qualified"]
    assert rows["Vũ Thị Lan Anh"]["qualified"]
    assert not rows["Bùi Quốc Khánh"]["qualified"]
    assert rows["Bùi Quốc Khánh"]["reason_vi"] == "Không được phân công lĩnh vực/thủ tục này"
    flags = [c["qualified"] for c in ahead["candidates"]]
    assert flags == sorted(flags, reverse=True)  # the qualified first
    now = (await client.get(f"/api/dossiers/{d['id']}/candidates", headers=counter)).json()
    assert now["step_kind"] == "reception"
    assert {c["staff"]["full_name"] for c in now["candidates"]} >= {"Nguyễn Thị Mai", "Phạm Minh Đức"}

    colleagues = (await client.get("/api/staff/directory", headers=counter)).json()
    assert {"Đỗ Văn Lý", "Trần Văn Quang"} <= {c["full_name"] for c in colleagues}
    assert set(colleagues[0]) == {"id", "full_name", "department_id", "roles"}  # no phone, no e-mail

    t1 = await staff_id(client, counter, "tuphap1")
    theirs = (await client.get(f"/api/work/staff/{t1}", params={"size": 100}, headers=leader)).json()
    own = (
        await client.get("/api/me/work", params={"size": 100}, headers=await login(client, "tuphap1"))
    ).json()
    assert theirs["counts"] == own["counts"]
    assert [i["step_id"] for i in theirs["items"]] == [i["step_id"] for i in own["items"]]
    assert (await client.get(f"/api/work/staff/{t1}", headers=counter)).status_code == 403
    assert (await client.get("/api/work/staff/2000000", headers=leader)).status_code == 404


async def test_the_control_sheet_keeps_who_received_at_the_hand_over(
    client: httpx.AsyncClient, counter: dict[str, str], leader: dict[str, str]
) -> None:
    t1, t2 = await staff_id(client, counter, "tuphap1"), await staff_id(client, counter, "tuphap2")
    d = await act(client, counter, await receive(client, counter), "forward", {"assignee_id": t1})
    r = await client.post(
        f"/api/dossiers/{d['id']}/assign", json={"staff_id": t2, "reason": "Cân đối"}, headers=leader
    )
    assert r.status_code == 200
    rows = r.json()["steps"]
    assert rows[0]["handed_to"]["id"] == t1  # received by tuphap1 at the hand-over…
    assert rows[1]["assignee"]["id"] == t2  # …though tuphap2 holds it now
