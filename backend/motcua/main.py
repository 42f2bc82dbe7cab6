"""create_app(): routers, error handlers, the single-page app and the database lifecycle."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError

from motcua.auth.router import router as auth_router
from motcua.calendar.router import router as calendar_router
from motcua.core import embedded_pg
from motcua.core.config import DEFAULT_SECRET, Settings, get_settings
from motcua.core.db import create_engine, create_read_sessionmaker, create_sessionmaker
from motcua.core.errors import NotFound, RejectNul, install_handlers
from motcua.core.static import mount_spa
from motcua.core.web import SecurityHeaders
from motcua.dossiers.router import router as dossiers_router
from motcua.notifications.router import router as notifications_router
from motcua.procedures import service as procedures_service
from motcua.procedures.catalog_cache import CatalogCache, settle_heap
from motcua.procedures.router import router as procedures_router
from motcua.process_templates.router import router as process_templates_router
from motcua.public.router import router as public_router
from motcua.staff.router import router as staff_router
from motcua.units.router import router as units_router
from motcua.work.router import router as work_router

log = logging.getLogger("motcua")
API_VERSION = "0.1.0"


def _operation_id(route: APIRoute) -> str:
    # Stable operation ids (`tag-function`) keep openapi.yaml and the generated client readable.
    tag = str(route.tags[0]) if route.tags else "default"
    return f"{tag}-{route.name}".replace("_", "-")


def _start_reminders(app: FastAPI, settings: Settings) -> asyncio.Task[None] | None:
    """`make run` needs no second process: the reminder job runs in the API process (several workers may each
    run it; every effect is claimed once). With REMINDERS_INTERVAL_SECONDS=0 it is left to `motcua worker`."""
    if settings.reminders_interval_seconds <= 0:
        return None
    from motcua.reminders.service import run_forever

    return asyncio.create_task(
        run_forever(app.state.sessionmaker, settings, interval=settings.reminders_interval_seconds)
    )


def create_app(given: Settings | None = None) -> FastAPI:
    settings: Settings = given or get_settings()
    if settings.secret_key.get_secret_value() == DEFAULT_SECRET:
        log.warning("Running with the default development SECRET_KEY: never expose this server.")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        nonlocal settings
        if not settings.database_url:  # uvicorn started by hand on a developer's machine: the embedded server
            url = await asyncio.to_thread(
                embedded_pg.database_url, settings.database_url, settings.embedded_pgdata
            )
            settings = app.state.settings = settings.model_copy(update={"database_url": url})
        engine = create_engine(settings)
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.read_sessionmaker = create_read_sessionmaker(engine)
        await _warm_catalog(app, settings)
        # What start-up loaded lives as long as the process: out of the garbage collector's reach (see
        # `settle_heap`), again after each catalog rebuild.
        settle_heap()
        app.state.catalog.settle_heap = True
        reminders = _start_reminders(app, settings)
        try:
            yield
        finally:
            if reminders is not None:
                reminders.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await reminders
            await engine.dispose()

    app = FastAPI(
        title="Một Cửa API",
        version=API_VERSION,
        description=(
            "API of Một Cửa, the software of a Vietnamese commune Public Administration Service Center: "
            "procedure catalog, staff, working calendar and deadlines. Staff endpoints need a bearer token "
            "from `/api/auth/token`; `/api/public/*` needs none."
        ),
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        openapi_url="/api/openapi.json",
        # No Swagger UI: it runs inline scripts from a CDN, which the Content-Security-Policy refuses (and the
        # counter's network may not reach). The contract is /api/openapi.json and the committed openapi.yaml.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.catalog = CatalogCache(refresh_seconds=settings.catalog_refresh_seconds)
    install_handlers(app)
    app.add_middleware(RejectNul)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so that every answer carries them

    @app.get("/api/health", tags=["meta"], summary="Health check")
    async def health() -> dict[str, str]:
        """A constant answer without database access; also the baseline of the benchmark."""
        return {"status": "ok"}

    # The busiest first: route matching walks the list (bench/NOTES.md). Citizens' pages, then the officers'
    # work lists, then the dossiers (the intake).
    for router in (
        public_router,
        work_router,
        dossiers_router,
        notifications_router,
        process_templates_router,
        auth_router,
        staff_router,
        units_router,
        calendar_router,
        procedures_router,
    ):
        app.include_router(router)

    mount_spa(app, settings.spa_dir)
    _use_error_body_for_422(app)
    return app


def _use_error_body_for_422(app: FastAPI) -> None:
    """FastAPI documents 422 with its own shape; this app answers every error with `ErrorBody`."""
    default_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = default_openapi()
        components = spec.setdefault("components", {}).setdefault("schemas", {})
        # Paths in a fixed order, whatever the order the routers are included in (busiest first, see above).
        spec["paths"] = dict(sorted(spec.get("paths", {}).items()))
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        for operations in spec.get("paths", {}).values():
            for operation in operations.values():
                response = operation.get("responses", {}).get("422")
                if response is not None:
                    response["description"] = "Invalid input: the fields are named in `fields`."
                    response["content"] = {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
                    }
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


async def _warm_catalog(app: FastAPI, settings: Settings) -> None:
    """Load the published catalog before the first citizen asks, so that no request waits for it."""
    try:
        async with app.state.read_sessionmaker() as session:
            province_id = await procedures_service.public_province_id(session, settings)
            await app.state.catalog.snapshot(session, province_id=province_id)
            app.state.public_province_id = province_id
    except (NotFound, DBAPIError) as exc:  # an empty or not yet migrated database: load on first use
        log.info("catalog not preloaded: %s", exc)
