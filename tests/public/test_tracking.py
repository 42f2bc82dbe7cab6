"""Public dossier tracking: the timeline, the throttle per client address (refused lookups counted, never on the
dossier), misses that say nothing."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from helpers import act, login, receive, within_one_minute
from motcua.dossiers.models import Dossier
from motcua.public.models import RateCounter


@pytest.fixture
async def counter(client: httpx.AsyncClient) -> dict[str, str]:
    return await login(client, "tiepnhan1")


def _token(dossier: dict[str, object]) -> str:
    return str(dossier["public_url"]).rsplit("/d/", 1)[1]


async def test_the_timeline_has_the_status_changes(
    client: httpx.AsyncClient, counter: dict[str, str]
) -> None:
    d = await receive(client, counter)
    await act(client, counter, d, "forward")
    r = await client.get(f"/api/public/dossiers/{_token(d)}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"]["code"] == 4
    assert [step["status"]["code"] for step in body["timeline"]] == [2, 4]
    for moment in ("received_at", "due_at"):  # the same instants (the public view speaks UTC)
        assert datetime.fromisoformat(body[moment]) == datetime.fromisoformat(str(d[moment]))
    assert r.headers["content-type"] == "application/json"


async def test_a_throttled_lookup_is_not_counted_on_the_dossier(
    client: httpx.AsyncClient, counter: dict[str, str], session: AsyncSession
) -> None:
    d = await receive(client, counter)
    with within_one_minute():
        for _ in range(30):
            assert (await client.get(f"/api/public/dossiers/{_token(d)}")).status_code == 200
        refused = await client.get(f"/api/public/dossiers/{_token(d)}")
        assert refused.status_code == 429
        assert refused.json()["code"] == "too_many_requests"
        by_code = await client.get("/api/public/dossiers", params={"code": d["code"], "phone_last4": "5678"})
        assert by_code.status_code == 429
        assert await session.scalar(select(Dossier.lookup_count).where(Dossier.id == d["id"])) == 30
        counts = (await session.scalars(select(RateCounter.count))).all()
        assert sorted(counts)[-1] == 32  # every lookup counts towards the limit, refused ones too


async def test_misses_count_towards_the_limit_and_say_nothing(client: httpx.AsyncClient) -> None:
    with within_one_minute():
        wrong_token = await client.get("/api/public/dossiers/" + "B" * 32)
        wrong_code = await client.get("/api/public/dossiers", params={"code": "X-1", "phone_last4": "1234"})
        assert wrong_token.status_code == wrong_code.status_code == 404
        assert wrong_token.json() == wrong_code.json()
        for _ in range(28):
            await client.get("/api/public/dossiers/" + "B" * 32)
        assert (await client.get("/api/public/dossiers/" + "B" * 32)).status_code == 429
