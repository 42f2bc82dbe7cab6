"""Administrative geography (province, commune, merged former communes) and service centers (units)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base
from motcua.core.time import utcnow

AREA_LEVELS = ("province", "commune")


class AdminArea(Base):
    """A province or a commune. Since 2025-07-01 Vietnam has two levels of local government (Resolution
    202/2025/QH15); a commune that was merged keeps its row with `merged_into_id` and `merged_on`."""

    __tablename__ = "admin_areas"
    __table_args__ = (CheckConstraint("level IN ('province', 'commune')", name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(20), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("admin_areas.id"), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("admin_areas.id"), index=True)
    merged_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Unit(Base):
    """A Public Administration Service Center: the unit every business row belongs to."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Agency identifier in the QCVN 102:2016/BTTTT form `000.00.00.H00`; the prefix of every dossier code.
    unit_code: Mapped[str] = mapped_column(String(20), unique=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("admin_areas.id"), unique=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("admin_areas.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(500))
    phone: Mapped[str | None] = mapped_column(String(20))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Bumped by every change of the unit's process templates: a worker keeps the templates it read with
    # this stamp and the busiest write (the intake) checks it instead of reading them again.
    process_revision: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Department(Base):
    __tablename__ = "departments"
    __table_args__ = (CheckConstraint("assignment_mode IN ('auto', 'pool')", name="assignment_mode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(40))
    is_active: Mapped[bool] = mapped_column(default=True)
    # How a step that enters this department finds its officer: `auto` gives it to the least loaded qualified
    # person present; `pool` leaves it in the department's queue until someone claims it.
    assignment_mode: Mapped[str] = mapped_column(String(10), default="auto", server_default="auto")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
