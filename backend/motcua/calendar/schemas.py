"""The API's shapes of the working calendar, its days and the remaining time of a due moment."""

from __future__ import annotations

import datetime as dt
import itertools
from datetime import time
from typing import Literal

from pydantic import Field, model_validator

from motcua.calendar import countdown
from motcua.core.schemas import LocalTime, NFCStr, Schema

DayKind = Literal["day_off", "working_day"]


class WorkingInterval(Schema):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday.")
    start: LocalTime = Field(description="Opening time, local (Asia/Ho_Chi_Minh), e.g. `07:00`.")
    end: LocalTime = Field(description="Closing time, local, after `start`.")

    @model_validator(mode="after")
    def _ordered(self) -> WorkingInterval:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class CalendarRead(Schema):
    working_hours: list[WorkingInterval] = Field(description="Weekly working intervals.")
    same_day_cutoff: LocalTime = Field(
        description="Same-day procedures received after this time finish next working day."
    )
    hours_per_working_day: int = Field(description="Working hours in one legal working day (8).")


class CalendarUpdate(Schema):
    working_hours: list[WorkingInterval] = Field(min_length=1, max_length=28, description="Weekly intervals.")
    same_day_cutoff: LocalTime = Field(default=time(15, 0), description="Cut-off for same-day procedures.")
    hours_per_working_day: int = Field(
        default=8, ge=1, le=12, description="Working hours in one working day."
    )

    @model_validator(mode="after")
    def _no_overlap(self) -> CalendarUpdate:
        by_day: dict[int, list[WorkingInterval]] = {}
        for interval in self.working_hours:
            by_day.setdefault(interval.weekday, []).append(interval)
        for intervals in by_day.values():
            intervals.sort(key=lambda i: i.start)
            for a, b in itertools.pairwise(intervals):
                if b.start < a.end:
                    raise ValueError("working intervals of one day overlap")
        return self


class CalendarDayRead(Schema):
    id: int = Field(description="Entry id.")
    date: dt.date = Field(validation_alias="day", description="The date.")
    kind: DayKind = Field(description="`day_off` (holiday, swap) or `working_day` (make-up working day).")
    name: str = Field(description="Why, e.g. `Tết Nguyên Đán` or `Làm bù cho ngày 31/08/2026`.")
    source: Literal["holidays", "admin"] = Field(
        description="Seeded from the holiday list, or entered by an admin."
    )


class CalendarDayCreate(Schema):
    date: dt.date = Field(description="The date (2000–2100).")
    kind: DayKind = Field(description="`day_off` or `working_day`.")
    name: NFCStr = Field(min_length=1, max_length=200, description="Why.")

    @model_validator(mode="after")
    def _range(self) -> CalendarDayCreate:
        if not 2000 <= self.date.year <= 2100:
            raise ValueError("date must be between 2000 and 2100")
        return self


class CalendarDayUpdate(Schema):
    kind: DayKind | None = Field(default=None, description="`day_off` or `working_day`.")
    name: NFCStr | None = Field(default=None, min_length=1, max_length=200, description="Why.")


class ExplanationRead(Schema):
    kind: str = Field(description="What happened: `start_moved`, `weekend`, `day_off`, `pause`, `due`, …")
    day: dt.date | None = Field(description="The day concerned, if any.")
    text: str = Field(description="A short sentence in Vietnamese.")
    text_en: str = Field(description="The same in English.")


class DueDateRead(Schema):
    due_at: dt.datetime = Field(description="The due time, in local time (+07:00).")
    explanation: list[ExplanationRead] = Field(description="How it was computed: days skipped and why.")


class RemainingRead(Schema):
    @classmethod
    def of(cls, r: countdown.Remaining) -> RemainingRead:
        # The engine's own values: nothing to validate (lists build many of these).
        return cls.model_construct(
            minutes=r.minutes,
            is_overdue=r.is_overdue,
            is_due_soon=r.is_due_soon,
            text_vi=r.text_vi,
            text_en=r.text_en,
        )

    minutes: int = Field(description="Working minutes left (negative when late).")
    is_overdue: bool = Field(description="Past the appointment and not finished.")
    is_due_soon: bool = Field(
        description="Due soon: within 24 hours, or at most one working day of working time left."
    )
    text_vi: str = Field(description="E.g. `còn 2 ngày 3 giờ`.")
    text_en: str = Field(description="E.g. `2 days 3 hours left`.")
