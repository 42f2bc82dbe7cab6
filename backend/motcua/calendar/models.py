"""A service center's working calendar: weekly hours, days off and extra working days."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base
from motcua.core.time import utcnow


class CalendarSettings(Base):
    __tablename__ = "calendar_settings"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    # Same-day procedures received after this time get their result the next working day (verify locally).
    same_day_cutoff: Mapped[time] = mapped_column(default=time(15, 0))
    hours_per_working_day: Mapped[int] = mapped_column(default=8)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class WorkingHours(Base):
    __tablename__ = "working_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("start_time < end_time", name="order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    weekday: Mapped[int]  # 0 = Monday
    start_time: Mapped[time]
    end_time: Mapped[time]


class CalendarDay(Base):
    """An exception to the weekly hours: a day off (holiday, swap) or an extra working day (make-up day)."""

    __tablename__ = "calendar_days"
    __table_args__ = (
        UniqueConstraint("unit_id", "day"),
        CheckConstraint("kind IN ('day_off', 'working_day')", name="kind"),
        CheckConstraint("source IN ('holidays', 'admin')", name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16), default="admin")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
