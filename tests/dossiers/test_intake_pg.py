"""The intake in one statement (`dossiers.intake_pg`, PostgreSQL): once a worker knows its unit, an intake is
written by one hand-written statement instead of the portable path's ORM transaction. These tests hold it to
the portable path: the same rows, the same answer, the same refusals, and everything it takes on trust (the
unit's stamps, the account) sends it back to the portable path when the database says otherwise.

Every test runs on both databases; on SQLite every intake takes the portable path, so the same assertions
check that path's behaviour there. `path_of` tells which path an intake took: the portable one sends a dozen
statements through SQLAlchemy, the one-statement path none of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import event, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from conftest import Database
from helpers import birth_registration, login
from motcua.calendar.models import CalendarSettings
from motcua.core.db import utcnow
from motcua.dossiers import deadlines
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

# What differs between two intakes of the same body: identity, numbering and the moment.
VOLATILE = {
    "id",
    "code",
    "number",
    "public_token",
    "dossier_id",
    "received_at",
    "created_at",
    "updated_at",
    "at",
    "started_at",
    "assigned_at",
    "paused_since",
    "finished_at",
    "due_at",
}


@contextmanager
def sqlalchemy_statements(connection: AsyncConnection) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(connection.sync_connection, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(connection.sync_connection, "before_cursor_execute", record)


async def post_intake(
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    headers: dict[str, str],
    body: dict[str, object],
    *,
    expect: int = 201,
) -> tuple[dict[str, Any], str]:
    """POST an intake; its answer and the path it took (`one statement` or `portable`)."""
    with sqlalchemy_statements(connection) as seen:
        response = await client.post("/api/dossiers", json=body, headers=headers)
    assert response.status_code == expect, response.text
    # The one-statement path sends at most the SELECT that opens the tests' outer transaction.
    return response.json(), "one statement" if len(seen) <= 1 else "portable"


def one_statement_on(database: Database) -> str:
    return "one statement"


async def rows(connection: AsyncConnection, dossier_id: int) -> dict[str, list[dict[str, Any]]]:
    """The rows an intake wrote, without what differs between two intakes of the same body."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table, key in (
        ("dossiers", "id"),
        ("dossier_steps", "dossier_id"),
        ("dossier_events", "dossier_id"),
        ("dossier_pauses", "dossier_id"),
    ):
        found = await connection.execute(
            text(f"SELECT * FROM {table} WHERE {key} = :id ORDER BY id"),  # noqa: S608 - fixed names
            {"id": dossier_id},
        )
        out[table] = [{k: v for k, v in r._mapping.items() if k not in VOLATILE} for r in found]
    return out


@pytest.fixture
async def counter(client: httpx.AsyncClient, connection: AsyncConnection) -> dict[str, str]:
    """A receptionist whose worker has received once already (it knows the unit: the next intakes may take
    the one-statement path)."""
    headers = await login(client, "tiepnhan1")
    _answer, path = await post_intake(client, connection, headers, RECEIVED)
    assert path == "portable"
    return headers


@pytest.mark.parametrize("body", [RECEIVED, SUPPLEMENT, REFUSED], ids=["received", "supplement", "refused"])
async def test_one_statement_writes_the_rows_and_answer_of_the_portable_path(
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    database: Database,
    counter: dict[str, str],
    body: dict[str, object],
) -> None:
    await connection.execute(
        update(Unit).where(Unit.id == UNIT).values(process_revision=Unit.process_revision + 1)
    )
    portable, path = await post_intake(client, connection, counter, body)
    assert path == "portable"  # the stamp moved: the worker reads the unit again
    fast, path = await post_intake(client, connection, counter, body)
    assert path == one_statement_on(database)

    assert await rows(connection, fast["id"]) == await rows(connection, portable["id"])
    written = await rows(connection, fast["id"])
    assert len(written["dossier_steps"]) == len(written["dossier_events"]) == 1
    assert len(written["dossier_pauses"]) == (1 if body is SUPPLEMENT else 0)

    # Its moments are one: received, step started, event.
    moments = (
        await connection.execute(
            text(
                "SELECT d.received_at, s.started_at, e.at FROM dossiers d "
                "JOIN dossier_steps s ON s.dossier_id = d.id JOIN dossier_events e ON e.dossier_id = d.id "
                "WHERE d.id = :id"
            ),
            {"id": fast["id"]},
        )
    ).one()
    assert len(set(moments)) == 1

    # The answer is the staff view the portable path reads back (the remaining time moves with the clock).
    read = (await client.get(f"/api/dossiers/{fast['id']}", headers=counter)).json()
    assert {k: v for k, v in fast.items() if k != "remaining"} == {
        k: v for k, v in read.items() if k != "remaining"
    }
    prefix, day, number = fast["code"].rsplit("-", 2)
    assert (prefix, day) == tuple(portable["code"].rsplit("-", 2)[:2])
    assert int(number) == int(portable["code"].rsplit("-", 1)[1]) + 1


@pytest.mark.parametrize("stamp", ["calendar", "catalog", "templates"])
async def test_a_stale_stamp_sends_the_intake_to_the_portable_path(
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    database: Database,
    counter: dict[str, str],
    stamp: str,
) -> None:
    # What another worker's change does to the stamps this worker's caches are kept under.
    change = {
        "calendar": update(CalendarSettings)
        .where(CalendarSettings.unit_id == UNIT)
        .values(updated_at=utcnow()),
        "catalog": update(CatalogRevision).values(revision=CatalogRevision.revision + 1),
        "templates": update(Unit).where(Unit.id == UNIT).values(process_revision=Unit.process_revision + 1),
    }[stamp]
    _answer, path = await post_intake(client, connection, counter, RECEIVED)
    assert path == one_statement_on(database)
    await connection.execute(change)
    _answer, path = await post_intake(client, connection, counter, RECEIVED)
    assert path == "portable"
    _answer, path = await post_intake(client, connection, counter, RECEIVED)
    assert path == one_statement_on(database)


async def test_a_day_off_added_through_the_api_moves_the_next_appointment(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str]
) -> None:
    first, _path = await post_intake(client, connection, counter, RECEIVED)
    due = datetime.fromisoformat(first["due_at"]).astimezone(deadlines.LOCAL_TZ).date()
    admin = await login(client, "admin")
    r = await client.post(
        "/api/calendar/days",
        json={"date": due.isoformat(), "kind": "day_off", "name": "Nghỉ đột xuất"},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    moved, _path = await post_intake(client, connection, counter, RECEIVED)
    assert datetime.fromisoformat(moved["due_at"]).astimezone(deadlines.LOCAL_TZ).date() > due


async def test_a_template_edited_through_the_api_plans_the_next_intake(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str]
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
    received, _path = await post_intake(client, connection, counter, RECEIVED)
    assert received["current_step"] == "Nhận hồ sơ"
    chain = (await client.get(f"/api/dossiers/{received['id']}/steps", headers=counter)).json()
    assert [s["name"] for s in chain["steps"]] == ["Nhận hồ sơ"]
    assert [p["name"] for p in chain["planned"]] == ["Công chức hộ tịch", "Trả kết quả"]
    assert chain["steps"][0]["budget_minutes"] == 15


@pytest.mark.parametrize("change", ["disabled", "moved", "no longer a receptionist"])
async def test_the_account_is_checked_by_the_statement_itself(
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    database: Database,
    counter: dict[str, str],
    change: str,
) -> None:
    staff_id = (await connection.execute(select(Staff.id).where(Staff.username == "tiepnhan1"))).scalar_one()
    before = (await connection.execute(text("SELECT count(*) FROM dossiers"))).scalar_one()
    if change == "disabled":
        await connection.execute(update(Staff).where(Staff.id == staff_id).values(is_active=False))
    elif change == "moved":
        other = Unit(name="Trung tâm khác", unit_code="000.00.26.X99", commune_id=0, province_id=0)
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
                    name=other.name,
                    unit_code=other.unit_code,
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
    answer, path = await post_intake(
        client, connection, counter, RECEIVED, expect=403 if change == "no longer a receptionist" else 401
    )
    assert path == "portable"
    assert answer["code"] == ("forbidden" if change == "no longer a receptionist" else "unauthorized")
    assert (await connection.execute(text("SELECT count(*) FROM dossiers"))).scalar_one() == before


async def test_numbers_past_9999_keep_every_digit(
    client: httpx.AsyncClient, connection: AsyncConnection, database: Database, counter: dict[str, str]
) -> None:
    today = utcnow().astimezone(deadlines.LOCAL_TZ).date()
    await connection.execute(
        text("UPDATE dossier_counters SET last_number = 9999 WHERE unit_id = :u AND day = :d"),
        {"u": UNIT, "d": today},
    )
    answer, path = await post_intake(client, connection, counter, RECEIVED)
    assert path == one_statement_on(database)
    assert answer["code"].endswith(f"-{today:%y%m%d}-10000")
    unit_code = (await connection.execute(select(Unit.unit_code).where(Unit.id == UNIT))).scalar_one()
    assert answer["code"] == f"{unit_code}-{today:%y%m%d}-10000"


async def test_an_idempotency_key_on_the_one_statement_path(
    client: httpx.AsyncClient, connection: AsyncConnection, database: Database, counter: dict[str, str]
) -> None:
    keyed = counter | {"Idempotency-Key": "quay-1-2026-0001"}
    first, path = await post_intake(client, connection, keyed, RECEIVED)
    assert path == one_statement_on(database)
    again, path = await post_intake(client, connection, keyed, RECEIVED, expect=200)
    assert path == "portable"  # the key is taken: the portable path answers with its dossier
    assert (again["id"], again["code"]) == (first["id"], first["code"])
    other = birth_registration(note="Một hồ sơ khác")
    refused, _path = await post_intake(client, connection, keyed, other, expect=409)
    assert "Idempotency-Key" in refused["message"]
    count = await connection.execute(
        text("SELECT count(*) FROM dossiers WHERE idempotency_key = :k"), {"k": "quay-1-2026-0001"}
    )
    assert count.scalar_one() == 1
    key_row = await connection.execute(
        text("SELECT dossier_id, request_hash FROM idempotency_keys WHERE key = :k"),
        {"k": "quay-1-2026-0001"},
    )
    dossier_id, request_hash = key_row.one()
    assert dossier_id == first["id"]
    assert len(request_hash) == 64


async def test_refusals_are_worded_by_the_portable_path(
    client: httpx.AsyncClient, connection: AsyncConnection, counter: dict[str, str]
) -> None:
    before = (await connection.execute(text("SELECT count(*) FROM dossiers"))).scalar_one()
    answer, _path = await post_intake(
        client, connection, counter, birth_registration(procedure_code="9.999999"), expect=422
    )
    assert [f["field"] for f in answer["fields"]] == ["body.procedure_code"]
    answer, _path = await post_intake(
        client, connection, counter, birth_registration(documents=[{"index": 0, "originals": 1}]), expect=409
    )
    assert answer["details"]
    assert (await connection.execute(text("SELECT count(*) FROM dossiers"))).scalar_one() == before


def test_the_day_of_a_code_is_the_local_day() -> None:
    # `<unit code>-<YYMMDD>-<NNNN>`: the statement spells the day as `dossier_code` does.
    from motcua.dossiers.service import dossier_code

    assert dossier_code("000.00.25.H42", date(2026, 11, 29), 7) == "000.00.25.H42-261129-0007"
    assert dossier_code("000.00.25.H42", date(2026, 11, 29), 12345) == "000.00.25.H42-261129-12345"
