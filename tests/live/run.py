"""The live tests: the real server (uvicorn) on a fresh, seeded PostgreSQL database, and against it the Playwright
end-to-end specs in Chromium, then schemathesis over every operation of the API.

The database is a throwaway one on TEST_DATABASE_URL's server or, without it, on the embedded test cluster of
this checkout, which this process keeps running until the end (`core.embedded_pg`).
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "tests"))

from conftest import FAST_AND_LOOSE, TEST_CLUSTER, create_database, drop_database  # noqa: E402
from motcua.core import embedded_pg  # noqa: E402

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)


def _server_url() -> str:
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        return given
    return embedded_pg.start(TEST_CLUSTER, settings=FAST_AND_LOOSE).url("postgres")


def _wait_healthy(base: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(150):
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=2) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _token(base: str) -> str:
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{base}/api/auth/token", data=b"username=admin&password=demo1234", method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
        token: str = json.load(answer)["access_token"]
        return token


def _chromium() -> bool:
    if Path("/usr/bin/chromium").exists():
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium", "fonts-liberation2", "fonts-noto-mono"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    return Path("/usr/bin/chromium").exists()


def main() -> int:
    server_url = _server_url()
    database_url = asyncio.run(create_database(server_url, prefix="motcua_live"))
    port = int(os.environ.get("LIVE_PORT", "8765"))
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        MOTCUA_ENV="test",
        SECRET_KEY="live-test-" + secrets.token_hex(24),
        PUBLIC_BASE_URL=base,
    )
    server: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run([BIN / "motcua", "migrate"], env=env, check=True)
        subprocess.run([BIN / "motcua", "seed"], env=env, check=True, stdout=subprocess.DEVNULL)
        uvicorn = [BIN / "uvicorn", "motcua.main:create_app", "--factory", "--host", "127.0.0.1", "--port"]
        server = subprocess.Popen([*uvicorn, str(port), "--log-level", "warning"], env=env)
        _wait_healthy(base, server)

        if not _chromium():
            print(
                "Chromium is missing (/usr/bin/chromium): the end-to-end tests are required", file=sys.stderr
            )
            return 1
        subprocess.run(
            ["npx", "playwright", "test"], cwd=ROOT / "frontend", env=dict(env, E2E_BASE_URL=base), check=True
        )

        # Every operation: no server error, answers as the schema says.
        examples = os.environ.get("SCHEMATHESIS_EXAMPLES", "25")
        schemathesis = [BIN / "schemathesis", "run", f"{base}/api/openapi.json", "--checks", ",".join(CHECKS)]
        options = [
            "--header",
            f"Authorization: Bearer {_token(base)}",
            "--max-examples",
            examples,
            "--seed",
            "1",
        ]
        subprocess.run([*schemathesis, *options, "--no-color"], env=env, check=True)
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        asyncio.run(drop_database(server_url, database_url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
