"""Absences of staff members (leave, training, sickness, business trips)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base
from motcua.core.time import utcnow

ABSENCE_KINDS = ("leave", "training", "sick", "business", "other")


class Absence(Base):
    """Leave, training, sickness: new work skips the person, and at the start the open steps that fall due
    during the absence go to the delegate or are re-assigned (`dossiers.handover.apply_absence`)."""

    __tablename__ = "absences"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="period"),
        CheckConstraint("kind IN ('leave', 'training', 'sick', 'business', 'other')", name="kind"),
        Index("ix_absences_staff_period", "staff_id", "starts_at", "ends_at"),
        Index(
            "ix_absences_unit_pending",
            "unit_id",
            "starts_at",
            postgresql_where=text("applied_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    delegate_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the open steps were handed on at the start (by the request or the reminder job, once).
    applied_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
