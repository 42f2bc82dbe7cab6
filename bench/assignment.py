"""Auto-assignment under load, in-process, on PostgreSQL (issue 4): 50 specialists of one department share
100,000 open dossier steps; then dossiers received at the counter are forwarded, each forward choosing the
least loaded of the 50 through the app's own `transition()` (lock, candidates, their loads over the 100,000
open steps, the new step, the event), several at once, each in its own transaction as a request would be.

`prepare()` adds the staff and the open steps (asyncpg COPY, onto the generated dossiers that have no step
yet) and returns the username whose "My work" the HTTP scenario reads; `measure()` times the forwards.
"""

# ruff: noqa: S311 - random benchmark data

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

STAFF = 50
OPEN_STEPS = 100_000
MY_WORK_USER = "chuyenvien00"  # the specialist whose "My work" the HTTP scenario reads
PASSWORD = "demo1234"  # noqa: S105 - benchmark accounts on a throwaway database
STEP_COLUMNS = (
    "unit_id",
    "dossier_id",
    "seq",
    "position",
    "name",
    "kind",
    "department_id",
    "assignee_id",
    "assigned_at",
    "assigned_how",
    "started_at",
    "budget_minutes",
    "due_at",
    "paused_minutes",
    "reminder_level",
)


async def prepare(
    dsn: str, *, staff: int = STAFF, open_steps: int = OPEN_STEPS, seed: int = 7, log: Callable[[str], None]
) -> dict[str, Any]:
    """50 specialists of a new department, competent for every sector of the catalog, and `open_steps` open
    steps spread over them (due from one day ago to 20 days ahead: a few late, most not)."""
    import asyncpg  # type: ignore[import-untyped]

    from motcua.core.security import hash_password

    rng = random.Random(seed)
    conn = await asyncpg.connect(dsn)
    try:
        unit_id = await conn.fetchval("SELECT id FROM units ORDER BY id LIMIT 1")
        department_id = await conn.fetchval(
            "INSERT INTO departments (unit_id, name, code, is_active, created_at, assignment_mode)"
            " VALUES ($1, 'Phòng Chuyên môn (bench)', 'BENCH', true, now(), 'auto') RETURNING id",
            unit_id,
        )
        password_hash = hash_password(PASSWORD)
        sectors = [r[0] for r in await conn.fetch("SELECT id FROM sectors")]
        ids: list[int] = []
        for i in range(staff):
            sid = await conn.fetchval(
                "INSERT INTO staff (unit_id, username, full_name, password_hash, is_active, department_id,"
                " created_at, updated_at) VALUES ($1, $2, $3, $4, true, $5, now(), now()) RETURNING id",
                unit_id,
                f"chuyenvien{i:02d}",
                f"Chuyên viên {i:02d}",
                password_hash,
                department_id,
            )
            ids.append(sid)
        await conn.executemany(
            "INSERT INTO staff_roles (staff_id, role) VALUES ($1, 'specialist')", [(i,) for i in ids]
        )
        await conn.copy_records_to_table(
            "staff_sectors", records=[(i, s) for i in ids for s in sectors], columns=("staff_id", "sector_id")
        )
        dossiers = [
            r[0]
            for r in await conn.fetch(
                "SELECT d.id FROM dossiers d WHERE d.unit_id = $1 AND NOT EXISTS"
                " (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id) ORDER BY d.id DESC LIMIT $2",
                unit_id,
                open_steps,
            )
        ]
        now = datetime.now(UTC)
        rows = []
        for n, dossier_id in enumerate(dossiers):
            started = now - timedelta(hours=rng.uniform(1, 24 * 10))
            rows.append(
                (
                    unit_id,
                    dossier_id,
                    1,
                    1,
                    "Chuyên viên xử lý",
                    "specialist",
                    department_id,
                    ids[n % staff],
                    started,
                    "auto",
                    started,
                    960,
                    now + timedelta(hours=rng.uniform(-24, 24 * 20)),
                    0,
                    0,
                )
            )
        started_at = time.perf_counter()
        await conn.copy_records_to_table("dossier_steps", records=rows, columns=STEP_COLUMNS)
        # The kept workloads, as the app's hand-overs would have left them (see assignment/models.py).
        per_staff = dict.fromkeys(ids, 0)
        for row in rows:
            per_staff[row[7]] += 1
        await conn.copy_records_to_table(
            "staff_workloads",
            records=[(i, n, 0, 0) for i, n in per_staff.items()],
            columns=("staff_id", "open_steps", "due_soon", "overdue"),
        )
        # Birth registrations go to this department's specialists (the 50), through a process template.
        procedure_id = await conn.fetchval("SELECT id FROM procedures WHERE code = '1.001193' LIMIT 1")
        template_id = await conn.fetchval(
            "INSERT INTO process_templates (unit_id, procedure_id, name, created_at, updated_at)"
            " VALUES ($1, $2, 'Đăng ký khai sinh (bench)', now(), now()) RETURNING id",
            unit_id,
            procedure_id,
        )
        await conn.executemany(
            "INSERT INTO process_steps (template_id, position, name, kind, department_id, budget_minutes)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            [
                (template_id, 0, "Tiếp nhận", "reception", None, 30),
                (template_id, 1, "Chuyên viên xử lý", "specialist", department_id, 240),
                (template_id, 2, "Lãnh đạo phê duyệt", "leader", None, 120),
                (template_id, 3, "Trả kết quả", "return", None, 90),
            ],
        )
        # Autovacuum would have passed over a center's steady state; a fresh COPY has not been yet.
        await conn.execute("VACUUM ANALYZE dossier_steps")
        await conn.execute(
            "ANALYZE staff; ANALYZE staff_sectors; ANALYZE staff_roles; ANALYZE staff_workloads"
        )
        log(
            f"assignment: {staff} specialists, {len(rows):,} open steps in {time.perf_counter() - started_at:.1f} s"
        )
        return {
            "unit_id": unit_id,
            "department_id": department_id,
            "staff": staff,
            "open_steps": len(rows),
            "my_work_user": MY_WORK_USER,
            "my_work_open_steps": sum(1 for n in range(len(rows)) if n % staff == 0),
        }
    finally:
        await conn.close()


def _birth_registration(rng: random.Random) -> dict[str, Any]:
    """A birth registration (1.001193) with the three documents of the Law on Civil Status checklist."""
    return {
        "procedure_code": "1.001193",
        "channel": 1,
        "applicant": {
            "full_name": rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Cường", "Phạm Thu Dung"]),
            "id_number": f"0251{rng.randrange(10**8):08d}",
            "phone": f"09{rng.randrange(10**8):08d}",
            "address": "Thôn Đại Đồng, xã Vĩnh Hưng, tỉnh Phú Thọ",
        },
        "documents": [{"index": i, "originals": 1} for i in range(3)],
        "fees": [],
    }


async def _measure(
    db_url: str, *, department_id: int, forwards: int, concurrency: int, log: Callable[[str], None]
) -> dict[str, Any]:
    from sqlalchemy import exists, select

    import motcua.models  # noqa: F401 - every table known before the first flush
    from motcua.core.config import Settings
    from motcua.core.db import create_engine, create_sessionmaker
    from motcua.core.time import utcnow
    from motcua.dossiers import intake, transitions
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.schemas import ActionIn, DossierCreate

    settings = Settings(database_url=db_url, environment="development", reminders_interval_seconds=0)
    engine = create_engine(settings)
    maker = create_sessionmaker(engine)
    try:
        async with maker() as session, session.begin():
            from motcua.staff.models import Staff

            counter = await session.scalar(select(Staff).where(Staff.username == "tiepnhan1"))
            assert counter is not None
        # The dossiers to forward: received now through the app's intake (not measured).
        rng = random.Random(11)
        ids: list[int] = []
        for _ in range(forwards):
            received = await intake.receive(
                maker,
                settings,
                unit_id=counter.unit_id,
                actor_id=counter.id,
                roles=frozenset({"receptionist"}),
                data=DossierCreate.model_validate(_birth_registration(rng)),
                idempotency_key=None,
            )
            ids.append(received.dossier.id)
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in ids:
            queue.put_nowait(i)
        latencies: list[float] = []
        chosen: dict[int, int] = {}

        async def worker() -> None:
            while not queue.empty():
                dossier_id = queue.get_nowait()
                began = time.perf_counter()
                async with maker() as session, session.begin():
                    dossier = await session.scalar(
                        select(Dossier).where(Dossier.id == dossier_id).with_for_update()
                    )
                    assert dossier is not None
                    await transitions.transition(
                        session,
                        dossier=dossier,
                        action="forward",
                        actor_id=counter.id,
                        roles=frozenset({"receptionist"}),
                        expected_version=dossier.version,
                        payload=ActionIn(),
                    )
                latencies.append(time.perf_counter() - began)
                chosen[dossier_id] = 1

        # 1. Auto-assignment alone: a dossier enters the specialist step (`dossiers.steps.enter`: the unit's lock,
        #    the 50 candidates with their workloads, the choice, the step row, the workload counter), one
        #    transaction each.
        from motcua.dossiers import steps
        from motcua.dossiers.models import DossierStep
        from motcua.process_templates import plans

        plan = [
            plans.PlannedStep(
                name="Chuyên viên xử lý", kind="specialist", department_id=department_id, budget_minutes=240
            )
        ]
        async with engine.connect() as conn:
            bare = list(
                (
                    await conn.scalars(
                        select(Dossier.id)
                        .where(~exists().where(DossierStep.dossier_id == Dossier.id))
                        .order_by(Dossier.id)
                        .limit(forwards)
                    )
                ).all()
            )
        pending: asyncio.Queue[int] = asyncio.Queue()
        for i in bare:
            pending.put_nowait(i)
        pick_latencies: list[float] = []

        async def assigner() -> None:
            while not pending.empty():
                dossier_id = pending.get_nowait()
                began = time.perf_counter()
                async with maker() as session, session.begin():
                    dossier = await session.get(Dossier, dossier_id)
                    assert dossier is not None
                    step = await steps.enter(
                        session,
                        dossier=dossier,
                        plan=plan,
                        position=0,
                        seq=1,
                        now=utcnow(),
                        assignee_id=None,
                        how=None,
                    )
                    assert step.assignee_id is not None
                pick_latencies.append(time.perf_counter() - began)

        wall_a, cpu_a = time.perf_counter(), time.process_time()
        await asyncio.gather(*(assigner() for _ in range(concurrency)))
        wall_a, cpu_a = time.perf_counter() - wall_a, time.process_time() - cpu_a
        pick_latencies.sort()
        alone = {
            "assignments": len(pick_latencies),
            "seconds": round(wall_a, 3),
            "assignments_per_second": round(len(pick_latencies) / wall_a, 1) if wall_a else 0,
            "process_cpu_ms_per_assignment": round(cpu_a / max(len(pick_latencies), 1) * 1000, 2),
            "p50_ms": round(statistics.median(pick_latencies) * 1000, 2) if pick_latencies else None,
            "p99_ms": round(pick_latencies[max(int(len(pick_latencies) * 0.99) - 1, 0)] * 1000, 2)
            if pick_latencies
            else None,
        }
        log(f"assignment alone: {alone}")

        # 2. The whole forward (workflow transition, event, hand-over and auto-assignment).
        wall = time.perf_counter()
        cpu = time.process_time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - wall
        cpu = time.process_time() - cpu
        async with maker() as session:
            spread = (
                (
                    await session.execute(
                        select(DossierStep.assignee_id).where(
                            DossierStep.dossier_id.in_(ids), DossierStep.finished_at.is_(None)
                        )
                    )
                )
                .scalars()
                .all()
            )
        per_person: dict[int, int] = {}
        for a in spread:
            if a is not None:
                per_person[a] = per_person.get(a, 0) + 1
        latencies.sort()
        result = {
            "assignment_alone": alone,
            "forwards": len(latencies),
            "concurrency": concurrency,
            "seconds": round(wall, 3),
            "assignments_per_second": round(len(latencies) / wall, 1),
            "process_cpu_ms_per_assignment": round(cpu / len(latencies) * 1000, 2),
            "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2),
            "assignees": len(per_person),
            "per_assignee_min_max": [min(per_person.values()), max(per_person.values())]
            if per_person
            else [0, 0],
        }
        log(f"assignment: {result}")
        return result
    finally:
        await engine.dispose()


def measure(
    db_url: str, *, department_id: int, forwards: int = 2000, concurrency: int = 4, log: Callable[[str], None]
) -> dict[str, Any]:
    return asyncio.run(
        _measure(db_url, department_id=department_id, forwards=forwards, concurrency=concurrency, log=log)
    )
