"""Dossiers (hồ sơ), their append-only events, clock pauses, steps (who holds each one) and the per-unit daily
numbering."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base
from motcua.core.time import utcnow

_OPEN = text("finished_at IS NULL")


class DossierCounter(Base):
    """The last number given per unit and day. Taking a number updates this row inside the intake's own
    transaction, so a failed intake gives its number back: codes stay 1..N without gaps."""

    __tablename__ = "dossier_counters"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        UniqueConstraint("unit_id", "received_on", "number"),
        UniqueConstraint("unit_id", "idempotency_key"),
        CheckConstraint("status BETWEEN 1 AND 10", name="status"),
        CheckConstraint("channel IN (1, 2, 3)", name="channel"),
        Index("ix_dossiers_unit_status_due", "unit_id", "status", "due_at"),
        Index("ix_dossiers_unit_received", "unit_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    # <unit code>-<YYMMDD>-<NNNN> (DOMAIN.md "Codes"): guessable, so it never unlocks personal data alone.
    code: Mapped[str] = mapped_column(String(40), unique=True)
    received_on: Mapped[date]
    number: Mapped[int]
    public_token: Mapped[str] = mapped_column(String(64), unique=True)
    # Optimistic lock: every change bumps it; a stale If-Match is refused with 409.
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[int]
    channel: Mapped[int]

    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    # The version in force at reception: a later catalog change never changes this dossier's rules.
    procedure_version_id: Mapped[int] = mapped_column(ForeignKey("procedure_versions.id"))
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(Text)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), index=True)

    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_name_folded: Mapped[str] = mapped_column(String(200), index=True)
    applicant_id_number: Mapped[str] = mapped_column(String(12))
    applicant_birth_date: Mapped[date | None]
    applicant_phone: Mapped[str] = mapped_column(String(20))
    applicant_email: Mapped[str | None] = mapped_column(String(254))
    applicant_address: Mapped[str] = mapped_column(String(500))
    representative: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    sets_count: Mapped[int] = mapped_column(default=1)
    fees: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    delivery: Mapped[str] = mapped_column(String(10), default="counter")
    delivery_address: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text)

    duration_amount: Mapped[str | None] = mapped_column(String(20))  # decimal as text, e.g. "21.5"
    duration_unit: Mapped[str | None] = mapped_column(String(20))
    duration_text: Mapped[str | None] = mapped_column(Text)

    received_at: Mapped[datetime]
    received_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    # The appointment in force; an extension (form 04) keeps the first one in original_due_at for statistics.
    due_at: Mapped[datetime | None]
    original_due_at: Mapped[datetime | None]
    paused_since: Mapped[datetime | None]
    supplement_count: Mapped[int] = mapped_column(default=0)
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    finished_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(
        String(20)
    )  # result, refused, stopped, withdrawn, not_received
    result_number: Mapped[str | None] = mapped_column(String(100))
    result_date: Mapped[date | None]
    returned_at: Mapped[datetime | None]
    current_step: Mapped[str | None] = mapped_column(String(200))
    # The steps this dossier goes through, fixed at reception like its procedure version (name, kind,
    # department_id, budget_minutes each): a later template edit never reshuffles an open dossier.
    process_plan: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    lookup_count: Mapped[int] = mapped_column(default=0)
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    request_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class DossierPause(Base):
    """A stretch during which the legal clock stood still (supplement request, financial obligations)."""

    __tablename__ = "dossier_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    reason: Mapped[str] = mapped_column(String(30))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class DossierEvent(Base):
    """Append-only history. Nothing updates or deletes a row (on PostgreSQL a trigger refuses it)."""

    __tablename__ = "dossier_events"
    __table_args__ = (UniqueConstraint("dossier_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    seq: Mapped[int]
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[int | None]
    to_status: Mapped[int]
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class IdempotencyKey(Base):
    """Claims an `Idempotency-Key` before any other work, so that a retried or parallel request with the same
    key waits for the first one and then returns its dossier instead of creating a second one."""

    __tablename__ = "idempotency_keys"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


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
