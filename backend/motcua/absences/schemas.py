"""The API's shapes of absences."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from motcua.core.schemas import EntityId, Moment, NFCStr, PersonRef, Schema

AbsenceKind = Literal["leave", "training", "sick", "business", "other"]


class AbsenceCreate(Schema):
    staff_id: EntityId | None = Field(default=None, description="Who is absent (default: the caller).")
    kind: AbsenceKind = Field(description="Leave, training, sick, business trip, other.")
    starts_at: Moment = Field(description="Start (local time if no offset).")
    ends_at: Moment = Field(description="End, after the start.")
    delegate_id: EntityId | None = Field(default=None, description="Who takes over the open work.")
    note: NFCStr | None = Field(default=None, max_length=1000, description="Note.")

    @model_validator(mode="after")
    def _period(self) -> AbsenceCreate:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if (self.ends_at - self.starts_at) > dt.timedelta(days=366):
            raise ValueError("an absence lasts at most a year")
        return self


class AbsenceRead(Schema):
    id: int = Field(description="Absence id.")
    staff: PersonRef = Field(description="Who is absent.")
    kind: AbsenceKind = Field(description="Kind.")
    starts_at: dt.datetime = Field(description="Start.")
    ends_at: dt.datetime = Field(description="End.")
    delegate: PersonRef | None = Field(description="Who takes over.")
    note: str | None = Field(description="Note.")
    applied_at: dt.datetime | None = Field(description="When the open work was handed on.")
