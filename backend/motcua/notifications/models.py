"""In-app notifications of staff members (with e-mail copies when SMTP is configured)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base
from motcua.core.time import utcnow


class Notification(Base):
    """An in-app notice (with an e-mail copy when SMTP is configured). One per step, kind and recipient:
    the unique key makes a reminder job that runs twice at once create it once."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("step_id", "kind", "recipient_id"),
        Index("ix_notifications_recipient_unread", "recipient_id", "read_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(20))  # due_soon, overdue, assigned
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    # The dossier's code as it was printed (a code never changes): the list shows it without a join.
    dossier_code: Mapped[str] = mapped_column(String(40))
    step_id: Mapped[int] = mapped_column(ForeignKey("dossier_steps.id"))
    text_vi: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]
