"""A citizen's lookup of a dossier, by the token of the receipt's QR code or by the full code and the last 4
digits of the phone: a minimal projection, never the ID number, phone, address, documents or notes; the same
404 for a wrong token, code or digits, so the answer reveals nothing; at most `limit` lookups a minute per
client address, counted in the database so that every worker agrees.

After the catalog, this is the busiest public path, and the busiest that writes. One statement, sent as a
prepared statement straight to asyncpg, counts the lookup in the address's rate counter, counts it on the
dossier (unless over the limit, when the dossier is neither counted nor read), reads the public columns and
the timeline. It is its own transaction, committed without waiting for the WAL flush (`set_config(...,
true)` lasts until that commit): every lookup from one address updates the same counter row, locked until
commit, so with a flush per commit the lookups of a busy address (a carrier NAT, the commune's Wi-Fi) queued
behind one disk flush each (bench/NOTES.md). A crash of the database server could lose the last fraction of a
second of lookup counts; those are statistics and a throttle, never a dossier's data.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.core.db import driver_connection
from motcua.core.errors import NotFound, TooManyRequests
from motcua.core.time import utcnow
from motcua.dossiers.privacy import mask_name
from motcua.dossiers.schemas import status_info
from motcua.public.schemas import PublicDossier, PublicStep

# $1 bucket, $2 minute window, $3 limit; the match uses $4 (and $5). The rate-counter upsert runs first and its
# count gates the dossier's UPDATE. Every statement of a WITH sees the same snapshot: the timeline is joined on
# the UPDATE's RETURNING, the only way to chain them. A step is public when the status changed (the first event
# has no previous status).
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


async def track(
    maker: async_sessionmaker[AsyncSession],
    *,
    client: str,
    limit: int,
    token: str | None = None,
    code: str | None = None,
    phone_last4: str | None = None,
) -> PublicDossier:
    """Count the lookup for `client` and, within `limit` a minute, on the dossier, and answer the citizen's view:
    429 over the limit, 404 when nothing matched (the counts stay either way)."""
    now = utcnow()
    window = int(now.timestamp() // 60)
    bucket = f"public-dossier:{client}"
    async with driver_connection(maker) as conn:
        if token is not None:
            row: Any = await conn.fetchrow(BY_TOKEN, bucket, window, limit, token)
        elif code is not None and phone_last4 is not None:
            row = await conn.fetchrow(BY_CODE, bucket, window, limit, code, phone_last4)
        else:
            raise NotFound("Dossier not found")
    if row["hits"] > limit:
        raise TooManyRequests(
            "Too many lookups; try again in a minute", retry_after=60 - int(now.timestamp()) % 60
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
