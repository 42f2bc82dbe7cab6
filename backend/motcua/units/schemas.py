"""The API's shapes of service centers, their communes and departments."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from motcua.core.schemas import PHONE_PATTERN, NFCStr, Schema

AssignmentMode = Literal["auto", "pool"]
# QCVN 102:2016/BTTTT agency identifier, e.g. 000.17.22.H56.
UNIT_CODE_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$"
# Administrative codes (Decision 124/2004/QĐ-TTg): provinces two digits, communes five.
PROVINCE_CODE_PATTERN = r"^\d{2}$"
COMMUNE_CODE_PATTERN = r"^\d{5}$"
# The two-level local government took effect on 1 July 2025 (Resolution 202/2025/QH15), when communes merged.
MERGER_DAY = date(2025, 7, 1)


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
    address: str | None = Field(description="Address of the center (printed on its forms).")
    phone: str | None = Field(description="Phone of the center.")
    commune: AreaRef = Field(description="The commune the center serves.")
    province: AreaRef = Field(description="The province of the commune.")
    former_units: list[FormerUnit] = Field(description="Former communes merged into this commune.")


class FormerCommune(Schema):
    name: NFCStr = Field(min_length=2, max_length=200, description="Name, e.g. `Xã Yên Lập`.")
    code: str | None = Field(
        default=None, pattern=COMMUNE_CODE_PATTERN, description="Its commune code, if known."
    )
    merged_on: date = Field(default=MERGER_DAY, description="When it was merged into the center's commune.")


class CenterCreate(Schema):
    """A new service center: its province (found by code, or created), its commune and the former communes
    merged into it, and the center itself."""

    province_code: str = Field(pattern=PROVINCE_CODE_PATTERN, description="Province code, e.g. `25`.")
    province_name: NFCStr = Field(min_length=2, max_length=200, description="e.g. `Tỉnh Phú Thọ`.")
    commune_name: NFCStr = Field(min_length=2, max_length=200, description="e.g. `Xã Vĩnh Hưng`.")
    commune_code: str | None = Field(default=None, pattern=COMMUNE_CODE_PATTERN, description="Commune code.")
    unit_code: str = Field(
        pattern=UNIT_CODE_PATTERN, description="QCVN 102 agency code, e.g. `000.17.22.H56`."
    )
    name: NFCStr = Field(min_length=2, max_length=200, description="Name of the center.")
    address: NFCStr | None = Field(default=None, max_length=500, description="Address of the center.")
    phone: str | None = Field(default=None, pattern=PHONE_PATTERN, max_length=13, description="Its phone.")
    former_communes: list[FormerCommune] = Field(
        default_factory=list, max_length=20, description="Former communes merged into the commune."
    )


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
