from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from motcua.core.schemas import NFCStr, Schema

# QCVN 102:2016/BTTTT agency identifier, e.g. 000.17.22.H56.
AssignmentMode = Literal["auto", "pool"]
UNIT_CODE_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$"


class AreaRef(Schema):
    id: int = Field(description="Area id.")
    name: str = Field(description="Name of the province or commune.")
    code: str | None = Field(description="Official administrative code, if known.")


class FormerUnit(AreaRef):
    merged_on: date = Field(description="Date the former commune was merged into this one.")


class UnitRead(Schema):
    id: int = Field(description="Unit (service center) id.")
    name: str = Field(description="Name of the service center.")
    unit_code: str = Field(description="QCVN 102 agency code used as the prefix of dossier codes.")
    commune: AreaRef = Field(description="The commune the center serves.")
    province: AreaRef = Field(description="The province of the commune.")
    former_units: list[FormerUnit] = Field(description="Former communes merged into this commune.")


class UnitUpdate(Schema):
    name: NFCStr | None = Field(default=None, min_length=2, max_length=200, description="Name of the center.")
    unit_code: str | None = Field(
        default=None, pattern=UNIT_CODE_PATTERN, description="QCVN 102 agency code."
    )


class DepartmentRead(Schema):
    id: int = Field(description="Department id.")
    name: str = Field(description="Name, e.g. `Phòng Văn hóa - Xã hội`.")
    code: str | None = Field(description="Short code.")
    is_active: bool = Field(description="False when the department is no longer used.")
    assignment_mode: AssignmentMode = Field(
        description="`auto`: a step entering the department goes to the least loaded qualified officer; "
        "`pool`: it waits in the department's queue until someone claims it."
    )


class DepartmentCreate(Schema):
    name: NFCStr = Field(min_length=2, max_length=200, description="Name.")
    code: str | None = Field(
        default=None, max_length=40, pattern=r"^[A-Za-z0-9._-]+$", description="Short code."
    )
    assignment_mode: AssignmentMode = Field(default="auto", description="`auto` or `pool`.")


class DepartmentUpdate(Schema):
    name: NFCStr | None = Field(default=None, min_length=2, max_length=200, description="Name.")
    code: str | None = Field(
        default=None, max_length=40, pattern=r"^[A-Za-z0-9._-]+$", description="Short code."
    )
    is_active: bool | None = Field(default=None, description="False retires the department.")
    assignment_mode: AssignmentMode | None = Field(default=None, description="`auto` or `pool`.")
