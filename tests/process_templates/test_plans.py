"""Step plans and budgets: the pure rules."""

from __future__ import annotations

import pytest

from motcua.process_templates import plans


@pytest.mark.parametrize("total", [0, 1, 7, 99, 100, 480, 1441, 4800, 7 * 480 + 13])
@pytest.mark.parametrize("shares", [[5, 65, 20, 10], [1, 1, 1], [3], [1, 0, 2]])
def test_split_adds_up_exactly(total: int, shares: list[int]) -> None:
    parts = plans.split_minutes(total, shares)
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)
    weight = sum(shares)
    for part, share in zip(parts, shares, strict=True):
        assert abs(part - total * share / weight) < 1


def test_split_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="negative"):
        plans.split_minutes(-1, [1])
    with pytest.raises(ValueError, match="more than zero"):
        plans.split_minutes(10, [0, 0])


def test_default_plan_budgets_add_up_to_the_legal_time() -> None:
    steps = plans.default_plan(legal_minutes=3 * 480)
    assert [s.kind for s in steps] == ["reception", "specialist", "leader", "return"]
    assert sum(s.budget_minutes for s in steps) == 3 * 480
    assert [s.budget_minutes for s in steps] == [72, 936, 288, 144]


def test_default_plan_without_legal_time() -> None:
    steps = plans.default_plan(legal_minutes=None)
    assert [s.budget_minutes for s in steps] == [60, 960, 480, 240]


PLAN = plans.default_plan(legal_minutes=480)


@pytest.mark.parametrize(
    ("current", "to_step", "expected"),
    [
        (0, None, 1),
        (1, None, 2),
        (2, None, None),  # the counter step is reached by marking the result done
        (0, "Lãnh đạo phê duyệt", 2),
        (0, "  lãnh đạo phê duyệt ", 2),
    ],
)
def test_next_position(current: int, to_step: str | None, expected: int | None) -> None:
    assert plans.next_position(PLAN, current, to_step=to_step) == expected


@pytest.mark.parametrize(("current", "to_step"), [(0, "Trả kết quả"), (2, "Chuyên viên xử lý"), (0, "x")])
def test_forward_to_an_unknown_or_earlier_step_is_refused(current: int, to_step: str) -> None:
    with pytest.raises(LookupError):
        plans.next_position(PLAN, current, to_step=to_step)


def test_result_goes_to_the_counter() -> None:
    assert plans.result_position(PLAN, 1) == 3
    assert plans.result_position(PLAN[:3], 1) is None


def test_plan_round_trips_through_json() -> None:
    assert [plans.PlannedStep.from_json(s.as_json()) for s in PLAN] == PLAN
