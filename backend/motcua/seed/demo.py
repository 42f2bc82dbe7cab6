"""The demo commune: Vĩnh Hưng commune (Phú Thọ province), formed on 2025-07-01 from three former communes.

Names of staff are invented. The unit code is a placeholder in the QCVN 102 form; an admin can change it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.calendar import service as calendar_service
from motcua.core.config import Settings, get_settings
from motcua.core.time import local_now
from motcua.procedures.models import Sector
from motcua.seed.center import set_up_center
from motcua.staff import service as staff_service
from motcua.units.models import Department, Unit
from motcua.units.schemas import CenterCreate, FormerCommune

DEMO_PASSWORD = "demo1234"  # noqa: S105 - printed by `make run` for the demo only
DEMO_UNIT_CODE = "000.00.25.H42"

DEPARTMENTS = [
    ("TTPVHCC", "Trung tâm Phục vụ hành chính công"),
    ("VP", "Văn phòng HĐND-UBND"),
    ("KT", "Phòng Kinh tế"),
    ("VHXH", "Phòng Văn hóa - Xã hội"),
    ("CA", "Công an xã"),
]

# username, full name, roles, department code, sectors (Vietnamese names)
STAFF: list[tuple[str, str, list[str], str, list[str]]] = [
    ("admin", "Quản trị hệ thống", ["admin"], "VP", []),
    ("lanhdao", "Trần Văn Quang", ["leader"], "VP", []),
    ("phogiamdoc", "Lê Thị Hồng Nhung", ["leader"], "TTPVHCC", []),
    ("tiepnhan1", "Nguyễn Thị Mai", ["receptionist"], "TTPVHCC", []),
    ("tiepnhan2", "Phạm Minh Đức", ["receptionist"], "TTPVHCC", []),
    ("tiepnhan3", "Hoàng Thu Trang", ["receptionist"], "TTPVHCC", []),
    ("tuphap1", "Đỗ Văn Lý", ["specialist"], "VP", ["Hộ tịch", "Chứng thực", "Nuôi con nuôi"]),
    ("tuphap2", "Vũ Thị Lan Anh", ["specialist"], "VP", ["Hộ tịch", "Chứng thực"]),
    ("diachinh", "Bùi Quốc Khánh", ["specialist"], "KT", ["Đất đai", "Hoạt động xây dựng"]),
    ("kinhte", "Ngô Thị Vân", ["specialist"], "KT", ["Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)"]),
    ("vhxh", "Đặng Thanh Tùng", ["specialist"], "VHXH", ["Bảo trợ xã hội", "Người có công", "Giảm nghèo"]),
    ("congan", "Lý Văn Thành", ["specialist"], "CA", ["Đăng ký, quản lý cư trú"]),
]


async def database_is_empty(session: AsyncSession) -> bool:
    return await session.scalar(select(Unit.id).limit(1)) is None


async def seed_demo(
    session: AsyncSession,
    *,
    settings: Settings | None = None,
    with_dossiers: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Unit:
    set_up = await set_up_center(
        session,
        data=CenterCreate(
            province_code="25",
            province_name="Tỉnh Phú Thọ",
            commune_name="Xã Vĩnh Hưng",
            unit_code=DEMO_UNIT_CODE,
            name="Trung tâm Phục vụ hành chính công xã Vĩnh Hưng",
            address="Thôn Đại Đồng, xã Vĩnh Hưng, tỉnh Phú Thọ",
            # Resolution of the National Assembly Standing Committee on the 2025 reorganisation of communes.
            former_communes=[FormerCommune(name=n) for n in ("Xã Nghĩa Hưng", "Xã Yên Lập", "Xã Đại Đồng")],
        ),
        progress=progress,
    )
    unit = set_up.unit
    # The demo's dossiers go back three months: last year's holidays too, in early months.
    await calendar_service.seed_holidays(session, unit_id=unit.id, years=[local_now().year - 1])

    departments: dict[str, int] = {}
    for code, name in DEPARTMENTS:
        dep = Department(unit_id=unit.id, code=code, name=name)
        session.add(dep)
        await session.flush()
        departments[code] = dep.id
    sectors = {
        s.name_vi: s.id
        for s in (await session.scalars(select(Sector).where(Sector.province_id == unit.province_id)))
    }
    for username, full_name, roles, dep_code, sector_names in STAFF:
        await staff_service.create_account(
            session,
            unit_id=unit.id,
            username=username,
            full_name=full_name,
            password=DEMO_PASSWORD,
            roles=roles,
            department_id=departments[dep_code],
            sector_ids=[sectors[n] for n in sector_names if n in sectors],
        )
    if with_dossiers:
        from motcua.seed.demo_dossiers import seed_dossiers

        await seed_dossiers(session, settings or get_settings(), unit_id=unit.id)
    return unit
