""" "My work" through the HTTP API: one statement on the driver's connection (`work.service.my_work`) answers the
counts, the filters, the order and the pages; these tests hold it to what the step rows say, refuse the same
accounts as every other endpoint and follow a calendar change at once."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from helpers import act, login, new_unit, receive
from motcua.calendar import countdown
from motcua.calendar import service as calendar_service
from motcua.calendar.schemas import RemainingRead
from motcua.core.schemas import PersonRef
from motcua.core.time import LOCAL_TZ, utcnow
from motcua.dossiers.models import DossierStep
from motcua.dossiers.schemas import status_info
from motcua.staff.models import Staff
from motcua.work import service
from motcua.work.schemas import WorkItem

FILTERS: list[dict[str, bool]] = [{}] + [
    {k: v for k, v in (("due_soon", soon), ("overdue", late)) if v is not None}
    for soon, late in itertools.product((None, True, False), repeat=2)
    if (soon, late) != (None, None)
]


async def _staff(session: AsyncSession, username: str) -> Staff:
    staff = await session.scalar(select(Staff).where(Staff.username == username))
    assert staff is not None
    return staff


def _sql_and(*values: bool | None) -> bool | None:
    """SQL's AND over three values (None: unknown)."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


async def _expected(
    session: AsyncSession, staff: Staff, *, now: datetime, page: int = 1, size: int = 20, **filters: bool
) -> dict[str, Any]:
    """What My work must answer, worked out from the step rows (ids of the page, total, counts)."""
    cal = await calendar_service.working_calendar(session, unit_id=staff.unit_id)
    soon = countdown.due_soon_until(cal, now)
    rows = await _open_steps(session, staff)

    def less(a: datetime | None, b: datetime) -> bool | None:
        return None if a is None else a < b

    def late(s: DossierStep) -> bool | None:
        return _sql_and(s.paused_since is None, less(s.due_at, now))

    def near(s: DossierStep) -> bool | None:
        return _sql_and(
            s.paused_since is None,
            None if s.due_at is None else s.due_at >= now,
            None if s.due_at is None else s.due_at <= soon,
        )

    def kept(s: DossierStep) -> bool:
        for name, test in (("overdue", late), ("due_soon", near)):
            if name in filters:
                value = test(s)
                if value is None or value != filters[name]:  # NOT(unknown) is unknown: in neither list
                    return False
        return True

    chosen = sorted((s for s in rows if kept(s)), key=lambda s: (s.due_at is None, s.due_at or now, s.id))
    return {
        "ids": [s.id for s in chosen[(page - 1) * size : page * size]],
        "total": len(chosen),
        "counts": {
            "open": len(rows),
            "due_soon": sum(1 for s in rows if near(s)),
            "overdue": sum(1 for s in rows if late(s)),
            "paused": sum(1 for s in rows if s.paused_since is not None),
        },
    }


def _seen(work: dict[str, Any]) -> dict[str, Any]:
    return {"ids": [i["step_id"] for i in work["items"]], "total": work["total"], "counts": work["counts"]}


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
                .execution_options(populate_existing=True)
            )
        ).all()
    )


async def test_the_counts_filters_order_and_pages_follow_the_step_rows(
    client: httpx.AsyncClient, session: AsyncSession
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
    headers = await login(client, "tuphap1")
    everything = await _work(client, headers, size=100)
    assert _seen(everything) == await _expected(session, me, now=now, size=100)
    assert everything["counts"]["overdue"] >= 1
    assert everything["counts"]["due_soon"] >= 2
    assert everything["counts"]["paused"] >= 2
    assert everything["items"][-1]["step_due_at"] is None
    assert any(i["is_paused"] and i["remaining"] is None for i in everything["items"])
    for filters in FILTERS:
        for page, size in ((1, 20), (1, 3), (2, 3), (3, 2)):
            got = await _work(client, headers, page=page, size=size, **filters)
            assert _seen(got) == await _expected(session, me, now=now, page=page, size=size, **filters), (
                filters
            )
    # One step a page: every boundary between two pages, equal due times included.
    for page in range(1, everything["total"] + 1):
        got = await _work(client, headers, page=page, size=1)
        assert _seen(got) == await _expected(session, me, now=now, page=page, size=1), page
    # Beyond the last page: no items, the same counts and total.
    far = await _work(client, headers, page=50, size=100)
    assert _seen(far) == await _expected(session, me, now=now, page=50, size=100)
    assert far["items"] == []
    # A leader sees the officer's work as the officer does.
    leader = await login(client, "lanhdao")
    r = await client.get(f"/api/work/staff/{me.id}", params={"size": 100}, headers=leader)
    assert r.status_code == 200, r.text
    assert _seen(r.json()) == _seen(everything)


async def test_an_officer_sees_only_their_own_steps(client: httpx.AsyncClient, session: AsyncSession) -> None:
    counter = await login(client, "tiepnhan1")
    one, two = await _staff(session, "tuphap1"), await _staff(session, "tuphap2")
    await _forward_to(client, counter, one, 2)
    await _forward_to(client, counter, two, 2)
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
    client: httpx.AsyncClient, session: AsyncSession
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
    headers = await login(client, "tuphap1")

    def mine(work: dict[str, Any]) -> dict[str, Any]:
        item: dict[str, Any] = next(i for i in work["items"] if i["step_id"] == step.id)
        return item

    before = mine(await _work(client, headers, size=100))
    # A weekday in between becomes a holiday (the first one that has no entry of the calendar yet).
    admin = await login(client, "admin")
    today = now.astimezone(LOCAL_TZ).date()
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
    # A whole working day less (the clock ran on a little between the two requests).
    assert mine(after)["remaining"]["minutes"] <= before["remaining"]["minutes"] - 8 * 60 + 1


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
