"""Load benchmark of the Một Cửa API against a real server and a real PostgreSQL database (`make bench`).

What it does, start to finish (see bench/README.md):
1. makes sure `wrk` is installed;
2. creates a throwaway PostgreSQL database `motcua_bench_<random>` and prepares it with the real CLI
   (`motcua migrate`, `motcua seed`, `motcua catalog import <national CSV>`); the database is dropped at the
   end, also on failure or Ctrl-C;
3. for each worker count, starts the real server (uvicorn, production settings), warms it up and runs wrk
   for every scenario, one after another; each scenario is compared with the constant-JSON endpoint
   `/api/health` measured by the same server in the same run (absolute numbers on a shared machine move
   10–50 % between runs, the ratios hold);
4. times 10,000 due-date computations in-process;
5. prints a Markdown table, saves bench/results/<UTC timestamp>.{json,md} and bench/results/latest.md, and
   exits non-zero when a target of the 1-worker run is missed or any scenario had errors.

Only 127.0.0.1 is ever targeted; every load run is bounded in time (wrk -d) and in connections.
Scenarios are data (`SCENARIOS` below): add one with a method, a path (or a generator of many requests, with
JSON bodies and the staff token if needed), and optional targets.
"""

# ruff: noqa: S311, S603, S607 - random test inputs; fixed local commands (wrk, git, the project's CLI)

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import gzip
import json
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

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

# Hard bounds on a load run, whatever the flags say.
MAX_DURATION_S = 120
MAX_CONNECTIONS = 512
DEADLINE_COMPUTATIONS = 10_000
DEADLINE_TARGET_S = 1.0


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
    """What request generators may use: the server, the staff token, the catalog's codes."""

    base_url: str
    national_codes: list[str]
    token: str | None = None
    rng: random.Random = field(default_factory=lambda: random.Random(20251))


@dataclass(frozen=True)
class Scenario:
    """A load scenario. Give `path` (one fixed request) or `requests` (a generator: wrk picks one of the
    returned requests at random for every request it sends, or in order with `order="cycle"`).

    `body` is a JSON-serialisable body sent with every request of a fixed-path scenario; generators put their
    own bodies in `Request.body`. `auth=True` logs in as the demo administrator once per server start and adds
    `Authorization: Bearer <token>`. `lua` replaces bench/request.lua by another script in bench/ (it gets the
    same arguments: the spec file and a seed). Targets apply to the 1-worker run only: `target_ratio` is the
    minimum of rps / rps of the constant scenario, `p99_limit_ms` the maximum p99 latency."""

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
    baseline: bool = False

    def __post_init__(self) -> None:
        if (self.path is None) == (self.requests is None):
            raise ValueError(f"scenario {self.name}: give exactly one of path and requests")
        if self.order not in ("random", "cycle"):
            raise ValueError(f"scenario {self.name}: order must be random or cycle")

    def target_text(self) -> str:
        parts = []
        if self.target_ratio is not None:
            parts.append(f"ratio ≥ {self.target_ratio:.2f}")
        if self.p99_limit_ms is not None:
            parts.append(f"p99 ≤ {self.p99_limit_ms:g} ms")
        return ", ".join(parts) if parts else ("baseline" if self.baseline else "—")


def procedure_detail_requests(ctx: Context) -> list[Request]:
    return [Request(f"/api/public/procedures/{urllib.parse.quote(code)}") for code in ctx.national_codes]


SCENARIOS: list[Scenario] = [
    Scenario(
        name="constant",
        summary="GET /api/health: constant JSON, no database (the baseline of every ratio)",
        path="/api/health",
        baseline=True,
    ),
    Scenario(
        name="procedure_detail",
        summary="GET /api/public/procedures/{code}, code drawn at random from the national catalog",
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
    # Later scenarios (dossier intake, tracking) look like this:
    # Scenario(
    #     name="dossier_intake",
    #     summary="POST /api/dossiers (receptionist intake)",
    #     method="POST",
    #     requests=dossier_bodies,          # returns [Request("/api/dossiers", json.dumps({...})), ...]
    #     auth=True,
    #     order="cycle",
    #     target_ratio=0.05,
    # ),
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


def http_json(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    if not url.startswith(f"http://{HOST}:"):
        raise BenchError(f"refusing to send a request anywhere but {HOST}: {url}")
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
    raise BenchError(f"`{name}` not found next to {sys.executable}: install the project first (make install)")


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


def _asyncpg_dsn(sqlalchemy_url: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(sqlalchemy_url)
    if url.get_backend_name() != "postgresql":
        raise BenchError(f"the benchmark needs PostgreSQL, not {url.get_backend_name()} ({sqlalchemy_url})")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def database_url(sqlalchemy_admin_url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(sqlalchemy_admin_url).set(drivername="postgresql+asyncpg", database=name)
    return url.render_as_string(hide_password=False)


async def _admin(sql: str) -> str:
    import asyncpg

    conn = await asyncpg.connect(_asyncpg_dsn(admin_url()), timeout=10)
    try:
        await conn.execute(sql)
        version: str = await conn.fetchval("SHOW server_version")
        return version
    finally:
        await conn.close()


@contextlib.contextmanager
def throwaway_database() -> Iterator[tuple[str, str]]:
    """Create `motcua_bench_<random>`; yield (name, SQLAlchemy URL); always drop it."""
    name = f"motcua_bench_{secrets.token_hex(4)}"
    try:
        version = asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncio.TimeoutError) as exc:
        raise BenchError(
            f"cannot reach PostgreSQL at {admin_url()} ({exc}). Start it with: "
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start "
            "(or set BENCH_DATABASE_URL to an admin URL)"
        ) from exc
    log(f"created database {name} (PostgreSQL {version})")
    try:
        yield name, database_url(admin_url(), name)
    finally:
        # Ctrl-C a second time while dropping would leave the database behind: ignore it here.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            log(f"dropped database {name}")
        except Exception as exc:  # noqa: BLE001 - report, never mask the original error
            log(f"WARNING: could not drop database {name}: {exc} (drop it by hand)")
        finally:
            signal.signal(signal.SIGINT, previous)


def app_environment(db_url: str, secret_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=db_url, MOTCUA_ENV="production", SECRET_KEY=secret_key, PYTHONUNBUFFERED="1")
    return env


def run_cli(args: list[str], env: dict[str, str], workdir: Path) -> float:
    cmd = venv_command("motcua") + args
    started = time.perf_counter()
    result = subprocess.run(
        cmd, env=env, cwd=workdir, capture_output=True, text=True, timeout=600, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-3000:]
        raise BenchError(f"`motcua {' '.join(args)}` failed (exit {result.returncode}):\n{output}")
    last = [line for line in result.stdout.splitlines() if line.strip()]
    log(f"motcua {' '.join(args)}: {elapsed:.1f} s" + (f" ({last[-1].strip()})" if last else ""))
    return elapsed


def national_codes() -> list[str]:
    with gzip.open(NATIONAL_CSV, "rt", encoding="utf-8", newline="") as stream:
        return [row["code"].strip() for row in csv.DictReader(stream)]


def detailed_codes() -> list[str]:
    with gzip.open(DETAILED_JSONL, "rt", encoding="utf-8") as stream:
        return [json.loads(line)["code"] for line in stream if line.strip()]


# ---------------------------------------------------------------------------------------------------------
# 3. The server
# ---------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def server(workers: int, env: dict[str, str], logdir: Path) -> Iterator[str]:
    """The real server with `workers` processes, in its own process group; yields its base URL."""
    port = free_port()
    cmd = [
        sys.executable, "-m", "uvicorn", "motcua.main:create_app", "--factory",
        "--host", HOST, "--port", str(port), "--workers", str(workers),
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    log_path = logdir / f"server-{workers}w.log"
    with log_path.open("wb") as log_file:
        proc = subprocess.Popen(cmd, env=env, cwd=logdir, stdout=log_file, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip
    base = f"http://{HOST}:{port}"
    try:
        wait_healthy(base, proc, log_path)
        yield base
    finally:
        stop_group(proc)


def wait_healthy(base: str, proc: subprocess.Popen[bytes], log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"the server exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            if http_json(f"{base}/api/health").get("status") == "ok":
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    raise BenchError(f"the server did not answer /api/health within {timeout:.0f} s:\n{log_path.read_text()[-3000:]}")


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
    # Workers left behind by a crashed master are in the same group.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def login(base: str) -> str:
    form = urllib.parse.urlencode({"username": DEMO_USERNAME, "password": DEMO_PASSWORD}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        answer = http_json(f"{base}/api/auth/token", data=form, headers=headers)
    except urllib.error.HTTPError as exc:
        raise BenchError(f"login as {DEMO_USERNAME} failed: HTTP {exc.code} {exc.read()[:300]!r}") from exc
    token: str = answer["access_token"]
    return token


# ---------------------------------------------------------------------------------------------------------
# 4. wrk runs
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Measurement:
    scenario: str
    workers: int
    duration_s: float
    connections: int
    threads: int
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    p999_ms: float
    max_ms: float
    mean_ms: float
    non_2xx_3xx: int
    socket_errors: dict[str, int]
    ratio: float | None = None
    target: str = "—"
    target_ratio: float | None = None
    p99_limit_ms: float | None = None
    status: str = "info"  # pass / FAIL / info (no target) / baseline
    problems: list[str] = field(default_factory=list)


def write_spec(scenario: Scenario, ctx: Context, path: Path) -> int:
    headers = list(scenario.headers)
    if scenario.auth:
        if not ctx.token:
            raise BenchError(f"scenario {scenario.name} needs a token and the login failed")
        headers.append(("Authorization", f"Bearer {ctx.token}"))
    if scenario.requests is not None:
        requests = scenario.requests(ctx)
    else:
        assert scenario.path is not None
        body = None if scenario.body is None else json.dumps(scenario.body, ensure_ascii=False, separators=(",", ":"))
        requests = [Request(scenario.path, body)]
    if not requests:
        raise BenchError(f"scenario {scenario.name}: no requests to send")
    if any(r.body is not None for r in requests) and not any(k.lower() == "content-type" for k, _ in headers):
        headers.append(("Content-Type", "application/json"))
    lines = [f"M {scenario.method}", f"O {scenario.order}"]
    lines += [f"H {name}: {value}" for name, value in headers]
    for r in requests:
        if any(c in r.path for c in "\t\n\r ") or (r.body and any(c in r.body for c in "\t\n\r")):
            raise BenchError(f"scenario {scenario.name}: paths and bodies must not contain raw tabs or newlines")
        lines.append(f"R {r.path}" + (f"\t{r.body}" if r.body is not None else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(requests)


def run_wrk(
    wrk: str, base: str, spec: Path, lua: Path, *, duration: int, connections: int, threads: int, seed: int
) -> tuple[dict[str, Any], str]:
    if not base.startswith(f"http://{HOST}:"):
        raise BenchError(f"wrk may only target {HOST}")
    cmd = [
        wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "2s",
        "-s", str(lua), f"{base}/", "--", str(spec), str(seed),
    ]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, check=False)
    out = result.stdout
    marker = [line for line in out.splitlines() if line.startswith("BENCH_RESULT ")]
    if result.returncode != 0 or not marker:
        raise BenchError(f"wrk failed (exit {result.returncode}):\n{out[-2000:]}\n{result.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(marker[-1].split(" ", 1)[1])
    # Cross-check with wrk's own text output (the Lua summary and the text must agree).
    for line in out.splitlines():
        text = line.strip()
        if text.startswith("Non-2xx or 3xx responses:"):
            data["non_2xx_3xx"] = max(data["non_2xx_3xx"], int(text.split(":")[1]))
    return data, out


def measure(
    scenario: Scenario, ctx: Context, wrk: str, workers: int, args: argparse.Namespace, tmp: Path
) -> Measurement:
    spec = tmp / f"{scenario.name}-{workers}w.spec"
    count = write_spec(scenario, ctx, spec)
    lua = BENCH_DIR / scenario.lua if scenario.lua else REQUEST_LUA
    common = {"connections": args.connections, "threads": args.threads}
    if args.warmup > 0:
        run_wrk(wrk, ctx.base_url, spec, lua, duration=args.warmup, seed=ctx.rng.randrange(1 << 30), **common)
    data, raw = run_wrk(
        wrk, ctx.base_url, spec, lua, duration=args.duration, seed=ctx.rng.randrange(1 << 30), **common
    )
    (tmp / f"{scenario.name}-{workers}w.wrk.txt").write_text(raw)
    seconds = data["duration_us"] / 1e6
    errors = {k: data[f"errors_{k}"] for k in ("connect", "read", "write", "timeout")}
    m = Measurement(
        scenario=scenario.name,
        workers=workers,
        duration_s=round(seconds, 2),
        connections=args.connections,
        threads=args.threads,
        requests=data["requests"],
        rps=data["requests"] / seconds if seconds else 0.0,
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        p999_ms=data["p999_us"] / 1000,
        max_ms=data["latency_max_us"] / 1000,
        mean_ms=data["latency_mean_us"] / 1000,
        non_2xx_3xx=data["non_2xx_3xx"],
        socket_errors=errors,
    )
    log(
        f"  {scenario.name:<18} {workers}w: {m.rps:8.0f} rps  p50 {m.p50_ms:6.1f} ms  p99 {m.p99_ms:6.1f} ms"
        f"  ({m.requests} requests, {count} distinct)"
    )
    return m


def judge(m: Measurement, scenario: Scenario, baseline: Measurement | None) -> None:
    if baseline is not None and baseline.rps > 0 and not scenario.baseline:
        m.ratio = m.rps / baseline.rps
    if m.non_2xx_3xx:
        m.problems.append(f"{m.non_2xx_3xx} non-2xx/3xx responses")
    if any(m.socket_errors.values()):
        m.problems.append("socket errors " + ", ".join(f"{k} {v}" for k, v in m.socket_errors.items() if v))
    if m.requests == 0:
        m.problems.append("no requests completed")
    if m.workers == 1:
        m.target = scenario.target_text()
        m.target_ratio, m.p99_limit_ms = scenario.target_ratio, scenario.p99_limit_ms
        if scenario.target_ratio is not None and (m.ratio is None or m.ratio < scenario.target_ratio):
            m.problems.append(f"ratio {m.ratio or 0:.3f} < {scenario.target_ratio:.2f}")
        if scenario.p99_limit_ms is not None and m.p99_ms > scenario.p99_limit_ms:
            m.problems.append(f"p99 {m.p99_ms:.1f} ms > {scenario.p99_limit_ms:g} ms")
    has_target = m.workers == 1 and (scenario.target_ratio is not None or scenario.p99_limit_ms is not None)
    if m.problems:
        m.status = "FAIL"
    elif scenario.baseline:
        m.status = "baseline"
    else:
        m.status = "pass" if has_target else "info"


# ---------------------------------------------------------------------------------------------------------
# 5. Deadlines, in-process
# ---------------------------------------------------------------------------------------------------------


def bench_deadlines(count: int, seed: int) -> dict[str, Any]:
    import holidays

    from motcua.dossiers.deadlines import LOCAL_TZ, DurationUnit, WorkingCalendar, compute_due

    rng = random.Random(seed)
    years = [2025, 2026, 2027]
    started = time.perf_counter()
    days_off = {d: str(n) for d, n in holidays.country_holidays("VN", years=years, language="vi").items()}
    extra = {date(2025, 4, 26): "Làm bù cho ngày nghỉ 02/05/2025", date(2026, 8, 22): "Làm bù cho ngày nghỉ 31/08/2026"}
    calendar = WorkingCalendar.default(days_off=days_off, extra_working_days=extra)
    calendar_s = time.perf_counter() - started

    first = datetime(2025, 1, 1, tzinfo=LOCAL_TZ)
    span_minutes = int((datetime(2028, 1, 1, tzinfo=LOCAL_TZ) - first).total_seconds() // 60)
    choices: list[tuple[DurationUnit, list[Any]]] = [
        (DurationUnit.WORKING_DAYS, [1, 2, 3, 5, 7, 10, 12, 15, 20, 30, 45, 90, Decimal("0.5"), Decimal("1.5"), 2.5]),
        (DurationUnit.WORKING_HOURS, [1, 2, 4, 8, 16, 24, 40, Decimal("0.5"), 1.5]),
        (DurationUnit.CALENDAR_DAYS, [1, 3, 5, 7, 10, 15, 30, 60, 90]),
        (DurationUnit.SAME_DAY, [None]),
    ]
    cases = []
    for _ in range(count):
        unit, amounts = rng.choice(choices)
        start = first + timedelta(minutes=rng.randrange(span_minutes), seconds=rng.randrange(60))
        pauses: tuple[tuple[datetime, datetime], ...] = ()
        if rng.random() < 0.1:  # a supplement request stops the clock for a few days
            p0 = start + timedelta(hours=rng.randrange(1, 200))
            pauses = ((p0, p0 + timedelta(hours=rng.randrange(1, 120))),)
        cases.append((start, rng.choice(amounts), unit, pauses))

    started = time.perf_counter()
    for start, amount, unit, pauses in cases:
        compute_due(calendar, start=start, amount=amount, unit=unit, pauses=pauses)
    cold_s = time.perf_counter() - started  # includes building the calendar's day index

    repeats = []
    for _ in range(2):
        started = time.perf_counter()
        for start, amount, unit, pauses in cases:
            compute_due(calendar, start=start, amount=amount, unit=unit, pauses=pauses)
        repeats.append(time.perf_counter() - started)
    units: dict[str, int] = {}
    for _, _, unit, _ in cases:
        units[unit.value] = units.get(unit.value, 0) + 1
    passed = cold_s < DEADLINE_TARGET_S
    return {
        "computations": count,
        "seconds": round(cold_s, 4),
        "seconds_warm": [round(s, 4) for s in repeats],
        "per_computation_us": round(cold_s / count * 1e6, 2),
        "calendar_build_seconds": round(calendar_s, 4),
        "units": units,
        "with_pause": sum(1 for c in cases if c[3]),
        "target_seconds": DEADLINE_TARGET_S,
        "status": "pass" if passed else "FAIL",
    }


# ---------------------------------------------------------------------------------------------------------
# 6. Report
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
    commit = command_output(["git", "rev-parse", "HEAD"])
    dirty = bool(command_output(["git", "status", "--porcelain", "--untracked-files=no"]))
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_mb": mem_kb // 1024,
        "loadavg_at_start": list(os.getloadavg()),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "git_commit": commit,
        "git_dirty": dirty,
        "wrk": command_output(["wrk", "-v"]).splitlines()[0] if shutil.which("wrk") else "",
    }


def markdown(report: dict[str, Any]) -> str:
    p = report["parameters"]
    m = report["machine"]
    lines = [
        f"# Benchmark {report['timestamp']}",
        "",
        f"Commit `{m['git_commit'][:12]}`{' (with uncommitted changes)' if m['git_dirty'] else ''}, "
        f"{m['nproc']} CPUs ({m['cpu_model'] or 'unknown CPU'}), Python {m['python']}, {m['wrk']}, "
        f"PostgreSQL {report['setup'].get('postgres_version', '?')}.",
        f"wrk -t{p['threads']} -c{p['connections']} -d{p['duration']}s (warm-up {p['warmup']} s) per scenario; "
        f"{report['setup'].get('procedures_total', '?')} published procedures. "
        "Ratio = requests/s of the scenario ÷ requests/s of `constant` (GET /api/health) with the same workers "
        "in the same run.",
        "",
        "| scenario | workers | rps | p50 ms | p99 ms | ratio to constant | target | pass/fail |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in report["runs"]:
        ratio = "1.00" if r["status"] == "baseline" else (f"{r['ratio']:.3f}" if r["ratio"] is not None else "—")
        status = r["status"] + (f" ({'; '.join(r['problems'])})" if r["problems"] else "")
        lines.append(
            f"| {r['scenario']} | {r['workers']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {ratio} | {r['target']} | {status} |"
        )
    d = report.get("deadlines")
    if d:
        lines.append(
            f"| deadlines (in-process) | — | {d['computations'] / d['seconds']:.0f}/s | — | — | — "
            f"| {d['computations']:,} in < {d['target_seconds']:g} s | {d['status']} ({d['seconds']:.3f} s) |"
        )
    lines += ["", f"Result: **{'PASS' if report['passed'] else 'FAIL'}**"]
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--duration", type=int, default=None, help="seconds of load per scenario (default 15)")
    parser.add_argument("--warmup", type=int, default=None, help="seconds of warm-up per scenario (default 3)")
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections (default 64)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", default="1,2", help="uvicorn worker counts to measure (default 1,2)")
    parser.add_argument("--scenarios", default="", help="comma-separated subset of scenarios (constant is always run)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 s per scenario, 1 s warm-up")
    parser.add_argument("--report-only", action="store_true", help="exit 0 even when a target is missed")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    args = parser.parse_args(argv)
    args.duration = args.duration or (3 if args.quick else 15)
    args.warmup = args.warmup if args.warmup is not None else (1 if args.quick else 3)
    if not 1 <= args.duration <= MAX_DURATION_S or not 0 <= args.warmup <= MAX_DURATION_S:
        parser.error(f"--duration and --warmup must be at most {MAX_DURATION_S} s")
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
        parser.error(f"unknown scenario(s): {', '.join(sorted(wanted - names))} (known: {', '.join(sorted(names))})")
    args.selected = [s for s in SCENARIOS if s.baseline or not wanted or s.name in wanted]
    args.seed = args.seed if args.seed is not None else secrets.randbelow(1 << 30)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM (e.g. from make or CI) unwinds like Ctrl-C, so the server is stopped and the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.monotonic()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report: dict[str, Any] = {
        "timestamp": stamp,
        "parameters": {
            "duration": args.duration, "warmup": args.warmup, "connections": args.connections,
            "threads": args.threads, "workers": args.worker_counts, "quick": args.quick, "seed": args.seed,
            "scenarios": [
                {"name": s.name, "summary": s.summary, "method": s.method, "path": s.path,
                 "target_ratio": s.target_ratio, "p99_limit_ms": s.p99_limit_ms}
                for s in args.selected
            ],
        },  # fmt: skip
        "machine": machine_info(),
        "setup": {},
        "runs": [],
        "notes": [],
    }
    try:
        wrk = ensure_wrk()
        report["machine"]["wrk"] = command_output([wrk, "-v"]).splitlines()[0]
        codes = national_codes()
        expected_total = len(set(codes) | set(detailed_codes()))
        if len(set(codes)) < MIN_NATIONAL_PROCEDURES:
            raise BenchError(f"{NATIONAL_CSV.name} has {len(set(codes))} codes, expected {MIN_NATIONAL_PROCEDURES}")
        with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmpdir, throwaway_database() as (name, db_url):
            tmp = Path(tmpdir)
            report["setup"]["database"] = name
            report["setup"]["postgres_version"] = asyncio.run(_admin("SELECT 1"))
            env = app_environment(db_url, secrets.token_urlsafe(36))  # 48 characters
            timings = {
                "migrate": run_cli(["migrate"], env, tmp),
                "seed": run_cli(["seed"], env, tmp),
                "catalog_import": run_cli(["catalog", "import", str(NATIONAL_CSV)], env, tmp),
            }
            report["setup"]["seconds"] = {k: round(v, 1) for k, v in timings.items()}
            ctx = Context(base_url="", national_codes=codes, rng=random.Random(args.seed))
            for workers in args.worker_counts:
                log(f"server with {workers} worker(s)")
                with server(workers, env, tmp) as base:
                    ctx.base_url = base
                    if "procedures_total" not in report["setup"]:
                        total = http_json(f"{base}/api/public/procedures?size=1")["total"]
                        report["setup"]["procedures_total"] = total
                        report["setup"]["procedures_expected"] = expected_total
                        log(f"published procedures: {total} (expected {expected_total} = national ∪ detailed)")
                        if total < MIN_NATIONAL_PROCEDURES:
                            raise BenchError(
                                f"the catalog has {total} published procedures, expected ≥ {MIN_NATIONAL_PROCEDURES}: "
                                "`motcua catalog import` of the national CSV did not import everything"
                            )
                        if total != expected_total:
                            report["notes"].append(
                                f"catalog has {total} procedures, {expected_total} distinct codes expected: "
                                "the national import duplicated or lost procedures"
                            )
                    ctx.token = login(base) if any(s.auth for s in args.selected) else None
                    baseline: Measurement | None = None
                    for scenario in args.selected:
                        m = measure(scenario, ctx, wrk, workers, args, tmp)
                        if scenario.baseline:
                            baseline = m
                        judge(m, scenario, baseline)
                        report["runs"].append(asdict(m))
        log("deadlines: 10,000 compute_due in-process")
        report["deadlines"] = bench_deadlines(DEADLINE_COMPUTATIONS, args.seed)
        log(f"  {report['deadlines']['seconds']:.3f} s ({report['deadlines']['per_computation_us']} µs each)")
    except BenchError as exc:
        log(f"ERROR: {exc}")
        report["error"] = str(exc)
    except KeyboardInterrupt:
        log("interrupted")
        return 130

    one_worker_fail = any(r["status"] == "FAIL" and r["workers"] == 1 for r in report["runs"])
    error_fail = any(r["non_2xx_3xx"] or any(r["socket_errors"].values()) for r in report["runs"])
    deadline_fail = report.get("deadlines", {}).get("status") == "FAIL"
    report["passed"] = not (one_worker_fail or error_fail or deadline_fail or "error" in report)
    report["elapsed_seconds"] = round(time.monotonic() - began, 1)
    if report["runs"] or "deadlines" in report:
        path = save(report, stamp)
        print(markdown(report))
        log(f"saved {path.relative_to(ROOT)} and bench/results/latest.md ({report['elapsed_seconds']:.0f} s in all)")
    if "error" in report:
        return 2
    if report["passed"] or (args.report_only and not error_fail):
        return 0
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
