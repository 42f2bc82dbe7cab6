"""Table-driven tests of the pure dossier workflow (motcua.dossiers.workflow).

The expectations below are written out by hand from DOMAIN.md and issue 3, never read from ``RULES``: the
table in the module and the table here must agree, so a change to one without the other fails.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Literal

import pytest

from motcua.dossiers.workflow import (
    FINAL_STATUSES,
    OPEN_STATUSES,
    PAUSED_STATUSES,
    RECEIVE_RULE,
    REFUSE_AT_RECEPTION_RULE,
    RULES,
    STATUS_LABELS,
    Clock,
    Decision,
    DossierAction,
    DossierFacts,
    Rule,
    Status,
    TransitionError,
    allowed_actions,
    build_rules,
    decide,
    decide_intake,
)

S = Status
ROLES = ("admin", "leader", "receptionist", "specialist")
ACTIVE = {S.RECEIVED, S.PROCESSING}
UNFINISHED = {S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT}
STAFF = {"receptionist", "specialist", "leader"}

# action: (statuses it may start from, roles that may take it, resulting status or None = unchanged)
EXPECTED: dict[str, tuple[set[Status], set[str], Status | None]] = {
    # An online or postal submission (1) is checked at the counter, then received or refused (form 03).
    "receive": ({S.NEW}, {"receptionist"}, S.RECEIVED),
    "refuse_at_reception": ({S.NEW}, {"receptionist"}, S.REFUSED),
    "forward": (ACTIVE, STAFF, S.PROCESSING),
    "request_supplement": (ACTIVE, STAFF, S.SUPPLEMENT_REQUESTED),
    "supplement_received": ({S.SUPPLEMENT_REQUESTED}, {"receptionist"}, S.PROCESSING),
    "request_payment": (ACTIVE, STAFF, S.AWAITING_PAYMENT),
    "payment_received": ({S.AWAITING_PAYMENT}, {"receptionist"}, S.PROCESSING),
    "approve": ({S.PROCESSING}, {"leader"}, None),
    "refuse_to_resolve": (ACTIVE, {"leader"}, S.DONE),
    "stop": (UNFINISHED, {"leader"}, S.STOPPED),
    "withdraw": (UNFINISHED, {"receptionist", "leader"}, S.WITHDRAWN),
    "extend": (UNFINISHED, {"leader"}, None),
    "mark_done": ({S.PROCESSING}, STAFF, S.DONE),
    "return_result": ({S.DONE}, {"receptionist"}, S.RETURNED),
}

EXPECTED_REQUIRED: dict[str, tuple[str, ...]] = {
    "receive": (),
    "refuse_at_reception": ("reason",),
    "forward": (),
    "request_supplement": ("missing_documents", "reason"),
    "supplement_received": (),
    "request_payment": ("amount_vnd", "reason"),
    "payment_received": (),
    "approve": (),
    "refuse_to_resolve": ("reason",),
    "stop": ("reason",),
    "withdraw": ("reason",),
    "extend": ("new_due_at", "reason"),
    "mark_done": ("result_number", "result_date"),
    "return_result": ("collected_by", "relation"),
}

EXPECTED_CLOCK = {
    "receive": Clock.START,
    "refuse_at_reception": Clock.KEEP,  # the clock never started
    "forward": Clock.KEEP,
    "request_supplement": Clock.PAUSE,
    "supplement_received": Clock.RESUME,
    "request_payment": Clock.PAUSE,
    "payment_received": Clock.RESUME,
    "approve": Clock.KEEP,
    "refuse_to_resolve": Clock.STOP,
    "stop": Clock.STOP,
    "withdraw": Clock.STOP,
    "extend": Clock.KEEP,
    "mark_done": Clock.STOP,
    "return_result": Clock.KEEP,
}

EXPECTED_FORM = {
    "receive": "01",
    "refuse_at_reception": "03",
    "request_supplement": "02",
    "extend": "04",
    "stop": "05",
}

# A payload that satisfies every required field of every action (and the conditional ones).
FULL_PAYLOAD: Mapping[str, object] = {
    "to_step": "Chuyên viên Tư pháp – Hộ tịch",
    "missing_documents": [{"name": "Giấy chứng sinh", "originals": 1, "copies": 0}],
    "reason": "Thiếu giấy chứng sinh",
    "second_request_reason": "Giấy tờ bổ sung có thông tin mâu thuẫn",
    "amount_vnd": 50_000,
    "decision_note": "Đồng ý",
    "new_due_at": "2026-12-01T16:00:00+07:00",
    "result_number": "123/2026/KS",
    "result_date": "2026-11-30",
    "collected_by": "Nguyễn Văn An",
    "relation": "Cha",
    "id_checked": True,
    "tracking_number": "EB123456789VN",
}

Outcome = Literal["ok", "forbidden", "conflict"]


def facts(
    status: Status = S.PROCESSING,
    *,
    approved: bool = False,
    supplement_requests: int = 0,
    has_due: bool = True,
    delivery: Literal["counter", "post"] = "counter",
) -> DossierFacts:
    return DossierFacts(
        status=status,
        approved=approved,
        supplement_requests=supplement_requests,
        has_due=has_due,
        delivery=delivery,
    )


def facts_passing_guards(action: str, status: Status) -> DossierFacts:
    # Guards are tested on their own below; the matrix only checks status and role.
    return facts(status, approved=action == "mark_done")


def expected_outcome(action: str, status: Status, role: str) -> Outcome:
    statuses, roles, _ = EXPECTED[action]
    if status not in statuses:
        return "conflict"  # status is checked before role
    return "ok" if role in roles else "forbidden"


def error(
    action: str, f: DossierFacts, roles: tuple[str, ...], payload: Mapping[str, object]
) -> TransitionError:
    with pytest.raises(TransitionError) as info:
        decide(action=action, facts=f, roles=roles, payload=payload)
    return info.value


# ----------------------------------------------------------------------
# The table itself
# ----------------------------------------------------------------------


def test_status_codes_are_the_portal_codes() -> None:
    assert [(s.name, int(s)) for s in Status] == [
        ("NEW", 1),
        ("RECEIVED", 2),
        ("REFUSED", 3),
        ("PROCESSING", 4),
        ("SUPPLEMENT_REQUESTED", 5),
        ("AWAITING_PAYMENT", 6),
        ("WITHDRAWN", 7),
        ("STOPPED", 8),
        ("DONE", 9),
        ("RETURNED", 10),
    ]


def test_open_and_final_statuses() -> None:
    assert {S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT} == OPEN_STATUSES
    assert {S.REFUSED, S.WITHDRAWN, S.STOPPED, S.DONE, S.RETURNED} == FINAL_STATUSES
    # NEW is neither: an online submission's clock has not started.
    assert set(Status) - OPEN_STATUSES - FINAL_STATUSES == {S.NEW}
    assert not OPEN_STATUSES & FINAL_STATUSES
    assert {S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT} == PAUSED_STATUSES


def test_the_table_has_exactly_the_expected_actions() -> None:
    assert set(RULES) == set(EXPECTED)
    for name, rule in RULES.items():
        assert rule.action == name


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_rule_shape(action: str) -> None:
    rule = RULES[action]
    statuses, roles, to_status = EXPECTED[action]
    assert rule.from_statuses == statuses
    assert rule.roles == roles
    assert rule.to_status == to_status
    assert rule.required == EXPECTED_REQUIRED[action]
    assert rule.clock == EXPECTED_CLOCK[action]
    assert rule.form == EXPECTED_FORM.get(action)
    assert "admin" not in rule.roles  # separation of duties


# ----------------------------------------------------------------------
# Every (action, status, role)
# ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(Status), ids=lambda s: f"{int(s)}-{s.name}")
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_every_action_status_role(action: str, status: Status, role: str) -> None:
    f = facts_passing_guards(action, status)
    expected = expected_outcome(action, status, role)
    if expected == "ok":
        decision = decide(action=action, facts=f, roles=[role], payload=FULL_PAYLOAD)
        to_status = EXPECTED[action][2]
        assert decision == Decision(
            rule=RULES[action],
            to_status=status if to_status is None else to_status,
            clock=EXPECTED_CLOCK[action],
        )
    else:
        exc = error(action, f, (role,), FULL_PAYLOAD)
        assert exc.code == expected
        assert exc.field is None
        assert exc.message


@pytest.mark.parametrize("status", list(Status), ids=lambda s: f"{int(s)}-{s.name}")
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_no_role_at_all_is_forbidden_or_conflict(action: str, status: Status) -> None:
    exc = error(action, facts_passing_guards(action, status), (), FULL_PAYLOAD)
    assert exc.code == ("forbidden" if status in EXPECTED[action][0] else "conflict")


def test_several_roles_any_one_suffices_and_admin_alone_never() -> None:
    f = facts(S.PROCESSING)
    assert decide(action="approve", facts=f, roles=["admin", "leader"], payload={}).to_status == S.PROCESSING
    assert error("approve", f, ("admin",), {}).code == "forbidden"
    assert error("approve", f, ("admin", "specialist", "receptionist"), {}).code == "forbidden"
    assert error("approve", f, ("superuser", "Leader"), {}).code == "forbidden"  # exact role names only
    # roles may be any iterable, consumed once
    assert decide(action="approve", facts=f, roles=iter(["leader"]), payload={}).rule is RULES["approve"]


@pytest.mark.parametrize("status", list(Status), ids=lambda s: f"{int(s)}-{s.name}")
def test_admin_alone_can_do_nothing(status: Status) -> None:
    for action in EXPECTED:
        assert error(action, facts_passing_guards(action, status), ("admin",), FULL_PAYLOAD).code in {
            "forbidden",
            "conflict",
        }
    assert allowed_actions(facts=facts(status, approved=True), roles=["admin"]) == []


# ----------------------------------------------------------------------
# Order of checks
# ----------------------------------------------------------------------


@pytest.mark.parametrize("action", ["", "delete", "Approve", "approve ", "receive ", "submit"])
def test_unknown_action_is_invalid_before_anything_else(action: str) -> None:
    exc = error(action, facts(S.RETURNED), ("admin",), {})
    assert (exc.code, exc.field, exc.fields) == ("invalid", "path.action", ("path.action",))


def test_status_is_checked_before_role() -> None:
    assert error("approve", facts(S.DONE), ("receptionist",), {}).code == "conflict"


def test_role_is_checked_before_required_fields() -> None:
    assert error("stop", facts(S.PROCESSING), ("specialist",), {}).code == "forbidden"


def test_required_fields_are_checked_before_guards() -> None:
    exc = error("mark_done", facts(S.PROCESSING, approved=False), ("specialist",), {})
    assert (exc.code, exc.field) == ("invalid", "body.result_number")
    exc = error("extend", facts(S.PROCESSING, has_due=False), ("leader",), {"reason": "x"})
    assert (exc.code, exc.field) == ("invalid", "body.new_due_at")


# ----------------------------------------------------------------------
# Required fields
# ----------------------------------------------------------------------


def _allowed_case(action: str) -> tuple[DossierFacts, str]:
    statuses, roles, _ = EXPECTED[action]
    return facts_passing_guards(action, min(statuses)), min(roles)


REQUIRED_CASES = [(action, name) for action, names in EXPECTED_REQUIRED.items() for name in names]


@pytest.mark.parametrize(("action", "field"), REQUIRED_CASES)
@pytest.mark.parametrize("value", ["<absent>", None, "", "   ", [], {}], ids=repr)
def test_missing_required_field_is_invalid_and_named(action: str, field: str, value: object) -> None:
    f, role = _allowed_case(action)
    payload = dict(FULL_PAYLOAD)
    if value == "<absent>":
        del payload[field]
    else:
        payload[field] = value
    exc = error(action, f, (role,), payload)
    assert (exc.code, exc.field, exc.fields) == ("invalid", f"body.{field}", (f"body.{field}",))
    assert field in exc.message


def test_every_missing_field_is_listed_in_order() -> None:
    exc = error("request_payment", facts(S.PROCESSING), ("specialist",), {})
    assert exc.fields == ("body.amount_vnd", "body.reason")
    assert exc.field == "body.amount_vnd"


def test_zero_and_non_text_values_count_as_present() -> None:
    payload = {"amount_vnd": 0, "reason": "Lệ phí"}
    assert (
        decide(action="request_payment", facts=facts(), roles=["leader"], payload=payload).clock
        == Clock.PAUSE
    )


@pytest.mark.parametrize("action", ["supplement_received", "payment_received", "approve"])
def test_actions_without_required_fields_accept_an_empty_payload(action: str) -> None:
    f, role = _allowed_case(action)
    decide(action=action, facts=f, roles=[role], payload={})


def test_approve_takes_an_optional_decision_note() -> None:
    decision = decide(action="approve", facts=facts(), roles=["leader"], payload={"decision_note": "Đồng ý"})
    assert (decision.to_status, decision.clock) == (S.PROCESSING, Clock.KEEP)


# ----------------------------------------------------------------------
# Guards and conditional fields
# ----------------------------------------------------------------------


def test_mark_done_needs_a_leaders_approval() -> None:
    payload = {"result_number": "12/KS", "result_date": "2026-11-30"}
    exc = error("mark_done", facts(S.PROCESSING, approved=False), ("specialist",), payload)
    assert (exc.code, exc.field) == ("conflict", None)
    assert "approve" in exc.message
    ok = decide(action="mark_done", facts=facts(approved=True), roles=["specialist"], payload=payload)
    assert (ok.to_status, ok.clock) == (S.DONE, Clock.STOP)


def test_approve_twice_is_a_conflict() -> None:
    exc = error("approve", facts(S.PROCESSING, approved=True), ("leader",), {})
    assert exc.code == "conflict"
    assert "already" in exc.message


def test_extend_needs_an_appointment() -> None:
    payload = {"new_due_at": "2026-12-01T16:00:00+07:00", "reason": "Cần xác minh thêm"}
    for status in UNFINISHED:
        exc = error("extend", facts(status, has_due=False), ("leader",), payload)
        assert exc.code == "conflict"
        decision = decide(action="extend", facts=facts(status), roles=["leader"], payload=payload)
        assert (decision.to_status, decision.clock, decision.rule.form) == (status, Clock.KEEP, "04")


def test_return_result_by_post_needs_a_tracking_number() -> None:
    f = facts(S.DONE, approved=True, delivery="post")
    payload = {"collected_by": "Nguyễn Văn An", "relation": "Bản thân", "id_checked": True}
    exc = error("return_result", f, ("receptionist",), payload)
    assert (exc.code, exc.field) == ("invalid", "body.tracking_number")
    payload = {"collected_by": "Nguyễn Văn An", "relation": "Bản thân", "tracking_number": "EB123456789VN"}
    assert (
        decide(action="return_result", facts=f, roles=["receptionist"], payload=payload).to_status
        == S.RETURNED
    )


@pytest.mark.parametrize("id_checked", ["<absent>", False, None])
def test_return_result_at_the_counter_needs_the_id_checked(id_checked: object) -> None:
    f = facts(S.DONE, delivery="counter")
    payload: dict[str, object] = {
        "collected_by": "Trần Thị Bình",
        "relation": "Mẹ",
        "tracking_number": "EB1VN",
    }
    if id_checked != "<absent>":
        payload["id_checked"] = id_checked
    exc = error("return_result", f, ("receptionist",), payload)
    assert (exc.code, exc.field) == ("invalid", "body.id_checked")
    payload["id_checked"] = True
    decision = decide(action="return_result", facts=f, roles=["receptionist"], payload=payload)
    assert (decision.to_status, decision.clock) == (S.RETURNED, Clock.KEEP)


def test_second_supplement_request_must_be_justified() -> None:
    payload = {"missing_documents": ["Giấy chứng sinh"], "reason": "Thiếu giấy tờ"}
    first = decide(action="request_supplement", facts=facts(), roles=["specialist"], payload=payload)
    assert (first.to_status, first.clock, first.rule.form) == (S.SUPPLEMENT_REQUESTED, Clock.PAUSE, "02")
    for count in (1, 2, 5):
        again = facts(S.PROCESSING, supplement_requests=count)
        exc = error("request_supplement", again, ("specialist",), payload)
        assert (exc.code, exc.field) == ("invalid", "body.second_request_reason")
        exc = error("request_supplement", again, ("specialist",), {**payload, "second_request_reason": " "})
        assert exc.field == "body.second_request_reason"
        justified = {**payload, "second_request_reason": "Bản sao mới nộp không rõ nét"}
        ok = decide(action="request_supplement", facts=again, roles=["specialist"], payload=justified)
        assert ok.to_status == S.SUPPLEMENT_REQUESTED
    # Still listed for the UI: the form asks for the justification.
    assert "request_supplement" in allowed_actions(facts=facts(supplement_requests=1), roles=["specialist"])


def test_guard_refusal_reason_is_the_message() -> None:
    exc = error("extend", facts(has_due=False), ("leader",), {"new_due_at": "x", "reason": "y"})
    assert str(exc) == exc.message == "The dossier has no appointment to extend."


# ----------------------------------------------------------------------
# allowed_actions
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("f", "roles", "expected"),
    [
        pytest.param(
            facts(S.RECEIVED),
            ["receptionist"],
            ["forward", "request_supplement", "request_payment", "withdraw"],
            id="receptionist-received",
        ),
        pytest.param(
            facts(S.PROCESSING),
            ["leader"],
            [
                "forward",
                "request_supplement",
                "request_payment",
                "approve",
                "refuse_to_resolve",
                "stop",
                "withdraw",
                "extend",
            ],
            id="leader-processing",
        ),
        pytest.param(
            facts(S.PROCESSING, approved=True),
            ["leader"],
            [
                "forward",
                "request_supplement",
                "request_payment",
                "refuse_to_resolve",
                "stop",
                "withdraw",
                "extend",
                "mark_done",
            ],
            id="leader-processing-approved",
        ),
        pytest.param(
            facts(S.PROCESSING, approved=True),
            ["specialist"],
            ["forward", "request_supplement", "request_payment", "mark_done"],
            id="specialist-processing-approved",
        ),
        pytest.param(
            facts(S.PROCESSING),
            ["specialist"],
            ["forward", "request_supplement", "request_payment"],
            id="specialist-processing-not-approved",
        ),
        pytest.param(
            facts(S.DONE, approved=True), ["receptionist"], ["return_result"], id="receptionist-done"
        ),
        pytest.param(facts(S.DONE, approved=True), ["leader", "specialist"], [], id="leader-done"),
        pytest.param(
            facts(S.SUPPLEMENT_REQUESTED),
            ["receptionist"],
            ["supplement_received", "withdraw"],
            id="receptionist-supplement",
        ),
        pytest.param(
            facts(S.AWAITING_PAYMENT, has_due=False),
            ["leader"],
            ["stop", "withdraw"],
            id="leader-payment-no-due",
        ),
        pytest.param(
            facts(S.AWAITING_PAYMENT),
            ["receptionist", "leader"],
            ["payment_received", "stop", "withdraw", "extend"],
            id="receptionist+leader-payment",
        ),
        pytest.param(facts(S.NEW), ["receptionist"], ["receive", "refuse_at_reception"], id="new-counter"),
        pytest.param(facts(S.NEW), ["leader", "specialist", "admin"], [], id="new-others"),
        pytest.param(facts(S.RETURNED), ["receptionist", "leader", "specialist"], [], id="returned"),
        pytest.param(facts(S.PROCESSING), ["admin"], [], id="admin"),
        pytest.param(facts(S.PROCESSING), [], [], id="no-role"),
    ],
)
def test_allowed_actions(f: DossierFacts, roles: list[str], expected: list[str]) -> None:
    assert allowed_actions(facts=f, roles=roles) == expected


@pytest.mark.parametrize("approved", [False, True])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(Status), ids=lambda s: f"{int(s)}-{s.name}")
def test_allowed_actions_agrees_with_decide(status: Status, role: str, approved: bool) -> None:
    f = facts(status, approved=approved)
    for action in EXPECTED:
        try:
            decide(action=action, facts=f, roles=[role], payload=FULL_PAYLOAD)
        except TransitionError:
            assert action not in allowed_actions(facts=f, roles=[role])
        else:
            assert action in allowed_actions(facts=f, roles=[role])


# ----------------------------------------------------------------------
# Labels
# ----------------------------------------------------------------------

EXPECTED_LABELS_VI = {
    S.NEW: "Mới (chưa tiếp nhận)",
    S.RECEIVED: "Đã tiếp nhận",
    S.REFUSED: "Từ chối tiếp nhận",
    S.PROCESSING: "Đang xử lý",
    S.SUPPLEMENT_REQUESTED: "Chờ bổ sung hồ sơ",
    S.AWAITING_PAYMENT: "Chờ thực hiện nghĩa vụ tài chính",
    S.WITHDRAWN: "Đã rút hồ sơ",
    S.STOPPED: "Dừng xử lý",
    S.DONE: "Đã có kết quả",
    S.RETURNED: "Đã trả kết quả",
}


def test_every_status_has_vietnamese_and_english_labels() -> None:
    assert set(STATUS_LABELS) == set(Status)
    assert {status: vi for status, (vi, _) in STATUS_LABELS.items()} == EXPECTED_LABELS_VI
    for vi, en in STATUS_LABELS.values():
        assert unicodedata.is_normalized("NFC", vi)  # precomposed diacritics, as typed and as searched
        assert en.isascii()
        assert en[:1].isupper()
    assert STATUS_LABELS[S.RECEIVED] == ("Đã tiếp nhận", "Received")


def test_every_action_has_labels_with_correct_diacritics() -> None:
    for rule in [*RULES.values(), RECEIVE_RULE, REFUSE_AT_RECEPTION_RULE]:
        assert rule.label_en.strip()
        assert unicodedata.is_normalized("NFC", rule.label_vi)
        assert not rule.label_vi.isascii()  # Vietnamese, not stripped of its accents
        assert rule.label_en.isascii()
    assert RULES["request_supplement"].label_vi == "Yêu cầu bổ sung hồ sơ"
    assert RULES["stop"].label_vi == "Dừng xử lý hồ sơ"
    assert REFUSE_AT_RECEPTION_RULE.label_vi == "Từ chối tiếp nhận"


# ----------------------------------------------------------------------
# Clock consistency
# ----------------------------------------------------------------------


def _check_clock_consistency(rules: Mapping[str, Rule]) -> None:
    paused = {r.to_status for r in rules.values() if r.clock is Clock.PAUSE}
    assert paused <= {S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT}
    # Before reception (NEW) the clock has not started: receiving starts it, refusing leaves it unstarted.
    assert rules["receive"].clock is Clock.START
    assert (rules["refuse_at_reception"].clock, rules["refuse_at_reception"].to_status) == (
        Clock.KEEP,
        S.REFUSED,
    )
    for rule in rules.values():
        assert rule.from_statuses, rule.action
        assert (rule.clock is Clock.START) == (rule.action == "receive"), rule.action
        if rule.from_statuses == {S.NEW}:
            continue
        assert rule.from_statuses <= OPEN_STATUSES | {S.DONE}, rule.action
        pairs = [
            (source, source if rule.to_status is None else rule.to_status) for source in rule.from_statuses
        ]
        targets = {target for _, target in pairs}
        if rule.clock is Clock.STOP:
            assert targets <= FINAL_STATUSES, rule.action
            assert rule.from_statuses <= OPEN_STATUSES, rule.action
        elif rule.clock is Clock.PAUSE:
            assert rule.to_status in {S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT}, rule.action
            assert not rule.from_statuses & paused, rule.action  # never paused twice
        elif rule.clock is Clock.RESUME:
            assert rule.from_statuses <= paused, rule.action
            assert rule.from_statuses <= {S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT}, rule.action
            assert rule.to_status in OPEN_STATUSES - paused, rule.action
        else:
            assert rule.clock is Clock.KEEP, rule.action
            # Keeping the clock never crosses between running, paused and final.
            for source, target in pairs:
                assert (source in paused) == (target in paused), rule.action
                assert (source in FINAL_STATUSES) == (target in FINAL_STATUSES), rule.action
        # Leaving a paused status for a running one resumes the clock.
        if rule.to_status is not None and rule.to_status in OPEN_STATUSES - paused:
            assert rule.clock is not Clock.KEEP or not rule.from_statuses & paused, rule.action


def test_every_rule_is_consistent_with_its_clock() -> None:
    _check_clock_consistency(RULES)


def test_payment_pause_is_a_switch() -> None:
    keep = build_rules(payment_pauses_clock=False)
    _check_clock_consistency(keep)
    assert (keep["request_payment"].clock, keep["payment_received"].clock) == (Clock.KEEP, Clock.KEEP)
    assert (keep["request_supplement"].clock, keep["supplement_received"].clock) == (
        Clock.PAUSE,
        Clock.RESUME,
    )
    paused = build_rules(payment_pauses_clock=True)
    assert (paused["request_payment"].clock, paused["payment_received"].clock) == (Clock.PAUSE, Clock.RESUME)
    assert set(keep) == set(paused) == set(RULES)


def test_final_statuses_only_lead_to_return() -> None:
    for rule in RULES.values():
        if rule.from_statuses & FINAL_STATUSES:
            assert (rule.action, rule.from_statuses, rule.to_status) == (
                "return_result",
                frozenset({S.DONE}),
                S.RETURNED,
            )


# ----------------------------------------------------------------------
# Intake rules
# ----------------------------------------------------------------------


def test_intake_rules_shape() -> None:
    assert (RECEIVE_RULE.to_status, RECEIVE_RULE.clock, RECEIVE_RULE.form) == (S.RECEIVED, Clock.START, "01")
    assert RECEIVE_RULE.roles == {"receptionist"}
    assert RECEIVE_RULE.from_statuses == {S.NEW}
    refuse = REFUSE_AT_RECEPTION_RULE
    assert (refuse.to_status, refuse.clock, refuse.form, refuse.required) == (
        S.REFUSED,
        Clock.KEEP,
        "03",
        ("reason",),
    )
    assert refuse.roles == {"receptionist"}
    assert refuse.from_statuses == {S.NEW}
    # An online or postal submission (NEW) is received or refused like any other transition.
    assert RULES[RECEIVE_RULE.action] is RECEIVE_RULE
    assert RULES[refuse.action] is refuse
    assert RECEIVE_RULE.required == ()


def test_an_online_submission_is_received_or_refused_at_the_counter() -> None:
    received = decide(action="receive", facts=facts(S.NEW), roles=["receptionist"], payload={})
    assert (received.to_status, received.clock) == (S.RECEIVED, Clock.START)
    assert error("refuse_at_reception", facts(S.NEW), ("receptionist",), {}).fields == ("body.reason",)
    refused = decide(
        action="refuse_at_reception", facts=facts(S.NEW), roles=["receptionist"], payload={"reason": "Sai"}
    )
    assert (refused.to_status, refused.clock) == (S.REFUSED, Clock.KEEP)
    assert error("receive", facts(S.NEW), ("leader",), {}).code == "forbidden"
    for status in set(S) - {S.NEW}:
        assert error("receive", facts(status), ("receptionist",), {}).code == "conflict"


# (awaiting reception, documents missing, if incomplete, reason) → (status, action) at the counter.
INTAKE_TABLE = [
    (False, False, "reject", None, S.RECEIVED, "receive"),
    (False, False, "request_supplement", None, S.RECEIVED, "receive"),
    (False, False, "refuse", "Sai thẩm quyền", S.REFUSED, "refuse_at_reception"),
    (False, True, "request_supplement", None, S.SUPPLEMENT_REQUESTED, "request_supplement"),
    (False, True, "refuse", "Thiếu giấy tờ", S.REFUSED, "refuse_at_reception"),
    (True, False, "reject", None, S.NEW, "submit"),
    (True, True, "reject", None, S.NEW, "submit"),  # judged at its reception, not at registration
]


@pytest.mark.parametrize(("awaiting", "missing", "if_incomplete", "reason", "status", "action"), INTAKE_TABLE)
def test_decide_intake(
    awaiting: bool,
    missing: bool,
    if_incomplete: Literal["reject", "request_supplement", "refuse"],
    reason: str | None,
    status: S,
    action: str,
) -> None:
    decision = decide_intake(
        roles=["receptionist"],
        awaiting_reception=awaiting,
        missing_documents=missing,
        if_incomplete=if_incomplete,
        reason=reason,
    )
    assert (decision.status, decision.action) == (status, action)
    if decision.rule is not None:  # the intake follows the table's own rule for that action
        assert decision.rule is RULES[action]
        assert decision.rule.to_status == status


def test_decide_intake_refusals() -> None:
    def refused(**change: object) -> TransitionError:
        given: dict[str, object] = {
            "roles": ["receptionist"],
            "awaiting_reception": False,
            "missing_documents": True,
            "if_incomplete": "reject",
            "reason": None,
        }
        with pytest.raises(TransitionError) as info:
            decide_intake(**(given | change))  # type: ignore[arg-type]
        return info.value

    assert refused().code == "conflict"  # reject: nothing is recorded, the list is the answer
    for roles in (["leader"], ["specialist"], ["admin"], []):
        assert refused(roles=roles, missing_documents=False).code == "forbidden"
    error = refused(if_incomplete="refuse", reason="")
    assert (error.code, error.field) == ("invalid", "body.reason")


def test_the_contract_names_exactly_the_actions_of_the_table() -> None:
    # The console takes its action names from openapi.yaml (`DossierAction`): the type and the table agree.
    assert [a.value for a in DossierAction] == list(RULES)
