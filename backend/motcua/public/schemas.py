"""The citizen's view of a dossier: a minimal projection, never personal data."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from motcua.core.schemas import Schema
from motcua.dossiers.schemas import StatusInfo


class PublicStep(Schema):
    at: dt.datetime = Field(description="When.")
    status: StatusInfo = Field(description="Status reached.")


class PublicDossier(Schema):
    code: str = Field(description="Dossier code.")
    status: StatusInfo = Field(description="Status in plain words.")
    procedure_code: str = Field(description="Procedure code.")
    procedure_name: str = Field(description="Procedure name.")
    applicant: str = Field(description="Masked name, e.g. `Nguyễn V. A.`.")
    received_at: dt.datetime = Field(description="When it was received.")
    due_at: dt.datetime | None = Field(description="Appointment in force.")
    current_step: str | None = Field(description="Current step.")
    finished_at: dt.datetime | None = Field(description="When processing ended.")
    returned_at: dt.datetime | None = Field(description="When the result was handed over.")
    timeline: list[PublicStep] = Field(description="Public steps, oldest first.")
