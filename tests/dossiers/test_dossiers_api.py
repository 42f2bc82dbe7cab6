from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from helpers import act, birth_registration, login, new_staff, new_unit, receive, within_one_minute
from motcua.calendar import due, working_time
from motcua.calendar import service as calendar_service
from motcua.core.time import LOCAL_TZ
from motcua.dossiers.models import Dossier, DossierEvent

CODE = re.compile(r"^000\.00\.25\.H42-\d{6}-\d{4}$")


@pytest.fixture
async def counter(client: httpx.AsyncClient) -> dict[str, str]:
    return await login(client, "tiepnhan1")


async def test_only_receptionists_receive(client: httpx.AsyncClient) -> None:
    assert (await client.post("/api/dossiers", json=birth_registration())).status_code == 401
    specialist = await login(client, "tuphap1")
    r = await client.post("/api/dossiers", json=birth_registration(), headers=specialist)
    assert r.status_code == 403


async def test_intake_gives_code_appointment_and_token(
    client: httpx.AsyncClient, counter: dict[str, str], session: AsyncSession
) -> None:
    d = await receive(client, counter)
    assert CODE.match(str(d["code"])), d["code"]
    assert d["status"] == {"code": 2, "label_vi": "Đã tiếp nhận", "label_en": "Received"}
    assert d["procedure_version"] == 1
    token = str(d["public_url"]).rsplit("/d/", 1)[1]
    assert len(token) >= 22  # at least 128 bits of randomness
    # The appointment is the engine's same-day rule applied to the reception time with the center's calendar.
    received = datetime.fromisoformat(str(d["received_at"]))
    calendar = await calendar_service.working_calendar(session, unit_id=1)
    expected = due.compute_due(calendar, start=received, amount=0, unit=working_time.DurationUnit.SAME_DAY)
    assert datetime.fromisoformat(str(d["due_at"])) == expected.due_at
    assert d["missing_documents"] == []
    assert "receive" not in d["allowed_actions"]
    assert {"forward", "request_supplement"} <= set(d["allowed_actions"])  # type: ignore[arg-type]
    events = (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()
    assert [(e["seq"], e["action"], e["from_status"], e["to_status"]) for e in events] == [
        (1, "receive", None, 2)
    ]


async def test_numbers_follow_each_other(client: httpx.AsyncClient, counter: dict[str, str]) -> None:
    first = await receive(client, counter)
    second = await receive(client, counter)
    n1, n2 = int(str(first["code"])[-4:]), int(str(second["code"])[-4:])
    assert n2 == n1 + 1


async def test_idempotency_key(client: httpx.AsyncClient, counter: dict[str, str]) -> None:
    headers = counter | {"Idempotency-Key": "counter-1-abcdef"}
    first = await client.post("/api/dossiers", json=birth_registration(), headers=headers)
    again = await client.post("/api/dossiers", json=birth_registration(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["code"] == again.json()["code"]
    other = await client.post("/api/dossiers", json=birth_registration(sets_count=2), headers=headers)
    assert other.status_code == 409


async def test_missing_documents_refused_with_the_list(
    client: httpx.AsyncClient, counter: dict[str, str], session: AsyncSession
) -> None:
    before = await session.scalar(select(func.count()).select_from(Dossier))
    r = await client.post(
        "/api/dossiers", json=birth_registration(documents=[{"index": 0, "originals": 1}]), headers=counter
    )
    assert r.status_code == 409
    assert len(r.json()["details"]) == 2
    assert any("Giấy chứng sinh" in d for d in r.json()["details"])
    assert await session.scalar(select(func.count()).select_from(Dossier)) == before


async def test_incomplete_dossier_can_wait_for_a_supplement_or_be_refused(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    waiting = await receive(client, counter, documents=[], if_incomplete="request_supplement")
    assert waiting["status"]["code"] == 5  # type: ignore[index]
    assert waiting["is_paused"] is True
    assert waiting["due_at"] is None
    assert len(waiting["missing_documents"]) == 3  # type: ignore[arg-type]
    # When the citizen comes back with the documents the legal time starts.
    resumed = await act(client, counter, waiting, "supplement_received")
    assert resumed["status"]["code"] == 4  # type: ignore[index]
    assert resumed["due_at"] is not None

    no_reason = await client.post(
        "/api/dossiers", json=birth_registration(documents=[], if_incomplete="refuse"), headers=counter
    )
    assert no_reason.status_code == 422
    refused = await receive(
        client, counter, documents=[], if_incomplete="refuse", reason="Thiếu giấy chứng sinh"
    )
    assert refused["status"]["code"] == 3  # type: ignore[index]
    assert refused["outcome"] == "not_received"
    assert refused["allowed_actions"] == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"applicant": {**birth_registration()["applicant"], "id_number": "12345"}},
            "body.applicant.id_number",
        ),  # type: ignore[dict-item]
        ({"applicant": {**birth_registration()["applicant"], "phone": "12ab"}}, "body.applicant.phone"),  # type: ignore[dict-item]
        ({"applicant": {**birth_registration()["applicant"], "birth_date": "2999-01-01"}}, "body.applicant"),  # type: ignore[dict-item]
        (
            {"applicant": {**birth_registration()["applicant"], "full_name": "x" * 201}},
            "body.applicant.full_name",
        ),  # type: ignore[dict-item]
        ({"procedure_code": "9.999999"}, "body.procedure_code"),
        ({"procedure_code": "abc"}, "body.procedure_code"),
        (
            {
                "documents": [
                    {"index": 0, "originals": 1},
                    {"index": 1, "originals": 1},
                    {"index": 2, "originals": 1},
                    {"index": 99, "originals": 1},
                ]
            },
            "body.documents.3.index",
        ),
        ({"documents": [{"index": 0, "originals": -1}]}, "body.documents.0.originals"),
        ({"channel": 7}, "body.channel"),
        ({"delivery": "post"}, "body"),
    ],
)
async def test_intake_bad_input(
    client: httpx.AsyncClient, counter: dict[str, str], change: dict[str, object], field: str
) -> None:
    r = await client.post("/api/dossiers", json=birth_registration(**change), headers=counter)
    assert r.status_code == 422, r.text
    assert any(f["field"].startswith(field) for f in r.json()["fields"]), r.json()


async def test_unpublished_procedure_cannot_be_received(
    client: httpx.AsyncClient, counter: dict[str, str], admin_headers: dict[str, str]
) -> None:
    await client.post("/api/procedures/1.001193/unpublish", headers=admin_headers)
    r = await client.post("/api/dossiers", json=birth_registration(), headers=counter)
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "body.procedure_code"


async def test_full_lifecycle_with_events(client: httpx.AsyncClient, counter: dict[str, str]) -> None:
    specialist = await login(client, "tuphap1")
    leader = await login(client, "lanhdao")
    d = await receive(client, counter)
    d = await act(client, counter, d, "forward", {"to_step": "Chuyên viên xử lý"})
    assert d["status"]["code"] == 4  # type: ignore[index]
    assert d["current_step"] == "Chuyên viên xử lý"
    # A specialist cannot finish before a leader approves; nothing changes.
    await act(
        client,
        specialist,
        d,
        "mark_done",
        {"result_number": "123/2026", "result_date": "2026-11-28"},
        expect=409,
    )
    await act(client, specialist, d, "approve", expect=403)
    d = await act(client, leader, d, "approve", {"decision_note": "Đồng ý"})
    d = await act(
        client, specialist, d, "mark_done", {"result_number": "123/2026", "result_date": "2026-11-28"}
    )
    assert d["status"]["code"] == 9  # type: ignore[index]
    assert d["punctuality"] in ("early", "on_time")
    await act(client, counter, d, "return_result", {"collected_by": "Nguyễn Văn An"}, expect=422)
    d = await act(
        client,
        counter,
        d,
        "return_result",
        {"collected_by": "Nguyễn Văn An", "relation": "Bản thân", "id_checked": True},
    )
    assert d["status"]["code"] == 10  # type: ignore[index]
    assert d["returned_at"] is not None
    events = (await client.get(f"/api/dossiers/{d['id']}/events", headers=counter)).json()
    assert [e["action"] for e in events] == ["receive", "forward", "approve", "mark_done", "return_result"]
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5]
    assert [e["to_status"] for e in events] == [2, 4, 4, 9, 10]
    assert events[2]["actor"]["full_name"] == "Trần Văn Quang"


async def test_if_match_is_required_and_checked(client: httpx.AsyncClient, counter: dict[str, str]) -> None:
    d = await receive(client, counter)
    url = f"/api/dossiers/{d['id']}/actions/forward"
    r = await client.post(url, json={"to_step": "Chuyên viên xử lý"}, headers=counter)
    assert r.status_code == 428
    stale = await client.post(
        url, json={"to_step": "Chuyên viên xử lý"}, headers=counter | {"If-Match": "99"}
    )
    assert stale.status_code == 409
    unknown = await client.post(
        f"/api/dossiers/{d['id']}/actions/teleport", json={}, headers=counter | {"If-Match": "1"}
    )
    assert unknown.status_code == 422
    fresh = (await client.get(f"/api/dossiers/{d['id']}", headers=counter)).json()
    assert fresh["version"] == 1
    assert fresh["status"]["code"] == 2


async def test_supplement_pause_moves_the_appointment_by_the_paused_working_time(
    session: AsyncSession,
) -> None:
    """Issue example: received Monday 2026-03-02 08:00 with 5 working days, paused Tuesday 09:00 → Thursday 09:00:
    the appointment moves from 2026-03-09 08:00 to 2026-03-11 08:00 (16 working hours)."""
    from motcua.core.config import Settings
    from motcua.core.db import joined_sessionmaker
    from motcua.dossiers import intake, transitions
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.schemas import ActionIn, DossierCreate

    tz = LOCAL_TZ
    settings = Settings(secret_key="x" * 40, environment="test")
    # 1.003003-like procedure with a 5 working-day limit: use a published one found by its time.
    from motcua.procedures.models import Procedure, ProcedureVersion, in_force

    rows = await session.execute(
        select(Procedure.code, ProcedureVersion.data)
        .join(ProcedureVersion, in_force())
        .where(Procedure.is_published.is_(True))
    )

    def fits(data: dict[str, object]) -> bool:
        times = [t for t in data["processing_times"] if t["channel"] == "in_person" and t["unit"]]  # type: ignore[attr-defined,index]
        documents = data.get("documents") or []
        mandatory = any(doc.get("mandatory") for doc in documents)  # type: ignore[attr-defined]
        return bool(times) and (times[0]["amount"], times[0]["unit"]) == (5, "working_days") and not mandatory

    code = next(c for c, data in rows if fits(data))
    body = DossierCreate.model_validate(birth_registration(procedure_code=code, documents=[]))
    received_at = datetime(2026, 3, 2, 8, 0, tzinfo=tz)
    received = await intake.receive(
        joined_sessionmaker(await session.connection()),
        settings,
        unit_id=1,
        actor_id=4,
        roles=frozenset({"receptionist"}),
        data=body,
        idempotency_key=None,
        now=received_at,
    )
    dossier = await session.get(Dossier, received.dossier.id)
    assert dossier is not None
    assert dossier.due_at == datetime(2026, 3, 9, 8, 0, tzinfo=tz)
    roles = frozenset({"receptionist"})
    await transitions.transition(
        session,
        dossier=dossier,
        action="request_supplement",
        actor_id=4,
        roles=roles,
        expected_version=1,
        payload=ActionIn(missing_documents=["Bản sao giấy tờ"], reason="Thiếu"),
        now=datetime(2026, 3, 3, 9, 0, tzinfo=tz),
    )
    assert dossier.status == 5
    await transitions.transition(
        session,
        dossier=dossier,
        action="supplement_received",
        actor_id=4,
        roles=roles,
        expected_version=2,
        payload=ActionIn(),
        now=datetime(2026, 3, 5, 9, 0, tzinfo=tz),
    )
    assert dossier.status == 4
    assert dossier.due_at == datetime(2026, 3, 11, 8, 0, tzinfo=tz)
    event = await session.scalar(
        select(DossierEvent).where(DossierEvent.dossier_id == dossier.id, DossierEvent.seq == 3)
    )
    assert event is not None
    assert event.data["paused_working_minutes"] == 16 * 60


async def test_failed_transition_changes_nothing(
    client: httpx.AsyncClient, counter: dict[str, str], session: AsyncSession
) -> None:
    d = await receive(client, counter)
    # Make the event insert fail: an event with the next sequence number is already there.
    session.add(DossierEvent(unit_id=1, dossier_id=d["id"], seq=2, action="sabotage", to_status=2, data={}))
    await session.commit()
    r = await client.post(
        f"/api/dossiers/{d['id']}/actions/forward",
        json={"to_step": "Chuyên viên xử lý"},
        headers=counter | {"If-Match": "1"},
    )
    assert r.status_code == 409
    fresh = (await client.get(f"/api/dossiers/{d['id']}", headers=counter)).json()
    assert (fresh["status"]["code"], fresh["version"], fresh["current_step"]) == (2, 1, "Tiếp nhận")


async def test_the_database_refuses_to_change_events(
    client: httpx.AsyncClient, counter: dict[str, str], session: AsyncSession
) -> None:
    d = await receive(client, counter)
    with pytest.raises(Exception, match="append-only"):
        async with session.begin_nested():
            await session.execute(
                update(DossierEvent).where(DossierEvent.dossier_id == d["id"]).values(note="x")
            )
    with pytest.raises(Exception, match="append-only"):
        async with session.begin_nested():
            await session.execute(text("DELETE FROM dossier_events WHERE dossier_id = :d"), {"d": d["id"]})


async def test_list_filters_and_search_without_accents(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    applicant = {**birth_registration()["applicant"], "full_name": "Trần Thị Bích Ngọc"}  # type: ignore[dict-item]
    d = await receive(client, counter, applicant=applicant)
    found = (await client.get("/api/dossiers", params={"q": "bich ngoc"}, headers=counter)).json()
    assert [i["code"] for i in found["items"]] == [d["code"]]
    by_code = (await client.get("/api/dossiers", params={"q": str(d["code"])[-11:]}, headers=counter)).json()
    assert d["code"] in [i["code"] for i in by_code["items"]]
    received = (
        await client.get("/api/dossiers", params={"status": [2], "size": 100}, headers=counter)
    ).json()
    assert all(i["status"]["code"] == 2 for i in received["items"])
    assert (await client.get("/api/dossiers", params={"status": [11]}, headers=counter)).status_code == 422


async def test_public_tracking_shows_no_personal_data(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    d = await receive(client, counter)
    token = str(d["public_url"]).rsplit("/d/", 1)[1]
    r = await client.get(f"/api/public/dossiers/{token}")
    assert r.status_code == 200
    body = r.json()
    assert body["applicant"] == "Nguyễn V. A."
    assert body["status"]["label_vi"] == "Đã tiếp nhận"
    assert [s["status"]["code"] for s in body["timeline"]] == [2]
    raw = r.text
    for secret in ("001203004567", "0912345678", "an@example.vn", "Thôn Đại Đồng", "Nguyễn Văn An"):
        assert secret not in raw
    by_code = await client.get("/api/public/dossiers", params={"code": d["code"], "phone_last4": "5678"})
    assert by_code.status_code == 200
    assert by_code.json() == {**body, "timeline": by_code.json()["timeline"]}
    wrong_digits = await client.get("/api/public/dossiers", params={"code": d["code"], "phone_last4": "0000"})
    partial = await client.get(
        "/api/public/dossiers", params={"code": str(d["code"])[:-1], "phone_last4": "5678"}
    )
    assert wrong_digits.status_code == partial.status_code == 404
    assert wrong_digits.json() == partial.json()
    staff_view = (await client.get(f"/api/dossiers/{d['id']}", headers=counter)).json()
    assert staff_view["lookup_count"] == 2


async def test_public_lookups_are_throttled(client: httpx.AsyncClient) -> None:
    with within_one_minute():
        for _ in range(30):
            r = await client.get("/api/public/dossiers/" + "A" * 32)
            assert r.status_code == 404
        r = await client.get("/api/public/dossiers/" + "A" * 32)
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) >= 1


async def test_another_units_dossier_is_invisible(
    client: httpx.AsyncClient, counter: dict[str, str], session: AsyncSession
) -> None:
    d = await receive(client, counter)
    await session.execute(update(Dossier).where(Dossier.id == d["id"]).values(unit_id=Dossier.unit_id))
    other = await new_unit(
        session, commune="Xã Bên Cạnh", name="Trung tâm bên cạnh", unit_code="000.00.25.H98"
    )
    await new_staff(
        session,
        unit_id=other.id,
        username="benCanh".lower(),
        full_name="Cán Bộ",
        password="pass-1234",
        role="receptionist",
    )
    await session.commit()
    headers = await login(client, "bencanh", "pass-1234")
    assert (await client.get(f"/api/dossiers/{d['id']}", headers=headers)).status_code == 404
    assert (await client.get(f"/api/dossiers/{d['id']}/events", headers=headers)).status_code == 404
    r = await client.post(
        f"/api/dossiers/{d['id']}/actions/forward", json={"to_step": "x"}, headers=headers | {"If-Match": "1"}
    )
    assert r.status_code == 404
    assert (await client.get("/api/dossiers", headers=headers)).json()["total"] == 0
    _ = datetime.now(UTC)


async def test_receipt_qr_decodes_to_the_tracking_page(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    import io
    from urllib.parse import parse_qs, urlsplit

    import zxingcpp
    from PIL import Image

    d = await receive(client, counter)
    r = await client.get(f"/api/dossiers/{d['id']}/qr.svg", params={"form": "01"}, headers=counter)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("image/svg+xml")
    png = await client.get(f"/api/dossiers/{d['id']}/qr.png", params={"form": "01"}, headers=counter)
    assert png.status_code == 200
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))[0].text
    url = urlsplit(decoded)
    assert f"{url.scheme}://{url.netloc}{url.path}" == d["public_url"]
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query["ma"] == d["code"]
    assert query["tthc"] == "1.001193"
    assert query["nguoi"] == "*********567"
    assert query["giay"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert "hen_tra" in query
    assert "001203004567" not in decoded
    assert "0912345678" not in decoded
