"""The API's shapes of staff accounts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from motcua.core.schemas import EMAIL_PATTERN, PHONE_PATTERN, EntityId, NFCStr, Page, Schema
from motcua.procedures.schemas import CODE_PATTERN

Role = Literal["admin", "leader", "receptionist", "specialist"]
USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,63}$"


def _unique_roles(roles: list[Role]) -> list[Role]:
    return sorted(set(roles))


Roles = Annotated[list[Role], AfterValidator(_unique_roles)]
ProcedureCode = Annotated[str, Field(pattern=CODE_PATTERN, max_length=40)]


class CenterRef(Schema):
    id: int = Field(description="Unit (service center) id.")
    name: str = Field(description="Name of the service center.")
    unit_code: str = Field(description="QCVN 102 agency code, e.g. `000.00.00.H00`.")


class StaffRead(Schema):
    id: int = Field(description="Staff id.")
    username: str = Field(description="Login name.")
    full_name: str = Field(description="Full name.")
    email: str | None = Field(description="E-mail address.")
    phone: str | None = Field(description="Phone number.")
    is_active: bool = Field(description="False when the account is disabled.")
    roles: list[Role] = Field(description="Roles held.")
    sector_ids: list[int] = Field(description="Sectors (lĩnh vực) the staff member handles.")
    procedure_codes: list[str] = Field(description="Single procedures handled beyond those sectors.")
    department_id: int | None = Field(description="Department the staff member belongs to.")
    center: CenterRef = Field(description="The service center of the account.")


class StaffBrief(Schema):
    """What every colleague may see of a staff member: enough to choose a delegate or an officer."""

    id: int = Field(description="Staff id.")
    full_name: str = Field(description="Full name.")
    department_id: int | None = Field(description="Department.")
    roles: list[Role] = Field(description="Roles held.")


class StaffCreate(Schema):
    username: str = Field(
        pattern=USERNAME_PATTERN, description="Login name: lower-case letters, digits, `._-`."
    )
    full_name: NFCStr = Field(min_length=2, max_length=200, description="Full name.")
    email: str | None = Field(default=None, max_length=254, pattern=EMAIL_PATTERN, description="E-mail.")
    phone: str | None = Field(default=None, max_length=13, pattern=PHONE_PATTERN, description="Phone number.")
    password: str = Field(min_length=8, max_length=200, description="Initial password, 8 characters or more.")
    roles: Roles = Field(min_length=1, max_length=4, description="Roles to grant.")
    sector_ids: list[EntityId] = Field(default_factory=list, max_length=200, description="Sectors handled.")
    procedure_codes: list[ProcedureCode] = Field(
        default_factory=list, max_length=500, description="Single procedures handled beyond those sectors."
    )
    department_id: EntityId | None = Field(default=None, description="Department.")


class StaffUpdate(Schema):
    full_name: NFCStr | None = Field(default=None, min_length=2, max_length=200, description="Full name.")
    email: str | None = Field(default=None, max_length=254, pattern=EMAIL_PATTERN, description="E-mail.")
    phone: str | None = Field(default=None, max_length=13, pattern=PHONE_PATTERN, description="Phone number.")
    roles: Roles | None = Field(default=None, min_length=1, max_length=4, description="Roles (replaces all).")
    sector_ids: list[EntityId] | None = Field(
        default=None, max_length=200, description="Sectors (replaces all)."
    )
    procedure_codes: list[ProcedureCode] | None = Field(
        default=None, max_length=500, description="Single procedures handled (replaces all)."
    )
    department_id: EntityId | None = Field(default=None, description="Department.")
    is_active: bool | None = Field(
        default=None, description="False disables the account and revokes its tokens."
    )


class PasswordReset(Schema):
    new_password: str = Field(min_length=8, max_length=200, description="The new password.")


StaffPage = Page[StaffRead]
