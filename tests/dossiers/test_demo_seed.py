"""The demo commune's dossiers (`motcua seed`, which the test databases are made with): made through the real
intake and transitions, in every status 1–10, each with the events that led to it."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.seed.demo_dossiers import DEMO_DOSSIERS, ONLINE_SUBMISSIONS

UNIT = 1  # the demo center: the tests' own dossiers there are rolled back


async def test_the_demo_dossiers_cover_every_status(session: AsyncSession) -> None:
    statuses = dict(
        (
            await session.execute(
                select(Dossier.status, func.count()).where(Dossier.unit_id == UNIT).group_by(Dossier.status)
            )
        ).all()
    )
    # Every one of them, whatever the time of day the seed runs (a draw in the lunch break of today moves to an
    # earlier day, not out of the demo).
    assert sum(statuses.values()) == DEMO_DOSSIERS + ONLINE_SUBMISSIONS
    assert set(statuses) == set(range(1, 11)), statuses
    assert statuses[1] == ONLINE_SUBMISSIONS
    # Each dossier's last event leads to its status.
    last = (
        select(DossierEvent.dossier_id, func.max(DossierEvent.seq).label("seq"))
        .group_by(DossierEvent.dossier_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(Dossier.status, DossierEvent.to_status, Dossier.version, DossierEvent.seq)
            .join(last, last.c.dossier_id == Dossier.id)
            .join(
                DossierEvent,
                (DossierEvent.dossier_id == Dossier.id) & (DossierEvent.seq == last.c.seq),
            )
            .where(Dossier.unit_id == UNIT)
        )
    ).all()
    assert len(rows) == sum(statuses.values())
    assert all(status == to_status for status, to_status, _v, _s in rows)
