"""The README's deployment recipe, run as written on a fresh database: a real commune's center without the demo,
its administrator, the server; then the new administrator signs in. Only what names the machine changes: the
database (a throwaway one here), the port, and `createdb` / `make install frontend` (done by the test run)."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import socket
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from conftest import create_database, drop_database
from motcua.core.config import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"


def recipe() -> list[str]:
    """The commands of the first shell block under "Deploying on PostgreSQL", continuation lines joined."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Deploying on PostgreSQL") :]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "no shell block in the deployment section"
    return [line.strip() for line in block.group(1).replace("\\\n", " ").splitlines() if line.strip()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
async def fresh_database(server_url: str) -> AsyncIterator[str]:
    url = await create_database(server_url, prefix="motcua_deploy")
    try:
        yield url
    finally:
        await drop_database(server_url, url)


async def test_the_readme_recipe_sets_up_a_real_center(fresh_database: str, tmp_path: Path) -> None:
    commands = recipe()
    assert commands[0] == "createdb motcua"
    assert "make install frontend" in commands
    server_line = commands[-1]
    assert server_line.startswith(".venv/bin/uvicorn motcua.main:create_app")
    setup: list[str] = []
    for command in commands[:-1]:
        if command in ("createdb motcua", "make install frontend"):
            continue  # the test run made its database and installed everything already
        if command.startswith("export DATABASE_URL="):
            command = f"export DATABASE_URL={shlex.quote(fresh_database)}"
        setup.append(command)
    environment = tmp_path / "environment"
    script = "\n".join(["set -euo pipefail", *setup, f"env -0 > {shlex.quote(str(environment))}"])
    done = await asyncio.to_thread(
        subprocess.run,
        ["bash", "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Created Trung tâm Phục vụ hành chính công xã Vĩnh Hưng (000.17.22.H56)" in done.stdout
    env = dict(item.split("=", 1) for item in environment.read_text().split("\0") if "=" in item)
    assert env["MOTCUA_ENV"] == "production"

    port = _free_port()
    command = shlex.split(
        server_line.replace("--host 0.0.0.0 --port 8000", f"--host 127.0.0.1 --port {port}")
    )
    assert f"--port {port}" in " ".join(command)
    server = await asyncio.create_subprocess_exec(*command, cwd=PROJECT_ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            for _ in range(150):
                try:
                    if (await http.get("/api/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert server.returncode is None, "the server exited"
                await asyncio.sleep(0.2)
            login = await http.post(
                "/api/auth/token", data={"username": "quantri", "password": "a-long-password"}
            )
            assert login.status_code == 200, login.text
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            center = (await http.get("/api/units/current", headers=headers)).json()
            assert center["unit_code"] == "000.17.22.H56"
            assert center["phone"] == "02103862001"
            merged = {f["name"] for f in center["former_units"]}
            assert merged == {"Xã Đại Đồng", "Xã Nghĩa Hưng", "Xã Yên Lập"}
            me = (await http.get("/api/auth/me", headers=headers)).json()
            assert set(me["roles"]) == {"admin", "leader"}
            catalog = (await http.get("/api/public/procedures", params={"size": 1})).json()
            assert catalog["total"] == 484
            days = (await http.get("/api/calendar/days", headers=headers)).json()
            assert len(days) >= 10  # the holidays of this year and the next
            # No demo: the only account is the one the recipe made, and no dossier exists.
            staff = (await http.get("/api/staff", headers=headers)).json()
            assert [s["username"] for s in staff["items"]] == ["quantri"]
            assert (await http.get("/api/dossiers", headers=headers)).json()["total"] == 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        await asyncio.wait_for(server.wait(), timeout=30)
