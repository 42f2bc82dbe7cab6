"""Setting up a real center (`motcua center create`): codes checked, the province shared, nothing twice."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar.models import CalendarDay
from motcua.core.errors import Conflict
from motcua.procedures.models import Procedure
from motcua.seed.center import set_up_center
from motcua.units.models import AdminArea
from motcua.units.schemas import CenterCreate, FormerCommune


def center(**change: object) -> CenterCreate:
    data: dict[str, object] = {
        "province_code": "25",
        "province_name": "Tỉnh Phú Thọ",
        "commune_name": "Xã Thanh Sơn",
        "unit_code": "000.00.25.H77",
        "name": "Trung tâm Phục vụ hành chính công xã Thanh Sơn",
        "former_communes": [FormerCommune(name="Xã Sơn Hùng"), FormerCommune(name="Xã Thục Luyện")],
    }
    data.update(change)
    return CenterCreate.model_validate(data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("unit_code", "000.25.H77"),
        ("unit_code", "000.00.25.h77"),
        ("province_code", "025"),
        ("phone", "12345"),
    ],
)
def test_codes_are_checked(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as info:
        center(**{field: value})
    assert info.value.errors()[0]["loc"] == (field,)


async def test_a_second_center_of_the_province_shares_its_catalog(session: AsyncSession) -> None:
    # The demo's province (25) has its catalog already: the new center gets its calendar, not a second catalog.
    procedures = await session.scalar(select(func.count()).select_from(Procedure))
    done = await set_up_center(session, data=center())
    assert done.catalog is None
    assert await session.scalar(select(func.count()).select_from(Procedure)) == procedures
    days = await session.scalar(select(func.count()).where(CalendarDay.unit_id == done.unit.id))
    assert days is not None
    assert days >= 10
    merged = (
        await session.scalars(select(AdminArea.name).where(AdminArea.merged_into_id == done.unit.commune_id))
    ).all()
    assert sorted(merged) == ["Xã Sơn Hùng", "Xã Thục Luyện"]


@pytest.mark.parametrize(
    "change",
    [{"unit_code": "000.00.25.H42"}, {"province_name": "Tỉnh Khác"}],
    ids=["unit code taken (the demo's)", "province code of another name"],
)
async def test_conflicts_create_nothing(session: AsyncSession, change: dict[str, object]) -> None:
    with pytest.raises(Conflict):
        await set_up_center(session, data=center(**change))
