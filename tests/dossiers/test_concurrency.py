"""Concurrency on real committed transactions: parallel intakes, same-key retries, racing actions.

These tests use the engine's own sessions (not the rolled-back test transaction), each in a center of its own
so that their committed rows never meet the other tests' data.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import event

from conftest import Database
from helpers import birth_registration, login, new_staff, new_unit
from motcua.calendar import service as calendar_service
from motcua.core.db import create_read_sessionmaker, create_sessionmaker
from motcua.main import create_app

_units = itertools.count(10)


@pytest.fixture
async def live(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(database.settings)
    app.state.engine = database.engine
    app.state.sessionmaker = maker = create_sessionmaker(database.engine)
    app.state.read_sessionmaker = create_read_sessionmaker(database.engine)
    n = next(_units)
    async with maker() as session, session.begin():
        unit = await new_unit(
            session, commune=f"Xã Thử {n}", name=f"Trung tâm {n}", unit_code=f"000.00.26.T{n:02d}"
        )
        await calendar_service.ensure_defaults(session, unit_id=unit.id, years=[2025, 2026, 2027])
        for username, role in ((f"quay{n}", "receptionist"), (f"cv{n}", "specialist")):
            await new_staff(
                session,
                unit_id=unit.id,
                username=username,
                full_name=f"Cán bộ {n}",
                password="pass-1234",
                role=role,
            )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=120) as client:
        client.headers["X-Unit"] = str(n)
        yield client


# `warm`: the worker has received for the unit once already, so on PostgreSQL the parallel intakes take the
# one-statement path (`dossiers.intake_pg`); cold, the first ones take the portable path beside them.
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
async def test_parallel_intakes_get_distinct_consecutive_codes(
    live: httpx.AsyncClient, database: Database, warm: bool
) -> None:
    n = live.headers["X-Unit"]
    headers = await login(live, f"quay{n}", "pass-1234")
    if warm:
        assert (
            await live.post("/api/dossiers", json=birth_registration(), headers=headers)
        ).status_code == 201
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        responses = await asyncio.gather(
            *(live.post("/api/dossiers", json=birth_registration(), headers=headers) for _ in range(100))
        )
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)
    if warm:
        # Each on the one-statement path: none of them sent a statement through SQLAlchemy.
        assert sent == []
    assert [r.status_code for r in responses] == [201] * 100, {
        r.text for r in responses if r.status_code != 201
    }
    codes = [r.json()["code"] for r in responses]
    assert len(set(codes)) == 100
    prefixes = {c.rsplit("-", 1)[0] for c in codes}
    assert len(prefixes) == 1  # one unit, one day
    first = 2 if warm else 1
    assert sorted(int(c.rsplit("-", 1)[1]) for c in codes) == list(range(first, first + 100))


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
async def test_parallel_retries_with_one_key_create_one_dossier(live: httpx.AsyncClient, warm: bool) -> None:
    n = live.headers["X-Unit"]
    headers = await login(live, f"quay{n}", "pass-1234")
    if warm:
        assert (
            await live.post("/api/dossiers", json=birth_registration(), headers=headers)
        ).status_code == 201
    keyed = headers | {"Idempotency-Key": f"retry-{n}-0001"}
    responses = await asyncio.gather(
        *(live.post("/api/dossiers", json=birth_registration(), headers=keyed) for _ in range(10))
    )
    assert sorted(r.status_code for r in responses) == [200] * 9 + [201], [r.text for r in responses]
    assert len({r.json()["id"] for r in responses}) == 1
    listing = (await live.get("/api/dossiers", headers=headers)).json()
    assert listing["total"] == (2 if warm else 1)


async def test_racing_actions_exactly_one_wins(live: httpx.AsyncClient) -> None:
    n = live.headers["X-Unit"]
    counter = await login(live, f"quay{n}", "pass-1234")
    created = (await live.post("/api/dossiers", json=birth_registration(), headers=counter)).json()
    url = f"/api/dossiers/{created['id']}/actions"
    headers = counter | {"If-Match": "1"}
    first, second = await asyncio.gather(
        live.post(f"{url}/forward", json={"to_step": "Chuyên viên xử lý"}, headers=headers),
        live.post(
            f"{url}/request_supplement",
            json={"missing_documents": ["Tờ khai"], "reason": "Thiếu"},
            headers=headers,
        ),
    )
    assert sorted([first.status_code, second.status_code]) == [200, 409], (first.text, second.text)
    events = (await live.get(f"/api/dossiers/{created['id']}/events", headers=counter)).json()
    assert [e["seq"] for e in events] == [1, 2]
    final = (await live.get(f"/api/dossiers/{created['id']}", headers=counter)).json()
    assert final["version"] == 2
