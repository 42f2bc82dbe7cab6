"""Work lists: an officer's open steps ("My work", or an officer's as a leader sees it), the steps waiting in a
pool that one may claim, and the leader's board. Counts everywhere are `counts.counts_sql`.

My work is the console's busiest request (on opening, after each action, on a timer): one statement, sent as
a prepared statement straight to asyncpg, reads the account, the counts and the page, with the calendar's
stamp riding along. The "due soon" threshold needs the unit's calendar before the statement is sent: the one
this worker last loaded is used, and when the stamp the statement answers differs (an administrator changed
the calendar) the calendar is loaded again and the statement sent again, so a change applies to the next
request.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.absences import service as absences_service
from motcua.absences.models import Absence
from motcua.absences.schemas import AbsenceCreate
from motcua.assignment.candidates import competent_sql
from motcua.calendar import countdown, working_time
from motcua.calendar import service as calendar_service
from motcua.calendar.schemas import RemainingRead
from motcua.core.db import bind_cache_of, driver_connection
from motcua.core.errors import NotFound, Unauthorized
from motcua.core.pagination import PageParams
from motcua.core.schemas import PersonRef
from motcua.core.time import local_now, utcnow
from motcua.dossiers import handover
from motcua.dossiers.schemas import StatusInfo, status_info
from motcua.process_templates.plans import ROLE_OF_KIND
from motcua.staff.models import Staff
from motcua.units import service as units_service
from motcua.work.counts import counts_sql, due_soon_sql, overdue_sql
from motcua.work.schemas import Board, BoardDepartment, BoardStaff, WorkCounts, WorkItem, WorkPage

# ---------------------------------------------------------------------------------------------- items

# What a work list shows of a step and its dossier: a few columns, not the whole rows (documents, fees… as
# JSON), under the labels `_items` reads.
_ITEM_COLUMNS = """
    s.id AS step_id, s.name AS step_name, s.kind AS step_kind, s.started_at AS step_started_at,
    s.due_at AS step_due_at, s.paused_since, s.assignee_id, s.department_id,
    d.id AS dossier_id, d.code AS dossier_code, d.version AS dossier_version, d.status,
    d.procedure_code, d.procedure_name, d.applicant_name, d.due_at AS dossier_due_at
"""


def _trusted(cls: type[BaseModel], values: dict[str, Any]) -> Any:
    """The model `cls.model_construct(**values)` makes when `values` names every field: no validation, every
    field set, without `model_construct`'s loop over each field's aliases and defaults (a page builds forty:
    bench/NOTES.md). `test_items_are_the_models_model_construct_makes` fails if pydantic changes under it."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def _items(
    cal: working_time.WorkingCalendar, now: datetime, rows: Iterable[Any], names: dict[int, str]
) -> list[WorkItem]:
    """The work items of `rows` (asyncpg records or row mappings, read by label). Rows straight from the
    database and the engine: built without validation. A page holds one holder (my work) or none (the pool)
    and a few statuses: each of those is built once and shared by the items."""
    people: dict[int, PersonRef] = {}
    statuses: dict[int, StatusInfo] = {}
    left_until = countdown.Countdown(cal, now)
    out = []
    for r in rows:
        due_at, assignee_id, code = r["step_due_at"], r["assignee_id"], r["status"]
        running = r["paused_since"] is None
        remaining = None
        if due_at is not None and running:  # no working time left to show while the clock stands still
            left = left_until(due_at)
            remaining = _trusted(
                RemainingRead,
                {
                    "minutes": left.minutes,
                    "is_overdue": left.is_overdue,
                    "is_due_soon": left.is_due_soon,
                    "text_vi": left.text_vi,
                    "text_en": left.text_en,
                },
            )
        if assignee_id is None:
            person = None
        elif (person := people.get(assignee_id)) is None:
            person = people[assignee_id] = PersonRef.model_construct(
                id=assignee_id, full_name=names.get(assignee_id, "")
            )
        if (status := statuses.get(code)) is None:
            status = statuses[code] = status_info(code)
        out.append(
            _trusted(
                WorkItem,
                {
                    "step_id": r["step_id"],
                    "step_name": r["step_name"],
                    "step_kind": r["step_kind"],
                    "step_started_at": r["step_started_at"],
                    "step_due_at": due_at,
                    "remaining": remaining,
                    "is_paused": not running,
                    "assignee": person,
                    "department_id": r["department_id"],
                    "dossier_id": r["dossier_id"],
                    "dossier_code": r["dossier_code"],
                    "dossier_version": r["dossier_version"],
                    "status": status,
                    "procedure_code": r["procedure_code"],
                    "procedure_name": r["procedure_name"],
                    "applicant_name": r["applicant_name"],
                    "dossier_due_at": r["dossier_due_at"],
                },
            )
        )
    return out


def _counts(row: Any) -> WorkCounts:
    counts: WorkCounts = _trusted(
        WorkCounts,
        {
            "open": row["open_steps"],
            "due_soon": row["due_soon"],
            "overdue": row["overdue"],
            "paused": row["paused"],
        },
    )
    return counts


# -------------------------------------------------------------------------------------------- my work

# $1 staff, $2 unit, $3 now, $4 the due-soon threshold, $5 whether the account must be active (the caller's
# own work); the page's offset and limit are written in (see `_statement`).
#
# `me` is the account check. The counts are over all the officer's open steps and come from the covering
# partial index ix_dossier_steps_open_assignee alone (an index-only scan). The page walks the same index in due
# order (btree ASC puts NULLs last, as ORDER BY asks) up to the end of its page only. The answer is a head row
# (row_kind 0: the account, the calendar's stamp, the counts) and one row per step of the page; decoding is much
# of this statement's cost in the worker, so the head is sent once, not repeated on every step.
_OPEN = "s.assignee_id = $1 AND s.finished_at IS NULL AND EXISTS (SELECT FROM me)"
_MY_WORK = """
WITH me AS (
    SELECT full_name FROM staff WHERE id = $1 AND unit_id = $2 AND (is_active OR NOT $5::boolean)
), counts AS (
    SELECT {counts} FROM dossier_steps s WHERE {open}
), page AS (
    SELECT {columns}
    FROM dossier_steps s
    JOIN dossiers d ON d.id = s.dossier_id
    WHERE {mine}
    ORDER BY s.due_at NULLS LAST, s.id
    OFFSET {offset} LIMIT {limit}
)
SELECT 0 AS row_kind, me.full_name, {stamp} AS calendar_stamp, counts.*, {total} AS total, page.*
FROM counts
LEFT JOIN me ON true
LEFT JOIN page ON false
UNION ALL
SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, page.* FROM page
ORDER BY row_kind, step_due_at NULLS LAST, step_id
"""


def _only(test: str, wanted: bool | None) -> str:
    # NOT over SQL's three-valued logic, as for the dossier list: a step without a due time is in neither list of
    # a filter (the comparison is unknown either way).
    if wanted is None:
        return ""
    return f" AND ({test})" if wanted else f" AND NOT ({test})"


@functools.lru_cache(maxsize=256)
def _statement(*, due_soon: bool | None, overdue: bool | None, offset: int, limit: int) -> str:
    """The statement for one combination of the filters and one page, prepared once per connection. A filter
    written out rather than switched by a parameter keeps each plan on the index; the offset and the limit are
    written out too: with a parameter for either, PostgreSQL plans the prepared statement again at every
    execution (bench/NOTES.md). Both are whole numbers the API bounded."""
    soon, late = due_soon_sql("s", now="$3", soon="$4"), overdue_sql("s", now="$3")
    mine = f"{_OPEN} AND s.unit_id = $2{_only(late, overdue)}{_only(soon, due_soon)}"
    # Unfiltered, the total is the count of open steps. The filtered count needs no join: every step has its
    # dossier (a foreign key, not null).
    total = (
        "NULL::bigint"
        if due_soon is None and overdue is None
        else f"(SELECT count(*) FROM dossier_steps s WHERE {mine})"
    )
    return _MY_WORK.format(
        counts=counts_sql("s", now="$3", soon="$4"),
        open=_OPEN,
        columns=_ITEM_COLUMNS,
        mine=mine,
        offset=int(offset),
        limit=int(limit),
        stamp=calendar_service.stamp_sql("$2"),
        total=total,
    )


# A calendar changed again while it was being reloaded, twice in a row, is beyond reason: the answer then uses
# the calendar of a moment ago (the next request loads the newest).
_ATTEMPTS = 3


async def _calendar(
    maker: async_sessionmaker[AsyncSession], *, unit_id: int, stamp: datetime | Literal["read"] | None
) -> tuple[datetime | None, working_time.WorkingCalendar]:
    """The unit's calendar through the calendar module (which keeps its own copy by stamp), and the stamp it is
    current for: `stamp` as the statement answered it, or read here ("read": nothing known yet)."""
    async with maker() as session:
        if isinstance(stamp, str):
            stamp = await calendar_service.calendar_stamp(session, unit_id=unit_id)
        cal = await calendar_service.working_calendar(session, unit_id=unit_id, stamp=stamp)
    if stamp is not None:  # no stamp: the calendar was never set up, kept by nobody (as the calendar module)
        bind_cache_of(maker.kw["bind"], "work_calendars")[unit_id] = (stamp, cal)
    return stamp, cal


async def my_work(
    maker: async_sessionmaker[AsyncSession],
    *,
    unit_id: int,
    staff_id: int,
    page: PageParams,
    due_soon: bool | None = None,
    overdue: bool | None = None,
    own: bool = True,
) -> WorkPage:
    """An officer's open steps by step due time (the most urgent first), with the counts over all of them.
    `own`: the caller's own work, read with nothing but the token's claims: the statement checks the account
    (active, in the token's unit), which a token may outlive (401). Otherwise a leader's view of an officer of
    the unit (404 for anyone else). `maker` gives the connection (`core.db.driver_connection`)."""
    known: tuple[datetime | None, working_time.WorkingCalendar] | None = bind_cache_of(
        maker.kw["bind"], "work_calendars"
    ).get(unit_id)
    if known is None:
        known = await _calendar(maker, unit_id=unit_id, stamp="read")
    sql = _statement(due_soon=due_soon, overdue=overdue, offset=page.offset, limit=page.size)
    for attempt in range(_ATTEMPTS):
        stamp, cal = known
        now = utcnow()
        async with driver_connection(maker) as conn:
            rows = await conn.fetch(sql, staff_id, unit_id, now, countdown.due_soon_until(cal, now), own)
        head = rows[0]
        if head["full_name"] is None:
            if own:
                raise Unauthorized("Invalid or expired token")  # disabled, or moved to another unit
            raise NotFound("Staff member not found")
        if head["calendar_stamp"] == stamp or attempt == _ATTEMPTS - 1:
            break
        known = await _calendar(maker, unit_id=unit_id, stamp=head["calendar_stamp"])
    unfiltered = due_soon is None and overdue is None
    items = _items(cal, now, rows[1:], {staff_id: head["full_name"]})
    total = head["open_steps"] if unfiltered else head["total"]
    return WorkPage(items=items, total=int(total), page=page.page, size=page.size, counts=_counts(head))


# ----------------------------------------------------------------------------------------------- pool

_POOL = """
WITH pool AS (
    SELECT s.id, s.due_at, s.paused_since FROM dossier_steps s
    JOIN dossiers d ON d.id = s.dossier_id
    WHERE s.unit_id = :unit_id AND s.finished_at IS NULL AND s.assignee_id IS NULL
      AND (CAST(:department_id AS integer) IS NULL OR s.department_id = :department_id)
      AND (:everyone OR (
          s.kind = ANY (CAST(:kinds AS varchar[]))
          AND (s.department_id IS NULL OR s.department_id = CAST(:own_department AS integer))
          AND (s.kind <> 'specialist' OR {competent})
      ))
), counts AS (
    SELECT {counts} FROM pool s
), page AS (
    SELECT {columns}
    FROM dossier_steps s
    JOIN dossiers d ON d.id = s.dossier_id
    WHERE s.id IN (SELECT id FROM pool)
    ORDER BY s.due_at NULLS LAST, s.id
    OFFSET :offset LIMIT :limit
)
SELECT 0 AS row_kind, counts.*, page.* FROM counts LEFT JOIN page ON false
UNION ALL
SELECT 1, NULL, NULL, NULL, NULL, page.* FROM page
ORDER BY row_kind, step_due_at NULLS LAST, step_id
"""


async def pool(
    session: AsyncSession,
    *,
    unit_id: int,
    staff: Staff,
    roles: frozenset[str],
    department_id: int | None,
    page: PageParams,
) -> WorkPage:
    """Steps nobody holds that the caller could claim (leaders see every one): their department's, and the
    center-wide ones of a kind their role performs, with the counts over all of them."""
    now = utcnow()
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    statement = text(
        _POOL.format(
            counts=counts_sql("s", now=":now", soon=":soon"),
            competent=competent_sql(":staff_id", "d.sector_id", "d.procedure_id"),
            columns=_ITEM_COLUMNS,
        )
    )
    rows = (
        (
            await session.execute(
                statement,
                {
                    "unit_id": unit_id,
                    "department_id": department_id,
                    "everyone": "leader" in roles,
                    "kinds": [k for k, r in ROLE_OF_KIND.items() if r in roles],
                    "own_department": staff.department_id,
                    "staff_id": staff.id,
                    "now": now,
                    "soon": countdown.due_soon_until(cal, now),
                    "offset": page.offset,
                    "limit": page.size,
                },
            )
        )
        .mappings()
        .all()
    )
    counts = _counts(rows[0])
    return WorkPage(
        items=_items(cal, now, rows[1:], {}), total=counts.open, page=page.page, size=page.size, counts=counts
    )


# ---------------------------------------------------------------------------------------------- board

_BOARD_OPEN = """
SELECT s.assignee_id, s.department_id, {counts}
FROM dossier_steps s
WHERE s.unit_id = :unit_id AND s.finished_at IS NULL
GROUP BY s.assignee_id, s.department_id
"""
_BOARD_FINISHED = text(
    """
    SELECT s.finished_by_id, s.department_id, s.finished_at, s.due_at
    FROM dossier_steps s
    WHERE s.unit_id = :unit_id AND s.finished_at >= :month_start
    """
)
_BOARD_STAFF = f"""
SELECT s.id, s.full_name, s.department_id, {absences_service.absent_now_sql("s")} AS absent,
       ARRAY(SELECT r.role FROM staff_roles r WHERE r.staff_id = s.id ORDER BY r.role) AS roles
FROM staff s
WHERE s.unit_id = :unit_id AND s.is_active
ORDER BY s.full_name
"""


async def board(session: AsyncSession, *, unit_id: int) -> Board:
    """Per officer and per department: the counts of open steps, finished this month and the on-time share."""
    now = utcnow()
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    local = local_now()
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    open_rows = (
        (
            await session.execute(
                text(_BOARD_OPEN.format(counts=counts_sql("s", now=":now", soon=":soon"))),
                {"unit_id": unit_id, "now": now, "soon": countdown.due_soon_until(cal, now)},
            )
        )
        .mappings()
        .all()
    )
    finished = (
        await session.execute(_BOARD_FINISHED, {"unit_id": unit_id, "month_start": month_start})
    ).all()
    staff_rows = (await session.execute(text(_BOARD_STAFF), {"unit_id": unit_id, "now": now})).all()
    departments = await units_service.list_departments(session, unit_id=unit_id)

    def empty() -> dict[str, int]:
        return dict.fromkeys(
            ("open", "due_soon", "overdue", "paused", "finished", "on_time", "unassigned"), 0
        )

    per_staff: dict[int, dict[str, int]] = {}
    per_dep: dict[int | None, dict[str, int]] = {}
    unassigned = 0
    for r in open_rows:
        assignee, dep = r["assignee_id"], r["department_id"]
        buckets = [per_dep.setdefault(dep, empty())]
        if assignee is not None:
            buckets.append(per_staff.setdefault(assignee, empty()))
        for bucket in buckets:
            bucket["open"] += r["open_steps"]
            bucket["due_soon"] += r["due_soon"]
            bucket["overdue"] += r["overdue"]
            bucket["paused"] += r["paused"]
        if assignee is None:
            per_dep[dep]["unassigned"] += r["open_steps"]
            unassigned += r["open_steps"]
    for by, dep, fin, step_due in finished:
        # On time per step: finished on or before the step's due date (date level, DOMAIN.md).
        on_time = step_due is None or countdown.punctuality(finished_at=fin, due_at=step_due) != "late"
        buckets = [per_dep.setdefault(dep, empty())]
        if by is not None:
            buckets.append(per_staff.setdefault(by, empty()))
        for bucket in buckets:
            bucket["finished"] += 1
            bucket["on_time"] += int(on_time)

    def row(b: dict[str, int]) -> dict[str, Any]:
        return {
            "open": b["open"],
            "due_soon": b["due_soon"],
            "overdue": b["overdue"],
            "paused": b["paused"],
            "finished_this_month": b["finished"],
            "on_time_this_month": b["on_time"],
            "on_time_share": round(b["on_time"] / b["finished"], 4) if b["finished"] else None,
        }

    staff_out = [
        BoardStaff(
            staff=PersonRef(id=sid, full_name=name),
            department_id=dep,
            roles=list(roles),
            absent=bool(absent),
            **row(per_staff.get(sid, empty())),
        )
        for sid, name, dep, absent, roles in staff_rows
        if set(roles) - {"admin"}  # those who handle dossiers
    ]
    dep_out = [
        BoardDepartment(
            department_id=d.id,
            name=d.name,
            unassigned=per_dep.get(d.id, empty())["unassigned"],
            assignment_mode=d.assignment_mode,
            **row(per_dep.get(d.id, empty())),
        )
        for d in departments
    ]
    if None in per_dep:
        dep_out.append(
            BoardDepartment(
                department_id=None,
                name="Toàn trung tâm",
                unassigned=per_dep[None]["unassigned"],
                assignment_mode="auto",
                **row(per_dep[None]),
            )
        )
    return Board(staff=staff_out, departments=dep_out, unassigned=unassigned)


# ------------------------------------------------------------------------------------------- absences


async def record_absence(
    session: AsyncSession,
    *,
    unit_id: int,
    actor_id: int,
    is_leader: bool,
    data: AbsenceCreate,
    now: datetime | None = None,
) -> Absence:
    """Record an absence; when it has started, the absent officer's open work that falls due during it goes to
    the delegate or is re-assigned at once (as the reminder job does for absences that start later)."""
    absence = await absences_service.create(
        session, unit_id=unit_id, actor_id=actor_id, is_leader=is_leader, data=data
    )
    now = now or utcnow()
    if absence.starts_at <= now < absence.ends_at:
        await handover.apply_absence(session, absence=absence, now=now)
    return absence
