"""Every ORM model, imported once so that `Base.metadata` is complete (Alembic, the CLI, tests)."""

from motcua.absences.models import Absence
from motcua.assignment.models import StaffWorkload
from motcua.auth.models import LoginAttempt, RefreshToken
from motcua.calendar.models import CalendarDay, CalendarSettings, WorkingHours
from motcua.core.db import Base
from motcua.dossiers.models import (
    Dossier,
    DossierCounter,
    DossierEvent,
    DossierPause,
    DossierStep,
    IdempotencyKey,
)
from motcua.notifications.models import Notification
from motcua.procedures.models import CatalogRevision, Procedure, ProcedureVersion, Sector
from motcua.process_templates.models import ProcessStep, ProcessTemplate
from motcua.public.models import RateCounter
from motcua.staff.models import Staff, StaffProcedure, StaffRole, StaffSector
from motcua.units.models import AdminArea, Department, Unit

__all__ = [
    "Absence",
    "AdminArea",
    "Base",
    "CalendarDay",
    "CalendarSettings",
    "CatalogRevision",
    "Department",
    "Dossier",
    "DossierCounter",
    "DossierEvent",
    "DossierPause",
    "DossierStep",
    "IdempotencyKey",
    "LoginAttempt",
    "Notification",
    "Procedure",
    "ProcedureVersion",
    "ProcessStep",
    "ProcessTemplate",
    "RateCounter",
    "RefreshToken",
    "Sector",
    "Staff",
    "StaffProcedure",
    "StaffRole",
    "StaffSector",
    "StaffWorkload",
    "Unit",
    "WorkingHours",
]
