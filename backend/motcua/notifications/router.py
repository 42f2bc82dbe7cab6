"""HTTP endpoints of one's own notifications (`/api/me/notifications`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from motcua.auth.dependencies import CurrentStaff
from motcua.core.db import SessionDep
from motcua.core.errors import Forbidden, Unauthorized, responses
from motcua.core.pagination import PageDep
from motcua.notifications import service
from motcua.notifications.schemas import NotificationPage, NotificationsRead

router = APIRouter(
    prefix="/api/me/notifications", tags=["notifications"], responses=responses(Unauthorized, Forbidden)
)


@router.get("", response_model=NotificationPage)
async def my_notifications(
    principal: CurrentStaff,
    session: SessionDep,
    page: PageDep,
    unread_only: Annotated[bool, Query(description="Only unread ones.")] = False,
) -> NotificationPage:
    """My notifications, newest first, with the unread count."""
    return await service.page(session, staff_id=principal.id, page=page, unread_only=unread_only)


@router.post("/read", response_model=int)
async def mark_notifications_read(
    body: NotificationsRead, principal: CurrentStaff, session: SessionDep
) -> int:
    """Mark some (or all) of my notifications read; returns how many stay unread."""
    return await service.mark_read(session, staff_id=principal.id, ids=body.ids)
