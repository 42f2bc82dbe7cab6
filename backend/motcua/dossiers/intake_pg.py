"""Dossier intake on PostgreSQL in one statement, on the driver's own connection.

The intake is the center's busiest write: every citizen at the counter is one. `dossiers.service.receive` is
the portable version, used on SQLite and whenever this one cannot answer: about fifteen ORM statements in a
transaction (the account and its roles, the idempotency key, the unit and its stamps, the templates, the
day's number, the dossier, its first step, its event, the key's dossier, then `read` for the answer).

Here `dossiers.service.draft_intake` decides every row first, in Python, from what this worker keeps in
memory (the unit's code and stamps as its last intake read them, the calendar, the catalog's version in
force, the process templates), and one statement with data-modifying CTEs then does all the writing, sent as
a prepared statement straight to asyncpg: no transaction round trips, no ORM, no reading back. The statement
first checks, under its own snapshot, everything the draft took on trust: the account is active in the unit
and is a receptionist, and the unit's stamps are those the draft was made with. When a check fails, or the
idempotency key was used before, it writes nothing and the caller takes the portable path, which reads
everything again, words the refusals and refreshes this worker's caches.

Behaviour is the same as the portable path's (tests compare the two): the key is claimed before the number
is taken, a parallel request with the same key waits for the first one, the day's counter row is locked
from the number until the statement commits (so codes are 1..N without gaps: a failed statement gives its
number back), and the rows written are those of the draft.
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.assignment.models import DossierStep
from motcua.core.config import Settings
from motcua.core.db import driver_connection, utcnow
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers import service
from motcua.dossiers.models import Dossier, DossierEvent, DossierPause
from motcua.dossiers.schemas import DossierCreate, DossierRead, PersonRef
from motcua.dossiers.service import IntakeDraft
from motcua.units.service import IntakeUnit

_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]

# The checks and the writes. $1 actor, $2 unit, $3 province, $4 calendar stamp, $5 catalog revision,
# $6 process revision, $7 Idempotency-Key (or NULL), $8 request hash, $9 now, $10 the local day; the
# columns of the rows follow (see `_columns`).
_HEAD = """
WITH me AS MATERIALIZED (
    SELECT s.full_name, u.unit_code,
           ARRAY(SELECT r.role FROM staff_roles r WHERE r.staff_id = s.id) AS roles
    FROM staff s
    JOIN units u ON u.id = s.unit_id
    LEFT JOIN calendar_settings c ON c.unit_id = u.id
    LEFT JOIN catalog_revisions cr ON cr.province_id = u.province_id
    WHERE s.id = $1 AND s.unit_id = $2 AND s.is_active
      AND EXISTS (SELECT FROM staff_roles r WHERE r.staff_id = s.id AND r.role = 'receptionist')
      AND u.province_id = $3
      AND c.updated_at IS NOT DISTINCT FROM $4::timestamptz
      AND coalesce(cr.revision, 0) = $5
      AND u.process_revision = $6
), new AS MATERIALIZED (
    SELECT nextval(pg_get_serial_sequence('dossiers', 'id')) AS id FROM me
), claim AS (
    -- Waits for a parallel request holding the same key; then claims nothing, and the caller answers with
    -- that request's dossier (or 409) on the portable path.
    INSERT INTO idempotency_keys (unit_id, key, request_hash, created_at, dossier_id)
    SELECT $2, $7, $8, $9, new.id FROM new WHERE $7::varchar IS NOT NULL
    ON CONFLICT (unit_id, key) DO NOTHING
    RETURNING dossier_id
), go AS MATERIALIZED (
    SELECT new.id FROM new WHERE $7::varchar IS NULL OR EXISTS (SELECT FROM claim)
), num AS (
    -- The day's number (DOMAIN.md "Codes"): the counter row stays locked until this statement commits.
    INSERT INTO dossier_counters (unit_id, day, last_number) SELECT $2, $10, 1 FROM go
    ON CONFLICT (unit_id, day) DO UPDATE SET last_number = dossier_counters.last_number + 1
    RETURNING last_number
), dossier AS (
    INSERT INTO dossiers ({dossier_columns})
    SELECT {dossier_values} FROM go, num, me
    RETURNING id, code, number
), step AS (
    INSERT INTO dossier_steps ({step_columns}) SELECT {step_values} FROM dossier
), event AS (
    INSERT INTO dossier_events ({event_columns}) SELECT {event_values} FROM dossier
), pause AS (
    INSERT INTO dossier_pauses ({pause_columns}) SELECT {pause_values} FROM dossier WHERE {pause_wanted}
)
SELECT me.full_name, me.roles, dossier.id, dossier.code, dossier.number
FROM (SELECT) AS one
LEFT JOIN me ON true
LEFT JOIN dossier ON true
"""
_FIXED = 10  # the parameters above
_DOSSIERS, _STEPS, _EVENTS, _PAUSES = (
    cast(Table, model.__table__) for model in (Dossier, DossierStep, DossierEvent, DossierPause)
)


def _sql_type(table: Table, column: str) -> str:
    # Without its length: an explicit cast to varchar(n) would cut an over-long value silently, where the
    # assignment to the column refuses it.
    return re.sub(r"\(\d+\)", "", table.c[column].type.compile(dialect=_DIALECT))


def _columns(table: Table, computed: dict[str, str], params: list[tuple[str, str]]) -> tuple[str, str]:
    """The column list and the SELECT list of an insert: `computed` columns take their SQL expression, the
    others a parameter each (appended to `params` as (table, column), in the statement's order)."""
    names, values = [], []
    for column in table.columns:
        if column.name in computed:
            value = computed[column.name]
        elif column.primary_key:
            continue  # from its sequence
        else:
            params.append((table.name, column.name))
            value = f"${_FIXED + len(params)}::{_sql_type(table, column.name)}"
        names.append(f'"{column.name}"')
        values.append(value)
    return ", ".join(names), ", ".join(values)


def _statement() -> tuple[str, list[tuple[str, str]]]:
    params: list[tuple[str, str]] = []
    # `<unit code>-<YYMMDD>-<NNNN>`, as `dossiers.service.dossier_code` spells it (four digits at least).
    number = "num.last_number"
    code = (
        f"me.unit_code || '-' || to_char($10::date, 'YYMMDD') || '-' || "
        f"lpad({number}::text, greatest(4, length({number}::text)), '0')"
    )
    dossier_cols, dossier_vals = _columns(_DOSSIERS, {"id": "go.id", "code": code, "number": number}, params)
    step_cols, step_vals = _columns(_STEPS, {"dossier_id": "dossier.id"}, params)
    event_cols, event_vals = _columns(_EVENTS, {"dossier_id": "dossier.id"}, params)
    pause_cols, pause_vals = _columns(_PAUSES, {"dossier_id": "dossier.id"}, params)
    params.append(("", "pause_wanted"))
    text = _HEAD.format(
        dossier_columns=dossier_cols,
        dossier_values=dossier_vals,
        step_columns=step_cols,
        step_values=step_vals,
        event_columns=event_cols,
        event_values=event_vals,
        pause_columns=pause_cols,
        pause_values=pause_vals,
        pause_wanted=f"${_FIXED + len(params)}::boolean",
    )
    return text, params


INTAKE, _PARAMS = _statement()
_JSON_COLUMNS = {
    (table.name, column.name)
    for table in (_DOSSIERS, _STEPS, _EVENTS, _PAUSES)
    for column in table.columns
    if column.type.compile(dialect=_DIALECT) == "JSON"
}


def arguments(draft: IntakeDraft, *, actor_id: int, unit_id: int, stamps: IntakeUnit) -> list[Any]:
    """The statement's parameters for a draft; `stamps` are the unit's as the draft was made with them."""
    rows = {
        "dossiers": draft.dossier,
        "dossier_steps": draft.first_step,
        "dossier_events": draft.event,
        "dossier_pauses": draft.pause or {},  # no pause: its parameters are NULL and nothing is inserted
    }
    values: list[Any] = [
        actor_id,
        unit_id,
        stamps.province_id,
        stamps.calendar_stamp,
        stamps.catalog_revision,
        stamps.process_revision,
        draft.idempotency_key,
        draft.request_hash,
        draft.dossier["received_at"],
        draft.day,
    ]
    for table, column in _PARAMS:
        if table == "":  # the last one: whether to insert the pause
            values.append(draft.pause is not None)
            continue
        row = rows[table]
        assert row is not None
        value = row.get(column) if table == "dossier_pauses" else row[column]
        if (table, column) in _JSON_COLUMNS:
            value = json.dumps(value, ensure_ascii=False)  # None as JSON null, as the ORM writes it
        values.append(value)
    return values


async def receive(
    maker: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    actor_id: int,
    unit_id: int,
    data: DossierCreate,
    idempotency_key: str | None,
) -> DossierRead | None:
    """Receive a dossier in one statement and answer its staff view; None when this path cannot answer and
    the portable one must (see the module)."""
    async with maker() as session:  # for this worker's caches: it reads nothing when they are current
        unit = service.known_unit(session, unit_id=unit_id)
        if unit is None:
            return None
        try:
            draft = await service.draft_intake(
                session,
                unit_id=unit_id,
                unit=unit,
                actor_id=actor_id,
                data=data,
                idempotency_key=idempotency_key,
                request_hash=service.hash_request(data),
                now=utcnow(),
            )
        except (InvalidInput, Conflict):
            return None  # refused on what this worker keeps: the portable path words it from fresh data
    first = draft.first_step
    if first is None:
        # A registration awaiting reception (status 1: no step yet), or a plan whose first step's officer
        # must be chosen among the staff (`assignment.service.start`): the portable path writes those.
        return None
    async with driver_connection(maker) as conn:
        row = await conn.fetchrow(INTAKE, *arguments(draft, actor_id=actor_id, unit_id=unit_id, stamps=unit))
    if row["id"] is None:
        return None
    # The written row as plain attributes: `compose` only reads them, and a mapped instance of 50 columns costs
    # more to build than the rest of the answer.
    dossier = cast(
        Dossier, SimpleNamespace(id=row["id"], code=row["code"], number=row["number"], **draft.dossier)
    )
    me = PersonRef(id=actor_id, full_name=row["full_name"])
    running = first["finished_at"] is None
    return service.compose(
        settings,
        dossier=dossier,
        calendar=draft.calendar,
        version_number=draft.version.number,
        checklist=draft.version.data.get("documents") or [],
        received_by=me,
        assignee=me if running else None,
        step_due_at=first["due_at"] if running else None,
        roles=frozenset(row["roles"]),
    )
