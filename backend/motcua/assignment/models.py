"""Process templates (the steps of a procedure), each dossier's step chain with its assignee, absences and the
in-app notifications of the reminder job."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base, utcnow

STEP_KINDS = ("reception", "specialist", "leader", "return")
# Who performs a step of each kind: the role a staff member must hold to be given it.
ROLE_OF_KIND = {
    "reception": "receptionist",
    "specialist": "specialist",
    "leader": "leader",
    "return": "receptionist",
}
ABSENCE_KINDS = ("leave", "training", "sick", "business", "other")
_OPEN = text("finished_at IS NULL")


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


class DossierStep(Base):
    """One step of one dossier: who holds it, since when, its own due time and how it ended. Each finished
    step is a hand-over row of the process control sheet (form 06)."""

    __tablename__ = "dossier_steps"
    __table_args__ = (
        UniqueConstraint("dossier_id", "seq"),
        CheckConstraint("kind IN ('reception', 'specialist', 'leader', 'return')", name="kind"),
        # At every moment an open dossier has exactly one open step.
        Index("uq_dossier_steps_one_open", "dossier_id", unique=True, postgresql_where=_OPEN),
        # My work in due order, and its counts from the index alone (paused_since: the clock may stand still).
        Index(
            "ix_dossier_steps_open_assignee",
            "assignee_id",
            "due_at",
            "paused_since",
            postgresql_where=_OPEN,
        ),
        # The reminder job and the leader's board.
        Index("ix_dossier_steps_open_unit_due", "unit_id", "due_at", postgresql_where=_OPEN),
        Index("ix_dossier_steps_unit_finished", "unit_id", "finished_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    seq: Mapped[int]
    position: Mapped[int]  # index in the dossier's plan
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    # None: waiting in the department's pool for someone to claim it (or for a qualified person to be present).
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    assigned_at: Mapped[datetime | None]
    assigned_how: Mapped[str | None] = mapped_column(String(20))  # intake, auto, claim, manual, delegate
    started_at: Mapped[datetime]
    budget_minutes: Mapped[int]
    due_at: Mapped[datetime | None]
    paused_since: Mapped[datetime | None]
    paused_minutes: Mapped[int] = mapped_column(default=0)
    finished_at: Mapped[datetime | None]
    finished_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    finish_action: Mapped[str | None] = mapped_column(String(40))
    # Who received the dossier at this step's hand-over (the next step's first holder; null: a pool).
    handed_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # 0 none, 1 due soon, 2 overdue: the reminder job raises it once per level.
    reminder_level: Mapped[int] = mapped_column(default=0)


class StaffWorkload(Base):
    """Open steps handed to each officer, kept up to date in the transaction that hands a step over (and, for
    the due soon / overdue counts, by the reminder job that marks steps). Auto-assignment reads these 50 rows
    instead of counting 100,000 open steps under its lock. The reception step a receptionist opens by
    receiving a dossier is not counted: nobody handed it to them."""

    __tablename__ = "staff_workloads"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    open_steps: Mapped[int] = mapped_column(default=0)
    due_soon: Mapped[int] = mapped_column(default=0)
    overdue: Mapped[int] = mapped_column(default=0)


class Absence(Base):
    """Leave, training, sickness: new work skips the person, and at the start the open steps that fall due
    during the absence go to the delegate or are re-assigned."""

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
    step_id: Mapped[int] = mapped_column(ForeignKey("dossier_steps.id"))
    text_vi: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]
