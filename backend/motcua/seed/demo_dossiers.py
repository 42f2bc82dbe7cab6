"""About 200 demo dossiers over the last three months, in every status, made through the real intake and
`transition()` (with their clocks set back), so that their codes, deadlines and events are all genuine."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar import service as calendar_service
from motcua.calendar import working_time
from motcua.core.config import Settings
from motcua.core.db import joined_sessionmaker
from motcua.core.time import LOCAL_TZ, utcnow
from motcua.dossiers import intake, transitions
from motcua.dossiers.models import Dossier
from motcua.dossiers.schemas import ActionIn, DossierCreate, DossierRead
from motcua.procedures import service as procedures_service
from motcua.staff.models import Staff, StaffRole
from motcua.units import service as units_service

# Procedures a commune counter sees most, with how often (civil status dominates).
PROCEDURES = [
    ("1.001193", 30),  # birth registration
    ("1.000894", 10),  # marriage registration
    ("1.000656", 8),  # death registration
    ("2.000815", 25),  # copy certification
    ("2.000635", 10),  # copy of a civil status extract
    ("1.010041", 8),  # residence confirmation
    ("1.004873", 8),  # marital status certificate (3 working days)
    ("1.014027", 6),  # social pension (10 working days)
    ("1.012796", 4),  # correcting a land use right certificate (8 working days)
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Quốc", "Hữu", "Đức", "Thanh", "Ngọc", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hà",
    "Hải",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Oanh",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vinh",
    "Yến",
]
HAMLETS = ["Thôn Nghĩa Hưng", "Thôn Yên Lập", "Thôn Đại Đồng", "Thôn Hạc Đình", "Khu Phố Chợ", "Thôn Đông"]
# Final status wanted → share of the dossiers.
OPEN_TARGETS = frozenset({2, 4, 5, 6, 9})
ONLINE_SUBMISSIONS = 6  # status 1, besides the `count` above
DEMO_DOSSIERS = 200  # received at the counter (`seed_dossiers`' count)
PLAN = [(10, 80), (9, 25), (4, 30), (2, 12), (5, 12), (6, 6), (3, 10), (7, 8), (8, 7), (4, 10)]


def _applicant(rng: random.Random) -> dict[str, Any]:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return {
        "full_name": name,
        "id_number": "025" + "".join(rng.choice("0123456789") for _ in range(9)),
        "birth_date": f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "phone": "09" + "".join(rng.choice("0123456789") for _ in range(8)),
        "address": f"{rng.choice(HAMLETS)}, xã Vĩnh Hưng, tỉnh Phú Thọ",
    }


async def seed_dossiers(
    session: AsyncSession, settings: Settings, *, unit_id: int, count: int = DEMO_DOSSIERS
) -> int:
    rng = random.Random(766)  # noqa: S311 - demo data; a fixed seed gives the same demo every time
    now = utcnow()
    calendar = await calendar_service.working_calendar(session, unit_id=unit_id)
    staff: dict[str, list[int]] = {}
    for staff_id, role in await session.execute(
        select(Staff.id, StaffRole.role)
        .join(StaffRole, StaffRole.staff_id == Staff.id)
        .where(Staff.unit_id == unit_id)
    ):
        staff.setdefault(role, []).append(staff_id)
    province_id = await units_service.province_of(session, unit_id=unit_id)
    checklists: dict[str, list[dict[str, Any]]] = {}
    for code, _weight in PROCEDURES:
        pinned = await procedures_service.version_in_force(session, province_id=province_id, code=code)
        if pinned is not None:
            checklists[code] = pinned[1].data.get("documents") or []
    codes = [c for c, _ in PROCEDURES if c in checklists]
    weights = [w for c, w in PROCEDURES if c in checklists]
    plan = [status for status, share in PLAN for _ in range(share)]
    rng.shuffle(plan)

    # Finished dossiers were received over the last 90 days; open ones mostly in the last two days (a center
    # keeps up with its work), a few earlier, so that the board and the reminders have late work to show.
    recent_days: list[date] = []
    day = now.astimezone(LOCAL_TZ).date()
    while len(recent_days) < 2:  # the last two working days (a weekend or Tết is skipped)
        opening = working_time.next_working_moment(
            calendar, datetime.combine(day, clock(0, 0), tzinfo=LOCAL_TZ)
        )
        if opening.date() == day and opening < now:
            recent_days.append(day)
        day -= timedelta(days=1)

    def received(target: int) -> datetime:
        if target in OPEN_TARGETS and rng.random() < 0.85:
            moment = datetime.combine(rng.choice(recent_days), clock(7, 0), tzinfo=LOCAL_TZ)
            return min(moment + timedelta(minutes=rng.uniform(0, 600)), now - timedelta(minutes=5))
        return now - timedelta(days=rng.uniform(0, 90), hours=rng.uniform(0, 8))

    # Received oldest first, always at a working moment.
    chosen = [plan[i % len(plan)] for i in range(count)]
    starts = sorted((received(target), target) for target in chosen)
    made = 0
    for start, target in starts:
        received_at = working_time.next_working_moment(calendar, start)
        while received_at >= now:  # drawn in a break the center has not yet reopened from: a day earlier
            start -= timedelta(days=1)
            received_at = working_time.next_working_moment(calendar, start)
        code = rng.choices(codes, weights)[0]
        checklist = checklists[code]
        documents = [
            {
                "index": k,
                "originals": max(1, int(d.get("originals") or 1)),
                "copies": int(d.get("copies") or 0),
            }
            for k, d in enumerate(checklist)
            if d.get("mandatory") or rng.random() < 0.2
        ]
        body: dict[str, Any] = {
            "procedure_code": code,
            "applicant": _applicant(rng),
            "documents": documents,
            "delivery": "counter",
        }
        if target == 3:
            body.update(
                documents=[], if_incomplete="refuse", reason="Thiếu giấy tờ bắt buộc, công dân chưa bổ sung"
            )
            if not any(d.get("mandatory") for d in checklist):
                target = 7
                body.update(documents=documents, if_incomplete="reject", reason=None)
        receptionist = rng.choice(staff["receptionist"])
        made_now = await _receive(
            session, settings, unit_id=unit_id, actor_id=receptionist, body=body, now=received_at
        )
        dossier = await session.get(Dossier, made_now.id)
        assert dossier is not None
        made += 1
        await _advance(
            session, dossier=dossier, target=target, staff=staff, rng=rng, calendar=calendar, now=now
        )
    # Status 1: a few submissions that came in online or by post today and yesterday, waiting to be checked
    # and received at the counter (their own random stream, so the dossiers above stay the same).
    online = random.Random(1)  # noqa: S311 - demo data
    for _ in range(ONLINE_SUBMISSIONS):
        code = online.choices(codes, weights)[0]
        body = {
            "procedure_code": code,
            "channel": online.choice((2, 2, 2, 3)),
            "applicant": _applicant(online),
            "documents": [
                {"index": k, "originals": 1, "copies": 0}
                for k, d in enumerate(checklists[code])
                if d.get("mandatory") and online.random() < 0.9  # now and then one is missing
            ],
            "awaiting_reception": True,
        }
        moment = datetime.combine(online.choice(recent_days), clock(7, 0), tzinfo=LOCAL_TZ)
        submitted = min(moment + timedelta(minutes=online.uniform(0, 600)), now - timedelta(minutes=5))
        await _receive(
            session,
            settings,
            unit_id=unit_id,
            actor_id=online.choice(staff["receptionist"]),
            body=body,
            now=submitted,
        )
        made += 1
    return made


async def _receive(
    session: AsyncSession,
    settings: Settings,
    *,
    unit_id: int,
    actor_id: int,
    body: dict[str, Any],
    now: datetime,
) -> DossierRead:
    """Through the counter's own intake, in the seed's transaction, its clock set back to `now`."""
    await session.flush()  # what the seed wrote so far, before the intake's statement reads it
    received = await intake.receive(
        joined_sessionmaker(await session.connection()),
        settings,
        actor_id=actor_id,
        unit_id=unit_id,
        roles=frozenset({"receptionist"}),
        data=DossierCreate.model_validate(body),
        idempotency_key=None,
        now=now,
    )
    return received.dossier


async def _advance(
    session: AsyncSession,
    *,
    dossier: Dossier,
    target: int,
    staff: dict[str, list[int]],
    rng: random.Random,
    calendar: working_time.WorkingCalendar,
    now: datetime,
) -> None:
    moment = dossier.received_at

    async def step(action: str, role: str, payload: ActionIn, hours: float) -> bool:
        nonlocal moment
        moment = working_time.add_working_minutes(calendar, moment, int(hours * 60))
        if moment >= now:
            return False
        await transitions.transition(
            session,
            dossier=dossier,
            action=action,
            actor_id=rng.choice(staff[role]),
            roles=frozenset({role}),
            expected_version=dossier.version,
            payload=payload,
            now=moment,
        )
        return True

    if target in (2, 3):
        return
    if not await step("forward", "receptionist", ActionIn(to_step="Chuyên viên xử lý"), rng.uniform(0.2, 1)):
        return
    if target == 5:
        await step(
            "request_supplement",
            "specialist",
            ActionIn(missing_documents=["Bản sao giấy tờ chứng minh nơi cư trú"], reason="Hồ sơ chưa đầy đủ"),
            rng.uniform(1, 6),
        )
        return
    if target == 6:
        await step("request_payment", "specialist", ActionIn(amount_vnd=8000, reason="Phí cấp bản sao"), 1)
        return
    if target == 7:
        await step(
            "withdraw", "receptionist", ActionIn(reason="Công dân có đơn xin rút hồ sơ"), rng.uniform(1, 8)
        )
        return
    if target == 8:
        await step(
            "stop", "leader", ActionIn(reason="Hồ sơ thuộc thẩm quyền cơ quan khác"), rng.uniform(2, 10)
        )
        return
    if target == 4:
        return
    # The specialist's draft goes to the leader's step (form 06: one more hand-over) for approval.
    if not await step("forward", "specialist", ActionIn(), rng.uniform(1, 6)):
        return
    # A few dossiers take longer than the law allows, so that the statistics have late ones to show.
    slow = rng.random() < 0.12
    if not await step(
        "approve", "leader", ActionIn(decision_note="Đồng ý"), rng.uniform(1, 4) + (16 if slow else 0)
    ):
        return
    done = await step(
        "mark_done",
        "specialist",
        ActionIn(result_number=f"{rng.randint(1, 999)}/{moment.year}", result_date=moment.date()),
        rng.uniform(0.3, 2),
    )
    if done and target == 10:
        await step(
            "return_result",
            "receptionist",
            ActionIn(collected_by=dossier.applicant_name, relation="Bản thân", id_checked=True),
            rng.uniform(0.5, 12),
        )
