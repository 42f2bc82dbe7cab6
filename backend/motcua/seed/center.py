"""Setting up a service center on a database: its commune and former communes, its working calendar for this
year and the next, and, when the province has no catalog yet, the commune procedures shipped with the software.
What `motcua center create` does for a real commune, and the demo's first step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar import service as calendar_service
from motcua.core.time import local_now
from motcua.procedures import importing
from motcua.procedures import service as procedures_service
from motcua.procedures.sources import read_procedures
from motcua.units import service as units_service
from motcua.units.models import Unit
from motcua.units.schemas import CenterCreate


def seed_catalog_path() -> Path:
    """The commune-level procedures of the national portal, shipped in the package (procedures.jsonl.gz)."""
    return Path(str(resources.files("motcua.seed") / "data" / "procedures.jsonl.gz"))


@dataclass(frozen=True)
class SetUp:
    unit: Unit
    catalog: importing.ImportReport | None  # None: the province had a catalog already


async def set_up_center(
    session: AsyncSession, *, data: CenterCreate, progress: Callable[[int], None] | None = None
) -> SetUp:
    unit = await units_service.create_center(session, data=data)
    year = local_now().year
    # Labour Code 2019 art. 112 holidays (the `holidays` package) and the known make-up working days.
    await calendar_service.ensure_defaults(session, unit_id=unit.id, years=[year, year + 1])
    report = None
    if not await procedures_service.has_catalog(session, province_id=unit.province_id):
        report = await importing.import_records(
            session,
            province_id=unit.province_id,
            records=read_procedures(seed_catalog_path()),
            progress=progress,
        )
    return SetUp(unit=unit, catalog=report)
