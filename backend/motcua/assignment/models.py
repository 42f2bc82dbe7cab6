"""The kept workload of each officer, which auto-assignment reads."""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base


class StaffWorkload(Base):
    """Open steps handed to each officer, kept up to date in the transaction that hands a step over (and, for
    the due soon / overdue counts, by the reminder job that marks steps). Auto-assignment reads these 50 rows
    instead of counting 100,000 open steps under its lock. The reception step a receptionist opens by
    receiving a dossier is not counted: nobody handed it to them."""

    __tablename__ = "staff_workloads"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    open_steps: Mapped[int] = mapped_column(default=0)
    due_soon: Mapped[int] = mapped_column(default=0)
    overdue: Mapped[int] = mapped_column(default=0)
