"""The version in force of a procedure, owned by the catalog (`procedures.models.in_force`): the catalog's pages,
the public page, the intake's pin and the templates' budget warnings all read the same version, and a dossier
keeps the version it was received under when the catalog changes (DOMAIN.md "Procedure catalog")."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from helpers import login, receive
from motcua.procedures import service as procedures_service
from motcua.units import service as units_service

CODE = "1.001193"


def _content(detail: dict[str, Any], **change: Any) -> dict[str, Any]:
    """The editable content of a procedure as the admin page reads it, with a change."""
    keys = (
        "name_vi",
        "name_en",
        "level",
        "agency",
        "channels",
        "processing_times",
        "fees",
        "documents",
        "steps",
        "conditions",
        "results",
        "legal_basis",
        "target_users",
    )
    body = {k: detail[k] for k in keys if k in detail}
    body["sector_id"] = detail["sector"]["id"]
    body.update(change)
    return body


async def test_every_reader_takes_the_version_in_force(
    client: httpx.AsyncClient, session: AsyncSession, admin_headers: dict[str, str]
) -> None:
    counter = await login(client, "tiepnhan1")
    before = (await client.get(f"/api/procedures/{CODE}", headers=admin_headers)).json()
    first = await receive(client, counter)
    assert first["procedure_version"] == before["version"]

    changed = _content(before, conditions=[*before.get("conditions", []), "Điều kiện mới để thử"])
    r = await client.put(f"/api/procedures/{CODE}", json=changed, headers=admin_headers)
    assert r.status_code == 200, r.text
    now = r.json()["version"]
    assert now == before["version"] + 1

    public = (await client.get(f"/api/public/procedures/{CODE}")).json()
    assert public["version"] == now
    assert "Điều kiện mới để thử" in public["conditions"]
    second = await receive(client, counter)
    assert second["procedure_version"] == now
    # The first dossier keeps the rules it was received under.
    assert (await client.get(f"/api/dossiers/{first['id']}", headers=counter)).json()[
        "procedure_version"
    ] == before["version"]
    province_id = await units_service.province_of(session, unit_id=1)
    pinned = await procedures_service.version_in_force(session, province_id=province_id, code=CODE)
    assert pinned is not None
    assert pinned[1].number == now
    by_sector = await procedures_service.published_in_force(session, sector_id=pinned[0].sector_id)
    assert next(p for p in by_sector if p.code == CODE).data["conditions"][-1] == "Điều kiện mới để thử"
