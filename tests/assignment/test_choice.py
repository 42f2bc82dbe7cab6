"""Auto-assignment and manual choice: the pure rules (load, competence, presence, tie-break)."""

from __future__ import annotations

import pytest

from motcua.assignment.choice import Candidate, choose, refusal, weighted_load


def c(staff_id: int, **facts: object) -> Candidate:
    return Candidate(staff_id=staff_id, **facts)  # type: ignore[arg-type]


CHOICES: list[tuple[str, list[Candidate], int | None]] = [
    ("nobody", [], None),
    ("the only one", [c(7)], 7),
    ("fewer open steps", [c(1, open_steps=5), c(2, open_steps=3)], 2),
    ("an overdue step weighs more", [c(1, open_steps=3, overdue=2), c(2, open_steps=4)], 2),
    ("a due-soon step weighs more", [c(1, open_steps=2, due_soon=2), c(2, open_steps=2)], 2),
    ("three calm beat two overdue", [c(1, open_steps=2, overdue=2), c(2, open_steps=3)], 2),
    ("tie on load: fewer open steps", [c(1, open_steps=3, due_soon=0), c(2, open_steps=2, overdue=1)], 2),
    ("full tie: lower id", [c(9, open_steps=1), c(4, open_steps=1), c(6, open_steps=1)], 4),
    ("not competent is skipped", [c(1, competent=False), c(2, open_steps=50)], 2),
    ("absent is skipped", [c(1, present=False), c(2, open_steps=50)], 2),
    ("inactive is skipped", [c(1, active=False), c(2, open_steps=9)], 2),
    ("without the role is skipped", [c(1, has_role=False), c(2, open_steps=9)], 2),
    ("other department is skipped", [c(1, in_department=False), c(2, open_steps=9)], 2),
    ("nobody qualified", [c(1, present=False), c(2, competent=False)], None),
]


@pytest.mark.parametrize(("name", "candidates", "expected"), CHOICES, ids=[x[0] for x in CHOICES])
def test_choose(name: str, candidates: list[Candidate], expected: int | None) -> None:
    assert choose(candidates) == expected
    # The order the database returns candidates in never changes the answer.
    assert choose(list(reversed(candidates))) == expected


REFUSALS = [
    (c(1), None),
    (c(1, same_unit=False, active=False), "other_unit"),
    (c(1, active=False, present=False), "inactive"),
    (c(1, has_role=False, competent=False), "no_role"),
    (c(1, in_department=False, competent=False), "other_department"),
    (c(1, competent=False, present=False), "not_competent"),
    (c(1, present=False), "absent"),
]


@pytest.mark.parametrize(("candidate", "expected"), REFUSALS)
def test_refusal_names_the_first_reason_a_leader_can_act_on(
    candidate: Candidate, expected: str | None
) -> None:
    assert refusal(candidate) == expected


def test_weighted_load() -> None:
    assert weighted_load(c(1)) == 0
    assert weighted_load(c(1, open_steps=4, due_soon=1, overdue=1)) == 2 + 1.5 + 2


def test_spreading_one_by_one_is_even() -> None:
    """Giving 100 steps one after another to 5 equal people gives each 20."""
    loads = dict.fromkeys(range(1, 6), 0)
    for _ in range(100):
        chosen = choose([c(i, open_steps=n) for i, n in loads.items()])
        assert chosen is not None
        loads[chosen] += 1
    assert set(loads.values()) == {20}
