"""Load benchmark of the Một Cửa API against a real server and a real PostgreSQL database (`make bench`).

What it does, start to finish (see bench/README.md):
1. makes sure `wrk` is installed;
2. creates a throwaway PostgreSQL database `motcua_bench_<random>` and prepares it with the real CLI
   (`motcua migrate`, `motcua seed`, `motcua catalog import <national CSV>`); the database is dropped at the
   end, also on failure or Ctrl-C;
3. for each worker count, starts the real server (uvicorn, production settings), warms it up and runs wrk
   for every scenario, one after another, in interleaved rounds; each scenario is compared with the
   constant-JSON endpoint `/api/health` measured by the same server in the same rounds (absolute numbers on
   a shared machine move 10–50 % between runs, the ratios hold);
4. times 10,000 due-date computations in-process;
5. prints a Markdown table, saves bench/results/<UTC timestamp>.{json,md} and bench/results/latest.md, and
   exits non-zero when a target of the 1-worker run is missed or any scenario had errors.

Only 127.0.0.1 is ever targeted; every load run is bounded in time (wrk -d) and in connections.
Scenarios are data (`SCENARIOS` below): add one with a method, a path (or a generator of many requests, with
JSON bodies and the staff token if needed), and optional targets.
"""

# ruff: noqa: S310, S311, S603, S607 - URLs checked to be http://127.0.0.1; random test inputs; fixed local commands

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import gzip
import http.client
import json
import os
import platform
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import assignment as assignment_bench  # bench/assignment.py: 50 staff, 100,000 open steps, auto-assignment
import dossiers as dossier_data  # bench/dossiers.py: the bulk generator of dossiers

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
REQUEST_LUA = BENCH_DIR / "request.lua"
NATIONAL_CSV = ROOT / "backend" / "motcua" / "seed" / "data" / "national_catalog.csv.gz"
DETAILED_JSONL = ROOT / "backend" / "motcua" / "seed" / "data" / "procedures.jsonl.gz"

DEFAULT_ADMIN_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
HOST = "127.0.0.1"  # the only host this harness ever sends load to
MIN_NATIONAL_PROCEDURES = 5608
DEMO_USERNAME, DEMO_PASSWORD = "admin", "demo1234"  # the seeded demo administrator (motcua seed)
RECEPTIONIST = "tiepnhan1"  # a seeded demo receptionist (same password): only receptionists receive dossiers
# The public tracking endpoints allow 30 lookups a minute per client address; every wrk connection comes
# from 127.0.0.1, so the benchmark server lifts the limit: it measures the lookup, not the throttle.
BENCH_LOOKUPS_PER_MINUTE = "1000000000"
DEFAULT_DOSSIERS, QUICK_DOSSIERS, MAX_DOSSIERS = 1_000_000, 20_000, 5_000_000
INTAKE_PROCEDURE = "1.001193"  # birth registration, the commune's most frequent procedure
INTAKE_BODIES = 3000

# Hard bounds on a load run, whatever the flags say.
MAX_DURATION_S = 120
MAX_CONNECTIONS = 512
DEADLINE_COMPUTATIONS = 10_000
DEADLINE_TARGET_S = 1.0
ASSIGNMENTS, ASSIGNMENT_TARGET = 2000, 200
APP_LOOP = "motcua.core.loop:new_event_loop"  # the server's event loop, as deployed  # auto-assignments measured in-process, target per second
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------------------
# Scenarios (data)
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One request wrk may send: a path (with query) and an optional body (sent as given, e.g. JSON)."""

    path: str
    body: str | None = None


@dataclass
class Context:
    """What request generators and checks may use: the server, the staff tokens (one per user name), the
    catalog's codes, a sample of the generated dossiers' public tokens, the database, a seeded RNG."""

    base_url: str
    national_codes: list[str]
    tokens: dict[str, str] = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(20251))
    openapi: dict[str, Any] = field(default_factory=dict)
    tracking_tokens: list[str] = field(default_factory=list)
    database: str = ""
    since: date = field(default_factory=date.today)  # local date the run began: generated data is older


@dataclass(frozen=True)
class Scenario:
    """A load scenario. Give `path` (one fixed request) or `requests` (a generator: wrk picks one of the
    returned requests at random for every request it sends, or goes through them in order with
    `order="cycle"`).

    `body` is a JSON-serialisable body sent with every request of a fixed-path scenario; generators put their
    own bodies (already serialised) in `Request.body`. A body adds `Content-Type: application/json` unless
    `headers` says otherwise. `auth_user="name"` logs in as that demo user (password demo1234) once per
    server start and adds `Authorization: Bearer <token>`; `auth=True` is the same as the demo administrator.
    `unique_header` names a header that gets a value of its own on every request (the intake's
    Idempotency-Key, as the console sends one per intake form). `lua` replaces bench/request.lua by another
    script in bench/ (it gets the same arguments and must print the same BENCH_RESULT/BENCH_QUANTILES lines). `needs_dossiers` makes the run generate the bulk dossiers first
    (bench/dossiers.py). `after` runs once after the scenario's last round with a given server (e.g. the gap
    check of the intake) and returns {"name", "passed", "detail", ...}: a failed check fails the run.
    Targets apply to the 1-worker run only: `target_ratio` is the minimum of rps / rps of the constant
    scenario, `p99_limit_ms` the maximum p99 latency, `p99_over_p50_max` the maximum of p99 / p50."""

    name: str
    summary: str
    method: str = "GET"
    path: str | None = None
    requests: Callable[[Context], list[Request]] | None = None
    body: Any = None
    headers: tuple[tuple[str, str], ...] = ()
    auth: bool = False
    order: str = "random"
    lua: str | None = None
    target_ratio: float | None = None
    p99_limit_ms: float | None = None
    p99_over_p50_max: float | None = None
    baseline: bool = False
    auth_user: str | None = None
    needs_dossiers: bool = False
    after: Callable[[Context], dict[str, Any]] | None = None
    unique_header: str | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.requests is None):
            raise ValueError(f"scenario {self.name}: give exactly one of path and requests")
        if self.order not in ("random", "cycle"):
            raise ValueError(f"scenario {self.name}: order must be random or cycle")

    @property
    def user(self) -> str | None:
        """The demo user whose token the requests carry, if any."""
        return self.auth_user or (DEMO_USERNAME if self.auth else None)

    def has_target(self) -> bool:
        return any(t is not None for t in (self.target_ratio, self.p99_limit_ms, self.p99_over_p50_max))

    def target_text(self) -> str:
        parts = []
        if self.target_ratio is not None:
            parts.append(f"ratio ≥ {self.target_ratio:.2f}")
        if self.p99_limit_ms is not None:
            parts.append(f"p99 ≤ {self.p99_limit_ms:g} ms")
        if self.p99_over_p50_max is not None:
            parts.append(f"p99 ≤ {self.p99_over_p50_max:g} × p50")
        return ", ".join(parts) if parts else ("baseline" if self.baseline else "—")


def procedure_detail_requests(ctx: Context) -> list[Request]:
    return [Request(f"/api/public/procedures/{urllib.parse.quote(code)}") for code in ctx.national_codes]


def dossier_tracking_requests(ctx: Context) -> list[Request]:
    """What a citizen's phone asks when the receipt's QR code is scanned: the sampled generated dossiers."""
    if not ctx.tracking_tokens:
        raise BenchError("dossier_tracking needs the generated dossiers' tokens (bench/dossiers.py)")
    return [Request(f"/api/public/dossiers/{token}") for token in ctx.tracking_tokens]


def dossier_intake_requests(ctx: Context) -> list[Request]:
    """Birth registrations received at the counter with every mandatory document of the procedure's
    checklist (read from the public catalog, as the intake screen does), for varied applicants."""
    detail = http_json(f"{ctx.base_url}/api/public/procedures/{INTAKE_PROCEDURE}")
    documents = [
        {"index": i, "originals": 1}
        for i, doc in enumerate(detail.get("documents") or [])
        if doc.get("mandatory")
    ]
    if not documents:
        raise BenchError(f"procedure {INTAKE_PROCEDURE} has no mandatory document in the catalog")
    rng, today = ctx.rng, date.today()
    bodies = []
    for _ in range(INTAKE_BODIES):
        born = today - timedelta(days=rng.randint(18 * 365, 60 * 365))
        applicant = {
            "full_name": " ".join(
                (
                    rng.choice(dossier_data.FAMILY),
                    rng.choice(dossier_data.MIDDLE),
                    rng.choice(dossier_data.GIVEN),
                )
            ),
            "id_number": f"025{(0 if born.year < 2000 else 2) + rng.randint(0, 1)}{born.year % 100:02d}"
            f"{rng.randrange(10**6):06d}",
            "birth_date": born.isoformat(),
            "phone": f"09{rng.randrange(10**8):08d}",
            "address": f"Số {rng.randint(1, 250)}, {rng.choice(dossier_data.HAMLETS)}, xã Vĩnh Hưng, tỉnh Phú Thọ",
        }
        body = {
            "procedure_code": INTAKE_PROCEDURE,
            "channel": 1,
            "applicant": applicant,
            "documents": documents,
        }
        bodies.append(Request("/api/dossiers", json.dumps(body, ensure_ascii=False, separators=(",", ":"))))
    return bodies


SCENARIOS: list[Scenario] = [
    Scenario(
        name="constant",
        summary="GET /api/health: constant JSON, no database (the baseline of every ratio)",
        path="/api/health",
        baseline=True,
    ),
    Scenario(
        name="procedure_detail",
        summary="GET /api/public/procedures/{code}, code drawn at random from the 5,608 national codes",
        requests=procedure_detail_requests,
        target_ratio=0.18,
    ),
    Scenario(
        name="search",
        summary="GET /api/public/procedures?q=dang ky khai sinh (first page of a name search)",
        path="/api/public/procedures?q=dang%20ky%20khai%20sinh",
        target_ratio=0.10,
        p99_limit_ms=100,
    ),
    Scenario(
        name="dossier_tracking",
        summary="GET /api/public/dossiers/{token}: public tracking from the receipt's QR code, a token drawn "
        "at random from 10,000 of the generated dossiers (each lookup also counts on the dossier and in the "
        "per-address rate counter)",
        requests=dossier_tracking_requests,
        needs_dossiers=True,
        target_ratio=0.18,
        p99_over_p50_max=4,
    ),
    Scenario(
        name="my_work",
        summary=f"GET /api/me/work as {assignment_bench.MY_WORK_USER}, one of {assignment_bench.STAFF} "
        f"specialists sharing {assignment_bench.OPEN_STEPS:,} open steps (about 2,000 each): the first page "
        "of their steps by step due, with the counts",
        path="/api/me/work",
        auth_user=assignment_bench.MY_WORK_USER,
        needs_dossiers=True,
        target_ratio=0.10,
    ),
    # Writes last: the intake adds today's dossiers (the reads above only see the generated ones).
    Scenario(
        name="dossier_intake",
        summary=f"POST /api/dossiers as receptionist {RECEPTIONIST}: a birth registration ({INTAKE_PROCEDURE}) "
        f"with every mandatory document, {INTAKE_BODIES:,} different applicants, a new Idempotency-Key each "
        "time (as the console sends)",
        method="POST",
        requests=dossier_intake_requests,
        auth_user=RECEPTIONIST,
        unique_header="Idempotency-Key",
        needs_dossiers=True,
        target_ratio=0.06,
        p99_limit_ms=1000,
        after=lambda ctx: gap_check(ctx.database, ctx.since, label="intake"),
    ),
]


# ---------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------


class BenchError(RuntimeError):
    """A setup step failed: the message says what and how to fix it."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def check_local(url: str) -> None:
    if not url.startswith(f"http://{HOST}:"):
        raise BenchError(f"refusing to send requests anywhere but {HOST}: {url}")


def http_json(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    check_local(url)
    req = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(req, timeout=10) as response:
        return json.loads(response.read())


def command_output(cmd: Sequence[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=10, cwd=ROOT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout or done.stderr).strip()


def venv_command(name: str) -> list[str]:
    """A console script of the running interpreter's environment (the project's virtualenv)."""
    script = Path(sys.executable).parent / name
    if script.is_file():
        return [str(script)]
    found = shutil.which(name)
    if found:
        return [found]
    raise BenchError(f"`{name}` not found next to {sys.executable}: install the project first")


# ---------------------------------------------------------------------------------------------------------
# 1. wrk
# ---------------------------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise BenchError("wrk is not installed: run `sudo apt-get install -y wrk` (wrk 4.1) and try again")
    log("wrk is missing: apt-get install -y wrk")
    install = ["apt-get", "install", "-y", "wrk"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        # The package lists may be missing on a fresh machine.
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=False)
        result = subprocess.run(install, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BenchError(f"apt-get install -y wrk failed:\n{result.stderr[-2000:]}")
    found = shutil.which("wrk")
    if not found:
        raise BenchError("wrk is still missing after apt-get install")
    return found


# ---------------------------------------------------------------------------------------------------------
# 2. The throwaway database
# ---------------------------------------------------------------------------------------------------------


def admin_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or DEFAULT_ADMIN_URL


def _asyncpg_dsn(sqlalchemy_url: str, database: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(sqlalchemy_url)
    if url.get_backend_name() != "postgresql":
        raise BenchError(f"the benchmark needs PostgreSQL, not {url.get_backend_name()} ({sqlalchemy_url})")
    url = url.set(drivername="postgresql")
    if database:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


def database_url(sqlalchemy_admin_url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(sqlalchemy_admin_url).set(drivername="postgresql+asyncpg", database=name)
    return url.render_as_string(hide_password=False)


async def _sql(sql: str, *args: Any, database: str | None = None) -> list[Any]:
    import asyncpg  # type: ignore[import-untyped]

    # Every statement is bounded in time (the gap check reads a million rows in about a second).
    conn = await asyncpg.connect(_asyncpg_dsn(admin_url(), database), timeout=10, command_timeout=300)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


def sql(query: str, *args: Any, database: str | None = None) -> list[Any]:
    return asyncio.run(_sql(query, *args, database=database))


@contextlib.contextmanager
def throwaway_database() -> Iterator[tuple[str, str]]:
    """Create `motcua_bench_<random>`; yield (name, SQLAlchemy URL); always drop it."""
    name = f"motcua_bench_{secrets.token_hex(4)}"
    try:
        sql(f'CREATE DATABASE "{name}"')
    except (TimeoutError, OSError) as exc:
        raise BenchError(
            f"cannot reach PostgreSQL at {admin_url()} ({exc}). Start it with: "
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start "
            "(or set BENCH_DATABASE_URL to an admin URL)"
        ) from exc
    log(f"created database {name}")
    try:
        yield name, database_url(admin_url(), name)
    finally:
        # A second Ctrl-C while dropping would leave the database behind: ignore it for that moment.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            log(f"dropped database {name}")
        except Exception as exc:  # report it, never mask the original error
            log(f"WARNING: could not drop database {name}: {exc} (drop it by hand)")
        finally:
            signal.signal(signal.SIGINT, previous)


def app_environment(db_url: str, secret_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=db_url, MOTCUA_ENV="production", SECRET_KEY=secret_key, PYTHONUNBUFFERED="1")
    env["PUBLIC_LOOKUPS_PER_MINUTE"] = BENCH_LOOKUPS_PER_MINUTE  # see its definition
    # The reminder job would mark thousands of the generated steps overdue in the middle of a measurement.
    env["REMINDERS_INTERVAL_SECONDS"] = "0"
    return env


def run_cli(args: list[str], env: dict[str, str], workdir: Path) -> tuple[float, str]:
    cmd = venv_command("motcua") + args
    started = time.perf_counter()
    result = subprocess.run(
        cmd, env=env, cwd=workdir, capture_output=True, text=True, timeout=600, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-3000:]
        raise BenchError(f"`motcua {' '.join(args)}` failed (exit {result.returncode}):\n{output}")
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    log(f"motcua {' '.join(args)}: {elapsed:.1f} s" + (f" ({last})" if last else ""))
    return elapsed, result.stdout


def national_codes() -> list[str]:
    with gzip.open(NATIONAL_CSV, "rt", encoding="utf-8", newline="") as stream:
        return [row["code"].strip() for row in csv.DictReader(stream)]


def detailed_codes() -> list[str]:
    with gzip.open(DETAILED_JSONL, "rt", encoding="utf-8") as stream:
        return [json.loads(line)["code"] for line in stream if line.strip()]


# ---------------------------------------------------------------------------------------------------------
# 3. The server, and CPU accounting
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Server:
    base_url: str
    pid: int  # also the process group of uvicorn and its workers
    workers: int
    log_path: Path

    def log_problems(self, limit: int = 40) -> list[str]:
        """Tracebacks and errors the server logged (its log level is `warning`)."""
        with contextlib.suppress(OSError):
            lines = self.log_path.read_text(errors="replace").splitlines()
            return [line for line in lines if line.strip()][-limit:]
        return []


@contextlib.contextmanager
def server(workers: int, env: dict[str, str], logdir: Path, loop: str = "auto") -> Iterator[Server]:
    """The real server with `workers` processes, in its own process group (stopped by that group's id).
    `loop` is uvicorn's `--loop` (auto: uvloop when installed, as a deployment without the flag runs)."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "motcua.main:create_app",
        "--factory",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--loop",
        loop,
        "--log-level",
        "warning",
    ]
    log_path = logdir / f"server-{workers}w.log"
    with log_path.open("wb") as log_file:
        proc = subprocess.Popen(
            cmd, env=env, cwd=logdir, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://{HOST}:{port}"
    try:
        wait_healthy(base, proc, log_path, workers)
        yield Server(base, proc.pid, workers, log_path)
    finally:
        stop_group(proc)


def wait_healthy(
    base: str, proc: subprocess.Popen[bytes], log_path: Path, workers: int, timeout: float = 90
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"the server exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            # With several workers, the first answer may come before every worker has started.
            healthy = http_json(f"{base}/api/health").get("status") == "ok"
            if healthy and (workers == 1 or len(group_pids(proc.pid)) > workers):
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    raise BenchError(
        f"the server did not answer /api/health within {timeout:.0f} s:\n{log_path.read_text()[-3000:]}"
    )


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server's process group (uvicorn and its workers) by its own id: TERM, then KILL."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    # Workers left behind by a crashed master are still in the group.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def _stat_fields(pid: int | str) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # state, ppid, pgrp, ..., utime (11), stime (12)


def group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            fields = _stat_fields(entry.name)
            if fields and int(fields[2]) == pgid:
                pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: Sequence[int]) -> dict[int, float]:
    result = {}
    for pid in pids:
        fields = _stat_fields(pid)
        if fields:
            result[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return result


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (values + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq + steal
    return busy / CLOCK_TICKS, (busy + idle + iowait) / CLOCK_TICKS


def database_backends(database: str) -> list[int]:
    rows = sql("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", database)
    return [row["pid"] for row in rows]


@dataclass
class CpuSample:
    server: dict[int, float]
    database: dict[int, float]
    machine: tuple[float, float]
    children: float
    wall: float


class CpuMeter:
    """CPU used by the server's processes, by the PostgreSQL backends of the benchmark database, by wrk and
    by everything else on the machine during a run: a per-request cost that background load hardly moves."""

    def __init__(self, srv: Server, database: str) -> None:
        self.srv, self.database = srv, database

    def sample(self) -> CpuSample:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return CpuSample(
            server=cpu_seconds(group_pids(self.srv.pid)),
            database=cpu_seconds(database_backends(self.database)),
            machine=machine_busy_seconds(),
            children=usage.ru_utime + usage.ru_stime,
            wall=time.monotonic(),
        )

    @staticmethod
    def delta(before: CpuSample, after: CpuSample) -> dict[str, float]:
        def used(a: dict[int, float], b: dict[int, float]) -> float:
            # A backend that connected during the run counts in full; one that left is lost (rare).
            return sum(max(0.0, v - a.get(pid, 0.0)) for pid, v in b.items())

        server, database = used(before.server, after.server), used(before.database, after.database)
        wrk = after.children - before.children
        busy = after.machine[0] - before.machine[0]
        capacity = after.machine[1] - before.machine[1]
        return {
            "server_s": server,
            "database_s": database,
            "wrk_s": wrk,
            "other_s": max(0.0, busy - server - database - wrk),
            "capacity_s": capacity,
        }


def wait_idle(srv: Server, *, limit: float = 10.0) -> float:
    """Wait until the server has finished what the previous wrk run left queued (wrk stops sending, but the
    server still answers the requests it had accepted): a later round must not pay for them. Idle = its
    processes used under 5 % of a CPU for 200 ms. Returns the seconds waited."""
    began = time.monotonic()
    last = sum(cpu_seconds(group_pids(srv.pid)).values())
    while time.monotonic() - began < limit:
        time.sleep(0.2)
        now = sum(cpu_seconds(group_pids(srv.pid)).values())
        if now - last < 0.01:
            break
        last = now
    return time.monotonic() - began


def login(base: str, username: str = DEMO_USERNAME) -> str:
    form = urllib.parse.urlencode({"username": username, "password": DEMO_PASSWORD}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        answer = http_json(f"{base}/api/auth/token", data=form, headers=headers)
    except urllib.error.HTTPError as exc:
        raise BenchError(f"login as {username} failed: HTTP {exc.code} {exc.read()[:300]!r}") from exc
    token: str = answer["access_token"]
    return token


# ---------------------------------------------------------------------------------------------------------
# 4. wrk runs
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Round:
    """One wrk run of one scenario."""

    requests: int
    seconds: float
    non_2xx_3xx: int
    socket_errors: dict[str, int]
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    quantiles_us: list[int]
    cpu: dict[str, float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Measurement:
    scenario: str
    baseline: bool
    workers: int
    rounds: int
    duration_s: float
    connections: int
    threads: int
    distinct_requests: int
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    non_2xx_3xx: int
    socket_errors: dict[str, int]
    round_rps: list[float]
    round_p99_ms: list[float]
    cpu_ms_per_request: dict[str, float]
    other_load_pct: float
    ratio: float | None = None
    round_ratios: list[float] = field(default_factory=list)
    cpu_ratio: float | None = None
    target: str = "—"
    target_ratio: float | None = None
    p99_limit_ms: float | None = None
    p99_over_p50_max: float | None = None
    status: str = "info"  # pass / FAIL / info (no target) / baseline
    checks: list[dict[str, Any]] = field(default_factory=list)  # the scenario's `after` check(s)
    problems: list[str] = field(default_factory=list)
    failed_examples: list[dict[str, Any]] = field(default_factory=list)
    rejected_requests: list[str] = field(default_factory=list)


def write_spec(scenario: Scenario, ctx: Context, path: Path) -> list[Request]:
    headers = list(scenario.headers)
    if scenario.user:
        if scenario.user not in ctx.tokens:
            raise BenchError(f"scenario {scenario.name} needs a token of {scenario.user} and there is none")
        headers.append(("Authorization", f"Bearer {ctx.tokens[scenario.user]}"))
    if scenario.requests is not None:
        requests = scenario.requests(ctx)
    else:
        assert scenario.path is not None
        body = None
        if scenario.body is not None:
            body = json.dumps(scenario.body, ensure_ascii=False, separators=(",", ":"))
        requests = [Request(scenario.path, body)]
    if not requests:
        raise BenchError(f"scenario {scenario.name}: no requests to send")
    if any(r.body is not None for r in requests) and not any(k.lower() == "content-type" for k, _ in headers):
        headers.append(("Content-Type", "application/json"))
    lines = [f"M {scenario.method}", f"O {scenario.order}"]
    lines += [f"H {name}: {value}" for name, value in headers]
    if scenario.unique_header:
        lines.append(f"K {scenario.unique_header}")
    for r in requests:
        if not r.path.startswith("/") or any(c in r.path for c in "\t\n\r "):
            raise BenchError(f"scenario {scenario.name}: a path starts with / and has no spaces ({r.path!r})")
        if r.body and any(c in r.body for c in "\t\n\r"):
            raise BenchError(f"scenario {scenario.name}: bodies must not contain raw tabs or newlines")
        lines.append(f"R {r.path}" + (f"\t{r.body}" if r.body is not None else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return requests


@dataclass
class Prepared:
    scenario: Scenario
    spec: Path
    lua: Path
    distinct: int
    rejected: list[str] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    probe: dict[str, Any] | None = None  # the answer to the scenario's first request, when not 2xx/3xx


def read_spec(spec: Path) -> tuple[str, dict[str, str], list[tuple[str, str | None]]]:
    """The method, headers and requests of a spec file written by `write_spec`."""
    method, headers, requests = "GET", {}, []
    for line in spec.read_text(encoding="utf-8").splitlines():
        kind, rest = line[:2], line[2:]
        if kind == "M ":
            method = rest
        elif kind == "H ":
            name, _, value = rest.partition(":")
            headers[name.strip()] = value.strip()
        elif kind == "K ":  # a fresh value per request (see request.lua)
            headers[rest.strip()] = f"probe-{secrets.token_hex(8)}"
        elif kind == "R ":
            path, _, body = rest.partition("\t")
            requests.append((path, body or None))
    return method, headers, requests


def probe(job: Prepared, srv: Server) -> dict[str, Any] | None:
    """Send the scenario's first request once, before any load: a request the API refuses (401, 403, 422…)
    is then reported with the answer's body instead of as a bare count of non-2xx answers. A write scenario
    writes once more (the intake: one more dossier, numbered like the others)."""
    method, headers, requests = read_spec(job.spec)
    path, body = requests[0]
    check_local(srv.base_url)
    host, port = srv.base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request(method, path, body=body.encode() if body is not None else None, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
    except OSError as exc:
        return {"path": path, "status": 0, "body": f"{type(exc).__name__}: {exc}"}
    finally:
        conn.close()
    if 200 <= answer.status < 400:
        return None
    return {"path": path, "status": answer.status, "body": data[:600].decode(errors="replace")}


def run_wrk(
    wrk: str, base: str, job: Prepared, *, seconds: int, args: argparse.Namespace, seed: int
) -> Round:
    check_local(base)
    cmd = [
        wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "2s",
        "-s",
        str(job.lua),
        f"{base}/",
        "--",
        str(job.spec),
        str(seed),
    ]
    # The 1,000 quantiles cost wrk some CPU at the end of a slow run: only asked for when rounds are merged.
    env = {**os.environ, "BENCH_QUANTILES": "1" if args.rounds > 1 else "0"}
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False, env=env)
    out = result.stdout
    found = {
        line.split(" ", 1)[0]: line.split(" ", 1)[1]
        for line in out.splitlines()
        if line.startswith(("BENCH_RESULT ", "BENCH_QUANTILES "))
    }
    if result.returncode != 0 or "BENCH_RESULT" not in found:
        raise BenchError(f"wrk failed (exit {result.returncode}):\n{out[-2000:]}\n{result.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(found["BENCH_RESULT"])
    for line in out.splitlines():  # wrk's own text must agree with the Lua summary
        if line.strip().startswith("Non-2xx or 3xx responses:"):
            data["non_2xx_3xx"] = max(data["non_2xx_3xx"], int(line.split(":")[1]))
    quantiles = [int(q) for q in found.get("BENCH_QUANTILES", "").split(",") if q]
    return Round(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        non_2xx_3xx=data["non_2xx_3xx"],
        socket_errors={k: data[f"errors_{k}"] for k in ("connect", "read", "write", "timeout")},
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["latency_max_us"] / 1000,
        mean_ms=data["latency_mean_us"] / 1000,
        quantiles_us=quantiles,
        cpu={},
    )


def merged_percentile(rounds: Sequence[Round], percent: float) -> float:
    """Percentile (ms) of the union of the rounds: each round's 1,000 quantiles weighted by its requests."""
    if len(rounds) == 1:
        only = rounds[0]
        return {50.0: only.p50_ms, 90.0: only.p90_ms, 99.0: only.p99_ms}.get(percent) or _weighted(
            rounds, percent
        )
    return _weighted(rounds, percent)


def _weighted(rounds: Sequence[Round], percent: float) -> float:
    points = sorted(
        (q, r.requests / len(r.quantiles_us))
        for r in rounds
        if r.quantiles_us and r.requests
        for q in r.quantiles_us
    )
    if not points:
        return 0.0
    goal = percent / 100 * sum(w for _, w in points)
    total = 0.0
    for value, weight in points:
        total += weight
        if total >= goal - 1e-9:
            return value / 1000
    return points[-1][0] / 1000


def summarize(job: Prepared, workers: int, args: argparse.Namespace) -> Measurement:
    rounds = job.rounds
    requests = sum(r.requests for r in rounds)
    seconds = sum(r.seconds for r in rounds)
    cpu = {k: sum(r.cpu.get(k, 0.0) for r in rounds) for k in ("server_s", "database_s", "wrk_s", "other_s")}
    capacity = sum(r.cpu.get("capacity_s", 0.0) for r in rounds)
    per_request = {
        k.removesuffix("_s"): round(v / requests * 1000, 4) if requests else 0.0 for k, v in cpu.items()
    }
    errors = {k: sum(r.socket_errors[k] for r in rounds) for k in ("connect", "read", "write", "timeout")}
    return Measurement(
        scenario=job.scenario.name,
        baseline=job.scenario.baseline,
        workers=workers,
        rounds=len(rounds),
        duration_s=round(seconds, 2),
        connections=args.connections,
        threads=args.threads,
        distinct_requests=job.distinct,
        requests=requests,
        rps=requests / seconds if seconds else 0.0,
        p50_ms=merged_percentile(rounds, 50.0),
        p90_ms=merged_percentile(rounds, 90.0),
        p99_ms=merged_percentile(rounds, 99.0),
        max_ms=max(r.max_ms for r in rounds),
        mean_ms=sum(r.mean_ms * r.requests for r in rounds) / requests if requests else 0.0,
        non_2xx_3xx=sum(r.non_2xx_3xx for r in rounds),
        socket_errors=errors,
        round_rps=[round(r.rps, 1) for r in rounds],
        round_p99_ms=[round(r.p99_ms, 2) for r in rounds],
        cpu_ms_per_request=per_request,
        other_load_pct=round(cpu["other_s"] / capacity * 100, 1) if capacity else 0.0,
    )


def judge(
    m: Measurement, scenario: Scenario, baseline: Measurement | None, job: Prepared, base: Prepared
) -> None:
    if baseline is not None and not scenario.baseline:
        if baseline.rps > 0:
            m.ratio = m.rps / baseline.rps
        m.round_ratios = [
            round(r.rps / b.rps, 4) for r, b in zip(job.rounds, base.rounds, strict=False) if b.rps
        ]
        own = m.cpu_ms_per_request["server"] + m.cpu_ms_per_request["database"]
        ref = baseline.cpu_ms_per_request["server"] + baseline.cpu_ms_per_request["database"]
        if own > 0:
            m.cpu_ratio = ref / own
    if job.rejected:
        m.problems.append(
            f"{len(job.rejected)} of {job.distinct} requests break the API's path validation (422)"
        )
    if m.non_2xx_3xx:
        m.problems.append(f"{m.non_2xx_3xx} non-2xx/3xx responses")
    if any(m.socket_errors.values()):
        m.problems.append("socket errors: " + ", ".join(f"{k} {v}" for k, v in m.socket_errors.items() if v))
    if m.requests == 0:
        m.problems.append("no request completed")
    if m.workers == 1:
        m.target = scenario.target_text()
        m.target_ratio, m.p99_limit_ms = scenario.target_ratio, scenario.p99_limit_ms
        m.p99_over_p50_max = scenario.p99_over_p50_max
        if scenario.target_ratio is not None and (m.ratio is None or m.ratio < scenario.target_ratio):
            m.problems.append(f"ratio {m.ratio or 0:.3f} < {scenario.target_ratio:.2f}")
        if scenario.p99_limit_ms is not None and m.p99_ms > scenario.p99_limit_ms:
            m.problems.append(f"p99 {m.p99_ms:.1f} ms > {scenario.p99_limit_ms:g} ms")
        limit = scenario.p99_over_p50_max
        if limit is not None and (m.p50_ms <= 0 or m.p99_ms > limit * m.p50_ms):
            spread = m.p99_ms / m.p50_ms if m.p50_ms > 0 else float("inf")
            m.problems.append(f"p99 = {spread:.1f} × p50 > {limit:g} × p50")
    has_target = m.workers == 1 and scenario.has_target()
    if m.problems:
        m.status = "FAIL"
    elif scenario.baseline:
        m.status = "baseline"
    else:
        m.status = "pass" if has_target else "info"


def preflight(method: str, requests: Sequence[Request], openapi: dict[str, Any]) -> list[str]:
    """Requests of the scenario that the API rejects whatever the load: a path parameter breaking the
    `pattern`/`maxLength`/`minLength` its OpenAPI document declares (FastAPI answers 422). Checked before the
    load, so such requests fail the scenario on every run, not only when wrk happens to draw them."""
    templates = []
    for template, operations in openapi.get("paths", {}).items():
        operation = operations.get(method.lower())
        if not operation:
            continue
        names = re.findall(r"{([^}/]+)}", template)
        regex = re.escape(template)
        for name in names:
            regex = regex.replace(re.escape("{" + name + "}"), f"(?P<{name}>[^/]+)")
        rules = {
            p["name"]: p.get("schema", {}) for p in operation.get("parameters", []) if p.get("in") == "path"
        }
        templates.append((len(names), re.compile(f"^{regex}$"), rules))
    templates.sort(key=lambda t: t[0])  # literal paths before templates
    rejected = []
    for r in requests:
        path = urllib.parse.urlsplit(r.path).path
        for _, regex, rules in templates:
            found = regex.match(path)
            if not found:
                continue
            for name, raw in found.groupdict().items():
                value, schema = urllib.parse.unquote(raw), rules.get(name, {})
                if (
                    ("pattern" in schema and not re.search(schema["pattern"], value))
                    or len(value) > schema.get("maxLength", len(value))
                    or len(value) < schema.get("minLength", 0)
                ):
                    rejected.append(r.path)
            break
    return rejected


def diagnose(job: Prepared, srv: Server, *, seconds: float = 30, limit: int = 10) -> list[dict[str, Any]]:
    """Which requests of a scenario answer non-2xx/3xx: send each distinct request once more (4 connections,
    bounded in time), and return up to `limit` failures with their status and the start of the answer.
    Only for GET/HEAD scenarios: re-sending writes would change the data."""
    method, headers, requests = read_spec(job.spec)
    if method not in ("GET", "HEAD"):
        return [{"note": f"not re-sent: {method} requests are not idempotent"}]
    check_local(srv.base_url)
    host, port = srv.base_url.removeprefix("http://").split(":")
    deadline = time.monotonic() + seconds
    failures: list[dict[str, Any]] = []

    def check(part: list[tuple[str, str | None]]) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        try:
            for path, body in part:
                if time.monotonic() > deadline or len(failures) >= limit:
                    return
                conn.request(method, path, body=body, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
                if not 200 <= answer.status < 400:
                    failures.append(
                        {"path": path, "status": answer.status, "body": data[:300].decode(errors="replace")}
                    )
        finally:
            conn.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(check, [requests[i::4] for i in range(4)]))
    if time.monotonic() > deadline:
        failures.append({"note": f"stopped after {seconds:.0f} s: not every request was checked"})
    return failures[: limit + 1]


def profile_scenario(py_spy: str, srv: Server, seconds: int, out: Path) -> subprocess.Popen[bytes]:
    """Start py-spy on the server (and its workers) for the measured run; returns the running recorder.
    `--gil` keeps the samples of the thread holding the GIL: where the CPU goes, without idle threads."""
    cmd = [
        py_spy,
        "record",
        "--pid",
        str(srv.pid),
        "--subprocesses",
        "--gil",
        "--duration",
        str(seconds),
        "--rate",
        "100",
        "--format",
        "speedscope",
        "--output",
        str(out),
    ]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_scenarios(
    wrk: str,
    srv: Server,
    ctx: Context,
    scenarios: Sequence[Scenario],
    args: argparse.Namespace,
    tmp: Path,
    database: str,
    stamp: str,
) -> list[Measurement]:
    """Warm up every scenario, then run `rounds` rounds of all scenarios in turn (constant first), so that
    each scenario and the baseline see the same background load; a scenario's figures merge its rounds."""
    jobs = []
    for scenario in scenarios:
        spec = tmp / f"{scenario.name}-{srv.workers}w.spec"
        requests = write_spec(scenario, ctx, spec)
        lua = BENCH_DIR / scenario.lua if scenario.lua else REQUEST_LUA
        rejected = preflight(scenario.method, requests, ctx.openapi)
        job = Prepared(scenario, spec, lua, len(requests), rejected=rejected)
        if job.rejected:
            log(
                f"  {scenario.name}: {len(job.rejected)} request(s) the API rejects: {', '.join(job.rejected[:5])}"
            )
        job.probe = probe(job, srv)
        if job.probe:
            log(
                f"  {scenario.name}: its first request answers {job.probe['status']}: {job.probe['body'][:300]}"
            )
        jobs.append(job)
    if args.warmup > 0:
        for job in jobs:
            run_wrk(wrk, srv.base_url, job, seconds=args.warmup, args=args, seed=ctx.rng.randrange(1 << 30))
    meter = CpuMeter(srv, database)
    per_round = max(1, round(args.duration / args.rounds))
    for number in range(args.rounds):
        for job in jobs:
            recorder = None
            if args.py_spy and srv.workers == 1 and number == 0 and not job.scenario.baseline:
                out = RESULTS_DIR / f"{stamp}-{job.scenario.name}-profile.json"
                recorder = profile_scenario(args.py_spy, srv, per_round, out)
            wait_idle(srv)
            before = meter.sample()
            result = run_wrk(
                wrk, srv.base_url, job, seconds=per_round, args=args, seed=ctx.rng.randrange(1 << 30)
            )
            result.cpu = CpuMeter.delta(before, meter.sample())
            if recorder is not None:
                recorder.wait(timeout=per_round + 30)
            job.rounds.append(result)
            log(
                f"  round {number + 1}/{args.rounds} {job.scenario.name:<18} {srv.workers}w:"
                f" {result.rps:7.0f} rps"
                f"  p50 {result.p50_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms"
                f"  other load {result.cpu['other_s'] / max(result.cpu['capacity_s'], 1e-9) * 100:3.0f} %"
            )
    measurements = []
    baseline = base_job = None
    for job in jobs:
        m = summarize(job, srv.workers, args)
        if job.scenario.baseline:
            baseline, base_job = m, job
        if job.probe:
            m.failed_examples.append(job.probe)
        if job.scenario.after is not None:
            wait_idle(srv)  # the requests wrk left queued are part of what is checked
            check = job.scenario.after(ctx)
            log(
                f"  {job.scenario.name}: {check['name']} {'pass' if check['passed'] else 'FAIL'}: {check['detail']}"
            )
            m.checks.append(check)
            if not check["passed"]:
                m.problems.append(f"{check['name']} FAIL")
        judge(m, job.scenario, baseline, job, base_job or job)
        m.rejected_requests = job.rejected[:20]
        if m.non_2xx_3xx and job.scenario.name not in args.diagnosed:
            args.diagnosed.add(job.scenario.name)
            log(f"  {job.scenario.name}: {m.non_2xx_3xx} non-2xx/3xx answers: re-sending its requests")
            m.failed_examples += diagnose(job, srv)
            for example in m.failed_examples:
                log(f"    {example}")
        measurements.append(m)
    return measurements


# ---------------------------------------------------------------------------------------------------------
# 5. Dossiers: the generated million, and the numbering check after the intake
# ---------------------------------------------------------------------------------------------------------

GAP_CHECK_SQL = """
WITH days AS (
    SELECT d.unit_id, d.received_on AS day, count(*) AS dossiers, count(DISTINCT d.number) AS numbers,
           min(d.number) AS first, max(d.number) AS last, count(DISTINCT d.code) AS codes,
           count(*) FILTER (
               WHERE d.code <> u.unit_code || '-' || to_char(d.received_on, 'YYMMDD') || '-'
                   || CASE WHEN d.number < 10000 THEN lpad(d.number::text, 4, '0') ELSE d.number::text END
           ) AS misnamed
    FROM dossiers d JOIN units u ON u.id = d.unit_id
    WHERE d.received_on >= $1
    GROUP BY d.unit_id, d.received_on
), counters AS (
    SELECT unit_id, day, last_number FROM dossier_counters WHERE day >= $1
)
SELECT coalesce(d.unit_id, c.unit_id) AS unit_id, coalesce(d.day, c.day) AS day,
       coalesce(d.dossiers, 0) AS dossiers, coalesce(d.numbers, 0) AS numbers, d.first, d.last,
       coalesce(d.codes, 0) AS codes, coalesce(d.misnamed, 0) AS misnamed, c.last_number AS counter
FROM days d FULL JOIN counters c ON c.unit_id = d.unit_id AND c.day = d.day
ORDER BY 1, 2
"""


PUBLIC_WEIGHT_SCRIPT = ROOT / "frontend" / "scripts" / "public-weight.mjs"
PUBLIC_WEIGHT_BUDGET = 120 * 1024  # bytes of JavaScript, gzip, on a public page's first load


def public_weight(base_url: str) -> dict[str, Any]:
    """The JavaScript each public page loads on a first visit, measured in Chromium by the frontend's own script
    (the one its Playwright spec uses): files, raw and gzip bytes per page, against the 120 kB budget."""
    log("public pages: first-load JavaScript in Chromium")
    if not Path("/usr/bin/chromium").exists():
        return {"status": "not measured", "reason": "no /usr/bin/chromium (apt-get install chromium)"}
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        return {"status": "not measured", "reason": "the web app is not built (make bench builds it)"}
    done = subprocess.run(
        ["node", str(PUBLIC_WEIGHT_SCRIPT), base_url],
        cwd=ROOT / "frontend",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"public-weight.mjs failed: {done.stderr.strip()[-2000:]}")
    pages: dict[str, dict[str, int]] = json.loads(done.stdout)
    heaviest = max(p["gzip_bytes"] for p in pages.values())
    status = "pass" if heaviest <= PUBLIC_WEIGHT_BUDGET else "FAIL"
    log(f"  heaviest public page: {heaviest / 1024:.1f} kB gzip ({status})")
    return {"status": status, "budget_bytes": PUBLIC_WEIGHT_BUDGET, "pages": pages}


def gap_check(database: str, since: date, *, label: str) -> dict[str, Any]:
    """Dossier numbers of every (unit, day) received on or after `since` are exactly 1..N: count = highest
    number = distinct numbers, lowest number 1, `dossier_counters.last_number` = N, every code unique and
    spelled `<unit code>-<YYMMDD>-<NNNN>` from its own day and number. After the intake: the days the
    intake numbered (today; the generated dossiers are all older). Returns {"name", "passed", "detail", ...}."""
    started = time.perf_counter()
    rows = sql(GAP_CHECK_SQL, since, database=database)
    duplicates = sql(
        "SELECT count(*) - count(DISTINCT code) AS n FROM dossiers WHERE received_on >= $1",
        since,
        database=database,
    )[0]["n"]
    bad = []
    for r in rows:
        n = r["dossiers"]
        if not (
            n == r["numbers"] == (r["last"] or 0) == (r["counter"] or 0) == r["codes"] and r["first"] == 1
        ):
            bad.append(
                f"unit {r['unit_id']} {r['day']}: {n} dossiers, numbers {r['first']}..{r['last']} "
                f"({r['numbers']} distinct), counter {r['counter']}, {r['codes']} distinct codes"
            )
        elif r["misnamed"]:
            bad.append(
                f"unit {r['unit_id']} {r['day']}: {r['misnamed']} codes do not match their day and number"
            )
    total = sum(r["dossiers"] for r in rows)
    if duplicates:
        bad.append(f"{duplicates} duplicate codes")
    if not rows:
        bad.append(f"no dossier received on or after {since}")
    days = ", ".join(f"{r['day']}: 1..{r['last']}" for r in rows[:3]) + (" …" if len(rows) > 3 else "")
    detail = (
        f"{total:,} dossiers on {len(rows)} day(s) since {since} ({days}); counters = highest numbers, "
        "no gap, no duplicate, codes unique"
        if not bad
        else "; ".join(bad[:5]) + (f" (and {len(bad) - 5} more)" if len(bad) > 5 else "")
    )
    return {
        "name": f"gap check ({label})",
        "passed": not bad,
        "detail": detail,
        "since": str(since),
        "days": len(rows),
        "dossiers": total,
        "problems": bad[:50],
        "seconds": round(time.perf_counter() - started, 2),
    }


def generate_dossiers(name: str, db_url: str, count: int, seed: int, report: dict[str, Any]) -> list[str]:
    """The bulk dossiers (bench/dossiers.py), then the numbering check over every generated day. Returns the
    sample of public tokens for the tracking scenario."""
    dsn = _asyncpg_dsn(admin_url(), name)
    try:
        made = asyncio.run(dossier_data.generate(dsn, db_url, count, seed=seed, log=log))
    except (RuntimeError, OSError, TimeoutError) as exc:
        raise BenchError(f"generating {count:,} dossiers failed: {exc}") from exc
    figures = {k: v for k, v in asdict(made).items() if k != "tokens"}
    figures["sample_tokens"] = len(made.tokens)
    figures["summary"] = made.summary()
    log(f"dossiers: {made.summary()}")
    first = date.fromisoformat(made.first_day)
    check = gap_check(name, first, label="generated days")
    figures["check"] = check
    log(
        f"  {check['name']}: {'pass' if check['passed'] else 'FAIL'} ({check['seconds']} s): {check['detail']}"
    )
    report["dossiers"] = figures
    if not check["passed"]:
        raise BenchError(f"the generated dossiers break the numbering rules: {check['detail']}")
    return made.tokens


# ---------------------------------------------------------------------------------------------------------
# 6. Deadlines, in-process
# ---------------------------------------------------------------------------------------------------------


def bench_deadlines(count: int, seed: int) -> dict[str, Any]:
    import holidays

    from motcua.calendar.due import compute_due
    from motcua.calendar.working_time import DurationUnit, WorkingCalendar
    from motcua.core.time import LOCAL_TZ

    rng = random.Random(seed)
    years = [2025, 2026, 2027]
    started = time.perf_counter()
    days_off = {d: str(n) for d, n in holidays.country_holidays("VN", years=years, language="vi").items()}
    extra = {
        date(2025, 4, 26): "Làm bù cho ngày nghỉ 02/05/2025",
        date(2026, 8, 22): "Làm bù cho ngày nghỉ 31/08/2026",
    }
    calendar = WorkingCalendar.default(days_off=days_off, extra_working_days=extra)
    calendar_s = time.perf_counter() - started

    first = datetime(2025, 1, 1, tzinfo=LOCAL_TZ)
    span_minutes = int((datetime(2028, 1, 1, tzinfo=LOCAL_TZ) - first).total_seconds() // 60)
    choices: list[tuple[DurationUnit, list[Any]]] = [
        (
            DurationUnit.WORKING_DAYS,
            [1, 2, 3, 5, 7, 10, 12, 15, 20, 30, 45, 90, Decimal("0.5"), Decimal("1.5"), 2.5],
        ),
        (DurationUnit.WORKING_HOURS, [1, 2, 4, 8, 16, 24, 40, Decimal("0.5"), 1.5]),
        (DurationUnit.CALENDAR_DAYS, [1, 3, 5, 7, 10, 15, 30, 60, 90]),
        (DurationUnit.SAME_DAY, [None]),
    ]
    cases = []
    for _ in range(count):
        unit, amounts = rng.choice(choices)
        start = first + timedelta(minutes=rng.randrange(span_minutes), seconds=rng.randrange(60))
        pauses: tuple[tuple[datetime, datetime], ...] = ()
        if rng.random() < 0.1:  # a supplement request stops the clock for a while
            p0 = start + timedelta(hours=rng.randrange(1, 200))
            pauses = ((p0, p0 + timedelta(hours=rng.randrange(1, 120))),)
        cases.append((start, rng.choice(amounts), unit, pauses))

    def run_all() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.thread_time()
        for start, amount, unit, pauses in cases:
            compute_due(calendar, start=start, amount=amount, unit=unit, pauses=pauses)
        return time.thread_time() - cpu, time.perf_counter() - wall

    # The first pass also builds the calendar's day index. It is judged on the CPU time of this thread, which
    # other processes on a busy machine do not inflate (on an idle machine it equals the wall time).
    cold_cpu, cold_wall = run_all()
    warm = [run_all() for _ in range(2)]
    units: dict[str, int] = {}
    for _, _, unit, _ in cases:
        units[unit.value] = units.get(unit.value, 0) + 1
    return {
        "computations": count,
        "seconds": round(cold_cpu, 4),
        "wall_seconds": round(cold_wall, 4),
        "seconds_warm": [round(c, 4) for c, _ in warm],
        "wall_seconds_warm": [round(w, 4) for _, w in warm],
        "per_computation_us": round(cold_cpu / count * 1e6, 2),
        "calendar_build_seconds": round(calendar_s, 4),
        "units": units,
        "with_pause": sum(1 for c in cases if c[3]),
        "target_seconds": DEADLINE_TARGET_S,
        "status": "pass" if cold_cpu < DEADLINE_TARGET_S else "FAIL",
    }


# ---------------------------------------------------------------------------------------------------------
# 7. Report
# ---------------------------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    cpu_model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem_kb = int(Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1])
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_mb": mem_kb // 1024,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "git_commit": command_output(["git", "rev-parse", "HEAD"]),
        "git_dirty": bool(command_output(["git", "status", "--porcelain", "--untracked-files=no"])),
        "wrk": "",
        "postgres": "",
    }


def markdown(report: dict[str, Any]) -> str:
    p, m, setup = report["parameters"], report["machine"], report["setup"]
    lines = [
        f"# Benchmark {report['timestamp']}",
        "",
        f"Commit `{m['git_commit'][:12]}`{' with uncommitted changes' if m['git_dirty'] else ''}; "
        f"{m['nproc']} CPUs ({m['cpu_model'] or 'unknown CPU'}); Python {m['python']}; {m['wrk']}; "
        f"PostgreSQL {m['postgres'] or '?'}; load average at start {m['loadavg_at_start'][0]}.",
        f"uvicorn --loop {p.get('loop', 'auto')}; "
        f"wrk -t{p['threads']} -c{p['connections']}, {p['duration']} s per scenario in {p['rounds']} "
        f"interleaved round(s), after {p['warmup']} s of warm-up; "
        f"{setup.get('procedures_total', '?')} published procedures. "
        "Ratio = requests/s of the scenario ÷ requests/s of `constant` (GET /api/health) "
        "on the same server in the same rounds.",
        "",
        "| scenario | workers | rps | p50 ms | p99 ms | ratio to constant | target | pass/fail |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in report["runs"]:
        ratio = "1" if r["baseline"] else (f"{r['ratio']:.3f}" if r["ratio"] is not None else "—")
        status = r["status"] + (f" ({'; '.join(r['problems'])})" if r["problems"] else "")
        lines.append(
            f"| {r['scenario']} | {r['workers']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {ratio} | {r['target']} | {status} |"
        )
    w = report.get("public_weight")
    if w and "pages" in w:
        heaviest = max(p["gzip_bytes"] for p in w["pages"].values())
        lines.append(
            f"| public pages, first-load JavaScript (Chromium) | — | {heaviest / 1024:.1f} kB gzip (heaviest) "
            f"| — | — | — | ≤ {w['budget_bytes'] / 1024:.0f} kB | {w['status']} |"
        )
    d = report.get("deadlines")
    if d:
        lines.append(
            f"| deadlines (compute_due, in-process) | — | {d['computations'] / d['seconds']:,.0f}/s "
            "| — | — | — "
            f"| {d['computations']:,} in < {d['target_seconds']:g} s "
            f"| {d['status']} ({d['seconds']:.3f} s CPU, {d['wall_seconds']:.3f} s wall) |"
        )
    a = report.get("assignment")
    if a:
        alone = a["assignment_alone"]
        lines.append(
            f"| auto-assignment (in-process, {a['concurrency']} at once) | — "
            f"| {alone['assignments_per_second']:,.0f}/s | {alone['p50_ms']} | {alone['p99_ms']} | — "
            f"| ≥ {a['target_per_second']}/s | {a['status']} ({alone['process_cpu_ms_per_assignment']} ms CPU "
            f"each; {report['assignment_setup']['staff']} staff, {report['assignment_setup']['open_steps']:,} "
            "open steps) |"
        )
        lines.append(
            f"| forward with auto-assignment (in-process) | — | {a['assignments_per_second']:,.0f}/s "
            f"| {a['p50_ms']} | {a['p99_ms']} | — | info | spread over {a['assignees']} officers, "
            f"{a['per_assignee_min_max'][0]}–{a['per_assignee_min_max'][1]} each |"
        )
    if report["runs"]:
        lines += [
            "",
            "CPU per request (ms) during the measured rounds; `cpu ratio` = CPU (server + database) of a "
            "constant request ÷ that of the scenario, a figure background load hardly moves; `other load` = "
            "CPU used by other processes on the machine, in % of its capacity (high = noisy figures).",
            "",
            "| scenario | workers | server | database | wrk | cpu ratio | other load | rps per round |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in report["runs"]:
            c = r["cpu_ms_per_request"]
            cpu_ratio = "1" if r["baseline"] else (f"{r['cpu_ratio']:.3f}" if r["cpu_ratio"] else "—")
            lines.append(
                f"| {r['scenario']} | {r['workers']} | {c['server']:.3f} | {c['database']:.3f} "
                f"| {c['wrk']:.3f} | {cpu_ratio} | {r['other_load_pct']:.0f} % "
                f"| {', '.join(f'{x:.0f}' for x in r['round_rps'])} |"
            )
    w = report.get("public_weight")
    if w:
        lines += [
            "",
            "Public pages, JavaScript of a first visit (fresh Chromium context, `frontend/scripts/public-weight.mjs`):",
            "",
        ]
        if "pages" in w:
            for page, f in w["pages"].items():
                lines.append(
                    f"- {page}: {f['files']} files, {f['raw_bytes'] / 1024:.1f} kB raw, "
                    f"**{f['gzip_bytes'] / 1024:.1f} kB gzip**"
                )
        else:
            lines.append(f"- not measured: {w['reason']}")
    checks = [(r, c) for r in report["runs"] for c in r["checks"]]
    if report.get("dossiers") or checks:
        lines += ["", "Dossiers:", ""]
        g = report.get("dossiers")
        if g:
            lines.append(f"- generated: {g['summary']}; statuses {g['statuses']}; tables {g['table_mb']} MB")
            c = g["check"]
            lines.append(f"- {c['name']}: **{'pass' if c['passed'] else 'FAIL'}**: {c['detail']}")
        for r, c in checks:
            lines.append(
                f"- {c['name']} after `{r['scenario']}` with {r['workers']} worker(s): "
                f"**{'pass' if c['passed'] else 'FAIL'}**: {c['detail']}"
            )
    lines += [
        "",
        f"Setup: {setup.get('summary', '')}",
        "",
        f"Result: **{'PASS' if report['passed'] else 'FAIL'}**",
    ]
    listed = set()
    for r in report["runs"]:
        if r.get("rejected_requests") and r["scenario"] not in listed:
            listed.add(r["scenario"])
            lines += [
                "",
                f"Requests of `{r['scenario']}` that break the API's path validation (answered 422):",
            ]
            lines += [f"- `{path}`" for path in r["rejected_requests"]]
    for r in report["runs"]:
        shown = [e for e in r.get("failed_examples", []) if "path" in e]
        if shown:
            lines += [
                "",
                f"Non-2xx/3xx answers of `{r['scenario']}` ({r['workers']} worker(s)), re-sent one by one:",
            ]
            lines += [f"- `{e['path']}` → {e['status']}: `{e['body'][:160]}`" for e in shown]
    for workers, problems in report.get("server_log", {}).items():
        if problems:
            lines += ["", f"Server log ({workers}, last lines):", "", "```", *problems[-15:], "```"]
    if report.get("error"):
        lines += ["", f"Error: {report['error']}"]
    if report.get("notes"):
        lines += ["", *[f"- {note}" for note in report["notes"]]]
    return "\n".join(lines) + "\n"


def save(report: dict[str, Any], stamp: str) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = markdown(report)
    json_path = RESULTS_DIR / f"{stamp}.json"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS_DIR / f"{stamp}.md").write_text(text, encoding="utf-8")
    (RESULTS_DIR / "latest.md").write_text(text, encoding="utf-8")
    return json_path


# ---------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Load benchmark of the Một Cửa API (see bench/README.md).")
    parser.add_argument(
        "--duration", type=int, default=None, help="seconds of load per scenario (default 15)"
    )
    parser.add_argument(
        "--rounds", type=int, default=None, help="interleaved rounds the duration is split in (3)"
    )
    parser.add_argument(
        "--warmup", type=int, default=None, help="seconds of warm-up per scenario (default 3)"
    )
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections (default 64)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", default="1,2", help="uvicorn worker counts to measure (default 1,2)")
    parser.add_argument(
        "--loop",
        choices=("auto", "asyncio", "uvloop", APP_LOOP),
        default=APP_LOOP,
        help=f"uvicorn's event loop (default {APP_LOOP}, as `make run` and the README deployment run it: the "
        "standard asyncio loop, without uvloop's p99 tails under saturation and without plain asyncio's 44 ms "
        "per request with several workers; see backend/motcua/core/loop.py)",
    )
    parser.add_argument("--scenarios", default="", help="comma-separated subset (constant always runs)")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 3 s per scenario, 1 round, 1 s warm-up"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="exit 0 when targets are missed (not on errors)"
    )
    parser.add_argument(
        "--py-spy", metavar="PATH", help="record a speedscope profile of each 1-worker scenario"
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed (default: random, saved in the JSON)"
    )
    parser.add_argument(
        "--dossiers",
        type=int,
        default=None,
        help=f"dossiers to generate for the dossier scenarios (default {DEFAULT_DOSSIERS:,}; --quick {QUICK_DOSSIERS:,})",
    )
    args = parser.parse_args(argv)
    args.duration = args.duration or (3 if args.quick else 15)
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.warmup = args.warmup if args.warmup is not None else (1 if args.quick else 3)
    if args.dossiers is None:
        args.dossiers = QUICK_DOSSIERS if args.quick else DEFAULT_DOSSIERS
    if not 1000 <= args.dossiers <= MAX_DOSSIERS:
        parser.error(f"--dossiers: between 1,000 and {MAX_DOSSIERS:,}")
    if not 1 <= args.duration <= MAX_DURATION_S or not 0 <= args.warmup <= MAX_DURATION_S:
        parser.error(f"--duration and --warmup: at most {MAX_DURATION_S} s")
    if not 1 <= args.rounds <= args.duration:
        parser.error("--rounds: between 1 and the duration in seconds")
    if not 1 <= args.threads <= args.connections <= MAX_CONNECTIONS:
        parser.error(f"need 1 <= threads <= connections <= {MAX_CONNECTIONS}")
    try:
        args.worker_counts = [int(w) for w in args.workers.split(",") if w.strip()]
    except ValueError:
        parser.error("--workers takes a comma-separated list of numbers, e.g. 1,2")
    if not args.worker_counts or any(not 1 <= w <= 16 for w in args.worker_counts):
        parser.error("--workers: between 1 and 16 workers")
    names = {s.name for s in SCENARIOS}
    wanted = {s.strip() for s in args.scenarios.split(",") if s.strip()}
    if wanted - names:
        parser.error(
            f"unknown scenario(s) {', '.join(sorted(wanted - names))}; known: {', '.join(sorted(names))}"
        )
    args.selected = [s for s in SCENARIOS if s.baseline or not wanted or s.name in wanted]
    if args.py_spy and not Path(args.py_spy).is_file():
        parser.error(f"--py-spy: no such file {args.py_spy}")
    args.seed = args.seed if args.seed is not None else secrets.randbelow(1 << 30)
    args.diagnosed = set()  # scenarios whose non-2xx answers were already looked into
    return args


def prepare(name: str, env: dict[str, str], tmp: Path, report: dict[str, Any]) -> None:
    """migrate, seed, import the national catalog (the real CLI), then ANALYZE like autovacuum soon would."""
    setup = report["setup"]
    setup["seconds"] = {}
    for label, cli_args in (
        ("migrate", ["migrate"]),
        ("seed", ["seed"]),
        ("catalog_import", ["catalog", "import", str(NATIONAL_CSV)]),
    ):
        elapsed, stdout = run_cli(cli_args, env, tmp)
        setup["seconds"][label] = round(elapsed, 1)
        if label == "catalog_import":
            setup["catalog_import_output"] = [line for line in stdout.splitlines() if line.strip()][:5]
    # Statistics as a running deployment has them (autovacuum analyses a table after bulk changes).
    sql("ANALYZE", database=name)


def check_catalog(base: str, report: dict[str, Any], expected: int) -> None:
    total = http_json(f"{base}/api/public/procedures?size=1")["total"]
    setup = report["setup"]
    setup["procedures_total"], setup["procedures_expected"] = total, expected
    log(f"published procedures via the API: {total} (distinct codes national ∪ detailed: {expected})")
    if total < MIN_NATIONAL_PROCEDURES:
        raise BenchError(
            f"the public catalog has {total} procedures, expected ≥ {MIN_NATIONAL_PROCEDURES}: "
            "`motcua catalog import` of the national CSV did not import everything"
        )
    if total != expected:
        report["notes"].append(
            f"the catalog has {total} procedures for {expected} distinct codes: the national import "
            f"{'duplicated' if total > expected else 'lost'} procedures"
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C, SIGTERM (make, CI) and SIGHUP (terminal closed) unwind: the server is stopped and the database
    # dropped. SIGINT is set explicitly because a shell starts background jobs with it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
    began = time.monotonic()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report: dict[str, Any] = {
        "timestamp": stamp,
        "parameters": {
            "duration": args.duration,
            "rounds": args.rounds,
            "warmup": args.warmup,
            "connections": args.connections,
            "threads": args.threads,
            "loop": args.loop,
            "workers": args.worker_counts,
            "quick": args.quick,
            "seed": args.seed,
            "dossiers": args.dossiers if any(s.needs_dossiers for s in args.selected) else 0,
            "public_lookups_per_minute": int(BENCH_LOOKUPS_PER_MINUTE),
            "scenarios": [
                {
                    "name": s.name,
                    "summary": s.summary,
                    "method": s.method,
                    "path": s.path,
                    "user": s.user,
                    "target_ratio": s.target_ratio,
                    "p99_limit_ms": s.p99_limit_ms,
                    "p99_over_p50_max": s.p99_over_p50_max,
                }
                for s in args.selected
            ],
        },
        "machine": machine_info(),
        "setup": {},
        "runs": [],
        "server_log": {},
        "notes": [],
    }
    if report["machine"]["loadavg_at_start"][0] > report["machine"]["nproc"]:
        report["notes"].append(
            f"the machine was busy at the start (load average {report['machine']['loadavg_at_start'][0]} on "
            f"{report['machine']['nproc']} CPUs): absolute figures are low, ratios noisier than usual"
        )
    try:
        wrk = ensure_wrk()
        report["machine"]["wrk"] = command_output([wrk, "-v"]).splitlines()[0].split(" Copyright")[0]
        codes = national_codes()
        expected_total = len(set(codes) | set(detailed_codes()))
        if len(set(codes)) < MIN_NATIONAL_PROCEDURES:
            raise BenchError(
                f"{NATIONAL_CSV.name} has {len(set(codes))} codes, expected {MIN_NATIONAL_PROCEDURES}"
            )
        with (
            tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmpdir,
            throwaway_database() as (name, db_url),
        ):
            tmp = Path(tmpdir)
            report["setup"]["database"] = name
            report["machine"]["postgres"] = sql("SHOW server_version")[0][0].split(" ")[0]
            env = app_environment(db_url, secrets.token_urlsafe(36))  # 48 characters
            from motcua.core.time import LOCAL_TZ

            # The local day the run began: the generated dossiers are all older, the intake numbers this one.
            since = datetime.now(LOCAL_TZ).date()
            prepare(name, env, tmp, report)
            s = report["setup"]["seconds"]
            report["setup"]["summary"] = (
                f"migrate {s['migrate']} s, seed {s['seed']} s, "
                f"national catalog import {s['catalog_import']} s "
                f"({'; '.join(report['setup']['catalog_import_output'][:1])})"
            )
            ctx = Context(
                base_url="", national_codes=codes, rng=random.Random(args.seed), database=name, since=since
            )
            if any(sc.needs_dossiers for sc in args.selected):
                ctx.tracking_tokens = generate_dossiers(name, db_url, args.dossiers, args.seed, report)
                report["assignment_setup"] = asyncio.run(
                    assignment_bench.prepare(_asyncpg_dsn(admin_url(), name), log=log)
                )
                report["setup"]["seconds"]["dossiers"] = round(report["dossiers"]["seconds"], 1)
                report["setup"]["summary"] += (
                    f", {args.dossiers:,} dossiers {report['dossiers']['seconds']:.1f} s"
                )
            users = sorted({sc.user for sc in args.selected if sc.user})
            for workers in args.worker_counts:
                log(f"server with {workers} worker(s)")
                with server(workers, env, tmp, args.loop) as srv:
                    ctx.base_url = srv.base_url
                    if "procedures_total" not in report["setup"]:
                        check_catalog(srv.base_url, report, expected_total)
                    ctx.tokens = {user: login(srv.base_url, user) for user in users}
                    ctx.openapi = http_json(f"{srv.base_url}/api/openapi.json")
                    for m in run_scenarios(wrk, srv, ctx, args.selected, args, tmp, name, stamp):
                        report["runs"].append(asdict(m))
                    if "public_weight" not in report:
                        report["public_weight"] = public_weight(srv.base_url)
                report["server_log"][f"{workers}w"] = srv.log_problems()
            if "assignment_setup" in report:
                log("assignment: forwards and auto-assignments in-process")
                measured = assignment_bench.measure(
                    db_url,
                    department_id=report["assignment_setup"]["department_id"],
                    forwards=ASSIGNMENTS,
                    log=log,
                )
                alone = measured["assignment_alone"]
                measured["target_per_second"] = ASSIGNMENT_TARGET
                measured["status"] = (
                    "pass" if alone["assignments_per_second"] >= ASSIGNMENT_TARGET else "FAIL"
                )
                report["assignment"] = measured
        log(f"deadlines: {DEADLINE_COMPUTATIONS:,} compute_due in-process")
        report["deadlines"] = bench_deadlines(DEADLINE_COMPUTATIONS, args.seed)
        d = report["deadlines"]
        log(f"  {d['seconds']:.3f} s CPU, {d['wall_seconds']:.3f} s wall ({d['per_computation_us']} µs each)")
    except BenchError as exc:
        log(f"ERROR: {exc}")
        report["error"] = str(exc)
    except KeyboardInterrupt:
        log("interrupted: nothing saved")
        return 130

    # Exit status: every failure of the 1-worker run (targets, errors), and non-2xx answers in any run (a
    # server bug); socket errors of other runs are reported (FAIL in the table) but only there.
    one_worker_fail = any(r["status"] == "FAIL" and r["workers"] == 1 for r in report["runs"])
    error_fail = any(r["non_2xx_3xx"] for r in report["runs"])
    # A gap or a duplicate in the numbering is a bug whatever the worker count: like non-2xx answers, it fails
    # the run even with --report-only.
    check_fail = any(not c["passed"] for r in report["runs"] for c in r["checks"])
    error_fail = error_fail or check_fail
    deadline_fail = report.get("deadlines", {}).get("status") == "FAIL"
    deadline_fail = deadline_fail or report.get("assignment", {}).get("status") == "FAIL"
    deadline_fail = deadline_fail or report.get("public_weight", {}).get("status") == "FAIL"
    report["passed"] = not (one_worker_fail or error_fail or deadline_fail or "error" in report)
    report["elapsed_seconds"] = round(time.monotonic() - began, 1)
    if report["runs"] or "deadlines" in report:
        path = save(report, stamp)
        print(markdown(report))
        log(
            f"saved {path.relative_to(ROOT)} and bench/results/latest.md "
            f"({report['elapsed_seconds']:.0f} s in all)"
        )
    if "error" in report:
        return 2
    if report["passed"] or (args.report_only and not error_fail):
        return 0
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
