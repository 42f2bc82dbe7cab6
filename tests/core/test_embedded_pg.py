"""The embedded PostgreSQL of a checkout without DATABASE_URL: started by the first `motcua` command that needs
it, reached only through its Unix socket, shared by a command run beside `motcua run` (`make run`), stopped
cleanly with the last process using it, its data kept for the next run."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import httpx

from motcua.core.config import PROJECT_ROOT

MOTCUA = [sys.executable, "-m", "motcua.cli"]


def _environment(pgdata: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_URL")}
    return env | {"MOTCUA_PGDATA": str(pgdata), "REMINDERS_INTERVAL_SECONDS": "0"}


def _running(pgdata: Path) -> bool:
    """Whether a postmaster runs on the data directory (its pid file names a live process)."""
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        os.kill(int(pid_file.read_text().split()[0]), 0)
    except (ProcessLookupError, ValueError):
        return False
    return True


async def _run(env: dict[str, str], *args: str, stdin: bytes | None = None) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *MOTCUA,
        *args,
        cwd=PROJECT_ROOT,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(stdin), timeout=300)
    assert process.returncode is not None
    return process.returncode, out.decode()


async def test_commands_share_the_server_of_a_running_make_run(tmp_path: Path) -> None:
    pgdata = tmp_path / "postgres"
    env = _environment(pgdata)
    code, out = await _run(env, "migrate")
    assert code == 0, out
    assert (pgdata / "PG_VERSION").exists()
    assert not _running(pgdata)  # started for the command, stopped with it
    conf = (pgdata / "postmaster.opts").read_text()
    assert '"-h" ""' in conf  # no TCP listener: the socket in the data directory only

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = await asyncio.create_subprocess_exec(
        *MOTCUA, "run", "--port", str(port), cwd=PROJECT_ROOT, env=env, start_new_session=True
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
            for _ in range(600):
                try:
                    if (await http.get("/api/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert server.returncode is None, "motcua run exited"
                await asyncio.sleep(0.2)
            assert _running(pgdata)
            code, out = await _run(
                env,
                "staff", "create", "--username", "quantri2", "--full-name", "Nguyễn Văn B",
                "--roles", "admin", "--password-stdin",
                stdin=b"a-long-password\n",
            )  # fmt: skip
            assert code == 0, out
            assert _running(pgdata)  # the command left the server of `make run` running
            login = await http.post(
                "/api/auth/token", data={"username": "quantri2", "password": "a-long-password"}
            )
            assert login.status_code == 200, login.text
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl+C
        assert await asyncio.wait_for(server.wait(), timeout=60) == 0
    assert not _running(pgdata)  # stopped cleanly with the web server

    # The data stays: the account is there at the next start.
    code, out = await _run(env, "staff", "create", "--username", "quantri2", "--full-name", "Nguyễn B", "--roles",
                           "admin", "--password-stdin", stdin=b"a-long-password\n")  # fmt: skip
    assert code == 1
    assert "already taken" in out
    assert not _running(pgdata)
