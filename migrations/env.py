"""Alembic environment: an async engine on PostgreSQL, its URL from the caller (the `motcua` CLI), the settings or
the embedded server of this checkout (as `motcua migrate` finds it)."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from motcua.core import embedded_pg
from motcua.core.config import get_settings
from motcua.core.db import create_engine
from motcua.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    given: str | None = config.attributes.get("database_url")
    if given:
        return given
    settings = get_settings()
    return embedded_pg.database_url(settings.database_url, settings.embedded_pgdata)


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        compare_type=True,
    )


def run_migrations_offline() -> None:
    _configure(url=_url())
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    settings = get_settings().model_copy(update={"database_url": _url()})
    engine = create_engine(settings, pooled=False)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    existing = config.attributes.get("connection")
    if existing is not None:
        _run(existing)
    else:
        asyncio.run(_run_async())
