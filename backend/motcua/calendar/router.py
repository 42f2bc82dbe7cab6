"""HTTP endpoints of the working calendar and the due-date calculator."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Response

from motcua.auth.dependencies import AdminStaff, CurrentStaff
from motcua.calendar import due, service, working_time
from motcua.calendar.schemas import (
    CalendarDayCreate,
    CalendarDayRead,
    CalendarDayUpdate,
    CalendarRead,
    CalendarUpdate,
    DueDateRead,
    ExplanationRead,
)
from motcua.core.db import SessionDep
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized, responses
from motcua.core.schemas import IdPath
from motcua.core.time import LOCAL_TZ

router = APIRouter(prefix="/api/calendar", tags=["calendar"], responses=responses(Unauthorized, Forbidden))


@router.get("", response_model=CalendarRead)
async def get_calendar(principal: CurrentStaff, session: SessionDep) -> CalendarRead:
    """Weekly working hours and settings of the caller's center."""
    return await service.read_settings(session, unit_id=principal.unit_id)


@router.put("/working-hours", response_model=CalendarRead)
async def update_calendar(body: CalendarUpdate, principal: AdminStaff, session: SessionDep) -> CalendarRead:
    """Replace the weekly working hours; deadlines computed afterwards use them."""
    return await service.update_settings(session, unit_id=principal.unit_id, data=body)


@router.get("/days", response_model=list[CalendarDayRead])
async def list_days(
    principal: CurrentStaff,
    session: SessionDep,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="Only this year.")] = None,
) -> list[CalendarDayRead]:
    """Days off and extra working days of the caller's center."""
    rows = await service.list_days(session, unit_id=principal.unit_id, year=year)
    return [CalendarDayRead.model_validate(r) for r in rows]


@router.post("/days", response_model=CalendarDayRead, status_code=201, responses=responses(Conflict))
async def add_day(body: CalendarDayCreate, principal: AdminStaff, session: SessionDep) -> CalendarDayRead:
    """Add a day off or an extra working day."""
    row = await service.add_day(session, unit_id=principal.unit_id, data=body)
    return CalendarDayRead.model_validate(row)


@router.patch("/days/{day_id}", response_model=CalendarDayRead, responses=responses(NotFound))
async def update_day(
    day_id: IdPath, body: CalendarDayUpdate, principal: AdminStaff, session: SessionDep
) -> CalendarDayRead:
    """Change the kind or the name of a calendar entry."""
    row = await service.get_day(session, unit_id=principal.unit_id, day_id=day_id)
    return CalendarDayRead.model_validate(await service.update_day(session, row=row, data=body))


@router.delete("/days/{day_id}", status_code=204, responses=responses(NotFound))
async def delete_day(day_id: IdPath, principal: AdminStaff, session: SessionDep) -> Response:
    """Remove a calendar entry: the date follows the weekly hours again."""
    row = await service.get_day(session, unit_id=principal.unit_id, day_id=day_id)
    await service.delete_day(session, row=row)
    return Response(status_code=204)


def _aware(value: datetime, field: str) -> datetime:
    # A time without an offset is local time at the center (Asia/Ho_Chi_Minh, no daylight saving).
    if value.tzinfo is None:
        return value.replace(tzinfo=LOCAL_TZ)
    return value


@router.get("/due-date", response_model=DueDateRead, responses=responses(InvalidInput))
async def due_date(
    principal: CurrentStaff,
    session: SessionDep,
    start: Annotated[
        datetime, Query(description="When the clock starts (ISO 8601; no offset = local time).")
    ],
    working_days: Annotated[
        Decimal | None, Query(gt=0, le=365, max_digits=6, decimal_places=2, description="Working days.")
    ] = None,
    working_hours: Annotated[
        Decimal | None, Query(gt=0, le=2920, max_digits=7, decimal_places=2, description="Working hours.")
    ] = None,
    calendar_days: Annotated[int | None, Query(gt=0, le=365, description="Calendar days.")] = None,
    same_day: Annotated[bool, Query(description="Same-day procedure (15:00 cut-off).")] = False,
    pause_from: Annotated[
        datetime | None, Query(description="Start of a pause (supplement request).")
    ] = None,
    pause_to: Annotated[datetime | None, Query(description="End of that pause.")] = None,
) -> DueDateRead:
    """Compute a due time with the center's working calendar, and explain it."""
    given = [
        (working_time.DurationUnit.WORKING_DAYS, working_days),
        (working_time.DurationUnit.WORKING_HOURS, working_hours),
        (working_time.DurationUnit.CALENDAR_DAYS, calendar_days),
        (working_time.DurationUnit.SAME_DAY, 0 if same_day else None),
    ]
    chosen = [(u, a) for u, a in given if a is not None]
    if len(chosen) != 1:
        raise InvalidInput(
            "Give exactly one of working_days, working_hours, calendar_days, same_day=true", field="query"
        )
    if (pause_from is None) != (pause_to is None):
        raise InvalidInput("pause_from and pause_to go together", field="query.pause_to")
    start_at = _aware(start, "query.start")
    if not 2000 <= start_at.year <= 2100:
        raise InvalidInput("start must be between 2000 and 2100", field="query.start")
    pauses: list[tuple[datetime, datetime | None]] = []
    if pause_from is not None and pause_to is not None:
        p_from, p_to = _aware(pause_from, "query.pause_from"), _aware(pause_to, "query.pause_to")
        if p_to < p_from:
            raise InvalidInput("pause_to must not be before pause_from", field="query.pause_to")
        pauses.append((p_from, p_to))
    unit, amount = chosen[0]
    calendar = await service.working_calendar(session, unit_id=principal.unit_id)
    try:
        result = due.compute_due(calendar, start=start_at, amount=amount, unit=unit, pauses=pauses)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="query") from exc
    return DueDateRead(
        due_at=result.due_at,
        explanation=[
            ExplanationRead(kind=e.kind, day=e.day, text=e.text, text_en=e.text_en)
            for e in result.explanation
        ],
    )
