"""The API's shapes of process templates, their steps and budget warnings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from motcua.core.schemas import EntityId, NFCStr, Schema
from motcua.procedures.schemas import CODE_PATTERN

StepKind = Literal["reception", "specialist", "leader", "return"]
MAX_BUDGET_MINUTES = 60 * 8 * 365  # a year of working days: anything longer is a typing mistake


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
