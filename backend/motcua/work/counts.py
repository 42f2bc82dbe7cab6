"""The one definition of the counts shown of open steps (My work, an officer's work, the pool, the board): every
open step, and among those whose clock runs, the ones due soon (`calendar.countdown.due_soon_until`: the badge's
rule) and the ones overdue; paused steps counted apart."""

from __future__ import annotations


def running_sql(step: str) -> str:
    return f"{step}.paused_since IS NULL"


def due_soon_sql(step: str, *, now: str, soon: str) -> str:
    """Due soon as the badge says it (`countdown.Countdown`): not past, and due at or before `soon`."""
    return f"{running_sql(step)} AND {step}.due_at >= {now} AND {step}.due_at <= {soon}"


def overdue_sql(step: str, *, now: str) -> str:
    return f"{running_sql(step)} AND {step}.due_at < {now}"


def counts_sql(step: str, *, now: str, soon: str) -> str:
    """The four counts as aggregate columns `open_steps`, `due_soon`, `overdue`, `paused` over the rows of
    `step` (a table alias); `now` and `soon` are the SQL of the moment and of the due-soon threshold."""
    return (
        "count(*) AS open_steps, "
        f"count(*) FILTER (WHERE {due_soon_sql(step, now=now, soon=soon)}) AS due_soon, "
        f"count(*) FILTER (WHERE {overdue_sql(step, now=now)}) AS overdue, "
        f"count(*) FILTER (WHERE {step}.paused_since IS NOT NULL) AS paused"
    )
