"""Test fixtures: every database test runs on PostgreSQL.

Each run creates its own throwaway database on TEST_DATABASE_URL's server, or, without it, on the embedded
PostgreSQL of this checkout (`var/postgres-test`, started for the session: no test is ever skipped for want of
a server). The schema is built by running the Alembic migrations, the demo commune is seeded once, and every
test runs in a transaction that is rolled back.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import asyncpg
import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from helpers import login
from motcua.cli import migrate
from motcua.core import embedded_pg
from motcua.core.config import PROJECT_ROOT, Settings
from motcua.core.db import create_engine, create_sessionmaker, joined_sessionmaker
from motcua.main import create_app
from motcua.seed.demo import seed_demo

SECRET = "test-secret-" + "x" * 40
# The embedded test cluster holds throwaway databases only: durability is not worth a disk flush per commit.
TEST_CLUSTER = PROJECT_ROOT / "var" / "postgres-test"
FAST_AND_LOOSE = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


@dataclass
class Database:
    url: str
    engine: AsyncEngine
    settings: Settings


def make_settings(url: str, **extra: object) -> Settings:
    return Settings(
        database_url=url,
        secret_key=SECRET,
        environment="test",
        public_base_url="https://motcua.test",
        catalog_refresh_seconds=0,  # a test sees its own catalog changes at once
        reminders_interval_seconds=0,  # tests run the reminder job themselves, at the moment they choose
        **extra,
    )


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """The SQLAlchemy URL of the server's maintenance database (`postgres`), where test databases are made."""
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        yield given
        return
    yield embedded_pg.start(TEST_CLUSTER, settings=FAST_AND_LOOSE).url("postgres")


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


def _with_database(url: str, name: str) -> str:
    head, _slash, tail = url.partition("?")
    return head.rsplit("/", 1)[0] + "/" + name + (f"?{tail}" if tail else "")


async def create_database(server_url: str, prefix: str = "motcua_test") -> str:
    """A new empty database on the test server; returns its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(_dsn(server_url), timeout=10)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return _with_database(server_url, name)


async def drop_database(server_url: str, url: str) -> None:
    name = url.partition("?")[0].rsplit("/", 1)[1]
    conn = await asyncpg.connect(_dsn(server_url), timeout=10)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
async def database(server_url: str) -> AsyncIterator[Database]:
    url = await create_database(server_url)
    settings = make_settings(url)
    # Alembic runs its own event loop: keep it off this one.
    await asyncio.to_thread(migrate, settings)
    engine = create_engine(settings)
    async with create_sessionmaker(engine)() as session, session.begin():
        await seed_demo(session)
    try:
        yield Database(url=url, engine=engine, settings=settings)
    finally:
        await engine.dispose()
        await drop_database(server_url, url)


@pytest.fixture
async def connection(database: Database) -> AsyncIterator[AsyncConnection]:
    async with database.engine.connect() as conn:
        transaction = await conn.begin()
        try:
            yield conn
        finally:
            await transaction.rollback()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    async with joined_sessionmaker(connection)() as session:
        yield session


@pytest.fixture
async def client(database: Database, connection: AsyncConnection) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(database.settings)
    app.state.engine = database.engine
    app.state.sessionmaker = app.state.read_sessionmaker = joined_sessionmaker(connection)
    transport = httpx.ASGITransport(app=app, client=("10.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def admin_headers(client: httpx.AsyncClient) -> dict[str, str]:
    return await login(client, "admin")
