"""Dossier lifecycle: statuses, the table of allowed transitions, its guards. Pure: stdlib only, no database.

This module is the single source of truth for what may happen to a dossier. The service's ``transition()``
asks ``decide()`` whether an action is allowed, then applies the returned ``Decision`` (new status, what to do
with the legal clock, which form to print) and writes the event row; nothing else sets a status.

Legal sources. The one-stop-shop mechanism was governed by Decree 61/2018/NĐ-CP (amended by Decree
107/2021/NĐ-CP); since the two-level local government reform it is Decree 118/2025/NĐ-CP "on carrying out
administrative procedures under the one-stop-shop and inter-agency one-stop-shop mechanism at the One-Stop
Department and the National Public Service Portal", which is the document the national catalog now cites as
legal basis (data/procedures/commune_procedures.jsonl cites 118/2025 and never 61/2018). The printed forms are
those of Circular 01/2018/TT-VPCP as renumbered by Circular 03/2025/TT-VPCP (02 supplement request, 03
refusal to receive, 04 apology and new appointment / request to extend, 05 notice of stopping processing).
Article numbers are deliberately not cited: they could not be confirmed against the text of the 2025 decree
here, and a wrong article number in a legal comment is worse than none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sized
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from types import MappingProxyType
from typing import Literal


class DossierAction(StrEnum):
    """The actions of the transition table (`RULES`), by name. The API's path parameter and `allowed_actions`
    are of this type, so the console's action names come from the contract (a test pins it to the table)."""

    RECEIVE = "receive"
    REFUSE_AT_RECEPTION = "refuse_at_reception"
    FORWARD = "forward"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT_RECEIVED = "supplement_received"
    REQUEST_PAYMENT = "request_payment"
    PAYMENT_RECEIVED = "payment_received"
    APPROVE = "approve"
    REFUSE_TO_RESOLVE = "refuse_to_resolve"
    STOP = "stop"
    WITHDRAW = "withdraw"
    EXTEND = "extend"
    MARK_DONE = "mark_done"
    RETURN_RESULT = "return_result"


class Status(IntEnum):
    """Dossier statuses; the numbers are the external codes exchanged with the national portal (keep them)."""

    NEW = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    AWAITING_PAYMENT = 6
    WITHDRAWN = 7
    STOPPED = 8
    DONE = 9
    RETURNED = 10


# Plain words for citizens (public status page, forms) and staff: (Vietnamese, English).
STATUS_LABELS: Mapping[Status, tuple[str, str]] = MappingProxyType(
    {
        Status.NEW: ("Mới (chưa tiếp nhận)", "New (not yet received)"),
        Status.RECEIVED: ("Đã tiếp nhận", "Received"),
        Status.REFUSED: ("Từ chối tiếp nhận", "Not accepted at reception"),
        Status.PROCESSING: ("Đang xử lý", "Being processed"),
        Status.SUPPLEMENT_REQUESTED: ("Chờ bổ sung hồ sơ", "Waiting for additional documents"),
        Status.AWAITING_PAYMENT: ("Chờ thực hiện nghĩa vụ tài chính", "Waiting for fees or taxes to be paid"),
        Status.WITHDRAWN: ("Đã rút hồ sơ", "Withdrawn by the applicant"),
        Status.STOPPED: ("Dừng xử lý", "Processing stopped"),
        Status.DONE: ("Đã có kết quả", "Result ready"),
        Status.RETURNED: ("Đã trả kết quả", "Result handed over"),
    }
)

# Open: the legal clock is running (2, 4) or paused (5, 6). NEW (1) is neither open nor final: an online
# submission's clock only starts when the center receives it.
OPEN_STATUSES: frozenset[Status] = frozenset(
    {Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.AWAITING_PAYMENT}
)
# Final: processing is over and the clock has stopped for good. DONE (9) is finished but the result is not yet
# handed over; only RETURNED (10), REFUSED, WITHDRAWN and STOPPED accept no further action.
FINAL_STATUSES: frozenset[Status] = frozenset(
    {Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.DONE, Status.RETURNED}
)

Role = Literal["admin", "leader", "receptionist", "specialist"]


class Clock(StrEnum):
    """What a transition does to the legal processing clock (see deadlines.py for the arithmetic)."""

    START = "start"  # only the intake: the appointment is computed from the moment of receipt
    KEEP = "keep"
    PAUSE = "pause"
    RESUME = "resume"
    STOP = "stop"


# Whether time spent waiting for the applicant's fees/taxes is left out of the processing time.
# Verified for land procedures only: the catalog states it in their processing time, e.g. 1.115750 (land
# use right certificate) "Không quá 03 ngày làm việc (không tính thời gian cơ quan có thẩm quyền xác định
# nghĩa vụ tài chính về đất đai, thời gian thực hiện nghĩa vụ tài chính của người sử dụng đất)". A general
# rule for every procedure could not be confirmed, so this is a switch (verify): True pauses the clock while
# the dossier is AWAITING_PAYMENT.
PAYMENT_PAUSES_CLOCK = True


@dataclass(frozen=True)
class DossierFacts:
    """What guards may look at; the service builds it from the dossier row."""

    status: Status
    approved: bool  # a leader approved the result
    supplement_requests: int  # how many times a supplement was requested so far
    has_due: bool  # the dossier has a computed appointment; False when the procedure's time is unknown
    delivery: Literal["counter", "post"]


Guard = Callable[[DossierFacts, Mapping[str, object]], str | None]


@dataclass(frozen=True)
class Rule:
    action: str
    from_statuses: frozenset[Status]
    to_status: Status | None  # None: the status does not change (approve, extend)
    roles: frozenset[Role]
    required: tuple[str, ...]  # payload fields that must be present and non-empty
    clock: Clock
    form: str | None  # printable form the transition produces ("01".."05"), if any
    guard: Guard | None  # returns a refusal reason (-> conflict), or None when allowed
    label_vi: str
    label_en: str
    # Payload fields required only in some situations, computed from the facts (-> invalid when missing, like
    # ``required``): a missing field is something the caller can fix in the same request, not a conflict.
    required_when: Callable[[DossierFacts], tuple[str, ...]] | None = None


class TransitionError(Exception):
    """Why an action was refused.

    ``code`` maps to HTTP: ``forbidden`` 403, ``conflict`` 409, ``invalid`` 422 (``field`` names the field as
    ``path.<name>`` or ``body.<name>``; ``fields`` lists every missing one, ``field`` is the first).
    """

    def __init__(
        self,
        code: Literal["forbidden", "conflict", "invalid"],
        message: str,
        *,
        field: str | None = None,
        fields: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.code: Literal["forbidden", "conflict", "invalid"] = code
        self.message = message
        self.fields: tuple[str, ...] = fields or ((field,) if field is not None else ())
        self.field: str | None = self.fields[0] if self.fields else None


@dataclass(frozen=True)
class Decision:
    rule: Rule
    to_status: Status  # resolved: the current status when the rule leaves it unchanged
    clock: Clock


# ----------------------------------------------------------------------
# Guards and conditional fields
# ----------------------------------------------------------------------


def _not_yet_approved(facts: DossierFacts, payload: Mapping[str, object]) -> str | None:
    # One approval per result: approving twice would write a second, meaningless decision event.
    return "The result is already approved." if facts.approved else None


def _approved(facts: DossierFacts, payload: Mapping[str, object]) -> str | None:
    # The result document exists only once the competent leader has signed it.
    return None if facts.approved else "A leader must approve the result before the dossier is marked done."


def _has_due(facts: DossierFacts, payload: Mapping[str, object]) -> str | None:
    # Form 04 apologises and gives a new appointment: without an appointment there is nothing to move.
    return None if facts.has_due else "The dossier has no appointment to extend."


def _second_supplement_fields(facts: DossierFacts) -> tuple[str, ...]:
    # The request for additional documents is one complete list, given once (form 02; the catalog's procedures
    # say "thông báo một lần bằng văn bản"). A second request is not forbidden outright, because a supplement
    # can itself raise a new question, but it must be justified in writing so the event log shows why. It is
    # also costly for the center: a dossier asked to supplement more than once and never completed counts as
    # late (DOMAIN.md), which statistics derive from ``supplement_requests``.
    return ("second_request_reason",) if facts.supplement_requests >= 1 else ()


def _return_fields(facts: DossierFacts) -> tuple[str, ...]:
    # At the counter the receptionist attests they checked the collector's identity document; by post the
    # proof of hand-over is the postal tracking number.
    return ("tracking_number",) if facts.delivery == "post" else ("id_checked",)


# ----------------------------------------------------------------------
# The table
# ----------------------------------------------------------------------

_ACTIVE = frozenset({Status.RECEIVED, Status.PROCESSING})  # the clock is running
_UNFINISHED = OPEN_STATUSES  # running or paused
# Admins configure the system (catalog, staff, calendar) but are not dossier workers: an account that can
# grant roles must not also be able to move dossiers, or one person could both create a clerk and act as one
# without a trace of who really did the work (separation of duties). "admin" therefore appears in no rule;
# an admin who also works on dossiers holds a second role.
_STAFF: frozenset[Role] = frozenset({"receptionist", "specialist", "leader"})
_LEADER: frozenset[Role] = frozenset({"leader"})
_COUNTER: frozenset[Role] = frozenset({"receptionist"})


# Receiving a dossier: at the counter the service creates it (no previous status; ``decide_intake``); a
# submission registered online or by post (status NEW) is received or refused like any transition (both are
# in ``RULES``). What an intake body must hold is the API schema's concern, so nothing is required here.
RECEIVE_RULE = Rule(
    action="receive",
    from_statuses=frozenset({Status.NEW}),
    to_status=Status.RECEIVED,
    roles=_COUNTER,
    required=(),
    clock=Clock.START,
    form="01",
    guard=None,
    label_vi="Tiếp nhận hồ sơ",
    label_en="Receive the dossier",
)
# Form 03: refusal to receive, with the reason. The clock never started, so there is nothing to stop.
REFUSE_AT_RECEPTION_RULE = Rule(
    action="refuse_at_reception",
    from_statuses=frozenset({Status.NEW}),
    to_status=Status.REFUSED,
    roles=_COUNTER,
    required=("reason",),
    clock=Clock.KEEP,
    form="03",
    guard=None,
    label_vi="Từ chối tiếp nhận",
    label_en="Refuse to receive",
)


def build_rules(*, payment_pauses_clock: bool = PAYMENT_PAUSES_CLOCK) -> Mapping[str, Rule]:
    """Build the transition table (a function so both settings of the payment pause can be tested)."""
    pay_out, pay_in = (Clock.PAUSE, Clock.RESUME) if payment_pauses_clock else (Clock.KEEP, Clock.KEEP)
    rules = (
        RECEIVE_RULE,
        REFUSE_AT_RECEPTION_RULE,
        # Hand-over to the next step, department or specialist (a row of the process control sheet, form 06).
        Rule(
            action="forward",
            from_statuses=_ACTIVE,
            to_status=Status.PROCESSING,
            roles=_STAFF,
            # The next step comes from the dossier's plan (assignment/plans.py); `to_step` may skip ahead.
            required=(),
            clock=Clock.KEEP,
            form=None,
            guard=None,
            label_vi="Chuyển xử lý",
            label_en="Forward",
        ),
        # Form 02: the documents still needed and why; the clock is paused until the applicant resubmits, and
        # the appointment moves by the paused working time (DOMAIN.md "Supplement requests pause the clock").
        Rule(
            action="request_supplement",
            from_statuses=_ACTIVE,
            to_status=Status.SUPPLEMENT_REQUESTED,
            roles=_STAFF,
            required=("missing_documents", "reason"),
            clock=Clock.PAUSE,
            form="02",
            guard=None,
            label_vi="Yêu cầu bổ sung hồ sơ",
            label_en="Request additional documents",
            required_when=_second_supplement_fields,
        ),
        # The applicant brings the documents to the counter.
        Rule(
            action="supplement_received",
            from_statuses=frozenset({Status.SUPPLEMENT_REQUESTED}),
            to_status=Status.PROCESSING,
            roles=_COUNTER,
            required=(),
            clock=Clock.RESUME,
            form=None,
            guard=None,
            label_vi="Nhận hồ sơ bổ sung",
            label_en="Additional documents received",
        ),
        # Fees or taxes the applicant must pay before the result; see PAYMENT_PAUSES_CLOCK.
        Rule(
            action="request_payment",
            from_statuses=_ACTIVE,
            to_status=Status.AWAITING_PAYMENT,
            roles=_STAFF,
            required=("amount_vnd", "reason"),
            clock=pay_out,
            form=None,
            guard=None,
            label_vi="Yêu cầu thực hiện nghĩa vụ tài chính",
            label_en="Request payment",
        ),
        Rule(
            action="payment_received",
            from_statuses=frozenset({Status.AWAITING_PAYMENT}),
            to_status=Status.PROCESSING,
            roles=_COUNTER,
            required=(),
            clock=pay_in,
            form=None,
            guard=None,
            label_vi="Xác nhận đã thực hiện nghĩa vụ tài chính",
            label_en="Payment received",
        ),
        # The leader's decision on the drafted result; ``decision_note`` is optional.
        Rule(
            action="approve",
            from_statuses=frozenset({Status.PROCESSING}),
            to_status=None,
            roles=_LEADER,
            required=(),
            clock=Clock.KEEP,
            form=None,
            guard=_not_yet_approved,
            label_vi="Phê duyệt kết quả",
            label_en="Approve the result",
        ),
        # The competent authority decides not to grant the request: the dossier is finished (9) and the
        # written refusal, with its reason, is the result handed to the applicant.
        Rule(
            action="refuse_to_resolve",
            from_statuses=_ACTIVE,
            to_status=Status.DONE,
            roles=_LEADER,
            required=("reason",),
            clock=Clock.STOP,
            form=None,
            guard=None,
            label_vi="Từ chối giải quyết",
            label_en="Refuse the request",
        ),
        # Form 05 (new with Circular 03/2025/TT-VPCP): notice of stopping processing, with the reason.
        Rule(
            action="stop",
            from_statuses=_UNFINISHED,
            to_status=Status.STOPPED,
            roles=_LEADER,
            required=("reason",),
            clock=Clock.STOP,
            form="05",
            guard=None,
            label_vi="Dừng xử lý hồ sơ",
            label_en="Stop processing",
        ),
        # Only on the applicant's written request, registered at the counter (or by a leader).
        Rule(
            action="withdraw",
            from_statuses=_UNFINISHED,
            to_status=Status.WITHDRAWN,
            roles=frozenset({"receptionist", "leader"}),
            required=("reason",),
            clock=Clock.STOP,
            form=None,
            guard=None,
            label_vi="Rút hồ sơ theo đề nghị",
            label_en="Withdraw at the applicant's request",
        ),
        # Form 04: apology and new appointment (2025: request to extend the time limit). The service keeps the
        # original appointment for statistics; the clock itself is unaffected.
        Rule(
            action="extend",
            from_statuses=_UNFINISHED,
            to_status=None,
            roles=_LEADER,
            required=("new_due_at", "reason"),
            clock=Clock.KEEP,
            form="04",
            guard=_has_due,
            label_vi="Gia hạn, hẹn lại ngày trả",
            label_en="Apologise and set a new date",
        ),
        Rule(
            action="mark_done",
            from_statuses=frozenset({Status.PROCESSING}),
            to_status=Status.DONE,
            roles=_STAFF,
            required=("result_number", "result_date"),
            clock=Clock.STOP,
            form=None,
            guard=_approved,
            label_vi="Hoàn thành, có kết quả",
            label_en="Mark the result ready",
        ),
        # The finish for statistics was DONE; handing over does not touch the (already stopped) clock.
        Rule(
            action="return_result",
            from_statuses=frozenset({Status.DONE}),
            to_status=Status.RETURNED,
            roles=_COUNTER,
            required=("collected_by", "relation"),
            clock=Clock.KEEP,
            form=None,
            guard=None,
            label_vi="Trả kết quả",
            label_en="Hand over the result",
            required_when=_return_fields,
        ),
    )
    return MappingProxyType({rule.action: rule for rule in rules})


RULES: Mapping[str, Rule] = build_rules()

# Statuses in which the legal clock is paused (entered by a PAUSE transition).
PAUSED_STATUSES: frozenset[Status] = frozenset(
    rule.to_status for rule in RULES.values() if rule.clock is Clock.PAUSE and rule.to_status is not None
)

# ----------------------------------------------------------------------
# Deciding
# ----------------------------------------------------------------------


def _is_present(value: object) -> bool:
    """Present and non-empty: not None, not blank text, not an empty list/dict, and a required flag is true.

    A required boolean is always an attestation (``id_checked``): false means it was not given.
    """
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Sized):
        return len(value) > 0
    return True


def _missing_fields(rule: Rule, facts: DossierFacts | None, payload: Mapping[str, object]) -> tuple[str, ...]:
    names = rule.required
    if rule.required_when is not None and facts is not None:
        names = names + tuple(n for n in rule.required_when(facts) if n not in names)
    return tuple(name for name in names if not _is_present(payload.get(name)))


def _check_role(rule: Rule, roles: frozenset[str]) -> None:
    if rule.roles.isdisjoint(roles):
        needed = ", ".join(sorted(rule.roles))
        raise TransitionError("forbidden", f"'{rule.action}' needs one of these roles: {needed}.")


def _check_fields(rule: Rule, facts: DossierFacts | None, payload: Mapping[str, object]) -> None:
    missing = _missing_fields(rule, facts, payload)
    if missing:
        raise TransitionError(
            "invalid",
            f"'{rule.action}' needs: {', '.join(missing)}.",
            fields=tuple(f"body.{name}" for name in missing),
        )


def _status_name(status: Status) -> str:
    return f"{STATUS_LABELS[status][1]} ({int(status)})"


def decide(
    *, action: str, facts: DossierFacts, roles: Iterable[str], payload: Mapping[str, object]
) -> Decision:
    """Decide whether ``action`` may be applied now, or raise ``TransitionError``.

    Order of checks, and why:
    1. unknown action -> invalid (``path.action``): nothing else can be evaluated without a rule.
    2. status -> conflict: the status is already visible to anyone who can see the dossier, so answering
       first leaks nothing, and it is the most common failure (another clerk moved the dossier on; a stale
       screen). "Reload" is the right remedy whatever the caller's role, so every caller gets the same answer
       for a finished dossier.
    3. role -> forbidden: a caller who may never take this action should learn that before being asked to fill
       in a form, and is not told which fields the action needs.
    4. required fields -> invalid (``body.<name>``): fixable by the caller in the same request.
    5. guard -> conflict: guards judge the dossier's state and may rely on the required fields being present.
    """
    rule = RULES.get(action)
    if rule is None:
        raise TransitionError("invalid", f"Unknown action '{action}'.", field="path.action")
    if facts.status not in rule.from_statuses:
        raise TransitionError(
            "conflict", f"'{action}' is not allowed while the dossier is {_status_name(facts.status)}."
        )
    _check_role(rule, frozenset(roles))
    _check_fields(rule, facts, payload)
    if rule.guard is not None:
        reason = rule.guard(facts, payload)
        if reason is not None:
            raise TransitionError("conflict", reason)
    to_status = facts.status if rule.to_status is None else rule.to_status
    return Decision(rule=rule, to_status=to_status, clock=rule.clock)


@dataclass(frozen=True)
class IntakeDecision:
    status: Status
    action: str  # the intake event's action: receive, submit, request_supplement or refuse_at_reception
    rule: Rule | None  # the rule of the table the intake follows (none for a registration awaiting reception)


IfIncomplete = Literal["reject", "request_supplement", "refuse"]


def decide_intake(
    *,
    roles: Iterable[str],
    awaiting_reception: bool,
    missing_documents: bool,
    if_incomplete: IfIncomplete,
    reason: str | None,
) -> IntakeDecision:
    """The status a dossier gets when the counter creates it (the intake's one decision).

    - A submission registered online or by post, not yet received: status 1 (`submit`); its documents are
      judged when a receptionist receives it (`RECEIVE_RULE`) or refuses it (form 03).
    - Complete: received, status 2 (`receive`), the legal clock starts; or refused at once with a reason
      (`refuse`: form 03, status 3).
    - Mandatory documents missing (Decree 118/2025 art. 15: the receptionist asks for one complete list or
      refuses): `reject` answers with the list (conflict, nothing recorded), `request_supplement` records it
      waiting for them (form 02, status 5, clock not started), `refuse` records the refusal (form 03).

    Only receptionists receive at the counter (forbidden otherwise); `reason` is required to refuse.
    """
    _check_role(RECEIVE_RULE, frozenset(roles))
    if awaiting_reception:
        return IntakeDecision(Status.NEW, "submit", None)
    if if_incomplete == "refuse" and not reason:
        raise TransitionError("invalid", "A refusal needs its reason.", field="body.reason")
    if missing_documents:
        if if_incomplete == "reject":
            raise TransitionError("conflict", "Mandatory documents are missing")
        if if_incomplete == "request_supplement":
            return IntakeDecision(
                Status.SUPPLEMENT_REQUESTED, "request_supplement", RULES["request_supplement"]
            )
        return IntakeDecision(Status.REFUSED, "refuse_at_reception", REFUSE_AT_RECEPTION_RULE)
    if if_incomplete == "refuse":
        return IntakeDecision(Status.REFUSED, "refuse_at_reception", REFUSE_AT_RECEPTION_RULE)
    return IntakeDecision(Status.RECEIVED, "receive", RECEIVE_RULE)


def allowed_actions(*, facts: DossierFacts, roles: Iterable[str]) -> list[DossierAction]:
    """Actions the caller may take now, in table order: status, role and guard (with an empty payload).

    Required fields are ignored: the UI shows the button and its form asks for them.
    """
    held = frozenset(roles)
    empty: Mapping[str, object] = MappingProxyType({})
    return [
        DossierAction(rule.action)
        for rule in RULES.values()
        if facts.status in rule.from_statuses
        and not rule.roles.isdisjoint(held)
        and (rule.guard is None or rule.guard(facts, empty) is None)
    ]
