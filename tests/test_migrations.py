"""The migrations agree with the models (`alembic check`), and every revision goes down and up again."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.config import Config

from conftest import create_database, drop_database
from motcua.core.config import PROJECT_ROOT


def _config(url: str) -> Config:
    config = Config(toml_file=str(PROJECT_ROOT / "pyproject.toml"))
    config.attributes["database_url"] = url
    return config


async def test_upgrade_check_downgrade_upgrade(server_url: str) -> None:
    url = await create_database(server_url, prefix="motcua_migrations")
    config = _config(url)
    try:
        # Alembic runs its own event loop: keep it off this one.
        await asyncio.to_thread(command.upgrade, config, "head")
        await asyncio.to_thread(command.check, config)  # raises when the models and migrations disagree
        await asyncio.to_thread(command.downgrade, config, "base")
        await asyncio.to_thread(command.upgrade, config, "head")
    finally:
        await drop_database(server_url, url)
