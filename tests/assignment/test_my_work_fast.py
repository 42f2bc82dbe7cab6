""" "My work" through the HTTP API on both databases: on PostgreSQL it is one hand-written statement on the
driver's connection (`assignment.work_pg`), which must answer exactly what the portable `service.my_work`
answers, refuse the same accounts and follow a calendar change at once."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from conftest import Database
from helpers import act, login, new_unit, receive
from motcua.assignment import service
from motcua.assignment.models import DossierStep
from motcua.assignment.schemas import WorkItem
from motcua.core.db import utcnow
from motcua.core.pagination import PageParams
from motcua.dossiers import deadlines
from motcua.dossiers.schemas import PersonRef, RemainingRead, status_info
from motcua.staff.models import Staff

# The portable version, kept before a test replaces it to prove that PostgreSQL answers without it.
PORTABLE = service.my_work
FILTERS: list[dict[str, bool]] = [{}] + [
    {k: v for k, v in (("due_soon", soon), ("overdue", late)) if v is not None}
    for soon, late in itertools.product((None, True, False), repeat=2)
    if (soon, late) != (None, None)
]


async def _staff(session: AsyncSession, username: str) -> Staff:
    staff = await session.scalar(select(Staff).where(Staff.username == username))
    assert staff is not None
    return staff


def _freeze(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    """Both paths read the time at `now`: the remaining times and the due-soon threshold then agree."""
    monkeypatch.setattr("motcua.assignment.service.utcnow", lambda: now)
    monkeypatch.setattr("motcua.assignment.work_pg.utcnow", lambda: now)


def _fast_path_only(monkeypatch: pytest.MonkeyPatch, database: Database) -> None:
    """On PostgreSQL the endpoint must not fall back on the portable version for an account in order."""
    if True:

        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            raise AssertionError("the portable path answered on PostgreSQL")

        monkeypatch.setattr(service, "my_work", refuse)


async def _portable(
    session: AsyncSession, staff: Staff, *, page: int = 1, size: int = 20, **filters: bool
) -> dict[str, Any]:
    found = await PORTABLE(
        session,
        unit_id=staff.unit_id,
        staff_id=staff.id,
        staff_name=staff.full_name,
        page=PageParams(page=page, size=size),
        **filters,
    )
    result: dict[str, Any] = found.model_dump(mode="json")
    return result


async def _work(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    r = await client.get("/api/me/work", params=params, headers=headers)
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    return result


async def _forward_to(
    client: httpx.AsyncClient, counter: dict[str, str], staff: Staff, n: int
) -> list[dict[str, object]]:
    return [
        await act(client, counter, await receive(client, counter), "forward", {"assignee_id": staff.id})
        for _ in range(n)
    ]


async def _open_steps(session: AsyncSession, staff: Staff) -> list[DossierStep]:
    return list(
        (
            await session.scalars(
                select(DossierStep)
                .where(DossierStep.assignee_id == staff.id, DossierStep.finished_at.is_(None))
                .order_by(DossierStep.id)
            )
        ).all()
    )


async def test_postgresql_answers_what_the_portable_path_answers(
    client: httpx.AsyncClient, session: AsyncSession, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = await login(client, "tiepnhan1")
    me = await _staff(session, "tuphap1")
    await _forward_to(client, counter, me, 7)
    now = utcnow()
    # Every case the counts, filters and order tell apart: late, late but paused, due soon, due soon but
    # paused, due later, no due time (last, in neither filter), and equal due times (ordered by step id).
    shapes: list[tuple[timedelta | None, bool]] = [
        (timedelta(hours=-5), False),
        (timedelta(hours=-5), True),
        (timedelta(hours=2), False),
        (timedelta(hours=2), False),
        (timedelta(hours=3), True),
        (timedelta(days=9), False),
        (None, False),
    ]
    steps = await _open_steps(session, me)
    for step, (due, paused) in zip(steps[-len(shapes) :], shapes, strict=True):
        await session.execute(
            update(DossierStep)
            .where(DossierStep.id == step.id)
            .values(
                due_at=now + due if due is not None else None,
                paused_since=now - timedelta(hours=1) if paused else None,
            )
        )
    await session.flush()
    _freeze(monkeypatch, now)
    _fast_path_only(monkeypatch, database)
    headers = await login(client, "tuphap1")
    everything = await _work(client, headers, size=100)
    assert everything == await _portable(session, me, size=100)
    assert everything["counts"]["overdue"] >= 1
    assert everything["counts"]["due_soon"] >= 2
    assert everything["items"][-1]["step_due_at"] is None
    assert any(i["is_paused"] and i["remaining"] is None for i in everything["items"])
    for filters in FILTERS:
        for page, size in ((1, 20), (1, 3), (2, 3), (3, 2)):
            got = await _work(client, headers, page=page, size=size, **filters)
            assert got == await _portable(session, me, page=page, size=size, **filters), (filters, page)
    # One step a page: every boundary between two pages, equal due times included.
    for page in range(1, everything["total"] + 1):
        got = await _work(client, headers, page=page, size=1)
        assert got == await _portable(session, me, page=page, size=1), page
    # Beyond the last page: no items, the same counts and total.
    far = await _work(client, headers, page=50, size=100)
    assert far == await _portable(session, me, page=50, size=100)
    assert far["items"] == []


async def test_an_officer_sees_only_their_own_steps(
    client: httpx.AsyncClient, session: AsyncSession, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = await login(client, "tiepnhan1")
    one, two = await _staff(session, "tuphap1"), await _staff(session, "tuphap2")
    await _forward_to(client, counter, one, 2)
    await _forward_to(client, counter, two, 2)
    _fast_path_only(monkeypatch, database)
    seen: dict[int, set[int]] = {}
    for staff in (one, two):
        work = await _work(client, await login(client, staff.username), size=100)
        assert work["items"]
        assert {i["assignee"]["id"] for i in work["items"]} == {staff.id}
        assert {i["step_id"] for i in work["items"]} == {s.id for s in await _open_steps(session, staff)}
        seen[staff.id] = {i["step_id"] for i in work["items"]}
    assert not seen[one.id] & seen[two.id]
    leader = await _work(client, await login(client, "lanhdao"), size=100)
    assert not {i["step_id"] for i in leader["items"]} & (seen[one.id] | seen[two.id])


@pytest.mark.parametrize("change", ["disabled", "moved"])
async def test_a_disabled_or_moved_account_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, change: str
) -> None:
    headers = await login(client, "tuphap2")
    assert (await client.get("/api/me/work", headers=headers)).status_code == 200
    staff = await _staff(session, "tuphap2")
    if change == "disabled":
        admin = await login(client, "admin")
        r = await client.patch(f"/api/staff/{staff.id}", json={"is_active": False}, headers=admin)
        assert r.status_code == 200, r.text
    else:
        moved = await new_unit(
            session, commune="Xã Chuyển Đến", name="Trung tâm khác", unit_code="000.00.27.Q99"
        )
        staff.unit_id = moved.id
        await session.flush()
    r = await client.get("/api/me/work", headers=headers)
    assert r.status_code == 401
    # Word for word what every other staff endpoint answers (`CurrentStaff`).
    elsewhere = await client.get("/api/me/notifications", headers=headers)
    assert elsewhere.status_code == 401
    assert r.json() == elsewhere.json()
    assert (r.json()["code"], r.json()["message"]) == ("unauthorized", "Invalid or expired token")
    assert r.headers["www-authenticate"] == "Bearer"


async def test_a_calendar_change_applies_to_the_next_request(
    client: httpx.AsyncClient, session: AsyncSession, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = await login(client, "tiepnhan1")
    me = await _staff(session, "tuphap1")
    await _forward_to(client, counter, me, 1)
    step = (await _open_steps(session, me))[-1]
    now = utcnow()
    await session.execute(
        update(DossierStep)
        .where(DossierStep.id == step.id)
        .values(due_at=now + timedelta(days=12), paused_since=None)
    )
    await session.flush()
    _freeze(monkeypatch, now)
    _fast_path_only(monkeypatch, database)
    headers = await login(client, "tuphap1")

    def mine(work: dict[str, Any]) -> dict[str, Any]:
        item: dict[str, Any] = next(i for i in work["items"] if i["step_id"] == step.id)
        return item

    before = mine(await _work(client, headers, size=100))
    assert before == mine(await _work(client, headers, size=100))  # the calendar of this worker, kept
    # A weekday in between becomes a holiday (the first one that has no entry of the calendar yet).
    admin = await login(client, "admin")
    today = now.astimezone(deadlines.LOCAL_TZ).date()
    for ahead in range(2, 10):
        day = today + timedelta(days=ahead)
        if day.weekday() >= 5:
            continue
        r = await client.post(
            "/api/calendar/days",
            json={"date": day.isoformat(), "kind": "day_off", "name": "Nghỉ đột xuất"},
            headers=admin,
        )
        if r.status_code == 201:
            break
        assert r.status_code == 409, r.text
    else:
        pytest.fail("no weekday without a calendar entry in the next days")
    after = await _work(client, headers, size=100)
    assert mine(after)["remaining"]["minutes"] < before["remaining"]["minutes"]
    assert after == await _portable(session, me, size=100)


def _same(built: Any, constructed: Any) -> None:
    assert built == constructed
    assert built.model_fields_set == constructed.model_fields_set
    assert built.model_dump_json() == constructed.model_dump_json()


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (
            RemainingRead,
            lambda now: {
                "minutes": 90,
                "is_overdue": False,
                "is_due_soon": True,
                "text_vi": "còn 1 giờ 30 phút",
                "text_en": "1 h 30 min left",
            },
        ),
        (
            WorkItem,
            lambda now: {
                "step_id": 1,
                "step_name": "Chuyên viên xử lý",
                "step_kind": "specialist",
                "step_started_at": now,
                "step_due_at": None,
                "remaining": None,
                "is_paused": True,
                "assignee": PersonRef.model_construct(id=3, full_name="Đỗ Văn Lý"),
                "department_id": None,
                "dossier_id": 2,
                "dossier_code": "000.00.27.H01-260101-0001",
                "dossier_version": 3,
                "status": status_info(2),
                "procedure_code": "1.001193",
                "procedure_name": "Đăng ký khai sinh",
                "applicant_name": "Nguyễn Văn An",
                "dossier_due_at": now,
            },
        ),
    ],
)
def test_items_are_the_models_model_construct_makes(
    model: type[Any], values: Callable[[datetime], dict[str, Any]]
) -> None:
    now = utcnow()
    _same(service._trusted(model, values(now)), model.model_construct(**values(now)))
