"""Process templates: which steps a dossier goes through at a center, with their time budgets (the built-in
chain when a procedure has no template), kept by each worker under the unit's process revision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar import due, working_time
from motcua.calendar import service as calendar_service
from motcua.core.db import bind_cache
from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.core.time import utcnow
from motcua.procedures import service as procedures_service
from motcua.procedures.records import processing_time
from motcua.process_templates import plans
from motcua.process_templates.models import ProcessStep, ProcessTemplate
from motcua.process_templates.schemas import (
    BudgetWarning,
    EffectivePlan,
    TemplateCreate,
    TemplateRead,
    TemplateStepRead,
    TemplateWrite,
)
from motcua.units import service as units_service

# Procedures whose template a worker keeps per unit (see `template_steps`).
TEMPLATE_CACHE_SIZE = 1024


def visible_to(unit_id: int) -> Select[ProcessTemplate]:
    """The one authorization filter of this domain: a unit sees its own templates."""
    return select(ProcessTemplate).where(ProcessTemplate.unit_id == unit_id)


def legal_minutes(cal: working_time.WorkingCalendar, timing: dict[str, Any] | None) -> int | None:
    """A procedure's legal time in working minutes, for comparing with step budgets. Same-day and
    calendar-day times have no fixed working length; they are read as their upper bound (a whole working day
    per day) so that a warning is never raised for budgets that fit."""
    if not timing or not timing.get("unit") or timing.get("amount") is None:
        return None
    unit = working_time.DurationUnit(timing["unit"])
    amount = Decimal(str(timing["amount"]))
    day = cal.hours_per_working_day * 60
    if unit in (working_time.DurationUnit.WORKING_DAYS, working_time.DurationUnit.WORKING_HOURS):
        return working_time.working_minutes_for(cal, amount, unit)
    if unit is working_time.DurationUnit.SAME_DAY:
        return day
    return int(amount * day)


async def template_steps(
    session: AsyncSession, *, unit_id: int, procedure_id: int, sector_id: int, revision: int | None = None
) -> tuple[str, int | None, list[plans.PlannedStep]]:
    """The procedure's own template, else its sector's, else none: one query. With `revision` (the unit's
    `process_revision`, read by the caller), the answer is kept by this worker under that revision, as the
    catalog's versions are (see `procedures.service.version_in_force`)."""
    cache = bind_cache(session, "template_steps") if revision is not None else None
    if cache is not None:
        entry = cache.get((unit_id, procedure_id, sector_id))
        if entry is not None and entry[0] == revision:
            kept: tuple[str, int | None, list[plans.PlannedStep]] = entry[1]
            return kept
    rows = (
        await session.execute(
            select(ProcessTemplate.id, ProcessTemplate.procedure_id, ProcessStep)
            .join(ProcessStep, ProcessStep.template_id == ProcessTemplate.id)
            .where(
                ProcessTemplate.unit_id == unit_id,
                or_(ProcessTemplate.procedure_id == procedure_id, ProcessTemplate.sector_id == sector_id),
            )
            .order_by(ProcessTemplate.procedure_id.is_(None), ProcessStep.position)
        )
    ).all()
    found: tuple[str, int | None, list[plans.PlannedStep]] = ("default", None, [])
    if rows:
        template_id = rows[0][0]
        found = (
            "procedure" if rows[0][1] is not None else "sector",
            template_id,
            [
                plans.PlannedStep(
                    name=s.name, kind=s.kind, department_id=s.department_id, budget_minutes=s.budget_minutes
                )
                for tid, _p, s in rows
                if tid == template_id
            ],
        )
    if cache is not None:
        if len(cache) >= TEMPLATE_CACHE_SIZE:
            cache.clear()  # rare: a few hundred distinct procedures received since the last template change
        cache[(unit_id, procedure_id, sector_id)] = (revision, found)
    return found


@dataclass(frozen=True)
class IntakePlan:
    source: str  # procedure, sector or default
    template_id: int | None
    steps: list[plans.PlannedStep]

    def event_data(self, first: str) -> dict[str, Any]:
        """What the intake event records about the plan."""
        return {"step": first, "plan": self.source, "template_id": self.template_id}


async def intake_plan(
    session: AsyncSession,
    *,
    unit_id: int,
    procedure_id: int,
    sector_id: int,
    now: datetime,
    due_at: datetime | None,
    duration_amount: str | None,
    duration_unit: str | None,
    revision: int | None = None,
) -> IntakePlan:
    """The steps a dossier received now goes through: its procedure's template, its sector's, or the built-in
    chain split from its legal time. `revision` is the unit's process revision when the caller read it (the
    templates are then kept by this worker)."""
    source, template_id, steps = await template_steps(
        session, unit_id=unit_id, procedure_id=procedure_id, sector_id=sector_id, revision=revision
    )
    if not steps:
        cal = await calendar_service.working_calendar(session, unit_id=unit_id)
        legal: int | None = None
        if due_at is not None:
            legal = working_time.working_minutes_between(cal, now, due_at)
        elif duration_unit:  # received incomplete: the legal time will start with the supplement
            legal_due = due.compute_due(
                cal,
                start=now,
                amount=Decimal(duration_amount or "0"),
                unit=working_time.DurationUnit(duration_unit),
            ).due_at
            legal = working_time.working_minutes_between(cal, now, legal_due)
        steps = plans.default_plan(legal_minutes=max(legal, 0) if legal is not None else None)
    return IntakePlan(source=source, template_id=template_id, steps=steps)


# ---------------------------------------------------------------------------------------- editing


async def _check_departments(session: AsyncSession, *, unit_id: int, data: TemplateWrite) -> None:
    ids = {s.department_id for s in data.steps if s.department_id is not None}
    if not ids:
        return
    known = await units_service.existing_department_ids(session, unit_id=unit_id, ids=ids)
    for i, s in enumerate(data.steps):
        if s.department_id is not None and s.department_id not in known:
            raise InvalidInput("Unknown department", field=f"body.steps.{i}.department_id")


def _budget_warning(code: str, name: str, legal: int, total: int) -> BudgetWarning:
    def hours(m: int) -> str:
        return f"{m / 60:g}"

    return BudgetWarning(
        procedure_code=code,
        procedure_name=name,
        legal_minutes=legal,
        total_minutes=total,
        text_vi=f"Tổng thời gian các bước ({hours(total)} giờ) vượt thời hạn giải quyết của thủ tục {code} "
        f"({hours(legal)} giờ làm việc).",
        text_en=f"The steps add up to {hours(total)} h, more than the legal time of {code} ({hours(legal)} working h).",
    )


async def _warnings(
    session: AsyncSession, *, unit_id: int, template: ProcessTemplate, total: int, limit: int = 20
) -> tuple[list[BudgetWarning], int]:
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    concerned_procedures = await procedures_service.published_in_force(
        session, procedure_id=template.procedure_id, sector_id=template.sector_id
    )
    out: list[BudgetWarning] = []
    concerned = 0
    for procedure in concerned_procedures:
        legal = legal_minutes(cal, processing_time(procedure.data, "in_person"))
        if legal is not None and plans.over_budget(total, legal):
            concerned += 1
            if len(out) < limit:
                out.append(_budget_warning(procedure.code, procedure.name_vi, legal, total))
    return out, concerned


async def read_template(session: AsyncSession, *, template: ProcessTemplate) -> TemplateRead:
    steps = (
        await session.scalars(
            select(ProcessStep).where(ProcessStep.template_id == template.id).order_by(ProcessStep.position)
        )
    ).all()
    departments = await units_service.department_names(session, unit_id=template.unit_id)
    total = sum(s.budget_minutes for s in steps)
    procedure = (
        await procedures_service.procedure_name(session, procedure_id=template.procedure_id)
        if template.procedure_id
        else None
    )
    sector = (
        await procedures_service.sector_name(session, sector_id=template.sector_id)
        if template.sector_id
        else None
    )
    warnings, concerned = await _warnings(session, unit_id=template.unit_id, template=template, total=total)
    return TemplateRead(
        id=template.id,
        name=template.name,
        procedure_code=procedure[0] if procedure else None,
        procedure_name=procedure[1] if procedure else None,
        sector_id=template.sector_id,
        sector_name=sector,
        steps=[
            TemplateStepRead(
                name=s.name,
                kind=s.kind,
                department_id=s.department_id,
                budget_minutes=s.budget_minutes,
                department_name=departments.get(s.department_id) if s.department_id else None,
            )
            for s in steps
        ],
        total_minutes=total,
        warnings=warnings,
        warnings_total=concerned,
        updated_at=template.updated_at,
    )


async def _replace_steps(session: AsyncSession, *, template: ProcessTemplate, data: TemplateWrite) -> None:
    for old in (
        await session.scalars(select(ProcessStep).where(ProcessStep.template_id == template.id))
    ).all():
        await session.delete(old)
    await session.flush()
    session.add_all(
        ProcessStep(
            template_id=template.id,
            position=i,
            name=s.name,
            kind=s.kind,
            department_id=s.department_id,
            budget_minutes=s.budget_minutes,
        )
        for i, s in enumerate(data.steps)
    )
    await session.flush()


async def create_template(
    session: AsyncSession, *, unit_id: int, province_id: int, data: TemplateCreate
) -> ProcessTemplate:
    await _check_departments(session, unit_id=unit_id, data=data)
    template = ProcessTemplate(unit_id=unit_id, name=data.name)
    if data.procedure_code is not None:
        known = await procedures_service.ids_by_code(
            session, province_id=province_id, codes=[data.procedure_code]
        )
        if data.procedure_code not in known:
            raise InvalidInput("Unknown procedure", field="body.procedure_code")
        template.procedure_id = known[data.procedure_code]
        clash = ProcessTemplate.procedure_id == template.procedure_id
    else:
        assert data.sector_id is not None  # the schema asks for exactly one of the two
        if not await procedures_service.existing_sector_ids(
            session, province_id=province_id, ids=[data.sector_id]
        ):
            raise InvalidInput("Unknown sector", field="body.sector_id")
        template.sector_id = data.sector_id
        clash = ProcessTemplate.sector_id == data.sector_id
    if await session.scalar(visible_to(unit_id).where(clash)) is not None:
        raise Conflict("A template for this procedure or sector exists already; edit it")
    session.add(template)
    await session.flush()
    await _replace_steps(session, template=template, data=data)
    await units_service.bump_process_revision(session, unit_id=unit_id)
    return template


async def get_template(session: AsyncSession, *, unit_id: int, template_id: int) -> ProcessTemplate:
    template = await session.scalar(visible_to(unit_id).where(ProcessTemplate.id == template_id))
    if template is None:
        raise NotFound("Template not found")
    return template


async def update_template(session: AsyncSession, *, template: ProcessTemplate, data: TemplateWrite) -> None:
    await _check_departments(session, unit_id=template.unit_id, data=data)
    template.name = data.name
    template.updated_at = utcnow()
    await _replace_steps(session, template=template, data=data)
    await units_service.bump_process_revision(session, unit_id=template.unit_id)


async def delete_template(session: AsyncSession, *, template: ProcessTemplate) -> None:
    await session.delete(template)
    await session.flush()
    await units_service.bump_process_revision(session, unit_id=template.unit_id)


async def list_templates(session: AsyncSession, *, unit_id: int) -> list[TemplateRead]:
    rows = (await session.scalars(visible_to(unit_id).order_by(ProcessTemplate.id))).all()
    return [await read_template(session, template=t) for t in rows]


async def effective_plan(
    session: AsyncSession, *, unit_id: int, province_id: int, procedure_code: str
) -> EffectivePlan:
    """What a dossier of this procedure received now would go through."""
    pinned = await procedures_service.version_in_force(
        session, province_id=province_id, code=procedure_code, published_only=False
    )
    if pinned is None:
        raise NotFound("Procedure not found")
    procedure, version = pinned
    cal = await calendar_service.working_calendar(session, unit_id=unit_id)
    legal = legal_minutes(cal, processing_time(version.data, "in_person"))
    source, template_id, steps = await template_steps(
        session, unit_id=unit_id, procedure_id=procedure.id, sector_id=procedure.sector_id
    )
    if not steps:
        steps = plans.default_plan(legal_minutes=legal)
    departments = await units_service.department_names(session, unit_id=unit_id)
    total = sum(s.budget_minutes for s in steps)
    name = version.data.get("name_vi", procedure.code)
    return EffectivePlan(
        source=source,
        template_id=template_id,
        procedure_code=procedure.code,
        legal_minutes=legal,
        steps=[
            TemplateStepRead(
                name=s.name,
                kind=s.kind,
                department_id=s.department_id,
                budget_minutes=s.budget_minutes,
                department_name=departments.get(s.department_id) if s.department_id else None,
            )
            for s in steps
        ],
        total_minutes=total,
        warnings=[_budget_warning(procedure.code, name, legal, total)]
        if legal is not None and plans.over_budget(total, legal)
        else [],
    )
