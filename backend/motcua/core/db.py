"""Database engine, sessions and the declarative base shared by every domain's models."""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar

from fastapi import Depends, Request
from sqlalchemy import DateTime, MetaData
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry, NullPool
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import await_, greenlet_spawn
from sqlalchemy.util.queue import Empty, Full, QueueCommon

from motcua.core.config import Settings

# Stable constraint names so that Alembic autogenerate and downgrades are deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC (`timestamptz`) and always come back timezone-aware, in UTC; a naive one is
    refused rather than guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class _FairQueue(QueueCommon[ConnectionPoolEntry]):
    """The pool's idle connections, handed to waiting requests first come, first served.

    SQLAlchemy's asyncio queue lets a newcomer take a connection just returned for the longest waiter, which
    then queues again at the back: the tail of the latencies grew long (bench/NOTES.md). Here a returned
    connection goes straight to the oldest waiter. Returns never block: the queue has room for every
    connection of the pool."""

    def __init__(self, maxsize: int = 0, use_lifo: bool = False) -> None:
        self.maxsize, self.use_lifo = maxsize, use_lifo
        self._idle: deque[ConnectionPoolEntry] = deque()
        self._waiters: deque[asyncio.Future[ConnectionPoolEntry]] = deque()

    def empty(self) -> bool:
        return not self._idle

    def full(self) -> bool:
        return 0 < self.maxsize <= len(self._idle)

    def qsize(self) -> int:
        return len(self._idle)

    def put_nowait(self, item: ConnectionPoolEntry) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():  # a waiter that timed out or was cancelled is skipped
                waiter.set_result(item)
                return
        if self.full():
            raise Full()
        self._idle.append(item)

    def put(self, item: ConnectionPoolEntry, block: bool = True, timeout: float | None = None) -> None:
        self.put_nowait(item)

    def get_nowait(self) -> ConnectionPoolEntry:
        if not self._idle:
            raise Empty()
        return self._idle.pop() if self.use_lifo else self._idle.popleft()

    def get(self, block: bool = True, timeout: float | None = None) -> ConnectionPoolEntry:
        # An idle connection exists only when nobody waits (a return serves the waiters first).
        if self._idle or not block:
            return self.get_nowait()
        return await_(self._wait(limit=timeout))

    async def _wait(self, *, limit: float | None) -> ConnectionPoolEntry:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[ConnectionPoolEntry] = loop.create_future()
        self._waiters.append(waiter)

        def expire() -> None:  # the pool turns Empty into its "QueuePool limit reached" TimeoutError
            if not waiter.done():
                waiter.set_exception(Empty())

        timer = loop.call_later(limit, expire) if limit is not None else None
        try:
            return await waiter
        except asyncio.CancelledError:
            # Cancelled just after a connection was handed over: pass it on rather than lose it.
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self.put_nowait(waiter.result())
            raise
        finally:
            if timer is not None:
                timer.cancel()


class _FairPool(AsyncAdaptedQueuePool):
    _queue_class = _FairQueue


def create_engine(settings: Settings, *, pooled: bool = True) -> AsyncEngine:
    url = settings.url
    if not pooled:
        return create_async_engine(url, echo=settings.db_echo, poolclass=NullPool)
    # No overflow: an overflow connection is closed on return and opened again at the next checkout, a cost
    # paid on nearly every request under load (bench/NOTES.md). Past DB_POOL_SIZE busy connections, requests
    # wait for one in the pool (cheap) rather than in PostgreSQL's lock queues: a worker uses one CPU.
    return create_async_engine(
        url,
        echo=settings.db_echo,
        poolclass=_FairPool,
        pool_size=settings.db_pool_size,
        max_overflow=0,
        pool_pre_ping=False,
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: the response is serialized after the commit from already-loaded values.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed before the response is sent (see `SessionDep`).

    Services never commit; an exception anywhere rolls everything back, so a failed request changes nothing.
    """
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with transaction(maker) as session:
        yield session


@asynccontextmanager
async def transaction(maker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session in one transaction, committed when the block ends and rolled back when it raises (`SessionDep`,
    and services that open their transaction themselves)."""
    async with maker() as session, session.begin():
        yield session


async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """For public read-only endpoints: an autocommit session, so a page view costs no BEGIN/COMMIT."""
    maker: async_sessionmaker[AsyncSession] = request.app.state.read_sessionmaker
    async with maker() as session:
        yield session
        # A no-op on the autocommit engine; a session bound to an ordinary transaction (tests) keeps here
        # what autocommit statements would have kept.
        if session.in_transaction():
            await session.commit()


def joined_sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """Sessions on a connection already in a transaction (the seed's, a test's): they join it through
    SAVEPOINTs, so that their commits stay inside it."""
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
    )


def create_read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))


_BIND_CACHES: weakref.WeakKeyDictionary[Any, dict[str, dict[Any, Any]]] = weakref.WeakKeyDictionary()


def bind_cache(session: AsyncSession, name: str) -> dict[Any, Any]:
    """A cache kept by this worker process for rows that rarely change, one per database binding (the engine
    of the app's sessions). Whoever uses it stores, with each entry, a stamp the database changes with the
    rows (a revision, an `updated_at`), and reads that stamp again before trusting the entry: a change made
    through any worker applies at once. Tests bind each test's sessions to their own connection, in a
    transaction rolled back at the end, so no entry outlives the test that made it."""
    return bind_cache_of(session.bind, name)


def bind_cache_of(bind: Any, name: str) -> dict[Any, Any]:
    """`bind_cache` for a caller that holds the binding (a sessionmaker's), not a session."""
    caches = _BIND_CACHES.setdefault(bind, {})
    return caches.setdefault(name, {})


async def session_driver_connection(session: AsyncSession) -> Any:
    """The driver's own connection (asyncpg's) under a session, in the session's transaction: for a statement
    sent as it is within work the session does around it."""
    connection = await session.connection()
    return (await connection.get_raw_connection()).driver_connection


@asynccontextmanager
async def driver_connection(maker: async_sessionmaker[AsyncSession]) -> AsyncIterator[Any]:
    """The driver's own connection (asyncpg's), from the pool the sessions of `maker` use, for a hot path that
    sends one hand-written statement: no session, no ORM, no statement compilation, no result wrapping (about
    three quarters of the CPU of a small query on the async ORM). Nothing is begun on it, so each statement
    commits on its own, as on the autocommit read sessions. When `maker` is bound to a connection (tests: an
    outer transaction), that connection's driver connection is used as it is."""
    bind: AsyncEngine | AsyncConnection = maker.kw["bind"]
    if isinstance(bind, AsyncConnection):
        if bind.in_transaction():
            # SQLAlchemy sends the BEGIN with the first statement it runs: one runs now, so that what is sent
            # on the driver's connection belongs to that transaction too (and is rolled back with it).
            await bind.exec_driver_sql("SELECT 1")
        yield (await bind.get_raw_connection()).driver_connection
        return
    # The pool may have to open a connection, which SQLAlchemy's asyncio bridge runs in a greenlet.
    pooled = await greenlet_spawn(bind.sync_engine.raw_connection)
    try:
        yield pooled.driver_connection
    except BaseException:
        # The statement failed or was cancelled (the client went away) midway: the connection may be broken
        # or still busy, so it is closed rather than handed to the next request. Callers decide on the
        # answer after this block, so that only the connection's own errors arrive here.
        await greenlet_spawn(pooled.invalidate)
        raise
    finally:
        # Back to the pool; its reset (a ROLLBACK) costs nothing here: no transaction was begun.
        await greenlet_spawn(pooled.close)


ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="function")]

# scope="function": the commit runs when the endpoint returns, before the response goes out, so a failed
# commit can never be answered with 200.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
