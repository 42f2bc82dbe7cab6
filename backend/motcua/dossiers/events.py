"""The dossier's append-only history (DOMAIN.md: every change is an event: actor, time, from, to, note).

The one writer of events: a change first claims the dossier's next version (`claim_version`: the optimistic
lock, so that of two racing changes one gets a 409), then appends its event with that version as its sequence
number (`append`). The intake's first event is built by `first` and written by the intake's statement with
the dossier itself.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.core.errors import Conflict
from motcua.dossiers.models import Dossier, DossierEvent


async def claim_version(
    session: AsyncSession, dossier: Dossier, *, expected: int | None, now: datetime
) -> None:
    """Take the dossier's next version: from `expected` (what the caller read, `If-Match`), refused with 409
    when the dossier changed meanwhile; or from whatever it is now (a change of hands, which any later action
    sent with the old version must then see)."""
    stmt = update(Dossier).where(Dossier.id == dossier.id)
    if expected is not None:
        stmt = stmt.where(Dossier.version == expected)
    claimed = (
        await session.execute(
            stmt.values(version=Dossier.version + 1, updated_at=now)
            .returning(Dossier.version)
            .execution_options(synchronize_session=False)
        )
    ).first()
    if claimed is None:
        raise Conflict("The dossier changed meanwhile; reload it")
    dossier.version = claimed[0]
    dossier.updated_at = now


async def append(
    session: AsyncSession,
    dossier: Dossier,
    *,
    action: str,
    actor_id: int | None,
    from_status: int | None,
    note: str | None,
    data: dict[str, Any],
    now: datetime,
) -> None:
    """The event of the change that claimed the dossier's current version (its sequence number)."""
    session.add(
        DossierEvent(
            unit_id=dossier.unit_id,
            dossier_id=dossier.id,
            seq=dossier.version,
            at=now,
            actor_id=actor_id,
            action=action,
            from_status=from_status,
            to_status=dossier.status,
            note=note,
            data=data,
        )
    )
    try:
        await session.flush()
    except IntegrityError as exc:  # an event with this sequence number exists: someone else got there first
        raise Conflict("The dossier changed meanwhile; reload it") from exc


def first(
    *,
    unit_id: int,
    action: str,
    to_status: int,
    actor_id: int,
    note: str | None,
    data: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """The columns (but id and dossier_id) of a dossier's first event, which the intake writes with it."""
    return {
        "unit_id": unit_id,
        "seq": 1,
        "at": now,
        "actor_id": actor_id,
        "action": action,
        "from_status": None,
        "to_status": to_status,
        "note": note,
        "data": data,
    }
