"""One definition of "due soon" and "overdue", and of the counts shown of open steps, wherever they appear: the
badge on a step or a dossier (`countdown`), My work and a leader's view of it, the pool, the board, the dossier
list's filters and the reminder job all say the same of the same rows; paused steps are counted apart and are
neither due soon nor overdue (their clock stands still)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from conftest import Database
from helpers import act, login, receive
from motcua.calendar import countdown
from motcua.calendar import service as calendar_service
from motcua.core.db import joined_sessionmaker
from motcua.core.time import utcnow
from motcua.dossiers.models import Dossier, DossierStep
from motcua.reminders import service as reminders
from motcua.staff.models import Staff

UNIT = 1

# (due in, paused): late, late but paused, due soon, due soon but paused, due later, no due time.
SHAPES: list[tuple[timedelta | None, bool]] = [
    (timedelta(hours=-5), False),
    (timedelta(hours=-30), True),
    (timedelta(hours=2), False),
    (timedelta(hours=20), False),
    (timedelta(hours=3), True),
    (timedelta(days=12), False),
    (None, False),
]


def _flags(row: Any, countdown_: countdown.Countdown) -> tuple[bool, bool]:
    """(due soon, overdue) of a step or dossier row, as its badge says it."""
    if row.due_at is None or row.paused_since is not None:
        return False, False
    left = countdown_(row.due_at)
    return left.is_due_soon, left.is_overdue


def _counts(rows: list[Any], countdown_: countdown.Countdown) -> dict[str, int]:
    flags = [_flags(r, countdown_) for r in rows]
    return {
        "open": len(rows),
        "due_soon": sum(1 for soon, _late in flags if soon),
        "overdue": sum(1 for _soon, late in flags if late),
        "paused": sum(1 for r in rows if r.paused_since is not None),
    }


async def _shape(session: AsyncSession, step_ids: list[int], now: datetime, *, release: bool) -> None:
    for step_id, (due, paused) in zip(step_ids, SHAPES, strict=True):
        step = await session.get(DossierStep, step_id)
        assert step is not None
        values: dict[str, Any] = {
            "due_at": now + due if due is not None else None,
            "paused_since": now - timedelta(hours=1) if paused else None,
        }
        await session.execute(update(DossierStep).where(DossierStep.id == step_id).values(**values))
        # The dossier's own appointment and clock alike, for the dossier list's filters.
        await session.execute(update(Dossier).where(Dossier.id == step.dossier_id).values(**values))
        if release:
            await session.execute(
                update(DossierStep)
                .where(DossierStep.id == step_id)
                .values(assignee_id=None, assigned_how=None)
            )
    await session.flush()


async def _open_steps(session: AsyncSession, **where: Any) -> list[DossierStep]:
    stmt = select(DossierStep).where(DossierStep.unit_id == UNIT, DossierStep.finished_at.is_(None))
    for name, value in where.items():
        column = getattr(DossierStep, name)
        stmt = stmt.where(column.is_(None) if value is None else column == value)
    return list((await session.scalars(stmt.execution_options(populate_existing=True))).all())


async def _all_pages(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], **params: Any
) -> list[Any]:
    items: list[Any] = []
    page = 1
    while True:
        r = await client.get(path, params={**params, "page": page, "size": 100}, headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        if page * 100 >= body["total"]:
            return items
        page += 1


async def test_due_soon_overdue_and_the_counts_say_the_same_everywhere(
    client: httpx.AsyncClient, session: AsyncSession, connection: AsyncConnection, database: Database
) -> None:
    counter = await login(client, "tiepnhan1")
    leader = await login(client, "lanhdao")
    officer = await session.scalar(select(Staff).where(Staff.username == "tuphap1"))
    assert officer is not None
    mine = [
        await act(client, counter, await receive(client, counter), "forward", {"assignee_id": officer.id})
        for _ in SHAPES
    ]
    pooled = [
        await act(client, counter, await receive(client, counter), "forward", {"assignee_id": officer.id})
        for _ in SHAPES
    ]
    now = utcnow()
    ours = {str(d["id"]) for d in mine + pooled}
    step_of = {str(s.dossier_id): s.id for s in await _open_steps(session) if str(s.dossier_id) in ours}
    await _shape(session, [step_of[str(d["id"])] for d in mine], now, release=False)
    await _shape(session, [step_of[str(d["id"])] for d in pooled], now, release=True)
    cal = await calendar_service.working_calendar(session, unit_id=UNIT)
    badge = countdown.Countdown(cal, now)

    # My work, and the leader's view of it: its counts and each item's badge.
    own_rows = await _open_steps(session, assignee_id=officer.id)
    expected = _counts(own_rows, badge)
    officer_headers = await login(client, "tuphap1")
    work = (await client.get("/api/me/work", params={"size": 100}, headers=officer_headers)).json()
    assert work["counts"] == expected
    viewed = (await client.get(f"/api/work/staff/{officer.id}", params={"size": 100}, headers=leader)).json()
    assert viewed["counts"] == expected
    by_id = {s.id: s for s in own_rows}
    for item in work["items"]:
        soon, late = _flags(by_id[item["step_id"]], badge)
        if item["remaining"] is not None:
            assert (item["remaining"]["is_due_soon"], item["remaining"]["is_overdue"]) == (soon, late)
        else:
            assert not soon
            assert not late
    for name in ("due_soon", "overdue"):
        only = await _all_pages(client, "/api/me/work", officer_headers, **{name: "true"})
        assert len(only) == expected[name]

    # The pool (a leader sees every step nobody holds): counts over all of them, not over a page.
    pool_rows = await _open_steps(session, assignee_id=None)
    pool = (await client.get("/api/work/pool", params={"size": 2}, headers=leader)).json()
    assert pool["counts"] == _counts(pool_rows, badge)
    assert pool["total"] == len(pool_rows)

    # The board: the officer's row and the center-wide row of steps without a department.
    board = (await client.get("/api/work/board", headers=leader)).json()
    row = next(r for r in board["staff"] if r["staff"]["id"] == officer.id)
    assert {k: row[k] for k in expected} == expected
    no_department = [s for s in await _open_steps(session) if s.department_id is None]
    center = next(d for d in board["departments"] if d["department_id"] is None)
    assert {k: center[k] for k in expected} == _counts(no_department, badge)

    # The dossier list's filters: the same rule on the dossiers' own appointments.
    dossiers = (
        await session.scalars(
            select(Dossier)
            .where(Dossier.unit_id == UNIT, Dossier.status.in_([2, 4, 5, 6]))
            .execution_options(populate_existing=True)
        )
    ).all()
    for name, index in (("due_soon", 0), ("overdue", 1)):
        listed = await _all_pages(client, "/api/dossiers", leader, **{name: "true"})
        assert {d["id"] for d in listed} == {d.id for d in dossiers if _flags(d, badge)[index]}, name

    # The reminder job marks exactly the steps the badge calls due soon or overdue.
    await reminders.run_once(joined_sessionmaker(connection), database.settings, now=now, unit_id=UNIT)
    levels = {(False, False): 0, (True, False): 1, (False, True): 2}
    for step in await _open_steps(session):
        if step.id in step_of.values():
            assert step.reminder_level == levels[_flags(step, badge)], step.id
