"""A dossier's chain of steps and their time budgets. Pure: no database.

A center describes each procedure's steps as data (a template per procedure, or per sector); a procedure with
neither gets ``default_plan``: reception → the sector's specialist → leader approval → result at the counter,
whose budgets add up exactly to the dossier's legal time, so that every step finished on budget means the
dossier is finished on time (Decree 118/2025/NĐ-CP: the one-stop department controls the time of each step
through the process control sheet, form 06).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

STEP_KINDS = ("reception", "specialist", "leader", "return")
# Who performs a step of each kind: the role a staff member must hold to be given it.
ROLE_OF_KIND = {
    "reception": "receptionist",
    "specialist": "specialist",
    "leader": "leader",
    "return": "receptionist",
}

# Built-in chain: (name, kind, share of the legal time). The specialist's examination is most of the work.
DEFAULT_CHAIN: tuple[tuple[str, str, int], ...] = (
    ("Tiếp nhận", "reception", 5),
    ("Chuyên viên xử lý", "specialist", 65),
    ("Lãnh đạo phê duyệt", "leader", 20),
    ("Trả kết quả", "return", 10),
)
# Budgets when the law sets no time for the procedure (the catalog gives none): working minutes per kind.
BUDGET_WITHOUT_LEGAL_TIME = {"reception": 60, "specialist": 16 * 60, "leader": 8 * 60, "return": 4 * 60}
STEP_NAMES_EN = {
    "Tiếp nhận": "Reception",
    "Chuyên viên xử lý": "Specialist review",
    "Lãnh đạo phê duyệt": "Leader approval",
    "Trả kết quả": "Result at the counter",
}


@dataclass(frozen=True)
class PlannedStep:
    name: str
    kind: str
    department_id: int | None
    budget_minutes: int

    def as_json(self) -> dict[str, Any]:
        # By hand: `dataclasses.asdict` deep-copies field by field, a third of an intake's own work.
        return {
            "name": self.name,
            "kind": self.kind,
            "department_id": self.department_id,
            "budget_minutes": self.budget_minutes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlannedStep:
        return cls(
            name=str(data["name"]),
            kind=str(data["kind"]),
            department_id=data.get("department_id"),
            budget_minutes=int(data["budget_minutes"]),
        )


def split_minutes(total: int, shares: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``shares`` in whole minutes that add up to exactly ``total`` (largest
    remainder; ties to the earlier step)."""
    if total < 0:
        raise ValueError("total must not be negative")
    weight = sum(shares)
    if weight <= 0:
        raise ValueError("shares must add up to more than zero")
    exact = [total * s for s in shares]
    parts = [e // weight for e in exact]
    left = total - sum(parts)
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] % weight), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def default_plan(*, legal_minutes: int | None) -> list[PlannedStep]:
    """The built-in chain for a dossier whose legal time is ``legal_minutes`` of working time (None when the
    law sets none). No step names a department: each goes to whoever in the center holds the step's role (and,
    for the specialist, the dossier's sector or procedure)."""
    if legal_minutes is None:
        budgets = [BUDGET_WITHOUT_LEGAL_TIME[kind] for _name, kind, _share in DEFAULT_CHAIN]
    else:
        budgets = split_minutes(legal_minutes, [share for _n, _k, share in DEFAULT_CHAIN])
    return [
        PlannedStep(
            name=name,
            kind=kind,
            department_id=None,
            budget_minutes=budget,
        )
        for (name, kind, _share), budget in zip(DEFAULT_CHAIN, budgets, strict=True)
    ]


def next_position(plan: Sequence[PlannedStep], current: int, *, to_step: str | None) -> int | None:
    """Where a ``forward`` from step ``current`` goes: the step named ``to_step`` when given (any later
    processing step), else the next one. The result step at the counter is reached by marking the result
    done, not by forwarding, so it is never a forward target. None when no step is left to forward to."""
    later = [i for i in range(current + 1, len(plan)) if plan[i].kind != "return"]
    if to_step is None:
        return later[0] if later else None
    wanted = to_step.strip().casefold()
    for i in later:
        if plan[i].name.casefold() == wanted:
            return i
    raise LookupError(to_step)


def result_position(plan: Sequence[PlannedStep], current: int) -> int | None:
    """The step that holds a finished result until it is handed over (the counter), if the plan has one."""
    for i in range(current + 1, len(plan)):
        if plan[i].kind == "return":
            return i
    return None


def over_budget(total_minutes: int, legal_minutes: int | None) -> bool:
    return legal_minutes is not None and total_minutes > legal_minutes
