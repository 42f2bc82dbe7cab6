"""The intake's one statement: it checks what the draft took on trust and writes every row of a new dossier.

`intake.receive` decides the rows in Python, mostly from what the worker keeps in memory (the unit's facts, its
calendar, the catalog's version in force, the process templates), and sends this statement, prepared once per
connection, straight to asyncpg. Under its own snapshot it first reads the unit's facts and the account, then
writes only when the account is an active receptionist of the unit and the facts are those the draft was made
with: it claims the Idempotency-Key (a parallel request with the same key waits for the first one), takes the
day's number (the counter row stays locked until the statement commits, so codes are 1..N without gaps: a
failed statement gives its number back) and inserts the dossier, its first step, its first event and, for a
supplement asked for at the counter, its pause. It always answers one row: the unit's facts as they are now,
the account, and the dossier written (or nulls), so that the caller can say which check failed.
"""

from __future__ import annotations

import json
import re
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql

from motcua.calendar import service as calendar_service
from motcua.dossiers.models import Dossier, DossierEvent, DossierPause, DossierStep
from motcua.procedures import service as procedures_service

_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]

# The unit's facts a worker keeps for its intakes ($1: the unit). Also sent alone, to learn them.
FACTS = f"""
SELECT u.unit_code, u.province_id, {calendar_service.stamp_sql("u.id")} AS calendar_stamp,
       {procedures_service.revision_sql("u.province_id")} AS catalog_revision, u.process_revision
FROM units u WHERE u.id = $1
"""

# $1 unit, $2 actor, $3 province, $4 calendar stamp, $5 catalog revision, $6 process revision, $7
# Idempotency-Key (or NULL), $8 request hash, $9 now, $10 the local day, $11 whether to insert a step, $12
# whether to insert a pause; the columns of the rows follow (see `_columns`).
_HEAD = """
WITH unit AS MATERIALIZED ({facts}), me AS MATERIALIZED (
    SELECT s.full_name, ARRAY(SELECT r.role FROM staff_roles r WHERE r.staff_id = s.id) AS roles
    FROM staff s
    WHERE s.id = $2 AND s.unit_id = $1 AND s.is_active
), checked AS MATERIALIZED (
    SELECT unit.unit_code FROM unit, me
    WHERE 'receptionist' = ANY (me.roles)
      AND unit.province_id = $3
      AND unit.calendar_stamp IS NOT DISTINCT FROM $4::timestamptz
      AND unit.catalog_revision = $5
      AND unit.process_revision = $6
), new AS MATERIALIZED (
    SELECT nextval(pg_get_serial_sequence('dossiers', 'id')) AS id, checked.unit_code FROM checked
), claim AS (
    -- Waits for a parallel request holding the same key; then claims nothing, and the caller answers with
    -- that request's dossier (or 409).
    INSERT INTO idempotency_keys (unit_id, key, request_hash, created_at, dossier_id)
    SELECT $1, $7, $8, $9, new.id FROM new WHERE $7::varchar IS NOT NULL
    ON CONFLICT (unit_id, key) DO NOTHING
    RETURNING dossier_id
), go AS MATERIALIZED (
    SELECT new.id, new.unit_code FROM new WHERE $7::varchar IS NULL OR EXISTS (SELECT FROM claim)
), num AS (
    -- The day's number (DOMAIN.md "Codes"): the counter row stays locked until this statement commits.
    INSERT INTO dossier_counters (unit_id, day, last_number) SELECT $1, $10, 1 FROM go
    ON CONFLICT (unit_id, day) DO UPDATE SET last_number = dossier_counters.last_number + 1
    RETURNING last_number
), dossier AS (
    INSERT INTO dossiers ({dossier_columns})
    SELECT {dossier_values} FROM go, num
    RETURNING id, code, number
), step AS (
    INSERT INTO dossier_steps ({step_columns}) SELECT {step_values} FROM dossier WHERE $11::boolean
), event AS (
    INSERT INTO dossier_events ({event_columns}) SELECT {event_values} FROM dossier
), pause AS (
    INSERT INTO dossier_pauses ({pause_columns}) SELECT {pause_values} FROM dossier WHERE $12::boolean
)
SELECT unit.unit_code, unit.province_id, unit.calendar_stamp, unit.catalog_revision, unit.process_revision,
       me.full_name, me.roles, dossier.id, dossier.code, dossier.number
FROM (SELECT) AS one
LEFT JOIN unit ON true
LEFT JOIN me ON true
LEFT JOIN dossier ON true
"""
_FIXED = 12  # the parameters above
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
    # `<unit code>-<YYMMDD>-<NNNN>` (DOMAIN.md "Codes"), as `intake.dossier_code` spells it (four digits at least).
    number = "num.last_number"
    code = (
        f"go.unit_code || '-' || to_char($10::date, 'YYMMDD') || '-' || "
        f"lpad({number}::text, greatest(4, length({number}::text)), '0')"
    )
    dossier_cols, dossier_vals = _columns(_DOSSIERS, {"id": "go.id", "code": code, "number": number}, params)
    step_cols, step_vals = _columns(_STEPS, {"dossier_id": "dossier.id"}, params)
    event_cols, event_vals = _columns(_EVENTS, {"dossier_id": "dossier.id"}, params)
    pause_cols, pause_vals = _columns(_PAUSES, {"dossier_id": "dossier.id"}, params)
    text = _HEAD.format(
        facts=FACTS.strip(),
        dossier_columns=dossier_cols,
        dossier_values=dossier_vals,
        step_columns=step_cols,
        step_values=step_vals,
        event_columns=event_cols,
        event_values=event_vals,
        pause_columns=pause_cols,
        pause_values=pause_vals,
    )
    return text, params


INTAKE, _PARAMS = _statement()
_JSON_COLUMNS = {
    (table.name, column.name)
    for table in (_DOSSIERS, _STEPS, _EVENTS, _PAUSES)
    for column in table.columns
    if column.type.compile(dialect=_DIALECT) == "JSON"
}


def arguments(
    fixed: list[Any],
    *,
    dossier: dict[str, Any],
    step: dict[str, Any] | None,
    event: dict[str, Any],
    pause: dict[str, Any] | None,
) -> list[Any]:
    """The statement's parameters: the 10 fixed ones, then whether to insert a step and a pause, then the rows'
    columns (a row not inserted sends NULLs)."""
    rows = {
        "dossiers": dossier,
        "dossier_steps": step or {},
        "dossier_events": event,
        "dossier_pauses": pause or {},
    }
    values = [*fixed, step is not None, pause is not None]
    for table, column in _PARAMS:
        value = rows[table].get(column)
        if (table, column) in _JSON_COLUMNS:
            value = json.dumps(value, ensure_ascii=False)  # None as JSON null, as the ORM writes it
        values.append(value)
    return values
