"""Notifications: created once per step, kind and recipient; read and marked read by their recipient."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.core.pagination import PageParams
from motcua.core.time import utcnow
from motcua.notifications.models import Notification
from motcua.notifications.schemas import NotificationPage, NotificationRead


@dataclass(frozen=True)
class About:
    """The step a notification is about."""

    unit_id: int
    dossier_id: int
    dossier_code: str
    step_id: int


async def notify(
    session: AsyncSession,
    *,
    about: About,
    recipient_id: int,
    kind: str,
    text_vi: str,
    text_en: str,
    now: datetime,
) -> int:
    """Create a notification unless this recipient already has one of this kind for this step. Returns 1 when
    created, 0 when it existed (insert-or-nothing: safe when two jobs run at once)."""
    created = await session.execute(
        insert(Notification)
        .values(
            unit_id=about.unit_id,
            recipient_id=recipient_id,
            kind=kind,
            dossier_id=about.dossier_id,
            dossier_code=about.dossier_code,
            step_id=about.step_id,
            text_vi=text_vi,
            text_en=text_en,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["step_id", "kind", "recipient_id"])
        .returning(Notification.id)
    )
    return 1 if created.first() is not None else 0


async def page(
    session: AsyncSession, *, staff_id: int, page: PageParams, unread_only: bool = False
) -> NotificationPage:
    mine = Notification.recipient_id == staff_id
    unread = await session.scalar(select(func.count()).where(mine, Notification.read_at.is_(None))) or 0
    stmt = select(Notification).where(mine)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = (
        await session.scalars(stmt.order_by(Notification.id.desc()).offset(page.offset).limit(page.size))
    ).all()
    return NotificationPage(
        items=[NotificationRead.model_validate(n) for n in rows],
        total=int(total),
        page=page.page,
        size=page.size,
        unread=int(unread),
    )


async def mark_read(session: AsyncSession, *, staff_id: int, ids: Sequence[int] | None) -> int:
    """Mark some (or all) of one's notifications read; returns how many stay unread."""
    stmt = update(Notification).where(Notification.recipient_id == staff_id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids))
    await session.execute(stmt.values(read_at=utcnow()).execution_options(synchronize_session=False))
    return (
        await session.scalar(
            select(func.count()).where(Notification.recipient_id == staff_id, Notification.read_at.is_(None))
        )
        or 0
    )


@dataclass(frozen=True)
class Pending:
    id: int
    recipient_id: int
    text_vi: str
    text_en: str


async def unsent(session: AsyncSession, *, unit_id: int | None, limit: int) -> list[Pending]:
    """Notifications not yet e-mailed, oldest first (for the reminder job)."""
    stmt = select(
        Notification.id, Notification.recipient_id, Notification.text_vi, Notification.text_en
    ).where(Notification.emailed_at.is_(None))
    if unit_id is not None:
        stmt = stmt.where(Notification.unit_id == unit_id)
    rows = await session.execute(stmt.order_by(Notification.id).limit(limit))
    return [Pending(*row) for row in rows]


async def claim_email(session: AsyncSession, *, notification_id: int, now: datetime) -> bool:
    """Claim one e-mail before sending it, so that two jobs never send it twice."""
    claimed = await session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.emailed_at.is_(None))
        .values(emailed_at=now)
        .execution_options(synchronize_session=False)
    )
    done: int = claimed.rowcount  # type: ignore[attr-defined]
    return done == 1
