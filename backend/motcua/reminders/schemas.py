"""What a run of the reminder job did."""

from __future__ import annotations

from pydantic import Field

from motcua.core.schemas import Schema


class ReminderRun(Schema):
    due_soon: int = Field(description="Steps that became due soon in this run.")
    overdue: int = Field(description="Steps that became overdue in this run.")
    notifications: int = Field(description="Notifications created.")
    absences_applied: int = Field(description="Absences whose open work was handed on.")
    emails_sent: int = Field(description="E-mails sent.")
