"""The API's shapes of notifications."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from motcua.core.schemas import EntityId, Page, Schema

NotificationKind = Literal["due_soon", "overdue", "assigned"]


class NotificationRead(Schema):
    id: int = Field(description="Notification id.")
    kind: NotificationKind = Field(description="What happened.")
    dossier_id: int = Field(description="Dossier concerned.")
    dossier_code: str = Field(description="Its code.")
    text_vi: str = Field(description="Message in Vietnamese.")
    text_en: str = Field(description="Message in English.")
    created_at: dt.datetime = Field(description="When.")
    read_at: dt.datetime | None = Field(description="When it was read.")


class NotificationPage(Page[NotificationRead]):
    unread: int = Field(description="Unread notifications in all.")


class NotificationsRead(Schema):
    ids: list[EntityId] | None = Field(
        default=None, max_length=500, description="Notifications to mark read; null marks all."
    )
