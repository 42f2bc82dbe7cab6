"""Test fixtures: every database test runs on SQLite and on PostgreSQL.

Each run creates its own databases (a temporary SQLite file, a throwaway PostgreSQL database), builds the
schema by running the Alembic migrations, seeds the demo commune once, and wraps every test in a transaction
that is rolled back. Under CI=true a missing PostgreSQL fails the run instead of skipping it.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from helpers import login
from motcua.cli import migrate
from motcua.core.config import Settings
from motcua.core.db import create_engine, create_sessionmaker
from motcua.main import create_app
from motcua.seed.demo import seed_demo

TEST_DATABASE_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() == "true"
SECRET = "test-secret-" + "x" * 40


@dataclass
class Database:
    kind: str
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


async def _create_pg_database() -> str | None:
    base = TEST_DATABASE_URL.replace("postgresql+asyncpg://", "postgresql://")
    name = f"motcua_test_{uuid.uuid4().hex[:12]}"
    try:
        conn = await asyncpg.connect(base, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL is not reachable at {TEST_DATABASE_URL}: {exc}"
        if IN_CI:
            pytest.fail(message + " (CI=true: PostgreSQL tests are required)")
        pytest.skip(message)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return TEST_DATABASE_URL.rsplit("/", 1)[0] + "/" + name


async def _drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(TEST_DATABASE_URL.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Database]:
    kind: str = request.param
    if kind == "sqlite":
        path: Path = tmp_path_factory.mktemp("db") / "motcua.db"
        url = f"sqlite+aiosqlite:///{path}"
    else:
        created = await _create_pg_database()
        assert created is not None
        url = created
    settings = make_settings(url)
    # Alembic runs its own event loop: keep it off this one.
    await asyncio.to_thread(migrate, settings)
    engine = create_engine(settings)
    async with create_sessionmaker(engine)() as session, session.begin():
        await seed_demo(session)
    try:
        yield Database(kind=kind, url=url, engine=engine, settings=settings)
    finally:
        await engine.dispose()
        if kind == "postgresql":
            await _drop_pg_database(url)


@pytest.fixture
async def connection(database: Database) -> AsyncIterator[AsyncConnection]:
    async with database.engine.connect() as conn:
        transaction = await conn.begin()
        try:
            yield conn
        finally:
            await transaction.rollback()


def _joined_maker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # Sessions join the test's outer transaction through SAVEPOINTs: their commits stay inside it.
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    async with _joined_maker(connection)() as session:
        yield session


@pytest.fixture
async def client(database: Database, connection: AsyncConnection) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(database.settings)
    app.state.engine = database.engine
    app.state.sessionmaker = app.state.read_sessionmaker = _joined_maker(connection)
    transport = httpx.ASGITransport(app=app, client=("10.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def admin_headers(client: httpx.AsyncClient) -> dict[str, str]:
    return await login(client, "admin")
