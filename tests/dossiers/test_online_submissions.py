"""Status 1 (DOMAIN.md): a dossier submitted online or by post is registered before the center receives it,
with its code and tracking link but no appointment and no step; a receptionist checks it and receives it
(the legal time starts then, as at the counter) or refuses it (form 03)."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from helpers import act, birth_registration, login
from motcua.calendar import due, working_time
from motcua.calendar import service as calendar_service

ONLINE = birth_registration(channel=2, awaiting_reception=True)
NEW = {"code": 1, "label_vi": "Mới (chưa tiếp nhận)", "label_en": "New (not yet received)"}


@pytest.fixture
async def counter(client: httpx.AsyncClient) -> dict[str, str]:
    return await login(client, "tiepnhan1")


async def register(client: httpx.AsyncClient, headers: dict[str, str], **change: object) -> dict[str, object]:
    response = await client.post("/api/dossiers", json=ONLINE | change, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result


async def events(
    client: httpx.AsyncClient, headers: dict[str, str], dossier_id: object
) -> list[tuple[object, ...]]:
    found = (await client.get(f"/api/dossiers/{dossier_id}/events", headers=headers)).json()
    return [(e["seq"], e["action"], e["from_status"], e["to_status"]) for e in found]


async def test_a_submission_awaits_reception_with_its_code_and_tracking_link(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    d = await register(client, counter)
    assert d["status"] == NEW
    assert (d["due_at"], d["remaining"], d["current_step"], d["assignee"]) == (None, None, None, None)
    assert d["allowed_actions"] == ["receive", "refuse_at_reception"]
    assert await events(client, counter, d["id"]) == [(1, "submit", None, 1)]
    chain = (await client.get(f"/api/dossiers/{d['id']}/steps", headers=counter)).json()
    assert chain == {"steps": [], "planned": []}
    # The citizen can already follow it, in plain words.
    token = str(d["public_url"]).rsplit("/d/", 1)[1]
    public = (await client.get(f"/api/public/dossiers/{token}")).json()
    assert (public["status"], public["due_at"]) == (NEW, None)
    # Others see it in the list of status 1; specialists and leaders cannot act on it.
    listing = (await client.get("/api/dossiers", params={"status": 1}, headers=counter)).json()
    assert d["id"] in {item["id"] for item in listing["items"]}
    leader = await login(client, "lanhdao")
    assert (await client.get(f"/api/dossiers/{d['id']}", headers=leader)).json()["allowed_actions"] == []
    r = await client.post(
        f"/api/dossiers/{d['id']}/actions/receive", json={}, headers=leader | {"If-Match": "1"}
    )
    assert r.status_code == 403


@pytest.mark.parametrize(
    "change",
    [{"channel": 1}, {"if_incomplete": "request_supplement"}],
    ids=["in person", "incomplete rule"],
)
async def test_only_online_or_postal_submissions_await_reception(
    client: httpx.AsyncClient, counter: dict[str, str], change: dict[str, object]
) -> None:
    r = await client.post("/api/dossiers", json=ONLINE | change, headers=counter)
    assert r.status_code == 422, r.text


async def test_receiving_starts_the_legal_time_and_the_step_chain(
    client: httpx.AsyncClient, counter: dict[str, str], session: AsyncSession
) -> None:
    registered = await register(client, counter)
    other = await login(client, "tiepnhan2")
    d = await act(client, other, registered, "receive")
    assert d["status"]["code"] == 2
    assert d["version"] == 2
    assert d["received_by"]["full_name"] != registered["received_by"]["full_name"]  # type: ignore[index]
    received = datetime.fromisoformat(str(d["received_at"]))
    assert received > datetime.fromisoformat(str(registered["received_at"]))
    calendar = await calendar_service.working_calendar(session, unit_id=1)
    expected = due.compute_due(calendar, start=received, amount=0, unit=working_time.DurationUnit.SAME_DAY)
    assert datetime.fromisoformat(str(d["due_at"])) == expected.due_at
    assert d["current_step"] == "Tiếp nhận"
    assert d["assignee"]["full_name"] == d["received_by"]["full_name"]  # type: ignore[index]
    assert await events(client, other, d["id"]) == [(1, "submit", None, 1), (2, "receive", 1, 2)]
    # From here on it is any received dossier.
    forwarded = await act(client, other, d, "forward")
    assert forwarded["status"]["code"] == 4
    chain = (await client.get(f"/api/dossiers/{d['id']}/steps", headers=other)).json()
    assert [s["name"] for s in chain["steps"]][:2] == ["Tiếp nhận", "Chuyên viên xử lý"]


async def test_an_incomplete_submission_is_not_received(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    d = await register(client, counter, documents=[{"index": 0, "originals": 1}])
    r = await client.post(
        f"/api/dossiers/{d['id']}/actions/receive", json={}, headers=counter | {"If-Match": "1"}
    )
    assert r.status_code == 409, r.text
    assert r.json()["details"]
    after = (await client.get(f"/api/dossiers/{d['id']}", headers=counter)).json()
    assert (after["version"], after["status"]) == (1, NEW)
    assert await events(client, counter, d["id"]) == [(1, "submit", None, 1)]


async def test_refusing_a_submission_needs_a_reason_and_ends_it(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    d = await register(client, counter, documents=[{"index": 0, "originals": 1}])
    r = await client.post(
        f"/api/dossiers/{d['id']}/actions/refuse_at_reception", json={}, headers=counter | {"If-Match": "1"}
    )
    assert r.status_code == 422
    assert [f["field"] for f in r.json()["fields"]] == ["body.reason"]
    refused = await act(client, counter, d, "refuse_at_reception", {"reason": "Sai thẩm quyền giải quyết"})
    assert refused["status"]["code"] == 3
    assert refused["allowed_actions"] == []
    assert refused["finished_at"] is not None
    assert refused["punctuality"] is None  # never received: no appointment to be on time for
    assert await events(client, counter, d["id"]) == [
        (1, "submit", None, 1),
        (2, "refuse_at_reception", 1, 3),
    ]
    r = await client.post(
        f"/api/dossiers/{d['id']}/actions/receive", json={}, headers=counter | {"If-Match": "2"}
    )
    assert r.status_code == 409
