"""Importing procedures from the national portal's files (the commune JSONL, the national CSV): created or
updated by code, never duplicated; times that cannot be read are listed, never guessed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.procedures import catalog_cache, text
from motcua.procedures.editing import data_in_force, save_data
from motcua.procedures.models import Procedure, ProcedureVersion, Sector
from motcua.procedures.records import ProcedureRecord


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unparsed_times: list[tuple[str, str, str]] = field(default_factory=list)  # code, channel, text
    errors: list[str] = field(default_factory=list)


def _record_data(record: ProcedureRecord, sector_id: int) -> dict[str, Any]:
    def num(value: Decimal | None) -> float | int | None:
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else float(value)

    return {
        "name_vi": record.name_vi,
        "name_en": record.name_en,
        "sector_id": sector_id,
        "level": record.level,
        "agency": record.agency,
        "channels": list(record.channels),
        "processing_times": [
            {
                "channel": t.channel,
                "amount": num(t.amount),
                "unit": t.unit.value if t.unit else None,
                "text": t.text,
            }
            for t in record.processing_times
        ],
        "fees": [asdict(f) for f in record.fees],
        "documents": [asdict(d) for d in record.documents],
        "steps": list(record.steps),
        "conditions": list(record.conditions),
        "results": [asdict(r) for r in record.results],
        "legal_basis": [asdict(b) for b in record.legal_basis],
        "target_users": list(record.target_users),
    }


async def _merged(session: AsyncSession, procedure: Procedure, data: dict[str, Any]) -> dict[str, Any]:
    """A file that lacks a field (the national CSV has no documents or times) keeps what the catalog has."""
    merged = dict(await data_in_force(session, procedure) or {})
    merged.update({k: v for k, v in data.items() if v not in (None, [], "")})
    return merged


async def import_records(
    session: AsyncSession,
    *,
    province_id: int,
    records: Iterable[ProcedureRecord],
    publish: bool = True,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Create or update procedures by code. Re-importing the same file changes nothing; a changed
    procedure gets a new version. Processing times that could not be read are listed, never guessed."""
    report = ImportReport()
    sectors = {
        s.name_vi: s for s in (await session.scalars(select(Sector).where(Sector.province_id == province_id)))
    }
    existing = {
        p.code: p
        for p in (await session.scalars(select(Procedure).where(Procedure.province_id == province_id)))
    }
    for n, record in enumerate(records, start=1):
        sector = sectors.get(record.sector_vi)
        if sector is None:
            sector = Sector(province_id=province_id, name_vi=record.sector_vi, name_en=record.sector_en)
            session.add(sector)
            await session.flush()
            sectors[sector.name_vi] = sector
        elif sector.name_en is None and record.sector_en:
            sector.name_en = record.sector_en
        for t in record.processing_times:
            if t.amount is None and t.unit is None:
                report.unparsed_times.append((record.code, t.channel, t.text or ""))
        data = _record_data(record, sector.id)
        proc = existing.get(record.code)
        if proc is None:
            proc = Procedure(
                province_id=province_id,
                code=record.code,
                sector_id=sector.id,
                name_vi=record.name_vi,
                name_en=record.name_en,
                search_text=text.search_text(record.code, record.name_vi, record.name_en),
                current_version=1,
                is_published=publish,
            )
            session.add(proc)
            await session.flush()
            session.add(ProcedureVersion(procedure_id=proc.id, version=1, data=data))
            existing[record.code] = proc
            report.created += 1
        elif await save_data(session, procedure=proc, data=await _merged(session, proc, data), actor=None):
            report.updated += 1
        else:
            report.unchanged += 1
        if n % 200 == 0:
            await session.flush()
            if progress:
                progress(n)
    await session.flush()
    await catalog_cache.bump(session, province_id=province_id)
    if progress:
        progress(report.created + report.updated + report.unchanged)
    return report
