from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from motcua.core.schemas import EntityId, Moment, NFCStr, Page, Schema
from motcua.dossiers.schemas import PersonRef, Punctuality, RemainingRead, StatusInfo
from motcua.procedures.schemas import CODE_PATTERN

StepKind = Literal["reception", "specialist", "leader", "return"]
AbsenceKind = Literal["leave", "training", "sick", "business", "other"]
AssignedHow = Literal["intake", "auto", "claim", "manual", "delegate", "forward"]
MAX_BUDGET_MINUTES = 60 * 8 * 365  # a year of working days: anything longer is a typing mistake


# ------------------------------------------------------------------------------------------- templates


class TemplateStepIn(Schema):
    name: NFCStr = Field(min_length=2, max_length=200, description="Step name, e.g. `Chuyên viên xử lý`.")
    kind: StepKind = Field(
        description="Who performs it: `reception` and `return` (receptionists), `specialist` (a specialist "
        "competent for the sector or procedure), `leader` (approval)."
    )
    department_id: EntityId | None = Field(
        default=None, description="Department that performs it; null: anyone of the center with the role."
    )
    budget_minutes: int = Field(
        ge=0, le=MAX_BUDGET_MINUTES, description="Time budget in working minutes (shown in hours)."
    )


class TemplateStepRead(TemplateStepIn):
    department_name: str | None = Field(description="Name of the department, if one is set.")


class TemplateWrite(Schema):
    name: NFCStr = Field(min_length=2, max_length=200, description="Name of the template.")
    steps: list[TemplateStepIn] = Field(min_length=1, max_length=12, description="Steps, in order.")

    @model_validator(mode="after")
    def _names(self) -> TemplateWrite:
        names = [s.name.casefold() for s in self.steps]
        if len(names) != len(set(names)):
            raise ValueError("step names must differ (a forward names the step it goes to)")
        return self


class TemplateCreate(TemplateWrite):
    procedure_code: str | None = Field(
        default=None, pattern=CODE_PATTERN, description="Procedure the template is for (or give sector_id)."
    )
    sector_id: EntityId | None = Field(default=None, description="Sector whose default it is.")

    @model_validator(mode="after")
    def _scope(self) -> TemplateCreate:
        if (self.procedure_code is None) == (self.sector_id is None):
            raise ValueError("give exactly one of procedure_code and sector_id")
        return self


class BudgetWarning(Schema):
    procedure_code: str = Field(description="Procedure whose legal time the steps exceed.")
    procedure_name: str = Field(description="Its name.")
    legal_minutes: int = Field(description="Its legal time in working minutes.")
    total_minutes: int = Field(description="The steps' budgets added up.")
    text_vi: str = Field(description="The warning in Vietnamese.")
    text_en: str = Field(description="The warning in English.")


class TemplateRead(Schema):
    id: int = Field(description="Template id.")
    name: str = Field(description="Name.")
    procedure_code: str | None = Field(description="Procedure it is for, or null for a sector default.")
    procedure_name: str | None = Field(description="Name of that procedure.")
    sector_id: int | None = Field(description="Sector it is the default of, or null.")
    sector_name: str | None = Field(description="Name of that sector.")
    steps: list[TemplateStepRead] = Field(description="Steps in order.")
    total_minutes: int = Field(description="Budgets added up, in working minutes.")
    warnings: list[BudgetWarning] = Field(
        description="Procedures whose legal time is shorter than the budgets added up (at most 20 listed)."
    )
    warnings_total: int = Field(description="How many procedures are concerned in all.")
    updated_at: dt.datetime = Field(description="Last change.")


class EffectivePlan(Schema):
    source: Literal["procedure", "sector", "default"] = Field(description="Where the steps come from.")
    template_id: int | None = Field(description="The template used, if any.")
    procedure_code: str = Field(description="Procedure.")
    legal_minutes: int | None = Field(description="Legal time in working minutes (null when none is set).")
    steps: list[TemplateStepRead] = Field(description="Steps a new dossier would go through.")
    total_minutes: int = Field(description="Budgets added up.")
    warnings: list[BudgetWarning] = Field(description="Set when the budgets exceed the legal time.")


# ----------------------------------------------------------------------------------------- dossier steps


class StepRead(Schema):
    id: int = Field(description="Step id.")
    seq: int = Field(description="1 for the first step of the dossier, then 2, 3…")
    name: str = Field(description="Step name.")
    kind: StepKind = Field(description="Kind of step.")
    department: str | None = Field(description="Department that performs it.")
    department_id: int | None = Field(description="Its id.")
    assignee: PersonRef | None = Field(description="The officer responsible; null while in the pool.")
    assigned_how: AssignedHow | None = Field(description="How the officer got it.")
    assigned_at: dt.datetime | None = Field(description="Since when.")
    started_at: dt.datetime = Field(description="When the dossier entered the step.")
    budget_minutes: int = Field(description="Time budget in working minutes.")
    due_at: dt.datetime | None = Field(description="Step due time (moved by clock pauses).")
    paused_minutes: int = Field(description="Working minutes the clock stood still during this step.")
    is_paused: bool = Field(description="The clock is paused now (waiting for the applicant).")
    finished_at: dt.datetime | None = Field(description="When it was handed on.")
    finished_by: PersonRef | None = Field(description="Who handed it on.")
    finish_action: str | None = Field(description="The action that ended it (forward, mark_done, …).")
    handed_to: PersonRef | None = Field(description="Who received the dossier next.")
    punctuality: Punctuality | None = Field(description="Early / on time / late against the step's budget.")
    remaining: RemainingRead | None = Field(description="Working time left on an open step.")


class PlannedStepRead(Schema):
    position: int = Field(description="Position in the plan, from 0.")
    name: str = Field(description="Step name.")
    kind: StepKind = Field(description="Kind of step.")
    department_id: int | None = Field(description="Department, if any.")
    budget_minutes: int = Field(description="Budget in working minutes.")


class StepChain(Schema):
    steps: list[StepRead] = Field(description="Steps so far, in order (the control sheet, form 06).")
    planned: list[PlannedStepRead] = Field(description="Steps still ahead in the dossier's plan.")


class CandidateRead(Schema):
    staff: PersonRef = Field(description="The officer.")
    department_id: int | None = Field(description="Their department.")
    qualified: bool = Field(description="May be given the step now.")
    reason_vi: str | None = Field(description="Why not (Vietnamese), when not qualified.")
    reason_en: str | None = Field(description="Why not (English).")
    open_steps: int = Field(description="Open steps handed to them.")
    due_soon: int = Field(description="Of those, marked due soon.")
    overdue: int = Field(description="Of those, marked overdue.")


class CandidateList(Schema):
    step_name: str = Field(description="The step the officers are considered for.")
    step_kind: StepKind = Field(description="Its kind.")
    candidates: list[CandidateRead] = Field(
        description="Officers holding the step's role: qualified ones first, least loaded first."
    )


class AssignIn(Schema):
    staff_id: EntityId = Field(description="Officer to give the current step to.")
    reason: NFCStr = Field(min_length=2, max_length=1000, description="Why (recorded in the event).")


class ReleaseIn(Schema):
    reason: NFCStr = Field(min_length=2, max_length=1000, description="Why it goes back to the pool.")


# ------------------------------------------------------------------------------------------------ work


class WorkItem(Schema):
    step_id: int = Field(description="Step id.")
    step_name: str = Field(description="Step name.")
    step_kind: StepKind = Field(description="Kind of step.")
    step_started_at: dt.datetime = Field(description="When the dossier entered the step.")
    step_due_at: dt.datetime | None = Field(description="Step due time.")
    remaining: RemainingRead | None = Field(description="Working time left on the step (null while paused).")
    is_paused: bool = Field(description="Waiting for the applicant: the clock stands still.")
    assignee: PersonRef | None = Field(description="Who holds it (null in the pool).")
    department_id: int | None = Field(description="Department of the step.")
    dossier_id: int = Field(description="Dossier id.")
    dossier_code: str = Field(description="Dossier code.")
    dossier_version: int = Field(description="Dossier version (send as If-Match with an action).")
    status: StatusInfo = Field(description="Dossier status.")
    procedure_code: str = Field(description="Procedure code.")
    procedure_name: str = Field(description="Procedure name.")
    applicant_name: str = Field(description="Applicant's name.")
    dossier_due_at: dt.datetime | None = Field(description="The dossier's appointment.")


class WorkCounts(Schema):
    open: int = Field(description="Open steps.")
    due_soon: int = Field(description="Due within one working day.")
    overdue: int = Field(description="Past their step due time.")


class WorkPage(Page[WorkItem]):
    counts: WorkCounts = Field(description="Counts over all the caller's open steps, whatever the filter.")


class BoardRow(Schema):
    open: int = Field(description="Open steps.")
    due_soon: int = Field(description="Due within one working day.")
    overdue: int = Field(description="Past their step due time.")
    finished_this_month: int = Field(description="Steps finished since the 1st of this month.")
    on_time_this_month: int = Field(description="Of those, finished early or on time.")
    on_time_share: float | None = Field(description="on_time / finished (null when none finished).")


class BoardStaff(BoardRow):
    staff: PersonRef = Field(description="The officer.")
    department_id: int | None = Field(description="Their department.")
    roles: list[str] = Field(description="Their roles.")
    absent: bool = Field(description="On an absence now.")


class BoardDepartment(BoardRow):
    department_id: int | None = Field(description="Department (null: steps for anyone of the center).")
    name: str = Field(description="Department name.")
    unassigned: int = Field(description="Steps waiting in the pool.")
    assignment_mode: Literal["auto", "pool"] = Field(description="How new steps are given out.")


class Board(Schema):
    staff: list[BoardStaff] = Field(description="One row per active officer who handles dossiers.")
    departments: list[BoardDepartment] = Field(description="One row per department.")
    unassigned: int = Field(description="Open steps nobody holds.")


# -------------------------------------------------------------------------------------------- absences


class AbsenceCreate(Schema):
    staff_id: EntityId | None = Field(default=None, description="Who is absent (default: the caller).")
    kind: AbsenceKind = Field(description="Leave, training, sick, business trip, other.")
    starts_at: Moment = Field(description="Start (local time if no offset).")
    ends_at: Moment = Field(description="End, after the start.")
    delegate_id: EntityId | None = Field(default=None, description="Who takes over the open work.")
    note: NFCStr | None = Field(default=None, max_length=1000, description="Note.")

    @model_validator(mode="after")
    def _period(self) -> AbsenceCreate:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if (self.ends_at - self.starts_at) > dt.timedelta(days=366):
            raise ValueError("an absence lasts at most a year")
        return self


class AbsenceRead(Schema):
    id: int = Field(description="Absence id.")
    staff: PersonRef = Field(description="Who is absent.")
    kind: AbsenceKind = Field(description="Kind.")
    starts_at: dt.datetime = Field(description="Start.")
    ends_at: dt.datetime = Field(description="End.")
    delegate: PersonRef | None = Field(description="Who takes over.")
    note: str | None = Field(description="Note.")
    applied_at: dt.datetime | None = Field(description="When the open work was handed on.")


# --------------------------------------------------------------------------------------- notifications


class NotificationRead(Schema):
    id: int = Field(description="Notification id.")
    kind: Literal["due_soon", "overdue", "assigned"] = Field(description="What happened.")
    dossier_id: int = Field(description="Dossier concerned.")
    dossier_code: str = Field(description="Its code.")
    text_vi: str = Field(description="Message in Vietnamese.")
    text_en: str = Field(description="Message in English.")
    created_at: dt.datetime = Field(description="When.")
    read_at: dt.datetime | None = Field(description="When it was read.")


class NotificationPage(Page[NotificationRead]):
    unread: int = Field(description="Unread notifications in all.")


class NotificationsRead(Schema):
    ids: list[EntityId] | None = Field(
        default=None, max_length=500, description="Notifications to mark read; null marks all."
    )


class ReminderRun(Schema):
    due_soon: int = Field(description="Steps that became due soon in this run.")
    overdue: int = Field(description="Steps that became overdue in this run.")
    notifications: int = Field(description="Notifications created.")
    absences_applied: int = Field(description="Absences whose open work was handed on.")
    emails_sent: int = Field(description="E-mails sent.")
