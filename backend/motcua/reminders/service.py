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
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from motcua.absences import service as absences_service
from motcua.absences.models import Absence
from motcua.calendar import countdown
from motcua.calendar import service as calendar_service
from motcua.core.config import Settings
from motcua.core.time import local_moment_text, utcnow
from motcua.dossiers import handover, steps
from motcua.dossiers.models import Dossier, DossierStep
from motcua.notifications import service as notifications_service
from motcua.reminders.schemas import ReminderRun
from motcua.staff import service as staff_service
from motcua.units import service as units_service

log = logging.getLogger("motcua.reminders")

BATCH = 500


def _texts(level: int, dossier: Dossier, step: DossierStep) -> tuple[str, str]:
    due = local_moment_text(step.due_at) if step.due_at else ""
    if level == steps.OVERDUE:
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
    async with maker() as session:
        ids = await absences_service.starting(session, now=now, unit_id=unit_id)
    applied = 0
    for absence_id in ids:  # one transaction each: one absence's trouble never blocks the others
        async with maker() as session, session.begin():
            absence = await session.get(Absence, absence_id)
            if absence is not None and absence.applied_at is None:
                await handover.apply_absence(session, absence=absence, now=now)
                applied += 1
    return applied


async def raise_levels(
    maker: async_sessionmaker[AsyncSession], *, now: datetime, unit_id: int | None = None
) -> tuple[int, int, int]:
    """Returns (steps newly due soon, steps newly overdue, notifications created)."""
    if unit_id is not None:
        units: list[int] = [unit_id]
    else:
        async with maker() as session:
            units = await units_service.unit_ids(session)
    soon_count = overdue_count = created = 0
    for unit in units:
        async with maker() as session, session.begin():
            cal = await calendar_service.working_calendar(session, unit_id=unit)
            leaders = await staff_service.leader_ids(session, unit_id=unit)
            # Due soon as the badge and the lists say it (`countdown.due_soon_until`).
            for step, dossier in await steps.to_remind(
                session, unit_id=unit, until=countdown.due_soon_until(cal, now), limit=BATCH
            ):
                assert step.due_at is not None
                level = steps.OVERDUE if step.due_at < now else steps.DUE_SOON
                if level <= step.reminder_level or not await steps.mark(session, step, level):
                    continue
                if level == steps.OVERDUE:
                    overdue_count += 1
                else:
                    soon_count += 1
                recipients: set[int] = set()
                if step.assignee_id is not None:
                    recipients.add(step.assignee_id)
                if level == steps.OVERDUE or step.assignee_id is None:
                    recipients.update(leaders)
                text_vi, text_en = _texts(level, dossier, step)
                about = notifications_service.About(unit, dossier.id, dossier.code, step.id)
                for recipient in sorted(recipients):
                    created += await notifications_service.notify(
                        session,
                        about=about,
                        recipient_id=recipient,
                        kind="overdue" if level == steps.OVERDUE else "due_soon",
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
    async with maker() as session:
        pending = await notifications_service.unsent(session, unit_id=unit_id, limit=BATCH)
        emails = await staff_service.emails(session, [p.recipient_id for p in pending])
    sent = 0
    for notification in pending:
        email = emails.get(notification.recipient_id)
        if not email:
            continue
        # Claim first and commit, then send: a crash after the claim loses one e-mail (the in-app notice
        # stays), never sends it twice.
        async with maker() as session, session.begin():
            claimed = await notifications_service.claim_email(
                session, notification_id=notification.id, now=now
            )
        if not claimed:
            continue
        try:
            await asyncio.to_thread(
                _send,
                settings,
                email,
                f"[Một Cửa] {notification.text_vi}",
                f"{notification.text_vi}\n\n{notification.text_en}\n",
            )
            sent += 1
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("e-mail of notification %s not sent: %s", notification.id, exc)
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
