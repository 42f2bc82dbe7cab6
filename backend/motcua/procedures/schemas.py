"""The API's shapes of sectors and procedures (admin and public)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from motcua.core.schemas import EntityId, NFCStr, Page, Schema

Channel = Literal["in_person", "online", "postal"]
TimeUnit = Literal["working_hours", "working_days", "calendar_days", "same_day"]
CODE_PATTERN = (
    r"^\d\.\d{6,9}([.-][A-Za-z0-9]{1,12})?$"  # d.dddddd; the portal also lists a few longer or suffixed codes
)


class SectorRef(Schema):
    id: int = Field(description="Sector id.")
    name_vi: str = Field(description="Vietnamese name.")
    name_en: str | None = Field(description="English name.")


class SectorRead(SectorRef):
    code: str | None = Field(description="Short code.")


class SectorPublic(SectorRef):
    procedure_count: int = Field(description="How many published procedures the sector has.")


class SectorCreate(Schema):
    name_vi: NFCStr = Field(min_length=2, max_length=300, description="Vietnamese name.")
    name_en: NFCStr | None = Field(default=None, max_length=300, description="English name.")
    code: str | None = Field(
        default=None, max_length=40, pattern=r"^[A-Za-z0-9._-]+$", description="Short code."
    )


class SectorUpdate(Schema):
    name_vi: NFCStr | None = Field(default=None, min_length=2, max_length=300, description="Vietnamese name.")
    name_en: NFCStr | None = Field(default=None, max_length=300, description="English name.")
    code: str | None = Field(
        default=None, max_length=40, pattern=r"^[A-Za-z0-9._-]+$", description="Short code."
    )


class ProcessingTime(Schema):
    channel: Channel = Field(description="How the dossier is filed.")
    amount: float | None = Field(
        ge=0, le=1000, description="Legal time limit; null when the source gives none that can be read."
    )
    unit: TimeUnit | None = Field(description="Unit of `amount`; `same_day` ignores the amount.")
    text: NFCStr | None = Field(
        default=None, max_length=2000, description="The original text of the time limit."
    )

    @model_validator(mode="after")
    def _consistent(self) -> ProcessingTime:
        if (self.amount is None) != (self.unit is None) and self.unit != "same_day":
            raise ValueError("amount and unit go together")
        return self


class Fee(Schema):
    description: NFCStr = Field(min_length=1, max_length=500, description="What the fee is for.")
    amount_vnd: int | None = Field(ge=0, le=1_000_000_000, description="Amount in đồng, when fixed.")
    note: NFCStr | None = Field(default=None, max_length=2000, description="Exemptions, per-page rules, etc.")


class Document(Schema):
    name: NFCStr = Field(min_length=1, max_length=10000, description="The document.")
    originals: int = Field(ge=0, le=100, description="Originals to bring.")
    copies: int = Field(ge=0, le=100, description="Copies to bring.")
    mandatory: bool = Field(description="False when only required in some cases.")
    condition: NFCStr | None = Field(default=None, max_length=10000, description="When it is required.")
    group: NFCStr | None = Field(default=None, max_length=500, description="Group heading in the source.")
    template: NFCStr | None = Field(default=None, max_length=500, description="Form template file name.")


class Result(Schema):
    name: NFCStr = Field(min_length=1, max_length=1000, description="The result document.")
    code: str | None = Field(
        default=None, max_length=40, description="National result code, e.g. `KQ.G15.000033`."
    )


class LegalBasis(Schema):
    code: NFCStr = Field(min_length=1, max_length=200, description="Document number, e.g. `123/2015/NĐ-CP`.")
    title: NFCStr | None = Field(default=None, max_length=2000, description="Title of the legal document.")


class ProcedureContent(Schema):
    """Everything an edit may change; stored as one immutable version."""

    # Limits sit above the longest values of the national catalog (names of 1,094 characters, 242 conditions).
    name_vi: NFCStr = Field(min_length=3, max_length=2000, description="Vietnamese name.")
    name_en: NFCStr | None = Field(default=None, max_length=2000, description="English name.")
    sector_id: EntityId = Field(description="Sector (lĩnh vực).")
    level: NFCStr | None = Field(default=None, max_length=200, description="Level, e.g. `Cấp xã`.")
    agency: NFCStr | None = Field(default=None, max_length=5000, description="Implementing agency.")
    channels: list[Channel] = Field(default_factory=list, max_length=3, description="Channels offered.")
    processing_times: list[ProcessingTime] = Field(
        default_factory=list,
        max_length=50,
        description="Per channel (several when the time depends on the case).",
    )
    fees: list[Fee] = Field(default_factory=list, max_length=50, description="Fees and charges.")
    documents: list[Document] = Field(
        default_factory=list, max_length=1000, description="Required documents."
    )
    steps: list[NFCStr] = Field(default_factory=list, max_length=1000, description="Steps, as text.")
    conditions: list[NFCStr] = Field(
        default_factory=list, max_length=1000, description="Eligibility conditions."
    )
    results: list[Result] = Field(default_factory=list, max_length=50, description="Results issued.")
    legal_basis: list[LegalBasis] = Field(default_factory=list, max_length=1000, description="Legal basis.")
    target_users: list[NFCStr] = Field(default_factory=list, max_length=50, description="Who may file it.")


class ProcedureCreate(ProcedureContent):
    code: str = Field(pattern=CODE_PATTERN, description="National procedure code, e.g. `1.001193`.")


class ProcedureSummary(Schema):
    code: str = Field(description="National procedure code.")
    name_vi: str = Field(description="Vietnamese name.")
    name_en: str | None = Field(description="English name.")
    sector: SectorRef = Field(description="Sector.")
    processing_times: list[ProcessingTime] = Field(description="Time limit per channel.")
    fees: list[Fee] = Field(description="Fees.")


class ProcedurePublic(ProcedureSummary):
    version: int = Field(description="Version number of the content shown.")
    level: str | None = Field(description="Level.")
    agency: str | None = Field(description="Implementing agency.")
    channels: list[Channel] = Field(description="Channels offered.")
    documents: list[Document] = Field(description="Required documents.")
    steps: list[str] = Field(description="Steps.")
    conditions: list[str] = Field(description="Eligibility conditions.")
    results: list[Result] = Field(description="Results.")
    legal_basis: list[LegalBasis] = Field(description="Legal basis.")
    target_users: list[str] = Field(description="Who may file it.")
    public_url: str = Field(description="Public page of the procedure (what its QR code encodes).")


class ProcedureAdminSummary(ProcedureSummary):
    version: int = Field(description="Version in force.")
    is_published: bool = Field(description="Shown on the public pages.")
    updated_at: datetime = Field(description="Last change.")


class VersionInfo(Schema):
    version: int = Field(description="Version number.")
    created_at: datetime = Field(description="When it was saved.")
    created_by: str | None = Field(description="Who saved it (null for imports).")


class ProcedureAdmin(ProcedurePublic):
    is_published: bool = Field(description="Shown on the public pages.")
    versions: list[VersionInfo] = Field(description="Every version, newest first.")


ProcedurePage = Page[ProcedureSummary]
ProcedureAdminPage = Page[ProcedureAdminSummary]
