"""The connection pool serves waiting requests first come, first served, and the catalog cache sends one
revision check at a time."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncConnection, async_sessionmaker
from sqlalchemy.util import greenlet_spawn
from sqlalchemy.util.queue import Empty

from conftest import Database
from motcua.core.db import _FairQueue, create_engine, create_sessionmaker, driver_connection
from motcua.procedures.catalog_cache import CatalogCache, Snapshot
from motcua.procedures.text import SearchIndex


async def _get(queue: _FairQueue, wait: float | None = 5) -> Any:
    # The pool calls `get` from SQLAlchemy's greenlet, as here.
    return await greenlet_spawn(queue.get, True, wait)


async def test_a_returned_connection_goes_to_the_longest_waiter() -> None:
    queue = _FairQueue(maxsize=2)
    first, second = asyncio.create_task(_get(queue)), asyncio.create_task(_get(queue))
    await asyncio.sleep(0)  # both wait, in this order
    queue.put_nowait("a")  # type: ignore[arg-type]
    late = asyncio.create_task(_get(queue))  # arrives when a connection was just returned
    queue.put_nowait("b")  # type: ignore[arg-type]
    assert await first == "a"
    assert await second == "b"
    assert not late.done()
    queue.put_nowait("c")  # type: ignore[arg-type]
    assert await late == "c"
    assert queue.empty()


async def test_a_waiter_times_out() -> None:
    with pytest.raises(Empty):
        await _get(_FairQueue(maxsize=1), wait=0.01)


async def test_a_connection_handed_to_a_cancelled_waiter_is_passed_on() -> None:
    queue = _FairQueue(maxsize=1)
    doomed, patient = asyncio.create_task(_get(queue)), asyncio.create_task(_get(queue))
    await asyncio.sleep(0)
    queue.put_nowait("a")  # type: ignore[arg-type]
    doomed.cancel()  # cancelled after the hand-over, before it could run
    assert await patient == "a"
    with pytest.raises(asyncio.CancelledError):
        await doomed


# SQLite uses SQLAlchemy's own pool: PostgreSQL only.
async def test_more_requests_than_connections_all_get_one(database: Database) -> None:
    engine = create_engine(database.settings.model_copy(update={"db_pool_size": 2}))
    try:

        async def query(n: int) -> int:
            async with engine.connect() as conn:
                value: int = (await conn.execute(select(text(str(n))))).scalar_one()
                await asyncio.sleep(0.001)
                return value

        assert await asyncio.gather(*(query(n) for n in range(40))) == list(range(40))
        assert engine.pool.checkedout() == 0
    finally:
        await engine.dispose()


# The driver's connection is used on PostgreSQL only.
async def test_a_failed_driver_statement_does_not_return_its_connection(database: Database) -> None:
    engine = create_engine(database.settings.model_copy(update={"db_pool_size": 1}))
    maker = create_sessionmaker(engine)
    try:
        connections = []

        async def divide_by_zero() -> None:
            async with driver_connection(maker) as conn:
                connections.append(conn)
                await conn.fetchrow("SELECT 1 / 0")

        with pytest.raises(asyncpg.DataError):
            await divide_by_zero()
        assert engine.pool.checkedout() == 0
        async with driver_connection(maker) as conn:
            assert conn is not connections[0]
            assert await conn.fetchval("SELECT 1") == 1
    finally:
        await engine.dispose()


async def test_the_driver_connection_of_a_test_is_inside_its_transaction(
    database: Database, connection: AsyncConnection
) -> None:
    """What a test sends on the driver's connection is rolled back with the test (rate counters too)."""
    maker = async_sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
    async with driver_connection(maker) as conn:
        assert conn.is_in_transaction()


class _SlowRevision:
    """Stands for a session whose revision query takes a while (or fails)."""

    def __init__(self, revision: int, *, fail: bool = False) -> None:
        self.revision, self.fail = revision, fail
        self.started, self.release = asyncio.Event(), asyncio.Event()

    async def scalar(self, _statement: object) -> int:
        self.started.set()
        await self.release.wait()
        if self.fail:
            raise ConnectionError("database gone")
        return self.revision


def _empty_snapshot(revision: int) -> Snapshot:
    return Snapshot(revision=revision, entries={}, ordered=[], index=SearchIndex([]))


async def test_requests_during_a_revision_check_keep_the_snapshot() -> None:
    cache = CatalogCache(refresh_seconds=60)
    cache._snapshots[1] = current = _empty_snapshot(7)
    conn = _SlowRevision(7)
    check = asyncio.create_task(cache.snapshot(conn, province_id=1))  # type: ignore[arg-type]
    await conn.started.wait()
    assert cache.fresh(1) is current  # no second check while the first one is on its way
    conn.release.set()
    assert await check is current


async def test_a_failed_revision_check_is_tried_again() -> None:
    cache = CatalogCache(refresh_seconds=60)
    cache._snapshots[1] = _empty_snapshot(7)
    conn = _SlowRevision(7, fail=True)
    check = asyncio.create_task(cache.snapshot(conn, province_id=1))  # type: ignore[arg-type]
    await conn.started.wait()
    conn.release.set()
    with pytest.raises(ConnectionError):
        await check
    assert cache.fresh(1) is None
