"""The API's shapes of dossiers: the intake, actions, the staff's view, events and steps."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from motcua.calendar.schemas import RemainingRead
from motcua.core.schemas import (
    EMAIL_PATTERN,
    PHONE_PATTERN,
    EntityId,
    Moment,
    NFCStr,
    Page,
    PersonRef,
    Schema,
)
from motcua.dossiers import workflow
from motcua.procedures.schemas import CODE_PATTERN
from motcua.process_templates.schemas import StepKind

ID_NUMBER_PATTERN = r"^\d{12}$"  # citizen identity card number (Law on Identification 2023): 12 digits
Channel = Literal[1, 2, 3]  # 1 in person, 2 online, 3 postal (national portal codes)
Punctuality = Literal["early", "on_time", "late"]
AssignedHow = Literal["intake", "auto", "claim", "manual", "delegate", "forward"]


class ApplicantIn(Schema):
    full_name: NFCStr = Field(min_length=2, max_length=200, description="Full name of the applicant.")
    id_number: str = Field(pattern=ID_NUMBER_PATTERN, description="12-digit citizen identity number.")
    birth_date: dt.date | None = Field(default=None, description="Date of birth (not in the future).")
    phone: str = Field(pattern=PHONE_PATTERN, max_length=13, description="Phone number (Vietnamese format).")
    email: str | None = Field(default=None, max_length=254, pattern=EMAIL_PATTERN, description="E-mail.")
    address: NFCStr = Field(min_length=2, max_length=500, description="Address.")

    @model_validator(mode="after")
    def _birth_date(self) -> ApplicantIn:
        if self.birth_date is not None and not dt.date(1900, 1, 1) <= self.birth_date <= dt.date.today():
            raise ValueError("birth_date must be between 1900-01-01 and today")
        return self


class RepresentativeIn(Schema):
    full_name: NFCStr = Field(
        min_length=2, max_length=200, description="Name of the person filing for the applicant."
    )
    id_number: str = Field(pattern=ID_NUMBER_PATTERN, description="Their 12-digit identity number.")
    relation: NFCStr = Field(
        min_length=1, max_length=100, description="Relation to the applicant, e.g. `Bố`."
    )


class ReceivedDocumentIn(Schema):
    index: int = Field(ge=0, le=999, description="Position of the document in the procedure's checklist.")
    originals: int = Field(default=0, ge=0, le=100, description="Originals received.")
    copies: int = Field(default=0, ge=0, le=100, description="Copies received.")


class FeeIn(Schema):
    description: NFCStr = Field(min_length=1, max_length=500, description="What was charged.")
    amount_vnd: int = Field(ge=0, le=1_000_000_000, description="Amount in đồng.")


class DossierCreate(Schema):
    procedure_code: str = Field(
        pattern=CODE_PATTERN, max_length=40, description="Procedure code, e.g. `1.001193`."
    )
    channel: Channel = Field(default=1, description="1 in person, 2 online, 3 postal.")
    applicant: ApplicantIn = Field(description="Who files the dossier.")
    representative: RepresentativeIn | None = Field(
        default=None, description="Proxy or representative, if any."
    )
    documents: list[ReceivedDocumentIn] = Field(
        default_factory=list, max_length=1000, description="Documents received, by checklist position."
    )
    sets_count: int = Field(default=1, ge=1, le=50, description="Number of sets (bộ hồ sơ).")
    fees: list[FeeIn] = Field(default_factory=list, max_length=50, description="Fees charged at the counter.")
    delivery: Literal["counter", "post"] = Field(
        default="counter", description="Where the result is returned."
    )
    delivery_address: NFCStr | None = Field(
        default=None, max_length=500, description="Postal address (post)."
    )
    note: NFCStr | None = Field(default=None, max_length=2000, description="Note of the receptionist.")
    if_incomplete: Literal["reject", "request_supplement", "refuse"] = Field(
        default="reject",
        description=(
            "When mandatory documents are missing: `reject` answers 409 listing them; `request_supplement` "
            "records the dossier waiting for them (form 02); `refuse` records a refusal to receive (form 03)."
        ),
    )
    reason: NFCStr | None = Field(
        default=None, max_length=2000, description="Reason (required with `refuse`)."
    )
    awaiting_reception: bool = Field(
        default=False,
        description=(
            "Register a dossier submitted online (channel 2) or by post (3) that the center has not received "
            "yet: status 1, with its code and tracking link but no appointment and no step, until a "
            "receptionist checks it and receives it (action `receive`: the legal time starts then) or refuses "
            "it (`refuse_at_reception`, form 03). Missing documents are judged at that reception."
        ),
    )

    @model_validator(mode="after")
    def _consistent(self) -> DossierCreate:
        if self.awaiting_reception and self.channel == 1:
            raise ValueError(
                "a dossier filed in person is received at once (awaiting_reception: channel 2 or 3)"
            )
        if self.awaiting_reception and self.if_incomplete != "reject":
            raise ValueError("if_incomplete applies when the dossier is received, not to a registration")
        if self.delivery == "post" and not self.delivery_address:
            raise ValueError("delivery_address is required when the result is sent by post")
        if self.if_incomplete == "refuse" and not self.reason:
            raise ValueError("reason is required to refuse a dossier")
        indexes = [d.index for d in self.documents]
        if len(indexes) != len(set(indexes)):
            raise ValueError("a checklist document is listed twice")
        return self


class ActionIn(Schema):
    """Fields an action may need; which ones are required depends on the action (see `allowed_actions`)."""

    note: NFCStr | None = Field(default=None, max_length=2000, description="Free note recorded in the event.")
    reason: NFCStr | None = Field(default=None, max_length=2000, description="Reason (supplement, stop, …).")
    to_step: NFCStr | None = Field(
        default=None, max_length=200, description="Step to forward to (default: the next step of the plan)."
    )
    assignee_id: EntityId | None = Field(
        default=None, description="Officer to hand the next step to (forward; default: auto-assignment)."
    )
    missing_documents: list[NFCStr] | None = Field(
        default=None,
        max_length=200,
        description="Documents still needed (request_supplement), one complete list.",
    )
    amount_vnd: int | None = Field(
        default=None, ge=0, le=10_000_000_000, description="Amount due (request_payment)."
    )
    new_due_at: Moment | None = Field(default=None, description="New appointment (extend).")
    decision_note: NFCStr | None = Field(default=None, max_length=2000, description="Decision (approve).")
    result_number: NFCStr | None = Field(default=None, max_length=100, description="Result document number.")
    result_date: dt.date | None = Field(default=None, description="Result document date.")
    collected_by: NFCStr | None = Field(default=None, max_length=200, description="Who collected the result.")
    relation: NFCStr | None = Field(
        default=None, max_length=100, description="Their relation to the applicant."
    )
    id_checked: bool | None = Field(default=None, description="The collector's identity paper was checked.")
    tracking_number: NFCStr | None = Field(
        default=None, max_length=100, description="Postal tracking number."
    )
    second_request_reason: NFCStr | None = Field(
        default=None, max_length=2000, description="Why a second supplement request is unavoidable."
    )


class StatusInfo(Schema):
    code: int = Field(description="Status code exchanged with the national portal (1–10).")
    label_vi: str = Field(description="Plain Vietnamese words.")
    label_en: str = Field(description="Plain English words.")


def status_info(code: int) -> StatusInfo:
    """A status in plain words, from the workflow's table (a known code: nothing to validate)."""
    vi, en = workflow.STATUS_LABELS[workflow.Status(code)]
    return StatusInfo.model_construct(code=code, label_vi=vi, label_en=en)


class ReceivedDocument(Schema):
    index: int = Field(description="Position in the checklist.")
    name: str = Field(description="Document.")
    mandatory: bool = Field(description="Required in every case.")
    originals_required: int = Field(description="Originals the checklist asks for.")
    copies_required: int = Field(description="Copies the checklist asks for.")
    originals: int = Field(description="Originals received.")
    copies: int = Field(description="Copies received.")


class ApplicantRead(Schema):
    full_name: str = Field(description="Full name.")
    id_number: str = Field(description="Identity number.")
    birth_date: dt.date | None = Field(description="Date of birth.")
    phone: str = Field(description="Phone.")
    email: str | None = Field(description="E-mail.")
    address: str = Field(description="Address.")


class DossierSummary(Schema):
    id: int = Field(description="Dossier id.")
    code: str = Field(description="Dossier code `<unit code>-<YYMMDD>-<NNNN>`.")
    status: StatusInfo = Field(description="Current status.")
    procedure_code: str = Field(description="Procedure code.")
    procedure_name: str = Field(description="Procedure name.")
    applicant_name: str = Field(description="Applicant's name.")
    received_at: dt.datetime = Field(description="When it was received.")
    due_at: dt.datetime | None = Field(description="Appointment in force (null when the law sets no time).")
    remaining: RemainingRead | None = Field(
        description="Working time left, for open dossiers with a due time."
    )
    punctuality: Punctuality | None = Field(description="Early / on time / late once finished.")
    current_step: str | None = Field(description="Current step.")
    is_paused: bool = Field(description="The clock is paused (supplement or payment).")


class DossierRead(DossierSummary):
    version: int = Field(description="Send it back as `If-Match` with an action.")
    channel: Channel = Field(description="1 in person, 2 online, 3 postal.")
    procedure_version: int = Field(description="Catalog version pinned at reception.")
    applicant: ApplicantRead = Field(description="Applicant.")
    representative: RepresentativeIn | None = Field(description="Representative.")
    documents: list[ReceivedDocument] = Field(description="The checklist with what was received.")
    missing_documents: list[str] = Field(description="Mandatory documents not received.")
    sets_count: int = Field(description="Number of sets.")
    fees: list[FeeIn] = Field(description="Fees charged.")
    delivery: Literal["counter", "post"] = Field(description="Where the result is returned.")
    delivery_address: str | None = Field(description="Postal address.")
    note: str | None = Field(description="Receptionist's note.")
    received_by: PersonRef = Field(description="Who received it.")
    original_due_at: dt.datetime | None = Field(description="First appointment, when it was extended.")
    duration_text: str | None = Field(description="Legal processing time as the catalog states it.")
    approved_at: dt.datetime | None = Field(description="When a leader approved the result.")
    finished_at: dt.datetime | None = Field(description="When processing ended.")
    outcome: str | None = Field(description="`result`, `refused`, `stopped`, `withdrawn` or `not_received`.")
    result_number: str | None = Field(description="Result document number.")
    result_date: dt.date | None = Field(description="Result document date.")
    returned_at: dt.datetime | None = Field(description="When the result was handed over.")
    allowed_actions: list[workflow.DossierAction] = Field(description="Actions the caller may take now.")
    public_url: str = Field(description="Public tracking page (what the receipt's QR code opens).")
    lookup_count: int = Field(description="How often the public page was looked up.")
    assignee: PersonRef | None = Field(description="Officer holding the current step (null: in the pool).")
    step_due_at: dt.datetime | None = Field(description="Due time of the current step.")


DossierPage = Page[DossierSummary]


class EventRead(Schema):
    seq: int = Field(description="Order within the dossier, from 1.")
    at: dt.datetime = Field(description="When.")
    actor: PersonRef | None = Field(description="Who (null for the system).")
    action: str = Field(description="What was done.")
    from_status: int | None = Field(description="Status before.")
    to_status: int = Field(description="Status after.")
    note: str | None = Field(description="Note.")
    data: dict[str, object] = Field(description="Fields the action set.")


# ------------------------------------------------------------------------------------------ steps


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


class AssignIn(Schema):
    staff_id: EntityId = Field(description="Officer to give the current step to.")
    reason: NFCStr = Field(min_length=2, max_length=1000, description="Why (recorded in the event).")


class ReleaseIn(Schema):
    reason: NFCStr = Field(min_length=2, max_length=1000, description="Why it goes back to the pool.")
