from __future__ import annotations

import httpx
import pytest

from helpers import login

EXAMPLES = [
    ({"start": "2026-04-23T10:00:00", "working_days": 3}, "2026-04-29T10:00:00+07:00"),
    ({"start": "2026-08-21T16:00:00", "working_days": 1}, "2026-08-22T16:00:00+07:00"),
    ({"start": "2026-02-13T15:30:00", "same_day": "true"}, "2026-02-23T17:00:00+07:00"),
    (
        {
            "start": "2026-03-02T08:00:00+07:00",
            "working_days": 5,
            "pause_from": "2026-03-03T09:00:00+07:00",
            "pause_to": "2026-03-05T09:00:00+07:00",
        },
        "2026-03-11T08:00:00+07:00",
    ),
    ({"start": "2026-03-02T01:00:00Z", "working_hours": 4}, "2026-03-02T14:00:00+07:00"),
    ({"start": "2026-04-20T10:00:00", "calendar_days": 10}, "2026-05-04T17:00:00+07:00"),
]


@pytest.mark.parametrize(("params", "due"), EXAMPLES)
async def test_due_date_examples(client: httpx.AsyncClient, params: dict[str, object], due: str) -> None:
    headers = await login(client, "tiepnhan1")
    r = await client.get("/api/calendar/due-date", params=params, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["due_at"] == due
    assert r.json()["explanation"], "every result explains itself"


async def test_due_date_explains_skipped_holidays(client: httpx.AsyncClient) -> None:
    headers = await login(client, "tiepnhan1")
    r = await client.get(
        "/api/calendar/due-date", params={"start": "2026-04-23T10:00:00", "working_days": 3}, headers=headers
    )
    days = {e["day"]: e for e in r.json()["explanation"] if e["day"]}
    assert "2026-04-27" in days
    assert "Hùng Vương" in days["2026-04-27"]["text"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-04-23T10:00:00"}, "query"),
        ({"start": "2026-04-23T10:00:00", "working_days": 1, "calendar_days": 2}, "query"),
        ({"start": "yesterday", "working_days": 1}, "query.start"),
        ({"start": "2026-04-23T10:00:00", "working_days": -1}, "query.working_days"),
        ({"start": "2026-04-23T10:00:00", "working_days": 1000}, "query.working_days"),
        ({"start": "2026-04-23T10:00:00", "working_days": "abc"}, "query.working_days"),
        (
            {"start": "2026-04-23T10:00:00", "working_days": 1, "pause_from": "2026-04-23T11:00:00"},
            "query.pause_to",
        ),
        ({"start": "1800-01-01T10:00:00", "working_days": 1}, "query.start"),
    ],
)
async def test_due_date_bad_input(client: httpx.AsyncClient, params: dict[str, object], field: str) -> None:
    headers = await login(client, "tiepnhan1")
    r = await client.get("/api/calendar/due-date", params=params, headers=headers)
    assert r.status_code == 422, r.text
    assert field in [f["field"] for f in r.json()["fields"]]


async def test_admin_day_off_changes_later_deadlines(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    params = {"start": "2027-03-01T08:00:00", "working_days": 2}
    before = (await client.get("/api/calendar/due-date", params=params, headers=admin_headers)).json()
    assert before["due_at"] == "2027-03-03T08:00:00+07:00"
    r = await client.post(
        "/api/calendar/days",
        json={"date": "2027-03-02", "kind": "day_off", "name": "Nghỉ bão"},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    day = r.json()
    assert day["source"] == "admin"
    after = (await client.get("/api/calendar/due-date", params=params, headers=admin_headers)).json()
    assert after["due_at"] == "2027-03-04T08:00:00+07:00"
    assert any(e["day"] == "2027-03-02" and "Nghỉ bão" in e["text"] for e in after["explanation"])

    dup = await client.post(
        "/api/calendar/days",
        json={"date": "2027-03-02", "kind": "working_day", "name": "x"},
        headers=admin_headers,
    )
    assert dup.status_code == 409
    r = await client.patch(
        f"/api/calendar/days/{day['id']}", json={"name": "Nghỉ do bão số 3"}, headers=admin_headers
    )
    assert r.json()["name"] == "Nghỉ do bão số 3"
    assert (await client.delete(f"/api/calendar/days/{day['id']}", headers=admin_headers)).status_code == 204
    restored = (await client.get("/api/calendar/due-date", params=params, headers=admin_headers)).json()
    assert restored["due_at"] == before["due_at"]


async def test_calendar_is_seeded_from_holidays_with_makeup_days(client: httpx.AsyncClient) -> None:
    headers = await login(client, "tiepnhan1")
    days = (await client.get("/api/calendar/days", params={"year": 2026}, headers=headers)).json()
    by_date = {d["date"]: d for d in days}
    assert by_date["2026-02-17"]["kind"] == "day_off"
    assert by_date["2026-08-22"]["kind"] == "working_day"
    assert by_date["2026-08-31"]["kind"] == "day_off"
    assert all(d["date"].startswith("2026") for d in days)


async def test_working_hours_edit(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    cal = (await client.get("/api/calendar", headers=admin_headers)).json()
    assert len(cal["working_hours"]) == 10
    assert cal["same_day_cutoff"] == "15:00"
    saturday_morning = {"weekday": 5, "start": "07:30", "end": "11:30"}
    body = cal | {"working_hours": cal["working_hours"] + [saturday_morning]}
    r = await client.put("/api/calendar/working-hours", json=body, headers=admin_headers)
    assert r.status_code == 200, r.text
    # Friday 16:00 + 2 working hours now ends on Saturday morning.
    due = await client.get(
        "/api/calendar/due-date",
        params={"start": "2027-03-05T16:00:00", "working_hours": 2},
        headers=admin_headers,
    )
    assert due.json()["due_at"] == "2027-03-06T08:30:00+07:00"
    overlap = body | {
        "working_hours": [*body["working_hours"], {"weekday": 0, "start": "08:00", "end": "09:00"}]
    }
    r = await client.put("/api/calendar/working-hours", json=overlap, headers=admin_headers)
    assert r.status_code == 422
    receptionist = await login(client, "tiepnhan1")
    assert (
        await client.put("/api/calendar/working-hours", json=body, headers=receptionist)
    ).status_code == 403
