"""Public dossier tracking on PostgreSQL in one statement, on the driver's own connection.

A citizen's phone asks for this page every time the receipt's QR code is scanned, so it is the busiest path
that writes. `dossiers.service` does the same in three ORM statements (count the lookup in the per-address
rate counter, count it on the dossier and read the public columns, read the timeline); that is the portable
version, used on SQLite. Here the three are one statement with data-modifying CTEs, sent as a prepared
statement straight to asyncpg: one round trip, no session, no statement compilation, no ORM. Behaviour is
the same: the rate-counter row counts every lookup (found or not), a lookup over the limit neither counts on
the dossier nor reads it, the same 404 for a wrong token, code or phone digits, and only the public columns
leave the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua.core.db import utcnow
from motcua.core.errors import NotFound, TooManyRequests
from motcua.dossiers.schemas import PublicDossier, PublicStep, status_info
from motcua.dossiers.service import mask_name

# $1 bucket, $2 minute window, $3 limit; the match uses $4 (and $5). The rate-counter upsert runs first and
# its count gates the dossier's UPDATE, so a throttled lookup leaves the dossier alone. Every statement of a
# WITH sees the same snapshot: the timeline is joined on the UPDATE's RETURNING, the only way to chain them.
# A step is public when the status changed (the first event has no previous status).
#
# The statement is its own transaction, committed without waiting for the WAL flush (`set_config(...,
# true)` lasts until that commit). Every lookup from one address updates the same counter row, and a row
# stays locked until its transaction has committed: with a flush per commit, the lookups of a busy address
# (a carrier NAT, the commune's Wi-Fi) queued behind one disk flush each (measured: 1,300 a second at most,
# and a p99 eighteen times the median). What a crash of the database server could lose is the last fraction
# of a second of lookup counts; those are statistics and a throttle, never a dossier's data, and the other
# transactions stay durable (the WAL is written in order).
_LOOKUP = """
WITH hit AS (
    INSERT INTO rate_counters (bucket, "window", count) VALUES ($1, $2, 1)
    ON CONFLICT (bucket, "window") DO UPDATE SET count = rate_counters.count + 1
    RETURNING count
), found AS (
    UPDATE dossiers SET lookup_count = lookup_count + 1
    WHERE {match} AND (SELECT count FROM hit) <= $3
    RETURNING id, code, status, procedure_code, procedure_name, applicant_name, received_at, due_at,
              current_step, finished_at, returned_at
)
SELECT hit.count AS hits, found.*, steps.at AS step_at, steps.status AS step_status
FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
CROSS JOIN hit
LEFT JOIN found ON true
LEFT JOIN LATERAL (
    SELECT array_agg(e.at ORDER BY e.seq) AS at, array_agg(e.to_status ORDER BY e.seq) AS status
    FROM dossier_events e
    WHERE e.dossier_id = found.id AND e.from_status IS DISTINCT FROM e.to_status
) steps ON true
"""
BY_TOKEN = _LOOKUP.format(match="public_token = $4")
# The digits are checked to be 4 digits by the API, so the pattern holds no wildcard of the caller's.
BY_CODE = _LOOKUP.format(match="code = $4 AND applicant_phone LIKE '%' || $5")


@dataclass(frozen=True)
class Lookup:
    """What the statement answered: the address's lookups this minute and the dossier's public row."""

    at: datetime
    row: Any  # an asyncpg Record; `id` is None when nothing matched or the lookup was refused


async def count_and_read(
    conn: Any,
    *,
    client: str,
    limit: int,
    token: str | None = None,
    code: str | None = None,
    phone_last4: str | None = None,
) -> Lookup:
    """Count the lookup for `client` and, within `limit` a minute, on the dossier, and read its public row.
    `conn` is an asyncpg connection (`core.db.driver_connection`); nothing is decided here, so that an error
    leaving this function can only come from the connection (see `view` for the answer)."""
    now = utcnow()
    window = int(now.timestamp() // 60)
    bucket = f"public-dossier:{client}"
    if token is not None:
        return Lookup(now, await conn.fetchrow(BY_TOKEN, bucket, window, limit, token))
    # The API asks for either the token or both the code and the digits.
    assert code is not None
    assert phone_last4 is not None
    return Lookup(now, await conn.fetchrow(BY_CODE, bucket, window, limit, code, phone_last4))


def view(lookup: Lookup, *, limit: int) -> PublicDossier:
    """The citizen's view of a lookup: 429 over the limit, 404 when nothing matched."""
    row = lookup.row
    if row["hits"] > limit:
        raise TooManyRequests(
            "Too many lookups; try again in a minute", retry_after=60 - int(lookup.at.timestamp()) % 60
        )
    if row["id"] is None:
        raise NotFound("Dossier not found")
    steps = zip(row["step_at"] or (), row["step_status"] or (), strict=True)
    return PublicDossier(
        code=row["code"],
        status=status_info(row["status"]),
        procedure_code=row["procedure_code"],
        procedure_name=row["procedure_name"],
        applicant=mask_name(row["applicant_name"]),
        received_at=row["received_at"],
        due_at=row["due_at"],
        current_step=row["current_step"],
        finished_at=row["finished_at"],
        returned_at=row["returned_at"],
        timeline=[PublicStep(at=at, status=status_info(to)) for at, to in steps],
    )
