"""Each officer's kept count of open steps, and the unit's assignment lock under which it changes.

Auto-assignment reads these counts (50 rows) instead of counting 100,000 open steps. Every transaction takes
its locks in one order, so that PostgreSQL never has to break a deadlock: the dossier row, its step row, the
unit's assignment lock, then the count rows. (Without that order a forward lowering its officer's count, then
waiting for the lock, and the lock's holder raising that officer's count wait for each other; so do two
reassignments A→B and B→A.) Work on several dossiers at once locks their rows first, in one order or skipping
locked ones (an absence's hand-over, the reminder job).
"""

from __future__ import annotations

from sqlalchemy import Integer, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

# Namespace of the advisory lock that serializes auto-assignment and the kept counts within a unit.
_ASSIGN_LOCK = 0x4D43
_LOCK = text("SELECT pg_advisory_xact_lock(:key, :unit_id)").bindparams(
    bindparam("key", type_=Integer), bindparam("unit_id", type_=Integer)
)
# Written out once: building the upsert from expressions on every hand-over cost more CPU than sending it.
_MOVE = text(
    """
    INSERT INTO staff_workloads (staff_id, open_steps, due_soon, overdue)
    VALUES (:staff_id, :steps, :due_soon, :overdue)
    ON CONFLICT (staff_id) DO UPDATE SET
        open_steps = staff_workloads.open_steps + excluded.open_steps,
        due_soon = staff_workloads.due_soon + excluded.due_soon,
        overdue = staff_workloads.overdue + excluded.overdue
    """
).bindparams(
    bindparam("staff_id", type_=Integer),
    bindparam("steps", type_=Integer),
    bindparam("due_soon", type_=Integer),
    bindparam("overdue", type_=Integer),
)


async def lock_unit(session: AsyncSession, unit_id: int) -> None:
    """Take the unit's assignment lock, once per transaction, held until it ends. Auto-assignments of one unit
    take turns: each reads the counts after the previous one committed, so that parallel forwards spread
    evenly instead of all picking the same least-loaded person."""
    # The root transaction object identifies this transaction: a session may run several one after another.
    transaction = session.sync_session.get_transaction()
    held: tuple[object, set[int]] | None = session.info.get("unit_locks")
    if held is None or held[0] is not transaction:
        held = session.info["unit_locks"] = (transaction, set())
    if unit_id not in held[1]:
        await session.execute(_LOCK, {"key": _ASSIGN_LOCK, "unit_id": unit_id})
        held[1].add(unit_id)


async def move(
    session: AsyncSession, *, unit_id: int, staff_id: int, steps: int, due_soon: int, overdue: int
) -> None:
    """Add to (or take from) an officer's kept counts, under the unit's lock (see the module)."""
    if not (steps or due_soon or overdue):
        return
    await lock_unit(session, unit_id)
    await session.execute(
        _MOVE, {"staff_id": staff_id, "steps": steps, "due_soon": due_soon, "overdue": overdue}
    )
