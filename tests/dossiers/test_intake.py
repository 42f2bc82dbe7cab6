"""The intake (`dossiers.intake`): one statement checks what the worker took on trust and writes every row; the
service words its refusals and learns again what changed. These tests hold that one path to the rows it must
write, the answer it must give, the refusals it must word and the facts it must learn again."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from helpers import assert_workloads_match_the_steps, birth_registration, login
from motcua.calendar.models import CalendarSettings
from motcua.core.db import joined_sessionmaker
from motcua.core.time import LOCAL_TZ, utcnow
from motcua.dossiers import intake
from motcua.procedures.models import CatalogRevision
from motcua.staff.models import Staff, StaffRole
from motcua.units.models import Unit

UNIT = 1  # the demo center

RECEIVED = birth_registration()
# Status 5 at the counter: a mandatory document missing, the citizen comes back with it (form 02).
SUPPLEMENT = birth_registration(
    documents=[{"index": 0, "originals": 1}],
    if_incomplete="request_supplement",
    reason="Thiếu giấy chứng sinh",
)
# Status 3: refused at reception (form 03).
REFUSED = birth_registration(
    documents=[{"index": 0, "originals": 1}], if_incomplete="refuse", reason="Không đủ thành phần hồ sơ"
)
# Status 1: registered from the portal, not yet received.
ONLINE = birth_registration(channel=2, awaiting_reception=True)


async def count(connection: AsyncConnection, table: str, **where: object) -> int:
    clause = " AND ".join(f"{k} = :{k}" for k in where) or "true"
    result = await connection.execute(text(f"SELECT count(*) FROM {table} WHERE {clause}"), where)  # noqa: S608
    return int(result.scalar_one())


async def post(
    client: httpx.AsyncClient, headers: dict[str, str], body: dict[str, object], *, expect: int = 201
) -> dict[str, Any]:
    response = await client.post("/api/dossiers", json=body, headers=headers)
    assert response.status_code == expect, response.text
    answer: dict[str, Any] = response.json()
    return answer


@pytest.fixture
async def counter(client: httpx.AsyncClient) -> dict[str, str]:
    return await login(client, "tiepnhan1")


@pytest.mark.parametrize(
    ("body", "status", "action", "steps", "pauses", "open_step"),
    [
        (RECEIVED, 2, "receive", 1, 0, True),
        (SUPPLEMENT, 5, "request_supplement", 1, 1, True),
        (REFUSED, 3, "refuse_at_reception", 1, 0, False),
        (ONLINE, 1, "submit", 0, 0, False),
    ],
    ids=["received", "supplement", "refused", "online"],
)
async def test_the_statement_writes_every_row_and_answers_what_is_read_back(
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    counter: dict[str, str],
    body: dict[str, object],
    status: int,
    action: str,
    steps: int,
    pauses: int,
    open_step: bool,
) -> None:
    made = await post(client, counter, body)
    assert made["status"]["code"] == status
    assert await count(connection, "dossier_steps", dossier_id=made["id"]) == steps
    assert await count(connection, "dossier_events", dossier_id=made["id"], seq=1, action=action) == 1
    assert await count(connection, "dossier_pauses", dossier_id=made["id"]) == pauses
    still_open = await connection.execute(
        text("SELECT count(*) FROM dossier_steps WHERE dossier_id = :id AND finished_at IS NULL"),
        {"id": made["id"]},
    )
    assert still_open.scalar_one() == (1 if open_step else 0)
    # Its moments are one: received, step started, event.
    moments = (
        await connection.execute(
            text(
                "SELECT d.received_at, e.at, s.started_at FROM dossiers d "
                "JOIN dossier_events e ON e.dossier_id = d.id "
                "LEFT JOIN dossier_steps s ON s.dossier_id = d.id WHERE d.id = :id"
            ),
            {"id": made["id"]},
        )
    ).one()
    assert len({m for m in moments if m is not None}) == 1
    # The answer is the staff view read back (the remaining time moves with the clock).
    read = (await client.get(f"/api/dossiers/{made['id']}", headers=counter)).json()
    assert {k: v for k, v in made.items() if k != "remaining"} == {
        k: v for k, v in read.items() if k != "remaining"
    }


@pytest.mark.parametrize("fact", ["calendar", "catalog", "templates"])
async def test_facts_changed_by_another_worker_are_learnt_again(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str], fact: str
) -> None:
    await post(client, counter, RECEIVED)
    maker = joined_sessionmaker(connection)
    kept = intake._known(maker)[UNIT]
    # What another worker's change does to the facts this worker's caches are kept under.
    change = {
        "calendar": update(CalendarSettings)
        .where(CalendarSettings.unit_id == UNIT)
        .values(updated_at=utcnow()),
        "catalog": update(CatalogRevision).values(revision=CatalogRevision.revision + 1),
        "templates": update(Unit).where(Unit.id == UNIT).values(process_revision=Unit.process_revision + 1),
    }[fact]
    await connection.execute(change)
    before = await count(connection, "dossiers")
    await post(client, counter, RECEIVED)  # refused by the statement once, drafted again, written
    assert await count(connection, "dossiers") == before + 1
    learnt = intake._known(maker)[UNIT]
    assert learnt != kept
    assert learnt == await intake._learn(maker, unit_id=UNIT)


async def test_a_day_off_added_through_the_api_moves_the_next_appointment(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    first = await post(client, counter, RECEIVED)
    due = datetime.fromisoformat(first["due_at"]).astimezone(LOCAL_TZ).date()
    admin = await login(client, "admin")
    r = await client.post(
        "/api/calendar/days",
        json={"date": due.isoformat(), "kind": "day_off", "name": "Nghỉ đột xuất"},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    moved = await post(client, counter, RECEIVED)
    assert datetime.fromisoformat(moved["due_at"]).astimezone(LOCAL_TZ).date() > due


async def test_a_template_edited_through_the_api_plans_the_next_intake(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    admin = await login(client, "admin")
    steps = [
        {"name": "Nhận hồ sơ", "kind": "reception", "budget_minutes": 15},
        {"name": "Công chức hộ tịch", "kind": "specialist", "budget_minutes": 200},
        {"name": "Trả kết quả", "kind": "return", "budget_minutes": 45},
    ]
    r = await client.post(
        "/api/process-templates",
        json={"procedure_code": "1.001193", "name": "Khai sinh nhanh", "steps": steps},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    received = await post(client, counter, RECEIVED)
    assert received["current_step"] == "Nhận hồ sơ"
    chain = (await client.get(f"/api/dossiers/{received['id']}/steps", headers=counter)).json()
    assert [s["name"] for s in chain["steps"]] == ["Nhận hồ sơ"]
    assert [p["name"] for p in chain["planned"]] == ["Công chức hộ tịch", "Trả kết quả"]
    assert chain["steps"][0]["budget_minutes"] == 15


async def test_a_plan_starting_with_a_specialist_gives_the_first_step_to_one(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str]
) -> None:
    admin = await login(client, "admin")
    steps = [
        {"name": "Công chức hộ tịch", "kind": "specialist", "budget_minutes": 240},
        {"name": "Trả kết quả", "kind": "return", "budget_minutes": 45},
    ]
    r = await client.post(
        "/api/process-templates",
        json={"procedure_code": "1.001193", "name": "Khai sinh tại bàn", "steps": steps},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    received = await post(client, counter, RECEIVED)
    holder = received["assignee"]
    assert holder is not None
    assert received["current_step"] == "Công chức hộ tịch"
    roles = (
        await connection.execute(select(StaffRole.role).where(StaffRole.staff_id == holder["id"]))
    ).scalars()
    assert "specialist" in set(roles)  # chosen among those competent for civil status, not the receptionist
    chain = (await client.get(f"/api/dossiers/{received['id']}/steps", headers=counter)).json()
    assert chain["steps"][0]["assigned_how"] == "auto"
    assert chain["steps"][0]["assignee"]["id"] == holder["id"]
    assert received["step_due_at"] == chain["steps"][0]["due_at"]
    async with joined_sessionmaker(connection)() as session:
        await assert_workloads_match_the_steps(session, unit_id=UNIT)


@pytest.mark.parametrize("change", ["disabled", "moved", "no longer a receptionist"])
async def test_the_account_is_checked_by_the_statement_itself(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str], change: str
) -> None:
    await post(client, counter, RECEIVED)  # this worker knows the unit
    staff_id = (await connection.execute(select(Staff.id).where(Staff.username == "tiepnhan1"))).scalar_one()
    before = await count(connection, "dossiers")
    if change == "disabled":
        await connection.execute(update(Staff).where(Staff.id == staff_id).values(is_active=False))
    elif change == "moved":
        row = (
            await connection.execute(select(Unit.commune_id, Unit.province_id).where(Unit.id == UNIT))
        ).one()
        commune = (
            await connection.execute(
                text("SELECT id FROM admin_areas WHERE level = 'commune' AND id <> :c ORDER BY id LIMIT 1"),
                {"c": row.commune_id},
            )
        ).scalar_one()
        other_id = (
            await connection.execute(
                Unit.__table__.insert()
                .values(
                    name="Trung tâm khác",
                    unit_code="000.00.26.X99",
                    commune_id=commune,
                    province_id=row.province_id,
                    is_active=True,
                    process_revision=0,
                    created_at=utcnow(),
                )
                .returning(Unit.__table__.c.id)
            )
        ).scalar_one()
        await connection.execute(update(Staff).where(Staff.id == staff_id).values(unit_id=other_id))
    else:
        await connection.execute(
            StaffRole.__table__.delete().where(
                StaffRole.__table__.c.staff_id == staff_id, StaffRole.__table__.c.role == "receptionist"
            )
        )
    forbidden = change == "no longer a receptionist"
    answer = await post(client, counter, RECEIVED, expect=403 if forbidden else 401)
    assert answer["code"] == ("forbidden" if forbidden else "unauthorized")
    assert await count(connection, "dossiers") == before


async def test_a_token_without_the_role_is_refused_before_anything_is_read(client: httpx.AsyncClient) -> None:
    specialist = await login(client, "tuphap1")
    answer = await post(client, specialist, birth_registration(procedure_code="9.999999"), expect=403)
    assert answer["code"] == "forbidden"


async def test_numbers_past_9999_keep_every_digit(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str]
) -> None:
    await post(client, counter, RECEIVED)
    today = utcnow().astimezone(LOCAL_TZ).date()
    await connection.execute(
        text("UPDATE dossier_counters SET last_number = 9999 WHERE unit_id = :u AND day = :d"),
        {"u": UNIT, "d": today},
    )
    answer = await post(client, counter, RECEIVED)
    unit_code = (await connection.execute(select(Unit.unit_code).where(Unit.id == UNIT))).scalar_one()
    assert answer["code"] == f"{unit_code}-{today:%y%m%d}-10000"


async def test_an_idempotency_key_answers_the_first_request_and_refuses_another_body(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str]
) -> None:
    keyed = counter | {"Idempotency-Key": "quay-1-2026-0001"}
    first = await post(client, keyed, RECEIVED)
    again = await post(client, keyed, RECEIVED, expect=200)
    assert (again["id"], again["code"]) == (first["id"], first["code"])
    refused = await post(client, keyed, birth_registration(note="Một hồ sơ khác"), expect=409)
    assert "Idempotency-Key" in refused["message"]
    assert await count(connection, "dossiers", idempotency_key="quay-1-2026-0001") == 1
    key_row = await connection.execute(
        text("SELECT dossier_id, request_hash FROM idempotency_keys WHERE key = :k"),
        {"k": "quay-1-2026-0001"},
    )
    dossier_id, request_hash = key_row.one()
    assert dossier_id == first["id"]
    assert len(request_hash) == 64


async def test_refusals_are_worded_and_write_nothing(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str]
) -> None:
    before = await count(connection, "dossiers")
    answer = await post(client, counter, birth_registration(procedure_code="9.999999"), expect=422)
    assert [f["field"] for f in answer["fields"]] == ["body.procedure_code"]
    answer = await post(
        client, counter, birth_registration(documents=[{"index": 9, "originals": 1}]), expect=422
    )
    assert [f["field"] for f in answer["fields"]] == ["body.documents.0.index"]
    answer = await post(
        client, counter, birth_registration(documents=[{"index": 0, "originals": 1}]), expect=409
    )
    assert answer["details"]  # the missing mandatory documents, by name
    assert await count(connection, "dossiers") == before


def test_the_day_of_a_code_is_the_local_day() -> None:
    # `<unit code>-<YYMMDD>-<NNNN>`: the statement spells the day and number as `dossier_code` does.
    assert intake.dossier_code("000.00.25.H42", date(2026, 11, 29), 7) == "000.00.25.H42-261129-0007"
    assert intake.dossier_code("000.00.25.H42", date(2026, 11, 29), 12345) == "000.00.25.H42-261129-12345"
