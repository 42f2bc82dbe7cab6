"""The API's shapes of the candidates for a step."""

from __future__ import annotations

from pydantic import Field

from motcua.core.schemas import PersonRef, Schema
from motcua.process_templates.schemas import StepKind


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
