"""Step budgets, pauses and reminders at chosen moments (the services take `now`)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from email import message_from_string, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from conftest import Database
from helpers import birth_registration
from motcua.absences.schemas import AbsenceCreate
from motcua.assignment.models import StaffWorkload
from motcua.calendar import countdown, working_time
from motcua.calendar import service as calendar_service
from motcua.calendar.schemas import CalendarDayCreate
from motcua.core.db import joined_sessionmaker
from motcua.core.time import LOCAL_TZ
from motcua.dossiers import intake, reading, steps, transitions
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep
from motcua.dossiers.schemas import ActionIn, DossierCreate
from motcua.notifications.models import Notification
from motcua.process_templates import service as templates_service
from motcua.process_templates.schemas import TemplateCreate
from motcua.reminders import service as reminders
from motcua.seed.demo import DEMO_UNIT_CODE
from motcua.staff.models import Staff
from motcua.units.models import Unit
from motcua.work import service as work_service

TZ = LOCAL_TZ
MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)  # an ordinary working Monday
STEPS = [
    {"name": "Tiếp nhận", "kind": "reception", "budget_minutes": 30},
    {"name": "Chuyên viên xử lý", "kind": "specialist", "budget_minutes": 960},  # two working days
    {"name": "Lãnh đạo phê duyệt", "kind": "leader", "budget_minutes": 240},
    {"name": "Trả kết quả", "kind": "return", "budget_minutes": 120},
]


class World:
    def __init__(self, session: AsyncSession, database: Database, unit: Unit, staff: dict[str, int]) -> None:
        self.session, self.database, self.unit, self.staff = session, database, unit, staff

    async def receive(self, now: datetime) -> Dossier:
        received = await intake.receive(
            joined_sessionmaker(await self.session.connection()),
            self.database.settings,
            unit_id=self.unit.id,
            actor_id=self.staff["tiepnhan1"],
            roles=frozenset({"receptionist"}),
            data=DossierCreate.model_validate(birth_registration()),
            idempotency_key=None,
            now=now,
        )
        dossier = await self.session.get(Dossier, received.dossier.id)
        assert dossier is not None
        return dossier

    async def act(self, dossier: Dossier, action: str, who: str, now: datetime, **payload: Any) -> Dossier:
        roles = {"tiepnhan1": "receptionist", "lanhdao": "leader"}.get(who, "specialist")
        return await transitions.transition(
            self.session,
            dossier=dossier,
            action=action,
            actor_id=self.staff[who],
            roles=frozenset({roles}),
            expected_version=dossier.version,
            payload=ActionIn(**payload),
            now=now,
        )

    async def current(self, dossier: Dossier) -> DossierStep:
        step = await steps.open_step(self.session, dossier_id=dossier.id)
        assert step is not None
        return step


@pytest.fixture
async def world(session: AsyncSession, database: Database) -> World:
    unit = await session.scalar(select(Unit).where(Unit.unit_code == DEMO_UNIT_CODE))
    assert unit is not None
    staff = dict(
        (await session.execute(select(Staff.username, Staff.id).where(Staff.unit_id == unit.id))).all()
    )
    # Fixed budgets, so that the expected times do not depend on the catalog's legal time.
    await templates_service.create_template(
        session,
        unit_id=unit.id,
        province_id=unit.province_id,
        data=TemplateCreate.model_validate(
            {"procedure_code": "1.001193", "name": "Khai sinh", "steps": STEPS}
        ),
    )
    return World(session, database, unit, staff)


async def test_a_supplement_pause_moves_the_step_due_time_and_counts_in_its_punctuality(world: World) -> None:
    cal = await calendar_service.working_calendar(world.session, unit_id=world.unit.id)
    d = await world.receive(MONDAY)
    reception = await world.current(d)
    assert reception.due_at == working_time.add_working_minutes(cal, MONDAY, 30)
    handed = MONDAY + timedelta(minutes=20)
    d = await world.act(d, "forward", "tiepnhan1", handed, assignee_id=world.staff["tuphap1"])
    step = await world.current(d)
    # Monday 08:20 + two working days of 8 h = Wednesday 08:20.
    assert step.due_at == datetime(2026, 3, 4, 8, 20, tzinfo=TZ)
    asked, back = datetime(2026, 3, 2, 10, 0, tzinfo=TZ), datetime(2026, 3, 5, 10, 0, tzinfo=TZ)
    d = await world.act(
        d, "request_supplement", "tuphap1", asked, missing_documents=["Tờ khai"], reason="Thiếu"
    )
    assert (await world.current(d)).paused_since == asked
    d = await world.act(d, "supplement_received", "tiepnhan1", back)
    step = await world.current(d)
    # Three working days stood still (Mon 10:00 → Thu 10:00): the step is now due Monday 9 March 08:20.
    assert step.paused_minutes == 3 * 480
    assert step.due_at == datetime(2026, 3, 9, 8, 20, tzinfo=TZ)
    d = await world.act(d, "forward", "tuphap1", datetime(2026, 3, 9, 8, 10, tzinfo=TZ))
    chain = await reading.chain(world.session, dossier=d)
    assert [s.punctuality for s in chain.steps[:2]] == ["on_time", "on_time"]
    assert chain.steps[1].paused_minutes == 1440
    # Without the pause the same finish would have been two working days late.
    assert (
        countdown.punctuality(
            finished_at=chain.steps[1].finished_at, due_at=datetime(2026, 3, 4, 8, 20, tzinfo=TZ)
        )
        == "late"
    )  # type: ignore[arg-type]
    leader_step = await world.current(d)
    assert leader_step.kind == "leader"
    d = await world.act(d, "approve", "lanhdao", datetime(2026, 3, 10, 9, 0, tzinfo=TZ))
    d = await world.act(
        d,
        "mark_done",
        "lanhdao",
        datetime(2026, 3, 11, 9, 0, tzinfo=TZ),
        result_number="1/2026",
        result_date=datetime(2026, 3, 11).date(),
    )
    chain = await reading.chain(world.session, dossier=d)
    assert chain.steps[2].punctuality == "late"  # due 10 March 12:10, finished the 11th
    assert chain.steps[3].kind == "return"
    assert chain.steps[3].finished_at is None


async def test_reminders_and_absences_act_once(world: World, connection: AsyncConnection) -> None:
    maker = joined_sessionmaker(connection)
    d = await world.receive(MONDAY)
    d = await world.act(
        d, "forward", "tiepnhan1", MONDAY + timedelta(minutes=20), assignee_id=world.staff["tuphap1"]
    )
    step = await world.current(d)
    # tuphap1 is away from Tuesday; nobody is named to take over.
    await work_service.record_absence(
        world.session,
        unit_id=world.unit.id,
        actor_id=world.staff["tuphap1"],
        is_leader=False,
        data=AbsenceCreate(
            kind="training",
            starts_at=datetime(2026, 3, 3, 0, 0, tzinfo=TZ),
            ends_at=datetime(2026, 3, 6, 17, 0, tzinfo=TZ),
        ),
        now=MONDAY,
    )
    await world.session.commit()
    assert (await world.current(d)).assignee_id == world.staff["tuphap1"]  # not started yet

    settings = world.database.settings
    tuesday = datetime(2026, 3, 3, 9, 0, tzinfo=TZ)
    first = await reminders.run_once(maker, settings, now=tuesday, unit_id=world.unit.id)
    assert first.absences_applied == 1
    # Due Wednesday 08:20, within one working day of Tuesday 09:00: due soon, for the new holder only.
    # ("assigned", telling tuphap2 of the hand-over, is the absence's own notification, not a reminder.)
    assert (first.due_soon, first.overdue, first.notifications) == (1, 0, 1)
    again = await reminders.run_once(maker, settings, now=tuesday, unit_id=world.unit.id)
    assert (again.absences_applied, again.due_soon, again.overdue, again.notifications) == (0, 0, 0, 0)

    await world.session.refresh(step)
    assert step.assignee_id == world.staff["tuphap2"]
    assert step.assigned_how == "auto"
    moved = await world.session.scalar(
        select(DossierEvent).where(DossierEvent.dossier_id == d.id).order_by(DossierEvent.seq.desc()).limit(1)
    )
    assert moved is not None
    assert moved.action == "reassign_absence"
    assert "tập huấn" in (moved.note or "")

    wednesday = datetime(2026, 3, 4, 9, 0, tzinfo=TZ)
    late = await reminders.run_once(maker, settings, now=wednesday, unit_id=world.unit.id)
    assert (late.due_soon, late.overdue) == (0, 1)
    assert late.notifications == 3  # the holder and both leaders
    assert (
        await reminders.run_once(maker, settings, now=wednesday, unit_id=world.unit.id)
    ).notifications == 0
    kinds = (
        await world.session.execute(
            select(Notification.kind, func.count())
            .where(Notification.step_id == step.id)
            .group_by(Notification.kind)
        )
    ).all()
    assert dict(kinds) == {"assigned": 1, "due_soon": 1, "overdue": 3}
    # The holder's kept counts moved with the marks: one open step, overdue.
    kept = await world.session.get(StaffWorkload, world.staff["tuphap2"], populate_existing=True)
    expected = await steps.recount(world.session, unit_id=world.unit.id)
    assert kept is not None
    assert (kept.open_steps, kept.due_soon, kept.overdue) == expected[world.staff["tuphap2"]]
    assert kept.overdue >= 1


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's API
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[_Inbox, int]]:
    inbox = _Inbox()
    with socket.socket() as probe:  # a free port (the controller checks its own port by connecting to it)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


async def test_notifications_are_emailed_once_when_smtp_is_set(
    world: World, connection: AsyncConnection, smtp: tuple[_Inbox, int]
) -> None:
    inbox, port = smtp
    maker = joined_sessionmaker(connection)
    for username in ("tuphap1", "lanhdao"):
        holder = await world.session.get(Staff, world.staff[username])
        assert holder is not None
        holder.email = f"{username}@vinhhung.test"
    d = await world.receive(MONDAY)
    await world.act(
        d, "forward", "tiepnhan1", MONDAY + timedelta(minutes=20), assignee_id=world.staff["tuphap1"]
    )
    await world.session.commit()
    settings = world.database.settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False}
    )
    wednesday = datetime(2026, 3, 4, 9, 0, tzinfo=TZ)
    result = await reminders.run_once(maker, settings, now=wednesday, unit_id=world.unit.id)
    assert result.emails_sent == 2  # tuphap1 and lanhdao have an address; phogiamdoc has none
    assert (await reminders.run_once(maker, settings, now=wednesday, unit_id=world.unit.id)).emails_sent == 0
    await asyncio.sleep(0)
    bodies = [message_from_string(m, policy=policy.default) for m in inbox.messages]
    assert sorted(str(b["To"]) for b in bodies) == ["lanhdao@vinhhung.test", "tuphap1@vinhhung.test"]
    for body in bodies:
        text = body.get_body().get_content()  # type: ignore[union-attr]
        assert f"Hồ sơ {d.code} đã quá hạn" in text


async def test_a_calendar_change_applies_to_the_next_step_due_time(world: World) -> None:
    """Auto-assignment reads the calendar's stamp with the candidates: a day off added meanwhile counts."""
    first = await world.act(
        await world.receive(MONDAY), "forward", "tiepnhan1", MONDAY + timedelta(minutes=20)
    )
    assert (await world.current(first)).due_at == datetime(2026, 3, 4, 8, 20, tzinfo=TZ)  # Mon + 2 days
    await calendar_service.add_day(
        world.session,
        unit_id=world.unit.id,
        data=CalendarDayCreate(date=date(2026, 3, 3), kind="day_off", name="Nghỉ đột xuất"),
    )
    await world.session.commit()
    second = await world.act(
        await world.receive(MONDAY), "forward", "tiepnhan1", MONDAY + timedelta(minutes=20)
    )
    # Tuesday is now off: the same two working days end on Thursday.
    assert (await world.current(second)).due_at == datetime(2026, 3, 5, 8, 20, tzinfo=TZ)
