"""The `motcua` command: migrate, seed, create staff, import the catalog, run the reminder worker, export the
OpenAPI document."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from motcua.core import embedded_pg
from motcua.core.config import PROJECT_ROOT, Settings, get_settings
from motcua.core.db import create_engine, create_sessionmaker
from motcua.core.errors import DomainError

T = TypeVar("T")


def _migrations_config(database_url: str) -> object:
    from alembic.config import Config

    config = Config(toml_file=str(PROJECT_ROOT / "pyproject.toml"))
    config.attributes["database_url"] = database_url
    return config


def migrate(settings: Settings, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(_migrations_config(settings.url), revision)  # type: ignore[arg-type]


async def _in_transaction(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    import motcua.models  # noqa: F401 - every table must be known before the first flush

    engine = create_engine(settings, pooled=False)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return await work(session)
    finally:
        await engine.dispose()


def _progress(label: str) -> Callable[[int], None]:
    def show(n: int) -> None:
        print(f"\r{label}: {n}", end="", file=sys.stderr, flush=True)

    return show


def cmd_seed(settings: Settings, args: argparse.Namespace) -> int:
    from motcua.seed.demo import DEMO_PASSWORD, STAFF, database_is_empty, seed_demo

    async def work(session: AsyncSession) -> bool:
        if not await database_is_empty(session):
            return False
        await seed_demo(
            session, settings=settings, progress=_progress("Nạp danh mục thủ tục / importing procedures")
        )
        print(file=sys.stderr)
        return True

    seeded = asyncio.run(_in_transaction(settings, work))
    if not seeded:
        print("The database already has data: nothing seeded.")
        return 0 if args.if_empty else 1
    print(
        "Demo commune seeded: Trung tâm Phục vụ hành chính công xã Vĩnh Hưng (Phú Thọ), 484 procedures, 200 dossiers."
    )
    print(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for username, full_name, roles, _dep, _sectors in STAFF:
        print(f"  {username:<12} {full_name:<22} {', '.join(roles)}")
    return 0


def cmd_center_create(settings: Settings, args: argparse.Namespace) -> int:
    """A real commune's center on a fresh database (or beside others): then `motcua staff create` its admin."""
    from pydantic import ValidationError

    from motcua.seed.center import set_up_center
    from motcua.units.schemas import CenterCreate, FormerCommune

    try:
        data = CenterCreate(
            province_code=args.province_code,
            province_name=args.province_name,
            commune_name=args.commune,
            commune_code=args.commune_code,
            unit_code=args.unit_code,
            name=args.name,
            address=args.address,
            phone=args.phone,
            former_communes=[FormerCommune(name=name) for name in args.merged_from],
        )
    except ValidationError as exc:
        for error in exc.errors():
            print(f"error: {'.'.join(str(p) for p in error['loc'])}: {error['msg']}", file=sys.stderr)
        return 2

    async def work(session: AsyncSession) -> Any:
        return await set_up_center(
            session, data=data, progress=_progress("Nạp danh mục thủ tục / importing procedures")
        )

    try:
        done = asyncio.run(_in_transaction(settings, work))
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(file=sys.stderr)
    print(f"Created {data.name} ({data.unit_code}), center id {done.unit.id}.")
    if done.catalog is not None:
        print(f"Catalog: {done.catalog.created} procedures imported (published).")
    print("Next: motcua staff create --roles admin … to create its administrator.")
    return 0


def cmd_staff_create(settings: Settings, args: argparse.Namespace) -> int:
    from motcua.staff import service as staff_service
    from motcua.units.models import Unit

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    if not password:
        print("error: give the password on standard input with --password-stdin", file=sys.stderr)
        return 2
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]

    async def work(session: AsyncSession) -> str:
        if args.unit:
            unit_id = await session.scalar(select(Unit.id).where(Unit.unit_code == args.unit))
            if unit_id is None:
                raise SystemExit(f"error: no service center with unit code {args.unit}")
        else:
            ids = (await session.scalars(select(Unit.id).limit(2))).all()
            if len(ids) != 1:
                raise SystemExit(
                    "error: the database has several (or no) service centers: give --unit <unit code>"
                )
            unit_id = ids[0]
        staff = await staff_service.create_account(
            session,
            unit_id=unit_id,
            username=args.username,
            full_name=args.full_name,
            password=password,
            roles=roles,
            email=args.email,
            phone=args.phone,
        )
        return staff.username

    try:
        username = asyncio.run(_in_transaction(settings, work))
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    except ValueError as exc:  # pydantic validation of the account fields
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Created staff account '{username}'.")
    return 0


def cmd_catalog_import(settings: Settings, args: argparse.Namespace) -> int:
    from motcua.procedures import importing
    from motcua.procedures.sources import SourceFormatError, read_procedures
    from motcua.units.models import AdminArea

    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return 2

    async def work(session: AsyncSession) -> importing.ImportReport:
        stmt = select(AdminArea.id).where(AdminArea.level == "province")
        if args.province:
            stmt = stmt.where(AdminArea.code == args.province)
        ids = (await session.scalars(stmt.limit(2))).all()
        if len(ids) != 1:
            raise SystemExit("error: give --province <code> (none or several provinces match)")
        return await importing.import_records(
            session,
            province_id=ids[0],
            records=read_procedures(path),
            publish=not args.no_publish,
            progress=_progress(f"Importing {path.name}"),
        )

    try:
        report = asyncio.run(_in_transaction(settings, work))
    except SourceFormatError as exc:
        print(f"\nerror: {exc} (nothing was imported)", file=sys.stderr)
        return 1
    print(file=sys.stderr)
    print(f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}")
    if report.unparsed_times:
        print(f"{len(report.unparsed_times)} processing times could not be read (amount left empty):")
        for code, channel, text in report.unparsed_times:
            print(f"  {code} [{channel}] {text[:100]!r}")
    return 0


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    migrate(settings, args.revision)
    return 0


def cmd_openapi(_settings: Settings, args: argparse.Namespace) -> int:
    import yaml

    from motcua.main import create_app

    spec = create_app(Settings()).openapi()  # the document needs no database
    text = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=120)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """`make run`: the schema up to date, the demo commune in an empty database, then the API and the web app.
    This process holds the embedded server (when there is no DATABASE_URL) for all of it: uvicorn runs as its
    child with the DATABASE_URL this process set, and when it stops (Ctrl+C reaches both), so does the server."""
    migrate(settings)
    if cmd_seed(settings, argparse.Namespace(if_empty=True)) != 0:
        return 1
    print(f"Serving Một Cửa on http://{args.host}:{args.port}  (stop with Ctrl+C)", flush=True)
    command = [sys.executable, "-m", "uvicorn", "motcua.main:create_app", "--factory", "--proxy-headers"]
    command += ["--loop", "motcua.core.loop:new_event_loop", "--host", args.host, "--port", str(args.port)]
    # In a session of its own, so that a Ctrl+C reaches it once, forwarded by this process, whichever of the
    # two the signal was sent to; SIGTERM (a service manager) is forwarded the same way.
    server = subprocess.Popen([*command, "--workers", str(args.workers)], start_new_session=True)  # noqa: S603
    signal.signal(signal.SIGTERM, lambda signum, _frame: server.send_signal(signum))
    while True:
        try:
            return server.wait()
        except KeyboardInterrupt:
            server.send_signal(signal.SIGINT)  # then wait for its clean shutdown


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    """The reminder job for deployments with several API workers (REMINDERS_INTERVAL_SECONDS=0 on them). Two
    of these running at once are safe: every reminder, hand-over and e-mail is claimed once in the database."""
    import motcua.models  # noqa: F401 - every table must be known before the first flush
    from motcua.reminders.service import run_forever, run_once

    async def work() -> None:
        engine = create_engine(settings, pooled=False)
        try:
            maker = create_sessionmaker(engine)
            if args.once:
                print(json.dumps((await run_once(maker, settings)).model_dump()))
            else:
                await run_forever(maker, settings, interval=args.interval)
        finally:
            await engine.dispose()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(work())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motcua", description="Một Cửa service center software")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="upgrade the database schema")
    p.add_argument("revision", nargs="?", default="head")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("run", help="migrate, seed the demo if the database is empty, serve API + web app")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("seed", help="create the demo commune (only into an empty database)")
    p.add_argument("--if-empty", action="store_true", help="exit 0 when the database already has data")
    p.set_defaults(func=cmd_seed)

    center = sub.add_parser("center", help="service centers").add_subparsers(
        dest="center_command", required=True
    )
    p = center.add_parser(
        "create", help="set up a commune's center: calendar, and the catalog if the province has none"
    )
    p.add_argument("--province-code", required=True, help="two digits, e.g. 25")
    p.add_argument("--province-name", required=True, help='e.g. "Tỉnh Phú Thọ"')
    p.add_argument("--commune", required=True, help='the commune the center serves, e.g. "Xã Vĩnh Hưng"')
    p.add_argument("--commune-code", help="five digits, when known")
    p.add_argument("--unit-code", required=True, help="QCVN 102 agency code, e.g. 000.17.22.H56")
    p.add_argument("--name", required=True, help="name of the center")
    p.add_argument("--address")
    p.add_argument("--phone")
    p.add_argument("--merged-from", action="append", default=[], help="a former commune (repeat for each)")
    p.set_defaults(func=cmd_center_create)

    staff = sub.add_parser("staff", help="staff accounts").add_subparsers(dest="staff_command", required=True)
    p = staff.add_parser("create", help="create a staff account")
    p.add_argument("--username", required=True)
    p.add_argument("--full-name", required=True)
    p.add_argument("--roles", required=True, help="comma-separated: admin,leader,receptionist,specialist")
    p.add_argument("--unit", help="unit code of the service center (optional when there is only one)")
    p.add_argument("--email")
    p.add_argument("--phone")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=cmd_staff_create)

    catalog = sub.add_parser("catalog", help="procedure catalog").add_subparsers(
        dest="catalog_command", required=True
    )
    p = catalog.add_parser("import", help="import procedures from commune JSONL or the national CSV (.gz ok)")
    p.add_argument("file")
    p.add_argument("--province", help="province code (optional when there is only one)")
    p.add_argument("--no-publish", action="store_true", help="import new procedures unpublished")
    p.set_defaults(func=cmd_catalog_import)

    p = sub.add_parser("worker", help="run the reminder job (due soon / overdue steps, absences, e-mail)")
    p.add_argument("--once", action="store_true", help="one run, print what it did, exit")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between runs (default 60)")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("openapi", help="write the OpenAPI document as YAML")
    p.add_argument("--output", default="-")
    p.set_defaults(func=cmd_openapi)
    return parser


# Commands that never open the database: they neither need nor start the embedded server.
_WITHOUT_DATABASE = frozenset({"openapi"})


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = get_settings()
    if args.command not in _WITHOUT_DATABASE:
        # DATABASE_URL, or the embedded server of this checkout (started now if needed, stopped when the last
        # process using it exits: a command run beside `make run` leaves it running).
        url = embedded_pg.database_url(settings.database_url, settings.embedded_pgdata)
        settings = settings.model_copy(update={"database_url": url})
    result: int = args.func(settings, args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
