"""An officer's "My work" on PostgreSQL in one statement, on the driver's own connection.

Every officer's console asks for this page all day (on opening, after each action, on a timer), so it is the
busiest authenticated read. The portable version (`service.my_work` behind `CurrentStaff`, used on SQLite)
takes four ORM statements in a transaction: the account and its roles, the calendar's stamp, the counts, the
page. Here they are one statement sent as a prepared statement straight to asyncpg: one round trip, no
session, no transaction, no statement compilation, no ORM (a statement through the async ORM costs about
0.8 ms of CPU, several times what is left of this request). Behaviour is the same:

- The token's claims are verified without the database (`TokenClaims`); the statement checks the account
  as `principal_for` does (it exists, is active, is still in the token's unit) and reads nothing of an
  account that fails, which then gets exactly the portable answer (401) from the caller.
- The "due soon" threshold needs the unit's working calendar before the statement is sent: the calendar
  this worker last loaded is used, and the statement answers the calendar's current stamp with the rest.
  When that stamp is not the one the calendar was loaded under (an administrator changed the calendar),
  the calendar is loaded again and the statement sent again, so a change applies to the next request.
- The counts, the filters, the order and the page are those of `service.my_work`, and the items are built
  by the same code (`service.work_page`).
"""

from __future__ import annotations

import functools
import weakref
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.assignment import service
from motcua.assignment.schemas import WorkCounts, WorkPage
from motcua.calendar import service as calendar_service
from motcua.core.db import driver_connection, utcnow
from motcua.core.pagination import PageParams
from motcua.core.security import AccessClaims
from motcua.dossiers.deadlines import WorkingCalendar

# $1 staff, $2 unit, $3 now, $4 the due-soon threshold (`service.soon_threshold`); the page's offset and limit
# are written in (see `statement`).
#
# `me` is the account check. The counts are over all the officer's open steps, in any unit, as in
# `service.my_work`; they come from the covering partial index ix_dossier_steps_open_assignee alone (an
# index-only scan). The page walks the same index in due order, the most urgent first (btree ASC puts NULLs
# last, as ORDER BY asks), and reads the rows up to the end of its page only. A paused step is neither due
# soon nor overdue: its clock stands still.
#
# The answer is a head row (row_kind 0: the account, the calendar's stamp, the counts) and then one row per
# step of the page, with the columns `service._items` reads; each row leaves the other part's columns null.
# Decoding is much of this statement's cost in the worker (a timestamp about 1 µs), so the head is sent
# once, not repeated on every step. The head takes the page's columns, all null, from a join on false.
_OPEN = "s.assignee_id = $1 AND s.finished_at IS NULL AND EXISTS (SELECT FROM me)"
_NEAR = "s.paused_since IS NULL AND s.due_at >= $3 AND s.due_at <= $4"
_LATE = "s.paused_since IS NULL AND s.due_at < $3"
_STATEMENT = """
WITH me AS (
    SELECT full_name FROM staff WHERE id = $1 AND unit_id = $2 AND is_active
), counts AS (
    SELECT count(*) AS open_steps,
           count(*) FILTER (WHERE {near}) AS due_soon,
           count(*) FILTER (WHERE {late}) AS overdue
    FROM dossier_steps s
    WHERE {open}
), page AS (
    SELECT s.id AS step_id, s.name AS step_name, s.kind AS step_kind, s.started_at AS step_started_at,
           s.due_at AS step_due_at, s.paused_since, s.assignee_id, s.department_id,
           d.id AS dossier_id, d.code AS dossier_code, d.version AS dossier_version, d.status,
           d.procedure_code, d.procedure_name, d.applicant_name, d.due_at AS dossier_due_at
    FROM dossier_steps s
    JOIN dossiers d ON d.id = s.dossier_id
    WHERE {mine}
    ORDER BY s.due_at NULLS LAST, s.id
    OFFSET {offset} LIMIT {limit}
)
SELECT 0 AS row_kind, me.full_name, cal.updated_at AS calendar_stamp, counts.*, {total} AS total, page.*
FROM counts
LEFT JOIN me ON true
LEFT JOIN calendar_settings cal ON cal.unit_id = $2
LEFT JOIN page ON false
UNION ALL
SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, page.* FROM page
ORDER BY row_kind, step_due_at NULLS LAST, step_id
"""
_FILTERED_TOTAL = "(SELECT count(*) FROM dossier_steps s WHERE {mine})"


def _only(test: str, wanted: bool | None) -> str:
    # As the ORM's `~and_(...)`: NOT over SQL's three-valued logic, so that a step without a due time is in
    # neither list of a filter (the comparison is unknown either way).
    if wanted is None:
        return ""
    return f" AND ({test})" if wanted else f" AND NOT ({test})"


@functools.lru_cache(maxsize=256)
def statement(*, due_soon: bool | None, overdue: bool | None, offset: int, limit: int) -> str:
    """The statement for one combination of the filters and one page, prepared once per connection (asyncpg
    keeps the last hundred; the console asks for a handful). A filter written out rather than switched by a
    parameter keeps each plan on the index. The offset and the limit are written out too: PostgreSQL plans a
    prepared statement again at each execution unless its generic plan looks no dearer than the plans made
    for the values, and with a parameter for either it assumes a tenth of the rows (168 of the 1,680 steps
    it expects of an officer instead of a page of 20): every request was planned again, measured at 0.65 ms
    of the database's CPU out of 1.64 ms. Both are whole numbers the API bounded."""
    mine = f"{_OPEN} AND s.unit_id = $2{_only(_LATE, overdue)}{_only(_NEAR, due_soon)}"
    # Unfiltered, the total is the count of open steps. The filtered count needs no join: every step has
    # its dossier (a foreign key, not null).
    total = "NULL::bigint" if due_soon is None and overdue is None else _FILTERED_TOTAL.format(mine=mine)
    return _STATEMENT.format(
        open=_OPEN, near=_NEAR, late=_LATE, total=total, mine=mine, offset=int(offset), limit=int(limit)
    )


# This worker's calendar of each unit with the stamp it was loaded under, per database binding (as
# `core.db.bind_cache`, which needs a session: this path opens none unless the calendar changed).
_CALENDARS: weakref.WeakKeyDictionary[Any, dict[int, tuple[datetime, WorkingCalendar]]] = (
    weakref.WeakKeyDictionary()
)
# A calendar changed again while it was being reloaded, twice in a row, is beyond reason: the answer then
# uses the calendar of a moment ago (the next request loads the newest).
_ATTEMPTS = 3


async def _load_calendar(
    maker: async_sessionmaker[AsyncSession], *, unit_id: int, stamp: datetime | Literal["read"] | None
) -> tuple[datetime | None, WorkingCalendar]:
    """The unit's calendar through the calendar module (which keeps its own copy by stamp), and the stamp it
    is current for: `stamp` as the statement answered it, or read here ("read", nothing known yet)."""
    async with maker() as session:
        if isinstance(stamp, str):
            stamp = await calendar_service.calendar_stamp(session, unit_id=unit_id)
        cal = await calendar_service.working_calendar(session, unit_id=unit_id, stamp=stamp)
    if stamp is not None:  # no stamp: the calendar was never set up, kept by nobody (as the calendar module)
        _CALENDARS.setdefault(maker.kw["bind"], {})[unit_id] = (stamp, cal)
    return stamp, cal


async def my_work(
    maker: async_sessionmaker[AsyncSession],
    claims: AccessClaims,
    *,
    page: PageParams,
    due_soon: bool | None = None,
    overdue: bool | None = None,
) -> WorkPage | None:
    """The caller's page of work, or None when their account fails the check of `principal_for` (the caller
    answers through it). `maker` gives the connection (`core.db.driver_connection`)."""
    unit_id = claims.unit_id
    known: tuple[datetime | None, WorkingCalendar] | None = _CALENDARS.get(maker.kw["bind"], {}).get(unit_id)
    if known is None:
        known = await _load_calendar(maker, unit_id=unit_id, stamp="read")
    sql = statement(due_soon=due_soon, overdue=overdue, offset=page.offset, limit=page.size)
    for attempt in range(_ATTEMPTS):
        stamp, cal = known
        now = utcnow()
        async with driver_connection(maker) as conn:
            rows = await conn.fetch(sql, claims.staff_id, unit_id, now, service.soon_threshold(cal, now))
        head = rows[0]
        if head["full_name"] is None:
            return None
        if head["calendar_stamp"] == stamp or attempt == _ATTEMPTS - 1:
            break
        known = await _load_calendar(maker, unit_id=unit_id, stamp=head["calendar_stamp"])
    unfiltered = due_soon is None and overdue is None
    return service.work_page(
        cal,
        now,
        rows[1:],
        names={claims.staff_id: head["full_name"]},
        page=page,
        total=head["open_steps"] if unfiltered else head["total"],
        counts=WorkCounts(open=head["open_steps"], due_soon=head["due_soon"], overdue=head["overdue"]),
    )
