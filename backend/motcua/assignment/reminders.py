"""The reminder job: absences that start hand their work on, steps that become due soon or overdue notify their
officer (and, when overdue or unassigned, the unit's leaders), and notifications are e-mailed when SMTP is set.

It runs inside `make run` (an asyncio task of the API process) or as `motcua worker` next to several API
workers. Every effect is claimed by a guarded UPDATE before it happens (an absence's `applied_at`, a step's
`reminder_level`, a notification's `emailed_at`) and notifications are unique per step, kind and recipient, so
two jobs running at once never remind, move or mail anything twice.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.assignment import service
from motcua.assignment.models import Absence, DossierStep, Notification
from motcua.assignment.schemas import ReminderRun
from motcua.calendar import service as calendar_service
from motcua.core.config import Settings
from motcua.core.db import utcnow
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier
from motcua.staff.models import Staff, StaffRole

log = logging.getLogger("motcua.reminders")

DUE_SOON, OVERDUE = 1, 2
BATCH = 500


def _fmt(moment: datetime) -> str:
    return moment.astimezone(deadlines.LOCAL_TZ).strftime("%H:%M %d/%m/%Y")


def _texts(level: int, dossier: Dossier, step: DossierStep) -> tuple[str, str]:
    due = _fmt(step.due_at) if step.due_at else ""
    if level == OVERDUE:
        return (
            f"Hồ sơ {dossier.code} đã quá hạn ở bước “{step.name}” (hạn {due}).",
            f"Dossier {dossier.code} is overdue at step “{step.name}” (due {due}).",
        )
    return (
        f"Hồ sơ {dossier.code} sắp đến hạn ở bước “{step.name}” (hạn {due}).",
        f"Dossier {dossier.code} is due soon at step “{step.name}” (due {due}).",
    )


async def apply_absences(
    maker: async_sessionmaker[AsyncSession], *, now: datetime, unit_id: int | None = None
) -> int:
    stmt = select(Absence.id).where(
        Absence.applied_at.is_(None),
        Absence.cancelled_at.is_(None),
        Absence.starts_at <= now,
        Absence.ends_at > now,
    )
    if unit_id is not None:
        stmt = stmt.where(Absence.unit_id == unit_id)
    async with maker() as session:
        ids = (await session.scalars(stmt)).all()
    applied = 0
    for absence_id in ids:  # one transaction each: one absence's trouble never blocks the others
        async with maker() as session, session.begin():
            absence = await session.get(Absence, absence_id)
            if absence is not None and absence.applied_at is None:
                await service.apply_absence(session, absence=absence, now=now)
                applied += 1
    return applied


async def raise_levels(
    maker: async_sessionmaker[AsyncSession], *, now: datetime, unit_id: int | None = None
) -> tuple[int, int, int]:
    """Returns (steps newly due soon, steps newly overdue, notifications created)."""
    if unit_id is not None:
        units: Sequence[int] = [unit_id]
    else:
        async with maker() as session:
            units = (await session.scalars(select(Staff.unit_id).distinct())).all()
    soon_count = overdue_count = created = 0
    for unit in units:
        async with maker() as session, session.begin():
            cal = await calendar_service.working_calendar(session, unit_id=unit)
            soon = service.soon_threshold(cal, now)
            leaders = (
                await session.scalars(
                    select(Staff.id)
                    .join(StaffRole, StaffRole.staff_id == Staff.id)
                    .where(Staff.unit_id == unit, Staff.is_active.is_(True), StaffRole.role == "leader")
                )
            ).all()
            rows = (
                await session.execute(
                    select(DossierStep, Dossier)
                    .join(Dossier, Dossier.id == DossierStep.dossier_id)
                    .where(
                        DossierStep.unit_id == unit,
                        DossierStep.finished_at.is_(None),
                        DossierStep.paused_since.is_(None),
                        DossierStep.due_at <= soon,
                        DossierStep.reminder_level < OVERDUE,
                    )
                    .order_by(DossierStep.due_at)
                    .limit(BATCH)
                    # A dossier being worked on right now is left to the next run rather than waited for: the
                    # job then never waits for a row while holding others (lock order: service.lock_unit).
                    .with_for_update(of=[DossierStep, Dossier], skip_locked=True)
                )
            ).all()
            for step, dossier in rows:
                assert step.due_at is not None
                level = OVERDUE if step.due_at <= now else DUE_SOON
                if level <= step.reminder_level:
                    continue
                old = step.reminder_level
                claimed = (
                    await session.execute(
                        update(DossierStep)
                        .where(
                            DossierStep.id == step.id,
                            DossierStep.reminder_level == old,  # unchanged since read: `old` is right
                            DossierStep.finished_at.is_(None),
                        )
                        .values(reminder_level=level)
                        .returning(DossierStep.assignee_id, DossierStep.assigned_how)
                        .execution_options(synchronize_session=False)
                    )
                ).first()
                if claimed is None:
                    continue  # another job got there first, or the step was just handed on: next run
                # The holder as the row is now (locked by this update), whose counts the new level moves.
                step.assignee_id, step.assigned_how, step.reminder_level = claimed[0], claimed[1], old
                await service.relevel(session, step, level)
                if level == OVERDUE:
                    overdue_count += 1
                else:
                    soon_count += 1
                recipients: set[int] = set()
                if step.assignee_id is not None:
                    recipients.add(step.assignee_id)
                if level == OVERDUE or step.assignee_id is None:
                    recipients.update(leaders)
                text_vi, text_en = _texts(level, dossier, step)
                kind = "overdue" if level == OVERDUE else "due_soon"
                for recipient in sorted(recipients):
                    created += await service.notify(
                        session,
                        unit_id=unit,
                        recipient_id=recipient,
                        kind=kind,
                        dossier_id=dossier.id,
                        step_id=step.id,
                        text_vi=text_vi,
                        text_en=text_en,
                        now=now,
                    )
    return soon_count, overdue_count, created


def _send(settings: Settings, to: str, subject: str, body: str) -> None:
    assert settings.smtp_host is not None
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_username and settings.smtp_password is not None:
            smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
        smtp.send_message(message)


async def send_emails(
    maker: async_sessionmaker[AsyncSession], settings: Settings, *, now: datetime, unit_id: int | None = None
) -> int:
    if not settings.smtp_host:
        return 0
    stmt = (
        select(Notification.id, Staff.email, Notification.text_vi, Notification.text_en)
        .join(Staff, Staff.id == Notification.recipient_id)
        .where(Notification.emailed_at.is_(None), Staff.email.is_not(None))
    )
    if unit_id is not None:
        stmt = stmt.where(Notification.unit_id == unit_id)
    async with maker() as session:
        pending = (await session.execute(stmt.order_by(Notification.id).limit(BATCH))).all()
    sent = 0
    for notification_id, email, text_vi, text_en in pending:
        assert email is not None  # filtered by the query
        # Claim first and commit, then send: a crash after the claim loses one e-mail (the in-app notice
        # stays), never sends it twice.
        async with maker() as session, session.begin():
            claimed = await session.execute(
                update(Notification)
                .where(Notification.id == notification_id, Notification.emailed_at.is_(None))
                .values(emailed_at=now)
                .execution_options(synchronize_session=False)
            )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            continue
        try:
            await asyncio.to_thread(
                _send, settings, email, f"[Một Cửa] {text_vi}", f"{text_vi}\n\n{text_en}\n"
            )
            sent += 1
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("e-mail of notification %s not sent: %s", notification_id, exc)
    return sent


async def run_once(
    maker: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    now: datetime | None = None,
    unit_id: int | None = None,
) -> ReminderRun:
    """One pass over every unit (or one unit: tests, a per-center cron)."""
    now = now or utcnow()
    absences = await apply_absences(maker, now=now, unit_id=unit_id)
    soon, overdue, created = await raise_levels(maker, now=now, unit_id=unit_id)
    emails = await send_emails(maker, settings, now=now, unit_id=unit_id)
    return ReminderRun(
        due_soon=soon, overdue=overdue, notifications=created, absences_applied=absences, emails_sent=emails
    )


async def run_forever(
    maker: async_sessionmaker[AsyncSession], settings: Settings, *, interval: float
) -> None:
    while True:
        try:
            result = await run_once(maker, settings)
            if result.notifications or result.absences_applied:
                log.info("reminders: %s", result.model_dump())
        except asyncio.CancelledError:
            raise
        except Exception:  # the job must outlive a bad run (database restart…); the next run retries
            log.exception("reminder run failed")
        await asyncio.sleep(interval)
