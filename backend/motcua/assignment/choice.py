"""Who gets a step: the pure rules of auto-assignment and of a leader's manual choice. No database.

The service gathers, for each staff member of the unit who could take the step, the facts below (role,
competence, presence, open work) in two queries, and this module decides. Keeping the decision pure makes it
table-testable and identical on every database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Refusal = Literal["inactive", "other_unit", "no_role", "not_competent", "other_department", "absent"]

# How much an open step weighs in someone's load. A step that is already overdue or due within one working day
# needs attention now, so it counts more than one that is due next week: between two people with the same
# number of open dossiers, the one with less urgent work gets the next one.
OVERDUE_WEIGHT = 2.0
DUE_SOON_WEIGHT = 1.5
OPEN_WEIGHT = 1.0

REFUSAL_TEXT: dict[Refusal, tuple[str, str]] = {
    "inactive": ("Tài khoản đã ngừng hoạt động", "The account is disabled"),
    "other_unit": ("Không thuộc trung tâm này", "Not a member of this center"),
    "no_role": ("Không có vai trò thực hiện bước này", "Does not hold the role this step needs"),
    "not_competent": (
        "Không được phân công lĩnh vực/thủ tục này",
        "Not assigned to this sector or procedure",
    ),
    "other_department": ("Không thuộc phòng thực hiện bước này", "Not in the department of this step"),
    "absent": ("Đang vắng mặt", "Absent"),
}


@dataclass(frozen=True)
class Candidate:
    staff_id: int
    active: bool = True
    same_unit: bool = True
    has_role: bool = True
    competent: bool = True  # holds the dossier's sector or procedure (only asked for specialist steps)
    in_department: bool = True  # member of the step's department, when the step names one
    present: bool = True  # not on an absence now
    open_steps: int = 0
    due_soon: int = 0  # of the open steps, due within one working day (not overdue)
    overdue: int = 0  # of the open steps, past their step due time


def weighted_load(c: Candidate) -> float:
    calm = c.open_steps - c.due_soon - c.overdue
    return OPEN_WEIGHT * calm + DUE_SOON_WEIGHT * c.due_soon + OVERDUE_WEIGHT * c.overdue


def refusal(c: Candidate) -> Refusal | None:
    """Why ``c`` may not be given the step, in the order a leader can act on it; None when qualified."""
    if not c.same_unit:
        return "other_unit"
    if not c.active:
        return "inactive"
    if not c.has_role:
        return "no_role"
    if not c.in_department:
        return "other_department"
    if not c.competent:
        return "not_competent"
    if not c.present:
        return "absent"
    return None


def choose(candidates: Iterable[Candidate]) -> int | None:
    """The least loaded qualified person present; ties go to fewer open steps, then to the lower staff id, so
    the same facts always give the same person (two workers, one answer). None when nobody qualifies: the
    step then waits, unassigned, in the pool."""
    qualified = [c for c in candidates if refusal(c) is None]
    if not qualified:
        return None
    best = min(qualified, key=lambda c: (weighted_load(c), c.open_steps, c.staff_id))
    return best.staff_id
