"""Process templates: the ordered steps of a procedure (or the default of a sector) at one center."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base
from motcua.core.time import utcnow


class ProcessTemplate(Base):
    """The ordered steps of a procedure at one center, or the default of a sector (data, not code). A
    procedure without either gets the built-in chain (see ``plans.default_plan``)."""

    __tablename__ = "process_templates"
    __table_args__ = (
        CheckConstraint("(procedure_id IS NULL) <> (sector_id IS NULL)", name="one_scope"),
        UniqueConstraint("unit_id", "procedure_id"),
        UniqueConstraint("unit_id", "sector_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedures.id"))
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sectors.id"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ProcessStep(Base):
    __tablename__ = "process_steps"
    __table_args__ = (
        UniqueConstraint("template_id", "position"),
        CheckConstraint("kind IN ('reception', 'specialist', 'leader', 'return')", name="kind"),
        CheckConstraint("budget_minutes >= 0", name="budget"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("process_templates.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    # Working minutes (DOMAIN.md: durations are stored in working minutes); edited in hours on screen.
    budget_minutes: Mapped[int]
