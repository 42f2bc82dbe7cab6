"""What the public endpoints keep: lookups per client address and minute."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base


class RateCounter(Base):
    """Requests per client and minute, shared by every API worker through the database."""

    __tablename__ = "rate_counters"

    bucket: Mapped[str] = mapped_column(String(120), primary_key=True)
    window: Mapped[int] = mapped_column(primary_key=True)  # minutes since the epoch
    count: Mapped[int] = mapped_column(default=0)
