"""Staff accounts of a service center."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base
from motcua.core.time import utcnow

ROLES = ("admin", "leader", "receptionist", "specialist")


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    # Usernames are global (one login form for the whole deployment), stored lower-case.
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    # When the account was disabled or its password set: refresh tokens issued until then no longer work.
    credentials_changed_at: Mapped[datetime | None]
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class StaffRole(Base):
    __tablename__ = "staff_roles"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'leader', 'receptionist', 'specialist')", name="role"),
    )

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class StaffSector(Base):
    """The sectors (lĩnh vực) a staff member handles."""

    __tablename__ = "staff_sectors"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), primary_key=True, index=True)


class StaffProcedure(Base):
    """Procedures a staff member may handle beyond their sectors (competence for a single procedure)."""

    __tablename__ = "staff_procedures"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), primary_key=True, index=True)
