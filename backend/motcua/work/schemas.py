"""The API's shapes of work lists, their counts and the leader's board."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from motcua.calendar.schemas import RemainingRead
from motcua.core.schemas import Page, PersonRef, Schema
from motcua.dossiers.schemas import StatusInfo
from motcua.process_templates.schemas import StepKind


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
    """The counts shown anywhere (My work, the pool, the board): every open step, and among them those due
    soon or overdue while their clock runs; paused steps apart (their clock stands still)."""

    open: int = Field(description="Open steps (paused ones included).")
    due_soon: int = Field(description="Running steps due within 24 hours or one working day.")
    overdue: int = Field(description="Running steps past their due time.")
    paused: int = Field(description="Steps waiting for the applicant (clock paused).")


class WorkPage(Page[WorkItem]):
    counts: WorkCounts = Field(
        description="Counts over all the steps of the list, whatever the page and filter."
    )


class BoardRow(WorkCounts):
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
